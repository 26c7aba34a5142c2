// The campaign runner against a scripted server that misbehaves: every recipient must end exactly
// once (sent, or failed with the server's reason), with the expected connections and close
// reasons, and without a protocol violation. The runner lives in the test's thread, so every wait
// spins the event loop (the scripted server shares that thread).

#include "compose/composeproblem.h"
#include "delivery/deliverypolicy.h"
#include "runnertesthelpers.h"
#include "scriptedsmtpserver.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

#include <algorithm>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;
using Status = RecipientResult::Status;

Q_DECLARE_METATYPE(Bulkmail::RecipientResult::Status)

namespace {

const QString localHost = QStringLiteral("127.0.0.1");

// Accept times of the scripted server, in ms since construction.
class AcceptClock
{
public:
    explicit AcceptClock(ScriptedSmtpServer &server)
    {
        m_timer.start();
        QObject::connect(&server, &ScriptedSmtpServer::messageAccepted, &m_context, [this](int) {
            m_times.append(m_timer.elapsed());
        });
    }
    [[nodiscard]] const QList<qint64> &times() const { return m_times; }
    [[nodiscard]] qint64 largestGap() const
    {
        qint64 gap = 0;
        for (qsizetype i = 1; i < m_times.size(); ++i)
            gap = std::max(gap, m_times.at(i) - m_times.at(i - 1));
        return gap;
    }

private:
    QElapsedTimer m_timer;
    QList<qint64> m_times;
    QObject m_context;
};

} // namespace

class TestRunnerFaults final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void connectionDropped_data();
    void connectionDropped();
    void messagesPerConnectionLimit_data();
    void messagesPerConnectionLimit();
    void temporaryFailureIsRetried();
    void permanentFailureKeepsConnection();
    void serverEchoingThePasswordIsRedacted();
    void throttlingSlowsDown_data();
    void throttlingSlowsDown();
    void connectionLimitShrinksPool();
    void stallHitsTimeout();
    void slowFinalDotIsNotResent();
    void authenticationFailureIsFatal_data();
    void authenticationFailureIsFatal();
    void refusedGreetingIsFatal();
    void missingStartTlsStopsWithItsCode();
    void refusedConnectionsGiveUp();
    void aServerGoneAwayPausesWithTheLastAttemptsNote();
    void throttledGreetingsAreNotRefusals();
    void uncomposableMessageFailsWithItsNote();
};

void TestRunnerFaults::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setTestLogLevel();
}

void TestRunnerFaults::connectionDropped_data()
{
    QTest::addColumn<int>("fault"); // 0: before the final dot, 1: after it, 2: after the reply
    QTest::addColumn<int>("expectedUnconfirmed");
    QTest::addColumn<QList<Status>>("statusesOfFourth");

    // The client wrote message 4's content and its final dot in one go; the server read the first
    // content line and dropped. The client cannot know the dot never arrived (RFC 5321 §6.1), so
    // it resends once and says it may be duplicated; the server still has it once.
    QTest::newRow("dropped before the final dot of message 4")
        << 0 << 1 << QList<Status>{Status::Unconfirmed, Status::Sent};
    QTest::newRow("dropped after the final dot of message 4, no reply")
        << 1 << 1 << QList<Status>{Status::Unconfirmed, Status::Sent};
    // The 250 arrived: message 4 is sent; message 5's pipelined envelope goes back quietly.
    QTest::newRow("dropped after the reply to message 4") << 2 << 0 << QList<Status>{Status::Sent};
}

