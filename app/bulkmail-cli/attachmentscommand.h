#pragma once

#include <QString>

namespace Bulkmail {

// `bulkmail-cli attachments FILE --output CSV`: who got which personal file, from the send
// journal: one row per file of every message the server took ("sent") or may have taken
// ("unconfirmed"), with the file's name, size and the SHA-256 of the bytes that went out.
[[nodiscard]] int runAttachmentsCommand(const QString &campaignPath, const QString &csvPath);

} // namespace Bulkmail
