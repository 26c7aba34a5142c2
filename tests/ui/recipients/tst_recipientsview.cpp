#include "recipients/recipientsview.h"
#include "testworkbooks.h"

#include "document/campaigndocument.h"
#include "document/recipientlistmemory.h"
#include "models/recipienttablemodel.h"
#include "recipients/csvimportdialog.h"
#include "recipients/pastedtable.h"
#include "recipients/recipientfilterproxymodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QUrl>

using namespace Bulkmail;

using Column = RecipientTableModel::Column;
using Status = RecipientResult::Status;

namespace {

constexpr int kEmail = static_cast<int>(Column::Email);
constexpr int kName = static_cast<int>(Column::Name);
constexpr int kFirstField = static_cast<int>(Column::FirstField);

Recipient recipient(const char *email, const char *name = "", QStringList fields = {})
{
    return Recipient{QString::fromUtf8(email), QString::fromUtf8(name), std::move(fields)};
}

// Ten rows: "bad" (row 3) is invalid, row 5 duplicates row 0, row 7 probably duplicates row 1.
QList<Recipient> fixture()
{
    return {recipient("ann@example.org", "Ann", {QStringLiteral("Oslo")}),
            recipient("bob@example.org", "Bob", {QStringLiteral("Rome")}),
            recipient("cy@example.org", "Cy", {QStringLiteral("Paris")}),
            recipient("bad", "Dee", {QStringLiteral("Oslo")}),
            recipient("eve@example.org", "Eve"),
            recipient("ann@example.org", "Ann again"),
            recipient("gus@example.org", "Gus", {QStringLiteral("Berlin")}),
            recipient("Bob@example.org", "Bobby"),
            recipient("ida@example.org", "Ida"),
            recipient("jon@example.org", "Jon", {QStringLiteral("Annecy")})};
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

QStringList shownEmails(const RecipientsView &view)
{
    QStringList emails;
    const QAbstractItemModel *proxy = view.tableView()->model();
    for (int row = 0; row < proxy->rowCount(); ++row)
        emails.append(proxy->index(row, kEmail).data().toString());
    return emails;
}

} // namespace

class TestRecipientsView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void editCellThenUndoRedo();
    void deleteMultiRangeSelectionAndUndo();
    void deleteKeyDeletesSelectedRows();
    void addRecipientStartsEditingItsEmail();
    void pasteWithHeader();
    void pasteWithoutHeader();
    void splitTabSeparatedHandlesQuotes();
    void problemFilterAndSearch();
    void problemFilterShowsItsStateAndLegend();
    void findActionFocusesSearch();
    void countsLabel();
    void sortByName();
    void currentRecipientFollowsTheModelRow();
    void importCsvFileThroughTheDialog();
    void dropCsvFileOpensTheDialog();
    void dropWorkbookImportsWhatItShows();
    void workbookNoticesReachTheChecklistUntilUndone();
    void exportWithStatuses();
    void fileDialogsStartInDocumentsThenWhereTheUserWas();

private:
    void dropFile(const QString &path, CsvImportDialog *&dialog);

    QTemporaryDir m_directory;
    RecipientTableModel *m_model = nullptr;
    QUndoStack *m_stack = nullptr;
    RecipientsView *m_view = nullptr;
    QAbstractItemModelTester *m_modelTester = nullptr;
    QAbstractItemModelTester *m_proxyTester = nullptr;
};

