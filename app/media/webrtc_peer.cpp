#include "media/webrtc_peer.h"

#include <QMetaObject>
#include <QSslCertificate>
#include <gst/sdp/sdp.h>
#include <mutex>

namespace rudebot {

// Shared with every callback webrtcbin holds: the callbacks run on webrtcbin's threads and may
// outlive the peer, so they reach it only through this, under its lock.
struct WebRtcPeer::Guard {
    std::mutex mutex;
    WebRtcPeer *peer = nullptr;
    GstElement *webrtc = nullptr;
};

namespace {

using GuardPtr = std::shared_ptr<WebRtcPeer::Guard>;

gpointer newGuardRef(const GuardPtr &guard)
{
    return new GuardPtr(guard);
}
void deleteGuardRef(gpointer data, GClosure * = nullptr)
{
    delete static_cast<GuardPtr *>(data);
}
void deleteGuardRefNotify(gpointer data)
{
    delete static_cast<GuardPtr *>(data);
}

// libnice asks the LAN's router for port mappings over UPnP IGD unless told not to: multicast
// the office did not ask for, and a gssdp warning a second on stderr where multicast is
// refused. The paths docs/network.md describes (a forwarded port, a VPN, TURN) do not need it.
void disableUpnp(GstElement *webrtcbin)
{
    GObject *ice = nullptr;
    g_object_get(webrtcbin, "ice-agent", &ice, nullptr);
    if (!ice)
        return;
    if (g_object_class_find_property(G_OBJECT_GET_CLASS(ice), "agent")) {
        GObject *agent = nullptr;
        g_object_get(ice, "agent", &agent, nullptr);
        if (agent) {
            if (g_object_class_find_property(G_OBJECT_GET_CLASS(agent), "upnp"))
                g_object_set(agent, "upnp", FALSE, nullptr);
            g_object_unref(agent);
        }
    }
    g_object_unref(ice);
}

}  // namespace

// Runs f(peer) on the peer's thread, if the peer still exists.
template <typename Guard, typename F> static void post(gpointer data, F f)
{
    const auto &guard = *static_cast<std::shared_ptr<Guard> *>(data);
    std::lock_guard<std::mutex> lock(guard->mutex);
    if (guard->peer) {
        WebRtcPeer *peer = guard->peer;
        QMetaObject::invokeMethod(
            peer, [peer, f] { f(peer); }, Qt::QueuedConnection);
    }
}

WebRtcPeer::WebRtcPeer(GstElement *webrtcbin, Role role, const IceSettings &ice, QObject *parent)
    : QObject(parent), m_webrtc(webrtcbin), m_role(role), m_guard(std::make_shared<Guard>())
{
    m_guard->peer = this;
    m_guard->webrtc = webrtcbin;
    // One transport for everything: one ICE check, one DTLS handshake, one fingerprint.
    gst_util_set_object_arg(G_OBJECT(m_webrtc), "bundle-policy", "max-bundle");
    if (!ice.stunServer.isEmpty())
        g_object_set(m_webrtc, "stun-server", ice.stunServer.toUtf8().constData(), nullptr);
    for (const QString &turn : ice.turnServers) {
        gboolean added = FALSE;
        g_signal_emit_by_name(m_webrtc, "add-turn-server", turn.toUtf8().constData(), &added);
    }
    m_relayOnly = ice.relayOnly;
    if (ice.relayOnly)
        gst_util_set_object_arg(G_OBJECT(m_webrtc), "ice-transport-policy", "relay");
    disableUpnp(m_webrtc);

    g_signal_connect_data(m_webrtc, "on-negotiation-needed", G_CALLBACK(onNegotiationNeeded),
        newGuardRef(m_guard), deleteGuardRef, GConnectFlags(0));
    g_signal_connect_data(m_webrtc, "on-ice-candidate", G_CALLBACK(onIceCandidate),
        newGuardRef(m_guard), deleteGuardRef, GConnectFlags(0));
    g_signal_connect_data(m_webrtc, "notify::connection-state", G_CALLBACK(onConnectionState),
        newGuardRef(m_guard), deleteGuardRef, GConnectFlags(0));
    g_signal_connect_data(m_webrtc, "notify::ice-gathering-state", G_CALLBACK(onGatheringState),
        newGuardRef(m_guard), deleteGuardRef, GConnectFlags(0));
}

WebRtcPeer::~WebRtcPeer()
{
    {
        std::lock_guard<std::mutex> lock(m_guard->mutex);
        m_guard->peer = nullptr;
    }
    g_signal_handlers_disconnect_matched(m_webrtc, G_SIGNAL_MATCH_FUNC, 0, 0, nullptr,
        reinterpret_cast<gpointer>(onNegotiationNeeded), nullptr);
    g_signal_handlers_disconnect_matched(m_webrtc, G_SIGNAL_MATCH_FUNC, 0, 0, nullptr,
        reinterpret_cast<gpointer>(onIceCandidate), nullptr);
    g_signal_handlers_disconnect_matched(m_webrtc, G_SIGNAL_MATCH_FUNC, 0, 0, nullptr,
        reinterpret_cast<gpointer>(onConnectionState), nullptr);
    g_signal_handlers_disconnect_matched(m_webrtc, G_SIGNAL_MATCH_FUNC, 0, 0, nullptr,
        reinterpret_cast<gpointer>(onGatheringState), nullptr);
}

void WebRtcPeer::onNegotiationNeeded(GstElement *, gpointer guard)
{
    post<Guard>(guard, [](WebRtcPeer *p) {
        if (p->m_role == Role::Offerer && p->m_state == State::New)
            p->createOffer();
    });
}

void WebRtcPeer::onIceCandidate(GstElement *, guint mline, gchar *candidate, gpointer guard)
{
    IceCandidate c{int(mline), QString::fromUtf8(candidate)};
    post<Guard>(guard, [c](WebRtcPeer *p) {
        if (p->m_state != State::Failed && p->m_state != State::Closed) {
            ++p->m_localCandidates;
            emit p->messageReady(toJson(c));
        }
    });
}

// Relay-only with nothing gathered: the relay refused or never answered. Said at once and
// by name, rather than as "no path" when ICE gives up.
void WebRtcPeer::onGatheringState(GObject *object, GParamSpec *, gpointer guard)
{
    GstWebRTCICEGatheringState state = GST_WEBRTC_ICE_GATHERING_STATE_NEW;
    g_object_get(object, "ice-gathering-state", &state, nullptr);
    if (state != GST_WEBRTC_ICE_GATHERING_STATE_COMPLETE)
        return;
    post<Guard>(guard, [](WebRtcPeer *p) {
        if (p->m_relayOnly && p->m_localCandidates == 0 && p->m_state != State::Connected)
            p->fail(QStringLiteral("The TURN relay gave no address: check its host, port, user "
                                   "and password (turn= in the station's configuration)."));
    });
}

void WebRtcPeer::onConnectionState(GObject *object, GParamSpec *, gpointer guard)
{
    GstWebRTCPeerConnectionState state = GST_WEBRTC_PEER_CONNECTION_STATE_NEW;
    g_object_get(object, "connection-state", &state, nullptr);
    post<Guard>(guard, [state](WebRtcPeer *p) { p->connectionStateChanged(int(state)); });
}

void WebRtcPeer::onDescriptionCreated(GstPromise *promise, gpointer data)
{
    const auto &guard = *static_cast<GuardPtr *>(data);
    if (gst_promise_wait(promise) != GST_PROMISE_RESULT_REPLIED)
        return;  // interrupted or expired: the session is being torn down
    const GstStructure *reply = gst_promise_get_reply(promise);
    GError *error = nullptr;
    if (reply && gst_structure_has_field(reply, "error"))
        gst_structure_get(reply, "error", G_TYPE_ERROR, &error, nullptr);
    gst::DescriptionRef description;
    SessionDescription::Kind kind = SessionDescription::Kind::Offer;
    if (!error && reply) {
        GstWebRTCSessionDescription *d = nullptr;
        if (gst_structure_has_field(reply, "offer")) {
            gst_structure_get(reply, "offer", GST_TYPE_WEBRTC_SESSION_DESCRIPTION, &d, nullptr);
        } else if (gst_structure_has_field(reply, "answer")) {
            gst_structure_get(reply, "answer", GST_TYPE_WEBRTC_SESSION_DESCRIPTION, &d, nullptr);
            kind = SessionDescription::Kind::Answer;
        }
        description.reset(d);
    }
    if (!description) {
        const QString why =
            error ? QString::fromUtf8(error->message) : QStringLiteral("no description");
        if (error)
            g_error_free(error);
        post<Guard>(data, [why](WebRtcPeer *p) {
            p->fail(QStringLiteral("Could not set up the media session: %1.").arg(why));
        });
        return;
    }
    {
        std::lock_guard<std::mutex> lock(guard->mutex);
        if (!guard->peer)
            return;
        g_signal_emit_by_name(guard->webrtc, "set-local-description", description.get(), nullptr);
    }
    gst::CharRef text(gst_sdp_message_as_text(description->sdp));
    SessionDescription out{kind, QString::fromUtf8(text.get()), {}};
    out.fingerprint = sdpFingerprint(out.sdp);
    post<Guard>(data, [out](WebRtcPeer *p) { p->localDescriptionCreated(out); });
}

void WebRtcPeer::createOffer()
{
    setState(State::Negotiating);
    GstPromise *promise = gst_promise_new_with_change_func(
        onDescriptionCreated, newGuardRef(m_guard), deleteGuardRefNotify);
    g_signal_emit_by_name(m_webrtc, "create-offer", nullptr, promise);
    gst_promise_unref(promise);
}

void WebRtcPeer::localDescriptionCreated(SessionDescription description)
{
    if (m_state == State::Failed || m_state == State::Closed)
        return;
    if (description.fingerprint.isEmpty()) {
        fail(QStringLiteral("The media description has no usable DTLS fingerprint."));
        return;
    }
    m_localFingerprint = description.fingerprint;
    emit messageReady(toJson(description));
}

void WebRtcPeer::handleMessage(const QJsonObject &json)
{
    if (m_state == State::Failed || m_state == State::Closed)
        return;
    QString error;
    const auto message = mediaMessageFromJson(json, &error);
    if (!message) {
        fail(QStringLiteral("Bad media message from the other side: %1.").arg(error));
        return;
    }
    if (const auto *d = std::get_if<SessionDescription>(&*message)) {
        setRemote(*d);
    } else if (const auto *c = std::get_if<IceCandidate>(&*message)) {
        if (!m_haveRemote) {
            fail(QStringLiteral("The other side sent ICE candidates before its description."));
            return;
        }
        if (!c->candidate.isEmpty())
            g_signal_emit_by_name(m_webrtc, "add-ice-candidate", guint(c->mlineIndex),
                c->candidate.toUtf8().constData());
    } else if (const auto *st = std::get_if<MediaState>(&*message)) {
        m_remoteState = *st;
        emit remoteStateChanged(*st);
    } else {
        m_error = std::get<MediaClose>(*message).reason;
        setState(State::Closed);
    }
}

void WebRtcPeer::setRemote(const SessionDescription &d)
{
    const bool expected = !m_haveRemote
        && (m_role == Role::Offerer ? d.kind == SessionDescription::Kind::Answer
                                    : d.kind == SessionDescription::Kind::Offer);
    if (!expected) {
        fail(QStringLiteral("The other side sent an unexpected %1.")
                 .arg(d.kind == SessionDescription::Kind::Offer ? QStringLiteral("offer")
                                                                : QStringLiteral("answer")));
        return;
    }
    const QString inSdp = sdpFingerprint(d.sdp);
    if (inSdp.isEmpty() || inSdp != d.fingerprint) {
        fail(QStringLiteral("The other side's media description carries a DTLS fingerprint other "
                            "than the one it announced; refusing it."));
        return;
    }
    GstSDPMessage *sdp = nullptr;
    gst_sdp_message_new(&sdp);
    if (gst_sdp_message_parse_buffer(reinterpret_cast<const guint8 *>(d.sdp.toUtf8().constData()),
            guint(d.sdp.toUtf8().size()), sdp)
        != GST_SDP_OK) {
        gst_sdp_message_free(sdp);
        fail(QStringLiteral("The other side's media description is not valid SDP."));
        return;
    }
    m_remoteFingerprint = d.fingerprint;
    m_haveRemote = true;
    setState(State::Negotiating);
    gst::DescriptionRef description(gst_webrtc_session_description_new(
        d.kind == SessionDescription::Kind::Offer ? GST_WEBRTC_SDP_TYPE_OFFER
                                                  : GST_WEBRTC_SDP_TYPE_ANSWER,
        sdp));
    g_signal_emit_by_name(m_webrtc, "set-remote-description", description.get(), nullptr);
    if (m_role == Role::Answerer) {
        // webrtcbin runs its operations in order: the answer follows the remote description.
        GstPromise *promise = gst_promise_new_with_change_func(
            onDescriptionCreated, newGuardRef(m_guard), deleteGuardRefNotify);
        g_signal_emit_by_name(m_webrtc, "create-answer", nullptr, promise);
        gst_promise_unref(promise);
    }
}

void WebRtcPeer::connectionStateChanged(int state)
{
    if (m_state == State::Failed || m_state == State::Closed)
        return;
    if (state == GST_WEBRTC_PEER_CONNECTION_STATE_CONNECTED && m_state != State::Connected) {
        QString why;
        if (!remoteCertificateMatches(&why)) {
            fail(why);
            return;
        }
        setState(State::Connected);
        emit connected();
    } else if (state == GST_WEBRTC_PEER_CONNECTION_STATE_FAILED) {
        fail(QStringLiteral("No network path to the other side was found (ICE failed)."));
    }
}

bool WebRtcPeer::remoteCertificateMatches(QString *why) const
{
    GstWebRTCRTPTransceiver *transceiver = nullptr;
    g_signal_emit_by_name(m_webrtc, "get-transceiver", 0, &transceiver);
    gst::GObjectRef<GstWebRTCRTPTransceiver> trans(transceiver);
    gchar *pem = nullptr;
    if (trans) {
        GstWebRTCRTPReceiver *receiver = nullptr;
        g_object_get(trans.get(), "receiver", &receiver, nullptr);
        gst::GstRef<GstWebRTCRTPReceiver> rec(receiver);
        if (rec) {
            GstWebRTCDTLSTransport *dtls = nullptr;
            g_object_get(rec.get(), "transport", &dtls, nullptr);
            gst::GstRef<GstWebRTCDTLSTransport> transport(dtls);
            if (transport)
                g_object_get(transport.get(), "remote-certificate", &pem, nullptr);
        }
    }
    gst::CharRef owned(pem);
    const QSslCertificate certificate(QByteArray(pem ? pem : ""), QSsl::Pem);
    if (certificate.isNull()) {
        *why = QStringLiteral(
            "The other side's DTLS certificate could not be read; refusing the media session.");
        return false;
    }
    if (certificateFingerprint(certificate.toDer()) != m_remoteFingerprint) {
        *why =
            QStringLiteral("The other side's DTLS certificate is not the one it announced over the "
                           "authenticated channel; refusing the media session.");
        return false;
    }
    return true;
}

void WebRtcPeer::announceState(const MediaState &state)
{
    MediaState s = state;
    if (m_microphoneMissing)
        s.microphoneMuted = s.microphoneMissing = true;
    if (m_state != State::Failed && m_state != State::Closed)
        emit messageReady(toJson(s));
}

void WebRtcPeer::close(const QString &reason)
{
    if (m_state == State::Failed || m_state == State::Closed)
        return;
    emit messageReady(toJson(MediaClose{reason}));
    m_error = reason;
    setState(State::Closed);
}

void WebRtcPeer::fail(const QString &reason)
{
    if (m_state == State::Failed || m_state == State::Closed)
        return;
    m_error = reason;
    setState(State::Failed);
    emit messageReady(toJson(MediaClose{reason}));
    emit failed(reason);
}

void WebRtcPeer::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

}  // namespace rudebot
