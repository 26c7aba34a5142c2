#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace Bulkmail {

// One attached file of a captured message, as a mail program lists it.
struct AttachmentInfo
{
    QString fileName; // decoded (RFC 2231 or RFC 2047); empty when the part names no file
    QString mimeType; // "application/pdf", lower case
    qint64 size = 0;  // decoded octets, not the base64 text

    friend bool operator==(const AttachmentInfo &, const AttachmentInfo &) = default;
};

// A captured message as its recipient would see it: every header decoded (RFC 2047 encoded words,
// RFC 2231 parameters), the bodies decoded from quoted-printable or base64 and converted from
// their charset, with LF line ends.
struct MessageView
{
    QString from;    // "Name <address>", display names decoded
    QString to;      // the same, comma separated when there are several
    QString replyTo; // empty when absent
    QString subject;
    QDateTime date; // invalid when absent or unreadable; keeps the sender's UTC offset
    QString text;   // the first text/plain part that is not an attachment
    QString html;   // the first text/html part that is not an attachment
    QList<AttachmentInfo> attachments;
    QList<QPair<QString, QString>> headers; // all top-level headers in order, values decoded
};

// Parses an RFC 5322 / MIME message (as the sandbox captured it) with GMime. multipart/alternative
// and multipart/mixed are walked depth first; parts with a Content-Disposition of attachment, a
// file name, or a type that is neither text/plain nor text/html become attachments.
// Fails with ErrorCode::InvalidFormat when the data holds no message.
[[nodiscard]] Result<MessageView> viewCapturedMessage(const QByteArray &data);

} // namespace Bulkmail
