#include "desktop/connect_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "ui/palette_contrast.h"

namespace rudebot {

QString ConnectDialog::boardName(const PortCandidate &p)
{
    const quint16 vid = p.usbVendorId, pid = p.usbProductId;
    const QString ids =
        QStringLiteral("%1:%2").arg(vid, 4, 16, QLatin1Char('0')).arg(pid, 4, 16, QLatin1Char('0'));
    switch (usbBoard(vid, pid)) {
    case UsbBoard::Arduino: return tr("Arduino (%1)").arg(ids);
    case UsbBoard::Ch340Serial:
        return tr("CH340 USB serial, likely an Arduino clone (%1)").arg(ids);
    case UsbBoard::FtdiSerial: return tr("FTDI USB serial, likely an Arduino (%1)").arg(ids);
    case UsbBoard::Unknown: break;
    }
    return {};
}

ConnectDialog::ConnectDialog(const QStringList &recent, QWidget *parent, PortLister ports)
    : QDialog(parent), m_listPorts(std::move(ports)), m_recentTexts(recent)
{
    setWindowTitle(tr("Connect to a rig"));
    m_tabs = new QTabWidget(this);

    auto *station = new QWidget(m_tabs);
    auto *sf = new QFormLayout(station);
    m_pairing = new QLineEdit(station);
    m_pairing->setPlaceholderText(QStringLiteral("rudebot://office-laptop:47800/?fp=…&key=…"));
    // Shown in clear: the user must be able to check what they pasted. Nobody looks over a
    // remote worker's shoulder at home, and the office view hides the link until asked.
    m_pairing->setEchoMode(QLineEdit::Normal);
    m_pairing->setObjectName(QStringLiteral("pairingLink"));
    m_pairing->setAccessibleName(tr("Pairing link"));
    m_pairing->setToolTip(tr("The rudebot:// link the office station shows"));
    auto *hint = new QLabel(tr("Paste the pairing link the office station shows. It works like a "
                               "password: it proves who you are and which station is real."),
        station);
    hint->setWordWrap(true);
    sf->addRow(tr("Pairing link"), m_pairing);
    sf->addRow(hint);
    m_tabs->addTab(station, tr("Station"));

    auto *serial = new QWidget(m_tabs);
    auto *pf = new QFormLayout(serial);
    auto *portRow = new QHBoxLayout;
    m_port = new QComboBox(serial);
    m_port->setEditable(true);
    m_port->setMinimumContentsLength(28);
    m_port->setToolTip(tr("The Arduino's serial port; Arduinos are listed first"));
    auto *refresh = new QPushButton(tr("&Refresh"), serial);
    refresh->setToolTip(tr("Look for serial ports again, e.g. after plugging the rig in"));
    portRow->addWidget(m_port, 1);
    portRow->addWidget(refresh);
    auto *portLabel = new QLabel(tr("Serial &port"), serial);
    portLabel->setBuddy(m_port);  // a row holding a layout gets no buddy by itself
    pf->addRow(portLabel, portRow);
    auto *serialHint = new QLabel(tr("The Arduino's own USB port, at 115200 baud. Opening it "
                                     "resets the board; a station avoids that."),
        serial);
    serialHint->setWordWrap(true);
    pf->addRow(serialHint);
    m_tabs->addTab(serial, tr("Serial port"));
    connect(refresh, &QPushButton::clicked, this, &ConnectDialog::refreshPorts);

    auto *bridge = new QWidget(m_tabs);
    auto *bf = new QFormLayout(bridge);
    m_bridge = new QLineEdit(bridge);
    m_bridge->setPlaceholderText(QStringLiteral("192.168.1.20:7777"));
    m_bridge->setToolTip(tr("Host name or address and port of the serial-to-TCP bridge"));
    bf->addRow(tr("Bridge (HOST:PORT)"), m_bridge);
    auto *bridgeHint = new QLabel(tr("A raw serial-to-TCP bridge such as tcp_serial_redirect.py "
                                     "or ser2net. Unencrypted: use it on a trusted network only."),
        bridge);
    bridgeHint->setWordWrap(true);
    bf->addRow(bridgeHint);
    m_tabs->addTab(bridge, tr("Bridge"));

    m_tabs->setToolTip(
        tr("How to reach the rig: an office station, a serial port or a raw bridge"));
    m_tabs->tabBar()->setAccessibleName(tr("Connection kind"));
    m_tabs->setTabToolTip(0, tr("An office station, with the pairing link it shows (encrypted)"));
    m_tabs->setTabToolTip(1, tr("The rig's Arduino, plugged into this computer"));
    m_tabs->setTabToolTip(2, tr("A raw serial-to-TCP bridge on a trusted network (unencrypted)"));
    m_recent = new QListWidget(this);
    m_recent->setAccessibleName(tr("Recent connections"));
    m_recent->setAccessibleDescription(tr("Double-click or press Connect to use one again"));
    m_recent->setToolTip(m_recent->accessibleDescription());
    for (const QString &text : recent) {
        QString error;
        if (const auto t = ConnectionTarget::fromString(text, &error))
            m_recent->addItem(t->displayName());
        else
            m_recent->addItem(text);
    }
    connect(m_recent, &QListWidget::itemDoubleClicked, this, &ConnectDialog::accept);
    connect(m_recent, &QListWidget::itemClicked, this, [this] { m_useRecent = true; });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { m_useRecent = false; });

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setObjectName(QStringLiteral("connectProblem"));
    m_problem->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    buttons->button(QDialogButtonBox::Ok)->setToolTip(tr("Connect to what is chosen above"));
    buttons->button(QDialogButtonBox::Cancel)->setToolTip(tr("Close without connecting"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    if (!recent.isEmpty()) {
        auto *recentLabel = new QLabel(tr("R&ecent connections"), this);
        recentLabel->setBuddy(m_recent);
        layout->addWidget(recentLabel);
        layout->addWidget(m_recent);
    } else {
        m_recent->hide();
    }
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    refreshPorts();
    resize(560, recent.isEmpty() ? 260 : 420);
}

void ConnectDialog::refreshPorts()
{
    m_ports = m_listPorts ? m_listPorts() : QList<PortCandidate>{};
    // Arduinos first: they are what the user is looking for.
    std::stable_sort(
        m_ports.begin(), m_ports.end(), [](const PortCandidate &a, const PortCandidate &b) {
            return looksLikeArduino(a) && !looksLikeArduino(b);
        });
    const QString typed = m_port->currentText();
    m_port->clear();
    for (const PortCandidate &p : m_ports) {
        const QString board = boardName(p);
        m_port->addItem(
            board.isEmpty() ? p.path : QStringLiteral("%1 — %2").arg(p.path, board), p.path);
    }
    if (!typed.isEmpty())
        m_port->setEditText(typed);
}

void ConnectDialog::accept()
{
    QString error;
    std::optional<ConnectionTarget> t;
    if (m_useRecent && m_recent->currentRow() >= 0) {
        t = ConnectionTarget::fromString(m_recentTexts.value(m_recent->currentRow()), &error);
    } else if (m_tabs->currentIndex() == 0) {
        t = ConnectionTarget::fromString(m_pairing->text(), &error);
        if (t && t->kind != ConnectionTarget::Kind::Station) {
            t.reset();
            error = tr("that is not a pairing link (rudebot://…)");
        }
    } else if (m_tabs->currentIndex() == 1) {
        const int i = m_port->currentIndex();
        const bool listed = i >= 0 && m_port->currentText() == m_port->itemText(i);
        const QString path =
            listed ? m_port->itemData(i).toString() : m_port->currentText().trimmed();
        t = ConnectionTarget::fromString(QStringLiteral("serial:") + path, &error);
        if (t && listed && i < m_ports.size()) {
            t->link.usbVendorId = m_ports[i].usbVendorId;
            t->link.usbProductId = m_ports[i].usbProductId;
            t->link.usbSerialNumber = m_ports[i].usbSerialNumber;
        }
    } else {
        t = ConnectionTarget::fromString(
            QStringLiteral("bridge:") + m_bridge->text().trimmed(), &error);
    }
    if (!t) {
        m_problem->setText(tr("Cannot connect: %1.").arg(withoutFinalStop(error)));
        m_problem->setPalette(withErrorText(palette()));  // the theme's, read now: it may change
        m_problem->show();
        return;
    }
    m_target = t;
    QDialog::accept();
}

}  // namespace rudebot
