#include "enginenotewords.h"

#include <QDate>
#include <QLocale>

namespace Bulkmail {

namespace {

QString suppressionReasonWords(const QString &name)
{
    if (name == u"hard-bounce")
        return EngineNoteWords::tr("the address bounced for good");
    if (name == u"unsubscribe")
        return EngineNoteWords::tr("the recipient unsubscribed");
    if (name == u"manual")
        return EngineNoteWords::tr("added by hand");
    return name;
}

} // namespace

QString EngineNoteWords::note(DeliveryNote note, const QStringList &arguments)
{
    const QLocale locale;
    const auto argument = [&arguments](qsizetype i) { return arguments.value(i); };
    const auto number = [&arguments](qsizetype i) { return arguments.value(i).toInt(); };
    switch (note) {
    case DeliveryNote::None:
        return {};
    case DeliveryNote::NotComposed:
        return tr("the message could not be composed: %1").arg(argument(0));
    case DeliveryNote::GaveUp:
        return tr("gave up after %n attempt(s)", nullptr, number(0));
    case DeliveryNote::NextAttempt:
        return tr("next attempt in %n second(s)", nullptr, number(0));
    case DeliveryNote::SitePaused:
        return tr("the server is unavailable: sending paused for %n second(s)", nullptr, number(0));
    case DeliveryNote::ConnectionFailedOften:
    case DeliveryNote::ConnectionLostOften:
        // How the last connection ended is in the connection view and the log.
        return tr("the connection failed %n time(s) while this message was being sent; not tried "
                  "again",
                  nullptr,
                  number(0));
    case DeliveryNote::HeldAfterLostReply:
        return tr("the connection was lost after the message was sent, before the server "
                  "confirmed it: held, not resent (the campaign says to hold such messages); "
                  "decide whether to resend it");
    case DeliveryNote::UnconfirmedTwice:
        return tr("the connection was lost again before the server confirmed the message: not "
                  "resent a second time; delivery unconfirmed");
    case DeliveryNote::ResendingOnce:
        return tr("the connection was lost before the server confirmed the message: sending it "
                  "once more (the recipient may get it twice)");
    case DeliveryNote::InvalidAddress:
        return tr("not a valid address: nothing was sent");
    case DeliveryNote::DuplicateOf:
        return tr("the same address as row %1, which gets the message: not sent twice")
            .arg(locale.toString(number(1)));
    case DeliveryNote::HeldFromEarlierRun:
        return tr("delivery was not confirmed in an earlier run: held, not resent; decide whether "
                  "to resend it");
    case DeliveryNote::Suppressed: {
        const QDate since = QDate::fromString(argument(1), Qt::ISODate);
        const QString date = since.isValid() ? locale.toString(since, QLocale::ShortFormat)
                                             : argument(1);
        const QString reason = suppressionReasonWords(argument(0));
        if (argument(2).isEmpty())
            return tr("on the suppression list since %1 (%2): not sent").arg(date, reason);
        return tr("on the suppression list since %1 (%2: %3): not sent")
            .arg(date, reason, argument(2));
    }
    case DeliveryNote::NoReplyRecorded:
        return tr("the connection ended after the message was sent, before the server confirmed "
                  "it");
    }
    return {};
}

QString EngineNoteWords::details(const RecipientResult &result)
{
    const QString words = note(result.note, result.noteArguments);
    if (words.isEmpty())
        return result.text;
    if (result.serverText.isEmpty())
        return words;
    return tr("%1 (%2)", "the server's words, then the engine's note").arg(result.serverText, words);
}

} // namespace Bulkmail
