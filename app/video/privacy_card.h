// The picture viewers get instead of the camera's while the office keeps the room private:
// rendered here, from nothing but its size and a sentence, so no camera pixel can be in it.
#pragma once
#include <QImage>
#include <QString>

namespace rudebot {

// A dark card of this size (at least 160x90) saying "Video paused for privacy" in large
// letters and detail (who, why, what to do) below. Needs a QGuiApplication (fonts).
QImage privacyCard(QSize size, const QString &detail);

}  // namespace rudebot
