#include "scriptedsmtpserver.h"

#include <algorithm>
#include <utility>

#include <linux/sockios.h>
#include <sys/ioctl.h>

#include <QPointer>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTest>

#include "common/clock.h"
#include "testcertificates.h"

namespace Bulkmail::Test {

namespace {

const QByteArray serverName = QByteArrayLiteral("scripted.test");
const QByteArray garbageReply = QByteArrayLiteral(
    "HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: 0\r\n\r\n");

// RFC 2920 §3.1 (plus RFC 3207 §4 for STARTTLS and RFC 4954 §4 for AUTH): after these the client
// must wait for the reply before sending anything else.
bool mustWaitForReply(const QByteArray &verb)
{
    static const QList<QByteArray> verbs = {
        "EHLO", "HELO", "STARTTLS", "AUTH", "DATA", "QUIT", "NOOP", "VRFY", "EXPN", "TURN"};
    return verbs.contains(verb);
}

// "MAIL FROM:<a@b> SIZE=12" -> "a@b"; the path is whatever sits between the first '<' and '>'.
QByteArray pathOf(const QByteArray &arguments)
{
    const qsizetype open = arguments.indexOf('<');
    const qsizetype close = arguments.indexOf('>', open + 1);
    if (open < 0 || close < 0)
        return arguments.trimmed();
    return arguments.mid(open + 1, close - open - 1);
}

bool isPositive(const QByteArray &reply)
{
    return reply.startsWith('2');
}

// RFC 5321 §4.5.3.1.6: a line of message text, CRLF included.
constexpr qsizetype MaxTextLine = 1000;

QString describe(const QByteArray &verb)
{
    return verb == "." ? QStringLiteral("the final dot") : QString::fromLatin1(verb);
}

} // namespace

struct ScriptedSmtpServer::Session
{
    enum class Phase {
        AwaitingGreeting, // greeting not sent yet (delayed, or implicit TLS handshake)
        Command,
        Data,
        AuthPlainResponse,
        AuthLoginUser,
        AuthLoginPassword,
        TlsHandshake,
        AwaitingDelayedReply,
        Stalled,
        Closing,
    };

    int number = 0;
    QPointer<QSslSocket> socket;
    Phase phase = Phase::AwaitingGreeting;
    QByteArray buffer;
    QList<QByteArray> commands;
    int readBatches = 0;
    bool isClosed = false;
    bool wasStalled = false;
    bool wasClosedInData = false;
    bool contentStarted = false;   // the Content step was asked for this transaction
    bool isServiceRefused = false; // greeting was not 220: answer 503 until QUIT (RFC 5321 §3.1)
    bool hasSaidHello = false;
    bool hasSaidQuit = false;
    bool isPipeliningOffered = false;
    bool isEncrypted = false;
    bool isAuthenticated = false;
    bool isInTransaction = false;
    QByteArray mailFrom;
    QList<QByteArray> recipients;
    QByteArray data;
    qint64 declaredSize = -1;  // SIZE= of the MAIL command, -1 if none
    bool declared8Bit = false; // BODY=8BITMIME or SMTPUTF8
    bool flagged8Bit = false;  // the 8-bit violation is recorded once per message
    int messagesOnConnection = 0;
    QByteArray authUser;
    int authOccurrence = 0;
    // A reply held back (delayThen): what happens when the delay is over, or instead if the
    // client closed meanwhile.
    std::unique_ptr<ClockTimer> delayTimer;
    std::function<void()> afterDelay;
    std::function<void()> ifClosedAfterDelay;
    bool isLineReleased = false; // the first line of the buffer has had its delay
    QByteArray heldVerb;
    Clock::TimePoint heldSince;
    std::optional<HeldReply> heldAtClientClose;

