#include "../openandwait.h"
#include "mainwindow/mainwindow.h"

#include "account/accountsettingswidget.h"
#include "document/campaigndocument.h"
#include "mainwindow/guidedialog.h"
#include "mainwindow/sendarea.h"
#include "models/recipienttablemodel.h"
#include "send/sendcontroller.h"
#include "send/sendview.h"

#include "document/campaignfile.h"
#include "logging/logging.h"
#include "realservers.h"
#include "testcampaigns.h"
#include "testresult.h"

#include <QAccessible>
#include <QComboBox>
#include <QLabel>
#include <QLayout>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using State = SendController::State;

namespace {

// What a screen reader reads for a value label: its name, then its description (the value).
QString spoken(QWidget *widget)
{
    QAccessibleInterface *interface = QAccessible::queryAccessibleInterface(widget);
    if (interface == nullptr)
        return {};
    return interface->text(QAccessible::Name) + QStringLiteral(", ")
           + interface->text(QAccessible::Description);
}

// The send view's counter whose label reads `name` (its accessible name).
QLabel *counter(SendView *view, const QString &name)
{
    const QList<QLabel *> labels = view->findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->accessibleName() == name)
            return label;
    }
    return nullptr;
}

Campaign campaignOf(int recipients, const QString &host, quint16 port)
{
    Campaign campaign = sendableTestCampaign(QStringLiteral("Spring news"), host, port, recipients);
    campaign.sending.rateLimits.perSecond = 50;
    campaign.sending.maxMessagesPerConnection = 10;
    return campaign;
}

} // namespace

// What a newcomer meets: a rehearsal in its own words that leaves the real statuses alone, a
// main action that never overflows, numbers that belong to the document, and a way in that
// stays until the first rehearsal; each value readable by a screen reader.
class TestFirstSteps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { shutdownLogging(); }
    void rehearsalHasItsOwnWordsAndARealSendStillSendsEverybody();
    void mainActionStaysVisibleAndFollowsTheMode();
    void numbersResetWithTheDocumentAndAgree();
    void firstStepsStayUntilTheFirstRehearsal();
    void accountCombosHaveALabelRelationAndTheEstimateAValue();

private:
    QTemporaryDir m_directory;
};

void TestFirstSteps::initTestCase()
{
    QVERIFY(m_directory.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat,
                       QSettings::UserScope,
                       m_directory.filePath(QStringLiteral("settings")));
    QSettings().clear();
    // Grouped thousands, as an office worker's locale writes them.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    LogOptions logging;
    logging.directory = m_directory.filePath(QStringLiteral("logs"));
    QVERIFY_RESULT(initializeLogging(logging));
}

