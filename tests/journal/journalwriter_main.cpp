// journal_writer: a stand-in for a sending campaign, for tst_sendjournal's crash test and for
// measuring the journal's throughput. Not installed.
//
//   journal_writer resume JOURNAL RECIPIENTS [REPORT_EVERY]
//     Resumes like a campaign would (UnconfirmedPolicy::Resend): reads JOURNAL, then for every
//     recipient not done, in index order, appends "inFlight" and "sent" as fast as it can. Prints
//     "progress N" after every REPORT_EVERY recipients and "done" at the end. The test kills it
//     with SIGKILL somewhere in between.
//   journal_writer bench JOURNAL ENTRIES
//     Appends ENTRIES lines (half "inFlight", half "sent") with the default sync policy, then
//     reads the journal back, and prints both rates.

#include "common/clock.h"
#include "journal/sendjournal.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>

#include <cstdio>

using namespace Bulkmail;

namespace {

QList<Recipient> syntheticRecipients(int count)
{
    QList<Recipient> recipients;
    recipients.reserve(count);
    for (int i = 0; i < count; ++i)
        recipients.append(Recipient{QStringLiteral("r%1@example.org").arg(i), QString()});
    return recipients;
}

JournalEntry sentEntry(int index, const QString &email, int attempt)
{
    return JournalEntry{.kind = JournalEntry::Kind::Sent,
                        .recipientIndex = index,
                        .email = email,
                        .attempt = attempt,
                        .connectionId = 1,
                        .code = 250,
                        .text = QStringLiteral("2.0.0 Ok: queued as %1")
                                    .arg(index, 8, 16, QChar(u'0'))};
}

int fail(const Error &error)
{
    std::fprintf(stderr, "journal_writer: %s\n", qPrintable(error.message));
    return 1;
}

int resume(const QString &path, int recipientCount, int reportEvery)
{
    const QList<Recipient> recipients = syntheticRecipients(recipientCount);
    const Clock &clock = SystemClock::instance();
    const Result<JournalState> state = readJournal(path, recipients, clock);
    if (!state)
        return fail(state.error());
    const ResumePlan plan = planResume(*state, UnconfirmedPolicy::Resend);
    const QSet<int> done(plan.done.cbegin(), plan.done.cend());
    const QSet<int> held(plan.held.cbegin(), plan.held.cend());

    Result<std::unique_ptr<SendJournal>> journal = SendJournal::open(path, recipients, clock);
    if (!journal)
        return fail(journal.error());
    int sent = 0;
    for (int index = 0; index < recipientCount; ++index) {
        if (done.contains(index) || held.contains(index))
            continue;
        const QString &email = recipients.at(index).email;
        const int attempt = state->recipients.value(index).attempts + 1;
        const JournalEntry inFlight{.kind = JournalEntry::Kind::InFlight,
                                    .recipientIndex = index,
                                    .email = email,
                                    .attempt = attempt,
                                    .connectionId = 1};
        if (auto appended = (*journal)->append(inFlight); !appended)
            return fail(appended.error());
        if (auto appended = (*journal)->append(sentEntry(index, email, attempt)); !appended)
            return fail(appended.error());
        if (++sent % reportEvery == 0) {
            std::printf("progress %d\n", sent);
            std::fflush(stdout);
        }
    }
    std::printf("done\n");
    return 0;
}

int bench(const QString &path, int entries)
{
    const QList<Recipient> recipients = syntheticRecipients(entries / 2 + 1);
    Result<std::unique_ptr<SendJournal>> journal = SendJournal::open(path,
                                                                     recipients,
                                                                     SystemClock::instance());
    if (!journal)
        return fail(journal.error());
    QElapsedTimer elapsed;
    elapsed.start();
    for (int i = 0; i < entries; ++i) {
        const int index = i / 2;
        const QString &email = recipients.at(index).email;
        const JournalEntry entry = i % 2 == 0 ? JournalEntry{.kind = JournalEntry::Kind::InFlight,
                                                             .recipientIndex = index,
                                                             .email = email,
                                                             .attempt = 1,
                                                             .connectionId = 1}
                                              : sentEntry(index, email, 1);
        if (auto appended = (*journal)->append(entry); !appended)
            return fail(appended.error());
    }
    if (auto synced = (*journal)->sync(); !synced)
        return fail(synced.error());
    const double seconds = static_cast<double>(elapsed.nsecsElapsed()) / 1e9;
    const int syncs = (*journal)->syncCount();
    journal->reset();

    elapsed.restart();
    const Result<JournalState> state = readJournal(path, recipients, SystemClock::instance());
    if (!state)
        return fail(state.error());
    const double readSeconds = static_cast<double>(elapsed.nsecsElapsed()) / 1e9;
    std::printf("entries %d seconds %.3f entriesPerSecond %.0f syncs %d readSeconds %.3f "
                "readEntriesPerSecond %.0f\n",
                entries,
                seconds,
                entries / seconds,
                syncs,
                readSeconds,
                entries / readSeconds);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    const QStringList arguments = application.arguments();
    if (arguments.size() >= 4 && arguments.at(1) == QLatin1String("resume")) {
        const int reportEvery = arguments.size() >= 5 ? arguments.at(4).toInt() : 1000;
        return resume(arguments.at(2), arguments.at(3).toInt(), std::max(1, reportEvery));
    }
    if (arguments.size() == 4 && arguments.at(1) == QLatin1String("bench"))
        return bench(arguments.at(2), arguments.at(3).toInt());
    std::fprintf(stderr,
                 "usage: journal_writer resume JOURNAL RECIPIENTS [REPORT_EVERY]\n"
                 "       journal_writer bench JOURNAL ENTRIES\n");
    return 2;
}
