#pragma once

#include "common/clock.h"
#include "delivery/deliverysettings.h"
#include "delivery/retrypolicy.h"

#include <QDateTime>
#include <QList>

#include <chrono>
#include <deque>
#include <optional>

namespace Bulkmail {

// Why the limiter is holding the next start. When several windows hold it, the one with the
// longest wait is named (on a tie: Throttled, then PerDay, PerMinute, Delay, PerSecond).
enum class HoldReason {
    None,      // a message may start now
    PerSecond, // pacing: at R per second, one start every 1/R seconds
    PerMinute, // RateLimits::perMinute starts in the last 60 s
    PerDay,    // RateLimits::perDay starts in the last 24 h
    Delay,     // RateLimits::delayBetweenMessages since the previous start
    Throttled, // the server said "slow down" and the pause is still running
    // Not the limiter's: the delivery policy paused the campaign because the server as a whole
    // is unavailable (DeliveryPolicy::sitePause); CampaignProgress reports it in the same field.
    ServerUnavailable,
};

// The sending windows of one campaign, shared by all its connections and consulted just before
// each MAIL FROM: `if (limiter.tryAcquire()) sendMailFrom(); else wait timeUntilNextSlot()`.
//
// Per second it paces rather than counts: at 10/s starts are at least 100 ms apart, whoever asks,
// so no one-second window ever holds more than 10 starts, however many connections there are
// (a token bucket per connection, as in nodemailer's pool, lets N connections burst N times the
// rate). perMinute and perDay are sliding windows over the start times: a start is allowed when
// fewer than N starts happened in the preceding 60 s / 24 h, i.e. the 31st start at 30/min waits
// until the 1st is 60 s old; perMinute is also paced evenly (30 a minute: one start every 2 s), so
// the window binds only after a restart (restoreStarts). The day is a rolling 24 h, not a calendar day: no calendar day can
// then hold more than perDay starts either, so this is safe for providers of both kinds.
//
// Pure logic: time comes only from the Clock (tests use ManualClock); the owner arms its own
// timer with timeUntilNextSlot(). Not thread-safe: use it from the engine thread.
class RateLimiter final
{
public:
    // After this many deliveries in a row a throttled rate climbs by RecoveryStep of the rate it
    // came down from (the configured one, or the one measured at the first throttling).
    static constexpr int SuccessesBeforeRecovery = 10;
    static constexpr double RecoveryStep = 0.1;
    // Halving never goes below one start a minute; the pause does the rest.
    static constexpr double MinimumThrottledPerSecond = 1.0 / 60.0;
    // When no per-second rate is configured, throttling starts from the rate achieved over
    // this span, and from at least MinimumMeasuredPerSecond.
    static constexpr std::chrono::seconds MeasurementSpan{10};
    static constexpr double MinimumMeasuredPerSecond = 1.0;
    // The most start times kept for that measurement (memory stays bounded at any speed).
    static constexpr int MeasurementSampleLimit = 1000;

    RateLimiter(RateLimits limits, const Clock &clock);

    // How long until tryAcquire() would succeed, rounded up to whole milliseconds; 0 means now.
    [[nodiscard]] std::chrono::milliseconds timeUntilNextSlot() const;
    // Why it is holding now (None when a start is allowed now).
    [[nodiscard]] HoldReason holdReason() const;
    // Records a start now and returns true if every window allows it; otherwise records nothing
    // and returns false.
    [[nodiscard]] bool tryAcquire();

    // The server said "slow down" (ReplyVerdict::Throttled or ConnectionLimit). Halves the
    // effective per-second rate (never below MinimumThrottledPerSecond); with no per-second limit
    // configured it starts from the rate achieved over the last MeasurementSpan (at least
    // MinimumMeasuredPerSecond). Holds every start for throttlePause(n, firstPause) (retrypolicy.h),
    // where n counts throttling episodes since the last delivery: 5 s, 10, 20, ... 15 min.
    // Replies that arrive while the hold is running belong to the same episode (connections that
    // were mid-message when the first one was throttled): they neither halve again nor extend it.
    // Returns how long starts are now held.
    std::chrono::milliseconds onThrottled(
        std::chrono::milliseconds firstPause = DefaultThrottlePause);
    // A message was accepted. After SuccessesBeforeRecovery in a row the effective rate grows by
    // RecoveryStep of the ceiling (additively), up to the configured rate; with no per-second limit configured, up to the
    // rate measured at the first throttling, after which it is unlimited again.
    void onDelivered();
    // The per-second rate in force now: the configured one unless throttled; 0 = unlimited.
    [[nodiscard]] double effectivePerSecond() const;
    // How many throttling episodes since the last delivery (0 when not throttled).
    [[nodiscard]] int consecutiveThrottles() const { return m_consecutiveThrottles; }

    // After a restart, the start times from the send journal (wall clock, UTC): they count
    // against perMinute, perDay, delayBetweenMessages and the pacing exactly as if this limiter
    // had seen them, so reopening a campaign never resets a provider's daily quota. Times older than the
    // largest window are ignored; times in the future (clock changes) count as now.
    void restoreStarts(const QList<QDateTime> &startTimesUtc);
    // Starts in the last 24 h. Kept only when perDay > 0 (otherwise 0: the limiter does not keep
    // a day of history it does not need).
    [[nodiscard]] int startsInLastDay() const;
    // perDay − startsInLastDay(), or nullopt when there is no daily limit: "today's quota leaves
    // room for N more".
    [[nodiscard]] std::optional<int> remainingInDay() const;

    [[nodiscard]] const RateLimits &limits() const { return m_limits; }

private:
    using Duration = std::chrono::steady_clock::duration;
    using TimePoint = Clock::TimePoint;

    struct Wait
    {
        Duration duration{0};
        HoldReason reason = HoldReason::None;
    };

    [[nodiscard]] Wait longestWait() const;
    [[nodiscard]] Duration pacingInterval() const;
    [[nodiscard]] Duration windowWait(int limit, Duration window) const;
    [[nodiscard]] int startsSince(TimePoint since) const;
    [[nodiscard]] double achievedPerSecond() const;
    [[nodiscard]] bool isRateReduced() const;
    [[nodiscard]] Duration horizon() const;
    [[nodiscard]] std::size_t capacity() const;
    void trim();

    RateLimits m_limits;
    const Clock &m_clock;
    double m_effectivePerSecond = 0; // 0 = unlimited
    double m_recoveryCeiling = 0;    // where recovery stops; 0 = the configured rate (unlimited)
    std::optional<TimePoint> m_lastStart;
    std::optional<TimePoint> m_firstStart; // for the achieved rate early in a campaign
    // Oldest first; only as far back as the largest window (24 h, 60 s or MeasurementSpan) and
    // only as many as its limit (perDay, perMinute or MeasurementSampleLimit) needs.
    std::deque<TimePoint> m_starts;
    std::optional<TimePoint> m_holdUntil;
    int m_consecutiveThrottles = 0;
    int m_successesInRow = 0;
};

} // namespace Bulkmail
