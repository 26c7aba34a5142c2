#include "document/spreadsheetnumberformat.h"
#include "document/workbookpackage.h"
#include "document/workbookreader.h"

#include <atomic>
#include <charconv>
#include <cmath>
#include <cstring>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include <QDateTime>
#include <QHash>

#include <orcus/sax_parser.hpp>

namespace Bulkmail {

namespace {

// An .xlsx read part by part with liborcus's SAX parser (orcus::sax_parser), not through its
// spreadsheet document model (orcus_xlsx): the model tokenises every name, resolves namespaces and
// calls an interface per cell, which cost six times a CSV import of the same list (bench/README.md);
// the parts of SpreadsheetML a recipient list needs are few (ECMA-376 Part 1 §18). Element and
// attribute names are matched by local name, so that prefixed writers (<x:c>) and Strict OOXML,
// which differ only in namespace, read alike.

// Excel's grid: 1,048,576 rows of 16,384 columns (ECMA-376 Part 1 §18.3.1.73).
constexpr int MaxRows = 1048576;
constexpr int MaxColumns = 16384;

QString fromUtf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

template<typename Integer>
std::optional<Integer> toInteger(std::string_view text)
{
    Integer value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

// What runs for every cell and element is kept inline: std::string_view's == is a call into
// libstdc++ and std::from_chars a general parser, each a few percent of a sheet's reading
// (bench/README.md).

// Whether `text` is `literal`.
template<std::size_t Size>
bool is(std::string_view text, const char (&literal)[Size])
{
    return text.size() == Size - 1 && std::memcmp(text.data(), literal, Size - 1) == 0;
}

// A number of at most nine decimal digits, no sign: a row number, a style or a shared string's
// index (none of them reaches a billion).
std::optional<int> toSmallNumber(std::string_view text)
{
    if (text.empty() || text.size() > 9)
        return std::nullopt;
    int value = 0;
    for (const char digit : text) {
        if (digit < '0' || digit > '9')
            return std::nullopt;
        value = value * 10 + (digit - '0');
    }
    return value;
}

bool isTrue(std::string_view value)
{
    return value == "1" || value == "true";
}

template<typename Handler>
void parseXml(const QByteArray &xml, Handler &handler)
{
    orcus::sax_parser<Handler> parser(xml.constData(), std::size_t(xml.size()), handler);
    parser.parse();
}

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

// A part's name from a relationship's target (ECMA-376 Part 2 §9.3): relative to the folder of
// the part that has the relationship ("worksheets/sheet1.xml" from xl/workbook.xml), or absolute
// in the package ("/xl/worksheets/sheet1.xml", as openpyxl writes it).
QByteArray resolveTarget(const QByteArray &sourceFolder, QByteArray target)
{
    if (target.startsWith('/'))
        return target.sliced(1);
    QList<QByteArray> parts = sourceFolder.isEmpty() ? QList<QByteArray>()
                                                     : sourceFolder.split('/');
    for (const QByteArray &segment : target.split('/')) {
        if (segment == "..") {
            if (!parts.isEmpty())
                parts.removeLast();
        } else if (!segment.isEmpty() && segment != ".") {
            parts.append(segment);
        }
    }
    return parts.join('/');
}

// --- _rels/*.rels: Id → (Type, Target) -------------------------------------------------------

struct Relationship
{
    QByteArray id;
    QByteArray type;
    QByteArray target;
};

class RelationshipsHandler final : public orcus::sax_handler
{
public:
    void attribute(const orcus::sax::parser_attribute &attribute)
    {
        const QByteArray value(attribute.value.data(), qsizetype(attribute.value.size()));
        if (attribute.name == "Id")
            m_current.id = value;
        else if (attribute.name == "Type")
            m_current.type = value;
        else if (attribute.name == "Target")
            m_current.target = value;
    }
    void start_element(const orcus::sax::parser_element &element)
    {
        if (element.name == "Relationship")
            relationships.push_back(m_current);
        m_current = {};
    }

    std::vector<Relationship> relationships;

private:
    Relationship m_current;
};

std::vector<Relationship> readRelationships(const WorkbookPackage &package, const QByteArray &part)
{
    const qsizetype slash = part.lastIndexOf('/');
    const QByteArray relsName = (slash < 0 ? QByteArray() : part.first(slash + 1)) + "_rels/"
                                + part.sliced(slash + 1) + ".rels";
    RelationshipsHandler handler;
    if (const auto xml = package.part(relsName))
        parseXml(*xml, handler);
    return handler.relationships;
}

// --- xl/workbook.xml: the sheets in order, their visibility, the date system ------------------

struct SheetEntry
{
    QString name;
    bool isHidden = false;
    QByteArray relationshipId;
};

class WorkbookHandler final : public orcus::sax_handler
{
public:
    void attribute(const orcus::sax::parser_attribute &attribute)
    {
        if (attribute.name == "name")
            m_name = fromUtf8(attribute.value);
        else if (attribute.name == "state")
            m_isHidden = attribute.value == "hidden" || attribute.value == "veryHidden";
        else if (attribute.name == "id" && !attribute.ns.empty())
            m_id = QByteArray(attribute.value.data(), qsizetype(attribute.value.size()));
        else if (attribute.name == "date1904")
            m_date1904 = isTrue(attribute.value);
    }
    void start_element(const orcus::sax::parser_element &element)
    {
        if (element.name == "sheet")
            sheets.push_back({m_name, m_isHidden, m_id});
        else if (element.name == "workbookPr" && m_date1904)
            dateSystem = SpreadsheetNumberFormat::DateSystem::Mac1904;
        m_name.clear();
        m_isHidden = false;
        m_id.clear();
        m_date1904 = false;
    }

    std::vector<SheetEntry> sheets;
    SpreadsheetNumberFormat::DateSystem dateSystem = SpreadsheetNumberFormat::DateSystem::Windows1900;

private:
    QString m_name;
    bool m_isHidden = false;
    QByteArray m_id;
    bool m_date1904 = false;
};

// --- xl/sharedStrings.xml: <si> of <t> or rich-text runs <r><t>; phonetic runs <rPh> are not
// part of the text (§18.4) -------------------------------------------------------------------

class SharedStringsHandler final : public orcus::sax_handler
{
public:
    explicit SharedStringsHandler(const std::atomic<bool> &cancelled)
        : m_cancelled(cancelled)
    {}

    // By length first, as in SheetHandler: one item per string of the workbook.
    void start_element(const orcus::sax::parser_element &element)
    {
        const std::string_view name = element.name;
        if (name.size() == 1 && name[0] == 't') {
            m_inText = m_inItem && !m_inPhonetic;
        } else if (is(name, "si")) {
            m_text.clear();
            m_inItem = true;
        } else if (is(name, "rPh")) {
            m_inPhonetic = true;
        }
    }
    void end_element(const orcus::sax::parser_element &element)
    {
        const std::string_view name = element.name;
        if (name.size() == 1 && name[0] == 't') {
            m_inText = false;
        } else if (is(name, "si")) {
            if (m_cancelled.load(std::memory_order_relaxed))
                throw std::runtime_error("cancelled");
            strings.push_back(fromUtf8(m_text));
            m_inItem = false;
        } else if (is(name, "rPh")) {
            m_inPhonetic = false;
        }
    }
    void characters(std::string_view text, bool)
    {
        if (m_inText)
            m_text.append(text);
    }

    std::vector<QString> strings;

private:
    const std::atomic<bool> &m_cancelled;
    std::string m_text;
    bool m_inItem = false;
    bool m_inPhonetic = false;
    bool m_inText = false;
};

// --- xl/styles.xml: only number formats matter (fonts and fills change how a cell looks, not
// its text): <numFmts><numFmt numFmtId formatCode/> and <cellXfs><xf numFmtId/> ----------------

class StylesHandler final : public orcus::sax_handler
{
public:
    void attribute(const orcus::sax::parser_attribute &attribute)
    {
        if (attribute.name == "numFmtId")
            m_identifier = toInteger<int>(attribute.value).value_or(0);
        else if (attribute.name == "formatCode")
            m_code = fromUtf8(attribute.value);
    }
    void start_element(const orcus::sax::parser_element &element)
    {
        if (element.name == "numFmts")
            m_inNumberFormats = true;
        else if (element.name == "cellXfs")
            m_inCellFormats = true;
        else if (element.name == "numFmt" && m_inNumberFormats)
            codes.insert(m_identifier, m_code);
        else if (element.name == "xf" && m_inCellFormats)
            cellFormats.push_back(m_identifier);
        m_identifier = 0;
        m_code.clear();
    }
    void end_element(const orcus::sax::parser_element &element)
    {
        if (element.name == "numFmts")
            m_inNumberFormats = false;
        else if (element.name == "cellXfs")
            m_inCellFormats = false;
    }

    QHash<int, QString> codes;    // custom number formats by numFmtId
    std::vector<int> cellFormats; // cell format (the s of a cell) → numFmtId

private:
    int m_identifier = 0;
    QString m_code;
    bool m_inNumberFormats = false;
    bool m_inCellFormats = false;
};

class NumberFormats final
{
public:
    NumberFormats(StylesHandler styles, SpreadsheetNumberFormat::DateSystem system)
        : m_styles(std::move(styles))
        , m_system(system)
    {}

    [[nodiscard]] SpreadsheetNumberFormat::DateSystem dateSystem() const { return m_system; }

    // The number format of a cell format (the cell's s), compiled once.
    const SpreadsheetNumberFormat &of(int cellFormat)
    {
        if (cellFormat < 0 || std::size_t(cellFormat) >= m_styles.cellFormats.size())
            return m_general;
        auto found = m_compiled.find(cellFormat);
        if (found == m_compiled.end()) {
            const int identifier = m_styles.cellFormats[std::size_t(cellFormat)];
            const QString code = m_styles.codes.contains(identifier)
                                     ? m_styles.codes.value(identifier)
                                     : SpreadsheetNumberFormat::builtinCode(identifier);
            found = m_compiled.emplace(cellFormat, SpreadsheetNumberFormat(code)).first;
        }
        return found->second;
    }

private:
    StylesHandler m_styles;
    SpreadsheetNumberFormat::DateSystem m_system;
    std::unordered_map<int, SpreadsheetNumberFormat> m_compiled;
    SpreadsheetNumberFormat m_general;
};

// --- a worksheet: <sheetData><row r hidden><c r s t><v/> or <is><t/></is></c></row>, and
// <mergeCells><mergeCell ref/> (§18.3.1) ------------------------------------------------------

// A cell that holds a shared string, filled in once the shared strings are read (they are read
// on another thread while the sheet is parsed). Until then the cell is a null QString.
struct SharedStringCell
{
    int row = 0;
    int column = 0;
    std::size_t index = 0;
};

// Fills in the shared strings of a sheet read by SheetHandler, then drops what reads as empty
// at the ends (a shared string may be empty, or its index out of range), as if each cell had
// held its text from the start. The cells are visited last to first and only null ones are
// filled: of two cells at one place, the later one wins, as it did while parsing.
void resolveSharedStrings(WorkbookSheet &sheet,
                          const std::vector<SharedStringCell> &cells,
                          const std::vector<QString> &strings)
{
    for (auto cell = cells.crbegin(); cell != cells.crend(); ++cell) {
        QStringList &row = sheet.rows[std::size_t(cell->row)];
        if (cell->column >= row.size() || !row[cell->column].isNull())
            continue;
        row[cell->column] = cell->index < strings.size() ? strings[cell->index]
                                                         : QStringLiteral("");
    }
    for (const SharedStringCell &cell : cells) {
        QStringList &row = sheet.rows[std::size_t(cell.row)];
        while (!row.isEmpty() && row.constLast().isEmpty())
            row.removeLast();
    }
    while (!sheet.rows.empty() && sheet.rows.back().isEmpty())
        sheet.rows.pop_back();
}

class SheetHandler final : public orcus::sax_handler
{
public:
    SheetHandler(WorkbookSheet &sheet,
                 std::vector<SharedStringCell> &sharedStringCells,
                 NumberFormats &formats)
        : m_sheet(sheet)
        , m_sharedStringCells(sharedStringCells)
        , m_formats(formats)
    {}

    // Names are told apart by their length first: these handlers run for every cell.
    void attribute(const orcus::sax::parser_attribute &attribute)
    {
        const std::string_view name = attribute.name;
        const std::string_view value = attribute.value;
        if (name.size() == 1) {
            if (name[0] == 'r')
                m_reference = attribute.transient ? keep(m_referenceBuffer, value) : value;
            else if (name[0] == 't')
                m_type = attribute.transient ? keep(m_typeBuffer, value) : value;
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
        const std::string_view name = element.name;
        if (name.size() == 1) {
            if (name[0] == 'c')
                startCell();
            // <t> counts inside an inline string only, and not in its phonetic runs.
            else if (name[0] == 'v' || name[0] == 't')
                m_inValue = m_inCell && (name[0] == 'v' || (m_inInlineString && !m_inPhonetic));
        } else if (is(name, "row")) {
            startRow();
        } else if (is(name, "is")) {
            m_inInlineString = m_inCell;
        } else if (is(name, "rPh")) {
            m_inPhonetic = true;
        } else if (is(name, "mergeCell")) {
            addMergedRange();
        }
        m_reference = {};
        m_type = {};
        m_style = -1;
        m_isHidden = false;
        m_range = {};
    }

    void end_element(const orcus::sax::parser_element &element)
    {
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
            endRow();
        }
    }

    void characters(std::string_view text, bool)
    {
        if (m_inValue)
            m_value.append(text);
    }

private:
    static std::string_view keep(std::string &buffer, std::string_view value)
    {
        buffer.assign(value);
        return buffer;
    }

    void startRow()
    {
        const auto number = toSmallNumber(m_reference);
        m_row = number && *number >= 1 && *number <= MaxRows ? *number - 1 : m_row + 1;
        m_column = -1;
        if (m_isHidden && m_row < MaxRows)
            m_sheet.hiddenRows.append(m_row);
        m_cells.clear();
        m_cells.reserve(m_rowWidth); // rows of a list are alike: one allocation a row
        m_firstSharedStringCell = m_sharedStringCells.size();
    }

    // Only cells with text or a shared string are stored, so a row ends with one of them.
    void endRow()
    {
        if (m_cells.isEmpty() || m_row < 0 || m_row >= MaxRows) {
            m_sharedStringCells.resize(m_firstSharedStringCell);
            return;
        }
        m_rowWidth = m_cells.size();
        if (std::size_t(m_row) >= m_sheet.rows.size())
            m_sheet.rows.resize(std::size_t(m_row) + 1);
        QStringList &row = m_sheet.rows[std::size_t(m_row)];
        if (!row.isEmpty()) {
            // The row number came before (a damaged file): this row replaces that one, as it
            // did before shared strings were filled in later, so that one's shared strings go.
            const auto end = m_sharedStringCells.begin() + qsizetype(m_firstSharedStringCell);
            const auto kept = std::remove_if(m_sharedStringCells.begin(),
                                             end,
                                             [this](const auto &cell) { return cell.row == m_row; });
            m_sharedStringCells.erase(kept, end);
        }
        row = std::move(m_cells);
        m_cells = QStringList();
    }

    void startCell()
    {
        int row = m_row;
        int column = m_column + 1;
        if (!m_reference.empty())
            parseCellReference(m_reference, row, column); // keeps the running position if bad
        m_column = column;
        // A decoded value lives in a buffer the cell's own elements may reuse.
        m_cellType = m_type.data() == m_typeBuffer.data() ? keep(m_cellTypeBuffer, m_type) : m_type;
        m_cellStyle = m_style;
        m_value.clear();
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
        QString text;
        if (is(m_cellType, "s")) {
            const auto index = toSmallNumber(m_value);
            if (!index)
                return;
            m_sharedStringCells.push_back({m_row, m_column, std::size_t(*index)});
        } else {
            text = cellText();
            if (text.isEmpty())
                return;
        }
        while (m_cells.size() < m_column)
            m_cells.append(QString());
        if (m_cells.size() == m_column)
            m_cells.append(std::move(text));
        else
            m_cells[m_column] = std::move(text);
    }

    // The cell as the spreadsheet shows it (§18.18.11 ST_CellType), but for a shared string
    // (endCell()): inline or formula text, a boolean, an error as written (#N/A), an ISO 8601
    // date, or a number through its number format. A formula's cell holds its stored result in <v>.
    QString cellText()
    {
        const std::string_view type = m_cellType;
        if (is(type, "inlineStr") || is(type, "str") || is(type, "e"))
            return fromUtf8(m_value);
        if (is(type, "b"))
            return is(m_value, "1")  ? QStringLiteral("TRUE")
                   : m_value.empty() ? QString()
                                     : QStringLiteral("FALSE");
        if (m_value.empty())
            return {};
        const SpreadsheetNumberFormat &format = m_formats.of(m_cellStyle);
        if (is(type, "d")) {
            const QDateTime dateTime = QDateTime::fromString(fromUtf8(m_value), Qt::ISODateWithMs);
            if (!dateTime.isValid())
                return fromUtf8(m_value);
            if (!format.isDateTime())
                return format.formatDateTime(dateTime);
            const QDateTime epoch(QDate(1899, 12, 30), QTime(0, 0));
            const double serial = double(epoch.msecsTo(dateTime)) / 86400000.0;
            return format.format(serial, SpreadsheetNumberFormat::DateSystem::Windows1900);
        }
        double number = 0;
        const auto [end, error] = std::from_chars(m_value.data(),
                                                  m_value.data() + m_value.size(),
                                                  number);
        if (error != std::errc() || end != m_value.data() + m_value.size())
            return fromUtf8(m_value);
        return format.format(number, m_formats.dateSystem());
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
    std::vector<SharedStringCell> &m_sharedStringCells;
    std::size_t m_firstSharedStringCell = 0; // of the row being read
    NumberFormats &m_formats;

    // The attributes of the element being opened.
    std::string_view m_reference;
    std::string_view m_type;
    int m_style = -1;
    bool m_isHidden = false;
    std::string_view m_range;
    std::string m_referenceBuffer;
    std::string m_typeBuffer;
    std::string m_rangeBuffer;

    int m_row = -1;
    int m_column = -1;
    QStringList m_cells;
    qsizetype m_rowWidth = 0; // of the last row that held a value
    bool m_inCell = false;
    std::string_view m_cellType;
    std::string m_cellTypeBuffer;
    int m_cellStyle = -1;
    bool m_inValue = false;
    bool m_inInlineString = false;
    bool m_inPhonetic = false;
    std::string m_value;
};

QByteArray relationshipTarget(const std::vector<Relationship> &relationships,
                              const QByteArray &folder,
                              QByteArrayView typeSuffix,
                              const QByteArray &fallback)
{
    for (const Relationship &relationship : relationships) {
        if (relationship.type.endsWith(typeSuffix))
            return resolveTarget(folder, relationship.target);
    }
    return fallback;
}

// The shared strings read on a thread of their own while the caller parses the sheets: in a list
// written by Excel, WPS or LibreOffice they are the second biggest part (two fifths of the XML),
// and unpacking, checking and parsing them needs nothing from the sheets (bench/README.md). The
// thread has its own reader of the package. It ends before this object is gone on every path:
// the destructor tells it to stop at its next string and waits; an error it meets comes back
// from strings().
class SharedStringsReader final
{
public:
    SharedStringsReader(const WorkbookPackage &package, QByteArray part)
    {
        if (!package.contains(part))
            return; // as openpyxl writes: inline strings only
        const auto read = [this, &package, part = std::move(part)] {
            const auto own = package.reopen();
            if (!own)
                throw std::invalid_argument(own.error().message.toStdString());
            SharedStringsHandler handler(m_cancelled);
            if (const auto xml = (*own)->part(part))
                parseXml(*xml, handler);
            return std::move(handler.strings);
        };
        try {
            m_strings = std::async(std::launch::async, read);
        } catch (const std::system_error &) {
            m_strings = std::async(std::launch::deferred, read); // no thread to be had: read later
        }
    }
    ~SharedStringsReader()
    {
        m_cancelled = true;
        if (m_strings.valid())
            m_strings.wait();
    }
    SharedStringsReader(const SharedStringsReader &) = delete;
    SharedStringsReader &operator=(const SharedStringsReader &) = delete;

    // Waits for the strings; throws what the thread threw. Once only.
    std::vector<QString> strings()
    {
        return m_strings.valid() ? m_strings.get() : std::vector<QString>();
    }

private:
    std::atomic<bool> m_cancelled = false;
    std::future<std::vector<QString>> m_strings;
};

} // namespace

Result<std::vector<WorkbookSheet>> readXlsxPackage(const WorkbookPackage &package)
{
    try {
        // The workbook part: named by the package's relationships (§9.3), usually xl/workbook.xml.
        const QByteArray workbookPart = relationshipTarget(readRelationships(package, {}),
                                                           {},
                                                           "/officeDocument",
                                                           "xl/workbook.xml");
        const auto workbookXml = package.part(workbookPart);
        if (!workbookXml)
            return tl::make_unexpected(damagedWorkbookError(QStringLiteral("no workbook part")));
        WorkbookHandler workbook;
        parseXml(*workbookXml, workbook);

        const qsizetype slash = workbookPart.lastIndexOf('/');
        const QByteArray folder = slash < 0 ? QByteArray() : workbookPart.first(slash);
        const std::vector<Relationship> relationships = readRelationships(package, workbookPart);

        StylesHandler styles;
        if (const auto xml = package.part(
                relationshipTarget(relationships, folder, "/styles", folder + "/styles.xml"))) {
            parseXml(*xml, styles);
        }
        NumberFormats formats(std::move(styles), workbook.dateSystem);

        SharedStringsReader sharedStrings(package,
                                          relationshipTarget(relationships,
                                                             folder,
                                                             "/sharedStrings",
                                                             folder + "/sharedStrings.xml"));

        std::vector<WorkbookSheet> sheets;
        std::vector<std::vector<SharedStringCell>> sharedStringCells(workbook.sheets.size());
        sheets.reserve(workbook.sheets.size());
        for (const SheetEntry &entry : workbook.sheets) {
            std::vector<SharedStringCell> &cells = sharedStringCells[sheets.size()];
            WorkbookSheet sheet;
            sheet.name = entry.name;
            sheet.isHidden = entry.isHidden;
            const auto relationship = std::find_if(relationships.cbegin(),
                                                   relationships.cend(),
                                                   [&entry](const Relationship &each) {
                                                       return each.id == entry.relationshipId;
                                                   });
            // A chart sheet has no cells; a sheet whose part is missing reads as empty.
            if (relationship != relationships.cend() && relationship->type.endsWith("/worksheet")) {
                if (const auto xml = package.part(resolveTarget(folder, relationship->target))) {
                    SheetHandler handler(sheet, cells, formats);
                    parseXml(*xml, handler);
                }
            }
            sheets.push_back(std::move(sheet));
        }
        const std::vector<QString> strings = sharedStrings.strings();
        for (std::size_t i = 0; i < sheets.size(); ++i)
            resolveSharedStrings(sheets[i], sharedStringCells[i], strings);
        return sheets;
    } catch (const std::exception &error) {
        return tl::make_unexpected(damagedWorkbookError(QString::fromUtf8(error.what())));
    }
}

} // namespace Bulkmail
