#pragma once

#include <QString>
#include <QtGlobal>

namespace Bulkmail {

// What goes between two translated sentences: a space in English, nothing in Chinese (whose
// sentences end in a full-width stop). Building a paragraph from sentences with a literal space
// would leave stray spaces in a translation.
[[nodiscard]] QString sentenceSeparator();
// One paragraph from sentences that each end in their own punctuation.
[[nodiscard]] QString joinSentences(const QStringList &sentences);
// A size as the locale writes it ("834 bytes", "1.2 KiB"; "834 字节"), number and unit joined
// by a no-break space, so that a wrapped line never ends between them.
[[nodiscard]] QString dataSizeText(qint64 bytes);

} // namespace Bulkmail
