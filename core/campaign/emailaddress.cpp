#include "emailaddress.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace Bulkmail {

namespace {

// RFC 5321 §4.5.3.1 and the RFC 3696 errata (the forward-path limit), in UTF-8 octets.
constexpr qsizetype MaxLocalPartOctets = 64;
constexpr qsizetype MaxDomainOctets = 255;
constexpr qsizetype MaxAddressOctets = 254;
constexpr qsizetype MaxLabelOctets = 63;

qsizetype utf8Length(QStringView text)
{
    return text.toUtf8().size();
}

// Characters never allowed anywhere in an address we accept: they would let an address break
// out of a header line or a list (whitespace, CR, LF, commas, angle brackets) or are invisible.
bool isForbiddenCharacter(QChar character)
{
    const char16_t code = character.unicode();
    return character.isSpace() || code < 0x20 || (code >= 0x7F && code <= 0x9F) || code == u'<'
           || code == u'>' || code == u',';
}

// RFC 5322 §3.2.3 atext, extended by RFC 6532 §3.2 with every non-ASCII character.
bool isAtomText(QChar character)
{
    const char16_t code = character.unicode();
    if (code >= 0x80)
        return true;
    if ((code >= u'a' && code <= u'z') || (code >= u'A' && code <= u'Z')
        || (code >= u'0' && code <= u'9')) {
        return true;
    }
    return QStringView(u"!#$%&'*+-/=?^_`{|}~").contains(character);
}

bool isValidDotAtom(QStringView text)
{
    if (text.isEmpty())
        return false;
    bool previousWasDot = true; // a leading dot is as bad as two in a row
    for (const QChar character : text) {
        if (character == u'.') {
            if (previousWasDot)
                return false;
            previousWasDot = true;
        } else if (isAtomText(character)) {
            previousWasDot = false;
        } else {
            return false;
        }
    }
    return !previousWasDot; // no trailing dot
}

// RFC 5321 §4.1.2 Quoted-string: qtextSMTP or a backslash pair, between double quotes.
bool isValidQuotedString(QStringView text)
{
    if (text.size() < 3 || !text.startsWith(u'"') || !text.endsWith(u'"'))
        return false;
    const QStringView inner = text.mid(1, text.size() - 2);
    for (qsizetype i = 0; i < inner.size(); ++i) {
        if (inner[i] == u'\\') {
            if (++i == inner.size())
                return false;
        } else if (inner[i] == u'"') {
            return false;
        }
    }
    return true;
}

bool isValidAddressLiteral(QStringView literal)
{
    static const QRegularExpression dottedQuad(QStringLiteral(R"(^\d{1,3}(\.\d{1,3}){3}$)"));
    const QStringView inner = literal.mid(1, literal.size() - 2);
    if (inner.startsWith(QLatin1String("IPv6:"), Qt::CaseInsensitive)) {
        const QHostAddress address(inner.mid(5).toString());
        return address.protocol() == QAbstractSocket::IPv6Protocol;
    }
    if (!dottedQuad.match(inner).hasMatch())
        return false;
    return QHostAddress(inner.toString()).protocol() == QAbstractSocket::IPv4Protocol;
}

bool isValidAsciiLabel(QStringView label)
{
    if (label.isEmpty() || label.size() > MaxLabelOctets || label.startsWith(u'-')
        || label.endsWith(u'-')) {
        return false;
    }
    for (const QChar character : label) {
        const char16_t code = character.unicode();
        const bool isLetterOrDigit = (code >= u'a' && code <= u'z')
                                     || (code >= u'A' && code <= u'Z')
                                     || (code >= u'0' && code <= u'9');
        if (!isLetterOrDigit && code != u'-')
            return false;
    }
    return true;
}

bool isAsciiOnly(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
}

bool isValidDomain(QStringView domain)
{
    if (domain.isEmpty() || utf8Length(domain) > MaxDomainOctets)
        return false;
    if (domain.startsWith(u'['))
        return domain.endsWith(u']') && isValidAddressLiteral(domain);
    // Internationalised domains (and ASCII ones with an A-label, "xn--", whose Punycode must
    // decode) are checked in their ASCII form (RFC 5890 A-labels): QUrl applies the IDNA mapping
    // and returns nothing for a name it cannot convert. A plain ASCII name needs no conversion,
    // which keeps a 100,000-row list quick to check.
    QString ace;
    QStringView ascii = domain;
    if (!isAsciiOnly(domain) || domain.contains(QLatin1String("xn--"), Qt::CaseInsensitive)) {
        ace = QString::fromLatin1(QUrl::toAce(domain.toString()));
        if (ace.isEmpty())
            return false;
        ascii = ace;
    }
    if (ascii.size() > MaxDomainOctets)
        return false;
    int labelCount = 0;
    QStringView lastLabel;
    for (const QStringView label : ascii.tokenize(u'.')) {
        if (!isValidAsciiLabel(label))
            return false;
        ++labelCount;
        lastLabel = label;
    }
    if (labelCount < 2)
        return false; // practical rule: a bare host name is a typo in bulk mail
    // A dotted quad needs brackets: the last label of a name is never all digits.
    return !std::all_of(lastLabel.begin(), lastLabel.end(), [](QChar c) {
        return c >= u'0' && c <= u'9';
    });
}

} // namespace

