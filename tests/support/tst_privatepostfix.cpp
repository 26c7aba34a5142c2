// Proof that the private Postfix fixture works: it starts on a free port, the real SmtpConnection
// sends through it with STARTTLS and AUTH, its log says what the client did (the per-session
// "disconnect from" counts), its recipient map and anvil limits refuse what they should, and
// stop() leaves no process behind.

#include "connectiondriver.h"
#include "privatepostfix.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

#include <spdlog/spdlog.h>

using namespace Bulkmail;
using namespace Bulkmail::Test;

Q_DECLARE_METATYPE(Bulkmail::SmtpStage)

namespace {

constexpr int WaitMs = 15'000;
const QString User = QStringLiteral("mailer");
const QString Password = QStringLiteral("correct horse");

QList<OutgoingMessage> messagesTo(const QList<QByteArray> &recipients)
{
    QList<OutgoingMessage> messages;
    quint64 id = 0;
    for (const QByteArray &recipient : recipients) {
        OutgoingMessage message;
        message.id = ++id;
        message.envelopeFrom = "sender@example.org";
        message.recipient = recipient;
        message.content = "From: <sender@example.org>\r\nTo: <" + recipient
                          + ">\r\nSubject: fixture test\r\n\r\nHello.\r\n";
        messages.append(message);
    }
    return messages;
}

QList<QByteArray> numberedRecipients(int count)
{
    QList<QByteArray> recipients;
    for (int i = 1; i <= count; ++i)
        recipients.append("user" + QByteArray::number(i) + "@example.com");
    return recipients;
}

} // namespace

class TestPrivatePostfix final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void parsesDisconnectLines_data();
    void parsesDisconnectLines();

    void startsAndStopsWithoutLeftovers();
    void sendsWithStartTlsAndAuth();
    void logsWrongPassword();
    void requireAuthRefusesRelayWithoutLogin();
    void requireTlsRefusesPlainText();
    void recipientActionsRefuseChosenAddresses();
    void keepsMessagesInMaildirs();
    void rateLimitRefuses_data();
    void rateLimitRefuses();
    void connectionCountLimitRefuses();
    void reconfigureChangesLimits();
    void twoInstancesRunSideBySide();
};

void TestPrivatePostfix::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    spdlog::set_level(spdlog::level::warn);
}

void TestPrivatePostfix::parsesDisconnectLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("isSession");
    QTest::addColumn<QByteArray>("summary");
    QTest::addColumn<int>("authSucceeded");
    QTest::addColumn<int>("authAttempted");
    QTest::addColumn<int>("quit");

    const QByteArray prefix = "Dec 06 07:36:05 postfix postfix-bulkmail/smtpd[15122]: ";
    QTest::newRow("full session")
        << prefix
               + "disconnect from localhost[127.0.0.1] ehlo=2 starttls=1 auth=1 mail=50 "
                 "rcpt=50 data=50 quit=1 commands=155"
        << true
        << QByteArray("ehlo=2 starttls=1 auth=1 mail=50 rcpt=50 data=50 quit=1 commands=155") << 1
        << 1 << 1;
    QTest::newRow("refused login, no QUIT")
        << prefix + "disconnect from localhost[127.0.0.1] ehlo=2 starttls=1 auth=0/2 commands=3/5"
        << true << QByteArray("ehlo=2 starttls=1 auth=0/2 commands=3/5") << 0 << 2 << 0;
    QTest::newRow("no command at all")
        << prefix + "disconnect from localhost[127.0.0.1] commands=0/0" << true
        << QByteArray("commands=0/0") << 0 << 0 << 0;
    QTest::newRow("connect line") << prefix + "connect from localhost[127.0.0.1]" << false
                                  << QByteArray() << 0 << 0 << 0;
    QTest::newRow("another daemon")
        << QByteArray("Dec 06 07:36:05 postfix postfix-bulkmail/qmgr[1]: disconnect from x[1] "
                      "quit=1")
        << false << QByteArray() << 0 << 0 << 0;
}

void TestPrivatePostfix::parsesDisconnectLines()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, isSession);
    QFETCH(QByteArray, summary);
    QFETCH(int, authSucceeded);
    QFETCH(int, authAttempted);
    QFETCH(int, quit);

    const std::optional<PostfixSession> session = PostfixSession::parse(line);
    QCOMPARE(session.has_value(), isSession);
    if (!session)
        return;
    QCOMPARE(session->pid, 15122);
    QCOMPARE(session->summary(), summary);
    QCOMPARE(session->succeeded("auth"), authSucceeded);
    QCOMPARE(session->attempted("auth"), authAttempted);
    QCOMPARE(session->succeeded("quit"), quit);
}

