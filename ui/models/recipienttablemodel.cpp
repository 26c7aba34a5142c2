#include "recipienttablemodel.h"

#include <algorithm>

#include <QBrush>
#include <QColor>

namespace Bulkmail {

namespace {

constexpr int kEmailColumn = static_cast<int>(RecipientTableModel::Column::Email);
constexpr int kNameColumn = static_cast<int>(RecipientTableModel::Column::Name);
constexpr int kStatusColumn = static_cast<int>(RecipientTableModel::Column::Status);
constexpr int kFirstFieldColumn = static_cast<int>(RecipientTableModel::Column::FirstField);

// Beyond this many separate runs of touched rows, one dataChanged over the whole span is cheaper
// for the views than many small ones (STYLE.md rule 9).
constexpr std::size_t kMaxRangesPerBatch = 16;

// The roles a change of a row's validation issue affects.
const QList<int> &issueRoles()
{
    static const QList<int> roles{Qt::ToolTipRole,
                                  Qt::BackgroundRole,
                                  Qt::AccessibleTextRole,
                                  Qt::AccessibleDescriptionRole,
                                  RecipientTableModel::IssueRole};
    return roles;
}

bool isDuplicateKind(RecipientIssue::Kind kind)
{
    return kind == RecipientIssue::Kind::Duplicate
           || kind == RecipientIssue::Kind::ProbableDuplicate;
}

// Splits sorted, unique rows into runs of consecutive rows: {first, last} (inclusive).
std::vector<std::pair<int, int>> contiguousRuns(const std::vector<int> &sortedRows)
{
    std::vector<std::pair<int, int>> runs;
    for (const int row : sortedRows) {
        if (!runs.empty() && runs.back().second + 1 == row)
            runs.back().second = row;
        else
            runs.emplace_back(row, row);
    }
    return runs;
}

} // namespace

RecipientTableModel::RecipientTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

RecipientTableModel::~RecipientTableModel() = default;

void RecipientTableModel::setRecipients(const QStringList &fieldNames,
                                        const QList<Recipient> &recipients)
{
    beginResetModel();
    m_fieldNames = fieldNames;
    m_rows.clear();
    m_rows.reserve(static_cast<std::size_t>(recipients.size()));
    for (const Recipient &recipient : recipients)
        m_rows.push_back(Row{recipient, std::nullopt, std::nullopt});
    revalidate();
    endResetModel();
}

void RecipientTableModel::appendRecipients(const QList<Recipient> &rows)
{
    if (rows.isEmpty())
        return;
    const int first = rowCount();
    const int last = first + static_cast<int>(rows.size()) - 1; // inclusive
    beginInsertRows({}, first, last);
    for (const Recipient &recipient : rows)
        m_rows.push_back(Row{recipient, std::nullopt, std::nullopt});
    std::vector<int> changed = revalidate();
    endInsertRows();
    // The new rows are announced by rowsInserted; only earlier rows need a dataChanged.
    changed.erase(std::remove_if(changed.begin(),
                                 changed.end(),
                                 [first](int row) { return row >= first; }),
                  changed.end());
    emitIssueChanged(changed);
}

void RecipientTableModel::applyResults(const QList<RecipientResult> &batch)
{
    std::vector<int> touched;
    touched.reserve(static_cast<std::size_t>(batch.size()));
    for (const RecipientResult &result : batch) {
        // A result for a row that no longer exists (the list was edited meanwhile) is dropped.
        if (result.recipientIndex < 0 || result.recipientIndex >= rowCount())
            continue;
        m_rows[static_cast<std::size_t>(result.recipientIndex)].result = result;
        touched.push_back(result.recipientIndex);
    }
    if (touched.empty())
        return;
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());

    const QList<int> roles{Qt::DisplayRole, Qt::ToolTipRole, StatusRole};
    const auto runs = contiguousRuns(touched);
    if (runs.size() > kMaxRangesPerBatch) {
        Q_EMIT dataChanged(index(touched.front(), kStatusColumn),
                           index(touched.back(), kStatusColumn),
                           roles);
        return;
    }
    for (const auto &[first, last] : runs)
        Q_EMIT dataChanged(index(first, kStatusColumn), index(last, kStatusColumn), roles);
}

