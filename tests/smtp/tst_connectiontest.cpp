// "Test connection" against Debian's real aiosmtpd: STARTTLS and implicit TLS, AUTH success and
// failure, certificates trusted by file, untrusted self-signed certificates (with the chain and
// the TLS errors for the UI), and the transport failures a user meets (refused port, TLS on a
// plain-text port, STARTTLS missing). It never sends a message.

#include "smtp/connectiontest.h"

#include "connectiondriver.h"
#include "realservers.h"
#include "scriptedsmtpserver.h"
#include "testcertificates.h"

#include <QDateTime>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(Bulkmail::Test::AiosmtpdOptions::Tls)
Q_DECLARE_METATYPE(Bulkmail::Test::AiosmtpdOptions::Certificate)
Q_DECLARE_METATYPE(Bulkmail::ConnectionTestReport::Outcome)

namespace {

constexpr int WaitMs = 20'000;

enum class Trust { Nothing, TestCa, SelfSignedCertificate };

} // namespace

Q_DECLARE_METATYPE(Trust)

class tst_ConnectionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void outcomes_data();
    void outcomes();
    void untrustedCertificateOffersTheChain();
    void refusalsEndWithQuit_data();
    void refusalsEndWithQuit();
    void refusedPort();
    void oneSessionDoesEverything();
    void silentServerTimesOutAtTheGreeting();
    void busyGreetingIsARefusal();
    void closeDuringImplicitTlsNamesTheSecuritySetting();
    void cancelReportsCancelled();
    void accessToken_data();
    void accessToken();

private:
    static ConnectionTestReport runTest(ConnectionTest &test,
                                        const SmtpEndpoint &endpoint,
                                        const QString &password);
};

ConnectionTestReport tst_ConnectionTest::runTest(ConnectionTest &test,
                                                 const SmtpEndpoint &endpoint,
                                                 const QString &password)
{
    QSignalSpy spy(&test, &ConnectionTest::finished);
    test.start(endpoint, password, quickTimeouts());
    if (!spy.wait(WaitMs) || spy.size() != 1)
        return {};
    return spy.first().first().value<ConnectionTestReport>();
}

// An account on this machine's loopback, with a username so that the test would sign in.
static SmtpEndpoint localEndpoint(quint16 port, SecurityMode security)
{
    SmtpEndpoint endpoint;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = port;
    endpoint.security = security;
    endpoint.username = QStringLiteral("user");
    return endpoint;
}

void tst_ConnectionTest::outcomes_data()
{
    using Tls = AiosmtpdOptions::Tls;
    using Certificate = AiosmtpdOptions::Certificate;
    using Outcome = ConnectionTestReport::Outcome;

    QTest::addColumn<Tls>("serverTls");
    QTest::addColumn<Certificate>("certificate");
    QTest::addColumn<SecurityMode>("security");
    QTest::addColumn<Trust>("trust");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<bool>("encrypted");
    QTest::addColumn<bool>("authenticated");
    QTest::addColumn<int>("logins");
    QTest::addColumn<QString>("messagePart");

    const QString user = QStringLiteral("user@example.test");
    const QString right = QStringLiteral("correct horse");

    QTest::newRow("STARTTLS + AUTH, CA trusted by file")
        << Tls::StartTls << Certificate::SignedByTestCa << SecurityMode::StartTls << Trust::TestCa
        << user << right << Outcome::Success << true << true << 1 << QString();
    QTest::newRow("implicit TLS + AUTH")
        << Tls::Implicit << Certificate::SignedByTestCa << SecurityMode::ImplicitTls
        << Trust::TestCa << user << right << Outcome::Success << true << true << 1 << QString();
    QTest::newRow("self-signed certificate pinned by file")
        << Tls::StartTls << Certificate::SelfSigned << SecurityMode::StartTls
        << Trust::SelfSignedCertificate << user << right << Outcome::Success << true << true << 1
        << QString();
    QTest::newRow("wrong password")
        << Tls::StartTls << Certificate::SignedByTestCa << SecurityMode::StartTls << Trust::TestCa
        << user << QStringLiteral("wrong") << Outcome::AuthenticationFailed << true << false << 0
        << QStringLiteral("refused the username or password");
    QTest::newRow("untrusted self-signed certificate")
        << Tls::StartTls << Certificate::SelfSigned << SecurityMode::StartTls << Trust::Nothing
        << user << right << Outcome::CertificateRejected << false << false << 0
        << QStringLiteral("certificate is not trusted");
    QTest::newRow("no username: connect and TLS only")
        << Tls::StartTls << Certificate::SignedByTestCa << SecurityMode::StartTls << Trust::TestCa
        << QString() << QString() << Outcome::Success << true << false << 0 << QString();
    QTest::newRow("STARTTLS asked, server has none")
        << Tls::None << Certificate::SignedByTestCa << SecurityMode::StartTls << Trust::TestCa
        << user << right << Outcome::StartTlsUnavailable << false << false << 0
        << QStringLiteral("does not offer STARTTLS");
    QTest::newRow("TLS asked on a plain-text port")
        << Tls::None << Certificate::SignedByTestCa << SecurityMode::ImplicitTls << Trust::TestCa
        << user << right << Outcome::TlsFailed << false << false << 0
        << QStringLiteral("check the security setting");
}

