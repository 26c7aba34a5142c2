#pragma once

#include "campaign/campaign.h"
#include "campaign/recipientvalidation.h"
#include "runner/campaignprogress.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

#include <optional>
#include <vector>

namespace Bulkmail {

// The recipient list of a campaign as a table: email, name, send status, then one column per
// merge field. Each row keeps its validation issue (invalid address, duplicate) so that views
// can flag it, and its latest send result, applied in the engine's coalesced batches.
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
    };
    Q_ENUM(Role)

    explicit RecipientTableModel(QObject *parent = nullptr);
    ~RecipientTableModel() override;

    // Replaces the list (and forgets every send status).
    void setRecipients(const QStringList &fieldNames, const QList<Recipient> &recipients);
    // Adds rows at the end with a single rowsInserted.
    void appendRecipients(const QList<Recipient> &rows);
    // The engine's coalesced batch of results, keyed by RecipientResult::recipientIndex.
    void applyResults(const QList<RecipientResult> &batch);

    [[nodiscard]] QList<Recipient> recipients() const;
    // One row's recipient without copying the list (row in 0..recipientCount()-1).
    [[nodiscard]] const Recipient &recipientAt(int row) const;
    [[nodiscard]] int recipientCount() const { return static_cast<int>(m_rows.size()); }
    [[nodiscard]] QStringList fieldNames() const { return m_fieldNames; }
    [[nodiscard]] int invalidCount() const { return m_invalidCount; }
    // Exact and probable duplicates (RecipientIssue::Kind::Duplicate and ProbableDuplicate).
    [[nodiscard]] int duplicateCount() const { return m_duplicateCount; }

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section,
                                      Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

private:
    struct Row
    {
        Recipient recipient;
        std::optional<RecipientIssue> issue;
        std::optional<RecipientResult> result; // the latest one
    };

    // Validates the whole list again, stores each row's issue and returns the rows whose issue
    // changed in kind or in the row it duplicates.
    std::vector<int> revalidate();
    void emitIssueChanged(const std::vector<int> &rows);
    [[nodiscard]] QString issueText(const Row &row) const;
    [[nodiscard]] QString statusText(const RecipientResult &result) const;
    [[nodiscard]] QString statusDetails(const RecipientResult &result) const;
    [[nodiscard]] int fieldColumnCount() const;

    QStringList m_fieldNames;
    std::vector<Row> m_rows;
    int m_invalidCount = 0;
    int m_duplicateCount = 0;
};

} // namespace Bulkmail
