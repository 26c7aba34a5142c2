#pragma once

#include <cstddef>
#include <cstring>
#include <optional>
#include <string_view>

#include <QByteArray>
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

template<typename Handler>
void parseXml(const QByteArray &xml, Handler &handler)
{
    orcus::sax_parser<Handler> parser(xml.constData(), std::size_t(xml.size()), handler);
    parser.parse();
}

} // namespace Bulkmail::Xlsx
