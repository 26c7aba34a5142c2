#include "campaign/messagecomposer.h"

#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

using namespace Bulkmail;

#define QVERIFY_RESULT(result) \
    QVERIFY2((result).has_value(), qPrintable((result) ? QString() : (result).error().message))

namespace {

struct ParsedMessage
{
    QList<QPair<QByteArray, QByteArray>> headers; // name, unfolded value without leading space
    QByteArray body;

    [[nodiscard]] QByteArray header(const QByteArray &name) const
    {
        for (const auto &[headerName, value] : headers) {
            if (headerName.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    [[nodiscard]] int count(const QByteArray &name) const
    {
        return int(std::count_if(headers.cbegin(), headers.cend(), [&](const auto &header) {
            return header.first.compare(name, Qt::CaseInsensitive) == 0;
        }));
    }
};

// A strict reader: header lines are "Name: value" or continuations starting with SP or TAB;
// unfolding removes only the CRLF (RFC 5322 §2.2.3).
ParsedMessage parseMessage(const QByteArray &content)
{
    ParsedMessage parsed;
    const qsizetype separator = content.indexOf("\r\n\r\n");
    if (separator < 0)
        return parsed;
    parsed.body = content.mid(separator + 4);
    const QList<QByteArray> lines = content.left(separator + 2).split('\n');
    for (QByteArray line : lines) {
        if (line.isEmpty())
            continue; // after the last LF
        line.chop(1); // the CR
        if (line.startsWith(' ') || line.startsWith('\t')) {
            if (!parsed.headers.isEmpty())
                parsed.headers.last().second += line;
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        parsed.headers.append({line.left(colon), line.mid(colon + 1)});
    }
    for (auto &header : parsed.headers) {
        if (header.second.startsWith(' '))
            header.second.remove(0, 1);
    }
    return parsed;
}

// RFC 2047 decoding of "B" words in UTF-8; white space between adjacent encoded words is dropped
// (§6.2). Returns the text and, through `maxWordLength`, the longest encoded word seen.
QString decodeEncodedWords(const QByteArray &value, qsizetype *maxWordLength = nullptr)
{
    static const QRegularExpression word(QStringLiteral(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=)"));
    const QString text = QString::fromUtf8(value);
    QByteArray decoded;
    qsizetype position = 0;
    bool previousWasWord = false;
    auto matches = word.globalMatch(text);
    while (matches.hasNext()) {
        const auto match = matches.next();
        const QString between = text.mid(position, match.capturedStart() - position);
        if (!(previousWasWord && between.trimmed().isEmpty()))
            decoded += between.toUtf8();
        decoded += QByteArray::fromBase64(match.captured(1).toLatin1());
        if (maxWordLength)
            *maxWordLength = std::max(*maxWordLength, match.capturedLength());
        position = match.capturedEnd();
        previousWasWord = true;
    }
    decoded += text.mid(position).toUtf8();
    return QString::fromUtf8(decoded);
}

QByteArray decodeQuotedPrintable(const QByteArray &encoded)
{
    QByteArray decoded;
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        if (encoded[i] != '=') {
            decoded += encoded[i];
        } else if (encoded.mid(i + 1, 2) == "\r\n") {
            i += 2; // soft line break
        } else {
            decoded += char(encoded.mid(i + 1, 2).toInt(nullptr, 16));
            i += 2;
        }
    }
    return decoded;
}

// Every line ends in CRLF, no bare CR or LF, no line longer than `maxLength` octets.
QString wireFormatProblem(const QByteArray &content, qsizetype maxLength = 78)
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
            return QStringLiteral("line %1 has %2 octets").arg(lineNumber).arg(line.size());
        start = end + 2;
        ++lineNumber;
    }
    return {};
}

QDateTime fixedDate()
{
    return QDateTime(QDate(2024, 3, 5), QTime(9, 7, 3), QTimeZone(8 * 3600));
}

MessageTemplate welcomeTemplate()
{
    return {QStringLiteral("Bulkmail <hello@example.org>"),
            QStringLiteral("Hello {{name}}"),
            QStringLiteral("Hi {{name}}, this went to {{email}}.\nBye\n")};
}

Recipient alice()
{
    return {QStringLiteral("alice@example.org"), QStringLiteral("Alice Martin")};
}

} // namespace

class TestMessageComposer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void asciiMessageHasEveryHeader();
    void messageIdsAreUnique();
    void messageIdDomainOverride();
    void chineseSubjectAndNameAreEncodedWords();
    void longSubjectsFold_data();
    void longSubjectsFold();
    void displayNamesWithSpecialsAreQuoted_data();
    void displayNamesWithSpecialsAreQuoted();
    void emptyNameGivesBareAddress();
    void bodyEncoding_data();
    void bodyEncoding();
    void quotedPrintableEncoder_data();
    void quotedPrintableEncoder();
    void headerInjectionIsImpossible_data();
    void headerInjectionIsImpossible();
    void invalidAddressesAreRejected_data();
    void invalidAddressesAreRejected();
    void internationalAddresses_data();
    void internationalAddresses();
    void mergeFields_data();
    void mergeFields();
    void dateFormat_data();
    void dateFormat();
};

void TestMessageComposer::asciiMessageHasEveryHeader()
{
    const auto message = composeMessage(welcomeTemplate(), alice(), {fixedDate(), {}, 42});
    QVERIFY_RESULT(message);
    QCOMPARE(wireFormatProblem(message->content), QString());

    const ParsedMessage parsed = parseMessage(message->content);
    QCOMPARE(parsed.headers.size(), 8);
    QCOMPARE(parsed.header("Date"), QByteArray("Tue, 05 Mar 2024 09:07:03 +0800"));
    QCOMPARE(parsed.header("From"), QByteArray("Bulkmail <hello@example.org>"));
    QCOMPARE(parsed.header("To"), QByteArray("Alice Martin <alice@example.org>"));
    QCOMPARE(parsed.header("Subject"), QByteArray("Hello Alice Martin"));
    QVERIFY2(QRegularExpression(QStringLiteral(R"(^<[0-9a-z]+\.[0-9a-z]+\.16@example\.org>$)"))
                 .match(QString::fromLatin1(parsed.header("Message-ID")))
                 .hasMatch(),
             parsed.header("Message-ID").constData()); // 42 in base 36 is "16"
    QCOMPARE(parsed.header("MIME-Version"), QByteArray("1.0"));
    QCOMPARE(parsed.header("Content-Type"), QByteArray("text/plain; charset=utf-8"));
    QCOMPARE(parsed.header("Content-Transfer-Encoding"), QByteArray("7bit"));
    QCOMPARE(parsed.body, QByteArray("Hi Alice Martin, this went to alice@example.org.\r\nBye\r\n"));

    QCOMPARE(message->id, quint64(42));
    QCOMPARE(message->envelopeFrom, QByteArray("hello@example.org"));
    QCOMPARE(message->recipient, QByteArray("alice@example.org"));
    QVERIFY(!message->requires8BitMime);
    QVERIFY(!message->requiresSmtpUtf8);
}

void TestMessageComposer::messageIdsAreUnique()
{
    QSet<QByteArray> ids;
    for (int i = 0; i < 50; ++i) {
        const auto message = composeMessage(welcomeTemplate(), alice(), {fixedDate(), {}, 7});
        QVERIFY_RESULT(message);
        ids.insert(parseMessage(message->content).header("Message-ID"));
    }
    QCOMPARE(ids.size(), 50);
}

void TestMessageComposer::messageIdDomainOverride()
{
    const auto message = composeMessage(welcomeTemplate(),
                                        alice(),
                                        {fixedDate(), QByteArrayLiteral("mx.example.net"), 1});
    QVERIFY_RESULT(message);
    QVERIFY(parseMessage(message->content).header("Message-ID").endsWith("@mx.example.net>"));

    const auto injected = composeMessage(welcomeTemplate(),
                                         alice(),
                                         {fixedDate(), QByteArrayLiteral("x>\r\nBcc: v@x.org"), 1});
    QVERIFY(!injected);
    QCOMPARE(injected.error().code, ErrorCode::InvalidValue);
    QVERIFY(injected.error().message.startsWith(QLatin1String("messageIdDomain")));
}

void TestMessageComposer::chineseSubjectAndNameAreEncodedWords()
{
    MessageTemplate messageTemplate = welcomeTemplate();
    messageTemplate.from = QStringLiteral("张伟 <zhang.wei@example.com>");
    messageTemplate.subject = QStringLiteral("你好，{{name}}！欢迎使用 Bulkmail");
    const Recipient recipient{QStringLiteral("wang.fang@example.com"), QStringLiteral("王芳")};

    const auto message = composeMessage(messageTemplate, recipient, {fixedDate(), {}, 1});
    QVERIFY_RESULT(message);
    QCOMPARE(wireFormatProblem(message->content), QString());
    const ParsedMessage parsed = parseMessage(message->content);

    const QByteArray subject = parsed.header("Subject");
    QVERIFY2(subject.startsWith("=?UTF-8?B?"), subject.constData());
    const QByteArray headers = message->content.left(message->content.indexOf("\r\n\r\n"));
    for (const char octet : headers)
        QVERIFY(static_cast<unsigned char>(octet) < 0x80); // headers stay 7-bit
    qsizetype longestWord = 0;
    QCOMPARE(decodeEncodedWords(subject, &longestWord),
             QStringLiteral("你好，王芳！欢迎使用 Bulkmail"));
    QVERIFY(longestWord <= 75);

    const QByteArray to = parsed.header("To");
    QVERIFY(to.endsWith(" <wang.fang@example.com>"));
    QCOMPARE(decodeEncodedWords(to.left(to.indexOf(" <"))), QStringLiteral("王芳"));
    const QByteArray from = parsed.header("From");
    QCOMPARE(decodeEncodedWords(from.left(from.indexOf(" <"))), QStringLiteral("张伟"));
}

void TestMessageComposer::longSubjectsFold_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<bool>("isEncoded");

