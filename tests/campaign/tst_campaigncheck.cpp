// checkCampaign(): the checklist that `bulkmail-cli check` prints and the desktop app shows,
// in-process. Blockers stop a send; warnings say what a send will do and never stop it.

#include "campaign/campaigncheck.h"
#include "compose/composeproblem.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;

using Severity = CampaignCheckItem::Severity;
using Topic = CampaignCheckItem::Topic;
using Code = CampaignCheckItem::Code;
using Field = CampaignCheckItem::Field;

Q_DECLARE_METATYPE(Bulkmail::Campaign)

namespace {

const QString reportPdf = QStringLiteral(BULKMAIL_TEST_DATA_DIR "/attachments/report.pdf");

QString topicName(Topic topic)
{
    switch (topic) {
    case Topic::Sender:
        return QStringLiteral("Sender");
    case Topic::Server:
        return QStringLiteral("Server");
    case Topic::Recipients:
        return QStringLiteral("Recipients");
    case Topic::Template:
        return QStringLiteral("Template");
    case Topic::Attachments:
        return QStringLiteral("Attachments");
    case Topic::Size:
        return QStringLiteral("Size");
    }
    return QStringLiteral("?");
}

// "Topic: text" plus " [recipient index]" when the item is about one row.
QStringList describe(const QList<CampaignCheckItem> &items)
{
    QStringList lines;
    for (const CampaignCheckItem &item : items) {
        lines.append(topicName(item.topic) + QStringLiteral(": ") + item.text
                     + (item.recipientIndex >= 0 ? QStringLiteral(" [%1]").arg(item.recipientIndex)
                                                 : QString()));
    }
    return lines;
}

Recipient recipient(const QString &email, const QString &name, const QStringList &fields = {})
{
    return {email, name, fields, 0};
}

// Sendable as it is: a valid From, a server with STARTTLS, templates that use only known fields,
// a readable attachment and three distinct, valid recipients.
Campaign goodCampaign()
{
    Campaign campaign;
    campaign.name = QStringLiteral("check");
    campaign.server.host = QStringLiteral("smtp.example.org");
    campaign.server.port = 587;
    campaign.server.security = SecurityMode::StartTls;
    campaign.server.username = QStringLiteral("sender@example.com");
    campaign.message.from = QStringLiteral("Newsletter <news@example.com>");
    campaign.message.subject = QStringLiteral("Hello {{name}}");
    campaign.message.text = QStringLiteral("Dear {{name}} of {{company}},\nBye\n");
    campaign.message.html = QStringLiteral("<p>Dear {{name}} of {{company}}</p>");
    campaign.message.attachments = {reportPdf};
    campaign.recipientFields = {QStringLiteral("company")};
    campaign.recipients = {recipient(QStringLiteral("ann@example.org"),
                                     QStringLiteral("Ann"),
                                     {QStringLiteral("ACME")}),
                           recipient(QStringLiteral("bob@example.org"),
                                     QStringLiteral("Bob"),
                                     {QStringLiteral("Initech")}),
                           recipient(QStringLiteral("cy@example.net"),
                                     QStringLiteral("Cy"),
                                     {QStringLiteral("Globex")})};
    return campaign;
}

} // namespace

class TestCampaignCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void goodCampaignCanBeSent();
    void blockers_data();
    void blockers();
    void warningsDoNotBlock_data();
    void warningsDoNotBlock();
    void largeMessageWarns();
    void composerProblemsNameTheirField_data();
    void composerProblemsNameTheirField();
    void rowItemsCarryTheirValues();

private:
    QTemporaryDir m_dir;
};

void TestCampaignCheck::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::exists(reportPdf));
}

