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

class CampaignRunner;

// A CampaignRunner for `engine` (STYLE.md rule 8): created without a parent, moved to the thread,
// and deleted there when the thread finishes, unless its owner deletes it (deleteLater()) before.
// Its public methods only enqueue work, so the caller's thread may call them. The one way the
// window, the test message and bulkmail-cli set up a run.
[[nodiscard]] CampaignRunner *createRunnerIn(const EngineThread &engine);

} // namespace Bulkmail
