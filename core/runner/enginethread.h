#pragma once

#include <QThread>

#include <memory>

namespace Bulkmail {

// Ends a thread the polite way: ask its event loop to quit, wait, then delete.
struct GracefulThreadDeleter
{
    void operator()(QThread *thread) const;
};

using EngineThread = std::unique_ptr<QThread, GracefulThreadDeleter>;

// A started thread named "bulkmail-engine", for the worker QObjects of the engine.
[[nodiscard]] EngineThread startEngineThread();

} // namespace Bulkmail
