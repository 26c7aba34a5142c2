#include "recipientrowreader.h"

#include "campaign/emailaddress.h"

#include <algorithm>
#include <future>
#include <system_error>

#include <QThread>

namespace Bulkmail {

namespace {

QString quoted(const QString &text)
{
    return u'"' + text + u'"';
}

QString describeDelimiter(QChar delimiter)
{
    if (delimiter == u'\t')
        return QStringLiteral("a tab");
    return quoted(QString(delimiter));
}

QString describeHeaders(const QStringList &headers)
{
    QStringList quotedHeaders;
    for (const QString &header : headers)
        quotedHeaders.append(quoted(header));
    return headers.isEmpty() ? QStringLiteral("no columns") : quotedHeaders.join(u", ");
}

qsizetype findColumn(const QStringList &headers, const QString &wanted)
{
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (headers[i].compare(wanted.trimmed(), Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

// A list this long or longer is read in parts at once below its header, a part a core (at most
// four): the row reader is a fifth of a big workbook's import (bench/README.md). A shorter
// one is read in one go, as a thread would cost more than it brings.
constexpr std::size_t RowsForAPart = 25'000;
constexpr std::size_t MostRowParts = 4;

std::size_t rowPartsFor(std::size_t rows)
{
    const auto cores = std::size_t(std::max(1, QThread::idealThreadCount()));
    return std::clamp<std::size_t>(rows / RowsForAPart, 1, std::min(cores, MostRowParts));
}

// The room for the recipients of rows [begin, end): those with cells, as a sheet's table of rows
// has a place for every row number up to the last (one stray cell far down leaves a million).
qsizetype rowsWithCells(const std::vector<QStringList> &rows, std::size_t begin, std::size_t end)
{
    return std::count_if(rows.cbegin() + qsizetype(begin),
                         rows.cbegin() + qsizetype(end),
                         [](const QStringList &row) { return !row.isEmpty(); });
}

} // namespace

RecipientRowReader::RecipientRowReader(const CsvImportOptions &options,
                                       CsvImport &import,
                                       Source source,
                                       QChar delimiter)
    : m_options(options)
    , m_import(&import)
    , m_source(source)
    , m_delimiter(delimiter)
{}

RecipientRowReader RecipientRowReader::continuedInto(CsvImport &import) const
{
    Q_ASSERT(m_hasHeader);
    RecipientRowReader reader = *this;
    reader.m_import = &import;
    return reader;
}

Result<void> RecipientRowReader::addRowRange(const std::vector<QStringList> &rows,
                                             std::size_t begin,
                                             std::size_t end)
{
    for (std::size_t row = begin; row < end; ++row) {
        if (auto added = addRow(rows[row], int(row) + 1); !added)
            return added;
    }
    return {};
}

// The first part is read on this thread by this reader, each other one by a reader that goes on
// from its header into a list of its own, on a thread of its own (or in turn when no thread can
// be had); a part's list is joined only when no row before it failed.
Result<void> RecipientRowReader::addRows(const std::vector<QStringList> &rows,
                                         std::size_t first,
                                         std::size_t parts)
{
    Q_ASSERT(m_hasHeader && first <= rows.size());
    const std::size_t count = rows.size() - first;
    if (parts == 0)
        parts = rowPartsFor(count);
    parts = std::clamp<std::size_t>(parts, 1, std::max<std::size_t>(count, 1));
    const auto partBegin = [&](std::size_t part) { return first + count * part / parts; };
    m_import->recipients.reserve(m_import->recipients.size()
                                 + rowsWithCells(rows, first, rows.size()));

    std::vector<CsvImport> partLists(parts - 1);
    std::vector<std::future<Result<void>>> reading; // after partLists: waited for before they go
    reading.reserve(parts - 1);
    for (std::size_t part = 1; part < parts; ++part) {
        CsvImport &partList = partLists[part - 1];
        const auto readPart = [&rows,
                               &partList,
                               begin = partBegin(part),
                               end = partBegin(part + 1),
                               reader = continuedInto(partList)]() mutable {
            partList.recipients.reserve(rowsWithCells(rows, begin, end));
            return reader.addRowRange(rows, begin, end);
        };
        try {
            reading.push_back(std::async(std::launch::async, readPart));
        } catch (const std::system_error &) {
            reading.push_back(std::async(std::launch::deferred, readPart));
        }
    }
    Result<void> result = addRowRange(rows, first, partBegin(1));
    for (std::size_t part = 1; part < parts; ++part) {
        const Result<void> partResult = reading[part - 1].get();
        if (result && !partResult)
            result = partResult;
        if (result)
            m_import->recipients.append(std::move(partLists[part - 1].recipients));
    }
    return result;
}

QString RecipientRowReader::where(int line) const
{
    return (m_source == Source::Csv ? QStringLiteral("line %1: ") : QStringLiteral("row %1: "))
        .arg(line);
}

Result<void> RecipientRowReader::addRow(const QStringList &cells, int line)
{
    const bool isEmpty = std::all_of(cells.cbegin(), cells.cend(), [](const QString &value) {
        return value.isEmpty();
    });
    if (isEmpty)
        return {};
    return m_hasHeader ? addRecipient(cells, line) : readHeader(cells, line);
}

Result<void> RecipientRowReader::readHeader(const QStringList &cells, int line)
{
    m_hasHeader = true;
    m_headerLine = line;
    const auto headerError = [&](ErrorCode code, const QString &message) {
        return makeError(code, where(line) + message);
    };
    QStringList headers;
    for (const QString &cell : cells)
        headers.append(cell.trimmed());
    while (!headers.isEmpty() && headers.last().isEmpty())
        headers.removeLast();
    m_columnCount = headers.size();

    if (!m_options.emailColumn.isEmpty()) {
        m_emailColumn = findColumn(headers, m_options.emailColumn);
        if (m_emailColumn < 0) {
            return headerError(ErrorCode::InvalidValue,
                               QStringLiteral("no column named %1; the header has %2")
                                   .arg(quoted(m_options.emailColumn), describeHeaders(headers)));
        }
    }
    if (!m_options.nameColumn.isEmpty()) {
        m_nameColumn = findColumn(headers, m_options.nameColumn);
        if (m_nameColumn < 0) {
            return headerError(ErrorCode::InvalidValue,
                               QStringLiteral("no column named %1; the header has %2")
                                   .arg(quoted(m_options.nameColumn), describeHeaders(headers)));
        }
    }
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (m_options.emailColumn.isEmpty() && isEmailColumnHeader(headers[i])) {
            if (m_emailColumn < 0) {
                m_emailColumn = i;
                continue;
            }
            m_import->warnings.append(
                {m_headerLine,
                 QStringLiteral("column %1 (%2) also looks like an email column; the "
                                "addresses come from column %3 (%4), it becomes a merge "
                                "field")
                     .arg(i + 1)
                     .arg(quoted(headers[i]))
                     .arg(m_emailColumn + 1)
                     .arg(quoted(headers[m_emailColumn]))});
        }
        if (m_options.nameColumn.isEmpty() && m_nameColumn < 0 && i != m_emailColumn
            && isNameColumnHeader(headers[i])) {
            m_nameColumn = i;
        }
    }
    if (m_emailColumn < 0) {
        for (const QString &cell : std::as_const(headers)) {
            if (isValidEmailAddress(cell)) {
                return headerError(ErrorCode::InvalidFormat,
                                   QStringLiteral("no header %1: the first %1 holds the "
                                                  "address %2. Add a first %1 that names "
                                                  "the columns, such as \"email,name\"")
                                       .arg(m_source == Source::Csv ? QStringLiteral("line")
                                                                    : QStringLiteral("row"),
                                            quoted(cell)));
            }
        }
        return headerError(ErrorCode::InvalidFormat,
                           QStringLiteral("no email column; the header has %1. Name the "
                                          "column of addresses \"email\"")
                               .arg(describeHeaders(headers)));
    }

    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (i == m_emailColumn || i == m_nameColumn)
            continue;
        QString name = headers[i];
        if (name.isEmpty()) {
            name = QStringLiteral("column%1").arg(i + 1);
            m_import->warnings.append(
                {m_headerLine,
                 QStringLiteral("column %1 has no header; its merge field is named %2")
                     .arg(i + 1)
                     .arg(quoted(name))});
        }
        for (qsizetype j = 0; j < m_import->fieldNames.size(); ++j) {
            if (m_import->fieldNames[j].compare(name, Qt::CaseInsensitive) == 0) {
                return headerError(ErrorCode::InvalidFormat,
                                   QStringLiteral("the column %1 appears twice (columns %2 "
                                                  "and %3); merge fields need distinct names")
                                       .arg(quoted(name))
                                       .arg(m_mergeColumns[j] + 1)
                                       .arg(i + 1));
            }
        }
        m_import->fieldNames.append(name);
        m_mergeColumns.append(i);
        m_seenValues.append(QSet<QString>());
    }
    return {};
}

Result<void> RecipientRowReader::addRecipient(const QStringList &cells, int line)
{
    for (qsizetype i = m_columnCount; i < cells.size(); ++i) {
        if (cells[i].isEmpty())
            continue;
        if (m_source == Source::Csv) {
            return makeError(ErrorCode::CsvMalformedRow,
                             where(line)
                                 + QStringLiteral("%1 values, but the header (line %2) names %3 "
                                                  "columns; a value that contains %4 must be "
                                                  "quoted")
                                       .arg(cells.size())
                                       .arg(m_headerLine)
                                       .arg(m_columnCount)
                                       .arg(describeDelimiter(m_delimiter)));
        }
        return makeError(ErrorCode::CsvMalformedRow,
                         where(line)
                             + QStringLiteral("a value in column %1, but the header (row %2) "
                                              "names %3 columns; give that column a header or "
                                              "clear it")
                                   .arg(i + 1)
                                   .arg(m_headerLine)
                                   .arg(m_columnCount));
    }
    const auto cell = [&cells](qsizetype column) {
        return column >= 0 && column < cells.size() ? cells[column] : QString();
    };
    Recipient recipient;
    recipient.email = cell(m_emailColumn).trimmed();
    recipient.name = cell(m_nameColumn).trimmed();
    recipient.sourceLine = line;
    // Trailing empty values are left out: the list stays compact (campaign.h).
    qsizetype used = m_mergeColumns.size();
    while (used > 0 && cell(m_mergeColumns[used - 1]).isEmpty())
        --used;
    // A row whose address and name were only white space (a no-break space, say) and that has no
    // field is as empty as the rows skipped above: kept, it would export as a row of nothing,
    // which imports as no row at all (found by fuzz_recipientcsv).
    if (recipient.email.isEmpty() && recipient.name.isEmpty() && used == 0)
        return {};
    if (used > 0) {
        recipient.fields.reserve(used);
        for (qsizetype i = 0; i < used; ++i)
            recipient.fields.append(shared(i, cell(m_mergeColumns[i])));
    }
    m_import->recipients.append(std::move(recipient));
    return {};
}

// Merge fields repeat (a company, a city, a plan): equal values share one string through Qt's
// implicit sharing, which keeps a 100,000-row list compact.
QString RecipientRowReader::shared(qsizetype field, const QString &value)
{
    if (value.isEmpty())
        return {};
    QSet<QString> &seen = m_seenValues[field];
    if (const auto existing = seen.constFind(value); existing != seen.cend())
        return *existing;
    seen.insert(value);
    return value;
}

} // namespace Bulkmail
