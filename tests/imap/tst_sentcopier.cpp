// SentCopier against a private Dovecot: each accepted message ends up in Sent exactly once (also
// when the provider filed it already, when a run resumes from its spool, when the server drops
// the session half-way), the Sent folder is found by its special-use flag or its usual names
// (Chinese ones too), and every failure is bounded and reported: one login for a refused
// password, a few sessions for a server that is gone (each after the back-off's wait, timed on a
// ManualClock), nothing dropped silently.
#include "common/clock.h"
#include "imap/imapconnection.h"
#include "imap/sentcopier.h"
#include "privatedovecot.h"
#include "sentcopierprobe.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;

class tst_SentCopier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void copiesEveryMessageOnceOverOneSession();
    void leavesWhatTheProviderFiledAlone();
    void resumeFromTheSpoolMakesNoSecondCopy();
    void findsTheSentFolder_data();
    void findsTheSentFolder();
    void refusedPasswordIsTriedOnce();
    void noSentFolderIsSaidNotGuessed();
    void droppedSessionGoesOnWithoutDuplicates();
    void serverThatIsGoneIsTriedABoundedNumberOfTimes();
};

namespace {

constexpr int WaitMs = 30'000;

// The Message-IDs in a mailbox, one per stored message (duplicates show twice).
QList<QByteArray> messageIdsIn(const PrivateDovecot &server, const QString &mailbox)
{
    QList<QByteArray> ids;
    for (const QByteArray &stored : server.messagesIn(mailbox))
        ids.append(messageIdOf(stored));
    std::sort(ids.begin(), ids.end());
    return ids;
}

bool hasDuplicates(QList<QByteArray> ids)
{
    std::sort(ids.begin(), ids.end());
    return std::adjacent_find(ids.begin(), ids.end()) != ids.end();
}

void appendDirectly(const PrivateDovecot &server, const QByteArray &content)
{
    ImapConnection connection(99, server.endpoint(), server.credentials());
    std::optional<ImapCommandResult> result;
    connection.run(
        "APPEND \"Sent\" (\\Seen)", [&result](const ImapCommandResult &r) { result = r; }, content);
    connection.open();
    QVERIFY(QTest::qWaitFor([&result] { return result.has_value(); }, WaitMs));
    QVERIFY2(result->isOk(), qPrintable(result->describe()));
}

} // namespace

void tst_SentCopier::initTestCase()
{
    qRegisterMetaType<SentCopyOutcome>();
}

void tst_SentCopier::copiesEveryMessageOnceOverOneSession()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    SentCopierProbe copier(server.endpoint(), server.credentials());
    for (int i = 1; i <= 25; ++i)
        QVERIFY(copier.copier->copy(keyOf(i), message(i)));
    copier.copier->finish();
    QVERIFY(copier.finished->wait(WaitMs));
    QCOMPARE(copier.copied->size(), 25);
    QCOMPARE(copier.count(SentCopyResult::Appended), 25);
    QCOMPARE(copier.outcomes().first().mailbox, QStringLiteral("Sent"));
    QCOMPARE(copier.outcomes().first().messageId,
             QByteArray("<payslip-1.x7@bulkmail.example.test>"));
    const QList<QByteArray> ids = messageIdsIn(server, QStringLiteral("Sent"));
    QCOMPARE(ids.size(), 25);
    QVERIFY(!hasDuplicates(ids));
    QVERIFY(copier.spooled().isEmpty());
    QCOMPARE(copier.sessionsCreated(), 1); // one reused connection
    QTRY_COMPARE(server.logLinesContaining("Login: user=").size(), 1);
    QTRY_COMPARE(server.logLinesContaining("Logged out").size(), 1);
    // Copied as read.
    const QList<SentCopyOutcome> outcomes = copier.outcomes();
    QVERIFY(std::all_of(outcomes.begin(), outcomes.end(), [](const SentCopyOutcome &o) {
        return o.detail.startsWith(QLatin1String("APPENDUID "));
    }));
}

