// The provider presets: server settings, published limits with their sources, recognising a
// campaign's provider from its host, and applying a preset without touching what it does not set.

#include "providers/providerpresets.h"

#include <QSet>
#include <QTest>

using namespace Bulkmail;

Q_DECLARE_METATYPE(Bulkmail::ProviderId)

class tst_ProviderPresets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serverSettings_data();
    void serverSettings();
    void office365Limits();
    void defaultSignIn_data();
    void defaultSignIn();
    void presetOAuthKeepsTheClientId();
    void googleLimits();
    void everyPublishedFigureHasASource();
    void unpublishedFiguresStayUnset_data();
    void unpublishedFiguresStayUnset();
    void presetForHost_data();
    void presetForHost();
    void applyPresetServerKeepsTheAccount();
    void applyPresetServerCustomChangesNothing();
    void applyPresetLimitsOnlyPublishedFigures();
    void presetsAreListedOnceWithCustomLast();
    void imapServers_data();
    void imapServers();
};

void tst_ProviderPresets::serverSettings_data()
{
    QTest::addColumn<ProviderId>("id");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<SecurityMode>("security");

    QTest::newRow("Office 365") << ProviderId::Office365 << QStringLiteral("smtp.office365.com")
                                << 587 << SecurityMode::StartTls;
    QTest::newRow("Outlook.com") << ProviderId::OutlookCom
                                 << QStringLiteral("smtp-mail.outlook.com") << 587
                                 << SecurityMode::StartTls;
    QTest::newRow("Gmail") << ProviderId::Gmail << QStringLiteral("smtp.gmail.com") << 465
                           << SecurityMode::ImplicitTls;
    QTest::newRow("Google Workspace")
        << ProviderId::GoogleWorkspace << QStringLiteral("smtp.gmail.com") << 465
        << SecurityMode::ImplicitTls;
    QTest::newRow("Tencent Exmail")
        << ProviderId::TencentExmail << QStringLiteral("smtp.exmail.qq.com") << 465
        << SecurityMode::ImplicitTls;
    QTest::newRow("QQ Mail") << ProviderId::QqMail << QStringLiteral("smtp.qq.com") << 465
                             << SecurityMode::ImplicitTls;
    QTest::newRow("NetEase 163") << ProviderId::NetEase163 << QStringLiteral("smtp.163.com") << 465
                                 << SecurityMode::ImplicitTls;
    QTest::newRow("Alibaba Mail") << ProviderId::AlibabaMail
                                  << QStringLiteral("smtp.qiye.aliyun.com") << 465
                                  << SecurityMode::ImplicitTls;
}

void tst_ProviderPresets::serverSettings()
{
    QFETCH(ProviderId, id);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(SecurityMode, security);

    const ProviderPreset &preset = providerPreset(id);
    QCOMPARE(preset.id, id);
    QCOMPARE(preset.host, host);
    QCOMPARE(int(preset.port), port);
    QCOMPARE(preset.security, security);
    QVERIFY(!preset.name.isEmpty());
}

