#pragma once

#include "campaignrunner.h"

namespace Bulkmail {

// The same campaign, its messages and limits, sent to the built-in sandbox on 127.0.0.1:port
// instead of the real server. Nothing it does may be taken for a real send: no journal (a real
// send must not find its recipients "already sent"), and no copies in the account's Sent folder
// (nothing was delivered).
[[nodiscard]] CampaignPlan rehearsalPlan(CampaignPlan plan, quint16 sandboxPort);

} // namespace Bulkmail
