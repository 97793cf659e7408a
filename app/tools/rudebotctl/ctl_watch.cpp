#include "tools/rudebotctl/ctl_watch.h"

#include <cstdio>

namespace rudebot::ctl {

namespace {

MediaClientSettings watchSettings()
{
    MediaClientSettings s;
    s.readTimecode = true;  // frame age, when the station runs the timecode camera
    return s;
}

}  // namespace

WatchCommand::WatchCommand(const Request &request, QObject *parent)
    : QObject(parent), m_request(request), m_media(&m_client, watchSettings()), m_out(stdout)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        done(m_client.status() == StationClient::Status::Connected ? TimedOut : NoRig,
            tr("no real-time video from the station within %1 s%2")
                .arg(m_request.timeoutMs / 1000.0)
                .arg(m_lastError.isEmpty() ? QString() : QStringLiteral(": ") + m_lastError));
    });
    connect(&m_client, &StationClient::errorOccurred, this, [this](const QString &message) {
        m_lastError = message;
        if (m_client.status() == StationClient::Status::Rejected)
            done(RigError, message);
    });
    connect(&m_client, &StationClient::stateReceived, this, [this] {
        if (m_media.state() == MediaClient::State::Idle)
            m_media.start();
    });
    connect(&m_media, &MediaClient::failed, this, [this](const QString &why) {
        done(NoRig, tr("real-time video not available: %1").arg(why));
    });
    connect(&m_media, &MediaClient::stateChanged, this, [this](MediaClient::State s) {
        if (s == MediaClient::State::Live) {
            m_deadline.stop();
            m_tick.start();
        }
    });
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &WatchCommand::printLine);
}

void WatchCommand::start()
{
    QString error;
    const auto pairing = PairingInfo::fromUri(m_request.station, &error);
    if (!pairing) {
        QMetaObject::invokeMethod(
            this, [this, error] { done(BadArgument, error); }, Qt::QueuedConnection);
        return;
    }
    m_deadline.start(m_request.timeoutMs);
    m_client.connectToStation(*pairing, QStringLiteral("rudebotctl watch"));
}

void WatchCommand::printLine()
{
    const MediaPathStats s = m_media.statistics();
    const auto ms = [](double v) {
        return v < 0 ? QStringLiteral("-") : QString::number(qRound(v));
    };
    ++m_seconds;
    m_out << QStringLiteral(
        "t=%1s fps=%2 kbps=%3 size=%4x%5 age_ms=%6 glass_ms=%7 loss=%8% unrepaired=%9% "
        "route=%10\n")
                 .arg(m_seconds)
                 .arg(s.fps, 0, 'f', 1)
                 .arg(qRound(s.kbps))
                 .arg(s.resolution.width())
                 .arg(s.resolution.height())
                 .arg(ms(s.frameAgeMs), ms(s.glassToGlassMs))
                 .arg(s.lossPercent, 0, 'f', 1)
                 .arg(s.unrepairedPercent, 0, 'f', 1)
                 .arg(QLatin1String(iceRouteName(s.route)));
    m_out.flush();
    if (m_seconds >= m_request.seconds)
        done(Ok);
}

void WatchCommand::done(int code, const QString &reason)
{
    if (m_done)
        return;
    m_done = true;
    m_tick.stop();
    m_deadline.stop();
    m_media.stop();
    emit finished(code, {}, reason);
}

}  // namespace rudebot::ctl
