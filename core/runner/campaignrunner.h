#pragma once

#include "campaign/campaign.h"
#include "campaignprogress.h"
#include "common/clock.h"
#include "compose/mergetemplate.h"
#include "compose/mimecomposer.h"
#include "compose/personalattachments.h"
#include "delivery/connectionevent.h"
#include "delivery/deliverypolicy.h"
#include "delivery/deliveryscheduler.h"
#include "delivery/messagesource.h"
#include "delivery/ratelimiter.h"
#include "feedback/suppressionlist.h"
#include "journal/journallock.h"
#include "journal/sendjournal.h"
#include "oauth/accesstokensource.h"
#include "sentcopies.h"

#include <QObject>

#include <deque>
#include <memory>
#include <optional>
#include <set>

namespace Bulkmail {

class ConnectionPool;

// Everything a run needs: the document and the secret that never goes into it.
struct CampaignPlan
{
    // The send journal beside a saved campaign ("<file>.journal"): what makes a run resumable.
    enum class Journal {
        Resume,  // read it, skip what was sent, then append (the default)
        Restart, // start over: the old journal is kept as "<file>.journal.previous"
        Off,     // no journal (a campaign that was never saved has none either)
    };

    Campaign campaign;
    QString password; // from the keychain or an environment variable; empty: no AUTH
    // OAuth2: non-null means every connection signs in with XOAUTH2/OAUTHBEARER and a token from
    // here (the password is then unused). Create it without a parent in the thread that calls
    // start(): start() moves it into the runner's (engine) thread, and it is moved back to that
    // thread just before finished() (or when the runner is destroyed). While the run lasts, reach
    // it only through queued calls (QMetaObject::invokeMethod(source, ..., Qt::QueuedConnection)).
    std::shared_ptr<AccessTokenSource> tokens;
    Journal journal = Journal::Resume;
    bool retryFailed = false; // send again to recipients that failed for good in earlier runs
    // The IMAP password for the copy to Sent (mailbox.copyToSent); empty: the SMTP password.
    QString mailboxPassword{};
    // Recipients on the account's suppression list (hard bounces, unsubscribes, manual entries)
    // are left out and reported, unless the user chose to send to them anyway.
    enum class SuppressedRecipients { Skip, SendAnyway };
    SuppressedRecipients suppressed = SuppressedRecipients::Skip;
};

// The worker that sends a campaign: it owns the queue, the retries and the rate limiter, and hands
// messages to the ConnectionPool. Create it without a parent, move it to an engine thread
// (startEngineThread()); the public slots only enqueue work, so they may be called from any thread.
// Results, connection events and progress are coalesced and emitted at most 20 times a second,
// so that a fast send cannot flood the receiving event loop.
class CampaignRunner final : public QObject, private MessageSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CampaignRunner)

public:
    static constexpr std::chrono::milliseconds FlushInterval{50};

    explicit CampaignRunner(const Clock &clock = SystemClock::instance(), QObject *parent = nullptr);
    ~CampaignRunner() override;

    // Thread-safe. With plan.tokens, call it from the thread the source lives in (see CampaignPlan).
    void start(const Bulkmail::CampaignPlan &plan);
    void pause(); // finish what is in flight, then wait
    // Continues after pause(), or after signInRequired() once the user has signed in again (a new
    // access token is requested then).
    void resume();
    void cancel(); // finish what is in flight, QUIT, report the rest as not sent
    // How the send journal reaches the disk (JournalSyncPolicy::fileSync is the tests' seam).
    // Call before start(), from the thread that created the runner.
    void setJournalSyncPolicy(const Bulkmail::JournalSyncPolicy &policy);

Q_SIGNALS:
    void recipientResults(const QList<Bulkmail::RecipientResult> &results);
    void connectionEvents(const QList<Bulkmail::ConnectionEvent> &events);
    void progress(const Bulkmail::CampaignProgress &progress);
    // OAuth2: the token source needs the user to sign in again (the refresh token was revoked or
    // has expired). The campaign is paused as by pause(): the messages in flight finish, nothing is
    // marked failed. Sign in, then call resume().
    void signInRequired(const QString &reason);
    void finished(const Bulkmail::CampaignSummary &summary);

