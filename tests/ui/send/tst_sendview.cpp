#include "send/resumestate.h"
#include "send/sendcontroller.h"
#include "send/sendview.h"

#include "document/campaignfile.h"
#include "journal/journallock.h"
#include "journal/sendjournal.h"
#include "runnertesthelpers.h"
#include "sandbox/sandboxserver.h"

#include <QAbstractItemModel>
#include <QAccessible>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using State = SendController::State;
using namespace std::chrono_literals;

namespace {

QPushButton *button(const SendView &view, const QString &text)
{
    const QList<QPushButton *> buttons = view.findChildren<QPushButton *>();
    for (QPushButton *candidate : buttons) {
        if (candidate->text().remove(u'&') == text)
            return candidate;
    }
    return nullptr;
}

// How many messages each address received at the sandbox.
QHash<QString, int> receivedCounts(const SandboxServer &sandbox)
{
    QHash<QString, int> counts;
    for (const CapturedMessage &message : sandbox.messages()) {
        for (const QString &recipient : message.recipients)
            ++counts[recipient];
    }
    return counts;
}

} // namespace

class TestSendView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setTestLogLevel(); }
    void sendsToTheSandboxAndReaches100Percent();
    void pauseHoldsAndResumeFinishes();
    void cancelStopsAndARestartedRunSendsNobodyTwice();
    void failuresAreListedWithTheServersAnswer();
    void holdBackIsExplained();
    void unconfirmedRecipientsCanBeMarkedSent();
    void secondRunIsRefusedNamingTheOtherRun();

private:
    QTemporaryDir m_directory;
};

void TestSendView::sendsToTheSandboxAndReaches100Percent()
{
    SandboxServer sandbox;
    QVERIFY_RESULT(sandbox.start({}));
    SendController controller;
    SendView view(&controller);
    QSignalSpy states(&controller, &SendController::stateChanged);
    DeliverySettings settings = fastSettings();
    settings.maxMessagesPerConnection = 50;
    controller.start(makePlan(120, QStringLiteral("127.0.0.1"), sandbox.port(), settings));
    QCOMPARE(controller.state(), State::Running);
    QVERIFY(!button(view, QStringLiteral("Start Sending…"))->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, 30000);

    auto *bar = view.findChild<QProgressBar *>();
    QCOMPARE(bar->value(), bar->maximum());
    QCOMPARE(bar->maximum(), 120);
    QVERIFY2(view.statusText().startsWith(QStringLiteral("Done")), qPrintable(view.statusText()));
    QVERIFY(view.statusText().contains(QStringLiteral("3 connection(s) used")));
    QCOMPARE(controller.lastSummary()->sent, 120);
    QCOMPARE(sandbox.messageCount(), 120);
    QCOMPARE(states.first().at(0).value<State>(), State::Running);
    QCOMPARE(states.last().at(0).value<State>(), State::Finished);
    QVERIFY(button(view, QStringLiteral("Start Sending…"))->isEnabled());
    QVERIFY(!button(view, QStringLiteral("Retry Failed"))->isEnabled());
}

void TestSendView::pauseHoldsAndResumeFinishes()
{
    SandboxServer sandbox;
    QVERIFY_RESULT(sandbox.start({}));
    SendController controller;
    SendView view(&controller);
    DeliverySettings settings = fastSettings();
    settings.rateLimits.perSecond = 40;
    // The one connection closes after a second with nothing to send: the event that shows
    // the pause held, without a sleep.
    settings.idleTimeout = 1s;
    QList<ConnectionEvent> closed;
    connect(&controller,
            &SendController::connectionEvents,
            &view,
            [&closed](const QList<ConnectionEvent> &events) {
                for (const ConnectionEvent &event : events) {
                    if (event.kind == ConnectionEvent::Kind::Closed)
                        closed.append(event);
                }
            });
    controller.start(makePlan(60, QStringLiteral("127.0.0.1"), sandbox.port(), settings));
    QTRY_VERIFY_WITH_TIMEOUT(sandbox.messageCount() >= 5, 10000);

    button(view, QStringLiteral("Pause"))->click();
    QCOMPARE(controller.state(), State::Paused);
    QVERIFY(view.statusText().startsWith(QStringLiteral("Paused")));
    QCOMPARE(button(view, QStringLiteral("Resume"))->isEnabled(), true);
    // What was in flight finishes; then nothing more goes out: the connection sits idle for
    // its whole idle timeout and is closed for it, which a send in between would have reset.
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 20000);
    QCOMPARE(closed.constFirst().reason, CloseReason::Idle);
    const int atPause = sandbox.messageCount();
    QCOMPARE(closed.constFirst().messagesSent, atPause);
    QVERIFY(atPause < 60);
    QCOMPARE(controller.state(), State::Paused);

    button(view, QStringLiteral("Resume"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, 30000);
    QCOMPARE(sandbox.messageCount(), 60);
    const QHash<QString, int> counts = receivedCounts(sandbox);
    QCOMPARE(counts.size(), 60);
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        QCOMPARE(it.value(), 1);
}

