#include "delivery/ratelimiter.h"
#include "journal/journallock.h"
#include "journal/sendjournal.h"
#include "testresult.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <mutex>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

using namespace Bulkmail;
using namespace std::chrono_literals;

// Prints the error of a failed Result instead of a bare "false". Evaluates its argument once, so
// it may wrap a call that appends.
using Kind = JournalEntry::Kind;
using Status = JournalRecipientState::Status;

Q_DECLARE_METATYPE(Bulkmail::UnconfirmedPolicy)

namespace {

QList<Recipient> recipientsFor(const QStringList &emails)
{
    QList<Recipient> recipients;
    for (const QString &email : emails)
        recipients.append(Recipient{email, QString()});
    return recipients;
}

const QList<Recipient> &threeRecipients()
{
    static const QList<Recipient> recipients = recipientsFor({QStringLiteral("ann@example.org"),
                                                              QStringLiteral("bob@example.org"),
                                                              QStringLiteral("cy@example.org")});
    return recipients;
}

JournalEntry entry(Kind kind, int index, int attempt = 1, int code = 0, const QString &text = {})
{
    return JournalEntry{.kind = kind,
                        .recipientIndex = index,
                        .email = threeRecipients().at(index).email,
                        .attempt = attempt,
                        .connectionId = 2,
                        .code = code,
                        .text = text};
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool appendBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::Append) && file.write(bytes) == bytes.size();
}

} // namespace

class TestSendJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void pathFor();
    void roundTrip();
    void lineFormat();
    void outcomeBeforeTheDot();
    void unconfirmed_data();
    void unconfirmed();
    void resendThenSent();
    void markedSentByUser();
    void messageIdsAndBounces();
    void bouncedLineKeepsTheReportingServer();
    void outcomeLinesNameTheEnginesNote();
    void truncatedLastLine();
    void reopenAfterTruncation();
    void damagedLineInTheMiddle_data();
    void damagedLineInTheMiddle();
    void notAJournal_data();
    void notAJournal();
    void missingJournalIsEmpty();
    void changedRecipientList();
    void restoresRecentStarts();
    void passwordNeverWritten();
    void syncsAfterMaxEntries();
    void syncsAfterMaxDelay();
    void aFailedWriteSticks();
    void fileIsPrivate();
    void openFailsInMissingDirectory();
    void survivesSigkill();
    void tornLineWithoutAnyNewline();
    void openToAppendAddsToTheLastSession();
    void onDiskAppendSyncsThroughTheSeam();
    void failedSyncFailsTheOnDiskAppend();
    void onDiskSyncRunsOnTheWaitingThreadAndNeverBesideAnother();
    void lockRefusesASecondHolder();
    void lockOfADeadProcessIsTakenOver();

private:
    [[nodiscard]] std::unique_ptr<SendJournal> openJournal(const QList<Recipient> &recipients,
                                                           JournalSyncPolicy policy = {});
    [[nodiscard]] Result<JournalState> read(const QList<Recipient> &recipients);

    std::unique_ptr<QTemporaryDir> m_directory;
    QString m_path;
    std::unique_ptr<ManualClock> m_clockOwner;
    ManualClock *m_clock = nullptr; // new for every test
};

void TestSendJournal::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestSendJournal::init()
{
    m_clockOwner = std::make_unique<ManualClock>();
    m_clock = m_clockOwner.get();
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    m_path = SendJournal::pathFor(m_directory->filePath(QStringLiteral("news.bulkmail")));
}

std::unique_ptr<SendJournal> TestSendJournal::openJournal(const QList<Recipient> &recipients,
                                                          JournalSyncPolicy policy)
{
    Result<std::unique_ptr<SendJournal>> journal = SendJournal::open(m_path,
                                                                     recipients,
                                                                     *m_clock,
                                                                     policy);
    if (!journal) {
        qWarning("%s", qPrintable(journal.error().message));
        return nullptr;
    }
    return std::move(*journal);
}

Result<JournalState> TestSendJournal::read(const QList<Recipient> &recipients)
{
    return readJournal(m_path, recipients, *m_clock);
}

void TestSendJournal::pathFor()
{
    QCOMPARE(SendJournal::pathFor(QStringLiteral("/home/u/news.bulkmail")),
             QStringLiteral("/home/u/news.bulkmail.journal"));
}

void TestSendJournal::roundTrip()
{
    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 0)));
        QVERIFY_RESULT(journal->append(entry(Kind::Sent, 0, 1, 250, QStringLiteral("2.0.0 Ok"))));
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 1)));
        QVERIFY_RESULT(journal->append(
            entry(Kind::Deferred, 1, 1, 451, QStringLiteral("4.3.0 Try again later"))));
        m_clock->advance(30s);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 1, 2)));
        QVERIFY_RESULT(journal->append(
            entry(Kind::Failed, 1, 2, 550, QStringLiteral("5.1.1 No such user \"bob\""))));
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 2)));
        QVERIFY_RESULT(journal->append(entry(Kind::Deferred, 2, 1, 421, QStringLiteral("busy"))));
    }

    const Result<JournalState> state = read(threeRecipients());
    QVERIFY_RESULT(state);
    QCOMPARE(state->sessions, 1);
    QCOMPARE(state->damage, QStringList());
    QCOMPARE(state->recipientListChanged, false);
    QCOMPARE(state->recipients.size(), 3);

    const JournalRecipientState ann = state->recipients.value(0);
    QCOMPARE(ann.status, Status::Sent);
    QCOMPARE(ann.code, 250);
    QCOMPARE(ann.text, QStringLiteral("2.0.0 Ok"));
    QCOMPARE(ann.attempts, 1);
    QCOMPARE(ann.possiblyDuplicated, false);
    QCOMPARE(ann.time, QDateTime(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC));

    const JournalRecipientState bob = state->recipients.value(1);
    QCOMPARE(bob.status, Status::Failed);
    QCOMPARE(bob.code, 550);
    QCOMPARE(bob.text, QStringLiteral("5.1.1 No such user \"bob\""));
    QCOMPARE(bob.attempts, 2);
    QCOMPARE(bob.time, QDateTime(QDate(2026, 1, 5), QTime(9, 0, 30), Qt::UTC));

    const JournalRecipientState cy = state->recipients.value(2);
    QCOMPARE(cy.status, Status::Pending); // a temporary failure: to be retried on resume
    QCOMPARE(cy.attempts, 1);
    QCOMPARE(cy.code, 421);

    const ResumePlan plan = planResume(*state, UnconfirmedPolicy::Resend);
    QCOMPARE(plan.done, (QList<int>{0, 1}));
    QCOMPARE(plan.resend, QList<int>());
    QCOMPARE(plan.held, QList<int>());
    QCOMPARE(state->indexesWith(Status::Pending), QList<int>{2});
}