void TestFirstSteps::rehearsalHasItsOwnWordsAndARealSendStillSendsEverybody()
{
    AiosmtpdServer server;
    QVERIFY(server.start());
    const QString path = m_directory.filePath(QStringLiteral("rehearse.bulkmail"));
    QVERIFY_RESULT(saveCampaign(campaignOf(36, server.host(), server.port()), path));

    MainWindow window;
    window.show();
    QVERIFY(openAndWait(window, path));
    window.sendView()->setRehearsal(true);
    // Before: where the messages go.
    QTRY_VERIFY2(window.sendArea()->summaryText().startsWith(
                     QStringLiteral("36 message(s) will be captured in the Outbox; nothing is "
                                    "delivered.")),
                 qPrintable(window.sendArea()->summaryText()));

    // During: the status and the first counter say "rehearsing" and "captured".
    QStringList during;
    connect(window.sendController(),
            &SendController::stateChanged,
            this,
            [&window, &during](State state) {
                if (state == State::Running) {
                    during.append(window.sendView()->statusText());
                    QLabel *captured = counter(window.sendView(),
                                               QStringLiteral("Captured in the Outbox"));
                    during.append(captured != nullptr ? spoken(captured) : QStringLiteral("?"));
                }
            });
    QVERIFY(window.startSending(false, false));
    QTRY_COMPARE_WITH_TIMEOUT(window.sendController()->state(), State::Finished, 30000);
    QVERIFY(!during.isEmpty());
    QVERIFY2(during.first().startsWith(QStringLiteral("Rehearsing: ")), qPrintable(during.first()));
    QVERIFY2(during.first().contains(QStringLiteral("nothing is delivered")),
             qPrintable(during.first()));
    QVERIFY2(during.at(1).startsWith(QStringLiteral("Captured in the Outbox, ")),
             qPrintable(during.at(1)));

    // After: its own sentence, and its own row status.
    QVERIFY2(window.sendView()->statusText().startsWith(
                 QStringLiteral("Rehearsed: 36 message(s) captured in the Outbox, nothing "
                                "delivered.")),
             qPrintable(window.sendView()->statusText()));
    QVERIFY(!window.sendView()->statusText().contains(QStringLiteral("got the message")));
    QCOMPARE(server.receivedMessages().size(), 0);
    RecipientTableModel *model = window.document()->recipientModel();
    const int statusColumn = static_cast<int>(RecipientTableModel::Column::Status);
    for (int row = 0; row < model->recipientCount(); ++row) {
        QCOMPARE(model->statusAt(row), std::nullopt); // the real statuses are untouched
        QCOMPARE(model->rehearsalStatusAt(row), std::optional(RecipientResult::Status::Sent));
        QCOMPARE(model->index(row, statusColumn).data().toString(), QStringLiteral("Rehearsed"));
    }
    QVERIFY(!model->hasSendResults());

    // A real send afterwards still sends everybody, once. Before it, nothing reads as sent.
    window.sendView()->setRehearsal(false);
    QCOMPARE(spoken(counter(window.sendView(), QStringLiteral("Sent"))), QStringLiteral("Sent, 0"));
    QCOMPARE(counter(window.sendView(), QStringLiteral("Remaining"))->text(), QStringLiteral("36"));
    QTRY_VERIFY(window.sendArea()->summaryText().startsWith(
        QStringLiteral("36 recipient(s) will receive this message through")));
    QSignalSpy finished(window.sendController(), &SendController::finished);
    QVERIFY(window.startSending(false, false));
    QVERIFY(finished.wait(30000));
    QCOMPARE(window.sendController()->mode(), SendMode::Deliver);
    QCOMPARE(window.sendController()->lastSummary()->sent, 36);
    QCOMPARE(window.sendController()->lastSummary()->previouslySent, 0);
    QVERIFY2(window.sendView()->statusText().startsWith(QStringLiteral("Done: ")),
             qPrintable(window.sendView()->statusText()));
    QSet<QByteArray> received;
    for (const ReceivedMessage &message : server.receivedMessages()) {
        for (const QByteArray &recipient : message.recipients)
            received.insert(recipient);
    }
    QCOMPARE(received.size(), 36);
    QCOMPARE(server.receivedMessages().size(), 36);
    for (int row = 0; row < model->recipientCount(); ++row) {
        QCOMPARE(model->statusAt(row), std::optional(RecipientResult::Status::Sent));
        QCOMPARE(model->index(row, statusColumn).data().toString(), QStringLiteral("Sent"));
    }
}

