#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QStringList>
#include <QTcpServer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace Bulkmail {
class Clock;
class ClockTimer;
} // namespace Bulkmail

namespace Bulkmail::Test {

// One message this server accepted (its final dot got a 2xx reply).
struct ScriptedMessage
{
    int connection = 0;           // 1, 2, 3... in accept order
    int indexInConnection = 0;    // 1-based count of final dots on that connection
    int messageNumber = 0;        // 1-based count of final dots across all connections
    QByteArray mailFrom;          // the reverse path without angle brackets, e.g. "a@b"
    QList<QByteArray> recipients; // accepted forward paths (2xx to RCPT), without angle brackets
    QByteArray data; // content with dot-stuffing undone; each line ends in CRLF; no final "."
    bool replyLost = false; // kept by a responder's drop or stall after the dot: no reply went out
};

// An in-process SMTP server for the faults a real server will not produce (STYLE.md rule 7).
//
// It lives in the test's thread, listens on 127.0.0.1 with a free port (serverPort()) from the
// moment it is constructed, and is a well-behaved ESMTP server until a named fault says otherwise.
// Connections are numbered 1, 2, 3... in accept order. Commands are handled strictly in order from
// the read buffer, so pipelined input works, and every point where the client sent bytes it was
// not allowed to send yet is recorded in protocolViolations(). It also judges what the client sends
// (issue 17 item 9), so that every fault test gets these checks for free:
// - MAIL before a successful AUTH while credentials are set (setCredentials): refused with 530
//   as a real submission server does, and recorded;
// - a MAIL parameter whose extension was not advertised (SIZE, BODY=8BITMIME, SMTPUTF8; RFC 5321
//   §4.1.1.11);
// - a SIZE= that differs from the octets the message really had (RFC 1870 §5: CRLF line ends,
//   no dot-stuffing, no final dot);
// - a message line longer than 1000 octets with its CRLF (RFC 5321 §4.5.3.1.6);
// - 8-bit octets in a message declared neither BODY=8BITMIME (RFC 6152) nor SMTPUTF8 (RFC 6531).
// Because it shares the test's
// thread, a client in that thread must wait by spinning the event loop (QTRY_*, QSignalSpy::wait,
// QTest::qWaitFor), never in a blocking QAbstractSocket::waitFor*() call.
//
// Counting conventions used by the faults:
// - "message n" is the n-th final dot received across all connections (1-based);
// - "mail number n" is the n-th MAIL command received across all connections (1-based);
// - "occurrence n" of a verb is its n-th use across all connections (1-based); the final dot's
//   verb is "." and the greeting's is "GREETING" (for sendGarbageOn / sendOverlongReplyOn).
//   EveryOccurrence matches them all.
class ScriptedSmtpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScriptedSmtpServer)

