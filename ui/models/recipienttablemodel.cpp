#include "recipienttablemodel.h"

#include <algorithm>
#include <atomic>
#include <iterator>

#include <QBrush>
#include <QColor>
#include <QHash>
#include <QLocale>
#include <QUndoCommand>
#include <QUndoStack>

#include "campaign/emailaddress.h"
#include "models/enginenotewords.h"

namespace Bulkmail {

namespace {

constexpr int kEmailColumn = static_cast<int>(RecipientTableModel::Column::Email);
constexpr int kNameColumn = static_cast<int>(RecipientTableModel::Column::Name);
constexpr int kStatusColumn = static_cast<int>(RecipientTableModel::Column::Status);
constexpr int kFirstFieldColumn = static_cast<int>(RecipientTableModel::Column::FirstField);

// Beyond this many separate runs of touched rows, one dataChanged over the whole span is cheaper
// for the views than many small ones (STYLE.md rule 9).
constexpr std::size_t kMaxRangesPerBatch = 16;

// Beyond this many runs of removed (or restored) rows, one model reset replaces the per-run
// rowsRemoved signals: a QSortFilterProxyModel renumbers its whole mapping for each of them,
// so 50,000 scattered rows out of 100,000 would take minutes one run at a time.
constexpr std::size_t kMaxRunsForRowSignals = 64;

// The roles a change of a row's validation issue affects. DisplayRole is among them although
// the text does not change, because QSortFilterProxyModel re-filters and re-sorts a row only
// when a dataChanged names its filter or sort role (DisplayRole by default): a view showing
// only problem rows must see a row that became (or stopped being) a duplicate.
const QList<int> &issueRoles()
{
    static const QList<int> roles{Qt::DisplayRole,
                                  Qt::ToolTipRole,
                                  Qt::BackgroundRole,
                                  Qt::AccessibleTextRole,
                                  Qt::AccessibleDescriptionRole,
                                  RecipientTableModel::IssueRole};
    return roles;
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

// "Delete 1 recipient", "Delete 3 recipients": tr()'s %n plural needs a translation to get the
// English singular right, so the two forms are separate strings.
QString countedText(int count, const QString &one, const QString &many)
{
    return count == 1 ? one : many.arg(QLocale().toString(count));
}

} // namespace

// --- Undo commands -------------------------------------------------------------------------
// Each holds a guarded pointer: a command that outlives its model does nothing.

// Swaps one row's recipient with the stored one: undo and redo are the same exchange
// (STYLE.md rule 18, Tiled's ChangeValue).
class RecipientTableModel::EditRecipientCommand final : public QUndoCommand
{
public:
    EditRecipientCommand(RecipientTableModel *model, int row, Recipient value, const QString &text)
        : QUndoCommand(text)
        , m_model(model)
        , m_row(row)
        , m_value(std::move(value))
    {}
    void redo() override { exchange(); }
    void undo() override { exchange(); }

private:
    void exchange()
    {
        if (m_model && m_row < m_model->recipientCount())
            m_value = m_model->exchangeRecipient(m_row, std::move(m_value));
    }

    QPointer<RecipientTableModel> m_model;
    int m_row;
    Recipient m_value;
};

// Appends rows (and merge-field columns); undo takes them off the end again and keeps them.
class RecipientTableModel::AddRowsCommand final : public QUndoCommand
{
public:
    AddRowsCommand(RecipientTableModel *model,
                   QStringList newFieldNames,
                   RowList rows,
                   const QString &text)
        : QUndoCommand(text)
        , m_model(model)
        , m_newFieldNames(std::move(newFieldNames))
        , m_rowCount(static_cast<int>(rows.size()))
        , m_rows(std::move(rows))
    {}
    void redo() override
    {
        if (m_model)
            m_model->insertColumnsAndRows(m_newFieldNames, std::move(m_rows));
        m_rows.clear();
    }
    void undo() override
    {
        if (m_model && m_rowCount <= m_model->recipientCount()
            && m_newFieldNames.size() <= m_model->fieldNames().size()) {
            m_rows = m_model->takeColumnsAndRows(static_cast<int>(m_newFieldNames.size()),
                                                 m_rowCount);
        }
    }

private:
    QPointer<RecipientTableModel> m_model;
    QStringList m_newFieldNames;
    int m_rowCount;
    RowList m_rows; // while undone
};

// Removes runs of rows; undo puts the very same rows (send results included) back.
class RecipientTableModel::RemoveRowsCommand final : public QUndoCommand
{
public:
    RemoveRowsCommand(RecipientTableModel *model,
                      std::vector<std::pair<int, int>> runs,
                      const QString &text)
        : QUndoCommand(text)
        , m_model(model)
        , m_runs(std::move(runs))
    {}
    void redo() override
    {
        if (m_model && !m_runs.empty() && m_runs.back().second < m_model->recipientCount())
            m_removed = m_model->removeRuns(m_runs);
    }
    void undo() override
    {
        if (m_model)
            m_model->restoreRuns(std::move(m_removed));
        m_removed.clear();
    }

private:
    QPointer<RecipientTableModel> m_model;
    std::vector<std::pair<int, int>> m_runs; // {first, last}, ascending, in the list before
    RemovedRuns m_removed;                   // while done
};

// Swaps the whole list (merge fields, rows, send results) with the stored one.
class RecipientTableModel::ReplaceListCommand final : public QUndoCommand
{
public:
    ReplaceListCommand(RecipientTableModel *model,
                       QStringList fieldNames,
                       RowList rows,
                       const QString &text)
        : QUndoCommand(text)
        , m_model(model)
        , m_fieldNames(std::move(fieldNames))
        , m_rows(std::move(rows))
    {}
    void redo() override { exchange(); }
    void undo() override { exchange(); }

private:
    void exchange()
    {
        if (m_model)
            m_model->exchangeList(m_fieldNames, m_rows);
    }

