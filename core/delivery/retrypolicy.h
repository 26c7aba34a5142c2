#pragma once

#include <chrono>

namespace Bulkmail {

// How long to wait before retrying, in one place: the per-recipient back-off after a temporary
// failure (RecipientTemporary, ConnectionLost) and the campaign-wide pause after the server says
// "slow down" (Throttled, ConnectionLimit; RateLimiter::onThrottled uses throttlePause()).
// Pure functions: no clock, no state.

// The longest a recipient waits between two attempts, however many attempts failed.
inline constexpr std::chrono::milliseconds MaxRetryDelay = std::chrono::hours(1);
// The first pause after a throttling reply when the caller has no better figure: seconds, not a
// minute, since the rate steps down at the same time (RateLimiter::onThrottled).
inline constexpr std::chrono::milliseconds DefaultThrottlePause = std::chrono::seconds(5);
// The longest throttling pause; repeated throttling doubles the pause up to this.
inline constexpr std::chrono::milliseconds MaxThrottlePause = std::chrono::minutes(15);

// Whether retryDelay() adds randomness. Off by default so that schedules (and tests) are
// deterministic; turn it on when many recipients fail at once and their retries should not all
// arrive at the same instant.
enum class Jitter {
    None,
    UpToTwentyPercent, // adds a uniform random 0–20 % of the delay (never shortens it)
};

// The wait before the next attempt after attempt number `attemptJustFailed` (1-based) failed:
// firstDelay × 2^(attemptJustFailed − 1), capped at MaxRetryDelay, plus the jitter if asked.
// attemptJustFailed < 1 counts as 1; a zero or negative firstDelay gives zero.
// With firstDelay = 30 s: 30 s, 60 s, 120 s, ... 1 h, 1 h.
[[nodiscard]] std::chrono::milliseconds retryDelay(int attemptJustFailed,
                                                   std::chrono::seconds firstDelay,
                                                   Jitter jitter = Jitter::None);

// Whether a recipient that failed temporarily gets another attempt. attemptsMade counts the
// attempts already made, including the one that just failed. maxAttempts < 1 counts as 1: one
// attempt, no retry (DeliverySettings::maxAttempts).
[[nodiscard]] bool shouldRetry(int attemptsMade, int maxAttempts);

// The campaign-wide hold after the `consecutiveThrottles`-th throttling reply in a row (1-based;
// a delivered message resets the count): firstPause × 2^(n − 1), capped at MaxThrottlePause
// (a firstPause longer than the cap is honoured as is). With the default: 5, 10, 20, 40 s, ...
[[nodiscard]] std::chrono::milliseconds throttlePause(
    int consecutiveThrottles, std::chrono::milliseconds firstPause = DefaultThrottlePause);

} // namespace Bulkmail
