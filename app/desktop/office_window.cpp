#include "desktop/office_window.h"

#include <QClipboard>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "comms/rig_client.h"
#include "desktop/app_settings.h"
#include "desktop/control_asks_panel.h"
#include "desktop/message_bar.h"
#include "station/keyring.h"
#include "station/station.h"
#include "ui/rig_dial.h"
#include "ui/video_view.h"

namespace rudebot {

OfficeWindow::OfficeWindow(Station *station, RigClient *rig, const PairingInfo &pairing,
    AppSettings *settings, QWidget *parent)
    : QWidget(parent, Qt::Window), m_station(station), m_rig(rig), m_pairing(pairing),
      m_settings(settings), m_messages(new MessageBar(this)), m_preview(new VideoView(this)),
      m_dial(new RigDial(this))
{
    setObjectName(QStringLiteral("officeWindow"));
    setWindowTitle(tr("Rudebot office station"));
    m_preview->setPlaceholderText(tr("The local camera's picture appears here."));
    m_preview->setAccessibleName(tr("Local camera preview"));
    m_preview->setCursor(Qt::ArrowCursor);

    // Left: preview. Right: control, clients, pairing.
    auto *left = m_left = new QVBoxLayout;
    left->setSpacing(6);
    left->addWidget(m_messages);
    left->addWidget(m_preview, 1);

    auto *control = new QGroupBox(tr("Control"), this);
    auto *cl = new QVBoxLayout(control);
    cl->addWidget(m_dial);
    m_controlState = new QLabel(control);
    m_controlState->setWordWrap(true);
    cl->addWidget(m_controlState);
    auto *nameRow = new QFormLayout;
    m_name = new QLineEdit(m_settings->officeName(), control);
    m_name->setToolTip(tr("How remotes see you when you take control"));
    m_name->setObjectName(QStringLiteral("officeName"));
    nameRow->addRow(tr("Your name"), m_name);
    cl->addLayout(nameRow);
    auto *buttons = new QHBoxLayout;
    m_override = new QPushButton(tr("Take control"), control);
    m_override->setCheckable(true);
    m_override->setToolTip(tr("Remotes can watch but not turn the rig until you release it"));
    m_park = new QPushButton(tr("Park and lock"), control);
    m_park->setCheckable(true);
    m_park->setToolTip(tr("Turn the camera to its park position and keep it there (privacy)"));
    buttons->addWidget(m_override);
    buttons->addWidget(m_park);
    cl->addLayout(buttons);
    m_pauseVideo = new QPushButton(tr("Pause video"), control);
    m_pauseVideo->setObjectName(QStringLiteral("pauseVideo"));
    m_pauseVideo->setCheckable(true);
    m_pauseVideo->setToolTip(tr("Remotes see a privacy card instead of the room; the camera "
                                "stays where it is and they can still turn it"));
    m_pauseVideo->setAccessibleDescription(m_pauseVideo->toolTip());
    cl->addWidget(m_pauseVideo);
    m_turnNotice = new QLabel(control);
    m_turnNotice->setObjectName(QStringLiteral("remoteTurnNotice"));
    m_turnNotice->setWordWrap(true);
    m_turnNotice->setAccessibleName(tr("Who is turning the rig"));
    m_turnNotice->hide();
    cl->addWidget(m_turnNotice);
    // Above the picture, where the office looks: the side column has no room to spare.
    m_asks = new ControlAsksPanel(this);
    left->insertWidget(1, m_asks);

    auto *rigBox = new QGroupBox(tr("Rig"), this);
    auto *rf = new QFormLayout(rigBox);
    m_rigState = new QLabel(rigBox);
    m_firmware = new QLabel(rigBox);
    m_firmware->setObjectName(QStringLiteral("officeFirmware"));
    m_rigState->setWordWrap(true);
    m_rigState->setObjectName(QStringLiteral("officeRigState"));
    rf->addRow(tr("State"), m_rigState);
    rf->addRow(tr("Firmware"), m_firmware);
    rf->addRow(tr("Port"), new QLabel(rig->describeLink(), rigBox));
    auto *calibrate = new QPushButton(tr("Calibrate rig…"), rigBox);
    calibrate->setObjectName(QStringLiteral("calibrate"));
    calibrate->setToolTip(tr("Set limits, home, direction, field of view and speed for this rig"));
    connect(calibrate, &QPushButton::clicked, this, &OfficeWindow::calibrateRequested);
    auto *importButton = new QPushButton(tr("Import calibration…"), rigBox);
    importButton->setToolTip(
        tr("Use a calibration exported from the wizard, e.g. on another computer"));
    connect(importButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import calibration"), QString(),
            tr("Rudebot calibration (*.json);;All files (*)"));
        if (!path.isEmpty())
            emit importCalibrationRequested(path);
    });
    auto *calRow = new QHBoxLayout;
    calRow->addWidget(calibrate);
    calRow->addWidget(importButton);
    rf->addRow(QString(), calRow);

    auto *clientsBox = new QGroupBox(tr("Connected"), this);
    auto *clientsLayout = new QVBoxLayout(clientsBox);
    m_clients = new QListWidget(clientsBox);
    m_clients->setSelectionMode(QAbstractItemView::NoSelection);
    m_clients->setMinimumHeight(70);
    m_clients->setAccessibleName(tr("Connected"));
    m_clients->setAccessibleDescription(tr("Who is connected to this station now, and how"));
    clientsLayout->addWidget(m_clients);

    auto *pairBox = new QGroupBox(tr("Pairing link"), this);
    auto *pl = new QVBoxLayout(pairBox);
    m_pairHint = new QLabel(pairBox);
    m_pairHint->setObjectName(QStringLiteral("pairingHint"));
    m_pairHint->setWordWrap(true);
    m_link = new QLineEdit(pairBox);
    m_link->setReadOnly(true);
    m_link->setObjectName(QStringLiteral("pairingLink"));
    m_link->setEchoMode(QLineEdit::Password);
    m_link->setAccessibleName(tr("Pairing link"));
    m_link->setToolTip(tr("Hidden until you press Show; Copy link puts it on the clipboard"));
    auto *pairButtons = new QHBoxLayout;
    auto *show = m_showLink = new QPushButton(tr("&Show"), pairBox);
    show->setCheckable(true);
    show->setToolTip(tr("Show the pairing link in clear, to read it out or check it"));
    auto *copy = m_copyLink = new QPushButton(tr("Co&py link"), pairBox);
    copy->setToolTip(tr("Copy the pairing link, to send it to a colleague privately"));
    auto *people = new QPushButton(tr("People…"), pairBox);
    people->setToolTip(tr("A link per person, guest links, and revoking someone's link"));
    connect(people, &QPushButton::clicked, this, &OfficeWindow::peopleRequested);
    pairButtons->addWidget(show);
    pairButtons->addStretch(1);
    pairButtons->addWidget(people);
    pairButtons->addWidget(copy);
    pl->addWidget(m_pairHint);
    pl->addWidget(m_link);
    pl->addLayout(pairButtons);

    auto *right = new QVBoxLayout;
    right->setSpacing(10);
    right->addWidget(control);
    right->addWidget(rigBox);
    right->addWidget(clientsBox, 1);
    right->addWidget(pairBox);
    auto *rightWidget = new QWidget(this);
    rightWidget->setLayout(right);
    right->setContentsMargins(0, 0, 0, 0);
    rightWidget->setFixedWidth(320);

    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(10, 10, 10, 10);
    row->setSpacing(12);
    row->addLayout(left, 1);
    row->addWidget(rightWidget);

    connect(show, &QPushButton::toggled, this,
        [this](bool on) { m_link->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    connect(copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_link->text());
        m_messages->showMessage(tr("Pairing link copied. Send it to your colleague privately."),
            MessageBar::Kind::Info, 4000);
    });
    connect(m_name, &QLineEdit::editingFinished, this,
        [this] { m_settings->setOfficeName(officeName()); });
    connect(m_dial, &RigDial::targetRequested, this, [this](double logical) {
        if (const auto refusal = m_station->officeSetTarget(logical))
            m_messages->showMessage(*refusal, MessageBar::Kind::Warning, 6000);
    });
    connect(m_override, &QPushButton::clicked, this, [this](bool take) {
        if (take)
            m_station->takeOverride(officeName());
        else
            m_station->releaseOverride();
    });
    connect(m_park, &QPushButton::clicked, this, [this](bool lock) {
        if (lock)
            m_station->lockPark(officeName());
        else
            m_station->unlockPark();
    });
    connect(m_pauseVideo, &QPushButton::clicked, this,
        [this](bool pause) { m_station->setVideoPaused(pause, officeName()); });
    connect(m_asks, &ControlAsksPanel::answered, this, [this](int clientId, bool grant) {
        if (const auto why = m_station->answerControl(clientId, grant, officeName()))
            m_messages->showMessage(*why, MessageBar::Kind::Warning, 6000);
    });
    connect(m_station, &Station::controlAsksChanged, this, &OfficeWindow::refreshAsks);
    // Shown while a remote turns the rig, and a few seconds after its last move.
    m_turnNoticeTimer.setSingleShot(true);
    m_turnNoticeTimer.setInterval(6000);
    connect(&m_turnNoticeTimer, &QTimer::timeout, m_turnNotice, &QLabel::hide);
    connect(m_station, &Station::remoteTurned, this,
        [this](int, const QString &name, bool verified) { showTurnNotice(name, verified); });
    connect(m_station, &Station::clientsChanged, this, &OfficeWindow::refreshClients);
    connect(m_station, &Station::stateChanged, this, &OfficeWindow::refreshControl);
    connect(m_rig, &RigClient::stateChanged, this, &OfficeWindow::refreshRig);
    connect(m_rig, &RigClient::calibrationChanged, this, &OfficeWindow::refreshRig);
    connect(m_rig, &RigClient::firmwareDetected, this, &OfficeWindow::refreshRig);
    connect(m_rig, &RigClient::actualAngleChanged, this, &OfficeWindow::refreshRig);
    connect(m_rig, &RigClient::targetChanged, this, &OfficeWindow::refreshRig);
    // The last position report can say "stopped" at an angle already shown: only arrived()
    // tells, and without it the state said "Ready, turning" with the rig standing still.
    connect(m_rig, &RigClient::arrived, this, &OfficeWindow::refreshRig);
    connect(m_rig, &RigClient::targetAccepted, this, &OfficeWindow::refreshRig);
    connect(m_rig, &RigClient::errorOccurred, this, [this](RigClient::Error e, const QString &m) {
        if (e == RigClient::Error::NoBoard) {
            // A new Uno, or another sketch: the way out is installing ours, offered right here.
            m_messages->showMessage(m, MessageBar::Kind::Error, 0, tr("Install firmware…"),
                [this] { emit installFirmwareRequested(); });
            return;
        }
        m_messages->showMessage(m, MessageBar::Kind::Error, 10000);
    });
    connect(m_rig, &RigClient::stateChanged, this, [this](RigClient::State s) {
        if (s == RigClient::State::Ready && m_messages->kind() == MessageBar::Kind::Error)
            m_messages->dismiss();
    });

    if (!restoreGeometry(m_settings->officeGeometry()))
        resize(1100, 680);
    setPairing(pairing);
    refreshClients();
    refreshControl();
    refreshRig();
    refreshAsks();
}

