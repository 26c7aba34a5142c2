// MailboxWatcher against a private Dovecot (and a private Postfix for a genuine report): the
// reports and requests about a campaign's messages are found once each, matched to their
// recipients through the journal's Message-IDs, and applied (a "bounced" journal line, the
// suppression list); everything else in the mailbox is left alone, unread and in place. A second
// scan reads nothing again, a session kicked half-way resumes where it stopped, and a refused
// password costs one login. Watching: where the server offers IDLE, a report is found as it
// arrives (on a ManualClock that never moves, so no poll can explain it), the IDLE is issued again
// before the server's 30 minutes, and a dropped session comes back through the back-off; without
// IDLE, the watcher polls.

#include "bouncesamples.h"
#include "common/clock.h"
#include "feedback/campaignfeedback.h"
#include "feedback/mailboxwatcher.h"
#include "feedback/suppressionlist.h"
#include "genuinebounce.h"
#include "journal/sendjournal.h"
#include "privatedovecot.h"
#include "privatepostfix.h"
#include "testresult.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;

namespace {

constexpr int WaitMs = 60'000;

const QString ExchangeId = QStringLiteral("<q8w7e6.lvxa1b.9@example.org>"); // hard, 5.1.10
const QString AliyunId = QStringLiteral("<a7s8d9.lvxe5f.40@example.org>");  // soft, 4.2.2
const QString TencentId = QStringLiteral("<p0o9i8.lvxd4e.33@example.org>"); // a 退订 reply to it
const QString GmailId = QStringLiteral("<z1x2c3.lvxb2c.17@example.org>");   // another campaign's

ImapCommandResult runOnce(const PrivateDovecot &server,
                          const QByteArray &command,
                          std::optional<QByteArray> literal = {})
{
    ImapConnection connection(99, server.endpoint(), server.credentials());
    std::optional<ImapCommandResult> result;
    connection.run(
        command, [&result](const ImapCommandResult &r) { result = r; }, std::move(literal));
    connection.open();
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, WaitMs))
        return {};
    return *result;
}

bool appendToInbox(const PrivateDovecot &server, const QByteArray &content)
{
    const ImapCommandResult result = runOnce(server, "APPEND \"INBOX\"", content);
    if (!result.isOk())
        qWarning("APPEND: %s", qPrintable(result.describe()));
    return result.isOk();
}

// How many messages of INBOX are unread: a watcher must leave them as they were.
int unseenInInbox(const PrivateDovecot &server)
{
    ImapConnection connection(98, server.endpoint(), server.credentials());
    std::optional<ImapCommandResult> result;
    connection.run("EXAMINE \"INBOX\"", [](const ImapCommandResult &) {});
    connection.run("SEARCH UNSEEN", [&result](const ImapCommandResult &r) { result = r; });
    connection.open();
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, WaitMs))
        return -1;
    for (const ImapResponse &response : result->untagged) {
        if (response.dataName() == "SEARCH")
            return int(response.data.size()) - 1;
    }
    return -1;
}

QList<Recipient> campaignRecipients()
{
    return {Recipient{QStringLiteral("anna.schmidt@contoso.com"), QString()},
            Recipient{QStringLiteral("chen.jing@aliyun.com"), QString()},
            Recipient{QStringLiteral("wang.fang@example.cn"), QString()},
            Recipient{QStringLiteral("nobody-here@bulkmail.test"), QString()}};
}

struct Watcher
{
    std::unique_ptr<MailboxWatcher> watcher;
    std::unique_ptr<QSignalSpy> found;
    std::unique_ptr<QSignalSpy> scans;
    std::unique_ptr<QSignalSpy> finished;
    std::unique_ptr<QSignalSpy> events;

