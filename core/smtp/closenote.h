#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Bulkmail {

// How a connection ended (or what its health check heard), as a code with its arguments, so that
// the window can say it in the user's words (ui/connections/closenotewords), while the log and
// --events keep the English sentence (english()), which is what ConnectionClosure::detail and
// ConnectionEvent::detail have always carried. A server's reply is an argument, passed on as it
// came: it is the server's, not ours to translate.
struct CloseNote
{
    // The values are stored (packed() into EngineReason's arguments): never renumber, add last.
    enum class Code {
        Unknown = -1, // a packed code this version does not know; arguments: all that was packed
        None = 0,     // nothing to say (a QUIT answered 221)
        Words, // only words say it, shown as they came: arguments[0] (a server's reply, or an
               // explanation the reply classifier already put in the user's words)
        ServerReplied,                 // arguments: the server's reply (a 421 closing the channel)
        ServerClosed,                  // no arguments
        ServerClosedBeforeQuit,        // no arguments: closed before answering our QUIT
        ClosedBeforeSession,           // no arguments: asked to close while setting up
        ConnectTimedOut,               // arguments: the server's address, seconds
        TlsHandshakeTimedOut,          // arguments: the server's address, seconds
        NoReply,                       // arguments: the command, seconds
        NoQuitReply,                   // no arguments
        QuitAnswered,                  // arguments: the server's reply (not 221)
        NotSmtpReply,                  // arguments: what was wrong with it (English, the parser's)
        ReplyWithoutCommand,           // arguments: the server's reply
        SocketError,                   // arguments: the server's address, the socket's error text
        NoopAnswered,                  // arguments: the server's reply
        RsetRefused,                   // arguments: the server's reply
        EhloRefused,                   // arguments: the server's reply
        UnexpectedReply,               // arguments: the command, the server's reply
        UnexpectedAuthChallenge,       // arguments: the mechanism
        UnexpectedSecondAuthChallenge, // arguments: the mechanism
        TransactionNotOpen,            // no arguments
        RecipientRefusedAfterCopy,     // no arguments
        MessageNotFinished,            // arguments: why (English, the message data's)
        // A fatal refusal: the settings must change first (the campaign stops with it).
        TlsCertificateRejected, // arguments: the problems (Qt's words), the certificate or ""
        TlsHandshakeFailed,     // arguments: the server's address, the error (Qt's words)
        NoStartTls,             // arguments: the server's address
        NoEhloForStartTls,      // arguments: the server's address
        StartTlsRefused,        // arguments: the server's reply
        NoAuthOffered,          // arguments: the server's address
        NoSupportedAuth,        // arguments: the mechanisms the server offers
        NoOAuthOffered,      // arguments: the server's address, the mechanisms it offers ("": none)
        OAuthNeedsUsername,  // no arguments: no mailbox address to sign in with OAuth2
        TrustFileUnreadable, // arguments: the certificate file named to trust
        NoAccessToken,       // arguments: the token source's error (its own words)
        Last = NoAccessToken,
    };
    Code code = Code::None;
    QStringList arguments;

    [[nodiscard]] bool isEmpty() const { return code == Code::None; }
    // A code the window words (not None, not Words; Unknown is worded as a note it does not know).
    [[nodiscard]] bool hasCode() const { return code != Code::None && code != Code::Words; }
    // The English sentence, for the log, --events and the CLI.
    [[nodiscard]] QString english() const;
    [[nodiscard]] static CloseNote make(Code code, const QStringList &arguments = {});
    // Words without a code; empty words make an empty note.
    [[nodiscard]] static CloseNote words(const QString &text);
    // Packed into another note's arguments: the code (a number), then the arguments; unpacked
    // from `packed` starting at `from` (NoteCodec: an unknown number unpacks as Code::Unknown).
    [[nodiscard]] QStringList packed() const;
    [[nodiscard]] static CloseNote unpacked(const QStringList &packed, qsizetype from = 0);
};

} // namespace Bulkmail

Q_DECLARE_METATYPE(Bulkmail::CloseNote)
