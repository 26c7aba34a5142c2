// The copy to Sent as the real CampaignRunner makes it (issue 16): the SMTP side is the scripted
// server (it keeps the exact bytes it accepted), the mailbox a private Dovecot. Each delivered
// message lands in Sent once, byte for byte what the SMTP server accepted, and a refused one does
// not; each copy is in the journal; a refused IMAP password never stops or slows the sending, and
// what could not be copied is copied by the next run, never twice; a rehearsal copies nothing.
#include "imap/sentcopier.h"
#include "privatedovecot.h"
#include "runner/rehearsalplan.h"
#include "runnertesthelpers.h"
#include "scriptedsmtpserver.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;

class tst_RunnerSentCopy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eachDeliveredMessageIsCopiedOnceAsSent();
    void refusedMailboxPasswordLeavesSendingAloneAndTheNextRunCopies();
    void rehearsalCopiesNothing();
};

namespace {

constexpr int Recipients = 12;
constexpr int Rejected = 4; // user4 is refused at RCPT: delivered to nobody, copied nowhere

QStringList journalEvents(const QString &path, const QString &event)
{
    QStringList texts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return texts;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.value(QLatin1String("event")).toString() == event)
            texts.append(object.value(QLatin1String("text")).toString());
    }
    return texts;
}

CampaignPlan planFor(const ScriptedSmtpServer &smtp,
                     const PrivateDovecot &imap,
                     const QString &campaignPath)
{
    CampaignPlan plan = makePlan(Recipients, QStringLiteral("127.0.0.1"), smtp.serverPort());
    plan.campaign.filePath = campaignPath;
    plan.campaign.mailbox.username = imap.credentials().username; // the SMTP relay needs none
    plan.campaign.mailbox.server = imap.endpoint();
    plan.campaign.mailbox.copyToSent = true;
    plan.mailboxPassword = imap.credentials().password;
    return plan;
}

