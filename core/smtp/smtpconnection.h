#pragma once

#include "closenote.h"
#include "common/clock.h"
#include "common/result.h"
#include "outgoingmessage.h"
#include "replyclassifier.h"
#include "smtpcapabilities.h"
#include "smtpendpoint.h"
#include "smtpreply.h"

#include <QAbstractSocket>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QSslSocket;
class QTcpSocket;

namespace Bulkmail {

class TranscriptRedactor;

// Why a connection ended. The names (see closeReasonName) are part of the event format.
enum class CloseReason {
    MaxMessages,   // the per-connection message limit was reached
    MaxAge,        // the connection lived longer than maxConnectionAge
    Idle,          // nothing to send for idleTimeout
    Server421,     // the server announced it is closing (RFC 5321 §3.8)
    ServerClosed,  // the server closed the socket
    Error,         // a transport, TLS or authentication error
    Timeout,       // no reply within the RFC 5321 §4.5.3.2 timeout
    ProtocolError, // garbage or a reply that does not fit: never reused
    Finished,      // the campaign has nothing more to send
    Cancelled,     // the user cancelled
    HealthCheckFailed,
    Throttled, // the pool shrank after the server limited concurrent connections
};
[[nodiscard]] QString closeReasonName(CloseReason reason);

// What a connection is doing, in the words a person watching it uses (the connection view).
enum class ConnectionPhase {
    Connecting,     // TCP connect, greeting, EHLO
    Tls,            // STARTTLS or the implicit TLS handshake
    Authenticating, // AUTH
    Idle,           // ready, no transaction (a health check counts as idle)
    Sending,        // at least one transaction in flight
    Closing,        // QUIT sent
    Closed,
};
[[nodiscard]] QString connectionPhaseName(ConnectionPhase phase); // "connecting", "tls", ...

// The end of one message's transaction on this connection.
// A copy (Cc or Bcc) the server refused at RCPT TO. The main recipient's message goes on.
struct CopyRejection
{
    QByteArray address;
    SmtpReply reply;
};

struct MessageOutcome
{
    quint64 messageId = 0;
    int connectionId = 0;
    SmtpStage stage = SmtpStage::FinalDot; // where the transaction ended
    SmtpReply reply;                       // the reply that decided it (empty if none, e.g. SIZE)
    Classification classification;
    QList<CopyRejection> copyRejections{}; // copies refused at RCPT TO (never a failure)
    [[nodiscard]] bool isDelivered() const
    {
        return classification.verdict == ReplyVerdict::Success;
    }
};

// A message that was on the connection when it closed. If its final dot had been sent, the server
// may have accepted it without our seeing the reply (RFC 5321 §6.1): it is unconfirmed.
struct AbandonedMessage
{
    OutgoingMessage message;
    bool finalDotSent = false;
};

struct ConnectionClosure
{
    int connectionId = 0;
    CloseReason reason = CloseReason::Error;
    QString detail;                  // the English: "server replied 421 4.7.0 try later"
    CloseNote note;                  // the same as a code, for the window to word
    bool quitAnswered = false;       // the server answered our QUIT with 221
    bool sessionEstablished = false; // it reached Idle at least once (greeting, TLS, AUTH done)
    int messagesDelivered = 0;
    // What the server's last word meant, when it had one: a fatal verdict (bad password,
    // certificate rejected, greeting refused, STARTTLS missing while required) stops the campaign;
    // Throttled or ConnectionLimit slows it down.
    std::optional<Classification> verdict;
    [[nodiscard]] bool isFatal() const;
    // AUTH with an access token failed in a way a fresh token may fix (expired or revoked): the
    // pool refreshes the token once and signs in again on a new connection.
    bool accessTokenRefused = false;
    // Set by the pool when no connection could be made: how many attempts failed in a row (the
    // pool's verdict on them says "could not connect"; `note` is the last attempt's failure).
    int connectFailuresInARow = 0;
    QList<AbandonedMessage> abandoned;
};

// One SMTP session over QSslSocket, fully asynchronous: greeting, EHLO (or HELO), STARTTLS or
// implicit TLS, AUTH PLAIN/LOGIN (or XOAUTH2/OAUTHBEARER with an access token), then any number of transactions, pipelined when the server
// allows (RFC 2920): MAIL, RCPT and DATA in one write, and the message content, its final dot and
// the next message's envelope in the next (§3.1), so a reused connection needs about one round
// trip per message. It never checks its own health before a send: the pool asks for a NOOP only
// after a connection-level error elsewhere or a long idle.
class SmtpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmtpConnection)

