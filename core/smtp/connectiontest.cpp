#include "connectiontest.h"

#include "smtpconnection.h"
#include "smtpreply.h"

#include <QHostInfo>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>

#include <algorithm>

namespace Bulkmail {

namespace {

using Outcome = ConnectionTestReport::Outcome;

// The same rule as SmtpConnection: errors that mean "nobody I know vouches for this certificate",
// which naming the certificate (server.trustCertificate) answers. A wrong name or an expired
// certificate is not among them.
bool isAnsweredByTrust(QSslError::SslError error)
{
    switch (error) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return true;
    default:
        return false;
    }
}

} // namespace

ConnectionTest::ConnectionTest(QObject *parent)
    : QObject(parent)
{
    m_probeTimer.setSingleShot(true);
    connect(&m_probeTimer, &QTimer::timeout, this, &ConnectionTest::onProbeTimeout);
}

ConnectionTest::~ConnectionTest()
{
    stopEverything();
}

void ConnectionTest::start(const SmtpEndpoint &endpoint,
                           const QString &password,
                           const SmtpTimeouts &timeouts)
{
    start(endpoint, SmtpCredentials{endpoint.username, password}, timeouts);
}

void ConnectionTest::start(const SmtpEndpoint &endpoint,
                           const SmtpCredentials &credentials,
                           const SmtpTimeouts &timeouts)
{
    stopEverything();
    m_endpoint = endpoint;
    m_credentials = credentials;
    m_timeouts = timeouts;
    m_report = {};
    m_report.serverAddress = endpoint.displayAddress();
    m_running = true;
    startProbe();
}

void ConnectionTest::cancel()
{
    if (!m_running)
        return;
    stopEverything();
    m_report.outcome = Outcome::Cancelled;
    m_report.errorMessage = tr("The test was cancelled.");
    m_running = true; // finish() reports and clears it
    finish();
}

void ConnectionTest::stopEverything()
{
    m_probeTimer.stop();
    m_probeState = ProbeState::Idle;
    if (m_probe) {
        m_probe->disconnect(this);
        m_probe->abort();
        // We may be inside one of its signals: let it unwind first.
        m_probe.release()->deleteLater();
    }
    if (m_session) {
        m_session->disconnect(this);
        m_session->abort(CloseReason::Cancelled, QStringLiteral("connection test stopped"));
        m_session->deleteLater();
        m_session = nullptr;
    }
    m_running = false;
}

// --- Phase 1: the probe ---------------------------------------------------------------------

void ConnectionTest::startProbe()
{
    m_parser = std::make_unique<SmtpReplyParser>();
    m_probe = std::make_unique<QSslSocket>();
    QSslSocket *socket = m_probe.get();
    connect(socket, &QSslSocket::connected, this, &ConnectionTest::onProbeConnected);
    connect(socket, &QSslSocket::encrypted, this, &ConnectionTest::onProbeEncrypted);
    connect(socket, &QSslSocket::readyRead, this, &ConnectionTest::onProbeReadyRead);
    connect(socket, &QSslSocket::errorOccurred, this, &ConnectionTest::onProbeError);
    connect(socket, &QSslSocket::sslErrors, this, &ConnectionTest::onProbeSslErrors);

    // Trust exactly what SmtpConnection trusts: the system store plus the named certificate.
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    m_namedCertificates.clear();
    if (!m_endpoint.trustCertificateFile.isEmpty()) {
        m_namedCertificates = QSslCertificate::fromPath(m_endpoint.trustCertificateFile,
                                                        QSsl::Pem,
                                                        QSslCertificate::PatternSyntax::FixedString);
        if (m_namedCertificates.isEmpty()) {
            const QString file = m_endpoint.trustCertificateFile;
            QMetaObject::invokeMethod(
                this,
                [this, file] {
                    fail(Outcome::Failed,
                         tr("The trusted certificate file \"%1\" cannot be read as a PEM "
                            "certificate.")
                             .arg(file));
                },
                Qt::QueuedConnection);
            return;
        }
        tls.addCaCertificates(m_namedCertificates);
    }
    if (m_endpoint.verification == CertificateVerification::InsecureSkipAll)
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket->setSslConfiguration(tls);

    Q_EMIT progress(tr("Connecting to %1...").arg(m_endpoint.displayAddress()));
    m_probeState = ProbeState::Connecting;
    m_probeTimer.start(m_timeouts.connect);
    if (m_endpoint.security == SecurityMode::ImplicitTls)
        socket->connectToHostEncrypted(m_endpoint.host, m_endpoint.port);
    else
        socket->connectToHost(m_endpoint.host, m_endpoint.port);
}