const Recipient &RecipientTableModel::recipientAt(int row) const
{
    Q_ASSERT(row >= 0 && row < recipientCount());
    return m_rows[static_cast<std::size_t>(row)].recipient;
}

QList<Recipient> RecipientTableModel::recipients() const
{
    QList<Recipient> list;
    list.reserve(static_cast<qsizetype>(m_rows.size()));
    for (const Row &row : m_rows)
        list.append(row.recipient);
    return list;
}

int RecipientTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RecipientTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kFirstFieldColumn + fieldColumnCount();
}

QVariant RecipientTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();

    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        if (column == kEmailColumn)
            return row.recipient.email;
        if (column == kNameColumn)
            return row.recipient.name;
        if (column == kStatusColumn)
            return row.result ? statusText(*row.result) : QString();
        return row.recipient.fields.value(column - kFirstFieldColumn);
    case Qt::ToolTipRole:
        if (column == kEmailColumn && row.issue)
            return issueText(row);
        if (column == kStatusColumn && row.result)
            return statusDetails(*row.result);
        return {};
    case Qt::BackgroundRole:
        // Translucent, so that the tint reads on light and dark palettes alike.
        if (!row.issue)
            return {};
        if (row.issue->kind == RecipientIssue::Kind::InvalidAddress)
            return QBrush(QColor(220, 40, 40, 64));
        return QBrush(QColor(255, 170, 0, 64));
    case Qt::AccessibleTextRole:
        // Colour alone says nothing to a screen reader: the email cell names its problem.
        if (column != kEmailColumn || !row.issue)
            return {};
        if (row.issue->kind == RecipientIssue::Kind::InvalidAddress)
            return row.recipient.email.isEmpty()
                       ? tr("No email address")
                       : tr("%1, invalid address").arg(row.recipient.email);
        return tr("%1, duplicate address").arg(row.recipient.email);
    case Qt::AccessibleDescriptionRole:
        return row.issue ? issueText(row) : QVariant();
    case IssueRole:
        return row.issue ? QVariant(static_cast<int>(row.issue->kind)) : QVariant();
    case StatusRole:
        return row.result ? QVariant(static_cast<int>(row.result->status)) : QVariant();
    case RecipientIndexRole:
        return index.row();
    default:
        return {};
    }
}

QVariant RecipientTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role); // row numbers
    if (role != Qt::DisplayRole || section < 0 || section >= columnCount())
        return {};
    switch (section) {
    case kEmailColumn:
        return tr("Email");
    case kNameColumn:
        return tr("Name");
    case kStatusColumn:
        return tr("Status");
    default:
        return m_fieldNames.at(section - kFirstFieldColumn); // the user's own names
    }
}

Qt::ItemFlags RecipientTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    Qt::ItemFlags flags = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    if (index.column() != kStatusColumn) // the status comes from the engine only
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool RecipientTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || !(flags(index) & Qt::ItemIsEditable))
        return false;
    Recipient &recipient = m_rows[static_cast<std::size_t>(index.row())].recipient;
    const QString text = value.toString();
    const int column = index.column();
    if (column == kEmailColumn) {
        if (recipient.email == text)
            return true;
        recipient.email = text;
    } else if (column == kNameColumn) {
        if (recipient.name == text)
            return true;
        recipient.name = text;
    } else {
        const qsizetype field = column - kFirstFieldColumn;
        if (recipient.fields.value(field) == text)
            return true;
        // A shorter list means the missing fields are empty (see Recipient::fields).
        while (recipient.fields.size() <= field)
            recipient.fields.append(QString());
        recipient.fields[field] = text;
    }
    Q_EMIT dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});

    if (column != kEmailColumn)
        return true;
    // An edited address may become valid, invalid, a duplicate, or stop being the first of a
    // duplicate pair; and the tooltips of rows that duplicate it quote it.
    std::vector<int> changed = revalidate();
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        const auto &issue = m_rows[row].issue;
        if (issue
            && (static_cast<int>(row) == index.row()
                || (isDuplicateKind(issue->kind) && issue->duplicateOf == index.row())))
            changed.push_back(static_cast<int>(row));
    }
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    emitIssueChanged(changed);
    return true;
}