void tst_ConnectionTest::outcomes()
{
    QFETCH(AiosmtpdOptions::Tls, serverTls);
    QFETCH(AiosmtpdOptions::Certificate, certificate);
    QFETCH(SecurityMode, security);
    QFETCH(Trust, trust);
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(ConnectionTestReport::Outcome, outcome);
    QFETCH(bool, encrypted);
    QFETCH(bool, authenticated);
    QFETCH(int, logins);
    QFETCH(QString, messagePart);

    AiosmtpdOptions options;
    options.tls = serverTls;
    options.certificate = certificate;
    options.username = QStringLiteral("user@example.test");
    options.password = QStringLiteral("correct horse");
    AiosmtpdServer server(options);
    QVERIFY(server.start());

    SmtpEndpoint endpoint;
    endpoint.host = server.host();
    endpoint.port = server.port();
    endpoint.security = security;
    endpoint.username = username;
    if (trust == Trust::TestCa)
        endpoint.trustCertificateFile = server.caCertificatePath();
    else if (trust == Trust::SelfSignedCertificate)
        endpoint.trustCertificateFile = testCertificatePath(u"selfsigned.pem");

    ConnectionTest test;
    const ConnectionTestReport report = runTest(test, endpoint, password);
    QVERIFY2(report.outcome == outcome, qPrintable(report.errorMessage));
    QCOMPARE(report.serverAddress, endpoint.displayAddress());
    QVERIFY(report.connected);
    QCOMPARE(report.encrypted, encrypted);
    QCOMPARE(report.authenticated, authenticated);
    QVERIFY(!test.isRunning());
    QTRY_COMPARE(server.successfulLogins(), logins);
    QCOMPARE(server.receivedMessages().size(), 0); // a test never sends mail

    if (report.isSuccess()) {
        QVERIFY(report.errorMessage.isEmpty());
        QVERIFY(report.greeting.size() > 0);
        QVERIFY(report.quitAnswered);
        QVERIFY(report.tlsProtocol.startsWith(QLatin1String("TLSv1.")));
        QVERIFY(!report.tlsCipher.isEmpty());
        QVERIFY(!report.peerCertificateChain.isEmpty());
        QVERIFY(report.sslErrors.isEmpty());
        QCOMPARE(report.authenticationAttempted, !username.isEmpty());
        if (!username.isEmpty())
            QVERIFY(report.capabilities.offersAuthMechanism(u"PLAIN"));
    } else {
        QVERIFY2(report.errorMessage.contains(messagePart), qPrintable(report.errorMessage));
    }
    if (outcome == ConnectionTestReport::Outcome::AuthenticationFailed
        || outcome == ConnectionTestReport::Outcome::StartTlsUnavailable) {
        // A refusal from a server that still talks ends with QUIT (RFC 5321 §4.1.1.10).
        QVERIFY(report.quitAnswered);
    }
    if (outcome == ConnectionTestReport::Outcome::AuthenticationFailed) {
        QVERIFY(report.authenticationAttempted);
        QVERIFY(report.serverReply.contains(QLatin1String("535")));
        QCOMPARE(server.authAttempts(), 1); // never a second login attempt
    }
    if (outcome == ConnectionTestReport::Outcome::CertificateRejected
        || outcome == ConnectionTestReport::Outcome::StartTlsUnavailable) {
        // The password never left: the probe stops before any AUTH.
        QVERIFY(!report.authenticationAttempted);
        QCOMPARE(server.authAttempts(), 0);
    }
}

