#include "document/recipientcsv.h"
#include "testresult.h"

#include <QFile>
#include <QStandardPaths>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;

// Prints the error of a failed Result instead of a bare "false".
Q_DECLARE_METATYPE(Bulkmail::ErrorCode)
Q_DECLARE_METATYPE(Bulkmail::Recipient)

namespace {

QString csvFixture(const char *name)
{
    return QStringLiteral(BULKMAIL_TEST_DATA_DIR "/csv/") + QString::fromUtf8(name);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString u8(const char *text)
{
    return QString::fromUtf8(text);
}

Recipient recipient(const char *email, const char *name, const QStringList &fields, int line)
{
    return Recipient{u8(email), u8(name), fields, line};
}

QStringList list(std::initializer_list<const char *> values)
{
    QStringList result;
    for (const char *value : values)
        result.append(u8(value));
    return result;
}

// Field by field, so that a failure prints the values.
void compareRecipients(const QList<Recipient> &actual, const QList<Recipient> &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i) {
        QCOMPARE(actual[i].email, expected[i].email);
        QCOMPARE(actual[i].name, expected[i].name);
        QCOMPARE(actual[i].fields, expected[i].fields);
        QCOMPARE(actual[i].sourceLine, expected[i].sourceLine);
    }
}

QList<Recipient> withoutLines(QList<Recipient> recipients)
{
    for (Recipient &recipient : recipients)
        recipient.sourceLine = 0;
    return recipients;
}

} // namespace

class TestRecipientCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fixtures_data();
    void fixtures();
    void gb18030IsDetected();
    void utf16BigEndianWithBom();
    void malformed_data();
    void malformed();
    void garbageIsRefusedAsBinary();
    void headerOnlyIsAnEmptyList();
    void shortRowsAndEmptyTrailingFields();
    void blankLinesAndCrOnlyLineEnds();
    void headerWarnings();
    void excelSeparatorLine();
    void separatorLineNamingNothingIsAnyLine();
    void rowOfOnlyWhiteSpaceIsSkipped();
    void endOfFileMarkIsNoValue();
    void explicitEncoding();
    void explicitEncodingErrors_data();
    void explicitEncodingErrors();
    void explicitDelimiterAndColumns();
    void exportWritesExcelFriendlyBytes();
    void exportImportRoundTrip_data();
    void exportImportRoundTrip();
    void exportedStatusImportsAsMergeField();
    void exportRefusesMismatchedStatuses();
    void exportToMissingDirectoryIsIoError();
};

