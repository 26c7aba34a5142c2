#include "campaignfile.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <span>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QSaveFile>

// Returns the error of a Result<...> expression from the enclosing function.
#define BULKMAIL_RETURN_IF_ERROR(expression) \
    do { \
        if (auto result_ = (expression); !result_) \
            return tl::make_unexpected(result_.error()); \
    } while (false)

namespace Bulkmail {

namespace {

// The known fields of each object, in the order the writer emits them. The reader rejects any
// other field: the names are an external contract and a typo must not become a silent default.
constexpr std::array RootKeys{QLatin1String("format"),
                              QLatin1String("version"),
                              QLatin1String("name"),
                              QLatin1String("server"),
                              QLatin1String("sending"),
                              QLatin1String("message"),
                              QLatin1String("recipients")};
constexpr std::array ServerKeys{QLatin1String("host"),
                                QLatin1String("port"),
                                QLatin1String("security"),
                                QLatin1String("username"),
                                QLatin1String("trustCertificate"),
                                QLatin1String("insecureSkipCertificateVerification")};
constexpr std::array SendingKeys{QLatin1String("maxConnections"),
                                 QLatin1String("maxMessagesPerConnection"),
                                 QLatin1String("maxConnectionAgeSeconds"),
                                 QLatin1String("idleTimeoutSeconds"),
                                 QLatin1String("ratePerSecond"),
                                 QLatin1String("ratePerMinute"),
                                 QLatin1String("ratePerDay"),
                                 QLatin1String("delayBetweenMessagesMs"),
                                 QLatin1String("maxAttempts"),
                                 QLatin1String("retryDelaySeconds"),
                                 QLatin1String("timeouts")};
constexpr std::array TimeoutKeys{QLatin1String("connectSeconds"),
                                 QLatin1String("greetingSeconds"),
                                 QLatin1String("commandSeconds"),
                                 QLatin1String("dataSeconds"),
                                 QLatin1String("finalDotSeconds")};
constexpr std::array MessageKeys{QLatin1String("from"),
                                 QLatin1String("subject"),
                                 QLatin1String("text")};
constexpr std::array RecipientKeys{QLatin1String("email"), QLatin1String("name")};

constexpr qint64 MaxInt = std::numeric_limits<int>::max();

enum class Presence { Optional, Required };

QString describeType(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("true or false");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString quoted(const QString &text)
{
    return u'"' + text + u'"';
}

// Reads the fields of one JSON object into a campaign, with the object's path ("server",
// "recipients[3]", ...) in every message. Each read leaves the target untouched (at its default)
// when the field is absent.
class ObjectReader
{
public:
    ObjectReader(QJsonObject object, QString path)
        : m_object(std::move(object))
        , m_path(std::move(path))
    {}

    [[nodiscard]] QString fieldPath(const QString &key) const
    {
        return m_path.isEmpty() ? key : m_path + u'.' + key;
    }

    [[nodiscard]] Result<void> checkFields(std::span<const QLatin1String> known) const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            const QString key = it.key();
            if (key.contains(QLatin1String("password"), Qt::CaseInsensitive)) {
                return makeError(ErrorCode::InvalidFormat,
                                 fieldPath(key)
                                     + QStringLiteral(
                                         ": passwords never go into campaign files; set the "
                                         "BULKMAIL_PASSWORD environment variable or store the "
                                         "password in the system keychain"));
            }
            if (std::find(known.begin(), known.end(), key) == known.end()) {
                return makeError(ErrorCode::InvalidFormat,
                                 QStringLiteral("unknown field ") + quoted(fieldPath(key)));
            }
        }
        return {};
    }

    [[nodiscard]] Result<void> readString(QLatin1String key,
                                          QString &target,
                                          Presence presence = Presence::Optional) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return presence == Presence::Required ? missing(key) : Result<void>{};
        if (!value.isString())
            return wrongType(key, QStringLiteral("text"), value);
        target = value.toString();
        return {};
    }

