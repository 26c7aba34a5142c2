#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace Bulkmail {

// RFC 3463 enhanced status code, "4.7.0" → {4, 7, 0}. Absent when the server did not send one.
struct EnhancedStatus
{
    int statusClass = 0;
    int subject = 0;
    int detail = 0;

    [[nodiscard]] bool isValid() const { return statusClass != 0; }
    [[nodiscard]] QString toString() const;
    friend bool operator==(const EnhancedStatus &, const EnhancedStatus &) = default;
};

// One complete server reply, possibly multi-line (RFC 5321 §4.2).
struct SmtpReply
{
    int code = 0;
    QList<QByteArray> lines; // the text of each line, without code, separator and CRLF

    // isClass(2) → 2xx, isClass(25) → 25x, isClass(250) → exactly 250.
    [[nodiscard]] bool isClass(int prefix) const;
    [[nodiscard]] bool isPositive() const { return code >= 200 && code < 400; }
    [[nodiscard]] bool isTransientFailure() const { return code >= 400 && code < 500; }
    [[nodiscard]] bool isPermanentFailure() const { return code >= 500; }
    // The enhanced status code at the start of the first line, if the server sent one.
    [[nodiscard]] EnhancedStatus enhancedStatus() const;
    // The lines joined by a space, for logs, events and the user.
    [[nodiscard]] QString text() const;
    // "250 2.0.0 Ok: queued as 1234"
    [[nodiscard]] QString toString() const;
};

// Turns the byte stream from the server into replies. Incremental: feed whatever arrived, then
// take complete replies. Garbage, mixed codes in one reply and over-long input are protocol
// errors; after one the parser stays failed (the connection must not be reused).
class SmtpReplyParser
{
public:
    // RFC 5321 §4.5.3.1.5 allows 512 octets a reply line; real servers send longer, so be generous
    // but bounded.
    static constexpr qsizetype MaxLineLength = 4096;
    static constexpr qsizetype MaxReplyLines = 256;

    void append(QByteArrayView bytes);
    // The next complete reply, an error, or nothing while the reply is still incomplete.
    [[nodiscard]] std::optional<Result<SmtpReply>> takeReply();
    // Drops buffered input: after STARTTLS anything sent before the handshake is discarded
    // (RFC 3207 §4).
    void clear();
    [[nodiscard]] bool hasBufferedData() const { return m_buffer.size() > m_position; }

private:
    QByteArray m_buffer;
    qsizetype m_position = 0;
    SmtpReply m_partial;
    std::optional<Error> m_error;
};

} // namespace Bulkmail
