// rudebotctl watch: receives the station's real-time video as the app does (MediaClient) and
// prints one line a second (frame rate, bitrate, frame age from the timecode camera, loss),
// then exits 0 after --seconds; a station that cannot send real-time video is an error.
#pragma once
#include <QObject>
#include <QTextStream>
#include <QTimer>

#include "remote/media_client.h"
#include "remote/station_client.h"
#include "tools/rudebotctl/ctl_request.h"

namespace rudebot::ctl {

class WatchCommand : public QObject {
    Q_OBJECT
public:
    explicit WatchCommand(const Request &request, QObject *parent = nullptr);
    void start();

signals:
    void finished(int code, const QString &output, const QString &reason);

private:
    void printLine();
    void done(int code, const QString &reason = {});

    Request m_request;
    StationClient m_client;
    MediaClient m_media;
    QTimer m_deadline;  // connecting and setting up
    QTimer m_tick;  // one line a second while live
    QTextStream m_out;
    int m_seconds = 0;
    bool m_done = false;
    QString m_lastError;
};

}  // namespace rudebot::ctl
