#include "mainwindow/mainwindow.h"
#include "mainwindow/sendarea.h"

#include "document/campaigndocument.h"
#include "message/messagepreview.h"
#include "models/recipienttablemodel.h"
#include "recipients/csvimportdialog.h"
#include "recipients/recipientsview.h"

#include "common/fileio.h"
#include "document/campaignfile.h"
#include "document/recipientlistmemory.h"
#include "testcampaigns.h"
#include "testresult.h"
#include "testworkbooks.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QUndoStack>

using namespace Bulkmail;

namespace {

constexpr int NameColumn = static_cast<int>(RecipientTableModel::Column::Name);

Campaign sampleCampaign()
{
    Campaign campaign = sendableTestCampaign(QStringLiteral("Spring newsletter"),
                                             QStringLiteral("127.0.0.1"),
                                             2525,
                                             0);
    campaign.message.text = QStringLiteral("Dear {{name}}, your seat is {{seat}}.");
    campaign.recipientFields = {QStringLiteral("seat")};
    campaign.recipients = {
        Recipient{QStringLiteral("ann@example.org"), QStringLiteral("Ann"), {QStringLiteral("A1")}},
    };
    return campaign;
}

// Accepts the next CSV import dialog once it has read its file, whether it is opened modally or
// not.
void acceptImportDialogSoon()
{
    QTimer::singleShot(0, [] {
        const QWidgetList widgets = QApplication::topLevelWidgets();
        for (QWidget *widget : widgets) {
            if (auto *dialog = qobject_cast<CsvImportDialog *>(widget);
                dialog != nullptr && dialog->isVisible() && !dialog->isLoading()) {
                dialog->accept();
                return;
            }
        }
        acceptImportDialogSoon(); // not shown, or not read, yet
    });
}

// Answers the next message box with `button`.
void answerMessageBoxSoon(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, [button] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->button(button)->click();
        else
            answerMessageBoxSoon(button);
    });
}

// Clicks the button with `role` of the next message box that opens (one with custom buttons,
// such as the recovery offer).
void answerMessageBoxSoon(QMessageBox::ButtonRole role)
{
    QTimer::singleShot(0, [role] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box == nullptr) {
            answerMessageBoxSoon(role);
            return;
        }
        const QList<QAbstractButton *> buttons = box->buttons();
        for (QAbstractButton *button : buttons) {
            if (box->buttonRole(button) == role) {
                button->click();
                return;
            }
        }
        box->reject(); // no such button: the test's own check fails
    });
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void openImportEditUndoSaveReopen();
    void previewShowsMergedValues();
    void titleShowsNameAndUnsavedMark();
    void closingWithUnsavedChangesAsks();
    void autosaveCopyIsRecovered();
    void sendAreaSummarisesTheCheck();
    void checklistSaysTheListChanged();
    void everyActionIsReachable();

private:
    QString writeCampaign(const Campaign &campaign, const QString &fileName);

    QTemporaryDir m_directory;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_directory.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat,
                       QSettings::UserScope,
                       m_directory.filePath(QStringLiteral("settings")));
    QApplication::setOrganizationName(QStringLiteral("BulkmailTest"));
    QApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
}

void TestMainWindow::init()
{
    // Each test starts without recovery copies or settings from the one before.
    QDir(RecoveryStore().directory()).removeRecursively();
    QSettings().clear();
}

QString TestMainWindow::writeCampaign(const Campaign &campaign, const QString &fileName)
{
    return saveTestCampaign(campaign, m_directory.filePath(fileName));
}

void TestMainWindow::openImportEditUndoSaveReopen()
{
    const QString path = writeCampaign(sampleCampaign(), QStringLiteral("spring.bulkmail"));
    const QString csv = m_directory.filePath(QStringLiteral("more.csv"));
    QVERIFY_RESULT(writeFileAtomically(csv,
                                       "email,name,seat\r\n"
                                       "bob@example.org,Bob,B2\r\n"
                                       "cy@example.org,Cy,C3\r\n"));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(path));
    RecipientTableModel *model = window.document()->recipientModel();
    QCOMPARE(model->recipientCount(), 1);

    acceptImportDialogSoon();
    window.recipientsView()->importCsvFile(csv);
    QTRY_COMPARE(model->recipientCount(), 3);
    QCOMPARE(model->recipientAt(2).email, QStringLiteral("cy@example.org"));
    QCOMPARE(model->recipientAt(2).fields, QStringList{QStringLiteral("C3")});
    QVERIFY(window.isWindowModified());

    // Edit a cell in place through the view, as a user would.
    auto *table = window.recipientsView()->findChild<QTableView *>();
    QVERIFY(table);
    QAbstractItemModel *shown = table->model();
    QModelIndex bobName;
    for (int row = 0; row < shown->rowCount(); ++row) {
        const QModelIndex name = shown->index(row, NameColumn);
        if (name.data().toString() == QLatin1String("Bob"))
            bobName = name;
    }
    QVERIFY(bobName.isValid());
    QVERIFY(shown->setData(bobName, QStringLiteral("Robert")));
    QCOMPARE(model->recipientAt(1).name, QStringLiteral("Robert"));

    QUndoStack *undo = window.document()->undoStack();
    undo->undo();
    QCOMPARE(model->recipientAt(1).name, QStringLiteral("Bob"));
    undo->redo();
    QCOMPARE(model->recipientAt(1).name, QStringLiteral("Robert"));

    QVERIFY(window.save());
    QVERIFY(!window.isWindowModified());

    CampaignDocument reopened;
    QVERIFY_RESULT(reopened.open(path));
    QCOMPARE(reopened.recipientModel()->recipientCount(), 3);
    for (int row = 0; row < 3; ++row) {
        const Recipient &saved = model->recipientAt(row);
        const Recipient &loaded = reopened.recipientModel()->recipientAt(row);
        QCOMPARE(loaded.email, saved.email);
        QCOMPARE(loaded.name, saved.name);
        QCOMPARE(loaded.fields, saved.fields);
    }
    QCOMPARE(reopened.recipientModel()->recipientAt(1).name, QStringLiteral("Robert"));
    QCOMPARE(reopened.recipientModel()->fieldNames(), QStringList{QStringLiteral("seat")});
    QCOMPARE(reopened.message(), window.document()->message());
    QCOMPARE(reopened.name(), QStringLiteral("Spring newsletter"));
}