void TestCampaignCheck::goodCampaignCanBeSent()
{
    const CampaignCheck check = checkCampaign(goodCampaign());

    QVERIFY2(check.canBeSent(), qPrintable(describe(check.items).join(u'\n')));
    QCOMPARE(describe(check.items), QStringList());
    QVERIFY(check.blockers().isEmpty());
    QVERIFY(check.warnings().isEmpty());
    QCOMPARE(check.recipientCount, 3);
    QCOMPARE(check.sendableCount, 3);
    QCOMPARE(check.invalidCount, 0);
    QCOMPARE(check.duplicateCount, 0);
    QVERIFY(check.recipientIssues.isEmpty());
    QVERIFY(check.skippedRecipients.isEmpty());
    QVERIFY(check.templates.errors.isEmpty());
    QVERIFY(check.templates.unknownFields.isEmpty());
    QCOMPARE(check.attachments, (QList<AttachmentCheck>{{reportPdf, 1324}}));
    QCOMPARE(check.attachmentBytes, qint64(1324));
    // A real message with the PDF in base64 (a third more than 1324 bytes), and an estimate for
    // the others that differs only by the merged text.
    QVERIFY2(check.sampleMessageBytes > 1324 * 4 / 3,
             qPrintable(QString::number(check.sampleMessageBytes)));
    QVERIFY(check.sampleMessageBytes < 1324 * 4 / 3 + 4096);
    QVERIFY(check.largestMessageBytes >= check.sampleMessageBytes);
    QVERIFY(check.largestMessageBytes < check.sampleMessageBytes + 32);
    QVERIFY(check.estimatedTotalBytes >= 3 * check.sampleMessageBytes - 64);
    QVERIFY(check.estimatedTotalBytes <= 3 * check.largestMessageBytes);
}

void TestCampaignCheck::blockers_data()
{
    QTest::addColumn<Campaign>("campaign");
    QTest::addColumn<Topic>("expectedTopic");
    QTest::addColumn<QString>("expectedText");
    QTest::addColumn<Code>("expectedCode");
    QTest::addColumn<Field>("expectedField");
    QTest::addColumn<QStringList>("expectedArguments");

    Campaign badFrom = goodCampaign();
    badFrom.message.from = QStringLiteral("Newsletter <news@@example.com>");
    QTest::newRow("invalid From")
        << badFrom << Topic::Sender
        << QStringLiteral(
               "The From address \"Newsletter <news@@example.com>\" is not a valid address")
        << Code::SenderInvalid << Field::From << QStringList{badFrom.message.from};

    Campaign badReplyTo = goodCampaign();
    badReplyTo.message.replyTo = QStringLiteral("replies at example.com");
    QTest::newRow("invalid Reply-To (reported once)")
        << badReplyTo << Topic::Sender
        << QStringLiteral("The Reply-To address \"replies at example.com\" is not a valid address")
        << Code::ReplyToInvalid << Field::ReplyTo << QStringList{badReplyTo.message.replyTo};

    // The composer's own refusal: its English for the CLI, then its code and arguments for the
    // window (ComposeProblem), which words it without the English.
    Campaign badHeader = goodCampaign();
    badHeader.message.headers = {{QStringLiteral("X Campaign"), QStringLiteral("spring")}};
    QTest::newRow("a header name the composer refuses")
        << badHeader << Topic::Template
        << QStringLiteral(
               "The message cannot be composed: \"X Campaign\" is not a valid header name")
        << Code::MessageNotComposed << Field::None
        << QStringList{QStringLiteral("\"X Campaign\" is not a valid header name"),
                       QString::number(ComposeProblem::error(ErrorCode::InvalidValue,
                                                             ComposeProblem::Code::HeaderNameInvalid)
                                           .noteCode),
                       QStringLiteral("X Campaign")};

    Campaign noFrom = goodCampaign();
    noFrom.message.from = QStringLiteral("  ");
    QTest::newRow("no From") << noFrom << Topic::Sender
                             << QStringLiteral(
                                    "The From address is empty: enter the sender's address")
                             << Code::SenderMissing << Field::From << QStringList();

    Campaign unclosed = goodCampaign();
    unclosed.message.subject = QStringLiteral("Hello {{#name}}friend");
    QTest::newRow("template parse error")
        << unclosed << Topic::Template
        << QStringLiteral(
               "The subject has a template error: Unclosed section \"name\" at line 1, column 7")
        << Code::TemplateSyntax << Field::Subject
        << QStringList{QStringLiteral("Unclosed section \"name\" at line 1, column 7"),
                       QString::number(
                           ComposeProblem::error(ErrorCode::InvalidFormat,
                                                 ComposeProblem::Code::TemplateUnclosedSection)
                               .noteCode),
                       QStringLiteral("name"),
                       QStringLiteral("1"),
                       QStringLiteral("7")};

    Campaign unknownField = goodCampaign();
    unknownField.message.text = QStringLiteral("Dear {{nmae}}");
    QTest::newRow("unknown field")
        << unknownField << Topic::Template
        << QStringLiteral(
               "The message text uses {{nmae}}, which no column has; did you mean {{name}}?")
        << Code::UnknownTemplateField << Field::Text
        << QStringList{QStringLiteral("nmae"), QStringLiteral("name")};

    Campaign missingAttachment = goodCampaign();
    const QString missing = m_dir.filePath(QStringLiteral("missing-brochure.pdf"));
    missingAttachment.message.attachments.append(missing);
    QTest::newRow("missing attachment")
        << missingAttachment << Topic::Attachments
        << QStringLiteral("The attachment \"%1\" does not exist").arg(missing)
        << Code::AttachmentMissing << Field::Attachments << QStringList{missing};

    Campaign folderAttachment = goodCampaign();
    folderAttachment.message.attachments = {m_dir.path()};
    QTest::newRow("attachment is a folder")
        << folderAttachment << Topic::Attachments
        << QStringLiteral("The attachment \"%1\" is a folder, not a file").arg(m_dir.path())
        << Code::AttachmentIsFolder << Field::Attachments << QStringList{m_dir.path()};

    Campaign noValidRecipient = goodCampaign();
    noValidRecipient.recipients = {recipient(QStringLiteral("nobody"), QStringLiteral("No one")),
                                   recipient(QString(), QStringLiteral("Empty"))};
    QTest::newRow("no valid recipient")
        << noValidRecipient << Topic::Recipients
        << QStringLiteral("No recipient has a valid address that is not a duplicate")
        << Code::NoSendableRecipient << Field::Recipients << QStringList();

    Campaign noRecipients = goodCampaign();
    noRecipients.recipients.clear();
    QTest::newRow("no recipients")
        << noRecipients << Topic::Recipients << QStringLiteral("The campaign has no recipients")
        << Code::NoRecipients << Field::Recipients << QStringList();

    Campaign emptyHost = goodCampaign();
    emptyHost.server.host = QStringLiteral(" ");
    QTest::newRow("empty host") << emptyHost << Topic::Server
                                << QStringLiteral("No outgoing mail server is given")
                                << Code::ServerMissing << Field::ServerHost << QStringList();
}

