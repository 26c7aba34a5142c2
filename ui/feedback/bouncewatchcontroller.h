#pragma once

#include "campaign/campaign.h"
#include "feedback/campaignbouncewatch.h"
#include "runner/enginethread.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <memory>

namespace Bulkmail {

class AccessTokenSource;
class SendController;
class TokenStore;

// The window's watch of a campaign's mailbox for bounces: core's CampaignBounceWatch on a thread
// of its own ("bulkmail-engine" style, so that reading the mailbox never waits for the GUI nor
// the GUI for it), started with a real send of a campaign that names a mailbox, kept while the
// run lasts and for the campaign's watchAfter once it has ended, then it ends by itself. Its
// findings arrive here queued.
class BounceWatchController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BounceWatchController)

public:
    // `sendController`: its finished() starts the window after the run.
    explicit BounceWatchController(SendController *sendController, QObject *parent = nullptr);
    ~BounceWatchController() override;

    // Starts watching `campaign`'s mailbox (stopping a watch of another one). False, and nothing
    // starts, when it cannot be watched (no mailbox, never saved).
    bool start(const Campaign &campaign,
               const QString &password,
               CampaignBounceWatchSettings settings = {});
    // An OAuth2 account: the mailbox signs in with tokens from `tokens` instead of a password. The
    // source must live in this thread, without a parent, and not be in use: it moves to the
    // watch's thread (a source serves one thread; the run's serves the engine's) and goes with
    // the watch. A token the server refuses is renewed once; refused again, or no token to be
    // had, the watch ends with lastError() naming the account.
    bool start(const Campaign &campaign,
               std::shared_ptr<AccessTokenSource> tokens,
               CampaignBounceWatchSettings settings = {});
    // An OAuth2 account signed in on this computer: its token source is built from the refresh
    // token in `store` (read from the event loop, never blocking), then start(campaign, tokens).
    // When it cannot be read, nothing starts and lastError() says why (watchingChanged()).
    void startSignedIn(const Campaign &campaign, TokenStore *store);
    // The run ended: the window after it begins (also called by the send controller's finished()).
    void runFinished();
    void stop();

    [[nodiscard]] bool isWatching() const { return m_watch != nullptr; }
    // The campaign file being watched; empty when none.
    [[nodiscard]] QString campaignPath() const { return m_campaignPath; }
    // "Watching the mailbox for bounces until 14:30" (while sending: "while sending"); empty when
    // not watching.
    [[nodiscard]] QString statusText() const;
    // Unsubscribe requests waiting for the user (FeedbackEvent::Kind::UnsubscribeToConfirm).
    [[nodiscard]] const QList<FeedbackEvent> &unsubscribeRequests() const { return m_requests; }
    [[nodiscard]] QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void feedbackFound(const QList<Bulkmail::FeedbackEvent> &events);
    // statusText() changed (watching started, its end is known, it ended).
    void watchingChanged();

private:
    bool startWatch(const Campaign &campaign,
                    const QString &password,
                    std::shared_ptr<AccessTokenSource> tokens,
                    CampaignBounceWatchSettings settings);
    void onFinished(const QString &error);

    QPointer<SendController> m_sendController;

    EngineThread m_thread;
    QPointer<CampaignBounceWatch> m_watch;
    QList<QPointer<CampaignBounceWatch>> m_stopping; // logging out; deleted once finished
    QString m_campaignPath;
    QDateTime m_until; // invalid while the run lasts
    QList<FeedbackEvent> m_requests;
    QString m_lastError;
};

} // namespace Bulkmail
