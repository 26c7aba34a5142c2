#include "../openandwait.h"
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
#include "journal/sendjournal.h"
#include "slowfile.h"
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
#include <QProgressDialog>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QThreadPool>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>

#include <chrono>
#include <memory>

using namespace Bulkmail;
using namespace std::chrono_literals;

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

// Counts the widgets named `name` shown while it lives, whoever made them.
class ShowCounter final : public QObject
{
public:
    explicit ShowCounter(const QString &name)
        : m_name(name)
    {
        QCoreApplication::instance()->installEventFilter(this);
    }
    [[nodiscard]] int count() const { return m_count; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Show && watched->objectName() == m_name)
            ++m_count;
        return false;
    }

private:
    QString m_name;
    int m_count = 0;
};

// The window's "Opening…" dialog on screen (a closed one may wait for its deletion).
QProgressDialog *openingDialog(const MainWindow &window)
{
    const auto dialogs = window.findChildren<QProgressDialog *>(
        QStringLiteral("openingCampaignDialog"));
    for (QProgressDialog *dialog : dialogs) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
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
    void opensOffTheWindowThread();
    void quickOpeningShowsNoDialog();
    void journalReadOffTheWindowThread();
    void openingCancelledOrOvertaken();
    void unreadableCampaignSaysWhy();
    void everyActionIsReachable();

private:
    QString writeCampaign(const Campaign &campaign, const QString &fileName);
    // A campaign whose recipient list is a SlowFile (a list on a slow share) holding `list`.
    QString writeCampaignOnSlowShare(const QString &name,
                                     const QByteArray &list,
                                     std::unique_ptr<SlowFile> &slowList);

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
    QVERIFY(openAndWait(window, path));
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
    QVERIFY(openAndWait(window, path));

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
    QVERIFY(openAndWait(window, path));
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
    QVERIFY(openAndWait(window, path));
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
        QVERIFY(openAndWait(window, path));
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
    QTRY_COMPARE(next.document()->filePath(), QFileInfo(path).absoluteFilePath());
    QVERIFY(!next.document()->isModified());
}

void TestMainWindow::sendAreaSummarisesTheCheck()
{
    Campaign campaign = sampleCampaign();
    campaign.recipients.append(Recipient{QStringLiteral("not-an-address"), QStringLiteral("X")});
    const QString path = writeCampaign(campaign, QStringLiteral("check.bulkmail"));
    MainWindow window;
    QSignalSpy checked(window.sendArea(), &SendArea::checkFinished);
    QVERIFY(openAndWait(window, path));
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
    QVERIFY(openAndWait(window, path));
    QVERIFY(checked.wait(10000));
    QTRY_VERIFY(!window.sendArea()->isChecking());
    QStringList warnings;
    for (const CampaignCheckItem &item : window.sendArea()->lastCheck().warnings())
        warnings.append(item.text);
    QVERIFY2(warnings.contains(
                 QStringLiteral("The list changed since you last looked: 3 new, 1 removed")),
             qPrintable(warnings.join(u'\n')));
}

QString TestMainWindow::writeCampaignOnSlowShare(const QString &name,
                                                 const QByteArray &list,
                                                 std::unique_ptr<SlowFile> &slowList)
{
    const QString listPath = m_directory.filePath(name + QStringLiteral(".csv"));
    if (!writeFileAtomically(listPath, list))
        return {};
    Campaign campaign = sampleCampaign();
    campaign.recipients.clear();
    campaign.recipientFields.clear();
    campaign.recipientsFile = listPath;
    const QString path = writeCampaign(campaign, name + QStringLiteral(".bulkmail"));
    if (path.isEmpty() || !QFile::remove(listPath))
        return {};
    // Read on the window's thread, the file would hold the window for 10 s, then give it the
    // list: the test's checks of the meantime fail instead of the test hanging.
    slowList = std::make_unique<SlowFile>(listPath, list, 10s);
    return slowList->isMade() ? path : QString();
}

