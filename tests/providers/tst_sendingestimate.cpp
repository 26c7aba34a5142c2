// The numbers behind the plain-words estimate: which window sets the pace, how long the send
// takes, and how the daily quota splits it.

#include "providers/sendingestimate.h"

#include <QTest>

using namespace Bulkmail;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(Bulkmail::PaceLimit)

class tst_SendingEstimate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void estimate_data();
    void estimate();
    void perMinuteIsSharedByConnections();
};

void tst_SendingEstimate::estimate_data()
{
    QTest::addColumn<int>("recipients");
    QTest::addColumn<double>("perSecond");
    QTest::addColumn<int>("perMinute");
    QTest::addColumn<int>("perDay");
    QTest::addColumn<int>("delayMs");
    QTest::addColumn<int>("alreadySent");
    QTest::addColumn<PaceLimit>("boundBy");
    QTest::addColumn<double>("perMinuteResult");
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<int>("sendableToday");
    QTest::addColumn<int>("roomLeft");
    QTest::addColumn<int>("carriedOver");
    QTest::addColumn<int>("extraDays");

    // "at 30 a minute, 2,400 recipients take about 1 h 20 min; today's quota of 10,000 leaves
    // room for 7,600 more"
    QTest::newRow("Office 365: 2,400 at 30 a minute")
        << 2400 << 10.0 << 30 << 10'000 << 0 << 0 << PaceLimit::PerMinute << 30.0 << qint64(80 * 60)
        << 2400 << 7600 << 0 << 0;
    QTest::newRow("per second is the strictest")
        << 600 << 2.0 << 300 << 0 << 0 << 0 << PaceLimit::PerSecond << 120.0 << qint64(300) << 600
        << 0 << 0 << 0;
    QTest::newRow("delay is the strictest")
        << 100 << 10.0 << 0 << 0 << 3000 << 0 << PaceLimit::Delay << 20.0 << qint64(300) << 100 << 0
        << 0 << 0;
    QTest::newRow("Gmail: 1,200 exceed 500 a day")
        << 1200 << 1.0 << 0 << 500 << 0 << 0 << PaceLimit::PerSecond << 60.0 << qint64(500) << 500
        << 0 << 700 << 2;
    QTest::newRow("exactly the quota") << 500 << 1.0 << 0 << 500 << 0 << 0 << PaceLimit::PerSecond
                                       << 60.0 << qint64(500) << 500 << 0 << 0 << 0;
    QTest::newRow("part of today's quota already used")
        << 300 << 0.0 << 30 << 1000 << 0 << 800 << PaceLimit::PerMinute << 30.0 << qint64(400)
        << 200 << 0 << 100 << 1;
    QTest::newRow("quota already used up")
        << 50 << 0.0 << 30 << 1000 << 0 << 1200 << PaceLimit::PerMinute << 30.0 << qint64(0) << 0
        << 0 << 50 << 1;
    QTest::newRow("nothing limits the pace") << 1000 << 0.0 << 0 << 0 << 0 << 0 << PaceLimit::None
                                             << 0.0 << qint64(0) << 1000 << 0 << 0 << 0;
    QTest::newRow("no recipients") << 0 << 10.0 << 30 << 500 << 0 << 0 << PaceLimit::PerMinute
                                   << 30.0 << qint64(0) << 0 << 500 << 0 << 0;
    QTest::newRow("fractional per second rounds to whole seconds")
        << 7 << 3.0 << 0 << 0 << 0 << 0 << PaceLimit::PerSecond << 180.0 << qint64(2) << 7 << 0 << 0
        << 0;
}

void tst_SendingEstimate::estimate()
{
    QFETCH(int, recipients);
    QFETCH(double, perSecond);
    QFETCH(int, perMinute);
    QFETCH(int, perDay);
    QFETCH(int, delayMs);
    QFETCH(int, alreadySent);

    RateLimits limits;
    limits.perSecond = perSecond;
    limits.perMinute = perMinute;
    limits.perDay = perDay;
    limits.delayBetweenMessages = std::chrono::milliseconds(delayMs);

    const SendingEstimate estimate = estimateSending(recipients, limits, 3, alreadySent);
    QTEST(estimate.boundBy, "boundBy");
    QTEST(estimate.messagesPerMinute, "perMinuteResult");
    QTEST(qint64(estimate.duration.count()), "seconds");
    QTEST(estimate.sendableToday, "sendableToday");
    QTEST(estimate.roomLeftToday, "roomLeft");
    QTEST(estimate.carriedOver, "carriedOver");
    QTEST(estimate.extraDays, "extraDays");
    QCOMPARE(estimate.recipients, recipients);
    QCOMPARE(estimate.dailyQuota, perDay);
    QCOMPARE(estimate.exceedsDailyQuota(), estimate.carriedOver > 0);
    QCOMPARE(estimate.isBounded(), estimate.boundBy != PaceLimit::None);
}

void tst_SendingEstimate::perMinuteIsSharedByConnections()
{
    // The windows are shared by all connections (RateLimiter): more connections do not make a
    // per-minute limit go faster.
    RateLimits limits;
    limits.perSecond = 0;
    limits.perMinute = 30;
    const SendingEstimate one = estimateSending(300, limits, 1);
    const SendingEstimate three = estimateSending(300, limits, 3);
    QCOMPARE(one.duration, 10min);
    QCOMPARE(three.duration, one.duration);
    QCOMPARE(three.maxConnections, 3);
    QCOMPARE(estimateSending(10, limits, 0).maxConnections, 1);
}

QTEST_GUILESS_MAIN(tst_SendingEstimate)
#include "tst_sendingestimate.moc"
