#pragma once

#include <QObject>
#include <QTimer>

#include <functional>

namespace Bulkmail {

// Turns SIGINT and SIGTERM into calls on the event loop's thread: the handler only counts, and a
// timer reports each new count (1 for the first Ctrl+C, 2 for the second, ...). The default
// handlers come back when the watcher is destroyed.
class InterruptWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterruptWatcher)

public:
    explicit InterruptWatcher(std::function<void(int count)> onInterrupt);
    ~InterruptWatcher() override;

private:
    std::function<void(int)> m_onInterrupt;
    QTimer m_poll;
    int m_base = 0; // signals that arrived before this watcher: not ours
    int m_handled = 0;
};

} // namespace Bulkmail
