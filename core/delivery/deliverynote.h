#pragma once

#include <QString>
#include <QStringList>

namespace Bulkmail {

// What the engine says of one recipient where no server spoke, or adds to what a server said, as
// a code with its arguments: the window words it in the user's language (ui/models/
// enginenotewords), while the journal, the log, --events and the CLI keep the English sentence
// (englishDeliveryNote), which is exactly what they have always carried.
enum class DeliveryNote {
    None,
    // The runner, before a send.
    NotComposed, // arguments: why the message could not be composed (English), then, when the
                 // composer gave one, its code (Error::noteCode, see ComposeProblem) and arguments
    // The scheduler, added to the server's reply (the English starts with " (").
    GaveUp,                // arguments: attempts made
    NextAttempt,           // arguments: seconds until the next attempt
    SitePaused,            // arguments: seconds sending pauses for the server
    ConnectionFailedOften, // arguments: how many times the connection failed
    // The scheduler, on its own (the English is the whole text).
    ConnectionLostOften, // arguments: how many times, how the last connection ended (English)
    HeldAfterLostReply,  // no arguments: UnconfirmedPolicy::Hold
    UnconfirmedTwice,    // no arguments: lost after the dot twice, not resent again
    ResendingOnce,       // no arguments: lost after the dot, resent once
    // The send plan, before the first message.
    InvalidAddress,     // no arguments
    DuplicateOf,        // arguments: the source line (or 0), the row (1-based)
    HeldFromEarlierRun, // no arguments
    Suppressed,         // arguments: the reason's name (suppressionReasonName), the date
                        // (ISO 8601), the entry's detail (often a server's reply) or nothing
    // A personal attachment holds the recipient (core/compose/personalattachments).
    PersonalFilesBlocked,     // arguments: 6 per blocking problem (personalFileProblemArguments)
    PersonalPdfPasswordEmpty, // arguments: the file's name, or nothing (before the send)
    PersonalFileNotChecked,   // arguments: the file's name
    PersonalFileChanged,      // arguments: fileChangeArguments (the name, how, then, now)
    PersonalFileNotPdf,       // arguments: the file's name
    PersonalFileUnusable,     // arguments: the file's name or nothing, the error (English), then,
                              // when the composer gave one, its code and arguments (as NotComposed)
    // The send journal, read back: a final dot whose reply no line records (the run was killed,
    // or its connection lost, before the outcome was written).
    NoReplyRecorded, // no arguments
};

// How many arguments each problem of DeliveryNote::PersonalFilesBlocked takes: its kind
// ("missing", "ambiguous", "empty-field", "not-a-file-name"), the rule's number (1-based), the
// rule's kind ("pattern" or "column"), its pattern or column, how many files match, and their
// names joined with ", ".
inline constexpr qsizetype PersonalFileProblemArguments = 6;

// The English sentence of a note with its arguments, for the journal, the log and the CLI.
[[nodiscard]] QString englishDeliveryNote(DeliveryNote note, const QStringList &arguments);
// How a personal file changed since the check, in English (the note's without its first words),
// from fileChangeArguments (core/compose/personalattachments).
[[nodiscard]] QString englishFileChangeText(const QStringList &arguments);
// Whether the note's English is added to the server's reply rather than standing alone.
[[nodiscard]] bool isAddedToReply(DeliveryNote note);

// The note's name in the send journal ("gaveUp"), where a note travels beside the English so
// that a reopened campaign's window words it like a live run's. Part of the file format: never
// rename one.
[[nodiscard]] QString deliveryNoteName(DeliveryNote note);
// The note a journal names; None for an empty name or one this version does not know.
[[nodiscard]] DeliveryNote deliveryNoteFromName(QStringView name);

} // namespace Bulkmail
