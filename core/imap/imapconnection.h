#pragma once

#include "common/clock.h"
#include "imapendpoint.h"
#include "imapnote.h"
#include "imapresponse.h"
#include "net/transportsecurity.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QTcpSocket;
class QSslSocket;

namespace Bulkmail {

// The end of one command: its tagged status and the untagged responses that came with it.
struct ImapCommandResult
{
    ImapResponse::Status status = ImapResponse::Status::None; // None: the connection ended first
    QByteArray code;                                          // "APPENDUID 38505 3955"
    QString text;                                             // the server's words, or why not
    QList<ImapResponse> untagged;

    [[nodiscard]] bool isOk() const { return status == ImapResponse::Status::Ok; }
    // "NO [TRYCREATE] Mailbox doesn't exist" or the reason the command never finished.
    [[nodiscard]] QString describe() const;
};

enum class ImapCloseReason {
    LoggedOut,            // we said LOGOUT
    ServerClosed,         // the server closed the socket or said BYE
    ConnectFailed,        // host not found, refused, unreachable
    Timeout,              // no reply within ImapTimeouts
    Tls,                  // the handshake failed or the certificate is not trusted
    Refused,              // the greeting was BYE, or STARTTLS was asked for and is not offered
    AuthenticationFailed, // the credentials (or the access token) were refused
    ProtocolError,        // the server sent something that is not IMAP
    Cancelled,
};
[[nodiscard]] QString imapCloseReasonName(ImapCloseReason reason);

struct ImapClosure
{
    int connectionId = 0;
    ImapCloseReason reason = ImapCloseReason::ServerClosed;
    QString detail;        // the English, never a secret
    ImapNote note;         // the same as a code, for the window to word
    bool wasReady = false; // it signed in and took commands
    // Trying again will not help without a change of settings (certificate, password, security).
    [[nodiscard]] bool isFatal() const;
};

// One IMAP4rev1/IMAP4rev2 session (RFC 3501, RFC 9051) over QSslSocket, asynchronous, in the
// style of SmtpConnection: greeting, CAPABILITY, STARTTLS (never a plain-text fall back) or
// implicit TLS, sign-in (AUTHENTICATE PLAIN with SASL-IR, LOGIN, or XOAUTH2 with an access
// token), then commands one at a time, in order. A literal (the message of an APPEND) goes
// without waiting where the server offers LITERAL+ (RFC 7888), else after its "+" continuation.
//
// Written by hand rather than with libetpan: libetpan does its own TLS with its own certificate
// rules (this client must trust exactly what SMTP trusts: TlsTrust), and its calls block, which
// the engine's event-driven thread cannot afford.
class ImapConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImapConnection)

public:
    using Completion = std::function<void(const ImapCommandResult &result)>;

    // RFC 2177 §3: a server may log out a client idle for 30 minutes; IDLE is ended and issued
    // again before that.
    static constexpr std::chrono::minutes IdleRestart{28};

    // On the system clock.
    ImapConnection(int id,
                   ImapEndpoint endpoint,
                   ImapCredentials credentials,
                   ImapTimeouts timeouts = {},
                   QObject *parent = nullptr);
    // Timeouts on `clock` (which must outlive the connection).
    ImapConnection(int id,
                   ImapEndpoint endpoint,
                   ImapCredentials credentials,
                   ImapTimeouts timeouts,
                   const Clock &clock,
                   QObject *parent = nullptr);
    ~ImapConnection() override;

    void open();
    // Queues a command: the text after the tag, e.g. "SELECT \"Sent\"" (see imapQuoted for
    // arguments). With `literal`, the command ends in that literal (APPEND's message). It runs
    // once the session is ready and the commands before it are done; `done` is always called,
    // also when the connection ends first (status None). A completion may queue more commands.
    void run(QByteArray command, Completion done, std::optional<QByteArray> literal = {});
    // IDLE (RFC 2177) on the selected mailbox, once the queued commands are done: what changes
    // in it (EXISTS, EXPUNGE) comes through unsolicited() as it happens, and `accepted` is called
    // each time the server has begun to idle. Every IdleRestart it is ended and issued again (on
    // the connection's clock). It ends (DONE, RFC 2177 §3) as soon as anything else is asked:
    // run(), another idle(), logout(); then `done` is called with the server's answer, as for
    // run(). Only where hasCapability("IDLE").
    void idle(std::function<void()> accepted, Completion done);
    // LOGOUT once the queued commands are done (ending an IDLE), then close.
    void logout();
    // Closes at once; queued commands complete with status None.
    void abort(const QString &detail);

    [[nodiscard]] int id() const { return m_id; }
    [[nodiscard]] bool isReady() const { return m_state == State::Ready; }
    [[nodiscard]] bool isClosed() const { return m_state == State::Closed; }
    [[nodiscard]] bool isIdling() const
    {
        return m_idling;
    } // the server accepted IDLE, no DONE yet
    [[nodiscard]] bool hasCapability(QByteArrayView name) const; // case-insensitive
    [[nodiscard]] QString tlsDescription() const; // "TLSv1.3 TLS_AES_256_GCM_SHA384" or "none"

