#pragma once

#include <memory>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

class QProcess;
class QTemporaryDir;

namespace Bulkmail::Test {

// Launchers for the real SMTP servers the happy-path tests run against (STYLE.md rule 7):
// Debian's aiosmtpd (tests/support/aiosmtpd_server.py) and Postfix's smtp-sink. Both listen on
// 127.0.0.1 on a free port, and both processes end with the launcher object.

// The interpreter that can import Debian's python3-aiosmtpd: "/usr/bin/python3", never the
// first python3 on PATH (which may be a pyenv one without aiosmtpd).
[[nodiscard]] QString systemPython();

// A port on 127.0.0.1 that was free a moment ago (bind port 0, read it, close): for a server that
// cannot pick its own. Another process may take it before the server binds, so callers retry.
// 0 + qWarning if no port could be bound.
[[nodiscard]] quint16 freeLocalPort();

struct AiosmtpdOptions
{
    enum class Tls {
        None,     // plain text; AUTH (if configured) is offered at once
        StartTls, // STARTTLS required before MAIL and before AUTH (RFC 3207)
        Implicit, // TLS from the first byte (RFC 8314 "submissions")
    };
    Tls tls = Tls::None;
    enum class Certificate {
        SignedByTestCa, // server.pem: trusted once the client adds ca.pem
        SelfSigned,     // selfsigned.pem: same names, but no CA vouches for it
        OtherHostName,  // otherhost.pem: signed by the test CA, for "mail.example.test" only
    };
    Certificate certificate = Certificate::SignedByTestCa;
    // Both empty: no AUTH. Both set: AUTH PLAIN and LOGIN with these credentials, and MAIL is
    // refused with 530 until the client has authenticated.
    QString username{};
    QString password{};
    // "PLAIN", "LOGIN", "XOAUTH2" or "OAUTHBEARER": offer just that one; empty: every one
    // configured.
    QString onlyAuthMechanism{};
    // Non-empty: offer XOAUTH2 and OAUTHBEARER, accepting only the access tokens listed in this
    // JSON-lines file ({"token": ..., "user": ..., "expires": <unix seconds>, "scope": ...}),
    // re-read on every AUTH; see aiosmtpd_server.py. MAIL needs AUTH then.
    QString oauthTokensFile{};
};

// One AUTH exchange that reached the credential check.
struct AuthEvent
{
    int connection = 0;
    QString mechanism; // "PLAIN", "XOAUTH2"...
    bool success = false;
    QString user;    // OAuth2 only
    QString failure; // OAuth2 only: "expired", "unknown", "wrong-user", "scope", "malformed"
    QString challengeAnswer; // OAuth2 failures: "empty", "x01", "other" or "missing"
};

// One message as a server received it. For aiosmtpd, `data` is the exact DATA payload with CRLF
// line ends and without the terminating "."; for smtp-sink it is what the dump file holds (LF line
// ends, see SmtpSinkServer::receivedMessages()).
struct ReceivedMessage
{
    int connection = 0;        // 1-based; 0 when the server cannot tell (smtp-sink)
    int indexInConnection = 0; // 1-based position of the message on its connection; 0 unknown
    QByteArray mailFrom;       // reverse path without angle brackets
    QList<QByteArray> recipients;
    QByteArray data;
};

// A real aiosmtpd 1.4 server. Everything it saw is appended to a JSON-lines record file in a
// temporary directory (one event per line, flushed at once), which the queries below read, so
// they need no event loop: a test asserts with QTRY_COMPARE(server.receivedMessages().size(), n).
class AiosmtpdServer final
{
public:
    explicit AiosmtpdServer(AiosmtpdOptions options = {});
    ~AiosmtpdServer(); // SIGTERM, then SIGKILL if it has not ended within 5 s
    Q_DISABLE_COPY_MOVE(AiosmtpdServer)

    // Starts the server and waits (at most 15 s) for its "READY <port>" line. On failure returns
    // false and prints the server's stderr with qWarning.
    [[nodiscard]] bool start();

