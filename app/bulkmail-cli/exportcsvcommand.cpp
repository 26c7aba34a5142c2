#include "exportcsvcommand.h"

#include "document/campaignfile.h"
#include "document/recipientcsv.h"
#include "feedback/suppressioncheck.h"
#include "journal/sendjournal.h"
#include "runner/sendplan.h"
#include "sendcommand.h"

#include <QFile>

#include <cstdio>

namespace Bulkmail {

namespace {

// The status column in words a person reads in a spreadsheet: the same decisions a send makes
// (planSend), so the export never disagrees with what a resume would do.
QStringList statusesOf(const Campaign &campaign, const std::optional<JournalState> &journal)
{
    // The suppressed rows as a send would leave them out (an unreadable list: as if none).
    const Result<SuppressionCheck> suppression = checkSuppressedRecipients(campaign);
    const SendPlan plan = planSend(campaign,
                                   journal,
                                   false,
                                   suppression ? suppression->rows
                                               : QMap<qsizetype, SuppressionEntry>{});
    QStringList statuses;
    statuses.reserve(campaign.recipients.size());
    for (int i = 0; i < int(plan.recipients.size()); ++i) {
        const RecipientPlan &entry = plan.recipients[i];
        const JournalRecipientState state = journal ? journal->recipients.value(i)
                                                    : JournalRecipientState{};
        QString status;
        switch (entry.disposition) {
        case RecipientPlan::Disposition::Send:
            status = state.attempts > 0
                         ? QStringLiteral("not sent yet (%1 attempt(s) so far)").arg(state.attempts)
                         : QStringLiteral("not sent yet");
            break;
        case RecipientPlan::Disposition::Invalid:
        case RecipientPlan::Disposition::Duplicate:
        case RecipientPlan::Disposition::Held:
        case RecipientPlan::Disposition::Suppressed:
            status = entry.reason;
            break;
        case RecipientPlan::Disposition::PreviouslySent:
            status = QStringLiteral("sent");
            break;
        case RecipientPlan::Disposition::PreviouslyFailed:
            status = QStringLiteral("failed: %1 %2").arg(state.code).arg(state.text).trimmed();
            break;
        }
        if (entry.possiblyDuplicated
            && entry.disposition == RecipientPlan::Disposition::PreviouslySent)
            status += QStringLiteral(" (possibly duplicated)");
        if (!state.bounceSeverity.isEmpty()) {
            // Read back from the mailbox later (bulkmail-cli bounces).
            status += QStringLiteral(" (bounced, %1: %2 %3)")
                          .arg(state.bounceSeverity, state.bounceStatus, state.bounceText)
                          .trimmed();
        }
        statuses.append(status);
    }
    return statuses;
}

} // namespace

int runExportCsvCommand(const QString &campaignPath, const QString &csvPath)
{
    const Result<Campaign> campaign = loadCampaign(campaignPath);
    if (!campaign) {
        std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(campaign.error().message));
        return ExitFatal;
    }
    std::optional<JournalState> journal;
    const QString journalPath = SendJournal::pathFor(campaign->filePath);
    if (QFile::exists(journalPath)) {
        Result<JournalState> read = readJournal(journalPath,
                                                campaign->recipients,
                                                SystemClock::instance());
        if (!read) {
            std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(read.error().message));
            return ExitFatal;
        }
        journal = std::move(*read);
    }
    const QStringList statuses = statusesOf(*campaign, journal);
    if (Result<void> written = exportRecipientsCsv(csvPath,
                                                   campaign->recipientFields,
                                                   campaign->recipients,
                                                   statuses);
        !written) {
        std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(written.error().message));
        return ExitFatal;
    }
    std::printf("Exported %lld recipient(s) with their send status to %s\n",
                static_cast<long long>(campaign->recipients.size()),
                qUtf8Printable(csvPath));
    return ExitAllSent;
}

} // namespace Bulkmail
