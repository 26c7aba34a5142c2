#include "deliverynote.h"

#include <QList>
#include <QRegularExpression>

#include <utility>

namespace Bulkmail {

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
                                        DeliveryNote::HeldFromEarlierRun}) {
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
