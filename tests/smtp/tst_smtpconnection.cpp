// Protocol tests for SmtpConnection: happy paths against Debian's real aiosmtpd (plain, STARTTLS,
// implicit TLS, AUTH), certificate handling, and the faults only the in-process ScriptedSmtpServer
// (or the small LineServer below) produces: refused greetings, garbage, stalls, 421, drops,
// RFC 2920 pipelining conformance.
//
// The scripted servers live in this thread, so every wait spins the event loop (QTRY_*,
// QSignalSpy::wait); nothing here blocks in QAbstractSocket::waitFor*().

#include "smtp/smtpconnection.h"

#include "connectiondriver.h"
#include "realservers.h"
#include "scriptedsmtpserver.h"
#include "smtp/messagedata.h"
#include "smtp/replyclassifier.h"
#include "testcertificates.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <functional>
#include <memory>
#include <sstream>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(Bulkmail::Test::AiosmtpdOptions::Tls)
Q_DECLARE_METATYPE(Bulkmail::Test::AiosmtpdOptions::Certificate)
Q_DECLARE_METATYPE(Bulkmail::CertificateVerification)
Q_DECLARE_METATYPE(Bulkmail::CloseReason)
Q_DECLARE_METATYPE(Bulkmail::ReplyVerdict)
Q_DECLARE_METATYPE(Bulkmail::SmtpStage)
Q_DECLARE_METATYPE(Bulkmail::SmtpTimeouts)
Q_DECLARE_METATYPE(Bulkmail::Test::ScriptedSmtpServer::DropMode)

namespace {

constexpr int WaitMs = 10'000;
const QByteArray Sender = QByteArrayLiteral("sender@example.test");

SmtpEndpoint endpoint(const QString &host, quint16 port, SecurityMode security)
{
    SmtpEndpoint result;
    result.host = host;
    result.port = port;
    result.security = security;
    result.heloName = QStringLiteral("client.example.test");
    return result;
}

SmtpEndpoint plainEndpoint(const ScriptedSmtpServer &server)
{
    return endpoint(QStringLiteral("127.0.0.1"), server.serverPort(), SecurityMode::None);
}

// Dot-stuffing candidates (".hidden", "..two", a lone "."), LF line ends to be normalised, and
// no final newline on the last line.
QByteArray contentFor(quint64 id)
{
    return "From: <sender@example.test>\nTo: <r" + QByteArray::number(id)
           + "@example.test>\nSubject: message " + QByteArray::number(id)
           + "\n\nfirst line\n.hidden\n..two\n.\nmiddle . dot\r\nlast line without newline";
}

// What a server must store for contentFor(): CRLF line ends, dots unstuffed, a final CRLF.
QByteArray receivedContentFor(quint64 id)
{
    return "From: <sender@example.test>\r\nTo: <r" + QByteArray::number(id)
           + "@example.test>\r\nSubject: message " + QByteArray::number(id)
           + "\r\n\r\nfirst line\r\n.hidden\r\n..two\r\n.\r\nmiddle . dot\r\nlast line without "
             "newline\r\n";
}

OutgoingMessage makeMessage(quint64 id, QByteArray content = {})
{
    OutgoingMessage message;
    message.id = id;
    message.envelopeFrom = Sender;
    message.recipient = "r" + QByteArray::number(id) + "@example.test";
    message.content = content.isNull() ? contentFor(id) : std::move(content);
    return message;
}

QList<OutgoingMessage> makeMessages(int count)
{
    QList<OutgoingMessage> messages;
    for (int i = 1; i <= count; ++i)
        messages.append(makeMessage(quint64(i)));
    return messages;
}

QList<quint64> idsOf(const QList<AbandonedMessage> &abandoned)
{
    QList<quint64> ids;
    for (const AbandonedMessage &message : abandoned)
        ids.append(message.message.id);
    return ids;
}

using Driver = ConnectionDriver;

// Turns on the opt-in SMTP transcript (BULKMAIL_SMTP_TRANSCRIPT) for connections made while it
// lives, and collects what it logs; the previous logger comes back at the end.
class TranscriptCapture final
{
public:
    TranscriptCapture()
        : m_previous(spdlog::default_logger())
    {
        qputenv("BULKMAIL_SMTP_TRANSCRIPT", "1");
        auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(m_log);
        auto logger = std::make_shared<spdlog::logger>("transcript-test", sink);
        logger->set_level(spdlog::level::debug);
        spdlog::set_default_logger(logger);
    }
    ~TranscriptCapture()
    {
        spdlog::set_default_logger(m_previous);
        qunsetenv("BULKMAIL_SMTP_TRANSCRIPT");
    }
    Q_DISABLE_COPY_MOVE(TranscriptCapture)

    [[nodiscard]] QString text() const { return QString::fromStdString(m_log.str()); }

private:
    std::ostringstream m_log;
    std::shared_ptr<spdlog::logger> m_previous;
};

// A minimal line-based SMTP server for replies the ScriptedSmtpServer cannot give (a refused
// EHLO): it answers each verb from a table, accepts MAIL/RCPT/DATA, and records the commands.
class LineServer final : public QTcpServer
{
public:
    LineServer()
    {
        if (!listen(QHostAddress::LocalHost, 0))
            qWarning("LineServer cannot listen: %s", qPrintable(errorString()));
    }

    QHash<QByteArray, QByteArray> replies; // verb → reply line, CRLF added
    QList<QByteArray> commands;
    QList<QByteArray> messages;
    QByteArray unfinishedContent; // what came after a 354 and has no final dot yet

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        socket->write("220 line.test ESMTP\r\n");
        auto inData = std::make_shared<bool>(false);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, inData] {
            while (socket->canReadLine()) {
                const QByteArray line = socket->readLine().chopped(2);
                if (*inData) {
                    if (line == ".") {
                        *inData = false;
                        messages.append(unfinishedContent);
                        unfinishedContent.clear();
                        socket->write("250 2.0.0 queued\r\n");
                    } else {
                        unfinishedContent += (line.startsWith('.') ? line.mid(1) : line) + "\r\n";
                    }
                    continue;
                }
                commands.append(line);
                const QByteArray verb = line.split(' ').constFirst().toUpper();
                QByteArray reply = replies.value(verb);
                if (reply.isEmpty()) {
                    if (verb == "EHLO" || verb == "HELO" || verb == "MAIL" || verb == "RCPT")
                        reply = "250 2.0.0 Ok";
                    else if (verb == "DATA")
                        reply = "354 go ahead";
                    else if (verb == "QUIT")
                        reply = "221 2.0.0 Bye";
                    else
                        reply = "500 5.5.2 what?";
                }
                socket->write(reply + "\r\n");
                if (verb == "DATA" && reply.startsWith("354"))
                    *inData = true;
                if (verb == "QUIT")
                    socket->disconnectFromHost();
            }
        });
    }
};

} // namespace

class TestSmtpConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    // 1. aiosmtpd, a real server
    void realServerSession_data();
    void realServerSession();
    void realServerWrongPassword();

    // 2. certificates
    void certificates_data();
    void certificates();

    // 3. faults from the scripted server
    void startTlsRequiredButNotOffered();
    void plainTextInjectedAfterStartTls();
    void refusedGreeting();
    void closesWithQuitAfterItsOwnFailure_data();
    void closesWithQuitAfterItsOwnFailure();
    void refusedStartTlsSaysQuit();
    void dataAcceptedBeforeTheGoodbyeMeansNoQuit();
    void protocolErrorAfterPipelinedQuitSendsNoSecondQuit();
    void failedHealthCheckSaysQuit();
    void ehloRefused_data();
    void ehloRefused();
    void malformedReplies_data();
    void malformedReplies();
    void longButLegalReplyIsAccepted();
    void stalls_data();
    void stalls();
    void authentication_data();
    void authentication();
    void transcriptRedactsAuthLogin();
    void serverClosesIdleConnection_data();
    void serverClosesIdleConnection();
    void healthCheck();

    // 4. pipelining (RFC 2920) and per-message failures
    void pipelinedSessionIsOneRoundTripPerMessage();
    void withoutPipeliningOneCommandAtATime();
    void recipientRejected_data();
    void recipientRejected();
    void mailTemporaryFailure_data();
    void mailTemporaryFailure();
    void laterStageRejected_data();
    void laterStageRejected();
    void quitWhileTransactionInFlight();
    void retiredConnectionSendsQuitWithItsLastMessage();
    void abortWhileTransactionInFlight();
    void sizeLimit_data();
    void sizeLimit();
    void server421_data();
    void server421();

    // 5. connection drops around the final dot
    void drops_data();
    void drops();
};

void TestSmtpConnection::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<MessageOutcome>();
    qRegisterMetaType<ConnectionClosure>();
}

void TestSmtpConnection::cleanup()
{
    qunsetenv("BULKMAIL_SMTP_TRANSCRIPT");
}

// ---------------------------------------------------------------------------------------------
// 1. aiosmtpd

void TestSmtpConnection::realServerSession_data()
{
    QTest::addColumn<AiosmtpdOptions::Tls>("tls");
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("withAuth");
    QTest::addColumn<QString>("onlyMechanism"); // empty: the server offers PLAIN and LOGIN

    using Tls = AiosmtpdOptions::Tls;
    const QString both;
    QTest::newRow("plain") << Tls::None << QStringLiteral("127.0.0.1") << false << both;
    QTest::newRow("plain, AUTH PLAIN") << Tls::None << QStringLiteral("127.0.0.1") << true << both;
    QTest::newRow("STARTTLS to localhost")
        << Tls::StartTls << QStringLiteral("localhost") << false << both;
    QTest::newRow("STARTTLS to 127.0.0.1, AUTH PLAIN")
        << Tls::StartTls << QStringLiteral("127.0.0.1") << true << both;
    QTest::newRow("STARTTLS, only AUTH LOGIN offered")
        << Tls::StartTls << QStringLiteral("localhost") << true << QStringLiteral("LOGIN");
    QTest::newRow("implicit TLS to 127.0.0.1")
        << Tls::Implicit << QStringLiteral("127.0.0.1") << false << both;
    QTest::newRow("implicit TLS to localhost, AUTH PLAIN")
        << Tls::Implicit << QStringLiteral("localhost") << true << both;
    QTest::newRow("implicit TLS, only AUTH LOGIN offered")
        << Tls::Implicit << QStringLiteral("localhost") << true << QStringLiteral("LOGIN");
}