void tst_ConnectionTest::untrustedCertificateOffersTheChain()
{
    AiosmtpdOptions options;
    options.tls = AiosmtpdOptions::Tls::Implicit;
    options.certificate = AiosmtpdOptions::Certificate::SelfSigned;
    AiosmtpdServer server(options);
    QVERIFY(server.start());

    SmtpEndpoint endpoint;
    endpoint.host = server.host();
    endpoint.port = server.port();
    endpoint.security = SecurityMode::ImplicitTls;

    ConnectionTest test;
    const ConnectionTestReport report = runTest(test, endpoint, {});
    QCOMPARE(report.outcome, ConnectionTestReport::Outcome::CertificateRejected);
    QVERIFY(report.connected);
    QVERIFY(!report.encrypted);
    QVERIFY(!report.peerCertificateChain.isEmpty());
    QCOMPARE(report.peerCertificateChain.first(), selfSignedCertificate());
    QVERIFY(!report.sslErrors.isEmpty());
    const bool namesSelfSigned = std::any_of(report.sslErrors.cbegin(),
                                             report.sslErrors.cend(),
                                             [](const QSslError &error) {
                                                 return error.error()
                                                        == QSslError::SelfSignedCertificate;
                                             });
    QVERIFY(namesSelfSigned);
    QVERIFY(report.isTrustable); // trusting the certificate would answer every error
}

void tst_ConnectionTest::refusalsEndWithQuit_data()
{
    using Outcome = ConnectionTestReport::Outcome;
    QTest::addColumn<QByteArray>("fault");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<QList<QByteArray>>("commands");

    const QByteArray ehlo = "EHLO client.example.test";
    QTest::newRow("554 greeting") << QByteArray("greeting") << Outcome::ServerRefused
                                  << QList<QByteArray>{"QUIT"};
    QTest::newRow("STARTTLS not offered")
        << QByteArray("no starttls") << Outcome::StartTlsUnavailable
        << QList<QByteArray>{ehlo, "QUIT"};
    QTest::newRow("garbage to EHLO")
        << QByteArray("garbage") << Outcome::Failed << QList<QByteArray>{ehlo, "QUIT"};
}

// The probe of "Test connection" says goodbye too when the server refuses it (RFC 5321 §3.1:
// QUIT after a 554 greeting), and never sends the password.
void tst_ConnectionTest::refusalsEndWithQuit()
{
    QFETCH(QByteArray, fault);
    QFETCH(ConnectionTestReport::Outcome, outcome);
    QFETCH(QList<QByteArray>, commands);

    ScriptedSmtpServer server;
    if (fault == "greeting")
        server.setGreeting("554 5.3.2 no service for you");
    else if (fault == "garbage")
        server.sendGarbageOn("EHLO", 1);
    SmtpEndpoint endpoint;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = server.serverPort();
    endpoint.security = fault == "garbage" ? SecurityMode::None : SecurityMode::StartTls;
    endpoint.username = QStringLiteral("user");
    endpoint.heloName = QStringLiteral("client.example.test");

    ConnectionTest test;
    const ConnectionTestReport report = runTest(test, endpoint, QStringLiteral("pw"));
    QVERIFY2(report.outcome == outcome, qPrintable(report.errorMessage));
    QVERIFY(report.quitAnswered);
    QVERIFY(!report.authenticationAttempted);
    QTRY_COMPARE(server.openConnectionCount(), 0);
    QCOMPARE(server.commandsOn(1), commands);
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(server.authAttempts(), 0);
}

