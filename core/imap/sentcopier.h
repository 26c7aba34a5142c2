#pragma once

#include "common/result.h"
#include "reconnectingimapsession.h"
#include "sentfolder.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>

namespace Bulkmail {

// Messages waiting to be copied to the Sent folder, one file each in a folder of their own
// (beside the campaign's journal). The exact bytes the SMTP server accepted wait on disk, not in
// memory, so that a slow IMAP server never grows the engine's memory, and a copy interrupted by
// a crash or a closed window is made on the next run.
class SentCopySpool
{
public:
    explicit SentCopySpool(QString directory);
    [[nodiscard]] QString directory() const { return m_directory; }

    // Writes the message under `key` (letters, digits, '-' and '_'), replacing nothing half-way:
    // the file appears whole or not at all.
    [[nodiscard]] Result<void> put(const QString &key, const QByteArray &content);
    [[nodiscard]] Result<QByteArray> read(const QString &key) const;
    void remove(const QString &key);
    // What waits, in key order.
    [[nodiscard]] QStringList keys() const;

private:
    [[nodiscard]] QString pathOf(const QString &key) const;
    QString m_directory;
};

// The Message-ID header's value ("<id@host>"), unfolded, or empty when there is none.
[[nodiscard]] QByteArray messageIdOf(const QByteArray &content);

struct SentCopierSettings
{
    // A message on this many sessions that ended while it was being copied stays in the spool
    // and is reported failed for this run (a later run tries again).
    int maxAttemptsPerMessage = 3;
    // Reconnecting after a session that copied nothing waits, doubling up to the maximum; after
    // this many such sessions in a row the copier gives up for this run.
    std::chrono::milliseconds firstReconnectDelay{5'000};
    std::chrono::milliseconds maxReconnectDelay{120'000};
    int maxFailedSessionsInARow = 5;
    std::chrono::milliseconds idleLogout{120'000}; // nothing to copy for this long: LOGOUT
    QString sentMailbox; // a folder the user named; empty: find the \Sent one
};

enum class SentCopyResult {
    Appended,     // APPENDed with \Seen
    AlreadyThere, // a message with its Message-ID was in Sent already (the provider filed it)
    Failed,       // see detail; kept in the spool when a later run may succeed
};
[[nodiscard]] QString sentCopyResultName(SentCopyResult result); // "appended", ...

struct SentCopyOutcome
{
    QString key;
    QByteArray messageId;
    SentCopyResult result = SentCopyResult::Failed;
    QString detail;            // the English: why it failed, or the server's APPENDUID
    ImapNote note;             // why it failed as a code, for the window to word
    QString mailbox;           // the Sent folder's name, decoded
    bool keptForLater = false; // Failed but still in the spool: a later run retries it
};

// Copies what the SMTP server accepted into the account's Sent folder over one reused IMAP
// connection, off the sending path: SMTP never waits for it. For each message it first looks for
// its Message-ID in Sent (providers such as Gmail file SMTP submissions themselves; a resumed run
// may find its own earlier copy) and APPENDs only when it is not there, so that a message is
// never in Sent twice. Every retry is bounded: a message by its attempts, a failing server by the
// sessions in a row that copied nothing, an account problem (password, certificate, no Sent
// folder) by one attempt. Every message ends with copied(); nothing is dropped silently.
class SentCopier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SentCopier)

public:
    SentCopier(ImapEndpoint endpoint,
               ImapCredentials credentials,
               SentCopySpool spool,
               SentCopierSettings settings = {},
               QObject *parent = nullptr);
    // Its waits and timeouts on `clock` (which must outlive it).
    SentCopier(ImapEndpoint endpoint,
               ImapCredentials credentials,
               SentCopySpool spool,
               SentCopierSettings settings,
               const Clock &clock,
               QObject *parent = nullptr);
    ~SentCopier() override;

    // Spools the message and queues its copy. An error when it cannot be spooled (reported, the
    // caller records it: the message itself was delivered).
    [[nodiscard]] Result<void> copy(const QString &key, const QByteArray &content);
    // Queues what an earlier run left in the spool.
    void resume();
    // Logs out once everything queued has ended; then finished().
    void finish();
    [[nodiscard]] int pendingCount() const;
    // Copies nothing in this run (an account problem known before any connection, such as no
    // password): what waits and what comes is kept in the spool and reported failed with `reason`.
    void refuse(const ImapNote &reason);
    // How sessions sign in: the password given, or an OAuth2 account's access tokens
    // (signIn().setAccessTokenSource()).
    [[nodiscard]] ImapSignIn &signIn() { return m_session.signIn(); }

Q_SIGNALS:
    void copied(const Bulkmail::SentCopyOutcome &outcome);
    // The connection's life, for the log and the connection view: "created", "ready", "closed".
    void connectionEvent(int connectionId, const QString &event, const QString &detail);
    void finished();

private:
    void pump();
    void findSentMailbox();
    void selectSentMailbox();
    void copyCurrent();
    void appendCurrent(const QByteArray &content);
    void finishCurrent(SentCopyResult result, const ImapNote &note, bool keepForLater = false);
    void onClosed(const ImapSessionClosure &ended);
    void giveUp(const ImapNote &reason);

    SentCopySpool m_spool;
    const SentCopierSettings m_settings;

    std::deque<QString> m_queue;
    std::optional<QString> m_current;
    QByteArray m_currentMessageId;
    QHash<QString, int> m_attempts;
    ReconnectingImapSession m_session;
    std::optional<MailboxListing> m_sent;
    bool m_selected = false;
    std::optional<ImapNote> m_gaveUpReason; // an account problem: no more sessions this run
    bool m_finishing = false;
    bool m_finishedEmitted = false;
    const std::unique_ptr<ClockTimer> m_idleTimer; // nothing to copy for a while: LOGOUT
};

} // namespace Bulkmail

Q_DECLARE_METATYPE(Bulkmail::SentCopyOutcome)