void TestSmtpConnection::realServerSession()
{
    QFETCH(AiosmtpdOptions::Tls, tls);
    QFETCH(QString, host);
    QFETCH(bool, withAuth);
    QFETCH(QString, onlyMechanism);

    AiosmtpdOptions options;
    options.tls = tls;
    if (withAuth) {
        options.username = QStringLiteral("demo");
        options.password = QStringLiteral("s3cret pass");
        options.onlyAuthMechanism = onlyMechanism;
    }
    AiosmtpdServer server(options);
    QVERIFY(server.start());

    const SecurityMode security = tls == AiosmtpdOptions::Tls::None ? SecurityMode::None
                                  : tls == AiosmtpdOptions::Tls::StartTls
                                      ? SecurityMode::StartTls
                                      : SecurityMode::ImplicitTls;
    SmtpEndpoint target = endpoint(host, server.port(), security);
    target.trustCertificateFile = testCertificatePath(u"ca.pem");
    SmtpCredentials credentials;
    if (withAuth) {
        target.username = options.username;
        credentials = {options.username, options.password};
    }

    Driver driver(target, credentials);
    QSignalSpy phases(&driver.connection, &SmtpConnection::phaseChanged);
    driver.queue(makeMessages(3), Driver::Pipelining::AlsoProvider);
    driver.open();
    QVERIFY(driver.waitClosed());

    // The phases a connection view shows, in order: each step once, TLS and login only when
    // they happen.
    QStringList seen;
    for (const QList<QVariant> &arguments : std::as_const(phases))
        seen.append(connectionPhaseName(arguments.at(0).value<ConnectionPhase>()));
    QStringList expected{QStringLiteral("connecting")};
    if (security != SecurityMode::None)
        expected.append(QStringLiteral("tls"));
    if (withAuth)
        expected.append(QStringLiteral("authenticating"));
    expected.append(QStringLiteral("idle"));
    expected.append(QStringLiteral("sending"));
    QCOMPARE(seen.mid(0, expected.size()), expected);
    QCOMPARE(seen.mid(seen.size() - 2),
             (QStringList{QStringLiteral("closing"), QStringLiteral("closed")}));
    for (qsizetype i = 1; i < seen.size(); ++i)
        QVERIFY2(seen.at(i) != seen.at(i - 1), qPrintable(seen.join(u' ')));

    const ConnectionClosure &closure = driver.closure();
    QCOMPARE(closure.reason, CloseReason::Finished);
    QVERIFY2(closure.quitAnswered, qPrintable(closure.detail));
    QVERIFY(closure.sessionEstablished);
    QVERIFY(!closure.verdict.has_value());
    QVERIFY(closure.abandoned.isEmpty());
    QCOMPARE(closure.messagesDelivered, 3);
    QCOMPARE(driver.establishedCount, 1);
    if (withAuth) {
        QCOMPARE(server.successfulLogins(), 1);
        QCOMPARE(server.authAttempts(), 1);
        const QStringList expectedOffer = onlyMechanism.isEmpty()
                                              ? QStringList{QStringLiteral("LOGIN"),
                                                            QStringLiteral("PLAIN")}
                                              : QStringList{onlyMechanism};
        QCOMPARE(driver.connection.capabilities().authMechanisms(), expectedOffer);
    }
    QCOMPARE(driver.outcomes.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const MessageOutcome &outcome = driver.outcomes.at(i);
        QCOMPARE(outcome.messageId, quint64(i + 1));
        QCOMPARE(outcome.connectionId, 1);
        QCOMPARE(outcome.stage, SmtpStage::FinalDot);
        QCOMPARE(outcome.reply.code, 250);
        QVERIFY2(outcome.isDelivered(), qPrintable(outcome.classification.explanation));
    }
    // aiosmtpd does not offer PIPELINING: the provider must not have been used.
    QVERIFY(!driver.connection.capabilities().allowsPipelining());
    QCOMPARE(driver.providerHandOuts, 0);

    if (tls == AiosmtpdOptions::Tls::None) {
        QCOMPARE(driver.tlsAtEstablished, QStringLiteral("none"));
    } else {
        static const QRegularExpression tlsProtocol(QStringLiteral("^TLSv1\\.[23] \\S+"));
        QVERIFY2(tlsProtocol.match(driver.tlsAtEstablished).hasMatch(),
                 qPrintable(driver.tlsAtEstablished));
    }
    QCOMPARE(driver.authenticatedAtEstablished, withAuth);
    QCOMPARE(driver.connection.isAuthenticated(), withAuth);
    // aiosmtpd offers PLAIN and LOGIN (PLAIN, one round trip, is preferred), or only the one
    // the row names.

    QTRY_COMPARE_WITH_TIMEOUT(server.receivedMessages().size(), 3, WaitMs);
    const QList<ReceivedMessage> received = server.receivedMessages();
    for (int i = 0; i < 3; ++i) {
        const ReceivedMessage &message = received.at(i);
        const auto id = quint64(i + 1);
        QCOMPARE(message.connection, 1);
        QCOMPARE(message.indexInConnection, i + 1);
        QCOMPARE(message.mailFrom, Sender);
        QCOMPARE(message.recipients,
                 QList<QByteArray>{"r" + QByteArray::number(id) + "@example.test"});
        QCOMPARE(message.data, receivedContentFor(id));
    }
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(server.authAttempts(), withAuth ? 1 : 0);
    QCOMPARE(server.successfulLogins(), withAuth ? 1 : 0);
}

void TestSmtpConnection::realServerWrongPassword()
{
    AiosmtpdOptions options;
    options.username = QStringLiteral("demo");
    options.password = QStringLiteral("right");
    AiosmtpdServer server(options);
    QVERIFY(server.start());

    SmtpEndpoint target = endpoint(server.host(), server.port(), SecurityMode::None);
    target.username = options.username;
    Driver driver(target, {options.username, QStringLiteral("wrong")});
    driver.queue(makeMessages(2));
    driver.open();
    QVERIFY(driver.waitClosed());

    const ConnectionClosure &closure = driver.closure();
    QVERIFY(closure.isFatal());
    QVERIFY(closure.verdict.has_value());
    QCOMPARE(closure.verdict->verdict, ReplyVerdict::AuthenticationFailed);
    QCOMPARE(closure.reason, CloseReason::Error);
    QVERIFY(!closure.sessionEstablished);
    QVERIFY(closure.abandoned.isEmpty());
    QVERIFY(!closure.detail.contains(QStringLiteral("wrong")));
    QCOMPARE(driver.establishedCount, 0);
    QVERIFY(driver.outcomes.isEmpty());
    QCOMPARE(driver.pending.size(), 2); // nothing was handed to the connection
    QVERIFY(!driver.connection.isAuthenticated());

    QTRY_COMPARE_WITH_TIMEOUT(server.disconnectionCount(), 1, WaitMs);
    QCOMPARE(server.authAttempts(), 1);
    QCOMPARE(server.successfulLogins(), 0);
    QCOMPARE(server.connectionCount(), 1);
    QVERIFY(server.receivedMessages().isEmpty());
}

// ---------------------------------------------------------------------------------------------
// 2. certificates

void TestSmtpConnection::certificates_data()
{
    QTest::addColumn<AiosmtpdOptions::Certificate>("certificate");
    QTest::addColumn<AiosmtpdOptions::Tls>("tls");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("trustFile");
    QTest::addColumn<CertificateVerification>("verification");
    QTest::addColumn<bool>("expectDelivery");
    QTest::addColumn<QStringList>("detailMentions");

    using Cert = AiosmtpdOptions::Certificate;
    using Tls = AiosmtpdOptions::Tls;
    const QString localhost = QStringLiteral("localhost");
    const QString ca = testCertificatePath(u"ca.pem");
    const QString selfSigned = testCertificatePath(u"selfsigned.pem");
    const QStringList rejected = {QStringLiteral("certificate"),
                                  QStringLiteral("server.trustCertificate")};
    const auto verify = CertificateVerification::Verify;
    const auto skip = CertificateVerification::InsecureSkipAll;

    QTest::newRow("STARTTLS self-signed, not trusted")
        << Cert::SelfSigned << Tls::StartTls << localhost << QString() << verify << false
        << rejected;
    QTest::newRow("implicit TLS self-signed, not trusted")
        << Cert::SelfSigned << Tls::Implicit << localhost << QString() << verify << false
        << rejected;
    QTest::newRow("STARTTLS self-signed, its own certificate named")
        << Cert::SelfSigned << Tls::StartTls << localhost << selfSigned << verify << true
        << QStringList();
    QTest::newRow("implicit TLS self-signed, its own certificate named")
        << Cert::SelfSigned << Tls::Implicit << QStringLiteral("127.0.0.1") << selfSigned << verify
        << true << QStringList();
    QTest::newRow("STARTTLS self-signed, an unrelated CA named")
        << Cert::SelfSigned << Tls::StartTls << localhost << ca << verify << false << rejected;
    QTest::newRow("STARTTLS CA-signed, no certificate named")
        << Cert::SignedByTestCa << Tls::StartTls << localhost << QString() << verify << false
        << rejected;
    QTest::newRow("STARTTLS self-signed, insecure skip")
        << Cert::SelfSigned << Tls::StartTls << localhost << QString() << skip << true
        << QStringList();
    QTest::newRow("implicit TLS self-signed, insecure skip")
        << Cert::SelfSigned << Tls::Implicit << localhost << QString() << skip << true
        << QStringList();
    QTest::newRow("trust file that is not a certificate")
        << Cert::SignedByTestCa << Tls::StartTls << localhost << testCertificatePath(u"generate.sh")
        << verify << false
        << QStringList{QStringLiteral("Cannot read a PEM certificate"),
                       QStringLiteral("server.trustCertificate")};

    // A certificate the trusted CA signed, for another host name (mail.example.test) than the
    // one connected to: by name, and by address.
    const QStringList wrongName = {QStringLiteral("host name")};
    QTest::newRow("STARTTLS CA named, host name not in the certificate")
        << Cert::OtherHostName << Tls::StartTls << localhost << ca << verify << false << wrongName;
    QTest::newRow("implicit TLS CA named, address not in the certificate")
        << Cert::OtherHostName << Tls::Implicit << QStringLiteral("127.0.0.1") << ca << verify
        << false << wrongName;
}

