#pragma once

#include <algorithm>
#include <chrono>

namespace Bulkmail {

// The bound on an IMAP worker's sessions (SentCopier, MailboxWatcher): after a session that got
// something done, the next one starts at once; after one that did nothing, the wait doubles from
// `first` up to `max`; the `maxFailedInARow`-th such session in a row gives up for this run.
class SessionBackoff
{
public:
    using Milliseconds = std::chrono::milliseconds;

    SessionBackoff(Milliseconds first, Milliseconds max, int maxFailedInARow)
        : m_first(first)
        , m_max(max)
        , m_maxFailedInARow(maxFailedInARow)
    {}

    void sessionStarted() { m_progress = false; }
    // Something was done on this session: the count of sessions in a row that did nothing and the
    // wait start again.
    void progressMade()
    {
        m_progress = true;
        m_failedInARow = 0;
        m_delay = Milliseconds{0};
    }
    // The session ended. True when it was the last one allowed that did nothing: give up.
    [[nodiscard]] bool sessionEndedGivesUp()
    {
        return !m_progress && ++m_failedInARow >= m_maxFailedInARow;
    }
    [[nodiscard]] int failedInARow() const { return m_failedInARow; }
    // The wait before the next session.
    [[nodiscard]] Milliseconds nextDelay()
    {
        m_delay = m_progress             ? Milliseconds{0}
                  : m_delay.count() == 0 ? m_first
                                         : std::min(m_delay * 2, m_max);
        return m_delay;
    }

private:
    Milliseconds m_first;
    Milliseconds m_max;
    int m_maxFailedInARow;
    bool m_progress = false;
    int m_failedInARow = 0;
    Milliseconds m_delay{0};
};

// The bound that a worker's settings name (SentCopierSettings, MailboxWatcherSettings).
template<typename WorkerSettings>
[[nodiscard]] SessionBackoff sessionBackoffFrom(const WorkerSettings &settings)
{
    return SessionBackoff(settings.firstReconnectDelay,
                          settings.maxReconnectDelay,
                          settings.maxFailedSessionsInARow);
}

} // namespace Bulkmail