void TestMainWindow::opensOffTheWindowThread()
{
    std::unique_ptr<SlowFile> slowList;
    const QString path = writeCampaignOnSlowShare(
        QStringLiteral("share"),
        "email,name\r\nann@example.org,Ann\r\nbob@example.org,Bob\r\n",
        slowList);
    QVERIFY(!path.isEmpty());
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString before = window.document()->filePath();
    QSignalSpy finished(&window, &MainWindow::fileOpenFinished);

    auto *nameEdit = window.findChild<QLineEdit *>(QStringLiteral("campaignName"));
    QVERIFY(nameEdit);
    const QString name = nameEdit->text();
    QToolButton *problemsButton = nullptr;
    for (QToolButton *button : window.findChildren<QToolButton *>()) {
        if (button->isCheckable() && button->text().startsWith(QStringLiteral("Show Only")))
            problemsButton = button;
    }
    QVERIFY(problemsButton);
    QSignalSpy reloaded(window.document(), &CampaignDocument::reloaded);
    QVERIFY(window.openFile(path));
    // The campaign is being read. At first the window shows nothing and takes no input: keys,
    // shortcuts and clicks go nowhere, as they would with the dialog up.
    QVERIFY(window.isOpening());
    QVERIFY(!openingDialog(window));
    nameEdit->setFocus();
    QTest::keyClicks(nameEdit, QStringLiteral("edited"));
    QCOMPARE(nameEdit->text(), name);
    QTest::keyClick(nameEdit, Qt::Key_N, Qt::ControlModifier); // File → New Campaign
    QTest::mouseClick(problemsButton, Qt::LeftButton);
    QVERIFY(!problemsButton->isChecked());
    QVERIFY(reloaded.isEmpty());
    QVERIFY(window.isOpening());
    // A read that takes longer says so in a window-modal dialog that lets nothing touch the
    // open campaign.
    QProgressDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = openingDialog(window)) != nullptr);
    QCOMPARE(dialog->windowModality(), Qt::WindowModal);
    QCOMPARE(dialog->labelText(), QStringLiteral("Opening “share.bulkmail”…"));
    QTest::qWait(100); // the window's event loop runs meanwhile
    QVERIFY(finished.isEmpty());
    QCOMPARE(window.document()->filePath(), before);

    slowList->write();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.constFirst(), (QVariantList{path, true}));
    QVERIFY(!window.isOpening());
    QCOMPARE(window.document()->filePath(), path);
    QCOMPARE(window.document()->recipientModel()->recipientCount(), 2);
    QCOMPARE(window.document()->recipientModel()->recipientAt(1).email,
             QStringLiteral("bob@example.org"));
    QVERIFY(!window.isWindowModified());
    QTRY_VERIFY(!openingDialog(window));
}

void TestMainWindow::quickOpeningShowsNoDialog()
{
    // A campaign read within the dialog's delay (most are) shows no dialog flashing up and away,
    // and the window takes input again at once. The delay is lengthened so that a slow machine
    // cannot show it; what is checked is that the read's end stops it.
    const QString path = writeCampaign(sampleCampaign(), QStringLiteral("quick.bulkmail"));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openingDialogTimer().setInterval(5s);
    ShowCounter dialogsShown(QStringLiteral("openingCampaignDialog"));

    QVERIFY(openAndWait(window, path));
    QVERIFY(!window.openingDialogTimer().isActive());
    QCOMPARE(dialogsShown.count(), 0);
    auto *nameEdit = window.findChild<QLineEdit *>(QStringLiteral("campaignName"));
    QVERIFY(nameEdit);
    const QString name = nameEdit->text();
    nameEdit->setFocus();
    nameEdit->end(false);
    QTest::keyClicks(nameEdit, QStringLiteral(" 2"));
    QCOMPARE(nameEdit->text(), name + QStringLiteral(" 2"));
}