void TestRecipientCsv::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestRecipientCsv::fixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QChar>("delimiter");
    QTest::addColumn<QStringList>("fieldNames");
    QTest::addColumn<QList<Recipient>>("recipients");

    QTest::newRow("Excel CSV UTF-8, semicolon, BOM")
        << csvFixture("excel_utf8_bom_semicolon.csv") << "UTF-8" << QChar(u';')
        << list({"Company", "City"})
        << QList<Recipient>{
               recipient("anna.mueller@example.de",
                         "Anna Müller",
                         list({"Müller & Söhne GmbH", "Köln"}),
                         2),
               recipient("jean.dupont@example.fr", "Jean Dupont", list({"Dupont; Fils", "Paris"}), 3),
               recipient("zoe@example.org", "Zoë \"Z\" Martin", {}, 4),
               recipient("lars@example.se", "Lars Ørsted", list({"Ørsted AB", "Malmö"}), 5)};

    QTest::newRow("Google Sheets, comma, emoji")
        << csvFixture("google_sheets.csv") << "UTF-8" << QChar(u',') << list({"Company", "Plan"})
        << QList<Recipient>{
               recipient("ana@example.com", "Ana 🌸 Silva", list({"Flores Ltda", "pro"}), 2),
               recipient("kenji@example.jp", "山田 健二", list({"Yamada, Inc.", "free"}), 3),
               recipient("omar@example.net", "Omar 👨‍👩‍👧 Haddad", list({"", "team"}), 4),
               recipient("mia@example.org", "Mia 😀", list({"Mia's Café"}), 5)};

    QTest::newRow("tab-separated, LF")
        << csvFixture("tab_separated.tsv") << "UTF-8" << QChar(u'\t') << list({"city"})
        << QList<Recipient>{recipient("tom@example.org", "Tom Baker", list({"London"}), 2),
                            recipient("eva@example.org", "Eva, the second", list({"Wien"}), 3),
                            recipient("raj@example.org", "Raj Patel", {}, 4)};

    QTest::newRow("Excel Unicode text, UTF-16LE")
        << csvFixture("excel_unicode_text_utf16le.txt") << "UTF-16LE" << QChar(u'\t')
        << list({"Department"})
        << QList<Recipient>{recipient("li.wei@example.cn", "李伟", list({"销售部"}), 2),
                            recipient("sofia@example.es", "Sofía Núñez", list({"Ventas"}), 3),
                            recipient("quoted@example.org", "Tab\there", list({"IT"}), 4)};

    QTest::newRow("quotes, commas and line breaks in fields")
        << csvFixture("quoted_fields.csv") << "UTF-8" << QChar(u',') << list({"address", "note"})
        << QList<Recipient>{recipient("a@example.org",
                                      "Doe, Jane",
                                      list({"1 Main St\r\nSpringfield", "She said \"hi\""}),
                                      2),
                            recipient("b@example.org",
                                      "Bob",
                                      list({"line one\r\nline two\r\nline three", "plain"}),
                                      4),
                            recipient("c@example.org", "", list({"", "\"quoted\" only"}), 7),
                            recipient("d@example.org", "Dee", list({"trailing, comma"}), 9)};

    QTest::newRow("duplicates and invalid addresses are all kept")
        << csvFixture("duplicates_invalid.csv") << "UTF-8" << QChar(u',') << QStringList()
        << QList<Recipient>{recipient("alice@example.org", "Alice", {}, 2),
                            recipient("not-an-address", "Broken", {}, 3),
                            recipient("bob@example.org", "Bob", {}, 4),
                            recipient("alice@EXAMPLE.org", "Alice again", {}, 5),
                            recipient("", "No address", {}, 6),
                            recipient("Bob@example.org", "Bob capitalised", {}, 7),
                            recipient("carol@example.org", "Carol", {}, 8),
                            recipient("alice@example.org", "Alice third", {}, 9),
                            recipient("dave@@example.org", "Dave", {}, 10)};
}

void TestRecipientCsv::fixtures()
{
    QFETCH(QString, file);
    QFETCH(QString, encoding);
    QFETCH(QChar, delimiter);
    QFETCH(QStringList, fieldNames);
    QFETCH(QList<Recipient>, recipients);

    const auto import = importRecipientsCsv(file);
    QVERIFY_RESULT(import);
    QCOMPARE(import->detectedEncoding, encoding);
    QCOMPARE(import->delimiter, delimiter);
    QCOMPARE(import->fieldNames, fieldNames);
    compareRecipients(import->recipients, recipients);
    QCOMPARE(import->warnings, QList<CsvProblem>());
}

void TestRecipientCsv::gb18030IsDetected()
{
    const auto import = importRecipientsCsv(csvFixture("gb18030_chinese.csv"));
    QVERIFY_RESULT(import);
    QCOMPARE(import->detectedEncoding, QStringLiteral("GB18030"));
    QCOMPARE(import->delimiter, QChar(u','));
    QCOMPARE(import->fieldNames, list({"公司", "城市"}));
    QCOMPARE(import->recipients.size(), 25);
    compareRecipients(
        {import->recipients.first(), import->recipients[17], import->recipients.last()},
        {recipient("user01@example.cn", "王芳", list({"北京科技有限公司", "北京"}), 2),
         recipient("user18@example.cn", "高秀英", list({"广州科技有限公司", "广州"}), 19),
         recipient("user25@example.cn", "唐华", list({"杭州科技有限公司", "杭州"}), 26)});
}

