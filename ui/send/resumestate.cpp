#include "resumestate.h"

#include "common/clock.h"
#include "journal/journallock.h"
#include "journal/sendjournal.h"
#include "models/enginenotewords.h"

#include <QFileInfo>

namespace Bulkmail {

Result<ResumeState> readResumeState(const Campaign &campaign)
{
    ResumeState state;
    if (campaign.filePath.isEmpty())
        return state;
    const QString path = SendJournal::pathFor(campaign.filePath);
    if (!QFileInfo::exists(path))
        return state;
    Result<JournalState> journal = readJournal(path, campaign.recipients, SystemClock::instance());
    if (!journal)
        return tl::make_unexpected(journal.error());
    state.damage = journal->damage;
    for (auto it = journal->recipients.cbegin(); it != journal->recipients.cend(); ++it) {
        const JournalRecipientState &entry = it.value();
        if (entry.time > state.lastActivity)
            state.lastActivity = entry.time;
        RecipientResult result;
        result.recipientIndex = it.key();
        result.email = campaign.recipients.value(it.key()).email;
        result.code = entry.code;
        result.text = entry.text;
        // The engine's note as the journal names it, so that the window words it like a live
        // run's (a journal written before notes were named shows its English).
        result.note = entry.note;
        result.noteArguments = entry.noteArguments;
        result.serverText = entry.serverText;
        result.attempt = std::max(entry.attempts, 1);
        result.possiblyDuplicated = entry.possiblyDuplicated;
        switch (entry.status) {
        case JournalRecipientState::Status::Sent:
            result.status = RecipientResult::Status::Sent;
            ++state.sent;
            break;
        case JournalRecipientState::Status::Failed:
            result.status = RecipientResult::Status::Failed;
            ++state.failed;
            break;
        case JournalRecipientState::Status::Unconfirmed:
            result.status = RecipientResult::Status::Unconfirmed;
            state.unconfirmed.append(UnconfirmedRecipient{it.key(),
                                                          result.email,
                                                          entry.time,
                                                          EngineNoteWords::details(result)});
            break;
        case JournalRecipientState::Status::Pending:
            result.status = RecipientResult::Status::Retrying;
            break;
        }
        state.results.append(result);
        if (!entry.bounceSeverity.isEmpty()) {
            FeedbackEvent bounce;
            bounce.recipientIndex = it.key();
            bounce.email = result.email;
            bounce.messageId = entry.messageId;
            bounce.severity = entry.bounceSeverity;
            bounce.status = entry.bounceStatus;
            bounce.text = entry.bounceText;
            state.bounces.append(bounce);
        }
    }
    std::sort(state.unconfirmed.begin(),
              state.unconfirmed.end(),
              [](const UnconfirmedRecipient &a, const UnconfirmedRecipient &b) {
                  return a.index < b.index;
              });
    std::sort(state.results.begin(),
              state.results.end(),
              [](const RecipientResult &a, const RecipientResult &b) {
                  return a.recipientIndex < b.recipientIndex;
              });
    return state;
}

Result<void> markUnconfirmedAsSent(const Campaign &campaign, const QList<int> &recipientIndexes)
{
    if (recipientIndexes.isEmpty())
        return {};
    if (campaign.filePath.isEmpty())
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("the campaign is not saved, so it has no journal"));
    const QString path = SendJournal::pathFor(campaign.filePath);
    // Not while a run appends to the same journal (another window, or the CLI).
    auto lock = JournalLock::acquire(path);
    if (!lock)
        return tl::make_unexpected(lock.error().error);
    Result<std::unique_ptr<SendJournal>> journal = SendJournal::open(path,
                                                                     campaign.recipients,
                                                                     SystemClock::instance());
    if (!journal)
        return tl::make_unexpected(journal.error());
    for (int index : recipientIndexes) {
        JournalEntry entry;
        entry.kind = JournalEntry::Kind::MarkedSent;
        entry.recipientIndex = index;
        entry.email = campaign.recipients.value(index).email;
        if (Result<void> appended = (*journal)->append(entry); !appended)
            return appended;
    }
    return (*journal)->sync();
}

} // namespace Bulkmail
