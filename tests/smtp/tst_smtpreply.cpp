#include "smtp/smtpreply.h"

#include <QStandardPaths>
#include <QTest>

using namespace Bulkmail;

namespace {

enum class Feeding { Whole, ByteByByte, ThreeChunks };

const char *feedingName(Feeding feeding)
{
    switch (feeding) {
    case Feeding::Whole:
        return "whole";
    case Feeding::ByteByByte:
        return "byte by byte";
    case Feeding::ThreeChunks:
        return "three chunks";
    }
    return "?";
}

// "250[first|second]": the code and every line, for one comparable string per reply.
QString render(const SmtpReply &reply)
{
    QStringList lines;
    for (const QByteArray &line : reply.lines)
        lines.append(QString::fromLatin1(line));
    return QString::number(reply.code) + u'[' + lines.join(u'|') + u']';
}

struct Outcome
{
    QStringList replies;
    QString error; // empty: no error
};

// Takes replies after every append, as a connection does on readyRead.
void takeAll(SmtpReplyParser &parser, Outcome &outcome)
{
    while (outcome.error.isEmpty()) {
        auto reply = parser.takeReply();
        if (!reply)
            return;
        if (!*reply) {
            outcome.error = reply->error().message;
            QCOMPARE(reply->error().code, ErrorCode::Protocol);
            return;
        }
        outcome.replies.append(render(**reply));
    }
}

Outcome feed(SmtpReplyParser &parser, const QByteArrayList &chunks, Feeding feeding)
{
    Outcome outcome;
    const QByteArray all = chunks.join();
    switch (feeding) {
    case Feeding::Whole:
        // The test's own chunks, each as one append.
        for (const QByteArray &chunk : chunks) {
            parser.append(chunk);
            takeAll(parser, outcome);
        }
        break;
    case Feeding::ByteByByte:
        for (qsizetype i = 0; i < all.size(); ++i) {
            parser.append(QByteArrayView(all).sliced(i, 1));
            takeAll(parser, outcome);
        }
        break;
    case Feeding::ThreeChunks: {
        const qsizetype third = all.size() / 3;
        const QByteArrayView view(all);
        for (const QByteArrayView chunk :
             {view.first(third), view.sliced(third, third), view.sliced(2 * third)}) {
            parser.append(chunk);
            takeAll(parser, outcome);
        }
        break;
    }
    }
    return outcome;
}

SmtpReply parseOne(const QByteArray &bytes)
{
    SmtpReplyParser parser;
    parser.append(bytes);
    auto reply = parser.takeReply();
    if (!reply || !*reply)
        return {};
    return **reply;
}

QByteArray multiLine(int lineCount)
{
    QByteArray bytes;
    for (int i = 1; i < lineCount; ++i)
        bytes += "250-line " + QByteArray::number(i) + "\r\n";
    return bytes + "250 line " + QByteArray::number(lineCount) + "\r\n";
}

QString multiLineRendered(int lineCount)
{
    QStringList lines;
    for (int i = 1; i <= lineCount; ++i)
        lines.append(QStringLiteral("line ") + QString::number(i));
    return QStringLiteral("250[") + lines.join(u'|') + u']';
}

} // namespace

class TestSmtpReply final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void parse_data();
    void parse();
    void staysFailedAfterError();
    void clearDropsBufferedInput();
    void incompleteReplyIsKept();
    void enhancedStatus_data();
    void enhancedStatus();
    void isClass_data();
    void isClass();
    void text_data();
    void text();
};

