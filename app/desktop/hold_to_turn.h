// Press-and-hold turning for the remote view (the on-video arrows, held arrow keys): while a
// direction is held the rig turns continuously, and it stops on release, on focus loss (the
// window calls release()) and when the connection stalls: the dead-man behaviour users know
// from Double's drive controls.
//
// How: every kStepMs the target is set kLeadDeg (logical degrees, positive = right) ahead of
// where the rig reports it is, clamped to the limits. The rig never has more than kLeadDeg to
// go, so if the network dies mid-turn it stops within about a third of a second of motion
// even though no stop can reach it. When no snapshot arrives for kStallMs while the rig still
// has ground to cover, the turn is over: stopMotion() is sent and stalled() emitted.
#pragma once
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace rudebot {

class RigSession;

class HoldToTurn : public QObject {
    Q_OBJECT
public:
    static constexpr int kStepMs = 100;
    static constexpr double kLeadDeg = 6;
    static constexpr int kStallMs = 1000;

    explicit HoldToTurn(QObject *parent = nullptr);

    void setSession(RigSession *session);  // not owned; null while disconnected
    bool isHolding() const { return m_direction != 0; }
    int direction() const { return m_direction; }

public slots:
    void hold(int direction);  // -1 left, +1 right; replaces any other held direction
    void release();  // stops the rig where it is, if a hold was on

signals:
    void targetRequested(double logicalDeg);  // each step's target, for the dial to show
    void stalled();  // no sign of the rig for kStallMs while turning: stopped

private:
    void step();

    QPointer<RigSession> m_session;
    QTimer m_timer;
    QElapsedTimer m_sinceSnapshot;
    int m_direction = 0;
    double m_lastTarget = 0;
};

}  // namespace rudebot
