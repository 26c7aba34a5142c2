#include "suppressioncheck.h"

#include <QFile>
#include <QSet>

#include <algorithm>

namespace Bulkmail {

Result<SuppressionCheck> checkSuppressedRecipients(const Campaign &campaign)
{
    SuppressionCheck check;
    const QString path = SuppressionList::pathForAccount(campaign.server.host,
                                                         campaign.server.username);
    if (!QFile::exists(path))
        return check;
    Result<std::unique_ptr<SuppressionList>> list = SuppressionList::open(path);
    if (!list) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("the suppression list cannot be read (%1)")
                             .arg(list.error().message));
    }
    QStringList addresses;
    addresses.reserve(campaign.recipients.size());
    for (const Recipient &recipient : campaign.recipients)
        addresses.append(recipient.email);
    Result<QMap<qsizetype, SuppressionEntry>> rows = (*list)->suppressedAmong(addresses);
    if (!rows)
        return tl::make_unexpected(rows.error());
    check.rows = std::move(*rows);
    for (const SuppressionEntry &entry : std::as_const(check.rows))
        ++check.byReason[entry.reason];
    return check;
}

void applySuppressionCheck(const SuppressionCheck &suppression, CampaignCheck &check)
{
    check.suppressedCount = suppression.count();
    // A suppressed row a send would have tried is no longer among the messages it attempts, so
    // that "N recipients will receive" and "M will be skipped" agree.
    QSet<int> invalid;
    for (const RecipientIssue &issue : std::as_const(check.recipientIssues)) {
        if (issue.kind == RecipientIssue::Kind::InvalidAddress)
            invalid.insert(issue.index);
    }
    for (auto it = suppression.rows.cbegin(); it != suppression.rows.cend(); ++it) {
        const int row = int(it.key());
        if (!invalid.contains(row) && !check.skippedRecipients.contains(row))
            check.sendableCount = std::max(0, check.sendableCount - 1);
    }
    check.suppressedByReason.clear();
    for (auto it = suppression.byReason.cbegin(); it != suppression.byReason.cend(); ++it)
        check.suppressedByReason.insert(suppressionReasonName(it.key()), it.value());
}

} // namespace Bulkmail
