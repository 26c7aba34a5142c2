#pragma once

#include "smtpcapabilities.h"
#include "smtpendpoint.h"

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

namespace Bulkmail {

class SmtpConnection;
struct ConnectionClosure;
enum class ConnectionPhase;

// What "Test connection" found, step by step, in plain words.
struct ConnectionTestReport
{
    enum class Outcome {
        Success,
        HostNotFound,
        ConnectionRefused,
        Timeout,
        CertificateRejected,  // the TLS certificate is not trusted: see sslErrors and the chain
        TlsFailed,            // TLS could not be set up for another reason (protocol, port)
        StartTlsUnavailable,  // STARTTLS was asked for and the server does not offer it
        ServerRefused,        // the greeting or EHLO was refused
        AuthenticationFailed, // the username or password (or the OAuth2 sign-in) was refused
        Failed,               // anything else: see errorMessage
        Cancelled,
    };

    Outcome outcome = Outcome::Failed;
    QString serverAddress; // "host:port"

    // The steps reached.
    bool connected = false;
    bool encrypted = false;     // TLS is active (STARTTLS or implicit TLS)
    bool authenticated = false; // AUTH succeeded; false when no username is set
    bool authenticationAttempted = false;
    bool usedAccessToken = false; // signed in (or tried) with an OAuth2 access token (XOAUTH2)
    bool quitAnswered = false;    // the server answered QUIT with 221

    QString tlsProtocol;           // "TLSv1.3"
    QString tlsCipher;             // "TLS_AES_256_GCM_SHA384"
    QString greeting;              // the server's 220 banner text
    SmtpCapabilities capabilities; // from EHLO after TLS (what the session will use)

    QString errorMessage; // plain words, translated; empty on success
    QString serverReply;  // the server's own words for a refusal, e.g. "535 5.7.8 bad credentials"

    // On a certificate problem: what the server presented (leaf first) and what was wrong with
    // it, so that the UI can explain it and offer to trust the leaf certificate.
    QList<QSslCertificate> peerCertificateChain;
    QList<QSslError> sslErrors;
    // True when every certificate error is one that naming the certificate answers (self-signed,
    // unknown issuer); false for a wrong host name or an expired certificate, which trusting the
    // certificate does not fix.
    bool isTrustable = false;

    [[nodiscard]] bool isSuccess() const { return outcome == Outcome::Success; }
};

// "Test connection": connect, set up TLS, sign in (when a username is set) and say goodbye, with
// the same SMTP client the campaign uses (SmtpConnection), so that the test and the send cannot
// disagree. Never sends a message. The password never leaves before the TLS certificate is
// verified, because SmtpConnection signs in only after the handshake. The report's details (the
// greeting, the TLS parameters, the certificate chain and its errors, the stage a failure was
// met in) come from SmtpConnection::facts().
class ConnectionTest final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTest)

public:
    explicit ConnectionTest(QObject *parent = nullptr);
    ~ConnectionTest() override;

    // Starts a test; a test already running is cancelled first (without reporting).
    void start(const SmtpEndpoint &endpoint, const QString &password, const SmtpTimeouts &timeouts);
    // The same with full credentials: with `credentials.accessToken` set (an OAuth2 account), the
    // sign-in uses XOAUTH2/OAUTHBEARER, and a refusal is reported in the engine's plain words
    // (classifyOAuthFailure: expired token, missing scope, SMTP AUTH disabled for the mailbox).
    // The username to sign in as is credentials.username (empty: no sign-in).
    void start(const SmtpEndpoint &endpoint,
               const SmtpCredentials &credentials,
               const SmtpTimeouts &timeouts);
    // Stops a running test; finished() reports Cancelled.
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }

Q_SIGNALS:
    void finished(const Bulkmail::ConnectionTestReport &report);
    // Progress in plain words ("Connecting to smtp.example.com:587..."), for a status line.
    void progress(const QString &step);

private:
    void onPhaseChanged(ConnectionPhase phase);
    void onEstablished();
    void onClosed(const ConnectionClosure &closure);
    // What went wrong, in plain words, from the closure and what the session learnt.
    void diagnose(const ConnectionClosure &closure);
    void diagnoseTimeout();
    void diagnoseSocketError(const ConnectionClosure &closure);
    void diagnoseRefusal(const ConnectionClosure &closure);

    void fail(ConnectionTestReport::Outcome outcome, const QString &message);
    void finish();
    void stopSession();

    SmtpEndpoint m_endpoint;
    SmtpCredentials m_credentials;
    SmtpTimeouts m_timeouts;
    ConnectionTestReport m_report;
    bool m_running = false;
    SmtpConnection *m_session = nullptr;
};

} // namespace Bulkmail

Q_DECLARE_METATYPE(Bulkmail::ConnectionTestReport)
