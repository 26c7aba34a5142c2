#include "models/recipienttablemodel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

#include <random>

using namespace Bulkmail;

using Column = RecipientTableModel::Column;
using Kind = RecipientIssue::Kind;
using Status = RecipientResult::Status;

namespace {

constexpr int kEmail = static_cast<int>(Column::Email);
constexpr int kName = static_cast<int>(Column::Name);
constexpr int kStatus = static_cast<int>(Column::Status);
constexpr int kFirstField = static_cast<int>(Column::FirstField);

Recipient recipient(const char *email, const char *name = "", QStringList fields = {})
{
    return Recipient{QString::fromUtf8(email), QString::fromUtf8(name), std::move(fields)};
}

QList<Recipient> numbered(int count)
{
    QList<Recipient> list;
    for (int i = 0; i < count; ++i)
        list.append(Recipient{QStringLiteral("user%1@example.org").arg(i), QString()});
    return list;
}

RecipientResult result(int index, Status status, int code = 0, const char *text = "")
{
    RecipientResult r;
    r.recipientIndex = index;
    r.status = status;
    r.code = code;
    r.text = QString::fromUtf8(text);
    return r;
}

QString text(const RecipientTableModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

} // namespace

class TestRecipientTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void setRecipientsKeepsEachRowsIssue();
    void appendInsertsOnceAndFindsDuplicatesOfOldRows();
    void appendNothingEmitsNothing();
    void removeRowsRevalidates();
    void editingAnAddressFollowsValidation();
    void editingFieldsAndNames();
    void flags_data();
    void flags();
    void statusIsNotEditable();
    void applyResultsContiguousBatchIsOneDataChanged();
    void applyResultsScatteredBatches_data();
    void applyResultsScatteredBatches();
    void applyResultsIgnoresUnknownRows();
    void rehearsalResultsNeverTouchTheRealStatuses();
    void headersNameMergeFields();
    void chineseNames();

    // Undoable edits.
    void editCellUndoRedoRestoresExactValues();
    void editCellWithoutStackAppliesDirectly();
    void deleteRunsUndoRestoresOrderAndStatuses();
    void deleteScatteredRowsResetsOnceAndUndoes();
    void removeRowsIsUndoable();
    void addRecipientsAddsFieldColumnsAndUndoes();
    void importAppendMapsFieldsByName();
    void importReplaceAndUndo();
    void setRecipientsLeavesTheStackAlone();
    void countsChangedAndValidCount();
    void incrementalValidationMatchesCore_data();
    void incrementalValidationMatchesCore();
};

void TestRecipientTableModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestRecipientTableModel::init()
{
    // Any warning (a checkIndex complaint, a model-tester remark) is a bug in the model.
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".")));
}

void TestRecipientTableModel::setRecipientsKeepsEachRowsIssue()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    model.setRecipients({QStringLiteral("city")},
                        {recipient("ann@example.org", "Ann", {QStringLiteral("Oslo")}),
                         recipient("not-an-address", "Bob"),
                         recipient("ann@EXAMPLE.org", "Ann again"),
                         recipient("Ann@example.org", "Ann capital"),
                         recipient("", "Nobody")});

    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), 4);
    QCOMPARE(text(model, 0, kEmail), QStringLiteral("ann@example.org"));
    QCOMPARE(text(model, 0, kName), QStringLiteral("Ann"));
    QCOMPARE(text(model, 0, kFirstField), QStringLiteral("Oslo"));
    QCOMPARE(text(model, 1, kFirstField), QString()); // shorter fields list: empty
    QCOMPARE(text(model, 0, kStatus), QString());     // not sent yet
    QCOMPARE(model.invalidCount(), 2);
    QCOMPARE(model.duplicateCount(), 2);

    QVERIFY(!model.data(model.index(0, kEmail), RecipientTableModel::IssueRole).isValid());
    QCOMPARE(model.data(model.index(1, kEmail), RecipientTableModel::IssueRole).toInt(),
             static_cast<int>(Kind::InvalidAddress));
    QCOMPARE(model.data(model.index(2, kEmail), RecipientTableModel::IssueRole).toInt(),
             static_cast<int>(Kind::Duplicate));
    QCOMPARE(model.data(model.index(3, kEmail), RecipientTableModel::IssueRole).toInt(),
             static_cast<int>(Kind::ProbableDuplicate));
    QCOMPARE(model.data(model.index(4, kName), RecipientTableModel::RecipientIndexRole).toInt(), 4);

    QCOMPARE(text(model, 0, kEmail, Qt::ToolTipRole), QString());
    QCOMPARE(text(model, 1, kEmail, Qt::ToolTipRole),
             QStringLiteral("Invalid: \"not-an-address\" is not a valid email address"));
    QCOMPARE(text(model, 2, kEmail, Qt::ToolTipRole),
             QStringLiteral("Duplicate of row 1 (\"ann@example.org\")"));
    QVERIFY(text(model, 3, kEmail, Qt::ToolTipRole)
                .startsWith(QStringLiteral("Probable duplicate of row 1")));
    QCOMPARE(text(model, 4, kEmail, Qt::ToolTipRole), QStringLiteral("Invalid: no email address"));

    QCOMPARE(text(model, 1, kEmail, Qt::AccessibleTextRole),
             QStringLiteral("not-an-address, invalid address"));
    QCOMPARE(text(model, 2, kEmail, Qt::AccessibleTextRole),
             QStringLiteral("ann@EXAMPLE.org, duplicate address"));
    QCOMPARE(text(model, 1, kName, Qt::AccessibleDescriptionRole),
             text(model, 1, kEmail, Qt::ToolTipRole));
    QVERIFY(!model.data(model.index(0, kEmail), Qt::AccessibleDescriptionRole).isValid());

    QVERIFY(!model.data(model.index(0, kName), Qt::BackgroundRole).isValid());
    const auto invalidBrush = model.data(model.index(1, kName), Qt::BackgroundRole).value<QBrush>();
    const auto duplicateBrush = model.data(model.index(2, kName), Qt::BackgroundRole).value<QBrush>();
    QVERIFY(invalidBrush.style() != Qt::NoBrush);
    QVERIFY(duplicateBrush.style() != Qt::NoBrush);
    QVERIFY(invalidBrush.color() != duplicateBrush.color());
    QVERIFY(invalidBrush.color().alpha() < 255); // translucent: readable on any palette

    // Replacing the list forgets the statuses.
    model.applyResults({result(0, Status::Sent)});
    model.setRecipients({}, {recipient("x@example.org")});
    QCOMPARE(resets.count(), 2);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(text(model, 0, kStatus), QString());
    QCOMPARE(model.invalidCount(), 0);
    QCOMPARE(model.duplicateCount(), 0);
    QCOMPARE(model.recipients(), QList<Recipient>{recipient("x@example.org")});
}

