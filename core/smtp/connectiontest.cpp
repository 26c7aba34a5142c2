#include "connectiontest.h"

#include "smtpconnection.h"

#include <utility>

namespace Bulkmail {

namespace {

using Outcome = ConnectionTestReport::Outcome;
using State = SmtpConnection::State;

} // namespace

ConnectionTest::ConnectionTest(QObject *parent)
    : QObject(parent)
{}

ConnectionTest::~ConnectionTest()
{
    stopSession();
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
    stopSession();
    m_endpoint = endpoint;
    m_credentials = credentials;
    m_timeouts = timeouts;
    m_report = {};
    m_report.serverAddress = endpoint.displayAddress();
    m_running = true;

    // SmtpConnection refuses an unreadable certificate file too, but only as a fatal error; the
    // test names the file, before any connection is made.
    if (!TlsTrust::load(endpoint.trustCertificateFile, endpoint.verification)) {
        const QString file = endpoint.trustCertificateFile;
        // Reported from the event loop, so that the caller sees the test start normally.
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

    m_session = new SmtpConnection(0, m_endpoint, m_credentials, m_timeouts, this);
    connect(m_session, &SmtpConnection::phaseChanged, this, &ConnectionTest::onPhaseChanged);
    connect(m_session, &SmtpConnection::established, this, &ConnectionTest::onEstablished);
    connect(m_session, &SmtpConnection::closed, this, &ConnectionTest::onClosed);
    Q_EMIT progress(tr("Connecting to %1...").arg(m_endpoint.displayAddress()));
    m_session->open();
}

void ConnectionTest::cancel()
{
    if (!m_running)
        return;
    stopSession();
    m_report.outcome = Outcome::Cancelled;
    m_report.errorMessage = tr("The test was cancelled.");
    finish();
}

void ConnectionTest::stopSession()
{
    if (!m_session)
        return;
    SmtpConnection *session = std::exchange(m_session, nullptr);
    session->disconnect(this);
    session->abort(CloseReason::Cancelled, QStringLiteral("connection test stopped"));
    // We may be inside one of its signals: let it unwind first.
    session->deleteLater();
}

void ConnectionTest::onPhaseChanged(ConnectionPhase phase)
{
    switch (phase) {
    case ConnectionPhase::Tls:
        Q_EMIT progress(tr("Connected. Setting up TLS..."));
        return;
    case ConnectionPhase::Authenticating:
        m_report.authenticationAttempted = true;
        m_report.usedAccessToken = m_credentials.usesAccessToken();
        Q_EMIT progress(tr("Signing in as %1...").arg(m_credentials.username));
        return;
    default:
        return;
    }
}

void ConnectionTest::onEstablished()
{
    m_report.authenticated = m_session->isAuthenticated();
    Q_EMIT progress(m_report.authenticated ? tr("Signed in. Saying goodbye...")
                                           : tr("Connected. Saying goodbye..."));
    m_session->quit(CloseReason::Finished);
}

void ConnectionTest::onClosed(const ConnectionClosure &closure)
{
    const SmtpConnection::SessionFacts &facts = m_session->facts();
    m_report.connected = facts.tcpConnected;
    m_report.greeting = facts.greeting;
    m_report.encrypted = !facts.tlsProtocol.isEmpty();
    m_report.tlsProtocol = facts.tlsProtocol;
    m_report.tlsCipher = facts.tlsCipher;
    m_report.peerCertificateChain = facts.peerCertificateChain;
    m_report.capabilities = m_session->capabilities();
    m_report.quitAnswered = closure.quitAnswered;
    if (closure.sessionEstablished) {
        m_report.outcome = Outcome::Success;
        stopSession();
        finish();
        return;
    }
    diagnose(closure);
    stopSession();
    finish();
}

void ConnectionTest::diagnose(const ConnectionClosure &closure)
{
    switch (closure.reason) {
    case CloseReason::Timeout:
        diagnoseTimeout();
        return;
    case CloseReason::ProtocolError:
        fail(Outcome::Failed,
             tr("The server at %1 does not speak SMTP (%2). Check the port number.")
                 .arg(m_endpoint.displayAddress(), closure.detail));
        return;
    default:
        break;
    }
    if (closure.verdict)
        diagnoseRefusal(closure);
    else
        diagnoseSocketError(closure);
}

void ConnectionTest::diagnoseTimeout()
{
    const SmtpConnection::SessionFacts &facts = m_session->facts();
    const QString address = m_endpoint.displayAddress();
    const bool implicitTls = m_endpoint.security == SecurityMode::ImplicitTls;
    const State where = facts.failedInState.value_or(State::Connecting);
    if (where == State::Connecting && !facts.tcpConnected) {
        fail(Outcome::Timeout,
             tr("No answer from %1 within %2 s. A firewall may block port %3, or the server is "
                "down.")
                 .arg(address)
                 .arg(m_timeouts.connect.count())
                 .arg(m_endpoint.port));
        return;
    }
    if (where == State::Connecting || where == State::TlsHandshake) {
        // Implicit TLS shares the connect timer; after STARTTLS the handshake runs on the command
        // one (SmtpConnection::open and handleStartTls).
        fail(Outcome::Timeout,
             tr("TLS could not be set up with %1 within %2 s.")
                 .arg(address)
                 .arg(implicitTls ? m_timeouts.connect.count() : m_timeouts.command.count()));
        return;
    }
    if (where == State::AwaitingGreeting220) {
        fail(Outcome::Timeout,
             implicitTls ? tr("%1 accepted the connection but sent no greeting within %2 s.")
                               .arg(address)
                               .arg(m_timeouts.greeting.count())
                         : tr("%1 accepted the connection but sent no greeting within %2 s. If "
                              "this port expects TLS from the start (usually 465), choose "
                              "\"TLS\".")
                               .arg(address)
                               .arg(m_timeouts.greeting.count()));
        return;
    }
    fail(Outcome::Timeout,
         tr("%1 stopped answering (no reply within %2 s).")
             .arg(address)
             .arg(m_timeouts.command.count()));
}

void ConnectionTest::diagnoseSocketError(const ConnectionClosure &closure)
{
    const SmtpConnection::SessionFacts &facts = m_session->facts();
    const QString address = m_endpoint.displayAddress();
    const bool duringHandshake = facts.failedInState == State::TlsHandshake
                                 || (facts.failedInState == State::Connecting
                                     && m_endpoint.security == SecurityMode::ImplicitTls);
    switch (facts.socketError) {
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
    default:
        break;
    }
    if (closure.reason == CloseReason::ServerClosed && duringHandshake) {
        fail(Outcome::TlsFailed,
             tr("The server closed the connection while TLS was being set up. Port 465 usually "
                "uses TLS from the start and port 587 uses STARTTLS: check the security "
                "setting."));
        return;
    }
    if (closure.reason == CloseReason::ServerClosed) {
        fail(Outcome::Failed, tr("%1 closed the connection unexpectedly.").arg(address));
        return;
    }
    fail(Outcome::Failed, closure.detail); // "host:port: <the socket's own words>"
}

void ConnectionTest::diagnoseRefusal(const ConnectionClosure &closure)
{
    const SmtpConnection::SessionFacts &facts = m_session->facts();
    const QString address = m_endpoint.displayAddress();
    const QString reply = facts.lastReply.code != 0 ? facts.lastReply.toString() : QString();
    const State where = facts.failedInState.value_or(State::Connecting);

    if (facts.socketError == QAbstractSocket::SslHandshakeFailedError
        || facts.socketError == QAbstractSocket::SslInternalError
        || facts.socketError == QAbstractSocket::SslInvalidUserDataError) {
        if (!facts.sslErrors.isEmpty()) {
            m_report.sslErrors = facts.sslErrors;
            m_report.isTrustable = facts.isTrustable;
            QStringList problems;
            for (const QSslError &sslError : facts.sslErrors)
                problems.append(sslError.errorString());
            fail(Outcome::CertificateRejected,
                 tr("The server's certificate is not trusted: %1.")
                     .arg(problems.join(QStringLiteral("; "))));
            return;
        }
        fail(Outcome::TlsFailed,
             tr("TLS could not be set up with %1 (%2). Port 465 usually uses TLS from the start "
                "and port 587 uses STARTTLS: check the security setting.")
                 .arg(address, closure.detail));
        return;
    }

    switch (where) {
    case State::AwaitingGreeting220:
        m_report.serverReply = reply;
        fail(Outcome::ServerRefused, tr("The server refused the connection: %1").arg(reply));
        return;
    case State::AwaitingEhlo250:
    case State::AwaitingHelo250:
        if (m_endpoint.security == SecurityMode::StartTls && !m_report.encrypted
            && facts.lastReply.isClass(250)) {
            // RFC 3207 §4: SmtpConnection never continues in plain text when TLS was asked for.
            fail(Outcome::StartTlsUnavailable,
                 tr("The server does not offer STARTTLS, so the password and the messages would "
                    "travel unencrypted. Bulkmail refuses to continue. If the server uses TLS "
                    "from the start (usually port 465), choose \"TLS\"."));
            return;
        }
        m_report.serverReply = reply;
        fail(Outcome::ServerRefused, tr("The server refused the connection: %1").arg(reply));
        return;
    case State::AwaitingStartTls220:
        m_report.serverReply = reply;
        fail(Outcome::TlsFailed, tr("The server refused to start TLS: %1").arg(reply));
        return;
    case State::AwaitingAuth:
        m_report.serverReply = closure.detail;
        if (closure.verdict->verdict != ReplyVerdict::AuthenticationFailed) {
            fail(Outcome::Failed, tr("Signing in failed: %1").arg(closure.detail));
            return;
        }
        if (m_credentials.usesAccessToken()) {
            // classifyOAuthFailure's words: expired token, missing scope, SMTP AUTH turned off...
            fail(Outcome::AuthenticationFailed,
                 tr("The server refused the sign-in: %1").arg(closure.detail));
            return;
        }
        fail(Outcome::AuthenticationFailed,
             tr("The server refused the username or password: %1. Some providers want an app "
                "password or an authorization code here instead of the account's password.")
                 .arg(closure.detail));
        return;
    default:
        m_report.serverReply = reply;
        fail(Outcome::Failed, closure.detail);
        return;
    }
}

void ConnectionTest::fail(Outcome outcome, const QString &message)
{
    m_report.outcome = outcome;
    m_report.errorMessage = message;
    if (!m_session) // no session was made (an unreadable certificate file)
        finish();
}

void ConnectionTest::finish()
{
    if (!m_running)
        return;
    m_running = false;
    m_credentials = {}; // no secret outlives the test
    Q_EMIT finished(m_report);
}

} // namespace Bulkmail
