#pragma once

#include "campaign/campaign.h"
#include "delivery/deliverynote.h"
#include "feedback/suppressionlist.h"
#include "journal/sendjournal.h"

#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace Bulkmail {

// What a run does with each recipient, decided once before the first message: the list's own
// problems (invalid, duplicate) and, when the campaign resumes, what its journal says.
struct RecipientPlan
{
    enum class Disposition {
        Send,             // queue it
        Invalid,          // the address is not valid: nothing is sent, it fails
        Duplicate,        // the same address is on an earlier row, which gets the message
        PreviouslySent,   // the journal says the server took it
        PreviouslyFailed, // the journal says it failed for good (and failures are not retried)
        Held,             // unconfirmed earlier and UnconfirmedPolicy::Hold: the user decides
        Suppressed,       // on the account's suppression list: not sent (the entry says why)
    };

    Disposition disposition = Disposition::Send;
    int attemptsUsed = 0;            // temporary failures in earlier runs
    bool possiblyDuplicated = false; // resent after an unconfirmed delivery
    QString reason;                  // plain words for Invalid, Duplicate, Held, Suppressed
    // The same as a code with its arguments, for the window to word (reason is its English).
    DeliveryNote note = DeliveryNote::None;
    QStringList noteArguments{};
    // Suppressed: the list's entry (reason, detail, date, campaign), for a caller that words it.
    std::optional<SuppressionEntry> suppression{};
};

struct SendPlan
{
    std::vector<RecipientPlan> recipients; // one per Campaign::recipients row
    int resentUnconfirmed = 0;             // recipients sent again, flagged possibly duplicated
    int suppressed = 0;                    // recipients left out for the suppression list
};

// `journal` is the state read from the campaign's journal, if it resumes; `retryFailed` sends
// the recipients that failed for good in earlier runs again. `suppressed` holds the rows on the
// account's suppression list (SuppressionList::suppressedAmong()): those that would be sent are
// Suppressed instead, never silently; a caller that must send anyway passes nothing. Rows the
// journal already settled (sent, failed) keep what the journal says.
[[nodiscard]] SendPlan planSend(const Campaign &campaign,
                                const std::optional<JournalState> &journal,
                                bool retryFailed,
                                const QMap<qsizetype, SuppressionEntry> &suppressed = {});

// "suppressed: hard-bounce since 2026-12-01 (550 5.1.1 User unknown)": the plan's reason.
[[nodiscard]] QString suppressionReasonText(const SuppressionEntry &entry);
// The arguments of DeliveryNote::Suppressed for a suppression list's entry.
[[nodiscard]] QStringList suppressionNoteArguments(const SuppressionEntry &entry);

} // namespace Bulkmail
