// A deterministic simulation of the delivery decisions (DeliveryScheduler + DeliveryPolicy +
// RateLimiter, the code the runner calls) against a simulated server whose faults are drawn from
// a seeded schedule: outages, milter tempfails, greylisting, throttling windows, permanent
// refusals, drops before and after the final dot, 421s. Time is a ManualClock: thousands of
// schedules run in a second. After each, the invariants the product promises are checked:
// nobody is skipped, nobody gets it twice unless flagged, the server is never hammered.
// A failure prints its seed; BULKMAIL_SIMULATION_SEED=<seed> replays one.
#include "common/clock.h"
#include "delivery/deliverypolicy.h"
#include "delivery/deliveryscheduler.h"
#include "delivery/ratelimiter.h"
#include "testseeds.h"

#include <QTest>

#include <cmath>
#include <deque>
#include <random>

using namespace Bulkmail;
using namespace std::chrono_literals;
using Final = DeliveryScheduler::Final;

namespace {

struct Schedule
{
    int recipients = 0;
    DeliverySettings settings;
    // Server faults.
    std::vector<std::pair<qint64, qint64>> outages;     // [from, to) in ms: MAIL gets a milter 451
    std::vector<std::pair<qint64, qint64>> queueErrors; // [from, to): MAIL gets 451 4.3.0
    std::vector<std::pair<qint64, qint64>> brokenSessions; // [from, to): every session dies
    std::set<int> rejected;                                // 550 at RCPT
    std::map<int, int> greylisted; // recipient -> attempts greylisted before it is let in
    int throttlePerMinute = 0;     // 0: none; otherwise "450 4.7.1 too much mail" above it
    double dropBeforeDot = 0;      // per message
    double dropAfterDot = 0;       // ... after the server took it
    double lostReply = 0;          // ... the server took it, the reply was lost
};

Schedule drawSchedule(std::mt19937_64 &random)
{
    auto uniform = [&](int low, int high) {
        return std::uniform_int_distribution<int>(low, high)(random);
    };
    auto chance = [&](double p) { return std::bernoulli_distribution(p)(random); };
    Schedule s;
    s.recipients = uniform(1, 120);
    s.settings.maxAttempts = uniform(1, 4);
    s.settings.retryDelay = std::chrono::seconds(uniform(0, 120));
    s.settings.unconfirmedPolicy = chance(0.5) ? UnconfirmedPolicy::Resend
                                               : UnconfirmedPolicy::Hold;
    s.settings.rateLimits.perSecond = chance(0.5) ? 0 : uniform(1, 10);
    s.settings.rateLimits.perMinute = chance(0.3) ? uniform(10, 60) : 0;
    s.settings.giveUpAfter = std::chrono::minutes(chance(0.2) ? uniform(1, 10) : uniform(30, 240));
    s.settings.throttlePause = std::chrono::milliseconds(uniform(1000, 10'000));
    const int outages = chance(0.5) ? uniform(1, 3) : 0;
    for (int i = 0; i < outages; ++i) {
        const qint64 from = uniform(0, 600) * 1000LL;
        // Mostly short; now and then longer than a short giveUpAfter.
        const qint64 length = chance(0.15) ? uniform(600, 3600) : uniform(1, 900);
        s.outages.push_back({from, from + length * 1000LL});
    }
    if (chance(0.3)) {
        const qint64 from = uniform(0, 300) * 1000LL;
        s.queueErrors.push_back({from, from + uniform(1, 300) * 1000LL});
    }
    // A server that drops every session at RCPT for a while (a crash loop): only the back-off
    // keeps the logins down.
    if (chance(0.3)) {
        const qint64 from = uniform(0, 300) * 1000LL;
        s.brokenSessions.push_back({from, from + uniform(10, 600) * 1000LL});
    }
    for (int i = 0; i < s.recipients; ++i) {
        if (chance(0.05))
            s.rejected.insert(i);
        else if (chance(0.1))
            s.greylisted[i] = uniform(1, 3);
    }
    s.throttlePerMinute = chance(0.3) ? uniform(5, 60) : 0;
    s.dropBeforeDot = chance(0.5) ? 0.03 : 0;
    s.dropAfterDot = chance(0.5) ? 0.02 : 0;
    s.lostReply = chance(0.5) ? 0.02 : 0;
    return s;
}

bool within(const std::vector<std::pair<qint64, qint64>> &windows, qint64 t)
{
    return std::any_of(windows.begin(), windows.end(), [t](const auto &w) {
        return t >= w.first && t < w.second;
    });
}

SmtpReply reply(int code, const QString &text)
{
    SmtpReply r;
    r.code = code;
    r.lines = {text.toUtf8()};
    return r;
}

MessageOutcome outcome(int index, SmtpStage stage, const SmtpReply &r)
{
    MessageOutcome o;
    o.messageId = quint64(index);
    o.stage = stage;
    o.reply = r;
    o.classification = classifyReply(r, stage);
    return o;
}

int giveUps = 0; // schedules that ended by giving up on an unavailable server

// Runs one schedule; returns the problems found (empty: every invariant held).
QStringList simulate(quint64 seed)
{
    std::mt19937_64 random(seed);
    const Schedule s = drawSchedule(random);
    auto chance = [&](double p) { return p > 0 && std::bernoulli_distribution(p)(random); };

    ManualClock clock;
    const Clock::TimePoint start = clock.now();
    auto nowMs = [&] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(clock.now() - start).count();
    };
    RateLimiter limiter(s.settings.rateLimits, clock);
    DeliveryPolicy policy(s.settings, clock);
    DeliveryScheduler scheduler(s.recipients, s.settings, limiter, policy, clock);
    for (int i = 0; i < s.recipients; ++i)
        scheduler.enqueue(i, 0, false);

    std::vector<int> accepted(s.recipients, 0); // times the server took the message
    std::vector<int> attemptsSeen(s.recipients, 0);
    std::vector<int> sessionFailures(s.recipients, 0);
    std::vector<int> chargedDeferrals(s.recipients, 0); // Deferred: a temporary reply of its own
    std::deque<qint64> acceptTimes;                     // for the server's own rate limit
    std::vector<qint64> logins{0};
    std::vector<qint64> deliveries;
    bool connected = true;
    EngineReason stopReason;
    qint64 stopAt = 0;
    QStringList problems;

    int steps = 0;
    while (!scheduler.isIdle() && stopReason.isEmpty()) {
        if (++steps > 200'000) {
            problems.append(QStringLiteral("no end after %1 steps").arg(steps));
            break;
        }
        if (!connected) {
            const auto gate = policy.timeUntilConnectAllowed();
            if (gate > 0ms) {
                clock.advance(gate);
                continue;
            }
            connected = true;
            logins.push_back(nowMs());
        }
        const std::optional<int> taken = scheduler.takeNext();
        if (!taken) {
            const std::optional<std::chrono::milliseconds> wait = scheduler.timeUntilNext();
            if (!wait) {
                problems.append(QStringLiteral("queue not idle but nothing waiting"));
                break;
            }
            if (*wait <= 0ms) {
                problems.append(QStringLiteral("nothing taken although due now (busy loop)"));
                break;
            }
            clock.advance(*wait);
            continue;
        }
        const int i = *taken;
        ++attemptsSeen[i];
        clock.advance(std::chrono::milliseconds(50)); // one round trip
        const qint64 t = nowMs();
        while (!acceptTimes.empty() && acceptTimes.front() <= t - 60'000)
            acceptTimes.pop_front();

        auto sessionDies = [&](bool finalDotSent) {
            connected = false;
            policy.onSessionFailed();
            if (!finalDotSent)
                ++sessionFailures[i];
            return scheduler.onAbandoned(i,
                                         finalDotSent,
                                         true,
                                         QStringLiteral("the connection was lost"));
        };
        DeliveryDecision decision;
        if (within(s.brokenSessions, t)) {
            decision = sessionDies(false);
        } else if (within(s.outages, t)) {
            decision = scheduler.onOutcome(
                i,
                outcome(i,
                        SmtpStage::MailFrom,
                        reply(451, QStringLiteral("4.7.1 Service unavailable - try again later"))));
        } else if (within(s.queueErrors, t)) {
            decision = scheduler.onOutcome(
                i,
                outcome(i,
                        SmtpStage::MailFrom,
                        reply(451, QStringLiteral("4.3.0 Error: queue file write error"))));
        } else if (s.throttlePerMinute > 0 && int(acceptTimes.size()) >= s.throttlePerMinute) {
            decision = scheduler.onOutcome(
                i,
                outcome(i,
                        SmtpStage::MailFrom,
                        reply(450, QStringLiteral("4.7.1 Error: too much mail from 127.0.0.1"))));
        } else if (s.rejected.count(i)) {
            decision = scheduler.onOutcome(
                i,
                outcome(i,
                        SmtpStage::RcptTo,
                        reply(550, QStringLiteral("5.1.1 <u%1@example.org>: user unknown").arg(i))));
        } else if (s.greylisted.count(i) && attemptsSeen[i] <= s.greylisted.at(i)) {
            decision = scheduler.onOutcome(
                i,
                outcome(i,
                        SmtpStage::RcptTo,
                        reply(451,
                              QStringLiteral("4.7.1 <u%1@example.org>: Recipient address "
                                             "rejected: try again later")
                                  .arg(i))));
        } else if (chance(s.dropBeforeDot)) {
            decision = sessionDies(false);
        } else {
            ++accepted[i];
            acceptTimes.push_back(t);
            if (chance(s.dropAfterDot) || chance(s.lostReply)) {
                decision = sessionDies(true);
            } else {
                decision = scheduler.onOutcome(i,
                                               outcome(i,
                                                       SmtpStage::FinalDot,
                                                       reply(250, QStringLiteral("2.0.0 Ok"))));
                deliveries.push_back(t);
            }
        }
        if (decision.kind == DeliveryDecision::Kind::Deferred)
            ++chargedDeferrals[i];
        if (decision.kind == DeliveryDecision::Kind::Failed
            && (decision.scope == FailureScope::Recipient
                || decision.scope == FailureScope::Message))
            ++chargedDeferrals[i]; // the last of its temporary replies (or a 5xx)
        if (qEnvironmentVariableIsSet("BULKMAIL_SIMULATION_TRACE"))
            qInfo("t=%lld r=%d kind=%d scope=%s note=%s",
                  t,
                  i,
                  int(decision.kind),
                  scopeName(decision.scope).data(),
                  qPrintable(englishDeliveryNote(decision.note, decision.noteArguments)));
        if (decision.throttle)
            limiter.onThrottled(s.settings.throttlePause);
        if (!decision.stopReason.isEmpty()) {
            stopReason = decision.stopReason;
            stopAt = t;
        }
    }

    // Nobody is skipped: each recipient ends once, or the campaign stopped with a reason.
    for (int i = 0; i < s.recipients; ++i) {
        const Final final = scheduler.finalOf(i);
        if (final == Final::None && stopReason.isEmpty())
            problems.append(QStringLiteral("recipient %1 never ended").arg(i));
        // Nobody gets it twice unless flagged.
        if (accepted[i] > 1 && !scheduler.possiblyDuplicated(i))
            problems.append(QStringLiteral("recipient %1 accepted %2 times, not flagged")
                                .arg(i)
                                .arg(accepted[i]));
        if (accepted[i] > 2)
            problems.append(
                QStringLiteral("recipient %1 accepted %2 times").arg(i).arg(accepted[i]));
        if (final == Final::Sent && accepted[i] == 0)
            problems.append(QStringLiteral("recipient %1 sent but never accepted").arg(i));
        // A failure has a recipient's reason: refused, its own temporary replies past its
        // attempts, or too many failed sessions. An outage (a Site reply) or throttling never
        // charges anybody, so never fails anybody.
        if (final == Final::Failed) {
            const bool refused = s.rejected.count(i) > 0;
            const bool attemptsUsed = chargedDeferrals[i] >= s.settings.maxAttempts;
            const bool sessionBudget = sessionFailures[i]
                                       >= DeliveryPolicy::MaxSessionFailuresPerMessage;
            if (!refused && !attemptsUsed && !sessionBudget)
                problems.append(QStringLiteral("recipient %1 failed without a reason of its own "
                                               "(attempts %2)")
                                    .arg(i)
                                    .arg(attemptsSeen[i]));
        }
    }
    if (stopReason.isEmpty() && scheduler.finishedCount() != s.recipients)
        problems.append(
            QStringLiteral("finished %1 of %2").arg(scheduler.finishedCount()).arg(s.recipients));
    // The campaign gives up only on a server that is still failing, and not before giveUpAfter.
    if (!stopReason.isEmpty()) {
        const qint64 giveUpMs = std::chrono::milliseconds(s.settings.giveUpAfter).count();
        // The scheduler gives up on a site with its own code, so that the window can word it.
        if (stopReason.code != EngineReason::Code::SiteDownTooLong)
            problems.append(QStringLiteral("stopped: %1").arg(stopReason.english));
        else if (stopAt < giveUpMs || !(within(s.outages, stopAt) || within(s.queueErrors, stopAt)))
            problems.append(QStringLiteral("gave up at %1 s (giveUpAfter %2 s) with the server "
                                           "%3")
                                .arg(stopAt / 1000)
                                .arg(giveUpMs / 1000)
                                .arg(within(s.outages, stopAt) ? QStringLiteral("down")
                                                               : QStringLiteral("up")));
        else
            ++giveUps;
    }
    // The server is never hammered: logins without deliveries are bounded per minute.
    for (std::size_t a = 0; a < logins.size(); ++a) {
        const qint64 from = logins[a];
        const auto inWindow = [from](qint64 t) { return t >= from && t < from + 60'000; };
        const auto loginCount = std::count_if(logins.begin(), logins.end(), inWindow);
        const auto deliveryCount = std::count_if(deliveries.begin(), deliveries.end(), inWindow);
        if (loginCount > 8 + deliveryCount) {
            problems.append(QStringLiteral("%1 logins in a minute with %2 deliveries")
                                .arg(loginCount)
                                .arg(deliveryCount));
            break;
        }
    }
    return problems;
}

struct ThrottledRun
{
    qint64 finishedMs = 0;
    int refusals = 0;
    int worstRefusalsInAWindow = 0;
    int sent = 0;
    int failed = 0;
};

// Postfix's anvil: smtpd_client_message_rate_limit = `limit` per anvil_rate_time_unit = `window`.
// A window starts with the first MAIL after the last one ended; every MAIL counts, refused ones
// too; above the limit MAIL gets "450 4.7.1 Error: too much mail from <ip>".
ThrottledRun runAgainstAnvil(int recipients, int limit, std::chrono::milliseconds window)
{
    ManualClock clock;
    const Clock::TimePoint start = clock.now();
    auto nowMs = [&] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(clock.now() - start).count();
    };
    const DeliverySettings settings; // the defaults a user gets
    RateLimiter limiter(settings.rateLimits, clock);
    DeliveryPolicy policy(settings, clock);
    DeliveryScheduler scheduler(recipients, settings, limiter, policy, clock);
    for (int i = 0; i < recipients; ++i)
        scheduler.enqueue(i, 0, false);
    qint64 windowStart = -window.count();
    int count = 0;
    int refusalsInWindow = 0;
    ThrottledRun run;
    for (int steps = 0; !scheduler.isIdle() && steps < 1'000'000; ++steps) {
        const std::optional<int> taken = scheduler.takeNext();
        if (!taken) {
            clock.advance(std::max(scheduler.timeUntilNext().value_or(1ms), 1ms));
            continue;
        }
        clock.advance(20ms); // a round trip on a LAN
        const qint64 t = nowMs();
        if (t - windowStart >= window.count()) {
            windowStart = t;
            count = 0;
            refusalsInWindow = 0;
        }
        DeliveryDecision decision;
        if (++count > limit) {
            ++run.refusals;
            run.worstRefusalsInAWindow = std::max(run.worstRefusalsInAWindow, ++refusalsInWindow);
            decision = scheduler.onOutcome(
                *taken,
                outcome(*taken,
                        SmtpStage::MailFrom,
                        reply(450, QStringLiteral("4.7.1 Error: too much mail from 127.0.0.1"))));
        } else {
            decision = scheduler.onOutcome(*taken,
                                           outcome(*taken,
                                                   SmtpStage::FinalDot,
                                                   reply(250, QStringLiteral("2.0.0 Ok"))));
        }
        if (decision.throttle)
            limiter.onThrottled(settings.throttlePause);
    }
    run.finishedMs = nowMs();
    run.sent = scheduler.count(Final::Sent);
    run.failed = scheduler.count(Final::Failed);
    return run;
}

} // namespace

class TestDeliverySimulation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void invariantsHoldForEverySchedule();
    void throttledServerFindsItsPace_data();
    void throttledServerFindsItsPace();
};

void TestDeliverySimulation::throttledServerFindsItsPace_data()
{
    QTest::addColumn<int>("recipients");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("windowSeconds");
    QTest::newRow("Postfix 30 a minute, 300 recipients") << 300 << 30 << 60;
    QTest::newRow("Postfix 30 a minute, 1000 recipients") << 1000 << 30 << 60;
    QTest::newRow("100 an hour, 500 recipients") << 500 << 100 << 3600;
    QTest::newRow("10 a minute, 100 recipients") << 100 << 10 << 60;
    QTest::newRow("300 a minute, 3000 recipients") << 3000 << 300 << 60;
}

// A server that allows N messages per window, and a campaign on the default settings that does
// not know N: it finds the pace (AIMD) and finishes within 1.5x of the ideal time, provoking only
// a few refusals per window, never one per message, and failing nobody.
void TestDeliverySimulation::throttledServerFindsItsPace()
{
    QFETCH(int, recipients);
    QFETCH(int, limit);
    QFETCH(int, windowSeconds);
    const ThrottledRun run = runAgainstAnvil(recipients, limit, std::chrono::seconds(windowSeconds));
    // Ideal: exactly `limit` in each window, the last window only partly used.
    const double idealMs = double(recipients - 1) / limit * windowSeconds * 1000.0;
    const double ratio = run.finishedMs / idealMs;
    const int windows = int(run.finishedMs / (windowSeconds * 1000)) + 1;
    qInfo("%d recipients at %d per %d s: %.1f s (ideal %.1f s, %.2fx), %d refusals in %d "
          "windows (worst %d)",
          recipients,
          limit,
          windowSeconds,
          run.finishedMs / 1000.0,
          idealMs / 1000.0,
          ratio,
          run.refusals,
          windows,
          run.worstRefusalsInAWindow);
    QCOMPARE(run.failed, 0);
    QCOMPARE(run.sent, recipients);
    QVERIFY2(ratio <= 1.5, qPrintable(QString::number(ratio)));
    // The pause doubles from the first (5 s) while refusals go on, so a window of W seconds
    // sees about log2(W / 5) of them, plus a few as the rate settles.
    const int bound = 3 + int(std::ceil(std::log2(windowSeconds / 5.0)));
    QVERIFY2(run.worstRefusalsInAWindow <= bound,
             qPrintable(QStringLiteral("%1 > %2").arg(run.worstRefusalsInAWindow).arg(bound)));
}

void TestDeliverySimulation::invariantsHoldForEverySchedule()
{
    const std::vector<quint64> seeds = testSeeds("BULKMAIL_SIMULATION_SEED", 2000, 20);
    int failures = 0;
    for (const quint64 seed : seeds) {
        const QStringList problems = simulate(seed);
        if (problems.isEmpty())
            continue;
        ++failures;
        qWarning("seed %llu (replay: BULKMAIL_SIMULATION_SEED=%llu): %s",
                 seed,
                 seed,
                 qPrintable(problems.mid(0, 5).join(QStringLiteral("; "))));
        if (failures >= 10)
            break;
    }
    QCOMPARE(failures, 0);
    // The schedules do reach the give-up path (an outage longer than a short giveUpAfter).
    if (seeds.size() > 1)
        QVERIFY2(giveUps > 0, "no schedule gave up");
}

QTEST_GUILESS_MAIN(TestDeliverySimulation)
#include "tst_deliverysimulation.moc"
