#include "bouncewatchcontroller.h"

#include "send/sendcontroller.h"

#include <QLocale>

namespace Bulkmail {

BounceWatchController::BounceWatchController(SendController *sendController, QObject *parent)
    : QObject(parent)
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
    stop();
    if (!CampaignBounceWatch::canWatch(campaign))
        return false;
    if (!m_thread)
        m_thread = startEngineThread();
    auto *watch = new CampaignBounceWatch(campaign, password, std::move(settings));
    watch->moveToThread(m_thread.get());
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
