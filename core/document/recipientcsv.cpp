#include "recipientcsv.h"

#include "common/fileio.h"

#include <array>

#include <QStringDecoder>

#include <csv.h>
#include <uchardet/uchardet.h>

#include "document/recipientrowreader.h"

namespace Bulkmail {

namespace {

// libcsv's parser state between rows (ROW_NOT_BEGUN in libcsv.c; the field is public in
// struct csv_parser). Read before each line to know on which line a record starts.
constexpr int LibcsvRowNotBegun = 0;

// Headers that name the email and the name column, compared after normalizeHeader(). Covers
// what Excel, WPS, Google Sheets/Contacts, Outlook and Chinese users write.
constexpr std::array EmailHeaders{u"email",
                                  u"mail",
                                  u"emailaddress",
                                  u"mailaddress",
                                  u"email1value",
                                  u"邮箱",
                                  u"邮件",
                                  u"电子邮件",
                                  u"电子邮箱",
                                  u"邮箱地址",
                                  u"邮件地址",
                                  u"电子邮件地址",
                                  u"电子邮箱地址"};
constexpr std::array NameHeaders{u"name", u"fullname", u"displayname", u"姓名", u"名字", u"全名"};

QString quoted(const QString &text)
{
    return u'"' + text + u'"';
}

// "E-mail Address" → "emailaddress": case, spaces, dashes, underscores and dots do not count.
QString normalizeHeader(const QString &header)
{
    QString normalized;
    normalized.reserve(header.size());
    for (const QChar character : header) {
        if (character.isSpace() || character == u'-' || character == u'_' || character == u'.')
            continue;
        normalized.append(character.toLower());
    }
    return normalized;
}

template<std::size_t Size>
bool isOneOf(const QString &normalized, const std::array<const char16_t *, Size> &names)
{
    for (const char16_t *name : names) {
        if (normalized == QStringView(name))
            return true;
    }
    return false;
}

int lineOfOffset(QByteArrayView text, qsizetype offset)
{
    return int(text.first(offset).count('\n')) + 1;
}

// --- Decoding ---------------------------------------------------------------------------

struct DecodedText
{
    QByteArray utf8; // without byte order mark
    QString encoding;
};

tl::unexpected<Error> askForEncoding(const QString &detail)
{
    return makeError(ErrorCode::InvalidFormat,
                     QStringLiteral("cannot tell the file's encoding: ") + detail
                         + QStringLiteral(". Save it from Excel as \"CSV UTF-8\", or choose the "
                                          "encoding (for example GB18030 or windows-1252)"));
}

// Decodes with a named encoding; fails naming the line of the first undecodable byte.
Result<DecodedText> decodeAs(QByteArrayView bytes, const QByteArray &encoding)
{
    QStringDecoder decoder(encoding.constData());
    if (!decoder.isValid()) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("unknown encoding ")
                             + quoted(QString::fromLatin1(encoding)));
    }
    QString text = decoder.decode(bytes);
    const QString name = QString::fromLatin1(decoder.name());
    if (decoder.hasError()) {
        const qsizetype bad = text.indexOf(QChar::ReplacementCharacter);
        const int line = bad < 0 ? 1 : int(QStringView(text).first(bad).count(u'\n')) + 1;
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("line %1: the file is not valid %2 text; choose another "
                                        "encoding")
                             .arg(line)
                             .arg(name));
    }
    if (text.startsWith(QChar::ByteOrderMark))
        text.remove(0, 1);
    return DecodedText{text.toUtf8(), name};
}

bool isValidUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    // Decoding is the only public validity check; the text is dropped.
    [[maybe_unused]] const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}

QByteArray detectWithUchardet(QByteArrayView bytes)
{
    // A few hundred kilobytes are plenty to recognise an encoding.
    constexpr qsizetype SampleSize = 512 * 1024;
    const QByteArrayView sample = bytes.first(std::min(bytes.size(), SampleSize));
    uchardet_t detector = uchardet_new();
    QByteArray charset;
    if (uchardet_handle_data(detector, sample.data(), size_t(sample.size())) == 0) {
        uchardet_data_end(detector);
        charset = QByteArray(uchardet_get_charset(detector));
    }
    uchardet_delete(detector);
    return charset;
}

