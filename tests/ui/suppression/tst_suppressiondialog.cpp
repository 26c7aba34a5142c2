// Tools → Suppression List driven like a user would, over a real SQLite list in a temporary
// folder: the table shows address, reason, date and detail; adding, removing (and taking a
// removal back, date included), importing and exporting change the list itself, which is what
// the next campaign from that account reads; the window's Tools menu opens the document's
// account's list. The model is under QAbstractItemModelTester.

#include "mainwindow/mainwindow.h"
#include "suppression/suppressiondialog.h"
#include "suppression/suppressiontablemodel.h"

#include "document/campaigndocument.h"
#include "logging/logging.h"
#include "testresult.h"
#include "widgets/serialjobs.h"

#include <QAbstractItemModelTester>
#include <QAccessible>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

using namespace Bulkmail;

namespace {

QPushButton *button(QWidget *root, const QString &text)
{
    const QList<QPushButton *> buttons = root->findChildren<QPushButton *>();
    for (QPushButton *candidate : buttons) {
        if (candidate->text().remove(u'&') == text)
            return candidate;
    }
    return nullptr;
}

QStringList shownAddresses(const SuppressionDialog &dialog)
{
    QStringList addresses;
    QAbstractItemModel *model = dialog.view()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        addresses.append(
            model->index(row, int(SuppressionTableModel::Column::Address)).data().toString());
    return addresses;
}

void selectAddress(SuppressionDialog &dialog, const QString &address)
{
    QAbstractItemModel *model = dialog.view()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString() == address) {
            dialog.view()->selectRow(row);
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("not shown: %1").arg(address)));
}

