#include "messagecomposer.h"

#include "campaign/emailaddress.h"

#include <algorithm>
#include <cstdlib>

#include <QLocale>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace Bulkmail {

namespace {

constexpr qsizetype MaxHeaderLineLength = 78;    // RFC 5322 §2.1.1 SHOULD
constexpr qsizetype MaxEncodedWordLength = 75;   // RFC 2047 §2
constexpr qsizetype MaxBodyLineOctets = 998;     // RFC 5322 §2.1.1 MUST
constexpr qsizetype MaxQuotedPrintableLine = 76; // RFC 2045 §6.7 rule 5
// A word longer than this cannot be folded onto a line of its own after "Subject: ", so such a
// header goes out as encoded words, which split anywhere.
constexpr qsizetype MaxUnfoldableWord = 60;

// Builds one header field folded at token boundaries (RFC 5322 §2.2.3): every token is preceded by
// one space, or by CRLF SP when it would push the line past 78 characters. Empty tokens (from runs
// of spaces) never cause a fold, so no line ever consists of white space alone.
class HeaderFolder
{
public:
    explicit HeaderFolder(const char *name)
        : m_text(QByteArray(name) + ':')
        , m_lineLength(m_text.size())
    {}

    void append(const QByteArray &token)
    {
        if (!token.isEmpty() && m_lineLength + 1 + token.size() > MaxHeaderLineLength) {
            m_text += "\r\n";
            m_lineLength = 0;
        }
        m_text += ' ' + token;
        m_lineLength += 1 + token.size();
    }

    // Room for a token after a space on the current line.
    [[nodiscard]] qsizetype room() const { return MaxHeaderLineLength - m_lineLength - 1; }

    [[nodiscard]] QByteArray finish() const { return m_text + "\r\n"; }

private:
    QByteArray m_text;
    qsizetype m_lineLength = 0;
};

// Control characters (CR and LF above all) in a header value would start a new header line:
// replace them with spaces instead of dropping them, so the text stays readable (STYLE.md rule 14).
QString sanitizeHeaderText(const QString &text)
{
    QString result = text;
    for (QChar &character : result) {
        const char16_t code = character.unicode();
        if (code < 0x20 || (code >= 0x7F && code <= 0x9F) || code == 0x2028 || code == 0x2029)
            character = u' ';
    }
    return result;
}

// Escapes CR and LF so that an error message quoting user input stays on one log line.
QString printable(const QString &text)
{
    QString result = text;
    result.replace(u'\r', QLatin1String("\\r")).replace(u'\n', QLatin1String("\\n"));
    return result;
}

bool needsEncodedWords(const QString &text)
{
    for (const QChar character : text) {
        if (character.unicode() < 0x20 || character.unicode() > 0x7E)
            return true;
    }
    // Text that looks like an encoded word would be decoded by the reader (RFC 2047 §5).
    if (text.contains(QLatin1String("=?")))
        return true;
    const QStringList words = text.split(u' ');
    return std::any_of(words.cbegin(), words.cend(), [](const QString &word) {
        return word.size() > MaxUnfoldableWord;
    });
}

// RFC 2047 "B" encoded words, each at most 75 characters and each holding whole characters
// (§5: a multi-octet character must not be split between words). The space between two adjacent
// encoded words is ignored when decoding (§6.2), so spaces in the text travel inside the words.
void appendEncodedWords(HeaderFolder &folder, const QString &text)
{
    static const QByteArray prefix = "=?UTF-8?B?";
    static const QByteArray suffix = "?=";
    constexpr qsizetype overhead = 12;           // prefix and suffix
    constexpr qsizetype smallestUsefulWord = 20; // one 4-octet character
    qsizetype position = 0;
    while (position < text.size()) {
        const qsizetype room = folder.room();
        const qsizetype budget = room >= smallestUsefulWord ? std::min(MaxEncodedWordLength, room)
                                                            : MaxEncodedWordLength;
        QByteArray octets;
        while (position < text.size()) {
            const qsizetype length = text[position].isHighSurrogate() && position + 1 < text.size()
                                         ? 2
                                         : 1;
            const QByteArray character = QStringView(text).mid(position, length).toUtf8();
            const qsizetype encodedLength = overhead
                                            + (octets.size() + character.size() + 2) / 3 * 4;
            if (encodedLength > budget && !octets.isEmpty())
                break;
            octets += character;
            position += length;
        }
        folder.append(prefix + octets.toBase64() + suffix);
    }
}

// An unstructured field such as Subject (RFC 5322 §3.2.5).
void appendUnstructured(HeaderFolder &folder, const QString &text)
{
    if (needsEncodedWords(text)) {
        appendEncodedWords(folder, text);
        return;
    }
    for (const QString &word : text.split(u' '))
        folder.append(word.toLatin1());
}

// RFC 5322 §3.2.3 specials: a display name containing one must be a quoted string.
bool hasSpecials(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar character) {
        return QStringView(u"()<>[]:;@\\,.\"").contains(character);
    });
}

