#include "deliverynote.h"

namespace Bulkmail {

namespace {

const QLatin1String PersonalAttachment("personal attachment");

QString englishPersonalFileProblems(const QStringList &arguments)
{
    QStringList reasons;
    for (qsizetype i = 0; i + PersonalFileProblemArguments <= arguments.size();
         i += PersonalFileProblemArguments) {
        const auto argument = [&](qsizetype k) { return arguments.at(i + k); };
        const QString label = argument(2) == u"column"
                                  ? QStringLiteral("rule %1 (column %2)")
                                        .arg(argument(1), argument(3))
                                  : QStringLiteral("rule %1 (%2)").arg(argument(1), argument(3));
        const QString kind = argument(0);
        if (kind == u"ambiguous")
            reasons.append(QStringLiteral("%1: %2 files match (%3); Bulkmail never guesses")
                               .arg(label, argument(4), argument(5)));
        else if (kind == u"empty-field")
            reasons.append(QStringLiteral("%1: the field it uses is empty").arg(label));
        else if (kind == u"not-a-file-name")
            reasons.append(QStringLiteral("%1: the value is not a plain file name").arg(label));
        else
            reasons.append(QStringLiteral("%1: no file matches").arg(label));
    }
    return PersonalAttachment + QStringLiteral(": ") + reasons.join(QLatin1String("; "));
}

QString englishFileChange(const QStringList &arguments)
{
    const auto argument = [&arguments](qsizetype i) { return arguments.value(i); };
    if (argument(1) == u"gone")
        return QStringLiteral("\"%1\" is gone since the check").arg(argument(0));
    if (argument(1) == u"size")
        return QStringLiteral("\"%1\" changed since the check (%2 bytes then, %3 now)")
            .arg(argument(0), argument(2), argument(3));
    if (argument(1) == u"modified")
        return QStringLiteral("\"%1\" changed since the check (modified %2)")
            .arg(argument(0), argument(3));
    return QStringLiteral("\"%1\" changed since the check (its content differs)").arg(argument(0));
}

} // namespace

QString englishFileChangeText(const QStringList &arguments)
{
    return englishFileChange(arguments);
}

QString englishDeliveryNote(DeliveryNote note, const QStringList &arguments)
{
    const auto argument = [&arguments](qsizetype i) { return arguments.value(i); };
    switch (note) {
    case DeliveryNote::None:
        return {};
    case DeliveryNote::NotComposed:
        return QStringLiteral("the message could not be composed: %1").arg(argument(0));
    case DeliveryNote::GaveUp:
        return QStringLiteral(" (gave up after %1 attempts)").arg(argument(0));
    case DeliveryNote::NextAttempt:
        return QStringLiteral(" (next attempt in %1 s)").arg(argument(0));
    case DeliveryNote::SitePaused:
        return QStringLiteral(" (the server is unavailable: sending paused for %1 s)")
            .arg(argument(0));
    case DeliveryNote::ConnectionFailedOften:
        return QStringLiteral(" (the connection failed %1 times while this message was being "
                              "sent; not tried again)")
            .arg(argument(0));
    case DeliveryNote::ConnectionLostOften:
        return QStringLiteral("the connection failed %1 times while this message was being sent; "
                              "not tried again (the last time: %2)")
            .arg(argument(0), argument(1));
    case DeliveryNote::HeldAfterLostReply:
        return QStringLiteral("the connection was lost after the final dot, before the server's "
                              "reply: held, not resent (the campaign says \"hold\"); decide "
                              "whether to resend it");
    case DeliveryNote::UnconfirmedTwice:
        return QStringLiteral("the connection was lost again after the final dot: not resent a "
                              "second time; delivery unconfirmed");
    case DeliveryNote::ResendingOnce:
        return QStringLiteral("the connection was lost after the final dot, before the server's "
                              "reply: resending once (possibly duplicated)");
    case DeliveryNote::InvalidAddress:
        return QStringLiteral("invalid address: nothing was sent");
    case DeliveryNote::DuplicateOf: {
        const QString row = argument(0).toInt() > 0
                                ? QStringLiteral("line %1").arg(argument(0))
                                : QStringLiteral("recipient %1").arg(argument(1));
        return QStringLiteral("same address as %1, which gets the message: not sent twice").arg(row);
    }
    case DeliveryNote::HeldFromEarlierRun:
        return QStringLiteral("delivery unconfirmed in an earlier run: held, not resent (decide in "
                              "the app, or run again with unconfirmedPolicy \"resend\")");
    case DeliveryNote::Suppressed: {
        QString text = QStringLiteral("suppressed: %1 since %2").arg(argument(0), argument(1));
        if (!argument(2).isEmpty())
            text += QStringLiteral(" (%1)").arg(argument(2));
        return text;
    }
    case DeliveryNote::PersonalFilesBlocked:
        return englishPersonalFileProblems(arguments);
    case DeliveryNote::PersonalPdfPasswordEmpty:
        if (argument(0).isEmpty())
            return PersonalAttachment
                   + QStringLiteral(": the field that gives the PDF its password is empty");
        return PersonalAttachment
               + QStringLiteral(" \"%1\": the field that gives the PDF its password is empty")
                     .arg(argument(0));
    case DeliveryNote::PersonalFileNotChecked:
        return PersonalAttachment
               + QStringLiteral(" \"%1\" was not checked: run the check first").arg(argument(0));
    case DeliveryNote::PersonalFileChanged:
        return PersonalAttachment + u' ' + englishFileChange(arguments);
    case DeliveryNote::PersonalFileNotPdf:
        return PersonalAttachment
               + QStringLiteral(" \"%1\" is not a PDF, so it cannot be protected").arg(argument(0));
    case DeliveryNote::PersonalFileUnusable:
        if (argument(0).isEmpty())
            return PersonalAttachment + u' ' + argument(1);
        return PersonalAttachment + QStringLiteral(" \"%1\": %2").arg(argument(0), argument(1));
    case DeliveryNote::NoReplyRecorded:
        return QStringLiteral("no reply to the end of the message was recorded");
    }
    return {};
}

bool isAddedToReply(DeliveryNote note)
{
    switch (note) {
    case DeliveryNote::GaveUp:
    case DeliveryNote::NextAttempt:
    case DeliveryNote::SitePaused:
    case DeliveryNote::ConnectionFailedOften:
        return true;
    default:
        return false;
    }
}

namespace {

struct NoteName
{
    DeliveryNote note;
    QLatin1String name;
};

constexpr NoteName NoteNames[] = {
    {DeliveryNote::NotComposed, QLatin1String("notComposed")},
    {DeliveryNote::GaveUp, QLatin1String("gaveUp")},
    {DeliveryNote::NextAttempt, QLatin1String("nextAttempt")},
    {DeliveryNote::SitePaused, QLatin1String("sitePaused")},
    {DeliveryNote::ConnectionFailedOften, QLatin1String("connectionFailedOften")},
    {DeliveryNote::ConnectionLostOften, QLatin1String("connectionLostOften")},
    {DeliveryNote::HeldAfterLostReply, QLatin1String("heldAfterLostReply")},
    {DeliveryNote::UnconfirmedTwice, QLatin1String("unconfirmedTwice")},
    {DeliveryNote::ResendingOnce, QLatin1String("resendingOnce")},
    {DeliveryNote::InvalidAddress, QLatin1String("invalidAddress")},
    {DeliveryNote::DuplicateOf, QLatin1String("duplicateOf")},
    {DeliveryNote::HeldFromEarlierRun, QLatin1String("heldFromEarlierRun")},
    {DeliveryNote::Suppressed, QLatin1String("suppressed")},
    {DeliveryNote::PersonalFilesBlocked, QLatin1String("personalFilesBlocked")},
    {DeliveryNote::PersonalPdfPasswordEmpty, QLatin1String("personalPdfPasswordEmpty")},
    {DeliveryNote::PersonalFileNotChecked, QLatin1String("personalFileNotChecked")},
    {DeliveryNote::PersonalFileChanged, QLatin1String("personalFileChanged")},
    {DeliveryNote::PersonalFileNotPdf, QLatin1String("personalFileNotPdf")},
    {DeliveryNote::PersonalFileUnusable, QLatin1String("personalFileUnusable")},
    {DeliveryNote::NoReplyRecorded, QLatin1String("noReplyRecorded")},
};

} // namespace

QString deliveryNoteName(DeliveryNote note)
{
    for (const NoteName &entry : NoteNames) {
        if (entry.note == note)
            return entry.name;
    }
    return {};
}

DeliveryNote deliveryNoteFromName(QStringView name)
{
    for (const NoteName &entry : NoteNames) {
        if (name == entry.name)
            return entry.note;
    }
    return DeliveryNote::None;
}

} // namespace Bulkmail