// Waits until the dialog's jobs have ended and their results are shown. Long: a job waits for
// SQLite's busy timeout (10 s) when another connection writes.
[[nodiscard]] bool idle(SuppressionDialog &dialog)
{
    QSignalSpy finished(&dialog, &SuppressionDialog::operationFinished);
    while (dialog.isBusy()) {
        if (!finished.wait(30'000))
            return false;
    }
    return true;
}

// Holds the list's SQLite write lock from a connection of its own on another thread, as a send
// (the engine thread, or bulkmail-cli) does while it writes, until release().
class WriteLock final
{
public:
    explicit WriteLock(const QString &path)
        : m_thread(QThread::create([this, path] { hold(path); }))
    {
        m_thread->start();
        m_taken.acquire();
    }
    ~WriteLock() { release(); }
    Q_DISABLE_COPY_MOVE(WriteLock)

    [[nodiscard]] bool isHeld() const { return m_isHeld; }
    void release()
    {
        if (m_thread->isFinished())
            return;
        m_release.release();
        m_thread->wait();
    }

private:
    void hold(const QString &path)
    {
        const QString name = QStringLiteral("test-write-lock");
        {
            QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            database.setDatabaseName(path);
            {
                QSqlQuery query(database);
                m_isHeld = database.open() && query.exec(QStringLiteral("BEGIN IMMEDIATE"));
                m_taken.release();
                m_release.acquire();
                query.exec(QStringLiteral("ROLLBACK"));
            }
            database.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    std::unique_ptr<QThread> m_thread;
    QSemaphore m_taken;
    QSemaphore m_release;
    bool m_isHeld = false;
};

} // namespace

class tst_SuppressionDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsAddressReasonDateAndDetail();
    void addingByTheKeyboard();
    void anInvalidAddressIsRefusedInWords();
    void removeAndUndoRemove();
    void exportThenImportElsewhere();
    void aBadImportChangesNothing();
    void findFiltersTheTable();
    void controlsAreNamed();
    void staysResponsiveWhileAnotherProgramWrites();
    void anotherListShowsNothingOfTheFirstsJob();
    void closingWhileAJobWaitsLosesNothing();
    void theToolsMenuOpensTheAccountsList();

private:
    QTemporaryDir m_directory;
    std::unique_ptr<SuppressionList> openList() const;
    QString m_listPath;
    int m_run = 0;
};

void tst_SuppressionDialog::initTestCase()
{
    QVERIFY(m_directory.isValid());
    // The window opens the account's list under the user's data folder: keep it in here.
    qputenv("HOME", QFile::encodeName(m_directory.path()));
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat,
                       QSettings::UserScope,
                       m_directory.filePath(QStringLiteral("settings")));
    QSettings().clear();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QAccessible::setActive(true);
    LogOptions logging;
    logging.directory = m_directory.filePath(QStringLiteral("logs"));
    QVERIFY_RESULT(initializeLogging(logging));
}

void tst_SuppressionDialog::init()
{
    m_listPath = m_directory.filePath(QStringLiteral("list-%1.sqlite").arg(++m_run));
    auto list = openList();
    QVERIFY(list);
    SuppressionEntry bounce;
    bounce.address = QStringLiteral("gone@example.com");
    bounce.reason = SuppressionReason::HardBounce;
    bounce.detail = QStringLiteral("550 5.1.1 User unknown");
    bounce.date = QDateTime(QDate(2026, 11, 3), QTime(9, 30), Qt::UTC);
    bounce.campaign = QStringLiteral("payslips.bulkmail");
    QVERIFY_RESULT(list->add(bounce));
    SuppressionEntry unsubscribe;
    unsubscribe.address = QStringLiteral("wang@example.cn");
    unsubscribe.reason = SuppressionReason::Unsubscribe;
    unsubscribe.detail = QStringLiteral("退订");
    unsubscribe.date = QDateTime(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC);
    QVERIFY_RESULT(list->add(unsubscribe));
}

void tst_SuppressionDialog::cleanup()
{
    QFile::remove(m_listPath);
}

std::unique_ptr<SuppressionList> tst_SuppressionDialog::openList() const
{
    Result<std::unique_ptr<SuppressionList>> opened = SuppressionList::open(m_listPath);
    if (!opened) {
        qWarning("%s", qPrintable(opened.error().message));
        return nullptr;
    }
    return std::move(*opened);
}

void tst_SuppressionDialog::showsAddressReasonDateAndDetail()
{
    SuppressionDialog dialog;
    QAbstractItemModelTester tester(dialog.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog.openList(m_listPath, QStringLiteral("smtp.example.com as news@example.com"));
    // Read off the GUI thread: the dialog says so until the entries arrive.
    QVERIFY(dialog.isBusy());
    QVERIFY2(dialog.statusText().contains(QStringLiteral("Working on the suppression list…")),
             qPrintable(dialog.statusText()));
    QVERIFY(idle(dialog));
    QVERIFY(dialog.findChild<QLabel *>()->text().contains(u"smtp.example.com as news@example.com"));
    // Newest first.
    QCOMPARE(shownAddresses(dialog),
             (QStringList{QStringLiteral("wang@example.cn"), QStringLiteral("gone@example.com")}));
    QAbstractItemModel *model = dialog.view()->model();
    QCOMPARE(model->index(1, int(SuppressionTableModel::Column::Reason)).data().toString(),
             QStringLiteral("Hard bounce"));
    QCOMPARE(model->index(0, int(SuppressionTableModel::Column::Reason)).data().toString(),
             QStringLiteral("Unsubscribed"));
    QCOMPARE(model->index(1, int(SuppressionTableModel::Column::Date)).data().toString(),
             QLocale().toString(QDateTime(QDate(2026, 11, 3), QTime(9, 30), Qt::UTC).toLocalTime(),
                                QLocale::ShortFormat));
    QCOMPARE(model->index(1, int(SuppressionTableModel::Column::Detail)).data().toString(),
             QStringLiteral("550 5.1.1 User unknown"));
    QVERIFY(model->index(1, int(SuppressionTableModel::Column::Detail))
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"payslips.bulkmail"));
    QCOMPARE(model->headerData(int(SuppressionTableModel::Column::Date), Qt::Horizontal).toString(),
             QStringLiteral("Since"));
    QVERIFY2(dialog.statusText().startsWith(
                 QStringLiteral("2 address(es) (hard bounces: 1, unsubscribed: 1, added by hand: "
                                "0).")),
             qPrintable(dialog.statusText()));
    // Sorting by date sorts by time, not by the text.
    dialog.view()->sortByColumn(int(SuppressionTableModel::Column::Date), Qt::AscendingOrder);
    QCOMPARE(shownAddresses(dialog).first(), QStringLiteral("gone@example.com"));
}

void tst_SuppressionDialog::addingByTheKeyboard()
{
    SuppressionDialog dialog;
    dialog.openList(m_listPath, QStringLiteral("smtp.example.com"));
    QVERIFY(idle(dialog));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QLineEdit *address = nullptr;
    for (QLineEdit *edit : dialog.findChildren<QLineEdit *>()) {
        if (edit->accessibleName() == QLatin1String("Add an address"))
            address = edit;
    }
    QVERIFY(address != nullptr);
    QCOMPARE(address->accessibleName(), QStringLiteral("Add an address"));
    QVERIFY(!button(&dialog, QStringLiteral("Add"))->isEnabled());
    address->setFocus();
    QTest::keyClicks(address, QStringLiteral("Li@Example.ORG"));
    QVERIFY(button(&dialog, QStringLiteral("Add"))->isEnabled());
    QTest::keyClick(address, Qt::Key_Return);
    QVERIFY(dialog.isBusy());
    QVERIFY(!button(&dialog, QStringLiteral("Add"))->isEnabled());
    QCOMPARE(dialog.focusWidget(), address); // the field stays, and keeps the focus
    QVERIFY(idle(dialog));
    QVERIFY(address->text().isEmpty());
    QCOMPARE(dialog.focusWidget(), address);
    QVERIFY(shownAddresses(dialog).contains(QStringLiteral("Li@example.org")));
    QVERIFY2(dialog.statusText().contains(QStringLiteral("added by hand: 1")),
             qPrintable(dialog.statusText()));
    // In the list itself, which the next campaign reads.
    QVERIFY(*openList()->contains(QStringLiteral("li@example.org")));
}

void tst_SuppressionDialog::anInvalidAddressIsRefusedInWords()
{
    SuppressionDialog dialog;
    dialog.openList(m_listPath, QStringLiteral("smtp.example.com"));
    QVERIFY(idle(dialog));
    QVERIFY(dialog.addAddress(QStringLiteral("not an address")));
    QVERIFY(idle(dialog));
    QVERIFY2(dialog.statusText().contains(QStringLiteral("Cannot add “not an address”")),
             qPrintable(dialog.statusText()));
    QCOMPARE(shownAddresses(dialog).size(), 2);
}

void tst_SuppressionDialog::removeAndUndoRemove()
{
    SuppressionDialog dialog;
    dialog.openList(m_listPath, QStringLiteral("smtp.example.com"));
    QVERIFY(idle(dialog));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QPushButton *remove = button(&dialog, QStringLiteral("Remove"));
    QPushButton *undo = button(&dialog, QStringLiteral("Undo Remove"));
    QVERIFY(!remove->isEnabled());
    QVERIFY(!undo->isEnabled());
    selectAddress(dialog, QStringLiteral("gone@example.com"));
    QVERIFY(remove->isEnabled());
    // By the keyboard: the button is disabled while the job runs, and the focus waits on the
    // table instead of wandering off along the tab chain.
    remove->setFocus();
    QTest::keyClick(remove, Qt::Key_Space);
    QVERIFY(dialog.isBusy());
    QVERIFY(!remove->isEnabled());
    QVERIFY(!undo->isEnabled());
    QCOMPARE(dialog.focusWidget(), dialog.view());
    QVERIFY(idle(dialog));
    QCOMPARE(dialog.focusWidget(), dialog.view()); // Remove has nothing selected to remove now
    QCOMPARE(shownAddresses(dialog), QStringList{QStringLiteral("wang@example.cn")});
    QVERIFY2(dialog.statusText().contains(QStringLiteral("may mail them again")),
             qPrintable(dialog.statusText()));
    QVERIFY(!*openList()->contains(QStringLiteral("gone@example.com")));

    QVERIFY(undo->isEnabled());
    undo->click();
    QVERIFY(dialog.isBusy());
    QVERIFY(idle(dialog));
    QVERIFY(!undo->isEnabled());
    QVERIFY2(dialog.statusText().contains(QStringLiteral("Put back 1 address(es).")),
             qPrintable(dialog.statusText()));
    const auto restored = openList()->find(QStringLiteral("gone@example.com"));
    QVERIFY(restored && restored->has_value());
    // As it was: its first date, reason, detail and campaign.
    QCOMPARE((*restored)->date, QDateTime(QDate(2026, 11, 3), QTime(9, 30), Qt::UTC));
    QCOMPARE((*restored)->reason, SuppressionReason::HardBounce);
    QCOMPARE((*restored)->detail, QStringLiteral("550 5.1.1 User unknown"));
    QCOMPARE((*restored)->campaign, QStringLiteral("payslips.bulkmail"));
    QCOMPARE(shownAddresses(dialog).size(), 2);
}

void tst_SuppressionDialog::exportThenImportElsewhere()
{
    SuppressionDialog dialog;
    dialog.openList(m_listPath, QStringLiteral("smtp.example.com"));
    QVERIFY(idle(dialog));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QString csv = m_directory.filePath(QStringLiteral("export-%1.csv").arg(m_run));
    QPushButton *exportButton = button(&dialog, QStringLiteral("Export…"));
    exportButton->setFocus();
    QVERIFY(dialog.exportTo(csv));
    QVERIFY(!dialog.exportTo(csv)); // one job at a time
    QCOMPARE(dialog.focusWidget(), dialog.view());
    QVERIFY(idle(dialog));
    // Enabled again: the focus goes back where it was.
    QCOMPARE(dialog.focusWidget(), exportButton);
    QVERIFY2(dialog.statusText().contains(QStringLiteral("Exported 2 address(es)")),
             qPrintable(dialog.statusText()));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("gone@example.com"));
    QVERIFY(bytes.contains("wang@example.cn"));

    // Another account's list takes the export: the entries arrive with their reasons.
    const QString otherPath = m_directory.filePath(QStringLiteral("other-%1.sqlite").arg(m_run));
    SuppressionDialog second;
    second.openList(otherPath, QStringLiteral("smtp.example.net"));
    QVERIFY(idle(second));
    QVERIFY(second.importFrom(csv));
    QVERIFY(idle(second));
    QVERIFY2(second.statusText().contains(QStringLiteral(": 2 new, 0 already listed.")),
             qPrintable(second.statusText()));
    QCOMPARE(second.view()->model()->rowCount(), 2);
    QVERIFY(second.statusText().startsWith(QStringLiteral("2 address(es) (hard bounces: 1, "
                                                          "unsubscribed: 1")));
}

