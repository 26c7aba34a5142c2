#include "document/recipientworkbook.h"
#include "testworkbooks.h"

#include "document/campaignfile.h"
#include "document/recipientlistmemory.h"
#include "document/recipientrowreader.h"

#include "testresult.h"
#include "testseeds.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;

namespace {

// What the sheet "员工" of people.xlsx and people.ods shows (make_workbooks.py): formatted IDs,
// dates and amounts, and a formula's stored result.
const QStringList ExpectedFields{QStringLiteral("工号"),
                                 QStringLiteral("入职日期"),
                                 QStringLiteral("Start"),
                                 QStringLiteral("工资"),
                                 QStringLiteral("合计")};

QStringList row(std::initializer_list<const char *> cells)
{
    QStringList list;
    for (const char *cell : cells)
        list.append(QString::fromUtf8(cell));
    return list;
}

quint32 littleEndian32(const QByteArray &bytes, qsizetype at)
{
    quint32 value = 0;
    for (int i = 3; i >= 0; --i)
        value = (value << 8) | quint8(bytes[at + i]);
    return value;
}

void setLittleEndian32(QByteArray &bytes, qsizetype at, quint32 value)
{
    for (int i = 0; i < 4; ++i)
        bytes[at + i] = char((value >> (8 * i)) & 0xFF);
}

// Where the ZIP's central directory entry of `name` begins (APPNOTE §4.3.12), or -1.
qsizetype centralEntry(const QByteArray &zip, QByteArrayView name)
{
    for (qsizetype at = zip.indexOf("PK\x01\x02"); at >= 0; at = zip.indexOf("PK\x01\x02", at + 4)) {
        const qsizetype nameSize = quint8(zip[at + 28]) | (quint8(zip[at + 29]) << 8);
        if (QByteArrayView(zip).sliced(at + 46, nameSize) == name)
            return at;
    }
    return -1;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

// A random sheet of recipients for the row reader: a header (email, name, merge fields, one
// perhaps without a name) and rows that are empty, white space only, repeat values from a small
// pool, lack cells or, rarely, hold a value right of the header (an error).
std::vector<QStringList> randomRows(quint64 seed, int rowCount)
{
    QRandomGenerator random(seed);
    const int fields = random.bounded(5);
    QStringList header{QStringLiteral("Email"), QStringLiteral("姓名")};
    for (int field = 0; field < fields; ++field)
        header.append(random.bounded(8) == 0 ? QString() : QStringLiteral("f%1").arg(field));
    const bool hasErrors = random.bounded(3) == 0;
    const QStringList pool{QStringLiteral("北京"),
                           QStringLiteral(" Acme "),
                           QStringLiteral("00123"),
                           QStringLiteral("x"),
                           QString(QChar(0xA0)),
                           QString()};
    std::vector<QStringList> rows{header};
    for (int i = 0; i < rowCount; ++i) {
        QStringList row;
        switch (random.bounded(12)) {
        case 0:
            break; // no cells
        case 1:
            row = QStringList(header.size(), QString()); // empty cells
            break;
        case 2:
            row = {QString(QChar(0xA0)), QStringLiteral(" ")}; // white space only: skipped
            break;
        default:
            row.append(QStringLiteral("p%1@example.com").arg(i));
            row.append(pool[random.bounded(pool.size())]);
            for (int field = random.bounded(fields + 1); field > 0; --field)
                row.append(pool[random.bounded(pool.size())]);
        }
        if (hasErrors && random.bounded(400) == 0) {
            row.resize(header.size() + 1);
            row.last() = QStringLiteral("stray");
        }
        rows.push_back(row);
    }
    return rows;
}

struct RowReading
{
    CsvImport list;
    std::optional<Error> error;
};

RowReading readRows(const std::vector<QStringList> &rows, std::size_t parts)
{
    const CsvImportOptions options;
    RowReading reading;
    RecipientRowReader reader(options, reading.list, RecipientRowReader::Source::Workbook);
    if (auto header = reader.addRow(rows.front(), 1); !header)
        reading.error = header.error();
    else if (auto added = reader.addRows(rows, 1, parts); !added)
        reading.error = added.error();
    return reading;
}

QString describe(const RowReading &reading)
{
    return reading.error ? reading.error->message
                         : QStringLiteral("%1 recipients").arg(reading.list.recipients.size());
}

} // namespace

class TestRecipientWorkbook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void valuesAsDisplayed_data();
    void valuesAsDisplayed();
    void noticesInPlainWords_data();
    void noticesInPlainWords();
    void sheetByName_data();
    void sheetByName();
    void unknownSheetNamesTheSheets();
    void xlsValues();
    void excelDetails();
    void sharedStringsFilledInLate();
    void malformedRowHasItsNumber();
    void rowsReadInPartsAsInOneGo();
    void longSheetReadInPartsAsInOneGo();
    void unknownEmailHeaderBelowATitle();
    void csvStillImports();
    void listFileReadOnceForWhatItIs();
    void notAWorkbook();
    void damagedWorkbook_data();
    void damagedWorkbook();
    void damagedPartOnEitherThread_data();
    void damagedPartOnEitherThread();
    void damagedBigPart_data();
    void damagedBigPart();
    void campaignRecipientsFile();
    void campaignRecipientsSheet();
    void checklistSaysWhatTheWorkbookHides();

private:
    QString path(const char *name) const { return m_directory.filePath(QString::fromUtf8(name)); }

