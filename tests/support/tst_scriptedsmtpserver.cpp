#include <numeric>
#include <tuple>
#include <utility>

#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTest>

#include "common/clock.h"
#include "scriptedsmtpserver.h"
#include "testcertificates.h"

using namespace std::chrono_literals;
using Bulkmail::Test::ScriptedMessage;
using Bulkmail::Test::ScriptedSmtpServer;

namespace {

// A raw client. The server lives in this thread, so every wait spins the event loop
// (QTest::qWaitFor) instead of blocking in QSslSocket::waitFor*(), which would starve the server.
class RawClient
{
public:
    RawClient()
    {
        QSslConfiguration configuration = m_socket.sslConfiguration();
        configuration.addCaCertificate(Bulkmail::Test::testCaCertificate());
        m_socket.setSslConfiguration(configuration);
        m_socket.setPeerVerifyName(QStringLiteral("localhost"));
    }

    QSslSocket &socket() { return m_socket; }

    bool connectTo(const ScriptedSmtpServer &server)
    {
        m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), server.serverPort());
        return QTest::qWaitFor(
            [this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 5000);
    }

    bool connectEncryptedTo(const ScriptedSmtpServer &server)
    {
        m_socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"),
                                        server.serverPort(),
                                        QStringLiteral("localhost"));
        return QTest::qWaitFor([this] { return m_socket.isEncrypted(); }, 5000);
    }

    bool startTls()
    {
        m_received.clear();
        m_socket.startClientEncryption();
        return QTest::qWaitFor([this] { return m_socket.isEncrypted(); }, 5000);
    }

    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }

    // Waits for `count` complete replies (multi-line ones count once) and takes them.
    QList<QByteArray> replies(int count, int timeoutMs = 5000)
    {
        std::ignore = QTest::qWaitFor(
            [&] {
                m_received += m_socket.readAll();
                return completeReplies().size() >= count;
            },
            timeoutMs);
        QList<QByteArray> result = completeReplies().mid(0, count);
        for (const QByteArray &reply : std::as_const(result))
            m_received.remove(0, reply.size());
        return result;
    }

    QByteArray reply(int timeoutMs = 5000) { return replies(1, timeoutMs).value(0); }

    QByteArray command(const QByteArray &line)
    {
        send(line + "\r\n");
        return reply();
    }

    // Everything received so far, raw.
    QByteArray waitForBytes(qsizetype size)
    {
        std::ignore = QTest::qWaitFor([&] {
            m_received += m_socket.readAll();
            return m_received.size() >= size;
        });
        return std::exchange(m_received, {});
    }

    bool waitForDisconnected()
    {
        return QTest::qWaitFor(
            [this] {
                m_received += m_socket.readAll();
                return m_socket.state() == QAbstractSocket::UnconnectedState;
            },
            5000);
    }

    // Takes everything received and not yet taken.
    QByteArray takePending()
    {
        m_received += m_socket.readAll();
        return std::exchange(m_received, {});
    }

private:
    QList<QByteArray> completeReplies() const
    {
        QList<QByteArray> result;
        qsizetype start = 0;
        qsizetype lineStart = 0;
        while (true) {
            const qsizetype end = m_received.indexOf("\r\n", lineStart);
            if (end < 0)
                break;
            const QByteArray line = m_received.mid(lineStart, end - lineStart);
            lineStart = end + 2;
            if (line.size() >= 4 && line.at(3) == '-')
                continue;
            result.append(m_received.mid(start, lineStart - start));
            start = lineStart;
        }
        return result;
    }

    QSslSocket m_socket;
    QByteArray m_received;
};

QByteArray plainResponse(const QByteArray &user, const QByteArray &password)
{
    const QByteArray response = QByteArray(1, '\0') + user + QByteArray(1, '\0') + password;
    return response.toBase64();
}

} // namespace

class TestScriptedSmtpServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void defaultSessionWithPipelining();
    void violations_data();
    void violations();
    void judgesWhatTheClientSends_data();
    void judgesWhatTheClientSends();
    void dotStuffingIsUndone();
    void recipientReplyForSomeTimes();
    void noopReplyForSomeTimes();
    void dropAfterFinalDot_data();
    void dropAfterFinalDot();
    void dropBeforeFinalDot();
    void messagesPerConnectionLimit();
    void mailFromReplyAtClosesWhenAsked();
    void concurrentConnectionsAreNumbered();
    void recordsClientClosesWithoutQuit();
    void startTlsWithInjectedBytes();
    void implicitTls();
    void selfSignedCertificateIsNotTrusted();
    void auth_data();
    void auth();
    void stall_data();
    void stall();
    void delayedFinalDotReplyKeepsOrder();
    void slowRepliesWaitForTheClock();
    void slowFinalDotReplyAfterTheClientLeftKeepsTheMessage();
    void garbageAndOverlongReplies();
    void refusedGreetingAnswers503UntilQuit();
    void delayedGreetingFlagsEarlyTalkers();
    void disconnectAfterGreeting();
    void responderDecidesEachStep();
    void responderKeepsAMessageWhoseReplyIsLost();
    void responderStallMarksTheConnection();
    void clientCloseInDataIsRecorded();
    void refusingConnectionsAndListeningAgain();

private:
    static void greetAndHello(RawClient &client, const QByteArray &helo = "EHLO client.test");
    // MAIL FROM:<a@b>, RCPT TO:<c@d> and DATA pipelined; true once their three replies came.
    [[nodiscard]] static bool sendEnvelope(RawClient &client);
};

void TestScriptedSmtpServer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestScriptedSmtpServer::greetAndHello(RawClient &client, const QByteArray &helo)
{
    QCOMPARE(client.reply(), QByteArray("220 scripted.test ESMTP\r\n"));
    QVERIFY(client.command(helo).startsWith("250"));
}

bool TestScriptedSmtpServer::sendEnvelope(RawClient &client)
{
    client.send("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n");
    return client.replies(3).size() == 3;
}

