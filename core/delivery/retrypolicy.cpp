#include "retrypolicy.h"

#include <algorithm>

#include <QRandomGenerator>

namespace Bulkmail {

namespace {

// base × 2^(exponent), saturating at cap without overflowing.
std::chrono::milliseconds doubledCapped(std::chrono::milliseconds base,
                                        int exponent,
                                        std::chrono::milliseconds cap)
{
    if (base.count() <= 0)
        return std::chrono::milliseconds(0);
    if (base >= cap)
        return cap;
    std::chrono::milliseconds value = base;
    for (int i = 0; i < exponent; ++i) {
        if (value >= cap / 2)
            return cap;
        value *= 2;
    }
    return std::min(value, cap);
}

} // namespace

std::chrono::milliseconds retryDelay(int attemptJustFailed,
                                     std::chrono::seconds firstDelay,
                                     Jitter jitter)
{
    const int attempt = std::max(attemptJustFailed, 1);
    const std::chrono::milliseconds delay = doubledCapped(firstDelay, attempt - 1, MaxRetryDelay);
    if (jitter == Jitter::None || delay.count() <= 0)
        return delay;
    // Only ever added, so a jittered retry is never earlier than the deterministic one.
    const qint64 maximumExtra = delay.count() / 5;
    return delay + std::chrono::milliseconds(QRandomGenerator::global()->bounded(maximumExtra + 1));
}

bool shouldRetry(int attemptsMade, int maxAttempts)
{
    return attemptsMade < std::max(maxAttempts, 1);
}

std::chrono::milliseconds throttlePause(int consecutiveThrottles,
                                        std::chrono::milliseconds firstPause)
{
    if (firstPause >= MaxThrottlePause)
        return firstPause;
    return doubledCapped(firstPause, std::max(consecutiveThrottles, 1) - 1, MaxThrottlePause);
}

} // namespace Bulkmail
