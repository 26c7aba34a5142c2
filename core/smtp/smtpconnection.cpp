#include "smtpconnection.h"

#include "logging/redaction.h"
#include "messagedata.h"
#include "net/saslresponse.h"

#include <QHostInfo>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>

#include <spdlog/spdlog.h>

#include <algorithm>

namespace Bulkmail {

namespace {

using namespace std::chrono_literals;

// RFC 5321 §4.5.3.1.4: a command line is at most 512 octets with its CRLF.
constexpr qsizetype MaxCommandLine = 512;

} // namespace

QString connectionPhaseName(ConnectionPhase phase)
{
    switch (phase) {
    case ConnectionPhase::Connecting:
        return QStringLiteral("connecting");
    case ConnectionPhase::Tls:
        return QStringLiteral("tls");
    case ConnectionPhase::Authenticating:
        return QStringLiteral("authenticating");
    case ConnectionPhase::Idle:
        return QStringLiteral("idle");
    case ConnectionPhase::Sending:
        return QStringLiteral("sending");
    case ConnectionPhase::Closing:
        return QStringLiteral("closing");
    case ConnectionPhase::Closed:
        return QStringLiteral("closed");
    }
    return {};
}

QString closeReasonName(CloseReason reason)
{
    switch (reason) {
    case CloseReason::MaxMessages:
        return QStringLiteral("max-messages");
    case CloseReason::MaxAge:
        return QStringLiteral("max-age");
    case CloseReason::Idle:
        return QStringLiteral("idle");
    case CloseReason::Server421:
        return QStringLiteral("server-421");
    case CloseReason::ServerClosed:
        return QStringLiteral("server-closed");
    case CloseReason::Error:
        return QStringLiteral("error");
    case CloseReason::Timeout:
        return QStringLiteral("timeout");
    case CloseReason::ProtocolError:
        return QStringLiteral("protocol-error");
    case CloseReason::Finished:
        return QStringLiteral("finished");
    case CloseReason::Cancelled:
        return QStringLiteral("cancelled");
    case CloseReason::HealthCheckFailed:
        return QStringLiteral("health-check-failed");
    case CloseReason::Throttled:
        return QStringLiteral("throttled");
    }
    return {};
}

bool ConnectionClosure::isFatal() const
{
    return verdict
           && (verdict->verdict == ReplyVerdict::Fatal
               || verdict->verdict == ReplyVerdict::AuthenticationFailed);
}

SmtpConnection::SmtpConnection(int id,
                               SmtpEndpoint endpoint,
                               SmtpCredentials credentials,
                               SmtpTimeouts timeouts,
                               QObject *parent)
    : SmtpConnection(
        id, std::move(endpoint), std::move(credentials), timeouts, SystemClock::instance(), parent)
{}

SmtpConnection::SmtpConnection(int id,
                               SmtpEndpoint endpoint,
                               SmtpCredentials credentials,
                               SmtpTimeouts timeouts,
                               const Clock &clock,
                               QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_endpoint(std::move(endpoint))
    , m_credentials(std::move(credentials))
    , m_timeouts(timeouts)
    , m_clock(clock)
    , m_replyTimer(clock.createTimer(this))
    , m_lastActivity(clock.now())
{
    connect(m_replyTimer.get(), &ClockTimer::timeout, this, &SmtpConnection::onReplyTimeout);
    if (isTranscriptEnabled())
        m_transcript = std::make_unique<TranscriptRedactor>();
}

SmtpConnection::~SmtpConnection()
{
    if (m_socket)
        m_socket->disconnect(this);
}

bool SmtpConnection::isClosingOrClosed() const
{
    return m_state == State::Closed || m_state == State::AwaitingQuit221
           || m_quitReason.has_value();
}

qint64 SmtpConnection::idleMilliseconds() const
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(m_clock.now() - m_lastActivity)
        .count();
}

QString SmtpConnection::tlsDescription() const
{
    return m_tlsActive ? tlsSessionDescription(m_tlsSocket) : QStringLiteral("none");
}

QString SmtpConnection::peerCertificateDescription() const
{
    if (!m_tlsSocket)
        return {};
    const QSslCertificate certificate = m_tlsSocket->peerCertificate();
    if (certificate.isNull())
        return {};
    return QStringLiteral("subject \"%1\", issuer \"%2\", valid until %3, SHA-256 %4")
        .arg(certificate.subjectDisplayName(),
             certificate.issuerDisplayName(),
             certificate.expiryDate().toString(Qt::ISODate),
             QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':')));
}

SmtpConnection::Transaction SmtpConnection::makeTransaction(const OutgoingMessage &message)
{
    Transaction transaction;
    transaction.message = message;
    return transaction;
}

ConnectionPhase SmtpConnection::phaseOf(State state)
{
    switch (state) {
    case State::Disconnected:
    case State::Connecting:
    case State::AwaitingGreeting220:
    case State::AwaitingEhlo250:
    case State::AwaitingHelo250:
        return ConnectionPhase::Connecting;
    case State::AwaitingStartTls220:
    case State::TlsHandshake:
        return ConnectionPhase::Tls;
    case State::AwaitingAuth:
        return ConnectionPhase::Authenticating;
    case State::Idle:
    case State::AwaitingNoop250:
        return ConnectionPhase::Idle;
    case State::Transaction:
        return ConnectionPhase::Sending;
    case State::AwaitingQuit221:
        return ConnectionPhase::Closing;
    case State::Closed:
        return ConnectionPhase::Closed;
    }
    return ConnectionPhase::Connecting;
}

void SmtpConnection::setState(State state)
{
    m_state = state;
    ConnectionPhase phase = phaseOf(state);
    // Once TLS starts, the greeting (implicit TLS) and the second EHLO (STARTTLS) belong to it.
    if (m_phase == ConnectionPhase::Tls
        && (state == State::AwaitingGreeting220 || state == State::AwaitingEhlo250
            || state == State::AwaitingHelo250))
        phase = ConnectionPhase::Tls;
    setPhase(phase);
}

void SmtpConnection::setPhase(ConnectionPhase phase)
{
    if (m_phaseReported && phase == m_phase)
        return;
    m_phase = phase;
    m_phaseReported = true;
    Q_EMIT phaseChanged(phase);
}

void SmtpConnection::setFinalDotGate(FinalDotGate gate)
{
    m_finalDotGate = std::move(gate);
}

void SmtpConnection::setNextMessageProvider(NextMessageProvider provider)
{
    m_nextMessage = std::move(provider);
}

