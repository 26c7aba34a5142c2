#include "smtpendpoint.h"

namespace Bulkmail {

QString SmtpEndpoint::displayAddress() const
{
    return host + u':' + QString::number(port);
}

QString securityModeName(SecurityMode mode)
{
    switch (mode) {
    case SecurityMode::None:
        return QStringLiteral("none");
    case SecurityMode::StartTls:
        return QStringLiteral("starttls");
    case SecurityMode::ImplicitTls:
        return QStringLiteral("tls");
    }
    return {};
}

} // namespace Bulkmail
