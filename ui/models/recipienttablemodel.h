#pragma once

#include "campaign/campaign.h"
#include "campaign/recipientvalidation.h"
#include "document/recipientcsv.h"
#include "feedback/campaignfeedback.h"
#include "runner/campaignprogress.h"
#include "sendmode.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QList>
#include <QPointer>
#include <QStringList>

#include <memory>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

class QUndoCommand;
class QUndoStack;

namespace Bulkmail {

// How an imported list meets the one already there.
enum class ImportMode {
    Append,  // the imported rows go after the existing ones; new merge fields become columns
    Replace, // the imported list (rows and merge fields) replaces the whole list
};

// The recipient list of a campaign as a table: email, name, send status, then one column per
// merge field. Each row keeps its validation issue (invalid address, duplicate) so that views
// can flag it, and its latest send result, applied in the engine's coalesced batches.
//
// Identity: every row has an id (rowId()) that no other row of any model ever gets, kept
// through edits, moves, undo and redo. A send remembers the ids of the rows it started with
// (rowIds()), and its results are applied by those ids (applyResults(batch, ids)): a result
// reaches the row it was meant for wherever that row is now, and never a row of another list.
//
// Read-only: while a send runs, the list is locked (setReadOnly()): no edit, import, paste,
// deletion, or undo or redo of a list edit (isListEdit() tells the window which commands those
// are), so that what the user sees is what is being sent. The reason is there for the views.
//
// Editing: once an undo stack is set, every user edit (setData(), removeRows() and the
// operations below) is pushed onto it as one command with a plain-words text for the Edit menu
// (STYLE.md rule 18); without a stack they apply directly. setRecipients() (loading a file) and
// applyResults() (the engine) are never undoable and never touch the stack: whoever loads a new
// list clears the stack too, because its commands name rows of the old list.
//
// Validation stays what validateRecipients() says, kept up to date without revalidating the
// whole list on every keystroke: each row caches its duplicate keys, an edited address
// revalidates only the rows that share its old or new key (one linear scan of string
// comparisons), and inserting or removing rows reruns the duplicate pass over the cached keys.
class RecipientTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecipientTableModel)

