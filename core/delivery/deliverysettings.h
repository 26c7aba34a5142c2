#pragma once

#include "smtp/smtpendpoint.h"

#include <chrono>

namespace Bulkmail {

// The sending windows. Zero means unlimited for every field.
struct RateLimits
{
    double perSecond = 10;
    int perMinute = 0;
    int perDay = 0; // Office 365 allows 30 a minute and 10,000 a day
    std::chrono::milliseconds delayBetweenMessages{0};
};

// What to do with a recipient whose final dot was sent but never answered (RFC 5321 §6.1), when a
// campaign resumes from its journal.
enum class UnconfirmedPolicy {
    Resend, // resend once and flag it "possibly duplicated" (RFC 5321 §3.8)
    Hold,   // keep it out of the send and list it for the user to decide
};

// Whether a duplicate address in the list (the domain compared without case, or the same
// mailbox spelled in another case) gets the message again.
enum class DuplicatePolicy {
    SendOnce, // the first row gets it, the others are skipped (the default)
    SendEach, // every row gets its own message, as the user asked
};

// How many connections, how long each lives, and how failures are retried.
struct DeliverySettings
{
    int maxConnections = 1;
    int maxMessagesPerConnection = 50; // 0: no limit
    // 0: no limit (as Postfix's smtp_connection_reuse_time_limit)
    std::chrono::seconds maxConnectionAge{300};
    std::chrono::seconds idleTimeout{30}; // QUIT a connection idle this long
    int maxAttempts = 3;                  // per recipient, for temporary failures
    std::chrono::seconds retryDelay{30};  // first back-off; doubles after each attempt
    // First pause after a "slow down" reply; doubles while the server keeps throttling. Short:
    // the rate steps down at the same time, and finding the pace the server accepts takes a few
    // tries. Not in the campaign file: a seam for tests and rehearsals.
    std::chrono::milliseconds throttlePause{5'000};
    // How long the server may be unavailable (refused connections, an outage, a milter down)
    // before the campaign gives up on the rest; until then it pauses and tries again.
    std::chrono::minutes giveUpAfter{240};
    // The delivery policy's first waits (DeliveryPolicy): before reconnecting after the second
    // session failure in a row, and the first pause while the server is unavailable; both double
    // while the trouble lasts. Not in the campaign file: seams for tests and rehearsals.
    std::chrono::milliseconds reconnectDelay{2'000};
    std::chrono::milliseconds sitePause{10'000};
    RateLimits rateLimits;
    SmtpTimeouts timeouts;
    UnconfirmedPolicy unconfirmedPolicy = UnconfirmedPolicy::Resend;
    DuplicatePolicy duplicates = DuplicatePolicy::SendOnce;
};

} // namespace Bulkmail
