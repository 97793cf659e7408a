// The office view kept in step with the station and the rig: who is connected, who holds
// control or the park lock, who asks for it and who is turning, and the rig's state and
// firmware. Part of OfficeWindow (office_window.h), apart from building and wiring the window.
#include <QLabel>
#include <QListWidget>
#include <QPushButton>

#include "comms/rig_client.h"
#include "desktop/control_asks_panel.h"
#include "desktop/message_bar.h"
#include "desktop/office_window.h"
#include "station/station.h"
#include "ui/rig_dial.h"

namespace rudebot {

namespace {
QString kindLabel(const QString &kind)
{
    if (kind == QLatin1String("remote"))
        return OfficeWindow::tr("remote");
    if (kind == QLatin1String("office"))
        return OfficeWindow::tr("office tool");
    if (kind == QLatin1String("raw"))
        return OfficeWindow::tr("raw bridge client");
    return kind;
}
}  // namespace

void OfficeWindow::refreshAsks()
{
    QList<ControlAskRow> rows;
    for (const Station::ControlAsk &a : m_station->controlAsks())
        rows.append({a.clientId, a.name, a.verified});
    m_asks->setAsks(rows);
}

void OfficeWindow::showTurnNotice(const QString &name, bool verified)
{
    m_turnNotice->setText(verified
            ? tr("%1 is turning the rig.").arg(name)
            : tr("%1 is turning the rig (shared link, name not verified).").arg(name));
    m_turnNotice->show();
    m_turnNoticeTimer.start();
}

void OfficeWindow::refreshClients()
{
    m_clients->clear();
    for (const ClientInfo &c : m_station->clients()) {
        QString name = c.name.isEmpty() ? tr("(no name)") : c.name;
        // A personal link names its holder; on the shared link the name is only what it says.
        if (c.kind == QLatin1String("remote") && c.person.isEmpty())
            name += tr(" (shared link, name not verified)");
        m_clients->addItem(tr("%1 — %2, %3").arg(name, kindLabel(c.kind), c.peer));
    }
    if (m_clients->count() == 0)
        m_clients->addItem(tr("Nobody is connected."));
}

void OfficeWindow::refreshControl()
{
    const ControlArbiter &a = m_station->arbiter();
    m_override->setChecked(a.overrideHeld());
    m_override->setText(a.overrideHeld() ? tr("Release control") : tr("Take control"));
    m_park->setChecked(a.parkLocked());
    m_park->setText(a.parkLocked() ? tr("Unlock park") : tr("Park and lock"));
    const bool paused = !m_station->videoPausedBy().isEmpty();
    m_pauseVideo->setChecked(paused);
    m_pauseVideo->setText(paused ? tr("Resume video") : tr("Pause video"));
    const bool calibrating = a.overrideHeld() && a.overrideReason() == QLatin1String("calibrating");
    m_override->setEnabled(!calibrating);  // the wizard gives control back when it closes
    QString text;
    if (calibrating)
        text = tr("Calibrating: the wizard turns the rig. Remotes can watch but not turn until "
                  "it closes.");
    else if (a.parkLocked())
        text = tr("Parked and locked by %1: nobody can turn the camera until it is unlocked.")
                   .arg(a.parkLockedBy());
    else if (a.overrideHeld())
        text = tr("%1 has control: remotes can watch but not turn.").arg(a.overrideBy());
    else
        text = tr("Remotes may turn the rig. Your own moves always win.");
    m_controlState->setText(text);
    m_dial->setEnabled(!a.parkLocked() && !calibrating);
    promptIfUnchecked();
}

// A rig whose direction nobody checked: remotes are told, and the office is asked to check it.
void OfficeWindow::promptIfUnchecked()
{
    if (m_station->directionChecked() || m_promptedUnchecked
        || m_rig->state() != RigClient::State::Ready)
        return;
    m_promptedUnchecked = true;
    m_messages->showMessage(tr("Nobody has checked which way this rig turns, so remotes are told "
                                "it may turn the other way than their dial says. The calibration "
                                "wizard checks it in a few minutes."),
        MessageBar::Kind::Warning, 0, tr("Calibrate rig…"), [this] { emit calibrateRequested(); });
}

void OfficeWindow::refreshRig()
{
    promptIfUnchecked();
    const Calibration cal = m_rig->calibration();
    m_dial->setLimits(cal.minLogicalDeg, cal.maxLogicalDeg);
    // The client remembers the last board's angle and firmware; unplugged, they are history.
    const bool ready = m_rig->state() == RigClient::State::Ready;
    if (ready && m_rig->hasActualAngle())
        m_dial->setActualAngle(m_rig->actualLogicalDeg());
    else
        m_dial->clearActualAngle();
    if (m_rig->hasTarget())
        m_dial->setTargetAngle(m_rig->targetLogicalDeg());
    switch (m_rig->state()) {
    case RigClient::State::Disconnected: m_rigState->setText(tr("Stopped")); break;
    case RigClient::State::Connecting: m_rigState->setText(tr("Opening the port…")); break;
    case RigClient::State::AwaitingBoard: m_rigState->setText(tr("Waiting for the board…")); break;
    case RigClient::State::Ready:
        m_rigState->setText(m_rig->isMoving() ? tr("Ready, turning") : tr("Ready"));
        break;
    }
    m_firmware->setEnabled(ready);
    if (!ready) {
        m_firmware->setText(QStringLiteral("–"));
        return;
    }
    switch (m_rig->firmware()) {
    case RigClient::Firmware::Rudebot:
        m_firmware->setText(tr("Rudebot %1").arg(m_rig->firmwareVersion()));
        break;
    case RigClient::Firmware::Seed: m_firmware->setText(tr("2011 firmware")); break;
    case RigClient::Firmware::Unknown: m_firmware->setText(QStringLiteral("–")); break;
    }
}

}  // namespace rudebot
