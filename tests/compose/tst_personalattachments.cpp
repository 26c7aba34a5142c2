#include "compose/mimecomposer.h"
#include "compose/personalattachments.h"
#include "delivery/deliverynote.h"
#include "document/campaignfile.h"
#include "pythonmessageparser.h"
#include "testpdf.h"
#include "testresult.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

Recipient person(const QString &email, const QString &id, const QString &certificate = {})
{
    return Recipient{email, QString(), {id, certificate}};
}

} // namespace

class TestPersonalAttachments final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void mergesFieldsLiterally_data();
    void mergesFieldsLiterally();
    void unknownFieldIsAnError();
    void resolvesMissingAmbiguousAndUnmatched();
    void namesCompareIgnoringCase();
    void columnRule();
    void optionalRule();
    void recordRoundTripAndChanges();
    void holdReasonsKeepTheirEnglish();
    void fingerprintReusesHashOnlyWhenUnchanged();
    void campaignFileRoundTrip();
    void campaignFileRejectsBadRules_data();
    void campaignFileRejectsBadRules();
    void composerAttachesPersonalFileWithBothNameForms();
    void readAttachmentHashesWhatItEncodes();

private:
    [[nodiscard]] Campaign payslipCampaign() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_folder;
};

void TestPersonalAttachments::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestPersonalAttachments::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_folder = m_dir->filePath(QStringLiteral("payslips"));
    QVERIFY(QDir().mkpath(m_folder));
}

Campaign TestPersonalAttachments::payslipCampaign() const
{
    Campaign campaign;
    campaign.message.from = QStringLiteral("hr@example.org");
    campaign.recipientFields = {QStringLiteral("employee_id"), QStringLiteral("certificate")};
    campaign.message.personalAttachments.folder = m_folder;
    campaign.message.personalAttachments.rules = {
        {PersonalAttachmentRule::Kind::Pattern, QStringLiteral("{{employee_id}}*.pdf")}};
    return campaign;
}

void TestPersonalAttachments::mergesFieldsLiterally_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<bool>("matches");
    QTest::newRow("plain") << "E001"
                           << "E001-2026-11.pdf" << true;
    QTest::newRow("wildcard in value is literal") << "E*"
                                                  << "E001-2026-11.pdf" << false;
    QTest::newRow("wildcard value matches itself") << "E*"
                                                   << "E*.pdf" << true;
    QTest::newRow("question mark is literal") << "E00?"
                                              << "E001.pdf" << false;
    QTest::newRow("regex characters are literal") << "E.01"
                                                  << "EX01.pdf" << false;
    QTest::newRow("brackets are literal") << "[E]01"
                                          << "[E]01.pdf" << true;
    QTest::newRow("Chinese") << "王小明"
                             << "王小明 工资条.pdf" << true;
    QTest::newRow("prefix of another id") << "E1"
                                          << "E12.pdf" << true; // why patterns need care
}

void TestPersonalAttachments::mergesFieldsLiterally()
{
    QFETCH(QString, value);
    QFETCH(QString, fileName);
    QFETCH(bool, matches);
    const auto merged = mergeFilePattern(QStringLiteral("{{ employee_id }}*.pdf"),
                                         {QStringLiteral("employee_id")},
                                         {value});
    QVERIFY_RESULT(merged);
    QVERIFY(merged->emptyField.isEmpty());
    const QRegularExpression expression(merged->regularExpression,
                                        QRegularExpression::CaseInsensitiveOption);
    QVERIFY(expression.isValid());
    QCOMPARE(expression.match(fileName).hasMatch(), matches);
}

void TestPersonalAttachments::unknownFieldIsAnError()
{
    Campaign campaign = payslipCampaign();
    campaign.message.personalAttachments.rules[0].value = QStringLiteral("{{staff_no}}.pdf");
    campaign.recipients = {person(QStringLiteral("a@example.org"), QStringLiteral("E001"))};
    const AttachmentResolution resolution = resolvePersonalAttachments(campaign);
    QVERIFY(resolution.error.contains(QLatin1String("staff_no")));
    QVERIFY(resolution.recipients.at(0).fileNames.isEmpty());
}

