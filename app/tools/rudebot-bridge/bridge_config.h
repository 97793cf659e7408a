// rudebot-bridge's configuration: command-line flags over an optional INI file (the same
// names, without the dashes), checked as a whole so a typo is a clear error, not a default.
#pragma once
#include <QHostAddress>
#include <QSize>
#include <QString>
#include <QStringList>

#include "comms/link_settings.h"
#include "core/calibration.h"
#include "media/ice_settings.h"
#include "station/station.h"

namespace rudebot {

struct BridgeConfig {
    LinkSettings link;
    bool haveLink = false;
    Calibration calibration;
    bool directionChecked = false;  // --inverted or --direction-checked given (StationHostSettings)
    int msPerDeg = 0;  // the rig's speed; 0 = the firmware's default
    StationSettings station;
    QString dataDir;
    bool printPairing = false;  // print the pairing link and exit
    QString advertisedHost;  // host name put in the pairing link

    bool virtualRig = false;  // run rudebot-sim (the real firmware in simavr) as the rig
    // "auto", "default", part of a webcam's name, "virtual" (the office scene) or "none"
    QString camera = QStringLiteral("auto");
    QHostAddress videoAddress = QHostAddress::Any;
    quint16 videoPort = 47801;  // MJPEG over HTTPS
    QSize videoSize = {1280, 720};
    double fps = 15;
    int jpegQuality = 80;
    // The real-time path's STUN/TURN servers, also told to remotes (docs/network.md). TURN
    // servers carry credentials: only from the config file, which must be the user's alone.
    IceSettings ice;
    bool realTime = true;  // false (--no-real-time): remotes get MJPEG only
    // The office microphone and speaker for the real-time path, as named (station/audio_choice.h
    // resolves them when the bridge starts); empty = none.
    QString microphone;
    QString speaker;
};

// Parses args (without argv[0]). False with a one-line reason in *error; *help set when the
// user asked for --help or --version (then *error holds the text to print and the caller exits 0).
bool parseBridgeConfig(const QStringList &args, BridgeConfig *out, QString *error, bool *help);

}  // namespace rudebot
