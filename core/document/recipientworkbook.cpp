#include "recipientworkbook.h"

#include "common/fileio.h"
#include "document/recipientrowreader.h"
#include "document/workbookreader.h"

#include <array>

#include <QFileInfo>

namespace Bulkmail {

namespace {

// The names of the files a recipient list is imported from: text (CSV) and workbooks.
constexpr std::array TextSuffixes{"csv", "txt", "tsv"};
constexpr std::array WorkbookSuffixes{"xlsx", "xlsm", "xls", "ods"};

// How far down the header row may be: a title, a date line and a blank row above it are common;
// twenty rows of anything else is not a title.
constexpr int HeaderSearchRows = 20;

QString quoted(const QString &text)
{
    return u'"' + text + u'"';
}

QString quotedList(const QStringList &texts)
{
    QStringList quotedTexts;
    for (const QString &text : texts)
        quotedTexts.append(quoted(text));
    return quotedTexts.join(QStringLiteral(", "));
}

// "A", ..., "Z", "AA", ...: the spreadsheet's name of a 0-based column.
QString columnName(int column)
{
    QString name;
    for (int number = column + 1; number > 0; number = (number - 1) / 26)
        name.prepend(QChar(u'A' + (number - 1) % 26));
    return name;
}

bool holdsValue(const WorkbookSheet &sheet)
{
    return std::any_of(sheet.rows.cbegin(), sheet.rows.cend(), [](const QStringList &row) {
        return std::any_of(row.cbegin(), row.cend(), [](const QString &cell) {
            return !cell.trimmed().isEmpty();
        });
    });
}

bool isBlank(const QStringList &row)
{
    return std::all_of(row.cbegin(), row.cend(), [](const QString &cell) { return cell.isEmpty(); });
}

bool namesEmailColumn(const QStringList &row, const CsvImportOptions &options)
{
    return std::any_of(row.cbegin(), row.cend(), [&options](const QString &cell) {
        return options.emailColumn.isEmpty()
                   ? isEmailColumnHeader(cell.trimmed())
                   : cell.trimmed().compare(options.emailColumn.trimmed(), Qt::CaseInsensitive)
                         == 0;
    });
}

qsizetype filledCells(const QStringList &row)
{
    return std::count_if(row.cbegin(), row.cend(), [](const QString &cell) {
        return !cell.trimmed().isEmpty();
    });
}

// The first of the first non-empty rows that names the email column. Failing that, the first
// row of more than one value (a title is one value, often merged across the columns), so that
// the columns can be listed and chosen by hand; else the first non-empty row.
std::size_t findHeaderRow(const WorkbookSheet &sheet, const CsvImportOptions &options)
{
    std::optional<std::size_t> firstNonEmpty;
    std::optional<std::size_t> firstOfSeveral;
    int seen = 0;
    for (std::size_t row = 0; row < sheet.rows.size() && seen < HeaderSearchRows; ++row) {
        const qsizetype filled = filledCells(sheet.rows[row]);
        if (filled == 0)
            continue;
        ++seen;
        if (!firstNonEmpty)
            firstNonEmpty = row;
        if (!firstOfSeveral && filled > 1)
            firstOfSeveral = row;
        if (namesEmailColumn(sheet.rows[row], options))
            return row;
    }
    return firstOfSeveral.value_or(firstNonEmpty.value_or(0));
}

Result<std::size_t> chooseSheet(const std::vector<WorkbookSheet> &sheets, const QString &name)
{
    QStringList names;
    for (const WorkbookSheet &sheet : sheets)
        names.append(sheet.name);
    if (!name.isEmpty()) {
        for (std::size_t i = 0; i < sheets.size(); ++i) {
            if (sheets[i].name == name)
                return i;
        }
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("the workbook has no sheet named %1; its sheets are %2")
                             .arg(quoted(name), quotedList(names)));
    }
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        if (!sheets[i].isHidden && holdsValue(sheets[i]))
            return i;
    }
    const bool hasHiddenValues = std::any_of(sheets.cbegin(), sheets.cend(), holdsValue);
    return makeError(ErrorCode::InvalidFormat,
                     hasHiddenValues
                         ? QStringLiteral("only hidden sheets of the workbook hold values; name "
                                          "the sheet to import (its sheets are %1)")
                               .arg(quotedList(names))
                         : QStringLiteral("the workbook is empty"));
}

