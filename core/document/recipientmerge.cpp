#include "recipientmerge.h"

#include "campaign/recipientvalidation.h"

#include <QHash>
#include <QSet>

namespace Bulkmail {

namespace {

QString describeExisting(const Campaign &campaign, int index)
{
    return QStringLiteral("\"%1\" (recipient %2 of the campaign)")
        .arg(campaign.recipients.at(index).email)
        .arg(index + 1);
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

    // The campaign gains the new fields only if a row is added: an import that adds nothing
    // leaves the campaign exactly as it was.
    QStringList fieldNames = campaign.recipientFields;
    QList<int> columnOf; // import field j -> column in fieldNames
    for (const QString &field : import.fieldNames) {
        qsizetype column = fieldNames.indexOf(field);
        if (column < 0) {
            column = fieldNames.size();
            fieldNames.append(field);
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
        QStringList fields(fieldNames.size());
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

    if (merge.added.isEmpty()) {
        merge.newFields.clear();
        return merge;
    }
    campaign.recipientFields = fieldNames;

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

} // namespace Bulkmail
