#include "sendjournal.h"

#include "common/fileio.h"
#include "common/jsonline.h"

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <optional>
#include <thread>

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Bulkmail {

namespace {

using Kind = JournalEntry::Kind;
using Status = JournalRecipientState::Status;

constexpr QLatin1String StartedEvent{"started"};
constexpr auto RestoreWindow = std::chrono::hours(24);
constexpr int MaxDamageReports = 100; // then one summary line: a shredded file stays readable

struct KindName
{
    Kind kind;
    QLatin1String name;
};
constexpr KindName KindNames[] = {
    {Kind::InFlight, QLatin1String("inFlight")},
    {Kind::Sent, QLatin1String("sent")},
    {Kind::Failed, QLatin1String("failed")},
    {Kind::Deferred, QLatin1String("deferred")},
    {Kind::Unconfirmed, QLatin1String("unconfirmed")},
    {Kind::MarkedSent, QLatin1String("markedSent")},
    {Kind::CopiedToSent, QLatin1String("copiedToSent")},
    {Kind::SentCopyFailed, QLatin1String("sentCopyFailed")},
    {Kind::Bounced, QLatin1String("bounced")},
    {Kind::UnsubscribeRequested, QLatin1String("unsubscribeRequested")},
};

// Lines about what came back from the mailbox: no connection, no outcome of sending.
bool isFeedback(Kind kind)
{
    return kind == Kind::Bounced || kind == Kind::UnsubscribeRequested;
}

bool isSentCopy(Kind kind)
{
    return kind == Kind::CopiedToSent || kind == Kind::SentCopyFailed;
}

QLatin1String kindName(Kind kind)
{
    for (const auto &entry : KindNames) {
        if (entry.kind == kind)
            return entry.name;
    }
    Q_UNREACHABLE();
}

std::optional<Kind> kindFromName(const QString &name)
{
    for (const auto &entry : KindNames) {
        if (name == entry.name)
            return entry.kind;
    }
    return std::nullopt;
}

bool hasOutcome(Kind kind)
{
    return kind == Kind::Sent || kind == Kind::Failed || kind == Kind::Deferred
           || kind == Kind::Unconfirmed;
}

QString addressKey(const QString &email)
{
    return email.trimmed().toLower();
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

QString timeText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QByteArray toLine(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray headerLine(const QList<Recipient> &recipients, const QDateTime &time)
{
    QJsonObject header;
    header.insert(QLatin1String("event"), StartedEvent);
    header.insert(QLatin1String("format"), SendJournal::Format);
    header.insert(QLatin1String("version"), SendJournal::FormatVersion);
    header.insert(QLatin1String("time"), timeText(time));
    header.insert(QLatin1String("recipients"), recipients.size());
    header.insert(QLatin1String("recipientsHash"),
                  QString::fromLatin1(SendJournal::recipientsHash(recipients)));
    return toLine(header);
}

QByteArray entryLine(const JournalEntry &entry)
{
    // One line per message and outcome: written directly, keys in QJsonObject's (sorted) order
    // so that the lines read the same as the header's.
    const bool hasConnection = entry.kind != Kind::MarkedSent && !isSentCopy(entry.kind)
                               && !isFeedback(entry.kind);
    const bool bounced = entry.kind == Kind::Bounced;
    const bool outcome = hasOutcome(entry.kind);
    JsonLine line;
    if (hasConnection)
        line.add("attempt", entry.attempt);
    if (outcome)
        line.add("code", entry.code);
    if (hasConnection)
        line.add("connection", entry.connectionId);
    if (!entry.copiesRejected.isEmpty()) {
        line.addJson("copiesRejected",
                     QJsonDocument(QJsonArray::fromStringList(entry.copiesRejected))
                         .toJson(QJsonDocument::Compact));
    }
    line.add("email", entry.email);
    line.add("event", kindName(entry.kind));
    if (!entry.files.isEmpty()) {
        QJsonArray files;
        for (const AttachedFile &file : entry.files) {
            QJsonObject object{{QLatin1String("name"), file.fileName},
                               {QLatin1String("sha256"), QString::fromLatin1(file.sha256)},
                               {QLatin1String("size"), file.size}};
            if (file.isProtected)
                object.insert(QLatin1String("protected"), true);
            files.append(object);
        }
        line.addJson("files", QJsonDocument(files).toJson(QJsonDocument::Compact));
    }
    line.add("index", entry.recipientIndex);
    if (!entry.messageId.isEmpty())
        line.add("messageId", entry.messageId);
    const bool noted = outcome && entry.note != DeliveryNote::None;
    if (noted) {
        line.add("note", deliveryNoteName(entry.note));
        if (!entry.noteArguments.isEmpty()) {
            line.addJson("noteArguments",
                         QJsonDocument(QJsonArray::fromStringList(entry.noteArguments))
                             .toJson(QJsonDocument::Compact));
        }
    }
    if (bounced && !entry.bounceServer.isEmpty())
        line.add("reportingServer", entry.bounceServer);
    if (noted && !entry.serverText.isEmpty())
        line.add("serverText", entry.serverText);
    if (bounced) {
        line.add("severity", entry.bounceSeverity);
        line.add("status", entry.bounceStatus);
    }
    if (outcome || isSentCopy(entry.kind) || isFeedback(entry.kind))
        line.add("text", entry.text);
    line.addUtcTime("time", entry.time);
    return line.take();
}

// Makes a newly created file's directory entry durable too (fsync(2): syncing the file alone
// does not).
void syncDirectoryOf(const QString &path)
{
    const QByteArray directory = QFile::encodeName(QFileInfo(path).absolutePath());
    const int fd = ::open(directory.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

} // namespace

// --- Writing -------------------------------------------------------------------------------------

QString SendJournal::pathFor(const QString &campaignPath)
{
    return campaignPath + Suffix;
}

QByteArray SendJournal::recipientsHash(const QList<Recipient> &recipients)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const Recipient &recipient : recipients) {
        hash.addData(addressKey(recipient.email).toUtf8());
        hash.addData(QByteArrayView("\n"));
    }
    return hash.result().toHex();
}

Result<std::unique_ptr<SendJournal>> SendJournal::open(const QString &journalPath,
                                                       const QList<Recipient> &recipients,
                                                       const Clock &clock,
                                                       JournalSyncPolicy policy)
{
    const QByteArray encodedPath = QFile::encodeName(journalPath);
    const bool existed = QFileInfo::exists(journalPath);
    const int fd = ::open(encodedPath.constData(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("Cannot open the send journal \"%1\": %2")
                             .arg(journalPath, errnoText()));
    }
    std::unique_ptr<SendJournal> journal(new SendJournal(journalPath, fd, clock, policy));
    if (!existed)
        syncDirectoryOf(journalPath);

    struct stat status
    {};
    if (::fstat(fd, &status) != 0) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("Cannot read the send journal \"%1\": %2")
                             .arg(journalPath, errnoText()));
    }
    if (status.st_size > 0) {
        if (auto repaired = journal->repairTornEnd(); !repaired)
            return tl::make_unexpected(repaired.error());
    }
    if (auto written = journal->writeLine(headerLine(recipients, clock.currentDateTimeUtc()));
        !written) {
        return tl::make_unexpected(written.error());
    }
    // The header is synced at once: a session that cannot even record its start does not send.
    if (auto synced = journal->sync(); !synced)
        return tl::make_unexpected(synced.error());
    return journal;
}

Result<std::unique_ptr<SendJournal>> SendJournal::openToAppend(const QString &journalPath,
                                                               const Clock &clock,
                                                               JournalSyncPolicy policy)
{
    const QByteArray encodedPath = QFile::encodeName(journalPath);
    const int fd = ::open(encodedPath.constData(), O_RDWR | O_APPEND | O_CLOEXEC);
    if (fd < 0) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("Cannot open the send journal \"%1\": %2")
                             .arg(journalPath, errnoText()));
    }
    std::unique_ptr<SendJournal> journal(new SendJournal(journalPath, fd, clock, policy));
    struct stat status
    {};
    if (::fstat(fd, &status) != 0 || status.st_size == 0) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("The send journal \"%1\" has no session to add to")
                             .arg(journalPath));
    }
    char last = '\n';
    if (::pread(fd, &last, 1, status.st_size - 1) != 1)
        return makeError(ErrorCode::Io,
                         QStringLiteral("Cannot read the send journal \"%1\": %2")
                             .arg(journalPath, errnoText()));
    if (last != '\n') {
        if (auto written = journal->writeLine(QByteArrayLiteral("\n")); !written)
            return tl::make_unexpected(written.error());
    }
    return journal;
}