void tst_SuppressionDialog::aBadImportChangesNothing()
{
    SuppressionDialog dialog;
    dialog.openList(m_listPath, QStringLiteral("smtp.example.com"));
    QVERIFY(idle(dialog));
    const QString csv = m_directory.filePath(QStringLiteral("bad-%1.csv").arg(m_run));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("email\nnew@example.com\nnot an address\n");
    file.close();
    QVERIFY(dialog.importFrom(csv));
    QVERIFY(idle(dialog));
    QVERIFY2(dialog.statusText().contains(QStringLiteral("Nothing was imported")),
             qPrintable(dialog.statusText()));
    QCOMPARE(shownAddresses(dialog).size(), 2);
    QVERIFY(!*openList()->contains(QStringLiteral("new@example.com")));
}

void tst_SuppressionDialog::findFiltersTheTable()
{
    SuppressionDialog dialog;
    dialog.openList(m_listPath, QStringLiteral("smtp.example.com"));
    QVERIFY(idle(dialog));
    QLineEdit *find = nullptr;
    for (QLineEdit *edit : dialog.findChildren<QLineEdit *>()) {
        if (edit->accessibleName() == QLatin1String("Find"))
            find = edit;
    }
    QVERIFY(find != nullptr);
    find->setText(QStringLiteral("user unknown"));
    QCOMPARE(shownAddresses(dialog), QStringList{QStringLiteral("gone@example.com")});
    find->setText(QStringLiteral("unsubscribed")); // a reason, as shown
    QCOMPARE(shownAddresses(dialog), QStringList{QStringLiteral("wang@example.cn")});
    find->clear();
    QCOMPARE(shownAddresses(dialog).size(), 2);
}

