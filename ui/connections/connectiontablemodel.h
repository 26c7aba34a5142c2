#pragma once

#include "delivery/connectionevent.h"
#include "delivery/deliverysettings.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

#include <optional>
#include <vector>

namespace Bulkmail {

// Everything the engine has told us about one SMTP connection, built from its ConnectionEvents:
// PhaseChanged events as it connects, negotiates TLS, authenticates, sends and idles (the runner
// keeps the latest per connection in each batch), a Created event once the session is ready, a
// Reused event when the 2nd, 3rd, ... message starts on it (the 1st message has no event of its
// own), HealthCheck events, and one Closed event with the number of messages delivered on it.
struct ConnectionRecord
{
    struct HealthCheck
    {
        QDateTime time;
        bool healthy = false;
        QString detail; // the English
        CloseNote note;
    };

    int id = 0;
    ConnectionPhase phase = ConnectionPhase::Connecting;
    QString server;
    QString tls;
    bool authenticated = false;
    QDateTime createdAt; // invalid if the Created event was never seen (model cleared mid-run)
    QDateTime closedAt;
    QDateTime lastEventAt;
    int messagesStarted = 0; // the highest Reused message number (0: none seen)
    int messageLimit = 0;    // from Reused events (0: none or unknown)
    int messagesSent = 0;    // delivered, known once closed
    std::optional<CloseReason> closeReason;
    QString closeDetail; // the English, as the log has it
    CloseNote closeNote; // the same as a code: the window words it (CloseNoteWords)
    bool quitAnswered = false;
    QList<QDateTime> reuseTimes; // when the 2nd, 3rd, ... message started
    QList<HealthCheck> healthChecks;

    [[nodiscard]] bool isClosed() const { return phase == ConnectionPhase::Closed; }
    // Messages on the connection: delivered once closed, started while open (0 while open until
    // the second message starts, since the first has no event).
    [[nodiscard]] int messages() const { return isClosed() ? messagesSent : messagesStarted; }
    // Messages after the first: each one a connection (and login) a reconnecting sender needs.
    [[nodiscard]] int reuseCount() const { return messages() > 1 ? messages() - 1 : 0; }
};

// The live connection table: one row per connection, in the order the engine opened them, fed
// with the runner's coalesced event batches (STYLE.md rule 9: one insert and one dataChanged per
// batch, never a signal per event).
class ConnectionTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTableModel)

public:
    enum class Column {
        Id,
        State,
        Server,
        Tls,
        CreatedAt,
        Messages,
        Reuses,
        ClosedAt,
        CloseReason,
        Count
    };
    Q_ENUM(Column)
    enum Role {
        SortRole = Qt::UserRole, // numbers and times as numbers, for a sort proxy
        ConnectionIdRole,
    };
    Q_ENUM(Role)

    explicit ConnectionTableModel(QObject *parent = nullptr);
    ~ConnectionTableModel() override;

    // One batch from CampaignRunner::connectionEvents, in the order the engine emitted them.
    void applyEvents(const QList<Bulkmail::ConnectionEvent> &events);
    void clear();
    // The limits the campaign sends with, so that close reasons can name them ("idle for 30 s").
    void setDeliverySettings(const DeliverySettings &settings);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section,
                                      Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    [[nodiscard]] const ConnectionRecord &record(int row) const { return m_rows.at(row); }
    [[nodiscard]] int rowForConnection(int connectionId) const;

    // The close reason in plain words ("limit of 50 messages reached"); empty while open.
    [[nodiscard]] QString closeReasonText(const ConnectionRecord &record) const;
    // The Encryption column: "none" in the user's language, or the TLS protocol's name.
    [[nodiscard]] static QString tlsText(const ConnectionRecord &record);
    [[nodiscard]] QString stateText(const ConnectionRecord &record) const;

    [[nodiscard]] int connectionsOpened() const;
    [[nodiscard]] int messagesDelivered() const { return m_messagesDelivered; }
    [[nodiscard]] double messagesPerConnection() const;
    // The campaign's limit of messages on one connection (0: none, or no run yet).
    [[nodiscard]] int messageLimitPerConnection() const;
    // What a sender that reconnects for every message would have opened in addition.
    [[nodiscard]] int connectionsSaved() const;

Q_SIGNALS:
    void totalsChanged();

private:
    void apply(ConnectionRecord &record, const ConnectionEvent &event);
    void recountTotals();
    [[nodiscard]] QVariant displayData(const ConnectionRecord &record, Column column) const;
    [[nodiscard]] QVariant toolTipData(const ConnectionRecord &record, Column column) const;
    [[nodiscard]] QVariant sortData(const ConnectionRecord &record, Column column) const;

    std::vector<ConnectionRecord> m_rows;
    QHash<int, int> m_rowById;
    std::optional<DeliverySettings> m_settings;
    int m_messagesDelivered = 0;
};

} // namespace Bulkmail
