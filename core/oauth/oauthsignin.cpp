#include "oauthsignin.h"

#include "tokenreply.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QOAuth2AuthorizationCodeFlow>
#include <QOAuthHttpServerReplyHandler>

#include <spdlog/spdlog.h>

namespace Bulkmail {

namespace {

QString queryValue(const QVariantMap &values, const char *key)
{
    return QUrl::fromPercentEncoding(values.value(QLatin1String(key)).toString().toUtf8());
}

} // namespace

OAuthSignIn::OAuthSignIn(OAuthSettings settings, QString expectedAddress, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_endpoints(oauthEndpoints(m_settings))
    , m_expectedAddress(std::move(expectedAddress).trimmed())
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        fail(ErrorCode::Connection,
             m_isExchangingCode
                 ? tr("The sign-in server did not answer in time.")
                 : tr("The sign-in was not completed in the browser in time. Try again."));
    });
}

OAuthSignIn::~OAuthSignIn() = default;

QString OAuthSignIn::redirectUri() const
{
    return m_replyHandler != nullptr ? m_replyHandler->callback() : QString();
}

void OAuthSignIn::start()
{
    Q_ASSERT(!m_hasStarted);
    m_hasStarted = true;
    m_isRunning = true;

    if (const Result<void> checked = checkOAuthSettings(m_settings); !checked) {
        // Reported from the event loop, as every other outcome.
        QMetaObject::invokeMethod(
            this,
            [this, message = checked.error().message] { fail(ErrorCode::InvalidValue, message); },
            Qt::QueuedConnection);
        return;
    }

    m_network = new QNetworkAccessManager(this);
    m_network->setTransferTimeout(static_cast<int>(m_requestTimeout.count()));
    connect(m_network, &QNetworkAccessManager::finished, this, &OAuthSignIn::onNetworkReplyFinished);

    // RFC 8252 §8.3: listen on the loopback interface only (6.4's default is every interface),
    // on a port the OS picks (§7.3).
    m_replyHandler = new QOAuthHttpServerReplyHandler(QHostAddress::LocalHost, 0, this);
    m_replyHandler->setCallbackText(
        tr("Bulkmail: the sign-in is complete. You can close this page and return to Bulkmail."));
    if (!m_replyHandler->isListening()) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                fail(ErrorCode::Connection,
                     tr("Cannot listen on 127.0.0.1 for the answer from the browser."));
            },
            Qt::QueuedConnection);
        return;
    }
    // Ours first: a wrong `state` or an error from the browser ends the sign-in at once.
    connect(m_replyHandler,
            &QAbstractOAuthReplyHandler::callbackReceived,
            this,
            &OAuthSignIn::onCallback);

    m_pkce = Pkce::generate();
    m_flow = new QOAuth2AuthorizationCodeFlow(this);
    // RFC 6749 §10.12: an unguessable state, 128 bits from the system's generator.
    m_flow->setState(QString::fromLatin1(Pkce::generate().verifier.left(22)));
    m_flow->setNetworkAccessManager(m_network);
    m_flow->setReplyHandler(m_replyHandler);
    m_flow->setClientIdentifier(m_settings.clientId.trimmed());
    m_flow->setAuthorizationUrl(m_endpoints.authorizationUrl);
    m_flow->setAccessTokenUrl(m_endpoints.tokenUrl);
    m_flow->setScope(m_endpoints.identityScope.isEmpty()
                         ? m_endpoints.scope
                         : m_endpoints.scope + u' ' + m_endpoints.identityScope);
    m_flow->setModifyParametersFunction(
        [this](QAbstractOAuth::Stage stage, QMultiMap<QString, QVariant> *parameters) {
            switch (stage) {
            case QAbstractOAuth::Stage::RequestingAuthorization:
                // RFC 7636 §4.3.
                parameters->insert(QStringLiteral("code_challenge"),
                                   QString::fromLatin1(m_pkce.challenge));
                parameters->insert(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
                if (!m_expectedAddress.isEmpty())
                    parameters->insert(QStringLiteral("login_hint"), m_expectedAddress);
                for (const auto &[name, value] : m_endpoints.extraAuthorizationParameters)
                    parameters->insert(name, value);
                break;
            case QAbstractOAuth::Stage::RequestingAccessToken:
                // Qt 6.4 percent-encodes the code it took undecoded from the redirect, so a code
                // with "/" (Google's "4/...") reaches the server as "4%2F..." and is refused.
                // Send the code as the redirect carried it, encoded once.
                parameters->replace(QStringLiteral("code"),
                                    QString::fromLatin1(QUrl::toPercentEncoding(m_code)));
                // RFC 7636 §4.5; base64url, so no character needs escaping.
                parameters->insert(QStringLiteral("code_verifier"),
                                   QString::fromLatin1(m_pkce.verifier));
                m_isExchangingCode = true;
                m_timer.start(m_requestTimeout + std::chrono::seconds(5));
                break;
            case QAbstractOAuth::Stage::RequestingTemporaryCredentials:
            case QAbstractOAuth::Stage::RefreshingAccessToken:
                break;
            }
        });
    connect(m_flow,
            &QAbstractOAuth::authorizeWithBrowser,
            this,
            &OAuthSignIn::onAuthorizeWithBrowser);

    m_timer.start(m_timeout);
    spdlog::info("OAuth sign-in started. Provider: \"{}\". Redirect: \"{}\".",
                 oauthProviderName(m_settings.provider).toStdString(),
                 m_replyHandler->callback().toStdString());
    // grant() emits authorizeWithBrowser() before returning; the browser is opened from the
    // event loop so that nothing is reported from inside start().
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_isRunning)
                m_flow->grant();
        },
        Qt::QueuedConnection);
}

