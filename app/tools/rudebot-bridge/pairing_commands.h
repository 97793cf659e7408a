// rudebot-bridge's pairing subcommands, run by the station's owner next to (or instead of) the
// running service; they change the station's people store (station/keyring.h), which a running
// station notices at once:
//   rudebot-bridge pair [--name NAME [--guest | --hours N] [--once]] [station options]
//   rudebot-bridge paired [station options]
//   rudebot-bridge revoke NAME | --shared-link [station options]
// Station options are rudebot-bridge's own (--data-dir, --config, --listen, --advertise), so
// the links name the station as it is configured.
#pragma once
#include <QStringList>
#include <QTextStream>

namespace rudebot {

// -1 when args (without argv[0]) do not start with a pairing subcommand; else the exit code
// (0 done, 1 failed, 2 bad arguments), having written the result to out and reasons to err.
int runPairingCommand(const QStringList &args, QTextStream &out, QTextStream &err);

// What --help adds about the subcommands.
QString pairingCommandsHelp();

}  // namespace rudebot
