#include "connections/connectiontablemodel.h"

#include "markingtranslator.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace Bulkmail;

namespace {

using Column = ConnectionTableModel::Column;

const QDateTime Start(QDate(2024, 5, 1), QTime(9, 0), Qt::UTC);
const QString Server = QStringLiteral("smtp.example.org:587");

ConnectionEvent phase(int id, ConnectionPhase phase)
{
    ConnectionEvent event;
    event.kind = ConnectionEvent::Kind::PhaseChanged;
    event.connectionId = id;
    event.phase = phase;
    return event;
}

ConnectionEvent created(int id, int atSecond)
{
    ConnectionEvent event;
    event.kind = ConnectionEvent::Kind::Created;
    event.connectionId = id;
    event.time = Start.addSecs(atSecond);
    event.server = Server;
    event.tls = QStringLiteral("TLSv1.3 TLS_AES_256_GCM_SHA384");
    event.authenticated = true;
    return event;
}

ConnectionEvent reused(int id, int messageNumber, int limit, int atSecond)
{
    ConnectionEvent event;
    event.kind = ConnectionEvent::Kind::Reused;
    event.connectionId = id;
    event.time = Start.addSecs(atSecond);
    event.server = Server;
    event.messageNumber = messageNumber;
    event.messageLimit = limit;
    return event;
}

ConnectionEvent closed(int id, CloseReason reason, int messagesSent, int atSecond)
{
    ConnectionEvent event;
    event.kind = ConnectionEvent::Kind::Closed;
    event.connectionId = id;
    event.time = Start.addSecs(atSecond);
    event.server = Server;
    event.reason = reason;
    event.messagesSent = messagesSent;
    event.quitAnswered = true;
    return event;
}

ConnectionEvent healthCheck(int id, bool healthy, int atSecond)
{
    ConnectionEvent event;
    event.kind = ConnectionEvent::Kind::HealthCheck;
    event.connectionId = id;
    event.time = Start.addSecs(atSecond);
    event.server = Server;
    event.healthy = healthy;
    event.detail = healthy ? QStringLiteral("250 OK") : QStringLiteral("NOOP answered 421");
    return event;
}

// One connection's whole life: created, `messages` messages (reused for the 2nd onwards), closed.
QList<ConnectionEvent> lifeOf(int id, int messages, int limit, CloseReason reason, int startSecond)
{
    QList<ConnectionEvent> events{created(id, startSecond)};
    for (int message = 2; message <= messages; ++message)
        events.append(reused(id, message, limit, startSecond + message));
    events.append(closed(id, reason, messages, startSecond + messages + 1));
    return events;
}

// 120 messages at 50 per connection: the campaign the issue describes.
QList<ConnectionEvent> threeConnections()
{
    return lifeOf(1, 50, 50, CloseReason::MaxMessages, 0)
           + lifeOf(2, 50, 50, CloseReason::MaxMessages, 60)
           + lifeOf(3, 20, 50, CloseReason::Finished, 120);
}

QString cell(const ConnectionTableModel &model, int row, Column column, int role = Qt::DisplayRole)
{
    return model.index(row, static_cast<int>(column)).data(role).toString();
}

} // namespace

class TestConnectionTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void threeConnectionsGiveRowsAndTotals();
    void oneBatchIsOneSignalBurst();
    void statesFollowTheEvents();
    void closeReasonsInPlainWords_data();
    void closeReasonsInPlainWords();
    void closeDetailsInTheWindowsWords_data();
    void closeDetailsInTheWindowsWords();
    void eventsForAnUnseenConnectionMakeARow();
    void clearEmptiesTheTable();
    void passesTheModelTester();
};