// fdatasync on a thread of its own. Requests coalesce: one sync covers every line written before
// it started (group commit). A caller that waits for a sync (syncThrough()) runs it itself when no
// sync is under way: it would wait anyway, and handing the sync to the thread and back cost two
// thread switches and half a dozen futex calls a message, about a tenth of the client's CPU time
// on one CPU (bench/README.md, "The send journal on disk"). One sync runs at a time.
class SendJournal::DiskSyncer
{
public:
    DiskSyncer(int fileDescriptor, QString path, std::function<int(int)> fileSync)
        : m_fd(fileDescriptor)
        , m_path(std::move(path))
        , m_fileSync(std::move(fileSync))
        , m_thread([this] { run(); })
    {}

    ~DiskSyncer()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        m_thread.join();
    }

    void request(qint64 through)
    {
        {
            const std::lock_guard lock(m_mutex);
            m_requested = std::max(m_requested, through);
        }
        m_wake.notify_one();
    }

    Result<void> syncThrough(qint64 through)
    {
        std::unique_lock lock(m_mutex);
        if (m_attempted >= through)
            return errorLocked(); // covered already (or tried: a failed sync's error sticks)
        m_requested = std::max(m_requested, through);
        if (m_isSyncing) {
            // The worker's sync may have started before these lines were written: wait for the
            // one after it, which the worker starts since they are requested.
            m_finished.wait(lock, [&] { return m_attempted >= through; });
        } else {
            syncLocked(lock);
        }
        return errorLocked();
    }

    Result<void> error() const
    {
        const std::lock_guard lock(m_mutex);
        return errorLocked();
    }

    qint64 synced() const
    {
        const std::lock_guard lock(m_mutex);
        return m_synced;
    }

    int syncCount() const
    {
        const std::lock_guard lock(m_mutex);
        return m_syncCount;
    }