    QTemporaryDir m_directory;
};

void TestRecipientWorkbook::initTestCase()
{
    QVERIFY(m_directory.isValid());
    QCOMPARE(writeTestWorkbooks(m_directory.path()), QString());
}

void TestRecipientWorkbook::valuesAsDisplayed_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("xlsx (openpyxl)") << path("people.xlsx");
    QTest::newRow("xlsx (shared strings, as Excel writes)") << path("people-excel.xlsx");
    QTest::newRow("ods (odfpy)") << path("people.ods");
}

void TestRecipientWorkbook::valuesAsDisplayed()
{
    QFETCH(QString, file);
    const auto import = importRecipientsFile(file);
    QVERIFY_RESULT(import);
    QVERIFY(import->isWorkbook);
    QCOMPARE(import->sheet, QStringLiteral("员工")); // "Empty" is empty, "Secret" is hidden
    QCOMPARE(import->sheets,
             QStringList({QStringLiteral("Empty"),
                          QStringLiteral("Secret"),
                          QStringLiteral("员工"),
                          QStringLiteral("Merged")}));
    QCOMPARE(import->headerRow, 2);
    QCOMPARE(import->list.fieldNames, ExpectedFields);
    const QList<Recipient> &recipients = import->list.recipients;
    QCOMPARE(recipients.size(), 4); // the formatted empty cells far below add nothing

    QCOMPARE(recipients[0].email, QStringLiteral("wang@example.org"));
    QCOMPARE(recipients[0].name, QStringLiteral("王小明"));
    QCOMPARE(recipients[0].sourceLine, 3);
    QCOMPARE(recipients[0].fields,
             row({"00123", "2026年12月6日", "06/12/2026", "1234.50", "2469.00"}));
    QCOMPARE(recipients[1].fields, row({"00456", "2025年1月31日", "31/01/2025", "88.00", "176.00"}));
    QCOMPARE(recipients[2].email, QStringLiteral("hidden@example.org"));
    QCOMPARE(recipients[2].fields, row({"00007", "2024年2月29日", "29/02/2024", "1.00", "2.00"}));
    QCOMPARE(recipients[3].name, QStringLiteral("Zoë Müller"));
    QCOMPARE(recipients[3].fields, row({"00042", "2023年7月4日", "04/07/2023", "0.50", "1.00"}));
    QCOMPARE(recipients[3].sourceLine, 6);
    QVERIFY(import->list.warnings.isEmpty());
}

void TestRecipientWorkbook::noticesInPlainWords_data()
{
    valuesAsDisplayed_data();
}

void TestRecipientWorkbook::noticesInPlainWords()
{
    QFETCH(QString, file);
    const auto import = importRecipientsFile(file);
    QVERIFY_RESULT(import);
    const QList<WorkbookNotice> expected{
        {WorkbookNotice::Kind::HiddenSheets, {QStringLiteral("Secret")}},
        {WorkbookNotice::Kind::TitleRowsSkipped, {QStringLiteral("1")}},
        {WorkbookNotice::Kind::HiddenRows, {QStringLiteral("5")}},
    };
    QCOMPARE(import->notices, expected);
    QCOMPARE(import->notices[0].describe(),
             QStringLiteral("hidden sheets were not imported: \"Secret\""));
    QCOMPARE(import->notices[2].describe(),
             QStringLiteral("hidden rows were imported like the others: 5"));
}

