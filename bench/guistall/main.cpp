// Measures how responsive the GUI thread stays while the real MainWindow sends a campaign at full
// speed (no rate limit) to Postfix's smtp-sink on loopback: the worst event-loop stall, the
// latency of events posted from another thread, and how often progress and results reach the
// GUI. The target: the worst stall under 50 ms for 10,000 messages.
//
// Probes, all on the GUI thread unless said otherwise:
// - a 5 ms precise QTimer records the gap between consecutive timeouts (5 ms when idle; a gap
//   of 60 ms means the event loop did not get round to it for about 55 ms) and the GUI thread's
//   CPU time within each gap, which tells the thread's own work from waiting for a CPU;
// - a helper thread posts a queued call every 10 ms and the GUI thread records how long after
//   posting it ran (what a mouse click or key press arriving then would wait);
// - slots connected last to SendController's progress, recipientResults and connectionEvents
//   count the batches and time the window's own handlers of each (they run before ours);
// - QApplication::notify() is timed (wall and CPU), so the slowest event deliveries are named by
//   receiver class and event type (--trace lists them).
// The window runs in a QEventLoop as QApplication::exec() would (blocking between events); the
// campaign is saved to a temporary file and opened, so it sends for real (journal included).
// Exit status: 0 ran and met the target (or --quick), 1 something broke, 3 target missed.

#include "connections/connectionview.h"
#include "document/campaigndocument.h"
#include "log/logmodel.h"
#include "log/logpanel.h"
#include "mainwindow/mainwindow.h"
#include "send/sendcontroller.h"
#include "send/sendview.h"

#include "campaign/campaigncheck.h"
#include "document/campaignfile.h"
#include "logging/logging.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEvent>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QHeaderView>
#include <QMetaEnum>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <thread>
#include <vector>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Bulkmail;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr double TargetStallMs = 50;
constexpr auto ProbeInterval = 5ms;
constexpr auto PostInterval = 10ms;
// Event deliveries at least this long are recorded by receiver class and event type.
constexpr double TraceThresholdMs = 2;

double msBetween(SteadyClock::time_point from, SteadyClock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

double threadCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

QString cpuModel()
{
    QFile file(QStringLiteral("/proc/cpuinfo"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown CPU");
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("model name"))
            return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
    }
    return QStringLiteral("unknown CPU");
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readAll().split(' ').mid(0, 3).join(' '));
}

struct Distribution
{
    double p50 = 0;
    double p99 = 0;
    double worst = 0;
    std::size_t count = 0;
};

