#include "accesstokenlease.h"

#include <spdlog/spdlog.h>

#include <utility>

namespace Bulkmail {

AccessTokenLease::AccessTokenLease(AccessTokenSource &source, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_clock(clock)
{
    Q_ASSERT(source.thread() == thread());
    connect(&m_source, &AccessTokenSource::tokenReady, this, &AccessTokenLease::onTokenReady);
    connect(&m_source, &AccessTokenSource::tokenFailed, this, &AccessTokenLease::onTokenFailed);
}

AccessTokenLease::~AccessTokenLease()
{
    m_source.disconnect(this);
}

bool AccessTokenLease::hasUsableToken() const
{
    if (!m_token || m_token->token.isEmpty())
        return false;
    if (!m_token->expiresAt.isValid())
        return true; // a token from a script, lifetime unknown: the server will say
    const QDateTime now = m_clock.currentDateTimeUtc();
    // A token just received is used even if it is short-lived (the source promises a minute, but
    // asking again at once would only loop); one that has already expired never is.
    if (m_isFresh)
        return m_token->expiresAt > now;
    return now.secsTo(m_token->expiresAt) >= Margin.count();
}

void AccessTokenLease::request()
{
    if (m_requested)
        return;
    m_requested = true;
    ++m_requests;
    const bool force = std::exchange(m_forceRefreshNext, false);
    m_requestIsForced = force;
    spdlog::info("requesting an OAuth2 access token{}",
                 force ? " (a new one: the server refused the last)" : "");
    m_source.requestToken(force);
}

std::optional<AccessTokenLease::Grant> AccessTokenLease::grant()
{
    if (!m_token)
        return std::nullopt;
    m_isFresh = false;
    return Grant{*m_token, m_generation};
}

AccessTokenLease::Refusal AccessTokenLease::refused(int generation)
{
    // A connection that signed in with an older token, or with the one already being replaced:
    // the new token is on its way, this refusal is not a second one.
    if (generation < m_generation || (generation == m_generation && !m_token))
        return Refusal::AlreadyReplacing;
    if (m_refreshedAfterRefusal)
        return Refusal::Fatal; // refused again after a refresh, like a wrong password
    m_refreshedAfterRefusal = true;
    m_token.reset();
    m_forceRefreshNext = true;
    return Refusal::Refreshing;
}

void AccessTokenLease::signedIn(int generation)
{
    if (generation > 0)
        m_refreshedAfterRefusal = false;
}

void AccessTokenLease::onTokenReady(const AccessToken &token)
{
    m_requested = false;
    m_token = token;
    ++m_generation;
    m_isFresh = true;
    spdlog::info("OAuth2 access token received for {}, valid until {}",
                 token.username.toStdString(),
                 token.expiresAt.isValid() ? token.expiresAt.toString(Qt::ISODate).toStdString()
                                           : std::string("an unknown time"));
    Q_EMIT ready(token);
}

void AccessTokenLease::onTokenFailed(const Error &error, bool needsSignIn)
{
    m_requested = false;
    // A refused token must not come back from the next request either.
    m_forceRefreshNext = m_requestIsForced;
    if (needsSignIn)
        m_token.reset(); // asked again only once the user has signed in
    Q_EMIT failed(error, needsSignIn);
}

} // namespace Bulkmail
