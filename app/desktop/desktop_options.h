// The desktop app's command line: what `rudebot` was asked to do, parsed before any display is
// needed (so --help and bad arguments answer in a terminal without one).
//   (nothing)          the remote view, reconnecting to the last connection if there is one
//   --connect TARGET   a pairing link, serial:PATH, or bridge:HOST:PORT
//   --serial PATH      the Arduino on this serial port, directly
//   --bridge HOST:PORT a raw serial-to-TCP bridge
//   --demo             the virtual rig, a station and the virtual camera on 127.0.0.1, and the
//                      remote view connected to them (View › Office view shows the station side)
//   --office           the office station in this app, on the Arduino (--serial, or the first
//                      Arduino found), with the office view
//   --dark             dark theme (otherwise the saved choice, or the platform's)
#pragma once
#include <QString>
#include <QStringList>

namespace rudebot {

struct DesktopOptions {
    bool demo = false;
    bool office = false;
    bool dark = false;
    bool version = false;  // --version: print it and exit, before any display is needed
    QString connect;  // --connect, --serial or --bridge, as a ConnectionTarget string
    QString stationData;  // --office: where the station keeps its identity; empty = default
};

// Parses the command line (without the program name). False with a sentence in *error.
bool parseDesktopArgs(const QStringList &args, DesktopOptions *out, QString *error, bool *help);
QString desktopUsage();

}  // namespace rudebot
