#include "document/xmlsegments.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <thread>

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

// The first place at or after `from` where an end tag of `localName` ("</row>", or prefixed,
// "</x:row>") is followed, but for white space, by a start tag of the same name.
std::optional<ElementCut> cutAfter(std::string_view xml,
                                   std::size_t from,
                                   std::string_view localName)
{
    const std::string nameEnd = std::string(localName) + '>';
    const std::string_view NameEnd = nameEnd;
    for (std::size_t at = xml.find(NameEnd, from); at != std::string_view::npos;
         at = xml.find(NameEnd, at + NameEnd.size())) {
        std::size_t nameBegin = at;
        if (nameBegin > 0 && xml[nameBegin - 1] == ':') {
            --nameBegin;
            while (nameBegin > 0 && isPrefixCharacter(xml[nameBegin - 1]))
                --nameBegin;
        }
        if (nameBegin < 2 || xml[nameBegin - 2] != '<' || xml[nameBegin - 1] != '/')
            continue;
        const std::string_view name = xml.substr(nameBegin, at + localName.size() - nameBegin);
        std::size_t next = at + NameEnd.size();
        while (next < xml.size() && isXmlSpace(xml[next]))
            ++next;
        const std::size_t afterName = next + 1 + name.size();
        if (afterName < xml.size() && xml[next] == '<' && xml.substr(next + 1, name.size()) == name
            && (isXmlSpace(xml[afterName]) || xml[afterName] == '>' || xml[afterName] == '/')) {
            return ElementCut{at + NameEnd.size(), next};
        }
    }
    return std::nullopt;
}

} // namespace

XmlSegments::XmlSegments(QByteArray &xml,
                         std::string_view localName,
                         std::string_view wrapper,
                         int count)
    : m_xml(xml)
{
    const std::string_view text(xml.constData(), std::size_t(xml.size()));
    std::size_t begin = 0;
    for (int i = 1; i < count; ++i) {
        const std::size_t target = std::max(begin + 1,
                                            text.size() / std::size_t(count) * std::size_t(i));
        const auto cut = cutAfter(text, target, localName);
        if (!cut)
            break;
        // The next segment begins at a later cut, far enough on for its wrapper to lie between
        // the two: the items in between are this segment's tail.
        auto next = cutAfter(text, cut->nextBegin, localName);
        while (next && next->nextBegin < cut->previousEnd + wrapper.size())
            next = cutAfter(text, next->nextBegin, localName);
        if (!next)
            break;
        Segment segment{begin, cut->previousEnd, {}};
        segment.tail.reserve(qsizetype(wrapper.size() + next->previousEnd - cut->nextBegin));
        segment.tail.append(wrapper.data(), qsizetype(wrapper.size()))
            .append(text.data() + cut->nextBegin, qsizetype(next->previousEnd - cut->nextBegin));
        m_segments.push_back(std::move(segment));
        begin = next->nextBegin - wrapper.size();
    }
    m_segments.push_back({begin, text.size(), {}});
    for (std::size_t i = 1; i < m_segments.size(); ++i)
        overwrite(m_segments[i].begin, wrapper);
}

XmlSegments::~XmlSegments()
{
    for (auto each = m_overwritten.crbegin(); each != m_overwritten.crend(); ++each)
        std::memcpy(m_xml.data() + each->at,
                    each->bytes.constData(),
                    std::size_t(each->bytes.size()));
}

void XmlSegments::overwrite(std::size_t at, std::string_view with)
{
    char *const bytes = m_xml.data(); // detaches a shared part the first time
    m_overwritten.push_back({at, QByteArray(bytes + at, qsizetype(with.size()))});
    std::memcpy(bytes + at, with.data(), with.size());
}

QByteArrayView XmlSegments::bytes(std::size_t i) const
{
    const Segment &segment = m_segments[i];
    return QByteArrayView(m_xml).sliced(qsizetype(segment.begin),
                                        qsizetype(segment.end - segment.begin));
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

int parsersFor(qsizetype size)
{
    constexpr qsizetype SegmentsFrom = 2 * 1024 * 1024; // a sheet of about 7,000 rows of a list
    if (size < SegmentsFrom)
        return 1;
    return std::clamp(int(std::thread::hardware_concurrency()), 1, 4);
}

} // namespace Bulkmail
