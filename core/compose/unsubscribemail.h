#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

namespace Bulkmail {

// A mailto: List-Unsubscribe of the sender's own (issue 16), offered besides (or instead of) an
// https URL: `mailto:news@example.org?subject=unsubscribe%20<token>` in each message, so that a
// mail client's "Unsubscribe" button (or a person) sends a request the account's mailbox can
// recognise (feedback/unsubscriberequest.h) and map back to its campaign and recipient.
//
// The token is the message's own Message-ID without its angle brackets
// ("0k3j2h1a9z8y7.lvx9a0.5@example.org"), because:
// - it names exactly one message, and the send journal already records which recipient of which
//   campaign each Message-ID went to: no second table and no key to keep (an HMAC would need a
//   secret stored per account, and losing it would orphan every request);
// - its first part is a 64-bit random number (mimecomposer.cpp), so nobody can guess another
//   recipient's token and unsubscribe them;
// - it tells the recipient nothing their own message's header does not already show: no address,
//   no list position, nothing about other recipients.
struct UnsubscribeMailSettings
{
    enum class Address {
        AsWritten,     // the mailbox itself; the subject alone carries the token
        PlusAddressed, // "local+unsubscribe@domain" (RFC 5233 subaddress): the server must deliver
                       // it to "local@domain", and a mail rule can then file requests apart
    };

    bool isEnabled = false;
    QString mailbox{}; // a bare address; empty: the sender's (From) address
    Address address = Address::AsWritten;

    friend bool operator==(const UnsubscribeMailSettings &, const UnsubscribeMailSettings &) = default;
};

// The mailbox requests go to: `settings.mailbox` (or `senderAddress` when empty), plus-addressed
// when asked. Not checked; see UnsubscribeMailto::create().
[[nodiscard]] QString unsubscribeMailAddress(const UnsubscribeMailSettings &settings,
                                             const QString &senderAddress);

// The URIs of one campaign, prepared once and then made per message.
class UnsubscribeMailto final
{
public:
    // ErrorCode::InvalidAddress naming "message.unsubscribeByMail.mailbox" when the address is
    // not a valid bare address (or its domain cannot be written in ASCII).
    [[nodiscard]] static Result<UnsubscribeMailto> create(const UnsubscribeMailSettings &settings,
                                                          const QString &senderAddress);

    // "mailto:news+unsubscribe@example.org?subject=unsubscribe%20<token>" for the message with
    // this Message-ID ("<id@host>"): ASCII only (RFC 6068 percent-encoding, never RFC 2047), no
    // white space, no CR or LF, no angle brackets, no comma, so it is safe in an RFC 2369 header.
    [[nodiscard]] QByteArray uriFor(const QByteArray &messageId) const;
    [[nodiscard]] QString address() const { return m_address; }

private:
    UnsubscribeMailto() = default;
    QString m_address;
    QByteArray m_prefix; // up to and including "?subject=unsubscribe%20"
};

// The subject a request through that URI carries, "unsubscribe 0k3j2h1a9z8y7.lvx9a0.5@example.org"
// (any case, the token optionally in angle brackets), gives back the Message-ID it names,
// "<0k3j2h1a9z8y7.lvx9a0.5@example.org>"; any other subject gives an empty string.
[[nodiscard]] QString messageIdInUnsubscribeSubject(const QString &subject);

} // namespace Bulkmail
