#include "desktop/video_source.h"

#include <QDir>
#include <QFileInfo>
#include <QMediaPlayer>
#include <QNetworkAccessManager>
#include <QVideoFrame>
#include <QVideoSink>

#include "video/mjpeg_client.h"

namespace rudebot {

namespace {

int retryDelayMs(int attempt)
{
    return std::min(10000, 1000 << std::min(attempt, 4));
}

QStringList gstreamerPluginDirs()
{
    QStringList dirs;
    for (const char *var : {"GST_PLUGIN_SYSTEM_PATH_1_0", "GST_PLUGIN_SYSTEM_PATH",
             "GST_PLUGIN_PATH_1_0", "GST_PLUGIN_PATH"})
        dirs += qEnvironmentVariable(var).split(QLatin1Char(':'), Qt::SkipEmptyParts);
    const bool systemOverridden = qEnvironmentVariableIsSet("GST_PLUGIN_SYSTEM_PATH_1_0")
        || qEnvironmentVariableIsSet("GST_PLUGIN_SYSTEM_PATH");
    if (!systemOverridden) {
        dirs << QDir::home().filePath(QStringLiteral(".local/share/gstreamer-1.0/plugins"))
             << QStringLiteral("/usr/lib/gstreamer-1.0")
             << QStringLiteral("/usr/local/lib/gstreamer-1.0");
        const QDir lib(QStringLiteral("/usr/lib"));
        for (const QString &arch : lib.entryList({QStringLiteral("*-linux-gnu*")}, QDir::Dirs))
            dirs << lib.filePath(arch + QStringLiteral("/gstreamer-1.0"));
    }
    return dirs;
}

}  // namespace

VideoSource::VideoSource(QObject *parent) : QObject(parent)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &VideoSource::openNow);
}

VideoSource::~VideoSource()
{
    teardown();
}

void VideoSource::open(const VideoSpec &spec)
{
    if (spec == m_spec && isOpen())
        return;
    close();
    m_spec = spec;
    m_attempt = 0;
    openNow();
}

void VideoSource::close()
{
    m_retry.stop();
    teardown();
    m_spec = {};
}

void VideoSource::teardown()
{
    if (m_mjpeg) {
        m_mjpeg->disconnect(this);
        m_mjpeg->close();
        m_mjpeg->deleteLater();
    }
    if (m_player) {
        m_player->disconnect(this);
        m_player->stop();
        m_player->deleteLater();
    }
    if (m_sink) {
        m_sink->disconnect(this);
        m_sink->deleteLater();
    }
}

void VideoSource::openNow()
{
    teardown();
    if (m_spec.kind == VideoSpec::Kind::Mjpeg)
        openMjpeg();
    else if (m_spec.kind == VideoSpec::Kind::Media)
        openMedia();
}

void VideoSource::openMjpeg()
{
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    m_mjpeg = new MjpegClient(m_network, this);
    m_mjpeg->setStallTimeout(8000);
    m_mjpeg->setPinnedFingerprint(m_spec.pinnedFingerprint);
    connect(m_mjpeg, &MjpegClient::streamStarted, this, &VideoSource::streamStarted);
    connect(m_mjpeg, &MjpegClient::frameReceived, this, [this](const QImage &frame) {
        m_attempt = 0;
        ++m_frames;
        emit frameReady(frame);
    });
    // The client says what went wrong; what happens next is ours to say: we try again.
    connect(m_mjpeg, &MjpegClient::errorOccurred, this,
        [this](const QString &message) { failed(message + tr(" Retrying.")); });
    QNetworkRequest request(m_spec.url);
    if (!m_spec.bearerToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_spec.bearerToken);
    m_mjpeg->open(request);
}

void VideoSource::openMedia()
{
    const QString problem = mediaBackendProblem();
    if (!problem.isEmpty()) {
        emit errorOccurred(problem);  // retrying cannot help until something is installed
        return;
    }
    m_sink = new QVideoSink(this);
    m_player = new QMediaPlayer(this);
    m_player->setVideoSink(m_sink);
    connect(m_sink, &QVideoSink::videoFrameChanged, this, [this](const QVideoFrame &frame) {
        const QImage image = frame.toImage();
        if (image.isNull())
            return;
        m_attempt = 0;
        ++m_frames;
        emit frameReady(image);
    });
    connect(m_player, &QMediaPlayer::errorOccurred, this,
        [this](QMediaPlayer::Error error, const QString &text) {
            QString what;
            switch (error) {
            case QMediaPlayer::FormatError:
                what = tr("The video at %1 cannot be played: %2. If it mentions a missing "
                          "plug-in, install gstreamer1.0-plugins-good, -bad and -libav.");
                break;
            case QMediaPlayer::NetworkError:
                what = tr("The video at %1 cannot be reached: %2. Check the address and the "
                          "network; retrying.");
                break;
            case QMediaPlayer::AccessDeniedError:
                what = tr("The video at %1 refused access: %2. Check the user name and password "
                          "in the address.");
                break;
            default: what = tr("The video at %1 failed: %2. Retrying."); break;
            }
            failed(what.arg(m_spec.url.toDisplayString(QUrl::RemoveUserInfo), text));
        });
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this, [this](QMediaPlayer::MediaStatus s) {
        if (s == QMediaPlayer::BufferedMedia || s == QMediaPlayer::LoadedMedia)
            emit streamStarted();
        if (s == QMediaPlayer::EndOfMedia && m_player)
            m_player->play();  // a file: loop it, so the view never looks stalled by design
    });
    m_player->setSource(m_spec.url);
    m_player->play();
}

void VideoSource::failed(const QString &message)
{
    emit errorOccurred(message);
    teardown();
    m_retry.start(retryDelayMs(m_attempt++));
}

VideoSpec VideoSource::specForAddress(const QString &text, const QString &workingDir)
{
    VideoSpec spec;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return spec;
    const QUrl url = QUrl::fromUserInput(trimmed, workingDir, QUrl::AssumeLocalFile);
    spec.url = url;
    const QString path = url.path().toLower();
    const bool http =
        url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
    const bool mjpeg = path.endsWith(QLatin1String("/stream"))
        || path.endsWith(QLatin1String(".mjpg")) || path.endsWith(QLatin1String(".mjpeg"))
        || path.endsWith(QLatin1String("/video"));
    spec.kind = http && mjpeg ? VideoSpec::Kind::Mjpeg : VideoSpec::Kind::Media;
    return spec;
}

QString VideoSource::mediaBackendProblem(const QString &what)
{
    if (qEnvironmentVariable("QT_MEDIA_BACKEND") == QLatin1String("ffmpeg"))
        return {};
    // playbin (gstreamer1.0-plugins-base) is what QMediaPlayer builds on; without it the
    // GStreamer backend asserts and crashes instead of reporting an error.
    for (const QString &dir : gstreamerPluginDirs())
        if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("libgstplayback.so"))))
            return {};
    return tr("%1 need GStreamer's plug-ins, and none are installed. Install "
              "gstreamer1.0-plugins-base, gstreamer1.0-plugins-good and gstreamer1.0-libav "
              "(sudo apt install …), then open the video again.")
        .arg(what.isEmpty() ? tr("Videos other than a Rudebot station's") : what);
}

}  // namespace rudebot
