#pragma once

#include "delivery/messagesource.h"

#include <QList>

#include <functional>

namespace Bulkmail::Test {

// A MessageSource the test controls, for driving a ConnectionPool without the runner: hands out
// `ready` in order. claimWork makes the pool believe a message is waiting although none is ready,
// so that it opens another connection that then stays idle. onTake sees each message handed out
// (e.g. to advance a ManualClock at a chosen moment).
class QueueMessageSource final : public MessageSource
{
public:
    std::optional<OutgoingMessage> takeNextMessage() override
    {
        if (ready.isEmpty())
            return std::nullopt;
        OutgoingMessage message = ready.takeFirst();
        if (onTake)
            onTake(message);
        return message;
    }

    std::optional<std::chrono::milliseconds> timeUntilNextMessage() const override
    {
        if (!ready.isEmpty() || claimWork)
            return std::chrono::milliseconds(0);
        return std::nullopt;
    }

    QList<OutgoingMessage> ready;
    bool claimWork = false;
    std::function<void(const OutgoingMessage &)> onTake;
};

} // namespace Bulkmail::Test
