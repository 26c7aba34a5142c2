#include "campaignfile.h"

#include "common/fileio.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <span>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QUrl>

#include "campaign/emailaddress.h"
#include "document/recipientcsv.h"
#include "document/recipientworkbook.h"

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
                              QLatin1String("mailbox"),
                              QLatin1String("sending"),
                              QLatin1String("message"),
                              QLatin1String("recipientsFile"),
                              QLatin1String("recipientsSheet"),
                              QLatin1String("importNotices"),
                              QLatin1String("recipients")};
constexpr std::array ServerKeys{QLatin1String("host"),
                                QLatin1String("port"),
                                QLatin1String("security"),
                                QLatin1String("username"),
                                QLatin1String("trustCertificate"),
                                QLatin1String("insecureSkipCertificateVerification"),
                                QLatin1String("auth"),
                                QLatin1String("oauthProvider"),
                                QLatin1String("oauthTenant"),
                                QLatin1String("oauthClientId"),
                                QLatin1String("oauthAuthorizationUrl"),
                                QLatin1String("oauthTokenUrl"),
                                QLatin1String("oauthScope")};
constexpr std::array MailboxKeys{QLatin1String("host"),
                                 QLatin1String("port"),
                                 QLatin1String("security"),
                                 QLatin1String("username"),
                                 QLatin1String("trustCertificate"),
                                 QLatin1String("insecureSkipCertificateVerification"),
                                 QLatin1String("copyToSent"),
                                 QLatin1String("sentFolder"),
                                 QLatin1String("bounceFolder"),
                                 QLatin1String("autoSuppressUnsubscribes"),
                                 QLatin1String("watchAfterMinutes")};
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
                                 QLatin1String("giveUpAfterMinutes"),
                                 QLatin1String("unconfirmedPolicy"),
                                 QLatin1String("duplicates"),
                                 QLatin1String("timeouts")};
constexpr std::array TimeoutKeys{QLatin1String("connectSeconds"),
                                 QLatin1String("greetingSeconds"),
                                 QLatin1String("commandSeconds"),
                                 QLatin1String("dataSeconds"),
                                 QLatin1String("finalDotSeconds")};
constexpr std::array MessageKeys{QLatin1String("from"),
                                 QLatin1String("replyTo"),
                                 QLatin1String("cc"),
                                 QLatin1String("bcc"),
                                 QLatin1String("subject"),
                                 QLatin1String("text"),
                                 QLatin1String("html"),
                                 QLatin1String("attachments"),
                                 QLatin1String("headers"),
                                 QLatin1String("listUnsubscribe"),
                                 QLatin1String("unsubscribeByMail"),
                                 QLatin1String("personalAttachments")};
constexpr std::array UnsubscribeByMailKeys{QLatin1String("mailbox"),
                                           QLatin1String("plusAddressing")};
constexpr std::array PersonalAttachmentKeys{QLatin1String("folder"),
                                            QLatin1String("rules"),
                                            QLatin1String("whenUnresolved"),
                                            QLatin1String("protectPdfWith")};
constexpr std::array PersonalAttachmentRuleKeys{QLatin1String("pattern"),
                                                QLatin1String("column"),
                                                QLatin1String("required")};
constexpr std::array ImportNoticeKeys{QLatin1String("file"),
                                      QLatin1String("kind"),
                                      QLatin1String("values")};
// The names of WorkbookNotice::Kind in the file, in the enum's order.
constexpr std::array ImportNoticeKinds{QLatin1String("hiddenSheets"),
                                       QLatin1String("hiddenRows"),
                                       QLatin1String("mergedHeaderCells"),
                                       QLatin1String("titleRowsSkipped")};
// Every other property of an inline recipient is a merge field (Campaign::recipientFields).
constexpr std::array RecipientKeys{QLatin1String("email"), QLatin1String("name")};