void TestPrivatePostfix::startsAndStopsWithoutLeftovers()
{
    PrivatePostfix postfix;
    QVERIFY(!postfix.isRunning());
    QVERIFY(postfix.start());
    QVERIFY(postfix.isRunning());
    QVERIFY(postfix.port() != 0);
    const qint64 master = postfix.masterPid();
    QVERIFY(master > 0);
    // The master starts qmgr, pickup and postlogd a moment after it is ready.
    QTRY_VERIFY_WITH_TIMEOUT(postfix.processIds().size() >= 4, WaitMs);
    QVERIFY2(postfix.processIds().contains(master), "the master is one of the instance's processes");
    QCOMPARE(postfix.sessions().size(), 0);

    QVERIFY(postfix.stop());
    QVERIFY(!postfix.isRunning());
    QCOMPARE(postfix.processIds(), QList<qint64>{});
    QTcpSocket socket;
    socket.connectToHost(postfix.host(), postfix.port());
    QVERIFY2(!socket.waitForConnected(2000), "nothing listens on the port any more");
}

void TestPrivatePostfix::sendsWithStartTlsAndAuth()
{
    PrivatePostfixOptions options;
    options.username = User;
    options.password = Password;
    options.requireAuth = true;
    PrivatePostfix postfix(options);
    QVERIFY(postfix.start());

    const QList<QByteArray> recipients = numberedRecipients(3);
    ConnectionDriver driver(postfix.endpoint(SecurityMode::StartTls, User),
                            SmtpCredentials{User, Password});
    driver.queue(messagesTo(recipients));
    driver.open();
    QVERIFY(driver.waitClosed(WaitMs));
    QCOMPARE(driver.deliveredCount(), 3);
    QVERIFY(driver.authenticatedAtEstablished);
    QVERIFY(driver.tlsAtEstablished.startsWith(QStringLiteral("TLS")));
    QVERIFY(driver.closure().quitAnswered);

    QTRY_COMPARE_WITH_TIMEOUT(postfix.sessions().size(), 1, WaitMs);
    QCOMPARE(postfix.sessions().constFirst().summary(),
             QByteArray("ehlo=2 starttls=1 auth=1 mail=3 rcpt=3 data=3 quit=1 commands=14"));
    QTRY_COMPARE_WITH_TIMEOUT(postfix.deliveredRecipients().size(), 3, WaitMs);
    QList<QByteArray> delivered = postfix.deliveredRecipients();
    std::sort(delivered.begin(), delivered.end());
    QCOMPARE(delivered, recipients);
    QCOMPARE(postfix.pipeliningViolations(), QList<QByteArray>{});
}

void TestPrivatePostfix::logsWrongPassword()
{
    PrivatePostfixOptions options;
    options.username = User;
    options.password = Password;
    PrivatePostfix postfix(options);
    QVERIFY(postfix.start());

    ConnectionDriver driver(postfix.endpoint(SecurityMode::StartTls, User),
                            SmtpCredentials{User, QStringLiteral("wrong")});
    driver.queue(messagesTo(numberedRecipients(1)));
    driver.open();
    QVERIFY(driver.waitClosed(WaitMs));
    QCOMPARE(driver.deliveredCount(), 0);
    QVERIFY(driver.closure().isFatal());

    QTRY_COMPARE_WITH_TIMEOUT(postfix.sessions().size(), 1, WaitMs);
    const PostfixSession session = postfix.sessions().constFirst();
    QCOMPARE(session.succeeded("auth"), 0);
    QCOMPARE(session.attempted("auth"), 1);
    QCOMPARE(session.attempted("mail"), 0);
    QVERIFY(!postfix.logLinesContaining("SASL PLAIN authentication failed").isEmpty());
}

void TestPrivatePostfix::requireAuthRefusesRelayWithoutLogin()
{
    PrivatePostfixOptions options;
    options.username = User;
    options.password = Password;
    options.requireAuth = true;
    PrivatePostfix postfix(options);
    QVERIFY(postfix.start());

    ConnectionDriver driver(postfix.endpoint(SecurityMode::StartTls)); // no username: no AUTH
    driver.queue(messagesTo(numberedRecipients(1)));
    driver.open();
    QVERIFY(driver.waitClosed(WaitMs));
    QCOMPARE(driver.deliveredCount(), 0);
    QVERIFY(driver.outcomeFor(1) != nullptr);
    QCOMPARE(driver.outcomeFor(1)->reply.code, 554);
    QCOMPARE(driver.outcomeFor(1)->reply.text(),
             QStringLiteral("5.7.1 <user1@example.com>: Relay access denied"));
}

