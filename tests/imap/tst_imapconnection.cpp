// ImapConnection against a real IMAP server no one here wrote: a private Dovecot (Debian's
// dovecot-imapd) per test, on 127.0.0.1 with a free port. Sign-in in plain text, after
// STARTTLS and with implicit TLS; the certificate rules SMTP uses; one sign-in attempt only;
// APPEND with LITERAL+ and with LITERAL- (a large literal waits for the server's "+"); SEARCH by
// Message-ID; a mailbox named in Chinese (modified UTF-7); commands that end with the connection.
// Timeouts run on a ManualClock against a server that greets and then says nothing. IDLE
// (RFC 2177): news as it happens, ended by the next command, issued again before 30 minutes.
#include "common/clock.h"
#include "imap/imapconnection.h"
#include "imap/mailboxname.h"
#include "privatedovecot.h"
#include "testcertificates.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using Tls = PrivateDovecotOptions::Tls;
using namespace std::chrono_literals;

class tst_ImapConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signsInAndLogsOut_data();
    void signsInAndLogsOut();
    void untrustedCertificateIsFatal();
    void missingStartTlsNeverSendsThePassword();
    void wrongPasswordIsTriedOnce();
    void appendStoresTheExactBytes_data();
    void appendStoresTheExactBytes();
    void mailboxNamedInChinese();
    void commandsEndWithTheConnection();
    void silentServerTimesOutOnTheClock();
    void idleBringsNewsAndEndsForTheNextCommand();
};

namespace {

constexpr int WaitMs = 20'000;

struct Session
{
    std::unique_ptr<ImapConnection> connection;
    std::unique_ptr<QSignalSpy> ready;
    std::unique_ptr<QSignalSpy> closed;

    [[nodiscard]] ImapClosure closure() const
    {
        return closed->isEmpty() ? ImapClosure{} : closed->first().first().value<ImapClosure>();
    }
};

Session openSession(const ImapEndpoint &endpoint, const ImapCredentials &credentials);

// A Dovecot of these options, started, and a session signed in to it (nothing on failure).
std::pair<std::unique_ptr<PrivateDovecot>, Session> signedIn(const PrivateDovecotOptions &options)
{
    auto server = std::make_unique<PrivateDovecot>(options);
    if (!server->start())
        return {};
    Session session = openSession(server->endpoint(), server->credentials());
    if (!session.ready->wait(WaitMs)) {
        qWarning("not signed in: %s", qPrintable(session.closure().detail));
        return {};
    }
    return {std::move(server), std::move(session)};
}

Session openSession(const ImapEndpoint &endpoint, const ImapCredentials &credentials)
{
    Session session;
    session.connection = std::make_unique<ImapConnection>(7, endpoint, credentials);
    session.ready = std::make_unique<QSignalSpy>(session.connection.get(), &ImapConnection::ready);
    session.closed = std::make_unique<QSignalSpy>(session.connection.get(), &ImapConnection::closed);
    session.connection->open();
    return session;
}

// Runs one command and waits for its completion.
ImapCommandResult runCommand(ImapConnection &connection,
                             const QByteArray &command,
                             std::optional<QByteArray> literal = {})
{
    std::optional<ImapCommandResult> result;
    connection.run(
        command, [&result](const ImapCommandResult &r) { result = r; }, std::move(literal));
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, WaitMs))
        return {};
    return *result;
}

QByteArray testMessage(const QByteArray &messageId, qsizetype bodySize)
{
    QByteArray message = "From: Sender <sender@example.test>\r\nTo: user@example.test\r\n"
                         "Subject: =?UTF-8?B?5bel6LWE5p2h?=\r\nMessage-ID: "
                         + messageId + "\r\nMIME-Version: 1.0\r\n\r\n";
    QByteArray line = "All work and no play makes Jack a dull boy.\r\n";
    while (message.size() < bodySize)
        message += line;
    return message;
}

} // namespace

void tst_ImapConnection::initTestCase()
{
    qRegisterMetaType<ImapClosure>();
    if (QFile::exists(QStringLiteral("/usr/sbin/dovecot")) == false)
        QFAIL("dovecot-imapd is not installed (.ci/install-deps.sh installs it)");
}

void tst_ImapConnection::signsInAndLogsOut_data()
{
    QTest::addColumn<Tls>("tls");
    QTest::newRow("plain text") << Tls::None;
    QTest::newRow("STARTTLS") << Tls::StartTls;
    QTest::newRow("implicit TLS") << Tls::Implicit;
}

