#include "../openandwait.h"
#include "mainwindow/mainwindow.h"

#include "document/campaigndocument.h"
#include "mainwindow/recentfiles.h"
#include "models/recipienttablemodel.h"
#include "recipients/recipientsview.h"
#include "send/resumestate.h"
#include "send/sendcontroller.h"

#include "document/campaignfile.h"
#include "logging/logging.h"
#include "scriptedsmtpserver.h"
#include "testcampaigns.h"
#include "testresult.h"

#include <QAction>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;
using State = SendController::State;
using Status = RecipientResult::Status;

namespace {

// A campaign of `count` recipients to the scripted server, saved at `path`.
Campaign makeCampaign(const QString &name, int count, quint16 port)
{
    Campaign campaign = sendableTestCampaign(name, QStringLiteral("127.0.0.1"), port, count);
    campaign.server.heloName = QStringLiteral("client.example.org");
    campaign.sending.maxConnections = 1;
    campaign.sending.timeouts.finalDot = 30s;
    return campaign;
}

// The window's question about stopping the send, once it shows.
QMessageBox *stopQuestion(const MainWindow &window)
{
    QMessageBox *box = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] {
            box = window.findChild<QMessageBox *>(QStringLiteral("stopSendingQuestion"));
            return box && box->isVisible();
        },
        5000);
    return shown ? box : nullptr;
}

QPushButton *buttonOf(QMessageBox *box, const QString &text)
{
    const QList<QAbstractButton *> buttons = box->buttons();
    for (QAbstractButton *button : buttons) {
        if (button->text().remove(u'&') == text)
            return qobject_cast<QPushButton *>(button);
    }
    return nullptr;
}

QAction *actionNamed(const MainWindow &window, const QString &prefix)
{
    const QList<QAction *> actions = window.findChildren<QAction *>();
    for (QAction *action : actions) {
        if (action->text().remove(u'&').startsWith(prefix))
            return action;
    }
    return nullptr;
}

} // namespace

// The desktop app keeps the engine's promises: results reach the rows they are for, the list
// cannot change under a running send, another campaign cannot take its place unasked, and
// closing the window during a send waits for what is on the wire and records it.
class TestSendingWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { shutdownLogging(); }
    void theListIsLockedWhileSendingAndUnlockedAfter();
    void openingAnotherCampaignDuringASendAsksFirst();
    void closingDuringASendRecordsWhatTheServerAccepted();

private:
    QTemporaryDir m_directory;
};

void TestSendingWindow::initTestCase()
{
    QVERIFY(m_directory.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat,
                       QSettings::UserScope,
                       m_directory.filePath(QStringLiteral("settings")));
    LogOptions logging;
    logging.directory = m_directory.filePath(QStringLiteral("logs"));
    QVERIFY_RESULT(initializeLogging(logging));
}