void TestRecipientWorkbook::sheetByName_data()
{
    valuesAsDisplayed_data();
}

void TestRecipientWorkbook::sheetByName()
{
    QFETCH(QString, file);
    const auto merged = importRecipientsFile(file, {}, QStringLiteral("Merged"));
    QVERIFY_RESULT(merged);
    QCOMPARE(merged->sheet, QStringLiteral("Merged"));
    QCOMPARE(merged->list.fieldNames,
             QStringList(
                 {QStringLiteral("联系方式"), QStringLiteral("column3"), QStringLiteral("city")}));
    QCOMPARE(merged->list.recipients.size(), 1);
    QCOMPARE(merged->list.recipients[0].fields, row({"010-1234", "139", "北京"}));
    QVERIFY(merged->notices.contains(
        WorkbookNotice{WorkbookNotice::Kind::MergedHeaderCells, {QStringLiteral("B1:C1")}}));
    QCOMPARE(merged->list.warnings.size(), 1); // column 3 has no header of its own

    // A hidden sheet is imported when named.
    const auto secret = importRecipientsFile(file, {}, QStringLiteral("Secret"));
    QVERIFY_RESULT(secret);
    QCOMPARE(secret->list.recipients.size(), 1);
    QCOMPARE(secret->list.recipients[0].email, QStringLiteral("secret@example.org"));
}

void TestRecipientWorkbook::unknownSheetNamesTheSheets()
{
    const auto import = importRecipientsFile(path("people.xlsx"), {}, QStringLiteral("Sheet9"));
    QVERIFY(!import);
    QCOMPARE(import.error().code, ErrorCode::InvalidValue);
    QVERIFY2(import.error().message.contains(QStringLiteral("\"Merged\"")),
             qPrintable(import.error().message));
}

// FreeXL reads values, not formats: text keeps its zeros, dates come as ISO 8601.
void TestRecipientWorkbook::xlsValues()
{
    const auto import = importRecipientsFile(path("people.xls"));
    QVERIFY_RESULT(import);
    QVERIFY(import->isWorkbook);
    QCOMPARE(import->sheet, QStringLiteral("员工"));
    QCOMPARE(import->headerRow, 2);
    QCOMPARE(import->list.fieldNames, ExpectedFields.first(4));
    QCOMPARE(import->list.recipients.size(), 4);
    QCOMPARE(import->list.recipients[0].name, QStringLiteral("王小明"));
    QCOMPARE(import->list.recipients[0].fields,
             row({"00123", "2026-12-06", "2026-12-06", "1234.5"}));
    QCOMPARE(import->list.recipients[3].sourceLine, 6);
}

// What Excel writes and openpyxl cannot (make_workbooks.py): rich text without its phonetic
// reading, prefixed element names, the 1904 date system, booleans, errors as shown, and cells
// without a reference that follow the one before.
void TestRecipientWorkbook::excelDetails()
{
    const auto import = importRecipientsFile(path("excel-details.xlsx"));
    QVERIFY_RESULT(import);
    QCOMPARE(import->sheet, QStringLiteral("名单"));
    QCOMPARE(import->list.fieldNames,
             QStringList({QStringLiteral("note"),
                          QStringLiteral("flag"),
                          QStringLiteral("when"),
                          QStringLiteral("check")}));
    QCOMPARE(import->list.recipients.size(), 2);
    const Recipient &wang = import->list.recipients[0];
    QCOMPARE(wang.name, QStringLiteral("王小明"));
    QCOMPARE(wang.fields, row({"x & y", "TRUE", "1904-01-01", "#N/A"}));
    const Recipient &li = import->list.recipients[1];
    QCOMPARE(li.email, QStringLiteral("li@example.org"));
    QCOMPARE(li.sourceLine, 3);
    QCOMPARE(li.fields, row({"third"}));
}