void tst_ImapConnection::signsInAndLogsOut()
{
    QFETCH(Tls, tls);
    PrivateDovecotOptions options;
    options.tls = tls;
    auto [dovecot, session] = signedIn(options);
    QVERIFY(dovecot);
    const PrivateDovecot &server = *dovecot;
    QVERIFY(session.connection->hasCapability("IMAP4rev1"));
    QCOMPARE(session.connection->tlsDescription().startsWith(QLatin1String("TLSv1.")),
             tls != Tls::None);

    const ImapCommandResult list = runCommand(*session.connection,
                                              "LIST \"\" \"*\" RETURN (SPECIAL-USE)");
    QVERIFY2(list.isOk(), qPrintable(list.describe()));
    const bool sentListed = std::any_of(list.untagged.begin(),
                                        list.untagged.end(),
                                        [](const ImapResponse &response) {
                                            return response.dataName() == "LIST"
                                                   && response.data.size() == 4
                                                   && response.data.at(3).text == "Sent";
                                        });
    QVERIFY(sentListed);

    session.connection->logout();
    QVERIFY(session.closed->wait(WaitMs));
    QCOMPARE(session.closure().reason, ImapCloseReason::LoggedOut);
    QVERIFY(session.closure().wasReady);
    QTRY_COMPARE(server.logLinesContaining("Login: user=<user@example.test>").size(), 1);
    QTRY_COMPARE(server.logLinesContaining("Logged out").size(), 1);
}

void tst_ImapConnection::untrustedCertificateIsFatal()
{
    PrivateDovecotOptions options;
    options.tls = Tls::Implicit;
    options.selfSignedCertificate = true;
    PrivateDovecot server(options);
    QVERIFY(server.start());

    Session session = openSession(server.endpoint(), server.credentials());
    QVERIFY(session.closed->wait(WaitMs));
    QCOMPARE(session.ready->size(), 0);
    QCOMPARE(session.closure().reason, ImapCloseReason::Tls);
    QVERIFY(session.closure().isFatal());
    QVERIFY2(session.closure().detail.contains(QLatin1String("certificate was rejected")),
             qPrintable(session.closure().detail));
    QVERIFY(server.logLinesContaining("Login:").isEmpty());

    // Naming the certificate trusts it, as for SMTP.
    ImapEndpoint pinned = server.endpoint();
    pinned.trustCertificateFile = testCertificatePath(u"selfsigned.pem");
    Session trusted = openSession(pinned, server.credentials());
    QVERIFY2(trusted.ready->wait(WaitMs), qPrintable(trusted.closure().detail));
}

void tst_ImapConnection::missingStartTlsNeverSendsThePassword()
{
    PrivateDovecot server; // plain text only
    QVERIFY(server.start());
    ImapEndpoint endpoint = server.endpoint();
    endpoint.security = SecurityMode::StartTls;

    Session session = openSession(endpoint, server.credentials());
    QVERIFY(session.closed->wait(WaitMs));
    QCOMPARE(session.closure().reason, ImapCloseReason::Refused);
    QVERIFY(session.closure().isFatal());
    QVERIFY(session.closure().detail.contains(QLatin1String("does not offer STARTTLS")));
    QTRY_VERIFY(!server.logLinesContaining("Disconnected").isEmpty());
    QVERIFY(server.logLinesContaining("Login:").isEmpty());
    QVERIFY(server.logLinesContaining("auth failed").isEmpty());
}

void tst_ImapConnection::wrongPasswordIsTriedOnce()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    ImapCredentials wrong = server.credentials();
    wrong.password = QStringLiteral("battery staple");

    Session session = openSession(server.endpoint(), wrong);
    QVERIFY(session.closed->wait(WaitMs));
    QCOMPARE(session.closure().reason, ImapCloseReason::AuthenticationFailed);
    QVERIFY(session.closure().isFatal());
    QVERIFY(!session.closure().detail.contains(QLatin1String("battery")));
    // The same as a code for the window, the server's answer its argument; the English from it.
    QCOMPARE(session.closure().note.code, ImapNote::Code::PasswordRefused);
    QCOMPARE(session.closure().note.english(), session.closure().detail);
    QVERIFY(
        session.closure().note.arguments.value(0).contains(QLatin1String("AUTHENTICATIONFAILED")));
    QTRY_VERIFY(!server.logLinesContaining("Password mismatch").isEmpty());
    QCOMPARE(server.logLinesContaining("Password mismatch").size(), 1);
}

void tst_ImapConnection::appendStoresTheExactBytes_data()
{
    QTest::addColumn<bool>("literalMinus");
    QTest::addColumn<int>("size");
    QTest::newRow("LITERAL+, small") << false << 600;
    QTest::newRow("LITERAL+, 300 KB") << false << 300'000;
    QTest::newRow("LITERAL-, small: no wait") << true << 600;
    QTest::newRow("LITERAL-, 300 KB: waits for +") << true << 300'000;
}

