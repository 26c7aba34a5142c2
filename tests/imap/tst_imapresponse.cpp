// The IMAP response parser and the mailbox-name codec: the grammar of RFC 9051 §4 and §9 that
// Bulkmail reads (status responses with codes, untagged data with lists, quoted strings and
// literals, section atoms), delivered in any split, and the limits against a hostile server.
#include "imap/imapresponse.h"
#include "imap/mailboxname.h"

#include <QTest>

#include <random>

using namespace Bulkmail;

class tst_ImapResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusResponses();
    void listResponses();
    void fetchWithLiteral();
    void anySplitGivesTheSameResponses();
    void malformedInputIsAnError_data();
    void malformedInputIsAnError();
    void oversizedLiteralIsRefusedBeforeItArrives();
    void quoting();
    void mailboxNames_data();
    void mailboxNames();
    void invalidMailboxNames();
};

namespace {

QList<ImapResponse> parseAll(const QByteArray &bytes, const QList<qsizetype> &cuts = {})
{
    ImapResponseParser parser;
    QList<ImapResponse> responses;
    qsizetype at = 0;
    QList<qsizetype> ends = cuts;
    ends.append(bytes.size());
    for (const qsizetype end : ends) {
        parser.append(QByteArrayView(bytes).sliced(at, end - at));
        at = end;
        while (std::optional<Result<ImapResponse>> next = parser.takeResponse()) {
            if (!next->has_value())
                return responses;
            responses.append(**next);
        }
    }
    return responses;
}

const QByteArray Conversation
    = "* OK [CAPABILITY IMAP4rev1 SASL-IR LITERAL+ AUTH=PLAIN] Dovecot ready.\r\n"
      "+ \r\n"
      "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Items\"\r\n"
      "* LIST (\\HasNoChildren) \"/\" {9}\r\nINBOX/a\"b\r\n"
      "* 3 EXISTS\r\n"
      "* SEARCH 2 7 11\r\n"
      "* 12 FETCH (UID 7 BODY[HEADER.FIELDS (MESSAGE-ID)] {32}\r\n"
      "Message-ID: <a@b>\r\n\r\nignored..\r\n FLAGS (\\Seen))\r\n"
      "b2 OK [APPENDUID 1796553161 4] Append completed.\r\n"
      "b3 NO [TRYCREATE] Mailbox doesn't exist: Sent\r\n"
      "* BYE Logging out\r\n";

} // namespace

void tst_ImapResponse::statusResponses()
{
    const QList<ImapResponse> responses = parseAll(Conversation);
    QCOMPARE(responses.size(), 10);
    const ImapResponse &greeting = responses.at(0);
    QCOMPARE(greeting.kind, ImapResponse::Kind::Untagged);
    QCOMPARE(greeting.status, ImapResponse::Status::Ok);
    QCOMPARE(greeting.codeName(), QByteArray("CAPABILITY"));
    QCOMPARE(greeting.text, QByteArray("Dovecot ready."));
    QCOMPARE(responses.at(1).kind, ImapResponse::Kind::Continuation);
    QCOMPARE(responses.at(1).text, QByteArray());
    const ImapResponse &appended = responses.at(7);
    QCOMPARE(appended.kind, ImapResponse::Kind::Tagged);
    QCOMPARE(appended.tag, QByteArray("b2"));
    QCOMPARE(appended.code, QByteArray("APPENDUID 1796553161 4"));
    QCOMPARE(responses.at(8).status, ImapResponse::Status::No);
    QCOMPARE(responses.at(8).codeName(), QByteArray("TRYCREATE"));
    QCOMPARE(responses.at(9).status, ImapResponse::Status::Bye);
    QCOMPARE(responses.at(4).dataName(), QByteArray("EXISTS"));
    QCOMPARE(responses.at(4).data.first().number(), std::optional<quint64>(3));
    const ImapResponse &search = responses.at(5);
    QCOMPARE(search.dataName(), QByteArray("SEARCH"));
    QCOMPARE(search.data.size(), 4);
    QCOMPARE(search.data.at(3).number(), std::optional<quint64>(11));
}

void tst_ImapResponse::listResponses()
{
    const QList<ImapResponse> responses = parseAll(Conversation);
    const ImapResponse &sent = responses.at(2);
    QCOMPARE(sent.dataName(), QByteArray("LIST"));
    QCOMPARE(sent.data.size(), 4);
    QVERIFY(sent.data.at(1).isList());
    QCOMPARE(sent.data.at(1).items.size(), 2);
    QVERIFY(sent.data.at(1).items.at(1).isAtom("\\sent"));
    QCOMPARE(sent.data.at(2).text, QByteArray("/"));
    QCOMPARE(sent.data.at(3).kind, ImapValue::Kind::String);
    QCOMPARE(sent.data.at(3).text, QByteArray("Sent Items"));
    // A name sent as a literal, quotes and all.
    QCOMPARE(responses.at(3).data.at(3).text, QByteArray("INBOX/a\"b"));
}

void tst_ImapResponse::fetchWithLiteral()
{
    const ImapResponse fetch = parseAll(Conversation).at(6);
    QCOMPARE(fetch.dataName(), QByteArray("FETCH"));
    const ImapValue &items = fetch.data.at(2);
    QVERIFY(items.isList());
    QCOMPARE(items.items.size(), 6);
    QVERIFY(items.items.at(0).isAtom("UID"));
    QCOMPARE(items.items.at(2).text, QByteArray("BODY[HEADER.FIELDS (MESSAGE-ID)]"));
    QCOMPARE(items.items.at(3).text, QByteArray("Message-ID: <a@b>\r\n\r\nignored..\r\n"));
    QVERIFY(items.items.at(5).isList());
}