private:
    Result<void> errorLocked() const
    {
        if (m_error.isEmpty())
            return {};
        return makeError(ErrorCode::Io,
                         QStringLiteral("Cannot save the send journal \"%1\" to disk: %2")
                             .arg(m_path, m_error));
    }

    void run()
    {
        std::unique_lock lock(m_mutex);
        while (true) {
            m_wake.wait(lock, [this] {
                return m_stopping || (!m_isSyncing && m_requested > m_attempted);
            });
            if (m_isSyncing || m_requested <= m_attempted)
                return; // stopping with nothing left to sync
            syncLocked(lock);
        }
    }

    // Syncs every line requested so far, with the mutex released meanwhile; `lock` holds it on
    // entry and on return, and no other sync is under way.
    void syncLocked(std::unique_lock<std::mutex> &lock)
    {
        m_isSyncing = true;
        const qint64 target = m_requested;
        lock.unlock();
        const int failed = syncFile();
        const bool isSynced = failed == 0;
        const QString failure = isSynced ? QString()
                                         : QString::fromLocal8Bit(std::strerror(failed));
        lock.lock();
        m_isSyncing = false;
        m_attempted = target;
        if (isSynced) {
            m_synced = target;
            ++m_syncCount;
        } else if (m_error.isEmpty()) {
            m_error = failure;
        }
        m_finished.notify_all();
        if (m_requested > m_attempted)
            m_wake.notify_one(); // lines requested while this sync ran
    }

    // 0 or an errno value.
    int syncFile() const
    {
        if (m_fileSync)
            return m_fileSync(m_fd);
        return ::fdatasync(m_fd) == 0 ? 0 : errno;
    }

    const int m_fd;
    const QString m_path;
    const std::function<int(int)> m_fileSync;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;     // the worker: a request or the end
    std::condition_variable m_finished; // the waiters: a sync finished
    qint64 m_requested = 0;             // lines to cover
    qint64 m_attempted = 0;             // lines the last finished sync covered, if it succeeded
    qint64 m_synced = 0;                // lines known to be on disk
    int m_syncCount = 0;
    bool m_isSyncing = false; // a sync runs, on the worker or on a waiting caller
    QString m_error;          // the first failure: it sticks (see SendJournal::append)
    bool m_stopping = false;
    std::thread m_thread; // last: starts once everything above exists
};

