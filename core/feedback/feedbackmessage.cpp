#include "feedback/feedbackmessage.h"

#include "feedback/mailparts.h"

namespace Bulkmail {

FeedbackMessage readFeedbackMessage(const QByteArray &raw, const UnsubscribeMatch &match)
{
    FeedbackMessage message;
    const std::optional<MailParts> parts = readMailParts(raw);
    if (!parts)
        return message;
    if ((message.report = parseDeliveryReport(*parts))) {
        message.kind = FeedbackMessage::Kind::Bounce;
    } else if (isAutoReply(*parts)) {
        message.kind = FeedbackMessage::Kind::AutoReply;
    } else if ((message.unsubscribe = parseUnsubscribeRequest(*parts, match))) {
        message.kind = FeedbackMessage::Kind::Unsubscribe;
    }
    return message;
}

} // namespace Bulkmail
