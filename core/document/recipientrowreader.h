#pragma once

#include "common/result.h"
#include "document/recipientcsv.h"

#include <optional>
#include <vector>

#include <QChar>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Bulkmail {

// Turns rows of cells into recipients, the same way for every kind of list (CSV, workbooks): the
// first non-empty row is the header; the email and name columns are found as recipientcsv.h
// describes; every other column becomes a merge field. Rows whose cells are all empty are
// skipped. Errors and warnings name the 1-based `line` each row was given ("line N" for CSV,
// "row N" for a workbook, as the spreadsheet numbers its rows).
class RecipientRowReader final
{
public:
    enum class Source {
        Csv,      // values beyond the header are an unquoted delimiter: name it
        Workbook, // values beyond the header are cells right of the last named column
    };

    // `delimiter` is used for the CSV wording only. `import` receives the field names, the
    // recipients and the warnings.
    RecipientRowReader(const CsvImportOptions &options,
                       CsvImport &import,
                       Source source,
                       QChar delimiter = {});

    [[nodiscard]] Result<void> addRow(const QStringList &cells, int line);
    [[nodiscard]] bool hasHeader() const { return m_hasHeader; }
    [[nodiscard]] int headerLine() const { return m_headerLine; }

    // Adds rows [first, end) of `rows`, row i numbered i + 1 (a sheet's rows at their numbers),
    // once the header is read, in `parts` parts read at once (0: one a core for a long list, at
    // most four; one for a short one). The recipients and the error are those of addRow() row by
    // row: the lists of the parts are joined in order, and the error is the first in row order.
    // Equal merge values share one string within a part only.
    [[nodiscard]] Result<void> addRows(const std::vector<QStringList> &rows,
                                       std::size_t first,
                                       std::size_t parts = 0);

private:
    // A reader that goes on from this one's header, adding recipients to `import` (recipients
    // only: the field names and the header's warnings are this reader's), for rows read apart
    // on another thread. The two share nothing but the options.
    [[nodiscard]] RecipientRowReader continuedInto(CsvImport &import) const;
    [[nodiscard]] Result<void> addRowRange(const std::vector<QStringList> &rows,
                                           std::size_t begin,
                                           std::size_t end);
    [[nodiscard]] QString where(int line) const;
    [[nodiscard]] Result<void> readHeader(const QStringList &cells, int line);
    [[nodiscard]] Result<void> addRecipient(const QStringList &cells, int line);
    [[nodiscard]] QString shared(qsizetype field, const QString &value);

    const CsvImportOptions &m_options;
    CsvImport *m_import; // never null; a pointer so that continuedInto() can copy the rest
    Source m_source;
    QChar m_delimiter;
    int m_headerLine = 0;
    bool m_hasHeader = false;
    qsizetype m_columnCount = 0;
    qsizetype m_emailColumn = -1;
    qsizetype m_nameColumn = -1;
    QList<qsizetype> m_mergeColumns;
    QList<QSet<QString>> m_seenValues; // per merge field
};

} // namespace Bulkmail