void TestSmtpConnection::certificates()
{
    QFETCH(AiosmtpdOptions::Certificate, certificate);
    QFETCH(AiosmtpdOptions::Tls, tls);
    QFETCH(QString, host);
    QFETCH(QString, trustFile);
    QFETCH(CertificateVerification, verification);
    QFETCH(bool, expectDelivery);
    QFETCH(QStringList, detailMentions);

    AiosmtpdOptions options;
    options.tls = tls;
    options.certificate = certificate;
    AiosmtpdServer server(options);
    QVERIFY(server.start());

    SmtpEndpoint target = endpoint(host,
                                   server.port(),
                                   tls == AiosmtpdOptions::Tls::StartTls
                                       ? SecurityMode::StartTls
                                       : SecurityMode::ImplicitTls);
    target.trustCertificateFile = trustFile;
    target.verification = verification;
    Driver driver(target);
    driver.queue(makeMessages(1));
    driver.open();
    QVERIFY(driver.waitClosed());
    const ConnectionClosure &closure = driver.closure();

    if (expectDelivery) {
        QCOMPARE(closure.reason, CloseReason::Finished);
        QCOMPARE(driver.deliveredCount(), 1);
        QVERIFY(driver.tlsAtEstablished.startsWith(QStringLiteral("TLSv1.")));
        QTRY_COMPARE_WITH_TIMEOUT(server.receivedMessages().size(), 1, WaitMs);
        return;
    }
    QVERIFY2(closure.isFatal(), qPrintable(closure.detail));
    QCOMPARE(closure.verdict->verdict, ReplyVerdict::Fatal);
    QVERIFY(!closure.sessionEstablished);
    QCOMPARE(driver.establishedCount, 0);
    QVERIFY(driver.outcomes.isEmpty());
    for (const QString &mention : std::as_const(detailMentions))
        QVERIFY2(closure.detail.contains(mention, Qt::CaseInsensitive), qPrintable(closure.detail));
    // A refusal of ours, said by its code for the window; the verdict's English made from it.
    if (closure.detail.contains(QLatin1String("certificate was rejected")))
        QCOMPARE(closure.note.code, CloseNote::Code::TlsCertificateRejected);
    else if (closure.detail.contains(QLatin1String("TLS handshake with")))
        QCOMPARE(closure.note.code, CloseNote::Code::TlsHandshakeFailed);
    else
        QCOMPARE(closure.note.code, CloseNote::Code::TrustFileUnreadable); // a trust file's problem
    QCOMPARE(closure.note.english(), closure.detail);
    QCOMPARE(closure.verdict->explanation, closure.detail);
    QVERIFY(server.receivedMessages().isEmpty());
}

// ---------------------------------------------------------------------------------------------
// 3. faults

void TestSmtpConnection::startTlsRequiredButNotOffered()
{
    ScriptedSmtpServer server; // default capabilities: no STARTTLS
    SmtpEndpoint target = endpoint(QStringLiteral("localhost"),
                                   server.serverPort(),
                                   SecurityMode::StartTls);
    target.trustCertificateFile = testCertificatePath(u"ca.pem");
    target.username = QStringLiteral("user");
    Driver driver(target, {QStringLiteral("user"), QStringLiteral("password")});
    driver.queue(makeMessages(1));
    driver.open();
    QVERIFY(driver.waitClosed());

    const ConnectionClosure &closure = driver.closure();
    QVERIFY(closure.isFatal());
    QCOMPARE(closure.verdict->verdict, ReplyVerdict::Fatal);
    QVERIFY2(closure.detail.contains(QStringLiteral("STARTTLS")), qPrintable(closure.detail));
    QTRY_COMPARE(server.openConnectionCount(), 0);
    // No STARTTLS, no AUTH, but a goodbye (RFC 5321 §4.1.1.10).
    QCOMPARE(server.commandsOn(1), (QList<QByteArray>{"EHLO client.example.test", "QUIT"}));
    QVERIFY(closure.quitAnswered);
    QCOMPARE(server.authAttempts(), 0);
    QVERIFY(server.receivedMessages().isEmpty());
    QVERIFY(server.protocolViolations().isEmpty());
}

void TestSmtpConnection::plainTextInjectedAfterStartTls()
{
    ScriptedSmtpServer server;
    server.setCapabilities({"PIPELINING", "STARTTLS", "SIZE 10485760"});
    // Were "250 fake" taken as the reply to the EHLO sent after the handshake, every reply after
    // it would be off by one, and the client would send content on a MAIL reply.
    server.injectAfterStartTlsReply("250 fake\r\n250 fake\r\n354 fake\r\n");
    SmtpEndpoint target = endpoint(QStringLiteral("localhost"),
                                   server.serverPort(),
                                   SecurityMode::StartTls);
    target.trustCertificateFile = testCertificatePath(u"ca.pem");
    Driver driver(target);
    driver.queue(makeMessages(2), Driver::Pipelining::AlsoProvider);
    driver.open();
    QVERIFY(driver.waitClosed());
    const ConnectionClosure &closure = driver.closure();

    // Every message reported delivered must be one the server really accepted over TLS.
    QCOMPARE(driver.deliveredCount(), server.receivedMessages().size());
    if (closure.sessionEstablished) {
        // The injected bytes were discarded with the rest of the pre-handshake buffer.
        QCOMPARE(closure.reason, CloseReason::Finished);
        QCOMPARE(driver.deliveredCount(), 2);
        QVERIFY(driver.tlsAtEstablished.startsWith(QStringLiteral("TLSv1.")));
        const QList<QByteArray> commands = server.commandsOn(1);
        QVERIFY(commands.size() >= 3);
        QCOMPARE(commands.at(0), "EHLO client.example.test");
        QCOMPARE(commands.at(1), "STARTTLS");
        QCOMPARE(commands.at(2), "EHLO client.example.test"); // RFC 3207 §4.2
    } else {
        // Or they reached the TLS layer, which refused them: closed, nothing sent.
        QVERIFY(closure.isFatal());
        QVERIFY(server.receivedMessages().isEmpty());
    }
    QVERIFY2(server.protocolViolations().isEmpty(),
             qPrintable(server.protocolViolations().join(u'\n')));
}

void TestSmtpConnection::refusedGreeting()
{
    ScriptedSmtpServer server;
    server.setGreeting("554 5.3.2 no service for you");
    Driver driver(plainEndpoint(server));
    driver.queue(makeMessages(1));
    driver.open();
    QVERIFY(driver.waitClosed());
    const ConnectionClosure &closure = driver.closure();
    QVERIFY(closure.isFatal());
    QCOMPARE(closure.verdict->verdict, ReplyVerdict::Fatal);
    QVERIFY2(closure.detail.contains(QStringLiteral("554")), qPrintable(closure.detail));
    // RFC 5321 §3.1: after a 554 greeting the client SHOULD send QUIT.
    QCOMPARE(server.commandsOn(1), QList<QByteArray>{"QUIT"});
    QVERIFY(closure.quitAnswered);
    QVERIFY(server.receivedMessages().isEmpty());
}

void TestSmtpConnection::closesWithQuitAfterItsOwnFailure_data()
{
    QTest::addColumn<QByteArray>("fault");
    QTest::addColumn<QList<QByteArray>>("expectedCommands");
    QTest::addColumn<CloseReason>("reason");
    QTest::addColumn<bool>("fatal");
    QTest::addColumn<QString>("detailMentions");

    const QByteArray ehlo = "EHLO client.example.test";
    const QByteArray mail = "MAIL FROM:<sender@example.test> SIZE="
                            + QByteArray::number(messageDataSize(contentFor(1)));
    const QByteArray rcpt = "RCPT TO:<r1@example.test>";
    // RFC 5321 §3.1 and §4.1.1.10: every connection the client closes itself gets QUIT first.
    QTest::newRow("554 greeting") << QByteArray("greeting 554") << QList<QByteArray>{"QUIT"}
                                  << CloseReason::Error << true << QStringLiteral("554");
    QTest::newRow("535 login refused")
        << QByteArray("auth 535") << QList<QByteArray>{ehlo, "AUTH PLAIN <redacted>", "QUIT"}
        << CloseReason::Error << true << QStringLiteral("535");
    QTest::newRow("STARTTLS required, not offered")
        << QByteArray("no starttls") << QList<QByteArray>{ehlo, "QUIT"} << CloseReason::Error
        << true << QStringLiteral("STARTTLS");
    QTest::newRow("no AUTH offered, username set")
        << QByteArray("no auth") << QList<QByteArray>{ehlo, "QUIT"} << CloseReason::Error << true
        << QStringLiteral("authentication");
    QTest::newRow("garbage to EHLO")
        << QByteArray("garbage ehlo") << QList<QByteArray>{ehlo, "QUIT"}
        << CloseReason::ProtocolError << false << QStringLiteral("not an SMTP reply");
    // The pipelined DATA is answered before QUIT may go: here 503, so QUIT follows.
    QTest::newRow("354 to MAIL, pipelined RCPT and DATA refused")
        << QByteArray("mail 354") << QList<QByteArray>{ehlo, mail, rcpt, "DATA", "QUIT"}
        << CloseReason::ProtocolError << false << QStringLiteral("unexpected reply to MAIL");
    // After garbage, replies no longer pair up with commands: a DATA in flight could have got
    // 354 and would read QUIT as content. The socket is closed without it.
    QTest::newRow("garbage to MAIL with DATA in flight: no QUIT")
        << QByteArray("garbage mail") << QList<QByteArray>{ehlo, mail, rcpt, "DATA"}
        << CloseReason::ProtocolError << false << QStringLiteral("not an SMTP reply");
    // A dead socket gets nothing.
    QTest::newRow("server closed: no QUIT")
        << QByteArray("server closes") << QList<QByteArray>{} << CloseReason::ServerClosed << false
        << QStringLiteral("closed");
}