    QPointer<RecipientTableModel> m_model;
    QStringList m_fieldNames;
    RowList m_rows;
};

// --- The model -----------------------------------------------------------------------------

RecipientTableModel::RecipientTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

RecipientTableModel::~RecipientTableModel() = default;

void RecipientTableModel::setUndoStack(QUndoStack *stack)
{
    m_undoStack = stack;
}

QUndoStack *RecipientTableModel::undoStack() const
{
    return m_undoStack;
}

RecipientTableModel::RowPointer RecipientTableModel::makeRow(const Recipient &recipient)
{
    // Unique across every model of the process: a result keyed by the id of a row of one list
    // can never land on a row of another (a campaign opened while the first one is sending).
    static std::atomic<RowId> lastId{0};
    auto row = std::make_unique<Row>();
    row->id = ++lastId;
    row->recipient = recipient;
    row->keys = addressKeys(recipient.email);
    return row;
}

void RecipientTableModel::setRecipients(const QStringList &fieldNames,
                                        const QList<Recipient> &recipients)
{
    const bool fieldsChange = fieldNames != m_fieldNames;
    beginResetModel();
    m_fieldNames = fieldNames;
    m_rows.clear();
    m_rows.reserve(static_cast<std::size_t>(recipients.size()));
    for (const Recipient &recipient : recipients)
        m_rows.push_back(makeRow(recipient));
    revalidate();
    endResetModel();
    if (fieldsChange)
        Q_EMIT fieldNamesChanged(m_fieldNames);
    emitCountsIfChanged();
}

void RecipientTableModel::appendRecipients(const QList<Recipient> &rows)
{
    RowList list;
    list.reserve(static_cast<std::size_t>(rows.size()));
    for (const Recipient &recipient : rows)
        list.push_back(makeRow(recipient));
    insertColumnsAndRows({}, std::move(list));
}

void RecipientTableModel::addRecipients(const QList<Recipient> &rows, const QStringList &fieldNames)
{
    addRecipients(rows,
                  fieldNames,
                  countedText(static_cast<int>(rows.size()),
                              tr("Add 1 recipient"),
                              tr("Add %1 recipients")));
}

void RecipientTableModel::addRecipients(const QList<Recipient> &rows,
                                        const QStringList &fieldNames,
                                        const QString &undoText)
{
    if (isReadOnly())
        return;
    // Where each of the given fields goes among the list's fields, new ones at the end.
    QStringList newFieldNames;
    std::vector<qsizetype> target;
    const bool isSameOrder = fieldNames.isEmpty() || fieldNames == m_fieldNames;
    if (!isSameOrder) {
        const auto find = [](const QStringList &names, const QString &name) {
            for (qsizetype i = 0; i < names.size(); ++i) {
                if (names[i].compare(name, Qt::CaseInsensitive) == 0)
                    return i;
            }
            return qsizetype(-1);
        };
        for (const QString &name : fieldNames) {
            qsizetype index = find(m_fieldNames, name);
            if (index < 0) {
                index = find(newFieldNames, name);
                if (index < 0) {
                    newFieldNames.append(name);
                    index = newFieldNames.size() - 1;
                }
                index += m_fieldNames.size();
            }
            target.push_back(index);
        }
    }
    if (rows.isEmpty() && newFieldNames.isEmpty())
        return;

    RowList list;
    list.reserve(static_cast<std::size_t>(rows.size()));
    for (const Recipient &recipient : rows) {
        if (isSameOrder) {
            list.push_back(makeRow(recipient));
            continue;
        }
        Recipient mapped = recipient;
        mapped.fields = QStringList(m_fieldNames.size() + newFieldNames.size());
        for (std::size_t j = 0; j < target.size(); ++j)
            mapped.fields[target[j]] = recipient.fields.value(static_cast<qsizetype>(j));
        // Trailing empty values are left out, as the import does (campaign.h).
        while (!mapped.fields.isEmpty() && mapped.fields.constLast().isEmpty())
            mapped.fields.removeLast();
        list.push_back(makeRow(mapped));
    }
    pushOrRun(std::make_unique<AddRowsCommand>(this, newFieldNames, std::move(list), undoText));
}

void RecipientTableModel::removeRecipientRows(QList<int> rows)
{
    if (isReadOnly())
        return;
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    std::vector<int> valid;
    valid.reserve(static_cast<std::size_t>(rows.size()));
    for (const int row : std::as_const(rows)) {
        if (row >= 0 && row < recipientCount())
            valid.push_back(row);
    }
    if (valid.empty())
        return;
    const int count = static_cast<int>(valid.size());
    pushOrRun(std::make_unique<RemoveRowsCommand>(this,
                                                  contiguousRuns(valid),
                                                  countedText(count,
                                                              tr("Delete 1 recipient"),
                                                              tr("Delete %1 recipients"))));
}

QString RecipientTableModel::importUndoText(int count, const QString &fileName)
{
    const QString number = QLocale().toString(count);
    if (fileName.isEmpty())
        return count == 1 ? tr("Import 1 recipient") : tr("Import %1 recipients").arg(number);
    if (count == 1)
        return tr("Import 1 recipient from %1").arg(fileName);
    return tr("Import %1 recipients from %2").arg(number, fileName);
}

void RecipientTableModel::importRecipients(const CsvImport &import,
                                           ImportMode mode,
                                           const QString &fileName)
{
    if (isReadOnly())
        return;
    const int count = static_cast<int>(import.recipients.size());
    const QString text = importUndoText(count, fileName);
    if (mode == ImportMode::Append) {
        addRecipients(import.recipients, import.fieldNames, text);
        return;
    }
    RowList list;
    list.reserve(static_cast<std::size_t>(count));
    for (const Recipient &recipient : import.recipients)
        list.push_back(makeRow(recipient));
    pushOrRun(std::make_unique<ReplaceListCommand>(this, import.fieldNames, std::move(list), text));
}

void RecipientTableModel::pushOrRun(std::unique_ptr<QUndoCommand> command)
{
    if (m_undoStack) {
        m_undoStack->push(command.release()); // runs redo()
        return;
    }
    command->redo();
}

Recipient RecipientTableModel::exchangeRecipient(int row, Recipient recipient)
{
    Row &target = rowAt(row);
    std::swap(target.recipient, recipient); // `recipient` now holds the old value
    const Recipient &now = target.recipient;

    // One dataChanged over the columns that differ.
    int firstColumn = -1;
    int lastColumn = -1;
    const auto note = [&](int column) {
        if (firstColumn < 0)
            firstColumn = column;
        lastColumn = column;
    };
    if (now.email != recipient.email)
        note(kEmailColumn);
    if (now.name != recipient.name)
        note(kNameColumn);
    const qsizetype fieldCount = std::max(now.fields.size(), recipient.fields.size());
    for (qsizetype field = 0; field < fieldCount && field < m_fieldNames.size(); ++field) {
        if (now.fields.value(field) != recipient.fields.value(field))
            note(kFirstFieldColumn + static_cast<int>(field));
    }
    if (firstColumn >= 0) {
        Q_EMIT dataChanged(index(row, firstColumn),
                           index(row, lastColumn),
                           {Qt::DisplayRole, Qt::EditRole});
    }
    if (now.email != recipient.email) {
        // An edited address may become valid, invalid, a duplicate, or stop being the first of
        // a duplicate pair; and the tooltips of rows that duplicate it quote it.
        const QString oldFoldedKey = target.keys.folded;
        target.keys = addressKeys(target.recipient.email);
        emitIssueChanged(revalidateAround(row, oldFoldedKey));
        emitCountsIfChanged();
    }
    return recipient;
}

void RecipientTableModel::insertColumnsAndRows(const QStringList &newFieldNames, RowList rows)
{
    if (!newFieldNames.isEmpty()) {
        const int first = columnCount();
        beginInsertColumns({}, first, first + static_cast<int>(newFieldNames.size()) - 1);
        m_fieldNames += newFieldNames;
        endInsertColumns();
        Q_EMIT fieldNamesChanged(m_fieldNames);
    }
    if (rows.empty())
        return;
    const int first = rowCount();
    const int last = first + static_cast<int>(rows.size()) - 1; // inclusive
    beginInsertRows({}, first, last);
    m_rows.insert(m_rows.end(),
                  std::make_move_iterator(rows.begin()),
                  std::make_move_iterator(rows.end()));
    std::vector<int> changed = revalidate();
    endInsertRows();
    // The new rows are announced by rowsInserted; only earlier rows need a dataChanged.
    changed.erase(std::remove_if(changed.begin(),
                                 changed.end(),
                                 [first](int row) { return row >= first; }),
                  changed.end());
    emitIssueChanged(changed);
    emitCountsIfChanged();
}

RecipientTableModel::RowList RecipientTableModel::takeColumnsAndRows(int fieldCount, int count)
{
    RowList taken;
    if (count > 0) {
        const int first = rowCount() - count;
        beginRemoveRows({}, first, rowCount() - 1);
        taken.assign(std::make_move_iterator(m_rows.begin() + first),
                     std::make_move_iterator(m_rows.end()));
        m_rows.erase(m_rows.begin() + first, m_rows.end());
        endRemoveRows();
        emitIssueChanged(revalidate()); // the rows left keep their issues; the counts change
    }
    if (fieldCount > 0) {
        const int last = columnCount() - 1;
        beginRemoveColumns({}, last - fieldCount + 1, last);
        m_fieldNames.resize(m_fieldNames.size() - fieldCount);
        endRemoveColumns();
        Q_EMIT fieldNamesChanged(m_fieldNames);
    }
    emitCountsIfChanged();
    return taken;
}

RecipientTableModel::RemovedRuns RecipientTableModel::removeRuns(
    const std::vector<std::pair<int, int>> &runs)
{
    RemovedRuns removed(runs.size());
    if (runs.size() <= kMaxRunsForRowSignals) {
        // Last run first, so that the positions of the earlier runs still hold.
        for (std::size_t i = runs.size(); i-- > 0;) {
            const auto [first, last] = runs[i];
            beginRemoveRows({}, first, last);
            const auto begin = m_rows.begin() + first;
            const auto end = m_rows.begin() + last + 1;
            removed[i] = {first,
                          RowList(std::make_move_iterator(begin), std::make_move_iterator(end))};
            m_rows.erase(begin, end);
            endRemoveRows();
        }
        // Duplicates may now point elsewhere (or nowhere): one pass over what is left.
        emitIssueChanged(revalidate());
    } else {
        beginResetModel();
        RowList kept;
        kept.reserve(m_rows.size());
        std::size_t run = 0;
        for (int row = 0; row < static_cast<int>(m_rows.size()); ++row) {
            RowPointer &pointer = m_rows[static_cast<std::size_t>(row)];
            while (run < runs.size() && runs[run].second < row)
                ++run;
            if (run < runs.size() && runs[run].first <= row) {
                removed[run].first = runs[run].first;
                removed[run].second.push_back(std::move(pointer));
            } else {
                kept.push_back(std::move(pointer));
            }
        }
        m_rows = std::move(kept);
        revalidate();
        endResetModel();
    }
    emitCountsIfChanged();
    return removed;
}

void RecipientTableModel::restoreRuns(RemovedRuns runs)
{
    // Positions that no longer fit mean the list was replaced behind the stack's back.
    std::size_t size = m_rows.size();
    for (const auto &[first, rows] : runs) {
        if (first < 0 || static_cast<std::size_t>(first) > size || rows.empty())
            return;
        size += rows.size();
    }
    if (runs.empty())
        return;
    if (runs.size() <= kMaxRunsForRowSignals) {
        // First run first: each run's position counts the earlier runs as back in place.
        for (auto &[first, rows] : runs) {
            beginInsertRows({}, first, first + static_cast<int>(rows.size()) - 1);
            m_rows.insert(m_rows.begin() + first,
                          std::make_move_iterator(rows.begin()),
                          std::make_move_iterator(rows.end()));
            endInsertRows();
        }
        emitIssueChanged(revalidate());
    } else {
        beginResetModel();
        std::size_t total = m_rows.size();
        for (const auto &run : runs)
            total += run.second.size();
        RowList merged;
        merged.reserve(total);
        std::size_t kept = 0;
        for (auto &[first, rows] : runs) {
            while (merged.size() < static_cast<std::size_t>(first))
                merged.push_back(std::move(m_rows[kept++]));
            for (RowPointer &row : rows)
                merged.push_back(std::move(row));
        }
        while (kept < m_rows.size())
            merged.push_back(std::move(m_rows[kept++]));
        m_rows = std::move(merged);
        revalidate();
        endResetModel();
    }
    emitCountsIfChanged();
}

void RecipientTableModel::exchangeList(QStringList &fieldNames, RowList &rows)
{
    const bool fieldsChange = fieldNames != m_fieldNames;
    beginResetModel();
    std::swap(m_fieldNames, fieldNames);
    std::swap(m_rows, rows);
    revalidate();
    endResetModel();
    if (fieldsChange)
        Q_EMIT fieldNamesChanged(m_fieldNames);
    emitCountsIfChanged();
}

void RecipientTableModel::applyResults(const QList<RecipientResult> &batch)
{
    std::vector<std::pair<int, const RecipientResult *>> found;
    found.reserve(static_cast<std::size_t>(batch.size()));
    for (const RecipientResult &result : batch) {
        if (result.recipientIndex >= 0 && result.recipientIndex < rowCount())
            found.emplace_back(result.recipientIndex, &result);
    }
    storeResults(found, SendMode::Deliver);
}

void RecipientTableModel::applyResults(const QList<RecipientResult> &batch,
                                       const QList<RowId> &rowIdsAtStart,
                                       SendMode mode)
{
    std::vector<std::pair<int, const RecipientResult *>> found;
    found.reserve(static_cast<std::size_t>(batch.size()));
    // While the list is locked every row is where it was at the start: the id at the same
    // position confirms it. Otherwise (the list changed) one lookup table per batch.
    QHash<RowId, int> rowsById;
    for (const RecipientResult &result : batch) {
        if (result.recipientIndex < 0 || result.recipientIndex >= rowIdsAtStart.size())
            continue;
        const RowId id = rowIdsAtStart.at(result.recipientIndex);
        int row = result.recipientIndex;
        if (row >= rowCount() || rowAt(row).id != id) {
            if (rowsById.isEmpty()) {
                rowsById.reserve(static_cast<qsizetype>(m_rows.size()));
                for (int i = 0; i < recipientCount(); ++i)
                    rowsById.insert(rowAt(i).id, i);
            }
            row = rowsById.value(id, -1);
        }
        if (row >= 0)
            found.emplace_back(row, &result);
    }
    storeResults(found, mode);
}

void RecipientTableModel::clearRehearsalResults()
{
    std::vector<int> touched;
    for (int row = 0; row < recipientCount(); ++row) {
        if (rowAt(row).rehearsal) {
            rowAt(row).rehearsal.reset();
            touched.push_back(row);
        }
    }
    emitStatusChanged(std::move(touched));
}

void RecipientTableModel::applyBounces(const QList<FeedbackEvent> &events)
{
    std::vector<int> touched;
    for (const FeedbackEvent &event : events) {
        if (event.kind != FeedbackEvent::Kind::Bounced)
            continue;
        const auto hasAddress = [&event](const Row &row) {
            return row.recipient.email.compare(event.email, Qt::CaseInsensitive) == 0;
        };
        int row = event.recipientIndex;
        if (row < 0 || row >= recipientCount() || !hasAddress(rowAt(row))) {
            const auto found = std::find_if(m_rows.cbegin(),
                                            m_rows.cend(),
                                            [&hasAddress](const RowPointer &candidate) {
                                                return hasAddress(*candidate);
                                            });
            if (found == m_rows.cend())
                continue;
            row = static_cast<int>(found - m_rows.cbegin());
        }
        rowAt(row).bounce = event;
        touched.push_back(row);
    }
    emitStatusChanged(std::move(touched));
}

QString RecipientTableModel::bounceSeverityAt(int row) const
{
    const std::optional<FeedbackEvent> &bounce = rowAt(row).bounce;
    return bounce ? bounce->severity : QString();
}

void RecipientTableModel::storeResults(
    const std::vector<std::pair<int, const RecipientResult *>> &results, SendMode mode)
{
    std::vector<int> touched;
    touched.reserve(results.size());
    for (const auto &[row, result] : results) {
        Row &target = rowAt(row);
        // A result for another address than the row's now (the row was edited since the send
        // started) does not belong to it.
        if (!result->email.isEmpty() && result->email != target.recipient.email)
            continue;
        (mode == SendMode::Rehearse ? target.rehearsal : target.result) = *result;
        touched.push_back(row);
    }
    emitStatusChanged(std::move(touched));
}

void RecipientTableModel::emitStatusChanged(std::vector<int> touched)
{
    if (touched.empty())
        return;
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());

