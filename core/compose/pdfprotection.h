#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Bulkmail {

// A PDF, by its first bytes ("%PDF-", ISO 32000-2 §7.5.2).
[[nodiscard]] bool isPdf(QByteArrayView head);

// The PDF encrypted with AES-256 (ISO 32000-2 security handler revision 6) through qpdf:
// `userPassword` opens it; the owner password is random and forgotten at once, so nobody can
// lift the restrictions (printing and copying stay allowed: it is the reader's own document).
// The password is never logged or kept. ErrorCode::InvalidValue when qpdf cannot read the PDF or
// the password is empty.
[[nodiscard]] Result<QByteArray> protectPdf(const QByteArray &pdf, const QString &userPassword);

} // namespace Bulkmail