void TestRecipientTableModel::appendInsertsOnceAndFindsDuplicatesOfOldRows()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecipients({}, {recipient("a@example.org"), recipient("b@example.org")});

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.appendRecipients(
        {recipient("c@example.org"), recipient("B@Example.org"), recipient("a@example.org")});

    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 2); // first
    QCOMPARE(inserted.at(0).at(2).toInt(), 4); // last, inclusive
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.duplicateCount(), 2);
    QCOMPARE(model.data(model.index(4, kEmail), RecipientTableModel::IssueRole).toInt(),
             static_cast<int>(Kind::Duplicate));
    QCOMPARE(text(model, 4, kEmail, Qt::ToolTipRole),
             QStringLiteral("Duplicate of row 1 (\"a@example.org\")"));
    QCOMPARE(model.data(model.index(3, kEmail), RecipientTableModel::IssueRole).toInt(),
             static_cast<int>(Kind::ProbableDuplicate));
    QVERIFY(!model.data(model.index(2, kEmail), RecipientTableModel::IssueRole).isValid());
    QCOMPARE(model.recipients().size(), 5);
    QCOMPARE(model.recipients().at(2), recipient("c@example.org"));
}

void TestRecipientTableModel::appendNothingEmitsNothing()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecipients({}, {recipient("a@example.org")});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsAboutToBeInserted);
    model.appendRecipients({});
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(model.rowCount(), 1);
}

void TestRecipientTableModel::removeRowsRevalidates()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecipients({QStringLiteral("city")},
                        {recipient("a@example.org"),
                         recipient("bad"),
                         recipient("a@example.org"),
                         recipient("b@example.org"),
                         recipient("b@example.org")});
    QCOMPARE(model.invalidCount(), 1);
    QCOMPARE(model.duplicateCount(), 2);

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // Removing the first "a" and "bad": the second "a" (now row 0) is no longer a duplicate.
    QVERIFY(model.removeRows(0, 2));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.invalidCount(), 0);
    QCOMPARE(model.duplicateCount(), 1);
    QCOMPARE(text(model, 0, kEmail, Qt::ToolTipRole), QString());
    // The remaining duplicate now points at row 2 (it was row 4): its tooltip changed too.
    QCOMPARE(text(model, 2, kEmail, Qt::ToolTipRole),
             QStringLiteral("Duplicate of row 2 (\"b@example.org\")"));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(0, 0));
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), model.index(0, model.columnCount() - 1));
    QCOMPARE(changed.at(1).at(0).value<QModelIndex>().row(), 2);

    QVERIFY(!model.removeRows(2, 2)); // past the end
    QVERIFY(!model.removeRows(-1, 1));
    QVERIFY(!model.removeRows(0, 0));
    QVERIFY(!model.removeRows(0, 1, model.index(0, 0)));
    QCOMPARE(removed.count(), 1);
    QVERIFY(model.removeRows(0, 3));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.duplicateCount(), 0);
}

