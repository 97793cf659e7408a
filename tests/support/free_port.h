// A TCP port on 127.0.0.1 that was free a moment ago, for servers a test starts as processes.
#pragma once
#include <QTcpServer>

inline quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}
