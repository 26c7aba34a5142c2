#pragma once

#include <cstddef>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string_view>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <orcus/sax_parser.hpp>

namespace Bulkmail::Xlsx {

// The small text helpers that the parts of an .xlsx share (internal to xlsxreader.cpp,
// xlsxsharedstrings.cpp and xlsxsheetreader.cpp): every part is read with liborcus's SAX parser,
// whose names and values come as UTF-8 std::string_views into the part's XML.

inline QString fromUtf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// What runs for every cell and element is kept inline: std::string_view's == is a call into
// libstdc++ and std::from_chars a general parser, each a few percent of a sheet's reading
// (bench/README.md).

// Whether `text` is `literal`.
template<std::size_t Size>
bool is(std::string_view text, const char (&literal)[Size])
{
    return text.size() == Size - 1 && std::memcmp(text.data(), literal, Size - 1) == 0;
}

// A number of at most nine decimal digits, no sign: a row number, a style or a shared string's
// index (none of them reaches a billion).
inline std::optional<int> toSmallNumber(std::string_view text)
{
    if (text.empty() || text.size() > 9)
        return std::nullopt;
    int value = 0;
    for (const char digit : text) {
        if (digit < '0' || digit > '9')
            return std::nullopt;
        value = value * 10 + (digit - '0');
    }
    return value;
}

inline bool isTrue(std::string_view value)
{
    return value == "1" || value == "true";
}

// liborcus 0.17's parser steps one byte past the end of its input when the input ends inside an
// attribute's value that holds a character reference (sax::parser_base::value_with_encoded_char()
// skips a closing quote it has not found), and its next look at the input fails an assertion,
// which aborts the program: a part with a quote left open, or a chunk whose cut such a value
// fooled (found by fuzz_xlsxparts, when chunks were segments). It has just stepped there when it hands the handler that
// attribute; so every part is parsed by parseXml(), whose handler stops the parse there with an
// error.
namespace detail {

template<typename Handler>
class GuardedHandler;

template<typename Handler>
class PositionedParser final : public orcus::sax_parser<GuardedHandler<Handler>>
{
public:
    using orcus::sax_parser<GuardedHandler<Handler>>::sax_parser;
    [[nodiscard]] bool isPastItsEnd() const { return this->mp_char > this->mp_end; }
};

template<typename Handler>
class GuardedHandler final : public orcus::sax_handler
{
public:
    explicit GuardedHandler(Handler &handler)
        : m_handler(handler)
    {}
    void watch(const PositionedParser<Handler> &parser) { m_parser = &parser; }

    void doctype(const orcus::sax::doctype_declaration &declaration)
    {
        m_handler.doctype(declaration);
    }
    void start_declaration(std::string_view name) { m_handler.start_declaration(name); }
    void end_declaration(std::string_view name) { m_handler.end_declaration(name); }
    void start_element(const orcus::sax::parser_element &element)
    {
        m_handler.start_element(element);
    }
    void end_element(const orcus::sax::parser_element &element) { m_handler.end_element(element); }
    void characters(std::string_view text, bool transient)
    {
        m_handler.characters(text, transient);
    }
    void attribute(const orcus::sax::parser_attribute &attribute)
    {
        if (m_parser->isPastItsEnd())
            throw std::invalid_argument("a value in quotes runs to the end of the part");
        m_handler.attribute(attribute);
    }

private:
    Handler &m_handler;
    const PositionedParser<Handler> *m_parser = nullptr;
};

} // namespace detail

// Parses `xml` into `handler`, as orcus::sax_parser does, but for the fault above.
template<typename Handler>
void parseXml(QByteArrayView xml, Handler &handler)
{
    detail::GuardedHandler<Handler> guarded(handler);
    detail::PositionedParser<Handler> parser(xml.data(), std::size_t(xml.size()), guarded);
    guarded.watch(parser);
    parser.parse();
}

} // namespace Bulkmail::Xlsx
