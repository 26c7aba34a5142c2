#include "connections/connectiontablemodel.h"
#include "connections/connectiontimeline.h"
#include "connections/connectionview.h"
#include "runnertesthelpers.h"
#include "sandbox/sandboxserver.h"

#include <QImage>
#include <QLabel>
#include <QScrollArea>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;

namespace {

const QDateTime Start(QDate(2024, 5, 1), QTime(9, 0), Qt::UTC);

ConnectionEvent makeEvent(ConnectionEvent::Kind kind, int id, int atSecond)
{
    ConnectionEvent result;
    result.kind = kind;
    result.connectionId = id;
    result.time = Start.addSecs(atSecond);
    result.server = QStringLiteral("127.0.0.1:2525");
    result.tls = QStringLiteral("none");
    return result;
}

QList<ConnectionEvent> lifeOf(int id, int messages, CloseReason reason, int startSecond)
{
    QList<ConnectionEvent> events{makeEvent(ConnectionEvent::Kind::Created, id, startSecond)};
    for (int message = 2; message <= messages; ++message) {
        ConnectionEvent reuse = makeEvent(ConnectionEvent::Kind::Reused, id, startSecond + message);
        reuse.messageNumber = message;
        reuse.messageLimit = 50;
        events.append(reuse);
    }
    ConnectionEvent close = makeEvent(ConnectionEvent::Kind::Closed, id, startSecond + messages + 1);
    close.reason = reason;
    close.messagesSent = messages;
    events.append(close);
    return events;
}

QList<ConnectionEvent> threeConnections()
{
    return lifeOf(1, 50, CloseReason::MaxMessages, 0) + lifeOf(2, 50, CloseReason::MaxMessages, 60)
           + lifeOf(3, 20, CloseReason::Finished, 120);
}

// Pixels that differ from the background colour.
int paintedPixels(const QImage &image, QColor background)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            count += image.pixelColor(x, y) != background ? 1 : 0;
    }
    return count;
}

} // namespace

class TestConnectionView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void totalsLineAndTimelineSummary();
    void timelineIsReachableAndDrivenByKeyboard();
    void timelineZoomsAndFits();
    void timelinePaintsInADarkPalette();
    void liveCampaignAgainstTheSandbox();
};

void TestConnectionView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setTestLogLevel();
}

void TestConnectionView::totalsLineAndTimelineSummary()
{
    ConnectionView view;
    QCOMPARE(view.totalsText(), QStringLiteral("No connections opened yet."));
    QCOMPARE(view.timeline()->accessibleDescription(), QStringLiteral("No connections yet."));

    view.model()->applyEvents(threeConnections());
    const QString separator = QStringLiteral(" \u00b7 ");
    QCOMPARE(view.totalsText(),
             QStringLiteral("3 connection(s) opened") + separator
                 + QStringLiteral("on average 40 messages per connection") + separator
                 + QStringLiteral("reuse saved 117 connection(s)"));
    auto *totals = view.findChild<QLabel *>(QStringLiteral("connectionTotals"));
    QVERIFY(totals);
    QCOMPARE(totals->text(), view.totalsText());
    // With the campaign's settings the average stands beside the limit, never for it.
    DeliverySettings settings;
    settings.maxMessagesPerConnection = 50;
    view.model()->setDeliverySettings(settings);
    QVERIFY2(view.totalsText().contains(
                 QStringLiteral("on average 40 messages per connection (limit 50)")),
             qPrintable(view.totalsText()));

    QCOMPARE(view.timeline()->accessibleName(), QStringLiteral("Connection timeline"));
    QCOMPARE(view.timeline()->accessibleDescription(),
             QStringLiteral("3 connection(s): #1 closed after 50 message(s) (limit of 50 "
                            "message(s) reached); #2 closed after 50 message(s) (limit of 50 "
                            "message(s) reached); #3 closed after 20 message(s) (campaign "
                            "finished)."));

    // A live connection, with a failed health check.
    ConnectionEvent check = makeEvent(ConnectionEvent::Kind::HealthCheck, 4, 200);
    check.healthy = false;
    view.model()->applyEvents({makeEvent(ConnectionEvent::Kind::Created, 4, 190), check});
    QCOMPARE(view.timeline()->laneSummary(3),
             QStringLiteral("#4 idle, 1 health check(s), 1 failed"));
    QVERIFY(view.timeline()->accessibleDescription().startsWith(QStringLiteral("4 connection(s)")));
    QVERIFY(view.totalsText().startsWith(QStringLiteral("4 connection(s) opened")));
    // 120 messages on 4 connections.
    QVERIFY2(view.totalsText().contains(QStringLiteral("on average 30 messages per connection")),
             qPrintable(view.totalsText()));
}

void TestConnectionView::timelineIsReachableAndDrivenByKeyboard()
{
    ConnectionView view;
    view.resize(800, 500);
    view.model()->applyEvents(threeConnections());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    // Tab from the table reaches the timeline.
    QCOMPARE(view.timeline()->focusPolicy(), Qt::StrongFocus);
    view.table()->setFocus();
    QTRY_VERIFY(view.table()->hasFocus());
    QTest::keyClick(view.table(), Qt::Key_Tab);
    QTRY_VERIFY(view.timeline()->hasFocus());

    // Focusing the table made its first row current, and the timeline followed.
    QCOMPARE(view.timeline()->currentConnection(), 1);
    QSignalSpy current(view.timeline(), &ConnectionTimeline::currentConnectionChanged);
    QTest::keyClick(view.timeline(), Qt::Key_Down);
    QCOMPARE(view.timeline()->currentConnection(), 2);
    QTest::keyClick(view.timeline(), Qt::Key_End);
    QCOMPARE(view.timeline()->currentConnection(), 3);
    QTest::keyClick(view.timeline(), Qt::Key_Down); // already the last lane
    QTest::keyClick(view.timeline(), Qt::Key_Up);
    QCOMPARE(view.timeline()->currentConnection(), 2);
    QCOMPARE(current.count(), 3);
    QCOMPARE(current.last().at(0).toInt(), 2);
    // The table follows the timeline ...
    QCOMPARE(view.table()->currentIndex().row(), 1);
    // ... and the timeline the table.
    view.table()->selectRow(2);
    QCOMPARE(view.timeline()->currentConnection(), 3);
}