void TestPersonalAttachments::resolvesMissingAmbiguousAndUnmatched()
{
    for (const char *name : {"E001-2026-11.pdf",
                             "E002-2026-11.pdf",
                             "E002-2026-11-old.pdf",
                             "E009-2026-11.pdf",
                             ".hidden.pdf"}) {
        QVERIFY(writeFile(QDir(m_folder).filePath(QLatin1String(name)), Test::minimalPdf(name)));
    }
    Campaign campaign = payslipCampaign();
    campaign.recipients = {
        person(QStringLiteral("wang@example.org"), QStringLiteral("E001")),
        person(QStringLiteral("li@example.org"), QStringLiteral("E002")),
        person(QStringLiteral("zhao@example.org"), QStringLiteral("E003")),
        person(QStringLiteral("empty@example.org"), QString()),
    };
    const AttachmentResolution resolution = resolvePersonalAttachments(campaign);
    QVERIFY2(resolution.error.isEmpty(), qPrintable(resolution.error));
    QCOMPARE(resolution.recipients.size(), size_t(4));

    QCOMPARE(resolution.recipients[0].fileNames, QStringList{QStringLiteral("E001-2026-11.pdf")});
    QVERIFY(!resolution.recipients[0].isBlocked());

    const RecipientAttachments &li = resolution.recipients[1];
    QVERIFY(li.fileNames.isEmpty()); // never a guess
    QCOMPARE(li.problems.size(), 1);
    QCOMPARE(li.problems[0].kind, AttachmentProblem::Kind::Ambiguous);
    QCOMPARE(li.problems[0].candidates,
             (QStringList{QStringLiteral("E002-2026-11-old.pdf"),
                          QStringLiteral("E002-2026-11.pdf")}));
    QVERIFY(li.isBlocked());
    QVERIFY(englishDeliveryNote(DeliveryNote::PersonalFilesBlocked,
                                li.blockArguments(campaign.message.personalAttachments.rules))
                .contains(QLatin1String("E002-2026-11-old.pdf")));

    QCOMPARE(resolution.recipients[2].problems.value(0).kind, AttachmentProblem::Kind::Missing);
    QVERIFY(resolution.recipients[2].isBlocked());
    // An empty ID would match every payslip: it is a problem, not a wildcard.
    QCOMPARE(resolution.recipients[3].problems.value(0).kind, AttachmentProblem::Kind::EmptyField);
    QVERIFY(resolution.recipients[3].fileNames.isEmpty());

    QCOMPARE(resolution.unmatchedFiles, QStringList{QStringLiteral("E009-2026-11.pdf")});
    QVERIFY(!resolution.folderFiles.contains(QStringLiteral(".hidden.pdf")));
}

void TestPersonalAttachments::namesCompareIgnoringCase()
{
    QVERIFY(writeFile(QDir(m_folder).filePath(QStringLiteral("e001.PDF")), Test::minimalPdf("a")));
    Campaign campaign = payslipCampaign();
    campaign.recipients = {person(QStringLiteral("wang@example.org"), QStringLiteral("E001"))};
    QCOMPARE(resolvePersonalAttachments(campaign).recipients[0].fileNames,
             QStringList{QStringLiteral("e001.PDF")});
    // A second file differing only by case is ambiguous (one disk would call them the same).
    if (!writeFile(QDir(m_folder).filePath(QStringLiteral("E001.pdf")), Test::minimalPdf("b")))
        QSKIP("this file system does not tell names apart by case");
    QCOMPARE(resolvePersonalAttachments(campaign).recipients[0].problems.value(0).kind,
             AttachmentProblem::Kind::Ambiguous);
}

