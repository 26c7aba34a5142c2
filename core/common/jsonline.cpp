#include "jsonline.h"

namespace Bulkmail {

JsonLine::JsonLine()
{
    m_line.reserve(256);
    m_line.append('{');
}

void JsonLine::appendKey(const char *key)
{
    if (m_line.size() > 1)
        m_line.append(',');
    m_line.append('"');
    m_line.append(key);
    m_line.append("\":", 2);
}

void JsonLine::appendString(QByteArrayView utf8)
{
    static constexpr char Hex[] = "0123456789abcdef";
    m_line.append('"');
    const char *run = utf8.data();
    const char *const end = run + utf8.size();
    for (const char *p = run; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        m_line.append(run, p - run);
        run = p + 1;
        switch (c) {
        case '"':
            m_line.append("\\\"", 2);
            break;
        case '\\':
            m_line.append("\\\\", 2);
            break;
        case '\n':
            m_line.append("\\n", 2);
            break;
        case '\r':
            m_line.append("\\r", 2);
            break;
        case '\t':
            m_line.append("\\t", 2);
            break;
        default: {
            const char escaped[] = {'\\', 'u', '0', '0', Hex[c >> 4], Hex[c & 0xf]};
            m_line.append(escaped, sizeof escaped);
            break;
        }
        }
    }
    m_line.append(run, end - run);
    m_line.append('"');
}

JsonLine &JsonLine::add(const char *key, QStringView value)
{
    appendKey(key);
    appendString(value.toUtf8());
    return *this;
}

JsonLine &JsonLine::add(const char *key, QLatin1String value)
{
    appendKey(key);
    appendString(QByteArrayView(value.data(), value.size()));
    return *this;
}

JsonLine &JsonLine::add(const char *key, qint64 value)
{
    appendKey(key);
    m_line.append(QByteArray::number(value));
    return *this;
}

JsonLine &JsonLine::add(const char *key, double value)
{
    appendKey(key);
    // JSON has no NaN or infinity; 'g' with enough digits round-trips a double.
    m_line.append(qIsFinite(value) ? QByteArray::number(value, 'g', 15) : QByteArray("null"));
    return *this;
}

JsonLine &JsonLine::add(const char *key, bool value)
{
    appendKey(key);
    m_line.append(value ? "true" : "false");
    return *this;
}

QByteArray JsonLine::take()
{
    m_line.append("}\n", 2);
    QByteArray line = std::move(m_line);
    m_line = QByteArray("{");
    return line;
}

} // namespace Bulkmail
