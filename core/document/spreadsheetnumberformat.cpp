#include "spreadsheetnumberformat.h"

#include <array>
#include <cmath>

namespace Bulkmail {

namespace {

using Token = SpreadsheetNumberFormat::Token;
using Kind = Token::Kind;

constexpr std::array MonthNames{"January",
                                "February",
                                "March",
                                "April",
                                "May",
                                "June",
                                "July",
                                "August",
                                "September",
                                "October",
                                "November",
                                "December"};
constexpr std::array DayNames{
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr int SecondsPerDay = 86400;
constexpr double LastSerialDay = 2958465; // 9999-12-31 in the 1900 date system
// Integers up to this many digits are written in full by "General" (a double holds 15 exactly).
constexpr double LargestFullInteger = 1e15;

bool isPlaceholder(QChar character)
{
    return character == u'0' || character == u'#' || character == u'?' || character == u'.'
           || character == u',';
}

bool isDateTimeKind(Kind kind)
{
    return kind == Kind::Year || kind == Kind::Month || kind == Kind::Day || kind == Kind::Hour
           || kind == Kind::Minute || kind == Kind::Second || kind == Kind::ElapsedHours;
}

void appendLiteral(QList<Token> &tokens, const QString &text)
{
    if (!tokens.isEmpty() && tokens.last().kind == Kind::Literal)
        tokens.last().text += text;
    else
        tokens.append({Kind::Literal, text, 0});
}

// Splits at ';' outside quotes, brackets and escapes.
QStringList splitSections(const QString &code)
{
    QStringList sections;
    QString current;
    bool isInQuotes = false;
    bool isInBrackets = false;
    for (qsizetype i = 0; i < code.size(); ++i) {
        const QChar character = code[i];
        if (character == u'\\' && !isInQuotes && i + 1 < code.size()) {
            current += character;
            current += code[++i];
            continue;
        }
        if (character == u'"')
            isInQuotes = !isInQuotes;
        else if (!isInQuotes && character == u'[')
            isInBrackets = true;
        else if (!isInQuotes && character == u']')
            isInBrackets = false;
        if (character == u';' && !isInQuotes && !isInBrackets) {
            sections.append(current);
            current.clear();
            continue;
        }
        current += character;
    }
    sections.append(current);
    return sections;
}

QString padded(qint64 number, int width)
{
    return QString::number(number).rightJustified(width, u'0');
}

// Lotus 1-2-3 counted 1900 as a leap year, and Excel keeps the fictitious 1900-02-29 (serial 60).
QDate dateOfSerial(qint64 days, SpreadsheetNumberFormat::DateSystem system)
{
    if (system == SpreadsheetNumberFormat::DateSystem::Mac1904)
        return QDate(1904, 1, 1).addDays(days);
    if (days >= 61)
        return QDate(1899, 12, 30).addDays(days);
    if (days == 60)
        return QDate(1900, 2, 28); // not a date; the nearest one
    return QDate(1899, 12, 31).addDays(days);
}

} // namespace

SpreadsheetNumberFormat::SpreadsheetNumberFormat(const QString &code)
{
    if (code.isEmpty())
        return;
    for (const QString &section : splitSections(code))
        m_sections.append(parseSection(section));
    m_isDateTime = m_sections.first().isDateTime;
}

QString SpreadsheetNumberFormat::builtinCode(int identifier)
{
    switch (identifier) {
    case 0:
        return QStringLiteral("General");
    case 1:
        return QStringLiteral("0");
    case 2:
        return QStringLiteral("0.00");
    case 3:
        return QStringLiteral("#,##0");
    case 4:
        return QStringLiteral("#,##0.00");
    case 9:
        return QStringLiteral("0%");
    case 10:
        return QStringLiteral("0.00%");
    case 14:
        return QStringLiteral("yyyy-mm-dd"); // Excel: the system's short date
    case 15:
        return QStringLiteral("d-mmm-yy");
    case 16:
        return QStringLiteral("d-mmm");
    case 17:
        return QStringLiteral("mmm-yy");
    case 18:
        return QStringLiteral("h:mm AM/PM");
    case 19:
        return QStringLiteral("h:mm:ss AM/PM");
    case 20:
        return QStringLiteral("h:mm");
    case 21:
        return QStringLiteral("h:mm:ss");
    case 22:
        return QStringLiteral("yyyy-mm-dd h:mm");
    case 27:
    case 36:
    case 50:
    case 52:
    case 57:
        return QStringLiteral("yyyy\"年\"m\"月\"");
    case 28:
    case 29:
    case 51:
    case 53:
    case 54:
    case 58:
        return QStringLiteral("m\"月\"d\"日\"");
    case 30:
        return QStringLiteral("m-d-yy");
    case 31:
        return QStringLiteral("yyyy\"年\"m\"月\"d\"日\"");
    case 32:
        return QStringLiteral("h\"时\"mm\"分\"");
    case 33:
        return QStringLiteral("h\"时\"mm\"分\"ss\"秒\"");
    case 37:
        return QStringLiteral("#,##0 ;(#,##0)");
    case 38:
        return QStringLiteral("#,##0 ;[Red](#,##0)");
    case 39:
        return QStringLiteral("#,##0.00;(#,##0.00)");
    case 40:
        return QStringLiteral("#,##0.00;[Red](#,##0.00)");
    case 45:
        return QStringLiteral("mm:ss");
    case 46:
        return QStringLiteral("[h]:mm:ss");
    case 49:
        return QStringLiteral("@");
    default:
        return {};
    }
}

SpreadsheetNumberFormat::Section SpreadsheetNumberFormat::parseSection(const QString &code)
{
    Section section;
    QList<Token> &tokens = section.tokens;
    const auto startsWith = [&code](qsizetype at, QStringView word) {
        return QStringView(code).sliced(at).startsWith(word, Qt::CaseInsensitive);
    };
    for (qsizetype i = 0; i < code.size(); ++i) {
        const QChar character = code[i];
        const QChar lower = character.toLower();
        if (character == u'"') {
            const qsizetype end = code.indexOf(u'"', i + 1);
            appendLiteral(tokens, code.mid(i + 1, (end < 0 ? code.size() : end) - i - 1));
            i = end < 0 ? code.size() : end;
        } else if (character == u'\\') {
            if (i + 1 < code.size())
                appendLiteral(tokens, code[++i]);
        } else if (character == u'_' || character == u'*') {
            ++i; // a padding as wide as (or repeating) the next character: no text
        } else if (character == u'[') {
            const qsizetype end = code.indexOf(u']', i);
            const QString original = code.mid(i + 1, (end < 0 ? code.size() : end) - i - 1);
            const QString inside = original.toLower();
            if (inside.startsWith(u'$')) {
                // [$¥-804]: a currency symbol (before the dash) and a locale; [$-804]: a locale.
                const qsizetype dash = original.indexOf(u'-');
                appendLiteral(tokens, original.mid(1, dash < 0 ? -1 : dash - 1));
            } else if (!inside.isEmpty() && inside.count(inside[0]) == inside.size()) {
                if (inside[0] == u'h')
                    tokens.append({Kind::ElapsedHours, {}, int(inside.size())});
                else if (inside[0] == u'm')
                    tokens.append({Kind::Minute, {}, int(inside.size())});
                else if (inside[0] == u's')
                    tokens.append({Kind::Second, {}, int(inside.size())});
            }
            i = end < 0 ? code.size() : end; // colours, locales, conditions: dropped
        } else if (startsWith(i, u"General")) {
            tokens.append({Kind::Text, {}, 0});
            section.isGeneral = tokens.size() == 1;
            i += 6;
        } else if (startsWith(i, u"AM/PM") || startsWith(i, u"上午/下午")) {
            tokens.append({Kind::AmPm, code.mid(i, 5).toUpper(), 0});
            section.hasAmPm = true;
            i += 4;
        } else if (startsWith(i, u"A/P")) {
            tokens.append({Kind::AmPm, QStringLiteral("A/P"), 0});
            section.hasAmPm = true;
            i += 2;
        } else if (isPlaceholder(character) && !(character == u',' && tokens.isEmpty())) {
            qsizetype end = i;
            while (end < code.size() && isPlaceholder(code[end]))
                ++end;
            tokens.append({Kind::Digits, code.mid(i, end - i), 0});
            i = end - 1;
        } else if (character == u'%') {
            tokens.append({Kind::Percent, QStringLiteral("%"), 0});
            ++section.percentCount;
        } else if (character == u'@') {
            tokens.append({Kind::Text, {}, 0});
        } else if (lower == u'e' && i + 1 < code.size()
                   && (code[i + 1] == u'+' || code[i + 1] == u'-')) {
            section.isGeneral = true; // scientific: written as "General"
            ++i;
        } else if (lower == u'y' || lower == u'e' || lower == u'm' || lower == u'd' || lower == u'h'
                   || lower == u's') {
            qsizetype end = i;
            while (end < code.size() && code[end].toLower() == lower)
                ++end;
            const auto width = int(end - i);
            const Kind kind = lower == u'm'   ? Kind::Month
                              : lower == u'd' ? Kind::Day
                              : lower == u'h' ? Kind::Hour
                              : lower == u's' ? Kind::Second
                                              : Kind::Year;
            tokens.append({kind, {}, width});
            i = end - 1;
        } else {
            appendLiteral(tokens, character);
        }
    }
    // "m" and "mm" are minutes right after hours or right before seconds.
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (tokens[i].kind != Kind::Month || tokens[i].width > 2)
            continue;
        Kind previous = Kind::Literal;
        for (qsizetype j = i - 1; j >= 0 && previous == Kind::Literal; --j)
            previous = isDateTimeKind(tokens[j].kind) ? tokens[j].kind : Kind::Literal;
        Kind next = Kind::Literal;
        for (qsizetype j = i + 1; j < tokens.size() && next == Kind::Literal; ++j)
            next = isDateTimeKind(tokens[j].kind) ? tokens[j].kind : Kind::Literal;
        if (previous == Kind::Hour || previous == Kind::ElapsedHours || next == Kind::Second)
            tokens[i].kind = Kind::Minute;
    }
    section.isDateTime = std::any_of(tokens.cbegin(), tokens.cend(), [](const Token &token) {
        return isDateTimeKind(token.kind);
    });
    // In a date, "," and "." are text ("mmm d, yyyy").
    if (section.isDateTime) {
        QList<Token> dateTokens;
        for (const Token &token : std::as_const(tokens)) {
            if (token.kind == Kind::Digits)
                appendLiteral(dateTokens, token.text);
            else
                dateTokens.append(token);
        }
        tokens = dateTokens;
    }
    return section;
}

QString SpreadsheetNumberFormat::general(double value)
{
    if (std::isnan(value) || std::isinf(value))
        return QString::number(value);
    if (value == std::trunc(value) && std::abs(value) < LargestFullInteger)
        return QString::number(qint64(value));
    // 15 significant digits hide binary noise (0.1 + 0.2 is 0.3); 'g' drops trailing zeros.
    return QString::number(value, 'g', 15);
}

QString SpreadsheetNumberFormat::format(double value, DateSystem system) const
{
    if (m_sections.isEmpty() || std::isnan(value) || std::isinf(value))
        return general(value);
    const Section *section = &m_sections.first();
    double magnitude = value;
    bool needsMinus = value < 0;
    if (value < 0 && m_sections.size() >= 2) {
        section = &m_sections[1];
        magnitude = -value;
        needsMinus = false; // the section writes its own sign or parentheses
    } else if (value == 0 && m_sections.size() >= 3) {
        section = &m_sections[2];
    }
    if (section->isGeneral)
        return general(value);
    if (section->isDateTime) {
        // Excel shows "####" outside its dates, 1900-01-00 to 9999-12-31.
        if (value < 0 || value >= LastSerialDay + 1)
            return general(value);
        const auto days = qint64(std::floor(value));
        qint64 seconds = std::llround((value - double(days)) * SecondsPerDay);
        QDate date = dateOfSerial(days, system);
        if (seconds >= SecondsPerDay) {
            date = date.addDays(1);
            seconds -= SecondsPerDay;
        }
        return formatDate(*section, QDateTime(date, QTime(0, 0).addSecs(int(seconds))), value);
    }
    // Paddings (`_)`, `?`) align columns on screen; the text keeps none at its ends.
    const QString text = formatNumber(*section, std::abs(magnitude)).trimmed();
    // -0.001 shown as "0.00" has no sign, as in Excel.
    const bool showsNonZero = std::any_of(text.cbegin(), text.cend(), [](QChar character) {
        return character >= u'1' && character <= u'9';
    });
    return needsMinus && showsNonZero ? u'-' + text : text;
}

QString SpreadsheetNumberFormat::formatDateTime(const QDateTime &dateTime) const
{
    if (m_sections.isEmpty() || !m_isDateTime) {
        // A date without a date format: ISO 8601, with the time only when there is one.
        return dateTime.time() == QTime(0, 0) ? dateTime.date().toString(Qt::ISODate)
                                              : dateTime.toString(Qt::ISODate);
    }
    const double serial = double(QDate(1899, 12, 30).daysTo(dateTime.date()))
                          + dateTime.time().msecsSinceStartOfDay() / 1000.0 / SecondsPerDay;
    return formatDate(m_sections.first(), dateTime, serial);
}

QString SpreadsheetNumberFormat::formatNumber(const Section &section, double magnitude)
{
    // The placeholders of every digit run, in order: "000-0000" holds 7 integer placeholders.
    QString pattern;
    for (const Token &token : section.tokens) {
        if (token.kind == Kind::Digits)
            pattern += token.text;
    }
    const qsizetype point = pattern.indexOf(u'.');
    QString integerPattern = point < 0 ? pattern : pattern.first(point);
    const QString fractionPattern = point < 0 ? QString() : pattern.sliced(point + 1);
    // Commas right of the last integer placeholder divide by a thousand each.
    int scale = 0;
    while (integerPattern.endsWith(u',')) {
        integerPattern.chop(1);
        ++scale;
    }
    const bool groupsThousands = integerPattern.contains(u',');
    // '?' pads with a space where '0' pads with a zero: alignment, which the text drops.
    const auto minimumIntegerDigits = int(integerPattern.count(u'0'));
    const auto maximumDecimals = int(fractionPattern.size() - fractionPattern.count(u','));
    const auto minimumDecimals = int(fractionPattern.count(u'0'));

    const double scaled = magnitude * std::pow(100.0, section.percentCount)
                          / std::pow(1000.0, scale);
    const QString digits = QString::number(scaled, 'f', maximumDecimals);
    const qsizetype dot = digits.indexOf(u'.');
    QString integerPart = dot < 0 ? digits : digits.first(dot);
    QString fractionPart = dot < 0 ? QString() : digits.sliced(dot + 1);
    while (fractionPart.size() > minimumDecimals && fractionPart.endsWith(u'0'))
        fractionPart.chop(1);
    if (integerPart == u"0" && minimumIntegerDigits == 0)
        integerPart.clear();
    integerPart = integerPart.rightJustified(minimumIntegerDigits, u'0');

    const auto runCount = std::count_if(section.tokens.cbegin(),
                                        section.tokens.cend(),
                                        [](const Token &token) {
                                            return token.kind == Kind::Digits;
                                        });
    if (groupsThousands && runCount == 1) {
        for (qsizetype at = integerPart.size() - 3; at > 0; at -= 3)
            integerPart.insert(at, u',');
    }

    // Several digit runs ("000-0000"): each takes as many integer digits as it has placeholders,
    // from the right; the leftmost run takes what remains.
    QList<QString> runDigits(runCount);
    qsizetype remaining = integerPart.size();
    for (qsizetype run = runCount - 1, index = section.tokens.size() - 1; index >= 0; --index) {
        const Token &token = section.tokens[index];
        if (token.kind != Kind::Digits)
            continue;
        const qsizetype tokenPoint = token.text.indexOf(u'.');
        const QString integerPlaces = tokenPoint < 0 ? token.text : token.text.first(tokenPoint);
        qsizetype places = integerPlaces.size() - integerPlaces.count(u',');
        if (run == 0 || runCount == 1)
            places = remaining;
        places = std::min(places, remaining);
        QString text = integerPart.mid(remaining - places, places);
        remaining -= places;
        if (tokenPoint >= 0 && !fractionPart.isEmpty())
            text += u'.' + fractionPart;
        runDigits[run--] = text;
    }

    QString out;
    qsizetype run = 0;
    for (const Token &token : section.tokens) {
        switch (token.kind) {
        case Kind::Digits:
            out += runDigits[run++];
            break;
        case Kind::Text:
            out += general(magnitude);
            break;
        default:
            out += token.text;
            break;
        }
    }
    return out;
}

QString SpreadsheetNumberFormat::formatDate(const Section &section,
                                            const QDateTime &dateTime,
                                            double serialDays)
{
    const QDate date = dateTime.date();
    const QTime time = dateTime.time();
    QString out;
    for (const Token &token : section.tokens) {
        switch (token.kind) {
        case Kind::Literal:
        case Kind::Percent:
            out += token.text;
            break;
        case Kind::Year:
            out += token.width <= 2 ? padded(date.year() % 100, 2) : padded(date.year(), 4);
            break;
        case Kind::Month:
            if (token.width <= 2)
                out += padded(date.month(), token.width);
            else if (token.width == 3)
                out += QString::fromLatin1(MonthNames[date.month() - 1]).first(3);
            else if (token.width == 4)
                out += QString::fromLatin1(MonthNames[date.month() - 1]);
            else
                out += QString::fromLatin1(MonthNames[date.month() - 1]).first(1);
            break;
        case Kind::Day:
            if (token.width <= 2)
                out += padded(date.day(), token.width);
            else if (token.width == 3)
                out += QString::fromLatin1(DayNames[date.dayOfWeek() - 1]).first(3);
            else
                out += QString::fromLatin1(DayNames[date.dayOfWeek() - 1]);
            break;
        case Kind::Hour: {
            int hour = time.hour();
            if (section.hasAmPm)
                hour = hour % 12 == 0 ? 12 : hour % 12;
            out += padded(hour, std::min(token.width, 2));
            break;
        }
        case Kind::ElapsedHours:
            out += padded(qint64(std::floor(serialDays * 24 + 1e-9)), token.width);
            break;
        case Kind::Minute:
            out += padded(time.minute(), std::min(token.width, 2));
            break;
        case Kind::Second:
            out += padded(time.second(), std::min(token.width, 2));
            break;
        case Kind::AmPm: {
            const bool isMorning = time.hour() < 12;
            if (token.text == u"A/P")
                out += isMorning ? u'A' : u'P';
            else if (token.text.startsWith(u'上'))
                out += isMorning ? QStringLiteral("上午") : QStringLiteral("下午");
            else
                out += isMorning ? QStringLiteral("AM") : QStringLiteral("PM");
            break;
        }
        case Kind::Digits:
        case Kind::Text:
            break; // fractions of seconds and text have no place in a date
        }
    }
    return out;
}

} // namespace Bulkmail
