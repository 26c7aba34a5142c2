#pragma once

#include "sandbox/sandboxoptions.h"

namespace Bulkmail {

// `bulkmail-cli sandbox`: runs the built-in sandbox SMTP server on 127.0.0.1 until interrupted,
// printing one line per connection and per captured message on standard output (the first line
// names the port, for scripts). Returns 0 after Ctrl+C or SIGTERM, 1 when it cannot start.
[[nodiscard]] int runSandboxCommand(const SandboxOptions &options);

} // namespace Bulkmail