void TestSmtpReply::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestSmtpReply::parse_data()
{
    // Every row runs three times: in its own chunks, byte by byte and in three equal chunks; the
    // outcome must not depend on how the bytes arrived.
    QTest::addColumn<QByteArrayList>("chunks");
    QTest::addColumn<QStringList>("expectedReplies");
    QTest::addColumn<QString>("expectedError"); // a part of the message; empty: no error

    const QString noError;
    const qsizetype max = SmtpReplyParser::MaxLineLength;

    QTest::newRow("single line") << QByteArrayList{"250 OK\r\n"}
                                 << QStringList{QStringLiteral("250[OK]")} << noError;
    QTest::newRow("greeting") << QByteArrayList{"220 mx.example.org ESMTP Postfix (Debian)\r\n"}
                              << QStringList{QStringLiteral(
                                     "220[mx.example.org ESMTP Postfix (Debian)]")}
                              << noError;
    QTest::newRow("multi-line EHLO")
        << QByteArrayList{"250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
                          "250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"}
        << QStringList{QStringLiteral(
               "250[mx.example.org|PIPELINING|SIZE 10240000|AUTH PLAIN LOGIN|8BITMIME]")}
        << noError;
    QTest::newRow("bare code") << QByteArrayList{"250\r\n"} << QStringList{QStringLiteral("250[]")}
                               << noError;
    QTest::newRow("code and space")
        << QByteArrayList{"354 \r\n"} << QStringList{QStringLiteral("354[]")} << noError;
    QTest::newRow("empty continuation line")
        << QByteArrayList{"250-\r\n250 last\r\n"} << QStringList{QStringLiteral("250[|last]")}
        << noError;
    QTest::newRow("LF only") << QByteArrayList{"250-first\n250 second\n"}
                             << QStringList{QStringLiteral("250[first|second]")} << noError;
    QTest::newRow("split inside CRLF")
        << QByteArrayList{"250-first\r", "\n250 sec", "ond\r", "\n"}
        << QStringList{QStringLiteral("250[first|second]")} << noError;
    QTest::newRow("split inside code") << QByteArrayList{"2", "5", "0 O", "K\r\n"}
                                       << QStringList{QStringLiteral("250[OK]")} << noError;
    QTest::newRow("pipelined replies in one append")
        << QByteArrayList{"250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n550 5.1.1 <bob@example.org>: "
                          "Recipient address rejected\r\n354 End data with <CR><LF>.<CR><LF>\r\n"}
        << QStringList{QStringLiteral("250[2.1.0 Ok]"),
                       QStringLiteral("250[2.1.5 Ok]"),
                       QStringLiteral("550[5.1.1 <bob@example.org>: Recipient address rejected]"),
                       QStringLiteral("354[End data with <CR><LF>.<CR><LF>]")}
        << noError;
    QTest::newRow("pipelined multi-line replies")
        << QByteArrayList{"250-a\r\n250 b\r\n221-c\r\n221 d\r\n"}
        << QStringList{QStringLiteral("250[a|b]"), QStringLiteral("221[c|d]")} << noError;
    QTest::newRow("lowest and highest codes")
        << QByteArrayList{"200 x\r\n559 y\r\n"}
        << QStringList{QStringLiteral("200[x]"), QStringLiteral("559[y]")} << noError;
    QTest::newRow("incomplete line") << QByteArrayList{"250 O"} << QStringList{} << noError;
    QTest::newRow("incomplete multi-line reply")
        << QByteArrayList{"250-first\r\n250"} << QStringList{} << noError;

    QTest::newRow("mixed codes in one reply") << QByteArrayList{"250-first\r\n251 second\r\n"}
                                              << QStringList{} << QStringLiteral("different codes");
    QTest::newRow("HTTP response") << QByteArrayList{"HTTP/1.1 400 Bad Request\r\n"}
                                   << QStringList{} << QStringLiteral("malformed reply line");
    QTest::newRow("code 199") << QByteArrayList{"199 x\r\n"} << QStringList{}
                              << QStringLiteral("malformed reply line");
    QTest::newRow("code 600") << QByteArrayList{"600 x\r\n"} << QStringList{}
                              << QStringLiteral("malformed reply line");
    // RFC 5321 §4.2: the second digit is 0..5.
    QTest::newRow("code 260") << QByteArrayList{"260 x\r\n"} << QStringList{}
                              << QStringLiteral("malformed reply line");
    QTest::newRow("two-digit code")
        << QByteArrayList{"25 x\r\n"} << QStringList{} << QStringLiteral("malformed reply line");
    QTest::newRow("letter in code")
        << QByteArrayList{"2a0 x\r\n"} << QStringList{} << QStringLiteral("malformed reply line");
    QTest::newRow("wrong separator")
        << QByteArrayList{"250:x\r\n"} << QStringList{} << QStringLiteral("malformed reply line");
    QTest::newRow("empty line") << QByteArrayList{"\r\n"} << QStringList{}
                                << QStringLiteral("malformed reply line");
    QTest::newRow("replies before garbage are delivered")
        << QByteArrayList{"250 ok\r\nHTTP/1.1 400 Bad Request\r\n250 never\r\n"}
        << QStringList{QStringLiteral("250[ok]")} << QStringLiteral("malformed reply line");
    QTest::newRow("nothing after an error") << QByteArrayList{"500-a\r\n501 b\r\n", "250 ok\r\n"}
                                            << QStringList{} << QStringLiteral("different codes");

    // MaxLineLength counts the line without its CRLF.
    const QByteArray longest = "250 " + QByteArray(max - 4, 'a');
    QTest::newRow("line of MaxLineLength")
        << QByteArrayList{longest + "\r\n"}
        << QStringList{QStringLiteral("250[") + QString(max - 4, u'a') + u']'} << noError;
    QTest::newRow("line of MaxLineLength, LF only")
        << QByteArrayList{longest + "\n"}
        << QStringList{QStringLiteral("250[") + QString(max - 4, u'a') + u']'} << noError;
    QTest::newRow("line of MaxLineLength + 1")
        << QByteArrayList{longest + "a\r\n"} << QStringList{} << QStringLiteral("longer than 4096");
    // Without any newline the parser must give up instead of buffering without bound.
    QTest::newRow("endless line") << QByteArrayList{"250 " + QByteArray(2 * max, 'a')}
                                  << QStringList{} << QStringLiteral("longer than 4096");

    QTest::newRow("MaxReplyLines lines")
        << QByteArrayList{multiLine(int(SmtpReplyParser::MaxReplyLines))}
        << QStringList{multiLineRendered(int(SmtpReplyParser::MaxReplyLines))} << noError;
    QTest::newRow("MaxReplyLines + 1 lines")
        << QByteArrayList{multiLine(int(SmtpReplyParser::MaxReplyLines) + 1)} << QStringList{}
        << QStringLiteral("more than 256 lines");
}