void TestRecipientTableModel::editingAnAddressFollowsValidation()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecipients({},
                        {recipient("a@example.org"), recipient("bad"), recipient("c@example.org")});
    QCOMPARE(model.invalidCount(), 1);
    QCOMPARE(model.duplicateCount(), 0);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const QModelIndex invalidCell = model.index(1, kEmail);
    QVERIFY(model.setData(invalidCell, QStringLiteral("b@example.org")));
    QCOMPARE(text(model, 1, kEmail), QStringLiteral("b@example.org"));
    QCOMPARE(model.invalidCount(), 0);
    QCOMPARE(text(model, 1, kEmail, Qt::ToolTipRole), QString());
    QVERIFY(!model.data(model.index(1, kName), Qt::BackgroundRole).isValid());
    // The cell itself, then the row's issue roles.
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), invalidCell);
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), invalidCell);
    QVERIFY(changed.at(0).at(2).value<QList<int>>().contains(Qt::EditRole));
    QCOMPARE(changed.at(1).at(0).value<QModelIndex>(), model.index(1, 0));
    QVERIFY(changed.at(1).at(2).value<QList<int>>().contains(Qt::ToolTipRole));

    changed.clear();
    QVERIFY(model.setData(model.index(2, kEmail), QStringLiteral("a@EXAMPLE.ORG")));
    QCOMPARE(model.duplicateCount(), 1);
    QCOMPARE(text(model, 2, kEmail, Qt::ToolTipRole),
             QStringLiteral("Duplicate of row 1 (\"a@example.org\")"));
    QCOMPARE(changed.count(), 2);

    // Editing the first of the pair frees the duplicate: the other row hears about it.
    changed.clear();
    QVERIFY(model.setData(model.index(0, kEmail), QStringLiteral("z@example.org")));
    QCOMPARE(model.duplicateCount(), 0);
    QCOMPARE(text(model, 2, kEmail, Qt::ToolTipRole), QString());
    QCOMPARE(changed.count(), 2); // cell (0, email), then the issue of row 2
    QCOMPARE(changed.at(1).at(0).value<QModelIndex>().row(), 2);

    // An address edited to invalid.
    QVERIFY(model.setData(model.index(0, kEmail), QString()));
    QCOMPARE(model.invalidCount(), 1);
    QCOMPARE(text(model, 0, kEmail, Qt::ToolTipRole), QStringLiteral("Invalid: no email address"));

    // The same value again changes nothing.
    changed.clear();
    QVERIFY(model.setData(model.index(1, kEmail), QStringLiteral("b@example.org")));
    QCOMPARE(changed.count(), 0);
}

void TestRecipientTableModel::editingFieldsAndNames()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecipients({QStringLiteral("city"), QStringLiteral("plan")},
                        {recipient("a@example.org", "Ann")});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    QVERIFY(model.setData(model.index(0, kFirstField + 1), QStringLiteral("gold")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.recipients().at(0).fields, (QStringList{QString(), QStringLiteral("gold")}));
    QVERIFY(model.setData(model.index(0, kName), QStringLiteral("Anna")));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(model.recipients().at(0).name, QStringLiteral("Anna"));
    QVERIFY(!model.setData(model.index(0, kName), QStringLiteral("X"), Qt::DisplayRole));
    QCOMPARE(model.recipients().at(0).name, QStringLiteral("Anna"));
}

void TestRecipientTableModel::flags_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("editable");
    QTest::newRow("email") << kEmail << true;
    QTest::newRow("name") << kName << true;
    QTest::newRow("status") << kStatus << false;
    QTest::newRow("first field") << kFirstField << true;
    QTest::newRow("second field") << kFirstField + 1 << true;
}

void TestRecipientTableModel::flags()
{
    QFETCH(int, column);
    QFETCH(bool, editable);
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecipients({QStringLiteral("city"), QStringLiteral("plan")},
                        {recipient("a@example.org")});
    const Qt::ItemFlags flags = model.flags(model.index(0, column));
    QCOMPARE(flags.testFlag(Qt::ItemIsEditable), editable);
    QVERIFY(flags.testFlag(Qt::ItemIsEnabled));
    QVERIFY(flags.testFlag(Qt::ItemIsSelectable));
    QCOMPARE(model.flags(QModelIndex()), Qt::NoItemFlags);
}

void TestRecipientTableModel::statusIsNotEditable()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecipients({}, {recipient("a@example.org")});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(!model.setData(model.index(0, kStatus), QStringLiteral("Sent")));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(text(model, 0, kStatus), QString());
}

