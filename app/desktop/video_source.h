// Frames for the remote view, from wherever the picture comes from:
//  - a station's MJPEG stream (or any MJPEG over HTTP(S)): decoded by our own MjpegClient, with
//    the station's certificate pinned and the pairing secret sent as a bearer token;
//  - any other address a user has (RTSP, HLS, a file): QMediaPlayer into a QVideoSink.
// Either way the result is QImages (frameReady), painted by our own widget: QVideoWidget does
// not show up in grabs or under the offscreen platform.
//
// Keeps trying: a stream that fails or ends is reopened after a growing delay (1 s .. 10 s).
// Errors travel as sentences (what happened, what to do), once per failure.
//
// QMediaPlayer crashes the process when GStreamer has no plugins at all (PLATFORM-NOTES.md), so
// mediaBackendProblem() checks for them before a player is ever created.
#pragma once
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include "desktop/rig_session.h"
#include "video/mjpeg_client.h"

class QMediaPlayer;
class QVideoSink;
class QNetworkAccessManager;

namespace rudebot {

class MjpegClient;

class VideoSource : public QObject {
    Q_OBJECT
public:
    explicit VideoSource(QObject *parent = nullptr);
    ~VideoSource() override;

    // Opens the source (closing any other); a spec equal to the open one changes nothing.
    void open(const VideoSpec &spec);
    void close();
    const VideoSpec &spec() const { return m_spec; }
    bool isOpen() const { return m_spec.kind != VideoSpec::Kind::None; }
    qint64 framesReceived() const { return m_frames; }
    // The MJPEG client's numbers (the statistics panel); empty when the source is not MJPEG.
    std::optional<MjpegClient::Statistics> mjpegStatistics() const
    {
        return m_mjpeg ? std::optional(m_mjpeg->statistics()) : std::nullopt;
    }

    // What a user typed as a video address: "http(s)://…/stream" or "….mjpg" is decoded as
    // MJPEG by us, anything else (rtsp://, https://…m3u8, a file path) goes to QMediaPlayer.
    // Relative file names are taken from workingDir. Kind None for empty text.
    static VideoSpec specForAddress(const QString &text, const QString &workingDir);

    // Empty if QMediaPlayer can play things here; otherwise what is missing and what to install.
    // `what` names what cannot play, for the sentence ("Videos other than a Rudebot
    // station's" in the remote view, "The camera" in the office view).
    static QString mediaBackendProblem(const QString &what = {});

signals:
    void frameReady(const QImage &frame);
    void errorOccurred(const QString &message);
    void streamStarted();

private:
    void openNow();
    void openMjpeg();
    void openMedia();
    void failed(const QString &message);
    void teardown();

    VideoSpec m_spec;
    QNetworkAccessManager *m_network = nullptr;
    QPointer<MjpegClient> m_mjpeg;
    QPointer<QMediaPlayer> m_player;
    QPointer<QVideoSink> m_sink;
    QTimer m_retry;
    int m_attempt = 0;
    qint64 m_frames = 0;
};

}  // namespace rudebot
