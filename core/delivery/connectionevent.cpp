#include "connectionevent.h"

namespace Bulkmail {

QString ConnectionEvent::kindName() const
{
    switch (kind) {
    case Kind::Created:
        return QStringLiteral("created");
    case Kind::Reused:
        return QStringLiteral("reused");
    case Kind::Closed:
        return QStringLiteral("closed");
    case Kind::HealthCheck:
        return QStringLiteral("health-check");
    case Kind::PhaseChanged:
        return QStringLiteral("phase");
    }
    return {};
}

QString ConnectionEvent::describe() const
{
    const QString id = QStringLiteral("connection #%1").arg(connectionId);
    switch (kind) {
    case Kind::Created:
        return QStringLiteral("%1 created to %2 (TLS: %3%4)")
            .arg(id, server, tls, authenticated ? QStringLiteral(", logged in") : QString());
    case Kind::Reused:
        return messageLimit > 0
                   ? QStringLiteral("%1 reused (message %2 of %3)")
                         .arg(id)
                         .arg(messageNumber)
                         .arg(messageLimit)
                   : QStringLiteral("%1 reused (message %2)").arg(id).arg(messageNumber);
    case Kind::Closed:
        return QStringLiteral("%1 closed: %2 after %3 message(s)%4%5")
            .arg(id, closeReasonName(reason))
            .arg(messagesSent)
            .arg(quitAnswered ? QStringLiteral(", QUIT answered") : QString(),
                 detail.isEmpty() ? QString() : QStringLiteral(" (") + detail + u')');
    case Kind::HealthCheck:
        return QStringLiteral("%1 health check %2%3")
            .arg(id,
                 healthy ? QStringLiteral("ok") : QStringLiteral("failed"),
                 detail.isEmpty() ? QString() : QStringLiteral(": ") + detail);
    case Kind::PhaseChanged:
        return QStringLiteral("%1 is %2").arg(id, connectionPhaseName(phase));
    }
    return {};
}

} // namespace Bulkmail
