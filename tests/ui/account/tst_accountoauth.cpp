// The account page with OAuth2: the presets that sign in with Microsoft or Google, "Sign In..."
// against the local OAuth2 test server (tests/support/oauth_server.py; the test plays the browser
// through the "Copy Link" fallback), the refresh token in an in-memory keychain, "Sign Out", and
// "Test Connection" with an access token against aiosmtpd checking XOAUTH2.

#include "account/accountsettingswidget.h"

#include "oauth/tokenstore.h"
#include "oauthtestserver.h"
#include "realservers.h"
#include "secrets/memorypasswordstore.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;

namespace {

constexpr int WaitMs = 20'000;

template<typename T>
T *findByBuddyText(QWidget *root, const QString &labelText)
{
    for (QLabel *label : root->findChildren<QLabel *>()) {
        if (label->text() == labelText && label->buddy())
            return qobject_cast<T *>(label->buddy());
    }
    return nullptr;
}

QPushButton *findButton(QWidget *root, const QString &text)
{
    for (QPushButton *button : root->findChildren<QPushButton *>()) {
        if (button->text() == text)
            return button;
    }
    return nullptr;
}

void activate(QComboBox *combo, int index)
{
    combo->setCurrentIndex(index);
    Q_EMIT combo->activated(index);
}

} // namespace

class tst_AccountOAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void office365PresetSignsInWithMicrosoft();
    void passwordPresetGoesBackToPassword();
    void signInShowsAddressAndStoresTheRefreshToken();
    void signInWithoutClientIdAsksForIt();
    void testConnectionUsesAnAccessToken();
};

void tst_AccountOAuth::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_AccountOAuth::office365PresetSignsInWithMicrosoft()
{
    AccountSettingsWidget widget;
    MemoryPasswordStore keychain;
    widget.setPasswordStore(&keychain);
    SmtpEndpoint server;
    server.host = QStringLiteral("mail.example.org");
    widget.setSettings(server, DeliverySettings{});
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    auto *password = findByBuddyText<QLineEdit>(&widget, QStringLiteral("Pass&word:"));
    QVERIFY(password);
    QVERIFY(password->isVisible());

    QSignalSpy spy(&widget, &AccountSettingsWidget::settingsEdited);
    auto *preset = findByBuddyText<QComboBox>(&widget, QStringLiteral("&Provider:"));
    QVERIFY(preset);
    activate(preset, preset->findData(int(ProviderId::Office365)));

    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.last().at(0).value<SmtpEndpoint>().host, QStringLiteral("smtp.office365.com"));
    QCOMPARE(spy.last().at(2).toString(), QStringLiteral("server.preset"));
    QCOMPARE(spy.last().at(3).value<AuthMethod>(), AuthMethod::OAuth2);
    QCOMPARE(spy.last().at(4).value<OAuthSettings>().provider, OAuthProvider::Microsoft);
    QCOMPARE(spy.last().at(4).value<OAuthSettings>().tenant, QStringLiteral("common"));
    QCOMPARE(widget.authMethod(), AuthMethod::OAuth2);

    auto *method = findByBuddyText<QComboBox>(&widget, QStringLiteral("Sign &in with:"));
    QVERIFY(method);
    QCOMPARE(method->currentText(), QStringLiteral("Sign in with Microsoft"));
    QVERIFY(!password->isVisible()); // no password field for OAuth2
    auto *tenant = findByBuddyText<QLineEdit>(&widget, QStringLiteral("&Tenant:"));
    auto *clientId = findByBuddyText<QLineEdit>(&widget, QStringLiteral("C&lient ID:"));
    QVERIFY(tenant && clientId);
    QVERIFY(tenant->isVisible());
    QVERIFY(clientId->isVisible());
    QVERIFY(findButton(&widget, QStringLiteral("Si&gn In…"))->isVisible());

    // Typing the organisation's tenant and client id.
    tenant->setFocus();
    QTest::keyClicks(tenant, QStringLiteral("contoso.com"));
    QCOMPARE(spy.last().at(2).toString(), QStringLiteral("server.oauthTenant"));
    QCOMPARE(spy.last().at(4).value<OAuthSettings>().tenant, QStringLiteral("contoso.com"));
    QTest::keyClicks(clientId, QStringLiteral("app-1"));
    QCOMPARE(spy.last().at(4).value<OAuthSettings>().clientId, QStringLiteral("app-1"));

    // Google hides the tenant; showing the values again emits nothing.
    activate(method, method->findData(2));
    QCOMPARE(widget.oauthSettings().provider, OAuthProvider::Google);
    QCOMPARE(widget.oauthSettings().clientId, QStringLiteral("app-1"));
    QVERIFY(!tenant->isVisible());
    const qsizetype edits = spy.size();
    widget.setSettings(widget.server(),
                       widget.sending(),
                       widget.authMethod(),
                       widget.oauthSettings());
    QCOMPARE(spy.size(), edits);

    // Back to a password: the field returns.
    activate(method, method->findData(0));
    QCOMPARE(widget.authMethod(), AuthMethod::Password);
    QVERIFY(password->isVisible());
    QCOMPARE(spy.last().at(2).toString(), QStringLiteral("server.auth"));
}

