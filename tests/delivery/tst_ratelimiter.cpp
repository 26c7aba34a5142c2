#include "common/clock.h"
#include "delivery/ratelimiter.h"

#include <algorithm>
#include <vector>

#include <QTest>

using namespace Bulkmail;
using namespace std::chrono_literals;

namespace {

RateLimits limits(double perSecond,
                  int perMinute = 0,
                  int perDay = 0,
                  std::chrono::milliseconds delay = 0ms)
{
    RateLimits result;
    result.perSecond = perSecond;
    result.perMinute = perMinute;
    result.perDay = perDay;
    result.delayBetweenMessages = delay;
    return result;
}

// Milliseconds since `origin` on the manual clock.
qint64 elapsed(const ManualClock &clock, Clock::TimePoint origin)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock.now() - origin).count();
}

// The most starts that any half-open window [t, t + window) holds.
int busiestWindow(const std::vector<qint64> &startsMs, qint64 windowMs)
{
    int busiest = 0;
    for (std::size_t i = 0; i < startsMs.size(); ++i) {
        const auto end = std::lower_bound(startsMs.begin() + static_cast<std::ptrdiff_t>(i),
                                          startsMs.end(),
                                          startsMs[i] + windowMs);
        busiest = std::max(busiest, static_cast<int>(end - startsMs.begin()) - static_cast<int>(i));
    }
    return busiest;
}

} // namespace

class TestRateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unlimitedNeverHolds();
    void tenPerSecondWithFourCallersInATightLoop();
    void tenPerSecondWithCallersWakingOnTheirTimers();
    void fractionalRate();
    void unevenRateNeverExceedsItsWindow();
    void perMinuteSlidingWindow();
    void office365MinuteAndDayWindows();
    void perDayWindowIsRolling24Hours();
    void delayBetweenMessages();
    void holdReasonPrefersTheLongestWait();
    void holdReasonTiePrefersTheStricterWindow();
    void throttleHalvesTheRateAndHolds();
    void throttleRepliesWithinOneEpisodeCountOnce();
    void repeatedThrottlingDoublesThePauseUpToTheCap();
    void deliveryResetsThePauseProgression();
    void throttleNeverStopsSendingEntirely();
    void throttleWhenUnlimitedStartsFromTheAchievedRate();
    void throttleWhenUnlimitedAndIdleStartsFromOnePerSecond();
    void throttleEarlyInACampaignMeasuresOverTheTimeSoFar();
    void recoveryAfterSuccessesUpToTheConfiguredRate();
    void recoveryWhenUnlimitedReturnsToUnlimited();
    void restoreStartsCountsAgainstTheDayWindow();
    void restoreStartsCountsAgainstTheMinuteWindowAndDelay();
    void restoreStartsIgnoresOldAndClampsFutureTimes();
    void dayCountersWithoutADailyLimit();
    void invalidLimitsMeanUnlimited();
};

void TestRateLimiter::unlimitedNeverHolds()
{
    ManualClock clock;
    RateLimiter limiter(limits(0), clock);
    for (int i = 0; i < 5000; ++i)
        QVERIFY(limiter.tryAcquire());
    QCOMPARE(limiter.timeUntilNextSlot(), 0ms);
    QCOMPARE(limiter.holdReason(), HoldReason::None);
    QCOMPARE(limiter.effectivePerSecond(), 0.0);
}

// The requirement nodemailer's pooled limiter breaks: several connections asking at once must
// still produce at most 10 starts in any one-second window, evenly paced.
void TestRateLimiter::tenPerSecondWithFourCallersInATightLoop()
{
    ManualClock clock;
    const Clock::TimePoint origin = clock.now();
    RateLimiter limiter(limits(10), clock);

    std::vector<qint64> starts;
    std::vector<int> startsPerCaller(4, 0);
    int firstToAsk = 0;
    for (int step = 0; step < 10'000; ++step) { // 10 s in 1 ms steps
        for (int turn = 0; turn < 4; ++turn) {
            const int caller = (firstToAsk + turn) % 4;
            if (limiter.tryAcquire()) {
                starts.push_back(elapsed(clock, origin));
                ++startsPerCaller[static_cast<std::size_t>(caller)];
                firstToAsk = (caller + 1) % 4; // round-robin: the next one asks first
            }
        }
        clock.advance(1ms);
    }

    QCOMPARE(starts.size(), std::size_t(100));
    for (std::size_t i = 0; i < starts.size(); ++i)
        QCOMPARE(starts[i], qint64(i) * 100); // one every 100 ms, no burst
    QCOMPARE(busiestWindow(starts, 1000), 10);
    for (int count : startsPerCaller)
        QCOMPARE(count, 25);
}

