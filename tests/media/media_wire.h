// Carries media signalling between two peers in one test process the way the station's TLS
// channel does: each message serialised to JSON text and parsed again, in order, through the
// event loop. A tamper function may rewrite (or drop, by returning {}) what goes one way.
#pragma once
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <functional>

#include "media/webrtc_peer.h"

class MediaWire : public QObject {
public:
    using Tamper = std::function<QJsonObject(const QJsonObject &)>;

    MediaWire(rudebot::WebRtcPeer *a, rudebot::WebRtcPeer *b, Tamper aToB = {}, Tamper bToA = {})
    {
        carry(a, b, std::move(aToB));
        carry(b, a, std::move(bToA));
    }
    int carried() const { return m_carried; }

private:
    void carry(rudebot::WebRtcPeer *from, rudebot::WebRtcPeer *to, Tamper tamper)
    {
        QObject::connect(from, &rudebot::WebRtcPeer::messageReady, this,
            [this, to, tamper](const QJsonObject &message) {
                QJsonObject out = tamper ? tamper(message) : message;
                if (out.isEmpty())
                    return;
                const QByteArray text = QJsonDocument(out).toJson(QJsonDocument::Compact);
                ++m_carried;
                QTimer::singleShot(0, to,
                    [to, text] { to->handleMessage(QJsonDocument::fromJson(text).object()); });
            });
    }
    int m_carried = 0;
};
