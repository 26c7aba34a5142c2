// bulkmail-cli bounces, end to end: the real binary reads a private Dovecot's INBOX over TLS
// (the campaign's "mailbox"), matches the sample reports to the campaign's recipients by the
// Message-IDs in its journal, prints them, records them in the journal and the account's
// suppression list (in XDG_DATA_HOME), reads nothing twice, and says when it cannot read.

#include "common/clock.h"
#include "imap/imapconnection.h"
#include "journal/sendjournal.h"
#include "oauthtestserver.h"
#include "privatedovecot.h"
#include "scriptedsmtpserver.h"
#include "testresult.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Bulkmail;
using namespace Bulkmail::Test;

namespace {

constexpr int WaitMs = 60'000;

struct CliRun
{
    int exitCode = -1;
    QString standardOutput;
    QString standardError;
};

QByteArray bounceSample(const char *name)
{
    QFile file(QStringLiteral(BULKMAIL_BOUNCES_DIR "/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", name);
    return file.readAll();
}

// The recipients and the Message-IDs their messages went out with (those of the samples).
const QList<QPair<QString, QString>> &sent()
{
    static const QList<QPair<QString, QString>> list{
        {QStringLiteral("anna.schmidt@contoso.com"),
         QStringLiteral("<q8w7e6.lvxa1b.9@example.org>")},
        {QStringLiteral("chen.jing@aliyun.com"), QStringLiteral("<a7s8d9.lvxe5f.40@example.org>")},
        {QStringLiteral("wang.fang@example.cn"), QStringLiteral("<p0o9i8.lvxd4e.33@example.org>")},
        {QStringLiteral("no.such.person@gmail.com"),
         QStringLiteral("<z1x2c3.lvxb2c.17@example.org>")},
    };
    return list;
}

bool appendToInbox(const PrivateDovecot &server, const QByteArray &content)
{
    ImapConnection connection(99, server.endpoint(), server.credentials());
    std::optional<ImapCommandResult> result;
    connection.run(
        "APPEND \"INBOX\"", [&result](const ImapCommandResult &r) { result = r; }, content);
    connection.open();
    return QTest::qWaitFor([&result] { return result.has_value(); }, WaitMs) && result->isOk();
}

} // namespace

class TestCliBounces final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void readsMatchesRecordsAndReadsNothingTwice();
    void cannotReadIsExitOne();
    void suppressedAreSaidAndSkippedUnlessIncluded();
    void oauth2AccountReadsWithItsAccessToken();
    void sendWatchesBouncesAfterTheRun();

private:
    [[nodiscard]] QString campaign(const QJsonObject &mailbox, const QJsonObject &server = {});
    void writeJournal(const QString &campaignPath);
    // `environment`: more variables for the process (an access token).
    [[nodiscard]] CliRun run(const QStringList &arguments,
                             const QString &password,
                             const QProcessEnvironment &environment = {});

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliBounces::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestCliBounces::campaign(const QJsonObject &mailbox, const QJsonObject &server)
{
    QJsonArray recipients;
    for (const auto &[email, messageId] : sent())
        recipients.append(QJsonObject{{QStringLiteral("email"), email}});
    QJsonObject object{
        {QStringLiteral("format"), QStringLiteral("bulkmail-campaign")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("name"), QStringLiteral("Spring newsletter")},
        {QStringLiteral("server"),
         !server.isEmpty()
             ? server
             : QJsonObject{{QStringLiteral("host"), QStringLiteral("smtp.example.org")},
                           {QStringLiteral("port"), 587},
                           {QStringLiteral("security"), QStringLiteral("starttls")},
                           {QStringLiteral("username"), QStringLiteral("news@example.org")}}},
        {QStringLiteral("message"),
         QJsonObject{{QStringLiteral("from"), QStringLiteral("Newsletter <news@example.org>")},
                     {QStringLiteral("subject"), QStringLiteral("Hello")},
                     {QStringLiteral("text"), QStringLiteral("Hello\n")}}},
        {QStringLiteral("recipients"), recipients},
    };
    if (!mailbox.isEmpty())
        object.insert(QStringLiteral("mailbox"), mailbox);
    const QString path = m_dir->filePath(QStringLiteral("news.bulkmail"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QJsonDocument(object).toJson());
    return path;
}

void TestCliBounces::writeJournal(const QString &campaignPath)
{
    QList<Recipient> recipients;
    for (const auto &[email, messageId] : sent())
        recipients.append(Recipient{email, QString()});
    SystemClock clock;
    Result<std::unique_ptr<SendJournal>> journal = SendJournal::open(SendJournal::pathFor(
                                                                         campaignPath),
                                                                     recipients,
                                                                     clock);
    QVERIFY_RESULT(journal);
    for (int i = 0; i < sent().size(); ++i) {
        for (const JournalEntry::Kind kind :
             {JournalEntry::Kind::InFlight, JournalEntry::Kind::Sent}) {
            JournalEntry entry;
            entry.kind = kind;
            entry.recipientIndex = i;
            entry.email = sent().at(i).first;
            entry.code = 250;
            entry.messageId = sent().at(i).second;
            QVERIFY_RESULT((*journal)->append(entry));
        }
    }
}

CliRun TestCliBounces::run(const QStringList &arguments,
                           const QString &password,
                           const QProcessEnvironment &extra)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(extra);
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("HOME"), m_dir->path());
    environment.remove(QStringLiteral("BULKMAIL_PASSWORD"));
    environment.insert(QStringLiteral("BULKMAIL_IMAP_PASSWORD"), password);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(BULKMAIL_CLI_PATH), arguments);
    // Waiting in the event loop: an in-process server of the test may be what it talks to.
    QSignalSpy finished(&process, &QProcess::finished);
    if (!finished.wait(WaitMs)) {
        process.kill();
        process.waitForFinished();
    }
    CliRun result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.standardOutput = QString::fromUtf8(process.readAllStandardOutput());
    result.standardError = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void TestCliBounces::readsMatchesRecordsAndReadsNothingTwice()
{
    PrivateDovecotOptions options;
    options.tls = PrivateDovecotOptions::Tls::Implicit;
    PrivateDovecot server(options);
    QVERIFY(server.start());
    for (const char *sample : {"exchange-recipient-not-found.eml",
                               "not-bounce-ordinary-reply.eml",
                               "aliyun-mailbox-full.eml",
                               "unsubscribe-reply-tuiding.eml"})
        QVERIFY(appendToInbox(server, bounceSample(sample)));
    const ImapEndpoint endpoint = server.endpoint();
    const QString path = campaign(
        QJsonObject{{QStringLiteral("host"), endpoint.host},
                    {QStringLiteral("port"), endpoint.port},
                    {QStringLiteral("security"), QStringLiteral("tls")},
                    {QStringLiteral("trustCertificate"), endpoint.trustCertificateFile},
                    {QStringLiteral("username"), server.credentials().username}});
    writeJournal(path);
    const QString password = server.credentials().password;

    const CliRun first = run({QStringLiteral("bounces"), path}, password);
    QVERIFY2(first.exitCode == 2, qPrintable(first.standardError));
    const QStringList lines = first.standardOutput.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(0).startsWith(
                 QStringLiteral("anna.schmidt@contoso.com\thard\t5.1.10\trow 1\t")),
             qPrintable(lines.at(0)));
    QVERIFY(lines.at(0).endsWith(QLatin1String("[suppressed]")));
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("chen.jing@aliyun.com\tsoft\t4.2.2\trow 2\t")),
             qPrintable(lines.at(1)));
    QVERIFY2(lines.at(2).startsWith(
                 QStringLiteral("wang.fang@example.cn\tunsubscribe (to confirm)\t-\trow 3")),
             qPrintable(lines.at(2)));
    QVERIFY(first.standardError.contains(QLatin1String("Read 4 new message(s) in INBOX")));

    // Recorded: the journal's bounced lines, the account's suppression list.
    const Result<QList<JournalEntry>> entries = readJournalEntries(SendJournal::pathFor(path));
    QVERIFY_RESULT(entries);
    const qsizetype bounced = std::count_if(entries->begin(), entries->end(), [](const auto &e) {
        return e.kind == JournalEntry::Kind::Bounced;
    });
    QCOMPARE(bounced, 2);
    const CliRun listed = run({QStringLiteral("suppression"), QStringLiteral("list"), path}, {});
    QCOMPARE(listed.exitCode, 0);
    QVERIFY(listed.standardOutput.contains(QLatin1String("anna.schmidt@contoso.com\thard-bounce")));
    QVERIFY(!listed.standardOutput.contains(QLatin1String("chen.jing")));

    // Nothing new: exit 0, nothing printed, the journal unchanged.
    const QByteArray journalBefore = [&] {
        QFile file(SendJournal::pathFor(path));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    const CliRun second = run({QStringLiteral("bounces"), path}, password);
    QVERIFY2(second.exitCode == 0, qPrintable(second.standardError));
    QCOMPARE(second.standardOutput, QString());
    QFile journalAfter(SendJournal::pathFor(path));
    QVERIFY(journalAfter.open(QIODevice::ReadOnly));
    QCOMPARE(journalAfter.readAll(), journalBefore);

    // One more report: only it, as JSON.
    QVERIFY(appendToInbox(server, bounceSample("gmail-address-not-found.eml")));
    const CliRun third = run({QStringLiteral("bounces"), path, QStringLiteral("--json")}, password);
    QVERIFY2(third.exitCode == 2, qPrintable(third.standardError));
    const QStringList jsonLines = third.standardOutput.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(jsonLines.size(), 1);
    const QJsonObject event = QJsonDocument::fromJson(jsonLines.constFirst().toUtf8()).object();
    QCOMPARE(event.value(QLatin1String("type")).toString(), QStringLiteral("bounced"));
    QCOMPARE(event.value(QLatin1String("email")).toString(),
             QStringLiteral("no.such.person@gmail.com"));
    QCOMPARE(event.value(QLatin1String("index")).toInt(), 3);
    QCOMPARE(event.value(QLatin1String("severity")).toString(), QStringLiteral("hard"));
    QCOMPARE(event.value(QLatin1String("status")).toString(), QStringLiteral("5.1.1"));
    QCOMPARE(event.value(QLatin1String("suppressed")).toBool(), true);
}

