#pragma once

#include "delivery/deliverysettings.h"
#include "imap/imapendpoint.h"
#include "oauth/oauthsettings.h"
#include "smtp/smtpendpoint.h"

#include <QList>
#include <QString>

#include <optional>

namespace Bulkmail {

// The translation context of the notes below: they are written in English in core and marked
// with QT_TRANSLATE_NOOP, and the UI shows them through
// QCoreApplication::translate(ProviderPresetsContext, note).
inline constexpr char ProviderPresetsContext[] = "Bulkmail::ProviderPresets";

// Where a statement about a provider comes from: the title and address of the provider's own
// documentation page.
struct DocumentationSource
{
    QString title;
    QString url;
    [[nodiscard]] bool isKnown() const { return !url.isEmpty(); }
};

// One sending limit as the provider documents it. A provider that does not publish a figure gets
// no value (never an invented one), and the UI says "not published".
struct PublishedLimit
{
    std::optional<int> value;
    DocumentationSource source{};
    const char *note = nullptr; // QT_TRANSLATE_NOOP text in ProviderPresetsContext, or null
    [[nodiscard]] bool isPublished() const { return value.has_value(); }
};

enum class ProviderId {
    Office365,
    OutlookCom,
    Gmail,           // a personal @gmail.com account
    GoogleWorkspace, // Gmail for a company domain, same server, higher limits
    TencentExmail,
    QqMail,
    NetEase163,
    AlibabaMail,
    Custom, // any other server: nothing is filled in
};

struct ProviderPreset
{
    ProviderId id = ProviderId::Custom;
    QString name; // a product name, not translated
    QString host; // empty for Custom
    quint16 port = 587;
    SecurityMode security = SecurityMode::StartTls;
    // The other documented way in (Gmail: 587 with STARTTLS besides 465 with TLS).
    std::optional<quint16> alternativePort{};
    SecurityMode alternativeSecurity = SecurityMode::StartTls;
    DocumentationSource serverSource{};
    // The account's mailbox (copies in Sent, bounces): IMAP with TLS from the first byte, as
    // every listed provider documents it. Empty for Custom.
    QString imapHost{};
    quint16 imapPort = 993;
    SecurityMode imapSecurity = SecurityMode::ImplicitTls;
    // What to type as the password (an app password, an authorization code...), and anything
    // the account must enable first. QT_TRANSLATE_NOOP text in ProviderPresetsContext, or null.
    const char *signInNote = nullptr;
    // How the account signs in by default: Office 365, Outlook.com and Gmail with OAuth2 (their
    // provider's sign-in page), since Microsoft is turning off passwords for SMTP and Google
    // accepts them only as app passwords. The user may still choose a password.
    AuthMethod defaultAuth = AuthMethod::Password;
    // Whose sign-in page OAuth2 uses (Microsoft or Google); meaningless for a password preset.
    OAuthProvider oauthProvider = OAuthProvider::Custom;
    // Shown when the account signs in with OAuth2 instead of signInNote. QT_TRANSLATE_NOOP text
    // in ProviderPresetsContext, or null.
    const char *oauthNote = nullptr;

    // The documented limits. A mailbox's daily limit usually counts recipients; Bulkmail sends
    // one recipient per message, so the two are the same here.
    PublishedLimit perSecond{};
    PublishedLimit perMinute{};
    PublishedLimit perDay{};
    PublishedLimit maxConnections{};       // connections open at once
    PublishedLimit recipientsPerMessage{}; // for information: Bulkmail sends one per message

    [[nodiscard]] bool hasPublishedLimits() const;
};

// Every preset, Custom last, in the order the UI lists them.
[[nodiscard]] const QList<ProviderPreset> &providerPresets();
[[nodiscard]] const ProviderPreset &providerPreset(ProviderId id);

// The preset whose server this is (host compared without case, a trailing dot ignored), so that
// an existing campaign shows its provider; Custom when no preset uses that host. When two presets
// share a host (Gmail and Google Workspace), the first is returned.
[[nodiscard]] const ProviderPreset &presetForHost(const QString &host);

// The endpoint with the preset's host, port and security; username, trust file and the rest are
// kept. Custom leaves the endpoint as it is.
[[nodiscard]] SmtpEndpoint applyPresetServer(const ProviderPreset &preset, SmtpEndpoint endpoint);

// The IMAP endpoint with the preset's host, port and security; the trust file is kept. Custom
// leaves it as it is.
[[nodiscard]] ImapEndpoint applyPresetImap(const ProviderPreset &preset, ImapEndpoint endpoint);

// The OAuth2 settings for signing in to the preset's provider: `current` with the provider set
// (and, when the provider changes, the tenant back to "common" and the custom URLs and scope
// cleared); the client id is kept, since it is the organisation's own. A preset that signs in with
// a password returns `current` unchanged.
[[nodiscard]] OAuthSettings applyPresetOAuth(const ProviderPreset &preset, OAuthSettings current);

// The settings with the preset's published figures (per second, per minute, per day, connections
// at once); every figure the provider does not publish keeps its current value.
[[nodiscard]] DeliverySettings applyPresetLimits(const ProviderPreset &preset,
                                                 DeliverySettings settings);

} // namespace Bulkmail