void TestRecipientTableModel::applyResultsContiguousBatchIsOneDataChanged()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecipients({QStringLiteral("city")}, numbered(10));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // Out of order and with a row twice, as a coalesced batch may be: the latest result wins.
    model.applyResults({result(5, Status::Sent, 250, "2.0.0 OK"),
                        result(3, Status::Retrying, 421, "4.7.0 try later"),
                        result(6, Status::Failed, 550, "5.1.1 no such user"),
                        result(4, Status::Sent),
                        result(3, Status::Sent, 250, "2.0.0 OK")});

    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(3, kStatus));
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), model.index(6, kStatus));
    QVERIFY(changed.at(0).at(2).value<QList<int>>().contains(RecipientTableModel::StatusRole));
    QCOMPARE(text(model, 3, kStatus), QStringLiteral("Sent"));
    QCOMPARE(text(model, 6, kStatus), QStringLiteral("Failed"));
    QCOMPARE(text(model, 6, kStatus, Qt::ToolTipRole),
             QStringLiteral("Failed: 550 5.1.1 no such user"));
    QCOMPARE(model.data(model.index(6, kStatus), RecipientTableModel::StatusRole).toInt(),
             static_cast<int>(Status::Failed));
    QVERIFY(!model.data(model.index(2, kStatus), RecipientTableModel::StatusRole).isValid());
    QCOMPARE(text(model, 2, kStatus), QString());
}

void TestRecipientTableModel::applyResultsScatteredBatches_data()
{
    QTest::addColumn<QList<int>>("rows");
    QTest::addColumn<int>("signalCount");
    QTest::addColumn<int>("firstRow");
    QTest::addColumn<int>("lastRow");
    QTest::newRow("one row") << QList<int>{7} << 1 << 7 << 7;
    QTest::newRow("two runs: one signal per run") << QList<int>{1, 2, 8} << 2 << 1 << 2;
    QList<int> everyOther;
    for (int row = 0; row < 100; row += 2)
        everyOther.append(row);
    QTest::newRow("many runs: one signal over the span") << everyOther << 1 << 0 << 98;
}

void TestRecipientTableModel::applyResultsScatteredBatches()
{
    QFETCH(QList<int>, rows);
    QFETCH(int, signalCount);
    QFETCH(int, firstRow);
    QFETCH(int, lastRow);
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecipients({}, numbered(100));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    QList<RecipientResult> batch;
    for (const int row : rows)
        batch.append(result(row, Status::Sent));
    model.applyResults(batch);

    QCOMPARE(changed.count(), signalCount);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(firstRow, kStatus));
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), model.index(lastRow, kStatus));
    for (const int row : rows)
        QCOMPARE(text(model, row, kStatus), QStringLiteral("Sent"));
}

void TestRecipientTableModel::applyResultsIgnoresUnknownRows()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecipients({}, numbered(3));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.applyResults({result(3, Status::Sent), result(-1, Status::Sent)});
    model.applyResults({});
    QCOMPARE(changed.count(), 0);
}

void TestRecipientTableModel::rehearsalResultsNeverTouchTheRealStatuses()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecipients({}, numbered(3));
    const QList<RecipientTableModel::RowId> ids = model.rowIds();
    // Row 0 was really sent earlier; then all three are rehearsed, row 2 refused by the sandbox.
    model.applyResults({result(0, Status::Sent)});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.applyResults({result(0, Status::Sent),
                        result(1, Status::Sent),
                        result(2, Status::Failed, 550, "5.1.1 no such user")},
                       ids,
                       SendMode::Rehearse);
    QCOMPARE(changed.count(), 1);
    QVERIFY(
        changed.at(0).at(2).value<QList<int>>().contains(RecipientTableModel::RehearsalStatusRole));

    // The real statuses, the export and "has results" are what they were.
    QCOMPARE(model.statusAt(0), std::optional(Status::Sent));
    QCOMPARE(model.statusAt(1), std::nullopt);
    QCOMPARE(model.statusAt(2), std::nullopt);
    QCOMPARE(model.statusTexts(), (QStringList{QStringLiteral("Sent"), QString(), QString()}));
    QVERIFY(!model.data(model.index(1, kStatus), RecipientTableModel::StatusRole).isValid());
    // The rehearsal shows where there is no real status, in its own words.
    QCOMPARE(model.rehearsalStatusAt(1), std::optional(Status::Sent));
    QCOMPARE(text(model, 0, kStatus), QStringLiteral("Sent"));
    QCOMPARE(text(model, 1, kStatus), QStringLiteral("Rehearsed"));
    QCOMPARE(text(model, 2, kStatus), QStringLiteral("Failed (rehearsal)"));
    QCOMPARE(text(model, 2, kStatus, Qt::ToolTipRole),
             QStringLiteral("Failed (rehearsal): 550 5.1.1 no such user"));
    QCOMPARE(model.data(model.index(2, kStatus), RecipientTableModel::RehearsalStatusRole).toInt(),
             static_cast<int>(Status::Failed));

    // A new rehearsal starts from nothing.
    model.clearRehearsalResults();
    QCOMPARE(model.rehearsalStatusAt(1), std::nullopt);
    QCOMPARE(text(model, 1, kStatus), QString());
    QCOMPARE(text(model, 0, kStatus), QStringLiteral("Sent"));
}