Q_SIGNALS:
    void ready();
    // Untagged data that belongs to no command (EXISTS while idle, an ALERT).
    void unsolicited(const Bulkmail::ImapResponse &response);
    void closed(const Bulkmail::ImapClosure &closure);

private:
    enum class State {
        Disconnected,
        Connecting, // TCP, and the handshake of implicit TLS
        AwaitingGreeting,
        SettingUp, // CAPABILITY, STARTTLS, the TLS handshake after it, sign-in
        Ready,
        LoggingOut,
        Closed,
    };
    struct Command
    {
        QByteArray text;
        std::optional<QByteArray> literal;
        Completion done;
        // Answers a "+" continuation (the literal, a SASL response); nothing closes with an error.
        std::function<std::optional<QByteArray>(const ImapResponse &)> onContinuation;
        bool setup = false; // part of the session set-up: runs before the user's commands
        // IDLE: called on each "+" (the server idles); the command ends only after DONE.
        std::function<void()> onIdling;
    };
    struct InFlight
    {
        Command command;
        QByteArray tag;
        ImapCommandResult result;
        bool literalSent = false;
    };

    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void onSocketError();
    void onSslErrors(const QList<QSslError> &errors);
    void onTimeout();

    void handleResponse(const ImapResponse &response);
    void handleGreeting(const ImapResponse &response);
    void learnCapabilities(const ImapResponse &response);
    void afterCapabilities();
    void startTls();
    void signIn();
    void signInWithAccessToken();
    void signInWithPassword();
    void afterSignIn(const ImapCommandResult &result);
    void becomeReady();

    void queueSetup(QByteArray text, Completion done, std::optional<QByteArray> literal = {});
    void enqueue(Command command);
    void sendNext();
    void beginIdling();
    void endIdling();
    [[nodiscard]] bool isWaitedFor() const; // a command, LOGOUT: an IDLE must end for it
    void write(const QByteArray &bytes);
    void armTimer(std::chrono::seconds timeout);
    void close(ImapCloseReason reason, const QString &detail);
    void close(ImapCloseReason reason, const ImapNote &note);

    const int m_id;
    const ImapEndpoint m_endpoint;
    ImapCredentials m_credentials;
    const ImapTimeouts m_timeouts;

    std::unique_ptr<QTcpSocket> m_socket;
    QSslSocket *m_tlsSocket = nullptr;
    TlsTrust m_trust;
    QList<QSslError> m_sslErrors;
    ImapResponseParser m_parser;
    QSet<QByteArray> m_capabilities; // upper case
    State m_state = State::Disconnected;
    bool m_tlsActive = false;
    bool m_handshaking = false; // STARTTLS accepted, the handshake under way
    bool m_authenticated = false;
    bool m_wasReady = false;
    bool m_logoutRequested = false;
    bool m_idling = false;         // the IDLE in flight was accepted ("+") and DONE not yet sent
    bool m_idleRestarting = false; // DONE sent to issue the IDLE again, not to end it
    std::deque<Command> m_setupQueue;
    std::deque<Command> m_queue;
    std::optional<InFlight> m_inFlight;
    quint64 m_nextTag = 1;
    const std::unique_ptr<ClockTimer> m_timer; // connect and reply timeouts
};

} // namespace Bulkmail

Q_DECLARE_METATYPE(Bulkmail::ImapClosure)