void TestScriptedSmtpServer::defaultSessionWithPipelining()
{
    ScriptedSmtpServer server;
    QVERIFY(server.isListening());
    QVERIFY(server.serverPort() != 0);
    RawClient client;
    QVERIFY(client.connectTo(server));

    QCOMPARE(client.reply(), QByteArray("220 scripted.test ESMTP\r\n"));
    QCOMPARE(client.command("EHLO client.test"),
             QByteArray("250-scripted.test greets client.test\r\n"
                        "250-PIPELINING\r\n"
                        "250-8BITMIME\r\n"
                        "250-SIZE 10485760\r\n"
                        "250 ENHANCEDSTATUSCODES\r\n"));
    // RFC 2920: MAIL, RCPT and DATA in one write; DATA ends the group.
    client.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\n"
                "RCPT TO:<c@example.org>\r\nDATA\r\n");
    const QList<QByteArray> replies = client.replies(4);
    QCOMPARE(replies.size(), 4);
    QCOMPARE(replies.at(0), QByteArray("250 2.1.0 Ok\r\n"));
    QCOMPARE(replies.at(1), QByteArray("250 2.1.5 Ok\r\n"));
    QCOMPARE(replies.at(2), QByteArray("250 2.1.5 Ok\r\n"));
    QVERIFY(replies.at(3).startsWith("354 "));
    client.send("Subject: hi\r\n\r\nbody\r\n.\r\n");
    QCOMPARE(client.reply(), QByteArray("250 2.0.0 queued as 1\r\n"));
    QCOMPARE(client.command("QUIT"), QByteArray("221 2.0.0 Bye\r\n"));
    QVERIFY(client.waitForDisconnected());

    QCOMPARE(server.protocolViolations(), QStringList());
    QCOMPARE(server.connectionCount(), 1);
    QTRY_COMPARE(server.openConnectionCount(), 0);
    QCOMPARE(server.quitCount(), 1);
    QCOMPARE(server.commandsOn(1),
             (QList<QByteArray>{"EHLO client.test",
                                "MAIL FROM:<a@example.org>",
                                "RCPT TO:<b@example.org>",
                                "RCPT TO:<c@example.org>",
                                "DATA",
                                "QUIT"}));
    // EHLO, the pipelined group, the content, QUIT: four round trips.
    QCOMPARE(server.readBatchesOn(1), 4);
    const QList<ScriptedMessage> messages = server.receivedMessages();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).connection, 1);
    QCOMPARE(messages.at(0).indexInConnection, 1);
    QCOMPARE(messages.at(0).messageNumber, 1);
    QCOMPARE(messages.at(0).mailFrom, QByteArray("a@example.org"));
    QCOMPARE(messages.at(0).recipients, (QList<QByteArray>{"b@example.org", "c@example.org"}));
    QCOMPARE(messages.at(0).data, QByteArray("Subject: hi\r\n\r\nbody\r\n"));
}

void TestScriptedSmtpServer::violations_data()
{
    QTest::addColumn<QList<QByteArray>>("capabilities");
    QTest::addColumn<QList<QByteArray>>("writes");
    QTest::addColumn<QList<int>>("repliesPerWrite");
    QTest::addColumn<QStringList>("expected");

    const QList<QByteArray> standard = {"PIPELINING", "8BITMIME"};
    QTest::newRow("MAIL right after EHLO")
        << standard << QList<QByteArray>{"EHLO c\r\nMAIL FROM:<a@b>\r\n"} << QList<int>{2}
        << QStringList{QStringLiteral("connection 1: data sent after EHLO before its reply")};
    QTest::newRow("content right after DATA")
        << standard
        << QList<QByteArray>{"EHLO c\r\n", "MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nHi\r\n"}
        << QList<int>{1, 3}
        << QStringList{QStringLiteral("connection 1: data sent after DATA before its reply")};
    QTest::newRow("pipelining not advertised")
        << QList<QByteArray>{"8BITMIME"}
        << QList<QByteArray>{"EHLO c\r\n", "MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\n"}
        << QList<int>{1, 2}
        << QStringList{QStringLiteral(
               "connection 1: command pipelined after MAIL but PIPELINING was not advertised")};
    QTest::newRow("next MAIL right after the final dot is allowed with PIPELINING")
        << standard
        << QList<QByteArray>{"EHLO c\r\n",
                             "MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n",
                             "x\r\n.\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n"}
        << QList<int>{1, 3, 4} << QStringList();
    QTest::newRow("bare LF") << standard << QList<QByteArray>{"EHLO c\n"} << QList<int>{1}
                             << QStringList{
                                    QStringLiteral("connection 1: line not terminated by CRLF")};
}

void TestScriptedSmtpServer::violations()
{
    QFETCH(QList<QByteArray>, capabilities);
    QFETCH(QList<QByteArray>, writes);
    QFETCH(QList<int>, repliesPerWrite);
    QFETCH(QStringList, expected);

    ScriptedSmtpServer server;
    server.setCapabilities(capabilities);
    RawClient client;
    QVERIFY(client.connectTo(server));
    QVERIFY(client.reply().startsWith("220"));
    for (qsizetype i = 0; i < writes.size(); ++i) {
        client.send(writes.at(i));
        QCOMPARE(client.replies(repliesPerWrite.at(i)).size(), repliesPerWrite.at(i));
    }
    QCOMPARE(server.protocolViolations(), expected);
}

