#pragma once

#include "realservers.h"
#include "smtp/smtpendpoint.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <memory>
#include <optional>

class QProcess;
class QTemporaryDir;

namespace Bulkmail::Test {

// A private instance of the real Postfix MTA (not smtp-sink): the server of every office relay,
// with its own protocol judgement (RFC 2920 pipelining), SASL, STARTTLS, anvil rate limits and
// recipient restrictions. Its own log (maillog_file) is a precise record of what a client did.
//
// Everything lives in one temporary directory: etc/ (main.cf, master.cf, the recipient access
// map, the Cyrus SASL smtpd.conf and sasldb), queue/ and data/ (unique per instance, so that
// suites run in parallel), and maillog. smtpd listens on 127.0.0.1 on a free port; every service
// runs without chroot; mail is accepted for any domain from 127.0.0.1 and thrown away by the
// discard(8) agent, which logs each recipient ("status=sent (discarded by the Bulkmail test
// Postfix)"), or kept in a Maildir by virtual(8) (keepMessages). Needs root (Postfix starts as
// root and drops to the "postfix" user) and the Debian packages postfix, sasl2-bin,
// libsasl2-modules and libsasl2-modules-db.
//
// Started with `postfix -c DIR/etc start`, stopped by the master's PID and then, for anything
// left, by PID (the master's session). A guard process stops the instance if the test
// process dies without running the destructor (crash, ctest timeout).
struct PrivatePostfixOptions
{
    // STARTTLS with tests/data/certs/server.pem (CA ca.pem, names localhost and 127.0.0.1).
    bool offerStartTls = true;
    // smtpd_tls_security_level = encrypt: MAIL (and AUTH) are refused before STARTTLS.
    bool requireTls = false;
    // Both set: SASL AUTH PLAIN and LOGIN (Cyrus sasldb, auxprop) with these credentials, offered
    // only after STARTTLS when offerStartTls is set (smtpd_tls_auth_only). Both empty: no AUTH.
    QString username{};
    QString password{};
    // Relay only for authenticated clients: 127.0.0.1 is not a trusted network then (mynetworks),
    // and RCPT without AUTH gets "554 5.7.1 <address>: Relay access denied".
    bool requireAuth = false;

    // Anvil (anvil(8)) limits per client per anvil_rate_time_unit; 0 is Postfix's "no limit".
    // 127.0.0.1 is NOT exempt: smtpd_client_event_limit_exceptions is emptied.
    int messageRateLimit = 0;      // smtpd_client_message_rate_limit: MAIL commands
    int recipientRateLimit = 0;    // smtpd_client_recipient_rate_limit: RCPT commands
    int connectionRateLimit = 0;   // smtpd_client_connection_rate_limit: connects
    int connectionCountLimit = 50; // smtpd_client_connection_count_limit: at once (Postfix: 50)
    int anvilRateTimeUnitSeconds = 60;

    // smtpd_forbid_unauth_pipelining = yes: a client that sends ahead where RFC 2920 does not
    // allow it is disconnected ("554 5.5.0 Error: SMTP protocol synchronization"). Postfix logs
    // "improper command pipelining after ..." either way.
    bool forbidUnauthPipelining = false;

    // check_recipient_access (texthash): lookup key (an address, a domain, or "localpart@", as in
    // access(5)) -> action, e.g. "550 5.1.1 User unknown" or "450 4.7.1 try again later". Postfix
    // replies "450 4.7.1 <recipient>: Recipient address rejected: try again later".
    QMap<QString, QString> recipientActions{};

    // Deliver into one Maildir (DIR/mail/inbox/new/) with the virtual(8) agent, for
    // receivedMessages(), instead of discarding.
    bool keepMessages = false;

    // More main.cf lines ("name = value"), appended last so that they win.
    QStringList extraMainCf{};
};

// The counts Postfix logs when a session ends ("disconnect from localhost[127.0.0.1] ehlo=2
// starttls=1 auth=0/1 mail=50 rcpt=50/51 data=50 quit=1 commands=155/156"): per command,
// how many succeeded and how many were tried ("auth=0/1": one AUTH, refused).
struct PostfixSession
{
    struct Count
    {
        int succeeded = 0;
        int attempted = 0;
        friend bool operator==(const Count &, const Count &) = default;
    };
    QMap<QByteArray, Count> commands; // "ehlo", "starttls", "auth", "mail", "rcpt", "data",
                                      // "quit", "rset", "noop", "commands", "unknown"...
    int pid = 0;                      // the smtpd process that served it
    QByteArray line;                  // the whole log line, for failure messages

    // Succeeded count of a command; 0 when absent ("quit" absent: the client never sent QUIT).
    [[nodiscard]] int succeeded(const QByteArray &command) const;
    [[nodiscard]] int attempted(const QByteArray &command) const;
    // "ehlo=2 starttls=1 auth=1 mail=50 rcpt=50 data=50 quit=1 commands=155", as logged.
    [[nodiscard]] QByteArray summary() const;