void tst_ConnectionTest::refusedPort()
{
    // A port nobody listens on: take a free one and close it again.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    SmtpEndpoint endpoint;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = port;
    endpoint.security = SecurityMode::StartTls;
    endpoint.username = QStringLiteral("user");

    ConnectionTest test;
    const ConnectionTestReport report = runTest(test, endpoint, QStringLiteral("pw"));
    QCOMPARE(report.outcome, ConnectionTestReport::Outcome::ConnectionRefused);
    QVERIFY(!report.connected);
    QVERIFY(report.errorMessage.contains(QStringLiteral("127.0.0.1:%1").arg(port)));
    QVERIFY(report.errorMessage.contains(QLatin1String("refused the connection")));
}

// The test is the campaign's own SmtpConnection, not a second state machine: one connection
// greets, signs in and says goodbye (a probe before it would be a second login-less connection).
void tst_ConnectionTest::oneSessionDoesEverything()
{
    ScriptedSmtpServer server;
    server.setCapabilities({"PIPELINING", "AUTH PLAIN LOGIN", "ENHANCEDSTATUSCODES"});
    server.setCredentials("user", "pw");
    SmtpEndpoint endpoint = localEndpoint(server.serverPort(), SecurityMode::None);
    endpoint.heloName = QStringLiteral("client.example.test");

    ConnectionTest test;
    QSignalSpy steps(&test, &ConnectionTest::progress);
    const ConnectionTestReport report = runTest(test, endpoint, QStringLiteral("pw"));
    QVERIFY2(report.isSuccess(), qPrintable(report.errorMessage));
    QVERIFY(report.connected);
    QVERIFY(report.authenticated);
    QVERIFY(report.quitAnswered);
    QVERIFY(!report.greeting.isEmpty());
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(server.authAttempts(), 1);
    const QList<QByteArray> commands = server.commandsOn(1);
    QVERIFY(!commands.isEmpty());
    QCOMPARE(commands.first(), QByteArray("EHLO client.example.test"));
    QCOMPARE(commands.last(), QByteArray("QUIT"));
    QVERIFY(std::none_of(commands.begin(), commands.end(), [](const QByteArray &command) {
        return command.startsWith("MAIL");
    }));
    QStringList said;
    for (const QList<QVariant> &step : std::as_const(steps))
        said.append(step.first().toString());
    QVERIFY2(said.size() >= 3, qPrintable(said.join(u'|'))); // connecting, signing in, goodbye
    QVERIFY(said.first().startsWith(QLatin1String("Connecting to 127.0.0.1:")));
}

void tst_ConnectionTest::silentServerTimesOutAtTheGreeting()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    const SmtpEndpoint endpoint = localEndpoint(silent.serverPort(), SecurityMode::StartTls);

    SmtpTimeouts timeouts = quickTimeouts();
    timeouts.greeting = std::chrono::seconds(1);
    ConnectionTest test;
    QSignalSpy spy(&test, &ConnectionTest::finished);
    test.start(endpoint, QStringLiteral("pw"), timeouts);
    QVERIFY(spy.wait(WaitMs));
    const auto report = spy.first().first().value<ConnectionTestReport>();
    QCOMPARE(report.outcome, ConnectionTestReport::Outcome::Timeout);
    QVERIFY(report.connected);
    QVERIFY2(report.errorMessage.contains(QLatin1String("sent no greeting within 1 s")),
             qPrintable(report.errorMessage));
    QVERIFY(!report.authenticationAttempted);
}

void tst_ConnectionTest::busyGreetingIsARefusal()
{
    ScriptedSmtpServer server;
    server.setGreeting("421 4.3.2 System not accepting network messages");
    const SmtpEndpoint endpoint = localEndpoint(server.serverPort(), SecurityMode::None);

    ConnectionTest test;
    const ConnectionTestReport report = runTest(test, endpoint, QStringLiteral("pw"));
    QVERIFY2(report.outcome == ConnectionTestReport::Outcome::ServerRefused,
             qPrintable(report.errorMessage));
    QVERIFY(report.serverReply.startsWith(QLatin1String("421 4.3.2")));
    QVERIFY(report.greeting.contains(QLatin1String("not accepting")));
    QCOMPARE(server.authAttempts(), 0);
}

