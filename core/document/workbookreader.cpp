#include "workbookreader.h"

#include "common/fileio.h"
#include "document/spreadsheetnumberformat.h"
#include "document/workbookpackage.h"

#include <cctype>
#include <cmath>
#include <exception>
#include <optional>
#include <stdexcept>
#include <unordered_map>

#include <QFile>
#include <QScopeGuard>
#include <QXmlStreamReader>

#include <freexl.h>
#include <orcus/exception.hpp>
#include <orcus/orcus_xlsx.hpp>
#include <orcus/spreadsheet/import_interface.hpp>

namespace Bulkmail {

namespace {

namespace ss = orcus::spreadsheet;

// Excel's grid: 1,048,576 rows of 16,384 columns (ECMA-376 Part 1 §18.3.1.73).
constexpr ss::row_t MaxRows = 1048576;
constexpr ss::col_t MaxColumns = 16384;

QString fromUtf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// A cell as the file stores it; turned into text once every style is known.
struct RawCell
{
    enum class Type : quint8 { Empty, Number, String, Boolean, DateTime };
    Type type = Type::Empty;
    qint32 format = -1; // the cell's xf index; -1: none given
    double number = 0;  // Number, Boolean; DateTime as a 1900-system serial
    quint32 string = 0; // index into the shared strings
};

struct FormatRange
{
    ss::range_t range;
    std::size_t format;
};

class Strings final : public ss::iface::import_shared_strings
{
public:
    std::size_t append(std::string_view text) override
    {
        m_strings.push_back(fromUtf8(text));
        return m_strings.size() - 1;
    }
    std::size_t add(std::string_view text) override
    {
        const QString value = fromUtf8(text);
        const auto found = m_index.find(value);
        if (found != m_index.end())
            return found->second;
        m_strings.push_back(value);
        m_index.emplace(value, m_strings.size() - 1);
        return m_strings.size() - 1;
    }
    void set_segment_font(std::size_t) override {}
    void set_segment_bold(bool) override {}
    void set_segment_italic(bool) override {}
    void set_segment_font_name(std::string_view) override {}
    void set_segment_font_size(double) override {}
    void set_segment_font_color(ss::color_elem_t,
                                ss::color_elem_t,
                                ss::color_elem_t,
                                ss::color_elem_t) override
    {}
    void append_segment(std::string_view text) override { m_segments += fromUtf8(text); }
    std::size_t commit_segments() override
    {
        m_strings.push_back(std::exchange(m_segments, QString()));
        return m_strings.size() - 1;
    }

    [[nodiscard]] QString at(std::size_t index) const
    {
        return index < m_strings.size() ? m_strings[index] : QString();
    }

private:
    std::vector<QString> m_strings;
    std::unordered_map<QString, std::size_t> m_index;
    QString m_segments;
};

// Only number formats matter: fonts, fills and borders change how a cell looks, not its text.
class Styles final : public ss::iface::import_styles
{
public:
    void set_font_count(std::size_t) override {}
    void set_font_bold(bool) override {}
    void set_font_italic(bool) override {}
    void set_font_name(std::string_view) override {}
    void set_font_size(double) override {}
    void set_font_underline(ss::underline_t) override {}
    void set_font_underline_width(ss::underline_width_t) override {}
    void set_font_underline_mode(ss::underline_mode_t) override {}
    void set_font_underline_type(ss::underline_type_t) override {}
    void set_font_underline_color(ss::color_elem_t,
                                  ss::color_elem_t,
                                  ss::color_elem_t,
                                  ss::color_elem_t) override
    {}
    void set_font_color(ss::color_elem_t,
                        ss::color_elem_t,
                        ss::color_elem_t,
                        ss::color_elem_t) override
    {}
    void set_strikethrough_style(ss::strikethrough_style_t) override {}
    void set_strikethrough_type(ss::strikethrough_type_t) override {}
    void set_strikethrough_width(ss::strikethrough_width_t) override {}
    void set_strikethrough_text(ss::strikethrough_text_t) override {}
    std::size_t commit_font() override { return m_fontCount++; }
    void set_fill_count(std::size_t) override {}
    void set_fill_pattern_type(ss::fill_pattern_t) override {}
    void set_fill_fg_color(ss::color_elem_t,
                           ss::color_elem_t,
                           ss::color_elem_t,
                           ss::color_elem_t) override
    {}
    void set_fill_bg_color(ss::color_elem_t,
                           ss::color_elem_t,
                           ss::color_elem_t,
                           ss::color_elem_t) override
    {}
    std::size_t commit_fill() override { return m_fillCount++; }
    void set_border_count(std::size_t) override {}
    void set_border_style(ss::border_direction_t, ss::border_style_t) override {}
    void set_border_color(ss::border_direction_t,
                          ss::color_elem_t,
                          ss::color_elem_t,
                          ss::color_elem_t,
                          ss::color_elem_t) override
    {}
    void set_border_width(ss::border_direction_t, double, orcus::length_unit_t) override {}
    std::size_t commit_border() override { return m_borderCount++; }
    void set_cell_hidden(bool) override {}
    void set_cell_locked(bool) override {}
    void set_cell_print_content(bool) override {}
    void set_cell_formula_hidden(bool) override {}
    std::size_t commit_cell_protection() override { return m_protectionCount++; }