void TestRecipientCsv::utf16BigEndianWithBom()
{
    QStringEncoder encoder(QStringEncoder::Utf16BE, QStringEncoder::Flag::WriteBom);
    const QByteArray bytes = encoder.encode(u8("email,name\r\nzhang@example.cn,张伟 👋\r\n"));
    QVERIFY(bytes.startsWith("\xFE\xFF"));
    const auto import = parseRecipientsCsv(bytes);
    QVERIFY_RESULT(import);
    QCOMPARE(import->detectedEncoding, QStringLiteral("UTF-16BE"));
    compareRecipients(import->recipients, {recipient("zhang@example.cn", "张伟 👋", {}, 2)});
}

void TestRecipientCsv::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("message");

    const QString strayQuote = QStringLiteral(
        ": a stray quote: a value that contains a quote must be quoted as a whole, with the quote "
        "doubled (RFC 4180 §2), for example \"5\"\" screen\"");

    QTest::newRow("unterminated quote (fixture)")
        << readFile(csvFixture("malformed_unterminated_quote.csv")) << ErrorCode::CsvMalformedRow
        << "line 3: a quoted value that starts in this row is never closed (a missing \" at the "
           "end of a value)";
    QTest::newRow("unterminated quote after blank lines")
        << QByteArray("\n\nemail\n\"x@example.org\n\n") << ErrorCode::CsvMalformedRow
        << "line 4: a quoted value that starts in this row is never closed (a missing \" at the "
           "end of a value)";
    QTest::newRow("too many fields (fixture)")
        << readFile(csvFixture("too_many_fields.csv")) << ErrorCode::CsvMalformedRow
        << "line 4: 4 values, but the header (line 1) names 3 columns; a value that contains "
           "\",\" must be quoted";
    QTest::newRow("too many fields, tab-separated")
        << QByteArray("email\tname\na@example.org\tA\tB\n") << ErrorCode::CsvMalformedRow
        << "line 2: 3 values, but the header (line 1) names 2 columns; a value that contains a "
           "tab must be quoted";
    QTest::newRow("text after a closing quote")
        << QByteArray("email,name\na@example.org,\"Bob\"by\n") << ErrorCode::CsvMalformedRow
        << QStringLiteral("line 2") + strayQuote;
    QTest::newRow("quote inside an unquoted value")
        << QByteArray("email,name\r\na@example.org,ok\r\nc@example.org,5\" screen\r\n")
        << ErrorCode::CsvMalformedRow << QStringLiteral("line 3") + strayQuote;
    QTest::newRow("stray quote after a multi-line value")
        << QByteArray("email,note\na@example.org,\"two\nlines\"x\n") << ErrorCode::CsvMalformedRow
        << QStringLiteral("line 3") + strayQuote;
    QTest::newRow("empty file (fixture)")
        << readFile(csvFixture("empty.csv")) << ErrorCode::InvalidFormat << "the file is empty";
    QTest::newRow("blank lines only")
        << QByteArray("\r\n\r\n,,\r\n") << ErrorCode::InvalidFormat << "the file is empty";
    QTest::newRow("NUL byte")
        << QByteArray("email,name\na@example.org,A\n\x00\x01\x02", 29) << ErrorCode::InvalidFormat
        << "line 3: binary data (byte 0x00); this is not a CSV text file, or it is UTF-16 without "
           "a byte order mark: choose the encoding";
    QTest::newRow("control character")
        << QByteArray("email,name\na@example.org,A\x07\n") << ErrorCode::InvalidFormat
        << "line 2: binary data (byte 0x07); this is not a CSV text file";
    QTest::newRow("xlsx workbook")
        << QByteArray("PK\x03\x04\x14\x00\x06\x00", 8) << ErrorCode::InvalidFormat
        << "this is a spreadsheet workbook (.xlsx, .xls or .ods), not CSV: save it as \"CSV "
           "UTF-8\" first";
    QTest::newRow("no email column")
        << QByteArray("Name,City\nAlice,Oslo\n") << ErrorCode::InvalidFormat
        << "line 1: no email column; the header has \"Name\", \"City\". Name the column of "
           "addresses \"email\"";
    QTest::newRow("no email column after blank lines")
        << QByteArray("\n\r\nName\nAlice\n") << ErrorCode::InvalidFormat
        << "line 3: no email column; the header has \"Name\". Name the column of addresses "
           "\"email\"";
    QTest::newRow("no header line")
        << QByteArray("alice@example.org,Alice\nbob@example.org,Bob\n") << ErrorCode::InvalidFormat
        << "line 1: no header line: the first line holds the address \"alice@example.org\". Add "
           "a first line that names the columns, such as \"email,name\"";
    QTest::newRow("the same column twice")
        << QByteArray("email,Company,name,company\n") << ErrorCode::InvalidFormat
        << "line 1: the column \"company\" appears twice (columns 2 and 4); merge fields need "
           "distinct names";
    QTest::newRow("undetectable encoding")
        << QByteArray("email,name\r\na@example.org,\x81\r\n") << ErrorCode::InvalidFormat
        << "cannot tell the file's encoding: it is not UTF-8 and no other encoding fits. Save it "
           "from Excel as \"CSV UTF-8\", or choose the encoding (for example GB18030 or "
           "windows-1252)";
}

