#pragma once

#include "runner/campaignprogress.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Bulkmail {

// The engine's notes on a recipient in the user's words: core reports a code with its arguments
// (RecipientResult::note, DeliveryNote) and keeps the English in RecipientResult::text for the
// journal, the log and the CLI; the window says it from the code, here and nowhere else. The
// server's own words are shown as they came: they are the server's, not ours to translate.
class EngineNoteWords final
{
    Q_DECLARE_TR_FUNCTIONS(EngineNoteWords)

public:
    // The note alone ("gave up after 5 attempts"); empty for DeliveryNote::None.
    [[nodiscard]] static QString note(DeliveryNote note, const QStringList &arguments);
    // What happened in the user's words: the server's words with the note after them, the note
    // alone where no server spoke, or the result's text where the engine added nothing.
    [[nodiscard]] static QString details(const RecipientResult &result);
    // Why a copy to Sent failed (SentCopySummary::problemNote); `english` where the note has no
    // code (a summary made by hand).
    [[nodiscard]] static QString sentCopyProblem(const ImapNote &note, const QString &english);
    // Why a message could not be composed, from the composer's code (ComposeProblem) when the
    // error carries one, else its message as it came. Callers use ErrorWords::of(), which words
    // the other producers' codes too (a file the composer could not read: FileProblem).
    [[nodiscard]] static QString composeProblem(const Error &error);
    // A note whose code this version does not know (a damaged journal line, or one a newer
    // version wrote: NoteCodec's Code::Unknown), honestly, with its English when there is one.
    [[nodiscard]] static QString unknownNote(const QString &english);
};

} // namespace Bulkmail