void TestRunnerFaults::connectionDropped()
{
    QFETCH(int, fault);
    QFETCH(int, expectedUnconfirmed);
    QFETCH(QList<Status>, statusesOfFourth);
    constexpr int total = 8;

    ScriptedSmtpServer server;
    if (fault == 0)
        server.dropBeforeFinalDot(4);
    else
        server.dropAfterFinalDot(4,
                                 fault == 1 ? ScriptedSmtpServer::DropMode::WithoutReply
                                            : ScriptedSmtpServer::DropMode::AfterReply);
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, localHost, server.serverPort()));
    QVERIFY(recorder.waitForFinished());

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, total);
    QCOMPARE(summary.failed, 0);
    QCOMPARE(summary.notSent, 0);
    QCOMPARE(summary.unconfirmed, expectedUnconfirmed);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    QCOMPARE(recorder.statusesFor(3), statusesOfFourth);
    QCOMPARE(recorder.lastResult(3)->possiblyDuplicated, expectedUnconfirmed == 1);
    if (fault != 2)
        QCOMPARE(recorder.lastResult(3)->connectionId, 2); // resent on the new connection
    QCOMPARE(recorder.lastResult(4)->connectionId, 2);
    QCOMPARE(recorder.lastResult(4)->attempt, 1); // it never reached the server: no attempt

    // The server has each recipient once: nothing was duplicated.
    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
    QCOMPARE(summary.connections, 2);
    QCOMPARE(recorder.createdCount(), 2);
    QCOMPARE(recorder.closeReasonList(), QStringLiteral("1:server-closed 2:finished"));
    QCOMPARE(server.connectionCount(), 2);
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestRunnerFaults::messagesPerConnectionLimit_data()
{
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<Status>("intermediate");

    // A per-connection cap is a plain rotation (no pause, no lower rate), like any 421; only a
    // 421 that asks to slow down is throttling.
    QTest::newRow("421 too many messages on this connection")
        << QByteArray("421 4.7.0 Too many messages on this connection") << Status::Retrying;
    QTest::newRow("421 slow down (throttling)")
        << QByteArray("421 4.7.0 Too many messages, slow down") << Status::Throttled;
    QTest::newRow("plain 421 closing")
        << QByteArray("421 4.4.2 Closing transmission channel") << Status::Retrying;
}

void TestRunnerFaults::messagesPerConnectionLimit()
{
    QFETCH(QByteArray, reply);
    QFETCH(Status, intermediate);
    constexpr int total = 12;

    ScriptedSmtpServer server;
    server.setMessagesPerConnectionLimit(5, reply);
    DeliverySettings settings = fastSettings();
    settings.rateLimits.perSecond = 100; // throttling halves from here
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, localHost, server.serverPort(), settings));
    QVERIFY(recorder.waitForFinished());

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, total);
    QCOMPARE(summary.failed, 0);
    QCOMPARE(summary.unconfirmed, 0);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    // The 6th and the 11th message met the 421 and went to the next connection.
    QCOMPARE(recorder.statusesFor(5), (QList<Status>{intermediate, Status::Sent}));
    QCOMPARE(recorder.statusesFor(10), (QList<Status>{intermediate, Status::Sent}));
    QCOMPARE(recorder.lastResult(5)->attempt, 1); // a closing server does not cost an attempt
    QCOMPARE(recorder.countWithStatus(Status::Failed), 0);

    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
    for (const ScriptedMessage &message : server.receivedMessages())
        QVERIFY(message.indexInConnection <= 5);
    QCOMPARE(summary.connections, 3);
    QCOMPARE(recorder.createdCount(), 3);
    QCOMPARE(recorder.closeReasonList(), QStringLiteral("1:server-421 2:server-421 3:finished"));
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestRunnerFaults::temporaryFailureIsRetried()
{
    constexpr int total = 5;
    ScriptedSmtpServer server;
    server.setRecipientReply(recipientAddress(2).toUtf8(), "451 4.3.0 try again", 1);
    CampaignRunner runner;
    RunRecorder recorder(runner);
    QElapsedTimer elapsed;
    elapsed.start();
    runner.start(makePlan(total, localHost, server.serverPort())); // retryDelay 1 s
    QVERIFY(recorder.waitForFinished());
    QVERIFY2(elapsed.elapsed() >= 950, qPrintable(QString::number(elapsed.elapsed())));

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, total);
    QCOMPARE(summary.failed, 0);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    const QList<RecipientResult> results = recorder.resultsFor(2);
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).status, Status::Retrying);
    QCOMPARE(results.at(0).code, 451);
    QCOMPARE(results.at(0).attempt, 1);
    QVERIFY2(results.at(0).text.contains(QLatin1String("try again")),
             qPrintable(results.at(0).text));
    QCOMPARE(results.at(1).status, Status::Sent);
    QCOMPARE(results.at(1).attempt, 2);
    QCOMPARE(recorder.lastResult(3)->attempt, 1);

    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
    QCOMPARE(server.receivedMessages().constLast().recipients,
             QList<QByteArray>{recipientAddress(2).toUtf8()}); // retried last, a second later
    QCOMPARE(summary.connections, 1); // the connection survives a recipient's 4xx
    QCOMPARE(recorder.closeReasonList(), QStringLiteral("1:finished"));
    // One RSET, to clear the transaction the refused RCPT left open (RFC 5321 §4.1.1.5); no NOOP.
    QCOMPARE(server.rsetCount(), 1);
    QCOMPARE(server.noopCount(), 0);
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestRunnerFaults::serverEchoingThePasswordIsRedacted()
{
    const QString password = QStringLiteral("Tr0ub4dor&3");
    ScriptedSmtpServer server;
    server.setCapabilities({"PIPELINING", "AUTH PLAIN LOGIN", "ENHANCEDSTATUSCODES"});
    server.setCredentials("office", password.toUtf8());
    server.setRecipientReply(recipientAddress(0).toUtf8(),
                             "550 5.7.1 rejected for office:" + password.toUtf8());
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(
        2, localHost, server.serverPort(), fastSettings(), QStringLiteral("office"), password));
    QVERIFY(recorder.waitForFinished());

    QCOMPARE(recorder.summary().sent, 1);
    QCOMPARE(recorder.lastResult(0)->code, 550);
    const QString text = recorder.lastResult(0)->text;
    QVERIFY2(!text.contains(password), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("rejected for office:<redacted>")), qPrintable(text));
}

