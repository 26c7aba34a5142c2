#include "document/xlsxsheetreader.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <deque>
#include <functional>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <QByteArrayView>
#include <QDate>
#include <QDateTime>
#include <QStringList>
#include <QTime>

#include <orcus/sax_parser.hpp>

#include "document/workbookpackage.h"
#include "document/xlsxtext.h"
#include "document/xmlchunks.h"

namespace Bulkmail::Xlsx {

namespace {

// --- a worksheet: <sheetData><row r hidden><c r s t><v/> or <is><t/></is></c></row>, and
// <mergeCells><mergeCell ref/> (§18.3.1) ------------------------------------------------------

// Excel's grid: 1,048,576 rows of 16,384 columns (ECMA-376 Part 1 §18.3.1.73).
constexpr int MaxRows = 1048576;
constexpr int MaxColumns = 16384;

// "B7" (A1 notation, `$` allowed) → 0-based row and column; false when it is none.
bool parseCellReference(std::string_view reference, int &row, int &column)
{
    std::size_t i = 0;
    while (i < reference.size() && reference[i] == '$')
        ++i;
    int columnNumber = 0;
    for (; i < reference.size() && reference[i] >= 'A' && reference[i] <= 'Z'; ++i) {
        columnNumber = columnNumber * 26 + (reference[i] - 'A' + 1);
        if (columnNumber > MaxColumns)
            return false;
    }
    while (i < reference.size() && reference[i] == '$')
        ++i;
    const auto rowNumber = toSmallNumber(reference.substr(i));
    if (columnNumber == 0 || !rowNumber || *rowNumber < 1 || *rowNumber > MaxRows)
        return false;
    row = *rowNumber - 1;
    column = columnNumber - 1;
    return true;
}

// A sheet is parsed into events (SheetParser) that are built into rows of text (SheetRows), in
// batches, by the thread that parsed them: read in chunks (readSheetInChunks()), every core both
// parses and builds.

// ST_CellType (§18.18.11), by what the cell's text is made of.
enum class CellType : char {
    Number,       // n or none: through the cell's number format
    SharedString, // s
    Text,         // inlineStr, str (a formula's text), e (an error as written: #N/A)
    Boolean,      // b
    Date,         // d: ISO 8601
};

CellType cellType(std::string_view type)
{
    if (type.size() == 1) {
        switch (type[0]) {
        case 's':
            return CellType::SharedString;
        case 'e':
            return CellType::Text;
        case 'b':
            return CellType::Boolean;
        case 'd':
            return CellType::Date;
        default:
            return CellType::Number;
        }
    }
    return is(type, "inlineStr") || is(type, "str") ? CellType::Text : CellType::Number;
}

struct SheetEvent
{
    enum class Kind : char { RowStart, Cell, RowEnd };
    Kind kind = Kind::Cell;
    CellType type = CellType::Number;
    int row = 0;            // RowEnd
    int column = 0;         // Cell
    int style = -1;         // Cell
    std::string_view value; // Cell: in the part's XML, or in the batch's `kept`
};

struct SheetEventBatch
{
    std::vector<SheetEvent> events;
    std::deque<std::string> kept; // values the parser decoded (&amp;) or joined (rich text)
};

// Where the parser hands its batches: a full batch is taken from `batch`, which the parser then
// fills again.
class SheetEventSink
{
public:
    virtual ~SheetEventSink() = default;
    virtual void take(SheetEventBatch &batch) = 0;
};

// The parser's side: rows, cells and their values as the XML gives them; hidden rows and merged
// cells go straight into `found` (the builder touches only the sheet's rows).
class SheetParser final : public orcus::sax_handler
{
public:
    SheetParser(WorkbookSheet &found, SheetEventSink &sink)
        : m_sheet(found)
        , m_sink(sink)
    {
        m_batch.events.reserve(BatchSize);
    }

    // For a sheet read in chunks (readSheetInChunks()): whether this parse ended just after
    // a row's end tag that ends at `end`, with the parser two elements deep (the worksheet and
    // its sheetData) and nothing of a cell open, so that a parse of the whole sheet would stand
    // exactly where this one stands, but for the row number (see startsWithNumberedRowAt()).
    [[nodiscard]] bool endedBetweenRowsAt(std::ptrdiff_t end) const
    {
        return m_depth == 2 && m_lastRowEnd == end && !m_inCell && !m_inValue && !m_inInlineString
               && !m_inPhonetic;
    }
    // Whether the first row this parse met was a start tag at `begin`, three elements deep (under
    // the two that wrap a chunk), with a row number of its own, so that no row before it is
    // needed to number it.
    [[nodiscard]] bool startsWithNumberedRowAt(std::ptrdiff_t begin) const
    {
        return m_firstRowBegin == begin && m_firstRowDepth == 3 && m_firstRowIsNumbered;
    }

