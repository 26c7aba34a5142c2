// The pool's policy and the runner's controls, seen from a scripted server: idle connections are
// closed politely, a connection is probed only after another one failed, rate limits hold across
// several connections, and pause, resume and cancel do what they say.

#include "journal/sendjournal.h"
#include "runnertesthelpers.h"
#include "scriptedsmtpserver.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;
using Status = RecipientResult::Status;

namespace {

const QString localHost = QStringLiteral("127.0.0.1");

// MAIL commands the server saw on all its connections: transactions started.
int mailCommands(const ScriptedSmtpServer &server)
{
    int count = 0;
    for (int connection = 1; connection <= server.connectionCount(); ++connection) {
        const QList<QByteArray> commands = server.commandsOn(connection);
        count += int(std::count_if(commands.cbegin(), commands.cend(), [](const QByteArray &c) {
            return c.toUpper().startsWith("MAIL ");
        }));
    }
    return count;
}

} // namespace

class TestRunnerPolicy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void idleConnectionIsClosed();
    void otherConnectionIsProbedAfterFailure();
    void cleanRunSendsNoProbes();
    void rateLimitHoldsAcrossConnections();
    void pauseAndResume();
    void cancel();
    void journalKeepsTheDailyQuotaAcrossRestarts();
};

void TestRunnerPolicy::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setTestLogLevel();
}