void ConnectionTest::onProbeConnected()
{
    m_report.connected = true;
    if (m_endpoint.security == SecurityMode::ImplicitTls) {
        // The greeting follows the handshake (RFC 8314 §3.3).
        Q_EMIT progress(tr("Connected. Setting up TLS..."));
        m_probeState = ProbeState::Handshake;
        return;
    }
    m_probeState = ProbeState::AwaitingGreeting;
    m_probeTimer.start(m_timeouts.greeting);
}

void ConnectionTest::onProbeEncrypted()
{
    m_report.encrypted = true;
    const QSslCipher cipher = m_probe->sessionCipher();
    m_report.tlsProtocol = cipher.protocolString();
    m_report.tlsCipher = cipher.name();
    m_report.peerCertificateChain = m_probe->peerCertificateChain();
    if (m_endpoint.security == SecurityMode::ImplicitTls) {
        m_probeState = ProbeState::AwaitingGreeting;
        m_probeTimer.start(m_timeouts.greeting);
        return;
    }
    // RFC 3207 §4.2: start over with EHLO; what was learnt in plain text is forgotten.
    m_report.capabilities = {};
    sendProbeCommand("EHLO " + probeHeloName(), ProbeState::AwaitingEhlo);
}

QByteArray ConnectionTest::probeHeloName() const
{
    // As SmtpConnection: RFC 5321 §4.1.4, the client's fully-qualified name or an address literal.
    if (!m_endpoint.heloName.isEmpty())
        return m_endpoint.heloName.toUtf8();
    const QString local = QHostInfo::localHostName();
    if (local.contains(u'.'))
        return local.toUtf8();
    const QHostAddress address = m_probe->localAddress();
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return "[IPv6:" + address.toString().toLatin1() + ']';
    return '[' + address.toString().toLatin1() + ']';
}

void ConnectionTest::sendProbeCommand(const QByteArray &command, ProbeState next)
{
    m_probeState = next;
    m_probe->write(command + "\r\n");
    m_probeTimer.start(m_timeouts.command);
}

void ConnectionTest::onProbeReadyRead()
{
    if (m_probeState == ProbeState::Handshake || m_probeState == ProbeState::Idle)
        return;
    m_parser->append(m_probe->readAll());
    while (m_probeState != ProbeState::Idle && m_probeState != ProbeState::Handshake) {
        std::optional<Result<SmtpReply>> next = m_parser->takeReply();
        if (!next)
            return;
        if (!next->has_value()) {
            if (m_probeState == ProbeState::SayingGoodbye) {
                finishFailure();
                return;
            }
            failSayingGoodbye(Outcome::Failed,
                              tr("The server at %1 does not speak SMTP (it sent: %2). Check the "
                                 "port number.")
                                  .arg(m_endpoint.displayAddress(), next->error().message));
            return;
        }
        handleProbeReply(**next);
    }
}

void ConnectionTest::handleProbeReply(const SmtpReply &reply)
{
    switch (m_probeState) {
    case ProbeState::AwaitingGreeting:
        m_report.greeting = reply.text();
        if (!reply.isClass(220)) {
            m_report.serverReply = reply.toString();
            failSayingGoodbye(Outcome::ServerRefused,
                              tr("The server refused the connection: %1").arg(reply.toString()));
            return;
        }
        Q_EMIT progress(tr("Connected. The server says: %1").arg(reply.text()));
        sendProbeCommand("EHLO " + probeHeloName(), ProbeState::AwaitingEhlo);
        return;
    case ProbeState::AwaitingEhlo:
        if (reply.isClass(250))
            m_report.capabilities = SmtpCapabilities::fromEhloReply(reply);
        if (m_endpoint.security == SecurityMode::StartTls && !m_report.encrypted) {
            // RFC 3207 §4: never continue in plain text when TLS was asked for.
            if (!reply.isClass(250) || !m_report.capabilities.offersStartTls()) {
                failSayingGoodbye(
                    Outcome::StartTlsUnavailable,
                    tr("The server does not offer STARTTLS, so the password and the messages "
                       "would travel unencrypted. Bulkmail refuses to continue. If the server "
                       "uses TLS from the start (usually port 465), choose \"TLS\"."));
                return;
            }
            Q_EMIT progress(tr("Setting up TLS (STARTTLS)..."));
            sendProbeCommand("STARTTLS", ProbeState::AwaitingStartTls);
            return;
        }
        // A server without EHLO gets HELO from the session itself; the probe only says goodbye.
        sendProbeCommand("QUIT", ProbeState::AwaitingQuit);
        return;
    case ProbeState::AwaitingStartTls: {
        if (!reply.isClass(220)) {
            m_report.serverReply = reply.toString();
            failSayingGoodbye(Outcome::TlsFailed,
                              tr("The server refused to start TLS: %1").arg(reply.toString()));
            return;
        }
        m_probeState = ProbeState::Handshake;
        // RFC 3207 §4 (CVE-2011-0411): nothing sent before the handshake counts.
        m_parser->clear();
        m_probe->skip(m_probe->bytesAvailable());
        m_probeTimer.start(m_timeouts.command);
        m_probe->startClientEncryption();
        return;
    }
    case ProbeState::AwaitingQuit:
        m_report.quitAnswered = reply.code == 221;
        finishProbe();
        return;
    case ProbeState::SayingGoodbye:
        m_report.quitAnswered = reply.code == 221;
        finishFailure();
        return;
    case ProbeState::Idle:
    case ProbeState::Connecting:
    case ProbeState::Handshake:
        return;
    }
}