void TestSmtpReply::parse()
{
    QFETCH(QByteArrayList, chunks);
    QFETCH(QStringList, expectedReplies);
    QFETCH(QString, expectedError);

    for (const Feeding feeding : {Feeding::Whole, Feeding::ByteByByte, Feeding::ThreeChunks}) {
        SmtpReplyParser parser;
        const Outcome outcome = feed(parser, chunks, feeding);
        const QByteArray context = QByteArray("feeding: ") + feedingName(feeding) + ", error: \""
                                   + outcome.error.toUtf8() + '"';
        QVERIFY2(outcome.replies == expectedReplies, context.constData());
        if (expectedError.isEmpty())
            QVERIFY2(outcome.error.isEmpty(), context.constData());
        else
            QVERIFY2(outcome.error.contains(expectedError), context.constData());
    }
}

void TestSmtpReply::staysFailedAfterError()
{
    SmtpReplyParser parser;
    parser.append("HTTP/1.1 400 Bad Request\r\n");
    const auto first = parser.takeReply();
    QVERIFY(first.has_value());
    QVERIFY(!first->has_value());
    QVERIFY(!parser.hasBufferedData());

    parser.append("250 OK\r\n");
    QVERIFY(!parser.hasBufferedData());
    const auto second = parser.takeReply();
    QVERIFY(second.has_value());
    QVERIFY(!second->has_value());
    QCOMPARE(second->error().message, first->error().message);

    // clear() is for STARTTLS, not a way back: the connection must not be reused.
    parser.clear();
    parser.append("250 OK\r\n");
    const auto third = parser.takeReply();
    QVERIFY(third.has_value());
    QVERIFY(!third->has_value());
}

