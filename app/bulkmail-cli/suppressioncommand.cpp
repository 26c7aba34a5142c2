#include "suppressioncommand.h"

#include "document/campaignfile.h"
#include "feedback/suppressionlist.h"
#include "sendcommand.h"

#include <cstdio>

namespace Bulkmail {

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(message));
    return ExitFatal;
}

int list(SuppressionList &suppression, const std::optional<SuppressionReason> &only)
{
    const Result<QList<SuppressionEntry>> entries = suppression.entries();
    const Result<QMap<SuppressionReason, int>> counts = suppression.countByReason();
    if (!entries)
        return fail(entries.error().message);
    if (!counts)
        return fail(counts.error().message);
    // One line per address, tab-separated, for people and for cut/awk alike.
    for (const SuppressionEntry &entry : *entries) {
        if (only && entry.reason != *only)
            continue;
        std::printf("%s\t%s\t%s\t%s\t%s\n",
                    qUtf8Printable(entry.address),
                    qUtf8Printable(suppressionReasonName(entry.reason)),
                    qUtf8Printable(entry.date.toUTC().toString(Qt::ISODate)),
                    qUtf8Printable(entry.campaign),
                    qUtf8Printable(entry.detail.simplified()));
    }
    std::fprintf(stderr,
                 "%lld suppressed: %d hard-bounce, %d unsubscribe, %d manual (%s)\n",
                 static_cast<long long>(entries->size()),
                 counts->value(SuppressionReason::HardBounce),
                 counts->value(SuppressionReason::Unsubscribe),
                 counts->value(SuppressionReason::Manual),
                 qUtf8Printable(suppression.path()));
    return ExitAllSent;
}

} // namespace

int runSuppressionCommand(const SuppressionOptions &options)
{
    std::optional<SuppressionReason> reason;
    if (!options.reason.isEmpty()) {
        reason = suppressionReasonFromName(options.reason);
        if (!reason)
            return fail(QStringLiteral("unknown reason \"%1\" (hard-bounce, unsubscribe or manual)")
                            .arg(options.reason));
    }
    const Result<Campaign> campaign = loadCampaign(options.campaignPath);
    if (!campaign)
        return fail(campaign.error().message);
    if (campaign->server.host.isEmpty())
        return fail(QStringLiteral("the campaign names no server, so no account"));
    Result<std::unique_ptr<SuppressionList>> opened = SuppressionList::openForAccount(
        campaign->server.host, campaign->server.username);
    if (!opened)
        return fail(opened.error().message);
    SuppressionList &suppression = **opened;

    if (options.action == u"list")
        return list(suppression, reason);
    if (options.action == u"add") {
        for (const QString &address : options.operands) {
            SuppressionEntry entry;
            entry.address = address;
            entry.reason = reason.value_or(SuppressionReason::Manual);
            entry.detail = options.detail;
            if (Result<void> added = suppression.add(entry); !added)
                return fail(added.error().message);
            std::printf("Suppressed %s\n", qUtf8Printable(normalizedSuppressionAddress(address)));
        }
        return ExitAllSent;
    }
    if (options.action == u"remove") {
        int status = ExitAllSent;
        for (const QString &address : options.operands) {
            const Result<bool> removed = suppression.remove(address);
            if (!removed)
                return fail(removed.error().message);
            if (*removed) {
                std::printf("Removed %s\n", qUtf8Printable(normalizedSuppressionAddress(address)));
            } else {
                std::fprintf(stderr,
                             "bulkmail-cli: %s is not on the list\n",
                             qUtf8Printable(address));
                status = ExitFatal;
            }
        }
        return status;
    }
    if (options.action == u"export") {
        if (Result<void> written = suppression.exportCsv(options.outputPath); !written)
            return fail(written.error().message);
        std::printf("Exported the suppression list to %s\n", qUtf8Printable(options.outputPath));
        return ExitAllSent;
    }
    if (options.action == u"import") {
        const Result<SuppressionImport> imported = suppression.importCsvFile(
            options.operands.value(0));
        if (!imported)
            return fail(QStringLiteral("%1: nothing imported:\n%2")
                            .arg(options.operands.value(0), imported.error().message));
        std::printf("Imported %d new address(es), %d already listed\n",
                    imported->added,
                    imported->updated);
        return ExitAllSent;
    }
    return fail(QStringLiteral("unknown suppression action \"%1\"").arg(options.action));
}

} // namespace Bulkmail
