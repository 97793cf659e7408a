// A real, small RigSession for the remote window's tests: records what the window asks of the
// rig and publishes whatever snapshot the test says. One copy for every desktop test.
#pragma once
#include <QList>
#include <QString>
#include <utility>

#include "desktop/rig_session.h"

class FakeSession : public rudebot::RigSession {
public:
    // What the window's rig line shows (a long one tests the layout).
    explicit FakeSession(QString description = QStringLiteral("Fake rig"))
        : m_description(std::move(description))
    {
    }
    QList<double> targets;
    QList<int> speeds;
    int stops = 0;
    QString rigId() const override { return QStringLiteral("fake-rig"); }
    QString describe() const override { return m_description; }
    void start() override { }
    void stop() override { }
    void setTargetLogical(double deg) override { targets << deg; }
    void stopMotion() override { ++stops; }
    void setSpeed(int msPerDeg) override { speeds << msPerDeg; }
    void set(const rudebot::SessionSnapshot &s) { publish(s); }
    void emitRefused(const QString &r) { emit refused(r); }

private:
    QString m_description;
};
