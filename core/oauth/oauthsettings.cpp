#include "oauthsettings.h"

#include <QHostAddress>

#include <algorithm>

namespace Bulkmail {

namespace {

const QLatin1String MicrosoftAuthorize{
    "https://login.microsoftonline.com/%1/oauth2/v2.0/authorize"};
const QLatin1String MicrosoftToken{"https://login.microsoftonline.com/%1/oauth2/v2.0/token"};
// One token for sending (SMTP.Send) and for the mailbox (IMAP.AccessAsUser.All: the copy to Sent,
// the bounces): both are Exchange Online's permissions, so one access token carries both.
const QLatin1String MicrosoftScope{"https://outlook.office.com/SMTP.Send "
                                   "https://outlook.office.com/IMAP.AccessAsUser.All "
                                   "offline_access"};
const QLatin1String GoogleAuthorize{"https://accounts.google.com/o/oauth2/v2/auth"};
const QLatin1String GoogleToken{"https://oauth2.googleapis.com/token"};
const QLatin1String GoogleScope{"https://mail.google.com/"};
const QLatin1String IdentityScope{"openid email"};

bool isValidTenant(const QString &tenant)
{
    // A GUID, a domain name or one of the keywords: letters, digits, '.', '-' and '_'.
    return !tenant.isEmpty() && std::all_of(tenant.begin(), tenant.end(), [](QChar c) {
        return (c.unicode() < 128 && c.isLetterOrNumber()) || c == u'.' || c == u'-' || c == u'_';
    });
}

std::optional<OAuthSettingsProblem> findEndpointProblem(const OAuthSettings &settings)
{
    using Kind = OAuthSettingsProblem::Kind;
    if (settings.provider == OAuthProvider::Microsoft && !isValidTenant(settings.tenant))
        return OAuthSettingsProblem{Kind::TenantInvalid, settings.tenant};
    if (settings.provider == OAuthProvider::Custom) {
        if (settings.authorizationUrl.isEmpty())
            return OAuthSettingsProblem{Kind::AuthorizationUrlMissing, {}};
        if (settings.tokenUrl.isEmpty())
            return OAuthSettingsProblem{Kind::TokenUrlMissing, {}};
        if (settings.scope.trimmed().isEmpty())
            return OAuthSettingsProblem{Kind::ScopeMissing, {}};
    }
    if (!settings.authorizationUrl.isEmpty()
        && !isAcceptableOAuthEndpoint(QUrl(settings.authorizationUrl, QUrl::StrictMode)))
        return OAuthSettingsProblem{Kind::AuthorizationUrlNotHttps, settings.authorizationUrl};
    if (!settings.tokenUrl.isEmpty()
        && !isAcceptableOAuthEndpoint(QUrl(settings.tokenUrl, QUrl::StrictMode)))
        return OAuthSettingsProblem{Kind::TokenUrlNotHttps, settings.tokenUrl};
    return std::nullopt;
}

// The CLI's and the campaign file's words: the file's key first.
Result<void> describeProblem(const std::optional<OAuthSettingsProblem> &problem,
                             const OAuthSettings &settings)
{
    if (!problem)
        return {};
    using Kind = OAuthSettingsProblem::Kind;
    const auto notHttps = [&problem](QLatin1String field) {
        return QStringLiteral("server.%1: \"%2\" is not an https URL (http is accepted only for "
                              "127.0.0.1, ::1 or localhost)")
            .arg(field, problem->value);
    };
    QString message;
    switch (problem->kind) {
    case Kind::ClientIdMissing:
        message = QStringLiteral("server.oauthClientId: missing; enter the application (client) "
                                 "id your organisation registered with %1")
                      .arg(oauthProviderDisplayName(settings.provider));
        break;
    case Kind::TenantInvalid:
        message = QStringLiteral("server.oauthTenant: \"%1\" is not a tenant (common, "
                                 "organizations, consumers, a tenant id or a domain)")
                      .arg(problem->value);
        break;
    case Kind::AuthorizationUrlMissing:
        message = QStringLiteral("server.oauthAuthorizationUrl: missing (required for "
                                 "oauthProvider custom)");
        break;
    case Kind::TokenUrlMissing:
        message = QStringLiteral("server.oauthTokenUrl: missing (required for oauthProvider "
                                 "custom)");
        break;
    case Kind::ScopeMissing:
        message = QStringLiteral("server.oauthScope: missing (required for oauthProvider "
                                 "custom)");
        break;
    case Kind::AuthorizationUrlNotHttps:
        message = notHttps(QLatin1String("oauthAuthorizationUrl"));
        break;
    case Kind::TokenUrlNotHttps:
        message = notHttps(QLatin1String("oauthTokenUrl"));
        break;
    }
    return makeError(ErrorCode::InvalidValue, message);
}

} // namespace

QString authMethodName(AuthMethod method)
{
    return method == AuthMethod::OAuth2 ? QStringLiteral("oauth2") : QStringLiteral("password");
}

Result<AuthMethod> authMethodFromName(const QString &name)
{
    if (name == QLatin1String("password"))
        return AuthMethod::Password;
    if (name == QLatin1String("oauth2"))
        return AuthMethod::OAuth2;
    return makeError(ErrorCode::InvalidValue,
                     QStringLiteral("unknown value \"%1\" (expected password or oauth2)").arg(name));
}

QString oauthProviderName(OAuthProvider provider)
{
    switch (provider) {
    case OAuthProvider::Microsoft:
        return QStringLiteral("microsoft");
    case OAuthProvider::Google:
        return QStringLiteral("google");
    case OAuthProvider::Custom:
        break;
    }
    return QStringLiteral("custom");
}

Result<OAuthProvider> oauthProviderFromName(const QString &name)
{
    for (const OAuthProvider provider :
         {OAuthProvider::Microsoft, OAuthProvider::Google, OAuthProvider::Custom}) {
        if (name == oauthProviderName(provider))
            return provider;
    }
    return makeError(ErrorCode::InvalidValue,
                     QStringLiteral("unknown value \"%1\" (expected microsoft, google or custom)")
                         .arg(name));
}

QString oauthProviderDisplayName(OAuthProvider provider)
{
    switch (provider) {
    case OAuthProvider::Microsoft:
        return QStringLiteral("Microsoft 365");
    case OAuthProvider::Google:
        return QStringLiteral("Google");
    case OAuthProvider::Custom:
        break;
    }
    return QStringLiteral("the sign-in server");
}

OAuthEndpoints oauthEndpoints(const OAuthSettings &settings)
{
    OAuthEndpoints endpoints;
    switch (settings.provider) {
    case OAuthProvider::Microsoft: {
        const QString tenant = settings.tenant.isEmpty() ? QStringLiteral("common")
                                                         : settings.tenant;
        endpoints.authorizationUrl = QUrl(QString(MicrosoftAuthorize).arg(tenant));
        endpoints.tokenUrl = QUrl(QString(MicrosoftToken).arg(tenant));
        endpoints.scope = MicrosoftScope;
        endpoints.identityScope = IdentityScope;
        break;
    }
    case OAuthProvider::Google:
        endpoints.authorizationUrl = QUrl(GoogleAuthorize);
        endpoints.tokenUrl = QUrl(GoogleToken);
        endpoints.scope = GoogleScope;
        endpoints.identityScope = IdentityScope;
        endpoints.extraAuthorizationParameters = {{QStringLiteral("access_type"),
                                                   QStringLiteral("offline")},
                                                  {QStringLiteral("prompt"),
                                                   QStringLiteral("consent")}};
        break;
    case OAuthProvider::Custom:
        break;
    }
    if (!settings.authorizationUrl.isEmpty())
        endpoints.authorizationUrl = QUrl(settings.authorizationUrl);
    if (!settings.tokenUrl.isEmpty())
        endpoints.tokenUrl = QUrl(settings.tokenUrl);
    if (!settings.scope.isEmpty())
        endpoints.scope = settings.scope;
    return endpoints;
}

bool isAcceptableOAuthEndpoint(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty() || !url.fragment().isEmpty())
        return false;
    if (url.scheme() == QLatin1String("https"))
        return true;
    if (url.scheme() != QLatin1String("http"))
        return false;
    // RFC 8252 §8.3: plain http only where nothing leaves the machine.
    return url.host() == QLatin1String("localhost") || QHostAddress(url.host()).isLoopback();
}

std::optional<OAuthSettingsProblem> findOAuthSettingsProblem(const OAuthSettings &settings)
{
    if (settings.clientId.trimmed().isEmpty())
        return OAuthSettingsProblem{OAuthSettingsProblem::Kind::ClientIdMissing, {}};
    return findEndpointProblem(settings);
}

Result<void> checkOAuthSettings(const OAuthSettings &settings)
{
    return describeProblem(findOAuthSettingsProblem(settings), settings);
}

Result<void> checkOAuthEndpointSettings(const OAuthSettings &settings)
{
    return describeProblem(findEndpointProblem(settings), settings);
}

} // namespace Bulkmail
