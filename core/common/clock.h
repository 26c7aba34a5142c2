#pragma once

#include <QDateTime>

#include <chrono>

namespace Bulkmail {

// The engine's only source of time, so that tests advance it instead of sleeping (STYLE.md rule 16).
class Clock
{
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    virtual ~Clock();
    [[nodiscard]] virtual TimePoint now() const = 0;
    [[nodiscard]] virtual QDateTime currentDateTimeUtc() const = 0;
};

class SystemClock final : public Clock
{
public:
    [[nodiscard]] TimePoint now() const override;
    [[nodiscard]] QDateTime currentDateTimeUtc() const override;

    // One shared instance; it has no state.
    [[nodiscard]] static const SystemClock &instance();
};

// A clock that moves only when told to: for tests and for replaying a journal.
class ManualClock final : public Clock
{
public:
    ManualClock();
    [[nodiscard]] TimePoint now() const override;
    [[nodiscard]] QDateTime currentDateTimeUtc() const override;
    void advance(std::chrono::milliseconds duration);

private:
    TimePoint m_now;
    QDateTime m_wallClock;
};

} // namespace Bulkmail
