// Every way the scheduler stops a campaign carries a code with its arguments, so that the window
// can say it in the user's language; the English sentence (for the log and the CLI) is made
// from the same code and arguments. Driven by a ManualClock: no sockets, no sleeping.
#include "common/clock.h"
#include "delivery/deliverynote.h"
#include "delivery/deliverypolicy.h"
#include "delivery/deliveryscheduler.h"
#include "delivery/enginereason.h"
#include "delivery/ratelimiter.h"
#include "smtp/replyclassifier.h"

#include <QSet>
#include <QTest>

using namespace Bulkmail;
using namespace std::chrono_literals;
using Code = EngineReason::Code;

Q_DECLARE_METATYPE(Bulkmail::DeliveryNote)

namespace {

MessageOutcome outcome(int index, SmtpStage stage, int code, const QString &text)
{
    MessageOutcome o;
    o.messageId = quint64(index);
    o.stage = stage;
    o.reply.code = code;
    o.reply.lines = {text.toUtf8()};
    o.classification = classifyReply(o.reply, stage);
    return o;
}

// A scheduler with its policy and limiter, giving up on a server after one minute.
struct Engine
{
    explicit Engine(int recipients, const DeliverySettings &base = {})
        : settings(base)
    {
        settings.giveUpAfter = 1min;
        limiter = std::make_unique<RateLimiter>(settings.rateLimits, clock);
        policy = std::make_unique<DeliveryPolicy>(settings, clock);
        scheduler = std::make_unique<DeliveryScheduler>(recipients,
                                                        settings,
                                                        *limiter,
                                                        *policy,
                                                        clock);
        for (int i = 0; i < recipients; ++i)
            scheduler->enqueue(i, 0, false);
    }
    // The next recipient, waiting (on the manual clock) for whatever holds it.
    int take()
    {
        for (int guard = 0; guard < 1000; ++guard) {
            if (const std::optional<int> next = scheduler->takeNext())
                return *next;
            clock.advance(scheduler->timeUntilNext().value_or(1s));
        }
        return -1;
    }
    DeliverySettings settings;
    ManualClock clock;
    std::unique_ptr<RateLimiter> limiter;
    std::unique_ptr<DeliveryPolicy> policy;
    std::unique_ptr<DeliveryScheduler> scheduler;
};

} // namespace

class TestEngineReasons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quotaStopCarriesTheServersReply();
    void otherAccountStopCarriesTheClassifiersWords();
    void serverDownTooLongCarriesMinutesAndLastAnswer();
    void serverUnreachableTooLongCarriesMinutesAndLastAttempt();
    void anUnreachableServerKeepsTheLastAttemptsNote();
    void englishIsMadeFromTheCode_data();
    void englishIsMadeFromTheCode();
    // The notes on one recipient: a code with its arguments, and the English it always had.
    void aDeferredRecipientsNoteCarriesTheDelay();
    void aRecipientGivenUpOnCarriesTheAttempts();
    void aPauseForTheServerCarriesItsLength();
    void aConnectionFailingAgainAndAgainCarriesTheCount();
    void lostRepliesAfterTheDotCarryTheirNotes();
    void aHeldRecipientCarriesItsNote();
    void noteEnglishIsAsBefore_data();
    void noteEnglishIsAsBefore();
    void notesHaveStableJournalNames_data() { noteEnglishIsAsBefore_data(); }
    void notesHaveStableJournalNames();
    void everyNoteHasADistinctName();
};

void TestEngineReasons::quotaStopCarriesTheServersReply()
{
    Engine engine(2);
    const int index = engine.take();
    const MessageOutcome quota = outcome(index,
                                         SmtpStage::MailFrom,
                                         550,
                                         QStringLiteral(
                                             "5.4.5 Daily user sending quota exceeded."));
    QCOMPARE(quota.classification.verdict, ReplyVerdict::QuotaExhausted);
    const DeliveryDecision decision = engine.scheduler->onOutcome(index, quota);
    QCOMPARE(decision.kind, DeliveryDecision::Kind::Stopped);
    QCOMPARE(decision.stopReason.code, Code::QuotaExhausted);
    QCOMPARE(decision.stopReason.arguments, QStringList{quota.reply.toString()});
    QVERIFY2(decision.stopReason.english.contains(u"sending quota is used up"),
             qPrintable(decision.stopReason.english));
}

