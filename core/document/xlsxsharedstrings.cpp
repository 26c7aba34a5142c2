#include "document/xlsxsharedstrings.h"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include <QByteArrayView>

#include <orcus/sax_parser.hpp>

#include "document/workbookpackage.h"
#include "document/xlsxtext.h"
#include "document/xmlchunks.h"

namespace Bulkmail::Xlsx {

namespace {

// --- xl/sharedStrings.xml: <si> of <t> or rich-text runs <r><t>; phonetic runs <rPh> are not
// part of the text (§18.4) -------------------------------------------------------------------

class SharedStringsHandler final : public orcus::sax_handler
{
public:
    // Adds the strings it reads to `strings`; stops at the next string once either flag is set.
    SharedStringsHandler(const std::atomic<bool> &cancelled,
                         const std::atomic<bool> &stopped,
                         std::vector<QString> &strings)
        : m_cancelled(cancelled)
        , m_stopped(stopped)
        , m_strings(strings)
    {}

    // For shared strings read in chunks (readSharedStrings()): whether this parse ended just
    // after an item's end tag that ends at `end`, one element deep (the sst), with nothing of an
    // item open; and whether its first item began at `begin`, two elements deep (under the sst
    // that wraps a chunk).
    [[nodiscard]] bool endedBetweenItemsAt(std::ptrdiff_t end) const
    {
        return m_depth == 1 && m_lastItemEnd == end && !m_inItem && !m_inPhonetic && !m_inText;
    }
    [[nodiscard]] bool startsWithItemAt(std::ptrdiff_t begin) const
    {
        return m_firstItemBegin == begin && m_firstItemDepth == 2;
    }

    // By length first, as in SheetParser (xlsxsheetreader.cpp): one item per string of the workbook.
    void start_element(const orcus::sax::parser_element &element)
    {
        ++m_depth;
        const std::string_view name = element.name;
        if (name.size() == 1 && name[0] == 't') {
            m_inText = m_inItem && !m_inPhonetic;
        } else if (is(name, "si")) {
            if (m_firstItemBegin < 0) {
                m_firstItemBegin = element.begin_pos;
                m_firstItemDepth = m_depth;
            }
            m_text.clear();
            m_inItem = true;
        } else if (is(name, "rPh")) {
            m_inPhonetic = true;
        }
    }
    void end_element(const orcus::sax::parser_element &element)
    {
        --m_depth;
        const std::string_view name = element.name;
        if (name.size() == 1 && name[0] == 't') {
            m_inText = false;
        } else if (is(name, "si")) {
            if (m_cancelled.load(std::memory_order_relaxed)
                || m_stopped.load(std::memory_order_relaxed)) {
                throw std::runtime_error("cancelled");
            }
            m_strings.push_back(fromUtf8(m_text));
            m_inItem = false;
            m_lastItemEnd = element.end_pos;
        } else if (is(name, "rPh")) {
            m_inPhonetic = false;
        }
    }
    void characters(std::string_view text, bool)
    {
        if (m_inText)
            m_text.append(text);
    }

private:
    const std::atomic<bool> &m_cancelled;
    const std::atomic<bool> &m_stopped;
    std::vector<QString> &m_strings;
    std::string m_text;
    bool m_inItem = false;
    bool m_inPhonetic = false;
    bool m_inText = false;

