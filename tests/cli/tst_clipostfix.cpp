// bulkmail-cli against the server of every office relay: a private, real Postfix MTA with
// STARTTLS, SASL and its anvil rate limit, and a recipient restriction. What is asserted comes
// from Postfix's own log as well as from Bulkmail's events: nobody failed who should not have,
// nobody got the message twice, only a few refusals per rate window, and every session ended
// with QUIT.
#include "privatedovecot.h"
#include "privatepostfix.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

#include <unistd.h>

using namespace Bulkmail::Test;

namespace {

constexpr auto Password = "correct horse battery";

QString recipient(int i)
{
    return QStringLiteral("user%1@example.org").arg(i, 4, 10, QLatin1Char('0'));
}

struct CliResult
{
    int exitCode = -1;
    QString ending; // "exit code 2", "crashed", "still running after 240 s"
    QByteArray output;
    QJsonObject summary;
    int throttledResults = 0;
};

} // namespace

class TestCliPostfix : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rateLimitedPostfixFinishesWithNobodyFailed();
    void greylistedAndUnknownRecipientsConcernOnlyThem();
    void officeAccountCopiesEachMessageToSent();

private:
    QString writeCampaign(const QString &name,
                          const PrivatePostfix &postfix,
                          const QJsonObject &sending,
                          int recipients);
    CliResult send(const QString &campaign);

    QTemporaryDir m_dir;
};

void TestCliPostfix::initTestCase()
{
    if (geteuid() != 0)
        QSKIP("the private Postfix starts as root");
    QVERIFY(m_dir.isValid());
}

// The office loop with both real servers: Postfix takes the messages (STARTTLS, SASL), Dovecot
// holds the account's mailbox (implicit TLS, the same password). Each delivered message is
// copied to Sent once, the unknown recipient's is not, and the CLI says so.
void TestCliPostfix::officeAccountCopiesEachMessageToSent()
{
    constexpr int total = 6;
    PrivatePostfixOptions options;
    options.username = QStringLiteral("office");
    options.password = QString::fromLatin1(Password);
    options.requireAuth = true;
    options.recipientActions.insert(recipient(2), QStringLiteral("550 5.1.1 User unknown"));
    PrivatePostfix postfix(options);
    QVERIFY(postfix.start());
    PrivateDovecotOptions mailboxOptions;
    mailboxOptions.tls = PrivateDovecotOptions::Tls::Implicit;
    mailboxOptions.username = QStringLiteral("office");
    mailboxOptions.password = QString::fromLatin1(Password);
    PrivateDovecot dovecot(mailboxOptions);
    QVERIFY(dovecot.start());

    const QString path = writeCampaign(QStringLiteral("sent-copies"), postfix, {}, total);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject campaign = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    campaign.insert(QStringLiteral("mailbox"),
                    QJsonObject{{QStringLiteral("host"), QStringLiteral("localhost")},
                                {QStringLiteral("port"), dovecot.port()},
                                {QStringLiteral("security"), QStringLiteral("tls")},
                                {QStringLiteral("trustCertificate"), postfix.caCertificatePath()},
                                {QStringLiteral("copyToSent"), true}});
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(campaign).toJson());
    file.close();

    const CliResult result = send(path);
    QCOMPARE(result.exitCode, 2); // ExitSomeFailed: one recipient failed for good
    QCOMPARE(result.summary.value(u"sent").toInt(), total - 1);
    QCOMPARE(result.summary.value(u"sentCopies").toInt(), total - 1);
    QCOMPARE(result.summary.value(u"sentCopiesFailed").toInt(), 0);
    QVERIFY2(result.output.contains("Copies in Sent (\"Sent\"): 5 copied, 0 already there, 0 not "
                                    "copied."),
             result.output.constData());
    const QList<QByteArray> copies = dovecot.messagesIn(QStringLiteral("Sent"));
    QCOMPARE(copies.size(), total - 1);
    for (const QByteArray &copy : copies)
        QVERIFY(!copy.contains(recipient(2).toUtf8()));
    QCOMPARE(dovecot.logLinesContaining("Login: user=<office>").size(), 1);
    QVERIFY(!result.output.contains(Password)); // never the secret
}

