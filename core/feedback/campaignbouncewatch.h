#pragma once

#include "campaign/campaign.h"
#include "feedback/campaignfeedback.h"
#include "feedback/mailboxwatcher.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <memory>

namespace Bulkmail {

class AccessTokenSource;
class SuppressionList;

struct CampaignBounceWatchSettings
{
    // How often the folders are looked at while watching. At most 30 s, so that a report is on
    // its row within a minute of arriving (issue 16), whatever a look costs.
    std::chrono::milliseconds pollInterval{30'000};
    // How long the watch goes on after runFinished(): the campaign's mailbox.watchAfter unless
    // set (tests use milliseconds).
    std::optional<std::chrono::milliseconds> watchAfter{};
    // The watcher's own back-off between failed sessions (MailboxWatcherSettings).
    std::chrono::milliseconds firstReconnectDelay{2'000};
    // Where the account's suppression list and mailbox positions are; empty: the account's own
    // (SuppressionList::pathForAccount, MailboxPositions::pathForAccount).
    QString suppressionListPath{};
    QString positionsPath{};
};

// One campaign's mailbox, watched for what comes back: the glue between MailboxWatcher and the
// campaign. Each delivery report about one of its messages becomes a "bounced" line in its journal
// and, when hard, a suppression-list entry; each unsubscribe request is suppressed at once when the
// campaign says autoSuppressUnsubscribes, else reported for the user to confirm. Used by
// `bulkmail-cli bounces` (scanOnce), `send --watch-bounces` and the desktop app (watch).
//
// The watch starts with a run and goes on while it lasts, then for mailbox.watchAfter after
// runFinished() (reports take minutes to hours), then ends by itself: finished(). It never blocks
// sending: it has its own IMAP session (the watcher's back-off bounds its retries), and the
// journal lines it adds are single O_APPEND writes beside the runner's
// (SendJournal::openToAppend), so it takes no run lock and a new run is never refused because of
// it.
//
// The campaign's Message-IDs come from its journal, which grows while the run sends: it is read
// again whenever a message of the mailbox names an unknown Message-ID and the file has changed
// since it was last read (a report can only follow the in-flight line that named its message).
//
// Lives in one thread (the suppression list's database connection is that thread's); create it
// there, or without a parent and moveToThread() before the first call. The public functions only
// enqueue work, so they may be called from any thread.
class CampaignBounceWatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CampaignBounceWatch)

public:
    // `campaign` must be saved (filePath: its journal) and name a mailbox (canWatch()).
    CampaignBounceWatch(Campaign campaign,
                        QString password,
                        CampaignBounceWatchSettings settings = {},
                        QObject *parent = nullptr);
    ~CampaignBounceWatch() override;

    // A saved campaign with a mailbox: there is a journal to match reports with, and a mailbox
    // to read.
    [[nodiscard]] static bool canWatch(const Campaign &campaign);
    // The mailbox's user name and password: mailbox.username, else the SMTP account's.
    [[nodiscard]] static ImapCredentials credentialsFor(const Campaign &campaign,
                                                        const QString &password);

    // An OAuth2 account: the mailbox signs in with tokens from `tokens` (not owned; it must outlive
    // the watch and live in its thread), the source SMTP uses, instead of the password. Call it
    // before watch() or scanOnce().
    void setAccessTokenSource(AccessTokenSource *tokens) { m_tokens = tokens; }
    // The same, owning it: the source goes with the watch, after its IMAP session, in its thread
    // (the desktop app's watch, whose source serves it alone).
    void setAccessTokenSource(std::shared_ptr<AccessTokenSource> tokens)
    {
        m_ownedTokens = std::move(tokens);
        m_tokens = m_ownedTokens.get();
    }

    void watch();       // looks now, then every pollInterval until runFinished() + watchAfter
    void scanOnce();    // looks once to the end, then finished()
    void runFinished(); // the run ended: watchingUntil(now + watchAfter), then finished()
    void stop();        // ends after the message being read: finished()

Q_SIGNALS:
    // What the mailbox said about the campaign, already in the journal and suppression list.
    void feedbackFound(const QList<Bulkmail::FeedbackEvent> &events);
    // The watch ends at `until` (runFinished() has been called); UTC.
    void watchingUntil(const QDateTime &until);
    void scanFinished(const Bulkmail::MailboxScanSummary &summary);
    void connectionEvent(int connectionId, const QString &event, const QString &detail);
    // `error` empty: the watch ended as asked; else why it stopped (a refused password, the
    // server kept failing, a journal that cannot be written).
    void finished(const QString &error);

private:
    [[nodiscard]] Result<void> prepare();
    void startWatcher(bool keepWatching);
    void runFinishedImpl();
    void stopImpl();
    [[nodiscard]] bool isOurs(const QString &messageId);
    void reloadMessageIds();
    void onFeedback(const MailboxFeedback &feedback);
    void onWatcherFinished();
    void fail(const QString &error);

    const Campaign m_campaign;
    const QString m_password;
    const CampaignBounceWatchSettings m_settings;
    const QString m_journalPath;
    std::shared_ptr<AccessTokenSource> m_ownedTokens; // before m_watcher: outlives its session
    std::unique_ptr<SuppressionList> m_suppression;
    std::unique_ptr<MailboxWatcher> m_watcher;
    CampaignMessageIds m_messageIds;
    qint64 m_journalSizeRead = -1; // the journal's size when m_messageIds was read
    QDateTime m_journalModifiedRead;
    QTimer m_windowTimer;
    QString m_error;
    AccessTokenSource *m_tokens = nullptr;
    bool m_finished = false;
};

} // namespace Bulkmail
