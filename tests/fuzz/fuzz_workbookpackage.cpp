// libFuzzer target for a workbook's ZIP package (core/document/workbookpackage.cpp, our own reader
// of the central directory over libdeflate) and what is read from it: any bytes opened as a
// package, each part the directory names unpacked, and an .xlsx's sheets or an .ods's content
// read. Seeded with the workbooks tests/document/make_workbooks.py writes.
//
// Promises checked: no crash or sanitizer report (a directory that claims more than the bytes
// hold, sizes no part has, a part that unpacks to another size or fails its CRC: each an error in
// words); every entry readZipDirectory() gives lies inside the bytes; an .xlsx reads alike with
// one parser and with two.

#include "fuzzcheck.h"

#include "document/workbookpackage.h"
#include "document/workbookreader.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <exception>

using namespace Bulkmail;

namespace {

void check(bool condition, const char *what)
{
    Fuzz::check("fuzz_workbookpackage", condition, what);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto directory = readZipDirectory(bytes);
    if (!directory)
        return 0;
    for (const ZipDirectoryEntry &entry : *directory) {
        check(entry.dataOffset >= 0 && entry.dataOffset <= bytes.size()
                  && qsizetype(entry.compressedSize) <= bytes.size() - entry.dataOffset,
              "an entry's data lies outside the bytes");
    }
    const auto package = WorkbookPackage::open(bytes);
    check(package.has_value(), "the directory reads, the package does not");
    for (const ZipDirectoryEntry &entry : *directory) {
        try {
            [[maybe_unused]] const auto part = (*package)->part(entry.name);
        } catch (const std::exception &) {
            // a damaged part, refused in words
        }
    }
    // Read both ways whatever it is: an .ods has no workbook part, an .xlsx no content.xml.
    {
        const auto whole = readXlsxPackage(**package, XlsxPartReading{1, 0, true});
        const auto cut = readXlsxPackage(**package, XlsxPartReading{2, 512, false});
        check(whole.has_value() == cut.has_value(), "one reading failed, the other did not");
        if (whole) {
            check(whole->size() == cut->size(), "the readings differ in sheets");
            for (std::size_t i = 0; i < whole->size(); ++i)
                check((*whole)[i].rows == (*cut)[i].rows, "the readings differ in rows");
        }
    }
    {
        try {
            if (const auto content = (*package)->part("content.xml")) [[maybe_unused]]
                const auto sheets = readOdsContent(*content);
        } catch (const std::exception &) {
            // a damaged content.xml, refused in words
        }
    }
    return 0;
}
