#include "sendingestimate.h"

#include <algorithm>
#include <cmath>

namespace Bulkmail {

SendingEstimate estimateSending(int recipients,
                                const RateLimits &limits,
                                int maxConnections,
                                int alreadySentToday)
{
    SendingEstimate estimate;
    estimate.recipients = std::max(0, recipients);
    estimate.maxConnections = std::max(1, maxConnections);
    estimate.alreadySentToday = std::max(0, alreadySentToday);

    // Seconds between two starts, per window; the largest sets the pace.
    double interval = 0;
    auto consider = [&](double seconds, PaceLimit limit) {
        if (seconds > interval) {
            interval = seconds;
            estimate.boundBy = limit;
        }
    };
    if (limits.perSecond > 0)
        consider(1.0 / limits.perSecond, PaceLimit::PerSecond);
    if (limits.perMinute > 0)
        consider(60.0 / limits.perMinute, PaceLimit::PerMinute);
    if (limits.delayBetweenMessages.count() > 0)
        consider(std::chrono::duration<double>(limits.delayBetweenMessages).count(),
                 PaceLimit::Delay);
    if (interval > 0)
        estimate.messagesPerMinute = 60.0 / interval;

    if (limits.perDay > 0) {
        estimate.dailyQuota = limits.perDay;
        const int available = std::max(0, limits.perDay - estimate.alreadySentToday);
        estimate.sendableToday = std::min(estimate.recipients, available);
        estimate.roomLeftToday = available - estimate.sendableToday;
        estimate.carriedOver = estimate.recipients - estimate.sendableToday;
        estimate.extraDays = estimate.carriedOver > 0
                                 ? (estimate.carriedOver + limits.perDay - 1) / limits.perDay
                                 : 0;
    } else {
        estimate.sendableToday = estimate.recipients;
    }

    if (interval > 0) {
        estimate.duration = std::chrono::seconds(
            std::llround(static_cast<double>(estimate.sendableToday) * interval));
    }
    return estimate;
}

} // namespace Bulkmail
