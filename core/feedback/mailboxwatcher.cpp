#include "mailboxwatcher.h"

#include "imap/mailboxname.h"

#include <QLocale>

#include <spdlog/spdlog.h>

#include <algorithm>

namespace Bulkmail {

namespace {

// "5-Dec-2026": RFC 9051 §9 date, English month names whatever the locale.
QByteArray imapDate(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC().date(), QStringLiteral("d-MMM-yyyy")).toLatin1();
}

std::optional<quint64> uidValidityOf(const ImapCommandResult &result)
{
    // "* OK [UIDVALIDITY 3857529045] UIDs valid" (RFC 9051 §7.1)
    for (const ImapResponse &response : result.untagged) {
        if (response.codeName() == "UIDVALIDITY") {
            bool ok = false;
            const quint64 value = response.code.mid(response.code.indexOf(' ') + 1).toULongLong(&ok);
            if (ok)
                return value;
        }
    }
    return std::nullopt;
}

// The message's bytes in a FETCH response: the value after the BODY[]<0> item.
std::optional<QByteArray> fetchedBody(const ImapCommandResult &result)
{
    for (const ImapResponse &response : result.untagged) {
        if (response.dataName() != "FETCH" || response.data.size() < 3
            || !response.data.at(2).isList())
            continue;
        const QList<ImapValue> &items = response.data.at(2).items;
        for (qsizetype i = 0; i + 1 < items.size(); i += 2) {
            if (items.at(i).kind == ImapValue::Kind::Atom
                && items.at(i).text.toUpper().startsWith("BODY["))
                return items.at(i + 1).asText();
        }
    }
    return std::nullopt;
}

} // namespace

MailboxWatcher::MailboxWatcher(ImapEndpoint endpoint,
                               ImapCredentials credentials,
                               MailboxPositions positions,
                               MailboxWatcherSettings settings,
                               QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_signIn(std::move(credentials))
    , m_positions(std::move(positions))
    , m_settings(std::move(settings))
    , m_backoff(m_settings.firstReconnectDelay,
                m_settings.maxReconnectDelay,
                m_settings.maxFailedSessionsInARow)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &MailboxWatcher::pump);
    connect(&m_signIn, &ImapSignIn::ready, this, &MailboxWatcher::pump);
    connect(&m_signIn, &ImapSignIn::failed, this, &MailboxWatcher::fail);
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &MailboxWatcher::startScan);
}

MailboxWatcher::~MailboxWatcher()
{
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->abort(QStringLiteral("the mailbox watcher stopped"));
    }
}

void MailboxWatcher::scanOnce()
{
    m_watching = false;
    startScan();
}

void MailboxWatcher::watch()
{
    m_watching = true;
    startScan();
}

void MailboxWatcher::stop()
{
    m_stopping = true;
    m_watching = false;
    m_pollTimer.stop();
    m_reconnectTimer.stop();
    savePositions();
    if (m_connection) {
        m_connection->logout(); // finished() once it has closed
        return;
    }
    emitFinished();
}

void MailboxWatcher::startScan()
{
    if (m_scanning || m_stopping)
        return;
    m_scanning = true;
    m_summary = {};
    m_mailboxIndex = 0;
    m_examined = false;
    m_uids.clear();
    m_finishedEmitted = false;
    pump();
}

void MailboxWatcher::pump()
{
    if (!m_scanning || m_stopping || m_busy)
        return;
    if (!m_connection) {
        if (!m_reconnectTimer.isActive())
            openConnection();
        return;
    }
    if (!m_connection->isReady())
        return;
    if (m_mailboxIndex >= m_settings.mailboxes.size()) {
        endScan();
        return;
    }
    if (!m_examined) {
        examineMailbox();
        return;
    }
    fetchNext();
}

void MailboxWatcher::openConnection()
{
    const std::optional<ImapCredentials> credentials = m_signIn.credentialsForNewSession();
    if (!credentials)
        return; // pump() again once the access token is there
    const int id = m_nextConnectionId++;
    m_connection = new ImapConnection(id, m_endpoint, *credentials, ImapTimeouts{}, this);
    m_backoff.sessionStarted();
    m_examined = false;
    connect(m_connection, &ImapConnection::ready, this, [this, id] {
        Q_EMIT connectionEvent(id, QStringLiteral("ready"), m_connection->tlsDescription());
        pump();
    });
    connect(m_connection, &ImapConnection::closed, this, &MailboxWatcher::onClosed);
    Q_EMIT connectionEvent(id, QStringLiteral("created"), m_endpoint.displayAddress());
    m_connection->open();
}

