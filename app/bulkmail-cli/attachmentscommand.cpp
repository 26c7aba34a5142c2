#include "attachmentscommand.h"

#include "document/campaignfile.h"
#include "document/recipientcsv.h"
#include "journal/sendjournal.h"
#include "sendcommand.h"

#include <QHash>

#include <cstdio>

namespace Bulkmail {

namespace {

struct Row
{
    Recipient recipient; // email, name; fields: file, size, sha256, time, row
    QString status;
};

// "sent" rows for the files on each sent line; "unconfirmed" for an in-flight line whose
// outcome never came (the server may have the message) or says so.
QList<Row> rowsOf(const QList<JournalEntry> &entries, const Campaign &campaign)
{
    QList<Row> rows;
    QHash<int, JournalEntry> pending; // in-flight lines with files, by recipient index
    const auto addRows = [&](const JournalEntry &entry, const QString &status) {
        const QString name = entry.recipientIndex >= 0
                                     && entry.recipientIndex < campaign.recipients.size()
                                     && campaign.recipients[entry.recipientIndex].email
                                            == entry.email
                                 ? campaign.recipients[entry.recipientIndex].name
                                 : QString();
        for (const AttachedFile &file : entry.files) {
            rows.append(Row{Recipient{entry.email,
                                      name,
                                      {file.fileName,
                                       QString::number(file.size),
                                       QString::fromLatin1(file.sha256),
                                       entry.time.toString(Qt::ISODate),
                                       QString::number(entry.recipientIndex + 1)}},
                            status});
        }
    };
    for (const JournalEntry &entry : entries) {
        switch (entry.kind) {
        case JournalEntry::Kind::InFlight:
            if (const auto earlier = pending.constFind(entry.recipientIndex);
                earlier != pending.cend()) {
                addRows(*earlier, QStringLiteral("unconfirmed"));
            }
            if (entry.files.isEmpty())
                pending.remove(entry.recipientIndex);
            else
                pending.insert(entry.recipientIndex, entry);
            break;
        case JournalEntry::Kind::Sent:
            pending.remove(entry.recipientIndex);
            addRows(entry, QStringLiteral("sent"));
            break;
        case JournalEntry::Kind::Unconfirmed:
            if (const auto earlier = pending.constFind(entry.recipientIndex);
                earlier != pending.cend()) {
                addRows(*earlier, QStringLiteral("unconfirmed"));
            }
            pending.remove(entry.recipientIndex);
            break;
        case JournalEntry::Kind::Failed:
        case JournalEntry::Kind::Deferred:
            pending.remove(entry.recipientIndex);
            break;
        case JournalEntry::Kind::MarkedSent:
        case JournalEntry::Kind::CopiedToSent: // later lines about a delivered message
        case JournalEntry::Kind::SentCopyFailed:
        case JournalEntry::Kind::Bounced:
        case JournalEntry::Kind::UnsubscribeRequested:
            break;
        }
    }
    for (const JournalEntry &entry : std::as_const(pending))
        addRows(entry, QStringLiteral("unconfirmed"));
    return rows;
}

} // namespace

int runAttachmentsCommand(const QString &campaignPath, const QString &csvPath)
{
    const Result<Campaign> campaign = loadCampaign(campaignPath);
    if (!campaign) {
        std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(campaign.error().message));
        return ExitFatal;
    }
    const Result<QList<JournalEntry>> entries = readJournalEntries(
        SendJournal::pathFor(campaign->filePath));
    if (!entries) {
        std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(entries.error().message));
        return ExitFatal;
    }
    const QList<Row> rows = rowsOf(*entries, *campaign);
    QList<Recipient> recipients;
    QStringList statuses;
    for (const Row &row : rows) {
        recipients.append(row.recipient);
        statuses.append(row.status);
    }
    // The recipients CSV writer (UTF-8 with a BOM, RFC 4180 quoting), with the file's columns as
    // its merge fields.
    const QStringList columns{QStringLiteral("file"),
                              QStringLiteral("size"),
                              QStringLiteral("sha256"),
                              QStringLiteral("time"),
                              QStringLiteral("row")};
    if (Result<void> written = exportRecipientsCsv(csvPath, columns, recipients, statuses);
        !written) {
        std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(written.error().message));
        return ExitFatal;
    }
    std::printf("Exported %lld personal attachment(s) sent to %s\n",
                static_cast<long long>(rows.size()),
                qUtf8Printable(csvPath));
    return ExitAllSent;
}

} // namespace Bulkmail
