#pragma once

#include "smtp/closenote.h"

#include <QCoreApplication>
#include <QString>

namespace Bulkmail {

// How a connection ended in the user's words: core reports a code with its arguments (CloseNote)
// and keeps the English in ConnectionEvent::detail for the log and --events; the window says it
// from the code, here. A server's reply is shown as it came.
class CloseNoteWords final
{
    Q_DECLARE_TR_FUNCTIONS(CloseNoteWords)

public:
    // The note in words; `english` where the note has no code (an event made by hand), and with
    // it where the code is one this version does not know.
    [[nodiscard]] static QString text(const CloseNote &note, const QString &english = {});
};

} // namespace Bulkmail
