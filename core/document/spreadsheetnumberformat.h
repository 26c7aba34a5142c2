#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace Bulkmail {

// How a spreadsheet shows a number: the cell's value rendered through its number format code
// (ECMA-376 Part 1 §18.8.31, the codes Excel, WPS and LibreOffice share), so that a recipient
// list merges what the user sees in the cell. liborcus hands over values and format codes, not
// the displayed text, hence this small renderer.
//
// Covered: "General"; digits with `0` `#` `?`, decimals, thousands separators and `%`; text `@`;
// literals in quotes, after `\`, and the characters spreadsheets print as they are (`-`, `/`,
// `年`, ...); dates and times with y, m, d, h, m (minutes after h or before s), s, AM/PM and
// `[h]`; up to four sections `positive;negative;zero;text`. Colours, `[$-804]` locale tags and
// conditions in brackets are dropped (they change how a cell looks, not its text); `_x` and
// `*x` paddings print nothing.
//
// Deliberate differences: numbers use '.' and ',' (the C locale), not the reader's; month and
// day names are English; built-in format 14 (Excel's "short date of the system") is ISO 8601
// `yyyy-mm-dd`, the same in every country; and "General" writes every digit of an integer up to
// 15 digits and fractions to 15 significant digits (Excel abbreviates to fit the column, down to
// 1.23457E+11 for a 12-digit number, which no mail should carry). Scientific and fraction
// formats fall back to "General".
class SpreadsheetNumberFormat final
{
public:
    enum class DateSystem {
        Windows1900, // serial 1 is 1900-01-01, with Lotus's fictitious 1900-02-29 (serial 60)
        Mac1904,     // serial 0 is 1904-01-01
    };

    SpreadsheetNumberFormat() = default; // "General"
    explicit SpreadsheetNumberFormat(const QString &code);

    // The code of a built-in format (ECMA-376 Part 1 §18.8.30 and the Chinese locale's 27 to 58);
    // empty for an unknown identifier (shown as "General").
    [[nodiscard]] static QString builtinCode(int identifier);

    [[nodiscard]] bool isDateTime() const { return m_isDateTime; }
    [[nodiscard]] QString format(double value, DateSystem system = DateSystem::Windows1900) const;
    // A date and time a file stores as such (OpenDocument's office:date-value).
    [[nodiscard]] QString formatDateTime(const QDateTime &dateTime) const;

    // "General": the shortest text that gives the value back, without an exponent where one
    // can be avoided.
    [[nodiscard]] static QString general(double value);

    struct Token
    {
        enum class Kind {
            Literal,
            Digits, // a run of 0 # ? . , placeholders: the number itself
            Percent,
            Text, // @
            Year,
            Month,
            Day,
            Hour,
            Minute,
            Second,
            ElapsedHours,
            AmPm,
        };
        Kind kind = Kind::Literal;
        QString text;  // the literal, the placeholders, or "AM/PM" / "A/P"
        int width = 0; // y, m, d, h, s: how many letters
    };

private:
    struct Section
    {
        QList<Token> tokens;
        bool isDateTime = false;
        bool hasAmPm = false;
        bool isGeneral = false;
        int percentCount = 0;
    };

    [[nodiscard]] static Section parseSection(const QString &code);
    [[nodiscard]] static QString formatNumber(const Section &section, double magnitude);
    [[nodiscard]] static QString formatDate(const Section &section,
                                            const QDateTime &dateTime,
                                            double serialDays);

    QList<Section> m_sections;
    bool m_isDateTime = false;
};

} // namespace Bulkmail