    const QList<int> roles{Qt::DisplayRole,
                           Qt::ToolTipRole,
                           Qt::AccessibleTextRole,
                           Qt::AccessibleDescriptionRole,
                           StatusRole,
                           RehearsalStatusRole,
                           BounceRole};
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

QList<RecipientTableModel::RowId> RecipientTableModel::rowIds() const
{
    QList<RowId> ids;
    ids.reserve(static_cast<qsizetype>(m_rows.size()));
    for (const RowPointer &row : m_rows)
        ids.append(row->id);
    return ids;
}

RecipientTableModel::RowId RecipientTableModel::rowId(int row) const
{
    Q_ASSERT(row >= 0 && row < recipientCount());
    return rowAt(row).id;
}

int RecipientTableModel::rowOfId(RowId id) const
{
    const auto found = std::find_if(m_rows.cbegin(), m_rows.cend(), [id](const RowPointer &row) {
        return row->id == id;
    });
    return found == m_rows.cend() ? -1 : static_cast<int>(found - m_rows.cbegin());
}

void RecipientTableModel::setReadOnly(const QString &reason)
{
    if (reason == m_readOnlyReason)
        return;
    const bool wasReadOnly = isReadOnly();
    m_readOnlyReason = reason;
    if (wasReadOnly != isReadOnly())
        Q_EMIT readOnlyChanged(isReadOnly());
}

bool RecipientTableModel::isListEdit(const QUndoCommand *command)
{
    if (!command)
        return false;
    if (dynamic_cast<const EditRecipientCommand *>(command)
        || dynamic_cast<const AddRowsCommand *>(command)
        || dynamic_cast<const RemoveRowsCommand *>(command)
        || dynamic_cast<const ReplaceListCommand *>(command))
        return true;
    for (int i = 0; i < command->childCount(); ++i) {
        if (isListEdit(command->child(i)))
            return true;
    }
    return false;
}

const Recipient &RecipientTableModel::recipientAt(int row) const
{
    Q_ASSERT(row >= 0 && row < recipientCount());
    return rowAt(row).recipient;
}

std::optional<RecipientIssue::Kind> RecipientTableModel::issueAt(int row) const
{
    Q_ASSERT(row >= 0 && row < recipientCount());
    switch (rowAt(row).issue) {
    case IssueKind::None:
        return std::nullopt;
    case IssueKind::InvalidAddress:
        return RecipientIssue::Kind::InvalidAddress;
    case IssueKind::Duplicate:
        return RecipientIssue::Kind::Duplicate;
    case IssueKind::ProbableDuplicate:
        return RecipientIssue::Kind::ProbableDuplicate;
    }
    return std::nullopt;
}

std::optional<RecipientResult::Status> RecipientTableModel::statusAt(int row) const
{
    Q_ASSERT(row >= 0 && row < recipientCount());
    const auto &result = rowAt(row).result;
    return result ? std::optional(result->status) : std::nullopt;
}

std::optional<RecipientResult::Status> RecipientTableModel::rehearsalStatusAt(int row) const
{
    Q_ASSERT(row >= 0 && row < recipientCount());
    const auto &result = rowAt(row).rehearsal;
    return result ? std::optional(result->status) : std::nullopt;
}

QList<Recipient> RecipientTableModel::recipients() const
{
    QList<Recipient> list;
    list.reserve(static_cast<qsizetype>(m_rows.size()));
    for (const RowPointer &row : m_rows)
        list.append(row->recipient);
    return list;
}

int RecipientTableModel::validCount() const
{
    return recipientCount() - m_invalidCount - m_duplicateCount;
}

bool RecipientTableModel::hasSendResults() const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(), [](const RowPointer &row) {
        return row->result.has_value();
    });
}

