#pragma once

#include <cstddef>
#include <functional>
#include <unordered_map>
#include <utility>
#include <vector>

#include <QByteArray>
#include <QHash>
#include <QString>

#include "document/spreadsheetnumberformat.h"
#include "document/workbookreader.h"
#include "document/xlsxsharedstrings.h"

namespace Bulkmail::Xlsx {

// A worksheet of an .xlsx read into rows of the text each cell displays (xlsxsheetreader.cpp:
// parsed into events, built into rows). Internal to xlsxreader.cpp, which walks the package and
// hands each sheet's part here with the workbook's number formats, and fills in the shared
// strings once they are read.

// The number formats of the workbook's cell formats (xl/styles.xml).
class NumberFormats final
{
public:
    // `codes`: the custom number formats by numFmtId; `cellFormats`: cell format (the s of a
    // cell) → numFmtId.
    NumberFormats(QHash<int, QString> codes,
                  std::vector<int> cellFormats,
                  SpreadsheetNumberFormat::DateSystem system)
        : m_codes(std::move(codes))
        , m_cellFormats(std::move(cellFormats))
        , m_system(system)
    {}

    [[nodiscard]] SpreadsheetNumberFormat::DateSystem dateSystem() const { return m_system; }

    // The number format of a cell format (the cell's s), compiled once.
    [[nodiscard]] const SpreadsheetNumberFormat &of(int cellFormat);

private:
    QHash<int, QString> m_codes;
    std::vector<int> m_cellFormats;
    SpreadsheetNumberFormat::DateSystem m_system;
    std::unordered_map<int, SpreadsheetNumberFormat> m_compiled;
    SpreadsheetNumberFormat m_general;
};

// A cell that holds a shared string, filled in once the shared strings are read (they are read
// on another thread while the sheet is parsed). Until then the cell is a null QString.
struct SharedStringCell
{
    int row = 0;
    int column = 0;
    std::size_t index = 0;
};

// A sheet's shared-string cells in the order a parse of the whole sheet meets them: one list
// when the sheet is read whole, one a chunk when it is read in chunks (readSheet()), so that the
// chunks' lists are not copied into one (for a big sheet, a tenth of its import).
using SharedStringCells = std::vector<std::vector<SharedStringCell>>;

// Fills in the shared strings of a sheet read by SheetRows, then drops what reads as empty
// at the ends (a shared string may be empty, or its index out of range), as if each cell had
// held its text from the start. The cells are visited last to first and only null ones are
// filled: of two cells at one place, the later one wins, as it did while parsing.
void resolveSharedStrings(WorkbookSheet &sheet,
                          const SharedStringCells &cells,
                          const SharedStringTable &strings);

// Reads the sheet `stream` unpacks, in chunks as it unpacks (xmlchunks.h), by up to
// `how.threads` threads (0: as many as threadsFor() gives), and returns how many chunks it was
// read in. When it cannot be read so, `whole()` gives it unpacked whole (or throws the error of a
// damaged part), and it is read in one go: then 1.
int readSheet(PartStream &stream,
              const std::function<QByteArray()> &whole,
              WorkbookSheet &sheet,
              SharedStringCells &sharedStringCells,
              NumberFormats &formats,
              const XlsxPartReading &how);

} // namespace Bulkmail::Xlsx