void TestRecipientCsv::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(ErrorCode, code);
    QFETCH(QString, message);

    const auto import = parseRecipientsCsv(bytes);
    QVERIFY(!import);
    QCOMPARE(import.error().message, message);
    QCOMPARE(import.error().code, code);
}

void TestRecipientCsv::garbageIsRefusedAsBinary()
{
    // Deterministic noise, as from a renamed image: never a crash, never a list of garbage.
    QByteArray noise;
    quint32 state = 12345;
    for (int i = 0; i < 64 * 1024; ++i) {
        state = state * 1664525u + 1013904223u;
        noise.append(char(state >> 24));
    }
    const auto import = parseRecipientsCsv(noise);
    QVERIFY(!import);
    QCOMPARE(import.error().code, ErrorCode::InvalidFormat);
    QVERIFY2(import.error().message.startsWith(QLatin1String("line 1: binary data (byte 0x")),
             qPrintable(import.error().message));

    // The same noise after a valid header and rows: the line of the first bad byte is named.
    const auto late = parseRecipientsCsv("email\na@example.org\n" + noise);
    QVERIFY(!late);
    QVERIFY2(late.error().message.startsWith(QLatin1String("line 3: binary data (byte 0x")),
             qPrintable(late.error().message));
}

void TestRecipientCsv::headerOnlyIsAnEmptyList()
{
    const auto import = importRecipientsCsv(csvFixture("header_only.csv"));
    QVERIFY_RESULT(import);
    QVERIFY(import->recipients.isEmpty());
    QVERIFY(import->fieldNames.isEmpty());
    QVERIFY(import->warnings.isEmpty());
}

void TestRecipientCsv::shortRowsAndEmptyTrailingFields()
{
    const auto import = parseRecipientsCsv("email,name,city,zip\n"
                                           "a@example.org\n"
                                           "b@example.org,B,Oslo,,,,\n"
                                           ",,,\n"
                                           "  c@example.org  , C ,, 0150 \n");
    QVERIFY_RESULT(import);
    QCOMPARE(import->fieldNames, list({"city", "zip"}));
    compareRecipients(import->recipients,
                      {recipient("a@example.org", "", {}, 2),
                       recipient("b@example.org", "B", list({"Oslo"}), 3),
                       recipient("c@example.org", "C", list({"", "0150"}), 5)});
}