void TestSmtpReply::clearDropsBufferedInput()
{
    // RFC 3207 §4 / CVE-2011-0411: lines injected after "220 Ready to start TLS" in the same
    // packet must not be read as replies once TLS is up.
    SmtpReplyParser parser;
    parser.append("220 2.0.0 Ready to start TLS\r\n250-injected\r\n250 PIPELINING\r\n");
    auto ready = parser.takeReply();
    QVERIFY(ready && *ready);
    QCOMPARE((*ready)->code, 220);
    QVERIFY(parser.hasBufferedData());

    parser.clear();
    QVERIFY(!parser.hasBufferedData());
    QVERIFY(!parser.takeReply().has_value());

    parser.append("250-mx.example.org\r\n250 STARTTLS\r\n");
    auto ehlo = parser.takeReply();
    QVERIFY(ehlo && *ehlo);
    QCOMPARE(render(**ehlo), QStringLiteral("250[mx.example.org|STARTTLS]"));
    QVERIFY(!parser.takeReply().has_value());
}

void TestSmtpReply::incompleteReplyIsKept()
{
    // A reply whose first lines were already consumed is completed by later input, and clear()
    // drops those consumed lines too.
    SmtpReplyParser parser;
    parser.append("250-first\r\n");
    QVERIFY(!parser.takeReply().has_value());
    parser.append("250 second\r\n");
    auto reply = parser.takeReply();
    QVERIFY(reply && *reply);
    QCOMPARE(render(**reply), QStringLiteral("250[first|second]"));

    parser.append("250-partial\r\n");
    QVERIFY(!parser.takeReply().has_value());
    parser.clear();
    parser.append("220 fresh\r\n");
    auto fresh = parser.takeReply();
    QVERIFY(fresh && *fresh);
    QCOMPARE(render(**fresh), QStringLiteral("220[fresh]"));
}

void TestSmtpReply::enhancedStatus_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("isValid");
    QTest::addColumn<QString>("expected");

    QTest::newRow("5.1.1") << QByteArray("550 5.1.1 <bob@example.org>: User unknown\r\n") << true
                           << QStringLiteral("5.1.1");
    QTest::newRow("4.7.0") << QByteArray("451 4.7.0 Try again later\r\n") << true
                           << QStringLiteral("4.7.0");
    QTest::newRow("2.0.0 with 250")
        << QByteArray("250 2.0.0 Ok: queued as 4F2A1\r\n") << true << QStringLiteral("2.0.0");
    QTest::newRow("status without text")
        << QByteArray("250 2.0.0\r\n") << true << QStringLiteral("2.0.0");
    QTest::newRow("three-digit parts")
        << QByteArray("550 5.123.456 x\r\n") << true << QStringLiteral("5.123.456");
    QTest::newRow("from the first line")
        << QByteArray("250-2.1.0 first\r\n250 2.1.5 second\r\n") << true << QStringLiteral("2.1.0");
    QTest::newRow("absent") << QByteArray("250 OK\r\n") << false << QString();
    QTest::newRow("bare code") << QByteArray("250\r\n") << false << QString();
    QTest::newRow("class differs from code") << QByteArray("550 4.7.0 x\r\n") << false << QString();
    QTest::newRow("class 3 is not a status class")
        << QByteArray("354 3.0.0 go ahead\r\n") << false << QString();
    QTest::newRow("four-digit subject") << QByteArray("550 5.1234.1 x\r\n") << false << QString();
    QTest::newRow("missing detail") << QByteArray("550 5.1 x\r\n") << false << QString();
    QTest::newRow("empty subject") << QByteArray("550 5..1 x\r\n") << false << QString();
    QTest::newRow("trailing letter") << QByteArray("250 2.0.0x\r\n") << false << QString();
    QTest::newRow("four parts") << QByteArray("250 2.0.0.1 x\r\n") << false << QString();
    QTest::newRow("not at the start")
        << QByteArray("550 User unknown 5.1.1\r\n") << false << QString();
}

