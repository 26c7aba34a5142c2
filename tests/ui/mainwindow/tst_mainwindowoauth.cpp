// The window sending through an account that signs in with OAuth2: the local OAuth2 test server
#include "../openandwait.h"
// (tests/support/oauth_server.py) issues the tokens, Debian's aiosmtpd accepts only those with
// XOAUTH2. A send of 20 messages signs in once; Start with nobody signed in offers the sign-in
// and sends once it succeeds; a refresh token revoked in the middle pauses the run with nothing
// failed, and signing in again from the send view resumes it without duplicates.
// Afterwards no token is in any file under the test's HOME, settings, logs or campaign folder.

#include "mainwindow/mainwindow.h"

#include "account/accountsettingswidget.h"
#include "document/campaigndocument.h"
#include "send/sendcontroller.h"
#include "send/sendview.h"

#include "document/campaignfile.h"
#include "logging/logging.h"
#include "oauth/tokenstore.h"
#include "oauthtestserver.h"
#include "realservers.h"
#include "secrets/memorypasswordstore.h"
#include "testcampaigns.h"
#include "testresult.h"

#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using State = SendController::State;

namespace {

constexpr int WaitMs = 30'000;
constexpr int Recipients = 20;

Campaign oauthCampaign(const OAuthTestServer &oauth, const AiosmtpdServer &smtp)
{
    Campaign campaign = sendableTestCampaign(QStringLiteral("OAuth2 send"),
                                             smtp.host(),
                                             smtp.port(),
                                             Recipients);
    campaign.server.username = oauth.options().user;
    campaign.auth = AuthMethod::OAuth2;
    campaign.oauth = oauth.settings();
    campaign.sending.maxConnections = 1;
    campaign.message.from = QStringLiteral("Ada <%1>").arg(oauth.options().user);
    return campaign;
}

// Signs in through the window's account page, the test playing the browser via "Copy Link".
bool signInThroughThePage(AccountSettingsWidget *account)
{
    QSignalSpy signedIn(account, &AccountSettingsWidget::signedIn);
    if (!QTest::qWaitFor([account] { return !account->signInLink().isEmpty(); }, WaitMs)) {
        qWarning("no sign-in link: %s", qPrintable(account->signInStatus()));
        return false;
    }
    const HttpResult visit = httpGet(account->signInLink());
    if (visit.status != 200) {
        qWarning("browser step: HTTP %d %s", visit.status, visit.body.constData());
        return false;
    }
    return QTest::qWaitFor([&] { return !signedIn.isEmpty() && account->isSignedIn(); }, WaitMs);
}

QHash<QByteArray, int> deliveries(const AiosmtpdServer &smtp)
{
    QHash<QByteArray, int> counts;
    for (const ReceivedMessage &message : smtp.receivedMessages()) {
        for (const QByteArray &recipient : message.recipients)
            ++counts[recipient];
    }
    return counts;
}

// The sign-in server and an aiosmtpd that accepts only the access tokens it issues.
struct Servers
{
    explicit Servers(OAuthServerOptions oauthOptions = {})
        : oauth(std::move(oauthOptions))
        , smtp(smtpOptions(oauth))
    {}

    [[nodiscard]] bool start() { return oauth.start() && smtp.start(); }

    static AiosmtpdOptions smtpOptions(const OAuthTestServer &server)
    {
        AiosmtpdOptions options;
        options.oauthTokensFile = server.tokensPath();
        return options;
    }

    OAuthTestServer oauth;
    AiosmtpdServer smtp;
};

// The main window with the keychain in memory and no browser to open (the test plays it).
struct TestWindow
{
    TestWindow()
        : account(window.accountSettings())
    {
        account->setPasswordStore(&keychain);
        account->setOpenBrowser([](const QUrl &) { return false; });
    }

    [[nodiscard]] bool open(const QString &path)
    {
        return !path.isEmpty() && openAndWait(window, path);
    }

    MainWindow window;
    MemoryPasswordStore keychain;
    AccountSettingsWidget *account;
};

} // namespace

class TestMainWindowOAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { shutdownLogging(); }
    void sendsWithOneSignIn();
    void startingBeforeSigningInGoesOnAfterTheSignIn();
    void revokedSignInPausesAndResumesAfterSigningInAgain();

private:
    void expectNoTokenInFiles(const QStringList &tokens) const;
    // Saves the campaign as campaigns/<name>.bulkmail in the test's folder and returns the path.
    [[nodiscard]] QString saveTestCampaign(const Campaign &campaign, const QString &name) const;

    QTemporaryDir m_directory;
};

