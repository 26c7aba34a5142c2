// BounceWatchController against a private Dovecot: the watch runs on a thread of its own, a
// report appended to INBOX during a run arrives on the GUI thread as a batch for the rows, the
// status says "while sending" and then, once the run has ended, until when; stop() ends it and
// the status goes. An OAuth2 account's watch signs in with a token source of its own, built from
// the keychain as the window does and moved to the watch's thread, against a Dovecot whose passdb
// asks the local OAuth2 server; a token refused even after its renewal ends the watch once, with
// an error naming the account, after two sign-ins and no more. A watch beside a run takes the
// run's token from the shared account tokens, at a provider that rotates refresh tokens.

#include "feedback/bouncewatchcontroller.h"

#include "common/clock.h"
#include "journal/sendjournal.h"
#include "oauth/oauth2tokensource.h"
#include "oauth/tokenstore.h"
#include "oauthtestserver.h"
#include "privatedovecot.h"
#include "secrets/memorypasswordstore.h"
#include "testresult.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;

namespace {

constexpr int WaitMs = 60'000;
const QString ExchangeId = QStringLiteral("<q8w7e6.lvxa1b.9@example.org>"); // hard, 5.1.10

QByteArray exchangeReport()
{
    QFile file(QStringLiteral(BULKMAIL_BOUNCES_DIR "/exchange-recipient-not-found.eml"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the sample");
    return file.readAll();
}

// A saved campaign watching `server`'s mailbox, whose journal says the Exchange sample's message
// went to its one recipient.
Campaign watchedCampaign(const QTemporaryDir &directory, const PrivateDovecot &server)
{
    Campaign campaign;
    campaign.name = QStringLiteral("Spring newsletter");
    campaign.filePath = directory.filePath(QStringLiteral("news.bulkmail"));
    campaign.recipients = {Recipient{QStringLiteral("anna.schmidt@contoso.com"), QString()}};
    campaign.server.host = QStringLiteral("smtp.example.test");
    campaign.mailbox.server = server.endpoint();
    SystemClock clock;
    Result<std::unique_ptr<SendJournal>> journal = SendJournal::open(SendJournal::pathFor(
                                                                         campaign.filePath),
                                                                     campaign.recipients,
                                                                     clock);
    if (!journal)
        qFatal("%s", qPrintable(journal.error().message));
    for (const JournalEntry::Kind kind : {JournalEntry::Kind::InFlight, JournalEntry::Kind::Sent}) {
        JournalEntry entry;
        entry.kind = kind;
        entry.recipientIndex = 0;
        entry.email = campaign.recipients.at(0).email;
        entry.messageId = ExchangeId;
        if (Result<void> appended = (*journal)->append(entry); !appended)
            qFatal("%s", qPrintable(appended.error().message));
    }
    return campaign;
}

CampaignBounceWatchSettings quickSettings(const QTemporaryDir &directory)
{
    CampaignBounceWatchSettings settings;
    settings.pollInterval = 200ms;
    settings.watchAfter = 10min;
    settings.suppressionListPath = directory.filePath(QStringLiteral("suppression.sqlite"));
    settings.positionsPath = directory.filePath(QStringLiteral("positions.json"));
    return settings;
}

// An OAuth2 account signed in at a local provider, and a Dovecot that asks it about each token.
struct OAuthMailbox
{
    static inline const QString User = QStringLiteral("user@example.test");
    std::unique_ptr<OAuthTestServer> oauth;
    std::unique_ptr<PrivateDovecot> dovecot;
    MemoryPasswordStore keychain;
    TokenStore tokenStore{&keychain};
    QString refreshToken;

    // `rotate`: a provider that issues a new refresh token with each refresh and refuses a spent one.
    [[nodiscard]] bool start(bool rotate = false)
    {
        OAuthServerOptions options;
        options.user = User; // the introspection's "username" is the mailbox Dovecot signs in
        options.rotateRefreshTokens = rotate;
        oauth = std::make_unique<OAuthTestServer>(options);
        if (!oauth->start())
            return false;
        const std::optional<OAuthSignInResult> signedIn = signInAt(*oauth, User);
        if (!signedIn)
            return false;
        refreshToken = signedIn->refreshToken;
        bool written = false;
        tokenStore.writeRefreshToken(oauth->settings().provider,
                                     User,
                                     refreshToken,
                                     [&written](const PasswordStoreResult &result) {
                                         written = result.isSuccess();
                                     });
        if (!QTest::qWaitFor([&] { return written; }, WaitMs))
            return false;
        PrivateDovecotOptions dovecotOptions;
        dovecotOptions.username = User;
        dovecotOptions.oauth2IntrospectionUrl = oauth->introspectionUrl();
        dovecot = std::make_unique<PrivateDovecot>(dovecotOptions);
        return dovecot->start();
    }
    // The campaign of this account: it signs in with OAuth2, the mailbox with the same tokens.
    [[nodiscard]] Campaign campaign(const QTemporaryDir &directory) const
    {
        Campaign campaign = watchedCampaign(directory, *dovecot);
        campaign.auth = AuthMethod::OAuth2;
        campaign.oauth = oauth->settings();
        campaign.server.username = User;
        return campaign;
    }
    [[nodiscard]] int refreshGrants() const
    {
        return oauth->stats().value(QLatin1String("refreshGrants")).toInt();
    }
    [[nodiscard]] int rejectedTokenRequests() const
    {
        return oauth->stats().value(QLatin1String("rejected")).toInt();
    }
};

} // namespace

class TestBounceWatchController final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    // A timer touched from the wrong thread means the watch was not wholly moved to its own.
    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral("Timers cannot"))); }
    void aReportReachesTheGuiThread();
    void anOAuth2AccountsReportReachesTheGuiThread();
    void aTokenRefusedAfterItsRenewalEndsTheWatchOnce();
    void aWatchBesideARunSharesTheAccountsTokens();
};

