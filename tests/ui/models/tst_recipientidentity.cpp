#include "models/recipienttablemodel.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace Bulkmail;
using Status = RecipientResult::Status;
using RowId = RecipientTableModel::RowId;

namespace {

QString address(int i)
{
    return QStringLiteral("user%1@example.org").arg(i);
}

QList<Recipient> recipients(int count)
{
    QList<Recipient> list;
    for (int i = 0; i < count; ++i)
        list.append(Recipient{address(i), QStringLiteral("User %1").arg(i)});
    return list;
}

// A result as the engine reports it: the recipient's index in the plan, and its address.
RecipientResult result(int planIndex, Status status)
{
    RecipientResult r;
    r.recipientIndex = planIndex;
    r.email = address(planIndex);
    r.status = status;
    return r;
}

int rowOf(const RecipientTableModel &model, const QString &email)
{
    for (int row = 0; row < model.recipientCount(); ++row) {
        if (model.recipientAt(row).email == email)
            return row;
    }
    return -1;
}

} // namespace

// A send names its recipients by their place in the list when it started; the model applies
// its results by the rows' identities, so that they reach the right rows, and locks the list
// while the send runs.
class TestRecipientIdentity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyRowHasItsOwnIdKeptThroughUndo();
    void resultsReachTheirRowsAfterRowsMoved();
    void resultsForRemovedOrReaddressedRowsAreDropped();
    void resultsNeverLandOnAnotherList();
    void aLockedListRefusesEveryEdit();
    void listEditsAreRecognisedOnTheUndoStack();
};

void TestRecipientIdentity::everyRowHasItsOwnIdKeptThroughUndo()
{
    QUndoStack stack;
    RecipientTableModel model;
    model.setUndoStack(&stack);
    model.setRecipients({}, recipients(6));
    const QList<RowId> ids = model.rowIds();
    QCOMPARE(QSet<RowId>(ids.cbegin(), ids.cend()).size(), 6);
    QVERIFY(!ids.contains(RowId{0}));
    QCOMPARE(model.data(model.index(2, 0), RecipientTableModel::RowIdRole).toULongLong(), ids[2]);

    model.removeRecipientRows({1, 4});
    QCOMPARE(model.rowIds(), (QList<RowId>{ids[0], ids[2], ids[3], ids[5]}));
    QCOMPARE(model.rowOfId(ids[3]), 2);
    QCOMPARE(model.rowOfId(ids[1]), -1);
    stack.undo();
    QCOMPARE(model.rowIds(), ids); // the very same rows are back
    QVERIFY(model.setData(model.index(0, 1), QStringLiteral("Renamed")));
    QCOMPARE(model.rowId(0), ids[0]); // an edited row is the same row
}

void TestRecipientIdentity::resultsReachTheirRowsAfterRowsMoved()
{
    // Rows before the ones the results are for go away: the rest move up, and an index-keyed
    // result would land on a neighbour.
    RecipientTableModel moved;
    moved.setRecipients({}, recipients(6));
    const QList<RowId> movedAtStart = moved.rowIds();
    moved.removeRecipientRows({0, 2});

    moved.applyResults({result(3, Status::Sent), result(5, Status::Failed)}, movedAtStart);
    QCOMPARE(moved.statusAt(rowOf(moved, address(3))), std::optional(Status::Sent));
    QCOMPARE(moved.statusAt(rowOf(moved, address(5))), std::optional(Status::Failed));
    QCOMPARE(moved.statusAt(rowOf(moved, address(1))), std::nullopt);
    QCOMPARE(moved.statusAt(rowOf(moved, address(4))), std::nullopt);
    // The row now at index 3 is user5's: user3's result did not land there by position.
    QCOMPARE(moved.recipientAt(3).email, address(5));
    QCOMPARE(moved.statusAt(3), std::optional(Status::Failed));

    // The list reloaded with the same rows is another list: nothing of the run lands.
    const QList<RowId> beforeReload = moved.rowIds();
    moved.setRecipients({}, recipients(6));
    moved.applyResults({result(3, Status::Sent)}, beforeReload);
    QVERIFY(!moved.hasSendResults());
}

void TestRecipientIdentity::resultsForRemovedOrReaddressedRowsAreDropped()
{
    RecipientTableModel model;
    model.setRecipients({}, recipients(4));
    const QList<RowId> atStart = model.rowIds();
    model.removeRecipientRows({1});
    QVERIFY(model.setData(model.index(rowOf(model, address(2)), 0),
                          QStringLiteral("someone.else@example.org")));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.applyResults({result(1, Status::Sent),
                        result(2, Status::Sent),
                        result(3, Status::Sent),
                        result(7, Status::Sent),
                        result(-1, Status::Sent)},
                       atStart);
    QCOMPARE(model.statusAt(0), std::nullopt);
    QCOMPARE(model.statusAt(1), std::nullopt); // user2's row now has another address
    QCOMPARE(model.statusAt(2), std::optional(Status::Sent));
    QCOMPARE(changed.count(), 1);
}

