// SASL XOAUTH2 and OAUTHBEARER (RFC 7628) in SmtpConnection: the exact initial responses, the
// fallback to an empty 334 for long tokens (RFC 4954 §4), the error challenge answered as each
// mechanism requires and reported in plain words (real provider texts from Gmail and Exchange
// Online), and the token kept out of the transcript. Faults come from the small SaslServer below;
// the happy paths and Gmail's challenge also run against Debian's aiosmtpd with an access-token
// file (tests/support/aiosmtpd_server.py --oauth-tokens).

#include "smtp/smtpconnection.h"

#include "connectiondriver.h"
#include "realservers.h"
#include "smtp/replyclassifier.h"

#include <QDateTime>
#include <QFile>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <sstream>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(Bulkmail::ReplyVerdict)

namespace {

constexpr int WaitMs = 10'000;
const QString Mailbox = QStringLiteral("mailer@example.org");

SmtpEndpoint endpointFor(quint16 port)
{
    SmtpEndpoint endpoint;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = port;
    endpoint.security = SecurityMode::None;
    endpoint.username = Mailbox;
    endpoint.heloName = QStringLiteral("client.example.test");
    return endpoint;
}

SmtpCredentials tokenCredentials(const QString &token, const QString &user = Mailbox)
{
    SmtpCredentials credentials;
    credentials.username = user;
    credentials.password = QStringLiteral("never-used-password");
    credentials.accessToken = token;
    return credentials;
}

// A line server for the AUTH exchange: EHLO announces `ehloKeywords`; every line from AUTH until
// the exchange ends gets the next of `authReplies` (a reply that is not 334 ends it); MAIL, RCPT,
// DATA and QUIT are accepted afterwards. Records every line the client sent.
class SaslServer final : public QTcpServer
{
public:
    SaslServer()
    {
        if (!listen(QHostAddress::LocalHost, 0))
            qWarning("SaslServer cannot listen: %s", qPrintable(errorString()));
    }

    QList<QByteArray> ehloKeywords{"AUTH XOAUTH2 OAUTHBEARER"};
    QList<QByteArray> authReplies{"235 2.7.0 Accepted"};
    QList<QByteArray> lines;     // every client line, in order
    QList<QByteArray> authLines; // the AUTH command and the lines answering its challenges
    int messages = 0;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        socket->write("220 sasl.test ESMTP\r\n");
        auto inAuth = std::make_shared<bool>(false);
        auto inData = std::make_shared<bool>(false);
        auto nextReply = std::make_shared<int>(0);
        connect(socket, &QTcpSocket::readyRead, this, [=, this] {
            while (socket->canReadLine()) {
                const QByteArray line = socket->readLine().chopped(2);
                if (*inData) {
                    if (line == ".") {
                        *inData = false;
                        ++messages;
                        socket->write("250 2.0.0 queued\r\n");
                    }
                    continue;
                }
                lines.append(line);
                const QByteArray verb = line.split(' ').constFirst().toUpper();
                if (*inAuth || verb == "AUTH") {
                    authLines.append(line);
                    const QByteArray reply = authReplies.value(*nextReply, "503 5.5.1 no more");
                    ++*nextReply;
                    *inAuth = reply.startsWith("334");
                    socket->write(reply + "\r\n");
                    continue;
                }
                if (verb == "EHLO") {
                    QByteArray reply = "250-sasl.test";
                    for (const QByteArray &keyword : ehloKeywords)
                        reply += "\r\n250-" + keyword;
                    socket->write(reply + "\r\n250 8BITMIME\r\n");
                } else if (verb == "MAIL" || verb == "RCPT") {
                    socket->write("250 2.0.0 Ok\r\n");
                } else if (verb == "DATA") {
                    *inData = true;
                    socket->write("354 go ahead\r\n");
                } else if (verb == "QUIT") {
                    socket->write("221 2.0.0 Bye\r\n");
                    socket->disconnectFromHost();
                } else {
                    socket->write("500 5.5.2 what?\r\n");
                }
            }
        });
    }
};