void TestBounceWatchController::aReportReachesTheGuiThread()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    PrivateDovecot server;
    QVERIFY(server.start());

    Campaign campaign = watchedCampaign(directory, server);
    campaign.mailbox.username = server.credentials().username;

    BounceWatchController controller(nullptr);
    QSignalSpy found(&controller, &BounceWatchController::feedbackFound);
    QSignalSpy changed(&controller, &BounceWatchController::watchingChanged);
    QVERIFY(controller.start(campaign, server.credentials().password, quickSettings(directory)));
    QVERIFY(controller.isWatching());
    QCOMPARE(controller.campaignPath(), campaign.filePath);
    QCOMPARE(controller.statusText(),
             QStringLiteral("Watching the mailbox for bounces while sending"));

    QThread *const guiThread = QThread::currentThread();
    QThread *receivedIn = nullptr;
    connect(&controller, &BounceWatchController::feedbackFound, this, [&] {
        receivedIn = QThread::currentThread();
    });
    {
        ImapConnection connection(99, server.endpoint(), server.credentials());
        std::optional<ImapCommandResult> appended;
        connection.run(
            "APPEND \"INBOX\"",
            [&appended](const ImapCommandResult &r) { appended = r; },
            exchangeReport());
        connection.open();
        QTRY_VERIFY_WITH_TIMEOUT(appended.has_value(), WaitMs);
        QVERIFY(appended->isOk());
    }
    QTRY_COMPARE_WITH_TIMEOUT(found.size(), 1, WaitMs);
    QCOMPARE(receivedIn, guiThread);
    const QList<FeedbackEvent> events = found.constFirst().first().value<QList<FeedbackEvent>>();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.constFirst().email, QStringLiteral("anna.schmidt@contoso.com"));
    QCOMPARE(events.constFirst().severity, QStringLiteral("hard"));

    // The run ends: the window after it is said with its end.
    changed.clear();
    controller.runFinished();
    QVERIFY(changed.wait(WaitMs));
    QVERIFY2(controller.statusText().startsWith(
                 QLatin1String("Watching the mailbox for bounces until ")),
             qPrintable(controller.statusText()));

    controller.stop();
    QVERIFY(!controller.isWatching());
    QCOMPARE(controller.statusText(), QString());
}

void TestBounceWatchController::anOAuth2AccountsReportReachesTheGuiThread()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    OAuthMailbox account;
    QVERIFY(account.start());
    const Campaign campaign = account.campaign(directory);
    QVERIFY(account.dovecot->append(QStringLiteral("INBOX"), exchangeReport()));

    // As the window starts it: the token source from the keychain, built on the GUI thread.
    BounceWatchController controller(nullptr);
    QSignalSpy found(&controller, &BounceWatchController::feedbackFound);
    controller.startSignedIn(campaign, &account.tokenStore);
    QTRY_VERIFY_WITH_TIMEOUT(controller.isWatching(), WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(found.size(), 1, WaitMs);
    const QList<FeedbackEvent> events = found.constFirst().first().value<QList<FeedbackEvent>>();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.constFirst().email, QStringLiteral("anna.schmidt@contoso.com"));
    QVERIFY(controller.isWatching());
    QCOMPARE(controller.lastError(), QString());

    // It signed in with the account's token (one refresh: none in hand), never refused.
    QVERIFY(!account.dovecot->logLinesContaining("method=XOAUTH2").isEmpty());
    QCOMPARE(account.dovecot->refusedSignIns("XOAUTH2"), 0);
    QCOMPARE(account.refreshGrants(), 1);

    controller.stop();
    QVERIFY(!controller.isWatching());
}

