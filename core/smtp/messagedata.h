#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Bulkmail {

// The DATA payload of RFC 5321 §4.1.1.4: every line ends in CRLF (a bare LF or CR becomes CRLF),
// lines starting with "." are dot-stuffed (§4.5.2), and the terminating ".\r\n" is appended.
[[nodiscard]] QByteArray encodeMessageData(QByteArrayView content);

// The message size as RFC 1870 §5 counts it for SIZE: the octets of the content once its line ends
// are CRLF (as encodeMessageData() sends them, including the CRLF it adds after a last line
// without one), but neither the doubled quoting dots nor the terminating ".\r\n".
[[nodiscard]] qint64 messageDataSize(QByteArrayView content);

} // namespace Bulkmail
