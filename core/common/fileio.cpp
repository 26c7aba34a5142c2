#include "fileio.h"

#include <QFile>

#include <QSaveFile>

namespace Bulkmail {

Result<QByteArray> readWholeFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot open \"%1\": %2").arg(path, file.errorString()));
    }
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot read \"%1\": %2").arg(path, file.errorString()));
    }
    return bytes;
}

Result<void> writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot write \"%1\": %2").arg(path, file.errorString()));
    }
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return makeError(ErrorCode::Io, QStringLiteral("cannot write \"%1\": %2").arg(path, reason));
    }
    if (!file.commit()) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot save \"%1\": %2").arg(path, file.errorString()));
    }
    return {};
}

} // namespace Bulkmail