// The shared strings are read on another thread and filled in after the sheet is parsed: an
// empty one or one out of range at a row's end still counts as no value, and of a row whose
// number comes twice only the second is read, its unfilled cells left empty.
void TestRecipientWorkbook::sharedStringsFilledInLate()
{
    const auto workbook = RecipientWorkbook::open(path("late-shared-strings.xlsx"));
    QVERIFY_RESULT(workbook);
    QCOMPARE(workbook->headerCells({}), row({"email", "name", "note"}));
    const auto import = workbook->import({});
    QVERIFY_RESULT(import);
    QCOMPARE(import->list.fieldNames, row({"note"}));
    QCOMPARE(import->list.recipients.size(), 2);
    const Recipient &a = import->list.recipients[0];
    QCOMPARE(a.email, QStringLiteral("a@example.org"));
    QCOMPARE(a.name, QStringLiteral("A"));
    QCOMPARE(a.fields, QStringList()); // trailing empty fields are left out, as in a CSV
    const Recipient &b = import->list.recipients[1];
    QCOMPARE(b.email, QStringLiteral("b@example.org"));
    QCOMPARE(b.name, QString());
    QCOMPARE(b.fields, row({"B-note"}));
    QCOMPARE(b.sourceLine, 4);
}

void TestRecipientWorkbook::malformedRowHasItsNumber()
{
    const auto import = importRecipientsFile(path("malformed.xlsx"));
    QVERIFY(!import);
    QCOMPARE(import.error().code, ErrorCode::CsvMalformedRow);
    QVERIFY2(import.error().message.startsWith(QStringLiteral("row 3: a value in column 4")),
             qPrintable(import.error().message));
}

// The rows below the header read in parts at once (RecipientRowReader::addRows()) give the
// recipients, warnings and first error that one reader gives row by row. Random sheets: fixed
// seeds and three fresh ones a run; a failure prints its seed, BULKMAIL_ROWPARTS_SEED replays it.
void TestRecipientWorkbook::rowsReadInPartsAsInOneGo()
{
    for (const quint64 seed : testSeeds("BULKMAIL_ROWPARTS_SEED", 60, 3)) {
        const std::vector<QStringList> rows = randomRows(seed, int(seed % 7 == 0 ? 3 : 1500));
        const RowReading inOneGo = readRows(rows, 1);
        for (const std::size_t parts : {2, 3, 5, 8, 64}) { // 64 for 3 rows: one a row
            const RowReading inParts = readRows(rows, parts);
            const QString where = QStringLiteral("seed %1, %2 parts: %3 against %4")
                                      .arg(seed)
                                      .arg(parts)
                                      .arg(describe(inParts), describe(inOneGo));
            QVERIFY2(inParts.error.has_value() == inOneGo.error.has_value(), qPrintable(where));
            if (inOneGo.error) {
                QVERIFY2(inParts.error->code == inOneGo.error->code, qPrintable(where));
                QVERIFY2(inParts.error->message == inOneGo.error->message, qPrintable(where));
                continue;
            }
            QVERIFY2(inParts.list.recipients == inOneGo.list.recipients, qPrintable(where));
            QVERIFY2(inParts.list.fieldNames == inOneGo.list.fieldNames, qPrintable(where));
            QVERIFY2(inParts.list.warnings == inOneGo.list.warnings, qPrintable(where));
        }
    }
}

