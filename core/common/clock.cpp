#include "clock.h"

#include <QTimer>

#include <algorithm>

namespace Bulkmail {

namespace {

// A QTimer underneath, so that an engine on the system clock behaves and costs as it did with
// QTimer members.
class SystemTimer final : public ClockTimer
{
public:
    explicit SystemTimer(QObject *parent)
        : ClockTimer(parent)
        , m_timer(this)
    {
        connect(&m_timer, &QTimer::timeout, this, &ClockTimer::timeout);
    }

    void setPrecise() override { m_timer.setTimerType(Qt::PreciseTimer); }
    void start(std::chrono::milliseconds interval) override
    {
        m_timer.setSingleShot(mode() == Mode::SingleShot);
        m_timer.start(interval);
    }
    void stop() override { m_timer.stop(); }
    [[nodiscard]] bool isActive() const override { return m_timer.isActive(); }
    [[nodiscard]] std::chrono::milliseconds remainingTime() const override
    {
        return m_timer.remainingTimeAsDuration();
    }

private:
    QTimer m_timer;
};

} // namespace

ClockTimer::ClockTimer(QObject *parent)
    : QObject(parent)
{}

ClockTimer::~ClockTimer() = default;

void ClockTimer::setMode(Mode mode)
{
    m_mode = mode;
}

void ClockTimer::setInterval(std::chrono::milliseconds interval)
{
    m_interval = interval;
}

Clock::~Clock() = default;

Clock::TimePoint SystemClock::now() const
{
    return std::chrono::steady_clock::now();
}

QDateTime SystemClock::currentDateTimeUtc() const
{
    return QDateTime::currentDateTimeUtc();
}

std::unique_ptr<ClockTimer> SystemClock::createTimer(QObject *parent) const
{
    return std::make_unique<SystemTimer>(parent);
}

const SystemClock &SystemClock::instance()
{
    static const SystemClock clock;
    return clock;
}

// Fires only from ManualClock::advance().
class ManualClock::Timer final : public ClockTimer
{
public:
    Timer(const ManualClock &clock, QObject *parent)
        : ClockTimer(parent)
        , m_clock(&clock)
    {
        m_clock->m_timers.push_back(this);
    }
    ~Timer() override
    {
        if (m_clock)
            std::erase(m_clock->m_timers, this);
    }
    Timer(const Timer &) = delete;
    Timer &operator=(const Timer &) = delete;

    void setPrecise() override {} // always exact
    void start(std::chrono::milliseconds interval) override
    {
        if (!m_clock)
            return;
        m_active = true;
        m_deadline = m_clock->now() + std::max(interval, std::chrono::milliseconds(0));
        m_sequence = m_clock->m_nextSequence++;
    }
    void stop() override { m_active = false; }
    [[nodiscard]] bool isActive() const override { return m_active; }
    [[nodiscard]] std::chrono::milliseconds remainingTime() const override
    {
        if (!m_active || !m_clock)
            return std::chrono::milliseconds(-1);
        return std::max(std::chrono::ceil<std::chrono::milliseconds>(m_deadline - m_clock->now()),
                        std::chrono::milliseconds(0));
    }

    // Called by advance() at the deadline: rearms a repeating timer, then emits.
    void fire()
    {
        if (mode() == Mode::Repeating) {
            // An interval of 0 would fire for ever without the clock moving.
            start(std::max(interval(), std::chrono::milliseconds(1)));
        } else {
            m_active = false;
        }
        Q_EMIT timeout();
    }
    void detach() { m_clock = nullptr; }

    [[nodiscard]] TimePoint deadline() const { return m_deadline; }
    [[nodiscard]] quint64 sequence() const { return m_sequence; }

private:
    const ManualClock *m_clock;
    bool m_active = false;
    TimePoint m_deadline{};
    quint64 m_sequence = 0;
};

ManualClock::ManualClock()
    : m_now(std::chrono::steady_clock::time_point{} + std::chrono::hours(24))
    , m_wallClock(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC)
{}

ManualClock::~ManualClock()
{
    for (Timer *timer : m_timers)
        timer->detach();
}

Clock::TimePoint ManualClock::now() const
{
    return m_now;
}

QDateTime ManualClock::currentDateTimeUtc() const
{
    return m_wallClock;
}

std::unique_ptr<ClockTimer> ManualClock::createTimer(QObject *parent) const
{
    return std::make_unique<Timer>(*this, parent);
}

ManualClock::Timer *ManualClock::nextDue(TimePoint limit) const
{
    Timer *next = nullptr;
    for (Timer *timer : m_timers) {
        if (!timer->isActive() || timer->deadline() > limit)
            continue;
        if (!next || timer->deadline() < next->deadline()
            || (timer->deadline() == next->deadline() && timer->sequence() < next->sequence()))
            next = timer;
    }
    return next;
}

std::optional<Clock::TimePoint> ManualClock::nextTimerDeadline() const
{
    if (Timer *next = nextDue(TimePoint::max()))
        return next->deadline();
    return std::nullopt;
}

int ManualClock::activeTimerCount() const
{
    return int(std::count_if(m_timers.begin(), m_timers.end(), [](const Timer *timer) {
        return timer->isActive();
    }));
}

void ManualClock::moveTo(TimePoint time)
{
    if (time <= m_now)
        return;
    m_wallClock = m_wallClock.addMSecs(
        std::chrono::duration_cast<std::chrono::milliseconds>(time - m_now).count());
    m_now = time;
}

void ManualClock::advance(std::chrono::milliseconds duration)
{
    const TimePoint target = m_now + duration;
    // One timer at a time, re-scanning after each: a timeout may start, stop or destroy others.
    while (Timer *due = nextDue(target)) {
        moveTo(due->deadline());
        ++m_timeoutsFired;
        due->fire();
    }
    moveTo(target);
}

} // namespace Bulkmail
