#include "mailboxname.h"

namespace Bulkmail {

namespace {

constexpr auto Base64Options = QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals;

bool isDirect(char16_t c)
{
    return c >= 0x20 && c <= 0x7e && c != u'&';
}

} // namespace

QByteArray encodeMailboxName(const QString &name)
{
    QByteArray wire;
    qsizetype at = 0;
    while (at < name.size()) {
        const char16_t c = name.at(at).unicode();
        if (c == u'&') {
            wire.append("&-");
            ++at;
            continue;
        }
        if (isDirect(c)) {
            wire.append(char(c));
            ++at;
            continue;
        }
        // A run of characters that are not printable ASCII, as UTF-16BE in modified base64
        // ("," for "/", no padding).
        QByteArray utf16;
        while (at < name.size() && !isDirect(name.at(at).unicode()) && name.at(at) != u'&') {
            const char16_t unit = name.at(at).unicode();
            utf16.append(char(unit >> 8));
            utf16.append(char(unit & 0xff));
            ++at;
        }
        wire.append('&');
        wire.append(utf16.toBase64(Base64Options).replace('/', ','));
        wire.append('-');
    }
    return wire;
}

std::optional<QString> decodeMailboxName(QByteArrayView wire)
{
    QString name;
    qsizetype at = 0;
    while (at < wire.size()) {
        const char c = wire[at];
        if (static_cast<unsigned char>(c) >= 0x80)
            return std::nullopt;
        if (c != '&') {
            name.append(QLatin1Char(c));
            ++at;
            continue;
        }
        const qsizetype end = wire.indexOf('-', at);
        if (end < 0)
            return std::nullopt;
        if (end == at + 1) {
            name.append(u'&');
            at = end + 1;
            continue;
        }
        QByteArray encoded = wire.sliced(at + 1, end - at - 1).toByteArray();
        encoded.replace(',', '/');
        const auto decoded = QByteArray::fromBase64Encoding(
            encoded, Base64Options | QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.size() % 2 != 0)
            return std::nullopt;
        for (qsizetype i = 0; i < decoded.decoded.size(); i += 2) {
            const auto high = static_cast<unsigned char>(decoded.decoded[i]);
            const auto low = static_cast<unsigned char>(decoded.decoded[i + 1]);
            name.append(QChar(char16_t((high << 8) | low)));
        }
        at = end + 1;
    }
    return name;
}

} // namespace Bulkmail
