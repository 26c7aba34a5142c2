#include "fileio.h"

#include "fileproblem.h"

#include <QFile>
#include <QSaveFile>

namespace Bulkmail {

Result<QByteArray> readWholeFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tl::unexpected(
            FileProblem::error(FileProblem::Code::CannotOpen, path, file.errorString()));
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return tl::unexpected(
            FileProblem::error(FileProblem::Code::CannotRead, path, file.errorString()));
    return bytes;
}

Result<void> writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tl::unexpected(
            FileProblem::error(FileProblem::Code::CannotWrite, path, file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return tl::unexpected(FileProblem::error(FileProblem::Code::CannotWrite, path, reason));
    }
    if (!file.commit())
        return tl::unexpected(
            FileProblem::error(FileProblem::Code::CannotSave, path, file.errorString()));
    return {};
}

} // namespace Bulkmail
