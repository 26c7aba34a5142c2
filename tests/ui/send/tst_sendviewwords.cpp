#include "send/sendcontroller.h"
#include "send/sendview.h"

#include "runnertesthelpers.h"
#include "scriptedsmtpserver.h"

#include <QLocale>
#include <QPushButton>
#include <QTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using State = SendController::State;
using Status = RecipientResult::Status;

namespace {

RecipientResult result(Status status, const QString &text, int code = 0)
{
    RecipientResult r;
    r.recipientIndex = 7;
    r.email = QStringLiteral("user0007@example.com");
    r.status = status;
    r.code = code;
    r.text = text;
    return r;
}

QString shortTime(const QDateTime &at)
{
    return QLocale().toString(at.time(), QLocale::ShortFormat);
}

} // namespace

// The send view says in words what the delivery policy is doing: a pause for an unavailable
// server with its countdown, a rate the server asked for, a recipient deferred until a time,
// and a message held rather than resent.
class TestSendViewWords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setTestLogLevel(); }
    void holdsAreSaidInWords_data();
    void holdsAreSaidInWords();
    void problemsAreSaidInWords_data();
    void problemsAreSaidInWords();
    void aDeferredRecipientIsListedUntilItIsSent();
    void aHeldMessageIsListedAndCounted();
    void aDeferredLineEndsWithTheRun();
};

