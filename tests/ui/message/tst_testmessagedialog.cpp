#include "message/testmessagedialog.h"
#include "oauth/staticaccesstokensource.h"

#include "pythonmessageparser.h"
#include "realservers.h"
#include "scriptedsmtpserver.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

#include <spdlog/spdlog.h>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;

class TestTestMessageDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void testCampaignHasOneRecipient();
    void sendsOneMergedMessage();
    void wrongPortFailsInPlainWords();
    void invalidAddressIsRefused();
    void wrongPasswordFailsInPlainWords();
    void oauthAccountSendsWithItsToken();
    void closingWhileSendingIsSafe();

private:
    static Campaign sampleCampaign(const QString &host, quint16 port);
};

void TestTestMessageDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    spdlog::set_level(spdlog::level::warn);
}

Campaign TestTestMessageDialog::sampleCampaign(const QString &host, quint16 port)
{
    Campaign campaign;
    campaign.name = QStringLiteral("Spring");
    campaign.server.host = host;
    campaign.server.port = port;
    campaign.server.security = SecurityMode::None;
    campaign.sending.timeouts.connect = 5s;
    campaign.sending.maxAttempts = 5;
    campaign.message.from = QStringLiteral("Office <office@example.org>");
    campaign.message.subject = QStringLiteral("Hello {{name}}");
    campaign.message.text = QStringLiteral("Dear {{name}},\nsee you in {{city}}.\n");
    campaign.recipientFields = {QStringLiteral("city")};
    campaign.recipients = {Recipient{QStringLiteral("ann@example.org"),
                                     QStringLiteral("Ann"),
                                     {QStringLiteral("Paris")}},
                           Recipient{QStringLiteral("bob@example.org"),
                                     QStringLiteral("Bob"),
                                     {QStringLiteral("Rome")}}};
    campaign.filePath = QStringLiteral("/nonexistent/spring.bulkmail");
    return campaign;
}

void TestTestMessageDialog::testCampaignHasOneRecipient()
{
    const Campaign campaign = sampleCampaign(QStringLiteral("smtp.example.org"), 587);
    const Campaign test = TestMessageDialog::makeTestCampaign(campaign,
                                                              1,
                                                              QStringLiteral("me@example.net"));
    QCOMPARE(test.recipients.size(), 1);
    QCOMPARE(test.recipients.constFirst().email, QStringLiteral("me@example.net"));
    QCOMPARE(test.recipients.constFirst().name, QStringLiteral("Bob"));
    QCOMPARE(test.recipients.constFirst().fields, QStringList{QStringLiteral("Rome")});
    QCOMPARE(test.message.subject, QStringLiteral("[Test] Hello {{name}}"));
    QCOMPARE(test.message.text, campaign.message.text);
    QCOMPARE(test.sending.maxAttempts, 1);
    QCOMPARE(test.filePath, QString()); // never a journal beside the real campaign's file
    // No recipients: an empty one with the typed address.
    Campaign empty = campaign;
    empty.recipients.clear();
    const Campaign emptyTest = TestMessageDialog::makeTestCampaign(empty,
                                                                   0,
                                                                   QStringLiteral(
                                                                       "me@example.net"));
    const QList<Recipient> expected{Recipient{QStringLiteral("me@example.net"), QString()}};
    QCOMPARE(emptyTest.recipients, expected);
}

