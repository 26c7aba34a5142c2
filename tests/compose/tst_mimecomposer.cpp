#include "compose/composeproblem.h"
#include "compose/mimecomposer.h"
#include "compose/unsubscribemail.h"
#include "pythonmessageparser.h"
#include "testresult.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

using namespace Bulkmail;
using Bulkmail::Test::ParsedMessage;
using Bulkmail::Test::ParsedPart;
using Bulkmail::Test::parseWithPython;

Q_DECLARE_METATYPE(Bulkmail::ErrorCode)
Q_DECLARE_METATYPE(Bulkmail::ComposeProblem::Code)
Q_DECLARE_METATYPE(Bulkmail::UnsubscribeMailSettings::Address)

namespace {

const QString attachmentsDir = QStringLiteral(BULKMAIL_TEST_DATA_DIR "/attachments");

// Every line ends in CRLF, no bare CR or LF, no line longer than `maxLength` octets, and (with
// `sevenBitOnly`) no octet above 127.
QString wireFormatProblem(const QByteArray &content, qsizetype maxLength, bool sevenBitOnly = false)
{
    if (!content.endsWith("\r\n"))
        return QStringLiteral("does not end with CRLF");
    qsizetype start = 0;
    int lineNumber = 1;
    while (start < content.size()) {
        const qsizetype end = content.indexOf("\r\n", start);
        const QByteArray line = content.mid(start, end - start);
        if (line.contains('\r') || line.contains('\n'))
            return QStringLiteral("bare CR or LF in line %1").arg(lineNumber);
        if (line.size() > maxLength)
            return QStringLiteral("line %1 has %2 octets: %3")
                .arg(lineNumber)
                .arg(line.size())
                .arg(QString::fromUtf8(line.left(100)));
        if (sevenBitOnly
            && std::any_of(line.cbegin(), line.cend(), [](char c) { return c & 0x80; })) {
            return QStringLiteral("8-bit octet in line %1").arg(lineNumber);
        }
        start = end + 2;
        ++lineNumber;
    }
    return {};
}

QByteArray headerSection(const QByteArray &content)
{
    return content.left(content.indexOf("\r\n\r\n") + 2);
}

// The longest RFC 2047 encoded word in `text`.
qsizetype longestEncodedWord(const QByteArray &text)
{
    static const QRegularExpression word(QStringLiteral(R"(=\?[^?]+\?[BbQq]\?[^?]*\?=)"));
    qsizetype longest = 0;
    auto matches = word.globalMatch(QString::fromLatin1(text));
    while (matches.hasNext())
        longest = std::max(longest, matches.next().capturedLength());
    return longest;
}

QByteArray crlfText(const QString &text)
{
    QString normalised = text;
    normalised.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(u'\r', u'\n');
    if (!normalised.isEmpty() && !normalised.endsWith(u'\n'))
        normalised += u'\n';
    return normalised.toUtf8().replace("\n", "\r\n");
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QDateTime fixedDate()
{
    return QDateTime(QDate(2024, 3, 5), QTime(9, 7, 3), QTimeZone(8 * 3600));
}

MessageTemplate basicTemplate()
{
    return {QStringLiteral("Bulkmail <hello@example.org>"), QString(), QString()};
}

RenderedMessage basicContent()
{
    return {QStringLiteral("Hello Alice"), QStringLiteral("Hi Alice,\nthis is plain text.\n"), {}};
}

Recipient alice()
{
    return {QStringLiteral("alice@example.org"), QStringLiteral("Alice Martin")};
}

MimeContext basicContext(quint64 handle = 1)
{
    return {fixedDate(), {}, handle};
}

} // namespace

class TestMimeComposer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void errorsCarryACodeBesideTheirEnglish_data();
    void errorsCarryACodeBesideTheirEnglish();
    void textOnly();
    void textAndHtml();
    void htmlOnly();
    void attachments();
    void attachmentCacheReadsEachFileOnce();
    void longFileNamesContinue_data();
    void longFileNamesContinue();
    void missingAttachmentIsNamed_data();
    void missingAttachmentIsNamed();
    void internationalText_data();
    void internationalText();
    void longSubjectFolds_data();
    void longSubjectFolds();
    void bodyEncodings_data();
    void bodyEncodings();
    void headerInjectionIsImpossible_data();
    void headerInjectionIsImpossible();
    void injectedStructuresAreRejected_data();
    void injectedStructuresAreRejected();
    void listUnsubscribe_data();
    void listUnsubscribe();
    void unsubscribeByMail_data();
    void unsubscribeByMail();
    void unsubscribeByMailRefusesBadMailbox_data();
    void unsubscribeByMailRefusesBadMailbox();
    void toHoldsOnlyTheRecipient();
    void customHeaders();
    void smtpUtf8_data();
    void smtpUtf8();
    void messageIds();
    void composeTenThousandWithAttachment();
};

void TestMimeComposer::textOnly()
{
    const auto message = composeMime(basicTemplate(), basicContent(), alice(), basicContext(42));
    QVERIFY_RESULT(message);
    QCOMPARE(wireFormatProblem(message->content, 78, true), QString());
    QCOMPARE(message->id, quint64(42));
    QCOMPARE(message->envelopeFrom, QByteArray("hello@example.org"));
    QCOMPARE(message->recipient, QByteArray("alice@example.org"));
    QVERIFY(!message->requires8BitMime);
    QVERIFY(!message->requiresSmtpUtf8);

    const ParsedMessage parsed = parseWithPython(message->content);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.defects, QStringList());
    QCOMPARE(parsed.headerNames(),
             QStringList({QStringLiteral("Date"),
                          QStringLiteral("From"),
                          QStringLiteral("To"),
                          QStringLiteral("Subject"),
                          QStringLiteral("Message-ID"),
                          QStringLiteral("MIME-Version"),
                          QStringLiteral("Content-Type"),
                          QStringLiteral("Content-Transfer-Encoding")}));
    QCOMPARE(parsed.header(u"Date"), QStringLiteral("Tue, 05 Mar 2024 09:07:03 +0800"));
    QCOMPARE(parsed.header(u"From"), QStringLiteral("Bulkmail <hello@example.org>"));
    QCOMPARE(parsed.header(u"To"), QStringLiteral("Alice Martin <alice@example.org>"));
    QCOMPARE(parsed.header(u"Subject"), QStringLiteral("Hello Alice"));
    QCOMPARE(parsed.header(u"MIME-Version"), QStringLiteral("1.0"));
    QVERIFY2(QRegularExpression(QStringLiteral(R"(^<[0-9a-z]+\.[0-9a-z]+\.16@example\.org>$)"))
                 .match(parsed.header(u"Message-ID"))
                 .hasMatch(),
             qPrintable(parsed.header(u"Message-ID"))); // 42 in base 36 is "16"

    QCOMPARE(parsed.parts.size(), 1);
    const ParsedPart &part = parsed.parts[0];
    QCOMPARE(part.contentType, QStringLiteral("text/plain"));
    QCOMPARE(part.charset, QStringLiteral("utf-8"));
    QCOMPARE(part.transferEncoding, QStringLiteral("7bit"));
    QCOMPARE(part.payload, QByteArray("Hi Alice,\r\nthis is plain text.\r\n"));
}

