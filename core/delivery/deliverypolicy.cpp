#include "deliverypolicy.h"

#include <QRegularExpression>

#include <algorithm>

namespace Bulkmail {

namespace {

using namespace std::chrono_literals;

// first × 2^(n − 1), capped, without overflowing.
std::chrono::milliseconds doubling(std::chrono::milliseconds first,
                                   int n,
                                   std::chrono::milliseconds cap)
{
    std::chrono::milliseconds value = first;
    for (int i = 1; i < n && value < cap; ++i)
        value *= 2;
    return std::min(value, cap);
}

std::chrono::milliseconds until(Clock::TimePoint then, Clock::TimePoint now)
{
    if (then <= now)
        return 0ms;
    // Rounded up: a timer aimed at the result must not fire before `then`.
    return std::chrono::ceil<std::chrono::milliseconds>(then - now);
}

} // namespace

QLatin1String scopeName(FailureScope scope)
{
    switch (scope) {
    case FailureScope::None:
        return QLatin1String("none");
    case FailureScope::Recipient:
        return QLatin1String("recipient");
    case FailureScope::Message:
        return QLatin1String("message");
    case FailureScope::Session:
        return QLatin1String("session");
    case FailureScope::Site:
        return QLatin1String("site");
    case FailureScope::Throttle:
        return QLatin1String("throttle");
    case FailureScope::Account:
        return QLatin1String("account");
    }
    return QLatin1String("unknown");
}

FailureScope scopeOf(ReplyVerdict verdict, SmtpStage stage)
{
    switch (verdict) {
    case ReplyVerdict::Success:
        return FailureScope::None;
    case ReplyVerdict::RecipientTemporary:
    case ReplyVerdict::RecipientPermanent:
        return stage == SmtpStage::RcptTo ? FailureScope::Recipient : FailureScope::Message;
    case ReplyVerdict::ConnectionLost:
    case ReplyVerdict::ProtocolError:
        return FailureScope::Session;
    case ReplyVerdict::ServiceUnavailable:
        return FailureScope::Site;
    case ReplyVerdict::Throttled:
    case ReplyVerdict::ConnectionLimit:
        return FailureScope::Throttle;
    case ReplyVerdict::QuotaExhausted:
    case ReplyVerdict::AuthenticationFailed:
    case ReplyVerdict::Fatal:
        return FailureScope::Account;
    }
    return FailureScope::Account;
}

DeliveryPolicy::DeliveryPolicy(const DeliverySettings &settings, const Clock &clock)
    : m_giveUpAfter(settings.giveUpAfter)
    , m_firstReconnectDelay(std::max(settings.reconnectDelay, 1ms))
    , m_firstSitePause(std::max(settings.sitePause, 1ms))
    , m_clock(clock)
{}

std::chrono::milliseconds DeliveryPolicy::onSessionFailed()
{
    ++m_sessionFailures;
    // The first failure after a delivery reconnects at once: a server that caps its sessions
    // closes them in the middle of good work, and that must cost nothing.
    const std::chrono::milliseconds delay = m_sessionFailures <= 1 ? 0ms
                                                                   : doubling(m_firstReconnectDelay,
                                                                              m_sessionFailures - 1,
                                                                              MaxReconnectDelay);
    m_connectAllowedAt = std::max(m_connectAllowedAt, m_clock.now() + delay);
    return delay;
}

std::chrono::milliseconds DeliveryPolicy::timeUntilConnectAllowed() const
{
    return std::max(until(m_connectAllowedAt, m_clock.now()), timeUntilSiteResumes());
}

bool DeliveryPolicy::onSiteFailure(const QString &reason, const CloseNote &unreachable)
{
    const Clock::TimePoint now = m_clock.now();
    if (!m_siteEpisodeStart)
        m_siteEpisodeStart = now;
    if (m_giveUpAfter.count() > 0 && now - *m_siteEpisodeStart >= m_giveUpAfter)
        return false;
    if (m_sitePause && m_sitePause->until > now) {
        m_sitePause->reason = reason; // the same pause: messages that were in flight
        m_sitePause->unreachable = unreachable;
        return true;
    }
    ++m_sitePauses;
    m_sitePause = SitePause{now + doubling(m_firstSitePause, m_sitePauses, MaxSitePause),
                            reason,
                            unreachable};
    return true;
}

std::optional<DeliveryPolicy::SitePause> DeliveryPolicy::sitePause() const
{
    if (m_sitePause && m_sitePause->until > m_clock.now())
        return m_sitePause;
    return std::nullopt;
}

std::chrono::milliseconds DeliveryPolicy::timeUntilSiteResumes() const
{
    return m_sitePause ? until(m_sitePause->until, m_clock.now()) : 0ms;
}

QString DeliveryPolicy::streakKey(const SmtpReply &reply, SmtpStage stage)
{
    // The same reply to different messages: code, enhanced code and words, without what names
    // the message (addresses, queue ids, numbers).
    static const QRegularExpression specifics(QStringLiteral("<[^>]*>|\\[[^\\]]*\\]|[0-9A-Fa-f]*"
                                                             "[0-9][0-9A-Fa-f]*"));
    QString words = reply.text();
    words.replace(specifics, QString());
    return QString::number(int(stage)) + u'/' + QString::number(reply.code) + u'/'
           + words.simplified().toLower();
}

bool DeliveryPolicy::observeTemporaryReply(int messageKey, const SmtpReply &reply, SmtpStage stage)
{
    const QString key = streakKey(reply, stage);
    if (key != m_streakKey) {
        m_streakKey = key;
        m_streakMembers.clear();
    }
    m_streakMembers.insert(messageKey);
    return int(m_streakMembers.size()) >= SiteSignalStreak;
}

void DeliveryPolicy::onDelivered()
{
    m_sessionFailures = 0;
    m_siteEpisodeStart.reset();
    m_sitePauses = 0;
    m_streakKey.clear();
    m_streakMembers.clear();
    if (m_limited)
        ++m_deliveriesSinceLimit;
}

int DeliveryPolicy::onConnectionLimit(int currentSize)
{
    m_limited = true;
    m_deliveriesSinceLimit = 0;
    return std::max(1, currentSize / 2);
}

int DeliveryPolicy::allowedPoolSize(int currentSize, int configuredSize) const
{
    if (!m_limited || currentSize >= configuredSize)
        return std::min(currentSize, configuredSize);
    return m_deliveriesSinceLimit >= DeliveriesBeforeGrowth ? currentSize + 1 : currentSize;
}

} // namespace Bulkmail