QString TestCliPostfix::writeCampaign(const QString &name,
                                      const PrivatePostfix &postfix,
                                      const QJsonObject &sending,
                                      int recipients)
{
    QJsonArray list;
    for (int i = 1; i <= recipients; ++i)
        list.append(QJsonObject{{QStringLiteral("email"), recipient(i)},
                                {QStringLiteral("name"), QStringLiteral("User %1").arg(i)}});
    const QJsonObject campaign{
        {QStringLiteral("format"), QStringLiteral("bulkmail-campaign")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("name"), name},
        {QStringLiteral("server"),
         QJsonObject{{QStringLiteral("host"), QStringLiteral("localhost")},
                     {QStringLiteral("port"), postfix.port()},
                     {QStringLiteral("security"), QStringLiteral("starttls")},
                     {QStringLiteral("username"), QStringLiteral("office")},
                     {QStringLiteral("trustCertificate"), postfix.caCertificatePath()}}},
        {QStringLiteral("sending"), sending},
        {QStringLiteral("message"),
         QJsonObject{{QStringLiteral("from"), QStringLiteral("Office <office@example.com>")},
                     {QStringLiteral("subject"), QStringLiteral("Notice for {{name}}")},
                     {QStringLiteral("text"), QStringLiteral("Dear {{name}},\nthe notice.\n")}}},
        {QStringLiteral("recipients"), list}};
    const QString path = m_dir.filePath(name + QStringLiteral(".bulkmail"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(QJsonDocument(campaign).toJson());
    return path;
}

CliResult TestCliPostfix::send(const QString &campaign)
{
    const QString events = campaign + QStringLiteral(".events");
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("BULKMAIL_PASSWORD"), QString::fromLatin1(Password));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
    environment.insert(QStringLiteral("HOME"), m_dir.path());
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(BULKMAIL_CLI_PATH),
                  {QStringLiteral("send"), campaign, QStringLiteral("--events"), events});
    CliResult result;
    if (!finished.wait(240'000)) {
        process.kill();
        process.waitForFinished();
        result.ending = QStringLiteral("still running after 240 s");
    } else if (process.exitStatus() != QProcess::NormalExit) {
        result.ending = QStringLiteral("crashed");
    } else {
        result.exitCode = process.exitCode();
        result.ending = QStringLiteral("exit code %1").arg(result.exitCode);
    }
    result.output = process.readAll();
    QFile file(events);
    if (file.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : file.readAll().split('\n')) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            const QString type = event.value(u"type").toString();
            if (type == u"summary")
                result.summary = event;
            else if (type == u"message" && event.value(u"status").toString() == u"throttled")
                ++result.throttledResults;
        }
    }
    return result;
}