void tst_ConnectionTest::closeDuringImplicitTlsNamesTheSecuritySetting()
{
    // A server that hangs up on the TLS ClientHello (a plain-text service that gives up).
    QTcpServer rude;
    QVERIFY(rude.listen(QHostAddress::LocalHost, 0));
    connect(&rude, &QTcpServer::newConnection, &rude, [&rude] {
        while (QTcpSocket *socket = rude.nextPendingConnection()) {
            socket->close();
            socket->deleteLater();
        }
    });
    const SmtpEndpoint endpoint = localEndpoint(rude.serverPort(), SecurityMode::ImplicitTls);

    ConnectionTest test;
    const ConnectionTestReport report = runTest(test, endpoint, QStringLiteral("pw"));
    QVERIFY2(report.outcome == ConnectionTestReport::Outcome::TlsFailed,
             qPrintable(report.errorMessage));
    QVERIFY2(report.errorMessage.contains(QLatin1String("check the security setting")),
             qPrintable(report.errorMessage));
    QVERIFY(!report.authenticationAttempted);
}

void tst_ConnectionTest::cancelReportsCancelled()
{
    // A server that accepts and never greets: the test waits until cancelled.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    SmtpEndpoint endpoint;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = silent.serverPort();
    endpoint.security = SecurityMode::StartTls;

    ConnectionTest test;
    QSignalSpy spy(&test, &ConnectionTest::finished);
    test.start(endpoint, QString(), quickTimeouts());
    QTRY_VERIFY(silent.hasPendingConnections());
    QVERIFY(test.isRunning());
    test.cancel();
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().first().value<ConnectionTestReport>().outcome,
             ConnectionTestReport::Outcome::Cancelled);
    QVERIFY(!test.isRunning());
    test.cancel(); // no second report
    QTest::qWait(0);
    QCOMPARE(spy.size(), 1);
}

void tst_ConnectionTest::accessToken_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("succeeds");
    QTest::newRow("issued token") << QStringLiteral("good-token-123") << true;
    QTest::newRow("unknown token") << QStringLiteral("never-issued-456") << false;
}

void tst_ConnectionTest::accessToken()
{
    QFETCH(QString, token);
    QFETCH(bool, succeeds);

    QTemporaryDir directory;
    const QString tokens = directory.filePath(QStringLiteral("tokens.jsonl"));
    QFile file(tokens);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("{\"token\": \"good-token-123\", \"user\": \"ada@example.org\", "
                              "\"expires\": %1}\n")
                   .arg(QDateTime::currentSecsSinceEpoch() + 3600)
                   .toUtf8());
    file.close();
    AiosmtpdOptions options;
    options.oauthTokensFile = tokens;
    AiosmtpdServer server(options);
    QVERIFY(server.start());

    SmtpEndpoint endpoint;
    endpoint.host = server.host();
    endpoint.port = server.port();
    endpoint.security = SecurityMode::None;
    SmtpCredentials credentials;
    credentials.username = QStringLiteral("ada@example.org");
    credentials.accessToken = token;

    ConnectionTest test;
    QSignalSpy spy(&test, &ConnectionTest::finished);
    test.start(endpoint, credentials, quickTimeouts());
    QVERIFY(spy.wait(WaitMs));
    const auto report = spy.first().first().value<ConnectionTestReport>();
    QVERIFY(report.usedAccessToken);
    QVERIFY(report.authenticationAttempted);
    QCOMPARE(report.authenticated, succeeds);
    QTRY_COMPARE(server.authEvents().size(), 1);
    QVERIFY(server.authEvents().first().mechanism == u"XOAUTH2"
            || server.authEvents().first().mechanism == u"OAUTHBEARER");
    QCOMPARE(server.authEvents().first().success, succeeds);
    if (succeeds) {
        QCOMPARE(report.outcome, ConnectionTestReport::Outcome::Success);
    } else {
        QCOMPARE(report.outcome, ConnectionTestReport::Outcome::AuthenticationFailed);
        QVERIFY2(report.errorMessage.startsWith(QLatin1String("The server refused the sign-in: ")),
                 qPrintable(report.errorMessage));
        QVERIFY(!report.errorMessage.contains(QLatin1String("password")));
    }
    QVERIFY(!report.errorMessage.contains(token)); // never the token itself
}

QTEST_GUILESS_MAIN(tst_ConnectionTest)
#include "tst_connectiontest.moc"