void TestBounceWatchController::aTokenRefusedAfterItsRenewalEndsTheWatchOnce()
{
    // The provider issues tokens, but the mailbox refuses every one (the account lost access to
    // it, or the token lacks the IMAP scope): one renewal, a second refusal, and the watch ends
    // with a reason naming the account, instead of signing in again every poll.
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    OAuthMailbox account;
    QVERIFY(account.start());
    QVERIFY(account.oauth->refuseAccessTokens());
    const Campaign campaign = account.campaign(directory);

    BounceWatchController controller(nullptr);
    QSignalSpy found(&controller, &BounceWatchController::feedbackFound);
    auto tokens = std::make_shared<OAuth2TokenSource>(campaign.oauth,
                                                      OAuthMailbox::User,
                                                      account.refreshToken);
    QVERIFY(controller.start(campaign, std::move(tokens), quickSettings(directory)));
    QVERIFY(controller.isWatching());
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isWatching(), WaitMs);

    const QString error = controller.lastError();
    QVERIFY2(error.contains(OAuthMailbox::User), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("sign in again")), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(account.dovecot->refusedSignIns("XOAUTH2"), 2, 10000);
    QCOMPARE(account.refreshGrants(), 2); // the first token (none in hand), and the one renewal
    QCOMPARE(found.size(), 0);
    QCOMPARE(controller.statusText(), QString());
}

void TestBounceWatchController::aWatchBesideARunSharesTheAccountsTokens()
{
    // A run and its watch, each with a token source from the keychain as the window builds them,
    // at a provider that rotates refresh tokens and refuses a spent one. The run refreshed first
    // (its rotation written to the keychain); the watch signs in with the run's access token
    // instead of refreshing again; and when the run's token is later refused, the run's renewal
    // uses the latest refresh token: nobody is asked to sign in again, no request is refused.
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    OAuthMailbox account;
    QVERIFY(account.start(/*rotate=*/true));
    const Campaign campaign = account.campaign(directory);
    QVERIFY(account.dovecot->append(QStringLiteral("INBOX"), exchangeReport()));

    std::shared_ptr<OAuth2TokenSource> run;
    createOAuth2TokenSource(campaign.oauth,
                            OAuthMailbox::User,
                            &account.tokenStore,
                            [&run](const PasswordStoreResult &,
                                   std::shared_ptr<OAuth2TokenSource> s) { run = std::move(s); });
    QTRY_VERIFY_WITH_TIMEOUT(run != nullptr, WaitMs);
    QSignalSpy runTokens(run.get(), &AccessTokenSource::tokenReady);
    QSignalSpy runFailures(run.get(), &AccessTokenSource::tokenFailed);
    run->requestToken(false);
    QTRY_COMPARE_WITH_TIMEOUT(runTokens.size(), 1, WaitMs);
    const QString key = TokenStore::accountKey(campaign.oauth.provider, OAuthMailbox::User);
    QTRY_VERIFY_WITH_TIMEOUT(account.keychain.storedPassword(key) != account.refreshToken, WaitMs);
    QCOMPARE(account.refreshGrants(), 1);

    BounceWatchController controller(nullptr);
    QSignalSpy found(&controller, &BounceWatchController::feedbackFound);
    controller.startSignedIn(campaign, &account.tokenStore);
    QTRY_COMPARE_WITH_TIMEOUT(found.size(), 1, WaitMs);
    QCOMPARE(controller.lastError(), QString());
    QCOMPARE(account.refreshGrants(), 1); // the watch took the run's token

    run->requestToken(true); // the mail server refused the run's token
    QTRY_COMPARE_WITH_TIMEOUT(runTokens.size() + runFailures.size(), 2, WaitMs);
    QVERIFY2(runFailures.isEmpty(),
             qPrintable(runFailures.value(0).value(0).value<Error>().message));
    QCOMPARE(account.refreshGrants(), 2);
    QCOMPARE(account.rejectedTokenRequests(), 0);
    QCOMPARE(account.dovecot->refusedSignIns("XOAUTH2"), 0);
    controller.stop();
}

QTEST_GUILESS_MAIN(TestBounceWatchController)
#include "tst_bouncewatchcontroller.moc"
