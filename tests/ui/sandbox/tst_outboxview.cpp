#include "sandbox/outboxmodel.h"
#include "sandbox/outboxview.h"
#include "sandbox/sandboxserver.h"
#include "widgets/safehtmlbrowser.h"

#include "runnertesthelpers.h"

#include <QApplication>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

#include <algorithm>

using namespace Bulkmail;
using namespace Bulkmail::Test;

namespace {

const QString trackerUrl = QStringLiteral("http://tracker.example.com/open.gif");

// The runner plan of the suites, with an HTML body that asks for a remote image.
CampaignPlan htmlPlan(int recipients, quint16 port)
{
    CampaignPlan plan = makePlan(recipients, QStringLiteral("127.0.0.1"), port);
    plan.campaign.message.html = QStringLiteral("<p>Dear <b>{{name}}</b>,</p><p>see below.</p>"
                                                "<img src=\"")
                                 + trackerUrl + QStringLiteral("\">");
    return plan;
}

// Sends `plan` through Bulkmail's own engine and waits for the end.
CampaignSummary send(const CampaignPlan &plan, QString *closeReasons = nullptr)
{
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(plan);
    if (!recorder.waitForFinished(60'000))
        return {};
    if (closeReasons)
        *closeReasons = recorder.closeReasonList();
    return recorder.summary();
}

template<typename T>
T *child(const QWidget &parent, const char *name)
{
    return parent.findChild<T *>(QLatin1String(name));
}

QString fieldText(const OutboxView &view, const char *name)
{
    const auto *field = child<QLineEdit>(view, name);
    return field ? field->text() : QStringLiteral("<no field %1>").arg(QLatin1String(name));
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Replaces a spin box's value the way a user does: select all, type, Enter.
void typeIntoSpin(QSpinBox *spin, const QString &text)
{
    spin->setFocus();
    QTest::keyClick(spin, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(spin, text);
    QTest::keyClick(spin, Qt::Key_Return);
}

} // namespace

class TestOutboxView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        setTestLogLevel();
    }
    void showsACampaignAsTheRecipientSeesIt();
    void refusedRecipientsAndRateApplyLive();
    void clearEmptiesTheOutbox();
    void startsFromTheServersStateAndSaysWhenStopped();
    void everyInputIsNamedAndReachable();
};

void TestOutboxView::showsACampaignAsTheRecipientSeesIt()
{
    SandboxServer sandbox;
    QVERIFY_RESULT(sandbox.start({}));
    OutboxView view(&sandbox);
    view.resize(1100, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    const CampaignSummary first = send(htmlPlan(30, sandbox.port()));
    QCOMPARE(first.fatalError, QString());
    QCOMPARE(first.sent, 30);
    QTRY_COMPARE(view.model()->rowCount(), 30);
    QTRY_COMPARE(view.summaryText(),
                 QStringLiteral("Sandbox on 127.0.0.1:%1: 30 message(s) captured on 1 "
                                "connection(s); nothing is delivered.")
                     .arg(sandbox.port()));

    // Row 3 is the third message: recipient user2, with its own merged subject and text.
    QTest::mouseClick(view.table()->viewport(),
                      Qt::LeftButton,
                      {},
                      view.table()->visualRect(view.model()->index(2, 3)).center());
    QVERIFY(view.selectedMessage());
    QCOMPARE(view.selectedMessage()->recipients, QStringList{recipientAddress(2)});
    QCOMPARE(fieldText(view, "subjectField"), QStringLiteral("Hello User 2"));
    QCOMPARE(fieldText(view, "fromField"), QStringLiteral("Sender <sender@example.com>"));
    QCOMPARE(fieldText(view, "toField"), QStringLiteral("User 2 <user2@example.org>"));
    QVERIFY(!fieldText(view, "dateField").isEmpty());
    QCOMPARE(child<QPlainTextEdit>(view, "textBody")->toPlainText(),
             QStringLiteral("Dear User 2,\n\nthis is for user2@example.org.\n"));
    QCOMPARE(view.htmlBrowser()->toPlainText().section(u'\n', 0, 0), QStringLiteral("Dear User 2,"));
    QVERIFY(child<QPlainTextEdit>(view, "headersText")
                ->toPlainText()
                .contains(QStringLiteral("Subject: Hello User 2")));
    QCOMPARE(child<QListWidget>(view, "attachmentList")->item(0)->text(),
             QStringLiteral("No attachments"));

    // The keyboard moves through the messages.
    view.table()->setFocus();
    QTest::keyClick(view.table(), Qt::Key_Down);
    QCOMPARE(fieldText(view, "subjectField"), QStringLiteral("Hello User 3"));
    QTest::keyClick(view.table(), Qt::Key_Up);
    QCOMPARE(fieldText(view, "subjectField"), QStringLiteral("Hello User 2"));

    // The HTML viewer never loads remote content, even when asked directly; data: URLs work.
    auto *bodyTabs = child<QTabWidget>(view, "bodyTabs");
    bodyTabs->setCurrentWidget(view.htmlBrowser());
    QTRY_VERIFY(view.htmlBrowser()->blockedResources().contains(QUrl(trackerUrl)));
    QVERIFY(
        !view.htmlBrowser()->loadResource(QTextDocument::ImageResource, QUrl(trackerUrl)).isValid());
    QVERIFY(!view.htmlBrowser()
                 ->loadResource(QTextDocument::ImageResource,
                                QUrl(QStringLiteral("https://example.com/a.png")))
                 .isValid());
    QCOMPARE(view.htmlBrowser()
                 ->loadResource(QTextDocument::ImageResource,
                                QUrl(QStringLiteral("data:text/plain;base64,aGk=")))
                 .toByteArray(),
             QByteArray("hi"));

    // Save as .eml writes the exact bytes the sandbox captured.
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    QCOMPARE(OutboxView::suggestedFileName(*view.selectedMessage()),
             QStringLiteral("00003-user2@example.org.eml"));
    const QString path = directory.filePath(QStringLiteral("third.eml"));
    QVERIFY(child<QPushButton>(view, "saveButton")->isEnabled());
    QVERIFY_RESULT(view.saveSelectedMessage(path));
    const QByteArray expected = sandbox.messages().at(2).data;
    QVERIFY(expected.contains("Hello User 2"));
    QCOMPARE(readFile(path), expected);

    // Act like a provider: 5 messages per connection, then 421. The engine itself has no limit,
    // so every new connection below is the sandbox's doing.
    auto *perConnection = child<QSpinBox>(view, "perConnectionSpin");
    typeIntoSpin(perConnection, QStringLiteral("5"));
    QCOMPARE(perConnection->value(), 5);
    QCOMPARE(sandbox.options().maxMessagesPerConnection, 5);
    QVERIFY(perConnection->accessibleDescription().contains(QStringLiteral("421")));
    QString closeReasons;
    const CampaignSummary second = send(htmlPlan(12, sandbox.port()), &closeReasons);
    QCOMPARE(second.sent, 12);
    QCOMPARE(closeReasons, QStringLiteral("1:server-421 2:server-421 3:finished"));
    QCOMPARE(sandbox.connectionCount(), 1 + 3);
    QTRY_COMPARE(view.model()->rowCount(), 42);
    QCOMPARE(
        view.model()->data(view.model()->index(41, int(OutboxModel::Column::Connection))).toString(),
        QStringLiteral("#4"));
    QTRY_VERIFY2(view.summaryText().contains(
                     QStringLiteral("42 message(s) captured on 4 connection(s)")),
                 qPrintable(view.summaryText()));
    // The selection stayed on the message the user picked.
    QCOMPARE(fieldText(view, "subjectField"), QStringLiteral("Hello User 2"));
}

void TestOutboxView::refusedRecipientsAndRateApplyLive()
{
    SandboxServer sandbox;
    QVERIFY_RESULT(sandbox.start({}));
    OutboxView view(&sandbox);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy changed(&view, &OutboxView::providerBehaviourChanged);

    auto *refused = child<QLineEdit>(view, "refusedRecipientsEdit");
    refused->setFocus();
    QTest::keyClicks(refused, QStringLiteral("user1@example.org; USER3@example.org"));
    QCOMPARE(sandbox.options().refusedRecipients,
             (QStringList{QStringLiteral("user1@example.org"),
                          QStringLiteral("USER3@example.org")}));
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.last().at(2).toStringList(), sandbox.options().refusedRecipients);

    const CampaignSummary summary = send(makePlan(5, QStringLiteral("127.0.0.1"), sandbox.port()));
    QCOMPARE(summary.sent, 3);
    QCOMPARE(summary.failed, 2);
    QTRY_COMPARE(view.model()->rowCount(), 3);
    QCOMPARE(view.model()->messageAt(1)->recipients, QStringList{recipientAddress(2)});

    auto *perMinute = child<QSpinBox>(view, "perMinuteSpin");
    QCOMPARE(perMinute->text(), QStringLiteral("Off"));
    typeIntoSpin(perMinute, QStringLiteral("2"));
    QCOMPARE(sandbox.options().ratePerMinute, 2);
    QCOMPARE(sandbox.options().maxMessagesPerConnection, 0);
    QVERIFY(perMinute->accessibleDescription().contains(QStringLiteral("451 4.7.0")));
    QCOMPARE(changed.last().at(1).toInt(), 2);

    // The next run meets the new rate: two messages go through, the third MAIL gets the
    // sandbox's 451 and the engine holds back (then the test stops the run, rather than wait a
    // minute for the window to move).
    refused->selectAll();
    QTest::keyClick(refused, Qt::Key_Delete);
    QVERIFY(sandbox.options().refusedRecipients.isEmpty());
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(4, QStringLiteral("127.0.0.1"), sandbox.port()));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.countWithStatus(RecipientResult::Status::Throttled) > 0,
                             20'000);
    QCOMPARE(sandbox.messageCount(), 3 + 2);
    const auto throttled = std::find_if(recorder.results().cbegin(),
                                        recorder.results().cend(),
                                        [](const RecipientResult &result) {
                                            return result.status
                                                   == RecipientResult::Status::Throttled;
                                        });
    QCOMPARE(throttled->code, 451);
    QVERIFY2(throttled->text.contains(QStringLiteral("sandbox: 2 messages a minute")),
             qPrintable(throttled->text));
    QCOMPARE(recorder.countWithStatus(RecipientResult::Status::Sent), 2);
    runner.cancel();
    QVERIFY(recorder.waitForFinished(20'000));
    QCOMPARE(sandbox.messageCount(), 3 + 2);
    QTRY_COMPARE(view.model()->rowCount(), 5);

    QCOMPARE(OutboxView::parseRecipientList(QStringLiteral(" a@x.org,,b@x.org\tc@x.org; ")),
             (QStringList{QStringLiteral("a@x.org"),
                          QStringLiteral("b@x.org"),
                          QStringLiteral("c@x.org")}));
}

void TestOutboxView::clearEmptiesTheOutbox()
{
    SandboxServer sandbox;
    QVERIFY_RESULT(sandbox.start({}));
    OutboxView view(&sandbox);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(send(makePlan(4, QStringLiteral("127.0.0.1"), sandbox.port())).sent, 4);
    QTRY_COMPARE(view.model()->rowCount(), 4);
    view.table()->selectRow(0);
    QCOMPARE(fieldText(view, "subjectField"), QStringLiteral("Hello User 0"));

    QTest::mouseClick(child<QPushButton>(view, "clearButton"), Qt::LeftButton);
    QCOMPARE(view.model()->rowCount(), 0);
    QCOMPARE(sandbox.messages().size(), 0);
    QCOMPARE(view.selectedMessage(), nullptr);
    QCOMPARE(fieldText(view, "subjectField"), QString());
    QVERIFY(!child<QPushButton>(view, "saveButton")->isEnabled());
    QVERIFY(!view.saveSelectedMessage(QStringLiteral("/nonexistent/x.eml")));
    QCOMPARE(view.summaryText(),
             QStringLiteral("Sandbox on 127.0.0.1:%1: 0 message(s) captured on 0 "
                            "connection(s); nothing is delivered.")
                 .arg(sandbox.port()));

    // Counting starts again from the clear.
    QCOMPARE(send(makePlan(2, QStringLiteral("127.0.0.1"), sandbox.port())).sent, 2);
    QTRY_COMPARE(view.model()->rowCount(), 2);
    QTRY_VERIFY2(view.summaryText().contains(
                     QStringLiteral("2 message(s) captured on 1 connection(s)")),
                 qPrintable(view.summaryText()));
}

void TestOutboxView::startsFromTheServersStateAndSaysWhenStopped()
{
    SandboxServer sandbox;
    SandboxOptions options;
    options.maxMessagesPerConnection = 7;
    options.refusedRecipients = {QStringLiteral("nobody@example.org")};
    QVERIFY_RESULT(sandbox.start(options));
    QCOMPARE(send(makePlan(3, QStringLiteral("127.0.0.1"), sandbox.port())).sent, 3);

    OutboxView view(&sandbox);
    QCOMPARE(view.model()->rowCount(), 3); // what the server already holds, at once
    QCOMPARE(child<QSpinBox>(view, "perConnectionSpin")->value(), 7);
    QCOMPARE(child<QLineEdit>(view, "refusedRecipientsEdit")->text(),
             QStringLiteral("nobody@example.org"));
    QVERIFY(
        view.summaryText().contains(QStringLiteral("3 message(s) captured on 1 connection(s)")));

    view.model()->setMaximumRows(2);
    view.refresh();
    QCOMPARE(view.model()->rowCount(), 2);
    QVERIFY2(view.summaryText().endsWith(QStringLiteral("Only the newest 2 are kept here.")),
             qPrintable(view.summaryText()));

    sandbox.stop();
    view.refresh();
    QVERIFY2(view.summaryText().startsWith(QStringLiteral("The sandbox is not running.")),
             qPrintable(view.summaryText()));
}

void TestOutboxView::everyInputIsNamedAndReachable()
{
    SandboxServer sandbox;
    QVERIFY_RESULT(sandbox.start({}));
    OutboxView view(&sandbox);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    QList<const QWidget *> buddies;
    for (const QLabel *label : view.findChildren<QLabel *>()) {
        if (label->buddy())
            buddies.append(label->buddy());
    }
    QStringList unnamed;
    for (const QWidget *widget : view.findChildren<QWidget *>()) {
        const bool isInput = qobject_cast<const QLineEdit *>(widget)
                             || qobject_cast<const QAbstractSpinBox *>(widget)
                             || qobject_cast<const QAbstractItemView *>(widget)
                             || qobject_cast<const QAbstractScrollArea *>(widget);
        if (!isInput || qobject_cast<const QHeaderView *>(widget)
            || widget->objectName().startsWith(QLatin1String("qt_")))
            continue;
        if (qobject_cast<const QLineEdit *>(widget)
            && qobject_cast<QAbstractSpinBox *>(widget->parent()))
            continue; // a spin box's own editor
        if (widget->accessibleName().isEmpty() && !buddies.contains(widget))
            unnamed.append(QString::fromLatin1(widget->metaObject()->className()) + u' '
                           + widget->objectName());
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));

    // Tab walks the provider controls in order.
    auto *perConnection = child<QSpinBox>(view, "perConnectionSpin");
    perConnection->setFocus();
    QTRY_VERIFY(perConnection->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), child<QSpinBox>(view, "perMinuteSpin"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), child<QLineEdit>(view, "refusedRecipientsEdit"));
}

QTEST_MAIN(TestOutboxView)
#include "tst_outboxview.moc"
