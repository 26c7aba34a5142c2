#include "compose/mimetextpart.h"

#include "compose/gmimesupport.h"

#include <algorithm>

namespace Bulkmail {

namespace {

constexpr qsizetype MaxLineOctets = 998; // RFC 5322 §2.1.1 MUST

// The longest line of `text` (LF line ends) and whether it holds NUL or non-ASCII octets.
struct TextShape
{
    qsizetype longestLine = 0;
    bool hasNul = false;
    bool isAscii = true;
};

TextShape shapeOf(const QByteArray &text)
{
    TextShape shape;
    qsizetype lineLength = 0;
    for (const char octet : text) {
        if (octet == '\n') {
            lineLength = 0;
            continue;
        }
        shape.longestLine = std::max(shape.longestLine, ++lineLength);
        shape.hasNul = shape.hasNul || octet == '\0';
        shape.isAscii = shape.isAscii && static_cast<unsigned char>(octet) < 0x80;
    }
    return shape;
}

} // namespace

TextBody prepareTextBody(const QString &text, bool allow8BitMime)
{
    QString normalised = text;
    if (normalised.contains(u'\r'))
        normalised.replace(QLatin1String("\r\n"), QLatin1String("\n")).replace(u'\r', u'\n');
    if (!normalised.isEmpty() && !normalised.endsWith(u'\n'))
        normalised += u'\n';
    TextBody body;
    body.octets = normalised.toUtf8();

    const TextShape shape = shapeOf(body.octets);
    body.encoding = TextTransferEncoding::QuotedPrintable;
    if (shape.longestLine <= MaxLineOctets && !shape.hasNul) {
        if (shape.isAscii)
            body.encoding = TextTransferEncoding::SevenBit;
        else if (allow8BitMime)
            body.encoding = TextTransferEncoding::EightBit;
    }
    if (body.encoding == TextTransferEncoding::QuotedPrintable) {
        initializeGMime();
        const auto *data = reinterpret_cast<const unsigned char *>(body.octets.constData());
        if (g_mime_utils_best_encoding(data, size_t(body.octets.size()))
            == GMIME_CONTENT_ENCODING_BASE64) {
            body.encoding = TextTransferEncoding::Base64;
            // For the other encodings GMime's output filter turns LF into CRLF.
            body.octets.replace('\n', "\r\n");
        }
    }
    return body;
}

QByteArray textPartWithGMime(const char *subtype, const TextBody &body)
{
    GObjectPtr<GMimePart> part = makeGMimeTextPart(subtype, body);
    return gmimeBytes(GMIME_OBJECT(part.get())).value_or(QByteArray());
}

std::optional<QByteArray> identityTextPart(const char *subtype, const TextBody &body)
{
    const char *encodingName = nullptr;
    switch (body.encoding) {
    case TextTransferEncoding::SevenBit:
        encodingName = "7bit";
        break;
    case TextTransferEncoding::EightBit:
        encodingName = "8bit";
        break;
    case TextTransferEncoding::QuotedPrintable:
    case TextTransferEncoding::Base64:
        return std::nullopt;
    }
    const qsizetype lines = std::count(body.octets.cbegin(), body.octets.cend(), '\n');
    QByteArray part;
    part.reserve(96 + body.octets.size() + lines);
    part += "Content-Type: text/";
    part += subtype;
    part += "; charset=utf-8\r\nContent-Transfer-Encoding: ";
    part += encodingName;
    part += "\r\n\r\n";
    qsizetype start = 0;
    while (start < body.octets.size()) {
        const qsizetype end = body.octets.indexOf('\n', start);
        if (end < 0) {
            part += QByteArrayView(body.octets).sliced(start);
            break;
        }
        part += QByteArrayView(body.octets).sliced(start, end - start);
        part += "\r\n";
        start = end + 1;
    }
    return part;
}

} // namespace Bulkmail
