// The send journal as the real CampaignRunner writes it (not lines appended by hand): the
// in-flight line is on disk before the final dot reaches the server, the outcome line follows
// the server's reply, a journal that cannot be written stops the message before its content
// leaves, a sync failure at the end reaches the summary, a torn last line is repaired and
// reported, and one run per campaign holds the lock. Then the runner in a process of its own
// (journal_runner) is killed at each interesting point and the resumed run must give exactly the
// promised outcome, under UnconfirmedPolicy hold and resend.

#include "feedback/suppressionlist.h"
#include "imap/sentcopier.h" // messageIdOf
#include "journal/journallock.h"
#include "journal/sendjournal.h"
#include "runnertesthelpers.h"
#include "scriptedsmtpserver.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <memory>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;

namespace {

const QString localHost = QStringLiteral("127.0.0.1");

QStringList inFlightThenSent()
{
    return {QStringLiteral("inFlight"), QStringLiteral("sent")};
}

// The journal's lines, each with the offset just past its '\n'.
struct JournalLine
{
    QJsonObject object;
    qint64 end = 0;
};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QList<JournalLine> journalLines(const QString &path)
{
    QList<JournalLine> lines;
    const QByteArray bytes = readAll(path);
    qint64 start = 0;
    while (start < bytes.size()) {
        const qint64 newline = bytes.indexOf('\n', start);
        if (newline < 0)
            break; // a line still being written cannot be: one write() per line
        lines.append(
            {QJsonDocument::fromJson(bytes.mid(start, newline - start)).object(), newline + 1});
        start = newline + 1;
    }
    return lines;
}

// The entries about one recipient, in file order.
QList<JournalLine> linesFor(const QString &path, int index)
{
    QList<JournalLine> lines;
    for (const JournalLine &line : journalLines(path)) {
        if (line.object.contains(QLatin1String("index"))
            && line.object.value(QLatin1String("index")).toInt() == index)
            lines.append(line);
    }
    return lines;
}

QStringList eventsFor(const QString &path, int index)
{
    QStringList events;
    for (const JournalLine &line : linesFor(path, index))
        events.append(line.object.value(QLatin1String("event")).toString());
    return events;
}

int indexOfAddress(const QByteArray &address)
{
    // "user<i>@example.org"
    return address.mid(4, address.indexOf('@') - 4).toInt();
}

// A seam in place of fdatasync: counts the syncs, remembers how far the last one reached, and
// fails every call after `failAfter` of them (with EIO).
struct SyncProbe
{
    std::atomic<int> calls{0};
    std::atomic<qint64> coveredBytes{0};
    std::atomic<int> failAfter{-1}; // -1: never fail

    JournalSyncPolicy policy(const std::shared_ptr<SyncProbe> &self) const
    {
        JournalSyncPolicy policy;
        policy.maxDelay = 1h; // only the syncs the runner asks for, so that they can be counted
        policy.maxEntries = 100'000;
        policy.fileSync = [self](int fd) {
            const int call = ++self->calls;
            if (self->failAfter >= 0 && call > self->failAfter)
                return EIO;
            struct stat status
            {};
            ::fstat(fd, &status);
            if (::fdatasync(fd) != 0)
                return errno;
            self->coveredBytes = status.st_size;
            return 0;
        };
        return policy;
    }
};

// What journal_runner printed: the last status of each recipient and the summary line.
struct RunnerOutput
{
    QHash<int, QString> status;
    QHash<int, bool> possiblyDuplicated;
    QHash<QString, QString> summary;