void tst_ProviderPresets::office365Limits()
{
    const ProviderPreset &preset = providerPreset(ProviderId::Office365);
    QCOMPARE(preset.perMinute.value, std::optional<int>(30));
    QCOMPARE(preset.perDay.value, std::optional<int>(10'000));
    QCOMPARE(preset.maxConnections.value, std::optional<int>(3));
    QCOMPARE(preset.recipientsPerMessage.value, std::optional<int>(500));
    QVERIFY(!preset.perSecond.isPublished());
    QVERIFY(preset.perMinute.source.url.startsWith(QLatin1String("https://learn.microsoft.com/")));
    QVERIFY(preset.perMinute.source.title.contains(QLatin1String("SMTP Authenticated Submission")));
    QVERIFY(preset.hasPublishedLimits());
}

void tst_ProviderPresets::googleLimits()
{
    const ProviderPreset &gmail = providerPreset(ProviderId::Gmail);
    QCOMPARE(gmail.perDay.value, std::optional<int>(500));
    QCOMPARE(gmail.alternativePort, std::optional<quint16>(587));
    QCOMPARE(gmail.alternativeSecurity, SecurityMode::StartTls);
    QVERIFY(gmail.perDay.source.url.startsWith(QLatin1String("https://support.google.com/")));

    const ProviderPreset &workspace = providerPreset(ProviderId::GoogleWorkspace);
    QCOMPARE(workspace.perDay.value, std::optional<int>(2'000));
    QCOMPARE(workspace.perDay.source.url,
             QStringLiteral("https://support.google.com/a/answer/166852"));
    QVERIFY(!workspace.perMinute.isPublished());
    QVERIFY(!workspace.maxConnections.isPublished());
}

void tst_ProviderPresets::everyPublishedFigureHasASource()
{
    for (const ProviderPreset &preset : providerPresets()) {
        for (const PublishedLimit *limit : {&preset.perSecond,
                                            &preset.perMinute,
                                            &preset.perDay,
                                            &preset.maxConnections,
                                            &preset.recipientsPerMessage}) {
            if (!limit->isPublished())
                continue;
            QVERIFY2(limit->source.isKnown(), qPrintable(preset.name));
            QVERIFY2(!limit->source.title.isEmpty(), qPrintable(preset.name));
            QVERIFY2(limit->source.url.startsWith(QLatin1String("https://")),
                     qPrintable(preset.name));
            QVERIFY2(*limit->value > 0, qPrintable(preset.name));
        }
    }
}

void tst_ProviderPresets::unpublishedFiguresStayUnset_data()
{
    QTest::addColumn<ProviderId>("id");
    QTest::newRow("Tencent Exmail") << ProviderId::TencentExmail;
    QTest::newRow("QQ Mail") << ProviderId::QqMail;
    QTest::newRow("NetEase 163") << ProviderId::NetEase163;
    QTest::newRow("Alibaba Mail") << ProviderId::AlibabaMail;
    QTest::newRow("Custom") << ProviderId::Custom;
}

void tst_ProviderPresets::unpublishedFiguresStayUnset()
{
    // These providers publish no fixed figures: nothing may be invented for them.
    QFETCH(ProviderId, id);
    const ProviderPreset &preset = providerPreset(id);
    QVERIFY(!preset.perSecond.isPublished());
    QVERIFY(!preset.perMinute.isPublished());
    QVERIFY(!preset.perDay.isPublished());
    QVERIFY(!preset.maxConnections.isPublished());
    QVERIFY(!preset.hasPublishedLimits());

    DeliverySettings settings;
    settings.rateLimits.perMinute = 12;
    settings.rateLimits.perDay = 345;
    settings.maxConnections = 2;
    const DeliverySettings applied = applyPresetLimits(preset, settings);
    QCOMPARE(applied.rateLimits.perMinute, 12);
    QCOMPARE(applied.rateLimits.perDay, 345);
    QCOMPARE(applied.maxConnections, 2);
}

void tst_ProviderPresets::presetForHost_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<ProviderId>("expected");

    QTest::newRow("exact") << QStringLiteral("smtp.office365.com") << ProviderId::Office365;
    QTest::newRow("upper case") << QStringLiteral("SMTP.Office365.COM") << ProviderId::Office365;
    QTest::newRow("trailing dot") << QStringLiteral("smtp.163.com.") << ProviderId::NetEase163;
    QTest::newRow("spaces around") << QStringLiteral("  smtp.qq.com ") << ProviderId::QqMail;
    QTest::newRow("gmail host names the first of its two presets")
        << QStringLiteral("smtp.gmail.com") << ProviderId::Gmail;
    QTest::newRow("exmail is not qq")
        << QStringLiteral("smtp.exmail.qq.com") << ProviderId::TencentExmail;
    QTest::newRow("outlook") << QStringLiteral("smtp-mail.outlook.com") << ProviderId::OutlookCom;
    QTest::newRow("alibaba") << QStringLiteral("smtp.qiye.aliyun.com") << ProviderId::AlibabaMail;
    QTest::newRow("unknown host") << QStringLiteral("mail.example.org") << ProviderId::Custom;
    QTest::newRow("a suffix is not a match")
        << QStringLiteral("evil-smtp.office365.com.example") << ProviderId::Custom;
    QTest::newRow("empty") << QString() << ProviderId::Custom;
}

void tst_ProviderPresets::presetForHost()
{
    QFETCH(QString, host);
    QFETCH(ProviderId, expected);
    QCOMPARE(Bulkmail::presetForHost(host).id, expected);
}

void tst_ProviderPresets::applyPresetServerKeepsTheAccount()
{
    SmtpEndpoint endpoint;
    endpoint.host = QStringLiteral("old.example.org");
    endpoint.port = 25;
    endpoint.security = SecurityMode::None;
    endpoint.username = QStringLiteral("news@example.org");
    endpoint.trustCertificateFile = QStringLiteral("/tmp/some.pem");
    endpoint.heloName = QStringLiteral("client.example.org");

    const SmtpEndpoint applied = applyPresetServer(providerPreset(ProviderId::Office365), endpoint);
    QCOMPARE(applied.host, QStringLiteral("smtp.office365.com"));
    QCOMPARE(applied.port, quint16(587));
    QCOMPARE(applied.security, SecurityMode::StartTls);
    QCOMPARE(applied.username, endpoint.username);
    QCOMPARE(applied.trustCertificateFile, endpoint.trustCertificateFile);
    QCOMPARE(applied.heloName, endpoint.heloName);
}

void tst_ProviderPresets::applyPresetServerCustomChangesNothing()
{
    SmtpEndpoint endpoint;
    endpoint.host = QStringLiteral("relay.example.org");
    endpoint.port = 2525;
    endpoint.security = SecurityMode::None;
    const SmtpEndpoint applied = applyPresetServer(providerPreset(ProviderId::Custom), endpoint);
    QCOMPARE(applied.host, endpoint.host);
    QCOMPARE(applied.port, endpoint.port);
    QCOMPARE(applied.security, endpoint.security);
}

void tst_ProviderPresets::applyPresetLimitsOnlyPublishedFigures()
{
    DeliverySettings settings;
    settings.rateLimits.perSecond = 4;
    settings.rateLimits.perMinute = 0;
    settings.rateLimits.perDay = 0;
    settings.rateLimits.delayBetweenMessages = std::chrono::milliseconds(250);
    settings.maxConnections = 8;
    settings.maxMessagesPerConnection = 20;

    const DeliverySettings office = applyPresetLimits(providerPreset(ProviderId::Office365),
                                                      settings);
    QCOMPARE(office.rateLimits.perMinute, 30);
    QCOMPARE(office.rateLimits.perDay, 10'000);
    QCOMPARE(office.maxConnections, 3);
    QCOMPARE(office.rateLimits.perSecond, 4.0); // not published: kept
    QCOMPARE(office.rateLimits.delayBetweenMessages, std::chrono::milliseconds(250));
    QCOMPARE(office.maxMessagesPerConnection, 20);

    const DeliverySettings gmail = applyPresetLimits(providerPreset(ProviderId::Gmail), settings);
    QCOMPARE(gmail.rateLimits.perDay, 500);
    QCOMPARE(gmail.rateLimits.perMinute, 0);
    QCOMPARE(gmail.maxConnections, 8);
}

void tst_ProviderPresets::presetsAreListedOnceWithCustomLast()
{
    const QList<ProviderPreset> &presets = providerPresets();
    QCOMPARE(presets.size(), 9);
    QCOMPARE(presets.last().id, ProviderId::Custom);
    QVERIFY(presets.last().host.isEmpty());
    QSet<int> ids;
    for (const ProviderPreset &preset : presets)
        ids.insert(int(preset.id));
    QCOMPARE(ids.size(), presets.size());
}

void tst_ProviderPresets::defaultSignIn_data()
{
    QTest::addColumn<ProviderId>("id");
    QTest::addColumn<AuthMethod>("auth");
    QTest::addColumn<OAuthProvider>("provider");
    QTest::newRow("Office 365") << ProviderId::Office365 << AuthMethod::OAuth2
                                << OAuthProvider::Microsoft;
    QTest::newRow("Outlook.com") << ProviderId::OutlookCom << AuthMethod::OAuth2
                                 << OAuthProvider::Microsoft;
    QTest::newRow("Gmail") << ProviderId::Gmail << AuthMethod::OAuth2 << OAuthProvider::Google;
    QTest::newRow("Google Workspace")
        << ProviderId::GoogleWorkspace << AuthMethod::OAuth2 << OAuthProvider::Google;
    QTest::newRow("QQ Mail") << ProviderId::QqMail << AuthMethod::Password << OAuthProvider::Custom;
    QTest::newRow("other server") << ProviderId::Custom << AuthMethod::Password
                                  << OAuthProvider::Custom;
}

void tst_ProviderPresets::defaultSignIn()
{
    QFETCH(ProviderId, id);
    QFETCH(AuthMethod, auth);
    QFETCH(OAuthProvider, provider);
    const ProviderPreset &preset = providerPreset(id);
    QCOMPARE(preset.defaultAuth, auth);
    if (auth == AuthMethod::OAuth2) {
        QCOMPARE(preset.oauthProvider, provider);
        QVERIFY(preset.oauthNote != nullptr);
        QCOMPARE(applyPresetOAuth(preset, OAuthSettings{}).provider, provider);
    }
}

void tst_ProviderPresets::presetOAuthKeepsTheClientId()
{
    OAuthSettings microsoft;
    microsoft.tenant = QStringLiteral("contoso.com");
    microsoft.clientId = QStringLiteral("app-1");
    // Same provider: nothing changes (the tenant stays).
    QCOMPARE(applyPresetOAuth(providerPreset(ProviderId::OutlookCom), microsoft), microsoft);
    // Another provider: its profile, the organisation's client id kept.
    const OAuthSettings google = applyPresetOAuth(providerPreset(ProviderId::Gmail), microsoft);
    QCOMPARE(google.provider, OAuthProvider::Google);
    QCOMPARE(google.clientId, QStringLiteral("app-1"));
    QCOMPARE(google.tenant, QStringLiteral("common"));
    // A password preset leaves the OAuth2 settings alone.
    QCOMPARE(applyPresetOAuth(providerPreset(ProviderId::QqMail), microsoft), microsoft);
}

void tst_ProviderPresets::imapServers_data()
{
    QTest::addColumn<ProviderId>("id");
    QTest::addColumn<QString>("host");
    // From each provider's own IMAP settings page.
    QTest::newRow("Office 365") << ProviderId::Office365 << QStringLiteral("outlook.office365.com");
    QTest::newRow("Outlook.com") << ProviderId::OutlookCom
                                 << QStringLiteral("outlook.office365.com");
    QTest::newRow("Gmail") << ProviderId::Gmail << QStringLiteral("imap.gmail.com");
    QTest::newRow("Google Workspace")
        << ProviderId::GoogleWorkspace << QStringLiteral("imap.gmail.com");
    QTest::newRow("Tencent Exmail")
        << ProviderId::TencentExmail << QStringLiteral("imap.exmail.qq.com");
    QTest::newRow("QQ Mail") << ProviderId::QqMail << QStringLiteral("imap.qq.com");
    QTest::newRow("NetEase 163") << ProviderId::NetEase163 << QStringLiteral("imap.163.com");
    QTest::newRow("Alibaba Mail") << ProviderId::AlibabaMail
                                  << QStringLiteral("imap.qiye.aliyun.com");
}

void tst_ProviderPresets::imapServers()
{
    QFETCH(ProviderId, id);
    QFETCH(QString, host);
    ImapEndpoint mine;
    mine.host = QStringLiteral("old.example.test");
    mine.port = 143;
    mine.security = SecurityMode::StartTls;
    mine.trustCertificateFile = QStringLiteral("/etc/ssl/mine.pem");
    const ImapEndpoint applied = applyPresetImap(providerPreset(id), mine);
    QCOMPARE(applied.host, host);
    QCOMPARE(applied.port, quint16(993));
    QCOMPARE(applied.security, SecurityMode::ImplicitTls);
    QCOMPARE(applied.trustCertificateFile, mine.trustCertificateFile);
    // Custom changes nothing.
    const ImapEndpoint custom = applyPresetImap(providerPreset(ProviderId::Custom), mine);
    QCOMPARE(custom.host, mine.host);
    QCOMPARE(custom.port, mine.port);
}

QTEST_GUILESS_MAIN(tst_ProviderPresets)
#include "tst_providerpresets.moc"