// One connection: sends one message once established, then QUITs; records the closure.
class Driver final
{
public:
    Driver(quint16 port, const SmtpCredentials &credentials)
        : connection(1, endpointFor(port), credentials, quickTimeouts())
    {
        QObject::connect(&connection, &SmtpConnection::established, &connection, [this] {
            ++establishedCount;
            OutgoingMessage message;
            message.id = 1;
            message.envelopeFrom = Mailbox.toUtf8();
            message.recipient = "someone@example.net";
            message.content = "Subject: hello\r\n\r\nbody\r\n";
            connection.send(message);
        });
        QObject::connect(&connection, &SmtpConnection::becameIdle, &connection, [this] {
            connection.quit(CloseReason::Finished);
        });
        QObject::connect(&connection,
                         &SmtpConnection::messageFinished,
                         &connection,
                         [this](const MessageOutcome &outcome) { outcomes.append(outcome); });
        QObject::connect(&connection,
                         &SmtpConnection::closed,
                         &connection,
                         [this](const ConnectionClosure &closure) { closures.append(closure); });
    }

    [[nodiscard]] bool run()
    {
        connection.open();
        return QTest::qWaitFor([this] { return !closures.isEmpty(); }, WaitMs);
    }
    [[nodiscard]] const ConnectionClosure &closure() const { return closures.constFirst(); }

    SmtpConnection connection;
    int establishedCount = 0;
    QList<MessageOutcome> outcomes;
    QList<ConnectionClosure> closures;
};

QByteArray xoauth2(const QString &user, const QString &token)
{
    return "user=" + user.toUtf8()
           + "\x01"
             "auth=Bearer "
           + token.toUtf8() + "\x01\x01";
}

// Appends an access token to an aiosmtpd token file (aiosmtpd_server.py --oauth-tokens).
void writeToken(const QString &path, const QString &token, const QString &user, qint64 expires)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::Append));
    file.write(QStringLiteral("{\"token\": \"%1\", \"user\": \"%2\", \"expires\": %3}\n")
                   .arg(token, user)
                   .arg(expires)
                   .toUtf8());
}

} // namespace

class TestSmtpOAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void initialResponse_data();
    void initialResponse();
    void longTokenFollowsEmptyChallenge();
    void noOAuthMechanism_data();
    void noOAuthMechanism();
    void noMailboxAddressIsSaidByItsCode();
    void failure_data();
    void failure();
    void challengeParsing_data();
    void challengeParsing();
    void transcriptHidesToken();
    void realServer_data();
    void realServer();
};

void TestSmtpOAuth::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    spdlog::set_level(spdlog::level::warn);
}

void TestSmtpOAuth::initialResponse_data()
{
    QTest::addColumn<QByteArray>("offered");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QByteArray>("mechanism");
    QTest::addColumn<QByteArray>("decoded");

    const QString token = QStringLiteral("ya29.a0AfB_byC-token");
    QTest::newRow("XOAUTH2 preferred over OAUTHBEARER and passwords")
        << QByteArray("AUTH LOGIN PLAIN XOAUTH2 OAUTHBEARER") << Mailbox << QByteArray("XOAUTH2")
        << xoauth2(Mailbox, token);
    QTest::newRow("OAUTHBEARER when only it is offered (RFC 7628 §3.1)")
        << QByteArray("AUTH PLAIN OAUTHBEARER") << Mailbox << QByteArray("OAUTHBEARER")
        << QByteArray("n,a=mailer@example.org,\x01"
                      "auth=Bearer ya29.a0AfB_byC-token\x01\x01");
    QTest::newRow("OAUTHBEARER escapes , and = in the user name")
        << QByteArray("AUTH OAUTHBEARER") << QStringLiteral("a,b=c@example.org")
        << QByteArray("OAUTHBEARER")
        << QByteArray("n,a=a=2Cb=3Dc@example.org,\x01"
                      "auth=Bearer ya29.a0AfB_byC-token\x01\x01");
}

void TestSmtpOAuth::initialResponse()
{
    QFETCH(QByteArray, offered);
    QFETCH(QString, user);
    QFETCH(QByteArray, mechanism);
    QFETCH(QByteArray, decoded);

    SaslServer server;
    server.ehloKeywords = {offered};
    Driver driver(server.serverPort(),
                  tokenCredentials(QStringLiteral("ya29.a0AfB_byC-token"), user));
    QVERIFY(driver.run());

    QCOMPARE(driver.closure().reason, CloseReason::Finished);
    QCOMPARE(driver.establishedCount, 1);
    QVERIFY(driver.connection.isAuthenticated());
    QCOMPARE(driver.outcomes.size(), 1);
    QVERIFY(driver.outcomes.constFirst().isDelivered());
    // One line: the initial response travels with the command (RFC 4954 §4).
    QCOMPARE(server.authLines.size(), 1);
    QCOMPARE(server.authLines.constFirst(), "AUTH " + mechanism + ' ' + decoded.toBase64());
    QCOMPARE(server.messages, 1);
    for (const QByteArray &line : std::as_const(server.lines))
        QVERIFY(!line.contains("never-used-password"));
}

