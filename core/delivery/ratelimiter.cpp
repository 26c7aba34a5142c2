#include "ratelimiter.h"

#include <algorithm>
#include <cmath>

namespace Bulkmail {

namespace {

using namespace std::chrono_literals;

constexpr std::chrono::steady_clock::duration Minute = 60s;
constexpr std::chrono::steady_clock::duration Day = 24h;

double sanitizedRate(double perSecond)
{
    return std::isfinite(perSecond) && perSecond > 0 ? perSecond : 0.0;
}

} // namespace

RateLimiter::RateLimiter(RateLimits limits, const Clock &clock)
    : m_limits(limits)
    , m_clock(clock)
{
    m_limits.perSecond = sanitizedRate(m_limits.perSecond);
    m_limits.perMinute = std::max(m_limits.perMinute, 0);
    m_limits.perDay = std::max(m_limits.perDay, 0);
    m_limits.delayBetweenMessages = std::max(m_limits.delayBetweenMessages, 0ms);
    m_effectivePerSecond = m_limits.perSecond;
}

RateLimiter::Duration RateLimiter::pacingInterval() const
{
    if (m_effectivePerSecond <= 0)
        return Duration(0);
    // Rounded up, so that R starts never fit in less than a second. Computed in nanoseconds
    // directly: 1e9 / 10 is exactly 1e8, where 1.0 / 10 * 1e9 would round up to 100.000001 ms.
    const double nanoseconds = std::ceil(1e9 / m_effectivePerSecond);
    return std::chrono::duration_cast<Duration>(
        std::chrono::nanoseconds(static_cast<std::int64_t>(nanoseconds)));
}

RateLimiter::Duration RateLimiter::windowWait(int limit, Duration window) const
{
    if (limit <= 0 || m_starts.size() < static_cast<std::size_t>(limit))
        return Duration(0);
    // A start is allowed once the limit-th most recent start has left the window, so that any
    // window of that length holds at most `limit` starts.
    const TimePoint oldestCounted = m_starts[m_starts.size() - static_cast<std::size_t>(limit)];
    return std::max(oldestCounted + window - m_clock.now(), Duration(0));
}

RateLimiter::Wait RateLimiter::longestWait() const
{
    const TimePoint now = m_clock.now();
    Wait longest;
    // Ascending tie priority: a later candidate wins a tie.
    auto consider = [&longest](Duration duration, HoldReason reason) {
        if (duration > Duration(0) && duration >= longest.duration)
            longest = {duration, reason};
    };
    if (m_lastStart) {
        consider(*m_lastStart + pacingInterval() - now, HoldReason::PerSecond);
        consider(*m_lastStart + m_limits.delayBetweenMessages - now, HoldReason::Delay);
        // A per-minute limit is paced evenly too (30 a minute: one start every 2 s), never a
        // burst followed by an idle minute that closes the connection and logs in again.
        if (m_limits.perMinute > 0)
            consider(*m_lastStart + Minute / m_limits.perMinute - now, HoldReason::PerMinute);
    }
    consider(windowWait(m_limits.perMinute, Minute), HoldReason::PerMinute);
    consider(windowWait(m_limits.perDay, Day), HoldReason::PerDay);
    if (m_holdUntil)
        consider(*m_holdUntil - now, HoldReason::Throttled);
    return longest;
}

std::chrono::milliseconds RateLimiter::timeUntilNextSlot() const
{
    return std::chrono::ceil<std::chrono::milliseconds>(longestWait().duration);
}

HoldReason RateLimiter::holdReason() const
{
    return longestWait().reason;
}

bool RateLimiter::tryAcquire()
{
    if (longestWait().reason != HoldReason::None)
        return false;
    const TimePoint now = m_clock.now();
    m_starts.push_back(now);
    m_lastStart = now;
    if (!m_firstStart)
        m_firstStart = now;
    trim();
    return true;
}

int RateLimiter::startsSince(TimePoint since) const
{
    const auto first = std::upper_bound(m_starts.begin(), m_starts.end(), since);
    return static_cast<int>(std::distance(first, m_starts.end()));
}

double RateLimiter::achievedPerSecond() const
{
    const TimePoint now = m_clock.now();
    const int count = startsSince(now - MeasurementSpan);
    if (count == 0)
        return 0;
    // A campaign throttled in its first seconds: measure over the time it has sent, not over the
    // whole span (N starts cover N - 1 intervals), and never over less than a second, so that a
    // burst of a few starts does not read as thousands a second.
    if (m_firstStart && m_lastStart && now - *m_firstStart < MeasurementSpan) {
        const double seconds = std::max(
            std::chrono::duration<double>(*m_lastStart - *m_firstStart).count(), 1.0);
        return std::max(count - 1, 1) / seconds;
    }
    Duration span = MeasurementSpan;
    // The sample limit cut the history short: measure over what is left.
    if (m_starts.size() >= capacity() && m_starts.front() > now - MeasurementSpan)
        span = std::max(now - m_starts.front(), Duration(1ms));
    return count / std::chrono::duration<double>(span).count();
}

bool RateLimiter::isRateReduced() const
{
    if (m_limits.perSecond > 0)
        return m_effectivePerSecond < m_limits.perSecond;
    return m_effectivePerSecond > 0;
}

std::chrono::milliseconds RateLimiter::onThrottled(std::chrono::milliseconds firstPause)
{
    const TimePoint now = m_clock.now();
    // Still inside the hold of this episode: the other connections' replies to messages started
    // before the first "slow down" arrived. Reacting to each would halve the rate once per
    // connection.
    if (m_holdUntil && now < *m_holdUntil)
        return std::chrono::ceil<std::chrono::milliseconds>(*m_holdUntil - now);

    if (m_effectivePerSecond <= 0) {
        // Unlimited: start from what we actually achieved, so that halving means something.
        const double measured = std::max(achievedPerSecond(), MinimumMeasuredPerSecond);
        m_recoveryCeiling = measured;
        m_effectivePerSecond = measured / 2;
    } else {
        const double floor = std::min(MinimumThrottledPerSecond, m_effectivePerSecond);
        m_effectivePerSecond = std::max(m_effectivePerSecond / 2, floor);
    }
    ++m_consecutiveThrottles;
    m_successesInRow = 0;
    const std::chrono::milliseconds pause = throttlePause(m_consecutiveThrottles, firstPause);
    m_holdUntil = now + pause;
    return pause;
}

void RateLimiter::onDelivered()
{
    m_consecutiveThrottles = 0;
    if (!isRateReduced()) {
        m_successesInRow = 0;
        return;
    }
    if (++m_successesInRow < SuccessesBeforeRecovery)
        return;
    m_successesInRow = 0;
    // Additive increase after a multiplicative decrease (AIMD, as TCP finds its pace): the rate
    // climbs back in steps of a tenth of where it came from, so that it settles just under what
    // the server accepts instead of overshooting it again at once.
    const double ceiling = m_limits.perSecond > 0 ? m_limits.perSecond : m_recoveryCeiling;
    const double raised = m_effectivePerSecond
                          + std::max(ceiling * RecoveryStep, MinimumThrottledPerSecond);
    if (m_limits.perSecond > 0) {
        m_effectivePerSecond = std::min(raised, m_limits.perSecond);
    } else if (raised >= m_recoveryCeiling * (1 - 1e-9)) { // steps of a tenth add up inexactly
        m_effectivePerSecond = 0;                          // back to unlimited
        m_recoveryCeiling = 0;
    } else {
        m_effectivePerSecond = raised;
    }
}

double RateLimiter::effectivePerSecond() const
{
    return m_effectivePerSecond;
}

void RateLimiter::restoreStarts(const QList<QDateTime> &startTimesUtc)
{
    const TimePoint now = m_clock.now();
    const QDateTime wallNow = m_clock.currentDateTimeUtc();
    const Duration keep = horizon();
    for (const QDateTime &start : startTimesUtc) {
        if (!start.isValid())
            continue;
        const std::chrono::milliseconds age(std::max<qint64>(start.msecsTo(wallNow), 0));
        if (age >= keep)
            continue;
        const TimePoint when = now - age;
        m_starts.push_back(when);
        if (!m_firstStart || when < *m_firstStart)
            m_firstStart = when;
        if (!m_lastStart || when > *m_lastStart)
            m_lastStart = when;
    }
    std::sort(m_starts.begin(), m_starts.end());
    trim();
}

int RateLimiter::startsInLastDay() const
{
    if (m_limits.perDay <= 0)
        return 0;
    return startsSince(m_clock.now() - Day);
}

std::optional<int> RateLimiter::remainingInDay() const
{
    if (m_limits.perDay <= 0)
        return std::nullopt;
    return std::max(m_limits.perDay - startsInLastDay(), 0);
}

RateLimiter::Duration RateLimiter::horizon() const
{
    Duration result = MeasurementSpan;
    if (m_limits.perMinute > 0)
        result = std::max(result, Minute);
    if (m_limits.perDay > 0)
        result = std::max(result, Day);
    return result;
}

std::size_t RateLimiter::capacity() const
{
    return static_cast<std::size_t>(
        std::max({m_limits.perDay, m_limits.perMinute, MeasurementSampleLimit}));
}

void RateLimiter::trim()
{
    const TimePoint oldestKept = m_clock.now() - horizon();
    while (!m_starts.empty() && m_starts.front() <= oldestKept)
        m_starts.pop_front();
    while (m_starts.size() > capacity())
        m_starts.pop_front();
}

} // namespace Bulkmail
