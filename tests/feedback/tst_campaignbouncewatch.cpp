// CampaignBounceWatch against a private Dovecot: while a run writes the journal, a report appended
// to INBOX reaches the journal (a "bounced" line on its recipient, beside the runner's lines) and
// the suppression list, also for a message sent after the watch began; once the run has ended the
// watch goes on for its window, then ends by itself.

#include "bouncesamples.h"
#include "common/clock.h"
#include "feedback/campaignbouncewatch.h"
#include "feedback/suppressionlist.h"
#include "journal/sendjournal.h"
#include "privatedovecot.h"
#include "testresult.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;

namespace {

constexpr int WaitMs = 60'000;

const QString ExchangeId = QStringLiteral("<q8w7e6.lvxa1b.9@example.org>"); // hard, 5.1.10
const QString AliyunId = QStringLiteral("<a7s8d9.lvxe5f.40@example.org>");  // soft, 4.2.2

bool appendToInbox(const PrivateDovecot &server, const QByteArray &content)
{
    ImapConnection connection(99, server.endpoint(), server.credentials());
    std::optional<ImapCommandResult> result;
    connection.run(
        "APPEND \"INBOX\"", [&result](const ImapCommandResult &r) { result = r; }, content);
    connection.open();
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, WaitMs))
        return false;
    if (!result->isOk())
        qWarning("APPEND: %s", qPrintable(result->describe()));
    return result->isOk();
}

QList<Recipient> campaignRecipients()
{
    return {Recipient{QStringLiteral("anna.schmidt@contoso.com"), QString()},
            Recipient{QStringLiteral("chen.jing@aliyun.com"), QString()}};
}

// What the runner writes for a delivered message.
void journalSent(SendJournal &journal, int index, const QString &messageId)
{
    for (const JournalEntry::Kind kind : {JournalEntry::Kind::InFlight, JournalEntry::Kind::Sent}) {
        JournalEntry entry;
        entry.kind = kind;
        entry.recipientIndex = index;
        entry.email = campaignRecipients().at(index).email;
        entry.code = 250;
        entry.messageId = messageId;
        if (!journal.append(entry, SendJournal::Durability::OnDisk))
            qFatal("cannot write the journal");
    }
}

QList<FeedbackEvent> eventsOf(const QSignalSpy &spy)
{
    QList<FeedbackEvent> events;
    for (const QList<QVariant> &signal : spy)
        events += signal.first().value<QList<FeedbackEvent>>();
    return events;
}

} // namespace

class TestCampaignBounceWatch final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void bounceDuringARunReachesJournalAndSuppressionList();
    void windowAfterTheRunEnds();
    void withoutAMailboxItEndsAtOnce();

private:
    // What the watch tests share: a private Dovecot, the campaign's journal with the first
    // message delivered (Exchange's report is about it), and a watch over both.
    struct WatchedRun
    {
        PrivateDovecot server;
        std::unique_ptr<SendJournal> journal; // open, as the runner's is while it sends
        CampaignBounceWatchSettings settings;
        std::unique_ptr<CampaignBounceWatch> watch;
    };
    // Starts `run`'s server and journal and makes its watch, which watches for `watchAfter`
    // after the run ends; QTest::currentTestFailed() when something did not start.
    void setUp(WatchedRun &run, std::chrono::milliseconds watchAfter) const;
    [[nodiscard]] Campaign campaignFor(const PrivateDovecot &server) const;
    [[nodiscard]] CampaignBounceWatchSettings settings() const;

    std::unique_ptr<QTemporaryDir> m_directory;
    QString m_campaignPath;
    SystemClock m_clock;
};

void TestCampaignBounceWatch::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestCampaignBounceWatch::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    m_campaignPath = m_directory->filePath(QStringLiteral("news.bulkmail"));
}

Campaign TestCampaignBounceWatch::campaignFor(const PrivateDovecot &server) const
{
    Campaign campaign;
    campaign.name = QStringLiteral("Spring newsletter");
    campaign.filePath = m_campaignPath;
    campaign.recipients = campaignRecipients();
    campaign.server.host = QStringLiteral("smtp.example.test");
    campaign.server.username = QStringLiteral("news@example.test");
    campaign.mailbox.server = server.endpoint();
    campaign.mailbox.username = server.credentials().username;
    return campaign;
}

