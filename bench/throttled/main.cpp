// bench_throttled CLI RECIPIENTS LIMIT WINDOW_SECONDS [ROUNDS]
//
// bulkmail-cli, on its default sending settings, sends RECIPIENTS messages through a private
// Postfix that allows LIMIT messages per WINDOW_SECONDS (smtpd_client_message_rate_limit,
// anvil_rate_time_unit) and does not say so in advance. Prints, per round and as medians: the time
// to finish against the ideal (exactly LIMIT in every window), the refusals Postfix logged, the
// connections, and whether everybody was delivered exactly once. Exit status 1 when a send fails or a
// recipient is delivered twice or not at all; the figures themselves are never judged here
// (bench/README.md records them with the machine).
#include "privatepostfix.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cstdio>

using namespace Bulkmail::Test;

namespace {

struct Round
{
    double seconds = 0;
    int refusals = 0;
    int connections = 0;
    bool everyoneOnce = false;
};

QString recipient(int i)
{
    return QStringLiteral("r%1@example.org").arg(i);
}

bool writeCampaign(const QString &path, const PrivatePostfix &postfix, int recipients)
{
    QJsonArray list;
    for (int i = 1; i <= recipients; ++i)
        list.append(QJsonObject{{QStringLiteral("email"), recipient(i)}});
    const QJsonObject campaign{
        {QStringLiteral("format"), QStringLiteral("bulkmail-campaign")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("name"), QStringLiteral("throttled benchmark")},
        {QStringLiteral("server"),
         QJsonObject{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                     {QStringLiteral("port"), postfix.port()},
                     {QStringLiteral("security"), QStringLiteral("none")}}},
        {QStringLiteral("sending"), QJsonObject{}}, // the defaults a user gets
        {QStringLiteral("message"),
         QJsonObject{{QStringLiteral("from"), QStringLiteral("bench@example.com")},
                     {QStringLiteral("subject"), QStringLiteral("Notice")},
                     {QStringLiteral("text"), QStringLiteral("The notice.\n")}}},
        {QStringLiteral("recipients"), list}};
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
           && file.write(QJsonDocument(campaign).toJson()) > 0;
}

std::optional<Round> runRound(const QString &cli, int recipients, int limit, int window)
{
    PrivatePostfixOptions options;
    options.offerStartTls = false;
    options.messageRateLimit = limit;
    options.anvilRateTimeUnitSeconds = window;
    PrivatePostfix postfix(options);
    if (!postfix.start())
        return std::nullopt;
    QTemporaryDir dir;
    const QString campaign = dir.filePath(QStringLiteral("throttled.bulkmail"));
    const QString events = dir.filePath(QStringLiteral("events.jsonl"));
    if (!writeCampaign(campaign, postfix, recipients))
        return std::nullopt;
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("xdg")));
    process.setProcessEnvironment(environment);
    process.setStandardErrorFile(QProcess::nullDevice()); // its progress lines
    QElapsedTimer timer;
    timer.start();
    process.start(cli, {QStringLiteral("send"), campaign, QStringLiteral("--events"), events});
    process.waitForFinished(-1);
    Round round;
    round.seconds = timer.elapsed() / 1000.0;
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        std::fprintf(stderr, "bulkmail-cli failed (exit %d)\n", process.exitCode());
        return std::nullopt;
    }
    QFile file(events);
    if (file.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : file.readAll().split('\n')) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            if (event.value(u"type").toString() == u"summary")
                round.connections = event.value(u"connections").toInt();
        }
    }
    // Postfix writes its log a moment after the event.
    for (int wait = 0; wait < 100 && postfix.deliveredRecipients().size() < recipients; ++wait)
        QThread::msleep(100);
    const QList<QByteArray> delivered = postfix.deliveredRecipients();
    round.everyoneOnce = delivered.size() == recipients;
    for (int i = 1; i <= recipients && round.everyoneOnce; ++i)
        round.everyoneOnce = delivered.count(recipient(i).toUtf8()) == 1;
    round.refusals = int(postfix.rateLimitRefusals().size());
    return round;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    const QStringList arguments = application.arguments();
    if (arguments.size() < 5) {
        std::fprintf(stderr,
                     "usage: bench_throttled CLI RECIPIENTS LIMIT WINDOW_SECONDS [ROUNDS]\n");
        return 2;
    }
    const QString cli = arguments.at(1);
    const int recipients = arguments.at(2).toInt();
    const int limit = arguments.at(3).toInt();
    const int window = arguments.at(4).toInt();
    const int rounds = arguments.size() > 5 ? arguments.at(5).toInt() : 1;
    const double ideal = double(recipients - 1) / limit * window;
    std::vector<double> seconds;
    std::vector<double> refusals;
    std::vector<double> connections;
    bool ok = true;
    for (int r = 1; r <= rounds; ++r) {
        const std::optional<Round> round = runRound(cli, recipients, limit, window);
        if (!round) {
            ok = false;
            break;
        }
        std::printf("round %d: %d messages at %d per %d s: %.1f s (ideal %.1f s, %.2fx), "
                    "%d refusals in %d windows, %d connection(s), delivered once each: %s\n",
                    r,
                    recipients,
                    limit,
                    window,
                    round->seconds,
                    ideal,
                    round->seconds / ideal,
                    round->refusals,
                    int(round->seconds / window) + 1,
                    round->connections,
                    round->everyoneOnce ? "yes" : "NO");
        std::fflush(stdout);
        ok = ok && round->everyoneOnce;
        seconds.push_back(round->seconds);
        refusals.push_back(round->refusals);
        connections.push_back(round->connections);
    }
    if (!seconds.empty()) {
        std::printf("median of %zu: %.1f s (%.2fx the ideal), %.0f refusals, %.0f connection(s)\n",
                    seconds.size(),
                    median(seconds),
                    median(seconds) / ideal,
                    median(refusals),
                    median(connections));
    }
    return ok ? 0 : 1;
}
