#pragma once

namespace Bulkmail {

// What a run does with the campaign: deliver it through the account, or rehearse it in the
// built-in sandbox, which captures every message and delivers none. The window decides it once,
// when the user starts, and every word about the run (the summary before it, the status while it
// runs and after it, each row's status) follows it, so that a rehearsal never reads as a send.
enum class SendMode { Deliver, Rehearse };

} // namespace Bulkmail
