#pragma once

#include <QStringList>

#include <optional>

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
    // OAuth2 campaigns: take one access token from this environment variable instead of the
    // signed-in account in the keychain (for scripts that obtain tokens themselves).
    QString accessTokenVariable;
    QString eventsPath;       // empty: none; "-": standard output
    bool retryFailed = false; // also send to recipients that failed for good in earlier runs
    bool restart = false;     // ignore the journal and start over (asks first, unless assumeYes)
    bool assumeYes = false;
    // Personal attachments missing or ambiguous: hold those recipients and send the others
    // (whatever the campaign's "whenUnresolved" says).
    bool holdUnresolved = false;
    bool includeSuppressed = false; // send to the account's suppressed addresses too
    // --watch-bounces[=MINUTES]: read the campaign's mailbox for bounces while it sends and for
    // MINUTES after (unset: the campaign's mailbox.watchAfterMinutes), printing each one.
    bool watchBounces = false;
    std::optional<int> watchBouncesMinutes;
};

// `bulkmail-cli send`: runs the campaign on an engine thread and reports on stderr. Returns the
// process exit status. Needs a running QCoreApplication event loop (it runs one itself).
[[nodiscard]] int runSendCommand(const SendOptions &options);

} // namespace Bulkmail
