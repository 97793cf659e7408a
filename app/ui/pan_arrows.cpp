#include "ui/pan_arrows.h"

#include <QEvent>
#include <QGraphicsOpacityEffect>
#include <QKeyEvent>
#include <QToolButton>
#include <QWidget>

namespace rudebot {

namespace {
QToolButton *arrowButton(
    QWidget *parent, const QString &text, const QString &name, const QString &description)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setAccessibleName(name);
    b->setAccessibleDescription(description);
    b->setToolTip(description);
    b->setFocusPolicy(Qt::TabFocus);  // a click must leave the keyboard with the picture
    b->setAutoRaise(false);
    QFont f = b->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    b->setFont(f);
    b->setFixedSize(44, 64);
    return b;
}
}  // namespace

PanArrows::PanArrows(QWidget *picture)
    : QObject(picture), m_picture(picture),
      m_left(arrowButton(picture, QStringLiteral("\u25c0"), tr("Turn left"),
          tr("Turns left while held (or hold \u2190 on the picture)"))),
      m_right(arrowButton(picture, QStringLiteral("\u25b6"), tr("Turn right"),
          tr("Turns right while held (or hold \u2192 on the picture)")))
{
    m_left->setObjectName(QStringLiteral("panLeft"));
    m_right->setObjectName(QStringLiteral("panRight"));
    connect(m_left, &QToolButton::pressed, this, [this] { press(-1); });
    connect(m_right, &QToolButton::pressed, this, [this] { press(1); });
    connect(m_left, &QToolButton::released, this, [this] { let(-1); });
    connect(m_right, &QToolButton::released, this, [this] { let(1); });
    picture->installEventFilter(this);
    m_left->installEventFilter(this);
    m_right->installEventFilter(this);
    place();
}

void PanArrows::setEnabled(bool enabled)
{
    if (!enabled && m_held)
        let(m_held);
    for (QToolButton *b : {m_left, m_right}) {
        b->setEnabled(enabled);
        // Over a bright picture a disabled button's grey arrow still reads as a control: the
        // whole button fades, as the greyed dial and presets beside it do.
        if (enabled) {
            b->setGraphicsEffect(nullptr);
        } else if (!b->graphicsEffect()) {
            auto *fade = new QGraphicsOpacityEffect(b);
            fade->setOpacity(kDisabledOpacity);
            b->setGraphicsEffect(fade);
        }
    }
}

void PanArrows::setRightInset(int pixels)
{
    m_rightInset = pixels;
    place();
}

void PanArrows::press(int direction)
{
    if (m_held == direction)
        return;
    m_held = direction;
    emit holdRequested(direction);
}

void PanArrows::let(int direction)
{
    if (m_held != direction)
        return;
    m_held = 0;
    emit released();
}

void PanArrows::place()
{
    const int y = (m_picture->height() - m_left->height()) / 2;
    m_left->move(8, y);
    m_right->move(m_picture->width() - m_rightInset - m_right->width() - 8, y);
}

bool PanArrows::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::Resize:
        if (watched == m_picture)
            place();
        break;
    case QEvent::KeyPress:
    case QEvent::KeyRelease: {
        if (watched != m_picture || !m_left->isEnabled())
            break;
        auto *k = static_cast<QKeyEvent *>(event);
        const int dir = k->key() == Qt::Key_Left ? -1 : k->key() == Qt::Key_Right ? 1 : 0;
        if (dir == 0 || k->modifiers() != Qt::NoModifier)
            break;
        if (!k->isAutoRepeat()) {
            if (event->type() == QEvent::KeyPress)
                press(dir);
            else
                let(dir);
        }
        return true;
    }
    case QEvent::FocusOut:
    case QEvent::Hide:
        // Whatever held it, nothing can let go any more: stop now.
        if (m_held && (watched == m_picture || event->type() == QEvent::Hide))
            let(m_held);
        break;
    default: break;
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace rudebot