    void resetTransaction()
    {
        isInTransaction = false;
        mailFrom.clear();
        recipients.clear();
        data.clear();
        declaredSize = -1;
        declared8Bit = false;
        flagged8Bit = false;
        contentStarted = false;
    }
};

ScriptedSmtpServer::ScriptedSmtpServer(QObject *parent)
    : QTcpServer(parent)
    , m_capabilities({"PIPELINING", "8BITMIME", "SIZE 10485760", "ENHANCEDSTATUSCODES"})
    , m_greeting("220 " + serverName + " ESMTP")
    , m_serverCertificate(testServerCertificate())
    , m_serverKey(testServerKey())
    , m_selfSignedCertificate(selfSignedCertificate())
    , m_selfSignedKey(selfSignedKey())
    , m_messagesPerConnectionLimitReply("421 4.7.0 Too many messages on this connection")
{
    // Port 0: the system picks a free port, so suites can run in parallel (serverPort()).
    if (!listen(QHostAddress::LocalHost, 0))
        qWarning("ScriptedSmtpServer cannot listen: %s", qPrintable(errorString()));
    m_port = serverPort();
}

ScriptedSmtpServer::~ScriptedSmtpServer()
{
    // The sockets are our children; make sure none of them calls back into a half-destroyed
    // server while QObject's destructor deletes them.
    for (const auto &session : m_sessions) {
        if (session->socket) {
            session->socket->disconnect(this);
            session->socket->abort();
        }
    }
}

void ScriptedSmtpServer::setCapabilities(QList<QByteArray> capabilities)
{
    m_capabilities = std::move(capabilities);
}

void ScriptedSmtpServer::setGreeting(QByteArray line)
{
    m_greeting = std::move(line);
}

void ScriptedSmtpServer::setDisconnectAfterGreeting(bool disconnect)
{
    m_disconnectAfterGreeting = disconnect;
}

void ScriptedSmtpServer::delayGreeting(std::chrono::milliseconds delay)
{
    m_greetingDelay = delay;
}

void ScriptedSmtpServer::setEncryption(Encryption encryption)
{
    m_encryption = encryption;
}

void ScriptedSmtpServer::setUseSelfSignedCertificate(bool useSelfSigned)
{
    m_useSelfSignedCertificate = useSelfSigned;
}

void ScriptedSmtpServer::setCredentials(QByteArray user, QByteArray password)
{
    m_user = std::move(user);
    m_password = std::move(password);
}

void ScriptedSmtpServer::setAuthReply(QByteArray reply)
{
    m_authReply = std::move(reply);
}

void ScriptedSmtpServer::setClock(const Clock *clock)
{
    m_clock = clock;
}

const Clock &ScriptedSmtpServer::clock() const
{
    return m_clock ? *m_clock : static_cast<const Clock &>(SystemClock::instance());
}

void ScriptedSmtpServer::setResponder(Responder responder)
{
    m_responder = std::move(responder);
}

void ScriptedSmtpServer::setReplyDelay(ReplyDelay delay)
{
    m_replyDelay = std::move(delay);
}

void ScriptedSmtpServer::setRefusingConnections(bool refusing)
{
    if (refusing == !isListening())
        return;
    if (refusing) {
        close();
        return;
    }
    // QTcpServer sets SO_REUSEADDR on Unix, so the port is ours again at once.
    if (!listen(QHostAddress::LocalHost, m_port))
        qWarning("ScriptedSmtpServer cannot listen again on port %u: %s",
                 unsigned(m_port),
                 qPrintable(errorString()));
}

void ScriptedSmtpServer::abortAllConnections()
{
    for (const auto &session : m_sessions)
        abortSession(*session);
}

bool ScriptedSmtpServer::wasStalled(int connection) const
{
    const Session *s = session(connection);
    return s && s->wasStalled;
}

bool ScriptedSmtpServer::wasClosedInData(int connection) const
{
    const Session *s = session(connection);
    return s && s->wasClosedInData;
}

bool ScriptedSmtpServer::isDelayingReply(int connection) const
{
    const Session *s = session(connection);
    return s && !s->isClosed && s->delayTimer && s->delayTimer->isActive();
}

std::optional<ScriptedSmtpServer::HeldReply> ScriptedSmtpServer::replyHeldAtClientClose(
    int connection) const
{
    const Session *s = session(connection);
    return s ? s->heldAtClientClose : std::nullopt;
}

bool ScriptedSmtpServer::hasBytesInFlight() const
{
    for (const auto &session : m_sessions) {
        const QSslSocket *socket = session->socket;
        if (session->isClosed || !socket)
            continue;
        if (socket->bytesToWrite() > 0 || socket->bytesAvailable() > 0) {
            return true;
        }
        const auto fd = int(socket->socketDescriptor());
        if (fd < 0)
            continue;
        // Unsent, not unacknowledged (SIOCOUTQ): a delayed ACK would keep that above 0 although
        // the bytes are in the client's receive queue, where its read notifier sees them.
        int unread = 0;
        int unsent = 0;
        if ((::ioctl(fd, SIOCINQ, &unread) == 0 && unread > 0)
            || (::ioctl(fd, SIOCOUTQNSD, &unsent) == 0 && unsent > 0)) {
            return true;
        }
    }
    return false;
}

ScriptedSmtpServer::Action ScriptedSmtpServer::ask(const Session &session,
                                                   Step step,
                                                   QByteArray address) const
{
    if (!m_responder)
        return {};
    StepContext context;
    context.step = step;
    context.connection = session.number;
    context.mailNumber = m_mailCount;
    context.messageNumber = m_messageCount;
    context.messagesOnConnection = session.messagesOnConnection;
    context.address = std::move(address);
    context.recipients = session.recipients;
    return m_responder(context);
}

bool ScriptedSmtpServer::haltOn(Session &session, const Action &action)
{
    switch (action.kind) {
    case Action::Kind::Drop:
        abortSession(session);
        return true;
    case Action::Kind::Stall:
        session.wasStalled = true;
        session.phase = Session::Phase::Stalled;
        return true;
    case Action::Kind::Default:
    case Action::Kind::Reply:
        break;
    }
    return false;
}

void ScriptedSmtpServer::finishReply(Session &session, const Action &action)
{
    switch (action.after) {
    case Action::After::Nothing:
        break;
    case Action::After::Close:
        closeGracefully(session);
        break;
    case Action::After::Drop:
        if (session.socket)
            session.socket->flush();
        abortSession(session);
        break;
    }
}

void ScriptedSmtpServer::keepMessage(Session &session,
                                     int messageNumber,
                                     int indexInConnection,
                                     bool replyLost)
{
    m_messages.append(ScriptedMessage{session.number,
                                      indexInConnection,
                                      messageNumber,
                                      session.mailFrom,
                                      session.recipients,
                                      session.data,
                                      replyLost});
}

void ScriptedSmtpServer::setRecipientReply(QByteArray address, QByteArray reply, int times)
{
    m_recipientReplies.insert(address.toLower(), CountedReply{std::move(reply), times});
}

void ScriptedSmtpServer::setMailFromReply(QByteArray reply, int times)
{
    m_mailFromReply = CountedReply{std::move(reply), times};
}

void ScriptedSmtpServer::setMailFromReplyAt(int mailNumber, QByteArray reply, CloseAfter close)
{
    m_mailFromRepliesAt.insert(mailNumber, MailFromReplyAt{std::move(reply), close});
}

void ScriptedSmtpServer::setDataReply(QByteArray reply, int times)
{
    m_dataReply = CountedReply{std::move(reply), times};
}

void ScriptedSmtpServer::setNoopReply(QByteArray reply, int times)
{
    m_noopReply = CountedReply{std::move(reply), times};
}

void ScriptedSmtpServer::setFinalDotReply(int messageNumber, QByteArray reply)
{
    m_finalDotReplies.insert(messageNumber, std::move(reply));
}

void ScriptedSmtpServer::dropAfterFinalDot(int messageNumber, DropMode mode)
{
    m_dropsAfterFinalDot.insert(messageNumber, mode);
}

void ScriptedSmtpServer::dropBeforeFinalDot(int messageNumber)
{
    m_dropsBeforeFinalDot.append(messageNumber);
}

void ScriptedSmtpServer::setMessagesPerConnectionLimit(int limit, QByteArray reply)
{
    m_messagesPerConnectionLimit = limit;
    m_messagesPerConnectionLimitReply = std::move(reply);
}

void ScriptedSmtpServer::stallOn(QByteArray verb, int occurrence)
{
    m_stalls.append(VerbRule{verb.toUpper(), occurrence, 0});
}

void ScriptedSmtpServer::delayFinalDotReply(std::chrono::milliseconds delay)
{
    m_finalDotDelay = delay;
}

void ScriptedSmtpServer::sendGarbageOn(QByteArray verb, int occurrence)
{
    m_garbage.append(VerbRule{verb.toUpper(), occurrence, 0});
}

void ScriptedSmtpServer::sendOverlongReplyOn(QByteArray verb, int length, int occurrence)
{
    m_overlong.append(VerbRule{verb.toUpper(), occurrence, length});
}

void ScriptedSmtpServer::injectAfterStartTlsReply(QByteArray bytes)
{
    m_startTlsInjection = std::move(bytes);
}

void ScriptedSmtpServer::closeConnection(int connection, QByteArray farewell)
{
    Session *s = session(connection);
    if (!s || s->isClosed || !s->socket)
        return;
    if (!farewell.isEmpty()) {
        if (!farewell.endsWith('\n'))
            farewell += "\r\n";
        s->socket->write(farewell);
    }
    closeGracefully(*s);
}

int ScriptedSmtpServer::connectionCount() const
{
    return static_cast<int>(m_sessions.size());
}

QList<QByteArray> ScriptedSmtpServer::commandsOn(int connection) const
{
    const Session *s = session(connection);
    return s ? s->commands : QList<QByteArray>{};
}

int ScriptedSmtpServer::readBatchesOn(int connection) const
{
    const Session *s = session(connection);
    return s ? s->readBatches : 0;
}

bool ScriptedSmtpServer::waitForConnectionCount(int count, int timeoutMs)
{
    return QTest::qWaitFor([&] { return connectionCount() >= count; }, timeoutMs);
}

void ScriptedSmtpServer::incomingConnection(qintptr socketDescriptor)
{
    // Every connection is a QSslSocket so that STARTTLS and implicit TLS work on it.
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qWarning("ScriptedSmtpServer cannot take the socket: %s", qPrintable(socket->errorString()));
        delete socket;
        return;
    }
    // No Nagle: a reply written while an earlier one awaits its (delayed) ACK leaves at once, so
    // the client never waits tens of milliseconds for it (and hasBytesInFlight() settles).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(m_useSelfSignedCertificate ? m_selfSignedCertificate
                                                                 : m_serverCertificate);
    configuration.setPrivateKey(m_useSelfSignedCertificate ? m_selfSignedKey : m_serverKey);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket->setSslConfiguration(configuration);

    auto owned = std::make_unique<Session>();
    Session *s = owned.get();
    s->number = connectionCount() + 1;
    s->socket = socket;
    m_sessions.push_back(std::move(owned));
    ++m_openConnections;
    m_peakOpenConnections = std::max(m_peakOpenConnections, m_openConnections);

    connect(socket, &QIODevice::readyRead, this, [this, s] { onReadyRead(*s); });
    connect(socket, &QAbstractSocket::disconnected, this, [this, s] {
        // Closed by the client (the server had not begun to close it) without a QUIT.
        if (!s->isClosed && s->phase != Session::Phase::Closing && !s->hasSaidQuit) {
            m_closedWithoutQuit.append(s->number);
            s->wasClosedInData = s->phase == Session::Phase::Data;
            if (s->delayTimer && s->delayTimer->isActive())
                s->heldAtClientClose = HeldReply{
                    s->heldVerb,
                    std::chrono::duration_cast<std::chrono::milliseconds>(clock().now()
                                                                          - s->heldSince)};
        }
        markClosed(*s);
    });
    connect(socket, &QSslSocket::encrypted, this, [this, s] { onEncrypted(*s); });

    Q_EMIT connectionOpened(s->number);

    if (m_encryption == Encryption::ImplicitTls) {
        s->phase = Session::Phase::TlsHandshake;
        socket->startServerEncryption(); // the greeting follows in onEncrypted()
    } else {
        scheduleGreeting(*s);
    }
}