QStringList RecipientTableModel::statusTexts() const
{
    QStringList texts;
    texts.reserve(static_cast<qsizetype>(m_rows.size()));
    for (const RowPointer &row : m_rows)
        texts.append(row->bounce   ? bounceDetails(*row->bounce)
                     : row->result ? statusDetails(*row->result)
                                   : QString());
    return texts;
}

int RecipientTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RecipientTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kFirstFieldColumn + fieldColumnCount();
}

QColor RecipientTableModel::problemTint(Tint tint)
{
    // Translucent, so that the tint reads on light and dark palettes alike.
    return tint == Tint::InvalidAddress ? QColor(220, 40, 40, 64) : QColor(255, 170, 0, 64);
}

QVariant RecipientTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const Row &row = rowAt(index.row());
    const int column = index.column();
    const bool hasIssue = row.issue != IssueKind::None;

    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        if (column == kEmailColumn)
            return row.recipient.email;
        if (column == kNameColumn)
            return row.recipient.name;
        if (column == kStatusColumn) {
            if (row.bounce && role == Qt::DisplayRole)
                return bounceText(*row.bounce);
            if (row.result)
                return statusText(*row.result);
            return row.rehearsal ? statusText(*row.rehearsal, SendMode::Rehearse) : QString();
        }
        return row.recipient.fields.value(column - kFirstFieldColumn);
    case Qt::ToolTipRole:
        if (column == kEmailColumn && hasIssue)
            return issueText(row);
        if (column == kStatusColumn && row.bounce)
            return bounceDetails(*row.bounce);
        if (column == kStatusColumn && row.result)
            return statusDetails(*row.result);
        if (column == kStatusColumn && row.rehearsal)
            return statusDetails(*row.rehearsal, SendMode::Rehearse);
        return {};
    case Qt::BackgroundRole:
        if (!hasIssue)
            return {};
        return QBrush(problemTint(row.issue == IssueKind::InvalidAddress ? Tint::InvalidAddress
                                                                         : Tint::Duplicate));
    case Qt::AccessibleTextRole:
        // A bounce is read out whole: what the report said, not only "Bounced".
        if (column == kStatusColumn && row.bounce)
            return bounceDetails(*row.bounce);
        // Colour alone says nothing to a screen reader: the email cell names its problem.
        if (column != kEmailColumn || !hasIssue)
            return {};
        if (row.issue == IssueKind::InvalidAddress)
            return row.recipient.email.isEmpty()
                       ? tr("No email address")
                       : tr("%1, invalid address").arg(row.recipient.email);
        return tr("%1, duplicate address").arg(row.recipient.email);
    case Qt::AccessibleDescriptionRole:
        if (column == kStatusColumn && row.bounce)
            return bounceDetails(*row.bounce);
        return hasIssue ? issueText(row) : QVariant();
    case IssueRole: {
        const auto kind = issueAt(index.row());
        return kind ? QVariant(static_cast<int>(*kind)) : QVariant();
    }
    case StatusRole:
        return row.result ? QVariant(static_cast<int>(row.result->status)) : QVariant();
    case RehearsalStatusRole:
        return row.rehearsal ? QVariant(static_cast<int>(row.rehearsal->status)) : QVariant();
    case BounceRole:
        return row.bounce ? QVariant(row.bounce->severity) : QVariant();
    case RecipientIndexRole:
        return index.row();
    case RowIdRole:
        return QVariant::fromValue<qulonglong>(row.id);
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
    // The status comes from the engine only; nothing is editable while the list is locked.
    if (index.column() != kStatusColumn && !isReadOnly())
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool RecipientTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || !(flags(index) & Qt::ItemIsEditable))
        return false;
    Recipient recipient = recipientAt(index.row());
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
    pushOrRun(std::make_unique<EditRecipientCommand>(this, index.row(), recipient, tr("Edit cell")));
    return true;
}

