#pragma once

#include "campaign/campaign.h"
#include "document/recipientcsv.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Bulkmail {

// What adding a CSV's rows to a campaign did, row by row, with the CSV's line numbers.
struct RecipientMerge
{
    struct Row
    {
        int line = 0; // of the CSV
        QString email;
        QString note; // why it was flagged or skipped

        friend bool operator==(const Row &, const Row &) = default;
    };

    QList<Row> added;      // every added row (flagged ones too)
    QList<Row> flagged;    // added, but a send skips them: invalid address or duplicate
    QList<Row> skipped;    // not added: the address is already in the campaign
    QStringList newFields; // merge fields the campaign did not have yet (empty if none added)
};

// Adds the imported rows to `campaign` as inline recipients (sourceLine 0, so that saving keeps
// them even beside a recipientsFile). A row whose address is already in the campaign (same local
// part, domain compared ignoring case; an invalid address by its exact text and name) is skipped.
// The check is against the campaign as it was before the import: rows repeating an earlier row
// of the same CSV are added and flagged as duplicates, as a recipients file keeps them, and a send
// gives them one message. Merge fields are matched by name; new ones are appended to
// Campaign::recipientFields, and every added recipient's fields follow that order (trailing
// empty values dropped). When every row is skipped, the campaign is left exactly as it was.
// Pure logic, shared by `bulkmail-cli import-csv` and the desktop app's import.
[[nodiscard]] RecipientMerge mergeImportedRecipients(Campaign &campaign, const CsvImport &import);

} // namespace Bulkmail