void TestScriptedSmtpServer::judgesWhatTheClientSends_data()
{
    QTest::addColumn<QList<QByteArray>>("capabilities");
    QTest::addColumn<QByteArray>("user"); // credentials set: AUTH required before MAIL
    QTest::addColumn<QList<QByteArray>>("writes");
    QTest::addColumn<QList<int>>("repliesPerWrite");
    QTest::addColumn<QStringList>("expected");

    const QList<QByteArray> all = {"PIPELINING", "8BITMIME", "SIZE 1000000", "SMTPUTF8"};
    const QByteArray envelope = "RCPT TO:<c@d>\r\nDATA\r\n";
    auto message = [&](const QByteArray &mail, const QByteArray &content) {
        return QList<QByteArray>{"EHLO c\r\n", mail + "\r\n" + envelope, content + ".\r\n"};
    };
    auto violation = [](const char *text) {
        return QStringList{QStringLiteral("connection 1: ") + QLatin1String(text)};
    };
    const QByteArray plainText = "Subject: hi\r\n\r\nHello.\r\n"; // 23 octets

    QTest::newRow("a correct message")
        << all << QByteArray() << message("MAIL FROM:<a@b> SIZE=23", plainText)
        << QList<int>{1, 3, 1} << QStringList();
    QTest::newRow("MAIL without AUTH, credentials set")
        << all << QByteArray("mailer") << QList<QByteArray>{"EHLO c\r\n", "MAIL FROM:<a@b>\r\n"}
        << QList<int>{1, 1}
        << violation("MAIL before AUTH, although the server requires authentication");
    QTest::newRow("SIZE smaller than the message")
        << all << QByteArray() << message("MAIL FROM:<a@b> SIZE=20", plainText)
        << QList<int>{1, 3, 1} << violation("SIZE=20 declared, but the message had 23 octets");
    QTest::newRow("SIZE not advertised")
        << QList<QByteArray>{"PIPELINING", "8BITMIME"} << QByteArray()
        << message("MAIL FROM:<a@b> SIZE=23", plainText) << QList<int>{1, 3, 1}
        << violation("MAIL parameter SIZE=23 without the SIZE extension");
    QTest::newRow("BODY=8BITMIME not advertised")
        << QList<QByteArray>{"PIPELINING"} << QByteArray()
        << message("MAIL FROM:<a@b> BODY=8BITMIME", "caf\xc3\xa9\r\n") << QList<int>{1, 3, 1}
        << violation("MAIL parameter BODY=8BITMIME without the 8BITMIME extension");
    QTest::newRow("8-bit data undeclared")
        << all << QByteArray() << message("MAIL FROM:<a@b>", "caf\xc3\xa9\r\ncaf\xc3\xa9\r\n")
        << QList<int>{1, 3, 1} << violation("8-bit data without BODY=8BITMIME or SMTPUTF8");
    QTest::newRow("8-bit data with BODY=8BITMIME")
        << all << QByteArray() << message("MAIL FROM:<a@b> BODY=8BITMIME", "caf\xc3\xa9\r\n")
        << QList<int>{1, 3, 1} << QStringList();
    QTest::newRow("line of 1001 octets")
        << all << QByteArray() << message("MAIL FROM:<a@b>", QByteArray(999, 'x') + "\r\n")
        << QList<int>{1, 3, 1}
        << violation("a message line of 1001 octets (at most 1000 "
                     "with CRLF)");
    QTest::newRow("line of 1000 octets")
        << all << QByteArray() << message("MAIL FROM:<a@b>", QByteArray(998, 'x') + "\r\n")
        << QList<int>{1, 3, 1} << QStringList();
}

void TestScriptedSmtpServer::judgesWhatTheClientSends()
{
    QFETCH(QList<QByteArray>, capabilities);
    QFETCH(QByteArray, user);
    QFETCH(QList<QByteArray>, writes);
    QFETCH(QList<int>, repliesPerWrite);
    QFETCH(QStringList, expected);

    ScriptedSmtpServer server;
    server.setCapabilities(capabilities);
    if (!user.isEmpty())
        server.setCredentials(user, "secret");
    RawClient client;
    QVERIFY(client.connectTo(server));
    QVERIFY(client.reply().startsWith("220"));
    QList<QByteArray> replies;
    for (qsizetype i = 0; i < writes.size(); ++i) {
        client.send(writes.at(i));
        replies += client.replies(repliesPerWrite.at(i));
    }
    QCOMPARE(replies.size(), std::accumulate(repliesPerWrite.cbegin(), repliesPerWrite.cend(), 0));
    QCOMPARE(server.protocolViolations(), expected);
    if (!user.isEmpty())
        QVERIFY2(replies.constLast().startsWith("530 "), replies.constLast().constData());
}

void TestScriptedSmtpServer::dotStuffingIsUndone()
{
    ScriptedSmtpServer server;
    RawClient client;
    QVERIFY(client.connectTo(server));
    greetAndHello(client);
    QVERIFY(client.command("MAIL FROM:<a@b>").startsWith("250"));
    QVERIFY(client.command("RCPT TO:<c@d>").startsWith("250"));
    QVERIFY(client.command("DATA").startsWith("354"));
    client.send("..hidden dot\r\n...\r\nplain\r\n.\r\n");
    QCOMPARE(client.reply(), QByteArray("250 2.0.0 queued as 1\r\n"));
    QCOMPARE(server.receivedMessages().size(), 1);
    QCOMPARE(server.receivedMessages().at(0).data, QByteArray(".hidden dot\r\n..\r\nplain\r\n"));
}

void TestScriptedSmtpServer::recipientReplyForSomeTimes()
{
    ScriptedSmtpServer server;
    server.setRecipientReply("busy@example.org", "450 4.2.1 Mailbox busy", 2);
    RawClient client;
    QVERIFY(client.connectTo(server));
    greetAndHello(client);

    QList<QByteArray> busyReplies;
    for (int attempt = 0; attempt < 3; ++attempt) {
        QVERIFY(client.command("MAIL FROM:<a@b>").startsWith("250"));
        busyReplies.append(client.command("RCPT TO:<Busy@Example.org>"));
        QVERIFY(client.command("RCPT TO:<ok@example.org>").startsWith("250"));
        QVERIFY(client.command("DATA").startsWith("354"));
        client.send("x\r\n.\r\n");
        QVERIFY(client.reply().startsWith("250"));
    }
    QCOMPARE(busyReplies,
             (QList<QByteArray>{"450 4.2.1 Mailbox busy\r\n",
                                "450 4.2.1 Mailbox busy\r\n",
                                "250 2.1.5 Ok\r\n"}));
    const QList<ScriptedMessage> messages = server.receivedMessages();
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages.at(0).recipients, QList<QByteArray>{"ok@example.org"});
    QCOMPARE(messages.at(2).recipients, (QList<QByteArray>{"Busy@Example.org", "ok@example.org"}));
    QCOMPARE(messages.at(2).indexInConnection, 3);
}

