#include "accesstokensource.h"

namespace Bulkmail {

AccessTokenSource::~AccessTokenSource() = default;

} // namespace Bulkmail
