// Where a client (rudebotctl, the rudebot app) finds a station's pairing link. The link is a
// password, so never on the command line, where every local user's `ps` shows it: a file of
// the user's own (the same rules as the station's secrets: private_files.h), standard input,
// or the environment (RUDEBOT_STATION_LINK, readable only by the user and root).
#pragma once
#include <QString>
#include <optional>

namespace rudebot {

extern const char kStationLinkVariable[];  // "RUDEBOT_STATION_LINK"

// source: a file's path, "-" for standard input, empty for the environment. The first
// non-blank line. nullopt with a one-line reason in *error (no such file, a file others can
// read, nothing there).
std::optional<QString> readStationLink(const QString &source, QString *error);

// An argument that carries a pairing link's key (rudebot://…key=…): refuse it with
// linkOnCommandLineRefusal(option), which says where to put the link instead.
bool carriesPairingKey(const QString &argument);
QString linkOnCommandLineRefusal(const QString &fileOption);

}  // namespace rudebot
