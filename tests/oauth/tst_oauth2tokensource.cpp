// OAuth2TokenSource (refresh, expiry, rotation, revocation) against the local OAuth2 server, with
// a ManualClock for expiry; StaticAccessTokenSource; createOAuth2TokenSource from a keychain.

#include "common/clock.h"
#include "oauth/oauth2tokensource.h"
#include "oauth/staticaccesstokensource.h"
#include "oauth/tokenstore.h"
#include "oauthtestserver.h"
#include "secrets/memorypasswordstore.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

#include <optional>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;

namespace {

constexpr int WaitMs = 15'000;

// Records the answers of one source.
struct Answers
{
    explicit Answers(AccessTokenSource &source)
        : ready(&source, &AccessTokenSource::tokenReady)
        , failed(&source, &AccessTokenSource::tokenFailed)
    {}

    [[nodiscard]] int count() const { return int(ready.size() + failed.size()); }
    [[nodiscard]] bool waitFor(int total)
    {
        return QTest::qWaitFor([&] { return count() >= total; }, WaitMs);
    }
    [[nodiscard]] AccessToken lastToken() const
    {
        return ready.isEmpty() ? AccessToken{} : ready.last().at(0).value<AccessToken>();
    }
    [[nodiscard]] Error lastError() const
    {
        return failed.isEmpty() ? Error{} : failed.last().at(0).value<Error>();
    }
    [[nodiscard]] bool lastSignInRequired() const
    {
        return !failed.isEmpty() && failed.last().at(1).toBool();
    }

    QSignalSpy ready;
    QSignalSpy failed;
};

int refreshGrants(const OAuthTestServer &server)
{
    return server.stats().value(QLatin1String("refreshGrants")).toInt();
}

} // namespace

class tst_OAuth2TokenSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void refreshesAndCachesUntilAMinuteBeforeExpiry();
    void answersNeverFromInsideRequestToken();
    void forceRefreshRefreshesNow();
    void concurrentRequestsShareOneRefresh();
    void rotatedRefreshTokenIsStored();
    void revokedRefreshTokenNeedsSignIn();
    void unknownClientNeedsSignIn();
    void networkErrorIsTemporary();
    void createFromKeychain();
    void createWithoutSignIn();
    void staticSource();

private:
    std::optional<OAuthTestServer> m_server;
};

void tst_OAuth2TokenSource::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_server.emplace();
    QVERIFY(m_server->start());
}

void tst_OAuth2TokenSource::refreshesAndCachesUntilAMinuteBeforeExpiry()
{
    const std::optional<OAuthSignInResult> signedIn = signInAt(*m_server);
    QVERIFY(signedIn);
    ManualClock clock;
    OAuth2TokenSource source(m_server->settings(), signedIn->address, signedIn->refreshToken, clock);
    Answers answers(source);
    const int before = refreshGrants(*m_server);

    source.requestToken(false);
    QVERIFY(answers.waitFor(1));
    const AccessToken first = answers.lastToken();
    QVERIFY(first.token.startsWith(QLatin1String("at-")));
    QVERIFY(first.token != signedIn->accessToken.token);
    QCOMPARE(first.username, QStringLiteral("ada@example.org"));
    QCOMPARE(first.expiresAt, clock.currentDateTimeUtc().addSecs(3600));
    QCOMPARE(m_server->issuedAccessTokens().last(), first.token);
    QCOMPARE(refreshGrants(*m_server), before + 1);

    // Reused while more than a minute is left...
    clock.advance(std::chrono::seconds(3600 - 61));
    source.requestToken(false);
    QVERIFY(answers.waitFor(2));
    QCOMPARE(answers.lastToken().token, first.token);
    QCOMPARE(source.refreshCount(), 1);

    // ... and renewed once less is.
    clock.advance(2s);
    source.requestToken(false);
    QVERIFY(answers.waitFor(3));
    QVERIFY(answers.lastToken().token != first.token);
    QCOMPARE(source.refreshCount(), 2);
    QCOMPARE(refreshGrants(*m_server), before + 2);
    QVERIFY(answers.failed.isEmpty());
}

void tst_OAuth2TokenSource::answersNeverFromInsideRequestToken()
{
    const std::optional<OAuthSignInResult> signedIn = signInAt(*m_server);
    QVERIFY(signedIn);
    OAuth2TokenSource source(m_server->settings(), signedIn->address, signedIn->refreshToken);
    source.setInitialAccessToken(signedIn->accessToken);
    Answers answers(source);
    source.requestToken(false); // fresh token in hand: no refresh, but still later
    QCOMPARE(answers.count(), 0);
    QVERIFY(answers.waitFor(1));
    QCOMPARE(answers.lastToken().token, signedIn->accessToken.token);
    QCOMPARE(source.refreshCount(), 0);
}