void TestMainWindow::previewShowsMergedValues()
{
    Campaign campaign = sampleCampaign();
    campaign.recipients.append(
        Recipient{QStringLiteral("bob@example.org"), QStringLiteral("Bob"), {QStringLiteral("B2")}});
    const QString path = writeCampaign(campaign, QStringLiteral("preview.bulkmail"));
    MainWindow window;
    window.show();
    QVERIFY(window.openFile(path));

    MessagePreview *preview = window.messagePreview();
    preview->setCurrentRecipient(1);
    QTRY_VERIFY(preview->findChild<QPlainTextEdit *>() != nullptr);
    const auto *body = preview->findChild<QPlainTextEdit *>();
    QTRY_COMPARE(body->toPlainText(), QStringLiteral("Dear Bob, your seat is B2."));

    // An edit to the message reaches the preview at once.
    MessageTemplate message = window.document()->message();
    message.text = QStringLiteral("Seat {{seat}} for {{name}}");
    window.document()->editMessage(message, QStringLiteral("text"));
    QTRY_COMPARE(body->toPlainText(), QStringLiteral("Seat B2 for Bob"));
}

void TestMainWindow::titleShowsNameAndUnsavedMark()
{
    const QString path = writeCampaign(sampleCampaign(), QStringLiteral("title.bulkmail"));
    MainWindow window;
    QVERIFY(window.openFile(path));
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("Spring newsletter[*]")));
    QVERIFY(!window.isWindowModified());

    auto *nameEdit = window.findChild<QLineEdit *>(QStringLiteral("campaignName"));
    QVERIFY(nameEdit);
    QCOMPARE(nameEdit->text(), QStringLiteral("Spring newsletter"));
    nameEdit->setFocus();
    nameEdit->selectAll();
    QTest::keyClicks(nameEdit, QStringLiteral("Autumn"));
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("Autumn[*]")));
    QVERIFY(window.isWindowModified());
    QCOMPARE(window.document()->undoStack()->count(), 1); // typing is one undo step
    window.document()->undoStack()->undo();
    QCOMPARE(nameEdit->text(), QStringLiteral("Spring newsletter"));
    QVERIFY(!window.isWindowModified());
}

void TestMainWindow::closingWithUnsavedChangesAsks()
{
    const QString path = writeCampaign(sampleCampaign(), QStringLiteral("close.bulkmail"));
    MainWindow window;
    window.show();
    QVERIFY(window.openFile(path));
    window.document()->editName(QStringLiteral("Changed"));

    answerMessageBoxSoon(QMessageBox::Cancel);
    QVERIFY(!window.close());
    QVERIFY(window.isVisible());

    answerMessageBoxSoon(QMessageBox::Save);
    QVERIFY(window.close());
    const Result<Campaign> saved = loadCampaign(path);
    QVERIFY_RESULT(saved);
    QCOMPARE(saved->name, QStringLiteral("Changed"));
}