    Watcher(const ImapEndpoint &endpoint,
            const ImapCredentials &credentials,
            const QString &positionsPath,
            MailboxWatcherSettings settings,
            const Clock &clock = SystemClock::instance())
    {
        Result<MailboxPositions> positions = MailboxPositions::load(positionsPath);
        if (!positions)
            qFatal("%s", qPrintable(positions.error().message));
        watcher = std::make_unique<MailboxWatcher>(endpoint,
                                                   credentials,
                                                   std::move(*positions),
                                                   std::move(settings),
                                                   clock);
        found = std::make_unique<QSignalSpy>(watcher.get(), &MailboxWatcher::feedbackFound);
        scans = std::make_unique<QSignalSpy>(watcher.get(), &MailboxWatcher::scanFinished);
        finished = std::make_unique<QSignalSpy>(watcher.get(), &MailboxWatcher::finished);
        events = std::make_unique<QSignalSpy>(watcher.get(), &MailboxWatcher::connectionEvent);
    }

    // One look at the folders, to the end.
    [[nodiscard]] bool scanOnce()
    {
        watcher->scanOnce();
        return finished->wait(WaitMs);
    }
    [[nodiscard]] QList<MailboxFeedback> feedback() const
    {
        QList<MailboxFeedback> list;
        for (const QList<QVariant> &signal : *found)
            list.append(signal.first().value<MailboxFeedback>());
        return list;
    }
    [[nodiscard]] MailboxScanSummary summary() const
    {
        return scans->isEmpty() ? MailboxScanSummary{}
                                : scans->constLast().first().value<MailboxScanSummary>();
    }
    [[nodiscard]] int eventCount(QLatin1String event) const
    {
        return int(std::count_if(events->begin(), events->end(), [event](const QList<QVariant> &e) {
            return e.at(1).toString() == event;
        }));
    }
    [[nodiscard]] int sessionsCreated() const { return eventCount(QLatin1String("created")); }
    // How many times the server accepted IDLE.
    [[nodiscard]] int idles() const { return eventCount(QLatin1String("idle")); }
};

MailboxWatcherSettings settingsFor(const QString &reader, const CampaignMessageIds *ids)
{
    MailboxWatcherSettings settings;
    settings.reader = reader;
    settings.firstReconnectDelay = 100ms;
    if (ids)
        settings.isOurMessageId = [ids](const QString &id) { return ids->contains(id); };
    return settings;
}

} // namespace

class TestMailboxWatcher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void findsTheCampaignsFeedbackAndLeavesTheRestAlone();
    void appliesReportsToTheJournalAndTheSuppressionList();
    void genuinePostfixReportIsMatched();
    void kickedSessionResumesWithoutRereading();
    void wrongPasswordIsOneLogin();
    void missingNamedFolderIsSaidAndSkipped();
    void withoutIdleWatchingPollsOnTheSameSession();
    void idleFindsANewReportAsItArrives();
    void droppedIdleSessionComesBackThroughTheBackOff();
    void idleEndedByTheServerFallsBackToPolling();

private:
    [[nodiscard]] QString positionsPath() const
    {
        return m_directory->filePath(QStringLiteral("positions.json"));
    }
    [[nodiscard]] CampaignMessageIds journalWithIds(const QStringList &ids);

    std::unique_ptr<QTemporaryDir> m_directory;
    QString m_journalPath;
    SystemClock m_clock;
};

void TestMailboxWatcher::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<MailboxFeedback>();
    qRegisterMetaType<MailboxScanSummary>();
}

void TestMailboxWatcher::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    m_journalPath = SendJournal::pathFor(m_directory->filePath(QStringLiteral("news.bulkmail")));
}

// A journal in which recipient i was sent the message ids[i].
CampaignMessageIds TestMailboxWatcher::journalWithIds(const QStringList &ids)
{
    {
        Result<std::unique_ptr<SendJournal>> journal = SendJournal::open(m_journalPath,
                                                                         campaignRecipients(),
                                                                         m_clock);
        if (!journal)
            qFatal("%s", qPrintable(journal.error().message));
        for (int i = 0; i < ids.size(); ++i) {
            for (const JournalEntry::Kind kind :
                 {JournalEntry::Kind::InFlight, JournalEntry::Kind::Sent}) {
                JournalEntry entry;
                entry.kind = kind;
                entry.recipientIndex = i;
                entry.email = campaignRecipients().at(i).email;
                entry.code = 250;
                entry.messageId = ids.at(i);
                if (!(*journal)->append(entry))
                    qFatal("cannot write the journal");
            }
        }
    }
    Result<QList<JournalEntry>> entries = readJournalEntries(m_journalPath);
    if (!entries)
        qFatal("%s", qPrintable(entries.error().message));
    return CampaignMessageIds::fromJournal(*entries);
}

