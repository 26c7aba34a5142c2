#include "feedbacklistmodel.h"

#include <QLocale>

namespace Bulkmail {

namespace {

constexpr int kColumnCount = static_cast<int>(FeedbackListModel::Column::Server) + 1;

} // namespace

FeedbackListModel::FeedbackListModel(Contents contents, QObject *parent)
    : QAbstractTableModel(parent)
    , m_contents(contents)
{}

FeedbackListModel::~FeedbackListModel() = default;

bool FeedbackListModel::belongs(const FeedbackEvent &event) const
{
    return (event.kind == FeedbackEvent::Kind::Bounced) == (m_contents == Contents::Bounces);
}

void FeedbackListModel::setEvents(const QList<FeedbackEvent> &events)
{
    beginResetModel();
    m_events.clear();
    for (const FeedbackEvent &event : events) {
        if (belongs(event))
            m_events.push_back(event);
    }
    endResetModel();
}

void FeedbackListModel::addEvents(const QList<FeedbackEvent> &events)
{
    QList<FeedbackEvent> added;
    for (const FeedbackEvent &event : events) {
        if (belongs(event))
            added.append(event);
    }
    if (added.isEmpty())
        return;
    const int first = rowCount();
    beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
    m_events.insert(m_events.end(), added.cbegin(), added.cend());
    endInsertRows();
}

const FeedbackEvent &FeedbackListModel::eventAt(int row) const
{
    return m_events.at(static_cast<std::size_t>(row));
}

void FeedbackListModel::markSuppressed(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    FeedbackEvent &event = m_events[static_cast<std::size_t>(row)];
    event.suppressed = true;
    if (event.kind == FeedbackEvent::Kind::UnsubscribeToConfirm)
        event.kind = FeedbackEvent::Kind::Unsubscribed;
    Q_EMIT dataChanged(index(row, 0), index(row, kColumnCount - 1));
}

int FeedbackListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_events.size());
}

int FeedbackListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kColumnCount;
}

QString FeedbackListModel::kindText(const FeedbackEvent &event) const
{
    switch (event.kind) {
    case FeedbackEvent::Kind::Bounced:
        return event.severity == u"hard" ? tr("Hard (%1)").arg(event.status)
                                         : tr("Soft (%1)").arg(event.status);
    case FeedbackEvent::Kind::Unsubscribed:
        return tr("On the suppression list");
    case FeedbackEvent::Kind::UnsubscribeToConfirm:
        return tr("Waiting for your confirmation");
    }
    return {};
}

QVariant FeedbackListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FeedbackEvent &event = eventAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole:
        switch (static_cast<Column>(index.column())) {
        case Column::Address:
            return event.email;
        case Column::Kind:
            return kindText(event);
        case Column::When:
            return event.time.isValid()
                       ? QLocale().toString(event.time.toLocalTime(), QLocale::ShortFormat)
                       : QString();
        case Column::Words:
            return role == Qt::DisplayRole ? event.text.simplified() : event.text;
        case Column::Server:
            return m_contents == Contents::Bounces ? event.reportingServer : event.mailbox;
        }
        return {};
    case SeverityRole:
        return event.severity;
    case SuppressedRole:
        return event.suppressed;
    default:
        return {};
    }
}

QVariant FeedbackListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    const bool bounces = m_contents == Contents::Bounces;
    switch (static_cast<Column>(section)) {
    case Column::Address:
        return tr("Address");
    case Column::Kind:
        return bounces ? tr("Hard or soft") : tr("State");
    case Column::When:
        return tr("When");
    case Column::Words:
        return bounces ? tr("The report's words") : tr("The request");
    case Column::Server:
        return bounces ? tr("Reporting server") : tr("Folder");
    }
    return {};
}

} // namespace Bulkmail