ScriptedSmtpServer::Session *ScriptedSmtpServer::session(int connection) const
{
    if (connection < 1 || connection > connectionCount())
        return nullptr;
    return m_sessions.at(static_cast<std::size_t>(connection - 1)).get();
}

void ScriptedSmtpServer::scheduleGreeting(Session &session)
{
    const std::chrono::milliseconds delay = m_greetingDelay
                                            + (m_replyDelay
                                                   ? m_replyDelay(session.number, "GREETING")
                                                   : std::chrono::milliseconds(0));
    if (delay.count() > 0)
        delayThen(session, "GREETING", delay, [this, &session] { sendGreeting(session); });
    else
        sendGreeting(session);
}

void ScriptedSmtpServer::delayThen(Session &session,
                                   const QByteArray &verb,
                                   std::chrono::milliseconds delay,
                                   std::function<void()> then,
                                   std::function<void()> ifClosed)
{
    if (!session.delayTimer) {
        session.delayTimer = clock().createTimer(this);
        session.delayTimer->setPrecise();
        connect(session.delayTimer.get(), &ClockTimer::timeout, this, [&session] {
            // Taken out first: the step may hold the next reply back in turn.
            const std::function<void()> next = std::exchange(session.afterDelay, {});
            const std::function<void()> closed = std::exchange(session.ifClosedAfterDelay, {});
            if (!session.isClosed && session.socket)
                next();
            else if (closed) // the client gave up waiting: no socket to answer on
                closed();
        });
    }
    session.heldVerb = verb;
    session.heldSince = clock().now();
    session.afterDelay = std::move(then);
    session.ifClosedAfterDelay = std::move(ifClosed);
    session.delayTimer->start(delay);
}

