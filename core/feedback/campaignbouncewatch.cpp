#include "campaignbouncewatch.h"

#include "common/clock.h"
#include "feedback/suppressionlist.h"
#include "journal/sendjournal.h"

#include <QFileInfo>

#include <spdlog/spdlog.h>

namespace Bulkmail {

CampaignBounceWatch::CampaignBounceWatch(Campaign campaign,
                                         QString password,
                                         CampaignBounceWatchSettings settings,
                                         QObject *parent)
    : QObject(parent)
    , m_campaign(std::move(campaign))
    , m_password(std::move(password))
    , m_settings(std::move(settings))
    , m_journalPath(SendJournal::pathFor(m_campaign.filePath))
    , m_windowTimer(this) // a child: moveToThread() takes it along
{
    m_windowTimer.setSingleShot(true);
    connect(&m_windowTimer, &QTimer::timeout, this, &CampaignBounceWatch::stopImpl);
}

CampaignBounceWatch::~CampaignBounceWatch() = default;

bool CampaignBounceWatch::canWatch(const Campaign &campaign)
{
    return campaign.mailbox.isConfigured() && !campaign.filePath.isEmpty();
}

ImapCredentials CampaignBounceWatch::credentialsFor(const Campaign &campaign,
                                                    const QString &password)
{
    ImapCredentials credentials;
    credentials.username = campaign.mailbox.username.isEmpty() ? campaign.server.username
                                                               : campaign.mailbox.username;
    credentials.password = password;
    return credentials;
}

void CampaignBounceWatch::watch()
{
    QMetaObject::invokeMethod(
        this, [this] { startWatcher(true); }, Qt::QueuedConnection);
}

void CampaignBounceWatch::scanOnce()
{
    QMetaObject::invokeMethod(
        this, [this] { startWatcher(false); }, Qt::QueuedConnection);
}

void CampaignBounceWatch::runFinished()
{
    QMetaObject::invokeMethod(this, &CampaignBounceWatch::runFinishedImpl, Qt::QueuedConnection);
}

void CampaignBounceWatch::stop()
{
    QMetaObject::invokeMethod(this, &CampaignBounceWatch::stopImpl, Qt::QueuedConnection);
}

Result<void> CampaignBounceWatch::prepare()
{
    if (!canWatch(m_campaign)) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("the campaign names no mailbox to read bounces from, or "
                                        "was never saved (no journal to match them with)"));
    }
    const MailboxSettings &mailbox = m_campaign.mailbox;
    const ImapCredentials credentials = credentialsFor(m_campaign, m_password);
    const QString positionsPath = m_settings.positionsPath.isEmpty()
                                      ? MailboxPositions::pathForAccount(mailbox.server.host,
                                                                         credentials.username)
                                      : m_settings.positionsPath;
    Result<MailboxPositions> positions = MailboxPositions::load(positionsPath);
    if (!positions)
        return tl::make_unexpected(positions.error());
    Result<std::unique_ptr<SuppressionList>>
        suppression = m_settings.suppressionListPath.isEmpty()
                          ? SuppressionList::openForAccount(m_campaign.server.host,
                                                            m_campaign.server.username)
                          : SuppressionList::open(m_settings.suppressionListPath);
    if (!suppression)
        return tl::make_unexpected(suppression.error());
    m_suppression = std::move(*suppression);

    // The first look at a folder reads from the day before the campaign's first message (SEARCH
    // SINCE compares dates in the server's time zone, RFC 9051 §6.4.4), or from yesterday for a
    // campaign that has sent nothing yet.
    QDateTime firstSent;
    if (Result<QList<JournalEntry>> entries = readJournalEntries(m_journalPath); entries) {
        for (const JournalEntry &entry : std::as_const(*entries)) {
            if (!entry.messageId.isEmpty() && (!firstSent.isValid() || entry.time < firstSent))
                firstSent = entry.time;
        }
    }
    reloadMessageIds();

    MailboxWatcherSettings settings;
    settings.mailboxes = {QStringLiteral("INBOX")};
    if (!mailbox.bounceFolder.isEmpty() && mailbox.bounceFolder != u"INBOX")
        settings.mailboxes.append(mailbox.bounceFolder);
    settings.reader = m_journalPath;
    settings.firstScanSince = (firstSent.isValid() ? firstSent : QDateTime::currentDateTimeUtc())
                                  .addDays(-1);
    settings.pollInterval = std::min(m_settings.pollInterval, std::chrono::milliseconds{30'000});
    settings.firstReconnectDelay = m_settings.firstReconnectDelay;
    settings.isOurMessageId = [this](const QString &id) { return isOurs(id); };
    m_watcher = std::make_unique<MailboxWatcher>(mailbox.server,
                                                 credentials,
                                                 std::move(*positions),
                                                 std::move(settings));
    if (m_tokens)
        m_watcher->signIn().setAccessTokenSource(m_tokens);
    connect(m_watcher.get(), &MailboxWatcher::feedbackFound, this, &CampaignBounceWatch::onFeedback);
    connect(m_watcher.get(),
            &MailboxWatcher::scanFinished,
            this,
            [this](const MailboxScanSummary &summary) {
                if (!summary.isComplete() && m_error.isEmpty())
                    m_error = summary.error;
                Q_EMIT scanFinished(summary);
            });
    connect(m_watcher.get(),
            &MailboxWatcher::connectionEvent,
            this,
            &CampaignBounceWatch::connectionEvent);
    connect(m_watcher.get(),
            &MailboxWatcher::finished,
            this,
            &CampaignBounceWatch::onWatcherFinished);
    return {};
}

void CampaignBounceWatch::startWatcher(bool keepWatching)
{
    if (m_watcher || m_finished)
        return;
    if (Result<void> prepared = prepare(); !prepared) {
        fail(prepared.error().message);
        return;
    }
    spdlog::info("watching the mailbox {} for the bounces of {}",
                 m_campaign.mailbox.server.displayAddress().toStdString(),
                 m_campaign.filePath.toStdString());
    if (keepWatching)
        m_watcher->watch();
    else
        m_watcher->scanOnce();
}

void CampaignBounceWatch::runFinishedImpl()
{
    if (m_finished || m_windowTimer.isActive())
        return;
    const std::chrono::milliseconds window = m_settings.watchAfter.value_or(
        std::chrono::duration_cast<std::chrono::milliseconds>(m_campaign.mailbox.watchAfter));
    if (window <= std::chrono::milliseconds::zero()) {
        stopImpl();
        return;
    }
    m_windowTimer.start(window);
    Q_EMIT watchingUntil(QDateTime::currentDateTimeUtc().addMSecs(window.count()));
}

void CampaignBounceWatch::stopImpl()
{
    m_windowTimer.stop();
    if (m_finished)
        return;
    if (m_watcher)
        m_watcher->stop(); // finished once it has logged out
    else
        fail(QString());
}

bool CampaignBounceWatch::isOurs(const QString &messageId)
{
    if (m_messageIds.contains(messageId))
        return true;
    const QFileInfo journal(m_journalPath);
    if (journal.size() == m_journalSizeRead && journal.lastModified() == m_journalModifiedRead)
        return false;
    reloadMessageIds();
    return m_messageIds.contains(messageId);
}

void CampaignBounceWatch::reloadMessageIds()
{
    const QFileInfo journal(m_journalPath);
    m_journalSizeRead = journal.size();
    m_journalModifiedRead = journal.lastModified();
    // A missing journal (a run that has not written it yet) reads as empty.
    if (Result<QList<JournalEntry>> entries = readJournalEntries(m_journalPath); entries)
        m_messageIds = CampaignMessageIds::fromJournal(*entries);
    else
        spdlog::warn("bounces: {}", entries.error().message.toStdString());
}

void CampaignBounceWatch::onFeedback(const MailboxFeedback &feedback)
{
    if (!m_error.isEmpty())
        return;
    // Opened for each report and closed (synced) after it: reports are few, and a run that
    // restarts the journal meanwhile (the old one renamed) gets the line in the new file.
    std::unique_ptr<SendJournal> journal;
    const UnsubscribeHandling unsubscribes = m_campaign.mailbox.autoSuppressUnsubscribes
                                                 ? UnsubscribeHandling::Suppress
                                                 : UnsubscribeHandling::AskFirst;
    // Bounces, and unsubscribe requests that wait for the user, are written to the journal.
    if (feedback.message.kind == FeedbackMessage::Kind::Bounce
        || (feedback.message.kind == FeedbackMessage::Kind::Unsubscribe
            && unsubscribes == UnsubscribeHandling::AskFirst)) {
        Result<std::unique_ptr<SendJournal>> opened = SendJournal::openToAppend(
            m_journalPath, SystemClock::instance());
        if (!opened) {
            fail(opened.error().message);
            return;
        }
        journal = std::move(*opened);
    }
    const Result<QList<FeedbackEvent>> applied = applyFeedback(
        feedback, m_messageIds, journal.get(), m_suppression.get(), m_campaign.name, unsubscribes);
    journal.reset();
    if (!applied) {
        fail(applied.error().message);
        return;
    }
    if (!applied->isEmpty())
        Q_EMIT feedbackFound(*applied);
}

void CampaignBounceWatch::onWatcherFinished()
{
    m_windowTimer.stop();
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(m_error);
}

void CampaignBounceWatch::fail(const QString &error)
{
    if (m_error.isEmpty())
        m_error = error;
    if (m_watcher && !m_finished) {
        m_watcher->stop(); // onWatcherFinished() reports m_error
        return;
    }
    if (m_finished)
        return;
    m_finished = true;
    m_windowTimer.stop();
    Q_EMIT finished(m_error);
}

} // namespace Bulkmail
