#pragma once

#include <QStringList>

namespace Bulkmail {

// Exit statuses of bulkmail-cli, a contract with scripts.
enum ExitStatus {
    ExitAllSent = 0,
    ExitFatal = 1,      // bad file, authentication, TLS, unreachable server
    ExitSomeFailed = 2, // some recipients failed permanently or stayed unconfirmed or unsent
};

struct SendOptions
{
    QString campaignPath;
    QString passwordVariable = QStringLiteral("BULKMAIL_PASSWORD");
    QString eventsPath; // empty: none; "-": standard output
};

// `bulkmail-cli send`: runs the campaign on an engine thread and reports on stderr. Returns the
// process exit status. Needs a running QCoreApplication event loop (it runs one itself).
[[nodiscard]] int runSendCommand(const SendOptions &options);

} // namespace Bulkmail