void TestSendJournal::lineFormat()
{
    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 1, 1)));
        QVERIFY_RESULT(journal->append(entry(Kind::Sent, 1, 1, 250, QStringLiteral("Ok"))));
    }
    const QList<QByteArray> lines = readAll(m_path).split('\n');
    QCOMPARE(lines.size(), 4); // three lines and the empty rest after the last '\n'
    QCOMPARE(lines.at(3), QByteArray());

    const QJsonObject header = QJsonDocument::fromJson(lines.at(0)).object();
    QCOMPARE(header.value(QLatin1String("event")).toString(), QStringLiteral("started"));
    QCOMPARE(header.value(QLatin1String("format")).toString(), QStringLiteral("bulkmail-journal"));
    QCOMPARE(header.value(QLatin1String("version")).toInt(), 1);
    QCOMPARE(header.value(QLatin1String("recipients")).toInt(), 3);
    QCOMPARE(header.value(QLatin1String("recipientsHash")).toString().toLatin1(),
             SendJournal::recipientsHash(threeRecipients()));
    QCOMPARE(header.value(QLatin1String("time")).toString(),
             QStringLiteral("2026-01-05T09:00:00.000Z"));

    QCOMPARE(lines.at(1),
             QByteArray(
                 R"({"attempt":1,"connection":2,"email":"bob@example.org","event":"inFlight",)"
                 R"("index":1,"time":"2026-01-05T09:00:00.000Z"})"));
    QCOMPARE(lines.at(2),
             QByteArray(
                 R"({"attempt":1,"code":250,"connection":2,"email":"bob@example.org",)"
                 R"("event":"sent","index":1,"text":"Ok","time":"2026-01-05T09:00:00.000Z"})"));
}

void TestSendJournal::outcomeBeforeTheDot()
{
    // A 550 to RCPT TO and a 452 to MAIL FROM: no final dot, so no in-flight line.
    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QVERIFY_RESULT(
            journal->append(entry(Kind::Failed, 0, 1, 550, QStringLiteral("5.1.1 No such user"))));
        QVERIFY_RESULT(journal->append(
            entry(Kind::Deferred, 1, 2, 452, QStringLiteral("4.5.3 Too many recipients"))));
    }
    const Result<JournalState> state = read(threeRecipients());
    QVERIFY_RESULT(state);
    QCOMPARE(state->recipients.value(0).status, Status::Failed);
    QCOMPARE(state->recipients.value(1).status, Status::Pending);
    QCOMPARE(state->recipients.value(1).attempts, 2);
    QVERIFY(state->recentStarts.isEmpty()); // only final dots count as starts
    const ResumePlan plan = planResume(*state, UnconfirmedPolicy::Resend);
    QCOMPARE(plan.done, QList<int>{0});
    QVERIFY(plan.resend.isEmpty() && plan.held.isEmpty());
}

void TestSendJournal::unconfirmed_data()
{
    QTest::addColumn<UnconfirmedPolicy>("policy");
    QTest::addColumn<bool>("explicitEntry"); // recorded by the runner rather than left in flight
    QTest::addColumn<QList<int>>("resend");
    QTest::addColumn<QList<int>>("held");

    QTest::newRow("killed in flight, resend")
        << UnconfirmedPolicy::Resend << false << QList<int>{1} << QList<int>{};
    QTest::newRow("killed in flight, hold")
        << UnconfirmedPolicy::Hold << false << QList<int>{} << QList<int>{1};
    QTest::newRow("connection lost after the dot, resend")
        << UnconfirmedPolicy::Resend << true << QList<int>{1} << QList<int>{};
    QTest::newRow("connection lost after the dot, hold")
        << UnconfirmedPolicy::Hold << true << QList<int>{} << QList<int>{1};
}

void TestSendJournal::unconfirmed()
{
    QFETCH(UnconfirmedPolicy, policy);
    QFETCH(bool, explicitEntry);
    QFETCH(QList<int>, resend);
    QFETCH(QList<int>, held);

    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 0)));
        QVERIFY_RESULT(journal->append(entry(Kind::Sent, 0, 1, 250, QStringLiteral("Ok"))));
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 1)));
        if (explicitEntry) {
            QVERIFY_RESULT(
                journal->append(entry(Kind::Unconfirmed, 1, 1, 0, QStringLiteral("lost"))));
        }
    }
    const Result<JournalState> state = read(threeRecipients());
    QVERIFY_RESULT(state);
    const JournalRecipientState bob = state->recipients.value(1);
    QCOMPARE(bob.status, Status::Unconfirmed);
    QCOMPARE(bob.unconfirmedCount, 1);
    QCOMPARE(bob.possiblyDuplicated, false);
    QCOMPARE(bob.text.isEmpty(), false);
    QCOMPARE(state->indexesWith(Status::Unconfirmed), QList<int>{1});
    QVERIFY(!state->recipients.contains(2));

    const ResumePlan plan = planResume(*state, policy);
    QCOMPARE(plan.done, QList<int>{0});
    QCOMPARE(plan.resend, resend);
    QCOMPARE(plan.held, held);
}

void TestSendJournal::resendThenSent()
{
    // Session 1 is killed with bob in flight; session 2 resends him and the server accepts;
    // session 3 is killed with cy in flight twice (resent within the run, unconfirmed again).
    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 1)));
    }
    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 1, 2)));
        QVERIFY_RESULT(journal->append(entry(Kind::Sent, 1, 2, 250, QStringLiteral("Ok"))));
    }
    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 2)));
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 2, 2)));
    }
    const Result<JournalState> state = read(threeRecipients());
    QVERIFY_RESULT(state);
    QCOMPARE(state->sessions, 3);

    const JournalRecipientState bob = state->recipients.value(1);
    QCOMPARE(bob.status, Status::Sent);
    QCOMPARE(bob.possiblyDuplicated, true);
    QCOMPARE(bob.unconfirmedCount, 1);
    QCOMPARE(bob.attempts, 2);

    const JournalRecipientState cy = state->recipients.value(2);
    QCOMPARE(cy.status, Status::Unconfirmed);
    QCOMPARE(cy.unconfirmedCount, 2);
    QCOMPARE(cy.possiblyDuplicated, true);

    // Resent once already: not a third time, even under Resend.
    const ResumePlan plan = planResume(*state, UnconfirmedPolicy::Resend);
    QCOMPARE(plan.done, QList<int>{1});
    QCOMPARE(plan.resend, QList<int>());
    QCOMPARE(plan.held, QList<int>{2});
}