    void set_number_format_count(std::size_t) override {}
    void set_number_format_identifier(std::size_t identifier) override
    {
        m_pendingIdentifier = identifier;
    }
    void set_number_format_code(std::string_view code) override { m_pendingCode = fromUtf8(code); }
    std::size_t commit_number_format() override
    {
        const std::size_t index = m_numberFormats.size();
        m_numberFormats.push_back({m_pendingIdentifier.value_or(index), m_pendingCode});
        m_pendingIdentifier.reset();
        m_pendingCode.clear();
        return index;
    }

    void set_cell_xf_count(std::size_t) override {}
    void set_cell_style_xf_count(std::size_t) override {}
    void set_dxf_count(std::size_t) override {}
    void set_xf_font(std::size_t) override {}
    void set_xf_fill(std::size_t) override {}
    void set_xf_border(std::size_t) override {}
    void set_xf_protection(std::size_t) override {}
    void set_xf_number_format(std::size_t index) override { m_pendingXfFormat = index; }
    void set_xf_style_xf(std::size_t) override {}
    void set_xf_apply_alignment(bool) override {}
    void set_xf_horizontal_alignment(ss::hor_alignment_t) override {}
    void set_xf_vertical_alignment(ss::ver_alignment_t) override {}
    std::size_t commit_cell_xf() override
    {
        m_cellXfs.push_back(std::exchange(m_pendingXfFormat, 0));
        return m_cellXfs.size() - 1;
    }
    std::size_t commit_cell_style_xf() override
    {
        m_pendingXfFormat = 0;
        return m_styleXfCount++;
    }
    std::size_t commit_dxf() override
    {
        m_pendingXfFormat = 0;
        return m_dxfCount++;
    }
    void set_cell_style_count(std::size_t) override {}
    void set_cell_style_name(std::string_view) override {}
    void set_cell_style_xf(std::size_t) override {}
    void set_cell_style_builtin(std::size_t) override {}
    void set_cell_style_parent_name(std::string_view) override {}
    std::size_t commit_cell_style() override { return m_cellStyleCount++; }

    // The number format of a cell format, compiled once.
    const SpreadsheetNumberFormat &numberFormat(qint32 xf)
    {
        if (xf < 0 || std::size_t(xf) >= m_cellXfs.size())
            return m_general;
        auto found = m_compiled.find(xf);
        if (found == m_compiled.end())
            found = m_compiled.emplace(xf, SpreadsheetNumberFormat(codeOf(m_cellXfs[xf]))).first;
        return found->second;
    }

private:
    // A cell format names its number format by identifier (numFmtId): a custom one from
    // styles.xml, else a built-in one.
    [[nodiscard]] QString codeOf(std::size_t identifier) const
    {
        for (const NumberFormat &format : m_numberFormats) {
            if (format.identifier == identifier)
                return format.code;
        }
        return SpreadsheetNumberFormat::builtinCode(int(identifier));
    }