void TestRunnerPolicy::idleConnectionIsClosed()
{
    // Recipient 1 is retried 2 s later; the connection has nothing to do meanwhile and is closed
    // after 1 s idle, with QUIT answered; the retry opens a new one.
    constexpr int total = 3;
    ScriptedSmtpServer server;
    server.setRecipientReply(recipientAddress(1).toUtf8(), "451 4.3.0 try again", 1);
    DeliverySettings settings = fastSettings();
    settings.idleTimeout = 1s;
    settings.retryDelay = 2s;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, localHost, server.serverPort(), settings));
    QVERIFY(recorder.waitForFinished());

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, total);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    QCOMPARE(recorder.statusesFor(1), (QList<Status>{Status::Retrying, Status::Sent}));
    QCOMPARE(recorder.lastResult(1)->connectionId, 2);
    QCOMPARE(recorder.lastResult(1)->attempt, 2);
    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));

    QCOMPARE(summary.connections, 2);
    QCOMPARE(recorder.closeReasonList(), QStringLiteral("1:idle 2:finished"));
    const QList<ConnectionEvent> closed = recorder.eventsOfKind(ConnectionEvent::Kind::Closed);
    QCOMPARE(closed.size(), 2);
    QVERIFY(closed.at(0).quitAnswered);
    QCOMPARE(closed.at(0).messagesSent, 2);
    QVERIFY(closed.at(1).quitAnswered);
    QCOMPARE(server.quitCount(), 2);
    QCOMPARE(server.noopCount(), 0); // a fresh connection needs no probe
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestRunnerPolicy::otherConnectionIsProbedAfterFailure()
{
    // Two connections, one message each (no PIPELINING, and slow final dots keep the first busy
    // while the second starts). The second final dot is never answered: after its timeout the
    // message goes back to the queue, and the idle first connection is checked with NOOP before
    // it carries it.
    constexpr int total = 2;
    ScriptedSmtpServer server;
    server.setCapabilities({"8BITMIME", "SIZE 10485760", "ENHANCEDSTATUSCODES"});
    server.delayFinalDotReply(300ms);
    server.stallOn(".", 2);
    DeliverySettings settings = fastSettings();
    settings.maxConnections = 2;
    settings.timeouts = {2s, 2s, 2s, 2s, 1s};
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, localHost, server.serverPort(), settings));
    QVERIFY(recorder.waitForFinished());

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, total);
    QCOMPARE(summary.unconfirmed, 1); // its final dot had left
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    QCOMPARE(recorder.statusesFor(0), QList<Status>{Status::Sent});
    QCOMPARE(recorder.statusesFor(1), (QList<Status>{Status::Unconfirmed, Status::Sent}));
    QVERIFY(recorder.lastResult(1)->possiblyDuplicated);
    QCOMPARE(recorder.lastResult(1)->connectionId, 1); // the probed connection carried it
    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));

    QCOMPARE(summary.connections, 2); // no third connection beside the one being probed
    QCOMPARE(recorder.createdCount(), 2);
    QCOMPARE(recorder.closeReasonList(), QStringLiteral("1:finished 2:timeout"));
    const QList<ConnectionEvent> checks = recorder.eventsOfKind(ConnectionEvent::Kind::HealthCheck);
    QCOMPARE(checks.size(), 1);
    QCOMPARE(checks.at(0).connectionId, 1);
    QVERIFY(checks.at(0).healthy);
    QCOMPARE(server.noopCount(), 1);
    QVERIFY(server.commandsOn(1).contains("NOOP"));
    QCOMPARE(server.rsetCount(), 0);
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestRunnerPolicy::cleanRunSendsNoProbes()
{
    constexpr int total = 100;
    ScriptedSmtpServer server;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, localHost, server.serverPort()));
    QVERIFY(recorder.waitForFinished());

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, total);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
    // Reuse means the next MAIL at once: no NOOP, no RSET before a send.
    QCOMPARE(server.noopCount(), 0);
    QCOMPARE(server.rsetCount(), 0);
    QCOMPARE(summary.connections, 1);
    QCOMPARE(recorder.closeReasonList(), QStringLiteral("1:finished"));
    QCOMPARE(recorder.eventsOfKind(ConnectionEvent::Kind::Reused).size(), total - 1);
    QCOMPARE(server.quitCount(), 1);
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestRunnerPolicy::rateLimitHoldsAcrossConnections()
{
    constexpr int total = 60;
    ScriptedSmtpServer server;
    QElapsedTimer clock;
    clock.start();
    QList<qint64> acceptedAt;
    QObject context;
    connect(&server, &ScriptedSmtpServer::messageAccepted, &context, [&](int) {
        acceptedAt.append(clock.elapsed());
    });
    DeliverySettings settings = fastSettings();
    settings.maxConnections = 3;
    settings.rateLimits.perSecond = 20;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, localHost, server.serverPort(), settings));
    QVERIFY(recorder.waitForFinished());

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.sent, total);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
    QVERIFY(summary.connections >= 1 && summary.connections <= 3);
    QCOMPARE(acceptedAt.size(), total);

    // 60 starts at 20 a second: at least 59 × 50 ms from the first to the last.
    const qint64 span = acceptedAt.constLast() - acceptedAt.constFirst();
    QVERIFY2(span >= 2850, qPrintable(QString::number(span)));
    QVERIFY2(recorder.finishedAfterMs() >= 2900,
             qPrintable(QString::number(recorder.finishedAfterMs())));
    // Only lower bounds on real time: how many messages a one-second window of the server's
    // clock holds depends on when a busy machine schedules this thread (the limiter's own
    // windows are judged with its injectable clock in tst_ratelimiter).
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestRunnerPolicy::pauseAndResume()
{
    constexpr int total = 40;
    constexpr int pauseAfter = 10;
    ScriptedSmtpServer server;
    DeliverySettings settings = fastSettings();
    settings.rateLimits.perSecond = 50;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    QObject context;
    connect(&server, &ScriptedSmtpServer::messageAccepted, &context, [&](int number) {
        if (number == pauseAfter)
            runner.pause();
    });
    runner.start(makePlan(total, localHost, server.serverPort(), settings));

    QTRY_VERIFY_WITH_TIMEOUT(!recorder.progress().isEmpty()
                                 && recorder.progress().constLast().paused,
                             10'000);
    // What was in flight finishes: every transaction the server saw started is accepted...
    QTRY_COMPARE(int(server.receivedMessages().size()), mailCommands(server));
    const int atPause = int(server.receivedMessages().size());
    QVERIFY(atPause >= pauseAfter && atPause < total);
    // ... and nothing more starts while paused.
    QVERIFY(!QTest::qWaitFor([&] { return mailCommands(server) != atPause; }, 500));
    QCOMPARE(int(server.receivedMessages().size()), atPause);
    QVERIFY(!recorder.isFinished());
    QTRY_COMPARE(recorder.countWithStatus(Status::Sent), atPause);
    QVERIFY(recorder.progress().constLast().paused);
    QCOMPARE(recorder.progress().constLast().sent, atPause);

    runner.resume();
    QVERIFY(recorder.waitForFinished());
    QVERIFY(!recorder.progress().constLast().paused);
    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.cancelled, false);
    QCOMPARE(summary.sent, total);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
    QCOMPARE(summary.connections, 1); // a short pause keeps the connection (idle timeout 30 s)
    QCOMPARE(recorder.closeReasonList(), QStringLiteral("1:finished"));
    QCOMPARE(server.noopCount(), 0);
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestRunnerPolicy::cancel()
{
    constexpr int total = 100;
    ScriptedSmtpServer server;
    DeliverySettings settings = fastSettings();
    settings.rateLimits.perSecond = 50;
    settings.maxConnections = 2;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    QObject context;
    connect(&server, &ScriptedSmtpServer::messageAccepted, &context, [&](int number) {
        if (number == 10)
            runner.cancel();
    });
    runner.start(makePlan(total, localHost, server.serverPort(), settings));
    QVERIFY(recorder.waitForFinished());

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.cancelled, true);
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.failed, 0);
    const int received = int(server.receivedMessages().size());
    QCOMPARE(summary.sent, received);
    QVERIFY2(received >= 10 && received <= 13, qPrintable(QString::number(received)));
    QCOMPARE(summary.notSent, total - received);
    QVERIFY(summary.notSent > 0);
    QCOMPARE(mailCommands(server), received); // nothing was left half-sent

    // The sent ones ended once as sent; the rest never got a final result.
    QList<int> notSent;
    const QHash<QByteArray, int> counts = countByRecipient(server.receivedMessages());
    for (int i = 0; i < total; ++i) {
        const int count = counts.value(recipientAddress(i).toUtf8());
        QVERIFY(count <= 1);
        if (count == 0)
            notSent.append(i);
    }
    QCOMPARE(int(notSent.size()), total - received);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total, {}, notSent));

    // Every connection said goodbye because of the cancel.
    QCOMPARE(summary.connections, recorder.createdCount());
    const QList<ConnectionEvent> closed = recorder.eventsOfKind(ConnectionEvent::Kind::Closed);
    QCOMPARE(closed.size(), summary.connections);
    for (const ConnectionEvent &event : closed) {
        QCOMPARE(event.reason, CloseReason::Cancelled);
        QVERIFY(event.quitAnswered);
    }
    QTRY_COMPARE(server.openConnectionCount(), 0);
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestRunnerPolicy::journalKeepsTheDailyQuotaAcrossRestarts()
{
    // An earlier run sent to the first three recipients an hour ago. With a daily quota of 4,
    // the resumed run may send one more message today, and then must hold with "daily quota".
    constexpr int total = 6;
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    ScriptedSmtpServer server;
    DeliverySettings settings = fastSettings();
    settings.rateLimits.perDay = 4;
    CampaignPlan plan = makePlan(total, localHost, server.serverPort(), settings);
    plan.campaign.filePath = directory.filePath(QStringLiteral("quota.bulkmail"));
    {
        ManualClock anHourAgo; // the journal's clock: its wall time is in the past
        auto journal = SendJournal::open(SendJournal::pathFor(plan.campaign.filePath),
                                         plan.campaign.recipients,
                                         anHourAgo);
        QVERIFY_RESULT(journal);
        const QDateTime sentAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
        for (int i = 0; i < 3; ++i) {
            for (const JournalEntry::Kind kind :
                 {JournalEntry::Kind::InFlight, JournalEntry::Kind::Sent}) {
                JournalEntry entry;
                entry.kind = kind;
                entry.recipientIndex = i;
                entry.email = recipientAddress(i);
                entry.connectionId = 1;
                entry.code = kind == JournalEntry::Kind::Sent ? 250 : 0;
                entry.time = sentAt;
                QVERIFY_RESULT((*journal)->append(entry));
            }
        }
    }

    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(plan);
    QTRY_COMPARE(server.receivedMessages().size(), 1);
    QCOMPARE(server.receivedMessages().first().recipients,
             QList<QByteArray>{recipientAddress(3).toUtf8()});
    // The next start is a day away, and the progress says why.
    QTRY_VERIFY(!recorder.progress().isEmpty()
                && recorder.progress().last().hold == HoldReason::PerDay);
    QVERIFY(recorder.progress().last().holdRemainingMs > 22 * 3600 * 1000);
    // Two more of the runner's heartbeats (one a second) go by still holding, and nothing more
    // is sent meanwhile: events, not a sleep.
    const qsizetype reports = recorder.progress().size();
    QTRY_VERIFY_WITH_TIMEOUT(recorder.progress().size() >= reports + 2, 10'000);
    QCOMPARE(recorder.progress().last().hold, HoldReason::PerDay);
    QCOMPARE(server.receivedMessages().size(), 1);
    runner.cancel();
    QVERIFY(recorder.waitForFinished());
    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.previouslySent, 3);
    QCOMPARE(summary.sent, 1);
    QCOMPARE(summary.notSent, 2);
    QVERIFY(!summary.isComplete());
}

QTEST_GUILESS_MAIN(TestRunnerPolicy)
#include "tst_runnerpolicy.moc"
