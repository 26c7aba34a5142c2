#pragma once

#include "campaign/campaign.h"
#include "campaign/campaigncheck.h"
#include "common/result.h"

#include <optional>

#include <QString>
#include <QStringList>

namespace Bulkmail {

// What changed in a campaign's recipients file (a CSV or a workbook that someone else keeps up to
// date) since the user last looked at the list: "the list changed since you last looked: 3 new,
// 1 removed". Addresses are compared ignoring case and surrounding spaces; rows that only
// changed a merge field do not count.
struct RecipientListChange
{
    QStringList added;   // in the file now, not at the last look (as the file writes them)
    QStringList removed; // at the last look, no longer in the file (lower case)

    [[nodiscard]] bool isEmpty() const { return added.isEmpty() && removed.isEmpty(); }
    // Plain English, for the checklist and the command line.
    [[nodiscard]] QString describe() const;
};

// Remembers, per campaign file and recipients file, the addresses of the file's rows the last time
// the user looked at them: when `bulkmail-cli check` printed the checklist, or when the window
// started a send. (Not when a checklist merely refreshes: it would then forget the change it is
// meant to show.) One small file per campaign under `directory`, outside the campaign's folder
// (default: the application's local data folder, "recipient-lists/").
class RecipientListMemory final
{
public:
    explicit RecipientListMemory(QString directory = {});

    // Empty when the campaign has no recipients file or its list was never looked at.
    [[nodiscard]] std::optional<RecipientListChange> changeSinceLastLook(
        const Campaign &campaign) const;
    // Records the file's rows of `campaign` as looked at (nothing when it has no recipients file).
    [[nodiscard]] Result<void> rememberLook(const Campaign &campaign) const;

private:
    [[nodiscard]] QString memoryFile(const Campaign &campaign) const;

    QString m_directory;
};

// Adds the change as a warning about the recipients to `check`, when there is one.
void addRecipientListChange(CampaignCheck &check, const std::optional<RecipientListChange> &change);

// Adds what reading the recipients file found that the user should know (a workbook's hidden
// sheets and rows, merged header cells, skipped title rows) as warnings about the recipients,
// and what the workbooks imported into the list found (Campaign::importNotices).
void addRecipientsFileNotices(CampaignCheck &check, const Campaign &campaign);

// checkCampaign() with the change of the list since the last look and the recipients file's
// notices among its warnings: the checklist the command line and the window show before sending.
[[nodiscard]] CampaignCheck checkCampaignAndList(
    const Campaign &campaign, const RecipientListMemory &memory = RecipientListMemory());

} // namespace Bulkmail
