#include "oauth2tokensource.h"

#include "tokenreply.h"
#include "tokenstore.h"

#include <QCoreApplication>
#include <QEvent>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <spdlog/spdlog.h>

namespace Bulkmail {

namespace {

// A translation context for the texts below without making this a QObject (lupdate reads
// TokenSourceText::tr() under "Bulkmail::OAuth2TokenSource", as the window looks them up).
class TokenSourceText
{
    Q_DECLARE_TR_FUNCTIONS(Bulkmail::OAuth2TokenSource)
};

// Names the account at its provider: one sign-in, whatever the source was made from.
QString sharedAccountKey(const OAuthSettings &settings, const QString &address)
{
    return QStringList{oauthProviderName(settings.provider),
                       oauthEndpoints(settings).tokenUrl.toString(),
                       settings.clientId.trimmed(),
                       address.trimmed().toLower()}
        .join(u'\n');
}

} // namespace

OAuth2TokenSource::OAuth2TokenSource(OAuthSettings settings,
                                     QString address,
                                     QString refreshToken,
                                     const Clock &clock,
                                     QObject *parent)
    : AccessTokenSource(parent)
    , m_settings(std::move(settings))
    , m_address(std::move(address))
    , m_shared(
          SharedAccountTokens::forAccount(sharedAccountKey(m_settings, m_address), refreshToken))
    , m_clock(clock)
    , m_waitGuard(new QTimer(this))
{
    // Queued: the refresh may finish in another source's thread, or in this one while its
    // answer is still being given.
    connect(m_shared.get(),
            &SharedAccountTokens::refreshFinished,
            this,
            &OAuth2TokenSource::onSharedRefreshFinished,
            Qt::QueuedConnection);
    m_waitGuard->setSingleShot(true);
    connect(m_waitGuard, &QTimer::timeout, this, [this] {
        // The refresh waited for never answered (its source is stuck): ask again; the shared
        // record has by now taken it as abandoned.
        m_waitingForShared = false;
        takeSharedTokenOrRefresh();
    });
}

OAuth2TokenSource::~OAuth2TokenSource()
{
    abandonRefresh();
}

void OAuth2TokenSource::setInitialAccessToken(const AccessToken &token)
{
    m_current = token;
    m_shared->offer(token);
}

void OAuth2TokenSource::keepRotatedTokensIn(TokenStore *store)
{
    if (store == nullptr)
        return;
    const OAuthProvider provider = m_settings.provider;
    const QString address = m_address;
    // Queued into the store's thread when the source runs in another one.
    connect(this,
            &OAuth2TokenSource::refreshTokenRotated,
            store,
            [store, provider, address](const QString &refreshToken) {
                store->writeRefreshToken(
                    provider, address, refreshToken, [address](const PasswordStoreResult &result) {
                        if (!result.isSuccess()) {
                            spdlog::warn("Rotated refresh token not stored. Account: "
                                         "\"{}\". Reason: \"{}\".",
                                         address.toStdString(),
                                         result.message.toStdString());
                        }
                    });
            });
}

bool OAuth2TokenSource::event(QEvent *event)
{
    // A QNetworkAccessManager belongs to one thread: when the source moves (into the engine thread
    // for a run, back afterwards), drop it here, in the old thread; the next refresh makes a new
    // one in the new thread. A run moves the source only while no request is pending.
    if (event->type() == QEvent::ThreadChange && m_network != nullptr) {
        abandonRefresh();
        disconnect(m_network, nullptr, this, nullptr);
        delete m_network; // and any reply still under way
        m_network = nullptr;
    }
    return AccessTokenSource::event(event);
}

void OAuth2TokenSource::abandonRefresh()
{
    // Whoever waits for this refresh asks again instead of waiting for ever.
    if (m_reply) {
        m_reply = nullptr;
        m_shared->abandonRefresh(m_refreshGeneration);
    }
}

bool OAuth2TokenSource::isFresh(const AccessToken &token) const
{
    if (token.token.isEmpty())
        return false;
    if (!token.expiresAt.isValid())
        return true; // the server gave no lifetime: use it until it is refused
    return m_clock.currentDateTimeUtc().addSecs(RefreshMargin.count()) < token.expiresAt;
}

void OAuth2TokenSource::requestToken(bool forceRefresh)
{
    if (forceRefresh) {
        if (!m_current.token.isEmpty())
            m_refused = m_current.token;
        m_current = {};
    }
    if (m_reply || m_waitingForShared)
        return; // the refresh under way answers this request too
    if (hasFreshToken()) {
        answerLater();
        return;
    }
    takeSharedTokenOrRefresh();
}

void OAuth2TokenSource::answerLater()
{
    // Never from inside requestToken() (see AccessTokenSource).
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (hasFreshToken())
                Q_EMIT tokenReady(m_current);
            else
                requestToken(false);
        },
        Qt::QueuedConnection);
}