void SmtpConnection::connectSocketSignals()
{
    QTcpSocket *socket = m_socket.get();
    connect(socket, &QTcpSocket::connected, this, &SmtpConnection::onConnected);
    connect(socket, &QTcpSocket::readyRead, this, &SmtpConnection::onReadyRead);
    connect(socket, &QTcpSocket::errorOccurred, this, &SmtpConnection::onSocketError);
    connect(socket, &QTcpSocket::disconnected, this, &SmtpConnection::onDisconnected);
    // channelBytesWritten rather than bytesWritten: Qt skips the latter when it would recurse.
    // (An unbuffered socket is counted by writeRaw() and after its later flushes.)
    if (m_tlsSocket) {
        connect(socket, &QTcpSocket::channelBytesWritten, this, &SmtpConnection::onBytesFlushed);
    } else {
        connect(socket, &QTcpSocket::bytesWritten, this, &SmtpConnection::countUnbufferedFlush);
    }
}

void SmtpConnection::open()
{
    Q_ASSERT(m_state == State::Disconnected);
    if (m_endpoint.security == SecurityMode::None) {
        m_socket = std::make_unique<QTcpSocket>();
        connectSocketSignals();
        setState(State::Connecting);
        m_replyTimer->start(m_timeouts.connect);
        m_socket->connectToHost(m_endpoint.host,
                                m_endpoint.port,
                                QIODevice::ReadWrite | QIODevice::Unbuffered);
        return;
    }

    auto tlsSocket = std::make_unique<QSslSocket>();
    m_tlsSocket = tlsSocket.get();
    m_socket = std::move(tlsSocket);
    QSslSocket *socket = m_tlsSocket;
    connectSocketSignals();
    connect(socket, &QSslSocket::encrypted, this, &SmtpConnection::onEncrypted);
    connect(socket, &QSslSocket::sslErrors, this, &SmtpConnection::onSslErrors);

    Result<TlsTrust> trust = TlsTrust::load(m_endpoint.trustCertificateFile,
                                            m_endpoint.verification);
    if (!trust) {
        // The only way loading fails: no PEM certificate in the file named to trust.
        const CloseNote failure = CloseNote::make(CloseNote::Code::TrustFileUnreadable,
                                                  {m_endpoint.trustCertificateFile});
        // Report from the event loop, so that the caller sees the connection open normally.
        QMetaObject::invokeMethod(
            this, [this, failure] { failWith(failure); }, Qt::QueuedConnection);
        setState(State::Connecting);
        return;
    }
    m_trust = std::move(*trust);
    if (m_trust.skipsVerification()) {
        spdlog::warn("connection #{} WILL NOT VERIFY the server's TLS certificate "
                     "(insecureSkipCertificateVerification is set): anyone on the network path "
                     "can read the password and the messages",
                     m_id);
    }
    const QSslConfiguration tls = m_trust.configuration();
    socket->setSslConfiguration(tls);

    setState(State::Connecting);
    m_replyTimer->start(m_timeouts.connect);
    if (m_endpoint.security == SecurityMode::ImplicitTls)
        socket->connectToHostEncrypted(m_endpoint.host, m_endpoint.port);
    else
        socket->connectToHost(m_endpoint.host, m_endpoint.port);
}

void SmtpConnection::onConnected()
{
    m_facts.tcpConnected = true;
    // With implicit TLS the greeting arrives only after the handshake (onEncrypted).
    if (m_endpoint.security == SecurityMode::ImplicitTls) {
        setPhase(ConnectionPhase::Tls);
        return;
    }
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    setState(State::AwaitingGreeting220);
    m_pending.push_back({SmtpStage::Greeting});
    armReplyTimer();
}

void SmtpConnection::onEncrypted()
{
    m_tlsActive = true;
    const QSslCipher cipher = m_tlsSocket->sessionCipher();
    m_facts.tlsProtocol = cipher.protocolString();
    m_facts.tlsCipher = cipher.name();
    m_facts.peerCertificateChain = m_tlsSocket->peerCertificateChain();
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_state == State::TlsHandshake) {
        // RFC 3207 §4.2: forget everything learned before TLS and start over with EHLO.
        m_capabilities = {};
        sendEhlo();
        return;
    }
    setState(State::AwaitingGreeting220);
    m_pending.push_back({SmtpStage::Greeting});
    armReplyTimer();
}

void SmtpConnection::onReadyRead()
{
    if (m_state == State::Closed || m_state == State::TlsHandshake)
        return;
    readAvailable();
    // An unbuffered socket learns that the server closed only from a read, and then drops to
    // UnconnectedState without emitting disconnected(): handle it after the replies that came
    // with the close.
    const bool serverClosed = m_socket->state() == QAbstractSocket::UnconnectedState;
    while (m_state != State::Closed) {
        std::optional<Result<SmtpReply>> next = m_parser.takeReply();
        if (!next)
            break;
        if (!next->has_value()) {
            const QString error = next->error().message;
            // A failed parser stays failed; a fresh one can still recognise the 221 to QUIT.
            m_parser = SmtpReplyParser{};
            if (m_goodbye)
                return; // only a 221 matters now
            const CloseNote detail = CloseNote::make(CloseNote::Code::NotSmtpReply, {error});
            // Replies no longer pair up with commands: a DATA outstanding cannot be waited for.
            if (isAwaiting(SmtpStage::Data))
                close(CloseReason::ProtocolError, detail);
            else
                closeWithQuit(CloseReason::ProtocolError, detail);
            return;
        }
        handleReply(**next);
        if (m_state == State::TlsHandshake)
            return; // the rest of the buffer was discarded before the handshake
    }
    if (serverClosed)
        onDisconnected();
}

void SmtpConnection::onSocketError()
{
    if (m_state == State::Closed)
        return;
    if (m_goodbye) {
        finishGoodbye();
        return;
    }
    const QAbstractSocket::SocketError error = m_socket->error();
    m_facts.socketError = error;
    if (error == QAbstractSocket::RemoteHostClosedError) {
        onDisconnected();
        return;
    }
    if (error == QAbstractSocket::SslHandshakeFailedError && !m_facts.sslErrors.isEmpty()) {
        QStringList problems;
        for (const QSslError &sslError : std::as_const(m_facts.sslErrors))
            problems.append(sslError.errorString());
        const QString certificate = peerCertificateDescription();
        failWith(CloseNote::make(CloseNote::Code::TlsCertificateRejected,
                                 {problems.join(QStringLiteral("; ")), certificate}));
        return;
    }
    if (error == QAbstractSocket::SslHandshakeFailedError
        || error == QAbstractSocket::SslInternalError
        || error == QAbstractSocket::SslInvalidUserDataError) {
        failWith(CloseNote::make(CloseNote::Code::TlsHandshakeFailed,
                                 {m_endpoint.displayAddress(), m_socket->errorString()}));
        return;
    }
    close(CloseReason::Error,
          CloseNote::make(CloseNote::Code::SocketError,
                          {m_endpoint.displayAddress(), m_socket->errorString()}));
}