void TestEngineReasons::otherAccountStopCarriesTheClassifiersWords()
{
    Engine engine(1);
    const int index = engine.take();
    const MessageOutcome refused = outcome(index,
                                           SmtpStage::MailFrom,
                                           530,
                                           QStringLiteral("5.7.0 Authentication required"));
    QCOMPARE(scopeOf(refused.classification.verdict, refused.stage), FailureScope::Account);
    const DeliveryDecision decision = engine.scheduler->onOutcome(index, refused);
    QCOMPARE(decision.kind, DeliveryDecision::Kind::Stopped);
    // The classifier's explanation is already in the user's words: no code would add to it.
    QCOMPARE(decision.stopReason.code, Code::Other);
    QCOMPARE(decision.stopReason.english, refused.classification.explanation);
    QCOMPARE(decision.stopReason.arguments, QStringList{refused.classification.explanation});
}

void TestEngineReasons::serverDownTooLongCarriesMinutesAndLastAnswer()
{
    Engine engine(3);
    const auto unavailable = [](int index) {
        return outcome(index,
                       SmtpStage::MailFrom,
                       451,
                       QStringLiteral("4.7.1 Service unavailable - try again later"));
    };
    int index = engine.take();
    QCOMPARE(unavailable(index).classification.verdict, ReplyVerdict::ServiceUnavailable);
    DeliveryDecision decision = engine.scheduler->onOutcome(index, unavailable(index));
    // The first pause is a pause, with no reason to stop.
    QCOMPARE(decision.scope, FailureScope::Site);
    QVERIFY(decision.stopReason.isEmpty());
    engine.clock.advance(2min);
    index = engine.take();
    const MessageOutcome last = unavailable(index);
    decision = engine.scheduler->onOutcome(index, last);
    QCOMPARE(decision.stopReason.code, Code::SiteDownTooLong);
    QCOMPARE(decision.stopReason.arguments,
             (QStringList{QStringLiteral("1"), last.reply.toString()}));
}

void TestEngineReasons::serverUnreachableTooLongCarriesMinutesAndLastAttempt()
{
    Engine engine(1);
    QVERIFY(!engine.scheduler->onSiteUnreachable(QStringLiteral("could not connect: refused")));
    engine.clock.advance(61s);
    const std::optional<EngineReason> giveUp = engine.scheduler->onSiteUnreachable(
        QStringLiteral("could not connect: timed out"));
    QVERIFY(giveUp);
    QCOMPARE(giveUp->code, Code::SiteUnreachableTooLong);
    QCOMPARE(giveUp->arguments,
             (QStringList{QStringLiteral("1"), QStringLiteral("could not connect: timed out")}));
}

void TestEngineReasons::anUnreachableServerKeepsTheLastAttemptsNote()
{
    Engine engine(1);
    const CloseNote refused = CloseNote::make(CloseNote::Code::SocketError,
                                              {QStringLiteral("smtp.example.org:587"),
                                               QStringLiteral("Connection refused")});
    const QString english = QStringLiteral("could not connect: ") + refused.english();
    QVERIFY(!engine.scheduler->onSiteUnreachable(english, refused));
    // The pause keeps the note for the window ("why sending waits"), beside its English.
    QVERIFY(engine.policy->sitePause());
    QCOMPARE(engine.policy->sitePause()->reason, english);
    QCOMPARE(engine.policy->sitePause()->unreachable.code, CloseNote::Code::SocketError);
    QCOMPARE(engine.policy->sitePause()->unreachable.arguments, refused.arguments);
    // A pause for another reason carries no note of a failed connection.
    QVERIFY(!engine.scheduler->onSiteUnreachable(QStringLiteral("451 try later")));
    QVERIFY(engine.policy->sitePause()->unreachable.isEmpty());
    engine.clock.advance(61s);
    const std::optional<EngineReason> giveUp = engine.scheduler->onSiteUnreachable(english, refused);
    QVERIFY(giveUp);
    QCOMPARE(giveUp->code, Code::SiteUnreachableTooLong);
    // The English as before; the note packed after it, for the window.
    QCOMPARE(giveUp->english,
             englishEngineReason(Code::SiteUnreachableTooLong, {QStringLiteral("1"), english}));
    QCOMPARE(giveUp->arguments, (QStringList{QStringLiteral("1"), english} + refused.packed()));
    const CloseNote unpacked = CloseNote::unpacked(giveUp->arguments, 2);
    QCOMPARE(unpacked.code, refused.code);
    QCOMPARE(unpacked.arguments, refused.arguments);
}