void tst_AccountOAuth::passwordPresetGoesBackToPassword()
{
    AccountSettingsWidget widget;
    MemoryPasswordStore keychain;
    widget.setPasswordStore(&keychain);
    OAuthSettings oauth;
    oauth.provider = OAuthProvider::Google;
    SmtpEndpoint server;
    server.host = QStringLiteral("smtp.gmail.com");
    server.port = 465;
    server.security = SecurityMode::ImplicitTls;
    widget.setSettings(server, DeliverySettings{}, AuthMethod::OAuth2, oauth);
    QSignalSpy spy(&widget, &AccountSettingsWidget::settingsEdited);
    auto *preset = findByBuddyText<QComboBox>(&widget, QStringLiteral("&Provider:"));
    activate(preset, preset->findData(int(ProviderId::QqMail)));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.last().at(3).value<AuthMethod>(), AuthMethod::Password);
}

void tst_AccountOAuth::signInShowsAddressAndStoresTheRefreshToken()
{
    OAuthTestServer oauthServer;
    QVERIFY(oauthServer.start());
    AccountSettingsWidget widget;
    MemoryPasswordStore keychain;
    widget.setPasswordStore(&keychain);
    int browserOpens = 0;
    widget.setOpenBrowser([&browserOpens](const QUrl &) {
        ++browserOpens;
        return false; // no browser: the page offers the link
    });
    SmtpEndpoint server;
    server.host = QStringLiteral("127.0.0.1");
    widget.setSettings(server, DeliverySettings{}, AuthMethod::OAuth2, oauthServer.settings());
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QTRY_VERIFY(widget.signInStatus().startsWith(QLatin1String("Not signed in")));

    QSignalSpy edited(&widget, &AccountSettingsWidget::settingsEdited);
    QSignalSpy signedIn(&widget, &AccountSettingsWidget::signedIn);
    QPushButton *signInButton = findButton(&widget, QStringLiteral("Si&gn In…"));
    QVERIFY(signInButton);
    QTest::mouseClick(signInButton, Qt::LeftButton);
    QVERIFY(widget.isSigningIn());
    QCOMPARE(signInButton->text(), QStringLiteral("&Cancel Sign-In"));

    // The fallback: the link, for the user to open in a browser (here: the test).
    auto *link = widget.findChild<QLineEdit *>();
    for (QLineEdit *edit : widget.findChildren<QLineEdit *>()) {
        if (edit->accessibleName() == QLatin1String("Sign-in link"))
            link = edit;
    }
    QTRY_VERIFY(link->isVisible());
    QCOMPARE(browserOpens, 1);
    QVERIFY(findButton(&widget, QStringLiteral("&Copy Link"))->isVisible());
    QCOMPARE(QUrl(link->text()), widget.signInLink());
    const HttpResult visit = httpGet(widget.signInLink());
    QCOMPARE(visit.status, 200);

    QTRY_VERIFY_WITH_TIMEOUT(!signedIn.isEmpty(), WaitMs);
    const QString address = oauthServer.options().user;
    QCOMPARE(widget.signInStatus(), QStringLiteral("Signed in as %1.").arg(address));
    QVERIFY(widget.isSignedIn());
    QVERIFY(!link->isVisible());
    QCOMPARE(signInButton->text(), QStringLiteral("Si&gn In…"));
    // The signed-in address becomes the username, as an undoable edit.
    QCOMPARE(widget.server().username, address);
    QCOMPARE(edited.size(), 1);
    QCOMPARE(edited.first().at(2).toString(), QStringLiteral("server.signIn"));
    QCOMPARE(edited.first().at(0).value<SmtpEndpoint>().username, address);
    // The refresh token is in the keychain, and only there.
    const QString account = TokenStore::accountKey(OAuthProvider::Custom, address);
    QVERIFY(keychain.contains(account));
    const QString refreshToken = keychain.storedPassword(account);
    QCOMPARE(signedIn.first().first().value<OAuthSignInResult>().refreshToken, refreshToken);
    for (QLineEdit *edit : widget.findChildren<QLineEdit *>())
        QVERIFY(!edit->text().contains(refreshToken));
    QCOMPARE(oauthServer.stats().value(QLatin1String("codeGrants")).toInt(), 1);

    // Sign out forgets it.
    QPushButton *signOut = findButton(&widget, QStringLiteral("Sign &Out"));
    QVERIFY(signOut->isEnabled());
    QTest::mouseClick(signOut, Qt::LeftButton);
    QTRY_VERIFY(!keychain.contains(account));
    QTRY_VERIFY(widget.signInStatus().startsWith(QLatin1String("Signed out")));
    QVERIFY(!widget.isSignedIn());
    QVERIFY(!signOut->isEnabled());
}

