// The office view: the station running in this app, next to the rig. The local camera's
// preview, a local dial that always wins over remotes (Station::officeSetTarget), taking and
// releasing control, the park (privacy) lock, pausing the video without parking, who asks for
// control (grant or decline) and a notice whenever a remote turns the rig, who is connected,
// and the pairing link to give to a remote colleague (or, once the shared link is retired, the
// way to a link per person). Station and rig are not owned: the composition root keeps them.
#pragma once
#include <QTimer>
#include <QWidget>

#include "station/pairing.h"

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QVBoxLayout;

namespace rudebot {

class AppSettings;
class ControlAsksPanel;
class Keyring;
class MessageBar;
class RigClient;
class RigDial;
class Station;
class VideoView;

class OfficeWindow : public QWidget {
    Q_OBJECT
public:
    OfficeWindow(Station *station, RigClient *rig, const PairingInfo &pairing,
        AppSettings *settings, QWidget *parent = nullptr);

    VideoView *preview() const { return m_preview; }
    RigDial *dial() const { return m_dial; }
    QPushButton *overrideButton() const { return m_override; }
    QPushButton *parkButton() const { return m_park; }
    QPushButton *pauseVideoButton() const { return m_pauseVideo; }
    ControlAsksPanel *controlAsks() const { return m_asks; }
    QLabel *turnNotice() const { return m_turnNotice; }  // "Ana is turning the rig."
    QLineEdit *pairingLinkEdit() const { return m_link; }
    QListWidget *clientList() const { return m_clients; }
    MessageBar *messageBar() const { return m_messages; }
    QString officeName() const;  // the name field's, or "Office"

signals:
    void calibrateRequested();  // the composition root opens the calibration wizard
    void installFirmwareRequested();  // a board no firmware we know answers on: flash it
    void importCalibrationRequested(const QString &path);  // a profile file the user chose
    void peopleRequested();  // People…: links per person (the composition root opens PeopleDialog)

public slots:
    void setPreviewFrame(const QImage &frame);
    void setCameraProblem(const QString &message);  // e.g. no camera found
    // The station's shared link; an empty key: retired, so links per person only (People…).
    void setPairing(const PairingInfo &pairing);
    // Follows the station's keyring (not owned): once the shared link is retired, here or by
    // rudebot-bridge revoke --shared-link, the pairing box shows the per-person flow.
    void watchKeyring(Keyring *keyring);
    // The sound panel (office_audio.h), under the picture; the window takes it as a child.
    void addAudioPanel(QWidget *panel);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void refreshClients();
    void refreshControl();
    void refreshRig();
    void refreshAsks();
    void showTurnNotice(const QString &name, bool verified);
    void promptIfUnchecked();

    Station *m_station;
    RigClient *m_rig;
    PairingInfo m_pairing;
    AppSettings *m_settings;
    MessageBar *m_messages;
    VideoView *m_preview;
    RigDial *m_dial;
    QPushButton *m_override;
    QPushButton *m_park;
    QPushButton *m_pauseVideo;
    ControlAsksPanel *m_asks;
    QLabel *m_turnNotice;
    QTimer m_turnNoticeTimer;
    QLabel *m_pairHint;
    QPushButton *m_showLink;
    QPushButton *m_copyLink;
    QLineEdit *m_name;
    QListWidget *m_clients;
    QVBoxLayout *m_left = nullptr;  // the picture's column
    QLineEdit *m_link;
    QLabel *m_rigState;
    QLabel *m_firmware;
    QLabel *m_controlState;
    bool m_promptedUnchecked = false;
};

}  // namespace rudebot
