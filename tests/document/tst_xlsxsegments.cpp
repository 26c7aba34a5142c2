#include "document/workbookpackage.h"
#include "document/workbookreader.h"
#include "document/xmlsegments.h"
#include "testworkbooks.h"

#include "testresult.h"
#include "testseeds.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;

// A big sheet is parsed by several parsers at once, cut between its rows (xlsxsheetreader.cpp). The
// cut is found by a byte search that text can fool, so each parser must show that it stood
// between two rows at its cut, or the sheet is read again whole. What these tests hold to: a
// sheet reads the same, cell for cell, with any number of parsers, whatever its XML holds; and
// the cutting is really used (a sheet as spreadsheets write it is read in as many segments as
// asked), so that the sameness is not that of a sheet always read whole.
//
// Random sheets: fixed seeds and three fresh ones a run; a failure prints its seed, and
// BULKMAIL_SEGMENTS_SEED=<seed> replays it.

namespace {

struct SheetShape
{
    bool prefixed = false;          // <x:row>, as some writers do
    bool spacedRows = false;        // white space between rows
    bool unnumberedRows = false;    // rows without r (allowed; they follow the row before)
    bool cdataHoldsRowTags = false; // <![CDATA[</row><row r="3">]]> in a cell's text
    bool commentHoldsRowTags = false;
    bool cut = false; // the XML cut short somewhere (a damaged part)

    [[nodiscard]] bool isAsSpreadsheetsWrite() const
    {
        return !unnumberedRows && !cdataHoldsRowTags && !commentHoldsRowTags && !cut;
    }
    [[nodiscard]] QString describe() const
    {
        QStringList what;
        if (prefixed)
            what.append(QStringLiteral("prefixed"));
        if (spacedRows)
            what.append(QStringLiteral("spaced rows"));
        if (unnumberedRows)
            what.append(QStringLiteral("unnumbered rows"));
        if (cdataHoldsRowTags)
            what.append(QStringLiteral("row tags in CDATA"));
        if (commentHoldsRowTags)
            what.append(QStringLiteral("row tags in comments"));
        if (cut)
            what.append(QStringLiteral("cut short"));
        return what.isEmpty() ? QStringLiteral("plain") : what.join(QStringLiteral(", "));
    }
};

const std::vector<QString> SharedStrings{QStringLiteral("email"),
                                         QStringLiteral("name"),
                                         QStringLiteral("王芳"),
                                         QString(),
                                         QStringLiteral("a < b & c"),
                                         QStringLiteral("</row><row r=\"2\">")};

// A cell's or a shared string's text, in XML; with the shape's CDATA sections holding the tags
// of `item` ("row", "x:si").
QByteArray randomText(QRandomGenerator &random, const SheetShape &shape, const QByteArray &item)
{
    switch (random.bounded(shape.cdataHoldsRowTags ? 7 : 6)) {
    case 0:
        return "user" + QByteArray::number(random.bounded(100000)) + "@example.org";
    case 1:
        return "王芳 Zhāng";
    case 2:
        return "a &amp; b &lt;row&gt; arrow> row> si>"; // '>' may stand unescaped in text
    case 3:
        return "&#x4E2D;&#25991;";
    case 4:
        return {};
    case 5:
        return "  spaced  ";
    default:
        return "<![CDATA[x</" + item + "><" + item + " r=\"3\">y]]>";
    }
}

class SheetWriter final
{
public:
    SheetWriter(quint64 seed, SheetShape shape)
        : m_random(seed)
        , m_shape(shape)
        , m_prefix(shape.prefixed ? "x:" : "")
    {}