    // Where the parse stands (endedBetweenItemsAt(), startsWithItemAt()).
    int m_depth = 0;
    std::ptrdiff_t m_firstItemBegin = -1;
    int m_firstItemDepth = 0;
    std::ptrdiff_t m_lastItemEnd = -1;
};

} // namespace

// What a chunk but the first begins with, in place of what the part opened before its items.
constexpr std::string_view SharedStringsWrapper = "<sst>";

void SharedStringTable::append(std::vector<QString> piece)
{
    if (piece.empty())
        return;
    m_ends.push_back(size() + piece.size());
    m_pieces.push_back(std::move(piece));
}

const QString *SharedStringTable::find(std::size_t index) const
{
    const auto end = std::upper_bound(m_ends.cbegin(), m_ends.cend(), index);
    if (end == m_ends.cend())
        return nullptr;
    const std::size_t piece = std::size_t(end - m_ends.cbegin());
    const std::size_t begin = piece == 0 ? 0 : m_ends[piece - 1];
    return &m_pieces[piece][index - begin];
}

std::vector<QString> SharedStringTable::toVector() const
{
    std::vector<QString> all;
    all.reserve(size());
    for (const std::vector<QString> &piece : m_pieces)
        all.insert(all.end(), piece.cbegin(), piece.cend());
    return all;
}

SharedStringTable readSharedStrings(PartStream &stream,
                                    const std::function<QByteArray()> &whole,
                                    const std::atomic<bool> &cancelled,
                                    const XlsxPartReading &how,
                                    int *chunksUsed)
{
    if (chunksUsed)
        *chunksUsed = 1;
    if (!how.whole) {
        XmlChunks chunks(stream, "si", SharedStringsWrapper, how.chunkBytes);
        const int threads = threadsFor(stream.size(), how.threads);
        struct Piece
        {
            std::size_t index = 0;
            std::vector<QString> strings;
        };
        std::vector<std::vector<Piece>> pieces(static_cast<std::size_t>(threads)); // a list a thread
        std::atomic<bool> stopped = false;
        const auto parseChunk = [&](int thread, const XmlChunk &chunk) {
            Piece &piece = pieces[std::size_t(thread)].emplace_back();
            piece.index = chunk.index;
            SharedStringsHandler handler(cancelled, stopped, piece.strings);
            parseXml(chunk.bytes, handler);
            return (chunk.isFirst
                    || handler.startsWithItemAt(std::ptrdiff_t(SharedStringsWrapper.size())))
                   && (chunk.isLast
                       || handler.endedBetweenItemsAt(std::ptrdiff_t(chunk.bytes.size())));
        };
        if (readChunksAtOnce(chunks, threads, stopped, parseChunk)) {
            std::vector<Piece> inOrder = inPartOrder(pieces);
            SharedStringTable table;
            for (Piece &piece : inOrder)
                table.append(std::move(piece.strings));
            if (chunksUsed)
                *chunksUsed = int(inOrder.size());
            return table;
        }
        if (cancelled.load(std::memory_order_relaxed))
            throw std::runtime_error("cancelled");
    }
    const std::atomic<bool> neverStopped = false;
    std::vector<QString> strings;
    SharedStringsHandler handler(cancelled, neverStopped, strings);
    parseXml(whole(), handler);
    return SharedStringTable(std::move(strings));
}

SharedStringsReader::SharedStringsReader(const WorkbookPackage &package,
                                         QByteArray part,
                                         XlsxPartReading how)
{
    if (!package.contains(part))
        return; // as openpyxl writes: inline strings only
    const auto read = [this, &package, part = std::move(part), how] {
        const std::unique_ptr<PartStream> stream = package.stream(part);
        return readSharedStrings(
            *stream, [&package, &part] { return *package.part(part); }, m_cancelled, how);
    };
    try {
        m_strings = std::async(std::launch::async, read);
    } catch (const std::system_error &) {
        m_strings = std::async(std::launch::deferred, read); // no thread to be had: read later
    }
}

SharedStringsReader::~SharedStringsReader()
{
    m_cancelled = true;
    // A deferred read (no thread could be had) would start in wait(): it is not needed.
    if (m_strings.valid()
        && m_strings.wait_for(std::chrono::seconds(0)) != std::future_status::deferred) {
        m_strings.wait();
    }
}

SharedStringTable SharedStringsReader::strings()
{
    return m_strings.valid() ? m_strings.get() : SharedStringTable();
}

} // namespace Bulkmail::Xlsx
