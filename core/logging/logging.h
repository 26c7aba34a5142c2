#pragma once

#include "common/result.h"

#include <QString>

#include <spdlog/common.h>

#include <cstddef>

namespace Bulkmail {

struct LogOptions
{
    // Empty: QStandardPaths::AppLocalDataLocation + "/logs".
    QString directory;
    spdlog::level::level_enum level = spdlog::level::info;
    bool toStderr = false;
    // bulkmail.log is rotated to bulkmail.1.log ... bulkmail.<maxFiles>.log at this size.
    std::size_t maxFileBytes = std::size_t{5} * 1024 * 1024;
    std::size_t maxFiles = 5;
};

// Installs the default spdlog logger "bulkmail": a rotating file sink (<directory>/bulkmail.log),
// optionally a stderr sink, and the process-wide logBuffer() that feeds the GUI log panel.
// Flushes on warn and every two seconds. Safe to call again (the previous logger is replaced and
// its file closed); never throws. Call it while no other thread logs (spdlog's default logger is
// swapped without a lock on the logging side).
[[nodiscard]] Result<void> initializeLogging(const LogOptions &options = {});

// Flushes and closes the log file and stops the periodic flusher. Afterwards spdlog's default
// logger is a logger without sinks, so stray log calls are harmless no-ops.
void shutdownLogging();

// The directory of the current log file, or the default directory when logging is not
// initialized (before initializeLogging() and after shutdownLogging()).
[[nodiscard]] QString logDirectory();

} // namespace Bulkmail