bool RecipientTableModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (isReadOnly() || parent.isValid() || row < 0 || count <= 0 || row + count > rowCount())
        return false;
    pushOrRun(std::make_unique<RemoveRowsCommand>(
        this,
        std::vector<std::pair<int, int>>{{row, row + count - 1}},
        countedText(count, tr("Delete 1 recipient"), tr("Delete %1 recipients"))));
    return true;
}

RecipientTableModel::Issue RecipientTableModel::issueOf(DuplicateFinder &finder,
                                                        const Row &row,
                                                        int index)
{
    if (!row.keys.isValid)
        return {IssueKind::InvalidAddress, -1};
    if (const std::optional<DuplicateMatch> match = finder.add(row.keys, index)) {
        return {match->kind == RecipientIssue::Kind::Duplicate ? IssueKind::Duplicate
                                                               : IssueKind::ProbableDuplicate,
                match->duplicateOf};
    }
    return {IssueKind::None, -1};
}

std::vector<int> RecipientTableModel::revalidate()
{
    // validateRecipients()'s pass (DuplicateFinder) over the cached keys.
    DuplicateFinder finder(static_cast<qsizetype>(m_rows.size()));
    int invalidCount = 0;
    int duplicateCount = 0;
    std::vector<int> changed;
    for (int index = 0; index < static_cast<int>(m_rows.size()); ++index) {
        Row &row = rowAt(index);
        const auto [issue, duplicateOf] = issueOf(finder, row, index);
        if (issue == IssueKind::InvalidAddress)
            ++invalidCount;
        else if (issue != IssueKind::None)
            ++duplicateCount;
        // Compared on what the views show: the tooltip names the row it duplicates.
        if (issue != row.issue || duplicateOf != row.duplicateOf)
            changed.push_back(index);
        row.issue = issue;
        row.duplicateOf = duplicateOf;
    }
    m_invalidCount = invalidCount;
    m_duplicateCount = duplicateCount;
    return changed;
}