Result<DecodedText> decode(const QByteArray &bytes, const QByteArray &explicitEncoding)
{
    if (!explicitEncoding.isEmpty())
        return decodeAs(bytes, explicitEncoding);

    // Byte order marks, longest first (UTF-32LE starts like UTF-16LE).
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        const QByteArrayView rest = QByteArrayView(bytes).sliced(3);
        if (!isValidUtf8(rest))
            return decodeAs(bytes, QByteArrayLiteral("UTF-8"));
        return DecodedText{rest.toByteArray(), QStringLiteral("UTF-8")};
    }
    if (bytes.startsWith(QByteArrayView("\xFF\xFE\x00\x00", 4)))
        return decodeAs(bytes, QByteArrayLiteral("UTF-32LE"));
    if (bytes.startsWith(QByteArrayView("\x00\x00\xFE\xFF", 4)))
        return decodeAs(bytes, QByteArrayLiteral("UTF-32BE"));
    if (bytes.startsWith("\xFF\xFE"))
        return decodeAs(bytes, QByteArrayLiteral("UTF-16LE"));
    if (bytes.startsWith("\xFE\xFF"))
        return decodeAs(bytes, QByteArrayLiteral("UTF-16BE"));

    if (isValidUtf8(bytes))
        return DecodedText{bytes, QStringLiteral("UTF-8")};

    const QByteArray detected = detectWithUchardet(bytes);
    if (detected.isEmpty())
        return askForEncoding(QStringLiteral("it is not UTF-8 and no other encoding fits"));
    if (!QStringDecoder(detected.constData()).isValid()) {
        return askForEncoding(QStringLiteral("it looks like %1, which this system cannot read")
                                  .arg(QString::fromLatin1(detected)));
    }
    auto decoded = decodeAs(bytes, detected);
    if (!decoded) {
        return askForEncoding(QStringLiteral("it is not UTF-8 and does not decode as %1 either")
                                  .arg(QString::fromLatin1(detected)));
    }
    return decoded;
}

bool isWorkbook(const QByteArray &bytes)
{
    // ZIP (.xlsx, .ods) and OLE2 (.xls) signatures.
    return bytes.startsWith("PK\x03\x04") || bytes.startsWith("\xD0\xCF\x11\xE0");
}

// Whether the text is in an encoding whose code units are wider than a byte, so that its raw bytes
// hold NULs.
bool isWideEncoding(const QByteArray &bytes, const QByteArray &explicitEncoding)
{
    if (!explicitEncoding.isEmpty()) {
        const QByteArray name = explicitEncoding.toUpper();
        return name.contains("UTF-16") || name.contains("UTF-32") || name.contains("UCS");
    }
    return bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF")
           || bytes.startsWith(QByteArrayView("\x00\x00\xFE\xFF", 4));
}

// Binary data that happens to decode (a Windows code page decodes any byte) must not become a
// list of garbage rows: text files hold no C0 control characters besides tab, LF and CR. Works
// on UTF-8 and on any encoding that keeps ASCII bytes ASCII (GB18030, the code pages).
Result<void> checkIsText(QByteArrayView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') {
            // A trailing DOS end-of-file mark (Ctrl+Z) is harmless.
            if (byte == 0x1A && i + 1 == text.size())
                break;
            return makeError(ErrorCode::InvalidFormat,
                             QStringLiteral("line %1: binary data (byte 0x%2); this is not a CSV "
                                            "text file%3")
                                 .arg(lineOfOffset(text, i))
                                 .arg(QString::number(byte, 16).rightJustified(2, u'0'))
                                 .arg(byte == 0 ? QStringLiteral(", or it is UTF-16 without a byte "
                                                                 "order mark: choose the encoding")
                                                : QString()));
        }
    }
    return {};
}

// --- Delimiter ---------------------------------------------------------------------------

// The most frequent candidate outside quotes in the first record; ',' when none occurs.
QChar detectDelimiter(QByteArrayView text)
{
    constexpr std::array Candidates{',', ';', '\t'};
    std::array<int, Candidates.size()> counts{};
    bool isInQuotes = false;
    for (const char byte : text) {
        if (byte == '"') {
            isInQuotes = !isInQuotes;
        } else if (!isInQuotes) {
            if (byte == '\n' || byte == '\r')
                break;
            for (std::size_t i = 0; i < Candidates.size(); ++i)
                counts[i] += byte == Candidates[i] ? 1 : 0;
        }
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i < Candidates.size(); ++i) {
        if (counts[i] > counts[best])
            best = i;
    }
    return QLatin1Char(Candidates[best]);
}

// --- Parsing -----------------------------------------------------------------------------

int isSpaceOnly(unsigned char byte)
{
    return byte == ' ' ? 1 : 0;
}

int isSpaceOrTab(unsigned char byte)
{
    return byte == ' ' || byte == '\t' ? 1 : 0;
}

