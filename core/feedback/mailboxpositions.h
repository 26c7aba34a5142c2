#pragma once

#include "common/result.h"

#include <QHash>
#include <QString>

#include <optional>

namespace Bulkmail {

// How far a reader has read one IMAP folder: the folder's UIDVALIDITY and the highest UID read
// (RFC 9051 §2.3.1.1: a UID names one message for as long as UIDVALIDITY stays the same).
struct MailboxPosition
{
    quint64 uidValidity = 0;
    quint64 lastUid = 0;

    friend bool operator==(const MailboxPosition &, const MailboxPosition &) = default;
};

// Where each reader (a campaign, by its journal's path) left each folder of one account: a small
// JSON file beside the account's suppression list (SuppressionList::pathForAccount), never in the
// campaign file, which is shared and copied around. Keyed by reader as well as folder, so that
// scanning one campaign's bounces never makes another campaign skip its own.
//
// Two processes saving at once: the last save wins (QSaveFile: never a half-written file); the
// loser reads a few messages again at its next scan, which changes nothing (a bounce is recorded
// again, the suppression list is idempotent).
class MailboxPositions final
{
public:
    // "<the account's suppression list without .sqlite>.positions.json".
    [[nodiscard]] static QString pathForAccount(const QString &host, const QString &username);
    // A missing file reads as empty; ErrorCode::Io when unreadable, InvalidFormat when not ours.
    [[nodiscard]] static Result<MailboxPositions> load(const QString &path);

    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] std::optional<MailboxPosition> position(const QString &reader,
                                                          const QString &mailbox) const;
    void setPosition(const QString &reader, const QString &mailbox, MailboxPosition position);
    // Writes the file atomically (QSaveFile), creating its folder when needed.
    [[nodiscard]] Result<void> save() const;

private:
    explicit MailboxPositions(QString path);

    QString m_path;
    QHash<QString, QHash<QString, MailboxPosition>> m_positions; // reader -> folder -> position
};

} // namespace Bulkmail
