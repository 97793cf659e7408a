// Runs one rudebotctl request on a rig client and says how it ended.
#pragma once
#include "comms/rig_client.h"
#include "tools/rudebotctl/ctl_request.h"

#include <QObject>
#include <QTimer>

namespace rudebot::ctl {

class Session : public QObject {
    Q_OBJECT
public:
    Session(RigClient *client, const Request &request, QObject *parent = nullptr);
    void start();

signals:
    // output: for stdout (may be empty); reason: one line for stderr when code != Ok.
    void finished(int code, const QString &output, const QString &reason);

private:
    void onReady();
    void onReplied(const QByteArray &line, const QList<QByteArray> &replies);
    void onError(RigClient::Error error, const QString &message);
    void done(int code, const QString &output = {}, const QString &reason = {});
    QString statusText(const RigReply &position = {}) const;

    RigClient *m_client;
    Request m_request;
    QTimer m_deadline;
    bool m_started = false;
    bool m_done = false;
};

}  // namespace rudebot::ctl