void TestRateLimiter::tenPerSecondWithCallersWakingOnTheirTimers()
{
    ManualClock clock;
    const Clock::TimePoint origin = clock.now();
    RateLimiter limiter(limits(10), clock);

    // Each caller sleeps exactly as long as the limiter says, as a QTimer would.
    std::vector<qint64> wakeAt(4, 0);
    std::vector<qint64> starts;
    while (elapsed(clock, origin) < 10'000) {
        const qint64 now = elapsed(clock, origin);
        for (std::size_t caller = 0; caller < wakeAt.size(); ++caller) {
            if (wakeAt[caller] > now)
                continue;
            if (limiter.tryAcquire()) {
                starts.push_back(now);
                wakeAt[caller] = now + 30; // "sending the message", then ask again
            } else {
                QCOMPARE_GT(limiter.timeUntilNextSlot(), 0ms);
                QCOMPARE(limiter.holdReason(), HoldReason::PerSecond);
                wakeAt[caller] = now + limiter.timeUntilNextSlot().count();
            }
        }
        const qint64 next = *std::min_element(wakeAt.begin(), wakeAt.end());
        clock.advance(std::chrono::milliseconds(std::max<qint64>(next - now, 1)));
    }

    QCOMPARE(starts.size(), std::size_t(100));
    QCOMPARE(busiestWindow(starts, 1000), 10);
    QCOMPARE(starts.back(), qint64(9900));
}

void TestRateLimiter::fractionalRate()
{
    ManualClock clock;
    RateLimiter limiter(limits(0.5), clock);
    QVERIFY(limiter.tryAcquire());
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.timeUntilNextSlot(), 2000ms);
    QCOMPARE(limiter.holdReason(), HoldReason::PerSecond);
    clock.advance(1999ms);
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.timeUntilNextSlot(), 1ms);
    clock.advance(1ms);
    QCOMPARE(limiter.timeUntilNextSlot(), 0ms);
    QCOMPARE(limiter.holdReason(), HoldReason::None);
    QVERIFY(limiter.tryAcquire());
}

// 3/s does not divide a second into whole milliseconds: the interval rounds up, never down.
void TestRateLimiter::unevenRateNeverExceedsItsWindow()
{
    ManualClock clock;
    const Clock::TimePoint origin = clock.now();
    RateLimiter limiter(limits(3), clock);
    std::vector<qint64> starts;
    for (int step = 0; step < 6000; ++step) {
        if (limiter.tryAcquire())
            starts.push_back(elapsed(clock, origin));
        clock.advance(1ms);
    }
    QCOMPARE(busiestWindow(starts, 1000), 3);
    QCOMPARE(starts.size(), std::size_t(18)); // 0, 334, 668, 1002, ... 5678 ms
    QCOMPARE(starts[1], qint64(334));
    QCOMPARE(starts[3], qint64(1002));
}