void TestScriptedSmtpServer::noopReplyForSomeTimes()
{
    ScriptedSmtpServer server;
    server.setNoopReply("451 4.3.0 Try again", 1);
    RawClient client;
    QVERIFY(client.connectTo(server));
    greetAndHello(client);
    QCOMPARE(client.command("NOOP"), QByteArray("451 4.3.0 Try again\r\n"));
    QCOMPARE(client.command("NOOP"), QByteArray("250 2.0.0 Ok\r\n"));
    QCOMPARE(server.noopCount(), 2);
}

void TestScriptedSmtpServer::dropAfterFinalDot_data()
{
    QTest::addColumn<ScriptedSmtpServer::DropMode>("mode");
    QTest::addColumn<QByteArray>("expectedBytes");
    QTest::addColumn<int>("expectedMessages");

    QTest::newRow("without reply")
        << ScriptedSmtpServer::DropMode::WithoutReply << QByteArray() << 0;
    QTest::newRow("after reply") << ScriptedSmtpServer::DropMode::AfterReply
                                 << QByteArray("250 2.0.0 queued as 2\r\n") << 1;
}

void TestScriptedSmtpServer::dropAfterFinalDot()
{
    QFETCH(ScriptedSmtpServer::DropMode, mode);
    QFETCH(QByteArray, expectedBytes);
    QFETCH(int, expectedMessages);

    ScriptedSmtpServer server;
    server.dropAfterFinalDot(2, mode);
    // Message 1 on the first connection is untouched.
    {
        RawClient first;
        QVERIFY(first.connectTo(server));
        greetAndHello(first);
        QVERIFY(sendEnvelope(first));
        first.send("one\r\n.\r\n");
        QCOMPARE(first.reply(), QByteArray("250 2.0.0 queued as 1\r\n"));
    }
    RawClient client;
    QVERIFY(client.connectTo(server));
    greetAndHello(client);
    QVERIFY(sendEnvelope(client));
    QSignalSpy closed(&server, &ScriptedSmtpServer::connectionClosed);
    client.send("two\r\n.\r\n");
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(client.takePending(), expectedBytes);
    QTRY_VERIFY(closed.contains(QVariantList{2}));
    QCOMPARE(server.receivedMessages().size(), 1 + expectedMessages);
}

void TestScriptedSmtpServer::dropBeforeFinalDot()
{
    ScriptedSmtpServer server;
    server.dropBeforeFinalDot(1);
    RawClient client;
    QVERIFY(client.connectTo(server));
    greetAndHello(client);
    QVERIFY(sendEnvelope(client));
    client.send("partial content\r\n");
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(client.takePending(), QByteArray());
    QVERIFY(server.receivedMessages().isEmpty());
}

void TestScriptedSmtpServer::messagesPerConnectionLimit()
{
    ScriptedSmtpServer server;
    server.setMessagesPerConnectionLimit(2);
    RawClient client;
    QVERIFY(client.connectTo(server));
    greetAndHello(client);
    for (int message = 1; message <= 2; ++message) {
        QVERIFY(sendEnvelope(client));
        client.send("x\r\n.\r\n");
        QVERIFY(client.reply().startsWith("250 2.0.0"));
    }
    QCOMPARE(client.command("MAIL FROM:<a@b>"),
             QByteArray("421 4.7.0 Too many messages on this connection\r\n"));
    QVERIFY(client.waitForDisconnected());
    const QList<ScriptedMessage> messages = server.receivedMessages();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(1).indexInConnection, 2);

    // The limit is per connection: a new one accepts messages again.
    RawClient second;
    QVERIFY(second.connectTo(server));
    greetAndHello(second);
    QCOMPARE(second.command("MAIL FROM:<a@b>"), QByteArray("250 2.1.0 Ok\r\n"));
}

void TestScriptedSmtpServer::mailFromReplyAtClosesWhenAsked()
{
    ScriptedSmtpServer server;
    server.setMailFromReplyAt(2, "451 4.7.0 Rate exceeded, slow down");
    server.setMailFromReplyAt(3,
                              "421 4.3.2 Concurrent connections limit exceeded",
                              ScriptedSmtpServer::CloseAfter::Yes);
    RawClient client;
    QVERIFY(client.connectTo(server));
    greetAndHello(client);
    QCOMPARE(client.command("MAIL FROM:<a@b>"), QByteArray("250 2.1.0 Ok\r\n"));
    QCOMPARE(client.command("RSET"), QByteArray("250 2.0.0 Ok\r\n"));
    QCOMPARE(client.command("MAIL FROM:<a@b>"),
             QByteArray("451 4.7.0 Rate exceeded, slow down\r\n"));
    QCOMPARE(client.command("MAIL FROM:<a@b>"),
             QByteArray("421 4.3.2 Concurrent connections limit exceeded\r\n"));
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(server.rsetCount(), 1);
}

void TestScriptedSmtpServer::recordsClientClosesWithoutQuit()
{
    ScriptedSmtpServer server;
    server.setMailFromReplyAt(1, "421 4.7.0 Go away", ScriptedSmtpServer::CloseAfter::Yes);
    {
        RawClient politeClient; // connection 1: QUIT, then the server closes
        QVERIFY(politeClient.connectTo(server));
        greetAndHello(politeClient);
        QVERIFY(politeClient.command("QUIT").startsWith("221"));
        QVERIFY(politeClient.waitForDisconnected());
    }
    {
        RawClient rudeClient; // connection 2: the client just closes
        QVERIFY(rudeClient.connectTo(server));
        greetAndHello(rudeClient);
        rudeClient.socket().disconnectFromHost();
        QTRY_COMPARE(server.openConnectionCount(), 0);
    }
    {
        RawClient dropped; // connection 3: the server closes (here after the 421 to MAIL)
        QVERIFY(dropped.connectTo(server));
        greetAndHello(dropped);
        QVERIFY(dropped.command("MAIL FROM:<a@b>").startsWith("421"));
        QVERIFY(dropped.waitForDisconnected());
    }
    QTRY_COMPARE(server.openConnectionCount(), 0);
    QCOMPARE(server.connectionsClosedWithoutQuit(), QList<int>{2});
}

