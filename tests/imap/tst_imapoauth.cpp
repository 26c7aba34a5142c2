// The mailbox of an OAuth2 account, against a private Dovecot whose passdb oauth2 asks the local
// OAuth2 server (tests/support/oauth_server.py) whether each token is active: the Sent copy and
// the bounce scan sign in with XOAUTH2 and the account's tokens (the AccessTokenSource SMTP uses),
// a token the server refuses is renewed once and signed in with again, a token about to expire is
// renewed before it is used, and a token refused after its renewal (or no token to be had) ends
// the work for the run once, naming the account: never a login per message.
#include "feedback/mailboxpositions.h"
#include "feedback/mailboxwatcher.h"
#include "imap/imapconnection.h"
#include "imap/reconnectingimapsession.h"
#include "imap/sentcopier.h"
#include "oauth/oauth2tokensource.h"
#include "oauthtestserver.h"
#include "privatedovecot.h"
#include "sentcopierprobe.h"

#include <QFile>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;

class tst_ImapOAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void sentCopySignsInWithTheAccountsToken();
    void bounceScanSignsInWithTheAccountsToken();
    void refusedTokenIsRenewedOnce();
    void tokenAboutToExpireIsRenewedBeforeUse();
    void tokenRefusedAfterRenewalEndsTheRunOnce();
    void revokedSignInEndsTheScanWithoutASession();
    void unavailableTokenEndpointIsAskedAgainAfterAWait();
    void tokenEndpointThatStaysDownEndsTheRunWithServerScope();

private:
    [[nodiscard]] std::unique_ptr<OAuth2TokenSource> tokenSource() const;
    [[nodiscard]] int refreshGrants() const;

    std::unique_ptr<OAuthTestServer> m_oauth;
    std::unique_ptr<PrivateDovecot> m_dovecot;
    QString m_refreshToken;
    AccessToken m_signedInToken;
};

namespace {

constexpr int WaitMs = 60'000;
const QString User = QStringLiteral("user@example.test");
// The original Message-ID the Exchange sample reports on (tests/data/bounces).
const QString ExchangeId = QStringLiteral("<q8w7e6.lvxa1b.9@example.org>");

QByteArray bounceSample(const QString &name)
{
    QFile file(QStringLiteral(BULKMAIL_BOUNCES_DIR "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read sample %s", qPrintable(name));
    return file.readAll();
}

// An IMAP worker's sign-in: the username only, the token comes from the source.
ImapCredentials tokenCredentials()
{
    ImapCredentials credentials;
    credentials.username = User;
    return credentials;
}

// A SentCopier signing in with `tokens`.
struct Copier : SentCopierProbe
{
    Copier(const ImapEndpoint &endpoint,
           AccessTokenSource &tokens,
           const SentCopierSettings &settings = {})
        : SentCopierProbe(endpoint, tokenCredentials(), settings)
    {
        copier->signIn().setAccessTokenSource(&tokens);
    }
};

// Copies messages 1 to `count` with `copier`, finishes, and checks that all reached Sent.
void copyIntoSent(Copier &copier, const PrivateDovecot &dovecot, int count)
{
    for (int i = 1; i <= count; ++i)
        QVERIFY(copier.copier->copy(keyOf(i), message(i)));
    copier.copier->finish();
    QVERIFY(copier.finished->wait(WaitMs));
    const QList<SentCopyOutcome> outcomes = copier.outcomes();
    QCOMPARE(outcomes.size(), count);
    for (const SentCopyOutcome &outcome : outcomes)
        QVERIFY2(outcome.result == SentCopyResult::Appended, qPrintable(outcome.detail));
    QCOMPARE(dovecot.messagesIn(QStringLiteral("Sent")).size(), count);
}

// One scan of INBOX with a MailboxWatcher signing in with `tokens`.
struct Scan
{
    QTemporaryDir directory;
    std::unique_ptr<MailboxWatcher> watcher;
    std::unique_ptr<QSignalSpy> found;
    std::unique_ptr<QSignalSpy> scanned;
    std::unique_ptr<QSignalSpy> finished;
    std::unique_ptr<QSignalSpy> events;

    Scan(const ImapEndpoint &endpoint, AccessTokenSource &tokens)
    {
        Result<MailboxPositions> positions = MailboxPositions::load(
            directory.filePath(QStringLiteral("positions.json")));
        if (!positions)
            qFatal("%s", qPrintable(positions.error().message));
        MailboxWatcherSettings settings;
        settings.reader = QStringLiteral("oauth-test");
        settings.isOurMessageId = [](const QString &id) { return id == ExchangeId; };
        watcher = std::make_unique<MailboxWatcher>(endpoint,
                                                   tokenCredentials(),
                                                   std::move(*positions),
                                                   settings);
        watcher->signIn().setAccessTokenSource(&tokens);
        found = std::make_unique<QSignalSpy>(watcher.get(), &MailboxWatcher::feedbackFound);
        scanned = std::make_unique<QSignalSpy>(watcher.get(), &MailboxWatcher::scanFinished);
        finished = std::make_unique<QSignalSpy>(watcher.get(), &MailboxWatcher::finished);
        events = std::make_unique<QSignalSpy>(watcher.get(), &MailboxWatcher::connectionEvent);
        watcher->scanOnce();
    }
    [[nodiscard]] MailboxScanSummary summary() const
    {
        return scanned->constFirst().constFirst().value<MailboxScanSummary>();
    }
};

} // namespace

void tst_ImapOAuth::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<SentCopyOutcome>();
    qRegisterMetaType<MailboxFeedback>();
    qRegisterMetaType<MailboxScanSummary>();
    qRegisterMetaType<ImapSessionClosure>();
}

