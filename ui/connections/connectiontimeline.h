#pragma once

#include <QDateTime>
#include <QPointer>
#include <QWidget>

namespace Bulkmail {

class ConnectionTableModel;
struct ConnectionRecord;

// Every connection as a lane, left to right in time: a bar from opening to closing, a tick per
// message, a diamond per health check (filled: healthy, hollow: failed), and why it closed at
// the lane's end. It observes a ConnectionTableModel, so it shows whatever the table shows.
//
// Keyboard: it takes focus (Tab); Up/Down/Home/End pick a lane (currentConnectionChanged), +/-
// zoom the time axis, 0 fits it again; Ctrl+wheel zooms too. At zoom 1 it fits its width; above,
// it asks for a wider minimum width, so a QScrollArea around it scrolls. The whole picture is
// also given in words, as the accessible description (summary()).
class ConnectionTimeline final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTimeline)

public:
    static constexpr double MaximumZoom = 64.0;

    explicit ConnectionTimeline(QWidget *parent = nullptr);
    ~ConnectionTimeline() override;

    void setModel(ConnectionTableModel *model);
    [[nodiscard]] ConnectionTableModel *model() const;

    // "3 connections: #1 closed after 50 messages (limit of 50 messages reached); ..."
    [[nodiscard]] QString summary() const;
    // One lane in words: "#1 closed after 50 messages (limit of 50 messages reached)".
    [[nodiscard]] QString laneSummary(int row) const;

    [[nodiscard]] double zoom() const { return m_zoom; }
    void setZoom(double zoom); // clamped to [1, MaximumZoom]
    void zoomIn();
    void zoomOut();
    void zoomToFit();

    // The connection id of the current lane, 0 when there is none.
    [[nodiscard]] int currentConnection() const;
    void setCurrentConnection(int connectionId);
    // The vertical range of a lane, for a scroll area's ensureVisible().
    [[nodiscard]] QRect laneRect(int row) const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

Q_SIGNALS:
    void currentConnectionChanged(int connectionId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct TimeRange
    {
        QDateTime start;
        QDateTime end;
    };

    void onModelChanged();
    void updateMinimumWidth();
    void setCurrentRow(int row);
    [[nodiscard]] int rowCount() const;
    [[nodiscard]] int rowAt(QPoint position) const;
    [[nodiscard]] TimeRange timeRange() const;
    [[nodiscard]] QString laneEndText(const ConnectionRecord &record) const;

    QPointer<ConnectionTableModel> m_model;
    QList<QMetaObject::Connection> m_modelConnections;
    double m_zoom = 1.0;
    int m_currentRow = -1;
};

} // namespace Bulkmail
