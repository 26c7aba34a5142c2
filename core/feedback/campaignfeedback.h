#pragma once

#include "common/result.h"
#include "feedback/mailboxwatcher.h"
#include "journal/sendjournal.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Bulkmail {

class SuppressionList;

// Who each of a campaign's messages went to, by Message-ID, from its journal (the inFlight and
// sent lines name them; a resent message has a second one): how a delivery report, which names
// the message it returns, finds its recipient.
class CampaignMessageIds final
{
public:
    struct Recipient
    {
        int index = -1;
        QString email;
    };

    [[nodiscard]] static CampaignMessageIds fromJournal(const QList<JournalEntry> &entries);

    [[nodiscard]] std::optional<Recipient> find(const QString &messageId) const;
    [[nodiscard]] bool contains(const QString &messageId) const
    {
        return find(messageId).has_value();
    }
    // The recipient with this address (an unsubscribe request through the tagged address names no
    // message), or nothing.
    [[nodiscard]] std::optional<Recipient> findAddress(const QString &email) const;
    [[nodiscard]] qsizetype size() const { return m_byId.size(); }

private:
    QHash<QString, Recipient> m_byId;      // Message-ID as written
    QHash<QString, Recipient> m_byAddress; // lower case
};

// Unsubscribe requests go to the suppression list at once, or are listed for the user to confirm.
enum class UnsubscribeHandling { AskFirst, Suppress };

// What one message of the mailbox did to the campaign: one per bounced recipient or request.
struct FeedbackEvent
{
    enum class Kind {
        Bounced,              // a delivery report about one of its messages
        Unsubscribed,         // a request, added to the suppression list
        UnsubscribeToConfirm, // a request, listed for the user to confirm (UnsubscribeHandling)
    };
    Kind kind = Kind::Bounced;
    int recipientIndex = -1; // in the campaign's list; -1 when the address is not in it
    QString email;           // the campaign's recipient (or who asked to unsubscribe)
    QString messageId;       // of our message the report or request is about; may be empty
    QString severity;        // bounces: "hard" or "soft"
    QString status;          // bounces: "5.1.1"
    QString text;            // the report's words, or the request's subject line
    bool suppressed = false; // now on the account's suppression list
    QString mailbox;         // where it was found
    quint64 uid = 0;
    QDateTime time;          // of the report or request (its Date), else when it was read; UTC
    QString reportingServer; // bounces: the server that refused it (Remote-MTA, else Reporting-MTA)
};

// The "bounced" lines of a journal as events, in file order (time: when the line was written;
// the reporting server empty in lines written before the journal kept it): what a reopened
// campaign shows.
[[nodiscard]] QList<FeedbackEvent> bouncesFromJournal(const QList<JournalEntry> &entries);
// The unsubscribe requests the journal keeps for the user to confirm (UnsubscribeToConfirm
// events; whether one is on the suppression list by now is the list's to say).
[[nodiscard]] QList<FeedbackEvent> unsubscribeRequestsFromJournal(const QList<JournalEntry> &entries);

// "bounced", "unsubscribed", "unsubscribe-to-confirm"; and one JSON line for --events (its
// "type" is that name; then index, email, messageId, severity and status for bounces, text,
// suppressed, mailbox, uid).
[[nodiscard]] QString feedbackEventKindName(FeedbackEvent::Kind kind);
[[nodiscard]] QByteArray feedbackEventJson(const FeedbackEvent &event);

// Applies one message of the mailbox to the campaign: a report about one of its messages becomes
// a "bounced" journal line for that recipient (hard or soft, in the report's words) and, when
// hard, suppression-list entries for the addresses that bounced; a request is suppressed or
// listed (UnsubscribeHandling). Reports about other messages change nothing. `journal` and
// `suppression` may be null (then nothing is written there). An error when a write fails.
[[nodiscard]] Result<QList<FeedbackEvent>> applyFeedback(const MailboxFeedback &feedback,
                                                         const CampaignMessageIds &messageIds,
                                                         SendJournal *journal,
                                                         SuppressionList *suppression,
                                                         const QString &campaignName,
                                                         UnsubscribeHandling unsubscribes);

} // namespace Bulkmail