    [[nodiscard]] Result<void> readBool(QLatin1String key, bool &target) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return {};
        if (!value.isBool())
            return wrongType(key, QStringLiteral("true or false"), value);
        target = value.toBool();
        return {};
    }

    [[nodiscard]] Result<std::optional<qint64>> readInteger(QLatin1String key,
                                                            qint64 minimum,
                                                            qint64 maximum = MaxInt) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return std::optional<qint64>{};
        if (!value.isDouble())
            return wrongType(key, QStringLiteral("a whole number"), value);
        const double number = value.toDouble();
        if (!std::isfinite(number) || std::trunc(number) != number) {
            return makeError(ErrorCode::InvalidValue,
                             fieldPath(key) + QStringLiteral(": must be a whole number, found ")
                                 + QString::number(number));
        }
        if (number < static_cast<double>(minimum))
            return outOfRange(key, QStringLiteral("at least"), QString::number(minimum));
        if (number > static_cast<double>(maximum))
            return outOfRange(key, QStringLiteral("at most"), QString::number(maximum));
        return std::optional<qint64>{static_cast<qint64>(number)};
    }

    template<typename Integer>
    [[nodiscard]] Result<void> readInto(QLatin1String key,
                                        Integer &target,
                                        qint64 minimum,
                                        qint64 maximum = MaxInt) const
    {
        const auto value = readInteger(key, minimum, maximum);
        if (!value)
            return tl::make_unexpected(value.error());
        if (*value)
            target = static_cast<Integer>(**value);
        return {};
    }

    template<typename Rep, typename Period>
    [[nodiscard]] Result<void> readInto(QLatin1String key,
                                        std::chrono::duration<Rep, Period> &target,
                                        qint64 minimum) const
    {
        const auto value = readInteger(key, minimum);
        if (!value)
            return tl::make_unexpected(value.error());
        if (*value)
            target = std::chrono::duration<Rep, Period>(**value);
        return {};
    }

    [[nodiscard]] Result<void> readNonNegativeNumber(QLatin1String key, double &target) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return {};
        if (!value.isDouble())
            return wrongType(key, QStringLiteral("a number"), value);
        const double number = value.toDouble();
        if (!std::isfinite(number) || number < 0)
            return outOfRange(key, QStringLiteral("at least"), QStringLiteral("0"));
        target = number;
        return {};
    }

    // An absent object reads as empty, so all its fields keep their defaults.
    [[nodiscard]] Result<QJsonObject> readObject(QLatin1String key,
                                                 Presence presence = Presence::Optional) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined()) {
            if (presence == Presence::Required)
                return missing(key);
            return QJsonObject{};
        }
        if (!value.isObject())
            return wrongType(key, QStringLiteral("an object"), value);
        return value.toObject();
    }

    [[nodiscard]] Result<QJsonArray> readArray(QLatin1String key) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return QJsonArray{};
        if (!value.isArray())
            return wrongType(key, QStringLiteral("a list"), value);
        return value.toArray();
    }

    [[nodiscard]] QJsonValue value(QLatin1String key) const { return m_object.value(key); }

    [[nodiscard]] tl::unexpected<Error> missing(QLatin1String key) const
    {
        return makeError(ErrorCode::InvalidValue,
                         fieldPath(key) + QStringLiteral(": missing (this field is required)"));
    }

private:
    [[nodiscard]] tl::unexpected<Error> wrongType(QLatin1String key,
                                                  const QString &expected,
                                                  const QJsonValue &found) const
    {
        return makeError(ErrorCode::InvalidValue,
                         fieldPath(key) + QStringLiteral(": expected ") + expected
                             + QStringLiteral(", found ") + describeType(found));
    }

    [[nodiscard]] tl::unexpected<Error> outOfRange(QLatin1String key,
                                                   const QString &bound,
                                                   const QString &limit) const
    {
        return makeError(ErrorCode::InvalidValue,
                         fieldPath(key) + QStringLiteral(": must be ") + bound + u' ' + limit);
    }

    QJsonObject m_object;
    QString m_path;
};

QString absoluteBase(const QString &baseDirectory)
{
    return QDir::cleanPath(baseDirectory.isEmpty() ? QDir::currentPath()
                                                   : QDir(baseDirectory).absolutePath());
}

