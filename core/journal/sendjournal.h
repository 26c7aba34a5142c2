#pragma once

#include "campaign/campaign.h"
#include "common/clock.h"
#include "common/result.h"
#include "delivery/deliverynote.h"
#include "delivery/deliverysettings.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace Bulkmail {

// The send journal: `NAME.bulkmail.journal` beside the campaign file, one JSON object per line
// (UTF-8, '\n'-terminated), appended while a campaign sends so that a resumed campaign never sends
// a confirmed message twice.
//
// Each run of the campaign (a session) starts with a header line:
//   {"event":"started","format":"bulkmail-journal","version":1,"time":"2026-01-05T09:00:00.000Z",
//    "recipients":3,"recipientsHash":"<sha-256 of the addresses, hex>"}
// followed by one line per step of a message:
//   {"event":"inFlight","time":...,"index":5,"email":"a@example.org","attempt":1,"connection":3,
//    "messageId":"<x.y.5@example.org>"}
//   {"event":"sent","time":...,"index":5,"email":...,"attempt":1,"connection":3,"code":250,
//    "text":"2.0.0 Ok: queued as 4F2"}
// with "failed", "deferred" and "unconfirmed" shaped like "sent" (inFlight and sent lines of a
// message with personal attachments add "files":[{"name":...,"sha256":...,"size":...}]), and "markedSent" (the user's
// decision about an unconfirmed recipient) carrying index, email and time only. The inFlight and
// sent lines name the message's Message-ID ("messageId", absent in journals written before it),
// so that a delivery report arriving later can be matched to its recipient; such a report is
// recorded as a "bounced" line (index, email, messageId, "severity":"hard"|"soft", "status":
// "5.1.1", "text": the report's words, and "reportingServer": the recipient's server that refused
// it, absent when the report does not say or the journal predates it), an unsubscribe request to
// confirm as an "unsubscribeRequested" line (index, email, messageId, "text": the address that
// asked). An outcome the engine added words to ("gave up after 5 attempts") also names that
// note as a code ("note", "noteArguments", "serverText": see JournalEntry::note), for the window
// to word it. Nothing else is ever written: not the account's server, no user name, no password, no
// message content.
//
// The journal never contains the password: no function here accepts one.

// One line of the journal (other than a session header). An outcome that arrives before the final
// dot (a 550 to RCPT TO, a 452 to MAIL FROM) is appended without an in-flight line before it.
struct JournalEntry
{
    enum class Kind {
        InFlight, // just before the final dot leaves (RFC 5321 §4.1.1.4)
        Sent,     // 2xx to the final dot
        Failed,   // final: a permanent failure, or the attempts ran out
        Deferred, // a temporary failure of this attempt (4xx to the dot): it will be retried
        // The connection was lost after the final dot and before the reply (RFC 5321 §6.1): the
        // server may or may not have taken it. A resumed run treats an in-flight entry that has no
        // outcome the same way.
        Unconfirmed,
        MarkedSent, // the user resolved an unconfirmed recipient as delivered
        // The copy in the account's Sent folder (IMAP) of a delivered message: made (or found
        // there, filed by the provider), or not, with the reason. Not an outcome of sending.
        CopiedToSent,
        SentCopyFailed,
        // A delivery report (bounce) read back from the account's mailbox for a message the
        // journal names by its Message-ID. Not an outcome of sending: the server took it, and the
        // recipient's server refused it later.
        Bounced,
        // An unsubscribe request that waits for the user's confirmation (the campaign does not
        // add them to the suppression list by itself): kept here so that closing the app before
        // confirming loses nothing (the mailbox is never read twice). `email` is the recipient's,
        // `text` the address that asked. Not an outcome of sending.
        UnsubscribeRequested,
    };

