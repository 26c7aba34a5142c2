#include "deliverynote.h"

#include <QList>
#include <QRegularExpression>

#include <utility>

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

RecognizedNote recognizeDeliveryNote(const QString &text)
{
    // Each note's English with its arguments as capture groups, made from englishDeliveryNote
    // itself, so that the reader cannot drift from the writer. The plan's notes (duplicate,
    // suppressed) are never journaled and are left out.
    static const QList<std::pair<DeliveryNote, QRegularExpression>> patterns = [] {
        const QStringList markers{QStringLiteral("BulkmailArgumentOne"),
                                  QStringLiteral("BulkmailArgumentTwo")};
        QList<std::pair<DeliveryNote, QRegularExpression>> list;
        for (const DeliveryNote note : {DeliveryNote::NotComposed,
                                        DeliveryNote::GaveUp,
                                        DeliveryNote::NextAttempt,
                                        DeliveryNote::SitePaused,
                                        DeliveryNote::ConnectionFailedOften,
                                        DeliveryNote::ConnectionLostOften,
                                        DeliveryNote::HeldAfterLostReply,
                                        DeliveryNote::UnconfirmedTwice,
                                        DeliveryNote::ResendingOnce,
                                        DeliveryNote::InvalidAddress,
                                        DeliveryNote::HeldFromEarlierRun,
                                        // A personal file that holds the recipient at its turn
                                        // (the named forms; the password's before "unusable",
                                        // whose pattern would take it too).
                                        DeliveryNote::PersonalFileNotChecked,
                                        DeliveryNote::PersonalFileNotPdf,
                                        DeliveryNote::PersonalPdfPasswordEmpty,
                                        DeliveryNote::PersonalFileUnusable}) {
            QString pattern = QRegularExpression::escape(englishDeliveryNote(note, markers));
            for (const QString &marker : markers)
                pattern.replace(marker, QStringLiteral("(.+?)"));
            pattern = (isAddedToReply(note) ? QStringLiteral("^(.*?)") : QStringLiteral("^"))
                      + pattern + u'$';
            list.append(
                {note, QRegularExpression(pattern, QRegularExpression::DotMatchesEverythingOption)});
        }
        return list;
    }();
    for (const auto &[note, pattern] : patterns) {
        const QRegularExpressionMatch match = pattern.match(text);
        if (!match.hasMatch())
            continue;
        RecognizedNote recognized;
        recognized.note = note;
        QStringList captured = match.capturedTexts().mid(1);
        if (isAddedToReply(note))
            recognized.serverText = captured.takeFirst();
        recognized.arguments = captured;
        return recognized;
    }
    return {};
}

} // namespace Bulkmail
