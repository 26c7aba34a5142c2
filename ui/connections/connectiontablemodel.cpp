#include "connectiontablemodel.h"

#include "models/closenotewords.h"

#include <QLocale>

#include <algorithm>
#include <limits>

namespace Bulkmail {

namespace {

constexpr int ColumnCount = static_cast<int>(ConnectionTableModel::Column::Count);

QString shortTime(const QDateTime &time)
{
    return time.isValid()
               ? QLocale().toString(time.toLocalTime().time(), QStringLiteral("HH:mm:ss"))
               : QString();
}

QString longTime(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::LongFormat) : QString();
}

} // namespace

ConnectionTableModel::ConnectionTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

ConnectionTableModel::~ConnectionTableModel() = default;

void ConnectionTableModel::applyEvents(const QList<ConnectionEvent> &events)
{
    if (events.isEmpty())
        return;
    // Connections new in this batch are collected first and inserted with one rowsInserted,
    // complete; rows already shown get one dataChanged over the range the batch touched.
    std::vector<ConnectionRecord> added;
    QHash<int, std::size_t> addedById;
    int firstTouched = std::numeric_limits<int>::max();
    int lastTouched = -1;
    for (const ConnectionEvent &event : events) {
        if (const auto it = m_rowById.constFind(event.connectionId); it != m_rowById.cend()) {
            apply(m_rows[static_cast<std::size_t>(*it)], event);
            firstTouched = std::min(firstTouched, *it);
            lastTouched = std::max(lastTouched, *it);
            continue;
        }
        auto it = addedById.constFind(event.connectionId);
        if (it == addedById.cend()) {
            ConnectionRecord record;
            record.id = event.connectionId;
            added.push_back(std::move(record));
            it = addedById.insert(event.connectionId, added.size() - 1);
        }
        apply(added[*it], event);
    }

    if (!added.empty()) {
        const int first = rowCount();
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        for (ConnectionRecord &record : added) {
            m_rowById.insert(record.id, static_cast<int>(m_rows.size()));
            m_rows.push_back(std::move(record));
        }
        endInsertRows();
    }
    if (lastTouched >= 0)
        Q_EMIT dataChanged(index(firstTouched, 0), index(lastTouched, ColumnCount - 1));

    const int previousDelivered = m_messagesDelivered;
    recountTotals();
    if (!added.empty() || previousDelivered != m_messagesDelivered)
        Q_EMIT totalsChanged();
}

void ConnectionTableModel::apply(ConnectionRecord &record, const ConnectionEvent &event)
{
    if (!event.server.isEmpty())
        record.server = event.server;
    if (event.time.isValid())
        record.lastEventAt = event.time;
    switch (event.kind) {
    case ConnectionEvent::Kind::Created:
        record.tls = event.tls;
        record.authenticated = event.authenticated;
        record.createdAt = event.time;
        // Ready: a phase event that says more (sending) may already have arrived.
        if (record.phase == ConnectionPhase::Connecting || record.phase == ConnectionPhase::Tls
            || record.phase == ConnectionPhase::Authenticating)
            record.phase = ConnectionPhase::Idle;
        break;
    case ConnectionEvent::Kind::PhaseChanged:
        if (!record.isClosed())
            record.phase = event.phase;
        break;
    case ConnectionEvent::Kind::Reused:
        record.messagesStarted = std::max(record.messagesStarted, event.messageNumber);
        if (event.messageLimit > 0)
            record.messageLimit = event.messageLimit;
        record.reuseTimes.append(event.time);
        if (!record.isClosed())
            record.phase = ConnectionPhase::Sending;
        break;
    case ConnectionEvent::Kind::HealthCheck:
        record.healthChecks.append({event.time, event.healthy, event.detail, event.note});
        break;
    case ConnectionEvent::Kind::Closed:
        record.phase = ConnectionPhase::Closed;
        record.closedAt = event.time;
        record.closeReason = event.reason;
        record.closeDetail = event.detail;
        record.closeNote = event.note;
        record.messagesSent = event.messagesSent;
        record.quitAnswered = event.quitAnswered;
        break;
    }
}