void TestRecipientsView::initTestCase()
{
    QVERIFY(m_directory.isValid());
    // Documents and the remembered folder live in here, not in the user's home.
    qputenv("HOME", QFile::encodeName(m_directory.filePath(QStringLiteral("home"))));
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat,
                       QSettings::UserScope,
                       m_directory.filePath(QStringLiteral("settings")));
    QSettings().clear();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestRecipientsView::init()
{
    m_model = new RecipientTableModel;
    m_stack = new QUndoStack;
    m_model->setUndoStack(m_stack);
    m_model->setRecipients({QStringLiteral("city")}, fixture());
    m_view = new RecipientsView;
    m_view->setModel(m_model);
    m_modelTester = new QAbstractItemModelTester(
        m_model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_proxyTester = new QAbstractItemModelTester(
        m_view->tableView()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_view->resize(800, 500);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

void TestRecipientsView::cleanup()
{
    delete m_proxyTester;
    delete m_modelTester;
    delete m_view;
    delete m_stack;
    delete m_model;
}

void TestRecipientsView::editCellThenUndoRedo()
{
    QTableView *table = m_view->tableView();
    const QModelIndex cell = table->model()->index(3, kEmail);
    table->setCurrentIndex(cell);
    table->edit(cell);
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(editor);
    QCOMPARE(editor->text(), QStringLiteral("bad"));
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("dee@example.org"));
    QTest::keyClick(editor, Qt::Key_Return);

    // The delegate commits the editor's text from a queued call.
    QTRY_COMPARE(m_model->recipientAt(3).email, QStringLiteral("dee@example.org"));
    QCOMPARE(m_model->invalidCount(), 0);
    QCOMPARE(m_stack->count(), 1);
    QCOMPARE(m_stack->undoText(), QStringLiteral("Edit cell"));

    m_stack->undo();
    QCOMPARE(m_model->recipients(), fixture());
    QCOMPARE(m_model->invalidCount(), 1);
    QCOMPARE(table->model()->index(3, kEmail).data().toString(), QStringLiteral("bad"));
    m_stack->redo();
    QCOMPARE(m_model->recipientAt(3).email, QStringLiteral("dee@example.org"));
}

void TestRecipientsView::deleteMultiRangeSelectionAndUndo()
{
    m_model->applyResults({result(1, Status::Sent), result(6, Status::Failed)});
    QTableView *table = m_view->tableView();
    QItemSelectionModel *selection = table->selectionModel();
    const auto selectRow = [&](int row) {
        selection->select(table->model()->index(row, 0),
                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
    };
    selectRow(1);
    selectRow(2);
    selectRow(6);
    selectRow(8);
    QVERIFY(m_view->deleteAction()->isEnabled());
    m_view->deleteAction()->trigger();

    QCOMPARE(m_model->rowCount(), 6);
    QCOMPARE(m_stack->count(), 1);
    QCOMPARE(m_stack->undoText(), QStringLiteral("Delete 4 recipients"));
    QCOMPARE(shownEmails(*m_view),
             (QStringList{QStringLiteral("ann@example.org"),
                          QStringLiteral("bad"),
                          QStringLiteral("eve@example.org"),
                          QStringLiteral("ann@example.org"),
                          QStringLiteral("Bob@example.org"),
                          QStringLiteral("jon@example.org")}));
    QCOMPARE(m_model->duplicateCount(), 1); // "Bob" lost its first row; "ann" still doubled

    m_stack->undo();
    QCOMPARE(m_model->recipients(), fixture());
    QCOMPARE(m_model->statusAt(1), Status::Sent);
    QCOMPARE(m_model->statusAt(6), Status::Failed);
    QCOMPARE(m_model->statusAt(2), std::nullopt);
    QCOMPARE(m_model->duplicateCount(), 2);
}

void TestRecipientsView::deleteKeyDeletesSelectedRows()
{
    QTableView *table = m_view->tableView();
    m_view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_view));
    table->setFocus();
    table->selectionModel()->setCurrentIndex(table->model()->index(4, kEmail),
                                             QItemSelectionModel::ClearAndSelect
                                                 | QItemSelectionModel::Rows);
    QTest::keyClick(table, Qt::Key_Delete);
    QCOMPARE(m_model->rowCount(), 9);
    QVERIFY(!shownEmails(*m_view).contains(QStringLiteral("eve@example.org")));
    QCOMPARE(m_stack->undoText(), QStringLiteral("Delete 1 recipient"));
    // The keyboard stays on the row that took its place.
    QCOMPARE(table->currentIndex().row(), 4);
    QCOMPARE(table->currentIndex().data().toString(), QStringLiteral("ann@example.org"));
}

void TestRecipientsView::addRecipientStartsEditingItsEmail()
{
    QSignalSpy current(m_view, &RecipientsView::currentRecipientChanged);
    m_view->searchEdit()->setText(QStringLiteral("bob")); // cleared: the new row must show
    m_view->addRecipientAction()->trigger();
    QCOMPARE(m_model->rowCount(), 11);
    QCOMPARE(m_stack->undoText(), QStringLiteral("Add recipient"));
    QCOMPARE(m_view->searchEdit()->text(), QString());
    QTableView *table = m_view->tableView();
    QCOMPARE(table->currentIndex().row(), 10);
    QCOMPARE(table->currentIndex().column(), kEmail);
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(editor);
    QVERIFY(table->isAncestorOf(editor));
    QCOMPARE(current.last().at(0).toInt(), 10);
    QTest::keyClicks(editor, QStringLiteral("new@example.org"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(m_model->recipientAt(10).email, QStringLiteral("new@example.org"));
    QCOMPARE(m_stack->count(), 2);
}

void TestRecipientsView::pasteWithHeader()
{
    // As Excel copies three columns in another order, with a header row.
    QGuiApplication::clipboard()->setText(
        QStringLiteral("Name\tE-mail Address\tCity\tPlan\r\n"
                       "Wang Fang\twang@example.cn\tBeijing\tgold\r\n"
                       "No Address\tnot-an-address\tShanghai\t\r\n"));
    m_view->pasteAction()->trigger();
    QCOMPARE(m_model->rowCount(), 12);
    QCOMPARE(m_stack->undoText(), QStringLiteral("Paste 2 recipients"));
    QCOMPARE(m_model->fieldNames(), (QStringList{QStringLiteral("city"), QStringLiteral("Plan")}));
    const Recipient &first = m_model->recipientAt(10);
    QCOMPARE(first.email, QStringLiteral("wang@example.cn"));
    QCOMPARE(first.name, QStringLiteral("Wang Fang"));
    QCOMPARE(first.fields, (QStringList{QStringLiteral("Beijing"), QStringLiteral("gold")}));
    // The invalid row is kept and flagged.
    QCOMPARE(m_model->recipientAt(11).email, QStringLiteral("not-an-address"));
    QCOMPARE(m_model->invalidCount(), 2);
    QCOMPARE(m_view->tableView()->currentIndex().data().toString(),
             QStringLiteral("wang@example.cn"));

    m_stack->undo();
    QCOMPARE(m_model->rowCount(), 10);
    QCOMPARE(m_model->fieldNames(), QStringList{QStringLiteral("city")});
}

void TestRecipientsView::pasteWithoutHeader()
{
    QGuiApplication::clipboard()->setText(QStringLiteral("li@example.cn\tLi Na\tShenzhen\tVIP\n"
                                                         "  zhao@example.cn \t\"Zhao, Lei\"\n"
                                                         "\n"
                                                         "broken@\n"));
    m_view->pasteAction()->trigger();
    QCOMPARE(m_model->rowCount(), 13);
    QCOMPARE(m_stack->undoText(), QStringLiteral("Paste 3 recipients"));
    // First column email, second name, then the existing field, then a new one.
    QCOMPARE(m_model->fieldNames(),
             (QStringList{QStringLiteral("city"), QStringLiteral("column4")}));
    QCOMPARE(m_model->recipientAt(10),
             recipient("li@example.cn",
                       "Li Na",
                       {QStringLiteral("Shenzhen"), QStringLiteral("VIP")}));
    QCOMPARE(m_model->recipientAt(11), recipient("zhao@example.cn", "Zhao, Lei"));
    QCOMPARE(m_model->recipientAt(12), recipient("broken@"));
    QCOMPARE(m_model->invalidCount(), 2);
}

void TestRecipientsView::splitTabSeparatedHandlesQuotes()
{
    QCOMPARE(splitTabSeparated(
                 QStringLiteral("a\t\"b\tc\"\t\"say \"\"hi\"\"\"\r\n\"two\nlines\"\tx")),
             (QList<QStringList>{{QStringLiteral("a"),
                                  QStringLiteral("b\tc"),
                                  QStringLiteral("say \"hi\"")},
                                 {QStringLiteral("two\nlines"), QStringLiteral("x")}}));
    // A quote that does not open a quoted cell is text.
    QCOMPARE(splitTabSeparated(QStringLiteral("\"5\" screen\tx")),
             (QList<QStringList>{{QStringLiteral("\"5\" screen"), QStringLiteral("x")}}));
    const PastedTable table = recipientsFromPastedText(QStringLiteral("ann@example.org\tEmail\n"),
                                                       {});
    QVERIFY(!table.hasHeader); // a line holding an address is data, whatever else it says
    QCOMPARE(table.recipients.size(), 1);
}

void TestRecipientsView::problemFilterAndSearch()
{
    m_view->showProblemsOnlyAction()->setChecked(true);
    QCOMPARE(shownEmails(*m_view),
             (QStringList{QStringLiteral("bad"),
                          QStringLiteral("ann@example.org"),
                          QStringLiteral("Bob@example.org")}));

    // A row that stops being a problem leaves the filtered view.
    QVERIFY(m_model->setData(m_model->index(3, kEmail), QStringLiteral("dee@example.org")));
    QCOMPARE(shownEmails(*m_view),
             (QStringList{QStringLiteral("ann@example.org"), QStringLiteral("Bob@example.org")}));
    m_stack->undo();
    QCOMPARE(shownEmails(*m_view).size(), 3);

    // Search: email, name and fields, case-insensitively ("ann" is in "Annecy" too).
    m_view->showProblemsOnlyAction()->setChecked(false);
    m_view->searchEdit()->setText(QStringLiteral("ANN"));
    QCOMPARE(shownEmails(*m_view),
             (QStringList{QStringLiteral("ann@example.org"),
                          QStringLiteral("ann@example.org"),
                          QStringLiteral("jon@example.org")}));
    m_view->searchEdit()->setText(QStringLiteral("oslo"));
    QCOMPARE(shownEmails(*m_view),
             (QStringList{QStringLiteral("ann@example.org"), QStringLiteral("bad")}));
    // Both filters at once.
    m_view->showProblemsOnlyAction()->setChecked(true);
    QCOMPARE(shownEmails(*m_view), QStringList{QStringLiteral("bad")});
    m_view->searchEdit()->clear();
    m_view->showProblemsOnlyAction()->setChecked(false);
    QCOMPARE(shownEmails(*m_view).size(), 10);
}

// Issue 14 item 8: the filter's on-state is visible (pressed, checked for a screen reader, a
// check mark and its count), and the rows' colours have a legend in words.
void TestRecipientsView::problemFilterShowsItsStateAndLegend()
{
    auto *button = m_view->findChild<QToolButton *>(QStringLiteral("problemsOnly"));
    QVERIFY(button);
    QAction *action = m_view->showProblemsOnlyAction();
    QCOMPARE(action->text(), QStringLiteral("Show Only &Problems (3)"));
    QVERIFY(!button->isChecked());
    QVERIFY(button->icon().isNull());
    QVERIFY(!button->font().bold());
    QCOMPARE(button->accessibleDescription(), QStringLiteral("Off: every row is shown"));

    button->click();
    QVERIFY(action->isChecked());
    QVERIFY(button->isChecked()); // drawn pressed; QAccessible::State::checked for AT
    QVERIFY(!button->icon().isNull());
    QVERIFY(button->font().bold());
    QCOMPARE(button->accessibleDescription(),
             QStringLiteral("On: only the 3 row(s) with a problem are shown"));

    QCOMPARE(m_view->legendText(),
             QStringLiteral("Red: the address is not valid; the row is skipped. Orange: a "
                            "duplicate; the address receives one message. The email cell's "
                            "tooltip says why."));
    auto *legend = m_view->findChild<QLabel *>(QStringLiteral("problemLegend"));
    QVERIFY(legend);
    QVERIFY(legend->isVisible());
    QCOMPARE(legend->accessibleDescription(), m_view->legendText());

    button->click();
    QVERIFY(!action->isChecked());
    QVERIFY(!button->font().bold());

    // No problem left: no legend, and the count says so.
    QList<Recipient> clean{Recipient{QStringLiteral("ann@example.org"), QString()}};
    m_model->setRecipients({}, clean);
    QCOMPARE(action->text(), QStringLiteral("Show Only &Problems (0)"));
    QCOMPARE(m_view->legendText(), QString());
    QVERIFY(!legend->isVisible());
}

void TestRecipientsView::findActionFocusesSearch()
{
    m_view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_view));
    m_view->tableView()->setFocus();
    m_view->searchEdit()->setText(QStringLiteral("old"));
    QTest::keyClick(m_view->tableView(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(m_view->searchEdit()->hasFocus());
    QCOMPARE(m_view->searchEdit()->selectedText(), QStringLiteral("old"));
    QCOMPARE(m_view->findAction()->shortcut(), QKeySequence(QKeySequence::Find));
}

void TestRecipientsView::countsLabel()
{
    QCOMPARE(m_view->countsText(),
             QStringLiteral("10 recipients · 7 valid · 1 invalid · 2 duplicates"));

    QList<Recipient> list;
    for (int i = 0; i < 2391; ++i)
        list.append(Recipient{QStringLiteral("user%1@example.org").arg(i), QString()});
    for (int i = 0; i < 6; ++i)
        list.append(Recipient{QStringLiteral("broken%1").arg(i), QString()});
    for (int i = 0; i < 3; ++i)
        list.append(Recipient{QStringLiteral("user%1@example.org").arg(i), QString()});
    m_model->setRecipients({}, list);
    QCOMPARE(m_view->countsText(),
             QStringLiteral("2,400 recipients · 2,391 valid · 6 invalid · 3 duplicates"));

    m_view->showProblemsOnlyAction()->setChecked(true);
    QCOMPARE(m_view->countsText(),
             QStringLiteral("2,400 recipients · 2,391 valid · 6 invalid · 3 duplicates · 9 shown"));
    m_model->removeRecipientRows({2392});
    QCOMPARE(m_view->countsText(),
             QStringLiteral("2,399 recipients · 2,391 valid · 5 invalid · 3 duplicates · 8 shown"));
    m_model->setRecipients({}, {recipient("one@example.org")});
    m_view->showProblemsOnlyAction()->setChecked(false);
    QCOMPARE(m_view->countsText(),
             QStringLiteral("1 recipient · 1 valid · 0 invalid · 0 duplicates"));
}

void TestRecipientsView::sortByName()
{
    QTableView *table = m_view->tableView();
    table->sortByColumn(kName, Qt::DescendingOrder);
    QCOMPARE(table->model()->index(0, kName).data().toString(), QStringLiteral("Jon"));
    table->sortByColumn(kEmail, Qt::AscendingOrder);
    QCOMPARE(table->model()->index(0, kEmail).data().toString(), QStringLiteral("ann@example.org"));
    QCOMPARE(table->model()->index(9, kEmail).data().toString(), QStringLiteral("jon@example.org"));
    table->sortByColumn(kFirstField, Qt::AscendingOrder);
    // Empty cities first, then Annecy, Berlin, Oslo, Oslo, Paris, Rome.
    QCOMPARE(table->model()->index(4, kFirstField).data().toString(), QStringLiteral("Annecy"));
}

void TestRecipientsView::currentRecipientFollowsTheModelRow()
{
    QSignalSpy current(m_view, &RecipientsView::currentRecipientChanged);
    QTableView *table = m_view->tableView();
    table->sortByColumn(kName, Qt::DescendingOrder); // Jon (model row 9) first
    table->setCurrentIndex(table->model()->index(0, kName));
    QCOMPARE(current.last().at(0).toInt(), 9);
    // Deleting a row above it in the model moves it to row 8.
    m_model->removeRecipientRows({0});
    QCOMPARE(current.last().at(0).toInt(), 8);
    m_model->setRecipients({}, {});
    QCOMPARE(current.last().at(0).toInt(), -1);
}

void TestRecipientsView::importCsvFileThroughTheDialog()
{
    const QString path = m_directory.filePath(QStringLiteral("list.csv"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("email,name,company\r\nzoe@example.org,Zoe,ACME\r\nyan@example.org,Yan,\r\n");
    }
    m_view->importCsvFile(path);
    CsvImportDialog *dialog = m_view->findChild<CsvImportDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QTRY_VERIFY(!dialog->isLoading());
    QVERIFY(dialog->canAccept());
    dialog->accept();
    QCOMPARE(m_model->rowCount(), 12);
    QCOMPARE(m_model->fieldNames(),
             (QStringList{QStringLiteral("city"), QStringLiteral("company")}));
    QCOMPARE(m_stack->undoText(), QStringLiteral("Import 2 recipients from list.csv"));
    QCOMPARE(m_model->recipientAt(10).fields, (QStringList{QString(), QStringLiteral("ACME")}));

    // Replace, then undo: the old list is back.
    m_view->importCsvFile(path);
    QTRY_VERIFY(m_view->findChild<CsvImportDialog *>());
    dialog = m_view->findChild<CsvImportDialog *>();
    QTRY_VERIFY(!dialog->isLoading());
    dialog->setMode(ImportMode::Replace);
    dialog->accept();
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->fieldNames(), QStringList{QStringLiteral("company")});
    m_stack->undo();
    QCOMPARE(m_model->rowCount(), 12);
    m_stack->undo();
    QCOMPARE(m_model->recipients(), fixture());

    // A cancelled dialog changes nothing.
    m_view->importCsvFile(path);
    QTRY_VERIFY(m_view->findChild<CsvImportDialog *>());
    m_view->findChild<CsvImportDialog *>()->reject();
    QCOMPARE(m_model->rowCount(), 10);
}

// Drags the file onto the view and drops it; `dialog` is the import dialog the drop opened.
void TestRecipientsView::dropFile(const QString &path, CsvImportDialog *&dialog)
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint position = m_view->rect().center();
    QDragEnterEvent enter(position, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_view, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(position), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_view, &drop);
    QVERIFY(drop.isAccepted());
    dialog = m_view->findChild<CsvImportDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(!dialog->isLoading());
}

void TestRecipientsView::dropCsvFileOpensTheDialog()
{
    const QString path = m_directory.filePath(QStringLiteral("dropped.CSV"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("email\nzoe@example.org\n");
    }
    CsvImportDialog *dialog = nullptr;
    dropFile(path, dialog);
    QVERIFY(dialog);
    QCOMPARE(dialog->path(), path);
    dialog->accept();
    QCOMPARE(m_model->rowCount(), 11);
    const QPoint position = m_view->rect().center();

    // Anything but a CSV file is refused.
    QMimeData other;
    other.setUrls({QUrl::fromLocalFile(m_directory.filePath(QStringLiteral("photo.png")))});
    QDragEnterEvent refused(position, Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
    refused.ignore();
    QCoreApplication::sendEvent(m_view, &refused);
    QVERIFY(!refused.isAccepted());
}

// A workbook dropped on the list goes through the same dialog, its values as Excel shows them.
void TestRecipientsView::dropWorkbookImportsWhatItShows()
{
    QCOMPARE(writeTestWorkbooks(m_directory.path()), QString());
    const QString path = m_directory.filePath(QStringLiteral("people.xlsx"));
    CsvImportDialog *dialog = nullptr;
    dropFile(path, dialog);
    QVERIFY(dialog);
    QVERIFY(dialog->isWorkbook());
    const int before = m_model->rowCount();
    dialog->accept();
    QCOMPARE(m_model->rowCount(), before + 4);
    const qsizetype idColumn = m_model->fieldNames().indexOf(QStringLiteral("工号"));
    QVERIFY(idColumn >= 0);
    QCOMPARE(m_model->recipients().at(before).fields.value(idColumn), QStringLiteral("00123"));
}

// The lines of the checklist that speak of imported workbooks (those naming a file).
static QStringList workbookLines(const Campaign &campaign)
{
    QStringList lines;
    for (const CampaignCheckItem &item : checkCampaignAndList(campaign).items) {
        if (item.text.startsWith(QLatin1String("people.xlsx: ")))
            lines.append(item.text);
    }
    return lines;
}

// A workbook imported into the list (not used as recipientsFile) keeps warning in the checklist
// about what its import showed (a hidden row), after a save and reopen too, until the list is
// replaced or the import undone.
void TestRecipientsView::workbookNoticesReachTheChecklistUntilUndone()
{
    QCOMPARE(writeTestWorkbooks(m_directory.path()), QString());
    CampaignDocument document;
    RecipientsView view;
    view.setDocument(&document);
    QCOMPARE(view.model(), document.recipientModel());

    view.importCsvFile(m_directory.filePath(QStringLiteral("people.xlsx")));
    auto *dialog = view.findChild<CsvImportDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(!dialog->isLoading());
    QVERIFY(!dialog->notices().isEmpty());
    dialog->accept();
    QCOMPARE(document.recipientModel()->rowCount(), 4);
    QCOMPARE(document.undoStack()->undoText(),
             QStringLiteral("Import 4 recipients from people.xlsx"));
    const QString hiddenRow = QStringLiteral(
        "people.xlsx: hidden rows were imported like the others: 5 (they will receive the "
        "message although the spreadsheet hides them)");
    QStringList lines = workbookLines(document.campaign());
    QCOMPARE(lines.size(), 3); // the hidden sheet, the title row, the hidden row
    QVERIFY2(lines.contains(hiddenRow), qPrintable(lines.join(u'\n')));

    // Saved and opened again: the rows are still there, and so is the warning.
    const QString file = m_directory.filePath(QStringLiteral("notices.bulkmail"));
    QVERIFY(document.saveAs(file));
    CampaignDocument reopened;
    QVERIFY(reopened.open(file));
    QCOMPARE(workbookLines(reopened.campaign()), lines);

    // Undo takes the rows and the warning back together; redo both again.
    document.undoStack()->undo();
    QCOMPARE(document.recipientModel()->rowCount(), 0);
    QVERIFY(workbookLines(document.campaign()).isEmpty());
    document.undoStack()->redo();
    QCOMPARE(workbookLines(document.campaign()), lines);

    // A list that replaces it (a CSV) ends the warning.
    const QString csv = m_directory.filePath(QStringLiteral("replacement.csv"));
    {
        QFile out(csv);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("email\r\nzoe@example.org\r\n");
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // the first dialog
    view.importCsvFile(csv);
    dialog = view.findChild<CsvImportDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(!dialog->isLoading());
    dialog->setMode(ImportMode::Replace);
    dialog->accept();
    QCOMPARE(document.recipientModel()->rowCount(), 1);
    QVERIFY(workbookLines(document.campaign()).isEmpty());
    document.undoStack()->undo();
    QCOMPARE(workbookLines(document.campaign()), lines);
}

void TestRecipientsView::exportWithStatuses()
{
    const QString plain = m_directory.filePath(QStringLiteral("plain.csv"));
    QVERIFY(m_view->exportCsvFile(plain));
    QFile plainFile(plain);
    QVERIFY(plainFile.open(QIODevice::ReadOnly));
    const QByteArray plainBytes = plainFile.readAll();
    QVERIFY(plainBytes.startsWith("\xEF\xBB\xBF"
                                  "email,name,city\r\nann@example.org,Ann,Oslo\r\n"));
    QVERIFY(!plainBytes.contains("Send status"));

    m_model->applyResults(
        {result(0, Status::Sent), result(2, Status::Failed, 550, "5.1.1 no such user")});
    const QString withStatus = m_directory.filePath(QStringLiteral("status.csv"));
    QVERIFY(m_view->exportCsvFile(withStatus));
    QFile file(withStatus);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.at(0),
             QByteArray("\xEF\xBB\xBF"
                        "email,name,city,Send status\r"));
    QCOMPARE(lines.at(1), QByteArray("ann@example.org,Ann,Oslo,Sent\r"));
    QCOMPARE(lines.at(2), QByteArray("bob@example.org,Bob,Rome,\r"));
    QCOMPARE(lines.at(3), QByteArray("cy@example.org,Cy,Paris,Failed: 550 5.1.1 no such user\r"));

    QVERIFY(!m_view->exportCsvFile(m_directory.filePath(QStringLiteral("missing/dir/x.csv"))));
    QVERIFY(!m_view->lastError().isEmpty());
}

// The import's file dialog opens in Documents (not the working directory) and, next time, in the
// folder the user chose from: FileDialogs, which every file dialog of the app goes through.
void TestRecipientsView::fileDialogsStartInDocumentsThenWhereTheUserWas()
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QVERIFY(documents.startsWith(m_directory.path()));
    QVERIFY(QDir().mkpath(documents));
    QVERIFY(QDir().mkpath(m_directory.filePath(QStringLiteral("lists"))));
    const QString chosen = m_directory.filePath(QStringLiteral("lists/chosen.csv"));
    QFile file(chosen);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("email\nann@example.org\n");
    file.close();

    // Answers the next file dialog: notes the folder it opened in, then chooses `path` (or
    // cancels when empty).
    QString openedIn;
    const auto answer = [&openedIn](const QString &path) {
        auto *timer = new QTimer;
        QObject::connect(timer, &QTimer::timeout, timer, [timer, &openedIn, path] {
            QFileDialog *dialog = nullptr;
            for (QWidget *widget : QApplication::topLevelWidgets()) {
                if (auto *shown = qobject_cast<QFileDialog *>(widget); shown && shown->isVisible())
                    dialog = shown;
            }
            if (!dialog)
                return;
            timer->stop();
            timer->deleteLater();
            openedIn = dialog->directory().absolutePath();
            if (path.isEmpty()) {
                dialog->reject();
            } else {
                // Typed into the file name box, as a user does; then Open (done() is protected).
                auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
                if (!name) {
                    dialog->reject(); // the check below then fails
                    return;
                }
                name->setText(path);
                static_cast<QDialog *>(dialog)->done(QDialog::Accepted);
            }
        });
        timer->start(10);
    };

    answer(chosen);
    m_view->importCsvAction()->trigger(); // returns once the file dialog is answered
    QCOMPARE(openedIn, QDir(documents).absolutePath());
    CsvImportDialog *importDialog = m_view->findChild<CsvImportDialog *>();
    QVERIFY(importDialog);
    QCOMPARE(importDialog->path(), chosen);
    importDialog->reject();

    answer(QString());
    m_view->importCsvAction()->trigger();
    QCOMPARE(openedIn, m_directory.filePath(QStringLiteral("lists")));
}

QTEST_MAIN(TestRecipientsView)
#include "tst_recipientsview.moc"
