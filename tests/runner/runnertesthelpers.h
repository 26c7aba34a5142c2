#pragma once

// Shared by the runner suites: a plan for N recipients "user<i>@example.org", a recorder that
// collects what a CampaignRunner reports (results arrive in batches, intermediate statuses before
// the final one), and the checks every fault test makes.

#include "campaign/campaign.h"
#include "delivery/connectionevent.h"
#include "runner/campaignprogress.h"
#include "runner/campaignrunner.h"
#include "testresult.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QSysInfo>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <spdlog/spdlog.h>

#include <chrono>
#include <optional>

// Verifies a check that returns an empty string on success and the problem otherwise.
#define QVERIFY_CHECK(check) \
    do { \
        const QString problem_ = (check); \
        QVERIFY2(problem_.isEmpty(), qPrintable(problem_)); \
    } while (false)

namespace Bulkmail {

// Readable QCOMPARE failures (QtTest finds these through argument-dependent lookup).
inline char *toString(RecipientResult::Status status)
{
    return qstrdup(qPrintable(recipientStatusName(status)));
}
inline char *toString(CloseReason reason)
{
    return qstrdup(qPrintable(closeReasonName(reason)));
}

} // namespace Bulkmail

namespace Bulkmail::Test {

using namespace std::chrono_literals;

// The engine logs every connection event at info level: keep test output to warnings, unless
// RUNNER_TEST_DEBUG is set (then with BULKMAIL_SMTP_TRANSCRIPT=1 the whole SMTP dialogue shows).
inline void setTestLogLevel()
{
    spdlog::set_level(qEnvironmentVariableIsSet("RUNNER_TEST_DEBUG") ? spdlog::level::debug
                                                                     : spdlog::level::warn);
}

inline QString recipientAddress(int index)
{
    return QStringLiteral("user%1@example.org").arg(index);
}

// Fast and deterministic against a local server: one connection, no message limit, no rate
// limit, short timeouts, retries after 1 s, a 300 ms first throttling pause.
inline DeliverySettings fastSettings()
{
    DeliverySettings settings;
    settings.maxConnections = 1;
    settings.maxMessagesPerConnection = 0;
    settings.maxConnectionAge = 0s;
    settings.idleTimeout = 30s;
    settings.maxAttempts = 3;
    settings.retryDelay = 1s;
    settings.throttlePause = 300ms;
    settings.reconnectDelay = 100ms;
    settings.sitePause = 200ms;
    settings.rateLimits.perSecond = 0;
    settings.timeouts.connect = 5s;
    settings.timeouts.greeting = 5s;
    settings.timeouts.command = 5s;
    settings.timeouts.dataInitiation = 5s;
    settings.timeouts.finalDot = 5s;
    return settings;
}

// A plain-text campaign to `host:port` for recipients user0@example.org ... user<N-1>@...
inline CampaignPlan makePlan(int recipientCount,
                             const QString &host,
                             quint16 port,
                             const DeliverySettings &settings = fastSettings(),
                             const QString &username = {},
                             const QString &password = {})
{
    CampaignPlan plan;
    Campaign &campaign = plan.campaign;
    campaign.name = QStringLiteral("runner test");
    campaign.server.host = host;
    campaign.server.port = port;
    campaign.server.security = SecurityMode::None;
    campaign.server.username = username;
    campaign.server.heloName = QStringLiteral("client.example.org");
    campaign.sending = settings;
    campaign.message.from = QStringLiteral("Sender <sender@example.com>");
    campaign.message.subject = QStringLiteral("Hello {{name}}");
    campaign.message.text = QStringLiteral("Dear {{name}},\n\nthis is for {{email}}.\n");
    for (int i = 0; i < recipientCount; ++i)
        campaign.recipients.append({recipientAddress(i), QStringLiteral("User %1").arg(i)});
    plan.password = password;
    return plan;
}

// How many messages each envelope recipient got, from a server's received-message list
// (ScriptedMessage or ReceivedMessage: both have `recipients`).
template<typename Message>
QHash<QByteArray, int> countByRecipient(const QList<Message> &messages)
{
    QHash<QByteArray, int> counts;
    for (const Message &message : messages) {
        for (const QByteArray &recipient : message.recipients)
            ++counts[recipient];
    }
    return counts;
}

// Empty if every recipient user0..user<N-1> arrived exactly once and nothing else arrived.
template<typename Message>
QString checkEachReceivedOnce(const QList<Message> &messages, int recipientCount)
{
    const QHash<QByteArray, int> counts = countByRecipient(messages);
    QStringList problems;
    for (int i = 0; i < recipientCount; ++i) {
        const int count = counts.value(recipientAddress(i).toUtf8());
        if (count != 1)
            problems.append(
                QStringLiteral("%1 received %2 times").arg(recipientAddress(i)).arg(count));
    }
    if (messages.size() != recipientCount)
        problems.append(QStringLiteral("%1 messages received, expected %2")
                            .arg(messages.size())
                            .arg(recipientCount));
    return problems.join(QStringLiteral("; "));
}

// A live process of another program ("sleep") holding the lock file at `lockPath` the way
// QLockFile writes it (pid, program, host): another run of the campaign, for the refusal tests.
class ForeignLockHolder final
{
public:
    explicit ForeignLockHolder(const QString &lockPath)
        : m_lockPath(lockPath)
    {
        m_process.start(QStringLiteral("sleep"), {QStringLiteral("60")});
        if (!m_process.waitForStarted())
            return;
        QFile lock(m_lockPath);
        if (lock.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            lock.write(QByteArray::number(m_process.processId()) + "\nsleep\n"
                       + QSysInfo::machineHostName().toUtf8() + '\n');
        }
    }
    ~ForeignLockHolder()
    {
        m_process.kill();
        m_process.waitForFinished();
        QFile::remove(m_lockPath);
    }
    ForeignLockHolder(const ForeignLockHolder &) = delete;
    ForeignLockHolder &operator=(const ForeignLockHolder &) = delete;

