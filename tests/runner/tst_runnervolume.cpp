// The runner at volume against real servers: Postfix's smtp-sink counts messages and sessions,
// aiosmtpd records who sent what on which connection. Also the one run in an engine thread,
// wired exactly as bulkmail-cli's send command does it.

#include "realservers.h"
#include "runner/enginethread.h"
#include "runnertesthelpers.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;

class TestRunnerVolume final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void connectionsFollowMessageLimit_data();
    void connectionsFollowMessageLimit();
    void progressIsCoalesced_data();
    void progressIsCoalesced();
    void runsInEngineThread();
};

void TestRunnerVolume::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setTestLogLevel();
}

void TestRunnerVolume::connectionsFollowMessageLimit_data()
{
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("perConnection");
    QTest::addColumn<int>("expectedConnections");

    QTest::newRow("2000 messages, 50 per connection") << 2000 << 50 << 40;
    QTest::newRow("500 messages, no limit") << 500 << 0 << 1;
}

void TestRunnerVolume::connectionsFollowMessageLimit()
{
    QFETCH(int, total);
    QFETCH(int, perConnection);
    QFETCH(int, expectedConnections);

    SmtpSinkServer sink;
    QVERIFY(sink.start());
    DeliverySettings settings = fastSettings();
    settings.maxMessagesPerConnection = perConnection;
    settings.rateLimits.perSecond = 0;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(total, sink.host(), sink.port(), settings));
    QVERIFY(recorder.waitForFinished(60'000));

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, total);
    QCOMPARE(summary.failed, 0);
    QCOMPARE(summary.unconfirmed, 0);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    QCOMPARE(summary.connections, expectedConnections);
    QCOMPARE(summary.logins, 0);
    QCOMPARE(recorder.createdCount(), expectedConnections);

    // Every connection but the last retired at its limit; the last closed because the work ended.
    const QMap<int, CloseReason> reasons = recorder.closeReasons();
    QCOMPARE(int(reasons.size()), expectedConnections);
    for (auto it = reasons.cbegin(); it != reasons.cend(); ++it) {
        const bool isLast = it.key() == reasons.lastKey();
        QCOMPARE(it.value(), isLast ? CloseReason::Finished : CloseReason::MaxMessages);
    }
    for (const ConnectionEvent &event : recorder.eventsOfKind(ConnectionEvent::Kind::Closed)) {
        QVERIFY(event.quitAnswered);
        if (perConnection > 0)
            QCOMPARE(event.messagesSent, perConnection);
    }

    // What the server counted.
    QTRY_COMPARE_WITH_TIMEOUT(sink.messageCount(), total, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(sink.sessionCount(), expectedConnections, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(sink.quitCount(), expectedConnections, 10'000);
}

void TestRunnerVolume::progressIsCoalesced_data()
{
    QTest::addColumn<double>("perSecond");
    QTest::addColumn<int>("minimumProgress");

    QTest::newRow("as fast as it goes") << 0.0 << 1;
    // About a second of steady sending: the display keeps moving, at most 20 times a second.
    QTest::newRow("500 per second") << 500.0 << 10;
}

void TestRunnerVolume::progressIsCoalesced()
{
    QFETCH(double, perSecond);
    QFETCH(int, minimumProgress);
    constexpr int total = 500;
    SmtpSinkServer sink;
    QVERIFY(sink.start());
    DeliverySettings settings = fastSettings();
    settings.rateLimits.perSecond = perSecond;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    QElapsedTimer elapsed;
    elapsed.start();
    runner.start(makePlan(total, sink.host(), sink.port(), settings));
    QVERIFY(recorder.waitForFinished(60'000));
    const double seconds = double(elapsed.elapsed()) / 1000.0;

    QCOMPARE(recorder.summary().sent, total);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    // At most one flush per 50 ms, plus the final one when the campaign ends.
    const double allowed = 20 * seconds + 2;
    QVERIFY2(recorder.progress().size() <= allowed,
             qPrintable(QStringLiteral("%1 progress signals in %2 s")
                            .arg(recorder.progress().size())
                            .arg(seconds)));
    QVERIFY2(recorder.resultBatches() <= allowed,
             qPrintable(QStringLiteral("%1 result batches in %2 s")
                            .arg(recorder.resultBatches())
                            .arg(seconds)));
    QVERIFY2(recorder.progress().size() >= minimumProgress,
             qPrintable(QString::number(recorder.progress().size())));
    // Results really come in batches, not one signal per recipient.
    QVERIFY2(recorder.resultBatches() < total / 5,
             qPrintable(QString::number(recorder.resultBatches())));
    // The last progress snapshot is complete.
    const CampaignProgress last = recorder.progress().constLast();
    QCOMPARE(last.total, total);
    QCOMPARE(last.sent, total);
    QCOMPARE(last.remaining, 0);
    QCOMPARE(recorder.signalsAfterFinished(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(sink.messageCount(), total, 10'000);
}

void TestRunnerVolume::runsInEngineThread()
{
    constexpr int total = 30;
    AiosmtpdOptions options;
    options.username = QStringLiteral("sender");
    options.password = QStringLiteral("secret");
    AiosmtpdServer server(options);
    QVERIFY(server.start());

    EngineThread engine = startEngineThread();
    QCOMPARE(engine->objectName(), QStringLiteral("bulkmail-engine"));
    QVERIFY(engine->isRunning());
    CampaignRunner *runner = createRunnerIn(engine);
    QCOMPARE(runner->thread(), engine.get());
    const QPointer<CampaignRunner> watch(runner);

    DeliverySettings settings = fastSettings();
    settings.maxConnections = 2;
    settings.maxMessagesPerConnection = 10;
    {
        RunRecorder recorder(*runner);
        runner->start(makePlan(
            total, server.host(), server.port(), settings, options.username, options.password));
        QVERIFY(recorder.waitForFinished(30'000));

        // Every signal crossed into this thread.
        QCOMPARE(recorder.deliveryThreads(), QList<QThread *>{QThread::currentThread()});
        QCOMPARE(recorder.finishedCount(), 1);
        const CampaignSummary summary = recorder.summary();
        QCOMPARE(summary.fatalError, QString());
        QCOMPARE(summary.sent, total);
        QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
        // Ten messages per connection: at least three connections, each logged in once.
        QVERIFY2(summary.connections >= 3 && summary.connections <= 4,
                 qPrintable(QString::number(summary.connections)));
        QCOMPARE(summary.logins, summary.connections);
        QCOMPARE(recorder.createdCount(), summary.connections);
        for (const ConnectionEvent &event : recorder.eventsOfKind(ConnectionEvent::Kind::Created))
            QVERIFY(event.authenticated);

        QTRY_COMPARE(int(server.receivedMessages().size()), total);
        QVERIFY_CHECK(checkEachReceivedOnce(server.receivedMessages(), total));
        QCOMPARE(server.authAttempts(), summary.connections);
        QCOMPARE(server.successfulLogins(), summary.connections);
        QCOMPARE(server.connectionCount(), summary.connections);
        QTRY_COMPARE(server.disconnectionCount(), summary.connections);
    }

    // The thread ends cleanly and takes the runner with it.
    QSignalSpy threadFinished(engine.get(), &QThread::finished);
    engine.reset(); // quit(), wait(), delete, as in bulkmail-cli
    QCOMPARE(threadFinished.count(), 1);
    QVERIFY(watch.isNull());
}

QTEST_GUILESS_MAIN(TestRunnerVolume)
#include "tst_runnervolume.moc"
