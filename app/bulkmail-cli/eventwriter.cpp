#include "eventwriter.h"

#include "common/jsonline.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace Bulkmail {

Result<void> EventWriter::open(const QString &path)
{
    auto file = std::make_unique<QFile>();
    const bool opened = path == u"-"
                            ? file->open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered)
                            : (file->setFileName(path),
                               file->open(QIODevice::WriteOnly | QIODevice::Truncate));
    if (!opened)
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot write events to \"%1\": %2")
                             .arg(path, file->errorString()));
    m_file = std::move(file);
    return {};
}

void EventWriter::write(const ConnectionEvent &event)
{
    JsonLine line;
    line.add("type", QLatin1String("connection"))
        .add("event", event.kindName())
        .add("id", event.connectionId)
        .addUtcTime("time", event.time);
    switch (event.kind) {
    case ConnectionEvent::Kind::Created:
        line.add("server", event.server)
            .add("tls", event.tls)
            .add("authenticated", event.authenticated);
        break;
    case ConnectionEvent::Kind::Reused:
        line.add("messages", event.messageNumber).add("limit", event.messageLimit);
        break;
    case ConnectionEvent::Kind::Closed:
        line.add("reason", closeReasonName(event.reason))
            .add("messages", event.messagesSent)
            .add("quitAnswered", event.quitAnswered)
            .add("detail", event.detail);
        break;
    case ConnectionEvent::Kind::HealthCheck:
        line.add("ok", event.healthy).add("detail", event.detail);
        break;
    case ConnectionEvent::Kind::PhaseChanged:
        line.add("phase", connectionPhaseName(event.phase));
        break;
    }
    writeLine(line.take());
}

void EventWriter::write(const RecipientResult &result)
{
    JsonLine line;
    line.add("type", QLatin1String("message"))
        .add("recipient", result.email)
        .add("status", recipientStatusName(result.status))
        .add("code", result.code)
        .add("text", result.text)
        .add("attempt", result.attempt)
        .add("connection", result.connectionId);
    if (result.possiblyDuplicated)
        line.add("possiblyDuplicated", true);
    if (!result.copyProblems.isEmpty()) {
        line.addJson("copiesNotSent",
                     QJsonDocument(QJsonArray::fromStringList(result.copyProblems))
                         .toJson(QJsonDocument::Compact));
    }
    writeLine(line.take());
}

void EventWriter::write(const CampaignSummary &summary)
{
    JsonLine line;
    line.add("type", QLatin1String("summary"))
        .add("total", summary.total)
        .add("sent", summary.sent)
        .add("failed", summary.failed)
        .add("unconfirmed", summary.unconfirmed)
        .add("notSent", summary.notSent)
        .add("connections", summary.connections)
        .add("logins", summary.logins)
        .add("seconds", summary.seconds)
        .add("cancelled", summary.cancelled)
        .add("previouslySent", summary.previouslySent)
        .add("previouslyFailed", summary.previouslyFailed)
        .add("held", summary.held)
        .add("skipped", summary.skipped)
        .add("suppressed", summary.suppressed);
    if (!summary.fatalError.isEmpty())
        line.add("error", summary.fatalError);
    if (!summary.journalError.isEmpty())
        line.add("journalError", summary.journalError);
    if (summary.sentCopies.enabled) {
        line.add("sentCopies", summary.sentCopies.copied)
            .add("sentCopiesAlreadyThere", summary.sentCopies.alreadyThere)
            .add("sentCopiesFailed", summary.sentCopies.failed)
            .add("sentCopiesKeptForLater", summary.sentCopies.keptForLater);
        if (!summary.sentCopies.problem.isEmpty())
            line.add("sentCopiesProblem", summary.sentCopies.problem);
    }
    if (summary.lockedBy) {
        line.add("lockedByPid", summary.lockedBy->pid)
            .add("lockedByHost", summary.lockedBy->hostname)
            .add("lockedByApplication", summary.lockedBy->application);
    }
    writeLine(line.take());
}

void EventWriter::write(const FeedbackEvent &event)
{
    writeLine(feedbackEventJson(event));
}

void EventWriter::writeLine(const QByteArray &line)
{
    if (m_file)
        m_file->write(line);
}

void EventWriter::flush()
{
    if (m_file)
        m_file->flush();
}

} // namespace Bulkmail
