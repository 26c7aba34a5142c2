// End-to-end tests of bulkmail-cli: the real binary against real servers (aiosmtpd) and, for the
// faults a real server will not produce, the scripted server. What is checked is what a script
// sees: exit status, stderr, the --events lines, and what the server received.

#include "document/recipientcsv.h"
#include "pythonmessageparser.h"
#include "realservers.h"
#include "scriptedsmtpserver.h"
#include "testcertificates.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;

namespace {

struct CliRun
{
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;
    QList<QJsonObject> events;

    [[nodiscard]] QList<QJsonObject> eventsOfType(QStringView type) const
    {
        QList<QJsonObject> matching;
        for (const QJsonObject &event : events) {
            if (event.value(u"type").toString() == type)
                matching.append(event);
        }
        return matching;
    }
    [[nodiscard]] QJsonObject summary() const
    {
        const QList<QJsonObject> summaries = eventsOfType(u"summary");
        return summaries.isEmpty() ? QJsonObject() : summaries.last();
    }
    [[nodiscard]] int connectionEvents(QStringView kind) const
    {
        int count = 0;
        for (const QJsonObject &event : eventsOfType(u"connection"))
            count += event.value(u"event").toString() == kind ? 1 : 0;
        return count;
    }
};

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void helpAndVersion();
    void sendsTheCampaignReusingConnections();
    void startTlsWithAuthAndANamedCertificate();
    void wrongPasswordIsFatalAfterOneLogin();
    void missingPasswordIsRefusedBeforeConnecting();
    void passwordFromANamedVariable();
    void invalidCampaignNamesTheField();
    void permanentFailuresGiveExitStatusTwo();
    void eventsToStandardOutput();
    void unknownCommand();
    void killedCampaignResumesWithoutDuplicates_data();
    void killedCampaignResumesWithoutDuplicates();
    void restartNeedsConfirmation();
    void secondRunOfTheSameCampaignIsRefused();
    void richMessagesArriveIntact();
    void exportShowsEachRecipientsStatus();
    void failedRecipientsAreRetriedOnlyWhenAsked();
    void duplicatesAreSentOnceUnlessAsked_data();
    void duplicatesAreSentOnceUnlessAsked();
    void personalAttachmentsCheckSendAndExport();

private:
    QString writeCampaign(const QString &name,
                          QJsonObject server,
                          QJsonObject sending,
                          int recipients);
    CliRun run(const QStringList &arguments, const QProcessEnvironment &extra = {});
    // Exit code, and standard output and error in one text, for the checks that search either.
    struct MergedRun
    {
        int exitCode = -1;
        QString output;
    };
    MergedRun runMerged(const QStringList &arguments)
    {
        const CliRun result = run(arguments);
        return {result.exitCode, QString::fromUtf8(result.standardOutput + result.standardError)};
    }
    // "send CAMPAIGN" in the background, for a test that kills it.
    void startSend(QProcess &process, const QString &campaign);

    QTemporaryDir m_dir;
    QString m_logDir;
};

void TestCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFileInfo::exists(QStringLiteral(BULKMAIL_CLI_PATH)));
    m_logDir = m_dir.filePath(QStringLiteral("xdg-data"));
}

QString TestCli::writeCampaign(const QString &name,
                               QJsonObject server,
                               QJsonObject sending,
                               int recipients)
{
    QJsonArray list;
    for (int i = 1; i <= recipients; ++i) {
        list.append(
            QJsonObject{{QStringLiteral("email"), QStringLiteral("user%1@example.org").arg(i)},
                        {QStringLiteral("name"), QStringLiteral("User %1").arg(i)}});
    }
    if (!sending.contains(u"ratePerSecond"))
        sending.insert(QStringLiteral("ratePerSecond"), 0);
    const QJsonObject campaign{
        {QStringLiteral("format"), QStringLiteral("bulkmail-campaign")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("name"), name},
        {QStringLiteral("server"), server},
        {QStringLiteral("sending"), sending},
        {QStringLiteral("message"),
         QJsonObject{{QStringLiteral("from"), QStringLiteral("Newsletter <news@example.com>")},
                     {QStringLiteral("subject"), QStringLiteral("Hello {{name}}")},
                     {QStringLiteral("text"),
                      QStringLiteral("Dear {{name}},\n.a line with a dot\nBye\n")}}},
        {QStringLiteral("recipients"), list}};
    const QString path = m_dir.filePath(name + QStringLiteral(".bulkmail"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(QJsonDocument(campaign).toJson());
    return path;
}

void TestCli::startSend(QProcess &process, const QString &campaign)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_logDir);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(BULKMAIL_CLI_PATH), {QStringLiteral("send"), campaign});
}

