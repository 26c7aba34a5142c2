#include "deliveryscheduler.h"

#include "retrypolicy.h"

#include <algorithm>

namespace Bulkmail {

namespace {

using namespace std::chrono_literals;

// Replies that name the recipient's own trouble (greylisting, a full or unknown mailbox): never
// part of a streak that would pause everybody, however many recipients get one.
bool isAboutThisRecipient(const SmtpReply &reply, SmtpStage stage)
{
    if (stage != SmtpStage::RcptTo)
        return false;
    const EnhancedStatus status = reply.enhancedStatus();
    if (status.isValid() && (status.subject == 1 || status.subject == 2))
        return true;
    const QString text = reply.text();
    return text.contains(u"recipient address rejected", Qt::CaseInsensitive)
           || text.contains(u"greylist", Qt::CaseInsensitive)
           || text.contains(u"graylist", Qt::CaseInsensitive);
}

qint64 wholeSeconds(std::chrono::milliseconds duration)
{
    return std::chrono::ceil<std::chrono::seconds>(duration).count();
}

} // namespace

DeliveryScheduler::DeliveryScheduler(int recipientCount,
                                     const DeliverySettings &settings,
                                     RateLimiter &limiter,
                                     DeliveryPolicy &policy,
                                     const Clock &clock)
    : m_settings(settings)
    , m_limiter(limiter)
    , m_policy(policy)
    , m_clock(clock)
    , m_recipients(std::size_t(std::max(0, recipientCount)))
{}

void DeliveryScheduler::enqueue(int index, int attemptsUsed, bool possiblyDuplicated)
{
    RecipientState &state = m_recipients[index];
    state.attempts = attemptsUsed;
    state.unconfirmedOnce = possiblyDuplicated;
    m_ready.push_back(index);
}

void DeliveryScheduler::finishWithoutSending(int index, Final final)
{
    finish(index, final);
}

void DeliveryScheduler::finish(int index, Final final)
{
    RecipientState &state = m_recipients[index];
    Q_ASSERT(state.final == Final::None);
    state.final = final;
    ++m_finished;
}

int DeliveryScheduler::count(Final final) const
{
    return int(std::count_if(m_recipients.begin(),
                             m_recipients.end(),
                             [final](const RecipientState &state) { return state.final == final; }));
}

bool DeliveryScheduler::isIdle() const
{
    return m_ready.empty() && m_retries.empty() && m_inFlight.empty();
}

void DeliveryScheduler::promoteDueRetries()
{
    const Clock::TimePoint now = m_clock.now();
    while (!m_retries.empty() && m_retries.begin()->first <= now) {
        m_ready.push_back(m_retries.begin()->second); // at the back: the others go first
        m_retries.erase(m_retries.begin());
    }
}

std::optional<int> DeliveryScheduler::takeNext()
{
    if (m_policy.timeUntilSiteResumes() > 0ms)
        return std::nullopt;
    promoteDueRetries();
    if (m_ready.empty() || !m_limiter.tryAcquire())
        return std::nullopt;
    const int index = m_ready.front();
    m_ready.pop_front();
    ++m_recipients[index].attempts;
    m_inFlight.insert(index);
    return index;
}

void DeliveryScheduler::failBeforeSending(int index)
{
    m_inFlight.erase(index);
    finish(index, Final::Failed);
}

void DeliveryScheduler::holdBeforeSending(int index)
{
    m_inFlight.erase(index);
    finish(index, Final::Held);
}

std::optional<std::chrono::milliseconds> DeliveryScheduler::timeUntilNext() const
{
    const std::chrono::milliseconds site = m_policy.timeUntilSiteResumes();
    const std::chrono::milliseconds slot = m_limiter.timeUntilNextSlot();
    if (!m_ready.empty())
        return std::max(slot, site);
    if (m_retries.empty())
        return std::nullopt;
    const auto due = std::chrono::ceil<std::chrono::milliseconds>(m_retries.begin()->first
                                                                  - m_clock.now());
    return std::max({due, slot, site, 0ms});
}

void DeliveryScheduler::requeueFront(int index)
{
    m_ready.push_front(index);
}

DeliveryDecision DeliveryScheduler::deferOrFail(int index, FailureScope scope)
{
    DeliveryDecision decision;
    decision.scope = scope;
    const int attempts = m_recipients[index].attempts;
    if (!shouldRetry(attempts, m_settings.maxAttempts)) {
        finish(index, Final::Failed);
        decision.kind = DeliveryDecision::Kind::Failed;
        decision.note = DeliveryNote::GaveUp;
        decision.noteArguments = {QString::number(attempts)};
        return decision;
    }
    const std::chrono::milliseconds delay = retryDelay(attempts, m_settings.retryDelay);
    decision.kind = DeliveryDecision::Kind::Deferred;
    decision.retryAt = m_clock.now() + delay;
    decision.note = DeliveryNote::NextAttempt;
    decision.noteArguments = {QString::number(wholeSeconds(delay))};
    m_retries.emplace(decision.retryAt, index);
    return decision;
}

DeliveryDecision DeliveryScheduler::pauseForSite(int index, const QString &reason)
{
    DeliveryDecision decision;
    decision.scope = FailureScope::Site;
    decision.kind = DeliveryDecision::Kind::Requeued;
    --m_recipients[index].attempts; // the server's trouble, not this recipient's
    requeueFront(index);
    if (!m_policy.onSiteFailure(reason)) {
        decision.stopReason = EngineReason::make(EngineReason::Code::SiteDownTooLong,
                                                 {QString::number(giveUpMinutes()), reason});
        return decision;
    }
    decision.note = DeliveryNote::SitePaused;
    decision.noteArguments = {QString::number(wholeSeconds(m_policy.timeUntilSiteResumes()))};
    return decision;
}

DeliveryDecision DeliveryScheduler::onTemporary(int index,
                                                const MessageOutcome &outcome,
                                                FailureScope scope)
{
    const QString reason = outcome.reply.code ? outcome.reply.toString()
                                              : outcome.classification.explanation;
    if (isAboutThisRecipient(outcome.reply, outcome.stage))
        return deferOrFail(index, scope);
    // While the site is in trouble, more of the same is the site's, not this message's.
    if (m_policy.isSiteInTrouble() && scope == FailureScope::Message)
        return pauseForSite(index, reason);
    if (!m_policy.observeTemporaryReply(index, outcome.reply, outcome.stage)) {
        // The first messages of a streak cannot know yet whether the server as a whole is in
        // trouble: one that would fail now gets its attempt back once, so that an outage
        // beginning with it fails nobody. Bounded: once per recipient.
        RecipientState &state = m_recipients[index];
        if (scope == FailureScope::Message && !state.siteGraceUsed
            && !shouldRetry(state.attempts, m_settings.maxAttempts)) {
            state.siteGraceUsed = true;
            --state.attempts;
        }
        return deferOrFail(index, scope);
    }
    // The same temporary reply to several different messages: the server's trouble. Those it
    // already deferred get their attempt back, so that an outage fails nobody.
    for (int member : m_policy.streakMembers()) {
        if (member != index && m_recipients[member].final == Final::None)
            m_recipients[member].attempts = std::max(0, m_recipients[member].attempts - 1);
    }
    return pauseForSite(index, reason);
}

DeliveryDecision DeliveryScheduler::onOutcome(int index, const MessageOutcome &outcome)
{
    m_inFlight.erase(index);
    RecipientState &state = m_recipients[index];
    if (state.final != Final::None)
        return {};
    const FailureScope scope = scopeOf(outcome.classification.verdict, outcome.stage);
    DeliveryDecision decision;
    decision.scope = scope;
    switch (scope) {
    case FailureScope::None:
        finish(index, Final::Sent);
        m_limiter.onDelivered();
        m_policy.onDelivered();
        decision.kind = DeliveryDecision::Kind::Sent;
        return decision;
    case FailureScope::Recipient:
    case FailureScope::Message:
        if (outcome.classification.verdict == ReplyVerdict::RecipientPermanent) {
            finish(index, Final::Failed);
            decision.kind = DeliveryDecision::Kind::Failed;
            return decision;
        }
        return onTemporary(index, outcome, scope);
    case FailureScope::Session:
        --state.attempts; // the connection's failure, not the recipient's
        if (++state.sessionFailures >= DeliveryPolicy::MaxSessionFailuresPerMessage) {
            finish(index, Final::Failed);
            decision.kind = DeliveryDecision::Kind::Failed;
            decision.note = DeliveryNote::ConnectionFailedOften;
            decision.noteArguments = {QString::number(state.sessionFailures)};
            return decision;
        }
        decision.kind = DeliveryDecision::Kind::Requeued;
        requeueFront(index);
        return decision;
    case FailureScope::Site:
        return pauseForSite(index,
                            outcome.reply.code ? outcome.reply.toString()
                                               : outcome.classification.explanation);
    case FailureScope::Throttle:
        // Throttling is not failure: the attempt does not count.
        --state.attempts;
        requeueFront(index);
        decision.kind = DeliveryDecision::Kind::Requeued;
        decision.throttle = true;
        decision.connectionLimit = outcome.classification.verdict == ReplyVerdict::ConnectionLimit;
        return decision;
    case FailureScope::Account:
        --state.attempts;
        requeueFront(index);
        decision.kind = DeliveryDecision::Kind::Stopped;
        decision.stopReason = outcome.classification.verdict == ReplyVerdict::QuotaExhausted
                                  ? EngineReason::make(EngineReason::Code::QuotaExhausted,
                                                       {outcome.reply.toString()})
                                  : EngineReason::other(outcome.classification.explanation);
        return decision;
    }
    return decision;
}

DeliveryDecision DeliveryScheduler::onAbandoned(int index,
                                                bool finalDotSent,
                                                bool sessionFailed,
                                                const QString &detail)
{
    m_inFlight.erase(index);
    RecipientState &state = m_recipients[index];
    DeliveryDecision decision;
    if (state.final != Final::None)
        return decision;
    decision.scope = sessionFailed ? FailureScope::Session : FailureScope::None;
    if (!finalDotSent) {
        --state.attempts; // it never reached the server: not an attempt
        if (sessionFailed
            && ++state.sessionFailures >= DeliveryPolicy::MaxSessionFailuresPerMessage) {
            finish(index, Final::Failed);
            decision.kind = DeliveryDecision::Kind::Failed;
            decision.note = DeliveryNote::ConnectionLostOften;
            decision.noteArguments = {QString::number(state.sessionFailures), detail};
            return decision;
        }
        requeueFront(index);
        decision.kind = DeliveryDecision::Kind::Requeued;
        return decision;
    }
    // RFC 5321 §6.1: the server may have taken it.
    decision.kind = DeliveryDecision::Kind::Unconfirmed;
    if (!state.unconfirmedOnce)
        ++m_unconfirmed;
    if (m_settings.unconfirmedPolicy == UnconfirmedPolicy::Hold) {
        finish(index, Final::Held);
        decision.kind = DeliveryDecision::Kind::Held;
        decision.note = DeliveryNote::HeldAfterLostReply;
        return decision;
    }
    if (state.unconfirmedOnce) {
        finish(index, Final::Unconfirmed);
        decision.note = DeliveryNote::UnconfirmedTwice;
        return decision;
    }
    // RFC 5321 §3.8 asks to resend; once, and said, since the recipient may get it twice.
    state.unconfirmedOnce = true;
    requeueFront(index);
    decision.note = DeliveryNote::ResendingOnce;
    return decision;
}

std::optional<EngineReason> DeliveryScheduler::onSiteUnreachable(const QString &detail,
                                                                 const CloseNote &lastAttempt)
{
    if (m_policy.onSiteFailure(detail, lastAttempt))
        return std::nullopt;
    QStringList arguments{QString::number(giveUpMinutes()), detail};
    if (lastAttempt.hasCode())
        arguments += lastAttempt.packed();
    return EngineReason::make(EngineReason::Code::SiteUnreachableTooLong, arguments);
}

qint64 DeliveryScheduler::giveUpMinutes() const
{
    return std::chrono::duration_cast<std::chrono::minutes>(m_settings.giveUpAfter).count();
}

} // namespace Bulkmail
