// libFuzzer target for the .xlsx readers of the two big parts of a list (core/document): any
// bytes read as a worksheet and as a shared-strings part, each whole and in chunks (xmlchunks.h),
// where a cut is found by a byte search that the tests' generated parts cannot all foresee.
//
// Promises checked: no crash or sanitizer report; a part reads alike whole and in chunks of
// several sizes on one to three threads (the same rows, hidden rows and merged cells, the same
// strings, or the same error); and the caller's bytes are as they were.

#include "document/workbookreader.h"
#include "fuzzcheck.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <vector>

using namespace Bulkmail;

namespace {

void check(bool condition, const char *what)
{
    Fuzz::check("fuzz_xlsxparts", condition, what);
}

bool sameSheets(const WorkbookSheet &a, const WorkbookSheet &b)
{
    if (a.rows != b.rows || a.hiddenRows != b.hiddenRows
        || a.mergedCells.size() != b.mergedCells.size()) {
        return false;
    }
    for (qsizetype i = 0; i < a.mergedCells.size(); ++i) {
        const CellRange &x = a.mergedCells[i];
        const CellRange &y = b.mergedCells[i];
        if (x.firstRow != y.firstRow || x.firstColumn != y.firstColumn || x.lastRow != y.lastRow
            || x.lastColumn != y.lastColumn) {
            return false;
        }
    }
    return true;
}

template<typename Reading, typename Same>
void checkAlike(const Result<Reading> &whole, const Result<Reading> &cut, Same same)
{
    check(whole.has_value() == cut.has_value(), "one reading failed, the other did not");
    if (whole)
        check(same(*whole, *cut), "the readings differ");
    else
        check(whole.error().message == cut.error().message, "the errors differ");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray xml(reinterpret_cast<const char *>(data), qsizetype(size));
    const QByteArray before = xml;
    static const std::vector<QString> sharedStrings{QStringLiteral("email"),
                                                    QStringLiteral("王芳"),
                                                    QString()};

    const XlsxPartReading whole{1, 0, true};
    const auto wholeSheet = readXlsxWorksheet(xml, sharedStrings, whole);
    const auto wholeStrings = readXlsxSharedStrings(xml, whole);
    for (const XlsxPartReading &chunked : {XlsxPartReading{1, 32, false},
                                           XlsxPartReading{2, 200, false},
                                           XlsxPartReading{3, 1500, false}}) {
        checkAlike(wholeSheet,
                   readXlsxWorksheet(xml, sharedStrings, chunked),
                   [](const XlsxWorksheetReading &a, const XlsxWorksheetReading &b) {
                       return sameSheets(a.sheet, b.sheet);
                   });
        checkAlike(wholeStrings,
                   readXlsxSharedStrings(xml, chunked),
                   [](const XlsxSharedStringsReading &a, const XlsxSharedStringsReading &b) {
                       return a.strings == b.strings;
                   });
    }
    check(xml == before, "the part's bytes changed");
    return 0;
}
