#include "reconnectingimapsession.h"

#include <spdlog/spdlog.h>

namespace Bulkmail {

QString imapClosureScopeName(ImapClosureScope scope)
{
    switch (scope) {
    case ImapClosureScope::LoggedOut:
        return QStringLiteral("logged-out");
    case ImapClosureScope::Session:
        return QStringLiteral("session");
    case ImapClosureScope::Server:
        return QStringLiteral("server");
    case ImapClosureScope::Account:
        return QStringLiteral("account");
    }
    return {};
}

ReconnectingImapSession::ReconnectingImapSession(ImapEndpoint endpoint,
                                                 ImapCredentials credentials,
                                                 SessionBackoff backoff,
                                                 const Clock &clock,
                                                 QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_signIn(std::move(credentials))
    , m_backoff(backoff)
    , m_clock(clock)
    , m_waitTimer(clock.createTimer(this))
{
    connect(m_waitTimer.get(), &ClockTimer::timeout, this, [this] {
        if (std::exchange(m_openWhenDue, false))
            openNow();
    });
    connect(&m_signIn, &ImapSignIn::ready, this, [this] {
        if (std::exchange(m_awaitingToken, false) && !m_ended)
            openNow();
    });
    connect(&m_signIn, &ImapSignIn::failed, this, [this](const QString &reason) {
        m_awaitingToken = false;
        endForAccount(ImapNote::words(reason));
    });
    connect(&m_signIn, &ImapSignIn::unavailable, this, &ReconnectingImapSession::onTokenUnavailable);
}

ReconnectingImapSession::~ReconnectingImapSession()
{
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->abort(QStringLiteral("its owner stopped"));
    }
}

void ReconnectingImapSession::open()
{
    if (m_ended || m_connection || m_awaitingToken)
        return;
    if (m_waitTimer->isActive()) {
        m_openWhenDue = true;
        return;
    }
    openNow();
}

void ReconnectingImapSession::openNow()
{
    const std::optional<ImapCredentials> credentials = m_signIn.credentialsForNewSession();
    if (!credentials) {
        m_awaitingToken = true; // the sign-in's ready() opens it, or failed() ends the run
        return;
    }
    const int id = m_nextConnectionId++;
    m_connection = new ImapConnection(id, m_endpoint, *credentials, ImapTimeouts{}, m_clock, this);
    m_backoff.sessionStarted();
    connect(m_connection, &ImapConnection::ready, this, [this, id] {
        Q_EMIT connectionEvent(id, QStringLiteral("ready"), m_connection->tlsDescription());
        Q_EMIT ready();
    });
    connect(m_connection, &ImapConnection::unsolicited, this, &ReconnectingImapSession::unsolicited);
    connect(m_connection, &ImapConnection::closed, this, &ReconnectingImapSession::onClosed);
    Q_EMIT connectionEvent(id, QStringLiteral("created"), m_endpoint.displayAddress());
    m_connection->open();
}

void ReconnectingImapSession::run(QByteArray command,
                                  ImapConnection::Completion done,
                                  std::optional<QByteArray> literal)
{
    if (m_connection) {
        m_connection->run(std::move(command), std::move(done), std::move(literal));
        return;
    }
    ImapCommandResult result;
    result.text = QStringLiteral("no IMAP session is open");
    if (done)
        done(result);
}

void ReconnectingImapSession::logout()
{
    m_waitTimer->stop();
    m_openWhenDue = false;
    m_awaitingToken = false;
    if (m_connection)
        m_connection->logout();
}

void ReconnectingImapSession::giveUp(const QString &reason)
{
    m_ended = true;
    m_waitTimer->stop();
    m_openWhenDue = false;
    if (m_connection) {
        ImapConnection *connection = m_connection;
        dropConnection();
        connection->abort(reason);
    }
}

void ReconnectingImapSession::dropConnection()
{
    ImapConnection *connection = std::exchange(m_connection, nullptr);
    connection->disconnect(this);
    connection->deleteLater();
}

void ReconnectingImapSession::onClosed(const ImapClosure &closure)
{
    dropConnection();
    Q_EMIT connectionEvent(closure.connectionId,
                           QStringLiteral("closed"),
                           imapCloseReasonName(closure.reason)
                               + (closure.detail.isEmpty() ? QString() : u": " + closure.detail));
    switch (m_signIn.sessionClosed(closure)) {
    case ImapSignIn::AfterClose::SignInAgain:
        // A refused access token, renewed once: no failure of the server's, so no wait; the
        // worker's next open() signs in with the new token.
        m_backoff.progressMade();
        Q_EMIT closed(ImapSessionClosure{closure, ImapClosureScope::Session, {}, {}});
        return;
    case ImapSignIn::AfterClose::GiveUp:
        endForAccount(ImapNote::words(m_signIn.refusalText(closure)), closure);
        return;
    case ImapSignIn::AfterClose::Continue:
        break;
    }
    ImapSessionClosure ended{closure, scopeOf(closure), {}, {}};
    switch (ended.scope) {
    case ImapClosureScope::LoggedOut:
        break;
    case ImapClosureScope::Session:
        // After a session that got something done, at once; else waiting longer each time.
        if (const std::chrono::milliseconds delay = m_backoff.nextDelay(); delay.count() > 0)
            m_waitTimer->start(delay);
        break;
    case ImapClosureScope::Server:
        m_ended = true;
        ended.reasonNote = ImapNote::make(ImapNote::Code::ServerKeptFailing,
                                          QStringList{m_endpoint.displayAddress(),
                                                      QString::number(m_backoff.failedInARow()),
                                                      closure.detail}
                                              + closure.note.packed());
        ended.reason = ended.reasonNote.english();
        break;
    case ImapClosureScope::Account:
        m_ended = true;
        ended.reasonNote = closure.note.isEmpty() ? ImapNote::words(closure.detail) : closure.note;
        ended.reason = closure.detail;
        break;
    }
    Q_EMIT closed(ended);
}

void ReconnectingImapSession::endForAccount(const ImapNote &reason, const ImapClosure &closure)
{
    m_ended = true;
    m_waitTimer->stop();
    m_openWhenDue = false;
    Q_EMIT closed(ImapSessionClosure{closure, ImapClosureScope::Account, reason.english(), reason});
}

void ReconnectingImapSession::onTokenUnavailable(const QString &reason)
{
    if (!std::exchange(m_awaitingToken, false) || m_ended)
        return; // logged out or given up meanwhile
    // The token endpoint's trouble, not the account's: a session that did nothing, bounded as
    // one the server dropped is (no closed() for it: no connection was made).
    m_backoff.sessionStarted();
    if (m_backoff.sessionEndedGivesUp()) {
        m_ended = true;
        ImapSessionClosure ended;
        ended.closure.reason = ImapCloseReason::ConnectFailed;
        ended.closure.detail = reason;
        ended.scope = ImapClosureScope::Server;
        ended.reasonNote = ImapNote::make(ImapNote::Code::NoAccessToken,
                                          {m_endpoint.displayAddress(),
                                           QString::number(m_backoff.failedInARow()),
                                           reason});
        ended.reason = ended.reasonNote.english();
        Q_EMIT closed(ended);
        return;
    }
    const std::chrono::milliseconds delay = m_backoff.nextDelay();
    spdlog::warn("imap: {}; asking again in {} ms", reason.toStdString(), delay.count());
    m_openWhenDue = true;
    m_waitTimer->start(delay);
}

ImapClosureScope ReconnectingImapSession::scopeOf(const ImapClosure &closure)
{
    if (closure.reason == ImapCloseReason::LoggedOut)
        return ImapClosureScope::LoggedOut;
    if (closure.isFatal())
        return ImapClosureScope::Account; // the password, the certificate: retrying cannot help
    return m_backoff.sessionEndedGivesUp() ? ImapClosureScope::Server : ImapClosureScope::Session;
}

} // namespace Bulkmail
