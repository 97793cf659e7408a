#include "ui/preset_thumbnail.h"

#include <QBuffer>
#include <QImageReader>

namespace rudebot {

QByteArray PresetThumbnail::fromFrame(const QImage &frame)
{
    if (frame.isNull())
        return {};
    const QImage small =
        frame.scaled(kWidth, kHeight, Qt::KeepAspectRatio, Qt::SmoothTransformation)
            .convertToFormat(QImage::Format_RGB888);
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    if (!small.save(&buffer, "JPEG", kQuality))
        return {};
    return jpeg;
}

QString PresetThumbnail::problem(const QByteArray &jpeg)
{
    if (jpeg.isEmpty())
        return QStringLiteral("the picture is empty");
    if (jpeg.size() > kMaxBytes)
        return QStringLiteral("the picture is %1 KB, more than a thumbnail's %2 KB")
            .arg(jpeg.size() / 1024)
            .arg(kMaxBytes / 1024);
    if (!jpeg.endsWith("\xff\xd9"))  // every JPEG ends with EOI; without it, it was cut short
        return QStringLiteral("the picture is cut short");
    // Read the header first: a huge image must not be decoded to find out it is too big.
    QBuffer buffer;
    buffer.setData(jpeg);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, "JPEG");
    const QSize size = reader.size();
    if (!size.isValid())
        return QStringLiteral("the picture is not a JPEG image");
    if (size.width() > kWidth || size.height() > kHeight)
        return QStringLiteral("the picture is %1×%2 pixels, more than a thumbnail's %3×%4")
            .arg(size.width())
            .arg(size.height())
            .arg(kWidth)
            .arg(kHeight);
    const QImage image = reader.read();
    if (image.isNull())
        return QStringLiteral("the picture cannot be decoded (%1)").arg(reader.errorString());
    return {};
}

QImage PresetThumbnail::decode(const QByteArray &jpeg)
{
    if (!problem(jpeg).isEmpty())
        return {};
    return QImage::fromData(jpeg, "JPEG");
}

}  // namespace rudebot