void TestSmtpConnection::closesWithQuitAfterItsOwnFailure()
{
    QFETCH(QByteArray, fault);
    QFETCH(QList<QByteArray>, expectedCommands);
    QFETCH(CloseReason, reason);
    QFETCH(bool, fatal);
    QFETCH(QString, detailMentions);

    ScriptedSmtpServer server;
    SmtpEndpoint target = plainEndpoint(server);
    SmtpCredentials credentials;
    if (fault == "greeting 554") {
        server.setGreeting("554 5.3.2 no service for you");
    } else if (fault == "auth 535") {
        server.setCapabilities({"PIPELINING", "AUTH PLAIN LOGIN"});
        server.setCredentials("mailer", "correct horse");
        target.username = QStringLiteral("mailer");
        credentials = {QStringLiteral("mailer"), QStringLiteral("battery staple")};
    } else if (fault == "no starttls") {
        target.host = QStringLiteral("localhost");
        target.security = SecurityMode::StartTls;
        target.trustCertificateFile = testCertificatePath(u"ca.pem");
    } else if (fault == "no auth") {
        target.username = QStringLiteral("mailer");
        credentials = {QStringLiteral("mailer"), QStringLiteral("correct horse")};
    } else if (fault == "garbage ehlo") {
        server.sendGarbageOn("EHLO", 1);
    } else if (fault == "mail 354") {
        server.setMailFromReply("354 2.0.0 go ahead", 1);
    } else if (fault == "garbage mail") {
        server.sendGarbageOn("MAIL", 1);
    } else if (fault == "server closes") {
        server.setDisconnectAfterGreeting(true);
    }
    Driver driver(target, credentials);
    driver.queue(makeMessages(1));
    driver.open();
    QVERIFY(driver.waitClosed());
    const ConnectionClosure &closure = driver.closure();

    QTRY_COMPARE(server.openConnectionCount(), 0);
    const QList<QByteArray> commands = server.commandsOn(1);
    if (fault == "server closes") {
        // The client may or may not have written EHLO before it saw the close.
        QVERIFY2(!commands.contains("QUIT"), commands.join(", ").constData());
    } else {
        QCOMPARE(commands, expectedCommands);
    }
    const bool saidQuit = expectedCommands.contains("QUIT");
    QCOMPARE(closure.quitAnswered, saidQuit);
    QCOMPARE(server.quitCount(), saidQuit ? 1 : 0);
    const bool clientClosed = fault != "server closes";
    QCOMPARE(server.connectionsClosedWithoutQuit(),
             clientClosed && !saidQuit ? QList<int>{1} : QList<int>{});
    // The closure tells the original failure, not the goodbye.
    QCOMPARE(closure.reason, reason);
    QCOMPARE(closure.isFatal(), fatal);
    QVERIFY2(closure.detail.contains(detailMentions), qPrintable(closure.detail));
    // The message never went out: it goes back to the queue, not "unconfirmed".
    QCOMPARE(driver.deliveredCount(), 0);
    QVERIFY(server.receivedMessages().isEmpty());
    for (const AbandonedMessage &abandoned : closure.abandoned)
        QVERIFY(!abandoned.finalDotSent);
    QVERIFY2(server.protocolViolations().isEmpty(),
             qPrintable(server.protocolViolations().join(u'\n')));
}

void TestSmtpConnection::refusedStartTlsSaysQuit()
{
    LineServer server;
    server.replies.insert("EHLO", "250-line.test\r\n250 STARTTLS");
    server.replies.insert("STARTTLS", "454 4.7.0 TLS not available due to local problem");
    SmtpEndpoint target = endpoint(QStringLiteral("localhost"),
                                   server.serverPort(),
                                   SecurityMode::StartTls);
    target.trustCertificateFile = testCertificatePath(u"ca.pem");
    Driver driver(target);
    driver.queue(makeMessages(1));
    driver.open();
    QVERIFY(driver.waitClosed());

    QCOMPARE(server.commands, (QList<QByteArray>{"EHLO client.example.test", "STARTTLS", "QUIT"}));
    const ConnectionClosure &closure = driver.closure();
    QVERIFY(closure.quitAnswered);
    QVERIFY(closure.isFatal());
    QVERIFY2(closure.detail.contains(QStringLiteral("454")), qPrintable(closure.detail));
}

// A protocol error while a pipelined DATA awaits its reply: the goodbye waits for that reply, and
// when it is 354 the server reads everything as content, so QUIT is not sent (it would end up in
// the message); the socket closes and the unfinished message is discarded by the server.
void TestSmtpConnection::dataAcceptedBeforeTheGoodbyeMeansNoQuit()
{
    LineServer server;
    server.replies.insert("EHLO", "250-line.test\r\n250 PIPELINING");
    server.replies.insert("MAIL", "354 2.0.0 what?"); // makes no sense for MAIL
    Driver driver(endpoint(QStringLiteral("127.0.0.1"), server.serverPort(), SecurityMode::None));
    driver.queue(makeMessages(1));
    driver.open();
    QVERIFY(driver.waitClosed());

    const ConnectionClosure &closure = driver.closure();
    QCOMPARE(closure.reason, CloseReason::ProtocolError);
    QVERIFY2(closure.detail.contains(QStringLiteral("unexpected reply to MAIL")),
             qPrintable(closure.detail));
    QVERIFY(!closure.quitAnswered);
    QCOMPARE(server.commands.size(), 4); // EHLO, MAIL, RCPT, DATA
    QCOMPARE(server.commands.constLast(), QByteArray("DATA"));
    QTRY_VERIFY(!server.findChildren<QTcpSocket *>().isEmpty()
                && server.findChildren<QTcpSocket *>().constFirst()->state()
                       == QAbstractSocket::UnconnectedState);
    // Nothing after the 354: a QUIT would have become message content.
    QCOMPARE(server.unfinishedContent, QByteArray());
    QVERIFY(server.messages.isEmpty());
    QCOMPARE(idsOf(closure.abandoned), QList<quint64>{1});
    QVERIFY(!closure.abandoned.constFirst().finalDotSent);
}

// QUIT already travelled with the last message (the pool retired the connection); the dot's
// reply makes no sense. The goodbye waits for the QUIT already sent rather than sending another.
void TestSmtpConnection::protocolErrorAfterPipelinedQuitSendsNoSecondQuit()
{
    const TranscriptCapture transcript; // what the client wrote, even after the server closed
    ScriptedSmtpServer server;
    server.setFinalDotReply(1, "354 2.0.0 what?");
    Driver driver(plainEndpoint(server));
    driver.queue(makeMessages(1));
    QObject::connect(&driver.connection, &SmtpConnection::established, &driver.connection, [&] {
        driver.connection.quit(CloseReason::MaxMessages); // while the message is in flight
    });
    QSignalSpy quitting(&driver.connection, &SmtpConnection::quitting);
    driver.open();
    QVERIFY(driver.waitClosed());

    const ConnectionClosure &closure = driver.closure();
    QCOMPARE(closure.reason, CloseReason::ProtocolError);
    QVERIFY(closure.quitAnswered);
    QCOMPARE(quitting.size(), 0); // the last message never finished
    QTRY_COMPARE(server.openConnectionCount(), 0);
    QCOMPARE(server.quitCount(), 1);
    QCOMPARE(server.commandsOn(1).constLast(), QByteArray("QUIT"));
    QCOMPARE(transcript.text().count(QStringLiteral("C: QUIT")), 1);
    // The dot was sent and its reply was nonsense: unconfirmed, not delivered.
    QCOMPARE(driver.deliveredCount(), 0);
    QCOMPARE(idsOf(closure.abandoned), QList<quint64>{1});
    QVERIFY(closure.abandoned.constFirst().finalDotSent);
}

void TestSmtpConnection::failedHealthCheckSaysQuit()
{
    LineServer server;
    server.replies.insert("NOOP", "554 5.5.0 not now");
    Driver driver(endpoint(QStringLiteral("127.0.0.1"), server.serverPort(), SecurityMode::None));
    driver.quitWhenDone = false;
    QSignalSpy health(&driver.connection, &SmtpConnection::healthCheckFinished);
    QObject::connect(&driver.connection, &SmtpConnection::established, &driver.connection, [&] {
        driver.connection.checkHealth();
    });
    driver.open();
    QVERIFY(driver.waitClosed());

    QCOMPARE(health.size(), 1);
    QCOMPARE(health.constFirst().at(0).toBool(), false);
    QCOMPARE(server.commands, (QList<QByteArray>{"EHLO client.example.test", "NOOP", "QUIT"}));
    const ConnectionClosure &closure = driver.closure();
    QCOMPARE(closure.reason, CloseReason::HealthCheckFailed);
    QVERIFY(closure.quitAnswered);
    QVERIFY2(closure.detail.contains(QStringLiteral("554 5.5.0 not now")),
             qPrintable(closure.detail));
    // The same as a code for the window, the server's reply an argument as it came; the English
    // (the log's) made from it.
    QCOMPARE(closure.note.code, CloseNote::Code::NoopAnswered);
    QCOMPARE(closure.note.arguments.size(), 1);
    QVERIFY(closure.note.arguments.constFirst().contains(QStringLiteral("554 5.5.0 not now")));
    QCOMPARE(closure.note.english(), closure.detail);
    const auto healthNote = health.constFirst().at(2).value<CloseNote>();
    QCOMPARE(healthNote.code, CloseNote::Code::NoopAnswered);
    QCOMPARE(health.constFirst().at(1).toString(), healthNote.english());
}