// Headers Bulkmail writes itself (or from a field of its own); a custom header must not replace
// them (the same list as mimecomposer.cpp). Content-* and Resent-* are refused as prefixes.
constexpr std::array ReservedHeaders{
    std::pair{QLatin1String("from"), QLatin1String("message.from")},
    std::pair{QLatin1String("to"), QLatin1String()},
    std::pair{QLatin1String("cc"), QLatin1String()},
    std::pair{QLatin1String("bcc"), QLatin1String()},
    std::pair{QLatin1String("subject"), QLatin1String("message.subject")},
    std::pair{QLatin1String("date"), QLatin1String()},
    std::pair{QLatin1String("message-id"), QLatin1String()},
    std::pair{QLatin1String("mime-version"), QLatin1String()},
    std::pair{QLatin1String("reply-to"), QLatin1String("message.replyTo")},
    std::pair{QLatin1String("sender"), QLatin1String()},
    std::pair{QLatin1String("return-path"), QLatin1String()},
    std::pair{QLatin1String("received"), QLatin1String()},
    std::pair{QLatin1String("list-unsubscribe"), QLatin1String("message.listUnsubscribe")},
    std::pair{QLatin1String("list-unsubscribe-post"), QLatin1String("message.listUnsubscribe")},
};

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

    [[nodiscard]] const QString &path() const { return m_path; }

    [[nodiscard]] QString fieldPath(const QString &key) const
    {
        return m_path.isEmpty() ? key : m_path + u'.' + key;
    }

    [[nodiscard]] Result<void> checkNoPassword(const QString &key) const
    {
        if (key.contains(QLatin1String("password"), Qt::CaseInsensitive)) {
            return makeError(ErrorCode::InvalidFormat,
                             fieldPath(key)
                                 + QStringLiteral(
                                     ": passwords never go into campaign files; set the "
                                     "BULKMAIL_PASSWORD environment variable or store the "
                                     "password in the system keychain"));
        }
        return {};
    }

    [[nodiscard]] Result<void> checkFields(std::span<const QLatin1String> known) const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            const QString key = it.key();
            BULKMAIL_RETURN_IF_ERROR(checkNoPassword(key));
            if (std::find(known.begin(), known.end(), key) == known.end()) {
                if (key.contains(QLatin1String("token"), Qt::CaseInsensitive)) {
                    return makeError(ErrorCode::InvalidFormat,
                                     fieldPath(key)
                                         + QStringLiteral(
                                             ": tokens never go into campaign files; sign in "
                                             "(bulkmail-cli login FILE) to keep the refresh token "
                                             "in the system keychain"));
                }
                return makeError(ErrorCode::InvalidFormat,
                                 QStringLiteral("unknown field ") + quoted(fieldPath(key)));
            }
        }
        return {};
    }

    [[nodiscard]] Result<void> readString(const QString &key,
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

    // A list of objects, each element as a reader whose path names it ("recipients[3]").
    [[nodiscard]] Result<QList<ObjectReader>> readObjectArray(QLatin1String key) const
    {
        const auto array = readArray(key);
        if (!array)
            return tl::make_unexpected(array.error());
        QList<ObjectReader> elements;
        elements.reserve(array->size());
        for (qsizetype index = 0; index < array->size(); ++index) {
            const QString path = fieldPath(key) + QStringLiteral("[%1]").arg(index);
            const QJsonValue element = array->at(index);
            if (!element.isObject()) {
                return makeError(ErrorCode::InvalidValue,
                                 path + QStringLiteral(": expected an object, found ")
                                     + describeType(element));
            }
            elements.append(ObjectReader(element.toObject(), path));
        }
        return elements;
    }

    [[nodiscard]] QJsonValue value(QLatin1String key) const { return m_object.value(key); }
    [[nodiscard]] const QJsonObject &object() const { return m_object; }

    [[nodiscard]] tl::unexpected<Error> missing(const QString &key) const
    {
        return makeError(ErrorCode::InvalidValue,
                         fieldPath(key) + QStringLiteral(": missing (this field is required)"));
    }

private:
    [[nodiscard]] tl::unexpected<Error> wrongType(const QString &key,
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

QString duplicatePolicyName(DuplicatePolicy policy)
{
    return policy == DuplicatePolicy::SendEach ? QStringLiteral("each") : QStringLiteral("once");
}

QString unconfirmedPolicyName(UnconfirmedPolicy policy)
{
    return policy == UnconfirmedPolicy::Hold ? QStringLiteral("hold") : QStringLiteral("resend");
}

QString absoluteBase(const QString &baseDirectory)
{
    return QDir::cleanPath(baseDirectory.isEmpty() ? QDir::currentPath()
                                                   : QDir(baseDirectory).absolutePath());
}

// "security", "trustCertificate" and "insecureSkipCertificateVerification" of "server" and
// "mailbox": one rule for both.
Result<void> readTransportSecurity(const ObjectReader &reader,
                                   const QString &base,
                                   SecurityMode &mode,
                                   QString &trustCertificateFile,
                                   CertificateVerification &verification)
{
    QString security = securityModeName(mode);
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("security"), security));
    if (security == QLatin1String("none")) {
        mode = SecurityMode::None;
    } else if (security == QLatin1String("starttls")) {
        mode = SecurityMode::StartTls;
    } else if (security == QLatin1String("tls")) {
        mode = SecurityMode::ImplicitTls;
    } else {
        return makeError(ErrorCode::InvalidValue,
                         reader.fieldPath(QLatin1String("security"))
                             + QStringLiteral(": unknown value ") + quoted(security)
                             + QStringLiteral(" (expected none, starttls or tls)"));
    }

    QString certificate;
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("trustCertificate"), certificate));
    trustCertificateFile = certificate.isEmpty()
                               ? QString()
                               : QDir::cleanPath(QDir(base).absoluteFilePath(certificate));

    bool skipVerification = false;
    BULKMAIL_RETURN_IF_ERROR(
        reader.readBool(QLatin1String("insecureSkipCertificateVerification"), skipVerification));
    verification = skipVerification ? CertificateVerification::InsecureSkipAll
                                    : CertificateVerification::Verify;
    return {};
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

    BULKMAIL_RETURN_IF_ERROR(readTransportSecurity(
        reader, base, server.security, server.trustCertificateFile, server.verification));
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("username"), server.username));
    return {};
}

Result<void> readMailbox(const ObjectReader &root, MailboxSettings &mailbox, const QString &base)
{
    const auto object = root.readObject(QLatin1String("mailbox"), Presence::Optional);
    if (!object)
        return tl::make_unexpected(object.error());
    if (object->isEmpty())
        return {};
    const ObjectReader reader(*object, QStringLiteral("mailbox"));
    BULKMAIL_RETURN_IF_ERROR(reader.checkFields(MailboxKeys));
    ImapEndpoint &server = mailbox.server;
    BULKMAIL_RETURN_IF_ERROR(
        reader.readString(QLatin1String("host"), server.host, Presence::Required));
    BULKMAIL_RETURN_IF_ERROR(reader.readInto(QLatin1String("port"), server.port, 1, 65535));
    BULKMAIL_RETURN_IF_ERROR(readTransportSecurity(
        reader, base, server.security, server.trustCertificateFile, server.verification));
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("username"), mailbox.username));
    BULKMAIL_RETURN_IF_ERROR(reader.readBool(QLatin1String("copyToSent"), mailbox.copyToSent));
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("sentFolder"), mailbox.sentFolder));
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("bounceFolder"), mailbox.bounceFolder));
    BULKMAIL_RETURN_IF_ERROR(reader.readBool(QLatin1String("autoSuppressUnsubscribes"),
                                             mailbox.autoSuppressUnsubscribes));
    BULKMAIL_RETURN_IF_ERROR(
        reader.readInto(QLatin1String("watchAfterMinutes"), mailbox.watchAfter, 0));
    return {};
}

