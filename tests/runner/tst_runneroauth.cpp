// The runner with OAuth2 (XOAUTH2/OAUTHBEARER) against Debian's aiosmtpd checking access tokens
// (aiosmtpd_server.py --oauth-tokens): one login for a whole campaign on a reused connection, a
// token the server starts refusing mid-campaign (one forced refresh, a new connection, nothing
// lost or duplicated), a revoked refresh token (the campaign pauses and asks to sign in again,
// nothing failed, then completes after resume()), a token service that is down, refusals that no
// refresh can fix, and no token in any log or campaign file.
//
// TestTokenSource plays the signed-in account: it mints random tokens and appends them to the
// server's token file, the way the authorization server of the tests issues tokens the SMTP server
// accepts.

#include "logging/logging.h"
#include "oauth/accesstokensource.h"
#include "realservers.h"
#include "runner/enginethread.h"
#include "runnertesthelpers.h"

#include <QDirIterator>
#include <QFile>
#include <QPointer>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;
using Status = RecipientResult::Status;

namespace {

const QString SignedInMailbox = QStringLiteral("mailer@example.org");

class TestTokenSource final : public AccessTokenSource
{
    Q_OBJECT

public:
    enum class Mode {
        Working,
        Revoked,      // the refresh token is revoked: tokenFailed(signInRequired = true)
        NetworkDown,  // the token endpoint is unreachable: tokenFailed(signInRequired = false)
        IssueRefused, // issues tokens the server does not accept (expired in its file)
        IssueNoScope, // issues tokens without the scope the server wants
    };

    TestTokenSource(QString tokensFile, std::chrono::seconds lifetime = 3600s)
        : m_tokensFile(std::move(tokensFile))
        , m_lifetime(lifetime)
    {}

    // Set from the test's thread while the source may live in the engine thread: atomics.
    void setMode(Mode mode) { m_mode = mode; }
    // NetworkDown for the next `count` requests, then Working.
    void failNextRequests(int count)
    {
        m_failuresLeft = count;
        m_mode = Mode::NetworkDown;
    }
    // Refused only for its first use: the next token works.
    void refuseNextToken() { m_refuseNext = true; }

    // The server starts refusing the current token (it believes it is still valid for an hour).
    void expireCurrentToken()
    {
        if (!m_current.token.isEmpty())
            append(m_current.token, QDateTime::currentSecsSinceEpoch() - 1);
    }

    void requestToken(bool forceRefresh) override
    {
        ++requests;
        if (forceRefresh)
            ++forcedRequests;
        // The contract: the answer comes later, from the event loop.
        QMetaObject::invokeMethod(
            this, [this, forceRefresh] { answer(forceRefresh); }, Qt::QueuedConnection);
    }

