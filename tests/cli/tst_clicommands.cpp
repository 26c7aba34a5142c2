// bulkmail-cli check, send --dry-run and import-csv: the real binary, as a script runs it. No
// server is involved; what is checked is the exit status, the report, the files written (read back
// by Python's email package, an independent parser) and the campaign file left behind.

#include "document/campaignfile.h"
#include "pythonmessageparser.h"
#include "testworkbooks.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;
using Bulkmail::Test::ParsedMessage;
using Bulkmail::Test::parseWithPython;

namespace {

struct CliRun
{
    int exitCode = -1;
    QString standardOutput;
    QString standardError;
};

QJsonObject htmlMessage()
{
    return {{QStringLiteral("from"), QStringLiteral("Newsletter <news@example.com>")},
            {QStringLiteral("subject"), QStringLiteral("Hello {{name}}")},
            {QStringLiteral("text"), QStringLiteral("Dear {{name}} of {{company}},\nBye\n")},
            {QStringLiteral("html"), QStringLiteral("<p>Dear {{name}} of {{company}}</p>")}};
}

QJsonObject plainMessage()
{
    return {{QStringLiteral("from"), QStringLiteral("Newsletter <news@example.com>")},
            {QStringLiteral("subject"), QStringLiteral("Hello {{name}}")},
            {QStringLiteral("text"), QStringLiteral("Dear {{name}}")}};
}

QJsonObject recipient(const QString &email, const QString &name, const QString &company = {})
{
    QJsonObject object{{QStringLiteral("email"), email}, {QStringLiteral("name"), name}};
    if (!company.isEmpty())
        object.insert(QStringLiteral("company"), company);
    return object;
}

QJsonArray goodRecipients()
{
    return {
        recipient(QStringLiteral("ann@example.org"), QStringLiteral("Ann"), QStringLiteral("ACME")),
        recipient(QStringLiteral("bob@example.org"),
                  QStringLiteral("Bob"),
                  QStringLiteral("Initech")),
        recipient(QStringLiteral("cy@example.net"), QStringLiteral("Cy"), QStringLiteral("Globex"))};
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCliCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void helpNamesTheNewCommands();

    void checkAGoodCampaign();
    void checkRefusesWhatCannotBeSent_data();
    void checkRefusesWhatCannotBeSent();
    void checkListsInvalidAndDuplicateRecipients();

    void dryRunWritesEveryMessage();
    void dryRunReplacesAnEarlierDryRunOnly();
    void dryRunRefusesACampaignThatCannotBeSent();

    void importCsvAddsRowsAndMergeFields();
    void importCsvFlagsInvalidAndDuplicateRows();
    void importCsvFailureChangesNothing_data();
    void importCsvFailureChangesNothing();
    void importWorkbook();
    void checkNoticesAChangedList();

    void sandboxCapturesWhatSendSends();
    void sandboxRejectsBadNumbers();

private:
    QString writeCampaign(const QString &name,
                          const QJsonObject &message,
                          const QJsonArray &recipients,
                          const QJsonObject &extra = {});
    CliRun run(const QStringList &arguments);

    QTemporaryDir m_dir;
};

void TestCliCommands::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFileInfo::exists(QStringLiteral(BULKMAIL_CLI_PATH)));
    QVERIFY(QFileInfo::exists(QStringLiteral(BULKMAIL_PARSE_MESSAGE_SCRIPT)));
}

