#pragma once

#include "feedback/campaignfeedback.h"

#include <QAbstractTableModel>

#include <vector>

namespace Bulkmail {

// What the mailbox said about one campaign, as a table: its bounces (address, hard or soft,
// when, the report's words, the server that refused it), or its unsubscribe requests (address,
// whether it is on the suppression list yet, when, the request's words). Rows come in order of
// arrival; a model shows one of the two kinds, and ignores events of the other.
class FeedbackListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FeedbackListModel)

public:
    enum class Contents { Bounces, UnsubscribeRequests };
    enum class Column { Address, Kind, When, Words, Server };
    Q_ENUM(Column)
    enum Role {
        SeverityRole = Qt::UserRole, // bounces: "hard" or "soft"
        SuppressedRole,              // bool: on the account's suppression list
    };

    explicit FeedbackListModel(Contents contents, QObject *parent = nullptr);
    ~FeedbackListModel() override;

    [[nodiscard]] Contents contents() const { return m_contents; }
    // Replaces the rows (a reopened campaign's journal), or adds to them (a watch's batch), with
    // one reset or one rowsInserted.
    void setEvents(const QList<Bulkmail::FeedbackEvent> &events);
    void addEvents(const QList<Bulkmail::FeedbackEvent> &events);
    [[nodiscard]] const FeedbackEvent &eventAt(int row) const;
    // The request at `row` is now on the suppression list.
    void markSuppressed(int row);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section,
                                      Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    [[nodiscard]] bool belongs(const FeedbackEvent &event) const;
    [[nodiscard]] QString kindText(const FeedbackEvent &event) const;

    const Contents m_contents;
    std::vector<FeedbackEvent> m_events;
};

} // namespace Bulkmail