public:
    enum class DropMode {
        WithoutReply, // abort as soon as the final dot arrives
        AfterReply,   // send the 250, then abort
    };
    Q_ENUM(DropMode)

    enum class CloseAfter { No, Yes };
    Q_ENUM(CloseAfter)

    enum class Encryption {
        PlainText,   // plain text; STARTTLS works when it is in the capabilities
        ImplicitTls, // TLS handshake right after accept, before the greeting (RFC 8314)
    };
    Q_ENUM(Encryption)

    static constexpr int EveryOccurrence = 0;
    static constexpr int Unlimited = -1;

    // A point of a session where a responder (setResponder) decides what the server does.
    enum class Step {
        Greeting, // a connection was accepted (after the TLS handshake with implicit TLS)
        Mail,     // a MAIL FROM the built-in checks let through
        Rcpt,     // a RCPT TO inside a transaction
        Data,     // DATA with at least one accepted recipient
        Content,  // the first line of message content (a drop here is "before the dot")
        FinalDot, // the final dot
    };
    Q_ENUM(Step)
    struct StepContext
    {
        Step step = Step::Greeting;
        int connection = 0;
        int mailNumber = 0;           // MAIL commands so far, this one included
        int messageNumber = 0;        // final dots so far (this one included at FinalDot)
        int messagesOnConnection = 0; // final dots on this connection before this step
        QByteArray address;           // Mail: the reverse path; Rcpt: the forward path
        QList<QByteArray> recipients; // accepted so far in this transaction
    };
    // What the server does at a step. Default: whatever it would have done without a responder
    // (the faults above included).
    struct Action
    {
        enum class Kind { Default, Reply, Drop, Stall };
        enum class After { Nothing, Close, Drop };
        Kind kind = Kind::Default;
        QByteArray line{};            // Reply: the reply line(s), CRLF added
        After after = After::Nothing; // Reply: then close gracefully (as after a 421) or abort
        // FinalDot with Drop or Stall: the server keeps the message although no reply leaves (the
        // lost final-dot reply of RFC 5321 §6.1); it is listed in receivedMessages().
        bool keepMessage = false;

        static Action reply(QByteArray line, After after = After::Nothing)
        {
            return {Kind::Reply, std::move(line), after, false};
        }
        static Action drop(bool keep = false) { return {Kind::Drop, {}, After::Nothing, keep}; }
        static Action stall(bool keep = false) { return {Kind::Stall, {}, After::Nothing, keep}; }
    };
    using Responder = std::function<Action(const StepContext &context)>;
    // How long the server takes before it answers one command of a connection: "GREETING", a
    // command verb ("EHLO", "AUTH" also for its continuation lines, "MAIL", "RCPT", "DATA",
    // "QUIT"...) or "." for the final dot. 0: at once.
    using ReplyDelay = std::function<std::chrono::milliseconds(int connection,
                                                               const QByteArray &verb)>;

    explicit ScriptedSmtpServer(QObject *parent = nullptr);
    ~ScriptedSmtpServer() override;

    // --- Behaviour (set before or during the test) ---
    // EHLO keywords, default PIPELINING, 8BITMIME, SIZE 10485760, ENHANCEDSTATUSCODES. Add
    // "STARTTLS" or "AUTH PLAIN LOGIN" as needed. STARTTLS is not offered again once encrypted.
    void setCapabilities(QList<QByteArray> capabilities);
    [[nodiscard]] QList<QByteArray> capabilities() const { return m_capabilities; }
    void setGreeting(QByteArray line); // e.g. "554 5.3.2 no service"; CRLF is added
    void setDisconnectAfterGreeting(bool disconnect);
    void delayGreeting(std::chrono::milliseconds delay);
    void setEncryption(Encryption encryption);
    void setUseSelfSignedCertificate(bool useSelfSigned); // default: the test CA's server cert
    void setCredentials(QByteArray user, QByteArray password);
    void setAuthReply(QByteArray reply); // answer every AUTH with this, whatever the password
    // The clock of every delay (delayGreeting, delayFinalDotReply, setReplyDelay): a simulation's
    // ManualClock, so that late replies interleave with the client's timers in simulated time.
    // Default (nullptr): real time. Set before the first connection; it must outlive the server.
    void setClock(const Clock *clock);

    // --- Faults ---
    // Asked at every Step before the scripted faults below: for simulations that draw faults per
    // message from a schedule of their own (tests/runner/tst_fullstacksimulation.cpp).
    void setResponder(Responder responder);
    // Slow replies: asked for each command when it is taken from the read buffer (and for the
    // greeting); a positive delay holds that command, and everything after it, until the delay
    // has passed on the clock (setClock), then handles it as usual. Nothing is decided before
    // (the responder is asked once the delay is over). If the client closed meanwhile, the
    // command is dropped, except a final dot: the server had the whole message, so it keeps it
    // as a lost reply (ScriptedMessage::replyLost) the way an MTA that queued it would.
    void setReplyDelay(ReplyDelay delay);
    // Connection refused: the listening socket closes (new connections get RST) until called
    // with false, when it listens again on the same port. Open sessions are not touched.
    void setRefusingConnections(bool refusing);
    // Aborts every open session at once (a server crash or restart).
    void abortAllConnections();
    // RCPT TO for this address (case-insensitive) gets `reply` `times` times, then normal again.
    void setRecipientReply(QByteArray address, QByteArray reply, int times = Unlimited);
    void setMailFromReply(QByteArray reply, int times = Unlimited);
    void setMailFromReplyAt(int mailNumber, QByteArray reply, CloseAfter close = CloseAfter::No);
    void setDataReply(QByteArray reply, int times = Unlimited); // instead of 354
    void setNoopReply(QByteArray reply, int times = Unlimited); // instead of 250
    void setFinalDotReply(int messageNumber, QByteArray reply);
    void dropAfterFinalDot(int messageNumber, DropMode mode);
    void dropBeforeFinalDot(int messageNumber); // abort at the first content line of message n
    // After `limit` messages on one connection the next MAIL gets `reply` and the server closes.
    void setMessagesPerConnectionLimit(
        int limit, QByteArray reply = "421 4.7.0 Too many messages on this connection");
    // Never reply to that occurrence of the verb ("EHLO", "MAIL", "DATA", "." ...); the
    // connection stays open and nothing after it is processed.
    void stallOn(QByteArray verb, int occurrence = 1);
    void delayFinalDotReply(std::chrono::milliseconds delay);
    void sendGarbageOn(QByteArray verb, int occurrence = EveryOccurrence);
    // One reply line of exactly `length` octets including the CRLF (RFC 5321 §4.5.3.1.5 allows 512).
    void sendOverlongReplyOn(QByteArray verb, int length, int occurrence = EveryOccurrence);
    // Plain-text bytes written right after the 220 to STARTTLS (CVE-2011-0411 style injection).
    void injectAfterStartTlsReply(QByteArray bytes);
    // Server-initiated close now (e.g. an idle timeout), optionally after a line such as
    // "421 4.4.2 idle timeout".
    void closeConnection(int connection, QByteArray farewell = {});

    // --- Records ---
    [[nodiscard]] QStringList protocolViolations() const { return m_violations; }
    [[nodiscard]] QList<ScriptedMessage> receivedMessages() const { return m_messages; }
    [[nodiscard]] int connectionCount() const;
    [[nodiscard]] int openConnectionCount() const { return m_openConnections; }
    [[nodiscard]] int peakOpenConnectionCount() const { return m_peakOpenConnections; }
    [[nodiscard]] int authAttempts() const { return m_authAttempts; }
    // Every command line of that connection, AUTH payloads replaced by "<redacted>"; message
    // content and the final dot are not commands.
    [[nodiscard]] QList<QByteArray> commandsOn(int connection) const;
    [[nodiscard]] int quitCount() const { return m_quitCount; }
    // Connections the client closed without sending QUIT (RFC 5321 §4.1.1.10), in the order they
    // closed; a connection the server closed first (421, a scripted drop, QUIT) is not among them.
    // Right for a dead session (the client's reply timeout, a failed TLS handshake), wrong for
    // any other close the client chose.
    [[nodiscard]] QList<int> connectionsClosedWithoutQuit() const { return m_closedWithoutQuit; }
    // Whether the server stopped answering on that connection (stallOn or a responder's stall):
    // a dead session to the client, which may then close without QUIT.
    [[nodiscard]] bool wasStalled(int connection) const;
    // Whether the client closed that connection while the server read message content (after
    // 354, before the final dot): no QUIT can travel there (it would be content).
    [[nodiscard]] bool wasClosedInData(int connection) const;
    // Whether a reply of that connection is being held back right now (setReplyDelay,
    // delayGreeting, delayFinalDotReply): the server owes it and does not time the client out.
    [[nodiscard]] bool isDelayingReply(int connection) const;
    // A reply still held back when the client closed the connection without QUIT: what it was
    // for (the verb as setReplyDelay names it) and how long the client had waited for it. A
    // client that waited its reply timeout gave up on a dead session; one that left sooner did not.
    struct HeldReply
    {
        QByteArray verb;
        std::chrono::milliseconds waited{0};
    };
    [[nodiscard]] std::optional<HeldReply> replyHeldAtClientClose(int connection) const;
    // Linux: bytes between the two ends of any open session (unread by this server, in its
    // buffers, or not yet handed to the client's kernel). With the event loop idle too, a
    // simulation knows that neither side has anything left to read.
    [[nodiscard]] bool hasBytesInFlight() const;
    [[nodiscard]] int noopCount() const { return m_noopCount; }
    [[nodiscard]] int rsetCount() const { return m_rsetCount; }
    // How many bursts of client bytes the server read on that connection: a rough round-trip count.
    [[nodiscard]] int readBatchesOn(int connection) const;
    [[nodiscard]] bool waitForConnectionCount(int count, int timeoutMs);

