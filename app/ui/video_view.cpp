#include "ui/video_view.h"

#include <QElapsedTimer>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QRegion>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <memory>

namespace rudebot {

namespace {
const QColor kLetterbox(0x10, 0x11, 0x13);
constexpr int kTickMs = 250;  // ~4 Hz: enough for a seconds counter, cheap
constexpr qint64 kShowAgeAfterMs = 500;
}  // namespace

QString VideoView::secondsText(qint64 ms)
{
    return QString::number(ms / 1000.0, 'f', ms < 10000 ? 1 : 0);
}

VideoView::VideoView(QWidget *parent) : QWidget(parent)
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    m_clock = [timer] { return timer->elapsed(); };
    m_placeholder = tr("The picture appears here as soon as the office camera sends it.");
    setAccessibleName(tr("Office camera"));
    setAccessibleDescription(tr("Waiting for video"));
    setAttribute(Qt::WA_OpaquePaintEvent);  // every pixel is painted; skip the background fill
    setCursor(Qt::CrossCursor);
    m_ticker.setInterval(kTickMs);
    connect(&m_ticker, &QTimer::timeout, this, [this] {
        update();
        // Coarse on purpose: a screen reader should hear "stalled", not a counter 4 times a second.
        setAccessibleDescription(isStalled() ? tr("Video stalled") : tr("Live video"));
    });
}

void VideoView::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void VideoView::setFrame(const QImage &frame)
{
    const qint64 now = m_clock();
    ++m_framesShown;
    m_arrivals.push_back(now);
    while (!m_arrivals.empty() && m_arrivals.front() < now - kFpsWindowMs)
        m_arrivals.pop_front();
    m_frame = frame;
    if (!m_ticker.isActive())
        m_ticker.start();
    update();
}

QRectF VideoView::cropBase() const
{
    if (m_frame.isNull() || m_maxCrop <= 0 || height() <= 0 || m_frame.height() <= 0)
        return {0, 0, 1, 1};
    const double frameAspect = double(m_frame.width()) / m_frame.height();
    const double viewAspect = double(width()) / height();
    // Trim the sides of a frame wider than the view (or top and bottom of a taller one) up to
    // the limit: the picture fills the view instead of leaving bars.
    if (viewAspect < frameAspect) {
        const double cut = std::min(m_maxCrop, 1 - viewAspect / frameAspect);
        return {cut / 2, 0, 1 - cut, 1};
    }
    const double cut = std::min(m_maxCrop, 1 - frameAspect / viewAspect);
    return {0, cut / 2, 1, 1 - cut};
}

QRectF VideoView::visibleRegion() const
{
    const QRectF base = cropBase();
    return {base.left() + m_view.left() * base.width(), base.top() + m_view.top() * base.height(),
        m_view.width() * base.width(), m_view.height() * base.height()};
}

void VideoView::setMaxCrop(double fraction)
{
    m_maxCrop = std::clamp(fraction, 0.0, 0.5);
    update();
}

QRectF VideoView::pictureRect() const
{
    if (m_frame.isNull())
        return {};
    const QRectF base = cropBase();
    const QSizeF cropped(m_frame.width() * base.width(), m_frame.height() * base.height());
    const QSize fitted = cropped.toSize().scaled(size(), Qt::KeepAspectRatio);
    // Whole pixels, so the picture edges stay sharp.
    const QPoint topLeft((width() - fitted.width()) / 2, (height() - fitted.height()) / 2);
    return QRectF(QRect(topLeft, fitted));
}

QString VideoView::chipText() const
{
    return m_zoom > 1 ? tr("%1 · %2×").arg(statusText()).arg(m_zoom, 0, 'f', 1) : statusText();
}

QRectF VideoView::statusChipRect() const
{
    const QRectF picture = pictureRect();
    if (picture.isEmpty() || isStalled())
        return {};
    const QFontMetricsF fm(font());
    const double pad = fm.height() * 0.5;
    QRectF chip(0, 0, fm.horizontalAdvance(chipText()) + 2 * pad, fm.height() + pad);
    // Bottom right: cameras print their own captions (time, name) at the bottom left, and the
    // top carries the banner and the message bar. Left of whatever covers the right edge.
    const double right = std::min(picture.right(), double(width() - m_coveredRight));
    chip.moveBottomRight(QPointF(right - pad, picture.bottom() - pad));
    return chip;
}

