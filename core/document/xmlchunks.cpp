#include "document/xmlchunks.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <thread>

#include "document/workbookpackage.h"

namespace Bulkmail {

namespace {

struct ElementCut
{
    std::size_t previousEnd = 0; // just after an item's end tag
    std::size_t nextBegin = 0;   // at the next item's start tag
};

bool isXmlSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool isPrefixCharacter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
           || c == '-' || c == '.';
}

// The cut at `at`, where `xml` holds `localName` and '>': when that is an end tag of the name
// ("</row>", or prefixed, "</x:row>") followed, but for white space, by a start tag of the same
// name, whole in `xml`.
std::optional<ElementCut> cutAt(std::string_view xml, std::size_t at, std::string_view localName)
{
    std::size_t nameBegin = at;
    if (nameBegin > 0 && xml[nameBegin - 1] == ':') {
        --nameBegin;
        while (nameBegin > 0 && isPrefixCharacter(xml[nameBegin - 1]))
            --nameBegin;
    }
    if (nameBegin < 2 || xml[nameBegin - 2] != '<' || xml[nameBegin - 1] != '/')
        return std::nullopt;
    const std::string_view name = xml.substr(nameBegin, at + localName.size() - nameBegin);
    const std::size_t previousEnd = at + localName.size() + 1;
    std::size_t next = previousEnd;
    while (next < xml.size() && isXmlSpace(xml[next]))
        ++next;
    const std::size_t afterName = next + 1 + name.size();
    if (afterName < xml.size() && xml[next] == '<' && xml.substr(next + 1, name.size()) == name
        && (isXmlSpace(xml[afterName]) || xml[afterName] == '>' || xml[afterName] == '/')) {
        return ElementCut{previousEnd, next};
    }
    return std::nullopt;
}

// The last cut in `xml` whose item ends after `contentBegin`.
std::optional<ElementCut> lastCut(std::string_view xml,
                                  std::size_t contentBegin,
                                  std::string_view localName,
                                  std::string_view nameEnd)
{
    for (std::size_t at = xml.rfind(nameEnd); at != std::string_view::npos && at > contentBegin;
         at = xml.rfind(nameEnd, at - 1)) {
        if (const auto cut = cutAt(xml, at, localName))
            return cut;
    }
    return std::nullopt;
}

} // namespace

XmlChunks::XmlChunks(PartStream &stream,
                     std::string_view localName,
                     std::string_view wrapper,
                     std::size_t bytes)
    : m_stream(stream)
    , m_localName(localName)
    , m_wrapper(wrapper)
    , m_bytes(bytes == 0 ? DefaultBytes : bytes)
{}

std::size_t XmlChunks::count() const
{
    const std::lock_guard lock(m_mutex);
    return m_next;
}

bool XmlChunks::next(std::vector<char> &buffer, XmlChunk &chunk)
{
    {
        const std::lock_guard lock(m_mutex);
        if (m_ended)
            return false;
        try {
            cutNext(buffer, chunk);
        } catch (...) {
            m_ended = true; // the others stop at their next chunk
            throw;
        }
    }
    check(chunk); // on the calling thread, while the next one unpacks
    return true;
}

// With the lock held: the wrapper, what followed the last cut, and as much more of the part as
// fills the chunk, cut at the last cut in it; a chunk without one grows until it holds one or the
// part ends.
void XmlChunks::cutNext(std::vector<char> &buffer, XmlChunk &chunk)
{
    const bool isFirst = m_next == 0;
    const std::size_t contentBegin = isFirst ? 0 : m_wrapper.size();
    std::size_t target = std::max(m_bytes, contentBegin + m_carry.size() + 1);
    if (buffer.size() < target)
        buffer.resize(target);
    std::size_t used = 0;
    if (!isFirst) {
        std::memcpy(buffer.data(), m_wrapper.data(), m_wrapper.size());
        used = m_wrapper.size();
    }
    std::memcpy(buffer.data() + used, m_carry.data(), m_carry.size());
    used += m_carry.size();
    m_carry.clear();
    const std::string nameEnd = m_localName + '>';
    for (;;) {
        bool isAtEnd = false;
        while (used < target) {
            const qsizetype read = m_stream.read(buffer.data() + used, qsizetype(target - used));
            if (read == 0) {
                isAtEnd = true;
                break;
            }
            used += std::size_t(read);
        }
        const std::string_view text(buffer.data(), used);
        if (isAtEnd) {
            chunk = {m_next++, QByteArrayView(text.data(), qsizetype(used)), isFirst, true};
            m_ended = true;
            return;
        }
        if (const auto cut = lastCut(text, contentBegin, m_localName, nameEnd)) {
            m_carry.assign(text.substr(cut->nextBegin));
            chunk = {m_next++,
                     QByteArrayView(text.data(), qsizetype(cut->previousEnd)),
                     isFirst,
                     false};
            return;
        }
        target *= 2; // one item longer than the chunk: the chunk grows until it holds one
        buffer.resize(target);
    }
}

void XmlChunks::check(const XmlChunk &chunk) const
{
    const std::string_view text(chunk.bytes.data(), std::size_t(chunk.bytes.size()));
    if (!(chunk.isFirst && chunk.isLast) && !holdsOnlyElements(text))
        throw std::invalid_argument("the part holds markup other than elements");
    checkXmlPart("a chunk of the part", chunk.bytes);
}

bool holdsOnlyElements(std::string_view xml)
{
    std::size_t bodyBegin = 0;
    // The declaration, if any, comes first, after a byte order mark at most: looked for there
    // only, not through a part that has none.
    if (const std::size_t declaration = xml.substr(0, 16).find("<?xml");
        declaration != std::string_view::npos) {
        const std::size_t declarationEnd = xml.find("?>", declaration);
        if (declarationEnd == std::string_view::npos)
            return false;
        bodyBegin = declarationEnd + 2;
    }
    for (const char marker : {'!', '?'}) {
        for (std::size_t at = xml.find(marker, bodyBegin); at != std::string_view::npos;
             at = xml.find(marker, at + 1)) {
            if (at > 0 && xml[at - 1] == '<')
                return false;
        }
    }
    return true;
}

int threadsFor(qsizetype size, int asked)
{
    constexpr qsizetype ThreadsFrom = 2 * 1024 * 1024; // a sheet of about 7,000 rows of a list
    if (asked > 0)
        return asked;
    if (size < ThreadsFrom)
        return 1;
    return std::clamp(int(std::thread::hardware_concurrency()), 1, 4);
}

} // namespace Bulkmail
