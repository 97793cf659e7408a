#include "tools/rudebot-bridge/pairing_commands.h"

#include <QCoreApplication>
#include <QDir>

#include "station/keyring.h"
#include "station/pairing.h"
#include "station/station_data.h"
#include "tools/rudebot-bridge/bridge_config.h"

namespace rudebot {

namespace {

QString whenText(const QDateTime &t, const QDateTime &now)
{
    if (!t.isValid())
        return QStringLiteral("never");
    const qint64 s = t.secsTo(now);
    if (s < 120)
        return QStringLiteral("just now");
    if (s < 2 * 3600)
        return QStringLiteral("%1 min ago").arg(s / 60);
    if (s < 2 * 86400)
        return QStringLiteral("%1 h ago").arg(s / 3600);
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd"));
}

struct Opened {
    BridgeConfig config;
    StationData data;
};

// The station's configuration and files, as the service would open them.
std::optional<Opened> openStation(QStringList args, QTextStream &err, int *rc)
{
    Opened o;
    QString error;
    bool help = false;
    args << QStringLiteral("--print-pairing");  // no rig is needed to pair
    if (!parseBridgeConfig(args, &o.config, &error, &help) || help) {
        err << "rudebot-bridge: " << (help ? QStringLiteral("see rudebot-bridge --help") : error)
            << '\n';
        *rc = 2;
        return std::nullopt;
    }
    const auto data = openStationData(o.config.dataDir, o.config.station.name, &error);
    if (!data) {
        err << "rudebot-bridge: " << error << '\n';
        *rc = 1;
        return std::nullopt;
    }
    o.data = *data;
    return o;
}

// Takes "--flag VALUE" out of args; false (with *error) when the value is missing.
bool takeValue(QStringList *args, const QString &flag, QString *value, QString *error)
{
    const qsizetype i = args->indexOf(flag);
    if (i < 0)
        return true;
    if (i + 1 >= args->size() || args->at(i + 1).startsWith(QLatin1String("--"))) {
        *error = QStringLiteral("%1 needs a value").arg(flag);
        return false;
    }
    *value = args->at(i + 1);
    args->remove(i, 2);
    return true;
}

bool takeFlag(QStringList *args, const QString &flag)
{
    return args->removeAll(flag) > 0;
}

int pair(QStringList args, QTextStream &out, QTextStream &err)
{
    QString name, hours, error;
    if (!takeValue(&args, QStringLiteral("--name"), &name, &error)
        || !takeValue(&args, QStringLiteral("--hours"), &hours, &error)) {
        err << "rudebot-bridge pair: " << error << '\n';
        return 2;
    }
    const bool guest = takeFlag(&args, QStringLiteral("--guest"));
    const bool once = takeFlag(&args, QStringLiteral("--once"));
    qint64 validFor = guest ? 24 * 3600 : 0;
    if (!hours.isEmpty()) {
        bool ok = false;
        const double h = hours.toDouble(&ok);
        if (!ok || h <= 0 || h > 24 * 365) {
            err << "rudebot-bridge pair: --hours must be a number of hours from 0 to 8760, not '"
                << hours << "'\n";
            return 2;
        }
        validFor = qint64(h * 3600);
    }
    if (name.isEmpty() && (validFor || once)) {
        err << "rudebot-bridge pair: --guest, --hours and --once make a link for someone: add "
               "--name NAME\n";
        return 2;
    }
    int rc = 0;
    const auto st = openStation(args, err, &rc);
    if (!st)
        return rc;
    Keyring keyring(QDir(st->data.dir).filePath(QLatin1String(kPeopleFile)), st->data.sharedSecret);
    if (!keyring.load(&error)) {
        err << "rudebot-bridge: " << error << '\n';
        return 1;
    }
    PairingInfo link{st->config.advertisedHost, st->config.station.port,
        certificateFingerprint(st->data.identity.certificate), {}};
    if (name.isEmpty()) {
        if (!keyring.sharedLinkActive()) {
            err << "rudebot-bridge pair: the shared link was retired; make a link per person with "
                   "--name NAME\n";
            return 1;
        }
        link.secret = keyring.sharedSecret();
        out << link.toUri() << '\n';
        return 0;
    }
    const auto person = keyring.add(name, validFor, once, &error);
    if (!person) {
        err << "rudebot-bridge pair: " << error << '\n';
        return 1;
    }
    link.secret = person->secret;
    QString terms;
    if (person->expires.isValid())
        terms += QStringLiteral(", valid until %1 UTC")
                     .arg(person->expires.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    if (person->once)
        terms += QStringLiteral(", for one connection");
    err << "rudebot-bridge: a link for " << person->name << terms
        << " (a password: send it privately; 'rudebot-bridge revoke " << person->name
        << "' ends it):\n";
    err.flush();
    out << link.toUri() << '\n';
    return 0;
}

int paired(const QStringList &args, QTextStream &out, QTextStream &err)
{
    int rc = 0;
    const auto st = openStation(args, err, &rc);
    if (!st)
        return rc;
    QString error;
    Keyring keyring(QDir(st->data.dir).filePath(QLatin1String(kPeopleFile)), st->data.sharedSecret);
    if (!keyring.load(&error)) {
        err << "rudebot-bridge: " << error << '\n';
        return 1;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    out << qSetFieldWidth(24) << Qt::left << "NAME"
        << "LAST SEEN" << qSetFieldWidth(0) << "LINK\n";
    for (const PairedPerson &p : keyring.people()) {
        QString terms = QStringLiteral("personal");
        if (p.expires.isValid())
            terms = now >= p.expires
                ? QStringLiteral("guest, expired")
                : QStringLiteral("guest until %1 UTC")
                      .arg(p.expires.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        if (p.once)
            terms += p.used.isValid() ? QStringLiteral(", one-time, used")
                                      : QStringLiteral(", one-time, unused");
        out << qSetFieldWidth(24) << p.name << whenText(p.lastSeen, now) << qSetFieldWidth(0)
            << terms << '\n';
    }
    out << "shared link (everyone paired before links per person): "
        << (keyring.sharedLinkActive()
                   ? "active; retire it with 'rudebot-bridge revoke --shared-link'"
                   : "retired")
        << '\n';
    return 0;
}

int revoke(QStringList args, QTextStream &out, QTextStream &err)
{
    const bool shared = takeFlag(&args, QStringLiteral("--shared-link"));
    QString name;
    if (!shared) {
        if (args.isEmpty() || args.first().startsWith(QLatin1String("--"))) {
            err << "rudebot-bridge revoke: say whose link: revoke NAME, or revoke --shared-link\n";
            return 2;
        }
        name = args.takeFirst();
    }
    int rc = 0;
    const auto st = openStation(args, err, &rc);
    if (!st)
        return rc;
    QString error;
    Keyring keyring(QDir(st->data.dir).filePath(QLatin1String(kPeopleFile)), st->data.sharedSecret);
    if (!keyring.load(&error)
        || !(shared ? keyring.retireSharedLink(&error) : keyring.revoke(name, &error))) {
        err << "rudebot-bridge revoke: " << error << '\n';
        return 1;
    }
    out << (shared
            ? QStringLiteral("The shared link no longer works; everyone needs a link of their own.")
            : QStringLiteral(
                "%1's link no longer works; a running station has closed their connections.")
                  .arg(name))
        << '\n';
    return 0;
}

}  // namespace

QString pairingCommandsHelp()
{
    return QStringLiteral(
        "\nPairing (run as the station's user; a running station sees the change at once):\n"
        "  rudebot-bridge pair                 print the shared pairing link (not logged after the "
        "first start)\n"
        "  rudebot-bridge pair --name NAME     make a link of NAME's own (the office sees that "
        "name)\n"
        "      [--guest | --hours N] [--once]  a guest link: ends after 24 h / N hours, or after "
        "one connection\n"
        "  rudebot-bridge paired               who is paired, when last seen\n"
        "  rudebot-bridge revoke NAME          end NAME's link (others keep working)\n"
        "  rudebot-bridge revoke --shared-link end the shared link once everyone has their own\n"
        "Each takes the station's --data-dir/--config/--listen/--advertise.\n");
}

int runPairingCommand(const QStringList &args, QTextStream &out, QTextStream &err)
{
    if (args.isEmpty())
        return -1;
    const QString cmd = args.first();
    const QStringList rest = args.mid(1);
    if (cmd != QLatin1String("pair") && cmd != QLatin1String("paired")
        && cmd != QLatin1String("revoke"))
        return -1;
    // The keyring's lock, watch and timers are Qt objects that want an application.
    static int argc = 1;
    static char name[] = "rudebot-bridge";
    static char *argv[] = {name, nullptr};
    std::optional<QCoreApplication> app;
    if (!QCoreApplication::instance())
        app.emplace(argc, argv);
    if (cmd == QLatin1String("pair"))
        return pair(rest, out, err);
    if (cmd == QLatin1String("paired"))
        return paired(rest, out, err);
    if (cmd == QLatin1String("revoke"))
        return revoke(rest, out, err);
    return -1;
}

}  // namespace rudebot