    QByteArray write()
    {
        m_xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
        m_xml += "<" + m_prefix + "worksheet xmlns" + (m_shape.prefixed ? ":x" : "")
                 + "=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";
        m_xml += "<" + m_prefix + "dimension ref=\"A1:G2000\"/><" + m_prefix + "sheetData>";
        const int rows = 200 + int(m_random.bounded(1300));
        int number = 0;
        for (int i = 0; i < rows; ++i) {
            number += draw(20) ? 2 + int(m_random.bounded(5)) : 1;
            if (draw(300))
                number = std::max(1, number - 3); // a number that came before (damaged)
            writeRow(number);
            if (m_shape.spacedRows)
                m_xml += draw(2) ? "\n  " : "\r\n";
        }
        m_xml += "</" + m_prefix + "sheetData>";
        if (draw(2)) {
            m_xml += "<" + m_prefix + "mergeCells count=\"2\"><" + m_prefix
                     + "mergeCell ref=\"A1:C1\"/><" + m_prefix + "mergeCell ref=\"B"
                     + QByteArray::number(number) + ":D" + QByteArray::number(number + 1) + "\"/></"
                     + m_prefix + "mergeCells>";
        }
        m_xml += "</" + m_prefix + "worksheet>";
        if (m_shape.cut)
            m_xml.truncate(qsizetype(m_random.bounded(quint32(m_xml.size()))));
        return m_xml;
    }

private:
    bool draw(quint32 oneIn) { return m_random.bounded(oneIn) == 0; }

    void writeRow(int number)
    {
        m_xml += "<" + m_prefix + "row";
        if (!(m_shape.unnumberedRows && draw(8)))
            m_xml += " r=\"" + QByteArray::number(number) + "\"";
        if (draw(3))
            m_xml += " spans=\"1:7\"";
        if (draw(15))
            m_xml += " hidden=\"1\"";
        const int cells = int(m_random.bounded(8));
        if (cells == 0 && draw(2)) {
            m_xml += "/>";
            return;
        }
        m_xml += ">";
        int column = 0;
        for (int i = 0; i < cells; ++i) {
            column += draw(6) ? 2 : 1;
            writeCell(number, column);
            if (m_shape.commentHoldsRowTags && draw(4))
                m_xml += "<!-- </" + m_prefix + "row><" + m_prefix + "row r=\"4\"> -->";
        }
        m_xml += "</" + m_prefix + "row>";
    }

    void writeCell(int row, int column)
    {
        const QByteArray c = m_prefix + "c";
        m_xml += "<" + c;
        if (!draw(5))
            m_xml += " r=\"" + QByteArray(1, char('A' + column - 1)) + QByteArray::number(row)
                     + "\"";
        switch (m_random.bounded(8)) {
        case 0:
            m_xml += " t=\"s\"><" + m_prefix + "v>"
                     + QByteArray::number(m_random.bounded(quint32(SharedStrings.size() + 2)))
                     + "</" + m_prefix + "v></" + c + ">";
            break;
        case 1:
            m_xml += " t=\"inlineStr\"><" + m_prefix + "is><" + m_prefix + "t>" + text() + "</"
                     + m_prefix + "t></" + m_prefix + "is></" + c + ">";
            break;
        case 2: // rich text with a phonetic run, which is not part of the text
            m_xml += " t=\"inlineStr\"><" + m_prefix + "is><" + m_prefix + "r><" + m_prefix + "t>"
                     + text() + "</" + m_prefix + "t></" + m_prefix + "r><" + m_prefix + "r><"
                     + m_prefix + "t>" + text() + "</" + m_prefix + "t></" + m_prefix + "r><"
                     + m_prefix + "rPh><" + m_prefix + "t>ふりがな</" + m_prefix + "t></" + m_prefix
                     + "rPh></" + m_prefix + "is></" + c + ">";
            break;
        case 3:
            m_xml += "><" + m_prefix + "v>" + QByteArray::number(m_random.bounded(100000) / 100.0)
                     + "</" + m_prefix + "v></" + c + ">";
            break;
        case 4:
            m_xml += " t=\"b\"><" + m_prefix + "v>" + (draw(2) ? "1" : "0") + "</" + m_prefix
                     + "v></" + c + ">";
            break;
        case 5: // a formula's text
            m_xml += " t=\"str\"><" + m_prefix + "f>A1&amp;B1</" + m_prefix + "f><" + m_prefix
                     + "v>" + text() + "</" + m_prefix + "v></" + c + ">";
            break;
        case 6:
            m_xml += " t=\"e\"><" + m_prefix + "v>#N/A</" + m_prefix + "v></" + c + ">";
            break;
        default:
            m_xml += "/>"; // a styled cell without a value
            break;
        }
    }

