#include "document/spreadsheetnumberformat.h"

#include <QTest>

using namespace Bulkmail;

class TestSpreadsheetNumberFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatsAsDisplayed_data();
    void formatsAsDisplayed();
    void builtinFormats_data();
    void builtinFormats();
    void mac1904DateSystem();
    void dateTimeValues();
};

// Serial 46362 is 2026-12-06 in the 1900 date system (Excel shows it so).
void TestSpreadsheetNumberFormat::formatsAsDisplayed_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("shown");

    QTest::newRow("leading zeros") << QStringLiteral("00000") << 123.0 << QStringLiteral("00123");
    QTest::newRow("leading zeros, longer number")
        << QStringLiteral("00000") << 1234567.0 << QStringLiteral("1234567");
    QTest::newRow("two decimals") << QStringLiteral("0.00") << 1234.5 << QStringLiteral("1234.50");
    QTest::newRow("two decimals, rounded")
        << QStringLiteral("0.00") << 2.675 << QStringLiteral("2.67");
    QTest::newRow("thousands") << QStringLiteral("#,##0.00") << 1234567.891
                               << QStringLiteral("1,234,567.89");
    QTest::newRow("percent") << QStringLiteral("0%") << 0.256 << QStringLiteral("26%");
    QTest::newRow("negative, default sign")
        << QStringLiteral("0.00") << -5.0 << QStringLiteral("-5.00");
    QTest::newRow("negative section")
        << QStringLiteral("#,##0.00;(#,##0.00)") << -5.0 << QStringLiteral("(5.00)");
    QTest::newRow("zero section") << QStringLiteral("0.00;-0.00;\"-\"") << 0.0
                                  << QStringLiteral("-");
    QTest::newRow("colour dropped") << QStringLiteral("[Red]0.00") << 3.0 << QStringLiteral("3.00");
    QTest::newRow("digit groups") << QStringLiteral("000-0000") << 1234567.0
                                  << QStringLiteral("123-4567");
    QTest::newRow("literal text") << QStringLiteral("0\" 元\"") << 12.0 << QStringLiteral("12 元");
    QTest::newRow("currency tag") << QStringLiteral("[$¥-804]#,##0.00") << 1234.0
                                  << QStringLiteral("¥1,234.00");
    const QString accounting = QStringLiteral(
        "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)");
    QTest::newRow("accounting") << accounting << 1234.5 << QStringLiteral("1,234.50");
    QTest::newRow("accounting, negative") << accounting << -7.0 << QStringLiteral("(7.00)");
    QTest::newRow("accounting, zero") << accounting << 0.0 << QStringLiteral("-");
    QTest::newRow("question marks") << QStringLiteral("0.0?") << 1.5 << QStringLiteral("1.5");
    QTest::newRow("optional decimals") << QStringLiteral("0.##") << 3.1 << QStringLiteral("3.1");
    QTest::newRow("text format") << QStringLiteral("@") << 5.0 << QStringLiteral("5");
    QTest::newRow("General fraction")
        << QStringLiteral("General") << 0.1 + 0.2 << QStringLiteral("0.3");
    QTest::newRow("General mobile number")
        << QStringLiteral("General") << 13912345678.0 << QStringLiteral("13912345678");
    QTest::newRow("scientific falls back")
        << QStringLiteral("0.00E+00") << 1500.0 << QStringLiteral("1500");
    QTest::newRow("Chinese date") << QStringLiteral("yyyy\"年\"m\"月\"d\"日\"") << 46362.0
                                  << QStringLiteral("2026年12月6日");
    QTest::newRow("Chinese date, locale tag") << QStringLiteral("[$-804]yyyy\"年\"m\"月\"d\"日\";@")
                                              << 46362.0 << QStringLiteral("2026年12月6日");
    QTest::newRow("Chinese date, unquoted")
        << QStringLiteral("yyyy年m月d日") << 46053.0 << QStringLiteral("2026年1月31日");
    QTest::newRow("day first") << QStringLiteral("dd/mm/yyyy") << 46362.0
                               << QStringLiteral("06/12/2026");
    QTest::newRow("month names") << QStringLiteral("mmm d, yyyy") << 46362.0
                                 << QStringLiteral("Dec 6, 2026");
    QTest::newRow("weekday") << QStringLiteral("dddd") << 46362.0 << QStringLiteral("Sunday");
    QTest::newRow("two-digit year")
        << QStringLiteral("m/d/yy") << 46362.0 << QStringLiteral("12/6/26");
    QTest::newRow("date and time") << QStringLiteral("yyyy-mm-dd hh:mm:ss") << 46362.5
                                   << QStringLiteral("2026-12-06 12:00:00");
    QTest::newRow("minutes after hours")
        << QStringLiteral("h:mm") << 0.5 + 5.0 / 1440 << QStringLiteral("12:05");
    QTest::newRow("AM/PM") << QStringLiteral("h:mm AM/PM") << 0.75 << QStringLiteral("6:00 PM");
    QTest::newRow("elapsed hours") << QStringLiteral("[h]:mm") << 1.5 << QStringLiteral("36:00");
    QTest::newRow("leap day 2024")
        << QStringLiteral("yyyy-mm-dd") << 45351.0 << QStringLiteral("2024-02-29");
    QTest::newRow("1900-03-01") << QStringLiteral("yyyy-mm-dd") << 61.0
                                << QStringLiteral("1900-03-01");
    QTest::newRow("beyond 9999-12-31")
        << QStringLiteral("yyyy-mm-dd") << 1e300 << QStringLiteral("1e+300");
    QTest::newRow("negative date") << QStringLiteral("yyyy-mm-dd") << -1.0 << QStringLiteral("-1");
    QTest::newRow("1900-01-01") << QStringLiteral("yyyy-mm-dd") << 1.0
                                << QStringLiteral("1900-01-01");
}