Result<void> readServer(const ObjectReader &root, SmtpEndpoint &server, const QString &base)
{
    const auto object = root.readObject(QLatin1String("server"), Presence::Required);
    if (!object)
        return tl::make_unexpected(object.error());
    const ObjectReader reader(*object, QStringLiteral("server"));
    BULKMAIL_RETURN_IF_ERROR(reader.checkFields(ServerKeys));
    BULKMAIL_RETURN_IF_ERROR(
        reader.readString(QLatin1String("host"), server.host, Presence::Required));
    BULKMAIL_RETURN_IF_ERROR(reader.readInto(QLatin1String("port"), server.port, 1, 65535));

    QString security = securityModeName(server.security);
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("security"), security));
    if (security == QLatin1String("none")) {
        server.security = SecurityMode::None;
    } else if (security == QLatin1String("starttls")) {
        server.security = SecurityMode::StartTls;
    } else if (security == QLatin1String("tls")) {
        server.security = SecurityMode::ImplicitTls;
    } else {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("server.security: unknown value ") + quoted(security)
                             + QStringLiteral(" (expected none, starttls or tls)"));
    }

    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("username"), server.username));

    QString certificate;
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("trustCertificate"), certificate));
    server.trustCertificateFile = certificate.isEmpty()
                                      ? QString()
                                      : QDir::cleanPath(QDir(base).absoluteFilePath(certificate));

    bool skipVerification = false;
    BULKMAIL_RETURN_IF_ERROR(
        reader.readBool(QLatin1String("insecureSkipCertificateVerification"), skipVerification));
    server.verification = skipVerification ? CertificateVerification::InsecureSkipAll
                                           : CertificateVerification::Verify;
    return {};
}

Result<void> readTimeouts(const ObjectReader &sending, SmtpTimeouts &timeouts)
{
    const auto object = sending.readObject(QLatin1String("timeouts"));
    if (!object)
        return tl::make_unexpected(object.error());
    const ObjectReader reader(*object, QStringLiteral("sending.timeouts"));
    BULKMAIL_RETURN_IF_ERROR(reader.checkFields(TimeoutKeys));
    BULKMAIL_RETURN_IF_ERROR(reader.readInto(QLatin1String("connectSeconds"), timeouts.connect, 1));
    BULKMAIL_RETURN_IF_ERROR(
        reader.readInto(QLatin1String("greetingSeconds"), timeouts.greeting, 1));
    BULKMAIL_RETURN_IF_ERROR(reader.readInto(QLatin1String("commandSeconds"), timeouts.command, 1));
    BULKMAIL_RETURN_IF_ERROR(
        reader.readInto(QLatin1String("dataSeconds"), timeouts.dataInitiation, 1));
    BULKMAIL_RETURN_IF_ERROR(
        reader.readInto(QLatin1String("finalDotSeconds"), timeouts.finalDot, 1));
    return {};
}

Result<void> readSending(const ObjectReader &root, DeliverySettings &sending)
{
    const auto object = root.readObject(QLatin1String("sending"));
    if (!object)
        return tl::make_unexpected(object.error());
    const ObjectReader reader(*object, QStringLiteral("sending"));
    BULKMAIL_RETURN_IF_ERROR(reader.checkFields(SendingKeys));
    BULKMAIL_RETURN_IF_ERROR(
        reader.readInto(QLatin1String("maxConnections"), sending.maxConnections, 1));
    BULKMAIL_RETURN_IF_ERROR(reader.readInto(QLatin1String("maxMessagesPerConnection"),
                                             sending.maxMessagesPerConnection,
                                             0));
    BULKMAIL_RETURN_IF_ERROR(
        reader.readInto(QLatin1String("maxConnectionAgeSeconds"), sending.maxConnectionAge, 0));
    BULKMAIL_RETURN_IF_ERROR(
        reader.readInto(QLatin1String("idleTimeoutSeconds"), sending.idleTimeout, 0));
    BULKMAIL_RETURN_IF_ERROR(
        reader.readNonNegativeNumber(QLatin1String("ratePerSecond"), sending.rateLimits.perSecond));
    BULKMAIL_RETURN_IF_ERROR(
        reader.readInto(QLatin1String("ratePerMinute"), sending.rateLimits.perMinute, 0));
    BULKMAIL_RETURN_IF_ERROR(
        reader.readInto(QLatin1String("ratePerDay"), sending.rateLimits.perDay, 0));
    BULKMAIL_RETURN_IF_ERROR(reader.readInto(QLatin1String("delayBetweenMessagesMs"),
                                             sending.rateLimits.delayBetweenMessages,
                                             0));
    BULKMAIL_RETURN_IF_ERROR(reader.readInto(QLatin1String("maxAttempts"), sending.maxAttempts, 1));
    BULKMAIL_RETURN_IF_ERROR(
        reader.readInto(QLatin1String("retryDelaySeconds"), sending.retryDelay, 0));
    return readTimeouts(reader, sending.timeouts);
}