CampaignBounceWatchSettings TestCampaignBounceWatch::settings() const
{
    CampaignBounceWatchSettings settings;
    settings.pollInterval = 200ms;
    settings.firstReconnectDelay = 100ms;
    settings.suppressionListPath = m_directory->filePath(QStringLiteral("suppression.sqlite"));
    settings.positionsPath = m_directory->filePath(QStringLiteral("positions.json"));
    return settings;
}

void TestCampaignBounceWatch::setUp(WatchedRun &run, std::chrono::milliseconds watchAfter) const
{
    QVERIFY(run.server.start());
    Result<std::unique_ptr<SendJournal>> journal = SendJournal::open(SendJournal::pathFor(
                                                                         m_campaignPath),
                                                                     campaignRecipients(),
                                                                     m_clock);
    QVERIFY_RESULT(journal);
    run.journal = std::move(*journal);
    journalSent(*run.journal, 0, ExchangeId);
    run.settings = settings();
    run.settings.watchAfter = watchAfter;
    run.watch = std::make_unique<CampaignBounceWatch>(campaignFor(run.server),
                                                      run.server.credentials().password,
                                                      run.settings);
}

void TestCampaignBounceWatch::bounceDuringARunReachesJournalAndSuppressionList()
{
    // The run: its journal stays open, as the runner's does, while the watch adds lines.
    WatchedRun run;
    setUp(run, 0ms);
    if (QTest::currentTestFailed())
        return;
    const QString journalPath = SendJournal::pathFor(m_campaignPath);
    const PrivateDovecot &server = run.server;
    CampaignBounceWatch &watch = *run.watch;
    QSignalSpy found(&watch, &CampaignBounceWatch::feedbackFound);
    QSignalSpy scans(&watch, &CampaignBounceWatch::scanFinished);
    QSignalSpy finished(&watch, &CampaignBounceWatch::finished);
    watch.watch();
    QVERIFY(scans.wait(WaitMs)); // the first look: nothing yet

    QVERIFY(appendToInbox(server, bounceSample(QStringLiteral("exchange-recipient-not-found.eml"))));
    QTRY_COMPARE_WITH_TIMEOUT(found.size(), 1, WaitMs);
    QList<FeedbackEvent> events = eventsOf(found);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).kind, FeedbackEvent::Kind::Bounced);
    QCOMPARE(events.at(0).recipientIndex, 0);
    QCOMPARE(events.at(0).severity, QStringLiteral("hard"));
    QVERIFY(events.at(0).suppressed);

    // A message the run sends after the watch began: its report is matched too (the journal is
    // read again).
    journalSent(*run.journal, 1, AliyunId);
    QVERIFY(appendToInbox(server, bounceSample(QStringLiteral("aliyun-mailbox-full.eml"))));
    QTRY_COMPARE_WITH_TIMEOUT(found.size(), 2, WaitMs);
    events = eventsOf(found);
    QCOMPARE(events.at(1).recipientIndex, 1);
    QCOMPARE(events.at(1).severity, QStringLiteral("soft"));
    QVERIFY(!events.at(1).suppressed);
    QVERIFY(finished.isEmpty()); // watching while the run lasts

    // The runner goes on writing beside the watch's lines, and the journal reads whole.
    JournalEntry marked;
    marked.kind = JournalEntry::Kind::MarkedSent;
    marked.recipientIndex = 1;
    marked.email = campaignRecipients().at(1).email;
    QVERIFY_RESULT(run.journal->append(marked));
    run.journal.reset();
    const Result<JournalState> state = readJournal(journalPath, campaignRecipients(), m_clock);
    QVERIFY_RESULT(state);
    QCOMPARE(state->damage, QStringList());
    QCOMPARE(state->sessions, 1); // the watch adds no session of its own
    QCOMPARE(state->recipients.value(0).status, JournalRecipientState::Status::Sent);
    QCOMPARE(state->recipients.value(0).bounceSeverity, QStringLiteral("hard"));
    QCOMPARE(state->recipients.value(0).bounceStatus, QStringLiteral("5.1.10"));
    QCOMPARE(state->recipients.value(1).bounceSeverity, QStringLiteral("soft"));

    Result<std::unique_ptr<SuppressionList>> suppression = SuppressionList::open(
        run.settings.suppressionListPath);
    QVERIFY_RESULT(suppression);
    QCOMPARE((*suppression)->contains(QStringLiteral("anna.schmidt@contoso.com")), true);
    QCOMPARE((*suppression)->contains(QStringLiteral("chen.jing@aliyun.com")), false);

    // No window after the run: it ends at once, as asked.
    watch.runFinished();
    QVERIFY(finished.wait(WaitMs));
    QCOMPARE(finished.constFirst().first().toString(), QString());
}