void tst_OAuth2TokenSource::forceRefreshRefreshesNow()
{
    const std::optional<OAuthSignInResult> signedIn = signInAt(*m_server);
    QVERIFY(signedIn);
    OAuth2TokenSource source(m_server->settings(), signedIn->address, signedIn->refreshToken);
    source.setInitialAccessToken(signedIn->accessToken);
    Answers answers(source);
    source.requestToken(true); // the server refused the one in hand
    QVERIFY(answers.waitFor(1));
    QCOMPARE(source.refreshCount(), 1);
    QVERIFY(!answers.lastToken().token.isEmpty());
    QVERIFY(answers.lastToken().token != signedIn->accessToken.token);
}

void tst_OAuth2TokenSource::concurrentRequestsShareOneRefresh()
{
    const std::optional<OAuthSignInResult> signedIn = signInAt(*m_server);
    QVERIFY(signedIn);
    OAuth2TokenSource source(m_server->settings(), signedIn->address, signedIn->refreshToken);
    Answers answers(source);
    source.requestToken(false);
    source.requestToken(false);
    source.requestToken(true);
    QVERIFY(answers.waitFor(1));
    QTest::qWait(0);
    QCOMPARE(answers.count(), 1);
    QCOMPARE(source.refreshCount(), 1);
}

void tst_OAuth2TokenSource::rotatedRefreshTokenIsStored()
{
    OAuthTestServer server(OAuthServerOptions{.rotateRefreshTokens = true});
    QVERIFY(server.start());
    const std::optional<OAuthSignInResult> signedIn = signInAt(server);
    QVERIFY(signedIn);
    MemoryPasswordStore keychain;
    TokenStore store(&keychain);
    const QString key = TokenStore::accountKey(OAuthProvider::Custom, signedIn->address);

    OAuth2TokenSource source(server.settings(), signedIn->address, signedIn->refreshToken);
    source.keepRotatedTokensIn(&store);
    QSignalSpy rotated(&source, &OAuth2TokenSource::refreshTokenRotated);
    Answers answers(source);
    source.requestToken(false);
    QVERIFY(answers.waitFor(1));
    QCOMPARE(rotated.size(), 1);
    const QString second = rotated.last().at(0).toString();
    QVERIFY(second.startsWith(QLatin1String("rt-")));
    QVERIFY(second != signedIn->refreshToken);
    QTRY_COMPARE(keychain.storedPassword(key), second);

    // The old one no longer works at the server; the source goes on with the new one.
    source.requestToken(true);
    QVERIFY(answers.waitFor(2));
    QVERIFY2(answers.failed.isEmpty(), qPrintable(answers.lastError().message));
    QCOMPARE(rotated.size(), 2);
    QTRY_COMPARE(keychain.storedPassword(key), rotated.last().at(0).toString());
    QCOMPARE(keychain.writeCount(), 2);

    OAuth2TokenSource stale(server.settings(), signedIn->address, signedIn->refreshToken);
    Answers staleAnswers(stale);
    stale.requestToken(false);
    QVERIFY(staleAnswers.waitFor(1));
    QVERIFY(staleAnswers.lastSignInRequired());
}

void tst_OAuth2TokenSource::revokedRefreshTokenNeedsSignIn()
{
    const std::optional<OAuthSignInResult> signedIn = signInAt(*m_server);
    QVERIFY(signedIn);
    QVERIFY(m_server->revoke(signedIn->refreshToken));
    OAuth2TokenSource source(m_server->settings(), signedIn->address, signedIn->refreshToken);
    Answers answers(source);
    source.requestToken(false);
    QVERIFY(answers.waitFor(1));
    QVERIFY(answers.ready.isEmpty());
    QVERIFY(answers.lastSignInRequired());
    QCOMPARE(answers.lastError().code, ErrorCode::Authentication);
    const QString message = answers.lastError().message;
    QVERIFY2(message.contains(QLatin1String("ada@example.org")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("invalid_grant")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("Sign in again")), qPrintable(message));
    QVERIFY2(!message.contains(signedIn->refreshToken), qPrintable(message));
}

void tst_OAuth2TokenSource::unknownClientNeedsSignIn()
{
    const std::optional<OAuthSignInResult> signedIn = signInAt(*m_server);
    QVERIFY(signedIn);
    OAuthSettings settings = m_server->settings();
    settings.clientId = QStringLiteral("someone-else");
    OAuth2TokenSource source(settings, signedIn->address, signedIn->refreshToken);
    Answers answers(source);
    source.requestToken(false);
    QVERIFY(answers.waitFor(1));
    QVERIFY(answers.lastSignInRequired());
    QVERIFY2(answers.lastError().message.contains(QLatin1String("invalid_client")),
             qPrintable(answers.lastError().message));
}