void TestRateLimiter::perMinuteSlidingWindow()
{
    // Paced evenly: 30 a minute is one start every 2 s, never a burst of 30 and an idle minute
    // (which closes the connection and logs in again every minute).
    ManualClock clock;
    const Clock::TimePoint origin = clock.now();
    RateLimiter limiter(limits(0, 30), clock);
    QVERIFY(limiter.tryAcquire());
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.holdReason(), HoldReason::PerMinute);
    QCOMPARE(limiter.timeUntilNextSlot(), 2000ms);
    std::vector<qint64> starts{0};
    while (elapsed(clock, origin) < 10 * 60'000) {
        clock.advance(limiter.timeUntilNextSlot());
        if (limiter.tryAcquire())
            starts.push_back(elapsed(clock, origin));
    }
    QCOMPARE(busiestWindow(starts, 60'000), 30);
    QCOMPARE(busiestWindow(starts, 10'000), 5);

    // The window still binds where pacing cannot see: starts of an earlier run (a restart).
    ManualClock restarted;
    RateLimiter resumed(limits(0, 30), restarted);
    QList<QDateTime> earlier;
    for (int i = 0; i < 30; ++i)
        earlier.append(restarted.currentDateTimeUtc().addMSecs(-10'000 + i * 100));
    resumed.restoreStarts(earlier);
    QVERIFY(!resumed.tryAcquire());
    QCOMPARE(resumed.holdReason(), HoldReason::PerMinute);
    QCOMPARE(resumed.timeUntilNextSlot(), 50'000ms); // until the first is 60 s old
}

// Office 365 SMTP AUTH: 30 messages a minute and 10,000 recipients a day.
void TestRateLimiter::office365MinuteAndDayWindows()
{
    ManualClock clock;
    const Clock::TimePoint origin = clock.now();
    RateLimiter limiter(limits(0, 30, 10'000), clock);

    // One start every 2 s: the 31st is exactly 60 s after the 1st.
    for (int i = 0; i < 30; ++i) {
        QVERIFY(limiter.tryAcquire());
        QVERIFY(!limiter.tryAcquire());
        QCOMPARE(limiter.timeUntilNextSlot(), 2000ms);
        clock.advance(2s);
    }
    QCOMPARE(elapsed(clock, origin), qint64(60'000));
    QVERIFY(limiter.tryAcquire()); // the 31st, exactly when the 1st is 60 s old
    QVERIFY(!limiter.tryAcquire());

    // Send as fast as allowed until the day is used up.
    std::vector<qint64> starts;
    int sent = 31;
    while (sent < 10'000) {
        if (limiter.tryAcquire()) {
            starts.push_back(elapsed(clock, origin));
            ++sent;
        } else {
            QCOMPARE(limiter.holdReason(), HoldReason::PerMinute);
            clock.advance(limiter.timeUntilNextSlot());
        }
    }
    QCOMPARE(busiestWindow(starts, 60'000), 30);
    QCOMPARE(limiter.startsInLastDay(), 10'000);
    QCOMPARE(limiter.remainingInDay(), std::optional<int>(0));
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.holdReason(), HoldReason::PerDay);
    // The 10,001st waits until the very first start is 24 h old.
    const qint64 waitMs = limiter.timeUntilNextSlot().count();
    QCOMPARE(elapsed(clock, origin) + waitMs, qint64(24 * 3600 * 1000));
    clock.advance(std::chrono::milliseconds(waitMs - 1));
    QVERIFY(!limiter.tryAcquire());
    clock.advance(1ms);
    QVERIFY(limiter.tryAcquire());
    QCOMPARE(limiter.startsInLastDay(), 10'000);
}

void TestRateLimiter::perDayWindowIsRolling24Hours()
{
    ManualClock clock;
    RateLimiter limiter(limits(0, 0, 3), clock);
    QVERIFY(limiter.tryAcquire());
    clock.advance(10h);
    QVERIFY(limiter.tryAcquire());
    clock.advance(10h);
    QVERIFY(limiter.tryAcquire());
    QCOMPARE(limiter.startsInLastDay(), 3);
    QCOMPARE(limiter.remainingInDay(), std::optional<int>(0));
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.holdReason(), HoldReason::PerDay);
    QCOMPARE(limiter.timeUntilNextSlot(), std::chrono::milliseconds(4h)); // first is 20 h old
    clock.advance(4h);
    QCOMPARE(limiter.startsInLastDay(), 2);
    QCOMPARE(limiter.remainingInDay(), std::optional<int>(1));
    QVERIFY(limiter.tryAcquire());
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.timeUntilNextSlot(), std::chrono::milliseconds(10h)); // second: 14 h old
}

void TestRateLimiter::delayBetweenMessages()
{
    ManualClock clock;
    RateLimiter limiter(limits(0, 0, 0, 1500ms), clock);
    QVERIFY(limiter.tryAcquire());
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.holdReason(), HoldReason::Delay);
    QCOMPARE(limiter.timeUntilNextSlot(), 1500ms);
    clock.advance(1499ms);
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.timeUntilNextSlot(), 1ms);
    clock.advance(1ms);
    QVERIFY(limiter.tryAcquire());
    // A late caller does not earn a burst: the gap counts from the last start.
    clock.advance(10s);
    QVERIFY(limiter.tryAcquire());
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.timeUntilNextSlot(), 1500ms);
}

void TestRateLimiter::holdReasonPrefersTheLongestWait()
{
    ManualClock clock;
    RateLimiter delayed(limits(10, 0, 0, 300ms), clock);
    QVERIFY(delayed.tryAcquire());
    QCOMPARE(delayed.holdReason(), HoldReason::Delay); // 300 ms beats 100 ms pacing
    QCOMPARE(delayed.timeUntilNextSlot(), 300ms);

    RateLimiter limiter(limits(10, 2, 0, 300ms), clock);
    QCOMPARE(limiter.holdReason(), HoldReason::None);
    QVERIFY(limiter.tryAcquire());
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.holdReason(), HoldReason::PerMinute); // 30 s pacing beats 300 ms
    QCOMPARE(limiter.timeUntilNextSlot(), 30'000ms);
    clock.advance(30s);
    QVERIFY(limiter.tryAcquire());
    limiter.onThrottled(5min);
    QCOMPARE(limiter.holdReason(), HoldReason::Throttled); // 5 min beats 30 s
    QCOMPARE(limiter.timeUntilNextSlot(), std::chrono::milliseconds(5min));
    clock.advance(5min);
    QCOMPARE(limiter.holdReason(), HoldReason::None);
}

void TestRateLimiter::holdReasonTiePrefersTheStricterWindow()
{
    ManualClock clock;
    RateLimiter limiter(limits(1, 0, 0, 1000ms), clock);
    QVERIFY(limiter.tryAcquire());
    QCOMPARE(limiter.timeUntilNextSlot(), 1000ms);
    QCOMPARE(limiter.holdReason(), HoldReason::Delay);
}

void TestRateLimiter::throttleHalvesTheRateAndHolds()
{
    ManualClock clock;
    RateLimiter limiter(limits(10), clock);
    QVERIFY(limiter.tryAcquire());
    QCOMPARE(limiter.onThrottled(60s), std::chrono::milliseconds(60s));
    QCOMPARE(limiter.effectivePerSecond(), 5.0);
    QCOMPARE(limiter.consecutiveThrottles(), 1);
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.holdReason(), HoldReason::Throttled);
    QCOMPARE(limiter.timeUntilNextSlot(), 60'000ms);
    clock.advance(59'999ms);
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.holdReason(), HoldReason::Throttled);
    clock.advance(1ms);
    QVERIFY(limiter.tryAcquire());
    // Now paced at 5/s: 200 ms apart.
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.holdReason(), HoldReason::PerSecond);
    QCOMPARE(limiter.timeUntilNextSlot(), 200ms);
}

void TestRateLimiter::throttleRepliesWithinOneEpisodeCountOnce()
{
    ManualClock clock;
    RateLimiter limiter(limits(8), clock);
    QCOMPARE(limiter.onThrottled(60s), std::chrono::milliseconds(60s));
    // Three more connections report the same "slow down" a moment later.
    clock.advance(2s);
    QCOMPARE(limiter.onThrottled(60s), std::chrono::milliseconds(58s));
    QCOMPARE(limiter.onThrottled(60s), std::chrono::milliseconds(58s));
    QCOMPARE(limiter.onThrottled(60s), std::chrono::milliseconds(58s));
    QCOMPARE(limiter.effectivePerSecond(), 4.0);
    QCOMPARE(limiter.consecutiveThrottles(), 1);
    QCOMPARE(limiter.timeUntilNextSlot(), 58'000ms);
}

void TestRateLimiter::repeatedThrottlingDoublesThePauseUpToTheCap()
{
    ManualClock clock;
    RateLimiter limiter(limits(64), clock);
    const std::vector<std::chrono::milliseconds> expected = {1min, 2min, 4min, 8min, 15min, 15min};
    double rate = 64;
    for (const std::chrono::milliseconds pause : expected) {
        QCOMPARE(limiter.onThrottled(1min), pause);
        rate /= 2;
        QCOMPARE(limiter.effectivePerSecond(), rate);
        QCOMPARE(limiter.timeUntilNextSlot(), pause);
        clock.advance(pause); // the hold ends, and the next message is throttled again
        QVERIFY(limiter.tryAcquire());
    }
    QCOMPARE(limiter.consecutiveThrottles(), 6);
}

void TestRateLimiter::deliveryResetsThePauseProgression()
{
    ManualClock clock;
    RateLimiter limiter(limits(10), clock);
    QCOMPARE(limiter.onThrottled(30s), std::chrono::milliseconds(30s));
    clock.advance(30s);
    QCOMPARE(limiter.onThrottled(30s), std::chrono::milliseconds(60s));
    clock.advance(60s);
    limiter.onDelivered();
    QCOMPARE(limiter.consecutiveThrottles(), 0);
    QCOMPARE(limiter.onThrottled(30s), std::chrono::milliseconds(30s));
    QCOMPARE(limiter.effectivePerSecond(), 1.25); // the rate stays reduced: 10 → 5 → 2.5 → 1.25
}

void TestRateLimiter::throttleNeverStopsSendingEntirely()
{
    ManualClock clock;
    RateLimiter limiter(limits(1), clock);
    for (int i = 0; i < 20; ++i) {
        clock.advance(limiter.onThrottled(1s));
    }
    QCOMPARE(limiter.effectivePerSecond(), RateLimiter::MinimumThrottledPerSecond);
    QVERIFY(limiter.tryAcquire());
    QCOMPARE(limiter.timeUntilNextSlot(), 60'000ms); // one a minute
}

void TestRateLimiter::throttleWhenUnlimitedStartsFromTheAchievedRate()
{
    ManualClock clock;
    RateLimiter limiter(limits(0), clock);
    // 5 starts a second for 12 s; only the last 10 s (50 starts) count.
    for (int i = 0; i < 60; ++i) {
        clock.advance(200ms);
        QVERIFY(limiter.tryAcquire());
    }
    limiter.onThrottled(10s);
    QCOMPARE(limiter.effectivePerSecond(), 2.5);
    clock.advance(10s);
    QVERIFY(limiter.tryAcquire());
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.timeUntilNextSlot(), 400ms);
}

void TestRateLimiter::throttleWhenUnlimitedAndIdleStartsFromOnePerSecond()
{
    ManualClock clock;
    RateLimiter limiter(limits(0), clock);
    limiter.onThrottled(1s);
    QCOMPARE(limiter.effectivePerSecond(), 0.5);
}

void TestRateLimiter::throttleEarlyInACampaignMeasuresOverTheTimeSoFar()
{
    ManualClock clock;
    RateLimiter limiter(limits(0), clock);
    // 11 starts 200 ms apart in the first 2 s: the achieved rate is 5 a second, not 11 over the
    // whole 10 s span (1.1 a second), so the throttled rate is half of 5.
    clock.advance(5s);
    for (int i = 0; i < 11; ++i) {
        QVERIFY(limiter.tryAcquire());
        clock.advance(200ms);
    }
    limiter.onThrottled(1s);
    QCOMPARE(limiter.effectivePerSecond(), 2.5);

    // A burst of starts within a millisecond is measured over at least a second: 8 starts, 7
    // intervals, 7 a second, halved.
    RateLimiter burst(limits(0), clock);
    for (int i = 0; i < 8; ++i)
        QVERIFY(burst.tryAcquire());
    burst.onThrottled(1s);
    QCOMPARE(burst.effectivePerSecond(), 3.5);
}

void TestRateLimiter::recoveryAfterSuccessesUpToTheConfiguredRate()
{
    ManualClock clock;
    RateLimiter limiter(limits(10), clock);
    limiter.onThrottled(1s);
    QCOMPARE(limiter.effectivePerSecond(), 5.0);
    for (int i = 0; i < RateLimiter::SuccessesBeforeRecovery - 1; ++i)
        limiter.onDelivered();
    QCOMPARE(limiter.effectivePerSecond(), 5.0);
    limiter.onDelivered();
    QCOMPARE(limiter.effectivePerSecond(), 6.0); // additive: a tenth of 10 a second
    const std::vector<double> steps = {7.0, 8.0, 9.0, 10.0, 10.0};
    for (double expected : steps) {
        for (int i = 0; i < RateLimiter::SuccessesBeforeRecovery; ++i)
            limiter.onDelivered();
        QCOMPARE(limiter.effectivePerSecond(), expected);
    }
    // A throttle in the middle of a run starts the count again.
    clock.advance(1s);
    limiter.onThrottled(1s);
    QCOMPARE(limiter.effectivePerSecond(), 5.0);
    for (int i = 0; i < RateLimiter::SuccessesBeforeRecovery / 2; ++i)
        limiter.onDelivered();
    clock.advance(1s);
    limiter.onThrottled(1s);
    QCOMPARE(limiter.effectivePerSecond(), 2.5);
    for (int i = 0; i < RateLimiter::SuccessesBeforeRecovery / 2; ++i)
        limiter.onDelivered();
    QCOMPARE(limiter.effectivePerSecond(), 2.5);
}

void TestRateLimiter::recoveryWhenUnlimitedReturnsToUnlimited()
{
    ManualClock clock;
    RateLimiter limiter(limits(0), clock);
    for (int i = 0; i < 40; ++i) { // 4/s over the last 10 s
        clock.advance(250ms);
        QVERIFY(limiter.tryAcquire());
    }
    limiter.onThrottled(1s);
    QCOMPARE(limiter.effectivePerSecond(), 2.0);
    // Steps of a tenth of the 4 a second measured; reaching it is unlimited again.
    const std::vector<double> steps = {2.4, 2.8, 3.2, 3.6, 0.0};
    for (double expected : steps) {
        for (int i = 0; i < RateLimiter::SuccessesBeforeRecovery; ++i)
            limiter.onDelivered();
        QCOMPARE(limiter.effectivePerSecond(), expected);
    }
    clock.advance(1s);
    for (int i = 0; i < 100; ++i)
        QVERIFY(limiter.tryAcquire());
}

void TestRateLimiter::restoreStartsCountsAgainstTheDayWindow()
{
    ManualClock clock;
    RateLimiter limiter(limits(10, 30, 100), clock);
    const QDateTime now = clock.currentDateTimeUtc();
    QList<QDateTime> journal;
    // 100 starts between 23 h and 22 h 10 min ago (one every 30 s).
    for (int i = 0; i < 100; ++i)
        journal.append(now.addSecs(-23 * 3600 + i * 30));
    limiter.restoreStarts(journal);

    QCOMPARE(limiter.startsInLastDay(), 100);
    QCOMPARE(limiter.remainingInDay(), std::optional<int>(0));
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.holdReason(), HoldReason::PerDay);
    QCOMPARE(limiter.timeUntilNextSlot(), std::chrono::milliseconds(1h));
    clock.advance(1h);
    QVERIFY(limiter.tryAcquire());
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.holdReason(), HoldReason::PerDay);
    QCOMPARE(limiter.timeUntilNextSlot(), 30'000ms);
}

void TestRateLimiter::restoreStartsCountsAgainstTheMinuteWindowAndDelay()
{
    ManualClock clock;
    RateLimiter limiter(limits(0, 30, 0, 5000ms), clock);
    const QDateTime now = clock.currentDateTimeUtc();
    QList<QDateTime> journal;
    for (int i = 30; i >= 1; --i) // 30 s ago ... 1 s ago
        journal.append(now.addSecs(-i));
    limiter.restoreStarts(journal);
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.holdReason(), HoldReason::PerMinute);
    QCOMPARE(limiter.timeUntilNextSlot(), 30'000ms);

    ManualClock otherClock;
    RateLimiter delayOnly(limits(0, 0, 0, 5000ms), otherClock);
    delayOnly.restoreStarts({otherClock.currentDateTimeUtc().addSecs(-2)});
    QCOMPARE(delayOnly.holdReason(), HoldReason::Delay);
    QCOMPARE(delayOnly.timeUntilNextSlot(), 3000ms);
}

void TestRateLimiter::restoreStartsIgnoresOldAndClampsFutureTimes()
{
    ManualClock clock;
    RateLimiter limiter(limits(0, 0, 3), clock);
    const QDateTime now = clock.currentDateTimeUtc();
    limiter.restoreStarts({now.addSecs(-25 * 3600), // older than the day: ignored
                           now.addSecs(-24 * 3600), // exactly a day old: out of the window
                           QDateTime(),             // invalid: ignored
                           now.addSecs(-3600),
                           now.addSecs(600)}); // in the future: counts as now
    QCOMPARE(limiter.startsInLastDay(), 2);
    QVERIFY(limiter.tryAcquire());
    QVERIFY(!limiter.tryAcquire());
    QCOMPARE(limiter.timeUntilNextSlot(), std::chrono::milliseconds(23h));
    clock.advance(23h);
    QCOMPARE(limiter.startsInLastDay(), 2);
}

void TestRateLimiter::dayCountersWithoutADailyLimit()
{
    ManualClock clock;
    RateLimiter limiter(limits(0, 30), clock);
    QVERIFY(limiter.tryAcquire());
    QCOMPARE(limiter.startsInLastDay(), 0);
    QCOMPARE(limiter.remainingInDay(), std::nullopt);
}

void TestRateLimiter::invalidLimitsMeanUnlimited()
{
    ManualClock clock;
    RateLimiter limiter(limits(-5, -1, -1, -100ms), clock);
    for (int i = 0; i < 100; ++i)
        QVERIFY(limiter.tryAcquire());
    QCOMPARE(limiter.effectivePerSecond(), 0.0);
    QCOMPARE(limiter.limits().perSecond, 0.0);
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