void TestConnectionTableModel::threeConnectionsGiveRowsAndTotals()
{
    ConnectionTableModel model;
    model.applyEvents(threeConnections());

    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), static_cast<int>(Column::Count));
    const QStringList ids{cell(model, 0, Column::Id),
                          cell(model, 1, Column::Id),
                          cell(model, 2, Column::Id)};
    QCOMPARE(ids, (QStringList{QStringLiteral("#1"), QStringLiteral("#2"), QStringLiteral("#3")}));
    QCOMPARE(cell(model, 0, Column::State), QStringLiteral("closed"));
    QCOMPARE(cell(model, 0, Column::Server), Server);
    QCOMPARE(cell(model, 0, Column::Tls), QStringLiteral("TLSv1.3 TLS_AES_256_GCM_SHA384"));
    QCOMPARE(cell(model, 0, Column::CreatedAt),
             QLocale().toString(Start.toLocalTime().time(), QStringLiteral("HH:mm:ss")));
    QCOMPARE(cell(model, 0, Column::ClosedAt),
             QLocale().toString(Start.addSecs(51).toLocalTime().time(), QStringLiteral("HH:mm:ss")));

    QCOMPARE(cell(model, 0, Column::Messages), QStringLiteral("50"));
    QCOMPARE(cell(model, 0, Column::Reuses), QStringLiteral("49"));
    QCOMPARE(cell(model, 1, Column::Reuses), QStringLiteral("49"));
    QCOMPARE(cell(model, 2, Column::Messages), QStringLiteral("20"));
    QCOMPARE(cell(model, 2, Column::Reuses), QStringLiteral("19"));
    QCOMPARE(model.record(0).reuseCount(), 49);
    QCOMPARE(model.record(2).reuseCount(), 19);

    // Plain words in the cell (no translation is loaded, hence the "(s)"), and in the tooltip.
    QCOMPARE(cell(model, 0, Column::CloseReason), QStringLiteral("limit of 50 message(s) reached"));
    QCOMPARE(cell(model, 1, Column::CloseReason), QStringLiteral("limit of 50 message(s) reached"));
    QCOMPARE(cell(model, 2, Column::CloseReason), QStringLiteral("campaign finished"));
    QVERIFY(cell(model, 0, Column::CloseReason, Qt::ToolTipRole)
                .contains(QStringLiteral("Reason: limit of 50 message(s) reached")));
    QVERIFY(cell(model, 2, Column::CloseReason, Qt::ToolTipRole)
                .contains(QStringLiteral("Reason: campaign finished")));
    QVERIFY(cell(model, 2, Column::CloseReason, Qt::ToolTipRole)
                .contains(QStringLiteral("answered QUIT")));

    QCOMPARE(model.connectionsOpened(), 3);
    QCOMPARE(model.messagesDelivered(), 120);
    QCOMPARE(model.messagesPerConnection(), 40.0);
    QCOMPARE(model.connectionsSaved(), 117);

    // Sort values are numbers, for a sort proxy.
    QCOMPARE(model.index(2, static_cast<int>(Column::Messages))
                 .data(ConnectionTableModel::SortRole)
                 .toInt(),
             20);
    QCOMPARE(model.index(1, 0).data(ConnectionTableModel::ConnectionIdRole).toInt(), 2);
}

void TestConnectionTableModel::oneBatchIsOneSignalBurst()
{
    ConnectionTableModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy totals(&model, &ConnectionTableModel::totalsChanged);

    // Two new connections, one of them reused at once: one insert of both rows, complete.
    model.applyEvents({created(1, 0), created(2, 0), reused(2, 2, 50, 1)});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(totals.count(), 1);
    QCOMPARE(cell(model, 1, Column::Messages), QStringLiteral("2"));

    // 98 reuses over both rows and a third connection: one insert, one dataChanged over 0..1.
    QList<ConnectionEvent> batch;
    for (int message = 2; message <= 50; ++message) {
        batch.append(reused(1, message, 50, message));
        batch.append(reused(2, message + 1 > 50 ? 50 : message + 1, 50, message));
    }
    batch.append(created(3, 60));
    inserted.clear();
    totals.clear();
    model.applyEvents(batch);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 2);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 1);
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), static_cast<int>(Column::Count) - 1);
    QCOMPARE(totals.count(), 1);
    QCOMPARE(model.messagesDelivered(), 100);

    // A health check touches one row and no total.
    inserted.clear();
    changed.clear();
    totals.clear();
    model.applyEvents({healthCheck(2, true, 70)});
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 1);
    QCOMPARE(totals.count(), 0);
    QCOMPARE(model.record(1).healthChecks.size(), 1);

    // An empty batch says nothing.
    changed.clear();
    model.applyEvents({});
    QCOMPARE(changed.count(), 0);
}

