// Every failure has a scope (core/delivery/deliverypolicy.h): one test per class of reply that
// once broke a promise, each named after the behaviour it proves, through the real runner, pool
// and connection against the scripted server.
#include "delivery/deliverypolicy.h"
#include "runnertesthelpers.h"
#include "scriptedsmtpserver.h"

#include <QElapsedTimer>
#include <QTest>
#include <QTimer>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;
using Status = RecipientResult::Status;

class TestRunnerScopes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void anyCompletionToTheFinalDotIsDelivered_data();
    void anyCompletionToTheFinalDotIsDelivered();
    void greylistedRecipientDefersOnlyThatRecipient();
    void serviceUnavailablePausesAndFailsNobody();
    void sameTemporaryReplyToManyMessagesIsTheSites();
    void sessionFailuresBackOffAndAreBounded();
    void holdPolicyHoldsWithinTheRun();
    void postfixRateLimitReplySlowsDown();
    void messageTooBigForTheServerStopsOnce();
    void serverDownMidCampaignPausesAndResumes();
    void serversIdleLimitIsLearnt();
};

void TestRunnerScopes::initTestCase()
{
    setTestLogLevel();
}

void TestRunnerScopes::anyCompletionToTheFinalDotIsDelivered_data()
{
    QTest::addColumn<QByteArray>("reply");
    QTest::newRow("251") << QByteArray("251 2.0.0 Ok, will forward");
    QTest::newRow("252") << QByteArray("252 2.1.5 Cannot verify, accepted");
}

// A 2xx other than 250 to the dot once resent the same message without end.
void TestRunnerScopes::anyCompletionToTheFinalDotIsDelivered()
{
    QFETCH(QByteArray, reply);
    constexpr int total = 5;
    ScriptedSmtpServer server;
    for (int message = 1; message <= 3 * total; ++message)
        server.setFinalDotReply(message, reply);
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, QStringLiteral("127.0.0.1"), server.serverPort()));
    QVERIFY(recorder.waitForFinished());
    QCOMPARE(recorder.summary().sent, total);
    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
}

// "451 4.7.1 <rcpt>: Recipient address rejected: try again later" concerns one recipient: the
// others go out at once, nothing is throttled, and that one is retried at the back of the queue
// until its attempts run out.
void TestRunnerScopes::greylistedRecipientDefersOnlyThatRecipient()
{
    constexpr int total = 30;
    ScriptedSmtpServer server;
    const QByteArray greylisted = recipientAddress(2).toUtf8();
    server.setRecipientReply(greylisted,
                             "451 4.7.1 <" + greylisted
                                 + ">: Recipient address rejected: try again later");
    DeliverySettings settings = fastSettings();
    settings.retryDelay = 1s;
    settings.maxAttempts = 2;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, QStringLiteral("127.0.0.1"), server.serverPort(), settings));
    QVERIFY(recorder.waitForFinished());
    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.sent, total - 1);
    QCOMPARE(summary.failed, 1);
    QCOMPARE(recorder.countWithStatus(Status::Throttled), 0);
    QCOMPARE(recorder.statusesFor(2), (QList<Status>{Status::Retrying, Status::Failed}));
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total, {{2, Status::Failed}}));
    // Nobody waited for the greylisted recipient: everyone else was accepted before its retry
    // (1 s later) came due.
    const QList<ScriptedMessage> received = server.receivedMessages();
    QCOMPARE(received.size(), total - 1);
    for (const CampaignProgress &progress : recorder.progress())
        QVERIFY(progress.hold != HoldReason::Throttled);
}

// A milter or content filter that is down answers every message "451 4.7.1 Service unavailable":
// the campaign pauses and tries again, charges nobody, fails nobody.
void TestRunnerScopes::serviceUnavailablePausesAndFailsNobody()
{
    constexpr int total = 10;
    ScriptedSmtpServer server;
    // The first eight MAIL commands meet the outage: more than maxAttempts times the list's
    // first recipients, which would have failed them if they had been charged.
    server.setMailFromReply("451 4.7.1 Service unavailable - try again later", 8);
    DeliverySettings settings = fastSettings();
    settings.maxAttempts = 2;
    settings.sitePause = 100ms;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, QStringLiteral("127.0.0.1"), server.serverPort(), settings));
    QVERIFY(recorder.waitForFinished());
    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, total);
    QCOMPARE(summary.failed, 0);
    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    // The pause was visible, in the policy's words.
    const QList<CampaignProgress> progress = recorder.progress();
    QVERIFY(std::any_of(progress.begin(), progress.end(), [](const CampaignProgress &p) {
        return p.hold == HoldReason::ServerUnavailable && p.holdRemainingMs > 0
               && p.holdDetail.contains(u"Service unavailable");
    }));
}

