// A non-modal message strip above the video: what happened and what to do, with an optional
// action button ("Connect…", "Retry") and a close button. Transient messages (a refused move)
// hide by themselves; problems stay until dismissed or replaced. Never a modal dialog.
#pragma once
#include <QFrame>
#include <QTimer>
#include <functional>

class QLabel;
class QPushButton;
class QToolButton;

namespace rudebot {

class MessageBar : public QFrame {
    Q_OBJECT
public:
    enum class Kind {
        Info,
        Warning,
        Error
    };
    explicit MessageBar(QWidget *parent = nullptr);

    // timeoutMs 0 = stays until closed. The action, if any, runs once and hides the bar.
    void showMessage(const QString &text, Kind kind = Kind::Info, int timeoutMs = 0,
        const QString &actionText = {}, std::function<void()> action = {});
    // A second button beside the action, for the message on show (the next showMessage drops
    // it); it also runs once and hides the bar.
    void addSecondAction(const QString &text, std::function<void()> action);
    QString secondActionText() const;  // empty when none is shown
    void triggerSecondAction();
    void dismiss();
    QString text() const;
    Kind kind() const { return m_kind; }
    QString actionText() const;  // the action button's, empty when none is shown
    void triggerAction();  // as if the action button were pressed

protected:
    void changeEvent(QEvent *event) override;

private:
    void restyle();

    Kind m_kind = Kind::Info;
    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_action;
    QPushButton *m_second;
    QToolButton *m_close;
    QTimer m_timer;
    std::function<void()> m_onAction;
    std::function<void()> m_onSecond;
    bool m_restyling = false;
};

}  // namespace rudebot
