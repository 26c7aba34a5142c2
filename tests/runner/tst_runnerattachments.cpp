// Personal attachments through the real runner to a real server (aiosmtpd): each recipient gets
// exactly their own file, the journal says which bytes went to whom, and a file that is missing,
// ambiguous or changed since the check is never sent.

#include "campaign/campaigncheck.h"
#include "compose/personalattachments.h"
#include "pythonmessageparser.h"
#include "realservers.h"
#include "runnertesthelpers.h"

#include <QCryptographicHash>
#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace Bulkmail;
using namespace Bulkmail::Test;

namespace {

// A small valid PDF; `marker` makes each file's bytes (and size) its own.
QByteArray pdfFor(const QByteArray &marker)
{
    return "%PDF-1.4\n% " + marker
           + "\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages "
             "/Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestRunnerAttachments final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void eachRecipientGetsTheirOwnFile();
    void fileChangedSinceCheckIsHeld();
    void uncheckedFilesAreHeld();
    void unresolvedRecipientBlocksTheSend();
    void unresolvedRecipientIsHeldWhenAsked();
    void protectedPdfsGoOutEncrypted();

private:
    // Three employees, each with a payslip "<id> 工资条.pdf" in the folder.
    [[nodiscard]] CampaignPlan payslipPlan(const AiosmtpdServer &server) const;
    [[nodiscard]] QString payslipPath(const QString &id) const;
    // checkCampaign + the record, as `bulkmail-cli check` does.
    [[nodiscard]] CampaignCheck checkAndRecord(const Campaign &campaign) const;
    struct Run
    {
        CampaignSummary summary;
        QList<RecipientResult> results;
    };
    [[nodiscard]] Run run(const CampaignPlan &plan) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_folder;
};

void TestRunnerAttachments::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setTestLogLevel();
}

void TestRunnerAttachments::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_folder = m_dir->filePath(QStringLiteral("payslips"));
    QVERIFY(QDir().mkpath(m_folder));
    for (const char *id : {"E001", "E002", "E003"})
        QVERIFY(writeFile(payslipPath(QLatin1String(id)), pdfFor(id)));
}

QString TestRunnerAttachments::payslipPath(const QString &id) const
{
    return QDir(m_folder).filePath(id + QStringLiteral(" 工资条.pdf"));
}

CampaignPlan TestRunnerAttachments::payslipPlan(const AiosmtpdServer &server) const
{
    CampaignPlan plan = makePlan(3, server.host(), server.port());
    Campaign &campaign = plan.campaign;
    campaign.filePath = m_dir->filePath(QStringLiteral("payslips.bulkmail"));
    campaign.recipientFields = {QStringLiteral("employee_id")};
    for (int i = 0; i < 3; ++i)
        campaign.recipients[i].fields = {QStringLiteral("E00%1").arg(i + 1)};
    campaign.message.personalAttachments.folder = m_folder;
    campaign.message.personalAttachments.rules = {
        {PersonalAttachmentRule::Kind::Pattern, QStringLiteral("{{employee_id}} *.pdf")}};
    return plan;
}

CampaignCheck TestRunnerAttachments::checkAndRecord(const Campaign &campaign) const
{
    CampaignCheck check = checkCampaign(campaign);
    const Result<void> recorded = recordPersonalAttachmentCheck(campaign, check);
    if (!recorded)
        qWarning("%s", qPrintable(recorded.error().message));
    return check;
}