SendJournal::SendJournal(QString path,
                         int fileDescriptor,
                         const Clock &clock,
                         JournalSyncPolicy policy)
    : m_path(std::move(path))
    , m_fd(fileDescriptor)
    , m_clock(clock)
    , m_policy(policy)
    , m_syncer(std::make_unique<DiskSyncer>(fileDescriptor, m_path, m_policy.fileSync))
    , m_syncTimer(clock.createTimer(this))
{
    m_syncTimer->setInterval(m_policy.maxDelay);
    connect(m_syncTimer.get(), &ClockTimer::timeout, this, &SendJournal::requestSync);
}

SendJournal::~SendJournal()
{
    if (m_written > m_syncer->synced()) {
        if (auto synced = sync(); !synced)
            spdlog::error("{}", synced.error().message.toStdString());
    }
    m_syncer.reset(); // joins the thread before the descriptor goes
    ::close(m_fd);
}

Result<void> SendJournal::append(JournalEntry entry, Durability durability)
{
    if (m_writeError)
        return tl::make_unexpected(*m_writeError);
    if (auto failed = m_syncer->error(); !failed)
        return failed;
    if (entry.time.isNull())
        entry.time = m_clock.currentDateTimeUtc();
    if (auto written = writeLine(entryLine(entry)); !written)
        return written;
    if (durability == Durability::OnDisk)
        return sync(); // covers the lines batched before it too
    if (m_written - m_requested >= m_policy.maxEntries)
        requestSync();
    else if (!m_syncTimer->isActive())
        m_syncTimer->start();
    return {};
}

void SendJournal::requestSync()
{
    m_syncTimer->stop();
    m_requested = m_written;
    m_syncer->request(m_written);
}

Result<void> SendJournal::sync()
{
    m_syncTimer->stop();
    m_requested = m_written;
    return m_syncer->syncThrough(m_written);
}

qint64 SendJournal::unsyncedEntries() const
{
    return m_written - m_syncer->synced();
}

int SendJournal::syncCount() const
{
    return m_syncer->syncCount();
}

QString SendJournal::tornPathFor(const QString &journalPath)
{
    return journalPath + QStringLiteral(".torn");
}