void TestSmtpConnection::ehloRefused_data()
{
    QTest::addColumn<QByteArray>("ehloReply");
    QTest::addColumn<QByteArray>("heloReply");
    QTest::addColumn<bool>("expectDelivery");
    QTest::addColumn<QList<QByteArray>>("expectedCommands");

    const QList<QByteArray> delivered = {"EHLO client.example.test",
                                         "HELO client.example.test",
                                         "MAIL FROM:<sender@example.test>",
                                         "RCPT TO:<r1@example.test>",
                                         "DATA",
                                         "QUIT"};
    QTest::newRow("502 not implemented, HELO works")
        << QByteArray("502 5.5.1 EHLO not implemented") << QByteArray() << true << delivered;
    QTest::newRow("500 not recognised, HELO works")
        << QByteArray("500 5.5.2 command unrecognized") << QByteArray() << true << delivered;
    QTest::newRow("502, HELO refused too")
        << QByteArray("502 5.5.1 EHLO not implemented") << QByteArray("550 go away") << false
        << QList<QByteArray>{"EHLO client.example.test", "HELO client.example.test", "QUIT"};
    // A refusal that is not "unknown command" would be repeated for HELO: no fallback.
    QTest::newRow("554 refused, no HELO")
        << QByteArray("554 5.7.1 you are not welcome") << QByteArray() << false
        << QList<QByteArray>{"EHLO client.example.test", "QUIT"};
}

void TestSmtpConnection::ehloRefused()
{
    QFETCH(QByteArray, ehloReply);
    QFETCH(QByteArray, heloReply);
    QFETCH(bool, expectDelivery);
    QFETCH(QList<QByteArray>, expectedCommands);

    LineServer server;
    server.replies.insert("EHLO", ehloReply);
    if (!heloReply.isEmpty())
        server.replies.insert("HELO", heloReply);
    Driver driver(endpoint(QStringLiteral("127.0.0.1"), server.serverPort(), SecurityMode::None));
    driver.queue(makeMessages(1));
    driver.open();
    QVERIFY(driver.waitClosed());
    const ConnectionClosure &closure = driver.closure();

    QCOMPARE(server.commands, expectedCommands);
    if (expectDelivery) {
        QCOMPARE(closure.reason, CloseReason::Finished);
        QVERIFY(closure.quitAnswered);
        QCOMPARE(driver.deliveredCount(), 1);
        QCOMPARE(server.messages, QList<QByteArray>{receivedContentFor(1)});
        QVERIFY(!driver.connection.capabilities().allowsPipelining());
    } else {
        QVERIFY2(closure.isFatal(), qPrintable(closure.detail));
        QVERIFY(closure.quitAnswered);
        QCOMPARE(closure.verdict->verdict, ReplyVerdict::Fatal);
        QVERIFY(server.messages.isEmpty());
    }
}

void TestSmtpConnection::malformedReplies_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<int>("overlongLength"); // 0: garbage instead
    QTest::addColumn<QList<quint64>>("abandoned");
    QTest::addColumn<bool>("finalDotSent");

    QTest::newRow("garbage greeting") << QByteArray("GREETING") << 0 << QList<quint64>() << false;
    QTest::newRow("garbage to EHLO") << QByteArray("EHLO") << 0 << QList<quint64>() << false;
    QTest::newRow("garbage to MAIL") << QByteArray("MAIL") << 0 << QList<quint64>{1} << false;
    QTest::newRow("garbage to the final dot") << QByteArray(".") << 0 << QList<quint64>{1} << true;
    QTest::newRow("5000-octet reply to EHLO")
        << QByteArray("EHLO") << 5000 << QList<quint64>() << false;
    QTest::newRow("100000-octet reply to RCPT")
        << QByteArray("RCPT") << 100000 << QList<quint64>{1} << false;
}

void TestSmtpConnection::malformedReplies()
{
    QFETCH(QByteArray, verb);
    QFETCH(int, overlongLength);
    QFETCH(QList<quint64>, abandoned);
    QFETCH(bool, finalDotSent);

    ScriptedSmtpServer server;
    if (overlongLength > 0)
        server.sendOverlongReplyOn(verb, overlongLength);
    else
        server.sendGarbageOn(verb);
    Driver driver(plainEndpoint(server));
    driver.queue(makeMessages(1));
    driver.open();
    QVERIFY(driver.waitClosed());
    const ConnectionClosure &closure = driver.closure();

    QCOMPARE(closure.reason, CloseReason::ProtocolError);
    QVERIFY(!closure.isFatal());
    QVERIFY(driver.outcomes.isEmpty());
    QCOMPARE(idsOf(closure.abandoned), abandoned);
    for (const AbandonedMessage &message : closure.abandoned)
        QCOMPARE(message.finalDotSent, finalDotSent);
    QVERIFY2(server.protocolViolations().isEmpty(),
             qPrintable(server.protocolViolations().join(u'\n')));
}

void TestSmtpConnection::longButLegalReplyIsAccepted()
{
    // RFC 5321 §4.5.3.1.5 sets 512 octets, but real servers send longer lines: still a reply.
    ScriptedSmtpServer server;
    server.sendOverlongReplyOn("RCPT", 2000);
    Driver driver(plainEndpoint(server));
    driver.queue(makeMessages(1));
    driver.open();
    QVERIFY(driver.waitClosed());
    QCOMPARE(driver.closure().reason, CloseReason::Finished);
    QCOMPARE(driver.deliveredCount(), 1);
}

void TestSmtpConnection::stalls_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<SmtpTimeouts>("timeouts");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QList<quint64>>("abandoned");
    QTest::addColumn<bool>("finalDotSent");
    QTest::addColumn<QString>("detail");

    SmtpTimeouts greeting = quickTimeouts();
    greeting.greeting = 1s;
    SmtpTimeouts command = quickTimeouts();
    command.command = 1s;
    SmtpTimeouts data = quickTimeouts();
    data.dataInitiation = 1s;
    SmtpTimeouts finalDot = quickTimeouts();
    finalDot.finalDot = 2s;

    QTest::newRow("no greeting") << QByteArray("GREETING") << greeting << 1000 << QList<quint64>()
                                 << false << QStringLiteral("no reply to the greeting within 1 s");
    QTest::newRow("EHLO") << QByteArray("EHLO") << command << 1000 << QList<quint64>() << false
                          << QStringLiteral("no reply to EHLO within 1 s");
    QTest::newRow("MAIL") << QByteArray("MAIL") << command << 1000 << QList<quint64>{1} << false
                          << QStringLiteral("no reply to MAIL FROM within 1 s");
    QTest::newRow("DATA") << QByteArray("DATA") << data << 1000 << QList<quint64>{1} << false
                          << QStringLiteral("no reply to DATA within 1 s");
    QTest::newRow("final dot") << QByteArray(".") << finalDot << 2000 << QList<quint64>{1} << true
                               << QStringLiteral(
                                      "no reply to the end of the message data within 2 s");
}

void TestSmtpConnection::stalls()
{
    QFETCH(QByteArray, verb);
    QFETCH(SmtpTimeouts, timeouts);
    QFETCH(int, timeoutMs);
    QFETCH(QList<quint64>, abandoned);
    QFETCH(bool, finalDotSent);
    QFETCH(QString, detail);

    ScriptedSmtpServer server;
    if (verb == "GREETING")
        server.delayGreeting(30s);
    else
        server.stallOn(verb);
    Driver driver(plainEndpoint(server), {}, timeouts);
    driver.queue(makeMessages(1));
    driver.open();
    QVERIFY(driver.waitClosed(timeoutMs + 5000));
    const ConnectionClosure &closure = driver.closure();

    QCOMPARE(closure.reason, CloseReason::Timeout);
    QCOMPARE(closure.detail, detail);
    // The timer starts with the stalled command, a few milliseconds after open().
    // Only a lower bound on real time: the reason and the detail above say which timeout.
    QVERIFY2(driver.openToClosedMs >= timeoutMs * 9 / 10,
             qPrintable(QString::number(driver.openToClosedMs)));
    QVERIFY(driver.outcomes.isEmpty());
    QCOMPARE(idsOf(closure.abandoned), abandoned);
    for (const AbandonedMessage &message : closure.abandoned) {
        QCOMPARE(message.finalDotSent, finalDotSent);
        QCOMPARE(message.message.content, contentFor(message.message.id));
    }
    QTRY_COMPARE(server.openConnectionCount(), 0);
}

void TestSmtpConnection::authentication_data()
{
    QTest::addColumn<QList<QByteArray>>("capabilities");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("expectSuccess");
    QTest::addColumn<QList<QByteArray>>("authCommands");

    const QList<QByteArray> plainAndLogin = {"PIPELINING", "AUTH PLAIN LOGIN"};
    const QList<QByteArray> loginOnly = {"PIPELINING", "AUTH LOGIN"};
    const QList<QByteArray> oldForm = {"PIPELINING", "AUTH=LOGIN"};
    const QList<QByteArray> plainCommands = {"AUTH PLAIN <redacted>"};
    const QList<QByteArray> loginCommands = {"AUTH LOGIN", "<redacted>", "<redacted>"};
    const QString right = QStringLiteral("correct horse");
    const QString wrong = QStringLiteral("battery staple");

    QTest::newRow("PLAIN preferred") << plainAndLogin << right << true << plainCommands;
    QTest::newRow("LOGIN when only LOGIN is offered")
        << loginOnly << right << true << loginCommands;
    QTest::newRow("LOGIN in the old AUTH= form") << oldForm << right << true << loginCommands;
    QTest::newRow("PLAIN 535") << plainAndLogin << wrong << false << plainCommands;
    QTest::newRow("LOGIN 535") << loginOnly << wrong << false << loginCommands;
}

