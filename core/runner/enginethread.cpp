#include "enginethread.h"

namespace Bulkmail {

void GracefulThreadDeleter::operator()(QThread *thread) const
{
    if (!thread)
        return;
    thread->quit();
    thread->wait();
    delete thread;
}

EngineThread startEngineThread()
{
    EngineThread thread(new QThread);
    thread->setObjectName(QStringLiteral("bulkmail-engine"));
    thread->start();
    return thread;
}

} // namespace Bulkmail
