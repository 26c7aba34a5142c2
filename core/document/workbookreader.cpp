#include "workbookreader.h"

#include "document/spreadsheetnumberformat.h"
#include "document/workbookpackage.h"

#include <exception>
#include <optional>

#include <QFile>
#include <QScopeGuard>

#include <freexl.h>

namespace Bulkmail {

namespace {

Result<std::vector<WorkbookSheet>> readXlsx(const QByteArray &bytes)
{
    const auto package = WorkbookPackage::open(bytes);
    if (!package)
        return tl::make_unexpected(package.error());
    return readXlsxPackage(**package);
}

Result<std::vector<WorkbookSheet>> readOds(const QByteArray &bytes)
{
    const auto package = WorkbookPackage::open(bytes);
    if (!package)
        return tl::make_unexpected(package.error());
    std::optional<QByteArray> content;
    try {
        content = (*package)->part("content.xml");
    } catch (const std::exception &error) {
        return tl::make_unexpected(damagedWorkbookError(QString::fromUtf8(error.what())));
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

Result<std::vector<WorkbookSheet>> readWorkbookSheets(const QByteArray &bytes, const QString &path)
{
    const std::optional<WorkbookFormat> format = detectWorkbookFormat(bytes);
    if (!format) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("this is not an .xlsx, .xls or .ods workbook"));
    }
    if (*format == WorkbookFormat::Xls)
        return readWithFreexl(path);
    if (*format == WorkbookFormat::Ods)
        return readOds(bytes);
    return readXlsx(bytes);
}

} // namespace Bulkmail