void TestSendViewWords::holdsAreSaidInWords_data()
{
    QTest::addColumn<int>("hold");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<double>("slowedTo");
    QTest::addColumn<qint64>("remainingMs");
    QTest::addColumn<QString>("expected");

    const int unavailable = int(HoldReason::ServerUnavailable);
    const int throttled = int(HoldReason::Throttled);
    QTest::newRow("server unavailable")
        << unavailable << QStringLiteral("451 4.7.1 Service unavailable - try again later") << 0.0
        << qint64(120'000)
        << QStringLiteral("Paused: the server is unavailable (451 4.7.1 Service unavailable - try "
                          "again later). Next try in 2 min.");
    QTest::newRow("server unavailable, partial minute")
        << unavailable << QString() << 0.0 << qint64(89'500)
        << QStringLiteral("Paused: the server is unavailable. Next try in 1 min 30 s.");
    QTest::newRow("throttled, slowed to 12 a minute")
        << throttled << QString() << 0.2 << qint64(5'000)
        << QStringLiteral("Slowed down to 12 a minute: the server asked. Next message in 5 s.");
    QTest::newRow("slowed, pacing")
        << int(HoldReason::PerSecond) << QString() << 0.2 << qint64(300)
        << QStringLiteral("Slowed down to 12 a minute: the server asked.");
    QTest::newRow("slowed, not held")
        << int(HoldReason::None) << QString() << 3.0 << qint64(0)
        << QStringLiteral("Slowed down to 3 a second: the server asked.");
    QTest::newRow("throttled, rate unknown")
        << throttled << QString() << 0.0 << qint64(5'000)
        << QStringLiteral("The server asked to slow down: next message in 5 s.");
    QTest::newRow("nothing to say")
        << int(HoldReason::None) << QString() << 0.0 << qint64(0) << QString();
}

void TestSendViewWords::holdsAreSaidInWords()
{
    QFETCH(int, hold);
    QFETCH(QString, detail);
    QFETCH(double, slowedTo);
    QFETCH(qint64, remainingMs);
    QFETCH(QString, expected);
    CampaignProgress progress;
    progress.total = 100;
    progress.remaining = 50;
    progress.hold = HoldReason(hold);
    progress.holdRemainingMs = remainingMs;
    progress.holdDetail = detail;
    progress.slowedToPerSecond = slowedTo;
    QCOMPARE(SendView::holdSentence(progress, remainingMs), expected);
}

void TestSendViewWords::problemsAreSaidInWords_data()
{
    QTest::addColumn<RecipientResult>("result");
    QTest::addColumn<QString>("expected");

    const QDateTime reportedAt(QDate(2026, 12, 6), QTime(10, 41, 0));
    // The retry time is the result's field (the English note in `text` is for the CLI).
    RecipientResult deferred = result(
        Status::Retrying,
        QStringLiteral("4.7.1 <user0007@example.com>: Recipient address rejected: try "
                       "again later (next attempt in 60 s)"),
        451);
    deferred.retryInSeconds = 60;
    QTest::newRow("deferred") << deferred
                              << QStringLiteral("deferred by the recipient's server, retry at %1")
                                     .arg(shortTime(reportedAt.addSecs(60)));
    QTest::newRow("requeued at once")
        << result(Status::Retrying, QStringLiteral("421 closing")) << QString();
    QTest::newRow("failed") << result(Status::Failed, QStringLiteral("5.1.1 no such user"), 550)
                            << QStringLiteral("failed");
    QTest::newRow("held")
        << result(Status::Held, QStringLiteral("the connection was lost after the final dot"))
        << QStringLiteral("held: the connection was lost before the server confirmed the message, "
                          "and the campaign says not to resend it; decide whether to resend it");
    QTest::newRow("sent") << result(Status::Sent, QStringLiteral("2.0.0 OK"), 250) << QString();
    QTest::newRow("throttled") << result(Status::Throttled, QStringLiteral("slow down"), 450)
                               << QString();
}

void TestSendViewWords::problemsAreSaidInWords()
{
    QFETCH(RecipientResult, result);
    QFETCH(QString, expected);
    const QDateTime reportedAt(QDate(2026, 12, 6), QTime(10, 41, 0));
    QCOMPARE(SendView::problemPhrase(result, reportedAt), expected);
}

void TestSendViewWords::aDeferredRecipientIsListedUntilItIsSent()
{
    ScriptedSmtpServer server;
    // Greylisting: the first RCPT for this address is deferred, the next one accepted.
    server.setRecipientReply(recipientAddress(3).toUtf8(),
                             "451 4.7.1 <" + recipientAddress(3).toUtf8()
                                 + ">: Recipient address rejected: try again later",
                             1);
    SendController controller;
    SendView view(&controller);
    DeliverySettings settings = fastSettings();
    settings.retryDelay = std::chrono::seconds{2};
    const QDateTime before = QDateTime::currentDateTime();
    controller.start(makePlan(6, QStringLiteral("127.0.0.1"), server.serverPort(), settings));
    const QString deferred = QStringLiteral("%1 deferred by the recipient's server, retry at ")
                                 .arg(recipientAddress(3));
    QTRY_VERIFY_WITH_TIMEOUT(view.problemTexts().size() == 1
                                 && view.problemTexts().first().startsWith(deferred),
                             10000);
    const QDateTime after = QDateTime::currentDateTime();
    // The retry time is when the report came plus the wait the scheduler named.
    const QString when = view.problemTexts().first().mid(deferred.size());
    QVERIFY2(when == shortTime(before.addSecs(2)) || when == shortTime(after.addSecs(2)),
             qPrintable(when));
    QCOMPARE(view.failureCount(), 0); // deferred is not failed

    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, 20000);
    QCOMPARE(controller.lastSummary()->sent, 6);
    QVERIFY2(view.problemTexts().isEmpty(), qPrintable(view.problemTexts().join(u'\n')));
}

void TestSendViewWords::aHeldMessageIsListedAndCounted()
{
    ScriptedSmtpServer server;
    server.dropAfterFinalDot(2, ScriptedSmtpServer::DropMode::WithoutReply);
    SendController controller;
    SendView view(&controller);
    DeliverySettings settings = fastSettings();
    settings.unconfirmedPolicy = UnconfirmedPolicy::Hold;
    controller.start(makePlan(4, QStringLiteral("127.0.0.1"), server.serverPort(), settings));
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, 20000);
    QCOMPARE(controller.lastSummary()->held, 1);
    QCOMPARE(view.problemTexts(),
             QStringList{QStringLiteral("%1 held: the connection was lost before the server "
                                        "confirmed the message, and the campaign says not to "
                                        "resend it; decide whether to resend it")
                             .arg(recipientAddress(1))});
    QVERIFY2(view.statusText().contains(QStringLiteral("held and not resent")),
             qPrintable(view.statusText()));
}

void TestSendViewWords::aDeferredLineEndsWithTheRun()
{
    ScriptedSmtpServer server;
    server.setRecipientReply(recipientAddress(1).toUtf8(), "451 4.7.1 try again later");
    SendController controller;
    SendView view(&controller);
    DeliverySettings settings = fastSettings();
    settings.retryDelay = std::chrono::seconds{600};
    controller.start(makePlan(3, QStringLiteral("127.0.0.1"), server.serverPort(), settings));
    QTRY_VERIFY_WITH_TIMEOUT(view.problemTexts().size() == 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(controller.lastProgress().sent, 2, 10000);
    controller.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, 10000);
    // Not sent, not failed: no retry time that will not come, and nothing to "retry failed".
    QVERIFY2(view.problemTexts().isEmpty(), qPrintable(view.problemTexts().join(u'\n')));
    QPushButton *retry = nullptr;
    const QList<QPushButton *> buttons = view.findChildren<QPushButton *>();
    for (QPushButton *button : buttons) {
        if (button->text().remove(u'&') == QLatin1String("Retry Failed"))
            retry = button;
    }
    QVERIFY(retry);
    QVERIFY(!retry->isEnabled());
    QVERIFY2(view.statusText().startsWith(QStringLiteral("Cancelled: 2 sent, 1 not sent yet")),
             qPrintable(view.statusText()));
}

QTEST_MAIN(TestSendViewWords)
#include "tst_sendviewwords.moc"
