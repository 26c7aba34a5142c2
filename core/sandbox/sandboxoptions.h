#pragma once

#include <QString>
#include <QStringList>

#include <chrono>

namespace Bulkmail {

// How the built-in sandbox server behaves. By default it accepts everything, as fast as it can;
// the "act like a provider" settings let a user rehearse what rotation, throttling and refused
// recipients look like before meeting them live.
struct SandboxOptions
{
    quint16 port = 0;      // 0: a free port chosen by the system
    bool startTls = false; // offer STARTTLS with a certificate generated at start
    qint64 maxMessageBytes = 35 * 1024 * 1024; // advertised as SIZE
    // After this many messages on one connection, answer the next MAIL with "421 4.7.0" and
    // close, as Exchange Online and Gmail do. 0: no limit.
    int maxMessagesPerConnection = 0;
    // More than this many messages a minute (over all connections) get "451 4.7.0 rate
    // exceeded" at MAIL FROM. 0: no limit.
    int ratePerMinute = 0;
    // Recipients refused with "550 5.1.1 mailbox unavailable" (compared without case).
    QStringList refusedRecipients;
    // Where each captured message is written as NNNNN-<recipient>.eml; empty: kept in memory only.
    QString saveDirectory;
    // How many captured messages the server keeps in memory (the oldest are dropped first).
    int keepMessages = 10'000;
    std::chrono::seconds idleTimeout{300}; // RFC 5321 §4.5.3.2: a server waits at least 5 min
};

} // namespace Bulkmail