    struct NumberFormat
    {
        std::size_t identifier;
        QString code;
    };

    std::vector<NumberFormat> m_numberFormats;
    std::vector<std::size_t> m_cellXfs; // xf index → number format reference
    std::unordered_map<qint32, SpreadsheetNumberFormat> m_compiled;
    SpreadsheetNumberFormat m_general;
    std::optional<std::size_t> m_pendingIdentifier;
    QString m_pendingCode;
    std::size_t m_pendingXfFormat = 0;
    std::size_t m_fontCount = 0;
    std::size_t m_fillCount = 0;
    std::size_t m_borderCount = 0;
    std::size_t m_protectionCount = 0;
    std::size_t m_styleXfCount = 0;
    std::size_t m_dxfCount = 0;
    std::size_t m_cellStyleCount = 0;
};

class Sheet final : public ss::iface::import_sheet,
                    public ss::iface::import_sheet_properties,
                    public ss::iface::import_formula
{
public:
    explicit Sheet(QString name)
        : m_name(std::move(name))
    {}

    ss::iface::import_sheet_properties *get_sheet_properties() override { return this; }
    ss::iface::import_formula *get_formula() override { return this; }

    void set_auto(ss::row_t row, ss::col_t col, std::string_view text) override
    {
        if (RawCell *target = cell(row, col)) {
            target->type = RawCell::Type::String;
            target->string = quint32(m_autoStrings->add(text));
        }
    }
    void set_string(ss::row_t row, ss::col_t col, ss::string_id_t index) override
    {
        if (RawCell *target = cell(row, col)) {
            target->type = RawCell::Type::String;
            target->string = index;
        }
    }
    void set_value(ss::row_t row, ss::col_t col, double value) override
    {
        setNumber(row, col, RawCell::Type::Number, value);
    }
    void set_bool(ss::row_t row, ss::col_t col, bool value) override
    {
        setNumber(row, col, RawCell::Type::Boolean, value ? 1 : 0);
    }
    void set_date_time(ss::row_t row,
                       ss::col_t col,
                       int year,
                       int month,
                       int day,
                       int hour,
                       int minute,
                       double second) override
    {
        const double days = double(QDate(1899, 12, 30).daysTo(QDate(year, month, day)));
        const double fraction = (hour * 3600 + minute * 60 + second) / 86400.0;
        setNumber(row, col, RawCell::Type::DateTime, days + fraction);
    }
    void set_format(ss::row_t row, ss::col_t col, std::size_t format) override
    {
        if (RawCell *target = cell(row, col))
            target->format = qint32(format);
    }
    void set_format(ss::row_t firstRow,
                    ss::col_t firstColumn,
                    ss::row_t lastRow,
                    ss::col_t lastColumn,
                    std::size_t format) override
    {
        // Whole columns and rows are formatted this way: kept as ranges, applied to the cells
        // that hold a value (formatting alone makes no cell).
        m_formatRanges.push_back({{{firstRow, firstColumn}, {lastRow, lastColumn}}, format});
    }
    void fill_down_cells(ss::row_t sourceRow, ss::col_t column, ss::row_t count) override
    {
        const RawCell *source = cell(sourceRow, column);
        if (!source)
            return;
        const RawCell copy = *source;
        for (ss::row_t row = sourceRow + 1; row <= sourceRow + count; ++row) {
            if (RawCell *target = cell(row, column))
                *target = copy;
        }
    }
    ss::range_size_t get_sheet_size() const override { return {MaxRows, MaxColumns}; }

    // import_sheet_properties
    void set_column_width(ss::col_t, double, orcus::length_unit_t) override {}
    void set_column_hidden(ss::col_t, bool) override {}
    void set_row_height(ss::row_t, double, orcus::length_unit_t) override {}
    void set_row_hidden(ss::row_t row, bool isHidden) override
    {
        if (isHidden)
            m_hiddenRows.append(row);
        else
            m_hiddenRows.removeAll(row);
    }
    void set_merge_cell_range(const ss::range_t &range) override
    {
        m_mergedCells.append(
            {range.first.row, range.first.column, range.last.row, range.last.column});
    }

    // import_formula: the stored result stands for the formula, as the spreadsheet shows it.
    void set_position(ss::row_t row, ss::col_t col) override
    {
        m_formulaRow = row;
        m_formulaColumn = col;
        m_formulaResult.reset();
    }
    void set_formula(ss::formula_grammar_t, std::string_view) override {}
    void set_shared_formula_index(std::size_t) override {}
    void set_result_string(std::string_view text) override
    {
        RawCell result;
        result.type = RawCell::Type::String;
        result.string = quint32(m_autoStrings->append(text));
        m_formulaResult = result;
    }
    void set_result_value(double value) override
    {
        RawCell result;
        result.type = RawCell::Type::Number;
        result.number = value;
        m_formulaResult = result;
    }
    void set_result_bool(bool value) override
    {
        RawCell result;
        result.type = RawCell::Type::Boolean;
        result.number = value ? 1 : 0;
        m_formulaResult = result;
    }
    void set_result_empty() override { m_formulaResult.reset(); }
    void commit() override
    {
        RawCell *target = cell(m_formulaRow, m_formulaColumn);
        if (target && m_formulaResult) {
            const qint32 format = target->format;
            *target = *m_formulaResult;
            target->format = format;
        }
    }

    void setStrings(Strings *strings) { m_autoStrings = strings; }

    [[nodiscard]] WorkbookSheet toSheet(const Strings &strings,
                                        Styles &styles,
                                        SpreadsheetNumberFormat::DateSystem system) const
    {
        WorkbookSheet sheet;
        sheet.name = m_name;
        sheet.hiddenRows = m_hiddenRows;
        sheet.mergedCells = m_mergedCells;
        sheet.rows.resize(m_rows.size());
        for (std::size_t row = 0; row < m_rows.size(); ++row) {
            const std::vector<RawCell> &cells = m_rows[row];
            QStringList &texts = sheet.rows[row];
            std::size_t used = cells.size();
            while (used > 0 && cells[used - 1].type == RawCell::Type::Empty)
                --used;
            texts.reserve(qsizetype(used));
            for (std::size_t column = 0; column < used; ++column)
                texts.append(textOf(
                    cells[column], ss::row_t(row), ss::col_t(column), strings, styles, system));
        }
        return sheet;
    }

private:
    RawCell *cell(ss::row_t row, ss::col_t column)
    {
        if (row < 0 || row >= MaxRows || column < 0 || column >= MaxColumns)
            return nullptr;
        if (std::size_t(row) >= m_rows.size())
            m_rows.resize(std::size_t(row) + 1);
        std::vector<RawCell> &cells = m_rows[std::size_t(row)];
        if (std::size_t(column) >= cells.size())
            cells.resize(std::size_t(column) + 1);
        return &cells[std::size_t(column)];
    }

    void setNumber(ss::row_t row, ss::col_t column, RawCell::Type type, double value)
    {
        if (RawCell *target = cell(row, column)) {
            target->type = type;
            target->number = value;
        }
    }

    [[nodiscard]] qint32 formatOf(const RawCell &raw, ss::row_t row, ss::col_t column) const
    {
        if (raw.format >= 0)
            return raw.format;
        for (auto range = m_formatRanges.crbegin(); range != m_formatRanges.crend(); ++range) {
            if (row >= range->range.first.row && row <= range->range.last.row
                && column >= range->range.first.column && column <= range->range.last.column) {
                return qint32(range->format);
            }
        }
        return -1;
    }

    [[nodiscard]] QString textOf(const RawCell &raw,
                                 ss::row_t row,
                                 ss::col_t column,
                                 const Strings &strings,
                                 Styles &styles,
                                 SpreadsheetNumberFormat::DateSystem system) const
    {
        switch (raw.type) {
        case RawCell::Type::Empty:
            return {};
        case RawCell::Type::String:
            return strings.at(raw.string);
        case RawCell::Type::Boolean:
            return raw.number != 0 ? QStringLiteral("TRUE") : QStringLiteral("FALSE");
        case RawCell::Type::Number:
            return styles.numberFormat(formatOf(raw, row, column)).format(raw.number, system);
        case RawCell::Type::DateTime: {
            const SpreadsheetNumberFormat &format = styles.numberFormat(formatOf(raw, row, column));
            if (format.isDateTime())
                return format.format(raw.number, SpreadsheetNumberFormat::DateSystem::Windows1900);
            const auto days = qint64(std::floor(raw.number));
            const auto seconds = int(std::llround((raw.number - double(days)) * 86400));
            return format.formatDateTime(
                QDateTime(QDate(1899, 12, 30).addDays(days), QTime(0, 0).addSecs(seconds)));
        }
        }
        return {};
    }

    QString m_name;
    Strings *m_autoStrings = nullptr;
    std::vector<std::vector<RawCell>> m_rows;
    std::vector<FormatRange> m_formatRanges;
    QList<int> m_hiddenRows;
    QList<CellRange> m_mergedCells;
    ss::row_t m_formulaRow = -1;
    ss::col_t m_formulaColumn = -1;
    std::optional<RawCell> m_formulaResult;
};

class Settings final : public ss::iface::import_global_settings
{
public:
    void set_origin_date(int year, int, int) override
    {
        m_system = year == 1904 ? SpreadsheetNumberFormat::DateSystem::Mac1904
                                : SpreadsheetNumberFormat::DateSystem::Windows1900;
    }
    void set_default_formula_grammar(ss::formula_grammar_t grammar) override
    {
        m_grammar = grammar;
    }
    ss::formula_grammar_t get_default_formula_grammar() const override { return m_grammar; }
    void set_character_set(orcus::character_set_t) override {}

