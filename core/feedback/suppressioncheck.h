#pragma once

#include "campaign/campaign.h"
#include "campaign/campaigncheck.h"
#include "common/result.h"
#include "feedback/suppressionlist.h"

#include <QMap>

namespace Bulkmail {

// Which of a campaign's recipients its account's suppression list holds, and why: what a send
// leaves out (sendplan.h), and what `check` and the checklist say beforehand. Codes and numbers,
// not sentences: the caller words them (the CLI in English, the GUI through tr()).
struct SuppressionCheck
{
    QMap<qsizetype, SuppressionEntry> rows; // by row in Campaign::recipients
    QMap<SuppressionReason, int> byReason;  // how many rows for each reason

    [[nodiscard]] int count() const { return int(rows.size()); }
};

// Reads the list of the campaign's account (SuppressionList::pathForAccount of its server's host
// and user name) once, in this thread, and closes it. An account without a list (the file does
// not exist) suppresses nobody, and no file is created. ErrorCode::Io when the list exists but
// cannot be read: a caller about to send should then stop rather than mail an address that asked
// not to be mailed.
[[nodiscard]] Result<SuppressionCheck> checkSuppressedRecipients(const Campaign &campaign);

// Copies the counts into the campaign's check (CampaignCheck::suppressedCount, ...ByReason).
void applySuppressionCheck(const SuppressionCheck &suppression, CampaignCheck &check);

} // namespace Bulkmail
