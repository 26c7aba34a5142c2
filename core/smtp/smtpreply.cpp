#include "smtpreply.h"

namespace Bulkmail {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Reads "d.d{1,3}.d{1,3}" at the start of text; returns the parsed status and its length.
std::optional<EnhancedStatus> parseEnhancedStatus(QByteArrayView text)
{
    if (text.size() < 5 || !(text[0] == '2' || text[0] == '4' || text[0] == '5') || text[1] != '.')
        return std::nullopt;
    qsizetype i = 2;
    auto readNumber = [&](int &out) {
        const qsizetype start = i;
        int value = 0;
        while (i < text.size() && isDigit(text[i]) && i - start < 3)
            value = value * 10 + (text[i++] - '0');
        out = value;
        return i > start;
    };
    EnhancedStatus status;
    status.statusClass = text[0] - '0';
    if (!readNumber(status.subject) || i >= text.size() || text[i] != '.')
        return std::nullopt;
    ++i;
    if (!readNumber(status.detail))
        return std::nullopt;
    if (i < text.size() && text[i] != ' ')
        return std::nullopt;
    return status;
}

} // namespace

QString EnhancedStatus::toString() const
{
    return QString::number(statusClass) + u'.' + QString::number(subject) + u'.'
           + QString::number(detail);
}

bool SmtpReply::isClass(int prefix) const
{
    if (prefix >= 100)
        return code == prefix;
    if (prefix >= 10)
        return code / 10 == prefix;
    return code / 100 == prefix;
}

EnhancedStatus SmtpReply::enhancedStatus() const
{
    if (lines.isEmpty())
        return {};
    const auto status = parseEnhancedStatus(lines.first());
    // RFC 3463 §2: the class must match the reply's first digit.
    if (!status || status->statusClass != code / 100)
        return {};
    return *status;
}

QString SmtpReply::text() const
{
    QString result;
    for (const QByteArray &line : lines) {
        if (!result.isEmpty())
            result += u' ';
        result += QString::fromUtf8(line);
    }
    return result;
}

QString SmtpReply::toString() const
{
    const QString body = text();
    return body.isEmpty() ? QString::number(code) : QString::number(code) + u' ' + body;
}

void SmtpReplyParser::append(QByteArrayView bytes)
{
    if (m_error)
        return;
    // Compact what was consumed before growing, so a long session does not accumulate.
    if (m_position > 0 && m_position == m_buffer.size()) {
        m_buffer.clear();
        m_position = 0;
    } else if (m_position > 4096) {
        m_buffer.remove(0, m_position);
        m_position = 0;
    }
    m_buffer.append(bytes);
}

std::optional<Result<SmtpReply>> SmtpReplyParser::takeReply()
{
    if (m_error)
        return tl::unexpected(*m_error);
    auto fail = [this](QString message) -> std::optional<Result<SmtpReply>> {
        m_error = Error{ErrorCode::Protocol, std::move(message)};
        m_buffer.clear();
        m_position = 0;
        return tl::unexpected(*m_error);
    };

    while (true) {
        const qsizetype end = m_buffer.indexOf('\n', m_position);
        if (end < 0) {
            // +1: a read may end between a full-length line's CR and its LF.
            if (m_buffer.size() - m_position > MaxLineLength + 1)
                return fail(QStringLiteral("reply line longer than %1 octets").arg(MaxLineLength));
            return std::nullopt;
        }
        QByteArrayView line(m_buffer.constData() + m_position, end - m_position);
        m_position = end + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.size() > MaxLineLength)
            return fail(QStringLiteral("reply line longer than %1 octets").arg(MaxLineLength));

        // Reply-line = Reply-code [ ( "-" / SP ) textstring ] CRLF (RFC 5321 §4.2)
        if (line.size() < 3 || !(line[0] >= '2' && line[0] <= '5')
            || !(line[1] >= '0' && line[1] <= '5') || !isDigit(line[2])
            || (line.size() > 3 && line[3] != ' ' && line[3] != '-')) {
            return fail(QStringLiteral("malformed reply line: \"%1\"")
                            .arg(QString::fromLatin1(
                                line.first(qMin<qsizetype>(80, line.size())).toByteArray())));
        }
        const int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
        if (m_partial.code != 0 && m_partial.code != code)
            return fail(QStringLiteral("reply lines with different codes (%1, then %2)")
                            .arg(m_partial.code)
                            .arg(code));
        if (m_partial.lines.size() >= MaxReplyLines)
            return fail(QStringLiteral("reply with more than %1 lines").arg(MaxReplyLines));
        m_partial.code = code;
        m_partial.lines.append(line.size() > 4 ? line.sliced(4).toByteArray() : QByteArray());
        const bool isLast = line.size() == 3 || line[3] == ' ';
        if (isLast) {
            SmtpReply reply = std::move(m_partial);
            m_partial = {};
            return Result<SmtpReply>(std::move(reply));
        }
    }
}

void SmtpReplyParser::clear()
{
    m_buffer.clear();
    m_position = 0;
    m_partial = {};
}

} // namespace Bulkmail