    QByteArray text() { return randomText(m_random, m_shape, m_prefix + "row"); }

    QRandomGenerator m_random;
    SheetShape m_shape;
    QByteArray m_prefix;
    QByteArray m_xml;
};

// Shared strings as Excel writes them (plain, rich text with phonetic runs, empty items), in the
// shape's ways.
QByteArray randomSharedStrings(quint64 seed, const SheetShape &shape)
{
    QRandomGenerator random(seed);
    const QByteArray p = shape.prefixed ? "x:" : "";
    const auto draw = [&random](quint32 oneIn) { return random.bounded(oneIn) == 0; };
    const int count = 300 + int(random.bounded(3000));
    QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<" + p
                     + "sst xmlns" + (shape.prefixed ? ":x" : "")
                     + "=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\""
                     + QByteArray::number(count) + "\">";
    for (int i = 0; i < count; ++i) {
        const QByteArray text = randomText(random, shape, p + "si");
        switch (random.bounded(5)) {
        case 0:
            xml += "<" + p + "si/>";
            break;
        case 1:
            xml += "<" + p + "si><" + p + "r><" + p + "rPr><" + p + "b/></" + p + "rPr><" + p + "t>"
                   + text + "</" + p + "t></" + p + "r><" + p + "r><" + p
                   + "t xml:space=\"preserve\"> " + text + "</" + p + "t></" + p + "r><" + p
                   + "rPh sb=\"0\" eb=\"1\"><" + p + "t>ふりがな</" + p + "t></" + p + "rPh><" + p
                   + "phoneticPr fontId=\"1\"/></" + p + "si>";
            break;
        default:
            xml += "<" + p + "si><" + p + "t>" + text + "</" + p + "t></" + p + "si>";
            break;
        }
        if (shape.commentHoldsRowTags && draw(6))
            xml += "<!-- </" + p + "si><" + p + "si> -->";
        if (shape.spacedRows)
            xml += "\n  ";
    }
    xml += "</" + p + "sst>";
    if (shape.cut)
        xml.truncate(qsizetype(random.bounded(quint32(xml.size()))));
    return xml;
}

SheetShape shapeOf(quint64 seed)
{
    QRandomGenerator random(seed ^ 0x5eed5eedULL);
    const auto draw = [&random](quint32 oneIn) { return random.bounded(oneIn) == 0; };
    SheetShape shape;
    shape.prefixed = draw(3);
    shape.spacedRows = draw(3);
    shape.unnumberedRows = draw(5);
    shape.cdataHoldsRowTags = draw(4);
    shape.commentHoldsRowTags = draw(5);
    shape.cut = draw(6);
    return shape;
}

// Where two readings differ, in words; empty when they are the same.
QString differenceBetween(const Result<XlsxWorksheetReading> &whole,
                          const Result<XlsxWorksheetReading> &segmented)
{
    if (whole.has_value() != segmented.has_value())
        return QStringLiteral("one reading failed, the other did not");
    if (!whole)
        return whole.error().message == segmented.error().message
                   ? QString()
                   : QStringLiteral("errors differ: %1 / %2")
                         .arg(whole.error().message, segmented.error().message);
    const WorkbookSheet &a = whole->sheet;
    const WorkbookSheet &b = segmented->sheet;
    if (a.rows.size() != b.rows.size())
        return QStringLiteral("%1 rows against %2").arg(a.rows.size()).arg(b.rows.size());
    for (std::size_t row = 0; row < a.rows.size(); ++row) {
        if (a.rows[row] != b.rows[row]) {
            return QStringLiteral("row %1: [%2] against [%3]")
                .arg(row + 1)
                .arg(a.rows[row].join(u'|'), b.rows[row].join(u'|'));
        }
    }
    if (a.hiddenRows != b.hiddenRows)
        return QStringLiteral("hidden rows differ");
    if (a.mergedCells.size() != b.mergedCells.size())
        return QStringLiteral("merged ranges differ in number");
    for (qsizetype i = 0; i < a.mergedCells.size(); ++i) {
        const CellRange &x = a.mergedCells[i];
        const CellRange &y = b.mergedCells[i];
        if (x.firstRow != y.firstRow || x.firstColumn != y.firstColumn || x.lastRow != y.lastRow
            || x.lastColumn != y.lastColumn) {
            return QStringLiteral("merged range %1 differs").arg(i);
        }
    }
    return {};
}

// A sheet of `rows` rows of five cells, as Excel writes it (shared strings) or, with `inline`,
// as openpyxl does.
QByteArray listSheet(int rows, const QByteArray &prefix = {})
{
    QByteArray xml = "<" + prefix + "worksheet><" + prefix + "sheetData>";
    for (int row = 1; row <= rows; ++row) {
        const QByteArray number = QByteArray::number(row);
        xml += "<" + prefix + "row r=\"" + number + "\">";
        for (const char column : {'A', 'B', 'C', 'D', 'E'}) {
            xml += "<" + prefix + "c r=\"" + column + number + "\" t=\"inlineStr\"><" + prefix
                   + "is><" + prefix + "t>" + column + number + "</" + prefix + "t></" + prefix
                   + "is></" + prefix + "c>";
        }
        xml += "</" + prefix + "row>";
    }
    return xml + "</" + prefix + "sheetData></" + prefix + "worksheet>";
}

} // namespace