void tst_SuppressionDialog::controlsAreNamed()
{
    SuppressionDialog dialog;
    dialog.openList(m_listPath, QStringLiteral("smtp.example.com"));
    QVERIFY(idle(dialog));
    for (QWidget *widget : dialog.findChildren<QWidget *>()) {
        if (!(widget->focusPolicy() & Qt::TabFocus) || !widget->isEnabled())
            continue;
        QAccessibleInterface *interface = QAccessible::queryAccessibleInterface(widget);
        QVERIFY(interface != nullptr);
        QVERIFY2(!interface->text(QAccessible::Name).trimmed().isEmpty(),
                 widget->metaObject()->className());
    }
    auto *status = dialog.findChildren<QLabel *>().last();
    for (QLabel *label : dialog.findChildren<QLabel *>()) {
        if (label->accessibleName() == QLatin1String("Suppression list status"))
            status = label;
    }
    QCOMPARE(status->accessibleName(), QStringLiteral("Suppression list status"));
    // The value is read too, not only the name.
    QCOMPARE(status->accessibleDescription(), dialog.statusText());
}

void tst_SuppressionDialog::theToolsMenuOpensTheAccountsList()
{
    MainWindow window;
    window.show();
    QAction *action = window.findChild<QAction *>(QStringLiteral("suppressionAction"));
    QVERIFY(action != nullptr);
    QVERIFY(window.menuBar()->actions().size() > 0);

    // No account yet: it says what to do, and offers nothing.
    Campaign campaign = CampaignDocument::blankCampaign();
    window.document()->reset(campaign);
    action->trigger();
    QVERIFY(window.suppressionDialog() != nullptr);
    QTRY_VERIFY(window.suppressionDialog()->isVisible());
    QVERIFY(
        window.suppressionDialog()->findChild<QLabel *>()->text().contains(u"choose the account"));
    QVERIFY(!button(window.suppressionDialog(), QStringLiteral("Import…"))->isEnabled());

    // The account's own list: what the CLI and the send plan read.
    campaign.server.host = QStringLiteral("smtp.example.com");
    campaign.server.username = QStringLiteral("news-%1@example.com").arg(m_run);
    window.document()->reset(campaign);
    {
        auto list = SuppressionList::openForAccount(campaign.server.host, campaign.server.username);
        QVERIFY_RESULT(list);
        SuppressionEntry entry;
        entry.address = QStringLiteral("bounced@example.org");
        entry.reason = SuppressionReason::HardBounce;
        QVERIFY_RESULT((*list)->add(entry));
    }
    action->trigger();
    QVERIFY(idle(*window.suppressionDialog()));
    QCOMPARE(shownAddresses(*window.suppressionDialog()),
             QStringList{QStringLiteral("bounced@example.org")});
    QVERIFY(window.suppressionDialog()->findChild<QLabel *>()->text().contains(
        campaign.server.username));
}

