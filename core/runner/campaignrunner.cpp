#include "campaignrunner.h"

#include "campaign/emailaddress.h"
#include "common/fileio.h"
#include "compose/composeproblem.h"
#include "compose/copyrecipients.h"
#include "compose/pdfprotection.h"
#include "delivery/connectionpool.h"
#include "delivery/retrypolicy.h"
#include "feedback/suppressioncheck.h"
#include "journal/sendjournal.h"
#include "logging/redaction.h"
#include "sendplan.h"

#include <QCryptographicHash>
#include <QFile>
#include <QScopeGuard>
#include <QThread>

#include <spdlog/spdlog.h>

#include <algorithm>

namespace Bulkmail {

namespace {

using namespace std::chrono_literals;

constexpr auto RateMeasurementSpan = 5s;

} // namespace

CampaignRunner::CampaignRunner(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_wakeTimer(clock.createTimer(this))
    , m_flushTimer(clock.createTimer(this))
    , m_heartbeat(clock.createTimer(this))
{
    qRegisterMetaType<Bulkmail::CampaignPlan>();
    qRegisterMetaType<QList<Bulkmail::RecipientResult>>();
    qRegisterMetaType<QList<Bulkmail::ConnectionEvent>>();
    qRegisterMetaType<Bulkmail::CampaignProgress>();
    qRegisterMetaType<Bulkmail::CampaignSummary>();

    // A coarse timer may fire up to 5 % early, before the rate slot it was aimed at.
    m_wakeTimer->setPrecise();
    connect(m_wakeTimer.get(), &ClockTimer::timeout, this, &CampaignRunner::wakePool);
    m_flushTimer->setInterval(FlushInterval);
    connect(m_flushTimer.get(), &ClockTimer::timeout, this, &CampaignRunner::flush);
    m_heartbeat->setMode(ClockTimer::Mode::Repeating);
    m_heartbeat->setInterval(1s);
    connect(m_heartbeat.get(), &ClockTimer::timeout, this, &CampaignRunner::scheduleFlush);
}

CampaignRunner::~CampaignRunner()
{
    // The pool and the Sent copies go first: they must not hear from the source once it is half
    // destroyed.
    m_pool.reset();
    m_sentCopies.reset();
    returnTokenSource();
}

void CampaignRunner::start(const CampaignPlan &plan)
{
    // The source moves with the run into the engine thread (a QObject can only be pushed from its
    // own thread, and this is the caller's); it goes back at the end (returnTokenSource()).
    QThread *const home = plan.tokens ? plan.tokens->thread() : nullptr;
    if (plan.tokens && home == QThread::currentThread() && home != thread()
        && !plan.tokens->parent())
        plan.tokens->moveToThread(thread());
    QMetaObject::invokeMethod(
        this, [this, plan, home] { startImpl(plan, home); }, Qt::QueuedConnection);
}

void CampaignRunner::returnTokenSource()
{
    AccessTokenSource *const tokens = m_plan.tokens.get();
    if (tokens && m_tokensHome && tokens->thread() == QThread::currentThread()
        && m_tokensHome != QThread::currentThread()) {
        tokens->disconnect(this);
        tokens->moveToThread(m_tokensHome);
    }
    m_tokensHome = nullptr;
}

QString CampaignRunner::redacted(QString text) const
{
    return m_secrets.isEmpty() ? text : redactSecrets(std::move(text), m_secrets);
}

void CampaignRunner::pause()
{
    QMetaObject::invokeMethod(this, &CampaignRunner::pauseImpl, Qt::QueuedConnection);
}

void CampaignRunner::resume()
{
    QMetaObject::invokeMethod(this, &CampaignRunner::resumeImpl, Qt::QueuedConnection);
}

void CampaignRunner::cancel()
{
    QMetaObject::invokeMethod(this, &CampaignRunner::cancelImpl, Qt::QueuedConnection);
}

void CampaignRunner::startImpl(const CampaignPlan &plan, QThread *tokensHome)
{
    if (m_state != RunState::Idle) {
        spdlog::error("a campaign runner runs one campaign; start() ignored");
        return;
    }
    m_plan = plan;
    m_tokensHome = tokensHome;
    if (!m_plan.password.isEmpty() && !m_plan.tokens)
        m_secrets.append(m_plan.password);
    const Campaign &campaign = m_plan.campaign;
    m_state = RunState::Running;
    m_startedAt = m_clock.now();
    m_heartbeat->start();
    m_limiter = std::make_unique<RateLimiter>(campaign.sending.rateLimits, m_clock);
    m_policy = std::make_unique<DeliveryPolicy>(campaign.sending, m_clock);
    m_scheduler = std::make_unique<DeliveryScheduler>(int(campaign.recipients.size()),
                                                      campaign.sending,
                                                      *m_limiter,
                                                      *m_policy,
                                                      m_clock);

    const Result<Mailbox> from = parseMailbox(campaign.message.from);
    m_messageIdDomain = from ? from->address.section(u'@', -1).toUtf8() : QByteArray();

    spdlog::info(
        "campaign \"{}\" starting: {} recipient(s) through {} ({}), up to {} connection(s), "
        "{} message(s) per connection",
        campaign.name.toStdString(),
        campaign.recipients.size(),
        campaign.server.displayAddress().toStdString(),
        securityModeName(campaign.server.security).toStdString(),
        campaign.sending.maxConnections,
        campaign.sending.maxMessagesPerConnection);

    m_recipients.assign(campaign.recipients.size(), RecipientState{});
    if (m_plan.tokens && m_plan.tokens->thread() != thread()) {
        stop(EngineReason::other(
            QStringLiteral("the OAuth2 access token source lives in another thread than the "
                           "campaign runner (create it without a parent in the thread that "
                           "calls start())")));
        return;
    }
    m_setupReason = {};
    if (Result<void> prepared = prepare(); !prepared) {
        // Nothing was sent: there is no pool yet.
        stop(m_setupReason.isEmpty() ? EngineReason::other(prepared.error().message)
                                     : m_setupReason);
        return;
    }
    startSentCopies();

    // With OAuth2 the password is never used, not even as a fallback.
    const SmtpCredentials credentials{campaign.server.username,
                                      m_plan.tokens ? QString() : m_plan.password};
    MessageSource &source = *this; // the private base is visible here, not inside make_unique
    m_pool = std::make_unique<ConnectionPool>(campaign.server,
                                              credentials,
                                              campaign.sending,
                                              source,
                                              m_clock);
    connect(m_pool.get(),
            &ConnectionPool::messageFinished,
            this,
            &CampaignRunner::onMessageFinished);
    connect(m_pool.get(),
            &ConnectionPool::messagesAbandoned,
            this,
            &CampaignRunner::onMessagesAbandoned);
    connect(m_pool.get(),
            &ConnectionPool::connectionProblem,
            this,
            &CampaignRunner::onConnectionProblem);
    connect(m_pool.get(),
            &ConnectionPool::connectionEvent,
            this,
            &CampaignRunner::onConnectionEvent);
    connect(m_pool.get(), &ConnectionPool::allClosed, this, &CampaignRunner::onAllClosed);
    if (m_plan.tokens) {
        // Every token is a secret to keep out of results and errors (the last line of defence:
        // AUTH lines are redacted at the source).
        connect(m_plan.tokens.get(),
                &AccessTokenSource::tokenReady,
                this,
                [this](const AccessToken &token) {
                    if (!token.token.isEmpty() && !m_secrets.contains(token.token))
                        m_secrets.append(token.token);
                });
        connect(m_pool.get(),
                &ConnectionPool::signInRequired,
                this,
                &CampaignRunner::onSignInRequired);
        m_pool->setAccessTokenSource(m_plan.tokens.get());
    }
    // The in-flight line must be on disk before the dot leaves, or the dot does not leave.
    m_pool->setFinalDotGate([this](quint64 messageId, int connectionId) {
        return onFinalDotWriting(messageId, connectionId);
    });
    scheduleFlush();
    checkFinished();
    if (m_state == RunState::Running)
        wakePool();
}

Result<void> CampaignRunner::prepare()
{
    const Campaign &campaign = m_plan.campaign;
    // Everything that would make every message fail is found before the first one is sent.
    Result<MessageRenderer> renderer = MessageRenderer::create(campaign.message,
                                                               campaign.recipientFields);
    if (!renderer)
        return tl::unexpected(renderer.error());
    m_renderer = std::move(*renderer);
    if (Result<void> loaded = m_attachments.load(campaign.message.attachments); !loaded)
        return loaded;
    // What every message shares is checked and encoded once. Should that fail (an invalid From,
    // say), each recipient fails with the reason, as each message would.
    MimeContext context;
    context.messageIdDomain = m_messageIdDomain;
    context.attachments = &m_attachments;
    // 7-bit safe for any server; SMTPUTF8 only for an address that needs it, which the
    // connection then refuses to send where the server lacks it.
    MimeOptions options;
    options.allowSmtpUtf8 = true;
    m_composer = MimeComposer::create(campaign.message, context, options);
    if (Result<void> personal = preparePersonalAttachments(); !personal)
        return personal;
    // A Cc or Bcc naming an unknown field would fail every message: say so once, before sending.
    for (const auto &[text, what] : {std::pair{&campaign.message.cc, QStringLiteral("cc")},
                                     std::pair{&campaign.message.bcc, QStringLiteral("bcc")}}) {
        if (const QString field = firstUnknownField(*text, campaign.recipientFields);
            !field.isEmpty())
            return setupError(ErrorCode::InvalidValue,
                              EngineReason::Code::UnknownCopyField,
                              {what, field});
    }

    Result<std::optional<JournalState>> journalState = openJournal();
    if (!journalState)
        return tl::unexpected(journalState.error());
    Result<QMap<qsizetype, SuppressionEntry>> suppressed = readSuppressedRecipients();
    if (!suppressed)
        return tl::unexpected(suppressed.error());
    const SendPlan plan = planSend(campaign, *journalState, m_plan.retryFailed, *suppressed);
    if (plan.suppressed > 0) {
        spdlog::info("{} recipient(s) on the account's suppression list are not sent to",
                     plan.suppressed);
    }
    m_unconfirmed += plan.resentUnconfirmed;
    // A required personal file missing or ambiguous: the send is refused before anything leaves,
    // unless the campaign says to send the others and hold these.
    const PersonalAttachmentSettings &personal = campaign.message.personalAttachments;
    std::vector<PersonalHold> personalHolds(plan.recipients.size());
    if (personal.isEnabled()) {
        int unresolved = 0;
        for (int i = 0; i < int(plan.recipients.size()); ++i) {
            const RecipientAttachments &files = m_personal.recipients[size_t(i)];
            if (plan.recipients[i].disposition != RecipientPlan::Disposition::Send)
                continue;
            if (files.isBlocked()) {
                personalHolds[size_t(i)] = {DeliveryNote::PersonalFilesBlocked,
                                            files.blockArguments(personal.rules)};
                ++unresolved;
            } else if (!personal.pdfPasswordTemplate.isEmpty() && !files.fileNames.isEmpty()) {
                const Result<QString> password = mergeRecipientFields(
                    personal.pdfPasswordTemplate,
                    campaign.recipientFields,
                    campaign.recipients.at(i),
                    QStringLiteral("personalAttachments.protectPdfWith"));
                if (!password)
                    return tl::unexpected(password.error());
                if (password->trimmed().isEmpty()) {
                    personalHolds[size_t(i)] = {DeliveryNote::PersonalPdfPasswordEmpty, {}};
                    ++unresolved;
                }
            }
        }
        if (unresolved > 0
            && personal.whenUnresolved == PersonalAttachmentSettings::WhenUnresolved::Block) {
            // The first held recipient's note follows the English, for the window to word.
            const PersonalHold &first = *std::find_if(personalHolds.begin(),
                                                      personalHolds.end(),
                                                      [](const PersonalHold &hold) {
                                                          return hold.note != DeliveryNote::None;
                                                      });
            return setupError(ErrorCode::InvalidValue,
                              EngineReason::Code::PersonalFilesUnresolved,
                              QStringList{QString::number(unresolved),
                                          englishDeliveryNote(first.note, first.arguments),
                                          QString::number(static_cast<int>(first.note))}
                                  + first.arguments);
        }
    }
    for (int i = 0; i < int(plan.recipients.size()); ++i) {
        RecipientPlan entry = plan.recipients[i];
        if (const PersonalHold &hold = personalHolds[size_t(i)]; hold.note != DeliveryNote::None) {
            entry.disposition = RecipientPlan::Disposition::Held;
            entry.reason = englishDeliveryNote(hold.note, hold.arguments);
            entry.note = hold.note;
            entry.noteArguments = hold.arguments;
        }
        using Final = DeliveryScheduler::Final;
        auto finish = [&](RecipientResult::Status status, Final final, int &counter) {
            m_scheduler->finishWithoutSending(i, final);
            ++counter;
            if (!entry.reason.isEmpty()) {
                RecipientResult result = resultFor(i, status);
                result.attempt = entry.attemptsUsed;
                result.text = entry.reason;
                result.note = entry.note;
                result.noteArguments = entry.noteArguments;
                report(result);
            }
        };
        switch (entry.disposition) {
        case RecipientPlan::Disposition::Send:
            m_scheduler->enqueue(i, entry.attemptsUsed, entry.possiblyDuplicated);
            break;
        case RecipientPlan::Disposition::Invalid:
            finish(RecipientResult::Status::Failed, Final::Failed, m_failed);
            break;
        case RecipientPlan::Disposition::Duplicate:
            finish(RecipientResult::Status::Skipped, Final::Skipped, m_skipped);
            break;
        case RecipientPlan::Disposition::PreviouslySent:
            finish(RecipientResult::Status::Sent, Final::Sent, m_previouslySent);
            break;
        case RecipientPlan::Disposition::PreviouslyFailed:
            finish(RecipientResult::Status::Failed, Final::Failed, m_previouslyFailed);
            break;
        case RecipientPlan::Disposition::Held:
            finish(RecipientResult::Status::Held, Final::Held, m_held);
            break;
        case RecipientPlan::Disposition::Suppressed:
            // Counted apart from the duplicates, reported with the list's reason.
            finish(RecipientResult::Status::Skipped, Final::Skipped, m_suppressed);
            break;
        }
    }
    if (m_previouslySent + m_previouslyFailed + m_held > 0 || plan.resentUnconfirmed > 0) {
        spdlog::info(
            "resuming from the journal: {} already sent, {} failed earlier, {} unconfirmed "
            "resent once, {} held",
            m_previouslySent,
            m_previouslyFailed,
            plan.resentUnconfirmed,
            m_held);
    }
    return {};
}

Result<void> CampaignRunner::preparePersonalAttachments()
{
    const Campaign &campaign = m_plan.campaign;
    if (!campaign.message.personalAttachments.isEnabled())
        return {};
    if (campaign.filePath.isEmpty()) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("personal attachments need a saved, checked campaign"));
    }
    m_personal = resolvePersonalAttachments(campaign);
    if (!m_personal.error.isEmpty())
        return makeError(ErrorCode::InvalidValue, m_personal.error);
    Result<AttachmentRecord> record = AttachmentRecord::load(
        AttachmentRecord::pathFor(campaign.filePath));
    if (!record)
        return tl::unexpected(record.error());
    m_personalRecord = std::move(*record);
    return {};
}