void TestPersonalAttachments::columnRule()
{
    QVERIFY(
        writeFile(QDir(m_folder).filePath(QStringLiteral("证书-王.pdf")), Test::minimalPdf("c")));
    QVERIFY(writeFile(m_dir->filePath(QStringLiteral("outside.pdf")), Test::minimalPdf("o")));
    Campaign campaign = payslipCampaign();
    campaign.message.personalAttachments.rules = {
        {PersonalAttachmentRule::Kind::Column, QStringLiteral("certificate")}};
    campaign.recipients = {
        person(QStringLiteral("wang@example.org"),
               QStringLiteral("E001"),
               QStringLiteral("证书-王.pdf")),
        person(QStringLiteral("li@example.org"),
               QStringLiteral("E002"),
               QStringLiteral("../outside.pdf")),
        person(QStringLiteral("zhao@example.org"), QStringLiteral("E003"), QStringLiteral("*.pdf")),
    };
    const AttachmentResolution resolution = resolvePersonalAttachments(campaign);
    QCOMPARE(resolution.recipients[0].fileNames, QStringList{QStringLiteral("证书-王.pdf")});
    // Never a file outside the folder, and a column value is a name, not a pattern.
    QCOMPARE(resolution.recipients[1].problems.value(0).kind, AttachmentProblem::Kind::NotAFileName);
    QCOMPARE(resolution.recipients[2].problems.value(0).kind, AttachmentProblem::Kind::Missing);
}

void TestPersonalAttachments::optionalRule()
{
    QVERIFY(writeFile(QDir(m_folder).filePath(QStringLiteral("E001.pdf")), Test::minimalPdf("p")));
    QVERIFY(
        writeFile(QDir(m_folder).filePath(QStringLiteral("E001-tax.pdf")), Test::minimalPdf("t")));
    QVERIFY(writeFile(QDir(m_folder).filePath(QStringLiteral("E002-tax-a.pdf")),
                      Test::minimalPdf("1")));
    QVERIFY(writeFile(QDir(m_folder).filePath(QStringLiteral("E002-tax-b.pdf")),
                      Test::minimalPdf("2")));
    Campaign campaign = payslipCampaign();
    campaign.message.personalAttachments.rules = {{PersonalAttachmentRule::Kind::Pattern,
                                                   QStringLiteral("{{employee_id}}.pdf")},
                                                  {PersonalAttachmentRule::Kind::Pattern,
                                                   QStringLiteral("{{employee_id}}-tax*.pdf"),
                                                   PersonalAttachmentRule::Need::Optional}};
    campaign.recipients = {person(QStringLiteral("wang@example.org"), QStringLiteral("E001")),
                           person(QStringLiteral("li@example.org"), QStringLiteral("E002")),
                           person(QStringLiteral("zhao@example.org"), QStringLiteral("E003"))};
    const AttachmentResolution resolution = resolvePersonalAttachments(campaign);
    QCOMPARE(resolution.recipients[0].fileNames,
             (QStringList{QStringLiteral("E001.pdf"), QStringLiteral("E001-tax.pdf")}));
    // Li has no payslip (required: blocks) and two tax files (ambiguous blocks even if optional).
    QCOMPARE(resolution.recipients[1].problems.size(), 2);
    QVERIFY(resolution.recipients[1].isBlocked());
    // Zhao lacks both; only the required one is a problem.
    QCOMPARE(resolution.recipients[2].problems.size(), 1);
    QCOMPARE(resolution.recipients[2].problems[0].rule, 0);
}

void TestPersonalAttachments::recordRoundTripAndChanges()
{
    const QString path = QDir(m_folder).filePath(QStringLiteral("E001.pdf"));
    QVERIFY(writeFile(path, Test::minimalPdf("one")));
    const auto fingerprint = fingerprintFile(path);
    QVERIFY_RESULT(fingerprint);
    QCOMPARE(fingerprint->sha256,
             QCryptographicHash::hash(Test::minimalPdf("one"), QCryptographicHash::Sha256).toHex());

    AttachmentRecord record;
    record.checkedAt = QDateTime::currentDateTimeUtc();
    record.folder = m_folder;
    record.files.insert(fingerprint->fileName, *fingerprint);
    const QString recordPath = AttachmentRecord::pathFor(
        m_dir->filePath(QStringLiteral("c.bulkmail")));
    QCOMPARE(recordPath, m_dir->filePath(QStringLiteral("c.bulkmail.attachments")));
    QVERIFY_RESULT(record.save(recordPath));
    const auto loaded = AttachmentRecord::load(recordPath);
    QVERIFY_RESULT(loaded);
    QCOMPARE(loaded->files.value(QStringLiteral("E001.pdf")), *fingerprint);
    QCOMPARE(describeChange(*fingerprint, *fingerprint), QString());

    // Same size, other bytes, and the time put back: only the hash tells.
    const QDateTime modified = QFileInfo(path).lastModified();
    QVERIFY(writeFile(path, Test::minimalPdf("two")));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(modified, QFileDevice::FileModificationTime));
    }
    const auto rehashed = fingerprintFile(path);
    QVERIFY_RESULT(rehashed);
    QVERIFY(describeChange(*fingerprint, *rehashed).contains(QLatin1String("content differs")));
    QVERIFY(describeChange(*fingerprint, statFile(QDir(m_folder).filePath(QStringLiteral("gone"))))
                .contains(QLatin1String("gone")));

    QVERIFY(AttachmentRecord::load(m_dir->filePath(QStringLiteral("none")))->files.isEmpty());
}