private:
    enum class RunState { Idle, Running, Paused, Stopping, Finished };

    // What the runner itself remembers of a recipient; the queue and the attempts are the
    // scheduler's.
    struct RecipientState
    {
        bool inFlightJournaled = false; // an in-flight line awaits its outcome line
        QList<AttachedFile> attached;   // the personal files of its last composed message
        QStringList invalidCopies;      // Cc/Bcc pieces of its message that are not addresses
        QString messageId;              // of its last composed message, for its journal lines
    };

    void startImpl(const CampaignPlan &plan, QThread *tokensHome);
    void onSignInRequired(const QString &reason);
    void returnTokenSource();
    [[nodiscard]] QString redacted(QString text) const;
    [[nodiscard]] Result<void> prepare();
    [[nodiscard]] Result<void> preparePersonalAttachments();
    // The recipient's personal files read for one message, each verified against the check
    // record; the reason to hold the recipient instead when one is not what was checked.
    struct PersonalHold
    {
        DeliveryNote note = DeliveryNote::None;
        QStringList arguments;
    };
    [[nodiscard]] tl::expected<std::vector<ReadAttachment>, PersonalHold> readPersonalFiles(
        int index) const;
    [[nodiscard]] Result<std::optional<JournalState>> openJournal();
    // An error before the first message, remembered as a code for the window (m_setupReason).
    [[nodiscard]] tl::unexpected<Error> setupError(ErrorCode code,
                                                   EngineReason::Code reason,
                                                   const QStringList &arguments);
    [[nodiscard]] Result<QMap<qsizetype, SuppressionEntry>> readSuppressedRecipients();
    Result<void> journal(JournalEntry entry,
                         SendJournal::Durability durability = SendJournal::Durability::Batched);
    [[nodiscard]] Result<void> onFinalDotWriting(quint64 messageId, int connectionId);
    void pauseImpl();
    void resumeImpl();
    void cancelImpl();

    // MessageSource
    std::optional<OutgoingMessage> takeNextMessage() override;
    std::optional<std::chrono::milliseconds> timeUntilNextMessage() const override;
    std::chrono::milliseconds timeUntilConnectAllowed() const override;
    void onSessionFailed() override;

    void onMessageFinished(const MessageOutcome &outcome);
    void onMessagesAbandoned(const QList<AbandonedMessage> &messages,
                             bool sessionFailed,
                             const QString &detail);
    void applyDecision(int recipientIndex, const DeliveryDecision &decision, RecipientResult result);
    void onConnectionProblem(const ConnectionClosure &closure);
    void onConnectionEvent(const ConnectionEvent &event);
    void onAllClosed();
    void startSentCopies();

    void applyThrottle(const Classification &classification);
    void growPoolIfAllowed();
    void scheduleWake();
    void wakePool();
    void report(RecipientResult result);
    void countFinal(RecipientResult::Status status);
    void journalOutcome(int recipientIndex, const RecipientResult &result);
    void stop(const EngineReason &reason);
    void checkFinished();
    void scheduleFlush();
    void flush();
    [[nodiscard]] CampaignProgress snapshot() const;
    [[nodiscard]] int finishedCount() const;
    [[nodiscard]] double secondsSinceStart() const; // on m_clock; 0 before start
    [[nodiscard]] RecipientResult resultFor(int recipientIndex,
                                            RecipientResult::Status status) const;

    const Clock &m_clock;
    CampaignPlan m_plan;
    RunState m_state = RunState::Idle;
    std::unique_ptr<RateLimiter> m_limiter;
    std::unique_ptr<DeliveryPolicy> m_policy;
    std::unique_ptr<DeliveryScheduler> m_scheduler;
    std::unique_ptr<ConnectionPool> m_pool;
    std::optional<MessageRenderer> m_renderer;
    AttachmentCache m_attachments; // each attachment read and encoded once per run
    // Personal attachments: resolved once per run; every file is read when its message is
    // composed (never all at once) and must match the fingerprint the check recorded.
    AttachmentResolution m_personal;
    AttachmentRecord m_personalRecord;
    std::optional<Result<MimeComposer>> m_composer;
    // The lock outlives the journal: released only once the journal is synced and closed.
    std::unique_ptr<JournalLock> m_journalLock;
    std::unique_ptr<SendJournal> m_journal;
    std::optional<JournalLockHolder> m_lockedBy; // the run was refused: this process sends
    JournalSyncPolicy m_journalSyncPolicy;
    std::vector<RecipientState> m_recipients;
    QByteArray m_messageIdDomain;

    int m_sent = 0;
    int m_failed = 0;
    int m_unconfirmed = 0;      // recipients whose delivery went unconfirmed at least once
    int m_unconfirmedFinal = 0; // ... twice, so they were not resent again
    int m_previouslySent = 0;
    int m_previouslyFailed = 0;
    int m_held = 0;
    int m_skipped = 0;
    int m_suppressed = 0;
    QStringList m_journalDamage;
    bool m_cancelled = false;
    bool m_waitingForSignIn = false;
    QThread *m_tokensHome = nullptr; // where the token source goes back to
    QStringList m_secrets;           // the password and every access token, for redaction
    EngineReason m_stopReason;       // empty unless the campaign stopped on its own
    EngineReason m_setupReason;      // why prepare() failed, when it says it with a code
    std::optional<Clock::TimePoint> m_startedAt;
    std::unique_ptr<SentCopies> m_sentCopies; // mailbox.copyToSent
    bool m_waitingForSentCopies = false;
    std::deque<Clock::TimePoint> m_recentDeliveries; // for the current rate

    // On m_clock, so that a simulation fires them by advancing it.
    const std::unique_ptr<ClockTimer> m_wakeTimer;  // the next rate slot or retry
    const std::unique_ptr<ClockTimer> m_flushTimer; // coalesces results, events and progress
    const std::unique_ptr<ClockTimer> m_heartbeat; // keeps countdowns moving while nothing else happens
    QList<RecipientResult> m_pendingResults;
    QList<ConnectionEvent> m_pendingEvents;
};

} // namespace Bulkmail
