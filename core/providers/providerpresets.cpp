#include "providerpresets.h"

#include <QtGlobal>

#include <algorithm>

namespace Bulkmail {

namespace {

// The pages every figure below comes from. A figure that none of them states stays unset.
DocumentationSource exchangeSmtpSubmission()
{
    return {QStringLiteral("Message storage and concurrent connection throttling for SMTP "
                           "Authenticated Submission (Microsoft Learn)"),
            QStringLiteral("https://learn.microsoft.com/en-us/exchange/troubleshoot/send-emails/"
                           "smtp-submission-improvements")};
}

DocumentationSource exchangeOnlineLimits()
{
    return {QStringLiteral("Exchange Online limits (Microsoft 365 service description)"),
            QStringLiteral("https://learn.microsoft.com/en-us/office365/servicedescriptions/"
                           "exchange-online-service-description/exchange-online-limits")};
}

DocumentationSource outlookComLimits()
{
    return {QStringLiteral("Sending limits in Outlook.com (Microsoft Support)"),
            QStringLiteral("https://support.microsoft.com/en-us/office/"
                           "sending-limits-in-outlook-com-279ee200-594c-40f0-9ec8-bb6af7735c2e")};
}

DocumentationSource workspaceLimits()
{
    return {QStringLiteral(
                "Gmail sending limits in Google Workspace (Google Workspace Admin Help)"),
            QStringLiteral("https://support.google.com/a/answer/166852")};
}

DocumentationSource gmailLimits()
{
    return {QStringLiteral("Limits for sending & getting mail (Gmail Help)"),
            QStringLiteral("https://support.google.com/mail/answer/22839")};
}

QList<ProviderPreset> makePresets()
{
    QList<ProviderPreset> presets;

    ProviderPreset office365;
    office365.id = ProviderId::Office365;
    office365.name = QStringLiteral("Office 365 (Microsoft 365)");
    office365.host = QStringLiteral("smtp.office365.com");
    office365.imapHost = QStringLiteral("outlook.office365.com");
    office365.port = 587;
    office365.security = SecurityMode::StartTls;
    office365.serverSource = {
        QStringLiteral("How to set up a multifunction device or application to send email "
                       "using Microsoft 365 or Office 365 (Microsoft Learn)"),
        QStringLiteral("https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/"
                       "how-to-set-up-a-multifunction-device-or-application-to-send-email-"
                       "using-microsoft-365-or-office-365")};
    office365.signInNote = QT_TRANSLATE_NOOP(
        "Bulkmail::ProviderPresets",
        "The username is the mailbox's full address. SMTP AUTH must be enabled for the mailbox "
        "(it is off by default in organisations created after January 2020), and it does not "
        "work while Microsoft's security defaults are on.");
    office365.defaultAuth = AuthMethod::OAuth2;
    office365.oauthProvider = OAuthProvider::Microsoft;
    office365.oauthNote = QT_TRANSLATE_NOOP(
        "Bulkmail::ProviderPresets",
        "Sign in with the mailbox's Microsoft 365 account. SMTP AUTH must still be enabled for "
        "the mailbox, and your organisation may need to register its own app (client id).");
    office365.perMinute = {30,
                           exchangeSmtpSubmission(),
                           QT_TRANSLATE_NOOP("Bulkmail::ProviderPresets",
                                             "Messages over the limit are delayed by the server.")};
    office365.perDay = {10'000,
                        exchangeSmtpSubmission(),
                        QT_TRANSLATE_NOOP("Bulkmail::ProviderPresets",
                                          "Recipients in any 24 hours (a rolling window).")};
    office365.maxConnections = {3,
                                exchangeSmtpSubmission(),
                                QT_TRANSLATE_NOOP("Bulkmail::ProviderPresets",
                                                  "More connections are refused with \"432 4.3.2 "
                                                  "Concurrent connections limit exceeded\".")};
    office365.recipientsPerMessage = {500, exchangeOnlineLimits()};
    presets.append(office365);

    ProviderPreset outlook;
    outlook.id = ProviderId::OutlookCom;
    outlook.name = QStringLiteral("Outlook.com");
    outlook.host = QStringLiteral("smtp-mail.outlook.com");
    outlook.imapHost = QStringLiteral("outlook.office365.com");
    outlook.port = 587;
    outlook.security = SecurityMode::StartTls;
    outlook.serverSource = {QStringLiteral(
                                "POP, IMAP, and SMTP settings for Outlook.com (Microsoft Support)"),
                            QStringLiteral(
                                "https://support.microsoft.com/en-us/office/"
                                "pop-imap-and-smtp-settings-8361e398-8af4-4e97-b147-6c6c4ac95353")};
    outlook.signInNote = QT_TRANSLATE_NOOP(
        "Bulkmail::ProviderPresets",
        "Microsoft lists OAuth2 (modern authentication) for Outlook.com and is retiring password "
        "sign-in: a password may be refused. Choose \"Sign in with Microsoft\" instead.");
    outlook.defaultAuth = AuthMethod::OAuth2;
    outlook.oauthProvider = OAuthProvider::Microsoft;
    outlook.oauthNote = QT_TRANSLATE_NOOP("Bulkmail::ProviderPresets",
                                          "Sign in with the Microsoft account of the mailbox, as "
                                          "Microsoft recommends for Outlook.com.");
    outlook.perDay = {5'000,
                      outlookComLimits(),
                      QT_TRANSLATE_NOOP("Bulkmail::ProviderPresets",
                                        "For Microsoft 365 subscribers. Microsoft says the limit "
                                        "is lower for other and for new accounts, without giving "
                                        "a figure.")};
    outlook.recipientsPerMessage = {500, outlookComLimits()};
    presets.append(outlook);

    const DocumentationSource gmailServer{
        QStringLiteral("IMAP, POP, and SMTP (Gmail, Google for Developers)"),
        QStringLiteral("https://developers.google.com/workspace/gmail/imap/imap-smtp")};

    ProviderPreset gmail;
    gmail.id = ProviderId::Gmail;
    gmail.name = QStringLiteral("Gmail");
    gmail.host = QStringLiteral("smtp.gmail.com");
    gmail.imapHost = QStringLiteral("imap.gmail.com");
    gmail.port = 465;
    gmail.security = SecurityMode::ImplicitTls;
    gmail.alternativePort = 587;
    gmail.alternativeSecurity = SecurityMode::StartTls;
    gmail.serverSource = gmailServer;
    gmail.signInNote = QT_TRANSLATE_NOOP("Bulkmail::ProviderPresets",
                                         "Use an app password (it needs 2-Step Verification on "
                                         "the Google account), not the account's own password.");
    gmail.defaultAuth = AuthMethod::OAuth2;
    gmail.oauthProvider = OAuthProvider::Google;
    gmail.oauthNote = QT_TRANSLATE_NOOP("Bulkmail::ProviderPresets",
                                        "Sign in with the Google account in the browser; no app "
                                        "password is needed.");
    gmail.perDay = {500,
                    gmailLimits(),
                    QT_TRANSLATE_NOOP("Bulkmail::ProviderPresets",
                                      "Personal Gmail accounts. Over the limit, sending is "
                                      "blocked for up to 24 hours.")};
    presets.append(gmail);

    ProviderPreset workspace = gmail;
    workspace.id = ProviderId::GoogleWorkspace;
    workspace.name = QStringLiteral("Google Workspace");
    workspace.perDay = {2'000,
                        workspaceLimits(),
                        QT_TRANSLATE_NOOP("Bulkmail::ProviderPresets",
                                          "500 for trial accounts. Counted over a rolling 24 "
                                          "hours; over the limit, sending is blocked for up to "
                                          "24 hours.")};
    workspace.recipientsPerMessage = {100,
                                      workspaceLimits(),
                                      QT_TRANSLATE_NOOP("Bulkmail::ProviderPresets",
                                                        "For messages sent through SMTP.")};
    presets.append(workspace);

    ProviderPreset exmail;
    exmail.id = ProviderId::TencentExmail;
    exmail.name = QStringLiteral("Tencent Exmail (腾讯企业邮箱)");
    exmail.host = QStringLiteral("smtp.exmail.qq.com");
    exmail.imapHost = QStringLiteral("imap.exmail.qq.com");
    exmail.port = 465;
    exmail.security = SecurityMode::ImplicitTls;
    exmail.perDay.note = QT_TRANSLATE_NOOP(
        "Bulkmail::ProviderPresets",
        "Tencent sets a daily quota per company domain, shared by all its mailboxes and adjusted "
        "to the mail's quality; it publishes no fixed figure.");
    presets.append(exmail);

    ProviderPreset qq;
    qq.id = ProviderId::QqMail;
    qq.name = QStringLiteral("QQ Mail (QQ邮箱)");
    qq.host = QStringLiteral("smtp.qq.com");
    qq.imapHost = QStringLiteral("imap.qq.com");
    qq.port = 465;
    qq.security = SecurityMode::ImplicitTls;
    qq.alternativePort = 587;
    qq.alternativeSecurity = SecurityMode::StartTls;
    qq.signInNote = QT_TRANSLATE_NOOP("Bulkmail::ProviderPresets",
                                      "Turn on the SMTP service in QQ Mail's settings and use the "
                                      "authorization code (授权码) it shows, not the QQ password.");
    presets.append(qq);

    ProviderPreset netease;
    netease.id = ProviderId::NetEase163;
    netease.name = QStringLiteral("NetEase 163 (网易163邮箱)");
    netease.host = QStringLiteral("smtp.163.com");
    netease.imapHost = QStringLiteral("imap.163.com");
    netease.port = 465;
    netease.security = SecurityMode::ImplicitTls;
    netease.signInNote = QT_TRANSLATE_NOOP("Bulkmail::ProviderPresets",
                                           "Turn on IMAP/SMTP in 163 Mail's settings and use the "
                                           "client authorization code (授权码), not the login "
                                           "password.");
    presets.append(netease);

    ProviderPreset alibaba;
    alibaba.id = ProviderId::AlibabaMail;
    alibaba.name = QStringLiteral("Alibaba Mail (阿里邮箱)");
    alibaba.host = QStringLiteral("smtp.qiye.aliyun.com");
    alibaba.imapHost = QStringLiteral("imap.qiye.aliyun.com");
    alibaba.port = 465;
    alibaba.security = SecurityMode::ImplicitTls;
    alibaba.serverSource = {QStringLiteral(
                                "阿里邮箱账号通过SMTP程序进行发信 (Alibaba Cloud Help Center)"),
                            QStringLiteral("https://help.aliyun.com/document_detail/36687.html")};
    alibaba.signInNote = QT_TRANSLATE_NOOP(
        "Bulkmail::ProviderPresets",
        "New company accounts may have third-party clients turned off: the mail administrator "
        "turns them on, and a separate client password may be required.");
    presets.append(alibaba);

    ProviderPreset custom;
    custom.id = ProviderId::Custom;
    custom.name = QStringLiteral("Custom");
    presets.append(custom);

    return presets;
}

QString normalizedHost(const QString &host)
{
    QString result = host.trimmed().toLower();
    if (result.endsWith(u'.'))
        result.chop(1);
    return result;
}

} // namespace

bool ProviderPreset::hasPublishedLimits() const
{
    return perSecond.isPublished() || perMinute.isPublished() || perDay.isPublished()
           || maxConnections.isPublished();
}

const QList<ProviderPreset> &providerPresets()
{
    static const QList<ProviderPreset> presets = makePresets();
    return presets;
}

const ProviderPreset &providerPreset(ProviderId id)
{
    const QList<ProviderPreset> &presets = providerPresets();
    const auto it = std::find_if(presets.cbegin(), presets.cend(), [id](const ProviderPreset &p) {
        return p.id == id;
    });
    Q_ASSERT(it != presets.cend());
    return *it;
}

const ProviderPreset &presetForHost(const QString &host)
{
    const QString wanted = normalizedHost(host);
    const QList<ProviderPreset> &presets = providerPresets();
    if (!wanted.isEmpty()) {
        for (const ProviderPreset &preset : presets) {
            if (preset.id != ProviderId::Custom && preset.host == wanted)
                return preset;
        }
    }
    return providerPreset(ProviderId::Custom);
}

OAuthSettings applyPresetOAuth(const ProviderPreset &preset, OAuthSettings current)
{
    if (preset.defaultAuth != AuthMethod::OAuth2 || current.provider == preset.oauthProvider)
        return current;
    OAuthSettings settings;
    settings.provider = preset.oauthProvider;
    settings.clientId = current.clientId;
    return settings;
}

SmtpEndpoint applyPresetServer(const ProviderPreset &preset, SmtpEndpoint endpoint)
{
    if (preset.id == ProviderId::Custom)
        return endpoint;
    endpoint.host = preset.host;
    endpoint.port = preset.port;
    endpoint.security = preset.security;
    return endpoint;
}

ImapEndpoint applyPresetImap(const ProviderPreset &preset, ImapEndpoint endpoint)
{
    if (preset.id == ProviderId::Custom || preset.imapHost.isEmpty())
        return endpoint;
    endpoint.host = preset.imapHost;
    endpoint.port = preset.imapPort;
    endpoint.security = preset.imapSecurity;
    return endpoint;
}

DeliverySettings applyPresetLimits(const ProviderPreset &preset, DeliverySettings settings)
{
    if (preset.perSecond.isPublished())
        settings.rateLimits.perSecond = *preset.perSecond.value;
    if (preset.perMinute.isPublished())
        settings.rateLimits.perMinute = *preset.perMinute.value;
    if (preset.perDay.isPublished())
        settings.rateLimits.perDay = *preset.perDay.value;
    if (preset.maxConnections.isPublished())
        settings.maxConnections = *preset.maxConnections.value;
    return settings;
}

} // namespace Bulkmail