void MailboxWatcher::examineMailbox()
{
    const QString mailbox = m_settings.mailboxes.at(m_mailboxIndex);
    const std::optional<QByteArray> quoted = imapQuoted(encodeMailboxName(mailbox));
    if (!quoted) {
        m_summary.problems.append(
            QStringLiteral("The folder name \"%1\" cannot be used in a command.").arg(mailbox));
        endMailbox();
        return;
    }
    m_busy = true;
    // EXAMINE, not SELECT: read-only, so that nothing is marked \Seen or expunged (RFC 9051 §6.3.3).
    m_connection->run("EXAMINE " + *quoted, [this, mailbox](const ImapCommandResult &result) {
        if (result.status == ImapResponse::Status::None)
            return; // the connection ended: onClosed() decides
        m_busy = false;
        if (!result.isOk()) {
            m_summary.problems.append(QStringLiteral("The folder \"%1\" cannot be read: %2")
                                          .arg(mailbox, result.describe()));
            endMailbox();
            return;
        }
        const std::optional<quint64> uidValidity = uidValidityOf(result);
        if (!uidValidity) {
            m_summary.problems.append(
                QStringLiteral("The folder \"%1\" has no UIDVALIDITY: it is not read.").arg(mailbox));
            endMailbox();
            return;
        }
        searchMailbox(mailbox, *uidValidity);
    });
}

void MailboxWatcher::searchMailbox(const QString &mailbox, quint64 uidValidity)
{
    const std::optional<MailboxPosition> position = m_positions.position(m_settings.reader, mailbox);
    QByteArray command;
    quint64 firstUid = 1;
    if (position && position->uidValidity == uidValidity) {
        firstUid = position->lastUid + 1;
        command = "UID SEARCH UID " + QByteArray::number(firstUid) + ":*";
    } else {
        // Read for the first time, or the server renumbered the folder (a new UIDVALIDITY: the
        // old UIDs mean nothing now, RFC 9051 §2.3.1.1).
        m_positions.setPosition(m_settings.reader, mailbox, MailboxPosition{uidValidity, 0});
        command = m_settings.firstScanSince.isValid()
                      ? "UID SEARCH SINCE " + imapDate(m_settings.firstScanSince)
                      : QByteArray("UID SEARCH ALL");
    }
    m_busy = true;
    m_connection->run(command, [this, firstUid, uidValidity](const ImapCommandResult &result) {
        if (result.status == ImapResponse::Status::None)
            return;
        m_busy = false;
        m_uids.clear();
        for (const ImapResponse &response : result.untagged) {
            if (response.dataName() != "SEARCH")
                continue;
            for (qsizetype i = 1; i < response.data.size(); ++i) {
                // "n:*" names the last message even when its UID is below n (RFC 9051 §6.4.8).
                if (const std::optional<quint64> uid = response.data.at(i).number();
                    uid && *uid >= firstUid)
                    m_uids.push_back(*uid);
            }
        }
        std::sort(m_uids.begin(), m_uids.end());
        m_uidValidity = uidValidity;
        m_examined = true;
        pump();
    });
}

void MailboxWatcher::fetchNext()
{
    if (m_uids.empty()) {
        endMailbox();
        return;
    }
    const quint64 uid = m_uids.front();
    m_busy = true;
    // BODY.PEEK: reading leaves the message unread (RFC 9051 §6.4.5).
    m_connection->run("UID FETCH " + QByteArray::number(uid) + " (UID BODY.PEEK[]<0."
                          + QByteArray::number(m_settings.maxBytesPerMessage) + ">)",
                      [this, uid](const ImapCommandResult &result) { onFetched(uid, result); });
}

void MailboxWatcher::onFetched(quint64 uid, const ImapCommandResult &result)
{
    if (result.status == ImapResponse::Status::None)
        return; // read again on the next session: its position was not moved
    m_busy = false;
    if (!m_uids.empty() && m_uids.front() == uid)
        m_uids.pop_front();
    const QString mailbox = m_settings.mailboxes.at(m_mailboxIndex);
    // Gone meanwhile (expunged by another client), or refused: nothing to read in it.
    if (const std::optional<QByteArray> raw = result.isOk() ? fetchedBody(result) : std::nullopt) {
        ++m_summary.examined;
        const auto isOurs = [this](const QString &messageId) {
            return !m_settings.isOurMessageId || m_settings.isOurMessageId(messageId);
        };
        MailboxFeedback feedback{mailbox, uid, readFeedbackMessage(*raw, UnsubscribeMatch{isOurs})};
        switch (feedback.message.kind) {
        case FeedbackMessage::Kind::Bounce:
            if (!feedback.message.report->originalMessageId.isEmpty()
                && isOurs(feedback.message.report->originalMessageId)) {
                ++m_summary.bounces;
                Q_EMIT feedbackFound(feedback);
            } else {
                ++m_summary.ignored;
            }
            break;
        case FeedbackMessage::Kind::Unsubscribe:
            ++m_summary.unsubscribes;
            Q_EMIT feedbackFound(feedback);
            break;
        case FeedbackMessage::Kind::Other:
        case FeedbackMessage::Kind::AutoReply:
            break;
        }
    }
    m_positions.setPosition(m_settings.reader, mailbox, MailboxPosition{*m_uidValidity, uid});
    m_backoff.progressMade();
    // From the event loop: a long folder never deepens the stack.
    QMetaObject::invokeMethod(this, &MailboxWatcher::pump, Qt::QueuedConnection);
}

