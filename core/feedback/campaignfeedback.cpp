#include "campaignfeedback.h"

#include "common/jsonline.h"
#include "feedback/suppressionlist.h"

namespace Bulkmail {

namespace {

QString addressKey(const QString &email)
{
    return email.trimmed().toLower();
}

} // namespace

CampaignMessageIds CampaignMessageIds::fromJournal(const QList<JournalEntry> &entries)
{
    CampaignMessageIds ids;
    for (const JournalEntry &entry : entries) {
        const Recipient recipient{entry.recipientIndex, entry.email};
        // Only the lines of sending name our messages; a report's line names one of them again.
        if (!entry.messageId.isEmpty() && entry.kind != JournalEntry::Kind::Bounced
            && entry.kind != JournalEntry::Kind::UnsubscribeRequested)
            ids.m_byId.insert(entry.messageId, recipient);
        if (!ids.m_byAddress.contains(addressKey(entry.email)))
            ids.m_byAddress.insert(addressKey(entry.email), recipient);
    }
    return ids;
}

std::optional<CampaignMessageIds::Recipient> CampaignMessageIds::find(const QString &messageId) const
{
    const auto it = m_byId.constFind(messageId.trimmed());
    if (it == m_byId.cend())
        return std::nullopt;
    return *it;
}

std::optional<CampaignMessageIds::Recipient> CampaignMessageIds::findAddress(
    const QString &email) const
{
    const auto it = m_byAddress.constFind(addressKey(email));
    if (it == m_byAddress.cend())
        return std::nullopt;
    return *it;
}

QList<FeedbackEvent> bouncesFromJournal(const QList<JournalEntry> &entries)
{
    QList<FeedbackEvent> events;
    for (const JournalEntry &entry : entries) {
        if (entry.kind != JournalEntry::Kind::Bounced)
            continue;
        FeedbackEvent event;
        event.kind = FeedbackEvent::Kind::Bounced;
        event.recipientIndex = entry.recipientIndex;
        event.email = entry.email;
        event.messageId = entry.messageId;
        event.severity = entry.bounceSeverity;
        event.status = entry.bounceStatus;
        event.reportingServer = entry.bounceServer;
        event.text = entry.text;
        event.time = entry.time;
        events.append(event);
    }
    return events;
}

QList<FeedbackEvent> unsubscribeRequestsFromJournal(const QList<JournalEntry> &entries)
{
    QList<FeedbackEvent> events;
    for (const JournalEntry &entry : entries) {
        if (entry.kind != JournalEntry::Kind::UnsubscribeRequested)
            continue;
        FeedbackEvent event;
        event.kind = FeedbackEvent::Kind::UnsubscribeToConfirm;
        event.recipientIndex = entry.recipientIndex;
        event.email = entry.text.isEmpty() ? entry.email : entry.text;
        event.messageId = entry.messageId;
        event.time = entry.time;
        events.append(event);
    }
    return events;
}

QString feedbackEventKindName(FeedbackEvent::Kind kind)
{
    switch (kind) {
    case FeedbackEvent::Kind::Bounced:
        return QStringLiteral("bounced");
    case FeedbackEvent::Kind::Unsubscribed:
        return QStringLiteral("unsubscribed");
    case FeedbackEvent::Kind::UnsubscribeToConfirm:
        return QStringLiteral("unsubscribe-to-confirm");
    }
    return {};
}

QByteArray feedbackEventJson(const FeedbackEvent &event)
{
    JsonLine line;
    line.add("type", feedbackEventKindName(event.kind));
    line.add("index", event.recipientIndex);
    line.add("email", event.email);
    line.add("messageId", event.messageId);
    if (event.kind == FeedbackEvent::Kind::Bounced) {
        line.add("severity", event.severity);
        line.add("status", event.status);
    }
    line.add("text", event.text);
    line.add("suppressed", event.suppressed);
    line.add("mailbox", event.mailbox);
    line.add("uid", qint64(event.uid));
    return line.take();
}

Result<QList<FeedbackEvent>> applyFeedback(const MailboxFeedback &feedback,
                                           const CampaignMessageIds &messageIds,
                                           SendJournal *journal,
                                           SuppressionList *suppression,
                                           const QString &campaignName,
                                           UnsubscribeHandling unsubscribes)
{
    QList<FeedbackEvent> events;
    const FeedbackMessage &message = feedback.message;
    if (message.kind == FeedbackMessage::Kind::Bounce && message.report) {
        const DeliveryReport &report = *message.report;
        const std::optional<CampaignMessageIds::Recipient> ours = messageIds.find(
            report.originalMessageId);
        if (!ours)
            return events; // about another message: not this campaign's business
        for (const BouncedRecipient &bounced : report.recipients) {
            FeedbackEvent event;
            event.kind = FeedbackEvent::Kind::Bounced;
            // The report names the address that bounced: the campaign's recipient, or a copy
            // (Cc) of its message, which is not in the list.
            const bool isRecipient = addressKey(bounced.recipient) == addressKey(ours->email);
            event.recipientIndex = isRecipient ? ours->index : -1;
            event.email = isRecipient ? ours->email : bounced.recipient;
            event.messageId = report.originalMessageId;
            event.severity = bounceSeverityName(bounced.severity());
            event.status = bounced.status;
            event.text = bounced.diagnostic;
            event.mailbox = feedback.mailbox;
            event.uid = feedback.uid;
            event.time = report.date.isValid() ? report.date.toUTC()
                                               : QDateTime::currentDateTimeUtc();
            event.reportingServer = bounced.remoteMta.isEmpty() ? report.reportingMta
                                                                : bounced.remoteMta;
            event.suppressed = suppression && bounced.severity() == BounceSeverity::Hard;
            if (journal && isRecipient) {
                JournalEntry entry;
                entry.kind = JournalEntry::Kind::Bounced;
                entry.recipientIndex = ours->index;
                entry.email = ours->email;
                entry.messageId = report.originalMessageId;
                entry.bounceSeverity = event.severity;
                entry.bounceStatus = event.status;
                entry.bounceServer = event.reportingServer;
                entry.text = event.text;
                if (Result<void> written = journal->append(std::move(entry)); !written)
                    return tl::make_unexpected(written.error());
            }
            events.append(event);
        }
        if (suppression) {
            if (Result<int> added = suppression->addHardBounces(report, campaignName); !added)
                return tl::make_unexpected(added.error());
        }
        return events;
    }
    if (message.kind == FeedbackMessage::Kind::Unsubscribe && message.unsubscribe) {
        const UnsubscribeRequest &request = *message.unsubscribe;
        std::optional<CampaignMessageIds::Recipient> recipient = messageIds.find(request.messageId);
        if (!recipient)
            recipient = messageIds.findAddress(request.address);
        FeedbackEvent event;
        event.recipientIndex = recipient ? recipient->index : -1;
        event.email = request.address;
        event.messageId = request.messageId;
        event.mailbox = feedback.mailbox;
        event.uid = feedback.uid;
        event.time = request.date.isValid() ? request.date.toUTC()
                                            : QDateTime::currentDateTimeUtc();
        if (unsubscribes == UnsubscribeHandling::Suppress && suppression) {
            if (Result<void> added = suppression->addUnsubscribe(request, campaignName); !added)
                return tl::make_unexpected(added.error());
            event.kind = FeedbackEvent::Kind::Unsubscribed;
            event.suppressed = true;
        } else {
            event.kind = FeedbackEvent::Kind::UnsubscribeToConfirm;
            // Kept until the user decides: the mailbox is not read twice.
            if (journal && recipient) {
                JournalEntry entry;
                entry.kind = JournalEntry::Kind::UnsubscribeRequested;
                entry.recipientIndex = recipient->index;
                entry.email = recipient->email;
                entry.messageId = request.messageId;
                entry.text = request.address;
                if (Result<void> written = journal->append(std::move(entry)); !written)
                    return tl::make_unexpected(written.error());
            }
        }
        events.append(event);
    }
    return events;
}

} // namespace Bulkmail
