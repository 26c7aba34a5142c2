// Every way the scheduler stops a campaign carries a code with its arguments, so that the window
// can say it in the user's language; the English sentence (for the log and the CLI) is made
// from the same code and arguments. Driven by a ManualClock: no sockets, no sleeping.
#include "common/clock.h"
#include "delivery/deliverypolicy.h"
#include "delivery/deliveryscheduler.h"
#include "delivery/enginereason.h"
#include "delivery/ratelimiter.h"
#include "smtp/replyclassifier.h"

#include <QTest>

using namespace Bulkmail;
using namespace std::chrono_literals;
using Code = EngineReason::Code;

namespace {

MessageOutcome outcome(int index, SmtpStage stage, int code, const QString &text)
{
    MessageOutcome o;
    o.messageId = quint64(index);
    o.stage = stage;
    o.reply.code = code;
    o.reply.lines = {text.toUtf8()};
    o.classification = classifyReply(o.reply, stage);
    return o;
}

// A scheduler with its policy and limiter, giving up on a server after one minute.
struct Engine
{
    explicit Engine(int recipients)
    {
        settings.giveUpAfter = 1min;
        limiter = std::make_unique<RateLimiter>(settings.rateLimits, clock);
        policy = std::make_unique<DeliveryPolicy>(settings, clock);
        scheduler = std::make_unique<DeliveryScheduler>(recipients,
                                                        settings,
                                                        *limiter,
                                                        *policy,
                                                        clock);
        for (int i = 0; i < recipients; ++i)
            scheduler->enqueue(i, 0, false);
    }
    // The next recipient, waiting (on the manual clock) for whatever holds it.
    int take()
    {
        for (int guard = 0; guard < 1000; ++guard) {
            if (const std::optional<int> next = scheduler->takeNext())
                return *next;
            clock.advance(scheduler->timeUntilNext().value_or(1s));
        }
        return -1;
    }
    DeliverySettings settings;
    ManualClock clock;
    std::unique_ptr<RateLimiter> limiter;
    std::unique_ptr<DeliveryPolicy> policy;
    std::unique_ptr<DeliveryScheduler> scheduler;
};

} // namespace

class TestEngineReasons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quotaStopCarriesTheServersReply();
    void otherAccountStopCarriesTheClassifiersWords();
    void serverDownTooLongCarriesMinutesAndLastAnswer();
    void serverUnreachableTooLongCarriesMinutesAndLastAttempt();
    void englishIsMadeFromTheCode_data();
    void englishIsMadeFromTheCode();
};

void TestEngineReasons::quotaStopCarriesTheServersReply()
{
    Engine engine(2);
    const int index = engine.take();
    const MessageOutcome quota = outcome(index,
                                         SmtpStage::MailFrom,
                                         550,
                                         QStringLiteral(
                                             "5.4.5 Daily user sending quota exceeded."));
    QCOMPARE(quota.classification.verdict, ReplyVerdict::QuotaExhausted);
    const DeliveryDecision decision = engine.scheduler->onOutcome(index, quota);
    QCOMPARE(decision.kind, DeliveryDecision::Kind::Stopped);
    QCOMPARE(decision.stopReason.code, Code::QuotaExhausted);
    QCOMPARE(decision.stopReason.arguments, QStringList{quota.reply.toString()});
    QVERIFY2(decision.stopReason.english.contains(u"sending quota is used up"),
             qPrintable(decision.stopReason.english));
}

void TestEngineReasons::otherAccountStopCarriesTheClassifiersWords()
{
    Engine engine(1);
    const int index = engine.take();
    const MessageOutcome refused = outcome(index,
                                           SmtpStage::MailFrom,
                                           530,
                                           QStringLiteral("5.7.0 Authentication required"));
    QCOMPARE(scopeOf(refused.classification.verdict, refused.stage), FailureScope::Account);
    const DeliveryDecision decision = engine.scheduler->onOutcome(index, refused);
    QCOMPARE(decision.kind, DeliveryDecision::Kind::Stopped);
    // The classifier's explanation is already in the user's words: no code would add to it.
    QCOMPARE(decision.stopReason.code, Code::Other);
    QCOMPARE(decision.stopReason.english, refused.classification.explanation);
    QCOMPARE(decision.stopReason.arguments, QStringList{refused.classification.explanation});
}

void TestEngineReasons::serverDownTooLongCarriesMinutesAndLastAnswer()
{
    Engine engine(3);
    const auto unavailable = [](int index) {
        return outcome(index,
                       SmtpStage::MailFrom,
                       451,
                       QStringLiteral("4.7.1 Service unavailable - try again later"));
    };
    int index = engine.take();
    QCOMPARE(unavailable(index).classification.verdict, ReplyVerdict::ServiceUnavailable);
    DeliveryDecision decision = engine.scheduler->onOutcome(index, unavailable(index));
    // The first pause is a pause, with no reason to stop.
    QCOMPARE(decision.scope, FailureScope::Site);
    QVERIFY(decision.stopReason.isEmpty());
    engine.clock.advance(2min);
    index = engine.take();
    const MessageOutcome last = unavailable(index);
    decision = engine.scheduler->onOutcome(index, last);
    QCOMPARE(decision.stopReason.code, Code::SiteDownTooLong);
    QCOMPARE(decision.stopReason.arguments,
             (QStringList{QStringLiteral("1"), last.reply.toString()}));
}

void TestEngineReasons::serverUnreachableTooLongCarriesMinutesAndLastAttempt()
{
    Engine engine(1);
    QVERIFY(!engine.scheduler->onSiteUnreachable(QStringLiteral("could not connect: refused")));
    engine.clock.advance(61s);
    const std::optional<EngineReason> giveUp = engine.scheduler->onSiteUnreachable(
        QStringLiteral("could not connect: timed out"));
    QVERIFY(giveUp);
    QCOMPARE(giveUp->code, Code::SiteUnreachableTooLong);
    QCOMPARE(giveUp->arguments,
             (QStringList{QStringLiteral("1"), QStringLiteral("could not connect: timed out")}));
}

void TestEngineReasons::englishIsMadeFromTheCode_data()
{
    QTest::addColumn<EngineReason>("reason");
    QTest::addColumn<QString>("english");
    QTest::newRow("none") << EngineReason() << QString();
    QTest::newRow("other") << EngineReason::other(QStringLiteral("the server refused the login"))
                           << QStringLiteral("the server refused the login");
    QTest::newRow("empty other is no reason") << EngineReason::other(QString()) << QString();
    QTest::newRow("journal") << EngineReason::make(Code::JournalWriteFailed,
                                                   {QStringLiteral("disk full")})
                             << QStringLiteral("writing the send journal failed: disk full");
    QTest::newRow("quota") << EngineReason::make(Code::QuotaExhausted,
                                                 {QStringLiteral("550 5.4.5 quota")})
                           << QStringLiteral("The account's sending quota is used up (550 5.4.5 "
                                             "quota). Nothing was marked failed; send the rest "
                                             "later.");
}

void TestEngineReasons::englishIsMadeFromTheCode()
{
    QFETCH(EngineReason, reason);
    QFETCH(QString, english);
    QCOMPARE(reason.english, english);
    QCOMPARE(reason.isEmpty(), english.isEmpty());
}

QTEST_GUILESS_MAIN(TestEngineReasons)
#include "tst_enginereasons.moc"