void TestMimeComposer::textAndHtml()
{
    RenderedMessage content = basicContent();
    content.html = QStringLiteral(
        "<p>Hi <b>Alice</b>,</p>\n<p>Thank you for your order, we will ship "
        "it on Monday. Viele Grüße aus Köln!</p>\n");
    const auto message = composeMime(basicTemplate(), content, alice(), basicContext());
    QVERIFY_RESULT(message);
    QCOMPARE(wireFormatProblem(message->content, 78, true), QString());
    QVERIFY(!message->requires8BitMime);

    const ParsedMessage parsed = parseWithPython(message->content);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.defects, QStringList());
    QCOMPARE(parsed.contentTypes(),
             QStringList({QStringLiteral("multipart/alternative"),
                          QStringLiteral("text/plain"),
                          QStringLiteral("text/html")}));
    QCOMPARE(parsed.parts[1].payload, crlfText(content.text));
    QCOMPARE(parsed.parts[1].transferEncoding, QStringLiteral("7bit"));
    QCOMPARE(parsed.parts[2].charset, QStringLiteral("utf-8"));
    QCOMPARE(parsed.parts[2].transferEncoding, QStringLiteral("quoted-printable"));
    QCOMPARE(parsed.parts[2].payload, crlfText(content.html));
}

void TestMimeComposer::htmlOnly()
{
    const RenderedMessage content{QStringLiteral("S"), QString(), QStringLiteral("<p>x</p>")};
    const auto message = composeMime(basicTemplate(), content, alice(), basicContext());
    QVERIFY_RESULT(message);
    const ParsedMessage parsed = parseWithPython(message->content);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.contentTypes(), QStringList({QStringLiteral("text/html")}));
    QCOMPARE(parsed.parts[0].payload, QByteArray("<p>x</p>\r\n"));
}

void TestMimeComposer::attachments()
{
    const QString pdf = attachmentsDir + QStringLiteral("/report.pdf");
    const QString png = attachmentsDir + QStringLiteral("/pixel.png");
    const QString txt = attachmentsDir + QStringLiteral("/说明.txt");
    MessageTemplate messageTemplate = basicTemplate();
    messageTemplate.attachments = {pdf, png, txt};
    RenderedMessage content = basicContent();
    content.html = QStringLiteral("<p>See the attachments.</p>");

    AttachmentCache cache;
    QVERIFY_RESULT(cache.load(messageTemplate.attachments));
    QCOMPARE(cache.size(), 3);
    MimeContext context = basicContext();
    context.attachments = &cache;

    // The same message with and without the cache: the cache changes nothing on the wire.
    for (const bool useCache : {true, false}) {
        if (!useCache)
            context.attachments = nullptr;
        const auto message = composeMime(messageTemplate, content, alice(), context);
        QVERIFY_RESULT(message);
        QCOMPARE(wireFormatProblem(message->content, 78, true), QString());

        const ParsedMessage parsed = parseWithPython(message->content);
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.defects, QStringList());
        QCOMPARE(parsed.contentTypes(),
                 QStringList({QStringLiteral("multipart/mixed"),
                              QStringLiteral("multipart/alternative"),
                              QStringLiteral("text/plain"),
                              QStringLiteral("text/html"),
                              QStringLiteral("application/pdf"),
                              QStringLiteral("image/png"),
                              QStringLiteral("text/plain")}));
        const QString names[] = {QStringLiteral("report.pdf"),
                                 QStringLiteral("pixel.png"),
                                 QStringLiteral("说明.txt")};
        const QString paths[] = {pdf, png, txt};
        for (int i = 0; i < 3; ++i) {
            const ParsedPart &part = parsed.parts[4 + i];
            QCOMPARE(part.transferEncoding, QStringLiteral("base64"));
            QCOMPARE(part.disposition, QStringLiteral("attachment"));
            QCOMPARE(part.filename, names[i]);
            const QByteArray expected = fileBytes(paths[i]);
            QVERIFY(!expected.isEmpty());
            QCOMPARE(part.payload, expected); // byte for byte
        }
        QCOMPARE(parsed.parts[2].payload, crlfText(content.text));
        QCOMPARE(parsed.parts[3].payload, crlfText(content.html));
        // The Chinese file name travels as an RFC 2231 parameter, the ASCII ones as they are.
        QVERIFY(message->content.contains("filename*=UTF-8''%E8%AF%B4%E6%98%8E.txt")
                || message->content.contains("filename*0*=UTF-8''"));
        QVERIFY(message->content.contains("filename=report.pdf")
                || message->content.contains("filename=\"report.pdf\""));
    }
    QCOMPARE(cache.mimeType(png), QStringLiteral("image/png"));
    QCOMPARE(cache.mimeType(QStringLiteral("/nowhere")), QString());
}