void TestRunnerFaults::permanentFailureKeepsConnection()
{
    constexpr int total = 6;
    ScriptedSmtpServer server;
    server.setRecipientReply(recipientAddress(1).toUtf8(),
                             "550 5.1.1 <user1@example.org>: Recipient address rejected: User "
                             "unknown");
    server.setRecipientReply(recipientAddress(4).toUtf8(), "553 5.1.3 Bad destination syntax");
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, localHost, server.serverPort()));
    QVERIFY(recorder.waitForFinished());

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, 4);
    QCOMPARE(summary.failed, 2);
    QCOMPARE(summary.notSent, 0);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total, {{1, Status::Failed}, {4, Status::Failed}}));
    QCOMPARE(recorder.resultsFor(1).size(), 1); // failed at once: a 5xx is not retried
    QCOMPARE(recorder.lastResult(1)->code, 550);
    QVERIFY2(recorder.lastResult(1)->text.contains(QLatin1String("User unknown")),
             qPrintable(recorder.lastResult(1)->text));
    QCOMPARE(recorder.lastResult(4)->code, 553);
    QVERIFY2(recorder.lastResult(4)->text.contains(QLatin1String("Bad destination syntax")),
             qPrintable(recorder.lastResult(4)->text));

    const QHash<QByteArray, int> received = countByRecipient(server.receivedMessages());
    QCOMPARE(server.receivedMessages().size(), 4);
    QCOMPARE(received.value("user1@example.org"), 0);
    QCOMPARE(received.value("user4@example.org"), 0);
    QCOMPARE(received.value("user5@example.org"), 1);
    QCOMPARE(summary.connections, 1);
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(recorder.closeReasonList(), QStringLiteral("1:finished"));
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestRunnerFaults::throttlingSlowsDown_data()
{
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<bool>("closes");
    QTest::addColumn<QString>("closeReasons");

    QTest::newRow("451 rate exceeded") << QByteArray("451 4.7.0 rate exceeded, slow down") << false
                                       << QStringLiteral("1:finished");
    QTest::newRow("421 try again later, then close")
        << QByteArray("421 4.7.0 Try again later") << true
        << QStringLiteral("1:server-421 2:finished");
}

