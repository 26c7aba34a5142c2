// A deterministic simulation of the whole engine (issue 12, "prove it, do not sample it"): the
// real CampaignRunner, ConnectionPool, SmtpConnection and SendJournal (in a QTemporaryDir, synced
// through the JournalSyncPolicy seam) against the in-process ScriptedSmtpServer over loopback
// sockets, with every engine timer on one ManualClock. Each seed draws a fault schedule: replies
// per stage and per message (MAIL tempfails and 421s, RCPT 550 and greylisting, DATA 451, final-dot
// 4xx/5xx/251), drops before and after the dot, lost final-dot replies, stalls that only the reply
// timeout ends, outages (every MAIL a milter 451, or connections refused after a crash), Postfix
// anvil throttling ("450 4.7.1 Error: too much mail from ...") over N per simulated window, a
// connection limit at the greeting, journal syncs that start failing, and slow replies: the
// server answers the greeting or any command (EHLO, AUTH, MAIL, RCPT, DATA, the final dot, QUIT)
// late on the same clock, mostly soon, sometimes just before the client's timeout for that stage
// and sometimes at or after it, so that its answers and the engine's timers interleave (a final
// dot answered after the client gave up is kept by the server, as a lost reply).
//
// The driver never sleeps: it runs the event loop until neither the sockets nor the loop have
// anything left (ScriptedSmtpServer::hasBytesInFlight()), then advances the clock to the next
// timer's deadline. Simulated hours take milliseconds. After each schedule it checks what the
// product promises: every recipient ends exactly once (sent, failed with a reason, held,
// unconfirmed, or still queued when the run stopped), nobody is accepted twice by the server
// unless reported unconfirmed, logins per simulated minute and hour are bounded, timer events per
// simulated minute are bounded (no busy loop), every connection the client closed got QUIT unless
// the session was dead, and the summary equals what the product's own replay reads back from the
// journal file. Then a second run resumes on that journal against the healed server: across both
// runs nobody is accepted twice unless flagged, nobody is left out without a reason, and nothing
// reads as sent that the server never took (the write-ahead promise, even after a full disk).
//
// Size: 304 fixed seeds plus 3 fresh ones, each run and then resumed: 5 to 15 s on the 2-core CI
// machine (Debug build; about 23 simulated hours, 5,000 accepted messages and 1,300 slow replies
// in all). Slow replies cost simulated time only: on the shared 2-core box the suite took 14 s
// before them and 4 to 13 s after (the spread is the other builds' load). Sweeps of 10,000
// further seeds passed before slow replies came; seeds 1 to 10,000 pass with them (about 40,000
// slow replies, 4,000 of them too late; 5 min).
// A failure prints its seed; BULKMAIL_SIMULATION_SEED=<seed> replays one (add
// BULKMAIL_SIMULATION_TRACE=1 for the engine's log and the schedule), and
// BULKMAIL_SIMULATION_SCHEDULES=<n> runs n seeds from BULKMAIL_SIMULATION_FIRST_SEED (1) instead.

#include "common/clock.h"
#include "journal/sendjournal.h"
#include "runner/campaignrunner.h"
#include "runnertesthelpers.h"
#include "scriptedsmtpserver.h"
#include "smtp/smtpconnection.h"
#include "testcertificates.h"
#include "testseeds.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <spdlog/spdlog.h>

#include <cerrno>
#include <map>
#include <random>
#include <thread>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;

