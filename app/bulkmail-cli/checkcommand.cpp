#include "checkcommand.h"

#include "document/campaignfile.h"
#include "document/recipientlistmemory.h"
#include "feedback/suppressioncheck.h"
#include "sendcommand.h"

#include <QLocale>

#include <algorithm>

#include <cstdio>

namespace Bulkmail {

namespace {

using Severity = CampaignCheckItem::Severity;
using Topic = CampaignCheckItem::Topic;

// Enough to see what kind of problem a long list has, short enough to read in a terminal.
constexpr int MaxListedPerTopic = 50;

QString plural(qint64 count, const char *singular, const char *pluralForm)
{
    return QStringLiteral("%1 %2").arg(count).arg(QLatin1String(count == 1 ? singular : pluralForm));
}

QString securityDescription(SecurityMode mode)
{
    switch (mode) {
    case SecurityMode::None:
        return QStringLiteral("no encryption");
    case SecurityMode::StartTls:
        return QStringLiteral("STARTTLS");
    case SecurityMode::ImplicitTls:
        return QStringLiteral("implicit TLS");
    }
    return {};
}

QString topicHeading(Topic topic)
{
    switch (topic) {
    case Topic::Sender:
        return QStringLiteral("Sender");
    case Topic::Server:
        return QStringLiteral("Server");
    case Topic::Recipients:
        return QStringLiteral("Recipients");
    case Topic::Template:
        return QStringLiteral("Templates");
    case Topic::Attachments:
        return QStringLiteral("Attachments");
    case Topic::Size:
        return QStringLiteral("Size");
    }
    return {};
}

// The first line of a topic's section: its facts, before its items.
QString topicSummary(Topic topic, const Campaign &campaign, const CampaignCheck &check)
{
    switch (topic) {
    case Topic::Sender:
        return campaign.message.replyTo.isEmpty()
                   ? campaign.message.from
                   : campaign.message.from
                         + QStringLiteral(" (replies to %1)").arg(campaign.message.replyTo);
    case Topic::Server:
        return describeServerSettings(campaign);
    case Topic::Recipients:
        return QStringLiteral("%1 in total, %2 to send to, %3 invalid, %4 duplicate")
            .arg(check.recipientCount)
            .arg(check.sendableCount)
            .arg(check.invalidCount)
            .arg(check.duplicateCount);
    case Topic::Template:
        return check.templates.errors.isEmpty()
                   ? QStringLiteral("subject, text%1 parse; every field exists")
                         .arg(campaign.message.html.isEmpty() ? QString()
                                                              : QStringLiteral(" and HTML"))
                   : plural(check.templates.errors.size(), "problem", "problems");
    case Topic::Attachments:
        if (check.personal.isEnabled) {
            const PersonalAttachmentCheck &personal = check.personal;
            QString summary = check.attachments.isEmpty()
                                  ? QStringLiteral("no shared file")
                                  : QStringLiteral("%1 shared, %2")
                                        .arg(plural(check.attachments.size(), "file", "files"),
                                             formatByteSize(check.attachmentBytes));
            summary += QStringLiteral("; personal files from \"%1\": %2 matched, %3 missing, %4 "
                                      "ambiguous, %5 in the folder match no one, %6 changed "
                                      "since the last check (%7)")
                           .arg(personal.resolution.folder)
                           .arg(personal.matchedCount)
                           .arg(personal.missingCount)
                           .arg(personal.ambiguousCount)
                           .arg(personal.resolution.unmatchedFiles.size())
                           .arg(personal.changedSinceLastCheck.size())
                           .arg(personal.lastCheckedAt.isValid()
                                    ? personal.lastCheckedAt.toLocalTime().toString(Qt::ISODate)
                                    : QStringLiteral("never checked before"));
            return summary;
        }
        if (check.attachments.isEmpty())
            return QStringLiteral("none");
        {
            const auto unreadable = std::count_if(check.attachments.cbegin(),
                                                  check.attachments.cend(),
                                                  [](const AttachmentCheck &attachment) {
                                                      return !attachment.problem.isEmpty();
                                                  });
            QString summary = QStringLiteral("%1, %2 in total")
                                  .arg(plural(check.attachments.size(), "file", "files"),
                                       formatByteSize(check.attachmentBytes));
            if (unreadable > 0)
                summary += QStringLiteral(" (%1 cannot be read)").arg(unreadable);
            return summary;
        }
    case Topic::Size:
        if (check.sampleMessageBytes == 0)
            return QStringLiteral("unknown: no message could be composed");
        return QStringLiteral("about %1 per message (largest %2), %3 in total for %4")
            .arg(formatByteSize(check.estimatedTotalBytes / std::max(check.sendableCount, 1)),
                 formatByteSize(check.largestMessageBytes),
                 formatByteSize(check.estimatedTotalBytes),
                 plural(check.sendableCount, "message", "messages"));
    }
    return {};
}

} // namespace

QString formatByteSize(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString describeServerSettings(const Campaign &campaign)
{
    const SmtpEndpoint &server = campaign.server;
    QStringList parts{server.displayAddress(), securityDescription(server.security)};
    parts.append(server.username.isEmpty() ? QStringLiteral("no login")
                                           : QStringLiteral("login \"%1\"").arg(server.username));
    if (server.security != SecurityMode::None) {
        if (server.verification == CertificateVerification::InsecureSkipAll)
            parts.append(QStringLiteral("certificates NOT verified"));
        else if (!server.trustCertificateFile.isEmpty())
            parts.append(QStringLiteral("certificates verified, also trusting \"%1\"")
                             .arg(server.trustCertificateFile));
        else
            parts.append(QStringLiteral("certificates verified"));
    }
    const DeliverySettings &sending = campaign.sending;
    const QString rate = sending.rateLimits.perSecond > 0
                             ? QStringLiteral("%1 a second").arg(sending.rateLimits.perSecond)
                             : QStringLiteral("no rate limit");
    return parts.join(QLatin1String(", "))
           + QStringLiteral("; up to %1, %2")
                 .arg(plural(sending.maxConnections, "connection", "connections"), rate);
}

QString formatCheckReport(const Campaign &campaign, const CampaignCheck &check)
{
    QStringList lines;
    lines.append(QStringLiteral("Campaign \"%1\" (%2)").arg(campaign.name, campaign.filePath));
    for (const Topic topic : {Topic::Sender,
                              Topic::Server,
                              Topic::Recipients,
                              Topic::Template,
                              Topic::Attachments,
                              Topic::Size}) {
        lines.append(topicHeading(topic) + QStringLiteral(": ")
                     + topicSummary(topic, campaign, check));
        if (topic == Topic::Attachments) {
            for (const AttachmentCheck &attachment : check.attachments) {
                if (attachment.problem.isEmpty())
                    lines.append(QStringLiteral("  %1 (%2)")
                                     .arg(attachment.path, formatByteSize(attachment.size)));
            }
        }
        int listed = 0;
        int unlisted = 0;
        for (const CampaignCheckItem &item : check.items) {
            if (item.topic != topic)
                continue;
            if (listed == MaxListedPerTopic) {
                ++unlisted;
                continue;
            }
            ++listed;
            lines.append((item.severity == Severity::Blocker ? QStringLiteral("  error: ")
                                                             : QStringLiteral("  warning: "))
                         + item.text);
        }
        if (unlisted > 0)
            lines.append(QStringLiteral("  ... and %1 more").arg(unlisted));
        if (topic == Topic::Recipients && check.suppressedCount > 0) {
            QStringList reasons;
            for (auto it = check.suppressedByReason.cbegin(); it != check.suppressedByReason.cend();
                 ++it)
                reasons.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value()));
            lines.append(QStringLiteral("  warning: %1 on the account's suppression list (%2): a "
                                        "send leaves them out (bulkmail-cli suppression list)")
                             .arg(plural(check.suppressedCount, "recipient is", "recipients are"),
                                  reasons.join(QStringLiteral(", "))));
        }
        if (topic == Topic::Recipients && check.invalidCount + check.duplicateCount > 0) {
            lines.append(QStringLiteral("  Invalid and duplicate recipients are skipped when "
                                        "sending; they do not stop the campaign."));
        }
    }
    const qsizetype blockers = check.blockers().size();
    const qsizetype warnings = check.warnings().size();
    if (blockers > 0) {
        lines.append(QStringLiteral("Result: cannot be sent: %1 to fix")
                         .arg(plural(blockers, "problem", "problems")));
    } else {
        lines.append(QStringLiteral("Result: can be sent: %1, %2")
                         .arg(plural(check.sendableCount, "message", "messages"),
                              plural(warnings, "warning", "warnings")));
    }
    return lines.join(u'\n') + u'\n';
}

