#include "staticaccesstokensource.h"

#include <QCoreApplication>

namespace Bulkmail {

StaticAccessTokenSource::StaticAccessTokenSource(QString token,
                                                 QString username,
                                                 QString origin,
                                                 QObject *parent)
    : AccessTokenSource(parent)
    , m_token{std::move(token), std::move(username), QDateTime()}
    , m_origin(std::move(origin))
{}

StaticAccessTokenSource::~StaticAccessTokenSource() = default;

void StaticAccessTokenSource::requestToken(bool forceRefresh)
{
    m_wasRefused = m_wasRefused || forceRefresh;
    // Never from inside requestToken() (see AccessTokenSource).
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_wasRefused) {
                Q_EMIT tokenFailed(
                    Error{ErrorCode::Authentication,
                          QCoreApplication::translate("Bulkmail::StaticAccessTokenSource",
                                                      "the access token from %1 was refused")
                              .arg(m_origin)},
                    true);
            } else {
                Q_EMIT tokenReady(m_token);
            }
        },
        Qt::QueuedConnection);
}

} // namespace Bulkmail