    static RunnerOutput parse(const QByteArray &output)
    {
        RunnerOutput parsed;
        for (const QByteArray &line : output.split('\n')) {
            const QList<QByteArray> words = line.split(' ');
            if (words.value(0) == "result" && words.size() == 4) {
                const int index = words.at(1).toInt();
                parsed.status.insert(index, QString::fromUtf8(words.at(2)));
                parsed.possiblyDuplicated.insert(index, words.at(3).endsWith("=1"));
            } else if (words.value(0) == "summary") {
                for (const QByteArray &word : words.mid(1)) {
                    const qsizetype equals = word.indexOf('=');
                    const QString key = QString::fromUtf8(word.left(equals));
                    if (key == QLatin1String("error")) { // the rest of the line
                        parsed.summary.insert(key,
                                              QString::fromUtf8(
                                                  line.mid(line.indexOf(" error=") + 7)));
                        break;
                    }
                    parsed.summary.insert(key, QString::fromUtf8(word.mid(equals + 1)));
                }
            }
        }
        return parsed;
    }
};

// Waits until the process is stopped (SIGSTOP is delivered asynchronously).
bool waitUntilStopped(qint64 pid)
{
    const QString statPath = QStringLiteral("/proc/%1/stat").arg(pid);
    for (int i = 0; i < 5000; ++i) {
        const QByteArray stat = readAll(statPath);
        const qsizetype afterName = stat.lastIndexOf(')');
        if (afterName > 0 && stat.mid(afterName + 2, 1) == "T")
            return true;
        ::usleep(1000);
    }
    return false;
}

// Runs journal_runner to its end, spinning the event loop (the scripted server shares this
// thread). Empty output if it did not end normally.
QByteArray runToTheEnd(const QStringList &arguments, const QProcessEnvironment &extra = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &key : extra.keys())
        environment.insert(key, extra.value(key));
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(QStringLiteral(JOURNAL_RUNNER_PATH), arguments);
    if (!process.waitForStarted()
        || !QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 30'000)
        || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return process.readAllStandardOutput();
}

} // namespace

class TestRunnerJournal final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void inFlightLineIsOnDiskBeforeTheDot();
    void realFdatasyncRunsBeforeEachDot();
    void failedSyncStopsTheMessageBeforeItsContent();
    void finalSyncFailureReachesTheSummary();
    void tornLastLineIsRepairedAndReported();
    void secondRunIsRefusedWhileTheLockIsHeld();
    void aJournalThatCannotBeOpenedStopsTheRunWithItsCode();
    void anUnreadableSuppressionListStopsTheRunWithItsCode();
    void fullDiskAtAnInFlightLineSendsNothingMore();
    void killedAtEachPoint_data();
    void killedAtEachPoint();

private:
    [[nodiscard]] CampaignPlan planFor(int recipients, quint16 port) const;

    std::unique_ptr<QTemporaryDir> m_directory;
    QString m_campaignPath;
    QString m_journalPath;
};

void TestRunnerJournal::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setTestLogLevel();
}

void TestRunnerJournal::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    m_campaignPath = m_directory->filePath(QStringLiteral("news.bulkmail"));
    m_journalPath = SendJournal::pathFor(m_campaignPath);
}

CampaignPlan TestRunnerJournal::planFor(int recipients, quint16 port) const
{
    CampaignPlan plan = makePlan(recipients, localHost, port);
    plan.campaign.filePath = m_campaignPath; // the journal's place; the file itself is not needed
    return plan;
}

