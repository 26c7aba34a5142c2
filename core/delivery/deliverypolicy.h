#pragma once

#include "common/clock.h"
#include "deliverysettings.h"
#include "smtp/closenote.h"
#include "smtp/replyclassifier.h"
#include "smtp/smtpreply.h"

#include <QLatin1String>
#include <QString>

#include <chrono>
#include <optional>
#include <set>

namespace Bulkmail {

// Whom a reply concerns. Postfix keeps these apart (smtp_trouble.c: recipient, message and site
// failures; the queue manager's per-destination state); so do we, so that one recipient's trouble
// never pauses everybody and the server's trouble never fails anybody.
enum class FailureScope {
    None,      // a success
    Recipient, // a reply to one RCPT TO: that recipient alone is deferred or failed
    Message,   // a reply to MAIL, DATA or the final dot: that message alone
    Session,   // 421, a drop, a timeout, a protocol error: the connection is closed, what was on
               // it goes back to the queue, reconnecting backs off
    Site,      // the server as a whole cannot take mail now (a milter down, an outage, the same
               // temporary reply to several different messages): the campaign pauses, nobody is
               // charged, and it gives up only after DeliverySettings::giveUpAfter
    Throttle,  // the server asks us to slow down: the rate steps down (RateLimiter)
    Account,   // credentials, certificate, a refused greeting or sender, a used-up quota: stop
};

[[nodiscard]] QLatin1String scopeName(FailureScope scope);

// The one table from a classified reply to its scope; the tests read it too (tst_deliverypolicy).
//   Success                               -> None
//   RecipientTemporary/Permanent at RCPT  -> Recipient
//   RecipientTemporary/Permanent elsewhere-> Message
//   ConnectionLost, ProtocolError         -> Session
//   ServiceUnavailable                    -> Site
//   Throttled, ConnectionLimit            -> Throttle
//   QuotaExhausted, AuthenticationFailed,
//   Fatal                                 -> Account
[[nodiscard]] FailureScope scopeOf(ReplyVerdict verdict, SmtpStage stage);

// The decisions that span messages, in one place, with no sockets and no timers: time comes from
// the Clock, and the owner (the runner and the pool) arms its own timers from the answers.
//  - Session back-off: after a failure on an established session the first new connection opens
//    at once (a server may simply cap a session), the next ones wait
//    DeliverySettings::reconnectDelay (2 s), then twice as long each time up to
//    MaxReconnectDelay; a delivered message resets it. A reconnect storm cannot happen: at most
//    a handful of logins in the first minute of trouble, then one every MaxReconnectDelay.
//  - Site pauses: a ServiceUnavailable reply, the same temporary reply to SiteSignalStreak
//    different messages in a row, or connections refused after a session had worked, pause the
//    campaign for DeliverySettings::sitePause (10 s), doubling up to MaxSitePause while it lasts. A delivered message
//    ends the episode. An episode longer than giveUpAfter ends the campaign, with the reason.
//  - The pool's size after "too many connections": it halves, and grows back by one after
//    DeliveriesBeforeGrowth deliveries in a row.
class DeliveryPolicy final
{
public:
    // The same temporary reply to this many different messages in a row is the site's trouble.
    static constexpr int SiteSignalStreak = 3;
    static constexpr std::chrono::milliseconds MaxSitePause{std::chrono::minutes(5)};
    static constexpr std::chrono::milliseconds MaxReconnectDelay{std::chrono::minutes(2)};
    // A message that was on this many failed sessions fails with the last reason.
    static constexpr int MaxSessionFailuresPerMessage = 3;
    static constexpr int DeliveriesBeforeGrowth = 20;

    DeliveryPolicy(const DeliverySettings &settings, const Clock &clock);

    // --- sessions (the pool) ---
    // An established session failed (Session scope). Returns the wait before the next connection.
    std::chrono::milliseconds onSessionFailed();
    // How long until a new connection may open (0: now).
    [[nodiscard]] std::chrono::milliseconds timeUntilConnectAllowed() const;
    [[nodiscard]] int consecutiveSessionFailures() const { return m_sessionFailures; }

    // --- the site ---
    struct SitePause
    {
        Clock::TimePoint until;
        QString reason; // what the server said, in plain words
        // When no connection could be made: the last attempt's failure, for the window to word
        // ("could not connect: …"); empty otherwise.
        CloseNote unreachable{};
    };
    // The server as a whole failed (reason in plain words). Starts or extends the episode; a new
    // pause only once the running one has ended (replies from messages already in flight belong
    // to the same pause). Returns false when the episode has lasted longer than giveUpAfter: the
    // campaign should stop.
    bool onSiteFailure(const QString &reason, const CloseNote &unreachable = {});
    // A temporary reply of Message (or Recipient) scope to `messageKey` (a recipient's index):
    // returns true when it makes the streak that says the site is in trouble; the caller then
    // calls onSiteFailure() and refunds the streak's recipients (streakMembers()).
    bool observeTemporaryReply(int messageKey, const SmtpReply &reply, SmtpStage stage);
    [[nodiscard]] const std::set<int> &streakMembers() const { return m_streakMembers; }
    [[nodiscard]] std::optional<SitePause> sitePause() const; // while it runs
    [[nodiscard]] bool isSiteInTrouble() const { return m_siteEpisodeStart.has_value(); }
    [[nodiscard]] std::chrono::milliseconds timeUntilSiteResumes() const;

    // --- successes ---
    // A message was accepted: ends a site episode, resets the session back-off and the streak.
    void onDelivered();

    // --- the pool's size ---
    // The server limited connections: returns the new size (half, at least 1).
    int onConnectionLimit(int currentSize);
    // After a delivery: the size the pool may grow to now (current + 1 after
    // DeliveriesBeforeGrowth deliveries since the last limit), capped at configuredSize.
    [[nodiscard]] int allowedPoolSize(int currentSize, int configuredSize) const;
    void onPoolGrown() { m_deliveriesSinceLimit = 0; }

private:
    [[nodiscard]] static QString streakKey(const SmtpReply &reply, SmtpStage stage);

    const std::chrono::milliseconds m_giveUpAfter;
    const std::chrono::milliseconds m_firstReconnectDelay;
    const std::chrono::milliseconds m_firstSitePause;
    const Clock &m_clock;

    int m_sessionFailures = 0; // consecutive, since the last delivery
    Clock::TimePoint m_connectAllowedAt{};

    std::optional<Clock::TimePoint> m_siteEpisodeStart;
    int m_sitePauses = 0; // in this episode
    std::optional<SitePause> m_sitePause;

    QString m_streakKey;
    std::set<int> m_streakMembers;

    int m_deliveriesSinceLimit = 0;
    bool m_limited = false;
};

} // namespace Bulkmail