    [[nodiscard]] SpreadsheetNumberFormat::DateSystem dateSystem() const { return m_system; }

private:
    SpreadsheetNumberFormat::DateSystem m_system = SpreadsheetNumberFormat::DateSystem::Windows1900;
    ss::formula_grammar_t m_grammar = ss::formula_grammar_t::unknown;
};

// "B7" and "A1:K41" in A1 notation, as sheet XML writes them (the <dimension> of a sheet).
class Resolver final : public ss::iface::import_reference_resolver
{
public:
    ss::src_address_t resolve_address(std::string_view address) override
    {
        ss::src_address_t result{0, 0, 0};
        std::size_t i = 0;
        while (i < address.size() && address[i] == '$')
            ++i;
        int column = 0;
        for (; i < address.size() && std::isalpha(static_cast<unsigned char>(address[i])); ++i)
            column = column * 26 + (std::toupper(static_cast<unsigned char>(address[i])) - 'A' + 1);
        while (i < address.size() && address[i] == '$')
            ++i;
        int row = 0;
        for (; i < address.size() && std::isdigit(static_cast<unsigned char>(address[i])); ++i)
            row = row * 10 + (address[i] - '0');
        if (i != address.size() || column == 0 || row == 0)
            throw orcus::invalid_arg_error("not an A1 address");
        result.row = row - 1;
        result.column = column - 1;
        return result;
    }
    ss::src_range_t resolve_range(std::string_view range) override
    {
        const std::size_t colon = range.find(':');
        const ss::src_address_t first = resolve_address(range.substr(0, colon));
        if (colon == std::string_view::npos)
            return {first, first};
        return {first, resolve_address(range.substr(colon + 1))};
    }
};

class Factory final : public ss::iface::import_factory
{
public:
    ss::iface::import_global_settings *get_global_settings() override { return &m_settings; }
    ss::iface::import_shared_strings *get_shared_strings() override { return &m_strings; }
    ss::iface::import_styles *get_styles() override { return &m_styles; }
    ss::iface::import_reference_resolver *get_reference_resolver(ss::formula_ref_context_t) override
    {
        return &m_resolver;
    }
    ss::iface::import_sheet *append_sheet(ss::sheet_t, std::string_view name) override
    {
        m_sheets.push_back(std::make_unique<Sheet>(fromUtf8(name)));
        m_sheets.back()->setStrings(&m_strings);
        m_names.push_back(std::string(name));
        return m_sheets.back().get();
    }
    ss::iface::import_sheet *get_sheet(std::string_view name) override
    {
        for (std::size_t i = 0; i < m_names.size(); ++i) {
            if (m_names[i] == name)
                return m_sheets[i].get();
        }
        return nullptr;
    }
    ss::iface::import_sheet *get_sheet(ss::sheet_t index) override
    {
        return index >= 0 && std::size_t(index) < m_sheets.size() ? m_sheets[index].get() : nullptr;
    }
    void finalize() override {}

