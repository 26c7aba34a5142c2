#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <future>
#include <vector>

#include <QByteArray>
#include <QString>

#include "document/workbookreader.h"

namespace Bulkmail {
class PartStream;
class WorkbookPackage;
} // namespace Bulkmail

namespace Bulkmail::Xlsx {

// The shared strings of an .xlsx (xl/sharedStrings.xml, ECMA-376 Part 1 §18.4): the text of the
// cells that hold an index into them. Internal to xlsxreader.cpp.

// The shared strings as read: in pieces, one a chunk of the part, looked up by index where they
// lie (joining a list's 500,000 strings into one list cost their thread a tenth of its time,
// most of it the page faults of a second list: bench/README.md).
class SharedStringTable final
{
public:
    SharedStringTable() = default;
    explicit SharedStringTable(std::vector<QString> strings) { append(std::move(strings)); }

    void append(std::vector<QString> piece);
    [[nodiscard]] std::size_t size() const { return m_ends.empty() ? 0 : m_ends.back(); }
    // The string at `index`, or null when there is none.
    [[nodiscard]] const QString *find(std::size_t index) const;
    [[nodiscard]] std::vector<QString> toVector() const;

private:
    std::vector<std::vector<QString>> m_pieces;
    std::vector<std::size_t> m_ends; // the index past each piece's last string
};

// The shared strings of the part `stream` unpacks, read in chunks (xmlchunks.h) by up to
// `how.threads` threads: each <si> is one string, whatever it holds, so at a cut a parse of the
// whole part stands one element deep with nothing of an item open. When the part cannot be read
// so, `whole()` gives it unpacked whole, and it is read in one go. `chunksUsed`, when given, is
// set to how many chunks it was read in (1 when whole). Throws for a damaged part, and when
// `cancelled` is set.
[[nodiscard]] SharedStringTable readSharedStrings(PartStream &stream,
                                                  const std::function<QByteArray()> &whole,
                                                  const std::atomic<bool> &cancelled,
                                                  const XlsxPartReading &how,
                                                  int *chunksUsed = nullptr);

// The shared strings read on a thread of their own while the caller reads the sheets: in a list
// written by Excel, WPS or LibreOffice they are the second biggest part (two fifths of the XML),
// and unpacking and parsing them needs nothing from the sheets (bench/README.md). It ends before
// this object is gone on every path: the destructor tells it to stop at its next string and
// waits; an error it meets comes back from strings().
class SharedStringsReader final
{
public:
    SharedStringsReader(const WorkbookPackage &package, QByteArray part, XlsxPartReading how);
    ~SharedStringsReader();
    SharedStringsReader(const SharedStringsReader &) = delete;
    SharedStringsReader &operator=(const SharedStringsReader &) = delete;

    // Waits for the strings; throws what the thread threw. Once only.
    [[nodiscard]] SharedStringTable strings();

private:
    std::atomic<bool> m_cancelled = false;
    std::future<SharedStringTable> m_strings;
};

} // namespace Bulkmail::Xlsx
