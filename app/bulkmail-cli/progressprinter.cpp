#include "progressprinter.h"

#include <cstdio>
#include <unistd.h>

namespace Bulkmail {

namespace {

QString formatDuration(double seconds)
{
    const qint64 total = qint64(seconds + 0.5);
    if (total >= 3600)
        return QStringLiteral("%1 h %2 min").arg(total / 3600).arg((total % 3600) / 60);
    if (total >= 60)
        return QStringLiteral("%1 min %2 s").arg(total / 60).arg(total % 60);
    return QStringLiteral("%1 s").arg(total);
}

QString holdName(HoldReason reason)
{
    switch (reason) {
    case HoldReason::None:
        return {};
    case HoldReason::PerSecond:
        return QStringLiteral("rate limit per second");
    case HoldReason::PerMinute:
        return QStringLiteral("rate limit per minute");
    case HoldReason::PerDay:
        return QStringLiteral("daily quota");
    case HoldReason::Delay:
        return QStringLiteral("delay between messages");
    case HoldReason::Throttled:
        return QStringLiteral("the server asked to slow down");
    case HoldReason::ServerUnavailable:
        return QStringLiteral("paused: the server is unavailable");
    }
    return {};
}

} // namespace

ProgressPrinter::ProgressPrinter(Style style)
    : m_style(style)
    , m_err(stderr)
{
    m_sinceLastPlainLine.start();
}

ProgressPrinter::Style ProgressPrinter::styleForStderr()
{
    return isatty(fileno(stderr)) ? Style::LiveTerminal : Style::PlainLines;
}

void ProgressPrinter::printLine(const QString &line)
{
    appendLine(line);
    flush();
}

void ProgressPrinter::appendLine(const QString &line)
{
    if (m_style == Style::LiveTerminal && !m_liveLine.isEmpty())
        m_err << "\r\033[K";
    m_err << line << '\n';
    if (m_style == Style::LiveTerminal && !m_liveLine.isEmpty())
        m_err << m_liveLine;
}

void ProgressPrinter::flush()
{
    m_err.flush();
}

void ProgressPrinter::print(const ConnectionEvent &event)
{
    appendLine(event.describe());
}

void ProgressPrinter::print(const RecipientResult &result)
{
    // A copy (Cc, Bcc) that was not sent is said on its own line, whatever the outcome.
    for (const QString &problem : result.copyProblems)
        appendLine(QStringLiteral("%1: copy not sent: %2").arg(result.email, problem));
    // Successes show in the counters; everything else deserves its own line.
    if (result.status == RecipientResult::Status::Sent && !result.possiblyDuplicated)
        return;
    QString line = QStringLiteral("%1 %2").arg(result.email, recipientStatusName(result.status));
    if (result.code)
        line += QStringLiteral(" (%1)").arg(result.code);
    if (!result.text.isEmpty())
        line += QStringLiteral(": ") + result.text;
    if (result.possiblyDuplicated && result.status == RecipientResult::Status::Sent)
        line += QStringLiteral(" [possibly duplicated: an earlier attempt went unconfirmed]");
    appendLine(line);
}

QString ProgressPrinter::describe(const CampaignProgress &progress)
{
    QString line = QStringLiteral(
                       "sent %1/%2, failed %3, remaining %4, %5 msg/s, %6 connection(s) open")
                       .arg(progress.sent)
                       .arg(progress.total)
                       .arg(progress.failed)
                       .arg(progress.remaining)
                       .arg(progress.messagesPerSecond, 0, 'f', 1)
                       .arg(progress.openConnections);
    if (progress.unconfirmed > 0)
        line += QStringLiteral(", unconfirmed %1").arg(progress.unconfirmed);
    if (progress.retrying > 0)
        line += QStringLiteral(", %1 waiting to retry").arg(progress.retrying);
    if (progress.etaSeconds && progress.remaining > 0)
        line += QStringLiteral(", ETA %1").arg(formatDuration(*progress.etaSeconds));
    if (progress.paused)
        line += QStringLiteral(" [paused]");
    else if (progress.hold != HoldReason::None && progress.holdRemainingMs >= 1000)
        line += QStringLiteral(" [waiting: %1, next message in %2]")
                    .arg(holdName(progress.hold), formatDuration(progress.holdRemainingMs / 1000.0));
    return line;
}

void ProgressPrinter::print(const CampaignProgress &progress)
{
    const QString line = describe(progress);
    if (m_style == Style::LiveTerminal) {
        m_liveLine = line;
        m_err << "\r\033[K" << m_liveLine;
        m_err.flush();
        return;
    }
    if (m_sinceLastPlainLine.elapsed() >= 2000) {
        m_sinceLastPlainLine.restart();
        printLine(line);
    }
}

void ProgressPrinter::printSummary(const CampaignSummary &summary)
{
    if (m_style == Style::LiveTerminal && !m_liveLine.isEmpty()) {
        m_err << "\r\033[K";
        m_liveLine.clear();
    }
    QString line = QStringLiteral("Done in %1: %2 sent, %3 failed, %4 unconfirmed, %5 not sent. "
                                  "%6 connection(s), %7 login(s)")
                       .arg(formatDuration(summary.seconds))
                       .arg(summary.sent)
                       .arg(summary.failed)
                       .arg(summary.unconfirmed)
                       .arg(summary.notSent)
                       .arg(summary.connections)
                       .arg(summary.logins);
    if (summary.sent > 0)
        line += QStringLiteral(" (%1 connections and %2 logins per 100 messages)")
                    .arg(summary.connectionsPer100Messages(), 0, 'f', 1)
                    .arg(summary.loginsPer100Messages(), 0, 'f', 1);
    line += u'.';
    if (summary.previouslySent + summary.previouslyFailed > 0)
        line += QStringLiteral(" Earlier runs: %1 sent, %2 failed (not retried; --retry-failed).")
                    .arg(summary.previouslySent)
                    .arg(summary.previouslyFailed);
    if (summary.skipped > 0)
        line += QStringLiteral(" %1 duplicate address(es) skipped.").arg(summary.skipped);
    if (summary.suppressed > 0)
        line += QStringLiteral(" %1 on the account's suppression list, not sent to "
                               "(--include-suppressed sends anyway).")
                    .arg(summary.suppressed);
    if (summary.held > 0)
        line += QStringLiteral(" %1 held: delivery unconfirmed earlier, see the events.")
                    .arg(summary.held);
    if (summary.cancelled)
        line += QStringLiteral(" Cancelled.");
    printLine(line);
    for (const QString &damage : summary.journalDamage)
        printLine(QStringLiteral("Send journal: ") + damage);
    if (!summary.fatalError.isEmpty())
        printLine(QStringLiteral("Stopped: ") + summary.fatalError);
    if (!summary.journalError.isEmpty())
        printLine(QStringLiteral("Send journal: ") + summary.journalError
                  + QStringLiteral(" (a resumed run may hold or resend the last messages)"));
    const SentCopySummary &copies = summary.sentCopies;
    if (copies.enabled) {
        QString copiesLine = QStringLiteral("Copies in Sent%1: %2 copied, %3 already there, %4 "
                                            "not copied.")
                                 .arg(copies.mailbox.isEmpty()
                                          ? QString()
                                          : QStringLiteral(" (\"%1\")").arg(copies.mailbox))
                                 .arg(copies.copied)
                                 .arg(copies.alreadyThere)
                                 .arg(copies.failed);
        if (copies.keptForLater > 0)
            copiesLine += QStringLiteral(" %1 wait beside the journal for the next run.")
                              .arg(copies.keptForLater);
        if (!copies.problem.isEmpty())
            copiesLine += QStringLiteral(" First problem: ") + copies.problem;
        printLine(copiesLine);
    }
}

} // namespace Bulkmail