void TestCampaignCheck::blockers()
{
    QFETCH(Campaign, campaign);
    QFETCH(Topic, expectedTopic);
    QFETCH(QString, expectedText);
    QFETCH(Code, expectedCode);
    QFETCH(Field, expectedField);
    QFETCH(QStringList, expectedArguments);

    const CampaignCheck check = checkCampaign(campaign);

    QVERIFY(!check.canBeSent());
    const QList<CampaignCheckItem> blockers = check.blockers();
    // Exactly this one problem: nothing else in the good campaign is reported as a blocker.
    QVERIFY2(blockers.size() == 1, qPrintable(describe(blockers).join(u'\n')));
    QCOMPARE(describe(blockers),
             QStringList{topicName(expectedTopic) + QStringLiteral(": ") + expectedText});
    QCOMPARE(blockers.first().severity, Severity::Blocker);
    QCOMPARE(blockers.first().topic, expectedTopic);
    QCOMPARE(blockers.first().text, expectedText);
    // What the window words: the code, the field where the fix is, and the values.
    QCOMPARE(blockers.first().code, expectedCode);
    QCOMPARE(blockers.first().field, expectedField);
    QCOMPARE(blockers.first().arguments, expectedArguments);
    QCOMPARE(blockers.first().recipientIndex, -1);
    // The English is the sentence of the code (the CLI prints it), never the file's names.
    QCOMPARE(checkItemText(blockers.first()), expectedText);
    QVERIFY2(!expectedText.contains(QLatin1String("message.")), qPrintable(expectedText));
    QVERIFY2(!expectedText.contains(QLatin1String("server.")), qPrintable(expectedText));
}