    QStringList words;
    for (int i = 0; i < 40; ++i)
        words.append(QStringLiteral("word%1").arg(i));
    QTest::newRow("long ASCII, folded at spaces") << words.join(u' ') << false;
    QTest::newRow("double spaces survive folding") << words.join(QStringLiteral("  ")) << false;
    QTest::newRow("one unbreakable ASCII word") << QString(120, u'x') << true;
    QTest::newRow("long Chinese") << QString(QStringLiteral("欢迎使用大量邮件发送工具。"))
                                         .repeated(12)
                                  << true;
    QTest::newRow("mixed with emoji (surrogate pairs)") << QString(
        QString(QStringLiteral("Grüße 👋 aus Köln, ")).repeated(10) + QStringLiteral("tschüss"))
                                                        << true;
    QTest::newRow("looks like an encoded word") << "=?UTF-8?B?SGk=?= is not encoded" << true;
}

void TestMessageComposer::longSubjectsFold()
{
    QFETCH(QString, subject);
    QFETCH(bool, isEncoded);

    MessageTemplate messageTemplate = welcomeTemplate();
    messageTemplate.subject = subject;
    const auto message = composeMessage(messageTemplate, alice(), {fixedDate(), {}, 1});
    QVERIFY_RESULT(message);
    QCOMPARE(wireFormatProblem(message->content), QString());
    const ParsedMessage parsed = parseMessage(message->content);
    QCOMPARE(parsed.count("Subject"), 1);
    const QByteArray value = parsed.header("Subject");
    QCOMPARE(value.startsWith("=?UTF-8?B?"), isEncoded);
    qsizetype longestWord = 0;
    QCOMPARE(isEncoded ? decodeEncodedWords(value, &longestWord) : QString::fromLatin1(value),
             subject);
    QVERIFY(longestWord <= 75);
    // Long ones are folded: the raw header spans several lines.
    const qsizetype start = message->content.indexOf("Subject:");
    const qsizetype end = message->content.indexOf("\r\nMessage-ID:");
    const QByteArray raw = message->content.mid(start, end - start);
    QCOMPARE(raw.contains("\r\n "), value.size() + 9 > 78);
}