public:
    enum class State {
        Disconnected,
        Connecting,
        AwaitingGreeting220,
        AwaitingEhlo250,
        AwaitingHelo250,
        AwaitingStartTls220,
        TlsHandshake,
        AwaitingAuth,
        Idle,        // session established, no transaction
        Transaction, // at least one transaction in flight
        AwaitingNoop250,
        AwaitingQuit221,
        Closed,
    };
    Q_ENUM(State)

    // What a session learnt about the server on its way up, and where it stopped: for a diagnosis in
    // plain words ("Test connection"), so that the diagnosis and the campaign use one state machine.
    struct SessionFacts
    {
        bool tcpConnected = false;
        QString greeting;    // the text of the server's first reply (a 220 banner, or its refusal)
        SmtpReply lastReply; // the last reply before the session failed (not the 221 to our QUIT)
        QString tlsProtocol; // "TLSv1.3", once TLS is up
        QString tlsCipher;   // "TLS_AES_256_GCM_SHA384"
        // What the server presented (leaf first), also when it was refused, and what was wrong with
        // it: the errors a certificate named in server.trustCertificate did not answer.
        QList<QSslCertificate> peerCertificateChain;
        QList<QSslError> sslErrors;
        // True when naming the certificate would answer every one of sslErrors (self-signed, unknown
        // issuer); false for a wrong host name or an expired certificate.
        bool isTrustable = false;
        QAbstractSocket::SocketError socketError = QAbstractSocket::UnknownSocketError; // if any
        // The state in which the session met its failure (set at the first close or goodbye that
        // was not asked for by quit()); empty while nothing failed.
        std::optional<State> failedInState;
    };

    // Offers the next message when the current one's final dot is about to leave, so that its
    // envelope travels in the same write; returns nothing to let the connection fall idle.
    using NextMessageProvider = std::function<std::optional<OutgoingMessage>()>;
    // Asked just before a message's content and final dot are written: from then on a lost reply
    // leaves the delivery unconfirmed (RFC 5321 §6.1), so whatever must be on record first (the
    // send journal's in-flight line, on disk) is recorded here. An error refuses: nothing of the
    // content is written, the connection is closed in the middle of DATA (the server discards a
    // message whose final dot never came, RFC 5321 §4.1.1.4) and the message is abandoned as not
    // sent. No gate: always proceed.
    using FinalDotGate = std::function<Result<void>(quint64 messageId)>;

    // RFC 5321 §4.1.1.10 asks us to wait for 221, but not for long: the work is done (or failed).
    static constexpr std::chrono::milliseconds QuitReplyTimeout{10'000};

    // On the system clock.
    SmtpConnection(int id,
                   SmtpEndpoint endpoint,
                   SmtpCredentials credentials,
                   SmtpTimeouts timeouts,
                   QObject *parent = nullptr);
    // Reply timeouts and idle time on `clock` (which must outlive the connection).
    SmtpConnection(int id,
                   SmtpEndpoint endpoint,
                   SmtpCredentials credentials,
                   SmtpTimeouts timeouts,
                   const Clock &clock,
                   QObject *parent = nullptr);
    ~SmtpConnection() override;

    void open();
    // Precondition: isIdle(). The outcome arrives through messageFinished.
    void send(const OutgoingMessage &message);
    void setNextMessageProvider(NextMessageProvider provider);
    void setFinalDotGate(FinalDotGate gate);
    // NOOP; the answer arrives through healthCheckFinished. Precondition: isIdle().
    void checkHealth();
    // Whether this session can carry the message at all (SIZE, 8BITMIME, SMTPUTF8); a failure
    // outcome if not, so that nothing is sent that the server announced it would refuse.
    [[nodiscard]] std::optional<MessageOutcome> precheck(const OutgoingMessage &message) const;
    // QUIT, wait briefly for 221 (RFC 5321 §4.1.1.10), then close. In-flight transactions finish first.
    void quit(CloseReason reason);
    // Closes at once; in-flight messages are reported as abandoned.
    void abort(CloseReason reason, const QString &detail);

    [[nodiscard]] int id() const { return m_id; }
    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] ConnectionPhase phase() const { return m_phase; }
    [[nodiscard]] static ConnectionPhase phaseOf(State state);
    [[nodiscard]] bool isIdle() const { return m_state == State::Idle; }
    [[nodiscard]] bool isClosingOrClosed() const;
    [[nodiscard]] const SmtpCapabilities &capabilities() const { return m_capabilities; }
    [[nodiscard]] int messagesDelivered() const { return m_messagesDelivered; }
    [[nodiscard]] QString tlsDescription() const; // "TLSv1.3 TLS_AES_256_GCM_SHA384" or "none"
    [[nodiscard]] QString peerCertificateDescription() const;
    [[nodiscard]] bool isAuthenticated() const { return m_authenticated; }
    [[nodiscard]] const SessionFacts &facts() const { return m_facts; }
    // Milliseconds since the last reply or send: for the pool's probe-after-idle rule.
    [[nodiscard]] qint64 idleMilliseconds() const;

