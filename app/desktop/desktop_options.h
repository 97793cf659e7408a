// The desktop app's command line: what `rudebot` was asked to do, parsed before any display is
// needed (so --help and bad arguments answer in a terminal without one).
//   (nothing)          the remote view, reconnecting to the last connection if there is one
//   --station FILE|-   a station, by its pairing link read from FILE or standard input (or
//                      RUDEBOT_STATION_LINK); never the link itself on the command line
//   --connect TARGET   serial:PATH or bridge:HOST:PORT
//   --serial PATH      the Arduino on this serial port, directly
//   --bridge HOST:PORT a raw serial-to-TCP bridge
//   --demo             the virtual rig, a station and the virtual camera on 127.0.0.1, and the
//                      remote view connected to them (View › Office view shows the station side)
//   --office           the office station in this app, on the Arduino (--serial, or the first
//                      Arduino found), with the office view
//   --dark             dark theme (otherwise the saved choice, or the platform's)
#pragma once
#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace rudebot {

struct DesktopOptions {
    bool demo = false;
    bool office = false;
    bool dark = false;
    bool version = false;  // --version: print it and exit, before any display is needed
    QString connect;  // --connect, --serial or --bridge, as a ConnectionTarget string; a
                      // station's link once resolveStationLink() has read it
    bool station = false;  // --station, or RUDEBOT_STATION_LINK with no other connection
    QString stationSource;  // --station's FILE or "-"; empty: the environment
    QString stationData;  // --office: where the station keeps its identity; empty = default
    // --office: where remotes reach the station (TLS on officePort, MJPEG on the next port).
    // Tests set 127.0.0.1 and 0 (any free port, video too), so two of them never collide and
    // nothing they start is reachable from outside the machine.
    QHostAddress officeAddress = QHostAddress::Any;
    quint16 officePort = 47800;
};

// Parses the command line (without the program name). False with a sentence in *error.
bool parseDesktopArgs(const QStringList &args, DesktopOptions *out, QString *error, bool *help);
// For out->station: reads the link (station/link_source.h) into out->connect. False with a
// sentence in *error (a file others can read, nothing there, not a pairing link).
bool resolveStationLink(DesktopOptions *out, QString *error);
QString desktopUsage();

}  // namespace rudebot