void SmtpConnection::onSslErrors(const QList<QSslError> &errors)
{
    // A certificate the campaign names is trusted even when it is self-signed or its issuer is
    // unknown (a certificate pinned by the user); every other check (name, dates) still applies.
    const QSslCertificate peer = m_tlsSocket->peerCertificate();
    m_facts.peerCertificateChain = m_tlsSocket->peerCertificateChain();
    if (m_trust.acceptsDespite(peer, errors)) {
        m_tlsSocket->ignoreSslErrors(errors);
        return;
    }
    m_facts.sslErrors = errors;
    m_facts.isTrustable = TlsTrust::isTrustable(peer, errors);
}

void SmtpConnection::readAvailable()
{
    // read() rather than readAll(): on an unbuffered socket readAll() does not read at all when
    // the kernel reports no bytes, which is how the server's close shows.
    char buffer[16384];
    for (;;) {
        const qint64 count = m_socket->read(buffer, sizeof buffer);
        if (count > 0)
            m_parser.append(QByteArrayView(buffer, count));
        if (count < qint64(sizeof buffer))
            return;
    }
}

void SmtpConnection::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    // A reply may have arrived together with the close.
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
    if (m_state == State::Closed)
        return;
    if (m_goodbye) {
        finishGoodbye();
        return;
    }
    if (m_state == State::AwaitingQuit221) {
        close(*m_quitReason, CloseNote::make(CloseNote::Code::ServerClosedBeforeQuit));
        return;
    }
    close(CloseReason::ServerClosed, CloseNote::make(CloseNote::Code::ServerClosed));
}

void SmtpConnection::onBytesFlushed(int channel, qint64 bytes)
{
    Q_UNUSED(channel)
    m_bytesFlushed += bytes;
}

void SmtpConnection::countUnbufferedFlush()
{
    // What the kernel did not take waits in the socket's own buffer.
    m_bytesFlushed = m_bytesQueued - m_socket->bytesToWrite();
}

void SmtpConnection::onReplyTimeout()
{
    if (m_state == State::Closed)
        return;
    if (m_goodbye) {
        finishGoodbye(); // no 221 within QuitReplyTimeout
        return;
    }
    if (m_quitReason && !m_sessionEstablished) {
        close(*m_quitReason, CloseNote::make(CloseNote::Code::ClosedBeforeSession));
        return;
    }
    if (m_pending.empty()) {
        // After STARTTLS the handshake runs on the command timeout (handleStartTls); the TCP
        // connection and an implicit TLS handshake on the connect timeout (open).
        const bool afterStartTls = m_state == State::TlsHandshake;
        const auto seconds = (afterStartTls ? m_timeouts.command : m_timeouts.connect).count();
        close(CloseReason::Timeout,
              CloseNote::make(afterStartTls ? CloseNote::Code::TlsHandshakeTimedOut
                                            : CloseNote::Code::ConnectTimedOut,
                              {m_endpoint.displayAddress(), QString::number(seconds)}));
        return;
    }
    const SmtpStage stage = m_pending.front().stage;
    if (stage == SmtpStage::Quit) {
        close(*m_quitReason, CloseNote::make(CloseNote::Code::NoQuitReply));
        return;
    }
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeoutFor(stage));
    close(CloseReason::Timeout,
          CloseNote::make(CloseNote::Code::NoReply,
                          {stageName(stage), QString::number(seconds.count())}));
}

void SmtpConnection::handleReply(const SmtpReply &reply)
{
    logServer(reply);
    m_lastActivity = m_clock.now();
    if (m_goodbye) {
        handleGoodbyeReply(reply);
        return;
    }
    m_facts.lastReply = reply;
    if (m_pending.empty()) {
        // RFC 5321 §3.8: a server may send 421 at any time before closing.
        if (reply.code == 421) {
            closeOnServer421(reply, classifyReply(reply, SmtpStage::Noop));
            return;
        }
        closeWithQuit(CloseReason::ProtocolError,
                      CloseNote::make(CloseNote::Code::ReplyWithoutCommand, {reply.toString()}));
        return;
    }
    const PendingReply pending = m_pending.front();
    m_pending.pop_front();
    armReplyTimer();
    // quit() while the session was being set up: now that the server takes commands, goodbye
    // instead of going on. Refusals and 421 take their usual paths below.
    const bool takesCommandsNow = (pending.stage == SmtpStage::Greeting && reply.isClass(220))
                                  || ((pending.stage == SmtpStage::Ehlo
                                       || pending.stage == SmtpStage::Helo)
                                      && reply.isClass(250))
                                  || (pending.stage == SmtpStage::Auth && reply.isClass(235));
    if (m_quitReason && takesCommandsNow) {
        closeWithQuit(*m_quitReason, CloseNote::make(CloseNote::Code::ClosedBeforeSession));
        return;
    }

    switch (pending.stage) {
    case SmtpStage::Greeting:
        handleGreeting(reply);
        break;
    case SmtpStage::Ehlo:
        handleEhlo(reply);
        break;
    case SmtpStage::Helo:
        handleHelo(reply);
        break;
    case SmtpStage::StartTls:
        handleStartTls(reply);
        break;
    case SmtpStage::Auth:
        handleAuth(reply);
        break;
    case SmtpStage::MailFrom:
    case SmtpStage::RcptTo:
    case SmtpStage::Data:
    case SmtpStage::FinalDot:
    case SmtpStage::Rset:
        handleTransactionReply(pending, reply);
        break;
    case SmtpStage::Noop:
        handleNoop(reply);
        break;
    case SmtpStage::Quit:
        m_quitAnswered = reply.code == 221;
        close(*m_quitReason,
              m_quitAnswered ? CloseNote()
                             : CloseNote::make(CloseNote::Code::QuitAnswered, {reply.toString()}));
        break;
    }
}

void SmtpConnection::handleGreeting(const SmtpReply &reply)
{
    m_facts.greeting = reply.text();
    if (reply.isClass(220)) {
        sendEhlo();
        return;
    }
    const Classification classification = classifyReply(reply, SmtpStage::Greeting);
    if (reply.code == 421) {
        closeOnServer421(reply, classification);
        return;
    }
    failWith(classification);
}

void SmtpConnection::sendEhlo()
{
    setState(State::AwaitingEhlo250);
    writeCommand("EHLO " + heloName(), SmtpStage::Ehlo);
}

