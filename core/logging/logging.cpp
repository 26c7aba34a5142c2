#include "logging.h"

#include "logbuffersink.h"

#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <vector>

#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include <spdlog/logger.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace Bulkmail {

namespace {

constexpr auto LoggerName = "bulkmail";
constexpr auto FileName = "bulkmail.log";
constexpr auto FlushInterval = std::chrono::seconds(2);
// spdlog refuses more (rotating_file_sink's constructor throws).
constexpr std::size_t MaxRotatedFiles = 200000;

std::mutex &stateMutex()
{
    static std::mutex mutex;
    return mutex;
}

QString &currentDirectory()
{
    static QString directory;
    return directory;
}

QString defaultDirectory()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    return base.isEmpty() ? QString() : base + QStringLiteral("/logs");
}

// spdlog stays usable after shutdown: spdlog::shutdown() leaves no default logger, and
// spdlog::info() would then dereference null.
void installSilentDefaultLogger()
{
    spdlog::set_default_logger(std::make_shared<spdlog::logger>(LoggerName));
}

} // namespace

Result<void> initializeLogging(const LogOptions &options)
{
    const QString directory = options.directory.isEmpty() ? defaultDirectory() : options.directory;
    if (directory.isEmpty())
        return makeError(ErrorCode::Io, QStringLiteral("No writable location for the log file."));
    if (options.maxFileBytes == 0)
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("The log file size limit must be positive."));
    if (options.maxFiles > MaxRotatedFiles)
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("At most %1 rotated log files are supported.")
                             .arg(MaxRotatedFiles));
    if (!QDir().mkpath(directory))
        return makeError(ErrorCode::Io,
                         QStringLiteral("Cannot create the log directory \"%1\".")
                             .arg(QDir::toNativeSeparators(directory)));

    const QString filePath = QDir(directory).filePath(QLatin1String(FileName));
    std::lock_guard lock(stateMutex());
    try {
        std::vector<spdlog::sink_ptr> sinks;
        sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            QFile::encodeName(filePath).toStdString(), options.maxFileBytes, options.maxFiles));
        if (options.toStderr)
            sinks.push_back(std::make_shared<spdlog::sinks::stderr_sink_mt>());
        sinks.push_back(logBuffer());

        auto logger = std::make_shared<spdlog::logger>(LoggerName, sinks.begin(), sinks.end());
        logger->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%l] [thread %t] %v");
        logger->set_level(options.level);
        logger->flush_on(spdlog::level::warn);
        // Replaces (and so closes) a logger of an earlier call; registers it under its name.
        spdlog::set_default_logger(std::move(logger));
        spdlog::flush_every(FlushInterval);
    } catch (const std::exception &exception) {
        // spdlog::spdlog_ex for an unwritable file; std::bad_alloc and std::system_error (the
        // flusher thread) are just as unwelcome outside.
        return makeError(ErrorCode::Io,
                         QStringLiteral("Cannot open the log file \"%1\": %2")
                             .arg(QDir::toNativeSeparators(filePath),
                                  QString::fromLocal8Bit(exception.what())));
    }
    currentDirectory() = directory;
    return {};
}

void shutdownLogging()
{
    std::lock_guard lock(stateMutex());
    currentDirectory().clear();
    try {
        if (auto logger = spdlog::default_logger())
            logger->flush();
        // Stops the periodic flusher and drops every logger (closing the file).
        spdlog::shutdown();
        installSilentDefaultLogger();
    } catch (const std::exception &) {
        // Nothing sensible is left to report to; shutting down must not throw.
    }
}

QString logDirectory()
{
    std::lock_guard lock(stateMutex());
    return currentDirectory().isEmpty() ? defaultDirectory() : currentDirectory();
}

} // namespace Bulkmail
