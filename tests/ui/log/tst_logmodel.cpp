#include "log/logfilterproxymodel.h"
#include "log/logmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Bulkmail;

namespace {

const QDateTime Start(QDate(2024, 5, 1), QTime(9, 0), Qt::UTC);

LogEntry line(int number,
              int connectionId = 0,
              spdlog::level::level_enum level = spdlog::level::info,
              const QString &text = {})
{
    LogEntry entry;
    entry.time = Start.addMSecs(number);
    entry.level = level;
    entry.connectionId = connectionId;
    entry.text = text.isEmpty() ? QStringLiteral("line %1").arg(number) : text;
    return entry;
}

std::vector<LogEntry> lines(int first, int count)
{
    std::vector<LogEntry> entries;
    for (int number = first; number < first + count; ++number)
        entries.push_back(line(number, number % 3));
    return entries;
}

} // namespace

class TestLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsColumns();
    void formatsLinesForCopying();
    void ringDropsTheOldest();
    void aBatchLargerThanTheRingKeepsTheNewest();
    void reportsNewConnections();
    void filterCombinesLevelConnectionAndText();
    void passesTheModelTester();
};

void TestLogModel::showsColumns()
{
    LogModel model;
    model.append({line(1, 2, spdlog::level::warn, QStringLiteral("connection #2 slow"))});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.columnCount(), 4);
    QCOMPARE(model.index(0, int(LogModel::Column::Time)).data().toString(),
             QLocale().toString(Start.addMSecs(1).toLocalTime().time(),
                                QStringLiteral("HH:mm:ss.zzz")));
    QCOMPARE(model.index(0, int(LogModel::Column::Level)).data().toString(),
             QStringLiteral("warning"));
    QCOMPARE(model.index(0, int(LogModel::Column::Connection)).data().toString(),
             QStringLiteral("#2"));
    QCOMPARE(model.index(0, int(LogModel::Column::Message)).data().toString(),
             QStringLiteral("connection #2 slow"));
    QCOMPARE(model.index(0, 0).data(LogModel::LevelRole).toInt(), int(spdlog::level::warn));
    QCOMPARE(model.index(0, 0).data(LogModel::ConnectionIdRole).toInt(), 2);
    QCOMPARE(model.headerData(int(LogModel::Column::Message), Qt::Horizontal).toString(),
             QStringLiteral("Message"));
}

void TestLogModel::formatsLinesForCopying()
{
    const QString time = Start.addMSecs(7).toLocalTime().toString(
        QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    QCOMPARE(LogModel::formatLine(line(7, 2, spdlog::level::info, QStringLiteral("hello"))),
             time + QStringLiteral(" info #2 hello"));
    QCOMPARE(LogModel::formatLine(line(7, 0, spdlog::level::err, QStringLiteral("stopped"))),
             time + QStringLiteral(" error stopped"));
}

void TestLogModel::ringDropsTheOldest()
{
    LogModel model(100);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.append(lines(0, 80));
    QCOMPARE(removed.count(), 0);
    model.append(lines(80, 50)); // 30 too many
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 29);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(model.droppedCount(), 30u);
    QCOMPARE(model.entry(0).text, QStringLiteral("line 30"));
    QCOMPARE(model.entry(99).text, QStringLiteral("line 129"));

    model.setCapacity(10);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.droppedCount(), 120u);
    QCOMPARE(model.entry(0).text, QStringLiteral("line 120"));

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.droppedCount(), 0u);
}

void TestLogModel::aBatchLargerThanTheRingKeepsTheNewest()
{
    LogModel model(100);
    model.append(lines(0, 50));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.append(lines(50, 10'000));
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(2).toInt(), 99);
    QCOMPARE(removed.count(), 1); // the 50 earlier rows, at once
    QCOMPARE(model.droppedCount(), 9'950u);
    QCOMPARE(model.entry(0).text, QStringLiteral("line 9950"));
    QCOMPARE(model.entry(99).text, QStringLiteral("line 10049"));
}

void TestLogModel::reportsNewConnections()
{
    LogModel model;
    QSignalSpy seen(&model, &LogModel::connectionSeen);
    model.append({line(1, 3), line(2, 1), line(3, 3), line(4, 0)});
    QCOMPARE(seen.count(), 2);
    QCOMPARE(seen.at(0).at(0).toInt(), 3);
    QCOMPARE(seen.at(1).at(0).toInt(), 1);
    model.append({line(5, 1)});
    QCOMPARE(seen.count(), 2);
    QCOMPARE(model.connectionIds(), (QList<int>{1, 3}));
}

void TestLogModel::filterCombinesLevelConnectionAndText()
{
    LogModel model;
    model.append({line(1, 1, spdlog::level::info, QStringLiteral("connection #1 created")),
                  line(2, 2, spdlog::level::info, QStringLiteral("connection #2 created")),
                  line(3, 2, spdlog::level::warn, QStringLiteral("connection #2 slow down")),
                  line(4, 0, spdlog::level::err, QStringLiteral("campaign stopped")),
                  line(5, 2, spdlog::level::debug, QStringLiteral("connection #2 C: NOOP"))});
    LogFilterProxyModel filter;
    filter.setSourceModel(&model);
    QCOMPARE(filter.rowCount(), 5);

    filter.setConnectionId(2);
    QCOMPARE(filter.rowCount(), 3);
    filter.setMinimumLevel(spdlog::level::info);
    QCOMPARE(filter.rowCount(), 2);
    filter.setSearchText(QStringLiteral("SLOW"));
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.index(0, int(LogModel::Column::Message)).data().toString(),
             QStringLiteral("connection #2 slow down"));

    filter.setSearchText({});
    filter.setConnectionId(0);
    filter.setMinimumLevel(spdlog::level::warn);
    QCOMPARE(filter.rowCount(), 2);

    // New lines are filtered as they come.
    model.append({line(6, 0, spdlog::level::info), line(7, 0, spdlog::level::critical)});
    QCOMPARE(filter.rowCount(), 3);
}

void TestLogModel::passesTheModelTester()
{
    LogModel model(20);
    LogFilterProxyModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester modelTester(&model,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester filterTester(&filter,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setConnectionId(1);
    model.append(lines(0, 15));
    model.append(lines(15, 15));
    model.append(lines(30, 50));
    filter.setSearchText(QStringLiteral("7"));
    model.setCapacity(5);
    model.clear();
    model.append(lines(0, 3));
    QCOMPARE(model.rowCount(), 3);
}

QTEST_MAIN(TestLogModel)
#include "tst_logmodel.moc"