Result<void> SendJournal::repairTornEnd()
{
    const auto readError = [this] {
        return makeError(ErrorCode::Io,
                         QStringLiteral("Cannot repair the send journal \"%1\": %2")
                             .arg(m_path, errnoText()));
    };
    struct stat status
    {};
    if (::fstat(m_fd, &status) != 0)
        return readError();
    // Back from the end to the last '\n', a block at a time.
    constexpr off_t BlockSize = 4096;
    const off_t size = status.st_size;
    off_t keep = 0; // bytes up to and including the last '\n'
    QByteArray block;
    for (off_t end = size; end > 0;) {
        const off_t start = std::max<off_t>(0, end - BlockSize);
        block.resize(qsizetype(end - start));
        if (::pread(m_fd, block.data(), size_t(block.size()), start) != block.size())
            return readError();
        const qsizetype newline = block.lastIndexOf('\n');
        if (newline >= 0) {
            keep = start + newline + 1;
            break;
        }
        end = start;
    }
    if (keep == size)
        return {};

    QByteArray torn(qsizetype(size - keep), Qt::Uninitialized);
    if (::pread(m_fd, torn.data(), size_t(torn.size()), keep) != torn.size())
        return readError();
    // The bytes are kept before they are cut off: they may be all the user has of that line.
    const QString tornPath = tornPathFor(m_path);
    QByteArray kept;
    if (QFileInfo::exists(tornPath)) {
        Result<QByteArray> earlier = readWholeFile(tornPath);
        if (!earlier)
            return tl::make_unexpected(earlier.error());
        kept = std::move(*earlier);
    }
    if (!kept.isEmpty() && !kept.endsWith('\n'))
        kept += '\n';
    kept += torn + '\n';
    if (Result<void> saved = writeFileAtomically(tornPath, kept); !saved)
        return saved;
    if (::ftruncate(m_fd, keep) != 0 || ::fdatasync(m_fd) != 0)
        return readError();
    m_repairs.append(QStringLiteral("the last line of the journal was cut short by a crash and "
                                    "has been removed (%1 bytes, kept in \"%2\")")
                         .arg(torn.size())
                         .arg(tornPath));
    spdlog::warn("send journal {}: {}", m_path.toStdString(), m_repairs.constLast().toStdString());
    return {};
}

Result<void> SendJournal::writeLine(const QByteArray &line)
{
    // One write() per line: O_APPEND places it whole at the end, and a process killed around the
    // call leaves either nothing or (at worst, on a full disk) a cut line at the very end, never
    // two lines interleaved. Short writes are finished off, which only happens on a full disk.
    qsizetype offset = 0;
    while (offset < line.size()) {
        const char *const data = line.constData() + offset;
        const qint64 size = line.size() - offset;
        const qint64 written = m_policy.fileWrite ? m_policy.fileWrite(m_fd, data, size)
                                                  : ::write(m_fd, data, static_cast<size_t>(size));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            // It sticks: after a short write the file ends in a fragment, and a later line
            // (space freed) would be glued to it, both then unreadable.
            m_writeError = Error{ErrorCode::Io,
                                 QStringLiteral("Cannot write to the send journal \"%1\": %2")
                                     .arg(m_path, errnoText())};
            return tl::make_unexpected(*m_writeError);
        }
        offset += written;
    }
    ++m_written;
    return {};
}

// --- Reading -------------------------------------------------------------------------------------

