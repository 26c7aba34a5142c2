#include "sandbox/sandboxserver.h"

#include "runnertesthelpers.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;

namespace {

// A raw client for the protocol details: writes bytes, reads whole reply lines. The server runs
// in this thread, so every wait spins the event loop (QTest::qWaitFor), never waitFor*().
class RawClient
{
public:
    bool connectTo(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        return QTest::qWaitFor(
                   [this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 5000)
               && !readReplies(1).isEmpty();
    }
    void write(const QByteArray &bytes) { m_socket.write(bytes); }
    // The next `count` complete replies (a multi-line reply counts once), each as one string.
    QList<QByteArray> readReplies(int count)
    {
        QList<QByteArray> replies;
        QByteArray current;
        while (replies.size() < count) {
            if (!QTest::qWaitFor([this] { return m_socket.canReadLine(); }, 5000))
                return replies;
            const QByteArray line = m_socket.readLine().trimmed();
            current += line + '\n';
            if (line.size() < 4 || line.at(3) != '-') {
                replies.append(current.trimmed());
                current.clear();
            }
        }
        return replies;
    }
    QSslSocket &socket() { return m_socket; }

private:
    QSslSocket m_socket;
};

} // namespace

class TestSandboxServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setTestLogLevel(); }
    void engineSendsACampaignOnReusedConnections();
    void startTlsWithTheGeneratedCertificate();
    void untrustedCertificateStopsTheCampaign();
    void providerCapRotatesConnections();
    void refusedRecipientFailsAlone();
    void pipelinedCommandsAreAnsweredInOrder();
    void dotStuffingAndSubjectDecoding();
    void rateLimitAnswers451();
    void startTlsDiscardsPlaintextSentBeforeTheHandshake();
    void savesEmlFiles();
    void pythonSmtplibSendsWithStartTlsAndAuth();
};

void TestSandboxServer::engineSendsACampaignOnReusedConnections()
{
    SandboxServer sandbox;
    QVERIFY_RESULT(sandbox.start({}));
    DeliverySettings settings = fastSettings();
    settings.maxMessagesPerConnection = 50;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(120, QStringLiteral("127.0.0.1"), sandbox.port(), settings));
    QVERIFY(recorder.waitForFinished(60'000));

    QCOMPARE(recorder.summary().fatalError, QString());
    QCOMPARE(recorder.summary().sent, 120);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(120));
    QCOMPARE(recorder.closeReasonList(), QStringLiteral("1:max-messages 2:max-messages 3:finished"));
    QCOMPARE(sandbox.messageCount(), 120);
    QCOMPARE(sandbox.connectionCount(), 3);
    const QList<CapturedMessage> messages = sandbox.messages();
    QCOMPARE(messages.first().recipients, QStringList{recipientAddress(0)});
    QCOMPARE(messages.first().subject, QStringLiteral("Hello User 0"));
    QCOMPARE(messages.first().mailFrom, QStringLiteral("sender@example.com"));
    QCOMPARE(messages.at(50).connectionId, 2);
    QTRY_COMPARE(sandbox.openConnectionCount(), 0);
}