bool ScriptedSmtpServer::holdLine(Session &session, const QByteArray &line)
{
    using Phase = Session::Phase;
    if (!m_replyDelay || std::exchange(session.isLineReleased, false))
        return false;
    QByteArray verb;
    switch (session.phase) {
    case Phase::Command:
        verb = line.left(line.indexOf(' ')).toUpper();
        break;
    case Phase::Data:
        if (line == ".")
            verb = ".";
        break;
    case Phase::AuthPlainResponse:
    case Phase::AuthLoginUser:
    case Phase::AuthLoginPassword:
        verb = "AUTH";
        break;
    default:
        break;
    }
    if (verb.isEmpty())
        return false;
    const std::chrono::milliseconds delay = m_replyDelay(session.number, verb);
    if (delay.count() <= 0)
        return false;
    const Phase resumeIn = session.phase;
    session.phase = Phase::AwaitingDelayedReply;
    std::function<void()> ifClosed;
    if (resumeIn == Phase::Data) {
        // The whole message had arrived: an MTA that queued it keeps it although its reply can
        // no longer leave.
        ifClosed = [this, &session] {
            keepMessage(session, ++m_messageCount, ++session.messagesOnConnection, true);
            session.resetTransaction();
        };
    }
    delayThen(
        session,
        verb,
        delay,
        [this, &session, resumeIn] {
            session.phase = resumeIn;
            session.isLineReleased = true;
            processBuffer(session);
        },
        std::move(ifClosed));
    return true;
}

void ScriptedSmtpServer::sendGreeting(Session &session)
{
    if (session.isClosed)
        return;
    // RFC 5321 §3.1: the client waits for the greeting before its first command.
    if (!session.buffer.isEmpty())
        addViolation(session, QStringLiteral("data sent before the greeting"));
    const Action action = ask(session, Step::Greeting);
    if (haltOn(session, action))
        return;
    const QByteArray greeting = action.kind == Action::Kind::Reply ? action.line : m_greeting;
    session.isServiceRefused = !greeting.startsWith("220");
    sendReply(session, "GREETING", 1, greeting);
    if (action.after != Action::After::Nothing) {
        finishReply(session, action);
        return;
    }
    if (m_disconnectAfterGreeting) {
        closeGracefully(session);
        return;
    }
    session.phase = Session::Phase::Command;
    processBuffer(session);
}

void ScriptedSmtpServer::onEncrypted(Session &session)
{
    session.isEncrypted = true;
    if (session.phase == Session::Phase::TlsHandshake && session.hasSaidHello) {
        // RFC 3207 §4.2: after the handshake the server forgets everything it learnt from the
        // client, who must start again with EHLO.
        session.hasSaidHello = false;
        session.isPipeliningOffered = false;
        session.isAuthenticated = false;
        session.resetTransaction();
        session.phase = Session::Phase::Command;
        processBuffer(session);
    } else if (session.phase == Session::Phase::TlsHandshake) {
        if (m_encryption == Encryption::ImplicitTls && session.commands.isEmpty()) {
            session.phase = Session::Phase::AwaitingGreeting;
            scheduleGreeting(session);
        } else {
            session.phase = Session::Phase::Command; // STARTTLS before any EHLO
            processBuffer(session);
        }
    }
}

void ScriptedSmtpServer::onReadyRead(Session &session)
{
    if (!session.socket)
        return;
    const QByteArray bytes = session.socket->readAll();
    if (bytes.isEmpty())
        return;
    ++session.readBatches;
    if (session.phase == Session::Phase::Closing || session.isClosed)
        return;
    session.buffer += bytes;
    processBuffer(session);
}

