#include "logfilterproxymodel.h"

#include "logmodel.h"

namespace Bulkmail {

LogFilterProxyModel::LogFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{}

LogFilterProxyModel::~LogFilterProxyModel() = default;

void LogFilterProxyModel::setMinimumLevel(spdlog::level::level_enum level)
{
    if (level == m_minimumLevel)
        return;
    m_minimumLevel = level;
    invalidateRowsFilter();
}

void LogFilterProxyModel::setConnectionId(int connectionId)
{
    if (connectionId == m_connectionId)
        return;
    m_connectionId = connectionId;
    invalidateRowsFilter();
}

void LogFilterProxyModel::setSearchText(const QString &text)
{
    if (text == m_searchText)
        return;
    m_searchText = text;
    invalidateRowsFilter();
}

bool LogFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    // Reads the entry directly: a flood of lines is filtered without building QVariants.
    const auto *model = qobject_cast<const LogModel *>(sourceModel());
    if (!model || sourceParent.isValid())
        return true;
    const LogEntry &entry = model->entry(sourceRow);
    if (entry.level < m_minimumLevel)
        return false;
    if (m_connectionId > 0 && entry.connectionId != m_connectionId)
        return false;
    return m_searchText.isEmpty() || entry.text.contains(m_searchText, Qt::CaseInsensitive);
}

} // namespace Bulkmail
