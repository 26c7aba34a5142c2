#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <functional>
#include <optional>

namespace Bulkmail {

struct MailParts;

// A person asking to receive no more campaigns from the account.
struct UnsubscribeRequest
{
    QString address;   // who asks: the From address of the request
    QString messageId; // "<id@host>" of our message it is about: named by the subject our
                       // mailto: URI gives, or answered (In-Reply-To/References); empty when it
                       // came through a tagged address without either
    QDateTime date;    // of the request (its Date header); invalid when absent
    QString token;     // the tag of a `sender+unsubscribe-<token>@domain` address; may be empty

    friend bool operator==(const UnsubscribeRequest &, const UnsubscribeRequest &) = default;
};

struct UnsubscribeMatch
{
    // Whether a Message-ID ("<id@host>") is one of ours (the caller knows the campaigns'
    // messages). Unset: a reply counts only when it reached a tagged address.
    std::function<bool(const QString &messageId)> isOurMessageId{};
};

// Recognises an unsubscribe request in a raw message:
// - one sent to a tagged address, `local+unsubscribe@domain` or `local+unsubscribe-<token>@domain`
//   (the mailto: URI of our List-Unsubscribe header, RFC 2369 §3.2, as RFC 8058 mail clients use
//   it), whatever its subject;
// - one whose subject is the one our mailto: URI gives, "unsubscribe <token>", where the token
//   names one of our messages (judged by `match`; compose/unsubscribemail.h), to whatever
//   address it came; such a request made by a mail client may be marked "Auto-Submitted:
//   auto-generated" and still counts;
// - a reply to one of our messages (In-Reply-To or References, judged by `match`) whose subject
//   or first line of its own (not quoted) text asks: "unsubscribe", "退订", "取消订阅".
// Nothing for anything else, and never for delivery reports and auto-replies: an out-of-office
// reply to a tagged address is not a request.
[[nodiscard]] std::optional<UnsubscribeRequest> parseUnsubscribeRequest(
    const QByteArray &raw, const UnsubscribeMatch &match = {});
[[nodiscard]] std::optional<UnsubscribeRequest> parseUnsubscribeRequest(
    const MailParts &parts, const UnsubscribeMatch &match = {});

} // namespace Bulkmail