namespace {

struct Header
{
    int version = 0;
    QString recipientsHash;
};

enum class LineKind { Header, Entry, Damaged };

struct ParsedLine
{
    LineKind kind = LineKind::Damaged;
    Header header;
    JournalEntry entry;
    QString problem; // for Damaged
};

ParsedLine parseLine(const QByteArray &bytes)
{
    ParsedLine parsed;
    if (!bytes.isEmpty() && std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == 0; })) {
        parsed.problem = QStringLiteral("%1 zero bytes (data lost in a power failure)")
                             .arg(bytes.size());
        return parsed;
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        parsed.problem = QStringLiteral("not a JSON object");
        return parsed;
    }
    const QJsonObject object = document.object();
    const QString event = object.value(QLatin1String("event")).toString();
    if (event == StartedEvent) {
        if (object.value(QLatin1String("format")).toString() != SendJournal::Format) {
            parsed.problem = QStringLiteral("not a send journal header");
            return parsed;
        }
        parsed.kind = LineKind::Header;
        parsed.header.version = object.value(QLatin1String("version")).toInt();
        parsed.header.recipientsHash = object.value(QLatin1String("recipientsHash")).toString();
        return parsed;
    }
    const std::optional<Kind> kind = kindFromName(event);
    const QJsonValue index = object.value(QLatin1String("index"));
    const QJsonValue email = object.value(QLatin1String("email"));
    const QDateTime time = QDateTime::fromString(object.value(QLatin1String("time")).toString(),
                                                 Qt::ISODateWithMs);
    if (!kind || !index.isDouble() || !email.isString() || !time.isValid()) {
        parsed.problem = QStringLiteral("not a journal entry");
        return parsed;
    }
    parsed.kind = LineKind::Entry;
    parsed.entry.kind = *kind;
    parsed.entry.recipientIndex = index.toInt(-1);
    parsed.entry.email = email.toString();
    parsed.entry.attempt = object.value(QLatin1String("attempt")).toInt(1);
    parsed.entry.connectionId = object.value(QLatin1String("connection")).toInt();
    parsed.entry.code = object.value(QLatin1String("code")).toInt();
    parsed.entry.text = object.value(QLatin1String("text")).toString();
    parsed.entry.time = time.toUTC();
    parsed.entry.messageId = object.value(QLatin1String("messageId")).toString();
    parsed.entry.bounceSeverity = object.value(QLatin1String("severity")).toString();
    parsed.entry.bounceStatus = object.value(QLatin1String("status")).toString();
    parsed.entry.bounceServer = object.value(QLatin1String("reportingServer")).toString();
    for (const QJsonValue &rejected : object.value(QLatin1String("copiesRejected")).toArray())
        parsed.entry.copiesRejected.append(rejected.toString());
    parsed.entry.note = deliveryNoteFromName(object.value(QLatin1String("note")).toString());
    if (parsed.entry.note != DeliveryNote::None) {
        for (const QJsonValue &argument : object.value(QLatin1String("noteArguments")).toArray())
            parsed.entry.noteArguments.append(argument.toString());
        parsed.entry.serverText = object.value(QLatin1String("serverText")).toString();
    }
    const QJsonArray files = object.value(QLatin1String("files")).toArray();
    for (const QJsonValue &value : files) {
        const QJsonObject file = value.toObject();
        parsed.entry.files.append(
            AttachedFile{file.value(QLatin1String("name")).toString(),
                         qint64(file.value(QLatin1String("size")).toDouble()),
                         file.value(QLatin1String("sha256")).toString().toLatin1(),
                         file.value(QLatin1String("protected")).toBool()});
    }
    return parsed;
}

// Replays the entries onto per-recipient states.
class JournalReplay
{
public:
    JournalReplay(const QList<Recipient> &recipients, const Clock &clock)
        : m_recipients(recipients)
        , m_currentHash(QString::fromLatin1(SendJournal::recipientsHash(recipients)))
        , m_since(clock.currentDateTimeUtc().addSecs(-std::chrono::seconds(RestoreWindow).count()))
    {
        // Backwards, so that a repeated address maps to its first row.
        for (int i = static_cast<int>(recipients.size()) - 1; i >= 0; --i)
            m_byAddress.insert(addressKey(recipients.at(i).email), i);
    }

    void startSession(const Header &header)
    {
        settleInFlight();
        ++m_state.sessions;
        if (header.recipientsHash != m_currentHash)
            m_state.recipientListChanged = true;
    }

