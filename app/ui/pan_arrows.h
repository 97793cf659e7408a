// Press-and-hold arrows over a picture: a ◀ and a ▶ button at its left and right edges, and the
// arrow keys while the picture has focus. Passive: it emits holdRequested(-1 left / +1 right)
// when one is pressed (not on key auto-repeat) and released() when it is let go, when the
// picture loses focus or when the arrows are hidden; the window turns the rig.
// Space on a focused arrow button holds it too, so the arrows work from the keyboard alone.
#pragma once
#include <QObject>

class QToolButton;
class QWidget;

namespace rudebot {

class PanArrows : public QObject {
    Q_OBJECT
public:
    static constexpr double kDisabledOpacity = 0.3;  // a disabled arrow, faded over the picture

    explicit PanArrows(QWidget *picture);  // the picture owns the buttons; this is its child

    QToolButton *leftButton() const { return m_left; }
    QToolButton *rightButton() const { return m_right; }
    int held() const { return m_held; }  // -1, 0 or +1
    void setEnabled(bool enabled);  // disabled: no holds, and the buttons fade out
    void setRightInset(int pixels);  // something covers the picture's right edge (an overlay)

signals:
    void holdRequested(int direction);
    void released();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void press(int direction);
    void let(int direction);
    void place();

    QWidget *m_picture;
    QToolButton *m_left;
    QToolButton *m_right;
    int m_held = 0;
    int m_rightInset = 0;
};

}  // namespace rudebot