void ScriptedSmtpServer::processBuffer(Session &session)
{
    using Phase = Session::Phase;
    const auto isProcessing = [&session] {
        switch (session.phase) {
        case Phase::Command:
        case Phase::Data:
        case Phase::AuthPlainResponse:
        case Phase::AuthLoginUser:
        case Phase::AuthLoginPassword:
            return !session.isClosed;
        case Phase::AwaitingGreeting:
        case Phase::TlsHandshake:
        case Phase::AwaitingDelayedReply:
        case Phase::Stalled:
        case Phase::Closing:
            return false;
        }
        return false;
    };
    while (isProcessing()) {
        const qsizetype newline = session.buffer.indexOf('\n');
        if (newline < 0)
            return;
        QByteArray line = session.buffer.left(newline);
        const bool endsInCrLf = line.endsWith('\r');
        if (endsInCrLf)
            line.chop(1);
        if (holdLine(session, line))
            return; // processBuffer() again once the delay is over
        session.buffer.remove(0, newline + 1);
        // RFC 5321 §2.3.8: lines end in CRLF, never in a bare LF.
        if (!endsInCrLf)
            addViolation(session, QStringLiteral("line not terminated by CRLF"));

        switch (session.phase) {
        case Phase::Command:
            handleCommand(session, line);
            break;
        case Phase::Data:
            handleDataLine(session, line);
            break;
        case Phase::AuthPlainResponse:
        case Phase::AuthLoginUser:
        case Phase::AuthLoginPassword:
            session.commands.append(QByteArrayLiteral("<redacted>"));
            checkWaitingRule(session, "AUTH", true); // RFC 4954 §4: one line, then wait
            handleAuthResponse(session, line);
            break;
        default:
            break;
        }
    }
}

void ScriptedSmtpServer::checkWaitingRule(Session &session,
                                          const QByteArray &verb,
                                          bool mustWaitForReply)
{
    // Everything still in the buffer was sent before this command's reply was written.
    if (session.buffer.isEmpty())
        return;
    if (mustWaitForReply) {
        addViolation(session,
                     QStringLiteral("data sent after %1 before its reply").arg(describe(verb)));
    } else if (!session.isPipeliningOffered) {
        addViolation(session,
                     QStringLiteral("command pipelined after %1 but PIPELINING was not advertised")
                         .arg(describe(verb)));
    }
}

void ScriptedSmtpServer::handleCommand(Session &session, const QByteArray &line)
{
    const qsizetype space = line.indexOf(' ');
    const QByteArray verb = (space < 0 ? line : line.left(space)).toUpper();
    const QByteArray arguments = space < 0 ? QByteArray() : line.mid(space + 1);
    const int occurrence = ++m_verbOccurrences[verb];

    if (verb == "AUTH") {
        const qsizetype payload = arguments.indexOf(' ');
        session.commands.append(payload < 0 ? line : line.left(space + 1 + payload) + " <redacted>");
    } else {
        session.commands.append(line);
    }
    checkWaitingRule(session, verb, mustWaitForReply(verb));

    if (verb == "QUIT") {
        ++m_quitCount;
        session.hasSaidQuit = true;
    } else if (verb == "NOOP")
        ++m_noopCount;
    else if (verb == "RSET")
        ++m_rsetCount;

    if (isStalled(verb, occurrence)) {
        session.wasStalled = true;
        session.phase = Session::Phase::Stalled;
        return;
    }

    if (session.isServiceRefused && verb != "QUIT") {
        sendReply(session, verb, occurrence, "503 5.5.1 No service, only QUIT");
        return;
    }

    if (verb == "EHLO") {
        session.hasSaidHello = true;
        session.resetTransaction();
        QList<QByteArray> keywords;
        for (const QByteArray &capability : std::as_const(m_capabilities)) {
            if (session.isEncrypted && capability.toUpper() == "STARTTLS")
                continue; // RFC 3207 §4.2: not offered after the handshake
            keywords.append(capability);
        }
        session.isPipeliningOffered = std::any_of(keywords.cbegin(),
                                                  keywords.cend(),
                                                  [](const QByteArray &keyword) {
                                                      return keyword.toUpper() == "PIPELINING";
                                                  });
        keywords.prepend(serverName + " greets " + arguments);
        QByteArray reply;
        for (qsizetype i = 0; i < keywords.size(); ++i)
            reply += "250" + QByteArray(i + 1 < keywords.size() ? "-" : " ") + keywords.at(i)
                     + "\r\n";
        sendReply(session, verb, occurrence, reply);
    } else if (verb == "HELO") {
        session.hasSaidHello = true;
        session.isPipeliningOffered = false;
        session.resetTransaction();
        sendReply(session, verb, occurrence, "250 " + serverName);
    } else if (verb == "STARTTLS") {
        startTls(session, occurrence);
    } else if (verb == "AUTH") {
        handleAuthCommand(session, arguments, occurrence);
    } else if (verb == "MAIL") {
        handleMailFrom(session, line, occurrence);
    } else if (verb == "RCPT") {
        handleRcptTo(session, line, occurrence);
    } else if (verb == "DATA") {
        handleData(session, occurrence);
    } else if (verb == "RSET") {
        session.resetTransaction();
        sendReply(session, verb, occurrence, "250 2.0.0 Ok");
    } else if (verb == "NOOP") {
        sendReply(session, verb, occurrence, takeCounted(m_noopReply).value_or("250 2.0.0 Ok"));
    } else if (verb == "QUIT") {
        sendReply(session, verb, occurrence, "221 2.0.0 Bye");
        closeGracefully(session);
    } else {
        sendReply(session, verb, occurrence, "500 5.5.2 Command not recognized");
    }
}

void ScriptedSmtpServer::startTls(Session &session, int occurrence)
{
    const bool isOffered = std::any_of(m_capabilities.cbegin(),
                                       m_capabilities.cend(),
                                       [](const QByteArray &capability) {
                                           return capability.toUpper() == "STARTTLS";
                                       });
    if (!isOffered || session.isEncrypted) {
        sendReply(session, "STARTTLS", occurrence, "454 4.7.0 TLS not available");
        return;
    }
    // RFC 3207 §4: plain-text bytes that arrived before the handshake must not survive it
    // (checkWaitingRule() has already recorded them as a violation).
    session.buffer.clear();
    sendReply(session, "STARTTLS", occurrence, "220 2.0.0 Ready to start TLS");
    if (!m_startTlsInjection.isEmpty())
        session.socket->write(m_startTlsInjection);
    session.socket->flush();
    session.phase = Session::Phase::TlsHandshake;
    session.socket->startServerEncryption();
}

