// A still picture, letterboxed, with a caption: the "before" half of the direction step.
// Passive; an empty image shows the caption only.
#pragma once
#include <QImage>
#include <QWidget>

namespace rudebot {

class SnapshotView : public QWidget {
    Q_OBJECT
public:
    explicit SnapshotView(const QString &caption, QWidget *parent = nullptr);

    QImage image() const { return m_image; }
    void setImage(const QImage &image);
    void clear() { setImage({}); }

    QSize sizeHint() const override { return {480, 270}; }
    QSize minimumSizeHint() const override { return {160, 90}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_caption;
    QImage m_image;
};

}  // namespace rudebot