void TestEngineReasons::englishIsMadeFromTheCode_data()
{
    QTest::addColumn<EngineReason>("reason");
    QTest::addColumn<QString>("english");
    QTest::newRow("none") << EngineReason() << QString();
    QTest::newRow("other") << EngineReason::other(QStringLiteral("the server refused the login"))
                           << QStringLiteral("the server refused the login");
    QTest::newRow("empty other is no reason") << EngineReason::other(QString()) << QString();
    QTest::newRow("could not connect, with a note")
        << EngineReason::connectFailed(QStringLiteral("127.0.0.1:2525"),
                                       3,
                                       QStringLiteral("127.0.0.1:2525: Connection refused"),
                                       CloseNote::make(CloseNote::Code::SocketError,
                                                       {QStringLiteral("127.0.0.1:2525"),
                                                        QStringLiteral("Connection refused")}))
        << QStringLiteral("Could not connect to 127.0.0.1:2525 3 times in a row; the last "
                          "attempt: 127.0.0.1:2525: Connection refused");
    QTest::newRow("could not connect, words only")
        << EngineReason::connectFailed(QStringLiteral("mail.example.org:465"),
                                       3,
                                       QStringLiteral("could not get an OAuth2 access token: no"),
                                       CloseNote())
        << QStringLiteral("Could not connect to mail.example.org:465 3 times in a row; the last "
                          "attempt: could not get an OAuth2 access token: no");
    QTest::newRow("journal") << EngineReason::make(Code::JournalWriteFailed,
                                                   {QStringLiteral("disk full")})
                             << QStringLiteral("writing the send journal failed: disk full");
    QTest::newRow("quota") << EngineReason::make(Code::QuotaExhausted,
                                                 {QStringLiteral("550 5.4.5 quota")})
                           << QStringLiteral("The account's sending quota is used up (550 5.4.5 "
                                             "quota). Nothing was marked failed; send the rest "
                                             "later.");
}

void TestEngineReasons::englishIsMadeFromTheCode()
{
    QFETCH(EngineReason, reason);
    QFETCH(QString, english);
    QCOMPARE(reason.english, english);
    QCOMPARE(reason.isEmpty(), english.isEmpty());
}

void TestEngineReasons::aDeferredRecipientsNoteCarriesTheDelay()
{
    Engine engine(2);
    const int index = engine.take();
    const MessageOutcome greylisted = outcome(index,
                                              SmtpStage::RcptTo,
                                              450,
                                              QStringLiteral("4.2.0 greylisted, try later"));
    const DeliveryDecision decision = engine.scheduler->onOutcome(index, greylisted);
    QCOMPARE(decision.kind, DeliveryDecision::Kind::Deferred);
    QCOMPARE(decision.note, DeliveryNote::NextAttempt);
    const qint64 seconds = std::chrono::ceil<std::chrono::seconds>(decision.retryAt
                                                                   - engine.clock.now())
                               .count();
    QVERIFY(seconds > 0);
    QCOMPARE(decision.noteArguments, QStringList{QString::number(seconds)});
}

void TestEngineReasons::aRecipientGivenUpOnCarriesTheAttempts()
{
    DeliverySettings settings;
    settings.maxAttempts = 2;
    Engine engine(1, settings);
    const auto busy = [](int index) {
        return outcome(index, SmtpStage::RcptTo, 450, QStringLiteral("4.2.1 mailbox busy"));
    };
    int index = engine.take();
    QCOMPARE(engine.scheduler->onOutcome(index, busy(index)).kind, DeliveryDecision::Kind::Deferred);
    index = engine.take();
    const DeliveryDecision decision = engine.scheduler->onOutcome(index, busy(index));
    QCOMPARE(decision.kind, DeliveryDecision::Kind::Failed);
    QCOMPARE(decision.note, DeliveryNote::GaveUp);
    QCOMPARE(decision.noteArguments, QStringList{QStringLiteral("2")});
}