    void apply(const JournalEntry &entry)
    {
        const int index = indexFor(entry);
        if (index < 0) {
            ++m_state.unmatchedEntries;
            return;
        }
        JournalRecipientState &recipient = m_state.recipients[index];
        if (isSentCopy(entry.kind)) {
            // The Sent copy says nothing about sending; only whether a copy exists.
            recipient.copiedToSent = entry.kind == Kind::CopiedToSent;
            return;
        }
        if (entry.kind == Kind::UnsubscribeRequested)
            return; // read by unsubscribeRequestsFromJournal(); says nothing about sending
        if (entry.kind == Kind::Bounced) {
            // A later report about a message that left: its sending status stays.
            recipient.bounceSeverity = entry.bounceSeverity;
            recipient.bounceStatus = entry.bounceStatus;
            recipient.bounceText = entry.text;
            return;
        }
        if (!entry.messageId.isEmpty())
            recipient.messageId = entry.messageId;
        recipient.time = entry.time;
        if (entry.kind != Kind::MarkedSent)
            recipient.attempts = std::max(recipient.attempts, entry.attempt);
        switch (entry.kind) {
        case Kind::InFlight:
            if (m_inFlight.contains(index))
                markUnconfirmed(recipient);
            if (recipient.unconfirmedCount > 0)
                recipient.possiblyDuplicated = true;
            recipient.status = Status::Pending;
            m_inFlight.insert(index);
            if (entry.time >= m_since)
                m_state.recentStarts.append(entry.time);
            return;
        case Kind::Sent:
        case Kind::Failed:
        case Kind::Deferred:
            m_inFlight.remove(index);
            recipient.status = entry.kind == Kind::Sent     ? Status::Sent
                               : entry.kind == Kind::Failed ? Status::Failed
                                                            : Status::Pending;
            recipient.code = entry.code;
            recipient.text = entry.text;
            recipient.note = entry.note;
            recipient.noteArguments = entry.noteArguments;
            recipient.serverText = entry.serverText;
            return;
        case Kind::Unconfirmed:
            m_inFlight.remove(index);
            markUnconfirmed(recipient, &entry);
            return;
        case Kind::MarkedSent:
            recipient.status = Status::Sent;
            recipient.markedSentByUser = true;
            return;
        case Kind::CopiedToSent:
        case Kind::SentCopyFailed:
        case Kind::Bounced:
        case Kind::UnsubscribeRequested:
            return; // handled above
        }
    }

    JournalState finish()
    {
        settleInFlight();
        std::sort(m_state.recentStarts.begin(), m_state.recentStarts.end());
        return std::move(m_state);
    }

    JournalState &state() { return m_state; }

private:
    int indexFor(const JournalEntry &entry) const
    {
        const QString key = addressKey(entry.email);
        if (entry.recipientIndex >= 0 && entry.recipientIndex < m_recipients.size()
            && addressKey(m_recipients.at(entry.recipientIndex).email) == key) {
            return entry.recipientIndex;
        }
        return m_byAddress.value(key, -1);
    }

    // `line`: the unconfirmed line that says so, or none when only an in-flight line without an
    // outcome does.
    static void markUnconfirmed(JournalRecipientState &recipient, const JournalEntry *line = nullptr)
    {
        recipient.status = Status::Unconfirmed;
        ++recipient.unconfirmedCount;
        recipient.code = 0;
        if (line != nullptr && !line->text.isEmpty()) {
            recipient.text = line->text;
            recipient.note = line->note;
            recipient.noteArguments = line->noteArguments;
            recipient.serverText = line->serverText;
            return;
        }
        recipient.note = DeliveryNote::NoReplyRecorded;
        recipient.noteArguments.clear();
        recipient.serverText.clear();
        recipient.text = englishDeliveryNote(recipient.note, {});
    }

    // The session ended (killed, or a new one started) with these final dots unanswered.
    void settleInFlight()
    {
        for (const int index : std::as_const(m_inFlight))
            markUnconfirmed(m_state.recipients[index]);
        m_inFlight.clear();
    }

    const QList<Recipient> &m_recipients;
    const QString m_currentHash;
    const QDateTime m_since;
    QHash<QString, int> m_byAddress;
    QSet<int> m_inFlight;
    JournalState m_state;
};

} // namespace

QList<int> JournalState::indexesWith(JournalRecipientState::Status status) const
{
    QList<int> indexes;
    for (auto it = recipients.cbegin(); it != recipients.cend(); ++it) {
        if (it->status == status)
            indexes.append(it.key());
    }
    std::sort(indexes.begin(), indexes.end());
    return indexes;
}