void TestRecipientTableModel::headersNameMergeFields()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecipients({QStringLiteral("city"), QStringLiteral("公司")},
                        {recipient("a@example.org")});
    const auto header = [&model](int section) {
        return model.headerData(section, Qt::Horizontal).toString();
    };
    QCOMPARE(model.columnCount(), 5);
    QCOMPARE(header(kEmail), QStringLiteral("Email"));
    QCOMPARE(header(kName), QStringLiteral("Name"));
    QCOMPARE(header(kStatus), QStringLiteral("Status"));
    QCOMPARE(header(kFirstField), QStringLiteral("city"));
    QCOMPARE(header(kFirstField + 1), QStringLiteral("公司"));
    QVERIFY(!model.headerData(5, Qt::Horizontal).isValid());
    QCOMPARE(model.headerData(0, Qt::Vertical).toInt(), 1); // row numbers, 1-based
}

void TestRecipientTableModel::chineseNames()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecipients({QStringLiteral("城市")},
                        {recipient("zhang.wei@example.cn", "张伟", {QStringLiteral("北京")}),
                         recipient("li.na@例子.中国", "李娜", {QStringLiteral("上海")})});
    QCOMPARE(text(model, 0, kName), QStringLiteral("张伟"));
    QCOMPARE(text(model, 0, kFirstField), QStringLiteral("北京"));
    QCOMPARE(text(model, 1, kEmail), QStringLiteral("li.na@例子.中国"));
    QCOMPARE(model.invalidCount(), 0); // an internationalised domain is valid

    QVERIFY(model.setData(model.index(1, kName), QStringLiteral("王芳")));
    QCOMPARE(model.recipients().at(1).name, QStringLiteral("王芳"));
    model.appendRecipients({recipient("li.na@xn--fsqu00a.xn--fiqs8s", "李娜")});
    QCOMPARE(model.duplicateCount(), 1); // the same domain in its ASCII form
    QCOMPARE(text(model, 2, kEmail, Qt::ToolTipRole),
             QStringLiteral("Duplicate of row 2 (\"li.na@例子.中国\")"));
}

namespace {

QList<Recipient> statusFixture()
{
    return {recipient("a@example.org", "Ann", {QStringLiteral("Oslo")}),
            recipient("b@example.org", "Bob"),
            recipient("c@example.org", "Cy", {QString(), QStringLiteral("gold")}),
            recipient("bad", "Dee"),
            recipient("e@example.org", "Eve"),
            recipient("a@example.org", "Ann twice"),
            recipient("g@example.org", "Gus"),
            recipient("h@example.org", "Hal"),
            recipient("i@example.org", "Ida"),
            recipient("j@example.org", "Jon")};
}

QList<int> statuses(const RecipientTableModel &model)
{
    QList<int> list;
    for (int row = 0; row < model.rowCount(); ++row) {
        const auto status = model.statusAt(row);
        list.append(status ? static_cast<int>(*status) : -1);
    }
    return list;
}

} // namespace

void TestRecipientTableModel::editCellUndoRedoRestoresExactValues()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QUndoStack stack;
    model.setUndoStack(&stack);
    const QList<Recipient> original = statusFixture();
    model.setRecipients({QStringLiteral("city"), QStringLiteral("plan")}, original);
    QCOMPARE(stack.count(), 0);
    QCOMPARE(model.duplicateCount(), 1);

    // Row 2 has fields {"", "gold"}: editing "city" and undoing must give back exactly that.
    QVERIFY(model.setData(model.index(2, kFirstField), QStringLiteral("Rome")));
    QCOMPARE(stack.count(), 1);
    QCOMPARE(stack.undoText(), QStringLiteral("Edit cell"));
    QCOMPARE(model.recipientAt(2).fields,
             (QStringList{QStringLiteral("Rome"), QStringLiteral("gold")}));
    // Editing the duplicate's address makes it unique; undo makes it a duplicate again.
    QVERIFY(model.setData(model.index(5, kEmail), QStringLiteral("f@example.org")));
    QCOMPARE(model.duplicateCount(), 0);
    QCOMPARE(stack.count(), 2);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    stack.undo();
    QCOMPARE(text(model, 5, kEmail), QStringLiteral("a@example.org"));
    QCOMPARE(model.duplicateCount(), 1);
    QCOMPARE(text(model, 5, kEmail, Qt::ToolTipRole),
             QStringLiteral("Duplicate of row 1 (\"a@example.org\")"));
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(5, kEmail));
    stack.undo();
    QCOMPARE(model.recipients(), original); // exact, fields list length included

    stack.redo();
    stack.redo();
    QCOMPARE(model.recipientAt(2).fields,
             (QStringList{QStringLiteral("Rome"), QStringLiteral("gold")}));
    QCOMPARE(model.recipientAt(5).email, QStringLiteral("f@example.org"));
    QCOMPARE(model.duplicateCount(), 0);

    // The same value is no edit at all.
    QVERIFY(model.setData(model.index(0, kName), QStringLiteral("Ann")));
    QCOMPARE(stack.count(), 2);
}