CliRun TestCli::run(const QStringList &arguments, const QProcessEnvironment &extra)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("BULKMAIL_PASSWORD"));
    // Logs go to a folder of the test's own, so that it can be searched for secrets.
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_logDir);
    environment.insert(QStringLiteral("HOME"), m_dir.path());
    for (const QString &key : extra.keys())
        environment.insert(key, extra.value(key));
    process.setProcessEnvironment(environment);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(BULKMAIL_CLI_PATH), arguments);
    // Never block: the scripted server lives in this thread's event loop.
    if (!finished.wait(60000)) {
        process.kill();
        process.waitForFinished();
    }
    CliRun result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.standardOutput = process.readAllStandardOutput();
    result.standardError = process.readAllStandardError();
    const qsizetype eventsIndex = arguments.indexOf(QStringLiteral("--events"));
    if (eventsIndex >= 0 && eventsIndex + 1 < arguments.size()) {
        QByteArray lines;
        if (arguments.at(eventsIndex + 1) == u"-") {
            lines = result.standardOutput;
        } else {
            QFile events(arguments.at(eventsIndex + 1));
            if (events.open(QIODevice::ReadOnly))
                lines = events.readAll();
        }
        for (const QByteArray &line : lines.split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(line, &error);
            if (error.error != QJsonParseError::NoError || !document.isObject()) {
                qWarning("not a JSON object line: %s", line.constData());
                result.events.append(
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("INVALID")}});
                continue;
            }
            result.events.append(document.object());
        }
    }
    if (result.exitCode != 0)
        qInfo("bulkmail-cli stderr:\n%s", result.standardError.constData());
    return result;
}

void TestCli::helpAndVersion()
{
    const CliRun help = run({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.standardOutput.contains("send FILE"));
    QVERIFY(help.standardOutput.contains("--password-env"));
    const CliRun version = run({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.standardOutput.startsWith("bulkmail-cli "));
}

void TestCli::sendsTheCampaignReusingConnections()
{
    AiosmtpdServer server;
    QVERIFY(server.start());
    const QString campaign = writeCampaign(QStringLiteral("plain"),
                                           {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                            {QStringLiteral("port"), server.port()},
                                            {QStringLiteral("security"), QStringLiteral("none")}},
                                           {{QStringLiteral("maxMessagesPerConnection"), 10}},
                                           25);
    const QString eventsPath = m_dir.filePath(QStringLiteral("plain.events"));
    const CliRun result = run(
        {QStringLiteral("send"), campaign, QStringLiteral("--events"), eventsPath});

    QCOMPARE(result.exitCode, 0);
    // 25 messages at 10 per connection: 3 connections, each closed by its limit or the end.
    QCOMPARE(result.connectionEvents(u"created"), 3);
    QCOMPARE(result.connectionEvents(u"reused"), 22);
    QCOMPARE(result.connectionEvents(u"closed"), 3);
    QStringList reasons;
    for (const QJsonObject &event : result.eventsOfType(u"connection")) {
        if (event.value(u"event").toString() == u"closed") {
            reasons.append(event.value(u"reason").toString());
            QCOMPARE(event.value(u"quitAnswered").toBool(), true);
        }
    }
    QCOMPARE(reasons,
             (QStringList{QStringLiteral("max-messages"),
                          QStringLiteral("max-messages"),
                          QStringLiteral("finished")}));

    const QList<QJsonObject> messages = result.eventsOfType(u"message");
    QCOMPARE(messages.size(), 25);
    QSet<QString> recipients;
    for (const QJsonObject &message : messages) {
        QCOMPARE(message.value(u"status").toString(), QStringLiteral("sent"));
        QCOMPARE(message.value(u"code").toInt(), 250);
        QCOMPARE(message.value(u"attempt").toInt(), 1);
        QVERIFY(message.value(u"connection").toInt() >= 1);
        recipients.insert(message.value(u"recipient").toString());
    }
    QCOMPARE(recipients.size(), 25);

    const QJsonObject summary = result.summary();
    QCOMPARE(summary.value(u"sent").toInt(), 25);
    QCOMPARE(summary.value(u"failed").toInt(), 0);
    QCOMPARE(summary.value(u"unconfirmed").toInt(), 0);
    QCOMPARE(summary.value(u"connections").toInt(), 3);
    QCOMPARE(summary.value(u"logins").toInt(), 0);
    QVERIFY(summary.value(u"seconds").toDouble() > 0);
    QCOMPARE(result.events.last(), summary);

    // What the server saw: 25 messages on 3 connections, each personalised, dot-stuffing undone.
    QTRY_COMPARE(server.receivedMessages().size(), 25);
    QCOMPARE(server.connectionCount(), 3);
    const ReceivedMessage first = server.receivedMessages().first();
    QCOMPARE(first.mailFrom, QByteArray("news@example.com"));
    QCOMPARE(first.recipients, QList<QByteArray>{"user1@example.org"});
    QVERIFY(first.data.contains("Subject: Hello User 1"));
    QVERIFY(first.data.contains("\r\n.a line with a dot\r\n"));
    QVERIFY(!first.data.contains("user2@example.org")); // never other recipients' addresses
    // The lifecycle is on stderr for a person to read.
    QVERIFY(result.standardError.contains("connection #1 created"));
    QVERIFY(result.standardError.contains("connection #1 reused (message 10 of 10)"));
    QVERIFY(result.standardError.contains("connection #1 closed: max-messages"));
}

void TestCli::startTlsWithAuthAndANamedCertificate()
{
    AiosmtpdOptions options;
    options.tls = AiosmtpdOptions::Tls::StartTls;
    options.username = QStringLiteral("office");
    options.password = QStringLiteral("correct horse");
    AiosmtpdServer server(options);
    QVERIFY(server.start());
    const QString campaign = writeCampaign(QStringLiteral("starttls"),
                                           {{QStringLiteral("host"), QStringLiteral("localhost")},
                                            {QStringLiteral("port"), server.port()},
                                            {QStringLiteral("security"), QStringLiteral("starttls")},
                                            {QStringLiteral("username"), QStringLiteral("office")},
                                            {QStringLiteral("trustCertificate"),
                                             testCertificatePath(u"ca.pem")}},
                                           {{QStringLiteral("maxMessagesPerConnection"), 50}},
                                           12);
    const QString eventsPath = m_dir.filePath(QStringLiteral("starttls.events"));
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("BULKMAIL_PASSWORD"), QStringLiteral("correct horse"));
    const CliRun result = run(
        {QStringLiteral("send"), campaign, QStringLiteral("--events"), eventsPath}, environment);

    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.summary().value(u"sent").toInt(), 12);
    QCOMPARE(result.summary().value(u"logins").toInt(), 1);
    QCOMPARE(result.summary().value(u"connections").toInt(), 1);
    const QJsonObject created = result.eventsOfType(u"connection").first();
    QCOMPARE(created.value(u"event").toString(), QStringLiteral("created"));
    QVERIFY2(created.value(u"tls").toString().startsWith(u"TLSv1"),
             qPrintable(created.value(u"tls").toString()));
    QCOMPARE(server.successfulLogins(), 1);
    QTRY_COMPARE(server.receivedMessages().size(), 12);
}