Result<RecipientFileImport> importSheets(const std::vector<WorkbookSheet> &sheets,
                                         const CsvImportOptions &options,
                                         const QString &sheetName)
{
    const auto chosen = chooseSheet(sheets, sheetName);
    if (!chosen)
        return tl::make_unexpected(chosen.error());
    const WorkbookSheet &sheet = sheets[*chosen];

    RecipientFileImport import;
    import.isWorkbook = true;
    import.sheet = sheet.name;
    QStringList hiddenSheets;
    for (const WorkbookSheet &each : sheets) {
        import.sheets.append(each.name);
        if (each.isHidden && each.name != sheet.name)
            hiddenSheets.append(each.name);
    }
    if (!hiddenSheets.isEmpty())
        import.notices.append({WorkbookNotice::Kind::HiddenSheets, hiddenSheets});

    const std::size_t headerRow = findHeaderRow(sheet, options);
    import.headerRow = int(headerRow) + 1;
    QStringList titleRows;
    for (std::size_t row = 0; row < headerRow; ++row) {
        if (!isBlank(sheet.rows[row]))
            titleRows.append(QString::number(row + 1));
    }
    if (!titleRows.isEmpty())
        import.notices.append({WorkbookNotice::Kind::TitleRowsSkipped, titleRows});

    RecipientRowReader reader(options, import.list, RecipientRowReader::Source::Workbook);
    std::size_t row = headerRow;
    for (; row < sheet.rows.size() && !reader.hasHeader(); ++row) {
        if (auto added = reader.addRow(sheet.rows[row], int(row) + 1); !added)
            return tl::make_unexpected(added.error());
    }
    if (!reader.hasHeader()) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("the sheet %1 is empty").arg(quoted(sheet.name)));
    }
    if (auto added = reader.addRows(sheet.rows, row); !added)
        return tl::make_unexpected(added.error());

    QStringList mergedHeader;
    for (const CellRange &range : sheet.mergedCells) {
        if (range.firstRow <= int(headerRow) && range.lastRow >= int(headerRow)
            && range.lastColumn > range.firstColumn) {
            mergedHeader.append(columnName(range.firstColumn) + QString::number(range.firstRow + 1)
                                + u':' + columnName(range.lastColumn)
                                + QString::number(range.lastRow + 1));
        }
    }
    if (!mergedHeader.isEmpty())
        import.notices.append({WorkbookNotice::Kind::MergedHeaderCells, mergedHeader});

    QList<int> hiddenRows = sheet.hiddenRows;
    std::sort(hiddenRows.begin(), hiddenRows.end());
    QStringList hiddenImported;
    for (const Recipient &recipient : std::as_const(import.list.recipients)) {
        if (std::binary_search(hiddenRows.cbegin(), hiddenRows.cend(), recipient.sourceLine - 1))
            hiddenImported.append(QString::number(recipient.sourceLine));
    }
    if (!hiddenImported.isEmpty())
        import.notices.append({WorkbookNotice::Kind::HiddenRows, hiddenImported});
    return import;
}

} // namespace

QString WorkbookNotice::describe() const
{
    switch (kind) {
    case Kind::HiddenSheets:
        return QStringLiteral("hidden sheets were not imported: %1").arg(quotedList(arguments));
    case Kind::HiddenRows:
        return QStringLiteral("hidden rows were imported like the others: %1")
            .arg(arguments.join(QStringLiteral(", ")));
    case Kind::MergedHeaderCells:
        return QStringLiteral("merged cells in the header row: %1; the columns they cover have no "
                              "name of their own")
            .arg(arguments.join(QStringLiteral(", ")));
    case Kind::TitleRowsSkipped:
        return QStringLiteral("rows above the header were skipped: %1")
            .arg(arguments.join(QStringLiteral(", ")));
    }
    return {};
}

bool isRecipientListPath(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    const QStringList patterns = recipientListPatterns();
    return std::any_of(patterns.cbegin(), patterns.cend(), [&name](const QString &pattern) {
        return name.endsWith(QStringView(pattern).sliced(1), Qt::CaseInsensitive);
    });
}