void TestRunnerFaults::throttlingSlowsDown()
{
    QFETCH(QByteArray, reply);
    QFETCH(bool, closes);
    QFETCH(QString, closeReasons);
    constexpr int total = 10;

    ScriptedSmtpServer server;
    server.setMailFromReplyAt(4,
                              reply,
                              closes ? ScriptedSmtpServer::CloseAfter::Yes
                                     : ScriptedSmtpServer::CloseAfter::No);
    AcceptClock clock(server);
    DeliverySettings settings = fastSettings();
    settings.rateLimits.perSecond = 50;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, localHost, server.serverPort(), settings));
    QVERIFY(recorder.waitForFinished());

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, total);
    QCOMPARE(summary.failed, 0);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    QCOMPARE(recorder.statusesFor(3), (QList<Status>{Status::Throttled, Status::Sent}));
    QCOMPARE(recorder.resultsFor(3).constFirst().code, reply.left(3).toInt());
    QCOMPARE(recorder.lastResult(3)->attempt, 1); // throttling never costs an attempt
    QCOMPARE(recorder.countWithStatus(Status::Failed), 0);
    QCOMPARE(recorder.countWithStatus(Status::Throttled), 1);

    // The runner held every start for the throttling pause (300 ms) instead of 20 ms pacing.
    QVERIFY2(clock.largestGap() >= 280, qPrintable(QString::number(clock.largestGap())));
    const bool sawHold = std::any_of(recorder.progress().cbegin(),
                                     recorder.progress().cend(),
                                     [](const CampaignProgress &p) {
                                         return p.hold == HoldReason::Throttled;
                                     });
    QVERIFY(sawHold);

    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
    const int connections = int(closeReasons.count(u':'));
    QCOMPARE(summary.connections, connections);
    QCOMPARE(recorder.createdCount(), connections);
    QCOMPARE(recorder.closeReasonList(), closeReasons);
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestRunnerFaults::connectionLimitShrinksPool()
{
    constexpr int total = 80;
    ScriptedSmtpServer server;
    // Every final dot takes 50 ms, so that the pool really opens its four connections.
    server.delayFinalDotReply(50ms);
    server.setMailFromReplyAt(12,
                              "421 4.3.2 concurrent connections limit exceeded",
                              ScriptedSmtpServer::CloseAfter::Yes);
    int closedSoFar = 0;
    // (connections closed so far, open connections) at each accepted message
    QList<QPair<int, int>> openAtAccept;
    QObject context;
    connect(&server, &ScriptedSmtpServer::connectionClosed, &context, [&](int) { ++closedSoFar; });
    connect(&server, &ScriptedSmtpServer::messageAccepted, &context, [&](int) {
        openAtAccept.append({closedSoFar, server.openConnectionCount()});
    });

    DeliverySettings settings = fastSettings();
    settings.maxConnections = 4;
    settings.rateLimits.perSecond = 200;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, localHost, server.serverPort(), settings));
    QVERIFY(recorder.waitForFinished());

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, total);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    QCOMPARE(recorder.countWithStatus(Status::Throttled), 1);
    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
    QCOMPARE(server.peakOpenConnectionCount(), 4);

    // One connection got the 421; the pool, limited to two, retired one more.
    const QList<CloseReason> reasons = recorder.closeReasons().values();
    QCOMPARE(reasons.count(CloseReason::Server421), 1);
    QVERIFY2(reasons.count(CloseReason::Throttled) >= 1, qPrintable(recorder.closeReasonList()));
    QCOMPARE(summary.connections, recorder.createdCount());
    QCOMPARE(summary.connections, server.connectionCount());

    // Once the 421 connection and the one the pool retired are closed (judged by those events,
    // not by the time since the 421), no more than two connections were open, until the server
    // had taken DeliveriesBeforeGrowth messages in a row; then the pool grew back.
    int samplesAfter = 0;
    int acceptedSinceLimit = 0;
    int peakAfterGrowth = 0;
    for (const auto &[closedBefore, open] : std::as_const(openAtAccept)) {
        if (closedBefore < 1)
            continue;
        ++acceptedSinceLimit;
        // Deliveries count towards growth from the 421 on, the three messages then in flight on
        // the other connections included.
        if (acceptedSinceLimit > DeliveryPolicy::DeliveriesBeforeGrowth - 3) {
            peakAfterGrowth = std::max(peakAfterGrowth, open);
            continue;
        }
        if (closedBefore < 2)
            continue;
        ++samplesAfter;
        QVERIFY2(
            open <= 2,
            qPrintable(
                QStringLiteral("%1 connections open after %2 closed").arg(open).arg(closedBefore)));
    }
    QVERIFY2(peakAfterGrowth >= 3, qPrintable(QString::number(peakAfterGrowth)));
    QVERIFY2(samplesAfter >= 10, qPrintable(QString::number(samplesAfter)));
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestRunnerFaults::stallHitsTimeout()
{
    constexpr int total = 6;
    ScriptedSmtpServer server;
    server.stallOn("DATA", 3); // message 3's DATA is never answered
    DeliverySettings settings = fastSettings();
    settings.timeouts = {1s, 1s, 1s, 1s, 1s};
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, localHost, server.serverPort(), settings));
    QVERIFY(recorder.waitForFinished());

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, total);
    QCOMPARE(summary.unconfirmed, 0); // its content never left: nothing to doubt
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    QCOMPARE(recorder.statusesFor(2), QList<Status>{Status::Sent});
    QCOMPARE(recorder.lastResult(2)->connectionId, 2);
    QCOMPARE(recorder.lastResult(2)->attempt, 1);
    QCOMPARE(recorder.lastResult(1)->connectionId, 1);

    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
    QCOMPARE(summary.connections, 2);
    QCOMPARE(recorder.closeReasonList(), QStringLiteral("1:timeout 2:finished"));
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestRunnerFaults::slowFinalDotIsNotResent()
{
    constexpr int total = 2;
    ScriptedSmtpServer server;
    server.delayFinalDotReply(1500ms);
    DeliverySettings settings = fastSettings();
    // Every other reply must come within 1 s; the final dot has 5 s (RFC 5321 §4.5.3.2.6).
    settings.timeouts = {1s, 1s, 1s, 1s, 5s};
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, localHost, server.serverPort(), settings));
    QVERIFY(recorder.waitForFinished());

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, total);
    QCOMPARE(summary.unconfirmed, 0);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    QCOMPARE(recorder.statusesFor(0), QList<Status>{Status::Sent});
    QCOMPARE(recorder.statusesFor(1), QList<Status>{Status::Sent});
    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
    QCOMPARE(summary.connections, 1);
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(recorder.closeReasonList(), QStringLiteral("1:finished"));
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestRunnerFaults::authenticationFailureIsFatal_data()
{
    QTest::addColumn<int>("maxConnections");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QByteArray>("authReply");

    QTest::newRow("wrong password, one connection") << 1 << QStringLiteral("wrong") << QByteArray();
    QTest::newRow("wrong password, four connections")
        << 4 << QStringLiteral("wrong") << QByteArray();
    QTest::newRow("535 whatever the password, four connections")
        << 4 << QStringLiteral("secret")
        << QByteArray("535 5.7.8 Username and Password not accepted");
}