void TestRecipientIdentity::resultsNeverLandOnAnotherList()
{
    RecipientTableModel sending;
    sending.setRecipients({}, recipients(5));
    const QList<RowId> atStart = sending.rowIds();
    RecipientTableModel other; // another campaign, the same addresses in the same order
    other.setRecipients({}, recipients(5));
    other.applyResults({result(0, Status::Sent), result(4, Status::Failed)}, atStart);
    QVERIFY(!other.hasSendResults());
    sending.applyResults({result(0, Status::Sent), result(4, Status::Failed)}, atStart);
    QCOMPARE(sending.statusAt(0), std::optional(Status::Sent));
    QCOMPARE(sending.statusAt(4), std::optional(Status::Failed));
}

void TestRecipientIdentity::aLockedListRefusesEveryEdit()
{
    QUndoStack stack;
    RecipientTableModel model;
    model.setUndoStack(&stack);
    model.setRecipients({QStringLiteral("city")}, recipients(3));
    QSignalSpy lock(&model, &RecipientTableModel::readOnlyChanged);
    const QString reason = QStringLiteral("Locked while sending.");
    model.setReadOnly(reason);
    QVERIFY(model.isReadOnly());
    QCOMPARE(model.readOnlyReason(), reason);
    QCOMPARE(lock.count(), 1);
    QCOMPARE(lock.last().at(0).toBool(), true);

    const QList<Recipient> before = model.recipients();
    for (int column = 0; column < model.columnCount(); ++column)
        QVERIFY(!(model.flags(model.index(0, column)) & Qt::ItemIsEditable));
    QVERIFY(!model.setData(model.index(0, 0), QStringLiteral("x@example.org")));
    QVERIFY(!model.removeRows(0, 1));
    model.removeRecipientRows({0, 1});
    model.addRecipients({Recipient{QStringLiteral("new@example.org"), {}}});
    model.addRecipients({Recipient{QStringLiteral("new@example.org"), {}}},
                        {QStringLiteral("country")});
    CsvImport import;
    import.fieldNames = {QStringLiteral("city")};
    import.recipients = {Recipient { QStringLiteral("imported@example.org"), {} }};
    model.importRecipients(import, ImportMode::Append);
    model.importRecipients(import, ImportMode::Replace);
    QCOMPARE(model.recipients(), before);
    QCOMPARE(model.fieldNames(), QStringList{QStringLiteral("city")});
    QCOMPARE(stack.count(), 0);
    // Results still arrive.
    model.applyResults({result(1, Status::Sent)}, model.rowIds());
    QCOMPARE(model.statusAt(1), std::optional(Status::Sent));

    model.setReadOnly(QString());
    QCOMPARE(lock.count(), 2);
    QCOMPARE(lock.last().at(0).toBool(), false);
    QVERIFY(model.flags(model.index(0, 0)) & Qt::ItemIsEditable);
    model.removeRecipientRows({0});
    QCOMPARE(model.recipientCount(), 2);
    QCOMPARE(stack.count(), 1);
}

void TestRecipientIdentity::listEditsAreRecognisedOnTheUndoStack()
{
    QUndoStack stack;
    RecipientTableModel model;
    model.setUndoStack(&stack);
    model.setRecipients({}, recipients(3));
    QVERIFY(model.setData(model.index(0, 1), QStringLiteral("Renamed")));
    model.addRecipients({Recipient{QStringLiteral("new@example.org"), {}}});
    model.removeRecipientRows({1});
    CsvImport import;
    import.recipients = {Recipient { QStringLiteral("imported@example.org"), {} }};
    model.importRecipients(import, ImportMode::Replace);
    stack.push(new QUndoCommand(QStringLiteral("Edit subject")));
    auto *macro = new QUndoCommand(QStringLiteral("Macro"));
    new QUndoCommand(QStringLiteral("Child"), macro);
    stack.push(macro);
    QCOMPARE(stack.count(), 6);
    for (int i = 0; i < 4; ++i)
        QVERIFY2(RecipientTableModel::isListEdit(stack.command(i)), qPrintable(stack.text(i)));
    QVERIFY(!RecipientTableModel::isListEdit(stack.command(4)));
    QVERIFY(!RecipientTableModel::isListEdit(stack.command(5)));
    QVERIFY(!RecipientTableModel::isListEdit(nullptr));
}

QTEST_GUILESS_MAIN(TestRecipientIdentity)
#include "tst_recipientidentity.moc"
