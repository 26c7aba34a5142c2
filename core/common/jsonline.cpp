#include "jsonline.h"

#include <limits>

namespace Bulkmail {

namespace {

void appendDigits(QByteArray &out, int value, int width)
{
    char digits[4];
    for (int i = width - 1; i >= 0; --i) {
        digits[i] = char('0' + value % 10);
        value /= 10;
    }
    out.append(digits, width);
}

// Qt's formatter parses its format and goes through QLocale for every call (about 18,000
// instructions); the text up to the seconds only changes once a second.
QByteArray utcTimeText(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    const QDateTime utc = time.toUTC();
    const int year = utc.date().year();
    if (year < 1 || year > 9999)
        return utc.toString(Qt::ISODateWithMs).toLatin1();
    thread_local qint64 cachedSecond = std::numeric_limits<qint64>::min();
    thread_local QByteArray cachedPrefix; // "yyyy-MM-ddThh:mm:ss"
    const qint64 milliseconds = utc.toMSecsSinceEpoch();
    const qint64 second = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000;
    if (second != cachedSecond) {
        const QDate date = utc.date();
        const QTime clock = utc.time();
        cachedPrefix.clear();
        appendDigits(cachedPrefix, date.year(), 4);
        cachedPrefix += '-';
        appendDigits(cachedPrefix, date.month(), 2);
        cachedPrefix += '-';
        appendDigits(cachedPrefix, date.day(), 2);
        cachedPrefix += 'T';
        appendDigits(cachedPrefix, clock.hour(), 2);
        cachedPrefix += ':';
        appendDigits(cachedPrefix, clock.minute(), 2);
        cachedPrefix += ':';
        appendDigits(cachedPrefix, clock.second(), 2);
        cachedSecond = second;
    }
    QByteArray text = cachedPrefix;
    text += '.';
    appendDigits(text, int(milliseconds - second * 1000), 3);
    text += 'Z';
    return text;
}

} // namespace

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

JsonLine &JsonLine::addJson(const char *key, QByteArrayView json)
{
    appendKey(key);
    m_line.append(json);
    return *this;
}

QByteArray JsonLine::take()
{
    m_line.append("}\n", 2);
    QByteArray line = std::move(m_line);
    m_line = QByteArray("{");
    return line;
}

JsonLine &JsonLine::addUtcTime(const char *key, const QDateTime &time)
{
    appendKey(key);
    appendString(utcTimeText(time));
    return *this;
}

} // namespace Bulkmail