    std::atomic<int> requests = 0;
    std::atomic<int> forcedRequests = 0;
    QStringList issued; // read only after the run (or in the source's thread)

private:
    void answer(bool forceRefresh)
    {
        switch (m_mode.load()) {
        case Mode::Revoked:
            Q_EMIT tokenFailed(Error{ErrorCode::Authentication,
                                     QStringLiteral("the refresh token was revoked "
                                                    "(invalid_grant); sign in again")},
                               true);
            return;
        case Mode::NetworkDown:
            if (--m_failuresLeft <= 0)
                m_mode = Mode::Working;
            Q_EMIT tokenFailed(Error{ErrorCode::Connection,
                                     QStringLiteral("cannot reach the token endpoint")},
                               false);
            return;
        default:
            break;
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (!forceRefresh && !m_current.token.isEmpty() && now.secsTo(m_current.expiresAt) >= 60) {
            Q_EMIT tokenReady(m_current);
            return;
        }
        m_current.token = QStringLiteral("ya29.test-")
                          + QString::number(QRandomGenerator::global()->generate64(), 36)
                          + QString::number(QRandomGenerator::global()->generate64(), 36);
        m_current.username = SignedInMailbox;
        m_current.expiresAt = now.addSecs(m_lifetime.count());
        issued.append(m_current.token);
        const bool refused = m_mode == Mode::IssueRefused || m_refuseNext.exchange(false);
        append(m_current.token,
               refused ? now.toSecsSinceEpoch() - 1 : m_current.expiresAt.toSecsSinceEpoch(),
               m_mode == Mode::IssueNoScope
                   ? QStringLiteral("https://www.googleapis.com/auth/gmail.send")
                   : QString());
        Q_EMIT tokenReady(m_current);
    }

    void append(const QString &token, qint64 expires, const QString &scope = {})
    {
        QFile file(m_tokensFile);
        if (!file.open(QIODevice::Append)) {
            qWarning("cannot append to %s", qPrintable(m_tokensFile));
            return;
        }
        QByteArray line = QStringLiteral("{\"token\": \"%1\", \"user\": \"%2\", \"expires\": %3")
                              .arg(token, SignedInMailbox)
                              .arg(expires)
                              .toUtf8();
        if (!scope.isEmpty())
            line += ", \"scope\": \"" + scope.toUtf8() + '"';
        file.write(line + "}\n");
    }

    const QString m_tokensFile;
    const std::chrono::seconds m_lifetime;
    std::atomic<Mode> m_mode = Mode::Working;
    std::atomic<int> m_failuresLeft = 0;
    std::atomic<bool> m_refuseNext = false;
    AccessToken m_current;
};

// An aiosmtpd that checks access tokens, the token file, and a plan that signs in with them.
struct OAuthSetup
{
    explicit OAuthSetup(const QString &onlyMechanism = {}, std::chrono::seconds lifetime = 3600s)
    {
        tokensFile = directory.filePath(QStringLiteral("tokens.jsonl"));
        QFile file(tokensFile);
        if (!file.open(QIODevice::WriteOnly))
            qWarning("cannot create %s", qPrintable(tokensFile));
        AiosmtpdOptions options;
        options.oauthTokensFile = tokensFile;
        options.onlyAuthMechanism = onlyMechanism;
        server = std::make_unique<AiosmtpdServer>(options);
        source = std::make_shared<TestTokenSource>(tokensFile, lifetime);
    }

    [[nodiscard]] CampaignPlan plan(int total,
                                    const DeliverySettings &settings = fastSettings()) const
    {
        CampaignPlan result = makePlan(total,
                                       server->host(),
                                       server->port(),
                                       settings,
                                       SignedInMailbox);
        result.password = QStringLiteral("a password that must not be used");
        result.tokens = source;
        return result;
    }

    // Messages the server has taken so far: cheap enough to poll every few milliseconds.
    [[nodiscard]] int receivedCount() const
    {
        QFile file(server->recordPath());
        if (!file.open(QIODevice::ReadOnly))
            return 0;
        return int(file.readAll().count("\"event\": \"message\""));
    }

    QTemporaryDir directory;
    QString tokensFile;
    std::unique_ptr<AiosmtpdServer> server;
    std::shared_ptr<TestTokenSource> source;
};

// 100 messages, 20 per connection, 15 ms apart: five connections, and time to act after message 50.
DeliverySettings pacedSettings()
{
    DeliverySettings settings = fastSettings();
    settings.maxMessagesPerConnection = 20;
    settings.rateLimits.delayBetweenMessages = 15ms;
    return settings;
}

} // namespace

class TestRunnerOAuth final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void twoHundredMessagesOneLogin();
    void oauthBearerOnly();
    void tokenLifetime_data();
    void tokenLifetime();
    void tokenRefusedMidCampaign();
    void revokedRefreshTokenPauses_data();
    void revokedRefreshTokenPauses();
    void tokenServiceUnreachable_data();
    void tokenServiceUnreachable();
    void refusedAgainAfterRefreshIsFatal();
    void missingScopeIsFatalWithoutRefresh();
    void tokenNeverLogged(); // last: it replaces the process's logger
};