void TestMainWindow::journalReadOffTheWindowThread()
{
    // A sent campaign whose send journal lies on a slow share: read with the campaign, not
    // afterwards on the window's thread (which would hold the window until the FIFO's writer
    // gives up, 10 s, with the opening already reported).
    const QString path = writeCampaign(sampleCampaign(), QStringLiteral("journal.bulkmail"));
    SlowFile slowJournal(SendJournal::pathFor(path), "\n", 10s);
    QVERIFY(slowJournal.isMade());
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy finished(&window, &MainWindow::fileOpenFinished);

    QVERIFY(window.openFile(path));
    QTest::qWait(200); // the campaign and its list are read by now; the journal waits
    QVERIFY(window.isOpening());
    QTRY_VERIFY(openingDialog(window));
    QVERIFY(finished.isEmpty());

    slowJournal.write();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.constFirst(), (QVariantList{path, true}));
    QCOMPARE(window.document()->filePath(), path);
}

void TestMainWindow::openingCancelledOrOvertaken()
{
    const QString first = writeCampaign(sampleCampaign(), QStringLiteral("first.bulkmail"));
    std::unique_ptr<SlowFile> slowList;
    const QString slow = writeCampaignOnSlowShare(QStringLiteral("cancelled"),
                                                  "email\r\ncancelled@example.org\r\n",
                                                  slowList);
    QVERIFY(!slow.isEmpty());
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(openAndWait(window, first));
    QSignalSpy finished(&window, &MainWindow::fileOpenFinished);

    // Escape while the slow campaign is read: the open one stays, and says so at once.
    QVERIFY(window.openFile(slow));
    QProgressDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = openingDialog(window)) != nullptr);
    QApplication::setActiveWindow(dialog); // as a window manager does with a new dialog
    QVERIFY(QTest::qWaitForWindowActive(dialog));
    QTest::keyClick(dialog, Qt::Key_Escape);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.constFirst(), (QVariantList{slow, false}));
    QVERIFY(!window.isOpening());
    QCOMPARE(window.document()->filePath(), first);
    QTRY_VERIFY(!openingDialog(window));
    QTRY_VERIFY(window.isActiveWindow()); // the keys go to the window again
    // The read ends later, unseen.
    slowList->write();
    QVERIFY(QThreadPool::globalInstance()->waitForDone(10000));
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(window.document()->filePath(), first);

    // A newer opening overtakes one still being read: the newer one is the campaign.
    const QString slowAgain = writeCampaignOnSlowShare(QStringLiteral("overtaken"),
                                                       "email\r\novertaken@example.org\r\n",
                                                       slowList);
    QVERIFY(!slowAgain.isEmpty());
    const QString second = writeCampaign(sampleCampaign(), QStringLiteral("second.bulkmail"));
    finished.clear();
    QVERIFY(window.openFile(slowAgain));
    QVERIFY(window.openFile(second));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.constFirst(), (QVariantList{slowAgain, false}));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.constLast(), (QVariantList{second, true}));
    QCOMPARE(window.document()->filePath(), second);
    slowList->write();
    QVERIFY(QThreadPool::globalInstance()->waitForDone(10000));
    QTest::qWait(50);
    QCOMPARE(finished.size(), 2);
    QCOMPARE(window.document()->filePath(), second);
    QCOMPARE(window.document()->recipientModel()->recipientAt(0).email,
             sampleCampaign().recipients.constFirst().email);
}

void TestMainWindow::unreadableCampaignSaysWhy()
{
    const QString first = writeCampaign(sampleCampaign(), QStringLiteral("kept.bulkmail"));
    MainWindow window;
    window.show();
    QVERIFY(openAndWait(window, first));
    const QString missing = m_directory.filePath(QStringLiteral("missing.bulkmail"));
    QSignalSpy finished(&window, &MainWindow::fileOpenFinished);
    QVERIFY(window.openFile(missing));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.constFirst(), (QVariantList{missing, false}));
    QCOMPARE(window.document()->filePath(), first);
    auto *box = window.findChild<QMessageBox *>(QStringLiteral("cannotOpenCampaign"));
    QVERIFY(box);
    QVERIFY(box->isVisible());
    QVERIFY2(box->text().contains(QStringLiteral("missing.bulkmail")), qPrintable(box->text()));
    box->accept();
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