    [[nodiscard]] QString host() const; // "127.0.0.1"
    [[nodiscard]] quint16 port() const;
    // The CA that signed the server's certificate (for "localhost" and 127.0.0.1).
    [[nodiscard]] QString caCertificatePath() const;

    [[nodiscard]] QList<ReceivedMessage> receivedMessages() const;
    [[nodiscard]] int connectionCount() const; // TCP connections accepted so far
    [[nodiscard]] int disconnectionCount() const;
    [[nodiscard]] int authAttempts() const; // AUTH exchanges that reached the credential check
    [[nodiscard]] int successfulLogins() const;
    [[nodiscard]] QList<AuthEvent> authEvents() const;
    [[nodiscard]] QString recordPath() const;

private:
    struct Record;
    [[nodiscard]] Record readRecord() const;

    AiosmtpdOptions m_options;
    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

struct SmtpSinkOptions
{
    enum class Capture {
        CountersOnly, // fastest: only the -c counters
        DumpMessages, // also -D: every transaction appended to a dump file (slower, disk bound)
    };
    Capture capture = Capture::CountersOnly;
    // More smtp-sink options, placed before the listen address, e.g. {"-r", "RCPT"} (soft-reject
    // every RCPT), {"-Q", "DATA"} (421 and disconnect after DATA), {"-w", "2"} (slow DATA).
    // Do not pass -c, -D, -S, -h or -u: the launcher sets them.
    QStringList extraArguments{};
};

// Postfix's smtp-sink: a fast, parallel SMTP server that throws messages away; it announces
// PIPELINING, 8BITMIME and ENHANCEDSTATUSCODES.
//
// What it can count, through its own -c counters ("sess=N quit=N mesg=N", printed on stdout when
// a session ends, a QUIT is executed, or a "." is received):
//  - messageCount(): messages whose final "." arrived;
//  - sessionCount(): connections that have ENDED (an open connection is not counted yet);
//  - quitCount(): QUIT commands received.
// It cannot report open connections or which connection carried which message; use aiosmtpd for
// per-connection assertions. The counters reach us through the process's stdout pipe, so read
// them from a spinning event loop (QTRY_COMPARE(sink.messageCount(), 5)); they may trail the
// server's reply by a moment. The start-up probe connection is subtracted from the counts.
class SmtpSinkServer final
{
public:
    explicit SmtpSinkServer(SmtpSinkOptions options = {});
    ~SmtpSinkServer(); // SIGTERM, then SIGKILL if it has not ended within 5 s
    Q_DISABLE_COPY_MOVE(SmtpSinkServer)

    // Picks a free port (bind 127.0.0.1:0, read it, close), starts /usr/sbin/smtp-sink on it
    // (with "-u nobody" when running as root), and waits until it greets a probe connection;
    // retries with a new port if another process took it in between. False + qWarning on failure.
    [[nodiscard]] bool start();

    [[nodiscard]] QString host() const; // "127.0.0.1"
    [[nodiscard]] quint16 port() const;

    [[nodiscard]] int messageCount() const;
    [[nodiscard]] int sessionCount() const;
    [[nodiscard]] int quitCount() const;

    // Capture::DumpMessages only: the dumped transactions in the order they completed, with
    // mailFrom and recipients from smtp-sink's X-Mail-Args / X-Rcpt-Args headers and the message
    // as dumped (LF line ends, dot-unstuffed). connection and indexInConnection are 0 (unknown).
    // Reads the dump file directly, so it needs no event loop.
    [[nodiscard]] QList<ReceivedMessage> receivedMessages() const;
    [[nodiscard]] QString dumpPath() const;

private:
    struct Counters
    {
        int sessions = 0;
        int quits = 0;
        int messages = 0;
    };
    [[nodiscard]] bool startOnce(quint16 port, QString *failure);
    [[nodiscard]] Counters currentCounters() const;
    void stopProcess();

    SmtpSinkOptions m_options;
    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    Counters m_baseline;
    mutable QByteArray m_counterOutput;
    mutable Counters m_latest;
};

} // namespace Bulkmail::Test