void OAuth2TokenSource::takeSharedTokenOrRefresh()
{
    const SharedAccountTokens::Claim claim = m_shared->claim(
        [this](const AccessToken &token) { return isFresh(token); }, m_refused, m_requestTimeout);
    switch (claim.kind) {
    case SharedAccountTokens::Claim::Kind::UseToken:
        m_current = claim.token;
        answerLater();
        return;
    case SharedAccountTokens::Claim::Kind::Wait:
        m_waitingForShared = true;
        m_awaitedGeneration = claim.generation;
        // The refreshing source's own request is bounded by its timeout; this bounds the wait
        // even if that source is stuck.
        m_waitGuard->start(m_requestTimeout + std::chrono::seconds(10));
        return;
    case SharedAccountTokens::Claim::Kind::SignInRequired:
        // Another source's refresh with this very refresh token was refused: asking the server
        // again would only be refused again.
        QMetaObject::invokeMethod(
            this,
            [this, error = claim.error] { Q_EMIT tokenFailed(error, true); },
            Qt::QueuedConnection);
        return;
    case SharedAccountTokens::Claim::Kind::Refresh:
        m_refreshGeneration = claim.generation;
        startRefresh(claim.refreshToken);
        return;
    }
}

void OAuth2TokenSource::onSharedRefreshFinished()
{
    if (!m_waitingForShared)
        return;
    const SharedAccountTokens::Outcome outcome = m_shared->outcome();
    if (outcome.generation < m_awaitedGeneration)
        return; // an earlier refresh's answer, delivered late: keep waiting
    m_waitingForShared = false;
    m_waitGuard->stop();
    switch (outcome.kind) {
    case SharedAccountTokens::Outcome::Kind::Token:
        if (outcome.token.token != m_refused && isFresh(outcome.token)) {
            m_current = outcome.token;
            Q_EMIT tokenReady(m_current);
            return;
        }
        break;
    case SharedAccountTokens::Outcome::Kind::Failed:
        Q_EMIT tokenFailed(outcome.error, outcome.signInRequired);
        return;
    case SharedAccountTokens::Outcome::Kind::None:
    case SharedAccountTokens::Outcome::Kind::Abandoned:
        break;
    }
    takeSharedTokenOrRefresh();
}