    // Names are told apart by their length first: these handlers run for every cell.
    void attribute(const orcus::sax::parser_attribute &attribute)
    {
        const std::string_view name = attribute.name;
        const std::string_view value = attribute.value;
        if (name.size() == 1) {
            if (name[0] == 'r')
                m_reference = attribute.transient ? keep(m_referenceBuffer, value) : value;
            else if (name[0] == 't')
                m_type = cellType(value);
            else if (name[0] == 's')
                m_style = toSmallNumber(value).value_or(-1);
        } else if (is(name, "hidden")) {
            m_isHidden = isTrue(value);
        } else if (is(name, "ref")) {
            // The values stay valid until the element starts, unless decoded into the parser's
            // buffer; the few such values are copied.
            m_range = attribute.transient ? keep(m_rangeBuffer, value) : value;
        }
    }

    void start_element(const orcus::sax::parser_element &element)
    {
        ++m_depth;
        const std::string_view name = element.name;
        if (name.size() == 1) {
            if (name[0] == 'c')
                startCell();
            // <t> counts inside an inline string only, and not in its phonetic runs.
            else if (name[0] == 'v' || name[0] == 't')
                m_inValue = m_inCell && (name[0] == 'v' || (m_inInlineString && !m_inPhonetic));
        } else if (is(name, "row")) {
            const std::optional<int> row = rowOfReference();
            if (m_firstRowBegin < 0) {
                m_firstRowBegin = element.begin_pos;
                m_firstRowDepth = m_depth;
                m_firstRowIsNumbered = row.has_value();
            }
            startRow(row);
        } else if (is(name, "is")) {
            m_inInlineString = m_inCell;
        } else if (is(name, "rPh")) {
            m_inPhonetic = true;
        } else if (is(name, "mergeCell")) {
            addMergedRange();
        }
        m_reference = {};
        m_type = CellType::Number;
        m_style = -1;
        m_isHidden = false;
        m_range = {};
    }

    void end_element(const orcus::sax::parser_element &element)
    {
        --m_depth;
        const std::string_view name = element.name;
        if (name.size() == 1) {
            if (name[0] == 'c')
                endCell();
            else if (name[0] == 'v' || name[0] == 't')
                m_inValue = false;
        } else if (is(name, "is")) {
            m_inInlineString = false;
        } else if (is(name, "rPh")) {
            m_inPhonetic = false;
        } else if (is(name, "row")) {
            add({SheetEvent::Kind::RowEnd, CellType::Number, m_row, 0, -1, {}});
            m_lastRowEnd = element.end_pos;
        }
    }

    // A value in one piece of the XML is passed on as it is; one decoded into the parser's
    // buffer, or in pieces (rich text), is copied.
    void characters(std::string_view text, bool transient)
    {
        if (!m_inValue)
            return;
        if (!m_hasValue && !transient) {
            m_value = text;
        } else {
            if (!m_valueIsJoined)
                m_joinedValue.assign(m_value);
            m_joinedValue.append(text);
            m_valueIsJoined = true;
        }
        m_hasValue = true;
    }

    // Hands on what is left; after the parser is done.
    void flush()
    {
        if (!m_batch.events.empty())
            m_sink.take(m_batch);
    }

private:
    static constexpr std::size_t BatchSize = 4096;

    static std::string_view keep(std::string &buffer, std::string_view value)
    {
        buffer.assign(value);
        return buffer;
    }

    void add(const SheetEvent &event)
    {
        m_batch.events.push_back(event);
        if (m_batch.events.size() >= BatchSize) {
            m_sink.take(m_batch);
            m_batch.events.clear(); // a batch the sink kept leaves nothing to clear
            m_batch.kept.clear();
            m_batch.events.reserve(BatchSize);
        }
    }

    // The 0-based row a row's r names, if it names one.
    [[nodiscard]] std::optional<int> rowOfReference() const
    {
        const auto number = toSmallNumber(m_reference);
        if (!number || *number < 1 || *number > MaxRows)
            return std::nullopt;
        return *number - 1;
    }