void TestMimeComposer::attachmentCacheReadsEachFileOnce()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(QStringLiteral("copy.pdf"));
    QVERIFY(QFile::copy(attachmentsDir + QStringLiteral("/report.pdf"), path));
    const QByteArray original = fileBytes(path);

    AttachmentCache cache;
    QVERIFY_RESULT(cache.load({path, path}));
    QCOMPARE(cache.size(), 1);
    QVERIFY(QFile::remove(path)); // composing must not read it again

    MessageTemplate messageTemplate = basicTemplate();
    messageTemplate.attachments = {path};
    MimeContext context = basicContext();
    context.attachments = &cache;
    for (int i = 0; i < 3; ++i) {
        const auto message = composeMime(messageTemplate, basicContent(), alice(), context);
        QVERIFY_RESULT(message);
        if (i == 0) {
            const ParsedMessage parsed = parseWithPython(message->content);
            QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
            QCOMPARE(parsed.parts.last().filename, QStringLiteral("copy.pdf"));
            QCOMPARE(parsed.parts.last().payload, original);
        }
    }

    // Preloaded data, e.g. from a campaign archive; copies of the cache share it.
    AttachmentCache preloaded;
    preloaded.addData(QStringLiteral("key"),
                      QStringLiteral("evil\r\nname.bin"),
                      QByteArray("\x00\x01\x02", 3));
    const AttachmentCache copy = preloaded;
    messageTemplate.attachments = {QStringLiteral("key")};
    context.attachments = &copy;
    const auto message = composeMime(messageTemplate, basicContent(), alice(), context);
    QVERIFY_RESULT(message);
    QCOMPARE(wireFormatProblem(message->content, 78, true), QString());
    const ParsedMessage parsed = parseWithPython(message->content);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.parts.last().contentType, QStringLiteral("application/octet-stream"));
    QCOMPARE(parsed.parts.last().filename, QStringLiteral("evil__name.bin"));
    QCOMPARE(parsed.parts.last().payload, QByteArray("\x00\x01\x02", 3));
}

void TestMimeComposer::longFileNamesContinue_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::newRow("Chinese") << QStringLiteral(
        "二〇二四年春季产品目录与价格表（最终版，请勿外传）完整版本附录说明.pdf");
    QTest::newRow("ASCII with spaces")
        << QString(QStringLiteral("very long ascii file name ")).repeated(5)
               + QStringLiteral("x.pdf");
    QTest::newRow("emoji and quotes") << QStringLiteral("\"party\" 🎉🎂 'plan'; final.pdf");
}

// RFC 2231 §3 continuations keep every line within 78 octets, even when they split a UTF-8
// character's octets; the reader joins them before decoding.
void TestMimeComposer::longFileNamesContinue()
{
    QFETCH(QString, fileName);
    AttachmentCache cache;
    cache.addData(QStringLiteral("key"), fileName, QByteArray("%PDF-1.4"));
    QCOMPARE(cache.mimeType(QStringLiteral("key")), QStringLiteral("application/pdf"));
    MessageTemplate messageTemplate = basicTemplate();
    messageTemplate.attachments = {QStringLiteral("key")};
    MimeContext context = basicContext();
    context.attachments = &cache;
    const auto message = composeMime(messageTemplate, basicContent(), alice(), context);
    QVERIFY_RESULT(message);
    QCOMPARE(wireFormatProblem(message->content, 78, true), QString());
    const ParsedMessage parsed = parseWithPython(message->content);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.defects, QStringList());
    QCOMPARE(parsed.parts.last().filename, fileName);
    QCOMPARE(parsed.parts.last().payload, QByteArray("%PDF-1.4"));
}

void TestMimeComposer::errorsCarryACodeBesideTheirEnglish_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<ComposeProblem::Code>("code");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("english");
    using Code = ComposeProblem::Code;
    // The English is what the journal, the log and the CLI have always said: pinned word for word.
    QTest::newRow("recipient not an address")
        << "email"
        << "not-an-address" << Code::AddressNotValid
        << QStringList{QStringLiteral("recipient.email"), QStringLiteral("not-an-address")}
        << "recipient.email: \"not-an-address\" is not a valid email address";
    QTest::newRow("recipient needs SMTPUTF8")
        << "email" << QStringLiteral("用户@example.com") << Code::AddressNeedsSmtpUtf8
        << QStringList{QStringLiteral("recipient.email"), QStringLiteral("用户@example.com")}
        << QStringLiteral("recipient.email: \"用户@example.com\" has a non-ASCII local part, "
                          "which needs SMTPUTF8; the server does not offer it");
    QTest::newRow("reserved header")
        << "headerName"
        << "Subject" << Code::HeaderNotSettable << QStringList{QStringLiteral("Subject")}
        << "message.headers: \"Subject\" cannot be set as a custom header";
    QTest::newRow("bad header name")
        << "headerName"
        << "X A" << Code::HeaderNameInvalid << QStringList{QStringLiteral("X A")}
        << "message.headers: \"X A\" is not a valid header name";
    QTest::newRow("missing attachment") << "attachment"
                                        << "/nonexistent/report.pdf" << Code::AttachmentMissing
                                        << QStringList{QStringLiteral("/nonexistent/report.pdf")}
                                        << "attachment \"/nonexistent/report.pdf\": no such file";
    QTest::newRow("attachment is a directory")
        << "attachment" << QDir::tempPath() << Code::AttachmentNotAFile
        << QStringList{QDir::tempPath()}
        << QStringLiteral("attachment \"%1\": not a regular file").arg(QDir::tempPath());
}

void TestMimeComposer::errorsCarryACodeBesideTheirEnglish()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(ComposeProblem::Code, code);
    QFETCH(QStringList, arguments);
    QFETCH(QString, english);

    MessageTemplate messageTemplate = basicTemplate();
    Recipient recipient = alice();
    if (field == u"email")
        recipient.email = value;
    else if (field == u"headerName")
        messageTemplate.headers = {{value, QStringLiteral("v")}};
    else
        messageTemplate.attachments = {value};
    const auto message = composeMime(messageTemplate, basicContent(), recipient, basicContext());
    QVERIFY(!message);
    QCOMPARE(message.error().message, english);
    QCOMPARE(ComposeProblem::codeOf(message.error()), code);
    QCOMPARE(message.error().noteArguments, arguments);
    QCOMPARE(ComposeProblem::english(code, arguments), english);
    // An error made without a code has none.
    QCOMPARE(ComposeProblem::codeOf(Error{ErrorCode::Io, english}), ComposeProblem::Code::None);
}

void TestMimeComposer::missingAttachmentIsNamed_data()
{
    QTest::addColumn<bool>("throughCache");
    QTest::newRow("cache load") << true;
    QTest::newRow("compose without cache") << false;
}

