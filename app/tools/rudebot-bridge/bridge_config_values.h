// Between bridge_config.cpp, which reads the settings as text (flags over the INI file), and
// bridge_config_values.cpp, which turns that text into a checked BridgeConfig: kept apart so
// where a setting comes from and what it may be are each read in one place.
#pragma once
#include <QHash>
#include <QString>
#include <QStringList>

#include "tools/rudebot-bridge/bridge_config.h"

namespace rudebot {

// values: by option name without dashes; a flag given on the command line is "true", one in
// the file as written (true, 1 or yes count). turnServers: the file's turn= list, already
// checked to be turn:// or turns:// URIs. False with a one-line reason in *error.
bool bridgeConfigFromValues(const QHash<QString, QString> &values, const QStringList &turnServers,
    BridgeConfig *out, QString *error);

}  // namespace rudebot
