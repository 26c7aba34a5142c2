// ConnectionPool paths no runner test reaches (issue 17 item 6): a connection retired at
// maxConnectionAge, whose QUIT travels with its last message, and a connection closed because its
// health-check probe failed. The pool runs against the in-process ScriptedSmtpServer with a
// ManualClock, so age is simulated, not waited for.

#include "connectiondriver.h"
#include "delivery/connectionpool.h"
#include "queuemessagesource.h"
#include "scriptedsmtpserver.h"

#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <spdlog/spdlog.h>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;

namespace {

constexpr int WaitMs = 10'000;

QList<OutgoingMessage> messages(int count)
{
    QList<OutgoingMessage> result;
    for (int i = 1; i <= count; ++i) {
        OutgoingMessage message;
        message.id = quint64(i);
        message.envelopeFrom = "sender@example.test";
        message.recipient = "r" + QByteArray::number(i) + "@example.test";
        message.content = "Subject: " + QByteArray::number(i) + "\r\n\r\nbody\r\n";
        result.append(message);
    }
    return result;
}

DeliverySettings settings(int maxConnections, std::chrono::seconds maxAge)
{
    DeliverySettings result;
    result.maxConnections = maxConnections;
    result.maxMessagesPerConnection = 0;
    result.maxConnectionAge = maxAge;
    result.idleTimeout = 0s; // no real-time idle timer: nothing here waits for the wall clock
    result.timeouts = quickTimeouts();
    return result;
}

SmtpEndpoint endpointFor(const ScriptedSmtpServer &server)
{
    SmtpEndpoint endpoint;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = server.serverPort();
    endpoint.security = SecurityMode::None;
    endpoint.heloName = QStringLiteral("client.example.test");
    return endpoint;
}

QList<ConnectionEvent> eventsOf(const QSignalSpy &spy, ConnectionEvent::Kind kind)
{
    QList<ConnectionEvent> result;
    for (const QList<QVariant> &arguments : spy) {
        const auto event = arguments.constFirst().value<ConnectionEvent>();
        if (event.kind == kind)
            result.append(event);
    }
    return result;
}

QList<quint64> messagesOnConnection(const ScriptedSmtpServer &server, int connection)
{
    QList<quint64> ids;
    for (const ScriptedMessage &message : server.receivedMessages()) {
        if (message.connection == connection)
            ids.append(message.recipients.value(0).mid(1).split('@').value(0).toULongLong());
    }
    return ids;
}

SmtpConnection *connectionNumbered(const ConnectionPool &pool, int id)
{
    const QList<SmtpConnection *> connections = pool.findChildren<SmtpConnection *>();
    for (SmtpConnection *connection : connections) {
        if (connection->id() == id)
            return connection;
    }
    return nullptr;
}

} // namespace

class TestConnectionPoolRetirement final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void ageRetirementSendsQuitWithTheLastMessage();
    void failedHealthCheckClosesTheConnection();
    void closeAllDuringSetupSaysQuit();
    void closeAllWaitsBrieflyForASilentServer();
    void serverCloseOfABusyConnectionTeachesNoIdleLimit();
};

void TestConnectionPoolRetirement::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    spdlog::set_level(spdlog::level::warn);
    qRegisterMetaType<ConnectionEvent>();
    qRegisterMetaType<MessageOutcome>();
}