TestRunnerAttachments::Run TestRunnerAttachments::run(const CampaignPlan &plan) const
{
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(plan);
    if (!recorder.waitForFinished(30'000))
        qWarning("the run did not finish");
    return Run{recorder.summary(), recorder.results()};
}

void TestRunnerAttachments::eachRecipientGetsTheirOwnFile()
{
    AiosmtpdServer server;
    QVERIFY(server.start());
    const CampaignPlan plan = payslipPlan(server);
    const CampaignCheck check = checkAndRecord(plan.campaign);
    QVERIFY(check.canBeSent());
    QCOMPARE(check.personal.matchedCount, 3);

    const Run result = run(plan);
    QCOMPARE(result.summary.fatalError, QString());
    QCOMPARE(result.summary.sent, 3);

    QTRY_COMPARE(server.receivedMessages().size(), 3);
    for (const ReceivedMessage &message : server.receivedMessages()) {
        QCOMPARE(message.recipients.size(), 1);
        const int index = QString::fromLatin1(message.recipients[0]).mid(4, 1).toInt();
        const QString id = QStringLiteral("E00%1").arg(index + 1);
        const ParsedMessage parsed = parseWithPython(message.data);
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.attachmentFileNames(), QStringList{id + QStringLiteral(" 工资条.pdf")});
        QCOMPARE(parsed.parts.last().payload, pdfFor(id.toLatin1()));
    }

    // The journal answers "who got which file" with the hash of the bytes sent.
    const auto entries = readJournalEntries(SendJournal::pathFor(plan.campaign.filePath));
    QVERIFY_RESULT(entries);
    int sentLines = 0;
    for (const JournalEntry &entry : *entries) {
        if (entry.kind != JournalEntry::Kind::Sent && entry.kind != JournalEntry::Kind::InFlight)
            continue;
        sentLines += entry.kind == JournalEntry::Kind::Sent;
        const QString id = QStringLiteral("E00%1").arg(entry.recipientIndex + 1);
        QCOMPARE(entry.files.size(), 1);
        QCOMPARE(entry.files[0].fileName, id + QStringLiteral(" 工资条.pdf"));
        QCOMPARE(entry.files[0].size, pdfFor(id.toLatin1()).size());
        QCOMPARE(QString::fromLatin1(entry.files[0].sha256), sha256Hex(pdfFor(id.toLatin1())));
    }
    QCOMPARE(sentLines, 3);
}

void TestRunnerAttachments::fileChangedSinceCheckIsHeld()
{
    AiosmtpdServer server;
    QVERIFY(server.start());
    const CampaignPlan plan = payslipPlan(server);
    QVERIFY(checkAndRecord(plan.campaign).canBeSent());
    // Li's payslip replaced after the check (say, a corrected one dropped in by a colleague).
    QVERIFY(writeFile(payslipPath(QStringLiteral("E002")), pdfFor("E002 corrected")));

    const Run result = run(plan);
    QCOMPARE(result.summary.fatalError, QString());
    QCOMPARE(result.summary.sent, 2);
    QCOMPARE(result.summary.held, 1);
    const auto held = std::find_if(result.results.cbegin(),
                                   result.results.cend(),
                                   [](const RecipientResult &r) {
                                       return r.status == RecipientResult::Status::Held;
                                   });
    QVERIFY(held != result.results.cend());
    QCOMPARE(held->recipientIndex, 1);
    QVERIFY2(held->text.contains(QLatin1String("changed since the check")), qPrintable(held->text));
    // The same as a code for the window; the English (journal, log, CLI) made from it.
    QCOMPARE(held->note, DeliveryNote::PersonalFileChanged);
    QCOMPARE(held->noteArguments.value(0), QStringLiteral("E002 工资条.pdf"));
    QCOMPARE(held->noteArguments.value(1), QStringLiteral("size"));
    QCOMPARE(held->text, englishDeliveryNote(held->note, held->noteArguments));
    QTRY_COMPARE(server.receivedMessages().size(), 2);
    for (const ReceivedMessage &message : server.receivedMessages())
        QVERIFY(message.recipients[0] != recipientAddress(1).toLatin1());

    // A new check accepts the new file; the resumed run sends Li only.
    QVERIFY(checkAndRecord(plan.campaign).personal.changedSinceLastCheck.size() == 1);
    const Run again = run(plan);
    QCOMPARE(again.summary.sent, 1);
    QCOMPARE(again.summary.previouslySent, 2);
    QTRY_COMPARE(server.receivedMessages().size(), 3);
}

void TestRunnerAttachments::uncheckedFilesAreHeld()
{
    AiosmtpdServer server;
    QVERIFY(server.start());
    const Run result = run(payslipPlan(server));
    QCOMPARE(result.summary.sent, 0);
    QCOMPARE(result.summary.held, 3);
    for (const RecipientResult &r : result.results) {
        QVERIFY2(r.text.contains(QLatin1String("run the check first")), qPrintable(r.text));
        QCOMPARE(r.note, DeliveryNote::PersonalFileNotChecked);
        QCOMPARE(r.text, englishDeliveryNote(r.note, r.noteArguments));
    }
    QCOMPARE(server.receivedMessages().size(), 0);
}

void TestRunnerAttachments::unresolvedRecipientBlocksTheSend()
{
    AiosmtpdServer server;
    QVERIFY(server.start());
    QVERIFY(QFile::remove(payslipPath(QStringLiteral("E003"))));
    QVERIFY(writeFile(QDir(m_folder).filePath(QStringLiteral("E001 工资条 (old).pdf")), "old"));
    const CampaignPlan plan = payslipPlan(server);
    const CampaignCheck check = checkAndRecord(plan.campaign);
    QVERIFY(!check.canBeSent());
    QCOMPARE(check.personal.missingCount, 1);
    QCOMPARE(check.personal.ambiguousCount, 1);

    const Run result = run(plan);
    QVERIFY2(result.summary.fatalError.contains(QLatin1String("2 recipient(s)")),
             qPrintable(result.summary.fatalError));
    // The first held recipient's note follows the count and its English, for the window.
    const EngineReason &reason = result.summary.stopReason;
    QCOMPARE(reason.code, EngineReason::Code::PersonalFilesUnresolved);
    QCOMPARE(reason.arguments.value(2).toInt(),
             static_cast<int>(DeliveryNote::PersonalFilesBlocked));
    QCOMPARE(englishDeliveryNote(DeliveryNote::PersonalFilesBlocked, reason.arguments.mid(3)),
             reason.arguments.value(1));
    QCOMPARE(reason.arguments.mid(3).value(0), QStringLiteral("ambiguous")); // E001 comes first
    QCOMPARE(result.summary.sent, 0);
    QCOMPARE(server.connectionCount(), 0); // nothing, not even a connection
}

void TestRunnerAttachments::unresolvedRecipientIsHeldWhenAsked()
{
    AiosmtpdServer server;
    QVERIFY(server.start());
    QVERIFY(QFile::remove(payslipPath(QStringLiteral("E003"))));
    CampaignPlan plan = payslipPlan(server);
    plan.campaign.message.personalAttachments.whenUnresolved = PersonalAttachmentSettings::
        WhenUnresolved::Hold;
    const CampaignCheck check = checkAndRecord(plan.campaign);
    QVERIFY(check.canBeSent());
    QCOMPARE(check.personal.unresolved, QList<int>{2});

    const Run result = run(plan);
    QCOMPARE(result.summary.fatalError, QString());
    QCOMPARE(result.summary.sent, 2);
    QCOMPARE(result.summary.held, 1);
    const auto held = std::find_if(result.results.cbegin(),
                                   result.results.cend(),
                                   [](const RecipientResult &r) {
                                       return r.status == RecipientResult::Status::Held;
                                   });
    QVERIFY(held != result.results.cend());
    QCOMPARE(held->note, DeliveryNote::PersonalFilesBlocked);
    QCOMPARE(held->noteArguments.value(0), QStringLiteral("missing"));
    QVERIFY2(held->text.startsWith(QLatin1String("personal attachment: rule 1 (")),
             qPrintable(held->text));
    QCOMPARE(held->text, englishDeliveryNote(held->note, held->noteArguments));
    QTRY_COMPARE(server.receivedMessages().size(), 2);
}

void TestRunnerAttachments::protectedPdfsGoOutEncrypted()
{
    AiosmtpdServer server;
    QVERIFY(server.start());
    CampaignPlan plan = payslipPlan(server);
    plan.campaign.message.personalAttachments.pdfPasswordTemplate = QStringLiteral(
        "{{employee_id}}");
    plan.campaign.recipients[2].fields = {QString()}; // no ID: nothing to protect it with
    QVERIFY(QFile::remove(payslipPath(QStringLiteral("E003"))));
    plan.campaign.message.personalAttachments.whenUnresolved = PersonalAttachmentSettings::
        WhenUnresolved::Hold;
    QVERIFY(checkAndRecord(plan.campaign).canBeSent());

    const Run result = run(plan);
    QCOMPARE(result.summary.sent, 2);
    QTRY_COMPARE(server.receivedMessages().size(), 2);
    QHash<QString, QByteArray> received; // file name -> bytes as received
    for (const ReceivedMessage &message : server.receivedMessages()) {
        const ParsedMessage parsed = parseWithPython(message.data);
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        const QByteArray pdf = parsed.parts.last().payload;
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.contains("/Encrypt"));
        QVERIFY(!pdf.contains("% E00")); // the marker comment is gone with the plain text
        received.insert(parsed.attachmentFileNames().value(0), pdf);
    }
    // The journal's hash is of the encrypted bytes that went out, and says they were protected.
    const auto entries = readJournalEntries(SendJournal::pathFor(plan.campaign.filePath));
    QVERIFY_RESULT(entries);
    int checked = 0;
    for (const JournalEntry &entry : *entries) {
        if (entry.kind != JournalEntry::Kind::Sent)
            continue;
        QCOMPARE(entry.files.size(), 1);
        QVERIFY(entry.files[0].isProtected);
        QCOMPARE(QString::fromLatin1(entry.files[0].sha256),
                 sha256Hex(received.value(entry.files[0].fileName)));
        ++checked;
    }
    QCOMPARE(checked, 2);
}

QTEST_GUILESS_MAIN(TestRunnerAttachments)
#include "tst_runnerattachments.moc"