void TestCampaignBounceWatch::windowAfterTheRunEnds()
{
    WatchedRun run;
    setUp(run, 3s);
    if (QTest::currentTestFailed())
        return;
    run.journal.reset(); // the run has ended
    const PrivateDovecot &server = run.server;
    CampaignBounceWatch &watch = *run.watch;
    QSignalSpy found(&watch, &CampaignBounceWatch::feedbackFound);
    QSignalSpy until(&watch, &CampaignBounceWatch::watchingUntil);
    QSignalSpy finished(&watch, &CampaignBounceWatch::finished);
    const QDateTime before = QDateTime::currentDateTimeUtc();
    watch.watch();
    watch.runFinished();
    QVERIFY(until.wait(WaitMs));
    const QDateTime end = until.constFirst().first().toDateTime();
    QVERIFY(end >= before.addSecs(3));

    // Within the window a report still arrives on its row.
    QVERIFY(appendToInbox(server, bounceSample(QStringLiteral("exchange-recipient-not-found.eml"))));
    QTRY_COMPARE_WITH_TIMEOUT(found.size(), 1, WaitMs);
    // Then the watch ends by itself, not before the window's end.
    QVERIFY(finished.wait(WaitMs));
    // (A coarse timer may fire up to 5 % early.)
    QVERIFY(QDateTime::currentDateTimeUtc() >= end.addMSecs(-200));
    QCOMPARE(finished.constFirst().first().toString(), QString());

    // What arrives after the window waits for the next look, which reads only it: where the
    // watch stopped was kept.
    QVERIFY(appendToInbox(server, bounceSample(QStringLiteral("aliyun-mailbox-full.eml"))));
    {
        Result<std::unique_ptr<SendJournal>> again = SendJournal::open(SendJournal::pathFor(
                                                                           m_campaignPath),
                                                                       campaignRecipients(),
                                                                       m_clock);
        QVERIFY_RESULT(again);
        journalSent(**again, 1, AliyunId);
    }
    CampaignBounceWatch next(campaignFor(server), server.credentials().password, run.settings);
    QSignalSpy nextFound(&next, &CampaignBounceWatch::feedbackFound);
    QSignalSpy nextFinished(&next, &CampaignBounceWatch::finished);
    next.scanOnce();
    QVERIFY(nextFinished.wait(WaitMs));
    QCOMPARE(nextFinished.constFirst().first().toString(), QString());
    const QList<FeedbackEvent> later = eventsOf(nextFound);
    QCOMPARE(later.size(), 1);
    QCOMPARE(later.constFirst().recipientIndex, 1);
    QCOMPARE(found.size(), 1);
}

void TestCampaignBounceWatch::withoutAMailboxItEndsAtOnce()
{
    Campaign campaign;
    campaign.filePath = m_campaignPath;
    QVERIFY(!CampaignBounceWatch::canWatch(campaign));
    CampaignBounceWatch watch(campaign, QString(), settings());
    QSignalSpy finished(&watch, &CampaignBounceWatch::finished);
    watch.watch();
    QVERIFY(finished.wait(WaitMs));
    QVERIFY(finished.constFirst().first().toString().contains(QLatin1String("no mailbox")));
}

QTEST_GUILESS_MAIN(TestCampaignBounceWatch)
#include "tst_campaignbouncewatch.moc"