void TestRunnerJournal::inFlightLineIsOnDiskBeforeTheDot()
{
    constexpr int total = 5;
    ScriptedSmtpServer server;
    auto probe = std::make_shared<SyncProbe>();
    CampaignRunner runner;
    runner.setJournalSyncPolicy(probe->policy(probe));
    RunRecorder recorder(runner);

    QStringList problems;
    int dots = 0;
    QHash<int, int> recipientOfMessage;
    QObject context;
    connect(&server,
            &ScriptedSmtpServer::finalDotReceived,
            &context,
            [&](int messageNumber, const QList<QByteArray> &recipients) {
                ++dots;
                const int index = indexOfAddress(recipients.value(0));
                recipientOfMessage.insert(messageNumber, index);
                const QList<JournalLine> lines = linesFor(m_journalPath, index);
                if (lines.isEmpty()
                    || lines.constLast().object.value(QLatin1String("event")).toString()
                           != QLatin1String("inFlight")) {
                    problems.append(QStringLiteral("message %1: the dot arrived, the journal "
                                                   "has %2 for recipient %3")
                                        .arg(messageNumber)
                                        .arg(eventsFor(m_journalPath, index).join(u','))
                                        .arg(index));
                    return;
                }
                if (probe->coveredBytes < lines.constLast().end) {
                    problems.append(QStringLiteral("message %1: the dot arrived before its "
                                                   "in-flight line was synced (synced to %2, "
                                                   "line ends at %3)")
                                        .arg(messageNumber)
                                        .arg(probe->coveredBytes.load())
                                        .arg(lines.constLast().end));
                }
            });
    connect(&server, &ScriptedSmtpServer::messageAccepted, &context, [&](int messageNumber) {
        // The reply has just left: the outcome cannot be on record yet.
        const int index = recipientOfMessage.value(messageNumber, -1);
        const QStringList events = eventsFor(m_journalPath, index);
        if (events != QStringList{QStringLiteral("inFlight")})
            problems.append(QStringLiteral("message %1: the reply left, the journal already has "
                                           "%2 for recipient %3")
                                .arg(messageNumber)
                                .arg(events.join(u','))
                                .arg(index));
    });

    runner.start(planFor(total, server.serverPort()));
    QVERIFY(recorder.waitForFinished());
    QCOMPARE(recorder.summary().fatalError, QString());
    QCOMPARE(recorder.summary().journalError, QString());
    QCOMPARE(recorder.summary().sent, total);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("\n"))));
    QCOMPARE(dots, total);
    QVERIFY(server.protocolViolations().isEmpty());

    // After the run: each recipient has its in-flight line, then its outcome with the reply.
    for (int i = 0; i < total; ++i) {
        const QList<JournalLine> lines = linesFor(m_journalPath, i);
        QCOMPARE(eventsFor(m_journalPath, i), inFlightThenSent());
        QCOMPARE(lines.at(1).object.value(QLatin1String("code")).toInt(), 250);
        QVERIFY(lines.at(1)
                    .object.value(QLatin1String("text"))
                    .toString()
                    .contains(QLatin1String("queued as")));
    }
    // One sync for the header, one per in-flight line (each before its dot), one at the end.
    QCOMPARE(probe->calls.load(), 1 + total + 1);

    // Both lines name the Message-ID the message went out with, so that a delivery report can
    // be matched to its recipient later; every message has its own.
    const QList<ScriptedMessage> received = server.receivedMessages();
    QCOMPARE(received.size(), total);
    QSet<QString> messageIds;
    for (const ScriptedMessage &message : received) {
        const QString messageId = QString::fromLatin1(messageIdOf(message.data));
        QVERIFY(messageId.startsWith(u'<') && messageId.endsWith(u'>'));
        const QList<JournalLine> lines = linesFor(m_journalPath,
                                                  indexOfAddress(message.recipients.value(0)));
        QCOMPARE(lines.size(), 2);
        for (const JournalLine &line : lines)
            QCOMPARE(line.object.value(QLatin1String("messageId")).toString(), messageId);
        messageIds.insert(messageId);
    }
    QCOMPARE(messageIds.size(), total);
}

void TestRunnerJournal::realFdatasyncRunsBeforeEachDot()
{
    // The seam above replaces the sync; this proves the product's own path: journal_runner, with
    // no seam, under an LD_PRELOAD spy that lets each real fdatasync(2) happen and records it.
    constexpr int total = 4;
    ScriptedSmtpServer server;
    const QString spyLog = m_directory->filePath(QStringLiteral("fdatasync.log"));
    const QString canonicalJournal = QFileInfo(m_directory->path()).canonicalFilePath()
                                     + QStringLiteral("/") + QFileInfo(m_journalPath).fileName();
    // The largest file size a successful fdatasync of the journal covered so far.
    const auto syncedJournalBytes = [&] {
        qint64 covered = -1;
        for (const QByteArray &line : readAll(spyLog).split('\n')) {
            const QList<QByteArray> fields = line.split(' ');
            if (fields.size() >= 3 && fields.at(1) == "0"
                && QString::fromUtf8(line.mid(fields.at(0).size() + fields.at(1).size() + 2))
                       == canonicalJournal)
                covered = std::max(covered, fields.at(0).toLongLong());
        }
        return covered;
    };
    QStringList problems;
    QObject context;
    connect(&server,
            &ScriptedSmtpServer::finalDotReceived,
            &context,
            [&](int messageNumber, const QList<QByteArray> &recipients) {
                const int index = indexOfAddress(recipients.value(0));
                const QList<JournalLine> lines = linesFor(m_journalPath, index);
                const qint64 lineEnd = lines.isEmpty() ? -1 : lines.constLast().end;
                if (lineEnd < 0 || syncedJournalBytes() < lineEnd) {
                    problems.append(QStringLiteral("message %1: the dot arrived, fdatasync "
                                                   "covered %2 bytes of the journal, its "
                                                   "in-flight line ends at %3")
                                        .arg(messageNumber)
                                        .arg(syncedJournalBytes())
                                        .arg(lineEnd));
                }
            });

    QProcess runner;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral(FDATASYNC_SPY_PATH));
    environment.insert(QStringLiteral("FDATASYNC_SPY_LOG"), spyLog);
    // A sanitizer build wants its runtime first; the spy only forwards the call.
    environment.insert(QStringLiteral("ASAN_OPTIONS"),
                       environment.value(QStringLiteral("ASAN_OPTIONS"))
                           + QStringLiteral(":verify_asan_link_order=0"));
    runner.setProcessEnvironment(environment);
    runner.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    runner.start(QStringLiteral(JOURNAL_RUNNER_PATH),
                 {m_campaignPath,
                  QString::number(server.serverPort()),
                  QString::number(total),
                  QStringLiteral("resend")});
    QVERIFY(runner.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(runner.state() == QProcess::NotRunning, 30'000);
    const RunnerOutput output = RunnerOutput::parse(runner.readAllStandardOutput());
    QCOMPARE(output.summary.value(QStringLiteral("sent")), QString::number(total));
    QCOMPARE(server.receivedMessages().size(), total);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("\n"))));
    // Every journal line ended up on disk: the last sync covered the whole file.
    QCOMPARE(syncedJournalBytes(), QFileInfo(m_journalPath).size());
}

