#include "parsebouncecommand.h"

#include "common/fileio.h"
#include "feedback/deliveryreport.h"
#include "sendcommand.h"

#include <cstdio>

namespace Bulkmail {

int runParseBounceCommand(const QString &messagePath)
{
    const Result<QByteArray> raw = readWholeFile(messagePath);
    if (!raw) {
        std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(raw.error().message));
        return ExitFatal;
    }
    const std::optional<DeliveryReport> report = parseDeliveryReport(*raw);
    if (!report) {
        std::fprintf(stderr,
                     "bulkmail-cli: %s is not a delivery report%s\n",
                     qUtf8Printable(messagePath),
                     isAutoReply(*raw) ? " (it is an automatic reply)" : "");
        return ExitSomeFailed;
    }
    std::printf("%s\n", deliveryReportJson(*report).constData());
    return ExitAllSent;
}

} // namespace Bulkmail