constexpr std::array OAuthKeys{QLatin1String("oauthProvider"),
                               QLatin1String("oauthTenant"),
                               QLatin1String("oauthClientId"),
                               QLatin1String("oauthAuthorizationUrl"),
                               QLatin1String("oauthTokenUrl"),
                               QLatin1String("oauthScope")};

Result<void> readAuth(const ObjectReader &root, Campaign &campaign)
{
    const auto object = root.readObject(QLatin1String("server"), Presence::Required);
    if (!object)
        return tl::make_unexpected(object.error());
    const ObjectReader reader(*object, QStringLiteral("server"));

    QString auth = authMethodName(campaign.auth);
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("auth"), auth));
    const Result<AuthMethod> method = authMethodFromName(auth);
    if (!method)
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("server.auth: ") + method.error().message);
    campaign.auth = *method;
    if (campaign.auth != AuthMethod::OAuth2) {
        for (const QLatin1String key : OAuthKeys) {
            if (object->contains(key)) {
                return makeError(ErrorCode::InvalidValue,
                                 reader.fieldPath(key)
                                     + QStringLiteral(": only used with \"auth\": \"oauth2\""));
            }
        }
        return {};
    }

    OAuthSettings &oauth = campaign.oauth;
    QString provider = oauthProviderName(oauth.provider);
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("oauthProvider"), provider));
    const Result<OAuthProvider> parsedProvider = oauthProviderFromName(provider);
    if (!parsedProvider) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("server.oauthProvider: ") + parsedProvider.error().message);
    }
    oauth.provider = *parsedProvider;
    if (oauth.provider != OAuthProvider::Microsoft
        && object->contains(QLatin1String("oauthTenant"))) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("server.oauthTenant: only used with \"oauthProvider\": "
                                        "\"microsoft\""));
    }
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("oauthTenant"), oauth.tenant));
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("oauthClientId"), oauth.clientId));
    BULKMAIL_RETURN_IF_ERROR(
        reader.readString(QLatin1String("oauthAuthorizationUrl"), oauth.authorizationUrl));
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("oauthTokenUrl"), oauth.tokenUrl));
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("oauthScope"), oauth.scope));
    return checkOAuthEndpointSettings(oauth);
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
    BULKMAIL_RETURN_IF_ERROR(
        reader.readInto(QLatin1String("giveUpAfterMinutes"), sending.giveUpAfter, 1));

    QString policy = unconfirmedPolicyName(sending.unconfirmedPolicy);
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QStringLiteral("unconfirmedPolicy"), policy));
    if (policy == QLatin1String("resend")) {
        sending.unconfirmedPolicy = UnconfirmedPolicy::Resend;
    } else if (policy == QLatin1String("hold")) {
        sending.unconfirmedPolicy = UnconfirmedPolicy::Hold;
    } else {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("sending.unconfirmedPolicy: unknown value ")
                             + quoted(policy) + QStringLiteral(" (expected resend or hold)"));
    }
    QString duplicates = duplicatePolicyName(sending.duplicates);
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QStringLiteral("duplicates"), duplicates));
    if (duplicates == QLatin1String("once")) {
        sending.duplicates = DuplicatePolicy::SendOnce;
    } else if (duplicates == QLatin1String("each")) {
        sending.duplicates = DuplicatePolicy::SendEach;
    } else {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("sending.duplicates: unknown value ") + quoted(duplicates)
                             + QStringLiteral(" (expected once or each)"));
    }
    return readTimeouts(reader, sending.timeouts);
}

// RFC 5322 §3.6.8: a field name is one or more printable US-ASCII characters except colon.
bool isValidHeaderName(const QString &name)
{
    return !name.isEmpty() && std::all_of(name.begin(), name.end(), [](QChar character) {
        const char16_t code = character.unicode();
        return code >= 33 && code <= 126 && code != u':';
    });
}

// A value is unfolded text: a CR or LF would end the header and start another (header
// injection), and other control characters have no place in a header either. Tab is allowed.
bool isValidHeaderValue(const QString &value)
{
    return std::none_of(value.begin(), value.end(), [](QChar character) {
        const char16_t code = character.unicode();
        return (code < 0x20 && code != u'\t') || code == 0x7F;
    });
}

Result<void> readHeaders(const ObjectReader &message, QList<QPair<QString, QString>> &headers)
{
    const auto object = message.readObject(QLatin1String("headers"));
    if (!object)
        return tl::make_unexpected(object.error());
    const ObjectReader reader(*object, QStringLiteral("message.headers"));
    // JSON objects are unordered (RFC 8259 §4); Qt hands the names back sorted.
    for (auto it = object->begin(); it != object->end(); ++it) {
        const QString name = it.key();
        const QString path = reader.fieldPath(name);
        if (!isValidHeaderName(name)) {
            return makeError(ErrorCode::InvalidValue,
                             path
                                 + QStringLiteral(": not a valid header name (printable ASCII "
                                                  "without spaces or colons, RFC 5322 §3.6.8)"));
        }
        const QString lower = name.toLower();
        const auto reserved = std::find_if(ReservedHeaders.begin(),
                                           ReservedHeaders.end(),
                                           [&](const auto &entry) { return entry.first == lower; });
        if (reserved != ReservedHeaders.end() || lower.startsWith(QLatin1String("content-"))
            || lower.startsWith(QLatin1String("resent-"))) {
            const bool hasField = reserved != ReservedHeaders.end() && !reserved->second.isEmpty();
            return makeError(ErrorCode::InvalidValue,
                             path
                                 + QStringLiteral(": Bulkmail writes this header itself; a custom "
                                                  "header cannot replace it")
                                 + (hasField ? QStringLiteral(" (use ") + reserved->second + u')'
                                             : QString()));
        }
        QString value;
        BULKMAIL_RETURN_IF_ERROR(reader.readString(name, value));
        if (!isValidHeaderValue(value)) {
            return makeError(ErrorCode::InvalidValue,
                             path
                                 + QStringLiteral(": the value must not contain line breaks (CR, "
                                                  "LF) or other control characters"));
        }
        headers.append({name, value});
    }
    return {};
}