    // Once: each sheet's cells are released as soon as they are text.
    [[nodiscard]] std::vector<WorkbookSheet> takeSheets()
    {
        std::vector<WorkbookSheet> sheets;
        sheets.reserve(m_sheets.size());
        for (auto &sheet : m_sheets) {
            sheets.push_back(sheet->toSheet(m_strings, m_styles, m_settings.dateSystem()));
            sheet.reset();
        }
        m_sheets.clear();
        m_names.clear();
        return sheets;
    }

private:
    Settings m_settings;
    Resolver m_resolver;
    Strings m_strings;
    Styles m_styles;
    std::vector<std::unique_ptr<Sheet>> m_sheets;
    std::vector<std::string> m_names;
};

// --- Hidden sheets: liborcus 0.17 does not report them, the workbook's XML says so -----------

// xl/workbook.xml: <sheet name="..." state="hidden|veryHidden"> (ECMA-376 Part 1 §18.2.19).
QStringList hiddenXlsxSheets(const QByteArray &bytes)
{
    QStringList hidden;
    const auto workbook = readZipEntry(bytes, "xl/workbook.xml");
    if (!workbook)
        return hidden;
    QXmlStreamReader xml(*workbook);
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == u"sheets")
            break;
        if (xml.isStartElement() && xml.name() == u"sheet") {
            const auto state = xml.attributes().value(QLatin1String("state"));
            if (state == u"hidden" || state == u"veryHidden")
                hidden.append(xml.attributes().value(QLatin1String("name")).toString());
        }
    }
    return hidden;
}