void TestConnectionTableModel::statesFollowTheEvents()
{
    ConnectionTableModel model;
    // The phases before the session is ready come first, as the pool reports them.
    model.applyEvents({phase(7, ConnectionPhase::Connecting)});
    QCOMPARE(cell(model, 0, Column::State), QStringLiteral("connecting"));
    model.applyEvents({phase(7, ConnectionPhase::Tls)});
    QCOMPARE(cell(model, 0, Column::State), QStringLiteral("TLS"));
    model.applyEvents({phase(7, ConnectionPhase::Authenticating)});
    QCOMPARE(cell(model, 0, Column::State), QStringLiteral("authenticating"));
    model.applyEvents({created(7, 0)});
    QCOMPARE(cell(model, 0, Column::State), QStringLiteral("idle"));
    // The first message has no event of its own: not known yet.
    QCOMPARE(cell(model, 0, Column::Messages), QStringLiteral("\u2013"));
    QCOMPARE(cell(model, 0, Column::Reuses), QStringLiteral("0"));
    QCOMPARE(cell(model, 0, Column::CloseReason), QString());

    model.applyEvents({reused(7, 2, 0, 1), reused(7, 3, 0, 2)});
    QCOMPARE(cell(model, 0, Column::State), QStringLiteral("sending"));
    model.applyEvents({phase(7, ConnectionPhase::Idle)});
    QCOMPARE(cell(model, 0, Column::State), QStringLiteral("idle"));
    model.applyEvents({phase(7, ConnectionPhase::Sending)});
    QCOMPARE(cell(model, 0, Column::Messages), QStringLiteral("3"));
    QCOMPARE(cell(model, 0, Column::Reuses), QStringLiteral("2"));
    QCOMPARE(model.connectionsSaved(), 2);

    // A health check does not change the state; closing does, with the delivered count (one of
    // the three started failed).
    model.applyEvents({healthCheck(7, false, 3), closed(7, CloseReason::HealthCheckFailed, 2, 4)});
    QCOMPARE(cell(model, 0, Column::State), QStringLiteral("closed"));
    QCOMPARE(cell(model, 0, Column::Messages), QStringLiteral("2"));
    QCOMPARE(cell(model, 0, Column::Reuses), QStringLiteral("1"));
    QCOMPARE(cell(model, 0, Column::CloseReason), QStringLiteral("health check failed"));
    QCOMPARE(model.connectionsSaved(), 1);
    QCOMPARE(model.messagesPerConnection(), 2.0);
}

void TestConnectionTableModel::closeReasonsInPlainWords_data()
{
    QTest::addColumn<CloseReason>("reason");
    QTest::addColumn<bool>("withSettings");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("technical");

    QTest::newRow("idle with settings")
        << CloseReason::Idle << true << QStringLiteral("idle for 30 s") << QStringLiteral("idle");
    QTest::newRow("idle without settings")
        << CloseReason::Idle << false << QStringLiteral("idle, nothing left to send")
        << QStringLiteral("idle");
    QTest::newRow("age with settings")
        << CloseReason::MaxAge << true << QStringLiteral("open for 5 min, the age limit")
        << QStringLiteral("max-age");
    QTest::newRow("421") << CloseReason::Server421 << false
                         << QStringLiteral("server closed it (421)")
                         << QStringLiteral("server-421");
    QTest::newRow("server hung up")
        << CloseReason::ServerClosed << false << QStringLiteral("server hung up")
        << QStringLiteral("server-closed");
    QTest::newRow("finished") << CloseReason::Finished << false
                              << QStringLiteral("campaign finished") << QStringLiteral("finished");
    QTest::newRow("cancelled") << CloseReason::Cancelled << false
                               << QStringLiteral("sending cancelled")
                               << QStringLiteral("cancelled");
    QTest::newRow("timeout") << CloseReason::Timeout << false
                             << QStringLiteral("server stopped answering")
                             << QStringLiteral("timeout");
    QTest::newRow("throttled") << CloseReason::Throttled << false
                               << QStringLiteral("server allows fewer connections")
                               << QStringLiteral("throttled");
    QTest::newRow("limit from settings")
        << CloseReason::MaxMessages << true << QStringLiteral("limit of 50 message(s) reached")
        << QStringLiteral("max-messages");
}

