// ReconnectingImapSession on a ManualClock, so that every wait of the back-off is exact and no
// test sleeps: a server that refuses connections is tried again after 1 s, 2 s, 3 s (the bound)
// and then given up ("server" scope); a refused password ends the run after one login ("account");
// after a session that got something done the next one opens at once, without the clock moving;
// LOGOUT is no failure. Against a private Dovecot where a server is needed (needs root).
#include "common/clock.h"
#include "imap/reconnectingimapsession.h"
#include "privatedovecot.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;

namespace {

constexpr int WaitMs = 20'000;

// A port on which nothing listens: connections are refused at once.
quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

struct Session
{
    std::unique_ptr<ReconnectingImapSession> session;
    std::unique_ptr<QSignalSpy> ready;
    std::unique_ptr<QSignalSpy> closed;
    std::unique_ptr<QSignalSpy> events;

    Session(const ImapEndpoint &endpoint,
            const ImapCredentials &credentials,
            SessionBackoff backoff,
            const Clock &clock)
        : session(std::make_unique<ReconnectingImapSession>(endpoint, credentials, backoff, clock))
        , ready(std::make_unique<QSignalSpy>(session.get(), &ReconnectingImapSession::ready))
        , closed(std::make_unique<QSignalSpy>(session.get(), &ReconnectingImapSession::closed))
        , events(std::make_unique<QSignalSpy>(session.get(),
                                              &ReconnectingImapSession::connectionEvent))
    {}

    [[nodiscard]] int created() const
    {
        return int(std::count_if(events->begin(), events->end(), [](const QList<QVariant> &e) {
            return e.at(1).toString() == QLatin1String("created");
        }));
    }
    [[nodiscard]] ImapSessionClosure lastClosure() const
    {
        return closed->isEmpty() ? ImapSessionClosure{}
                                 : closed->constLast().first().value<ImapSessionClosure>();
    }
};

} // namespace

class tst_ReconnectingImapSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void refusedConnectionsWaitLongerThenEndTheRun();
    void refusedPasswordEndsTheRunAfterOneLogin();
    void afterProgressTheNextSessionOpensAtOnce();
};

void tst_ReconnectingImapSession::initTestCase()
{
    qRegisterMetaType<ImapSessionClosure>();
}

void tst_ReconnectingImapSession::refusedConnectionsWaitLongerThenEndTheRun()
{
    ImapEndpoint endpoint;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = closedPort();
    endpoint.security = SecurityMode::None;
    QVERIFY(endpoint.port != 0);
    ManualClock clock;
    Session session(endpoint, {}, SessionBackoff(1s, 3s, 4), clock);

    session.session->open();
    QCOMPARE(session.created(), 1);
    QVERIFY(session.closed->wait(WaitMs));
    QCOMPARE(session.lastClosure().scope, ImapClosureScope::Session);
    QCOMPARE(session.lastClosure().closure.reason, ImapCloseReason::ConnectFailed);
    QVERIFY(!session.lastClosure().endsTheRun());

    // Asked during the wait, the session opens when the wait is over, and not a moment before.
    int sessions = 1;
    for (const std::chrono::milliseconds wait : {1000ms, 2000ms, 3000ms}) {
        session.session->open();
        QVERIFY(session.session->connection() == nullptr);
        clock.advance(wait - 1ms);
        QCOMPARE(session.created(), sessions);
        clock.advance(1ms);
        QCOMPARE(session.created(), ++sessions);
        QVERIFY(session.closed->wait(WaitMs));
    }
    // The fourth session in a row that did nothing is the last one.
    QCOMPARE(session.closed->size(), 4);
    const ImapSessionClosure last = session.lastClosure();
    QCOMPARE(last.scope, ImapClosureScope::Server);
    QVERIFY(last.endsTheRun());
    QVERIFY2(last.reason.contains(QLatin1String("kept failing (4 sessions in a row)")),
             qPrintable(last.reason));
    // The same as a code for the window: the server, the count, the last session's end.
    QCOMPARE(last.reasonNote.code, ImapNote::Code::ServerKeptFailing);
    QCOMPARE(last.reasonNote.arguments.value(1), QStringLiteral("4"));
    QCOMPARE(last.reasonNote.arguments.value(2), last.closure.detail);
    // And how it ended as its own code, for the window to word rather than show the English.
    QVERIFY(!last.closure.note.isEmpty());
    QCOMPARE(ImapNote::unpacked(last.reasonNote.arguments, 3).code, last.closure.note.code);
    QCOMPARE(ImapNote::unpacked(last.reasonNote.arguments, 3).arguments,
             last.closure.note.arguments);
    QCOMPARE(last.reasonNote.english(), last.reason);
    QVERIFY(session.session->hasEnded());
    session.session->open();
    clock.advance(1h);
    QCOMPARE(session.created(), 4);
    QCOMPARE(clock.activeTimerCount(), 0);
}