QString TestCliCommands::writeCampaign(const QString &name,
                                       const QJsonObject &message,
                                       const QJsonArray &recipients,
                                       const QJsonObject &extra)
{
    QJsonObject campaign{{QStringLiteral("format"), QStringLiteral("bulkmail-campaign")},
                         {QStringLiteral("version"), 1},
                         {QStringLiteral("name"), name},
                         {QStringLiteral("server"),
                          QJsonObject{{QStringLiteral("host"), QStringLiteral("smtp.example.org")},
                                      {QStringLiteral("port"), 587},
                                      {QStringLiteral("security"), QStringLiteral("starttls")},
                                      {QStringLiteral("username"),
                                       QStringLiteral("sender@example.com")}}},
                         {QStringLiteral("sending"),
                          QJsonObject{{QStringLiteral("maxConnections"), 2}}},
                         {QStringLiteral("message"), message},
                         {QStringLiteral("recipients"), recipients}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        campaign.insert(it.key(), it.value());
    const QString path = m_dir.filePath(name + QStringLiteral(".bulkmail"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(QJsonDocument(campaign).toJson());
    return path;
}

CliRun TestCliCommands::run(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // No command here may need a password: a dry run least of all.
    environment.remove(QStringLiteral("BULKMAIL_PASSWORD"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg-data")));
    environment.insert(QStringLiteral("HOME"), m_dir.path());
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(m_dir.path());
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(BULKMAIL_CLI_PATH), arguments);
    // The pattern of tst_cli: wait in the event loop, never block it.
    if (!finished.wait(60000)) {
        process.kill();
        process.waitForFinished();
    }
    CliRun result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.standardOutput = QString::fromUtf8(process.readAllStandardOutput());
    result.standardError = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void TestCliCommands::helpNamesTheNewCommands()
{
    const CliRun help = run({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.standardOutput.contains(u"check FILE"));
    QVERIFY(help.standardOutput.contains(u"send FILE --dry-run --output DIR"));
    QVERIFY(help.standardOutput.contains(
        u"import LIST --into FILE [--sheet NAME] [--encoding NAME] [--delimiter C]"));
    QVERIFY(help.standardOutput.contains(
        u"import-csv CSV --into FILE [--encoding NAME] [--delimiter C]"));

    const CliRun misplaced = run({QStringLiteral("check"),
                                  QStringLiteral("x.bulkmail"),
                                  QStringLiteral("--into"),
                                  QStringLiteral("y.bulkmail")});
    QCOMPARE(misplaced.exitCode, 1);
    QVERIFY2(misplaced.standardError.contains(u"--into is an option of import, not of check"),
             qPrintable(misplaced.standardError));
}

void TestCliCommands::checkAGoodCampaign()
{
    const QString path = writeCampaign(QStringLiteral("good"), htmlMessage(), goodRecipients());
    const CliRun result = run({QStringLiteral("check"), path});
    QVERIFY2(result.exitCode == 0, qPrintable(result.standardOutput + result.standardError));
    const QStringList lines = result.standardOutput.split(u'\n');
    QVERIFY(lines.contains(QStringLiteral("Campaign \"good\" (%1)").arg(path)));
    QVERIFY(lines.contains(QStringLiteral("Sender: Newsletter <news@example.com>")));
    QVERIFY(lines.contains(QStringLiteral("Server: smtp.example.org:587, STARTTLS, login "
                                          "\"sender@example.com\", certificates verified; up to 2 "
                                          "connections, 10 a second")));
    QVERIFY(lines.contains(
        QStringLiteral("Recipients: 3 in total, 3 to send to, 0 invalid, 0 duplicate")));
    QVERIFY(lines.contains(
        QStringLiteral("Templates: subject, text and HTML parse; every field exists")));
    QVERIFY(lines.contains(QStringLiteral("Attachments: none")));
    QVERIFY(std::any_of(lines.cbegin(), lines.cend(), [](const QString &line) {
        return line.startsWith(u"Size: about ") && line.endsWith(u" in total for 3 messages");
    }));
    QCOMPARE(lines.at(lines.size() - 2),
             QStringLiteral("Result: can be sent: 3 messages, 0 warnings"));
    QVERIFY(!result.standardOutput.contains(u"warning:"));
    QVERIFY(!result.standardOutput.contains(u"error:"));
}

void TestCliCommands::checkRefusesWhatCannotBeSent_data()
{
    QTest::addColumn<QJsonObject>("message");
    QTest::addColumn<QJsonArray>("recipients");
    QTest::addColumn<QString>("expectedLine");

    QJsonObject unclosed = htmlMessage();
    unclosed.insert(QStringLiteral("subject"), QStringLiteral("Hello {{#name}}friend"));
    QTest::newRow("template does not parse")
        << unclosed << goodRecipients()
        << QStringLiteral("  error: The subject has a template error: Unclosed section \"name\" at "
                          "line 1, column 7");

    QJsonObject unknown = htmlMessage();
    unknown.insert(QStringLiteral("text"), QStringLiteral("Dear {{nmae}}"));
    QTest::newRow("unknown field")
        << unknown << goodRecipients()
        << QStringLiteral("  error: The message text uses {{nmae}}, which no column has; did you "
                          "mean {{name}}?");

    QJsonObject missingAttachment = htmlMessage();
    missingAttachment.insert(QStringLiteral("attachments"),
                             QJsonArray{QStringLiteral(BULKMAIL_TEST_DATA_DIR
                                                       "/attachments/report.pdf"),
                                        QStringLiteral("missing-brochure.pdf")});
    QTest::newRow("missing attachment")
        << missingAttachment << goodRecipients()
        << QStringLiteral("  error: The attachment \"%1\" does not exist")
               .arg(m_dir.filePath(QStringLiteral("missing-brochure.pdf")));

    QJsonObject badFrom = htmlMessage();
    badFrom.insert(QStringLiteral("from"), QStringLiteral("Newsletter <news@@example.com>"));
    QTest::newRow("invalid From")
        << badFrom << goodRecipients()
        << QStringLiteral("  error: The From address \"Newsletter <news@@example.com>\" is not a "
                          "valid address");

    QTest::newRow("no valid recipient")
        << plainMessage()
        << QJsonArray{recipient(QStringLiteral("nobody"), QStringLiteral("No one")),
                      recipient(QString(), QStringLiteral("Empty"))}
        << QStringLiteral("  error: No recipient has a valid address that is not a duplicate");
}

void TestCliCommands::checkRefusesWhatCannotBeSent()
{
    QFETCH(QJsonObject, message);
    QFETCH(QJsonArray, recipients);
    QFETCH(QString, expectedLine);

    const QString path = writeCampaign(QStringLiteral("refused"), message, recipients);
    const CliRun result = run({QStringLiteral("check"), path});
    QCOMPARE(result.exitCode, 1);
    const QStringList lines = result.standardOutput.split(u'\n');
    QVERIFY2(lines.contains(expectedLine), qPrintable(result.standardOutput));
    QVERIFY2(result.standardOutput.contains(u"Result: cannot be sent: 1 problem to fix"),
             qPrintable(result.standardOutput));
}

void TestCliCommands::checkListsInvalidAndDuplicateRecipients()
{
    // A CSV list (line numbers) plus inline rows (positions): both are named as the user knows them.
    const QString csv = m_dir.filePath(QStringLiteral("duplicates_invalid.csv"));
    QFile::remove(csv);
    QVERIFY(QFile::copy(QStringLiteral(BULKMAIL_TEST_DATA_DIR "/csv/duplicates_invalid.csv"), csv));
    const QString path = writeCampaign(
        QStringLiteral("listed"),
        plainMessage(),
        {recipient(QStringLiteral("erin@example.org"), QStringLiteral("Erin")),
         recipient(QStringLiteral("carol@example.org"), QStringLiteral("Carol inline"))},
        {{QStringLiteral("recipientsFile"), QStringLiteral("duplicates_invalid.csv")}});

    const CliRun result = run({QStringLiteral("check"), path});
    QVERIFY2(result.exitCode == 0, qPrintable(result.standardOutput + result.standardError));
    const QStringList lines = result.standardOutput.split(u'\n');
    // 9 CSV rows + 2 inline: 3 invalid (lines 3, 6, 10), 4 duplicates (lines 5, 7, 9, recipient 11).
    QVERIFY2(lines.contains(
                 QStringLiteral("Recipients: 11 in total, 4 to send to, 3 invalid, 4 duplicate")),
             qPrintable(result.standardOutput));
    const QStringList expected{
        QStringLiteral("  warning: line 3: \"not-an-address\" is not a valid email address; it is "
                       "skipped"),
        QStringLiteral("  warning: line 6: no email address; it is skipped"),
        QStringLiteral("  warning: line 10: \"dave@@example.org\" is not a valid email address; it "
                       "is skipped"),
        QStringLiteral("  warning: line 5: \"alice@EXAMPLE.org\" duplicates line 2; it receives "
                       "one message"),
        QStringLiteral("  warning: line 9: \"alice@example.org\" duplicates line 2; it receives "
                       "one message"),
        QStringLiteral("  warning: line 7: \"Bob@example.org\" is probably the same mailbox as "
                       "\"bob@example.org\" on line 4 (the addresses differ only in case); it "
                       "receives one message"),
        QStringLiteral("  warning: recipient 11: \"carol@example.org\" duplicates line 8; it "
                       "receives one message"),
        QStringLiteral("  Invalid and duplicate recipients are skipped when sending; they do not "
                       "stop the campaign."),
    };
    for (const QString &line : expected)
        QVERIFY2(lines.contains(line),
                 qPrintable(line + QStringLiteral("\nnot in:\n") + result.standardOutput));
    QVERIFY(lines.contains(QStringLiteral("Result: can be sent: 4 messages, 7 warnings")));
}

void TestCliCommands::dryRunWritesEveryMessage()
{
    QJsonObject message = htmlMessage();
    message.insert(QStringLiteral("attachments"),
                   QJsonArray{QStringLiteral(BULKMAIL_TEST_DATA_DIR "/attachments/report.pdf")});
    QJsonArray recipients = goodRecipients();
    recipients.insert(1, recipient(QStringLiteral("not an address"), QStringLiteral("Broken")));
    recipients.append(recipient(QStringLiteral("ann@EXAMPLE.org"), QStringLiteral("Ann again")));
    recipients.append(recipient(QStringLiteral("o'neil+news@example.org"), QStringLiteral("Dee")));
    const QString path = writeCampaign(QStringLiteral("dryrun"), message, recipients);
    const QString output = m_dir.filePath(QStringLiteral("dry/run/out")); // made as needed

    // The campaign names a login, and BULKMAIL_PASSWORD is unset: a dry run needs none.
    const CliRun result = run({QStringLiteral("send"),
                               path,
                               QStringLiteral("--dry-run"),
                               QStringLiteral("--output"),
                               output});
    QVERIFY2(result.exitCode == 0, qPrintable(result.standardOutput + result.standardError));
    QVERIFY2(result.standardOutput.contains(
                 QStringLiteral("skipped: recipient 2: \"not an address\" is not a valid email "
                                "address")),
             qPrintable(result.standardOutput));
    QVERIFY(result.standardOutput.contains(
        QStringLiteral("skipped: recipient 5: \"ann@EXAMPLE.org\" duplicates recipient 1")));
    QVERIFY(result.standardOutput.contains(
        QStringLiteral("Dry run: 4 message(s) written to %1").arg(QDir(output).absolutePath())));
    QVERIFY(result.standardOutput.contains(
        QStringLiteral("nothing was sent; 1 invalid and 1 duplicate recipient(s) skipped; 0 could "
                       "not be composed")));

    const QStringList files = QDir(output).entryList(QDir::Files, QDir::Name);
    const QStringList expectedFiles{QStringLiteral("00001-ann@example.org.eml"),
                                    QStringLiteral("00003-bob@example.org.eml"),
                                    QStringLiteral("00004-cy@example.net.eml"),
                                    QStringLiteral("00006-o_neil+news@example.org.eml")};
    QCOMPARE(files, expectedFiles);

    struct Expected
    {
        QString address;
        QString name;
        QString company;
    };
    const QList<Expected> expected{
        {QStringLiteral("ann@example.org"), QStringLiteral("Ann"), QStringLiteral("ACME")},
        {QStringLiteral("bob@example.org"), QStringLiteral("Bob"), QStringLiteral("Initech")},
        {QStringLiteral("cy@example.net"), QStringLiteral("Cy"), QStringLiteral("Globex")},
        {QStringLiteral("o'neil+news@example.org"), QStringLiteral("Dee"), QString()}};
    for (qsizetype i = 0; i < files.size(); ++i) {
        const QByteArray content = readBytes(QDir(output).filePath(files.at(i)));
        QVERIFY(content.contains("\r\n"));
        // 7-bit safe as MimeOptions{} composes it: no octet above 127.
        QVERIFY(
            std::all_of(content.cbegin(), content.cend(), [](char c) { return uchar(c) < 0x80; }));
        const ParsedMessage parsed = parseWithPython(content);
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QVERIFY2(parsed.defects.isEmpty(), qPrintable(parsed.defects.join(u'\n')));
        QCOMPARE(parsed.toAddresses(), QStringList{expected[i].address});
        QCOMPARE(parsed.count(u"Subject"), 1);
        QCOMPARE(parsed.header(u"Subject"), QStringLiteral("Hello ") + expected[i].name);
        QCOMPARE(parsed.header(u"From"), QStringLiteral("Newsletter <news@example.com>"));
        QVERIFY(parsed.header(u"Message-ID").endsWith(u"@example.com>"));
        QCOMPARE(parsed.contentTypes(),
                 (QStringList{QStringLiteral("multipart/mixed"),
                              QStringLiteral("multipart/alternative"),
                              QStringLiteral("text/plain"),
                              QStringLiteral("text/html"),
                              QStringLiteral("application/pdf")}));
        QCOMPARE(parsed.attachmentFileNames(), QStringList{QStringLiteral("report.pdf")});
        QCOMPARE(parsed.textPart().remove(u'\r').trimmed(),
                 QStringLiteral("Dear %1 of %2,\nBye").arg(expected[i].name, expected[i].company));
        QCOMPARE(parsed.htmlPart().trimmed(),
                 QStringLiteral("<p>Dear %1 of %2</p>").arg(expected[i].name, expected[i].company));
    }
}

void TestCliCommands::dryRunReplacesAnEarlierDryRunOnly()
{
    const QString path = writeCampaign(QStringLiteral("rerun"), htmlMessage(), goodRecipients());
    const QString output = m_dir.filePath(QStringLiteral("rerun-out"));
    QVERIFY(QDir().mkpath(output));
    // Left over from a dry run of a longer list: replaced, not mixed in.
    QFile stale(QDir(output).filePath(QStringLiteral("00009-old@example.org.eml")));
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.write("old");
    stale.close();

    const QStringList arguments{QStringLiteral("send"),
                                path,
                                QStringLiteral("--dry-run"),
                                QStringLiteral("--output"),
                                output};
    CliRun result = run(arguments);
    QVERIFY2(result.exitCode == 0, qPrintable(result.standardOutput + result.standardError));
    QVERIFY(result.standardOutput.contains(u"Removed 1 message file(s) of an earlier dry run"));
    QCOMPARE(QDir(output).entryList(QDir::Files, QDir::Name),
             (QStringList{QStringLiteral("00001-ann@example.org.eml"),
                          QStringLiteral("00002-bob@example.org.eml"),
                          QStringLiteral("00003-cy@example.net.eml")}));

    // Anything else in the folder: refused, and nothing in it changes.
    QFile notes(QDir(output).filePath(QStringLiteral("notes.txt")));
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("mine");
    notes.close();
    const QByteArray before = readBytes(
        QDir(output).filePath(QStringLiteral("00001-ann@example.org.eml")));
    result = run(arguments);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.standardError.contains(u"already holds \"notes.txt\""),
             qPrintable(result.standardError));
    QCOMPARE(QDir(output).entryList(QDir::Files).size(), 4);
    QCOMPARE(readBytes(QDir(output).filePath(QStringLiteral("00001-ann@example.org.eml"))), before);
}

void TestCliCommands::dryRunRefusesACampaignThatCannotBeSent()
{
    QJsonObject message = htmlMessage();
    message.insert(QStringLiteral("subject"), QStringLiteral("Hello {{Name}}"));
    const QString path = writeCampaign(QStringLiteral("unsendable"), message, goodRecipients());
    const QString output = m_dir.filePath(QStringLiteral("unsendable-out"));
    const CliRun result = run({QStringLiteral("send"),
                               path,
                               QStringLiteral("--dry-run"),
                               QStringLiteral("--output"),
                               output});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.standardError.contains(
                 u"{{Name}}, which no column has; did you mean {{name}}?"),
             qPrintable(result.standardError));
    QVERIFY(!QFileInfo::exists(output));

    const CliRun noOutput = run({QStringLiteral("send"), path, QStringLiteral("--dry-run")});
    QCOMPARE(noOutput.exitCode, 1);
    QVERIFY(noOutput.standardError.contains(u"--dry-run needs --output DIR"));
}

void TestCliCommands::importCsvAddsRowsAndMergeFields()
{
    // Already there: kenji, with the domain in other case (the same mailbox). The campaign has
    // the fields Plan and City; the CSV brings Company and Plan.
    QJsonObject kenji = recipient(QStringLiteral("kenji@EXAMPLE.jp"), QStringLiteral("Kenji"));
    kenji.insert(QStringLiteral("Plan"), QStringLiteral("gold"));
    kenji.insert(QStringLiteral("City"), QStringLiteral("Osaka"));
    QJsonObject message = htmlMessage();
    message.insert(QStringLiteral("text"), QStringLiteral("Dear {{name}} ({{Plan}})"));
    message.insert(QStringLiteral("html"), QString());
    const QString path = writeCampaign(QStringLiteral("import"), message, {kenji});
    const QString csv = QStringLiteral(BULKMAIL_TEST_DATA_DIR "/csv/google_sheets.csv");

    const CliRun result = run({QStringLiteral("import-csv"), csv, QStringLiteral("--into"), path});
    QVERIFY2(result.exitCode == 0, qPrintable(result.standardOutput + result.standardError));
    const QStringList lines = result.standardOutput.split(u'\n');
    QVERIFY2(lines.contains(QStringLiteral("Added 3 recipient(s) (merge fields: Company, Plan; new "
                                           "to the campaign: Company)")),
             qPrintable(result.standardOutput));
    QVERIFY(lines.contains(QStringLiteral("  added: line 2: \"ana@example.com\"")));
    QVERIFY(lines.contains(QStringLiteral("  added: line 4: \"omar@example.net\"")));
    QVERIFY(lines.contains(QStringLiteral("  added: line 5: \"mia@example.org\"")));
    QVERIFY(lines.contains(QStringLiteral("  skipped: line 3: \"kenji@example.jp\": already in the "
                                          "campaign as \"kenji@EXAMPLE.jp\" (recipient 1 of the "
                                          "campaign)")));

    const Result<Campaign> campaign = loadCampaign(path);
    QVERIFY2(campaign.has_value(), qPrintable(campaign ? QString() : campaign.error().message));
    // A JSON object is unordered: the campaign's own fields come back sorted, the new one after.
    QCOMPARE(campaign->recipientFields,
             (QStringList{QStringLiteral("City"),
                          QStringLiteral("Plan"),
                          QStringLiteral("Company")}));
    QCOMPARE(campaign->recipients.size(), 4);
    const auto field = [&](int row, const QString &name) {
        const qsizetype column = campaign->recipientFields.indexOf(name);
        const QStringList &fields = campaign->recipients.at(row).fields;
        return column >= 0 && column < fields.size() ? fields.at(column) : QString();
    };
    QCOMPARE(campaign->recipients.at(0).email, QStringLiteral("kenji@EXAMPLE.jp"));
    QCOMPARE(field(0, QStringLiteral("Plan")), QStringLiteral("gold"));
    QCOMPARE(campaign->recipients.at(1).email, QStringLiteral("ana@example.com"));
    QCOMPARE(campaign->recipients.at(1).name, QStringLiteral("Ana 🌸 Silva"));
    QCOMPARE(field(1, QStringLiteral("Company")), QStringLiteral("Flores Ltda"));
    QCOMPARE(field(1, QStringLiteral("Plan")), QStringLiteral("pro"));
    QCOMPARE(field(1, QStringLiteral("City")), QString());
    QCOMPARE(campaign->recipients.at(2).email, QStringLiteral("omar@example.net"));
    QCOMPARE(field(2, QStringLiteral("Company")), QString());
    QCOMPARE(field(2, QStringLiteral("Plan")), QStringLiteral("team"));
    QCOMPARE(campaign->recipients.at(3).email, QStringLiteral("mia@example.org"));
    QCOMPARE(field(3, QStringLiteral("Company")), QStringLiteral("Mia's Café"));

    // Again: everything is already there, and the file is left exactly as it was.
    const QByteArray saved = readBytes(path);
    const CliRun again = run({QStringLiteral("import-csv"), csv, QStringLiteral("--into"), path});
    QVERIFY2(again.exitCode == 0, qPrintable(again.standardOutput + again.standardError));
    QVERIFY2(again.standardOutput.contains(u"Added 0 recipient(s)"),
             qPrintable(again.standardOutput));
    QVERIFY(again.standardOutput.contains(u"Skipped 4 row(s) already in the campaign:"));
    QVERIFY(again.standardOutput.contains(u"was not changed"));
    QCOMPARE(readBytes(path), saved);
}

void TestCliCommands::importCsvFlagsInvalidAndDuplicateRows()
{
    const QString path = writeCampaign(QStringLiteral("flagged"),
                                       plainMessage(),
                                       {recipient(QStringLiteral("carol@example.org"),
                                                  QStringLiteral("Carol"))});
    const CliRun result = run({QStringLiteral("import-csv"),
                               QStringLiteral(BULKMAIL_TEST_DATA_DIR "/csv/duplicates_invalid.csv"),
                               QStringLiteral("--into"),
                               path,
                               QStringLiteral("--delimiter"),
                               QStringLiteral(",")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.standardOutput + result.standardError));
    const QStringList lines = result.standardOutput.split(u'\n');
    const QStringList expected{
        QStringLiteral("Read %1: 9 row(s), UTF-8, delimiter \",\"")
            .arg(QStringLiteral(BULKMAIL_TEST_DATA_DIR "/csv/duplicates_invalid.csv")),
        QStringLiteral("Added 8 recipient(s) (no merge fields)"),
        QStringLiteral("Flagged 6 of them (kept in the list; a send skips them):"),
        QStringLiteral("  flagged: line 3: \"not-an-address\": not a valid email address"),
        QStringLiteral("  flagged: line 5: \"alice@EXAMPLE.org\": duplicates line 2 of this file; "
                       "it receives one message"),
        QStringLiteral("  flagged: line 6: \"\": no email address"),
        QStringLiteral("  flagged: line 7: \"Bob@example.org\": probably the same mailbox as line "
                       "4 of this file (differs only in case); it receives one message"),
        QStringLiteral("  flagged: line 9: \"alice@example.org\": duplicates line 2 of this file; "
                       "it receives one message"),
        QStringLiteral("  flagged: line 10: \"dave@@example.org\": not a valid email address"),
        QStringLiteral("Skipped 1 row(s) already in the campaign:"),
        QStringLiteral("  skipped: line 8: \"carol@example.org\": already in the campaign as "
                       "\"carol@example.org\" (recipient 1 of the campaign)"),
    };
    for (const QString &line : expected)
        QVERIFY2(lines.contains(line),
                 qPrintable(line + QStringLiteral("\nnot in:\n") + result.standardOutput));

    const Result<Campaign> campaign = loadCampaign(path);
    QVERIFY2(campaign.has_value(), qPrintable(campaign ? QString() : campaign.error().message));
    QCOMPARE(campaign->recipients.size(), 9);
    QCOMPARE(campaign->recipients.at(2).email, QStringLiteral("not-an-address"));
    QCOMPARE(campaign->recipients.at(2).name, QStringLiteral("Broken"));

    // The check that follows sees the flagged rows as the import described them.
    const CliRun check = run({QStringLiteral("check"), path});
    QCOMPARE(check.exitCode, 0);
    QVERIFY2(check.standardOutput.contains(
                 u"Recipients: 9 in total, 3 to send to, 3 invalid, 3 duplicate"),
             qPrintable(check.standardOutput));
}

// `import` reads workbooks written by openpyxl and odfpy, as the spreadsheet shows them;
// `import-csv` is the same command under its old name.
void TestCliCommands::importWorkbook()
{
    const QString workbooks = m_dir.filePath(QStringLiteral("workbooks"));
    QCOMPARE(writeTestWorkbooks(workbooks), QString());
    const QString xlsx = workbooks + QStringLiteral("/people.xlsx");
    const QString path = writeCampaign(QStringLiteral("workbook"), htmlMessage(), {});

    const CliRun result = run({QStringLiteral("import"), xlsx, QStringLiteral("--into"), path});
    QVERIFY2(result.exitCode == 0, qPrintable(result.standardOutput + result.standardError));
    const QStringList lines = result.standardOutput.split(u'\n');
    QVERIFY2(lines.contains(u"Read " + xlsx + u": 4 row(s), sheet \"员工\" (header in row 2)"),
             qPrintable(result.standardOutput));
    QVERIFY(lines.contains(QStringLiteral("  note: hidden sheets were not imported: \"Secret\"")));
    QVERIFY(lines.contains(QStringLiteral("  note: rows above the header were skipped: 1")));
    QVERIFY(lines.contains(QStringLiteral("  note: hidden rows were imported like the others: 5")));
    QVERIFY(lines.contains(QStringLiteral("  added: row 3: \"wang@example.org\"")));

    const Result<Campaign> campaign = loadCampaign(path);
    QVERIFY2(campaign.has_value(), qPrintable(campaign ? QString() : campaign.error().message));
    QCOMPARE(campaign->recipients.size(), 4);
    const QStringList &fields = campaign->recipientFields;
    const QStringList &first = campaign->recipients.at(0).fields;
    QCOMPARE(first.value(fields.indexOf(QStringLiteral("工号"))), QStringLiteral("00123"));
    QCOMPARE(first.value(fields.indexOf(QStringLiteral("入职日期"))),
             QStringLiteral("2026年12月6日"));
    QCOMPARE(first.value(fields.indexOf(QStringLiteral("合计"))), QStringLiteral("2469.00"));

    const QString other = writeCampaign(QStringLiteral("workbook-ods"), htmlMessage(), {});
    const CliRun ods = run({QStringLiteral("import-csv"),
                            workbooks + QStringLiteral("/people.ods"),
                            QStringLiteral("--into"),
                            other,
                            QStringLiteral("--sheet"),
                            QStringLiteral("Merged")});
    QVERIFY2(ods.exitCode == 0, qPrintable(ods.standardOutput + ods.standardError));
    QVERIFY2(ods.standardOutput.contains(u"  note: merged cells in the header row: B1:C1"),
             qPrintable(ods.standardOutput));
    QVERIFY(ods.standardOutput.contains(u"Added 1 recipient(s)"));

    const QByteArray saved = readBytes(path);
    const CliRun missing = run({QStringLiteral("import"),
                                xlsx,
                                QStringLiteral("--into"),
                                path,
                                QStringLiteral("--sheet"),
                                QStringLiteral("Nope")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.standardError.contains(u"no sheet named \"Nope\""),
             qPrintable(missing.standardError));
    QVERIFY(missing.standardError.contains(u"(the campaign was not changed)"));
    QCOMPARE(readBytes(path), saved);
}

// Someone else keeps the recipients file up to date: the next check says what changed since the
// last one, once.
void TestCliCommands::checkNoticesAChangedList()
{
    const QString workbooks = m_dir.filePath(QStringLiteral("changing"));
    QCOMPARE(writeTestWorkbooks(workbooks), QString());
    const QString list = workbooks + QStringLiteral("/list.xlsx");
    {
        QFile file(list); // a CSV at first: the import goes by the content, not the name
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("email\r\nwang@example.org\r\nold@example.org\r\n");
    }
    const QString path = writeCampaign(QStringLiteral("changing"),
                                       htmlMessage(),
                                       {},
                                       {{QStringLiteral("recipientsFile"), list}});
    const CliRun first = run({QStringLiteral("check"), path});
    QVERIFY2(first.standardOutput.contains(u"Recipients: 2 in total"),
             qPrintable(first.standardOutput + first.standardError));
    QVERIFY(!first.standardOutput.contains(u"the list changed"));

    QVERIFY(QFile::remove(list));
    QVERIFY(QFile::copy(workbooks + QStringLiteral("/people.xlsx"), list));
    const CliRun second = run({QStringLiteral("check"), path});
    QVERIFY2(second.standardOutput.contains(
                 u"  warning: The list changed since you last looked: 3 new, 1 removed"),
             qPrintable(second.standardOutput + second.standardError));

    const CliRun third = run({QStringLiteral("check"), path});
    QVERIFY2(!third.standardOutput.contains(u"the list changed"), qPrintable(third.standardOutput));
}

void TestCliCommands::importCsvFailureChangesNothing_data()
{
    QTest::addColumn<QString>("csv");
    QTest::addColumn<QString>("expectedError");

    QTest::newRow("unterminated quote")
        << QStringLiteral("malformed_unterminated_quote.csv")
        << QStringLiteral("malformed_unterminated_quote.csv: line 3: ");
    QTest::newRow("too many fields")
        << QStringLiteral("too_many_fields.csv") << QStringLiteral("too_many_fields.csv: line 4: ");
    QTest::newRow("no such file") << QStringLiteral("does_not_exist.csv")
                                  << QStringLiteral("does_not_exist.csv: ");
}

void TestCliCommands::importCsvFailureChangesNothing()
{
    QFETCH(QString, csv);
    QFETCH(QString, expectedError);

    const QString path = writeCampaign(QStringLiteral("untouched"), htmlMessage(), goodRecipients());
    const QByteArray before = readBytes(path);
    const CliRun result = run({QStringLiteral("import-csv"),
                               QStringLiteral(BULKMAIL_TEST_DATA_DIR "/csv/") + csv,
                               QStringLiteral("--into"),
                               path});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.standardError.contains(expectedError), qPrintable(result.standardError));
    QVERIFY(result.standardError.contains(u"(the campaign was not changed)"));
    QCOMPARE(readBytes(path), before);
}

void TestCliCommands::sandboxCapturesWhatSendSends()
{
    const QString outbox = m_dir.filePath(QStringLiteral("sandbox-outbox"));
    QProcess sandbox;
    sandbox.start(QStringLiteral(BULKMAIL_CLI_PATH),
                  {QStringLiteral("sandbox"),
                   QStringLiteral("--save-dir"),
                   outbox,
                   QStringLiteral("--refuse"),
                   QStringLiteral("refused@example.org")});
    QVERIFY(sandbox.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(sandbox.canReadLine(), 10000);
    const QString first = QString::fromUtf8(sandbox.readLine());
    static const QRegularExpression listening(
        QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
    const QRegularExpressionMatch match = listening.match(first);
    QVERIFY2(match.hasMatch(), qPrintable(first));

    QJsonObject extra{{QStringLiteral("server"),
                       QJsonObject{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                   {QStringLiteral("port"), match.captured(1).toInt()},
                                   {QStringLiteral("security"), QStringLiteral("none")}}}};
    const QString campaign = writeCampaign(
        QStringLiteral("rehearsal"),
        QJsonObject{{QStringLiteral("from"), QStringLiteral("News <news@example.com>")},
                    {QStringLiteral("subject"), QStringLiteral("Hi {{name}}")},
                    {QStringLiteral("text"), QStringLiteral("Hello")}},
        QJsonArray{QJsonObject{{QStringLiteral("email"), QStringLiteral("ann@example.org")},
                               {QStringLiteral("name"), QStringLiteral("Ann")}},
                   QJsonObject{{QStringLiteral("email"), QStringLiteral("refused@example.org")},
                               {QStringLiteral("name"), QStringLiteral("Rex")}},
                   QJsonObject{{QStringLiteral("email"), QStringLiteral("bob@example.org")},
                               {QStringLiteral("name"), QStringLiteral("Bob")}}},
        extra);
    const CliRun send = run({QStringLiteral("send"), campaign});
    QCOMPARE(send.exitCode, 2); // one recipient refused
    QVERIFY2(send.standardError.contains(u"refused@example.org failed (550): 5.1.1"),
             qPrintable(send.standardError));

    sandbox.terminate(); // SIGTERM: a clean stop
    QTRY_VERIFY_WITH_TIMEOUT(sandbox.state() == QProcess::NotRunning, 10000);
    QCOMPARE(sandbox.exitStatus(), QProcess::NormalExit);
    QCOMPARE(sandbox.exitCode(), 0);
    const QString output = QString::fromUtf8(sandbox.readAll());
    QVERIFY2(output.contains(u"captured #1 on connection 1: to ann@example.org, \"Hi Ann\""),
             qPrintable(output));
    QVERIFY2(output.contains(u"captured #2 on connection 1: to bob@example.org, \"Hi Bob\""),
             qPrintable(output));
    QVERIFY2(output.contains(u"connection 1 closed after 2 messages"), qPrintable(output));
    QVERIFY2(output.contains(u"Sandbox stopped: 2 messages captured on 1 connections"),
             qPrintable(output));
    QCOMPARE(QDir(outbox).entryList(QDir::Files, QDir::Name),
             (QStringList{QStringLiteral("00001-ann@example.org.eml"),
                          QStringLiteral("00002-bob@example.org.eml")}));
}

void TestCliCommands::sandboxRejectsBadNumbers()
{
    const CliRun badPort = run(
        {QStringLiteral("sandbox"), QStringLiteral("--port"), QStringLiteral("70000")});
    QCOMPARE(badPort.exitCode, 1);
    QVERIFY(badPort.standardError.contains(u"take a whole number"));
    const CliRun misplaced = run(
        {QStringLiteral("check"), QStringLiteral("x.bulkmail"), QStringLiteral("--starttls")});
    QCOMPARE(misplaced.exitCode, 1);
    QVERIFY(misplaced.standardError.contains(u"--starttls is an option of sandbox"));
}

QTEST_GUILESS_MAIN(TestCliCommands)
#include "tst_clicommands.moc"