void TestMimeComposer::missingAttachmentIsNamed()
{
    QFETCH(bool, throughCache);
    const QString good = attachmentsDir + QStringLiteral("/pixel.png");
    const QString missing = attachmentsDir + QStringLiteral("/does-not-exist.pdf");
    MessageTemplate messageTemplate = basicTemplate();
    messageTemplate.attachments = {good, missing};

    Error error;
    if (throughCache) {
        AttachmentCache cache;
        const auto loaded = cache.load(messageTemplate.attachments);
        QVERIFY(!loaded);
        error = loaded.error();
        QVERIFY(cache.contains(good));
        QVERIFY(!cache.contains(missing));
    } else {
        const auto message = composeMime(messageTemplate, basicContent(), alice(), basicContext());
        QVERIFY(!message);
        error = message.error();
    }
    QCOMPARE(error.code, ErrorCode::Io);
    QVERIFY2(error.message.contains(missing), qPrintable(error.message));
    QVERIFY2(error.message.contains(QLatin1String("no such file")), qPrintable(error.message));

    // A directory is not an attachment either.
    messageTemplate.attachments = {attachmentsDir};
    const auto directory = composeMime(messageTemplate, basicContent(), alice(), basicContext());
    QVERIFY(!directory);
    QVERIFY(directory.error().message.contains(attachmentsDir));
}

void TestMimeComposer::internationalText_data()
{
    QTest::addColumn<QString>("fromName");
    QTest::addColumn<QString>("recipientName");
    QTest::addColumn<QString>("replyToName");
    QTest::addColumn<QString>("subject");

    QTest::newRow("Chinese") << QStringLiteral("张伟") << QStringLiteral("王芳")
                             << QStringLiteral("客服中心")
                             << QStringLiteral("你好，王芳！欢迎使用 Bulkmail");
    QTest::newRow("emoji") << QStringLiteral("Bulkmail 🚀") << QStringLiteral("Zoë 😀")
                           << QStringLiteral("Help 🆘") << QStringLiteral("🎉 Party time 🎂🎈");
    QTest::newRow("accents and specials")
        << QStringLiteral("Müller, Jürgen") << QStringLiteral("José \"Pepe\" García")
        << QStringLiteral("Ça va?") << QStringLiteral("Grüße aus Köln");
    QTest::newRow("ASCII with specials")
        << QStringLiteral("Last, First") << QStringLiteral("A. (Tester) <x>")
        << QStringLiteral("Support; team") << QStringLiteral("Plain ASCII: 100% fine");
}

void TestMimeComposer::internationalText()
{
    QFETCH(QString, fromName);
    QFETCH(QString, recipientName);
    QFETCH(QString, replyToName);
    QFETCH(QString, subject);

    MessageTemplate messageTemplate = basicTemplate();
    QString quotedFrom = fromName;
    quotedFrom.replace(u'"', QStringLiteral("\\\""));
    messageTemplate.from = QStringLiteral("\"%1\" <hello@example.org>").arg(quotedFrom);
    messageTemplate.replyTo = QStringLiteral("\"%1\" <help@example.org>").arg(replyToName);
    RenderedMessage content = basicContent();
    content.subject = subject;
    const Recipient recipient{QStringLiteral("r@example.com"), recipientName};

    const auto message = composeMime(messageTemplate, content, recipient, basicContext());
    QVERIFY_RESULT(message);
    QCOMPARE(wireFormatProblem(message->content, 78, true), QString());
    QVERIFY(longestEncodedWord(headerSection(message->content)) <= 75);
    QVERIFY(!message->requiresSmtpUtf8);

    const ParsedMessage parsed = parseWithPython(message->content);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.defects, QStringList());
    QCOMPARE(parsed.header(u"Subject"), subject);
    using Pairs = QList<QPair<QString, QString>>;
    QCOMPARE(parsed.addresses.value(QStringLiteral("from")),
             Pairs({{fromName, QStringLiteral("hello@example.org")}}));
    QCOMPARE(parsed.addresses.value(QStringLiteral("to")),
             Pairs({{recipientName, QStringLiteral("r@example.com")}}));
    QCOMPARE(parsed.addresses.value(QStringLiteral("reply-to")),
             Pairs({{replyToName, QStringLiteral("help@example.org")}}));
}

void TestMimeComposer::longSubjectFolds_data()
{
    QTest::addColumn<QString>("subject");

    QStringList words;
    for (int i = 0; i < 40; ++i)
        words.append(QStringLiteral("word%1").arg(i));
    QTest::newRow("long ASCII, folded at spaces") << words.join(u' ');
    QTest::newRow("one unbreakable ASCII word") << QString(300, u'x');
    QTest::newRow("long Chinese") << QString(QStringLiteral("欢迎使用大量邮件发送工具。"))
                                         .repeated(12);
    QTest::newRow("emoji, surrogate pairs")
        << QString(QStringLiteral("Grüße 👋 aus Köln, 🎉🎂")).repeated(10);
    QTest::newRow("looks like an encoded word") << QStringLiteral("=?UTF-8?B?SGk=?= stays literal");
}

void TestMimeComposer::longSubjectFolds()
{
    QFETCH(QString, subject);
    RenderedMessage content = basicContent();
    content.subject = subject;
    const auto message = composeMime(basicTemplate(), content, alice(), basicContext());
    QVERIFY_RESULT(message);
    QCOMPARE(wireFormatProblem(message->content, 78, true), QString());
    QVERIFY(longestEncodedWord(headerSection(message->content)) <= 75);
    if (subject.size() > 60)
        QVERIFY(headerSection(message->content).count("\r\n ") >= 1); // folded
    const ParsedMessage parsed = parseWithPython(message->content);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.header(u"Subject"), subject);
}

