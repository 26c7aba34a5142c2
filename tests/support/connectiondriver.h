#pragma once

#include "smtp/smtpconnection.h"

#include <QElapsedTimer>
#include <QList>

namespace Bulkmail::Test {

// Timeouts short enough for a test that waits on a fault, long enough for a loaded machine.
[[nodiscard]] SmtpTimeouts quickTimeouts();

// Drives one real SmtpConnection the way the pool does: sends the queued messages one after
// another (on established / becameIdle), optionally hands them to the pipelining provider as well,
// and QUITs when the queue is empty. Records everything the connection reports. Lives in the
// test's thread: waits spin the event loop.
class ConnectionDriver final
{
public:
    enum class Pipelining { OnIdleOnly, AlsoProvider };

    explicit ConnectionDriver(const SmtpEndpoint &endpoint,
                              SmtpCredentials credentials = {},
                              SmtpTimeouts timeouts = quickTimeouts());
    Q_DISABLE_COPY_MOVE(ConnectionDriver)

    void queue(const QList<OutgoingMessage> &messages,
               Pipelining pipelining = Pipelining::OnIdleOnly);
    void open();
    [[nodiscard]] bool waitClosed(int timeoutMs = 10'000);
    [[nodiscard]] const ConnectionClosure &closure() const { return closures.constFirst(); }
    [[nodiscard]] int deliveredCount() const;
    [[nodiscard]] const MessageOutcome *outcomeFor(quint64 id) const;

    SmtpConnection connection;
    QList<OutgoingMessage> pending;
    QList<MessageOutcome> outcomes;
    QList<MessageOutcome> refusedByPrecheck;
    QList<ConnectionClosure> closures;
    bool quitWhenDone = true;
    int establishedCount = 0;
    int idleCount = 0;
    int providerHandOuts = 0;
    QString tlsAtEstablished;
    bool authenticatedAtEstablished = false;
    QElapsedTimer sinceOpen;
    qint64 openToClosedMs = -1;

private:
    void sendNextOrQuit();
};

} // namespace Bulkmail::Test
