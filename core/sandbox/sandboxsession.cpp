#include "sandboxsession.h"

#include "sandboxserver.h"

#include <QDateTime>
#include <QSslConfiguration>
#include <QSslSocket>

#include <spdlog/spdlog.h>

namespace Bulkmail {

namespace {

// RFC 5321 §4.5.3.1: a command line is at most 512 octets, a text line 1000, both with CRLF.
constexpr qsizetype MaxCommandLine = 512;
constexpr qsizetype MaxTextLine = 1000;

// The address inside "FROM:<a@b> SIZE=1" or "TO:<a@b>"; empty when there is none.
QString pathArgument(const QByteArray &argument, const char *keyword)
{
    const QByteArray upper = argument.toUpper();
    if (!upper.startsWith(keyword))
        return {};
    const qsizetype open = argument.indexOf('<');
    const qsizetype close = argument.indexOf('>', open);
    if (open < 0 || close < 0)
        return QString::fromUtf8(argument.mid(qstrlen(keyword)).trimmed()).section(u' ', 0, 0);
    return QString::fromUtf8(argument.mid(open + 1, close - open - 1));
}

qint64 sizeParameter(const QByteArray &argument)
{
    for (const QByteArray &parameter : argument.split(' ')) {
        if (parameter.toUpper().startsWith("SIZE="))
            return parameter.mid(5).toLongLong();
    }
    return 0;
}

} // namespace

SandboxSession::SandboxSession(SandboxServer &server, QSslSocket *socket, int connectionId)
    : QObject(&server)
    , m_server(server)
    , m_socket(socket)
    , m_connectionId(connectionId)
{
    m_socket->setParent(this);
    connect(m_socket, &QSslSocket::readyRead, this, &SandboxSession::readLines);
    connect(m_socket, &QSslSocket::disconnected, this, &SandboxSession::onDisconnected);
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            onDisconnected();
    });
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(server.options().idleTimeout);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        replyAndClose("421 4.4.2 127.0.0.1 Idle for too long, closing connection");
    });
    m_idleTimer.start();
    reply("220 127.0.0.1 ESMTP Bulkmail sandbox: messages are captured, never delivered");
}

SandboxSession::~SandboxSession() = default;

void SandboxSession::close()
{
    if (m_mode != Mode::Closing)
        replyAndClose("421 4.3.2 127.0.0.1 Sandbox shutting down");
}

void SandboxSession::reply(const QByteArray &text)
{
    m_socket->write(text + "\r\n");
}

void SandboxSession::replyAndClose(const QByteArray &text)
{
    reply(text);
    m_mode = Mode::Closing;
    m_idleTimer.stop();
    m_socket->disconnectFromHost();
}

void SandboxSession::onDisconnected()
{
    if (m_closedReported)
        return;
    m_closedReported = true;
    m_idleTimer.stop();
    m_server.sessionClosed(this, m_messages);
}

void SandboxSession::readLines()
{
    m_idleTimer.start();
    m_buffer += m_socket->readAll();
    while (m_mode != Mode::Closing) {
        const qsizetype end = m_buffer.indexOf("\r\n");
        if (end < 0) {
            const qsizetype limit = m_mode == Mode::Data ? MaxTextLine * 64 : MaxCommandLine * 8;
            if (m_buffer.size() > limit)
                replyAndClose("500 5.5.2 Line too long");
            return;
        }
        const QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 2);
        if (m_mode == Mode::Data)
            handleDataLine(line);
        else
            handleCommand(line);
    }
}