void ConnectionTest::onProbeSslErrors(const QList<QSslError> &errors)
{
    const QSslCertificate peer = m_probe->peerCertificate();
    const bool isNamed = !peer.isNull() && m_namedCertificates.contains(peer);
    const bool allAnswered = std::all_of(errors.begin(), errors.end(), [](const QSslError &e) {
        return isAnsweredByTrust(e.error());
    });
    m_report.peerCertificateChain = m_probe->peerCertificateChain();
    if (isNamed && allAnswered) {
        m_probe->ignoreSslErrors(errors);
        return;
    }
    m_report.sslErrors = errors;
    m_report.isTrustable = allAnswered && !peer.isNull();
}

void ConnectionTest::onProbeError()
{
    if (m_probeState == ProbeState::Idle)
        return;
    if (m_probeState == ProbeState::SayingGoodbye) {
        finishFailure(); // closed or broken before answering QUIT: the failure stands
        return;
    }
    const QAbstractSocket::SocketError error = m_probe->error();
    const QString address = m_endpoint.displayAddress();
    switch (error) {
    case QAbstractSocket::HostNotFoundError:
        fail(Outcome::HostNotFound,
             tr("The server name \"%1\" was not found. Check its spelling, and that this "
                "computer is connected to the internet.")
                 .arg(m_endpoint.host));
        return;
    case QAbstractSocket::ConnectionRefusedError:
        fail(Outcome::ConnectionRefused,
             tr("%1 refused the connection. Check the port number (usually 587 with STARTTLS or "
                "465 with TLS).")
                 .arg(address));
        return;
    case QAbstractSocket::SocketTimeoutError:
        onProbeTimeout();
        return;
    case QAbstractSocket::RemoteHostClosedError:
        if (m_probeState == ProbeState::AwaitingQuit) {
            finishProbe();
            return;
        }
        if (m_probeState == ProbeState::Handshake) {
            fail(Outcome::TlsFailed,
                 tr("The server closed the connection while TLS was being set up. Port 465 "
                    "usually uses TLS from the start and port 587 uses STARTTLS: check the "
                    "security setting."));
            return;
        }
        fail(Outcome::Failed, tr("%1 closed the connection unexpectedly.").arg(address));
        return;
    case QAbstractSocket::SslHandshakeFailedError:
        if (!m_report.sslErrors.isEmpty()) {
            QStringList problems;
            for (const QSslError &sslError : std::as_const(m_report.sslErrors))
                problems.append(sslError.errorString());
            fail(Outcome::CertificateRejected,
                 tr("The server's certificate is not trusted: %1.")
                     .arg(problems.join(QStringLiteral("; "))));
            return;
        }
        fail(Outcome::TlsFailed,
             tr("TLS could not be set up with %1 (%2). Port 465 usually uses TLS from the start "
                "and port 587 uses STARTTLS: check the security setting.")
                 .arg(address, m_probe->errorString()));
        return;
    default:
        fail(Outcome::Failed, tr("%1: %2").arg(address, m_probe->errorString()));
        return;
    }
}

void ConnectionTest::onProbeTimeout()
{
    if (m_probeState == ProbeState::Idle)
        return;
    const QString address = m_endpoint.displayAddress();
    switch (m_probeState) {
    case ProbeState::Connecting:
        fail(Outcome::Timeout,
             tr("No answer from %1 within %2 s. A firewall may block port %3, or the server is "
                "down.")
                 .arg(address)
                 .arg(m_timeouts.connect.count())
                 .arg(m_endpoint.port));
        return;
    case ProbeState::AwaitingGreeting:
        fail(Outcome::Timeout,
             m_endpoint.security == SecurityMode::ImplicitTls
                 ? tr("%1 accepted the connection but sent no greeting within %2 s.")
                       .arg(address)
                       .arg(m_timeouts.greeting.count())
                 : tr("%1 accepted the connection but sent no greeting within %2 s. If this port "
                      "expects TLS from the start (usually 465), choose \"TLS\".")
                       .arg(address)
                       .arg(m_timeouts.greeting.count()));
        return;
    case ProbeState::Handshake:
        // Implicit TLS shares the connect timer (startProbe); STARTTLS runs on the command one.
        fail(Outcome::Timeout,
             tr("TLS could not be set up with %1 within %2 s.")
                 .arg(address)
                 .arg(m_endpoint.security == SecurityMode::ImplicitTls
                          ? m_timeouts.connect.count()
                          : m_timeouts.command.count()));
        return;
    case ProbeState::AwaitingQuit:
        finishProbe(); // the goodbye is a courtesy; the test got what it needed
        return;
    case ProbeState::SayingGoodbye:
        finishFailure();
        return;
    default:
        fail(Outcome::Timeout,
             tr("%1 stopped answering (no reply within %2 s).")
                 .arg(address)
                 .arg(m_timeouts.command.count()));
        return;
    }
}