void tst_AccountOAuth::signInWithoutClientIdAsksForIt()
{
    AccountSettingsWidget widget;
    MemoryPasswordStore keychain;
    widget.setPasswordStore(&keychain);
    widget.setOpenBrowser([](const QUrl &) { return false; });
    OAuthSettings oauth; // Microsoft, no client id
    widget.setSettings(SmtpEndpoint{}, DeliverySettings{}, AuthMethod::OAuth2, oauth);
    widget.signIn();
    QVERIFY(!widget.isSigningIn());
    QVERIFY(widget.signInStatus().startsWith(QLatin1String("Enter the client ID first")));
}

void tst_AccountOAuth::testConnectionUsesAnAccessToken()
{
    OAuthTestServer oauthServer;
    QVERIFY(oauthServer.start());
    AiosmtpdOptions options;
    options.oauthTokensFile = oauthServer.tokensPath();
    AiosmtpdServer smtp(options);
    QVERIFY(smtp.start());

    // Signed in earlier: the keychain holds the refresh token.
    const std::optional<OAuthSignInResult> signIn = signInAt(oauthServer);
    QVERIFY(signIn);
    MemoryPasswordStore keychain;
    const QString address = oauthServer.options().user;
    TokenStore tokens(&keychain);
    bool stored = false;
    tokens.writeRefreshToken(OAuthProvider::Custom,
                             address,
                             signIn->refreshToken,
                             [&stored](const PasswordStoreResult &result) {
                                 stored = result.isSuccess();
                             });
    QTRY_VERIFY(stored);

    AccountSettingsWidget widget;
    widget.setPasswordStore(&keychain);
    widget.setTokenStore(&tokens);
    SmtpEndpoint server;
    server.host = smtp.host();
    server.port = smtp.port();
    server.security = SecurityMode::None;
    server.username = address;
    widget.setSettings(server, DeliverySettings{}, AuthMethod::OAuth2, oauthServer.settings());
    QTRY_COMPARE(widget.signInStatus(), QStringLiteral("Signed in as %1.").arg(address));

    QPushButton *test = findButton(&widget, QStringLiteral("&Test Connection"));
    QVERIFY(test);
    QSignalSpy lines(&widget, &AccountSettingsWidget::settingsEdited);
    QTest::mouseClick(test, Qt::LeftButton);
    QLabel *result = nullptr;
    for (QLabel *label : widget.findChildren<QLabel *>()) {
        if (label->accessibleName() == QLatin1String("Connection test result"))
            result = label;
    }
    QVERIFY(result);
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QLatin1String("Signed in.")), WaitMs);
    QTRY_COMPARE(smtp.authEvents().size(), 1);
    QCOMPARE(smtp.authEvents().first().mechanism, QStringLiteral("XOAUTH2"));
    QVERIFY(smtp.authEvents().first().success);
    QCOMPARE(smtp.authEvents().first().user, address);
    QVERIFY(!result->text().contains(oauthServer.issuedAccessTokens().last()));
    QCOMPARE(lines.size(), 0);
}

QTEST_MAIN(tst_AccountOAuth)
#include "tst_accountoauth.moc"