// The same temporary reply to several different messages in a row is the server's trouble, not
// theirs: their attempts come back, and nobody fails for an outage longer than maxAttempts.
void TestRunnerScopes::sameTemporaryReplyToManyMessagesIsTheSites()
{
    constexpr int total = 8;
    ScriptedSmtpServer server;
    server.setMailFromReply("451 4.3.0 Error: queue file write error", 7);
    DeliverySettings settings = fastSettings();
    settings.maxAttempts = 2;
    settings.retryDelay = 0s;
    settings.sitePause = 100ms;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, QStringLiteral("127.0.0.1"), server.serverPort(), settings));
    QVERIFY(recorder.waitForFinished());
    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.failed, 0);
    QCOMPARE(summary.sent, total);
    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
}

// Every session dies at RCPT (a crash, garbage): reconnecting backs off, and each message is
// charged for the sessions it was on, so the campaign ends, with reasons, after a bounded number
// of logins instead of logging in again as fast as it can for ever.
void TestRunnerScopes::sessionFailuresBackOffAndAreBounded()
{
    constexpr int total = 3;
    ScriptedSmtpServer server;
    server.sendGarbageOn("RCPT");
    DeliverySettings settings = fastSettings();
    settings.reconnectDelay = 50ms;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    QElapsedTimer timer;
    timer.start();
    runner.start(makePlan(total, QStringLiteral("127.0.0.1"), server.serverPort(), settings));
    QVERIFY(recorder.waitForFinished(60'000));
    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.sent, 0);
    QCOMPARE(summary.failed, total);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(
        total, {{0, Status::Failed}, {1, Status::Failed}, {2, Status::Failed}}));
    for (int i = 0; i < total; ++i) {
        const std::optional<RecipientResult> last = recorder.lastResult(i);
        QVERIFY(last);
        QCOMPARE(last->status, Status::Failed);
        QVERIFY2(last->text.contains(u"connection failed"), qPrintable(last->text));
    }
    // Each message may be on at most MaxSessionFailuresPerMessage sessions.
    QVERIFY2(server.connectionCount() <= total * DeliveryPolicy::MaxSessionFailuresPerMessage,
             qPrintable(QString::number(server.connectionCount())));
    // And the reconnects were spaced: after the first failure a new connection opens at once,
    // after the second it waits 50 ms, then 100, 200... (a lower bound on real time only).
    const int failures = server.connectionCount();
    qint64 minimumMs = 0;
    for (int n = 2; n < failures; ++n)
        minimumMs += std::min<qint64>(50LL << (n - 2), DeliveryPolicy::MaxReconnectDelay.count());
    QVERIFY2(timer.elapsed() >= minimumMs,
             qPrintable(QStringLiteral("%1 ms for %2 sessions").arg(timer.elapsed()).arg(failures)));
}

// unconfirmedPolicy "hold" applies within a run: a message whose final-dot reply was lost is held
// for the user, not resent.
void TestRunnerScopes::holdPolicyHoldsWithinTheRun()
{
    constexpr int total = 5;
    ScriptedSmtpServer server;
    server.dropAfterFinalDot(3, ScriptedSmtpServer::DropMode::WithoutReply);
    DeliverySettings settings = fastSettings();
    settings.unconfirmedPolicy = UnconfirmedPolicy::Hold;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, QStringLiteral("127.0.0.1"), server.serverPort(), settings));
    QVERIFY(recorder.waitForFinished());
    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.sent, total - 1);
    QCOMPARE(summary.held, 1);
    QVERIFY(!summary.isComplete());
    // Message 3's dot went unanswered; it was not sent again.
    QCOMPARE(server.receivedMessages().size(), total - 1);
    QCOMPARE(recorder.statusesFor(2), QList<Status>{Status::Held});
    QCOMPARE(server.connectionCount(), 2);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total, {{2, Status::Held}}));
}

