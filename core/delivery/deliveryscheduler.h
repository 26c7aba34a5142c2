#pragma once

#include "common/clock.h"
#include "deliverynote.h"
#include "deliverypolicy.h"
#include "deliverysettings.h"
#include "enginereason.h"
#include "ratelimiter.h"
#include "smtp/smtpconnection.h"

#include <QString>

#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace Bulkmail {

// What became of one recipient after a reply or a lost connection.
struct DeliveryDecision
{
    enum class Kind {
        Sent,        // accepted: done
        Failed,      // for good: done (a 5xx, attempts or the session budget used up)
        Deferred,    // retried at retryAt, at the back of the queue; it was charged an attempt
        Requeued,    // back at the head of the queue, not charged (session, site, throttling)
        Unconfirmed, // the final dot left and no reply came: resent once, flagged
        Held,        // ... and UnconfirmedPolicy::Hold, or unconfirmed twice: done, for the user
        Stopped,     // account scope: the campaign stops; the recipient stays queued
    };
    Kind kind = Kind::Sent;
    FailureScope scope = FailureScope::None;
    Clock::TimePoint retryAt{};
    // What the engine adds to the server's words, or says alone (englishDeliveryNote: "(next
    // attempt in 60 s)"), as a code with its arguments.
    DeliveryNote note = DeliveryNote::None;
    QStringList noteArguments;
    // For the runner: slow down (Throttle scope); shrink the pool (a connection limit).
    bool throttle = false;
    bool connectionLimit = false;
    // For the runner: stop the campaign with this reason (Stopped, or a site that stayed down
    // longer than giveUpAfter); empty: go on.
    EngineReason stopReason;
};

// The runner's queue and its decisions, with no sockets, no timers and no Qt event loop, so that
// a simulation can drive it through thousands of fault schedules (tst_deliverysimulation) exactly
// as the runner does. Every recipient is in exactly one place: ready, waiting for a retry, in
// flight, or done. The rate limiter and the policy are consulted here and nowhere else.
class DeliveryScheduler final
{
public:
    enum class Final { None, Sent, Failed, Unconfirmed, Held, Skipped };

    DeliveryScheduler(int recipientCount,
                      const DeliverySettings &settings,
                      RateLimiter &limiter,
                      DeliveryPolicy &policy,
                      const Clock &clock);

    // Before the first message: queue a recipient (with what earlier runs used up), or record
    // it as finished without a send (invalid, duplicate, sent or failed earlier, held).
    void enqueue(int index, int attemptsUsed, bool possiblyDuplicated);
    void finishWithoutSending(int index, Final final);

    // The next recipient allowed to start now (a rate slot is taken and an attempt charged), or
    // nothing. Pauses and retry times are honoured here.
    [[nodiscard]] std::optional<int> takeNext();
    // The recipient could not be composed: it fails without a send.
    void failBeforeSending(int index);
    // The recipient must not be sent as it stands (a personal file changed since the check): it
    // is held without a send, for the user to decide.
    void holdBeforeSending(int index);
    // How long until takeNext() could return a recipient: nothing when none is waiting at all.
    [[nodiscard]] std::optional<std::chrono::milliseconds> timeUntilNext() const;

    // The reply that ended a recipient's transaction.
    DeliveryDecision onOutcome(int index, const MessageOutcome &outcome);
    // The recipient was on a connection that closed. `sessionFailed`: the connection failed
    // (Session scope) rather than being closed by us; `detail` says how.
    DeliveryDecision onAbandoned(int index,
                                 bool finalDotSent,
                                 bool sessionFailed,
                                 const QString &detail);
    // A connection could not be established although one had worked before (an outage).
    // Returns the stop reason if the site has been down longer than giveUpAfter.
    [[nodiscard]] std::optional<EngineReason> onSiteUnreachable(const QString &detail,
                                                                const CloseNote &lastAttempt = {});
    [[nodiscard]] bool isIdle() const; // nothing ready, waiting or in flight
    [[nodiscard]] bool isDone(int index) const { return m_recipients[index].final != Final::None; }
    [[nodiscard]] Final finalOf(int index) const { return m_recipients[index].final; }
    [[nodiscard]] int attempts(int index) const { return m_recipients[index].attempts; }
    [[nodiscard]] bool possiblyDuplicated(int index) const
    {
        return m_recipients[index].unconfirmedOnce;
    }
    [[nodiscard]] int waitingForRetry() const { return int(m_retries.size()); }
    [[nodiscard]] bool hasReady() const { return !m_ready.empty(); }
    [[nodiscard]] int count(Final final) const;
    [[nodiscard]] int finishedCount() const { return m_finished; }
    [[nodiscard]] int unconfirmedCount() const { return m_unconfirmed; }

    [[nodiscard]] DeliveryPolicy &policy() { return m_policy; }
    [[nodiscard]] const DeliveryPolicy &policy() const { return m_policy; }

private:
    struct RecipientState
    {
        int attempts = 0;
        int sessionFailures = 0;
        bool unconfirmedOnce = false;
        // A message-scope temporary reply that would have failed it came before anyone could
        // tell whether the server as a whole was in trouble: it got one more try, once.
        bool siteGraceUsed = false;
        Final final = Final::None;
    };

    void finish(int index, Final final);
    void requeueFront(int index);
    DeliveryDecision deferOrFail(int index, FailureScope scope);
    DeliveryDecision onTemporary(int index, const MessageOutcome &outcome, FailureScope scope);
    DeliveryDecision pauseForSite(int index, const QString &reason);
    void promoteDueRetries();
    [[nodiscard]] qint64 giveUpMinutes() const;

    const DeliverySettings m_settings;
    RateLimiter &m_limiter;
    DeliveryPolicy &m_policy;
    const Clock &m_clock;

    std::vector<RecipientState> m_recipients;
    std::deque<int> m_ready;
    std::multimap<Clock::TimePoint, int> m_retries;
    std::set<int> m_inFlight;
    int m_finished = 0;
    int m_unconfirmed = 0; // recipients whose delivery went unconfirmed at least once
};

} // namespace Bulkmail
