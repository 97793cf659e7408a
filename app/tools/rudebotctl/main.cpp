// rudebotctl: the rig client on the command line, for scripts and the office's automation.
#include "comms/link_factory.h"
#include "comms/rig_client.h"
#include "tools/rudebotctl/ctl_link_source.h"
#include "tools/rudebotctl/ctl_request.h"
#include "tools/rudebotctl/ctl_session.h"
#include "tools/rudebotctl/ctl_station_command.h"
#include "tools/rudebotctl/ctl_watch.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>
#include <QTimer>
#include <cstdio>

using namespace rudebot;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // Scripts read rudebotctl's stderr: only its own one-line reasons go there. The libraries'
    // progress lines stay available through QT_LOGGING_RULES, which wins over these rules.
    QLoggingCategory::setFilterRules(QStringLiteral("rudebot.*.info=false\nrudebot.*.debug=false"));
    QStringList args = app.arguments();
    args.removeFirst();
    if (args.contains(QLatin1String("-h")) || args.contains(QLatin1String("--help"))) {
        QTextStream(stdout) << ctl::helpText();
        return ctl::Ok;
    }
    if (args.contains(QLatin1String("--version"))) {
        QTextStream(stdout) << "rudebotctl " RUDEBOT_VERSION "\n";
        return ctl::Ok;
    }
    ctl::Request request;
    QString error;
    if (!ctl::parseRequest(args, &request, &error) || !ctl::resolveStationLink(&request, &error)) {
        QTextStream(stderr) << "rudebotctl: bad argument: " << error << '\n';
        return ctl::BadArgument;
    }

    if (request.command == ctl::Request::Command::Watch) {
        ctl::WatchCommand watch(request);
        QObject::connect(&watch, &ctl::WatchCommand::finished, &app,
            [&](int code, const QString &, const QString &reason) {
                if (code != ctl::Ok)
                    QTextStream(stderr) << "rudebotctl: " << reason << '\n';
                app.exit(code);
            });
        watch.start();
        return app.exec();
    }
    if (request.via != ctl::Request::Via::Link) {
        ctl::StationCommand session(request);
        QObject::connect(&session, &ctl::StationCommand::finished, &app,
            [&](int code, const QString &output, const QString &reason) {
                QTextStream(stdout) << output;
                if (code != ctl::Ok)
                    QTextStream(stderr) << "rudebotctl: " << reason << '\n';
                app.exit(code);
            });
        session.start();
        return app.exec();
    }

    std::unique_ptr<Link> link = createLink(request.link);
    RigClientOptions options;
    options.bootWaitMs = request.bootWaitMs;
    RigClient client(link.get(), options);
    ctl::Session session(&client, request);
    QObject::connect(&session, &ctl::Session::finished, &app,
        [&](int code, const QString &output, const QString &reason) {
            QTextStream(stdout) << output;
            if (code != ctl::Ok)
                QTextStream(stderr) << "rudebotctl: " << reason << '\n';
            client.stop();
            app.exit(code);
        });
    // Started from the event loop: a failure reported at once must still reach app.exit().
    QTimer::singleShot(0, &session, &ctl::Session::start);
    return app.exec();
}
