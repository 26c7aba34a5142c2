// Proof that the real-server fixtures work: a raw QSslSocket client (no Bulkmail code) talks to
// aiosmtpd and smtp-sink, and the launchers report what the servers saw.

#include "realservers.h"
#include "testcertificates.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTest>

using namespace Bulkmail::Test;

namespace {

constexpr int WaitMs = 10'000;

struct Reply
{
    int code = 0; // 0: no complete reply before the timeout
    QList<QByteArray> lines;
    [[nodiscard]] QByteArray text() const { return lines.join('\n'); }
};

// The smallest SMTP client that can drive the fixtures; blocking waits are fine in a test.
class RawSmtpClient final
{
public:
    RawSmtpClient()
    {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.addCaCertificate(testCaCertificate());
        configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
        m_socket.setSslConfiguration(configuration);
    }

    [[nodiscard]] bool connectPlain(quint16 port)
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        return m_socket.waitForConnected(WaitMs);
    }

    [[nodiscard]] bool connectEncrypted(quint16 port, const QString &peerName)
    {
        m_socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port, peerName);
        return m_socket.waitForEncrypted(WaitMs);
    }

    [[nodiscard]] bool startTls(const QString &peerName)
    {
        m_socket.setPeerVerifyName(peerName);
        m_socket.startClientEncryption();
        return m_socket.waitForEncrypted(WaitMs);
    }

    [[nodiscard]] Reply readReply()
    {
        Reply reply;
        for (;;) {
            while (!m_socket.canReadLine()) {
                if (!m_socket.waitForReadyRead(WaitMs)) {
                    return {};
                }
            }
            const QByteArray line = m_socket.readLine().trimmed();
            reply.lines.append(line.mid(4));
            if (line.size() < 4 || line.at(3) == ' ') {
                reply.code = line.left(3).toInt();
                return reply;
            }
        }
    }

    [[nodiscard]] Reply command(const QByteArray &line)
    {
        m_socket.write(line + "\r\n");
        return readReply();
    }

    // MAIL, RCPT, DATA and the body (already dot-stuffed, CRLF, ending in CRLF); the final
    // reply's code.
    [[nodiscard]] int sendMessage(const QByteArray &from,
                                  const QByteArray &to,
                                  const QByteArray &body)
    {
        if (command("MAIL FROM:<" + from + '>').code != 250
            || command("RCPT TO:<" + to + '>').code != 250 || command("DATA").code != 354) {
            return 0;
        }
        return command(body + '.').code;
    }

    void quit()
    {
        (void) command("QUIT");
        m_socket.disconnectFromHost();
        if (m_socket.state() != QAbstractSocket::UnconnectedState) {
            m_socket.waitForDisconnected(WaitMs);
        }
    }

    [[nodiscard]] QList<QSslError> sslHandshakeErrors() const
    {
        return m_socket.sslHandshakeErrors();
    }

private:
    QSslSocket m_socket;
};

const QByteArray TestBody = "Subject: Fixture test\r\n\r\nHello from tst_realservers.\r\n";

} // namespace

class TestRealServers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void testCertificatesLoad();

    void aiosmtpdPlainMessage();
    void aiosmtpdStartTls_data();
    void aiosmtpdStartTls();
    void aiosmtpdImplicitTls();
    void aiosmtpdSelfSignedCertificateIsRejected();
    void aiosmtpdAuth_data();
    void aiosmtpdAuth();
    void aiosmtpdCountsConnections();
    void aiosmtpdManyMessagesOnOneConnection();

    void smtpSinkCountsMessagesAndSessions();
    void smtpSinkDumpsMessages();
    void smtpSinkExtraArguments();
};

void TestRealServers::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(QSslSocket::supportsSsl());
}

void TestRealServers::testCertificatesLoad()
{
    const QSslCertificate ca = testCaCertificate();
    const QSslCertificate server = testServerCertificate();
    QCOMPARE(server.issuerInfo(QSslCertificate::CommonName),
             ca.subjectInfo(QSslCertificate::CommonName));
    QCOMPARE(server.subjectAlternativeNames().values(QSsl::DnsEntry),
             QStringList{QStringLiteral("localhost")});
    QCOMPARE(server.subjectAlternativeNames().values(QSsl::IpAddressEntry),
             QStringList{QStringLiteral("127.0.0.1")});
    QVERIFY(server.expiryDate().date().year() >= 2100);
    QVERIFY(!testServerKey().isNull());
    QVERIFY(selfSignedCertificate().isSelfSigned());
    QVERIFY(selfSignedCertificate() != server);
    QVERIFY(!selfSignedKey().isNull());
    QVERIFY(QFile::exists(testCertificatePath(u"ca.key")));
}