// A sheet long enough to be read in parts by default, as a big workbook's import reads it.
void TestRecipientWorkbook::longSheetReadInPartsAsInOneGo()
{
    const std::vector<QStringList> rows = randomRows(7, 60'000);
    const RowReading inOneGo = readRows(rows, 1);
    const RowReading byDefault = readRows(rows, 0);
    QVERIFY2(!inOneGo.error && !byDefault.error, qPrintable(describe(byDefault)));
    QVERIFY(inOneGo.list.recipients.size() > 40'000);
    QCOMPARE(byDefault.list.recipients, inOneGo.list.recipients);
}

// The header is found below the title even when its address column has a name of its own, so
// that the error lists the real columns and the column can be named.
void TestRecipientWorkbook::unknownEmailHeaderBelowATitle()
{
    const auto unnamed = importRecipientsFile(path("custom-header.xlsx"));
    QVERIFY(!unnamed);
    QCOMPARE(unnamed.error().message,
             QStringLiteral("row 2: no email column; the header has \"Mail Addr\", \"Who\". Name "
                            "the column of addresses \"email\""));

    CsvImportOptions options;
    options.emailColumn = QStringLiteral("mail addr");
    const auto named = importRecipientsFile(path("custom-header.xlsx"), options);
    QVERIFY_RESULT(named);
    QCOMPARE(named->headerRow, 2);
    QCOMPARE(named->list.recipients.size(), 1);
    QCOMPARE(named->list.recipients[0].email, QStringLiteral("a@example.org"));
    QCOMPARE(named->list.fieldNames, QStringList{QStringLiteral("Who")});
    const auto workbook = RecipientWorkbook::open(path("custom-header.xlsx"));
    QVERIFY_RESULT(workbook);
    QCOMPARE(workbook->headerCells({}),
             QStringList({QStringLiteral("Mail Addr"), QStringLiteral("Who")}));
}

void TestRecipientWorkbook::csvStillImports()
{
    const QString csv = m_directory.filePath(QStringLiteral("list.csv"));
    writeFile(csv, "email,name\r\na@example.org,A\r\n");
    const auto import = importRecipientsFile(csv, {}, QStringLiteral("ignored"));
    QVERIFY_RESULT(import);
    QVERIFY(!import->isWorkbook);
    QCOMPARE(import->list.recipients.size(), 1);
    QCOMPARE(import->list.delimiter, QChar(u','));
}

// The import dialog's read (on its worker thread): a workbook's sheets or a CSV's bytes, by what
// the bytes are, whatever the name says; the name only guesses the layout shown meanwhile.
void TestRecipientWorkbook::listFileReadOnceForWhatItIs()
{
    const auto workbook = readRecipientListFile(path("people.xlsx"));
    QVERIFY_RESULT(workbook);
    QVERIFY(workbook->workbook.has_value());
    QVERIFY(workbook->csvBytes.isEmpty());
    QVERIFY(workbook->workbook->sheetNames().contains(QStringLiteral("员工")));
    QVERIFY_RESULT(workbook->workbook->import());

    const QString renamed = m_directory.filePath(QStringLiteral("people-as.csv"));
    QVERIFY(QFile::copy(path("people.xlsx"), renamed));
    const auto misnamed = readRecipientListFile(renamed);
    QVERIFY_RESULT(misnamed);
    QVERIFY(misnamed->workbook.has_value());

    const QString csv = m_directory.filePath(QStringLiteral("read-once.csv"));
    const QByteArray bytes = "email,name\r\na@example.org,A\r\n";
    writeFile(csv, bytes);
    const auto text = readRecipientListFile(csv);
    QVERIFY_RESULT(text);
    QVERIFY(!text->workbook.has_value());
    QCOMPARE(text->csvBytes, bytes);

    const auto missing = readRecipientListFile(m_directory.filePath(QStringLiteral("no.xlsx")));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::Io);
    const auto damaged = readRecipientListFile(path("malformed-sheet.xlsx"));
    QVERIFY(!damaged);
    QCOMPARE(damaged.error().code, ErrorCode::InvalidFormat);

    QVERIFY(hasWorkbookSuffix(QStringLiteral("/lists/Staff.XLSX")));
    QVERIFY(hasWorkbookSuffix(QStringLiteral("old.xls")));
    QVERIFY(hasWorkbookSuffix(QStringLiteral("calc.ods")));
    QVERIFY(!hasWorkbookSuffix(QStringLiteral("list.csv")));
    QVERIFY(!hasWorkbookSuffix(QStringLiteral("xlsx")));
}

void TestRecipientWorkbook::notAWorkbook()
{
    const QString fake = m_directory.filePath(QStringLiteral("fake.xlsx"));
    writeFile(fake, "PK\x03\x04 this is no zip archive at all");
    const auto import = importRecipientsFile(fake);
    QVERIFY(!import);
    QCOMPARE(import.error().code, ErrorCode::InvalidFormat);
    QVERIFY2(import.error().message.contains(QStringLiteral("cannot be read")),
             qPrintable(import.error().message));
}

void TestRecipientWorkbook::damagedWorkbook_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("xlsx") << path("people-excel.xlsx");
    QTest::newRow("ods") << path("people.ods");
}

// A download cut short or a flipped bit: refused in words, never read as it is (liborcus checks
// no CRC and trusts what the archive claims).
void TestRecipientWorkbook::damagedWorkbook()
{
    QFETCH(QString, file);
    QFile source(file);
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QByteArray bytes = source.readAll();
    const QString damagedPath = file + QStringLiteral(".damaged");
    QByteArray flipped = bytes;
    flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x55);
    writeFile(damagedPath, flipped);
    const auto damaged = importRecipientsFile(damagedPath);
    QVERIFY(!damaged);
    QCOMPARE(damaged.error().code, ErrorCode::InvalidFormat);
    QVERIFY2(damaged.error().message.startsWith(QStringLiteral("the workbook cannot be read")),
             qPrintable(damaged.error().message));

    writeFile(damagedPath, bytes.first(bytes.size() - 40)); // the end of the directory is missing
    const auto cut = importRecipientsFile(damagedPath);
    QVERIFY(!cut);
    QVERIFY2(cut.error().message.startsWith(QStringLiteral("the workbook cannot be read")),
             qPrintable(cut.error().message));
}

