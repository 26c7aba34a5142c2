#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Bulkmail {

struct DeliveryReport;
struct UnsubscribeRequest;

enum class SuppressionReason { HardBounce, Unsubscribe, Manual };

struct SuppressionEntry
{
    QString address; // normalised (normalizedSuppressionAddress)
    SuppressionReason reason = SuppressionReason::Manual;
    QString detail;   // why, in the words of the report or the person ("550 5.1.1 User unknown")
    QDateTime date;   // when it was first suppressed (UTC, millisecond precision)
    QString campaign; // the campaign it came from; empty for a manual entry

    friend bool operator==(const SuppressionEntry &, const SuppressionEntry &) = default;
};

struct SuppressionImport
{
    int added = 0;   // new addresses
    int updated = 0; // addresses already listed (their first date kept, the rest replaced)
};

// "hard-bounce", "unsubscribe", "manual"; and back (nothing for an unknown name).
[[nodiscard]] QString suppressionReasonName(SuppressionReason reason);
[[nodiscard]] std::optional<SuppressionReason> suppressionReasonFromName(const QString &name);

// The address as the list keeps it: trimmed, without angle brackets, the domain in lower case and
// in ASCII (IDNA). Lookups also ignore the case of the local part (see SuppressionList).
[[nodiscard]] QString normalizedSuppressionAddress(const QString &address);

// The addresses an account must not mail again: hard bounces, unsubscribe requests and the ones
// the user adds, each with the date and why. One SQLite file per account (Qt SQL, QSQLITE), in
// the user's data folder and never in the campaign file, which is shared and copied around.
//
// Several processes may use one list at once (the desktop app and bulkmail-cli): SQLite's locking
// with WAL journaling (readers never wait for a writer) and a busy timeout, so that a writer
// waits for another instead of failing. An import is one transaction: a file with a bad line
// changes nothing.
//
// Lookups ignore the case of the whole address (COLLATE NOCASE, ASCII). RFC 5321 lets a local
// part be case-sensitive, but no provider of note makes "Wang@x" and "wang@x" two mailboxes, and
// mailing a dead address again costs the sender's reputation while skipping its twin costs
// nothing (the recipient list's duplicate check thinks the same: recipientvalidation.h).
//
// An object owns one database connection and must be used from the thread that opened it.
class SuppressionList final
{
public:
    ~SuppressionList();
    Q_DISABLE_COPY_MOVE(SuppressionList)

    // AppDataLocation/suppression/<hash>.sqlite, the hash (SHA-256, hex, 32 digits) of the
    // account's host and user name, both in lower case: one list per account, whatever the
    // campaign.
    [[nodiscard]] static QString pathForAccount(const QString &host, const QString &username);

    // Opens the list at `path`, creating the file (and its folder) when needed. ErrorCode::Io
    // when the database cannot be opened or is not a suppression list.
    [[nodiscard]] static Result<std::unique_ptr<SuppressionList>> open(const QString &path);
    [[nodiscard]] static Result<std::unique_ptr<SuppressionList>> openForAccount(
        const QString &host, const QString &username);

    [[nodiscard]] QString path() const;

    // Adds or refreshes an entry (idempotent): a listed address keeps its first date and takes
    // the new reason, detail and campaign. An invalid date means now. ErrorCode::InvalidAddress
    // for an invalid address.
    [[nodiscard]] Result<void> add(SuppressionEntry entry);
    // The hard-bounced recipients of a report (soft ones pass: a full mailbox empties), with
    // "status diagnostic" as the detail and the report's date; returns how many were added or
    // refreshed. A request: its address, reason unsubscribe, its date.
    [[nodiscard]] Result<int> addHardBounces(const DeliveryReport &report, const QString &campaign);
    [[nodiscard]] Result<void> addUnsubscribe(const UnsubscribeRequest &request,
                                              const QString &campaign);
    // True when the address was listed.
    [[nodiscard]] Result<bool> remove(const QString &address);
    [[nodiscard]] Result<bool> contains(const QString &address) const;
    [[nodiscard]] Result<std::optional<SuppressionEntry>> find(const QString &address) const;
    // For a campaign's recipients: the entry of each suppressed one, by its index in
    // `addresses` (addresses as the campaign writes them; matched as contains() does). One read
    // of the list, so that a plan or a check of 100,000 recipients takes no 100,000 queries.
    [[nodiscard]] Result<QMap<qsizetype, SuppressionEntry>> suppressedAmong(
        const QStringList &addresses) const;
    // Every entry, by address.
    [[nodiscard]] Result<QList<SuppressionEntry>> entries() const;
    [[nodiscard]] Result<QMap<SuppressionReason, int>> countByReason() const;

    // The list as CSV (the recipient CSV's form, recipientcsv.h: UTF-8 with a BOM, an "email"
    // column, then reason, detail, date and campaign), so Excel opens it and import reads it.
    [[nodiscard]] Result<QByteArray> exportCsv() const;
    [[nodiscard]] Result<void> exportCsv(const QString &filePath) const;
    // Adds the addresses of a CSV with an email column ("email", "E-mail", "邮箱", ...; the
    // recipient import's rules, encodings and delimiters), optionally with reason (default
    // manual), detail, date (ISO 8601; default now) and campaign columns: an export of this
    // list, or a list of addresses from elsewhere. All or nothing: any bad line (an invalid
    // address, an unknown reason, an unreadable date) fails the import with every bad line
    // named ("line 4: ..."), ErrorCode::CsvMalformedRow, and nothing changes.
    [[nodiscard]] Result<SuppressionImport> importCsv(const QByteArray &csv);
    [[nodiscard]] Result<SuppressionImport> importCsvFile(const QString &filePath);

private:
    explicit SuppressionList(QString connectionName, QString path);
    // A file's journal mode and schema version, as read before (and during) its set-up.
    struct FileState
    {
        bool isWal = false;
        int version = 0;
    };
    [[nodiscard]] Result<FileState> readFileState() const;
    [[nodiscard]] Result<void> initializeSchema();
    [[nodiscard]] Result<bool> upsert(const SuppressionEntry &entry);

    QString m_connectionName;
    QString m_path;
};

} // namespace Bulkmail
