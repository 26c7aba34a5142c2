#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Bulkmail {

// Mailbox names on the wire are "modified UTF-7" (RFC 3501 §5.1.3): "已发送" is "&XfJT0ZAB-".
// Servers without UTF8=ACCEPT (RFC 6855) send and expect nothing else.
[[nodiscard]] QByteArray encodeMailboxName(const QString &name);
// Nothing when `wire` is not valid modified UTF-7 (the name is then shown as the server sent it).
[[nodiscard]] std::optional<QString> decodeMailboxName(QByteArrayView wire);

} // namespace Bulkmail