bool RecipientTableModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > rowCount())
        return false;
    beginRemoveRows(parent, row, row + count - 1);
    m_rows.erase(m_rows.begin() + row, m_rows.begin() + row + count);
    // Rows that follow moved up: their duplicateOf numbers shift with them, which revalidate()
    // reports as changed where it matters (a duplicate of a row above the removed ones keeps it).
    std::vector<int> changed = revalidate();
    endRemoveRows();
    emitIssueChanged(changed);
    return true;
}

std::vector<int> RecipientTableModel::revalidate()
{
    QList<Recipient> list = recipients();
    const QList<RecipientIssue> issues = validateRecipients(list);
    std::vector<std::optional<RecipientIssue>> byRow(m_rows.size());
    m_invalidCount = 0;
    m_duplicateCount = 0;
    for (const RecipientIssue &issue : issues) {
        byRow[static_cast<std::size_t>(issue.index)] = issue;
        if (issue.kind == RecipientIssue::Kind::InvalidAddress)
            ++m_invalidCount;
        else
            ++m_duplicateCount;
    }
    std::vector<int> changed;
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        const auto &before = m_rows[row].issue;
        const auto &after = byRow[row];
        // Compared on what the views show: the message text embeds positions that shift.
        const bool same = before.has_value() == after.has_value()
                          && (!before
                              || (before->kind == after->kind
                                  && before->duplicateOf == after->duplicateOf));
        if (!same)
            changed.push_back(static_cast<int>(row));
        m_rows[row].issue = after;
    }
    return changed;
}

void RecipientTableModel::emitIssueChanged(const std::vector<int> &rows)
{
    if (rows.empty())
        return;
    const int lastColumn = columnCount() - 1;
    const auto runs = contiguousRuns(rows);
    if (runs.size() > kMaxRangesPerBatch) {
        Q_EMIT dataChanged(index(rows.front(), 0), index(rows.back(), lastColumn), issueRoles());
        return;
    }
    for (const auto &[first, last] : runs)
        Q_EMIT dataChanged(index(first, 0), index(last, lastColumn), issueRoles());
}

QString RecipientTableModel::issueText(const Row &row) const
{
    const RecipientIssue &issue = *row.issue;
    switch (issue.kind) {
    case RecipientIssue::Kind::InvalidAddress:
        return row.recipient.email.isEmpty()
                   ? tr("Invalid: no email address")
                   : tr("Invalid: \"%1\" is not a valid email address").arg(row.recipient.email);
    case RecipientIssue::Kind::Duplicate:
        return tr("Duplicate of row %1 (\"%2\")")
            .arg(QString::number(issue.duplicateOf + 1),
                 m_rows[static_cast<std::size_t>(issue.duplicateOf)].recipient.email);
    case RecipientIssue::Kind::ProbableDuplicate:
        return tr("Probable duplicate of row %1 (\"%2\"): the addresses differ only in letter case")
            .arg(QString::number(issue.duplicateOf + 1),
                 m_rows[static_cast<std::size_t>(issue.duplicateOf)].recipient.email);
    }
    return {};
}

QString RecipientTableModel::statusText(const RecipientResult &result) const
{
    switch (result.status) {
    case RecipientResult::Status::Sent:
        return tr("Sent");
    case RecipientResult::Status::Failed:
        return tr("Failed");
    case RecipientResult::Status::Retrying:
        return tr("Retrying");
    case RecipientResult::Status::Throttled:
        return tr("Throttled");
    case RecipientResult::Status::Unconfirmed:
        return tr("Unconfirmed");
    case RecipientResult::Status::Skipped:
        return tr("Skipped (duplicate)");
    case RecipientResult::Status::Held:
        return tr("Held");
    }
    return {};
}

QString RecipientTableModel::statusDetails(const RecipientResult &result) const
{
    if (result.text.isEmpty())
        return statusText(result);
    if (result.code > 0)
        return tr("%1: %2 %3").arg(statusText(result), QString::number(result.code), result.text);
    return tr("%1: %2").arg(statusText(result), result.text);
}

int RecipientTableModel::fieldColumnCount() const
{
    return static_cast<int>(m_fieldNames.size());
}

} // namespace Bulkmail
