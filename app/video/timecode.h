// A machine-readable time stamp painted into video frames, to measure glass-to-glass latency:
// a band of big black and white cells across the bottom of the frame that still decodes after
// JPEG compression and after a viewer scales the picture (tested down to a third of 720p, about
// 6 pixels per cell).
//
// Layout, left to right, kCells equal cells over the frame's whole width:
//   start guard  W B B W   (the BB pair, bounded by white, gives the cell width and position)
//   32 bits      milliseconds of CLOCK_MONOTONIC, modulo 2^32, most significant bit first
//   16 bits      frame counter, modulo 2^16
//   16 bits      CRC-16/CCITT-FALSE of the six bytes above (rejects misreads)
//   end guard    W B B W
// White = bit 1. Readers decode one row of grey levels at a time; the guards make a row
// self-locating, so a reader needs no knowledge of where the picture is or how it is scaled.
#pragma once
#include <QImage>
#include <QRect>
#include <QtGlobal>
#include <optional>

namespace rudebot {

struct Timecode {
    quint32 ms = 0;  // CLOCK_MONOTONIC milliseconds, modulo 2^32
    quint16 frame = 0;  // frame counter, modulo 2^16
    bool operator==(const Timecode &o) const { return ms == o.ms && frame == o.frame; }
};

// Where a row decoded: the code's left edge and cell width, in the row's pixels.
struct TimecodeHit {
    Timecode code;
    double left = 0;
    double cellWidth = 0;
    double width() const;  // of the whole code, kCells cells
};

constexpr int kTimecodeCells = 72;

// CLOCK_MONOTONIC in milliseconds: the clock stamps use, comparable between processes.
qint64 monotonicMs();

// The band the code occupies in a frame of this size (bottom, full width).
QRect timecodeBand(QSize frame);

// Paints the code into image's band (image must be a painting format, e.g. RGB32).
void paintTimecode(QImage &image, const Timecode &code);

// Decodes one row of grey levels (0 black .. 255 white), count pixels long.
std::optional<TimecodeHit> decodeTimecodeRow(const uchar *grey, int count);

// Decodes row y of an image (any format).
std::optional<TimecodeHit> decodeTimecodeRow(const QImage &image, int y);

// Reads the code of a whole frame as the camera painted it, after scaling or compression: the
// band's centre row, then a row either side (a codec may smear one).
std::optional<Timecode> readTimecode(const QImage &frame);

// Milliseconds from stamp to nowMs, modulo 2^32 (so stamps survive the wrap).
qint64 timecodeAgeMs(const Timecode &code, qint64 nowMs);

}  // namespace rudebot