void TestRecipientCsv::blankLinesAndCrOnlyLineEnds()
{
    const auto blank = parseRecipientsCsv("\n\nemail,name\n\na@example.org,A\n\n\nb@example.org,B");
    QVERIFY_RESULT(blank);
    compareRecipients(blank->recipients,
                      {recipient("a@example.org", "A", {}, 5),
                       recipient("b@example.org", "B", {}, 8)});

    const auto classicMac = parseRecipientsCsv("email,name\ra@example.org,A\r\rb@example.org,B\r");
    QVERIFY_RESULT(classicMac);
    compareRecipients(classicMac->recipients,
                      {recipient("a@example.org", "A", {}, 2),
                       recipient("b@example.org", "B", {}, 4)});
}

void TestRecipientCsv::headerWarnings()
{
    const auto import = parseRecipientsCsv("email,,Name,E-mail\n"
                                           "a@example.org,x,A,second@example.org\n");
    QVERIFY_RESULT(import);
    QCOMPARE(import->fieldNames, list({"column2", "E-mail"}));
    compareRecipients(import->recipients,
                      {recipient("a@example.org", "A", list({"x", "second@example.org"}), 2)});
    const QList<CsvProblem> expected{
        {1,
         u8("column 4 (\"E-mail\") also looks like an email column; the addresses come from "
            "column 1 (\"email\"), it becomes a merge field")},
        {1, u8("column 2 has no header; its merge field is named \"column2\"")}};
    QCOMPARE(import->warnings, expected);
}

void TestRecipientCsv::excelSeparatorLine()
{
    // Without the first line, the two commas of the header would make it comma-separated.
    const auto import = parseRecipientsCsv(
        "sep=;\r\nemail;name, title, etc\r\na@example.org;A, PhD\r\n");
    QVERIFY_RESULT(import);
    QCOMPARE(import->delimiter, QChar(u';'));
    QCOMPARE(import->fieldNames, list({"name, title, etc"}));
    compareRecipients(import->recipients, {recipient("a@example.org", "", list({"A, PhD"}), 3)});
    QVERIFY(!parseRecipientsCsv("email;name, title, etc\r\na@example.org;A, PhD\r\n"));
}

// Found by fuzz_recipientcsv: "sep=" alone was read past its end (an assertion in a debug
// build, a read of other memory in a release one). It names no delimiter: the line is the header.
void TestRecipientCsv::separatorLineNamingNothingIsAnyLine()
{
    for (const QByteArray &bytes : {QByteArray("sep=\n"),
                                    QByteArray("sep="),
                                    QByteArray("sep=\r\nemail\r\na@example.org\r\n")}) {
        const auto import = parseRecipientsCsv(bytes);
        QVERIFY(!import);
        QVERIFY2(import.error().message.contains(u8("\"sep=\"")),
                 qPrintable(import.error().message)); // the header without an email column
    }
}

// Found by fuzz_recipientcsv: a row holding nothing but a no-break space was kept as a recipient
// of nothing, whose export then imported as no row. It is skipped as an empty row is.
void TestRecipientCsv::rowOfOnlyWhiteSpaceIsSkipped()
{
    const auto import = parseRecipientsCsv("email,name,city\n\xC2\xA0,\xE3\x80\x80\n"
                                           "a@example.org,A,\n \xC2\xA0 ,B,Berlin\n");
    QVERIFY_RESULT(import);
    compareRecipients(import->recipients,
                      {recipient("a@example.org", "A", {}, 3),
                       recipient("", "B", list({"Berlin"}), 4)});
}

// Found by fuzz_recipientcsv: the DOS end-of-file mark (Ctrl+Z) at the end was read as a value,
// which exported into the middle of a file that the import then refused as binary.
void TestRecipientCsv::endOfFileMarkIsNoValue()
{
    const auto marked = parseRecipientsCsv("email,name\r\na@example.org,Ann\x1A");
    QVERIFY_RESULT(marked);
    compareRecipients(marked->recipients, {recipient("a@example.org", "Ann", {}, 2)});
    const auto onALine = parseRecipientsCsv("email,name\r\na@example.org,Ann\r\n\x1A");
    QVERIFY_RESULT(onALine);
    compareRecipients(onALine->recipients, {recipient("a@example.org", "Ann", {}, 2)});
    const auto again = parseRecipientsCsv(
        serializeRecipientsCsv(marked->fieldNames, marked->recipients));
    QVERIFY_RESULT(again);
    compareRecipients(again->recipients, {recipient("a@example.org", "Ann", {}, 2)});
}

