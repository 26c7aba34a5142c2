#include "compose/mimetextpart.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Bulkmail;

// A message of one text part that needs no encoding is written without GMime
// (identityTextPart). Whatever the text, it must come out byte for byte as GMime writes it.
class TestMimeTextPart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodingIsChosenByContent_data();
    void encodingIsChosenByContent();
    void identityPartsMatchGMime_data();
    void identityPartsMatchGMime();
    void randomTextsMatchGMime();
};

void TestMimeTextPart::encodingIsChosenByContent_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("allow8Bit");
    QTest::addColumn<TextTransferEncoding>("encoding");
    QTest::newRow("ascii") << QStringLiteral("Hello\n") << false << TextTransferEncoding::SevenBit;
    QTest::newRow("utf-8, 8BITMIME offered")
        << QStringLiteral("Grüße, 你好\n") << true << TextTransferEncoding::EightBit;
    QTest::newRow("mostly ascii, no 8BITMIME")
        << QStringLiteral("Viele Grüße aus Berlin und bis bald\n") << false
        << TextTransferEncoding::QuotedPrintable;
    QTest::newRow("mostly non-latin, no 8BITMIME")
        << QStringLiteral("你好你好你好你好你好你好\n") << false << TextTransferEncoding::Base64;
    QTest::newRow("line over 998 octets")
        << QString(999, u'a') << true << TextTransferEncoding::QuotedPrintable;
    QTest::newRow("NUL") << QStringLiteral("a") + QChar(0) + QStringLiteral("b") << true
                         << TextTransferEncoding::QuotedPrintable;
}

void TestMimeTextPart::encodingIsChosenByContent()
{
    QFETCH(QString, text);
    QFETCH(bool, allow8Bit);
    QFETCH(TextTransferEncoding, encoding);
    QCOMPARE(prepareTextBody(text, allow8Bit).encoding, encoding);
}

void TestMimeTextPart::identityPartsMatchGMime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("allow8Bit");
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("one line, no line end") << QStringLiteral("Hello") << false;
    QTest::newRow("CRLF, lone CR and LF") << QStringLiteral("a\r\nb\rc\nd") << false;
    QTest::newRow("blank lines") << QStringLiteral("\n\n\nx\n\n") << false;
    QTest::newRow("a dot alone and From ") << QStringLiteral(".\nFrom me\n..\n") << false;
    QTest::newRow("8bit") << QStringLiteral("Grüße\r\n你好 😀\n") << true;
    QTest::newRow("998 octets") << QString(998, u'x') << false;
    QTest::newRow("trailing spaces and tabs") << QStringLiteral("a  \n\tb\t\n") << false;
}

void TestMimeTextPart::identityPartsMatchGMime()
{
    QFETCH(QString, text);
    QFETCH(bool, allow8Bit);
    const TextBody body = prepareTextBody(text, allow8Bit);
    for (const char *subtype : {"plain", "html"}) {
        const std::optional<QByteArray> direct = identityTextPart(subtype, body);
        QVERIFY(direct.has_value());
        QCOMPARE(*direct, textPartWithGMime(subtype, body));
    }
}

void TestMimeTextPart::randomTextsMatchGMime()
{
    const QStringList pieces = {QStringLiteral("Dear "),
                                QStringLiteral("\n"),
                                QStringLiteral("\r\n"),
                                QStringLiteral("\r"),
                                QStringLiteral("."),
                                QStringLiteral(" "),
                                QStringLiteral("\t"),
                                QStringLiteral("ü"),
                                QStringLiteral("北京"),
                                QStringLiteral("=?UTF-8?B?x?="),
                                QStringLiteral("From "),
                                QStringLiteral("😀"),
                                QString(120, u'w')};
    QRandomGenerator random(11);
    int identity = 0;
    int encoded = 0;
    for (int round = 0; round < 2000; ++round) {
        QString text;
        for (int i = random.bounded(40); i > 0; --i)
            text += pieces.at(random.bounded(int(pieces.size())));
        const bool allow8Bit = random.bounded(2) == 1;
        const TextBody body = prepareTextBody(text, allow8Bit);
        const std::optional<QByteArray> direct = identityTextPart("plain", body);
        if (!direct) {
            ++encoded;
            continue;
        }
        ++identity;
        QVERIFY2(*direct == textPartWithGMime("plain", body), text.toUtf8().toPercentEncoding());
    }
    // Both kinds of text came up, so the comparison covered the identity encodings.
    QVERIFY(identity > 500);
    QVERIFY(encoded > 100);
}

QTEST_GUILESS_MAIN(TestMimeTextPart)
#include "tst_mimetextpart.moc"