    Kind kind = Kind::InFlight;
    int recipientIndex = -1; // in the recipient list of the session that wrote it
    QString email{};
    int attempt = 1;
    int connectionId = 0;
    int code = 0;     // the server's reply code, 0 if none
    QString text{};   // the server's reply text, or what happened in plain words (also for the
                      // Sent copy: "<message-id> in Sent: APPENDUID 1 4", or why it failed)
    QDateTime time{}; // UTC; SendJournal::append() stamps it from its Clock when left null
    // What the engine said of the outcome beside the English of `text`, so that a reopened
    // campaign's window words it in the user's language (outcome lines: "note" by its
    // deliveryNoteName, "noteArguments", and "serverText", the server's own words without the
    // note; all absent when the engine added nothing, and in journals written before them).
    DeliveryNote note = DeliveryNote::None;
    QStringList noteArguments{};
    QString serverText{};
    // The recipient's personal attachments (inFlight and sent lines; "files" in the line, absent
    // when empty, so journals without it read as before): who got which file, answerable later.
    QList<AttachedFile> files{};
    // Copies (Cc, Bcc) the message did not reach, in words ("copiesRejected", absent when empty).
    QStringList copiesRejected{};
    // The message's Message-ID, "<id@host>" (inFlight, sent and bounced lines; empty when the
    // journal predates it).
    QString messageId{};
    // A bounced line: "hard" or "soft", and the RFC 3463 status ("5.1.1"); `text` has the words.
    QString bounceSeverity{};
    QString bounceStatus{};
    // A bounced line: the server that refused it, as the report names it (its Remote-MTA, else
    // its Reporting-MTA: "mx.contoso.com"); empty when unknown. What a reopened campaign's Bounces
    // view shows; the replay ignores it.
    QString bounceServer{};

    friend bool operator==(const JournalEntry &, const JournalEntry &) = default;
};

// When the journal forces its lines to the disk (fdatasync). Every line reaches the OS with one
// write() as soon as it is appended, which survives a killed process; only a power loss or kernel
// crash can lose lines not yet synced, so syncing in batches bounds that loss. The batches are
// synced on a thread of their own (a slow disk never stalls the engine thread) and each sync
// covers every line written before it started, so the disk never limits the sending rate.
//
// A line appended with Durability::OnDisk (the in-flight line: once the final dot leaves, losing
// it would turn a delivered message into a silent duplicate) is synced before append() returns:
// the engine waits for that sync, so it runs it itself unless a batch's sync is under way.
struct JournalSyncPolicy
{
    std::chrono::milliseconds maxDelay{200}; // a sync starts at most this long after a line's write
    int maxEntries = 100;                    // ... or as soon as this many lines wait for one
    // How the lines reach the disk: fdatasync(2) when empty. Returns 0 or an errno value. Called
    // on the journal's sync thread, or on the engine thread for a sync it waits for; never twice
    // at once. A seam for tests: count the syncs, or make them fail.
    std::function<int(int fileDescriptor)> fileSync{};
    // How a line reaches the OS: write(2) when empty; same contract (bytes written, or -1 with
    // errno set). Called on the engine thread. A seam for tests: a full disk, a short write.
    std::function<qint64(int fileDescriptor, const char *data, qint64 size)> fileWrite{};
};

// Appends to the journal. Lives in the engine thread (its sync timer needs that thread's event
// loop). Not thread-safe.
class SendJournal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendJournal)