void ScriptedSmtpServer::handleAuthCommand(Session &session,
                                           const QByteArray &arguments,
                                           int occurrence)
{
    ++m_authAttempts;
    session.authOccurrence = occurrence;
    if (!session.hasSaidHello) {
        sendReply(session, "AUTH", occurrence, "503 5.5.1 EHLO first");
        return;
    }
    if (session.isAuthenticated) {
        sendReply(session, "AUTH", occurrence, "503 5.5.1 Already authenticated");
        return;
    }
    const QList<QByteArray> parts = arguments.split(' ');
    const QByteArray mechanism = parts.value(0).toUpper();
    const QByteArray initialResponse = parts.value(1);
    if (mechanism == "PLAIN") {
        session.phase = Session::Phase::AuthPlainResponse;
        if (initialResponse.isEmpty())
            sendReply(session, "AUTH", occurrence, "334 ");
        else
            handleAuthResponse(session, initialResponse); // RFC 4954 §4 initial response
    } else if (mechanism == "LOGIN") {
        session.phase = Session::Phase::AuthLoginUser;
        if (initialResponse.isEmpty())
            sendReply(session, "AUTH", occurrence, "334 VXNlcm5hbWU6"); // "Username:"
        else
            handleAuthResponse(session, initialResponse);
    } else {
        sendReply(session, "AUTH", occurrence, "504 5.5.4 Mechanism not supported");
    }
}

void ScriptedSmtpServer::handleAuthResponse(Session &session, const QByteArray &line)
{
    // Continuation lines arrive here from processBuffer(), initial responses from the AUTH line.
    const int occurrence = session.authOccurrence;
    if (line == "*") { // RFC 4954 §4: the client cancels
        session.phase = Session::Phase::Command;
        sendReply(session, "AUTH", occurrence, "501 5.0.0 Authentication cancelled");
        return;
    }
    const auto decoded = QByteArray::fromBase64Encoding(line,
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        session.phase = Session::Phase::Command;
        sendReply(session, "AUTH", occurrence, "501 5.5.2 Cannot decode response");
        return;
    }
    switch (session.phase) {
    case Session::Phase::AuthPlainResponse: {
        // RFC 4616: authzid NUL authcid NUL passwd
        const QList<QByteArray> fields = decoded.decoded.split('\0');
        session.phase = Session::Phase::Command;
        finishAuth(session, fields.value(1), fields.value(2));
        break;
    }
    case Session::Phase::AuthLoginUser:
        session.authUser = decoded.decoded;
        session.phase = Session::Phase::AuthLoginPassword;
        sendReply(session, "AUTH", occurrence, "334 UGFzc3dvcmQ6"); // "Password:"
        break;
    case Session::Phase::AuthLoginPassword:
        session.phase = Session::Phase::Command;
        finishAuth(session, session.authUser, decoded.decoded);
        break;
    default:
        break;
    }
}

void ScriptedSmtpServer::finishAuth(Session &session,
                                    const QByteArray &user,
                                    const QByteArray &password)
{
    QByteArray reply = m_authReply;
    if (reply.isEmpty()) {
        const bool isValid = !m_user.isEmpty() && user == m_user && password == m_password;
        reply = isValid ? QByteArrayLiteral("235 2.7.0 Authentication successful")
                        : QByteArrayLiteral("535 5.7.8 Authentication credentials invalid");
    }
    session.isAuthenticated = isPositive(reply);
    session.authUser.clear();
    sendReply(session, "AUTH", session.authOccurrence, reply);
}

void ScriptedSmtpServer::handleMailFrom(Session &session, const QByteArray &line, int occurrence)
{
    const int mailNumber = ++m_mailCount;
    if (!line.toUpper().startsWith("MAIL FROM:")) {
        sendReply(session, "MAIL", occurrence, "501 5.5.4 Syntax: MAIL FROM:<address>");
        return;
    }
    if (!session.hasSaidHello) {
        sendReply(session, "MAIL", occurrence, "503 5.5.1 EHLO or HELO first");
        return;
    }
    if (session.isInTransaction) {
        sendReply(session, "MAIL", occurrence, "503 5.5.1 Nested MAIL command");
        return;
    }
    if (!m_user.isEmpty() && !session.isAuthenticated) {
        addViolation(session,
                     QStringLiteral("MAIL before AUTH, although the server requires "
                                    "authentication"));
        sendReply(session, "MAIL", occurrence, "530 5.7.0 Authentication required");
        return;
    }
    judgeMailParameters(session, line);
    if (const Action action = ask(session, Step::Mail, pathOf(line.mid(10)));
        action.kind != Action::Kind::Default) {
        if (haltOn(session, action))
            return;
        if (isPositive(sendReply(session, "MAIL", occurrence, action.line))) {
            session.isInTransaction = true;
            session.mailFrom = pathOf(line.mid(10));
        }
        finishReply(session, action);
        return;
    }
    if (m_messagesPerConnectionLimit > 0
        && session.messagesOnConnection >= m_messagesPerConnectionLimit) {
        sendReply(session, "MAIL", occurrence, m_messagesPerConnectionLimitReply);
        closeGracefully(session);
        return;
    }
    if (const auto at = m_mailFromRepliesAt.constFind(mailNumber);
        at != m_mailFromRepliesAt.cend()) {
        const MailFromReplyAt scripted = *at;
        m_mailFromRepliesAt.erase(at);
        const QByteArray sent = sendReply(session, "MAIL", occurrence, scripted.reply);
        if (scripted.close == CloseAfter::Yes) {
            closeGracefully(session);
        } else if (isPositive(sent)) {
            session.isInTransaction = true;
            session.mailFrom = pathOf(line.mid(10));
        }
        return;
    }
    const QByteArray reply = takeCounted(m_mailFromReply).value_or("250 2.1.0 Ok");
    if (isPositive(sendReply(session, "MAIL", occurrence, reply))) {
        session.isInTransaction = true;
        session.mailFrom = pathOf(line.mid(10));
    }
}

