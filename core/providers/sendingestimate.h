#pragma once

#include "delivery/deliverysettings.h"

#include <chrono>

namespace Bulkmail {

// Which setting sets the pace of a send.
enum class PaceLimit {
    None,      // no rate, no delay: as fast as the server and the connections allow
    PerSecond, // RateLimits::perSecond
    PerMinute, // RateLimits::perMinute
    Delay,     // RateLimits::delayBetweenMessages
};

// The numbers behind "at 30 a minute, 2,400 recipients take about 1 h 20 min; today's quota of
// 10,000 leaves room for 7,600 more". The sentence itself is the UI's (translated, with locale
// number formats).
struct SendingEstimate
{
    int recipients = 0;
    int maxConnections = 1;
    PaceLimit boundBy = PaceLimit::None;
    // The pace the strictest window allows, in messages per minute; 0 when unbounded.
    double messagesPerMinute = 0;
    // How long the messages sent today take at that pace; 0 when unbounded.
    std::chrono::seconds duration{0};

    int dailyQuota = 0; // RateLimits::perDay; 0: none
    int alreadySentToday = 0;
    int sendableToday = 0; // what today's quota lets through now (all of them without a quota)
    int roomLeftToday = 0; // quota left once they are sent
    int carriedOver = 0;   // recipients that wait for the quota to free up
    int extraDays = 0;     // further 24-hour windows the carried-over recipients need

    [[nodiscard]] bool isBounded() const { return boundBy != PaceLimit::None; }
    [[nodiscard]] bool exceedsDailyQuota() const { return carriedOver > 0; }
};

// Pure computation. The windows are shared by all connections (see RateLimiter), so the pace is
// the slowest of 1/perSecond, 60/perMinute and the delay between messages, whatever
// maxConnections is; a window of N a minute admits N at once and then N more each minute, so the
// sustained pace, N a minute, is what a long send sees. The daily quota is a rolling 24 hours:
// `alreadySentToday` (e.g. RateLimiter::startsInLastDay()) counts against it.
[[nodiscard]] SendingEstimate estimateSending(int recipients,
                                              const RateLimits &limits,
                                              int maxConnections,
                                              int alreadySentToday = 0);

} // namespace Bulkmail
