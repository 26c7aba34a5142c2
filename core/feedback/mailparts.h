#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Bulkmail {

// What the feedback parsers (delivery reports, unsubscribe requests) need from a raw message,
// read once with GMime and held without any GLib type: the decoded headers that decide what a
// message is, the readable text of its own parts (every text part outside an attached message,
// converted to UTF-8 from its declared charset, or from the charset uchardet recognises when
// none is declared: Chinese providers often send GB18030/GBK text without saying so), the
// delivery-status parts of an RFC 3464 report, and the headers of the original message that a
// report returns (message/rfc822 or text/rfc822-headers).
struct MailParts
{
    QString subject;                 // RFC 2047 decoded
    QString fromAddress;             // the bare address of From
    QString returnPath;              // without angle brackets; empty for the null reverse path "<>"
    QStringList toAddresses;         // To, Cc, Delivered-To, X-Original-To: bare addresses
    QString messageId;               // "<id@host>", as in the header
    QString inReplyTo;               // "<id@host>"
    QStringList references;          // "<id@host>" each, in order
    QDateTime date;                  // invalid when absent or unreadable
    QByteArray mimeType;             // of the top level, lower case: "multipart/report"
    QByteArray reportType;           // its report-type parameter, lower case: "delivery-status"
    QByteArray autoSubmitted;        // RFC 3834 Auto-Submitted value, lower case; empty when absent
    bool hasAutoReplyHeader = false; // X-Autoreply, X-Autorespond, Precedence: auto_reply
    QStringList texts;               // text parts in order (HTML ones stripped of markup)
    QList<QByteArray> deliveryStatus; // message/(global-)delivery-status bodies, decoded
    QString originalMessageId;        // of the returned message, "<id@host>"; empty when none
    QString quotedMessageId; // a "Message-ID: <id>" line quoted in the texts (qmail, 退信 texts)
};

// Nothing when GMime cannot read a message at all (no header block).
[[nodiscard]] std::optional<MailParts> readMailParts(const QByteArray &raw);

// "<id@host>" for an id written with or without angle brackets; empty for an empty one.
[[nodiscard]] QString bracketedMessageId(const QString &id);

} // namespace Bulkmail
