#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include <QByteArray>
#include <QDeadlineTimer>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QString>

#include "accesstokensource.h"
#include "common/result.h"

namespace Bulkmail {

// One signed-in account's tokens, shared by every OAuth2TokenSource of this process for it. A run
// and its bounce watch each have a source, in threads of their own, for the same account. Were
// each to refresh on its own, the provider would see twice the token requests, and one that
// rotates refresh tokens (a new one with each refresh, the old one spent: RFC 6749 §6 and the
// OAuth 2.0 Security BCP, "refresh token rotation") would answer the second source, still holding
// the spent token, with invalid_grant, and the user would be asked to sign in again in the middle
// of a campaign. Some providers then revoke the whole sign-in, taking it as a stolen token.
//
// So at most one refresh per account is under way in this process; it uses the latest refresh
// token, and its answer (an access token, or the failure) answers every source that asked
// meanwhile. Thread-safe; refreshFinished() is emitted in the refreshing source's thread and
// reaches the others through queued connections.
class SharedAccountTokens final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SharedAccountTokens)

public:
    // The account's record, made on first use and kept while a source holds it. `key` names the
    // account at its provider (OAuth2TokenSource builds it); `refreshToken` is what the caller
    // holds: a token a rotation replaced (a keychain read that raced the write of the new one) is
    // ignored, any other is taken as the latest (a new sign-in).
    [[nodiscard]] static std::shared_ptr<SharedAccountTokens> forAccount(
        const QString &key, const QString &refreshToken);

    ~SharedAccountTokens() override;

    struct Claim
    {
        enum class Kind {
            UseToken, // another source's token is fresh: `token`
            Refresh,  // the caller refreshes now, with `refreshToken`, then calls finishRefresh()
            Wait,     // a refresh is under way: refreshFinished() follows, then outcome()
            SignInRequired, // the server refused the latest refresh token: `error`
        };
        Kind kind = Kind::Refresh;
        AccessToken token;
        QString refreshToken;
        Error error;
        quint64 generation = 0; // Refresh: its number; Wait: the number of the one waited for
    };
    // What a source that needs a token does. `isFresh`: whether a token may still be used, by the
    // caller's clock. `refused`: the access token the server has just refused, never handed out
    // again, to anyone. `refreshTimeout`: how long the refresh may take when the caller is the one to do it;
    // a refresh not finished by then (plus a margin) is taken as abandoned, so nobody waits for
    // ever.
    [[nodiscard]] Claim claim(const std::function<bool(const AccessToken &)> &isFresh,
                              const QString &refused,
                              std::chrono::milliseconds refreshTimeout);

    // The answer of the last refresh that finished.
    struct Outcome
    {
        enum class Kind {
            None,      // no refresh has finished yet
            Token,     // `token`
            Failed,    // `error`, `signInRequired` as AccessTokenSource::tokenFailed() says them
            Abandoned, // the refreshing source went away without an answer: claim again
        };
        Kind kind = Kind::None;
        AccessToken token;
        Error error;
        bool signInRequired = false;
        quint64 generation = 0; // the refresh's number (Claim::generation)
    };
    [[nodiscard]] Outcome outcome() const;

    // End the refresh claim() gave to its caller (`generation`: its Claim::generation).
    // `issuedRefreshToken` (may be empty): the refresh token the server's answer carried. True
    // when it is a new one (a rotation: the one used is then spent), for the caller to store. A
    // refresh taken as abandoned and answered after all still shares its tokens, but no longer
    // ends the refresh that replaced it.
    [[nodiscard]] bool finishRefresh(quint64 generation,
                                     const AccessToken &token,
                                     const QString &issuedRefreshToken);
    void failRefresh(quint64 generation, const Error &error, bool signInRequired);
    void abandonRefresh(quint64 generation);

    // A token in hand from elsewhere (the sign-in's own): kept if it outlives the shared one.
    void offer(const AccessToken &token);

Q_SIGNALS:
    void refreshFinished();

private:
    explicit SharedAccountTokens(QString refreshToken);
    void adopt(const QString &refreshToken);
    void finish(quint64 generation, Outcome outcome);

    mutable QMutex m_mutex;
    QString m_refreshToken;
    // Refresh tokens a rotation replaced, as SHA-256 (so no spent secret is kept in memory).
    QSet<QByteArray> m_spentRefreshTokens;
    AccessToken m_accessToken;
    // The latest refresh token's hash once the server refused it: asked no more until a new one.
    QByteArray m_refusedRefreshToken;
    Error m_refusal;
    bool m_refreshing = false;
    QDeadlineTimer m_refreshDeadline;
    quint64 m_generation = 0; // of the latest refresh claimed
    Outcome m_outcome;
};

} // namespace Bulkmail
