#include "imapconnection.h"

#include "net/saslresponse.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <spdlog/spdlog.h>

namespace Bulkmail {

namespace {

using Status = ImapResponse::Status;

QByteArray statusWord(Status status)
{
    switch (status) {
    case Status::Ok:
        return "OK";
    case Status::No:
        return "NO";
    case Status::Bad:
        return "BAD";
    case Status::PreAuth:
        return "PREAUTH";
    case Status::Bye:
        return "BYE";
    case Status::None:
        break;
    }
    return {};
}

// A LITERAL- server (RFC 7888 §4) takes non-synchronising literals up to this size.
constexpr qsizetype LiteralMinusLimit = 4096;

} // namespace

QString ImapEndpoint::displayAddress() const
{
    return host + u':' + QString::number(port);
}

QString ImapCommandResult::describe() const
{
    if (status == Status::None)
        return text;
    QString words = QString::fromLatin1(statusWord(status));
    if (!code.isEmpty())
        words += QStringLiteral(" [%1]").arg(QString::fromUtf8(code));
    if (!text.isEmpty())
        words += u' ' + text;
    return words;
}

QString imapCloseReasonName(ImapCloseReason reason)
{
    switch (reason) {
    case ImapCloseReason::LoggedOut:
        return QStringLiteral("logged-out");
    case ImapCloseReason::ServerClosed:
        return QStringLiteral("server-closed");
    case ImapCloseReason::ConnectFailed:
        return QStringLiteral("connect-failed");
    case ImapCloseReason::Timeout:
        return QStringLiteral("timeout");
    case ImapCloseReason::Tls:
        return QStringLiteral("tls");
    case ImapCloseReason::Refused:
        return QStringLiteral("refused");
    case ImapCloseReason::AuthenticationFailed:
        return QStringLiteral("authentication-failed");
    case ImapCloseReason::ProtocolError:
        return QStringLiteral("protocol-error");
    case ImapCloseReason::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

bool ImapClosure::isFatal() const
{
    return reason == ImapCloseReason::Tls || reason == ImapCloseReason::Refused
           || reason == ImapCloseReason::AuthenticationFailed;
}

ImapConnection::ImapConnection(int id,
                               ImapEndpoint endpoint,
                               ImapCredentials credentials,
                               ImapTimeouts timeouts,
                               QObject *parent)
    : ImapConnection(
        id, std::move(endpoint), std::move(credentials), timeouts, SystemClock::instance(), parent)
{}

ImapConnection::ImapConnection(int id,
                               ImapEndpoint endpoint,
                               ImapCredentials credentials,
                               ImapTimeouts timeouts,
                               const Clock &clock,
                               QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_endpoint(std::move(endpoint))
    , m_credentials(std::move(credentials))
    , m_timeouts(timeouts)
    , m_timer(clock.createTimer(this))
{
    connect(m_timer.get(), &ClockTimer::timeout, this, &ImapConnection::onTimeout);
}

ImapConnection::~ImapConnection()
{
    if (m_socket)
        m_socket->disconnect(this);
}

bool ImapConnection::hasCapability(QByteArrayView name) const
{
    return m_capabilities.contains(name.toByteArray().toUpper());
}

QString ImapConnection::tlsDescription() const
{
    return m_tlsActive ? tlsSessionDescription(m_tlsSocket) : QStringLiteral("none");
}

void ImapConnection::open()
{
    Q_ASSERT(m_state == State::Disconnected);
    m_state = State::Connecting;
    spdlog::info("imap #{} connecting to {} ({})",
                 m_id,
                 m_endpoint.displayAddress().toStdString(),
                 securityModeName(m_endpoint.security).toStdString());
    if (m_endpoint.security == SecurityMode::None) {
        m_socket = std::make_unique<QTcpSocket>();
    } else {
        Result<TlsTrust> trust = TlsTrust::load(m_endpoint.trustCertificateFile,
                                                m_endpoint.verification);
        if (!trust) {
            const QString detail = trust.error().message;
            // From the event loop, so that the caller sees the connection open normally.
            QMetaObject::invokeMethod(
                this, [this, detail] { close(ImapCloseReason::Tls, detail); }, Qt::QueuedConnection);
            return;
        }
        m_trust = std::move(*trust);
        auto socket = std::make_unique<QSslSocket>();
        m_tlsSocket = socket.get();
        m_tlsSocket->setSslConfiguration(m_trust.configuration());
        connect(m_tlsSocket, &QSslSocket::encrypted, this, &ImapConnection::onEncrypted);
        connect(m_tlsSocket, &QSslSocket::sslErrors, this, &ImapConnection::onSslErrors);
        m_socket = std::move(socket);
    }
    connect(m_socket.get(), &QTcpSocket::connected, this, &ImapConnection::onConnected);
    connect(m_socket.get(), &QTcpSocket::readyRead, this, &ImapConnection::onReadyRead);
    connect(m_socket.get(), &QTcpSocket::errorOccurred, this, &ImapConnection::onSocketError);
    connect(m_socket.get(), &QTcpSocket::disconnected, this, [this] {
        if (m_state == State::LoggingOut)
            close(ImapCloseReason::LoggedOut, ImapNote());
        else
            close(ImapCloseReason::ServerClosed, ImapNote::make(ImapNote::Code::ServerClosed));
    });
    armTimer(m_timeouts.connect);
    if (m_endpoint.security == SecurityMode::ImplicitTls)
        m_tlsSocket->connectToHostEncrypted(m_endpoint.host, m_endpoint.port);
    else
        m_socket->connectToHost(m_endpoint.host, m_endpoint.port);
}

void ImapConnection::onConnected()
{
    if (m_endpoint.security == SecurityMode::ImplicitTls)
        return; // the greeting follows the handshake (RFC 8314 §3.3)
    m_state = State::AwaitingGreeting;
    armTimer(m_timeouts.command);
}

void ImapConnection::onEncrypted()
{
    m_tlsActive = true;
    m_handshaking = false;
    if (m_state == State::Connecting) {
        m_state = State::AwaitingGreeting;
        armTimer(m_timeouts.command);
        return;
    }
    // After STARTTLS: RFC 9051 §6.2.1, what was learnt in plain text is forgotten.
    m_capabilities.clear();
    queueSetup("CAPABILITY", [this](const ImapCommandResult &) { afterCapabilities(); });
}

void ImapConnection::onSslErrors(const QList<QSslError> &errors)
{
    if (m_trust.acceptsDespite(m_tlsSocket->peerCertificate(), errors)) {
        m_tlsSocket->ignoreSslErrors(errors);
        return;
    }
    m_sslErrors = errors;
}

void ImapConnection::onReadyRead()
{
    if (m_state == State::Closed)
        return;
    if (m_handshaking)
        return; // the STARTTLS handshake is under way
    m_parser.append(m_socket->readAll());
    while (m_state != State::Closed) {
        std::optional<Result<ImapResponse>> next = m_parser.takeResponse();
        if (!next)
            return;
        if (!next->has_value()) {
            close(ImapCloseReason::ProtocolError,
                  ImapNote::make(ImapNote::Code::NotImap,
                                 {m_endpoint.displayAddress(), next->error().message}));
            return;
        }
        handleResponse(**next);
        if (m_handshaking)
            return; // STARTTLS accepted: nothing sent before the handshake counts
    }
}

void ImapConnection::onSocketError()
{
    if (m_state == State::Closed)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    const QString address = m_endpoint.displayAddress();
    if (error == QAbstractSocket::RemoteHostClosedError) {
        if (m_state == State::LoggingOut)
            close(ImapCloseReason::LoggedOut, ImapNote());
        else
            close(ImapCloseReason::ServerClosed, ImapNote::make(ImapNote::Code::ServerClosed));
        return;
    }
    if (error == QAbstractSocket::SslHandshakeFailedError && !m_sslErrors.isEmpty()) {
        QStringList problems;
        for (const QSslError &sslError : std::as_const(m_sslErrors))
            problems.append(sslError.errorString());
        close(ImapCloseReason::Tls,
              ImapNote::make(ImapNote::Code::CertificateRejected,
                             {problems.join(QStringLiteral("; "))}));
        return;
    }
    if (error == QAbstractSocket::SslHandshakeFailedError
        || error == QAbstractSocket::SslInternalError
        || error == QAbstractSocket::SslInvalidUserDataError) {
        close(ImapCloseReason::Tls,
              ImapNote::make(ImapNote::Code::TlsHandshakeFailed,
                             {address, m_socket->errorString()}));
        return;
    }
    const bool connecting = m_state == State::Connecting;
    close(connecting ? ImapCloseReason::ConnectFailed : ImapCloseReason::ServerClosed,
          ImapNote::make(ImapNote::Code::SocketError, {address, m_socket->errorString()}));
}

void ImapConnection::onTimeout()
{
    if (m_state == State::Closed)
        return;
    if (m_idling) {
        m_idleRestarting = true;
        endIdling();
        return;
    }
    if (m_state == State::LoggingOut) {
        close(ImapCloseReason::LoggedOut, ImapNote()); // the goodbye is a courtesy
        return;
    }
    const auto seconds = m_state == State::Connecting ? m_timeouts.connect : m_timeouts.command;
    close(ImapCloseReason::Timeout,
          ImapNote::make(m_state == State::Connecting ? ImapNote::Code::ConnectTimedOut
                                                      : ImapNote::Code::NoReply,
                         {m_endpoint.displayAddress(), QString::number(seconds.count())}));
}

void ImapConnection::armTimer(std::chrono::seconds timeout)
{
    m_timer->start(timeout);
}

// --- Responses ------------------------------------------------------------------------------

void ImapConnection::handleResponse(const ImapResponse &response)
{
    if (m_state == State::AwaitingGreeting) {
        handleGreeting(response);
        return;
    }
    if (m_inFlight && !m_idling)
        armTimer(m_timeouts.command); // while idling, the restart stays due
    switch (response.kind) {
    case ImapResponse::Kind::Continuation: {
        if (m_inFlight && m_inFlight->command.onIdling && !m_idling) {
            beginIdling();
            return;
        }
        if (!m_inFlight || !m_inFlight->command.onContinuation) {
            close(ImapCloseReason::ProtocolError,
                  ImapNote::make(ImapNote::Code::UnexpectedContinuation,
                                 {m_endpoint.displayAddress()}));
            return;
        }
        const std::optional<QByteArray> answer = m_inFlight->command.onContinuation(response);
        if (!answer) {
            close(ImapCloseReason::ProtocolError,
                  ImapNote::make(ImapNote::Code::ContinuationTooMany,
                                 {m_endpoint.displayAddress()}));
            return;
        }
        write(*answer);
        return;
    }
    case ImapResponse::Kind::Untagged:
        if (response.codeName() == "CAPABILITY" || response.dataName() == "CAPABILITY")
            learnCapabilities(response);
        if (response.status == Status::Bye)
            spdlog::info("imap #{} server says goodbye: {}", m_id, response.text.toStdString());
        // During IDLE, what the server says is news for whoever waits for it (RFC 2177 §3).
        if (m_inFlight && !m_inFlight->command.onIdling)
            m_inFlight->result.untagged.append(response);
        else
            Q_EMIT unsolicited(response);
        return;
    case ImapResponse::Kind::Tagged: {
        if (!m_inFlight || response.tag != m_inFlight->tag) {
            close(ImapCloseReason::ProtocolError,
                  ImapNote::make(ImapNote::Code::UnknownTag,
                                 {m_endpoint.displayAddress(), QString::fromLatin1(response.tag)}));
            return;
        }
        if (response.codeName() == "CAPABILITY")
            learnCapabilities(response);
        InFlight finished = std::move(*m_inFlight);
        m_inFlight.reset();
        m_timer->stop();
        m_idling = false;
        if (std::exchange(m_idleRestarting, false) && response.status == Status::Ok
            && !isWaitedFor()) {
            m_queue.push_front(std::move(finished.command)); // the same IDLE, once more
            sendNext();
            return;
        }
        finished.result.status = response.status;
        finished.result.code = response.code;
        finished.result.text = QString::fromUtf8(response.text);
        if (finished.command.done)
            finished.command.done(finished.result);
        sendNext();
        return;
    }
    }
}

void ImapConnection::handleGreeting(const ImapResponse &response)
{
    if (response.kind != ImapResponse::Kind::Untagged) {
        close(ImapCloseReason::ProtocolError,
              ImapNote::make(ImapNote::Code::NoGreeting, {m_endpoint.displayAddress()}));
        return;
    }
    switch (response.status) {
    case Status::Ok:
    case Status::PreAuth:
        break;
    case Status::Bye:
        close(ImapCloseReason::Refused,
              ImapNote::make(ImapNote::Code::GreetingRefused,
                             {m_endpoint.displayAddress(), QString::fromUtf8(response.text)}));
        return;
    default:
        close(ImapCloseReason::ProtocolError,
              ImapNote::make(ImapNote::Code::NoGreeting, {m_endpoint.displayAddress()}));
        return;
    }
    m_state = State::SettingUp;
    m_timer->stop();
    if (response.codeName() == "CAPABILITY")
        learnCapabilities(response);
    if (response.status == Status::PreAuth) {
        if (m_endpoint.security == SecurityMode::StartTls && !m_tlsActive) {
            // RFC 9051 §6.2.1: a pre-authenticated session cannot start TLS any more.
            close(ImapCloseReason::Refused,
                  ImapNote::make(ImapNote::Code::SignedInBeforeTls, {m_endpoint.displayAddress()}));
            return;
        }
        m_authenticated = true;
    }
    afterCapabilities();
}

void ImapConnection::learnCapabilities(const ImapResponse &response)
{
    m_capabilities.clear();
    if (response.codeName() == "CAPABILITY") {
        const QList<QByteArray> words = response.code.split(' ');
        for (qsizetype i = 1; i < words.size(); ++i)
            m_capabilities.insert(words.at(i).toUpper());
        return;
    }
    for (qsizetype i = 1; i < response.data.size(); ++i)
        m_capabilities.insert(response.data.at(i).text.toUpper());
}

void ImapConnection::afterCapabilities()
{
    if (m_capabilities.isEmpty()) {
        queueSetup("CAPABILITY", [this](const ImapCommandResult &result) {
            if (!result.isOk()) {
                close(ImapCloseReason::ProtocolError,
                      QStringLiteral("%1 refused CAPABILITY: %2")
                          .arg(m_endpoint.displayAddress(), result.describe()));
                return;
            }
            if (m_capabilities.isEmpty())
                m_capabilities.insert("IMAP4REV1"); // said nothing: assume the base protocol
            afterCapabilities();
        });
        return;
    }
    if (m_endpoint.security == SecurityMode::StartTls && !m_tlsActive) {
        startTls();
        return;
    }
    if (!m_authenticated && !m_credentials.username.isEmpty()) {
        signIn();
        return;
    }
    becomeReady();
}

void ImapConnection::startTls()
{
    if (!hasCapability("STARTTLS")) {
        // Never fall back to plain text when TLS was asked for.
        close(ImapCloseReason::Refused,
              ImapNote::make(ImapNote::Code::NoStartTls, {m_endpoint.displayAddress()}));
        return;
    }
    queueSetup("STARTTLS", [this](const ImapCommandResult &result) {
        if (!result.isOk()) {
            close(ImapCloseReason::Refused,
                  ImapNote::make(ImapNote::Code::StartTlsRefused,
                                 {m_endpoint.displayAddress(), result.describe()}));
            return;
        }
        // RFC 9051 §6.2.1 (and CVE-2011-0411 for SMTP): bytes that came before the handshake
        // are not protected and are never taken as responses.
        m_handshaking = true;
        m_parser.clear();
        m_socket->skip(m_socket->bytesAvailable());
        armTimer(m_timeouts.command);
        m_tlsSocket->startClientEncryption();
    });
}

void ImapConnection::signIn()
{
    if (m_credentials.usesAccessToken())
        signInWithAccessToken();
    else
        signInWithPassword();
}

void ImapConnection::signInWithAccessToken()
{
    // XOAUTH2 (Google, Microsoft) or OAUTHBEARER (RFC 7628), whichever is offered.
    const bool bearer = !hasCapability("AUTH=XOAUTH2") && hasCapability("AUTH=OAUTHBEARER");
    const QByteArray response = oauthSaslResponse(bearer ? OAuthMechanism::OAuthBearer
                                                         : OAuthMechanism::XOAuth2,
                                                  m_credentials.username,
                                                  m_credentials.accessToken);
    const QByteArray mechanism = bearer ? "OAUTHBEARER" : "XOAUTH2";
    Command command;
    command.setup = true;
    const bool initialResponse = hasCapability("SASL-IR");
    command.text = "AUTHENTICATE " + mechanism
                   + (initialResponse ? ' ' + response.toBase64() : QByteArray());
    bool responseSent = initialResponse;
    command.onContinuation = [response, responseSent](const ImapResponse &) mutable {
        if (!responseSent) {
            responseSent = true;
            return std::optional<QByteArray>(response.toBase64() + "\r\n");
        }
        // A refusal comes as a challenge with the error (RFC 7628 §3.2.3): answer it empty.
        return std::optional<QByteArray>("\r\n");
    };
    command.done = [this, mechanism](const ImapCommandResult &result) {
        if (!result.isOk()) {
            close(ImapCloseReason::AuthenticationFailed,
                  ImapNote::make(ImapNote::Code::SignInRefused,
                                 {QString::fromLatin1(mechanism), result.describe()}));
            return;
        }
        m_authenticated = true;
        m_credentials.accessToken.clear();
        afterSignIn(result);
    };
    enqueue(std::move(command));
}

void ImapConnection::signInWithPassword()
{
    Command command;
    command.setup = true;
    if (hasCapability("AUTH=PLAIN")) {
        // RFC 4616, with the initial response of RFC 4959 where offered: one round trip.
        const QByteArray token = plainSaslResponse(m_credentials.username, m_credentials.password)
                                     .toBase64();
        const bool initialResponse = hasCapability("SASL-IR");
        command.text = initialResponse ? QByteArray("AUTHENTICATE PLAIN " + token)
                                       : QByteArray("AUTHENTICATE PLAIN");
        bool sent = initialResponse;
        command.onContinuation = [token, sent](const ImapResponse &) mutable {
            if (sent)
                return std::optional<QByteArray>("*\r\n"); // cancel: it wants more than PLAIN has
            sent = true;
            return std::optional<QByteArray>(token + "\r\n");
        };
    } else if (hasCapability("LOGINDISABLED")) {
        close(ImapCloseReason::AuthenticationFailed,
              ImapNote::make(ImapNote::Code::PasswordNotAccepted, {m_endpoint.displayAddress()}));
        return;
    } else {
        const std::optional<QByteArray> quotedUser = imapQuoted(m_credentials.username.toUtf8());
        const std::optional<QByteArray> quotedPassword = imapQuoted(m_credentials.password.toUtf8());
        if (!quotedUser || !quotedPassword) {
            close(ImapCloseReason::AuthenticationFailed,
                  ImapNote::make(ImapNote::Code::LoginCannotCarry, {m_endpoint.displayAddress()}));
            return;
        }
        command.text = "LOGIN " + *quotedUser + ' ' + *quotedPassword;
    }
    command.done = [this](const ImapCommandResult &result) {
        if (!result.isOk()) {
            // Never a second attempt: a password guessed twice is how accounts get locked.
            close(ImapCloseReason::AuthenticationFailed,
                  ImapNote::make(ImapNote::Code::PasswordRefused, {result.describe()}));
            return;
        }
        m_authenticated = true;
        m_credentials.password.clear();
        afterSignIn(result);
    };
    enqueue(std::move(command));
}

void ImapConnection::afterSignIn(const ImapCommandResult &result)
{
    // The capabilities may change with the sign-in (RFC 9051 §7.1); many servers say so in the
    // tagged OK, which handleResponse has learnt from.
    if (result.code.toUpper().startsWith("CAPABILITY")) {
        becomeReady();
        return;
    }
    m_capabilities.clear();
    queueSetup("CAPABILITY", [this](const ImapCommandResult &) { becomeReady(); });
}

void ImapConnection::becomeReady()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Ready;
    m_wasReady = true;
    spdlog::info("imap #{} ready on {} (TLS: {})",
                 m_id,
                 m_endpoint.displayAddress().toStdString(),
                 tlsDescription().toStdString());
    Q_EMIT ready();
    sendNext();
}

// --- Commands -------------------------------------------------------------------------------

void ImapConnection::run(QByteArray command, Completion done, std::optional<QByteArray> literal)
{
    Command queued;
    queued.text = std::move(command);
    queued.done = std::move(done);
    queued.literal = std::move(literal);
    enqueue(std::move(queued));
}

void ImapConnection::queueSetup(QByteArray text, Completion done, std::optional<QByteArray> literal)
{
    Command command;
    command.text = std::move(text);
    command.done = std::move(done);
    command.literal = std::move(literal);
    command.setup = true;
    enqueue(std::move(command));
}

void ImapConnection::enqueue(Command command)
{
    if (m_state == State::Closed) {
        ImapCommandResult result;
        result.text = QStringLiteral("the IMAP connection is closed");
        if (command.done)
            command.done(result);
        return;
    }
    (command.setup ? m_setupQueue : m_queue).push_back(std::move(command));
    if (m_idling)
        endIdling(); // the command follows the IDLE's end
    sendNext();
}

void ImapConnection::idle(std::function<void()> accepted, Completion done)
{
    Command command;
    command.text = "IDLE";
    command.done = std::move(done);
    command.onIdling = accepted ? std::move(accepted) : std::function<void()>([] {});
    enqueue(std::move(command));
}

void ImapConnection::beginIdling()
{
    m_idling = true;
    m_inFlight->command.onIdling();
    if (m_state == State::Closed)
        return; // the caller aborted
    if (isWaitedFor()) {
        endIdling(); // asked for while the server was still to accept it
        return;
    }
    armTimer(IdleRestart);
}

void ImapConnection::endIdling()
{
    if (!m_idling || m_state == State::Closed)
        return;
    m_idling = false;
    write("DONE\r\n");
    armTimer(m_timeouts.command); // the IDLE's tagged answer
}

bool ImapConnection::isWaitedFor() const
{
    return !m_queue.empty() || !m_setupQueue.empty() || m_logoutRequested;
}

void ImapConnection::logout()
{
    if (m_state == State::Closed || m_logoutRequested)
        return;
    m_logoutRequested = true;
    if (m_state == State::Disconnected) {
        close(ImapCloseReason::LoggedOut, ImapNote());
        return;
    }
    endIdling();
    sendNext();
}

void ImapConnection::sendNext()
{
    if (m_inFlight || m_state == State::Closed || m_state == State::LoggingOut)
        return;
    std::deque<Command> *queue = nullptr;
    if (!m_setupQueue.empty() && (m_state == State::SettingUp || m_state == State::Ready))
        queue = &m_setupQueue;
    else if (!m_queue.empty() && m_state == State::Ready)
        queue = &m_queue;
    if (!queue) {
        if (m_logoutRequested && m_state == State::Ready) {
            m_state = State::LoggingOut;
            m_inFlight = InFlight{};
            m_inFlight->tag = 'b' + QByteArray::number(m_nextTag++);
            m_inFlight->command.done = [this](const ImapCommandResult &) {
                close(ImapCloseReason::LoggedOut, ImapNote());
            };
            write(m_inFlight->tag + " LOGOUT\r\n");
            armTimer(std::min(m_timeouts.command, std::chrono::seconds(10)));
        }
        return;
    }
    m_inFlight = InFlight{};
    m_inFlight->command = std::move(queue->front());
    queue->pop_front();
    m_inFlight->tag = 'b' + QByteArray::number(m_nextTag++);
    QByteArray line = m_inFlight->tag + ' ' + m_inFlight->command.text;
    if (const std::optional<QByteArray> &literal = m_inFlight->command.literal) {
        const bool nonSynchronising = hasCapability("LITERAL+")
                                      || (hasCapability("LITERAL-")
                                          && literal->size() <= LiteralMinusLimit);
        if (nonSynchronising) {
            line += " {" + QByteArray::number(literal->size()) + "+}\r\n" + *literal;
        } else {
            line += " {" + QByteArray::number(literal->size()) + '}';
            QByteArray bytes = *literal + "\r\n";
            m_inFlight->command.onContinuation = [bytes,
                                                  sent = false](const ImapResponse &) mutable {
                if (sent)
                    return std::optional<QByteArray>{};
                sent = true;
                return std::optional<QByteArray>(bytes);
            };
        }
    }
    write(line + "\r\n");
    armTimer(m_timeouts.command);
}

void ImapConnection::write(const QByteArray &bytes)
{
    m_socket->write(bytes);
}

void ImapConnection::abort(const QString &detail)
{
    close(ImapCloseReason::Cancelled, detail);
}

void ImapConnection::close(ImapCloseReason reason, const QString &detail)
{
    close(reason, ImapNote::words(detail));
}

void ImapConnection::close(ImapCloseReason reason, const ImapNote &note)
{
    const QString detail = note.english();
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_timer->stop();
    m_idling = false;
    m_idleRestarting = false;
    if (m_socket) {
        m_socket->disconnect(this);
        if (reason == ImapCloseReason::LoggedOut)
            m_socket->disconnectFromHost();
        else
            m_socket->abort();
    }
    m_credentials = {}; // no secret outlives the session
    spdlog::info("imap #{} closed ({}){}{}",
                 m_id,
                 imapCloseReasonName(reason).toStdString(),
                 detail.isEmpty() ? "" : ": ",
                 detail.toStdString());
    // Whatever was asked and not answered ends now, in order.
    ImapCommandResult ended;
    ended.text = detail.isEmpty() ? QStringLiteral("the IMAP connection closed") : detail;
    std::deque<Command> unanswered;
    if (m_inFlight)
        unanswered.push_back(std::move(m_inFlight->command));
    m_inFlight.reset();
    for (Command &command : m_setupQueue)
        unanswered.push_back(std::move(command));
    for (Command &command : m_queue)
        unanswered.push_back(std::move(command));
    m_setupQueue.clear();
    m_queue.clear();
    ImapClosure closure;
    closure.connectionId = m_id;
    closure.reason = reason;
    closure.detail = detail;
    closure.note = note;
    closure.wasReady = m_wasReady;
    for (Command &command : unanswered) {
        if (command.done && reason != ImapCloseReason::LoggedOut)
            command.done(ended);
    }
    Q_EMIT closed(closure);
}

} // namespace Bulkmail