void TestMessageComposer::displayNamesWithSpecialsAreQuoted_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("plain") << "Alice Martin" << QByteArray("Alice Martin <alice@example.org>");
    QTest::newRow("comma") << "Martin, Alice"
                           << QByteArray("\"Martin, Alice\" <alice@example.org>");
    QTest::newRow("dot") << "A. Martin" << QByteArray("\"A. Martin\" <alice@example.org>");
    QTest::newRow("quotes and backslash")
        << R"(Alice "Al" \ Martin)"
        << QByteArray(R"("Alice \"Al\" \\ Martin" <alice@example.org>)");
    QTest::newRow("angle brackets and at")
        << "<alice@evil.example>" << QByteArray("\"<alice@evil.example>\" <alice@example.org>");
    QTest::newRow("surrounding spaces trimmed")
        << "  Alice  " << QByteArray("Alice <alice@example.org>");
}

void TestMessageComposer::displayNamesWithSpecialsAreQuoted()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, header);
    const auto message = composeMessage(welcomeTemplate(),
                                        {QStringLiteral("alice@example.org"), name},
                                        {fixedDate(), {}, 1});
    QVERIFY_RESULT(message);
    QCOMPARE(parseMessage(message->content).header("To"), header);
}

void TestMessageComposer::emptyNameGivesBareAddress()
{
    const auto message = composeMessage(welcomeTemplate(),
                                        {QStringLiteral("bob@example.org"), QString()},
                                        {fixedDate(), {}, 1});
    QVERIFY_RESULT(message);
    const ParsedMessage parsed = parseMessage(message->content);
    QCOMPARE(parsed.header("To"), QByteArray("bob@example.org"));
    QCOMPARE(parsed.header("Subject"), QByteArray("Hello")); // "{{name}}" became empty, trimmed
}

