#pragma once

#include "campaign/campaign.h"
#include "document/recipientcsv.h"
#include "document/recipientmerge.h"
#include "document/recipientworkbook.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Bulkmail {

struct ImportOptions
{
    QString listPath; // a CSV file or a workbook (.xlsx, .xls, .ods)
    QString campaignPath;
    QString sheet{};                  // a workbook's sheet; empty: the first non-empty visible one
    QByteArray encoding{};            // empty: detect
    std::optional<QChar> delimiter{}; // empty: detect
};

// `bulkmail-cli import LIST --into FILE` (alias `import-csv`): reports on standard output, the
// workbook's notices included, and saves the campaign atomically. A list that does not import
// changes nothing and returns 1 naming the line (CSV) or row (workbook).
[[nodiscard]] int runImportCommand(const ImportOptions &options);

} // namespace Bulkmail