void tst_ImapConnection::appendStoresTheExactBytes()
{
    QFETCH(bool, literalMinus);
    QFETCH(int, size);
    PrivateDovecotOptions options;
    options.literalMinus = literalMinus;
    auto [dovecot, session] = signedIn(options);
    QVERIFY(dovecot);
    const PrivateDovecot &server = *dovecot;
    QCOMPARE(session.connection->hasCapability("LITERAL+"), !literalMinus);

    const QByteArray messageId = "<payslip-0042.1a2b@bulkmail.example.test>";
    const QByteArray message = testMessage(messageId, size);
    const ImapCommandResult appended = runCommand(*session.connection,
                                                  "APPEND \"Sent\" (\\Seen)",
                                                  message);
    QVERIFY2(appended.isOk(), qPrintable(appended.describe()));
    QVERIFY(appended.code.startsWith("APPENDUID "));

    // Dovecot keeps a Maildir with LF line ends; what it gives back through IMAP has CRLF.
    const QList<QByteArray> stored = server.messagesIn(QStringLiteral("Sent"));
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first(), QByteArray(message).replace("\r\n", "\n"));

    QVERIFY(runCommand(*session.connection, "SELECT \"Sent\"").isOk());
    const ImapCommandResult found = runCommand(*session.connection,
                                               "UID SEARCH HEADER Message-ID "
                                                   + *imapQuoted(messageId));
    QVERIFY2(found.isOk(), qPrintable(found.describe()));
    QCOMPARE(found.untagged.size(), 1);
    QCOMPARE(found.untagged.first().data.size(), 2); // SEARCH <uid>
    const QByteArray uid = found.untagged.first().data.at(1).text;
    const ImapCommandResult fetched = runCommand(*session.connection,
                                                 "UID FETCH " + uid + " BODY.PEEK[]");
    QVERIFY2(fetched.isOk(), qPrintable(fetched.describe()));
    QCOMPARE(fetched.untagged.size(), 1);
    const QList<ImapValue> items = fetched.untagged.first().data.at(2).items;
    const auto body = std::find_if(items.begin(), items.end(), [](const ImapValue &item) {
        return item.isAtom("BODY[]");
    });
    QVERIFY(body != items.end() && body + 1 != items.end());
    QCOMPARE((body + 1)->text, message); // the exact bytes, CRLF and all
    const ImapCommandResult missing = runCommand(*session.connection,
                                                 "UID SEARCH HEADER Message-ID \"<other@x>\"");
    QCOMPARE(missing.untagged.first().data.size(), 1); // SEARCH, no uid
}

void tst_ImapConnection::mailboxNamedInChinese()
{
    auto [dovecot, session] = signedIn({});
    QVERIFY(dovecot);
    const PrivateDovecot &server = *dovecot;

    const QString name = QStringLiteral("已发送");
    const QByteArray wire = *imapQuoted(encodeMailboxName(name));
    const ImapCommandResult created = runCommand(*session.connection, "CREATE " + wire);
    QVERIFY2(created.isOk(), qPrintable(created.describe()));
    const ImapCommandResult list = runCommand(*session.connection, "LIST \"\" \"*\"");
    QStringList names;
    for (const ImapResponse &response : list.untagged)
        names.append(decodeMailboxName(response.data.at(3).text).value_or(QString()));
    QVERIFY2(names.contains(name), qPrintable(names.join(u',')));

    const QByteArray message = testMessage("<zh@bulkmail.example.test>", 300);
    QVERIFY(runCommand(*session.connection, "APPEND " + wire + " (\\Seen)", message).isOk());
    QCOMPARE(server.messagesIn(name), QList<QByteArray>{QByteArray(message).replace("\r\n", "\n")});
}

void tst_ImapConnection::commandsEndWithTheConnection()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    Session session = openSession(server.endpoint(), server.credentials());
    // Queued before the session is ready: they wait for it, then end with the abort.
    QList<ImapCommandResult> results;
    for (int i = 0; i < 3; ++i) {
        session.connection->run("NOOP", [&results](const ImapCommandResult &result) {
            results.append(result);
        });
    }
    QVERIFY(session.ready->wait(WaitMs));
    QTRY_COMPARE(results.size(), 3);
    QVERIFY(std::all_of(results.begin(), results.end(), [](const ImapCommandResult &r) {
        return r.isOk();
    }));
    std::optional<ImapCommandResult> unanswered;
    session.connection->run("NOOP", [&unanswered](const ImapCommandResult &r) { unanswered = r; });
    session.connection->abort(QStringLiteral("the test stopped it"));
    QVERIFY(unanswered.has_value());
    QCOMPARE(unanswered->status, ImapResponse::Status::None);
    QCOMPARE(session.closure().reason, ImapCloseReason::Cancelled);
    // A command after the close ends at once, never silently.
    std::optional<ImapCommandResult> late;
    session.connection->run("NOOP", [&late](const ImapCommandResult &r) { late = r; });
    QVERIFY(late.has_value());
    QCOMPARE(late->status, ImapResponse::Status::None);
}

