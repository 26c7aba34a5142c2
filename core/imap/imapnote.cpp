#include "imapnote.h"

#include "common/notecodec.h"

namespace Bulkmail {

QString ImapNote::english() const
{
    const auto argument = [this](qsizetype i) { return arguments.value(i); };
    switch (code) {
    case Code::Unknown: // nothing known to say it in English (the window says so)
    case Code::None:
        return {};
    case Code::Words:
    case Code::SpoolUnreadable:
        return argument(0);
    case Code::CopyRefused:
        return QStringLiteral("The IMAP server refused the copy: %1").arg(argument(0));
    case Code::ConnectionEndedOften:
        return QStringLiteral("The IMAP connection ended %1 times while copying it (%2)")
            .arg(argument(0), argument(1));
    case Code::FolderNotFound:
        return QStringLiteral("The folder \"%1\" was not found on %2.").arg(argument(0), argument(1));
    case Code::NoSentFolder:
        return QStringLiteral("No Sent folder was found on %1: name one in the account's settings.")
            .arg(argument(0));
    case Code::FolderNameUnusable:
        return QStringLiteral("The Sent folder's name cannot be used in a command.");
    case Code::FolderNotOpened:
        return QStringLiteral("The Sent folder \"%1\" cannot be opened: %2")
            .arg(argument(0), argument(1));
    case Code::ServerKeptFailing:
        return QStringLiteral("The IMAP server %1 kept failing (%2 sessions in a row): %3")
            .arg(argument(0), argument(1), argument(2));
    case Code::NoAccessToken:
        return QStringLiteral("No OAuth2 access token could be had for the IMAP server %1 (%2 "
                              "tries in a row): %3")
            .arg(argument(0), argument(1), argument(2));
    case Code::NoPassword:
        return QStringLiteral("no password for the mailbox %1 (set BULKMAIL_IMAP_PASSWORD, or the "
                              "account's password)")
            .arg(argument(0));
    case Code::PasswordRefused:
        return QStringLiteral("The IMAP server refused the username or password: %1")
            .arg(argument(0));
    case Code::SignInRefused:
        return QStringLiteral("The IMAP server refused the sign-in with %1: %2")
            .arg(argument(0), argument(1));
    case Code::PasswordNotAccepted:
        return QStringLiteral("The IMAP server %1 does not accept a password on this connection "
                              "(LOGINDISABLED): choose TLS or STARTTLS.")
            .arg(argument(0));
    case Code::LoginCannotCarry:
        return QStringLiteral("The IMAP server %1 offers only LOGIN, which cannot carry this "
                              "username or password (non-ASCII characters).")
            .arg(argument(0));
    case Code::CertificateRejected:
        return QStringLiteral("The IMAP server's TLS certificate was rejected: %1. To trust a "
                              "self-signed or private certificate, name its PEM file.")
            .arg(argument(0));
    case Code::NoStartTls:
        return QStringLiteral("The IMAP server %1 does not offer STARTTLS, and this account "
                              "requires TLS: refusing to continue in plain text.")
            .arg(argument(0));
    case Code::StartTlsRefused:
        return QStringLiteral("The IMAP server %1 refused STARTTLS (%2), and this account "
                              "requires TLS.")
            .arg(argument(0), argument(1));
    case Code::SignedInBeforeTls:
        return QStringLiteral("%1 signed us in before TLS, and this account requires TLS")
            .arg(argument(0));
    case Code::ServerClosed:
        return QStringLiteral("the server closed the connection");
    case Code::NotImap:
        return QStringLiteral("%1 sent something that is not IMAP (%2)")
            .arg(argument(0), argument(1));
    case Code::TlsHandshakeFailed:
        return QStringLiteral("The TLS handshake with %1 failed: %2").arg(argument(0), argument(1));
    case Code::SocketError:
        return QStringLiteral("%1: %2").arg(argument(0), argument(1));
    case Code::ConnectTimedOut:
        return QStringLiteral("could not connect to %1 within %2 s").arg(argument(0), argument(1));
    case Code::NoReply:
        return QStringLiteral("no reply from %1 within %2 s").arg(argument(0), argument(1));
    case Code::UnknownTag:
        return QStringLiteral("%1 answered a command that was not sent (tag %2)")
            .arg(argument(0), argument(1));
    case Code::NoGreeting:
        return QStringLiteral("%1 did not greet as an IMAP server does").arg(argument(0));
    case Code::GreetingRefused:
        return QStringLiteral("%1 refused the connection: %2").arg(argument(0), argument(1));
    case Code::UnexpectedContinuation:
        return QStringLiteral("%1 asked for more with no command waiting for it").arg(argument(0));
    case Code::ContinuationTooMany:
        return QStringLiteral("%1 asked for more than the command has").arg(argument(0));
    }
    return {};
}

ImapNote ImapNote::make(Code code, const QStringList &arguments)
{
    return ImapNote{code, arguments};
}

QStringList ImapNote::packed() const
{
    if (isEmpty())
        return {};
    return NoteCodec<Code>::packNote(*this);
}

ImapNote ImapNote::unpacked(const QStringList &packed, qsizetype from)
{
    return NoteCodec<Code>::unpackNote<ImapNote>(packed, from);
}

ImapNote ImapNote::words(const QString &text)
{
    if (text.isEmpty())
        return {};
    return make(Code::Words, {text});
}

} // namespace Bulkmail