void tst_ImapOAuth::init()
{
    OAuthServerOptions options;
    options.user = User; // the introspection's "username" is the mailbox Dovecot signs in
    m_oauth = std::make_unique<OAuthTestServer>(options);
    QVERIFY(m_oauth->start());
    const std::optional<OAuthSignInResult> signedIn = signInAt(*m_oauth, User);
    QVERIFY(signedIn);
    QVERIFY(!signedIn->refreshToken.isEmpty());
    m_refreshToken = signedIn->refreshToken;
    m_signedInToken = signedIn->accessToken;

    PrivateDovecotOptions dovecot;
    dovecot.username = User;
    dovecot.oauth2IntrospectionUrl = m_oauth->introspectionUrl();
    m_dovecot = std::make_unique<PrivateDovecot>(dovecot);
    QVERIFY(m_dovecot->start());
}

void tst_ImapOAuth::cleanup()
{
    m_dovecot.reset();
    m_oauth.reset();
}

std::unique_ptr<OAuth2TokenSource> tst_ImapOAuth::tokenSource() const
{
    return std::make_unique<OAuth2TokenSource>(m_oauth->settings(), User, m_refreshToken);
}

int tst_ImapOAuth::refreshGrants() const
{
    return m_oauth->stats().value(QLatin1String("refreshGrants")).toInt();
}

void tst_ImapOAuth::sentCopySignsInWithTheAccountsToken()
{
    const std::unique_ptr<OAuth2TokenSource> tokens = tokenSource();
    tokens->setInitialAccessToken(m_signedInToken); // fresh from the sign-in: used as it is
    Copier copier(m_dovecot->endpoint(), *tokens);
    copyIntoSent(copier, *m_dovecot, 3);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(copier.sessionsCreated(), 1);
    QCOMPARE(refreshGrants(), 0);
    QCOMPARE(m_dovecot->refusedSignIns("XOAUTH2"), 0);
    // The session really signed in with the token, not with a password.
    QVERIFY(!m_dovecot->logLinesContaining("method=XOAUTH2").isEmpty());
}

void tst_ImapOAuth::bounceScanSignsInWithTheAccountsToken()
{
    QVERIFY(m_dovecot->append(QStringLiteral("INBOX"),
                              bounceSample(QStringLiteral("exchange-recipient-not-found.eml"))));
    const std::unique_ptr<OAuth2TokenSource> tokens = tokenSource(); // no token yet: one refresh
    Scan scan(m_dovecot->endpoint(), *tokens);
    QVERIFY(scan.finished->wait(WaitMs));

    QCOMPARE(scan.scanned->size(), 1);
    QVERIFY2(scan.summary().isComplete(), qPrintable(scan.summary().error));
    QCOMPARE(scan.summary().bounces, 1);
    QCOMPARE(scan.found->size(), 1);
    QCOMPARE(refreshGrants(), 1);
    QCOMPARE(m_dovecot->refusedSignIns("XOAUTH2"), 0);
    QVERIFY(!m_dovecot->logLinesContaining("method=XOAUTH2").isEmpty());
}