void TestCli::wrongPasswordIsFatalAfterOneLogin()
{
    AiosmtpdOptions options;
    options.tls = AiosmtpdOptions::Tls::StartTls;
    options.username = QStringLiteral("office");
    options.password = QStringLiteral("the real one");
    AiosmtpdServer server(options);
    QVERIFY(server.start());
    const QString campaign = writeCampaign(QStringLiteral("wrongpassword"),
                                           {{QStringLiteral("host"), QStringLiteral("localhost")},
                                            {QStringLiteral("port"), server.port()},
                                            {QStringLiteral("security"), QStringLiteral("starttls")},
                                            {QStringLiteral("username"), QStringLiteral("office")},
                                            {QStringLiteral("trustCertificate"),
                                             testCertificatePath(u"ca.pem")}},
                                           {{QStringLiteral("maxConnections"), 4}},
                                           30);
    const QString eventsPath = m_dir.filePath(QStringLiteral("wrongpassword.events"));
    const QString secret = QStringLiteral("s3cret-Wrong-Passw0rd");
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("BULKMAIL_PASSWORD"), secret);
    const CliRun result = run(
        {QStringLiteral("send"), campaign, QStringLiteral("--events"), eventsPath}, environment);

    QCOMPARE(result.exitCode, 1);
    QCOMPARE(server.authAttempts(), 1); // one failed login, not one per recipient or connection
    QCOMPARE(server.receivedMessages().size(), 0);
    const QJsonObject summary = result.summary();
    QCOMPARE(summary.value(u"sent").toInt(), 0);
    QCOMPARE(summary.value(u"failed").toInt(), 0); // an account problem fails no recipient
    QCOMPARE(summary.value(u"notSent").toInt(), 30);
    QVERIFY(!summary.value(u"error").toString().isEmpty());
    QVERIFY(result.standardError.contains("Stopped:"));

    // The password is nowhere: not on stderr, not in the events, not in the log files.
    const QByteArray secretBytes = secret.toUtf8();
    QVERIFY(!result.standardError.contains(secretBytes));
    QVERIFY(!result.standardOutput.contains(secretBytes));
    QFile events(eventsPath);
    QVERIFY(events.open(QIODevice::ReadOnly));
    QVERIFY(!events.readAll().contains(secretBytes));
    QDirIterator logs(m_logDir, QDir::Files, QDirIterator::Subdirectories);
    int logFiles = 0;
    while (logs.hasNext()) {
        QFile log(logs.next());
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QByteArray content = log.readAll();
        QVERIFY2(!content.contains(secretBytes), qPrintable(log.fileName()));
        QVERIFY(!content.contains(QByteArray("\0office\0", 8).append(secretBytes).toBase64()));
        ++logFiles;
    }
    QVERIFY(logFiles >= 1);
}

void TestCli::missingPasswordIsRefusedBeforeConnecting()
{
    ScriptedSmtpServer server;
    const QString campaign = writeCampaign(QStringLiteral("nopassword"),
                                           {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                            {QStringLiteral("port"), server.serverPort()},
                                            {QStringLiteral("security"), QStringLiteral("none")},
                                            {QStringLiteral("username"), QStringLiteral("office")}},
                                           {},
                                           3);
    const CliRun result = run({QStringLiteral("send"), campaign});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.standardError.contains("BULKMAIL_PASSWORD"));
    QCOMPARE(server.connectionCount(), 0);
}

void TestCli::passwordFromANamedVariable()
{
    ScriptedSmtpServer server;
    server.setCapabilities({"PIPELINING", "AUTH PLAIN LOGIN", "ENHANCEDSTATUSCODES"});
    server.setCredentials("office", "from-my-variable");
    const QString campaign = writeCampaign(QStringLiteral("namedvariable"),
                                           {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                            {QStringLiteral("port"), server.serverPort()},
                                            {QStringLiteral("security"), QStringLiteral("none")},
                                            {QStringLiteral("username"), QStringLiteral("office")}},
                                           {},
                                           4);
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("MY_SMTP_SECRET"), QStringLiteral("from-my-variable"));
    const CliRun result = run({QStringLiteral("send"),
                               campaign,
                               QStringLiteral("--password-env"),
                               QStringLiteral("MY_SMTP_SECRET")},
                              environment);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(server.authAttempts(), 1);
    QCOMPARE(server.receivedMessages().size(), 4);
    QVERIFY(server.protocolViolations().isEmpty());
}