void TestMailboxWatcher::findsTheCampaignsFeedbackAndLeavesTheRestAlone()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    const QStringList samples{QStringLiteral("exchange-recipient-not-found.eml"),
                              QStringLiteral("not-bounce-ordinary-reply.eml"),
                              QStringLiteral("aliyun-mailbox-full.eml"),
                              QStringLiteral("gmail-address-not-found.eml"), // not ours
                              QStringLiteral("autoreply-outlook-out-of-office.eml"),
                              QStringLiteral("unsubscribe-reply-tuiding.eml")};
    for (const QString &sample : samples)
        QVERIFY(appendToInbox(server, bounceSample(sample)));
    const CampaignMessageIds ids = journalWithIds({ExchangeId, AliyunId, TencentId});
    QCOMPARE(ids.size(), 3);
    QVERIFY(!ids.contains(GmailId));

    {
        Watcher scan(server.endpoint(),
                     server.credentials(),
                     positionsPath(),
                     settingsFor(m_journalPath, &ids));
        QVERIFY(scan.scanOnce());
        QCOMPARE(scan.scans->size(), 1);
        const MailboxScanSummary summary = scan.summary();
        QVERIFY2(summary.isComplete(), qPrintable(summary.error));
        QCOMPARE(summary.problems, QStringList());
        QCOMPARE(summary.examined, samples.size());
        QCOMPARE(summary.bounces, 2);
        QCOMPARE(summary.unsubscribes, 1);
        QCOMPARE(summary.ignored, 1); // Gmail's report is about a message of another campaign
        const QList<MailboxFeedback> found = scan.feedback();
        QCOMPARE(found.size(), 3);
        QCOMPARE(found.at(0).message.kind, FeedbackMessage::Kind::Bounce);
        QCOMPARE(found.at(0).message.report->originalMessageId, ExchangeId);
        QCOMPARE(found.at(0).mailbox, QStringLiteral("INBOX"));
        QCOMPARE(found.at(0).uid, quint64(1));
        QCOMPARE(found.at(1).message.report->originalMessageId, AliyunId);
        QCOMPARE(found.at(2).message.kind, FeedbackMessage::Kind::Unsubscribe);
        QCOMPARE(found.at(2).message.unsubscribe->messageId, TencentId);
        QCOMPARE(scan.sessionsCreated(), 1);
    }
    // Read-only: every message is still there, and still unread.
    QCOMPARE(server.messagesIn(QStringLiteral("INBOX")).size(), samples.size());
    QCOMPARE(unseenInInbox(server), int(samples.size()));

    const Result<MailboxPositions> positions = MailboxPositions::load(positionsPath());
    QVERIFY_RESULT(positions);
    const std::optional<MailboxPosition> inbox = positions->position(m_journalPath,
                                                                     QStringLiteral("INBOX"));
    QVERIFY(inbox);
    QCOMPARE(inbox->lastUid, quint64(samples.size()));
    QVERIFY(inbox->uidValidity != 0);

    // A second scan reads nothing again; a new message is read alone.
    {
        Watcher again(server.endpoint(),
                      server.credentials(),
                      positionsPath(),
                      settingsFor(m_journalPath, &ids));
        QVERIFY(again.scanOnce());
        QVERIFY2(again.summary().isComplete(), qPrintable(again.summary().error));
        QCOMPARE(again.summary().examined, 0);
        QCOMPARE(again.found->size(), 0);
    }
    QVERIFY(appendToInbox(server, bounceSample(QStringLiteral("tencent-qq-tuixin.eml"))));
    {
        Watcher third(server.endpoint(),
                      server.credentials(),
                      positionsPath(),
                      settingsFor(m_journalPath, &ids));
        QVERIFY(third.scanOnce());
        QCOMPARE(third.summary().examined, 1);
        QCOMPARE(third.summary().bounces, 1); // QQ's 退信 about TencentId
        QCOMPARE(third.feedback().constFirst().uid, quint64(samples.size() + 1));
    }
    // Another campaign has its own position: it reads the folder from the start.
    {
        Watcher other(server.endpoint(),
                      server.credentials(),
                      positionsPath(),
                      settingsFor(QStringLiteral("/elsewhere/other.bulkmail.journal"), nullptr));
        QVERIFY(other.scanOnce());
        QCOMPARE(other.summary().examined, samples.size() + 1);
    }
}