void TestSendJournal::markedSentByUser()
{
    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 0)));
    }
    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QVERIFY_RESULT(journal->append(entry(Kind::MarkedSent, 0)));
    }
    const Result<JournalState> state = read(threeRecipients());
    QVERIFY_RESULT(state);
    const JournalRecipientState ann = state->recipients.value(0);
    QCOMPARE(ann.status, Status::Sent);
    QCOMPARE(ann.markedSentByUser, true);
    QCOMPARE(ann.unconfirmedCount, 1);
    QCOMPARE(planResume(*state, UnconfirmedPolicy::Hold).done, QList<int>{0});
}

void TestSendJournal::messageIdsAndBounces()
{
    const QString first = QStringLiteral("<a1.b2.0@example.org>");
    const QString resent = QStringLiteral("<c3.d4.0@example.org>");
    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        JournalEntry inFlight = entry(Kind::InFlight, 0);
        inFlight.messageId = first;
        QVERIFY_RESULT(journal->append(inFlight));
        inFlight.messageId = resent; // resent after an unanswered dot: a new Message-ID
        inFlight.attempt = 2;
        QVERIFY_RESULT(journal->append(inFlight));
        JournalEntry sent = entry(Kind::Sent, 0, 2, 250, QStringLiteral("Ok"));
        sent.messageId = resent;
        QVERIFY_RESULT(journal->append(sent));
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 1))); // an older writer: no id
        QVERIFY_RESULT(journal->append(entry(Kind::Sent, 1, 1, 250, QStringLiteral("Ok"))));
        JournalEntry bounced{.kind = Kind::Bounced,
                             .recipientIndex = 0,
                             .email = threeRecipients().at(0).email,
                             .text = QStringLiteral("550 5.1.1 User unknown"),
                             .messageId = first,
                             .bounceSeverity = QStringLiteral("hard"),
                             .bounceStatus = QStringLiteral("5.1.1")};
        QVERIFY_RESULT(journal->append(bounced));
    }
    const QList<QByteArray> lines = readAll(m_path).split('\n');
    QCOMPARE(lines.size(), 8);
    QCOMPARE(lines.at(3),
             QByteArray(R"({"attempt":2,"code":250,"connection":2,"email":"ann@example.org",)"
                        R"("event":"sent","index":0,"messageId":"<c3.d4.0@example.org>",)"
                        R"("text":"Ok","time":"2026-01-05T09:00:00.000Z"})"));
    QCOMPARE(lines.at(4).contains("messageId"), false);
    QCOMPARE(lines.at(6),
             QByteArray(R"({"email":"ann@example.org","event":"bounced","index":0,)"
                        R"("messageId":"<a1.b2.0@example.org>","severity":"hard",)"
                        R"("status":"5.1.1","text":"550 5.1.1 User unknown",)"
                        R"("time":"2026-01-05T09:00:00.000Z"})"));

    const Result<JournalState> state = read(threeRecipients());
    QVERIFY_RESULT(state);
    QCOMPARE(state->damage, QStringList());
    const JournalRecipientState ann = state->recipients.value(0);
    QCOMPARE(ann.status, Status::Sent); // a bounce does not undo what the server said
    QCOMPARE(ann.messageId, resent);
    QCOMPARE(ann.bounceSeverity, QStringLiteral("hard"));
    QCOMPARE(ann.bounceStatus, QStringLiteral("5.1.1"));
    QCOMPARE(ann.bounceText, QStringLiteral("550 5.1.1 User unknown"));
    QCOMPARE(ann.possiblyDuplicated, true);
    const JournalRecipientState bob = state->recipients.value(1);
    QCOMPARE(bob.status, Status::Sent);
    QCOMPARE(bob.messageId, QString());
    QCOMPARE(bob.bounceSeverity, QString());

    const Result<QList<JournalEntry>> entries = readJournalEntries(m_path);
    QVERIFY_RESULT(entries);
    QCOMPARE(entries->size(), 6);
    QCOMPARE(entries->at(0).messageId, first);
    QCOMPARE(entries->at(5).kind, Kind::Bounced);
    QCOMPARE(entries->at(5).bounceStatus, QStringLiteral("5.1.1"));
}

// The server that refused a message (issue 16) is kept on its bounced line, for a reopened
// campaign's Bounces view; a line without it (an older journal) reads as before, and the replay
// is the same either way.
void TestSendJournal::bouncedLineKeepsTheReportingServer()
{
    const auto writeBounce = [this](const QString &server) {
        QFile::remove(m_path);
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 0)));
        QVERIFY_RESULT(journal->append(entry(Kind::Sent, 0, 1, 250, QStringLiteral("Ok"))));
        JournalEntry bounced{.kind = Kind::Bounced,
                             .recipientIndex = 0,
                             .email = threeRecipients().at(0).email,
                             .text = QStringLiteral("550 5.1.1 User unknown"),
                             .messageId = QStringLiteral("<a1.b2.0@example.org>"),
                             .bounceSeverity = QStringLiteral("hard"),
                             .bounceStatus = QStringLiteral("5.1.1"),
                             .bounceServer = server};
        QVERIFY_RESULT(journal->append(bounced));
    };

    writeBounce(QString());
    QVERIFY(!readAll(m_path).contains("reportingServer"));
    const Result<JournalState> without = read(threeRecipients());
    QVERIFY_RESULT(without);
    const Result<QList<JournalEntry>> oldEntries = readJournalEntries(m_path);
    QVERIFY_RESULT(oldEntries);
    QCOMPARE(oldEntries->constLast().bounceServer, QString());

    writeBounce(QStringLiteral("mx.contoso.com"));
    const QList<QByteArray> lines = readAll(m_path).split('\n');
    QCOMPARE(lines.at(3),
             QByteArray(R"({"email":"ann@example.org","event":"bounced","index":0,)"
                        R"("messageId":"<a1.b2.0@example.org>","reportingServer":"mx.contoso.com",)"
                        R"("severity":"hard","status":"5.1.1","text":"550 5.1.1 User unknown",)"
                        R"("time":"2026-01-05T09:00:00.000Z"})"));
    const Result<QList<JournalEntry>> entries = readJournalEntries(m_path);
    QVERIFY_RESULT(entries);
    QCOMPARE(entries->constLast().kind, Kind::Bounced);
    QCOMPARE(entries->constLast().bounceServer, QStringLiteral("mx.contoso.com"));
    const Result<JournalState> with = read(threeRecipients());
    QVERIFY_RESULT(with);
    QVERIFY(with->recipients == without->recipients);
    QCOMPARE(with->damage, QStringList());
}

