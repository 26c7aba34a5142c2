#include "oauth2tokensource.h"

#include "tokenreply.h"
#include "tokenstore.h"

#include <QCoreApplication>
#include <QEvent>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <spdlog/spdlog.h>

namespace Bulkmail {

namespace {

// A translation context for the texts below without making this a QObject (lupdate reads
// TokenSourceText::tr() under "Bulkmail::OAuth2TokenSource", as the window looks them up).
class TokenSourceText
{
    Q_DECLARE_TR_FUNCTIONS(Bulkmail::OAuth2TokenSource)
};

} // namespace

OAuth2TokenSource::OAuth2TokenSource(OAuthSettings settings,
                                     QString address,
                                     QString refreshToken,
                                     const Clock &clock,
                                     QObject *parent)
    : AccessTokenSource(parent)
    , m_settings(std::move(settings))
    , m_address(std::move(address))
    , m_refreshToken(std::move(refreshToken))
    , m_clock(clock)
{}

OAuth2TokenSource::~OAuth2TokenSource() = default;

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
        disconnect(m_network, nullptr, this, nullptr);
        delete m_network; // and any reply still under way
        m_network = nullptr;
        m_reply = nullptr;
    }
    return AccessTokenSource::event(event);
}

bool OAuth2TokenSource::hasFreshToken() const
{
    if (m_current.token.isEmpty())
        return false;
    if (!m_current.expiresAt.isValid())
        return true; // the server gave no lifetime: use it until it is refused
    return m_clock.currentDateTimeUtc().addSecs(RefreshMargin.count()) < m_current.expiresAt;
}

void OAuth2TokenSource::requestToken(bool forceRefresh)
{
    if (forceRefresh)
        m_current = {};
    if (m_reply)
        return; // the refresh under way answers this request too
    if (hasFreshToken()) {
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
        return;
    }
    startRefresh();
}

void OAuth2TokenSource::startRefresh()
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
        {QStringLiteral("refresh_token"), m_refreshToken},
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
        Q_EMIT tokenFailed(Error{ErrorCode::Authentication, message}, true);
        return;
    }
    case TokenReply::Kind::Transport:
        spdlog::warn("Access token refresh failed. Account: \"{}\". Reason: \"{}\".",
                     m_address.toStdString(),
                     tokens.transportMessage.toStdString());
        Q_EMIT tokenFailed(Error{ErrorCode::Connection,
                                 TokenSourceText::tr("Cannot renew the access token of %1: %2")
                                     .arg(m_address, tokens.transportMessage)},
                           false);
        return;
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
    if (!tokens.refreshToken.isEmpty() && tokens.refreshToken != m_refreshToken) {
        m_refreshToken = tokens.refreshToken;
        Q_EMIT refreshTokenRotated(m_refreshToken);
    }
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
