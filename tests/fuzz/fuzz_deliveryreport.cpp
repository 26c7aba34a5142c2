// libFuzzer target for the feedback parsers: any bytes an IMAP mailbox can hold (GMime's MIME
// parser, charset conversion, the RFC 3464 field groups, the plain-text heuristics).
//
// Promises checked: no crash or sanitizer report; a report always has recipients, each with an
// address containing '@', a failed or delayed action and a status of the form "d.d.d" whose
// class says hard or soft; the same bytes always give the same answer.

#include "feedback/deliveryreport.h"
#include "feedback/unsubscriberequest.h"
#include "fuzzcheck.h"

#include <QByteArray>
#include <QRegularExpression>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Bulkmail;

namespace {

void check(bool condition, const char *what)
{
    Fuzz::check("fuzz_deliveryreport", condition, what);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::optional<DeliveryReport> report = parseDeliveryReport(raw);
    if (report) {
        static const QRegularExpression status(QStringLiteral("^[45]\\.\\d{1,3}\\.\\d{1,3}$"));
        check(!report->recipients.isEmpty(), "a report without recipients");
        for (const BouncedRecipient &recipient : report->recipients) {
            check(recipient.recipient.contains(u'@'), "a recipient without '@'");
            check(recipient.action == DeliveryAction::Failed
                      || recipient.action == DeliveryAction::Delayed,
                  "a recipient that neither failed nor was delayed");
            check(status.match(recipient.status).hasMatch(), "a malformed status");
        }
        const std::optional<DeliveryReport> again = parseDeliveryReport(raw);
        check(again && again->recipients == report->recipients, "a second reading differs");
    }
    [[maybe_unused]] const bool autoReply = isAutoReply(raw);
    const auto request = parseUnsubscribeRequest(raw, {[](const QString &) { return true; }});
    check(!(request && report), "both a bounce and an unsubscribe request");
    return 0;
}
