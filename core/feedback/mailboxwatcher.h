#pragma once

#include "feedback/feedbackmessage.h"
#include "feedback/mailboxpositions.h"
#include "imap/reconnectingimapsession.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>

namespace Bulkmail {

struct MailboxWatcherSettings
{
    // The folders to read, in order: INBOX, and a folder the user names (where a rule files
    // reports). A named folder that does not exist is reported and skipped.
    QStringList mailboxes{QStringLiteral("INBOX")};
    // Whose positions (MailboxPositions): the campaign's journal path.
    QString reader;
    // A folder read for the first time (or whose UIDVALIDITY changed) is read from this day on
    // (IMAP SEARCH SINCE has day precision): the day the campaign started, so that a mailbox of
    // years is not read whole. Invalid: every message.
    QDateTime firstScanSince;
    // Only the first bytes of each message are fetched: a report's own parts come first, and the
    // message it returns (attachments and all) may be large.
    qint64 maxBytesPerMessage = 2 * 1024 * 1024;
    // Reconnecting after a session that read nothing waits, doubling up to the maximum; after this
    // many such sessions in a row the scan gives up. A refused login or certificate: at once.
    std::chrono::milliseconds firstReconnectDelay{2'000};
    std::chrono::milliseconds maxReconnectDelay{60'000};
    int maxFailedSessionsInARow = 3;
    // watch(): how long between two looks at the folders where the server has no IDLE; where it
    // has, how long between two looks at the folders other than the one IDLE watches.
    std::chrono::milliseconds pollInterval{60'000};
    // Whether a Message-ID ("<id@host>") is one of the campaign's: a delivery report about
    // another message, or a reply to one, is not reported (the user's own mail stays private).
    std::function<bool(const QString &messageId)> isOurMessageId{};
};

// A message of the mailbox that says something about the campaign.
struct MailboxFeedback
{
    QString mailbox;
    quint64 uid = 0;
    FeedbackMessage message; // kind Bounce (report set) or Unsubscribe (unsubscribe set)
};

// What one look at the folders found.
struct MailboxScanSummary
{
    int examined = 0;     // messages fetched and read
    int bounces = 0;      // reports about the campaign's messages
    int unsubscribes = 0; // requests about them (or to the tagged address)
    int ignored = 0;      // reports and requests about other messages
    QStringList problems; // a named folder missing, positions not saved: said, not fatal
    QString error;        // empty: complete; else why the scan stopped (a refused password...)
    [[nodiscard]] bool isComplete() const { return error.isEmpty(); }
};

// Reads the account's mailbox for what comes back after sending: delivery reports and unsubscribe
// requests about the campaign's messages, each through readFeedbackMessage(). Read-only: EXAMINE
// and BODY.PEEK (RFC 9051 §6.3.3, §6.4.5), so it never deletes, moves or marks anything, and a
// message the user has not read stays unread.
//
// One reused, bounded IMAP session, in the manner of SentCopier: the messages newer than the
// last one read (UIDVALIDITY + UID per folder, kept in MailboxPositions and saved after each
// folder and when the session ends) are fetched one at a time, so memory holds one message. A
// session that ends half-way (a server restart, an administrator's kick) is resumed from the
// last message read, never re-reading; a refused password or certificate ends the scan after
// one login; a server that keeps failing after maxFailedSessionsInARow sessions.
//
// scanOnce() looks once and logs out. watch() keeps the session until stop(): where the server
// offers IDLE (RFC 2177), it idles on the folder read last (the user's bounce folder when one is
// named, else INBOX), and a new message there (EXISTS) starts a look at once; the other folders,
// and every folder on a server without IDLE, are looked at every pollInterval. A session that
// drops while idling is opened again through the session's bounded back-off; it counts as one
// that did nothing unless it read a message or idled a full term (ImapConnection::IdleRestart),
// so that a server that accepts IDLE and then hangs up is not called back for ever.
class MailboxWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MailboxWatcher)

public:
    MailboxWatcher(ImapEndpoint endpoint,
                   ImapCredentials credentials,
                   MailboxPositions positions,
                   MailboxWatcherSettings settings,
                   QObject *parent = nullptr);
    // Its waits and timeouts on `clock` (which must outlive it).
    MailboxWatcher(ImapEndpoint endpoint,
                   ImapCredentials credentials,
                   MailboxPositions positions,
                   MailboxWatcherSettings settings,
                   const Clock &clock,
                   QObject *parent = nullptr);
    ~MailboxWatcher() override;

    void scanOnce();
    void watch();
    // Logs out after the message being read; then finished().
    void stop();

    [[nodiscard]] const MailboxPositions &positions() const { return m_positions; }
    // How sessions sign in: the password given, or an OAuth2 account's access tokens
    // (signIn().setAccessTokenSource()).
    [[nodiscard]] ImapSignIn &signIn() { return m_session.signIn(); }

Q_SIGNALS:
    void feedbackFound(const Bulkmail::MailboxFeedback &feedback);
    void scanFinished(const Bulkmail::MailboxScanSummary &summary);
    // The connection's life, for the log: "created", "ready", "idle" (the server accepted IDLE on
    // the folder named in `detail`: news comes as it happens), "closed".
    void connectionEvent(int connectionId, const QString &event, const QString &detail);
    void finished();

private:
    void startScan();
    void pump();
    void examineMailbox();
    void searchMailbox(const QString &mailbox, quint64 uidValidity);
    void fetchNext();
    void onFetched(quint64 uid, const ImapCommandResult &result);
    void endMailbox();
    void endScan();
    [[nodiscard]] bool canIdle() const;
    void startIdling();
    void onUnsolicited(const ImapResponse &response);
    void onClosed(const ImapSessionClosure &ended);
    void fail(const QString &reason);
    void emitFinished();
    void savePositions();

    MailboxPositions m_positions;
    const MailboxWatcherSettings m_settings;

    ReconnectingImapSession m_session;
    bool m_scanning = false;
    bool m_busy = false; // a command of ours awaits its reply
    bool m_watching = false;
    bool m_stopping = false;
    bool m_finishedEmitted = false;
    qsizetype m_mailboxIndex = 0;
    // The folder being read: examined on this session, and the UIDs still to fetch.
    bool m_examined = false;
    std::optional<QString> m_selected; // the folder the session has examined, if any
    // The selected folder announced new messages (EXISTS) during the look: the search may not
    // have seen them, so the look is made again before idling.
    bool m_grewDuringLook = false;
    bool m_idling = false; // IDLE asked for on the selected folder; a look ends it
    int m_idleTerms = 0;   // how many times the server accepted it since
    std::optional<quint64> m_uidValidity;
    std::deque<quint64> m_uids;
    MailboxScanSummary m_summary;
    const std::unique_ptr<ClockTimer> m_pollTimer; // watch(): the next look
};

} // namespace Bulkmail

Q_DECLARE_METATYPE(Bulkmail::MailboxFeedback)
Q_DECLARE_METATYPE(Bulkmail::MailboxScanSummary)