void TestRecipientCsv::explicitEncoding()
{
    QStringEncoder encoder("windows-1252");
    const QByteArray bytes = encoder.encode(
        u8("email;name\r\nanna@example.de;Anna Müller – €\r\n"));
    CsvImportOptions options;
    options.encoding = "windows-1252";
    const auto import = parseRecipientsCsv(bytes, options);
    QVERIFY_RESULT(import);
    QCOMPARE(import->detectedEncoding, QStringLiteral("windows-1252"));
    compareRecipients(import->recipients, {recipient("anna@example.de", "Anna Müller – €", {}, 2)});

    // GBK bytes named as GB18030 (its superset) read the same.
    QStringEncoder gbk("GBK");
    options.encoding = "GB18030";
    const auto chinese = parseRecipientsCsv(gbk.encode(u8("邮箱,姓名\r\nw@example.cn,王芳\r\n")),
                                            options);
    QVERIFY_RESULT(chinese);
    compareRecipients(chinese->recipients, {recipient("w@example.cn", "王芳", {}, 2)});
}

void TestRecipientCsv::explicitEncodingErrors_data()
{
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("GB18030 read as UTF-8")
        << QByteArray("UTF-8") << ErrorCode::InvalidFormat
        << "line 2: the file is not valid UTF-8 text; choose another encoding";
    QTest::newRow("unknown name") << QByteArray("no-such-encoding") << ErrorCode::InvalidValue
                                  << "unknown encoding \"no-such-encoding\"";
}

void TestRecipientCsv::explicitEncodingErrors()
{
    QFETCH(QByteArray, encoding);
    QFETCH(ErrorCode, code);
    QFETCH(QString, message);
    QStringEncoder encoder("GB18030");
    CsvImportOptions options;
    options.encoding = encoding;
    const auto import = parseRecipientsCsv(encoder.encode(
                                               u8("email,name\r\nw@example.cn,王芳\r\n")),
                                           options);
    QVERIFY(!import);
    QCOMPARE(import.error().message, message);
    QCOMPARE(import.error().code, code);
}

void TestRecipientCsv::explicitDelimiterAndColumns()
{
    CsvImportOptions options;
    options.delimiter = u'|';
    const auto piped = parseRecipientsCsv("email|name\na@example.org|A, B\n", options);
    QVERIFY_RESULT(piped);
    QCOMPARE(piped->delimiter, QChar(u'|'));
    compareRecipients(piped->recipients, {recipient("a@example.org", "A, B", {}, 2)});

    options = {};
    options.emailColumn = QStringLiteral("private");
    options.nameColumn = QStringLiteral("Nickname");
    const QByteArray bytes = "Work,Private,Name,Nickname\n"
                             "w@example.org,p@example.org,Ann Lee,Annie\n";
    const auto chosen = parseRecipientsCsv(bytes, options);
    QVERIFY_RESULT(chosen);
    QCOMPARE(chosen->fieldNames, list({"Work", "Name"}));
    compareRecipients(chosen->recipients,
                      {recipient("p@example.org", "Annie", list({"w@example.org", "Ann Lee"}), 2)});

    options.emailColumn = QStringLiteral("Home");
    const auto missing = parseRecipientsCsv(bytes, options);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::InvalidValue);
    QCOMPARE(missing.error().message,
             u8("line 1: no column named \"Home\"; the header has \"Work\", \"Private\", "
                "\"Name\", \"Nickname\""));

    options = {};
    options.delimiter = u'"';
    QCOMPARE(parseRecipientsCsv(bytes, options).error().code, ErrorCode::InvalidValue);
}

