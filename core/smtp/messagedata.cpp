#include "messagedata.h"

namespace Bulkmail {

QByteArray encodeMessageData(QByteArrayView content)
{
    QByteArray out;
    out.reserve(content.size() + content.size() / 32 + 8);
    bool atLineStart = true;
    const char *data = content.data();
    const qsizetype size = content.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = data[i];
        if (c == '\r' || c == '\n') {
            out.append("\r\n", 2);
            if (c == '\r' && i + 1 < size && data[i + 1] == '\n')
                ++i;
            atLineStart = true;
            continue;
        }
        if (atLineStart && c == '.')
            out.append('.');
        out.append(c);
        atLineStart = false;
    }
    if (!atLineStart)
        out.append("\r\n", 2);
    out.append(".\r\n", 3);
    return out;
}

qint64 messageDataSize(QByteArrayView content)
{
    // The same line-end rules as encodeMessageData(), counted instead of copied.
    qint64 total = 0;
    bool atLineStart = true;
    const char *data = content.data();
    const qsizetype size = content.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = data[i];
        if (c == '\r' || c == '\n') {
            total += 2;
            if (c == '\r' && i + 1 < size && data[i + 1] == '\n')
                ++i;
            atLineStart = true;
            continue;
        }
        ++total;
        atLineStart = false;
    }
    if (!atLineStart)
        total += 2;
    return total;
}

} // namespace Bulkmail