void TestMimeComposer::bodyEncodings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("allow8Bit");
    QTest::addColumn<QString>("transferEncoding");

    const QString accents = QStringLiteral("Dear José, thank you for your order.\nViele Grüße = "
                                           "best regards, and trailing space \n");
    const QString chinese = QStringLiteral("亲爱的王芳：\n欢迎使用 Bulkmail。祝好！\n");
    const QString longLine = QString(QStringLiteral(
                                         "Grüße from Köln to everyone, with a longer sentence "))
                                 .repeated(30);
    QTest::newRow("ASCII, 8-bit not offered") << "Plain = text\n\twith tab\n" << false << "7bit";
    QTest::newRow("ASCII, 8-bit offered") << "Plain = text\n" << true << "7bit";
    QTest::newRow("CR, LF and CRLF become CRLF") << "a\nb\rc\r\nd" << false << "7bit";
    QTest::newRow("accents, 8-bit not offered") << accents << false << "quoted-printable";
    QTest::newRow("accents, 8-bit offered") << accents << true << "8bit";
    QTest::newRow("Chinese, 8-bit not offered") << chinese << false << "base64";
    QTest::newRow("mostly accents, 8-bit not offered")
        << QStringLiteral("Ça éé üü ß\n") << false << "base64";
    QTest::newRow("Chinese, 8-bit offered") << chinese << true << "8bit";
    QTest::newRow("emoji, 8-bit offered") << QStringLiteral("Party 🎉🎂\n") << true << "8bit";
    QTest::newRow("line over 998 octets, 8-bit offered") << longLine << true << "quoted-printable";
    QTest::newRow("ASCII line over 998 octets")
        << QString(1200, u'a') << false << "quoted-printable";
    QTest::newRow("trailing spaces and NUL")
        << QStringLiteral("end   \nnul:") + QChar(u'\0') << true << "quoted-printable";
}

void TestMimeComposer::bodyEncodings()
{
    QFETCH(QString, text);
    QFETCH(bool, allow8Bit);
    QFETCH(QString, transferEncoding);

    RenderedMessage content = basicContent();
    content.text = text;
    MimeOptions options;
    options.allow8BitMime = allow8Bit;
    const auto message = composeMime(basicTemplate(), content, alice(), basicContext(), options);
    QVERIFY_RESULT(message);
    const bool is8Bit = transferEncoding == QLatin1String("8bit");
    QCOMPARE(message->requires8BitMime, is8Bit);
    const qsizetype limit = transferEncoding == QLatin1String("7bit")
                                    || transferEncoding == QLatin1String("8bit")
                                ? 998
                                : 78;
    QCOMPARE(wireFormatProblem(message->content, limit, !is8Bit), QString());

    const ParsedMessage parsed = parseWithPython(message->content);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.defects, QStringList());
    QCOMPARE(parsed.parts.size(), 1);
    QCOMPARE(parsed.parts[0].transferEncoding, transferEncoding);
    QCOMPARE(parsed.parts[0].payload, crlfText(text));
}

void TestMimeComposer::headerInjectionIsImpossible_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");

    const QString attacks[] = {QStringLiteral("Hi\r\nBcc: victim@x"),
                               QStringLiteral("Hi\nBcc: victim@x"),
                               QStringLiteral("Hi\rBcc: victim@x"),
                               QStringLiteral("Hi\r\n\r\nBcc: victim@x"),
                               QStringLiteral("你好\r\nBcc: victim@x"),
                               QStringLiteral("Hi\u2028Bcc: victim@x")};
    const char *labels[] = {"CRLF", "LF", "CR", "blank line", "non-ASCII and CRLF", "U+2028"};
    for (int i = 0; i < 6; ++i) {
        QTest::addRow("subject, %s", labels[i]) << "subject" << attacks[i];
        QTest::addRow("recipient name, %s", labels[i]) << "name" << attacks[i];
        QTest::addRow("sender name, %s", labels[i]) << "from" << attacks[i];
        QTest::addRow("reply-to name, %s", labels[i]) << "replyTo" << attacks[i];
        QTest::addRow("custom header value, %s", labels[i]) << "custom" << attacks[i];
    }
}

void TestMimeComposer::headerInjectionIsImpossible()
{
    QFETCH(QString, field);
    QFETCH(QString, value);

    MessageTemplate messageTemplate = basicTemplate();
    messageTemplate.replyTo = QStringLiteral("help@example.org");
    messageTemplate.headers = {{QStringLiteral("X-Campaign"), QStringLiteral("spring")}};
    RenderedMessage content = basicContent();
    Recipient recipient = alice();
    if (field == QLatin1String("subject"))
        content.subject = value;
    else if (field == QLatin1String("name"))
        recipient.name = value;
    else if (field == QLatin1String("from"))
        messageTemplate.from = QStringLiteral("\"%1\" <hello@example.org>").arg(value);
    else if (field == QLatin1String("replyTo"))
        messageTemplate.replyTo = QStringLiteral("\"%1\" <help@example.org>").arg(value);
    else
        messageTemplate.headers = {{QStringLiteral("X-Campaign"), value}};

    const auto message = composeMime(messageTemplate, content, recipient, basicContext());
    QVERIFY_RESULT(message);
    QCOMPARE(wireFormatProblem(message->content, 78, true), QString());
    const QRegularExpression bccLine(QStringLiteral("^bcc:"),
                                     QRegularExpression::CaseInsensitiveOption
                                         | QRegularExpression::MultilineOption);
    QVERIFY(!bccLine.match(QString::fromUtf8(headerSection(message->content))).hasMatch());

    const ParsedMessage parsed = parseWithPython(message->content);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.defects, QStringList());
    QCOMPARE(parsed.headers.size(), 10);
    for (const char *name : {"Subject", "To", "From", "Reply-To", "X-Campaign"})
        QCOMPARE(parsed.count(QString::fromLatin1(name)), 1);
    QCOMPARE(parsed.count(u"Bcc"), 0);
    QCOMPARE(parsed.addresses.value(QStringLiteral("to")).size(), 1);
    QCOMPARE(parsed.addresses.value(QStringLiteral("to")).first().second,
             QStringLiteral("alice@example.org"));
    // The text survives, with the line break turned into a space.
    QString all;
    for (const auto &header : parsed.headers)
        all += header.second + u'\n';
    QVERIFY2(all.contains(QLatin1String(" Bcc: victim@x")), qPrintable(all));
    QCOMPARE(parsed.parts[0].payload, crlfText(content.text));
}

