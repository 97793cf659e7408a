// A network namespace of the test's own whose loopback is a constrained link: tbf for an
// uplink of a few Mbit/s with a 300 ms router queue (MTU 1500, see PLATFORM-NOTES), and
// optionally random UDP loss with nftables. Removed again when the object goes.
#pragma once
#include <QCoreApplication>
#include <QProcess>
#include <QString>
#include <QStringList>

class ShapedLink {
public:
    explicit ShapedLink(const QString &tag)
        : m_name(QStringLiteral("rbm-%1-%2").arg(tag).arg(QCoreApplication::applicationPid()))
    {
    }
    ~ShapedLink()
    {
        run({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("delete"), m_name});
    }

    QString name() const { return m_name; }

    // rate: tc's syntax ("3mbit"), empty = unshaped; lossPercent: random UDP loss, 0 = none.
    bool setUp(const QString &rate, int lossPercent, QString *error)
    {
        run({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("delete"), m_name});
        if (!run({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("add"), m_name},
                error)
            || !inside({QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"),
                           QStringLiteral("lo"), QStringLiteral("up"), QStringLiteral("mtu"),
                           QStringLiteral("1500")},
                error))
            return false;
        // libnice gathers no candidates on a loopback interface, and this kernel has no dummy
        // links: a veth pair gives the namespace an address of its own. Packets to it still
        // travel over lo (the local route), so lo's shaping applies.
        // No IPv6 in the namespace: libnice would also gather the veth's link-local fe80::
        // addresses, and a pair chosen on them was seen to carry the media at full rate while
        // lo (the shaped link) counted 0.01 Mbit/s. The sysctl is per namespace.
        if (!inside(QStringLiteral("sysctl -q -w net.ipv6.conf.all.disable_ipv6=1").split(' '), error)
            || !inside(QStringLiteral("sysctl -q -w net.ipv6.conf.default.disable_ipv6=1").split(' '), error))
            return false;
        if (!inside(QStringLiteral("ip link add rbv0 type veth peer name rbv1").split(' '), error)
            || !inside(QStringLiteral("ip addr add 10.77.0.1/24 dev rbv0").split(' '), error)
            || !inside(QStringLiteral("ip link set rbv0 up").split(' '), error)
            || !inside(QStringLiteral("ip link set rbv1 up").split(' '), error))
            return false;
        if (!rate.isEmpty()
            && !inside(
                QStringLiteral("tc qdisc add dev lo root tbf rate %1 burst 32kbit latency 300ms")
                    .arg(rate)
                    .split(' '),
                error))
            return false;
        if (lossPercent > 0) {
            const QStringList nft{QStringLiteral("nft"), QStringLiteral("-f"), QStringLiteral("-")};
            const QString rules = QStringLiteral(
                "table inet rudebot_loss {\n chain c {\n  type filter hook input priority 0;\n"
                "  meta l4proto udp numgen random mod 100 < %1 drop\n }\n}\n")
                                      .arg(lossPercent);
            if (!inside(nft, error, rules.toUtf8()))
                return false;
        }
        return true;
    }

    // The command to run a program inside the namespace.
    QStringList wrap(const QStringList &command) const
    {
        return QStringList{
                   QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), m_name}
        + command;
    }

private:
    bool inside(const QStringList &command, QString *error = nullptr, const QByteArray &input = {})
    {
        return run(wrap(command), error, input);
    }
    static bool run(
        const QStringList &command, QString *error = nullptr, const QByteArray &input = {})
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(command.first(), command.mid(1));
        if (!input.isEmpty()) {
            p.write(input);
        }
        p.closeWriteChannel();
        const bool ok =
            p.waitForFinished(20000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        if (!ok && error)
            *error = QStringLiteral("%1: %2").arg(
                command.join(' '), QString::fromUtf8(p.readAll()).trimmed());
        return ok;
    }

    QString m_name;
};
