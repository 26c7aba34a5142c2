#include "feedback/unsubscriberequest.h"

#include "compose/unsubscribemail.h"
#include "feedback/deliveryreport.h"
#include "feedback/mailparts.h"

#include <QRegularExpression>

#include <algorithm>

namespace Bulkmail {

namespace {

// The tag our List-Unsubscribe mailto: address carries in its local part (RFC 5233 subaddress).
std::optional<QString> unsubscribeTag(const QString &address)
{
    static const QRegularExpression tagged(QStringLiteral("\\+unsubscribe(?:-([^@]*))?@"),
                                           QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = tagged.match(address);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1);
}

bool asksToUnsubscribe(const QString &text)
{
    static const QRegularExpression words(QStringLiteral(
                                              "\\bunsubscribe\\b|退订|取消订阅|退訂|取消訂閱"),
                                          QRegularExpression::CaseInsensitiveOption);
    return words.match(text).hasMatch();
}

// The first line the sender wrote: not empty, not quoted ("> ..."), not the "On ... wrote:"
// line of a client that quotes below. Long lines are prose that merely mentions the word.
QString firstOwnLine(const QStringList &texts)
{
    for (const QString &text : texts) {
        const QStringList lines = text.split(u'\n');
        for (const QString &line : lines) {
            const QString trimmed = line.trimmed();
            if (trimmed.isEmpty() || trimmed.startsWith(u'>'))
                continue;
            return trimmed;
        }
    }
    return {};
}

} // namespace

std::optional<UnsubscribeRequest> parseUnsubscribeRequest(const QByteArray &raw,
                                                          const UnsubscribeMatch &match)
{
    const std::optional<MailParts> parts = readMailParts(raw);
    return parts ? parseUnsubscribeRequest(*parts, match) : std::nullopt;
}

std::optional<UnsubscribeRequest> parseUnsubscribeRequest(const MailParts &parts,
                                                          const UnsubscribeMatch &match)
{
    if (parts.fromAddress.isEmpty() || parseDeliveryReport(parts))
        return std::nullopt;

    // The subject of our mailto: URI, "unsubscribe <token>", names the message it came from.
    const QString namedId = messageIdInUnsubscribeSubject(parts.subject);
    const bool namesOurMessage = !namedId.isEmpty() && match.isOurMessageId
                                 && match.isOurMessageId(namedId);
    std::optional<QString> tag;
    for (const QString &address : parts.toAddresses) {
        if ((tag = unsubscribeTag(address)))
            break;
    }

    // Auto-replies are machines speaking, never a person asking. But a mail client that sends
    // the request behind its "Unsubscribe" button may mark it "Auto-Submitted: auto-generated"
    // (RFC 3834 §5: generated, not a reply): with our URI's subject and address it is the
    // request. An out-of-office reply says auto-replied, or carries X-Autoreply.
    const bool isClientGenerated = parts.autoSubmitted == "auto-generated"
                                   && !parts.hasAutoReplyHeader
                                   && (namesOurMessage || (tag && !namedId.isEmpty()));
    if (isAutoReply(parts) && !isClientGenerated)
        return std::nullopt;

    UnsubscribeRequest request;
    request.address = parts.fromAddress;
    request.date = parts.date;

    QStringList referenced;
    if (!parts.inReplyTo.isEmpty())
        referenced.append(parts.inReplyTo);
    for (auto it = parts.references.crbegin(); it != parts.references.crend(); ++it)
        referenced.append(*it);
    QString ourMessageId = namesOurMessage ? namedId : QString();
    if (ourMessageId.isEmpty() && match.isOurMessageId) {
        const auto ours = std::find_if(referenced.cbegin(), referenced.cend(), match.isOurMessageId);
        if (ours != referenced.cend())
            ourMessageId = *ours;
    }

    if (tag) {
        // Without a judge of our messages, the token is taken at its word: the tagged address
        // already says the message is a request.
        request.token = *tag;
        request.messageId = !ourMessageId.isEmpty()                       ? ourMessageId
                            : !match.isOurMessageId && !namedId.isEmpty() ? namedId
                                                                          : referenced.value(0);
        return request;
    }
    if (namesOurMessage) {
        request.messageId = namedId;
        return request;
    }

    constexpr qsizetype LongestRequestLine = 200;
    const QString firstLine = firstOwnLine(parts.texts);
    const bool asks = asksToUnsubscribe(parts.subject)
                      || (firstLine.size() <= LongestRequestLine && asksToUnsubscribe(firstLine));
    if (!asks || ourMessageId.isEmpty())
        return std::nullopt;
    request.messageId = ourMessageId;
    return request;
}

} // namespace Bulkmail
