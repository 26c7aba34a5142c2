#include "serialjobs.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

namespace Bulkmail::SerialJobs {

QThreadPool *pool()
{
    // A pointer that notices the application's end (a test may make a second application).
    static QPointer<QThreadPool> instance;
    if (instance.isNull()) {
        instance = new QThreadPool(QCoreApplication::instance());
        instance->setObjectName(QStringLiteral("bulkmail-suppression-jobs"));
        instance->setMaxThreadCount(1);
    }
    return instance;
}

} // namespace Bulkmail::SerialJobs
