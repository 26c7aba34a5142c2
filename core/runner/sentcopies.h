#pragma once

#include "campaign/campaign.h"
#include "imap/sentcopier.h"
#include "journal/sendjournal.h"
#include "runner/campaignprogress.h"

#include <QHash>
#include <QObject>
#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace Bulkmail {

// The runner's side of copying to Sent: remembers the exact bytes of each message in flight,
// hands the delivered ones to a SentCopier (spooled beside the journal, "<journal>.sent/"), and
// records every copy in the journal. A resumed run first copies what an earlier run left in the
// spool.
class SentCopies final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SentCopies)

public:
    using JournalWriter = std::function<void(const JournalEntry &entry)>;

    // `spoolDirectory` empty (a campaign never saved, or no journal): a temporary folder, so
    // that copies still happen in this run. With `tokens` (an OAuth2 account: the run's source,
    // the one SMTP uses; not owned, in this thread; renewed on `clock`) the mailbox signs in with its access tokens
    // and `password` is unused.
    SentCopies(const Campaign &campaign,
               AccessTokenSource *tokens,
               const Clock &clock,
               const QString &password,
               const QString &spoolDirectory,
               JournalWriter journal,
               QObject *parent = nullptr);
    ~SentCopies() override;

    // The spool folder beside a journal.
    [[nodiscard]] static QString spoolDirectoryFor(const QString &journalPath);

    // The bytes the message for `recipientIndex` carries (called as it is composed).
    void remember(int recipientIndex, const QByteArray &content);
    // The end of that message's attempt: delivered ones are copied; the bytes are forgotten.
    void onAttemptEnded(int recipientIndex, bool delivered);
    // No more messages: copy what waits, then log out; finished() when every copy has ended.
    void finish();
    // The run gives its token source back (finished): nothing more is asked of it.
    void releaseAccessTokens();
    [[nodiscard]] bool isFinished() const { return m_finished; }
    [[nodiscard]] const SentCopySummary &summary() const { return m_summary; }

Q_SIGNALS:
    void finished();

private:
    void onCopied(const SentCopyOutcome &outcome);
    [[nodiscard]] static QString keyFor(int recipientIndex, const QByteArray &content);
    [[nodiscard]] static int recipientIndexOf(const QString &key);

    const Campaign &m_campaign;
    JournalWriter m_journal;
    std::unique_ptr<QTemporaryDir> m_temporarySpool;
    std::unique_ptr<SentCopier> m_copier;
    QHash<int, QByteArray> m_inFlight;
    SentCopySummary m_summary;
    bool m_finished = false;
};

} // namespace Bulkmail