public:
    enum class Column { Email, Name, Status, FirstField }; // FirstField + i: merge field i
    Q_ENUM(Column)
    enum Role {
        IssueRole = Qt::UserRole, // int(RecipientIssue::Kind), or an invalid QVariant: no issue
        StatusRole,               // int(RecipientResult::Status), or invalid: not sent yet
        RecipientIndexRole,       // the row's index in recipients()
        RowIdRole,                // the row's RowId (qulonglong)
        RehearsalStatusRole,      // int(RecipientResult::Status) in the last rehearsal, or invalid
        BounceRole,               // "hard" or "soft" when a delivery report came back, or invalid
    };
    Q_ENUM(Role)

    // A row's identity; 0 is never a row's.
    using RowId = quint64;

    explicit RecipientTableModel(QObject *parent = nullptr);
    ~RecipientTableModel() override;

    // The stack user edits go to; nullptr (the default): edits apply directly.
    void setUndoStack(QUndoStack *stack);
    [[nodiscard]] QUndoStack *undoStack() const;

    // Replaces the list (and forgets every send status). Not undoable.
    void setRecipients(const QStringList &fieldNames, const QList<Recipient> &recipients);
    // Adds rows at the end with a single rowsInserted. Not undoable.
    void appendRecipients(const QList<Recipient> &rows);
    // Results keyed by the current row (RecipientResult::recipientIndex), such as the journal's
    // for a list as it was just loaded. A result naming another address than its row's (when
    // it names one) is dropped.
    void applyResults(const QList<RecipientResult> &batch);
    // The engine's coalesced batch of a send that started with the rows `rowIdsAtStart`
    // (rowIds() then): recipientIndex i is the row whose id was rowIdsAtStart[i], wherever it is
    // now. Results for rows that are gone, or whose address changed, are dropped.
    // A rehearsal's results (SendMode::Rehearse) are kept apart from the real ones: they never
    // change statusAt(), the export or what a real send does, and the Status column shows them
    // ("Rehearsed") only on rows that have no real status.
    void applyResults(const QList<RecipientResult> &batch,
                      const QList<RowId> &rowIdsAtStart,
                      SendMode mode = SendMode::Deliver);
    // Forgets the last rehearsal's results (a new rehearsal starts).
    void clearRehearsalResults();
    // Delivery reports read back from the mailbox (FeedbackEvent::Kind::Bounced; other kinds are
    // ignored), from a watch or the journal of a reopened campaign. Each goes to the row at its
    // recipientIndex when that row has its address, else to the first row with the address
    // (compared case-insensitively); none: dropped. The row's Status then reads "Bounced (hard)"
    // or "Bounced (soft)", its tooltip and accessible text give the report's status and words;
    // the send result stays (the server did take the message). The latest report wins.
    void applyBounces(const QList<Bulkmail::FeedbackEvent> &events);

    // The id of every row, in row order.
    [[nodiscard]] QList<RowId> rowIds() const;
    [[nodiscard]] RowId rowId(int row) const;
    // The row with that id now, or -1.
    [[nodiscard]] int rowOfId(RowId id) const;

    // Locks the list (non-empty `reason`: why, in the user's words) or unlocks it (empty).
    // While locked every edit below, setData() and removeRows() are refused and change nothing.
    void setReadOnly(const QString &reason);
    [[nodiscard]] bool isReadOnly() const { return !m_readOnlyReason.isEmpty(); }
    [[nodiscard]] QString readOnlyReason() const { return m_readOnlyReason; }
    // Whether `command` (from the undo stack) edits a recipient list: while the list is
    // locked, undoing or redoing it must wait.
    [[nodiscard]] static bool isListEdit(const QUndoCommand *command);

    // Undoable edits (refused while read-only). `fieldNames` names the merge fields of `rows` (their Recipient::fields
    // follow it); empty: they follow fieldNames(). Names the list lacks become new columns at
    // the end (matched case-insensitively, as the CSV import does); undo removes rows and
    // columns again. `undoText` replaces "Add N recipients" in the Edit menu.
    void addRecipients(const QList<Recipient> &rows, const QStringList &fieldNames = {});
    void addRecipients(const QList<Recipient> &rows,
                       const QStringList &fieldNames,
                       const QString &undoText);
    // Removes any set of rows (duplicates and rows out of range are ignored), one
    // rowsRemoved per run of consecutive rows; a selection scattered over many runs is removed
    // with one model reset instead, which views handle far faster than thousands of removals.
    // Undo puts the rows back where they were, with their send results.
    void removeRecipientRows(QList<int> rows);
    // `fileName` (shown in the Edit menu: "Import 120 recipients from list.csv") may be empty.
    void importRecipients(const CsvImport &import, ImportMode mode, const QString &fileName = {});
    // The undo step's name of an import of `count` rows ("Import 120 recipients from list.csv").
    [[nodiscard]] static QString importUndoText(int count, const QString &fileName);

    [[nodiscard]] QList<Recipient> recipients() const;
    // One row's recipient without copying the list (row in 0..recipientCount()-1).
    [[nodiscard]] const Recipient &recipientAt(int row) const;
    // The row's validation issue, if it has one.
    [[nodiscard]] std::optional<RecipientIssue::Kind> issueAt(int row) const;
    // The row's latest send result, if any.
    [[nodiscard]] std::optional<RecipientResult::Status> statusAt(int row) const;
    // The row's latest delivery report: "hard" or "soft" and its words; empty when none.
    [[nodiscard]] QString bounceSeverityAt(int row) const;
    // The row's result in the last rehearsal, if any.
    [[nodiscard]] std::optional<RecipientResult::Status> rehearsalStatusAt(int row) const;
    [[nodiscard]] int recipientCount() const { return static_cast<int>(m_rows.size()); }
    [[nodiscard]] QStringList fieldNames() const { return m_fieldNames; }
    [[nodiscard]] int invalidCount() const { return m_invalidCount; }
    // Exact and probable duplicates (RecipientIssue::Kind::Duplicate and ProbableDuplicate).
    [[nodiscard]] int duplicateCount() const { return m_duplicateCount; }
    // Rows that will be sent to: neither invalid nor a duplicate.
    [[nodiscard]] int validCount() const;
    // Whether any row has a send result.
    [[nodiscard]] bool hasSendResults() const;
    // One plain-words status per row ("Sent", "Failed: 550 5.1.1 no such user", "" when not
    // sent yet), for the export's status column.
    [[nodiscard]] QStringList statusTexts() const;

    // The tint of a problem row (Qt::BackgroundRole), which the list's colour legend shows.
    enum class Tint { InvalidAddress, Duplicate };
    [[nodiscard]] static QColor problemTint(Tint tint);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section,
                                      Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