// RFC 2369 §2: one URI or a comma-separated list, each optionally in angle brackets. RFC 2369
// allows any scheme; mail clients act on https: (RFC 8058 one-click) and mailto:, so only those
// are accepted.
bool isValidUnsubscribeUri(const QString &text)
{
    const QStringList pieces = text.split(u',');
    return std::all_of(pieces.begin(), pieces.end(), [](QString piece) {
        piece = piece.trimmed();
        if (piece.startsWith(u'<') && piece.endsWith(u'>'))
            piece = piece.mid(1, piece.size() - 2);
        const bool hasSpaceOrControl = std::any_of(piece.cbegin(), piece.cend(), [](QChar c) {
            return c.unicode() <= 0x20 || (c.unicode() >= 0x7F && c.unicode() <= 0x9F) || c == u'<'
                   || c == u'>';
        });
        const QUrl url(piece, QUrl::StrictMode);
        if (piece.isEmpty() || hasSpaceOrControl || !url.isValid())
            return false;
        if (url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0)
            return !url.host().isEmpty();
        if (url.scheme().compare(QLatin1String("mailto"), Qt::CaseInsensitive) == 0)
            return isValidEmailAddress(url.path());
        return false;
    });
}

Result<void> readAttachments(const ObjectReader &message,
                             QStringList &attachments,
                             const QString &base)
{
    const auto array = message.readArray(QLatin1String("attachments"));
    if (!array)
        return tl::make_unexpected(array.error());
    for (qsizetype index = 0; index < array->size(); ++index) {
        const QString path = QStringLiteral("message.attachments[%1]").arg(index);
        const QJsonValue element = array->at(index);
        if (!element.isString()) {
            return makeError(ErrorCode::InvalidValue,
                             path + QStringLiteral(": expected a file path, found ")
                                 + describeType(element));
        }
        if (element.toString().isEmpty())
            return makeError(ErrorCode::InvalidValue, path + QStringLiteral(": empty file path"));
        attachments.append(QDir::cleanPath(QDir(base).absoluteFilePath(element.toString())));
    }
    return {};
}

// "personalAttachments": { "folder": "payslips/2026-11", "rules": [ { "pattern":
// "{{employee_id}}*.pdf" }, { "column": "certificate", "required": false } ], "whenUnresolved":
// "block" | "hold" }. Each rule has exactly one of pattern and column; required defaults to true.
Result<void> readPersonalAttachments(const ObjectReader &message,
                                     PersonalAttachmentSettings &settings,
                                     const QString &base)
{
    const auto object = message.readObject(QLatin1String("personalAttachments"));
    if (!object)
        return tl::make_unexpected(object.error());
    if (object->isEmpty())
        return {};
    const ObjectReader reader(*object, QStringLiteral("message.personalAttachments"));
    BULKMAIL_RETURN_IF_ERROR(reader.checkFields(PersonalAttachmentKeys));
    QString folder;
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("folder"), folder, Presence::Required));
    if (folder.trimmed().isEmpty())
        return reader.missing(QStringLiteral("folder"));
    settings.folder = QDir::cleanPath(QDir(base).absoluteFilePath(folder));

    QString whenUnresolved = QStringLiteral("block");
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("whenUnresolved"), whenUnresolved));
    if (whenUnresolved == QLatin1String("hold")) {
        settings.whenUnresolved = PersonalAttachmentSettings::WhenUnresolved::Hold;
    } else if (whenUnresolved != QLatin1String("block")) {
        return makeError(ErrorCode::InvalidValue,
                         reader.fieldPath(QStringLiteral("whenUnresolved"))
                             + QStringLiteral(": expected \"block\" or \"hold\", found ")
                             + quoted(whenUnresolved));
    }

    // Named without "password": the campaign file refuses such keys, and this one holds a
    // template over the fields, never a password.
    BULKMAIL_RETURN_IF_ERROR(
        reader.readString(QLatin1String("protectPdfWith"), settings.pdfPasswordTemplate));
    const auto rules = reader.readObjectArray(QLatin1String("rules"));
    if (!rules)
        return tl::make_unexpected(rules.error());
    if (rules->isEmpty())
        return reader.missing(QStringLiteral("rules"));
    for (const ObjectReader &ruleReader : *rules) {
        BULKMAIL_RETURN_IF_ERROR(ruleReader.checkFields(PersonalAttachmentRuleKeys));
        PersonalAttachmentRule rule;
        QString pattern;
        QString column;
        BULKMAIL_RETURN_IF_ERROR(ruleReader.readString(QLatin1String("pattern"), pattern));
        BULKMAIL_RETURN_IF_ERROR(ruleReader.readString(QLatin1String("column"), column));
        if (pattern.isEmpty() == column.isEmpty()) {
            return makeError(ErrorCode::InvalidValue,
                             ruleReader.path()
                                 + QStringLiteral(": needs either \"pattern\" or \"column\""));
        }
        if (pattern.contains(u'/') || pattern.contains(u'\\')) {
            return makeError(ErrorCode::InvalidValue,
                             ruleReader.path()
                                 + QStringLiteral(": a pattern names files inside the folder, "
                                                  "without a directory"));
        }
        rule.kind = pattern.isEmpty() ? PersonalAttachmentRule::Kind::Column
                                      : PersonalAttachmentRule::Kind::Pattern;
        rule.value = pattern.isEmpty() ? column : pattern;
        bool isRequired = true;
        BULKMAIL_RETURN_IF_ERROR(ruleReader.readBool(QLatin1String("required"), isRequired));
        rule.need = isRequired ? PersonalAttachmentRule::Need::Required
                               : PersonalAttachmentRule::Need::Optional;
        settings.rules.append(rule);
    }
    return {};
}