void TestSendingWindow::theListIsLockedWhileSendingAndUnlockedAfter()
{
    ScriptedSmtpServer server;
    server.delayFinalDotReply(150ms); // slow enough to act during the send
    const QString path = m_directory.filePath(QStringLiteral("locked.bulkmail"));
    QVERIFY_RESULT(
        saveCampaign(makeCampaign(QStringLiteral("Locked"), 12, server.serverPort()), path));
    MainWindow window;
    window.show();
    QVERIFY(openAndWait(window, path));
    RecipientTableModel *model = window.document()->recipientModel();
    RecipientsView *view = window.recipientsView();
    // An edit of the list before sending: undoing it while sending must wait.
    QVERIFY(model->setData(model->index(3, 1), QStringLiteral("Renamed")));
    QAction *undo = actionNamed(window, QStringLiteral("Undo"));
    QVERIFY(undo);
    QVERIFY(undo->isEnabled());

    QVERIFY(window.startSending(false, false));
    QTRY_COMPARE_WITH_TIMEOUT(window.sendController()->state(), State::Running, 10000);
    QVERIFY(!window.document()->isModified()); // saved first, the edit included
    QVERIFY(model->isReadOnly());
    QVERIFY(view->lockNoticeText().contains(QStringLiteral("locked while “Locked” is being sent")));
    QVERIFY(!view->addRecipientAction()->isEnabled());
    QVERIFY(!view->pasteAction()->isEnabled());
    QVERIFY(!view->importCsvAction()->isEnabled());
    QVERIFY(!view->deleteAction()->isEnabled());
    QVERIFY(view->exportCsvAction()->isEnabled());
    QVERIFY(!undo->isEnabled());

    // Every way in is refused, and nothing changes.
    const QList<Recipient> before = model->recipients();
    QVERIFY(!model->setData(model->index(0, 0), QStringLiteral("other@example.org")));
    model->removeRecipientRows({0, 1});
    view->pasteText(QStringLiteral("pasted@example.org\tPasted"));
    view->addRecipientAction()->trigger();
    // A CSV dropped on the window is not imported; the status bar says why.
    const QString csv = m_directory.filePath(QStringLiteral("more.csv"));
    {
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("email,name\ndropped@example.org,Dropped\n");
    }
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(csv)});
    const QPoint inWindow(5, 5);
    QDragEnterEvent enter(inWindow, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(inWindow), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    QVERIFY(drop.isAccepted());
    QTRY_COMPARE(window.statusBar()->currentMessage(), model->readOnlyReason());
    QCOMPARE(model->recipients(), before);
    QVERIFY(window.sendController()->isActive());

    QTRY_COMPARE_WITH_TIMEOUT(window.sendController()->state(), State::Finished, 30000);
    QVERIFY(!model->isReadOnly());
    QVERIFY(view->lockNoticeText().isEmpty());
    QVERIFY(view->addRecipientAction()->isEnabled());
    QVERIFY(undo->isEnabled());
    // Each row got its own result: the address the server accepted is the row's.
    QCOMPARE(server.receivedMessages().size(), 12);
    for (int row = 0; row < model->recipientCount(); ++row)
        QCOMPARE(model->statusAt(row), std::optional(Status::Sent));
    // Editable again, and the edit from before can be undone.
    undo->trigger();
    QCOMPARE(model->recipientAt(3).name, QStringLiteral("User 3"));
}