Result<void> readMessage(const ObjectReader &root, MessageTemplate &message)
{
    const auto object = root.readObject(QLatin1String("message"), Presence::Required);
    if (!object)
        return tl::make_unexpected(object.error());
    const ObjectReader reader(*object, QStringLiteral("message"));
    BULKMAIL_RETURN_IF_ERROR(reader.checkFields(MessageKeys));
    BULKMAIL_RETURN_IF_ERROR(
        reader.readString(QLatin1String("from"), message.from, Presence::Required));
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("subject"), message.subject));
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("text"), message.text));
    return {};
}

Result<void> readRecipients(const ObjectReader &root, QList<Recipient> &recipients)
{
    const auto array = root.readArray(QLatin1String("recipients"));
    if (!array)
        return tl::make_unexpected(array.error());
    recipients.reserve(array->size());
    for (qsizetype index = 0; index < array->size(); ++index) {
        const QString path = QStringLiteral("recipients[%1]").arg(index);
        const QJsonValue element = array->at(index);
        if (!element.isObject()) {
            return makeError(ErrorCode::InvalidValue,
                             path + QStringLiteral(": expected an object, found ")
                                 + describeType(element));
        }
        const ObjectReader reader(element.toObject(), path);
        BULKMAIL_RETURN_IF_ERROR(reader.checkFields(RecipientKeys));
        Recipient recipient;
        // Kept as written, even when invalid: the user sees and fixes the row.
        BULKMAIL_RETURN_IF_ERROR(
            reader.readString(QLatin1String("email"), recipient.email, Presence::Required));
        BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("name"), recipient.name));
        recipients.append(std::move(recipient));
    }
    return {};
}

Result<void> checkFormatAndVersion(const ObjectReader &root)
{
    const QJsonValue format = root.value(QLatin1String("format"));
    if (format.isUndefined()) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("format: missing; this is not a Bulkmail campaign file"));
    }
    if (format.toString() != CampaignFileFormat) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("format: expected \"") + CampaignFileFormat
                             + QStringLiteral("\", found ")
                             + (format.isString() ? quoted(format.toString())
                                                  : describeType(format)));
    }

    const QJsonValue version = root.value(QLatin1String("version"));
    if (version.isUndefined())
        return makeError(ErrorCode::InvalidFormat, QStringLiteral("version: missing"));
    const double number = version.toDouble(-1);
    if (!version.isDouble() || std::trunc(number) != number) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("version: expected a whole number, found ")
                             + (version.isDouble() ? QString::number(number)
                                                   : describeType(version)));
    }
    if (number > CampaignFileVersion) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("version %1 is newer than this Bulkmail understands")
                             .arg(QString::number(number)));
    }
    if (number < CampaignFileVersion) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("version: unsupported value %1 (expected %2)")
                             .arg(QString::number(number))
                             .arg(CampaignFileVersion));
    }
    return {};
}

