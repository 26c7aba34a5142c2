#include "sandboxserver.h"

#include "common/fileio.h"
#include "sandboxsession.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QRegularExpression>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>

#include <spdlog/spdlog.h>

namespace Bulkmail {

// Hands each accepted socket descriptor to the server as a QSslSocket, so that a session can
// start TLS later (STARTTLS) on the same socket.
class SandboxListener final : public QTcpServer
{
public:
    explicit SandboxListener(SandboxServer &server)
        : m_server(server)
    {}

protected:
    void incomingConnection(qintptr socketDescriptor) override
    {
        m_server.acceptConnection(socketDescriptor);
    }

private:
    SandboxServer &m_server;
};

namespace {

// "00012-ann_example.org.eml": sortable, and safe as a file name on every system.
QString emlFileName(int number, const QString &recipient)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._@+-]"));
    QString name = recipient;
    name.replace(unsafe, QStringLiteral("_"));
    return QStringLiteral("%1-%2.eml").arg(number, 5, 10, QLatin1Char('0')).arg(name.left(80));
}

} // namespace

SandboxServer::SandboxServer(QObject *parent)
    : QObject(parent)
{}

SandboxServer::~SandboxServer()
{
    stop();
    if (!m_certificateFile.isEmpty())
        QFile::remove(m_certificateFile);
}

Result<void> SandboxServer::start(const SandboxOptions &options)
{
    stop();
    m_options = options;
    if (!options.saveDirectory.isEmpty() && !QDir().mkpath(options.saveDirectory))
        return makeError(ErrorCode::Io,
                         QStringLiteral("Cannot create the folder %1").arg(options.saveDirectory));
    if (options.startTls && m_identity.certificate.isNull()) {
        Result<TlsIdentity> identity = generateSelfSignedCertificate(
            QStringLiteral("Bulkmail sandbox"));
        if (!identity)
            return tl::make_unexpected(identity.error());
        m_identity = *identity;
        const QString directory = QStandardPaths::writableLocation(
            QStandardPaths::AppLocalDataLocation);
        QDir().mkpath(directory);
        m_certificateFile = directory
                            + QStringLiteral("/sandbox-certificate-%1.pem")
                                  .arg(QCoreApplication::applicationPid());
        if (Result<void> written = writeFileAtomically(m_certificateFile,
                                                       m_identity.certificate.toPem());
            !written)
            return written;
    }
    m_listener = std::make_unique<SandboxListener>(*this);
    if (!m_listener->listen(QHostAddress::LocalHost, options.port)) {
        const QString error = m_listener->errorString();
        m_listener.reset();
        return makeError(ErrorCode::Connection,
                         QStringLiteral("The sandbox cannot listen on 127.0.0.1:%1: %2")
                             .arg(options.port)
                             .arg(error));
    }
    spdlog::info("sandbox listening on 127.0.0.1:{}{}",
                 port(),
                 options.startTls ? " (STARTTLS offered)" : "");
    return {};
}

void SandboxServer::stop()
{
    if (m_listener) {
        m_listener->close();
        m_listener.reset();
    }
    const QList<SandboxSession *> sessions = findChildren<SandboxSession *>(
        Qt::FindDirectChildrenOnly);
    for (SandboxSession *session : sessions)
        session->close();
}

bool SandboxServer::isListening() const
{
    return m_listener && m_listener->isListening();
}

quint16 SandboxServer::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

void SandboxServer::setProviderBehaviour(int maxMessagesPerConnection,
                                         int ratePerMinute,
                                         const QStringList &refusedRecipients)
{
    m_options.maxMessagesPerConnection = maxMessagesPerConnection;
    m_options.ratePerMinute = ratePerMinute;
    m_options.refusedRecipients = refusedRecipients;
}

QList<CapturedMessage> SandboxServer::messages() const
{
    return QList<CapturedMessage>(m_messages.begin(), m_messages.end());
}

int SandboxServer::openConnectionCount() const
{
    return static_cast<int>(findChildren<SandboxSession *>(Qt::FindDirectChildrenOnly).size());
}

void SandboxServer::clearMessages()
{
    m_messages.clear();
}

void SandboxServer::acceptConnection(qintptr socketDescriptor)
{
    auto *socket = new QSslSocket;
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    const int id = ++m_connectionCount;
    new SandboxSession(*this, socket, id);
    spdlog::debug("sandbox connection {} opened", id);
    Q_EMIT connectionOpened(id);
}

bool SandboxServer::admitMessageByRate()
{
    if (m_options.ratePerMinute <= 0)
        return true;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    while (!m_recentMails.empty() && now - m_recentMails.front() >= 60'000)
        m_recentMails.pop_front();
    if (static_cast<int>(m_recentMails.size()) >= m_options.ratePerMinute)
        return false;
    m_recentMails.push_back(now);
    return true;
}

void SandboxServer::capture(CapturedMessage message)
{
    message.number = ++m_messageCount;
    message.subject = decodedSubject(message.data);
    if (!m_options.saveDirectory.isEmpty()) {
        const QString path = QDir(m_options.saveDirectory)
                                 .filePath(emlFileName(message.number, message.recipients.value(0)));
        if (Result<void> saved = writeFileAtomically(path, message.data); saved)
            message.savedPath = path;
        else
            spdlog::warn("sandbox: {}", saved.error().message.toStdString());
    }
    m_messages.push_back(message);
    while (static_cast<int>(m_messages.size()) > std::max(m_options.keepMessages, 1))
        m_messages.pop_front();
    Q_EMIT messageCaptured(message);
}

void SandboxServer::sessionClosed(SandboxSession *session, int messages)
{
    const int id = session->connectionId();
    session->deleteLater();
    session->setParent(nullptr); // no longer counted as open
    spdlog::debug("sandbox connection {} closed after {} messages", id, messages);
    Q_EMIT connectionClosed(id, messages);
}

} // namespace Bulkmail
