#pragma once

#include <QString>
#include <QStringList>

namespace Bulkmail {

// `bulkmail-cli suppression list|add|remove|export|import FILE ...`: the suppression list of the
// account (server host and user name) of the campaign FILE.
struct SuppressionOptions
{
    QString action; // "list", "add", "remove", "export", "import"
    QString campaignPath;
    QStringList operands; // add/remove: addresses; import: the CSV file
    QString outputPath;   // export: the CSV file
    QString reason;       // list: only this reason; add: the reason (default manual)
    QString detail;       // add: why
};

// Returns the process exit status: 0 done, 1 an error (an unknown address for remove is an
// error too, so that scripts notice a typo).
[[nodiscard]] int runSuppressionCommand(const SuppressionOptions &options);

} // namespace Bulkmail
