#include "document/xlsxsharedstrings.h"

#include <chrono>
#include <cstddef>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include <QByteArrayView>

#include <orcus/sax_parser.hpp>

#include "document/workbookpackage.h"
#include "document/xlsxtext.h"
#include "document/xmlsegments.h"

namespace Bulkmail::Xlsx {

namespace {

// --- xl/sharedStrings.xml: <si> of <t> or rich-text runs <r><t>; phonetic runs <rPh> are not
// part of the text (§18.4) -------------------------------------------------------------------

class SharedStringsHandler final : public orcus::sax_handler
{
public:
    // Adds the strings it reads to `strings`.
    SharedStringsHandler(const std::atomic<bool> &cancelled, std::vector<QString> &strings)
        : m_cancelled(cancelled)
        , m_strings(strings)
    {}

    // For shared strings parsed in segments (readSharedStrings()): whether this parse ended just
    // after an item's end tag that ends at `end`, one element deep (the sst), with nothing of an
    // item open; and whether its first item began at `begin`, two elements deep (under the sst
    // that wraps a segment).
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
            if (m_cancelled.load(std::memory_order_relaxed))
                throw std::runtime_error("cancelled");
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

std::vector<QString> readSharedStrings(QByteArray &xml,
                                       const std::atomic<bool> &cancelled,
                                       int parsers,
                                       int *parsersUsed)
{
    if (parsersUsed)
        *parsersUsed = 1;
    if (parsers <= 0)
        parsers = parsersFor(xml.size());
    const std::string_view text(xml.constData(), std::size_t(xml.size()));
    if (parsers > 1 && holdsOnlyElements(text)) {
        static constexpr std::string_view Wrapper = "<sst>";
        const XmlSegments segments(xml, "si", Wrapper, parsers);
        std::vector<std::vector<QString>> strings(segments.size());
        const auto parseSegment = [&](std::size_t i) {
            // A segment or its tail; whether it proved to begin (but at the part's beginning)
            // and end (but at the part's end) between items.
            const auto parse = [&](QByteArrayView bytes, bool isAtPartBegin, bool isAtPartEnd) {
                SharedStringsHandler handler(cancelled, strings[i]);
                parseXml(bytes, handler);
                return (isAtPartBegin || handler.startsWithItemAt(std::ptrdiff_t(Wrapper.size())))
                       && (isAtPartEnd || handler.endedBetweenItemsAt(std::ptrdiff_t(bytes.size())));
            };
            const bool isLast = i + 1 == segments.size();
            return parse(segments.bytes(i), i == 0, isLast)
                   && (isLast || parse(segments.tail(i), false, false));
        };
        if (segments.size() > 1 && parseSegmentsAtOnce(segments.size(), parseSegment, [] {})) {
            std::vector<QString> all = std::move(strings.front());
            for (std::size_t i = 1; i < strings.size(); ++i)
                all.insert(all.end(),
                           std::make_move_iterator(strings[i].begin()),
                           std::make_move_iterator(strings[i].end()));
            if (parsersUsed)
                *parsersUsed = int(segments.size());
            return all;
        }
    }
    std::vector<QString> strings;
    SharedStringsHandler handler(cancelled, strings);
    parseXml(xml, handler);
    return strings;
}

SharedStringsReader::SharedStringsReader(const WorkbookPackage &package,
                                         QByteArray part,
                                         int parsers)
{
    if (!package.contains(part))
        return; // as openpyxl writes: inline strings only
    const auto read = [this, &package, part = std::move(part), parsers] {
        auto xml = package.part(part);
        return xml ? readSharedStrings(*xml, m_cancelled, parsers) : std::vector<QString>();
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

std::vector<QString> SharedStringsReader::strings()
{
    return m_strings.valid() ? m_strings.get() : std::vector<QString>();
}

} // namespace Bulkmail::Xlsx