// Receives libcsv's callbacks and hands each record, with the line it starts on, to the
// RecipientRowReader (the first non-empty row is the header).
class RowCollector
{
public:
    RowCollector(const CsvImportOptions &options, QChar delimiter, CsvImport &import)
        : m_delimiter(delimiter)
        , m_reader(options, import, RecipientRowReader::Source::Csv, delimiter)
    {}

    static void onField(void *data, size_t size, void *self)
    {
        static_cast<RowCollector *>(self)->m_row.append(
            QString::fromUtf8(static_cast<const char *>(data), qsizetype(size)));
    }

    static void onRowEnd(int, void *self) { static_cast<RowCollector *>(self)->finishRow(); }

    Result<void> parse(QByteArrayView text, int firstLine)
    {
        csv_parser parser{};
        if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
            return makeError(ErrorCode::Io, QStringLiteral("out of memory"));
        csv_set_delim(&parser, static_cast<unsigned char>(m_delimiter.toLatin1()));
        // Spaces around a quoted value are dropped; a tab is data when it is the delimiter.
        csv_set_space_func(&parser, m_delimiter == u'\t' ? isSpaceOnly : isSpaceOrTab);
        auto result = feedLines(parser, text, firstLine);
        csv_free(&parser);
        if (result && !m_reader.hasHeader())
            return makeError(ErrorCode::InvalidFormat, QStringLiteral("the file is empty"));
        return result;
    }

private:
    // Feeds one physical line at a time, so that each record knows the line it starts on.
    Result<void> feedLines(csv_parser &parser, QByteArrayView text, int firstLine)
    {
        // Classic Mac files end lines with CR alone.
        const char lineEnd = text.contains('\n') || !text.contains('\r') ? '\n' : '\r';
        m_line = firstLine - 1;
        qsizetype position = 0;
        while (position < text.size()) {
            qsizetype end = text.indexOf(lineEnd, position);
            end = end < 0 ? text.size() : end + 1;
            ++m_line;
            if (parser.pstate == LibcsvRowNotBegun)
                m_rowStartLine = m_line;
            const auto length = size_t(end - position);
            const size_t parsed = csv_parse(
                &parser, text.data() + position, length, onField, onRowEnd, this);
            if (m_error)
                return tl::make_unexpected(*m_error);
            if (parsed != length) {
                if (csv_error(&parser) != CSV_EPARSE)
                    return makeError(ErrorCode::Io, QStringLiteral("out of memory"));
                return makeError(ErrorCode::CsvMalformedRow,
                                 QStringLiteral("line %1: a stray quote: a value that contains a "
                                                "quote must be quoted as a whole, with the quote "
                                                "doubled (RFC 4180 §2), for example "
                                                "\"5\"\" screen\"")
                                     .arg(m_line));
            }
            position = end;
        }
        if (csv_fini(&parser, onField, onRowEnd, this) != 0) {
            return makeError(ErrorCode::CsvMalformedRow,
                             QStringLiteral("line %1: a quoted value that starts in this row is "
                                            "never closed (a missing \" at the end of a value)")
                                 .arg(m_rowStartLine));
        }
        if (m_error)
            return tl::make_unexpected(*m_error);
        return {};
    }

    void finishRow()
    {
        if (!m_error) {
            if (auto result = m_reader.addRow(m_row, m_rowStartLine); !result)
                m_error = result.error();
        }
        m_row.clear();
        m_rowStartLine = m_line; // a next record may start on the same line (after a lone CR)
    }

    QChar m_delimiter;
    RecipientRowReader m_reader;
    QStringList m_row;
    std::optional<Error> m_error;
    int m_line = 0;
    int m_rowStartLine = 1;
};

// --- Writing -----------------------------------------------------------------------------

void appendCell(QByteArray &out, const QString &value)
{
    const QByteArray bytes = value.toUtf8();
    // Quote whatever a reader could split on (any of the delimiters we detect) or trim.
    const bool needsQuotes = bytes.contains('"') || bytes.contains(',') || bytes.contains(';')
                             || bytes.contains('\t') || bytes.contains('\n') || bytes.contains('\r')
                             || (!bytes.isEmpty() && (bytes.front() == ' ' || bytes.back() == ' '));
    if (!needsQuotes) {
        out += bytes;
        return;
    }
    out += '"';
    for (const char byte : bytes) {
        if (byte == '"')
            out += '"';
        out += byte;
    }
    out += '"';
}

void appendRow(QByteArray &out, const QStringList &cells)
{
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            out += ',';
        appendCell(out, cells[i]);
    }
    out += "\r\n";
}

} // namespace

