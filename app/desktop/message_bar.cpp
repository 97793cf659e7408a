#include "desktop/message_bar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

#include "desktop/theme.h"

namespace rudebot {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)),
      m_action(new QPushButton(this)), m_second(new QPushButton(this)),
      m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setAutoFillBackground(true);
    setFrameShape(QFrame::StyledPanel);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_close->setAutoRaise(true);
    m_close->setText(QStringLiteral("✕"));
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss message"));
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(10, 6, 6, 6);
    row->setSpacing(10);
    row->addWidget(m_icon, 0, Qt::AlignTop);
    row->addWidget(m_text, 1);
    row->addWidget(m_action, 0, Qt::AlignVCenter);
    row->addWidget(m_second, 0, Qt::AlignVCenter);
    m_second->hide();
    row->addWidget(m_close, 0, Qt::AlignTop);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &MessageBar::dismiss);
    connect(m_close, &QToolButton::clicked, this, &MessageBar::dismiss);
    connect(m_action, &QPushButton::clicked, this, &MessageBar::triggerAction);
    connect(m_second, &QPushButton::clicked, this, &MessageBar::triggerSecondAction);
    hide();
}

void MessageBar::showMessage(const QString &text, Kind kind, int timeoutMs,
    const QString &actionText, std::function<void()> action)
{
    m_kind = kind;
    m_text->setText(text);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty() && action);
    m_action->setToolTip(actionText.isEmpty()
            ? QString()
            : tr("%1 (and close this message)").arg(QString(actionText).remove(QLatin1Char('&'))));
    m_onAction = std::move(action);
    m_onSecond = {};
    m_second->hide();
    restyle();
    if (timeoutMs > 0)
        m_timer.start(timeoutMs);
    else
        m_timer.stop();
    show();
}

void MessageBar::addSecondAction(const QString &text, std::function<void()> action)
{
    m_second->setText(text);
    m_second->setToolTip(tr("%1 (and close this message)").arg(QString(text).remove(QLatin1Char('&'))));
    m_onSecond = std::move(action);
    m_second->setVisible(!text.isEmpty() && m_onSecond);
}

QString MessageBar::secondActionText() const
{
    return isHidden() || m_second->isHidden() ? QString() : m_second->text();
}

void MessageBar::triggerSecondAction()
{
    auto action = std::move(m_onSecond);
    dismiss();
    if (action)
        action();
}

void MessageBar::dismiss()
{
    m_timer.stop();
    m_onAction = {};
    m_onSecond = {};
    hide();
}

void MessageBar::triggerAction()
{
    auto action = std::move(m_onAction);
    dismiss();
    if (action)
        action();
}

QString MessageBar::actionText() const
{
    return isHidden() || m_action->isHidden() ? QString() : m_action->text();
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void MessageBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && !m_restyling)
        restyle();
    QFrame::changeEvent(event);
}

void MessageBar::restyle()
{
    // A tint of the kind's colour over the window colour: readable in light and dark themes.
    const QPalette base = parentWidget() ? parentWidget()->palette() : palette();
    const bool dark = isDark(base);
    QColor accent;
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    switch (m_kind) {
    case Kind::Info: accent = QColor(0x3d, 0x8e, 0xe6); break;
    case Kind::Warning:
        accent = QColor(0xe0, 0x9b, 0x1a);
        icon = QStyle::SP_MessageBoxWarning;
        break;
    case Kind::Error:
        accent = QColor(0xd9, 0x3a, 0x2f);
        icon = QStyle::SP_MessageBoxCritical;
        break;
    }
    const QColor window = base.color(QPalette::Window);
    const double a = dark ? 0.28 : 0.16;
    const QColor tint = QColor::fromRgbF(window.redF() * (1 - a) + accent.redF() * a,
        window.greenF() * (1 - a) + accent.greenF() * a,
        window.blueF() * (1 - a) + accent.blueF() * a);
    m_restyling = true;
    QPalette p = base;
    p.setColor(QPalette::Window, tint);
    p.setColor(QPalette::Light, accent);
    p.setColor(QPalette::Dark, accent);
    setPalette(p);
    m_restyling = false;
    const int px = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(icon, nullptr, this).pixmap(px, px));
}

}  // namespace rudebot
