#pragma once

#include "oauth/oauthsettings.h"
#include "oauth/oauthsignin.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <optional>

class QProcess;
class QTemporaryDir;

namespace Bulkmail::Test {

struct OAuthServerOptions
{
    QString clientId = QStringLiteral("bulkmail-test");
    QString user = QStringLiteral("ada@example.org");
    int accessTokenLifetimeSeconds = 3600;
    bool rotateRefreshTokens = false;
    bool issueIdToken = true;
};

// tests/support/oauth_server.py, a local OAuth2 authorization server (authorize with PKCE, token,
// refresh, revoke), on 127.0.0.1 with a free port; the process ends with this object. Every
// access token it issues is appended to tokensPath() in the format aiosmtpd_server.py
// --oauth-tokens reads.
class OAuthTestServer final
{
public:
    explicit OAuthTestServer(OAuthServerOptions options = {});
    ~OAuthTestServer();
    Q_DISABLE_COPY_MOVE(OAuthTestServer)

    // Starts it and waits (at most 15 s) for "READY <port>"; false + qWarning on failure.
    [[nodiscard]] bool start();

    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString baseUrl() const; // "http://127.0.0.1:<port>"
    [[nodiscard]] QString tokensPath() const;
    [[nodiscard]] const OAuthServerOptions &options() const { return m_options; }

    // Settings for a custom provider at this server.
    [[nodiscard]] OAuthSettings settings() const;

    // The access tokens issued so far (read from the tokens file), oldest first.
    [[nodiscard]] QStringList issuedAccessTokens() const;
    // GET /stats: {"authorize", "codeGrants", "refreshGrants", "rejected", "revoked",
    // "introspections", "inactive", "unavailable"}.
    [[nodiscard]] QJsonObject stats() const;
    // POST /revoke (RFC 7009).
    [[nodiscard]] bool revoke(const QString &refreshToken) const;
    // Where a mail server asks whether an access token is active (RFC 7662; POST).
    [[nodiscard]] QString introspectionUrl() const;
    // POST /refuse-access-tokens: from now on every access token introspects as inactive.
    [[nodiscard]] bool refuseAccessTokens() const;
    // POST /unavailable-token-requests: the next `count` token requests are answered 503 (an
    // outage of the provider), then it answers again as before.
    [[nodiscard]] bool makeTokenRequestsUnavailable(int count) const;

private:
    OAuthServerOptions m_options;
    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

// An HTTP exchange as a browser would do it, run to completion in a local event loop.
struct HttpResult
{
    int status = 0; // 0: no HTTP answer
    QByteArray body;
    QUrl location; // Location of a redirect (when redirects are not followed)
    QUrl finalUrl;
    QString error;
};

enum class Redirects { Follow, DoNotFollow };

// GET `url`; with Follow, redirects are followed as a browser does (to the loopback handler).
[[nodiscard]] HttpResult httpGet(const QUrl &url, Redirects redirects = Redirects::Follow);
[[nodiscard]] HttpResult httpPostForm(const QUrl &url, const QByteArray &form);

// A complete sign-in at `server`, the test playing the browser. nullopt (+ qWarning) on failure.
[[nodiscard]] std::optional<OAuthSignInResult> signInAt(const OAuthTestServer &server,
                                                        const QString &expectedAddress = {});

// Whether any file under `directory` (recursively, hidden ones too) contains `needle`.
[[nodiscard]] QStringList filesContaining(const QString &directory, const QByteArray &needle);

} // namespace Bulkmail::Test