    // A row without a number of its own follows the one before.
    void startRow(std::optional<int> row)
    {
        m_row = row.value_or(m_row + 1);
        m_column = -1;
        if (m_isHidden && m_row < MaxRows)
            m_sheet.hiddenRows.append(m_row);
        add({SheetEvent::Kind::RowStart, CellType::Number, m_row, 0, -1, {}});
    }

    void startCell()
    {
        int row = m_row;
        int column = m_column + 1;
        if (!m_reference.empty())
            parseCellReference(m_reference, row, column); // keeps the running position if bad
        m_column = column;
        m_cellType = m_type;
        m_cellStyle = m_style;
        m_value = {};
        m_hasValue = false;
        m_valueIsJoined = false;
        m_inCell = row == m_row; // a cell that claims another row is not this row's
        m_inInlineString = false;
    }

    void endCell()
    {
        if (!m_inCell)
            return;
        m_inCell = false;
        if (m_column < 0 || m_column >= MaxColumns)
            return;
        std::string_view value = m_value;
        if (m_valueIsJoined)
            value = m_batch.kept.emplace_back(m_joinedValue);
        add({SheetEvent::Kind::Cell, m_cellType, m_row, m_column, m_cellStyle, value});
    }

    void addMergedRange()
    {
        const std::size_t colon = m_range.find(':');
        int firstRow = 0;
        int firstColumn = 0;
        if (!parseCellReference(m_range.substr(0, colon), firstRow, firstColumn))
            return;
        int lastRow = firstRow;
        int lastColumn = firstColumn;
        if (colon != std::string_view::npos
            && !parseCellReference(m_range.substr(colon + 1), lastRow, lastColumn)) {
            return;
        }
        m_sheet.mergedCells.append({firstRow, firstColumn, lastRow, lastColumn});
    }

    WorkbookSheet &m_sheet;
    SheetEventSink &m_sink;
    SheetEventBatch m_batch;

    // The attributes of the element being opened.
    std::string_view m_reference;
    CellType m_type = CellType::Number;
    int m_style = -1;
    bool m_isHidden = false;
    std::string_view m_range;
    std::string m_referenceBuffer;
    std::string m_rangeBuffer;

    int m_row = -1;
    int m_column = -1;
    bool m_inCell = false;
    CellType m_cellType = CellType::Number;
    int m_cellStyle = -1;
    bool m_inValue = false;
    bool m_inInlineString = false;
    bool m_inPhonetic = false;
    std::string_view m_value;
    bool m_hasValue = false;
    std::string m_joinedValue;
    bool m_valueIsJoined = false;

    // Where the parse stands (endedBetweenRowsAt(), startsWithNumberedRowAt()).
    int m_depth = 0;
    std::ptrdiff_t m_firstRowBegin = -1;
    int m_firstRowDepth = 0;
    bool m_firstRowIsNumbered = false;
    std::ptrdiff_t m_lastRowEnd = -1;
};

// The builder's side: each cell as its displayed text, in rows of the sheet. A shared string is
// left for resolveSharedStrings().
//
// The rows go into `sheet.rows` at their numbers, or, given `firstRow` (a chunk's rows), from
// the first row kept on: rows[i] is row *firstRow + i, so that a chunk far down a sheet does not
// hold a place for every row above it.
class SheetRows final
{
public:
    SheetRows(WorkbookSheet &sheet,
              std::vector<SharedStringCell> &sharedStringCells,
              NumberFormats &formats,
              int *firstRow = nullptr)
        : m_sheet(sheet)
        , m_sharedStringCells(sharedStringCells)
        , m_formats(formats)
        , m_firstRow(firstRow)
    {}

    void add(const SheetEventBatch &batch)
    {
        for (const SheetEvent &event : batch.events)
            add(event);
    }

    // After the last batch.
    void finish() { dropUnendedRow(); }

private:
    void add(const SheetEvent &event)
    {
        switch (event.kind) {
        case SheetEvent::Kind::RowStart:
            dropUnendedRow();
            m_cells.clear();
            m_cells.reserve(m_rowWidth); // rows of a list are alike: one allocation a row
            m_firstSharedStringCell = m_sharedStringCells.size();
            m_isInRow = true;
            break;
        case SheetEvent::Kind::Cell:
            if (m_isInRow) // a cell outside any row (a damaged sheet) is no row's
                addCell(event);
            break;
        case SheetEvent::Kind::RowEnd:
            if (m_isInRow) // not a second end tag for one row (a damaged sheet)
                endRow(event.row);
            break;
        }
    }

