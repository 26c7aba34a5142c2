#include "connectiondriver.h"

#include <QTest>

#include <algorithm>

namespace Bulkmail::Test {

using namespace std::chrono_literals;

SmtpTimeouts quickTimeouts()
{
    SmtpTimeouts timeouts;
    timeouts.connect = 5s;
    timeouts.greeting = 5s;
    timeouts.command = 5s;
    timeouts.dataInitiation = 5s;
    timeouts.finalDot = 5s;
    return timeouts;
}

ConnectionDriver::ConnectionDriver(const SmtpEndpoint &endpoint,
                                   SmtpCredentials credentials,
                                   SmtpTimeouts timeouts)
    : connection(1, endpoint, std::move(credentials), timeouts)
{
    QObject::connect(&connection, &SmtpConnection::established, &connection, [this] {
        ++establishedCount;
        tlsAtEstablished = connection.tlsDescription();
        authenticatedAtEstablished = connection.isAuthenticated();
        sendNextOrQuit();
    });
    QObject::connect(&connection,
                     &SmtpConnection::messageFinished,
                     &connection,
                     [this](const MessageOutcome &outcome) { outcomes.append(outcome); });
    QObject::connect(&connection, &SmtpConnection::becameIdle, &connection, [this] {
        ++idleCount;
        sendNextOrQuit();
    });
    QObject::connect(&connection,
                     &SmtpConnection::closed,
                     &connection,
                     [this](const ConnectionClosure &closure) {
                         closures.append(closure);
                         openToClosedMs = sinceOpen.elapsed();
                     });
}

void ConnectionDriver::queue(const QList<OutgoingMessage> &messages, Pipelining pipelining)
{
    pending += messages;
    if (pipelining == Pipelining::AlsoProvider) {
        connection.setNextMessageProvider([this]() -> std::optional<OutgoingMessage> {
            if (pending.isEmpty())
                return std::nullopt;
            ++providerHandOuts;
            return pending.takeFirst();
        });
    }
}

void ConnectionDriver::open()
{
    sinceOpen.start();
    connection.open();
}

bool ConnectionDriver::waitClosed(int timeoutMs)
{
    return QTest::qWaitFor([this] { return !closures.isEmpty(); }, timeoutMs);
}

int ConnectionDriver::deliveredCount() const
{
    return int(std::count_if(outcomes.cbegin(), outcomes.cend(), [](const MessageOutcome &o) {
        return o.isDelivered();
    }));
}

const MessageOutcome *ConnectionDriver::outcomeFor(quint64 id) const
{
    for (const MessageOutcome &outcome : outcomes) {
        if (outcome.messageId == id)
            return &outcome;
    }
    return nullptr;
}

void ConnectionDriver::sendNextOrQuit()
{
    while (!pending.isEmpty()) {
        const OutgoingMessage next = pending.takeFirst();
        if (std::optional<MessageOutcome> refused = connection.precheck(next)) {
            refusedByPrecheck.append(*refused);
            continue;
        }
        connection.send(next);
        return;
    }
    if (quitWhenDone)
        connection.quit(CloseReason::Finished);
}

} // namespace Bulkmail::Test
