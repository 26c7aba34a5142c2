#pragma once

#include <algorithm>
#include <cstddef>
#include <future>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <QByteArray>
#include <QByteArrayView>

namespace Bulkmail {

// Big parts of a workbook parsed by several parsers at once (internal to the .xlsx reader:
// xlsxsheetreader.cpp, xlsxsharedstrings.cpp).
//
// liborcus's parser takes a part as one buffer on one thread, and parsing the big parts of a list
// (its sheet and, as Excel and WPS write it, its shared strings) is most of a workbook import's
// time (bench/README.md). Their items need little from one another (a row carries its number; a
// shared string is one <si>), so a big part is cut into segments between one item's end tag and
// the next one's start tag, and each segment is parsed by liborcus on a thread of its own, the
// later ones behind a wrapper that opens the elements the part had opened before its items.
//
// A segment is parsed where it lies in the part, not copied (a copy of half a 31 MB sheet cost
// its thread a sixth of its time in page faults): a later segment's wrapper is written into the
// part just before it, over the last items of the segment before; those items, copied behind the
// wrapper first, are that segment's tail, which its thread parses after it. A tail is as many
// items as the wrapper's length needs, usually one. The bytes the wrappers covered are put back
// when the segments are gone, so that the part can be read whole after them, as it was.
//
// Finding a cut is a byte search, which a comment or a CDATA section holding such text could
// fool; so it is not trusted. Each segment's handler, and each tail's, must show that at its cut
// it stood where a parse of the whole part stands there: just past an item's end tag at its end,
// as deep, with nothing of an item open, and its first element the item at its start (past the
// wrapper). liborcus's parser keeps no state between elements but how deep it is. When a segment
// or a tail cannot show it, or any parse fails, the part is read again whole, which gives its
// items, or the error a whole parse gives.

class XmlSegments final
{
public:
    // Up to `count` segments of about equal size, cut between elements named `localName`; the
    // whole part when there is no cut. `xml` is written (the wrappers) until this object is gone,
    // and must outlive it; a shared one is detached first.
    XmlSegments(QByteArray &xml, std::string_view localName, std::string_view wrapper, int count);
    ~XmlSegments();
    XmlSegments(const XmlSegments &) = delete;
    XmlSegments &operator=(const XmlSegments &) = delete;

    [[nodiscard]] std::size_t size() const { return m_segments.size(); }
    // Segment i where it lies in the part: the first from the part's beginning (which opens the
    // elements itself), a later one from its wrapper on.
    [[nodiscard]] QByteArrayView bytes(std::size_t i) const;
    // The items at the end of segment i that the next segment's wrapper covered, behind the
    // wrapper; empty for the last segment.
    [[nodiscard]] QByteArrayView tail(std::size_t i) const { return m_segments[i].tail; }

private:
    struct Segment
    {
        std::size_t begin = 0; // in the part; for a later segment, where its wrapper begins
        std::size_t end = 0;
        QByteArray tail;
    };
    struct Overwritten
    {
        std::size_t at = 0;
        QByteArray bytes; // the part's bytes there before
    };

    // Writes `with` into the part at `at`, keeping what was there.
    void overwrite(std::size_t at, std::string_view with);

    QByteArray &m_xml;
    std::vector<Segment> m_segments;
    std::vector<Overwritten> m_overwritten;
};

// Whether the XML holds no markup but elements (no comment, CDATA section, DOCTYPE or processing
// instruction, but for the XML declaration at its start), as spreadsheets write their parts. Only
// such a part is cut: a cut that such markup fooled could end a segment inside it, where
// liborcus 0.17's parser aborts the program rather than report the end of its input. Two passes
// of memchr() for characters rare in a list: a millisecond or two for a sheet of 100,000 rows.
[[nodiscard]] bool holdsOnlyElements(std::string_view xml);

// How many parsers share a part of `size` bytes: one for a small part, for which threads cost
// more than they bring; otherwise one a core, at most four. A sheet's segment thread also builds
// its rows, so every core both parses and builds (bench/README.md).
[[nodiscard]] int parsersFor(qsizetype size);

// Runs `parseSegment(i)` for each of `count` segments at once, the first on this thread and the
// others on threads of their own; it parses segment i and says whether its cuts proved sound.
// True when every segment's did and no parse threw; every thread has ended on return.
// `onFailure` runs once when a parse throws (or no thread can be had), before the others are
// waited for, so that it can stop them.
template<typename ParseSegment, typename OnFailure>
bool parseSegmentsAtOnce(std::size_t count, ParseSegment parseSegment, OnFailure onFailure)
{
    std::vector<char> proven(count, 0); // one element a thread: no std::vector<bool>
    const auto parse = [&](std::size_t i) { proven[i] = parseSegment(i) ? 1 : 0; };
    std::vector<std::future<void>> parsing;
    bool isWell = true;
    try {
        for (std::size_t i = 1; i < count; ++i)
            parsing.push_back(std::async(std::launch::async, parse, i));
    } catch (const std::system_error &) {
        isWell = false; // too few threads to be had: the part is read whole
    }
    if (isWell) {
        try {
            parse(0);
        } catch (...) {
            isWell = false;
        }
    }
    if (!isWell)
        onFailure();
    for (std::future<void> &each : parsing) {
        try {
            each.get();
        } catch (...) {
            if (std::exchange(isWell, false))
                onFailure();
        }
    }
    return isWell && std::all_of(proven.cbegin(), proven.cend(), [](char each) { return each; });
}

} // namespace Bulkmail