// maxConnectionAge = 60 s; the clock passes it while the third message is on the wire. The pool
// retires the connection when it is asked for the fourth: QUIT goes out with the third message's
// final dot (RFC 2920 §3.1), the connection emits quitting() instead of becoming idle, and a new
// connection carries the rest.
void TestConnectionPoolRetirement::ageRetirementSendsQuitWithTheLastMessage()
{
    ScriptedSmtpServer server;
    ManualClock clock;
    QueueMessageSource source;
    source.ready = messages(6);
    source.onTake = [&clock](const OutgoingMessage &message) {
        if (message.id == 3)
            clock.advance(61s);
    };
    ConnectionPool pool(endpointFor(server), {}, settings(1, 60s), source, clock);
    QSignalSpy events(&pool, &ConnectionPool::connectionEvent);
    QSignalSpy outcomes(&pool, &ConnectionPool::messageFinished);
    QSignalSpy abandoned(&pool, &ConnectionPool::messagesAbandoned);

    pool.wake();
    QPointer<SmtpConnection> first = connectionNumbered(pool, 1);
    QVERIFY(first);
    QSignalSpy quitting(first.data(), &SmtpConnection::quitting);
    QSignalSpy becameIdle(first.data(), &SmtpConnection::becameIdle);

    QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 6, WaitMs);
    for (const QList<QVariant> &arguments : std::as_const(outcomes))
        QVERIFY(arguments.constFirst().value<MessageOutcome>().isDelivered());
    QCOMPARE(abandoned.size(), 0);

    QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(events, ConnectionEvent::Kind::Closed).isEmpty(), WaitMs);
    const ConnectionEvent closed = eventsOf(events, ConnectionEvent::Kind::Closed).constFirst();
    QCOMPARE(closed.connectionId, 1);
    QCOMPARE(closed.reason, CloseReason::MaxAge);
    QCOMPARE(closed.messagesSent, 3);
    QVERIFY(closed.quitAnswered);
    // QUIT travelled with the last message: no idle moment, no separate round trip.
    QCOMPARE(quitting.size(), 1);
    QCOMPARE(becameIdle.size(), 0);
    const QList<QByteArray> commands = server.commandsOn(1);
    QCOMPARE(commands.constLast(), QByteArray("QUIT"));
    QCOMPARE(commands.count(QByteArray("QUIT")), 1);
    QCOMPARE(messagesOnConnection(server, 1), (QList<quint64>{1, 2, 3}));
    QCOMPARE(messagesOnConnection(server, 2), (QList<quint64>{4, 5, 6}));
    QCOMPARE(eventsOf(events, ConnectionEvent::Kind::Created).size(), 2);
    QVERIFY2(server.protocolViolations().isEmpty(),
             qPrintable(server.protocolViolations().join(u'\n')));

    QSignalSpy allClosed(&pool, &ConnectionPool::allClosed);
    pool.closeAll(CloseReason::Finished);
    QVERIFY(allClosed.wait(WaitMs));
    QTRY_COMPARE(server.openConnectionCount(), 0);
}