void TestCampaignCheck::warningsDoNotBlock_data()
{
    QTest::addColumn<Campaign>("campaign");
    QTest::addColumn<QStringList>("expectedWarnings");
    QTest::addColumn<int>("expectedSendable");

    Campaign invalid = goodCampaign();
    invalid.recipients.insert(1,
                              recipient(QStringLiteral("not an address"), QStringLiteral("Broken")));
    invalid.recipients.append(recipient(QString(), QStringLiteral("Empty")));
    QTest::newRow("invalid recipients")
        << invalid
        << QStringList{QStringLiteral("Recipients: recipient 2: \"not an address\" is not a valid "
                                      "email address; it is skipped [1]"),
                       QStringLiteral(
                           "Recipients: recipient 5: no email address; it is skipped [4]")}
        << 3;

    Campaign duplicates = goodCampaign();
    duplicates.recipients.append(recipient(QStringLiteral("ann@EXAMPLE.org"),
                                           QStringLiteral("Ann again"),
                                           {QStringLiteral("ACME")}));
    duplicates.recipients.append(recipient(QStringLiteral("Bob@example.org"),
                                           QStringLiteral("Bob again"),
                                           {QStringLiteral("Initech")}));
    QTest::newRow("duplicate recipients")
        << duplicates
        << QStringList{QStringLiteral("Recipients: recipient 4: \"ann@EXAMPLE.org\" duplicates "
                                      "recipient 1; it receives one message [3]"),
                       QStringLiteral(
                           "Recipients: recipient 5: \"Bob@example.org\" is probably the "
                           "same mailbox as \"bob@example.org\" on recipient 2 (the "
                           "addresses differ only in case); it receives one message [4]")}
        << 3;

    Campaign unencrypted = goodCampaign();
    unencrypted.server.security = SecurityMode::None;
    unencrypted.server.port = 25;
    QTest::newRow("password without encryption")
        << unencrypted
        << QStringList{QStringLiteral("Server: The connection is not encrypted: the password for "
                                      "\"sender@example.com\" crosses the network unencrypted")}
        << 3;

    Campaign anonymousPlain = goodCampaign();
    anonymousPlain.server.security = SecurityMode::None;
    anonymousPlain.server.username.clear();
    QTest::newRow("no encryption without a login") << anonymousPlain << QStringList() << 3;

    Campaign unverified = goodCampaign();
    unverified.server.verification = CertificateVerification::InsecureSkipAll;
    QTest::newRow("certificates not checked")
        << unverified
        << QStringList{QStringLiteral("Server: Server certificates are not checked: anyone in "
                                      "between can read the messages and the password")}
        << 3;

    Campaign emptyField = goodCampaign();
    emptyField.recipients[1].fields.clear();
    QTest::newRow("field empty for one recipient")
        << emptyField
        << QStringList{QStringLiteral("Template: recipient 2 (bob@example.org): {{company}} would "
                                      "be empty [1]")}
        << 3;

    Campaign noSubject = goodCampaign();
    noSubject.message.subject.clear();
    QTest::newRow("empty subject")
        << noSubject << QStringList{QStringLiteral("Template: The subject is empty")} << 3;

    // Every message would need SMTPUTF8: said before sending, not at the first message.
    Campaign utf8Sender = goodCampaign();
    utf8Sender.message.from = QStringLiteral("王芳 <王芳@example.com>");
    QTest::newRow("sender needs SMTPUTF8")
        << utf8Sender
        << QStringList{QStringLiteral("Sender: The From address \"王芳@example.com\" has non-ASCII "
                                      "characters before the @; only a server that offers "
                                      "SMTPUTF8 accepts it, and sending stops at the first "
                                      "message if yours does not")}
        << 3;
    Campaign utf8Name = goodCampaign();
    utf8Name.message.from = QStringLiteral("王芳 <wang.fang@example.com>");
    QTest::newRow("a Chinese name is fine") << utf8Name << QStringList() << 3;
}