void TestSendView::cancelStopsAndARestartedRunSendsNobodyTwice()
{
    SandboxServer sandbox;
    QVERIFY_RESULT(sandbox.start({}));
    DeliverySettings settings = fastSettings();
    settings.rateLimits.perSecond = 40;
    CampaignPlan plan = makePlan(80, QStringLiteral("127.0.0.1"), sandbox.port(), settings);
    const QString path = m_directory.filePath(QStringLiteral("resume.bulkmail"));
    QVERIFY_RESULT(saveCampaign(plan.campaign, path));
    plan.campaign.filePath = path; // the journal lives beside it

    {
        SendController controller;
        SendView view(&controller);
        controller.start(plan);
        QTRY_VERIFY_WITH_TIMEOUT(sandbox.messageCount() >= 10, 10000);
        button(view, QStringLiteral("Cancel"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, 20000);
        QVERIFY(controller.lastSummary()->cancelled);
        QVERIFY(view.statusText().startsWith(QStringLiteral("Cancelled")));
        QCOMPARE(controller.lastSummary()->sent, sandbox.messageCount());
    } // the window closes

    // Reopening: the journal says how far it got.
    const Result<ResumeState> state = readResumeState(plan.campaign);
    QVERIFY_RESULT(state);
    QCOMPARE(state->sent, sandbox.messageCount());
    QVERIFY(state->unconfirmed.isEmpty());
    SendController controller;
    SendView view(&controller);
    view.setResumeState(*state);
    QVERIFY2(view.statusText().contains(QString::number(state->sent)),
             qPrintable(view.statusText()));
    controller.start(plan);
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, 30000);
    QCOMPARE(controller.lastSummary()->previouslySent, state->sent);
    QCOMPARE(sandbox.messageCount(), 80);
    const QHash<QString, int> counts = receivedCounts(sandbox);
    QCOMPARE(counts.size(), 80);
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(it.key()));
}

void TestSendView::failuresAreListedWithTheServersAnswer()
{
    SandboxServer sandbox;
    SandboxOptions options;
    options.refusedRecipients = {recipientAddress(1)};
    QVERIFY_RESULT(sandbox.start(options));
    SendController controller;
    SendView view(&controller);
    controller.start(makePlan(3, QStringLiteral("127.0.0.1"), sandbox.port()));
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, 20000);
    QCOMPARE(view.failureCount(), 1);
    QVERIFY(view.statusText().startsWith(QStringLiteral("Finished: 2 sent, 1 failed")));
    // The row the user reads: who, the server's code, its own words, how many attempts.
    const QList<QTableView *> tables = view.findChildren<QTableView *>();
    const auto failures = std::find_if(tables.cbegin(), tables.cend(), [](QTableView *table) {
        return table->accessibleName() == QLatin1String("Failures and delays");
    });
    QVERIFY(failures != tables.cend());
    const QAbstractItemModel *model = (*failures)->model();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, 0).data().toString(), recipientAddress(1));
    QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("Failed"));
    QCOMPARE(model->index(0, 2).data().toString(), QStringLiteral("550"));
    const QString answer = model->index(0, 3).data().toString();
    QVERIFY2(answer.contains(QStringLiteral("5.1.1"))
                 && answer.contains(QStringLiteral("Recipient address rejected: mailbox "
                                                   "unavailable (sandbox)")),
             qPrintable(answer));
    QCOMPARE(model->index(0, 4).data().toString(), QStringLiteral("1"));
    QVERIFY(button(view, QStringLiteral("Retry Failed"))->isEnabled());
    QSignalSpy start(&view, &SendView::startRequested);
    button(view, QStringLiteral("Retry Failed"))->click();
    QCOMPARE(start.count(), 1);
    QCOMPARE(start.first().at(0).toBool(), true);
}