void SandboxSession::handleCommand(const QByteArray &line)
{
    if (m_mode == Mode::AuthPlain || m_mode == Mode::AuthLoginUser) {
        // Credentials are accepted without being looked at, and never stored or logged.
        if (line == "*") {
            m_mode = Mode::Command;
            reply("501 5.7.0 Authentication cancelled");
        } else if (m_mode == Mode::AuthLoginUser) {
            m_mode = Mode::AuthLoginPassword;
            reply("334 UGFzc3dvcmQ6");
        } else {
            m_mode = Mode::Command;
            reply("235 2.7.0 Authentication successful (sandbox: any credentials)");
        }
        return;
    }
    if (m_mode == Mode::AuthLoginPassword) {
        m_mode = Mode::Command;
        reply("235 2.7.0 Authentication successful (sandbox: any credentials)");
        return;
    }
    if (line.size() > MaxCommandLine) {
        reply("500 5.5.2 Line too long");
        return;
    }
    const qsizetype space = line.indexOf(' ');
    const QByteArray verb = (space < 0 ? line : line.left(space)).toUpper();
    const QByteArray argument = space < 0 ? QByteArray() : line.mid(space + 1).trimmed();

    if (verb == "EHLO" || verb == "HELO")
        handleEhlo(argument, verb == "EHLO");
    else if (verb == "STARTTLS")
        handleStartTls();
    else if (verb == "AUTH")
        handleAuth(argument);
    else if (verb == "MAIL")
        handleMail(argument);
    else if (verb == "RCPT")
        handleRecipient(argument);
    else if (verb == "DATA") {
        if (!m_hasMail)
            reply("503 5.5.1 Error: need MAIL command");
        else if (m_recipients.isEmpty())
            reply("554 5.5.1 Error: no valid recipients");
        else {
            m_mode = Mode::Data;
            m_data.clear();
            m_dataTooLarge = false;
            reply("354 End data with <CR><LF>.<CR><LF>");
        }
    } else if (verb == "RSET") {
        resetTransaction();
        reply("250 2.0.0 Ok");
    } else if (verb == "NOOP") {
        reply("250 2.0.0 Ok");
    } else if (verb == "QUIT") {
        replyAndClose("221 2.0.0 Bye");
    } else if (verb == "VRFY") {
        reply("252 2.0.0 Cannot verify, but will accept the message");
    } else {
        reply("500 5.5.2 Error: command not recognized");
    }
}

void SandboxSession::handleEhlo(const QByteArray &argument, bool extended)
{
    if (argument.isEmpty()) {
        reply("501 5.5.4 Syntax: EHLO hostname");
        return;
    }
    resetTransaction();
    m_greeted = true;
    if (!extended) {
        reply("250 127.0.0.1");
        return;
    }
    QList<QByteArray> lines{"127.0.0.1 Bulkmail sandbox",
                            "PIPELINING",
                            "SIZE " + QByteArray::number(m_server.options().maxMessageBytes),
                            "8BITMIME",
                            "SMTPUTF8",
                            "ENHANCEDSTATUSCODES"};
    m_tlsOffered = m_server.options().startTls && !m_socket->isEncrypted();
    if (m_tlsOffered)
        lines.append("STARTTLS");
    lines.append("AUTH PLAIN LOGIN");
    QByteArray text;
    for (qsizetype i = 0; i < lines.size(); ++i)
        text += "250" + QByteArray(i + 1 < lines.size() ? "-" : " ") + lines[i] + "\r\n";
    m_socket->write(text);
}

void SandboxSession::handleStartTls()
{
    if (!m_tlsOffered) {
        reply("502 5.5.1 STARTTLS not offered");
        return;
    }
    reply("220 2.0.0 Ready to start TLS");
    // RFC 3207 §4.2: whatever the client sent after STARTTLS before the handshake is discarded,
    // and the session starts over.
    m_buffer.clear();
    m_greeted = false;
    m_tlsOffered = false;
    resetTransaction();
    QSslConfiguration configuration = m_socket->sslConfiguration();
    configuration.setLocalCertificate(m_server.certificate());
    configuration.setPrivateKey(m_server.m_identity.privateKey);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients have no certificate
    m_socket->setSslConfiguration(configuration);
    m_socket->startServerEncryption();
}

