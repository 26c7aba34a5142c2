#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Bulkmail {

// The DATA payload of RFC 5321 §4.1.1.4: every line ends in CRLF (a bare LF or CR becomes CRLF),
// lines starting with "." are dot-stuffed (§4.5.2), and the terminating ".\r\n" is appended.
[[nodiscard]] QByteArray encodeMessageData(QByteArrayView content);

} // namespace Bulkmail