    [[nodiscard]] qint64 pid() const { return m_process.processId(); }

private:
    QString m_lockPath;
    QProcess m_process;
};

// Collects everything a runner emits, in the thread that constructs it (so that a runner in an
// engine thread reaches it through queued connections, as the CLI and the GUI do).
class RunRecorder final
{
public:
    explicit RunRecorder(CampaignRunner &runner)
    {
        m_elapsed.start();
        QObject::connect(&runner,
                         &CampaignRunner::recipientResults,
                         &m_context,
                         [this](const QList<RecipientResult> &batch) {
                             noteThread();
                             ++m_resultBatches;
                             if (m_summary)
                                 ++m_signalsAfterFinished;
                             for (const RecipientResult &result : batch) {
                                 m_results.append(result);
                                 m_byRecipient[result.recipientIndex].append(result);
                             }
                         });
        QObject::connect(&runner,
                         &CampaignRunner::connectionEvents,
                         &context(),
                         [this](const QList<ConnectionEvent> &batch) {
                             noteThread();
                             if (m_summary)
                                 ++m_signalsAfterFinished;
                             m_events.append(batch);
                         });
        QObject::connect(&runner,
                         &CampaignRunner::progress,
                         &m_context,
                         [this](const CampaignProgress &progress) {
                             noteThread();
                             if (m_summary)
                                 ++m_signalsAfterFinished;
                             m_progress.append(progress);
                         });
        QObject::connect(&runner,
                         &CampaignRunner::finished,
                         &m_context,
                         [this](const CampaignSummary &summary) {
                             noteThread();
                             ++m_finishedCount;
                             m_summary = summary;
                             m_finishedAfterMs = m_elapsed.elapsed();
                             if (m_waitLoop)
                                 m_waitLoop->quit();
                         });
    }

