#include "fileproblem.h"

#include "common/notecodec.h"

namespace Bulkmail {

namespace {

// Error::noteCode of a file problem: its code plus this, apart from the composer's (1000).
constexpr int Base = 2000;
using Codec = NoteCodec<FileProblem::Code, Base>;

} // namespace

QString FileProblem::english(Code code, const QStringList &arguments)
{
    const QString path = arguments.value(0);
    const QString reason = arguments.value(1);
    switch (code) {
    case Code::Unknown:
    case Code::None:
        break;
    case Code::CannotOpen:
        return QStringLiteral("cannot open \"%1\": %2").arg(path, reason);
    case Code::CannotRead:
        return QStringLiteral("cannot read \"%1\": %2").arg(path, reason);
    case Code::CannotWrite:
        return QStringLiteral("cannot write \"%1\": %2").arg(path, reason);
    case Code::CannotSave:
        return QStringLiteral("cannot save \"%1\": %2").arg(path, reason);
    case Code::Missing:
        return QStringLiteral("\"%1\": no such file").arg(path);
    }
    return arguments.join(QLatin1String(": "));
}

Error FileProblem::error(Code code, const QString &path, const QString &systemReason)
{
    const QStringList arguments = code == Code::Missing ? QStringList{path}
                                                        : QStringList{path, systemReason};
    return Error{ErrorCode::Io, english(code, arguments), Codec::number(code), arguments};
}

FileProblem::Code FileProblem::codeOf(const Error &error)
{
    // Another producer's number is not ours to call unknown: only numbers of our own range are.
    const int number = error.noteCode;
    if (number <= Base || number >= Base + 1000)
        return Code::None;
    return Codec::code(number);
}

} // namespace Bulkmail
