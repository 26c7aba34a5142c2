#include "testworkbooks.h"

#include <QProcess>

namespace Bulkmail {

QString writeTestWorkbooks(const QString &directory)
{
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(BULKMAIL_MAKE_WORKBOOKS_SCRIPT), directory});
    if (!python.waitForFinished(60000))
        return QStringLiteral("make_workbooks.py did not finish: ") + python.errorString();
    if (python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0)
        return QStringLiteral("make_workbooks.py failed: ") + QString::fromUtf8(python.readAll());
    return {};
}

} // namespace Bulkmail
