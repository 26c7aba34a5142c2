#include "testcampaigns.h"

#include "document/campaignfile.h"

namespace Bulkmail {

QList<Recipient> numberedRecipients(int count)
{
    QList<Recipient> recipients;
    recipients.reserve(count);
    for (int i = 0; i < count; ++i)
        recipients.append(Recipient{QStringLiteral("user%1@example.org").arg(i),
                                    QStringLiteral("User %1").arg(i)});
    return recipients;
}

Campaign sendableTestCampaign(const QString &name,
                              const QString &host,
                              quint16 port,
                              int recipientCount)
{
    Campaign campaign;
    campaign.name = name;
    campaign.server.host = host;
    campaign.server.port = port;
    campaign.server.security = SecurityMode::None;
    campaign.message.from = QStringLiteral("News <news@example.org>");
    campaign.message.subject = QStringLiteral("Hello {{name}}");
    campaign.message.text = QStringLiteral("Dear {{name}}");
    campaign.recipients = numberedRecipients(recipientCount);
    return campaign;
}

QString saveTestCampaign(const Campaign &campaign, const QString &path)
{
    const Result<void> saved = saveCampaign(campaign, path);
    if (!saved) {
        qWarning("could not save the test campaign %s: %s",
                 qPrintable(path),
                 qPrintable(saved.error().message));
        return {};
    }
    return path;
}

} // namespace Bulkmail