    // A row whose end tag never came (a damaged sheet: the next row began, or the part ended)
    // is not kept: neither its text (never stored) nor its shared strings.
    void dropUnendedRow()
    {
        if (m_isInRow)
            m_sharedStringCells.resize(m_firstSharedStringCell);
        m_isInRow = false;
    }

    // Only cells with text or a shared string are stored, so a row ends with one of them.
    void endRow(int rowNumber)
    {
        m_isInRow = false;
        if (m_cells.isEmpty() || rowNumber < 0 || rowNumber >= MaxRows) {
            m_sharedStringCells.resize(m_firstSharedStringCell);
            return;
        }
        m_rowWidth = m_cells.size();
        QStringList &row = m_sheet.rows[placeOf(rowNumber)];
        if (!row.isEmpty()) {
            // The row number came before (a damaged file): this row replaces that one, as it
            // did before shared strings were filled in later, so that one's shared strings go.
            const auto end = m_sharedStringCells.begin() + qsizetype(m_firstSharedStringCell);
            const auto kept = std::remove_if(m_sharedStringCells.begin(),
                                             end,
                                             [rowNumber](const auto &cell) {
                                                 return cell.row == rowNumber;
                                             });
            m_sharedStringCells.erase(kept, end);
        }
        row = std::move(m_cells);
        m_cells = QStringList();
    }

    // Where row `rowNumber` goes in the sheet's rows, which grow to hold it.
    std::size_t placeOf(int rowNumber)
    {
        std::vector<QStringList> &rows = m_sheet.rows;
        if (m_firstRow) {
            if (rows.empty()) {
                *m_firstRow = rowNumber;
            } else if (rowNumber < *m_firstRow) { // a row numbered above those before (damaged)
                rows.insert(rows.begin(), std::size_t(*m_firstRow - rowNumber), QStringList());
                *m_firstRow = rowNumber;
            }
            rowNumber -= *m_firstRow;
        }
        if (std::size_t(rowNumber) >= rows.size())
            rows.resize(std::size_t(rowNumber) + 1);
        return std::size_t(rowNumber);
    }

    void addCell(const SheetEvent &cell)
    {
        QString text;
        if (cell.type == CellType::SharedString) {
            const auto index = toSmallNumber(cell.value);
            if (!index)
                return;
            m_sharedStringCells.push_back({cell.row, cell.column, std::size_t(*index)});
        } else {
            text = cellText(cell);
            if (text.isEmpty())
                return;
        }
        while (m_cells.size() < cell.column)
            m_cells.append(QString());
        if (m_cells.size() == cell.column)
            m_cells.append(std::move(text));
        else
            m_cells[cell.column] = std::move(text);
    }

    // The cell as the spreadsheet shows it (§18.18.11 ST_CellType), but for a shared string
    // (addCell()): inline or formula text, a boolean, an error as written (#N/A), an ISO 8601
    // date, or a number through its number format. A formula's cell holds its stored result in <v>.
    QString cellText(const SheetEvent &cell)
    {
        const std::string_view value = cell.value;
        if (cell.type == CellType::Text)
            return fromUtf8(value);
        if (cell.type == CellType::Boolean)
            return is(value, "1")  ? QStringLiteral("TRUE")
                   : value.empty() ? QString()
                                   : QStringLiteral("FALSE");
        if (value.empty())
            return {};
        const SpreadsheetNumberFormat &format = m_formats.of(cell.style);
        if (cell.type == CellType::Date) {
            const QDateTime dateTime = QDateTime::fromString(fromUtf8(value), Qt::ISODateWithMs);
            if (!dateTime.isValid())
                return fromUtf8(value);
            if (!format.isDateTime())
                return format.formatDateTime(dateTime);
            const QDateTime epoch(QDate(1899, 12, 30), QTime(0, 0));
            const double serial = double(epoch.msecsTo(dateTime)) / 86400000.0;
            return format.format(serial, SpreadsheetNumberFormat::DateSystem::Windows1900);
        }
        double number = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
        if (error != std::errc() || end != value.data() + value.size())
            return fromUtf8(value);
        return format.format(number, m_formats.dateSystem());
    }

