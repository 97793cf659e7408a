// Shows the latest decoded camera frame, letterboxed, with what the remote worker needs to trust
// it: the frame rate, a clear "stalled" banner when frames stop, an optional banner (e.g. "The
// office has taken control"), and a marker where they clicked to turn. Passive: frames come in
// through setFrame(); clicks go out as pictureClicked().
//
// Coordinates: pictureClicked() and clickMarker() use normalized image coordinates, x and y in
// [0, 1], (0, 0) = top left of the picture as shown. Clicks on the letterbox bars are ignored.
// The marker stays on the same picture point across resizes until clearClickMarker().
// A disabled view still shows video but takes no clicks.
//
// Digital zoom (1× to kMaxZoom): the wheel over the picture zooms in and out around the spot
// under the pointer, + / − / 0 on the focused view around the centre. Normalized coordinates
// stay those of the whole frame, zoomed or not, so click-to-turn aims at the spot clicked.
#pragma once
#include <QImage>
#include <QPointF>
#include <QTimer>
#include <QWidget>
#include <deque>
#include <functional>

namespace rudebot {

class VideoView : public QWidget {
    Q_OBJECT
public:
    enum class BannerKind {
        Info,
        Warning,
        Error
    };
    Q_ENUM(BannerKind)
    // Milliseconds from any fixed start, never going backwards (a steady clock).
    using Clock = std::function<qint64()>;
    static constexpr qint64 kStallMs = 2000;  // no frame for longer than this = stalled
    static constexpr qint64 kFpsWindowMs = 2000;
    static constexpr double kMaxZoom = 4;
    static constexpr double kZoomStep = 1.25;  // per wheel notch or key press

    explicit VideoView(QWidget *parent = nullptr);

    void setClock(Clock clock);  // for tests; default: a QElapsedTimer started at construction

    QImage frame() const { return m_frame; }
    QRectF pictureRect() const;  // where the picture is drawn; empty before the first frame
    QPointF mapFromNormalized(QPointF normalized) const;  // picture point -> widget coordinates
    double zoom() const { return m_zoom; }
    // The part of the frame on show, normalized (0, 0, 1, 1 unzoomed and uncropped).
    QRectF visibleRegion() const;
    // Fill the view rather than letterbox it: trim up to this fraction (0 to 0.5) of the frame's
    // width, or height, split between both edges. 0 (the default) shows the whole frame.
    void setMaxCrop(double fraction);
    double maxCrop() const { return m_maxCrop; }
    // Zooms to factor (clamped to 1..kMaxZoom) keeping the frame point anchor where it is.
    void setZoom(double factor, QPointF anchor = {0.5, 0.5});
    double framesPerSecond() const;  // over the frames of the last kFpsWindowMs; 0 if under two
    qint64 msSinceLastFrame() const;  // -1 before the first frame
    qint64 framesShown() const { return m_framesShown; }  // since construction, any path
    bool isStalled() const;
    // The status the overlay shows now: "Waiting for video…", "30 fps", "Video stalled…".
    QString statusText() const;
    // Where the status chip ("15 fps · 2.0×") is drawn, at the picture's bottom right; empty
    // while there is no live picture (the status then fills the view).
    QRectF statusChipRect() const;
    // Something covers the view's right edge (an overlay, in pixels): the chip stays left of it.
    void setCoveredRight(int pixels);

    QString placeholderText() const { return m_placeholder; }
    QString idleTitle() const { return m_idleTitle; }
    QString bannerText() const { return m_bannerText; }
    BannerKind bannerKind() const { return m_bannerKind; }
    bool hasClickMarker() const { return m_hasMarker; }
    QPointF clickMarker() const { return m_marker; }

    QSize sizeHint() const override { return {640, 360}; }
    QSize minimumSizeHint() const override { return {160, 90}; }

public slots:
    void setFrame(const QImage &frame);
    // The hint under "Waiting for video…", e.g. where the video should come from.
    void setPlaceholderText(const QString &text);
    // Replaces "Waiting for video…" before the first frame when nothing is on its way (e.g.
    // "Not connected"); empty restores it.
    void setIdleTitle(const QString &title);
    void setBanner(const QString &text, rudebot::VideoView::BannerKind kind = BannerKind::Info);
    void clearBanner();
    void clearClickMarker();

signals:
    void pictureClicked(QPointF normalized);
    void zoomChanged(double factor);
    void doubleClicked();  // e.g. full screen (the first click also turns, as any click)

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void paintOverlays(class QPainter &p, const QRectF &picture);
    const QImage &scaledFrame(QRect source, QSize devicePixels, qreal dpr);
    QRectF cropBase() const;  // the part of the frame left after the crop, normalized
    QString chipText() const;
    static QString secondsText(qint64 ms);  // "2.5", "12": the stall and age counters

    Clock m_clock;
    QImage m_frame;
    QImage m_scaled;  // m_frame scaled to the picture rect, remade only when either changes
    qint64 m_scaledKey = 0;
    QRect m_scaledSource;
    qint64 m_framesShown = 0;
    std::deque<qint64> m_arrivals;  // frame arrival times within the fps window
    QTimer m_ticker;  // repaints the age and stall state while no frames come
    QString m_placeholder;
    QString m_idleTitle;
    QString m_bannerText;
    BannerKind m_bannerKind = BannerKind::Info;
    QPointF toFrame(QPointF widgetPos) const;  // widget position -> normalized frame point
    double m_zoom = 1;
    int m_coveredRight = 0;
    QRectF m_view{0, 0, 1, 1};  // the zoomed part, normalized within cropBase()
    double m_maxCrop = 0;
    int m_wheelRemainder = 0;
    QPointF m_marker;
    bool m_hasMarker = false;
};

}  // namespace rudebot
