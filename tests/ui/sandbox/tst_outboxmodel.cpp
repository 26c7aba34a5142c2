#include "sandbox/outboxmodel.h"

#include "widgets/sentences.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace Bulkmail;

namespace {

CapturedMessage makeMessage(int number, int connectionId = 1)
{
    CapturedMessage message;
    message.number = number;
    message.connectionId = connectionId;
    message.mailFrom = QStringLiteral("sender@example.com");
    message.recipients = {QStringLiteral("user%1@example.org").arg(number)};
    message.data = QByteArray("Subject: Hello ") + QByteArray::number(number) + "\r\n\r\n"
                   + QByteArray(100 + number, 'x') + "\r\n";
    message.receivedAt = QDateTime(QDate(2024, 3, 5), QTime(14, 30, number % 60));
    message.subject = QStringLiteral("Hello %1").arg(number);
    return message;
}

QVariant cell(const OutboxModel &model,
              int row,
              OutboxModel::Column column,
              int role = Qt::DisplayRole)
{
    return model.data(model.index(row, int(column)), role);
}

} // namespace

class TestOutboxModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendsAreCoalescedIntoOneInsert();
    void showsEachColumn();
    void keepsTheNewestRows();
    void floodBeyondTheBoundInOneTick();
    void clearForgetsEverything();
};

void TestOutboxModel::appendsAreCoalescedIntoOneInsert()
{
    OutboxModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 1; i <= 500; ++i)
        model.append(makeMessage(i));
    QCOMPARE(model.rowCount(), 0); // nothing until the timer fires
    QCOMPARE(model.pendingCount(), 500);
    QTRY_COMPARE(model.rowCount(), 500);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 499);
    QCOMPARE(model.pendingCount(), 0);

    model.append(makeMessage(501));
    model.flush(); // at once, without waiting for the timer
    QCOMPARE(model.rowCount(), 501);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(model.rowOfNumber(501), 500);
    QCOMPARE(model.rowOfNumber(9999), -1);
    QCOMPARE(model.messageAt(500)->recipients, QStringList{QStringLiteral("user501@example.org")});
    QCOMPARE(model.messageAt(501), nullptr);
}

void TestOutboxModel::showsEachColumn()
{
    OutboxModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    CapturedMessage message = makeMessage(7, 3);
    message.recipients.append(QStringLiteral("second@example.org"));
    model.append(message);
    model.flush();
    QCOMPARE(model.columnCount(), 6);
    QCOMPARE(cell(model, 0, OutboxModel::Column::Number).toInt(), 7);
    QCOMPARE(cell(model, 0, OutboxModel::Column::Time).toString(),
             QLocale().toString(message.receivedAt.time(), QStringLiteral("HH:mm:ss")));
    QCOMPARE(cell(model, 0, OutboxModel::Column::Recipients).toString(),
             QStringLiteral("user7@example.org, second@example.org"));
    QCOMPARE(cell(model, 0, OutboxModel::Column::Subject).toString(), QStringLiteral("Hello 7"));
    QCOMPARE(cell(model, 0, OutboxModel::Column::Size).toString(),
             dataSizeText(message.data.size()));
    QCOMPARE(cell(model, 0, OutboxModel::Column::Size, OutboxModel::SortRole).toLongLong(),
             message.data.size());
    QCOMPARE(cell(model, 0, OutboxModel::Column::Connection).toString(), QStringLiteral("#3"));
    QCOMPARE(cell(model, 0, OutboxModel::Column::Subject, OutboxModel::MessageNumberRole).toInt(),
             7);
    QCOMPARE(model.headerData(int(OutboxModel::Column::Recipients), Qt::Horizontal).toString(),
             QStringLiteral("Recipients"));
    QCOMPARE(model.headerData(int(OutboxModel::Column::Connection), Qt::Horizontal).toString(),
             QStringLiteral("Connection"));
}

void TestOutboxModel::keepsTheNewestRows()
{
    OutboxModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaximumRows(5);
    for (int i = 1; i <= 4; ++i)
        model.append(makeMessage(i));
    model.flush();
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    for (int i = 5; i <= 7; ++i)
        model.append(makeMessage(i));
    model.flush();
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().at(2).toInt(), 1); // rows 0..1 went: messages 1 and 2
    QCOMPARE(cell(model, 0, OutboxModel::Column::Number).toInt(), 3);
    QCOMPARE(cell(model, 4, OutboxModel::Column::Number).toInt(), 7);
    QCOMPARE(model.droppedCount(), 2);

    model.setMaximumRows(2);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, 0, OutboxModel::Column::Number).toInt(), 6);
    QCOMPARE(model.droppedCount(), 5);
}

void TestOutboxModel::floodBeyondTheBoundInOneTick()
{
    OutboxModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaximumRows(100);
    for (int i = 1; i <= 50; ++i)
        model.append(makeMessage(i));
    model.flush();
    for (int i = 51; i <= 1000; ++i)
        model.append(makeMessage(i));
    QCOMPARE(model.pendingCount(), 100); // never more waiting than can be shown
    QTRY_COMPARE(model.pendingCount(), 0);
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(cell(model, 0, OutboxModel::Column::Number).toInt(), 901);
    QCOMPARE(cell(model, 99, OutboxModel::Column::Number).toInt(), 1000);
    QCOMPARE(model.droppedCount(), 900);
}

void TestOutboxModel::clearForgetsEverything()
{
    OutboxModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaximumRows(3);
    for (int i = 1; i <= 5; ++i)
        model.append(makeMessage(i));
    model.flush();
    model.append(makeMessage(6)); // still pending
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.clear();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.pendingCount(), 0);
    QCOMPARE(model.droppedCount(), 0);
    model.flush();
    QCOMPARE(model.rowCount(), 0); // the pending message went too
}

QTEST_MAIN(TestOutboxModel)
#include "tst_outboxmodel.moc"