void TestCliBounces::cannotReadIsExitOne()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    const ImapEndpoint endpoint = server.endpoint();
    const QString path = campaign(
        QJsonObject{{QStringLiteral("host"), endpoint.host},
                    {QStringLiteral("port"), endpoint.port},
                    {QStringLiteral("security"), QStringLiteral("none")},
                    {QStringLiteral("username"), server.credentials().username}});
    writeJournal(path);

    const CliRun refused = run({QStringLiteral("bounces"), path}, QStringLiteral("wrong"));
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.standardError.contains(QLatin1String("refused"), Qt::CaseInsensitive),
             qPrintable(refused.standardError));

    const CliRun noPassword = run({QStringLiteral("bounces"), path}, QString());
    QCOMPARE(noPassword.exitCode, 1);
    QVERIFY(noPassword.standardError.contains(QLatin1String("BULKMAIL_IMAP_PASSWORD")));

    const QString noMailbox = campaign({});
    const CliRun without = run({QStringLiteral("bounces"), noMailbox}, QStringLiteral("x"));
    QCOMPARE(without.exitCode, 1);
    QVERIFY(without.standardError.contains(QLatin1String("no mailbox")));
}

void TestCliBounces::suppressedAreSaidAndSkippedUnlessIncluded()
{
    ScriptedSmtpServer server;
    const QString path = campaign({},
                                  QJsonObject{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                              {QStringLiteral("port"), server.serverPort()},
                                              {QStringLiteral("security"), QStringLiteral("none")}});
    // As a scan of the mailbox, or the user, would have listed them.
    QCOMPARE(run({QStringLiteral("suppression"),
                  QStringLiteral("add"),
                  path,
                  sent().at(0).first,
                  sent().at(3).first,
                  QStringLiteral("--reason"),
                  QStringLiteral("hard-bounce"),
                  QStringLiteral("--detail"),
                  QStringLiteral("550 5.1.1 User unknown")},
                 {})
                 .exitCode,
             0);
    QCOMPARE(run({QStringLiteral("suppression"),
                  QStringLiteral("add"),
                  path,
                  sent().at(2).first,
                  QStringLiteral("--reason"),
                  QStringLiteral("unsubscribe")},
                 {})
                 .exitCode,
             0);

    const CliRun check = run({QStringLiteral("check"), path}, {});
    QVERIFY2(check.standardOutput.contains(
                 QLatin1String("warning: 3 recipients are on the account's suppression list "
                               "(hard-bounce 2, unsubscribe 1): a send leaves them out")),
             qPrintable(check.standardOutput));

    const QString events = m_dir->filePath(QStringLiteral("events.jsonl"));
    const CliRun send = run({QStringLiteral("send"), path, QStringLiteral("--events"), events}, {});
    QVERIFY2(send.exitCode == 0, qPrintable(send.standardError));
    QList<QByteArray> delivered;
    for (const ScriptedMessage &message : server.receivedMessages())
        delivered += message.recipients;
    QCOMPARE(delivered, QList<QByteArray>{sent().at(1).first.toUtf8()});
    QVERIFY2(send.standardError.contains(
                 QLatin1String("3 on the account's suppression list, not sent to")),
             qPrintable(send.standardError));
    QFile eventFile(events);
    QVERIFY(eventFile.open(QIODevice::ReadOnly));
    int suppressedLines = 0;
    for (const QByteArray &line : eventFile.readAll().split('\n')) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        if (event.value(QLatin1String("type")).toString() == u"message"
            && event.value(QLatin1String("status")).toString() == u"skipped") {
            QVERIFY(event.value(QLatin1String("text")).toString().startsWith(u"suppressed: "));
            ++suppressedLines;
        }
        if (event.value(QLatin1String("type")).toString() == u"summary")
            QCOMPARE(event.value(QLatin1String("suppressed")).toInt(), 3);
    }
    QCOMPARE(suppressedLines, 3); // said, never silent

    // Sent anyway when asked: the journal says the others were already sent, so these three go.
    const CliRun anyway = run({QStringLiteral("send"), path, QStringLiteral("--include-suppressed")},
                              {});
    QVERIFY2(anyway.exitCode == 0, qPrintable(anyway.standardError));
    QCOMPARE(server.receivedMessages().size(), 4);
}

