// encodeMessageData() and messageDataSize(): the DATA payload of RFC 5321 §4.1.1.4 and the SIZE of
// RFC 1870 §5.

#include "smtp/messagedata.h"

#include <QStandardPaths>
#include <QTest>

using namespace Bulkmail;

class TestMessageData : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void encode_data();
    void encode();
    void largeContentIsLinear();
};

void TestMessageData::encode_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<qint64>("size"); // RFC 1870: CRLF counted, stuffing and final dot not

    QTest::newRow("empty") << QByteArray() << QByteArray(".\r\n") << qint64(0);
    QTest::newRow("one line without newline")
        << QByteArray("a") << QByteArray("a\r\n.\r\n") << qint64(3);
    QTest::newRow("LF") << QByteArray("a\nb\n") << QByteArray("a\r\nb\r\n.\r\n") << qint64(6);
    QTest::newRow("CR") << QByteArray("a\rb\r") << QByteArray("a\r\nb\r\n.\r\n") << qint64(6);
    QTest::newRow("CRLF") << QByteArray("a\r\nb\r\n") << QByteArray("a\r\nb\r\n.\r\n") << qint64(6);
    QTest::newRow("mixed") << QByteArray("a\nb\r\nc\rd") << QByteArray("a\r\nb\r\nc\r\nd\r\n.\r\n")
                           << qint64(12);
    QTest::newRow("empty lines kept")
        << QByteArray("a\n\n\nb") << QByteArray("a\r\n\r\n\r\nb\r\n.\r\n") << qint64(10);
    // A CR followed by CRLF is a bare CR (a line end of its own), then a CRLF.
    QTest::newRow("CR CR LF") << QByteArray("a\r\r\nb") << QByteArray("a\r\n\r\nb\r\n.\r\n")
                              << qint64(8);
    QTest::newRow("LF CR is two line ends")
        << QByteArray("a\n\rb") << QByteArray("a\r\n\r\nb\r\n.\r\n") << qint64(8);
    QTest::newRow("only a newline") << QByteArray("\n") << QByteArray("\r\n.\r\n") << qint64(2);

    QTest::newRow("dot at the very start")
        << QByteArray(".hidden\n") << QByteArray("..hidden\r\n.\r\n") << qint64(9);
    QTest::newRow("two dots") << QByteArray("x\n..two\n") << QByteArray("x\r\n...two\r\n.\r\n")
                              << qint64(10);
    QTest::newRow("a line that is only a dot")
        << QByteArray("a\n.\nb") << QByteArray("a\r\n..\r\nb\r\n.\r\n") << qint64(9);
    QTest::newRow("a dot as the last line without newline")
        << QByteArray("a\n.") << QByteArray("a\r\n..\r\n.\r\n") << qint64(6);
    QTest::newRow("dot after CR line end")
        << QByteArray("a\r.b") << QByteArray("a\r\n..b\r\n.\r\n") << qint64(7);
    QTest::newRow("dots inside lines untouched")
        << QByteArray("a.b .c\nend.\n") << QByteArray("a.b .c\r\nend.\r\n.\r\n") << qint64(14);
    QTest::newRow("CRLF dot CRLF inside content")
        << QByteArray("a\r\n.\r\nb\r\n") << QByteArray("a\r\n..\r\nb\r\n.\r\n") << qint64(9);
    QTest::newRow("8-bit and NUL octets pass through")
        << QByteArray("\xc3\xa9t\xc3\xa9\0x\n", 8)
        << QByteArray("\xc3\xa9t\xc3\xa9\0x\r\n.\r\n", 12) << qint64(9);
}

void TestMessageData::encode()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, encoded);
    QFETCH(qint64, size);

    QCOMPARE(encodeMessageData(content), encoded);
    QCOMPARE(messageDataSize(content), size);
    // The terminator is never part of the content, and the body never contains "\r\n.\r\n".
    const QByteArray result = encodeMessageData(content);
    QVERIFY(result.endsWith(".\r\n"));
    const QByteArray body = result.chopped(3);
    const QByteArray withLeadingLineEnd = QByteArray("\r\n") + body;
    QVERIFY(!withLeadingLineEnd.contains("\r\n.\r\n"));
    QVERIFY(body.isEmpty() || body.endsWith("\r\n"));
}

void TestMessageData::largeContentIsLinear()
{
    // 4 MiB of short lines, half of them starting with a dot.
    QByteArray content;
    for (int i = 0; content.size() < 4 * 1024 * 1024; ++i)
        content += (i % 2 ? QByteArray(".dot line\n") : QByteArray("plain line\n"));
    const qsizetype lines = content.count('\n');
    const QByteArray encoded = encodeMessageData(content);
    QCOMPARE(encoded.size(), content.size() + lines + lines / 2 + 3);
    QCOMPARE(messageDataSize(content), qint64(content.size() + lines));
}

QTEST_GUILESS_MAIN(TestMessageData)
#include "tst_messagedata.moc"