    // Spins a real event loop until `finished` arrives. Not QTest::qWaitFor: it sleeps 10 ms
    // between event-loop passes, which caps a run against a server in another process at one
    // round trip per 10-20 ms.
    [[nodiscard]] bool waitForFinished(int timeoutMs = 30'000)
    {
        if (m_summary)
            return true;
        QEventLoop loop;
        QTimer timeout;
        timeout.setSingleShot(true);
        QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
        m_waitLoop = &loop;
        timeout.start(timeoutMs);
        loop.exec();
        m_waitLoop = nullptr;
        return m_summary.has_value();
    }
    [[nodiscard]] bool isFinished() const { return m_summary.has_value(); }
    [[nodiscard]] CampaignSummary summary() const { return m_summary.value_or(CampaignSummary{}); }
    [[nodiscard]] int finishedCount() const { return m_finishedCount; }
    [[nodiscard]] qint64 finishedAfterMs() const { return m_finishedAfterMs; }
    [[nodiscard]] int signalsAfterFinished() const { return m_signalsAfterFinished; }

    [[nodiscard]] const QList<RecipientResult> &results() const { return m_results; }
    [[nodiscard]] QList<RecipientResult> resultsFor(int index) const
    {
        return m_byRecipient.value(index);
    }
    [[nodiscard]] QList<RecipientResult::Status> statusesFor(int index) const
    {
        QList<RecipientResult::Status> statuses;
        for (const RecipientResult &result : m_byRecipient.value(index))
            statuses.append(result.status);
        return statuses;
    }
    // The last result reported for the recipient, if any.
    [[nodiscard]] std::optional<RecipientResult> lastResult(int index) const
    {
        const QList<RecipientResult> results = m_byRecipient.value(index);
        if (results.isEmpty())
            return std::nullopt;
        return results.constLast();
    }
    [[nodiscard]] int countWithStatus(RecipientResult::Status status) const
    {
        return int(std::count_if(m_results.cbegin(), m_results.cend(), [status](const auto &r) {
            return r.status == status;
        }));
    }
    [[nodiscard]] int resultBatches() const { return m_resultBatches; }

    [[nodiscard]] const QList<ConnectionEvent> &events() const { return m_events; }
    [[nodiscard]] QList<ConnectionEvent> eventsOfKind(ConnectionEvent::Kind kind) const
    {
        QList<ConnectionEvent> matching;
        for (const ConnectionEvent &event : m_events) {
            if (event.kind == kind)
                matching.append(event);
        }
        return matching;
    }
    [[nodiscard]] int createdCount() const
    {
        return int(eventsOfKind(ConnectionEvent::Kind::Created).size());
    }
    // The close reason of every connection, by connection id.
    [[nodiscard]] QMap<int, CloseReason> closeReasons() const
    {
        QMap<int, CloseReason> reasons;
        for (const ConnectionEvent &event : eventsOfKind(ConnectionEvent::Kind::Closed))
            reasons.insert(event.connectionId, event.reason);
        return reasons;
    }
    // "1:max-messages 2:finished" for messages and comparisons.
    [[nodiscard]] QString closeReasonList() const
    {
        QStringList parts;
        const QMap<int, CloseReason> reasons = closeReasons();
        for (auto it = reasons.cbegin(); it != reasons.cend(); ++it)
            parts.append(QStringLiteral("%1:%2").arg(it.key()).arg(closeReasonName(it.value())));
        return parts.join(u' ');
    }
    [[nodiscard]] const QList<CampaignProgress> &progress() const { return m_progress; }

    // Empty when every recipient 0..N-1 has exactly one final result (sent or failed; retry,
    // throttled and unconfirmed are intermediate), that result is its last one, and it has the
    // expected status (Sent unless `expected` says otherwise). Recipients listed in `notSent`
    // must have no final result at all.
    [[nodiscard]] QString checkEachEndedOnce(int recipientCount,
                                             const QHash<int, RecipientResult::Status> &expected = {},
                                             const QList<int> &notSent = {}) const
    {
        QStringList problems;
        for (int i = 0; i < recipientCount; ++i) {
            const QList<RecipientResult> results = m_byRecipient.value(i);
            int finals = 0;
            for (const RecipientResult &result : results)
                finals += isFinal(result.status) ? 1 : 0;
            if (notSent.contains(i)) {
                if (finals != 0)
                    problems.append(QStringLiteral("recipient %1 has %2 final results but should "
                                                   "not have been sent")
                                        .arg(i)
                                        .arg(finals));
                continue;
            }
            if (finals != 1) {
                problems.append(QStringLiteral("recipient %1 has %2 final results (%3)")
                                    .arg(i)
                                    .arg(finals)
                                    .arg(describe(results)));
                continue;
            }
            const RecipientResult::Status want = expected.value(i, RecipientResult::Status::Sent);
            if (results.constLast().status != want) {
                problems.append(QStringLiteral("recipient %1 ended as %2, expected %3 (%4)")
                                    .arg(i)
                                    .arg(recipientStatusName(results.constLast().status),
                                         recipientStatusName(want),
                                         describe(results)));
            }
        }
        for (auto it = m_byRecipient.cbegin(); it != m_byRecipient.cend(); ++it) {
            if (it.key() < 0 || it.key() >= recipientCount)
                problems.append(QStringLiteral("a result for unknown recipient %1").arg(it.key()));
        }
        return problems.join(QStringLiteral("; "));
    }

    [[nodiscard]] static QString describe(const QList<RecipientResult> &results)
    {
        QStringList parts;
        for (const RecipientResult &result : results) {
            parts.append(QStringLiteral("%1 #%2 on c%3 %4 %5")
                             .arg(recipientStatusName(result.status))
                             .arg(result.attempt)
                             .arg(result.connectionId)
                             .arg(result.code)
                             .arg(result.text));
        }
        return parts.join(QStringLiteral(" | "));
    }

    // The threads the signals were delivered in (one entry per distinct thread).
    [[nodiscard]] const QList<QThread *> &deliveryThreads() const { return m_threads; }

private:
    static bool isFinal(RecipientResult::Status status)
    {
        return status == RecipientResult::Status::Sent || status == RecipientResult::Status::Failed
               || status == RecipientResult::Status::Held;
    }
    QObject &context() { return m_context; }
    void noteThread()
    {
        if (!m_threads.contains(QThread::currentThread()))
            m_threads.append(QThread::currentThread());
    }

    QElapsedTimer m_elapsed;
    QList<RecipientResult> m_results;
    QMap<int, QList<RecipientResult>> m_byRecipient;
    QList<ConnectionEvent> m_events;
    QList<CampaignProgress> m_progress;
    std::optional<CampaignSummary> m_summary;
    QList<QThread *> m_threads;
    int m_finishedCount = 0;
    int m_resultBatches = 0;
    int m_signalsAfterFinished = 0;
    qint64 m_finishedAfterMs = 0;
    QEventLoop *m_waitLoop = nullptr;
    QObject m_context; // last: destroyed first, so no signal reaches a half-destroyed recorder
};

// Runs `plan` on a runner of its own to its end: the summary, or nothing when the run did not
// finish within `timeoutMs` (the caller's QVERIFY says so).
[[nodiscard]] inline std::optional<CampaignSummary> runUntilFinished(const CampaignPlan &plan,
                                                                     int timeoutMs = 30'000)
{
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(plan);
    if (!recorder.waitForFinished(timeoutMs))
        return std::nullopt;
    return recorder.summary();
}

} // namespace Bulkmail::Test