tl::expected<std::vector<ReadAttachment>, CampaignRunner::PersonalHold>
CampaignRunner::readPersonalFiles(int index) const
{
    std::vector<ReadAttachment> files;
    if (!m_plan.campaign.message.personalAttachments.isEnabled())
        return files;
    const auto hold = [](DeliveryNote note, const QStringList &arguments) {
        return tl::unexpected(PersonalHold{note, arguments});
    };
    // The error's English, then its composer code and arguments when it has them.
    const auto unusable = [&hold](const QString &name, const Error &error) {
        return hold(DeliveryNote::PersonalFileUnusable,
                    QStringList{name, error.message} + ComposeProblem::packed(error));
    };
    for (const QString &name : m_personal.recipients[size_t(index)].fileNames) {
        const auto recorded = m_personalRecord.files.constFind(name);
        if (recorded == m_personalRecord.files.cend())
            return hold(DeliveryNote::PersonalFileNotChecked, {name});
        const QString path = m_personal.pathOf(name);
        // Size and time first, so a replaced file is not even read; then the hash of the very
        // bytes encoded.
        if (const QStringList change = fileChangeArguments(*recorded, statFile(path));
            !change.isEmpty())
            return hold(DeliveryNote::PersonalFileChanged, change);
        const PersonalAttachmentSettings &settings = m_plan.campaign.message.personalAttachments;
        if (!settings.pdfPasswordTemplate.isEmpty()
            && name.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) {
            // Protected: the whole file is read (qpdf needs it), checked against the record, and
            // encrypted with this recipient's password, which lives only in this scope.
            Result<QByteArray> bytes = readWholeFile(path);
            if (!bytes)
                return unusable({}, bytes.error());
            FileFingerprint read = *recorded;
            read.size = bytes->size();
            read.sha256 = QCryptographicHash::hash(*bytes, QCryptographicHash::Sha256).toHex();
            if (const QStringList change = fileChangeArguments(*recorded, read); !change.isEmpty())
                return hold(DeliveryNote::PersonalFileChanged, change);
            const Result<QString> password = mergeRecipientFields(
                settings.pdfPasswordTemplate,
                m_plan.campaign.recipientFields,
                m_plan.campaign.recipients.at(index),
                QStringLiteral("personalAttachments.protectPdfWith"));
            if (!password)
                return unusable({}, password.error());
            if (password->trimmed().isEmpty())
                return hold(DeliveryNote::PersonalPdfPasswordEmpty, {name});
            if (!isPdf(QByteArrayView(*bytes).first(std::min<qsizetype>(bytes->size(), 8))))
                return hold(DeliveryNote::PersonalFileNotPdf, {name});
            Result<QByteArray> protectedPdf = protectPdf(*bytes, password->trimmed());
            if (!protectedPdf)
                return unusable(name, protectedPdf.error());
            ReadAttachment attachment = attachmentFromData(name, *protectedPdf);
            attachment.file.isProtected = true;
            files.push_back(std::move(attachment));
            continue;
        }
        Result<ReadAttachment> read = readAttachmentFile(path);
        if (!read)
            return unusable({}, read.error());
        FileFingerprint sent = *recorded;
        sent.size = read->file.size;
        sent.sha256 = read->file.sha256;
        if (const QStringList change = fileChangeArguments(*recorded, sent); !change.isEmpty())
            return hold(DeliveryNote::PersonalFileChanged, change);
        read->file.fileName = name;
        files.push_back(std::move(*read));
    }
    return files;
}

