#pragma once

#include <QString>

namespace Bulkmail {

// `bulkmail-cli parse-bounce FILE.eml`: prints the delivery report in the message as one JSON
// object on stdout. Exit status: 0 a report, 2 not a delivery report (prints nothing; an
// auto-reply says so on stderr), 1 the file cannot be read.
[[nodiscard]] int runParseBounceCommand(const QString &messagePath);

} // namespace Bulkmail