Result<std::vector<WorkbookSheet>> readXlsx(const QByteArray &bytes,
                                            const std::vector<ZipDirectoryEntry> &directory)
{
    Factory factory;
    QStringList hidden;
    try {
        const QByteArray readable = readableByOrcus(bytes, directory);
        orcus::orcus_xlsx reader(&factory);
        reader.read_stream(std::string_view(readable.constData(), std::size_t(readable.size())));
        hidden = hiddenXlsxSheets(bytes);
    } catch (const std::exception &error) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("the workbook cannot be read (%1); open it in the "
                                        "spreadsheet application and save it again")
                             .arg(QString::fromUtf8(error.what())));
    }
    std::vector<WorkbookSheet> sheets = factory.takeSheets();
    for (WorkbookSheet &sheet : sheets)
        sheet.isHidden = hidden.contains(sheet.name);
    return sheets;
}

Result<std::vector<WorkbookSheet>> readOds(const QByteArray &bytes,
                                           const std::vector<ZipDirectoryEntry> &directory)
{
    std::optional<QByteArray> content;
    try {
        content = readZipEntry(bytes, "content.xml");
        if (content && !matchesDirectory(directory, "content.xml", *content))
            throw std::invalid_argument("content.xml is damaged (its CRC differs)");
    } catch (const std::exception &error) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("the workbook cannot be read (%1); open it in the "
                                        "spreadsheet application and save it again")
                             .arg(QString::fromUtf8(error.what())));
    }
    if (!content) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("the workbook cannot be read (it has no content.xml); "
                                        "open it in the spreadsheet application and save it "
                                        "again"));
    }
    return readOdsContent(*content);
}