void TestRunnerFaults::authenticationFailureIsFatal()
{
    QFETCH(int, maxConnections);
    QFETCH(QString, password);
    QFETCH(QByteArray, authReply);
    constexpr int total = 5;

    ScriptedSmtpServer server;
    QList<QByteArray> capabilities = server.capabilities();
    capabilities.append("AUTH PLAIN LOGIN");
    server.setCapabilities(capabilities);
    server.setCredentials("sender", "secret");
    if (!authReply.isEmpty())
        server.setAuthReply(authReply);
    DeliverySettings settings = fastSettings();
    settings.maxConnections = maxConnections;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(
        total, localHost, server.serverPort(), settings, QStringLiteral("sender"), password));
    QVERIFY(recorder.waitForFinished());

    const CampaignSummary summary = recorder.summary();
    QVERIFY(!summary.fatalError.isEmpty());
    QVERIFY2(summary.fatalError.contains(QLatin1String("535")), qPrintable(summary.fatalError));
    QCOMPARE(summary.sent, 0);
    QCOMPARE(summary.failed, 0); // a bad password is not the recipients' fault
    QCOMPARE(summary.notSent, total);
    QCOMPARE(summary.connections, 0);
    QCOMPARE(summary.logins, 0);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total, {}, {0, 1, 2, 3, 4}));
    QCOMPARE(recorder.results().size(), 0);
    QCOMPARE(recorder.createdCount(), 0);

    QCOMPARE(server.authAttempts(), 1); // never a second login with a refused password
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(server.receivedMessages().size(), 0);
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestRunnerFaults::refusedGreetingIsFatal()
{
    constexpr int total = 3;
    ScriptedSmtpServer server;
    server.setGreeting("554 5.3.2 No SMTP service here");
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, localHost, server.serverPort()));
    QVERIFY(recorder.waitForFinished());

    const CampaignSummary summary = recorder.summary();
    QVERIFY2(summary.fatalError.contains(QLatin1String("554")), qPrintable(summary.fatalError));
    QCOMPARE(summary.sent, 0);
    QCOMPARE(summary.failed, 0);
    QCOMPARE(summary.notSent, total);
    QCOMPARE(summary.connections, 0);
    QCOMPARE(recorder.results().size(), 0);
    QCOMPARE(recorder.createdCount(), 0);
    QCOMPARE(server.connectionCount(), 1); // fatal: no second try
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestRunnerFaults::missingStartTlsStopsWithItsCode()
{
    // The account requires TLS and the server offers no STARTTLS: never plain text, and the
    // window words why from the code (the CLI keeps the English).
    ScriptedSmtpServer server;
    server.setCapabilities({"8BITMIME", "SIZE 10485760"});
    CampaignPlan plan = makePlan(2, localHost, server.serverPort());
    plan.campaign.server.security = SecurityMode::StartTls;
    const std::optional<CampaignSummary> finished = runUntilFinished(plan);
    QVERIFY(finished);

    const CampaignSummary &summary = *finished;
    QCOMPARE(summary.stopReason.code, EngineReason::Code::ConnectionRefused);
    QCOMPARE(summary.stopReason.arguments.value(0).toInt(),
             static_cast<int>(CloseNote::Code::NoStartTls));
    QCOMPARE(summary.fatalError,
             QStringLiteral("The server %1 does not offer STARTTLS, and this account requires "
                            "TLS: refusing to continue in plain text.")
                 .arg(summary.stopReason.arguments.value(1)));
    QCOMPARE(summary.sent, 0);
    QCOMPARE(server.connectionCount(), 1); // fatal: no second try
}