public:
    static constexpr int FormatVersion = 1;
    static constexpr QLatin1String Format{"bulkmail-journal"};
    static constexpr QLatin1String Suffix{".journal"};

    // "<campaignPath>.journal", e.g. "news.bulkmail.journal".
    [[nodiscard]] static QString pathFor(const QString &campaignPath);
    // The header's "recipientsHash": SHA-256 (hex) over each address, trimmed and lower-cased,
    // followed by '\n', in list order.
    [[nodiscard]] static QByteArray recipientsHash(const QList<Recipient> &recipients);

    // Opens (creating it, mode 0600: it lists addresses) the journal for appending and writes and
    // syncs a session header for `recipients`. If the file ends in a line cut short by a crash
    // (no '\n' at its end), that line is cut off first and its bytes are appended to
    // "<journalPath>.torn" (see repairs()): the file then holds whole lines only. Removing it is
    // safe: a torn in-flight line means its final dot never left (the dot waits for the line to be
    // on disk), and a torn outcome leaves its recipient unconfirmed, which is the careful side.
    [[nodiscard]] static Result<std::unique_ptr<SendJournal>> open(const QString &journalPath,
                                                                   const QList<Recipient> &recipients,
                                                                   const Clock &clock,
                                                                   JournalSyncPolicy policy = {});
    // Opens an existing journal to add lines to its last session, without a header of its own:
    // for lines that are not part of a run (a delivery report read back while a run of this
    // process, or none, writes the same file). Safe beside a running writer since every line is
    // one O_APPEND write(). A file that does not end in '\n' (a crash cut its last line) gets a
    // '\n' first, so that the cut line stays damaged alone. ErrorCode::Io when the file is
    // missing, empty (no session to add to) or cannot be opened.
    [[nodiscard]] static Result<std::unique_ptr<SendJournal>> openToAppend(
        const QString &journalPath, const Clock &clock, JournalSyncPolicy policy = {});
    ~SendJournal() override; // syncs and closes

    // Writes one line with a single write() (so a kill never leaves half of it followed by another
    // line), stamping `time` when null. Fails with ErrorCode::Io when the line cannot be written
    // or an earlier write or sync failed (disk full, I/O error; after a failed fdatasync the kernel may
    // have dropped the unsynced lines, so the error sticks): the caller should then stop sending,
    // since further outcomes could not be remembered.
    enum class Durability {
        Batched, // synced by the policy, soon
        OnDisk,  // synced before append() returns
    };
    [[nodiscard]] Result<void> append(JournalEntry entry,
                                      Durability durability = Durability::Batched);
    // Syncs every line written so far and waits for it. The policy needs no help; call it only
    // where "on disk" must hold at once.
    [[nodiscard]] Result<void> sync();

    [[nodiscard]] QString path() const { return m_path; }
    // Lines (header included) written to the OS and not yet covered by a finished sync.
    [[nodiscard]] qint64 unsyncedEntries() const;
    [[nodiscard]] int syncCount() const; // finished fdatasync calls
    // What open() repaired, in words for the user ("the last line, cut short by a crash, was
    // removed ..."); empty if nothing.
    [[nodiscard]] QStringList repairs() const { return m_repairs; }
    // "<journalPath>.torn": where the bytes of removed torn lines are kept.
    [[nodiscard]] static QString tornPathFor(const QString &journalPath);

private:
    class DiskSyncer;

    SendJournal(QString path, int fileDescriptor, const Clock &clock, JournalSyncPolicy policy);
    [[nodiscard]] Result<void> writeLine(const QByteArray &line);
    [[nodiscard]] Result<void> repairTornEnd();
    void requestSync();

    QString m_path;
    int m_fd = -1;
    const Clock &m_clock;
    JournalSyncPolicy m_policy;
    qint64 m_written = 0;   // lines written
    qint64 m_requested = 0; // lines a requested sync covers
    std::unique_ptr<DiskSyncer> m_syncer;
    // Armed by the first line no sync was requested for; on m_clock.
    const std::unique_ptr<ClockTimer> m_syncTimer;
    QStringList m_repairs;
    std::optional<Error> m_writeError; // the first failed write: it sticks, as a failed sync does
};

// Where one recipient of the current list stands, according to the journal.
struct JournalRecipientState
{
    enum class Status {
        Pending,     // only temporary failures so far: send it (attempts already used: `attempts`)
        Sent,        // confirmed by the server, or marked sent by the user
        Failed,      // finally failed
        Unconfirmed, // its last final dot was never answered
    };