tl::unexpected<Error> CampaignRunner::setupError(ErrorCode code,
                                                 EngineReason::Code reason,
                                                 const QStringList &arguments)
{
    m_setupReason = EngineReason::make(reason, arguments);
    return makeError(code, m_setupReason.english);
}

Result<std::optional<JournalState>> CampaignRunner::openJournal()
{
    const Campaign &campaign = m_plan.campaign;
    if (campaign.filePath.isEmpty() || m_plan.journal == CampaignPlan::Journal::Off)
        return std::optional<JournalState>();
    const QString path = SendJournal::pathFor(campaign.filePath);
    // One run per campaign: the lock comes before the journal is read, and is held to the end.
    auto lock = JournalLock::acquire(path);
    if (!lock) {
        m_lockedBy = lock.error().holder;
        return tl::make_unexpected(lock.error().error);
    }
    m_journalLock = std::move(*lock);
    std::optional<JournalState> state;
    if (m_plan.journal == CampaignPlan::Journal::Restart) {
        // Keep the old record rather than destroy it: it is the only account of what was sent.
        const QString previous = path + QStringLiteral(".previous");
        QFile::remove(previous);
        if (QFile::exists(path) && !QFile::rename(path, previous))
            return setupError(ErrorCode::Io, EngineReason::Code::JournalNotMovedAside, {path});
    } else {
        Result<JournalState> read = readJournal(path, campaign.recipients, m_clock);
        if (!read)
            return setupError(read.error().code,
                              EngineReason::Code::JournalUnreadable,
                              {path, read.error().message});
        m_journalDamage = read->damage;
        for (const QString &damage : std::as_const(m_journalDamage))
            spdlog::warn("send journal {}: {}", path.toStdString(), damage.toStdString());
        m_limiter->restoreStarts(read->recentStarts);
        state = std::move(*read);
    }
    Result<std::unique_ptr<SendJournal>> journal = SendJournal::open(path,
                                                                     campaign.recipients,
                                                                     m_clock,
                                                                     m_journalSyncPolicy);
    if (!journal)
        return setupError(journal.error().code,
                          EngineReason::Code::JournalUnwritable,
                          {path, journal.error().message});
    m_journal = std::move(*journal);
    m_journalDamage += m_journal->repairs();
    return state;
}

