#include "pastedtable.h"

#include <algorithm>

#include "campaign/emailaddress.h"
#include "document/recipientcsv.h"

namespace Bulkmail {

namespace {

bool isEmpty(const QStringList &cells)
{
    return std::all_of(cells.cbegin(), cells.cend(), [](const QString &cell) {
        return cell.trimmed().isEmpty();
    });
}

QString uniqueName(QString name, const QStringList &taken)
{
    const auto isTaken = [&taken](const QString &candidate) {
        return std::any_of(taken.cbegin(), taken.cend(), [&candidate](const QString &existing) {
            return existing.compare(candidate, Qt::CaseInsensitive) == 0;
        });
    };
    if (!isTaken(name))
        return name;
    for (int suffix = 2;; ++suffix) {
        const QString candidate = name + QString::number(suffix);
        if (!isTaken(candidate))
            return candidate;
    }
}

} // namespace

QList<QStringList> splitTabSeparated(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    qsizetype i = 0;
    const qsizetype size = text.size();
    const auto endCell = [&] {
        row.append(cell);
        cell.clear();
    };
    const auto endRow = [&] {
        endCell();
        rows.append(row);
        row.clear();
    };
    while (i < size) {
        const QChar c = text.at(i);
        if (c == u'"' && cell.isEmpty()) {
            // A quoted cell, if a closing quote followed by a tab, line break or the end comes.
            QString quoted;
            qsizetype j = i + 1;
            bool isClosed = false;
            while (j < size) {
                if (text.at(j) == u'"') {
                    if (j + 1 < size && text.at(j + 1) == u'"') {
                        quoted.append(u'"');
                        j += 2;
                        continue;
                    }
                    isClosed = j + 1 == size || text.at(j + 1) == u'\t' || text.at(j + 1) == u'\n'
                               || text.at(j + 1) == u'\r';
                    break;
                }
                quoted.append(text.at(j));
                ++j;
            }
            if (isClosed) {
                cell = quoted;
                i = j + 1;
                continue;
            }
            // Not a quoted cell: the quote is text.
        }
        if (c == u'\t') {
            endCell();
        } else if (c == u'\n' || c == u'\r') {
            endRow();
            if (c == u'\r' && i + 1 < size && text.at(i + 1) == u'\n')
                ++i;
        } else {
            cell.append(c);
        }
        ++i;
    }
    if (!cell.isEmpty() || !row.isEmpty())
        endRow();
    return rows;
}

PastedTable recipientsFromPastedText(const QString &text, const QStringList &existingFieldNames)
{
    QList<QStringList> rows = splitTabSeparated(text);
    rows.erase(std::remove_if(rows.begin(), rows.end(), isEmpty), rows.end());
    PastedTable table;
    if (rows.isEmpty())
        return table;

    qsizetype width = 0;
    for (const QStringList &row : std::as_const(rows))
        width = std::max(width, row.size());

    qsizetype emailColumn = 0;
    qsizetype nameColumn = 1;
    QList<qsizetype> fieldColumns; // pasted column of each of table.fieldNames
    const QStringList &first = rows.first();
    const bool hasEmailHeader = std::any_of(first.cbegin(), first.cend(), [](const QString &cell) {
        return isEmailColumnHeader(cell.trimmed());
    });
    const bool holdsAddress = std::any_of(first.cbegin(), first.cend(), [](const QString &cell) {
        return isValidEmailAddress(cell.trimmed());
    });
    table.hasHeader = hasEmailHeader && !holdsAddress;

    if (table.hasHeader) {
        emailColumn = -1;
        nameColumn = -1;
        for (qsizetype column = 0; column < first.size(); ++column) {
            const QString header = first.at(column).trimmed();
            if (emailColumn < 0 && isEmailColumnHeader(header))
                emailColumn = column;
            else if (nameColumn < 0 && isNameColumnHeader(header))
                nameColumn = column;
        }
        for (qsizetype column = 0; column < width; ++column) {
            if (column == emailColumn || column == nameColumn)
                continue;
            QString name = first.value(column).trimmed();
            if (name.isEmpty())
                name = QStringLiteral("column%1").arg(column + 1);
            table.fieldNames.append(uniqueName(name, table.fieldNames));
            fieldColumns.append(column);
        }
        rows.removeFirst();
    } else {
        table.fieldNames = existingFieldNames;
        for (qsizetype column = 2; column < width; ++column) {
            const qsizetype field = column - 2;
            if (field >= existingFieldNames.size()) {
                table.fieldNames.append(
                    uniqueName(QStringLiteral("column%1").arg(column + 1), table.fieldNames));
            }
            fieldColumns.append(column);
        }
    }

    table.recipients.reserve(rows.size());
    for (const QStringList &row : std::as_const(rows)) {
        Recipient recipient;
        recipient.email = row.value(emailColumn).trimmed();
        recipient.name = nameColumn >= 0 ? row.value(nameColumn).trimmed() : QString();
        for (const qsizetype column : std::as_const(fieldColumns))
            recipient.fields.append(row.value(column));
        while (!recipient.fields.isEmpty() && recipient.fields.constLast().isEmpty())
            recipient.fields.removeLast();
        table.recipients.append(recipient);
    }
    return table;
}

} // namespace Bulkmail
