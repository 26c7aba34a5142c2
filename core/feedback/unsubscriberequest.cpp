#include "feedback/unsubscriberequest.h"

#include "feedback/deliveryreport.h"
#include "feedback/mailparts.h"

#include <QRegularExpression>

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
    if (parts.fromAddress.isEmpty())
        return std::nullopt;
    // Bounces and auto-replies are machines speaking, never a person asking.
    if (isAutoReply(parts) || parseDeliveryReport(parts))
        return std::nullopt;

    UnsubscribeRequest request;
    request.address = parts.fromAddress;
    request.date = parts.date;

    QStringList referenced;
    if (!parts.inReplyTo.isEmpty())
        referenced.append(parts.inReplyTo);
    for (auto it = parts.references.crbegin(); it != parts.references.crend(); ++it)
        referenced.append(*it);
    QString ourMessageId;
    if (match.isOurMessageId) {
        for (const QString &id : std::as_const(referenced)) {
            if (match.isOurMessageId(id)) {
                ourMessageId = id;
                break;
            }
        }
    }

    for (const QString &address : parts.toAddresses) {
        if (std::optional<QString> token = unsubscribeTag(address)) {
            request.token = *token;
            request.messageId = ourMessageId.isEmpty() ? referenced.value(0) : ourMessageId;
            return request;
        }
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