void TestConnectionView::timelineZoomsAndFits()
{
    ConnectionView view;
    view.resize(800, 500);
    view.model()->applyEvents(threeConnections());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto *area = view.findChild<QScrollArea *>();
    QVERIFY(area);
    ConnectionTimeline *timeline = view.timeline();
    const int fitted = timeline->width();
    QCOMPARE(fitted, area->viewport()->width());

    timeline->setFocus();
    QTest::keyClick(timeline, Qt::Key_Plus);
    QTest::keyClick(timeline, Qt::Key_Plus);
    QCOMPARE(timeline->zoom(), 2.25);
    QTRY_VERIFY(timeline->width() >= 2 * fitted);

    QTest::keyClick(timeline, Qt::Key_Minus);
    QCOMPARE(timeline->zoom(), 1.5);
    QTest::keyClick(timeline, Qt::Key_0);
    QCOMPARE(timeline->zoom(), 1.0);
    QTRY_COMPARE(timeline->width(), area->viewport()->width());

    timeline->setZoom(1000);
    QCOMPARE(timeline->zoom(), ConnectionTimeline::MaximumZoom);
    timeline->setZoom(0.1);
    QCOMPARE(timeline->zoom(), 1.0);
}

void TestConnectionView::timelinePaintsInADarkPalette()
{
    ConnectionTimeline timeline;
    ConnectionTableModel model;
    timeline.setModel(&model);
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(30, 30, 30));
    dark.setColor(QPalette::AlternateBase, QColor(30, 30, 30));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::PlaceholderText, QColor(160, 160, 160));
    dark.setColor(QPalette::Highlight, QColor(60, 110, 200));
    dark.setColor(QPalette::Link, QColor(120, 170, 255));
    timeline.setPalette(dark);
    timeline.resize(600, 200);

    const int emptyPixels = paintedPixels(timeline.grab().toImage(), QColor(30, 30, 30));
    QVERIFY(emptyPixels > 0); // "No connections yet."

    model.applyEvents(threeConnections());
    const QImage image = timeline.grab().toImage();
    QVERIFY(paintedPixels(image, QColor(30, 30, 30)) > 4 * emptyPixels);
    // The message ticks are drawn in the palette's text colour (light on dark), never black.
    int lightPixels = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            lightPixels += image.pixelColor(x, y).lightness() > 200 ? 1 : 0;
    }
    QVERIFY(lightPixels > 50);
}

void TestConnectionView::liveCampaignAgainstTheSandbox()
{
    SandboxServer sandbox;
    QVERIFY_RESULT(sandbox.start({}));

    DeliverySettings settings = fastSettings();
    settings.maxMessagesPerConnection = 50;
    ConnectionView view;
    view.model()->setDeliverySettings(settings);
    view.resize(900, 600);
    view.show();

    CampaignRunner runner;
    QObject::connect(&runner,
                     &CampaignRunner::connectionEvents,
                     view.model(),
                     &ConnectionTableModel::applyEvents);
    RunRecorder recorder(runner);
    runner.start(makePlan(120, QStringLiteral("127.0.0.1"), sandbox.port(), settings));
    QVERIFY(recorder.waitForFinished());
    QCOMPARE(recorder.summary().sent, 120);
    QCOMPARE(sandbox.messageCount(), 120);

    ConnectionTableModel *model = view.model();
    QCOMPARE(model->rowCount(), 3);
    QList<CloseReason> reasons;
    QList<int> messages;
    for (int row = 0; row < model->rowCount(); ++row) {
        QVERIFY(model->record(row).closeReason.has_value());
        reasons.append(*model->record(row).closeReason);
        messages.append(model->record(row).messagesSent);
    }
    QCOMPARE(reasons,
             (QList<CloseReason>{CloseReason::MaxMessages,
                                 CloseReason::MaxMessages,
                                 CloseReason::Finished}));
    QCOMPARE(messages, (QList<int>{50, 50, 20}));
    QCOMPARE(model->connectionsOpened(), 3);
    QCOMPARE(model->connectionsSaved(), 117);
    QCOMPARE(model->index(0, int(ConnectionTableModel::Column::Reuses)).data().toString(),
             QStringLiteral("49"));
    QCOMPARE(model->index(0, int(ConnectionTableModel::Column::CloseReason)).data().toString(),
             QStringLiteral("limit of 50 message(s) reached"));
    QCOMPARE(model->record(0).reuseTimes.size(), 49);

    const QString description = view.timeline()->accessibleDescription();
    QVERIFY2(description.startsWith(QStringLiteral("3 connection(s): #1 closed after 50")),
             qPrintable(description));
    QVERIFY2(description.contains(QStringLiteral("#3 closed after 20 message(s) (campaign "
                                                 "finished)")),
             qPrintable(description));
    QVERIFY(view.totalsText().contains(QStringLiteral("reuse saved 117 connection(s)")));
}

QTEST_MAIN(TestConnectionView)
#include "tst_connectionview.moc"