void tst_ImapOAuth::refusedTokenIsRenewedOnce()
{
    // A token the client believes good for an hour, which the server no longer accepts (expired
    // early, revoked by the provider): refused once, renewed once, signed in with the new one.
    const std::unique_ptr<OAuth2TokenSource> tokens = tokenSource();
    AccessToken stale;
    stale.token = QStringLiteral("at-stale-token-the-server-forgot");
    stale.username = User;
    stale.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    tokens->setInitialAccessToken(stale);
    Copier copier(m_dovecot->endpoint(), *tokens);
    copyIntoSent(copier, *m_dovecot, 2);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(refreshGrants(), 1);
    QCOMPARE(tokens->refreshCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_dovecot->refusedSignIns("XOAUTH2"), 1, 10000);
    QCOMPARE(copier.sessionsCreated(), 2); // the refused one, then the one that copied
}

void tst_ImapOAuth::tokenAboutToExpireIsRenewedBeforeUse()
{
    // Valid at the server, but for less than the lease's margin: renewed before the session, so
    // that the server never sees it (SMTP's rule, AccessTokenLease::Margin).
    const std::unique_ptr<OAuth2TokenSource> tokens = tokenSource();
    AccessToken shortLived = m_signedInToken;
    shortLived.expiresAt = QDateTime::currentDateTimeUtc().addSecs(20);
    tokens->setInitialAccessToken(shortLived);
    Copier copier(m_dovecot->endpoint(), *tokens);
    QVERIFY(copier.copier->copy(keyOf(1), message(1)));
    copier.copier->finish();
    QVERIFY(copier.finished->wait(WaitMs));

    QCOMPARE(copier.outcomes().size(), 1);
    QCOMPARE(copier.outcomes().constFirst().result, SentCopyResult::Appended);
    QCOMPARE(refreshGrants(), 1);
    QCOMPARE(m_dovecot->refusedSignIns("XOAUTH2"), 0);
    QCOMPARE(copier.sessionsCreated(), 1);
}

