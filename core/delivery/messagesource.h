#pragma once

#include "smtp/outgoingmessage.h"

#include <chrono>
#include <optional>

namespace Bulkmail {

// Where the pool gets work. The runner implements it: it owns the queue, the retries and the rate
// limiter, so the pool only has to decide which connection carries a message.
class MessageSource
{
public:
    virtual ~MessageSource();
    // The next message allowed to start now, counted against the rate limits; nothing if none is.
    // Called just before MAIL FROM, so the limiter sees real starts, not sends already done.
    [[nodiscard]] virtual std::optional<OutgoingMessage> takeNextMessage() = 0;
    // How long until takeNextMessage() could return a message: zero if now, nothing if no message
    // is waiting at all (everything sent, failed or in flight).
    [[nodiscard]] virtual std::optional<std::chrono::milliseconds> timeUntilNextMessage() const = 0;
    // How long until a new connection may open: after failed sessions the delivery policy backs
    // off, and while the server is unavailable it waits (DeliveryPolicy). Zero: now.
    [[nodiscard]] virtual std::chrono::milliseconds timeUntilConnectAllowed() const;
    // An established session failed (421, a drop, a timeout, a protocol error).
    virtual void onSessionFailed();
};

} // namespace Bulkmail
