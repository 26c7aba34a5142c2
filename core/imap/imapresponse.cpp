#include "imapresponse.h"

namespace Bulkmail {

namespace {

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

tl::unexpected<Error> protocolError(const QString &what)
{
    return makeError(ErrorCode::Protocol, QStringLiteral("not an IMAP response: %1").arg(what));
}

// The size announced by a literal marker that ends `line` ("... {123}" or "{123+}"), if any.
std::optional<qint64> literalAtEnd(QByteArrayView line)
{
    if (!line.endsWith('}'))
        return std::nullopt;
    const qsizetype open = line.lastIndexOf('{');
    if (open < 0)
        return std::nullopt;
    QByteArrayView digits = line.sliced(open + 1, line.size() - open - 2);
    if (digits.endsWith('+'))
        digits.chop(1); // LITERAL+ (RFC 7888), in a server's response too
    if (digits.isEmpty() || digits.size() > 12)
        return std::nullopt;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    return digits.toLongLong();
}

// Reads the parts of one response; `m_at` moves through `m_bytes`.
class Reader
{
public:
    explicit Reader(QByteArrayView bytes)
        : m_bytes(bytes)
    {}

    [[nodiscard]] bool atLineEnd() const
    {
        return m_at >= m_bytes.size() || m_bytes[m_at] == '\r' || m_bytes[m_at] == '\n';
    }
    [[nodiscard]] char peek() const { return m_at < m_bytes.size() ? m_bytes[m_at] : '\0'; }
    void skipSpaces()
    {
        while (m_at < m_bytes.size() && m_bytes[m_at] == ' ')
            ++m_at;
    }

    // Up to the next space or the end of the line.
    QByteArrayView word()
    {
        const qsizetype start = m_at;
        while (!atLineEnd() && m_bytes[m_at] != ' ')
            ++m_at;
        return m_bytes.sliced(start, m_at - start);
    }

    // The rest of the line (without CRLF).
    QByteArrayView restOfLine()
    {
        const qsizetype start = m_at;
        while (!atLineEnd())
            ++m_at;
        return m_bytes.sliced(start, m_at - start);
    }

    Result<ImapValue> value(int depth = 0)
    {
        if (depth > 64)
            return protocolError(QStringLiteral("lists nested too deeply"));
        if (atLineEnd())
            return protocolError(QStringLiteral("a value is missing"));
        switch (peek()) {
        case '(':
            return list(depth);
        case '"':
            return quoted();
        case '{':
            return literal();
        case ')':
            return protocolError(QStringLiteral("an unmatched \")\""));
        default:
            return atom();
        }
    }

private:
    Result<ImapValue> list(int depth)
    {
        ++m_at; // (
        ImapValue list;
        list.kind = ImapValue::Kind::List;
        for (;;) {
            skipSpaces();
            if (atLineEnd())
                return protocolError(QStringLiteral("a list is not closed"));
            if (peek() == ')') {
                ++m_at;
                return list;
            }
            Result<ImapValue> item = value(depth + 1);
            if (!item)
                return item;
            list.items.append(std::move(*item));
        }
    }

    Result<ImapValue> quoted()
    {
        ++m_at; // "
        ImapValue string;
        string.kind = ImapValue::Kind::String;
        while (!atLineEnd()) {
            const char c = m_bytes[m_at++];
            if (c == '"')
                return string;
            if (c == '\\') {
                if (atLineEnd())
                    break;
                string.text.append(m_bytes[m_at++]);
                continue;
            }
            string.text.append(c);
        }
        return protocolError(QStringLiteral("a quoted string is not closed"));
    }

    Result<ImapValue> literal()
    {
        const qsizetype close = m_bytes.indexOf('}', m_at);
        if (close < 0)
            return protocolError(QStringLiteral("a literal has no \"}\""));
        const std::optional<qint64> size = literalAtEnd(m_bytes.sliced(m_at, close - m_at + 1));
        if (!size)
            return protocolError(QStringLiteral("a literal's size is not a number"));
        m_at = close + 1;
        if (m_bytes.sliced(m_at).startsWith("\r\n"))
            m_at += 2;
        else
            return protocolError(QStringLiteral("a literal's size is not followed by CRLF"));
        if (m_bytes.size() - m_at < *size)
            return protocolError(QStringLiteral("a literal is shorter than announced"));
        ImapValue string;
        string.kind = ImapValue::Kind::String;
        string.text = m_bytes.sliced(m_at, *size).toByteArray();
        m_at += *size;
        return string;
    }

    Result<ImapValue> atom()
    {
        const qsizetype start = m_at;
        while (!atLineEnd()) {
            const char c = m_bytes[m_at];
            if (c == ' ' || c == '(' || c == ')' || c == '"' || c == '{')
                break;
            if (c == '[') {
                // A section, e.g. BODY[HEADER.FIELDS (MESSAGE-ID)]: spaces and lists inside
                // belong to the atom.
                const qsizetype close = m_bytes.indexOf(']', m_at);
                if (close < 0)
                    return protocolError(QStringLiteral("a \"[\" is not closed"));
                m_at = close + 1;
                continue;
            }
            ++m_at;
        }
        if (m_at == start)
            return protocolError(QStringLiteral("an empty atom"));
        ImapValue atom;
        atom.text = m_bytes.sliced(start, m_at - start).toByteArray();
        atom.kind = equalsIgnoringCase(atom.text, "NIL") ? ImapValue::Kind::Nil
                                                         : ImapValue::Kind::Atom;
        if (atom.kind == ImapValue::Kind::Nil)
            atom.text.clear();
        return atom;
    }