void TestCli::invalidCampaignNamesTheField()
{
    const QString path = m_dir.filePath(QStringLiteral("typo.bulkmail"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format":"bulkmail-campaign","version":1,"name":"t",
        "server":{"host":"127.0.0.1","port":25,"security":"none"},
        "sending":{"rateperSecond":5},
        "message":{"from":"a@example.com","subject":"s","text":"t"},"recipients":[]})");
    file.close();
    const CliRun result = run({QStringLiteral("send"), path});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.standardError.contains("sending.rateperSecond"),
             result.standardError.constData());
}

void TestCli::permanentFailuresGiveExitStatusTwo()
{
    ScriptedSmtpServer server;
    server.setRecipientReply("user2@example.org",
                             "550 5.1.1 <user2@example.org>: Recipient address rejected");
    const QString campaign = writeCampaign(QStringLiteral("rejected"),
                                           {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                            {QStringLiteral("port"), server.serverPort()},
                                            {QStringLiteral("security"), QStringLiteral("none")}},
                                           {},
                                           3);
    const QString eventsPath = m_dir.filePath(QStringLiteral("rejected.events"));
    const CliRun result = run(
        {QStringLiteral("send"), campaign, QStringLiteral("--events"), eventsPath});
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.summary().value(u"sent").toInt(), 2);
    QCOMPARE(result.summary().value(u"failed").toInt(), 1);
    QCOMPARE(result.summary().value(u"connections").toInt(),
             1); // a rejected recipient keeps the connection
    bool sawFailure = false;
    for (const QJsonObject &message : result.eventsOfType(u"message")) {
        if (message.value(u"recipient").toString() == u"user2@example.org") {
            QCOMPARE(message.value(u"status").toString(), QStringLiteral("failed"));
            QCOMPARE(message.value(u"code").toInt(), 550);
            QVERIFY(message.value(u"text").toString().contains(u"Recipient address rejected"));
            sawFailure = true;
        }
    }
    QVERIFY(sawFailure);
    QVERIFY(result.standardError.contains("user2@example.org failed (550)"));
    QCOMPARE(server.receivedMessages().size(), 2);
    QVERIFY(server.protocolViolations().isEmpty());
}

