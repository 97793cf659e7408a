#include "video/mjpeg_client.h"

#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QSslError>

#include "video/timecode.h"

namespace rudebot {

MjpegClient::MjpegClient(QNetworkAccessManager *manager, QObject *parent)
    : QObject(parent), m_manager(manager ? manager : new QNetworkAccessManager(this))
{
    m_stallTimer.setSingleShot(true);
    connect(&m_stallTimer, &QTimer::timeout, this, [this] {
        fail(tr("The camera stream from %1 stopped sending pictures for %2 s. Check the network "
                "and that the station is still running.")
                 .arg(m_url.host())
                 .arg(m_stallTimeoutMs / 1000.0));
    });
    m_clock.start();
    m_statsTimer.setInterval(1000);
    connect(
        &m_statsTimer, &QTimer::timeout, this, [this] { emit statisticsUpdated(statistics()); });
}

void MjpegClient::record(qint64 bytes, bool frame)
{
    const qint64 now = m_clock.elapsed();
    m_window.push_back({now, bytes, frame});
    while (!m_window.empty() && m_window.front().atMs < now - 1000)
        m_window.pop_front();
}

MjpegClient::Statistics MjpegClient::statistics() const
{
    Statistics s;
    const qint64 now = m_clock.elapsed();
    qint64 bytes = 0;
    int frames = 0;
    for (const Sample &x : m_window) {
        if (x.atMs < now - 1000)
            continue;
        bytes += x.bytes;
        frames += x.frame;
    }
    s.fps = frames;
    s.bitsPerSecond = bytes * 8.0;
    s.resolution = m_resolution;
    s.jpegBytes = m_jpegBytes;
    s.frameAgeMs = m_frameAgeMs;
    s.framesReceived = m_framesReceived;
    s.framesSkipped = m_framesSkipped;
    return s;
}

MjpegClient::~MjpegClient()
{
    close();
}

void MjpegClient::open(const QUrl &url)
{
    open(QNetworkRequest(url));
}

void MjpegClient::open(const QNetworkRequest &request)
{
    close();
    m_url = request.url();
    QNetworkRequest r(request);
    r.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    r.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    m_reply = m_manager->get(r);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &MjpegClient::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &MjpegClient::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &MjpegClient::onFinished);
    if (!m_pinned.isEmpty()) {
        QNetworkReply *reply = m_reply;
        connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &) {
            const QByteArray fp = reply->sslConfiguration()
                                      .peerCertificate()
                                      .digest(QCryptographicHash::Sha256)
                                      .toHex();
            if (fp == m_pinned)
                reply->ignoreSslErrors();  // self-signed, but exactly the station we paired with
        });
    }
    if (m_stallTimeoutMs > 0)
        m_stallTimer.start(m_stallTimeoutMs);
    m_window.clear();
    m_statsTimer.start();
}

void MjpegClient::close()
{
    m_stallTimer.stop();
    m_statsTimer.stop();
    m_parser.reset();
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        if (reply->isRunning())
            reply->abort();
        reply->deleteLater();
    }
}

void MjpegClient::onMetaDataChanged()
{
    if (m_parser || !m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return;  // not an HTTP response yet
    if (status != 200)
        return;  // reported by onFinished(): aborting now would race Qt's own error for it
    const QByteArray type = m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    const std::optional<QByteArray> boundary = MjpegParser::boundaryFromContentType(type);
    if (!boundary) {
        fail(tr("%1 is not an MJPEG stream (it sent \"%2\"). Check the address: the station's "
                "stream is at /stream.")
                 .arg(m_url.toDisplayString(QUrl::RemoveQuery), QString::fromLatin1(type)));
        return;
    }
    m_parser.emplace(*boundary);
    emit streamStarted();
}

void MjpegClient::onReadyRead()
{
    if (!m_reply)
        return;
    if (!m_parser) {
        onMetaDataChanged();
        if (!m_parser)
            return;
    }
    if (m_stallTimeoutMs > 0)
        m_stallTimer.start(m_stallTimeoutMs);
    const QByteArray bytes = m_reply->readAll();
    record(bytes.size(), false);
    const QList<QByteArray> payloads = m_parser->feed(bytes);
    if (m_parser->hasError()) {
        fail(m_parser->errorString());
        return;
    }
    if (payloads.isEmpty())
        return;
    m_framesSkipped += payloads.size() - 1;
    QImage image;
    if (!image.loadFromData(payloads.last(), "JPG")) {
        ++m_framesUndecodable;  // one bad frame is not worth interrupting the stream for
        return;
    }
    ++m_framesReceived;
    record(0, true);
    m_resolution = image.size();
    m_jpegBytes = int(payloads.last().size());
    if (m_measureAge) {
        // The stamp's band, middle row first: usually the first row tried decodes.
        const QRect band = timecodeBand(image.size());
        m_frameAgeMs = -1;
        for (int dy = 0; dy <= band.height() / 2 && m_frameAgeMs < 0; dy += 2) {
            for (int y : {band.center().y() + dy, band.center().y() - dy}) {
                if (const auto hit = decodeTimecodeRow(image, y)) {
                    m_frameAgeMs = timecodeAgeMs(hit->code, monotonicMs());
                    break;
                }
            }
        }
    }
    emit frameReceived(image);
}

void MjpegClient::onFinished()
{
    if (!m_reply)
        return;
    if (!m_parser && m_reply->error() == QNetworkReply::NoError)
        onMetaDataChanged();
    if (!m_reply)
        return;  // already reported
    const QNetworkReply::NetworkError error = m_reply->error();
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 0 && status != 200) {
        fail(describeHttpStatus(status));
    } else if (error != QNetworkReply::NoError) {
        fail(tr("Cannot receive the camera stream from %1: %2. Check that the station is running "
                "and the address is right.")
                 .arg(m_url.host(), m_reply->errorString()));
    } else {
        fail(tr("The camera stream from %1 ended: the station stopped serving video.")
                 .arg(m_url.host()));
    }
}

QString MjpegClient::describeHttpStatus(int status) const
{
    const QString where = m_url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    switch (status) {
    case 401:
    case 403:
        return tr("The station refused the camera stream (HTTP %1): the pairing token was not "
                  "accepted. Pair with the station again.")
            .arg(status);
    case 404:
        return tr("There is no camera stream at %1 (HTTP 404). Check the address: the station's "
                  "stream is at /stream.")
            .arg(where);
    case 503:
        return tr("The station has too many viewers or no picture yet (HTTP 503). Try again in a "
                  "few seconds.");
    default:
        return tr("The camera stream at %1 failed with HTTP status %2. Check the address and the "
                  "station.")
            .arg(where)
            .arg(status);
    }
}

void MjpegClient::fail(const QString &message)
{
    close();
    emit errorOccurred(message);
}

}  // namespace rudebot