void TestRealServers::aiosmtpdPlainMessage()
{
    AiosmtpdServer server;
    QVERIFY(server.start());
    QVERIFY(server.port() != 0);
    QCOMPARE(server.connectionCount(), 0);

    RawSmtpClient client;
    QVERIFY(client.connectPlain(server.port()));
    QCOMPARE(client.readReply().code, 220);
    const Reply ehlo = client.command("EHLO client.example.org");
    QCOMPARE(ehlo.code, 250);
    QVERIFY2(!ehlo.text().contains("STARTTLS"), ehlo.text().constData());
    QVERIFY2(!ehlo.text().contains("AUTH"), ehlo.text().constData());
    QCOMPARE(client.sendMessage("alice@example.org", "bob@example.net", TestBody), 250);
    client.quit();

    QTRY_COMPARE(server.receivedMessages().size(), 1);
    const ReceivedMessage message = server.receivedMessages().constFirst();
    QCOMPARE(message.connection, 1);
    QCOMPARE(message.indexInConnection, 1);
    QCOMPARE(message.mailFrom, QByteArray("alice@example.org"));
    QCOMPARE(message.recipients, QList<QByteArray>{"bob@example.net"});
    QCOMPARE(message.data, TestBody);
    QCOMPARE(server.connectionCount(), 1);
    QTRY_COMPARE(server.disconnectionCount(), 1);
    QCOMPARE(server.authAttempts(), 0);
}

void TestRealServers::aiosmtpdStartTls_data()
{
    QTest::addColumn<QString>("peerName");
    QTest::addColumn<bool>("isTrusted");

    // The server certificate names both in its subjectAltName, so either verifies.
    QTest::newRow("peer name localhost (SAN DNS)") << QStringLiteral("localhost") << true;
    QTest::newRow("peer name 127.0.0.1 (SAN IP)") << QStringLiteral("127.0.0.1") << true;
    QTest::newRow("peer name not in certificate") << QStringLiteral("mail.example.org") << false;
}

void TestRealServers::aiosmtpdStartTls()
{
    QFETCH(QString, peerName);
    QFETCH(bool, isTrusted);

    AiosmtpdServer server({.tls = AiosmtpdOptions::Tls::StartTls});
    QVERIFY(server.start());
    QCOMPARE(server.caCertificatePath(), testCertificatePath(u"ca.pem"));

    RawSmtpClient client;
    QVERIFY(client.connectPlain(server.port()));
    QCOMPARE(client.readReply().code, 220);
    const Reply ehlo = client.command("EHLO client.example.org");
    QVERIFY2(ehlo.text().contains("STARTTLS"), ehlo.text().constData());
    QCOMPARE(client.command("MAIL FROM:<alice@example.org>").code, 530); // TLS first
    QCOMPARE(client.command("STARTTLS").code, 220);
    QCOMPARE(client.startTls(peerName), isTrusted);
    if (!isTrusted) {
        QVERIFY(!client.sslHandshakeErrors().isEmpty());
        QCOMPARE(client.sslHandshakeErrors().constFirst().error(), QSslError::HostNameMismatch);
        QCOMPARE(server.receivedMessages().size(), 0);
        return;
    }
    QCOMPARE(client.command("EHLO client.example.org").code, 250);
    QCOMPARE(client.sendMessage("alice@example.org", "bob@example.net", TestBody), 250);
    client.quit();

    QTRY_COMPARE(server.receivedMessages().size(), 1);
    QCOMPARE(server.receivedMessages().constFirst().data, TestBody);
    QCOMPARE(server.connectionCount(), 1); // STARTTLS does not count as a second connection
}

void TestRealServers::aiosmtpdImplicitTls()
{
    AiosmtpdServer server({.tls = AiosmtpdOptions::Tls::Implicit});
    QVERIFY(server.start());

    RawSmtpClient client;
    QVERIFY(client.connectEncrypted(server.port(), QStringLiteral("localhost")));
    QCOMPARE(client.readReply().code, 220);
    const Reply ehlo = client.command("EHLO client.example.org");
    QCOMPARE(ehlo.code, 250);
    QVERIFY2(!ehlo.text().contains("STARTTLS"), ehlo.text().constData());
    QCOMPARE(client.sendMessage("alice@example.org", "bob@example.net", TestBody), 250);
    client.quit();

    QTRY_COMPARE(server.receivedMessages().size(), 1);
    QCOMPARE(server.receivedMessages().constFirst().mailFrom, QByteArray("alice@example.org"));
}

void TestRealServers::aiosmtpdSelfSignedCertificateIsRejected()
{
    AiosmtpdServer server({.tls = AiosmtpdOptions::Tls::Implicit,
                           .certificate = AiosmtpdOptions::Certificate::SelfSigned});
    QVERIFY(server.start());

    RawSmtpClient client;
    QVERIFY(!client.connectEncrypted(server.port(), QStringLiteral("localhost")));
    QVERIFY(!client.sslHandshakeErrors().isEmpty());
    QCOMPARE(client.sslHandshakeErrors().constFirst().error(), QSslError::SelfSignedCertificate);
}

