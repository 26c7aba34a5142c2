#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "imapendpoint.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace Bulkmail {

class AccessTokenLease;
class AccessTokenSource;
struct ImapClosure;

// What an IMAP worker (SentCopier, MailboxWatcher) signs in with: the password it was given, or,
// for an OAuth2 account, the access token SMTP uses too. The tokens come through the same
// AccessTokenLease the SMTP connection pool uses, from the same AccessTokenSource (the account's
// refresh token, or a script's token), so that there is one token logic and one refresh:
// - a session opens only with a token valid for at least AccessTokenLease::Margin (renewed
//   before it expires);
// - a token the IMAP server refuses is replaced once (a forced refresh) and signed in with again;
//   refused again, or a refresh token the provider refuses, the worker gives up for this run:
//   the account's sign-in is the problem, and no number of new sessions solves it (never a login
//   storm);
// - a token that cannot be had for now (the token endpoint unreachable, or answering 5xx) is no
//   fault of the account's: unavailable() lets the session try again, bounded like a session the
//   server dropped (ReconnectingImapSession).
// One session at a time, as the workers open them.
class ImapSignIn final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImapSignIn)

public:
    explicit ImapSignIn(ImapCredentials credentials, QObject *parent = nullptr);
    ~ImapSignIn() override;

    // OAuth2: sessions sign in with tokens from `source` (not owned; it must outlive this object
    // and live in its thread) instead of the password. Null: the password again.
    void setAccessTokenSource(AccessTokenSource *source,
                              const Clock &clock = SystemClock::instance());
    [[nodiscard]] bool usesAccessTokens() const { return m_lease != nullptr; }
    [[nodiscard]] const QString &username() const { return m_credentials.username; }

    // The credentials for a session about to open; nothing while a token is awaited (then
    // ready() or failed() follows: open the session on ready()).
    [[nodiscard]] std::optional<ImapCredentials> credentialsForNewSession();

    enum class AfterClose {
        Continue,    // nothing about the token: the worker decides as before
        SignInAgain, // the server refused a token: a new one is on its way, open a new session
        GiveUp,      // refused again after a new token: failureText() says why
    };
    // A session signed in with credentialsForNewSession() ended.
    [[nodiscard]] AfterClose sessionClosed(const ImapClosure &closure);
    // Why the worker gives up after AfterClose::GiveUp, in plain words naming the account.
    [[nodiscard]] QString refusalText(const ImapClosure &closure) const;

Q_SIGNALS:
    void ready();
    // No token can be had until the user signs in again (the provider refused the refresh
    // token): the worker gives up for this run with `reason`.
    void failed(const QString &reason);
    // No token for now (the token endpoint unreachable or overloaded): asking again later may
    // help. The session waits and asks again, within its back-off's bound.
    void unavailable(const QString &reason);

private:
    ImapCredentials m_credentials;
    std::unique_ptr<AccessTokenLease> m_lease; // OAuth2 only
    int m_generation = 0;                      // of the token the current session signed in with
    bool m_waiting = false;                    // a session waits for a token
};

} // namespace Bulkmail