void TestMailboxWatcher::appliesReportsToTheJournalAndTheSuppressionList()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    for (const char *sample : {"exchange-recipient-not-found.eml",
                               "aliyun-mailbox-full.eml",
                               "unsubscribe-reply-tuiding.eml"})
        QVERIFY(appendToInbox(server, bounceSample(QString::fromLatin1(sample))));
    const CampaignMessageIds ids = journalWithIds({ExchangeId, AliyunId, TencentId});
    Result<std::unique_ptr<SuppressionList>> suppression = SuppressionList::open(
        m_directory->filePath(QStringLiteral("suppression.sqlite")));
    QVERIFY_RESULT(suppression);

    Watcher scan(server.endpoint(),
                 server.credentials(),
                 positionsPath(),
                 settingsFor(m_journalPath, &ids));
    QList<FeedbackEvent> events;
    {
        Result<std::unique_ptr<SendJournal>> journal = SendJournal::open(m_journalPath,
                                                                         campaignRecipients(),
                                                                         m_clock);
        QVERIFY_RESULT(journal);
        QObject context;
        connect(scan.watcher.get(),
                &MailboxWatcher::feedbackFound,
                &context,
                [&](const MailboxFeedback &feedback) {
                    Result<QList<FeedbackEvent>> applied = applyFeedback(
                        feedback,
                        ids,
                        journal->get(),
                        suppression->get(),
                        QStringLiteral("Spring newsletter"),
                        UnsubscribeHandling::AskFirst);
                    QVERIFY_RESULT(applied);
                    events += *applied;
                });
        QVERIFY(scan.scanOnce());
    }
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).kind, FeedbackEvent::Kind::Bounced);
    QCOMPARE(events.at(0).recipientIndex, 0);
    QCOMPARE(events.at(0).severity, QStringLiteral("hard"));
    QCOMPARE(events.at(0).status, QStringLiteral("5.1.10"));
    QVERIFY(events.at(0).suppressed);
    QCOMPARE(events.at(1).recipientIndex, 1);
    QCOMPARE(events.at(1).severity, QStringLiteral("soft"));
    QVERIFY(!events.at(1).suppressed);
    QCOMPARE(events.at(2).kind, FeedbackEvent::Kind::UnsubscribeToConfirm);
    QCOMPARE(events.at(2).recipientIndex, 2);
    QVERIFY(!events.at(2).suppressed);
    QVERIFY(feedbackEventJson(events.at(0)).contains(R"("type":"bounced")"));

    // The journal says it on the recipients' rows; the sending status stays.
    const Result<JournalState> state = readJournal(m_journalPath, campaignRecipients(), m_clock);
    QVERIFY_RESULT(state);
    QCOMPARE(state->recipients.value(0).status, JournalRecipientState::Status::Sent);
    QCOMPARE(state->recipients.value(0).bounceSeverity, QStringLiteral("hard"));
    QCOMPARE(state->recipients.value(0).bounceStatus, QStringLiteral("5.1.10"));
    QVERIFY(state->recipients.value(0).bounceText.contains(QLatin1String("RecipientNotFound")));
    QCOMPARE(state->recipients.value(1).bounceSeverity, QStringLiteral("soft"));
    QCOMPARE(state->recipients.value(2).bounceSeverity, QString());

    // Hard bounces are suppressed; a soft one and an unconfirmed request are not.
    QCOMPARE((*suppression)->contains(QStringLiteral("anna.schmidt@contoso.com")), true);
    QCOMPARE((*suppression)->contains(QStringLiteral("chen.jing@aliyun.com")), false);
    QCOMPARE((*suppression)->contains(QStringLiteral("wang.fang@example.cn")), false);

    // When the campaign says so, the request goes to the list at once.
    const MailboxFeedback request = scan.feedback().constLast();
    Result<QList<FeedbackEvent>> confirmed = applyFeedback(request,
                                                           ids,
                                                           nullptr,
                                                           suppression->get(),
                                                           QStringLiteral("Spring newsletter"),
                                                           UnsubscribeHandling::Suppress);
    QVERIFY_RESULT(confirmed);
    QCOMPARE(confirmed->constFirst().kind, FeedbackEvent::Kind::Unsubscribed);
    QCOMPARE((*suppression)->contains(QStringLiteral("wang.fang@example.cn")), true);

    // A report about a message the journal does not know changes nothing.
    MailboxFeedback unknown = scan.feedback().constFirst();
    unknown.message.report->originalMessageId = GmailId;
    Result<QList<FeedbackEvent>> ignored = applyFeedback(
        unknown, ids, nullptr, nullptr, QString(), UnsubscribeHandling::Suppress);
    QVERIFY_RESULT(ignored);
    QVERIFY(ignored->isEmpty());
}

