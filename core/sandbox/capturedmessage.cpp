#include "capturedmessage.h"

#include <gmime/gmime.h>

#include <mutex>

namespace Bulkmail {

namespace {

// RFC 2047 encoded words (any charset GMime knows) to text. g_mime_init() counts its callers, so
// calling it here as well as in the composer is safe.
QString decodeHeaderText(const QByteArray &raw)
{
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
    char *decoded = g_mime_utils_header_decode_text(nullptr, raw.constData());
    const QString text = QString::fromUtf8(decoded);
    g_free(decoded);
    return text;
}

} // namespace

QString decodedSubject(const QByteArray &message)
{
    const qsizetype headerEnd = message.indexOf("\r\n\r\n");
    const QByteArray headers = headerEnd < 0 ? message : message.left(headerEnd + 2);
    qsizetype start = -1;
    if (headers.startsWith("Subject:"))
        start = 0;
    else if (qsizetype found = headers.indexOf("\r\nSubject:"); found >= 0)
        start = found + 2;
    if (start < 0)
        return {};
    // The value runs until a line that does not start with white space (RFC 5322 §2.2.3).
    qsizetype end = start;
    while (true) {
        end = headers.indexOf("\r\n", end);
        if (end < 0 || end + 2 >= headers.size()
            || (headers[end + 2] != ' ' && headers[end + 2] != '\t'))
            break;
        end += 2;
    }
    QByteArray raw = headers.mid(start + 8, end < 0 ? -1 : end - start - 8);
    raw.replace("\r\n", "");
    return decodeHeaderText(raw.trimmed());
}

} // namespace Bulkmail
