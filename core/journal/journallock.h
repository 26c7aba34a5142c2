#pragma once

#include "common/result.h"

#include <QString>

#include <memory>
#include <optional>

class QLockFile;

namespace Bulkmail {

// The process that holds a campaign's run lock, as its lock file names it.
struct JournalLockHolder
{
    qint64 pid = 0;
    QString hostname;
    QString application; // the executable's name, e.g. "bulkmail-cli"

    // This very process holds it (a second window of the desktop app, say).
    [[nodiscard]] bool isThisProcess() const;

    friend bool operator==(const JournalLockHolder &, const JournalLockHolder &) = default;
};

// Why the lock was not taken: another live process holds it (holder set), or the lock file cannot
// be made (no holder: a read-only directory, say).
struct JournalLockRefusal
{
    Error error;
    std::optional<JournalLockHolder> holder;
};

// One run per campaign: an OS-level lock beside the send journal, "<journal>.lock" (QLockFile),
// taken before the journal is read and held until the run ends, by the CLI and the desktop app
// alike, so that two runs (a window and a script, two windows) can never send the same list at
// once. A lock left by a process that died is taken over: on the same host its process id no
// longer runs (or runs another program). A live holder's lock is never taken over, however old,
// since a run may last for days; a lock from another host (a shared folder) stays until that
// host's run ends or the user deletes the file.
class JournalLock final
{
public:
    JournalLock(const JournalLock &) = delete;
    JournalLock &operator=(const JournalLock &) = delete;
    ~JournalLock(); // releases the lock

    [[nodiscard]] static QString pathFor(const QString &journalPath); // "<journalPath>.lock"
    [[nodiscard]] static tl::expected<std::unique_ptr<JournalLock>, JournalLockRefusal> acquire(
        const QString &journalPath);

    [[nodiscard]] QString path() const;

private:
    explicit JournalLock(std::unique_ptr<QLockFile> lock);

    std::unique_ptr<QLockFile> m_lock;
};

} // namespace Bulkmail