void TestRunnerOAuth::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setTestLogLevel();
}

void TestRunnerOAuth::twoHundredMessagesOneLogin()
{
    // In an engine thread, as the GUI and the CLI run it: the source goes there and comes back.
    constexpr int total = 200;
    OAuthSetup setup;
    QVERIFY(setup.server->start());

    EngineThread engine = startEngineThread();
    CampaignRunner *runner = createRunnerIn(engine);
    {
        RunRecorder recorder(*runner);
        runner->start(setup.plan(total)); // maxMessagesPerConnection 0: one connection
        QVERIFY(recorder.waitForFinished(60'000));
        QCOMPARE(setup.source->thread(), QThread::currentThread()); // moved back before finished

        const CampaignSummary summary = recorder.summary();
        QCOMPARE(summary.fatalError, QString());
        QCOMPARE(summary.sent, total);
        QCOMPARE(summary.failed, 0);
        QCOMPARE(summary.connections, 1);
        QCOMPARE(summary.logins, 1);
        QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
        QCOMPARE(setup.source->requests.load(), 1);
        QCOMPARE(setup.source->forcedRequests.load(), 0);
        QCOMPARE(setup.source->issued.size(), 1);

        QTRY_COMPARE(int(setup.server->receivedMessages().size()), total);
        const QList<ReceivedMessage> received = setup.server->receivedMessages();
        QVERIFY_CHECK(checkEachReceivedOnce(received, total));
        for (int i = 0; i < total; ++i) {
            QCOMPARE(received.at(i).connection, 1);
            QCOMPARE(received.at(i).indexInConnection, i + 1);
        }
        QCOMPARE(setup.server->connectionCount(), 1);
        QCOMPARE(setup.server->authAttempts(), 1);
        QCOMPARE(setup.server->successfulLogins(), 1);
        QCOMPARE(setup.server->authEvents().constFirst().mechanism, QStringLiteral("XOAUTH2"));
        QCOMPARE(setup.server->authEvents().constFirst().user, SignedInMailbox);
    }
    engine.reset();
}

void TestRunnerOAuth::oauthBearerOnly()
{
    constexpr int total = 10;
    OAuthSetup setup(QStringLiteral("OAUTHBEARER"));
    QVERIFY(setup.server->start());
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(setup.plan(total));
    QVERIFY(recorder.waitForFinished());

    QCOMPARE(recorder.summary().fatalError, QString());
    QCOMPARE(recorder.summary().sent, total);
    QCOMPARE(recorder.summary().logins, 1);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    QVERIFY_CHECK(checkEachReceivedOnce(setup.server->receivedMessages(), total));
    QCOMPARE(setup.server->authEvents().size(), 1);
    QCOMPARE(setup.server->authEvents().constFirst().mechanism, QStringLiteral("OAUTHBEARER"));
    QVERIFY(setup.server->authEvents().constFirst().success);
}

void TestRunnerOAuth::tokenLifetime_data()
{
    QTest::addColumn<int>("lifetimeSeconds");
    QTest::addColumn<int>("expectedRequests");

    // Three connections of ten messages each.
    QTest::newRow("an hour: one token for every connection") << 3600 << 1;
    // Less than the minute a connection needs: each new connection gets a new token.
    QTest::newRow("30 seconds: a new token per connection") << 30 << 3;
}

void TestRunnerOAuth::tokenLifetime()
{
    QFETCH(int, lifetimeSeconds);
    QFETCH(int, expectedRequests);
    constexpr int total = 30;

    OAuthSetup setup({}, std::chrono::seconds(lifetimeSeconds));
    QVERIFY(setup.server->start());
    DeliverySettings settings = fastSettings();
    settings.maxMessagesPerConnection = 10;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(setup.plan(total, settings));
    QVERIFY(recorder.waitForFinished());

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, total);
    QCOMPARE(summary.connections, 3);
    QCOMPARE(summary.logins, 3);
    QCOMPARE(setup.source->requests.load(), expectedRequests);
    QCOMPARE(setup.source->forcedRequests.load(), 0);
    QCOMPARE(setup.source->issued.size(), expectedRequests);
    QCOMPARE(setup.server->successfulLogins(), 3);
    QCOMPARE(setup.server->authAttempts(), 3);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    QVERIFY_CHECK(checkEachReceivedOnce(setup.server->receivedMessages(), total));
}

void TestRunnerOAuth::tokenRefusedMidCampaign()
{
    constexpr int total = 100;
    OAuthSetup setup;
    QVERIFY(setup.server->start());
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(setup.plan(total, pacedSettings()));

    // After message 50 the server refuses the token; connection 3 (messages 41-60) is signed in
    // already, so the next connection is refused: one forced refresh, then a new connection.
    QVERIFY(QTest::qWaitFor([&] { return setup.receivedCount() >= 50; }, 20'000));
    setup.source->expireCurrentToken();
    QVERIFY(recorder.waitForFinished(60'000));

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, total);
    QCOMPARE(summary.failed, 0);
    QCOMPARE(summary.notSent, 0);
    QCOMPARE(summary.unconfirmed, 0);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    QCOMPARE(recorder.countWithStatus(Status::Retrying), 0); // nothing was in flight or lost
    QCOMPARE(summary.connections, 5);
    QCOMPARE(summary.logins, 5);
    QCOMPARE(setup.source->requests.load(), 2);
    QCOMPARE(setup.source->forcedRequests.load(), 1);
    QCOMPARE(setup.source->issued.size(), 2);

    QTRY_COMPARE(int(setup.server->receivedMessages().size()), total);
    QVERIFY_CHECK(checkEachReceivedOnce(setup.server->receivedMessages(), total));
    const QList<AuthEvent> auths = setup.server->authEvents();
    QCOMPARE(auths.size(), 6);
    int refused = 0;
    for (const AuthEvent &auth : auths) {
        if (auth.success)
            continue;
        ++refused;
        QCOMPARE(auth.failure, QStringLiteral("expired"));
        QCOMPARE(auth.challengeAnswer, QStringLiteral("empty")); // XOAUTH2's answer
    }
    QCOMPARE(refused, 1);
    QCOMPARE(setup.server->connectionCount(), 6);
}

void TestRunnerOAuth::revokedRefreshTokenPauses_data()
{
    QTest::addColumn<bool>("atStart");
    QTest::addColumn<int>("expectedForced");
    QTest::addColumn<int>("expectedConnections");

    QTest::newRow("revoked before the first message") << true << 0 << 5;
    // Refused after message 50; the forced refresh finds the refresh token revoked. After resume
    // the request is forced again: the refused token is not offered a second time.
    QTest::newRow("revoked at the refresh after a refusal") << false << 2 << 5;
}

void TestRunnerOAuth::revokedRefreshTokenPauses()
{
    QFETCH(bool, atStart);
    QFETCH(int, expectedForced);
    QFETCH(int, expectedConnections);
    constexpr int total = 100;

    OAuthSetup setup;
    QVERIFY(setup.server->start());
    CampaignRunner runner;
    RunRecorder recorder(runner);
    QSignalSpy signIn(&runner, &CampaignRunner::signInRequired);
    if (atStart)
        setup.source->setMode(TestTokenSource::Mode::Revoked);
    runner.start(setup.plan(total, pacedSettings()));
    if (!atStart) {
        QVERIFY(QTest::qWaitFor([&] { return setup.receivedCount() >= 50; }, 20'000));
        setup.source->setMode(TestTokenSource::Mode::Revoked);
        setup.source->expireCurrentToken();
    }

    QVERIFY(signIn.wait(20'000));
    QCOMPARE(signIn.count(), 1);
    QVERIFY2(signIn.constFirst().constFirst().toString().contains(QLatin1String("revoked")),
             qPrintable(signIn.constFirst().constFirst().toString()));
    // Paused, waiting for the user; nothing failed and the run is not over.
    QTRY_VERIFY(!recorder.progress().isEmpty() && recorder.progress().constLast().paused
                && recorder.progress().constLast().waitingForSignIn);
    QVERIFY(!recorder.isFinished());
    QCOMPARE(recorder.countWithStatus(Status::Failed), 0);
    const int sentBeforePause = setup.receivedCount();
    QVERIFY(atStart ? sentBeforePause == 0 : sentBeforePause >= 50 && sentBeforePause < total);
    QCOMPARE(recorder.progress().constLast().remaining, total - sentBeforePause);

    // The user signs in again.
    setup.source->setMode(TestTokenSource::Mode::Working);
    runner.resume();
    QVERIFY(recorder.waitForFinished(60'000));

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.fatalError, QString());
    QCOMPARE(summary.sent, total);
    QCOMPARE(summary.failed, 0);
    QCOMPARE(summary.notSent, 0);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
    QCOMPARE(signIn.count(), 1);
    QCOMPARE(setup.source->forcedRequests.load(), expectedForced);
    QCOMPARE(summary.connections, expectedConnections);
    QCOMPARE(recorder.progress().constLast().waitingForSignIn, false);
    QTRY_COMPARE(int(setup.server->receivedMessages().size()), total);
    QVERIFY_CHECK(checkEachReceivedOnce(setup.server->receivedMessages(), total));
}

void TestRunnerOAuth::tokenServiceUnreachable_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<bool>("completes");

    QTest::newRow("one failure: retried after a second") << 1 << true;
    QTest::newRow("three failures in a row: the campaign stops") << 3 << false;
}

void TestRunnerOAuth::tokenServiceUnreachable()
{
    QFETCH(int, failures);
    QFETCH(bool, completes);
    constexpr int total = 5;

    OAuthSetup setup;
    QVERIFY(setup.server->start());
    setup.source->failNextRequests(failures);
    CampaignRunner runner;
    RunRecorder recorder(runner);
    QSignalSpy signIn(&runner, &CampaignRunner::signInRequired);
    runner.start(setup.plan(total));
    QVERIFY(recorder.waitForFinished(30'000));

    const CampaignSummary summary = recorder.summary();
    QCOMPARE(signIn.count(), 0);
    QCOMPARE(summary.failed, 0);
    if (completes) {
        QCOMPARE(summary.fatalError, QString());
        QCOMPARE(summary.sent, total);
        QCOMPARE(setup.source->requests.load(), failures + 1);
        QVERIFY_CHECK(recorder.checkEachEndedOnce(total));
        return;
    }
    QVERIFY2(summary.fatalError.contains(QLatin1String("could not get an OAuth2 access token")),
             qPrintable(summary.fatalError));
    QCOMPARE(summary.sent, 0);
    QCOMPARE(summary.notSent, total);
    QCOMPARE(setup.source->requests.load(), failures);
    QCOMPARE(setup.server->connectionCount(), 0);
}

void TestRunnerOAuth::refusedAgainAfterRefreshIsFatal()
{
    constexpr int total = 5;
    OAuthSetup setup;
    QVERIFY(setup.server->start());
    setup.source->setMode(TestTokenSource::Mode::IssueRefused);
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(setup.plan(total));
    QVERIFY(recorder.waitForFinished(30'000));

    const CampaignSummary summary = recorder.summary();
    QVERIFY2(summary.fatalError.contains(QLatin1String("the server refused the access token: it "
                                                       "has expired or was revoked (535 5.7.8; "
                                                       "status 401)")),
             qPrintable(summary.fatalError));
    QCOMPARE(summary.sent, 0);
    QCOMPARE(summary.failed, 0); // the account's problem, not the recipients'
    QCOMPARE(summary.notSent, total);
    QCOMPARE(summary.logins, 0);
    QVERIFY_CHECK(recorder.checkEachEndedOnce(total, {}, {0, 1, 2, 3, 4}));
    // One refresh, so two sign-ins: never one per recipient.
    QCOMPARE(setup.source->forcedRequests.load(), 1);
    QCOMPARE(setup.server->authAttempts(), 2);
    QCOMPARE(setup.server->connectionCount(), 2);
    for (const AuthEvent &auth : setup.server->authEvents())
        QCOMPARE(auth.challengeAnswer, QStringLiteral("empty"));
}

void TestRunnerOAuth::missingScopeIsFatalWithoutRefresh()
{
    constexpr int total = 3;
    OAuthSetup setup;
    QVERIFY(setup.server->start());
    setup.source->setMode(TestTokenSource::Mode::IssueNoScope);
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(setup.plan(total));
    QVERIFY(recorder.waitForFinished(30'000));

    const CampaignSummary summary = recorder.summary();
    QVERIFY2(summary.fatalError.contains(QLatin1String("lacks the permission to send mail"))
                 && summary.fatalError.contains(QLatin1String("https://mail.google.com/")),
             qPrintable(summary.fatalError));
    QCOMPARE(summary.failed, 0);
    QCOMPARE(summary.notSent, total);
    QCOMPARE(setup.source->forcedRequests.load(), 0); // a new token would lack it too
    QCOMPARE(setup.server->authAttempts(), 1);
}

void TestRunnerOAuth::tokenNeverLogged()
{
    constexpr int total = 10;
    QTemporaryDir logs;
    QTemporaryDir campaignFolder;
    QVERIFY(initializeLogging({.directory = logs.path(), .level = spdlog::level::debug}));
    qputenv("BULKMAIL_SMTP_TRANSCRIPT", "1");
    const auto restore = qScopeGuard([] {
        qunsetenv("BULKMAIL_SMTP_TRANSCRIPT");
        shutdownLogging();
    });

    OAuthSetup setup;
    QVERIFY(setup.server->start());
    setup.source->refuseNextToken(); // the first token is refused: challenge, refresh, new token
    CampaignPlan plan = setup.plan(total);
    plan.campaign.filePath = campaignFolder.filePath(QStringLiteral("newsletter.bulkmail"));
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(plan);
    QVERIFY(recorder.waitForFinished());
    QCOMPARE(recorder.summary().fatalError, QString());
    QCOMPARE(recorder.summary().sent, total);
    QCOMPARE(setup.source->issued.size(), 2);
    shutdownLogging(); // flushes and closes the file

    QStringList needles;
    for (const QString &token : std::as_const(setup.source->issued)) {
        needles << token << QString::fromLatin1(token.toUtf8().toBase64());
        const QByteArray response = "user=" + SignedInMailbox.toUtf8()
                                    + "\x01"
                                      "auth=Bearer "
                                    + token.toUtf8() + "\x01\x01";
        needles << QString::fromLatin1(response.toBase64());
    }
    int filesRead = 0;
    QByteArray log;
    for (const QString &folder : {logs.path(), campaignFolder.path()}) {
        QDirIterator files(folder, QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray contents = file.readAll();
            ++filesRead;
            if (file.fileName().endsWith(QLatin1String(".log")))
                log += contents;
            for (const QString &needle : std::as_const(needles))
                QVERIFY2(!contents.contains(needle.toUtf8()),
                         qPrintable(file.fileName() + QStringLiteral(" contains a token")));
        }
    }
    QVERIFY(filesRead >= 2); // the log and the journal
    // The transcript was on, the refusal and the refresh happened: the test could have failed.
    QVERIFY2(log.contains("C: AUTH XOAUTH2 <redacted>"), log.constData());
    QVERIFY2(log.contains("S: 334 <redacted>"), log.constData());
    QVERIFY2(log.contains("refused the OAuth2 access token"), log.constData());
}

QTEST_GUILESS_MAIN(TestRunnerOAuth)
#include "tst_runneroauth.moc"