    WorkbookSheet &m_sheet;
    std::vector<SharedStringCell> &m_sharedStringCells;
    std::size_t m_firstSharedStringCell = 0; // of the row being built
    bool m_isInRow = false;
    NumberFormats &m_formats;
    int *m_firstRow = nullptr;
    QStringList m_cells;
    qsizetype m_rowWidth = 0; // of the last row that held a value
};

// The rows a thread builds from its parser's batches as they fill; stops at the next batch
// once another chunk has failed.
class BuildingSink final : public SheetEventSink
{
public:
    BuildingSink(SheetRows &rows, const std::atomic<bool> &stopped)
        : m_rows(rows)
        , m_stopped(stopped)
    {}

    void take(SheetEventBatch &batch) override
    {
        if (m_stopped.load(std::memory_order_relaxed))
            throw std::runtime_error("another chunk failed");
        m_rows.add(batch);
    }

private:
    SheetRows &m_rows;
    const std::atomic<bool> &m_stopped;
};

// Parses and builds a whole sheet on this thread: a sheet that cannot be read in chunks.
void readWholeSheet(const QByteArray &xml,
                    WorkbookSheet &sheet,
                    SharedStringCells &sharedStringCells,
                    NumberFormats &formats)
{
    const std::atomic<bool> neverStopped = false;
    SheetRows rows(sheet, sharedStringCells.emplace_back(), formats);
    BuildingSink sink(rows, neverStopped);
    SheetParser parser(sheet, sink);
    parseXml(xml, parser);
    parser.flush();
    rows.finish();
}

// --- a sheet read in chunks as it unpacks (xmlchunks.h) ---------------------------------
//
// Rows need nothing from one another once each carries its number (r, which Excel, WPS,
// LibreOffice and openpyxl write on every row). At a cut, a parse of the whole sheet stands
// between two rows, two elements deep (the worksheet and its sheetData), with nothing of a cell
// open (SheetParser::endedBetweenRowsAt()), and the next row needs no row before it to number it
// (startsWithNumberedRowAt()); our handler keeps nothing else a numbered row does not reset.
//
// Each chunk's rows are built by the thread that parsed it, into a table of its own; the chunks'
// rows are then put together in order (putChunksTogether()).

struct ChunkReading
{
    std::size_t index = 0;
    WorkbookSheet sheet; // its rows from firstRow on, its hidden rows and merged cells
    int firstRow = 0;
    std::vector<SharedStringCell> sharedStringCells;
};

// Puts the chunks' rows into the sheet, in order, as a parse of the whole sheet builds them: a
// row whose number came before (a damaged sheet) replaces that row, whose shared strings go
// (SheetRows::endRow()).
void putChunksTogether(std::vector<ChunkReading> &readings,
                       WorkbookSheet &sheet,
                       SharedStringCells &sharedStringCells)
{
    std::size_t end = 0;
    for (const ChunkReading &reading : readings) {
        if (!reading.sheet.rows.empty())
            end = std::max(end, std::size_t(reading.firstRow) + reading.sheet.rows.size());
    }
    std::vector<QStringList> &rows = sheet.rows;
    rows.resize(end); // once: the rows of a list are a tenth of its memory
    for (ChunkReading &reading : readings) {
        std::vector<int> replaced;
        for (std::size_t i = 0; i < reading.sheet.rows.size(); ++i) {
            QStringList &row = reading.sheet.rows[i];
            if (row.isEmpty())
                continue;
            const std::size_t number = std::size_t(reading.firstRow) + i;
            if (!rows[number].isEmpty())
                replaced.push_back(int(number));
            rows[number] = std::move(row);
        }
        if (!replaced.empty()) {
            const auto isReplaced = [&replaced](const SharedStringCell &cell) {
                return std::binary_search(replaced.cbegin(), replaced.cend(), cell.row);
            };
            for (std::vector<SharedStringCell> &cells : sharedStringCells)
                cells.erase(std::remove_if(cells.begin(), cells.end(), isReplaced), cells.end());
        }
        sharedStringCells.push_back(std::move(reading.sharedStringCells));
        sheet.hiddenRows.append(reading.sheet.hiddenRows);
        sheet.mergedCells.append(reading.sheet.mergedCells);
    }
}

// What a chunk but the first begins with, in place of what the sheet opened before its rows.
constexpr std::string_view SheetWrapper = "<worksheet><sheetData>";

// Reads the sheet's chunks on up to `threads` threads. True when every cut proved to lie between
// two rows and every parse ended well; otherwise false, with nothing added to `sheet` or
// `sharedStringCells`. Every thread has ended on return.
bool readSheetInChunks(XmlChunks &chunks,
                       int threads,
                       WorkbookSheet &sheet,
                       SharedStringCells &sharedStringCells,
                       NumberFormats &formats)
{
    std::vector<std::vector<ChunkReading>> readings(
        static_cast<std::size_t>(threads)); // a list a thread
    // A copy a thread: a number format is compiled on first use (NumberFormats::of()).
    std::vector<NumberFormats> threadFormats(std::size_t(threads), formats);
    std::atomic<bool> stopped = false;
    const auto parseChunk = [&](int thread, const XmlChunk &chunk) {
        ChunkReading &reading = readings[std::size_t(thread)].emplace_back();
        reading.index = chunk.index;
        SheetRows rows(reading.sheet,
                       reading.sharedStringCells,
                       threadFormats[std::size_t(thread)],
                       &reading.firstRow);
        BuildingSink sink(rows, stopped);
        SheetParser parser(reading.sheet, sink);
        parseXml(chunk.bytes, parser);
        parser.flush();
        rows.finish();
        return (chunk.isFirst || parser.startsWithNumberedRowAt(std::ptrdiff_t(SheetWrapper.size())))
               && (chunk.isLast || parser.endedBetweenRowsAt(std::ptrdiff_t(chunk.bytes.size())));
    };
    if (!readChunksAtOnce(chunks, threads, stopped, parseChunk))
        return false;
    std::vector<ChunkReading> inOrder = inPartOrder(readings);
    putChunksTogether(inOrder, sheet, sharedStringCells);
    return true;
}

} // namespace

const SpreadsheetNumberFormat &NumberFormats::of(int cellFormat)
{
    if (cellFormat < 0 || std::size_t(cellFormat) >= m_cellFormats.size())
        return m_general;
    auto found = m_compiled.find(cellFormat);
    if (found == m_compiled.end()) {
        const int identifier = m_cellFormats[std::size_t(cellFormat)];
        const QString code = m_codes.contains(identifier)
                                 ? m_codes.value(identifier)
                                 : SpreadsheetNumberFormat::builtinCode(identifier);
        found = m_compiled.emplace(cellFormat, SpreadsheetNumberFormat(code)).first;
    }
    return found->second;
}

void resolveSharedStrings(WorkbookSheet &sheet,
                          const SharedStringCells &cells,
                          const SharedStringTable &strings)
{
    // Every cell's row was kept (SheetRows); the bounds are checked all the same, as what a damaged
    // file can reach must not depend on a rule kept elsewhere.
    const auto isInSheet = [&sheet](const SharedStringCell &cell) {
        return cell.row >= 0 && std::size_t(cell.row) < sheet.rows.size();
    };
    for (auto list = cells.crbegin(); list != cells.crend(); ++list) {
        for (auto cell = list->crbegin(); cell != list->crend(); ++cell) {
            if (!isInSheet(*cell))
                continue;
            QStringList &row = sheet.rows[std::size_t(cell->row)];
            if (cell->column >= row.size() || !row[cell->column].isNull())
                continue;
            const QString *const text = strings.find(cell->index);
            row[cell->column] = text ? *text : QStringLiteral("");
        }
    }
    for (const std::vector<SharedStringCell> &list : cells) {
        for (const SharedStringCell &cell : list) {
            if (!isInSheet(cell))
                continue;
            QStringList &row = sheet.rows[std::size_t(cell.row)];
            while (!row.isEmpty() && row.constLast().isEmpty())
                row.removeLast();
        }
    }
    while (!sheet.rows.empty() && sheet.rows.back().isEmpty())
        sheet.rows.pop_back();
}

int readSheet(PartStream &stream,
              const std::function<QByteArray()> &whole,
              WorkbookSheet &sheet,
              SharedStringCells &sharedStringCells,
              NumberFormats &formats,
              const XlsxPartReading &how)
{
    if (!how.whole) {
        XmlChunks chunks(stream, "row", SheetWrapper, how.chunkBytes);
        if (readSheetInChunks(
                chunks, threadsFor(stream.size(), how.threads), sheet, sharedStringCells, formats))
            return int(chunks.count());
    }
    readWholeSheet(whole(), sheet, sharedStringCells, formats);
    return 1;
}

} // namespace Bulkmail::Xlsx