void OAuthSignIn::cancel()
{
    if (m_isRunning)
        fail(ErrorCode::Cancelled, tr("The sign-in was cancelled."));
}

void OAuthSignIn::onAuthorizeWithBrowser(const QUrl &url)
{
    m_authorizationUrl = url;
    const bool opened = m_openBrowser ? m_openBrowser(url) : false;
    if (m_isRunning)
        Q_EMIT authorizationUrlReady(url, opened);
}

void OAuthSignIn::onCallback(const QVariantMap &values)
{
    if (!m_isRunning || m_isExchangingCode)
        return;
    // RFC 6749 §4.1.2.1: the user refused, or the server refused the request.
    const QString error = queryValue(values, "error");
    if (!error.isEmpty()) {
        const QString description = queryValue(values, "error_description");
        fail(ErrorCode::Authentication,
             error == QLatin1String("access_denied")
                 ? tr("The sign-in was refused in the browser.")
                 : tr("The sign-in server refused the request: %1")
                       .arg(description.isEmpty() ? error
                                                  : error + QStringLiteral(": ") + description));
        return;
    }
    // Not an answer at all (a browser asking for /favicon.ico): ignore it.
    if (queryValue(values, "state").isEmpty() && queryValue(values, "code").isEmpty())
        return;
    // RFC 6749 §10.12: an answer whose state is not ours may be forged (CSRF).
    if (queryValue(values, "state") != m_flow->state()) {
        fail(ErrorCode::Authentication,
             tr("The answer that reached Bulkmail does not belong to this sign-in (state "
                "mismatch). Try again."));
        return;
    }
    if (queryValue(values, "code").isEmpty()) {
        fail(ErrorCode::Authentication, tr("The sign-in server sent no authorization code."));
        return;
    }
    m_code = queryValue(values, "code");
    // QOAuth2AuthorizationCodeFlow goes on with the code exchange (RequestingAccessToken).
}

void OAuthSignIn::onNetworkReplyFinished(QNetworkReply *reply)
{
    if (!m_isRunning || reply->operation() != QNetworkAccessManager::PostOperation)
        return;
    const TokenReply tokens = parseTokenReply(*reply);
    switch (tokens.kind) {
    case TokenReply::Kind::OAuthError:
        fail(ErrorCode::Authentication,
             tr("The sign-in server refused the authorization code: %1")
                 .arg(describeTokenReply(tokens)));
        return;
    case TokenReply::Kind::Transport:
        fail(ErrorCode::Connection,
             tr("Cannot reach the sign-in server: %1").arg(describeTokenReply(tokens)));
        return;
    case TokenReply::Kind::Tokens:
        break;
    }

    OAuthSignInResult result;
    result.address = addressFromIdToken(tokens.idToken);
    if (result.address.isEmpty())
        result.address = m_expectedAddress;
    result.refreshToken = tokens.refreshToken;
    result.accessToken.token = tokens.accessToken;
    result.accessToken.username = result.address;
    if (tokens.expiresIn > 0)
        result.accessToken.expiresAt = QDateTime::currentDateTimeUtc().addSecs(tokens.expiresIn);
    finish();
    spdlog::info("OAuth sign-in complete. Provider: \"{}\". Account: \"{}\". Refresh token: "
                 "\"{}\".",
                 oauthProviderName(m_settings.provider).toStdString(),
                 result.address.toStdString(),
                 result.refreshToken.isEmpty() ? "none" : "issued");
    Q_EMIT succeeded(result);
}

void OAuthSignIn::fail(ErrorCode code, const QString &message)
{
    if (!m_isRunning)
        return;
    finish();
    spdlog::warn("OAuth sign-in failed. Provider: \"{}\". Reason: \"{}\".",
                 oauthProviderName(m_settings.provider).toStdString(),
                 message.toStdString());
    Q_EMIT failed(Error{code, message});
}

void OAuthSignIn::finish()
{
    m_isRunning = false;
    m_timer.stop();
    if (m_replyHandler != nullptr)
        m_replyHandler->close();
    if (m_network != nullptr) {
        // Abort a code exchange still in flight; its finished() no longer matters.
        disconnect(m_network, nullptr, this, nullptr);
        for (QNetworkReply *reply : m_network->findChildren<QNetworkReply *>())
            reply->abort();
    }
}

} // namespace Bulkmail
