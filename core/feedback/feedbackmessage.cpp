#include "feedback/feedbackmessage.h"

#include "feedback/mailparts.h"

namespace Bulkmail {

FeedbackMessage readFeedbackMessage(const QByteArray &raw, const UnsubscribeMatch &match)
{
    FeedbackMessage message;
    const std::optional<MailParts> parts = readMailParts(raw);
    if (!parts)
        return message;
    // Requests before auto-replies: the parser refuses auto-replies itself, but not the request
    // a mail client generates behind its "Unsubscribe" button (marked Auto-Submitted).
    if ((message.report = parseDeliveryReport(*parts))) {
        message.kind = FeedbackMessage::Kind::Bounce;
    } else if ((message.unsubscribe = parseUnsubscribeRequest(*parts, match))) {
        message.kind = FeedbackMessage::Kind::Unsubscribe;
    } else if (isAutoReply(*parts)) {
        message.kind = FeedbackMessage::Kind::AutoReply;
    }
    return message;
}

} // namespace Bulkmail