void CampaignRunner::setJournalSyncPolicy(const JournalSyncPolicy &policy)
{
    m_journalSyncPolicy = policy;
}

Result<QMap<qsizetype, SuppressionEntry>> CampaignRunner::readSuppressedRecipients()
{
    if (m_plan.suppressed == CampaignPlan::SuppressedRecipients::SendAnyway)
        return QMap<qsizetype, SuppressionEntry>{};
    Result<SuppressionCheck> check = checkSuppressedRecipients(m_plan.campaign);
    if (!check) {
        // Sending anyway could mail an address that asked not to be mailed: stop instead.
        return setupError(check.error().code,
                          EngineReason::Code::SuppressionListUnreadable,
                          {check.error().message});
    }
    return std::move(check->rows);
}

Result<void> CampaignRunner::journal(JournalEntry entry, SendJournal::Durability durability)
{
    if (!m_journal)
        return {};
    Result<void> written = m_journal->append(std::move(entry), durability);
    if (!written) {
        // Without the journal a crash could send someone twice: stop rather than go on blind.
        stop(EngineReason::make(EngineReason::Code::JournalWriteFailed, {written.error().message}));
    }
    return written;
}

Result<void> CampaignRunner::onFinalDotWriting(quint64 messageId, int connectionId)
{
    const int index = int(messageId);
    RecipientState &state = m_recipients[index];
    JournalEntry entry;
    entry.kind = JournalEntry::Kind::InFlight;
    entry.recipientIndex = index;
    entry.email = m_plan.campaign.recipients.at(index).email;
    entry.attempt = m_scheduler->attempts(index);
    entry.connectionId = connectionId;
    entry.files = state.attached;
    entry.messageId = state.messageId;
    // On disk, not only written, before the dot may leave: after a power loss as after a kill,
    // a dot that left without its line would make the resumed run send the message again,
    // unflagged. When the line cannot be recorded the connection drops the message unfinished.
    Result<void> recorded = journal(std::move(entry), SendJournal::Durability::OnDisk);
    if (recorded)
        state.inFlightJournaled = m_journal != nullptr;
    return recorded;
}

void CampaignRunner::journalOutcome(int recipientIndex, const RecipientResult &result)
{
    RecipientState &state = m_recipients[recipientIndex];
    JournalEntry entry;
    switch (result.status) {
    case RecipientResult::Status::Sent:
        entry.kind = JournalEntry::Kind::Sent;
        entry.files = state.attached; // who got which file, on the line that says they got it
        entry.messageId = state.messageId;
        break;
    case RecipientResult::Status::Failed:
        entry.kind = JournalEntry::Kind::Failed;
        break;
    case RecipientResult::Status::Unconfirmed:
    case RecipientResult::Status::Held: // held in this run: unconfirmed, and the resume holds it
        entry.kind = JournalEntry::Kind::Unconfirmed;
        break;
    default:
        // A temporary outcome matters only after an in-flight line, which would otherwise read
        // as unconfirmed.
        if (!state.inFlightJournaled)
            return;
        entry.kind = JournalEntry::Kind::Deferred;
        break;
    }
    state.inFlightJournaled = false;
    entry.recipientIndex = recipientIndex;
    entry.email = result.email;
    entry.attempt = result.attempt;
    entry.connectionId = result.connectionId;
    entry.code = result.code;
    entry.text = result.text;
    entry.note = result.note;
    entry.noteArguments = result.noteArguments;
    entry.serverText = result.serverText;
    entry.copiesRejected = result.copyProblems;
    journal(std::move(entry));
}