void TestRunnerJournal::failedSyncStopsTheMessageBeforeItsContent()
{
    constexpr int total = 3;
    ScriptedSmtpServer server;
    auto probe = std::make_shared<SyncProbe>();
    probe->failAfter = 1; // the header is on disk; the first in-flight line is not
    CampaignRunner runner;
    runner.setJournalSyncPolicy(probe->policy(probe));
    RunRecorder recorder(runner);
    int dots = 0;
    QObject context;
    connect(&server, &ScriptedSmtpServer::finalDotReceived, &context, [&dots] { ++dots; });

    runner.start(planFor(total, server.serverPort()));
    QVERIFY(recorder.waitForFinished());
    const CampaignSummary summary = recorder.summary();
    QCOMPARE(dots, 0); // nothing irreversible happened
    QVERIFY(server.receivedMessages().isEmpty());
    QCOMPARE(summary.sent, 0);
    QCOMPARE(summary.notSent, total);
    QCOMPARE(recorder.countWithStatus(RecipientResult::Status::Sent), 0);
    QVERIFY2(summary.fatalError.startsWith(QLatin1String("writing the send journal failed")),
             qPrintable(summary.fatalError));
    QVERIFY2(summary.fatalError.contains(QString::fromLocal8Bit(std::strerror(EIO))),
             qPrintable(summary.fatalError));
    // The final sync fails as well (a failed fdatasync sticks): reported beside the fatal error,
    // not instead of it.
    QVERIFY2(summary.journalError.contains(QLatin1String("could not be saved")),
             qPrintable(summary.journalError));
    QVERIFY(!summary.isComplete());
    // The connection was dropped in the middle of DATA: the server saw DATA, then nothing.
    QCOMPARE(server.commandsOn(1).constLast(), QByteArray("DATA"));
}

void TestRunnerJournal::finalSyncFailureReachesTheSummary()
{
    constexpr int total = 2;
    ScriptedSmtpServer server;
    auto probe = std::make_shared<SyncProbe>();
    probe->failAfter = 1 + total; // the header and the in-flight lines; not the outcomes
    CampaignRunner runner;
    runner.setJournalSyncPolicy(probe->policy(probe));
    RunRecorder recorder(runner);
    runner.start(planFor(total, server.serverPort()));
    QVERIFY(recorder.waitForFinished());
    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.sent, total);
    QCOMPARE(summary.fatalError, QString());
    QVERIFY2(summary.journalError.contains(QString::fromLocal8Bit(std::strerror(EIO))),
             qPrintable(summary.journalError));
    QVERIFY(!summary.isComplete());
    QCOMPARE(probe->calls.load(), 1 + total + 1);
}

