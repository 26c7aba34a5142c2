#pragma once

#include "accesstokenlease.h"
#include "common/clock.h"
#include "connectionevent.h"
#include "deliverysettings.h"
#include "enginereason.h"
#include "oauth/accesstokensource.h"
#include "smtp/smtpconnection.h"

#include <QObject>

#include <functional>
#include <memory>
#include <vector>

namespace Bulkmail {

class MessageSource;

// Many messages over few connections to one server: one pool per campaign and account.
// A connection that delivered a message takes the next one at once: no NOOP, no RSET, no probe
// before a send. It is retired by its message limit, its age or idling (QUIT, then close), and
// replaced at once when work is waiting. A server that closes idle connections itself teaches the
// pool its limit: ours are closed a little before it from then on. After a connection-level error the failed connection is
// dropped and the other idle ones are probed with NOOP; so is a connection idle for longer than a
// few seconds before it is reused, as Postfix probes a cached connection. The pool emits every
// lifecycle event itself, so that the log, the CLI and the GUI tell one story.
//
// With an AccessTokenSource (OAuth2), every new connection signs in with XOAUTH2/OAUTHBEARER and
// a token valid for at least AccessTokenMargin: the pool asks the source for one and opens the
// connection when it arrives. When the server refuses a token (expired or revoked), the pool asks
// once for a fresh one (forceRefresh) and signs in again on a new connection; a second refusal in
// a row is fatal like a wrong password. A source that needs the user to sign in again gives
// signInRequired(); one that fails otherwise (network) is retried with the connection back-off.
class ConnectionPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionPool)

public:
    // After this long without traffic a connection is probed before reuse.
    static constexpr std::chrono::milliseconds ProbeAfterIdle{5000};
    // Failed attempts to establish a session in a row before the pool gives up; failed access
    // token requests count too.
    static constexpr int MaxConsecutiveConnectFailures = 3;
    // The shortest idle timeout learnt from a server that closed idle connections itself.
    static constexpr std::chrono::milliseconds MinimumLearnedIdleTimeout{500};
    // A connection opens only with an access token valid at least this long.
    static constexpr std::chrono::seconds AccessTokenMargin = AccessTokenLease::Margin;

    ConnectionPool(SmtpEndpoint endpoint,
                   SmtpCredentials credentials,
                   DeliverySettings settings,
                   MessageSource &source,
                   const Clock &clock,
                   QObject *parent = nullptr);
    ~ConnectionPool() override;

    // Work may be available: feed idle connections and open one if a message is waiting.
    void wake();
    // Finish what is in flight, QUIT every connection, then emit allClosed().
    void closeAll(CloseReason reason);
    // Shrinks (or restores) the pool, e.g. after "too many concurrent connections".
    void setMaxConnections(int maxConnections);
    // OAuth2: connections sign in with tokens from `source` (not owned; it must outlive the pool
    // and live in the pool's thread). Call before the first wake().
    void setAccessTokenSource(AccessTokenSource *source);
    // Asked by every connection just before a message's content and final dot leave (see
    // SmtpConnection::FinalDotGate); an error refuses. Call before the first wake().
    using FinalDotGate = std::function<Result<void>(quint64 messageId, int connectionId)>;
    void setFinalDotGate(FinalDotGate gate);

    [[nodiscard]] int maxConnections() const { return m_maxConnections; }
    [[nodiscard]] QString serverAddress() const { return m_endpoint.displayAddress(); }
    [[nodiscard]] int openConnectionCount() const { return int(m_slots.size()); }
    [[nodiscard]] int connectionsCreated() const { return m_connectionsCreated; }
    [[nodiscard]] int logins() const { return m_logins; }
    [[nodiscard]] int accessTokenRequests() const { return m_tokens ? m_tokens->requests() : 0; }

Q_SIGNALS:
    void connectionEvent(const Bulkmail::ConnectionEvent &event);
    void messageFinished(const Bulkmail::MessageOutcome &outcome);
    // Messages that were on a connection when it closed: they go back to the queue.
    // `sessionFailed`: the connection failed (Session scope) rather than being closed by us.
    void messagesAbandoned(const QList<Bulkmail::AbandonedMessage> &messages,
                           bool sessionFailed,
                           const QString &detail);
    // A closure the runner must act on: fatal (stop), throttling (slow down), the server
    // refusing MaxConsecutiveConnectFailures connections in a row before any session worked
    // (stop), or refusing connections after one had (verdict ServiceUnavailable: the site).
    void connectionProblem(const Bulkmail::ConnectionClosure &closure);
    // The access token source cannot give a token until the user signs in again (revoked or
    // expired refresh token). Nothing more opens until wake() after the source is fixed.
    void signInRequired(const QString &reason);
    void allClosed();

private:
    struct Slot
    {
        SmtpConnection *connection = nullptr;
        Clock::TimePoint createdAt;
        Clock::TimePoint idleSince;
        int messagesStarted = 0;
        bool established = false;
        bool probing = false;
        // A message was handed to it since it last fell idle: a close by the server now is not
        // an idle timeout (a 421 in reply to MAIL once taught the pool a 0.8 s idle limit, and a
        // login per message followed).
        bool busy = false;
        int tokenGeneration = 0; // which access token it signed in with (0: none)
    };

    void openConnection();
    void maybeOpenConnection();
    void onAccessTokenFailed(const Error &error, bool needsSignIn);
    [[nodiscard]] bool handleRefusedAccessToken(const ConnectionClosure &closure, int generation);
    void backOffOrGiveUp(const ConnectionClosure &closure);
    void feed(Slot &slot);
    std::optional<OutgoingMessage> takeMessageFor(int connectionId);
    std::optional<CloseReason> retirementReason(const Slot &slot) const;
    void onEstablished(int connectionId);
    void onBecameIdle(int connectionId);
    void onHealthCheckFinished(int connectionId,
                               bool healthy,
                               const QString &detail,
                               const CloseNote &note);
    void onClosed(const ConnectionClosure &closure);
    void probeIdleConnections();
    [[nodiscard]] std::chrono::milliseconds idleTimeout() const;
    void learnIdleClose(const Slot &slot, const ConnectionClosure &closure);
    void armIdleTimer();
    void onIdleTimer();
    Slot *slotFor(int connectionId);
    [[nodiscard]] bool isUsable(const Slot &slot) const;
    [[nodiscard]] int usableCount() const;
    void emitEvent(ConnectionEvent event);

    const SmtpEndpoint m_endpoint;
    const SmtpCredentials m_credentials;
    const DeliverySettings m_settings;
    MessageSource &m_source;
    const Clock &m_clock;

    std::vector<Slot> m_slots;
    int m_maxConnections;
    int m_nextConnectionId = 1;
    int m_connectionsCreated = 0;
    int m_logins = 0;
    int m_consecutiveConnectFailures = 0;
    bool m_sessionProven = false; // one session succeeded: parallel logins are safe
    bool m_closingAll = false;
    CloseReason m_closeAllReason = CloseReason::Finished;
    std::unique_ptr<AccessTokenLease> m_tokens; // OAuth2 only
    FinalDotGate m_finalDotGate;
    // Below DeliverySettings::idleTimeout once the server closed an idle connection itself.
    std::optional<std::chrono::milliseconds> m_learnedIdleTimeout;
    // On m_clock, so that a simulation fires them by advancing it.
    const std::unique_ptr<ClockTimer> m_idleTimer; // one timer, aimed at the earliest idle expiry
    const std::unique_ptr<ClockTimer> m_reconnectTimer; // back-off after a failed connection attempt
};

} // namespace Bulkmail