void TestSmtpConnection::authentication()
{
    QFETCH(QList<QByteArray>, capabilities);
    QFETCH(QString, password);
    QFETCH(bool, expectSuccess);
    QFETCH(QList<QByteArray>, authCommands);

    ScriptedSmtpServer server;
    server.setCapabilities(capabilities);
    server.setCredentials("mailer", "correct horse");
    SmtpEndpoint target = plainEndpoint(server);
    target.username = QStringLiteral("mailer");
    Driver driver(target, {QStringLiteral("mailer"), password});
    driver.queue(makeMessages(1));
    driver.open();
    QVERIFY(driver.waitClosed());
    const ConnectionClosure &closure = driver.closure();

    QCOMPARE(server.authAttempts(), 1);
    const QList<QByteArray> commands = server.commandsOn(1);
    QCOMPARE(commands.mid(1, authCommands.size()), authCommands);
    for (const QByteArray &command : commands) {
        QVERIFY(!command.contains(password.toUtf8()));
        QVERIFY(!command.contains(password.toUtf8().toBase64()));
    }
    if (expectSuccess) {
        QCOMPARE(closure.reason, CloseReason::Finished);
        QVERIFY(driver.authenticatedAtEstablished);
        QCOMPARE(driver.deliveredCount(), 1);
        QCOMPARE(commands.value(1 + authCommands.size()).left(10), "MAIL FROM:");
    } else {
        QVERIFY(closure.isFatal());
        QCOMPARE(closure.verdict->verdict, ReplyVerdict::AuthenticationFailed);
        QVERIFY2(closure.detail.contains(QStringLiteral("535")), qPrintable(closure.detail));
        // No MAIL, no second attempt, but a goodbye.
        QCOMPARE(commands.mid(1 + authCommands.size()), QList<QByteArray>{"QUIT"});
        QVERIFY(closure.quitAnswered);
        QVERIFY(!driver.connection.isAuthenticated());
    }
    QVERIFY2(server.protocolViolations().isEmpty(),
             qPrintable(server.protocolViolations().join(u'\n')));
}

void TestSmtpConnection::transcriptRedactsAuthLogin()
{
    // The opt-in transcript (STYLE.md rule 11) must not carry the LOGIN answers.
    const TranscriptCapture transcript;

    ScriptedSmtpServer server;
    server.setCapabilities({"PIPELINING", "AUTH LOGIN"});
    server.setCredentials("mailer-name", "pass-word-42");
    SmtpEndpoint target = plainEndpoint(server);
    target.username = QStringLiteral("mailer-name");
    Driver driver(target, {QStringLiteral("mailer-name"), QStringLiteral("pass-word-42")});
    driver.queue(makeMessages(1));
    driver.open();
    QVERIFY(driver.waitClosed());
    QCOMPARE(driver.deliveredCount(), 1);

    const QString text = transcript.text();
    QVERIFY2(text.contains(QStringLiteral("C: AUTH LOGIN")), qPrintable(text));
    QCOMPARE(text.count(QStringLiteral("S: 334 <redacted>")), 2);
    QVERIFY(text.contains(QStringLiteral("C: <redacted>")));
    QVERIFY(text.contains(QStringLiteral("S: 235")));
    QVERIFY(text.contains(QStringLiteral("C: MAIL FROM:<sender@example.test>")));
    for (const QByteArray &secret : {QByteArray("mailer-name"), QByteArray("pass-word-42")}) {
        QVERIFY(!text.contains(QString::fromLatin1(secret.toBase64())));
        QVERIFY(
            !text.contains(QString::fromLatin1(secret.toBase64(QByteArray::OmitTrailingEquals))));
    }
    QVERIFY(!text.contains(QStringLiteral("pass-word-42")));
}

void TestSmtpConnection::serverClosesIdleConnection_data()
{
    QTest::addColumn<QByteArray>("farewell");
    QTest::addColumn<CloseReason>("reason");
    QTest::addColumn<bool>("hasVerdict");

    QTest::newRow("421 idle timeout")
        << QByteArray("421 4.4.2 idle timeout") << CloseReason::Server421 << true;
    QTest::newRow("silent close") << QByteArray() << CloseReason::ServerClosed << false;
}

void TestSmtpConnection::serverClosesIdleConnection()
{
    QFETCH(QByteArray, farewell);
    QFETCH(CloseReason, reason);
    QFETCH(bool, hasVerdict);

    ScriptedSmtpServer server;
    Driver driver(plainEndpoint(server));
    driver.quitWhenDone = false;
    driver.queue(makeMessages(1));
    driver.open();
    QTRY_COMPARE(driver.idleCount, 1);
    QVERIFY(driver.connection.isIdle());
    server.closeConnection(1, farewell);
    QVERIFY(driver.waitClosed());
    const ConnectionClosure &closure = driver.closure();
    QCOMPARE(closure.reason, reason);
    QCOMPARE(closure.verdict.has_value(), hasVerdict);
    if (hasVerdict)
        QCOMPARE(closure.verdict->verdict, ReplyVerdict::ConnectionLost);
    QVERIFY(!closure.isFatal());
    QCOMPARE(closure.messagesDelivered, 1);
    QVERIFY(closure.abandoned.isEmpty());
}

void TestSmtpConnection::healthCheck()
{
    ScriptedSmtpServer server;
    Driver driver(plainEndpoint(server));
    driver.quitWhenDone = false;
    driver.open();
    QTRY_COMPARE(driver.establishedCount, 1);
    QSignalSpy health(&driver.connection, &SmtpConnection::healthCheckFinished);
    driver.connection.checkHealth();
    QVERIFY(health.wait(WaitMs));
    QCOMPARE(health.first().at(0).toBool(), true);
    QVERIFY(driver.connection.isIdle());
    QCOMPARE(server.noopCount(), 1);
    driver.connection.quit(CloseReason::Idle);
    QVERIFY(driver.waitClosed());
    QCOMPARE(driver.closure().reason, CloseReason::Idle);
    QVERIFY(driver.closure().quitAnswered);
    QVERIFY(server.protocolViolations().isEmpty());
}

// ---------------------------------------------------------------------------------------------
// 4. pipelining

void TestSmtpConnection::pipelinedSessionIsOneRoundTripPerMessage()
{
    constexpr int N = 20;
    ScriptedSmtpServer server;
    Driver driver(plainEndpoint(server));
    driver.queue(makeMessages(N), Driver::Pipelining::AlsoProvider);
    driver.open();
    QVERIFY(driver.waitClosed());
    const ConnectionClosure &closure = driver.closure();

    QCOMPARE(closure.reason, CloseReason::Finished);
    QVERIFY(closure.quitAnswered);
    QCOMPARE(driver.deliveredCount(), N);
    QCOMPARE(driver.providerHandOuts, N - 1); // every message but the first rode behind a dot
    QCOMPARE(driver.idleCount, 1);            // idle only once, after the last message
    QVERIFY2(server.protocolViolations().isEmpty(),
             qPrintable(server.protocolViolations().join(u'\n')));

    const QList<ScriptedMessage> received = server.receivedMessages();
    QCOMPARE(received.size(), N);
    for (int i = 0; i < N; ++i) {
        QCOMPARE(received.at(i).connection, 1);
        QCOMPARE(received.at(i).data, receivedContentFor(quint64(i + 1)));
        QCOMPARE(received.at(i).recipients,
                 QList<QByteArray>{"r" + QByteArray::number(i + 1) + "@example.test"});
    }
    // EHLO, then MAIL+RCPT+DATA, then one write per message (content, dot, next envelope),
    // then QUIT: N + 3 bursts when the server reads each write separately.
    const int batches = server.readBatchesOn(1);
    QVERIFY2(batches <= N + 5, qPrintable(QString::number(batches)));
    QCOMPARE(server.commandsOn(1).count("DATA"), N);
}

void TestSmtpConnection::withoutPipeliningOneCommandAtATime()
{
    constexpr int N = 5;
    ScriptedSmtpServer server;
    server.setCapabilities({"8BITMIME", "SIZE 10485760"});
    Driver driver(plainEndpoint(server));
    // The provider is offered but must not be used without PIPELINING.
    driver.queue(makeMessages(N), Driver::Pipelining::AlsoProvider);
    driver.open();
    QVERIFY(driver.waitClosed());

    QCOMPARE(driver.closure().reason, CloseReason::Finished);
    QCOMPARE(driver.deliveredCount(), N);
    QCOMPARE(driver.providerHandOuts, 0);
    QCOMPARE(driver.idleCount, N);
    QVERIFY2(server.protocolViolations().isEmpty(),
             qPrintable(server.protocolViolations().join(u'\n')));
    QCOMPARE(server.receivedMessages().size(), N);
    // EHLO, QUIT, and MAIL, RCPT, DATA, content each on its own.
    QVERIFY2(server.readBatchesOn(1) >= 4 * N + 2,
             qPrintable(QString::number(server.readBatchesOn(1))));
    QList<QByteArray> expected = {"EHLO client.example.test"};
    for (int i = 1; i <= N; ++i) {
        expected += "MAIL FROM:<sender@example.test> SIZE="
                    + QByteArray::number(messageDataSize(contentFor(quint64(i))));
        expected += "RCPT TO:<r" + QByteArray::number(i) + "@example.test>";
        expected += "DATA";
    }
    expected += "QUIT";
    QCOMPARE(server.commandsOn(1), expected);
}

void TestSmtpConnection::recipientRejected_data()
{
    QTest::addColumn<bool>("pipelining");
    QTest::newRow("pipelined") << true;
    QTest::newRow("one command at a time") << false;
}

void TestSmtpConnection::recipientRejected()
{
    QFETCH(bool, pipelining);

    ScriptedSmtpServer server;
    if (!pipelining)
        server.setCapabilities({"SIZE 10485760", "ENHANCEDSTATUSCODES"});
    server.setRecipientReply("r2@example.test", "550 5.1.1 no such user");
    Driver driver(plainEndpoint(server));
    driver.queue(makeMessages(3), Driver::Pipelining::AlsoProvider);
    driver.open();
    QVERIFY(driver.waitClosed());

    QCOMPARE(driver.closure().reason, CloseReason::Finished);
    QCOMPARE(driver.closures.size(), 1);
    QCOMPARE(driver.outcomes.size(), 3);
    const MessageOutcome *rejected = driver.outcomeFor(2);
    QVERIFY(rejected);
    QCOMPARE(rejected->classification.verdict, ReplyVerdict::RecipientPermanent);
    QCOMPARE(rejected->reply.code, 550);
    QCOMPARE(rejected->stage, SmtpStage::RcptTo);
    QVERIFY(driver.outcomeFor(1)->isDelivered());
    QVERIFY(driver.outcomeFor(3)->isDelivered());
    QCOMPARE(driver.closure().messagesDelivered, 2);

    QCOMPARE(server.rsetCount(), 1);
    const QList<QByteArray> commands = server.commandsOn(1);
    const qsizetype rset = commands.indexOf("RSET");
    QVERIFY(rset > commands.indexOf("RCPT TO:<r2@example.test>"));
    QVERIFY(commands.value(rset + 1).startsWith("MAIL FROM:<sender@example.test>"));
    QCOMPARE(commands.value(rset + 2), "RCPT TO:<r3@example.test>");
    QCOMPARE(server.receivedMessages().size(), 2);
    QCOMPARE(server.receivedMessages().at(1).recipients, QList<QByteArray>{"r3@example.test"});
    QVERIFY2(server.protocolViolations().isEmpty(),
             qPrintable(server.protocolViolations().join(u'\n')));
}

