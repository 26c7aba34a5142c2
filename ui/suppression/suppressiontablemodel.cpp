#include "suppressiontablemodel.h"

#include <QLocale>

namespace Bulkmail {

SuppressionTableModel::SuppressionTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

SuppressionTableModel::~SuppressionTableModel() = default;

void SuppressionTableModel::setEntries(const QList<SuppressionEntry> &entries)
{
    beginResetModel();
    m_entries.assign(entries.cbegin(), entries.cend());
    endResetModel();
}

const SuppressionEntry &SuppressionTableModel::entryAt(int row) const
{
    return m_entries.at(std::size_t(row));
}

QString SuppressionTableModel::reasonText(SuppressionReason reason)
{
    switch (reason) {
    case SuppressionReason::HardBounce:
        return tr("Hard bounce");
    case SuppressionReason::Unsubscribe:
        return tr("Unsubscribed");
    case SuppressionReason::Manual:
        return tr("Added by hand");
    }
    return {};
}

int SuppressionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int SuppressionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SuppressionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SuppressionEntry &entry = entryAt(index.row());
    const auto column = Column(index.column());
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Column::Address:
            return entry.address;
        case Column::Reason:
            return reasonText(entry.reason);
        case Column::Date:
            return QLocale().toString(entry.date.toLocalTime(), QLocale::ShortFormat);
        case Column::Detail:
            return entry.detail;
        }
    }
    if (role == SortRole) {
        switch (column) {
        case Column::Address:
            return entry.address.toLower();
        case Column::Reason:
            return int(entry.reason);
        case Column::Date:
            return entry.date.toMSecsSinceEpoch();
        case Column::Detail:
            return entry.detail.toLower();
        }
    }
    if (role == Qt::ToolTipRole && column == Column::Detail) {
        if (entry.campaign.isEmpty())
            return entry.detail;
        return tr("%1\nFrom the campaign: %2").arg(entry.detail, entry.campaign).trimmed();
    }
    return {};
}

QVariant SuppressionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::Address:
        return tr("Address");
    case Column::Reason:
        return tr("Reason");
    case Column::Date:
        return tr("Since");
    case Column::Detail:
        return tr("Detail");
    }
    return {};
}

} // namespace Bulkmail
