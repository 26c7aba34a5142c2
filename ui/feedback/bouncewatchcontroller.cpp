#include "bouncewatchcontroller.h"

#include "oauth/oauth2tokensource.h"
#include "oauth/tokenstore.h"
#include "send/sendcontroller.h"

#include <QLocale>

namespace Bulkmail {

BounceWatchController::BounceWatchController(SendController *sendController, QObject *parent)
    : QObject(parent)
    , m_sendController(sendController)
{
    if (sendController) {
        connect(sendController,
                &SendController::finished,
                this,
                &BounceWatchController::runFinished);
    }
}

BounceWatchController::~BounceWatchController()
{
    // Deleted in their thread, before it ends (m_thread's deleter quits its loop after them).
    if (m_watch) {
        m_watch->disconnect(this);
        m_watch->deleteLater();
    }
    for (const QPointer<CampaignBounceWatch> &watch : std::as_const(m_stopping)) {
        if (watch)
            watch->deleteLater();
    }
}

bool BounceWatchController::start(const Campaign &campaign,
                                  const QString &password,
                                  CampaignBounceWatchSettings settings)
{
    return startWatch(campaign, password, nullptr, std::move(settings));
}

bool BounceWatchController::start(const Campaign &campaign,
                                  std::shared_ptr<AccessTokenSource> tokens,
                                  CampaignBounceWatchSettings settings)
{
    Q_ASSERT(tokens && tokens->thread() == thread() && tokens->parent() == nullptr);
    return startWatch(campaign, QString(), std::move(tokens), std::move(settings));
}

void BounceWatchController::startSignedIn(const Campaign &campaign, TokenStore *store)
{
    stop();
    if (!CampaignBounceWatch::canWatch(campaign) || store == nullptr)
        return;
    QPointer<BounceWatchController> self(this);
    createOAuth2TokenSource(campaign.oauth,
                            campaign.server.username,
                            store,
                            [self, campaign](const PasswordStoreResult &keychain,
                                             std::shared_ptr<OAuth2TokenSource> source) {
                                if (!self)
                                    return;
                                if (!source) {
                                    self->m_lastError = keychain.message;
                                    Q_EMIT self->watchingChanged();
                                    return;
                                }
                                if (!self->start(campaign, std::move(source)))
                                    return;
                                // The run may have ended while the keychain was read.
                                if (self->m_sendController && !self->m_sendController->isActive())
                                    self->runFinished();
                            });
}

bool BounceWatchController::startWatch(const Campaign &campaign,
                                       const QString &password,
                                       std::shared_ptr<AccessTokenSource> tokens,
                                       CampaignBounceWatchSettings settings)
{
    stop();
    if (!CampaignBounceWatch::canWatch(campaign))
        return false;
    if (!m_thread)
        m_thread = startEngineThread();
    auto *watch = new CampaignBounceWatch(campaign, password, std::move(settings));
    watch->moveToThread(m_thread.get());
    if (tokens) {
        // Unused so far, it makes its network access in the thread it lives in on first use.
        tokens->moveToThread(m_thread.get());
        watch->setAccessTokenSource(std::move(tokens)); // before watch(): queued after this
    }
    m_watch = watch;
    m_campaignPath = campaign.filePath;
    m_until = QDateTime();
    m_requests.clear();
    m_lastError.clear();
    connect(watch,
            &CampaignBounceWatch::feedbackFound,
            this,
            [this](const QList<FeedbackEvent> &events) {
                for (const FeedbackEvent &event : events) {
                    if (event.kind == FeedbackEvent::Kind::UnsubscribeToConfirm)
                        m_requests.append(event);
                }
                Q_EMIT feedbackFound(events);
            });
    connect(watch, &CampaignBounceWatch::watchingUntil, this, [this](const QDateTime &until) {
        m_until = until;
        Q_EMIT watchingChanged();
    });
    connect(watch, &CampaignBounceWatch::finished, this, &BounceWatchController::onFinished);
    watch->watch(); // queued into its thread
    Q_EMIT watchingChanged();
    return true;
}

void BounceWatchController::runFinished()
{
    if (m_watch)
        m_watch->runFinished();
}

void BounceWatchController::stop()
{
    if (!m_watch)
        return;
    CampaignBounceWatch *watch = m_watch;
    m_watch = nullptr;
    m_campaignPath.clear();
    watch->disconnect(this);
    // It logs out in its thread, then goes.
    connect(watch, &CampaignBounceWatch::finished, watch, &QObject::deleteLater);
    m_stopping.removeAll(nullptr);
    m_stopping.append(watch);
    watch->stop();
    Q_EMIT watchingChanged();
}

void BounceWatchController::onFinished(const QString &error)
{
    m_lastError = error;
    if (m_watch) {
        m_watch->deleteLater();
        m_watch = nullptr;
    }
    m_campaignPath.clear();
    Q_EMIT watchingChanged();
}

QString BounceWatchController::statusText() const
{
    if (!m_watch)
        return {};
    if (!m_until.isValid())
        return tr("Watching the mailbox for bounces while sending");
    return tr("Watching the mailbox for bounces until %1")
        .arg(QLocale().toString(m_until.toLocalTime().time(), QLocale::ShortFormat));
}

} // namespace Bulkmail
