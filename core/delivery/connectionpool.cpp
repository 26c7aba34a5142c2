#include "connectionpool.h"

#include "messagesource.h"

#include <QCoreApplication>
#include <QLocale>

#include <spdlog/spdlog.h>

#include <algorithm>

namespace Bulkmail {

namespace {

using namespace std::chrono_literals;

bool isConnectionLevelFailure(CloseReason reason)
{
    switch (reason) {
    case CloseReason::Server421:
    case CloseReason::ServerClosed:
    case CloseReason::Error:
    case CloseReason::Timeout:
    case CloseReason::ProtocolError:
    case CloseReason::HealthCheckFailed:
        return true;
    default:
        return false;
    }
}

} // namespace

ConnectionPool::ConnectionPool(SmtpEndpoint endpoint,
                               SmtpCredentials credentials,
                               DeliverySettings settings,
                               MessageSource &source,
                               const Clock &clock,
                               QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_credentials(std::move(credentials))
    , m_settings(std::move(settings))
    , m_source(source)
    , m_clock(clock)
    , m_maxConnections(std::max(1, m_settings.maxConnections))
    , m_idleTimer(clock.createTimer(this))
    , m_reconnectTimer(clock.createTimer(this))
{
    connect(m_idleTimer.get(), &ClockTimer::timeout, this, &ConnectionPool::onIdleTimer);
    connect(m_reconnectTimer.get(), &ClockTimer::timeout, this, &ConnectionPool::wake);
}

ConnectionPool::~ConnectionPool()
{
    for (Slot &slot : m_slots) {
        slot.connection->disconnect(this);
        delete slot.connection;
    }
}

void ConnectionPool::wake()
{
    if (m_closingAll)
        return;
    // feed() may close connections (and so erase slots): walk by id.
    std::vector<int> idle;
    for (const Slot &slot : m_slots) {
        if (slot.established && !slot.probing && slot.connection->isIdle()
            && !slot.connection->isClosingOrClosed())
            idle.push_back(slot.connection->id());
    }
    for (int id : idle) {
        if (Slot *slot = slotFor(id); slot && slot->connection->isIdle())
            feed(*slot);
    }
    maybeOpenConnection();
}

void ConnectionPool::closeAll(CloseReason reason)
{
    m_closingAll = true;
    m_closeAllReason = reason;
    m_reconnectTimer->stop();
    m_idleTimer->stop();
    if (m_slots.empty()) {
        QMetaObject::invokeMethod(this, &ConnectionPool::allClosed, Qt::QueuedConnection);
        return;
    }
    std::vector<SmtpConnection *> connections;
    for (const Slot &slot : m_slots)
        connections.push_back(slot.connection);
    for (SmtpConnection *connection : connections)
        connection->quit(reason);
}

void ConnectionPool::setMaxConnections(int maxConnections)
{
    m_maxConnections = std::clamp(maxConnections, 1, std::max(1, m_settings.maxConnections));
    // Retire idle connections beyond the new size; busy ones are retired when they fall idle.
    std::vector<SmtpConnection *> extra;
    int usable = usableCount();
    for (const Slot &slot : m_slots) {
        if (usable <= m_maxConnections)
            break;
        if (slot.established && slot.connection->isIdle() && !slot.connection->isClosingOrClosed()) {
            extra.push_back(slot.connection);
            --usable;
        }
    }
    for (SmtpConnection *connection : extra)
        connection->quit(CloseReason::Throttled);
}

bool ConnectionPool::isUsable(const Slot &slot) const
{
    return !slot.connection->isClosingOrClosed();
}

int ConnectionPool::usableCount() const
{
    return int(std::count_if(m_slots.begin(), m_slots.end(), [this](const Slot &slot) {
        return isUsable(slot);
    }));
}

ConnectionPool::Slot *ConnectionPool::slotFor(int connectionId)
{
    for (Slot &slot : m_slots) {
        if (slot.connection->id() == connectionId)
            return &slot;
    }
    return nullptr;
}

void ConnectionPool::maybeOpenConnection()
{
    if (m_closingAll || m_reconnectTimer->isActive())
        return;
    const std::optional<std::chrono::milliseconds> wait = m_source.timeUntilNextMessage();
    if (!wait)
        return;
    // After failed sessions, and while the server is unavailable, the policy spaces the logins.
    if (const std::chrono::milliseconds gate = m_source.timeUntilConnectAllowed(); gate > 0ms) {
        if (usableCount() < m_maxConnections)
            m_reconnectTimer->start(gate);
        return;
    }
    const int usable = usableCount();
    if (usable >= m_maxConnections)
        return;
    // Until one session has succeeded, try one connection at a time: a wrong password must cost
    // one failed login, not one per connection.
    const bool anyConnecting = std::any_of(m_slots.begin(), m_slots.end(), [](const Slot &slot) {
        return !slot.established && !slot.connection->isClosingOrClosed();
    });
    if (anyConnecting && !m_sessionProven)
        return;
    // A connection being probed is about to be free too: do not open another beside it.
    const bool anyAvailable = std::any_of(m_slots.begin(), m_slots.end(), [this](const Slot &slot) {
        return isUsable(slot) && (!slot.established || slot.probing || slot.connection->isIdle());
    });
    if (anyAvailable)
        return; // a connection is free (or about to be) to take the waiting message
    // Only for a message that may start now: a wait may be a throttling pause, and connecting
    // during it is exactly what the server asked us not to do.
    if (*wait > 0ms)
        return;
    if (m_tokens && !m_tokens->hasUsableToken()) {
        m_tokens->request(); // the connection opens when the token arrives
        return;
    }
    openConnection();
}

void ConnectionPool::setFinalDotGate(FinalDotGate gate)
{
    m_finalDotGate = std::move(gate);
}

void ConnectionPool::setAccessTokenSource(AccessTokenSource *source)
{
    Q_ASSERT(!source || source->thread() == thread());
    m_tokens.reset();
    if (!source)
        return;
    m_tokens = std::make_unique<AccessTokenLease>(*source, m_clock);
    connect(m_tokens.get(), &AccessTokenLease::ready, this, [this] {
        if (!m_closingAll)
            wake();
    });
    connect(m_tokens.get(), &AccessTokenLease::failed, this, &ConnectionPool::onAccessTokenFailed);
}

void ConnectionPool::onAccessTokenFailed(const Error &error, bool needsSignIn)
{
    if (m_closingAll)
        return;
    if (needsSignIn) {
        // Ask again only once the user has signed in: the next wake() requests a new token.
        spdlog::warn("OAuth2 sign-in required: {}", error.message.toStdString());
        Q_EMIT signInRequired(error.message);
        return;
    }
    spdlog::warn("could not get an OAuth2 access token: {}", error.message.toStdString());
    ConnectionClosure failure;
    failure.reason = CloseReason::Error;
    failure.note = CloseNote::make(CloseNote::Code::NoAccessToken, {error.message});
    failure.detail = failure.note.english();
    backOffOrGiveUp(failure);
}

void ConnectionPool::backOffOrGiveUp(const ConnectionClosure &closure)
{
    ++m_consecutiveConnectFailures;
    if (m_sessionProven) {
        // A session worked before: the server is down or restarting, not misconfigured. The
        // site's trouble: the runner pauses, and its policy says when to try again.
        ConnectionClosure unavailable = closure;
        unavailable.connectFailuresInARow = m_consecutiveConnectFailures;
        // A verdict's explanation is in the user's words (as ReplyClassifier's): the window
        // shows it as the reason for the pause.
        unavailable.verdict = Classification{ReplyVerdict::ServiceUnavailable,
                                             QCoreApplication::translate("Bulkmail::ConnectionPool",
                                                                         "could not connect: %1")
                                                 .arg(closure.detail)};
        Q_EMIT connectionProblem(unavailable);
        const std::chrono::milliseconds gate = m_source.timeUntilConnectAllowed();
        m_reconnectTimer->start(std::max<std::chrono::milliseconds>(gate, 1s));
        return;
    }
    if (m_consecutiveConnectFailures >= MaxConsecutiveConnectFailures) {
        ConnectionClosure giveUp = closure;
        giveUp.connectFailuresInARow = m_consecutiveConnectFailures;
        giveUp.verdict = Classification{ReplyVerdict::Fatal,
                                        EngineReason::connectFailed(m_endpoint.displayAddress(),
                                                                    m_consecutiveConnectFailures,
                                                                    closure.detail,
                                                                    closure.note)
                                            .english};
        Q_EMIT connectionProblem(giveUp);
        return;
    }
    // Back off before trying again: 1 s, 2 s, 4 s...
    m_reconnectTimer->start(std::chrono::seconds(1 << (m_consecutiveConnectFailures - 1)));
}

bool ConnectionPool::handleRefusedAccessToken(const ConnectionClosure &closure, int generation)
{
    if (!m_tokens || !closure.accessTokenRefused)
        return false;
    switch (m_tokens->refused(generation)) {
    case AccessTokenLease::Refusal::AlreadyReplacing:
        spdlog::info("connection #{}: the server refused an access token already being replaced",
                     closure.connectionId);
        return true;
    case AccessTokenLease::Refusal::Refreshing:
        spdlog::warn("connection #{}: the server refused the OAuth2 access token ({}); getting a "
                     "new one and signing in again on a new connection",
                     closure.connectionId,
                     closure.detail.toStdString());
        return true;
    case AccessTokenLease::Refusal::Fatal:
        return false;
    }
    return false;
}

void ConnectionPool::openConnection()
{
    const int id = m_nextConnectionId++;
    SmtpCredentials credentials = m_credentials;
    std::optional<AccessTokenLease::Grant> grant = m_tokens ? m_tokens->grant() : std::nullopt;
    if (grant) {
        credentials.password.clear();
        credentials.accessToken = grant->token.token;
        if (!grant->token.username.isEmpty())
            credentials.username = grant->token.username;
    }
    auto *connection = new SmtpConnection(
        id, m_endpoint, credentials, m_settings.timeouts, m_clock, this);
    connection->setNextMessageProvider([this, id] { return takeMessageFor(id); });
    connect(connection, &SmtpConnection::established, this, [this, id] { onEstablished(id); });
    connect(connection, &SmtpConnection::becameIdle, this, [this, id] { onBecameIdle(id); });
    // The replacement opens at once, while the old connection says goodbye.
    connect(connection, &SmtpConnection::quitting, this, &ConnectionPool::maybeOpenConnection);
    connect(connection, &SmtpConnection::messageFinished, this, &ConnectionPool::messageFinished);
    connection->setFinalDotGate([this, id](quint64 messageId) -> Result<void> {
        return m_finalDotGate ? m_finalDotGate(messageId, id) : Result<void>();
    });
    connect(connection,
            &SmtpConnection::healthCheckFinished,
            this,
            [this, id](bool healthy, const QString &detail, const CloseNote &note) {
                onHealthCheckFinished(id, healthy, detail, note);
            });
    connect(connection, &SmtpConnection::closed, this, &ConnectionPool::onClosed);
    connect(connection, &SmtpConnection::phaseChanged, this, [this, id](ConnectionPhase phase) {
        ConnectionEvent event;
        event.kind = ConnectionEvent::Kind::PhaseChanged;
        event.connectionId = id;
        event.phase = phase;
        emitEvent(event);
    });
    Slot slot;
    slot.connection = connection;
    slot.createdAt = m_clock.now();
    slot.idleSince = slot.createdAt;
    slot.tokenGeneration = grant ? grant->generation : 0;
    m_slots.push_back(slot);
    spdlog::debug("connection #{} opening to {} ({})",
                  id,
                  m_endpoint.displayAddress().toStdString(),
                  securityModeName(m_endpoint.security).toStdString());
    connection->open();
}

std::optional<CloseReason> ConnectionPool::retirementReason(const Slot &slot) const
{
    if (m_settings.maxMessagesPerConnection > 0
        && slot.messagesStarted >= m_settings.maxMessagesPerConnection)
        return CloseReason::MaxMessages;
    if (m_settings.maxConnectionAge.count() > 0
        && m_clock.now() - slot.createdAt >= m_settings.maxConnectionAge)
        return CloseReason::MaxAge;
    if (usableCount() > m_maxConnections)
        return CloseReason::Throttled;
    return std::nullopt;
}

std::optional<OutgoingMessage> ConnectionPool::takeMessageFor(int connectionId)
{
    Slot *slot = slotFor(connectionId);
    if (!slot || m_closingAll)
        return std::nullopt;
    if (std::optional<CloseReason> reason = retirementReason(*slot)) {
        // Said now, while the connection sends its last message, QUIT can go with it. With
        // nothing left to send, the end of the campaign closes it instead (reason "finished").
        if (m_source.timeUntilNextMessage())
            slot->connection->quit(*reason);
        return std::nullopt;
    }
    while (std::optional<OutgoingMessage> message = m_source.takeNextMessage()) {
        if (std::optional<MessageOutcome> refusal = slot->connection->precheck(*message)) {
            Q_EMIT messageFinished(*refusal);
            slot = slotFor(connectionId);
            if (!slot)
                return std::nullopt;
            continue;
        }
        ++slot->messagesStarted;
        slot->busy = true;
        if (slot->messagesStarted > 1) {
            ConnectionEvent event;
            event.kind = ConnectionEvent::Kind::Reused;
            event.connectionId = connectionId;
            event.messageNumber = slot->messagesStarted;
            event.messageLimit = m_settings.maxMessagesPerConnection;
            emitEvent(event);
        }
        return message;
    }
    return std::nullopt;
}

void ConnectionPool::feed(Slot &slot)
{
    SmtpConnection *connection = slot.connection;
    const int id = connection->id();
    if (std::optional<CloseReason> reason = retirementReason(slot)) {
        connection->quit(*reason);
        // The replacement opens at once, while the old connection says goodbye.
        maybeOpenConnection();
        return;
    }
    const std::optional<std::chrono::milliseconds> wait = m_source.timeUntilNextMessage();
    if (wait && *wait == std::chrono::milliseconds(0) && slot.messagesStarted > 0
        && connection->idleMilliseconds() >= ProbeAfterIdle.count()) {
        // Long idle: the server may have dropped it silently. Probe before trusting it.
        slot.probing = true;
        connection->checkHealth();
        return;
    }
    if (std::optional<OutgoingMessage> message = takeMessageFor(id)) {
        if (Slot *current = slotFor(id); current && current->connection->isIdle()) {
            current->connection->send(*message);
            return;
        }
        // The connection vanished while a refusal was reported: give the message back.
        Q_EMIT messagesAbandoned({AbandonedMessage{*message, false}}, false, QString());
        return;
    }
    armIdleTimer();
}

void ConnectionPool::onEstablished(int connectionId)
{
    Slot *slot = slotFor(connectionId);
    if (!slot)
        return;
    slot->established = true;
    slot->idleSince = m_clock.now();
    m_sessionProven = true;
    m_consecutiveConnectFailures = 0;
    ++m_connectionsCreated;
    if (slot->connection->isAuthenticated()) {
        ++m_logins;
        if (m_tokens)
            m_tokens->signedIn(slot->tokenGeneration); // a later refusal may be refreshed again
    }
    ConnectionEvent event;
    event.kind = ConnectionEvent::Kind::Created;
    event.connectionId = connectionId;
    event.server = m_endpoint.displayAddress();
    event.tls = slot->connection->tlsDescription();
    event.authenticated = slot->connection->isAuthenticated();
    emitEvent(event);
    if (m_closingAll) {
        slot->connection->quit(m_closeAllReason);
        return;
    }
    feed(*slot);
    maybeOpenConnection();
}

void ConnectionPool::onBecameIdle(int connectionId)
{
    Slot *slot = slotFor(connectionId);
    if (!slot)
        return;
    slot->idleSince = m_clock.now();
    slot->busy = false;
    if (m_closingAll) {
        slot->connection->quit(m_closeAllReason);
        return;
    }
    feed(*slot);
}

void ConnectionPool::onHealthCheckFinished(int connectionId,
                                           bool healthy,
                                           const QString &detail,
                                           const CloseNote &note)
{
    ConnectionEvent event;
    event.kind = ConnectionEvent::Kind::HealthCheck;
    event.connectionId = connectionId;
    event.healthy = healthy;
    event.detail = detail;
    event.note = note;
    emitEvent(event);
    Slot *slot = slotFor(connectionId);
    if (!slot)
        return;
    slot->probing = false;
    if (healthy && slot->connection->isIdle()) {
        if (m_closingAll) {
            slot->connection->quit(m_closeAllReason);
            return;
        }
        feed(*slot);
    }
}

void ConnectionPool::onClosed(const ConnectionClosure &closure)
{
    const auto it = std::find_if(m_slots.begin(), m_slots.end(), [&](const Slot &slot) {
        return slot.connection->id() == closure.connectionId;
    });
    if (it == m_slots.end())
        return;
    const bool wasEstablished = it->established;
    const int tokenGeneration = it->tokenGeneration;
    learnIdleClose(*it, closure);
    it->connection->deleteLater();
    m_slots.erase(it);

    if (wasEstablished) {
        ConnectionEvent event;
        event.kind = ConnectionEvent::Kind::Closed;
        event.connectionId = closure.connectionId;
        event.reason = closure.reason;
        event.detail = closure.detail;
        event.note = closure.note;
        event.messagesSent = closure.messagesDelivered;
        event.quitAnswered = closure.quitAnswered;
        emitEvent(event);
    } else {
        spdlog::warn("connection #{} could not be established: {}",
                     closure.connectionId,
                     closure.detail.toStdString());
    }

    // The same fault may have hit the others: mark the idle ones for a NOOP before the abandoned
    // messages go back to the queue, or the runner's wake-up would hand them one unprobed.
    const bool connectionFailed = wasEstablished && isConnectionLevelFailure(closure.reason);
    if (connectionFailed && !m_closingAll) {
        probeIdleConnections();
        m_source.onSessionFailed(); // the next connection may have to wait
    }

    if (!closure.abandoned.isEmpty())
        Q_EMIT messagesAbandoned(closure.abandoned, connectionFailed, closure.detail);

    if (m_closingAll) {
        if (m_slots.empty())
            Q_EMIT allClosed();
        return;
    }

    if (handleRefusedAccessToken(closure, tokenGeneration)) {
        wake(); // requests the new token, then opens the connection
        return;
    }
    if (closure.verdict && closure.verdict->verdict != ReplyVerdict::Success
        && closure.verdict->verdict != ReplyVerdict::ConnectionLost)
        Q_EMIT connectionProblem(closure);
    if (closure.isFatal() || m_closingAll)
        return;

    // A server that says "too busy, try later" at the greeting is throttling, not refusing: the
    // runner's throttle pause spaces the attempts, and they never add up to a fatal error.
    const bool wasThrottled = closure.verdict
                              && (closure.verdict->verdict == ReplyVerdict::Throttled
                                  || closure.verdict->verdict == ReplyVerdict::ConnectionLimit);
    if (!wasEstablished && !wasThrottled && isConnectionLevelFailure(closure.reason)) {
        backOffOrGiveUp(closure);
        return;
    }
    wake();
}

void ConnectionPool::probeIdleConnections()
{
    std::vector<SmtpConnection *> idle;
    for (Slot &slot : m_slots) {
        if (slot.established && !slot.probing && slot.connection->isIdle()
            && !slot.connection->isClosingOrClosed()) {
            slot.probing = true;
            idle.push_back(slot.connection);
        }
    }
    for (SmtpConnection *connection : idle)
        connection->checkHealth();
}

std::chrono::milliseconds ConnectionPool::idleTimeout() const
{
    const std::chrono::milliseconds configured = m_settings.idleTimeout;
    if (m_learnedIdleTimeout && (configured.count() <= 0 || *m_learnedIdleTimeout < configured))
        return *m_learnedIdleTimeout;
    return configured;
}

void ConnectionPool::learnIdleClose(const Slot &slot, const ConnectionClosure &closure)
{
    // The server closed a connection that was idle between messages: it has an idle limit of its
    // own. Close ours a little before it next time, so that the next message never meets a dead
    // connection (and the log shows our "idle" instead of the server's drop).
    const bool byServer = closure.reason == CloseReason::ServerClosed
                          || closure.reason == CloseReason::Server421;
    if (!byServer || !slot.established || slot.probing || slot.busy || slot.messagesStarted == 0
        || !closure.abandoned.isEmpty())
        return;
    const auto idleFor = std::chrono::duration_cast<std::chrono::milliseconds>(m_clock.now()
                                                                               - slot.idleSince);
    const std::chrono::milliseconds current = idleTimeout();
    if (idleFor < MinimumLearnedIdleTimeout || (current.count() > 0 && idleFor >= current))
        return;
    m_learnedIdleTimeout = std::max<std::chrono::milliseconds>(idleFor * 3 / 4,
                                                               MinimumLearnedIdleTimeout);
    spdlog::info("connection #{}: the server closed it after {:.1f} s idle; idle connections are "
                 "closed after {:.1f} s from now on",
                 closure.connectionId,
                 double(idleFor.count()) / 1000.0,
                 double(m_learnedIdleTimeout->count()) / 1000.0);
}

void ConnectionPool::armIdleTimer()
{
    if (idleTimeout().count() <= 0)
        return;
    std::optional<Clock::TimePoint> earliest;
    for (const Slot &slot : m_slots) {
        if (!slot.established || !slot.connection->isIdle() || slot.connection->isClosingOrClosed())
            continue;
        const Clock::TimePoint expiry = slot.idleSince + idleTimeout();
        if (!earliest || expiry < *earliest)
            earliest = expiry;
    }
    if (!earliest) {
        m_idleTimer->stop();
        return;
    }
    const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(*earliest
                                                                                 - m_clock.now());
    m_idleTimer->start(std::max(remaining, std::chrono::milliseconds(0)));
}

void ConnectionPool::onIdleTimer()
{
    const Clock::TimePoint now = m_clock.now();
    std::vector<SmtpConnection *> expired;
    for (const Slot &slot : m_slots) {
        if (slot.established && slot.connection->isIdle() && !slot.connection->isClosingOrClosed()
            && now - slot.idleSince >= idleTimeout())
            expired.push_back(slot.connection);
    }
    for (SmtpConnection *connection : expired)
        connection->quit(CloseReason::Idle);
    armIdleTimer();
}

void ConnectionPool::emitEvent(ConnectionEvent event)
{
    event.time = m_clock.currentDateTimeUtc();
    if (event.server.isEmpty())
        event.server = m_endpoint.displayAddress();
    // Phases change twice a message: the log keeps them for debugging, the lifecycle at info.
    // The text is built only when a sink will take it.
    const auto level = event.kind == ConnectionEvent::Kind::PhaseChanged ? spdlog::level::debug
                                                                         : spdlog::level::info;
    if (spdlog::default_logger_raw()->should_log(level))
        spdlog::log(level, "{}", event.describe().toStdString());
    Q_EMIT connectionEvent(event);
}

} // namespace Bulkmail