void SmtpConnection::handleEhlo(const SmtpReply &reply)
{
    if (reply.isClass(250)) {
        m_capabilities = SmtpCapabilities::fromEhloReply(reply);
        if (m_endpoint.security == SecurityMode::StartTls && !m_tlsActive) {
            if (!m_capabilities.offersStartTls()) {
                // RFC 3207 §4: never fall back to plain text when TLS was asked for.
                failWith(
                    CloseNote::make(CloseNote::Code::NoStartTls, {m_endpoint.displayAddress()}));
                return;
            }
            setState(State::AwaitingStartTls220);
            writeCommand("STARTTLS", SmtpStage::StartTls);
            return;
        }
        startAuthentication();
        return;
    }
    if (reply.code == 421) {
        closeOnServer421(reply, classifyReply(reply, SmtpStage::Ehlo));
        return;
    }
    if (shouldFallBackToHelo(reply)) {
        // RFC 5321 §3.2 and §4.1.4: a server that does not know EHLO (500/501/502/504) gets
        // HELO. Any other refusal ("554 you are not welcome") would refuse HELO as well.
        m_usedHelo = true;
        setState(State::AwaitingHelo250);
        writeCommand("HELO " + heloName(), SmtpStage::Helo);
        return;
    }
    if (reply.isPermanentFailure()) {
        failWith(classifyReply(reply, SmtpStage::Ehlo));
        return;
    }
    closeWithQuit(CloseReason::Error,
                  CloseNote::make(CloseNote::Code::EhloRefused, {reply.toString()}));
}

void SmtpConnection::handleHelo(const SmtpReply &reply)
{
    if (!reply.isClass(250)) {
        failWith(classifyReply(reply, SmtpStage::Helo));
        return;
    }
    m_capabilities = {};
    if (m_endpoint.security == SecurityMode::StartTls && !m_tlsActive) {
        failWith(CloseNote::make(CloseNote::Code::NoEhloForStartTls, {m_endpoint.displayAddress()}));
        return;
    }
    startAuthentication();
}

void SmtpConnection::handleStartTls(const SmtpReply &reply)
{
    if (!reply.isClass(220)) {
        failWith(CloseNote::make(CloseNote::Code::StartTlsRefused, {reply.toString()}));
        return;
    }
    setState(State::TlsHandshake);
    // RFC 3207 §4 (and CVE-2011-0411): anything the server sent after its 220 and before the
    // handshake is not protected by TLS and must not be taken as a reply.
    const qint64 discarded = m_socket->bytesAvailable();
    if (m_parser.hasBufferedData() || discarded > 0) {
        spdlog::warn("connection #{} discarding data the server sent in plain text before the TLS "
                     "handshake (RFC 3207 §4)",
                     m_id);
    }
    m_parser.clear();
    m_socket->skip(discarded);
    m_replyTimer->start(m_timeouts.command);
    m_tlsSocket->startClientEncryption();
}

void SmtpConnection::startAuthentication()
{
    if (m_credentials.usesAccessToken()) {
        startOAuthAuthentication();
        return;
    }
    if (m_credentials.username.isEmpty()) {
        finishSessionSetup();
        return;
    }
    setState(State::AwaitingAuth);
    m_authStep = 1;
    if (m_capabilities.offersAuthMechanism(u"PLAIN")) {
        // RFC 4616 with the initial response of RFC 4954 §4: one round trip.
        m_authMechanism = QStringLiteral("PLAIN");
        const QByteArray token = plainSaslResponse(m_credentials.username, m_credentials.password);
        writeCommand("AUTH PLAIN " + token.toBase64(), SmtpStage::Auth);
        return;
    }
    if (m_capabilities.offersAuthMechanism(u"LOGIN")) {
        m_authMechanism = QStringLiteral("LOGIN");
        writeCommand("AUTH LOGIN", SmtpStage::Auth);
        return;
    }
    const QString offered = m_capabilities.authMechanisms().join(u' ');
    failWith(offered.isEmpty()
                 ? CloseNote::make(CloseNote::Code::NoAuthOffered, {m_endpoint.displayAddress()})
                 : CloseNote::make(CloseNote::Code::NoSupportedAuth, {offered}));
}

QByteArray SmtpConnection::oauthInitialResponse() const
{
    return oauthSaslResponse(m_authMechanism == u"OAUTHBEARER" ? OAuthMechanism::OAuthBearer
                                                               : OAuthMechanism::XOAuth2,
                             m_credentials.username,
                             m_credentials.accessToken);
}

void SmtpConnection::startOAuthAuthentication()
{
    if (m_capabilities.offersAuthMechanism(u"XOAUTH2")) {
        m_authMechanism = QStringLiteral("XOAUTH2");
    } else if (m_capabilities.offersAuthMechanism(u"OAUTHBEARER")) {
        m_authMechanism = QStringLiteral("OAUTHBEARER");
    } else {
        failWith(CloseNote::make(CloseNote::Code::NoOAuthOffered,
                                 {m_endpoint.displayAddress(),
                                  m_capabilities.authMechanisms().join(u' ')}));
        return;
    }
    if (m_credentials.username.isEmpty()) {
        failWith(CloseNote::make(CloseNote::Code::OAuthNeedsUsername));
        return;
    }
    setState(State::AwaitingAuth);
    m_oauthChallenge.reset();
    m_accessTokenRefused = false;
    const QByteArray command = "AUTH " + m_authMechanism.toLatin1();
    const QByteArray response = oauthInitialResponse().toBase64();
    // RFC 4954 §4: the AUTH command keeps SMTP's line limit, so a longer initial response
    // (Microsoft's tokens are 1-2 KB) goes after an empty 334 challenge instead (RFC 4422 §5).
    if (command.size() + 1 + response.size() + 2 <= MaxCommandLine) {
        m_authStep = 1;
        writeCommand(command + ' ' + response, SmtpStage::Auth);
    } else {
        m_authStep = 0;
        writeCommand(command, SmtpStage::Auth);
    }
}

void SmtpConnection::handleOAuthReply(const SmtpReply &reply)
{
    if (reply.code == 334) {
        if (m_authStep == 0) {
            // The empty challenge that asks for the initial response.
            m_authStep = 1;
            writeCommand(oauthInitialResponse().toBase64(), SmtpStage::Auth);
            return;
        }
        if (m_authStep == 1) {
            // RFC 7628 §3.2.2: the token was refused; the challenge says why, and the exchange
            // must still be finished before the server sends its final reply: a single %x01 for
            // OAUTHBEARER (§3.2.3), an empty line for XOAUTH2. Never logged: redacted like any 334.
            m_oauthChallenge = OAuthErrorChallenge::fromBase64(reply.lines.join());
            m_authStep = 2;
            writeCommand(m_authMechanism == u"OAUTHBEARER" ? QByteArray("AQ==") : QByteArray(),
                         SmtpStage::Auth);
            return;
        }
        // The server waits for a SASL response, which a QUIT would become: no goodbye.
        close(CloseReason::ProtocolError,
              CloseNote::make(CloseNote::Code::UnexpectedSecondAuthChallenge, {m_authMechanism}));
        return;
    }
    if (reply.code == 421) {
        closeOnServer421(reply, classifyReply(reply, SmtpStage::Auth));
        return;
    }
    if (reply.isPositive()) {
        closeWithQuit(CloseReason::ProtocolError,
                      CloseNote::make(CloseNote::Code::UnexpectedReply,
                                      {QStringLiteral("AUTH ") + m_authMechanism,
                                       reply.toString()}));
        return;
    }
    const OAuthFailure failure = classifyOAuthFailure(reply, m_oauthChallenge);
    m_accessTokenRefused = failure.isTokenRefused;
    failWith(failure.classification);
}