void TestSendingWindow::openingAnotherCampaignDuringASendAsksFirst()
{
    ScriptedSmtpServer server;
    server.delayFinalDotReply(200ms);
    // Two campaigns with the same addresses in the same order: a result keyed by row number
    // would land on the other campaign's rows.
    const QString first = m_directory.filePath(QStringLiteral("first.bulkmail"));
    const QString second = m_directory.filePath(QStringLiteral("second.bulkmail"));
    QVERIFY_RESULT(
        saveCampaign(makeCampaign(QStringLiteral("First"), 30, server.serverPort()), first));
    QVERIFY_RESULT(
        saveCampaign(makeCampaign(QStringLiteral("Second"), 30, server.serverPort()), second));
    MainWindow window;
    window.show();
    QVERIFY(openAndWait(window, first));
    QVERIFY(window.startSending(false, false));
    QTRY_VERIFY_WITH_TIMEOUT(server.receivedMessages().size() >= 2, 10000);

    // Opened directly (a file on the command line): refused while the send runs.
    QVERIFY(!window.openFile(second));
    QCOMPARE(window.document()->filePath(), first);

    // From the recent files: the window asks. Keep sending: nothing changes.
    auto *recent = window.findChild<RecentFiles *>();
    QVERIFY(recent);
    Q_EMIT recent->openRequested(second);
    QMessageBox *question = stopQuestion(window);
    QVERIFY(question);
    QVERIFY(question->text().contains(QStringLiteral("“First” is being sent")));
    buttonOf(question, QStringLiteral("Keep Sending"))->click();
    QCOMPARE(window.document()->filePath(), first);
    QVERIFY(window.sendController()->isActive());

    // Stop and open: the messages on their way finish first, then the other campaign opens.
    Q_EMIT recent->openRequested(second);
    question = stopQuestion(window);
    QVERIFY(question);
    buttonOf(question, QStringLiteral("Stop Sending and Open"))->click();
    QCOMPARE(window.document()->filePath(), first); // not yet: the send is finishing
    auto *stopping = window.findChild<QProgressDialog *>(QStringLiteral("stoppingSendDialog"));
    QVERIFY(stopping && stopping->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(window.document()->filePath(), second, 20000);
    QCOMPARE(window.sendController()->state(), State::Finished);
    QVERIFY(window.sendController()->lastSummary()->cancelled);
    const int accepted = int(server.receivedMessages().size());
    QVERIFY(accepted < 30);

    // The second campaign was never sent: none of the first one's results are on its rows,
    // and its list can be edited.
    RecipientTableModel *model = window.document()->recipientModel();
    QCOMPARE(model->recipientCount(), 30);
    QVERIFY(!model->hasSendResults());
    QVERIFY(!model->isReadOnly());
    // The first campaign's journal has every message the server accepted.
    const Result<Campaign> sent = loadCampaign(first);
    QVERIFY_RESULT(sent);
    const Result<ResumeState> journal = readResumeState(*sent);
    QVERIFY_RESULT(journal);
    QCOMPARE(journal->sent, accepted);
    QVERIFY(journal->unconfirmed.isEmpty());
}

void TestSendingWindow::closingDuringASendRecordsWhatTheServerAccepted()
{
    ScriptedSmtpServer server;
    // The final dot's reply takes a while: when the window is closed, a message is on the wire.
    server.delayFinalDotReply(800ms);
    const QString path = m_directory.filePath(QStringLiteral("closing.bulkmail"));
    QVERIFY_RESULT(
        saveCampaign(makeCampaign(QStringLiteral("Closing"), 20, server.serverPort()), path));
    auto window = std::make_unique<MainWindow>();
    window->show();
    QVERIFY(openAndWait(*window, path));
    QVERIFY(window->startSending(false, false));
    QSignalSpy accepted(&server, &ScriptedSmtpServer::messageAccepted);
    QTRY_VERIFY_WITH_TIMEOUT(accepted.count() >= 2, 20000);
    // A message is on its way (its DATA went out, its final dot's reply has not come back).
    const auto dataCommands = [&server] {
        return int(server.commandsOn(1).count(QByteArrayLiteral("DATA")));
    };
    QTRY_VERIFY_WITH_TIMEOUT(dataCommands() > accepted.count(), 10000);
    const int acceptedAtStop = int(accepted.count());

    QVERIFY(!window->close()); // not at once: it asks
    QMessageBox *question = stopQuestion(*window);
    QVERIFY(question);
    QVERIFY(question->text().contains(QStringLiteral("at most 30 second")));
    buttonOf(question, QStringLiteral("Stop and Close"))->click();
    // The window stays open, saying that it is stopping, until the run has finished.
    QVERIFY(window->isVisible());
    auto *stopping = window->findChild<QProgressDialog *>(QStringLiteral("stoppingSendDialog"));
    QVERIFY(stopping && stopping->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), 20000);
    QCOMPARE(window->sendController()->state(), State::Finished);
    QVERIFY(window->sendController()->lastSummary()->cancelled);
    window.reset();
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnectionCount(), 0, 10000);

    // Every message the server accepted is recorded as sent; nothing was left unconfirmed.
    const QList<ScriptedMessage> messages = server.receivedMessages();
    QVERIFY(messages.size() > acceptedAtStop); // what was on the wire was finished
    QVERIFY(messages.size() < 20);
    const Result<Campaign> campaign = loadCampaign(path);
    QVERIFY_RESULT(campaign);
    const Result<ResumeState> journal = readResumeState(*campaign);
    QVERIFY_RESULT(journal);
    QVERIFY(journal->unconfirmed.isEmpty());
    QCOMPARE(journal->sent, int(messages.size()));
    QHash<QString, Status> recorded;
    for (const RecipientResult &result : journal->results)
        recorded.insert(result.email, result.status);
    for (const ScriptedMessage &message : messages) {
        const QString email = QString::fromUtf8(message.recipients.value(0));
        QVERIFY2(recorded.value(email, Status::Failed) == Status::Sent, qPrintable(email));
    }
    QCOMPARE(server.quitCount(), server.connectionCount());
}

QTEST_MAIN(TestSendingWindow)
#include "tst_sendingwindow.moc"