QString describeJsonPosition(const QByteArray &json, int offset)
{
    const QByteArray before = json.left(offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

// --- Writing -------------------------------------------------------------------------------

QString relativeIfUnder(const QString &file, const QString &base)
{
    if (file.isEmpty())
        return {};
    const QString absoluteFile = QDir::cleanPath(QDir(base).absoluteFilePath(file));
    const QString relative = QDir(base).relativeFilePath(absoluteFile);
    const bool isUnderBase = !relative.isEmpty() && relative != QLatin1String("..")
                             && !relative.startsWith(QLatin1String("../"))
                             && !QDir::isAbsolutePath(relative);
    return isUnderBase ? relative : absoluteFile;
}

std::span<const QLatin1String> keyOrderFor(QStringView path)
{
    if (path.isEmpty())
        return RootKeys;
    if (path == u"server")
        return ServerKeys;
    if (path == u"sending")
        return SendingKeys;
    if (path == u"sending.timeouts")
        return TimeoutKeys;
    if (path == u"message")
        return MessageKeys;
    return RecipientKeys;
}

QByteArray encodeScalar(const QJsonValue &value)
{
    // QJsonDocument escapes strings exactly as JSON requires and prints numbers without a
    // trailing ".0"; strip the brackets of the one-element array.
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QStringList orderedKeys(const QJsonObject &object, QStringView path)
{
    QStringList keys;
    for (const QLatin1String key : keyOrderFor(path)) {
        if (object.contains(key))
            keys.append(key);
    }
    return keys;
}

void writeValue(QByteArray &out, const QJsonValue &value, const QString &path, int depth);

void writeInlineObject(QByteArray &out, const QJsonObject &object, const QString &path)
{
    out += "{ ";
    bool isFirst = true;
    for (const QString &key : orderedKeys(object, path)) {
        if (!isFirst)
            out += ", ";
        isFirst = false;
        out += encodeScalar(key) + ": " + encodeScalar(object.value(key));
    }
    out += " }";
}

void writeValue(QByteArray &out, const QJsonValue &value, const QString &path, int depth)
{
    const QByteArray indent((depth + 1) * 2, ' ');
    const QByteArray closingIndent(depth * 2, ' ');
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        out += "{\n";
        const QStringList keys = orderedKeys(object, path);
        for (qsizetype i = 0; i < keys.size(); ++i) {
            const QString childPath = path.isEmpty() ? keys[i] : path + u'.' + keys[i];
            out += indent + encodeScalar(keys[i]) + ": ";
            writeValue(out, object.value(keys[i]), childPath, depth + 1);
            out += i + 1 < keys.size() ? ",\n" : "\n";
        }
        out += closingIndent + '}';
    } else if (value.isArray()) {
        // Only the recipient list is an array: one recipient per line keeps files diffable.
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        for (qsizetype i = 0; i < array.size(); ++i) {
            out += indent;
            writeInlineObject(out, array.at(i).toObject(), path + QStringLiteral("[]"));
            out += i + 1 < array.size() ? ",\n" : "\n";
        }
        out += closingIndent + ']';
    } else {
        out += encodeScalar(value);
    }
}

} // namespace

Result<Campaign> parseCampaign(const QByteArray &json, const QString &baseDirectory)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("not valid JSON at ")
                             + describeJsonPosition(json, parseError.offset) + QStringLiteral(": ")
                             + parseError.errorString());
    }
    if (!document.isObject()) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("not a Bulkmail campaign file: the top level is not a "
                                        "JSON object"));
    }

    const ObjectReader root(document.object(), QString());
    BULKMAIL_RETURN_IF_ERROR(checkFormatAndVersion(root));
    BULKMAIL_RETURN_IF_ERROR(root.checkFields(RootKeys));

    Campaign campaign;
    BULKMAIL_RETURN_IF_ERROR(root.readString(QLatin1String("name"), campaign.name));
    BULKMAIL_RETURN_IF_ERROR(readServer(root, campaign.server, absoluteBase(baseDirectory)));
    BULKMAIL_RETURN_IF_ERROR(readSending(root, campaign.sending));
    BULKMAIL_RETURN_IF_ERROR(readMessage(root, campaign.message));
    BULKMAIL_RETURN_IF_ERROR(readRecipients(root, campaign.recipients));
    return campaign;
}