void SmtpConnection::handleAuth(const SmtpReply &reply)
{
    if (reply.code == 235) {
        m_authenticated = true;
        finishSessionSetup();
        return;
    }
    if (m_credentials.usesAccessToken()) {
        handleOAuthReply(reply);
        return;
    }
    if (reply.code == 334 && m_authMechanism == u"LOGIN" && m_authStep < 3) {
        // RFC 4954 §4 with the LOGIN challenges "Username:" then "Password:".
        ++m_authStep;
        const QString &value = m_authStep == 2 ? m_credentials.username : m_credentials.password;
        writeCommand(value.toUtf8().toBase64(), SmtpStage::Auth);
        return;
    }
    if (reply.code == 334) {
        // An exchange we do not understand. The server now waits for a SASL response, which a
        // QUIT would become, so the connection closes without one.
        close(CloseReason::ProtocolError,
              CloseNote::make(CloseNote::Code::UnexpectedAuthChallenge, {m_authMechanism}));
        return;
    }
    const Classification classification = classifyReply(reply, SmtpStage::Auth);
    if (reply.code == 421) {
        closeOnServer421(reply, classification);
        return;
    }
    failWith(classification);
}

void SmtpConnection::finishSessionSetup()
{
    m_sessionEstablished = true;
    setState(State::Idle);
    Q_EMIT established();
}

std::optional<MessageOutcome> SmtpConnection::precheck(const OutgoingMessage &message) const
{
    // What only this recipient's message has (its address) fails it; what every message of the
    // campaign shares (its size, the sender's address) is a configuration problem that would fail
    // them all: Fatal, so that the campaign stops once with the reason instead.
    auto refuse = [&](QString why, ReplyVerdict verdict = ReplyVerdict::RecipientPermanent) {
        MessageOutcome outcome;
        outcome.messageId = message.id;
        outcome.connectionId = m_id;
        outcome.stage = SmtpStage::MailFrom;
        outcome.classification = {verdict, std::move(why)};
        return outcome;
    };
    // RFC 1870 §6: a message larger than the declared SIZE would be refused after transfer.
    // The size counts CRLF line ends (§5), which a message with LF line ends gains in transfer.
    const qint64 limit = m_capabilities.sizeLimit();
    const qint64 size = limit > 0 ? messageDataSize(message.content) : 0;
    if (limit > 0 && size > limit) {
        return refuse(QStringLiteral("The message is %1 bytes; the server %2 accepts at most %3 "
                                     "(SIZE). Make it smaller (attachments) and send again.")
                          .arg(size)
                          .arg(m_endpoint.displayAddress())
                          .arg(limit),
                      ReplyVerdict::Fatal);
    }
    if (message.requiresSmtpUtf8 && !m_capabilities.acceptsSmtpUtf8()) {
        const bool senderNeedsIt = std::any_of(message.envelopeFrom.begin(),
                                               message.envelopeFrom.end(),
                                               [](char c) { return uchar(c) >= 0x80; });
        if (senderNeedsIt) {
            return refuse(QStringLiteral("The sender's address needs SMTPUTF8 (RFC 6531), which "
                                         "the server %1 does not offer: no message can be sent "
                                         "from it there.")
                              .arg(m_endpoint.displayAddress()),
                          ReplyVerdict::Fatal);
        }
        return refuse(QStringLiteral(
            "The address needs SMTPUTF8 (RFC 6531), which the server does not offer."));
    }
    if (message.requires8BitMime && !m_capabilities.accepts8BitMime()) {
        return refuse(QStringLiteral(
            "The message has 8-bit content and the server does not offer 8BITMIME."));
    }
    return std::nullopt;
}

QByteArray SmtpConnection::mailFromCommand(const OutgoingMessage &message) const
{
    QByteArray command = "MAIL FROM:<" + message.envelopeFrom + '>';
    if (m_capabilities.declaresSize())
        command += " SIZE=" + QByteArray::number(messageDataSize(message.content)); // RFC 1870 §5
    if (message.requires8BitMime && m_capabilities.accepts8BitMime())
        command += " BODY=8BITMIME";
    if (message.requiresSmtpUtf8 && m_capabilities.acceptsSmtpUtf8())
        command += " SMTPUTF8";
    return command;
}

void SmtpConnection::send(const OutgoingMessage &message)
{
    Q_ASSERT(m_state == State::Idle);
    setState(State::Transaction);
    m_transactions.push_back(makeTransaction(message));
    QByteArray out;
    if (m_needsRset) {
        // The previous transaction failed after MAIL was accepted: clear it (RFC 5321 §4.1.1.5).
        m_needsRset = false;
        queueCommand(out, "RSET", SmtpStage::Rset, 0);
        if (!m_capabilities.allowsPipelining()) {
            writeRaw(out);
            return; // the envelope follows RSET's reply
        }
    }
    appendEnvelope(m_transactions.back(), out);
    writeRaw(out);
}

void SmtpConnection::appendEnvelope(Transaction &transaction, QByteArray &out)
{
    const OutgoingMessage &message = transaction.message;
    queueCommand(out, mailFromCommand(message), SmtpStage::MailFrom, message.id);
    transaction.commandsSent = 1;
    if (m_capabilities.allowsPipelining()) {
        // RFC 2920 §3.1: MAIL, RCPT and DATA may go in one group; DATA must end it.
        queueCommand(out, "RCPT TO:<" + message.recipient + '>', SmtpStage::RcptTo, message.id);
        for (int i = 0; i < message.copies.size(); ++i)
            queueCommand(out,
                         "RCPT TO:<" + message.copies[i] + '>',
                         SmtpStage::RcptTo,
                         message.id,
                         i);
        queueCommand(out, "DATA", SmtpStage::Data, message.id);
        transaction.commandsSent = 3;
    }
}

MessageOutcome SmtpConnection::makeOutcome(quint64 messageId,
                                           SmtpStage stage,
                                           const SmtpReply &reply) const
{
    MessageOutcome outcome;
    outcome.messageId = messageId;
    outcome.connectionId = m_id;
    outcome.stage = stage;
    outcome.reply = reply;
    outcome.classification = classifyReply(reply, stage);
    return outcome;
}