void tst_ImapOAuth::tokenRefusedAfterRenewalEndsTheRunOnce()
{
    // Every token is refused (the account lost access to the mailbox, or the token lacks the
    // IMAP scope): one renewal, a second refusal, and the copier stops for this run. Every
    // message is reported, kept for a later run, with one reason naming the account.
    QVERIFY(m_oauth->refuseAccessTokens());
    const std::unique_ptr<OAuth2TokenSource> tokens = tokenSource();
    Copier copier(m_dovecot->endpoint(), *tokens);
    for (int i = 1; i <= 5; ++i)
        QVERIFY(copier.copier->copy(keyOf(i), message(i)));
    QVERIFY(QTest::qWaitFor([&] { return copier.copied->size() == 5; }, WaitMs));
    QCOMPARE(copier.finished->size(), 1);

    // A message delivered after the refusal does not start a session of its own.
    QVERIFY(copier.copier->copy(keyOf(6), message(6)));
    QCOMPARE(copier.copied->size(), 6);

    for (const SentCopyOutcome &outcome : copier.outcomes()) {
        QCOMPARE(outcome.result, SentCopyResult::Failed);
        QVERIFY(outcome.keptForLater);
        QVERIFY2(outcome.detail.contains(User), qPrintable(outcome.detail));
        QVERIFY2(outcome.detail.contains(QLatin1String("sign in again")),
                 qPrintable(outcome.detail));
    }
    QCOMPARE(copier.sessionsCreated(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(m_dovecot->refusedSignIns("XOAUTH2"), 2, 10000);
    QCOMPARE(refreshGrants(), 2); // the first token (none in hand), and the one renewal
    QCOMPARE(m_dovecot->messagesIn(QStringLiteral("Sent")).size(), 0);
}

void tst_ImapOAuth::revokedSignInEndsTheScanWithoutASession()
{
    // The refresh token is revoked (the user signed out elsewhere): no token, so no session; the
    // scan ends once, saying the account must sign in again.
    QVERIFY(m_oauth->revoke(m_refreshToken));
    const std::unique_ptr<OAuth2TokenSource> tokens = tokenSource();
    Scan scan(m_dovecot->endpoint(), *tokens);
    QVERIFY(scan.finished->wait(WaitMs));

    QCOMPARE(scan.scanned->size(), 1);
    const MailboxScanSummary summary = scan.summary();
    QVERIFY(!summary.isComplete());
    QVERIFY2(summary.error.contains(User), qPrintable(summary.error));
    QVERIFY2(summary.error.contains(QLatin1String("sign in again")), qPrintable(summary.error));
    QCOMPARE(scan.events->size(), 0); // not one IMAP session
    QCOMPARE(scan.finished->size(), 1);
}

void tst_ImapOAuth::unavailableTokenEndpointIsAskedAgainAfterAWait()
{
    // The provider's token endpoint answers 503 twice (an outage): no Sent copy is lost for it.
    // The copier asks again after the back-off's wait, signs in once a token comes, and copies.
    QVERIFY(m_oauth->makeTokenRequestsUnavailable(2));
    const std::unique_ptr<OAuth2TokenSource> tokens = tokenSource(); // no token yet
    SentCopierSettings settings;
    settings.firstReconnectDelay = 100ms;
    settings.maxReconnectDelay = 400ms;
    settings.maxFailedSessionsInARow = 3; // the third 503 would have ended it
    Copier copier(m_dovecot->endpoint(), *tokens, settings);
    copyIntoSent(copier, *m_dovecot, 2);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(m_oauth->stats().value(QLatin1String("unavailable")).toInt(), 2);
    QCOMPARE(refreshGrants(), 1);
    QCOMPARE(tokens->refreshCount(), 3);   // two refused by the outage, the one that worked
    QCOMPARE(copier.sessionsCreated(), 1); // no session without a token
}

void tst_ImapOAuth::tokenEndpointThatStaysDownEndsTheRunWithServerScope()
{
    // An outage that outlasts the bound: the session asks as many times as sessions may fail in
    // a row, waiting longer each time, then ends the run once, as a server that keeps failing
    // does (Server scope), not as a refused sign-in (Account scope: "sign in again").
    QVERIFY(m_oauth->makeTokenRequestsUnavailable(100));
    const std::unique_ptr<OAuth2TokenSource> tokens = tokenSource();
    ReconnectingImapSession session(m_dovecot->endpoint(),
                                    tokenCredentials(),
                                    SessionBackoff(50ms, 200ms, 3));
    session.signIn().setAccessTokenSource(tokens.get());
    QSignalSpy closed(&session, &ReconnectingImapSession::closed);
    QSignalSpy events(&session, &ReconnectingImapSession::connectionEvent);
    QSignalSpy ready(&session, &ReconnectingImapSession::ready);
    session.open();
    QVERIFY(closed.wait(WaitMs));

    QCOMPARE(closed.size(), 1);
    const auto ended = closed.constFirst().constFirst().value<ImapSessionClosure>();
    QCOMPARE(ended.scope, ImapClosureScope::Server);
    QVERIFY(ended.endsTheRun());
    QVERIFY2(ended.reason.contains(QLatin1String("3 tries in a row")), qPrintable(ended.reason));
    QVERIFY2(ended.reason.contains(QLatin1String("503")), qPrintable(ended.reason));
    QVERIFY2(!ended.reason.contains(QLatin1String("sign in again")), qPrintable(ended.reason));
    QVERIFY(session.hasEnded());
    QCOMPARE(m_oauth->stats().value(QLatin1String("unavailable")).toInt(), 3);
    QCOMPARE(tokens->refreshCount(), 3);
    QCOMPARE(events.size(), 0); // not one IMAP session
    QCOMPARE(ready.size(), 0);

    // Ended means ended: asking for a session again asks the provider no more.
    session.open();
    QCOMPARE(tokens->refreshCount(), 3);
}

QTEST_GUILESS_MAIN(tst_ImapOAuth)
#include "tst_imapoauth.moc"
