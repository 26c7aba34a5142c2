// OAuthSignIn (authorization code + PKCE with a loopback redirect) against the local OAuth2 server
// tests/support/oauth_server.py, the test playing the browser; the provider profiles and settings
// checks; PKCE and id_token helpers.

#include "oauth/oauthsettings.h"
#include "oauth/oauthsignin.h"
#include "oauth/pkce.h"
#include "oauth/tokenreply.h"
#include "oauth/tokenstore.h"
#include "oauthtestserver.h"
#include "secrets/memorypasswordstore.h"

#include <QHostAddress>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

#include <optional>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(Bulkmail::ErrorCode)
Q_DECLARE_METATYPE(Bulkmail::OAuthProvider)

namespace {

constexpr int WaitMs = 15'000;

QString queryItem(const QUrl &url, const QString &name)
{
    return QUrlQuery(url).queryItemValue(name, QUrl::FullyDecoded);
}

QString base64UrlJson(const QByteArray &json)
{
    return QString::fromLatin1(
        json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// A started sign-in whose browser step the test performs itself.
struct PendingSignIn
{
    explicit PendingSignIn(const OAuthSettings &settings, const QString &expected = {})
        : signIn(settings, expected)
    {
        signIn.setOpenBrowser([this](const QUrl &url) {
            openedUrls.append(url);
            return false;
        });
    }

    [[nodiscard]] bool start()
    {
        signIn.start();
        return ready.wait(WaitMs);
    }

    [[nodiscard]] bool waitForOutcome()
    {
        return QTest::qWaitFor([this] { return !succeeded.isEmpty() || !failed.isEmpty(); }, WaitMs);
    }

    [[nodiscard]] Error error() const { return failed.value(0).value(0).value<Error>(); }
    [[nodiscard]] OAuthSignInResult result() const
    {
        return succeeded.value(0).value(0).value<OAuthSignInResult>();
    }

    OAuthSignIn signIn;
    QList<QUrl> openedUrls;
    QSignalSpy ready{&signIn, &OAuthSignIn::authorizationUrlReady};
    QSignalSpy succeeded{&signIn, &OAuthSignIn::succeeded};
    QSignalSpy failed{&signIn, &OAuthSignIn::failed};
};

} // namespace

class tst_OAuthSignIn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void pkceTestVector();
    void pkceIsRandomAndWellFormed();
    void providerProfiles_data();
    void providerProfiles();
    void settingsChecks_data();
    void settingsChecks();
    void addressFromIdToken_data();
    void addressFromIdToken();
    void tokenStoreKeys();

    void firstSignIn();
    void firstSignInStoresTheRefreshToken();
    void withoutIdTokenKeepsTheExpectedAddress();
    void injectedCodeFailsThePkceCheck();
    void serverRejectsAWrongCodeVerifier();
    void stateMismatchFails();
    void refusedInTheBrowser();
    void timesOut();
    void cancelStopsListening();
    void invalidSettingsFailWithoutListening();

private:
    std::optional<OAuthTestServer> m_server;
};

void tst_OAuthSignIn::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_server.emplace();
    QVERIFY(m_server->start());
}

