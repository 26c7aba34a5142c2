#include "smtpendpoint.h"

namespace Bulkmail {

QString SmtpEndpoint::displayAddress() const
{
    return host + u':' + QString::number(port);
}

} // namespace Bulkmail