// A connection-level failure on one connection makes the pool probe the idle others with NOOP.
// Here the probe is refused: the probed connection closes as health-check-failed, with QUIT.
void TestConnectionPoolRetirement::failedHealthCheckClosesTheConnection()
{
    ScriptedSmtpServer server;
    server.setNoopReply("451 4.3.0 Service temporarily unavailable", 1);
    ManualClock clock;
    QueueMessageSource source;
    source.ready = messages(1);
    source.claimWork = true; // the pool opens a second connection, which stays idle
    ConnectionPool pool(endpointFor(server), {}, settings(2, 0s), source, clock);
    QSignalSpy events(&pool, &ConnectionPool::connectionEvent);
    QSignalSpy outcomes(&pool, &ConnectionPool::messageFinished);

    pool.wake();
    QTRY_COMPARE_WITH_TIMEOUT(eventsOf(events, ConnectionEvent::Kind::Created).size(), 2, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 1, WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(connectionNumbered(pool, 1) && connectionNumbered(pool, 1)->isIdle()
                                 && connectionNumbered(pool, 2)
                                 && connectionNumbered(pool, 2)->isIdle(),
                             WaitMs);
    QCOMPARE(server.noopCount(), 0); // no probe before a send (STYLE.md rule 15)
    source.claimWork = false;

    // The server drops connection 2: a connection-level failure.
    server.closeConnection(2);
    QTRY_COMPARE_WITH_TIMEOUT(eventsOf(events, ConnectionEvent::Kind::Closed).size(), 2, WaitMs);

    const QList<ConnectionEvent> checks = eventsOf(events, ConnectionEvent::Kind::HealthCheck);
    QCOMPARE(checks.size(), 1);
    QCOMPARE(checks.constFirst().connectionId, 1);
    QVERIFY(!checks.constFirst().healthy);
    QVERIFY2(checks.constFirst().detail.contains(QStringLiteral("451 4.3.0")),
             qPrintable(checks.constFirst().detail));

    const QList<ConnectionEvent> closed = eventsOf(events, ConnectionEvent::Kind::Closed);
    QCOMPARE(closed.at(0).connectionId, 2);
    QCOMPARE(closed.at(0).reason, CloseReason::ServerClosed);
    QCOMPARE(closed.at(1).connectionId, 1);
    QCOMPARE(closed.at(1).reason, CloseReason::HealthCheckFailed);
    QVERIFY(closed.at(1).quitAnswered);
    QCOMPARE(closed.at(1).messagesSent, 1);
    const QList<QByteArray> commands = server.commandsOn(1);
    QCOMPARE(commands.mid(commands.size() - 2), (QList<QByteArray>{"NOOP", "QUIT"}));
    QCOMPARE(server.noopCount(), 1);
    QTRY_COMPARE(server.openConnectionCount(), 0);
    QCOMPARE(pool.openConnectionCount(), 0);
}

// The campaign ends while a connection waits for its greeting: the pool's closeAll() must not
// drop that live connection, but say QUIT once the server takes commands (RFC 5321 §4.1.1.10).
// Found by tst_fullstacksimulation (seeds 71 and 89).
void TestConnectionPoolRetirement::closeAllDuringSetupSaysQuit()
{
    ScriptedSmtpServer server;
    server.delayGreeting(100ms);
    ManualClock clock;
    QueueMessageSource source;
    source.claimWork = true; // the pool opens a connection; no message is ever taken
    ConnectionPool pool(endpointFor(server), {}, settings(1, 0s), source, clock);
    QSignalSpy events(&pool, &ConnectionPool::connectionEvent);
    QSignalSpy allClosed(&pool, &ConnectionPool::allClosed);

    pool.wake();
    QVERIFY(server.waitForConnectionCount(1, WaitMs));
    QPointer<SmtpConnection> connection = connectionNumbered(pool, 1);
    QVERIFY(connection);
    QVERIFY(connection->state() == SmtpConnection::State::Connecting
            || connection->state() == SmtpConnection::State::AwaitingGreeting220);
    source.claimWork = false;
    pool.closeAll(CloseReason::Finished);

    QTRY_COMPARE_WITH_TIMEOUT(allClosed.size(), 1, WaitMs);
    QTRY_COMPARE(server.openConnectionCount(), 0);
    QCOMPARE(server.commandsOn(1), QList<QByteArray>{"QUIT"});
    QCOMPARE(server.connectionsClosedWithoutQuit(), QList<int>());
    QVERIFY2(server.protocolViolations().isEmpty(),
             qPrintable(server.protocolViolations().join(u'\n')));
    QCOMPARE(eventsOf(events, ConnectionEvent::Kind::Created).size(), 0); // never a session
}

// ... but not for long: a server that never greets holds the end of the campaign for
// SmtpConnection::QuitReplyTimeout, as a missing 221 does, not for the 5-minute greeting timeout.
void TestConnectionPoolRetirement::closeAllWaitsBrieflyForASilentServer()
{
    using Action = ScriptedSmtpServer::Action;
    ScriptedSmtpServer server;
    server.setResponder([](const ScriptedSmtpServer::StepContext &context) {
        return context.step == ScriptedSmtpServer::Step::Greeting ? Action::stall() : Action{};
    });
    ManualClock clock;
    QueueMessageSource source;
    source.claimWork = true;
    DeliverySettings delivery = settings(1, 0s);
    delivery.timeouts.greeting = 300s;
    ConnectionPool pool(endpointFor(server), {}, delivery, source, clock);
    QSignalSpy allClosed(&pool, &ConnectionPool::allClosed);

    pool.wake();
    QTRY_VERIFY_WITH_TIMEOUT(connectionNumbered(pool, 1)
                                 && connectionNumbered(pool, 1)->state()
                                        == SmtpConnection::State::AwaitingGreeting220,
                             WaitMs);
    source.claimWork = false;
    pool.closeAll(CloseReason::Finished);
    clock.advance(SmtpConnection::QuitReplyTimeout - 1ms);
    QCoreApplication::processEvents();
    QCOMPARE(allClosed.size(), 0);
    clock.advance(1ms);
    QTRY_COMPARE_WITH_TIMEOUT(allClosed.size(), 1, WaitMs);
    QTRY_COMPARE(server.openConnectionCount(), 0);
    // Closed without QUIT, as the session never began; the server was the silent one.
    QCOMPARE(server.connectionsClosedWithoutQuit(), QList<int>{1});
    QVERIFY(server.wasStalled(1));
}

// A 421 in reply to MAIL, a second after the connection last fell idle, is the server closing a
// busy connection, not an idle limit: the pool must not learn to close idle connections after
// 0.75 s (then every message paced a second apart needs a new login). Found by
// tst_fullstacksimulation (seed 782).
void TestConnectionPoolRetirement::serverCloseOfABusyConnectionTeachesNoIdleLimit()
{
    ScriptedSmtpServer server;
    server.setResponder([](const ScriptedSmtpServer::StepContext &context) {
        using Action = ScriptedSmtpServer::Action;
        return context.step == ScriptedSmtpServer::Step::Mail && context.mailNumber == 2
                   ? Action::reply("421 4.3.2 Service shutting down", Action::After::Close)
                   : Action{};
    });
    ManualClock clock;
    QueueMessageSource source;
    const QList<OutgoingMessage> all = messages(3);
    source.ready = all.mid(0, 1);
    DeliverySettings delivery = settings(1, 0s);
    delivery.idleTimeout = 30s;
    ConnectionPool pool(endpointFor(server), {}, delivery, source, clock);
    QSignalSpy events(&pool, &ConnectionPool::connectionEvent);
    QSignalSpy outcomes(&pool, &ConnectionPool::messageFinished);

    pool.wake();
    QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 1, WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(connectionNumbered(pool, 1) && connectionNumbered(pool, 1)->isIdle(),
                             WaitMs);
    clock.advance(1s);
    source.ready = all.mid(1, 1);
    pool.wake(); // message 2 meets the 421
    QTRY_COMPARE_WITH_TIMEOUT(eventsOf(events, ConnectionEvent::Kind::Closed).size(), 1, WaitMs);
    QCOMPARE(eventsOf(events, ConnectionEvent::Kind::Closed).constFirst().reason,
             CloseReason::Server421);
    QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 2, WaitMs);

    source.ready = all.mid(2, 1);
    pool.wake();
    QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 3, WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(connectionNumbered(pool, 2) && connectionNumbered(pool, 2)->isIdle(),
                             WaitMs);
    // Idle for a second, as connection 1 was: still the configured 30 s limit, not 0.75 s.
    clock.advance(1s);
    QVERIFY(!connectionNumbered(pool, 2)->isClosingOrClosed());
    clock.advance(28s);
    QVERIFY(!connectionNumbered(pool, 2)->isClosingOrClosed());
    clock.advance(1s); // 30 s idle
    QVERIFY(connectionNumbered(pool, 2)->isClosingOrClosed());

    QSignalSpy allClosed(&pool, &ConnectionPool::allClosed);
    pool.closeAll(CloseReason::Finished);
    QVERIFY(allClosed.wait(WaitMs));
}

QTEST_GUILESS_MAIN(TestConnectionPoolRetirement)
#include "tst_connectionpoolretirement.moc"