void TestCliBounces::oauth2AccountReadsWithItsAccessToken()
{
    // An OAuth2 campaign's mailbox signs in with the account's access token (here a script's,
    // --access-token-env), never with a password; Dovecot checks the token with the OAuth2 server.
    const QString user = QStringLiteral("news@example.org");
    OAuthServerOptions oauthOptions;
    oauthOptions.user = user;
    OAuthTestServer oauth(oauthOptions);
    QVERIFY(oauth.start());
    const std::optional<OAuthSignInResult> signedIn = signInAt(oauth, user);
    QVERIFY(signedIn);
    PrivateDovecotOptions options;
    options.username = user;
    options.oauth2IntrospectionUrl = oauth.introspectionUrl();
    PrivateDovecot server(options);
    QVERIFY(server.start());
    QVERIFY(
        server.append(QStringLiteral("INBOX"), bounceSample("exchange-recipient-not-found.eml")));
    const ImapEndpoint endpoint = server.endpoint();
    const QString path = campaign(
        QJsonObject{{QStringLiteral("host"), endpoint.host},
                    {QStringLiteral("port"), endpoint.port},
                    {QStringLiteral("security"), QStringLiteral("none")}},
        QJsonObject{{QStringLiteral("host"), QStringLiteral("smtp.example.org")},
                    {QStringLiteral("port"), 587},
                    {QStringLiteral("security"), QStringLiteral("starttls")},
                    {QStringLiteral("username"), user},
                    {QStringLiteral("auth"), QStringLiteral("oauth2")},
                    {QStringLiteral("oauthProvider"), QStringLiteral("google")}});
    writeJournal(path);
    QProcessEnvironment token;
    token.insert(QStringLiteral("TEST_ACCESS_TOKEN"), signedIn->accessToken.token);
    const QStringList arguments{QStringLiteral("bounces"),
                                path,
                                QStringLiteral("--access-token-env"),
                                QStringLiteral("TEST_ACCESS_TOKEN")};

    // A password in the environment is not what signs in (the test's own APPEND did, before).
    const qsizetype passwordLogins = server.logLinesContaining("method=PLAIN").size();
    const CliRun read = run(arguments, server.credentials().password, token);
    QVERIFY2(read.exitCode == 2, qPrintable(read.standardError));
    QVERIFY2(read.standardOutput.startsWith(QStringLiteral("anna.schmidt@contoso.com\thard\t")),
             qPrintable(read.standardOutput));
    QVERIFY(!server.logLinesContaining("method=XOAUTH2").isEmpty());
    QCOMPARE(server.logLinesContaining("method=PLAIN").size(), passwordLogins);

    // --password-env belongs to password accounts.
    const CliRun withPassword = run({QStringLiteral("bounces"),
                                     path,
                                     QStringLiteral("--password-env"),
                                     QStringLiteral("BULKMAIL_IMAP_PASSWORD")},
                                    server.credentials().password);
    QCOMPARE(withPassword.exitCode, 1);
    QVERIFY2(withPassword.standardError.contains(QLatin1String("OAuth2")),
             qPrintable(withPassword.standardError));

    // A token the server refuses: a script's token cannot be renewed, so one sign-in, then
    // exit 1 naming the variable; never a second login.
    QVERIFY(oauth.refuseAccessTokens());
    const CliRun refused = run(arguments, QString(), token);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.standardError.contains(QLatin1String("TEST_ACCESS_TOKEN")),
             qPrintable(refused.standardError));
    QTRY_COMPARE_WITH_TIMEOUT(server.refusedSignIns("XOAUTH2"), 1, 10000);
}