void TestRecipientTableModel::editCellWithoutStackAppliesDirectly()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QUndoStack stack;
    model.setRecipients({}, {recipient("a@example.org")});
    QVERIFY(model.setData(model.index(0, kEmail), QStringLiteral("b@example.org")));
    model.addRecipients({recipient("c@example.org")});
    model.removeRecipientRows({0});
    QCOMPARE(model.recipients(), QList<Recipient>{recipient("c@example.org")});
    QCOMPARE(model.undoStack(), nullptr);

    model.setUndoStack(&stack);
    model.removeRecipientRows({0});
    QCOMPARE(stack.count(), 1);
    model.setUndoStack(nullptr);
    model.addRecipients({recipient("d@example.org")});
    QCOMPARE(stack.count(), 1);
}

void TestRecipientTableModel::deleteRunsUndoRestoresOrderAndStatuses()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QUndoStack stack;
    model.setUndoStack(&stack);
    const QList<Recipient> original = statusFixture();
    model.setRecipients({QStringLiteral("city"), QStringLiteral("plan")}, original);
    model.applyResults({result(0, Status::Sent),
                        result(2, Status::Failed, 550, "5.1.1 no such user"),
                        result(7, Status::Sent)});
    const QList<int> statusesBefore = statuses(model);
    QCOMPARE(model.duplicateCount(), 1); // row 5 duplicates row 0

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy counts(&model, &RecipientTableModel::countsChanged);
    // Three runs, given unsorted and with a repeat and a row out of range: {0}, {2, 3}, {7}.
    model.removeRecipientRows({7, 2, 0, 3, 2, 42, -1});
    QCOMPARE(stack.count(), 1);
    QCOMPARE(stack.undoText(), QStringLiteral("Delete 4 recipients"));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(removed.count(), 3); // one per run, the last run first
    QCOMPARE(removed.at(0).at(1).toInt(), 7);
    QCOMPARE(removed.at(1).at(1).toInt(), 2);
    QCOMPARE(removed.at(1).at(2).toInt(), 3);
    QCOMPARE(removed.at(2).at(1).toInt(), 0);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(text(model, 0, kEmail), QStringLiteral("b@example.org"));
    QCOMPARE(model.invalidCount(), 0);
    QCOMPARE(model.duplicateCount(), 0); // the first "a" is gone: the second is unique now
    QCOMPARE(counts.count(), 1);

    stack.undo();
    QCOMPARE(model.recipients(), original);
    QCOMPARE(statuses(model), statusesBefore);
    QCOMPARE(text(model, 2, kStatus, Qt::ToolTipRole),
             QStringLiteral("Failed: 550 5.1.1 no such user"));
    QCOMPARE(model.invalidCount(), 1);
    QCOMPARE(model.duplicateCount(), 1);
    QCOMPARE(text(model, 5, kEmail, Qt::ToolTipRole),
             QStringLiteral("Duplicate of row 1 (\"a@example.org\")"));

    stack.redo();
    QCOMPARE(model.rowCount(), 6);
    // b, e, a (second), g, i, j
    QCOMPARE(text(model, 2, kEmail), QStringLiteral("a@example.org"));
    QCOMPARE(text(model, 2, kName), QStringLiteral("Ann twice"));
    QCOMPARE(statuses(model), QList<int>(6, -1)); // the sent rows are the removed ones
}

void TestRecipientTableModel::deleteScatteredRowsResetsOnceAndUndoes()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QUndoStack stack;
    model.setUndoStack(&stack);
    const QList<Recipient> original = numbered(1000);
    model.setRecipients({}, original);
    QList<RecipientResult> batch;
    for (int row = 0; row < 1000; row += 3)
        batch.append(result(row, Status::Sent));
    model.applyResults(batch);
    const QList<int> statusesBefore = statuses(model);

    QList<int> everyOther;
    for (int row = 1; row < 1000; row += 2)
        everyOther.append(row);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.removeRecipientRows(everyOther);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(resets.count(), 1); // 500 runs: one reset
    QCOMPARE(model.rowCount(), 500);
    QCOMPARE(text(model, 1, kEmail), QStringLiteral("user2@example.org"));
    QCOMPARE(stack.undoText(), QStringLiteral("Delete 500 recipients"));

    stack.undo();
    QCOMPARE(resets.count(), 2);
    QCOMPARE(model.recipients(), original);
    QCOMPARE(statuses(model), statusesBefore);
}

void TestRecipientTableModel::removeRowsIsUndoable()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QUndoStack stack;
    model.setUndoStack(&stack);
    model.setRecipients({}, numbered(5));
    QVERIFY(model.removeRows(1, 1));
    QCOMPARE(stack.undoText(), QStringLiteral("Delete 1 recipient"));
    QCOMPARE(model.rowCount(), 4);
    stack.undo();
    QCOMPARE(model.recipients(), numbered(5));
}

