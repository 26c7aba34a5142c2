#pragma once

#include "logging/logbuffersink.h"

#include <QAbstractTableModel>
#include <QList>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <set>
#include <vector>

namespace Bulkmail {

// The log lines the panel shows, newest last, in a bounded ring (STYLE.md rule 10): appending
// past the capacity removes the oldest rows and counts them, so a flood of lines costs a fixed
// amount of memory. Every line is also in the log file.
class LogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogModel)

public:
    static constexpr std::size_t DefaultCapacity = 5'000;

    enum class Column { Time, Level, Connection, Message, Count };
    Q_ENUM(Column)
    enum Role {
        LevelRole = Qt::UserRole, // int(spdlog::level::level_enum)
        ConnectionIdRole,         // 0: the line is not about a connection
        LineRole,                 // the whole line as copied and saved (formatLine())
    };
    Q_ENUM(Role)

    explicit LogModel(std::size_t capacity = DefaultCapacity, QObject *parent = nullptr);
    ~LogModel() override;

    // Appends with at most one rowsRemoved (the oldest, to stay within capacity) and one
    // rowsInserted. Entries beyond the capacity never become rows at all.
    void append(std::vector<LogEntry> entries);
    void clear(); // also resets droppedCount()

    [[nodiscard]] std::size_t capacity() const { return m_capacity; }
    void setCapacity(std::size_t capacity); // 0 becomes 1; shrinking drops the oldest rows
    // Lines that left (or never entered) the model because of the capacity.
    [[nodiscard]] std::uint64_t droppedCount() const { return m_droppedCount; }

    [[nodiscard]] const LogEntry &entry(int row) const;
    // The connection ids seen since the last clear(), ascending.
    [[nodiscard]] QList<int> connectionIds() const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section,
                                      Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    // "info", "warning", ...: the same words in every language, for files and scripts.
    [[nodiscard]] static QString levelName(spdlog::level::level_enum level);
    // "2024-05-01 14:03:22.123 info #2 connection #2 reused (message 3 of 50)"; without the
    // "#id" for lines not about a connection.
    [[nodiscard]] static QString formatLine(const LogEntry &entry);

Q_SIGNALS:
    void connectionSeen(int connectionId);

private:
    void dropOldest(std::size_t count);
    [[nodiscard]] QString levelText(spdlog::level::level_enum level) const;

    std::deque<LogEntry> m_entries;
    std::size_t m_capacity;
    std::uint64_t m_droppedCount = 0;
    std::set<int> m_connectionIds;
};

} // namespace Bulkmail
