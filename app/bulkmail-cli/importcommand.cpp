#include "importcommand.h"

#include "document/campaignfile.h"
#include "sendcommand.h"

#include <cstdio>

namespace Bulkmail {

namespace {

constexpr int MaxListedRows = 50;

void printLine(const QString &line)
{
    std::fputs(qUtf8Printable(line + u'\n'), stdout);
}

void printError(const QString &message)
{
    std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(message));
}

QString delimiterName(QChar delimiter)
{
    return delimiter == u'\t' ? QStringLiteral("tab") : QStringLiteral("\"%1\"").arg(delimiter);
}

void printRows(const QString &label, const QList<RecipientMerge::Row> &rows, const QString &where)
{
    for (qsizetype i = 0; i < rows.size() && i < MaxListedRows; ++i) {
        const RecipientMerge::Row &row = rows.at(i);
        printLine(
            QStringLiteral("  %1: %2 %3: \"%4\"%5")
                .arg(label, where)
                .arg(row.line)
                .arg(row.email, row.note.isEmpty() ? QString() : QStringLiteral(": ") + row.note));
    }
    if (rows.size() > MaxListedRows)
        printLine(QStringLiteral("  ... and %1 more").arg(rows.size() - MaxListedRows));
}

} // namespace

int runImportCommand(const ImportOptions &options)
{
    Result<Campaign> campaign = loadCampaign(options.campaignPath);
    if (!campaign) {
        printError(options.campaignPath + QStringLiteral(": ") + campaign.error().message);
        return ExitFatal;
    }
    CsvImportOptions csvOptions;
    csvOptions.encoding = options.encoding;
    csvOptions.delimiter = options.delimiter;
    const Result<RecipientFileImport> file = importRecipientsFile(options.listPath,
                                                                  csvOptions,
                                                                  options.sheet);
    if (!file) {
        printError(QStringLiteral("%1: %2 (the campaign was not changed)")
                       .arg(options.listPath, file.error().message));
        return ExitFatal;
    }
    const CsvImport *import = &file->list;
    // A workbook's rows are numbered as the spreadsheet numbers them.
    const QString where = file->isWorkbook ? QStringLiteral("row") : QStringLiteral("line");

    if (file->isWorkbook) {
        if (!options.encoding.isEmpty() || options.delimiter)
            printError(QStringLiteral("--encoding and --delimiter are ignored: %1 is a workbook")
                           .arg(options.listPath));
        printLine(QStringLiteral("Read %1: %2 row(s), sheet \"%3\" (header in row %4)")
                      .arg(options.listPath)
                      .arg(import->recipients.size())
                      .arg(file->sheet)
                      .arg(file->headerRow));
        for (const WorkbookNotice &notice : file->notices)
            printLine(QStringLiteral("  note: ") + notice.describe());
    } else {
        if (!options.sheet.isEmpty())
            printError(
                QStringLiteral("--sheet is ignored: %1 is not a workbook").arg(options.listPath));
        printLine(QStringLiteral("Read %1: %2 row(s), %3, delimiter %4")
                      .arg(options.listPath)
                      .arg(import->recipients.size())
                      .arg(import->detectedEncoding, delimiterName(import->delimiter)));
    }
    for (const CsvProblem &warning : import->warnings)
        printLine(
            QStringLiteral("  warning: %1 %2: %3").arg(where).arg(warning.line).arg(warning.message));

    const qsizetype before = campaign->recipients.size();
    const RecipientMerge merge = mergeImportedRecipients(*campaign, *import);

    QString fields = import->fieldNames.isEmpty()
                         ? QStringLiteral("no merge fields")
                         : QStringLiteral("merge fields: ")
                               + import->fieldNames.join(QLatin1String(", "));
    if (!merge.newFields.isEmpty())
        fields += QStringLiteral("; new to the campaign: ")
                  + merge.newFields.join(QLatin1String(", "));
    printLine(QStringLiteral("Added %1 recipient(s) (%2)").arg(merge.added.size()).arg(fields));
    printRows(QStringLiteral("added"), merge.added, where);
    if (!merge.flagged.isEmpty()) {
        printLine(QStringLiteral("Flagged %1 of them (kept in the list; a send skips them):")
                      .arg(merge.flagged.size()));
        printRows(QStringLiteral("flagged"), merge.flagged, where);
    }
    if (!merge.skipped.isEmpty()) {
        printLine(
            QStringLiteral("Skipped %1 row(s) already in the campaign:").arg(merge.skipped.size()));
        printRows(QStringLiteral("skipped"), merge.skipped, where);
    }

    if (merge.added.isEmpty()) {
        printLine(QStringLiteral("Nothing new: %1 was not changed (%2 recipient(s))")
                      .arg(options.campaignPath)
                      .arg(before));
        return ExitAllSent;
    }
    if (Result<void> saved = saveCampaign(*campaign, campaign->filePath); !saved) {
        printError(saved.error().message);
        return ExitFatal;
    }
    printLine(QStringLiteral("Saved %1: %2 recipient(s), %3 before")
                  .arg(options.campaignPath)
                  .arg(campaign->recipients.size())
                  .arg(before));
    return ExitAllSent;
}

} // namespace Bulkmail