void TestRecipientWorkbook::damagedPartOnEitherThread_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("error");
    // The shared strings fail on their thread while the sheets are parsed on the caller's...
    QTest::newRow("shared strings, cut short")
        << path("cut-strings.xlsx")
        << QStringLiteral("xl/sharedStrings.xml ends before its last element does");
    QTest::newRow("shared strings, malformed")
        << path("malformed-strings.xlsx") << QStringLiteral("malformed_xml_error");
    // ...and a sheet fails on the caller's while the shared strings are parsed on theirs.
    QTest::newRow("sheet, cut short")
        << path("cut-sheet.xlsx")
        << QStringLiteral("xl/worksheets/sheet3.xml ends before its last element does");
    QTest::newRow("sheet, malformed")
        << path("malformed-sheet.xlsx") << QStringLiteral("malformed_xml_error");
}

// A part that unpacks with its right CRC but ends inside an element (which liborcus 0.17's parser
// may read past and abort the program on, so it is refused before it is parsed), or is malformed
// inside: the error comes back in words from whichever thread met it, and the other thread has
// ended (the next import of the same file and of a sound one give the same answers).
void TestRecipientWorkbook::damagedPartOnEitherThread()
{
    QFETCH(QString, file);
    QFETCH(QString, error);
    for (int attempt = 0; attempt < 2; ++attempt) {
        const auto import = importRecipientsFile(file);
        QVERIFY(!import);
        QCOMPARE(import.error().code, ErrorCode::InvalidFormat);
        QVERIFY2(import.error().message.startsWith(QStringLiteral("the workbook cannot be read (")
                                                   + error),
                 qPrintable(import.error().message));
    }
    QVERIFY_RESULT(importRecipientsFile(path("people-excel.xlsx")));
}

void TestRecipientWorkbook::damagedBigPart_data()
{
    QTest::addColumn<QByteArray>("part");
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("error");
    const QByteArray sheet("xl/worksheets/sheet1.xml");
    const QByteArray strings("xl/sharedStrings.xml");
    for (const QByteArray &part : {sheet, strings}) {
        const auto row = [&part](const char *damage, const char *error) {
            QTest::addRow("%s: %s", part.constData(), damage)
                << part << QString::fromLatin1(damage) << QString::fromUtf8(part + error);
        };
        row("bits flipped", "");
        row("size claimed too small", " unpacks to more than its size");
        row("size claimed too large", " unpacks to less than its size");
        row("CRC differs", " is damaged (its CRC differs)");
    }
}

// Big parts are read in chunks as they unpack, by several threads, and the damage shows only as
// they unpack, or at their end (the CRC): damage found by zlib, by the sizes or by the CRC is
// refused in the words a whole reading gives, whichever thread the part is read on, and no
// thread is left behind (the same file reads again once sound).
void TestRecipientWorkbook::damagedBigPart()
{
    QFETCH(QByteArray, part);
    QFETCH(QString, damage);
    QFETCH(QString, error);
    QFile source(path("many-excel.xlsx"));
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QByteArray bytes = source.readAll();
    const auto sound = importRecipientsFile(source.fileName());
    QVERIFY_RESULT(sound);
    QCOMPARE(sound->list.recipients.size(), 10000);

    const qsizetype entry = centralEntry(bytes, part);
    QVERIFY(entry >= 0);
    const quint32 size = littleEndian32(bytes, entry + 24);
    QVERIFY(size > 1024 * 1024);
    const qsizetype local = littleEndian32(bytes, entry + 42);
    const qsizetype data = local + 30 + (quint8(bytes[local + 26]) | quint8(bytes[local + 27]) << 8)
                           + (quint8(bytes[local + 28]) | quint8(bytes[local + 29]) << 8);
    QByteArray damaged = bytes;
    if (damage == QLatin1String("bits flipped")) {
        // In the middle of the deflated bytes: libdeflate's error or a CRC that differs.
        const qsizetype middle = data + littleEndian32(bytes, entry + 20) / 2;
        for (qsizetype at = middle; at < middle + 64; ++at)
            damaged[at] = char(damaged[at] ^ 0x5A);
    } else if (damage == QLatin1String("size claimed too small")) {
        setLittleEndian32(damaged, entry + 24, size - 1000);
    } else if (damage == QLatin1String("size claimed too large")) {
        setLittleEndian32(damaged, entry + 24, size + 1000);
    } else {
        setLittleEndian32(damaged, entry + 16, littleEndian32(bytes, entry + 16) ^ 1);
    }
    const QString damagedPath = path("many-damaged.xlsx");
    writeFile(damagedPath, damaged);
    const auto import = importRecipientsFile(damagedPath);
    QVERIFY(!import);
    QCOMPARE(import.error().code, ErrorCode::InvalidFormat);
    QVERIFY2(import.error().message.startsWith(QStringLiteral("the workbook cannot be read (")
                                               + error),
             qPrintable(import.error().message));
    QVERIFY_RESULT(importRecipientsFile(source.fileName()));
}

