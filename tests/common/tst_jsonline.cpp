// JsonLine writes the journal and --events lines: every line it writes must read back, through an
// independent parser (QJsonDocument), as exactly the values given.

#include "common/jsonline.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Bulkmail;

class TestJsonLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stringsRoundTrip_data();
    void stringsRoundTrip();
    void numbersAndBooleans();
    void keepsKeyOrderAndEndsInNewline();
    void isReusableAfterTake();
    void utcTimesMatchQt_data();
    void utcTimesMatchQt();
};

void TestJsonLine::stringsRoundTrip_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("empty") << QString();
    QTest::newRow("plain") << QStringLiteral("250 2.0.0 Ok: queued as 4Xy1Z2");
    QTest::newRow("quotes and backslash") << QStringLiteral(R"(say "hi" \ back\slash)");
    QTest::newRow("CR LF tab") << QStringLiteral("line one\r\nline two\tend");
    QTest::newRow("every control character") << [] {
        QString s;
        for (char16_t c = 0; c < 0x20; ++c)
            s.append(QChar(c));
        return s;
    }();
    QTest::newRow("DEL and slash") << QStringLiteral("\x7f/</script>");
    QTest::newRow("Chinese") << QStringLiteral("王芳 <wang.fang@example.com>");
    QTest::newRow("emoji (surrogate pair)") << QStringLiteral("🎉 party");
    QTest::newRow("looks like JSON") << QStringLiteral(R"(","event":"sent)");
}

void TestJsonLine::stringsRoundTrip()
{
    QFETCH(QString, value);
    JsonLine line;
    line.add("text", value);
    const QByteArray bytes = line.take();
    QCOMPARE(bytes.count('\n'), 1); // one line, whatever the value holds
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(document.object().value(u"text").toString(), value);
    QCOMPARE(document.object().size(), 1);
}

void TestJsonLine::numbersAndBooleans()
{
    JsonLine line;
    line.add("zero", 0)
        .add("negative", -42)
        .add("large", qint64(9'007'199'254'740'991))
        .add("seconds", 12.375)
        .add("tiny", 1e-9)
        .add("nan", qQNaN())
        .add("yes", true)
        .add("no", false)
        .add("latin1", QLatin1String("connection"));
    const QJsonObject object = QJsonDocument::fromJson(line.take()).object();
    QCOMPARE(object.value(u"zero").toInteger(), 0);
    QCOMPARE(object.value(u"negative").toInteger(), -42);
    QCOMPARE(object.value(u"large").toInteger(), 9'007'199'254'740'991);
    QCOMPARE(object.value(u"seconds").toDouble(), 12.375);
    QCOMPARE(object.value(u"tiny").toDouble(), 1e-9);
    QVERIFY(object.value(u"nan").isNull()); // JSON has no NaN
    QCOMPARE(object.value(u"yes").toBool(false), true);
    QCOMPARE(object.value(u"no").toBool(true), false);
    QCOMPARE(object.value(u"latin1").toString(), QStringLiteral("connection"));
}

void TestJsonLine::keepsKeyOrderAndEndsInNewline()
{
    JsonLine line;
    line.add("type", QLatin1String("message")).add("code", 250).add("ok", true);
    QCOMPARE(line.take(),
             QByteArray(R"({"type":"message","code":250,"ok":true})"
                        "\n"));
}

void TestJsonLine::isReusableAfterTake()
{
    JsonLine line;
    line.add("a", 1);
    QCOMPARE(line.take(), QByteArray("{\"a\":1}\n"));
    QCOMPARE(line.take(), QByteArray("{}\n"));
    line.add("b", 2);
    QCOMPARE(line.take(), QByteArray("{\"b\":2}\n"));
}

void TestJsonLine::utcTimesMatchQt_data()
{
    QTest::addColumn<QDateTime>("time");
    const QDateTime base(QDate(2026, 11, 24), QTime(18, 47, 4, 231), Qt::UTC);
    QTest::newRow("utc") << base;
    QTest::newRow("same second, other milliseconds") << base.addMSecs(700);
    QTest::newRow("next second") << base.addMSecs(769);
    QTest::newRow("whole second") << QDateTime(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC);
    QTest::newRow("last millisecond of a year")
        << QDateTime(QDate(1999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC);
    QTest::newRow("before 1970") << QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59, 1), Qt::UTC);
    QTest::newRow("offset") << QDateTime(QDate(2026, 6, 1),
                                         QTime(8, 0, 0, 5),
                                         Qt::OffsetFromUTC,
                                         8 * 3600);
    QTest::newRow("local") << QDateTime(QDate(2026, 3, 29), QTime(2, 30, 0, 42), Qt::LocalTime);
    QTest::newRow("invalid") << QDateTime();
}

// The journal and --events carry times written by addUtcTime(); readers parse them as Qt wrote
// them before, so the text must be exactly Qt's.
void TestJsonLine::utcTimesMatchQt()
{
    QFETCH(QDateTime, time);
    JsonLine line;
    line.addUtcTime("time", time);
    const QByteArray expected = "{\"time\":\"" + time.toUTC().toString(Qt::ISODateWithMs).toLatin1()
                                + "\"}\n";
    QCOMPARE(line.take(), expected);
}

QTEST_GUILESS_MAIN(TestJsonLine)
#include "tst_jsonline.moc"