void TestRunnerJournal::tornLastLineIsRepairedAndReported()
{
    constexpr int total = 2;
    ScriptedSmtpServer server;
    {
        CampaignRunner runner;
        RunRecorder recorder(runner);
        runner.start(planFor(total, server.serverPort()));
        QVERIFY(recorder.waitForFinished());
        QCOMPARE(recorder.summary().sent, total);
    }
    const QByteArray whole = readAll(m_journalPath);
    QFile journal(m_journalPath);
    QVERIFY(journal.open(QIODevice::Append));
    const QByteArray torn = "{\"attempt\":2,\"connection\":1,\"email\":\"us";
    QCOMPARE(journal.write(torn), torn.size());
    journal.close();

    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(planFor(total, server.serverPort()));
    QVERIFY(recorder.waitForFinished());
    const CampaignSummary summary = recorder.summary();
    QCOMPARE(summary.previouslySent, total);
    QCOMPARE(summary.sent, 0);
    const QString note = summary.journalDamage.filter(QStringLiteral("cut short")).value(0);
    QVERIFY2(note.contains(SendJournal::tornPathFor(m_journalPath)),
             qPrintable(summary.journalDamage.join(u'\n')));
    QCOMPARE(readAll(SendJournal::tornPathFor(m_journalPath)), torn + '\n');
    QVERIFY(readAll(m_journalPath).startsWith(QByteArray(whole + "{\"event\":\"started\"")));
    QCOMPARE(server.receivedMessages().size(), total);
}

void TestRunnerJournal::secondRunIsRefusedWhileTheLockIsHeld()
{
    ScriptedSmtpServer server;
    const auto refusedRun = [&] {
        CampaignRunner runner;
        RunRecorder recorder(runner);
        runner.start(planFor(2, server.serverPort()));
        return recorder.waitForFinished() ? recorder.summary() : CampaignSummary{};
    };
    {
        // Another process: named, with its program and host.
        ForeignLockHolder other(JournalLock::pathFor(m_journalPath));
        const CampaignSummary summary = refusedRun();
        const QString named = QStringLiteral("being sent by another process (sleep, process %1 on "
                                             "%2)")
                                  .arg(other.pid())
                                  .arg(QSysInfo::machineHostName());
        QVERIFY2(summary.fatalError.contains(named), qPrintable(summary.fatalError));
        QVERIFY(summary.lockedBy);
        QCOMPARE(summary.lockedBy->pid, other.pid());
        QCOMPARE(summary.lockedBy->application, QStringLiteral("sleep"));
        QCOMPARE(summary.notSent, 2);
        QCOMPARE(server.connectionCount(), 0);
        QVERIFY(!QFileInfo::exists(m_journalPath)); // not even read or written
    }
    auto other = JournalLock::acquire(m_journalPath);
    QVERIFY(other);
    {
        // This very process (another window).
        const CampaignSummary summary = refusedRun();
        QVERIFY2(summary.fatalError.contains(QLatin1String("being sent by this program")),
                 qPrintable(summary.fatalError));
        QVERIFY(summary.lockedBy && summary.lockedBy->isThisProcess());
        QCOMPARE(server.connectionCount(), 0);
    }
    other->reset();
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(planFor(2, server.serverPort()));
    QVERIFY(recorder.waitForFinished());
    QCOMPARE(recorder.summary().sent, 2);
    QVERIFY(!recorder.summary().lockedBy);
    // Released at the end of the run.
    QVERIFY(!QFileInfo::exists(JournalLock::pathFor(m_journalPath)));
}

void TestRunnerJournal::aJournalThatCannotBeOpenedStopsTheRunWithItsCode()
{
    // A directory where the journal belongs: it can be neither read nor written.
    QVERIFY(QDir().mkpath(m_journalPath));
    ScriptedSmtpServer server;
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(planFor(2, server.serverPort()));
    QVERIFY(recorder.waitForFinished());
    const CampaignSummary summary = recorder.summary();
    // A code with its arguments for the window; the same English as always for the CLI.
    const EngineReason &reason = summary.stopReason;
    QVERIFY2(reason.code == EngineReason::Code::JournalUnreadable
                 || reason.code == EngineReason::Code::JournalUnwritable,
             qPrintable(summary.fatalError));
    QCOMPARE(reason.arguments.size(), 2);
    QCOMPARE(reason.arguments.first(), m_journalPath);
    QCOMPARE(summary.fatalError, englishEngineReason(reason.code, reason.arguments));
    QVERIFY2(summary.fatalError.startsWith(
                 QStringLiteral("the send journal %1 cannot be ").arg(m_journalPath)),
             qPrintable(summary.fatalError));
    QCOMPARE(summary.sent, 0);
    QCOMPARE(server.connectionCount(), 0);
}

