#include "connectionview.h"

#include "connectiontablemodel.h"
#include "connectiontimeline.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

namespace Bulkmail {

ConnectionView::ConnectionView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ConnectionTableModel(this))
    , m_totals(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_table(new QTableView(m_splitter))
    , m_timelineArea(new QScrollArea(m_splitter))
    , m_timeline(new ConnectionTimeline)
{
    m_totals->setObjectName(QStringLiteral("connectionTotals"));
    m_totals->setMargin(4);
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_totals->setToolTip(tr("Each reused connection saves a new connection and login: "
                            "providers limit both, and both take time."));

    m_table->setObjectName(QStringLiteral("connectionTable"));
    m_table->setAccessibleName(tr("Connections"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTabKeyNavigation(false); // Tab leaves the table for the timeline
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(static_cast<int>(
                                                          ConnectionTableModel::Column::CloseReason),
                                                      QHeaderView::Stretch);

    m_timeline->setObjectName(QStringLiteral("connectionTimeline"));
    m_timeline->setModel(m_model);
    m_timelineArea->setWidget(m_timeline);
    m_timelineArea->setWidgetResizable(true);
    m_timelineArea->setFrameShape(QFrame::NoFrame);
    m_timelineArea->setFocusPolicy(Qt::NoFocus); // the timeline itself takes focus

    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_timelineArea);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({1, 1}); // half each, scaled when first shown

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_totals);
    layout->addWidget(m_splitter, 1);
    setTabOrder(m_table, m_timeline);

    connect(m_model, &ConnectionTableModel::totalsChanged, this, &ConnectionView::updateTotals);
    // QHeaderView sizes ResizeToContents columns when columns change, not when rows arrive or
    // their text grows ("open" becomes "closed"): ask again once per batch.
    const auto fitColumns = [this] {
        QMetaObject::invokeMethod(m_table->horizontalHeader(),
                                  "resizeSections",
                                  Qt::QueuedConnection);
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, fitColumns);
    connect(m_model, &QAbstractItemModel::dataChanged, this, fitColumns);
    connect(m_table->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            &ConnectionView::onTableCurrentChanged);
    connect(m_timeline,
            &ConnectionTimeline::currentConnectionChanged,
            this,
            &ConnectionView::onTimelineCurrentChanged);
    updateTotals();
}

ConnectionView::~ConnectionView() = default;

QString ConnectionView::totalsText() const
{
    const int opened = m_model->connectionsOpened();
    if (opened == 0)
        return tr("No connections opened yet.");
    const double perConnection = m_model->messagesPerConnection();
    const bool whole = std::abs(perConnection - std::round(perConnection)) < 0.05;
    const QString separator = QStringLiteral(" \u00b7 ");
    return tr("%n connection(s) opened", nullptr, opened) + separator
           + tr("%1 messages per connection")
                 .arg(QLocale().toString(perConnection, 'f', whole ? 0 : 1))
           + separator + tr("reuse saved %n connection(s)", nullptr, m_model->connectionsSaved());
}

void ConnectionView::updateTotals()
{
    m_totals->setText(totalsText());
}

void ConnectionView::onTableCurrentChanged()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (current.isValid())
        m_timeline->setCurrentConnection(
            current.data(ConnectionTableModel::ConnectionIdRole).toInt());
}

void ConnectionView::onTimelineCurrentChanged(int connectionId)
{
    const int row = m_model->rowForConnection(connectionId);
    if (row < 0)
        return;
    if (m_table->selectionModel()->currentIndex().row() != row)
        m_table->selectRow(row);
    const QRect lane = m_timeline->laneRect(row);
    m_timelineArea->ensureVisible(m_timelineArea->horizontalScrollBar()->value(),
                                  lane.center().y(),
                                  0,
                                  lane.height());
}

} // namespace Bulkmail
