#pragma once

#include "feedback/deliveryreport.h"
#include "feedback/unsubscriberequest.h"

#include <QByteArray>

#include <optional>

namespace Bulkmail {

// What a message in the account's mailbox says about a campaign, read once: the one question a
// mailbox watcher asks of each new message.
struct FeedbackMessage
{
    enum class Kind {
        Other,       // an ordinary message (or unreadable bytes): nothing to do
        Bounce,      // `report` is set
        Unsubscribe, // `unsubscribe` is set
        AutoReply,   // an out-of-office or other automatic reply: neither of the above
    };
    Kind kind = Kind::Other;
    std::optional<DeliveryReport> report;
    std::optional<UnsubscribeRequest> unsubscribe;
};

[[nodiscard]] FeedbackMessage readFeedbackMessage(const QByteArray &raw,
                                                  const UnsubscribeMatch &match = {});

} // namespace Bulkmail
