#include "closenote.h"

#include "common/notecodec.h"

namespace Bulkmail {

QString CloseNote::english() const
{
    const auto argument = [this](qsizetype i) { return arguments.value(i); };
    switch (code) {
    case Code::Unknown: // nothing known to say it in English (the window says so)
    case Code::None:
        return {};
    case Code::Words:
        return argument(0);
    case Code::ServerReplied:
        return QStringLiteral("server replied %1").arg(argument(0));
    case Code::ServerClosed:
        return QStringLiteral("the server closed the connection");
    case Code::ServerClosedBeforeQuit:
        return QStringLiteral("the server closed the connection before answering QUIT");
    case Code::ClosedBeforeSession:
        return QStringLiteral("closed before the session was established");
    case Code::ConnectTimedOut:
        return QStringLiteral("could not connect to %1 within %2 s").arg(argument(0), argument(1));
    case Code::TlsHandshakeTimedOut:
        return QStringLiteral("could not finish the TLS handshake with %1 within %2 s")
            .arg(argument(0), argument(1));
    case Code::NoReply:
        return QStringLiteral("no reply to %1 within %2 s").arg(argument(0), argument(1));
    case Code::NoQuitReply:
        return QStringLiteral("no reply to QUIT");
    case Code::QuitAnswered:
        return QStringLiteral("QUIT answered %1").arg(argument(0));
    case Code::NotSmtpReply:
        return QStringLiteral("The server sent something that is not an SMTP reply: %1")
            .arg(argument(0));
    case Code::ReplyWithoutCommand:
        return QStringLiteral("unexpected reply with no command outstanding: %1").arg(argument(0));
    case Code::SocketError:
        return QStringLiteral("%1: %2").arg(argument(0), argument(1));
    case Code::NoopAnswered:
        return QStringLiteral("NOOP answered %1").arg(argument(0));
    case Code::RsetRefused:
        return QStringLiteral("RSET was refused: %1").arg(argument(0));
    case Code::EhloRefused:
        return QStringLiteral("server refused EHLO: %1").arg(argument(0));
    case Code::UnexpectedReply:
        return QStringLiteral("unexpected reply to %1: %2").arg(argument(0), argument(1));
    case Code::UnexpectedAuthChallenge:
        return QStringLiteral("unexpected AUTH %1 challenge").arg(argument(0));
    case Code::UnexpectedSecondAuthChallenge:
        return QStringLiteral("unexpected second AUTH %1 challenge").arg(argument(0));
    case Code::TransactionNotOpen:
        return QStringLiteral("reply for a transaction that is not open");
    case Code::RecipientRefusedAfterCopy:
        return QStringLiteral("the recipient was refused after a copy was accepted: the message "
                              "was abandoned so that the copy alone gets nothing");
    case Code::MessageNotFinished:
        return QStringLiteral("the message was not finished: %1").arg(argument(0));
    case Code::TlsCertificateRejected:
        return QStringLiteral("The server's TLS certificate was rejected: %1.%2 To trust a "
                              "self-signed or private certificate, name its PEM file in "
                              "server.trustCertificate.")
            .arg(argument(0),
                 argument(1).isEmpty() ? QString()
                                       : QStringLiteral(" Certificate: ") + argument(1) + u'.');
    case Code::TlsHandshakeFailed:
        return QStringLiteral("The TLS handshake with %1 failed: %2").arg(argument(0), argument(1));
    case Code::NoStartTls:
        return QStringLiteral("The server %1 does not offer STARTTLS, and this account requires "
                              "TLS: refusing to continue in plain text.")
            .arg(argument(0));
    case Code::NoEhloForStartTls:
        return QStringLiteral("The server %1 does not support EHLO, so it cannot offer STARTTLS, "
                              "and this account requires TLS.")
            .arg(argument(0));
    case Code::StartTlsRefused:
        return QStringLiteral("The server refused STARTTLS (%1), and this account requires TLS.")
            .arg(argument(0));
    case Code::NoAuthOffered:
        return QStringLiteral("The server %1 does not offer authentication on this connection, "
                              "but the account has a username.")
            .arg(argument(0));
    case Code::NoSupportedAuth:
        return QStringLiteral("The server offers no authentication method Bulkmail supports (it "
                              "offers %1; Bulkmail supports PLAIN and LOGIN).")
            .arg(argument(0));
    case Code::NoOAuthOffered:
        return QStringLiteral(
                   "The server %1 does not offer OAuth2 sign-in (XOAUTH2/OAUTHBEARER)%2; "
                   "sign in with a password for this server instead.")
            .arg(argument(0),
                 argument(1).isEmpty() ? QString()
                                       : QStringLiteral(" (it offers %1)").arg(argument(1)));
    case Code::OAuthNeedsUsername:
        return QStringLiteral("OAuth2 sign-in needs the mailbox address, and none is known (set "
                              "the account's user name).");
    case Code::TrustFileUnreadable:
        return QStringLiteral("Cannot read a PEM certificate from \"%1\". "
                              "(server.trustCertificate)")
            .arg(argument(0));
    case Code::NoAccessToken:
        return QStringLiteral("could not get an OAuth2 access token: %1").arg(argument(0));
    }
    return {};
}

CloseNote CloseNote::make(Code code, const QStringList &arguments)
{
    return CloseNote{code, arguments};
}

QStringList CloseNote::packed() const
{
    return NoteCodec<Code>::packNote(*this);
}

CloseNote CloseNote::unpacked(const QStringList &packed, qsizetype from)
{
    return NoteCodec<Code>::unpackNote<CloseNote>(packed, from);
}

CloseNote CloseNote::words(const QString &text)
{
    if (text.isEmpty())
        return {};
    return make(Code::Words, {text});
}

} // namespace Bulkmail