void TestMessageComposer::bodyEncoding_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("transferEncoding");

    QTest::newRow("ASCII stays 7bit") << "Plain text\nwith = signs and a tab\t.\n"
                                      << QByteArray("7bit");
    QTest::newRow("LF, CR and CRLF all become CRLF") << "a\nb\rc\r\nd" << QByteArray("7bit");
    QTest::newRow("accents") << "Grüße, José! Ça va?\n" << QByteArray("quoted-printable");
    QTest::newRow("Chinese") << "亲爱的王芳：\n欢迎使用 Bulkmail。\n"
                             << QByteArray("quoted-printable");
    QTest::newRow("ASCII line over 998 octets")
        << QString(1200, u'a') + u'\n' << QByteArray("quoted-printable");
    QTest::newRow("long UTF-8 line with trailing spaces and equals")
        << QString(QStringLiteral("é = ü ")).repeated(60) + QStringLiteral("  \n\t\nend\t")
        << QByteArray("quoted-printable");
}

void TestMessageComposer::bodyEncoding()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, transferEncoding);

    MessageTemplate messageTemplate = welcomeTemplate();
    messageTemplate.text = text;
    const auto message = composeMessage(messageTemplate, alice(), {fixedDate(), {}, 1});
    QVERIFY_RESULT(message);
    QCOMPARE(wireFormatProblem(message->content), QString());
    const ParsedMessage parsed = parseMessage(message->content);
    QCOMPARE(parsed.header("Content-Transfer-Encoding"), transferEncoding);
    QVERIFY(!message->requires8BitMime);
    for (const char octet : message->content)
        QVERIFY(static_cast<unsigned char>(octet) < 0x80);

    QString expected = text;
    expected.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(u'\r', u'\n');
    if (!expected.endsWith(u'\n'))
        expected += u'\n';
    const QByteArray expectedBody = expected.toUtf8().replace("\n", "\r\n");
    const QByteArray body = transferEncoding == "7bit" ? parsed.body
                                                       : decodeQuotedPrintable(parsed.body);
    QCOMPARE(body, expectedBody);
}

void TestMessageComposer::quotedPrintableEncoder_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("equals sign") << QByteArray("a=b\r\n") << QByteArray("a=3Db\r\n");
    QTest::newRow("UTF-8 octets") << QByteArray("é\r\n") << QByteArray("=C3=A9\r\n");
    QTest::newRow("trailing space") << QByteArray("end \r\n") << QByteArray("end=20\r\n");
    QTest::newRow("trailing tab, no final CRLF") << QByteArray("end\t") << QByteArray("end=09");
    QTest::newRow("inner spaces literal") << QByteArray("a b\tc\r\n") << QByteArray("a b\tc\r\n");
    QTest::newRow("76 characters fit") << QByteArray(76, 'x') + "\r\n"
                                       << QByteArray(76, 'x') + "\r\n";
    QTest::newRow("77 characters break") << QByteArray(77, 'x') + "\r\n"
                                         << QByteArray(75, 'x') + "=\r\nxx\r\n";
    QTest::newRow("triplet never split") << QByteArray(74, 'x') + "=y\r\n"
                                         << QByteArray(74, 'x') + "=\r\n=3Dy\r\n";
    QTest::newRow("bare LF encoded") << QByteArray("a\nb") << QByteArray("a=0Ab");
    QTest::newRow("empty lines kept") << QByteArray("\r\n\r\n") << QByteArray("\r\n\r\n");
}

