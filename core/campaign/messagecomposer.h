#pragma once

#include "campaign/campaign.h"
#include "common/result.h"
#include "smtp/outgoingmessage.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace Bulkmail {

// What the composer needs besides the template and the recipient.
struct ComposeContext
{
    QDateTime date;             // the Date header; invalid: the current time
    QByteArray messageIdDomain; // right side of the Message-ID; empty: the From address's domain
    quint64 messageHandle = 0;  // copied into OutgoingMessage::id and mixed into the Message-ID
};

// Builds one personalised text/plain message (RFC 5322, CRLF line endings, every line <= 78
// octets except an unbreakable address). This is the interim composer; GMime with full Mustache
// templates replaces it later. Until then the only merge fields are `{{name}}` and `{{email}}`
// (also written `{{ name }}` or `{{{name}}}`), replaced in the subject and the text by the
// recipient's values in a single pass; other tags are left as they are.
//
// Header injection is impossible by construction: an address with CR, LF, whitespace or angle
// brackets fails with ErrorCode::InvalidAddress naming the field ("message.from",
// "recipient.email"), and CR, LF and other control characters in the subject and display names
// become spaces before encoding. Non-ASCII subjects and names become RFC 2047 encoded words; a
// body that is not 7-bit clean is sent as quoted-printable, so the message never needs 8BITMIME.
// Internationalised domains are converted to A-labels, so SMTPUTF8 is needed only when a local
// part is non-ASCII.
[[nodiscard]] Result<OutgoingMessage> composeMessage(const MessageTemplate &messageTemplate,
                                                     const Recipient &recipient,
                                                     const ComposeContext &context);

// Replaces `{{name}}` and `{{email}}` in `text` (see composeMessage).
[[nodiscard]] QString mergeFields(const QString &text, const Recipient &recipient);

// RFC 2045 §6.7 quoted-printable for a body whose lines end in CRLF: encoded lines are at most 76
// characters, soft line breaks never split an =XX triplet, trailing whitespace is encoded.
[[nodiscard]] QByteArray encodeQuotedPrintable(const QByteArray &body);

// RFC 5322 §3.3 date-time, e.g. "Tue, 05 Mar 2024 09:07:03 +0800".
[[nodiscard]] QByteArray formatRfc5322Date(const QDateTime &dateTime);

} // namespace Bulkmail