int runCheckCommand(const QString &campaignPath, UnresolvedAttachments unresolved)
{
    Result<Campaign> campaign = loadCampaign(campaignPath);
    if (!campaign) {
        std::fprintf(stderr,
                     "bulkmail-cli: %s: %s\n",
                     qUtf8Printable(campaignPath),
                     qUtf8Printable(campaign.error().message));
        return ExitFatal;
    }
    if (unresolved == UnresolvedAttachments::Hold) {
        campaign->message.personalAttachments.whenUnresolved = PersonalAttachmentSettings::
            WhenUnresolved::Hold;
    }
    // The checklist shows the whole list: from now on it has been looked at.
    const RecipientListMemory listMemory;
    CampaignCheck check = checkCampaignAndList(*campaign, listMemory);
    if (const Result<SuppressionCheck> suppression = checkSuppressedRecipients(*campaign))
        applySuppressionCheck(*suppression, check);
    else
        std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(suppression.error().message));
    std::fputs(qUtf8Printable(formatCheckReport(*campaign, check)), stdout);
    if (Result<void> remembered = listMemory.rememberLook(*campaign); !remembered) {
        std::fprintf(stderr,
                     "bulkmail-cli: the list cannot be remembered for the next check: %s\n",
                     qUtf8Printable(remembered.error().message));
    }
    // What this check saw is what a send may attach.
    if (Result<void> recorded = recordPersonalAttachmentCheck(*campaign, check); !recorded) {
        std::fprintf(stderr,
                     "bulkmail-cli: the personal attachments' check could not be kept: %s\n",
                     qUtf8Printable(recorded.error().message));
        return ExitFatal;
    }
    return check.canBeSent() ? ExitAllSent : ExitFatal;
}

} // namespace Bulkmail