void TestSandboxServer::startTlsWithTheGeneratedCertificate()
{
    SandboxServer sandbox;
    SandboxOptions options;
    options.startTls = true;
    QVERIFY_RESULT(sandbox.start(options));
    QVERIFY(!sandbox.certificate().isNull());
    QVERIFY(QFile::exists(sandbox.certificateFile()));

    CampaignPlan plan = makePlan(5,
                                 QStringLiteral("127.0.0.1"),
                                 sandbox.port(),
                                 fastSettings(),
                                 QStringLiteral("user"),
                                 QStringLiteral("secret"));
    plan.campaign.server.security = SecurityMode::StartTls;
    plan.campaign.server.trustCertificateFile = sandbox.certificateFile();
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(plan);
    QVERIFY(recorder.waitForFinished(30'000));
    QCOMPARE(recorder.summary().fatalError, QString());
    QCOMPARE(recorder.summary().sent, 5);
    QCOMPARE(sandbox.messageCount(), 5);
    const QList<ConnectionEvent> created = recorder.eventsOfKind(ConnectionEvent::Kind::Created);
    QCOMPARE(created.size(), 1);
    QVERIFY2(created.first().tls.startsWith(QStringLiteral("TLSv1.")),
             qPrintable(created.first().tls));
}

void TestSandboxServer::untrustedCertificateStopsTheCampaign()
{
    SandboxServer sandbox;
    SandboxOptions options;
    options.startTls = true;
    QVERIFY_RESULT(sandbox.start(options));
    CampaignPlan plan = makePlan(3, QStringLiteral("127.0.0.1"), sandbox.port());
    plan.campaign.server.security = SecurityMode::StartTls; // and no certificate named
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(plan);
    QVERIFY(recorder.waitForFinished(30'000));
    QVERIFY2(recorder.summary().fatalError.contains(QStringLiteral("certificate"),
                                                    Qt::CaseInsensitive),
             qPrintable(recorder.summary().fatalError));
    QCOMPARE(sandbox.messageCount(), 0);
    // One connection was tried, and the campaign stopped there: a certificate the client does
    // not trust is the same on every attempt, so neither a retry nor a second connection may
    // follow.
    QCOMPARE(sandbox.connectionCount(), 1);
    QCOMPARE(recorder.createdCount(), 0); // never established
    QCOMPARE(recorder.summary().sent, 0);
    QCOMPARE(recorder.summary().failed + recorder.summary().notSent, 3);
}

void TestSandboxServer::providerCapRotatesConnections()
{
    // The sandbox closes with 421 after 4 messages; the engine allows 50: it must rotate on the
    // server's word and lose nothing.
    SandboxServer sandbox;
    SandboxOptions options;
    options.maxMessagesPerConnection = 4;
    QVERIFY_RESULT(sandbox.start(options));
    DeliverySettings settings = fastSettings();
    settings.maxMessagesPerConnection = 50;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(10, QStringLiteral("127.0.0.1"), sandbox.port(), settings));
    QVERIFY(recorder.waitForFinished(60'000));
    QCOMPARE(recorder.summary().sent, 10);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(10));
    QCOMPARE(sandbox.messageCount(), 10);
    QCOMPARE(recorder.closeReasonList(), QStringLiteral("1:server-421 2:server-421 3:finished"));
}

void TestSandboxServer::refusedRecipientFailsAlone()
{
    SandboxServer sandbox;
    SandboxOptions options;
    options.refusedRecipients = {recipientAddress(2).toUpper()};
    QVERIFY_RESULT(sandbox.start(options));
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(5, QStringLiteral("127.0.0.1"), sandbox.port()));
    QVERIFY(recorder.waitForFinished(30'000));
    QCOMPARE(recorder.summary().sent, 4);
    QCOMPARE(recorder.summary().failed, 1);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(5, {{2, RecipientResult::Status::Failed}}));
    QCOMPARE(recorder.lastResult(2)->code, 550);
    QCOMPARE(recorder.createdCount(), 1); // a refused recipient does not cost the connection
}

void TestSandboxServer::pipelinedCommandsAreAnsweredInOrder()
{
    SandboxServer sandbox;
    QVERIFY_RESULT(sandbox.start({}));
    RawClient client;
    QVERIFY(client.connectTo(sandbox.port()));
    client.write("EHLO client.example.org\r\n");
    const QByteArray ehlo = client.readReplies(1).value(0);
    QVERIFY2(ehlo.contains("250-PIPELINING") && ehlo.contains("SIZE 36700160"), ehlo);
    QVERIFY(!ehlo.contains("STARTTLS"));
    client.write("MAIL FROM:<a@example.org> SIZE=100\r\nRCPT TO:<b@example.org>\r\n"
                 "RCPT TO:<c@example.org>\r\nDATA\r\n");
    const QList<QByteArray> replies = client.readReplies(4);
    QCOMPARE(replies.size(), 4);
    QVERIFY(replies[0].startsWith("250 2.1.0"));
    QVERIFY(replies[1].startsWith("250 2.1.5"));
    QVERIFY(replies[2].startsWith("250 2.1.5"));
    QVERIFY(replies[3].startsWith("354"));
    // The message, its final dot, and the next transaction in one write (RFC 2920 §3.1).
    client.write("Subject: one\r\n\r\nbody\r\n.\r\nMAIL FROM:<a@example.org>\r\n"
                 "RCPT TO:<d@example.org>\r\nDATA\r\n");
    const QList<QByteArray> next = client.readReplies(4);
    QVERIFY(next.value(0).startsWith("250 2.0.0"));
    QVERIFY(next.value(3).startsWith("354"));
    client.write("Subject: two\r\n\r\nx\r\n.\r\nQUIT\r\n");
    const QList<QByteArray> last = client.readReplies(2);
    QVERIFY(last.value(1).startsWith("221"));
    const QList<CapturedMessage> messages = sandbox.messages();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages[0].recipients,
             (QStringList{QStringLiteral("b@example.org"), QStringLiteral("c@example.org")}));
    QCOMPARE(messages[1].subject, QStringLiteral("two"));
}

void TestSandboxServer::dotStuffingAndSubjectDecoding()
{
    SandboxServer sandbox;
    QVERIFY_RESULT(sandbox.start({}));
    RawClient client;
    QVERIFY(client.connectTo(sandbox.port()));
    client.write("EHLO c\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");
    QCOMPARE(client.readReplies(4).size(), 4);
    client.write("Subject: =?UTF-8?B?R3LDvMOfZSDkvaDlpb0=?=\r\n =?UTF-8?Q?_again?=\r\n\r\n"
                 "..leading dot\r\n.\r\n");
    QVERIFY(client.readReplies(1).value(0).startsWith("250"));
    const CapturedMessage message = sandbox.messages().value(0);
    QCOMPARE(message.subject, QStringLiteral("Grüße 你好 again"));
    QVERIFY(message.data.endsWith("\r\n\r\n.leading dot\r\n"));
}

void TestSandboxServer::rateLimitAnswers451()
{
    SandboxServer sandbox;
    SandboxOptions options;
    options.ratePerMinute = 2;
    QVERIFY_RESULT(sandbox.start(options));
    RawClient client;
    QVERIFY(client.connectTo(sandbox.port()));
    client.write("EHLO c\r\n");
    client.readReplies(1);
    client.write("MAIL FROM:<a@example.org>\r\nRSET\r\nMAIL FROM:<a@example.org>\r\nRSET\r\n"
                 "MAIL FROM:<a@example.org>\r\n");
    const QList<QByteArray> replies = client.readReplies(5);
    QVERIFY(replies.value(0).startsWith("250"));
    QVERIFY(replies.value(2).startsWith("250"));
    QVERIFY2(replies.value(4).startsWith("451 4.7.0"), replies.value(4));
    // The user may change the behaviour while it runs.
    sandbox.setProviderBehaviour(0, 0, {});
    client.write("MAIL FROM:<a@example.org>\r\n");
    QVERIFY(client.readReplies(1).value(0).startsWith("250"));
}

void TestSandboxServer::startTlsDiscardsPlaintextSentBeforeTheHandshake()
{
    SandboxServer sandbox;
    SandboxOptions options;
    options.startTls = true;
    QVERIFY_RESULT(sandbox.start(options));
    RawClient client;
    QVERIFY(client.connectTo(sandbox.port()));
    client.write("EHLO c\r\n");
    QVERIFY(client.readReplies(1).value(0).contains("STARTTLS"));
    // An attacker's injected command rides behind STARTTLS: it must not survive the handshake.
    client.write("STARTTLS\r\nMAIL FROM:<injected@example.org>\r\n");
    QVERIFY(client.readReplies(1).value(0).startsWith("220"));
    QSslConfiguration configuration = client.socket().sslConfiguration();
    configuration.setCaCertificates({sandbox.certificate()});
    client.socket().setSslConfiguration(configuration);
    client.socket().setPeerVerifyName(QStringLiteral("127.0.0.1"));
    client.socket().startClientEncryption();
    QVERIFY(QTest::qWaitFor([&client] { return client.socket().isEncrypted(); }, 10000));
    client.write("MAIL FROM:<a@example.org>\r\n");
    // Without a new EHLO the session has started over: MAIL is refused, so the injected one was
    // dropped rather than queued.
    QVERIFY(client.readReplies(1).value(0).startsWith("503"));
    client.write("EHLO c\r\n");
    const QByteArray ehlo = client.readReplies(1).value(0);
    QVERIFY(!ehlo.contains("STARTTLS"));
}

void TestSandboxServer::savesEmlFiles()
{
    QTemporaryDir directory;
    SandboxServer sandbox;
    SandboxOptions options;
    options.saveDirectory = directory.filePath(QStringLiteral("outbox"));
    QVERIFY_RESULT(sandbox.start(options));
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(makePlan(3, QStringLiteral("127.0.0.1"), sandbox.port()));
    QVERIFY(recorder.waitForFinished(30'000));
    const QStringList files = QDir(options.saveDirectory).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files,
             (QStringList{QStringLiteral("00001-user0@example.org.eml"),
                          QStringLiteral("00002-user1@example.org.eml"),
                          QStringLiteral("00003-user2@example.org.eml")}));
    QFile first(QDir(options.saveDirectory).filePath(files.first()));
    QVERIFY(first.open(QIODevice::ReadOnly));
    QCOMPARE(first.readAll(), sandbox.messages().first().data);
}

void TestSandboxServer::pythonSmtplibSendsWithStartTlsAndAuth()
{
    SandboxServer sandbox;
    SandboxOptions options;
    options.startTls = true;
    QVERIFY_RESULT(sandbox.start(options));
    const QString script = QStringLiteral(R"(
import smtplib, ssl, sys
context = ssl.create_default_context(cafile=sys.argv[2])
with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=10) as smtp:
    smtp.starttls(context=context)
    smtp.login("user", "secret")
    smtp.sendmail("a@example.org", ["b@example.org"], "Subject: from python\r\n\r\nhi\r\n")
)");
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  script,
                  QString::number(sandbox.port()),
                  sandbox.certificateFile()});
    QVERIFY(python.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(python.state() == QProcess::NotRunning, 20000);
    QVERIFY2(python.exitCode() == 0, python.readAll().constData());
    QCOMPARE(sandbox.messageCount(), 1);
    QCOMPARE(sandbox.messages().first().subject, QStringLiteral("from python"));
}

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "tst_sandboxserver.moc"
