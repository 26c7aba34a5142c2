#include "messagesource.h"

namespace Bulkmail {

MessageSource::~MessageSource() = default;

} // namespace Bulkmail