    Status status = Status::Pending;
    int attempts = 0;                // the highest attempt the journal names
    int unconfirmedCount = 0;        // final dots that went unanswered, in this run or a killed one
    bool possiblyDuplicated = false; // it was sent again after an unconfirmed delivery
    bool markedSentByUser = false;
    bool copiedToSent = false; // a copy is in the account's Sent folder (copyToSent)
    QString messageId;         // of its last message that left (empty in older journals)
    // The last delivery report read back for it (Kind::Bounced): "hard" or "soft" (empty: none),
    // the status and the report's words. Its sending status stays what the server said.
    QString bounceSeverity;
    QString bounceStatus;
    QString bounceText;
    int code = 0; // of the last outcome
    QString text;
    // The engine's note on the last outcome (see JournalEntry::note); NoReplyRecorded for a
    // final dot whose reply no line records.
    DeliveryNote note = DeliveryNote::None;
    QStringList noteArguments;
    QString serverText;
    QDateTime time; // of the last entry

    friend bool operator==(const JournalRecipientState &, const JournalRecipientState &) = default;
};

// What a resumed campaign needs from its journal.
struct JournalState
{
    // By index in the current recipient list; recipients whose final dot never left are absent.
    QHash<int, JournalRecipientState> recipients;
    // Final dots of the last 24 h, oldest first: for RateLimiter::restoreStarts().
    QList<QDateTime> recentStarts;
    // "line 1234: truncated entry ignored": one item per damaged line, in file order.
    QStringList damage;
    int sessions = 0; // session headers read
    // A session was written for a different list (added, removed, reordered or edited addresses):
    // entries were then matched by address rather than index.
    bool recipientListChanged = false;
    int unmatchedEntries = 0; // entries for addresses that are no longer in the list

    [[nodiscard]] QList<int> indexesWith(JournalRecipientState::Status status) const; // ascending
};

// Reads a journal for resuming with `currentRecipients`. A missing file gives an empty state.
//
// An entry belongs to the current recipient at its index if that recipient has the same address
// (compared trimmed and case-insensitively), otherwise to the first current recipient with that
// address, otherwise to nobody (unmatchedEntries). An in-flight entry with no outcome after it
// (before the next in-flight entry for that recipient, the next session header or the end of the
// file) counts as unconfirmed.
//
// Damaged lines (not JSON, not a known entry, a '\0'-filled block after a power loss) are skipped
// and reported in `damage` with their line number, wherever they are. Skipping is safe: the file
// is only ever appended with whole lines, so damage comes from a crash at the end of a session (a
// later session then starts on a fresh line) or from outside; a lost "inFlight" line changes
// nothing once its outcome is read, and a lost outcome leaves its recipient unconfirmed, which
// the campaign's UnconfirmedPolicy already handles. Refusing to resume instead would leave the
// user only the choice of starting over, which duplicates every message already sent.
//
// Fails with ErrorCode::Io when the file cannot be read and ErrorCode::InvalidFormat when it is
// not a journal (its first readable line is not a session header) or a newer version.
[[nodiscard]] Result<JournalState> readJournal(const QString &journalPath,
                                               const QList<Recipient> &currentRecipients,
                                               const Clock &clock);

// Every entry of the journal in file order (session headers and damaged lines left out): for
// reports such as who got which personal file. A missing file gives an empty list.
[[nodiscard]] Result<QList<JournalEntry>> readJournalEntries(const QString &journalPath);

// What to do with each recipient the journal knows about.
struct ResumePlan
{
    QList<int> done;   // sent or finally failed: never sent again
    QList<int> resend; // unconfirmed once, UnconfirmedPolicy::Resend: send again, flagged
                       // "possibly duplicated" (RFC 5321 §3.8)
    // Unconfirmed, kept out of the send and listed for the user: under UnconfirmedPolicy::Hold,
    // and under Resend when it was already resent once and went unconfirmed again.
    QList<int> held;
};
[[nodiscard]] ResumePlan planResume(const JournalState &state, UnconfirmedPolicy policy);

} // namespace Bulkmail