void TestMailboxWatcher::genuinePostfixReportIsMatched()
{
    constexpr const char *Sender = "news@bulkmail.test";
    constexpr const char *UnknownUser = "nobody-here@bulkmail.test";
    const QString messageId = QStringLiteral("<r4nd0m.lvz9q1.3@bulkmail.test>");
    PrivatePostfix postfix(bouncingPostfixOptions(Sender));
    QVERIFY(postfix.start());
    const QByteArray message = QByteArray("From: Newsletter <") + Sender + ">\r\nTo: " + UnknownUser
                               + "\r\nSubject: Spring newsletter\r\nMessage-ID: "
                               + messageId.toLatin1()
                               + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nHi\r\n";
    QVERIFY(submitWithSmtplib(postfix.port(), Sender, UnknownUser, message));
    QTRY_COMPARE_WITH_TIMEOUT(postfix.receivedMessages().size(), 1, WaitMs);

    PrivateDovecot server;
    QVERIFY(server.start());
    QVERIFY(appendToInbox(server, postfix.receivedMessages().constFirst().data));
    const CampaignMessageIds ids = journalWithIds(
        {QStringLiteral("<a@x>"), QStringLiteral("<b@x>"), QStringLiteral("<c@x>"), messageId});

    Watcher scan(server.endpoint(),
                 server.credentials(),
                 positionsPath(),
                 settingsFor(m_journalPath, &ids));
    QVERIFY(scan.scanOnce());
    QCOMPARE(scan.summary().bounces, 1);
    Result<QList<FeedbackEvent>> events = applyFeedback(scan.feedback().constFirst(),
                                                        ids,
                                                        nullptr,
                                                        nullptr,
                                                        QString(),
                                                        UnsubscribeHandling::AskFirst);
    QVERIFY_RESULT(events);
    QCOMPARE(events->size(), 1);
    QCOMPARE(events->constFirst().recipientIndex, 3);
    QCOMPARE(events->constFirst().email, QString::fromLatin1(UnknownUser));
    QCOMPARE(events->constFirst().severity, QStringLiteral("hard"));
    QCOMPARE(events->constFirst().status, QStringLiteral("5.1.1"));
}