void TestPrivatePostfix::requireTlsRefusesPlainText()
{
    PrivatePostfixOptions options;
    options.requireTls = true;
    PrivatePostfix postfix(options);
    QVERIFY(postfix.start());

    ConnectionDriver driver(postfix.endpoint(SecurityMode::None));
    driver.queue(messagesTo(numberedRecipients(1)));
    driver.open();
    QVERIFY(driver.waitClosed(WaitMs));
    QCOMPARE(driver.deliveredCount(), 0);
    QVERIFY(driver.outcomeFor(1) != nullptr);
    QCOMPARE(driver.outcomeFor(1)->stage, SmtpStage::MailFrom);
    QCOMPARE(driver.outcomeFor(1)->reply.code, 530);
}

void TestPrivatePostfix::recipientActionsRefuseChosenAddresses()
{
    PrivatePostfixOptions options;
    options.recipientActions = {
        {QStringLiteral("unknown@example.com"), QStringLiteral("550 5.1.1 User unknown")},
        {QStringLiteral("grey@"), QStringLiteral("450 4.7.1 try again later")},
    };
    PrivatePostfix postfix(options);
    QVERIFY(postfix.start());

    ConnectionDriver driver(postfix.endpoint(SecurityMode::StartTls));
    driver.queue(messagesTo({"unknown@example.com", "grey@example.net", "fine@example.com"}));
    driver.open();
    QVERIFY(driver.waitClosed(WaitMs));
    QCOMPARE(driver.outcomes.size(), 3);
    const MessageOutcome *unknown = driver.outcomeFor(1);
    const MessageOutcome *grey = driver.outcomeFor(2);
    QVERIFY(unknown != nullptr && grey != nullptr);
    QCOMPARE(unknown->reply.code, 550);
    QCOMPARE(unknown->reply.text(),
             QStringLiteral(
                 "5.1.1 <unknown@example.com>: Recipient address rejected: User unknown"));
    QCOMPARE(grey->reply.code, 450);
    QCOMPARE(grey->reply.text(),
             QStringLiteral(
                 "4.7.1 <grey@example.net>: Recipient address rejected: try again later"));
    QVERIFY(driver.outcomeFor(3) != nullptr && driver.outcomeFor(3)->isDelivered());

    QTRY_COMPARE_WITH_TIMEOUT(postfix.deliveredRecipients().size(), 1, WaitMs);
    QCOMPARE(postfix.deliveredRecipients(), QList<QByteArray>{"fine@example.com"});
    QCOMPARE(postfix.rejectedRecipients(),
             (QList<QByteArray>{"unknown@example.com", "grey@example.net"}));
}

void TestPrivatePostfix::keepsMessagesInMaildirs()
{
    PrivatePostfixOptions options;
    options.keepMessages = true;
    PrivatePostfix postfix(options);
    QVERIFY(postfix.start());

    ConnectionDriver driver(postfix.endpoint(SecurityMode::StartTls));
    const QList<OutgoingMessage> sent = messagesTo({"alice@example.com", "bob@example.net"});
    driver.queue(sent);
    driver.open();
    QVERIFY(driver.waitClosed(WaitMs));
    QCOMPARE(driver.deliveredCount(), 2);

    QTRY_COMPARE_WITH_TIMEOUT(postfix.receivedMessages().size(), 2, WaitMs);
    const QList<ReceivedMessage> received = postfix.receivedMessages();
    for (qsizetype i = 0; i < sent.size(); ++i) {
        QCOMPARE(received.at(i).recipients, QList<QByteArray>{sent.at(i).recipient});
        QCOMPARE(received.at(i).mailFrom, sent.at(i).envelopeFrom);
        // LF line ends; Postfix adds Message-Id and Date to a message from 127.0.0.1 without.
        const QByteArray &data = received.at(i).data;
        const QByteArray headers = "\nTo: <" + sent.at(i).recipient + ">\nSubject: fixture test\n";
        QVERIFY2(data.contains(headers), data.constData());
        QVERIFY2(data.endsWith("\n\nHello.\n"), data.constData());
    }
    QTRY_COMPARE_WITH_TIMEOUT(postfix.deliveredRecipients().size(), 2, WaitMs);
}

void TestPrivatePostfix::rateLimitRefuses_data()
{
    QTest::addColumn<bool>("limitsMessages"); // else recipients
    QTest::addColumn<SmtpStage>("stage");
    QTest::addColumn<QString>("reply");
    QTest::addColumn<QByteArray>("logged");

    QTest::newRow("smtpd_client_message_rate_limit")
        << true << SmtpStage::MailFrom
        << QStringLiteral("4.7.1 Error: too much mail from 127.0.0.1")
        << QByteArray("Message delivery request rate limit exceeded: 3 from localhost[127.0.0.1]");
    QTest::newRow("smtpd_client_recipient_rate_limit")
        << false << SmtpStage::RcptTo
        << QStringLiteral("4.7.1 Error: too many recipients from 127.0.0.1")
        << QByteArray("Recipient address rate limit exceeded: 3 from localhost[127.0.0.1]");
}

