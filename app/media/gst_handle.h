// Owning handles for GStreamer and GLib references, so every reference taken is released once:
// a GstObject (element, pad, bus, ...), caps, a structure, a sample, a promise, a session
// description. Construct from a reference you own (transfer full); GstRef::ref() takes a new
// reference on a borrowed pointer.
#pragma once
#include <gst/gst.h>
#include <gst/webrtc/webrtc.h>
#include <memory>

namespace rudebot::gst {

struct ObjectUnref {
    void operator()(gpointer p) const
    {
        if (p)
            gst_object_unref(p);
    }
};
struct CapsUnref {
    void operator()(GstCaps *p) const
    {
        if (p)
            gst_caps_unref(p);
    }
};
struct StructureFree {
    void operator()(GstStructure *p) const
    {
        if (p)
            gst_structure_free(p);
    }
};
struct SampleUnref {
    void operator()(GstSample *p) const
    {
        if (p)
            gst_sample_unref(p);
    }
};
struct PromiseUnref {
    void operator()(GstPromise *p) const
    {
        if (p)
            gst_promise_unref(p);
    }
};
struct DescriptionFree {
    void operator()(GstWebRTCSessionDescription *p) const
    {
        if (p)
            gst_webrtc_session_description_free(p);
    }
};
struct GFree {
    void operator()(gpointer p) const { g_free(p); }
};
struct GObjectUnref {
    void operator()(gpointer p) const
    {
        if (p)
            g_object_unref(p);
    }
};

template <typename T> class GstRef : public std::unique_ptr<T, ObjectUnref> {
public:
    using std::unique_ptr<T, ObjectUnref>::unique_ptr;
    // A new reference on a pointer someone else owns.
    static GstRef ref(T *borrowed)
    {
        return GstRef(borrowed ? static_cast<T *>(gst_object_ref(borrowed)) : nullptr);
    }
};

using ElementRef = GstRef<GstElement>;
using PadRef = GstRef<GstPad>;
using BusRef = GstRef<GstBus>;
using CapsRef = std::unique_ptr<GstCaps, CapsUnref>;
using StructureRef = std::unique_ptr<GstStructure, StructureFree>;
using SampleRef = std::unique_ptr<GstSample, SampleUnref>;
using PromiseRef = std::unique_ptr<GstPromise, PromiseUnref>;
using DescriptionRef = std::unique_ptr<GstWebRTCSessionDescription, DescriptionFree>;
using CharRef = std::unique_ptr<gchar, GFree>;
template <typename T> using GObjectRef = std::unique_ptr<T, GObjectUnref>;

// An element from its factory; a floating reference is sunk, so the handle owns one reference.
inline ElementRef makeElement(const char *factory, const char *name = nullptr)
{
    GstElement *e = gst_element_factory_make(factory, name);
    return ElementRef(e ? static_cast<GstElement *>(gst_object_ref_sink(e)) : nullptr);
}

}  // namespace rudebot::gst
