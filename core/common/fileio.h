#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace Bulkmail {

// The whole content of the file at `path`. Errors are ErrorCode::Io and name the file.
[[nodiscard]] Result<QByteArray> readWholeFile(const QString &path);

// Replaces the file at `path` with `bytes` through QSaveFile, checking every step, so that a
// half-written file never replaces a good one (STYLE.md rule 13). Errors are ErrorCode::Io and
// name the file.
[[nodiscard]] Result<void> writeFileAtomically(const QString &path, const QByteArray &bytes);

} // namespace Bulkmail