void TestConnectionTableModel::closeReasonsInPlainWords()
{
    QFETCH(CloseReason, reason);
    QFETCH(bool, withSettings);
    QFETCH(QString, text);
    QFETCH(QString, technical);

    ConnectionTableModel model;
    if (withSettings) {
        DeliverySettings settings; // 50 per connection, 5 min age, 30 s idle
        model.setDeliverySettings(settings);
    }
    // Only one message, so no Reused event tells the limit: it comes from the settings.
    ConnectionEvent close = closed(1, reason, 1, 10);
    close.detail = QStringLiteral("some detail");
    model.applyEvents({created(1, 0), close});
    QCOMPARE(cell(model, 0, Column::CloseReason), text);
    const QString tip = cell(model, 0, Column::CloseReason, Qt::ToolTipRole);
    // The reason in the same words as the cell: the technical name (the --events code word,
    // English in every language) stays in the log.
    QVERIFY2(tip.contains(QStringLiteral("Reason: ") + text), qPrintable(tip));
    QVERIFY2(!tip.contains(QStringLiteral(": ") + technical + u'\n'), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("some detail")), qPrintable(tip));
}

void TestConnectionTableModel::closeDetailsInTheWindowsWords_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("english");
    using Code = CloseNote::Code;
    const QString reply = QStringLiteral("421 4.7.0 Try again later");
    const auto row =
        [](const char *name, Code code, const QStringList &arguments, const char *english) {
            QTest::newRow(name) << static_cast<int>(code) << arguments
                                << QString::fromUtf8(english);
        };
    // The English is the log's, word for word as before the codes.
    row("server replied", Code::ServerReplied, {reply}, "server replied 421 4.7.0 Try again later");
    row("server closed", Code::ServerClosed, {}, "the server closed the connection");
    row("closed before QUIT answered",
        Code::ServerClosedBeforeQuit,
        {},
        "the server closed the connection before answering QUIT");
    row("closed before the session",
        Code::ClosedBeforeSession,
        {},
        "closed before the session was established");
    row("connect timed out",
        Code::ConnectTimedOut,
        {Server, QStringLiteral("30")},
        "could not connect to smtp.example.org:587 within 30 s");
    row("TLS timed out",
        Code::TlsHandshakeTimedOut,
        {Server, QStringLiteral("60")},
        "could not finish the TLS handshake with smtp.example.org:587 within 60 s");
    row("no reply",
        Code::NoReply,
        {QStringLiteral("DATA"), QStringLiteral("600")},
        "no reply to DATA within 600 s");
    row("no reply to QUIT", Code::NoQuitReply, {}, "no reply to QUIT");
    row("QUIT answered", Code::QuitAnswered, {reply}, "QUIT answered 421 4.7.0 Try again later");
    row("not SMTP",
        Code::NotSmtpReply,
        {QStringLiteral("line too long")},
        "The server sent something that is not an SMTP reply: line too long");
    row("reply without command",
        Code::ReplyWithoutCommand,
        {reply},
        "unexpected reply with no command outstanding: 421 4.7.0 Try again later");
    row("NOOP answered", Code::NoopAnswered, {reply}, "NOOP answered 421 4.7.0 Try again later");
    row("RSET refused", Code::RsetRefused, {reply}, "RSET was refused: 421 4.7.0 Try again later");
    row("EHLO refused",
        Code::EhloRefused,
        {reply},
        "server refused EHLO: 421 4.7.0 Try again later");
    row("unexpected reply",
        Code::UnexpectedReply,
        {QStringLiteral("MAIL FROM"), reply},
        "unexpected reply to MAIL FROM: 421 4.7.0 Try again later");
    row("unexpected AUTH challenge",
        Code::UnexpectedAuthChallenge,
        {QStringLiteral("PLAIN")},
        "unexpected AUTH PLAIN challenge");
    row("unexpected second AUTH challenge",
        Code::UnexpectedSecondAuthChallenge,
        {QStringLiteral("XOAUTH2")},
        "unexpected second AUTH XOAUTH2 challenge");
    row("transaction not open",
        Code::TransactionNotOpen,
        {},
        "reply for a transaction that is not open");
    row("recipient refused after a copy",
        Code::RecipientRefusedAfterCopy,
        {},
        "the recipient was refused after a copy was accepted: the message was abandoned so that "
        "the copy alone gets nothing");
    row("message not finished",
        Code::MessageNotFinished,
        {QStringLiteral("a line is too long")},
        "the message was not finished: a line is too long");
    row("no OAuth2 offered",
        Code::NoOAuthOffered,
        {Server, QStringLiteral("PLAIN LOGIN")},
        "The server smtp.example.org:587 does not offer OAuth2 sign-in (XOAUTH2/OAUTHBEARER) (it "
        "offers PLAIN LOGIN); sign in with a password for this server instead.");
    row("no OAuth2 nor any login offered",
        Code::NoOAuthOffered,
        {Server, QString()},
        "The server smtp.example.org:587 does not offer OAuth2 sign-in (XOAUTH2/OAUTHBEARER); "
        "sign in with a password for this server instead.");
    row("OAuth2 without a mailbox address",
        Code::OAuthNeedsUsername,
        {},
        "OAuth2 sign-in needs the mailbox address, and none is known (set the account's user "
        "name).");
    row("trust file unreadable",
        Code::TrustFileUnreadable,
        {QStringLiteral("/home/ann/certs/office-ca.txt")},
        "Cannot read a PEM certificate from \"/home/ann/certs/office-ca.txt\". "
        "(server.trustCertificate)");
}

