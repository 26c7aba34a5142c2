#include "sentcopier.h"

#include "common/fileio.h"
#include "common/notecodec.h"
#include "mailboxname.h"

#include <QDir>
#include <QFile>

#include <spdlog/spdlog.h>

namespace Bulkmail {

namespace {

const QLatin1String SpoolSuffix(".eml");

bool isValidKey(const QString &key)
{
    return !key.isEmpty() && std::all_of(key.begin(), key.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
               || c == u'-' || c == u'_';
    });
}

} // namespace

// --- SentCopySpool ---------------------------------------------------------------------------

SentCopySpool::SentCopySpool(QString directory)
    : m_directory(std::move(directory))
{}

QString SentCopySpool::pathOf(const QString &key) const
{
    return m_directory + u'/' + key + SpoolSuffix;
}

Result<void> SentCopySpool::put(const QString &key, const QByteArray &content)
{
    if (!isValidKey(key))
        return makeError(ErrorCode::InvalidValue, QStringLiteral("bad spool key \"%1\"").arg(key));
    if (!QDir().mkpath(m_directory)) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot create the folder \"%1\"").arg(m_directory));
    }
    return writeFileAtomically(pathOf(key), content);
}

Result<QByteArray> SentCopySpool::read(const QString &key) const
{
    return readWholeFile(pathOf(key)); // a FileProblem, for the window to word
}

void SentCopySpool::remove(const QString &key)
{
    QFile::remove(pathOf(key));
}

QStringList SentCopySpool::keys() const
{
    QStringList keys;
    const QStringList files = QDir(m_directory)
                                  .entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QString key = file.chopped(SpoolSuffix.size());
        if (isValidKey(key))
            keys.append(key);
    }
    return keys;
}

QByteArray messageIdOf(const QByteArray &content)
{
    // Only the header: up to the first empty line.
    qsizetype at = 0;
    while (at < content.size()) {
        qsizetype end = content.indexOf('\n', at);
        if (end < 0)
            end = content.size();
        QByteArrayView line = QByteArrayView(content).sliced(at, end - at);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            return {};
        if (line.size() > 11 && line.first(11).compare("Message-ID:", Qt::CaseInsensitive) == 0) {
            QByteArray value = line.sliced(11).toByteArray();
            // Unfold (RFC 5322 §2.2.3): continuation lines start with white space.
            qsizetype next = end + 1;
            while (next < content.size() && (content[next] == ' ' || content[next] == '\t')) {
                qsizetype nextEnd = content.indexOf('\n', next);
                if (nextEnd < 0)
                    nextEnd = content.size();
                value += QByteArrayView(content).sliced(next, nextEnd - next).toByteArray();
                next = nextEnd + 1;
            }
            return value.simplified();
        }
        at = end + 1;
    }
    return {};
}