class TestXlsxSegments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void randomSheetsReadAlikeWithAnyNumberOfParsers();
    void segmentsLieInThePartAndLeaveItAsItWas();
    void sheetAsSpreadsheetsWriteIsCut_data();
    void sheetAsSpreadsheetsWriteIsCut();
    void foolingCutIsNotTrusted_data();
    void foolingCutIsNotTrusted();
    void workbookReadsAlikeWithAnyNumberOfParsers();
    void rowWithoutEndTagIsNotKept();
    void cellOutsideARowIsNotKept();
    void rowRepeatedInALaterSegmentReplacesTheRowWithItsSharedStrings();
    void randomSharedStringsReadAlikeWithAnyNumberOfParsers();
    void foolingCutInSharedStringsIsNotTrusted();
    void quoteLeftOpenIsAnErrorNotAnAbort();
};

void TestXlsxSegments::randomSheetsReadAlikeWithAnyNumberOfParsers()
{
    const std::vector<quint64> seeds = testSeeds("BULKMAIL_SEGMENTS_SEED", 150, 3);
    int segmented = 0;
    int readWholeAfterAll = 0;
    for (const quint64 seed : seeds) {
        const SheetShape shape = shapeOf(seed);
        const QByteArray xml = SheetWriter(seed, shape).write();
        const auto whole = readXlsxWorksheet(xml, SharedStrings, 1);
        QVERIFY2(!whole || whole->parsersUsed == 1, qPrintable(QString::number(seed)));
        for (const int parsers : {2, 3, 5, 8}) {
            const auto reading = readXlsxWorksheet(xml, SharedStrings, parsers);
            const QString difference = differenceBetween(whole, reading);
            QVERIFY2(difference.isEmpty(),
                     qPrintable(QStringLiteral("seed %1 (%2), %3 parsers: %4")
                                    .arg(seed)
                                    .arg(shape.describe())
                                    .arg(parsers)
                                    .arg(difference)));
            if (!reading)
                continue;
            if (shape.isAsSpreadsheetsWrite()) {
                QVERIFY2(reading->parsersUsed == parsers,
                         qPrintable(QStringLiteral("seed %1 (%2): %3 parsers used of %4")
                                        .arg(seed)
                                        .arg(shape.describe())
                                        .arg(reading->parsersUsed)
                                        .arg(parsers)));
            }
            ++(reading->parsersUsed > 1 ? segmented : readWholeAfterAll);
        }
    }
    qInfo("%d readings in segments, %d read whole after all", segmented, readWholeAfterAll);
}