void CampaignRunner::pauseImpl()
{
    if (m_state != RunState::Running)
        return;
    m_state = RunState::Paused;
    m_wakeTimer->stop();
    spdlog::info("campaign paused: finishing the messages in flight");
    scheduleFlush();
}

void CampaignRunner::onSignInRequired(const QString &reason)
{
    m_waitingForSignIn = true;
    if (m_state == RunState::Running) {
        m_state = RunState::Paused;
        m_wakeTimer->stop();
    }
    if (m_state != RunState::Paused)
        return; // stopping anyway
    spdlog::warn("campaign paused: sign in again to continue ({})", reason.toStdString());
    scheduleFlush();
    Q_EMIT signInRequired(reason);
}

void CampaignRunner::resumeImpl()
{
    if (m_state != RunState::Paused)
        return;
    m_state = RunState::Running;
    m_waitingForSignIn = false;
    spdlog::info("campaign resumed");
    scheduleFlush();
    wakePool();
}

void CampaignRunner::cancelImpl()
{
    if (m_state != RunState::Running && m_state != RunState::Paused)
        return;
    m_cancelled = true;
    spdlog::info("campaign cancelled: finishing the messages in flight, then closing");
    stop(EngineReason());
}

std::optional<OutgoingMessage> CampaignRunner::takeNextMessage()
{
    if (m_state != RunState::Running)
        return std::nullopt;
    // Recipients may end here without a send (held, or not composable); if they were the last,
    // nothing else would notice that the run is over. Checked once the pool's call has returned.
    const int finishedBefore = finishedCount();
    const auto checkLater = qScopeGuard([this, finishedBefore] {
        if (finishedCount() != finishedBefore)
            QMetaObject::invokeMethod(this, &CampaignRunner::checkFinished, Qt::QueuedConnection);
    });
    while (const std::optional<int> next = m_scheduler->takeNext()) {
        const int index = *next;
        const Recipient &recipient = m_plan.campaign.recipients.at(index);
        // Read here, one message at a time: a payslip campaign never holds every file at once.
        auto personal = readPersonalFiles(index);
        if (!personal) {
            RecipientResult result = resultFor(index, RecipientResult::Status::Held);
            result.note = personal.error().note;
            result.noteArguments = personal.error().arguments;
            result.text = englishDeliveryNote(result.note, result.noteArguments);
            spdlog::warn("recipient {} held: {}", index + 1, result.text.toStdString());
            m_scheduler->holdBeforeSending(index);
            report(result);
            countFinal(RecipientResult::Status::Held);
            continue;
        }
        MessageExtras extras;
        extras.attachments = std::move(*personal);
        RecipientState &state = m_recipients[size_t(index)];
        Result<CopyRecipients> copies = resolveCopyRecipients(m_plan.campaign.message,
                                                              m_plan.campaign.recipientFields,
                                                              recipient);
        if (copies) {
            extras.cc = copies->cc;
            extras.bcc = copies->bcc;
            state.invalidCopies.clear();
            for (const QString &invalid : std::as_const(copies->invalid))
                state.invalidCopies.append(
                    QStringLiteral("\"%1\": not a valid address").arg(invalid));
        }
        Result<OutgoingMessage> message = !copies ? tl::make_unexpected(copies.error())
                                          : *m_composer
                                              ? (*m_composer)
                                                    ->compose(m_renderer->render(recipient),
                                                              recipient,
                                                              quint64(index),
                                                              m_clock.currentDateTimeUtc(),
                                                              extras)
                                              : tl::make_unexpected(m_composer->error());
        state.attached.clear();
        for (const ReadAttachment &file : extras.attachments)
            state.attached.append(file.file);
        if (!message) {
            RecipientResult result = resultFor(index, RecipientResult::Status::Failed);
            result.note = RecipientResult::Note::NotComposed;
            // The composer's English, then its code and arguments when it has them (the window
            // words those; the journal and the CLI say the English).
            result.noteArguments = QStringList{message.error().message}
                                   + ComposeProblem::packed(message.error());
            result.text = englishDeliveryNote(result.note, result.noteArguments);
            m_scheduler->failBeforeSending(index);
            report(result);
            countFinal(RecipientResult::Status::Failed);
            continue;
        }
        state.messageId = QString::fromLatin1(message->messageId);
        if (m_sentCopies)
            m_sentCopies->remember(index, message->content);
        // Wake the pool at the next slot: if every connection is busy then, it opens another
        // (up to maxConnections). Without this, under a rate limit the pool only ever saw a
        // future slot when asked and stayed at one or two connections on a slow server.
        scheduleWake();
        return *message;
    }
    scheduleWake();
    return std::nullopt;
}

std::optional<std::chrono::milliseconds> CampaignRunner::timeUntilNextMessage() const
{
    if (m_state != RunState::Running)
        return std::nullopt;
    return m_scheduler->timeUntilNext();
}

std::chrono::milliseconds CampaignRunner::timeUntilConnectAllowed() const
{
    return m_policy ? m_policy->timeUntilConnectAllowed() : 0ms;
}

void CampaignRunner::onSessionFailed()
{
    if (!m_policy)
        return;
    const std::chrono::milliseconds wait = m_policy->onSessionFailed();
    if (wait > 0ms) {
        spdlog::warn("{} session failure(s) in a row: the next connection waits {:.1f} s",
                     m_policy->consecutiveSessionFailures(),
                     double(wait.count()) / 1000.0);
    }
}

void CampaignRunner::scheduleWake()
{
    if (m_state != RunState::Running)
        return;
    const std::optional<std::chrono::milliseconds> wait = timeUntilNextMessage();
    if (!wait)
        return;
    // A zero wait is served by the next wakePool(); never spin.
    const auto delay = std::max(*wait, 1ms);
    if (!m_wakeTimer->isActive() || m_wakeTimer->remainingTime() > delay)
        m_wakeTimer->start(delay);
}