void TestPersonalAttachments::holdReasonsKeepTheirEnglish()
{
    // The window words a hold from its note's code and arguments; the English made from them
    // (journal, log, CLI) is word for word what it was before the codes.
    const QList<PersonalAttachmentRule> rules{{PersonalAttachmentRule::Kind::Pattern,
                                               QStringLiteral("{{employee_id}}*.pdf")},
                                              {PersonalAttachmentRule::Kind::Column,
                                               QStringLiteral("contract")}};
    RecipientAttachments files;
    files.problems = {{0,
                       AttachmentProblem::Kind::Ambiguous,
                       {QStringLiteral("E001.pdf"), QStringLiteral("E001 (old).pdf")}},
                      {1, AttachmentProblem::Kind::Missing},
                      {1, AttachmentProblem::Kind::EmptyField, {}, false}, // optional: no block
                      {1, AttachmentProblem::Kind::NotAFileName}};
    const QString english = QStringLiteral(
        "personal attachment: rule 1 ({{employee_id}}*.pdf): 2 files match (E001.pdf, E001 "
        "(old).pdf); Bulkmail never guesses; rule 2 (column contract): no file matches; rule 2 "
        "(column contract): the value is not a plain file name");
    QCOMPARE(englishDeliveryNote(DeliveryNote::PersonalFilesBlocked, files.blockArguments(rules)),
             english);
    QCOMPARE(files.blockArguments(rules).size(), 3 * PersonalFileProblemArguments);
    QCOMPARE(files.problems.at(1).describe(rules.at(1)),
             QStringLiteral("rule 2 (column contract): no file matches"));

    FileFingerprint then{QStringLiteral("E001.pdf"), 1200, QDateTime(), "aa"};
    FileFingerprint now = then;
    now.size = 1300;
    QCOMPARE(describeChange(then, now),
             QStringLiteral("\"E001.pdf\" changed since the check (1200 bytes then, 1300 now)"));
    QCOMPARE(englishDeliveryNote(DeliveryNote::PersonalFileChanged, fileChangeArguments(then, now)),
             QStringLiteral("personal attachment \"E001.pdf\" changed since the check (1200 "
                            "bytes then, 1300 now)"));
    now.size = 1200;
    now.modified = QDateTime(QDate(2026, 12, 2), QTime(10, 30), Qt::UTC);
    QCOMPARE(describeChange(then, now),
             QStringLiteral("\"E001.pdf\" changed since the check (modified "
                            "2026-12-02T10:30:00Z)"));
    QCOMPARE(englishDeliveryNote(DeliveryNote::PersonalPdfPasswordEmpty, {}),
             QStringLiteral("personal attachment: the field that gives the PDF its password is "
                            "empty"));
    QCOMPARE(englishDeliveryNote(DeliveryNote::PersonalFileNotChecked, {QStringLiteral("a.pdf")}),
             QStringLiteral("personal attachment \"a.pdf\" was not checked: run the check first"));
}

void TestPersonalAttachments::fingerprintReusesHashOnlyWhenUnchanged()
{
    const QString path = QDir(m_folder).filePath(QStringLiteral("E001.pdf"));
    QVERIFY(writeFile(path, Test::minimalPdf("one")));
    FileFingerprint previous = statFile(path);
    previous.sha256 = "recorded";
    QCOMPARE(fingerprintFile(path, &previous)->sha256, QByteArray("recorded"));
    QVERIFY(writeFile(path, Test::minimalPdf("longer content")));
    QVERIFY(fingerprintFile(path, &previous)->sha256 != QByteArray("recorded"));
}