void tst_ReconnectingImapSession::refusedPasswordEndsTheRunAfterOneLogin()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    ImapCredentials wrong = server.credentials();
    wrong.password = QStringLiteral("battery staple");
    ManualClock clock;
    Session session(server.endpoint(), wrong, SessionBackoff(1s, 3s, 4), clock);
    session.session->open();
    QVERIFY(session.closed->wait(WaitMs));
    const ImapSessionClosure closure = session.lastClosure();
    QCOMPARE(closure.scope, ImapClosureScope::Account);
    QCOMPARE(closure.closure.reason, ImapCloseReason::AuthenticationFailed);
    QCOMPARE(closure.reason, closure.closure.detail);
    QVERIFY(!closure.reason.contains(QLatin1String("battery")));
    session.session->open();
    clock.advance(1h);
    QCOMPARE(session.created(), 1);
    QTRY_COMPARE(server.logLinesContaining("Password mismatch").size(), 1);
}

void tst_ReconnectingImapSession::afterProgressTheNextSessionOpensAtOnce()
{
    PrivateDovecot server;
    QVERIFY(server.start());
    ManualClock clock;
    Session session(server.endpoint(), server.credentials(), SessionBackoff(1s, 3s, 4), clock);
    session.session->open();
    QVERIFY(session.ready->wait(WaitMs));
    QVERIFY(session.session->isReady());
    session.session->progressMade();
    QVERIFY(server.kickUser()); // the administrator
    QVERIFY(session.closed->wait(WaitMs));
    QCOMPARE(session.lastClosure().scope, ImapClosureScope::Session);

    // No wait: the clock stays where it is.
    session.session->open();
    QCOMPARE(session.created(), 2);
    QVERIFY(session.ready->wait(WaitMs));
    std::optional<ImapCommandResult> noop;
    session.session->run("NOOP", [&noop](const ImapCommandResult &result) { noop = result; });
    QTRY_VERIFY(noop.has_value());
    QVERIFY(noop->isOk());

    // LOGOUT is no failure: the next session opens at once when asked.
    session.session->logout();
    QVERIFY(session.closed->wait(WaitMs));
    QCOMPARE(session.lastClosure().scope, ImapClosureScope::LoggedOut);
    QVERIFY(!session.session->hasEnded());
    QVERIFY(session.session->connection() == nullptr);
    std::optional<ImapCommandResult> between;
    session.session->run("NOOP", [&between](const ImapCommandResult &result) { between = result; });
    QVERIFY(between.has_value()); // at once, never silently dropped
    QCOMPARE(between->status, ImapResponse::Status::None);
    session.session->open();
    QCOMPARE(session.created(), 3);
    QVERIFY(session.ready->wait(WaitMs));
}

QTEST_GUILESS_MAIN(tst_ReconnectingImapSession)
#include "tst_reconnectingimapsession.moc"
