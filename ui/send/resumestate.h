#pragma once

#include "campaign/campaign.h"
#include "common/result.h"
#include "feedback/campaignfeedback.h"
#include "runner/campaignprogress.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Bulkmail {

// A recipient whose final dot left in an earlier run but whose reply never came (RFC 5321
// §6.1): it may or may not have been delivered, so the user decides.
struct UnconfirmedRecipient
{
    int index = -1;
    QString email;
    QDateTime time; // of the last journal entry about it
    QString reason; // what the journal says, in the user's words (EngineNoteWords)
};

// What a saved campaign's send journal says, for the window that reopens it: how far an earlier
// run got, and who is unconfirmed.
struct ResumeState
{
    int sent = 0;
    int failed = 0;
    QList<UnconfirmedRecipient> unconfirmed;
    QDateTime lastActivity;
    QStringList damage; // damaged journal lines that were skipped
    // One result per recipient the journal knows, to show each row's status in the table.
    QList<RecipientResult> results;
    // The last delivery report read back for each recipient that has one (FeedbackEvent::Kind::
    // Bounced): a reopened campaign's rows show their bounces.
    QList<FeedbackEvent> bounces;

    [[nodiscard]] bool isEmpty() const { return results.isEmpty(); }
};

// Reads the journal beside a saved campaign; an empty state when it was never sent or is not
// saved. Errors are the journal's (unreadable, not a journal).
[[nodiscard]] Result<ResumeState> readResumeState(const Campaign &campaign);

// Records the user's decision that these unconfirmed recipients did receive the message, so that
// no run sends to them again (a "markedSent" journal entry each).
[[nodiscard]] Result<void> markUnconfirmedAsSent(const Campaign &campaign,
                                                 const QList<int> &recipientIndexes);

} // namespace Bulkmail
