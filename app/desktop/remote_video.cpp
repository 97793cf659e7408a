#include "desktop/remote_video.h"

#include <QDir>
#include <QInputDialog>

#include "desktop/app_settings.h"
#include "desktop/rig_session.h"
#include "desktop/video_source.h"
#include "ui/video_view.h"

namespace rudebot {

RemoteVideo::RemoteVideo(
    VideoSource *source, VideoView *view, AppSettings *settings, QObject *parent)
    : QObject(parent), m_source(source), m_view(view), m_settings(settings)
{
    connect(m_source, &VideoSource::frameReady, m_view, &VideoView::setFrame);
    connect(m_source, &VideoSource::errorOccurred, this, [this](const QString &m) {
        m_view->setPlaceholderText(m);
        emit problem(m);
    });
}

void RemoteVideo::setSession(RigSession *session)
{
    m_source->close();
    m_session = session;
}

void RemoteVideo::setRealTimeActive(bool active)
{
    if (m_realTime == active)
        return;
    m_realTime = active;
    if (active)
        m_source->close();
    else if (m_session)
        update(m_session->snapshot(), {});
}

void RemoteVideo::update(const SessionSnapshot &snap, const QString &lastError)
{
    if (!m_session || m_realTime)
        return;
    VideoSpec spec = snap.video;
    if (spec.kind == VideoSpec::Kind::None)
        spec = VideoSource::specForAddress(
            m_settings->videoAddress(m_session->rigId()), QDir::currentPath());
    if (spec.kind == VideoSpec::Kind::None) {
        if (m_source->isOpen())
            return;
        // Not connected (pairing rejected, certificate mismatch): that is why there is no
        // picture, not a missing video address.
        if (snap.status == SessionSnapshot::Status::Rejected
            || snap.status == SessionSnapshot::Status::Disconnected) {
            QString why = snap.statusText;
            if (!lastError.isEmpty())
                why = why.isEmpty() ? lastError : why + QStringLiteral(": ") + lastError;
            m_view->setIdleTitle(tr("Not connected"));
            m_view->setPlaceholderText(why);  // under the title "Not connected"
        } else if (snap.status == SessionSnapshot::Status::Connected) {
            m_view->setIdleTitle(tr("No video"));
            m_view->setPlaceholderText(tr("This connection carries no video. Set the camera's "
                                          "address with File › Video address…"));
        }
        return;
    }
    m_view->setIdleTitle({});
    m_source->open(spec);  // no-op when it is already open
}

void RemoteVideo::askAddress(QWidget *parent)
{
    if (!m_session)
        return;
    auto *dialog = new QInputDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Video address"));
    dialog->setLabelText(tr("Camera for %1 (RTSP, HLS, MJPEG over HTTP, or a file).\n"
                            "Leave empty to use the station's own video.")
                             .arg(m_session->describe()));
    dialog->setTextValue(m_settings->videoAddress(m_session->rigId()));
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        if (!m_session)
            return;
        m_settings->setVideoAddress(m_session->rigId(), text.trimmed());
        m_source->close();
        const VideoSpec spec = text.trimmed().isEmpty()
            ? m_session->snapshot().video
            : VideoSource::specForAddress(text, QDir::currentPath());
        if (spec.kind != VideoSpec::Kind::None)
            m_source->open(spec);
    });
    dialog->open();
}

}  // namespace rudebot