void TestFirstSteps::mainActionStaysVisibleAndFollowsTheMode()
{
    MainWindow window;
    window.resize(1180, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openSample();
    auto *toolBar = window.findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    auto *start = window.findChild<QAction *>(QStringLiteral("startAction"));
    QVERIFY(toolBar && start);

    // A long-named edit: the toolbar says "Undo", the whole command is its tooltip.
    RecipientTableModel *model = window.document()->recipientModel();
    model->addRecipients({Recipient{QStringLiteral("new@example.org"), QStringLiteral("New")}},
                         {},
                         QStringLiteral("Import 5 recipients from 通讯录 of the whole company "
                                        "for the spring newsletter.csv"));
    auto *undo = window.findChild<QAction *>(QStringLiteral("undoActionShort"));
    auto *redo = window.findChild<QAction *>(QStringLiteral("redoActionShort"));
    QVERIFY(undo && redo);
    QCOMPARE(undo->text(), QStringLiteral("Undo"));
    QCOMPARE(redo->text(), QStringLiteral("Redo"));
    QVERIFY2(undo->toolTip().contains(QStringLiteral("spring newsletter.csv")),
             qPrintable(undo->toolTip()));
    QCOMPARE(undo->statusTip(), undo->toolTip());
    QVERIFY(undo->isEnabled());
    QVERIFY(!redo->isEnabled());

    // The main action is on the toolbar itself, not in its overflow.
    // Lay the toolbar out as it shows now (its buttons took the new texts).
    QCoreApplication::sendPostedEvents();
    toolBar->layout()->activate();
    QWidget *startButton = toolBar->widgetForAction(start);
    QVERIFY(startButton);
    QVERIFY(startButton->isVisible());
    QVERIFY2(toolBar->rect().contains(startButton->geometry()),
             qPrintable(QStringLiteral("toolbar %1 wide, start at %2..%3")
                            .arg(toolBar->width())
                            .arg(startButton->geometry().left())
                            .arg(startButton->geometry().right())));

    // With the short words nothing at all overflows at this size.
    const QList<QAction *> onToolBar = toolBar->actions();
    for (QAction *action : onToolBar) {
        if (QWidget *button = toolBar->widgetForAction(action))
            QVERIFY2(button->isVisible(), qPrintable(action->text()));
    }

    // Undo from the toolbar undoes the edit.
    undo->trigger();
    QCOMPARE(model->recipientCount(), 36);
    QVERIFY(redo->isEnabled());

    // The label follows the mode in the toolbar, the menu (the same action) and the send view.
    QPushButton *viewStart = nullptr;
    const auto findViewStart = [&window](const QString &text) -> QPushButton * {
        const QList<QPushButton *> buttons = window.sendView()->findChildren<QPushButton *>();
        for (QPushButton *button : buttons) {
            if (button->text() == text)
                return button;
        }
        return nullptr;
    };
    QVERIFY(window.sendView()->isRehearsal());
    QCOMPARE(start->text(), QStringLiteral("&Start Rehearsal…"));
    viewStart = findViewStart(QStringLiteral("&Start Rehearsal…"));
    QVERIFY(viewStart);
    window.sendView()->setRehearsal(false);
    QCOMPARE(start->text(), QStringLiteral("&Start Sending…"));
    QCOMPARE(viewStart->text(), QStringLiteral("&Start Sending…"));
    QCOMPARE(qobject_cast<QToolButton *>(startButton)->text(), QStringLiteral("Start Sending…"));
    QCoreApplication::sendPostedEvents();
    toolBar->layout()->activate();
    QVERIFY(startButton->isVisible());
    QVERIFY(toolBar->rect().contains(startButton->geometry()));
}

void TestFirstSteps::numbersResetWithTheDocumentAndAgree()
{
    MainWindow window;
    window.show();
    window.openSample();
    QVERIFY(window.startSending(false, false));
    QTRY_COMPARE_WITH_TIMEOUT(window.sendController()->state(), State::Finished, 30000);
    SendView *view = window.sendView();
    QLabel *rate = counter(view, QStringLiteral("Rate"));
    QLabel *timeLeft = counter(view, QStringLiteral("Time left"));
    QLabel *remaining = counter(view, QStringLiteral("Remaining"));
    QVERIFY(rate && timeLeft && remaining);
    QVERIFY2(rate->text().contains(QStringLiteral("a second")), qPrintable(rate->text()));
    // Nothing left is not "0 s" left.
    QCOMPARE(timeLeft->text(), QStringLiteral("—"));
    QCOMPARE(spoken(rate), QStringLiteral("Rate, ") + rate->text());

    // 1,200 recipients, two invalid and one duplicate: 1,197 will receive it, and Remaining
    // says the same, grouped as the locale groups it.
    Campaign big = campaignOf(1200, QStringLiteral("smtp.example.org"), 587);
    big.recipients[5].email = QStringLiteral("not an address");
    big.recipients[6].email = QStringLiteral("also@@wrong");
    big.recipients[7].email = big.recipients[8].email;
    const QString path = m_directory.filePath(QStringLiteral("big.bulkmail"));
    QVERIFY_RESULT(saveCampaign(big, path));
    QVERIFY(openAndWait(window, path));
    window.sendView()->setRehearsal(false);
    QCOMPARE(rate->text(), QStringLiteral("—"));
    QCOMPARE(timeLeft->text(), QStringLiteral("—"));
    QCOMPARE(counter(view, QStringLiteral("Sent"))->text(), QStringLiteral("0"));
    QCOMPARE(remaining->text(), QStringLiteral("1,197"));
    QCOMPARE(spoken(remaining), QStringLiteral("Remaining, 1,197"));
    QTRY_VERIFY2(window.sendArea()->summaryText().startsWith(
                     QStringLiteral("1,197 recipient(s) will receive this message")),
                 qPrintable(window.sendArea()->summaryText()));

    // An import (here: added rows) moves Remaining with the list.
    window.document()->recipientModel()->addRecipients(
        {Recipient{QStringLiteral("one.more@example.org"), QStringLiteral("One")}});
    QCOMPARE(remaining->text(), QStringLiteral("1,198"));
    QTRY_VERIFY2(window.sendArea()->summaryText().startsWith(QStringLiteral("1,198 recipient(s)")),
                 qPrintable(window.sendArea()->summaryText()));

    // File → New: nothing of the last run or the last list.
    QAction *newAction = nullptr;
    const QList<QAction *> actions = window.findChildren<QAction *>();
    for (QAction *action : actions) {
        if (action->shortcut() == QKeySequence(QKeySequence::New))
            newAction = action;
    }
    QVERIFY(newAction);
    QVERIFY(window.save()); // no question about unsaved changes
    newAction->trigger();
    QCOMPARE(window.document()->recipientModel()->recipientCount(), 0);
    QCOMPARE(remaining->text(), QStringLiteral("0"));
    QCOMPARE(rate->text(), QStringLiteral("—"));
}

void TestFirstSteps::firstStepsStayUntilTheFirstRehearsal()
{
    QSettings().remove(QStringLiteral("guide"));
    {
        MainWindow window;
        window.show();
        auto *firstSteps = window.findChild<QLabel *>(QStringLiteral("firstSteps"));
        QVERIFY(firstSteps);
        QVERIFY(firstSteps->isVisible());
        QVERIFY(firstSteps->text().contains(QStringLiteral("Rehearse first")));

        // The guide: what a rehearsal is, why connections are reused, the shortcuts.
        auto *guideAction = window.findChild<QAction *>(QStringLiteral("guideAction"));
        QVERIFY(guideAction);
        QCOMPARE(guideAction->shortcut(), QKeySequence(QKeySequence::HelpContents));
        guideAction->trigger();
        auto *guide = window.findChild<GuideDialog *>();
        QVERIFY(guide);
        QVERIFY(guide->isVisible());
        const QString text = guide->plainText();
        QVERIFY(text.contains(QStringLiteral("What is a rehearsal?")));
        QVERIFY(text.contains(QStringLiteral("Why reuse connections?")));
        QVERIFY(text.contains(QStringLiteral("Keyboard shortcuts")));
        QVERIFY2(text.contains(QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText)
                               + QStringLiteral("\t"))
                     || text.contains(QStringLiteral("Save")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Ctrl+L")), qPrintable(text)); // the log
        guide->close();

        // Reopening the window before any rehearsal: still there.
    }
    {
        MainWindow window;
        window.show();
        auto *firstSteps = window.findChild<QLabel *>(QStringLiteral("firstSteps"));
        QVERIFY(firstSteps->isVisible());
        window.openSample();
        QVERIFY(window.startSending(false, false));
        QTRY_COMPARE_WITH_TIMEOUT(window.sendController()->state(), State::Finished, 30000);
        QVERIFY(!firstSteps->isVisible());
    }
    MainWindow later;
    later.show();
    QVERIFY(!later.findChild<QLabel *>(QStringLiteral("firstSteps"))->isVisible());
}

void TestFirstSteps::accountCombosHaveALabelRelationAndTheEstimateAValue()
{
    MainWindow window;
    AccountSettingsWidget *account = window.accountSettings();
    const QStringList expected{QStringLiteral("Provider"),
                               QStringLiteral("Security"),
                               QStringLiteral("Sign in with")};
    QStringList found;
    const QList<QComboBox *> combos = account->findChildren<QComboBox *>();
    for (QComboBox *combo : combos) {
        QAccessibleInterface *interface = QAccessible::queryAccessibleInterface(combo);
        const auto labels = interface->relations(QAccessible::Label);
        for (const auto &[label, relation] : labels) {
            const QString name = label->text(QAccessible::Name);
            for (const QString &wanted : expected) {
                if (name.startsWith(wanted))
                    found.append(wanted);
            }
        }
    }
    found.sort();
    QStringList sorted = expected;
    sorted.sort();
    QCOMPARE(found, sorted);

    // The estimate is read with its value, not only its name.
    account->setRecipientCount(2400);
    const QList<QLabel *> labels = account->findChildren<QLabel *>();
    QLabel *estimate = nullptr;
    for (QLabel *label : labels) {
        if (label->accessibleName() == QStringLiteral("Estimated sending time"))
            estimate = label;
    }
    QVERIFY(estimate);
    QVERIFY(!estimate->text().isEmpty());
    QCOMPARE(spoken(estimate), QStringLiteral("Estimated sending time, ") + estimate->text());
}

QTEST_MAIN(TestFirstSteps)
#include "tst_firststeps.moc"
