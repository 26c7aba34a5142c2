#include "connectiontimeline.h"

#include "connectiontablemodel.h"

#include <QAccessible>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionFocusRect>
#include <QStylePainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <vector>

namespace Bulkmail {

namespace {

constexpr int Margin = 4;
constexpr int MarkHeight = 12;
constexpr int BarHeight = 8;
constexpr int DiamondRadius = 5;
constexpr int SummaryLaneLimit = 20; // the accessible description names at most this many lanes
constexpr double ZoomStep = 1.5;

struct Geometry
{
    int axisHeight = 0;
    int laneHeight = 0;
    int plotLeft = 0;
    int plotRight = 0;
};

Geometry geometryFor(const QFontMetrics &metrics, int width, int reasonWidth)
{
    Geometry geometry;
    geometry.axisHeight = metrics.height() + 2 * Margin;
    geometry.laneHeight = std::max(metrics.height() + 2 * Margin, MarkHeight + 2 * Margin);
    geometry.plotLeft = metrics.horizontalAdvance(QStringLiteral("#0000")) + 2 * Margin;
    geometry.plotRight = std::max(geometry.plotLeft + 1, width - reasonWidth - Margin);
    return geometry;
}

// How long the picture spans: "350 ms", "12.5 s", "14 min".
QString spanText(double milliseconds)
{
    if (milliseconds < 1000)
        return ConnectionTimeline::tr("%1 ms").arg(QLocale().toString(std::lround(milliseconds)));
    if (milliseconds < 120'000)
        return ConnectionTimeline::tr("%1 s").arg(QLocale().toString(milliseconds / 1000.0, 'f', 1));
    return ConnectionTimeline::tr("%1 min").arg(
        QLocale().toString(std::lround(milliseconds / 60'000.0)));
}

QColor withAlpha(QColor color, int alpha)
{
    color.setAlpha(alpha);
    return color;
}

} // namespace

ConnectionTimeline::ConnectionTimeline(QWidget *parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setAccessibleName(tr("Connection timeline"));
    setToolTip(tr("One lane per connection: a tick for each message, a diamond for each health "
                  "check. +/- zoom, 0 fits, arrows pick a connection."));
    onModelChanged();
}

ConnectionTimeline::~ConnectionTimeline() = default;

void ConnectionTimeline::setModel(ConnectionTableModel *model)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_modelConnections))
        disconnect(connection);
    m_modelConnections.clear();
    m_model = model;
    m_currentRow = -1;
    if (m_model) {
        const auto changed = [this] { onModelChanged(); };
        m_modelConnections = {
            connect(m_model, &QAbstractItemModel::rowsInserted, this, changed),
            connect(m_model, &QAbstractItemModel::rowsRemoved, this, changed),
            connect(m_model, &QAbstractItemModel::dataChanged, this, changed),
            connect(m_model, &QAbstractItemModel::modelReset, this, changed),
            connect(m_model, &QAbstractItemModel::layoutChanged, this, changed),
        };
    }
    onModelChanged();
}

ConnectionTableModel *ConnectionTimeline::model() const
{
    return m_model;
}

int ConnectionTimeline::rowCount() const
{
    return m_model ? m_model->rowCount() : 0;
}

void ConnectionTimeline::onModelChanged()
{
    if (m_currentRow >= rowCount())
        m_currentRow = rowCount() - 1;
    const QString description = summary();
    if (description != accessibleDescription()) {
        setAccessibleDescription(description);
        QAccessibleEvent accessibleEvent(this, QAccessible::DescriptionChanged);
        QAccessible::updateAccessibility(&accessibleEvent);
    }
    updateGeometry();
    updateMinimumWidth();
    update();
}

QString ConnectionTimeline::laneEndText(const ConnectionRecord &record) const
{
    if (record.isClosed())
        return m_model->closeReasonText(record);
    return m_model->stateText(record);
}

QString ConnectionTimeline::laneSummary(int row) const
{
    if (!m_model || row < 0 || row >= rowCount())
        return {};
    const ConnectionRecord &record = m_model->record(row);
    QString text;
    if (record.isClosed()) {
        text = tr("#%1 closed after %Ln message(s) (%2)", nullptr, record.messagesSent)
                   .arg(record.id)
                   .arg(m_model->closeReasonText(record));
    } else if (record.messagesStarted > 0) {
        text = tr("#%1 %2, %Ln message(s) so far", nullptr, record.messagesStarted)
                   .arg(record.id)
                   .arg(m_model->stateText(record));
    } else {
        text = tr("#%1 %2").arg(record.id).arg(m_model->stateText(record));
    }
    if (!record.healthChecks.isEmpty()) {
        const auto failed = std::count_if(record.healthChecks.cbegin(),
                                          record.healthChecks.cend(),
                                          [](const auto &check) { return !check.healthy; });
        text += failed > 0
                    ? tr(", %n health check(s), %1 failed", nullptr, int(record.healthChecks.size()))
                          .arg(failed)
                    : tr(", %n health check(s)", nullptr, int(record.healthChecks.size()));
    }
    return text;
}

QString ConnectionTimeline::summary() const
{
    const int rows = rowCount();
    if (rows == 0)
        return tr("No connections yet.");
    QStringList lanes;
    for (int row = 0; row < std::min(rows, SummaryLaneLimit); ++row)
        lanes.append(laneSummary(row));
    if (rows > SummaryLaneLimit)
        lanes.append(tr("and %n more", nullptr, rows - SummaryLaneLimit));
    return tr("%Ln connection(s): %1.", nullptr, rows).arg(lanes.join(QStringLiteral("; ")));
}

void ConnectionTimeline::setZoom(double zoom)
{
    zoom = std::clamp(zoom, 1.0, MaximumZoom);
    if (qFuzzyCompare(zoom, m_zoom))
        return;
    m_zoom = zoom;
    updateMinimumWidth();
    update();
}

void ConnectionTimeline::zoomIn()
{
    setZoom(m_zoom * ZoomStep);
}

void ConnectionTimeline::zoomOut()
{
    setZoom(m_zoom / ZoomStep);
}

void ConnectionTimeline::zoomToFit()
{
    setZoom(1.0);
}

void ConnectionTimeline::updateMinimumWidth()
{
    // At zoom 1 the plot fits whatever width it gets; zoomed in it asks for more than its
    // parent (a scroll area's viewport) has, so that the scroll area scrolls.
    const int base = parentWidget() ? parentWidget()->width() : width();
    const int wanted = m_zoom > 1.0 ? int(std::lround(base * m_zoom)) : 0;
    setMinimumWidth(std::max(wanted, minimumSizeHint().width()));
    if (parentWidget())
        parentWidget()->installEventFilter(this);
}

bool ConnectionTimeline::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize && m_zoom > 1.0)
        updateMinimumWidth();
    return QWidget::eventFilter(watched, event);
}

