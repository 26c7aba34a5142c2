#pragma once

#include "campaign/campaign.h"
#include "campaign/recipientcsv.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Bulkmail {

struct ImportCsvOptions
{
    QString csvPath;
    QString campaignPath;
    QByteArray encoding{};            // empty: detect
    std::optional<QChar> delimiter{}; // empty: detect
};

// What adding a CSV's rows to a campaign did, row by row, with the CSV's line numbers.
struct RecipientMerge
{
    struct Row
    {
        int line = 0; // of the CSV
        QString email;
        QString note; // why it was flagged or skipped
    };

    QList<Row> added;      // every added row (flagged ones too)
    QList<Row> flagged;    // added, but a send skips them: invalid address or duplicate
    QList<Row> skipped;    // not added: the address is already in the campaign
    QStringList newFields; // merge fields the campaign did not have yet
};

// Adds the imported rows to `campaign` as inline recipients (sourceLine 0, so that saving keeps
// them even beside a recipientsFile). A row whose address is already in the campaign (same local
// part, domain compared ignoring case; an invalid address by its exact text and name) is skipped.
// The check is against the campaign as it was before the import: rows repeating an earlier row
// of the same CSV are added and flagged as duplicates, as a recipients file keeps them, and a send
// gives them one message. Merge fields are matched by name; new ones are appended to
// Campaign::recipientFields, and every added recipient's fields follow that order.
[[nodiscard]] RecipientMerge mergeImportedRecipients(Campaign &campaign, const CsvImport &import);

// `bulkmail-cli import-csv CSV --into FILE`: reports on standard output and saves the campaign
// atomically. A CSV that does not import changes nothing and returns 1 naming the line.
[[nodiscard]] int runImportCsvCommand(const ImportCsvOptions &options);

} // namespace Bulkmail
