#pragma once

#include "common/result.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <optional>

namespace Bulkmail {

// How an account proves who it is to the SMTP server.
enum class AuthMethod {
    Password, // AUTH PLAIN/LOGIN with a password from the keychain or the environment
    OAuth2,   // SASL XOAUTH2/OAUTHBEARER with an access token from a signed-in account
};

enum class OAuthProvider { Microsoft, Google, Custom };

// Where an account signs in. Microsoft and Google have built-in endpoints (the profiles below);
// the client id is always the organisation's own, since each may register its own app. The URLs
// and the scope override the profile when set, and are required for Custom. Never holds a token.
struct OAuthSettings
{
    OAuthProvider provider = OAuthProvider::Microsoft;
    QString tenant = QStringLiteral("common"); // Microsoft only: "common", "organizations", a
                                               // tenant id or a domain
    QString clientId{};
    QString authorizationUrl{}; // empty: the profile's
    QString tokenUrl{};         // empty: the profile's
    QString scope{};            // empty: the profile's

    friend bool operator==(const OAuthSettings &, const OAuthSettings &) = default;
};

// The endpoints and scope a sign-in and a refresh use, after applying the provider profile.
struct OAuthEndpoints
{
    QUrl authorizationUrl;
    QUrl tokenUrl;
    QString scope;           // what the token must allow (SMTP), space-separated
    QString identityScope{}; // OpenID Connect scopes asked for at sign-in to learn the address
    // More query parameters for the authorization request (Google: access_type=offline and
    // prompt=consent, without which it issues no refresh token).
    QList<QPair<QString, QString>> extraAuthorizationParameters{};
};

// "password" / "oauth2"; "microsoft" / "google" / "custom": the campaign file's words.
[[nodiscard]] QString authMethodName(AuthMethod method);
[[nodiscard]] Result<AuthMethod> authMethodFromName(const QString &name);
[[nodiscard]] QString oauthProviderName(OAuthProvider provider);
[[nodiscard]] Result<OAuthProvider> oauthProviderFromName(const QString &name);
// "Microsoft 365", "Google", "your organisation's sign-in server": for messages.
[[nodiscard]] QString oauthProviderDisplayName(OAuthProvider provider);

// The provider profile with the settings' overrides applied:
// - Microsoft 365 (identity platform v2.0): https://login.microsoftonline.com/{tenant}/oauth2/v2.0/
//   authorize and .../token, scope "https://outlook.office.com/SMTP.Send
//   https://outlook.office.com/IMAP.AccessAsUser.All offline_access" (sending and the mailbox);
// - Google: https://accounts.google.com/o/oauth2/v2/auth, https://oauth2.googleapis.com/token,
//   scope "https://mail.google.com/", which covers SMTP and IMAP alike (Google hands out refresh
//   tokens for access_type=offline);
// - Custom: the settings' URLs and scope.
// Microsoft and Google also get identityScope "openid email", so that the token reply carries an
// id_token naming the signed-in address (OpenID Connect Core §5.4).
[[nodiscard]] OAuthEndpoints oauthEndpoints(const OAuthSettings &settings);

// A sign-in setting that cannot be used, for whoever words it: the window names the field as
// its label reads; checkOAuthSettings() says the campaign file's key, for the CLI.
struct OAuthSettingsProblem
{
    enum class Kind {
        ClientIdMissing,
        TenantInvalid, // value: the tenant
        AuthorizationUrlMissing,
        TokenUrlMissing,
        ScopeMissing,
        AuthorizationUrlNotHttps, // value: the URL
        TokenUrlNotHttps,         // value: the URL
    };
    Kind kind = Kind::ClientIdMissing;
    QString value;
};
// The first problem of the settings, as checkOAuthSettings() finds it; nullopt when none.
[[nodiscard]] std::optional<OAuthSettingsProblem> findOAuthSettingsProblem(
    const OAuthSettings &settings);

// What is wrong with the settings for signing in or refreshing, naming the campaign-file field
// ("server.oauthClientId: ..."): a missing client id, a custom provider without URLs, a URL that is
// neither https nor http on a loopback address (RFC 8252 §8.3 allows nothing else), a tenant with
// characters that do not belong in a URL path.
[[nodiscard]] Result<void> checkOAuthSettings(const OAuthSettings &settings);
// The same checks without requiring the client id: what a campaign file must satisfy (a campaign
// may be saved before its account is set up).
[[nodiscard]] Result<void> checkOAuthEndpointSettings(const OAuthSettings &settings);

// A URL an OAuth endpoint may have: https, or http to a loopback address (local test servers).
[[nodiscard]] bool isAcceptableOAuthEndpoint(const QUrl &url);

} // namespace Bulkmail