Q_SIGNALS:
    void established();
    // The phase changed (see ConnectionPhase); several state-machine steps map to one phase.
    void phaseChanged(Bulkmail::ConnectionPhase phase);
    void messageFinished(const Bulkmail::MessageOutcome &outcome);
    // Emitted when the last transaction is done and nothing is pipelined behind it.
    void becameIdle();
    // The last message of a connection told to quit() is done and QUIT, sent with it, awaits its
    // reply: the connection will take no more messages (it emits this instead of becameIdle).
    void quitting();
    // detail is the English of note (the server's reply as it came when healthy).
    void healthCheckFinished(bool healthy, const QString &detail, const Bulkmail::CloseNote &note);
    void closed(const Bulkmail::ConnectionClosure &closure);

private:
    struct PendingReply
    {
        SmtpStage stage;
        quint64 messageId = 0;
        int copyIndex = -1; // RcptTo of OutgoingMessage::copies[copyIndex]; -1: not a copy
    };
    struct Transaction
    {
        OutgoingMessage message;
        std::optional<MessageOutcome> failure; // the first failing reply of MAIL/RCPT/DATA
        int commandsSent = 0;                  // 1 MAIL, 2 RCPT, 3 DATA (unpipelined progress)
        bool mailAccepted = false;
        int copiesAccepted = 0;
        QList<CopyRejection> copyRejections;
        // Position in the outgoing byte stream just past this message's final dot; 0 while the
        // dot is not queued. The dot counts as sent only once the socket has written that far
        // (m_bytesFlushed), not when it is queued: a connection lost while a large message is
        // still in the write buffer never delivered it, and must not report it unconfirmed.
        qint64 finalDotEnd = 0;
    };

    static Transaction makeTransaction(const OutgoingMessage &message);
    void setState(State state);
    void setPhase(ConnectionPhase phase);
    void connectSocketSignals();
    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void readAvailable();
    void countUnbufferedFlush();
    void onSocketError();
    void onSslErrors(const QList<QSslError> &errors);
    void onDisconnected();
    void onReplyTimeout();
    void onBytesFlushed(int channel, qint64 bytes);

    void handleReply(const SmtpReply &reply);
    void handleGreeting(const SmtpReply &reply);
    void handleEhlo(const SmtpReply &reply);
    void handleHelo(const SmtpReply &reply);
    void handleStartTls(const SmtpReply &reply);
    void handleAuth(const SmtpReply &reply);
    void handleTransactionReply(const PendingReply &pending, const SmtpReply &reply);
    void handleNoop(const SmtpReply &reply);

    void sendEhlo();
    void startAuthentication();
    void startOAuthAuthentication();
    void handleOAuthReply(const SmtpReply &reply);
    [[nodiscard]] QByteArray oauthInitialResponse() const;
    void finishSessionSetup();
    void appendEnvelope(Transaction &transaction, QByteArray &out);
    void sendContentAndPipelineNext(Transaction &transaction);
    void sendQuit();
    enum class AfterOutcome { MayGoIdle, Closing };
    void finishTransaction(MessageOutcome outcome, AfterOutcome after = AfterOutcome::MayGoIdle);
    void emitIdleIfDone();

    void writeCommand(const QByteArray &line,
                      SmtpStage stage,
                      quint64 messageId = 0,
                      int copyIndex = -1);
    void queueCommand(QByteArray &out,
                      const QByteArray &line,
                      SmtpStage stage,
                      quint64 messageId,
                      int copyIndex = -1);
    // Unpipelined: the RCPT of copy `copyIndex`, or DATA once every copy had its RCPT.
    void writeCopyOrData(Transaction &transaction, int copyIndex);
    void writeRaw(const QByteArray &bytes);
    void armReplyTimer();
    std::chrono::milliseconds timeoutFor(SmtpStage stage) const;

    void closeOnServer421(const SmtpReply &reply, std::optional<Classification> verdict = {});
    // A failure of our own making or the server's refusal: closes with QUIT when the session can
    // still carry one (closeWithQuit).
    void failWith(const Classification &classification, CloseReason reason = CloseReason::Error);
    // A fatal refusal of ours (TLS, authentication), said by its code; the verdict's explanation
    // is its English.
    void failWith(const CloseNote &note);
    // Every connection we close ourselves says QUIT first unless the socket is already dead (RFC
    // 5321 §3.1, §4.1.1.10): QUIT, then close on its 221, on the server's close, or after
    // QuitReplyTimeout, with this reason, detail and verdict. Messages in flight are abandoned
    // at that close as by close(). A pipelined DATA still awaiting its reply is waited for first:
    // if it gets 354 the server reads everything as message content, so the connection closes
    // without QUIT (the unfinished message is discarded). Without QUIT too when the socket is not
    // connected or cannot take a command now (TLS handshake, STARTTLS or AUTH reply outstanding).
    void closeWithQuit(CloseReason reason,
                       const CloseNote &note,
                       std::optional<Classification> verdict = {});
    [[nodiscard]] bool canTakeCommands() const;
    [[nodiscard]] bool isAwaiting(SmtpStage stage) const;
    void sendGoodbyeQuitWhenSafe();
    void handleGoodbyeReply(const SmtpReply &reply);
    void finishGoodbye();
    void noteFailureState();
    // Closes at once, without QUIT: for a dead socket, a server that said 421, or abort().
    void close(CloseReason reason,
               const CloseNote &note,
               std::optional<Classification> verdict = {});
    [[nodiscard]] MessageOutcome makeOutcome(quint64 messageId,
                                             SmtpStage stage,
                                             const SmtpReply &reply) const;
    [[nodiscard]] QByteArray mailFromCommand(const OutgoingMessage &message) const;
    void logClient(const QByteArray &line);
    void logServer(const SmtpReply &reply);
    [[nodiscard]] QByteArray heloName() const;
    [[nodiscard]] Transaction *findTransaction(quint64 messageId);

    const int m_id;
    const SmtpEndpoint m_endpoint;
    const SmtpCredentials m_credentials;
    const SmtpTimeouts m_timeouts;
    const Clock &m_clock;

    // A QSslSocket for starttls and tls; a plain QTcpSocket for security none, opened unbuffered
    // so that each write goes straight to the kernel (a buffered socket flushes from the event
    // loop, toggling its write notifier twice per message), and because constructing a QSslSocket
    // initialises the TLS backend, a cost every new connection would pay for nothing.
    std::unique_ptr<QTcpSocket> m_socket;
    QSslSocket *m_tlsSocket = nullptr; // m_socket when it is a QSslSocket, else null
    SmtpReplyParser m_parser;
    SmtpCapabilities m_capabilities;
    State m_state = State::Disconnected;
    ConnectionPhase m_phase = ConnectionPhase::Connecting;
    bool m_phaseReported = false;
    std::deque<PendingReply> m_pending;
    std::deque<Transaction> m_transactions;
    NextMessageProvider m_nextMessage;
    FinalDotGate m_finalDotGate;
    const std::unique_ptr<ClockTimer> m_replyTimer; // on m_clock
    Clock::TimePoint m_lastActivity;                // the last reply or send
    QString m_authMechanism;
    int m_authStep = 0;
    std::optional<OAuthErrorChallenge> m_oauthChallenge; // from a failed XOAUTH2/OAUTHBEARER
    bool m_accessTokenRefused = false;
    bool m_tlsActive = false;
    bool m_authenticated = false;
    bool m_usedHelo = false;
    bool m_sessionEstablished = false;
    bool m_needsRset = false;
    std::optional<CloseReason> m_quitReason;
    bool m_quitAnswered = false;
    bool m_quitPipelined = false; // QUIT went out behind the last message's final dot
    // Set while closeWithQuit() waits for the 221: what the closure will say.
    struct Goodbye
    {
        CloseReason reason;
        CloseNote note;
        std::optional<Classification> verdict;
        bool quitSent = false;
    };
    std::optional<Goodbye> m_goodbye;
    SessionFacts m_facts;
    TlsTrust m_trust; // the system store plus a certificate named in server.trustCertificate
    int m_messagesDelivered = 0;
    qint64 m_bytesQueued = 0;                         // bytes handed to the socket since open()
    qint64 m_bytesFlushed = 0;                        // of those, bytes the socket has written out
    std::unique_ptr<TranscriptRedactor> m_transcript; // set when BULKMAIL_SMTP_TRANSCRIPT=1
};

} // namespace Bulkmail

Q_DECLARE_METATYPE(Bulkmail::MessageOutcome)
Q_DECLARE_METATYPE(Bulkmail::ConnectionClosure)
Q_DECLARE_METATYPE(Bulkmail::ConnectionPhase)
