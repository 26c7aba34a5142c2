#include "delivery/retrypolicy.h"

#include <limits>

#include <QSet>
#include <QTest>

using namespace Bulkmail;
using namespace std::chrono_literals;

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retryDelay_data();
    void retryDelay();
    void retryDelayNeverOverflows();
    void jitterStaysWithinTwentyPercentAndVaries();
    void shouldRetry_data();
    void shouldRetry();
    void throttlePause_data();
    void throttlePause();
};

void TestRetryPolicy::retryDelay_data()
{
    QTest::addColumn<int>("attemptJustFailed");
    QTest::addColumn<qint64>("firstDelaySeconds");
    QTest::addColumn<qint64>("expectedMilliseconds");

    QTest::newRow("first failure waits the first delay") << 1 << qint64(30) << qint64(30'000);
    QTest::newRow("second failure doubles") << 2 << qint64(30) << qint64(60'000);
    QTest::newRow("third failure doubles again") << 3 << qint64(30) << qint64(120'000);
    QTest::newRow("seventh failure is 32 minutes") << 7 << qint64(30) << qint64(1'920'000);
    QTest::newRow("eighth failure is capped at one hour") << 8 << qint64(30) << qint64(3'600'000);
    QTest::newRow("hundredth failure stays at one hour") << 100 << qint64(30) << qint64(3'600'000);
    QTest::newRow("first delay above the cap is capped") << 1 << qint64(7200) << qint64(3'600'000);
    QTest::newRow("attempt zero counts as the first") << 0 << qint64(30) << qint64(30'000);
    QTest::newRow("negative attempt counts as the first") << -3 << qint64(10) << qint64(10'000);
    QTest::newRow("zero first delay retries at once") << 5 << qint64(0) << qint64(0);
    QTest::newRow("negative first delay retries at once") << 2 << qint64(-5) << qint64(0);
}

void TestRetryPolicy::retryDelay()
{
    QFETCH(int, attemptJustFailed);
    QFETCH(qint64, firstDelaySeconds);
    QFETCH(qint64, expectedMilliseconds);

    QCOMPARE(Bulkmail::retryDelay(attemptJustFailed, std::chrono::seconds(firstDelaySeconds)).count(),
             expectedMilliseconds);
}

void TestRetryPolicy::retryDelayNeverOverflows()
{
    QCOMPARE(Bulkmail::retryDelay(std::numeric_limits<int>::max(), 1s), MaxRetryDelay);
    QCOMPARE(Bulkmail::retryDelay(64, 1s), MaxRetryDelay);
}

void TestRetryPolicy::jitterStaysWithinTwentyPercentAndVaries()
{
    QSet<qint64> seen;
    for (int i = 0; i < 200; ++i) {
        const auto delay = Bulkmail::retryDelay(2, 30s, Jitter::UpToTwentyPercent);
        QVERIFY2(delay >= 60s && delay <= 72s, qPrintable(QString::number(delay.count())));
        seen.insert(delay.count());
    }
    QVERIFY2(seen.size() > 10, "jitter should spread the delays");
    // The cap applies before the jitter: never more than 1 h 12 min.
    for (int i = 0; i < 50; ++i) {
        const auto delay = Bulkmail::retryDelay(20, 30s, Jitter::UpToTwentyPercent);
        QVERIFY(delay >= MaxRetryDelay && delay <= MaxRetryDelay * 6 / 5);
    }
}

void TestRetryPolicy::shouldRetry_data()
{
    QTest::addColumn<int>("attemptsMade");
    QTest::addColumn<int>("maxAttempts");
    QTest::addColumn<bool>("expected");

    QTest::newRow("one of three made") << 1 << 3 << true;
    QTest::newRow("two of three made") << 2 << 3 << true;
    QTest::newRow("three of three made") << 3 << 3 << false;
    QTest::newRow("more than allowed") << 4 << 3 << false;
    QTest::newRow("single attempt allowed") << 1 << 1 << false;
    QTest::newRow("zero max means one attempt") << 1 << 0 << false;
    QTest::newRow("negative max means one attempt") << 1 << -1 << false;
    QTest::newRow("nothing made yet") << 0 << 0 << true;
}

void TestRetryPolicy::shouldRetry()
{
    QFETCH(int, attemptsMade);
    QFETCH(int, maxAttempts);
    QFETCH(bool, expected);

    QCOMPARE(Bulkmail::shouldRetry(attemptsMade, maxAttempts), expected);
}

void TestRetryPolicy::throttlePause_data()
{
    QTest::addColumn<int>("consecutiveThrottles");
    QTest::addColumn<qint64>("firstPauseMilliseconds");
    QTest::addColumn<qint64>("expectedMilliseconds");

    QTest::newRow("first throttle: one minute") << 1 << qint64(60'000) << qint64(60'000);
    QTest::newRow("second: two minutes") << 2 << qint64(60'000) << qint64(120'000);
    QTest::newRow("third: four minutes") << 3 << qint64(60'000) << qint64(240'000);
    QTest::newRow("fourth: eight minutes") << 4 << qint64(60'000) << qint64(480'000);
    QTest::newRow("fifth: capped at fifteen minutes") << 5 << qint64(60'000) << qint64(900'000);
    QTest::newRow("fortieth: still fifteen minutes") << 40 << qint64(60'000) << qint64(900'000);
    QTest::newRow("zero counts as the first") << 0 << qint64(5'000) << qint64(5'000);
    QTest::newRow("long first pause is honoured")
        << 3 << qint64(30 * 60'000) << qint64(30 * 60'000);
    QTest::newRow("zero pause stays zero") << 3 << qint64(0) << qint64(0);
}

void TestRetryPolicy::throttlePause()
{
    QFETCH(int, consecutiveThrottles);
    QFETCH(qint64, firstPauseMilliseconds);
    QFETCH(qint64, expectedMilliseconds);

    QCOMPARE(Bulkmail::throttlePause(consecutiveThrottles,
                                     std::chrono::milliseconds(firstPauseMilliseconds))
                 .count(),
             expectedMilliseconds);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
