// Receives an MJPEG-over-HTTP(S) stream (multipart/x-mixed-replace) and emits decoded frames.
// Used by the tests now and by the remote app later.
//
// Decoding keeps up with the stream rather than with every frame: when several complete frames
// arrive in one read, only the newest is decoded (the others are counted as skipped), so a
// busy viewer shows a current picture instead of falling behind.
//
// For HTTPS with the station's self-signed certificate, pass a QNetworkAccessManager whose
// sslErrors() are handled (certificate pinning) by the caller.
#pragma once
#include <QElapsedTimer>
#include <QImage>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <deque>
#include <optional>

#include "video/mjpeg_parser.h"

class QNetworkAccessManager;

namespace rudebot {

class MjpegClient : public QObject {
    Q_OBJECT
public:
    // Without a manager the client makes its own.
    explicit MjpegClient(QNetworkAccessManager *manager = nullptr, QObject *parent = nullptr);
    ~MjpegClient() override;

    // Silence longer than this (ms) while open is reported as an error; 0 disables the check.
    void setStallTimeout(int ms) { m_stallTimeoutMs = ms; }

    // For a station's HTTPS stream: accept exactly the certificate whose SHA-256 (lower-case
    // hex) is this, self-signed as it is, and no other. Empty: normal certificate checks.
    void setPinnedFingerprint(const QByteArray &sha256Hex) { m_pinned = sha256Hex; }

    void open(const QUrl &url);
    void open(const QNetworkRequest &request);  // e.g. with an "Authorization: Bearer" header
    void close();
    bool isOpen() const { return m_reply != nullptr; }

    // What a video call's statistics panel shows, over the last second (plus totals).
    struct Statistics {
        double fps = 0;  // decoded frames per second
        double bitsPerSecond = 0;  // stream bytes received, headers included
        QSize resolution;  // of the newest frame
        int jpegBytes = 0;  // of the newest frame
        // Glass to glass of the newest frame, from the timecode camera's stamp (timecode.h)
        // when measuring is on and the stamp decodes; -1 otherwise.
        qint64 frameAgeMs = -1;
        qint64 framesReceived = 0;
        qint64 framesSkipped = 0;
    };
    Statistics statistics() const;
    // Read the timecode stamp of every decoded frame (a few rows; for tests, benches and the
    // statistics panel with `--camera timecode`).
    void setMeasureFrameAge(bool on) { m_measureAge = on; }

    qint64 framesReceived() const { return m_framesReceived; }
    qint64 framesSkipped() const { return m_framesSkipped; }  // newer frame arrived together
    qint64 framesUndecodable() const { return m_framesUndecodable; }

signals:
    void streamStarted();  // 200 with a multipart body: frames will follow
    void frameReceived(const QImage &frame);
    void statisticsUpdated(const rudebot::MjpegClient::Statistics &statistics);  // once a second
    // What went wrong and what to do, for a person. The stream is closed when this is emitted.
    void errorOccurred(const QString &message);

private:
    void onMetaDataChanged();
    void onReadyRead();
    void onFinished();
    void fail(const QString &message);
    QString describeHttpStatus(int status) const;

    QByteArray m_pinned;
    QNetworkAccessManager *m_manager;
    QPointer<QNetworkReply> m_reply;
    std::optional<MjpegParser> m_parser;
    QTimer m_stallTimer;
    int m_stallTimeoutMs = 10000;
    QUrl m_url;
    qint64 m_framesReceived = 0;
    qint64 m_framesSkipped = 0;
    qint64 m_framesUndecodable = 0;

    struct Sample {
        qint64 atMs;
        qint64 bytes;
        bool frame;
    };
    void record(qint64 bytes, bool frame);
    QElapsedTimer m_clock;
    std::deque<Sample> m_window;  // the last second
    QTimer m_statsTimer;
    bool m_measureAge = false;
    QSize m_resolution;
    int m_jpegBytes = 0;
    qint64 m_frameAgeMs = -1;
};

}  // namespace rudebot
