#include "outboxmodel.h"

#include "widgets/sentences.h"

#include <QLocale>

#include <algorithm>

namespace Bulkmail {

OutboxModel::OutboxModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(FlushInterval);
    connect(&m_flushTimer, &QTimer::timeout, this, &OutboxModel::flush);
}

OutboxModel::~OutboxModel() = default;

void OutboxModel::append(const CapturedMessage &message)
{
    m_pending.push_back(message); // shares the message bytes with the server's copy
    // More waiting than can ever be shown: the oldest of them would be removed right after
    // being inserted, so let them go now.
    while (static_cast<int>(m_pending.size()) > m_maximumRows) {
        m_pending.pop_front();
        ++m_droppedCount;
    }
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void OutboxModel::flush()
{
    m_flushTimer.stop();
    if (m_pending.empty())
        return;
    const int incoming = static_cast<int>(m_pending.size());
    const int excess = static_cast<int>(m_rows.size()) + incoming - m_maximumRows;
    if (excess > 0)
        removeOldestRows(std::min(excess, static_cast<int>(m_rows.size())));
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + incoming - 1); // `last` is inclusive
    std::move(m_pending.begin(), m_pending.end(), std::back_inserter(m_rows));
    m_pending.clear();
    endInsertRows();
}

void OutboxModel::clear()
{
    m_flushTimer.stop();
    beginResetModel();
    m_rows.clear();
    m_pending.clear();
    m_droppedCount = 0;
    endResetModel();
}

void OutboxModel::setMaximumRows(int rows)
{
    m_maximumRows = std::max(rows, 1);
    while (static_cast<int>(m_pending.size()) > m_maximumRows) {
        m_pending.pop_front();
        ++m_droppedCount;
    }
    const int excess = static_cast<int>(m_rows.size()) - m_maximumRows;
    if (excess > 0)
        removeOldestRows(excess);
}

void OutboxModel::removeOldestRows(int count)
{
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + count);
    m_droppedCount += count;
    endRemoveRows();
}

const CapturedMessage *OutboxModel::messageAt(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_rows.size()))
        return nullptr;
    return &m_rows[static_cast<std::size_t>(row)];
}

int OutboxModel::rowOfNumber(int number) const
{
    // Numbers only grow, so the rows are sorted by number.
    const auto found = std::lower_bound(m_rows.cbegin(),
                                        m_rows.cend(),
                                        number,
                                        [](const CapturedMessage &message, int value) {
                                            return message.number < value;
                                        });
    if (found == m_rows.cend() || found->number != number)
        return -1;
    return static_cast<int>(found - m_rows.cbegin());
}

int OutboxModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int OutboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OutboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CapturedMessage &message = m_rows[static_cast<std::size_t>(index.row())];
    const auto column = static_cast<Column>(index.column());
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Column::Number:
            return message.number;
        case Column::Time:
            return locale.toString(message.receivedAt.toLocalTime().time(),
                                   QStringLiteral("HH:mm:ss"));
        case Column::Recipients:
            return message.recipients.join(QStringLiteral(", "));
        case Column::Subject:
            return message.subject;
        case Column::Size:
            return dataSizeText(message.size());
        case Column::Connection:
            return tr("#%1").arg(message.connectionId);
        }
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case Column::Time:
            return locale.toString(message.receivedAt.toLocalTime(), QLocale::LongFormat);
        case Column::Recipients:
            return message.recipients.join(u'\n');
        case Column::Subject:
            return message.subject;
        case Column::Size:
            return tr("%n byte(s)", nullptr, static_cast<int>(message.size()));
        case Column::Connection:
            return tr("Received on the sandbox's connection number %1").arg(message.connectionId);
        case Column::Number:
            return {};
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == Column::Number || column == Column::Size || column == Column::Connection)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case SortRole:
        switch (column) {
        case Column::Number:
            return message.number;
        case Column::Time:
            return message.receivedAt;
        case Column::Recipients:
            return message.recipients.join(QStringLiteral(", "));
        case Column::Subject:
            return message.subject;
        case Column::Size:
            return message.size();
        case Column::Connection:
            return message.connectionId;
        }
        return {};
    case MessageNumberRole:
        return message.number;
    default:
        return {};
    }
}

QVariant OutboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    const auto column = static_cast<Column>(section);
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Column::Number:
            return tr("#");
        case Column::Time:
            return tr("Time");
        case Column::Recipients:
            return tr("Recipients");
        case Column::Subject:
            return tr("Subject");
        case Column::Size:
            return tr("Size");
        case Column::Connection:
            return tr("Connection");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case Column::Number:
            return tr("The order in which the sandbox accepted the messages");
        case Column::Time:
            return tr("When the sandbox accepted the message");
        case Column::Recipients:
            return tr("Who the message was addressed to (the envelope recipients)");
        case Column::Subject:
            return tr("The subject line, as the recipient sees it");
        case Column::Size:
            return tr("The size of the message, attachments included");
        case Column::Connection:
            return tr("Which connection carried the message: Bulkmail reuses one connection for "
                      "many messages");
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace Bulkmail
