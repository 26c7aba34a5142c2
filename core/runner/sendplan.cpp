#include "sendplan.h"

#include "campaign/emailaddress.h"
#include "campaign/recipientvalidation.h"

namespace Bulkmail {

namespace {

using Disposition = RecipientPlan::Disposition;

void setNote(RecipientPlan &entry, DeliveryNote note, const QStringList &arguments = {})
{
    entry.note = note;
    entry.noteArguments = arguments;
    entry.reason = englishDeliveryNote(note, arguments);
}

} // namespace

QStringList suppressionNoteArguments(const SuppressionEntry &entry)
{
    return {suppressionReasonName(entry.reason),
            entry.date.toUTC().date().toString(Qt::ISODate),
            entry.detail};
}

QString suppressionReasonText(const SuppressionEntry &entry)
{
    return englishDeliveryNote(DeliveryNote::Suppressed, suppressionNoteArguments(entry));
}

SendPlan planSend(const Campaign &campaign,
                  const std::optional<JournalState> &journal,
                  bool retryFailed,
                  const QMap<qsizetype, SuppressionEntry> &suppressed)
{
    SendPlan plan;
    const QList<Recipient> &recipients = campaign.recipients;
    plan.recipients.resize(recipients.size());

    const QList<RecipientIssue> issues = validateRecipients(recipients);
    const QSet<int> skipped = duplicatesToSkip(issues, campaign.sending.duplicates);
    for (const RecipientIssue &issue : issues) {
        RecipientPlan &entry = plan.recipients[issue.index];
        if (issue.kind == RecipientIssue::Kind::InvalidAddress) {
            entry.disposition = Disposition::Invalid;
            setNote(entry, DeliveryNote::InvalidAddress);
        } else if (skipped.contains(issue.index) && issue.duplicateOf >= 0) {
            entry.disposition = Disposition::Duplicate;
            setNote(entry,
                    DeliveryNote::DuplicateOf,
                    {QString::number(recipients.at(issue.duplicateOf).sourceLine),
                     QString::number(issue.duplicateOf + 1)});
        }
    }

    // After the journal: a row it settled keeps its record; only what would be sent is left out.
    const auto applySuppression = [&plan, &suppressed] {
        for (auto it = suppressed.cbegin(); it != suppressed.cend(); ++it) {
            if (it.key() < 0 || size_t(it.key()) >= plan.recipients.size())
                continue;
            RecipientPlan &entry = plan.recipients[size_t(it.key())];
            if (entry.disposition != Disposition::Send)
                continue;
            entry.disposition = Disposition::Suppressed;
            entry.suppression = *it;
            setNote(entry, DeliveryNote::Suppressed, suppressionNoteArguments(*it));
            ++plan.suppressed;
        }
    };
    if (!journal) {
        applySuppression();
        return plan;
    }
    auto entryFor = [&](int index) -> RecipientPlan * {
        if (index < 0 || index >= recipients.size())
            return nullptr;
        RecipientPlan &entry = plan.recipients[index];
        return entry.disposition == Disposition::Send ? &entry : nullptr;
    };
    for (auto it = journal->recipients.cbegin(); it != journal->recipients.cend(); ++it) {
        if (RecipientPlan *entry = entryFor(it.key())) {
            entry->attemptsUsed = it->attempts;
            entry->possiblyDuplicated = it->possiblyDuplicated;
        }
    }
    const ResumePlan resume = planResume(*journal, campaign.sending.unconfirmedPolicy);
    for (int index : resume.done) {
        RecipientPlan *entry = entryFor(index);
        if (!entry)
            continue;
        if (journal->recipients.value(index).status == JournalRecipientState::Status::Sent)
            entry->disposition = Disposition::PreviouslySent;
        else if (retryFailed)
            entry->attemptsUsed = 0; // a fresh set of attempts, as asked
        else
            entry->disposition = Disposition::PreviouslyFailed;
    }
    for (int index : resume.resend) {
        // RFC 5321 §6.1: the server may have taken it; resent once (§3.8), flagged.
        if (RecipientPlan *entry = entryFor(index)) {
            entry->possiblyDuplicated = true;
            ++plan.resentUnconfirmed;
        }
    }
    for (int index : resume.held) {
        if (RecipientPlan *entry = entryFor(index)) {
            entry->disposition = Disposition::Held;
            setNote(*entry, DeliveryNote::HeldFromEarlierRun);
        }
    }
    applySuppression();
    return plan;
}

} // namespace Bulkmail
