#include "clock.h"

namespace Bulkmail {

Clock::~Clock() = default;

Clock::TimePoint SystemClock::now() const
{
    return std::chrono::steady_clock::now();
}

QDateTime SystemClock::currentDateTimeUtc() const
{
    return QDateTime::currentDateTimeUtc();
}

const SystemClock &SystemClock::instance()
{
    static const SystemClock clock;
    return clock;
}

ManualClock::ManualClock()
    : m_now(std::chrono::steady_clock::time_point{} + std::chrono::hours(24))
    , m_wallClock(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC)
{}

Clock::TimePoint ManualClock::now() const
{
    return m_now;
}

QDateTime ManualClock::currentDateTimeUtc() const
{
    return m_wallClock;
}

void ManualClock::advance(std::chrono::milliseconds duration)
{
    m_now += duration;
    m_wallClock = m_wallClock.addMSecs(duration.count());
}

} // namespace Bulkmail