void CampaignRunner::wakePool()
{
    if (m_state != RunState::Running || !m_pool)
        return;
    m_pool->wake();
    // If the next slot is still ahead (the timer fired a little early, or the pool took a message
    // and the next one waits for pacing), come back for it: otherwise nothing would, until a
    // busy connection fell idle, and the pool would never grow beyond one connection. A zero wait
    // is left to the connections' own events, so that this never spins.
    if (const std::optional<std::chrono::milliseconds> wait = timeUntilNextMessage();
        wait && *wait > 0ms)
        scheduleWake();
}

void CampaignRunner::onMessageFinished(const MessageOutcome &outcome)
{
    const int index = int(outcome.messageId);
    if (m_scheduler->isDone(index))
        return;
    RecipientResult result = resultFor(index, RecipientResult::Status::Retrying);
    result.code = outcome.reply.code;
    result.text = outcome.reply.code ? outcome.reply.text() : outcome.classification.explanation;
    result.serverText = result.text;
    result.connectionId = outcome.connectionId;
    // A refused copy fails nothing; it is said with the recipient's outcome.
    result.copyProblems = m_recipients[size_t(index)].invalidCopies;
    for (const CopyRejection &rejection : outcome.copyRejections) {
        result.copyProblems.append(QStringLiteral("%1: %2").arg(QString::fromUtf8(rejection.address),
                                                                rejection.reply.toString()));
    }
    for (const QString &problem : std::as_const(result.copyProblems))
        spdlog::warn("recipient {}: a copy was not sent: {}", index + 1, problem.toStdString());
    const DeliveryDecision decision = m_scheduler->onOutcome(index, outcome);
    if (decision.throttle)
        applyThrottle(outcome.classification);
    applyDecision(index, decision, std::move(result));
}

void CampaignRunner::applyDecision(int recipientIndex,
                                   const DeliveryDecision &decision,
                                   RecipientResult result)
{
    using Kind = DeliveryDecision::Kind;
    switch (decision.kind) {
    case Kind::Sent:
        result.status = RecipientResult::Status::Sent;
        break;
    case Kind::Failed:
        result.status = RecipientResult::Status::Failed;
        break;
    case Kind::Deferred:
        result.status = RecipientResult::Status::Retrying;
        break;
    case Kind::Requeued:
        result.status = decision.scope == FailureScope::Throttle
                            ? RecipientResult::Status::Throttled
                            : RecipientResult::Status::Retrying;
        break;
    case Kind::Unconfirmed:
        result.status = RecipientResult::Status::Unconfirmed;
        break;
    case Kind::Held:
        result.status = RecipientResult::Status::Held;
        break;
    case Kind::Stopped:
        result.status = RecipientResult::Status::Retrying;
        break;
    }
    result.note = decision.note;
    result.noteArguments = decision.noteArguments;
    result.text += englishDeliveryNote(decision.note, decision.noteArguments);
    if (decision.kind == Kind::Deferred)
        result.retryInSeconds = std::max<qint64>(
            0, std::chrono::ceil<std::chrono::seconds>(decision.retryAt - m_clock.now()).count());
    // Journal first: the outcome is on record before anything else can stop the run.
    journalOutcome(recipientIndex, result);
    if (m_sentCopies)
        m_sentCopies->onAttemptEnded(recipientIndex, decision.kind == Kind::Sent);
    if (decision.kind != Kind::Stopped)
        report(result);
    if (m_scheduler->isDone(recipientIndex))
        countFinal(result.status);
    if (decision.kind == Kind::Sent) {
        m_recentDeliveries.push_back(m_clock.now());
        while (m_clock.now() - m_recentDeliveries.front() > RateMeasurementSpan)
            m_recentDeliveries.pop_front();
        growPoolIfAllowed();
    }
    if (decision.scope == FailureScope::Site && decision.stopReason.isEmpty()) {
        if (const std::optional<DeliveryPolicy::SitePause> pause = m_policy->sitePause())
            spdlog::warn("the server is unavailable ({}): sending paused for {:.1f} s",
                         pause->reason.toStdString(),
                         double(m_policy->timeUntilSiteResumes().count()) / 1000.0);
        scheduleFlush();
    }
    if (!decision.stopReason.isEmpty())
        stop(decision.stopReason);
    scheduleWake();
    checkFinished();
}

void CampaignRunner::growPoolIfAllowed()
{
    if (!m_pool)
        return;
    const int current = m_pool->maxConnections();
    const int allowed = m_policy->allowedPoolSize(current,
                                                  std::max(1,
                                                           m_plan.campaign.sending.maxConnections));
    if (allowed > current) {
        spdlog::info("the server has taken {} messages in a row: allowing {} connection(s) again",
                     DeliveryPolicy::DeliveriesBeforeGrowth,
                     allowed);
        m_pool->setMaxConnections(allowed);
        m_policy->onPoolGrown();
    }
}

void CampaignRunner::onMessagesAbandoned(const QList<AbandonedMessage> &messages,
                                         bool sessionFailed,
                                         const QString &detail)
{
    // Put them back in their original order, ahead of everything else.
    for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
        const int index = int(it->message.id);
        if (m_scheduler->isDone(index))
            continue;
        RecipientResult result = resultFor(index, RecipientResult::Status::Retrying);
        result.connectionId = 0;
        const DeliveryDecision decision = m_scheduler->onAbandoned(index,
                                                                   it->finalDotSent,
                                                                   sessionFailed,
                                                                   detail);
        if (decision.kind == DeliveryDecision::Kind::Requeued) {
            // Not reported: nothing happened to it that the user must know; the journal still
            // closes an in-flight line (it would otherwise read as unconfirmed).
            journalOutcome(index, result);
            continue;
        }
        applyDecision(index, decision, std::move(result));
    }
    checkFinished();
    wakePool();
}

