#include "pythonmessageparser.h"

#include "realservers.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>

namespace Bulkmail::Test {

namespace {

QString findHeader(const QList<QPair<QString, QString>> &list, QStringView name)
{
    for (const auto &[headerName, value] : list) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QList<QPair<QString, QString>> pairsFrom(const QJsonArray &array)
{
    QList<QPair<QString, QString>> pairs;
    for (const QJsonValue &value : array)
        pairs.append({value[0].toString(), value[1].toString()});
    return pairs;
}

QString firstBodyPart(const QList<ParsedPart> &parts, QStringView contentType)
{
    for (const ParsedPart &part : parts) {
        if (part.contentType == contentType && part.disposition != u"attachment")
            return QString::fromUtf8(part.payload);
    }
    return {};
}

ParsedMessage fromJson(const QJsonObject &root)
{
    ParsedMessage parsed;
    parsed.headers = pairsFrom(root[QLatin1String("headers")].toArray());
    parsed.rawHeaders = pairsFrom(root[QLatin1String("rawHeaders")].toArray());
    const QJsonObject addresses = root[QLatin1String("addresses")].toObject();
    for (auto it = addresses.begin(); it != addresses.end(); ++it)
        parsed.addresses.insert(it.key(), pairsFrom(it.value().toArray()));
    for (const QJsonValue &defect : root[QLatin1String("defects")].toArray())
        parsed.defects.append(defect.toString());
    for (const QJsonValue &value : root[QLatin1String("parts")].toArray()) {
        const QJsonObject object = value.toObject();
        ParsedPart part;
        part.path = object[QLatin1String("path")].toString();
        part.contentType = object[QLatin1String("contentType")].toString();
        part.charset = object[QLatin1String("charset")].toString();
        part.transferEncoding = object[QLatin1String("transferEncoding")].toString();
        part.disposition = object[QLatin1String("disposition")].toString();
        part.filename = object[QLatin1String("filename")].toString();
        part.isMultipart = object[QLatin1String("isMultipart")].toBool();
        part.payload = QByteArray::fromBase64(
            object[QLatin1String("payload")].toString().toLatin1());
        parsed.parts.append(part);
    }
    return parsed;
}

} // namespace

QString ParsedMessage::header(QStringView name) const
{
    return findHeader(headers, name);
}

QString ParsedMessage::rawHeader(QStringView name) const
{
    return findHeader(rawHeaders, name);
}

int ParsedMessage::count(QStringView name) const
{
    return int(std::count_if(headers.cbegin(), headers.cend(), [&](const auto &header) {
        return header.first.compare(name, Qt::CaseInsensitive) == 0;
    }));
}

QStringList ParsedMessage::headerNames() const
{
    QStringList names;
    for (const auto &header : headers)
        names.append(header.first);
    return names;
}

QStringList ParsedMessage::toAddresses() const
{
    QStringList list;
    for (const auto &[displayName, address] : addresses.value(QStringLiteral("to")))
        list.append(address);
    return list;
}

QStringList ParsedMessage::contentTypes() const
{
    QStringList types;
    for (const ParsedPart &part : parts)
        types.append(part.contentType);
    return types;
}

QStringList ParsedMessage::attachmentFileNames() const
{
    QStringList names;
    for (const ParsedPart &part : parts) {
        if (part.disposition == u"attachment")
            names.append(part.filename);
    }
    return names;
}

QString ParsedMessage::textPart() const
{
    return firstBodyPart(parts, u"text/plain");
}

QString ParsedMessage::htmlPart() const
{
    return firstBodyPart(parts, u"text/html");
}

ParsedMessage parseWithPython(const QByteArray &content, int timeoutMs)
{
    ParsedMessage failed;
    QProcess python;
    QSignalSpy finished(&python, &QProcess::finished);
    python.start(systemPython(), {QStringLiteral(BULKMAIL_PARSE_MESSAGE_SCRIPT)});
    // The write is buffered and goes out while wait() runs the event loop.
    python.write(content);
    python.closeWriteChannel();
    if (!finished.wait(timeoutMs)) {
        failed.error = QStringLiteral("parse_message.py did not finish: ") + python.errorString();
        python.kill();
        python.waitForFinished(); // only after a kill: the process is gone at once
        return failed;
    }
    if (python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0) {
        failed.error = QStringLiteral("parse_message.py failed: ")
                       + QString::fromUtf8(python.readAllStandardError());
        return failed;
    }
    QJsonParseError jsonError;
    const QJsonDocument document = QJsonDocument::fromJson(python.readAllStandardOutput(),
                                                           &jsonError);
    if (jsonError.error != QJsonParseError::NoError || !document.isObject()) {
        failed.error = QStringLiteral("bad JSON from parse_message.py: ") + jsonError.errorString();
        return failed;
    }
    return fromJson(document.object());
}

} // namespace Bulkmail::Test
