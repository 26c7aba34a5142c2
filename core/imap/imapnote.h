#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Bulkmail {

// Why copying to Sent failed or stopped (SentCopyOutcome, ImapSessionClosure), as a code with its
// arguments, so that the window can say it in the user's words (EngineNoteWords::imapNote), while
// the log, the journal and the CLI keep the English sentence (english()), which is what the
// outcome's detail and the closure's reason have always carried. The server's words are an
// argument, passed on as they came.
struct ImapNote
{
    // The values are stored (packed() into other notes' arguments): never renumber, add last.
    enum class Code {
        Unknown = -1, // a packed code this version does not know; arguments: all that was packed
        None = 0,
        Words,                // only words say it, as they came: arguments[0]
        SpoolUnreadable,      // arguments: the error reading the spooled copy (English), then
                              // its note packed (packedErrorNote()), when it had one
        CopyRefused,          // arguments: the server's answer to APPEND
        ConnectionEndedOften, // arguments: how many times, how the last connection ended (English),
                              // then that closure's note packed (see packed()), when it had one
        FolderNotFound,       // arguments: the folder named in the settings, the server
        NoSentFolder,         // arguments: the server
        FolderNameUnusable,   // no arguments
        FolderNotOpened,      // arguments: the folder, the server's answer to SELECT
        ServerKeptFailing,    // arguments: the server, sessions in a row, how the last ended
                              // (English), then that closure's note packed, when it had one
        NoAccessToken,        // arguments: the server, tries in a row, why (the token's source)
        NoPassword,           // arguments: the mailbox's user name
        // How a session ended (ImapClosure::note) where the settings must change first:
        PasswordRefused,     // arguments: the server's answer
        SignInRefused,       // arguments: the mechanism, the server's answer
        PasswordNotAccepted, // arguments: the server (LOGINDISABLED: TLS needed)
        LoginCannotCarry,    // arguments: the server (non-ASCII user name or password)
        CertificateRejected, // arguments: the certificate's problems (Qt's words)
        NoStartTls,          // arguments: the server
        StartTlsRefused,     // arguments: the server, the server's answer
        SignedInBeforeTls,   // arguments: the server
        // How a session ended otherwise (ImapClosure::note):
        ServerClosed,           // no arguments
        NotImap,                // arguments: the server, what was wrong (English, the parser's)
        TlsHandshakeFailed,     // arguments: the server, the error (Qt's words)
        SocketError,            // arguments: the server, the socket's error (Qt's words)
        ConnectTimedOut,        // arguments: the server, seconds
        NoReply,                // arguments: the server, seconds
        UnknownTag,             // arguments: the server, the tag it answered
        NoGreeting,             // arguments: the server
        GreetingRefused,        // arguments: the server, the server's words
        UnexpectedContinuation, // arguments: the server (a "+" with no command waiting for it)
        ContinuationTooMany,    // arguments: the server (a "+" past the command's last part)
        Last = ContinuationTooMany,
    };
    Code code = Code::None;
    QStringList arguments;

    [[nodiscard]] bool isEmpty() const { return code == Code::None; }
    // The English sentence, for the log, the journal and the CLI.
    [[nodiscard]] QString english() const;
    [[nodiscard]] static ImapNote make(Code code, const QStringList &arguments = {});
    // Words without a code; empty words make an empty note.
    [[nodiscard]] static ImapNote words(const QString &text);
    // Packed into another note's arguments: the code (a number), then the arguments; unpacked
    // from `packed` starting at `from` (an empty note when nothing is there; NoteCodec: an unknown
    // number unpacks as Code::Unknown).
    [[nodiscard]] QStringList packed() const;
    [[nodiscard]] static ImapNote unpacked(const QStringList &packed, qsizetype from);
};

} // namespace Bulkmail

Q_DECLARE_METATYPE(Bulkmail::ImapNote)