// A later segment begins with its wrapper, written into the part over the last rows of the segment
// before, which that segment's tail holds behind the wrapper; the part is as it was afterwards.
void TestXlsxSegments::segmentsLieInThePartAndLeaveItAsItWas()
{
    constexpr std::string_view Wrapper = "<worksheet><sheetData>";
    const QByteArray original = listSheet(2000);
    QByteArray xml = original;
    const QByteArray shared = xml; // the segments write into a copy of their own
    {
        const XmlSegments segments(xml, "row", Wrapper, 3);
        QCOMPARE(segments.size(), std::size_t(3));
        QVERIFY(
            segments.bytes(0).startsWith(QByteArrayView("<worksheet><sheetData><row r=\"1\">")));
        QVERIFY(segments.bytes(2).endsWith(QByteArrayView("</row></sheetData></worksheet>")));
        QVERIFY(segments.tail(2).isEmpty());
        QByteArray rejoined = segments.bytes(0).toByteArray();
        for (std::size_t i = 0; i < segments.size(); ++i) {
            QVERIFY(
                i == 0
                || segments.bytes(i).startsWith(QByteArrayView("<worksheet><sheetData><row r=\"")));
            QVERIFY(i == 0 || segments.bytes(i).size() > original.size() / 4);
            if (i + 1 == segments.size())
                break;
            QVERIFY(segments.bytes(i).endsWith(QByteArrayView("</row>")));
            // The tail: the wrapper and whole rows, as few as the next wrapper's room needs.
            const QByteArrayView tail = segments.tail(i);
            QVERIFY(tail.startsWith(QByteArrayView("<worksheet><sheetData><row r=\"")));
            QVERIFY(tail.endsWith(QByteArrayView("</row>")));
            QCOMPARE(tail.toByteArray().count("<row "), 1); // each row is longer than the wrapper
            rejoined += tail.sliced(qsizetype(Wrapper.size()));
            rejoined += segments.bytes(i + 1).sliced(qsizetype(Wrapper.size()));
        }
        QCOMPARE(rejoined, original); // every row once, in order
        QCOMPARE(shared, original);
    }
    QCOMPARE(xml, original);
}

// Cut where asked, whichever way rows are written and spaced.
void TestXlsxSegments::sheetAsSpreadsheetsWriteIsCut_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<int>("rows");
    QTest::newRow("as openpyxl writes") << listSheet(2000) << 2000;
    QTest::newRow("prefixed") << listSheet(2000, "x:") << 2000;
    QByteArray spaced = listSheet(2000);
    spaced.replace("</row><row", "</row>\r\n    <row");
    QTest::newRow("rows on lines of their own") << spaced << 2000;
}

void TestXlsxSegments::sheetAsSpreadsheetsWriteIsCut()
{
    QFETCH(QByteArray, xml);
    QFETCH(int, rows);
    const auto whole = readXlsxWorksheet(xml, {}, 1);
    QVERIFY_RESULT(whole);
    QCOMPARE(whole->sheet.rows.size(), std::size_t(rows));
    QCOMPARE(whole->sheet.rows.back(),
             QStringList({QStringLiteral("A2000"),
                          QStringLiteral("B2000"),
                          QStringLiteral("C2000"),
                          QStringLiteral("D2000"),
                          QStringLiteral("E2000")}));
    for (const int parsers : {2, 4, 7}) {
        const auto reading = readXlsxWorksheet(xml, {}, parsers);
        QCOMPARE(reading->parsersUsed, parsers);
        QCOMPARE(differenceBetween(whole, reading), QString());
    }
}