Distribution distribution(std::vector<double> values)
{
    Distribution d;
    d.count = values.size();
    if (values.empty())
        return d;
    std::sort(values.begin(), values.end());
    const auto at = [&values](double q) {
        return values[std::min(values.size() - 1, std::size_t(q * double(values.size())))];
    };
    d.p50 = at(0.50);
    d.p99 = at(0.99);
    d.worst = values.back();
    return d;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double worstOf(const std::vector<double> &values)
{
    return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
}

// Times every event delivery while tracing is on; nested deliveries (a paint inside an update
// request) are recorded too, so a slow paint is named by the widget that painted.
class TracingApplication final : public QApplication
{
public:
    using QApplication::QApplication;

    struct Slow
    {
        double worstMs = 0;    // wall time
        double worstCpuMs = 0; // the GUI thread's CPU time (the rest: it waited for a CPU)
        double totalMs = 0;
        double totalCpuMs = 0;
        int count = 0;
    };

    bool notify(QObject *receiver, QEvent *event) override
    {
        // notify() runs in every thread; only the GUI thread's deliveries are of interest.
        if (!m_tracing || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        // Named before the delivery: it may delete the receiver (DeferredDelete).
        const Name name = nameOf(receiver, event);
        const SteadyClock::time_point start = SteadyClock::now();
        const double cpuStart = threadCpuSeconds();
        if (m_depth == 0)
            m_outerStart = start;
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = msBetween(start, SteadyClock::now());
        const double cpuMs = (threadCpuSeconds() - cpuStart) * 1000;
        if (ms >= TraceThresholdMs || cpuMs >= TraceThresholdMs) {
            Slow &slow = m_slow[name.text()];
            slow.worstMs = std::max(slow.worstMs, ms);
            slow.worstCpuMs = std::max(slow.worstCpuMs, cpuMs);
            slow.totalMs += ms;
            slow.totalCpuMs += cpuMs;
            ++slow.count;
        }
        return result;
    }

    void setTracing(bool on) { m_tracing = on; }
    // When the outermost event delivery now running began.
    [[nodiscard]] SteadyClock::time_point outerStart() const { return m_outerStart; }
    [[nodiscard]] const QHash<QString, Slow> &slow() const { return m_slow; }
    void clearSlow() { m_slow.clear(); }

private:
    struct Name
    {
        QEvent::Type type;
        const char *className;
        const char *ownerClassName; // a QTimer's parent, or nullptr

        [[nodiscard]] QString text() const
        {
            const char *typeName = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
            QString name = QLatin1String(typeName != nullptr ? typeName : "?")
                           + QStringLiteral(" → ") + QLatin1String(className);
            if (ownerClassName != nullptr)
                name += QLatin1String(" of ") + QLatin1String(ownerClassName);
            return name;
        }
    };

    static Name nameOf(QObject *receiver, QEvent *event)
    {
        QObject *named = receiver;
        // A scroll area's viewport paints for its view: name the view.
        if (receiver->parent() != nullptr
            && receiver->objectName() == QLatin1String("qt_scrollarea_viewport"))
            named = receiver->parent();
        const char *className = named->metaObject()->className();
        const char *owner = nullptr;
        if (named->parent() != nullptr && qstrcmp(className, "QTimer") == 0)
            owner = named->parent()->metaObject()->className();
        return Name{event->type(), className, owner};
    }

    bool m_tracing = false;
    int m_depth = 0;
    SteadyClock::time_point m_outerStart;
    QHash<QString, Slow> m_slow;
};

TracingApplication *tracingApp()
{
    return static_cast<TracingApplication *>(QCoreApplication::instance());
}

// Postfix's smtp-sink on a free loopback port, with its message counter (-c) in a file.
class SmtpSink
{
public:
    explicit SmtpSink(QString program)
        : m_program(std::move(program))
    {}
    ~SmtpSink() { stop(); }
    SmtpSink(const SmtpSink &) = delete;
    SmtpSink &operator=(const SmtpSink &) = delete;

    bool start(const QString &counterFile)
    {
        m_counterFile = counterFile;
        for (int attempt = 0; attempt < 5; ++attempt) {
            QTcpServer probe;
            if (!probe.listen(QHostAddress::LocalHost, 0))
                return false;
            m_port = probe.serverPort();
            probe.close();
            QStringList arguments{QStringLiteral("-c")};
            if (::geteuid() == 0)
                arguments << QStringLiteral("-u") << QStringLiteral("nobody");
            arguments << QStringLiteral("127.0.0.1:%1").arg(m_port) << QStringLiteral("1024");
            // Ends with this process, even when it crashes (Linux prctl(2)).
            m_process.setChildProcessModifier(
                [] { ::prctl(PR_SET_PDEATHSIG, static_cast<unsigned long>(SIGTERM)); });
            m_process.setStandardOutputFile(counterFile);
            m_process.setStandardErrorFile(counterFile + QLatin1String(".err"));
            m_process.start(m_program, arguments);
            if (!m_process.waitForStarted(5000))
                return false;
            for (int wait = 0; wait < 100 && m_process.state() == QProcess::Running; ++wait) {
                QTcpSocket socket;
                socket.connectToHost(QHostAddress::LocalHost, m_port);
                if (socket.waitForConnected(100)) {
                    socket.abort();
                    return true;
                }
                QThread::msleep(20);
            }
            stop();
        }
        return false;
    }

    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(3000))
                m_process.kill();
            m_process.waitForFinished(3000);
        }
    }

    [[nodiscard]] quint16 port() const { return m_port; }

    // The sink's running count of messages (it prints "mesg=N" as messages arrive); -1 unknown.
    [[nodiscard]] qint64 messagesReceived() const
    {
        QFile file(m_counterFile);
        if (!file.open(QIODevice::ReadOnly))
            return -1;
        const QByteArray all = file.readAll();
        const qsizetype at = all.lastIndexOf("mesg=");
        if (at < 0)
            return -1;
        qsizetype end = at + 5;
        while (end < all.size() && std::isdigit(static_cast<unsigned char>(all.at(end))) != 0)
            ++end;
        return all.mid(at + 5, end - at - 5).toLongLong();
    }