// "unsubscribeByMail": { "mailbox": "lists@example.org", "plusAddressing": true }: present (even
// as {}) means offered; the mailbox defaults to the sender's address (compose/unsubscribemail.h).
Result<void> readUnsubscribeByMail(const ObjectReader &message,
                                   const QJsonObject &messageObject,
                                   UnsubscribeMailSettings &settings)
{
    const auto object = message.readObject(QLatin1String("unsubscribeByMail"));
    if (!object)
        return tl::make_unexpected(object.error());
    const QString key = QStringLiteral("unsubscribeByMail");
    if (!messageObject.contains(key))
        return {};
    settings.isEnabled = true;
    const ObjectReader reader(*object, message.fieldPath(key));
    BULKMAIL_RETURN_IF_ERROR(reader.checkFields(UnsubscribeByMailKeys));
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("mailbox"), settings.mailbox));
    settings.mailbox = settings.mailbox.trimmed();
    if (!settings.mailbox.isEmpty() && !isValidEmailAddress(settings.mailbox)) {
        return makeError(ErrorCode::InvalidValue,
                         reader.fieldPath(QStringLiteral("mailbox"))
                             + QStringLiteral(": not a valid address: ") + quoted(settings.mailbox));
    }
    bool plusAddressing = false;
    BULKMAIL_RETURN_IF_ERROR(reader.readBool(QLatin1String("plusAddressing"), plusAddressing));
    settings.address = plusAddressing ? UnsubscribeMailSettings::Address::PlusAddressed
                                      : UnsubscribeMailSettings::Address::AsWritten;
    return {};
}

Result<void> readMessage(const ObjectReader &root, MessageTemplate &message, const QString &base)
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
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("html"), message.html));

    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("replyTo"), message.replyTo));
    if (!message.replyTo.isEmpty()) {
        if (const auto mailbox = parseMailbox(message.replyTo); !mailbox) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("message.replyTo: not a valid address: ")
                                 + quoted(message.replyTo));
        }
    }

    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("cc"), message.cc));
    BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("bcc"), message.bcc));
    BULKMAIL_RETURN_IF_ERROR(readAttachments(reader, message.attachments, base));
    BULKMAIL_RETURN_IF_ERROR(readPersonalAttachments(reader, message.personalAttachments, base));
    BULKMAIL_RETURN_IF_ERROR(readHeaders(reader, message.headers));

    BULKMAIL_RETURN_IF_ERROR(
        reader.readString(QLatin1String("listUnsubscribe"), message.listUnsubscribe));
    if (!message.listUnsubscribe.isEmpty() && !isValidUnsubscribeUri(message.listUnsubscribe)) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("message.listUnsubscribe: must be an https: or mailto: "
                                        "address (RFC 2369, RFC 8058), found ")
                             + quoted(message.listUnsubscribe));
    }
    return readUnsubscribeByMail(reader, *object, message.unsubscribeByMail);
}

// Imports the CSV or workbook named by `recipientsFile` (relative to the campaign file). Its
// errors name the field, then the line (or a workbook's row).
Result<void> readRecipientsFile(const ObjectReader &root, Campaign &campaign, const QString &base)
{
    QString file;
    BULKMAIL_RETURN_IF_ERROR(root.readString(QLatin1String("recipientsFile"), file));
    BULKMAIL_RETURN_IF_ERROR(
        root.readString(QLatin1String("recipientsSheet"), campaign.recipientsSheet));
    if (file.isEmpty()) {
        if (campaign.recipientsSheet.isEmpty())
            return {};
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("recipientsSheet: names a sheet of the recipientsFile, "
                                        "but there is no recipientsFile"));
    }
    campaign.recipientsFile = QDir::cleanPath(QDir(base).absoluteFilePath(file));
    auto import = importRecipientsFile(campaign.recipientsFile, {}, campaign.recipientsSheet);
    // The setting in front of the English; a file problem keeps its code, for the window to word.
    if (!import)
        return tl::unexpected(Error::inSetting(QStringLiteral("recipientsFile"), import.error()));
    campaign.recipientFields = std::move(import->list.fieldNames);
    campaign.recipients = std::move(import->list.recipients);
    campaign.recipientsFileNotices = std::move(import->notices);
    return {};
}

// What the workbooks imported into the list found (Campaign::importNotices): the file's name, the
// notice's kind and its values, e.g. { "file": "payroll.xlsx", "kind": "hiddenRows", "values":
// ["5", "9"] }.
Result<void> readImportNotices(const ObjectReader &root, QList<ImportNotice> &notices)
{
    const auto elements = root.readObjectArray(QLatin1String("importNotices"));
    if (!elements)
        return tl::make_unexpected(elements.error());
    for (const ObjectReader &reader : *elements) {
        BULKMAIL_RETURN_IF_ERROR(reader.checkFields(ImportNoticeKeys));
        ImportNotice notice;
        BULKMAIL_RETURN_IF_ERROR(
            reader.readString(QLatin1String("file"), notice.fileName, Presence::Required));
        QString kind;
        BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("kind"), kind, Presence::Required));
        const auto known = std::find(ImportNoticeKinds.begin(), ImportNoticeKinds.end(), kind);
        if (known == ImportNoticeKinds.end()) {
            return makeError(ErrorCode::InvalidValue,
                             reader.fieldPath(QStringLiteral("kind"))
                                 + QStringLiteral(": expected \"hiddenSheets\", \"hiddenRows\", "
                                                  "\"mergedHeaderCells\" or \"titleRowsSkipped\", "
                                                  "found ")
                                 + quoted(kind));
        }
        notice.notice.kind = static_cast<WorkbookNotice::Kind>(known - ImportNoticeKinds.begin());
        const auto values = reader.readArray(QLatin1String("values"));
        if (!values)
            return tl::make_unexpected(values.error());
        for (const QJsonValue &value : *values) {
            if (!value.isString()) {
                return makeError(ErrorCode::InvalidValue,
                                 reader.fieldPath(QStringLiteral("values"))
                                     + QStringLiteral(": expected text, found ")
                                     + describeType(value));
            }
            notice.notice.arguments.append(value.toString());
        }
        notices.append(notice);
    }
    return {};
}