void TestPersonalAttachments::campaignFileRoundTrip()
{
    const QByteArray json = R"({
  "format": "bulkmail-campaign",
  "version": 1,
  "name": "Payslips",
  "server": { "host": "smtp.example.org", "port": 587, "security": "starttls" },
  "message": {
    "from": "hr@example.org",
    "subject": "Payslip",
    "text": "Attached.",
    "personalAttachments": {
      "folder": "payslips",
      "rules": [ { "pattern": "{{employee_id}}*.pdf" }, { "column": "certificate", "required": false } ],
      "whenUnresolved": "hold",
      "protectPdfWith": "{{employee_id}}"
    }
  },
  "recipients": [ { "email": "wang@example.org", "employee_id": "E001", "certificate": "c.pdf" } ]
})";
    const auto campaign = parseCampaign(json, m_dir->path());
    QVERIFY_RESULT(campaign);
    const PersonalAttachmentSettings &settings = campaign->message.personalAttachments;
    QCOMPARE(settings.folder, m_folder);
    QCOMPARE(settings.rules.size(), 2);
    QCOMPARE(settings.rules[0],
             (PersonalAttachmentRule{PersonalAttachmentRule::Kind::Pattern,
                                     QStringLiteral("{{employee_id}}*.pdf")}));
    QCOMPARE(settings.rules[1],
             (PersonalAttachmentRule{PersonalAttachmentRule::Kind::Column,
                                     QStringLiteral("certificate"),
                                     PersonalAttachmentRule::Need::Optional}));
    QCOMPARE(settings.whenUnresolved, PersonalAttachmentSettings::WhenUnresolved::Hold);
    QCOMPARE(settings.pdfPasswordTemplate, QStringLiteral("{{employee_id}}"));

    const QByteArray saved = serializeCampaign(*campaign, m_dir->path());
    QVERIFY2(saved.contains("\"folder\": \"payslips\""), saved.constData());
    const auto again = parseCampaign(saved, m_dir->path());
    QVERIFY_RESULT(again);
    QCOMPARE(again->message.personalAttachments, settings);
    QCOMPARE(serializeCampaign(*again, m_dir->path()), saved);
}

void TestPersonalAttachments::campaignFileRejectsBadRules_data()
{
    QTest::addColumn<QByteArray>("personal");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown field")
        << QByteArray(R"({"folder": "p", "rules": [{"pattern": "x"}], "colour": 1})")
        << "message.personalAttachments.colour";
    QTest::newRow("rule with both")
        << QByteArray(R"({"folder": "p", "rules": [{"pattern": "x", "column": "y"}]})")
        << "rules[0]";
    QTest::newRow("no rules") << QByteArray(R"({"folder": "p", "rules": []})") << "rules";
    QTest::newRow("no folder") << QByteArray(R"({"rules": [{"pattern": "x"}]})") << "folder";
    QTest::newRow("directory in pattern")
        << QByteArray(R"({"folder": "p", "rules": [{"pattern": "../{{id}}"}]})")
        << "without a directory";
    QTest::newRow("bad policy") << QByteArray(
        R"({"folder": "p", "rules": [{"pattern": "x"}], "whenUnresolved": "guess"})")
                                << "whenUnresolved";
}

void TestPersonalAttachments::campaignFileRejectsBadRules()
{
    QFETCH(QByteArray, personal);
    QFETCH(QString, expected);
    const QByteArray json = R"({"format": "bulkmail-campaign", "version": 1, "name": "x",
        "server": {"host": "h", "port": 25, "security": "none"},
        "message": {"from": "a@example.org", "personalAttachments": )"
                            + personal + "}, \"recipients\": []}";
    const auto campaign = parseCampaign(json, m_dir->path());
    QVERIFY(!campaign);
    QVERIFY2(campaign.error().message.contains(expected), qPrintable(campaign.error().message));
}