private:
    QString m_program;
    QString m_counterFile;
    QProcess m_process;
    quint16 m_port = 0;
};

QString bodyText()
{
    // 22 lines of 78 characters (as bench/run_bench.py): with the headers about 2 KiB a message.
    QString text = QStringLiteral("Dear {{name}},\n\n");
    for (int line = 0; line < 22; ++line)
        text += QStringLiteral("The quick brown fox jumps over the lazy dog while the benchmark "
                               "counts. %1\n")
                    .arg(line, 2, 10, QLatin1Char('0'));
    return text;
}

Campaign makeCampaign(int messages, quint16 port, int perConnection)
{
    Campaign campaign = CampaignDocument::blankCampaign();
    campaign.name = QStringLiteral("GUI stall benchmark, %1 messages, limit %2")
                        .arg(messages)
                        .arg(perConnection);
    campaign.server.host = QStringLiteral("127.0.0.1");
    campaign.server.port = port;
    campaign.server.security = SecurityMode::None;
    campaign.sending.maxConnections = 1;
    campaign.sending.maxMessagesPerConnection = perConnection;
    campaign.sending.maxConnectionAge = 0s;
    campaign.sending.maxAttempts = 1;
    campaign.sending.rateLimits = RateLimits{0, 0, 0, 0ms};
    campaign.message.from = QStringLiteral("Bulkmail Benchmark <sender@example.org>");
    campaign.message.subject = QStringLiteral("News for {{name}}");
    campaign.message.text = bodyText();
    campaign.recipients.reserve(messages);
    for (int i = 1; i <= messages; ++i)
        campaign.recipients.append(Recipient{QStringLiteral("r%1@example.org").arg(i),
                                             QStringLiteral("Recipient %1").arg(i)});
    return campaign;
}

// Which of the live views are on screen while sending.
enum class Views {
    SendTab, // the Send tab (progress, counters, failures) and the recipients table
    Live,    // also the Log panel, and the Connections tab instead of the Send tab
};

const char *viewsName(Views views)
{
    return views == Views::SendTab ? "Send tab" : "Log + Connections";
}

struct RunResult
{
    bool ok = false;
    QString failure;
    double startCallMs = 0;    // MainWindow::startSending() itself (checklist, saving state)
    double campaignCopyMs = 0; // CampaignDocument::campaign(), which startSending() calls twice
    double checkMs = 0;        // checkCampaign(), which startSending() calls once
    double seconds = 0;        // startSending() returned → finished() arrived
    int sent = 0;
    int connections = 0;
    Distribution gaps;   // between 5 ms probe timeouts
    Distribution gapCpu; // the GUI thread's CPU time within a gap (work, not waiting for a CPU)
    double worstGapCpuMs = 0; // the CPU time within the worst gap
    Distribution posted;      // post from another thread → run on the GUI thread
    int progressBatches = 0;
    int resultBatches = 0;
    int eventBatches = 0;
    double longestProgressGapMs = 0; // the longest time the counters did not move
    Distribution resultsHandlerMs;   // the window's slots for one recipientResults batch
    Distribution progressHandlerMs;
    Distribution eventsHandlerMs;
    double guiCpuSeconds = 0;   // the GUI thread's CPU time over measuredSeconds
    double measuredSeconds = 0; // the send and the 300 ms after it
    int logLines = 0;
};

// Runs an event loop (blocking in poll() between events, as QApplication::exec() does; a loop
// of processEvents() would spin and take a CPU from the engine) for `duration`.
void runEventLoopFor(std::chrono::milliseconds duration)
{
    QEventLoop loop;
    QTimer::singleShot(duration, &loop, &QEventLoop::quit);
    loop.exec();
}

// Makes the tab that holds `widget` current; its page may wrap it (the window's bottom tabs hold
// each view in a scroll area). False when no tab holds it.
bool showTabOf(QWidget *widget)
{
    for (QWidget *page = widget; page != nullptr; page = page->parentWidget()) {
        for (QWidget *w = page->parentWidget(); w != nullptr; w = w->parentWidget()) {
            if (auto *tabs = qobject_cast<QTabWidget *>(w)) {
                if (const int index = tabs->indexOf(page); index >= 0) {
                    tabs->setCurrentIndex(index);
                    return true;
                }
                break;
            }
        }
    }
    return false;
}