void TestMimeComposer::injectedStructuresAreRejected_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("messageStart");

    const auto address = ErrorCode::InvalidAddress;
    const auto value = ErrorCode::InvalidValue;
    QTest::newRow("recipient address with CRLF")
        << "email"
        << "alice@example.org\r\nBcc: v@example.org" << address << "recipient.email:";
    QTest::newRow("recipient address with LF") << "email"
                                               << "alice@example.org\n"
                                               << address << "recipient.email:";
    QTest::newRow("two recipients")
        << "email"
        << "a@example.org,b@example.org" << address << "recipient.email:";
    QTest::newRow("sender address with CRLF")
        << "from"
        << "X <hello@example.org\r\nBcc: v@example.org>" << address << "message.from:";
    QTest::newRow("reply-to address with CRLF")
        << "replyTo"
        << "help@example.org\r\nBcc: v@example.org" << address << "message.replyTo:";
    QTest::newRow("reply-to with two addresses")
        << "replyTo"
        << "a@example.org, b@example.org" << address << "message.replyTo:";
    QTest::newRow("custom header name with CRLF") << "headerName"
                                                  << "X-A\r\nBcc" << value << "message.headers:";
    QTest::newRow("custom header name with colon") << "headerName"
                                                   << "Bcc: v@x" << value << "message.headers:";
    QTest::newRow("custom header name with space") << "headerName"
                                                   << "X A" << value << "message.headers:";
    QTest::newRow("custom Bcc") << "headerName"
                                << "bcc" << value << "message.headers:";
    QTest::newRow("custom Cc") << "headerName"
                               << "Cc" << value << "message.headers:";
    QTest::newRow("custom To") << "headerName"
                               << "TO" << value << "message.headers:";
    QTest::newRow("custom Content-Type") << "headerName"
                                         << "Content-Type" << value << "message.headers:";
    QTest::newRow("custom Subject") << "headerName"
                                    << "Subject" << value << "message.headers:";
    QTest::newRow("unsubscribe with CRLF")
        << "unsubscribe"
        << "https://example.org/u\r\nBcc: v@x" << value << "message.listUnsubscribe:";
    QTest::newRow("unsubscribe with space")
        << "unsubscribe"
        << "https://example.org/a b" << value << "message.listUnsubscribe:";
    QTest::newRow("unsubscribe javascript")
        << "unsubscribe"
        << "javascript:alert(1)" << value << "message.listUnsubscribe:";
    QTest::newRow("unsubscribe closing bracket")
        << "unsubscribe"
        << "<https://e.org/>x>" << value << "message.listUnsubscribe:";
    QTest::newRow("message-id domain") << "messageIdDomain"
                                       << "x>\r\nBcc: v@x.org" << value << "messageIdDomain:";
}

void TestMimeComposer::injectedStructuresAreRejected()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(ErrorCode, code);
    QFETCH(QString, messageStart);

    MessageTemplate messageTemplate = basicTemplate();
    Recipient recipient = alice();
    MimeContext context = basicContext();
    if (field == QLatin1String("email"))
        recipient.email = value;
    else if (field == QLatin1String("from"))
        messageTemplate.from = value;
    else if (field == QLatin1String("replyTo"))
        messageTemplate.replyTo = value;
    else if (field == QLatin1String("headerName"))
        messageTemplate.headers = {{value, QStringLiteral("v")}};
    else if (field == QLatin1String("unsubscribe"))
        messageTemplate.listUnsubscribe = value;
    else
        context.messageIdDomain = value.toUtf8();

    const auto message = composeMime(messageTemplate, basicContent(), recipient, context);
    QVERIFY(!message);
    QCOMPARE(message.error().code, code);
    QVERIFY2(message.error().message.startsWith(messageStart), qPrintable(message.error().message));
    QVERIFY(!message.error().message.contains(u'\n')); // safe to log on one line
}

void TestMimeComposer::listUnsubscribe_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("header");
    QTest::addColumn<bool>("isOneClick");

    QTest::newRow("https") << "https://example.org/unsubscribe?id=42&list=spring"
                           << "<https://example.org/unsubscribe?id=42&list=spring>" << true;
    QTest::newRow("https in brackets") << "<https://example.org/u/42>"
                                       << "<https://example.org/u/42>" << true;
    QTest::newRow("mailto") << "mailto:unsubscribe@example.org?subject=unsubscribe"
                            << "<mailto:unsubscribe@example.org?subject=unsubscribe>" << false;
    QTest::newRow("http is not one-click") << "http://example.org/u"
                                           << "<http://example.org/u>" << false;
    QTest::newRow("mailto and https")
        << "mailto:u@example.org, https://example.org/u/42"
        << "<mailto:u@example.org>, <https://example.org/u/42>" << true;
    QTest::newRow("non-ASCII percent-encoded")
        << "https://example.org/退订"
        << "<https://example.org/%E9%80%80%E8%AE%A2>" << true;
    QTest::newRow("long URI folds")
        << QStringLiteral("mailto:u@example.org, https://example.org/") + QString(50, u'a')
        << QStringLiteral("<mailto:u@example.org>, <https://example.org/") + QString(50, u'a')
               + u'>'
        << true;
    QTest::newRow("none") << ""
                          << "" << false;
}

void TestMimeComposer::listUnsubscribe()
{
    QFETCH(QString, value);
    QFETCH(QString, header);
    QFETCH(bool, isOneClick);

    MessageTemplate messageTemplate = basicTemplate();
    messageTemplate.listUnsubscribe = value;
    const auto message = composeMime(messageTemplate, basicContent(), alice(), basicContext());
    QVERIFY_RESULT(message);
    QCOMPARE(wireFormatProblem(message->content, 78, true), QString());
    const ParsedMessage parsed = parseWithPython(message->content);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.count(u"List-Unsubscribe"), header.isEmpty() ? 0 : 1);
    // Unfolding keeps the folding white space: compare with runs of white space as one space.
    QCOMPARE(parsed.rawHeader(u"List-Unsubscribe").simplified(), header);
    QCOMPARE(parsed.header(u"List-Unsubscribe-Post"),
             isOneClick ? QStringLiteral("List-Unsubscribe=One-Click") : QString());
    QCOMPARE(parsed.count(u"List-Unsubscribe-Post"), isOneClick ? 1 : 0);
}

void TestMimeComposer::unsubscribeByMail_data()
{
    using Address = UnsubscribeMailSettings::Address;
    QTest::addColumn<QString>("listUnsubscribe");
    QTest::addColumn<QString>("mailbox");
    QTest::addColumn<Address>("address");
    QTest::addColumn<QString>("before");   // the header's text before the mailto: URI
    QTest::addColumn<QString>("mailtoTo"); // the URI's address, as written in it
    QTest::addColumn<bool>("isOneClick");

    QTest::newRow("the sender's mailbox") << QString() << QString() << Address::AsWritten
                                          << QString() << "hello@example.org" << false;
    QTest::newRow("the sender, plus-addressed")
        << QString() << QString() << Address::PlusAddressed << QString()
        << "hello+unsubscribe@example.org" << false;
    QTest::newRow("a chosen mailbox besides the one-click URL")
        << "https://example.org/u/42"
        << "lists@example.org" << Address::AsWritten << "<https://example.org/u/42>, "
        << "lists@example.org" << true;
    QTest::newRow("a chosen mailbox, plus-addressed, behind a mailto: of the user's")
        << "mailto:office@example.org"
        << "lists@example.org" << Address::PlusAddressed << "<mailto:office@example.org>, "
        << "lists+unsubscribe@example.org" << false;
    QTest::newRow("non-ASCII: percent-encoded UTF-8 and an A-label domain")
        << QString() << QStringLiteral("退订@例子.中国") << Address::AsWritten << QString()
        << "%E9%80%80%E8%AE%A2@xn--fsqu00a.xn--fiqs8s" << false;
}

