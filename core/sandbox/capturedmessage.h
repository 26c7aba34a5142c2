#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace Bulkmail {

// One message the sandbox accepted: the envelope, and the message exactly as it arrived
// (dot-stuffing removed, CRLF line ends).
struct CapturedMessage
{
    int number = 0;       // 1-based, in order of acceptance
    int connectionId = 0; // 1-based, in order of connection
    QString mailFrom;
    QStringList recipients;
    QByteArray data;
    QDateTime receivedAt;
    QString subject;   // decoded (RFC 2047), for listings
    QString savedPath; // the .eml file, when the sandbox saves to a directory

    [[nodiscard]] qint64 size() const { return data.size(); }
};

// The Subject header of an RFC 5322 message, unfolded and decoded (RFC 2047); empty if absent.
[[nodiscard]] QString decodedSubject(const QByteArray &message);

} // namespace Bulkmail