void TestRecipientTableModel::addRecipientsAddsFieldColumnsAndUndoes()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QUndoStack stack;
    model.setUndoStack(&stack);
    const QList<Recipient> original{recipient("a@example.org", "Ann", {QStringLiteral("Oslo")})};
    model.setRecipients({QStringLiteral("city")}, original);
    QSignalSpy fields(&model, &RecipientTableModel::fieldNamesChanged);
    QSignalSpy columnsInserted(&model, &QAbstractItemModel::columnsInserted);

    // "City" is the existing "city" (case-insensitive); "plan" is new.
    model.addRecipients({recipient("b@example.org",
                                   "Bob",
                                   {QStringLiteral("gold"), QStringLiteral("Rome")}),
                         recipient("a@example.org", "Ann again")},
                        {QStringLiteral("plan"), QStringLiteral("City")});
    QCOMPARE(stack.undoText(), QStringLiteral("Add 2 recipients"));
    QCOMPARE(fields.count(), 1);
    QCOMPARE(fields.at(0).at(0).toStringList(),
             (QStringList{QStringLiteral("city"), QStringLiteral("plan")}));
    QCOMPARE(columnsInserted.count(), 1);
    QCOMPARE(model.columnCount(), 5);
    QCOMPARE(model.recipientAt(1).fields,
             (QStringList{QStringLiteral("Rome"), QStringLiteral("gold")}));
    QCOMPARE(model.recipientAt(2).fields, QStringList());
    QCOMPARE(model.duplicateCount(), 1);

    stack.undo();
    QCOMPARE(fields.count(), 2);
    QCOMPARE(model.fieldNames(), QStringList{QStringLiteral("city")});
    QCOMPARE(model.columnCount(), 4);
    QCOMPARE(model.recipients(), original);
    QCOMPARE(model.duplicateCount(), 0);

    stack.redo();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(text(model, 1, kFirstField + 1), QStringLiteral("gold"));

    model.addRecipients({Recipient{}}, {}, QStringLiteral("Add recipient"));
    QCOMPARE(stack.undoText(), QStringLiteral("Add recipient"));
    QCOMPARE(model.invalidCount(), 1);
}

void TestRecipientTableModel::importAppendMapsFieldsByName()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QUndoStack stack;
    model.setUndoStack(&stack);
    model.setRecipients({QStringLiteral("city")},
                        {recipient("a@example.org", "Ann", {QStringLiteral("Oslo")})});
    model.applyResults({result(0, Status::Sent)});

    CsvImport import;
    import.fieldNames = {QStringLiteral("company"), QStringLiteral("city")};
    import.recipients = {recipient("b@example.org",
                                   "Bob",
                                   {QStringLiteral("ACME"), QStringLiteral("Rome")}),
                         recipient("c@example.org", "Cy", {QStringLiteral("Initech")})};
    model.importRecipients(import, ImportMode::Append, QStringLiteral("list.csv"));
    QCOMPARE(stack.undoText(), QStringLiteral("Import 2 recipients from list.csv"));
    QCOMPARE(model.fieldNames(), (QStringList{QStringLiteral("city"), QStringLiteral("company")}));
    QCOMPARE(model.recipientAt(1).fields,
             (QStringList{QStringLiteral("Rome"), QStringLiteral("ACME")}));
    QCOMPARE(model.recipientAt(2).fields, (QStringList{QString(), QStringLiteral("Initech")}));
    QCOMPARE(model.statusAt(0), Status::Sent); // appending keeps the statuses

    stack.undo();
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.fieldNames(), QStringList{QStringLiteral("city")});
}

void TestRecipientTableModel::importReplaceAndUndo()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QUndoStack stack;
    model.setUndoStack(&stack);
    const QList<Recipient> original{recipient("a@example.org", "Ann", {QStringLiteral("Oslo")}),
                                    recipient("bad", "Bob")};
    model.setRecipients({QStringLiteral("city")}, original);
    model.applyResults({result(0, Status::Sent)});
    QSignalSpy fields(&model, &RecipientTableModel::fieldNamesChanged);
    QSignalSpy counts(&model, &RecipientTableModel::countsChanged);

    CsvImport import;
    import.fieldNames = {QStringLiteral("公司")};
    for (int i = 0; i < 120; ++i)
        import.recipients.append(Recipient{QStringLiteral("u%1@example.cn").arg(i),
                                           QStringLiteral("张伟"),
                                           {QStringLiteral("腾讯")},
                                           i + 2});
    model.importRecipients(import, ImportMode::Replace, QStringLiteral("名单.csv"));
    QCOMPARE(stack.undoText(), QStringLiteral("Import 120 recipients from 名单.csv"));
    QCOMPARE(model.rowCount(), 120);
    QCOMPARE(model.fieldNames(), QStringList{QStringLiteral("公司")});
    QCOMPARE(fields.count(), 1);
    QCOMPARE(model.invalidCount(), 0);
    QCOMPARE(model.statusAt(0), std::nullopt);
    QCOMPARE(counts.count(), 1);

    stack.undo();
    QCOMPARE(model.recipients(), original);
    QCOMPARE(model.fieldNames(), QStringList{QStringLiteral("city")});
    QCOMPARE(model.statusAt(0), Status::Sent);
    QCOMPARE(model.invalidCount(), 1);
    QCOMPARE(fields.count(), 2);
    stack.redo();
    QCOMPARE(model.recipientAt(119).sourceLine, 121);
}