void TestSmtpConnection::mailTemporaryFailure_data()
{
    QTest::addColumn<bool>("pipelining");
    QTest::newRow("pipelined") << true;
    QTest::newRow("one command at a time") << false;
}

void TestSmtpConnection::mailTemporaryFailure()
{
    QFETCH(bool, pipelining);

    ScriptedSmtpServer server;
    if (!pipelining)
        server.setCapabilities({"SIZE 10485760", "ENHANCEDSTATUSCODES"});
    server.setMailFromReplyAt(1, "451 4.3.0 local problem, try again");
    Driver driver(plainEndpoint(server));
    driver.queue(makeMessages(2), Driver::Pipelining::AlsoProvider);
    driver.open();
    QVERIFY(driver.waitClosed());

    QCOMPARE(driver.closure().reason, CloseReason::Finished);
    QCOMPARE(driver.outcomes.size(), 2);
    const MessageOutcome *failed = driver.outcomeFor(1);
    QVERIFY(failed);
    QCOMPARE(failed->classification.verdict, ReplyVerdict::RecipientTemporary);
    QCOMPARE(failed->reply.code, 451);
    QCOMPARE(failed->stage, SmtpStage::MailFrom);
    QVERIFY(driver.outcomeFor(2)->isDelivered());
    QCOMPARE(server.rsetCount(), 0); // MAIL was refused: no transaction to reset
    QCOMPARE(server.receivedMessages().size(), 1);
    QCOMPARE(server.receivedMessages().at(0).recipients, QList<QByteArray>{"r2@example.test"});
    QVERIFY2(server.protocolViolations().isEmpty(),
             qPrintable(server.protocolViolations().join(u'\n')));
    if (!pipelining) // nothing else of the refused transaction was sent
        QVERIFY(!server.commandsOn(1).contains("RCPT TO:<r1@example.test>"));
}

void TestSmtpConnection::laterStageRejected_data()
{
    QTest::addColumn<QByteArray>("fault");
    QTest::addColumn<bool>("pipelining");
    QTest::addColumn<SmtpStage>("stage");
    QTest::addColumn<int>("code");
    QTest::addColumn<ReplyVerdict>("verdict");
    QTest::addColumn<int>("rsetCount");

    for (const bool pipelining : {true, false}) {
        const char *mode = pipelining ? "pipelined" : "one command at a time";
        // DATA refused after MAIL was accepted: the transaction must be reset (RFC 5321 §4.1.1.5).
        QTest::addRow("DATA 554, %s", mode) << QByteArray("data") << pipelining << SmtpStage::Data
                                            << 554 << ReplyVerdict::RecipientPermanent << 1;
        // A reply to the final dot ends the transaction either way: no RSET.
        QTest::addRow("final dot 554, %s", mode)
            << QByteArray("dot 554") << pipelining << SmtpStage::FinalDot << 554
            << ReplyVerdict::RecipientPermanent << 0;
        QTest::addRow("final dot 451, %s", mode)
            << QByteArray("dot 451") << pipelining << SmtpStage::FinalDot << 451
            << ReplyVerdict::RecipientTemporary << 0;
    }
}

void TestSmtpConnection::laterStageRejected()
{
    QFETCH(QByteArray, fault);
    QFETCH(bool, pipelining);
    QFETCH(SmtpStage, stage);
    QFETCH(int, code);
    QFETCH(ReplyVerdict, verdict);
    QFETCH(int, rsetCount);

    ScriptedSmtpServer server;
    if (!pipelining)
        server.setCapabilities({"SIZE 10485760", "ENHANCEDSTATUSCODES"});
    if (fault == "data")
        server.setDataReply("554 5.7.1 not from you", 1);
    else if (fault == "dot 554")
        server.setFinalDotReply(1, "554 5.7.1 content rejected");
    else
        server.setFinalDotReply(1, "451 4.3.0 queue trouble");
    Driver driver(plainEndpoint(server));
    driver.queue(makeMessages(2), Driver::Pipelining::AlsoProvider);
    driver.open();
    QVERIFY(driver.waitClosed());

    QCOMPARE(driver.closure().reason, CloseReason::Finished);
    QCOMPARE(driver.outcomes.size(), 2);
    const MessageOutcome *failed = driver.outcomeFor(1);
    QVERIFY(failed);
    QCOMPARE(failed->stage, stage);
    QCOMPARE(failed->reply.code, code);
    QCOMPARE(failed->classification.verdict, verdict);
    QVERIFY(driver.outcomeFor(2)->isDelivered());
    QCOMPARE(driver.closure().messagesDelivered, 1);
    QCOMPARE(server.rsetCount(), rsetCount);
    QCOMPARE(server.receivedMessages().size(), 1);
    QCOMPARE(server.receivedMessages().constFirst().recipients,
             QList<QByteArray>{"r2@example.test"});
    QVERIFY2(server.protocolViolations().isEmpty(),
             qPrintable(server.protocolViolations().join(u'\n')));
}

void TestSmtpConnection::quitWhileTransactionInFlight()
{
    // quit() with a message in flight: it finishes first, then QUIT (and the provider is not
    // asked for another message).
    ScriptedSmtpServer server;
    Driver driver(plainEndpoint(server));
    driver.quitWhenDone = false;
    driver.queue(makeMessages(3), Driver::Pipelining::AlsoProvider);
    QObject::connect(&driver.connection, &SmtpConnection::established, &driver.connection, [&] {
        driver.connection.quit(CloseReason::MaxAge);
    });
    driver.open();
    QVERIFY(driver.waitClosed());
    const ConnectionClosure &closure = driver.closure();
    QCOMPARE(closure.reason, CloseReason::MaxAge);
    QVERIFY(closure.quitAnswered);
    QVERIFY(closure.abandoned.isEmpty());
    QCOMPARE(driver.deliveredCount(), 1);
    QCOMPARE(driver.providerHandOuts, 0);
    QCOMPARE(driver.idleCount, 0);
    QCOMPARE(driver.pending.size(), 2);
    QCOMPARE(server.quitCount(), 1);
    QVERIFY(server.protocolViolations().isEmpty());
}

// The pool retires a connection when it is asked for the next message (its limit reached): the
// connection then writes QUIT right behind the last message's final dot (RFC 2920 §3.1 lets QUIT
// end a group), so the server reads EHLO, MAIL+RCPT+DATA and content+dot+QUIT: three bursts,
// where a QUIT sent after the dot's reply would be a fourth.
void TestSmtpConnection::retiredConnectionSendsQuitWithItsLastMessage()
{
    ScriptedSmtpServer server;
    Driver driver(plainEndpoint(server));
    driver.quitWhenDone = false;
    driver.queue(makeMessages(1));
    int asked = 0;
    driver.connection.setNextMessageProvider([&]() -> std::optional<OutgoingMessage> {
        ++asked;
        driver.connection.quit(CloseReason::MaxMessages);
        return std::nullopt;
    });
    int quitting = 0;
    QObject::connect(&driver.connection, &SmtpConnection::quitting, &driver.connection, [&] {
        ++quitting;
    });
    driver.open();
    QVERIFY(driver.waitClosed());

    const ConnectionClosure &closure = driver.closure();
    QCOMPARE(closure.reason, CloseReason::MaxMessages);
    QVERIFY(closure.quitAnswered);
    QCOMPARE(driver.deliveredCount(), 1);
    QCOMPARE(asked, 1);
    QCOMPARE(quitting, 1);
    QCOMPARE(driver.idleCount, 0); // never offered itself for another message
    QCOMPARE(server.quitCount(), 1);
    QVERIFY2(server.protocolViolations().isEmpty(),
             qPrintable(server.protocolViolations().join(u'\n')));
    QCOMPARE(server.readBatchesOn(1), 3);
}

void TestSmtpConnection::abortWhileTransactionInFlight()
{
    ScriptedSmtpServer server;
    server.stallOn("DATA");
    Driver driver(plainEndpoint(server));
    driver.queue(makeMessages(1));
    QObject::connect(&driver.connection, &SmtpConnection::established, &driver.connection, [&] {
        QTimer::singleShot(50ms, &driver.connection, [&] {
            driver.connection.abort(CloseReason::Cancelled, QStringLiteral("user cancelled"));
        });
    });
    driver.open();
    QVERIFY(driver.waitClosed());
    const ConnectionClosure &closure = driver.closure();
    QCOMPARE(closure.reason, CloseReason::Cancelled);
    QCOMPARE(closure.detail, QStringLiteral("user cancelled"));
    QCOMPARE(idsOf(closure.abandoned), QList<quint64>{1});
    QVERIFY(!closure.abandoned.constFirst().finalDotSent);
    QVERIFY(driver.outcomes.isEmpty());
    QTRY_COMPARE(server.openConnectionCount(), 0);
}

void TestSmtpConnection::sizeLimit_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("expectRefusal");

    // The server announces SIZE 1000.
    QTest::newRow("fits") << QByteArray(900, 'a') << false;
    QTest::newRow("too big") << QByteArray(1001, 'a') << true;
    // 950 octets with LF line ends are 1000 with CRLF (RFC 1870 §5 counts CRLF): just fits.
    QByteArray fitsWithCrlf;
    for (int i = 0; i < 50; ++i)
        fitsWithCrlf += QByteArray(18, 'x') + '\n';
    QTest::newRow("1000 octets once CRLF") << fitsWithCrlf << false;
    // 980 octets with LF are 1029 with CRLF: over the limit although the raw size is not.
    QByteArray overWithCrlf;
    for (int i = 0; i < 49; ++i)
        overWithCrlf += QByteArray(19, 'x') + '\n';
    QCOMPARE(overWithCrlf.size(), 980);
    QCOMPARE(fitsWithCrlf.size(), 950);
    QTest::newRow("under 1000 raw, over with CRLF") << overWithCrlf << true;
}