void appendMailbox(HeaderFolder &folder, const QString &displayName, const QString &address)
{
    const QString name = sanitizeHeaderText(displayName).trimmed();
    const QByteArray addressOctets = addressWithAsciiDomain(address).toUtf8();
    if (name.isEmpty()) {
        folder.append(addressOctets);
        return;
    }
    if (needsEncodedWords(name)) {
        appendEncodedWords(folder, name);
    } else if (hasSpecials(name)) {
        QString quotedName = name;
        quotedName.replace(u'\\', QLatin1String("\\\\")).replace(u'"', QLatin1String("\\\""));
        folder.append('"' + quotedName.toLatin1() + '"');
    } else {
        for (const QString &word : name.split(u' '))
            folder.append(word.toLatin1());
    }
    folder.append('<' + addressOctets + '>');
}

QString domainOf(const QString &address)
{
    return address.mid(address.lastIndexOf(u'@') + 1);
}

bool isNonAscii(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() >= 0x80; });
}

// RFC 5322 §3.6.4: unique by a 64-bit random number, the time and the runner's handle.
QByteArray makeMessageId(const QByteArray &domain, const QDateTime &date, quint64 handle)
{
    const quint64 random = QRandomGenerator::system()->generate64();
    return '<' + QByteArray::number(random, 36) + '.'
           + QByteArray::number(date.toMSecsSinceEpoch(), 36) + '.' + QByteArray::number(handle, 36)
           + '@' + domain + '>';
}

bool isValidMessageIdDomain(const QByteArray &domain)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^[A-Za-z0-9.\-]+$|^\[[!-Z^-~]*\]$)"));
    return pattern.match(QString::fromLatin1(domain)).hasMatch();
}

// UTF-8 with CRLF line endings (RFC 5322 §2.3), ending in CRLF.
QByteArray toCrlfBody(const QString &text)
{
    QString normalised = text;
    normalised.replace(QLatin1String("\r\n"), QLatin1String("\n")).replace(u'\r', u'\n');
    if (!normalised.isEmpty() && !normalised.endsWith(u'\n'))
        normalised += u'\n';
    return normalised.toUtf8().replace('\n', "\r\n");
}

// RFC 2045 §2.7 7bit data: US-ASCII without NUL, lines of at most 998 octets.
bool isSevenBitClean(const QByteArray &crlfBody)
{
    qsizetype lineLength = 0;
    for (const char octet : crlfBody) {
        if (octet == '\0' || static_cast<unsigned char>(octet) >= 0x80)
            return false;
        if (octet == '\n') {
            lineLength = 0;
        } else if (octet != '\r' && ++lineLength > MaxBodyLineOctets) {
            return false;
        }
    }
    return true;
}

void encodeQuotedPrintableLine(QByteArray &out, QByteArrayView line)
{
    static constexpr char hexDigits[] = "0123456789ABCDEF";
    qsizetype lineLength = 0;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const auto octet = static_cast<unsigned char>(line[i]);
        const bool isLast = i + 1 == line.size();
        // Rules 2 and 3: printable characters other than '=' stand for themselves; so do space
        // and tab, except at the end of a line where transports may strip them.
        const bool isLiteral = (octet >= 33 && octet <= 126 && octet != '=')
                               || ((octet == ' ' || octet == '\t') && !isLast);
        const qsizetype tokenLength = isLiteral ? 1 : 3;
        // Rule 5: a soft line break "=" counts towards the 76 characters; the last token of a
        // line needs no room for it.
        const qsizetype limit = isLast ? MaxQuotedPrintableLine : MaxQuotedPrintableLine - 1;
        if (lineLength + tokenLength > limit) {
            out += "=\r\n";
            lineLength = 0;
        }
        if (isLiteral) {
            out += static_cast<char>(octet);
        } else {
            out += '=';
            out += hexDigits[octet >> 4];
            out += hexDigits[octet & 0x0F];
        }
        lineLength += tokenLength;
    }
}

} // namespace

QString mergeFields(const QString &text, const Recipient &recipient)
{
    // Mustache syntax, so templates keep working when the full engine arrives.
    static const QRegularExpression tag(
        QStringLiteral(R"(\{\{\{\s*(name|email)\s*\}\}\}|\{\{\s*(name|email)\s*\}\})"));
    QString result;
    qsizetype copied = 0;
    auto matches = tag.globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        const QString field = match.captured(1).isEmpty() ? match.captured(2) : match.captured(1);
        result += QStringView(text).mid(copied, match.capturedStart() - copied);
        result += field == QLatin1String("name") ? recipient.name : recipient.email;
        copied = match.capturedEnd();
    }
    result += QStringView(text).mid(copied);
    return result;
}