void TestMailboxWatcher::kickedSessionResumesWithoutRereading()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    constexpr int total = 40;
    for (int i = 0; i < total; ++i) {
        QVERIFY(appendToInbox(server,
                              bounceSample(
                                  i % 2 ? QStringLiteral("not-bounce-ordinary-reply.eml")
                                        : QStringLiteral("exchange-recipient-not-found.eml"))));
    }
    const CampaignMessageIds ids = journalWithIds({ExchangeId});
    // The clock never moves: after a session that read something, the next opens at once.
    ManualClock clock;
    Watcher scan(server.endpoint(),
                 server.credentials(),
                 positionsPath(),
                 settingsFor(m_journalPath, &ids),
                 clock);
    bool kicked = false;
    QObject context;
    connect(scan.watcher.get(), &MailboxWatcher::feedbackFound, &context, [&] {
        if (scan.found->size() == 5 && !kicked)
            kicked = server.kickUser(); // the administrator, half-way through the folder
    });
    QVERIFY(scan.scanOnce());
    QVERIFY(kicked);
    QVERIFY2(scan.summary().isComplete(), qPrintable(scan.summary().error));
    QCOMPARE(scan.sessionsCreated(), 2);
    // Every message read once: none again after the kick, none skipped.
    QCOMPARE(scan.summary().examined, total);
    QList<quint64> uids;
    for (const MailboxFeedback &feedback : scan.feedback())
        uids.append(feedback.uid);
    QCOMPARE(uids.size(), total / 2);
    for (int i = 0; i < uids.size(); ++i)
        QCOMPARE(uids.at(i), quint64(2 * i + 1));
}

void TestMailboxWatcher::wrongPasswordIsOneLogin()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    ImapCredentials credentials = server.credentials();
    credentials.password = QStringLiteral("wrong");
    Watcher scan(server.endpoint(),
                 credentials,
                 positionsPath(),
                 settingsFor(m_journalPath, nullptr));
    scan.watcher->watch(); // even when asked to keep watching
    QVERIFY(scan.finished->wait(WaitMs));
    QCOMPARE(scan.scans->size(), 1);
    QVERIFY(!scan.summary().isComplete());
    QCOMPARE(scan.sessionsCreated(), 1);
    QVERIFY(scan.summary().error.contains(QLatin1String("auth"), Qt::CaseInsensitive)
            || scan.summary().error.contains(QLatin1String("password"), Qt::CaseInsensitive)
            || scan.summary().error.contains(QLatin1String("credentials"), Qt::CaseInsensitive));
}

void TestMailboxWatcher::missingNamedFolderIsSaidAndSkipped()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    QVERIFY(appendToInbox(server, bounceSample(QStringLiteral("exchange-recipient-not-found.eml"))));
    MailboxWatcherSettings settings = settingsFor(m_journalPath, nullptr);
    settings.mailboxes = {QStringLiteral("退信"), QStringLiteral("INBOX")};
    Watcher scan(server.endpoint(), server.credentials(), positionsPath(), settings);
    QVERIFY(scan.scanOnce());
    QVERIFY2(scan.summary().isComplete(), qPrintable(scan.summary().error));
    QCOMPARE(scan.summary().problems.size(), 1);
    QVERIFY2(scan.summary().problems.constFirst().contains(QStringLiteral("\"退信\"")),
             qPrintable(scan.summary().problems.constFirst()));
    QCOMPARE(scan.summary().bounces, 1); // INBOX is read all the same
}

