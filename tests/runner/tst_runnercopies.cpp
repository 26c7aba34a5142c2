// Cc and Bcc per recipient through the real runner: a real server (aiosmtpd) sees every RCPT and
// the header; the scripted server refuses copies, and the main recipient's message goes on.

#include "journal/sendjournal.h"
#include "pythonmessageparser.h"
#include "realservers.h"
#include "runnertesthelpers.h"
#include "scriptedsmtpserver.h"

#include <QStandardPaths>
#include <QTemporaryDir>

using namespace Bulkmail;
using namespace Bulkmail::Test;

namespace {

// user<i>@example.org with a manager field: manager<i>@example.org; every message also goes to
// the archive as a Bcc.
CampaignPlan planWithCopies(int recipients, const QString &host, quint16 port)
{
    CampaignPlan plan = makePlan(recipients, host, port);
    plan.campaign.recipientFields = {QStringLiteral("manager")};
    for (int i = 0; i < recipients; ++i)
        plan.campaign.recipients[i].fields = {QStringLiteral("manager%1@example.org").arg(i)};
    plan.campaign.message.cc = QStringLiteral("{{manager}}");
    plan.campaign.message.bcc = QStringLiteral("archive@example.org");
    return plan;
}

} // namespace

class TestRunnerCopies final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void ccAndBccReachTheServer();
    void unknownCopyFieldStopsBeforeSending();
    void refusedCopyFailsNothing_data();
    void refusedCopyFailsNothing();
    void refusedRecipientSendsNothingToItsCopies_data();
    void refusedRecipientSendsNothingToItsCopies();
};

void TestRunnerCopies::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setTestLogLevel();
}

void TestRunnerCopies::ccAndBccReachTheServer()
{
    AiosmtpdServer server;
    QVERIFY(server.start());
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(planWithCopies(3, server.host(), server.port()));
    QVERIFY(recorder.waitForFinished());
    QCOMPARE(recorder.summary().sent, 3);
    QTRY_COMPARE(server.receivedMessages().size(), 3);
    for (const ReceivedMessage &message : server.receivedMessages()) {
        const QByteArray main = message.recipients.value(0);
        const QByteArray index = main.mid(4, 1);
        QCOMPARE(message.recipients,
                 (QList<QByteArray>{main,
                                    "manager" + index + "@example.org",
                                    "archive@example.org"}));
        const ParsedMessage parsed = parseWithPython(message.data);
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.addresses.value(QStringLiteral("cc")).value(0).second,
                 QString::fromLatin1("manager" + index + "@example.org"));
        QCOMPARE(parsed.count(u"Bcc"), 0);
        QVERIFY(!message.data.contains("archive@example.org"));
    }
    for (const RecipientResult &result : recorder.results())
        QVERIFY(result.copyProblems.isEmpty());
}

void TestRunnerCopies::unknownCopyFieldStopsBeforeSending()
{
    ScriptedSmtpServer server;
    CampaignPlan plan = planWithCopies(2, QStringLiteral("127.0.0.1"), server.serverPort());
    plan.campaign.message.bcc = QStringLiteral("{{ boss }}");
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(plan);
    QVERIFY(recorder.waitForFinished());
    // The CLI's English as before; the same as a code for the window.
    QCOMPARE(recorder.summary().fatalError, QStringLiteral("message.bcc: unknown field \"boss\""));
    QCOMPARE(recorder.summary().stopReason.code, EngineReason::Code::UnknownCopyField);
    QCOMPARE(recorder.summary().stopReason.arguments,
             (QStringList{QStringLiteral("bcc"), QStringLiteral("boss")}));
    QCOMPARE(recorder.summary().sent, 0);
    QCOMPARE(server.connectionCount(), 0);
}

void TestRunnerCopies::refusedCopyFailsNothing_data()
{
    QTest::addColumn<bool>("pipelining");
    QTest::newRow("pipelined") << true;
    QTest::newRow("one command at a time") << false;
}

