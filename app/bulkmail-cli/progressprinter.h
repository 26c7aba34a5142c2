#pragma once

#include "delivery/connectionevent.h"
#include "runner/campaignprogress.h"

#include <QElapsedTimer>
#include <QTextStream>

namespace Bulkmail {

// What a person sees on stderr: each connection event and failure on its own line, and the
// progress as one live line on a terminal or as a plain line every few seconds otherwise.
class ProgressPrinter final
{
public:
    enum class Style { LiveTerminal, PlainLines };

    explicit ProgressPrinter(Style style);
    [[nodiscard]] static Style styleForStderr();

    // These two only queue their line (stderr is unbuffered: a write per line would cost a system
    // call per message): call flush() after a batch.
    void print(const ConnectionEvent &event);
    void print(const RecipientResult &result);
    void flush();
    void print(const CampaignProgress &progress);
    void printSummary(const CampaignSummary &summary);
    // A line of its own above the live progress line.
    void printLine(const QString &line);

private:
    void appendLine(const QString &line);
    void redrawLive();
    [[nodiscard]] static QString describe(const CampaignProgress &progress);

    Style m_style;
    QTextStream m_err;
    QString m_liveLine;
    QElapsedTimer m_sinceLastPlainLine;
};

} // namespace Bulkmail