// An outcome the engine added words to names its note as a code beside the English (issue 14:
// a reopened campaign's window words it in the user's language, never from the English); a line
// without a note (an older journal, or a plain server reply) reads as before, and a final dot no
// line answers reads as NoReplyRecorded.
void TestSendJournal::outcomeLinesNameTheEnginesNote()
{
    const QString server = QStringLiteral("4.2.1 mailbox busy");
    const QString english = server
                            + englishDeliveryNote(DeliveryNote::GaveUp, {QStringLiteral("5")});
    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 0)));
        JournalEntry failed = entry(Kind::Failed, 0, 5, 450, english);
        failed.note = DeliveryNote::GaveUp;
        failed.noteArguments = {QStringLiteral("5")};
        failed.serverText = server;
        QVERIFY_RESULT(journal->append(failed));
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 1)));
        QVERIFY_RESULT(journal->append(entry(Kind::Sent, 1, 1, 250, QStringLiteral("Ok"))));
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 2)));
    }
    const QList<QByteArray> lines = readAll(m_path).split('\n');
    QCOMPARE(lines.at(2),
             QByteArray(R"j({"attempt":5,"code":450,"connection":2,"email":"ann@example.org",)j"
                        R"j("event":"failed","index":0,"note":"gaveUp","noteArguments":["5"],)j"
                        R"j("serverText":"4.2.1 mailbox busy",)j"
                        R"j("text":"4.2.1 mailbox busy (gave up after 5 attempts)",)j"
                        R"j("time":"2026-01-05T09:00:00.000Z"})j"));
    QVERIFY(!lines.at(4).contains("note"));

    const Result<JournalState> state = read(threeRecipients());
    QVERIFY_RESULT(state);
    const JournalRecipientState ann = state->recipients.value(0);
    QCOMPARE(ann.text, english); // the English stays for the CLI and the log
    QCOMPARE(ann.note, DeliveryNote::GaveUp);
    QCOMPARE(ann.noteArguments, QStringList{QStringLiteral("5")});
    QCOMPARE(ann.serverText, server);
    const JournalRecipientState bob = state->recipients.value(1);
    QCOMPARE(bob.note, DeliveryNote::None);
    QCOMPARE(bob.text, QStringLiteral("Ok"));
    const JournalRecipientState cy = state->recipients.value(2);
    QCOMPARE(cy.status, Status::Unconfirmed);
    QCOMPARE(cy.note, DeliveryNote::NoReplyRecorded);
    QCOMPARE(cy.text, QStringLiteral("no reply to the end of the message was recorded"));

    // A journal written before notes were named: the same line without them.
    QFile::remove(m_path);
    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 0)));
        QVERIFY_RESULT(journal->append(entry(Kind::Failed, 0, 5, 450, english)));
    }
    const Result<JournalState> old = read(threeRecipients());
    QVERIFY_RESULT(old);
    QCOMPARE(old->recipients.value(0).status, Status::Failed);
    QCOMPARE(old->recipients.value(0).text, english);
    QCOMPARE(old->recipients.value(0).note, DeliveryNote::None);
}

void TestSendJournal::truncatedLastLine()
{
    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 0)));
        QVERIFY_RESULT(journal->append(entry(Kind::Sent, 0, 1, 250, QStringLiteral("Ok"))));
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 1)));
    }
    // Power loss while bob's outcome was being written: 4 lines, the last cut short.
    // (Not a raw string: moc's preprocessor miscounts an odd number of quotes inside one.)
    QVERIFY(appendBytes(m_path, QByteArray("{\"attempt\":1,\"code\":250,\"connection\":2,\"em")));

    const Result<JournalState> state = read(threeRecipients());
    QVERIFY_RESULT(state);
    QCOMPARE(state->damage,
             QStringList{QStringLiteral("line 5: truncated entry ignored (not a JSON object)")});
    QCOMPARE(state->recipients.value(0).status, Status::Sent);
    QCOMPARE(state->recipients.value(1).status, Status::Unconfirmed);
}

void TestSendJournal::reopenAfterTruncation()
{
    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 0)));
    }
    const QByteArray whole = readAll(m_path);
    const QByteArray torn = "{\"attempt\":1,\"co";
    QVERIFY(appendBytes(m_path, torn));
    {
        // The cut line is removed (its bytes kept aside) and the user told; the new session
        // starts on a line of its own.
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QCOMPARE(journal->repairs().size(), 1);
        QVERIFY2(journal->repairs().constFirst().contains(SendJournal::tornPathFor(m_path)),
                 qPrintable(journal->repairs().constFirst()));
        QCOMPARE(readAll(SendJournal::tornPathFor(m_path)), torn + '\n');
        QVERIFY(readAll(m_path).startsWith(QByteArray(whole + "{\"event\":\"started\"")));
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 0, 2)));
        QVERIFY_RESULT(journal->append(entry(Kind::Sent, 0, 2, 250, QStringLiteral("Ok"))));
    }
    const Result<JournalState> state = read(threeRecipients());
    QVERIFY_RESULT(state);
    QCOMPARE(state->sessions, 2);
    QCOMPARE(state->damage, QStringList());
    const QByteArray repaired = readAll(m_path);
    QVERIFY(repaired.endsWith('\n'));
    for (const QByteArray &line : repaired.chopped(1).split('\n'))
        QVERIFY2(QJsonDocument::fromJson(line).isObject(), line.constData());
    const JournalRecipientState ann = state->recipients.value(0);
    QCOMPARE(ann.status, Status::Sent);
    QCOMPARE(ann.possiblyDuplicated, true);
}

void TestSendJournal::damagedLineInTheMiddle_data()
{
    QTest::addColumn<QByteArray>("garbage");
    QTest::addColumn<QString>("damage");

    QTest::newRow("not JSON") << QByteArray(
        "hello, world") << QStringLiteral("line 4: damaged entry ignored (not a JSON object)");
    QTest::newRow("zero bytes after a power loss")
        << QByteArray(37, '\0')
        << QStringLiteral(
               "line 4: damaged entry ignored (37 zero bytes (data lost in a power failure))");
    QTest::newRow("unknown event")
        << QByteArray(R"({"event":"exploded","index":1,"email":"bob@example.org",)"
                      R"("time":"2026-01-05T09:00:00.000Z"})")
        << QStringLiteral("line 4: damaged entry ignored (not a journal entry)");
    QTest::newRow("entry without address")
        << QByteArray(R"({"event":"sent","index":1,"time":"2026-01-05T09:00:00.000Z"})")
        << QStringLiteral("line 4: damaged entry ignored (not a journal entry)");
}