void ConnectionTest::finishProbe()
{
    m_probeTimer.stop();
    m_probeState = ProbeState::Idle;
    if (m_probe) {
        m_probe->disconnect(this);
        m_probe->disconnectFromHost();
        m_probe.release()->deleteLater();
    }
    if (m_credentials.username.isEmpty()) {
        m_report.outcome = Outcome::Success;
        finish();
        return;
    }
    startSession();
}

// --- Phase 2: the real session signs in ------------------------------------------------------

void ConnectionTest::startSession()
{
    Q_EMIT progress(tr("Signing in as %1...").arg(m_credentials.username));
    m_report.authenticationAttempted = true;
    m_report.usedAccessToken = m_credentials.usesAccessToken();
    m_report.quitAnswered = false;
    m_session = new SmtpConnection(0, m_endpoint, m_credentials, m_timeouts, this);
    connect(m_session, &SmtpConnection::established, this, &ConnectionTest::onSessionEstablished);
    connect(m_session, &SmtpConnection::closed, this, &ConnectionTest::onSessionClosed);
    m_session->open();
}

void ConnectionTest::onSessionEstablished()
{
    m_report.authenticated = m_session->isAuthenticated();
    m_report.capabilities = m_session->capabilities();
    Q_EMIT progress(tr("Signed in. Saying goodbye..."));
    m_session->quit(CloseReason::Finished);
}

void ConnectionTest::onSessionClosed(const ConnectionClosure &closure)
{
    SmtpConnection *session = std::exchange(m_session, nullptr);
    session->disconnect(this);
    session->deleteLater();
    if (closure.sessionEstablished) {
        m_report.quitAnswered = closure.quitAnswered;
        m_report.outcome = Outcome::Success;
        finish();
        return;
    }
    m_report.serverReply = closure.detail;
    m_report.quitAnswered = closure.quitAnswered; // SmtpConnection says goodbye after a refusal
    if (closure.verdict && closure.verdict->verdict == ReplyVerdict::AuthenticationFailed
        && m_credentials.usesAccessToken()) {
        // classifyOAuthFailure's words: expired token, missing scope, SMTP AUTH turned off...
        fail(Outcome::AuthenticationFailed,
             tr("The server refused the sign-in: %1").arg(closure.detail));
        return;
    }
    if (closure.verdict && closure.verdict->verdict == ReplyVerdict::AuthenticationFailed) {
        fail(Outcome::AuthenticationFailed,
             tr("The server refused the username or password: %1. Some providers want an app "
                "password or an authorization code here instead of the account's password.")
                 .arg(closure.detail));
        return;
    }
    fail(Outcome::Failed, tr("Signing in failed: %1").arg(closure.detail));
}

void ConnectionTest::fail(Outcome outcome, const QString &message)
{
    m_report.outcome = outcome;
    m_report.errorMessage = message;
    finishFailure();
}

void ConnectionTest::failSayingGoodbye(Outcome outcome, const QString &message)
{
    m_report.outcome = outcome;
    m_report.errorMessage = message;
    if (!m_probe || m_probe->state() != QAbstractSocket::ConnectedState) {
        finishFailure();
        return;
    }
    // A fresh parser: after garbage the old one stays failed and could not read the 221.
    m_parser = std::make_unique<SmtpReplyParser>();
    sendProbeCommand("QUIT", ProbeState::SayingGoodbye);
    // As SmtpConnection's goodbye: wait briefly, the result is already known.
    m_probeTimer.start(
        std::min<std::chrono::milliseconds>(m_timeouts.command, SmtpConnection::QuitReplyTimeout));
}

void ConnectionTest::finishFailure()
{
    stopEverything();
    m_running = true;
    finish();
}

void ConnectionTest::finish()
{
    if (!m_running)
        return;
    m_running = false;
    m_probeTimer.stop();
    m_credentials = {}; // no secret outlives the test
    Q_EMIT finished(m_report);
}

} // namespace Bulkmail