Result<CsvImport> parseRecipientsCsv(const QByteArray &bytes, const CsvImportOptions &options)
{
    if (bytes.isEmpty())
        return makeError(ErrorCode::InvalidFormat, QStringLiteral("the file is empty"));
    if (options.delimiter
        && (options.delimiter->unicode() >= 0x80 || *options.delimiter == u'"'
            || *options.delimiter == u'\n' || *options.delimiter == u'\r')) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("the delimiter must be an ASCII character other than a "
                                        "quote or a line break"));
    }
    if (isWorkbook(bytes)) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("this is a spreadsheet workbook (.xlsx, .xls or .ods), "
                                        "not CSV: save it as \"CSV UTF-8\" first"));
    }
    // Checked before decoding too, so that garbage is called binary, not an unknown encoding.
    if (!isWideEncoding(bytes, options.encoding)) {
        if (auto isText = checkIsText(bytes); !isText)
            return tl::make_unexpected(isText.error());
    }
    auto decoded = decode(bytes, options.encoding);
    if (!decoded)
        return tl::make_unexpected(decoded.error());
    if (auto isText = checkIsText(decoded->utf8); !isText)
        return tl::make_unexpected(isText.error());

    QByteArrayView text(decoded->utf8);
    // The DOS end-of-file mark checkIsText() lets through ends the text; it is no value (read as
    // one, it exported into the middle of a file, which the import refuses: fuzz_recipientcsv).
    if (text.endsWith('\x1A'))
        text.chop(1);
    int firstLine = 1;
    QChar delimiter;
    // Excel writes and reads a first line "sep=;" naming the delimiter.
    if (text.startsWith("sep=")) {
        const qsizetype lineEnd = text.indexOf('\n');
        QByteArrayView line = text.first(lineEnd < 0 ? text.size() : lineEnd);
        if (line.endsWith('\r'))
            line.chop(1);
        // "sep=" and one character; a line "sep=" alone names none and is read as any other
        // (it was read past its end: found by fuzz_recipientcsv).
        if (line.size() == 5) {
            delimiter = QLatin1Char(line[4]);
            text = lineEnd < 0 ? QByteArrayView() : text.sliced(lineEnd + 1);
            firstLine = 2;
        }
    }
    if (options.delimiter)
        delimiter = *options.delimiter;
    else if (delimiter.isNull())
        delimiter = detectDelimiter(text);

    CsvImport import;
    import.detectedEncoding = decoded->encoding;
    import.delimiter = delimiter;
    RowCollector collector(options, delimiter, import);
    if (auto parsed = collector.parse(text, firstLine); !parsed)
        return tl::make_unexpected(parsed.error());
    return import;
}

bool isEmailColumnHeader(const QString &header)
{
    return isOneOf(normalizeHeader(header), EmailHeaders);
}

bool isNameColumnHeader(const QString &header)
{
    return isOneOf(normalizeHeader(header), NameHeaders);
}

Result<CsvImport> importRecipientsCsv(const QString &path, const CsvImportOptions &options)
{
    const Result<QByteArray> bytes = readWholeFile(path);
    if (!bytes)
        return tl::unexpected(bytes.error());
    return parseRecipientsCsv(*bytes, options);
}

QByteArray serializeRecipientsCsv(const QStringList &fieldNames,
                                  const QList<Recipient> &recipients,
                                  const QStringList &statuses)
{
    const bool hasStatus = !statuses.isEmpty();
    QByteArray out("\xEF\xBB\xBF");
    QStringList cells{QStringLiteral("email"), QStringLiteral("name")};
    cells += fieldNames;
    if (hasStatus)
        cells.append(CsvStatusColumn);
    appendRow(out, cells);
    for (qsizetype row = 0; row < recipients.size(); ++row) {
        const Recipient &recipient = recipients[row];
        cells = {recipient.email, recipient.name};
        for (qsizetype i = 0; i < fieldNames.size(); ++i)
            cells.append(recipient.fields.value(i));
        if (hasStatus)
            cells.append(statuses.value(row));
        appendRow(out, cells);
    }
    return out;
}

Result<void> exportRecipientsCsv(const QString &path,
                                 const QStringList &fieldNames,
                                 const QList<Recipient> &recipients,
                                 const QStringList &statuses)
{
    if (!statuses.isEmpty() && statuses.size() != recipients.size()) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("%1 statuses for %2 recipients")
                             .arg(statuses.size())
                             .arg(recipients.size()));
    }
    const QByteArray bytes = serializeRecipientsCsv(fieldNames, recipients, statuses);
    return writeFileAtomically(path, bytes);
}

} // namespace Bulkmail