    QByteArrayView m_bytes;
    qsizetype m_at = 0;
};

std::optional<ImapResponse::Status> statusNamed(QByteArrayView word)
{
    using Status = ImapResponse::Status;
    if (equalsIgnoringCase(word, "OK"))
        return Status::Ok;
    if (equalsIgnoringCase(word, "NO"))
        return Status::No;
    if (equalsIgnoringCase(word, "BAD"))
        return Status::Bad;
    if (equalsIgnoringCase(word, "PREAUTH"))
        return Status::PreAuth;
    if (equalsIgnoringCase(word, "BYE"))
        return Status::Bye;
    return std::nullopt;
}

// "[CODE ...] text" after a status word.
void readStatusText(Reader &reader, ImapResponse &response)
{
    reader.skipSpaces();
    QByteArrayView rest = reader.restOfLine();
    if (rest.startsWith('[')) {
        const qsizetype close = rest.indexOf(']');
        if (close > 0) {
            response.code = rest.sliced(1, close - 1).toByteArray();
            rest = rest.sliced(close + 1);
            while (rest.startsWith(' '))
                rest = rest.sliced(1);
        }
    }
    response.text = rest.toByteArray();
}

} // namespace

bool ImapValue::isAtom(QByteArrayView name) const
{
    return kind == Kind::Atom && equalsIgnoringCase(text, name);
}

std::optional<quint64> ImapValue::number() const
{
    if (kind != Kind::Atom || text.isEmpty() || text.size() > 19)
        return std::nullopt;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    return text.toULongLong();
}

QByteArray ImapResponse::codeName() const
{
    const qsizetype space = code.indexOf(' ');
    return (space < 0 ? code : code.left(space)).toUpper();
}

QByteArray ImapResponse::dataName() const
{
    if (data.isEmpty())
        return {};
    // "* 3 EXISTS", "* 5 FETCH (...)": the name follows the number.
    if (data.first().number() && data.size() > 1)
        return data.at(1).text.toUpper();
    return data.first().text.toUpper();
}

Result<ImapResponse> parseImapResponse(QByteArrayView bytes)
{
    Reader reader(bytes);
    ImapResponse response;
    const QByteArrayView first = reader.word();
    if (first == "+") {
        response.kind = ImapResponse::Kind::Continuation;
        reader.skipSpaces();
        response.text = reader.restOfLine().toByteArray();
        return response;
    }
    if (first.isEmpty())
        return protocolError(QStringLiteral("an empty line"));
    if (first == "*") {
        response.kind = ImapResponse::Kind::Untagged;
    } else {
        response.kind = ImapResponse::Kind::Tagged;
        response.tag = first.toByteArray();
    }
    reader.skipSpaces();
    const QByteArrayView second = reader.word();
    if (const std::optional<ImapResponse::Status> status = statusNamed(second)) {
        response.status = *status;
        readStatusText(reader, response);
        return response;
    }
    if (response.kind == ImapResponse::Kind::Tagged)
        return protocolError(QStringLiteral("a tagged response without OK, NO or BAD"));
    if (second.isEmpty())
        return protocolError(QStringLiteral("untagged data without a name"));
    ImapValue name;
    name.kind = ImapValue::Kind::Atom;
    name.text = second.toByteArray();
    response.data.append(name);
    for (;;) {
        reader.skipSpaces();
        if (reader.atLineEnd())
            return response;
        Result<ImapValue> value = reader.value();
        if (!value)
            return tl::unexpected(value.error());
        response.data.append(std::move(*value));
    }
}

void ImapResponseParser::append(QByteArrayView bytes)
{
    if (!m_failure)
        m_buffer.append(bytes);
}

void ImapResponseParser::clear()
{
    m_buffer.clear();
    m_failure.reset();
}

Result<std::optional<qsizetype>> ImapResponseParser::completeLength() const
{
    qsizetype lineStart = 0;
    for (;;) {
        const qsizetype lineEnd = m_buffer.indexOf("\r\n", lineStart);
        if (lineEnd < 0) {
            if (m_buffer.size() - lineStart > MaxLineLength)
                return protocolError(
                    QStringLiteral("a line longer than %1 bytes").arg(MaxLineLength));
            return std::optional<qsizetype>{};
        }
        if (lineEnd - lineStart > MaxLineLength)
            return protocolError(QStringLiteral("a line longer than %1 bytes").arg(MaxLineLength));
        const std::optional<qint64> literal = literalAtEnd(
            QByteArrayView(m_buffer).sliced(lineStart, lineEnd - lineStart));
        if (!literal)
            return std::optional<qsizetype>{lineEnd + 2};
        if (*literal > MaxLiteralSize)
            return protocolError(QStringLiteral("a literal of %1 bytes").arg(*literal));
        lineStart = lineEnd + 2 + *literal;
        if (lineStart > m_buffer.size())
            return std::optional<qsizetype>{};
    }
}

std::optional<Result<ImapResponse>> ImapResponseParser::takeResponse()
{
    if (m_failure)
        return tl::unexpected(*m_failure);
    const Result<std::optional<qsizetype>> length = completeLength();
    if (!length) {
        m_failure = length.error();
        return tl::unexpected(*m_failure);
    }
    if (!*length)
        return std::nullopt;
    Result<ImapResponse> response = parseImapResponse(QByteArrayView(m_buffer).first(**length));
    m_buffer.remove(0, **length);
    if (!response)
        m_failure = response.error();
    return response;
}

std::optional<QByteArray> imapQuoted(QByteArrayView text)
{
    QByteArray quoted;
    quoted.reserve(text.size() + 2);
    quoted.append('"');
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte == '\r' || byte == '\n' || byte == 0 || byte >= 0x80)
            return std::nullopt;
        if (c == '"' || c == '\\')
            quoted.append('\\');
        quoted.append(c);
    }
    quoted.append('"');
    return quoted;
}

} // namespace Bulkmail
