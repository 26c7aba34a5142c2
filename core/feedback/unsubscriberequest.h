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
    QString messageId; // "<id@host>" of our message it answers (In-Reply-To/References); empty
                       // when it came through a tagged address without one
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
// - a reply to one of our messages (In-Reply-To or References, judged by `match`) whose subject
//   or first line of its own (not quoted) text asks: "unsubscribe", "退订", "取消订阅".
// Nothing for anything else, and never for delivery reports and auto-replies: an out-of-office
// reply to a tagged address is not a request.
[[nodiscard]] std::optional<UnsubscribeRequest> parseUnsubscribeRequest(
    const QByteArray &raw, const UnsubscribeMatch &match = {});
[[nodiscard]] std::optional<UnsubscribeRequest> parseUnsubscribeRequest(
    const MailParts &parts, const UnsubscribeMatch &match = {});

} // namespace Bulkmail
