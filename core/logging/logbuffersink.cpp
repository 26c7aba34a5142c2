#include "logbuffersink.h"

#include <algorithm>
#include <chrono>
#include <limits>

namespace Bulkmail {

namespace {

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

// The decimal number at text[position...]; 0 when there is none or it does not fit an int.
int leadingNumber(QStringView text, qsizetype position)
{
    constexpr int MaxDigits = 9; // always fits an int
    int value = 0;
    int digits = 0;
    while (position < text.size() && text[position] >= u'0' && text[position] <= u'9') {
        if (++digits > MaxDigits)
            return 0;
        value = value * 10 + (text[position].unicode() - u'0');
        ++position;
    }
    return value;
}

int findConnectionHash(QStringView text)
{
    static const QString needle = QStringLiteral("connection #");
    qsizetype from = 0;
    while (true) {
        const qsizetype at = text.indexOf(needle, from, Qt::CaseInsensitive);
        if (at < 0)
            return 0;
        // "reconnection #2" is not about connection 2's identity.
        if (at == 0 || !isAsciiLetter(text[at - 1])) {
            if (const int id = leadingNumber(text, at + needle.size()); id > 0)
                return id;
        }
        from = at + 1;
    }
}

int findQuotedId(QStringView text)
{
    static const QString needle = QStringLiteral("Id: \"c");
    const qsizetype at = text.indexOf(needle);
    if (at < 0)
        return 0;
    const qsizetype digitsAt = at + needle.size();
    const int id = leadingNumber(text, digitsAt);
    qsizetype end = digitsAt;
    while (end < text.size() && text[end] >= u'0' && text[end] <= u'9')
        ++end;
    return end < text.size() && text[end] == u'"' ? id : 0;
}

} // namespace

LogBufferSink::LogBufferSink(std::size_t capacity)
    : m_capacity(std::max<std::size_t>(capacity, 1))
{}

std::vector<LogEntry> LogBufferSink::drain(std::size_t max)
{
    std::lock_guard lock(m_entriesMutex);
    const std::size_t count = std::min(max, m_entries.size());
    std::vector<LogEntry> result;
    result.reserve(count);
    const auto end = m_entries.begin() + static_cast<std::ptrdiff_t>(count);
    std::move(m_entries.begin(), end, std::back_inserter(result));
    m_entries.erase(m_entries.begin(), end);
    return result;
}

std::size_t LogBufferSink::size() const
{
    std::lock_guard lock(m_entriesMutex);
    return m_entries.size();
}

std::size_t LogBufferSink::capacity() const
{
    std::lock_guard lock(m_entriesMutex);
    return m_capacity;
}

void LogBufferSink::setCapacity(std::size_t capacity)
{
    std::lock_guard lock(m_entriesMutex);
    m_capacity = std::max<std::size_t>(capacity, 1);
    while (m_entries.size() > m_capacity) {
        m_entries.pop_front();
        ++m_droppedCount;
    }
}

std::uint64_t LogBufferSink::droppedCount() const
{
    std::lock_guard lock(m_entriesMutex);
    return m_droppedCount;
}

void LogBufferSink::clear()
{
    std::lock_guard lock(m_entriesMutex);
    m_entries.clear();
    m_droppedCount = 0;
}

int LogBufferSink::connectionIdFromText(QStringView text)
{
    if (const int id = findConnectionHash(text); id > 0)
        return id;
    return findQuotedId(text);
}

void LogBufferSink::sink_it_(const spdlog::details::log_msg &message)
{
    // Converted outside m_entriesMutex so that drain() only ever waits for a push.
    LogEntry entry;
    // UTC: a local time would read the time zone (a stat() of /etc/localtime) for every line;
    // the log panel shows it in local time.
    entry.time = QDateTime::fromMSecsSinceEpoch(
        std::chrono::duration_cast<std::chrono::milliseconds>(message.time.time_since_epoch())
            .count(),
        Qt::UTC);
    entry.level = message.level;
    const auto size = std::min<std::size_t>(message.payload.size(),
                                            std::numeric_limits<qsizetype>::max());
    entry.text = QString::fromUtf8(message.payload.data(), static_cast<qsizetype>(size));
    entry.connectionId = connectionIdFromText(entry.text);
    push(std::move(entry));
}

void LogBufferSink::flush_() {}

void LogBufferSink::push(LogEntry entry)
{
    std::lock_guard lock(m_entriesMutex);
    if (m_entries.size() >= m_capacity) {
        m_entries.pop_front();
        ++m_droppedCount;
    }
    m_entries.push_back(std::move(entry));
}

std::shared_ptr<LogBufferSink> logBuffer()
{
    static const auto buffer = std::make_shared<LogBufferSink>();
    return buffer;
}

} // namespace Bulkmail
