#pragma once

#include "common/result.h"
#include "delivery/connectionevent.h"
#include "feedback/campaignfeedback.h"
#include "runner/campaignprogress.h"

#include <QFile>

#include <memory>

namespace Bulkmail {

// Writes --events: one JSON object per line. The field names are a contract with scripts and
// tests outside the project: add fields, never rename them.
class EventWriter final
{
public:
    // "-" is standard output.
    [[nodiscard]] Result<void> open(const QString &path);
    void write(const ConnectionEvent &event);
    void write(const RecipientResult &result);
    void write(const CampaignSummary &summary);
    void write(const FeedbackEvent &event); // bulkmail-cli bounces
    // Called after each batch, so that a fast campaign does not pay one system call per line.
    void flush();
    [[nodiscard]] bool isOpen() const { return m_file != nullptr; }

private:
    void writeLine(const QByteArray &line);

    std::unique_ptr<QFile> m_file;
};

} // namespace Bulkmail