SmtpConnection::Transaction *SmtpConnection::findTransaction(quint64 messageId)
{
    for (Transaction &transaction : m_transactions) {
        if (transaction.message.id == messageId)
            return &transaction;
    }
    return nullptr;
}

void SmtpConnection::handleTransactionReply(const PendingReply &pending, const SmtpReply &reply)
{
    if (pending.stage == SmtpStage::Rset) {
        if (!reply.isClass(2)) {
            const CloseNote detail = CloseNote::make(CloseNote::Code::RsetRefused,
                                                     {reply.toString()});
            if (reply.code == 421)
                close(CloseReason::Server421, detail, classifyReply(reply, SmtpStage::Rset));
            else
                closeWithQuit(CloseReason::ProtocolError,
                              detail,
                              classifyReply(reply, SmtpStage::Rset));
            return;
        }
        if (!m_capabilities.allowsPipelining() && !m_transactions.empty()) {
            QByteArray out;
            appendEnvelope(m_transactions.front(), out);
            writeRaw(out);
        }
        return;
    }

    Transaction *transaction = findTransaction(pending.messageId);
    if (!transaction) {
        closeWithQuit(CloseReason::ProtocolError,
                      CloseNote::make(CloseNote::Code::TransactionNotOpen));
        return;
    }
    const bool pipelined = m_capabilities.allowsPipelining();
    const bool positive = pending.stage == SmtpStage::Data ? reply.code == 354 : reply.isClass(2);

    if (pending.copyIndex >= 0 && reply.code != 421) {
        // A copy's RCPT: its refusal goes with the outcome, and is never the message's failure.
        if (positive) {
            ++transaction->copiesAccepted;
        } else {
            transaction->copyRejections.append(
                {transaction->message.copies.value(pending.copyIndex), reply});
        }
        if (!pipelined)
            writeCopyOrData(*transaction, pending.copyIndex + 1);
        return;
    }
    if (!positive && !transaction->failure)
        transaction->failure = makeOutcome(pending.messageId, pending.stage, reply);

    if (reply.code == 421) {
        // RFC 5321 §3.8: the server is closing. The message was not accepted: report it (the
        // classification says whether it was throttling) and close; the pipeline behind it is
        // abandoned and goes back to the queue.
        // The outcome carries the classification, so the closure does not repeat it. The
        // connection must not look idle in between: a message sent on becameIdle now would
        // only be written to a closing socket (or a QUIT sent to it).
        finishTransaction(*transaction->failure, AfterOutcome::Closing);
        if (m_state != State::Closed)
            closeOnServer421(reply);
        return;
    }
    if (transaction->failure
        && transaction->failure->classification.verdict == ReplyVerdict::ProtocolError) {
        // A reply that makes no sense here (354 to MAIL, say): the session cannot be trusted.
        closeWithQuit(CloseReason::ProtocolError,
                      CloseNote::make(CloseNote::Code::UnexpectedReply,
                                      {stageName(pending.stage), reply.toString()}));
        return;
    }

    switch (pending.stage) {
    case SmtpStage::MailFrom:
        transaction->mailAccepted = positive;
        if (!pipelined) {
            if (!positive) {
                finishTransaction(*transaction->failure);
                return;
            }
            writeCommand("RCPT TO:<" + transaction->message.recipient + '>',
                         SmtpStage::RcptTo,
                         transaction->message.id);
            transaction->commandsSent = 2;
        }
        return;
    case SmtpStage::RcptTo:
        if (!pipelined) {
            if (!positive) {
                m_needsRset = true;
                finishTransaction(*transaction->failure);
                return;
            }
            writeCopyOrData(*transaction, 0);
        }
        return;
    case SmtpStage::Data:
        if (positive && transaction->failure && transaction->copiesAccepted > 0) {
            // The main recipient was refused but a copy accepted (pipelined): even an empty
            // transfer would now deliver something to the copy alone. Leaving the DATA
            // unfinished makes the server discard it (RFC 5321 §4.1.1.4); QUIT would be content.
            finishTransaction(*transaction->failure, AfterOutcome::Closing);
            if (m_state != State::Closed) {
                close(CloseReason::Error,
                      CloseNote::make(CloseNote::Code::RecipientRefusedAfterCopy));
            }
            return;
        }
        if (positive && transaction->failure) {
            // RFC 2920 §3.1: DATA accepted although no recipient was: end the empty transfer.
            const QByteArray dot = ".\r\n";
            transaction->finalDotEnd = m_bytesQueued + dot.size();
            m_pending.push_back({SmtpStage::FinalDot, transaction->message.id});
            writeRaw(dot);
            return;
        }
        if (!positive) {
            m_needsRset = transaction->mailAccepted;
            finishTransaction(*transaction->failure);
            return;
        }
        sendContentAndPipelineNext(*transaction);
        return;
    case SmtpStage::FinalDot: {
        MessageOutcome outcome = transaction->failure
                                     ? *transaction->failure
                                     : makeOutcome(pending.messageId, pending.stage, reply);
        if (outcome.isDelivered())
            ++m_messagesDelivered;
        finishTransaction(outcome);
        return;
    }
    default:
        return;
    }
}

void SmtpConnection::writeCopyOrData(Transaction &transaction, int copyIndex)
{
    const OutgoingMessage &message = transaction.message;
    if (copyIndex < message.copies.size()) {
        writeCommand("RCPT TO:<" + message.copies[copyIndex] + '>',
                     SmtpStage::RcptTo,
                     message.id,
                     copyIndex);
        return;
    }
    writeCommand("DATA", SmtpStage::Data, message.id);
    transaction.commandsSent = 3;
}

