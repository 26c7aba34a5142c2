#pragma once

#include "capturedmessage.h"
#include "common/result.h"
#include "sandboxoptions.h"
#include "selfsignedcertificate.h"

#include <QList>
#include <QObject>
#include <QSslCertificate>

#include <deque>
#include <memory>

namespace Bulkmail {

class SandboxListener;
class SandboxSession;

// The built-in sandbox: a real SMTP server on 127.0.0.1 that captures messages instead of
// delivering them, so that a newcomer can send a campaign and watch connections being created,
// reused and closed without any mail server, and so that a real campaign can be rehearsed end to
// end. It speaks ESMTP with PIPELINING, SIZE, 8BITMIME, SMTPUTF8, ENHANCEDSTATUSCODES, AUTH PLAIN
// and LOGIN (any credentials are accepted and never kept), and optionally STARTTLS with a
// certificate generated at start. On request it acts like a provider (SandboxOptions): a
// per-connection message cap answered with 421, a rate limit answered with 451 4.7.0, refused
// recipients.
//
// It lives in the thread that created it; its sessions are driven by that thread's event loop.
class SandboxServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxServer)

public:
    explicit SandboxServer(QObject *parent = nullptr);
    ~SandboxServer() override;

    // Listens on 127.0.0.1 (options.port, or a free port when 0). Fails when the port is taken,
    // the save directory cannot be created, or the certificate cannot be generated.
    [[nodiscard]] Result<void> start(const SandboxOptions &options);
    void stop(); // closes the listener and every open connection
    [[nodiscard]] bool isListening() const;
    [[nodiscard]] quint16 port() const;

    // The provider behaviour may change while running; it applies to the next command.
    void setProviderBehaviour(int maxMessagesPerConnection,
                              int ratePerMinute,
                              const QStringList &refusedRecipients);
    [[nodiscard]] const SandboxOptions &options() const { return m_options; }

    // With STARTTLS: the certificate a client must trust, and a PEM file holding it, written
    // when the server starts (a campaign names it as its trusted certificate).
    [[nodiscard]] QSslCertificate certificate() const { return m_identity.certificate; }
    [[nodiscard]] QString certificateFile() const { return m_certificateFile; }

    [[nodiscard]] QList<CapturedMessage> messages() const;
    [[nodiscard]] int messageCount() const { return m_messageCount; }
    [[nodiscard]] int connectionCount() const { return m_connectionCount; }
    [[nodiscard]] int openConnectionCount() const;
    void clearMessages();

Q_SIGNALS:
    void connectionOpened(int connectionId);
    void connectionClosed(int connectionId, int messagesOnConnection);
    void messageCaptured(const Bulkmail::CapturedMessage &message);

private:
    friend class SandboxSession;
    friend class SandboxListener;

    void acceptConnection(qintptr socketDescriptor);
    // For sessions: the rate window, and storing what they received.
    [[nodiscard]] bool admitMessageByRate();
    void capture(CapturedMessage message);
    void sessionClosed(SandboxSession *session, int messages);

    SandboxOptions m_options;
    TlsIdentity m_identity;
    QString m_certificateFile;
    std::unique_ptr<SandboxListener> m_listener;
    std::deque<CapturedMessage> m_messages;
    std::deque<qint64> m_recentMails; // ms since epoch of accepted MAIL commands, last minute
    int m_messageCount = 0;
    int m_connectionCount = 0;
};

} // namespace Bulkmail