void MailboxWatcher::endMailbox()
{
    savePositions();
    ++m_mailboxIndex;
    m_examined = false;
    m_uids.clear();
    m_uidValidity.reset();
    QMetaObject::invokeMethod(this, &MailboxWatcher::pump, Qt::QueuedConnection);
}

void MailboxWatcher::endScan()
{
    m_scanning = false;
    spdlog::info("mailbox scanned: {} message(s) read, {} bounce(s), {} unsubscribe request(s), "
                 "{} about other messages",
                 m_summary.examined,
                 m_summary.bounces,
                 m_summary.unsubscribes,
                 m_summary.ignored);
    Q_EMIT scanFinished(m_summary);
    if (m_watching && !m_stopping) {
        m_pollTimer.start(m_settings.pollInterval); // the session stays for the next look
        return;
    }
    if (m_connection)
        m_connection->logout(); // finished() once it has closed
    else
        emitFinished();
}

void MailboxWatcher::onClosed(const ImapClosure &closure)
{
    ImapConnection *connection = std::exchange(m_connection, nullptr);
    connection->disconnect(this);
    connection->deleteLater();
    m_examined = false;
    m_busy = false;
    Q_EMIT connectionEvent(closure.connectionId,
                           QStringLiteral("closed"),
                           imapCloseReasonName(closure.reason)
                               + (closure.detail.isEmpty() ? QString() : u": " + closure.detail));
    switch (m_signIn.sessionClosed(closure)) {
    case ImapSignIn::AfterClose::SignInAgain:
        pump(); // with a new access token
        return;
    case ImapSignIn::AfterClose::GiveUp:
        fail(m_signIn.refusalText(closure));
        return;
    case ImapSignIn::AfterClose::Continue:
        break;
    }
    if (closure.isFatal()) {
        fail(closure.detail); // the password, the certificate: trying again cannot help
        return;
    }
    if (!m_scanning || m_stopping) {
        // Logged out after a scan or on stop(); or the server closed the session between two
        // looks, and the next look opens another.
        if (!m_watching)
            emitFinished();
        return;
    }
    savePositions();
    if (m_backoff.sessionEndedGivesUp()) {
        fail(QStringLiteral("The IMAP server %1 kept failing (%2 sessions in a row): %3")
                 .arg(m_endpoint.displayAddress())
                 .arg(m_backoff.failedInARow())
                 .arg(closure.detail));
        return;
    }
    // After a session that read something, at once, from where it stopped; else waiting longer.
    m_reconnectTimer.start(m_backoff.nextDelay());
}

void MailboxWatcher::fail(const QString &reason)
{
    spdlog::warn("reading the mailbox stops: {}", reason.toStdString());
    if (m_connection) {
        ImapConnection *connection = std::exchange(m_connection, nullptr);
        connection->disconnect(this);
        connection->abort(reason);
        connection->deleteLater();
    }
    m_reconnectTimer.stop();
    m_pollTimer.stop();
    m_watching = false;
    savePositions();
    if (m_scanning) {
        m_scanning = false;
        m_summary.error = reason.isEmpty() ? QStringLiteral("the IMAP session failed") : reason;
        Q_EMIT scanFinished(m_summary);
    }
    emitFinished();
}

void MailboxWatcher::savePositions()
{
    if (Result<void> saved = m_positions.save(); !saved) {
        // Said, not fatal: the next scan reads some messages again, which changes nothing.
        m_summary.problems.append(saved.error().message);
    }
}

void MailboxWatcher::emitFinished()
{
    if (m_finishedEmitted)
        return;
    m_finishedEmitted = true;
    Q_EMIT finished();
}

} // namespace Bulkmail