// Inline recipients come after those of the recipients file. Properties beyond email and name
// are merge fields; a field not yet known is appended to Campaign::recipientFields.
Result<void> readRecipients(const ObjectReader &root, Campaign &campaign)
{
    const auto elements = root.readObjectArray(QLatin1String("recipients"));
    if (!elements)
        return tl::make_unexpected(elements.error());
    campaign.recipients.reserve(campaign.recipients.size() + elements->size());
    for (const ObjectReader &reader : *elements) {
        Recipient recipient;
        // Kept as written, even when invalid: the user sees and fixes the row.
        BULKMAIL_RETURN_IF_ERROR(
            reader.readString(QLatin1String("email"), recipient.email, Presence::Required));
        BULKMAIL_RETURN_IF_ERROR(reader.readString(QLatin1String("name"), recipient.name));
        const QJsonObject &object = reader.object();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString field = it.key();
            if (std::find(RecipientKeys.begin(), RecipientKeys.end(), field) != RecipientKeys.end())
                continue;
            BULKMAIL_RETURN_IF_ERROR(reader.checkNoPassword(field));
            if (field.trimmed().isEmpty()) {
                return makeError(ErrorCode::InvalidValue,
                                 reader.path() + QStringLiteral(": a merge field needs a name"));
            }
            QString value;
            BULKMAIL_RETURN_IF_ERROR(reader.readString(field, value));
            qsizetype column = campaign.recipientFields.indexOf(field);
            if (column < 0) {
                column = campaign.recipientFields.size();
                campaign.recipientFields.append(field);
            }
            if (recipient.fields.size() <= column)
                recipient.fields.resize(column + 1);
            recipient.fields[column] = value;
        }
        while (!recipient.fields.isEmpty() && recipient.fields.last().isEmpty())
            recipient.fields.removeLast(); // as the CSV import: a shorter list, not empty values
        campaign.recipients.append(std::move(recipient));
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
    if (path == u"mailbox")
        return MailboxKeys;
    if (path == u"sending")
        return SendingKeys;
    if (path == u"sending.timeouts")
        return TimeoutKeys;
    if (path == u"message")
        return MessageKeys;
    if (path == u"message.personalAttachments")
        return PersonalAttachmentKeys;
    if (path == u"message.unsubscribeByMail")
        return UnsubscribeByMailKeys;
    if (path == u"message.personalAttachments.rules[]")
        return PersonalAttachmentRuleKeys;
    if (path == u"importNotices[]")
        return ImportNoticeKeys;
    return RecipientKeys;
}