void TestScriptedSmtpServer::concurrentConnectionsAreNumbered()
{
    ScriptedSmtpServer server;
    RawClient first;
    RawClient second;
    QVERIFY(first.connectTo(server));
    QTRY_COMPARE(server.connectionCount(), 1);
    QVERIFY(second.connectTo(server));
    QVERIFY(server.waitForConnectionCount(2, 5000));
    greetAndHello(first, "EHLO first");
    greetAndHello(second, "EHLO second");
    QCOMPARE(server.openConnectionCount(), 2);
    QCOMPARE(server.peakOpenConnectionCount(), 2);
    QCOMPARE(server.commandsOn(1), QList<QByteArray>{"EHLO first"});
    QCOMPARE(server.commandsOn(2), QList<QByteArray>{"EHLO second"});
    QCOMPARE(second.command("NOOP"), QByteArray("250 2.0.0 Ok\r\n"));
    QCOMPARE(server.noopCount(), 1);

    server.closeConnection(1, "421 4.4.2 Idle timeout");
    QVERIFY(first.waitForDisconnected());
    QCOMPARE(first.takePending(), QByteArray("421 4.4.2 Idle timeout\r\n"));
    QTRY_COMPARE(server.openConnectionCount(), 1);
}

void TestScriptedSmtpServer::startTlsWithInjectedBytes()
{
    ScriptedSmtpServer server;
    server.setCapabilities({"PIPELINING", "STARTTLS", "AUTH PLAIN"});
    const QByteArray injected = "250-injected\r\n250 AUTH PLAIN\r\n";
    server.injectAfterStartTlsReply(injected);
    RawClient client;
    QSignalSpy sslErrors(&client.socket(), &QSslSocket::sslErrors);
    QVERIFY(client.connectTo(server));
    QCOMPARE(client.reply(), QByteArray("220 scripted.test ESMTP\r\n"));
    QVERIFY(client.command("EHLO c").contains("250-STARTTLS\r\n"));
    client.send("STARTTLS\r\n");
    const QByteArray expected = "220 2.0.0 Ready to start TLS\r\n" + injected;
    QCOMPARE(client.waitForBytes(expected.size()), expected);

    QVERIFY(client.startTls());
    QCOMPARE(sslErrors.count(), 0);
    QCOMPARE(client.socket().peerCertificate(), Bulkmail::Test::testServerCertificate());
    const QByteArray ehlo = client.command("EHLO c");
    QVERIFY(ehlo.startsWith("250-scripted.test"));
    QVERIFY(!ehlo.contains("STARTTLS"));
    // The session restarted: a transaction works only after the new EHLO (RFC 3207 §4.2).
    QCOMPARE(client.command("MAIL FROM:<a@b>"), QByteArray("250 2.1.0 Ok\r\n"));
    QCOMPARE(server.commandsOn(1),
             (QList<QByteArray>{"EHLO c", "STARTTLS", "EHLO c", "MAIL FROM:<a@b>"}));
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestScriptedSmtpServer::implicitTls()
{
    ScriptedSmtpServer server;
    server.setEncryption(ScriptedSmtpServer::Encryption::ImplicitTls);
    RawClient client;
    QSignalSpy sslErrors(&client.socket(), &QSslSocket::sslErrors);
    QVERIFY(client.connectEncryptedTo(server));
    QCOMPARE(sslErrors.count(), 0);
    QCOMPARE(client.reply(), QByteArray("220 scripted.test ESMTP\r\n"));
    QVERIFY(client.command("EHLO c").startsWith("250-scripted.test"));
    QCOMPARE(client.command("QUIT"), QByteArray("221 2.0.0 Bye\r\n"));
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(server.commandsOn(1), (QList<QByteArray>{"EHLO c", "QUIT"}));
}

void TestScriptedSmtpServer::selfSignedCertificateIsNotTrusted()
{
    ScriptedSmtpServer server;
    server.setEncryption(ScriptedSmtpServer::Encryption::ImplicitTls);
    server.setUseSelfSignedCertificate(true);
    RawClient client;
    QSignalSpy sslErrors(&client.socket(), &QSslSocket::sslErrors);
    client.socket().connectToHostEncrypted(QStringLiteral("127.0.0.1"),
                                           server.serverPort(),
                                           QStringLiteral("localhost"));
    QTRY_VERIFY(sslErrors.count() >= 1);
    QVERIFY(!client.socket().isEncrypted());
    QCOMPARE(client.socket().peerCertificate(), Bulkmail::Test::selfSignedCertificate());
}

void TestScriptedSmtpServer::auth_data()
{
    QTest::addColumn<QByteArray>("scriptedReply");
    QTest::addColumn<QList<QByteArray>>("lines");
    QTest::addColumn<QList<QByteArray>>("expectedReplies");
    QTest::addColumn<QList<QByteArray>>("expectedCommands");

    const QByteArray user = "user@example.org";
    const QByteArray ok = "235 2.7.0 Authentication successful\r\n";
    const QByteArray invalid = "535 5.7.8 Authentication credentials invalid\r\n";
    QTest::newRow("PLAIN with initial response")
        << QByteArray() << QList<QByteArray>{"AUTH PLAIN " + plainResponse(user, "secret")}
        << QList<QByteArray>{ok} << QList<QByteArray>{"EHLO c", "AUTH PLAIN <redacted>"};
    QTest::newRow("PLAIN after 334")
        << QByteArray() << QList<QByteArray>{"AUTH PLAIN", plainResponse(user, "secret")}
        << QList<QByteArray>{"334 \r\n", ok}
        << QList<QByteArray>{"EHLO c", "AUTH PLAIN", "<redacted>"};
    QTest::newRow("PLAIN wrong password")
        << QByteArray() << QList<QByteArray>{"AUTH PLAIN " + plainResponse(user, "wrong")}
        << QList<QByteArray>{invalid} << QList<QByteArray>{"EHLO c", "AUTH PLAIN <redacted>"};
    QTest::newRow("LOGIN accepted")
        << QByteArray()
        << QList<QByteArray>{"AUTH LOGIN", user.toBase64(), QByteArray("secret").toBase64()}
        << QList<QByteArray>{"334 VXNlcm5hbWU6\r\n", "334 UGFzc3dvcmQ6\r\n", ok}
        << QList<QByteArray>{"EHLO c", "AUTH LOGIN", "<redacted>", "<redacted>"};
    QTest::newRow("LOGIN wrong user")
        << QByteArray()
        << QList<QByteArray>{"AUTH LOGIN",
                             QByteArray("other").toBase64(),
                             QByteArray("secret").toBase64()}
        << QList<QByteArray>{"334 VXNlcm5hbWU6\r\n", "334 UGFzc3dvcmQ6\r\n", invalid}
        << QList<QByteArray>{"EHLO c", "AUTH LOGIN", "<redacted>", "<redacted>"};
    QTest::newRow("scripted reply despite the right password")
        << QByteArray("454 4.7.0 Temporary authentication failure")
        << QList<QByteArray>{"AUTH PLAIN " + plainResponse(user, "secret")}
        << QList<QByteArray>{"454 4.7.0 Temporary authentication failure\r\n"}
        << QList<QByteArray>{"EHLO c", "AUTH PLAIN <redacted>"};
}

void TestScriptedSmtpServer::auth()
{
    QFETCH(QByteArray, scriptedReply);
    QFETCH(QList<QByteArray>, lines);
    QFETCH(QList<QByteArray>, expectedReplies);
    QFETCH(QList<QByteArray>, expectedCommands);

    ScriptedSmtpServer server;
    server.setCapabilities({"PIPELINING", "AUTH PLAIN LOGIN"});
    server.setCredentials("user@example.org", "secret");
    server.setAuthReply(scriptedReply);
    RawClient client;
    QVERIFY(client.connectTo(server));
    greetAndHello(client, "EHLO c");
    QList<QByteArray> replies;
    for (const QByteArray &line : std::as_const(lines))
        replies.append(client.command(line));
    QCOMPARE(replies, expectedReplies);
    QCOMPARE(server.authAttempts(), 1);
    QCOMPARE(server.commandsOn(1), expectedCommands);
    QCOMPARE(server.protocolViolations(), QStringList());
}

void TestScriptedSmtpServer::stall_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QList<QByteArray>>("answeredLines");
    QTest::addColumn<QByteArray>("stalledLine");

    QTest::newRow("EHLO") << QByteArray("EHLO") << QList<QByteArray>{} << QByteArray("EHLO c\r\n");
    QTest::newRow("DATA") << QByteArray("DATA")
                          << QList<QByteArray>{"EHLO c", "MAIL FROM:<a@b>", "RCPT TO:<c@d>"}
                          << QByteArray("DATA\r\n");
    QTest::newRow("final dot") << QByteArray(
        ".") << QList<QByteArray>{"EHLO c", "MAIL FROM:<a@b>", "RCPT TO:<c@d>", "DATA"}
                               << QByteArray("content\r\n.\r\n");
}

