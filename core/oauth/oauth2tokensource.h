#pragma once

#include "accesstokensource.h"
#include "common/clock.h"
#include "oauthsettings.h"
#include "secrets/passwordstore.h"
#include "sharedaccounttokens.h"

#include <QPointer>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace Bulkmail {

class TokenStore;

// Access tokens for a signed-in account: refreshed at the provider's token endpoint with the
// refresh token from the keychain (RFC 6749 §6), in the thread the source lives in.
//
// - A token is reused until a minute before it expires (RefreshMargin); forceRefresh (the server
//   refused it) refreshes now.
// - Requests made while a refresh is under way share its answer: one tokenReady() or tokenFailed()
//   answers all of them.
// - A refresh token the server rotates is kept (refreshTokenRotated(), and written to the
//   TokenStore given to keepRotatedTokensIn()).
// - The sources of one account in this process (a run's and its bounce watch's) share their
//   tokens (SharedAccountTokens): one refresh at a time, with the latest refresh token, answers
//   them all.
// - The server refusing the refresh token (invalid_grant: revoked or expired; or any other OAuth
//   error such as invalid_client) is tokenFailed(signInRequired = true): only signing in again
//   helps. No answer (network, timeout, 5xx) is tokenFailed(signInRequired = false).
//
// Create it without a parent and move it to the thread that uses it before the first request.
class OAuth2TokenSource final : public AccessTokenSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2TokenSource)

public:
    static constexpr std::chrono::seconds RefreshMargin{60};
    static constexpr std::chrono::seconds DefaultRequestTimeout{30};

    OAuth2TokenSource(OAuthSettings settings,
                      QString address,
                      QString refreshToken,
                      const Clock &clock = SystemClock::instance(),
                      QObject *parent = nullptr);
    ~OAuth2TokenSource() override;

    // An access token already in hand (from the sign-in), used while it is fresh.
    void setInitialAccessToken(const AccessToken &token);
    void setRequestTimeout(std::chrono::milliseconds timeout) { m_requestTimeout = timeout; }
    // Writes every rotated refresh token to `store`, in the store's thread. `store` may live in
    // another thread; the connection ends with either object.
    void keepRotatedTokensIn(TokenStore *store);

    void requestToken(bool forceRefresh) override;

    [[nodiscard]] QString address() const { return m_address; }
    [[nodiscard]] int refreshCount() const { return m_refreshCount; } // token requests sent

Q_SIGNALS:
    // The server issued a new refresh token; the old one may stop working. Carries a secret: only
    // for storing it (never log it).
    void refreshTokenRotated(const QString &refreshToken);

protected:
    bool event(QEvent *event) override;

private:
    [[nodiscard]] bool isFresh(const AccessToken &token) const;
    [[nodiscard]] bool hasFreshToken() const { return isFresh(m_current); }
    void answerLater();
    void takeSharedTokenOrRefresh();
    void onSharedRefreshFinished();
    void startRefresh(const QString &refreshToken);
    void onReplyFinished(QNetworkReply *reply);
    void abandonRefresh();

    OAuthSettings m_settings;
    QString m_address;
    std::shared_ptr<SharedAccountTokens> m_shared;
    const Clock &m_clock;
    std::chrono::milliseconds m_requestTimeout = DefaultRequestTimeout;
    AccessToken m_current;
    QNetworkAccessManager *m_network = nullptr; // created in the source's thread on first use
    QPointer<QNetworkReply> m_reply;            // the refresh under way
    quint64 m_refreshGeneration = 0;            // its SharedAccountTokens::Claim::generation
    QString m_refused;                          // the access token the server last refused
    bool m_waitingForShared = false;            // for another source's refresh
    quint64 m_awaitedGeneration = 0;
    QTimer *m_waitGuard = nullptr; // bounds that wait
    int m_refreshCount = 0;
};

// Builds the token source for an account from the refresh token in `store`, in the calling
// thread. Reports once through `done`, from the event loop: on success `source` is set (no parent;
// rotated refresh tokens are written back to `store`); otherwise `keychain` says why (NotFound:
// nobody signed in to this account yet; Unavailable: no keychain on this computer; Failed).
using TokenSourceCallback = std::function<void(const PasswordStoreResult &keychain,
                                               std::shared_ptr<OAuth2TokenSource> source)>;
void createOAuth2TokenSource(const OAuthSettings &settings,
                             const QString &address,
                             TokenStore *store,
                             TokenSourceCallback done);

} // namespace Bulkmail