void TestSpreadsheetNumberFormat::formatsAsDisplayed()
{
    QFETCH(QString, code);
    QFETCH(double, value);
    QFETCH(QString, shown);
    QCOMPARE(SpreadsheetNumberFormat(code).format(value), shown);
}

void TestSpreadsheetNumberFormat::builtinFormats_data()
{
    QTest::addColumn<int>("identifier");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("shown");

    QTest::newRow("0 General") << 0 << 1234.5 << QStringLiteral("1234.5");
    QTest::newRow("2 two decimals") << 2 << 1234.5 << QStringLiteral("1234.50");
    QTest::newRow("14 short date, ISO") << 14 << 46362.0 << QStringLiteral("2026-12-06");
    QTest::newRow("31 Chinese long date") << 31 << 46362.0 << QStringLiteral("2026年12月6日");
    QTest::newRow("49 text") << 49 << 456.0 << QStringLiteral("456");
    QTest::newRow("unknown is General") << 300 << 7.25 << QStringLiteral("7.25");
}

void TestSpreadsheetNumberFormat::builtinFormats()
{
    QFETCH(int, identifier);
    QFETCH(double, value);
    QFETCH(QString, shown);
    QCOMPARE(SpreadsheetNumberFormat(SpreadsheetNumberFormat::builtinCode(identifier)).format(value),
             shown);
}

void TestSpreadsheetNumberFormat::mac1904DateSystem()
{
    const SpreadsheetNumberFormat format(QStringLiteral("yyyy-mm-dd"));
    QCOMPARE(format.format(0, SpreadsheetNumberFormat::DateSystem::Mac1904),
             QStringLiteral("1904-01-01"));
    QCOMPARE(format.format(44900, SpreadsheetNumberFormat::DateSystem::Mac1904),
             format.format(44900 + 1462));
}

void TestSpreadsheetNumberFormat::dateTimeValues()
{
    const QDateTime noon(QDate(2026, 12, 6), QTime(12, 0));
    QCOMPARE(SpreadsheetNumberFormat(QStringLiteral("dd/mm/yyyy hh:mm")).formatDateTime(noon),
             QStringLiteral("06/12/2026 12:00"));
    QCOMPARE(SpreadsheetNumberFormat().formatDateTime(QDateTime(QDate(2026, 12, 6), QTime(0, 0))),
             QStringLiteral("2026-12-06"));
    QVERIFY(SpreadsheetNumberFormat(QStringLiteral("yyyy\"年\"m\"月\"")).isDateTime());
    QVERIFY(!SpreadsheetNumberFormat(QStringLiteral("0.00")).isDateTime());
}

QTEST_GUILESS_MAIN(TestSpreadsheetNumberFormat)
#include "tst_spreadsheetnumberformat.moc"
