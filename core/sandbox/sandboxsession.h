#pragma once

#include <QByteArray>
#include <QObject>
#include <QStringList>
#include <QTimer>

class QSslSocket;

namespace Bulkmail {

class SandboxServer;

// One SMTP session of the sandbox (RFC 5321 server side). Commands are read line by line and
// answered in order, so pipelined clients (RFC 2920) are served without special cases.
class SandboxSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxSession)

public:
    SandboxSession(SandboxServer &server, QSslSocket *socket, int connectionId);
    ~SandboxSession() override;

    [[nodiscard]] int connectionId() const { return m_connectionId; }
    void close(); // 421 and disconnect, for stop()

private:
    enum class Mode { Command, Data, AuthPlain, AuthLoginUser, AuthLoginPassword, Closing };

    void readLines();
    void handleCommand(const QByteArray &line);
    void handleDataLine(const QByteArray &line);
    void handleEhlo(const QByteArray &argument, bool extended);
    void handleStartTls();
    void handleAuth(const QByteArray &argument);
    void handleMail(const QByteArray &argument);
    void handleRecipient(const QByteArray &argument);
    void finishMessage();
    void resetTransaction();
    void reply(const QByteArray &text);
    void replyAndClose(const QByteArray &text);
    void onDisconnected();

    SandboxServer &m_server;
    QSslSocket *m_socket;
    int m_connectionId;
    QTimer m_idleTimer;
    Mode m_mode = Mode::Command;
    QByteArray m_buffer;
    bool m_greeted = false; // EHLO or HELO seen
    bool m_tlsOffered = false;
    QString m_mailFrom;
    bool m_hasMail = false;
    QStringList m_recipients;
    QByteArray m_data;
    bool m_dataTooLarge = false;
    int m_messages = 0;
    bool m_closedReported = false;
};

} // namespace Bulkmail