Q_SIGNALS:
    void fieldNamesChanged(const QStringList &names);
    // The total, valid, invalid or duplicate count changed.
    void countsChanged();
    void readOnlyChanged(bool readOnly);

private:
    // The undo commands (defined in recipienttablemodel.cpp) work on the private API below.
    class EditRecipientCommand;
    class AddRowsCommand;
    class RemoveRowsCommand;
    class ReplaceListCommand;

    enum class IssueKind : quint8 { None, InvalidAddress, Duplicate, ProbableDuplicate };

    struct Row
    {
        Recipient recipient;
        RowId id = 0;
        // The keys duplicate detection compares, computed once per address (addressKeys()).
        AddressKeys keys;
        IssueKind issue = IssueKind::None;
        int duplicateOf = -1;
        std::optional<RecipientResult> result;    // the latest one of a real send
        std::optional<RecipientResult> rehearsal; // the latest one of a rehearsal
        std::optional<FeedbackEvent> bounce;      // the latest delivery report read back
    };
    using RowPointer = std::unique_ptr<Row>;
    using RowList = std::vector<RowPointer>;
    // Rows taken out of the list, by their first row's position (ascending).
    using RemovedRuns = std::vector<std::pair<int, RowList>>;

    // A row's issue and the row it duplicates, after every earlier row went through `finder`.
    struct Issue
    {
        IssueKind kind = IssueKind::None;
        int duplicateOf = -1;
    };
    [[nodiscard]] static Issue issueOf(DuplicateFinder &finder, const Row &row, int index);

    [[nodiscard]] static RowPointer makeRow(const Recipient &recipient);

    // The primitives the commands (and the direct path) use.
    Recipient exchangeRecipient(int row, Recipient recipient);
    void insertColumnsAndRows(const QStringList &newFieldNames, RowList rows);
    RowList takeColumnsAndRows(int fieldCount, int rowCount);
    RemovedRuns removeRuns(const std::vector<std::pair<int, int>> &runs);
    void restoreRuns(RemovedRuns runs);
    void exchangeList(QStringList &fieldNames, RowList &rows);
    void pushOrRun(std::unique_ptr<QUndoCommand> command);

    // Reruns the duplicate pass over every row's cached keys, updates the counts and returns
    // the rows whose issue changed in kind or in the row it duplicates.
    std::vector<int> revalidate();
    // After `row`'s address changed: revalidates the rows sharing its old or new folded key.
    std::vector<int> revalidateAround(int row, const QString &oldFoldedKey);
    void emitIssueChanged(const std::vector<int> &rows);
    void emitCountsIfChanged();
    // Stores the results on their rows (given as row numbers) and announces the changed cells.
    void storeResults(const std::vector<std::pair<int, const RecipientResult *>> &results,
                      SendMode mode);
    void emitStatusChanged(std::vector<int> rows);
    [[nodiscard]] QString issueText(const Row &row) const;
    [[nodiscard]] QString statusText(const RecipientResult &result,
                                     SendMode mode = SendMode::Deliver) const;
    [[nodiscard]] QString statusDetails(const RecipientResult &result,
                                        SendMode mode = SendMode::Deliver) const;
    [[nodiscard]] QString bounceText(const FeedbackEvent &bounce) const;
    [[nodiscard]] QString bounceDetails(const FeedbackEvent &bounce) const;
    [[nodiscard]] int fieldColumnCount() const;
    [[nodiscard]] const Row &rowAt(int row) const { return *m_rows[static_cast<std::size_t>(row)]; }
    [[nodiscard]] Row &rowAt(int row) { return *m_rows[static_cast<std::size_t>(row)]; }

    QStringList m_fieldNames;
    RowList m_rows;
    int m_invalidCount = 0;
    int m_duplicateCount = 0;
    // What countsChanged() last announced: {total, invalid, duplicates}.
    std::tuple<int, int, int> m_announcedCounts{0, 0, 0};
    QPointer<QUndoStack> m_undoStack;
    QString m_readOnlyReason;
};

} // namespace Bulkmail