void TestSmtpReply::enhancedStatus()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, isValid);
    QFETCH(QString, expected);

    const SmtpReply reply = parseOne(bytes);
    QVERIFY(reply.code != 0);
    const EnhancedStatus status = reply.enhancedStatus();
    QCOMPARE(status.isValid(), isValid);
    if (isValid) {
        QCOMPARE(status.toString(), expected);
        QCOMPARE(status.statusClass, reply.code / 100);
    } else {
        QCOMPARE(status, EnhancedStatus{});
    }
}

void TestSmtpReply::isClass_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("prefix");
    QTest::addColumn<bool>("expected");

    QTest::newRow("250 is 2") << 250 << 2 << true;
    QTest::newRow("250 is 25") << 250 << 25 << true;
    QTest::newRow("250 is 250") << 250 << 250 << true;
    QTest::newRow("250 is not 3") << 250 << 3 << false;
    QTest::newRow("250 is not 24") << 250 << 24 << false;
    QTest::newRow("251 is 25") << 251 << 25 << true;
    QTest::newRow("251 is not 250") << 251 << 250 << false;
    QTest::newRow("354 is 3") << 354 << 3 << true;
    QTest::newRow("354 is 35") << 354 << 35 << true;
    QTest::newRow("421 is 4") << 421 << 4 << true;
    QTest::newRow("421 is not 5") << 421 << 5 << false;
    QTest::newRow("554 is 55") << 554 << 55 << true;
    QTest::newRow("554 is not 550") << 554 << 550 << false;
}

void TestSmtpReply::isClass()
{
    QFETCH(int, code);
    QFETCH(int, prefix);
    QFETCH(bool, expected);
    SmtpReply reply;
    reply.code = code;
    QCOMPARE(reply.isClass(prefix), expected);
}

void TestSmtpReply::text_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("string");
    QTest::addColumn<int>("lineCount");

    QTest::newRow("single line") << QByteArray("250 2.0.0 Ok: queued as 4F2A1\r\n")
                                 << QStringLiteral("2.0.0 Ok: queued as 4F2A1")
                                 << QStringLiteral("250 2.0.0 Ok: queued as 4F2A1") << 1;
    QTest::newRow("multi-line")
        << QByteArray("550-5.7.1 Message rejected\r\n550 5.7.1 See "
                      "https://example.org/policy\r\n")
        << QStringLiteral("5.7.1 Message rejected 5.7.1 See https://example.org/policy")
        << QStringLiteral("550 5.7.1 Message rejected 5.7.1 See https://example.org/policy") << 2;
    QTest::newRow("bare code") << QByteArray("250\r\n") << QString() << QStringLiteral("250") << 1;
    QTest::newRow("UTF-8 text") << QByteArray("550 Empf\xc3\xa4nger unbekannt\r\n")
                                << QStringLiteral("Empfänger unbekannt")
                                << QStringLiteral("550 Empfänger unbekannt") << 1;
}

void TestSmtpReply::text()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QFETCH(QString, string);
    QFETCH(int, lineCount);

    const SmtpReply reply = parseOne(bytes);
    QCOMPARE(reply.lines.size(), lineCount);
    QCOMPARE(reply.text(), text);
    QCOMPARE(reply.toString(), string);
}

QTEST_GUILESS_MAIN(TestSmtpReply)
#include "tst_smtpreply.moc"
