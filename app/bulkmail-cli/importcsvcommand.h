#pragma once

#include "campaign/campaign.h"
#include "campaign/recipientcsv.h"
#include "campaign/recipientmerge.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Bulkmail {

struct ImportCsvOptions
{
    QString csvPath;
    QString campaignPath;
    QByteArray encoding{};            // empty: detect
    std::optional<QChar> delimiter{}; // empty: detect
};

// `bulkmail-cli import-csv CSV --into FILE`: reports on standard output and saves the campaign
// atomically. A CSV that does not import changes nothing and returns 1 naming the line.
[[nodiscard]] int runImportCsvCommand(const ImportCsvOptions &options);

} // namespace Bulkmail
