#include "connectionview.h"

#include "connectiontablemodel.h"
#include "connectiontimeline.h"

#include <QElapsedTimer>
#include <QEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <chrono>
#include <cmath>

namespace Bulkmail {

namespace {

// Fits the table's columns (all but the stretched last one) to their text, at most every
// FitInterval and only while the table is on screen (a hidden table is fitted when it is shown).
// Not QHeaderView::ResizeToContents: that measures the text of every row of a hidden table (and
// up to 1,000 rows of a shown one) whenever rows are inserted or the view lays itself out, and
// ConnectionView asked again after every batch; with 200 connections that took 5-20 ms several
// times per batch, at 20 batches a second, even with the Connections tab not shown
// (bench/guistall).
class ColumnFitter final : public QObject
{
public:
    static constexpr std::chrono::milliseconds FitInterval{250};
    // Rows measured per fit beyond the visible ones: the rest of a long table is alike.
    static constexpr int MeasuredRows = 100;

    ColumnFitter(QTableView *table, int stretchedColumn)
        : QObject(table)
        , m_table(table)
        , m_stretchedColumn(stretchedColumn)
    {
        QHeaderView *header = m_table->horizontalHeader();
        header->setSectionResizeMode(QHeaderView::Fixed);
        header->setSectionResizeMode(m_stretchedColumn, QHeaderView::Stretch);
        header->setResizeContentsPrecision(MeasuredRows);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &ColumnFitter::fitNow);
        m_table->installEventFilter(this);
    }

    void request()
    {
        m_pending = true;
        if (!m_table->isVisible() || m_timer.isActive())
            return;
        const qint64 sinceLast = m_lastFit.isValid() ? m_lastFit.elapsed() : FitInterval.count();
        m_timer.start(std::max<qint64>(0, FitInterval.count() - sinceLast));
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_table && event->type() == QEvent::Show && m_pending)
            m_timer.start(0);
        return false;
    }

private:
    void fitNow()
    {
        if (!m_table->isVisible())
            return; // stays pending until shown
        m_pending = false;
        m_lastFit.start();
        const int columns = m_table->model() != nullptr ? m_table->model()->columnCount() : 0;
        for (int column = 0; column < columns; ++column) {
            if (column != m_stretchedColumn)
                m_table->resizeColumnToContents(column);
        }
    }

    QTableView *m_table;
    int m_stretchedColumn;
    QTimer m_timer;
    QElapsedTimer m_lastFit;
    bool m_pending = true; // the header's own text, before any row arrives
};

} // namespace

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
    // A campaign's first connections always show whole, however little room the window has
    // (the timeline below gives way first): four rows, the sample's count.
    constexpr int AlwaysShownRows = 4;
    m_table->setMinimumHeight(m_table->horizontalHeader()->sizeHint().height()
                              + AlwaysShownRows * m_table->verticalHeader()->defaultSectionSize()
                              + 2 * m_table->frameWidth());

    m_timeline->setObjectName(QStringLiteral("connectionTimeline"));
    m_timeline->setModel(m_model);
    m_timelineArea->setWidget(m_timeline);
    m_timelineArea->setWidgetResizable(true);
    m_timelineArea->setFrameShape(QFrame::NoFrame);
    m_timelineArea->setFocusPolicy(Qt::NoFocus); // the timeline itself takes focus

    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_timelineArea);
    // The table first: its rows say what each connection did, the lanes show when.
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({3, 2}); // scaled when first shown

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_totals);
    layout->addWidget(m_splitter, 1);
    setTabOrder(m_table, m_timeline);

    connect(m_model, &ConnectionTableModel::totalsChanged, this, &ConnectionView::updateTotals);
    // Rows arrive and their text grows ("open" becomes "closed"): refit, throttled.
    auto *fitter = new ColumnFitter(m_table,
                                    static_cast<int>(ConnectionTableModel::Column::CloseReason));
    const auto fitColumns = [fitter] { fitter->request(); };
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
    // An average, not the limit: the last connection of a run carries the rest, so 36
    // messages at 10 a connection average 9. Saying both keeps "9" from reading as a setting.
    const QLocale locale;
    const QString average = locale.toString(perConnection, 'f', whole ? 0 : 1);
    const int limit = m_model->messageLimitPerConnection();
    const QString perConnectionText = limit > 0
                                          ? tr("on average %1 messages per connection (limit %2)")
                                                .arg(average, locale.toString(limit))
                                          : tr("on average %1 messages per connection").arg(average);
    return tr("%Ln connection(s) opened", nullptr, opened) + separator + perConnectionText
           + separator + tr("reuse saved %Ln connection(s)", nullptr, m_model->connectionsSaved());
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
