#pragma once

#include <QDateTime>
#include <QObject>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

namespace Bulkmail {

// A timer that runs on a Clock: the engine's QTimers, so that a test on a ManualClock fires them by
// advancing the clock instead of waiting (STYLE.md rule 16). The shape is QTimer's, trimmed to what
// the engine uses. Single-shot unless setMode(Mode::Repeating) says otherwise.
class ClockTimer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClockTimer)

public:
    enum class Mode { SingleShot, Repeating };

    ~ClockTimer() override;

    void setMode(Mode mode);
    // Used by start() without an argument.
    void setInterval(std::chrono::milliseconds interval);
    [[nodiscard]] std::chrono::milliseconds interval() const { return m_interval; }
    // A coarse system timer may fire up to 5 % early; a precise one does not (ManualClock timers
    // are always exact).
    virtual void setPrecise() = 0;

    void start() { start(m_interval); }
    // (Re)starts: the first timeout comes `interval` from now.
    virtual void start(std::chrono::milliseconds interval) = 0;
    virtual void stop() = 0;
    [[nodiscard]] virtual bool isActive() const = 0;
    // Until the next timeout; -1 ms when inactive, as QTimer::remainingTimeAsDuration().
    [[nodiscard]] virtual std::chrono::milliseconds remainingTime() const = 0;

Q_SIGNALS:
    void timeout();

protected:
    explicit ClockTimer(QObject *parent);
    [[nodiscard]] Mode mode() const { return m_mode; }

private:
    Mode m_mode = Mode::SingleShot;
    std::chrono::milliseconds m_interval{0};
};

// The engine's only source of time, so that tests advance it instead of sleeping (STYLE.md rule 16).
class Clock
{
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    virtual ~Clock();
    [[nodiscard]] virtual TimePoint now() const = 0;
    [[nodiscard]] virtual QDateTime currentDateTimeUtc() const = 0;
    // A timer on this clock, owned by `parent` too (so that it follows the parent into another
    // thread); destroying the returned pointer first is fine. The clock must outlive it.
    [[nodiscard]] virtual std::unique_ptr<ClockTimer> createTimer(QObject *parent) const = 0;
};

class SystemClock final : public Clock
{
public:
    [[nodiscard]] TimePoint now() const override;
    [[nodiscard]] QDateTime currentDateTimeUtc() const override;
    // A QTimer underneath: the same cost and behaviour as a QTimer member.
    [[nodiscard]] std::unique_ptr<ClockTimer> createTimer(QObject *parent) const override;

    // One shared instance; it has no state.
    [[nodiscard]] static const SystemClock &instance();
};

// A clock that moves only when told to: for tests and for replaying a journal. Its timers fire
// only inside advance(), in deadline order (ties in the order they were started), with now() set
// to each one's deadline while its timeout() runs. Timers and clock belong to one thread.
class ManualClock final : public Clock
{
public:
    ManualClock();
    ~ManualClock() override;
    ManualClock(const ManualClock &) = delete;
    ManualClock &operator=(const ManualClock &) = delete;

    [[nodiscard]] TimePoint now() const override;
    [[nodiscard]] QDateTime currentDateTimeUtc() const override;
    [[nodiscard]] std::unique_ptr<ClockTimer> createTimer(QObject *parent) const override;
    // Moves now() forward by `duration`, firing every timer that falls due on the way.
    void advance(std::chrono::milliseconds duration);
    // The earliest deadline of an active timer, if any: a simulation advances to it.
    [[nodiscard]] std::optional<TimePoint> nextTimerDeadline() const;
    [[nodiscard]] int activeTimerCount() const;
    // Timeouts fired by advance() so far (for busy-loop checks).
    [[nodiscard]] qint64 timeoutsFired() const { return m_timeoutsFired; }

private:
    class Timer;
    friend class Timer;

    void moveTo(TimePoint time);
    [[nodiscard]] Timer *nextDue(TimePoint limit) const;

    TimePoint m_now;
    QDateTime m_wallClock;
    mutable std::vector<Timer *> m_timers; // every live timer of this clock
    mutable quint64 m_nextSequence = 0;    // orders timers that fall due together
    qint64 m_timeoutsFired = 0;
};

} // namespace Bulkmail