CampaignSummary run(const CampaignPlan &plan)
{
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(plan);
    if (!recorder.waitForFinished(60'000))
        return {};
    if (!recorder.summary().fatalError.isEmpty())
        qWarning("the run stopped: %s", qPrintable(recorder.summary().fatalError));
    return recorder.summary();
}

} // namespace

void tst_RunnerSentCopy::initTestCase()
{
    setTestLogLevel();
}

void tst_RunnerSentCopy::eachDeliveredMessageIsCopiedOnceAsSent()
{
    ScriptedSmtpServer smtp;
    smtp.setRecipientReply(recipientAddress(Rejected).toUtf8(), "550 5.1.1 No such user");
    PrivateDovecot imap;
    QVERIFY(imap.start());
    QTemporaryDir directory;
    const QString campaignPath = directory.filePath(QStringLiteral("payslips.bulkmail"));

    const CampaignSummary summary = run(planFor(smtp, imap, campaignPath));
    QCOMPARE(summary.sent, Recipients - 1);
    QCOMPARE(summary.failed, 1);
    QVERIFY(summary.sentCopies.enabled);
    QCOMPARE(summary.sentCopies.copied, Recipients - 1);
    QCOMPARE(summary.sentCopies.failed, 0);
    QCOMPARE(summary.sentCopies.mailbox, QStringLiteral("Sent"));

    // Byte for byte what the SMTP server accepted (Dovecot's Maildir keeps LF line ends).
    QList<QByteArray> accepted;
    for (const ScriptedMessage &message : smtp.receivedMessages())
        accepted.append(QByteArray(message.data).replace("\r\n", "\n"));
    QList<QByteArray> copies = imap.messagesIn(QStringLiteral("Sent"));
    std::sort(accepted.begin(), accepted.end());
    std::sort(copies.begin(), copies.end());
    QCOMPARE(copies.size(), Recipients - 1);
    QCOMPARE(copies, accepted);
    for (const QByteArray &copy : std::as_const(copies))
        QVERIFY(!copy.contains(recipientAddress(Rejected).toUtf8()));

    const QString journal = SendJournal::pathFor(campaignPath);
    QCOMPARE(journalEvents(journal, QStringLiteral("copiedToSent")).size(), Recipients - 1);
    QVERIFY(
        journalEvents(journal, QStringLiteral("copiedToSent")).first().contains(u"copied to Sent"));
    QVERIFY(SentCopySpool(SentCopies::spoolDirectoryFor(journal)).keys().isEmpty());
}

void tst_RunnerSentCopy::refusedMailboxPasswordLeavesSendingAloneAndTheNextRunCopies()
{
    ScriptedSmtpServer smtp;
    PrivateDovecot imap;
    QVERIFY(imap.start());
    QTemporaryDir directory;
    const QString campaignPath = directory.filePath(QStringLiteral("notice.bulkmail"));
    const QString journal = SendJournal::pathFor(campaignPath);

    CampaignPlan wrong = planFor(smtp, imap, campaignPath);
    wrong.mailboxPassword = QStringLiteral("not the password");
    const CampaignSummary first = run(wrong);
    QCOMPARE(first.sent, Recipients);
    QVERIFY(first.fatalError.isEmpty());
    QCOMPARE(first.sentCopies.copied, 0);
    QCOMPARE(first.sentCopies.failed, Recipients);
    QCOMPARE(first.sentCopies.keptForLater, Recipients);
    QVERIFY2(first.sentCopies.problem.contains(QLatin1String("refused")),
             qPrintable(first.sentCopies.problem));
    QTRY_COMPARE(imap.logLinesContaining("Password mismatch").size(), 1); // one login, not 12
    QCOMPARE(journalEvents(journal, QStringLiteral("sentCopyFailed")).size(), Recipients);
    QCOMPARE(SentCopySpool(SentCopies::spoolDirectoryFor(journal)).keys().size(), Recipients);

    // The next run (the password fixed) sends nobody again and copies what waited.
    const CampaignSummary second = run(planFor(smtp, imap, campaignPath));
    QCOMPARE(second.sent, 0);
    QCOMPARE(second.previouslySent, Recipients);
    QCOMPARE(second.sentCopies.copied, Recipients);
    QCOMPARE(smtp.receivedMessages().size(), Recipients);
    QCOMPARE(imap.messagesIn(QStringLiteral("Sent")).size(), Recipients);
    QVERIFY(SentCopySpool(SentCopies::spoolDirectoryFor(journal)).keys().isEmpty());

    // And a third finds nothing to copy.
    const CampaignSummary third = run(planFor(smtp, imap, campaignPath));
    QCOMPARE(third.sentCopies.copied + third.sentCopies.alreadyThere, 0);
    QCOMPARE(imap.messagesIn(QStringLiteral("Sent")).size(), Recipients);
}

void tst_RunnerSentCopy::rehearsalCopiesNothing()
{
    ScriptedSmtpServer sandbox;
    PrivateDovecot imap;
    QVERIFY(imap.start());
    QTemporaryDir directory;
    const CampaignPlan real = planFor(sandbox,
                                      imap,
                                      directory.filePath(QStringLiteral("rehearsed.bulkmail")));
    const CampaignPlan rehearsal = rehearsalPlan(real, sandbox.serverPort());
    QVERIFY(!rehearsal.campaign.mailbox.copyToSent);
    QCOMPARE(rehearsal.journal, CampaignPlan::Journal::Off);
    const CampaignSummary summary = run(rehearsal);
    QCOMPARE(summary.sent, Recipients);
    QVERIFY(!summary.sentCopies.enabled);
    QVERIFY(imap.messagesIn(QStringLiteral("Sent")).isEmpty());
    QVERIFY(imap.logLinesContaining("Login:").isEmpty());
}

QTEST_GUILESS_MAIN(tst_RunnerSentCopy)
#include "tst_runnersentcopy.moc"
