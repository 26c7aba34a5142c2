#include "interruptwatcher.h"

#include <atomic>
#include <csignal>

namespace Bulkmail {

namespace {

std::atomic<int> interruptCount{0};

void onSignal(int)
{
    interruptCount.fetch_add(1); // async-signal-safe: lock-free atomic only
}

} // namespace

InterruptWatcher::InterruptWatcher(std::function<void(int count)> onInterrupt)
    : m_onInterrupt(std::move(onInterrupt))
    , m_base(interruptCount.load())
    , m_handled(m_base)
{
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        const int count = interruptCount.load();
        if (count == m_handled)
            return;
        m_handled = count;
        m_onInterrupt(count - m_base);
    });
    m_poll.start(100);
}

InterruptWatcher::~InterruptWatcher()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

} // namespace Bulkmail
