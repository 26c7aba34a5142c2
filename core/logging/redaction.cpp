#include "redaction.h"

#include <algorithm>
#include <vector>

namespace Bulkmail {

namespace {

const QByteArray Redacted = QByteArrayLiteral("<redacted>");

QByteArrayView withoutLineEnding(QByteArrayView line)
{
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return line;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

// "AUTH" as the whole command verb, any case (RFC 5321 §2.4: verbs are case-insensitive).
bool isAuthCommand(QByteArrayView line)
{
    static constexpr QByteArrayView Verb("AUTH");
    return line.size() >= Verb.size()
           && QByteArrayView(line.first(Verb.size())).compare(Verb, Qt::CaseInsensitive) == 0
           && (line.size() == Verb.size() || isSpace(line[Verb.size()]));
}

// 334 is only ever an AUTH continuation (RFC 4954 §4), so it is redacted even when it arrives
// unexpectedly.
bool isAuthChallenge(QByteArrayView line)
{
    return line.startsWith("334") && (line.size() == 3 || line[3] == ' ' || line[3] == '-');
}

} // namespace

bool isTranscriptEnabled()
{
    return qgetenv("BULKMAIL_SMTP_TRANSCRIPT") == "1";
}

QByteArray TranscriptRedactor::redactClientLine(QByteArrayView line)
{
    line = withoutLineEnding(line);
    if (m_isInAuthExchange)
        return Redacted;
    if (!isAuthCommand(line))
        return line.toByteArray();

    // The exchange starts with the command, before the server's answer: with an initial response
    // (RFC 4954 §4) the credentials are already in this line.
    m_isInAuthExchange = true;
    qsizetype position = 4;
    while (position < line.size() && isSpace(line[position]))
        ++position;
    while (position < line.size() && !isSpace(line[position]))
        ++position; // the mechanism name
    const QByteArrayView kept = line.first(position);
    if (position == line.size())
        return kept.toByteArray();
    return kept.toByteArray() + ' ' + Redacted;
}

QByteArray TranscriptRedactor::redactServerLine(QByteArrayView line)
{
    line = withoutLineEnding(line);
    if (isAuthChallenge(line)) {
        // The client's next lines answer the challenge, whatever this redactor saw before.
        m_isInAuthExchange = true;
        return QByteArrayLiteral("334 ") + Redacted;
    }
    // Any other reply is the final one of the exchange: 235 or a 4xx/5xx failure (RFC 4954 §6).
    m_isInAuthExchange = false;
    return line.toByteArray();
}

QString redactSecrets(QString text, const QStringList &secrets)
{
    QStringList needles;
    for (const QString &secret : secrets) {
        if (secret.isEmpty())
            continue;
        needles.append(secret);
        const QByteArray base64 = secret.toUtf8().toBase64();
        needles.append(QString::fromLatin1(base64));
        // Inside a longer base64 text the padding may be missing.
        const QByteArray unpadded = secret.toUtf8().toBase64(QByteArray::OmitTrailingEquals);
        if (unpadded.size() != base64.size())
            needles.append(QString::fromLatin1(unpadded));
    }
    if (needles.isEmpty())
        return text;

    // Mark every character of every occurrence first and replace afterwards, so that overlapping
    // secrets leave no tail behind and a secret that occurs in "<redacted>" cannot mangle it.
    std::vector<bool> isSecret(static_cast<std::size_t>(text.size()), false);
    for (const QString &needle : std::as_const(needles)) {
        for (qsizetype at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            const auto first = isSecret.begin() + at;
            std::fill(first, first + needle.size(), true);
        }
    }
    QString result;
    result.reserve(text.size());
    const QString replacement = QString::fromLatin1(Redacted);
    for (qsizetype i = 0; i < text.size();) {
        if (!isSecret[static_cast<std::size_t>(i)]) {
            result.append(text[i++]);
            continue;
        }
        result.append(replacement);
        while (i < text.size() && isSecret[static_cast<std::size_t>(i)])
            ++i;
    }
    return result;
}

} // namespace Bulkmail
