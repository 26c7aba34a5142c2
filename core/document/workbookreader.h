#pragma once

#include "common/result.h"

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Bulkmail {

// The sheets of a workbook as the spreadsheet shows them: every cell as its displayed text
// (spreadsheetnumberformat.h), formulas as their stored result. Unpacked by libdeflate, or a
// piece at a time by zlib as they are read (workbookpackage.h, xmlchunks.h), and read with
// liborcus's SAX parser (.xlsx, xlsxreader.cpp), from
// content.xml (.ods: liborcus 0.17 drops covered cells, shifting every column right of a merged
// cell, and reports neither hidden rows nor hidden sheets there) or by FreeXL (.xls, BIFF 5 to
// 8). Internal to recipientworkbook.cpp.

struct CellRange
{
    int firstRow = 0; // 0-based, inclusive
    int firstColumn = 0;
    int lastRow = 0;
    int lastColumn = 0;
};

struct WorkbookSheet
{
    QString name;
    bool isHidden = false;
    std::vector<QStringList> rows; // rows[0] is the spreadsheet's row 1; trailing cells may lack
    QList<int> hiddenRows;         // 0-based
    QList<CellRange> mergedCells;
};

enum class WorkbookFormat { Xlsx, Ods, Xls };

// By the file's first bytes: a ZIP holding an OpenDocument spreadsheet or an Office Open XML
// workbook, or an OLE2 compound file (.xls). Empty when it is none of them.
[[nodiscard]] std::optional<WorkbookFormat> detectWorkbookFormat(const QByteArray &bytes);

// From the file's bytes; FreeXL reads an .xls again from `path`, by name.
[[nodiscard]] Result<std::vector<WorkbookSheet>> readWorkbookSheets(const QByteArray &bytes,
                                                                    const QString &path);

// How the sheets and shared strings of an .xlsx are read: as they unpack, in chunks that
// several threads parse at once, cut between their items (xmlchunks.h), or, when a part cannot
// be read so, unpacked whole and parsed in one go. The product leaves every choice to the
// reader; tests and the benchmark make them, to compare readings.
struct XlsxPartReading
{
    int threads = 0;            // at most; 0: one a core for a big part (at most four)
    std::size_t chunkBytes = 0; // about how much of a part a chunk holds; 0: the reader's choice
    bool whole = false;         // every part unpacked whole and read in one go
};

// The parts of readWorkbookSheets(), in xlsxreader.cpp and odsreader.cpp.
class WorkbookPackage;
[[nodiscard]] Result<std::vector<WorkbookSheet>> readXlsxPackage(const WorkbookPackage &package,
                                                                 const XlsxPartReading &how = {});

// One worksheet part (its XML) read as readXlsxPackage() reads a sheet, numbers in the General
// format, with how many chunks it was read in (1 when it was read whole). For tests.
struct XlsxWorksheetReading
{
    WorkbookSheet sheet;
    int chunks = 1;
};
[[nodiscard]] Result<XlsxWorksheetReading> readXlsxWorksheet(
    const QByteArray &xml, const std::vector<QString> &sharedStrings, const XlsxPartReading &how);

// A shared strings part (its XML) read as readXlsxPackage() reads it, with how many chunks it
// was read in. For tests.
struct XlsxSharedStringsReading
{
    std::vector<QString> strings;
    int chunks = 1;
};
[[nodiscard]] Result<XlsxSharedStringsReading> readXlsxSharedStrings(const QByteArray &xml,
                                                                     const XlsxPartReading &how);
// The sheets of an OpenDocument spreadsheet's content.xml, each cell as the text the spreadsheet
// displayed when it saved the file (the cell's paragraphs), so that no format needs applying.
[[nodiscard]] Result<std::vector<WorkbookSheet>> readOdsContent(const QByteArray &content);

} // namespace Bulkmail
