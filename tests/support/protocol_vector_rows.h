// The protocol table as QTest data rows (columns "input", "replies"), for every test that
// replays it: the firmware on the PC, the compiled firmware in the virtual rig.
#pragma once
#include <QtTest>

#include "support/protocol_vectors.h"

inline void addProtocolVectorRows()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<QByteArray>>("replies");
    QString error;
    const QList<ProtocolVector> vectors = loadProtocolVectors(RUDEBOT_VECTORS, &error);
    QVERIFY2(!vectors.isEmpty(), qPrintable(error));
    for (const ProtocolVector &v : vectors)
        QTest::newRow(qPrintable(v.name)) << v.input << v.replies;
}
