#pragma once

#include <QString>

namespace Bulkmail {

// `bulkmail-cli export-csv FILE --output CSV`: writes the campaign's recipients, their merge
// fields and each one's send status (from the send journal) as a CSV that Excel opens as it is
// (UTF-8 with BOM). Returns the process exit status.
[[nodiscard]] int runExportCsvCommand(const QString &campaignPath, const QString &csvPath);

} // namespace Bulkmail