// Postfix allows 5 messages per 5 s (smtpd_client_message_rate_limit with a short
// anvil_rate_time_unit, so that the test takes under a minute: the same shape as 30 a minute).
// The campaign does not know the limit: it finds the pace, fails nobody, sends nobody twice, and
// provokes only a few refusals per window.
void TestCliPostfix::rateLimitedPostfixFinishesWithNobodyFailed()
{
    constexpr int total = 40;
    constexpr int limit = 5;
    constexpr int windowSeconds = 5;
    PrivatePostfixOptions options;
    options.username = QStringLiteral("office");
    options.password = QString::fromLatin1(Password);
    options.requireAuth = true;
    options.messageRateLimit = limit;
    options.anvilRateTimeUnitSeconds = windowSeconds;
    PrivatePostfix postfix(options);
    QVERIFY(postfix.start());

    const QString campaign = writeCampaign(QStringLiteral("anvil"),
                                           postfix,
                                           {{QStringLiteral("ratePerSecond"), 10},
                                            {QStringLiteral("maxMessagesPerConnection"), 50}},
                                           total);
    QElapsedTimer elapsed;
    elapsed.start();
    const CliResult result = send(campaign);
    const qint64 seconds = elapsed.elapsed() / 1000;
    if (result.exitCode != 0) {
        // QtTest cuts a failure message at 1,024 bytes: the whole story goes to stderr, so that
        // CI's log keeps what the command and the server said.
        std::fprintf(stderr,
                     "bulkmail-cli ended with %s after %lld s; its output:\n%s\nPostfix's log:\n",
                     qPrintable(result.ending),
                     seconds,
                     result.output.constData());
        // Postfix's side in short: its refusals, warnings and the ends of sessions.
        for (const QByteArray &line : postfix.logLines()) {
            for (const char *word : {"reject",
                                     "warning",
                                     "error",
                                     "fatal",
                                     "panic",
                                     "disconnect",
                                     "lost connection",
                                     "timeout"}) {
                if (line.contains(word)) {
                    std::fprintf(stderr, "%s\n", line.constData());
                    break;
                }
            }
        }
    }
    QVERIFY2(result.exitCode == 0, qPrintable(result.ending));
    QCOMPARE(result.summary.value(u"sent").toInt(), total);
    QCOMPARE(result.summary.value(u"failed").toInt(), 0);

    // Postfix's own account: each recipient delivered exactly once.
    QTRY_COMPARE_WITH_TIMEOUT(postfix.deliveredRecipients().size(), total, 10'000);
    const QList<QByteArray> delivered = postfix.deliveredRecipients();
    for (int i = 1; i <= total; ++i)
        QCOMPARE(delivered.count(recipient(i).toUtf8()), 1);
    // Only a few refusals per window: never one per message.
    const int refusals = int(postfix.rateLimitRefusals().size());
    const int windows = int(seconds / windowSeconds) + 1;
    qInfo("%d messages at %d per %d s: %lld s, %d refusals in %d windows, %d throttled results",
          total,
          limit,
          windowSeconds,
          seconds,
          refusals,
          windows,
          result.throttledResults);
    QVERIFY2(refusals <= 3 * windows, qPrintable(QStringLiteral("%1 refusals").arg(refusals)));
    // Every session ended with our QUIT (the rate refusals never got a session dropped), and a
    // handful of logins did the whole campaign.
    const QList<PostfixSession> sessions = postfix.sessions();
    QVERIFY(!sessions.isEmpty());
    for (const PostfixSession &session : sessions)
        QVERIFY2(session.succeeded("quit") == 1, session.line.constData());
    QVERIFY2(result.summary.value(u"logins").toInt() <= 3,
             qPrintable(QString::number(result.summary.value(u"logins").toInt())));
}

// A greylisting restriction and an unknown user concern those two recipients only: everybody else
// goes out at once, nothing is throttled, the greylisted one is retried and the unknown one fails.
void TestCliPostfix::greylistedAndUnknownRecipientsConcernOnlyThem()
{
    constexpr int total = 20;
    PrivatePostfixOptions options;
    options.username = QStringLiteral("office");
    options.password = QString::fromLatin1(Password);
    options.requireAuth = true;
    options.recipientActions.insert(recipient(3), QStringLiteral("450 4.7.1 try again later"));
    options.recipientActions.insert(recipient(5), QStringLiteral("550 5.1.1 User unknown"));
    PrivatePostfix postfix(options);
    QVERIFY(postfix.start());
    const QString campaign = writeCampaign(QStringLiteral("greylisting"),
                                           postfix,
                                           {{QStringLiteral("maxAttempts"), 2},
                                            {QStringLiteral("retryDelaySeconds"), 1}},
                                           total);
    const CliResult result = send(campaign);
    QVERIFY2(result.exitCode == 2, result.output.right(3000).constData());
    QCOMPARE(result.summary.value(u"sent").toInt(), total - 2);
    QCOMPARE(result.summary.value(u"failed").toInt(), 2);
    QCOMPARE(result.throttledResults, 0);
    QTRY_COMPARE_WITH_TIMEOUT(postfix.deliveredRecipients().size(), total - 2, 10'000);
    // The greylisted recipient was tried twice (its attempts), the unknown one once.
    const QList<QByteArray> rejected = postfix.rejectedRecipients();
    QCOMPARE(rejected.count(recipient(3).toUtf8()), 2);
    QCOMPARE(rejected.count(recipient(5).toUtf8()), 1);
    for (const PostfixSession &session : postfix.sessions())
        QVERIFY2(session.succeeded("quit") == 1, session.line.constData());
}

QTEST_GUILESS_MAIN(TestCliPostfix)
#include "tst_clipostfix.moc"