void TestRunnerJournal::anUnreadableSuppressionListStopsTheRunWithItsCode()
{
    // A directory where the account's suppression list belongs: it cannot be opened, and sending
    // anyway could mail an address that asked not to be mailed.
    ScriptedSmtpServer server;
    const CampaignPlan plan = planFor(2, server.serverPort());
    const QString list = SuppressionList::pathForAccount(plan.campaign.server.host,
                                                         plan.campaign.server.username);
    QVERIFY(QDir().mkpath(list));
    const auto removeList = qScopeGuard([&list] { QDir(list).removeRecursively(); });
    const std::optional<CampaignSummary> finished = runUntilFinished(plan);
    QVERIFY(finished);
    const CampaignSummary &summary = *finished;
    // A code for the window; the same English as always for the CLI.
    QCOMPARE(summary.stopReason.code, EngineReason::Code::SuppressionListUnreadable);
    QCOMPARE(summary.fatalError,
             englishEngineReason(summary.stopReason.code, summary.stopReason.arguments));
    QVERIFY2(summary.fatalError.endsWith(QLatin1String("; nothing was sent")),
             qPrintable(summary.fatalError));
    QCOMPARE(summary.sent, 0);
    QCOMPARE(server.connectionCount(), 0);
}

void TestRunnerJournal::fullDiskAtAnInFlightLineSendsNothingMore()
{
    // The disk fills up in the middle of recipient 2's in-flight line (RLIMIT_FSIZE in the
    // runner's process): its content must not leave, the run stops saying why, and the resumed
    // run sends it once, unflagged (its torn line is removed and reported).
    constexpr int total = 4;
    constexpr int victim = 2;
    const auto argumentsFor = [](const QString &campaign, const ScriptedSmtpServer &server) {
        return QStringList{campaign,
                           QString::number(server.serverPort()),
                           QString::number(total),
                           QStringLiteral("hold")};
    };
    // Where that line starts: a first run elsewhere writes the same bytes (times have a fixed
    // width, a fresh server numbers its replies alike).
    qint64 victimLineStart = -1;
    {
        QTemporaryDir scratch;
        ScriptedSmtpServer server;
        const QString campaign = scratch.filePath(QStringLiteral("news.bulkmail"));
        QVERIFY(!runToTheEnd(argumentsFor(campaign, server)).isEmpty());
        const QList<JournalLine> lines = journalLines(SendJournal::pathFor(campaign));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            if (lines.at(i).object.value(QLatin1String("index")).toInt(-1) == victim) {
                victimLineStart = lines.at(i - 1).end;
                break;
            }
        }
    }
    QVERIFY(victimLineStart > 0);

    ScriptedSmtpServer server;
    int dots = 0;
    QObject context;
    connect(&server, &ScriptedSmtpServer::finalDotReceived, &context, [&dots] { ++dots; });
    QProcessEnvironment limited;
    limited.insert(QStringLiteral("JOURNAL_RUNNER_FILE_SIZE_LIMIT"),
                   QString::number(victimLineStart + 20));
    const RunnerOutput full = RunnerOutput::parse(
        runToTheEnd(argumentsFor(m_campaignPath, server), limited));
    QVERIFY2(full.summary.value(QStringLiteral("error"))
                 .startsWith(QLatin1String("writing the send journal failed")),
             qPrintable(full.summary.value(QStringLiteral("error"))));
    QVERIFY2(full.summary.value(QStringLiteral("error"))
                 .contains(QString::fromLocal8Bit(std::strerror(EFBIG))),
             qPrintable(full.summary.value(QStringLiteral("error"))));
    QCOMPARE(full.summary.value(QStringLiteral("sent")), QStringLiteral("2"));
    QCOMPARE(full.summary.value(QStringLiteral("notSent")), QStringLiteral("2"));
    QCOMPARE(dots, 2); // recipients 0 and 1; nothing of the victim's content was finished
    QCOMPARE(QFileInfo(m_journalPath).size(), victimLineStart + 20); // its line is torn

    const QByteArray resumedOutput = runToTheEnd(argumentsFor(m_campaignPath, server));
    const RunnerOutput resumed = RunnerOutput::parse(resumedOutput);
    QCOMPARE(resumed.summary.value(QStringLiteral("error")), QString());
    QCOMPARE(resumed.summary.value(QStringLiteral("previouslySent")), QStringLiteral("2"));
    QCOMPARE(resumed.summary.value(QStringLiteral("sent")), QStringLiteral("2"));
    QCOMPARE(resumed.summary.value(QStringLiteral("held")), QStringLiteral("0"));
    QCOMPARE(resumed.summary.value(QStringLiteral("damage")), QStringLiteral("2"));
    QCOMPARE(resumed.status.value(victim), QStringLiteral("sent"));
    QCOMPARE(resumed.possiblyDuplicated.value(victim), false);
    QCOMPARE(readAll(SendJournal::tornPathFor(m_journalPath)).size(), 20 + 1);
    const QHash<QByteArray, int> counts = countByRecipient(server.receivedMessages());
    for (int i = 0; i < total; ++i)
        QCOMPARE(counts.value(recipientAddress(i).toUtf8()), 1);
}

