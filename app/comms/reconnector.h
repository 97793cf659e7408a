// Reopens a link that closed on its own (unplugged, bridge restarted, rig rebooted), waiting
// longer after each failed attempt. The delays are pure computation (backoffDelayMs); the
// Reconnector only owns the timer.
#pragma once
#include "comms/link.h"

#include <QPointer>
#include <QTimer>

namespace rudebot {

struct BackoffPolicy {
    int initialMs = 250;  // first retry: a replugged Uno or restarted bridge is often back at once
    double factor = 2.0;
    int maxMs = 5000;  // never wait longer than this: users are watching
};

// Delay before attempt number `attempt` (0 = first retry). No random jitter: one client talks
// to one rig, so there is no crowd of clients to spread out, and tests stay deterministic.
int backoffDelayMs(const BackoffPolicy &policy, int attempt);

class Reconnector : public QObject {
    Q_OBJECT
public:
    Reconnector(Link *link, const BackoffPolicy &policy, QObject *parent = nullptr);

    // While enabled, every close of the link schedules an open(). Disabling cancels a pending
    // attempt.
    void setEnabled(bool enabled);
    // Restarts the delays from the first one. Called by the owner once the far end has really
    // answered, not merely when the link opens: a bridge that accepts and then drops every
    // connection must still be retried more and more slowly.
    void resetBackoff() { m_attempt = 0; }
    bool isEnabled() const { return m_enabled; }
    int attempt() const { return m_attempt; }
    bool isPending() const { return m_timer.isActive(); }

signals:
    void retryScheduled(int attempt, int delayMs);

private:
    void onStateChanged(Link::State state);

    QPointer<Link> m_link;
    BackoffPolicy m_policy;
    QTimer m_timer;
    int m_attempt = 0;
    bool m_enabled = false;
};

}  // namespace rudebot
