#pragma once

#include <QString>

namespace Bulkmail {

// What goes between two translated sentences: a space in English, nothing in Chinese (whose
// sentences end in a full-width stop). Building a paragraph from sentences with a literal space
// would leave stray spaces in a translation.
[[nodiscard]] QString sentenceSeparator();
// One paragraph from sentences that each end in their own punctuation.
[[nodiscard]] QString joinSentences(const QStringList &sentences);

} // namespace Bulkmail