void TestMessageComposer::quotedPrintableEncoder()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const QByteArray encoded = encodeQuotedPrintable(input);
    QCOMPARE(encoded, expected);
    QCOMPARE(decodeQuotedPrintable(encoded), input);
    QCOMPARE(wireFormatProblem(encoded + "\r\n", 76), QString());
}

void TestMessageComposer::headerInjectionIsImpossible_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");

    const QString attacks[] = {QStringLiteral("Hi\r\nBcc: victim@x"),
                               QStringLiteral("Hi\nBcc: victim@x"),
                               QStringLiteral("Hi\rBcc: victim@x"),
                               QStringLiteral("Hi\r\n\r\nBcc: victim@x"),
                               QStringLiteral("你好\r\nBcc: victim@x")};
    const char *labels[] = {"CRLF", "LF", "CR", "blank line", "non-ASCII and CRLF"};
    for (int i = 0; i < 5; ++i) {
        QTest::addRow("subject, %s", labels[i]) << "subject" << attacks[i];
        QTest::addRow("recipient name, %s", labels[i]) << "name" << attacks[i];
        QTest::addRow("sender name, %s", labels[i]) << "from" << attacks[i];
        QTest::addRow("name merged into subject, %s", labels[i]) << "merged" << attacks[i];
    }
}

void TestMessageComposer::headerInjectionIsImpossible()
{
    QFETCH(QString, field);
    QFETCH(QString, value);

    MessageTemplate messageTemplate = welcomeTemplate();
    Recipient recipient = alice();
    if (field == QLatin1String("subject"))
        messageTemplate.subject = value;
    else if (field == QLatin1String("name"))
        recipient.name = value;
    else if (field == QLatin1String("from"))
        messageTemplate.from = QStringLiteral("\"%1\" <hello@example.org>").arg(value);
    else
        recipient.name = value; // the template's subject is "Hello {{name}}"

    const auto message = composeMessage(messageTemplate, recipient, {fixedDate(), {}, 1});
    QVERIFY_RESULT(message);
    QCOMPARE(wireFormatProblem(message->content), QString());
    const ParsedMessage parsed = parseMessage(message->content);
    QCOMPARE(parsed.count("Subject"), 1);
    QCOMPARE(parsed.count("To"), 1);
    QCOMPARE(parsed.count("From"), 1);
    QCOMPARE(parsed.count("Bcc"), 0);
    QCOMPARE(parsed.headers.size(), 8);
    const QRegularExpression bccLine(QStringLiteral("^bcc:"),
                                     QRegularExpression::CaseInsensitiveOption
                                         | QRegularExpression::MultilineOption);
    const QByteArray header = message->content.left(message->content.indexOf("\r\n\r\n") + 2);
    QVERIFY(!bccLine.match(QString::fromUtf8(header)).hasMatch());
    // The text survives, with the line break turned into a space.
    const QString all = decodeEncodedWords(parsed.header("Subject"))
                        + decodeEncodedWords(parsed.header("To"))
                        + decodeEncodedWords(parsed.header("From"));
    QVERIFY2(all.contains(QLatin1String(" Bcc: victim@x")), qPrintable(all));
}

void TestMessageComposer::invalidAddressesAreRejected_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("field");

    const QString goodFrom = QStringLiteral("Bulkmail <hello@example.org>");
    QTest::newRow("recipient without at") << goodFrom << "not-an-address"
                                          << "recipient.email";
    QTest::newRow("recipient empty") << goodFrom << ""
                                     << "recipient.email";
    QTest::newRow("recipient with CRLF injection")
        << goodFrom << "victim@example.org\r\nBcc: other@example.org"
        << "recipient.email";
    QTest::newRow("recipient with trailing LF") << goodFrom << "victim@example.org\n"
                                                << "recipient.email";
    QTest::newRow("recipient with space") << goodFrom << "a b@example.org"
                                          << "recipient.email";
    QTest::newRow("recipient in angle brackets") << goodFrom << "<a@example.org>"
                                                 << "recipient.email";
    QTest::newRow("two recipients") << goodFrom << "a@example.org,b@example.org"
                                    << "recipient.email";
    QTest::newRow("sender invalid") << "Bulkmail <hello>"
                                    << "a@example.org"
                                    << "message.from";
    QTest::newRow("sender with CRLF in address")
        << "Bulkmail <hello@example.org\r\nBcc: v@example.org>"
        << "a@example.org"
        << "message.from";
    QTest::newRow("sender empty") << ""
                                  << "a@example.org"
                                  << "message.from";
}