void ScriptedSmtpServer::judgeMailParameters(Session &session, const QByteArray &line)
{
    const qsizetype close = line.indexOf('>');
    const QList<QByteArray>
        parameters = line.mid(close < 0 ? line.size() : close + 1).simplified().split(' ');
    auto advertised = [this](const QByteArray &keyword) {
        return std::any_of(m_capabilities.cbegin(),
                           m_capabilities.cend(),
                           [&keyword](const QByteArray &capability) {
                               return capability.toUpper().split(' ').constFirst() == keyword;
                           });
    };
    for (const QByteArray &parameter : parameters) {
        if (parameter.isEmpty())
            continue;
        const QByteArray name = parameter.split('=').constFirst().toUpper();
        const QByteArray value = parameter.mid(name.size() + 1);
        const QByteArray extension = name == "BODY" ? QByteArray("8BITMIME") : name;
        if (!advertised(extension)) {
            addViolation(session,
                         QStringLiteral("MAIL parameter %1 without the %2 extension")
                             .arg(QString::fromLatin1(parameter), QString::fromLatin1(extension)));
        }
        if (name == "SIZE")
            session.declaredSize = value.toLongLong();
        else if ((name == "BODY" && value.toUpper() == "8BITMIME") || name == "SMTPUTF8")
            session.declared8Bit = true;
    }
}

void ScriptedSmtpServer::handleRcptTo(Session &session, const QByteArray &line, int occurrence)
{
    if (!line.toUpper().startsWith("RCPT TO:")) {
        sendReply(session, "RCPT", occurrence, "501 5.5.4 Syntax: RCPT TO:<address>");
        return;
    }
    if (!session.isInTransaction) {
        sendReply(session, "RCPT", occurrence, "503 5.5.1 Need MAIL before RCPT");
        return;
    }
    const QByteArray address = pathOf(line.mid(8));
    if (const Action action = ask(session, Step::Rcpt, address);
        action.kind != Action::Kind::Default) {
        if (haltOn(session, action))
            return;
        if (isPositive(sendReply(session, "RCPT", occurrence, action.line)))
            session.recipients.append(address);
        finishReply(session, action);
        return;
    }
    QByteArray reply = QByteArrayLiteral("250 2.1.5 Ok");
    if (const auto it = m_recipientReplies.find(address.toLower()); it != m_recipientReplies.end()) {
        if (const auto scripted = takeCounted(*it))
            reply = *scripted;
    }
    if (isPositive(sendReply(session, "RCPT", occurrence, reply)))
        session.recipients.append(address);
}

void ScriptedSmtpServer::handleData(Session &session, int occurrence)
{
    if (!session.isInTransaction) {
        sendReply(session, "DATA", occurrence, "503 5.5.1 Need MAIL before DATA");
        return;
    }
    if (session.recipients.isEmpty()) {
        sendReply(session, "DATA", occurrence, "554 5.5.1 No valid recipients");
        return;
    }
    const Action action = ask(session, Step::Data);
    if (haltOn(session, action))
        return;
    const QByteArray reply = action.kind == Action::Kind::Reply
                                 ? action.line
                                 : takeCounted(m_dataReply)
                                       .value_or("354 End data with <CR><LF>.<CR><LF>");
    if (action.after != Action::After::Nothing) {
        sendReply(session, "DATA", occurrence, reply);
        finishReply(session, action);
        return;
    }
    if (sendReply(session, "DATA", occurrence, reply).startsWith("354")) {
        session.data.clear();
        session.phase = Session::Phase::Data;
    }
}

void ScriptedSmtpServer::handleDataLine(Session &session, const QByteArray &line)
{
    if (line == ".") {
        handleFinalDot(session);
        return;
    }
    if (!session.contentStarted) {
        session.contentStarted = true;
        if (haltOn(session, ask(session, Step::Content)))
            return;
    }
    if (const qsizetype drop = m_dropsBeforeFinalDot.indexOf(m_messageCount + 1); drop >= 0) {
        m_dropsBeforeFinalDot.removeAt(drop);
        abortSession(session);
        return;
    }
    if (line.size() + 2 > MaxTextLine) {
        addViolation(session,
                     QStringLiteral("a message line of %1 octets (at most %2 with CRLF)")
                         .arg(line.size() + 2)
                         .arg(MaxTextLine));
    }
    if (!session.declared8Bit && !session.flagged8Bit
        && std::any_of(line.cbegin(), line.cend(), [](char c) { return (c & 0x80) != 0; })) {
        session.flagged8Bit = true;
        addViolation(session, QStringLiteral("8-bit data without BODY=8BITMIME or SMTPUTF8"));
    }
    // RFC 5321 §4.5.2: a leading period on a longer line is removed.
    session.data += (line.startsWith('.') ? line.mid(1) : line) + "\r\n";
}