void TestSendJournal::damagedLineInTheMiddle()
{
    QFETCH(QByteArray, garbage);
    QFETCH(QString, damage);

    // Bob's outcome was lost to the damage: the rest is read, bob is unconfirmed (the policy then
    // decides), cy is intact.
    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 0)));
        QVERIFY_RESULT(journal->append(entry(Kind::Sent, 0, 1, 250, QStringLiteral("Ok"))));
    }
    QVERIFY(appendBytes(m_path, garbage + '\n'));
    QVERIFY(
        appendBytes(m_path,
                    R"({"attempt":1,"connection":2,"email":"bob@example.org","event":"inFlight",)"
                    R"("index":1,"time":"2026-01-05T09:00:00.000Z"})"
                    "\n"));
    QVERIFY(appendBytes(
        m_path,
        R"({"attempt":1,"code":550,"connection":2,"email":"cy@example.org",)"
        R"("event":"failed","index":2,"text":"5.1.1 unknown","time":"2026-01-05T09:00:00.000Z"})"
        "\n"));

    const Result<JournalState> state = read(threeRecipients());
    QVERIFY_RESULT(state);
    QCOMPARE(state->damage, QStringList{damage});
    QCOMPARE(state->recipients.value(0).status, Status::Sent);
    QCOMPARE(state->recipients.value(1).status, Status::Unconfirmed);
    QCOMPARE(state->recipients.value(2).status, Status::Failed);
    QCOMPARE(state->recipients.value(2).text, QStringLiteral("5.1.1 unknown"));
}

void TestSendJournal::notAJournal_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("a CSV file") << QByteArray("email,name\nann@example.org,Ann\n")
                                << QStringLiteral("no line is readable");
    QTest::newRow("entries without a header")
        << QByteArray(R"({"event":"sent","index":1,"email":"bob@example.org",)"
                      R"("time":"2026-01-05T09:00:00.000Z"})"
                      "\n")
        << QStringLiteral("line 1 is not a session header");
    QTest::newRow("another program's JSON")
        << QByteArray(R"({"event":"started","format":"something-else","version":1})"
                      "\n{}\n")
        << QStringLiteral("no line is readable");
    QTest::newRow("newer version")
        << QByteArray(R"({"event":"started","format":"bulkmail-journal","version":2})"
                      "\n")
        << QStringLiteral("newer version");
}

void TestSendJournal::notAJournal()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, messagePart);

    QVERIFY(appendBytes(m_path, contents));
    const Result<JournalState> state = read(threeRecipients());
    QVERIFY(!state);
    QCOMPARE(state.error().code, ErrorCode::InvalidFormat);
    QVERIFY2(state.error().message.contains(messagePart), qPrintable(state.error().message));
}

void TestSendJournal::missingJournalIsEmpty()
{
    const Result<JournalState> state = read(threeRecipients());
    QVERIFY_RESULT(state);
    QCOMPARE(state->sessions, 0);
    QVERIFY(state->recipients.isEmpty());
    QVERIFY(state->damage.isEmpty());
}

void TestSendJournal::changedRecipientList()
{
    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        for (int i = 0; i < 3; ++i) {
            QVERIFY_RESULT(journal->append(entry(Kind::InFlight, i)));
            QVERIFY_RESULT(journal->append(entry(Kind::Sent, i, 1, 250, QStringLiteral("Ok"))));
        }
    }
    // Unchanged: matched by index.
    {
        const Result<JournalState> state = read(threeRecipients());
        QVERIFY_RESULT(state);
        QCOMPARE(state->recipientListChanged, false);
        QCOMPARE(state->indexesWith(Status::Sent), (QList<int>{0, 1, 2}));
    }
    // Edited: bob removed, a new row first, cy's case changed: matched by address.
    const QList<Recipient> edited = recipientsFor({QStringLiteral("dee@example.org"),
                                                   QStringLiteral("CY@Example.org"),
                                                   QStringLiteral("ann@example.org"),
                                                   QStringLiteral("eve@example.org")});
    const Result<JournalState> state = read(edited);
    QVERIFY_RESULT(state);
    QCOMPARE(state->recipientListChanged, true);
    QCOMPARE(state->indexesWith(Status::Sent), (QList<int>{1, 2}));
    QCOMPARE(state->unmatchedEntries, 2); // bob's two lines
    QVERIFY(!state->recipients.contains(0));
    QVERIFY(!state->recipients.contains(3));
}

void TestSendJournal::restoresRecentStarts()
{
    const QDateTime first = m_clock->currentDateTimeUtc();
    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 0))); // 09:00, day 1
        QVERIFY_RESULT(journal->append(entry(Kind::Sent, 0, 1, 250, QStringLiteral("Ok"))));
        m_clock->advance(2h);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 1))); // 11:00, day 1
        QVERIFY_RESULT(journal->append(entry(Kind::Sent, 1, 1, 250, QStringLiteral("Ok"))));
        m_clock->advance(23h);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 2))); // 10:00, day 2
        QVERIFY_RESULT(
            journal->append(entry(Kind::Failed, 2, 1, 550, QStringLiteral("5.1.1 unknown"))));
    }
    m_clock->advance(30s); // now 10:00:30 on day 2: the first start is 25 h old

    const Result<JournalState> state = read(threeRecipients());
    QVERIFY_RESULT(state);
    QCOMPARE(state->recentStarts,
             (QList<QDateTime>{first.addSecs(2 * 3600), first.addSecs(25 * 3600)}));

    RateLimits limits;
    limits.perSecond = 0;
    limits.perDay = 3;
    limits.perMinute = 1;
    RateLimiter limiter(limits, *m_clock);
    limiter.restoreStarts(state->recentStarts);
    QCOMPARE(limiter.startsInLastDay(), 2);
    QCOMPARE(limiter.remainingInDay(), std::optional<int>(1));
    QCOMPARE(limiter.holdReason(), HoldReason::PerMinute); // the day-2 start was 30 s ago
}

void TestSendJournal::passwordNeverWritten()
{
    // The runner holds the password next to the campaign (CampaignPlan); nothing it can hand the
    // journal carries it, and server replies about failed logins name no secret either.
    const QString password = QStringLiteral("Tr0ub4dor&3-journal");
    SmtpCredentials credentials{QStringLiteral("mailer@example.org"), password};
    const QByteArray authPlain = QByteArray(QByteArray("\0", 1) + credentials.username.toUtf8()
                                            + QByteArray("\0", 1) + credentials.password.toUtf8())
                                     .toBase64();
    {
        auto journal = openJournal(threeRecipients());
        QVERIFY(journal);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 0)));
        QVERIFY_RESULT(journal->append(entry(Kind::Failed,
                                             0,
                                             1,
                                             535,
                                             QStringLiteral("5.7.8 Authentication credentials "
                                                            "invalid"))));
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 1)));
        QVERIFY_RESULT(journal->append(
            entry(Kind::Sent, 1, 1, 250, QStringLiteral("2.0.0 Ok: queued as 4F2A"))));
    }
    const QByteArray bytes = readAll(m_path);
    QVERIFY(bytes.contains("5.7.8 Authentication credentials invalid")); // the texts are there
    QVERIFY(!bytes.contains(password.toUtf8()));
    QVERIFY(!bytes.contains(authPlain));
    QVERIFY(!bytes.contains(credentials.username.toUtf8()));

    // Only the documented fields, on every line.
    const QSet<QString> allowed{QStringLiteral("event"),
                                QStringLiteral("format"),
                                QStringLiteral("version"),
                                QStringLiteral("time"),
                                QStringLiteral("recipients"),
                                QStringLiteral("recipientsHash"),
                                QStringLiteral("index"),
                                QStringLiteral("email"),
                                QStringLiteral("attempt"),
                                QStringLiteral("connection"),
                                QStringLiteral("code"),
                                QStringLiteral("text")};
    for (const QByteArray &line : bytes.split('\n')) {
        if (line.isEmpty())
            continue;
        const QStringList keys = QJsonDocument::fromJson(line).object().keys();
        QVERIFY(!keys.isEmpty());
        for (const QString &key : keys)
            QVERIFY2(allowed.contains(key), qPrintable(key));
    }
}