void TestPersonalAttachments::composerAttachesPersonalFileWithBothNameForms()
{
    const QString name = QStringLiteral("工资条 2026年11月 王小明 E001（最终版，请勿外传）.pdf");
    const QString path = QDir(m_folder).filePath(name);
    const QByteArray pdf = Test::minimalPdf("E001");
    QVERIFY(writeFile(path, pdf));
    const auto read = readAttachmentFile(path);
    QVERIFY_RESULT(read);

    MessageTemplate message;
    message.from = QStringLiteral("hr@example.org");
    const auto composer = MimeComposer::create(message, MimeContext{});
    QVERIFY_RESULT(composer);
    RenderedMessage content;
    content.subject = QStringLiteral("Payslip");
    content.text = QStringLiteral("Attached.");
    const auto composed = composer->compose(content,
                                            Recipient{QStringLiteral("wang@example.org"), {}},
                                            1,
                                            {},
                                            MessageExtras{{*read}, {}, {}});
    QVERIFY_RESULT(composed);

    // Every line within RFC 5322's 78, so nothing a server or reader refolds.
    for (const QByteArray &line : composed->content.split('\n'))
        QVERIFY2(line.size() <= 79, line.constData());
    // RFC 2231 in the disposition, RFC 2047 words in the Content-Type name (Outlook, Foxmail).
    QVERIFY(composed->content.contains("filename*0*=UTF-8''"));
    QVERIFY(composed->content.contains("\tname=\"=?UTF-8?B?"));

    const Test::ParsedMessage parsed = Test::parseWithPython(composed->content);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QVERIFY2(parsed.defects.isEmpty(), qPrintable(parsed.defects.join(u',')));
    QCOMPARE(parsed.attachmentFileNames(), QStringList{name});
    const Test::ParsedPart &part = parsed.parts.last();
    QCOMPARE(part.contentType, QStringLiteral("application/pdf"));
    QCOMPARE(part.payload, pdf);
    // The name parameter alone, as a reader that ignores the disposition sees it.
    const QByteArray decodedName = [&] {
        const qsizetype start = composed->content.indexOf("name=\"=?UTF-8?B?");
        const qsizetype end = composed->content.indexOf("\"\r\n", start + 6);
        QByteArray words = composed->content.mid(start + 6, end - start - 6);
        QByteArray octets;
        for (QByteArray word : words.replace("\r\n", "").split(' ')) {
            word = word.trimmed();
            if (word.startsWith("=?UTF-8?B?") && word.endsWith("?="))
                octets += QByteArray::fromBase64(word.mid(10, word.size() - 12));
        }
        return octets;
    }();
    QCOMPARE(QString::fromUtf8(decodedName), name);
}

void TestPersonalAttachments::readAttachmentHashesWhatItEncodes()
{
    // Larger than one read chunk and not a multiple of 57, so the chunking shows.
    QByteArray data;
    for (int i = 0; data.size() < 600 * 1024 + 17; ++i)
        data += QByteArray::number(i * 7919) + ' ';
    const QString path = QDir(m_folder).filePath(QStringLiteral("big.pdf"));
    QVERIFY(writeFile(path, data));
    const auto read = readAttachmentFile(path);
    QVERIFY_RESULT(read);
    QCOMPARE(read->file.size, data.size());
    QCOMPARE(read->file.sha256, QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    QCOMPARE(read->file.fileName, QStringLiteral("big.pdf"));

    MessageTemplate message;
    message.from = QStringLiteral("hr@example.org");
    const auto composer = MimeComposer::create(message, MimeContext{});
    QVERIFY_RESULT(composer);
    const RenderedMessage content{QStringLiteral("s"), QStringLiteral("t"), QString()};
    const auto composed = composer->compose(content,
                                            Recipient{QStringLiteral("a@example.org"), {}},
                                            1,
                                            {},
                                            MessageExtras{{*read}, {}, {}});
    QVERIFY_RESULT(composed);
    const Test::ParsedMessage parsed = Test::parseWithPython(composed->content);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.parts.last().payload, data);
}

QTEST_GUILESS_MAIN(TestPersonalAttachments)
#include "tst_personalattachments.moc"
