#include "messagesource.h"

namespace Bulkmail {

MessageSource::~MessageSource() = default;

std::chrono::milliseconds MessageSource::timeUntilConnectAllowed() const
{
    return std::chrono::milliseconds(0);
}

void MessageSource::onSessionFailed() {}

} // namespace Bulkmail
