#include "document/workbookpackage.h"
#include "document/workbookreader.h"
#include "document/xmlchunks.h"
#include "testworkbooks.h"

#include "testresult.h"
#include "testseeds.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;

// A sheet and the shared strings are read as they unpack, in chunks cut between their items and
// parsed by several threads at once (xmlchunks.h). The cut is found by a byte search that text
// can fool, so each chunk's parse must show that it stood between two items at its cut, or the
// part is read again whole. What these tests hold to: a part reads the same, cell for cell, in
// chunks of any size on any number of threads as it does whole, whatever its XML holds; and the
// chunks are really used (a part as spreadsheets write it is read in the chunks asked for), so
// that the sameness is not that of a part always read whole.
//
// Random parts: fixed seeds and three fresh ones a run; a failure prints its seed, and
// BULKMAIL_CHUNKS_SEED=<seed> replays it.

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

// A part unpacked whole and read in one go: what every other reading must equal.
const XlsxPartReading Whole{1, 0, true};

XlsxPartReading inChunks(int threads, std::size_t chunkBytes)
{
    return {threads, chunkBytes, false};
}

// The ways the random parts are read besides whole: a chunk smaller than any row (each chunk
// grows to one row or two), chunks of a few rows to a few hundred, one chunk for the whole part;
// on one to four threads.
const std::vector<XlsxPartReading> ChunkedReadings{inChunks(1, 64),
                                                   inChunks(2, 700),
                                                   inChunks(3, 4096),
                                                   inChunks(4, 1500),
                                                   inChunks(2, 1 << 20)};

// More than any row or shared string of the random parts holds.
constexpr std::size_t LongestItem = 8192;

QString describe(const XlsxPartReading &how)
{
    return QStringLiteral("%1 threads, chunks of %2 bytes").arg(how.threads).arg(how.chunkBytes);
}

// Where two readings differ, in words; empty when they are the same.
QString differenceBetween(const Result<XlsxWorksheetReading> &whole,
                          const Result<XlsxWorksheetReading> &chunked)
{
    if (whole.has_value() != chunked.has_value())
        return QStringLiteral("one reading failed, the other did not");
    if (!whole)
        return whole.error().message == chunked.error().message
                   ? QString()
                   : QStringLiteral("errors differ: %1 / %2")
                         .arg(whole.error().message, chunked.error().message);
    const WorkbookSheet &a = whole->sheet;
    const WorkbookSheet &b = chunked->sheet;
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

class TestXlsxChunks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void randomSheetsReadAlikeInAnyChunks();
    void chunksFollowOneAnotherAndHoldEveryRowOnce();
    void streamGivesThePartOrThrowsWhenDamaged();
    void partThatCannotBeStreamedIsReadWholeForItsError();
    void sheetAsSpreadsheetsWriteIsCut_data();
    void sheetAsSpreadsheetsWriteIsCut();
    void foolingCutIsNotTrusted_data();
    void foolingCutIsNotTrusted();
    void workbookReadsAlikeInAnyChunks();
    void rowWithoutEndTagIsNotKept();
    void cellOutsideARowIsNotKept();
    void rowRepeatedInALaterChunkReplacesTheRowWithItsSharedStrings();
    void randomSharedStringsReadAlikeInAnyChunks();
    void foolingCutInSharedStringsIsNotTrusted();
    void quoteLeftOpenIsAnErrorNotAnAbort();

private:
    // The bytes of one of the test workbooks (make_workbooks.py).
    [[nodiscard]] QByteArray workbook(const char *name) const;

    QTemporaryDir m_workbooks;
};

void TestXlsxChunks::initTestCase()
{
    QVERIFY(m_workbooks.isValid());
    QCOMPARE(writeTestWorkbooks(m_workbooks.path()), QString());
}

