#include "importcsvcommand.h"

#include "campaign/campaignfile.h"
#include "campaign/recipientvalidation.h"
#include "sendcommand.h"

#include <QHash>
#include <QSet>

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

QString describeExisting(const Campaign &campaign, int index)
{
    return QStringLiteral("\"%1\" (recipient %2 of the campaign)")
        .arg(campaign.recipients.at(index).email)
        .arg(index + 1);
}

QString delimiterName(QChar delimiter)
{
    return delimiter == u'\t' ? QStringLiteral("tab") : QStringLiteral("\"%1\"").arg(delimiter);
}

void printRows(const QString &label, const QList<RecipientMerge::Row> &rows)
{
    for (qsizetype i = 0; i < rows.size() && i < MaxListedRows; ++i) {
        const RecipientMerge::Row &row = rows.at(i);
        printLine(
            QStringLiteral("  %1: line %2: \"%3\"%4")
                .arg(label)
                .arg(row.line)
                .arg(row.email, row.note.isEmpty() ? QString() : QStringLiteral(": ") + row.note));
    }
    if (rows.size() > MaxListedRows)
        printLine(QStringLiteral("  ... and %1 more").arg(rows.size() - MaxListedRows));
}

} // namespace

RecipientMerge mergeImportedRecipients(Campaign &campaign, const CsvImport &import)
{
    RecipientMerge merge;
    const int existingCount = int(campaign.recipients.size());

    // Which rows are already in the campaign: validateRecipients() on the campaign followed by
    // the CSV finds, for each CSV row, the first row with the same mailbox.
    QList<Recipient> combined = campaign.recipients;
    combined.append(import.recipients);
    QHash<int, RecipientIssue> issueOf;
    for (const RecipientIssue &issue : validateRecipients(combined))
        issueOf.insert(issue.index, issue);
    QSet<QPair<QString, QString>> existingRows; // invalid addresses match by text and name
    for (const Recipient &recipient : std::as_const(campaign.recipients))
        existingRows.insert(qMakePair(recipient.email, recipient.name));

    QList<int> columnOf; // import field j -> column in campaign.recipientFields
    for (const QString &field : import.fieldNames) {
        qsizetype column = campaign.recipientFields.indexOf(field);
        if (column < 0) {
            column = campaign.recipientFields.size();
            campaign.recipientFields.append(field);
            merge.newFields.append(field);
        }
        columnOf.append(int(column));
    }

    QHash<int, int> lineOfAdded; // index in campaign.recipients -> CSV line
    for (int row = 0; row < import.recipients.size(); ++row) {
        const Recipient &imported = import.recipients.at(row);
        const auto issue = issueOf.constFind(existingCount + row);
        if (issue != issueOf.cend() && issue->kind == RecipientIssue::Kind::Duplicate
            && issue->duplicateOf < existingCount) {
            merge.skipped.append({imported.sourceLine,
                                  imported.email,
                                  QStringLiteral("already in the campaign as %1")
                                      .arg(describeExisting(campaign, issue->duplicateOf))});
            continue;
        }
        if (issue != issueOf.cend() && issue->kind == RecipientIssue::Kind::InvalidAddress
            && existingRows.contains(qMakePair(imported.email, imported.name))) {
            merge.skipped.append({imported.sourceLine,
                                  imported.email,
                                  QStringLiteral("already in the campaign with the same name")});
            continue;
        }
        Recipient recipient{imported.email, imported.name};
        QStringList fields(campaign.recipientFields.size());
        for (qsizetype j = 0; j < imported.fields.size() && j < columnOf.size(); ++j)
            fields[columnOf[j]] = imported.fields[j];
        while (!fields.isEmpty() && fields.last().isEmpty())
            fields.removeLast();
        recipient.fields = fields;
        recipient.sourceLine = 0; // inline from now on: saved with the campaign
        lineOfAdded.insert(int(campaign.recipients.size()), imported.sourceLine);
        campaign.recipients.append(recipient);
        merge.added.append({imported.sourceLine, imported.email, QString()});
    }

    // What a send will skip among the added rows, now that their positions are final.
    for (const RecipientIssue &issue : validateRecipients(campaign.recipients)) {
        if (issue.index < existingCount)
            continue;
        const Recipient &recipient = campaign.recipients.at(issue.index);
        QString note;
        switch (issue.kind) {
        case RecipientIssue::Kind::InvalidAddress:
            note = recipient.email.isEmpty() ? QStringLiteral("no email address")
                                             : QStringLiteral("not a valid email address");
            break;
        case RecipientIssue::Kind::Duplicate:
        case RecipientIssue::Kind::ProbableDuplicate: {
            const QString first = issue.duplicateOf >= existingCount
                                      ? QStringLiteral("line %1 of this file")
                                            .arg(lineOfAdded.value(issue.duplicateOf))
                                      : describeExisting(campaign, issue.duplicateOf);
            note = issue.kind == RecipientIssue::Kind::Duplicate
                       ? QStringLiteral("duplicates %1").arg(first)
                       : QStringLiteral("probably the same mailbox as %1 (differs only in case)")
                             .arg(first);
            note += QStringLiteral("; it receives one message");
            break;
        }
        }
        merge.flagged.append({lineOfAdded.value(issue.index), recipient.email, note});
    }
    return merge;
}

int runImportCsvCommand(const ImportCsvOptions &options)
{
    Result<Campaign> campaign = loadCampaign(options.campaignPath);
    if (!campaign) {
        printError(options.campaignPath + QStringLiteral(": ") + campaign.error().message);
        return ExitFatal;
    }
    CsvImportOptions csvOptions;
    csvOptions.encoding = options.encoding;
    csvOptions.delimiter = options.delimiter;
    const Result<CsvImport> import = importRecipientsCsv(options.csvPath, csvOptions);
    if (!import) {
        printError(QStringLiteral("%1: %2 (the campaign was not changed)")
                       .arg(options.csvPath, import.error().message));
        return ExitFatal;
    }

    printLine(QStringLiteral("Read %1: %2 row(s), %3, delimiter %4")
                  .arg(options.csvPath)
                  .arg(import->recipients.size())
                  .arg(import->detectedEncoding, delimiterName(import->delimiter)));
    for (const CsvProblem &warning : import->warnings)
        printLine(QStringLiteral("  warning: line %1: %2").arg(warning.line).arg(warning.message));

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
    printRows(QStringLiteral("added"), merge.added);
    if (!merge.flagged.isEmpty()) {
        printLine(QStringLiteral("Flagged %1 of them (kept in the list; a send skips them):")
                      .arg(merge.flagged.size()));
        printRows(QStringLiteral("flagged"), merge.flagged);
    }
    if (!merge.skipped.isEmpty()) {
        printLine(
            QStringLiteral("Skipped %1 row(s) already in the campaign:").arg(merge.skipped.size()));
        printRows(QStringLiteral("skipped"), merge.skipped);
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
