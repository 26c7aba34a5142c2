#pragma once

#include "delivery/deliverynote.h"
#include "delivery/enginereason.h"
#include "delivery/ratelimiter.h"
#include "imap/imapnote.h"
#include "journal/journallock.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Bulkmail {

// What happened to one recipient. The status names (see recipientStatusName) are part of the
// --events format that scripts read.
struct RecipientResult
{
    enum class Status {
        Sent,        // the server accepted the message (250 to the final dot)
        Failed,      // permanently: a 5xx, or the attempts ran out
        Retrying,    // a temporary failure or a lost connection: queued again
        Throttled,   // the server asked us to slow down: queued again, never failed for it
        Unconfirmed, // the final dot left but no reply came: it may have been delivered
        Skipped,     // a duplicate address: the earlier row gets the message
        Held,        // unconfirmed in an earlier run and held for the user to decide
    };

    int recipientIndex = -1;
    QString email;
    Status status = Status::Sent;
    int code = 0;    // the server's reply code, 0 if none
    QString text;    // the server's reply text, or what happened in plain words
    int attempt = 1; // 1 for the first try
    int connectionId = 0;
    bool possiblyDuplicated = false; // sent again after an unconfirmed delivery
    // Copies (Cc, Bcc) this message did not reach although the recipient's outcome stands:
    // "boss@example.org: 550 5.1.1 no such user", "not-an-address: not a valid address".
    QStringList copyProblems{};
    // What the engine says of it, alone or added to the server's words, as a code with its
    // arguments for the window to word in the user's language (see DeliveryNote); `text` keeps
    // the English for the journal, the log, --events and the CLI: serverText + the note's English.
    using Note = DeliveryNote;
    Note note = Note::None;
    QStringList noteArguments{};
    // The server's own reply text (or the reply classifier's explanation, already in the user's
    // words), without the engine's note; empty where no server spoke.
    QString serverText{};
    // Deferred to a time of its own (Retrying): seconds from this result to the next attempt;
    // 0 when it is requeued at once or waits with everybody for the server.
    qint64 retryInSeconds = 0;
};
[[nodiscard]] QString recipientStatusName(RecipientResult::Status status);

// A snapshot for progress displays, emitted at most 20 times a second.
struct CampaignProgress
{
    int total = 0;
    int sent = 0;
    int failed = 0;
    int unconfirmed = 0; // delivered at most once more than confirmed
    int retrying = 0;    // waiting for a retry
    int remaining = 0;   // not yet finished (queued, retrying or in flight)
    int openConnections = 0;
    double messagesPerSecond = 0; // over the last few seconds
    std::optional<double> etaSeconds;
    HoldReason hold = HoldReason::None;
    qint64 holdRemainingMs = 0;
    QString holdDetail; // ServerUnavailable: what the server said
    // ServerUnavailable because no connection could be made: the last attempt's failure as a
    // code, for the window to word (holdDetail is its English); empty otherwise.
    CloseNote holdUnreachable{};
    // While the server's throttling keeps sending below the configured rate: the rate in force
    // (RateLimiter::effectivePerSecond()), in messages a second; 0: not slowed down.
    double slowedToPerSecond = 0;
    bool paused = false;
    bool waitingForSignIn = false; // paused until the user signs in again (OAuth2)
};

// What became of the Sent copies in one run (CampaignSummary::sentCopies).
struct SentCopySummary
{
    bool enabled = false; // the campaign asked for copies (mailbox.copyToSent)
    QString mailbox;      // the Sent folder's name once found
    int copied = 0;       // appended
    int alreadyThere = 0; // found in Sent by Message-ID (the provider files them itself)
    int failed = 0;       // not copied; keptForLater of them wait in the spool for a later run
    int keptForLater = 0;
    QString problem;      // the first failure's English, for the log and the CLI
    ImapNote problemNote; // the same as a code, for the window to word
};

struct CampaignSummary
{
    int total = 0;
    int sent = 0;
    int failed = 0;
    int unconfirmed = 0; // resent or not, these may have reached the recipient twice or not at all
    int notSent = 0;     // left in the queue (cancelled or stopped)
    int previouslySent = 0;    // sent in earlier runs, per the journal
    int previouslyFailed = 0;  // failed for good in earlier runs (not retried)
    int held = 0;              // unconfirmed earlier; held for the user (see RecipientResult::Held)
    int skipped = 0;           // duplicate addresses that got one message, not two
    int suppressed = 0;        // on the account's suppression list: not sent (not in skipped)
    QStringList journalDamage; // damaged journal lines that were skipped on resume
    int connections = 0;
    int logins = 0;
    double seconds = 0;
    bool cancelled = false;
    QString fatalError;      // empty unless the campaign stopped on its own: stopReason in English
    EngineReason stopReason; // the same as a code with its arguments, for the window to word
    // The send journal could not be saved at the end of the run (the last outcomes may be lost:
    // a resume may then hold or resend them). Reported beside fatalError, never instead of it.
    QString journalError;
    // The run was refused because another process sends this campaign (fatalError says so too).
    std::optional<JournalLockHolder> lockedBy;
    SentCopySummary sentCopies; // the copies in the account's Sent folder (mailbox.copyToSent)
    // Every recipient got the message (now or earlier), or was a duplicate of one that did.
    [[nodiscard]] bool isComplete() const;
    [[nodiscard]] double connectionsPer100Messages() const;
    [[nodiscard]] double loginsPer100Messages() const;
};

} // namespace Bulkmail

Q_DECLARE_METATYPE(Bulkmail::RecipientResult)
Q_DECLARE_METATYPE(Bulkmail::CampaignProgress)
Q_DECLARE_METATYPE(Bulkmail::CampaignSummary)
