#include "campaignprogress.h"

namespace Bulkmail {

QString recipientStatusName(RecipientResult::Status status)
{
    switch (status) {
    case RecipientResult::Status::Sent:
        return QStringLiteral("sent");
    case RecipientResult::Status::Failed:
        return QStringLiteral("failed");
    case RecipientResult::Status::Retrying:
        return QStringLiteral("retry");
    case RecipientResult::Status::Throttled:
        return QStringLiteral("throttled");
    case RecipientResult::Status::Unconfirmed:
        return QStringLiteral("unconfirmed");
    case RecipientResult::Status::Skipped:
        return QStringLiteral("skipped");
    case RecipientResult::Status::Held:
        return QStringLiteral("held");
    }
    return {};
}

bool CampaignSummary::isComplete() const
{
    return fatalError.isEmpty() && journalError.isEmpty()
           && sent + previouslySent + skipped + suppressed == total;
}

double CampaignSummary::connectionsPer100Messages() const
{
    return sent > 0 ? 100.0 * connections / sent : 0;
}

double CampaignSummary::loginsPer100Messages() const
{
    return sent > 0 ? 100.0 * logins / sent : 0;
}

} // namespace Bulkmail
