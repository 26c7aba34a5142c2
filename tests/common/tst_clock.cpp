// The Clock's timers: a ManualClock fires them only when advanced, in deadline order, with now()
// at each deadline while its timeout runs; the SystemClock's are QTimers underneath. The engine's
// timers all run on these, which is what lets a simulation drive the whole stack without sleeping.

#include "common/clock.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <vector>

using namespace Bulkmail;
using namespace std::chrono_literals;

class TestClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void manualTimersFireOnlyWhenAdvanced();
    void manualTimersFireInDeadlineOrderAtTheirDeadline();
    void equalDeadlinesFireInStartOrder();
    void restartMovesTheDeadlineAndStopCancels();
    void repeatingTimerRearmsFromItsDeadline();
    void timerStartedInsideATimeoutFiresInTheSameAdvance();
    void timerDestroyedInsideATimeoutIsSkipped();
    void nextTimerDeadlineAndRemainingTime();
    void timerOutlivingItsClockIsInert();
    void systemTimerIsAQTimer();
};

void TestClock::manualTimersFireOnlyWhenAdvanced()
{
    ManualClock clock;
    QObject owner;
    const std::unique_ptr<ClockTimer> timer = clock.createTimer(&owner);
    QCOMPARE(timer->parent(), &owner);
    QSignalSpy fired(timer.get(), &ClockTimer::timeout);
    timer->start(100ms);
    QVERIFY(timer->isActive());
    QCoreApplication::processEvents();
    QCOMPARE(fired.size(), 0);
    clock.advance(99ms);
    QCOMPARE(fired.size(), 0);
    clock.advance(1ms);
    QCOMPARE(fired.size(), 1);
    QVERIFY(!timer->isActive()); // single-shot by default
    clock.advance(1h);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(clock.timeoutsFired(), 1);
}

void TestClock::manualTimersFireInDeadlineOrderAtTheirDeadline()
{
    ManualClock clock;
    const Clock::TimePoint start = clock.now();
    const QDateTime wallStart = clock.currentDateTimeUtc();
    QObject owner;
    std::vector<std::unique_ptr<ClockTimer>> timers;
    QList<std::pair<int, qint64>> seen; // timer, ms since start as the timeout saw it
    for (const auto &[index, delay] : {std::pair{0, 300ms}, {1, 100ms}, {2, 200ms}}) {
        timers.push_back(clock.createTimer(&owner));
        ClockTimer *timer = timers.back().get();
        QObject::connect(timer, &ClockTimer::timeout, &owner, [&, index = index] {
            seen.append({index, (clock.now() - start) / 1ms});
            QCOMPARE(wallStart.msecsTo(clock.currentDateTimeUtc()), seen.constLast().second);
        });
        timer->start(delay);
    }
    clock.advance(1s);
    QCOMPARE(seen, (QList<std::pair<int, qint64>>{{1, 100}, {2, 200}, {0, 300}}));
    QCOMPARE((clock.now() - start) / 1ms, 1000);
    QCOMPARE(wallStart.msecsTo(clock.currentDateTimeUtc()), 1000);
}

void TestClock::equalDeadlinesFireInStartOrder()
{
    ManualClock clock;
    QObject owner;
    QList<int> seen;
    std::vector<std::unique_ptr<ClockTimer>> timers;
    for (int index : {2, 0, 1}) {
        timers.push_back(clock.createTimer(&owner));
        QObject::connect(timers.back().get(), &ClockTimer::timeout, &owner, [&seen, index] {
            seen.append(index);
        });
    }
    for (const auto &timer : timers)
        timer->start(50ms);
    clock.advance(50ms);
    QCOMPARE(seen, (QList<int>{2, 0, 1}));
}

void TestClock::restartMovesTheDeadlineAndStopCancels()
{
    ManualClock clock;
    QObject owner;
    const std::unique_ptr<ClockTimer> timer = clock.createTimer(&owner);
    QSignalSpy fired(timer.get(), &ClockTimer::timeout);
    timer->setInterval(100ms);
    timer->start();
    clock.advance(60ms);
    timer->start(); // restarted: due 100 ms from now
    clock.advance(60ms);
    QCOMPARE(fired.size(), 0);
    clock.advance(40ms);
    QCOMPARE(fired.size(), 1);
    timer->start(10ms);
    timer->stop();
    QVERIFY(!timer->isActive());
    clock.advance(1s);
    QCOMPARE(fired.size(), 1);
}

