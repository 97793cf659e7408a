// The remote view's connection line under the picture, a passive widget: the state, round trip,
// firmware and rig, and "Turning: not checked" while nobody has checked which way the rig
// turns. Under the picture rather than in the side panel, so the picture gets the window's
// width and the height a 16:9 frame leaves over is used, not letterboxed.
#pragma once
#include <QFrame>

class QLabel;

namespace rudebot {

class ConnectionStrip : public QFrame {
    Q_OBJECT
public:
    explicit ConnectionStrip(QWidget *parent = nullptr);

    // Each text as shown ("–" for unknown is the caller's choice).
    void setConnection(const QString &state, const QString &roundTrip, const QString &firmware,
        const QString &rig);
    // Kept while the message bar shows other news.
    void setDirectionUnchecked(bool unchecked);
    bool directionUncheckedShown() const;

private:
    QLabel *m_stateLabel;
    QLabel *m_rttLabel;
    QLabel *m_firmwareLabel;
    QLabel *m_rigLabel;
    QLabel *m_uncheckedName;
    QLabel *m_uncheckedLabel;
};

}  // namespace rudebot