void TestCampaignCheck::warningsDoNotBlock()
{
    QFETCH(Campaign, campaign);
    QFETCH(QStringList, expectedWarnings);
    QFETCH(int, expectedSendable);

    const CampaignCheck check = checkCampaign(campaign);

    QVERIFY2(check.canBeSent(), qPrintable(describe(check.blockers()).join(u'\n')));
    QVERIFY(check.blockers().isEmpty());
    QCOMPARE(describe(check.warnings()), expectedWarnings);
    QCOMPARE(check.items.size(), expectedWarnings.size());
    QCOMPARE(check.sendableCount, expectedSendable);
    QVERIFY(check.sampleMessageBytes > 0);
}

// The setting at fault comes from the composer's error (Error::setting), not from its English:
// a user's value that reads like another setting's key ("message.from: ...") cannot move the
// item to that field, and the reason never shows the campaign file's key.
void TestCampaignCheck::composerProblemsNameTheirField_data()
{
    QTest::addColumn<Campaign>("campaign");
    QTest::addColumn<Code>("expectedCode");
    QTest::addColumn<Field>("expectedField");
    QTest::addColumn<QString>("expectedReason");

    Campaign cc = goodCampaign();
    cc.message.cc = QStringLiteral("{{message.bcc: boss}}");
    QTest::newRow("Cc names an unknown field")
        << cc << Code::CopiesUnusable << Field::Cc
        << QStringLiteral("unknown field \"message.bcc: boss\"");

    Campaign bcc = goodCampaign();
    bcc.message.bcc = QStringLiteral("{{message.cc: boss}}");
    QTest::newRow("Bcc names an unknown field")
        << bcc << Code::CopiesUnusable << Field::Bcc
        << QStringLiteral("unknown field \"message.cc: boss\"");

    Campaign unsubscribe = goodCampaign();
    unsubscribe.message.listUnsubscribe = QStringLiteral("message.from: x");
    QTest::newRow("unsubscribe link that reads like From")
        << unsubscribe << Code::MessageNotComposed << Field::None
        << QStringLiteral("\"message.from: x\" contains white space, a control character or <>");

    Campaign header = goodCampaign();
    header.message.headers = {{QStringLiteral("message.from: X"), QStringLiteral("1")}};
    QTest::newRow("header name that reads like From")
        << header << Code::MessageNotComposed << Field::None
        << QStringLiteral("\"message.from: X\" is not a valid header name");
}

void TestCampaignCheck::composerProblemsNameTheirField()
{
    QFETCH(Campaign, campaign);
    QFETCH(Code, expectedCode);
    QFETCH(Field, expectedField);
    QFETCH(QString, expectedReason);

    const QList<CampaignCheckItem> blockers = checkCampaign(campaign).blockers();
    QVERIFY2(blockers.size() == 1, qPrintable(describe(blockers).join(u'\n')));
    QCOMPARE(blockers.first().code, expectedCode);
    QCOMPARE(blockers.first().field, expectedField);
    QCOMPARE(blockers.first().arguments.value(0), expectedReason);
}