void SmtpConnection::sendContentAndPipelineNext(Transaction &transaction)
{
    // The gate comes before anything else of the message leaves, and before the next message is
    // taken: a refused message must not take another one down with it.
    if (m_finalDotGate) {
        const quint64 messageId = transaction.message.id;
        if (Result<void> allowed = m_finalDotGate(messageId); !allowed) {
            // Not QUIT: the server is reading message data, where "QUIT" would be content. Closing
            // now leaves the DATA unfinished, which the server discards (RFC 5321 §4.1.1.4).
            if (m_state != State::Closed) {
                close(CloseReason::Error,
                      CloseNote::make(CloseNote::Code::MessageNotFinished,
                                      {allowed.error().message}));
            }
            return;
        }
        if (m_state == State::Closed)
            return; // the gate's owner aborted the connection: nothing may be written now
    }
    QByteArray out = encodeMessageData(transaction.message.content);
    transaction.finalDotEnd = m_bytesQueued + out.size();
    m_pending.push_back({SmtpStage::FinalDot, transaction.message.id});
    // RFC 2920 §3.1: the content and its dot may be followed by the next envelope in one write.
    bool nextFollows = false;
    if (m_capabilities.allowsPipelining() && m_nextMessage && !m_quitReason) {
        if (std::optional<OutgoingMessage> next = m_nextMessage()) {
            m_transactions.push_back(makeTransaction(*next));
            appendEnvelope(m_transactions.back(), out);
            nextFollows = true;
        }
    }
    // QUIT may end a group too (§3.1). When the pool has retired this connection (it calls
    // quit() while asked for the next message), the goodbye travels with the last message,
    // which saves the server a round trip and us a wake-up per connection.
    if (!nextFollows && m_quitReason && m_capabilities.allowsPipelining()
        && m_transactions.size() == 1) {
        queueCommand(out, QByteArrayLiteral("QUIT"), SmtpStage::Quit, 0);
        m_quitPipelined = true;
    }
    writeRaw(out);
}

void SmtpConnection::finishTransaction(MessageOutcome outcome, AfterOutcome after)
{
    const auto it = std::find_if(m_transactions.begin(),
                                 m_transactions.end(),
                                 [&](const Transaction &t) {
                                     return t.message.id == outcome.messageId;
                                 });
    if (it != m_transactions.end()) {
        outcome.copyRejections = it->copyRejections;
        m_transactions.erase(it);
    }
    Q_EMIT messageFinished(outcome);
    if (after == AfterOutcome::MayGoIdle)
        emitIdleIfDone();
}

void SmtpConnection::emitIdleIfDone()
{
    if (m_state != State::Transaction || !m_transactions.empty())
        return;
    if (m_quitPipelined) {
        if (m_pending.size() == 1 && m_pending.front().stage == SmtpStage::Quit) {
            setState(State::AwaitingQuit221);
            Q_EMIT quitting();
        }
        return;
    }
    if (!m_pending.empty())
        return;
    setState(State::Idle);
    if (m_quitReason) {
        sendQuit();
        return;
    }
    Q_EMIT becameIdle();
}

void SmtpConnection::checkHealth()
{
    Q_ASSERT(m_state == State::Idle);
    setState(State::AwaitingNoop250);
    writeCommand("NOOP", SmtpStage::Noop);
}

void SmtpConnection::handleNoop(const SmtpReply &reply)
{
    if (reply.isClass(250)) {
        setState(State::Idle);
        Q_EMIT healthCheckFinished(true, reply.toString(), CloseNote::words(reply.toString()));
        if (m_quitReason && m_state == State::Idle)
            sendQuit();
        return;
    }
    const CloseNote detail = CloseNote::make(CloseNote::Code::NoopAnswered, {reply.toString()});
    Q_EMIT healthCheckFinished(false, detail.english(), detail);
    if (reply.code == 421)
        close(CloseReason::Server421, detail);
    else
        closeWithQuit(CloseReason::HealthCheckFailed, detail);
}

void SmtpConnection::quit(CloseReason reason)
{
    if (m_state == State::Closed || m_quitReason)
        return;
    m_quitReason = reason;
    switch (m_state) {
    case State::Idle:
        sendQuit();
        return;
    case State::Transaction:
    case State::AwaitingNoop250:
        return; // QUIT follows the last reply
    case State::Connecting:
    case State::AwaitingGreeting220:
    case State::AwaitingEhlo250:
    case State::AwaitingHelo250:
    case State::AwaitingStartTls220:
    case State::TlsHandshake:
    case State::AwaitingAuth:
        // The server has (or is about to have) a session with us: QUIT as soon as it takes a
        // command, that is after its greeting, EHLO or AUTH reply (handleReply; a STARTTLS or
        // SASL exchange under way is finished first, as nothing else may be sent in it), rather
        // than drop a live connection (RFC 5321 §4.1.1.10). But not for long, as for the 221:
        // a server silent that long closes as before (onReplyTimeout).
        if (!m_replyTimer->isActive() || m_replyTimer->remainingTime() > QuitReplyTimeout)
            m_replyTimer->start(QuitReplyTimeout);
        return;
    default:
        close(reason, CloseNote::make(CloseNote::Code::ClosedBeforeSession));
        return;
    }
}

void SmtpConnection::sendQuit()
{
    setState(State::AwaitingQuit221);
    writeCommand("QUIT", SmtpStage::Quit);
}

void SmtpConnection::abort(CloseReason reason, const QString &detail)
{
    close(reason, CloseNote::words(detail));
}

void SmtpConnection::closeOnServer421(const SmtpReply &reply, std::optional<Classification> verdict)
{
    // RFC 5321 §3.8: the server is closing the channel; the classification says whether it was
    // throttling us.
    close(CloseReason::Server421,
          CloseNote::make(CloseNote::Code::ServerReplied, {reply.toString()}),
          std::move(verdict));
}

void SmtpConnection::failWith(const CloseNote &note)
{
    const Classification classification{ReplyVerdict::Fatal, note.english()};
    closeWithQuit(CloseReason::Error, note, classification);
}

void SmtpConnection::failWith(const Classification &classification, CloseReason reason)
{
    // The classifier's explanations are already in the user's words.
    closeWithQuit(reason, CloseNote::words(classification.explanation), classification);
}

bool SmtpConnection::canTakeCommands() const
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return false; // dead, or never connected
    switch (m_state) {
    case State::Disconnected:
    case State::Connecting:      // TCP or the implicit TLS handshake
    case State::TlsHandshake:    // after STARTTLS the server expects a ClientHello
    case State::AwaitingQuit221: // QUIT is already on its way
    case State::Closed:
        return false;
    default:
        // Before the greeting a command is a pipelining violation; after STARTTLS or AUTH the
        // server may be about to read TLS or a SASL response.
        return !isAwaiting(SmtpStage::Greeting) && !isAwaiting(SmtpStage::StartTls)
               && !isAwaiting(SmtpStage::Auth);
    }
}

bool SmtpConnection::isAwaiting(SmtpStage stage) const
{
    return std::any_of(m_pending.cbegin(), m_pending.cend(), [stage](const PendingReply &pending) {
        return pending.stage == stage;
    });
}

void SmtpConnection::closeWithQuit(CloseReason reason,
                                   const CloseNote &note,
                                   std::optional<Classification> verdict)
{
    if (m_state == State::Closed || m_goodbye)
        return;
    if (!canTakeCommands()) {
        close(reason, note, std::move(verdict));
        return;
    }
    noteFailureState();
    m_goodbye = Goodbye{reason, note, std::move(verdict)};
    m_quitReason = reason; // isClosingOrClosed(); quit() has nothing more to do
    setState(State::AwaitingQuit221);
    // One short deadline for the whole goodbye, also while a DATA reply is awaited first.
    m_replyTimer->start(timeoutFor(SmtpStage::Quit));
    sendGoodbyeQuitWhenSafe();
}