void TestMessageComposer::invalidAddressesAreRejected()
{
    QFETCH(QString, from);
    QFETCH(QString, email);
    QFETCH(QString, field);

    MessageTemplate messageTemplate = welcomeTemplate();
    messageTemplate.from = from;
    const auto message = composeMessage(messageTemplate, {email, QStringLiteral("X")}, {});
    QVERIFY(!message);
    QCOMPARE(message.error().code, ErrorCode::InvalidAddress);
    QVERIFY2(message.error().message.startsWith(field + u':'), qPrintable(message.error().message));
    QVERIFY(!message.error().message.contains(u'\n')); // safe to log on one line
}

void TestMessageComposer::internationalAddresses_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QByteArray>("envelopeRecipient");
    QTest::addColumn<bool>("requiresSmtpUtf8");

    QTest::newRow("ASCII") << "a@example.org" << QByteArray("a@example.org") << false;
    QTest::newRow("IDN domain becomes A-label")
        << "user@bücher.example" << QByteArray("user@xn--bcher-kva.example") << false;
    QTest::newRow("non-ASCII local part needs SMTPUTF8")
        << "用户@例子.测试" << QString(QStringLiteral("用户@xn--fsqu00a.xn--0zwm56d")).toUtf8()
        << true;
}

void TestMessageComposer::internationalAddresses()
{
    QFETCH(QString, email);
    QFETCH(QByteArray, envelopeRecipient);
    QFETCH(bool, requiresSmtpUtf8);

    const auto message = composeMessage(welcomeTemplate(), {email, QString()}, {fixedDate(), {}, 1});
    QVERIFY_RESULT(message);
    QCOMPARE(message->recipient, envelopeRecipient);
    QCOMPARE(message->requiresSmtpUtf8, requiresSmtpUtf8);
    QCOMPARE(parseMessage(message->content).header("To"), envelopeRecipient);
    QVERIFY(!message->requires8BitMime);
}

void TestMessageComposer::mergeFields_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("name and email") << "{{name}} <{{email}}>"
                                    << "Ann <ann@example.org>";
    QTest::newRow("spaces inside the tag") << "Hi {{ name }}!"
                                           << "Hi Ann!";
    QTest::newRow("triple braces") << "{{{email}}}"
                                   << "ann@example.org";
    QTest::newRow("unknown tag kept") << "{{company}} {{name}}"
                                      << "{{company}} Ann";
    QTest::newRow("case sensitive") << "{{Name}}"
                                    << "{{Name}}";
    QTest::newRow("no tags") << "plain"
                             << "plain";
    QTest::newRow("repeated") << "{{name}}{{name}}"
                              << "AnnAnn";
}

void TestMessageComposer::mergeFields()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(Bulkmail::mergeFields(text, {QStringLiteral("ann@example.org"), QStringLiteral("Ann")}),
             expected);
    // One pass: a value that looks like a tag is not expanded again.
    QCOMPARE(Bulkmail::mergeFields(QStringLiteral("{{name}}"),
                                   {QStringLiteral("e@example.org"), QStringLiteral("{{email}}")}),
             QStringLiteral("{{email}}"));
}

void TestMessageComposer::dateFormat_data()
{
    QTest::addColumn<QDateTime>("date");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("UTC") << QDateTime(QDate(2023, 12, 31), QTime(23, 59, 59), QTimeZone::utc())
                         << QByteArray("Sun, 31 Dec 2023 23:59:59 +0000");
    QTest::newRow("east") << fixedDate() << QByteArray("Tue, 05 Mar 2024 09:07:03 +0800");
    QTest::newRow("west, half hour")
        << QDateTime(QDate(2024, 7, 1), QTime(6, 5, 4), QTimeZone(-(9 * 3600 + 1800)))
        << QByteArray("Mon, 01 Jul 2024 06:05:04 -0930");
}

void TestMessageComposer::dateFormat()
{
    QFETCH(QDateTime, date);
    QFETCH(QByteArray, expected);
    QCOMPARE(formatRfc5322Date(date), expected);
}

QTEST_GUILESS_MAIN(TestMessageComposer)
#include "tst_messagecomposer.moc"