void TestSendJournal::syncsAfterMaxEntries()
{
    auto journal = openJournal(threeRecipients(), JournalSyncPolicy{1h, 3});
    QVERIFY(journal);
    QCOMPARE(journal->syncCount(), 1); // the header is synced at once
    QCOMPARE(journal->unsyncedEntries(), qint64(0));
    QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 0)));
    QVERIFY_RESULT(journal->append(entry(Kind::Sent, 0, 1, 250, QStringLiteral("Ok"))));
    QCOMPARE(journal->unsyncedEntries(), qint64(2));
    QCOMPARE(journal->syncCount(), 1);
    // The third line starts a sync on the syncing thread; the engine thread does not wait for it.
    QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 1)));
    QTRY_COMPARE_WITH_TIMEOUT(journal->unsyncedEntries(), qint64(0), 5000);
    QCOMPARE(journal->syncCount(), 2);

    // An explicit sync waits.
    QVERIFY_RESULT(journal->append(entry(Kind::Sent, 1, 1, 250, QStringLiteral("Ok"))));
    QCOMPARE(journal->unsyncedEntries(), qint64(1));
    QVERIFY_RESULT(journal->sync());
    QCOMPARE(journal->unsyncedEntries(), qint64(0));
    QCOMPARE(journal->syncCount(), 3);
}

// A full disk cuts a line short; when space comes back, a line written after the fragment would be
// glued to it and both lost (an in-flight line among them: its dot would then leave unrecorded).
// So a failed write sticks, like a failed sync: nothing more is written, and the file ends in the
// one torn line that the next open() repairs.
void TestSendJournal::aFailedWriteSticks()
{
    int calls = 0;
    JournalSyncPolicy policy;
    policy.fileWrite = [&calls](int fd, const char *data, qint64 size) -> qint64 {
        ++calls;
        if (calls == 3) // the header is call 1
            return ::write(fd, data, size_t(size / 2));
        if (calls == 4) {
            errno = ENOSPC;
            return -1;
        }
        return ::write(fd, data, size_t(size)); // space again
    };
    {
        auto journal = openJournal(threeRecipients(), policy);
        QVERIFY(journal);
        QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 0)));
        const Result<void> failed = journal->append(
            entry(Kind::Sent, 0, 1, 250, QStringLiteral("Ok")));
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, ErrorCode::Io);
        const Result<void> after = journal->append(entry(Kind::InFlight, 1));
        QVERIFY2(!after, "a write after a failed one was accepted");
        QCOMPARE(after.error().message, failed.error().message);
        QCOMPARE(calls, 4);
    }
    const Result<JournalState> state = read(threeRecipients());
    QVERIFY_RESULT(state);
    QCOMPARE(state->damage.size(), 1); // the torn last line, nothing glued to it
    QCOMPARE(state->recipients.value(0).status, JournalRecipientState::Status::Unconfirmed);
    QVERIFY(!state->recipients.contains(1));
}

void TestSendJournal::syncsAfterMaxDelay()
{
    auto journal = openJournal(threeRecipients(), JournalSyncPolicy{20ms, 1000});
    QVERIFY(journal);
    QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 0)));
    QVERIFY_RESULT(journal->append(entry(Kind::Sent, 0, 1, 250, QStringLiteral("Ok"))));
    // The sync timer runs on the journal's clock: nothing happens until it reaches maxDelay.
    m_clock->advance(19ms);
    QCOMPARE(journal->unsyncedEntries(), qint64(2)); // the timer has not fired yet
    QCOMPARE(journal->syncCount(), 1);
    m_clock->advance(1ms);
    QTRY_COMPARE_WITH_TIMEOUT(journal->unsyncedEntries(), qint64(0), 5000);
    QCOMPARE(journal->syncCount(), 2); // one sync for both lines
}

void TestSendJournal::fileIsPrivate()
{
    auto journal = openJournal(threeRecipients());
    QVERIFY(journal);
    struct stat status
    {};
    QCOMPARE(::stat(QFile::encodeName(m_path).constData(), &status), 0);
    QCOMPARE(status.st_mode & 0777, 0600u);
}

void TestSendJournal::openFailsInMissingDirectory()
{
    const Result<std::unique_ptr<SendJournal>> journal = SendJournal::open(
        m_directory->filePath(QStringLiteral("missing/news.bulkmail.journal")),
        threeRecipients(),
        *m_clock);
    QVERIFY(!journal);
    QCOMPARE(journal.error().code, ErrorCode::Io);
}

