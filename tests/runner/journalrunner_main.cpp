// journal_runner: the real CampaignRunner in a process of its own, for tst_runnerjournal's kill
// tests (a killed process is the strongest proof that the journal on disk is what resumes). Not
// installed.
//
//   journal_runner CAMPAIGN_PATH PORT RECIPIENTS hold|resend [DIE_AFTER_IN_FLIGHT_OF]
//
// Sends to RECIPIENTS recipients user<i>@example.org through 127.0.0.1:PORT (plain text, one
// connection, pipelining as the server offers), with the journal beside CAMPAIGN_PATH (the file
// itself need not exist) and the given unconfirmed policy. Prints one line per final result,
// "result INDEX STATUS possiblyDuplicated=0|1", and at the end
// "summary sent=.. held=.. previouslySent=.. unconfirmed=.. notSent=.. error=..". Exits 0.
//
// With DIE_AFTER_IN_FLIGHT_OF = i, it kills itself with SIGKILL right after the in-flight line of
// recipient i is on disk: the crash "before the dot" at an exact point.
//
// With JOURNAL_RUNNER_FILE_SIZE_LIMIT=N in the environment, no file it writes may grow past N
// bytes (RLIMIT_FSIZE): a disk that fills up at an exact line of the journal.

#include "runnertesthelpers.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstring>

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Bulkmail;

namespace {

// The journal's last line, read from its descriptor (the sync thread calls this).
QByteArray lastLine(int fd)
{
    struct stat status
    {};
    if (::fstat(fd, &status) != 0 || status.st_size == 0)
        return {};
    const off_t length = std::min<off_t>(status.st_size, 4096);
    QByteArray tail(qsizetype(length), Qt::Uninitialized);
    if (::pread(fd, tail.data(), size_t(length), status.st_size - length) != length)
        return {};
    tail.chop(1); // the '\n'
    return tail.mid(tail.lastIndexOf('\n') + 1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 5) {
        std::fprintf(stderr,
                     "usage: journal_runner CAMPAIGN_PATH PORT RECIPIENTS hold|resend "
                     "[DIE_AFTER_IN_FLIGHT_OF]\n");
        return 2;
    }
    if (const QByteArray limit = qgetenv("JOURNAL_RUNNER_FILE_SIZE_LIMIT"); !limit.isEmpty()) {
        const rlimit size{rlim_t(limit.toULongLong()), rlim_t(limit.toULongLong())};
        ::signal(SIGXFSZ, SIG_IGN); // then write() fails with EFBIG, as on a full disk
        if (::setrlimit(RLIMIT_FSIZE, &size) != 0)
            return 2;
    }
    Test::setTestLogLevel();
    CampaignPlan plan = Test::makePlan(args.at(3).toInt(),
                                       QStringLiteral("127.0.0.1"),
                                       quint16(args.at(2).toUInt()));
    plan.campaign.filePath = args.at(1);
    plan.campaign.sending.unconfirmedPolicy = args.at(4) == QLatin1String("hold")
                                                  ? UnconfirmedPolicy::Hold
                                                  : UnconfirmedPolicy::Resend;

    CampaignRunner runner;
    if (args.size() > 5) {
        const QByteArray marker = "\"event\":\"inFlight\",\"index\":" + args.at(5).toUtf8() + ',';
        JournalSyncPolicy policy;
        policy.fileSync = [marker](int fd) {
            const int result = ::fdatasync(fd) == 0 ? 0 : errno;
            if (lastLine(fd).contains(marker))
                ::kill(::getpid(), SIGKILL);
            return result;
        };
        runner.setJournalSyncPolicy(policy);
    }
    QObject::connect(&runner,
                     &CampaignRunner::recipientResults,
                     &app,
                     [](const QList<RecipientResult> &results) {
                         for (const RecipientResult &result : results) {
                             std::printf("result %d %s possiblyDuplicated=%d\n",
                                         result.recipientIndex,
                                         qPrintable(recipientStatusName(result.status)),
                                         result.possiblyDuplicated ? 1 : 0);
                         }
                         std::fflush(stdout);
                     });
    QObject::connect(&runner, &CampaignRunner::finished, &app, [](const CampaignSummary &s) {
        // The error last: it has spaces.
        std::printf("summary sent=%d held=%d previouslySent=%d unconfirmed=%d notSent=%d "
                    "damage=%d error=%s\n",
                    s.sent,
                    s.held,
                    s.previouslySent,
                    s.unconfirmed,
                    s.notSent,
                    int(s.journalDamage.size()),
                    qPrintable(s.fatalError));
        std::fflush(stdout);
        QCoreApplication::exit(0);
    });
    runner.start(plan);
    return QCoreApplication::exec();
}
