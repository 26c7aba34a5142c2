#include "recipientfilterproxymodel.h"

#include "models/recipienttablemodel.h"

namespace Bulkmail {

namespace {

constexpr int kEmailColumn = static_cast<int>(RecipientTableModel::Column::Email);
constexpr int kNameColumn = static_cast<int>(RecipientTableModel::Column::Name);
constexpr int kStatusColumn = static_cast<int>(RecipientTableModel::Column::Status);
constexpr int kFirstFieldColumn = static_cast<int>(RecipientTableModel::Column::FirstField);

const QString &cellText(const Recipient &recipient, int column)
{
    static const QString empty;
    if (column == kEmailColumn)
        return recipient.email;
    if (column == kNameColumn)
        return recipient.name;
    const qsizetype field = column - kFirstFieldColumn;
    return field >= 0 && field < recipient.fields.size() ? recipient.fields.at(field) : empty;
}

} // namespace

RecipientFilterProxyModel::RecipientFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

RecipientFilterProxyModel::~RecipientFilterProxyModel() = default;

void RecipientFilterProxyModel::setSourceModel(QAbstractItemModel *model)
{
    auto *recipients = qobject_cast<RecipientTableModel *>(model);
    Q_ASSERT(recipients || !model);
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = recipients;
    forgetSortKeys();
    if (recipients) {
        // Before QSortFilterProxyModel connects its own handlers: these run first.
        connect(recipients,
                &QAbstractItemModel::dataChanged,
                this,
                &RecipientFilterProxyModel::updateSortKeys);
        for (const auto signal :
             {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
            connect(recipients, signal, this, &RecipientFilterProxyModel::forgetSortKeys);
        }
        connect(recipients,
                &QAbstractItemModel::modelReset,
                this,
                &RecipientFilterProxyModel::forgetSortKeys);
        connect(recipients,
                &QAbstractItemModel::layoutChanged,
                this,
                &RecipientFilterProxyModel::forgetSortKeys);
    }
    QSortFilterProxyModel::setSourceModel(recipients);
}

const QString &RecipientFilterProxyModel::sortKey(int sourceRow, int column) const
{
    const auto rowCount = static_cast<std::size_t>(m_model->recipientCount());
    if (column != m_sortKeyColumn || m_sortKeys.size() != rowCount) {
        m_sortKeys.clear();
        m_sortKeys.reserve(rowCount);
        for (std::size_t row = 0; row < rowCount; ++row)
            m_sortKeys.push_back(
                cellText(m_model->recipientAt(static_cast<int>(row)), column).toCaseFolded());
        m_sortKeyColumn = column;
    }
    return m_sortKeys[static_cast<std::size_t>(sourceRow)];
}

void RecipientFilterProxyModel::forgetSortKeys()
{
    m_sortKeys.clear();
    m_sortKeys.shrink_to_fit();
    m_sortKeyColumn = -1;
}

void RecipientFilterProxyModel::updateSortKeys(const QModelIndex &topLeft,
                                               const QModelIndex &bottomRight)
{
    if (m_sortKeyColumn < 0 || m_sortKeyColumn < topLeft.column()
        || m_sortKeyColumn > bottomRight.column())
        return;
    if (m_sortKeys.size() != static_cast<std::size_t>(m_model->recipientCount())) {
        forgetSortKeys();
        return;
    }
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        m_sortKeys[static_cast<std::size_t>(row)] = cellText(m_model->recipientAt(row),
                                                             m_sortKeyColumn)
                                                        .toCaseFolded();
    }
}

// A new search or problem filter re-evaluates every row at once. invalidateFilter() would
// announce each run of hidden or shown rows separately, and a search matching every fourth of
// 100,000 rows makes 25,000 runs: seconds of work for the view. invalidate() is one layout
// change (and a re-sort, when sorted, which the sort keys make cheap).
void RecipientFilterProxyModel::changeFilter()
{
    invalidate();
}

void RecipientFilterProxyModel::setSearchText(const QString &text)
{
    if (text == m_searchText)
        return;
    m_searchText = text;
    changeFilter();
}

void RecipientFilterProxyModel::setProblemsOnly(bool problemsOnly)
{
    if (problemsOnly == m_problemsOnly)
        return;
    m_problemsOnly = problemsOnly;
    changeFilter();
}

bool RecipientFilterProxyModel::isFiltering() const
{
    return m_problemsOnly || !m_searchText.isEmpty();
}

bool RecipientFilterProxyModel::filterAcceptsRow(int sourceRow,
                                                 const QModelIndex &sourceParent) const
{
    if (!m_model || sourceParent.isValid())
        return true;
    if (m_problemsOnly && !m_model->issueAt(sourceRow))
        return false;
    if (m_searchText.isEmpty())
        return true;
    const Recipient &recipient = m_model->recipientAt(sourceRow);
    if (recipient.email.contains(m_searchText, Qt::CaseInsensitive)
        || recipient.name.contains(m_searchText, Qt::CaseInsensitive))
        return true;
    // Only the fields the table shows: values beyond the named fields are not visible.
    const qsizetype fieldCount = std::min(recipient.fields.size(),
                                          qsizetype(m_model->columnCount() - kFirstFieldColumn));
    for (qsizetype field = 0; field < fieldCount; ++field) {
        if (recipient.fields.at(field).contains(m_searchText, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool RecipientFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_model)
        return QSortFilterProxyModel::lessThan(left, right);
    const int column = left.column();
    if (column == kStatusColumn) {
        // Not sent yet first, then in the order of RecipientResult::Status.
        const auto rank = [this](int row) {
            const auto status = m_model->statusAt(row);
            return status ? static_cast<int>(*status) : -1;
        };
        return rank(left.row()) < rank(right.row());
    }
    return sortKey(left.row(), column) < sortKey(right.row(), column);
}

} // namespace Bulkmail