void TestRunnerJournal::killedAtEachPoint_data()
{
    QTest::addColumn<QString>("point");
    QTest::addColumn<QString>("policy");
    QTest::addColumn<int>("serverCopies");     // of recipient 2, after the resumed run
    QTest::addColumn<QString>("resumeStatus"); // of recipient 2 in the resumed run ("": none)
    QTest::addColumn<bool>("flagged");         // ... reported possibly duplicated
    QTest::addColumn<int>("previouslySent");

    // Killed once recipient 2's in-flight line is on disk, before its content left: the server
    // never saw it. The journal cannot know that: "unconfirmed", held or resent (flagged).
    QTest::newRow("before the dot, hold") << QStringLiteral("inFlight") << QStringLiteral("hold")
                                          << 0 << QStringLiteral("held") << false << 2;
    QTest::newRow("before the dot, resend")
        << QStringLiteral("inFlight") << QStringLiteral("resend") << 1 << QStringLiteral("sent")
        << true << 2;
    // Killed when the dot reached the server, which then accepted it: held means once, resend
    // means twice, and says so.
    QTest::newRow("after the dot, hold") << QStringLiteral("dot") << QStringLiteral("hold") << 1
                                         << QStringLiteral("held") << false << 2;
    QTest::newRow("after the dot, resend") << QStringLiteral("dot") << QStringLiteral("resend") << 2
                                           << QStringLiteral("sent") << true << 2;
    // The 250 reached the client's socket, the client never read it.
    QTest::newRow("after the reply, hold") << QStringLiteral("reply") << QStringLiteral("hold") << 1
                                           << QStringLiteral("held") << false << 2;
    QTest::newRow("after the reply, resend") << QStringLiteral("reply") << QStringLiteral("resend")
                                             << 2 << QStringLiteral("sent") << true << 2;
    // The outcome line is written: done, never sent again.
    QTest::newRow("after the outcome, hold") << QStringLiteral("outcome") << QStringLiteral("hold")
                                             << 1 << QStringLiteral("") << false << 3;
    QTest::newRow("after the outcome, resend")
        << QStringLiteral("outcome") << QStringLiteral("resend") << 1 << QStringLiteral("") << false
        << 3;
}