QByteArray TestXlsxChunks::workbook(const char *name) const
{
    QFile file(m_workbooks.filePath(QString::fromLatin1(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestXlsxChunks::randomSheetsReadAlikeInAnyChunks()
{
    const std::vector<quint64> seeds = testSeeds("BULKMAIL_CHUNKS_SEED", 150, 3);
    int chunked = 0;
    int readWholeAfterAll = 0;
    for (const quint64 seed : seeds) {
        const SheetShape shape = shapeOf(seed);
        const QByteArray xml = SheetWriter(seed, shape).write();
        const auto whole = readXlsxWorksheet(xml, SharedStrings, Whole);
        QVERIFY2(!whole || whole->chunks == 1, qPrintable(QString::number(seed)));
        for (const XlsxPartReading &how : ChunkedReadings) {
            const auto reading = readXlsxWorksheet(xml, SharedStrings, how);
            const QString difference = differenceBetween(whole, reading);
            QVERIFY2(difference.isEmpty(),
                     qPrintable(QStringLiteral("seed %1 (%2), %3: %4")
                                    .arg(seed)
                                    .arg(shape.describe(), describe(how), difference)));
            if (!reading)
                continue;
            // As spreadsheets write it, a part bigger than a chunk (and a long row) is read in
            // chunks.
            if (shape.isAsSpreadsheetsWrite()
                && std::size_t(xml.size()) > 2 * how.chunkBytes + LongestItem) {
                QVERIFY2(reading->chunks > 1,
                         qPrintable(QStringLiteral("seed %1 (%2), %3: %4 chunks")
                                        .arg(seed)
                                        .arg(shape.describe(), describe(how))
                                        .arg(reading->chunks)));
            }
            ++(reading->chunks > 1 ? chunked : readWholeAfterAll);
        }
    }
    qInfo("%d readings in chunks, %d read whole after all", chunked, readWholeAfterAll);
}

// The chunks as the threads get them: each but the first begins with the wrapper, each but the
// last ends with a row's end tag; put back together without their wrappers they are the part,
// every row once and in order; a chunk holds at most what was asked, or a few rows when a row is
// longer (its chunk grows to hold it).
void TestXlsxChunks::chunksFollowOneAnotherAndHoldEveryRowOnce()
{
    constexpr std::string_view Wrapper = "<worksheet><sheetData>";
    QByteArray original = listSheet(2000);
    const QByteArray longText(20000, 'x');
    original.replace(QByteArray("<t>A1000</t>"), QByteArray("<t>" + longText + "</t>"));
    for (const std::size_t bytes : {std::size_t(100), std::size_t(4096), std::size_t(50000)}) {
        const auto stream = PartStream::plain(original);
        XmlChunks chunks(*stream, "row", Wrapper, bytes);
        std::vector<char> buffer;
        XmlChunk chunk;
        QByteArray rejoined;
        std::size_t count = 0;
        bool grewForTheLongRow = false;
        while (chunks.next(buffer, chunk)) {
            QCOMPARE(chunk.index, count);
            QCOMPARE(chunk.isFirst, count == 0);
            ++count;
            const QByteArrayView bytesOfChunk = chunk.bytes;
            if (chunk.isFirst) {
                QVERIFY(
                    bytesOfChunk.startsWith(QByteArrayView("<worksheet><sheetData><row r=\"1\">")));
                rejoined += bytesOfChunk.toByteArray();
            } else {
                QVERIFY(bytesOfChunk.startsWith(QByteArrayView("<worksheet><sheetData><row r=\"")));
                rejoined += bytesOfChunk.sliced(qsizetype(Wrapper.size())).toByteArray();
            }
            if (chunk.isLast) {
                QVERIFY(bytesOfChunk.endsWith(QByteArrayView("</row></sheetData></worksheet>")));
            } else {
                QVERIFY(bytesOfChunk.endsWith(QByteArrayView("</row>")));
                const bool holdsTheLongRow = bytesOfChunk.contains(QByteArrayView(longText));
                // A chunk too small for the row it began with doubles until it holds it and
                // the next row's start tag: then it holds two rows or three at most.
                QVERIFY2(std::size_t(bytesOfChunk.size()) <= bytes
                             || bytesOfChunk.toByteArray().count("<row ") <= 3 || holdsTheLongRow,
                         qPrintable(QString::number(bytesOfChunk.size())));
                grewForTheLongRow |= holdsTheLongRow && std::size_t(bytesOfChunk.size()) > bytes;
            }
        }
        QVERIFY(!chunks.next(buffer, chunk)); // and stays ended
        QCOMPARE(chunks.count(), count);
        QCOMPARE(rejoined, original);
        if (bytes < std::size_t(longText.size()))
            QVERIFY(grewForTheLongRow);
        if (bytes == 100)
            QVERIFY(count >= std::size_t(2000 / 3)); // every row longer than a chunk
        else
            QVERIFY(count >= std::size_t(original.size() - longText.size()) / bytes);
    }
}

// A big part read a piece at a time, in pieces of any size, is what libdeflate unpacks whole; with
// its deflated bytes flipped, the stream throws, naming the part, at the latest at its end (what
// the reader then does is damagedBigPart's in tst_recipientworkbook).
void TestXlsxChunks::streamGivesThePartOrThrowsWhenDamaged()
{
    const QByteArray sound = workbook("many-excel.xlsx");
    QVERIFY(!sound.isEmpty());
    const auto package = WorkbookPackage::open(sound);
    QVERIFY_RESULT(package);
    const auto directoryEntries = readZipDirectory(sound);
    QVERIFY_RESULT(directoryEntries);
    QRandomGenerator random(testSeeds("BULKMAIL_CHUNKS_SEED", 1, 0).front());
    int bigParts = 0;
    for (const ZipDirectoryEntry &entry : *directoryEntries) {
        if (entry.size < 1024 * 1024)
            continue;
        ++bigParts;
        const auto whole = (*package)->part(entry.name);
        QVERIFY(whole.has_value());
        const auto stream = (*package)->stream(entry.name);
        QVERIFY(stream);
        QCOMPARE(stream->size(), whole->size());
        QByteArray pieces(whole->size() + 1, Qt::Uninitialized);
        qsizetype at = 0;
        for (qsizetype read = 1; read > 0; at += read)
            read = stream->read(pieces.data() + at, 1 + qsizetype(random.bounded(70000)));
        QCOMPARE(at, whole->size());
        QVERIFY(pieces.first(at) == *whole);

        QByteArray damaged = sound;
        const qsizetype middle = entry.dataOffset + entry.compressedSize / 2;
        for (qsizetype i = middle; i < middle + 64; ++i)
            damaged[i] = char(damaged[i] ^ 0x5A);
        const auto damagedPackage = WorkbookPackage::open(damaged);
        QVERIFY_RESULT(damagedPackage);
        const auto damagedStream = (*damagedPackage)->stream(entry.name);
        bool threw = false;
        try {
            std::vector<char> buffer(100000);
            while (damagedStream->read(buffer.data(), qsizetype(buffer.size())) > 0) {
            }
        } catch (const std::invalid_argument &error) {
            threw = true;
            QVERIFY2(QByteArray(error.what()).startsWith(entry.name), error.what());
        }
        QVERIFY(threw);
    }
    QCOMPARE(bigParts, 2); // the sheet and the shared strings
}

// A big part packed in a way no workbook is (a method that is not deflate), or stored with sizes
// that differ: its chunks are not read at all, and the error is the whole reading's, in its words.
void TestXlsxChunks::partThatCannotBeStreamedIsReadWholeForItsError()
{
    const QByteArray sound = workbook("many-excel.xlsx");
    QVERIFY(!sound.isEmpty());
    const QByteArray name = "xl/worksheets/sheet1.xml";
    const qsizetype central = sound.indexOf("PK\x01\x02");
    QVERIFY(central > 0);
    const qsizetype entry = sound.indexOf(name, central) - 46; // the central header before its name
    QVERIFY(entry >= central && sound.mid(entry, 4) == QByteArray("PK\x01\x02"));
    const qsizetype local = qsizetype(quint8(sound[entry + 42]) | quint8(sound[entry + 43]) << 8
                                      | quint8(sound[entry + 44]) << 16
                                      | quint32(quint8(sound[entry + 45])) << 24);
    const auto setMethod = [&](QByteArray &bytes, char method) {
        bytes[entry + 10] = method; // the central directory's method
        bytes[local + 8] = method;  // and the local header's
    };
    QByteArray otherMethod = sound;
    setMethod(otherMethod, 12); // bzip2, which no workbook uses
    QByteArray storedSizesDiffer = sound;
    setMethod(storedSizesDiffer, 0); // "stored", but its sizes are deflate's
    for (const auto &[bytes, error] :
         {std::pair{otherMethod, QStringLiteral(" is packed in a way no workbook is (method 12)")},
          std::pair{storedSizesDiffer, QStringLiteral(" is damaged (its sizes differ)")}}) {
        const auto package = WorkbookPackage::open(bytes);
        QVERIFY_RESULT(package);
        const auto whole = readXlsxPackage(**package, Whole);
        QVERIFY(!whole);
        QVERIFY2(whole.error().message.startsWith(QStringLiteral("the workbook cannot be read (")
                                                  + QString::fromLatin1(name) + error),
                 qPrintable(whole.error().message));
        for (const XlsxPartReading &how : {XlsxPartReading{}, inChunks(2, 4096)}) {
            const auto chunked = readXlsxPackage(**package, how);
            QVERIFY(!chunked);
            QCOMPARE(chunked.error().message, whole.error().message);
        }
    }
}

// Cut where asked, whichever way rows are written and spaced.
void TestXlsxChunks::sheetAsSpreadsheetsWriteIsCut_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<int>("rows");
    QTest::newRow("as openpyxl writes") << listSheet(2000) << 2000;
    QTest::newRow("prefixed") << listSheet(2000, "x:") << 2000;
    QByteArray spaced = listSheet(2000);
    spaced.replace("</row><row", "</row>\r\n    <row");
    QTest::newRow("rows on lines of their own") << spaced << 2000;
}

void TestXlsxChunks::sheetAsSpreadsheetsWriteIsCut()
{
    QFETCH(QByteArray, xml);
    QFETCH(int, rows);
    const auto whole = readXlsxWorksheet(xml, {}, Whole);
    QVERIFY_RESULT(whole);
    QCOMPARE(whole->sheet.rows.size(), std::size_t(rows));
    QCOMPARE(whole->sheet.rows.back(),
             QStringList({QStringLiteral("A2000"),
                          QStringLiteral("B2000"),
                          QStringLiteral("C2000"),
                          QStringLiteral("D2000"),
                          QStringLiteral("E2000")}));
    for (const int parts : {2, 4, 7}) {
        const auto reading = readXlsxWorksheet(xml,
                                               {},
                                               inChunks(parts, std::size_t(xml.size() / parts)));
        QVERIFY_RESULT(reading);
        QVERIFY2(reading->chunks >= parts && reading->chunks <= parts + 1,
                 qPrintable(QString::number(reading->chunks)));
        QCOMPARE(differenceBetween(whole, reading), QString());
    }
}

// Each place where the byte search finds a cut that is none: the sheet is read whole, and reads
// as it does whole.
void TestXlsxChunks::foolingCutIsNotTrusted_data()
{
    QTest::addColumn<QByteArray>("xml");
    // Most of the sheet is one cell's text, so that a chunk ends inside it, before the row tags
    // the text holds.
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

void TestXlsxChunks::foolingCutIsNotTrusted()
{
    QFETCH(QByteArray, xml);
    const auto whole = readXlsxWorksheet(xml, {}, Whole);
    QVERIFY_RESULT(whole);
    QVERIFY(whole->sheet.rows.size() >= 100);
    for (const XlsxPartReading &how : ChunkedReadings) {
        const auto reading = readXlsxWorksheet(xml, {}, how);
        QVERIFY_RESULT(reading);
        QCOMPARE(reading->chunks, 1);
        QCOMPARE(differenceBetween(whole, reading), QString());
    }
}

// The product's path: a workbook as openpyxl writes it and as Excel does (a 3 MB sheet), read
// whole, in chunks as the reader chooses them for this machine's cores, and in other chunks on
// other threads; its parts as those writers wrote them are read in chunks, so that the sameness
// is not that of a workbook read whole every time.
void TestXlsxChunks::workbookReadsAlikeInAnyChunks()
{
    for (const char *name : {"many.xlsx", "many-excel.xlsx"}) {
        const QByteArray bytes = workbook(name);
        QVERIFY(!bytes.isEmpty());
        const auto package = WorkbookPackage::open(bytes);
        QVERIFY_RESULT(package);
        const auto whole = readXlsxPackage(**package, Whole);
        QVERIFY_RESULT(whole);
        QCOMPARE(whole->front().rows.size(), std::size_t(10001));
        const auto sheet = (*package)->part("xl/worksheets/sheet1.xml");
        QVERIFY(sheet.has_value());
        const auto strings = (*package)->part("xl/sharedStrings.xml"); // as Excel writes it
        const std::size_t expected = std::size_t(sheet->size()) / XmlChunks::DefaultBytes;
        QVERIFY(expected > 2);
        QVERIFY(readXlsxWorksheet(*sheet, {}, {})->chunks >= int(expected));
        if (strings)
            QVERIFY(readXlsxSharedStrings(*strings, {})->chunks > 1);
        for (const XlsxPartReading &how :
             {XlsxPartReading{}, inChunks(2, 100000), inChunks(3, 65536), inChunks(1, 1 << 20)}) {
            const auto reading = readXlsxPackage(**package, how);
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
void TestXlsxChunks::rowWithoutEndTagIsNotKept()
{
    const std::vector<QString> strings{QStringLiteral("kept"), QStringLiteral("not kept")};
    for (const XlsxPartReading &how : {Whole, inChunks(1, 64)}) {
        const auto cutInside = readXlsxWorksheet(
            "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
            "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>1</v></c>",
            strings,
            how);
        QVERIFY_RESULT(cutInside);
        QCOMPARE(cutInside->sheet.rows.size(), std::size_t(1));
        QCOMPARE(cutInside->sheet.rows.front(), QStringList{QStringLiteral("kept")});

        const auto nextRowBegan = readXlsxWorksheet(
            "<worksheet><sheetData><row r=\"1\"><c r=\"B1\" t=\"s\"><v>1</v></c>"
            "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row></row></sheetData></worksheet>",
            strings,
            how);
        QVERIFY_RESULT(nextRowBegan);
        QCOMPARE(nextRowBegan->sheet.rows.size(), std::size_t(2));
        QCOMPARE(nextRowBegan->sheet.rows[0], QStringList());
        QCOMPARE(nextRowBegan->sheet.rows[1], QStringList{QStringLiteral("kept")});
    }
}

// A cell before any row (a damaged sheet; fuzz_xlsxparts found that its shared string was kept
// for a row the sheet does not have, and filled in out of bounds): no row's, and not kept.
void TestXlsxChunks::cellOutsideARowIsNotKept()
{
    const std::vector<QString> strings{QStringLiteral("kept"), QStringLiteral("not kept")};
    for (const QByteArray &cell :
         {QByteArray("<c r=\"B0\" t=\"s\"><v>1</v></c>"),
          QByteArray("<c t=\"s\"><v>1</v></c>"),
          QByteArray("<c r=\"A1\" t=\"inlineStr\"><is><t>not kept</t></is></c>")}) {
        for (const XlsxPartReading &how : {Whole, inChunks(1, 64)}) {
            const auto reading = readXlsxWorksheet(
                "<worksheet><sheetData>" + cell
                    + "<row r=\"1\"><c r=\"B1\" t=\"s\"><v>0</v></c></row>"
                      "</sheetData></worksheet>",
                strings,
                how);
            QVERIFY_RESULT(reading);
            QCOMPARE(reading->sheet.rows.size(), std::size_t(1));
            QCOMPARE(reading->sheet.rows.front(), QStringList({QString(), QStringLiteral("kept")}));
        }
    }
}

// A damaged sheet that numbers a row twice, once in each chunk: as a whole parse does, the later
// row replaces the earlier, whose shared strings do not fill the later row's gaps. And a row
// numbered above the rows before it in its own chunk goes before them.
void TestXlsxChunks::rowRepeatedInALaterChunkReplacesTheRowWithItsSharedStrings()
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

    const auto whole = readXlsxWorksheet(xml, strings, Whole);
    QVERIFY_RESULT(whole);
    const QStringList expected{QStringLiteral("later"),
                               QString(),
                               QString(),
                               QString(),
                               QStringLiteral("E3 again")};
    QCOMPARE(whole->sheet.rows[2], expected);
    for (const std::size_t bytes : {std::size_t(4096), std::size_t(200000)}) {
        const auto chunked = readXlsxWorksheet(xml, strings, inChunks(2, bytes));
        QVERIFY_RESULT(chunked);
        QVERIFY(chunked->chunks > 1);
        QCOMPARE(chunked->sheet.rows[2], expected);
        QCOMPARE(differenceBetween(whole, chunked), QString());
    }
}

// The shared strings, cut between their items (<si>): the same strings in the same order, and
// every item one string, in any chunks.
void TestXlsxChunks::randomSharedStringsReadAlikeInAnyChunks()
{
    int chunked = 0;
    for (const quint64 seed : testSeeds("BULKMAIL_CHUNKS_SEED", 150, 3)) {
        const SheetShape shape = shapeOf(seed);
        const QByteArray xml = randomSharedStrings(seed, shape);
        const auto whole = readXlsxSharedStrings(xml, Whole);
        for (const XlsxPartReading &how : ChunkedReadings) {
            const auto reading = readXlsxSharedStrings(xml, how);
            const QString where = QStringLiteral("seed %1 (%2), %3")
                                      .arg(seed)
                                      .arg(shape.describe(), describe(how));
            QVERIFY2(whole.has_value() == reading.has_value(), qPrintable(where));
            if (!whole) {
                QCOMPARE(reading.error().message, whole.error().message);
                continue;
            }
            QVERIFY2(reading->strings == whole->strings, qPrintable(where));
            if (shape.isAsSpreadsheetsWrite()
                && std::size_t(xml.size()) > 2 * how.chunkBytes + LongestItem) {
                QVERIFY2(reading->chunks > 1, qPrintable(where));
            }
            chunked += reading->chunks > 1 ? 1 : 0;
        }
    }
    QVERIFY(chunked > 0);
}

void TestXlsxChunks::foolingCutInSharedStringsIsNotTrusted()
{
    const QByteArray filler(100000, 'a');
    QByteArray plain;
    for (int i = 0; i < 100; ++i)
        plain += "<si><t>" + QByteArray::number(i) + "</t></si>";
    for (const QByteArray &xml :
         {QByteArray("<sst><si><t><![CDATA[" + filler + "</si><si>b]]></t></si>" + plain + "</sst>"),
          QByteArray("<sst><si><t>x</t><!--" + filler + "</si><si>b--></si>" + plain + "</sst>")}) {
        const auto whole = readXlsxSharedStrings(xml, Whole);
        QVERIFY_RESULT(whole);
        QCOMPARE(whole->strings.size(), std::size_t(101));
        for (const XlsxPartReading &how : ChunkedReadings) {
            const auto reading = readXlsxSharedStrings(xml, how);
            QVERIFY_RESULT(reading);
            QCOMPARE(reading->chunks, 1);
            QVERIFY(reading->strings == whole->strings);
        }
    }
}

// A quote left open before a character reference runs the value to the end of the part, where
// liborcus 0.17 steps past its input and aborts the program on an assertion; with cuts inside
// that value, a chunk ends there too (found by fuzz_xlsxparts). Both are an error in words,
// alike whole and in chunks, and the program goes on.
void TestXlsxChunks::quoteLeftOpenIsAnErrorNotAnAbort()
{
    QByteArray strings = "<sst>";
    for (int i = 0; i < 20; ++i)
        strings += "<si><t>name " + QByteArray::number(i) + "</t></si>";
    strings += "<si><r><t xml:space=\"p</t></r></si>";
    for (int i = 0; i < 40; ++i)
        strings += "<si><t>name " + QByteArray::number(i) + " &amp; co</t></si>";
    strings += "</sst>";
    const auto whole = readXlsxSharedStrings(strings, Whole);
    QVERIFY(!whole);
    QVERIFY2(whole.error().message.contains(QStringLiteral("runs to the end")),
             qPrintable(whole.error().message));
    for (const XlsxPartReading &how : ChunkedReadings) {
        const auto cut = readXlsxSharedStrings(strings, how);
        QVERIFY(!cut);
        QCOMPARE(cut.error().message, whole.error().message);
    }

    // In a sheet, where every cell has quotes, only the last one can be left open so.
    QByteArray sheet = listSheet(300);
    sheet.replace("<t>E300</t>", "<t xml:space=\"E300 &amp; co</t>");
    const auto wholeSheet = readXlsxWorksheet(sheet, {}, Whole);
    QVERIFY(!wholeSheet);
    QVERIFY2(wholeSheet.error().message.contains(QStringLiteral("runs to the end")),
             qPrintable(wholeSheet.error().message));
    for (const XlsxPartReading &how : ChunkedReadings) {
        const auto cut = readXlsxWorksheet(sheet, {}, how);
        QVERIFY(!cut);
        QCOMPARE(cut.error().message, wholeSheet.error().message);
    }
}

QTEST_GUILESS_MAIN(TestXlsxChunks)
#include "tst_xlsxchunks.moc"