void TestRecipientCsv::exportWritesExcelFriendlyBytes()
{
    const QList<Recipient> recipients{recipient("a@example.org", "Doe, Jane", list({"ACME"}), 2),
                                      recipient("b@example.org",
                                                "Bob \"B\"",
                                                list({"two\nlines", " padded "}),
                                                3),
                                      recipient("not valid", "王芳", {}, 4)};
    const QByteArray bytes = serializeRecipientsCsv(list({"company", "note"}),
                                                    recipients,
                                                    list({"sent", "failed: 550 5.1.1", ""}));
    const QByteArray expected = "\xEF\xBB\xBF"
                                "email,name,company,note,Send status\r\n"
                                "a@example.org,\"Doe, Jane\",ACME,,sent\r\n"
                                "b@example.org,\"Bob \"\"B\"\"\",\"two\nlines\",\" padded \","
                                "failed: 550 5.1.1\r\n"
                                "not valid,王芳,,,\r\n";
    QCOMPARE(bytes, expected);
    QVERIFY(!serializeRecipientsCsv({}, recipients).contains("Send status"));
}

void TestRecipientCsv::exportImportRoundTrip_data()
{
    QTest::addColumn<QString>("file");
    for (const char *name : {"excel_utf8_bom_semicolon.csv",
                             "google_sheets.csv",
                             "tab_separated.tsv",
                             "excel_unicode_text_utf16le.txt",
                             "gb18030_chinese.csv",
                             "quoted_fields.csv",
                             "duplicates_invalid.csv"}) {
        QTest::newRow(name) << csvFixture(name);
    }
}

void TestRecipientCsv::exportImportRoundTrip()
{
    QFETCH(QString, file);
    const auto original = importRecipientsCsv(file);
    QVERIFY_RESULT(original);
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString exported = directory.filePath(QStringLiteral("export.csv"));
    QVERIFY_RESULT(exportRecipientsCsv(exported, original->fieldNames, original->recipients));

    const auto again = importRecipientsCsv(exported);
    QVERIFY_RESULT(again);
    QCOMPARE(again->detectedEncoding, QStringLiteral("UTF-8"));
    QCOMPARE(again->delimiter, QChar(u','));
    QCOMPARE(again->fieldNames, original->fieldNames);
    // Line numbers differ only where a value holds a line break.
    compareRecipients(withoutLines(again->recipients), withoutLines(original->recipients));
    QCOMPARE(again->warnings, QList<CsvProblem>());
}

void TestRecipientCsv::exportedStatusImportsAsMergeField()
{
    const QList<Recipient> recipients{recipient("a@example.org", "A", list({"x"}), 2),
                                      recipient("b@example.org", "B", {}, 3)};
    const auto import = parseRecipientsCsv(
        serializeRecipientsCsv(list({"tag"}), recipients, list({"sent", "pending"})));
    QVERIFY_RESULT(import);
    QCOMPARE(import->fieldNames, list({"tag", "Send status"}));
    compareRecipients(import->recipients,
                      {recipient("a@example.org", "A", list({"x", "sent"}), 2),
                       recipient("b@example.org", "B", list({"", "pending"}), 3)});
}

void TestRecipientCsv::exportRefusesMismatchedStatuses()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(QStringLiteral("list.csv"));
    const auto result = exportRecipientsCsv(path,
                                            {},
                                            {recipient("a@example.org", "A", {}, 0)},
                                            list({"sent", "sent"}));
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::InvalidValue);
    QCOMPARE(result.error().message, QStringLiteral("2 statuses for 1 recipients"));
    QVERIFY(!QFile::exists(path));
}

void TestRecipientCsv::exportToMissingDirectoryIsIoError()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(QStringLiteral("absent/list.csv"));
    const auto result = exportRecipientsCsv(path, {}, {recipient("a@example.org", "A", {}, 0)});
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Io);
    QVERIFY(result.error().message.contains(path));

    const auto missing = importRecipientsCsv(path);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::Io);
}

QTEST_GUILESS_MAIN(TestRecipientCsv)
#include "tst_recipientcsv.moc"
