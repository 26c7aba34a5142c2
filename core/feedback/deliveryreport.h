#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Bulkmail {

struct MailParts;

// RFC 3464 §2.3.3 Action, for one recipient of a delivery report.
enum class DeliveryAction { Failed, Delayed, Delivered, Relayed, Expanded };

// What a report means for the address: Hard (a 5.x.x status: no such user, domain gone) is for
// the suppression list; Soft (4.x.x: mailbox full, greylisting, a delay) may pass.
enum class BounceSeverity { Hard, Soft };

struct BouncedRecipient
{
    QString recipient; // Final-Recipient (or Original-Recipient), bare address
    DeliveryAction action = DeliveryAction::Failed;
    QString status;     // RFC 3463 enhanced status, "5.1.1"; derived from the reply code or the
                        // report's words when the report gives none ("5.0.0", "4.0.0")
    QString diagnostic; // the server's words (Diagnostic-Code without its "smtp;" type, or the
                        // line of a plain-text report that gives the reason)
    QString remoteMta;  // Remote-MTA without its "dns;" type; empty when not given

    [[nodiscard]] BounceSeverity severity() const; // by the status class
    friend bool operator==(const BouncedRecipient &, const BouncedRecipient &) = default;
};

// The shapes a report comes in. Rfc3464 is the standard multipart/report that Postfix, Exim,
// Sendmail, Exchange Online and Gmail send; the others are plain-text reports, recognised by
// their words (see tests/data/bounces/README.md for where each shape comes from).
enum class ReportFormat { Rfc3464, Exchange, Gmail, Qmail, Tencent, NetEase, Aliyun, PlainText };

struct DeliveryReport
{
    ReportFormat format = ReportFormat::Rfc3464;
    QString reportingMta;      // Reporting-MTA without its "dns;" type; empty when not given
    QString originalMessageId; // "<id@host>" of the message that bounced (from the returned
                               // message or headers, else In-Reply-To/References, else a
                               // Message-ID line quoted in the text); empty when none is found
    QString subject;           // of the report itself
    QDateTime date;            // of the report itself; invalid when absent
    QList<BouncedRecipient> recipients; // failed or delayed ones only; never empty

    // Hard when any recipient bounced for good.
    [[nodiscard]] bool isHard() const;
};

// Parses a raw message (RFC 5322 bytes as an IMAP FETCH returns them) into a delivery report.
// Nothing when it is not one: an ordinary message, an auto-reply (RFC 3834 Auto-Submitted,
// "Out of Office", "自动回复"), a delivery report saying every recipient was delivered, or bytes
// no report can be read from. Never throws, for any input.
[[nodiscard]] std::optional<DeliveryReport> parseDeliveryReport(const QByteArray &raw);

// Whether a message is an automatic reply (RFC 3834 §5 Auto-Submitted other than "no", the
// X-Autoreply family, "Out of Office" / "Automatic reply" / "自动回复" subjects) and not a
// delivery report. Such messages are neither bounces nor unsubscribe requests.
[[nodiscard]] bool isAutoReply(const QByteArray &raw);

// The same, for a message already read (feedback/mailparts.h), so that a caller asking several
// questions reads it once.
[[nodiscard]] std::optional<DeliveryReport> parseDeliveryReport(const MailParts &parts);
[[nodiscard]] bool isAutoReply(const MailParts &parts);

// "failed", "delayed", ... (RFC 3464 spelling); "hard", "soft"; "rfc3464", "exchange", ...
[[nodiscard]] QString deliveryActionName(DeliveryAction action);
[[nodiscard]] QString bounceSeverityName(BounceSeverity severity);
[[nodiscard]] QString reportFormatName(ReportFormat format);

// The report as one JSON object (bulkmail-cli parse-bounce): format, reportingMta,
// originalMessageId, subject, date (ISO 8601 UTC or null), hard, and recipients with recipient,
// action, status, severity, diagnostic, remoteMta.
[[nodiscard]] QByteArray deliveryReportJson(const DeliveryReport &report);

} // namespace Bulkmail