// Another program writes to the list (a send holds SQLite's write lock): the dialog's add waits
// for it on the worker thread, says that it is working and takes no second job, while the GUI
// thread goes on with its events; once the lock is free the add ends and says so.
void tst_SuppressionDialog::staysResponsiveWhileAnotherProgramWrites()
{
    SuppressionDialog dialog;
    dialog.openList(m_listPath, QStringLiteral("smtp.example.com"));
    QVERIFY(idle(dialog));
    QVERIFY(!dialog.isBusy());
    WriteLock lock(m_listPath);
    QVERIFY(lock.isHeld());

    QVERIFY(dialog.addAddress(QStringLiteral("held@example.org")));
    QVERIFY(dialog.isBusy());
    QVERIFY2(dialog.statusText().endsWith(QStringLiteral("Working on the suppression list…")),
             qPrintable(dialog.statusText()));
    QVERIFY(!dialog.addAddress(QStringLiteral("second@example.org")));
    QVERIFY(!button(&dialog, QStringLiteral("Import…"))->isEnabled());
    // The event loop runs while the job waits for the lock.
    QTimer tick;
    QSignalSpy ticks(&tick, &QTimer::timeout);
    tick.start(1);
    QVERIFY(ticks.wait());
    QVERIFY(ticks.wait());
    QVERIFY(dialog.isBusy());
    QVERIFY(shownAddresses(dialog).size() == 2);

    lock.release();
    QVERIFY(idle(dialog));
    QVERIFY2(dialog.statusText().contains(QStringLiteral("Added held@example.org")),
             qPrintable(dialog.statusText()));
    QVERIFY(shownAddresses(dialog).contains(QStringLiteral("held@example.org")));
    QVERIFY(button(&dialog, QStringLiteral("Import…"))->isEnabled());
}

