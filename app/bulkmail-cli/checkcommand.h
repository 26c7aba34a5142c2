#pragma once

#include "campaign/campaign.h"
#include "campaign/campaigncheck.h"

#include <QString>

namespace Bulkmail {

// `bulkmail-cli check FILE`: prints checkCampaign()'s report on standard output. Returns 0 when
// the campaign can be sent (warnings included) and 1 when it cannot or the file does not load.
// With personal attachments it also keeps their fingerprints beside the campaign (see
// recordPersonalAttachmentCheck()).
enum class UnresolvedAttachments {
    AsCampaignSays, // message.personalAttachments.whenUnresolved
    Hold,           // --hold-unresolved: held by a send, so warnings rather than blockers
};
[[nodiscard]] int runCheckCommand(
    const QString &campaignPath,
    UnresolvedAttachments unresolved = UnresolvedAttachments::AsCampaignSays);

// The report as printed, one line per fact, sections in the order of CampaignCheckItem::Topic.
[[nodiscard]] QString formatCheckReport(const Campaign &campaign, const CampaignCheck &check);

// "smtp.example.org:587, STARTTLS, login \"alice\", certificates verified; up to 2 connections,
// 10 messages a second".
[[nodiscard]] QString describeServerSettings(const Campaign &campaign);

// "1.2 MB", in units of 1024 bytes as mail providers count.
[[nodiscard]] QString formatByteSize(qint64 bytes);

} // namespace Bulkmail
