// File › Connect…: an office station (paste its pairing link), the Arduino on a serial port
// (listed, with Arduino boards recognised by their USB ids), or a raw serial-to-TCP bridge;
// plus the recent connections. Only collects a ConnectionTarget; connecting is the window's job.
#pragma once
#include <QDialog>
#include <functional>
#include <optional>

#include "comms/port_finder.h"
#include "desktop/connection_target.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QTabWidget;

namespace rudebot {

class ConnectDialog : public QDialog {
    Q_OBJECT
public:
    using PortLister = std::function<QList<PortCandidate>()>;

    explicit ConnectDialog(const QStringList &recent, QWidget *parent = nullptr,
        PortLister ports = availableSerialPorts);

    std::optional<ConnectionTarget> target() const { return m_target; }

    // "Arduino (2341:0043)", "CH340 USB serial, likely an Arduino clone (…)", or empty
    // (comms/port_finder.h decides which boards those are).
    static QString boardName(const PortCandidate &port);

    void accept() override;

private:
    void refreshPorts();

    PortLister m_listPorts;
    QList<PortCandidate> m_ports;
    QTabWidget *m_tabs;
    QLineEdit *m_pairing;
    QComboBox *m_port;
    QLineEdit *m_bridge;
    QListWidget *m_recent;
    QLabel *m_problem;
    QStringList m_recentTexts;
    std::optional<ConnectionTarget> m_target;
    bool m_useRecent = false;  // the user picked a recent connection last
};

}  // namespace rudebot