// FreeXL gives values, not formats: numbers are written as "General", dates as ISO 8601.
// Known limit: a local libFuzzer run found FreeXL 1.0.6 (Debian 12) overflowing a stack buffer
// inside freexl_open() on a damaged .xls (in its iconv decoding); nothing outside the library
// can check for that first, so an .xls is only as safe as FreeXL.
Result<std::vector<WorkbookSheet>> readWithFreexl(const QString &path)
{
    const void *handle = nullptr;
    const QByteArray encodedPath = QFile::encodeName(path);
    const int opened = freexl_open(encodedPath.constData(), &handle);
    const auto closer = qScopeGuard([handle] { freexl_close(handle); });
    if (opened != FREEXL_OK) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("the .xls workbook cannot be read (FreeXL error %1); "
                                        "open it in the spreadsheet application and save it "
                                        "as .xlsx")
                             .arg(opened));
    }
    unsigned int sheetCount = 0;
    if (freexl_get_info(handle, FREEXL_BIFF_SHEET_COUNT, &sheetCount) != FREEXL_OK)
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("the .xls workbook has no sheets"));
    std::vector<WorkbookSheet> sheets;
    for (unsigned short index = 0; index < sheetCount; ++index) {
        WorkbookSheet sheet;
        const char *name = nullptr;
        if (freexl_get_worksheet_name(handle, index, &name) == FREEXL_OK && name)
            sheet.name = QString::fromUtf8(name);
        unsigned int rows = 0;
        unsigned short columns = 0;
        if (freexl_select_active_worksheet(handle, index) != FREEXL_OK
            || freexl_worksheet_dimensions(handle, &rows, &columns) != FREEXL_OK) {
            return makeError(ErrorCode::InvalidFormat,
                             QStringLiteral("the sheet %1 of the .xls workbook cannot be read")
                                 .arg(index + 1));
        }
        sheet.rows.resize(rows);
        for (unsigned int row = 0; row < rows; ++row) {
            QStringList &texts = sheet.rows[row];
            for (unsigned short column = 0; column < columns; ++column) {
                FreeXL_CellValue value{};
                if (freexl_get_cell_value(handle, row, column, &value) != FREEXL_OK)
                    value.type = FREEXL_CELL_NULL;
                switch (value.type) {
                case FREEXL_CELL_INT:
                    texts.append(QString::number(value.value.int_value));
                    break;
                case FREEXL_CELL_DOUBLE:
                    texts.append(SpreadsheetNumberFormat::general(value.value.double_value));
                    break;
                case FREEXL_CELL_TEXT:
                case FREEXL_CELL_SST_TEXT:
                case FREEXL_CELL_DATE:
                case FREEXL_CELL_DATETIME:
                case FREEXL_CELL_TIME:
                    texts.append(QString::fromUtf8(value.value.text_value));
                    break;
                default:
                    texts.append(QString());
                    break;
                }
            }
            while (!texts.isEmpty() && texts.last().isEmpty())
                texts.removeLast();
        }
        sheets.push_back(std::move(sheet));
    }
    return sheets;
}

} // namespace

std::optional<WorkbookFormat> detectWorkbookFormat(const QByteArray &bytes)
{
    if (bytes.startsWith("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
        return WorkbookFormat::Xls;
    if (!bytes.startsWith("PK\x03\x04"))
        return std::nullopt;
    // An OpenDocument file stores its media type uncompressed as the first entry "mimetype".
    if (bytes.indexOf("application/vnd.oasis.opendocument.spreadsheet") >= 0
        && bytes.indexOf("application/vnd.oasis.opendocument.spreadsheet") < 200) {
        return WorkbookFormat::Ods;
    }
    return WorkbookFormat::Xlsx;
}

Result<std::vector<WorkbookSheet>> readWorkbookSheets(const QString &path)
{
    const Result<QByteArray> bytes = readWholeFile(path);
    if (!bytes)
        return tl::unexpected(bytes.error());
    const std::optional<WorkbookFormat> format = detectWorkbookFormat(*bytes);
    if (!format) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("this is not an .xlsx, .xls or .ods workbook"));
    }
    if (*format == WorkbookFormat::Xls)
        return readWithFreexl(path);
    const auto directory = readZipDirectory(*bytes);
    if (!directory)
        return tl::make_unexpected(directory.error());
    if (*format == WorkbookFormat::Ods)
        return readOds(*bytes, *directory);
    return readXlsx(*bytes, *directory);
}

} // namespace Bulkmail