void TestRunnerFaults::refusedConnectionsGiveUp()
{
    // A port nobody listens on: bind one, note it, close it.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    constexpr int total = 3;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    QElapsedTimer elapsed;
    elapsed.start();
    runner.start(makePlan(total, localHost, port));
    QVERIFY(recorder.waitForFinished(15'000));

    const CampaignSummary summary = recorder.summary();
    QVERIFY2(summary.fatalError.contains(QLatin1String("3 times in a row")),
             qPrintable(summary.fatalError));
    QVERIFY2(summary.fatalError.contains(QStringLiteral("127.0.0.1:%1").arg(port)),
             qPrintable(summary.fatalError));
    // The same as a code for the window: the address, the count, the last attempt's English
    // (the CLI's sentence) and its note (a refused connection: a socket error).
    QCOMPARE(summary.stopReason.code, EngineReason::Code::ConnectFailedRepeatedly);
    QCOMPARE(summary.stopReason.english, summary.fatalError);
    QCOMPARE(summary.stopReason.arguments.mid(0, 2),
             (QStringList{QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("3")}));
    const CloseNote lastAttempt = CloseNote::unpacked(summary.stopReason.arguments, 3);
    QCOMPARE(lastAttempt.code, CloseNote::Code::SocketError);
    QCOMPARE(lastAttempt.english(), summary.stopReason.arguments.value(2));
    QCOMPARE(summary.sent, 0);
    QCOMPARE(summary.failed, 0);
    QCOMPARE(summary.notSent, total);
    QCOMPARE(summary.connections, 0);
    QCOMPARE(recorder.results().size(), 0);
    // Three attempts with a back-off of 1 s, then 2 s, between them (coarse timers: -5 %). Only
    // a lower bound: a busy machine may take longer, and must not fail the test.
    QVERIFY2(elapsed.elapsed() >= 2700, qPrintable(QString::number(elapsed.elapsed())));
}

// A server that worked and then stops taking connections: sending waits for it, and the wait
// carries the last attempt's failure as a code (for the window), beside its English.
void TestRunnerFaults::aServerGoneAwayPausesWithTheLastAttemptsNote()
{
    constexpr int total = 3;
    ScriptedSmtpServer server;
    QObject context;
    connect(&server, &ScriptedSmtpServer::messageAccepted, &context, [&server](int number) {
        if (number != 1)
            return;
        server.abortAllConnections();
        server.setRefusingConnections(true);
    });
    DeliverySettings settings = fastSettings();
    settings.sitePause = 100ms;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, QStringLiteral("127.0.0.1"), server.serverPort(), settings));
    const auto unreachablePause = [&recorder] {
        const QList<CampaignProgress> &progress = recorder.progress();
        return std::find_if(progress.begin(), progress.end(), [](const CampaignProgress &p) {
            return p.hold == HoldReason::ServerUnavailable && !p.holdUnreachable.isEmpty();
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(unreachablePause() != recorder.progress().end(), 20'000);
    const CampaignProgress paused = *unreachablePause();
    QCOMPARE(paused.holdUnreachable.code, CloseNote::Code::SocketError);
    QVERIFY2(paused.holdDetail.contains(paused.holdUnreachable.english()),
             qPrintable(paused.holdDetail));
    server.setRefusingConnections(false);
    QVERIFY(recorder.waitForFinished());
    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, total);
}

void TestRunnerFaults::throttledGreetingsAreNotRefusals()
{
    // Four connections in a row are told "try again later" at the greeting (more than the three
    // refusals after which the pool gives up); the fifth is served. Throttling waits, never fails.
    constexpr int total = 4;
    ScriptedSmtpServer server;
    server.setGreeting("421 4.7.0 Try again later, closing connection");
    connect(&server, &ScriptedSmtpServer::connectionClosed, this, [&server](int connection) {
        if (connection == 4)
            server.setGreeting("220 scripted.test ESMTP");
    });
    DeliverySettings settings = fastSettings();
    settings.throttlePause = 50ms;
    settings.rateLimits.perSecond = 200; // halved four times: still 12.5 a second
    CampaignRunner runner;
    RunRecorder recorder(runner);
    QElapsedTimer elapsed;
    elapsed.start();
    runner.start(makePlan(total, localHost, server.serverPort(), settings));
    QVERIFY(recorder.waitForFinished(20'000));
    // The pauses (50 + 100 + 200 + 400 ms) were waited out, not connected through.
    QVERIFY2(elapsed.elapsed() >= 700, qPrintable(QString::number(elapsed.elapsed())));

    const CampaignSummary summary = recorder.summary();
    QVERIFY2(summary.fatalError.isEmpty(), qPrintable(summary.fatalError));
    QCOMPARE(summary.sent, total);
    QCOMPARE(summary.connections, 1); // only the served one counts as created
    QVERIFY(server.connectionCount() >= 5);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
    QCOMPARE(server.protocolViolations(), QStringList());
}

// A message that cannot be composed (here: a From that is not an address) fails each recipient
// without a send, with a code the window words and the English kept for the journal.
void TestRunnerFaults::uncomposableMessageFailsWithItsNote()
{
    ScriptedSmtpServer server;
    CampaignPlan plan = makePlan(2, localHost, server.serverPort());
    plan.campaign.message.from = QStringLiteral("not an address");
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(plan);
    QVERIFY(recorder.waitForFinished());
    QCOMPARE(recorder.summary().failed, 2);
    QCOMPARE(recorder.results().size(), 2);
    for (const RecipientResult &result : recorder.results()) {
        QCOMPARE(result.status, Status::Failed);
        QCOMPARE(result.note, RecipientResult::Note::NotComposed);
        // The composer's English (the journal's and the CLI's), then its code and arguments.
        QVERIFY2(result.text.startsWith(u"the message could not be composed: message.from: ")
                     && result.text.endsWith(result.noteArguments.first()),
                 qPrintable(result.text));
        const Error carried{ErrorCode::InvalidAddress,
                            result.noteArguments.value(0),
                            result.noteArguments.value(1).toInt(),
                            result.noteArguments.mid(2)};
        QCOMPARE(ComposeProblem::codeOf(carried), ComposeProblem::Code::AddressUnreadable);
        QCOMPARE(carried.noteArguments.value(0), QStringLiteral("message.from"));
        QCOMPARE(ComposeProblem::english(ComposeProblem::codeOf(carried), carried.noteArguments),
                 carried.message);
    }
}

QTEST_GUILESS_MAIN(TestRunnerFaults)
#include "tst_runnerfaults.moc"
