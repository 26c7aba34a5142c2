#include "closenotewords.h"

#include "enginenotewords.h"

#include <QLocale>

namespace Bulkmail {

QString CloseNoteWords::text(const CloseNote &note, const QString &english)
{
    const auto argument = [&note](qsizetype i) { return note.arguments.value(i); };
    const auto seconds = [&note] { return note.arguments.value(1).toInt(); };
    switch (note.code) {
    case CloseNote::Code::Unknown:
        return EngineNoteWords::unknownNote(english);
    case CloseNote::Code::None:
        return english;
    case CloseNote::Code::Words:
        return argument(0);
    case CloseNote::Code::ServerReplied:
        return tr("the server replied %1").arg(argument(0));
    case CloseNote::Code::ServerClosed:
        return tr("the server closed the connection");
    case CloseNote::Code::ServerClosedBeforeQuit:
        return tr("the server closed the connection before answering QUIT");
    case CloseNote::Code::ClosedBeforeSession:
        return tr("closed before the session was established");
    case CloseNote::Code::ConnectTimedOut:
        return tr("could not connect to %1 within %n second(s)", nullptr, seconds()).arg(argument(0));
    case CloseNote::Code::TlsHandshakeTimedOut:
        return tr("could not finish the TLS handshake with %1 within %n second(s)",
                  nullptr,
                  seconds())
            .arg(argument(0));
    case CloseNote::Code::NoReply:
        return tr("no reply to %1 within %n second(s)", nullptr, seconds()).arg(argument(0));
    case CloseNote::Code::NoQuitReply:
        return tr("no reply to QUIT");
    case CloseNote::Code::QuitAnswered:
        return tr("QUIT was answered with %1").arg(argument(0));
    case CloseNote::Code::NotSmtpReply:
        return tr("the server sent something that is not an SMTP reply (%1)").arg(argument(0));
    case CloseNote::Code::ReplyWithoutCommand:
        return tr("the server replied when no command was waiting for a reply: %1").arg(argument(0));
    case CloseNote::Code::SocketError:
        return tr("%1: %2", "the server's address, the network's error")
            .arg(argument(0), argument(1));
    case CloseNote::Code::NoopAnswered:
        return tr("the health check (NOOP) was answered with %1").arg(argument(0));
    case CloseNote::Code::RsetRefused:
        return tr("the server refused RSET: %1").arg(argument(0));
    case CloseNote::Code::EhloRefused:
        return tr("the server refused EHLO: %1").arg(argument(0));
    case CloseNote::Code::UnexpectedReply:
        return tr("unexpected reply to %1: %2").arg(argument(0), argument(1));
    case CloseNote::Code::UnexpectedAuthChallenge:
        return tr("unexpected AUTH %1 challenge from the server").arg(argument(0));
    case CloseNote::Code::UnexpectedSecondAuthChallenge:
        return tr("unexpected second AUTH %1 challenge from the server").arg(argument(0));
    case CloseNote::Code::TransactionNotOpen:
        return tr("the server replied for a message that was not being sent");
    case CloseNote::Code::RecipientRefusedAfterCopy:
        return tr("the recipient was refused after a copy was accepted: the message was "
                  "abandoned so that the copy alone gets nothing");
    case CloseNote::Code::MessageNotFinished:
        return tr("the message was not finished: %1").arg(argument(0));
    case CloseNote::Code::TlsCertificateRejected:
        if (argument(1).isEmpty())
            return tr("The server's TLS certificate was rejected: %1. To trust a self-signed or "
                      "private certificate, choose its PEM file in the account's settings.")
                .arg(argument(0));
        return tr("The server's TLS certificate was rejected: %1. Certificate: %2. To trust a "
                  "self-signed or private certificate, choose its PEM file in the account's "
                  "settings.")
            .arg(argument(0), argument(1));
    case CloseNote::Code::TlsHandshakeFailed:
        return tr("The encrypted connection (TLS) with %1 could not be set up: %2")
            .arg(argument(0), argument(1));
    case CloseNote::Code::NoStartTls:
        return tr("The server %1 does not offer STARTTLS, and this account requires encryption: "
                  "nothing was sent unencrypted.")
            .arg(argument(0));
    case CloseNote::Code::NoEhloForStartTls:
        return tr("The server %1 does not support EHLO, so it cannot offer STARTTLS, and this "
                  "account requires encryption.")
            .arg(argument(0));
    case CloseNote::Code::StartTlsRefused:
        return tr("The server refused STARTTLS (%1), and this account requires encryption.")
            .arg(argument(0));
    case CloseNote::Code::NoAuthOffered:
        return tr("The server %1 does not offer a login on this connection, but the account has "
                  "a user name.")
            .arg(argument(0));
    case CloseNote::Code::NoSupportedAuth:
        return tr("The server offers no login method Bulkmail supports (it offers %1; Bulkmail "
                  "supports PLAIN and LOGIN).")
            .arg(argument(0));
    case CloseNote::Code::NoOAuthOffered:
        if (argument(1).isEmpty())
            return tr("The server %1 does not offer OAuth2 sign-in: sign in with a password for "
                      "this server instead.")
                .arg(argument(0));
        return tr("The server %1 does not offer OAuth2 sign-in (it offers %2): sign in with a "
                  "password for this server instead.")
            .arg(argument(0), argument(1));
    case CloseNote::Code::OAuthNeedsUsername:
        return tr("Signing in with OAuth2 needs the mailbox address: enter it as the account's "
                  "user name.");
    case CloseNote::Code::TrustFileUnreadable:
        return tr("The certificate file chosen to trust cannot be read as a PEM certificate: %1. "
                  "Choose the file again in the account's settings.")
            .arg(argument(0));
    case CloseNote::Code::NoAccessToken:
        return tr("no OAuth2 access token could be had: %1").arg(argument(0));
    }
    return english;
}

} // namespace Bulkmail