void tst_SentCopier::leavesWhatTheProviderFiledAlone()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    // Like Gmail, which files SMTP submissions in Sent itself.
    for (const int filed : {2, 5, 9})
        appendDirectly(server, message(filed));
    SentCopierProbe copier(server.endpoint(), server.credentials());
    for (int i = 1; i <= 10; ++i)
        QVERIFY(copier.copier->copy(keyOf(i), message(i)));
    copier.copier->finish();
    QVERIFY(copier.finished->wait(WaitMs));
    QCOMPARE(copier.count(SentCopyResult::AlreadyThere), 3);
    QCOMPARE(copier.count(SentCopyResult::Appended), 7);
    const QList<QByteArray> ids = messageIdsIn(server, QStringLiteral("Sent"));
    QCOMPARE(ids.size(), 10);
    QVERIFY(!hasDuplicates(ids));
}

void tst_SentCopier::resumeFromTheSpoolMakesNoSecondCopy()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    QTemporaryDir spool;
    // An earlier run spooled five messages and was stopped after copying two of them but before
    // it could remove them from the spool.
    SentCopySpool earlier(spool.path());
    for (int i = 1; i <= 5; ++i)
        QVERIFY(earlier.put(keyOf(i), message(i)));
    appendDirectly(server, message(1));
    appendDirectly(server, message(2));

    SentCopier copier(server.endpoint(), server.credentials(), SentCopySpool(spool.path()));
    QSignalSpy copied(&copier, &SentCopier::copied);
    QSignalSpy finished(&copier, &SentCopier::finished);
    copier.resume();
    copier.finish();
    QVERIFY(finished.wait(WaitMs));
    QCOMPARE(copied.size(), 5);
    const QList<QByteArray> ids = messageIdsIn(server, QStringLiteral("Sent"));
    QCOMPARE(ids.size(), 5);
    QVERIFY(!hasDuplicates(ids));
    QVERIFY(earlier.keys().isEmpty());
}

void tst_SentCopier::findsTheSentFolder_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("specialUse");
    QTest::newRow("\\Sent under another name") << QStringLiteral("Gesendete Objekte") << true;
    QTest::newRow("Outlook's name, no flag") << QStringLiteral("Sent Items") << false;
    QTest::newRow("Tencent's name, no flag") << QStringLiteral("已发送") << false;
}

void tst_SentCopier::findsTheSentFolder()
{
    QFETCH(QString, name);
    QFETCH(bool, specialUse);
    PrivateDovecotOptions options;
    options.sentName = name;
    options.sentIsSpecialUse = specialUse;
    PrivateDovecot server(options);
    QVERIFY(server.start());
    SentCopierProbe copier(server.endpoint(), server.credentials());
    QVERIFY(copier.copier->copy(keyOf(1), message(1)));
    copier.copier->finish();
    QVERIFY(copier.finished->wait(WaitMs));
    QCOMPARE(copier.count(SentCopyResult::Appended), 1);
    QCOMPARE(copier.outcomes().first().mailbox, name);
    QCOMPARE(server.messagesIn(name).size(), 1);
}

void tst_SentCopier::refusedPasswordIsTriedOnce()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    ImapCredentials wrong = server.credentials();
    wrong.password = QStringLiteral("wrong");
    SentCopierProbe copier(server.endpoint(), wrong);
    for (int i = 1; i <= 5; ++i)
        QVERIFY(copier.copier->copy(keyOf(i), message(i)));
    QVERIFY(copier.finished->wait(WaitMs));
    QTRY_COMPARE(copier.copied->size(), 5);
    QCOMPARE(copier.count(SentCopyResult::Failed), 5);
    const QList<SentCopyOutcome> outcomes = copier.outcomes();
    QVERIFY(std::all_of(outcomes.begin(), outcomes.end(), [](const SentCopyOutcome &o) {
        return o.keptForLater && o.detail.contains(QLatin1String("refused"));
    }));
    // A message accepted later waits in the spool too, without a second login.
    QVERIFY(copier.copier->copy(keyOf(6), message(6)));
    QTRY_COMPARE(copier.copied->size(), 6);
    QCOMPARE(copier.sessionsCreated(), 1);
    QTRY_VERIFY(!server.logLinesContaining("Password mismatch").isEmpty());
    QCOMPARE(server.logLinesContaining("Password mismatch").size(), 1);
    QCOMPARE(copier.spooled().size(), 6); // nothing lost: a later run copies them
}

