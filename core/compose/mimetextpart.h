#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Bulkmail {

enum class TextTransferEncoding { SevenBit, EightBit, QuotedPrintable, Base64 };

// A text ready for a MIME part (RFC 2045 §6): line ends made LF (CR LF and a lone CR alike), a last
// line end added, UTF-8, and the transfer encoding it needs. An identity encoding (7bit, or 8bit
// when the server offers 8BITMIME) only when every line fits in 998 octets (RFC 5322 §2.1.1) and
// there is no NUL; otherwise quoted-printable or base64, whichever GMime finds shorter.
struct TextBody
{
    QByteArray octets; // LF line ends; CRLF for base64, whose input is the canonical form (§6.8)
    TextTransferEncoding encoding = TextTransferEncoding::SevenBit;
};

[[nodiscard]] TextBody prepareTextBody(const QString &text, bool allow8BitMime);

// The part "Content-Type: text/<subtype>; charset=utf-8", its Content-Transfer-Encoding, a blank
// line and the encoded content with CRLF line ends, as GMime writes it.
[[nodiscard]] QByteArray textPartWithGMime(const char *subtype, const TextBody &body);

// The same bytes written directly, for the identity encodings only (nothing for quoted-printable
// and base64). A message of one text part then needs no GMime objects at all: they cost more than
// the rest of the message. tst_mimetextpart checks that both give the same bytes.
[[nodiscard]] std::optional<QByteArray> identityTextPart(const char *subtype, const TextBody &body);

} // namespace Bulkmail