void TestMailboxWatcher::withoutIdleWatchingPollsOnTheSameSession()
{
    PrivateDovecotOptions options;
    // Dovecot's own list without IDLE.
    options.extraConf = {QStringLiteral("imap_capability = IMAP4rev1 SASL-IR LITERAL+ ENABLE "
                                        "UIDPLUS LIST-EXTENDED SPECIAL-USE")};
    PrivateDovecot server(options);
    QVERIFY(server.start());
    {
        ImapConnection probe(97, server.endpoint(), server.credentials());
        QSignalSpy ready(&probe, &ImapConnection::ready);
        probe.open();
        QVERIFY(ready.wait(WaitMs));
        QVERIFY(!probe.hasCapability("IDLE"));
        QVERIFY(probe.hasCapability("UIDPLUS"));
    }
    const CampaignMessageIds ids = journalWithIds({ExchangeId, AliyunId});
    MailboxWatcherSettings settings = settingsFor(m_journalPath, &ids);
    settings.pollInterval = 90s;
    ManualClock clock;
    Watcher watch(server.endpoint(), server.credentials(), positionsPath(), settings, clock);
    watch.watcher->watch();
    QVERIFY(watch.scans->wait(WaitMs));
    QCOMPARE(watch.summary().examined, 0);
    // A report arrives while the campaign runs: the next look, a poll interval later, finds it.
    QVERIFY(appendToInbox(server, bounceSample(QStringLiteral("aliyun-mailbox-full.eml"))));
    clock.advance(settings.pollInterval - 1ms);
    QCOMPARE(watch.scans->size(), 1);
    clock.advance(1ms);
    QTRY_VERIFY_WITH_TIMEOUT(watch.found->size() == 1, WaitMs);
    QCOMPARE(watch.feedback().constFirst().message.report->originalMessageId, AliyunId);
    QTRY_COMPARE(watch.scans->size(), 2);
    QVERIFY(watch.finished->isEmpty());
    QCOMPARE(watch.sessionsCreated(), 1); // every look on the one session
    clock.advance(settings.pollInterval);
    QTRY_COMPARE(watch.scans->size(), 3);
    QCOMPARE(watch.idles(), 0);
    watch.watcher->stop();
    QVERIFY(watch.finished->wait(WaitMs));
    QCOMPARE(watch.found->size(), 1); // found once, however many looks
}

void TestMailboxWatcher::idleFindsANewReportAsItArrives()
{
    PrivateDovecot server; // Dovecot offers IDLE
    QVERIFY(server.start());
    const CampaignMessageIds ids = journalWithIds({ExchangeId, AliyunId});
    MailboxWatcherSettings settings = settingsFor(m_journalPath, &ids);
    settings.pollInterval = 24h;
    ManualClock clock; // never moves unless told: no poll can explain what is found
    Watcher watch(server.endpoint(), server.credentials(), positionsPath(), settings, clock);
    watch.watcher->watch();
    QVERIFY(watch.scans->wait(WaitMs));
    QTRY_COMPARE(watch.idles(), 1);
    QCOMPARE(watch.events->constLast().at(2).toString(), QStringLiteral("INBOX"));
    // One folder, watched by IDLE: no poll is due, only the IDLE's restart.
    QCOMPARE(clock.activeTimerCount(), 1);
    QCOMPARE(clock.nextTimerDeadline(), clock.now() + ImapConnection::IdleRestart);

    QVERIFY(appendToInbox(server, bounceSample(QStringLiteral("aliyun-mailbox-full.eml"))));
    QTRY_VERIFY_WITH_TIMEOUT(watch.found->size() == 1, WaitMs);
    QCOMPARE(watch.feedback().constFirst().message.report->originalMessageId, AliyunId);
    QTRY_COMPARE(watch.idles(), 2); // idling again after the look
    QCOMPARE(watch.scans->size(), 2);

    // Before the server's 30 minutes the IDLE is ended and issued again, on the same session.
    clock.advance(ImapConnection::IdleRestart);
    QTRY_COMPARE(watch.idles(), 3);
    QVERIFY(appendToInbox(server, bounceSample(QStringLiteral("exchange-recipient-not-found.eml"))));
    QTRY_VERIFY_WITH_TIMEOUT(watch.found->size() == 2, WaitMs);
    QCOMPARE(watch.feedback().constLast().message.report->originalMessageId, ExchangeId);
    QCOMPARE(watch.sessionsCreated(), 1);
    QVERIFY(watch.finished->isEmpty());

    watch.watcher->stop(); // DONE, then LOGOUT
    QVERIFY(watch.finished->wait(WaitMs));
    QTRY_COMPARE(server.logLinesContaining("Logged out").size(), 1);
    QCOMPARE(watch.found->size(), 2);
}

