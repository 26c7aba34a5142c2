#pragma once

#include <QWidget>

class QLabel;
class QScrollArea;
class QSplitter;
class QTableView;

namespace Bulkmail {

class ConnectionTableModel;
class ConnectionTimeline;

// The live connection view: a totals line ("3 connections opened · 40 messages per connection ·
// reuse saved 117 connections"), the connection table and, below it in a splitter, the timeline.
// Connect CampaignRunner::connectionEvents to model()->applyEvents(), and call model()->clear()
// when a new run starts. Picking a connection in the table or the timeline picks it in both.
class ConnectionView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionView)

public:
    explicit ConnectionView(QWidget *parent = nullptr);
    ~ConnectionView() override;

    [[nodiscard]] ConnectionTableModel *model() const { return m_model; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] ConnectionTimeline *timeline() const { return m_timeline; }
    [[nodiscard]] QString totalsText() const;

private:
    void updateTotals();
    void onTableCurrentChanged();
    void onTimelineCurrentChanged(int connectionId);

    ConnectionTableModel *m_model;
    QLabel *m_totals;
    QSplitter *m_splitter;
    QTableView *m_table;
    QScrollArea *m_timelineArea;
    ConnectionTimeline *m_timeline;
};

} // namespace Bulkmail