Result<Campaign> loadCampaign(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot open \"%1\": %2").arg(path, file.errorString()));
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot read \"%1\": %2").arg(path, file.errorString()));
    }
    const QFileInfo info(path);
    auto campaign = parseCampaign(bytes, info.absolutePath());
    if (campaign)
        campaign->filePath = info.absoluteFilePath();
    return campaign;
}

QByteArray serializeCampaign(const Campaign &campaign, const QString &baseDirectory)
{
    const SmtpEndpoint &server = campaign.server;
    const DeliverySettings &sending = campaign.sending;
    const SmtpTimeouts &timeouts = sending.timeouts;

    const QJsonObject serverObject{
        {QLatin1String("host"), server.host},
        {QLatin1String("port"), server.port},
        {QLatin1String("security"), securityModeName(server.security)},
        {QLatin1String("username"), server.username},
        {QLatin1String("trustCertificate"),
         relativeIfUnder(server.trustCertificateFile, absoluteBase(baseDirectory))},
        {QLatin1String("insecureSkipCertificateVerification"),
         server.verification == CertificateVerification::InsecureSkipAll},
    };
    const QJsonObject timeoutsObject{
        {QLatin1String("connectSeconds"), qint64(timeouts.connect.count())},
        {QLatin1String("greetingSeconds"), qint64(timeouts.greeting.count())},
        {QLatin1String("commandSeconds"), qint64(timeouts.command.count())},
        {QLatin1String("dataSeconds"), qint64(timeouts.dataInitiation.count())},
        {QLatin1String("finalDotSeconds"), qint64(timeouts.finalDot.count())},
    };
    const QJsonObject sendingObject{
        {QLatin1String("maxConnections"), sending.maxConnections},
        {QLatin1String("maxMessagesPerConnection"), sending.maxMessagesPerConnection},
        {QLatin1String("maxConnectionAgeSeconds"), qint64(sending.maxConnectionAge.count())},
        {QLatin1String("idleTimeoutSeconds"), qint64(sending.idleTimeout.count())},
        {QLatin1String("ratePerSecond"), sending.rateLimits.perSecond},
        {QLatin1String("ratePerMinute"), sending.rateLimits.perMinute},
        {QLatin1String("ratePerDay"), sending.rateLimits.perDay},
        {QLatin1String("delayBetweenMessagesMs"),
         qint64(sending.rateLimits.delayBetweenMessages.count())},
        {QLatin1String("maxAttempts"), sending.maxAttempts},
        {QLatin1String("retryDelaySeconds"), qint64(sending.retryDelay.count())},
        {QLatin1String("timeouts"), timeoutsObject},
    };
    const QJsonObject messageObject{
        {QLatin1String("from"), campaign.message.from},
        {QLatin1String("subject"), campaign.message.subject},
        {QLatin1String("text"), campaign.message.text},
    };
    QJsonArray recipients;
    for (const Recipient &recipient : campaign.recipients) {
        QJsonObject object{{QLatin1String("email"), recipient.email}};
        if (!recipient.name.isEmpty())
            object.insert(QLatin1String("name"), recipient.name);
        recipients.append(object);
    }
    const QJsonObject root{
        {QLatin1String("format"), CampaignFileFormat},
        {QLatin1String("version"), CampaignFileVersion},
        {QLatin1String("name"), campaign.name},
        {QLatin1String("server"), serverObject},
        {QLatin1String("sending"), sendingObject},
        {QLatin1String("message"), messageObject},
        {QLatin1String("recipients"), recipients},
    };

    QByteArray out;
    writeValue(out, root, QString(), 0);
    out += '\n';
    return out;
}

Result<void> saveCampaign(const Campaign &campaign, const QString &path)
{
    const QByteArray bytes = serializeCampaign(campaign, QFileInfo(path).absolutePath());
    // STYLE.md rule 13: a half-written file never replaces a good one.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot write \"%1\": %2").arg(path, file.errorString()));
    }
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return makeError(ErrorCode::Io, QStringLiteral("cannot write \"%1\": %2").arg(path, reason));
    }
    if (!file.commit()) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot save \"%1\": %2").arg(path, file.errorString()));
    }
    return {};
}

} // namespace Bulkmail