int ConnectionTimeline::currentConnection() const
{
    if (!m_model || m_currentRow < 0 || m_currentRow >= rowCount())
        return 0;
    return m_model->record(m_currentRow).id;
}

void ConnectionTimeline::setCurrentConnection(int connectionId)
{
    setCurrentRow(m_model ? m_model->rowForConnection(connectionId) : -1);
}

void ConnectionTimeline::setCurrentRow(int row)
{
    row = std::clamp(row, -1, rowCount() - 1);
    if (row == m_currentRow)
        return;
    m_currentRow = row;
    update();
    Q_EMIT currentConnectionChanged(currentConnection());
}

QRect ConnectionTimeline::laneRect(int row) const
{
    const Geometry geometry = geometryFor(fontMetrics(), width(), 0);
    return {0, geometry.axisHeight + row * geometry.laneHeight, width(), geometry.laneHeight};
}

int ConnectionTimeline::rowAt(QPoint position) const
{
    const Geometry geometry = geometryFor(fontMetrics(), width(), 0);
    if (position.y() < geometry.axisHeight)
        return -1;
    const int row = (position.y() - geometry.axisHeight) / geometry.laneHeight;
    return row < rowCount() ? row : -1;
}

QSize ConnectionTimeline::sizeHint() const
{
    const Geometry geometry = geometryFor(fontMetrics(), 0, 0);
    const int lanes = std::max(rowCount(), 3);
    return {480, geometry.axisHeight + lanes * geometry.laneHeight + Margin};
}

QSize ConnectionTimeline::minimumSizeHint() const
{
    const Geometry geometry = geometryFor(fontMetrics(), 0, 0);
    return {geometry.plotLeft + 160,
            geometry.axisHeight + std::max(rowCount(), 1) * geometry.laneHeight + Margin};
}