void TestRealServers::aiosmtpdAuth_data()
{
    QTest::addColumn<QByteArray>("mechanism");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("expectedCode");
    QTest::addColumn<int>("expectedLogins");

    const QString right = QStringLiteral("s3cret-Pa55word");
    const QString wrong = QStringLiteral("wrong-Pa55word");
    QTest::newRow("AUTH PLAIN accepted") << QByteArray("PLAIN") << right << 235 << 1;
    QTest::newRow("AUTH PLAIN wrong password") << QByteArray("PLAIN") << wrong << 535 << 0;
    QTest::newRow("AUTH LOGIN accepted") << QByteArray("LOGIN") << right << 235 << 1;
    QTest::newRow("AUTH LOGIN wrong password") << QByteArray("LOGIN") << wrong << 535 << 0;
}

void TestRealServers::aiosmtpdAuth()
{
    QFETCH(QByteArray, mechanism);
    QFETCH(QString, password);
    QFETCH(int, expectedCode);
    QFETCH(int, expectedLogins);

    const QString username = QStringLiteral("mailer");
    const QString serverPassword = QStringLiteral("s3cret-Pa55word");
    AiosmtpdServer server({.username = username, .password = serverPassword});
    QVERIFY(server.start());

    RawSmtpClient client;
    QVERIFY(client.connectPlain(server.port()));
    QCOMPARE(client.readReply().code, 220);
    const Reply ehlo = client.command("EHLO client.example.org");
    QVERIFY2(ehlo.text().contains("AUTH LOGIN PLAIN"), ehlo.text().constData());
    QCOMPARE(client.command("MAIL FROM:<alice@example.org>").code, 530); // AUTH first

    Reply reply;
    if (mechanism == "PLAIN") {
        // RFC 4616: authzid NUL authcid NUL passwd, base64 (RFC 4954 initial response).
        const QByteArray blob = '\0' + username.toUtf8() + '\0' + password.toUtf8();
        reply = client.command("AUTH PLAIN " + blob.toBase64());
    } else {
        QCOMPARE(client.command("AUTH LOGIN").code, 334);
        QCOMPARE(client.command(username.toUtf8().toBase64()).code, 334);
        reply = client.command(password.toUtf8().toBase64());
    }
    QCOMPARE(reply.code, expectedCode);
    QCOMPARE(client.command("MAIL FROM:<alice@example.org>").code, expectedLogins == 1 ? 250 : 530);
    client.quit();

    QTRY_COMPARE(server.disconnectionCount(), 1);
    QCOMPARE(server.authAttempts(), 1);
    QCOMPARE(server.successfulLogins(), expectedLogins);

    QFile record(server.recordPath());
    QVERIFY(record.open(QIODevice::ReadOnly));
    const QByteArray recorded = record.readAll();
    QVERIFY(recorded.contains("\"auth\""));
    QVERIFY(recorded.contains(mechanism));
    for (const QString &secret : {password, serverPassword}) {
        QVERIFY(!recorded.contains(secret.toUtf8()));
        QVERIFY(!recorded.contains(secret.toUtf8().toBase64()));
    }
}

void TestRealServers::aiosmtpdCountsConnections()
{
    AiosmtpdServer server;
    QVERIFY(server.start());

    for (int connection = 1; connection <= 2; ++connection) {
        RawSmtpClient client;
        QVERIFY(client.connectPlain(server.port()));
        QCOMPARE(client.readReply().code, 220);
        QCOMPARE(client.command("EHLO client.example.org").code, 250);
        QCOMPARE(client.sendMessage("alice@example.org", "bob@example.net", TestBody), 250);
        client.quit();
    }

    QTRY_COMPARE(server.disconnectionCount(), 2);
    QCOMPARE(server.connectionCount(), 2);
    const QList<ReceivedMessage> messages = server.receivedMessages();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).connection, 1);
    QCOMPARE(messages.at(1).connection, 2);
    QCOMPARE(messages.at(1).indexInConnection, 1);
}

