// A preset's thumbnail: a small JPEG of the view in that direction, kept with the presets
// (presets_model.h) so the panel can show where each one looks.
#pragma once
#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

namespace rudebot {

struct PresetThumbnail {
    static constexpr int kWidth = 160;  // the frame is scaled to fit, aspect kept
    static constexpr int kHeight = 120;
    static constexpr int kMaxBytes = 48 * 1024;  // far above what kWidth×kHeight encodes to
    static constexpr int kQuality = 75;

    // The JPEG of a frame scaled to fit kWidth×kHeight; empty for a null frame.
    static QByteArray fromFrame(const QImage &frame);
    // Empty if jpeg is a usable thumbnail; otherwise a sentence saying what is wrong with it.
    static QString problem(const QByteArray &jpeg);
    static QImage decode(const QByteArray &jpeg);  // null if unusable
};

}  // namespace rudebot