void tst_ImapConnection::silentServerTimesOutOnTheClock()
{
    // Greets, then reads and never answers.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QByteArray received;
    std::unique_ptr<QTcpSocket> peer;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        peer.reset(server.nextPendingConnection());
        connect(peer.get(), &QTcpSocket::readyRead, this, [&] { received += peer->readAll(); });
        peer->write("* OK silent IMAP server ready\r\n");
    });
    ImapEndpoint endpoint;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = server.serverPort();
    endpoint.security = SecurityMode::None;
    ImapTimeouts timeouts;
    timeouts.command = 45s;
    ManualClock clock;
    ImapConnection connection(5, endpoint, {}, timeouts, clock);
    QSignalSpy closed(&connection, &ImapConnection::closed);
    connection.open();
    // The greeting named no capabilities: the client asks, and waits for the answer.
    QTRY_VERIFY(received.contains("CAPABILITY"));
    clock.advance(45s - 1ms);
    QVERIFY(closed.isEmpty());
    clock.advance(1ms);
    QCOMPARE(closed.size(), 1);
    const ImapClosure closure = closed.first().first().value<ImapClosure>();
    QCOMPARE(closure.reason, ImapCloseReason::Timeout);
    QVERIFY(!closure.isFatal()); // a later session may do better
    QVERIFY2(closure.detail.contains(QLatin1String("within 45 s")), qPrintable(closure.detail));
    // Said by its code for the window; the English made from it, as before.
    QCOMPARE(closure.note.code, ImapNote::Code::NoReply);
    QCOMPARE(closure.note.arguments.value(1), QStringLiteral("45"));
    QCOMPARE(closure.note.english(), closure.detail);
}

void tst_ImapConnection::idleBringsNewsAndEndsForTheNextCommand()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    ManualClock clock;
    ImapConnection connection(8, server.endpoint(), server.credentials(), {}, clock);
    QSignalSpy ready(&connection, &ImapConnection::ready);
    QSignalSpy news(&connection, &ImapConnection::unsolicited);
    QSignalSpy closed(&connection, &ImapConnection::closed);
    connection.open();
    QVERIFY(ready.wait(WaitMs));
    QVERIFY(connection.hasCapability("IDLE"));
    QVERIFY(runCommand(connection, "EXAMINE \"INBOX\"").isOk());

    int accepted = 0;
    std::optional<ImapCommandResult> ended;
    const auto idle = [&] {
        ended.reset();
        connection.idle([&accepted] { ++accepted; },
                        [&ended](const ImapCommandResult &result) { ended = result; });
    };
    idle();
    QTRY_COMPARE(accepted, 1);
    QVERIFY(connection.isIdling());
    // Another client delivers a message: the server says so while we idle.
    Session other = openSession(server.endpoint(), server.credentials());
    QVERIFY(other.ready->wait(WaitMs));
    QVERIFY(runCommand(*other.connection, "APPEND \"INBOX\"", testMessage("<n@x>", 200)).isOk());
    QTRY_VERIFY(std::any_of(news.begin(), news.end(), [](const QList<QVariant> &signal) {
        return signal.first().value<ImapResponse>().dataName() == "EXISTS";
    }));
    QVERIFY(!ended.has_value());

    // The next command ends the IDLE (DONE) and runs after its answer.
    const ImapCommandResult search = runCommand(connection, "UID SEARCH ALL");
    QVERIFY2(search.isOk(), qPrintable(search.describe()));
    QVERIFY(ended.has_value());
    QVERIFY(ended->isOk());
    QVERIFY(!connection.isIdling());
    QCOMPARE(search.untagged.constLast().data.size(), 2); // SEARCH 1

    // Issued again before the server's 30 minutes, on the connection's clock.
    idle();
    QTRY_COMPARE(accepted, 2);
    QCOMPARE(clock.nextTimerDeadline(), clock.now() + ImapConnection::IdleRestart);
    clock.advance(ImapConnection::IdleRestart - 1ms);
    QCOMPARE(accepted, 2);
    clock.advance(1ms);
    QTRY_COMPARE(accepted, 3);
    QVERIFY(!ended.has_value()); // the same IDLE, once more
    connection.logout();         // DONE, then LOGOUT
    QVERIFY(closed.wait(WaitMs));
    QCOMPARE(closed.first().first().value<ImapClosure>().reason, ImapCloseReason::LoggedOut);
    QVERIFY(ended.has_value());
    QVERIFY(ended->isOk());
    QTRY_COMPARE(server.logLinesContaining("Logged out").size(), 1);
}

QTEST_GUILESS_MAIN(tst_ImapConnection)
#include "tst_imapconnection.moc"
