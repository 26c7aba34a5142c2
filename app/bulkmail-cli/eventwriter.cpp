#include "eventwriter.h"

#include <QJsonDocument>
#include <QJsonObject>

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
    QJsonObject object{{QStringLiteral("type"), QStringLiteral("connection")},
                       {QStringLiteral("event"), event.kindName()},
                       {QStringLiteral("id"), event.connectionId},
                       {QStringLiteral("time"), event.time.toString(Qt::ISODateWithMs)}};
    switch (event.kind) {
    case ConnectionEvent::Kind::Created:
        object.insert(QStringLiteral("server"), event.server);
        object.insert(QStringLiteral("tls"), event.tls);
        object.insert(QStringLiteral("authenticated"), event.authenticated);
        break;
    case ConnectionEvent::Kind::Reused:
        object.insert(QStringLiteral("messages"), event.messageNumber);
        object.insert(QStringLiteral("limit"), event.messageLimit);
        break;
    case ConnectionEvent::Kind::Closed:
        object.insert(QStringLiteral("reason"), closeReasonName(event.reason));
        object.insert(QStringLiteral("messages"), event.messagesSent);
        object.insert(QStringLiteral("quitAnswered"), event.quitAnswered);
        object.insert(QStringLiteral("detail"), event.detail);
        break;
    case ConnectionEvent::Kind::HealthCheck:
        object.insert(QStringLiteral("ok"), event.healthy);
        object.insert(QStringLiteral("detail"), event.detail);
        break;
    }
    writeLine(object);
}

void EventWriter::write(const RecipientResult &result)
{
    QJsonObject object{{QStringLiteral("type"), QStringLiteral("message")},
                       {QStringLiteral("recipient"), result.email},
                       {QStringLiteral("status"), recipientStatusName(result.status)},
                       {QStringLiteral("code"), result.code},
                       {QStringLiteral("text"), result.text},
                       {QStringLiteral("attempt"), result.attempt},
                       {QStringLiteral("connection"), result.connectionId}};
    if (result.possiblyDuplicated)
        object.insert(QStringLiteral("possiblyDuplicated"), true);
    writeLine(object);
}

void EventWriter::write(const CampaignSummary &summary)
{
    QJsonObject object{{QStringLiteral("type"), QStringLiteral("summary")},
                       {QStringLiteral("total"), summary.total},
                       {QStringLiteral("sent"), summary.sent},
                       {QStringLiteral("failed"), summary.failed},
                       {QStringLiteral("unconfirmed"), summary.unconfirmed},
                       {QStringLiteral("notSent"), summary.notSent},
                       {QStringLiteral("connections"), summary.connections},
                       {QStringLiteral("logins"), summary.logins},
                       {QStringLiteral("seconds"), summary.seconds},
                       {QStringLiteral("cancelled"), summary.cancelled},
                       {QStringLiteral("previouslySent"), summary.previouslySent},
                       {QStringLiteral("previouslyFailed"), summary.previouslyFailed},
                       {QStringLiteral("held"), summary.held},
                       {QStringLiteral("skipped"), summary.skipped}};
    if (!summary.fatalError.isEmpty())
        object.insert(QStringLiteral("error"), summary.fatalError);
    writeLine(object);
}

void EventWriter::writeLine(const QJsonObject &object)
{
    if (!m_file)
        return;
    QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    line += '\n';
    m_file->write(line);
}

void EventWriter::flush()
{
    if (m_file)
        m_file->flush();
}

} // namespace Bulkmail