Result<JournalState> readJournal(const QString &journalPath,
                                 const QList<Recipient> &currentRecipients,
                                 const Clock &clock)
{
    QFile file(journalPath);
    if (!file.exists())
        return JournalState{};
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("Cannot read the send journal \"%1\": %2")
                             .arg(journalPath, file.errorString()));
    }

    JournalReplay replay(currentRecipients, clock);
    int lineNumber = 0;
    int damagedLines = 0;
    bool readableLineSeen = false;
    while (!file.atEnd()) {
        QByteArray line = file.readLine();
        ++lineNumber;
        const bool isComplete = line.endsWith('\n');
        if (isComplete)
            line.chop(1);
        if (line.isEmpty() && isComplete)
            continue; // an empty line (older versions ended a cut line with one) is harmless

        ParsedLine parsed = parseLine(line);
        if (parsed.kind == LineKind::Header && parsed.header.version > SendJournal::FormatVersion) {
            return makeError(ErrorCode::InvalidFormat,
                             QStringLiteral(
                                 "The send journal \"%1\" was written by a newer version "
                                 "of Bulkmail (format version %2).")
                                 .arg(journalPath)
                                 .arg(parsed.header.version));
        }
        if (parsed.kind != LineKind::Damaged && !readableLineSeen) {
            readableLineSeen = true;
            if (parsed.kind != LineKind::Header) {
                return makeError(ErrorCode::InvalidFormat,
                                 QStringLiteral("\"%1\" is not a send journal: line %2 is not a "
                                                "session header.")
                                     .arg(journalPath)
                                     .arg(lineNumber));
            }
        }
        switch (parsed.kind) {
        case LineKind::Header:
            replay.startSession(parsed.header);
            break;
        case LineKind::Entry:
            replay.apply(parsed.entry);
            break;
        case LineKind::Damaged:
            ++damagedLines;
            if (damagedLines <= MaxDamageReports) {
                replay.state().damage.append(
                    isComplete ? QStringLiteral("line %1: damaged entry ignored (%2)")
                                     .arg(lineNumber)
                                     .arg(parsed.problem)
                               : QStringLiteral("line %1: truncated entry ignored (%2)")
                                     .arg(lineNumber)
                                     .arg(parsed.problem));
            }
            break;
        }
    }
    if (damagedLines > MaxDamageReports) {
        replay.state().damage.append(
            QStringLiteral("%1 more damaged lines ignored").arg(damagedLines - MaxDamageReports));
    }
    if (!readableLineSeen && damagedLines > 1) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("\"%1\" is not a send journal: no line is readable.")
                             .arg(journalPath));
    }
    return replay.finish();
}

Result<QList<JournalEntry>> readJournalEntries(const QString &journalPath)
{
    QList<JournalEntry> entries;
    QFile file(journalPath);
    if (!file.exists())
        return entries;
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("Cannot read the send journal \"%1\": %2")
                             .arg(journalPath, file.errorString()));
    }
    while (!file.atEnd()) {
        QByteArray line = file.readLine();
        if (line.endsWith('\n'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        ParsedLine parsed = parseLine(line);
        if (parsed.kind == LineKind::Entry)
            entries.append(std::move(parsed.entry));
    }
    return entries;
}

ResumePlan planResume(const JournalState &state, UnconfirmedPolicy policy)
{
    ResumePlan plan;
    for (auto it = state.recipients.cbegin(); it != state.recipients.cend(); ++it) {
        switch (it->status) {
        case Status::Pending:
            break;
        case Status::Sent:
        case Status::Failed:
            plan.done.append(it.key());
            break;
        case Status::Unconfirmed:
            // "Resend once": a recipient unconfirmed again after its resend is not sent a third
            // time, as in a run without a restart.
            if (policy == UnconfirmedPolicy::Resend && it->unconfirmedCount == 1)
                plan.resend.append(it.key());
            else
                plan.held.append(it.key());
            break;
        }
    }
    std::sort(plan.done.begin(), plan.done.end());
    std::sort(plan.resend.begin(), plan.resend.end());
    std::sort(plan.held.begin(), plan.held.end());
    return plan;
}

} // namespace Bulkmail