void TestClock::repeatingTimerRearmsFromItsDeadline()
{
    ManualClock clock;
    const Clock::TimePoint start = clock.now();
    QObject owner;
    const std::unique_ptr<ClockTimer> timer = clock.createTimer(&owner);
    timer->setMode(ClockTimer::Mode::Repeating);
    timer->setInterval(1s);
    QList<qint64> seen;
    QObject::connect(timer.get(), &ClockTimer::timeout, &owner, [&] {
        seen.append((clock.now() - start) / 1ms);
    });
    timer->start();
    clock.advance(3500ms);
    QCOMPARE(seen, (QList<qint64>{1000, 2000, 3000}));
    QVERIFY(timer->isActive());
    QCOMPARE(timer->remainingTime(), 500ms);
}

void TestClock::timerStartedInsideATimeoutFiresInTheSameAdvance()
{
    ManualClock clock;
    const Clock::TimePoint start = clock.now();
    QObject owner;
    const std::unique_ptr<ClockTimer> first = clock.createTimer(&owner);
    const std::unique_ptr<ClockTimer> second = clock.createTimer(&owner);
    qint64 secondAt = -1;
    QObject::connect(first.get(), &ClockTimer::timeout, &owner, [&] { second->start(30ms); });
    QObject::connect(second.get(), &ClockTimer::timeout, &owner, [&] {
        secondAt = (clock.now() - start) / 1ms;
    });
    first->start(50ms);
    clock.advance(70ms);
    QCOMPARE(secondAt, -1); // due at 80 ms
    clock.advance(10ms);
    QCOMPARE(secondAt, 80);
}

void TestClock::timerDestroyedInsideATimeoutIsSkipped()
{
    ManualClock clock;
    QObject owner;
    std::unique_ptr<ClockTimer> first = clock.createTimer(&owner);
    std::unique_ptr<ClockTimer> second = clock.createTimer(&owner);
    QSignalSpy secondFired(second.get(), &ClockTimer::timeout);
    QObject::connect(first.get(), &ClockTimer::timeout, &owner, [&] { second.reset(); });
    first->start(10ms);
    second->start(10ms);
    clock.advance(20ms);
    QVERIFY(!second);
    QCOMPARE(clock.activeTimerCount(), 0);
}

void TestClock::nextTimerDeadlineAndRemainingTime()
{
    ManualClock clock;
    QObject owner;
    QVERIFY(!clock.nextTimerDeadline());
    const std::unique_ptr<ClockTimer> timer = clock.createTimer(&owner);
    QCOMPARE(timer->remainingTime(), -1ms);
    timer->start(250ms);
    QCOMPARE(clock.nextTimerDeadline(), clock.now() + 250ms);
    clock.advance(100ms);
    QCOMPARE(timer->remainingTime(), 150ms);
    QCOMPARE(clock.activeTimerCount(), 1);
    clock.advance(150ms);
    QVERIFY(!clock.nextTimerDeadline());
}

void TestClock::timerOutlivingItsClockIsInert()
{
    QObject owner;
    std::unique_ptr<ClockTimer> timer;
    {
        ManualClock clock;
        timer = clock.createTimer(&owner);
        timer->start(10ms);
    }
    timer->start(10ms);
    timer.reset(); // no use of the destroyed clock
}

void TestClock::systemTimerIsAQTimer()
{
    QObject owner;
    const std::unique_ptr<ClockTimer> timer = SystemClock::instance().createTimer(&owner);
    QSignalSpy fired(timer.get(), &ClockTimer::timeout);
    timer->setPrecise();
    timer->start(10ms);
    QVERIFY(timer->isActive());
    QVERIFY(timer->remainingTime() <= 10ms);
    QVERIFY(fired.wait(5000));
    QVERIFY(!timer->isActive());
    timer->setMode(ClockTimer::Mode::Repeating);
    timer->start(1ms);
    QTRY_VERIFY_WITH_TIMEOUT(fired.size() >= 3, 5000);
    QVERIFY(timer->isActive());
    timer->stop();
    QCOMPARE(timer->remainingTime(), -1ms);
}

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
