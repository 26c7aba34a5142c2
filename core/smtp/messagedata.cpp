#include "messagedata.h"

namespace Bulkmail {

namespace {

// Calls onLine(text) for each line of `content`, without its line end. A line ends at CRLF, a
// bare LF or a bare CR; a last line without an end is still a line. Both functions below share
// these rules, so the SIZE we declare is the size we send.
template<typename OnLine>
void forEachLine(QByteArrayView content, OnLine onLine)
{
    const char *position = content.data();
    const char *const end = position + content.size();
    while (position < end) {
        const char *lineEnd = position;
        while (lineEnd < end && *lineEnd != '\r' && *lineEnd != '\n')
            ++lineEnd;
        onLine(QByteArrayView(position, lineEnd - position));
        if (lineEnd == end)
            break;
        position = lineEnd
                   + ((*lineEnd == '\r' && lineEnd + 1 < end && lineEnd[1] == '\n') ? 2 : 1);
    }
}

} // namespace

QByteArray encodeMessageData(QByteArrayView content)
{
    QByteArray out;
    out.reserve(content.size() + content.size() / 32 + 8);
    forEachLine(content, [&out](QByteArrayView line) {
        if (line.startsWith('.'))
            out.append('.');
        out.append(line);
        out.append("\r\n", 2);
    });
    out.append(".\r\n", 3);
    return out;
}

qint64 messageDataSize(QByteArrayView content)
{
    // RFC 1870 §5: the size of the message with CRLF line ends, before dot-stuffing.
    qint64 total = 0;
    forEachLine(content, [&total](QByteArrayView line) { total += line.size() + 2; });
    return total;
}

} // namespace Bulkmail