QByteArray encodeQuotedPrintable(const QByteArray &body)
{
    QByteArray out;
    out.reserve(body.size() + body.size() / 2);
    qsizetype start = 0;
    while (start < body.size()) {
        qsizetype end = body.indexOf("\r\n", start);
        const bool hasLineBreak = end >= 0;
        if (!hasLineBreak)
            end = body.size();
        encodeQuotedPrintableLine(out, QByteArrayView(body).sliced(start, end - start));
        if (hasLineBreak)
            out += "\r\n";
        start = end + 2;
    }
    return out;
}

QByteArray formatRfc5322Date(const QDateTime &dateTime)
{
    const int offset = dateTime.offsetFromUtc();
    const int absoluteMinutes = std::abs(offset) / 60;
    const QString zone = QStringLiteral("%1%2%3")
                             .arg(QLatin1Char(offset < 0 ? '-' : '+'))
                             .arg(absoluteMinutes / 60, 2, 10, QChar(u'0'))
                             .arg(absoluteMinutes % 60, 2, 10, QChar(u'0'));
    return (QLocale::c().toString(dateTime, u"ddd, dd MMM yyyy hh:mm:ss") + u' ' + zone).toLatin1();
}

Result<OutgoingMessage> composeMessage(const MessageTemplate &messageTemplate,
                                       const Recipient &recipient,
                                       const ComposeContext &context)
{
    const auto from = parseMailbox(messageTemplate.from);
    if (!from) {
        return makeError(ErrorCode::InvalidAddress,
                         QStringLiteral("message.from: ") + printable(from.error().message));
    }
    // Checked as it is, untrimmed: a CR, LF or space anywhere makes it invalid.
    if (!isValidEmailAddress(recipient.email)) {
        return makeError(ErrorCode::InvalidAddress,
                         QStringLiteral("recipient.email: \"%1\" is not a valid email address")
                             .arg(printable(recipient.email)));
    }

    const QString fromAddress = addressWithAsciiDomain(from->address);
    const QString toAddress = addressWithAsciiDomain(recipient.email);
    const QByteArray messageIdDomain = context.messageIdDomain.isEmpty()
                                           ? domainOf(fromAddress).toUtf8()
                                           : context.messageIdDomain;
    if (!isValidMessageIdDomain(messageIdDomain)) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("messageIdDomain: \"%1\" cannot be used in a Message-ID")
                             .arg(printable(QString::fromUtf8(messageIdDomain))));
    }
    const QDateTime date = context.date.isValid() ? context.date : QDateTime::currentDateTime();

    QByteArray content;
    HeaderFolder dateHeader("Date");
    dateHeader.append(formatRfc5322Date(date));
    content += dateHeader.finish();

    HeaderFolder fromHeader("From");
    appendMailbox(fromHeader, from->displayName, from->address);
    content += fromHeader.finish();

    HeaderFolder toHeader("To");
    appendMailbox(toHeader, recipient.name, recipient.email);
    content += toHeader.finish();

    HeaderFolder subjectHeader("Subject");
    appendUnstructured(subjectHeader,
                       sanitizeHeaderText(mergeFields(messageTemplate.subject, recipient)).trimmed());
    content += subjectHeader.finish();

    HeaderFolder messageIdHeader("Message-ID");
    messageIdHeader.append(makeMessageId(messageIdDomain, date, context.messageHandle));
    content += messageIdHeader.finish();

    const QByteArray body = toCrlfBody(mergeFields(messageTemplate.text, recipient));
    const bool isSevenBit = isSevenBitClean(body);
    content += "MIME-Version: 1.0\r\n"
               "Content-Type: text/plain; charset=utf-8\r\n"
               "Content-Transfer-Encoding: ";
    content += isSevenBit ? "7bit\r\n" : "quoted-printable\r\n";
    content += "\r\n";
    content += isSevenBit ? body : encodeQuotedPrintable(body);

    OutgoingMessage message;
    message.id = context.messageHandle;
    message.envelopeFrom = fromAddress.toUtf8();
    message.recipient = toAddress.toUtf8();
    message.content = std::move(content);
    message.requires8BitMime = false; // encoded words and quoted-printable keep it 7-bit
    // RFC 6531: only a non-ASCII local part is left once domains are A-labels.
    message.requiresSmtpUtf8 = isNonAscii(fromAddress) || isNonAscii(toAddress);
    return message;
}

} // namespace Bulkmail
