#include "deliverynote.h"

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