// The mailto: URI carries a token per message (its Message-ID, compose/unsubscribemail.h), in
// the RFC 2369 header beside the user's own URIs; List-Unsubscribe-Post only with https.
void TestMimeComposer::unsubscribeByMail()
{
    QFETCH(QString, listUnsubscribe);
    QFETCH(QString, mailbox);
    QFETCH(UnsubscribeMailSettings::Address, address);
    QFETCH(QString, before);
    QFETCH(QString, mailtoTo);
    QFETCH(bool, isOneClick);

    MessageTemplate messageTemplate = basicTemplate();
    messageTemplate.listUnsubscribe = listUnsubscribe;
    messageTemplate.unsubscribeByMail = {true, mailbox, address};
    const auto composer = MimeComposer::create(messageTemplate, basicContext());
    QVERIFY_RESULT(composer);
    QSet<QString> tokens;
    for (quint64 handle : {1, 2}) {
        const auto message = composer->compose(basicContent(), alice(), handle, fixedDate());
        QVERIFY_RESULT(message);
        // A URI is one token, never folded inside: its line may pass the 78 octets that RFC
        // 5322 §2.1.1 recommends, never the 998 it requires.
        QCOMPARE(wireFormatProblem(message->content, 998, true), QString());
        const ParsedMessage parsed = parseWithPython(message->content);
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.count(u"List-Unsubscribe"), 1);
        const QString header = parsed.rawHeader(u"List-Unsubscribe").simplified();
        QVERIFY2(header.startsWith(before + QStringLiteral("<mailto:") + mailtoTo
                                   + QStringLiteral("?subject=unsubscribe%20")),
                 qPrintable(header));
        QVERIFY(header.endsWith(u'>'));
        QCOMPARE(parsed.count(u"List-Unsubscribe-Post"), isOneClick ? 1 : 0);

        // What a mail client makes of the URI (RFC 6068): the request's subject names this
        // very message, and the request goes to the mailbox we chose.
        const QUrl uri(header.mid(before.size() + 1).chopped(1), QUrl::StrictMode);
        QVERIFY2(uri.isValid(), qPrintable(header));
        QCOMPARE(uri.scheme(), QStringLiteral("mailto"));
        const QString subject = QUrlQuery(uri).queryItemValue(QStringLiteral("subject"),
                                                              QUrl::FullyDecoded);
        QCOMPARE(messageIdInUnsubscribeSubject(subject), QString::fromLatin1(message->messageId));
        tokens.insert(subject);
    }
    QCOMPARE(tokens.size(), 2); // one token per message
}

void TestMimeComposer::unsubscribeByMailRefusesBadMailbox_data()
{
    QTest::addColumn<QString>("mailbox");
    QTest::newRow("a header line smuggled in") << "lists@example.org\r\nBcc: x@example.net";
    QTest::newRow("a second address") << "lists@example.org, x@example.net";
    QTest::newRow("a display name") << "Lists <lists@example.org>";
    QTest::newRow("no domain") << "lists";
}

void TestMimeComposer::unsubscribeByMailRefusesBadMailbox()
{
    QFETCH(QString, mailbox);
    MessageTemplate messageTemplate = basicTemplate();
    messageTemplate.unsubscribeByMail = {true, mailbox, UnsubscribeMailSettings::Address::AsWritten};
    const auto message = composeMime(messageTemplate, basicContent(), alice(), basicContext());
    QVERIFY(!message);
    QCOMPARE(message.error().code, ErrorCode::InvalidAddress);
    QVERIFY2(message.error().message.startsWith(
                 QLatin1String("message.unsubscribeByMail.mailbox:")),
             qPrintable(message.error().message));
    QVERIFY(!message.error().message.contains(u'\n'));
}

void TestMimeComposer::toHoldsOnlyTheRecipient()
{
    const QList<Recipient> recipients = {
        {QStringLiteral("ann@example.org"), QStringLiteral("Ann")},
        {QStringLiteral("bob@example.net"), QStringLiteral("Bob")},
        {QStringLiteral("chen@example.com"), QStringLiteral("陈")},
    };
    for (const Recipient &recipient : recipients) {
        const auto message = composeMime(basicTemplate(), basicContent(), recipient, basicContext());
        QVERIFY_RESULT(message);
        QCOMPARE(message->recipient, recipient.email.toUtf8());
        for (const Recipient &other : recipients) {
            if (other.email != recipient.email)
                QVERIFY(!message->content.contains(other.email.toUtf8()));
        }
        const ParsedMessage parsed = parseWithPython(message->content);
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.addresses.value(QStringLiteral("to")),
                 (QList<QPair<QString, QString>>{{recipient.name, recipient.email}}));
        QCOMPARE(parsed.count(u"Cc"), 0);
        QCOMPARE(parsed.count(u"Bcc"), 0);
    }
}

void TestMimeComposer::customHeaders()
{
    MessageTemplate messageTemplate = basicTemplate();
    messageTemplate.headers = {{QStringLiteral("X-Campaign-ID"), QStringLiteral("spring-2024")},
                               {QStringLiteral("X-Note"), QStringLiteral("春季促销 🌸")},
                               {QStringLiteral("X-Empty"), QString()},
                               {QStringLiteral("X-Campaign-ID"), QStringLiteral("second")}};
    const auto message = composeMime(messageTemplate, basicContent(), alice(), basicContext());
    QVERIFY_RESULT(message);
    QCOMPARE(wireFormatProblem(message->content, 78, true), QString());
    QVERIFY(message->content.contains("\r\nX-Campaign-ID: spring-2024\r\n"));
    const ParsedMessage parsed = parseWithPython(message->content);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.defects, QStringList());
    QStringList custom;
    for (const auto &[name, value] : parsed.headers) {
        if (name.startsWith(QLatin1String("X-")))
            custom.append(name + QLatin1String(": ") + value);
    }
    QCOMPARE(custom,
             QStringList({QStringLiteral("X-Campaign-ID: spring-2024"),
                          QStringLiteral("X-Note: 春季促销 🌸"),
                          QStringLiteral("X-Empty: "),
                          QStringLiteral("X-Campaign-ID: second")}));
}

