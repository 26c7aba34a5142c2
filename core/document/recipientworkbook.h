#pragma once

#include "common/result.h"
#include "document/recipientcsv.h"
#include "document/workbooknotice.h"

#include <memory>
#include <optional>
#include <vector>

#include <QByteArray>

#include <QList>
#include <QString>
#include <QStringList>

namespace Bulkmail {

// Recipient lists kept in Excel, WPS or LibreOffice: .xlsx and .ods unpacked by libdeflate and parsed
// by liborcus's SAX parser (.xlsx) or QXmlStreamReader (.ods), .xls (BIFF 5 to 8) by FreeXL.
//
// Every value is taken as the spreadsheet displays it (spreadsheetnumberformat.h): an ID formatted
// "00000" or typed as text stays "00123", a date formatted yyyy"年"m"月"d"日" merges as
// "2026年12月6日", "0.00" keeps two decimals, a formula gives the result the file stores with it
// (a workbook saved by Excel, WPS or LibreOffice always has one). FreeXL gives no formats: in an
// .xls, numbers read as "General" and dates as ISO 8601 (text cells keep leading zeros), and no
// hidden rows, hidden sheets or merged cells are reported.
//
// The sheet: the one named in `sheet` (hidden or not), else the first visible sheet that holds a
// value. The header row: the first of the sheet's first 20 non-empty rows that names an email
// column (as recipientcsv.h recognises it, or `emailColumn`); rows above it (a title such as
// "2026年11月 工资条名单") are skipped and reported; when no row qualifies, the header is the first
// row of more than one value (else the first non-empty one) and the import fails as a CSV would,
// naming that row's columns. Then rows become recipients as in a CSV
// (recipientrowreader.h), numbered as the spreadsheet numbers them ("row 7: ..."); trailing empty
// rows and columns do not count.
//
// What the user should know is reported as notices (workbooknotice.h).

// A recipient list from a file: CSV or workbook.
struct RecipientFileImport
{
    CsvImport list; // for a workbook: no encoding, no delimiter; problems name rows
    bool isWorkbook = false;
    QString sheet;      // the sheet imported
    QStringList sheets; // every sheet, in workbook order
    int headerRow = 0;  // 1-based
    QList<WorkbookNotice> notices;
};

// Whether the name is that of a list the import reads (.csv, .txt, .tsv, .xlsx, .xlsm, .xls,
// .ods), for drops and file dialogs; the import itself goes by the content.
[[nodiscard]] bool isRecipientListPath(const QString &path);

// Whether the file's name says it is a workbook (.xlsx, .xlsm, .xls, .ods); what it is, its
// first bytes say (readRecipientListFile()). For a layout to show before the file is read.
[[nodiscard]] bool hasWorkbookSuffix(const QString &path);

// The file name patterns of isRecipientListPath(), e.g. for a file dialog's filter.
[[nodiscard]] QStringList recipientListPatterns();

struct WorkbookSheet;

// A workbook read once and imported as often as the choices change (the import dialog does so on
// every change of sheet or column). Copies share the sheets.
class RecipientWorkbook final
{
public:
    [[nodiscard]] static Result<RecipientWorkbook> open(const QString &path);
    // From the file's bytes, read already (`path` for an .xls, which FreeXL reads by name).
    [[nodiscard]] static Result<RecipientWorkbook> read(const QByteArray &bytes,
                                                        const QString &path);

    [[nodiscard]] QStringList sheetNames() const;
    [[nodiscard]] bool isHidden(const QString &sheet) const;
    // The cells of the row that the import takes as the header of `sheet` (empty: the default
    // sheet), trailing empty cells left out; empty when there is no such sheet or row.
    [[nodiscard]] QStringList headerCells(const CsvImportOptions &options,
                                          const QString &sheet = {}) const;
    [[nodiscard]] Result<RecipientFileImport> import(const CsvImportOptions &options = {},
                                                     const QString &sheet = {}) const;

private:
    explicit RecipientWorkbook(std::shared_ptr<const std::vector<WorkbookSheet>> sheets);

    std::shared_ptr<const std::vector<WorkbookSheet>> m_sheets;
};

// A recipient list file read once, whichever it is: a workbook's sheets, or a CSV's bytes (for
// parseRecipientsCsv() with the choices of the moment). For the import dialog, which reads the
// file on a worker thread and parses it again with every choice.
struct RecipientListFile
{
    std::optional<RecipientWorkbook> workbook; // set for a workbook
    QByteArray csvBytes;                       // otherwise
};

// ErrorCode::Io when the file cannot be read; a workbook's errors as RecipientWorkbook::open().
[[nodiscard]] Result<RecipientListFile> readRecipientListFile(const QString &path);

// Imports a workbook. `options.encoding` and `options.delimiter` do not apply. ErrorCode::Io when
// it cannot be read, InvalidFormat when it is not a readable workbook or no sheet holds a value,
// InvalidValue when no sheet has the name `sheet`, and the errors of a CSV import otherwise.
[[nodiscard]] Result<RecipientFileImport> importRecipientsWorkbook(
    const QString &path, const CsvImportOptions &options = {}, const QString &sheet = {});

// Imports a CSV file or a workbook, whichever the file is; `sheet` applies to a workbook only.
[[nodiscard]] Result<RecipientFileImport> importRecipientsFile(const QString &path,
                                                               const CsvImportOptions &options = {},
                                                               const QString &sheet = {});

} // namespace Bulkmail
