#pragma once

#include "smtp/smtpconnection.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace Bulkmail {

// One step in a connection's life, as the user sees it in the CLI, the GUI and the log.
struct ConnectionEvent
{
    // PhaseChanged is for live views only: it is not part of the --events format, and the runner
    // keeps only the latest one per connection in each batch.
    enum class Kind { Created, Reused, Closed, HealthCheck, PhaseChanged };

    Kind kind = Kind::Created;
    int connectionId = 0;
    QDateTime time;
    QString server;             // "smtp.example.org:587"
    QString tls;                // Created: "TLSv1.3 TLS_AES_256_GCM_SHA384" or "none"
    bool authenticated = false; // Created: a login happened on it
    int messageNumber = 0;      // Reused: this is the n-th message on the connection
    int messageLimit = 0;       // Reused: the per-connection limit (0: none)
    CloseReason reason = CloseReason::Finished; // Closed
    QString detail;                             // Closed and HealthCheck: the English
    CloseNote note;            // Closed and HealthCheck: the same as a code, for the window to word
    int messagesSent = 0;      // Closed: messages delivered on it
    bool quitAnswered = false; // Closed
    bool healthy = false;      // HealthCheck
    ConnectionPhase phase = ConnectionPhase::Connecting; // PhaseChanged

    [[nodiscard]] QString kindName() const; // "created", "reused", "closed", "health-check"
    // One sentence for the log and the terminal, always with the connection id.
    [[nodiscard]] QString describe() const;
};

} // namespace Bulkmail

Q_DECLARE_METATYPE(Bulkmail::ConnectionEvent)