// Each place where the byte search finds a cut that is none: the sheet is read whole, and reads
// as it does whole.
void TestXlsxSegments::foolingCutIsNotTrusted_data()
{
    QTest::addColumn<QByteArray>("xml");
    // Most of the sheet is one cell's text, so that the cut's search starts inside it, before
    // the row tags the text holds.
    const QByteArray filler(100000, 'a');
    const QByteArray tail = listSheet(100).sliced(qsizetype(sizeof("<worksheet><sheetData>") - 1));
    QTest::newRow("row tags in a CDATA section")
        << "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t><![CDATA[" + filler
               + "</row><row r=\"7\">b]]></t></is></c></row>" + tail;
    QTest::newRow("row tags in a comment")
        << "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>x</t></is></c><!--"
               + filler + "</row><row r=\"7\">b--></row>" + tail;
    QByteArray unnumbered = listSheet(2000);
    unnumbered.replace(QByteArray("<row r=\""), QByteArray("<row data-r=\""));
    QTest::newRow("rows without numbers") << unnumbered;
}

void TestXlsxSegments::foolingCutIsNotTrusted()
{
    QFETCH(QByteArray, xml);
    const auto whole = readXlsxWorksheet(xml, {}, 1);
    QVERIFY_RESULT(whole);
    QVERIFY(whole->sheet.rows.size() >= 100);
    const auto reading = readXlsxWorksheet(xml, {}, 2);
    QVERIFY_RESULT(reading);
    QCOMPARE(reading->parsersUsed, 1);
    QCOMPARE(differenceBetween(whole, reading), QString());
}