void tst_OAuthSignIn::pkceTestVector()
{
    // RFC 7636 Appendix B.
    QCOMPARE(Pkce::challengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
             QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
}

void tst_OAuthSignIn::pkceIsRandomAndWellFormed()
{
    const Pkce first = Pkce::generate();
    const Pkce second = Pkce::generate();
    QCOMPARE(first.verifier.size(), 43);
    QVERIFY(first.verifier != second.verifier);
    QCOMPARE(first.challenge, Pkce::challengeFor(first.verifier));
    // RFC 7636 §4.1: unreserved characters only.
    for (const char c : first.verifier)
        QVERIFY2(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_',
                 first.verifier.constData());
}

void tst_OAuthSignIn::providerProfiles_data()
{
    QTest::addColumn<OAuthSettings>("settings");
    QTest::addColumn<QString>("authorizationUrl");
    QTest::addColumn<QString>("tokenUrl");
    QTest::addColumn<QString>("scope");

    OAuthSettings microsoft;
    microsoft.clientId = QStringLiteral("id");
    QTest::newRow("Microsoft 365, common tenant")
        << microsoft
        << QStringLiteral("https://login.microsoftonline.com/common/oauth2/v2.0/authorize")
        << QStringLiteral("https://login.microsoftonline.com/common/oauth2/v2.0/token")
        << QStringLiteral("https://outlook.office.com/SMTP.Send "
                          "https://outlook.office.com/IMAP.AccessAsUser.All offline_access");
    OAuthSettings tenant = microsoft;
    tenant.tenant = QStringLiteral("contoso.onmicrosoft.com");
    QTest::newRow("Microsoft 365, named tenant")
        << tenant
        << QStringLiteral(
               "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize")
        << QStringLiteral(
               "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token")
        << QStringLiteral("https://outlook.office.com/SMTP.Send "
                          "https://outlook.office.com/IMAP.AccessAsUser.All offline_access");
    OAuthSettings google;
    google.provider = OAuthProvider::Google;
    QTest::newRow("Google") << google
                            << QStringLiteral("https://accounts.google.com/o/oauth2/v2/auth")
                            << QStringLiteral("https://oauth2.googleapis.com/token")
                            << QStringLiteral("https://mail.google.com/");
    OAuthSettings overridden = google;
    overridden.tokenUrl = QStringLiteral("https://proxy.example.org/token");
    overridden.scope = QStringLiteral("https://mail.google.com/ extra");
    QTest::newRow("Google with overrides")
        << overridden << QStringLiteral("https://accounts.google.com/o/oauth2/v2/auth")
        << QStringLiteral("https://proxy.example.org/token")
        << QStringLiteral("https://mail.google.com/ extra");
}

void tst_OAuthSignIn::providerProfiles()
{
    QFETCH(OAuthSettings, settings);
    const OAuthEndpoints endpoints = oauthEndpoints(settings);
    QTEST(endpoints.authorizationUrl.toString(), "authorizationUrl");
    QTEST(endpoints.tokenUrl.toString(), "tokenUrl");
    QTEST(endpoints.scope, "scope");
    QCOMPARE(endpoints.identityScope, QStringLiteral("openid email"));
}

void tst_OAuthSignIn::settingsChecks_data()
{
    QTest::addColumn<OAuthSettings>("settings");
    QTest::addColumn<QString>("problem"); // empty: accepted
    QTest::addColumn<int>("kind");        // OAuthSettingsProblem::Kind, for the window's words
    using Kind = OAuthSettingsProblem::Kind;

    OAuthSettings microsoft;
    microsoft.clientId = QStringLiteral("00000000-1111-2222-3333-444444444444");
    QTest::newRow("Microsoft with a client id") << microsoft << QString() << -1;
    OAuthSettings noClient = microsoft;
    noClient.clientId.clear();
    QTest::newRow("no client id") << noClient << QStringLiteral("server.oauthClientId: missing")
                                  << int(Kind::ClientIdMissing);
    OAuthSettings badTenant = microsoft;
    badTenant.tenant = QStringLiteral("common/../evil");
    QTest::newRow("tenant with a slash")
        << badTenant << QStringLiteral("server.oauthTenant") << int(Kind::TenantInvalid);
    OAuthSettings custom = microsoft;
    custom.provider = OAuthProvider::Custom;
    QTest::newRow("custom without URLs")
        << custom << QStringLiteral("server.oauthAuthorizationUrl: missing")
        << int(Kind::AuthorizationUrlMissing);
    custom.authorizationUrl = QStringLiteral("https://id.example.org/authorize");
    custom.tokenUrl = QStringLiteral("http://id.example.org/token");
    custom.scope = QStringLiteral("smtp");
    QTest::newRow("plain http to another host")
        << custom << QStringLiteral("server.oauthTokenUrl: \"http://id.example.org/token\"")
        << int(Kind::TokenUrlNotHttps);
    custom.tokenUrl = QStringLiteral("http://127.0.0.1:8080/token");
    QTest::newRow("plain http to the loopback address") << custom << QString() << -1;
    custom.authorizationUrl = QStringLiteral("ftp://id.example.org/authorize");
    QTest::newRow("not http") << custom << QStringLiteral("server.oauthAuthorizationUrl")
                              << int(Kind::AuthorizationUrlNotHttps);
}

void tst_OAuthSignIn::settingsChecks()
{
    QFETCH(OAuthSettings, settings);
    QFETCH(QString, problem);
    QFETCH(int, kind);
    const Result<void> checked = checkOAuthSettings(settings);
    // The same finding as a kind, which the window words without the file's key.
    const std::optional<OAuthSettingsProblem> found = findOAuthSettingsProblem(settings);
    QCOMPARE(found ? int(found->kind) : -1, kind);
    if (problem.isEmpty()) {
        QVERIFY2(checked.has_value(), qPrintable(checked ? QString() : checked.error().message));
    } else {
        QVERIFY(!checked);
        QVERIFY2(checked.error().message.startsWith(problem), qPrintable(checked.error().message));
    }
}

void tst_OAuthSignIn::addressFromIdToken_data()
{
    QTest::addColumn<QString>("idToken");
    QTest::addColumn<QString>("address");
    const QString header = base64UrlJson(R"({"alg":"none"})");
    QTest::newRow("email claim")
        << header + u'.'
               + base64UrlJson(R"({"email":"ada@example.org","preferred_username":"x@y.z"})") + u'.'
        << QStringLiteral("ada@example.org");
    QTest::newRow("Microsoft: preferred_username only")
        << header + u'.' + base64UrlJson(R"({"preferred_username":"bob@contoso.com"})") + u'.'
        << QStringLiteral("bob@contoso.com");
    QTest::newRow("a name that is no address")
        << header + u'.' + base64UrlJson(R"({"preferred_username":"Bob"})") + u'.' << QString();
    QTest::newRow("not a JWT") << QStringLiteral("opaque") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void tst_OAuthSignIn::addressFromIdToken()
{
    QFETCH(QString, idToken);
    QTEST(Bulkmail::addressFromIdToken(idToken), "address");
}

void tst_OAuthSignIn::tokenStoreKeys()
{
    QCOMPARE(TokenStore::accountKey(OAuthProvider::Microsoft, QStringLiteral(" Ada@Example.ORG ")),
             QStringLiteral("oauth:microsoft:ada@example.org"));
    QCOMPARE(TokenStore::accountKey(OAuthProvider::Google, QStringLiteral("a@gmail.com")),
             QStringLiteral("oauth:google:a@gmail.com"));
    QCOMPARE(TokenStore::accountKey(OAuthProvider::Custom, QStringLiteral("a@b.c")),
             QStringLiteral("oauth:custom:a@b.c"));
}

void tst_OAuthSignIn::firstSignIn()
{
    const int codeGrantsBefore = m_server->stats().value(QLatin1String("codeGrants")).toInt();
    PendingSignIn pending(m_server->settings(), QStringLiteral("ada@example.org"));
    QVERIFY(pending.start());
    QCOMPARE(pending.openedUrls.size(), 1);
    QCOMPARE(pending.ready.first().at(1).toBool(), false); // the browser "could not open"

    // The authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3, RFC 8252 §7.3).
    const QUrl url = pending.signIn.authorizationUrl();
    QCOMPARE(url, pending.openedUrls.first());
    QCOMPARE(url.toString(QUrl::RemoveQuery), m_server->baseUrl() + QStringLiteral("/authorize"));
    QCOMPARE(queryItem(url, QStringLiteral("response_type")), QStringLiteral("code"));
    QCOMPARE(queryItem(url, QStringLiteral("client_id")), QStringLiteral("bulkmail-test"));
    QCOMPARE(queryItem(url, QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QCOMPARE(queryItem(url, QStringLiteral("code_challenge")).size(), 43);
    QCOMPARE(queryItem(url, QStringLiteral("login_hint")), QStringLiteral("ada@example.org"));
    QCOMPARE(queryItem(url, QStringLiteral("scope")),
             QStringLiteral("https://mail.google.com/ offline_access"));
    QVERIFY(!queryItem(url, QStringLiteral("state")).isEmpty());
    const QUrl redirect(queryItem(url, QStringLiteral("redirect_uri")));
    QCOMPARE(redirect.scheme(), QStringLiteral("http"));
    QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(redirect.port() > 0);
    QCOMPARE(redirect.toString(), pending.signIn.redirectUri());

    // The browser: approve, follow the redirect to the loopback listener.
    const HttpResult visit = httpGet(url);
    QCOMPARE(visit.status, 200);
    QVERIFY2(visit.body.contains("sign-in is complete"), visit.body.constData());
    QCOMPARE(visit.finalUrl.port(), redirect.port());
    QVERIFY(pending.waitForOutcome());
    QVERIFY2(pending.failed.isEmpty(), qPrintable(pending.error().message));

    const OAuthSignInResult result = pending.result();
    QCOMPARE(result.address, QStringLiteral("ada@example.org"));
    QVERIFY(result.refreshToken.startsWith(QLatin1String("rt-")));
    QVERIFY(result.accessToken.token.startsWith(QLatin1String("at-")));
    QCOMPARE(result.accessToken.username, QStringLiteral("ada@example.org"));
    QCOMPARE(m_server->issuedAccessTokens().last(), result.accessToken.token);
    const qint64 lifetime = QDateTime::currentDateTimeUtc().secsTo(result.accessToken.expiresAt);
    QVERIFY2(lifetime > 3500 && lifetime <= 3600, qPrintable(QString::number(lifetime)));
    QCOMPARE(m_server->stats().value(QLatin1String("codeGrants")).toInt(), codeGrantsBefore + 1);

    // Done: the loopback listener is closed.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(redirect.port()));
    QVERIFY(!socket.waitForConnected(2000));
}

void tst_OAuthSignIn::firstSignInStoresTheRefreshToken()
{
    const std::optional<OAuthSignInResult> result = signInAt(*m_server);
    QVERIFY(result);
    MemoryPasswordStore keychain;
    TokenStore store(&keychain);
    bool written = false;
    store.writeRefreshToken(OAuthProvider::Custom,
                            result->address,
                            result->refreshToken,
                            [&](const PasswordStoreResult &r) { written = r.isSuccess(); });
    QTRY_VERIFY(written);
    QCOMPARE(keychain.storedPassword(QStringLiteral("oauth:custom:ada@example.org")),
             result->refreshToken);

    // Sign-out forgets it.
    bool removed = false;
    store.removeRefreshToken(OAuthProvider::Custom,
                             QStringLiteral("ADA@example.org"),
                             [&](const PasswordStoreResult &r) { removed = r.isSuccess(); });
    QTRY_VERIFY(removed);
    QVERIFY(!keychain.contains(QStringLiteral("oauth:custom:ada@example.org")));
}

void tst_OAuthSignIn::withoutIdTokenKeepsTheExpectedAddress()
{
    OAuthTestServer server(OAuthServerOptions{.issueIdToken = false});
    QVERIFY(server.start());
    const std::optional<OAuthSignInResult> result = signInAt(server,
                                                             QStringLiteral("kept@example.org"));
    QVERIFY(result);
    QCOMPARE(result->address, QStringLiteral("kept@example.org"));
    QCOMPARE(result->accessToken.username, QStringLiteral("kept@example.org"));
}

void tst_OAuthSignIn::injectedCodeFailsThePkceCheck()
{
    // An attacker's own authorization code (issued for the attacker's code_challenge) delivered
    // to our loopback listener with our state: the exchange with our code_verifier must fail
    // (the attack PKCE exists for, RFC 7636 §1).
    PendingSignIn pending(m_server->settings());
    QVERIFY(pending.start());
    const QUrl url = pending.signIn.authorizationUrl();
    QUrl attackerUrl = url;
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("code_challenge"));
    query.addQueryItem(QStringLiteral("code_challenge"),
                       QString::fromLatin1(Pkce::generate().challenge));
    attackerUrl.setQuery(query);
    const HttpResult attacker = httpGet(attackerUrl, Redirects::DoNotFollow);
    QCOMPARE(attacker.status, 302);
    QVERIFY(attacker.location.toString().startsWith(pending.signIn.redirectUri()));

    const int rejectedBefore = m_server->stats().value(QLatin1String("rejected")).toInt();
    (void) httpGet(attacker.location); // into our listener, with our state
    QVERIFY(pending.waitForOutcome());
    QVERIFY(pending.succeeded.isEmpty());
    QCOMPARE(pending.error().code, ErrorCode::Authentication);
    QVERIFY2(pending.error().message.contains(QLatin1String("invalid_grant")),
             qPrintable(pending.error().message));
    QVERIFY2(pending.error().message.contains(QLatin1String("code_verifier")),
             qPrintable(pending.error().message));
    QCOMPARE(m_server->stats().value(QLatin1String("rejected")).toInt(), rejectedBefore + 1);
}

void tst_OAuthSignIn::serverRejectsAWrongCodeVerifier()
{
    // The test server's own PKCE check, which the client tests rely on.
    const Pkce pkce = Pkce::generate();
    const QString redirect = QStringLiteral("http://127.0.0.1:9/");
    QUrl authorize(m_server->baseUrl() + QStringLiteral("/authorize"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("client_id"), QStringLiteral("bulkmail-test"));
    query.addQueryItem(QStringLiteral("redirect_uri"), redirect);
    query.addQueryItem(QStringLiteral("state"), QStringLiteral("s"));
    query.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(pkce.challenge));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    authorize.setQuery(query);

    const auto exchange = [&](const QByteArray &verifier) {
        const HttpResult approved = httpGet(authorize, Redirects::DoNotFollow);
        const QString code = QUrlQuery(approved.location)
                                 .queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
        return httpPostForm(
            QUrl(m_server->baseUrl() + QStringLiteral("/token")),
            formBody({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                      {QStringLiteral("code"), code},
                      {QStringLiteral("redirect_uri"), redirect},
                      {QStringLiteral("client_id"), QStringLiteral("bulkmail-test")},
                      {QStringLiteral("code_verifier"), QString::fromLatin1(verifier)}}));
    };
    const HttpResult wrong = exchange(Pkce::generate().verifier);
    QCOMPARE(wrong.status, 400);
    QVERIFY2(wrong.body.contains("\"invalid_grant\""), wrong.body.constData());
    const HttpResult right = exchange(pkce.verifier);
    QCOMPARE(right.status, 200);
    QVERIFY2(right.body.contains("\"access_token\""), right.body.constData());
}

void tst_OAuthSignIn::stateMismatchFails()
{
    PendingSignIn pending(m_server->settings());
    QVERIFY(pending.start());
    const int grantsBefore = m_server->stats().value(QLatin1String("codeGrants")).toInt();
    const HttpResult approved = httpGet(pending.signIn.authorizationUrl(), Redirects::DoNotFollow);
    QUrl forged = approved.location;
    QUrlQuery query(forged);
    query.removeAllQueryItems(QStringLiteral("state"));
    query.addQueryItem(QStringLiteral("state"), QStringLiteral("forged"));
    forged.setQuery(query);
    (void) httpGet(forged);
    QVERIFY(pending.waitForOutcome());
    QCOMPARE(pending.error().code, ErrorCode::Authentication);
    QVERIFY2(pending.error().message.contains(QLatin1String("state")),
             qPrintable(pending.error().message));
    QCOMPARE(m_server->stats().value(QLatin1String("codeGrants")).toInt(), grantsBefore);
    QCOMPARE(pending.failed.size(), 1);
    QVERIFY(!pending.signIn.isRunning());
}

void tst_OAuthSignIn::refusedInTheBrowser()
{
    PendingSignIn pending(m_server->settings());
    QVERIFY(pending.start());
    const QString state = queryItem(pending.signIn.authorizationUrl(), QStringLiteral("state"));
    (void) httpGet(
        QUrl(pending.signIn.redirectUri() + QStringLiteral("?error=access_denied&state=") + state));
    QVERIFY(pending.waitForOutcome());
    QCOMPARE(pending.error().code, ErrorCode::Authentication);
    QCOMPARE(pending.error().message, QStringLiteral("The sign-in was refused in the browser."));
}

void tst_OAuthSignIn::timesOut()
{
    PendingSignIn pending(m_server->settings());
    pending.signIn.setTimeout(200ms);
    QVERIFY(pending.start());
    QVERIFY(pending.waitForOutcome());
    QCOMPARE(pending.error().code, ErrorCode::Connection);
    QVERIFY2(pending.error().message.contains(QLatin1String("in time")),
             qPrintable(pending.error().message));
}

void tst_OAuthSignIn::cancelStopsListening()
{
    PendingSignIn pending(m_server->settings());
    QVERIFY(pending.start());
    const QUrl redirect(pending.signIn.redirectUri());
    pending.signIn.cancel();
    QCOMPARE(pending.failed.size(), 1);
    QCOMPARE(pending.error().code, ErrorCode::Cancelled);
    pending.signIn.cancel(); // reports once
    QCOMPARE(pending.failed.size(), 1);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(redirect.port()));
    QVERIFY(!socket.waitForConnected(2000));
    QVERIFY(pending.succeeded.isEmpty());
}

void tst_OAuthSignIn::invalidSettingsFailWithoutListening()
{
    OAuthSettings settings = m_server->settings();
    settings.clientId.clear();
    PendingSignIn pending(settings);
    pending.signIn.start();
    QVERIFY(pending.failed.isEmpty()); // never from inside start()
    QVERIFY(pending.waitForOutcome());
    QCOMPARE(pending.error().code, ErrorCode::InvalidValue);
    QVERIFY(pending.openedUrls.isEmpty());
    QVERIFY(pending.signIn.redirectUri().isEmpty());
}

QTEST_GUILESS_MAIN(tst_OAuthSignIn)
#include "tst_oauthsignin.moc"