void SandboxSession::handleAuth(const QByteArray &argument)
{
    const QList<QByteArray> parts = argument.split(' ');
    const QByteArray mechanism = parts.value(0).toUpper();
    if (!m_greeted) {
        reply("503 5.5.1 Error: send EHLO first");
    } else if (mechanism == "PLAIN") {
        if (parts.size() > 1)
            reply("235 2.7.0 Authentication successful (sandbox: any credentials)");
        else {
            m_mode = Mode::AuthPlain;
            reply("334 ");
        }
    } else if (mechanism == "LOGIN") {
        if (parts.size() > 1) {
            m_mode = Mode::AuthLoginPassword;
            reply("334 UGFzc3dvcmQ6");
        } else {
            m_mode = Mode::AuthLoginUser;
            reply("334 VXNlcm5hbWU6");
        }
    } else {
        reply("504 5.5.4 Unrecognized authentication type");
    }
}

void SandboxSession::handleMail(const QByteArray &argument)
{
    if (!m_greeted) {
        reply("503 5.5.1 Error: send HELO/EHLO first");
        return;
    }
    if (m_hasMail) {
        reply("503 5.5.1 Error: nested MAIL command");
        return;
    }
    const int cap = m_server.options().maxMessagesPerConnection;
    if (cap > 0 && m_messages >= cap) {
        replyAndClose("421 4.7.0 127.0.0.1 Too many messages on this connection (sandbox limit "
                      + QByteArray::number(cap) + "), closing");
        return;
    }
    if (sizeParameter(argument) > m_server.options().maxMessageBytes) {
        reply("552 5.3.4 Message size exceeds fixed limit");
        return;
    }
    if (!m_server.admitMessageByRate()) {
        reply("451 4.7.0 Rate limit exceeded (sandbox: "
              + QByteArray::number(m_server.options().ratePerMinute)
              + " messages a minute), try again later");
        return;
    }
    m_mailFrom = pathArgument(argument, "FROM:");
    m_hasMail = true;
    reply("250 2.1.0 Ok");
}

void SandboxSession::handleRecipient(const QByteArray &argument)
{
    if (!m_hasMail) {
        reply("503 5.5.1 Error: need MAIL command");
        return;
    }
    const QString recipient = pathArgument(argument, "TO:");
    if (recipient.isEmpty()) {
        reply("501 5.1.3 Bad recipient address syntax");
        return;
    }
    if (m_server.options().refusedRecipients.contains(recipient, Qt::CaseInsensitive)) {
        reply("550 5.1.1 <" + recipient.toUtf8()
              + ">: Recipient address rejected: mailbox unavailable (sandbox)");
        return;
    }
    m_recipients.append(recipient);
    reply("250 2.1.5 Ok");
}

void SandboxSession::handleDataLine(const QByteArray &line)
{
    if (line == ".") {
        m_mode = Mode::Command;
        finishMessage();
        return;
    }
    if (m_dataTooLarge)
        return;
    // RFC 5321 §4.5.2: a leading dot was doubled by the client.
    m_data += (line.startsWith('.') ? line.mid(1) : line);
    m_data += "\r\n";
    if (m_data.size() > m_server.options().maxMessageBytes) {
        m_dataTooLarge = true;
        m_data.clear();
    }
}

void SandboxSession::finishMessage()
{
    if (m_dataTooLarge) {
        resetTransaction();
        reply("552 5.3.4 Message size exceeds fixed limit");
        return;
    }
    CapturedMessage message;
    message.connectionId = m_connectionId;
    message.mailFrom = m_mailFrom;
    message.recipients = m_recipients;
    message.data = std::move(m_data);
    message.receivedAt = QDateTime::currentDateTime();
    ++m_messages;
    m_server.capture(std::move(message));
    resetTransaction();
    reply("250 2.0.0 Ok: queued as sandbox message " + QByteArray::number(m_server.messageCount()));
}

void SandboxSession::resetTransaction()
{
    m_hasMail = false;
    m_mailFrom.clear();
    m_recipients.clear();
    m_data.clear();
    m_dataTooLarge = false;
}

} // namespace Bulkmail
