// Pictures side by side at the video's aspect ratio, as tall as their width asks and no taller,
// so a page can put its hints under the video instead of letterbox bars around it.
// Passive; the wizard sets the aspect of the frames it forwards.
#pragma once
#include <QWidget>

namespace rudebot {

class PictureRow : public QWidget {
    Q_OBJECT
public:
    explicit PictureRow(const QList<QWidget *> &pictures, QWidget *parent = nullptr);

    double aspect() const { return m_aspect; }
    void setAspect(double widthOverHeight);  // ignored unless positive and finite

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    QList<QWidget *> m_pictures;
    int m_count;
    int m_spacing = 6;
    double m_aspect = 16.0 / 9.0;
};

}  // namespace rudebot