void TestConnectionTableModel::closeDetailsInTheWindowsWords()
{
    QFETCH(int, code);
    QFETCH(QStringList, arguments);
    QFETCH(QString, english);
    const CloseNote note = CloseNote::make(static_cast<CloseNote::Code>(code), arguments);
    QCOMPARE(note.english(), english);

    // Every text through tr() marked and upper-cased, as a translation differs from the English.
    const QString mark = QStringLiteral("[zz]");
    Test::MarkingTranslator translator({},
                                       Test::MarkingTranslator::Scope::Contexts,
                                       mark + QStringLiteral("%1"),
                                       Test::MarkingTranslator::Letters::Upper);
    QVERIFY(QCoreApplication::installTranslator(&translator));
    ConnectionTableModel model;
    ConnectionEvent close = closed(1, CloseReason::Error, 1, 10);
    close.detail = note.english();
    close.note = note;
    model.applyEvents({created(1, 0), close});
    const QStringList lines = cell(model, 0, Column::CloseReason, Qt::ToolTipRole).split(u'\n');
    QCoreApplication::removeTranslator(&translator);

    // The details line: the window's words (marked twice: "Details: %1" and the detail), never
    // the log's English, with the server's words and the other arguments as they came.
    const auto details = std::find_if(lines.cbegin(), lines.cend(), [&](const QString &line) {
        return line.startsWith(mark + QStringLiteral("DETAILS: ") + mark);
    });
    QVERIFY2(details != lines.cend(), qPrintable(lines.join(u'|')));
    QVERIFY2(!details->contains(english), qPrintable(*details));
    for (const QString &argument : std::as_const(arguments))
        QVERIFY2(details->contains(argument), qPrintable(*details));
}

void TestConnectionTableModel::eventsForAnUnseenConnectionMakeARow()
{
    // The view was cleared while the run went on: later events still get a row.
    ConnectionTableModel model;
    model.applyEvents({reused(4, 12, 50, 5)});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(cell(model, 0, Column::Id), QStringLiteral("#4"));
    QCOMPARE(cell(model, 0, Column::CreatedAt), QString());
    QCOMPARE(cell(model, 0, Column::Messages), QStringLiteral("12"));
    QCOMPARE(model.rowForConnection(4), 0);
    QCOMPARE(model.rowForConnection(5), -1);
}

void TestConnectionTableModel::clearEmptiesTheTable()
{
    ConnectionTableModel model;
    model.applyEvents(threeConnections());
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy totals(&model, &ConnectionTableModel::totalsChanged);
    model.clear();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(totals.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.connectionsOpened(), 0);
    QCOMPARE(model.messagesPerConnection(), 0.0);
    QCOMPARE(model.connectionsSaved(), 0);
    QCOMPARE(model.rowForConnection(1), -1);
}

void TestConnectionTableModel::passesTheModelTester()
{
    ConnectionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<ConnectionEvent> events = threeConnections();
    // In small batches, as the runner sends them.
    for (qsizetype at = 0; at < events.size(); at += 7)
        model.applyEvents(events.mid(at, 7));
    model.applyEvents({healthCheck(3, true, 200)});
    QCOMPARE(model.rowCount(), 3);
    model.setDeliverySettings(DeliverySettings{});
    model.clear();
    model.applyEvents({created(9, 0)});
    QCOMPARE(model.rowCount(), 1);
}

QTEST_MAIN(TestConnectionTableModel)
#include "tst_connectiontablemodel.moc"
