#include "enginereason.h"

#include <QLocale>

namespace Bulkmail {

QString englishEngineReason(EngineReason::Code code, const QStringList &arguments)
{
    const auto argument = [&arguments](qsizetype i) { return arguments.value(i); };
    switch (code) {
    case EngineReason::Code::None:
        return {};
    case EngineReason::Code::Other:
        return argument(0);
    case EngineReason::Code::SiteDownTooLong:
        return QStringLiteral("The server has not been taking mail for longer than the campaign "
                              "waits (%1 min); the rest was not sent. The last answer: %2")
            .arg(argument(0), argument(1));
    case EngineReason::Code::SiteUnreachableTooLong:
        return QStringLiteral("The server could not be reached for longer than the campaign "
                              "waits (%1 min); the rest was not sent. The last attempt: %2")
            .arg(argument(0), argument(1));
    case EngineReason::Code::QuotaExhausted:
        return QStringLiteral("The account's sending quota is used up (%1). Nothing was marked "
                              "failed; send the rest later.")
            .arg(argument(0));
    case EngineReason::Code::JournalWriteFailed:
        return QStringLiteral("writing the send journal failed: %1").arg(argument(0));
    case EngineReason::Code::JournalNotMovedAside:
        return QStringLiteral("cannot move the old journal %1 aside").arg(argument(0));
    case EngineReason::Code::JournalUnreadable:
        return QStringLiteral("the send journal %1 cannot be read: %2").arg(argument(0), argument(1));
    case EngineReason::Code::JournalUnwritable:
        return QStringLiteral("the send journal %1 cannot be written, so the campaign could not be "
                              "resumed safely: %2")
            .arg(argument(0), argument(1));
    case EngineReason::Code::PersonalFilesUnresolved:
        return QStringLiteral("%1 recipient(s) have a personal attachment that is missing or "
                              "ambiguous (the first: %2); nothing was sent. Fix the files, or let "
                              "the campaign send the others and hold these")
            .arg(argument(0), argument(1));
    case EngineReason::Code::SuppressionListUnreadable:
        return QStringLiteral("%1; nothing was sent").arg(argument(0));
    case EngineReason::Code::ConnectionRefused:
        return CloseNote::unpacked(arguments).english();
    case EngineReason::Code::UnknownCopyField:
        return QStringLiteral("message.%1: unknown field \"%2\"").arg(argument(0), argument(1));
    case EngineReason::Code::ConnectFailedRepeatedly:
        return QStringLiteral("Could not connect to %1 %2 times in a row; the last attempt: %3")
            .arg(argument(0), QLocale().toString(argument(1).toInt()), argument(2));
    }
    return {};
}

EngineReason EngineReason::make(Code code, const QStringList &arguments)
{
    return EngineReason{code, arguments, englishEngineReason(code, arguments)};
}

EngineReason EngineReason::connectFailed(const QString &address,
                                         int attempts,
                                         const QString &lastFailure,
                                         const CloseNote &lastNote)
{
    QStringList arguments{address, QString::number(attempts), lastFailure};
    if (lastNote.hasCode())
        arguments += lastNote.packed();
    return make(Code::ConnectFailedRepeatedly, arguments);
}

EngineReason EngineReason::other(const QString &text)
{
    if (text.isEmpty())
        return {};
    return make(Code::Other, {text});
}

} // namespace Bulkmail
