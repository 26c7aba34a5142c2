#pragma once

#include <QDateTime>
#include <QString>
#include <QStringView>

#include <spdlog/sinks/base_sink.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

namespace Bulkmail {

struct LogEntry
{
    QDateTime time; // UTC
    spdlog::level::level_enum level = spdlog::level::info;
    int connectionId = 0; // 0: the line is not about a connection
    QString text;         // the message only, without time and level
};

// Keeps the most recent log lines in a bounded ring buffer for the GUI log panel, which drains it
// from a timer (STYLE.md rule 10): no Qt signal per line, so a flood of lines costs the GUI thread
// nothing until the next tick, and when the buffer is full the oldest lines are dropped and
// counted instead of growing without bound.
class LogBufferSink final : public spdlog::sinks::base_sink<std::mutex>
{
public:
    static constexpr std::size_t DefaultCapacity = 10'000;

    explicit LogBufferSink(std::size_t capacity = DefaultCapacity);

    // Removes and returns up to max of the oldest buffered entries, oldest first.
    [[nodiscard]] std::vector<LogEntry> drain(std::size_t max);

    [[nodiscard]] std::size_t size() const;
    [[nodiscard]] std::size_t capacity() const;
    // Shrinking drops the oldest entries (and counts them as dropped). A capacity of 0 becomes 1.
    void setCapacity(std::size_t capacity);
    // Entries dropped because the buffer was full, since construction or the last clear().
    [[nodiscard]] std::uint64_t droppedCount() const;
    // Empties the buffer and resets the dropped count.
    void clear();

    // The N of "connection #N" (any case) or of "Id: \"cN\"" (STYLE.md rule 11) in a log line;
    // 0 when the line names no connection.
    [[nodiscard]] static int connectionIdFromText(QStringView text);

protected:
    void sink_it_(const spdlog::details::log_msg &message) override;
    void flush_() override;

private:
    void push(LogEntry entry);

    // sink_it_ runs under base_sink's mutex_; the ring has its own so that the const queries
    // can lock it and drain() never waits for a formatter.
    mutable std::mutex m_entriesMutex;
    std::deque<LogEntry> m_entries;
    std::size_t m_capacity;
    std::uint64_t m_droppedCount = 0;
};

// The process-wide buffer that initializeLogging() attaches to the "bulkmail" logger.
[[nodiscard]] std::shared_ptr<LogBufferSink> logBuffer();

} // namespace Bulkmail