// The account changes while a job on the first list waits: the job ends and its write stays,
// in order before the second list's read, but nothing of it shows with the second list.
void tst_SuppressionDialog::anotherListShowsNothingOfTheFirstsJob()
{
    const QString otherPath = m_directory.filePath(QStringLiteral("switch-%1.sqlite").arg(m_run));
    {
        Result<std::unique_ptr<SuppressionList>> other = SuppressionList::open(otherPath);
        QVERIFY_RESULT(other);
        SuppressionEntry entry;
        entry.address = QStringLiteral("only@example.net");
        QVERIFY_RESULT((*other)->add(entry));
    }
    SuppressionDialog dialog;
    dialog.openList(m_listPath, QStringLiteral("smtp.example.com"));
    QVERIFY(idle(dialog));
    WriteLock lock(m_listPath);
    QVERIFY(lock.isHeld());
    QVERIFY(dialog.addAddress(QStringLiteral("late@example.org")));
    dialog.openList(otherPath, QStringLiteral("smtp.example.net"));
    QCOMPARE(shownAddresses(dialog), QStringList()); // not the first list's entries
    lock.release();
    QVERIFY(idle(dialog));
    QCOMPARE(shownAddresses(dialog), QStringList{QStringLiteral("only@example.net")});
    QVERIFY2(!dialog.statusText().contains(QStringLiteral("Added")),
             qPrintable(dialog.statusText()));
    QVERIFY(*openList()->contains(QStringLiteral("late@example.org")));
}

// Closed while a job waits for another program's lock: the dialog goes at once (it never waits
// for the job), the job ends on its own and its write is kept, and nothing reaches the dialog.
void tst_SuppressionDialog::closingWhileAJobWaitsLosesNothing()
{
    auto *dialog = new SuppressionDialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->openList(m_listPath, QStringLiteral("smtp.example.com"));
    QVERIFY(idle(*dialog));
    WriteLock lock(m_listPath);
    QVERIFY(lock.isHeld());
    QVERIFY(dialog->addAddress(QStringLiteral("closing@example.org")));
    QPointer<SuppressionDialog> guard(dialog);
    dialog->close();
    QTRY_VERIFY(guard.isNull());
    lock.release();
    SerialJobs::pool()->waitForDone();
    QCoreApplication::processEvents();
    QVERIFY(*openList()->contains(QStringLiteral("closing@example.org")));
}

QTEST_MAIN(tst_SuppressionDialog)
#include "tst_suppressiondialog.moc"