void TestEngineReasons::aPauseForTheServerCarriesItsLength()
{
    Engine engine(2);
    const int index = engine.take();
    const DeliveryDecision decision = engine.scheduler->onOutcome(
        index,
        outcome(index,
                SmtpStage::MailFrom,
                451,
                QStringLiteral("4.7.1 Service unavailable - try again later")));
    QCOMPARE(decision.scope, FailureScope::Site);
    QCOMPARE(decision.note, DeliveryNote::SitePaused);
    const qint64 seconds = std::chrono::ceil<std::chrono::seconds>(
                               engine.policy->timeUntilSiteResumes())
                               .count();
    QCOMPARE(decision.noteArguments, QStringList{QString::number(seconds)});
}

void TestEngineReasons::aConnectionFailingAgainAndAgainCarriesTheCount()
{
    Engine engine(1);
    DeliveryDecision decision;
    int failures = 0;
    do {
        const int index = engine.take();
        QCOMPARE(index, 0);
        decision = engine.scheduler->onAbandoned(
            index, false, true, QStringLiteral("the server closed the connection"));
        ++failures;
    } while (decision.kind == DeliveryDecision::Kind::Requeued);
    QCOMPARE(decision.kind, DeliveryDecision::Kind::Failed);
    QCOMPARE(failures, DeliveryPolicy::MaxSessionFailuresPerMessage);
    QCOMPARE(decision.note, DeliveryNote::ConnectionLostOften);
    QCOMPARE(decision.noteArguments,
             (QStringList{QString::number(failures),
                          QStringLiteral("the server closed the connection")}));
}

void TestEngineReasons::lostRepliesAfterTheDotCarryTheirNotes()
{
    Engine engine(1);
    int index = engine.take();
    DeliveryDecision decision = engine.scheduler->onAbandoned(index, true, true, QString());
    QCOMPARE(decision.kind, DeliveryDecision::Kind::Unconfirmed);
    QCOMPARE(decision.note, DeliveryNote::ResendingOnce);
    QVERIFY(decision.noteArguments.isEmpty());
    index = engine.take();
    decision = engine.scheduler->onAbandoned(index, true, true, QString());
    QCOMPARE(decision.note, DeliveryNote::UnconfirmedTwice);
    QCOMPARE(engine.scheduler->finalOf(index), DeliveryScheduler::Final::Unconfirmed);
}

void TestEngineReasons::aHeldRecipientCarriesItsNote()
{
    DeliverySettings settings;
    settings.unconfirmedPolicy = UnconfirmedPolicy::Hold;
    Engine engine(1, settings);
    const int index = engine.take();
    const DeliveryDecision decision = engine.scheduler->onAbandoned(index, true, true, QString());
    QCOMPARE(decision.kind, DeliveryDecision::Kind::Held);
    QCOMPARE(decision.note, DeliveryNote::HeldAfterLostReply);
}

