// OAuth2TokenSource (refresh, expiry, rotation, revocation) against the local OAuth2 server, with
// a ManualClock for expiry; StaticAccessTokenSource; createOAuth2TokenSource from a keychain.

#include "common/clock.h"
#include "oauth/oauth2tokensource.h"
#include "oauth/staticaccesstokensource.h"
#include "oauth/tokenstore.h"
#include "oauthtestserver.h"
#include "secrets/memorypasswordstore.h"
#include "testseeds.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <optional>
#include <random>

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

int rejectedRequests(const OAuthTestServer &server)
{
    return server.stats().value(QLatin1String("rejected")).toInt();
}

// A token source in a thread of its own, as a run's source lives in the engine thread; its
// answers are recorded in the test's thread.
class ThreadedSource final
{
public:
    ThreadedSource(const OAuthSettings &settings, const QString &address, const QString &token)
        : m_source(new OAuth2TokenSource(settings, address, token))
    {
        QObject::connect(m_source,
                         &AccessTokenSource::tokenReady,
                         &m_receiver,
                         [this](const AccessToken &answer) { tokens.append(answer.token); });
        QObject::connect(m_source,
                         &AccessTokenSource::tokenFailed,
                         &m_receiver,
                         [this](const Error &error, bool) { failures.append(error.message); });
        m_thread.start();
        m_source->moveToThread(&m_thread);
    }
    ~ThreadedSource()
    {
        QMetaObject::invokeMethod(
            m_source, [source = m_source] { delete source; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    Q_DISABLE_COPY_MOVE(ThreadedSource)

    void requestToken(bool forceRefresh)
    {
        QMetaObject::invokeMethod(m_source, [source = m_source, forceRefresh] {
            source->requestToken(forceRefresh);
        });
    }
    [[nodiscard]] int refreshCount()
    {
        int count = 0;
        QMetaObject::invokeMethod(
            m_source,
            [&count, source = m_source] { count = source->refreshCount(); },
            Qt::BlockingQueuedConnection);
        return count;
    }

    QStringList tokens;
    QStringList failures;

private:
    QThread m_thread;
    QObject m_receiver;
    OAuth2TokenSource *m_source;
};

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
    void sourcesOfOneAccountShareOneRefresh();
    void abandonedRefreshIsTakenOver();
    void refusedRefreshTokenIsAskedOnce();
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

    auto source = std::make_unique<OAuth2TokenSource>(server.settings(),
                                                      signedIn->address,
                                                      signedIn->refreshToken);
    source->keepRotatedTokensIn(&store);
    QSignalSpy rotated(source.get(), &OAuth2TokenSource::refreshTokenRotated);
    Answers answers(*source);
    source->requestToken(false);
    QVERIFY(answers.waitFor(1));
    QCOMPARE(rotated.size(), 1);
    const QString second = rotated.last().at(0).toString();
    QVERIFY(second.startsWith(QLatin1String("rt-")));
    QVERIFY(second != signedIn->refreshToken);
    QTRY_COMPARE(keychain.storedPassword(key), second);

    // The old one no longer works at the server; the source goes on with the new one.
    source->requestToken(true);
    QVERIFY(answers.waitFor(2));
    QVERIFY2(answers.failed.isEmpty(), qPrintable(answers.lastError().message));
    QCOMPARE(rotated.size(), 2);
    QTRY_COMPARE(keychain.storedPassword(key), rotated.last().at(0).toString());
    QCOMPARE(keychain.writeCount(), 2);

    // A source made from the spent token while the first one lives (a keychain read that raced
    // the write of the new token) takes the first one's access token, and when the server
    // refuses that, refreshes with the latest refresh token: no sign-in asked for.
    {
        OAuth2TokenSource late(server.settings(), signedIn->address, signedIn->refreshToken);
        Answers lateAnswers(late);
        late.requestToken(false);
        QVERIFY(lateAnswers.waitFor(1));
        QCOMPARE(lateAnswers.lastToken().token, answers.lastToken().token);
        QCOMPARE(late.refreshCount(), 0);
        late.requestToken(true);
        QVERIFY(lateAnswers.waitFor(2));
        QVERIFY2(lateAnswers.failed.isEmpty(), qPrintable(lateAnswers.lastError().message));
        QCOMPARE(late.refreshCount(), 1);
        QVERIFY(lateAnswers.lastToken().token != answers.lastToken().token);
    }

    // Once no source of the account is left, the spent token is only what the server says: spent.
    source.reset();
    OAuth2TokenSource stale(server.settings(), signedIn->address, signedIn->refreshToken);
    Answers staleAnswers(stale);
    stale.requestToken(false);
    QVERIFY(staleAnswers.waitFor(1));
    QVERIFY(staleAnswers.lastSignInRequired());
}

void tst_OAuth2TokenSource::sourcesOfOneAccountShareOneRefresh()
{
    // A run (its source in the engine thread) and its bounce watch (its own source) for one
    // account, at a provider that rotates refresh tokens and refuses a spent one. Seeded
    // schedules of "the server refused my token" from either source, or both at once, in either
    // order: every request is answered with a token nobody had refused, never with a failure;
    // no token request is ever refused (nobody refreshes with a spent token); and one refresh
    // answers both when both ask at once.
    OAuthTestServer server(OAuthServerOptions{.rotateRefreshTokens = true});
    QVERIFY(server.start());
    for (const quint64 seed : testSeeds("BULKMAIL_TOKEN_SHARING_SEED", 6, 1)) {
        const std::optional<OAuthSignInResult> signedIn = signInAt(server);
        QVERIFY(signedIn);
        const int grantsBefore = refreshGrants(server);
        const int rejectedBefore = rejectedRequests(server);
        ThreadedSource run(server.settings(), signedIn->address, signedIn->refreshToken);
        OAuth2TokenSource watch(server.settings(), signedIn->address, signedIn->refreshToken);
        Answers watchAnswers(watch);
        const QString where = QStringLiteral("seed %1 (BULKMAIL_TOKEN_SHARING_SEED)").arg(seed);

        run.requestToken(false);
        QTRY_VERIFY2(run.tokens.size() == 1, qPrintable(where));
        watch.requestToken(false);
        QVERIFY2(watchAnswers.waitFor(1), qPrintable(where));
        QCOMPARE(watchAnswers.lastToken().token, run.tokens.last()); // the run's, no refresh
        QCOMPARE(refreshGrants(server), grantsBefore + 1);

        std::mt19937_64 random(seed);
        QSet<QString> refused;
        for (int round = 0; round < 12; ++round) {
            const int schedule = int(random() % 4); // run, watch, both run first, both watch first
            const bool runAsks = schedule != 1;
            const bool watchAsks = schedule != 0;
            const int runAnswers = int(run.tokens.size());
            const int watchAnswered = watchAnswers.count();
            const int grants = refreshGrants(server);
            if (runAsks)
                refused.insert(run.tokens.last());
            if (watchAsks)
                refused.insert(watchAnswers.lastToken().token);
            if (schedule == 3)
                watch.requestToken(true);
            if (runAsks)
                run.requestToken(true);
            if (watchAsks && schedule != 3)
                watch.requestToken(true);
            const QString step = where
                                 + QStringLiteral(", round %1, schedule %2").arg(round).arg(schedule);
            if (runAsks)
                QTRY_VERIFY2(run.tokens.size() + run.failures.size() == runAnswers + 1,
                             qPrintable(step));
            if (watchAsks)
                QVERIFY2(watchAnswers.waitFor(watchAnswered + 1), qPrintable(step));
            QVERIFY2(run.failures.isEmpty(), qPrintable(step + u' ' + run.failures.join(u'|')));
            QVERIFY2(watchAnswers.failed.isEmpty(),
                     qPrintable(step + u' ' + watchAnswers.lastError().message));
            // Asked at the same moment, one source may be handed the token the other is just then
            // reporting refused: the mail server refuses it again, once, and the source asks
            // again. (A source that did not ask keeps what it has until it is refused.)
            const bool runGotRefused = runAsks && refused.contains(run.tokens.last());
            const bool watchGotRefused = watchAsks
                                         && refused.contains(watchAnswers.lastToken().token);
            QVERIFY2(!runGotRefused || !watchGotRefused, qPrintable(step));
            QVERIFY2(!(runGotRefused || watchGotRefused) || (runAsks && watchAsks),
                     qPrintable(step));
            if (runGotRefused) {
                run.requestToken(true);
                QTRY_VERIFY2(run.tokens.size() + run.failures.size() == runAnswers + 2,
                             qPrintable(step));
            }
            if (watchGotRefused) {
                watch.requestToken(true);
                QVERIFY2(watchAnswers.waitFor(watchAnswered + 2), qPrintable(step));
            }
            QVERIFY2(run.failures.isEmpty(), qPrintable(step + u' ' + run.failures.join(u'|')));
            QVERIFY2(watchAnswers.failed.isEmpty(),
                     qPrintable(step + u' ' + watchAnswers.lastError().message));
            if (runAsks)
                QVERIFY2(!refused.contains(run.tokens.last()), qPrintable(step));
            if (watchAsks)
                QVERIFY2(!refused.contains(watchAnswers.lastToken().token), qPrintable(step));
            // One refresh a round, whoever asked: a source whose token the other had already
            // replaced takes the replacement.
            QVERIFY2(refreshGrants(server) <= grants + 1, qPrintable(step));
            if (runAsks && watchAsks)
                QCOMPARE(run.tokens.last(), watchAnswers.lastToken().token);
        }
        QCOMPARE(rejectedRequests(server), rejectedBefore);
        QCOMPARE(run.refreshCount() + watch.refreshCount(), refreshGrants(server) - grantsBefore);
    }
}

void tst_OAuth2TokenSource::abandonedRefreshIsTakenOver()
{
    // The source that was refreshing goes away before its answer (a run that ends): the one that
    // waited for it refreshes itself instead of waiting for ever.
    const std::optional<OAuthSignInResult> signedIn = signInAt(*m_server);
    QVERIFY(signedIn);
    auto first = std::make_unique<OAuth2TokenSource>(m_server->settings(),
                                                     signedIn->address,
                                                     signedIn->refreshToken);
    OAuth2TokenSource second(m_server->settings(), signedIn->address, signedIn->refreshToken);
    Answers answers(second);
    first->requestToken(false); // sent; answered only once the event loop runs
    second.requestToken(false); // waits for it
    QCOMPARE(first->refreshCount(), 1);
    QCOMPARE(second.refreshCount(), 0);
    first.reset();
    QVERIFY(answers.waitFor(1));
    QVERIFY2(answers.failed.isEmpty(), qPrintable(answers.lastError().message));
    QCOMPARE(second.refreshCount(), 1);
}

void tst_OAuth2TokenSource::refusedRefreshTokenIsAskedOnce()
{
    // A revoked sign-in: both sources asking at once are told to sign in again after one refused
    // request, and a later request asks the server no more (only a new sign-in would help).
    const std::optional<OAuthSignInResult> signedIn = signInAt(*m_server);
    QVERIFY(signedIn);
    QVERIFY(m_server->revoke(signedIn->refreshToken));
    const int rejectedBefore = rejectedRequests(*m_server);
    OAuth2TokenSource first(m_server->settings(), signedIn->address, signedIn->refreshToken);
    OAuth2TokenSource second(m_server->settings(), signedIn->address, signedIn->refreshToken);
    Answers firstAnswers(first);
    Answers secondAnswers(second);
    first.requestToken(false);
    second.requestToken(false);
    QVERIFY(firstAnswers.waitFor(1));
    QVERIFY(secondAnswers.waitFor(1));
    QVERIFY(firstAnswers.lastSignInRequired());
    QVERIFY(secondAnswers.lastSignInRequired());
    QCOMPARE(secondAnswers.lastError().message, firstAnswers.lastError().message);
    second.requestToken(false);
    QVERIFY(secondAnswers.waitFor(2));
    QVERIFY(secondAnswers.lastSignInRequired());
    QCOMPARE(rejectedRequests(*m_server), rejectedBefore + 1);
    QCOMPARE(first.refreshCount() + second.refreshCount(), 1);

    // A new sign-in (a source made from its refresh token) is asked again.
    const std::optional<OAuthSignInResult> again = signInAt(*m_server);
    QVERIFY(again);
    OAuth2TokenSource renewed(m_server->settings(), again->address, again->refreshToken);
    Answers renewedAnswers(renewed);
    renewed.requestToken(false);
    QVERIFY(renewedAnswers.waitFor(1));
    QVERIFY2(renewedAnswers.failed.isEmpty(), qPrintable(renewedAnswers.lastError().message));
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
