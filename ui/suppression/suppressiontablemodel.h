#pragma once

#include "feedback/suppressionlist.h"

#include <QAbstractTableModel>

#include <vector>

namespace Bulkmail {

// The entries of an account's suppression list as a table: address, reason (in words), the date
// it was first suppressed (local time, the locale's short form) and the detail (the report's or
// the person's words; the campaign it came from in its tooltip). SortRole gives each column a
// key that sorts as the user expects (dates by time, not by their text).
class SuppressionTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SuppressionTableModel)

public:
    enum class Column { Address, Reason, Date, Detail };
    Q_ENUM(Column)
    static constexpr int ColumnCount = 4;
    enum Role { SortRole = Qt::UserRole };

    explicit SuppressionTableModel(QObject *parent = nullptr);
    ~SuppressionTableModel() override;

    void setEntries(const QList<SuppressionEntry> &entries);
    [[nodiscard]] const SuppressionEntry &entryAt(int row) const;

    // "Hard bounce", "Unsubscribed", "Added by hand".
    [[nodiscard]] static QString reasonText(SuppressionReason reason);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section,
                                      Qt::Orientation orientation,
                                      int role) const override;

private:
    std::vector<SuppressionEntry> m_entries;
};

} // namespace Bulkmail