// send --watch-bounces: once the messages are out the command keeps reading the mailbox, prints
// a report about one of them as it arrives (and in --events), records it, and Ctrl+C ends it
// with the send's exit status.
void TestCliBounces::sendWatchesBouncesAfterTheRun()
{
    ScriptedSmtpServer smtp;
    PrivateDovecot imap;
    QVERIFY(imap.start());
    const ImapEndpoint endpoint = imap.endpoint();
    const QString path = campaign(QJsonObject{{QStringLiteral("host"), endpoint.host},
                                              {QStringLiteral("port"), endpoint.port},
                                              {QStringLiteral("security"), QStringLiteral("none")},
                                              {QStringLiteral("username"),
                                               imap.credentials().username}},
                                  QJsonObject{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                              {QStringLiteral("port"), smtp.serverPort()},
                                              {QStringLiteral("security"), QStringLiteral("none")}});
    const QString events = m_dir->filePath(QStringLiteral("events.jsonl"));

    // Said before anything is sent: no password for the mailbox.
    const CliRun noPassword = run({QStringLiteral("send"), path, QStringLiteral("--watch-bounces")},
                                  {});
    QCOMPARE(noPassword.exitCode, 1);
    QVERIFY2(noPassword.standardError.contains(QLatin1String("BULKMAIL_IMAP_PASSWORD")),
             qPrintable(noPassword.standardError));
    QCOMPARE(smtp.receivedMessages().size(), 0);

    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("HOME"), m_dir->path());
    environment.insert(QStringLiteral("BULKMAIL_IMAP_PASSWORD"), imap.credentials().password);
    process.setProcessEnvironment(environment);
    QString standardError;
    connect(&process, &QProcess::readyReadStandardError, this, [&] {
        standardError += QString::fromUtf8(process.readAllStandardError());
    });
    process.start(QStringLiteral(BULKMAIL_CLI_PATH),
                  {QStringLiteral("send"),
                   path,
                   QStringLiteral("--watch-bounces=5"),
                   QStringLiteral("--events"),
                   events});
    QTRY_VERIFY2_WITH_TIMEOUT(standardError.contains(
                                  QLatin1String("Watching the mailbox for bounces until")),
                              qPrintable(standardError),
                              WaitMs);
    // The command's output is said if this fails: a run that ended without sending tells why.
    QTRY_VERIFY2(smtp.receivedMessages().size() == sent().size(), qPrintable(standardError));

    // A report about the message anna got, with the Message-ID the send gave it.
    const Result<QList<JournalEntry>> entries = readJournalEntries(SendJournal::pathFor(path));
    QVERIFY_RESULT(entries);
    QString annasId;
    for (const JournalEntry &entry : *entries) {
        if (entry.recipientIndex == 0 && entry.kind == JournalEntry::Kind::Sent)
            annasId = entry.messageId;
    }
    QVERIFY(!annasId.isEmpty());
    QVERIFY(appendToInbox(imap,
                          bounceSample("exchange-recipient-not-found.eml")
                              .replace(sent().at(0).second.toLatin1(), annasId.toLatin1())));
    QTRY_VERIFY2_WITH_TIMEOUT(standardError.contains(
                                  QLatin1String("anna.schmidt@contoso.com\thard\t5.1.10\trow 1")),
                              qPrintable(standardError),
                              WaitMs);
    QCOMPARE(process.state(), QProcess::Running); // still watching

    process.terminate(); // as Ctrl+C: the watch ends
    QSignalSpy finished(&process, &QProcess::finished);
    QVERIFY(process.state() == QProcess::NotRunning || finished.wait(WaitMs));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 0, qPrintable(standardError)); // every message was sent

    const Result<JournalState> state = readJournal(
        SendJournal::pathFor(path),
        [] {
            QList<Recipient> recipients;
            for (const auto &[email, id] : sent())
                recipients.append({email, QString()});
            return recipients;
        }(),
        SystemClock::instance());
    QVERIFY_RESULT(state);
    QCOMPARE(state->recipients.value(0).bounceSeverity, QStringLiteral("hard"));
    QFile eventFile(events);
    QVERIFY(eventFile.open(QIODevice::ReadOnly));
    QVERIFY(eventFile.readAll().contains(R"("type":"bounced")"));
}

QTEST_GUILESS_MAIN(TestCliBounces)
#include "tst_clibounces.moc"