RunResult runOnce(
    const QString &directory, int run, int messages, quint16 port, int perConnection, Views views)
{
    RunResult result;
    const QString path = QDir(directory).filePath(
        QStringLiteral("run-%1-limit%2-%3.bulkmail").arg(run).arg(perConnection).arg(int(views)));
    if (Result<void> saved = saveCampaign(makeCampaign(messages, port, perConnection), path);
        !saved) {
        result.failure = saved.error().message;
        return result;
    }

    MainWindow window;
    window.show();
    // The window reads the file on a worker thread; wait for it.
    bool opened = false;
    {
        QEventLoop waiting;
        QObject::connect(&window,
                         &MainWindow::fileOpenFinished,
                         &waiting,
                         [&](const QString &, bool ok) {
                             opened = ok;
                             waiting.quit();
                         });
        if (window.openFile(path))
            waiting.exec();
    }
    if (!opened) {
        result.failure = QStringLiteral("cannot open ") + path;
        return result;
    }
    window.sendView()->setRehearsal(false);
    if (views == Views::Live)
        window.logPanel()->show();
    // Let the window settle: first paint, the checklist's background check, the log backlog.
    runEventLoopFor(500ms);
    if (views == Views::Live)
        window.logPanel()->drainNow();

    SendController *controller = window.sendController();
    TracingApplication *app = tracingApp();

    std::vector<double> gaps;
    std::vector<double> gapCpu; // the GUI thread's CPU time within each gap
    std::vector<double> posted;
    std::mutex postedMutex;
    std::vector<double> resultsHandler;
    std::vector<double> progressHandler;
    std::vector<double> eventsHandler;
    gaps.reserve(8192);
    SteadyClock::time_point lastProgress;
    bool finished = false;

    // Connected after the window's own slots, so each runs once those have; the time since the
    // outermost event began is what the window spent on that batch.
    QObject probes;
    QObject::connect(controller, &SendController::recipientResults, &probes, [&] {
        ++result.resultBatches;
        resultsHandler.push_back(msBetween(app->outerStart(), SteadyClock::now()));
    });
    QObject::connect(controller, &SendController::connectionEvents, &probes, [&] {
        ++result.eventBatches;
        eventsHandler.push_back(msBetween(app->outerStart(), SteadyClock::now()));
    });
    QObject::connect(controller, &SendController::progress, &probes, [&] {
        const SteadyClock::time_point now = SteadyClock::now();
        ++result.progressBatches;
        progressHandler.push_back(msBetween(app->outerStart(), now));
        if (lastProgress != SteadyClock::time_point{})
            result.longestProgressGapMs = std::max(result.longestProgressGapMs,
                                                   msBetween(lastProgress, now));
        lastProgress = now;
    });
    QObject::connect(controller, &SendController::finished, &probes, [&] { finished = true; });
    int logRowsBefore = window.logPanel()->model()->rowCount();
    std::uint64_t droppedBefore = window.logPanel()->droppedCount();

    // What startSending() does on the GUI thread before the engine takes over, timed apart.
    {
        const SteadyClock::time_point before = SteadyClock::now();
        const Campaign campaign = window.document()->campaign();
        const SteadyClock::time_point copied = SteadyClock::now();
        const CampaignCheck check = checkCampaign(campaign);
        result.campaignCopyMs = msBetween(before, copied);
        result.checkMs = msBetween(copied, SteadyClock::now());
        if (!check.canBeSent()) {
            result.failure = QStringLiteral("the checklist blocks the send");
            return result;
        }
    }

    const SteadyClock::time_point startCall = SteadyClock::now();
    if (!window.startSending(false, false)) {
        result.failure = QStringLiteral("startSending() refused");
        return result;
    }
    const SteadyClock::time_point started = SteadyClock::now();
    result.startCallMs = msBetween(startCall, started);
    if (views == Views::Live) {
        // startSending() shows the Send tab; the user switches to Connections.
        if (!showTabOf(window.connectionView())) {
            result.failure = QStringLiteral("the Connections tab could not be shown");
            return result;
        }
    }

    app->clearSlow();
    app->setTracing(true);
    const double guiCpuStart = threadCpuSeconds();

    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(ProbeInterval);
    SteadyClock::time_point lastTick = SteadyClock::now();
    double lastTickCpu = threadCpuSeconds();
    QObject::connect(&probe, &QTimer::timeout, &probes, [&] {
        const SteadyClock::time_point now = SteadyClock::now();
        const double cpu = threadCpuSeconds();
        gaps.push_back(msBetween(lastTick, now));
        gapCpu.push_back((cpu - lastTickCpu) * 1000);
        lastTick = now;
        lastTickCpu = cpu;
    });
    probe.start();

    std::atomic<bool> posting{true};
    std::thread poster([&] {
        while (posting.load()) {
            const SteadyClock::time_point sentAt = SteadyClock::now();
            QMetaObject::invokeMethod(
                &probes,
                [&, sentAt] {
                    const double ms = msBetween(sentAt, SteadyClock::now());
                    const std::lock_guard lock(postedMutex);
                    posted.push_back(ms);
                },
                Qt::QueuedConnection);
            std::this_thread::sleep_for(PostInterval);
        }
    });

    // The application's own event loop, as QApplication::exec() runs it, until the send ends.
    QEventLoop sending;
    QObject::connect(controller, &SendController::finished, &sending, &QEventLoop::quit);
    QTimer::singleShot(std::chrono::seconds(60 + messages / 100), &sending, &QEventLoop::quit);
    if (!finished)
        sending.exec();
    const SteadyClock::time_point ended = SteadyClock::now();
    // A little longer: what the window does once the send is over counts too.
    runEventLoopFor(300ms);

    posting = false;
    poster.join();
    QCoreApplication::processEvents(); // runs the last posted calls
    probe.stop();
    app->setTracing(false);
    result.guiCpuSeconds = threadCpuSeconds() - guiCpuStart;
    result.measuredSeconds = msBetween(started, SteadyClock::now()) / 1000;

    result.seconds = msBetween(started, ended) / 1000;
    result.gaps = distribution(gaps);
    result.gapCpu = distribution(gapCpu);
    if (!gaps.empty())
        result.worstGapCpuMs = gapCpu[std::size_t(std::max_element(gaps.begin(), gaps.end())
                                                  - gaps.begin())];
    {
        const std::lock_guard lock(postedMutex);
        result.posted = distribution(posted);
    }
    result.resultsHandlerMs = distribution(resultsHandler);
    result.progressHandlerMs = distribution(progressHandler);
    result.eventsHandlerMs = distribution(eventsHandler);
    if (views == Views::Live) {
        window.logPanel()->drainNow();
        result.logLines = int(window.logPanel()->model()->rowCount() - logRowsBefore
                              + int(window.logPanel()->droppedCount() - droppedBefore));
    }
    if (!finished) {
        result.failure = QStringLiteral("the send did not finish in time");
        controller->cancel();
        return result;
    }
    if (views == Views::Live) {
        // The connection table's columns still fit their text (they are fitted throttled).
        QTableView *table = window.connectionView()->table();
        QAbstractItemView *view = table;
        const int columns = table->model()->columnCount();
        for (int column = 0; column + 1 < columns; ++column) {
            const int needed = std::max(view->sizeHintForColumn(column),
                                        table->horizontalHeader()->sectionSizeHint(column));
            if (table->columnWidth(column) < needed) {
                result.failure = QStringLiteral("connection table column %1 is %2 px wide, its "
                                                "text needs %3")
                                     .arg(column)
                                     .arg(table->columnWidth(column))
                                     .arg(needed);
                return result;
            }
        }
    }
    const CampaignSummary summary = *controller->lastSummary();
    result.sent = summary.sent;
    result.connections = summary.connections;
    if (summary.sent != messages) {
        result.failure = QStringLiteral("sent %1 of %2 (%3)")
                             .arg(summary.sent)
                             .arg(messages)
                             .arg(summary.fatalError);
        return result;
    }
    result.ok = true;
    return result;
}

