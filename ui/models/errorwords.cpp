#include "errorwords.h"

#include "common/fileproblem.h"
#include "models/enginenotewords.h"

#include <QDir>

namespace Bulkmail {

QString ErrorWords::of(const Error &error)
{
    using Code = FileProblem::Code;
    const QStringList &arguments = error.noteArguments;
    const QString path = QDir::toNativeSeparators(arguments.value(0));
    const QString reason = arguments.value(1);
    switch (FileProblem::codeOf(error)) {
    case Code::None:
        return EngineNoteWords::composeProblem(error);
    case Code::Unknown:
        return EngineNoteWords::unknownNote(error.message);
    case Code::CannotOpen:
        return tr("“%1” cannot be opened: %2").arg(path, reason);
    case Code::CannotRead:
        return tr("“%1” cannot be read: %2").arg(path, reason);
    case Code::CannotWrite:
        return tr("“%1” cannot be written: %2").arg(path, reason);
    case Code::CannotSave:
        return tr("“%1” cannot be saved: %2").arg(path, reason);
    case Code::Missing:
        return tr("“%1” does not exist").arg(path);
    }
    return error.message;
}

} // namespace Bulkmail