bool hasWorkbookSuffix(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix();
    return std::any_of(WorkbookSuffixes.cbegin(), WorkbookSuffixes.cend(), [&suffix](auto each) {
        return suffix.compare(QLatin1String(each), Qt::CaseInsensitive) == 0;
    });
}

QStringList recipientListPatterns()
{
    QStringList patterns;
    for (const char *suffix : TextSuffixes)
        patterns.append(QStringLiteral("*.") + QLatin1String(suffix));
    for (const char *suffix : WorkbookSuffixes)
        patterns.append(QStringLiteral("*.") + QLatin1String(suffix));
    return patterns;
}

RecipientWorkbook::RecipientWorkbook(std::shared_ptr<const std::vector<WorkbookSheet>> sheets)
    : m_sheets(std::move(sheets))
{}

Result<RecipientWorkbook> RecipientWorkbook::open(const QString &path)
{
    const Result<QByteArray> bytes = readWholeFile(path);
    if (!bytes)
        return tl::make_unexpected(bytes.error());
    return read(*bytes, path);
}

Result<RecipientWorkbook> RecipientWorkbook::read(const QByteArray &bytes, const QString &path)
{
    auto sheets = readWorkbookSheets(bytes, path);
    if (!sheets)
        return tl::make_unexpected(sheets.error());
    return RecipientWorkbook(std::make_shared<const std::vector<WorkbookSheet>>(std::move(*sheets)));
}

QStringList RecipientWorkbook::sheetNames() const
{
    QStringList names;
    for (const WorkbookSheet &sheet : *m_sheets)
        names.append(sheet.name);
    return names;
}

bool RecipientWorkbook::isHidden(const QString &sheet) const
{
    return std::any_of(m_sheets->cbegin(), m_sheets->cend(), [&sheet](const WorkbookSheet &each) {
        return each.name == sheet && each.isHidden;
    });
}

QStringList RecipientWorkbook::headerCells(const CsvImportOptions &options,
                                           const QString &sheet) const
{
    const auto chosen = chooseSheet(*m_sheets, sheet);
    if (!chosen)
        return {};
    const WorkbookSheet &rows = (*m_sheets)[*chosen];
    const std::size_t header = findHeaderRow(rows, options);
    if (header >= rows.rows.size())
        return {};
    QStringList cells;
    for (const QString &cell : rows.rows[header])
        cells.append(cell.trimmed());
    while (!cells.isEmpty() && cells.last().isEmpty())
        cells.removeLast();
    return cells;
}

Result<RecipientFileImport> RecipientWorkbook::import(const CsvImportOptions &options,
                                                      const QString &sheet) const
{
    return importSheets(*m_sheets, options, sheet);
}

Result<RecipientListFile> readRecipientListFile(const QString &path)
{
    Result<QByteArray> bytes = readWholeFile(path);
    if (!bytes)
        return tl::make_unexpected(bytes.error());
    RecipientListFile file;
    if (!detectWorkbookFormat(*bytes)) {
        file.csvBytes = std::move(*bytes);
        return file;
    }
    auto workbook = RecipientWorkbook::read(*bytes, path);
    if (!workbook)
        return tl::make_unexpected(workbook.error());
    file.workbook = std::move(*workbook);
    return file;
}

Result<RecipientFileImport> importRecipientsWorkbook(const QString &path,
                                                     const CsvImportOptions &options,
                                                     const QString &sheet)
{
    const auto workbook = RecipientWorkbook::open(path);
    if (!workbook)
        return tl::make_unexpected(workbook.error());
    return workbook->import(options, sheet);
}

Result<RecipientFileImport> importRecipientsFile(const QString &path,
                                                 const CsvImportOptions &options,
                                                 const QString &sheet)
{
    // Read once: its first bytes say whether it is a workbook.
    const auto file = readRecipientListFile(path);
    if (!file)
        return tl::make_unexpected(file.error());
    if (file->workbook)
        return file->workbook->import(options, sheet);
    auto csv = parseRecipientsCsv(file->csvBytes, options);
    if (!csv)
        return tl::make_unexpected(csv.error());
    RecipientFileImport import;
    import.list = std::move(*csv);
    import.headerRow = 0;
    return import;
}

} // namespace Bulkmail