void TestMimeComposer::smtpUtf8_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<bool>("allowSmtpUtf8");
    QTest::addColumn<QByteArray>("envelopeRecipient");
    QTest::addColumn<bool>("requiresSmtpUtf8");
    QTest::addColumn<bool>("succeeds");

    QTest::newRow("IDN domain becomes A-label")
        << "user@bücher.example" << false << QByteArray("user@xn--bcher-kva.example") << false
        << true;
    QTest::newRow("non-ASCII local part, SMTPUTF8 not offered")
        << "用户@example.com" << false << QByteArray() << false << false;
    QTest::newRow("non-ASCII local part, SMTPUTF8 offered")
        << "用户@例子.测试" << true
        << QString(QStringLiteral("用户@xn--fsqu00a.xn--0zwm56d")).toUtf8() << true << true;
    QTest::newRow("ASCII, SMTPUTF8 offered but not needed")
        << "a@example.org" << true << QByteArray("a@example.org") << false << true;
}

void TestMimeComposer::smtpUtf8()
{
    QFETCH(QString, email);
    QFETCH(bool, allowSmtpUtf8);
    QFETCH(QByteArray, envelopeRecipient);
    QFETCH(bool, requiresSmtpUtf8);
    QFETCH(bool, succeeds);

    MimeOptions options;
    options.allowSmtpUtf8 = allowSmtpUtf8;
    options.allow8BitMime = allowSmtpUtf8; // RFC 6531 servers offer both
    const auto message = composeMime(basicTemplate(),
                                     basicContent(),
                                     {email, QStringLiteral("Name")},
                                     basicContext(),
                                     options);
    if (!succeeds) {
        QVERIFY(!message);
        QCOMPARE(message.error().code, ErrorCode::InvalidAddress);
        QVERIFY2(message.error().message.contains(QLatin1String("SMTPUTF8")),
                 qPrintable(message.error().message));
        return;
    }
    QVERIFY_RESULT(message);
    QCOMPARE(message->recipient, envelopeRecipient);
    QCOMPARE(message->requiresSmtpUtf8, requiresSmtpUtf8);
    QCOMPARE(message->requires8BitMime, requiresSmtpUtf8);
    QCOMPARE(wireFormatProblem(message->content, 78, !requiresSmtpUtf8), QString());
    const ParsedMessage parsed = parseWithPython(message->content);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.addresses.value(QStringLiteral("to")),
             (QList<QPair<QString, QString>>{
                 {QStringLiteral("Name"), QString::fromUtf8(envelopeRecipient)}}));
}

void TestMimeComposer::messageIds()
{
    QSet<QByteArray> ids;
    const QRegularExpression idHeader(QStringLiteral("\r\nMessage-ID: (<[^>]+>)\r\n"));
    for (int i = 0; i < 200; ++i) {
        const auto message = composeMime(basicTemplate(), basicContent(), alice(), basicContext(7));
        QVERIFY_RESULT(message);
        const auto match = idHeader.match(QString::fromLatin1(message->content));
        QVERIFY(match.hasMatch());
        QVERIFY(match.captured(1).endsWith(QLatin1String("@example.org>")));
        // Handed over as written (the journal records it), with a random part of fixed width.
        QCOMPARE(message->messageId, match.captured(1).toLatin1());
        QCOMPARE(match.captured(1).indexOf(u'.'), 1 + 13);
        ids.insert(match.captured(1).toLatin1());
    }
    QCOMPARE(ids.size(), 200);

    MimeContext context = basicContext();
    context.messageIdDomain = QByteArrayLiteral("mx.example.net");
    const auto message = composeMime(basicTemplate(), basicContent(), alice(), context);
    QVERIFY_RESULT(message);
    QVERIFY(message->content.contains("@mx.example.net>\r\n"));
}

// Not a correctness test: run with BULKMAIL_MIME_BENCHMARK=1 in a Release build to measure.
void TestMimeComposer::composeTenThousandWithAttachment()
{
    if (qEnvironmentVariableIsEmpty("BULKMAIL_MIME_BENCHMARK"))
        QSKIP("set BULKMAIL_MIME_BENCHMARK=1 to measure composing 10,000 messages");

    QByteArray data(100 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < data.size(); ++i)
        data[i] = char((i * 7919) >> 3);
    AttachmentCache cache;
    cache.addData(QStringLiteral("brochure.pdf"), QStringLiteral("brochure.pdf"), data);
    MessageTemplate messageTemplate = basicTemplate();
    messageTemplate.attachments = {QStringLiteral("brochure.pdf")};
    messageTemplate.listUnsubscribe = QStringLiteral("https://example.org/u/1");
    RenderedMessage content = basicContent();
    content.html = QStringLiteral("<p>Hi Alice, see the brochure. Grüße!</p>");
    content.subject = QStringLiteral("你好，欢迎使用 Bulkmail");
    MimeContext context = basicContext();
    context.attachments = &cache;

    for (const int count : {10000}) {
        QElapsedTimer timer;
        timer.start();
        qint64 bytes = 0;
        for (int i = 0; i < count; ++i) {
            context.messageHandle = quint64(i);
            const Recipient recipient{QStringLiteral("user%1@example.org").arg(i),
                                      QStringLiteral("User %1").arg(i)};
            const auto message = composeMime(messageTemplate, content, recipient, context);
            QVERIFY_RESULT(message);
            bytes += message->content.size();
        }
        const qint64 elapsed = timer.elapsed();
        qInfo("Composed %d messages with a 100 KB attachment in %lld ms (%.1f messages/s, "
              "%.0f MB written)",
              count,
              elapsed,
              count * 1000.0 / double(std::max<qint64>(elapsed, 1)),
              double(bytes) / 1e6);
    }
}

QTEST_GUILESS_MAIN(TestMimeComposer)
#include "tst_mimecomposer.moc"