void TestSendJournal::survivesSigkill()
{
    // Three runs of a writer that appends as fast as it can, each killed with SIGKILL mid-stream
    // and resumed by the next (UnconfirmedPolicy::Resend), as a user would after crashes.
    constexpr int RecipientCount = 200'000;
    constexpr int Runs = 3;
    const QString recipientCount = QString::number(RecipientCount);
    for (int run = 0; run < Runs; ++run) {
        QProcess writer;
        writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QByteArray output;
        connect(&writer, &QProcess::readyReadStandardOutput, this, [&writer, &output] {
            output += writer.readAllStandardOutput();
        });
        writer.start(QStringLiteral(JOURNAL_WRITER_PATH),
                     {QStringLiteral("resume"), m_path, recipientCount, QStringLiteral("500")});
        QVERIFY2(writer.waitForStarted(10000), qPrintable(writer.errorString()));
        // Let it get well into the stream (2,000 recipients of this run) and kill it while it
        // keeps writing.
        QTRY_VERIFY_WITH_TIMEOUT(output.count("progress") >= 4, 20000);
        QVERIFY2(!output.contains("done"), output.constData());
        writer.kill(); // SIGKILL
        QVERIFY(writer.waitForFinished(10000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
    }

    const QList<Recipient> recipients = [] {
        QList<Recipient> list;
        list.reserve(RecipientCount);
        for (int i = 0; i < RecipientCount; ++i)
            list.append(Recipient{QStringLiteral("r%1@example.org").arg(i), QString()});
        return list;
    }();
    const Result<JournalState> state = readJournal(m_path, recipients, SystemClock::instance());
    QVERIFY_RESULT(state);
    QCOMPARE(state->sessions, Runs);

    // Every complete line is intact; only a session's last line can be cut (at most one per kill).
    const QList<QByteArray> lines = readAll(m_path).split('\n');
    QVERIFY(state->damage.size() <= Runs);
    for (const QString &damage : state->damage) {
        const int lineNumber = damage.section(u' ', 1, 1).chopped(1).toInt();
        QVERIFY2(lineNumber > 0, qPrintable(damage));
        const bool isLast = lineNumber == lines.size()
                            || (lineNumber == lines.size() - 1 && lines.last().isEmpty());
        const bool precedesHeader = lineNumber < lines.size()
                                    && lines.at(lineNumber).contains("\"event\":\"started\"");
        QVERIFY2(isLast || precedesHeader, qPrintable(damage));
    }

    // Recipients 0..n-1 are sent, in order, with no gap; at most the last one is unconfirmed,
    // and only the ones a kill left in flight were sent twice.
    const QList<int> sent = state->indexesWith(Status::Sent);
    QVERIFY(sent.size() > 2000);
    QCOMPARE(sent.first(), 0);
    QCOMPARE(sent.last(), sent.size() - 1);
    const QList<int> unconfirmed = state->indexesWith(Status::Unconfirmed);
    QVERIFY(unconfirmed.size() <= 1);
    if (!unconfirmed.isEmpty())
        QCOMPARE(unconfirmed.first(), sent.size());
    QCOMPARE(state->recipients.size(), sent.size() + unconfirmed.size());
    int possiblyDuplicated = 0;
    for (const JournalRecipientState &recipient : state->recipients)
        possiblyDuplicated += recipient.possiblyDuplicated ? 1 : 0;
    QVERIFY(possiblyDuplicated <= Runs - 1);

    // No confirmed message was ever sent twice: one "sent" line per recipient.
    QSet<int> sentIndexes;
    int sentLines = 0;
    for (const QByteArray &line : lines) {
        if (!line.contains("\"event\":\"sent\""))
            continue;
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.isEmpty())
            continue; // a cut line
        ++sentLines;
        sentIndexes.insert(object.value(QLatin1String("index")).toInt());
    }
    QCOMPARE(sentLines, sentIndexes.size());
    QCOMPARE(sentLines, sent.size());
}

void TestSendJournal::tornLineWithoutAnyNewline()
{
    // A crash while the very first header was written: nothing whole is left.
    QVERIFY(appendBytes(m_path, QByteArray("{\"event\":\"sta")));
    auto journal = openJournal(threeRecipients());
    QVERIFY(journal);
    QCOMPARE(journal->repairs().size(), 1);
    QVERIFY(readAll(m_path).startsWith("{\"event\":\"started\""));
    journal.reset();
    const Result<JournalState> state = read(threeRecipients());
    QVERIFY_RESULT(state);
    QCOMPARE(state->damage, QStringList());
    QCOMPARE(state->sessions, 1);
}

void TestSendJournal::openToAppendAddsToTheLastSession()
{
    // Nothing to add to: no file, or an empty one.
    QVERIFY(!SendJournal::openToAppend(m_path, *m_clock));
    QVERIFY(appendBytes(m_path, QByteArray()));
    QVERIFY(!SendJournal::openToAppend(m_path, *m_clock));

    // Beside a run's journal that stays open: no header of its own, and the run's in-flight
    // line stays in flight (a second header would have made it unconfirmed).
    auto run = openJournal(threeRecipients());
    QVERIFY(run);
    QVERIFY_RESULT(run->append(entry(Kind::Sent, 0, 1, 250, QStringLiteral("Ok"))));
    QVERIFY_RESULT(run->append(entry(Kind::InFlight, 1, 1, 0, QString())));
    {
        Result<std::unique_ptr<SendJournal>> beside = SendJournal::openToAppend(m_path, *m_clock);
        QVERIFY_RESULT(beside);
        JournalEntry bounced = entry(Kind::Bounced, 0, 1, 0, QStringLiteral("User unknown"));
        bounced.bounceSeverity = QStringLiteral("hard");
        bounced.bounceStatus = QStringLiteral("5.1.1");
        QVERIFY_RESULT((*beside)->append(bounced));
    }
    QVERIFY_RESULT(run->append(entry(Kind::Sent, 1, 1, 250, QStringLiteral("Ok"))));
    run.reset();
    Result<JournalState> state = read(threeRecipients());
    QVERIFY_RESULT(state);
    QCOMPARE(state->sessions, 1);
    QCOMPARE(state->damage, QStringList());
    QCOMPARE(state->recipients.value(0).bounceSeverity, QStringLiteral("hard"));
    QCOMPARE(state->recipients.value(1).status, JournalRecipientState::Status::Sent);
    QCOMPARE(state->recipients.value(1).unconfirmedCount, 0);

    // A file cut short by a crash: the line added starts on a line of its own, so only the cut
    // line is damaged.
    QVERIFY(appendBytes(m_path, QByteArray("{\"event\":\"se")));
    {
        Result<std::unique_ptr<SendJournal>> beside = SendJournal::openToAppend(m_path, *m_clock);
        QVERIFY_RESULT(beside);
        JournalEntry bounced = entry(Kind::Bounced, 2, 1, 0, QStringLiteral("Mailbox full"));
        bounced.bounceSeverity = QStringLiteral("soft");
        bounced.bounceStatus = QStringLiteral("4.2.2");
        QVERIFY_RESULT((*beside)->append(bounced));
    }
    state = read(threeRecipients());
    QVERIFY_RESULT(state);
    QCOMPARE(state->damage.size(), 1);
    QCOMPARE(state->recipients.value(2).bounceSeverity, QStringLiteral("soft"));
}

void TestSendJournal::onDiskAppendSyncsThroughTheSeam()
{
    // Every sync goes through the seam and really happens (fdatasync), and an OnDisk line is
    // covered by a finished sync when append() returns: what the runner relies on before a dot.
    struct Calls
    {
        std::atomic<int> count{0};
        std::atomic<qint64> coveredBytes{0}; // the file's size at the last sync
    };
    auto calls = std::make_shared<Calls>();
    JournalSyncPolicy policy;
    policy.maxDelay = 1h; // no batched sync may interfere
    policy.maxEntries = 1000;
    policy.fileSync = [calls](int fd) {
        struct stat status
        {};
        ::fstat(fd, &status);
        calls->coveredBytes = status.st_size;
        ++calls->count;
        return ::fdatasync(fd) == 0 ? 0 : errno;
    };
    auto journal = openJournal(threeRecipients(), policy);
    QVERIFY(journal);
    QCOMPARE(calls->count.load(), 1); // the header
    QVERIFY_RESULT(journal->append(entry(Kind::Sent, 1, 1, 250, QStringLiteral("Ok"))));
    QCOMPARE(calls->count.load(), 1); // batched: not yet
    QCOMPARE(journal->unsyncedEntries(), 1);
    QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 0), SendJournal::Durability::OnDisk));
    QCOMPARE(calls->count.load(), 2);
    QCOMPARE(calls->coveredBytes.load(), QFileInfo(m_path).size());
    QCOMPARE(journal->unsyncedEntries(), 0);
    QCOMPARE(journal->syncCount(), 2);
}