void TestMainWindowOAuth::initTestCase()
{
    QVERIFY(m_directory.isValid());
    // Everything the app writes stays in the test's folder, for the final grep.
    const QString home = m_directory.filePath(QStringLiteral("home"));
    qputenv("HOME", home.toUtf8());
    qputenv("XDG_CONFIG_HOME", (home + QStringLiteral("/.config")).toUtf8());
    qputenv("XDG_DATA_HOME", (home + QStringLiteral("/.local/share")).toUtf8());
    qputenv("XDG_CACHE_HOME", (home + QStringLiteral("/.cache")).toUtf8());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat,
                       QSettings::UserScope,
                       m_directory.filePath(QStringLiteral("settings")));
    LogOptions logging;
    logging.directory = m_directory.filePath(QStringLiteral("logs"));
    QVERIFY_RESULT(initializeLogging(logging));
}

void TestMainWindowOAuth::expectNoTokenInFiles(const QStringList &tokens) const
{
    QVERIFY(!tokens.isEmpty());
    for (const QString &token : tokens) {
        QVERIFY(!token.isEmpty());
        const QStringList files = filesContaining(m_directory.path(), token.toUtf8());
        QVERIFY2(files.isEmpty(), qPrintable(files.join(u' ')));
    }
}

QString TestMainWindowOAuth::saveTestCampaign(const Campaign &campaign, const QString &name) const
{
    const QString path = m_directory.filePath(QStringLiteral("campaigns/%1.bulkmail").arg(name));
    if (!QDir().mkpath(QFileInfo(path).path()) || !saveCampaign(campaign, path))
        return {};
    return path;
}

void TestMainWindowOAuth::sendsWithOneSignIn()
{
    Servers servers;
    QVERIFY(servers.start());
    const OAuthTestServer &oauth = servers.oauth;
    const AiosmtpdServer &smtp = servers.smtp;
    Campaign campaign = oauthCampaign(oauth, smtp);
    campaign.sending.rateLimits.perSecond = 50;

    TestWindow test;
    QVERIFY(test.open(saveTestCampaign(campaign, QStringLiteral("once"))));
    MainWindow &window = test.window;
    MemoryPasswordStore &keychain = test.keychain;
    AccountSettingsWidget *account = test.account;
    QCOMPARE(account->authMethod(), AuthMethod::OAuth2);
    QTRY_VERIFY(account->signInStatus().startsWith(QLatin1String("Not signed in")));

    account->signIn();
    QVERIFY(signInThroughThePage(account));
    const QString stored = keychain.storedPassword(
        TokenStore::accountKey(OAuthProvider::Custom, oauth.options().user));
    QVERIFY(!stored.isEmpty());
    QVERIFY(!window.document()->isModified()); // signed in as the campaign's username

    QVERIFY(window.startSending(false, false));
    QTRY_COMPARE_WITH_TIMEOUT(window.sendController()->state(), State::Finished, WaitMs);
    const CampaignSummary summary = *window.sendController()->lastSummary();
    QCOMPARE(summary.sent, Recipients);
    QCOMPARE(summary.failed, 0);
    QCOMPARE(deliveries(smtp).size(), Recipients);
    // One connection, one AUTH, with XOAUTH2 as the signed-in mailbox.
    QCOMPARE(smtp.authEvents().size(), 1);
    QCOMPARE(smtp.authEvents().first().mechanism, QStringLiteral("XOAUTH2"));
    QVERIFY(smtp.authEvents().first().success);
    QCOMPARE(smtp.authEvents().first().user, oauth.options().user);

    QStringList tokens = oauth.issuedAccessTokens();
    tokens.append(stored);
    expectNoTokenInFiles(tokens);
}

// Start with nobody signed in: the window offers to sign in instead of sending, and once the
// user has signed in from that question, sending starts without a second click on Start.
void TestMainWindowOAuth::startingBeforeSigningInGoesOnAfterTheSignIn()
{
    Servers servers;
    QVERIFY(servers.start());
    const OAuthTestServer &oauth = servers.oauth;
    const AiosmtpdServer &smtp = servers.smtp;
    Campaign campaign = oauthCampaign(oauth, smtp);
    campaign.sending.rateLimits.perSecond = 50;

    TestWindow test;
    QVERIFY(test.open(saveTestCampaign(campaign, QStringLiteral("later"))));
    MainWindow &window = test.window;
    MemoryPasswordStore &keychain = test.keychain;
    AccountSettingsWidget *account = test.account;
    QTRY_VERIFY(account->signInStatus().startsWith(QLatin1String("Not signed in")));

    QVERIFY(window.startSending(false, false));
    QMessageBox *offer = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((offer = window.findChild<QMessageBox *>(
                                  QStringLiteral("signInOffer")))
                                 != nullptr,
                             WaitMs);
    QCOMPARE(window.sendController()->state(), State::Idle);
    QVERIFY(offer->defaultButton());
    QTest::mouseClick(offer->defaultButton(), Qt::LeftButton); // "Sign In…"
    QVERIFY(account->isSigningIn());
    QVERIFY(signInThroughThePage(account));

    QTRY_COMPARE_WITH_TIMEOUT(window.sendController()->state(), State::Finished, WaitMs);
    const CampaignSummary summary = *window.sendController()->lastSummary();
    QCOMPARE(summary.sent, Recipients);
    QCOMPARE(summary.failed, 0);
    QCOMPARE(deliveries(smtp).size(), Recipients);
    QCOMPARE(oauth.stats().value(QLatin1String("codeGrants")).toInt(), 1);

    QStringList tokens = oauth.issuedAccessTokens();
    tokens.append(keychain.storedPassword(
        TokenStore::accountKey(OAuthProvider::Custom, oauth.options().user)));
    expectNoTokenInFiles(tokens);
}