void OAuth2TokenSource::startRefresh(const QString &refreshToken)
{
    if (m_network == nullptr) {
        m_network = new QNetworkAccessManager(this);
        connect(m_network,
                &QNetworkAccessManager::finished,
                this,
                &OAuth2TokenSource::onReplyFinished);
    }
    const OAuthEndpoints endpoints = oauthEndpoints(m_settings);
    QList<QPair<QString, QString>> fields{
        {QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
        {QStringLiteral("refresh_token"), refreshToken},
        {QStringLiteral("client_id"), m_settings.clientId.trimmed()},
    };
    // Microsoft's v2.0 endpoint requires the scope again (a subset of the granted one); Google
    // needs none.
    if (m_settings.provider != OAuthProvider::Google && !endpoints.scope.isEmpty())
        fields.append({QStringLiteral("scope"), endpoints.scope});
    QNetworkRequest request = tokenRequest(endpoints.tokenUrl);
    request.setTransferTimeout(static_cast<int>(m_requestTimeout.count()));
    ++m_refreshCount;
    m_reply = m_network->post(request, formBody(fields));
}

void OAuth2TokenSource::onReplyFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return;
    m_reply = nullptr;
    const TokenReply tokens = parseTokenReply(*reply);
    switch (tokens.kind) {
    case TokenReply::Kind::Tokens:
        break;
    case TokenReply::Kind::OAuthError: {
        const QString message
            = tokens.error == QLatin1String("invalid_grant")
                  ? TokenSourceText::tr(
                        "The sign-in of %1 has expired or was revoked (%2). Sign in again.")
                        .arg(m_address, describeTokenReply(tokens))
                  : TokenSourceText::tr(
                        "The sign-in server refused to renew the access token of %1 (%2). Check "
                        "the account's sign-in settings and sign in again.")
                        .arg(m_address, describeTokenReply(tokens));
        spdlog::warn("Access token refresh refused. Account: \"{}\". Reason: \"{}\".",
                     m_address.toStdString(),
                     describeTokenReply(tokens).toStdString());
        const Error error{ErrorCode::Authentication, message};
        m_shared->failRefresh(m_refreshGeneration, error, true);
        Q_EMIT tokenFailed(error, true);
        return;
    }
    case TokenReply::Kind::Transport: {
        spdlog::warn("Access token refresh failed. Account: \"{}\". Reason: \"{}\".",
                     m_address.toStdString(),
                     tokens.transportMessage.toStdString());
        const Error error{ErrorCode::Connection,
                          TokenSourceText::tr("Cannot renew the access token of %1: %2")
                              .arg(m_address, tokens.transportMessage)};
        m_shared->failRefresh(m_refreshGeneration, error, false);
        Q_EMIT tokenFailed(error, false);
        return;
    }
    }

    m_current.token = tokens.accessToken;
    m_current.username = m_address;
    m_current.expiresAt = tokens.expiresIn > 0
                              ? m_clock.currentDateTimeUtc().addSecs(tokens.expiresIn)
                              : QDateTime();
    spdlog::info("Access token refreshed. Account: \"{}\". Valid for: \"{} s\".",
                 m_address.toStdString(),
                 tokens.expiresIn);
    // RFC 6749 §6: the server may issue a new refresh token; the old one may then stop working.
    if (m_shared->finishRefresh(m_refreshGeneration, m_current, tokens.refreshToken))
        Q_EMIT refreshTokenRotated(tokens.refreshToken);
    Q_EMIT tokenReady(m_current);
}

void createOAuth2TokenSource(const OAuthSettings &settings,
                             const QString &address,
                             TokenStore *store,
                             TokenSourceCallback done)
{
    Q_ASSERT(store != nullptr);
    const QPointer<TokenStore> guardedStore(store);
    store->readRefreshToken(
        settings.provider,
        address,
        [settings, address, guardedStore, done = std::move(done)](
            const PasswordStoreResult &result) {
            if (!result.isSuccess() || result.password.isEmpty()) {
                PasswordStoreResult failure = result;
                if (result.isSuccess()) {
                    failure.status = PasswordStoreStatus::NotFound;
                    failure.message = TokenSourceText::tr("No sign-in is stored for this account.");
                }
                done(failure, nullptr);
                return;
            }
            auto source = std::make_shared<OAuth2TokenSource>(settings, address, result.password);
            source->keepRotatedTokensIn(guardedStore.data());
            PasswordStoreResult success = result;
            success.password.clear(); // the caller has no use for the refresh token itself
            done(success, std::move(source));
        });
}

} // namespace Bulkmail