void VideoView::setCoveredRight(int pixels)
{
    m_coveredRight = std::max(0, pixels);
    update();
}

QPointF VideoView::mapFromNormalized(QPointF normalized) const
{
    const QRectF picture = pictureRect();
    const QRectF shown = visibleRegion();
    const double u = (normalized.x() - shown.left()) / shown.width();
    const double v = (normalized.y() - shown.top()) / shown.height();
    return {picture.left() + u * picture.width(), picture.top() + v * picture.height()};
}

QPointF VideoView::toFrame(QPointF widgetPos) const
{
    const QRectF picture = pictureRect();
    const QRectF shown = visibleRegion();
    const double u = std::clamp((widgetPos.x() - picture.left()) / picture.width(), 0.0, 1.0);
    const double v = std::clamp((widgetPos.y() - picture.top()) / picture.height(), 0.0, 1.0);
    return {shown.left() + u * shown.width(), shown.top() + v * shown.height()};
}

void VideoView::setZoom(double factor, QPointF anchor)
{
    factor = std::clamp(factor, 1.0, kMaxZoom);
    // The zoom works inside the cropped part (cropBase), in its own normalized coordinates.
    const QRectF base = cropBase();
    anchor = {std::clamp((anchor.x() - base.left()) / base.width(), 0.0, 1.0),
        std::clamp((anchor.y() - base.top()) / base.height(), 0.0, 1.0)};
    // The anchor keeps its place on screen: its offset inside the view scales with the view.
    const double fx = (anchor.x() - m_view.left()) / m_view.width();
    const double fy = (anchor.y() - m_view.top()) / m_view.height();
    const double size = 1 / factor;
    const double left = std::clamp(anchor.x() - fx * size, 0.0, 1 - size);
    const double top = std::clamp(anchor.y() - fy * size, 0.0, 1 - size);
    const bool changed = factor != m_zoom;
    m_zoom = factor;
    m_view = factor == 1 ? QRectF(0, 0, 1, 1) : QRectF(left, top, size, size);
    update();
    if (changed)
        emit zoomChanged(m_zoom);
}

void VideoView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mouseDoubleClickEvent(event);
    emit doubleClicked();
}

void VideoView::wheelEvent(QWheelEvent *event)
{
    const QRectF picture = pictureRect();
    if (picture.isEmpty() || !picture.contains(event->position()))
        return QWidget::wheelEvent(event);
    m_wheelRemainder += event->angleDelta().y();
    const int notches = m_wheelRemainder / 120;
    m_wheelRemainder -= notches * 120;
    if (notches != 0)
        setZoom(m_zoom * std::pow(kZoomStep, notches), toFrame(event->position()));
    event->accept();
}

void VideoView::keyPressEvent(QKeyEvent *event)
{
    const QPointF centre = visibleRegion().center();
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: setZoom(m_zoom * kZoomStep, centre); break;
    case Qt::Key_Minus: setZoom(m_zoom / kZoomStep, centre); break;
    case Qt::Key_0: setZoom(1); break;
    default: return QWidget::keyPressEvent(event);
    }
    event->accept();
}

double VideoView::framesPerSecond() const
{
    const qint64 now = m_clock();
    qint64 first = -1, last = -1;
    int count = 0;
    for (qint64 t : m_arrivals) {
        if (t < now - kFpsWindowMs)
            continue;
        if (first < 0)
            first = t;
        last = t;
        ++count;
    }
    if (count < 2 || last <= first)
        return 0;
    return (count - 1) * 1000.0 / double(last - first);
}

qint64 VideoView::msSinceLastFrame() const
{
    return m_arrivals.empty() ? -1 : m_clock() - m_arrivals.back();
}