void OfficeWindow::setPairing(const PairingInfo &pairing)
{
    m_pairing = pairing;
    const bool shared = !pairing.secret.isEmpty();
    // Retired, the shared link has no key: showing or copying it would hand out a dead link.
    m_link->setText(shared ? pairing.toUri() : QString());
    m_link->setVisible(shared);
    m_showLink->setVisible(shared);
    m_copyLink->setVisible(shared);
    m_pairHint->setText(shared
            ? tr("Give this link to a remote colleague, privately: it works like a password.")
            : tr("Everyone has a link of their own: the shared link is retired. For a new "
                 "colleague or a guest, press People… to make one."));
}

void OfficeWindow::watchKeyring(Keyring *keyring)
{
    auto follow = [this, keyring] {
        PairingInfo p = m_pairing;
        p.secret = keyring->sharedSecret();  // empty once retired
        setPairing(p);
    };
    connect(keyring, &Keyring::changed, this, follow);
    follow();
}

QString OfficeWindow::officeName() const
{
    const QString name = m_name->text().trimmed();
    return name.isEmpty() ? tr("Office") : name;
}

void OfficeWindow::addAudioPanel(QWidget *panel)
{
    m_left->addWidget(panel);
}

void OfficeWindow::setPreviewFrame(const QImage &frame)
{
    m_preview->setFrame(frame);
}

void OfficeWindow::setCameraProblem(const QString &message)
{
    m_preview->setPlaceholderText(message);
    m_preview->setIdleTitle(tr("No camera"));  // not "Waiting for video…": nothing is coming
    m_messages->showMessage(message, MessageBar::Kind::Warning);
}

void OfficeWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setOfficeGeometry(saveGeometry());
    m_settings->setOfficeName(officeName());
    m_settings->sync();
    QWidget::closeEvent(event);
}

}  // namespace rudebot
