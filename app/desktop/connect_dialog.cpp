#include "desktop/connect_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace rudebot {

QString ConnectDialog::boardName(const PortCandidate &p)
{
    const quint16 vid = p.usbVendorId, pid = p.usbProductId;
    const QString ids = QStringLiteral("%1:%2").arg(vid, 4, 16, QLatin1Char('0')).arg(pid, 4, 16, QLatin1Char('0'));
    switch (usbBoard(vid, pid)) {
    case UsbBoard::Arduino: return tr("Arduino (%1)").arg(ids);
    case UsbBoard::Ch340Serial: return tr("CH340 USB serial, likely an Arduino clone (%1)").arg(ids);
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
    m_pairing->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    auto *hint = new QLabel(tr("Paste the pairing link the office station shows. It works like a "
                               "password: it proves who you are and which station is real."), station);
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
    auto *refresh = new QPushButton(tr("Refresh"), serial);
    portRow->addWidget(m_port, 1);
    portRow->addWidget(refresh);
    pf->addRow(tr("Serial port"), portRow);
    auto *serialHint = new QLabel(tr("The Arduino's own USB port, at 115200 baud. Opening it "
                                     "resets the board; a station avoids that."), serial);
    serialHint->setWordWrap(true);
    pf->addRow(serialHint);
    m_tabs->addTab(serial, tr("Serial port"));
    connect(refresh, &QPushButton::clicked, this, &ConnectDialog::refreshPorts);

    auto *bridge = new QWidget(m_tabs);
    auto *bf = new QFormLayout(bridge);
    m_bridge = new QLineEdit(bridge);
    m_bridge->setPlaceholderText(QStringLiteral("192.168.1.20:7777"));
    bf->addRow(tr("Bridge (HOST:PORT)"), m_bridge);
    auto *bridgeHint = new QLabel(tr("A raw serial-to-TCP bridge such as tcp_serial_redirect.py "
                                     "or ser2net. Unencrypted: use it on a trusted network only."), bridge);
    bridgeHint->setWordWrap(true);
    bf->addRow(bridgeHint);
    m_tabs->addTab(bridge, tr("Bridge"));

    m_recent = new QListWidget(this);
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
    m_problem->setForegroundRole(QPalette::BrightText);
    m_problem->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    if (!recent.isEmpty()) {
        layout->addWidget(new QLabel(tr("Recent connections"), this));
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
    std::stable_sort(m_ports.begin(), m_ports.end(), [](const PortCandidate &a, const PortCandidate &b) {
        return looksLikeArduino(a) && !looksLikeArduino(b);
    });
    const QString typed = m_port->currentText();
    m_port->clear();
    for (const PortCandidate &p : m_ports) {
        const QString board = boardName(p);
        m_port->addItem(board.isEmpty() ? p.path : QStringLiteral("%1 — %2").arg(p.path, board), p.path);
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
        const QString path = listed ? m_port->itemData(i).toString() : m_port->currentText().trimmed();
        t = ConnectionTarget::fromString(QStringLiteral("serial:") + path, &error);
        if (t && listed && i < m_ports.size()) {
            t->link.usbVendorId = m_ports[i].usbVendorId;
            t->link.usbProductId = m_ports[i].usbProductId;
            t->link.usbSerialNumber = m_ports[i].usbSerialNumber;
        }
    } else {
        t = ConnectionTarget::fromString(QStringLiteral("bridge:") + m_bridge->text().trimmed(), &error);
    }
    if (!t) {
        m_problem->setText(tr("Cannot connect: %1.").arg(withoutFinalStop(error)));
        m_problem->show();
        return;
    }
    m_target = t;
    QDialog::accept();
}

} // namespace rudebot