void TestScriptedSmtpServer::stall()
{
    QFETCH(QByteArray, verb);
    QFETCH(QList<QByteArray>, answeredLines);
    QFETCH(QByteArray, stalledLine);

    ScriptedSmtpServer server;
    server.stallOn(verb);
    RawClient client;
    QVERIFY(client.connectTo(server));
    QVERIFY(client.reply().startsWith("220"));
    for (const QByteArray &line : std::as_const(answeredLines))
        QVERIFY(!client.command(line).isEmpty());
    client.send(stalledLine);
    QCOMPARE(client.reply(300), QByteArray()); // no reply at all
    QCOMPARE(client.takePending(), QByteArray());
    QCOMPARE(client.socket().state(), QAbstractSocket::ConnectedState);
    QCOMPARE(server.openConnectionCount(), 1);
    QVERIFY(server.receivedMessages().isEmpty());
}

void TestScriptedSmtpServer::delayedFinalDotReplyKeepsOrder()
{
    ScriptedSmtpServer server;
    server.delayFinalDotReply(100ms);
    RawClient client;
    QVERIFY(client.connectTo(server));
    greetAndHello(client);
    QVERIFY(sendEnvelope(client));
    // RFC 2920 §3.1: the next transaction may follow the final dot in the same write.
    client.send("x\r\n.\r\nMAIL FROM:<e@f>\r\n");
    QCOMPARE(client.reply(50), QByteArray()); // the reply to the dot is still held back
    const QList<QByteArray> replies = client.replies(2);
    QCOMPARE(replies, (QList<QByteArray>{"250 2.0.0 queued as 1\r\n", "250 2.1.0 Ok\r\n"}));
    QCOMPARE(server.protocolViolations(), QStringList());
}