void TestRunnerJournal::killedAtEachPoint()
{
    QFETCH(QString, point);
    QFETCH(QString, policy);
    QFETCH(int, serverCopies);
    QFETCH(QString, resumeStatus);
    QFETCH(bool, flagged);
    QFETCH(int, previouslySent);
    constexpr int total = 5;
    constexpr int victim = 2;                 // recipient 2 ...
    constexpr int victimMessage = victim + 1; // ... is the server's message 3

    ScriptedSmtpServer server;
    const QStringList arguments{m_campaignPath,
                                QString::number(server.serverPort()),
                                QString::number(total),
                                policy};
    QProcess first;
    first.setProgram(QStringLiteral(JOURNAL_RUNNER_PATH));
    first.setArguments(point == QLatin1String("inFlight")
                           ? arguments + QStringList{QString::number(victim)}
                           : arguments);
    first.setProcessChannelMode(QProcess::ForwardedErrorChannel);

    QObject context;
    bool killed = false;
    const auto killFirst = [&] {
        first.kill(); // SIGKILL
        killed = first.waitForFinished(10'000);
    };
    if (point == QLatin1String("dot")) {
        connect(&server, &ScriptedSmtpServer::finalDotReceived, &context, [&](int number) {
            if (number == victimMessage)
                killFirst(); // before the server replies
        });
    } else if (point == QLatin1String("reply")) {
        connect(&server, &ScriptedSmtpServer::finalDotReceived, &context, [&](int number) {
            if (number == victimMessage) {
                ::kill(pid_t(first.processId()), SIGSTOP);
                QVERIFY(waitUntilStopped(first.processId()));
            }
        });
        connect(&server, &ScriptedSmtpServer::messageAccepted, &context, [&](int number) {
            if (number == victimMessage)
                killFirst(); // the 250 is in the client's socket, unread
        });
    } else if (point == QLatin1String("outcome")) {
        // Nothing after the victim may happen: the next envelope (pipelined with the victim's
        // dot) is never answered, so the client waits after writing the victim's outcome.
        server.stallOn("MAIL", victimMessage + 1);
    }

    first.start();
    QVERIFY(first.waitForStarted());
    if (point == QLatin1String("outcome")) {
        QTRY_VERIFY_WITH_TIMEOUT(eventsFor(m_journalPath, victim) == inFlightThenSent(), 20'000);
        killFirst();
    } else if (point == QLatin1String("inFlight")) {
        QTRY_VERIFY_WITH_TIMEOUT(first.state() == QProcess::NotRunning, 20'000);
        killed = true;
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(killed, 20'000);
    }
    QVERIFY(killed);
    QCOMPARE(first.exitStatus(), QProcess::CrashExit);
    const QByteArray firstOutput = first.readAllStandardOutput();
    QVERIFY2(!firstOutput.contains("summary"), firstOutput.constData());

    // What the dead run left: recipients 0 and 1 done; the victim's in-flight line (and its
    // outcome only in the last case); nothing of the later ones.
    const QStringList victimEvents = point == QLatin1String("outcome")
                                         ? inFlightThenSent()
                                         : QStringList{QStringLiteral("inFlight")};
    QCOMPARE(eventsFor(m_journalPath, 0), inFlightThenSent());
    QCOMPARE(eventsFor(m_journalPath, 1), inFlightThenSent());
    QCOMPARE(eventsFor(m_journalPath, victim), victimEvents);
    QCOMPARE(eventsFor(m_journalPath, victim + 1), QStringList());
    QVERIFY(QFileInfo::exists(JournalLock::pathFor(m_journalPath))); // left by the dead process

    // The resumed run (it takes over the dead process's lock).
    QProcess second;
    second.setProgram(QStringLiteral(JOURNAL_RUNNER_PATH));
    second.setArguments(arguments);
    second.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    second.start();
    QVERIFY(second.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(second.state() == QProcess::NotRunning, 30'000);
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    const QByteArray output = second.readAllStandardOutput();
    const RunnerOutput resumed = RunnerOutput::parse(output);
    QCOMPARE(resumed.summary.value(QStringLiteral("error")), QString());
    QCOMPARE(resumed.summary.value(QStringLiteral("previouslySent")),
             QString::number(previouslySent));
    QCOMPARE(resumed.summary.value(QStringLiteral("notSent")), QStringLiteral("0"));
    QCOMPARE(resumed.status.value(victim), resumeStatus);
    QCOMPARE(resumed.possiblyDuplicated.value(victim), flagged);
    QCOMPARE(resumed.summary.value(QStringLiteral("held")),
             resumeStatus == QLatin1String("held") ? QStringLiteral("1") : QStringLiteral("0"));

    // On the server: everybody exactly once, except the victim as the policy promised.
    const QHash<QByteArray, int> counts = countByRecipient(server.receivedMessages());
    for (int i = 0; i < total; ++i) {
        const int expected = i == victim ? serverCopies : 1;
        QVERIFY2(counts.value(recipientAddress(i).toUtf8()) == expected,
                 qPrintable(QStringLiteral("%1 received %2 times, expected %3\n%4")
                                .arg(recipientAddress(i))
                                .arg(counts.value(recipientAddress(i).toUtf8()))
                                .arg(expected)
                                .arg(QString::fromUtf8(output))));
    }
    QVERIFY(!QFileInfo::exists(JournalLock::pathFor(m_journalPath)));
}

QTEST_GUILESS_MAIN(TestRunnerJournal)
#include "tst_runnerjournal.moc"
