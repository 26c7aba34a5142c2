#pragma once

#include "common/result.h"

#include <QString>
#include <QStringList>

namespace Bulkmail {

// Why a file could not be opened, read or saved, as a code with its arguments (the path, then the
// system's reason as QFile gave it), so that the window can say it in the user's words while the
// log and the CLI keep the English, word for word what readWholeFile() and writeFileAtomically()
// have always said. It travels in Error::noteCode and Error::noteArguments, as ComposeProblem
// does, with numbers of its own.
struct FileProblem
{
    // The values are stored (Error::noteCode, packed into a DeliveryNote's arguments and so into
    // the send journal, as a personal file the runner could not read): never renumber, add
    // before Last.
    enum class Code {
        Unknown = -1, // a code this version does not know
        None = 0,
        CannotOpen,  // arguments: the path, the system's reason
        CannotRead,  // arguments: the path, the system's reason
        CannotWrite, // arguments: the path, the system's reason
        CannotSave,  // arguments: the path, the system's reason (replacing the file failed)
        Missing,     // arguments: the path
        Last = Missing,
    };

    // An error with the code and its arguments, their English as its message.
    [[nodiscard]] static Error error(Code code,
                                     const QString &path,
                                     const QString &systemReason = {});
    [[nodiscard]] static QString english(Code code, const QStringList &arguments);
    // The code an error carries: None when it has none from here (another producer's or none),
    // never Unknown for another producer's code.
    [[nodiscard]] static Code codeOf(const Error &error);
};

} // namespace Bulkmail