void ConnectionTableModel::recountTotals()
{
    int delivered = 0;
    for (const ConnectionRecord &record : m_rows)
        delivered += record.messages();
    m_messagesDelivered = delivered;
}

void ConnectionTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowById.clear();
    m_messagesDelivered = 0;
    endResetModel();
    Q_EMIT totalsChanged();
}

void ConnectionTableModel::setDeliverySettings(const DeliverySettings &settings)
{
    m_settings = settings;
    if (!m_rows.empty()) {
        const int column = static_cast<int>(Column::CloseReason);
        Q_EMIT dataChanged(index(0, column), index(rowCount() - 1, column));
    }
}

int ConnectionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ConnectionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int ConnectionTableModel::rowForConnection(int connectionId) const
{
    return m_rowById.value(connectionId, -1);
}

int ConnectionTableModel::connectionsOpened() const
{
    return static_cast<int>(m_rows.size());
}

int ConnectionTableModel::messageLimitPerConnection() const
{
    return m_settings ? std::max(0, m_settings->maxMessagesPerConnection) : 0;
}

double ConnectionTableModel::messagesPerConnection() const
{
    return m_rows.empty() ? 0.0 : double(m_messagesDelivered) / double(m_rows.size());
}

int ConnectionTableModel::connectionsSaved() const
{
    return std::max(m_messagesDelivered - connectionsOpened(), 0);
}

QString ConnectionTableModel::stateText(const ConnectionRecord &record) const
{
    switch (record.phase) {
    case ConnectionPhase::Connecting:
        return tr("connecting");
    case ConnectionPhase::Tls:
        return tr("TLS");
    case ConnectionPhase::Authenticating:
        return tr("authenticating");
    case ConnectionPhase::Idle:
        return tr("idle");
    case ConnectionPhase::Sending:
        return tr("sending");
    case ConnectionPhase::Closing:
        return tr("closing");
    case ConnectionPhase::Closed:
        return tr("closed");
    }
    return {};
}

QString ConnectionTableModel::tlsText(const ConnectionRecord &record)
{
    // Core names a plain connection with the code word "none" (SmtpConnection::tlsDescription);
    // a TLS session keeps its protocol's own name ("TLSv1.3"), which needs no translation.
    if (record.tls == QLatin1String("none"))
        return tr("none");
    return record.tls;
}

QString ConnectionTableModel::closeReasonText(const ConnectionRecord &record) const
{
    if (!record.closeReason)
        return {};
    const auto duration = [](std::chrono::seconds seconds) {
        const auto count = seconds.count();
        return count >= 120 && count % 60 == 0 ? tr("%1 min").arg(count / 60)
                                               : tr("%1 s").arg(count);
    };
    switch (*record.closeReason) {
    case CloseReason::MaxMessages: {
        int limit = record.messageLimit;
        if (limit <= 0 && m_settings)
            limit = m_settings->maxMessagesPerConnection;
        if (limit <= 0)
            limit = record.messagesSent;
        return tr("limit of %n message(s) reached", nullptr, limit);
    }
    case CloseReason::MaxAge:
        if (m_settings && m_settings->maxConnectionAge.count() > 0)
            return tr("open for %1, the age limit").arg(duration(m_settings->maxConnectionAge));
        return tr("age limit reached");
    case CloseReason::Idle:
        if (m_settings)
            return tr("idle for %1").arg(duration(m_settings->idleTimeout));
        return tr("idle, nothing left to send");
    case CloseReason::Server421:
        return tr("server closed it (421)");
    case CloseReason::ServerClosed:
        return tr("server hung up");
    case CloseReason::Error:
        return tr("connection error");
    case CloseReason::Timeout:
        return tr("server stopped answering");
    case CloseReason::ProtocolError:
        return tr("server reply not understood");
    case CloseReason::Finished:
        return tr("campaign finished");
    case CloseReason::Cancelled:
        return tr("sending cancelled");
    case CloseReason::HealthCheckFailed:
        return tr("health check failed");
    case CloseReason::Throttled:
        return tr("server allows fewer connections");
    }
    return {};
}