void TestCli::eventsToStandardOutput()
{
    ScriptedSmtpServer server;
    const QString campaign = writeCampaign(QStringLiteral("stdout"),
                                           {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                            {QStringLiteral("port"), server.serverPort()},
                                            {QStringLiteral("security"), QStringLiteral("none")}},
                                           {},
                                           2);
    const CliRun result = run(
        {QStringLiteral("send"), campaign, QStringLiteral("--events"), QStringLiteral("-")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(!result.events.isEmpty());
    QCOMPARE(result.eventsOfType(u"INVALID").size(), 0); // only JSON lines on stdout
    QCOMPARE(result.summary().value(u"sent").toInt(), 2);
}

void TestCli::unknownCommand()
{
    const CliRun result = run({QStringLiteral("frobnicate")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.standardError.contains("unknown command"));
}

void TestCli::killedCampaignResumesWithoutDuplicates_data()
{
    QTest::addColumn<QString>("policy");
    QTest::newRow("unconfirmed resent once") << QStringLiteral("resend");
    QTest::newRow("unconfirmed held") << QStringLiteral("hold");
}

void TestCli::killedCampaignResumesWithoutDuplicates()
{
    QFETCH(QString, policy);
    constexpr int total = 300;
    AiosmtpdServer server;
    QVERIFY(server.start());
    const QString campaign = writeCampaign(QStringLiteral("killed-") + policy,
                                           {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                            {QStringLiteral("port"), server.port()},
                                            {QStringLiteral("security"), QStringLiteral("none")}},
                                           {{QStringLiteral("ratePerSecond"), 150},
                                            {QStringLiteral("maxMessagesPerConnection"), 40},
                                            {QStringLiteral("unconfirmedPolicy"), policy}},
                                           total);

    // Kill it (SIGKILL: no chance to clean up) in the middle of the campaign.
    QProcess first;
    startSend(first, campaign);
    QVERIFY(first.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(server.receivedMessages().size() >= 80, 20000);
    first.kill();
    QVERIFY(first.waitForFinished());
    const int receivedBeforeKill = int(server.receivedMessages().size());
    QVERIFY2(receivedBeforeKill < total, "the campaign finished before it could be killed");

    // Resume: everyone the server took is skipped; the one message that may have been in flight
    // is resent once and flagged, or held, as the policy says.
    const QString eventsPath = m_dir.filePath(QStringLiteral("killed-%1.events").arg(policy));
    const CliRun resumed = run(
        {QStringLiteral("send"), campaign, QStringLiteral("--events"), eventsPath});
    const QJsonObject summary = resumed.summary();
    QVERIFY2(summary.value(u"previouslySent").toInt() >= receivedBeforeKill - 1,
             qPrintable(QString::number(summary.value(u"previouslySent").toInt())));
    QHash<QByteArray, int> copies;
    for (const ReceivedMessage &message : server.receivedMessages())
        ++copies[message.recipients.value(0)];
    QHash<QString, bool> flagged;
    for (const QJsonObject &message : resumed.eventsOfType(u"message"))
        flagged[message.value(u"recipient").toString()] = message.value(u"possiblyDuplicated")
                                                              .toBool();
    int duplicates = 0;
    for (auto it = copies.cbegin(); it != copies.cend(); ++it) {
        QVERIFY2(it.value() <= 2, it.key().constData());
        if (it.value() == 2) {
            ++duplicates;
            // Never silent: a second copy is always one the resume flagged.
            QVERIFY2(flagged.value(QString::fromUtf8(it.key())), it.key().constData());
        }
    }
    QVERIFY(duplicates <= 1); // at most the one message in flight on the one connection
    if (policy == u"resend") {
        QCOMPARE(resumed.exitCode, 0);
        QCOMPARE(copies.size(), total); // everyone got it
        QCOMPARE(summary.value(u"sent").toInt() + summary.value(u"previouslySent").toInt(), total);
        QCOMPARE(summary.value(u"held").toInt(), 0);
    } else {
        const int held = summary.value(u"held").toInt();
        QVERIFY(held <= 1);
        QCOMPARE(duplicates, 0); // nothing resent under "hold"
        QCOMPARE(resumed.exitCode, held == 0 ? 0 : 2);
        // The held one is the ambiguous case itself (RFC 5321 §6.1): the server may or may not
        // have taken it before the kill. Either way it got at most one copy.
        QVERIFY2(copies.size() == total || copies.size() == total - held,
                 qPrintable(
                     QStringLiteral("%1 recipients received, %2 held").arg(copies.size()).arg(held)));
        QCOMPARE(summary.value(u"sent").toInt() + summary.value(u"previouslySent").toInt() + held,
                 total);
    }

    // A third run has nothing left to send.
    const int receivedBefore = int(server.receivedMessages().size());
    const CliRun again = run(
        {QStringLiteral("send"), campaign, QStringLiteral("--events"), eventsPath});
    QCOMPARE(again.summary().value(u"sent").toInt(), 0);
    QCOMPARE(server.receivedMessages().size(), receivedBefore);
    QCOMPARE(again.summary().value(u"connections").toInt(), 0);
}

void TestCli::secondRunOfTheSameCampaignIsRefused()
{
    // Two processes on one campaign: the first holds the run lock while the server keeps it
    // waiting for the reply to its first final dot; the second must refuse at once, naming it.
    ScriptedSmtpServer server;
    server.stallOn(".", 1);
    const QString campaign = writeCampaign(QStringLiteral("twice"),
                                           {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                            {QStringLiteral("port"), server.serverPort()},
                                            {QStringLiteral("security"), QStringLiteral("none")}},
                                           {},
                                           3);
    QSignalSpy dots(&server, &ScriptedSmtpServer::finalDotReceived);
    QProcess first;
    startSend(first, campaign);
    QVERIFY(first.waitForStarted());
    QVERIFY(dots.wait(20000));
    const qint64 firstPid = first.processId();

    const QString eventsPath = m_dir.filePath(QStringLiteral("twice.events"));
    const CliRun second = run(
        {QStringLiteral("send"), campaign, QStringLiteral("--events"), eventsPath});
    QCOMPARE(second.exitCode, 1);
    const QByteArray named = "being sent by another process (bulkmail-cli, process "
                             + QByteArray::number(firstPid) + " on ";
    QVERIFY2(second.standardError.contains(named), second.standardError.constData());
    QCOMPARE(second.summary().value(u"lockedByPid").toInteger(), firstPid);
    QCOMPARE(second.summary().value(u"lockedByApplication").toString(),
             QStringLiteral("bulkmail-cli"));
    QCOMPARE(second.summary().value(u"notSent").toInt(), 3);
    QCOMPARE(server.connectionCount(), 1); // the second never connected
    QCOMPARE(first.state(), QProcess::Running);

    // The first dies without cleaning up: its lock is stale, and the next run takes it over
    // and resumes (the unanswered message is resent once, flagged).
    first.kill();
    QVERIFY(first.waitForFinished());
    const CliRun third = run({QStringLiteral("send"), campaign});
    QVERIFY2(third.exitCode == 0, third.standardError.constData());
    QHash<QByteArray, int> received;
    for (const ScriptedMessage &message : server.receivedMessages()) {
        for (const QByteArray &recipient : message.recipients)
            ++received[recipient];
    }
    for (int i = 1; i <= 3; ++i)
        QCOMPARE(received.value("user" + QByteArray::number(i) + "@example.org"), 1);
    QCOMPARE(server.receivedMessages().size(), 3);
}

void TestCli::restartNeedsConfirmation()
{
    AiosmtpdServer server;
    QVERIFY(server.start());
    const QString campaign = writeCampaign(QStringLiteral("restart"),
                                           {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                            {QStringLiteral("port"), server.port()},
                                            {QStringLiteral("security"), QStringLiteral("none")}},
                                           {},
                                           5);
    QCOMPARE(run({QStringLiteral("send"), campaign}).exitCode, 0);
    QTRY_COMPARE(server.receivedMessages().size(), 5);

    // Not a terminal and no --yes: refused before anything is sent.
    const CliRun refused = run({QStringLiteral("send"), campaign, QStringLiteral("--restart")});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY(refused.standardError.contains("--yes"));
    QCOMPARE(server.receivedMessages().size(), 5);

    const CliRun restarted = run(
        {QStringLiteral("send"), campaign, QStringLiteral("--restart"), QStringLiteral("--yes")});
    QCOMPARE(restarted.exitCode, 0);
    QTRY_COMPARE(server.receivedMessages().size(), 10);
    QVERIFY(QFile::exists(campaign + QStringLiteral(".journal.previous")));
}

void TestCli::richMessagesArriveIntact()
{
    // What the server receives, read back by an independent parser (Python's email package):
    // merged HTML and text alternatives, a binary attachment byte for byte, a Chinese name in
    // the To header, a CSV recipient list with a merge field, a duplicate sent once.
    AiosmtpdServer server;
    QVERIFY(server.start());
    QFile csv(m_dir.filePath(QStringLiteral("rich.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("\xEF\xBB\xBF" // the BOM Excel writes
              "Email;Name;City\r\n"
              "wang.fang@example.com;\xE7\x8E\x8B\xE8\x8A\xB3;\xE4\xB8\x8A\xE6\xB5\xB7\r\n"
              "ana@example.org;Ana <script>;Porto\r\n"
              "ANA@EXAMPLE.ORG;Ana again;Porto\r\n");
    csv.close();
    const QString attachment = QStringLiteral(BULKMAIL_TEST_DATA_DIR "/attachments/report.pdf");
    QFile pdf(attachment);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    const QByteArray pdfBytes = pdf.readAll();

    const QJsonObject campaign{
        {QStringLiteral("format"), QStringLiteral("bulkmail-campaign")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("name"), QStringLiteral("rich")},
        {QStringLiteral("server"),
         QJsonObject{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                     {QStringLiteral("port"), server.port()},
                     {QStringLiteral("security"), QStringLiteral("none")}}},
        {QStringLiteral("sending"), QJsonObject{{QStringLiteral("ratePerSecond"), 0}}},
        {QStringLiteral("message"),
         QJsonObject{{QStringLiteral("from"), QStringLiteral("Newsletter <news@example.com>")},
                     {QStringLiteral("subject"), QStringLiteral("Hello {{name}} in {{City}}")},
                     {QStringLiteral("text"),
                      QStringLiteral("Dear {{name}},\nsee you in {{City}}.\n")},
                     {QStringLiteral("html"),
                      QStringLiteral("<p>Dear {{name}}, see you in {{City}}.</p>")},
                     {QStringLiteral("attachments"), QJsonArray{attachment}}}},
        {QStringLiteral("recipientsFile"), QStringLiteral("rich.csv")}};
    const QString path = m_dir.filePath(QStringLiteral("rich.bulkmail"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(campaign).toJson());
    file.close();

    const QString eventsPath = m_dir.filePath(QStringLiteral("rich.events"));
    const CliRun result = run(
        {QStringLiteral("send"), path, QStringLiteral("--events"), eventsPath});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.summary().value(u"sent").toInt(), 2);
    QCOMPARE(result.summary().value(u"skipped").toInt(), 1);
    QTRY_COMPARE(server.receivedMessages().size(), 2);

    for (const ReceivedMessage &received : server.receivedMessages()) {
        const Test::ParsedMessage parsed = Test::parseWithPython(received.data);
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QVERIFY2(parsed.defects.isEmpty(), qPrintable(parsed.defects.join(u'\n')));
        QCOMPARE(parsed.toAddresses().size(), 1);
        const bool isWang = received.recipients.value(0) == "wang.fang@example.com";
        const QString name = isWang ? QStringLiteral("王芳") : QStringLiteral("Ana <script>");
        const QString city = isWang ? QStringLiteral("上海") : QStringLiteral("Porto");
        QCOMPARE(parsed.header(u"Subject"), QStringLiteral("Hello %1 in %2").arg(name, city));
        QVERIFY2(parsed.header(u"To").contains(name), qPrintable(parsed.header(u"To")));
        QCOMPARE(parsed.contentTypes(),
                 (QStringList{QStringLiteral("multipart/mixed"),
                              QStringLiteral("multipart/alternative"),
                              QStringLiteral("text/plain"),
                              QStringLiteral("text/html"),
                              QStringLiteral("application/pdf")}));
        QString text = parsed.textPart();
        text.remove(u'\r');
        QCOMPARE(text.trimmed(), QStringLiteral("Dear %1,\nsee you in %2.").arg(name, city));
        // Escaped in the HTML part only.
        const QString html = parsed.htmlPart();
        QCOMPARE(html.contains(u"Ana &lt;script&gt;"), !isWang);
        QVERIFY(!html.contains(u"<script>"));
        bool sawAttachment = false;
        for (const Test::ParsedPart &part : parsed.parts) {
            if (part.contentType == u"application/pdf") {
                QCOMPARE(part.filename, QStringLiteral("report.pdf"));
                QCOMPARE(part.payload, pdfBytes); // byte for byte
                sawAttachment = true;
            }
        }
        QVERIFY(sawAttachment);
    }
}

void TestCli::exportShowsEachRecipientsStatus()
{
    ScriptedSmtpServer server;
    server.setRecipientReply("user2@example.org", "550 5.1.1 <user2@example.org>: no such user");
    const QString campaign = writeCampaign(QStringLiteral("export"),
                                           {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                            {QStringLiteral("port"), server.serverPort()},
                                            {QStringLiteral("security"), QStringLiteral("none")}},
                                           {},
                                           3);
    const QString csvPath = m_dir.filePath(QStringLiteral("export.csv"));
    // Before any send: everyone is still to be sent.
    QCOMPARE(run({QStringLiteral("export-csv"), campaign, QStringLiteral("--output"), csvPath})
                 .exitCode,
             0);
    auto before = importRecipientsCsv(csvPath);
    QVERIFY(before.has_value());
    QCOMPARE(before->fieldNames, QStringList{QStringLiteral("Send status")});
    QCOMPARE(before->recipients.at(0).fields.value(0), QStringLiteral("not sent yet"));

    QCOMPARE(run({QStringLiteral("send"), campaign}).exitCode, 2);
    QCOMPARE(run({QStringLiteral("export-csv"), campaign, QStringLiteral("--output"), csvPath})
                 .exitCode,
             0);
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY(csv.readAll().startsWith("\xEF\xBB\xBF")); // Excel reads UTF-8 only with the BOM
    auto after = importRecipientsCsv(csvPath);
    QVERIFY(after.has_value());
    QCOMPARE(after->recipients.size(), 3);
    QCOMPARE(after->recipients.at(0).email, QStringLiteral("user1@example.org"));
    QCOMPARE(after->recipients.at(0).name, QStringLiteral("User 1"));
    QCOMPARE(after->recipients.at(0).fields.value(0), QStringLiteral("sent"));
    QCOMPARE(after->recipients.at(1).fields.value(0),
             QStringLiteral("failed: 550 5.1.1 <user2@example.org>: no such user"));
    QCOMPARE(after->recipients.at(2).fields.value(0), QStringLiteral("sent"));
}

void TestCli::failedRecipientsAreRetriedOnlyWhenAsked()
{
    ScriptedSmtpServer server;
    server.setRecipientReply("user2@example.org",
                             "550 5.2.1 <user2@example.org>: mailbox disabled",
                             1);
    const QString campaign = writeCampaign(QStringLiteral("retry-failed"),
                                           {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                            {QStringLiteral("port"), server.serverPort()},
                                            {QStringLiteral("security"), QStringLiteral("none")}},
                                           {},
                                           3);
    const QString eventsPath = campaign + QStringLiteral(".events");
    const QStringList send{QStringLiteral("send"), campaign, QStringLiteral("--events"), eventsPath};

    const CliRun first = run(send);
    QCOMPARE(first.exitCode, 2);
    QCOMPARE(first.summary().value(u"failed").toInt(), 1);
    QCOMPARE(server.receivedMessages().size(), 2);

    // Resumed without the flag: the failure stands, nothing is sent, the exit status says so.
    const CliRun resumed = run(send);
    QCOMPARE(resumed.exitCode, 2);
    QCOMPARE(resumed.summary().value(u"previouslySent").toInt(), 2);
    QCOMPARE(resumed.summary().value(u"previouslyFailed").toInt(), 1);
    QCOMPARE(resumed.summary().value(u"sent").toInt(), 0);
    QCOMPARE(server.receivedMessages().size(), 2);

    // With --retry-failed only the failed recipient is tried again (the mailbox works now).
    const CliRun retried = run(send + QStringList{QStringLiteral("--retry-failed")});
    QCOMPARE(retried.exitCode, 0);
    QCOMPARE(retried.summary().value(u"sent").toInt(), 1);
    QCOMPARE(retried.summary().value(u"previouslySent").toInt(), 2);
    QCOMPARE(server.receivedMessages().size(), 3);
    QCOMPARE(server.receivedMessages().last().recipients, QList<QByteArray>{"user2@example.org"});
}

void TestCli::duplicatesAreSentOnceUnlessAsked_data()
{
    QTest::addColumn<QString>("policy"); // empty: not in the file (the default)
    QTest::addColumn<int>("expectedMessages");
    QTest::newRow("default: once") << QString() << 2;
    QTest::newRow("\"once\"") << QStringLiteral("once") << 2;
    QTest::newRow("\"each\": as the user asked") << QStringLiteral("each") << 3;
}

void TestCli::duplicatesAreSentOnceUnlessAsked()
{
    QFETCH(QString, policy);
    QFETCH(int, expectedMessages);
    ScriptedSmtpServer server;
    QJsonObject sending;
    if (!policy.isEmpty())
        sending.insert(QStringLiteral("duplicates"), policy);
    const QString campaign = writeCampaign(QStringLiteral("duplicates-")
                                               + (policy.isEmpty() ? QStringLiteral("default")
                                                                   : policy),
                                           {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                            {QStringLiteral("port"), server.serverPort()},
                                            {QStringLiteral("security"), QStringLiteral("none")}},
                                           sending,
                                           2);
    // A third row with the first address again, its domain in capitals.
    QFile file(campaign);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject document = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    QJsonArray recipients = document.value(u"recipients").toArray();
    recipients.append(QJsonObject{{QStringLiteral("email"), QStringLiteral("user1@EXAMPLE.ORG")}});
    document.insert(QStringLiteral("recipients"), recipients);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(document).toJson());
    file.close();

    const CliRun check = run({QStringLiteral("check"), campaign});
    QCOMPARE(check.exitCode, 0);
    QVERIFY2(check.standardOutput.contains(expectedMessages == 3 ? "gets its own message"
                                                                 : "receives one message"),
             check.standardOutput.constData());

    const QString eventsPath = campaign + QStringLiteral(".events");
    const CliRun result = run(
        {QStringLiteral("send"), campaign, QStringLiteral("--events"), eventsPath});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(server.receivedMessages().size(), expectedMessages);
    QCOMPARE(result.summary().value(u"skipped").toInt(), 3 - expectedMessages);
    QCOMPARE(result.summary().value(u"sent").toInt(), expectedMessages);
}

namespace {

QByteArray pdfFor(const QByteArray &marker)
{
    return "%PDF-1.4\n% " + marker
           + "\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages "
             "/Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
}

} // namespace

// Personal attachments end to end with real PDF files: check lists and records, send blocks or
// holds, attachments exports who got which file.
void TestCli::personalAttachmentsCheckSendAndExport()
{
    AiosmtpdServer server;
    QVERIFY(server.start());
    const QString folder = m_dir.filePath(QStringLiteral("payslips/2026-11"));
    QVERIFY(QDir().mkpath(folder));
    for (const char *id : {"E001", "E002", "E009"}) {
        QFile file(QDir(folder).filePath(QLatin1String(id) + QStringLiteral("-工资条.pdf")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(pdfFor(id));
    }
    QJsonArray recipients;
    for (const char *id : {"E001", "E002", "E003"}) {
        recipients.append(QJsonObject{{QStringLiteral("email"),
                                       QStringLiteral("%1@example.org").arg(QLatin1String(id))},
                                      {QStringLiteral("employee_id"), QLatin1String(id)}});
    }
    const QJsonObject json{
        {QStringLiteral("format"), QStringLiteral("bulkmail-campaign")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("name"), QStringLiteral("payslips")},
        {QStringLiteral("server"),
         QJsonObject{{QStringLiteral("host"), server.host()},
                     {QStringLiteral("port"), server.port()},
                     {QStringLiteral("security"), QStringLiteral("none")}}},
        {QStringLiteral("sending"), QJsonObject{{QStringLiteral("ratePerSecond"), 0}}},
        {QStringLiteral("message"),
         QJsonObject{{QStringLiteral("from"), QStringLiteral("hr@example.com")},
                     {QStringLiteral("subject"), QStringLiteral("Payslip")},
                     {QStringLiteral("text"), QStringLiteral("Attached.")},
                     {QStringLiteral("personalAttachments"),
                      QJsonObject{{QStringLiteral("folder"), QStringLiteral("payslips/2026-11")},
                                  {QStringLiteral("rules"),
                                   QJsonArray{
                                       QJsonObject{{QStringLiteral("pattern"),
                                                    QStringLiteral("{{employee_id}}-*.pdf")}}}}}}}},
        {QStringLiteral("recipients"), recipients}};
    const QString campaign = m_dir.filePath(QStringLiteral("payslips.bulkmail"));
    {
        QFile file(campaign);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(json).toJson());
    }

    // E003 has no payslip, E009's matches no one: the check says so and blocks.
    MergedRun check = runMerged({QStringLiteral("check"), campaign});
    QCOMPARE(check.exitCode, 1);
    QVERIFY2(check.output.contains(QLatin1String("2 matched, 1 missing, 0 ambiguous, 1 in the "
                                                 "folder match no one")),
             qPrintable(check.output));
    QVERIFY2(check.output.contains(QLatin1String("E003@example.org")), qPrintable(check.output));
    QVERIFY2(check.output.contains(QStringLiteral("E009-工资条.pdf")), qPrintable(check.output));
    QVERIFY(QFile::exists(campaign + QStringLiteral(".attachments")));

    // A send refuses before connecting.
    MergedRun refused = runMerged({QStringLiteral("send"), campaign});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.output.contains(QLatin1String("missing or ambiguous")),
             qPrintable(refused.output));
    QCOMPARE(server.connectionCount(), 0);

    // "Send the others and hold these".
    check = runMerged({QStringLiteral("check"), campaign, QStringLiteral("--hold-unresolved")});
    QCOMPARE(check.exitCode, 0);
    QVERIFY2(check.output.contains(QLatin1String("(will be held)")), qPrintable(check.output));
    const MergedRun sent = runMerged(
        {QStringLiteral("send"), campaign, QStringLiteral("--hold-unresolved")});
    QCOMPARE(sent.exitCode, 2); // as for held recipients today
    QTRY_COMPARE(server.receivedMessages().size(), 2);
    for (const ReceivedMessage &message : server.receivedMessages()) {
        const QString id = QString::fromLatin1(message.recipients.value(0)).left(4);
        const ParsedMessage parsed = parseWithPython(message.data);
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.attachmentFileNames(), QStringList{id + QStringLiteral("-工资条.pdf")});
        QCOMPARE(parsed.parts.last().payload, pdfFor(id.toLatin1()));
    }

    // Who got which file.
    const QString csvPath = m_dir.filePath(QStringLiteral("who-got-what.csv"));
    const MergedRun exported = runMerged(
        {QStringLiteral("attachments"), campaign, QStringLiteral("--output"), csvPath});
    QCOMPARE(exported.exitCode, 0);
    const auto csv = importRecipientsCsv(csvPath);
    QVERIFY(csv.has_value());
    QCOMPARE(csv->fieldNames,
             (QStringList{QStringLiteral("file"),
                          QStringLiteral("size"),
                          QStringLiteral("sha256"),
                          QStringLiteral("time"),
                          QStringLiteral("row"),
                          QStringLiteral("Send status")}));
    QCOMPARE(csv->recipients.size(), 2);
    for (const Recipient &row : csv->recipients) {
        const QByteArray id = row.email.left(4).toLatin1();
        QCOMPARE(row.fields.value(0), QString::fromLatin1(id) + QStringLiteral("-工资条.pdf"));
        QCOMPARE(row.fields.value(1), QString::number(pdfFor(id).size()));
        QCOMPARE(row.fields.value(2).toLatin1(),
                 QCryptographicHash::hash(pdfFor(id), QCryptographicHash::Sha256).toHex());
        QCOMPARE(row.fields.value(5), QStringLiteral("sent"));
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