void printRun(int perConnection, Views views, int run, const RunResult &r)
{
    std::printf("limit %-2d | %-17s | run %d | %6.2f s %6.0f msg/s %3d conn | stall worst %6.1f "
                "p99 %5.1f p50 %4.1f ms | posted worst %6.1f p99 %5.1f p50 %4.2f ms | progress "
                "%5.1f/s results %5.1f/s events %5.1f/s | GUI CPU %4.0f %% | start() %5.1f ms\n",
                perConnection,
                viewsName(views),
                run,
                r.seconds,
                r.sent / std::max(r.seconds, 1e-9),
                r.connections,
                r.gaps.worst,
                r.gaps.p99,
                r.gaps.p50,
                r.posted.worst,
                r.posted.p99,
                r.posted.p50,
                r.progressBatches / std::max(r.seconds, 1e-9),
                r.resultBatches / std::max(r.seconds, 1e-9),
                r.eventBatches / std::max(r.seconds, 1e-9),
                100 * r.guiCpuSeconds / std::max(r.measuredSeconds, 1e-9),
                r.startCallMs);
    std::printf(
        "    startSending() %.1f ms, of which about: document()->campaign() %.1f ms (twice), "
        "checkCampaign() %.1f ms\n",
        r.startCallMs,
        r.campaignCopyMs,
        r.checkMs);
    std::printf("    worst stall: the GUI thread ran %.1f ms of it; most GUI CPU in one gap: "
                "%.1f ms (p99 %.1f)\n",
                r.worstGapCpuMs,
                r.gapCpu.worst,
                r.gapCpu.p99);
    std::printf(
        "    window's slots per batch, p50 / worst ms: results %.2f / %.1f, progress %.2f / "
        "%.1f, connection events %.2f / %.1f; longest without progress %.0f ms; log lines "
        "%d\n",
        r.resultsHandlerMs.p50,
        r.resultsHandlerMs.worst,
        r.progressHandlerMs.p50,
        r.progressHandlerMs.worst,
        r.eventsHandlerMs.p50,
        r.eventsHandlerMs.worst,
        r.longestProgressGapMs,
        r.logLines);
    std::fflush(stdout);
}

