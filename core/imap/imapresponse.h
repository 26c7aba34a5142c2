#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace Bulkmail {

// One value of an IMAP response (RFC 9051 §4, RFC 3501 §4): an atom (also numbers, flags such
// as \Seen, and section atoms such as BODY[HEADER.FIELDS (MESSAGE-ID)]), a string (quoted or a
// literal, already unescaped), NIL, or a parenthesised list.
struct ImapValue
{
    enum class Kind { Atom, String, Nil, List };
    Kind kind = Kind::Nil;
    QByteArray text;        // Atom and String
    QList<ImapValue> items; // List

    [[nodiscard]] bool isAtom(QByteArrayView name) const; // case-insensitive
    [[nodiscard]] bool isList() const { return kind == Kind::List; }
    // A number atom, or nothing.
    [[nodiscard]] std::optional<quint64> number() const;
    // The text of an atom or string, NIL as empty.
    [[nodiscard]] QByteArray asText() const { return text; }
};

// One complete server response: a continuation request ("+ ..."), a tagged status ("a1 OK ..."),
// or untagged data or status ("* ...").
struct ImapResponse
{
    enum class Kind { Untagged, Tagged, Continuation };
    enum class Status { None, Ok, No, Bad, PreAuth, Bye };

    Kind kind = Kind::Untagged;
    QByteArray tag;               // Tagged only
    Status status = Status::None; // a status response (OK/NO/BAD/PREAUTH/BYE), or None for data
    QByteArray code;              // the response code in brackets, e.g. "APPENDUID 38505 3955"
    QByteArray text;              // a status's human text, or a continuation's text (base64 etc.)
    QList<ImapValue> data;        // untagged data: "* 3 EXISTS" -> [3, EXISTS]

    // The response code's first word, upper case: "APPENDUID", "CAPABILITY", "TRYCREATE".
    [[nodiscard]] QByteArray codeName() const;
    // The untagged data's name: "LIST", "SEARCH", "CAPABILITY", or for "* 3 EXISTS", "EXISTS".
    [[nodiscard]] QByteArray dataName() const;
};

// Splits a byte stream from an IMAP server into responses. Literals ({n}\r\n followed by n
// bytes) may sit anywhere in a response and are read whole, however the bytes arrive. Limits
// protect memory from a broken or hostile server: a response line longer than MaxLineLength or a
// literal larger than MaxLiteralSize is a protocol error, after which the parser stays failed.
class ImapResponseParser
{
public:
    static constexpr qsizetype MaxLineLength = 1 << 20;   // one line without its literals
    static constexpr qint64 MaxLiteralSize = 256LL << 20; // a message fetched whole

    void append(QByteArrayView bytes);
    // The next complete response; nothing while more bytes are needed; an error when the bytes
    // are not IMAP.
    [[nodiscard]] std::optional<Result<ImapResponse>> takeResponse();
    void clear();
    [[nodiscard]] bool hasBufferedData() const { return !m_buffer.isEmpty(); }

private:
    // The length of the first complete response in m_buffer, or nothing.
    [[nodiscard]] Result<std::optional<qsizetype>> completeLength() const;

    QByteArray m_buffer;
    std::optional<Error> m_failure;
};

// Parses one complete response (as ImapResponseParser delimits it, CRLF included).
[[nodiscard]] Result<ImapResponse> parseImapResponse(QByteArrayView bytes);

// The quoted form of a string for a command ("INBOX", "a \"b\""), or nothing when it needs a
// literal (CR, LF, NUL or 8-bit bytes).
[[nodiscard]] std::optional<QByteArray> imapQuoted(QByteArrayView text);

} // namespace Bulkmail
