// A rig reached without a station: the Arduino's serial port, or a raw serial-to-TCP bridge
// (tcp_serial_redirect.py, ser2net). The app holds the conversation itself (RigClient); there
// is no arbitration and no video from the rig, so the video is whatever address the user set.
#pragma once
#include <QElapsedTimer>
#include <QTimer>
#include <memory>

#include "comms/link_settings.h"
#include "comms/rig_client.h"
#include "desktop/rig_session.h"

namespace rudebot {

class DirectSession : public RigSession {
    Q_OBJECT
public:
    DirectSession(const LinkSettings &link, const Calibration &calibration, const VideoSpec &video,
        QObject *parent = nullptr);
    ~DirectSession() override;

    QString rigId() const override;
    QString describe() const override;
    void start() override;
    void stop() override;
    void setTargetLogical(double logicalDeg) override;
    void stopMotion() override;

    RigClient &rig() { return *m_rig; }

private:
    void update();
    void ping();

    LinkSettings m_settings;
    VideoSpec m_video;
    std::unique_ptr<Link> m_link;
    std::unique_ptr<RigClient> m_rig;
    QTimer m_pingTimer;  // a "?" now and then measures the round trip
    QElapsedTimer m_pingClock;
    int m_rttMs = -1;
};

}  // namespace rudebot