void ScriptedSmtpServer::handleFinalDot(Session &session)
{
    const int messageNumber = ++m_messageCount;
    const int indexInConnection = ++session.messagesOnConnection;
    const int occurrence = ++m_verbOccurrences["."];
    session.phase = Session::Phase::Command;
    checkWaitingRule(session, ".", false);
    if (session.declaredSize >= 0 && session.declaredSize != session.data.size()) {
        addViolation(session,
                     QStringLiteral("SIZE=%1 declared, but the message had %2 octets")
                         .arg(session.declaredSize)
                         .arg(session.data.size()));
    }
    Q_EMIT finalDotReceived(messageNumber, session.recipients);
    if (session.isClosed || !session.socket)
        return;
    if (const Action action = ask(session, Step::FinalDot); action.kind != Action::Kind::Default) {
        if (action.kind != Action::Kind::Reply) {
            if (action.keepMessage)
                keepMessage(session, messageNumber, indexInConnection, true);
            session.resetTransaction();
            haltOn(session, action);
            return;
        }
        const QByteArray sent = sendReply(session, ".", occurrence, action.line);
        if (session.socket)
            session.socket->flush();
        if (isPositive(sent))
            keepMessage(session, messageNumber, indexInConnection, false);
        session.resetTransaction();
        finishReply(session, action);
        if (isPositive(sent))
            Q_EMIT messageAccepted(messageNumber);
        return;
    }

    if (isStalled(".", occurrence)) {
        session.wasStalled = true;
        session.phase = Session::Phase::Stalled;
        return;
    }
    const auto drop = m_dropsAfterFinalDot.find(messageNumber);
    const std::optional<DropMode> dropMode = drop == m_dropsAfterFinalDot.end()
                                                 ? std::nullopt
                                                 : std::optional<DropMode>(*drop);
    if (dropMode == DropMode::WithoutReply) {
        abortSession(session);
        return;
    }
    const QByteArray reply = m_finalDotReplies.value(messageNumber,
                                                     "250 2.0.0 queued as "
                                                         + QByteArray::number(messageNumber));
    const auto complete =
        [this, &session, reply, occurrence, dropMode, messageNumber, indexInConnection] {
            const QByteArray sent = sendReply(session, ".", occurrence, reply);
            if (session.socket)
                session.socket->flush(); // the reply has left when messageAccepted() says so
            if (isPositive(sent))
                keepMessage(session, messageNumber, indexInConnection, false);
            session.resetTransaction();
            if (dropMode == DropMode::AfterReply) {
                session.socket->flush();
                abortSession(session);
            }
            if (isPositive(sent))
                Q_EMIT messageAccepted(messageNumber);
        };
    if (m_finalDotDelay.count() > 0) {
        session.phase = Session::Phase::AwaitingDelayedReply;
        delayThen(session, ".", m_finalDotDelay, [this, &session, complete] {
            complete();
            if (session.phase == Session::Phase::AwaitingDelayedReply) {
                session.phase = Session::Phase::Command;
                processBuffer(session);
            }
        });
        return;
    }
    complete();
}

QByteArray ScriptedSmtpServer::sendReply(Session &session,
                                         const QByteArray &verb,
                                         int occurrence,
                                         QByteArray reply)
{
    if (session.isClosed || !session.socket)
        return {};
    const auto matching = [&verb, occurrence](const QList<VerbRule> &rules) {
        return std::find_if(rules.cbegin(), rules.cend(), [&](const VerbRule &rule) {
            return matches(rule, verb, occurrence);
        });
    };
    if (matching(m_garbage) != m_garbage.cend()) {
        reply = garbageReply;
    } else if (const auto overlong = matching(m_overlong); overlong != m_overlong.cend()) {
        const qsizetype padding = std::max<qsizetype>(0, overlong->length - 6);
        reply = reply.left(3) + ' ' + QByteArray(padding, 'x');
    }
    if (!reply.endsWith('\n'))
        reply += "\r\n";
    session.socket->write(reply);
    return reply;
}

void ScriptedSmtpServer::addViolation(const Session &session, const QString &text)
{
    m_violations.append(QStringLiteral("connection %1: %2").arg(session.number).arg(text));
}

void ScriptedSmtpServer::closeGracefully(Session &session)
{
    if (session.isClosed || !session.socket)
        return;
    session.phase = Session::Phase::Closing;
    // Read what the client already sent: closing a socket with unread data makes the kernel
    // send RST, which can destroy the reply still on its way.
    session.socket->readAll();
    session.socket->disconnectFromHost();
}

void ScriptedSmtpServer::abortSession(Session &session)
{
    if (session.isClosed || !session.socket)
        return;
    session.phase = Session::Phase::Closing;
    session.socket->abort();
    markClosed(session);
}

void ScriptedSmtpServer::markClosed(Session &session)
{
    if (session.isClosed)
        return;
    session.isClosed = true;
    session.phase = Session::Phase::Closing;
    --m_openConnections;
    if (session.socket)
        session.socket->deleteLater();
    Q_EMIT connectionClosed(session.number);
}

bool ScriptedSmtpServer::isStalled(const QByteArray &verb, int occurrence)
{
    return std::any_of(m_stalls.cbegin(), m_stalls.cend(), [&](const VerbRule &rule) {
        return matches(rule, verb, occurrence);
    });
}

bool ScriptedSmtpServer::matches(const VerbRule &rule, const QByteArray &verb, int occurrence)
{
    return rule.verb == verb
           && (rule.occurrence == EveryOccurrence || rule.occurrence == occurrence);
}

std::optional<QByteArray> ScriptedSmtpServer::takeCounted(CountedReply &counted)
{
    if (counted.times == 0)
        return std::nullopt;
    if (counted.times > 0)
        --counted.times;
    return counted.reply;
}

} // namespace Bulkmail::Test