void TestMainWindowOAuth::revokedSignInPausesAndResumesAfterSigningInAgain()
{
    OAuthServerOptions oauthOptions;
    // Shorter than OAuth2TokenSource::RefreshMargin: every new connection refreshes its token.
    oauthOptions.accessTokenLifetimeSeconds = 30;
    Servers servers(oauthOptions);
    QVERIFY(servers.start());
    const OAuthTestServer &oauth = servers.oauth;
    const AiosmtpdServer &smtp = servers.smtp;
    Campaign campaign = oauthCampaign(oauth, smtp);
    campaign.sending.rateLimits.perSecond = 10;
    campaign.sending.maxMessagesPerConnection = 5;

    TestWindow test;
    QVERIFY(test.open(saveTestCampaign(campaign, QStringLiteral("revoked"))));
    MainWindow &window = test.window;
    MemoryPasswordStore &keychain = test.keychain;
    AccountSettingsWidget *account = test.account;
    account->signIn();
    QVERIFY(signInThroughThePage(account));
    const QString account1 = TokenStore::accountKey(OAuthProvider::Custom, oauth.options().user);
    const QString firstRefreshToken = keychain.storedPassword(account1);
    QVERIFY(!firstRefreshToken.isEmpty());

    QVERIFY(window.startSending(false, false));
    // The first connection signed in; revoke before the second one asks for a token.
    QTRY_VERIFY_WITH_TIMEOUT(!smtp.receivedMessages().isEmpty(), WaitMs);
    QVERIFY(oauth.revoke(firstRefreshToken));

    SendView *view = window.sendView();
    QTRY_VERIFY_WITH_TIMEOUT(view->isOfferingSignIn(), WaitMs);
    QVERIFY2(view->statusText().startsWith(QLatin1String("Sign-in needed: ")),
             qPrintable(view->statusText()));
    QCOMPARE(window.sendController()->state(), State::Paused);
    QVERIFY(window.sendController()->isWaitingForSignIn());
    QVERIFY(!window.sendController()->lastSummary());
    QCOMPARE(view->failureCount(), 0);
    QCOMPARE(window.sendController()->lastProgress().failed, 0);
    const int sentBefore = static_cast<int>(deliveries(smtp).size());
    QVERIFY(sentBefore >= 1 && sentBefore < Recipients);

    // "Sign In Again…" runs the account page's sign-in; its success resumes the run.
    auto *again = view->findChild<QPushButton *>(QStringLiteral("signInAgainButton"));
    QVERIFY(again);
    QTest::mouseClick(again, Qt::LeftButton);
    QVERIFY(account->isSigningIn());
    QVERIFY(signInThroughThePage(account));
    const QString secondRefreshToken = keychain.storedPassword(account1);
    QVERIFY(!secondRefreshToken.isEmpty());
    QVERIFY(secondRefreshToken != firstRefreshToken);

    QTRY_COMPARE_WITH_TIMEOUT(window.sendController()->state(), State::Finished, WaitMs);
    const CampaignSummary summary = *window.sendController()->lastSummary();
    QCOMPARE(summary.sent, Recipients);
    QCOMPARE(summary.failed, 0);
    QVERIFY(!view->isOfferingSignIn());
    const QHash<QByteArray, int> counts = deliveries(smtp);
    QCOMPARE(counts.size(), Recipients);
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        QVERIFY2(it.value() == 1, it.key().constData());
    QCOMPARE(oauth.stats().value(QLatin1String("codeGrants")).toInt(), 2);

    QStringList tokens = oauth.issuedAccessTokens();
    tokens << firstRefreshToken << secondRefreshToken;
    expectNoTokenInFiles(tokens);
}

QTEST_MAIN(TestMainWindowOAuth)
#include "tst_mainwindowoauth.moc"