void TestSmtpConnection::sizeLimit()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, expectRefusal);

    ScriptedSmtpServer server;
    server.setCapabilities({"PIPELINING", "SIZE 1000"});
    Driver driver(plainEndpoint(server));
    driver.queue({makeMessage(7, content)});
    driver.open();
    QVERIFY(driver.waitClosed());
    QCOMPARE(driver.closure().reason, CloseReason::Finished);
    QCOMPARE(driver.connection.capabilities().sizeLimit(), 1000);

    const QList<QByteArray> commands = server.commandsOn(1);
    if (expectRefusal) {
        QCOMPARE(driver.refusedByPrecheck.size(), 1);
        const MessageOutcome &refused = driver.refusedByPrecheck.constFirst();
        QCOMPARE(refused.messageId, quint64(7));
        // Every message of a campaign is about this size: stop, do not fail them one by one.
        QCOMPARE(refused.classification.verdict, ReplyVerdict::Fatal);
        QCOMPARE(refused.reply.code, 0);
        QVERIFY2(refused.classification.explanation.contains(QStringLiteral("SIZE")),
                 qPrintable(refused.classification.explanation));
        QVERIFY(driver.outcomes.isEmpty());
        QCOMPARE(commands,
                 (QList<QByteArray>{"EHLO client.example.test", "QUIT"})); // nothing was sent
    } else {
        QVERIFY(driver.refusedByPrecheck.isEmpty());
        QCOMPARE(driver.deliveredCount(), 1);
        QCOMPARE(commands.value(1),
                 "MAIL FROM:<sender@example.test> SIZE="
                     + QByteArray::number(encodeMessageData(content).size() - 3));
    }
}

void TestSmtpConnection::server421_data()
{
    QTest::addColumn<QByteArray>("fault");
    QTest::addColumn<bool>("pipelining");
    QTest::addColumn<int>("messages");
    QTest::addColumn<QList<quint64>>("delivered");
    QTest::addColumn<quint64>("refusedId");
    QTest::addColumn<SmtpStage>("refusedStage");
    QTest::addColumn<QList<quint64>>("abandoned");

    QTest::newRow("421 to the first MAIL") << QByteArray("mail 1") << true << 2 << QList<quint64>()
                                           << quint64(1) << SmtpStage::MailFrom << QList<quint64>();
    QTest::newRow("421 to a MAIL pipelined behind a final dot")
        << QByteArray("mail 2") << true << 3 << QList<quint64>{1} << quint64(2)
        << SmtpStage::MailFrom << QList<quint64>();
    QTest::newRow("421 to a final dot with the next envelope behind it")
        << QByteArray("dot 1") << true << 3 << QList<quint64>() << quint64(1) << SmtpStage::FinalDot
        << QList<quint64>{2};
    // Nothing is in flight behind the refused MAIL: the connection must not offer itself for the
    // next message (becameIdle) on its way to closing.
    QTest::newRow("421 to MAIL without PIPELINING")
        << QByteArray("mail 1") << false << 2 << QList<quint64>() << quint64(1)
        << SmtpStage::MailFrom << QList<quint64>();
    QTest::newRow("421 to the second MAIL without PIPELINING")
        << QByteArray("mail 2") << false << 3 << QList<quint64>{1} << quint64(2)
        << SmtpStage::MailFrom << QList<quint64>();
}

void TestSmtpConnection::server421()
{
    QFETCH(QByteArray, fault);
    QFETCH(bool, pipelining);
    QFETCH(int, messages);
    QFETCH(QList<quint64>, delivered);
    QFETCH(quint64, refusedId);
    QFETCH(SmtpStage, refusedStage);
    QFETCH(QList<quint64>, abandoned);

    ScriptedSmtpServer server;
    if (!pipelining)
        server.setCapabilities({"SIZE 10485760", "ENHANCEDSTATUSCODES"});
    const int number = fault.split(' ').at(1).toInt();
    if (fault.startsWith("mail")) {
        server.setMailFromReplyAt(number,
                                  "421 4.3.2 Service shutting down",
                                  ScriptedSmtpServer::CloseAfter::Yes);
    } else {
        server.setFinalDotReply(number, "421 4.3.2 Service shutting down");
    }
    Driver driver(plainEndpoint(server));
    driver.queue(makeMessages(messages), Driver::Pipelining::AlsoProvider);
    driver.open();
    QVERIFY(driver.waitClosed());
    const ConnectionClosure &closure = driver.closure();

    QCOMPARE(closure.reason, CloseReason::Server421);
    QVERIFY(!closure.isFatal());
    QList<quint64> deliveredIds;
    for (const MessageOutcome &outcome : std::as_const(driver.outcomes)) {
        if (outcome.isDelivered())
            deliveredIds.append(outcome.messageId);
    }
    QCOMPARE(deliveredIds, delivered);
    const MessageOutcome *refused = driver.outcomeFor(refusedId);
    QVERIFY(refused);
    QVERIFY(!refused->isDelivered());
    QCOMPARE(refused->reply.code, 421);
    QCOMPARE(refused->stage, refusedStage);
    QCOMPARE(refused->classification.verdict, ReplyVerdict::ConnectionLost);
    QCOMPARE(idsOf(closure.abandoned), abandoned);
    for (const AbandonedMessage &message : closure.abandoned)
        QVERIFY(!message.finalDotSent);
    QCOMPARE(driver.outcomes.size(), delivered.size() + 1);
    // becameIdle only after delivered messages that had nothing behind them, never on the way out.
    QCOMPARE(driver.idleCount, pipelining ? 0 : int(delivered.size()));
    QCOMPARE(driver.pending.size(), messages - int(delivered.size()) - 1 - int(abandoned.size()));
    QVERIFY2(server.protocolViolations().isEmpty(),
             qPrintable(server.protocolViolations().join(u'\n')));
}

// ---------------------------------------------------------------------------------------------
// 5. drops

void TestSmtpConnection::drops_data()
{
    QTest::addColumn<QString>("drop");
    QTest::addColumn<int>("secondMessageSize"); // 0: the usual small message
    QTest::addColumn<bool>("secondDelivered");
    QTest::addColumn<bool>("secondAbandoned");
    QTest::addColumn<bool>("finalDotSent");
    QTest::addColumn<bool>("implicitTls");

    QTest::newRow("after the final dot, without reply")
        << QStringLiteral("after, without reply") << 0 << false << true << true << false;
    // With TLS the bytes are counted as the encryption layer takes them.
    QTest::newRow("after the final dot, without reply, implicit TLS")
        << QStringLiteral("after, without reply") << 0 << false << true << true << true;
    QTest::newRow("after the final dot, after the reply")
        << QStringLiteral("after, after reply") << 0 << true << false << false << false;
    // The client wrote content and dot in one go before the server read the first line; it
    // cannot know that the server never read the dot, so it reports it sent (unconfirmed).
    QTest::newRow("before the final dot, small message in flight")
        << QStringLiteral("before") << 0 << false << true << true << false;
    // A message larger than the socket buffers: when the server drops, the dot is still in the
    // client's write buffer, so the message was certainly not delivered.
    QTest::newRow("before the final dot, large message still being written")
        << QStringLiteral("before") << 9 * 1024 * 1024 << false << true << false << false;
}

void TestSmtpConnection::drops()
{
    QFETCH(QString, drop);
    QFETCH(int, secondMessageSize);
    QFETCH(bool, secondDelivered);
    QFETCH(bool, secondAbandoned);
    QFETCH(bool, finalDotSent);
    QFETCH(bool, implicitTls);

    ScriptedSmtpServer server;
    SmtpEndpoint target = plainEndpoint(server);
    if (implicitTls) {
        server.setEncryption(ScriptedSmtpServer::Encryption::ImplicitTls);
        target = endpoint(QStringLiteral("localhost"),
                          server.serverPort(),
                          SecurityMode::ImplicitTls);
        target.trustCertificateFile = testCertificatePath(u"ca.pem");
    }
    if (drop == u"after, without reply")
        server.dropAfterFinalDot(2, ScriptedSmtpServer::DropMode::WithoutReply);
    else if (drop == u"after, after reply")
        server.dropAfterFinalDot(2, ScriptedSmtpServer::DropMode::AfterReply);
    else
        server.dropBeforeFinalDot(2);

    QList<OutgoingMessage> messages = makeMessages(2);
    if (secondMessageSize > 0) {
        QByteArray big = "Subject: big\n\n";
        const QByteArray line = QByteArray(76, 'b') + '\n';
        while (big.size() < secondMessageSize)
            big += line;
        messages[1].content = big;
    }
    Driver driver(target);
    driver.queue(messages);
    driver.open();
    QVERIFY(driver.waitClosed(30'000));
    QCOMPARE(driver.tlsAtEstablished.startsWith(QStringLiteral("TLSv1.")), implicitTls);
    const ConnectionClosure &closure = driver.closure();

    QVERIFY(driver.outcomeFor(1) && driver.outcomeFor(1)->isDelivered());
    QCOMPARE(driver.outcomeFor(2) != nullptr, secondDelivered);
    if (secondDelivered)
        QVERIFY(driver.outcomeFor(2)->isDelivered());
    QCOMPARE(closure.messagesDelivered, secondDelivered ? 2 : 1);
    QCOMPARE(server.receivedMessages().size(), secondDelivered ? 2 : 1);
    QVERIFY(!closure.isFatal());
    if (secondAbandoned) {
        QCOMPARE(closure.reason, CloseReason::ServerClosed);
        QCOMPARE(idsOf(closure.abandoned), QList<quint64>{2});
        QCOMPARE(closure.abandoned.constFirst().finalDotSent, finalDotSent);
    } else {
        // The drop raced with our QUIT: either way nothing is lost or unconfirmed.
        QVERIFY(closure.reason == CloseReason::ServerClosed
                || closure.reason == CloseReason::Finished);
        QVERIFY(closure.abandoned.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestSmtpConnection)
#include "tst_smtpconnection.moc"
