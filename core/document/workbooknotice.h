#pragma once

#include <QString>
#include <QStringList>

namespace Bulkmail {

// What the user should know about a workbook read as a recipient list (recipientworkbook.h), as a
// code and arguments that the caller words: hidden sheets (not imported unless named), hidden rows
// (imported like the others), merged cells in the header row (the columns they cover get no name
// of their own), skipped title rows. A leaf type, so that the campaign can carry the notices of
// its recipientsFile to the checklist.
struct WorkbookNotice
{
    enum class Kind {
        HiddenSheets,      // arguments: the names of the hidden sheets that were not imported
        HiddenRows,        // arguments: the numbers (1-based) of the hidden rows imported
        MergedHeaderCells, // arguments: each merged range of the header row, e.g. "B2:C2"
        TitleRowsSkipped,  // arguments: the numbers of the non-empty rows above the header
    };
    Kind kind = Kind::HiddenSheets;
    QStringList arguments;

    // Plain English, for the command line and the log.
    [[nodiscard]] QString describe() const;

    friend bool operator==(const WorkbookNotice &, const WorkbookNotice &) = default;
};

} // namespace Bulkmail