    // Parses one "disconnect from" log line; nothing for any other line.
    [[nodiscard]] static std::optional<PostfixSession> parse(const QByteArray &logLine);
};

class PrivatePostfix final
{
public:
    explicit PrivatePostfix(PrivatePostfixOptions options = {});
    ~PrivatePostfix(); // stop()
    Q_DISABLE_COPY_MOVE(PrivatePostfix)

    // Writes the configuration, picks a free port and starts Postfix (retrying with another port
    // if one was taken in between); returns once the master listens on it. False + qWarning (with
    // Postfix's output and log) on failure.
    [[nodiscard]] bool start();
    // Stops the master as `postfix stop` does (SIGTERM by the PID in queue/pid/master.pid), then
    // waits for every process of the instance to end (SIGKILL after 10 s). True when none was
    // left to kill. The log stays readable until the object is destroyed.
    bool stop();
    [[nodiscard]] bool isRunning() const;

    [[nodiscard]] QString host() const; // "127.0.0.1"
    [[nodiscard]] quint16 port() const;
    [[nodiscard]] QString caCertificatePath() const; // tests/data/certs/ca.pem
    // Where Bulkmail connects: "localhost" (a name the test certificate carries), port(), this
    // security, the test CA trusted by file, and username for AUTH (empty: none).
    [[nodiscard]] SmtpEndpoint endpoint(SecurityMode security, const QString &username = {}) const;
    // The name in smtpd's greeting and EHLO reply ("postfix.bulkmail.test").
    [[nodiscard]] static QString hostName();
    [[nodiscard]] QString directory() const;
    [[nodiscard]] QString configDirectory() const; // DIR/etc, for `postfix -c`, `postconf -c`

    // Changes main.cf parameters of the running instance, e.g. {"smtpd_client_message_rate_limit",
    // "5"}: stops it and starts it again on the same port (anvil's counters start afresh; open
    // connections are closed; the log goes on).
    [[nodiscard]] bool reconfigure(const QMap<QString, QString> &parameters);

    // --- The log (maillog_file). Postfix writes it through its postlogd service, a moment after
    // the event: assert with QTRY_*. ---
    [[nodiscard]] QString logPath() const;
    [[nodiscard]] QList<QByteArray> logLines() const; // complete lines, in order
    // Lines containing `text` (case-sensitive), e.g. "improper command pipelining".
    [[nodiscard]] QList<QByteArray> logLinesContaining(const QByteArray &text) const;
    // One entry per ended client session, in the order they ended.
    [[nodiscard]] QList<PostfixSession> sessions() const;
    // "improper command pipelining after EHLO from localhost[127.0.0.1]: MAIL FROM:<...>\r\n"
    [[nodiscard]] QList<QByteArray> pipeliningViolations() const;
    // anvil refusals smtpd logged: "Message delivery request rate limit exceeded", "Recipient
    // address rate limit exceeded", "Connection rate limit exceeded", "Connection concurrency
    // limit exceeded" (each a "warning: ... exceeded: N from localhost[127.0.0.1] for service").
    // The client saw "450 4.7.1 Error: too much mail from 127.0.0.1", "450 4.7.1 Error: too many
    // recipients from 127.0.0.1", "421 4.7.0 <host> Error: too many connections from 127.0.0.1".
    [[nodiscard]] QList<QByteArray> rateLimitRefusals() const;
    // Recipients delivered (discarded, or put into a Maildir), one entry per delivery (a
    // recipient delivered twice appears twice), in delivery order, without angle brackets.
    [[nodiscard]] QList<QByteArray> deliveredRecipients() const;
    // keepMessages only: every message delivered, by recipient, then by file name (the delivery
    // time in seconds, then a unique part). `data` is the file as virtual(8) wrote it (LF line
    // ends, with its Return-Path, Delivered-To and Received headers on top); mailFrom and the one
    // recipient come from Return-Path and Delivered-To; connection and indexInConnection are 0
    // (unknown).
    [[nodiscard]] QList<ReceivedMessage> receivedMessages() const;
    // Recipients refused at RCPT ("NOQUEUE: reject: RCPT ..." or "<queue id>: reject: RCPT ...").
    [[nodiscard]] QList<QByteArray> rejectedRecipients() const;

    // --- Processes ---
    [[nodiscard]] qint64 masterPid() const; // 0 when not running
    // Every live process of the instance: the master and its children (the master makes itself
    // a session leader, and its children stay in its session). Zombies count as ended.
    [[nodiscard]] QList<qint64> processIds() const;

private:
    [[nodiscard]] bool writeConfiguration(quint16 port);
    [[nodiscard]] bool startOnce(quint16 port, QString *failure);
    [[nodiscard]] bool runPostfix(const QStringList &arguments, QString *output) const;
    void startGuard();
    void stopGuard();
    [[nodiscard]] bool waitForProcessesToEnd(qint64 sessionId);
    [[nodiscard]] QString diagnostics() const;

    PrivatePostfixOptions m_options;
    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<QProcess> m_guard;
    quint16 m_port = 0;
    qint64 m_sessionId = 0;             // the master's PID while running
    QMap<QString, QString> m_overrides; // main.cf parameters from reconfigure()
};

} // namespace Bulkmail::Test
