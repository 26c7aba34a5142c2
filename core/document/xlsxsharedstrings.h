#pragma once

#include <atomic>
#include <future>
#include <vector>

#include <QByteArray>
#include <QString>

namespace Bulkmail {
class WorkbookPackage;
}

namespace Bulkmail::Xlsx {

// The shared strings of an .xlsx (xl/sharedStrings.xml, ECMA-376 Part 1 §18.4): the text of the
// cells that hold an index into them. Internal to xlsxreader.cpp.

// The shared strings of `xml`, by `parsers` parsers at once (0: as many as parsersFor() gives)
// when the part can be cut between its items (xmlsegments.h): each <si> is one string,
// whatever it holds, so at a cut a parse of the whole part stands one element deep with nothing
// of an item open. `parsersUsed`, when given, is set to how many parsed it. Cut, the part's bytes
// are written while it is read (XmlSegments) and are as they were on return.
[[nodiscard]] std::vector<QString> readSharedStrings(QByteArray &xml,
                                                     const std::atomic<bool> &cancelled,
                                                     int parsers,
                                                     int *parsersUsed = nullptr);

// The shared strings read on a thread of their own while the caller parses the sheets: in a list
// written by Excel, WPS or LibreOffice they are the second biggest part (two fifths of the XML),
// and unpacking, checking and parsing them needs nothing from the sheets (bench/README.md). It
// ends before this object is gone on every path:
// the destructor tells it to stop at its next string and waits; an error it meets comes back
// from strings().
class SharedStringsReader final
{
public:
    SharedStringsReader(const WorkbookPackage &package, QByteArray part, int parsers);
    ~SharedStringsReader();
    SharedStringsReader(const SharedStringsReader &) = delete;
    SharedStringsReader &operator=(const SharedStringsReader &) = delete;

    // Waits for the strings; throws what the thread threw. Once only.
    [[nodiscard]] std::vector<QString> strings();

private:
    std::atomic<bool> m_cancelled = false;
    std::future<std::vector<QString>> m_strings;
};

} // namespace Bulkmail::Xlsx
