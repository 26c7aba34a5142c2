#pragma once

#include "campaign/campaign.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Bulkmail {

// Rows pasted from a spreadsheet, ready for RecipientTableModel::addRecipients().
struct PastedTable
{
    QStringList fieldNames;      // the merge fields the recipients' fields follow
    QList<Recipient> recipients; // every non-empty pasted row, valid or not
    bool hasHeader = false;      // the first line named the columns
};

// Splits what Excel, WPS or LibreOffice put on the clipboard as text: cells separated by tabs,
// rows by line breaks (CRLF or LF); a cell holding a tab, a line break or a quote comes quoted,
// with its quotes doubled. A quote that does not start a properly quoted cell is kept as text.
[[nodiscard]] QList<QStringList> splitTabSeparated(const QString &text);

// Turns pasted cells into recipients. When the first line looks like a header (one of its cells
// names an email column, "Email", "E-mail Address", "邮箱"..., and none holds an address), its
// names place the columns: the email column, the name column, the rest merge fields by name.
// Otherwise the first column is the email address, the second the name, and the others fill
// `existingFieldNames` in order, then new fields "columnN". Rows are never dropped for being
// invalid: the model flags them. Only wholly empty rows are skipped.
[[nodiscard]] PastedTable recipientsFromPastedText(const QString &text,
                                                   const QStringList &existingFieldNames);

} // namespace Bulkmail