// The product's path: a workbook as openpyxl writes it and as Excel does (a 3 MB sheet), read
// whole, with 2 and 3 parsers, and with as many as the reader chooses for this machine's cores;
// its sheet as those writers wrote it is cut where asked, so that the sameness is not that of a
// workbook read whole every time.
void TestXlsxSegments::workbookReadsAlikeWithAnyNumberOfParsers()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    QCOMPARE(writeTestWorkbooks(directory.path()), QString());
    for (const char *name : {"many.xlsx", "many-excel.xlsx"}) {
        QFile file(directory.filePath(QString::fromLatin1(name)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const auto package = WorkbookPackage::open(bytes);
        QVERIFY_RESULT(package);
        const auto whole = readXlsxPackage(**package, 1);
        QVERIFY_RESULT(whole);
        QCOMPARE(whole->front().rows.size(), std::size_t(10001));
        const auto sheet = (*package)->part("xl/worksheets/sheet1.xml");
        QVERIFY(sheet.has_value());
        const auto strings = (*package)->part("xl/sharedStrings.xml"); // as Excel writes it
        for (const int parsers : {2, 3}) {
            QCOMPARE(readXlsxWorksheet(*sheet, {}, parsers)->parsersUsed, parsers);
            if (strings)
                QCOMPARE(readXlsxSharedStrings(*strings, parsers)->parsersUsed, parsers);
        }
        for (const int parsers : {0, 2, 3}) {
            const auto reading = readXlsxPackage(**package, parsers);
            QVERIFY_RESULT(reading);
            QCOMPARE(reading->size(), whole->size());
            for (std::size_t i = 0; i < whole->size(); ++i) {
                QCOMPARE(differenceBetween(XlsxWorksheetReading{(*whole)[i], 1},
                                           XlsxWorksheetReading{(*reading)[i], 1}),
                         QString());
            }
        }
    }
}

// A row whose end tag never comes (the part ends inside it, or the next row begins) is not kept,
// shared strings included: they once stayed behind, to be filled into a row that did not exist.
void TestXlsxSegments::rowWithoutEndTagIsNotKept()
{
    const std::vector<QString> strings{QStringLiteral("kept"), QStringLiteral("not kept")};
    const auto cutInside = readXlsxWorksheet(
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
        "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>1</v></c>",
        strings,
        1);
    QVERIFY_RESULT(cutInside);
    QCOMPARE(cutInside->sheet.rows.size(), std::size_t(1));
    QCOMPARE(cutInside->sheet.rows.front(), QStringList{QStringLiteral("kept")});

    const auto nextRowBegan = readXlsxWorksheet(
        "<worksheet><sheetData><row r=\"1\"><c r=\"B1\" t=\"s\"><v>1</v></c>"
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row></row></sheetData></worksheet>",
        strings,
        1);
    QVERIFY_RESULT(nextRowBegan);
    QCOMPARE(nextRowBegan->sheet.rows.size(), std::size_t(2));
    QCOMPARE(nextRowBegan->sheet.rows[0], QStringList());
    QCOMPARE(nextRowBegan->sheet.rows[1], QStringList{QStringLiteral("kept")});
}

// A cell before any row (a damaged sheet; fuzz_xlsxparts found that its shared string was kept
// for a row the sheet does not have, and filled in out of bounds): no row's, and not kept.
void TestXlsxSegments::cellOutsideARowIsNotKept()
{
    const std::vector<QString> strings{QStringLiteral("kept"), QStringLiteral("not kept")};
    for (const QByteArray &cell :
         {QByteArray("<c r=\"B0\" t=\"s\"><v>1</v></c>"),
          QByteArray("<c t=\"s\"><v>1</v></c>"),
          QByteArray("<c r=\"A1\" t=\"inlineStr\"><is><t>not kept</t></is></c>")}) {
        const auto reading = readXlsxWorksheet(
            "<worksheet><sheetData>" + cell
                + "<row r=\"1\"><c r=\"B1\" t=\"s\"><v>0</v></c></row>"
                  "</sheetData></worksheet>",
            strings,
            1);
        QVERIFY_RESULT(reading);
        QCOMPARE(reading->sheet.rows.size(), std::size_t(1));
        QCOMPARE(reading->sheet.rows.front(), QStringList({QString(), QStringLiteral("kept")}));
    }
}

// A damaged sheet that numbers a row twice, once in each segment: as a whole parse does, the
// later row replaces the earlier, whose shared strings do not fill the later row's gaps.
void TestXlsxSegments::rowRepeatedInALaterSegmentReplacesTheRowWithItsSharedStrings()
{
    const std::vector<QString> strings{QStringLiteral("earlier"), QStringLiteral("later")};
    QByteArray xml = listSheet(2000);
    const QByteArray end = "</sheetData></worksheet>";
    QVERIFY(xml.endsWith(end));
    xml.chop(end.size());
    // Row 3 again, at the end: A3 and E3 only, so B3 to D3, which held shared strings the first
    // time, are gaps in it.
    xml += "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>1</v></c>"
           "<c r=\"E3\" t=\"inlineStr\"><is><t>E3 again</t></is></c></row>"
           + end;
    xml.replace("<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>A3</t></is></c>",
                "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>A3</t></is></c>"
                "<c r=\"B3\" t=\"s\"><v>0</v></c><c r=\"C3\" t=\"s\"><v>0</v></c>");

    const auto whole = readXlsxWorksheet(xml, strings, 1);
    QVERIFY_RESULT(whole);
    const QStringList expected{QStringLiteral("later"),
                               QString(),
                               QString(),
                               QString(),
                               QStringLiteral("E3 again")};
    QCOMPARE(whole->sheet.rows[2], expected);
    const auto segmented = readXlsxWorksheet(xml, strings, 2);
    QVERIFY_RESULT(segmented);
    QCOMPARE(segmented->parsersUsed, 2);
    QCOMPARE(segmented->sheet.rows[2], expected);
    QCOMPARE(differenceBetween(whole, segmented), QString());
}

// The shared strings, cut between their items (<si>): the same strings in the same order, and
// every item one string, with any number of parsers.
void TestXlsxSegments::randomSharedStringsReadAlikeWithAnyNumberOfParsers()
{
    int segmented = 0;
    for (const quint64 seed : testSeeds("BULKMAIL_SEGMENTS_SEED", 150, 3)) {
        const SheetShape shape = shapeOf(seed);
        const QByteArray xml = randomSharedStrings(seed, shape);
        const auto whole = readXlsxSharedStrings(xml, 1);
        for (const int parsers : {2, 3, 5, 8}) {
            const auto reading = readXlsxSharedStrings(xml, parsers);
            const QString where = QStringLiteral("seed %1 (%2), %3 parsers")
                                      .arg(seed)
                                      .arg(shape.describe())
                                      .arg(parsers);
            QVERIFY2(whole.has_value() == reading.has_value(), qPrintable(where));
            if (!whole) {
                QCOMPARE(reading.error().message, whole.error().message);
                continue;
            }
            QVERIFY2(reading->strings == whole->strings, qPrintable(where));
            if (shape.isAsSpreadsheetsWrite())
                QVERIFY2(reading->parsersUsed == parsers, qPrintable(where));
            segmented += reading->parsersUsed > 1 ? 1 : 0;
        }
    }
    QVERIFY(segmented > 0);
}

void TestXlsxSegments::foolingCutInSharedStringsIsNotTrusted()
{
    const QByteArray filler(100000, 'a');
    QByteArray plain;
    for (int i = 0; i < 100; ++i)
        plain += "<si><t>" + QByteArray::number(i) + "</t></si>";
    for (const QByteArray &xml :
         {QByteArray("<sst><si><t><![CDATA[" + filler + "</si><si>b]]></t></si>" + plain + "</sst>"),
          QByteArray("<sst><si><t>x</t><!--" + filler + "</si><si>b--></si>" + plain + "</sst>")}) {
        const auto whole = readXlsxSharedStrings(xml, 1);
        QVERIFY_RESULT(whole);
        QCOMPARE(whole->strings.size(), std::size_t(101));
        const auto reading = readXlsxSharedStrings(xml, 2);
        QVERIFY_RESULT(reading);
        QCOMPARE(reading->parsersUsed, 1);
        QVERIFY(reading->strings == whole->strings);
    }
}

// A quote left open before a character reference runs the value to the end of the part, where
// liborcus 0.17 steps past its input and aborts the program on an assertion; with cuts inside
// that value, a segment ends there too (found by fuzz_xlsxparts). Both are an error in words,
// alike whole and in segments, and the program goes on.
void TestXlsxSegments::quoteLeftOpenIsAnErrorNotAnAbort()
{
    QByteArray strings = "<sst>";
    for (int i = 0; i < 20; ++i)
        strings += "<si><t>name " + QByteArray::number(i) + "</t></si>";
    strings += "<si><r><t xml:space=\"p</t></r></si>";
    for (int i = 0; i < 40; ++i)
        strings += "<si><t>name " + QByteArray::number(i) + " &amp; co</t></si>";
    strings += "</sst>";
    const auto whole = readXlsxSharedStrings(strings, 1);
    QVERIFY(!whole);
    QVERIFY2(whole.error().message.contains(QStringLiteral("runs to the end")),
             qPrintable(whole.error().message));
    for (const int parsers : {2, 3, 5}) {
        const auto cut = readXlsxSharedStrings(strings, parsers);
        QVERIFY(!cut);
        QCOMPARE(cut.error().message, whole.error().message);
    }

    // In a sheet, where every cell has quotes, only the last one can be left open so.
    QByteArray sheet = listSheet(300);
    sheet.replace("<t>E300</t>", "<t xml:space=\"E300 &amp; co</t>");
    const auto wholeSheet = readXlsxWorksheet(sheet, {}, 1);
    QVERIFY(!wholeSheet);
    QVERIFY2(wholeSheet.error().message.contains(QStringLiteral("runs to the end")),
             qPrintable(wholeSheet.error().message));
    for (const int parsers : {2, 3, 5}) {
        const auto cut = readXlsxWorksheet(sheet, {}, parsers);
        QVERIFY(!cut);
        QCOMPARE(cut.error().message, wholeSheet.error().message);
    }
}

QTEST_GUILESS_MAIN(TestXlsxSegments)
#include "tst_xlsxsegments.moc"