void SmtpConnection::sendGoodbyeQuitWhenSafe()
{
    if (m_goodbye->quitSent || isAwaiting(SmtpStage::Data))
        return;
    m_goodbye->quitSent = true;
    if (isAwaiting(SmtpStage::Quit))
        return; // it went out with the last message's final dot: one is enough
    writeCommand("QUIT", SmtpStage::Quit);
    m_replyTimer->start(timeoutFor(SmtpStage::Quit));
}

void SmtpConnection::handleGoodbyeReply(const SmtpReply &reply)
{
    // 221 answers nothing but QUIT; replies to what was pipelined before it no longer matter.
    if (reply.code == 221) {
        m_quitAnswered = true;
        finishGoodbye();
        return;
    }
    if (m_goodbye->quitSent || m_pending.empty())
        return;
    const SmtpStage stage = m_pending.front().stage;
    m_pending.pop_front();
    if (stage == SmtpStage::Data && reply.code == 354) {
        // The server now reads message content: a QUIT would be part of it. Closing discards
        // the unfinished message (RFC 5321 §3.3).
        finishGoodbye();
        return;
    }
    sendGoodbyeQuitWhenSafe();
}

void SmtpConnection::finishGoodbye()
{
    Goodbye goodbye = std::move(*m_goodbye);
    m_goodbye.reset();
    close(goodbye.reason, goodbye.note, std::move(goodbye.verdict));
}

void SmtpConnection::noteFailureState()
{
    // A goodbye asked for by quit() is not a failure; the state of a failure is kept from the
    // first close or goodbye (the later close happens in AwaitingQuit221).
    if (!m_facts.failedInState && m_state != State::AwaitingQuit221)
        m_facts.failedInState = m_state;
}

void SmtpConnection::close(CloseReason reason,
                           const CloseNote &note,
                           std::optional<Classification> verdict)
{
    if (m_state == State::Closed)
        return;
    noteFailureState();
    m_replyTimer->stop();
    ConnectionClosure closure;
    closure.connectionId = m_id;
    closure.reason = reason;
    closure.detail = note.english();
    closure.note = note;
    closure.quitAnswered = m_quitAnswered;
    closure.sessionEstablished = m_sessionEstablished;
    closure.messagesDelivered = m_messagesDelivered;
    closure.verdict = std::move(verdict);
    closure.accessTokenRefused = m_accessTokenRefused;
    for (const Transaction &transaction : m_transactions) {
        // With TLS the count is of bytes handed to the encryption layer, and even a written byte
        // may not have reached the server: both err towards "sent", which only costs a message
        // marked unconfirmed, never a silent duplicate.
        const bool finalDotSent = transaction.finalDotEnd > 0
                                  && m_bytesFlushed >= transaction.finalDotEnd;
        closure.abandoned.append({transaction.message, finalDotSent});
    }
    m_transactions.clear();
    m_pending.clear();
    setState(State::Closed);
    if (m_socket) {
        m_socket->disconnect(this);
        if (m_quitAnswered)
            m_socket->disconnectFromHost();
        else
            m_socket->abort();
    }
    Q_EMIT closed(closure);
}

void SmtpConnection::writeCommand(const QByteArray &line,
                                  SmtpStage stage,
                                  quint64 messageId,
                                  int copyIndex)
{
    QByteArray out;
    queueCommand(out, line, stage, messageId, copyIndex);
    writeRaw(out);
}

void SmtpConnection::queueCommand(
    QByteArray &out, const QByteArray &line, SmtpStage stage, quint64 messageId, int copyIndex)
{
    logClient(line);
    out += line;
    out += "\r\n";
    m_pending.push_back({stage, messageId, copyIndex});
}

void SmtpConnection::writeRaw(const QByteArray &bytes)
{
    const qint64 written = m_socket->write(bytes);
    m_bytesQueued += bytes.size();
    if (!m_tlsSocket) {
        // An unbuffered socket reports a failed write only by its result (a buffered one emits
        // errorOccurred from the event loop): take the same path, after the caller is done.
        if (written >= 0)
            countUnbufferedFlush();
        else
            QMetaObject::invokeMethod(this, &SmtpConnection::onSocketError, Qt::QueuedConnection);
    }
    m_lastActivity = m_clock.now();
    if (!m_replyTimer->isActive())
        armReplyTimer();
}

void SmtpConnection::armReplyTimer()
{
    if (m_pending.empty()) {
        m_replyTimer->stop();
        return;
    }
    m_replyTimer->start(timeoutFor(m_pending.front().stage));
}

std::chrono::milliseconds SmtpConnection::timeoutFor(SmtpStage stage) const
{
    switch (stage) {
    case SmtpStage::Greeting:
        return m_timeouts.greeting;
    case SmtpStage::Data:
        return m_timeouts.dataInitiation;
    case SmtpStage::FinalDot:
        return m_timeouts.finalDot;
    case SmtpStage::Quit:
        return std::min<std::chrono::milliseconds>(m_timeouts.command, QuitReplyTimeout);
    default:
        return m_timeouts.command;
    }
}

QByteArray SmtpConnection::heloName() const
{
    // RFC 5321 §4.1.4: the client's fully-qualified name, or an address literal.
    if (!m_endpoint.heloName.isEmpty())
        return m_endpoint.heloName.toUtf8();
    // Read once: uname() for every new connection adds up when a campaign rotates often.
    static const QString local = QHostInfo::localHostName();
    if (local.contains(u'.'))
        return local.toUtf8();
    // No FQDN: an address literal of the local end, "[192.0.2.1]" or "[IPv6:2001:db8::1]".
    const QHostAddress address = m_socket->localAddress();
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return "[IPv6:" + address.toString().toLatin1() + ']';
    return '[' + address.toString().toLatin1() + ']';
}

void SmtpConnection::logClient(const QByteArray &line)
{
    if (m_transcript)
        spdlog::debug("connection #{} C: {}",
                      m_id,
                      m_transcript->redactClientLine(line).toStdString());
}

void SmtpConnection::logServer(const SmtpReply &reply)
{
    if (!m_transcript)
        return;
    for (qsizetype i = 0; i < reply.lines.size(); ++i) {
        const QByteArray line = QByteArray::number(reply.code)
                                + (i + 1 < reply.lines.size() ? '-' : ' ') + reply.lines.at(i);
        spdlog::debug("connection #{} S: {}",
                      m_id,
                      m_transcript->redactServerLine(line).toStdString());
    }
}

} // namespace Bulkmail