// setReplyDelay on a ManualClock: a reply leaves when the clock says so, not before, and the
// commands pipelined behind it wait their turn.
void TestScriptedSmtpServer::slowRepliesWaitForTheClock()
{
    Bulkmail::ManualClock clock;
    ScriptedSmtpServer server;
    server.setClock(&clock);
    QList<QByteArray> asked;
    server.setReplyDelay([&asked](int connection, const QByteArray &verb) {
        asked.append(QByteArray::number(connection) + ' ' + verb);
        if (verb == "GREETING")
            return std::chrono::milliseconds(5s);
        return verb == "MAIL" ? std::chrono::milliseconds(10s) : std::chrono::milliseconds(0);
    });
    RawClient client;
    QVERIFY(client.connectTo(server));
    QTRY_VERIFY(server.isDelayingReply(1));
    clock.advance(4999ms);
    QVERIFY(server.isDelayingReply(1));
    QCOMPARE(client.takePending(), QByteArray()); // nothing was written: the greeting is held
    clock.advance(1ms);
    QCOMPARE(client.reply(), QByteArray("220 scripted.test ESMTP\r\n"));
    QVERIFY(!server.isDelayingReply(1));
    QVERIFY(client.command("EHLO client.test").startsWith("250-"));

    client.send("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\n");
    QTRY_VERIFY(server.isDelayingReply(1));
    clock.advance(9999ms);
    QVERIFY(server.isDelayingReply(1));
    QCOMPARE(client.takePending(), QByteArray());
    clock.advance(1ms);
    QCOMPARE(client.replies(2), (QList<QByteArray>{"250 2.1.0 Ok\r\n", "250 2.1.5 Ok\r\n"}));
    QCOMPARE(asked, (QList<QByteArray>{"1 GREETING", "1 EHLO", "1 MAIL", "1 RCPT"})); // once each
    QCOMPARE(server.protocolViolations(), QStringList());
    QCOMPARE(client.command("QUIT"), QByteArray("221 2.0.0 Bye\r\n"));
    QTRY_COMPARE(server.openConnectionCount(), 0);
    QVERIFY(!server.replyHeldAtClientClose(1)); // it left with QUIT, nothing held
}

// The client gave up on a slow final-dot reply and closed: the late reply has no socket to go to,
// and the server keeps the message it had whole, as an MTA that queued it does.
void TestScriptedSmtpServer::slowFinalDotReplyAfterTheClientLeftKeepsTheMessage()
{
    Bulkmail::ManualClock clock;
    ScriptedSmtpServer server;
    server.setClock(&clock);
    server.setReplyDelay([](int, const QByteArray &verb) {
        return verb == "." ? std::chrono::milliseconds(30s) : std::chrono::milliseconds(0);
    });
    RawClient client;
    QVERIFY(client.connectTo(server));
    greetAndHello(client);
    QVERIFY(sendEnvelope(client));
    client.send("x\r\n.\r\n");
    QTRY_VERIFY(server.isDelayingReply(1));
    clock.advance(12s);
    client.socket().abort();
    QTRY_COMPARE(server.openConnectionCount(), 0);
    const auto held = server.replyHeldAtClientClose(1);
    QVERIFY(held);
    QCOMPARE(held->verb, QByteArray("."));
    QCOMPARE(held->waited, std::chrono::milliseconds(12s)); // the client's patience, for a judge
    QVERIFY(server.receivedMessages().isEmpty());           // not before the server got to the dot
    clock.advance(18s);
    QCOMPARE(server.receivedMessages().size(), 1);
    QVERIFY(server.receivedMessages().constFirst().replyLost);
    QCOMPARE(server.receivedMessages().constFirst().data, QByteArray("x\r\n"));
    QCOMPARE(server.connectionsClosedWithoutQuit(), QList<int>{1});
}

void TestScriptedSmtpServer::garbageAndOverlongReplies()
{
    ScriptedSmtpServer server;
    server.sendGarbageOn("NOOP", 1);
    server.sendOverlongReplyOn("RSET", 1000);
    RawClient client;
    QVERIFY(client.connectTo(server));
    greetAndHello(client);
    QCOMPARE(client.command("NOOP").left(24), QByteArray("HTTP/1.1 400 Bad Request"));
    client.takePending();                                             // the rest of the garbage
    QCOMPARE(client.command("NOOP"), QByteArray("250 2.0.0 Ok\r\n")); // only occurrence 1
    const QByteArray overlong = client.command("RSET");
    QCOMPARE(overlong.size(), 1000);
    QVERIFY(overlong.startsWith("250 xxx"));
    QVERIFY(overlong.endsWith("x\r\n"));
}

void TestScriptedSmtpServer::refusedGreetingAnswers503UntilQuit()
{
    ScriptedSmtpServer server;
    server.setGreeting("554 5.3.2 No service");
    RawClient client;
    QVERIFY(client.connectTo(server));
    QCOMPARE(client.reply(), QByteArray("554 5.3.2 No service\r\n"));
    QVERIFY(client.command("EHLO c").startsWith("503 "));
    QCOMPARE(client.command("QUIT"), QByteArray("221 2.0.0 Bye\r\n"));
    QVERIFY(client.waitForDisconnected());
}

void TestScriptedSmtpServer::delayedGreetingFlagsEarlyTalkers()
{
    ScriptedSmtpServer server;
    server.delayGreeting(150ms);
    RawClient client;
    QVERIFY(client.connectTo(server));
    client.send("EHLO early\r\n");
    QCOMPARE(client.reply(50), QByteArray()); // neither greeting nor EHLO reply yet
    const QList<QByteArray> replies = client.replies(2);
    QCOMPARE(replies.size(), 2);
    QCOMPARE(replies.at(0), QByteArray("220 scripted.test ESMTP\r\n"));
    QVERIFY(replies.at(1).startsWith("250-scripted.test greets early"));
    QCOMPARE(server.protocolViolations(),
             QStringList{QStringLiteral("connection 1: data sent before the greeting")});
}

void TestScriptedSmtpServer::disconnectAfterGreeting()
{
    ScriptedSmtpServer server;
    server.setDisconnectAfterGreeting(true);
    QSignalSpy closed(&server, &ScriptedSmtpServer::connectionClosed);
    RawClient client;
    QVERIFY(client.connectTo(server));
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(client.takePending(), QByteArray("220 scripted.test ESMTP\r\n"));
    QTRY_COMPARE(closed.count(), 1);
    QCOMPARE(server.openConnectionCount(), 0);
}

