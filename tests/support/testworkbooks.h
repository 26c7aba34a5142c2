#pragma once

#include <QString>

namespace Bulkmail {

// Writes the workbooks of tests/document/make_workbooks.py into `directory` (people.xlsx,
// people.ods, people.xls, malformed.xlsx), with Debian's /usr/bin/python3 and its spreadsheet
// libraries (python3-openpyxl, python3-odf, python3-xlwt). Returns what went wrong, or an empty
// string: `QCOMPARE(writeTestWorkbooks(path), QString());`.
[[nodiscard]] QString writeTestWorkbooks(const QString &directory);

} // namespace Bulkmail
