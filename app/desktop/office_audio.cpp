#include "desktop/office_audio.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>

#include "desktop/audio_devices_dialog.h"
#include "station/station.h"
#include "station/station_media.h"
#include "ui/level_meter.h"

namespace rudebot {

OfficeAudio::OfficeAudio(StationMedia *media, Station *station, AppSettings *settings,
    QWidget *window, QObject *parent)
    : QObject(parent), m_media(media), m_station(station), m_settings(settings),
      m_window(window), m_panel(new QGroupBox(tr("Sound"), window)),
      m_mute(new QPushButton(tr("Mute office microphone"), m_panel)),
      m_micMeter(new LevelMeter(m_panel)), m_remoteMeter(new LevelMeter(m_panel)),
      m_micState(new QLabel(m_panel)), m_remotes(new QLabel(m_panel))
{
    m_panel->setObjectName(QStringLiteral("officeAudio"));
    m_mute->setObjectName(QStringLiteral("muteOfficeMicrophone"));
    m_mute->setCheckable(true);
    m_mute->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    m_mute->setToolTip(tr("Remotes hear nothing from the office (Ctrl+M). Parking or pausing "
                          "the video mutes it too."));
    m_micMeter->setAccessibleName(tr("Office microphone level"));
    m_remoteMeter->setAccessibleName(tr("Remote voice level"));
    m_micState->setObjectName(QStringLiteral("officeMicrophoneState"));
    m_micState->setWordWrap(true);
    m_remotes->setObjectName(QStringLiteral("remoteMicrophones"));
    m_remotes->setWordWrap(true);
    m_mute->setAccessibleDescription(m_mute->toolTip());
    auto *devices = new QPushButton(tr("Sound devices…"), m_panel);
    devices->setToolTip(tr("Which microphone and speaker the office uses"));
    devices->setAccessibleDescription(devices->toolTip());
    // One strip under the picture: the side column has no height to spare.
    auto *grid = new QGridLayout(m_panel);
    grid->addWidget(m_mute, 0, 0);
    grid->addWidget(new QLabel(tr("Office:"), m_panel), 0, 1);
    grid->addWidget(m_micMeter, 0, 2);
    grid->addWidget(m_micState, 0, 3);
    grid->addWidget(devices, 1, 0);
    grid->addWidget(new QLabel(tr("Remote:"), m_panel), 1, 1);
    grid->addWidget(m_remoteMeter, 1, 2);
    grid->addWidget(m_remotes, 1, 3);
    grid->setColumnStretch(3, 1);
    for (int id : m_media->sessionClients())  // the view may open after a remote connected
        m_remoteStates.insert(id, m_media->remoteState(id));

    connect(m_mute, &QPushButton::toggled, m_media, &StationMedia::setMicrophoneMuted);
    connect(devices, &QPushButton::clicked, this, [this] {
        auto *dialog = openAudioDevicesDialog(m_settings, m_window);
        connect(dialog, &QDialog::accepted, m_micState, [this] {
            m_micState->setText(tr("The new devices are used from the next start of the office "
                                   "view."));
        });
    });
    connect(m_media, &StationMedia::microphoneMutedChanged, this, &OfficeAudio::refresh);
    connect(m_media, &StationMedia::microphoneLevel, m_micMeter, &LevelMeter::setLevel);
    connect(m_media, &StationMedia::remoteLevel, m_remoteMeter,
        [this](int, double db) { m_remoteMeter->setLevel(db); });
    connect(m_media, &StationMedia::remoteStateChanged, this,
        [this](int id, const MediaState &s) {
            m_remoteStates.insert(id, s);
            refresh();
        });
    connect(m_media, &StationMedia::sessionStarted, this, [this](int id) {
        m_remoteStates.insert(id, m_media->remoteState(id));
        refresh();
    });
    connect(m_media, &StationMedia::sessionEnded, this, [this](int id) {
        m_remoteStates.remove(id);
        refresh();
    });
    connect(m_station, &Station::stateChanged, this, &OfficeAudio::refresh);
    refresh();
}

void OfficeAudio::refresh()
{
    const bool muted = m_media->microphoneMuted();
    // Privacy mutes it whatever the button says; the station decides at once (station_media).
    const bool off = muted || m_station->videoPaused();
    if (m_mute->isChecked() != muted)
        m_mute->setChecked(muted);
    m_mute->setText(muted ? tr("Unmute office microphone") : tr("Mute office microphone"));
    m_micState->setText(m_media->settings().audioSource.isEmpty()
            ? tr("No office microphone: choose one with the Sound devices button.")
            : !off  ? tr("Remotes hear the office.")
            : muted ? tr("Office microphone off: muted here.")
                    : tr("Office microphone off while the room is private."));
    m_micMeter->setOff(off);
    QStringList lines;
    const QList<ClientInfo> clients = m_station->clients();
    for (auto it = m_remoteStates.cbegin(); it != m_remoteStates.cend(); ++it) {
        QString name = tr("Remote %1").arg(it.key());
        for (const ClientInfo &c : clients)
            if (c.id == it.key())
                name = c.name;
        lines << (it->microphoneMissing ? tr("%1: no microphone").arg(name)
                : it->microphoneMuted   ? tr("%1: microphone muted").arg(name)
                                        : tr("%1: microphone on").arg(name));
    }
    m_remotes->setText(lines.isEmpty() ? tr("No remote with sound.") : lines.join('\n'));
    const bool anyOn = std::any_of(m_remoteStates.cbegin(), m_remoteStates.cend(),
        [](const MediaState &s) { return !s.microphoneMuted; });
    m_remoteMeter->setOff(!anyOn);
    if (!anyOn)
        m_remoteMeter->setLevel(LevelMeter::kFloorDb);
}

}  // namespace rudebot