void tst_OAuth2TokenSource::networkErrorIsTemporary()
{
    // A port that nothing listens on any more.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    OAuthSettings settings = m_server->settings();
    settings.tokenUrl = QStringLiteral("http://127.0.0.1:%1/token").arg(port);
    OAuth2TokenSource source(settings, QStringLiteral("ada@example.org"), QStringLiteral("rt-x"));
    Answers answers(source);
    source.requestToken(false);
    QVERIFY(answers.waitFor(1));
    QVERIFY(!answers.failed.isEmpty());
    QVERIFY(!answers.lastSignInRequired());
    QCOMPARE(answers.lastError().code, ErrorCode::Connection);
}

void tst_OAuth2TokenSource::createFromKeychain()
{
    const std::optional<OAuthSignInResult> signedIn = signInAt(*m_server);
    QVERIFY(signedIn);
    MemoryPasswordStore keychain;
    TokenStore store(&keychain);
    bool written = false;
    store.writeRefreshToken(OAuthProvider::Custom,
                            signedIn->address,
                            signedIn->refreshToken,
                            [&](const PasswordStoreResult &r) { written = r.isSuccess(); });
    QTRY_VERIFY(written);

    std::shared_ptr<OAuth2TokenSource> source;
    std::optional<PasswordStoreResult> status;
    createOAuth2TokenSource(m_server->settings(),
                            QStringLiteral("Ada@Example.org"),
                            &store,
                            [&](const PasswordStoreResult &r, std::shared_ptr<OAuth2TokenSource> s) {
                                status = r;
                                source = std::move(s);
                            });
    QTRY_VERIFY(status.has_value());
    QCOMPARE(status->status, PasswordStoreStatus::Success);
    QVERIFY(status->password.isEmpty());
    QVERIFY(source);
    Answers answers(*source);
    source->requestToken(false);
    QVERIFY(answers.waitFor(1));
    QVERIFY2(answers.failed.isEmpty(), qPrintable(answers.lastError().message));
    QCOMPARE(m_server->issuedAccessTokens().last(), answers.lastToken().token);
}

void tst_OAuth2TokenSource::createWithoutSignIn()
{
    MemoryPasswordStore keychain;
    TokenStore store(&keychain);
    std::optional<PasswordStoreResult> status;
    bool hasSource = true;
    createOAuth2TokenSource(m_server->settings(),
                            QStringLiteral("nobody@example.org"),
                            &store,
                            [&](const PasswordStoreResult &r, std::shared_ptr<OAuth2TokenSource> s) {
                                status = r;
                                hasSource = s != nullptr;
                            });
    QTRY_VERIFY(status.has_value());
    QCOMPARE(status->status, PasswordStoreStatus::NotFound);
    QVERIFY(!hasSource);

    MemoryPasswordStore none(MemoryPasswordStore::Availability::Unavailable);
    TokenStore unavailable(&none);
    status.reset();
    createOAuth2TokenSource(m_server->settings(),
                            QStringLiteral("nobody@example.org"),
                            &unavailable,
                            [&](const PasswordStoreResult &r, std::shared_ptr<OAuth2TokenSource>) {
                                status = r;
                            });
    QTRY_VERIFY(status.has_value());
    QCOMPARE(status->status, PasswordStoreStatus::Unavailable);
}

void tst_OAuth2TokenSource::staticSource()
{
    StaticAccessTokenSource source(QStringLiteral("tok"),
                                   QStringLiteral("ada@example.org"),
                                   QStringLiteral("MY_TOKEN"));
    Answers answers(source);
    source.requestToken(false);
    QCOMPARE(answers.count(), 0);
    QVERIFY(answers.waitFor(1));
    QCOMPARE(answers.lastToken().token, QStringLiteral("tok"));
    QCOMPARE(answers.lastToken().username, QStringLiteral("ada@example.org"));
    QVERIFY(!answers.lastToken().expiresAt.isValid());

    source.requestToken(true);
    QVERIFY(answers.waitFor(2));
    QVERIFY(answers.lastSignInRequired());
    QCOMPARE(answers.lastError().message,
             QStringLiteral("the access token from MY_TOKEN was refused"));
    source.requestToken(false); // still refused: it cannot be renewed
    QVERIFY(answers.waitFor(3));
    QCOMPARE(answers.failed.size(), 2);
}

QTEST_GUILESS_MAIN(tst_OAuth2TokenSource)
#include "tst_oauth2tokensource.moc"