void TestMainWindow::autosaveCopyIsRecovered()
{
    using namespace std::chrono_literals;
    const QString path = writeCampaign(sampleCampaign(), QStringLiteral("crash.bulkmail"));
    {
        MainWindow window;
        QVERIFY(window.openFile(path));
        // The timer writes the copy, nobody calls autosave() here: it runs from the start,
        // every AutosaveInterval, shortened for the test.
        QVERIFY(window.autosaveTimer().isActive());
        QCOMPARE(window.autosaveTimer().intervalAsDuration(),
                 std::chrono::milliseconds(MainWindow::AutosaveInterval));
        window.autosaveTimer().start(20ms);
        MessageTemplate message = window.document()->message();
        message.subject = QStringLiteral("Typed just before the crash");
        window.document()->editMessage(message, QStringLiteral("subject"));
        QTRY_COMPARE(window.recoveryStore().pending().size(), 1);
        // The window "crashes": destroyed without close(), so the copy stays.
    }
    // The next start offers the copy before anything else (no sample, no file), and the user
    // recovers it.
    MainWindow restarted;
    restarted.show();
    const QList<RecoveryEntry> pending = restarted.recoveryStore().pending();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.first().originalPath, QFileInfo(path).absoluteFilePath());
    answerMessageBoxSoon(QMessageBox::AcceptRole);
    restarted.startUp(QString(), false);
    QCOMPARE(restarted.document()->message().subject, QStringLiteral("Typed just before the crash"));
    QCOMPARE(restarted.document()->filePath(), QFileInfo(path).absoluteFilePath());
    QVERIFY(restarted.document()->isModified());
    // The file itself was never touched; saving the recovered document writes it and drops
    // the copy.
    QCOMPARE(loadCampaign(path)->message.subject, QStringLiteral("Hello {{name}}"));
    QVERIFY(restarted.save());
    QCOMPARE(loadCampaign(path)->message.subject, QStringLiteral("Typed just before the crash"));
    QVERIFY(restarted.recoveryStore().pending().isEmpty());

    // A start with nothing to recover opens the file it was given, and asks nothing.
    MainWindow next;
    next.show();
    next.startUp(path, false);
    QCOMPARE(next.document()->filePath(), QFileInfo(path).absoluteFilePath());
    QVERIFY(!next.document()->isModified());
}

void TestMainWindow::sendAreaSummarisesTheCheck()
{
    Campaign campaign = sampleCampaign();
    campaign.recipients.append(Recipient{QStringLiteral("not-an-address"), QStringLiteral("X")});
    const QString path = writeCampaign(campaign, QStringLiteral("check.bulkmail"));
    MainWindow window;
    QSignalSpy checked(window.sendArea(), &SendArea::checkFinished);
    QVERIFY(window.openFile(path));
    QVERIFY(checked.wait(10000));
    QTRY_VERIFY(!window.sendArea()->isChecking());
    const CampaignCheck &check = window.sendArea()->lastCheck();
    QCOMPARE(check.recipientCount, 2);
    QCOMPARE(check.invalidCount, 1);
    QCOMPARE(check.sendableCount, 1);
    QVERIFY2(window.sendArea()->summaryText().contains(QStringLiteral("127.0.0.1:2525")),
             qPrintable(window.sendArea()->summaryText()));
}

// The recipients file (a workbook HR keeps) changed since the list was last looked at: the
// window's checklist says how.
void TestMainWindow::checklistSaysTheListChanged()
{
    const QString list = m_directory.filePath(QStringLiteral("changing.xlsx"));
    QVERIFY_RESULT(writeFileAtomically(list, "email\r\nwang@example.org\r\nold@example.org\r\n"));
    Campaign campaign = sampleCampaign();
    campaign.recipients.clear();
    campaign.recipientFields.clear();
    campaign.message.text = QStringLiteral("Dear {{name}}");
    campaign.recipientsFile = list;
    const QString path = writeCampaign(campaign, QStringLiteral("changing.bulkmail"));
    const Result<Campaign> looked = loadCampaign(path);
    QVERIFY_RESULT(looked);
    QVERIFY_RESULT(RecipientListMemory().rememberLook(*looked));

    const QString workbooks = m_directory.filePath(QStringLiteral("workbooks"));
    QCOMPARE(writeTestWorkbooks(workbooks), QString());
    QVERIFY(QFile::remove(list));
    QVERIFY(QFile::copy(workbooks + QStringLiteral("/people.xlsx"), list));

    MainWindow window;
    QSignalSpy checked(window.sendArea(), &SendArea::checkFinished);
    QVERIFY(window.openFile(path));
    QVERIFY(checked.wait(10000));
    QTRY_VERIFY(!window.sendArea()->isChecking());
    QStringList warnings;
    for (const CampaignCheckItem &item : window.sendArea()->lastCheck().warnings())
        warnings.append(item.text);
    QVERIFY2(warnings.contains(
                 QStringLiteral("The list changed since you last looked: 3 new, 1 removed")),
             qPrintable(warnings.join(u'\n')));
}

void TestMainWindow::everyActionIsReachable()
{
    // Every menu entry has text, and the standard shortcuts are where users expect them.
    MainWindow window;
    QStringList shortcuts;
    QList<QAction *> actions = window.menuBar()->actions();
    while (!actions.isEmpty()) {
        const QAction *action = actions.takeFirst();
        if (action->menu() != nullptr) {
            actions.append(action->menu()->actions());
            continue;
        }
        if (!action->isSeparator())
            QVERIFY2(!action->text().isEmpty(), "a menu entry without text");
        for (const QKeySequence &sequence : action->shortcuts())
            shortcuts.append(sequence.toString(QKeySequence::PortableText));
    }
    for (const char *expected :
         {"Ctrl+N", "Ctrl+O", "Ctrl+S", "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+F", "Del"}) {
        QVERIFY2(shortcuts.contains(QString::fromLatin1(expected)), expected);
    }
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
