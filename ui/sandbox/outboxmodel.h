#pragma once

#include "sandbox/capturedmessage.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <chrono>
#include <deque>

namespace Bulkmail {

// The sandbox's outbox: one row per captured message, oldest first. append() is cheap and may be
// called for every captured message, thousands a second: messages wait in a pending list and a
// short single-shot timer inserts them with one beginInsertRows per tick (STYLE.md rule 9), so a
// flood never floods the view. Only the newest maximumRows() messages are kept; droppedCount()
// says how many older ones were let go since the last clear().
class OutboxModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxModel)

public:
    enum class Column {
        Number,
        Time,
        Recipients,
        Subject,
        Size,
        Connection,
    };
    Q_ENUM(Column)
    static constexpr int ColumnCount = 6;

    enum Role {
        // The raw value of a cell for sorting: int, QDateTime, QString or qint64.
        SortRole = Qt::UserRole,
        MessageNumberRole, // CapturedMessage::number, on every column
    };

    static constexpr int DefaultMaximumRows = 10'000;
    static constexpr std::chrono::milliseconds FlushInterval{100};

    explicit OutboxModel(QObject *parent = nullptr);
    ~OutboxModel() override;

    // Queues a captured message; it appears at the next flush (within FlushInterval).
    void append(const CapturedMessage &message);
    // Inserts the queued messages now (the timer calls it; tests and views may too).
    void flush();
    // Forgets every message, shown and queued, and the dropped count.
    void clear();

    void setMaximumRows(int rows); // at least 1; trims the oldest rows at once
    [[nodiscard]] int maximumRows() const { return m_maximumRows; }
    [[nodiscard]] int droppedCount() const { return m_droppedCount; }
    [[nodiscard]] int pendingCount() const { return static_cast<int>(m_pending.size()); }

    // The message shown in `row`; null when out of range.
    [[nodiscard]] const CapturedMessage *messageAt(int row) const;
    // The row showing the message numbered `number`, or -1.
    [[nodiscard]] int rowOfNumber(int number) const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section,
                                      Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    void removeOldestRows(int count);

    std::deque<CapturedMessage> m_rows;
    std::deque<CapturedMessage> m_pending;
    QTimer m_flushTimer;
    int m_maximumRows = DefaultMaximumRows;
    int m_droppedCount = 0;
};

} // namespace Bulkmail