void TestPrivatePostfix::rateLimitRefuses()
{
    QFETCH(bool, limitsMessages);
    QFETCH(SmtpStage, stage);
    QFETCH(QString, reply);
    QFETCH(QByteArray, logged);

    PrivatePostfixOptions options;
    (limitsMessages ? options.messageRateLimit : options.recipientRateLimit) = 2;
    options.anvilRateTimeUnitSeconds = 3600; // no refill while the test runs
    PrivatePostfix postfix(options);
    QVERIFY(postfix.start());

    ConnectionDriver driver(postfix.endpoint(SecurityMode::StartTls));
    driver.queue(messagesTo(numberedRecipients(3)));
    driver.open();
    QVERIFY(driver.waitClosed(WaitMs));
    QCOMPARE(driver.deliveredCount(), 2);
    const MessageOutcome *third = driver.outcomeFor(3);
    QVERIFY(third != nullptr);
    QCOMPARE(third->stage, stage);
    QCOMPARE(third->reply.code, 450);
    QCOMPARE(third->reply.text(), reply);

    QTRY_COMPARE_WITH_TIMEOUT(postfix.rateLimitRefusals().size(), 1, WaitMs);
    QVERIFY2(postfix.rateLimitRefusals().constFirst().contains(logged),
             postfix.rateLimitRefusals().constFirst().constData());
}

void TestPrivatePostfix::connectionCountLimitRefuses()
{
    PrivatePostfixOptions options;
    options.connectionCountLimit = 1;
    PrivatePostfix postfix(options);
    QVERIFY(postfix.start());

    QTcpSocket first;
    first.connectToHost(postfix.host(), postfix.port());
    QVERIFY(first.waitForConnected(WaitMs));
    QVERIFY(first.waitForReadyRead(WaitMs));
    QVERIFY(first.readAll().startsWith("220 "));

    QTcpSocket second;
    second.connectToHost(postfix.host(), postfix.port());
    QVERIFY(second.waitForConnected(WaitMs));
    QByteArray refusal;
    while (!refusal.contains('\n') && second.waitForReadyRead(WaitMs))
        refusal += second.readAll();
    QCOMPARE(refusal,
             "421 4.7.0 " + PrivatePostfix::hostName().toLatin1()
                 + " Error: too many connections from 127.0.0.1\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(postfix.rateLimitRefusals().size(), 1, WaitMs);
    QVERIFY(postfix.rateLimitRefusals().constFirst().contains("Connection concurrency limit"));
}

void TestPrivatePostfix::reconfigureChangesLimits()
{
    PrivatePostfix postfix;
    QVERIFY(postfix.start());
    QVERIFY(postfix.reconfigure(
        {{QStringLiteral("smtpd_client_message_rate_limit"), QStringLiteral("1")},
         {QStringLiteral("anvil_rate_time_unit"), QStringLiteral("3600s")}}));

    ConnectionDriver driver(postfix.endpoint(SecurityMode::StartTls));
    driver.queue(messagesTo(numberedRecipients(2)));
    driver.open();
    QVERIFY(driver.waitClosed(WaitMs));
    QCOMPARE(driver.deliveredCount(), 1);
    QVERIFY(driver.outcomeFor(2) != nullptr);
    QCOMPARE(driver.outcomeFor(2)->reply.code, 450);
}

void TestPrivatePostfix::twoInstancesRunSideBySide()
{
    PrivatePostfix one;
    PrivatePostfix two;
    QVERIFY(one.start());
    QVERIFY(two.start());
    QVERIFY(one.port() != two.port());
    QVERIFY(one.masterPid() != two.masterPid());

    ConnectionDriver driver(two.endpoint(SecurityMode::StartTls));
    driver.queue(messagesTo(numberedRecipients(1)));
    driver.open();
    QVERIFY(driver.waitClosed(WaitMs));
    QCOMPARE(driver.deliveredCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(two.sessions().size(), 1, WaitMs);
    QCOMPARE(one.sessions().size(), 0);

    QVERIFY(one.stop());
    QVERIFY(two.isRunning());
    QVERIFY(two.stop());
}

QTEST_GUILESS_MAIN(TestPrivatePostfix)
#include "tst_privatepostfix.moc"