void TestEngineReasons::noteEnglishIsAsBefore_data()
{
    // The journal, --events and the CLI carry these words; replayed journals compare them.
    QTest::addColumn<DeliveryNote>("note");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("english");
    QTest::newRow("none") << DeliveryNote::None << QStringList() << QString();
    QTest::newRow("gave up") << DeliveryNote::GaveUp << QStringList{QStringLiteral("5")}
                             << QStringLiteral(" (gave up after 5 attempts)");
    QTest::newRow("next attempt") << DeliveryNote::NextAttempt << QStringList{QStringLiteral("60")}
                                  << QStringLiteral(" (next attempt in 60 s)");
    QTest::newRow("paused") << DeliveryNote::SitePaused << QStringList{QStringLiteral("30")}
                            << QStringLiteral(
                                   " (the server is unavailable: sending paused for 30 s)");
    QTest::newRow("failed often")
        << DeliveryNote::ConnectionFailedOften << QStringList{QStringLiteral("3")}
        << QStringLiteral(" (the connection failed 3 times while this message was being sent; "
                          "not tried again)");
    QTest::newRow("lost often")
        << DeliveryNote::ConnectionLostOften
        << QStringList{QStringLiteral("3"), QStringLiteral("no reply to DATA within 600 s")}
        << QStringLiteral("the connection failed 3 times while this message was being sent; not "
                          "tried again (the last time: no reply to DATA within 600 s)");
    QTest::newRow("resending once")
        << DeliveryNote::ResendingOnce << QStringList()
        << QStringLiteral("the connection was lost after the final dot, before the server's "
                          "reply: resending once (possibly duplicated)");
    QTest::newRow("duplicate of a line")
        << DeliveryNote::DuplicateOf << QStringList{QStringLiteral("7"), QStringLiteral("6")}
        << QStringLiteral("same address as line 7, which gets the message: not sent twice");
    QTest::newRow("duplicate of a row")
        << DeliveryNote::DuplicateOf << QStringList{QStringLiteral("0"), QStringLiteral("2")}
        << QStringLiteral("same address as recipient 2, which gets the message: not sent twice");
    QTest::newRow("suppressed")
        << DeliveryNote::Suppressed
        << QStringList{QStringLiteral("hard-bounce"),
                       QStringLiteral("2026-12-01"),
                       QStringLiteral("550 5.1.1 User unknown")}
        << QStringLiteral("suppressed: hard-bounce since 2026-12-01 (550 5.1.1 User unknown)");
    // A personal file that holds the recipient when its turn comes (journaled).
    const QString payslip = QStringLiteral("E001 工资条.pdf");
    QTest::newRow("personal file not checked")
        << DeliveryNote::PersonalFileNotChecked << QStringList{payslip}
        << QStringLiteral("personal attachment \"E001 工资条.pdf\" was not checked: run the "
                          "check first");
    QTest::newRow("personal file not a PDF")
        << DeliveryNote::PersonalFileNotPdf << QStringList{payslip}
        << QStringLiteral("personal attachment \"E001 工资条.pdf\" is not a PDF, so it cannot "
                          "be protected");
    QTest::newRow("personal PDF without a password")
        << DeliveryNote::PersonalPdfPasswordEmpty << QStringList{payslip}
        << QStringLiteral("personal attachment \"E001 工资条.pdf\": the field that gives the PDF "
                          "its password is empty");
    QTest::newRow("personal file unusable")
        << DeliveryNote::PersonalFileUnusable
        << QStringList{payslip, QStringLiteral("qpdf: invalid password")}
        << QStringLiteral("personal attachment \"E001 工资条.pdf\": qpdf: invalid password");
    QTest::newRow("no reply recorded")
        << DeliveryNote::NoReplyRecorded << QStringList()
        << QStringLiteral("no reply to the end of the message was recorded");
}

void TestEngineReasons::noteEnglishIsAsBefore()
{
    QFETCH(DeliveryNote, note);
    QFETCH(QStringList, arguments);
    QFETCH(QString, english);
    QCOMPARE(englishDeliveryNote(note, arguments), english);
}

void TestEngineReasons::notesHaveStableJournalNames()
{
    // The send journal names a note beside its English (a reopened campaign's window words it
    // from the name): every note has a name of its own that reads back as that note.
    QFETCH(DeliveryNote, note);
    if (note == DeliveryNote::None) {
        QCOMPARE(deliveryNoteName(note), QString());
        QCOMPARE(deliveryNoteFromName(QString()), DeliveryNote::None);
        QCOMPARE(deliveryNoteFromName(u"aNoteOfALaterVersion"), DeliveryNote::None);
        return;
    }
    const QString name = deliveryNoteName(note);
    QVERIFY(!name.isEmpty());
    QCOMPARE(deliveryNoteFromName(name), note);
}

void TestEngineReasons::everyNoteHasADistinctName()
{
    QSet<QString> names;
    for (int value = static_cast<int>(DeliveryNote::None) + 1;
         value <= static_cast<int>(DeliveryNote::NoReplyRecorded);
         ++value) {
        const auto note = static_cast<DeliveryNote>(value);
        const QString name = deliveryNoteName(note);
        QVERIFY2(!name.isEmpty(), qPrintable(QString::number(value)));
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
        QCOMPARE(deliveryNoteFromName(name), note);
    }
}

QTEST_GUILESS_MAIN(TestEngineReasons)
#include "tst_enginereasons.moc"