QString sentCopyResultName(SentCopyResult result)
{
    switch (result) {
    case SentCopyResult::Appended:
        return QStringLiteral("appended");
    case SentCopyResult::AlreadyThere:
        return QStringLiteral("already-there");
    case SentCopyResult::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

// --- SentCopier ------------------------------------------------------------------------------

SentCopier::SentCopier(ImapEndpoint endpoint,
                       ImapCredentials credentials,
                       SentCopySpool spool,
                       SentCopierSettings settings,
                       QObject *parent)
    : SentCopier(std::move(endpoint),
                 std::move(credentials),
                 std::move(spool),
                 std::move(settings),
                 SystemClock::instance(),
                 parent)
{}

SentCopier::SentCopier(ImapEndpoint endpoint,
                       ImapCredentials credentials,
                       SentCopySpool spool,
                       SentCopierSettings settings,
                       const Clock &clock,
                       QObject *parent)
    : QObject(parent)
    , m_spool(std::move(spool))
    , m_settings(std::move(settings))
    , m_session(std::move(endpoint),
                std::move(credentials),
                sessionBackoffFrom(m_settings),
                clock,
                this)
    , m_idleTimer(clock.createTimer(this))
{
    connect(&m_session, &ReconnectingImapSession::ready, this, &SentCopier::pump);
    connect(&m_session, &ReconnectingImapSession::closed, this, &SentCopier::onClosed);
    connect(&m_session,
            &ReconnectingImapSession::connectionEvent,
            this,
            &SentCopier::connectionEvent);
    connect(m_idleTimer.get(), &ClockTimer::timeout, this, [this] {
        if (!m_current && m_queue.empty())
            m_session.logout();
    });
}

SentCopier::~SentCopier() = default;

int SentCopier::pendingCount() const
{
    return int(m_queue.size()) + (m_current ? 1 : 0);
}

Result<void> SentCopier::copy(const QString &key, const QByteArray &content)
{
    if (Result<void> spooled = m_spool.put(key, content); !spooled)
        return spooled;
    if (m_gaveUpReason) {
        // No new session after giving up (a refused password must not be tried once per
        // message): it waits in the spool for a later run.
        SentCopyOutcome outcome;
        outcome.key = key;
        outcome.messageId = messageIdOf(content);
        outcome.detail = m_gaveUpReason->english();
        outcome.note = *m_gaveUpReason;
        outcome.keptForLater = true;
        Q_EMIT copied(outcome);
        return {};
    }
    m_queue.push_back(key);
    m_finishedEmitted = false;
    pump();
    return {};
}

void SentCopier::resume()
{
    if (m_gaveUpReason)
        return;
    for (const QString &key : m_spool.keys()) {
        if (std::find(m_queue.begin(), m_queue.end(), key) == m_queue.end() && m_current != key)
            m_queue.push_back(key);
    }
    pump();
}

void SentCopier::finish()
{
    m_finishing = true;
    pump();
}

void SentCopier::pump()
{
    if (m_current)
        return;
    if (m_queue.empty()) {
        if (!m_finishing) {
            if (m_session.isReady())
                m_idleTimer->start(m_settings.idleLogout);
            return;
        }
        if (m_session.connection()) {
            m_session.logout(); // finished() when it has closed
            return;
        }
        if (!m_finishedEmitted) {
            m_finishedEmitted = true;
            Q_EMIT finished();
        }
        return;
    }
    m_idleTimer->stop();
    if (!m_session.isReady()) {
        m_session.open(); // when none is open; after the back-off's wait
        return;
    }
    if (!m_sent) {
        findSentMailbox();
        return;
    }
    if (!m_selected) {
        selectSentMailbox();
        return;
    }
    m_current = m_queue.front();
    m_queue.pop_front();
    copyCurrent();
}

void SentCopier::findSentMailbox()
{
    ImapConnection *connection = m_session.connection();
    QByteArray command = "LIST \"\" \"*\"";
    if (connection->hasCapability("SPECIAL-USE") || connection->hasCapability("LIST-EXTENDED"))
        command += " RETURN (SPECIAL-USE)";
    connection->run(command, [this, id = connection->id()](const ImapCommandResult &result) {
        if (result.status == ImapResponse::Status::None)
            return; // the connection ended: onClosed() decides
        const QList<MailboxListing> mailboxes = mailboxesFromList(result.untagged);
        std::optional<MailboxListing> sent;
        if (!m_settings.sentMailbox.isEmpty()) {
            for (const MailboxListing &mailbox : mailboxes) {
                if (mailbox.name == m_settings.sentMailbox)
                    sent = mailbox;
            }
            if (!sent) {
                giveUp(ImapNote::make(ImapNote::Code::FolderNotFound,
                                      {m_settings.sentMailbox, m_session.displayAddress()}));
                return;
            }
        } else {
            sent = chooseSentMailbox(mailboxes);
            if (!sent) {
                giveUp(ImapNote::make(ImapNote::Code::NoSentFolder, {m_session.displayAddress()}));
                return;
            }
        }
        m_sent = sent;
        spdlog::info("imap #{} copies to the Sent folder \"{}\"", id, m_sent->name.toStdString());
        pump();
    });
}

void SentCopier::selectSentMailbox()
{
    const std::optional<QByteArray> name = imapQuoted(m_sent->wireName);
    if (!name) {
        giveUp(ImapNote::make(ImapNote::Code::FolderNameUnusable));
        return;
    }
    m_session.run("SELECT " + *name, [this](const ImapCommandResult &result) {
        if (result.status == ImapResponse::Status::None)
            return;
        if (!result.isOk()) {
            giveUp(
                ImapNote::make(ImapNote::Code::FolderNotOpened, {m_sent->name, result.describe()}));
            return;
        }
        m_selected = true;
        pump();
    });
}

void SentCopier::copyCurrent()
{
    Result<QByteArray> content = m_spool.read(*m_current);
    if (!content) {
        finishCurrent(SentCopyResult::Failed,
                      ImapNote::make(ImapNote::Code::SpoolUnreadable,
                                     QStringList{content.error().message}
                                         + packedErrorNote(content.error())));
        return;
    }
    m_currentMessageId = messageIdOf(*content);
    const std::optional<QByteArray> quotedId = imapQuoted(m_currentMessageId);
    if (m_currentMessageId.isEmpty() || !quotedId) {
        appendCurrent(*content); // nothing to look for: copy it
        return;
    }
    m_session.run("UID SEARCH HEADER Message-ID " + *quotedId,
                  [this, bytes = *content](const ImapCommandResult &result) {
                      if (result.status == ImapResponse::Status::None)
                          return;
                      bool found = false;
                      for (const ImapResponse &response : result.untagged) {
                          if (response.dataName() == "SEARCH" && response.data.size() > 1)
                              found = true;
                      }
                      if (result.isOk() && found) {
                          finishCurrent(SentCopyResult::AlreadyThere, {});
                          return;
                      }
                      appendCurrent(bytes);
                  });
}

void SentCopier::appendCurrent(const QByteArray &content)
{
    const QByteArray command = "APPEND " + *imapQuoted(m_sent->wireName) + " (\\Seen)";
    m_session.run(
        command,
        [this](const ImapCommandResult &result) {
            if (result.status == ImapResponse::Status::None)
                return;
            if (!result.isOk()) {
                // The server refused this message (too big, over quota...): a later run would be
                // refused the same way.
                finishCurrent(SentCopyResult::Failed,
                              ImapNote::make(ImapNote::Code::CopyRefused, {result.describe()}));
                return;
            }
            finishCurrent(SentCopyResult::Appended, ImapNote::words(QString::fromUtf8(result.code)));
        },
        content);
}

void SentCopier::finishCurrent(SentCopyResult result, const ImapNote &note, bool keepForLater)
{
    SentCopyOutcome outcome;
    outcome.key = *m_current;
    outcome.messageId = m_currentMessageId;
    outcome.result = result;
    outcome.detail = note.english();
    if (result == SentCopyResult::Failed)
        outcome.note = note;
    outcome.mailbox = m_sent ? m_sent->name : QString();
    outcome.keptForLater = keepForLater;
    if (!keepForLater)
        m_spool.remove(*m_current);
    m_attempts.remove(*m_current);
    m_current.reset();
    m_currentMessageId.clear();
    if (result != SentCopyResult::Failed || !keepForLater)
        m_session.progressMade();
    Q_EMIT copied(outcome);
    // From the event loop: a long queue never deepens the stack.
    QMetaObject::invokeMethod(this, &SentCopier::pump, Qt::QueuedConnection);
}

void SentCopier::onClosed(const ImapSessionClosure &ended)
{
    m_selected = false;
    if (ended.scope == ImapClosureScope::LoggedOut) {
        pump(); // finished() when finishing; after an idle logout, a new session if work came
        return;
    }
    if (m_current && ended.scope != ImapClosureScope::Account) {
        const int attempts = ++m_attempts[*m_current];
        if (attempts >= m_settings.maxAttemptsPerMessage) {
            finishCurrent(SentCopyResult::Failed,
                          ImapNote::make(ImapNote::Code::ConnectionEndedOften,
                                         QStringList{QString::number(attempts), ended.closure.detail}
                                             + ended.closure.note.packed()),
                          true);
        } else {
            m_queue.push_front(*m_current); // first again, on the next session
            m_current.reset();
        }
    }
    if (ended.endsTheRun()) {
        giveUp(ended.reasonNote.isEmpty() ? ImapNote::words(ended.reason) : ended.reasonNote);
        return;
    }
    pump(); // the next session opens after the back-off's wait
}

void SentCopier::refuse(const ImapNote &reason)
{
    resume(); // what an earlier run left is reported too
    giveUp(reason);
}

void SentCopier::giveUp(const ImapNote &reason)
{
    spdlog::warn("copying to Sent stops for this run: {}", reason.english().toStdString());
    m_session.giveUp(reason.english());
    m_idleTimer->stop();
    // Each waiting message ends, in order, and stays in the spool for a later run.
    std::deque<QString> waiting;
    if (m_current)
        waiting.push_back(*m_current);
    waiting.insert(waiting.end(), m_queue.begin(), m_queue.end());
    m_queue.clear();
    m_current.reset();
    m_gaveUpReason = reason;
    for (const QString &key : waiting) {
        SentCopyOutcome outcome;
        outcome.key = key;
        outcome.result = SentCopyResult::Failed;
        outcome.detail = reason.english();
        outcome.note = reason;
        outcome.keptForLater = true;
        Q_EMIT copied(outcome);
    }
    m_attempts.clear();
    m_finishing = true;
    if (!m_finishedEmitted) {
        m_finishedEmitted = true;
        Q_EMIT finished();
    }
}

} // namespace Bulkmail