void TestTestMessageDialog::sendsOneMergedMessage()
{
    AiosmtpdServer server;
    QVERIFY(server.start());
    TestMessageDialog dialog(sampleCampaign(server.host(), server.port()), QString());
    QCOMPARE(dialog.mergeRecipient(), 0);
    dialog.setMergeRecipient(1); // the one being previewed
    dialog.setAddress(QStringLiteral("me@example.net"));
    auto *sendButton = dialog.findChild<QPushButton *>(QStringLiteral("send"));
    auto *status = dialog.findChild<QLabel *>(QStringLiteral("status"));
    QVERIFY(sendButton && status);
    QVERIFY(sendButton->isEnabled());
    QSignalSpy finished(&dialog, &TestMessageDialog::finished);

    sendButton->click();
    // Nothing blocks: the engine works on its own thread.
    QVERIFY(dialog.isSending());
    QCOMPARE(finished.count(), 0);
    QCOMPARE(status->text(),
             QStringLiteral("Connecting to %1:%2…").arg(server.host()).arg(server.port()));
    QVERIFY(!sendButton->isEnabled());

    QVERIFY(finished.wait(30'000));
    const bool ok = finished.constFirst().at(0).toBool();
    const QString details = finished.constFirst().at(1).toString();
    QVERIFY2(ok, qPrintable(details));
    QVERIFY2(details.startsWith(
                 QLatin1String("The server accepted the test message for me@example.net. Its "
                               "answer: 250")),
             qPrintable(details));
    QCOMPARE(status->text(), details);
    QVERIFY(!dialog.isSending());
    QVERIFY(sendButton->isEnabled());

    QTRY_COMPARE(server.receivedMessages().size(), 1);
    const ReceivedMessage received = server.receivedMessages().constFirst();
    QCOMPARE(received.recipients, QList<QByteArray>{"me@example.net"});
    QCOMPARE(received.mailFrom, QByteArray("office@example.org"));
    const ParsedMessage parsed = parseWithPython(received.data);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.header(u"Subject"), QStringLiteral("[Test] Hello Bob"));
    QCOMPARE(parsed.toAddresses(), QStringList{QStringLiteral("me@example.net")});
    QCOMPARE(parsed.textPart().replace(QLatin1String("\r\n"), QLatin1String("\n")),
             QStringLiteral("Dear Bob,\nsee you in Rome.\n"));
    QVERIFY(!received.data.contains("bob@example.org"));
    // Still exactly one a moment later: nothing was retried or sent to the list.
    QTRY_COMPARE(server.disconnectionCount(), 1);
    QCOMPARE(server.receivedMessages().size(), 1);
}

void TestTestMessageDialog::wrongPortFailsInPlainWords()
{
    quint16 port = 0;
    {
        QTcpServer probe; // a port nobody listens on: bind one, note it, close it
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    TestMessageDialog dialog(sampleCampaign(QStringLiteral("127.0.0.1"), port), QString());
    dialog.setAddress(QStringLiteral("me@example.net"));
    QSignalSpy finished(&dialog, &TestMessageDialog::finished);
    dialog.send();
    QVERIFY(finished.wait(20'000));
    QCOMPARE(finished.constFirst().at(0).toBool(), false);
    const QString details = finished.constFirst().at(1).toString();
    QVERIFY2(details.startsWith(QStringLiteral("The test message was not sent: Could not connect "
                                               "to 127.0.0.1:%1")
                                    .arg(port)),
             qPrintable(details));
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("status"))->text(), details);
    QVERIFY(!dialog.isSending());
}

void TestTestMessageDialog::invalidAddressIsRefused()
{
    TestMessageDialog dialog(sampleCampaign(QStringLiteral("127.0.0.1"), 25), QString());
    auto *sendButton = dialog.findChild<QPushButton *>(QStringLiteral("send"));
    QVERIFY(!sendButton->isEnabled()); // nothing typed yet
    dialog.setAddress(QStringLiteral("me at example"));
    QVERIFY(!sendButton->isEnabled());
    QSignalSpy finished(&dialog, &TestMessageDialog::finished);
    dialog.send();
    QCOMPARE(finished.count(), 1); // at once, nothing started
    QCOMPARE(finished.constFirst().at(0).toBool(), false);
    QCOMPARE(finished.constFirst().at(1).toString(),
             QStringLiteral("Enter the address the test message should go to, e.g. "
                            "you@example.org."));
    QVERIFY(!dialog.isSending());
    dialog.setAddress(QStringLiteral("Me <me@example.net>"));
    QVERIFY(sendButton->isEnabled());
}

void TestTestMessageDialog::wrongPasswordFailsInPlainWords()
{
    AiosmtpdOptions options;
    options.username = QStringLiteral("sender");
    options.password = QStringLiteral("secret");
    AiosmtpdServer server(options);
    QVERIFY(server.start());
    Campaign campaign = sampleCampaign(server.host(), server.port());
    campaign.server.username = QStringLiteral("sender");
    TestMessageDialog dialog(campaign, QStringLiteral("wrong-password"));
    dialog.setAddress(QStringLiteral("me@example.net"));
    QSignalSpy finished(&dialog, &TestMessageDialog::finished);
    dialog.send();
    QVERIFY(finished.wait(20'000));
    QCOMPARE(finished.constFirst().at(0).toBool(), false);
    const QString details = finished.constFirst().at(1).toString();
    QVERIFY2(details.startsWith(QLatin1String("The test message was not sent: ")),
             qPrintable(details));
    QVERIFY2(details.contains(QLatin1String("535")), qPrintable(details)); // the server's code
    QVERIFY(!details.contains(QLatin1String("wrong-password")));
    QCOMPARE(server.authAttempts(), 1);
    QCOMPARE(server.receivedMessages().size(), 0);
}

void TestTestMessageDialog::oauthAccountSendsWithItsToken()
{
    // An account that signs in with OAuth2: the dialog lends its token source to the engine,
    // which signs in with XOAUTH2; aiosmtpd accepts only the token listed in its file.
    QTemporaryDir directory;
    const QString tokensFile = directory.filePath(QStringLiteral("tokens.jsonl"));
    QFile file(tokensFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("{\"token\": \"tok-test-1\", \"user\": \"sender@example.org\", "
                              "\"expires\": %1}\n")
                   .arg(QDateTime::currentSecsSinceEpoch() + 3600)
                   .toUtf8());
    file.close();
    AiosmtpdOptions options;
    options.oauthTokensFile = tokensFile;
    AiosmtpdServer server(options);
    QVERIFY(server.start());
    Campaign campaign = sampleCampaign(server.host(), server.port());
    campaign.server.username = QStringLiteral("sender@example.org");
    campaign.auth = AuthMethod::OAuth2;

    TestMessageDialog dialog(campaign, QString());
    dialog.setTokenSource(std::make_shared<StaticAccessTokenSource>(QStringLiteral("tok-test-1"),
                                                                    campaign.server.username,
                                                                    QStringLiteral("the test")));
    dialog.setAddress(QStringLiteral("me@example.net"));
    QSignalSpy finished(&dialog, &TestMessageDialog::finished);
    dialog.send();
    QVERIFY(finished.wait(20'000));
    QVERIFY2(finished.constFirst().at(0).toBool(),
             qPrintable(finished.constFirst().at(1).toString()));
    QCOMPARE(server.successfulLogins(), 1);
    QCOMPARE(server.receivedMessages().size(), 1);
    QCOMPARE(server.receivedMessages().constFirst().recipients,
             QList<QByteArray>{QByteArrayLiteral("me@example.net")});
}

void TestTestMessageDialog::closingWhileSendingIsSafe()
{
    // The server answers the connection late: the dialog is closed while the client waits for the
    // greeting, before anything of the message has left. Were the close not to cancel, the
    // greeting would lead on to MAIL, DATA and a delivered message.
    ScriptedSmtpServer server;
    server.delayGreeting(2s);
    auto dialog = std::make_unique<TestMessageDialog>(sampleCampaign(QStringLiteral("127.0.0.1"),
                                                                     server.serverPort()),
                                                      QString());
    dialog->setAddress(QStringLiteral("me@example.net"));
    QSignalSpy finished(dialog.get(), &TestMessageDialog::finished);
    dialog->send();
    QVERIFY(dialog->isSending());
    QVERIFY(server.waitForConnectionCount(1, 20'000));
    dialog->reject(); // Close while sending: cancelled
    QVERIFY(!dialog->isVisible());
    // The outcome still arrives, and it is not a sent message.
    QVERIFY(finished.wait(20'000));
    QCOMPARE(finished.constFirst().at(0).toBool(), false);
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnectionCount(), 0, 20'000);
    const QList<QByteArray> commands = server.commandsOn(1);
    QVERIFY2(std::none_of(commands.cbegin(),
                          commands.cend(),
                          [](const QByteArray &command) {
                              return command.startsWith("MAIL") || command.startsWith("DATA");
                          }),
             commands.join(' ').constData());
    QVERIFY(server.receivedMessages().isEmpty());
    dialog.reset(); // ends the engine thread and the runner with it, without hanging
}

QTEST_MAIN(TestTestMessageDialog)
#include "tst_testmessagedialog.moc"