void CampaignRunner::onConnectionProblem(const ConnectionClosure &closure)
{
    if (!closure.verdict)
        return;
    switch (closure.verdict->verdict) {
    case ReplyVerdict::Throttled:
    case ReplyVerdict::ConnectionLimit:
        applyThrottle(*closure.verdict);
        break;
    case ReplyVerdict::ServiceUnavailable:
        // No connection could be made: the last attempt's failure goes along as its code, for
        // the window to word (the explanation is its English).
        if (const std::optional<EngineReason> giveUp = m_scheduler->onSiteUnreachable(
                closure.verdict->explanation,
                closure.connectFailuresInARow > 0 ? closure.note : CloseNote{})) {
            stop(*giveUp);
            break;
        }
        spdlog::warn("the server is unavailable ({}): next try in {:.1f} s",
                     closure.verdict->explanation.toStdString(),
                     double(m_policy->timeUntilSiteResumes().count()) / 1000.0);
        scheduleWake();
        scheduleFlush();
        break;
    case ReplyVerdict::QuotaExhausted:
    case ReplyVerdict::AuthenticationFailed:
    case ReplyVerdict::Fatal:
        // A refusal of ours with a code (TLS, authentication) is worded by the window; a
        // server's refusal is explained by the classifier, already in the user's words.
        if (closure.connectFailuresInARow > 0 && m_pool)
            stop(EngineReason::connectFailed(m_pool->serverAddress(),
                                             closure.connectFailuresInARow,
                                             closure.detail,
                                             closure.note));
        else if (closure.note.hasCode() && closure.verdict->explanation == closure.note.english())
            stop(EngineReason::make(EngineReason::Code::ConnectionRefused, closure.note.packed()));
        else
            stop(EngineReason::other(closure.verdict->explanation));
        break;
    default:
        break;
    }
}

void CampaignRunner::applyThrottle(const Classification &classification)
{
    const int episodesBefore = m_limiter->consecutiveThrottles();
    const auto pause = m_limiter->onThrottled(m_plan.campaign.sending.throttlePause);
    // Replies that arrive while the hold runs belong to the same episode (the other connections'
    // messages started before it): the limiter ignores them, and so does the pool's size, or
    // four connections refused at once would shrink the pool to one.
    const bool isNewEpisode = m_limiter->consecutiveThrottles() != episodesBefore;
    if (classification.verdict == ReplyVerdict::ConnectionLimit && m_pool && isNewEpisode)
        m_pool->setMaxConnections(m_policy->onConnectionLimit(m_pool->maxConnections()));
    spdlog::warn("server is throttling: {}; slowing to {:.2f} messages/s and waiting {:.1f} s",
                 classification.explanation.toStdString(),
                 m_limiter->effectivePerSecond(),
                 double(pause.count()) / 1000.0);
    scheduleWake();
    scheduleFlush();
}

void CampaignRunner::onConnectionEvent(const ConnectionEvent &event)
{
    // A connection changes phase twice a message; a view needs only where each one is now.
    if (event.kind == ConnectionEvent::Kind::PhaseChanged) {
        for (ConnectionEvent &pending : m_pendingEvents) {
            if (pending.kind == ConnectionEvent::Kind::PhaseChanged
                && pending.connectionId == event.connectionId) {
                pending = event;
                scheduleFlush();
                return;
            }
        }
    }
    m_pendingEvents.append(event);
    scheduleFlush();
}

void CampaignRunner::report(RecipientResult result)
{
    // Server texts go to the events, the log and the screen: a server that echoes what it was
    // sent must not put the password there (the last line of defence; AUTH is redacted anyway).
    result.text = redacted(std::move(result.text));
    result.serverText = redacted(std::move(result.serverText));
    for (QString &argument : result.noteArguments)
        argument = redacted(std::move(argument));
    m_pendingResults.append(std::move(result));
    scheduleFlush();
}

void CampaignRunner::countFinal(RecipientResult::Status status)
{
    if (status == RecipientResult::Status::Sent)
        ++m_sent;
    else if (status == RecipientResult::Status::Failed)
        ++m_failed;
    else if (status == RecipientResult::Status::Unconfirmed)
        ++m_unconfirmedFinal;
    else if (status == RecipientResult::Status::Held)
        ++m_held;
}

RecipientResult CampaignRunner::resultFor(int recipientIndex, RecipientResult::Status status) const
{
    RecipientResult result;
    result.recipientIndex = recipientIndex;
    result.email = m_plan.campaign.recipients.at(recipientIndex).email;
    result.status = status;
    result.attempt = std::max(1, m_scheduler->attempts(recipientIndex));
    result.possiblyDuplicated = m_scheduler->possiblyDuplicated(recipientIndex);
    return result;
}

void CampaignRunner::stop(const EngineReason &reason)
{
    if (m_state == RunState::Stopping || m_state == RunState::Finished)
        return;
    if (!reason.isEmpty()) {
        m_stopReason = reason;
        m_stopReason.english = redacted(reason.english);
        for (QString &argument : m_stopReason.arguments)
            argument = redacted(argument);
        spdlog::error("campaign stopped: {}", m_stopReason.english.toStdString());
    }
    m_state = RunState::Stopping;
    m_wakeTimer->stop();
    if (m_pool)
        m_pool->closeAll(m_cancelled ? CloseReason::Cancelled : CloseReason::Finished);
    else
        onAllClosed();
}

void CampaignRunner::checkFinished()
{
    if (m_state != RunState::Running && m_state != RunState::Paused)
        return;
    if (!m_scheduler->isIdle())
        return;
    stop(EngineReason());
}

void CampaignRunner::startSentCopies()
{
    const Campaign &campaign = m_plan.campaign;
    if (!campaign.mailbox.copyToSent || !campaign.mailbox.isConfigured())
        return;
    // An OAuth2 account's mailbox signs in with the access tokens SMTP uses (one source, one
    // refresh); a password account's with the mailbox's password, else the SMTP one.
    const QString password = m_plan.tokens                      ? QString()
                             : m_plan.mailboxPassword.isEmpty() ? m_plan.password
                                                                : m_plan.mailboxPassword;
    if (!password.isEmpty() && !m_secrets.contains(password))
        m_secrets.append(password);
    const QString spool = m_journal ? SentCopies::spoolDirectoryFor(
                              SendJournal::pathFor(campaign.filePath))
                                    : QString();
    m_sentCopies = std::make_unique<SentCopies>(
        campaign, m_plan.tokens.get(), m_clock, password, spool, [this](const JournalEntry &entry) {
            journal(entry);
        });
    spdlog::info("copies of the delivered messages go to the Sent folder on {}",
                 campaign.mailbox.server.displayAddress().toStdString());
}