// A campaign whose recipientsFile is a workbook reads it on open, as it reads a CSV.
void TestRecipientWorkbook::campaignRecipientsFile()
{
    const QString campaignPath = m_directory.filePath(QStringLiteral("payroll.bulkmail"));
    writeFile(campaignPath, R"({"format": "bulkmail-campaign", "version": 1, "name": "Payslips",
        "server": {"host": "smtp.example.org", "port": 587, "security": "starttls"},
        "message": {"from": "HR <hr@example.org>", "subject": "{{工号}}", "text": "{{合计}}"},
        "recipientsFile": "people.ods", "recipients": []})");
    const auto campaign = loadCampaign(campaignPath);
    QVERIFY_RESULT(campaign);
    QCOMPARE(campaign->recipientsFile, path("people.ods"));
    QCOMPARE(campaign->recipientFields, ExpectedFields);
    QCOMPARE(campaign->recipients.size(), 4);
    QCOMPARE(campaign->recipients[0].fields.first(), QStringLiteral("00123"));
    QCOMPARE(campaign->recipients[0].sourceLine, 3);

    // A workbook that no longer reads refuses the campaign, naming the field.
    writeFile(path("people.ods"), "PK\x03\x04 the rest of the archive is missing");
    const auto broken = loadCampaign(campaignPath);
    QVERIFY(!broken);
    QVERIFY2(broken.error().message.startsWith(
                 QStringLiteral("recipientsFile: the workbook cannot be read")),
             qPrintable(broken.error().message));
}

// A workbook of several sheets is re-read from the sheet the campaign names, which survives a save.
void TestRecipientWorkbook::campaignRecipientsSheet()
{
    QVERIFY(QFile::copy(path("people-excel.xlsx"), path("sheets.xlsx")));
    const QString campaignPath = m_directory.filePath(QStringLiteral("sheets.bulkmail"));
    const QByteArray campaignJson = R"({"format": "bulkmail-campaign", "version": 1,
        "server": {"host": "smtp.example.org", "port": 587, "security": "starttls"},
        "message": {"from": "hr@example.org", "subject": "Hi", "text": "{{city}}"},
        "recipientsFile": "sheets.xlsx", "recipientsSheet": "Merged", "recipients": []})";
    writeFile(campaignPath, campaignJson);
    const auto campaign = loadCampaign(campaignPath);
    QVERIFY_RESULT(campaign);
    QCOMPARE(campaign->recipientsSheet, QStringLiteral("Merged"));
    QCOMPARE(campaign->recipients.size(), 1);
    QCOMPARE(campaign->recipients[0].email, QStringLiteral("a@example.org"));
    QCOMPARE(campaign->recipientFields.last(), QStringLiteral("city"));

    const QString savedPath = m_directory.filePath(QStringLiteral("sheets-saved.bulkmail"));
    QVERIFY_RESULT(saveCampaign(*campaign, savedPath));
    const auto reloaded = loadCampaign(savedPath);
    QVERIFY_RESULT(reloaded);
    QCOMPARE(reloaded->recipientsSheet, QStringLiteral("Merged"));
    QCOMPARE(reloaded->recipients, campaign->recipients);

    // A sheet the workbook no longer has refuses the campaign and names the sheets there are.
    writeFile(campaignPath, QByteArray(campaignJson).replace("\"Merged\"", "\"Gone\""));
    const auto gone = loadCampaign(campaignPath);
    QVERIFY(!gone);
    QCOMPARE(gone.error().code, ErrorCode::InvalidValue);
    QVERIFY2(gone.error().message.startsWith(
                 QStringLiteral("recipientsFile: the workbook has no sheet named \"Gone\"; its "
                                "sheets are \"Empty\", \"Secret\", \"员工\", \"Merged\"")),
             qPrintable(gone.error().message));

    // A sheet without a workbook to read it from is a mistake, not a default.
    writeFile(campaignPath,
              QByteArray(campaignJson).replace("\"recipientsFile\": \"sheets.xlsx\", ", ""));
    const auto alone = loadCampaign(campaignPath);
    QVERIFY(!alone);
    QCOMPARE(alone.error().code, ErrorCode::InvalidValue);
    QVERIFY2(alone.error().message.startsWith(QStringLiteral("recipientsSheet: ")),
             qPrintable(alone.error().message));
}