void tst_SentCopier::noSentFolderIsSaidNotGuessed()
{
    PrivateDovecotOptions options;
    options.sentName = QStringLiteral("Archive");
    options.sentIsSpecialUse = false;
    PrivateDovecot server(options);
    QVERIFY(server.start());
    SentCopierProbe copier(server.endpoint(), server.credentials());
    for (int i = 1; i <= 3; ++i)
        QVERIFY(copier.copier->copy(keyOf(i), message(i)));
    QVERIFY(copier.finished->wait(WaitMs));
    QCOMPARE(copier.count(SentCopyResult::Failed), 3);
    QVERIFY(copier.outcomes().first().detail.contains(QLatin1String("No Sent folder")));
    // The same as a code for the window, the English made from it.
    const SentCopyOutcome first = copier.outcomes().first(); // outcomes() is a copy
    QCOMPARE(first.note.code, ImapNote::Code::NoSentFolder);
    QCOMPARE(first.note.arguments, QStringList{server.endpoint().displayAddress()});
    QCOMPARE(first.note.english(), first.detail);
    QVERIFY(server.messagesIn(QStringLiteral("INBOX")).isEmpty());
    QVERIFY(server.messagesIn(QStringLiteral("Archive")).isEmpty());
    QCOMPARE(copier.sessionsCreated(), 1);
}

void tst_SentCopier::droppedSessionGoesOnWithoutDuplicates()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    // The clock never moves: after a session that copied something, the next one opens at once.
    ManualClock clock;
    SentCopierProbe copier(server.endpoint(), server.credentials(), {}, clock);
    // At the tenth copy the administrator kicks the session (doveadm runs while the copier
    // waits in this slot, so 30 messages are still to come).
    bool kicked = false;
    connect(copier.copier.get(), &SentCopier::copied, this, [&] {
        if (copier.copied->size() == 10)
            kicked = server.kickUser();
    });
    for (int i = 1; i <= 40; ++i)
        QVERIFY(copier.copier->copy(keyOf(i), message(i)));
    copier.copier->finish();
    QVERIFY(copier.finished->wait(WaitMs));
    QVERIFY(kicked);
    QCOMPARE(copier.copied->size(), 40);
    QCOMPARE(copier.count(SentCopyResult::Failed), 0);
    QVERIFY(copier.sessionsCreated() >= 2);
    const QList<QByteArray> ids = messageIdsIn(server, QStringLiteral("Sent"));
    QCOMPARE(ids.size(), 40);
    QVERIFY(!hasDuplicates(ids));
}

void tst_SentCopier::serverThatIsGoneIsTriedABoundedNumberOfTimes()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    const ImapEndpoint endpoint = server.endpoint();
    server.stop(); // connections are refused from now on
    SentCopierSettings settings;
    settings.firstReconnectDelay = 5s;
    settings.maxReconnectDelay = 15s;
    settings.maxFailedSessionsInARow = 4;
    ManualClock clock;
    SentCopierProbe copier(endpoint, server.credentials(), settings, clock);
    for (int i = 1; i <= 3; ++i)
        QVERIFY(copier.copier->copy(keyOf(i), message(i)));
    QTRY_COMPARE(copier.sessionsClosed(), 1);
    // Each next session waits longer, up to the maximum, and not a moment less.
    int sessions = 1;
    for (const std::chrono::milliseconds wait : {5000ms, 10000ms, 15000ms}) {
        clock.advance(wait - 1ms);
        QCOMPARE(copier.sessionsCreated(), sessions);
        clock.advance(1ms);
        QCOMPARE(copier.sessionsCreated(), ++sessions);
        QTRY_COMPARE(copier.sessionsClosed(), sessions);
    }
    QCOMPARE(copier.finished->size(), 1);
    QCOMPARE(copier.sessionsCreated(), 4);
    QCOMPARE(copier.count(SentCopyResult::Failed), 3);
    QVERIFY(copier.outcomes().first().detail.contains(QLatin1String("kept failing")));
    QCOMPARE(copier.outcomes().first().note.code, ImapNote::Code::ServerKeptFailing);
    QCOMPARE(copier.outcomes().first().note.english(), copier.outcomes().first().detail);
    QCOMPARE(copier.spooled().size(), 3);
    clock.advance(1h);
    QCOMPARE(copier.sessionsCreated(), 4); // none after giving up
}

QTEST_GUILESS_MAIN(tst_SentCopier)
#include "tst_sentcopier.moc"
