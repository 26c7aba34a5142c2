#include "enginethread.h"

#include "campaignrunner.h"

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

CampaignRunner *createRunnerIn(const EngineThread &engine)
{
    auto *runner = new CampaignRunner;
    runner->moveToThread(engine.get());
    QObject::connect(engine.get(), &QThread::finished, runner, &QObject::deleteLater);
    return runner;
}

} // namespace Bulkmail