void TestSmtpOAuth::longTokenFollowsEmptyChallenge()
{
    // Exchange Online tokens are 1-2 KB: "AUTH XOAUTH2 <response>" would break the 512-octet
    // command line, so the response follows an empty 334 (RFC 4954 §4, RFC 4422 §5).
    const QString token = QString(1800, u'k');
    SaslServer server;
    server.ehloKeywords = {"AUTH XOAUTH2"};
    server.authReplies = {"334 ", "235 2.7.0 Authentication successful"};
    Driver driver(server.serverPort(), tokenCredentials(token));
    QVERIFY(driver.run());

    QCOMPARE(driver.closure().reason, CloseReason::Finished);
    QVERIFY(driver.connection.isAuthenticated());
    QCOMPARE(server.authLines.size(), 2);
    QCOMPARE(server.authLines.at(0), QByteArray("AUTH XOAUTH2"));
    QCOMPARE(server.authLines.at(1), xoauth2(Mailbox, token).toBase64());
    QCOMPARE(server.messages, 1);
}

void TestSmtpOAuth::noOAuthMechanism_data()
{
    QTest::addColumn<QList<QByteArray>>("keywords");
    QTest::addColumn<QString>("offered");
    QTest::newRow("only passwords offered")
        << QList<QByteArray>{"AUTH PLAIN LOGIN"} << QStringLiteral("(it offers PLAIN LOGIN)");
    QTest::newRow("no AUTH at all") << QList<QByteArray>{"PIPELINING"} << QString();
}

void TestSmtpOAuth::noOAuthMechanism()
{
    QFETCH(QList<QByteArray>, keywords);
    QFETCH(QString, offered);

    SaslServer server;
    server.ehloKeywords = keywords;
    Driver driver(server.serverPort(), tokenCredentials(QStringLiteral("tok")));
    QVERIFY(driver.run());

    const ConnectionClosure &closure = driver.closure();
    QVERIFY(closure.isFatal());
    QCOMPARE(closure.verdict->verdict, ReplyVerdict::Fatal);
    QVERIFY2(closure.detail.contains(
                 QLatin1String("does not offer OAuth2 sign-in (XOAUTH2/OAUTHBEARER)")),
             qPrintable(closure.detail));
    QVERIFY2(closure.detail.contains(offered), qPrintable(closure.detail));
    // Said by its code for the window; the English made from it, word for word as before.
    QCOMPARE(closure.note.code, CloseNote::Code::NoOAuthOffered);
    QCOMPARE(closure.note.english(), closure.detail);
    QCOMPARE(closure.detail,
             QStringLiteral("The server 127.0.0.1:%1 does not offer OAuth2 sign-in "
                            "(XOAUTH2/OAUTHBEARER)%2; sign in with a password for this server "
                            "instead.")
                 .arg(QString::number(server.serverPort()),
                      offered.isEmpty() ? QString() : u' ' + offered));
    QVERIFY(!closure.accessTokenRefused);
    QVERIFY(server.authLines.isEmpty()); // never falls back to the password
    QCOMPARE(driver.establishedCount, 0);
}

void TestSmtpOAuth::noMailboxAddressIsSaidByItsCode()
{
    SaslServer server;
    Driver driver(server.serverPort(), tokenCredentials(QStringLiteral("tok"), QString()));
    QVERIFY(driver.run());

    const ConnectionClosure &closure = driver.closure();
    QVERIFY(closure.isFatal());
    QCOMPARE(closure.note.code, CloseNote::Code::OAuthNeedsUsername);
    QCOMPARE(closure.detail,
             QStringLiteral("OAuth2 sign-in needs the mailbox address, and none is known (set the "
                            "account's user name)."));
    QCOMPARE(closure.verdict->explanation, closure.detail);
    QVERIFY(server.authLines.isEmpty());
    QCOMPARE(driver.establishedCount, 0);
}

