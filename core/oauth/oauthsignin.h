#pragma once

#include "accesstokensource.h"
#include "common/result.h"
#include "oauthsettings.h"
#include "pkce.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QOAuth2AuthorizationCodeFlow;
class QOAuthHttpServerReplyHandler;

namespace Bulkmail {

// What a successful sign-in yields. The refresh token goes to the keychain (TokenStore) at once
// and nowhere else; the access token may seed an OAuth2TokenSource.
struct OAuthSignInResult
{
    QString address;      // the signed-in mailbox (id_token), else the expected address
    QString refreshToken; // empty if the server issued none (then every run needs a sign-in)
    AccessToken accessToken;
};

// One interactive sign-in: the authorization-code flow with PKCE (RFC 7636, S256) for a native
// app (RFC 8252). The system browser opens the provider's page; the answer comes back to a
// loopback redirect on 127.0.0.1 with a port the OS picks (RFC 8252 §7.3, §8.3); `state` is
// checked (RFC 6749 §10.12); the code is exchanged for tokens; the address is read from the
// id_token, else the expected address is kept.
//
// Qt Network Authorization 6.4 does the authorization URL, `state`, the loopback listener and the
// code exchange request (QOAuth2AuthorizationCodeFlow, QOAuthHttpServerReplyHandler). Added here,
// because 6.4 lacks them: PKCE (code_challenge + S256 in the authorization request, code_verifier
// in the code exchange), login_hint and the provider's extra parameters; sending the code as
// received (6.4 encodes it twice, which breaks Google's "4/..." codes); listening on 127.0.0.1
// only (the default listens on every interface); reading the token endpoint's reply ourselves
// (6.4 only logs a warning when the exchange fails, e.g. invalid_grant, and never sets the expiry
// on a first grant); failing at once on a `state` mismatch or an error from the browser (6.4 only
// logs); a timeout and cancel().
//
// Reports exactly once, through succeeded() or failed(), never from inside start().
class OAuthSignIn final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuthSignIn)

public:
    // Opens `url` in the user's browser; false when it could not (the caller then shows the URL).
    using OpenBrowser = std::function<bool(const QUrl &url)>;

    static constexpr std::chrono::minutes DefaultTimeout{5};
    static constexpr std::chrono::seconds DefaultRequestTimeout{30};

    // `expectedAddress`: the account's mailbox if known (sent as login_hint, and the result's
    // address when the provider names none). Settings must pass checkOAuthSettings().
    OAuthSignIn(OAuthSettings settings, QString expectedAddress, QObject *parent = nullptr);
    ~OAuthSignIn() override;

    void setOpenBrowser(OpenBrowser openBrowser) { m_openBrowser = std::move(openBrowser); }
    // How long the user has to approve in the browser, and how long the code exchange may take.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    void setRequestTimeout(std::chrono::milliseconds timeout) { m_requestTimeout = timeout; }

    // Starts listening and asks the browser to open. Call once.
    void start();
    // Stops waiting; reports failed() with ErrorCode::Cancelled unless already finished.
    void cancel();

    [[nodiscard]] bool isRunning() const { return m_isRunning; }
    // The page the browser opens (valid after authorizationUrlReady()).
    [[nodiscard]] QUrl authorizationUrl() const { return m_authorizationUrl; }
    // The loopback redirect URI ("http://127.0.0.1:<port>/"), valid after start().
    [[nodiscard]] QString redirectUri() const;

Q_SIGNALS:
    // Emitted once the browser should open, whether or not it could (`browserOpened`): a GUI
    // offers "copy the link", the command line prints it, a test plays the browser.
    void authorizationUrlReady(const QUrl &url, bool browserOpened);
    void succeeded(const Bulkmail::OAuthSignInResult &result);
    void failed(const Bulkmail::Error &error);

private:
    void onAuthorizeWithBrowser(const QUrl &url);
    void onCallback(const QVariantMap &values);
    void onNetworkReplyFinished(QNetworkReply *reply);
    void fail(ErrorCode code, const QString &message);
    void finish();

    OAuthSettings m_settings;
    OAuthEndpoints m_endpoints;
    QString m_expectedAddress;
    Pkce m_pkce;
    OpenBrowser m_openBrowser;
    std::chrono::milliseconds m_timeout = DefaultTimeout;
    std::chrono::milliseconds m_requestTimeout = DefaultRequestTimeout;
    QNetworkAccessManager *m_network = nullptr;
    QOAuthHttpServerReplyHandler *m_replyHandler = nullptr;
    QOAuth2AuthorizationCodeFlow *m_flow = nullptr;
    QTimer m_timer;
    QUrl m_authorizationUrl;
    QString m_code; // the authorization code, decoded
    bool m_isRunning = false;
    bool m_hasStarted = false;
    bool m_isExchangingCode = false;
};

} // namespace Bulkmail

Q_DECLARE_METATYPE(Bulkmail::OAuthSignInResult)