// Postfix's own rate-limit reply is a request to slow down, not a failure.
void TestRunnerScopes::postfixRateLimitReplySlowsDown()
{
    constexpr int total = 12;
    ScriptedSmtpServer server;
    server.setMailFromReplyAt(4, "450 4.7.1 Error: too much mail from 127.0.0.1");
    server.setMailFromReplyAt(5, "450 4.7.1 Error: too much mail from 127.0.0.1");
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, QStringLiteral("127.0.0.1"), server.serverPort()));
    QVERIFY(recorder.waitForFinished());
    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.failed, 0);
    QCOMPARE(summary.sent, total);
    QVERIFY(recorder.countWithStatus(Status::Throttled) >= 1);
    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
}

// A message larger than the server's SIZE is a configuration problem every message shares: the
// campaign stops once, with the reason, and nobody is marked failed.
void TestRunnerScopes::messageTooBigForTheServerStopsOnce()
{
    constexpr int total = 6;
    ScriptedSmtpServer server;
    server.setCapabilities({"PIPELINING", "SIZE 200"});
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, QStringLiteral("127.0.0.1"), server.serverPort()));
    QVERIFY(recorder.waitForFinished());
    const CampaignSummary summary = recorder.summary();
    QVERIFY2(summary.fatalError.contains(u"SIZE"), qPrintable(summary.fatalError));
    QCOMPARE(summary.failed, 0);
    QCOMPARE(summary.sent, 0);
    QCOMPARE(summary.notSent, total);
    QCOMPARE(server.receivedMessages().size(), 0);
}

// The server goes down in the middle of a campaign (every connection dropped, connections
// refused) and comes back: the campaign pauses, shows it, tries again, and finishes. Before, three
// refused connections in a row ended it as a fatal error.
void TestRunnerScopes::serverDownMidCampaignPausesAndResumes()
{
    constexpr int total = 12;
    ScriptedSmtpServer server;
    const quint16 port = server.serverPort();
    server.delayFinalDotReply(20ms);
    QObject context;
    bool wentDown = false;
    connect(&server, &ScriptedSmtpServer::messageAccepted, &context, [&](int number) {
        if (number != 4 || wentDown)
            return;
        wentDown = true;
        server.close(); // refuse new connections
        for (int connection = 1; connection <= server.connectionCount(); ++connection)
            server.closeConnection(connection, "421 4.3.2 Service shutting down");
        // Back after long enough for several refused attempts.
        QTimer::singleShot(1500ms, &server, [&server, port] {
            QVERIFY(server.listen(QHostAddress::LocalHost, port));
        });
    });
    DeliverySettings settings = fastSettings();
    settings.sitePause = 100ms;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, QStringLiteral("127.0.0.1"), port, settings));
    QVERIFY(recorder.waitForFinished());
    QVERIFY(wentDown);
    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, total);
    QCOMPARE(summary.failed, 0);
    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
    const QList<CampaignProgress> progress = recorder.progress();
    QVERIFY(std::any_of(progress.begin(), progress.end(), [](const CampaignProgress &p) {
        return p.hold == HoldReason::ServerUnavailable;
    }));
}

// A server that closes connections idle for 1 s (ours would wait 30 s): after the first such
// close, the pool closes idle connections itself a little before the server would.
void TestRunnerScopes::serversIdleLimitIsLearnt()
{
    constexpr int total = 4;
    ScriptedSmtpServer server;
    QObject context;
    connect(&server, &ScriptedSmtpServer::messageAccepted, &context, [&](int number) {
        const int connection = server.receivedMessages().constLast().connection;
        QTimer::singleShot(1000ms, &context, [&server, number, connection] {
            // Still idle since that message: the server's own idle limit.
            if (server.receivedMessages().size() == number)
                server.closeConnection(connection, "421 4.4.2 idle timeout");
        });
    });
    DeliverySettings settings = fastSettings();
    settings.idleTimeout = 30s;
    settings.rateLimits.delayBetweenMessages = 2500ms; // every connection idles between messages
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, QStringLiteral("127.0.0.1"), server.serverPort(), settings));
    QVERIFY(recorder.waitForFinished());
    QCOMPARE(recorder.summary().sent, total);
    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
    // The first connection was closed by the server; every later one by us, for idling.
    const QMap<int, CloseReason> reasons = recorder.closeReasons();
    QVERIFY2(reasons.size() >= 3, qPrintable(recorder.closeReasonList()));
    QCOMPARE(reasons.first(), CloseReason::Server421);
    const QList<CloseReason> later = reasons.values().mid(1, reasons.size() - 2);
    for (CloseReason reason : later)
        QVERIFY2(reason == CloseReason::Idle, qPrintable(recorder.closeReasonList()));
}

QTEST_GUILESS_MAIN(TestRunnerScopes)
#include "tst_runnerscopes.moc"