std::vector<int> RecipientTableModel::revalidateAround(int editedRow, const QString &oldFoldedKey)
{
    // A row's issue depends only on the first rows with its exact and its folded key, and the
    // exact key determines the folded one. So only rows with the edited row's old or new folded
    // key can change, and the same pass restricted to them gives the same answer as the whole.
    const QString newFoldedKey = rowAt(editedRow).keys.folded;
    DuplicateFinder finder;
    std::vector<int> changed;
    const auto count = [this](IssueKind issue, int delta) {
        if (issue == IssueKind::InvalidAddress)
            m_invalidCount += delta;
        else if (issue != IssueKind::None)
            m_duplicateCount += delta;
    };
    for (int index = 0; index < static_cast<int>(m_rows.size()); ++index) {
        Row &row = rowAt(index);
        if (index != editedRow
            && (!row.keys.isValid
                || (row.keys.folded != oldFoldedKey && row.keys.folded != newFoldedKey)))
            continue;
        const auto [issue, duplicateOf] = issueOf(finder, row, index);
        // The edited row's own tooltip and those of its duplicates quote its address.
        if (issue != row.issue || duplicateOf != row.duplicateOf
            || (index == editedRow && issue != IssueKind::None) || duplicateOf == editedRow)
            changed.push_back(index);
        count(row.issue, -1);
        count(issue, +1);
        row.issue = issue;
        row.duplicateOf = duplicateOf;
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

void RecipientTableModel::emitCountsIfChanged()
{
    const std::tuple<int, int, int> counts{recipientCount(), m_invalidCount, m_duplicateCount};
    if (counts == m_announcedCounts)
        return;
    m_announcedCounts = counts;
    Q_EMIT countsChanged();
}

QString RecipientTableModel::issueText(const Row &row) const
{
    // While rows are being removed run by run, a duplicate may briefly point past the end.
    const bool hasFirst = row.duplicateOf >= 0 && row.duplicateOf < recipientCount();
    const QString first = hasFirst ? rowAt(row.duplicateOf).recipient.email : QString();
    switch (row.issue) {
    case IssueKind::None:
        return {};
    case IssueKind::InvalidAddress:
        return row.recipient.email.isEmpty()
                   ? tr("Invalid: no email address")
                   : tr("Invalid: \"%1\" is not a valid email address").arg(row.recipient.email);
    case IssueKind::Duplicate:
        return tr("Duplicate of row %1 (\"%2\")").arg(QString::number(row.duplicateOf + 1), first);
    case IssueKind::ProbableDuplicate:
        return tr("Probable duplicate of row %1 (\"%2\"): the addresses differ only in letter case")
            .arg(QString::number(row.duplicateOf + 1), first);
    }
    return {};
}

QString RecipientTableModel::statusText(const RecipientResult &result, SendMode mode) const
{
    if (mode == SendMode::Rehearse) {
        // Captured by the sandbox: nobody received it, so it never reads "Sent".
        if (result.status == RecipientResult::Status::Sent)
            return tr("Rehearsed");
        return tr("%1 (rehearsal)").arg(statusText(result));
    }
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

QString RecipientTableModel::statusDetails(const RecipientResult &result, SendMode mode) const
{
    const QString status = statusText(result, mode);
    // The engine's notes in the user's words; the server's own words as they came.
    const QString details = EngineNoteWords::details(result);
    if (details.isEmpty())
        return status;
    if (result.code > 0)
        return tr("%1: %2 %3").arg(status, QString::number(result.code), details);
    return tr("%1: %2").arg(status, details);
}

QString RecipientTableModel::bounceText(const FeedbackEvent &bounce) const
{
    return bounce.severity == u"hard" ? tr("Bounced (hard)") : tr("Bounced (soft)");
}

QString RecipientTableModel::bounceDetails(const FeedbackEvent &bounce) const
{
    // "Bounced (hard), 5.1.1: 550 5.1.1 User unknown": the server took the message, and the
    // recipient's server returned it later.
    if (bounce.text.isEmpty())
        return tr("%1, %2").arg(bounceText(bounce), bounce.status);
    return tr("%1, %2: %3").arg(bounceText(bounce), bounce.status, bounce.text);
}

int RecipientTableModel::fieldColumnCount() const
{
    return static_cast<int>(m_fieldNames.size());
}

} // namespace Bulkmail