Q_SIGNALS:
    void connectionOpened(int connection);
    void connectionClosed(int connection);
    void messageAccepted(int messageNumber); // the 2xx was written (and flushed to the socket)
    // A final dot arrived, before anything is done with it (reply, stall, drop): the moment a
    // test stops or kills the client "after the dot, before the reply".
    void finalDotReceived(int messageNumber, const QList<QByteArray> &recipients);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    struct Session;
    struct VerbRule
    {
        QByteArray verb;
        int occurrence = EveryOccurrence;
        int length = 0;
    };
    struct CountedReply
    {
        QByteArray reply;
        int times = Unlimited;
    };
    struct MailFromReplyAt
    {
        QByteArray reply;
        CloseAfter close = CloseAfter::No;
    };

    [[nodiscard]] Session *session(int connection) const;
    [[nodiscard]] const Clock &clock() const; // setClock's, or the system clock
    [[nodiscard]] Action ask(const Session &session, Step step, QByteArray address = {}) const;
    // Carries out a responder's Drop or Stall; false for Default and Reply.
    bool haltOn(Session &session, const Action &action);
    void finishReply(Session &session, const Action &action);
    void keepMessage(Session &session, int messageNumber, int indexInConnection, bool replyLost);
    void onReadyRead(Session &session);
    void processBuffer(Session &session);
    void handleCommand(Session &session, const QByteArray &line);
    void handleDataLine(Session &session, const QByteArray &line);
    void handleFinalDot(Session &session);
    void handleAuthCommand(Session &session, const QByteArray &arguments, int occurrence);
    void handleAuthResponse(Session &session, const QByteArray &line);
    void finishAuth(Session &session, const QByteArray &user, const QByteArray &password);
    void handleMailFrom(Session &session, const QByteArray &line, int occurrence);
    void judgeMailParameters(Session &session, const QByteArray &line);
    void handleRcptTo(Session &session, const QByteArray &line, int occurrence);
    void handleData(Session &session, int occurrence);
    void startTls(Session &session, int occurrence);
    void onEncrypted(Session &session);
    void scheduleGreeting(Session &session);
    // Runs `then` after `delay` on the clock, unless the session closed meanwhile (then
    // `ifClosed`); the session does nothing else until then (Phase::AwaitingDelayedReply).
    void delayThen(Session &session,
                   const QByteArray &verb,
                   std::chrono::milliseconds delay,
                   std::function<void()> then,
                   std::function<void()> ifClosed = {});
    [[nodiscard]] bool holdLine(Session &session, const QByteArray &line);
    void sendGreeting(Session &session);
    QByteArray sendReply(Session &session, const QByteArray &verb, int occurrence, QByteArray reply);
    void checkWaitingRule(Session &session, const QByteArray &verb, bool mustWaitForReply);
    void addViolation(const Session &session, const QString &text);
    void closeGracefully(Session &session);
    void abortSession(Session &session);
    void markClosed(Session &session);
    [[nodiscard]] bool isStalled(const QByteArray &verb, int occurrence);
    [[nodiscard]] static bool matches(const VerbRule &rule, const QByteArray &verb, int occurrence);
    [[nodiscard]] static std::optional<QByteArray> takeCounted(CountedReply &counted);

    std::vector<std::unique_ptr<Session>> m_sessions;
    Responder m_responder;
    ReplyDelay m_replyDelay;
    const Clock *m_clock = nullptr;
    quint16 m_port = 0; // kept while refusing connections

    QList<QByteArray> m_capabilities;
    QByteArray m_greeting;
    bool m_disconnectAfterGreeting = false;
    std::chrono::milliseconds m_greetingDelay{0};
    Encryption m_encryption = Encryption::PlainText;
    bool m_useSelfSignedCertificate = false;
    QSslCertificate m_serverCertificate;
    QSslKey m_serverKey;
    QSslCertificate m_selfSignedCertificate;
    QSslKey m_selfSignedKey;
    QByteArray m_user;
    QByteArray m_password;
    QByteArray m_authReply;

    QHash<QByteArray, CountedReply> m_recipientReplies; // key: lower-case address
    CountedReply m_mailFromReply{{}, 0};
    QHash<int, MailFromReplyAt> m_mailFromRepliesAt;
    CountedReply m_dataReply{{}, 0};
    CountedReply m_noopReply{{}, 0};
    QHash<int, QByteArray> m_finalDotReplies;
    QHash<int, DropMode> m_dropsAfterFinalDot;
    QList<int> m_dropsBeforeFinalDot;
    int m_messagesPerConnectionLimit = 0; // 0: no limit
    QByteArray m_messagesPerConnectionLimitReply;
    QList<VerbRule> m_stalls;
    std::chrono::milliseconds m_finalDotDelay{0};
    QList<VerbRule> m_garbage;
    QList<VerbRule> m_overlong;
    QByteArray m_startTlsInjection;

    QStringList m_violations;
    QList<ScriptedMessage> m_messages;
    QHash<QByteArray, int> m_verbOccurrences;
    int m_messageCount = 0;
    int m_mailCount = 0;
    int m_openConnections = 0;
    int m_peakOpenConnections = 0;
    int m_authAttempts = 0;
    int m_quitCount = 0;
    QList<int> m_closedWithoutQuit;
    int m_noopCount = 0;
    int m_rsetCount = 0;
};

} // namespace Bulkmail::Test
