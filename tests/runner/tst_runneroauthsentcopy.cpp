// The copy to Sent of an OAuth2 account, as the real CampaignRunner makes it: SMTP is aiosmtpd
// accepting the tokens the local OAuth2 server issued, the mailbox a private Dovecot asking that
// server (introspection) whether a token is active. The run's one token source serves both: one
// token for SMTP and IMAP, no second refresh logic. A token the mailbox refuses, even after its
// renewal, stops the copies once with the account named, and the sending goes on untouched.
#include "oauth/oauth2tokensource.h"
#include "oauthtestserver.h"
#include "privatedovecot.h"
#include "realservers.h"
#include "runnertesthelpers.h"

#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;

class tst_RunnerOAuthSentCopy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void smtpAndTheMailboxShareOneToken();
    void mailboxRefusingTheTokenStopsTheCopiesOnce();

private:
    [[nodiscard]] CampaignPlan plan() const;
    [[nodiscard]] int refreshGrants() const;

    QTemporaryDir m_directory;
    std::unique_ptr<OAuthTestServer> m_oauth;
    std::unique_ptr<AiosmtpdServer> m_smtp;
    std::unique_ptr<PrivateDovecot> m_imap;
    QString m_refreshToken;
};

namespace {

constexpr int Recipients = 8;
const QString User = QStringLiteral("user@example.test");

CampaignSummary run(const CampaignPlan &plan)
{
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(plan);
    if (!recorder.waitForFinished(90'000))
        return {};
    return recorder.summary();
}

} // namespace

void tst_RunnerOAuthSentCopy::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setTestLogLevel();
}

void tst_RunnerOAuthSentCopy::init()
{
    OAuthServerOptions options;
    options.user = User;
    m_oauth = std::make_unique<OAuthTestServer>(options);
    QVERIFY(m_oauth->start());
    const std::optional<OAuthSignInResult> signedIn = signInAt(*m_oauth, User);
    QVERIFY(signedIn && !signedIn->refreshToken.isEmpty());
    m_refreshToken = signedIn->refreshToken;

    AiosmtpdOptions smtp;
    smtp.oauthTokensFile = m_oauth->tokensPath(); // every token the OAuth2 server issues
    m_smtp = std::make_unique<AiosmtpdServer>(smtp);
    QVERIFY(m_smtp->start());

    PrivateDovecotOptions imap;
    imap.username = User;
    imap.oauth2IntrospectionUrl = m_oauth->introspectionUrl();
    m_imap = std::make_unique<PrivateDovecot>(imap);
    QVERIFY(m_imap->start());
}

void tst_RunnerOAuthSentCopy::cleanup()
{
    m_imap.reset();
    m_smtp.reset();
    m_oauth.reset();
}

CampaignPlan tst_RunnerOAuthSentCopy::plan() const
{
    CampaignPlan plan = makePlan(Recipients, m_smtp->host(), m_smtp->port(), fastSettings(), User);
    plan.campaign.auth = AuthMethod::OAuth2;
    plan.campaign.filePath = m_directory.filePath(
        QStringLiteral("news-%1.bulkmail").arg(QLatin1String(QTest::currentTestFunction())));
    plan.campaign.mailbox.server = m_imap->endpoint();
    plan.campaign.mailbox.copyToSent = true; // username: the signed-in mailbox (server.username)
    // Never used: the account signs in with OAuth2, for SMTP and for the mailbox.
    plan.password = QStringLiteral("a password that must not be used");
    plan.mailboxPassword = QStringLiteral("nor this one");
    // No access token yet: the first one asked for serves both protocols.
    plan.tokens = std::make_shared<OAuth2TokenSource>(m_oauth->settings(), User, m_refreshToken);
    return plan;
}

int tst_RunnerOAuthSentCopy::refreshGrants() const
{
    return m_oauth->stats().value(QLatin1String("refreshGrants")).toInt();
}

void tst_RunnerOAuthSentCopy::smtpAndTheMailboxShareOneToken()
{
    const CampaignSummary summary = run(plan());
    QVERIFY2(summary.fatalError.isEmpty(), qPrintable(summary.fatalError));
    QCOMPARE(summary.sent, Recipients);
    QVERIFY(summary.sentCopies.enabled);
    QCOMPARE(summary.sentCopies.copied, Recipients);
    QCOMPARE(summary.sentCopies.failed, 0);
    QCOMPARE(m_imap->messagesIn(QStringLiteral("Sent")).size(), Recipients);

    QCOMPARE(refreshGrants(), 1); // one token, for SMTP and IMAP alike
    QCOMPARE(m_imap->refusedSignIns("XOAUTH2"), 0);
    QVERIFY(!m_imap->logLinesContaining("method=XOAUTH2").isEmpty());
    QVERIFY(m_imap->logLinesContaining("method=PLAIN").isEmpty());
}

void tst_RunnerOAuthSentCopy::mailboxRefusingTheTokenStopsTheCopiesOnce()
{
    // The mailbox refuses every token (the account's sign-in lacks IMAP, say), the SMTP server
    // takes them: every message is sent, and the copies stop after one renewal, kept for a later
    // run, with one reason that names the account.
    QVERIFY(m_oauth->refuseAccessTokens());
    const CampaignSummary summary = run(plan());
    QVERIFY2(summary.fatalError.isEmpty(), qPrintable(summary.fatalError));
    QCOMPARE(summary.sent, Recipients);
    QCOMPARE(summary.sentCopies.copied, 0);
    QCOMPARE(summary.sentCopies.failed, Recipients);
    QCOMPARE(summary.sentCopies.keptForLater, Recipients);
    QVERIFY2(summary.sentCopies.problem.contains(User), qPrintable(summary.sentCopies.problem));
    QVERIFY2(summary.sentCopies.problem.contains(QLatin1String("sign in again")),
             qPrintable(summary.sentCopies.problem));

    QTRY_COMPARE_WITH_TIMEOUT(m_imap->refusedSignIns("XOAUTH2"),
                              2,
                              10000); // the token, and its one renewal
    QCOMPARE(refreshGrants(), 2);
    QCOMPARE(m_imap->messagesIn(QStringLiteral("Sent")).size(), 0);
}

QTEST_GUILESS_MAIN(tst_RunnerOAuthSentCopy)
#include "tst_runneroauthsentcopy.moc"