void TestCampaignCheck::largeMessageWarns()
{
    // 8 MiB on disk is a third more once base64-encoded: above LargeMessageBytes (10 MiB).
    const QString path = m_dir.filePath(QStringLiteral("brochure.bin"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray bytes(8 * 1024 * 1024, 'x');
    QCOMPARE(file.write(bytes), bytes.size());
    file.close();

    Campaign campaign = goodCampaign();
    campaign.message.attachments = {path};
    const CampaignCheck check = checkCampaign(campaign);

    QVERIFY2(check.canBeSent(), qPrintable(describe(check.blockers()).join(u'\n')));
    QCOMPARE(check.attachmentBytes, qint64(bytes.size()));
    QVERIFY2(check.largestMessageBytes > LargeMessageBytes,
             qPrintable(QString::number(check.largestMessageBytes)));
    const QList<CampaignCheckItem> warnings = check.warnings();
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(warnings.first().topic, Topic::Size);
    // About 10.9 MB: base64 plus a line break every 76 characters, and the text parts.
    static const QRegularExpression text(QStringLiteral(
        R"(^Messages are up to 1[01]\.\d MB each \(attachments: 8\.0 MB on disk, a third more once )"
        R"(encoded\): many providers refuse messages above 20-25 MB$)"));
    QVERIFY2(text.match(warnings.first().text).hasMatch(), qPrintable(warnings.first().text));

    // Just below the threshold: no warning.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    const QByteArray smaller(7 * 1024 * 1024, 'x');
    QCOMPARE(file.write(smaller), smaller.size());
    file.close();
    const CampaignCheck smallerCheck = checkCampaign(campaign);
    QVERIFY(smallerCheck.largestMessageBytes < LargeMessageBytes);
    QCOMPARE(describe(smallerCheck.warnings()), QStringList());
}

// The window words a row's item from its code and values, never from the English: the row, its
// address, the earlier row of a duplicate and the fields that would be empty are all there.
void TestCampaignCheck::rowItemsCarryTheirValues()
{
    Campaign campaign = goodCampaign();
    campaign.recipients[1].fields.clear();
    campaign.recipients.append(recipient(QStringLiteral("ann@EXAMPLE.org"),
                                         QStringLiteral("Ann again"),
                                         {QStringLiteral("ACME")}));
    campaign.recipients.append(recipient(QStringLiteral("Cy@example.net"),
                                         QStringLiteral("Cy again"),
                                         {QStringLiteral("Globex")}));
    campaign.recipients.append(recipient(QStringLiteral("nobody"), QStringLiteral("No one")));
    campaign.message.subject = QStringLiteral(" ");
    campaign.server.security = SecurityMode::None;

    const CampaignCheck check = checkCampaign(campaign);

    QVERIFY2(check.canBeSent(), qPrintable(describe(check.blockers()).join(u'\n')));
    struct Expected
    {
        Code code;
        Field field;
        int row;
        QStringList arguments;
        QList<qint64> numbers;
    };
    const QList<Expected> expected{
        {Code::PasswordUnencrypted, Field::Security, -1, {QStringLiteral("sender@example.com")}, {}},
        {Code::Duplicate,
         Field::Recipients,
         3,
         {QStringLiteral("ann@EXAMPLE.org"), QStringLiteral("ann@example.org")},
         {0}},
        {Code::ProbableDuplicate,
         Field::Recipients,
         4,
         {QStringLiteral("Cy@example.net"), QStringLiteral("cy@example.net")},
         {2}},
        {Code::RecipientInvalid, Field::Recipients, 5, {QStringLiteral("nobody")}, {}},
        {Code::SubjectEmpty, Field::Subject, -1, {}, {}},
        {Code::FieldsWouldBeEmpty,
         Field::Recipients,
         1,
         {QStringLiteral("bob@example.org"), QStringLiteral("company")},
         {}},
    };
    QCOMPARE(check.items.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const CampaignCheckItem &item = check.items.at(i);
        QCOMPARE(item.code, expected[i].code);
        QCOMPARE(item.field, expected[i].field);
        QCOMPARE(item.recipientIndex, expected[i].row);
        QCOMPARE(item.arguments, expected[i].arguments);
        QCOMPARE(item.numbers, expected[i].numbers);
        QCOMPARE(item.severity, Severity::Warning);
        // The English of each is the one sentence the CLI prints, in the user's words.
        QCOMPARE(item.text,
                 checkItemText(item,
                               describeRecipientRow(campaign.recipients,
                                                    item.recipientIndex < 0 ? 0
                                                                            : item.recipientIndex),
                               item.numbers.isEmpty()
                                   ? QString()
                                   : describeRecipientRow(campaign.recipients,
                                                          int(item.numbers.first()))));
        QVERIFY2(!item.text.contains(QLatin1String("message.")), qPrintable(item.text));
    }
    QCOMPARE(check.items.at(1).text,
             QStringLiteral("recipient 4: \"ann@EXAMPLE.org\" duplicates recipient 1; it receives "
                            "one message"));
    QCOMPARE(check.items.at(5).text,
             QStringLiteral("recipient 2 (bob@example.org): {{company}} would be empty"));
}

QTEST_GUILESS_MAIN(TestCampaignCheck)
#include "tst_campaigncheck.moc"