void TestSmtpOAuth::failure_data()
{
    QTest::addColumn<QByteArray>("offered");
    QTest::addColumn<QList<QByteArray>>("replies");
    QTest::addColumn<ReplyVerdict>("verdict");
    QTest::addColumn<bool>("tokenRefused");
    QTest::addColumn<QString>("words");
    QTest::addColumn<QList<QByteArray>>("answers"); // client lines after the AUTH command

    const auto challenge = [](const char *json) -> QByteArray {
        return QByteArray("334 ") + QByteArray(json).toBase64();
    };
    const QByteArray gmail535 = "535-5.7.8 Username and Password not accepted. Learn more at\r\n"
                                "535 5.7.8  https://support.google.com/mail/?p=BadCredentials "
                                "a640c23a62f3a-a8d - gsmtp";
    const QByteArray empty;
    const QByteArray x01 = "AQ==";
    using V = ReplyVerdict;

    QTest::newRow("Gmail XOAUTH2, expired token (401)")
        << QByteArray("AUTH XOAUTH2")
        << QList<QByteArray>{challenge(
                                 R"({"status":"401","schemes":"Bearer","scope":"https://mail.google.com/"})"),
                             gmail535}
        << V::AuthenticationFailed << true
        << QStringLiteral("expired or was revoked (535 5.7.8; status 401)")
        << QList<QByteArray>{empty};
    QTest::newRow("Gmail XOAUTH2, token of another account (400)")
        << QByteArray("AUTH XOAUTH2")
        << QList<QByteArray>{challenge(
                                 R"({"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"})"),
                             gmail535}
        << V::AuthenticationFailed << false
        << QStringLiteral(
               "issued for another account or without the scope \"https://mail.google.com/\"")
        << QList<QByteArray>{empty};
    QTest::newRow("XOAUTH2, missing scope (403)")
        << QByteArray("AUTH XOAUTH2")
        << QList<QByteArray>{challenge(
                                 R"({"status":"403","schemes":"Bearer","scope":"https://mail.google.com/"})"),
                             gmail535}
        << V::AuthenticationFailed << false
        << QStringLiteral("lacks the permission to send mail; sign in again and allow sending (the "
                          "server wants the scope \"https://mail.google.com/\")")
        << QList<QByteArray>{empty};
    QTest::newRow("OAUTHBEARER, invalid_token (RFC 7628 §3.2.2)")
        << QByteArray("AUTH OAUTHBEARER")
        << QList<QByteArray>{challenge(
                                 R"({"status":"invalid_token","schemes":"bearer","scope":"https://mail.google.com/"})"),
                             "535 5.7.8 Authentication credentials invalid"}
        << V::AuthenticationFailed << true << QStringLiteral("expired or was revoked")
        << QList<QByteArray>{x01};
    QTest::newRow("OAUTHBEARER, insufficient_scope")
        << QByteArray("AUTH OAUTHBEARER")
        << QList<QByteArray>{challenge(
                                 R"({"status":"insufficient_scope","scope":"https://outlook.office.com/SMTP.Send"})"),
                             "535 5.7.8 Authentication credentials invalid"}
        << V::AuthenticationFailed << false
        << QStringLiteral("\"https://outlook.office.com/SMTP.Send\"") << QList<QByteArray>{x01};
    QTest::newRow("Exchange Online, expired token: 535 5.7.3 and no challenge")
        << QByteArray("AUTH LOGIN XOAUTH2")
        << QList<QByteArray>{"535 5.7.3 Authentication unsuccessful "
                             "[AM0PR10CA0093.EURPRD10.PROD.OUTLOOK.COM]"}
        << V::AuthenticationFailed << true << QStringLiteral("expired or was revoked (535 5.7.3)")
        << QList<QByteArray>{};
    QTest::newRow("Exchange Online, SMTP AUTH disabled for the tenant")
        << QByteArray("AUTH LOGIN XOAUTH2")
        << QList<QByteArray>{"535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is "
                             "disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for "
                             "more information. [MN2PR05CA0004.namprd05.prod.outlook.com]"}
        << V::AuthenticationFailed << false
        << QStringLiteral("SMTP AUTH is turned off for this mailbox or organisation")
        << QList<QByteArray>{};
    QTest::newRow("Exchange Online, security defaults")
        << QByteArray("AUTH LOGIN XOAUTH2")
        << QList<QByteArray>{"535 5.7.139 Authentication unsuccessful, user is locked by your "
                             "organization's security defaults policy. Contact your administrator."}
        << V::AuthenticationFailed << false
        << QStringLiteral("security defaults block SMTP sign-in") << QList<QByteArray>{};
    QTest::newRow("Exchange Online, mailbox without Authenticated SMTP")
        << QByteArray("AUTH LOGIN XOAUTH2")
        << QList<
               QByteArray>{"535 5.7.139 Authentication unsuccessful, the request did not meet the "
                           "criteria to be authenticated successfully. Contact your administrator."}
        << V::AuthenticationFailed << false
        << QStringLiteral("does not allow SMTP sign-in for this mailbox") << QList<QByteArray>{};
    QTest::newRow("undecodable challenge: still answered, token refused")
        << QByteArray("AUTH XOAUTH2") << QList<QByteArray>{"334 not base64 !!", gmail535}
        << V::AuthenticationFailed << true << QStringLiteral("expired or was revoked (535 5.7.8)")
        << QList<QByteArray>{empty};
    QTest::newRow("temporary failure: a new connection may work")
        << QByteArray("AUTH XOAUTH2")
        << QList<QByteArray>{"454 4.7.0 Temporary authentication failure"} << V::ConnectionLost
        << false << QStringLiteral("454 4.7.0") << QList<QByteArray>{};
}

void TestSmtpOAuth::failure()
{
    QFETCH(QByteArray, offered);
    QFETCH(QList<QByteArray>, replies);
    QFETCH(ReplyVerdict, verdict);
    QFETCH(bool, tokenRefused);
    QFETCH(QString, words);
    QFETCH(QList<QByteArray>, answers);

    const QString token = QStringLiteral("ya29.expired-token-0123456789");
    SaslServer server;
    server.ehloKeywords = {offered};
    server.authReplies = replies;
    Driver driver(server.serverPort(), tokenCredentials(token));
    QVERIFY(driver.run());

    const ConnectionClosure &closure = driver.closure();
    QVERIFY2(closure.reason != CloseReason::Timeout, qPrintable(closure.detail)); // answered
    QVERIFY(closure.verdict.has_value());
    QCOMPARE(closure.verdict->verdict, verdict);
    QCOMPARE(closure.accessTokenRefused, tokenRefused);
    QVERIFY2(closure.detail.contains(words), qPrintable(closure.detail));
    QVERIFY(!closure.detail.contains(token));
    QVERIFY(!closure.sessionEstablished);
    QCOMPARE(driver.establishedCount, 0);
    QVERIFY(!driver.connection.isAuthenticated());
    QCOMPARE(server.authLines.mid(1), answers);
    // EHLO, AUTH, answers, and the goodbye (RFC 5321 §4.1.1.10): no MAIL, no retry.
    QCOMPARE(server.lines.size(), 2 + answers.size() + 1);
    QCOMPARE(server.lines.constLast(), QByteArray("QUIT"));
    QVERIFY(closure.quitAnswered);
}

void TestSmtpOAuth::challengeParsing_data()
{
    QTest::addColumn<QByteArray>("challenge");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("scope");

    QTest::newRow("Gmail") << QByteArray(
        "eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwu"
        "Z29vZ2xlLmNvbS8ifQ==")
                           << true << QStringLiteral("400")
                           << QStringLiteral("https://mail.google.com/");
    QTest::newRow("numeric status")
        << QByteArray(R"({"status":401})").toBase64() << true << QStringLiteral("401") << QString();
    QTest::newRow("no status") << QByteArray(R"({"scope":"x"})").toBase64() << false << QString()
                               << QString();
    QTest::newRow("not JSON") << QByteArray("aGVsbG8=") << false << QString() << QString();
    QTest::newRow("not base64") << QByteArray("%%%") << false << QString() << QString();
}

void TestSmtpOAuth::challengeParsing()
{
    QFETCH(QByteArray, challenge);
    QFETCH(bool, valid);
    QFETCH(QString, status);
    QFETCH(QString, scope);

    const std::optional<OAuthErrorChallenge> parsed = OAuthErrorChallenge::fromBase64(challenge);
    QCOMPARE(parsed.has_value(), valid);
    if (valid) {
        QCOMPARE(parsed->status, status);
        QCOMPARE(parsed->scope, scope);
    }
}

void TestSmtpOAuth::transcriptHidesToken()
{
    const QString token = QStringLiteral("ya29.secret-token-for-the-transcript");
    qputenv("BULKMAIL_SMTP_TRANSCRIPT", "1");
    std::ostringstream log;
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
    auto logger = std::make_shared<spdlog::logger>("transcript", sink);
    logger->set_level(spdlog::level::debug);
    const std::shared_ptr<spdlog::logger> previous = spdlog::default_logger();
    spdlog::set_default_logger(logger);
    const auto restore = qScopeGuard([&] {
        spdlog::set_default_logger(previous);
        qunsetenv("BULKMAIL_SMTP_TRANSCRIPT");
    });

    const QByteArray json = R"({"status":"401","schemes":"Bearer","scope":"https://mail.google.com/"})";
    SaslServer server;
    server.ehloKeywords = {"AUTH XOAUTH2"};
    server.authReplies = {"334 " + json.toBase64(), "535 5.7.8 Username and Password not accepted"};
    Driver driver(server.serverPort(), tokenCredentials(token));
    QVERIFY(driver.run());
    QVERIFY(driver.closure().accessTokenRefused);

    const QByteArray transcript = QByteArray::fromStdString(log.str());
    // The transcript is there (so this test can fail) ...
    QVERIFY2(transcript.contains("C: AUTH XOAUTH2 <redacted>"), transcript.constData());
    QVERIFY2(transcript.contains("S: 334 <redacted>"), transcript.constData());
    QVERIFY2(transcript.contains("S: 535 5.7.8"), transcript.constData());
    // ... without the token in any form, nor the challenge.
    QVERIFY(!transcript.contains(token.toUtf8()));
    QVERIFY(!transcript.contains(token.toUtf8().toBase64()));
    QVERIFY(!transcript.contains(xoauth2(Mailbox, token).toBase64()));
    QVERIFY(!transcript.contains(json.toBase64()));
    QVERIFY(!transcript.contains("\"status\""));
}

void TestSmtpOAuth::realServer_data()
{
    QTest::addColumn<QString>("only");
    QTest::addColumn<int>("tokenLength");
    QTest::addColumn<bool>("expired");
    QTest::addColumn<QString>("mechanism");
    QTest::addColumn<QString>("challengeAnswer");

    QTest::newRow("XOAUTH2") << QString() << 40 << false << QStringLiteral("XOAUTH2") << QString();
    QTest::newRow("OAUTHBEARER only") << QStringLiteral("OAUTHBEARER") << 40 << false
                                      << QStringLiteral("OAUTHBEARER") << QString();
    QTest::newRow("XOAUTH2, 2 KB token after an empty 334")
        << QString() << 2000 << false << QStringLiteral("XOAUTH2") << QString();
    QTest::newRow("XOAUTH2, expired: Gmail's challenge answered with an empty line")
        << QString() << 40 << true << QStringLiteral("XOAUTH2") << QStringLiteral("empty");
    QTest::newRow("OAUTHBEARER, expired: challenge answered with %x01")
        << QStringLiteral("OAUTHBEARER") << 40 << true << QStringLiteral("OAUTHBEARER")
        << QStringLiteral("x01");
}

void TestSmtpOAuth::realServer()
{
    QFETCH(QString, only);
    QFETCH(int, tokenLength);
    QFETCH(bool, expired);
    QFETCH(QString, mechanism);
    QFETCH(QString, challengeAnswer);

    QTemporaryDir dir;
    const QString tokens = dir.filePath(QStringLiteral("tokens.jsonl"));
    const QString token = QStringLiteral("ya29.") + QString(tokenLength - 5, u'x');
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    writeToken(tokens, token, Mailbox, expired ? now - 10 : now + 3600);

    AiosmtpdOptions options;
    options.oauthTokensFile = tokens;
    options.onlyAuthMechanism = only;
    AiosmtpdServer server(options);
    QVERIFY(server.start());
    Driver driver(server.port(), tokenCredentials(token));
    QVERIFY(driver.run());

    QTRY_COMPARE_WITH_TIMEOUT(server.authAttempts(), 1, WaitMs);
    const AuthEvent event = server.authEvents().constFirst();
    QCOMPARE(event.mechanism, mechanism);
    QCOMPARE(event.user, Mailbox);
    QCOMPARE(event.success, !expired);
    QCOMPARE(event.challengeAnswer, challengeAnswer);
    if (expired) {
        const ConnectionClosure &closure = driver.closure();
        QCOMPARE(closure.verdict->verdict, ReplyVerdict::AuthenticationFailed);
        QVERIFY(closure.accessTokenRefused);
        QVERIFY2(closure.detail.contains(QLatin1String("expired or was revoked")),
                 qPrintable(closure.detail));
        QVERIFY(server.receivedMessages().isEmpty());
        return;
    }
    QCOMPARE(driver.closure().reason, CloseReason::Finished);
    QVERIFY(driver.connection.isAuthenticated());
    QTRY_COMPARE_WITH_TIMEOUT(server.receivedMessages().size(), 1, WaitMs);
}

QTEST_GUILESS_MAIN(TestSmtpOAuth)
#include "tst_smtpoauth.moc"
