#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>

namespace Bulkmail {

// One message as the SMTP layer sees it: an envelope and the bytes of an RFC 5322 message.
// Bulk mail is personalised, so a message has one main envelope recipient, whose replies decide
// its fate; `copies` (a Cc or Bcc per recipient: a manager, an archive) are further RCPTs whose
// refusal is reported but fails nothing.
struct OutgoingMessage
{
    quint64 id = 0;                // the runner's handle, echoed back in every outcome
    QByteArray envelopeFrom;       // bare address, no angle brackets
    QByteArray recipient;          // bare address, no angle brackets
    QList<QByteArray> copies{};    // further envelope recipients (Cc, then Bcc), bare addresses
    QByteArray content;            // header + body, LF or CRLF line endings; not dot-stuffed
    bool requires8BitMime = false; // the content has 8-bit octets outside encoded parts
    bool requiresSmtpUtf8 = false; // an address has non-ASCII characters (RFC 6531)
    // The content's Message-ID, "<id@host>", as its composer wrote it (empty when unknown): the
    // key a later delivery report is matched by, without parsing the header again.
    QByteArray messageId{};
};

} // namespace Bulkmail

Q_DECLARE_METATYPE(Bulkmail::OutgoingMessage)