void tst_ImapResponse::anySplitGivesTheSameResponses()
{
    const QList<ImapResponse> whole = parseAll(Conversation);
    std::mt19937 random(20261206);
    for (int round = 0; round < 500; ++round) {
        QList<qsizetype> cuts;
        const int count = std::uniform_int_distribution<int>(1, 12)(random);
        for (int i = 0; i < count; ++i)
            cuts.append(std::uniform_int_distribution<qsizetype>(0, Conversation.size())(random));
        std::sort(cuts.begin(), cuts.end());
        const QList<ImapResponse> split = parseAll(Conversation, cuts);
        QCOMPARE(split.size(), whole.size());
        for (qsizetype i = 0; i < whole.size(); ++i) {
            QCOMPARE(split.at(i).tag, whole.at(i).tag);
            QCOMPARE(split.at(i).code, whole.at(i).code);
            QCOMPARE(split.at(i).text, whole.at(i).text);
            QCOMPARE(split.at(i).data.size(), whole.at(i).data.size());
        }
    }
    // Byte by byte as well.
    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < Conversation.size(); ++i)
        everyByte.append(i);
    QCOMPARE(parseAll(Conversation, everyByte).size(), whole.size());
}

void tst_ImapResponse::malformedInputIsAnError_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("unclosed list") << QByteArray("* LIST (\\Sent \"/\" x\r\n");
    QTest::newRow("unclosed quote") << QByteArray("* LIST () \"/\" \"Sent\r\n");
    QTest::newRow("tagged without status") << QByteArray("b1 HELLO there\r\n");
    QTest::newRow("unmatched paren") << QByteArray("* SEARCH 1 ) 2\r\n");
    QTest::newRow("empty line") << QByteArray("\r\n");
    QTest::newRow("SMTP, not IMAP") << QByteArray("220 mail.example.test ESMTP\r\n");
}

void tst_ImapResponse::malformedInputIsAnError()
{
    QFETCH(QByteArray, bytes);
    ImapResponseParser parser;
    parser.append(bytes);
    std::optional<Result<ImapResponse>> next = parser.takeResponse();
    QVERIFY(next.has_value());
    QVERIFY(!next->has_value());
    QCOMPARE(next->error().code, ErrorCode::Protocol);
    // A failed parser stays failed.
    parser.append("* OK fine\r\n");
    next = parser.takeResponse();
    QVERIFY(next.has_value() && !next->has_value());
}

void tst_ImapResponse::oversizedLiteralIsRefusedBeforeItArrives()
{
    ImapResponseParser parser;
    const QByteArray huge = "* 1 FETCH (BODY[] {"
                            + QByteArray::number(ImapResponseParser::MaxLiteralSize + 1)
                            + "}\r\nabc";
    parser.append(huge);
    const std::optional<Result<ImapResponse>> next = parser.takeResponse();
    QVERIFY(next.has_value() && !next->has_value());

    ImapResponseParser endless;
    endless.append(QByteArray(ImapResponseParser::MaxLineLength + 10, 'x'));
    const std::optional<Result<ImapResponse>> line = endless.takeResponse();
    QVERIFY(line.has_value() && !line->has_value());
}

void tst_ImapResponse::quoting()
{
    QCOMPARE(imapQuoted("Sent Items"), std::optional<QByteArray>("\"Sent Items\""));
    QCOMPARE(imapQuoted("a\"b\\c"), std::optional<QByteArray>("\"a\\\"b\\\\c\""));
    QVERIFY(!imapQuoted("two\r\nlines"));
    QVERIFY(!imapQuoted("\xe5\xb7\xb2"));
    // What imapQuoted writes, the parser reads back.
    const QByteArray line = "* LIST () \"/\" " + *imapQuoted("a\"b\\c") + "\r\n";
    QCOMPARE(parseAll(line).first().data.at(3).text, QByteArray("a\"b\\c"));
}

void tst_ImapResponse::mailboxNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("wire");
    // RFC 3501 §5.1.3's own example.
    QTest::newRow("RFC 3501") << QStringLiteral("~peter/mail/台北/日本語")
                              << QByteArray("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
    QTest::newRow("ampersand") << QStringLiteral("Tom & Jerry") << QByteArray("Tom &- Jerry");
    QTest::newRow("ASCII") << QStringLiteral("Sent Items") << QByteArray("Sent Items");
    QTest::newRow("Sent, in Chinese") << QStringLiteral("已发送") << QByteArray("&XfJT0ZAB-");
}

void tst_ImapResponse::mailboxNames()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, wire);
    QCOMPARE(encodeMailboxName(name), wire);
    QCOMPARE(decodeMailboxName(wire), std::optional<QString>(name));
}

void tst_ImapResponse::invalidMailboxNames()
{
    QVERIFY(!decodeMailboxName("&XfJT0ZAB")); // not closed
    QVERIFY(!decodeMailboxName("&Xf-"));      // not a whole UTF-16 unit
    QVERIFY(!decodeMailboxName("\xe5\xb7\xb2"));
}

QTEST_GUILESS_MAIN(tst_ImapResponse)
#include "tst_imapresponse.moc"