void TestSendJournal::failedSyncFailsTheOnDiskAppend()
{
    std::atomic<bool> failing = false;
    JournalSyncPolicy policy;
    policy.fileSync = [&failing](int fd) {
        return failing ? EIO : (::fdatasync(fd) == 0 ? 0 : errno);
    };
    auto journal = openJournal(threeRecipients(), policy);
    QVERIFY(journal);
    failing = true;
    const Result<void> appended = journal->append(entry(Kind::InFlight, 0),
                                                  SendJournal::Durability::OnDisk);
    QVERIFY(!appended);
    QVERIFY2(appended.error().message.contains(QString::fromLocal8Bit(std::strerror(EIO))),
             qPrintable(appended.error().message));
    // It sticks: after a failed fdatasync the kernel may have dropped the unsynced lines.
    failing = false;
    QVERIFY(!journal->append(entry(Kind::Sent, 1, 1, 250, QStringLiteral("Ok"))));
}

void TestSendJournal::onDiskSyncRunsOnTheWaitingThreadAndNeverBesideAnother()
{
    // The engine waits for an OnDisk line's sync, so it runs the sync itself (handing it to the
    // sync thread and back cost two thread switches a message); while a batch's sync is under
    // way it waits for that and then for one that covers its line. Never two syncs at once.
    struct Calls
    {
        std::atomic<int> count{0};
        std::atomic<int> running{0};
        std::atomic<int> mostAtOnce{0};
        std::atomic<bool> holdNext{false}; // the next sync waits for `released`
        std::atomic<bool> held{false};     // ... and is waiting now
        std::atomic<bool> released{false};
        std::mutex mutex;
        QList<std::thread::id> threads;
    };
    auto calls = std::make_shared<Calls>();
    JournalSyncPolicy policy;
    policy.maxDelay = 1h;
    policy.maxEntries = 1; // each batched line asks for a sync at once
    policy.fileSync = [calls](int fd) {
        const int running = ++calls->running;
        calls->mostAtOnce = std::max(calls->mostAtOnce.load(), running);
        {
            const std::lock_guard lock(calls->mutex);
            calls->threads.append(std::this_thread::get_id());
        }
        if (calls->holdNext.exchange(false)) {
            calls->held = true;
            while (!calls->released)
                std::this_thread::sleep_for(1ms);
        }
        ++calls->count;
        --calls->running;
        return ::fdatasync(fd) == 0 ? 0 : errno;
    };
    auto journal = openJournal(threeRecipients(), policy);
    QVERIFY(journal);
    const auto testThread = std::this_thread::get_id();

    // Nothing under way: the header's sync and an OnDisk line's ran here.
    QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 0), SendJournal::Durability::OnDisk));
    QCOMPARE(calls->count.load(), 2);
    QCOMPARE(calls->threads, (QList<std::thread::id>{testThread, testThread}));

    // A batch's sync under way on the sync thread (held), then an OnDisk line: it waits.
    calls->holdNext = true;
    QVERIFY_RESULT(journal->append(entry(Kind::Sent, 0, 1, 250, QStringLiteral("Ok"))));
    QTRY_VERIFY(calls->held.load());
    std::thread releaser([calls] {
        std::this_thread::sleep_for(50ms);
        calls->released = true;
    });
    QVERIFY_RESULT(journal->append(entry(Kind::InFlight, 1), SendJournal::Durability::OnDisk));
    releaser.join();
    // The batch's sync began before the line was written: one more covered it.
    QCOMPARE(calls->count.load(), 4);
    QCOMPARE(journal->unsyncedEntries(), 0);
    QCOMPARE(calls->mostAtOnce.load(), 1);
    QVERIFY(calls->threads.at(2) != testThread);
    QCOMPARE(journal->syncCount(), 4);
}

void TestSendJournal::lockRefusesASecondHolder()
{
    auto first = JournalLock::acquire(m_path);
    QVERIFY2(first, first ? "" : qPrintable(first.error().error.message));
    QVERIFY(QFileInfo::exists(JournalLock::pathFor(m_path)));
    // A second holder in this process is refused too (the GUI's second window).
    auto second = JournalLock::acquire(m_path);
    QVERIFY(!second);
    QVERIFY(second.error().holder);
    QCOMPARE(second.error().holder->pid, QCoreApplication::applicationPid());
    QCOMPARE(second.error().holder->hostname, QSysInfo::machineHostName());
    QVERIFY(second.error().holder->isThisProcess());
    QVERIFY2(second.error().error.message.contains(QLatin1String("by this program")),
             qPrintable(second.error().error.message));
    first->reset();
    QVERIFY(!QFileInfo::exists(JournalLock::pathFor(m_path)));
    auto third = JournalLock::acquire(m_path);
    QVERIFY(third);
}

void TestSendJournal::lockOfADeadProcessIsTakenOver()
{
    // A lock file naming a process that has ended (a killed run), written the way QLockFile
    // writes it, however recent.
    QProcess process;
    process.start(QStringLiteral("true"), {});
    QVERIFY(process.waitForStarted());
    const qint64 deadPid = process.processId();
    QVERIFY(process.waitForFinished());
    QFile lockFile(JournalLock::pathFor(m_path));
    QVERIFY(lockFile.open(QIODevice::WriteOnly));
    lockFile.write(QByteArray::number(deadPid) + "\nbulkmail-cli\n"
                   + QSysInfo::machineHostName().toUtf8() + "\n");
    lockFile.close();
    auto lock = JournalLock::acquire(m_path);
    QVERIFY2(lock, lock ? "" : qPrintable(lock.error().error.message));
}

QTEST_GUILESS_MAIN(TestSendJournal)
#include "tst_sendjournal.moc"