// The checklist that `bulkmail-cli check` prints and the window shows before sending says what
// the import preview said: hidden sheets and rows, skipped title rows, merged header cells.
void TestRecipientWorkbook::checklistSaysWhatTheWorkbookHides()
{
    QVERIFY(QFile::copy(path("people-excel.xlsx"), path("notices.xlsx")));
    const QString campaignPath = m_directory.filePath(QStringLiteral("notices.bulkmail"));
    writeFile(campaignPath, R"({"format": "bulkmail-campaign", "version": 1,
        "server": {"host": "smtp.example.org", "port": 587, "security": "starttls"},
        "message": {"from": "hr@example.org", "subject": "Hi", "text": "{{工号}}"},
        "recipientsFile": "notices.xlsx", "recipients": []})");
    const auto campaign = loadCampaign(campaignPath);
    QVERIFY_RESULT(campaign);
    QTemporaryDir memory;
    QVERIFY(memory.isValid());
    const CampaignCheck check = checkCampaignAndList(*campaign, RecipientListMemory(memory.path()));
    QStringList texts;
    for (const CampaignCheckItem &item : check.items) {
        if (item.text.startsWith(QStringLiteral("notices.xlsx: "))) {
            QCOMPARE(item.severity, CampaignCheckItem::Severity::Warning);
            QCOMPARE(item.topic, CampaignCheckItem::Topic::Recipients);
            texts.append(item.text);
        }
    }
    QCOMPARE(texts,
             QStringList({QStringLiteral("notices.xlsx: hidden sheets were not imported: "
                                         "\"Secret\" (name one as recipientsSheet to read it "
                                         "instead)"),
                          QStringLiteral("notices.xlsx: rows above the header were skipped: 1"),
                          QStringLiteral("notices.xlsx: hidden rows were imported like the "
                                         "others: 5 (they will receive the message although the "
                                         "spreadsheet hides them)")}));
    QVERIFY(check.canBeSent()); // what the user should know, not what stops the campaign

    Campaign merged = *campaign;
    merged.recipientsFileNotices = {
        {WorkbookNotice::Kind::MergedHeaderCells, {QStringLiteral("B1:C1")}}};
    const CampaignCheck mergedCheck = checkCampaignAndList(merged,
                                                           RecipientListMemory(memory.path()));
    QVERIFY(std::any_of(mergedCheck.items.cbegin(),
                        mergedCheck.items.cend(),
                        [](const CampaignCheckItem &item) {
                            return item.text
                                   == QStringLiteral("notices.xlsx: merged cells in the header "
                                                     "row: B1:C1; the columns they cover have no "
                                                     "name of their own");
                        }));

    // A CSV campaign has nothing of the kind.
    Campaign withoutFile = *campaign;
    withoutFile.recipientsFile.clear();
    const CampaignCheck inlineCheck = checkCampaignAndList(withoutFile,
                                                           RecipientListMemory(memory.path()));
    QVERIFY(std::none_of(inlineCheck.items.cbegin(),
                         inlineCheck.items.cend(),
                         [](const CampaignCheckItem &item) {
                             return item.text.startsWith(QStringLiteral("notices.xlsx"));
                         }));
}

QTEST_GUILESS_MAIN(TestRecipientWorkbook)
#include "tst_recipientworkbook.moc"