void TestRecipientTableModel::setRecipientsLeavesTheStackAlone()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QUndoStack stack;
    model.setUndoStack(&stack);
    model.setRecipients({}, numbered(3));
    model.appendRecipients(numbered(2));
    model.applyResults({result(0, Status::Sent)});
    QCOMPARE(stack.count(), 0);
    // A command naming rows the list no longer has does nothing (the owner clears the stack
    // on loading; this is the safety net).
    model.removeRecipientRows({4});
    model.setRecipients({}, numbered(2));
    stack.undo();
    stack.redo();
    QCOMPARE(model.rowCount(), 2);
}

void TestRecipientTableModel::countsChangedAndValidCount()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy counts(&model, &RecipientTableModel::countsChanged);
    model.setRecipients({}, statusFixture());
    QCOMPARE(counts.count(), 1);
    QCOMPARE(model.validCount(), 8); // 10 - 1 invalid - 1 duplicate
    // A name edit changes no count.
    QVERIFY(model.setData(model.index(0, kName), QStringLiteral("Anna")));
    QCOMPARE(counts.count(), 1);
    // An address edit that changes nothing about validity neither.
    QVERIFY(model.setData(model.index(1, kEmail), QStringLiteral("bb@example.org")));
    QCOMPARE(counts.count(), 1);
    QVERIFY(model.setData(model.index(3, kEmail), QStringLiteral("d@example.org")));
    QCOMPARE(counts.count(), 2);
    QCOMPARE(model.validCount(), 9);
    model.applyResults({result(1, Status::Sent)});
    QCOMPARE(counts.count(), 2);
}

void TestRecipientTableModel::incrementalValidationMatchesCore_data()
{
    QTest::addColumn<unsigned>("seed");
    QTest::newRow("seed 1") << 1u;
    QTest::newRow("seed 2") << 2u;
    QTest::newRow("seed 3") << 3u;
}

void TestRecipientTableModel::incrementalValidationMatchesCore()
{
    // Random edits, additions and deletions over a small alphabet of addresses (so that
    // duplicates and probable duplicates come and go); after each step the model's issues
    // must be exactly validateRecipients()'s.
    QFETCH(unsigned, seed);
    std::mt19937 random(seed);
    const QStringList addresses{QStringLiteral("a@example.org"),
                                QStringLiteral("A@example.org"),
                                QStringLiteral("a@EXAMPLE.org"),
                                QStringLiteral("b@example.org"),
                                QStringLiteral("B@Example.ORG"),
                                QStringLiteral("c@bücher.example"),
                                QStringLiteral("c@xn--bcher-kva.example"),
                                QStringLiteral("bad"),
                                QString()};
    const auto pick = [&] {
        return addresses.at(static_cast<qsizetype>(random() % addresses.size()));
    };
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QUndoStack stack;
    model.setUndoStack(&stack);
    QList<Recipient> initial;
    for (int i = 0; i < 30; ++i)
        initial.append(Recipient{pick(), QString()});
    model.setRecipients({}, initial);

    for (int step = 0; step < 300; ++step) {
        const int action = static_cast<int>(random() % 10);
        const int row = model.rowCount() > 0 ? static_cast<int>(random() % model.rowCount()) : 0;
        if (action < 6 && model.rowCount() > 0)
            QVERIFY(model.setData(model.index(row, kEmail), pick()));
        else if (action == 6)
            model.addRecipients({Recipient{pick(), QString()}});
        else if (action == 7 && model.rowCount() > 0)
            model.removeRecipientRows({row, static_cast<int>(random() % model.rowCount())});
        else if (stack.canUndo())
            stack.undo();

        const QList<RecipientIssue> expected = validateRecipients(model.recipients());
        int invalid = 0;
        int duplicates = 0;
        qsizetype next = 0;
        for (int index = 0; index < model.rowCount(); ++index) {
            const bool hasIssue = next < expected.size() && expected.at(next).index == index;
            const auto kind = model.issueAt(index);
            QCOMPARE(kind.has_value(), hasIssue);
            if (!hasIssue)
                continue;
            const RecipientIssue &issue = expected.at(next++);
            QCOMPARE(*kind, issue.kind);
            if (issue.kind == Kind::InvalidAddress) {
                ++invalid;
                continue;
            }
            ++duplicates;
            const QString tooltip = text(model, index, kEmail, Qt::ToolTipRole);
            const QString expectedStart = (issue.kind == Kind::Duplicate
                                               ? QStringLiteral("Duplicate of row %1 (\"%2\")")
                                               : QStringLiteral(
                                                   "Probable duplicate of row %1 (\"%2\")"))
                                              .arg(issue.duplicateOf + 1)
                                              .arg(model.recipientAt(issue.duplicateOf).email);
            QVERIFY2(tooltip.startsWith(expectedStart), qPrintable(tooltip));
        }
        QCOMPARE(model.invalidCount(), invalid);
        QCOMPARE(model.duplicateCount(), duplicates);
    }
}

QTEST_MAIN(TestRecipientTableModel)
#include "tst_recipienttablemodel.moc"