void TestSendView::holdBackIsExplained()
{
    SandboxServer sandbox;
    QVERIFY_RESULT(sandbox.start({}));
    SendController controller;
    SendView view(&controller);
    DeliverySettings settings = fastSettings();
    // Two a minute is paced evenly: one message, then 30 s until the next.
    settings.rateLimits.perMinute = 2;
    controller.start(makePlan(4, QStringLiteral("127.0.0.1"), sandbox.port(), settings));
    QTRY_COMPARE_WITH_TIMEOUT(sandbox.messageCount(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(view.holdText().startsWith(QStringLiteral(
                                 "The limit per minute is reached: next message in")),
                             5000);
    // A screen reader hears the wait, not only the label's name.
    QLabel *hold = nullptr;
    const QList<QLabel *> labels = view.findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->accessibleName() == QStringLiteral("Why sending waits"))
            hold = label;
    }
    QVERIFY(hold);
    QAccessibleInterface *spoken = QAccessible::queryAccessibleInterface(hold);
    QCOMPARE(spoken->text(QAccessible::Name), QStringLiteral("Why sending waits"));
    QCOMPARE(spoken->text(QAccessible::Description), view.holdText());
    QCOMPARE(sandbox.messageCount(), 1);
    controller.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, 20000);
}

void TestSendView::unconfirmedRecipientsCanBeMarkedSent()
{
    Campaign campaign = makePlan(3, QStringLiteral("127.0.0.1"), 1).campaign;
    const QString path = m_directory.filePath(QStringLiteral("unconfirmed.bulkmail"));
    QVERIFY_RESULT(saveCampaign(campaign, path));
    campaign.filePath = path;
    {
        // A run that was killed after recipient 1's final dot left: in flight, no outcome.
        auto journal = SendJournal::open(SendJournal::pathFor(path),
                                         campaign.recipients,
                                         SystemClock::instance());
        QVERIFY_RESULT(journal);
        JournalEntry sent{JournalEntry::Kind::Sent, 0, recipientAddress(0), 1, 1, 250};
        QVERIFY_RESULT((*journal)->append(sent));
        JournalEntry inFlight{JournalEntry::Kind::InFlight, 1, recipientAddress(1), 1, 1};
        QVERIFY_RESULT((*journal)->append(inFlight));
    }
    Result<ResumeState> state = readResumeState(campaign);
    QVERIFY_RESULT(state);
    QCOMPARE(state->sent, 1);
    QCOMPARE(state->unconfirmed.size(), 1);
    QCOMPARE(state->unconfirmed.first().email, recipientAddress(1));

    SendController controller;
    SendView view(&controller);
    view.setResumeState(*state);
    QVERIFY(view.recipientsToMarkSent().isEmpty()); // resend is the default
    button(view, QStringLiteral("Mark All as Sent"))->click();
    QCOMPARE(view.recipientsToMarkSent(), QList<int>{1});
    button(view, QStringLiteral("Resend All"))->click();
    QVERIFY(view.recipientsToMarkSent().isEmpty());
    button(view, QStringLiteral("Mark All as Sent"))->click();

    QVERIFY_RESULT(markUnconfirmedAsSent(campaign, view.recipientsToMarkSent()));
    state = readResumeState(campaign);
    QVERIFY_RESULT(state);
    QCOMPARE(state->sent, 2);
    QVERIFY(state->unconfirmed.isEmpty());
}

void TestSendView::secondRunIsRefusedNamingTheOtherRun()
{
    // Another window (or the CLI) sends this campaign: its run lock is held.
    SandboxServer sandbox;
    QVERIFY_RESULT(sandbox.start({}));
    CampaignPlan plan = makePlan(3, QStringLiteral("127.0.0.1"), sandbox.port());
    plan.campaign.filePath = m_directory.filePath(QStringLiteral("locked.bulkmail"));
    const QString journal = SendJournal::pathFor(plan.campaign.filePath);
    {
        ForeignLockHolder other(JournalLock::pathFor(journal));
        SendController controller;
        SendView view(&controller);
        controller.start(plan);
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, 30000);
        QVERIFY2(view.statusText().contains(
                     QStringLiteral("already being sent by another Bulkmail (sleep, process %1 on "
                                    "%2)")
                         .arg(other.pid())
                         .arg(QSysInfo::machineHostName())),
                 qPrintable(view.statusText()));
    }
    auto sameProcess = JournalLock::acquire(journal); // another window
    QVERIFY(sameProcess);
    SendController controller;
    SendView view(&controller);
    controller.start(plan);
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, 30000);
    QVERIFY2(view.statusText().contains(QStringLiteral("from another window")),
             qPrintable(view.statusText()));
    QCOMPARE(sandbox.messageCount(), 0);
}

QTEST_MAIN(TestSendView)
#include "tst_sendview.moc"
