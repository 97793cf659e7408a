// The desktop app's office role as the tests start it: on 127.0.0.1 and any free port (TLS and
// MJPEG), so nothing a test serves is reachable from outside and two tests never collide.
#pragma once
#include "desktop/desktop_options.h"

#include <QHostAddress>
#include <QString>

inline rudebot::DesktopOptions officeOnLoopback(const QString &connect, const QString &stationData)
{
    rudebot::DesktopOptions options;
    options.office = true;
    options.officeAddress = QHostAddress::LocalHost;
    options.officePort = 0;
    options.connect = connect;
    options.stationData = stationData;
    return options;
}