void CampaignRunner::onAllClosed()
{
    if (m_state == RunState::Finished)
        return;
    // The Sent copies end before the journal closes: each is recorded (their own bounds keep
    // this short when the IMAP server is unwell).
    if (m_sentCopies && !m_sentCopies->isFinished()) {
        if (!m_waitingForSentCopies) {
            m_waitingForSentCopies = true;
            connect(m_sentCopies.get(),
                    &SentCopies::finished,
                    this,
                    &CampaignRunner::onAllClosed,
                    Qt::QueuedConnection);
            m_sentCopies->finish();
        }
        return;
    }
    m_state = RunState::Finished;
    m_heartbeat->stop();
    m_wakeTimer->stop();
    // The last flush is this one: nothing may reach a listener after finished().
    m_flushTimer->stop();
    flush();
    CampaignSummary summary;
    summary.total = int(m_recipients.size());
    summary.sent = m_sent;
    summary.failed = m_failed;
    summary.unconfirmed = m_unconfirmed + (m_scheduler ? m_scheduler->unconfirmedCount() : 0);
    summary.previouslySent = m_previouslySent;
    summary.previouslyFailed = m_previouslyFailed;
    summary.held = m_held;
    summary.skipped = m_skipped;
    summary.suppressed = m_suppressed;
    summary.journalDamage = m_journalDamage;
    summary.notSent = summary.total - finishedCount();
    if (m_journal) {
        // Beside the fatal error, never instead of it: both are things the user must know.
        if (Result<void> synced = m_journal->sync(); !synced) {
            summary.journalError = QStringLiteral("the send journal could not be saved to disk: "
                                                  "%1")
                                       .arg(synced.error().message);
            spdlog::error("{}", summary.journalError.toStdString());
        }
        m_journal.reset();
    }
    m_journalLock.reset(); // the journal is closed: another run may start now
    summary.connections = m_pool ? m_pool->connectionsCreated() : 0;
    summary.logins = m_pool ? m_pool->logins() : 0;
    summary.seconds = secondsSinceStart();
    summary.cancelled = m_cancelled;
    summary.fatalError = m_stopReason.english;
    summary.stopReason = m_stopReason;
    summary.lockedBy = m_lockedBy;
    if (m_sentCopies)
        summary.sentCopies = m_sentCopies->summary();
    spdlog::info(
        "campaign finished: {} sent, {} failed, {} unconfirmed, {} not sent; {} connection(s), "
        "{} login(s), {:.1f} s",
        summary.sent,
        summary.failed,
        summary.unconfirmed,
        summary.notSent,
        summary.connections,
        summary.logins,
        summary.seconds);
    // The caller may use (and destroy) the token source again once it has heard finished().
    if (m_pool)
        m_pool->setAccessTokenSource(nullptr);
    if (m_sentCopies)
        m_sentCopies->releaseAccessTokens();
    returnTokenSource();
    Q_EMIT finished(summary);
}

void CampaignRunner::scheduleFlush()
{
    // The "scheduled" idiom of Qt's torrent example: one timer, started only while work is pending.
    if (m_state == RunState::Finished)
        return;
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void CampaignRunner::flush()
{
    if (!m_pendingEvents.isEmpty())
        Q_EMIT connectionEvents(std::exchange(m_pendingEvents, {}));
    if (!m_pendingResults.isEmpty())
        Q_EMIT recipientResults(std::exchange(m_pendingResults, {}));
    Q_EMIT progress(snapshot());
}

double CampaignRunner::secondsSinceStart() const
{
    if (!m_startedAt)
        return 0;
    return std::chrono::duration<double>(m_clock.now() - *m_startedAt).count();
}

int CampaignRunner::finishedCount() const
{
    // Every recipient with a final state, counted as it is reached (m_failed includes invalid
    // addresses): the progress needs this 20 times a second, so it is never a scan of the list.
    return m_sent + m_failed + m_unconfirmedFinal + m_previouslySent + m_previouslyFailed + m_held
           + m_skipped + m_suppressed;
}

CampaignProgress CampaignRunner::snapshot() const
{
    CampaignProgress p;
    p.total = int(m_recipients.size());
    p.sent = m_sent;
    p.failed = m_failed;
    p.unconfirmed = m_unconfirmed + (m_scheduler ? m_scheduler->unconfirmedCount() : 0);
    p.retrying = m_scheduler ? m_scheduler->waitingForRetry() : 0;
    // The counters must agree with the scheduler's (checked in debug builds only).
    Q_ASSERT(!m_scheduler || finishedCount() == m_scheduler->finishedCount());
    p.remaining = p.total - finishedCount();
    p.openConnections = m_pool ? m_pool->openConnectionCount() : 0;
    p.paused = m_state == RunState::Paused;
    p.waitingForSignIn = p.paused && m_waitingForSignIn;
    const Clock::TimePoint now = m_clock.now();
    const auto recent = std::count_if(m_recentDeliveries.begin(),
                                      m_recentDeliveries.end(),
                                      [&](auto t) { return now - t <= RateMeasurementSpan; });
    const double span = std::min<double>(RateMeasurementSpan.count(), secondsSinceStart());
    p.messagesPerSecond = span > 0.2 ? double(recent) / span : 0;
    if (p.messagesPerSecond > 0)
        p.etaSeconds = p.remaining / p.messagesPerSecond;
    if (m_policy && m_state == RunState::Running && m_policy->timeUntilSiteResumes().count() > 0) {
        p.hold = HoldReason::ServerUnavailable;
        p.holdRemainingMs = m_policy->timeUntilSiteResumes().count();
        if (const std::optional<DeliveryPolicy::SitePause> pause = m_policy->sitePause()) {
            p.holdDetail = pause->reason;
            p.holdUnreachable = pause->unreachable;
        }
    } else if (m_limiter && (m_state == RunState::Running) && m_scheduler->hasReady()) {
        p.hold = m_limiter->holdReason();
        p.holdRemainingMs = m_limiter->timeUntilNextSlot().count();
    }
    if (m_limiter) {
        // "Slowed down to 12 a minute: the server asked": the rate in force after throttling.
        const double rate = m_limiter->effectivePerSecond();
        const double configured = m_limiter->limits().perSecond;
        if (rate > 0 && (configured <= 0 || rate < configured))
            p.slowedToPerSecond = rate;
    }
    return p;
}

} // namespace Bulkmail