bool VideoView::isStalled() const
{
    const qint64 age = msSinceLastFrame();
    return age > kStallMs;
}

QString VideoView::statusText() const
{
    const qint64 age = msSinceLastFrame();
    if (age < 0)
        return m_idleTitle.isEmpty() ? tr("Waiting for video…") : m_idleTitle;
    if (age > kStallMs)
        return tr("Video stalled: no new picture for %1 s").arg(secondsText(age));
    const double fps = framesPerSecond();
    QStringList parts;
    if (fps > 0)
        parts << (fps >= 10 ? tr("%1 fps").arg(qRound(fps))
                            : tr("%1 fps").arg(QString::number(fps, 'f', 1)));
    if (age > kShowAgeAfterMs)
        parts << tr("last frame %1 s ago").arg(secondsText(age));
    if (parts.isEmpty())
        return tr("Live");
    QString text = parts.join(QStringLiteral(" · "));
    text[0] = text[0].toUpper();
    return text;
}

void VideoView::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    update();
}

void VideoView::setIdleTitle(const QString &title)
{
    m_idleTitle = title;
    update();
}

void VideoView::setBanner(const QString &text, BannerKind kind)
{
    m_bannerText = text;
    m_bannerKind = kind;
    update();
}

void VideoView::clearBanner()
{
    setBanner(QString());
}

void VideoView::clearClickMarker()
{
    m_hasMarker = false;
    update();
}

void VideoView::mousePressEvent(QMouseEvent *event)
{
    const QRectF picture = pictureRect();
    if (event->button() != Qt::LeftButton || !picture.contains(event->position()))
        return QWidget::mousePressEvent(event);
    m_marker = toFrame(event->position());
    m_hasMarker = true;
    update();
    emit pictureClicked(m_marker);
}

const QImage &VideoView::scaledFrame(QRect source, QSize devicePixels, qreal dpr)
{
    if (m_scaledKey != m_frame.cacheKey() || m_scaled.size() != devicePixels
        || m_scaled.devicePixelRatio() != dpr || m_scaledSource != source) {
        const QImage part = source == m_frame.rect() ? m_frame : m_frame.copy(source);
        m_scaled = part.size() == devicePixels
            ? part
            : part.scaled(devicePixels, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        m_scaled.setDevicePixelRatio(dpr);  // here, once: setting it later would copy the pixels
        m_scaledKey = m_frame.cacheKey();
        m_scaledSource = source;
    }
    return m_scaled;
}

void VideoView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRectF picture = pictureRect();
    // Only the bars: filling the whole view under a picture that covers it was a 2 MB memset
    // per frame at 960x540 (2 % of the app's samples in bench/wan).
    QRegion bars(rect());
    bars -= picture.toAlignedRect();
    for (const QRect &bar : bars)
        p.fillRect(bar, kLetterbox);
    if (!picture.isEmpty()) {
        const qreal dpr = devicePixelRatioF();
        const QRectF shown = visibleRegion();
        const QRectF source(shown.left() * m_frame.width(), shown.top() * m_frame.height(),
            shown.width() * m_frame.width(), shown.height() * m_frame.height());
        // Down to half size, the painter's bilinear filter draws the frame in one pass (about
        // 0.8 ms for 720p into 960x540, against 4.4 ms for QImage::scaled's area filter at
        // every new frame: 10 % of a core at 30 fps). Smaller, bilinear skips pixels and the
        // picture shimmers: the area-filtered copy, made once per frame, is worth its cost.
        const double scale = picture.width() * dpr / std::max(1.0, source.width());
        if (m_zoom > 1 || scale >= 0.5) {
            p.setRenderHint(QPainter::SmoothPixmapTransform);
            p.drawImage(picture, m_frame, source);
        } else {
            p.drawImage(picture.topLeft(),
                scaledFrame(source.toAlignedRect() & m_frame.rect(), (picture.size() * dpr).toSize(), dpr));
        }
    }
    p.setRenderHint(QPainter::Antialiasing);
    paintOverlays(p, picture);
}

}  // namespace rudebot
