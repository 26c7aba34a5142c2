#include "logmodel.h"

#include <QApplication>
#include <QFont>
#include <QLocale>
#include <QStyle>

#include <algorithm>
#include <iterator>

namespace Bulkmail {

namespace {

constexpr int ColumnCount = static_cast<int>(LogModel::Column::Count);

} // namespace

LogModel::LogModel(std::size_t capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(std::max<std::size_t>(capacity, 1))
{}

LogModel::~LogModel() = default;

void LogModel::append(std::vector<LogEntry> entries)
{
    if (entries.empty())
        return;
    auto first = entries.begin();
    if (entries.size() > m_capacity) {
        const std::size_t skipped = entries.size() - m_capacity;
        m_droppedCount += skipped;
        first += static_cast<std::ptrdiff_t>(skipped);
    }
    const auto incoming = static_cast<std::size_t>(std::distance(first, entries.end()));
    if (m_entries.size() + incoming > m_capacity)
        dropOldest(m_entries.size() + incoming - m_capacity);

    QList<int> newIds;
    for (auto it = first; it != entries.end(); ++it) {
        if (it->connectionId > 0 && m_connectionIds.insert(it->connectionId).second)
            newIds.append(it->connectionId);
    }
    const int row = rowCount();
    beginInsertRows({}, row, row + static_cast<int>(incoming) - 1);
    std::move(first, entries.end(), std::back_inserter(m_entries));
    endInsertRows();
    for (const int id : std::as_const(newIds))
        Q_EMIT connectionSeen(id);
}

void LogModel::dropOldest(std::size_t count)
{
    count = std::min(count, m_entries.size());
    if (count == 0)
        return;
    beginRemoveRows({}, 0, static_cast<int>(count) - 1);
    m_entries.erase(m_entries.begin(), m_entries.begin() + static_cast<std::ptrdiff_t>(count));
    m_droppedCount += count;
    endRemoveRows();
}

void LogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_connectionIds.clear();
    m_droppedCount = 0;
    endResetModel();
}

void LogModel::setCapacity(std::size_t capacity)
{
    m_capacity = std::max<std::size_t>(capacity, 1);
    if (m_entries.size() > m_capacity)
        dropOldest(m_entries.size() - m_capacity);
}

const LogEntry &LogModel::entry(int row) const
{
    return m_entries.at(static_cast<std::size_t>(row));
}

QList<int> LogModel::connectionIds() const
{
    return {m_connectionIds.cbegin(), m_connectionIds.cend()};
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LogModel::levelName(spdlog::level::level_enum level)
{
    switch (level) {
    case spdlog::level::trace:
        return QStringLiteral("trace");
    case spdlog::level::debug:
        return QStringLiteral("debug");
    case spdlog::level::info:
        return QStringLiteral("info");
    case spdlog::level::warn:
        return QStringLiteral("warning");
    case spdlog::level::err:
        return QStringLiteral("error");
    case spdlog::level::critical:
        return QStringLiteral("critical");
    default:
        return QStringLiteral("off");
    }
}

QString LogModel::levelText(spdlog::level::level_enum level) const
{
    switch (level) {
    case spdlog::level::trace:
        return tr("trace");
    case spdlog::level::debug:
        return tr("debug");
    case spdlog::level::info:
        return tr("info");
    case spdlog::level::warn:
        return tr("warning");
    case spdlog::level::err:
        return tr("error");
    case spdlog::level::critical:
        return tr("critical");
    default:
        return {};
    }
}

QString LogModel::formatLine(const LogEntry &entry)
{
    const QString time = entry.time.toLocalTime().toString(
        QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    if (entry.connectionId > 0)
        return QStringLiteral("%1 %2 #%3 %4")
            .arg(time, levelName(entry.level))
            .arg(entry.connectionId)
            .arg(entry.text);
    return QStringLiteral("%1 %2 %3").arg(time, levelName(entry.level), entry.text);
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogEntry &line = m_entries.at(static_cast<std::size_t>(index.row()));
    const auto column = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Column::Time:
            return QLocale().toString(line.time.toLocalTime().time(),
                                      QStringLiteral("HH:mm:ss.zzz"));
        case Column::Level:
            return levelText(line.level);
        case Column::Connection:
            return line.connectionId > 0 ? QStringLiteral("#%1").arg(line.connectionId) : QString();
        case Column::Message:
            return line.text;
        case Column::Count:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        if (column == Column::Time)
            return QLocale().toString(line.time.toLocalTime(), QLocale::LongFormat);
        if (column == Column::Message)
            return line.text;
        return {};
    case Qt::DecorationRole:
        // Icons from the style, not colours: they stay readable in dark palettes.
        if (column == Column::Level && qobject_cast<QApplication *>(QCoreApplication::instance())) {
            if (line.level >= spdlog::level::err)
                return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
            if (line.level == spdlog::level::warn)
                return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        }
        return {};
    case Qt::FontRole:
        if (line.level >= spdlog::level::err) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case LevelRole:
        return static_cast<int>(line.level);
    case ConnectionIdRole:
        return line.connectionId;
    case LineRole:
        return formatLine(line);
    default:
        return {};
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Column::Time:
        return tr("Time");
    case Column::Level:
        return tr("Level");
    case Column::Connection:
        return tr("Connection");
    case Column::Message:
        return tr("Message");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace Bulkmail
