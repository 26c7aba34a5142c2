// AccessTokenLease: the pool's OAuth2 token bookkeeping, without sockets or a server.
#include "common/clock.h"
#include "delivery/accesstokenlease.h"

#include <QSignalSpy>
#include <QTest>

using namespace Bulkmail;
using namespace std::chrono_literals;

namespace {

// Answers only when told to, and records what it was asked.
class ScriptedTokenSource final : public AccessTokenSource
{
public:
    void requestToken(bool forceRefresh) override { requests.append(forceRefresh); }
    void answer(const QString &token, const QDateTime &expiresAt)
    {
        Q_EMIT tokenReady(AccessToken{token, QStringLiteral("office@example.com"), expiresAt});
    }
    void fail(bool signInRequired)
    {
        Q_EMIT tokenFailed(Error{ErrorCode::Connection, QStringLiteral("offline")}, signInRequired);
    }
    QList<bool> requests; // forceRefresh of each request
};

} // namespace

class TestAccessTokenLease : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneRequestAtATime();
    void aTokenNeedsItsMarginUnlessJustReceived();
    void oneForcedRefreshPerRefusal();
    void refusalOfAReplacedTokenIsNotASecondOne();
    void signInRequiredDropsTheToken();
};

void TestAccessTokenLease::oneRequestAtATime()
{
    ManualClock clock;
    ScriptedTokenSource source;
    AccessTokenLease lease(source, clock);
    QVERIFY(!lease.hasUsableToken());
    QVERIFY(!lease.grant());
    lease.request();
    lease.request(); // under way: not asked twice
    QCOMPARE(source.requests, QList<bool>{false});
    QSignalSpy ready(&lease, &AccessTokenLease::ready);
    source.answer(QStringLiteral("t1"), clock.currentDateTimeUtc().addSecs(3600));
    QCOMPARE(ready.size(), 1);
    QVERIFY(lease.hasUsableToken());
    const std::optional<AccessTokenLease::Grant> grant = lease.grant();
    QVERIFY(grant);
    QCOMPARE(grant->token.token, QStringLiteral("t1"));
    QCOMPARE(grant->generation, 1);
    QCOMPARE(lease.requests(), 1);
}

void TestAccessTokenLease::aTokenNeedsItsMarginUnlessJustReceived()
{
    ManualClock clock;
    ScriptedTokenSource source;
    AccessTokenLease lease(source, clock);
    lease.request();
    source.answer(QStringLiteral("short"), clock.currentDateTimeUtc().addSecs(30));
    QVERIFY(lease.hasUsableToken()); // fresh: used, though short-lived
    QVERIFY(lease.grant());
    QVERIFY(!lease.hasUsableToken()); // once used, it needs AccessTokenLease::Margin
    clock.advance(31s);
    QVERIFY(!lease.hasUsableToken());
}

void TestAccessTokenLease::oneForcedRefreshPerRefusal()
{
    ManualClock clock;
    ScriptedTokenSource source;
    AccessTokenLease lease(source, clock);
    lease.request();
    source.answer(QStringLiteral("t1"), {});
    const int first = lease.grant()->generation;
    QCOMPARE(lease.refused(first), AccessTokenLease::Refusal::Refreshing);
    QVERIFY(!lease.hasUsableToken());
    lease.request();
    QCOMPARE(source.requests, (QList<bool>{false, true})); // forced
    source.answer(QStringLiteral("t2"), {});
    const int second = lease.grant()->generation;
    QCOMPARE(second, 2);
    // Refused again before any sign-in worked: fatal, like a wrong password.
    QCOMPARE(lease.refused(second), AccessTokenLease::Refusal::Fatal);
    // After a good sign-in, a later refusal may be refreshed once again.
    lease.signedIn(second);
    QCOMPARE(lease.refused(second), AccessTokenLease::Refusal::Refreshing);
}

void TestAccessTokenLease::refusalOfAReplacedTokenIsNotASecondOne()
{
    ManualClock clock;
    ScriptedTokenSource source;
    AccessTokenLease lease(source, clock);
    lease.request();
    source.answer(QStringLiteral("t1"), {});
    const int generation = lease.grant()->generation;
    QCOMPARE(lease.refused(generation), AccessTokenLease::Refusal::Refreshing);
    // A second connection that signed in with the same token is refused too.
    QCOMPARE(lease.refused(generation), AccessTokenLease::Refusal::AlreadyReplacing);
    lease.request();
    source.answer(QStringLiteral("t2"), {});
    QCOMPARE(lease.refused(generation), AccessTokenLease::Refusal::AlreadyReplacing);
}

void TestAccessTokenLease::signInRequiredDropsTheToken()
{
    ManualClock clock;
    ScriptedTokenSource source;
    AccessTokenLease lease(source, clock);
    lease.request();
    source.answer(QStringLiteral("t1"), {});
    QSignalSpy failed(&lease, &AccessTokenLease::failed);
    lease.request(); // a refresh while the token is still usable
    source.fail(true);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(1).toBool(), true);
    QVERIFY(!lease.hasUsableToken());
    // A temporary failure keeps the token; the next request is an ordinary one.
    lease.request();
    source.fail(false);
    QCOMPARE(source.requests, (QList<bool>{false, false, false}));
}

QTEST_GUILESS_MAIN(TestAccessTokenLease)
#include "tst_accesstokenlease.moc"
