#pragma once

#include "campaign/campaign.h"
#include "common/result.h"

#include <optional>

#include <QByteArray>
#include <QChar>
#include <QList>
#include <QString>
#include <QStringList>

namespace Bulkmail {

// Recipient lists as people export them from Excel, WPS or Google Sheets: RFC 4180 CSV (quoted
// fields may hold delimiters, doubled quotes and line breaks), parsed by libcsv in strict mode.
//
// Encoding: an explicit `CsvImportOptions::encoding` wins. Otherwise a byte order mark decides
// (UTF-8, UTF-16LE/BE as Excel's "Unicode text", UTF-32), then strict UTF-8, then uchardet (which
// recognises GB18030/GBK as Excel writes it on Chinese Windows, and the Windows code pages); when
// nothing fits, the import fails and asks for the encoding.
//
// Delimiter: an explicit one wins, then Excel's `sep=;` first line, then the most frequent of
// `,` `;` and tab outside quotes in the header line (`,` when none occurs: a one-column list).
//
// Header: the first non-empty row. The email column is found case-insensitively among common
// names ("email", "E-mail", "Email Address", "邮箱", "电子邮件", ...), the name column likewise
// ("name", "Full name", "姓名", ...); every other column becomes a merge field named by its
// header text. Line numbers are physical lines of the file, 1-based: a record with a line break
// inside quotes has the number of the line it starts on.
//
// What refuses the whole import (ErrorCode::CsvMalformedRow or InvalidFormat, message starting
// "line N: " where a line is to blame): an unreadable or undecodable file, binary data (control
// characters, NUL, an .xlsx/.xls workbook), an empty file, a missing email column, a header
// naming the same column twice, a quote that is never closed, a stray quote (`"abc"def`,
// `ab"c`: RFC 4180 §2 requires quoting such values, and guessing could swallow later rows), and a
// row with more non-empty fields than the header has columns (an unquoted delimiter inside a
// value would otherwise shift every later column). Never a half-imported list.
//
// What only warns (the row is kept): a header cell left empty (the column gets the name
// "columnN"), a second email-like column (it becomes a merge field). Rows with fewer fields than
// the header get empty values; empty trailing fields beyond the header are ignored (Excel writes
// them after a cleared column); rows whose fields are all empty are skipped. The email and name
// values are trimmed of surrounding whitespace; spaces around an unquoted value are dropped (a
// quoted value keeps them). Invalid and
// duplicate addresses are not import problems: see recipientvalidation.h.

struct CsvImportOptions
{
    QByteArray encoding{};            // e.g. "GB18030", "windows-1252"; empty: detect
    std::optional<QChar> delimiter{}; // ',', ';', '\t', ...; empty: detect
    QString emailColumn{};            // header of the email column; empty: detect
    QString nameColumn{};             // header of the name column; empty: detect (optional)
};

struct CsvProblem
{
    int line = 0; // 1-based
    QString message;

    friend bool operator==(const CsvProblem &, const CsvProblem &) = default;
};

struct CsvImport
{
    QStringList fieldNames;      // the merge fields beyond email and name, in column order
    QList<Recipient> recipients; // Recipient::fields follow fieldNames; sourceLine is set
    QString detectedEncoding;    // "UTF-8", "UTF-16LE", "GB18030", ... (the one used)
    QChar delimiter;
    QList<CsvProblem> warnings;
};

// Whether a header cell names the email or the name column, as the import recognises them ("E-mail
// Address", "Email", "邮箱", "Full name", "姓名", ...: case, spaces, dashes, underscores and dots
// do not count). For other sources of tables, such as rows pasted from a spreadsheet.
[[nodiscard]] bool isEmailColumnHeader(const QString &header);
[[nodiscard]] bool isNameColumnHeader(const QString &header);

// Reads and parses a CSV file (ErrorCode::Io when it cannot be read).
[[nodiscard]] Result<CsvImport> importRecipientsCsv(const QString &path,
                                                    const CsvImportOptions &options = {});

// Parses the bytes of a CSV file.
[[nodiscard]] Result<CsvImport> parseRecipientsCsv(const QByteArray &bytes,
                                                   const CsvImportOptions &options = {});

// The header of the status column written by the export.
inline constexpr QLatin1String CsvStatusColumn{"Send status"};

// The list as CSV for Excel: UTF-8 with a byte order mark (without it Excel reads the ANSI code
// page), comma-separated, CRLF line ends (RFC 4180 §2), quotes only where needed. Columns: email,
// name, the merge fields, then "Send status" when `statuses` is not empty (one per recipient;
// the status lives in the journal, not in Recipient). Values are written as they are: a value
// such as "=1+1" is not defused against spreadsheet formula injection, so that the export
// imports back unchanged.
[[nodiscard]] QByteArray serializeRecipientsCsv(const QStringList &fieldNames,
                                                const QList<Recipient> &recipients,
                                                const QStringList &statuses = {});

// Writes serializeRecipientsCsv() atomically (QSaveFile). ErrorCode::InvalidValue when
// `statuses` is neither empty nor one per recipient, ErrorCode::Io when writing fails.
[[nodiscard]] Result<void> exportRecipientsCsv(const QString &path,
                                               const QStringList &fieldNames,
                                               const QList<Recipient> &recipients,
                                               const QStringList &statuses = {});

} // namespace Bulkmail