struct Scenario
{
    int perConnection;
    Views views;
    std::vector<RunResult> runs;
    QHash<QString, TracingApplication::Slow> slow;
};

template<typename F>
std::vector<double> collect(const std::vector<RunResult> &runs, F f)
{
    std::vector<double> values;
    for (const RunResult &r : runs)
        values.push_back(f(r));
    return values;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TracingApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Bulkmail"));
    QApplication::setApplicationName(QStringLiteral("bulkmail-bench-guistall"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The GUI thread's event-loop stalls while the main window sends to smtp-sink."));
    parser.addHelpOption();
    const QCommandLineOption messagesOption(QStringLiteral("messages"),
                                            QStringLiteral("Messages per run (default 10000)."),
                                            QStringLiteral("N"),
                                            QStringLiteral("10000"));
    const QCommandLineOption runsOption(QStringLiteral("runs"),
                                        QStringLiteral("Runs per scenario (default 3)."),
                                        QStringLiteral("K"),
                                        QStringLiteral("3"));
    const QCommandLineOption limitsOption(QStringLiteral("limits"),
                                          QStringLiteral(
                                              "maxMessagesPerConnection values (default 50,0)."),
                                          QStringLiteral("LIST"),
                                          QStringLiteral("50,0"));
    const QCommandLineOption viewsOption(QStringLiteral("views"),
                                         QStringLiteral("send, live or both (default both)."),
                                         QStringLiteral("WHICH"),
                                         QStringLiteral("both"));
    const QCommandLineOption quickOption(
        QStringLiteral("quick"),
        QStringLiteral("Smoke test: 1,000 messages, one run each; the target is not asserted."));
    const QCommandLineOption sinkOption(QStringLiteral("smtp-sink"),
                                        QStringLiteral("Path of Postfix's smtp-sink."),
                                        QStringLiteral("PATH"),
                                        QStringLiteral("/usr/sbin/smtp-sink"));
    const QCommandLineOption traceOption(
        QStringLiteral("trace"),
        QStringLiteral("List the slowest event deliveries (receiver class, event type)."));
    parser.addOptions(
        {messagesOption, runsOption, limitsOption, viewsOption, quickOption, sinkOption, traceOption});
    parser.process(app);

    const bool quick = parser.isSet(quickOption);
    const int messages = parser.isSet(messagesOption) || !quick
                             ? parser.value(messagesOption).toInt()
                             : 1000;
    const int runs = parser.isSet(runsOption) || !quick ? parser.value(runsOption).toInt() : 1;
    std::vector<int> limits;
    for (const QString &limit : parser.value(limitsOption).split(u',', Qt::SkipEmptyParts))
        limits.push_back(limit.toInt());
    std::vector<Views> viewList;
    const QString which = parser.value(viewsOption);
    if (which == QLatin1String("send") || which == QLatin1String("both"))
        viewList.push_back(Views::SendTab);
    if (which == QLatin1String("live") || which == QLatin1String("both"))
        viewList.push_back(Views::Live);
    if (messages <= 0 || runs <= 0 || limits.empty() || viewList.empty()) {
        std::fprintf(stderr, "nothing to run: check --messages, --runs, --limits, --views\n");
        return 1;
    }

    QTemporaryDir directory;
    if (!directory.isValid()) {
        std::fprintf(stderr, "cannot create a temporary directory\n");
        return 1;
    }
    // Keep the user's settings, recovery copies and logs out of it.
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat,
                       QSettings::UserScope,
                       directory.filePath(QStringLiteral("settings")));
    LogOptions logging;
    logging.directory = directory.filePath(QStringLiteral("logs"));
    if (Result<void> started = initializeLogging(logging); !started) {
        std::fprintf(stderr, "logging: %s\n", qUtf8Printable(started.error().message));
        return 1;
    }

    SmtpSink sink(parser.value(sinkOption));
    if (!sink.start(directory.filePath(QStringLiteral("smtp-sink.counters")))) {
        std::fprintf(stderr,
                     "cannot start %s (package postfix)\n",
                     qUtf8Printable(parser.value(sinkOption)));
        return 1;
    }

    std::printf("machine: %d CPUs, %s; load average at start %s\n",
                QThread::idealThreadCount(),
                qUtf8Printable(cpuModel()),
                qUtf8Printable(loadAverage()));
    std::printf("platform %s, %d messages a run, %d run(s) per scenario, smtp-sink on port %u\n",
                qUtf8Printable(QGuiApplication::platformName()),
                messages,
                runs,
                unsigned(sink.port()));
    std::fflush(stdout);

    std::vector<Scenario> scenarios;
    for (int limit : limits) {
        for (Views views : viewList)
            scenarios.push_back(Scenario{limit, views, {}, {}});
    }
    bool broken = false;
    qint64 expectedAtSink = sink.messagesReceived() < 0 ? 0 : sink.messagesReceived();
    // Interleaved: run 1 of every scenario, then run 2, ..., so a slow phase of the machine
    // hits every scenario alike.
    for (int run = 1; run <= runs; ++run) {
        for (Scenario &scenario : scenarios) {
            RunResult r = runOnce(directory.path(),
                                  run,
                                  messages,
                                  sink.port(),
                                  scenario.perConnection,
                                  scenario.views);
            printRun(scenario.perConnection, scenario.views, run, r);
            if (!r.ok) {
                std::printf("  FAILED: %s\n", qUtf8Printable(r.failure));
                broken = true;
            }
            expectedAtSink += r.sent;
            for (auto it = tracingApp()->slow().cbegin(); it != tracingApp()->slow().cend(); ++it) {
                TracingApplication::Slow &slow = scenario.slow[it.key()];
                slow.worstMs = std::max(slow.worstMs, it.value().worstMs);
                slow.worstCpuMs = std::max(slow.worstCpuMs, it.value().worstCpuMs);
                slow.totalMs += it.value().totalMs;
                slow.totalCpuMs += it.value().totalCpuMs;
                slow.count += it.value().count;
            }
            scenario.runs.push_back(std::move(r));
        }
    }
    // smtp-sink prints its counter about once a second: give it time to catch up.
    for (int wait = 0;
         wait < 30 && sink.messagesReceived() >= 0 && sink.messagesReceived() < expectedAtSink;
         ++wait)
        QThread::msleep(100);
    const qint64 atSink = sink.messagesReceived();
    if (atSink >= 0 && atSink < expectedAtSink) {
        std::printf("smtp-sink counted %lld messages, expected %lld\n",
                    static_cast<long long>(atSink),
                    static_cast<long long>(expectedAtSink));
        broken = true;
    }
    sink.stop();

    std::printf("\n| limit | views | runs | msg/s | stall worst ms | GUI work in the worst "
                "stall ms | stall p99 ms | stall p50 ms | most GUI work in one gap ms | posted "
                "event worst / p99 ms | progress /s | result batches /s | longest without "
                "progress ms | GUI thread CPU | startSending() ms |\n");
    std::printf("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    bool targetMet = true;
    double worstWork = 0;
    for (const Scenario &s : scenarios) {
        const auto &rs = s.runs;
        const auto worstRun = std::max_element(rs.begin(),
                                               rs.end(),
                                               [](const RunResult &a, const RunResult &b) {
                                                   return a.gaps.worst < b.gaps.worst;
                                               });
        const double worstStall = worstRun->gaps.worst;
        const double work = worstOf(collect(rs, [](const RunResult &r) { return r.gapCpu.worst; }));
        targetMet = targetMet && worstStall < TargetStallMs;
        worstWork = std::max(worstWork, work);
        std::printf(
            "| %d | %s | %zu | %.0f | %.1f / %.1f | %.1f | %.1f | %.1f | %.1f | %.1f / %.1f | %.1f "
            "| %.1f | %.0f | %.0f %% | %.0f |\n",
            s.perConnection,
            viewsName(s.views),
            rs.size(),
            median(collect(rs, [](const RunResult &r) { return r.sent / r.seconds; })),
            median(collect(rs, [](const RunResult &r) { return r.gaps.worst; })),
            worstStall,
            worstRun->worstGapCpuMs,
            median(collect(rs, [](const RunResult &r) { return r.gaps.p99; })),
            median(collect(rs, [](const RunResult &r) { return r.gaps.p50; })),
            work,
            worstOf(collect(rs, [](const RunResult &r) { return r.posted.worst; })),
            median(collect(rs, [](const RunResult &r) { return r.posted.p99; })),
            median(collect(rs, [](const RunResult &r) { return r.progressBatches / r.seconds; })),
            median(collect(rs, [](const RunResult &r) { return r.resultBatches / r.seconds; })),
            worstOf(collect(rs, [](const RunResult &r) { return r.longestProgressGapMs; })),
            median(collect(rs,
                           [](const RunResult &r) {
                               return 100 * r.guiCpuSeconds / r.measuredSeconds;
                           })),
            median(collect(rs, [](const RunResult &r) { return r.startCallMs; })));
    }
    std::printf("(medians of the runs, except: stall worst = median / worst of runs; GUI work = "
                "the GUI thread's CPU time within that worst stall, the rest it waited for a CPU; "
                "most GUI work in one gap, posted event worst and longest without progress = "
                "worst of runs)\n");
    if (parser.isSet(traceOption)) {
        for (const Scenario &s : scenarios) {
            std::printf("\nslowest event deliveries (≥ %.0f ms), limit %d, %s:\n",
                        TraceThresholdMs,
                        s.perConnection,
                        viewsName(s.views));
            QList<QPair<double, QString>> order;
            for (auto it = s.slow.cbegin(); it != s.slow.cend(); ++it)
                order.append({it.value().worstMs, it.key()});
            std::sort(order.begin(), order.end(), [](const auto &a, const auto &b) {
                return a.first > b.first;
            });
            for (qsizetype i = 0; i < std::min<qsizetype>(order.size(), 12); ++i) {
                const TracingApplication::Slow &slow = s.slow[order[i].second];
                std::printf("  worst %6.1f ms (CPU %5.1f), %5d times ≥ %.0f ms, %7.1f ms in all "
                            "(CPU %6.1f): %s\n",
                            slow.worstMs,
                            slow.worstCpuMs,
                            slow.count,
                            TraceThresholdMs,
                            slow.totalMs,
                            slow.totalCpuMs,
                            qUtf8Printable(order[i].second));
            }
        }
    }
    std::printf("\nload average at end %s\n", qUtf8Printable(loadAverage()));
    std::printf("\ntarget: worst stall < %.0f ms: %s (the GUI thread's own work in any one gap: "
                "at most %.1f ms)\n",
                TargetStallMs,
                targetMet ? "met" : "NOT met",
                worstWork);
    shutdownLogging();
    if (broken)
        return 1;
    return targetMet || quick ? 0 : 3;
}
