#include "atomicfile.h"

#include <QSaveFile>

namespace Bulkmail {

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
