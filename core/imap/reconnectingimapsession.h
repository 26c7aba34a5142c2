#pragma once

#include "imapconnection.h"
#include "imapnote.h"
#include "imapsignin.h"
#include "sessionbackoff.h"

#include <QObject>
#include <QString>

#include <memory>

namespace Bulkmail {

// How far a closed session reaches, as the delivery policy scopes a failure: whether the worker
// gets another session, and when.
enum class ImapClosureScope {
    LoggedOut, // we asked for it: nothing failed, a new session opens when asked
    Session,   // this session ended (the network, a server restart, a timeout): the next one
               // opens when asked, after the back-off's wait
    Server,    // the server kept failing: no more sessions in this run
    Account,   // the settings must change first (password, certificate, TLS): no more sessions
};
[[nodiscard]] QString imapClosureScopeName(ImapClosureScope scope); // "logged-out", ...

struct ImapSessionClosure
{
    ImapClosure closure;
    ImapClosureScope scope = ImapClosureScope::Session;
    // Server and Account: why there are no more sessions, in plain words (never a secret).
    QString reason;
    ImapNote reasonNote; // the same as a code, for the window to word

    [[nodiscard]] bool endsTheRun() const
    {
        return scope == ImapClosureScope::Server || scope == ImapClosureScope::Account;
    }
};

// The IMAP session of a worker that needs one for a while (SentCopier, MailboxWatcher): it owns
// the ImapConnection, opens it and signs in, and after a closure decides, once for every worker,
// whether and when the next one may open (SessionBackoff): at once after a session that got
// something done, later and later after one that did not, never again after too many of those in
// a row or after a refused password or certificate (one login, never one per message). The worker
// says what "done" means (progressMade()) and what to do with a closure's scope; its commands go
// to connection().
class ReconnectingImapSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconnectingImapSession)

public:
    // The back-off's waits and the connections' timeouts on `clock` (which must outlive it).
    ReconnectingImapSession(ImapEndpoint endpoint,
                            ImapCredentials credentials,
                            SessionBackoff backoff,
                            const Clock &clock = SystemClock::instance(),
                            QObject *parent = nullptr);
    ~ReconnectingImapSession() override; // aborts an open connection, without closed()

    // Opens a session now, or as soon as the back-off's wait is over; nothing when one is open,
    // or after the run's last session (a closure that endsTheRun(), or giveUp()).
    void open();
    // LOGOUT once the queued commands are done; closed() (LoggedOut) follows. Cancels a wait.
    void logout();
    // No more sessions in this run: aborts the open one (no closed() for it) and any wait.
    void giveUp(const QString &reason);
    // Runs a command on the open session (ImapConnection::run); without one, `done` is called at
    // once with status None, as for a command that the connection's end cut short.
    void run(QByteArray command,
             ImapConnection::Completion done,
             std::optional<QByteArray> literal = {});
    // This session got something done: a closure now is no failure, and the next session opens
    // at once.
    void progressMade() { m_backoff.progressMade(); }

    // The open session's connection (signing in, ready or logging out), or nullptr between two.
    [[nodiscard]] ImapConnection *connection() const { return m_connection; }
    [[nodiscard]] bool isReady() const { return m_connection && m_connection->isReady(); }
    [[nodiscard]] bool hasEnded() const { return m_ended; }
    [[nodiscard]] QString displayAddress() const { return m_endpoint.displayAddress(); }
    // What each new session signs in with: the password, or an OAuth2 account's access tokens
    // (one renewal after a refused token, then the run ends with Account scope; a token that
    // cannot be had for now is asked for again after the back-off's wait, and the run ends with
    // Server scope after as many tries as sessions that fail in a row).
    [[nodiscard]] ImapSignIn &signIn() { return m_signIn; }

Q_SIGNALS:
    void ready();
    void closed(const Bulkmail::ImapSessionClosure &closure);
    // Untagged data of the open session that belongs to no command (EXISTS while idle).
    void unsolicited(const Bulkmail::ImapResponse &response);
    // The connection's life, for the log and the connection view: "created", "ready", "closed".
    void connectionEvent(int connectionId, const QString &event, const QString &detail);

private:
    void openNow();
    void onClosed(const ImapClosure &closure);
    [[nodiscard]] ImapClosureScope scopeOf(const ImapClosure &closure);
    void dropConnection();
    // The account's sign-in cannot go on (no token, or a renewed one refused too): the run ends.
    void endForAccount(const ImapNote &reason, const ImapClosure &closure = {});
    // No access token for now: counted as a session that did nothing, so that it is asked for
    // again after the back-off's wait, and the run ends (Server scope) when that bound is reached.
    void onTokenUnavailable(const QString &reason);

    const ImapEndpoint m_endpoint;
    ImapSignIn m_signIn;
    SessionBackoff m_backoff;
    const Clock &m_clock;
    ImapConnection *m_connection = nullptr;
    int m_nextConnectionId = 1;
    bool m_openWhenDue = false;   // open() was asked during the wait
    bool m_awaitingToken = false; // openNow() waits for the sign-in's access token
    bool m_ended = false;
    // The back-off's wait before the next session; none after a session that got something done.
    const std::unique_ptr<ClockTimer> m_waitTimer;
};

} // namespace Bulkmail

Q_DECLARE_METATYPE(Bulkmail::ImapSessionClosure)