void TestMailboxWatcher::droppedIdleSessionComesBackThroughTheBackOff()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    const CampaignMessageIds ids = journalWithIds({ExchangeId, AliyunId});
    MailboxWatcherSettings settings = settingsFor(m_journalPath, &ids);
    settings.pollInterval = 24h;
    ManualClock clock;
    Watcher watch(server.endpoint(), server.credentials(), positionsPath(), settings, clock);
    watch.watcher->watch();
    QVERIFY(watch.scans->wait(WaitMs));
    QTRY_COMPARE(watch.idles(), 1);

    QVERIFY(server.kickUser()); // the administrator, while it idles
    QTRY_COMPARE(watch.eventCount(QLatin1String("closed")), 1);
    // The session read nothing and idled no full term: the next one waits for the back-off.
    QVERIFY(appendToInbox(server, bounceSample(QStringLiteral("aliyun-mailbox-full.eml"))));
    clock.advance(settings.firstReconnectDelay - 1ms);
    QCOMPARE(watch.sessionsCreated(), 1);
    clock.advance(1ms);
    QCOMPARE(watch.sessionsCreated(), 2);
    // The new session looks first (the report came while none was open), then idles again.
    QTRY_VERIFY_WITH_TIMEOUT(watch.found->size() == 1, WaitMs);
    QTRY_COMPARE(watch.idles(), 2);
    QVERIFY(watch.finished->isEmpty());
    watch.watcher->stop();
    QVERIFY(watch.finished->wait(WaitMs));
}

// A server whose IDLE ends as soon as it starts (its tagged OK comes without DONE): an empty
// INBOX, pre-authenticated, that answers each command from a script and records them.
void TestMailboxWatcher::idleEndedByTheServerFallsBackToPolling()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QList<QByteArray> commands;
    std::unique_ptr<QTcpSocket> peer;
    QByteArray pending;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        peer.reset(server.nextPendingConnection());
        peer->write("* PREAUTH [CAPABILITY IMAP4rev1 IDLE] scripted server\r\n");
        connect(peer.get(), &QTcpSocket::readyRead, this, [&] {
            pending += peer->readAll();
            for (qsizetype end = pending.indexOf("\r\n"); end >= 0; end = pending.indexOf("\r\n")) {
                const QByteArray line = pending.left(end);
                pending.remove(0, end + 2);
                const QByteArray tag = line.left(line.indexOf(' '));
                const QByteArray command = line.mid(tag.size() + 1);
                commands.append(command);
                if (command.startsWith("EXAMINE"))
                    peer->write("* 0 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n" + tag
                                + " OK [READ-ONLY] done\r\n");
                else if (command.startsWith("UID SEARCH"))
                    peer->write("* SEARCH\r\n" + tag + " OK done\r\n");
                else if (command == "IDLE")
                    peer->write("+ idling\r\n" + tag + " OK IDLE terminated\r\n");
                else if (command == "LOGOUT")
                    peer->write("* BYE bye\r\n" + tag + " OK done\r\n");
                else
                    peer->write(tag + " BAD unexpected\r\n");
            }
        });
    });
    ImapEndpoint endpoint;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = server.serverPort();
    endpoint.security = SecurityMode::None;
    MailboxWatcherSettings settings = settingsFor(m_journalPath, nullptr);
    settings.pollInterval = 90s;
    ManualClock clock;
    Watcher watch(endpoint, {}, positionsPath(), settings, clock);
    watch.watcher->watch();
    QTRY_COMPARE(watch.idles(), 1);
    // The server ended it at once: the next look is a poll interval away, not sooner.
    QTRY_COMPARE(clock.nextTimerDeadline(), clock.now() + settings.pollInterval);
    QCOMPARE(commands.count("IDLE"), 1);
    clock.advance(settings.pollInterval);
    QTRY_COMPARE(watch.scans->size(), 2);
    QTRY_COMPARE(watch.idles(), 2); // and IDLE is tried again after that look
    QCOMPARE(commands.count("IDLE"), 2);
    QCOMPARE(watch.sessionsCreated(), 1);
    watch.watcher->stop();
    QVERIFY(watch.finished->wait(WaitMs));
    QVERIFY(!commands.contains("DONE")); // never said to a server that was not idling
}

QTEST_GUILESS_MAIN(TestMailboxWatcher)
#include "tst_mailboxwatcher.moc"