bool isValidEmailAddress(QStringView address)
{
    if (address.isEmpty() || utf8Length(address) > MaxAddressOctets
        || !address.toString().isValidUtf16()) {
        return false;
    }
    for (const QChar character : address) {
        if (isForbiddenCharacter(character))
            return false;
    }
    const qsizetype at = address.lastIndexOf(u'@');
    if (at <= 0 || at == address.size() - 1)
        return false;
    const QStringView localPart = address.left(at);
    const QStringView domain = address.mid(at + 1);
    if (utf8Length(localPart) > MaxLocalPartOctets)
        return false;
    const bool isLocalPartValid = localPart.startsWith(u'"') ? isValidQuotedString(localPart)
                                                             : isValidDotAtom(localPart);
    return isLocalPartValid && isValidDomain(domain);
}

Result<Mailbox> parseMailbox(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return makeError(ErrorCode::InvalidAddress, QStringLiteral("the address is empty"));

    Mailbox mailbox;
    if (trimmed.endsWith(u'>')) {
        // The first '<' outside a quoted display name opens the address.
        qsizetype open = -1;
        bool isInQuotes = false;
        for (qsizetype i = 0; i < trimmed.size() && open < 0; ++i) {
            if (trimmed[i] == u'\\' && isInQuotes)
                ++i;
            else if (trimmed[i] == u'"')
                isInQuotes = !isInQuotes;
            else if (trimmed[i] == u'<' && !isInQuotes)
                open = i;
        }
        if (open < 0) {
            return makeError(ErrorCode::InvalidAddress,
                             QStringLiteral("\"%1\": unbalanced angle brackets")
                                 .arg(trimmed.toString()));
        }
        mailbox.address = trimmed.mid(open + 1, trimmed.size() - open - 2).toString();
        const QStringView phrase = trimmed.left(open).trimmed();
        if (phrase.startsWith(u'"')) {
            if (!isValidQuotedString(phrase) && phrase != u"\"\"") {
                return makeError(ErrorCode::InvalidAddress,
                                 QStringLiteral("\"%1\": unbalanced quotes in the display name")
                                     .arg(trimmed.toString()));
            }
            const QStringView inner = phrase.mid(1, phrase.size() - 2);
            for (qsizetype i = 0; i < inner.size(); ++i) {
                if (inner[i] == u'\\' && i + 1 < inner.size())
                    ++i;
                mailbox.displayName += inner[i];
            }
        } else if (phrase.contains(u'"')) {
            return makeError(ErrorCode::InvalidAddress,
                             QStringLiteral("\"%1\": unbalanced quotes in the display name")
                                 .arg(trimmed.toString()));
        } else {
            mailbox.displayName = phrase.toString();
        }
    } else {
        if (trimmed.contains(u'<') || trimmed.contains(u'>')) {
            return makeError(ErrorCode::InvalidAddress,
                             QStringLiteral("\"%1\": unbalanced angle brackets")
                                 .arg(trimmed.toString()));
        }
        mailbox.address = trimmed.toString();
    }

    if (!isValidEmailAddress(mailbox.address)) {
        return makeError(ErrorCode::InvalidAddress,
                         QStringLiteral("\"%1\" is not a valid email address").arg(mailbox.address));
    }
    return mailbox;
}

QString addressWithAsciiDomain(const QString &address)
{
    const qsizetype at = address.lastIndexOf(u'@');
    const QStringView domain = QStringView(address).mid(at + 1);
    bool isAscii = true;
    for (const QChar character : domain)
        isAscii = isAscii && character.unicode() < 0x80;
    if (at < 0 || isAscii || domain.startsWith(u'['))
        return address;
    const QByteArray ascii = QUrl::toAce(domain.toString());
    if (ascii.isEmpty())
        return address;
    return address.left(at + 1) + QString::fromLatin1(ascii);
}

} // namespace Bulkmail