// A responder sees every step with its context and overrides the default answer; Default leaves
// the server as it was.
void TestScriptedSmtpServer::responderDecidesEachStep()
{
    using Action = ScriptedSmtpServer::Action;
    using Step = ScriptedSmtpServer::Step;
    ScriptedSmtpServer server;
    QList<ScriptedSmtpServer::StepContext> seen;
    server.setResponder([&seen](const ScriptedSmtpServer::StepContext &context) -> Action {
        seen.append(context);
        switch (context.step) {
        case Step::Mail:
            return context.mailNumber == 1
                       ? Action::reply("451 4.7.1 Service unavailable - try again later")
                       : Action{};
        case Step::Rcpt:
            return context.address == "grey@d" ? Action::reply("450 4.2.0 Greylisted") : Action{};
        case Step::FinalDot:
            return Action::reply("251 2.1.5 Ok: forwarded", Action::After::Drop);
        default:
            return {};
        }
    });
    RawClient client;
    QVERIFY(client.connectTo(server));
    greetAndHello(client);
    QCOMPARE(client.command("MAIL FROM:<a@b>"),
             QByteArray("451 4.7.1 Service unavailable - try again later\r\n"));
    QCOMPARE(client.command("MAIL FROM:<a@b>"), QByteArray("250 2.1.0 Ok\r\n"));
    QCOMPARE(client.command("RCPT TO:<grey@d>"), QByteArray("450 4.2.0 Greylisted\r\n"));
    QCOMPARE(client.command("RCPT TO:<c@d>"), QByteArray("250 2.1.5 Ok\r\n"));
    QVERIFY(client.command("DATA").startsWith("354"));
    client.send("x\r\n.\r\n");
    QCOMPARE(client.reply(), QByteArray("251 2.1.5 Ok: forwarded\r\n"));
    QVERIFY(client.waitForDisconnected()); // then the server aborted
    const QList<ScriptedMessage> messages = server.receivedMessages();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.constFirst().recipients, QList<QByteArray>{"c@d"});
    QVERIFY(!messages.constFirst().replyLost);

    QList<Step> steps;
    for (const auto &context : std::as_const(seen))
        steps.append(context.step);
    QCOMPARE(steps,
             (QList<Step>{Step::Greeting,
                          Step::Mail,
                          Step::Mail,
                          Step::Rcpt,
                          Step::Rcpt,
                          Step::Data,
                          Step::Content,
                          Step::FinalDot}));
    QCOMPARE(seen.at(2).mailNumber, 2);
    QCOMPARE(seen.at(3).address, QByteArray("grey@d"));
    QCOMPARE(seen.constLast().messageNumber, 1);
    QCOMPARE(seen.constLast().recipients, QList<QByteArray>{"c@d"});
    QCOMPARE(server.connectionsClosedWithoutQuit(), QList<int>());
}

// RFC 5321 §6.1: the server took the message but its reply never left.
void TestScriptedSmtpServer::responderKeepsAMessageWhoseReplyIsLost()
{
    using Action = ScriptedSmtpServer::Action;
    ScriptedSmtpServer server;
    server.setResponder([](const ScriptedSmtpServer::StepContext &context) {
        return context.step == ScriptedSmtpServer::Step::FinalDot ? Action::drop(true) : Action{};
    });
    RawClient client;
    QVERIFY(client.connectTo(server));
    greetAndHello(client);
    QVERIFY(sendEnvelope(client));
    client.send("x\r\n.\r\n");
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(client.takePending(), QByteArray());
    QCOMPARE(server.receivedMessages().size(), 1);
    QVERIFY(server.receivedMessages().constFirst().replyLost);
    QVERIFY(!server.wasStalled(1));
}

void TestScriptedSmtpServer::responderStallMarksTheConnection()
{
    using Action = ScriptedSmtpServer::Action;
    ScriptedSmtpServer server;
    server.setResponder([](const ScriptedSmtpServer::StepContext &context) {
        return context.step == ScriptedSmtpServer::Step::Rcpt ? Action::stall() : Action{};
    });
    RawClient client;
    QVERIFY(client.connectTo(server));
    greetAndHello(client);
    QCOMPARE(client.command("MAIL FROM:<a@b>"), QByteArray("250 2.1.0 Ok\r\n"));
    client.send("RCPT TO:<c@d>\r\n");
    QCOMPARE(client.reply(300), QByteArray()); // no reply at all
    QVERIFY(server.wasStalled(1));
    // The client gives up on the dead session without QUIT: recorded, and explained.
    client.socket().abort();
    QTRY_COMPARE(server.openConnectionCount(), 0);
    QCOMPARE(server.connectionsClosedWithoutQuit(), QList<int>{1});
    QVERIFY(!server.wasClosedInData(1));
}

void TestScriptedSmtpServer::clientCloseInDataIsRecorded()
{
    ScriptedSmtpServer server;
    RawClient client;
    QVERIFY(client.connectTo(server));
    greetAndHello(client);
    QVERIFY(sendEnvelope(client));
    client.send("half a message\r\n");
    client.socket().abort();
    QTRY_COMPARE(server.openConnectionCount(), 0);
    QCOMPARE(server.connectionsClosedWithoutQuit(), QList<int>{1});
    QVERIFY(server.wasClosedInData(1));
    QVERIFY(!server.wasStalled(1));
    QVERIFY(server.receivedMessages().isEmpty());
}

void TestScriptedSmtpServer::refusingConnectionsAndListeningAgain()
{
    ScriptedSmtpServer server;
    const quint16 port = server.serverPort();
    RawClient before;
    QVERIFY(before.connectTo(server));
    QVERIFY(before.reply().startsWith("220"));

    server.setRefusingConnections(true);
    QSslSocket refused;
    QSignalSpy errors(&refused, &QAbstractSocket::errorOccurred);
    refused.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    QVERIFY(errors.wait(5000));
    QCOMPARE(errors.constFirst().constFirst().value<QAbstractSocket::SocketError>(),
             QAbstractSocket::ConnectionRefusedError);
    // An open session is not touched by the refusal; abortAllConnections() is the crash.
    QCOMPARE(before.socket().state(), QAbstractSocket::ConnectedState);
    server.abortAllConnections();
    QVERIFY(before.waitForDisconnected());

    server.setRefusingConnections(false);
    QCOMPARE(server.serverPort(), port);
    RawClient after;
    QVERIFY(after.connectTo(server));
    QVERIFY(after.reply().startsWith("220"));
    QCOMPARE(server.connectionCount(), 2);
}

QTEST_GUILESS_MAIN(TestScriptedSmtpServer)
#include "tst_scriptedsmtpserver.moc"
