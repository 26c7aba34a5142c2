#include "journallock.h"

#include <QCoreApplication>
#include <QLockFile>
#include <QSysInfo>

namespace Bulkmail {

bool JournalLockHolder::isThisProcess() const
{
    return pid == QCoreApplication::applicationPid() && hostname == QSysInfo::machineHostName();
}

JournalLock::JournalLock(std::unique_ptr<QLockFile> lock)
    : m_lock(std::move(lock))
{}

JournalLock::~JournalLock() = default; // QLockFile unlocks when destroyed

QString JournalLock::pathFor(const QString &journalPath)
{
    return journalPath + QStringLiteral(".lock");
}

QString JournalLock::path() const
{
    return m_lock->fileName();
}

tl::expected<std::unique_ptr<JournalLock>, JournalLockRefusal> JournalLock::acquire(
    const QString &journalPath)
{
    const QString path = pathFor(journalPath);
    auto lock = std::make_unique<QLockFile>(path);
    // 0: never stale by age, only when its process is gone (QLockFile checks the process id and
    // name on this host). The default (30 s) would let a second run take over a live run's lock.
    lock->setStaleLockTime(0);
    if (lock->tryLock(0))
        return std::unique_ptr<JournalLock>(new JournalLock(std::move(lock)));

    JournalLockRefusal refusal;
    if (lock->error() == QLockFile::LockFailedError) {
        JournalLockHolder holder;
        if (lock->getLockInfo(&holder.pid, &holder.hostname, &holder.application)) {
            refusal.holder = holder;
            if (holder.isThisProcess()) {
                refusal.error = Error{ErrorCode::Io,
                                      QStringLiteral("this campaign is already being sent by this "
                                                     "program (another window or run)")};
                return tl::make_unexpected(refusal);
            }
            refusal.error = Error{ErrorCode::Io,
                                  QStringLiteral("this campaign is being sent by another process "
                                                 "(%1, process %2 on %3); wait for it to finish "
                                                 "or stop it, then send again (lock file \"%4\")")
                                      .arg(holder.application.isEmpty()
                                               ? QStringLiteral("unknown program")
                                               : holder.application)
                                      .arg(holder.pid)
                                      .arg(holder.hostname, path)};
            return tl::make_unexpected(refusal);
        }
        refusal.error = Error{ErrorCode::Io,
                              QStringLiteral("this campaign is being sent by another process "
                                             "(lock file \"%1\")")
                                  .arg(path)};
        return tl::make_unexpected(refusal);
    }
    refusal.error = Error{ErrorCode::Io,
                          QStringLiteral("cannot create the lock file \"%1\" that keeps two runs "
                                         "of the campaign apart")
                              .arg(path)};
    return tl::make_unexpected(refusal);
}

} // namespace Bulkmail
