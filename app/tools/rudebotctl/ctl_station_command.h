// Runs one rudebotctl request through an office station (as a paired remote or as the office)
// and says how it ended, like Session does for a direct rig link.
#pragma once
#include <QObject>
#include <QTimer>

#include "remote/station_client.h"
#include "tools/rudebotctl/ctl_request.h"

namespace rudebot::ctl {

class StationCommand : public QObject {
    Q_OBJECT
public:
    explicit StationCommand(const Request &request, QObject *parent = nullptr);
    void start();

signals:
    void finished(int code, const QString &output, const QString &reason);

private:
    void onState(const StationState &state);
    void act();
    void done(int code, const QString &output = {}, const QString &reason = {});
    QString statusText(const StationState &s) const;

    Request m_request;
    StationClient m_client;
    QTimer m_deadline;
    bool m_acted = false;
    bool m_done = false;
    bool m_targetTaken = false;  // goto: the station has answered a ping sent after the target
    QString m_lastError;
};

}  // namespace rudebot::ctl