ConnectionTimeline::TimeRange ConnectionTimeline::timeRange() const
{
    TimeRange range;
    for (int row = 0; row < rowCount(); ++row) {
        const ConnectionRecord &record = m_model->record(row);
        const QDateTime start = record.createdAt.isValid() ? record.createdAt : record.lastEventAt;
        const QDateTime end = record.closedAt.isValid() ? record.closedAt : record.lastEventAt;
        if (start.isValid() && (!range.start.isValid() || start < range.start))
            range.start = start;
        if (end.isValid() && (!range.end.isValid() || end > range.end))
            range.end = end;
    }
    // Open connections reach to the latest event of any connection: the picture moves as the
    // engine reports, not with the wall clock, so it is the same on every repaint.
    if (range.start.isValid() && (!range.end.isValid() || range.end <= range.start))
        range.end = range.start.addSecs(1);
    return range;
}

void ConnectionTimeline::paintEvent(QPaintEvent *event)
{
    QStylePainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &colours = palette();
    const QFontMetrics metrics = fontMetrics();
    const int rows = rowCount();
    if (rows == 0) {
        painter.setPen(colours.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, summary());
        if (hasFocus()) {
            QStyleOptionFocusRect option;
            option.initFrom(this);
            option.rect = rect().adjusted(1, 1, -1, -1);
            painter.drawPrimitive(QStyle::PE_FrameFocusRect, option);
        }
        return;
    }

    // The widest lane-end text, up to a third of the width (where the search can stop).
    const int maxReasonWidth = width() / 3;
    int reasonWidth = 0;
    for (int row = 0; row < rows && reasonWidth + 2 * Margin < maxReasonWidth; ++row)
        reasonWidth = std::max(reasonWidth,
                               metrics.horizontalAdvance(laneEndText(m_model->record(row))));
    reasonWidth = std::min(reasonWidth + 2 * Margin, maxReasonWidth);
    const Geometry geometry = geometryFor(metrics, width(), reasonWidth);
    const TimeRange range = timeRange();
    const double spanMs = std::max<double>(double(range.start.msecsTo(range.end)), 1.0);
    const double plotWidth = geometry.plotRight - geometry.plotLeft;
    const auto xFor = [&](const QDateTime &time) {
        if (!time.isValid())
            return geometry.plotLeft;
        const double offset = double(range.start.msecsTo(time)) / spanMs;
        return geometry.plotLeft + int(std::lround(std::clamp(offset, 0.0, 1.0) * plotWidth));
    };

    // Time axis: start and end, and how long the picture spans.
    painter.setPen(colours.color(QPalette::PlaceholderText));
    const QRect axis(geometry.plotLeft,
                     0,
                     geometry.plotRight - geometry.plotLeft,
                     geometry.axisHeight);
    const QString format = QStringLiteral("HH:mm:ss");
    painter.drawText(axis,
                     Qt::AlignLeft | Qt::AlignVCenter,
                     QLocale().toString(range.start.toLocalTime().time(), format));
    painter.drawText(axis,
                     Qt::AlignRight | Qt::AlignVCenter,
                     QLocale().toString(range.end.toLocalTime().time(), format));
    painter.drawText(axis, Qt::AlignHCenter | Qt::AlignVCenter, spanText(spanMs));

    const QColor text = colours.color(QPalette::Text);
    const QColor bar = colours.color(QPalette::Highlight);
    // Only the lanes the scroll area shows (and that need repainting): a campaign may open
    // thousands of connections, and painting every lane took 15 ms a repaint at 1,000
    // (bench/guistall).
    const QRect exposed = event->rect();
    for (int row = 0; row < rows; ++row) {
        const QRect lane(0,
                         geometry.axisHeight + row * geometry.laneHeight,
                         width(),
                         geometry.laneHeight);
        if (!lane.intersects(exposed))
            continue;
        const ConnectionRecord &record = m_model->record(row);
        if (row % 2 == 1)
            painter.fillRect(lane, colours.brush(QPalette::AlternateBase));
        if (row == m_currentRow)
            painter.fillRect(lane, withAlpha(bar, hasFocus() ? 70 : 35));
        const int middle = lane.center().y();

        painter.setPen(text);
        painter.drawText(QRect(Margin, lane.top(), geometry.plotLeft - 2 * Margin, lane.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         QStringLiteral("#%1").arg(record.id));

        // The connection's life: solid while open, lighter once closed.
        const int startX = xFor(record.createdAt.isValid() ? record.createdAt : record.lastEventAt);
        const int endX = record.isClosed() ? xFor(record.closedAt) : xFor(range.end);
        painter.setPen(Qt::NoPen);
        painter.setBrush(withAlpha(bar, record.isClosed() ? 90 : 170));
        painter.drawRoundedRect(
            QRect(startX, middle - BarHeight / 2, std::max(endX - startX, 2), BarHeight), 2, 2);

        // One tick per message; the first message has no event of its own and starts as soon as
        // the connection is ready, so its tick sits at the opening. Ticks closer than a pixel
        // are drawn once.
        std::vector<int> ticks;
        if (record.messages() > 0)
            ticks.push_back(startX);
        for (const QDateTime &time : record.reuseTimes)
            ticks.push_back(xFor(time));
        std::sort(ticks.begin(), ticks.end());
        ticks.erase(std::unique(ticks.begin(), ticks.end()), ticks.end());
        painter.setPen(QPen(text, 1));
        for (const int x : ticks)
            painter.drawLine(x, middle - MarkHeight / 2, x, middle + MarkHeight / 2);

        // Health checks: a diamond, filled when the server answered, hollow when it did not.
        for (const ConnectionRecord::HealthCheck &check : record.healthChecks) {
            const int x = xFor(check.time);
            QPainterPath diamond;
            diamond.moveTo(x, middle - DiamondRadius);
            diamond.lineTo(x + DiamondRadius, middle);
            diamond.lineTo(x, middle + DiamondRadius);
            diamond.lineTo(x - DiamondRadius, middle);
            diamond.closeSubpath();
            painter.setPen(QPen(colours.color(QPalette::Link), 1.5));
            painter.setBrush(check.healthy ? colours.brush(QPalette::Link) : QBrush(Qt::NoBrush));
            painter.drawPath(diamond);
        }

        // Why it closed (or that it is still open), right after the lane's end.
        painter.setPen(record.isClosed() ? text : colours.color(QPalette::PlaceholderText));
        const int textX = endX + Margin;
        const QRect textRect(textX,
                             lane.top(),
                             std::max(width() - textX - Margin, 0),
                             lane.height());
        painter.drawText(textRect,
                         Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(laneEndText(record), Qt::ElideRight, textRect.width()));
    }

    if (hasFocus()) {
        QStyleOptionFocusRect option;
        option.initFrom(this);
        option.rect = m_currentRow >= 0 ? laneRect(m_currentRow).adjusted(1, 0, -1, 0)
                                        : rect().adjusted(1, 1, -1, -1);
        painter.drawPrimitive(QStyle::PE_FrameFocusRect, option);
    }
}

void ConnectionTimeline::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Up:
        setCurrentRow(m_currentRow <= 0 ? 0 : m_currentRow - 1);
        break;
    case Qt::Key_Down:
        setCurrentRow(m_currentRow + 1);
        break;
    case Qt::Key_Home:
        setCurrentRow(0);
        break;
    case Qt::Key_End:
        setCurrentRow(rowCount() - 1);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_0:
        zoomToFit();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void ConnectionTimeline::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QWidget::wheelEvent(event); // the scroll area scrolls
        return;
    }
    if (event->angleDelta().y() > 0)
        zoomIn();
    else if (event->angleDelta().y() < 0)
        zoomOut();
    event->accept();
}

void ConnectionTimeline::mousePressEvent(QMouseEvent *event)
{
    if (const int row = rowAt(event->position().toPoint()); row >= 0)
        setCurrentRow(row);
    QWidget::mousePressEvent(event);
}

bool ConnectionTimeline::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        if (const int row = rowAt(help->pos()); row >= 0) {
            QToolTip::showText(help->globalPos(), laneSummary(row), this, laneRect(row));
            return true;
        }
    }
    if (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut)
        update();
    if (event->type() == QEvent::ParentChange) // e.g. QScrollArea::setWidget(): watch the viewport
        updateMinimumWidth();
    return QWidget::event(event);
}

} // namespace Bulkmail
