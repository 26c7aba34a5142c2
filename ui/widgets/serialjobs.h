#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>
#include <utility>

class QThreadPool;

namespace Bulkmail {

// The worker thread of the desktop app's jobs on an account's suppression list (an SQLite file
// that another program may be writing: every statement can wait for SQLite's busy timeout), so
// that the GUI thread never waits for a lock. One thread for the whole app: jobs run one at a
// time in the order they were started (a removal before its undo, the Suppression List's writes
// and the Bounces view's), and never wait for each other's locks. The pool belongs to the
// application rather than to a dialog so that closing a dialog never waits for its job: the job
// ends on its own, its result is dropped, and the application waits for the pool when it quits.
//
// A job captures values only (it may outlive whoever started it) and creates, uses and destroys
// its objects in the worker thread: a Qt SQL connection may only be used in the thread that made
// it.
namespace SerialJobs {

// One thread, a child of the application (made on first use, in the GUI thread).
[[nodiscard]] QThreadPool *pool();

// Runs `job` on pool() and hands its result to `done` in `receiver`'s thread, unless `receiver`
// is gone by then.
template<typename Job, typename Done>
void run(QObject *receiver, Job job, Done done)
{
    using Value = std::invoke_result_t<Job>;
    auto *watcher = new QFutureWatcher<Value>(receiver);
    QObject::connect(watcher,
                     &QFutureWatcher<Value>::finished,
                     receiver,
                     [watcher, done = std::move(done)] {
                         watcher->deleteLater();
                         done(watcher->result());
                     });
    watcher->setFuture(QtConcurrent::run(pool(), std::move(job)));
}

} // namespace SerialJobs

} // namespace Bulkmail
