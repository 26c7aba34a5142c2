#include "replaceabletokensource.h"

#include <QThread>

namespace Bulkmail {

ReplaceableTokenSource::ReplaceableTokenSource(std::shared_ptr<AccessTokenSource> source,
                                               QObject *parent)
    : AccessTokenSource(parent)
{
    adopt(std::move(source));
}

ReplaceableTokenSource::~ReplaceableTokenSource()
{
    release();
}

void ReplaceableTokenSource::requestToken(bool forceRefresh)
{
    if (!m_source) {
        Q_EMIT tokenFailed(Error{ErrorCode::Authentication, tr("Nobody is signed in.")}, true);
        return;
    }
    m_source->requestToken(forceRefresh);
}

void ReplaceableTokenSource::replaceSource(std::shared_ptr<AccessTokenSource> source)
{
    if (!source)
        return;
    Q_ASSERT(source->thread() == QThread::currentThread() && !source->parent());
    source->moveToThread(thread());
    QMetaObject::invokeMethod(
        this,
        [this, source = std::move(source)]() mutable {
            if (source->thread() != thread())
                return; // this object moved meanwhile (the run ended): nothing waits any more
            ++m_replacements;
            adopt(std::move(source));
        },
        Qt::QueuedConnection);
}

void ReplaceableTokenSource::adopt(std::shared_ptr<AccessTokenSource> source)
{
    release();
    m_source = std::move(source);
    if (!m_source)
        return;
    m_source->setParent(this); // moves with this object; the shared_ptr still owns it
    connect(m_source.get(), &AccessTokenSource::tokenReady, this, &AccessTokenSource::tokenReady);
    connect(m_source.get(), &AccessTokenSource::tokenFailed, this, &AccessTokenSource::tokenFailed);
}

void ReplaceableTokenSource::release()
{
    if (!m_source)
        return;
    m_source->disconnect(this);
    // Not a child any more, so that QObject's destructor never deletes what the shared_ptr owns.
    m_source->setParent(nullptr);
    m_source.reset();
}

} // namespace Bulkmail