void TestRunnerCopies::refusedCopyFailsNothing()
{
    QFETCH(bool, pipelining);
    QTemporaryDir dir;
    ScriptedSmtpServer server;
    if (!pipelining)
        server.setCapabilities({"8BITMIME", "SIZE 10485760", "ENHANCEDSTATUSCODES"});
    server.setRecipientReply("manager1@example.org",
                             "550 5.1.1 <manager1@example.org>: no such user");
    server.setRecipientReply("archive@example.org", "452 4.2.2 mailbox full", 1);
    CampaignPlan plan = planWithCopies(3, QStringLiteral("127.0.0.1"), server.serverPort());
    plan.campaign.filePath = dir.filePath(QStringLiteral("copies.bulkmail"));
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(plan);
    QVERIFY(recorder.waitForFinished());
    QCOMPARE(recorder.summary().fatalError, QString());
    QCOMPARE(recorder.summary().sent, 3);
    QVERIFY(server.protocolViolations().isEmpty());

    // Reported with the outcome of the recipient it belongs to...
    const RecipientResult first = recorder.lastResult(0).value();
    QCOMPARE(first.status, RecipientResult::Status::Sent);
    QCOMPARE(first.copyProblems,
             QStringList{QStringLiteral("archive@example.org: 452 4.2.2 mailbox full")});
    const RecipientResult second = recorder.lastResult(1).value();
    QCOMPARE(second.status, RecipientResult::Status::Sent);
    QCOMPARE(second.copyProblems.size(), 1);
    QVERIFY(second.copyProblems[0].startsWith(QLatin1String("manager1@example.org: 550 5.1.1")));
    QVERIFY(recorder.lastResult(2)->copyProblems.isEmpty());
    // ... received by the others ...
    const QList<ScriptedMessage> received = server.receivedMessages();
    QCOMPARE(received.size(), 3);
    QCOMPARE(received[1].recipients,
             (QList<QByteArray>{"user1@example.org", "archive@example.org"}));
    // ... and on the journal's sent line.
    const auto entries = readJournalEntries(SendJournal::pathFor(plan.campaign.filePath));
    QVERIFY_RESULT(entries);
    const auto sent = std::find_if(entries->cbegin(), entries->cend(), [](const JournalEntry &e) {
        return e.kind == JournalEntry::Kind::Sent && e.recipientIndex == 1;
    });
    QVERIFY(sent != entries->cend());
    QCOMPARE(sent->copiesRejected, second.copyProblems);
}

void TestRunnerCopies::refusedRecipientSendsNothingToItsCopies_data()
{
    refusedCopyFailsNothing_data();
}

void TestRunnerCopies::refusedRecipientSendsNothingToItsCopies()
{
    QFETCH(bool, pipelining);
    ScriptedSmtpServer server;
    if (!pipelining)
        server.setCapabilities({"8BITMIME", "SIZE 10485760", "ENHANCEDSTATUSCODES"});
    server.setRecipientReply("user1@example.org", "550 5.1.1 <user1@example.org>: no such user");
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(planWithCopies(3, QStringLiteral("127.0.0.1"), server.serverPort()));
    QVERIFY(recorder.waitForFinished());
    QCOMPARE(recorder.summary().sent, 2);
    QCOMPARE(recorder.summary().failed, 1);
    QCOMPARE(recorder.lastResult(1)->status, RecipientResult::Status::Failed);
    // Neither the manager nor the archive got a message meant for someone who did not.
    for (const ScriptedMessage &message : server.receivedMessages()) {
        QVERIFY(!message.recipients.contains("user1@example.org"));
        QVERIFY(!message.recipients.contains("manager1@example.org"));
    }
    QCOMPARE(server.receivedMessages().size(), 2);
    if (!pipelining) {
        // One command at a time: the copies' RCPTs are never even sent.
        for (int connection = 1; connection <= server.connectionCount(); ++connection) {
            for (const QByteArray &command : server.commandsOn(connection))
                QVERIFY(!command.contains("manager1@example.org"));
        }
    }
}

QTEST_GUILESS_MAIN(TestRunnerCopies)
#include "tst_runnercopies.moc"