void TestRealServers::aiosmtpdManyMessagesOnOneConnection()
{
    constexpr int MessageCount = 300;
    AiosmtpdServer server;
    QVERIFY(server.start());

    RawSmtpClient client;
    QVERIFY(client.connectPlain(server.port()));
    QCOMPARE(client.readReply().code, 220);
    QCOMPARE(client.command("EHLO client.example.org").code, 250);
    for (int index = 1; index <= MessageCount; ++index) {
        const QByteArray body = "Subject: " + QByteArray::number(index) + "\r\n\r\nBody\r\n";
        QCOMPARE(client.sendMessage("alice@example.org", "bob@example.net", body), 250);
    }
    client.quit();

    QTRY_COMPARE(server.receivedMessages().size(), MessageCount);
    const QList<ReceivedMessage> messages = server.receivedMessages();
    QCOMPARE(messages.constLast().connection, 1);
    QCOMPARE(messages.constLast().indexInConnection, MessageCount);
    QCOMPARE(messages.constLast().data, QByteArray("Subject: 300\r\n\r\nBody\r\n"));
    QCOMPARE(server.connectionCount(), 1);
}

void TestRealServers::smtpSinkCountsMessagesAndSessions()
{
    constexpr int MessageCount = 40;
    SmtpSinkServer sink;
    QVERIFY(sink.start());
    QVERIFY(sink.port() != 0);
    // The launcher's start-up probe is not counted.
    QCOMPARE(sink.sessionCount(), 0);
    QCOMPARE(sink.quitCount(), 0);
    QCOMPARE(sink.messageCount(), 0);

    RawSmtpClient client;
    QVERIFY(client.connectPlain(sink.port()));
    QCOMPARE(client.readReply().code, 220);
    const Reply ehlo = client.command("EHLO client.example.org");
    QVERIFY2(ehlo.text().contains("PIPELINING"), ehlo.text().constData());
    for (int index = 0; index < MessageCount; ++index) {
        QCOMPARE(client.sendMessage("alice@example.org", "bob@example.net", TestBody), 250);
    }
    QTRY_COMPARE(sink.messageCount(), MessageCount);
    QCOMPARE(sink.sessionCount(), 0); // still open: smtp-sink counts sessions when they end
    client.quit();
    QTRY_COMPARE(sink.sessionCount(), 1);
    QCOMPARE(sink.quitCount(), 1);

    RawSmtpClient second;
    QVERIFY(second.connectPlain(sink.port()));
    QCOMPARE(second.readReply().code, 220);
    QCOMPARE(second.command("HELO client.example.org").code, 250);
    QCOMPARE(second.sendMessage("carol@example.org", "dave@example.net", TestBody), 250);
    second.quit();
    QTRY_COMPARE(sink.sessionCount(), 2);
    QCOMPARE(sink.messageCount(), MessageCount + 1);
    QCOMPARE(sink.receivedMessages().size(), 0); // not capturing
}

void TestRealServers::smtpSinkDumpsMessages()
{
    constexpr int MessageCount = 5;
    SmtpSinkServer sink({.capture = SmtpSinkOptions::Capture::DumpMessages});
    QVERIFY(sink.start());

    RawSmtpClient client;
    QVERIFY(client.connectPlain(sink.port()));
    QCOMPARE(client.readReply().code, 220);
    QCOMPARE(client.command("EHLO client.example.org").code, 250);
    for (int index = 1; index <= MessageCount; ++index) {
        const QByteArray body = "Subject: " + QByteArray::number(index)
                                + "\r\n\r\n..dot-stuffed line\r\nBody\r\n";
        QCOMPARE(client.sendMessage("alice@example.org", "bob@example.net", body), 250);
    }
    client.quit();
    QTRY_COMPARE(sink.sessionCount(), 1);
    QCOMPARE(sink.messageCount(), MessageCount);

    const QList<ReceivedMessage> messages = sink.receivedMessages();
    QCOMPARE(messages.size(), MessageCount);
    QCOMPARE(messages.at(0).mailFrom, QByteArray("alice@example.org"));
    QCOMPARE(messages.at(0).recipients, QList<QByteArray>{"bob@example.net"});
    QCOMPARE(messages.at(0).connection, 0); // smtp-sink cannot tell
    QCOMPARE(messages.at(4).data, QByteArray("Subject: 5\n\n.dot-stuffed line\nBody\n"));
}

void TestRealServers::smtpSinkExtraArguments()
{
    // -r RCPT: soft-reject every RCPT with smtp-sink's default 450 reply.
    SmtpSinkServer sink({.extraArguments = {QStringLiteral("-r"), QStringLiteral("RCPT")}});
    QVERIFY(sink.start());

    RawSmtpClient client;
    QVERIFY(client.connectPlain(sink.port()));
    QCOMPARE(client.readReply().code, 220);
    QCOMPARE(client.command("EHLO client.example.org").code, 250);
    QCOMPARE(client.command("MAIL FROM:<alice@example.org>").code, 250);
    QCOMPARE(client.command("RCPT TO:<bob@example.net>").code, 450);
    client.quit();
    QTRY_COMPARE(sink.sessionCount(), 1);
    QCOMPARE(sink.messageCount(), 0);
}

QTEST_GUILESS_MAIN(TestRealServers)
#include "tst_realservers.moc"
