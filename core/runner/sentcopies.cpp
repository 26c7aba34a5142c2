#include "sentcopies.h"

#include <QCryptographicHash>

#include <spdlog/spdlog.h>

namespace Bulkmail {

SentCopies::SentCopies(const Campaign &campaign,
                       AccessTokenSource *tokens,
                       const Clock &clock,
                       const QString &password,
                       const QString &spoolDirectory,
                       JournalWriter journal,
                       QObject *parent)
    : QObject(parent)
    , m_campaign(campaign)
    , m_journal(std::move(journal))
{
    m_summary.enabled = true;
    QString spool = spoolDirectory;
    if (spool.isEmpty()) {
        m_temporarySpool = std::make_unique<QTemporaryDir>();
        spool = m_temporarySpool->path();
    }
    const MailboxSettings &mailbox = campaign.mailbox;
    ImapCredentials credentials;
    credentials.username = mailbox.username.isEmpty() ? campaign.server.username : mailbox.username;
    if (!tokens)
        credentials.password = password;
    SentCopierSettings settings;
    settings.sentMailbox = mailbox.sentFolder;
    m_copier = std::make_unique<SentCopier>(mailbox.server,
                                            credentials,
                                            SentCopySpool(spool),
                                            settings,
                                            clock);
    connect(m_copier.get(), &SentCopier::copied, this, &SentCopies::onCopied);
    connect(m_copier.get(),
            &SentCopier::connectionEvent,
            this,
            [](int id, const QString &event, const QString &detail) {
                spdlog::info("imap #{} {}{}{}",
                             id,
                             event.toStdString(),
                             detail.isEmpty() ? "" : ": ",
                             detail.toStdString());
            });
    connect(m_copier.get(), &SentCopier::finished, this, [this] {
        m_finished = true;
        Q_EMIT finished();
    });
    if (tokens) {
        m_copier->signIn().setAccessTokenSource(tokens, clock);
    } else if (!credentials.username.isEmpty() && credentials.password.isEmpty()) {
        // Never a login bound to fail.
        m_copier->refuse(ImapNote::make(ImapNote::Code::NoPassword, {credentials.username}));
        return;
    }
    m_copier->resume(); // what an earlier run left
}

SentCopies::~SentCopies() = default;

QString SentCopies::spoolDirectoryFor(const QString &journalPath)
{
    return journalPath + QStringLiteral(".sent");
}

QString SentCopies::keyFor(int recipientIndex, const QByteArray &content)
{
    // The index orders the spool; the Message-ID's hash keeps two messages to one row (a later
    // run with another list) apart.
    const QByteArray hash = QCryptographicHash::hash(messageIdOf(content),
                                                     QCryptographicHash::Sha256)
                                .toHex()
                                .left(12);
    return QStringLiteral("r%1-%2")
        .arg(recipientIndex, 7, 10, QLatin1Char('0'))
        .arg(QString::fromLatin1(hash));
}

int SentCopies::recipientIndexOf(const QString &key)
{
    bool ok = false;
    const int index = key.mid(1, 7).toInt(&ok);
    return ok ? index : -1;
}

void SentCopies::remember(int recipientIndex, const QByteArray &content)
{
    m_inFlight.insert(recipientIndex, content);
}

void SentCopies::onAttemptEnded(int recipientIndex, bool delivered)
{
    const QByteArray content = m_inFlight.take(recipientIndex);
    if (!delivered || content.isEmpty())
        return;
    const QString key = keyFor(recipientIndex, content);
    if (Result<void> spooled = m_copier->copy(key, content); !spooled) {
        SentCopyOutcome outcome;
        outcome.key = key;
        outcome.messageId = messageIdOf(content);
        outcome.detail = QStringLiteral("the copy could not be spooled: %1")
                             .arg(spooled.error().message);
        onCopied(outcome);
    }
}

void SentCopies::finish()
{
    m_inFlight.clear();
    m_copier->finish();
}

void SentCopies::releaseAccessTokens()
{
    m_copier->signIn().setAccessTokenSource(nullptr);
}

void SentCopies::onCopied(const SentCopyOutcome &outcome)
{
    switch (outcome.result) {
    case SentCopyResult::Appended:
        ++m_summary.copied;
        break;
    case SentCopyResult::AlreadyThere:
        ++m_summary.alreadyThere;
        break;
    case SentCopyResult::Failed:
        ++m_summary.failed;
        if (outcome.keptForLater)
            ++m_summary.keptForLater;
        if (m_summary.problem.isEmpty()) {
            m_summary.problem = outcome.detail;
            m_summary.problemNote = outcome.note;
        }
        break;
    }
    if (!outcome.mailbox.isEmpty())
        m_summary.mailbox = outcome.mailbox;

    JournalEntry entry;
    entry.kind = outcome.result == SentCopyResult::Failed ? JournalEntry::Kind::SentCopyFailed
                                                          : JournalEntry::Kind::CopiedToSent;
    entry.recipientIndex = recipientIndexOf(outcome.key);
    if (entry.recipientIndex >= 0 && entry.recipientIndex < m_campaign.recipients.size())
        entry.email = m_campaign.recipients.at(entry.recipientIndex).email;
    const QString messageId = QString::fromLatin1(outcome.messageId);
    switch (outcome.result) {
    case SentCopyResult::Appended:
        entry.text = QStringLiteral("%1 copied to %2 (%3)")
                         .arg(messageId, outcome.mailbox, outcome.detail);
        break;
    case SentCopyResult::AlreadyThere:
        entry.text = QStringLiteral("%1 already in %2").arg(messageId, outcome.mailbox);
        break;
    case SentCopyResult::Failed:
        entry.text = outcome.keptForLater
                         ? QStringLiteral("%1 not copied (kept for a later run): %2")
                               .arg(messageId, outcome.detail)
                         : QStringLiteral("%1 not copied: %2").arg(messageId, outcome.detail);
        break;
    }
    m_journal(entry);
}

} // namespace Bulkmail