QVariant ConnectionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConnectionRecord &record = m_rows.at(static_cast<std::size_t>(index.row()));
    const auto column = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(record, column);
    case Qt::ToolTipRole:
        return toolTipData(record, column);
    case Qt::TextAlignmentRole:
        if (column == Column::Messages || column == Column::Reuses)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        return sortData(record, column);
    case ConnectionIdRole:
        return record.id;
    default:
        return {};
    }
}

QVariant ConnectionTableModel::displayData(const ConnectionRecord &record, Column column) const
{
    switch (column) {
    case Column::Id:
        return QStringLiteral("#%1").arg(record.id);
    case Column::State:
        return stateText(record);
    case Column::Server:
        return record.server;
    case Column::Tls:
        return tlsText(record);
    case Column::CreatedAt:
        return shortTime(record.createdAt);
    case Column::Messages:
        // The first message has no event of its own: until the second starts or the connection
        // closes, how many it carries is not known.
        if (!record.isClosed() && record.messagesStarted == 0)
            return QStringLiteral("\u2013");
        return QLocale().toString(record.messages());
    case Column::Reuses:
        return QLocale().toString(record.reuseCount());
    case Column::ClosedAt:
        return shortTime(record.closedAt);
    case Column::CloseReason:
        return closeReasonText(record);
    case Column::Count:
        break;
    }
    return {};
}

QVariant ConnectionTableModel::toolTipData(const ConnectionRecord &record, Column column) const
{
    switch (column) {
    case Column::State:
        return tr("Bulkmail learns of a connection once it is ready to send (connected, "
                  "encrypted and logged in); \"sending\" means a second message started on it.");
    case Column::Tls:
        return record.authenticated ? tr("Encryption: %1. Logged in.").arg(tlsText(record))
                                    : tr("Encryption: %1.").arg(tlsText(record));
    case Column::CreatedAt:
        return longTime(record.createdAt);
    case Column::ClosedAt:
        return longTime(record.closedAt);
    case Column::Messages:
        return record.isClosed() ? tr("Messages delivered on this connection.")
                                 : tr("Messages started on this connection so far; the number "
                                      "delivered shows when it closes.");
    case Column::Reuses:
        return tr("Messages after the first: each one a connection and login saved.");
    case Column::CloseReason: {
        if (!record.closeReason)
            return {};
        // The reason in the user's words, as the column says it (closeReasonName is the
        // --events code word); the connection's own detail follows, worded from its code.
        QStringList lines{tr("Reason: %1").arg(closeReasonText(record))};
        const QString detail = CloseNoteWords::text(record.closeNote, record.closeDetail);
        if (!detail.isEmpty())
            lines.append(tr("Details: %1").arg(detail));
        lines.append(record.quitAnswered ? tr("The server answered QUIT.")
                                         : tr("Closed without a QUIT answer."));
        return lines.join(u'\n');
    }
    default:
        return {};
    }
}

QVariant ConnectionTableModel::sortData(const ConnectionRecord &record, Column column) const
{
    switch (column) {
    case Column::Id:
        return record.id;
    case Column::CreatedAt:
        return record.createdAt.isValid() ? record.createdAt.toMSecsSinceEpoch() : qint64(0);
    case Column::ClosedAt:
        return record.closedAt.isValid() ? record.closedAt.toMSecsSinceEpoch()
                                         : std::numeric_limits<qint64>::max();
    case Column::Messages:
        return record.messages();
    case Column::Reuses:
        return record.reuseCount();
    case Column::State:
        return static_cast<int>(record.phase);
    default:
        return displayData(record, column);
    }
}

QVariant ConnectionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    const auto column = static_cast<Column>(section);
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Column::Id:
            return tr("Connection");
        case Column::State:
            return tr("State");
        case Column::Server:
            return tr("Server");
        case Column::Tls:
            return tr("Encryption");
        case Column::CreatedAt:
            return tr("Opened");
        case Column::Messages:
            return tr("Messages");
        case Column::Reuses:
            return tr("Reused");
        case Column::ClosedAt:
            return tr("Closed");
        case Column::CloseReason:
            return tr("Why it closed");
        case Column::Count:
            break;
        }
    }
    if (role == Qt::ToolTipRole && column == Column::Reuses)
        return tr("How many times the connection was reused: messages after the first.");
    return {};
}

} // namespace Bulkmail
