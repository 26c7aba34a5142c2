// TokenStore with the real keychain: CTest runs this suite inside tests/secrets/run_with_keychain.sh
// (a private D-Bus session with an unlocked GNOME Keyring, HOME in a temporary directory). A first
// sign-in against the local OAuth2 server stores the refresh token; a token source made from the
// keychain refreshes with it; sign-out removes it; and no token is in any file under HOME.
// Without BULKMAIL_KEYCHAIN_EXPECT=available (no keychain wrapper) the suite skips.

#include "logging/logging.h"
#include "oauth/oauth2tokensource.h"
#include "oauth/tokenstore.h"
#include "oauthtestserver.h"

#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace Bulkmail;
using namespace Bulkmail::Test;

namespace {

constexpr int KeychainWaitMs = 20'000;

PasswordStoreResult waitFor(const std::function<void(PasswordStore::Callback)> &operation)
{
    std::optional<PasswordStoreResult> result;
    operation([&](const PasswordStoreResult &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, KeychainWaitMs))
        return {PasswordStoreStatus::Failed, {}, QStringLiteral("no answer")};
    return *result;
}

} // namespace

class tst_TokenStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signInStoreRefreshSignOut();
};

void tst_TokenStore::initTestCase()
{
    if (qEnvironmentVariable("BULKMAIL_KEYCHAIN_EXPECT") != QLatin1String("available"))
        QSKIP("needs the keychain wrapper (tests/secrets/run_with_keychain.sh)");
    QVERIFY(QDir::homePath().contains(QLatin1String("bulkmail-keychain")));
}

void tst_TokenStore::signInStoreRefreshSignOut()
{
    LogOptions logOptions; // the real log file, under HOME, to grep below
    QVERIFY(initializeLogging(logOptions).has_value());

    OAuthTestServer server(OAuthServerOptions{.rotateRefreshTokens = true});
    QVERIFY(server.start());
    const std::optional<OAuthSignInResult> signedIn = signInAt(server);
    QVERIFY(signedIn);

    TokenStore store; // the desktop keychain
    const PasswordStoreResult written = waitFor([&](PasswordStore::Callback done) {
        store.writeRefreshToken(OAuthProvider::Custom,
                                signedIn->address,
                                signedIn->refreshToken,
                                std::move(done));
    });
    QVERIFY2(written.isSuccess(), qPrintable(written.message));
    const PasswordStoreResult read = waitFor([&](PasswordStore::Callback done) {
        store.readRefreshToken(OAuthProvider::Custom, signedIn->address, std::move(done));
    });
    QCOMPARE(read.status, PasswordStoreStatus::Success);
    QCOMPARE(read.password, signedIn->refreshToken);

    // A run: the source from the keychain refreshes; the rotated refresh token goes back there.
    std::shared_ptr<OAuth2TokenSource> source;
    bool created = false;
    createOAuth2TokenSource(server.settings(),
                            signedIn->address,
                            &store,
                            [&](const PasswordStoreResult &, std::shared_ptr<OAuth2TokenSource> s) {
                                source = std::move(s);
                                created = true;
                            });
    QTRY_VERIFY_WITH_TIMEOUT(created, KeychainWaitMs);
    QVERIFY(source);
    QSignalSpy ready(source.get(), &AccessTokenSource::tokenReady);
    QSignalSpy rotated(source.get(), &OAuth2TokenSource::refreshTokenRotated);
    source->requestToken(false);
    QVERIFY(ready.wait(KeychainWaitMs));
    QCOMPARE(rotated.size(), 1);
    const QString rotatedToken = rotated.first().first().toString();
    const auto storedNow = [&] {
        return waitFor([&](PasswordStore::Callback done) {
                   store.readRefreshToken(OAuthProvider::Custom, signedIn->address, std::move(done));
               })
            .password;
    };
    QTRY_COMPARE_WITH_TIMEOUT(storedNow(), rotatedToken, KeychainWaitMs);

    // Sign-out.
    const PasswordStoreResult removed = waitFor([&](PasswordStore::Callback done) {
        store.removeRefreshToken(OAuthProvider::Custom, signedIn->address, std::move(done));
    });
    QVERIFY(removed.isSuccess());
    const PasswordStoreResult gone = waitFor([&](PasswordStore::Callback done) {
        store.readRefreshToken(OAuthProvider::Custom, signedIn->address, std::move(done));
    });
    QCOMPARE(gone.status, PasswordStoreStatus::NotFound);

    // Nothing in clear anywhere under HOME: the keyring is encrypted, QSettings and the log hold
    // no token.
    QSettings().sync();
    shutdownLogging();
    const QString home = QDir::homePath();
    QVERIFY(QDir(logDirectory()).exists());
    QVERIFY(logDirectory().startsWith(home));
    const QStringList secrets{signedIn->refreshToken,
                              rotatedToken,
                              signedIn->accessToken.token,
                              ready.first().first().value<AccessToken>().token};
    for (const QString &secret : secrets) {
        const QStringList files = filesContaining(home, secret.toUtf8());
        QVERIFY2(files.isEmpty(), qPrintable(files.join(u' ')));
    }
}

QTEST_GUILESS_MAIN(tst_TokenStore)
#include "tst_tokenstore.moc"
