#pragma once

// The sample messages in tests/data/bounces/ (see its README), for the tests/feedback suites.

#include <QByteArray>
#include <QFile>
#include <QString>

namespace Bulkmail::Test {

inline QByteArray bounceSample(const QString &name)
{
    QFile file(QStringLiteral(BULKMAIL_BOUNCES_DIR "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read sample %s", qPrintable(name));
    return file.readAll();
}

} // namespace Bulkmail::Test