namespace {

using Action = ScriptedSmtpServer::Action;
using Step = ScriptedSmtpServer::Step;
using Status = RecipientResult::Status;

struct Window
{
    qint64 from = 0; // ms of simulated time since the start
    qint64 to = 0;
    [[nodiscard]] bool contains(qint64 t) const { return t >= from && t < to; }
};

bool within(const std::vector<Window> &windows, qint64 t)
{
    return std::any_of(windows.begin(), windows.end(), [t](const Window &w) {
        return w.contains(t);
    });
}

struct Schedule
{
    int recipients = 0;
    DeliverySettings settings;
    std::vector<Window> milterOutages; // every MAIL: 451 4.7.1 Service unavailable
    std::vector<Window> crashes;       // open sessions aborted, connections refused
    std::set<int> rejected;            // 550 at RCPT
    std::map<int, qint64> greylistMs;  // recipient -> how long after its first try it is let in
    int throttleLimit = 0;             // anvil: MAIL commands per window; 0: none
    qint64 throttleWindowMs = 60'000;
    int connectionLimit = 0; // 421 at the greeting above this many open sessions; 0: none
    // Per-step chances, drawn per event.
    double mailTempfail = 0;  // 451 4.3.0 at MAIL
    double mail421 = 0;       // 421 at MAIL, then the server closes
    double rcptTempfail = 0;  // 452 4.2.2 mailbox full
    double dataTempfail = 0;  // 451 at DATA
    double dropBeforeDot = 0; // abort at the first content line
    double dotTempfail = 0;   // 451 4.3.0 to the final dot
    double dotReject = 0;     // 554 5.7.1 to the final dot
    double dot251 = 0;        // 251: any 2xx means accepted (RFC 5321 §4.2.1)
    double lostReply = 0;     // the server keeps it, aborts without a reply
    double dropAfterReply = 0;
    double stall = 0; // per step: no reply ever (the client's reply timeout ends it)
    // Journal: syncs from this one on fail with EIO (0: never). Only synchronous syncs then, so
    // that the failure lands on the same line in every replay.
    int failingSyncFrom = 0;
    bool authenticated = false; // AUTH PLAIN with a password: every session a real login
    int serverMessageLimit = 0; // 421 at MAIL after this many messages on a connection
    qint64 serverIdleMs = 0;    // the server closes a connection idle this long (421 4.4.2)
    // Journal: the write of this line (0: none) stops halfway and the next fails with ENOSPC (a
    // full disk); with diskRecovers, writes succeed again after that (space was freed).
    int failingWriteFrom = 0;
    bool diskRecovers = false;
    SecurityMode security = SecurityMode::None; // STARTTLS or implicit TLS with the test CA
    // The user: cancels at cancelAtMs, or pauses at pauseAtMs and resumes at resumeAtMs (-1: no).
    qint64 cancelAtMs = -1;
    qint64 pauseAtMs = -1;
    qint64 resumeAtMs = -1;
    double garbage = 0; // per step: a line that is no SMTP reply (a protocol error)
    // Slow replies: this share of the replies (the greeting and every command's, the final
    // dot's included) comes late, on the simulation's clock, so that the server's answers and
    // the engine's timers interleave. Of those, most are short, some come just before the
    // client's timeout for that stage, some at it or just after (the client has given up).
    double slowReplies = 0;
};

Schedule drawSchedule(quint64 seed)
{
    std::mt19937_64 random(seed);
    auto uniform = [&](int low, int high) {
        return std::uniform_int_distribution<int>(low, high)(random);
    };
    auto chance = [&](double p) { return std::bernoulli_distribution(p)(random); };
    auto sometimes = [&](double p, double value) { return chance(p) ? value : 0.0; };
    Schedule s;
    s.recipients = uniform(1, 40);
    DeliverySettings &d = s.settings;
    d.maxConnections = uniform(1, 3);
    d.maxMessagesPerConnection = chance(0.3) ? uniform(1, 10) : uniform(0, 50);
    d.maxConnectionAge = std::chrono::seconds(chance(0.2) ? uniform(10, 120) : 300);
    d.idleTimeout = std::chrono::seconds(uniform(5, 60));
    d.maxAttempts = uniform(1, 4);
    d.retryDelay = std::chrono::seconds(uniform(1, 120));
    d.throttlePause = std::chrono::milliseconds(uniform(1000, 10'000));
    d.giveUpAfter = std::chrono::minutes(chance(0.2) ? uniform(1, 10) : uniform(30, 240));
    d.reconnectDelay = std::chrono::milliseconds(uniform(500, 5000));
    d.sitePause = std::chrono::milliseconds(uniform(2000, 20'000));
    d.rateLimits.perSecond = chance(0.5) ? 0 : uniform(1, 10);
    d.rateLimits.perMinute = chance(0.3) ? uniform(10, 120) : 0;
    d.timeouts.connect = std::chrono::seconds(uniform(5, 30));
    d.timeouts.greeting = std::chrono::seconds(uniform(5, 60));
    d.timeouts.command = std::chrono::seconds(uniform(5, 60));
    d.timeouts.dataInitiation = std::chrono::seconds(uniform(5, 60));
    d.timeouts.finalDot = std::chrono::seconds(uniform(10, 120));
    d.unconfirmedPolicy = chance(0.5) ? UnconfirmedPolicy::Resend : UnconfirmedPolicy::Hold;

    const int milter = chance(0.3) ? uniform(1, 2) : 0;
    for (int i = 0; i < milter; ++i) {
        const qint64 from = uniform(0, 300) * 1000LL;
        const qint64 length = chance(0.15) ? uniform(600, 3600) : uniform(1, 600);
        s.milterOutages.push_back({from, from + length * 1000});
    }
    if (chance(0.2)) {
        const qint64 from = uniform(1, 300) * 1000LL;
        s.crashes.push_back({from, from + uniform(1, 900) * 1000LL});
    }
    for (int i = 0; i < s.recipients; ++i) {
        if (chance(0.05))
            s.rejected.insert(i);
        else if (chance(0.08))
            s.greylistMs[i] = uniform(30, 600) * 1000LL;
    }
    if (chance(0.25)) {
        s.throttleLimit = uniform(3, 30);
        s.throttleWindowMs = uniform(10, 120) * 1000LL;
    }
    s.connectionLimit = chance(0.2) ? uniform(1, 2) : 0;
    s.mailTempfail = sometimes(0.3, 0.03);
    s.mail421 = sometimes(0.3, 0.03);
    s.rcptTempfail = sometimes(0.3, 0.03);
    s.dataTempfail = sometimes(0.3, 0.03);
    s.dropBeforeDot = sometimes(0.3, 0.03);
    s.dotTempfail = sometimes(0.3, 0.03);
    s.dotReject = sometimes(0.2, 0.02);
    s.dot251 = sometimes(0.2, 0.05);
    s.lostReply = sometimes(0.4, 0.04);
    s.dropAfterReply = sometimes(0.3, 0.03);
    s.stall = sometimes(0.3, 0.01);
    s.failingSyncFrom = chance(0.15) ? uniform(2, 40) : 0;
    s.authenticated = chance(0.3);
    s.serverMessageLimit = chance(0.2) ? uniform(2, 20) : 0;
    s.serverIdleMs = chance(0.3) ? uniform(2, 60) * 1000LL : 0;
    if (s.failingSyncFrom == 0 && chance(0.15)) {
        s.failingWriteFrom = uniform(2, 60);
        s.diskRecovers = chance(0.5);
    }
    if (chance(0.15))
        s.security = chance(0.5) ? SecurityMode::StartTls : SecurityMode::ImplicitTls;
    if (chance(0.1)) {
        s.cancelAtMs = uniform(0, 120'000);
    } else if (chance(0.1)) {
        s.pauseAtMs = uniform(0, 120'000);
        s.resumeAtMs = s.pauseAtMs + uniform(0, 600'000);
    }
    s.garbage = sometimes(0.15, 0.01);
    // Drawn last, so that every other draw of a seed is what it was before slow replies.
    if (chance(0.3))
        s.slowReplies = chance(0.5) ? 0.05 : 0.3;
    return s;
}

// How a server that no one here wrote answers, step by step: the schedule's faults on top of a
// well-behaved ESMTP server. Decisions come from the schedule's own random stream, in the order
// the server meets the steps (one connection at a time is processed in order, so a replay sees
// the same order).
class SimulatedServer
{
public:
    SimulatedServer(const Schedule &schedule,
                    quint64 seed,
                    const ManualClock &clock,
                    ScriptedSmtpServer &server)
        : m_s(schedule)
        , m_random(seed ^ 0x5eed5eed5eedULL)
        , m_clock(clock)
        , m_start(clock.now())
        , m_server(server)
    {
        server.setResponder([this](const ScriptedSmtpServer::StepContext &c) { return act(c); });
        server.setClock(&clock);
        if (m_s.slowReplies > 0) {
            server.setReplyDelay([this](int, const QByteArray &verb) { return replyDelay(verb); });
        }
        if (m_s.serverMessageLimit > 0)
            server.setMessagesPerConnectionLimit(m_s.serverMessageLimit);
        if (m_s.security == SecurityMode::StartTls)
            server.setCapabilities(server.capabilities() << "STARTTLS");
        else if (m_s.security == SecurityMode::ImplicitTls)
            server.setEncryption(ScriptedSmtpServer::Encryption::ImplicitTls);
        if (m_s.authenticated) {
            server.setCredentials("sim-user", "sim-secret");
            server.setCapabilities(server.capabilities() << "AUTH PLAIN LOGIN");
        }
        if (m_s.serverIdleMs > 0) {
            // Postfix's smtpd_timeout, roughly: a session without a command for that long is
            // closed with 421 (the engine learns to close its idle connections before).
            m_idleCheck = clock.createTimer(nullptr);
            m_idleCheck->setMode(ClockTimer::Mode::Repeating);
            m_idleCheck->setInterval(1s);
            QObject::connect(m_idleCheck.get(), &ClockTimer::timeout, m_idleCheck.get(), [this] {
                closeIdleSessions();
            });
            m_idleCheck->start();
        }
    }

    [[nodiscard]] qint64 nowMs() const { return (m_clock.now() - m_start) / 1ms; }
    [[nodiscard]] int throttleRefusals() const { return m_throttleRefusals; }
    [[nodiscard]] const std::vector<qint64> &mailTimes() const { return m_mailTimes; }
    // Connections that got a line that is no SMTP reply: replies and commands no longer pair up,
    // and with a DATA outstanding a QUIT could become message content, so the client may close
    // without one (SmtpConnection::readAvailable).
    [[nodiscard]] bool wasGarbled(int connection) const { return m_garbled.count(connection) > 0; }
    // Whether the client closed that connection while the server held a reply back, after
    // waiting as long as it may: the stage's reply timeout, or less once it wants to leave
    // during session setup (SmtpConnection::quit waits at most QuitReplyTimeout there). A dead
    // session to the client, which may then close without QUIT; leaving sooner is no excuse.
    [[nodiscard]] bool gaveUpOnSlowReply(int connection) const
    {
        const auto held = m_server.replyHeldAtClientClose(connection);
        if (!held)
            return false;
        static const QList<QByteArray> setup = {"GREETING", "EHLO", "HELO", "STARTTLS", "AUTH"};
        const std::chrono::milliseconds patience = setup.contains(held->verb)
                                                       ? std::min<std::chrono::milliseconds>(
                                                           clientTimeoutFor(held->verb),
                                                           SmtpConnection::QuitReplyTimeout)
                                                       : clientTimeoutFor(held->verb);
        return held->waited >= patience;
    }
    [[nodiscard]] int slowReplies() const { return m_slowReplies; }
    [[nodiscard]] int lateReplies() const { return m_lateReplies; }
    // From now on a well-behaved server: only its unknown users are still refused (a second run
    // resumes on it).
    void heal()
    {
        m_healed = true;
        m_idleCheck.reset();
        m_server.setRefusingConnections(false);
    }

private:
    bool chance(double p) { return p > 0 && std::bernoulli_distribution(p)(m_random); }

    static int recipientIndex(const QByteArray &address)
    {
        // "user<i>@example.org"
        return address.mid(4, address.indexOf('@') - 4).toInt();
    }

    void closeIdleSessions()
    {
        const qint64 t = nowMs();
        for (auto it = m_lastActivity.begin(); it != m_lastActivity.end();) {
            // A server does not time out on a reply it owes itself (a stall).
            if (t - it->second < m_s.serverIdleMs || m_server.wasStalled(it->first)
                || m_server.isDelayingReply(it->first)) {
                ++it;
                continue;
            }
            m_server.closeConnection(it->first, "421 4.4.2 scripted.test Error: timeout exceeded");
            it = m_lastActivity.erase(it);
        }
    }

    Action act(const ScriptedSmtpServer::StepContext &c)
    {
        const qint64 t = nowMs();
        m_lastActivity[c.connection] = t;
        if (m_healed) {
            if (c.step == Step::Rcpt && m_s.rejected.count(recipientIndex(c.address)))
                return Action::reply("550 5.1.1 <" + c.address
                                     + ">: Recipient address rejected: User unknown");
            return {};
        }
        if (c.step != Step::Greeting && chance(m_s.stall))
            return Action::stall(c.step == Step::FinalDot);
        if (chance(m_s.garbage)) {
            m_garbled.insert(c.connection);
            return Action::reply("HTTP/1.1 400 Bad Request");
        }
        switch (c.step) {
        case Step::Greeting:
            if (m_s.connectionLimit > 0 && m_server.openConnectionCount() > m_s.connectionLimit)
                return Action::reply("421 4.7.0 Error: too many connections from 127.0.0.1",
                                     Action::After::Close);
            return {};
        case Step::Mail:
            return onMail(t);
        case Step::Rcpt: {
            const int index = recipientIndex(c.address);
            if (m_s.rejected.count(index))
                return Action::reply("550 5.1.1 <" + c.address
                                     + ">: Recipient address rejected: User unknown");
            if (const auto grey = m_s.greylistMs.find(index); grey != m_s.greylistMs.end()) {
                const qint64 first = m_firstTry.try_emplace(index, t).first->second;
                if (t < first + grey->second)
                    return Action::reply("450 4.2.0 <" + c.address
                                         + ">: Recipient address rejected: Greylisted, see "
                                           "http://postgrey.schweikert.ch/help/example.org.html");
            }
            if (chance(m_s.rcptTempfail))
                return Action::reply("452 4.2.2 <" + c.address + ">: mailbox full");
            return {};
        }
        case Step::Data:
            if (chance(m_s.dataTempfail))
                return Action::reply("451 4.3.0 Error: queue file write error");
            return {};
        case Step::Content:
            return chance(m_s.dropBeforeDot) ? Action::drop() : Action{};
        case Step::FinalDot:
            if (chance(m_s.lostReply))
                return Action::drop(true);
            if (chance(m_s.dotTempfail))
                return Action::reply("451 4.3.0 Error: queue file write error");
            if (chance(m_s.dotReject))
                return Action::reply("554 5.7.1 Message rejected: content");
            if (chance(m_s.dropAfterReply))
                return Action::reply("250 2.0.0 Ok: queued", Action::After::Drop);
            if (chance(m_s.dot251))
                return Action::reply("251 2.1.5 Ok: forwarded");
            return {};
        }
        return {};
    }

    // The client's reply timeout for what the server answers (SmtpConnection::timeoutFor).
    [[nodiscard]] std::chrono::milliseconds clientTimeoutFor(const QByteArray &verb) const
    {
        const SmtpTimeouts &timeouts = m_s.settings.timeouts;
        if (verb == "GREETING")
            return timeouts.greeting;
        if (verb == "DATA")
            return timeouts.dataInitiation;
        if (verb == ".")
            return timeouts.finalDot;
        if (verb == "QUIT")
            return std::min<std::chrono::milliseconds>(timeouts.command,
                                                       SmtpConnection::QuitReplyTimeout);
        return timeouts.command;
    }

    std::chrono::milliseconds replyDelay(const QByteArray &verb)
    {
        if (m_healed || !chance(m_s.slowReplies))
            return 0ms;
        const qint64 timeout = clientTimeoutFor(verb).count();
        const auto uniform = [this](qint64 low, qint64 high) {
            return std::uniform_int_distribution<qint64>(low, std::max(low, high))(m_random);
        };
        const int kind = int(uniform(0, 9));
        qint64 delay = 0;
        if (kind < 7) // mostly short: up to a quarter of the timeout, 3 s at most
            delay = uniform(50, std::min<qint64>(3000, timeout / 4));
        else if (kind < 9) // just before the timeout: the last tenth of it, the last ms included
            delay = timeout - uniform(1, timeout / 10);
        else // at the timeout or just after it: the client has given up
            delay = timeout + uniform(0, 5000);
        ++m_slowReplies;
        m_lateReplies += delay >= timeout ? 1 : 0;
        return std::chrono::milliseconds(delay);
    }

    Action onMail(qint64 t)
    {
        m_mailTimes.push_back(t);
        // Postfix anvil: a window opens with the first MAIL after the last one ended; every MAIL
        // counts, refused ones too.
        if (m_s.throttleLimit > 0) {
            if (t - m_windowStart >= m_s.throttleWindowMs) {
                m_windowStart = t;
                m_inWindow = 0;
            }
            if (++m_inWindow > m_s.throttleLimit) {
                ++m_throttleRefusals;
                return Action::reply("450 4.7.1 Error: too much mail from 127.0.0.1");
            }
        }
        if (within(m_s.milterOutages, t))
            return Action::reply("451 4.7.1 Service unavailable - try again later");
        if (chance(m_s.mail421))
            return Action::reply("421 4.3.2 Service shutting down", Action::After::Close);
        if (chance(m_s.mailTempfail))
            return Action::reply("451 4.3.0 Error: queue file write error");
        return {};
    }

    const Schedule &m_s;
    std::mt19937_64 m_random;
    const ManualClock &m_clock;
    const Clock::TimePoint m_start;
    ScriptedSmtpServer &m_server;
    std::map<int, qint64> m_firstTry;
    qint64 m_windowStart = std::numeric_limits<qint64>::min() / 2;
    int m_inWindow = 0;
    int m_throttleRefusals = 0;
    std::vector<qint64> m_mailTimes;      // every MAIL that reached the responder
    std::map<int, qint64> m_lastActivity; // connection -> its last step, for serverIdleMs
    std::unique_ptr<ClockTimer> m_idleCheck;
    bool m_healed = false;
    std::set<int> m_garbled;
    int m_slowReplies = 0;
    int m_lateReplies = 0;
};

// Runs the event loop until nothing is left to do without the clock moving: no event dispatched
// and no byte between the client and the server. False if that never happens (a busy loop in
// zero simulated time).
bool settle(const ScriptedSmtpServer &server, int maxRounds)
{
    QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
    int quietRounds = 0;
    int busyRounds = 0;
    // Bytes the kernel has not handed over yet arrive without the clock; this bounds only a
    // broken fixture, never a step of the simulation.
    const QDeadlineTimer kernelDeadline(30'000);
    while (busyRounds < maxRounds) {
        if (dispatcher->processEvents(QEventLoop::AllEvents)) {
            quietRounds = 0;
            ++busyRounds;
            continue;
        }
        if (server.hasBytesInFlight()) {
            quietRounds = 0;
            if (kernelDeadline.hasExpired())
                return false;
            std::this_thread::yield();
            continue;
        }
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        if (++quietRounds >= 2)
            return true;
    }
    return false;
}

// Runs the event loop and the clock until the run finishes, then until the server has seen the
// last closes. False (with the problem recorded) if it cannot finish.
bool drive(ManualClock &clock,
           const ScriptedSmtpServer &server,
           const RunRecorder &recorder,
           int maxRoundsWithoutTime,
           Clock::TimePoint start,
           QStringList &problems,
           std::map<qint64, qint64> &timeoutsByMinute)
{
    constexpr qint64 SimulatedLimitMs = 96LL * 3600 * 1000;
    const auto nowMs = [&] { return (clock.now() - start) / 1ms; };
    while (!recorder.isFinished()) {
        if (!settle(server, maxRoundsWithoutTime)) {
            problems.append(
                QStringLiteral("busy loop: no quiet moment at %1 s").arg(nowMs() / 1000));
            return false;
        }
        if (recorder.isFinished())
            break;
        const std::optional<Clock::TimePoint> next = clock.nextTimerDeadline();
        if (!next) {
            problems.append(QStringLiteral("stuck at %1 s: no timer, no traffic, run not finished")
                                .arg(nowMs() / 1000));
            return false;
        }
        if (nowMs() > SimulatedLimitMs) {
            problems.append(QStringLiteral("not finished after %1 simulated hours")
                                .arg(SimulatedLimitMs / 3'600'000));
            return false;
        }
        const qint64 firedBefore = clock.timeoutsFired();
        clock.advance(std::chrono::duration_cast<std::chrono::milliseconds>(*next - clock.now()));
        timeoutsByMinute[nowMs() / 60'000] += clock.timeoutsFired() - firedBefore;
    }
    // Let the server see the last closes.
    if (!settle(server, maxRoundsWithoutTime)) {
        problems.append(QStringLiteral("busy loop after the end"));
        return false;
    }
    return true;
}

QString statusName(Status status)
{
    return recipientStatusName(status);
}

bool isFinalStatus(Status status)
{
    return status == Status::Sent || status == Status::Failed || status == Status::Held;
}

struct Outcome
{
    QStringList problems;
    qint64 simulatedMs = 0;
    int messages = 0;
    bool gaveUp = false;
    bool journalFailed = false;
    int slowReplies = 0; // replies the server held back (SimulatedServer::replyDelay)
    int lateReplies = 0; // of those, at or after the client's timeout
    // What a replay of the seed must reproduce: the end time, the counts, each recipient's
    // results and every command the server received.
    QByteArray fingerprint;
};

void resume(const Schedule &s,
            const CampaignPlan &plan,
            ManualClock &clock,
            Clock::TimePoint start,
            ScriptedSmtpServer &server,
            SimulatedServer &simulated,
            const RunRecorder &first,
            int maxRoundsWithoutTime,
            QStringList &problems)
{
    simulated.heal();
    const qsizetype acceptedInFirst = server.receivedMessages().size();
    CampaignRunner runner(clock);
    JournalSyncPolicy policy;
    policy.fileSync = [](int) { return 0; };
    runner.setJournalSyncPolicy(policy);
    RunRecorder second(runner);
    runner.start(plan); // CampaignPlan::Journal::Resume
    std::map<qint64, qint64> timeoutsByMinute;
    if (!drive(clock, server, second, maxRoundsWithoutTime, start, problems, timeoutsByMinute)) {
        runner.disconnect();
        problems.append(QStringLiteral("(in the resumed run)"));
        return;
    }
    const CampaignSummary summary = second.summary();
    if (qEnvironmentVariableIsSet("BULKMAIL_SIMULATION_TRACE")) {
        qInfo("resumed: %d sent, %d previously sent, %d failed, %d previously failed, %d held, "
              "%d not sent, %lld messages accepted in all; fatal \"%s\"; damage \"%s\"",
              summary.sent,
              summary.previouslySent,
              summary.failed,
              summary.previouslyFailed,
              summary.held,
              summary.notSent,
              qint64(server.receivedMessages().size()),
              qPrintable(summary.fatalError),
              qPrintable(summary.journalDamage.join(u"; ")));
    }
    if (!summary.fatalError.isEmpty() || summary.notSent > 0) {
        problems.append(QStringLiteral("the resumed run left %1 not sent: %2")
                            .arg(summary.notSent)
                            .arg(summary.fatalError));
    }
    const QHash<QByteArray, int> accepted = countByRecipient(server.receivedMessages());
    const QHash<QByteArray, int> acceptedBefore = countByRecipient(
        server.receivedMessages().mid(0, acceptedInFirst));
    for (int i = 0; i < s.recipients; ++i) {
        const QByteArray address = recipientAddress(i).toUtf8();
        const int count = accepted.value(address);
        const QList<RecipientResult> results = first.resultsFor(i) + second.resultsFor(i);
        const bool flagged = std::any_of(results.begin(), results.end(), [](const auto &r) {
            return r.status == Status::Unconfirmed || r.status == Status::Held
                   || r.possiblyDuplicated;
        });
        const QString history = RunRecorder::describe(results);
        if (count > 1 && !flagged)
            problems.append(QStringLiteral("resumed: recipient %1 accepted %2 times, never "
                                           "flagged: %3")
                                .arg(i)
                                .arg(count)
                                .arg(history));
        if (count > 2)
            problems.append(
                QStringLiteral("resumed: recipient %1 accepted %2 times").arg(i).arg(count));
        const std::optional<Status> last = results.isEmpty()
                                               ? std::nullopt
                                               : std::optional(results.constLast().status);
        // The journal never calls sent what the server never took.
        if (last == Status::Sent && count == 0)
            problems.append(
                QStringLiteral("resumed: recipient %1 sent, never accepted: %2").arg(i).arg(history));
        // Skipped by nobody: a recipient the server never took ended as failed or held, with a
        // reason, or is unknown to the server.
        if (count == 0 && last != Status::Failed && last != Status::Held && !s.rejected.count(i))
            problems.append(
                QStringLiteral("resumed: recipient %1 never delivered: %2").arg(i).arg(history));
        if (acceptedBefore.value(address) > 0 && count > acceptedBefore.value(address)
            && s.settings.unconfirmedPolicy == UnconfirmedPolicy::Hold && !flagged)
            problems.append(QStringLiteral("resumed: recipient %1 resent under \"hold\"").arg(i));
    }
    if (!server.protocolViolations().isEmpty())
        problems.append(server.protocolViolations().mid(0, 3));
}

Outcome simulate(quint64 seed)
{
    const bool trace = qEnvironmentVariableIsSet("BULKMAIL_SIMULATION_TRACE");
    const Schedule s = drawSchedule(seed);
    Outcome out;
    QStringList &problems = out.problems;
    if (trace) {
        qInfo("seed %llu: %d recipients, %d connection(s), %d per connection, attempts %d, "
              "throttle %d/%lld s, connection limit %d, milter outages %d, crashes %d, journal "
              "fails from sync %d, write %d (recovers %d), unconfirmed %s, security %d, auth %d, "
              "server limit %d, server idle %lld s, cancel at %lld ms, pause %lld-%lld ms, slow "
              "replies %.2f",
              seed,
              s.recipients,
              s.settings.maxConnections,
              s.settings.maxMessagesPerConnection,
              s.settings.maxAttempts,
              s.throttleLimit,
              s.throttleWindowMs / 1000,
              s.connectionLimit,
              int(s.milterOutages.size()),
              int(s.crashes.size()),
              s.failingSyncFrom,
              s.failingWriteFrom,
              int(s.diskRecovers),
              s.settings.unconfirmedPolicy == UnconfirmedPolicy::Hold ? "hold" : "resend",
              int(s.security),
              int(s.authenticated),
              s.serverMessageLimit,
              s.serverIdleMs / 1000,
              s.cancelAtMs,
              s.pauseAtMs,
              s.resumeAtMs,
              s.slowReplies);
    }

    QTemporaryDir directory;
    if (!directory.isValid()) {
        problems.append(QStringLiteral("no temporary directory"));
        return out;
    }
    ManualClock clock;
    const Clock::TimePoint start = clock.now();
    auto nowMs = [&] { return (clock.now() - start) / 1ms; };
    ScriptedSmtpServer server;
    SimulatedServer simulated(s, seed, clock, server);

    // Logins (sessions the server accepted) and deliveries, in simulated ms.
    std::vector<qint64> logins;
    std::vector<qint64> deliveries;
    QObject context;
    QObject::connect(&server, &ScriptedSmtpServer::connectionOpened, &context, [&](int) {
        logins.push_back(nowMs());
    });
    QObject::connect(&server, &ScriptedSmtpServer::messageAccepted, &context, [&](int) {
        deliveries.push_back(nowMs());
    });

    // Crashes: at the start every session is aborted and connections are refused until the end.
    std::vector<std::unique_ptr<ClockTimer>> serverTimers;
    for (const Window &crash : s.crashes) {
        auto down = clock.createTimer(&context);
        QObject::connect(down.get(), &ClockTimer::timeout, &context, [&server] {
            server.abortAllConnections();
            server.setRefusingConnections(true);
        });
        down->start(std::chrono::milliseconds(crash.from));
        auto up = clock.createTimer(&context);
        QObject::connect(up.get(), &ClockTimer::timeout, &context, [&server] {
            server.setRefusingConnections(false);
        });
        up->start(std::chrono::milliseconds(crash.to));
        serverTimers.push_back(std::move(down));
        serverTimers.push_back(std::move(up));
    }

    CampaignPlan plan = makePlan(s.recipients,
                                 QStringLiteral("127.0.0.1"), // a literal: no lookup thread
                                 server.serverPort(),
                                 s.settings,
                                 s.authenticated ? QStringLiteral("sim-user") : QString(),
                                 s.authenticated ? QStringLiteral("sim-secret") : QString());
    plan.campaign.filePath = directory.filePath(QStringLiteral("simulation.bulkmail"));
    plan.campaign.server.security = s.security;
    if (s.security != SecurityMode::None)
        plan.campaign.server.trustCertificateFile = testCertificatePath(u"ca.pem");
    const QString journalPath = SendJournal::pathFor(plan.campaign.filePath);

    // The lines reach the file as in the product; only the fdatasync is left out (the disk's
    // speed is not under test, and a loaded CI disk would set the pace).
    auto syncCalls = std::make_shared<std::atomic<int>>(0);
    CampaignRunner runner(clock);
    JournalSyncPolicy policy;
    if (s.failingSyncFrom > 0) {
        policy.maxDelay = std::chrono::hours(24 * 365); // only the synchronous syncs
        policy.maxEntries = std::numeric_limits<int>::max();
    }
    policy.fileSync = [syncCalls, from = s.failingSyncFrom](int) {
        return ++*syncCalls >= from && from > 0 ? EIO : 0;
    };
    auto writeCalls = std::make_shared<int>(0);
    if (s.failingWriteFrom > 0) {
        policy.fileWrite =
            [writeCalls,
             from = s.failingWriteFrom,
             recovers = s.diskRecovers](int fd, const char *data, qint64 size) -> qint64 {
            const int call = ++*writeCalls;
            if (call == from && size > 1)
                return ::write(fd, data, size_t(size / 2)); // the disk fills up mid-line
            if (call > from && (call == from + 1 || !recovers)) {
                errno = ENOSPC;
                return -1;
            }
            return ::write(fd, data, size_t(size));
        };
    }
    runner.setJournalSyncPolicy(policy);
    RunRecorder recorder(runner);
    runner.start(plan);
    // The user's clicks, at simulated moments (harmless once the run is over).
    std::vector<std::unique_ptr<ClockTimer>> clicks;
    const auto clickAt = [&](qint64 ms, void (CampaignRunner::*click)()) {
        if (ms < 0)
            return;
        clicks.push_back(clock.createTimer(&context));
        QObject::connect(clicks.back().get(), &ClockTimer::timeout, &context, [&runner, click] {
            (runner.*click)();
        });
        clicks.back()->start(std::chrono::milliseconds(ms));
    };
    clickAt(s.cancelAtMs, &CampaignRunner::cancel);
    clickAt(s.pauseAtMs, &CampaignRunner::pause);
    clickAt(s.resumeAtMs, &CampaignRunner::resume);

    // Timer events per simulated minute, for the busy-loop bound.
    std::map<qint64, qint64> timeoutsByMinute;
    const int maxRoundsWithoutTime = 2000 + 400 * s.recipients;
    if (!drive(clock, server, recorder, maxRoundsWithoutTime, start, problems, timeoutsByMinute)) {
        runner.disconnect();
        return out; // the problem is recorded; the rest would only repeat it
    }
    out.simulatedMs = nowMs();
    out.slowReplies = simulated.slowReplies();
    out.lateReplies = simulated.lateReplies();
    out.messages = int(server.receivedMessages().size());

    const CampaignSummary summary = recorder.summary();
    out.journalFailed = (s.failingSyncFrom > 0 && *syncCalls >= s.failingSyncFrom)
                        || (s.failingWriteFrom > 0 && *writeCalls >= s.failingWriteFrom);
    out.gaveUp = summary.fatalError.contains(u"longer than the campaign waits");
    {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(QByteArray(
            QByteArray::number(out.simulatedMs) + ' ' + QByteArray::number(summary.sent) + ' '
            + QByteArray::number(summary.failed) + ' ' + QByteArray::number(summary.held) + ' '
            + QByteArray::number(summary.notSent)
            + ' '
            // Without the temporary directory, which a journal error names.
            + QString(summary.fatalError)
                  .replace(directory.path(), QStringLiteral("<dir>"))
                  .toUtf8()));
        for (int i = 0; i < s.recipients; ++i)
            hash.addData(RunRecorder::describe(recorder.resultsFor(i)).toUtf8());
        // Without SIZE=: the Message-ID is random, so a message's length varies by a digit.
        static const QRegularExpression size(QStringLiteral(" SIZE=\\d+"));
        for (int c = 1; c <= server.connectionCount(); ++c) {
            const QString commands = QString::fromUtf8(server.commandsOn(c).join('\n'));
            hash.addData(QByteArray(QString(commands).remove(size).toUtf8() + '\0'));
        }
        out.fingerprint = hash.result().toHex();
    }
    if (trace) {
        qInfo("ended at %lld s: %d sent, %d failed, %d held, %d unconfirmed, %d not sent; "
              "fatal \"%s\"; journal \"%s\"; %d logins, %d refusals",
              out.simulatedMs / 1000,
              summary.sent,
              summary.failed,
              summary.held,
              summary.unconfirmed,
              summary.notSent,
              qPrintable(summary.fatalError),
              qPrintable(summary.journalError),
              int(logins.size()),
              simulated.throttleRefusals());
    }

    // --- Every recipient ends exactly once ---
    const QHash<QByteArray, int> accepted = countByRecipient(server.receivedMessages());
    int lastSent = 0;
    int lastFailed = 0;
    int lastHeld = 0;
    int lastUnconfirmed = 0;
    int notFinal = 0;
    int everUnconfirmed = 0;
    std::vector<std::optional<Status>> lastStatus(std::size_t(s.recipients));
    std::vector<bool> wasUnconfirmed(std::size_t(s.recipients));
    for (int i = 0; i < s.recipients; ++i) {
        const QList<RecipientResult> results = recorder.resultsFor(i);
        const int finals = int(std::count_if(results.begin(), results.end(), [](const auto &r) {
            return isFinalStatus(r.status);
        }));
        const int unconfirmedResults = int(
            std::count_if(results.begin(), results.end(), [](const auto &r) {
                return r.status == Status::Unconfirmed || r.status == Status::Held;
            }));
        everUnconfirmed += unconfirmedResults > 0 ? 1 : 0;
        wasUnconfirmed[std::size_t(i)] = unconfirmedResults > 0;
        const int acceptedCount = accepted.value(recipientAddress(i).toUtf8());
        const QString history = RunRecorder::describe(results);
        if (finals > 1 || (finals == 1 && !isFinalStatus(results.constLast().status)))
            problems.append(
                QStringLiteral("recipient %1 ended more than once: %2").arg(i).arg(history));
        const std::optional<Status> last = results.isEmpty()
                                               ? std::nullopt
                                               : std::optional(results.constLast().status);
        lastStatus[std::size_t(i)] = last;
        if (last == Status::Sent) {
            ++lastSent;
            if (acceptedCount == 0)
                problems.append(QStringLiteral("recipient %1 reported sent, never accepted: %2")
                                    .arg(i)
                                    .arg(history));
        } else if (last == Status::Failed) {
            ++lastFailed;
            if (results.constLast().text.trimmed().isEmpty())
                problems.append(QStringLiteral("recipient %1 failed without a reason").arg(i));
        } else if (last == Status::Held) {
            ++lastHeld;
        } else if (last == Status::Unconfirmed) {
            ++lastUnconfirmed;
        } else {
            ++notFinal;
        }
        // Nobody gets it twice unless we say so.
        if (acceptedCount > 1 && unconfirmedResults == 0)
            problems.append(QStringLiteral("recipient %1 accepted %2 times, never reported "
                                           "unconfirmed: %3")
                                .arg(i)
                                .arg(acceptedCount)
                                .arg(history));
        if (acceptedCount > 2)
            problems.append(
                QStringLiteral("recipient %1 accepted %2 times").arg(i).arg(acceptedCount));
        if (acceptedCount > 1 && last == Status::Sent && !results.constLast().possiblyDuplicated)
            problems.append(QStringLiteral("recipient %1 sent twice, not flagged possibly "
                                           "duplicated")
                                .arg(i));
        if (s.settings.unconfirmedPolicy == UnconfirmedPolicy::Hold && acceptedCount > 1)
            problems.append(QStringLiteral("recipient %1 resent although the campaign holds "
                                           "unconfirmed messages")
                                .arg(i));
    }
    // The summary's counts are those of the recipients' last results.
    const int finalUnconfirmed = summary.total - summary.sent - summary.failed - summary.held
                                 - summary.notSent;
    if (summary.total != s.recipients || summary.sent != lastSent || summary.failed != lastFailed
        || summary.held != lastHeld || finalUnconfirmed < 0 || finalUnconfirmed > lastUnconfirmed
        || summary.notSent != notFinal + lastUnconfirmed - finalUnconfirmed) {
        problems.append(QStringLiteral("summary %1 sent, %2 failed, %3 held, %4 not sent of %5; "
                                       "results say %6 sent, %7 failed, %8 held, %9 unconfirmed, "
                                       "%10 not final")
                            .arg(summary.sent)
                            .arg(summary.failed)
                            .arg(summary.held)
                            .arg(summary.notSent)
                            .arg(summary.total)
                            .arg(lastSent)
                            .arg(lastFailed)
                            .arg(lastHeld)
                            .arg(lastUnconfirmed)
                            .arg(notFinal));
    }
    if (summary.unconfirmed != everUnconfirmed)
        problems.append(QStringLiteral("summary says %1 unconfirmed, results %2")
                            .arg(summary.unconfirmed)
                            .arg(everUnconfirmed));
    // Stopping early needs a reason the user can read.
    if (summary.notSent > 0 && summary.fatalError.isEmpty() && !summary.cancelled)
        problems.append(QStringLiteral("%1 not sent without a reason").arg(summary.notSent));

    // --- The summary equals the journal (the product's own replay of the file) ---
    const Result<JournalState> replay = readJournal(journalPath, plan.campaign.recipients, clock);
    if (!replay) {
        problems.append(
            QStringLiteral("the journal cannot be read back: %1").arg(replay.error().message));
    } else {
        // The file holds whole lines only, but for a line cut short at its very end by the full
        // disk: nothing may be written after a failed write, or the next line is glued to the
        // fragment and both are lost.
        const QStringList damage = replay->damage;
        if (trace) {
            qInfo("journal: %d write calls, damage: %s",
                  *writeCalls,
                  qPrintable(damage.join(QStringLiteral("; "))));
        }
        if (damage.size() > 1 || (damage.size() == 1 && !out.journalFailed))
            problems.append(QStringLiteral("journal damage: %1").arg(damage.join(u"; ")));
        using JStatus = JournalRecipientState::Status;
        int journalSent = 0;
        int journalFailed = 0;
        int journalUnconfirmed = 0;
        int journalEverUnconfirmed = 0;
        int queuedAfterUnconfirmed = 0; // queued for its one resend when the run stopped
        for (int i = 0; i < s.recipients; ++i) {
            const auto it = replay->recipients.constFind(i);
            const std::optional<JStatus> journal = it == replay->recipients.cend()
                                                       ? std::nullopt
                                                       : std::optional(it->status);
            journalSent += journal == JStatus::Sent ? 1 : 0;
            journalFailed += journal == JStatus::Failed ? 1 : 0;
            journalUnconfirmed += journal == JStatus::Unconfirmed ? 1 : 0;
            journalEverUnconfirmed += it != replay->recipients.cend() && it->unconfirmedCount > 0;
            const std::optional<Status> last = lastStatus[std::size_t(i)];
            std::optional<JStatus> expected;
            if (last == Status::Sent)
                expected = JStatus::Sent;
            else if (last == Status::Failed)
                expected = JStatus::Failed;
            else if (last == Status::Held || last == Status::Unconfirmed)
                expected = JStatus::Unconfirmed;
            const bool pendingBoth = !expected && (!journal || journal == JStatus::Pending);
            if (pendingBoth || expected == journal)
                continue;
            // Unconfirmed, then queued again to be resent once (UnconfirmedPolicy::Resend) when
            // the run stopped: the journal says unconfirmed, and a resume resends it, flagged.
            if (!expected && journal == JStatus::Unconfirmed && wasUnconfirmed[std::size_t(i)]) {
                ++queuedAfterUnconfirmed;
                continue;
            }
            // A journal that failed lacks the outcomes after the failure, on the careful side
            // only: a delivery reads at least as unconfirmed (its in-flight line was on disk
            // before the dot left), and nothing reads as sent or failed that was not.
            const bool carefulGap = out.journalFailed
                                    && (journal == JStatus::Unconfirmed || !journal
                                        || journal == JStatus::Pending)
                                    && (journal == JStatus::Unconfirmed || last != Status::Sent);
            if (carefulGap)
                continue;
            problems.append(QStringLiteral("recipient %1: the run says %2, the journal %3")
                                .arg(i)
                                .arg(last ? statusName(*last) : QStringLiteral("not sent"))
                                .arg(journal ? int(*journal) : -1));
        }
        if (!out.journalFailed
            && (journalSent != summary.sent || journalFailed != summary.failed
                || journalUnconfirmed != summary.held + lastUnconfirmed + queuedAfterUnconfirmed
                || journalEverUnconfirmed != summary.unconfirmed)) {
            problems.append(QStringLiteral("journal %1 sent, %2 failed, %3 unconfirmed (%4 ever); "
                                           "summary %5 sent, %6 failed, %7 held, %8 unconfirmed")
                                .arg(journalSent)
                                .arg(journalFailed)
                                .arg(journalUnconfirmed)
                                .arg(journalEverUnconfirmed)
                                .arg(summary.sent)
                                .arg(summary.failed)
                                .arg(summary.held)
                                .arg(summary.unconfirmed));
        }
    }
    if (out.journalFailed && summary.fatalError.isEmpty() && summary.journalError.isEmpty())
        problems.append(QStringLiteral("the journal failed and the summary does not say so"));

    // --- Every connection the client closed got QUIT, unless its session was dead ---
    for (const int connection : server.connectionsClosedWithoutQuit()) {
        if (!server.wasStalled(connection) && !server.wasClosedInData(connection)
            && !simulated.wasGarbled(connection) && !simulated.gaveUpOnSlowReply(connection))
            problems.append(QStringLiteral("connection %1 closed without QUIT: %2")
                                .arg(connection)
                                .arg(QString::fromUtf8(server.commandsOn(connection).join(' '))));
    }
    if (!server.protocolViolations().isEmpty())
        problems.append(server.protocolViolations().mid(0, 3));

    // --- The server is never hammered ---
    const auto countIn = [](const std::vector<qint64> &times, qint64 from, qint64 length) {
        return std::count_if(times.begin(), times.end(), [=](qint64 t) {
            return t >= from && t < from + length;
        });
    };
    // A login is justified by the work it carried: a delivery, or (with a message limit per
    // connection) its share of the transactions; beyond that only a handful a minute and one a
    // minute over an hour, whatever the server does.
    const int perConnection = s.settings.maxMessagesPerConnection;
    const auto justified = [&](qint64 from, qint64 length) {
        const auto mails = countIn(simulated.mailTimes(), from, length);
        return countIn(deliveries, from, length) + (perConnection > 0 ? mails / perConnection : 0);
    };
    struct LoginBound
    {
        qint64 windowMs;
        qint64 allowance;
        const char *name;
    };
    for (const LoginBound bound : {LoginBound{60'000, 8, "minute"}, {3'600'000, 60, "hour"}}) {
        const auto excess = std::find_if(logins.begin(), logins.end(), [&](qint64 from) {
            return countIn(logins, from, bound.windowMs)
                   > bound.allowance + justified(from, bound.windowMs);
        });
        if (excess != logins.end()) {
            problems.append(QStringLiteral("%1 logins in the %2 from %3 s for %4 deliveries")
                                .arg(countIn(logins, *excess, bound.windowMs))
                                .arg(QLatin1String(bound.name))
                                .arg(*excess / 1000)
                                .arg(countIn(deliveries, *excess, bound.windowMs)));
        }
    }
    // No busy loop: the heartbeat and the flush make about two timer events a simulated second;
    // messages add a few each.
    for (const auto &[minute, timeouts] : timeoutsByMinute) {
        const auto delivered = countIn(deliveries, minute * 60'000, 60'000);
        if (timeouts > 400 + 10 * delivered) {
            problems.append(QStringLiteral("%1 timer events in minute %2 (%3 deliveries)")
                                .arg(timeouts)
                                .arg(minute)
                                .arg(delivered));
            break;
        }
    }
    // --- Resume: a second run on the same journal, against a healed server ---
    // The promise of the journal: whatever stopped the first run (an outage, a full disk, a
    // give-up), resuming sends nobody the message twice unless it says so, and skips nobody.
    if (problems.isEmpty()) {
        serverTimers.clear(); // no crash that the first run did not live to see
        resume(s, plan, clock, start, server, simulated, recorder, maxRoundsWithoutTime, problems);
    }
    return out;
}

} // namespace

class TestFullStackSimulation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void invariantsHoldForEverySchedule();
    void aScheduleReplaysIdentically();
};

void TestFullStackSimulation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Thousands of throttles, outages and drops: the engine's log would drown the result.
    spdlog::set_level(qEnvironmentVariableIsSet("BULKMAIL_SIMULATION_TRACE") ? spdlog::level::debug
                                                                             : spdlog::level::off);
}

void TestFullStackSimulation::invariantsHoldForEverySchedule()
{
    std::vector<quint64> seeds;
    if (qEnvironmentVariableIsSet("BULKMAIL_SIMULATION_SEED")) {
        seeds.push_back(qEnvironmentVariable("BULKMAIL_SIMULATION_SEED").toULongLong());
    } else {
        const quint64 count = qEnvironmentVariableIsSet("BULKMAIL_SIMULATION_SCHEDULES")
                                  ? qEnvironmentVariable("BULKMAIL_SIMULATION_SCHEDULES")
                                        .toULongLong()
                                  : 300;
        const quint64 first = qEnvironmentVariableIsSet("BULKMAIL_SIMULATION_FIRST_SEED")
                                  ? qEnvironmentVariable("BULKMAIL_SIMULATION_FIRST_SEED")
                                        .toULongLong()
                                  : 1;
        for (quint64 seed = first; seed < first + count; ++seed)
            seeds.push_back(seed);
        // Seeds beyond the range that found something, kept: 782 a 421 at MAIL taken for an
        // idle timeout (a login per message followed); 1476 and 2283 what the journal may lack
        // after its sync failed, and a resend still queued when the run stopped; 6746 a crash
        // due after the first run ended must not hit the resumed one. (71 and 89,
        // in the range: a connection closed without QUIT while its session was being set up; 284, a
        // cancel during a slow EHLO reply, which the client may wait for only QuitReplyTimeout.)
        for (const quint64 seed : {782, 1476, 2283, 6746})
            seeds.push_back(seed);
        const std::vector<quint64> fresh = freshSeeds(3);
        seeds.insert(seeds.end(), fresh.cbegin(), fresh.cend());
    }
    QElapsedTimer elapsed;
    elapsed.start();
    int failures = 0;
    int gaveUp = 0;
    int journalFailures = 0;
    qint64 simulatedMs = 0;
    qint64 messages = 0;
    int slowReplies = 0;
    int lateReplies = 0;
    for (const quint64 seed : seeds) {
        const Outcome outcome = simulate(seed);
        simulatedMs += outcome.simulatedMs;
        messages += outcome.messages;
        gaveUp += outcome.gaveUp ? 1 : 0;
        journalFailures += outcome.journalFailed ? 1 : 0;
        slowReplies += outcome.slowReplies;
        lateReplies += outcome.lateReplies;
        if (outcome.problems.isEmpty())
            continue;
        ++failures;
        qWarning("seed %llu (replay: BULKMAIL_SIMULATION_SEED=%llu): %s",
                 seed,
                 seed,
                 qPrintable(outcome.problems.mid(0, 5).join(QStringLiteral("; "))));
        if (failures >= 10)
            break;
    }
    qInfo("%d schedules, %.1f simulated hours, %lld messages accepted, %d gave up on the server, "
          "%d with a failing journal, %d slow replies (%d at or after the client's timeout), "
          "%.1f s",
          int(seeds.size()),
          double(simulatedMs) / 3'600'000.0,
          messages,
          gaveUp,
          journalFailures,
          slowReplies,
          lateReplies,
          double(elapsed.elapsed()) / 1000.0);
    QCOMPARE(failures, 0);
    if (seeds.size() > 1) {
        // The schedules do reach the paths they are for.
        QVERIFY2(journalFailures > 0, "no schedule had its journal fail");
        QVERIFY2(lateReplies > 0, "no reply came after the client's timeout");
        QVERIFY2(slowReplies > lateReplies, "no slow reply came in time");
    }
}

// The point of a seed: a failure it shows can be replayed. Run twice, a schedule gives the same
// results, at the same simulated times, from the same commands on the wire.
void TestFullStackSimulation::aScheduleReplaysIdentically()
{
    if (qEnvironmentVariableIsSet("BULKMAIL_SIMULATION_SEED"))
        QSKIP("replaying one seed");
    int differing = 0;
    for (quint64 seed = 1; seed <= 40; ++seed) {
        const QByteArray first = simulate(seed).fingerprint;
        const QByteArray second = simulate(seed).fingerprint;
        if (first != second) {
            ++differing;
            qWarning("seed %llu differs between two runs", seed);
        }
    }
    QCOMPARE(differing, 0);
}

QTEST_GUILESS_MAIN(TestFullStackSimulation)
#include "tst_fullstacksimulation.moc"