QByteArray encodeScalar(const QJsonValue &value)
{
    // QJsonDocument escapes strings exactly as JSON requires and prints numbers without a
    // trailing ".0"; strip the brackets of the one-element array.
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

// The order the writer emits an object's keys in: the documented order; for custom headers the
// (sorted) order of the object; for an inline recipient email, name, then the merge fields in the
// order of Campaign::recipientFields.
QStringList orderedKeys(const QJsonObject &object,
                        QStringView path,
                        const QStringList &recipientFields)
{
    if (path == u"message.headers")
        return object.keys();
    QStringList keys;
    for (const QLatin1String key : keyOrderFor(path)) {
        if (object.contains(key))
            keys.append(key);
    }
    if (path == u"recipients[]") {
        for (const QString &field : recipientFields) {
            if (object.contains(field))
                keys.append(field);
        }
    }
    return keys;
}

void writeInlineObject(QByteArray &out,
                       const QJsonObject &object,
                       const QString &path,
                       const QStringList &recipientFields)
{
    out += "{ ";
    bool isFirst = true;
    for (const QString &key : orderedKeys(object, path, recipientFields)) {
        if (!isFirst)
            out += ", ";
        isFirst = false;
        out += encodeScalar(key) + ": " + encodeScalar(object.value(key));
    }
    out += " }";
}

void writeValue(QByteArray &out,
                const QJsonValue &value,
                const QString &path,
                int depth,
                const QStringList &recipientFields)
{
    const QByteArray indent((depth + 1) * 2, ' ');
    const QByteArray closingIndent(depth * 2, ' ');
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        out += "{\n";
        const QStringList keys = orderedKeys(object, path, recipientFields);
        for (qsizetype i = 0; i < keys.size(); ++i) {
            const QString childPath = path.isEmpty() ? keys[i] : path + u'.' + keys[i];
            out += indent + encodeScalar(keys[i]) + ": ";
            writeValue(out, object.value(keys[i]), childPath, depth + 1, recipientFields);
            out += i + 1 < keys.size() ? ",\n" : "\n";
        }
        out += closingIndent + '}';
    } else if (value.isArray()) {
        // One element per line (a recipient, an attachment) keeps files diffable.
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        for (qsizetype i = 0; i < array.size(); ++i) {
            out += indent;
            if (array.at(i).isObject()) {
                writeInlineObject(out,
                                  array.at(i).toObject(),
                                  path + QStringLiteral("[]"),
                                  recipientFields);
            } else {
                out += encodeScalar(array.at(i));
            }
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
    BULKMAIL_RETURN_IF_ERROR(readAuth(root, campaign));
    BULKMAIL_RETURN_IF_ERROR(readMailbox(root, campaign.mailbox, absoluteBase(baseDirectory)));
    BULKMAIL_RETURN_IF_ERROR(readSending(root, campaign.sending));
    BULKMAIL_RETURN_IF_ERROR(readMessage(root, campaign.message, absoluteBase(baseDirectory)));
    BULKMAIL_RETURN_IF_ERROR(readRecipientsFile(root, campaign, absoluteBase(baseDirectory)));
    BULKMAIL_RETURN_IF_ERROR(readImportNotices(root, campaign.importNotices));
    BULKMAIL_RETURN_IF_ERROR(readRecipients(root, campaign));
    return campaign;
}

Result<Campaign> loadCampaign(const QString &path)
{
    const Result<QByteArray> bytes = readWholeFile(path);
    if (!bytes)
        return tl::unexpected(bytes.error());
    const QFileInfo info(path);
    auto campaign = parseCampaign(*bytes, info.absolutePath());
    if (campaign)
        campaign->filePath = info.absoluteFilePath();
    return campaign;
}

QByteArray serializeCampaign(const Campaign &campaign, const QString &baseDirectory)
{
    const SmtpEndpoint &server = campaign.server;
    const DeliverySettings &sending = campaign.sending;
    const SmtpTimeouts &timeouts = sending.timeouts;

    QJsonObject serverObject{
        {QLatin1String("host"), server.host},
        {QLatin1String("port"), server.port},
        {QLatin1String("security"), securityModeName(server.security)},
        {QLatin1String("username"), server.username},
        {QLatin1String("trustCertificate"),
         relativeIfUnder(server.trustCertificateFile, absoluteBase(baseDirectory))},
        {QLatin1String("insecureSkipCertificateVerification"),
         server.verification == CertificateVerification::InsecureSkipAll},
    };
    // OAuth2 settings go out only for an OAuth2 account, and each only when not at its default,
    // so that password campaigns stay byte for byte as before. Never a token.
    if (campaign.auth == AuthMethod::OAuth2) {
        const OAuthSettings &oauth = campaign.oauth;
        serverObject.insert(QLatin1String("auth"), authMethodName(campaign.auth));
        serverObject.insert(QLatin1String("oauthProvider"), oauthProviderName(oauth.provider));
        if (oauth.provider == OAuthProvider::Microsoft && !oauth.tenant.isEmpty()
            && oauth.tenant != OAuthSettings().tenant)
            serverObject.insert(QLatin1String("oauthTenant"), oauth.tenant);
        const auto insertIfSet = [&serverObject](QLatin1String key, const QString &value) {
            if (!value.isEmpty())
                serverObject.insert(key, value);
        };
        insertIfSet(QLatin1String("oauthClientId"), oauth.clientId);
        insertIfSet(QLatin1String("oauthAuthorizationUrl"), oauth.authorizationUrl);
        insertIfSet(QLatin1String("oauthTokenUrl"), oauth.tokenUrl);
        insertIfSet(QLatin1String("oauthScope"), oauth.scope);
    }
    const QJsonObject timeoutsObject{
        {QLatin1String("connectSeconds"), qint64(timeouts.connect.count())},
        {QLatin1String("greetingSeconds"), qint64(timeouts.greeting.count())},
        {QLatin1String("commandSeconds"), qint64(timeouts.command.count())},
        {QLatin1String("dataSeconds"), qint64(timeouts.dataInitiation.count())},
        {QLatin1String("finalDotSeconds"), qint64(timeouts.finalDot.count())},
    };
    QJsonObject sendingObject{
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
    // Fields added after the first files were written go out only when they differ from the
    // default, so that those files stay canonical (load + save changes no byte).
    if (sending.giveUpAfter != DeliverySettings{}.giveUpAfter) {
        sendingObject.insert(QLatin1String("giveUpAfterMinutes"),
                             qint64(sending.giveUpAfter.count()));
    }
    if (sending.unconfirmedPolicy != UnconfirmedPolicy::Resend) {
        sendingObject.insert(QLatin1String("unconfirmedPolicy"),
                             unconfirmedPolicyName(sending.unconfirmedPolicy));
    }
    if (sending.duplicates != DuplicatePolicy::SendOnce)
        sendingObject.insert(QLatin1String("duplicates"), duplicatePolicyName(sending.duplicates));
    const MessageTemplate &message = campaign.message;
    QJsonObject messageObject{
        {QLatin1String("from"), message.from},
        {QLatin1String("subject"), message.subject},
        {QLatin1String("text"), message.text},
    };
    const auto insertIfSet = [&messageObject](QLatin1String key, const QString &value) {
        if (!value.isEmpty())
            messageObject.insert(key, value);
    };
    insertIfSet(QLatin1String("replyTo"), message.replyTo);
    insertIfSet(QLatin1String("cc"), message.cc);
    insertIfSet(QLatin1String("bcc"), message.bcc);
    insertIfSet(QLatin1String("html"), message.html);
    insertIfSet(QLatin1String("listUnsubscribe"), message.listUnsubscribe);
    if (message.unsubscribeByMail.isEnabled) {
        QJsonObject byMail;
        if (!message.unsubscribeByMail.mailbox.isEmpty())
            byMail.insert(QLatin1String("mailbox"), message.unsubscribeByMail.mailbox);
        if (message.unsubscribeByMail.address == UnsubscribeMailSettings::Address::PlusAddressed)
            byMail.insert(QLatin1String("plusAddressing"), true);
        messageObject.insert(QLatin1String("unsubscribeByMail"), byMail);
    }
    if (!message.attachments.isEmpty()) {
        QJsonArray attachments;
        for (const QString &attachment : message.attachments)
            attachments.append(relativeIfUnder(attachment, absoluteBase(baseDirectory)));
        messageObject.insert(QLatin1String("attachments"), attachments);
    }
    if (message.personalAttachments.isEnabled()) {
        const PersonalAttachmentSettings &personal = message.personalAttachments;
        QJsonArray rules;
        for (const PersonalAttachmentRule &rule : personal.rules) {
            QJsonObject object{{rule.kind == PersonalAttachmentRule::Kind::Pattern
                                    ? QLatin1String("pattern")
                                    : QLatin1String("column"),
                                rule.value}};
            if (rule.need == PersonalAttachmentRule::Need::Optional)
                object.insert(QLatin1String("required"), false);
            rules.append(object);
        }
        QJsonObject personalObject{
            {QLatin1String("folder"), relativeIfUnder(personal.folder, absoluteBase(baseDirectory))},
            {QLatin1String("rules"), rules},
        };
        if (personal.whenUnresolved == PersonalAttachmentSettings::WhenUnresolved::Hold)
            personalObject.insert(QLatin1String("whenUnresolved"), QStringLiteral("hold"));
        if (!personal.pdfPasswordTemplate.isEmpty())
            personalObject.insert(QLatin1String("protectPdfWith"), personal.pdfPasswordTemplate);
        messageObject.insert(QLatin1String("personalAttachments"), personalObject);
    }
    if (!message.headers.isEmpty()) {
        QJsonObject headers;
        for (const auto &[name, value] : message.headers)
            headers.insert(name, value);
        messageObject.insert(QLatin1String("headers"), headers);
    }

    // With a recipients file, only the recipients added inline (sourceLine 0) are written: the
    // others live in the file.
    const bool hasFile = !campaign.recipientsFile.isEmpty();
    QJsonArray recipients;
    for (const Recipient &recipient : campaign.recipients) {
        if (hasFile && recipient.sourceLine > 0)
            continue;
        QJsonObject object{{QLatin1String("email"), recipient.email}};
        if (!recipient.name.isEmpty())
            object.insert(QLatin1String("name"), recipient.name);
        const qsizetype count = std::min(recipient.fields.size(), campaign.recipientFields.size());
        for (qsizetype i = 0; i < count; ++i) {
            // A merge field named like a built-in key (a second "email" column of a CSV) would
            // overwrite it; it cannot be written inline.
            const QString &field = campaign.recipientFields[i];
            const bool isBuiltIn = std::find(RecipientKeys.begin(), RecipientKeys.end(), field)
                                   != RecipientKeys.end();
            if (!isBuiltIn && !recipient.fields[i].isEmpty())
                object.insert(field, recipient.fields[i]);
        }
        recipients.append(object);
    }
    QJsonObject root{
        {QLatin1String("format"), CampaignFileFormat},
        {QLatin1String("version"), CampaignFileVersion},
        {QLatin1String("name"), campaign.name},
        {QLatin1String("server"), serverObject},
        {QLatin1String("sending"), sendingObject},
        {QLatin1String("message"), messageObject},
        {QLatin1String("recipients"), recipients},
    };
    if (campaign.mailbox.isConfigured()) {
        const MailboxSettings &mailbox = campaign.mailbox;
        QJsonObject mailboxObject{
            {QLatin1String("host"), mailbox.server.host},
            {QLatin1String("port"), mailbox.server.port},
            {QLatin1String("security"), securityModeName(mailbox.server.security)},
            {QLatin1String("copyToSent"), mailbox.copyToSent},
        };
        const auto insertIfSet = [&mailboxObject](QLatin1String key, const QString &value) {
            if (!value.isEmpty())
                mailboxObject.insert(key, value);
        };
        insertIfSet(QLatin1String("username"), mailbox.username);
        insertIfSet(QLatin1String("trustCertificate"),
                    relativeIfUnder(mailbox.server.trustCertificateFile,
                                    absoluteBase(baseDirectory)));
        if (mailbox.server.verification == CertificateVerification::InsecureSkipAll)
            mailboxObject.insert(QLatin1String("insecureSkipCertificateVerification"), true);
        insertIfSet(QLatin1String("sentFolder"), mailbox.sentFolder);
        insertIfSet(QLatin1String("bounceFolder"), mailbox.bounceFolder);
        if (mailbox.autoSuppressUnsubscribes)
            mailboxObject.insert(QLatin1String("autoSuppressUnsubscribes"), true);
        if (mailbox.watchAfter != MailboxSettings{}.watchAfter)
            mailboxObject.insert(QLatin1String("watchAfterMinutes"),
                                 qint64(mailbox.watchAfter.count()));
        root.insert(QLatin1String("mailbox"), mailboxObject);
    }
    if (hasFile) {
        root.insert(QLatin1String("recipientsFile"),
                    relativeIfUnder(campaign.recipientsFile, absoluteBase(baseDirectory)));
        if (!campaign.recipientsSheet.isEmpty())
            root.insert(QLatin1String("recipientsSheet"), campaign.recipientsSheet);
    }
    if (!campaign.importNotices.isEmpty()) {
        QJsonArray notices;
        for (const ImportNotice &notice : campaign.importNotices) {
            notices.append(QJsonObject{
                {QLatin1String("file"), notice.fileName},
                {QLatin1String("kind"),
                 ImportNoticeKinds.at(static_cast<std::size_t>(notice.notice.kind))},
                {QLatin1String("values"), QJsonArray::fromStringList(notice.notice.arguments)},
            });
        }
        root.insert(QLatin1String("importNotices"), notices);
    }

    QByteArray out;
    writeValue(out, root, QString(), 0, campaign.recipientFields);
    out += '\n';
    return out;
}

Result<void> saveCampaign(const Campaign &campaign, const QString &path)
{
    const QByteArray bytes = serializeCampaign(campaign, QFileInfo(path).absolutePath());
    return writeFileAtomically(path, bytes);
}

} // namespace Bulkmail
