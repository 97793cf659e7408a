#include "desktop/remote_audio.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolButton>

#include "desktop/app_settings.h"
#include "desktop/audio_devices_dialog.h"
#include "desktop/message_bar.h"
#include "desktop/remote_media_path.h"
#include "remote/media_client.h"
#include "station/audio_choice.h"
#include "ui/level_meter.h"

namespace rudebot {

RemoteAudio::RemoteAudio(const Parts &parts, QObject *parent)
    : QObject(parent), m_parts(parts), m_mute(new QAction(tr("&Mute microphone"), this)),
      m_devices(new QAction(tr("Sound &devices…"), this)), m_button(new QToolButton),
      m_micMeter(new LevelMeter), m_officeMeter(new LevelMeter), m_officeOff(new QLabel),
      m_ownOff(new QLabel)
{
    m_mute->setCheckable(true);
    m_mute->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    m_mute->setObjectName(QStringLiteral("muteMicrophone"));
    parts.window->addAction(m_mute);  // also in full screen, with the menu bar hidden
    connect(m_mute, &QAction::toggled, this, &RemoteAudio::setMicrophoneMuted);
    connect(m_devices, &QAction::triggered, this, [this] {
        auto *dialog = openAudioDevicesDialog(m_parts.settings, m_parts.window);
        connect(dialog, &QDialog::accepted, this, &RemoteAudio::applyDevices);
    });
    // Before Help, which stays last.
    QMenuBar *bar = parts.window->menuBar();
    const QList<QAction *> menus = bar->actions();
    QMenu *audio = new QMenu(tr("&Audio"), bar);
    bar->insertMenu(menus.isEmpty() ? nullptr : menus.last(), audio);
    audio->addAction(m_mute);
    audio->addAction(m_devices);

    auto *strip = new QWidget;
    strip->setObjectName(QStringLiteral("remoteAudio"));
    auto *row = new QHBoxLayout(strip);
    row->setContentsMargins(0, 0, 0, 0);
    m_button->setDefaultAction(m_mute);
    m_button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_button->setAutoRaise(true);
    m_button->setAccessibleName(tr("Mute microphone"));
    m_button->setAccessibleDescription(
        tr("The office hears nothing from you while muted (Ctrl+M)."));
    m_micMeter->setAccessibleName(tr("Your microphone level"));
    m_micMeter->setToolTip(tr("Your microphone"));
    m_officeMeter->setAccessibleName(tr("The office's voice level"));
    m_officeMeter->setToolTip(tr("The office's voice"));
    m_officeOff->setObjectName(QStringLiteral("officeMicrophoneOff"));
    m_officeOff->setStyleSheet(QStringLiteral("font-weight: bold"));
    m_officeOff->hide();
    m_ownOff->setObjectName(QStringLiteral("ownSoundDevicesOff"));
    m_ownOff->setStyleSheet(QStringLiteral("font-weight: bold"));
    m_ownOff->hide();
    row->addWidget(m_ownOff);
    row->addWidget(m_button);
    row->addWidget(m_micMeter);
    row->addWidget(new QLabel(tr("Office:")));
    row->addWidget(m_officeMeter);
    row->addWidget(m_officeOff);
    parts.window->statusBar()->addPermanentWidget(strip);
    m_micMeter->setOff(true);  // no session yet
    m_officeMeter->setOff(true);

    connect(parts.path, &RemoteMediaPath::mediaClientChanged, this, &RemoteAudio::attach);
    applyDevices();
    attach(parts.path->mediaClient());
}

void RemoteAudio::applyDevices()
{
    MediaClientSettings s = m_parts.path->settings();
    QString why;
    const auto mic = resolveAudioChoice(m_parts.settings->microphone(), AudioRole::Microphone, &why);
    const auto speaker = resolveAudioChoice(m_parts.settings->speaker(), AudioRole::Speaker, &why);
    if (!mic || !speaker)
        m_parts.messages->showMessage(
            tr("Sound is off: %1. Choose another device in Audio › Sound devices.").arg(why),
            MessageBar::Kind::Warning, 15000);
    s.audioSource = mic.value_or(QString());
    s.audioSink = speaker.value_or(QString());
    m_parts.path->setSettings(s);

    // "auto" on a machine without the device resolves to none: as missing as a broken choice.
    m_haveMicrophone = !s.audioSource.isEmpty();
    const bool haveSpeaker = !s.audioSink.isEmpty();
    m_ownOff->setText(!m_haveMicrophone && !haveSpeaker ? tr("No microphone or speaker")
            : !m_haveMicrophone                         ? tr("No microphone")
                                                        : tr("No speaker"));
    m_ownOff->setToolTip(
        (!m_haveMicrophone ? tr("The office hears nothing from you. ") : QString())
        + (!haveSpeaker ? tr("You hear nothing from the office. ") : QString())
        + tr("Choose a device in Audio › Sound devices."));
    m_ownOff->setVisible(!m_haveMicrophone || !haveSpeaker);
    // Nothing to mute without a microphone; a mute already set holds for when one comes.
    m_mute->setEnabled(m_haveMicrophone);
    m_micMeter->setOff(m_muted || !m_client || !m_haveMicrophone);
}

void RemoteAudio::setMicrophoneMuted(bool muted)
{
    if (muted != m_mute->isChecked())
        m_mute->setChecked(muted);  // comes back here through toggled
    if (muted == m_muted)
        return;
    m_muted = muted;
    m_mute->setText(muted ? tr("Un&mute microphone") : tr("&Mute microphone"));
    m_button->setAccessibleName(muted ? tr("Microphone muted: unmute") : tr("Mute microphone"));
    if (m_client)
        m_client->setMicrophoneMuted(muted);
    m_micMeter->setOff(muted || !m_client || !m_haveMicrophone);
    emit microphoneMutedChanged(muted);
}

void RemoteAudio::attach(MediaClient *client)
{
    if (m_client)
        m_client->disconnect(this);
    m_client = client;
    m_micMeter->setLevel(LevelMeter::kFloorDb);
    m_officeMeter->setLevel(LevelMeter::kFloorDb);
    m_micMeter->setOff(m_muted || !client || !m_haveMicrophone);
    m_officeMeter->setOff(!client);
    showOfficeState();
    if (!client)
        return;
    client->setMicrophoneMuted(m_muted);
    connect(client, &MediaClient::microphoneLevel, m_micMeter, &LevelMeter::setLevel);
    connect(client, &MediaClient::speakerLevel, m_officeMeter, &LevelMeter::setLevel);
    connect(client, &MediaClient::officeStateChanged, this, &RemoteAudio::showOfficeState);
    connect(client, &MediaClient::stateChanged, this, &RemoteAudio::showOfficeState);
}

void RemoteAudio::showOfficeState()
{
    const bool live = m_client && m_client->state() == MediaClient::State::Live;
    const MediaState office = live ? m_client->officeState() : MediaState{};
    const bool off = office.microphoneMuted;
    m_officeOff->setText(office.microphoneMissing ? tr("The office has no microphone")
                                                  : tr("Office microphone off"));
    m_officeOff->setVisible(off);
    m_officeMeter->setOff(!live || off);
    if (!live)
        m_officeMeter->setLevel(LevelMeter::kFloorDb);
}

}  // namespace rudebot
