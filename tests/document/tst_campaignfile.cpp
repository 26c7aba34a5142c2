#include "campaign/emailaddress.h"
#include "compose/mergetemplate.h"
#include "compose/mimecomposer.h"
#include "document/campaignfile.h"
#include "testresult.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Bulkmail;
using namespace std::chrono_literals;

// Prints the error of a failed Result instead of a bare "false".
Q_DECLARE_METATYPE(Bulkmail::ErrorCode)

namespace {

// Directory permissions do not bind root, and CI runs as root: there, the scope runs as the
// effective user "nobody" (65534), whom they bind, and gives root back when it ends. Elsewhere
// (an ordinary user) it changes nothing.
class UnprivilegedScope
{
public:
    UnprivilegedScope()
    {
#ifdef Q_OS_UNIX
        if (geteuid() == 0)
            m_dropped = seteuid(65534) == 0;
#endif
    }
    ~UnprivilegedScope()
    {
#ifdef Q_OS_UNIX
        if (m_dropped && seteuid(0) != 0)
            qFatal("cannot become root again");
#endif
    }
    Q_DISABLE_COPY_MOVE(UnprivilegedScope)

private:
    bool m_dropped = false;
};

// A complete, valid file: every test mutates one field of it.
QJsonObject validCampaignObject()
{
    return QJsonDocument::fromJson(R"({
        "format": "bulkmail-campaign", "version": 1, "name": "Spring news",
        "server": { "host": "smtp.example.org", "port": 587, "security": "starttls",
                    "username": "news", "trustCertificate": "",
                    "insecureSkipCertificateVerification": false },
        "sending": { "maxConnections": 2, "maxMessagesPerConnection": 50,
                     "maxConnectionAgeSeconds": 300, "idleTimeoutSeconds": 30,
                     "ratePerSecond": 10, "ratePerMinute": 0, "ratePerDay": 0,
                     "delayBetweenMessagesMs": 0, "maxAttempts": 3, "retryDelaySeconds": 30,
                     "timeouts": { "connectSeconds": 30, "greetingSeconds": 300,
                                   "commandSeconds": 300, "dataSeconds": 120,
                                   "finalDotSeconds": 600 } },
        "message": { "from": "News <news@example.org>", "subject": "Hi {{name}}", "text": "Body" },
        "recipients": [ { "email": "a@example.org", "name": "A" },
                        { "email": "b@example.org", "name": "B" } ] })")
        .object();
}

// Sets `key` in the object at `path` ("", "server", "sending.timeouts", "recipients[1]");
// an undefined value removes the key.
QJsonValue withField(const QJsonValue &node,
                     QStringList path,
                     const QString &key,
                     const QJsonValue &value)
{
    if (path.isEmpty()) {
        QJsonObject object = node.toObject();
        if (value.isUndefined())
            object.remove(key);
        else
            object.insert(key, value);
        return object;
    }
    const QString head = path.takeFirst();
    const qsizetype bracket = head.indexOf(u'[');
    QJsonObject object = node.toObject();
    if (bracket < 0) {
        object.insert(head, withField(object.value(head), path, key, value));
        return object;
    }
    const QString arrayKey = head.left(bracket);
    const int index = head.mid(bracket + 1, head.size() - bracket - 2).toInt();
    QJsonArray array = object.value(arrayKey).toArray();
    array.replace(index, withField(array.at(index), path, key, value));
    object.insert(arrayKey, array);
    return object;
}

QByteArray campaignJsonWith(const QString &path, const QString &key, const QJsonValue &value)
{
    const QStringList parts = path.isEmpty() ? QStringList() : path.split(u'.');
    return QJsonDocument(withField(validCampaignObject(), parts, key, value).toObject()).toJson();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Every field away from its default, so a field the writer forgets cannot pass the round trip.
Campaign richCampaign(const QString &directory)
{
    Campaign campaign;
    campaign.name = QStringLiteral("春季通讯 – Spring \"news\"");
    campaign.server.host = QStringLiteral("mail.example.net");
    campaign.server.port = 465;
    campaign.server.security = SecurityMode::ImplicitTls;
    campaign.server.username = QStringLiteral("sender@example.net");
    campaign.server.trustCertificateFile = directory + QStringLiteral("/certs/ca.pem");
    campaign.server.verification = CertificateVerification::InsecureSkipAll;
    campaign.sending.maxConnections = 4;
    campaign.sending.maxMessagesPerConnection = 0;
    campaign.sending.maxConnectionAge = 90s;
    campaign.sending.idleTimeout = 12s;
    campaign.sending.rateLimits.perSecond = 0.5;
    campaign.sending.rateLimits.perMinute = 30;
    campaign.sending.rateLimits.perDay = 10000;
    campaign.sending.rateLimits.delayBetweenMessages = 250ms;
    campaign.sending.maxAttempts = 5;
    campaign.sending.retryDelay = 45s;
    campaign.sending.timeouts.connect = 11s;
    campaign.sending.timeouts.greeting = 12s;
    campaign.sending.timeouts.command = 13s;
    campaign.sending.timeouts.dataInitiation = 14s;
    campaign.sending.timeouts.finalDot = 15s;
    campaign.message.from = QStringLiteral("\"Doe, Jane\" <jane@example.net>");
    campaign.message.subject = QStringLiteral("你好 {{name}}");
    campaign.message.text = QStringLiteral("Line one\nLine \"two\"\t\\ 王芳\n");
    campaign.message.html = QStringLiteral("<p>Hello <b>{{name}}</b> – 你好</p>\n");
    campaign.message.replyTo = QStringLiteral("\"Help, Desk\" <help@example.net>");
    campaign.message.attachments = {directory + QStringLiteral("/files/brochure.pdf"),
                                    QStringLiteral("/srv/shared/terms.pdf")};
    // Sorted by name: JSON objects are unordered and Qt reads them back sorted.
    campaign.message.headers = {{QStringLiteral("X-Campaign"), QStringLiteral("spring-2026")},
                                {QStringLiteral("X-Mailer-Note"), QStringLiteral("Grüße\tund so")}};
    campaign.message.listUnsubscribe = QStringLiteral(
        "<mailto:leave@example.net?subject=unsubscribe>, <https://example.net/u?id=7>");
    campaign.message.unsubscribeByMail = {true,
                                          QStringLiteral("lists@example.net"),
                                          UnsubscribeMailSettings::Address::PlusAddressed};
    campaign.sending.unconfirmedPolicy = UnconfirmedPolicy::Hold;
    campaign.sending.duplicates = DuplicatePolicy::SendEach;
    campaign.auth = AuthMethod::OAuth2;
    campaign.oauth.tenant = QStringLiteral("contoso.onmicrosoft.com");
    campaign.oauth.clientId = QStringLiteral("00000000-1111-2222-3333-444444444444");
    campaign.oauth.scope = QStringLiteral("https://outlook.office.com/SMTP.Send offline_access");
    campaign.recipientFields = {QStringLiteral("company"), QStringLiteral("城市")};
    campaign.importNotices = {
        {QStringLiteral("工资条.xlsx"),
         {WorkbookNotice::Kind::HiddenRows, {QStringLiteral("5"), QStringLiteral("9")}}},
        {QStringLiteral("工资条.xlsx"),
         {WorkbookNotice::Kind::MergedHeaderCells, {QStringLiteral("B2:C2")}}},
    };
    campaign.recipients = {{QStringLiteral("wang.fang@example.com"),
                            QStringLiteral("王芳"),
                            {QStringLiteral("ACME \"Asia\""), QStringLiteral("北京")}},
                           {QStringLiteral("no-name@example.org"), QString()},
                           {QStringLiteral("not an address"),
                            QStringLiteral("Kept anyway"),
                            {QString(), QStringLiteral("Oslo")}}};
    return campaign;
}

void compareCampaigns(const Campaign &actual, const Campaign &expected)
{
    QCOMPARE(actual.name, expected.name);
    QCOMPARE(actual.server.host, expected.server.host);
    QCOMPARE(actual.server.port, expected.server.port);
    QCOMPARE(actual.server.security, expected.server.security);
    QCOMPARE(actual.server.username, expected.server.username);
    QCOMPARE(actual.server.trustCertificateFile, expected.server.trustCertificateFile);
    QCOMPARE(actual.server.verification, expected.server.verification);
    QCOMPARE(actual.auth, expected.auth);
    QCOMPARE(actual.oauth.provider, expected.oauth.provider);
    QCOMPARE(actual.oauth.tenant, expected.oauth.tenant);
    QCOMPARE(actual.oauth.clientId, expected.oauth.clientId);
    QCOMPARE(actual.oauth.authorizationUrl, expected.oauth.authorizationUrl);
    QCOMPARE(actual.oauth.tokenUrl, expected.oauth.tokenUrl);
    QCOMPARE(actual.oauth.scope, expected.oauth.scope);
    const DeliverySettings &a = actual.sending;
    const DeliverySettings &e = expected.sending;
    QCOMPARE(a.maxConnections, e.maxConnections);
    QCOMPARE(a.maxMessagesPerConnection, e.maxMessagesPerConnection);
    QCOMPARE(a.maxConnectionAge.count(), e.maxConnectionAge.count());
    QCOMPARE(a.idleTimeout.count(), e.idleTimeout.count());
    QCOMPARE(a.maxAttempts, e.maxAttempts);
    QCOMPARE(a.retryDelay.count(), e.retryDelay.count());
    QCOMPARE(a.rateLimits.perSecond, e.rateLimits.perSecond);
    QCOMPARE(a.rateLimits.perMinute, e.rateLimits.perMinute);
    QCOMPARE(a.rateLimits.perDay, e.rateLimits.perDay);
    QCOMPARE(a.rateLimits.delayBetweenMessages.count(), e.rateLimits.delayBetweenMessages.count());
    QCOMPARE(a.timeouts.connect.count(), e.timeouts.connect.count());
    QCOMPARE(a.timeouts.greeting.count(), e.timeouts.greeting.count());
    QCOMPARE(a.timeouts.command.count(), e.timeouts.command.count());
    QCOMPARE(a.timeouts.dataInitiation.count(), e.timeouts.dataInitiation.count());
    QCOMPARE(a.timeouts.finalDot.count(), e.timeouts.finalDot.count());
    QCOMPARE(a.unconfirmedPolicy, e.unconfirmedPolicy);
    QCOMPARE(a.duplicates, e.duplicates);
    QCOMPARE(actual.message.from, expected.message.from);
    QCOMPARE(actual.message.subject, expected.message.subject);
    QCOMPARE(actual.message.text, expected.message.text);
    QCOMPARE(actual.message.html, expected.message.html);
    QCOMPARE(actual.message.replyTo, expected.message.replyTo);
    QCOMPARE(actual.message.attachments, expected.message.attachments);
    QCOMPARE(actual.message.headers, expected.message.headers);
    QCOMPARE(actual.message.listUnsubscribe, expected.message.listUnsubscribe);
    QCOMPARE(actual.message, expected.message);
    QCOMPARE(actual.recipientsFile, expected.recipientsFile);
    QCOMPARE(actual.recipientsSheet, expected.recipientsSheet);
    QCOMPARE(actual.recipientFields, expected.recipientFields);
    QVERIFY(actual.importNotices == expected.importNotices);
    QCOMPARE(actual.recipients.size(), expected.recipients.size());
    for (qsizetype i = 0; i < actual.recipients.size(); ++i) {
        QCOMPARE(actual.recipients[i].email, expected.recipients[i].email);
        QCOMPARE(actual.recipients[i].name, expected.recipients[i].name);
        QCOMPARE(actual.recipients[i].fields, expected.recipients[i].fields);
        QCOMPARE(actual.recipients[i].sourceLine, expected.recipients[i].sourceLine);
    }
}

} // namespace

class TestCampaignFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTripPreservesEveryField();
    void absentOptionalFieldsTakeStructDefaults();
    void mailboxSection();
    void validationErrors_data();
    void validationErrors();
    void malformedJsonReportsPosition();
    void passwordIsRefused_data();
    void passwordIsRefused();
    void securityValues_data();
    void securityValues();
    void fractionalRateAndInsecureFlag();
    void invalidRecipientAddressesAreKept();
    void relativeTrustCertificateResolvesAgainstFileDirectory();
    void trustCertificateIsSavedRelativeOnlyUnderTheFileDirectory();
    void loadSetsAbsoluteFilePath();
    void loadMissingFileIsIoError();
    void failedSaveLeavesOldFileIntact_data();
    void failedSaveLeavesOldFileIntact();
    void exampleLoadsAndComposes();
    void recipientsFileIsImportedBesideInlineRecipients();
    void recipientsFileErrorsNameTheFieldAndLine();
    void inlineMergeFields();
    void attachmentsResolveAgainstTheFileDirectory();
    void acceptedAdditions_data();
    void acceptedAdditions();
    void filesWithoutAdditionsStayCanonical();
    void oauthSettings_data();
    void oauthSettings();
    void oauthErrors_data();
    void oauthErrors();
};

void TestCampaignFile::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestCampaignFile::roundTripPreservesEveryField()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(QStringLiteral("rich.bulkmail"));
    const Campaign original = richCampaign(directory.path());

    QVERIFY_RESULT(saveCampaign(original, path));
    const auto loaded = loadCampaign(path);
    QVERIFY_RESULT(loaded);
    compareCampaigns(*loaded, original);

    // Saving what was loaded writes the same bytes: the format is canonical.
    const QString secondPath = directory.filePath(QStringLiteral("again.bulkmail"));
    QVERIFY_RESULT(saveCampaign(*loaded, secondPath));
    QCOMPARE(readFile(secondPath), readFile(path));
    const QByteArray saved = readFile(path);
    QVERIFY(saved.startsWith("{\n  \"format\": \"bulkmail-campaign\",\n  \"version\": 1,\n"));
    QVERIFY(saved.contains("\"name\": \"王芳\""));
    QVERIFY(!saved.contains("password"));
    // The additions, as a script writing the file would spell them.
    QVERIFY(saved.contains("{ \"email\": \"wang.fang@example.com\", \"name\": \"王芳\", "
                           "\"company\": \"ACME \\\"Asia\\\"\", \"城市\": \"北京\" }"));
    QVERIFY(saved.contains("{ \"email\": \"not an address\", \"name\": \"Kept anyway\", "
                           "\"城市\": \"Oslo\" }"));
    QVERIFY(saved.contains("\"attachments\": [\n      \"files/brochure.pdf\",\n      "
                           "\"/srv/shared/terms.pdf\"\n    ]"));
    QVERIFY(saved.contains("\"headers\": {\n      \"X-Campaign\": \"spring-2026\",\n"));
    QVERIFY(saved.contains("\"unconfirmedPolicy\": \"hold\""));
    QVERIFY(saved.contains("\"duplicates\": \"each\""));
    QVERIFY(
        saved.contains("\"insecureSkipCertificateVerification\": true,\n    \"auth\": \"oauth2\",\n"
                       "    \"oauthProvider\": \"microsoft\",\n"
                       "    \"oauthTenant\": \"contoso.onmicrosoft.com\",\n"));
    QVERIFY(saved.contains("\"replyTo\": \"\\\"Help, Desk\\\" <help@example.net>\""));
    // What an imported workbook showed (issue 15), one notice a line.
    QVERIFY(saved.contains("\"importNotices\": [\n    { \"file\": \"工资条.xlsx\", \"kind\": "
                           "\"hiddenRows\", \"values\": [\"5\",\"9\"] },\n"));
}

// The account's mailbox (issue 16): optional, written only when set, with the same security and
// certificate rules as "server", and every mistake named by its path.
void TestCampaignFile::mailboxSection()
{
    const auto parse = [](const char *mailbox) {
        return parseCampaign(QByteArray(R"({"format": "bulkmail-campaign", "version": 1,
            "server": {"host": "smtp.example.org", "username": "hr@example.org"},
            "message": {"from": "hr@example.org"}, "mailbox": )")
                                 + mailbox + '}',
                             QStringLiteral("/srv/campaigns"));
    };
    const auto campaign = parse(R"({"host": "imap.example.org", "copyToSent": true,
        "trustCertificate": "certs/ca.pem", "sentFolder": "已发送"})");
    QVERIFY_RESULT(campaign);
    const MailboxSettings &mailbox = campaign->mailbox;
    QVERIFY(mailbox.isConfigured());
    QCOMPARE(mailbox.server.host, QStringLiteral("imap.example.org"));
    QCOMPARE(mailbox.server.port, quint16(993));
    QCOMPARE(mailbox.server.security, SecurityMode::ImplicitTls);
    QCOMPARE(mailbox.server.trustCertificateFile, QStringLiteral("/srv/campaigns/certs/ca.pem"));
    QVERIFY(mailbox.copyToSent);
    QCOMPARE(mailbox.sentFolder, QStringLiteral("已发送"));
    QVERIFY(mailbox.username.isEmpty()); // the SMTP account's

    // Written back the same way, and read again equal.
    const QByteArray saved = serializeCampaign(*campaign, QStringLiteral("/srv/campaigns"));
    QVERIFY(
        saved.contains("\"mailbox\": {\n    \"host\": \"imap.example.org\",\n    \"port\": 993,\n"
                       "    \"security\": \"tls\",\n    \"trustCertificate\": \"certs/ca.pem\",\n"
                       "    \"copyToSent\": true,\n    \"sentFolder\": \"已发送\"\n  }"));
    const auto again = parseCampaign(saved, QStringLiteral("/srv/campaigns"));
    QVERIFY_RESULT(again);
    QCOMPARE(again->mailbox.server.host, mailbox.server.host);
    QCOMPARE(again->mailbox.sentFolder, mailbox.sentFolder);
    QCOMPARE(serializeCampaign(*again, QStringLiteral("/srv/campaigns")), saved);

    QVERIFY(mailbox.bounceFolder.isEmpty());    // INBOX alone
    QVERIFY(!mailbox.autoSuppressUnsubscribes); // the user confirms

    // Where reports are read and what becomes of unsubscribe requests (issue 16).
    const auto watched = parse(R"({"host": "imap.example.org", "bounceFolder": "退信",
        "autoSuppressUnsubscribes": true})");
    QVERIFY_RESULT(watched);
    QCOMPARE(watched->mailbox.bounceFolder, QStringLiteral("退信"));
    QVERIFY(watched->mailbox.autoSuppressUnsubscribes);
    const auto watchedAgain = parseCampaign(serializeCampaign(*watched, QString()), QString());
    QVERIFY_RESULT(watchedAgain);
    QCOMPARE(watchedAgain->mailbox.bounceFolder, QStringLiteral("退信"));
    QVERIFY(watchedAgain->mailbox.autoSuppressUnsubscribes);

    // How long bounces are watched for after a run: two hours unless the file says (0: only
    // while it runs); the default is not written.
    QCOMPARE(watched->mailbox.watchAfter, std::chrono::minutes(120));
    QVERIFY(!serializeCampaign(*watched, QString()).contains("watchAfterMinutes"));
    const auto shortWatch = parse(R"({"host": "imap.example.org", "watchAfterMinutes": 0})");
    QVERIFY_RESULT(shortWatch);
    QCOMPARE(shortWatch->mailbox.watchAfter, std::chrono::minutes(0));
    const auto shortAgain = parseCampaign(serializeCampaign(*shortWatch, QString()), QString());
    QVERIFY_RESULT(shortAgain);
    QCOMPARE(shortAgain->mailbox.watchAfter, std::chrono::minutes(0));
    QVERIFY(!parse(R"({"host": "imap.example.org", "watchAfterMinutes": -5})"));

    // Without a mailbox nothing is written.
    Campaign plain = *campaign;
    plain.mailbox = {};
    QVERIFY(!serializeCampaign(plain, QString()).contains("mailbox"));

    const auto noHost = parse(R"({"copyToSent": true})");
    QVERIFY(!noHost);
    QCOMPARE(noHost.error().message,
             QStringLiteral("mailbox.host: missing (this field is required)"));
    const auto typo = parse(R"({"host": "imap.example.org", "copyToSend": true})");
    QVERIFY(!typo);
    QVERIFY2(typo.error().message.contains(QLatin1String("mailbox.copyToSend")),
             qPrintable(typo.error().message));
    const auto security = parse(R"({"host": "imap.example.org", "security": "ssl"})");
    QVERIFY(!security);
    QVERIFY2(security.error().message.startsWith(QLatin1String("mailbox.security: unknown value")),
             qPrintable(security.error().message));
}

void TestCampaignFile::absentOptionalFieldsTakeStructDefaults()
{
    const auto campaign = parseCampaign(R"({"format": "bulkmail-campaign", "version": 1,
        "server": {"host": "smtp.example.org"}, "message": {"from": "a@example.org"}})",
                                        QString());
    QVERIFY_RESULT(campaign);
    Campaign expected;
    expected.server.host = QStringLiteral("smtp.example.org");
    expected.message.from = QStringLiteral("a@example.org");
    compareCampaigns(*campaign, expected);
    // The documented defaults, spelled out so a changed struct default is noticed here.
    QCOMPARE(campaign->server.port, quint16(587));
    QCOMPARE(campaign->server.security, SecurityMode::StartTls);
    QCOMPARE(campaign->sending.maxConnections, 1);
    QCOMPARE(campaign->sending.maxMessagesPerConnection, 50);
    QCOMPARE(campaign->sending.rateLimits.perSecond, 10.0);
    QCOMPARE(campaign->sending.timeouts.finalDot.count(), 600);
    QVERIFY(campaign->recipients.isEmpty());
    QVERIFY(campaign->filePath.isEmpty());
}

void TestCampaignFile::validationErrors_data()
{
    QTest::addColumn<QString>("objectPath");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("message");

    const QJsonValue removed(QJsonValue::Undefined);
    const auto text = [](const char *s) { return QJsonValue(QString::fromUtf8(s)); };

    // Identity and version.
    QTest::newRow("format wrong")
        << QString() << "format" << text("something-else") << ErrorCode::InvalidFormat
        << "format: expected \"bulkmail-campaign\", found \"something-else\"";
    QTest::newRow("format missing")
        << QString() << "format" << removed << ErrorCode::InvalidFormat << "format: missing";
    QTest::newRow("version newer")
        << QString() << "version" << QJsonValue(2) << ErrorCode::InvalidFormat
        << "version 2 is newer than this Bulkmail understands";
    QTest::newRow("version zero") << QString() << "version" << QJsonValue(0)
                                  << ErrorCode::InvalidFormat << "version: unsupported value 0";
    QTest::newRow("version text") << QString() << "version" << text("1") << ErrorCode::InvalidFormat
                                  << "version: expected a whole number, found a string";
    QTest::newRow("version missing")
        << QString() << "version" << removed << ErrorCode::InvalidFormat << "version: missing";

    // Unknown fields, one per level.
    QTest::newRow("unknown at root") << QString() << "colour" << text("red")
                                     << ErrorCode::InvalidFormat << "unknown field \"colour\"";
    QTest::newRow("unknown in server")
        << "server"
        << "hots" << text("x") << ErrorCode::InvalidFormat << "unknown field \"server.hots\"";
    QTest::newRow("unknown in sending")
        << "sending"
        << "rateperSecond" << QJsonValue(5) << ErrorCode::InvalidFormat
        << "unknown field \"sending.rateperSecond\"";
    QTest::newRow("unknown in timeouts")
        << "sending.timeouts"
        << "dataSecond" << QJsonValue(5) << ErrorCode::InvalidFormat
        << "unknown field \"sending.timeouts.dataSecond\"";
    QTest::newRow("unknown in message") << "message"
                                        << "htmlBody" << text("<p>") << ErrorCode::InvalidFormat
                                        << "unknown field \"message.htmlBody\"";
    // A recipient has no unknown fields: every extra property is a merge field, but text only.
    QTest::newRow("recipient merge field is a number")
        << "recipients[1]"
        << "company" << QJsonValue(5) << ErrorCode::InvalidValue
        << "recipients[1].company: expected text, found a number";
    QTest::newRow("recipient merge field without a name")
        << "recipients[0]"
        << " " << text("x") << ErrorCode::InvalidValue
        << "recipients[0]: a merge field needs a name";

    // Additions to version 1: message, sending and recipients file.
    QTest::newRow("html is a number") << "message"
                                      << "html" << QJsonValue(1) << ErrorCode::InvalidValue
                                      << "message.html: expected text, found a number";
    QTest::newRow("replyTo invalid")
        << "message"
        << "replyTo" << text("Help desk <help@>") << ErrorCode::InvalidValue
        << "message.replyTo: not a valid address: \"Help desk <help@>\"";
    QTest::newRow("attachments is text")
        << "message"
        << "attachments" << text("a.pdf") << ErrorCode::InvalidValue
        << "message.attachments: expected a list, found a string";
    QTest::newRow("attachment is a number")
        << "message"
        << "attachments" << QJsonValue(QJsonArray{QStringLiteral("a.pdf"), 2})
        << ErrorCode::InvalidValue
        << "message.attachments[1]: expected a file path, found a number";
    QTest::newRow("attachment is empty")
        << "message"
        << "attachments" << QJsonValue(QJsonArray{QString()}) << ErrorCode::InvalidValue
        << "message.attachments[0]: empty file path";
    const auto headers = [](const char *name, const QJsonValue &value) {
        return QJsonValue(QJsonObject{{QString::fromUtf8(name), value}});
    };
    QTest::newRow("headers is a list")
        << "message"
        << "headers" << QJsonValue(QJsonArray{}) << ErrorCode::InvalidValue
        << "message.headers: expected an object, found a list";
    QTest::newRow("header name with a space")
        << "message"
        << "headers" << headers("X Campaign", text("1")) << ErrorCode::InvalidValue
        << "message.headers.X Campaign: not a valid header name (printable ASCII without spaces "
           "or colons, RFC 5322 §3.6.8)";
    QTest::newRow("header name with a colon")
        << "message"
        << "headers" << headers("X-A:", text("1")) << ErrorCode::InvalidValue
        << "message.headers.X-A:: not a valid header name";
    QTest::newRow("header name not ASCII")
        << "message"
        << "headers" << headers("X-Kampagne-Größe", text("1")) << ErrorCode::InvalidValue
        << "message.headers.X-Kampagne-Größe: not a valid header name";
    QTest::newRow("header Subject")
        << "message"
        << "headers" << headers("subject", text("x")) << ErrorCode::InvalidValue
        << "message.headers.subject: Bulkmail writes this header itself; a custom header cannot "
           "replace it (use message.subject)";
    QTest::newRow("header Message-ID")
        << "message"
        << "headers" << headers("Message-ID", text("<x@y>")) << ErrorCode::InvalidValue
        << "message.headers.Message-ID: Bulkmail writes this header itself; a custom header "
           "cannot replace it";
    QTest::newRow("header Content-Type")
        << "message"
        << "headers" << headers("Content-Type", text("text/html")) << ErrorCode::InvalidValue
        << "message.headers.Content-Type: Bulkmail writes this header itself";
    for (const char *name : {"From",
                             "To",
                             "Date",
                             "MIME-Version",
                             "Bcc",
                             "Reply-To",
                             "List-Unsubscribe",
                             "content-transfer-encoding"}) {
        QTest::addRow("header %s", name)
            << "message"
            << "headers" << headers(name, text("x")) << ErrorCode::InvalidValue
            << QStringLiteral("message.headers.%1: Bulkmail writes this header itself")
                   .arg(QString::fromUtf8(name));
    }
    QTest::newRow("header value with CRLF (injection)")
        << "message"
        << "headers" << headers("X-Tag", text("a\r\nBcc: victim@example.org"))
        << ErrorCode::InvalidValue
        << "message.headers.X-Tag: the value must not contain line breaks (CR, LF) or other "
           "control characters";
    QTest::newRow("header value with LF")
        << "message"
        << "headers" << headers("X-Tag", text("a\nb")) << ErrorCode::InvalidValue
        << "message.headers.X-Tag: the value must not contain line breaks";
    QTest::newRow("header value is a number")
        << "message"
        << "headers" << headers("X-Tag", QJsonValue(5)) << ErrorCode::InvalidValue
        << "message.headers.X-Tag: expected text, found a number";
    QTest::newRow("unsubscribeByMail unknown field")
        << "message"
        << "unsubscribeByMail" << QJsonValue(QJsonObject{{QStringLiteral("subject"), text("x")}})
        << ErrorCode::InvalidFormat << "unknown field \"message.unsubscribeByMail.subject\"";
    QTest::newRow("unsubscribeByMail mailbox with a line break (injection)")
        << "message"
        << "unsubscribeByMail"
        << QJsonValue(
               QJsonObject{{QStringLiteral("mailbox"), text("a@example.org\r\nBcc: b@x.org")}})
        << ErrorCode::InvalidValue << "message.unsubscribeByMail.mailbox: not a valid address";
    QTest::newRow("unsubscribeByMail mailbox with a display name")
        << "message"
        << "unsubscribeByMail"
        << QJsonValue(QJsonObject{{QStringLiteral("mailbox"), text("Lists <a@example.org>")}})
        << ErrorCode::InvalidValue << "message.unsubscribeByMail.mailbox: not a valid address";
    QTest::newRow("unsubscribeByMail plusAddressing is text")
        << "message"
        << "unsubscribeByMail"
        << QJsonValue(QJsonObject{{QStringLiteral("plusAddressing"), text("yes")}})
        << ErrorCode::InvalidValue
        << "message.unsubscribeByMail.plusAddressing: expected true or false";
    QTest::newRow("unsubscribeByMail is true")
        << "message"
        << "unsubscribeByMail" << QJsonValue(true) << ErrorCode::InvalidValue
        << "message.unsubscribeByMail: expected an object";
    QTest::newRow("listUnsubscribe http")
        << "message"
        << "listUnsubscribe" << text("http://example.org/u") << ErrorCode::InvalidValue
        << "message.listUnsubscribe: must be an https: or mailto: address (RFC 2369, RFC 8058), "
           "found \"http://example.org/u\"";
    QTest::newRow("listUnsubscribe mailto without address")
        << "message"
        << "listUnsubscribe" << text("mailto:nobody") << ErrorCode::InvalidValue
        << "message.listUnsubscribe: must be an https: or mailto: address";
    QTest::newRow("listUnsubscribe with a merge tag")
        << "message"
        << "listUnsubscribe" << text("https://example.org/u?id={{email}}")
        << ErrorCode::InvalidValue
        << "message.listUnsubscribe: must be an https: or mailto: address";
    QTest::newRow("listUnsubscribe list with an http entry")
        << "message"
        << "listUnsubscribe" << text("<mailto:u@example.org>, <http://example.org/u>")
        << ErrorCode::InvalidValue
        << "message.listUnsubscribe: must be an https: or mailto: address";
    QTest::newRow("header Resent-From")
        << "message"
        << "headers" << headers("Resent-From", text("x@example.org")) << ErrorCode::InvalidValue
        << "message.headers.Resent-From: Bulkmail writes this header itself";
    QTest::newRow("listUnsubscribe https without host")
        << "message"
        << "listUnsubscribe" << text("https:///u") << ErrorCode::InvalidValue
        << "message.listUnsubscribe: must be an https: or mailto: address";
    QTest::newRow("unconfirmedPolicy unknown")
        << "sending"
        << "unconfirmedPolicy" << text("maybe") << ErrorCode::InvalidValue
        << "sending.unconfirmedPolicy: unknown value \"maybe\" (expected resend or hold)";
    QTest::newRow("duplicates unknown")
        << "sending"
        << "duplicates" << text("twice") << ErrorCode::InvalidValue
        << "sending.duplicates: unknown value \"twice\" (expected once or each)";
    QTest::newRow("unknown in headers is a header, not an unknown field")
        << "message"
        << "headers" << headers("Cc", text("x@example.org")) << ErrorCode::InvalidValue
        << "message.headers.Cc: Bulkmail writes this header itself";
    QTest::newRow("recipientsFile is a number")
        << QString() << "recipientsFile" << QJsonValue(1) << ErrorCode::InvalidValue
        << "recipientsFile: expected text, found a number";
    QTest::newRow("recipientsFile missing")
        << QString() << "recipientsFile" << text("/nonexistent/list.csv") << ErrorCode::Io
        << "recipientsFile: cannot open \"/nonexistent/list.csv\"";

    // Missing required fields.
    QTest::newRow("server missing")
        << QString() << "server" << removed << ErrorCode::InvalidValue << "server: missing";
    QTest::newRow("server.host missing")
        << "server"
        << "host" << removed << ErrorCode::InvalidValue << "server.host: missing";
    QTest::newRow("message missing")
        << QString() << "message" << removed << ErrorCode::InvalidValue << "message: missing";
    QTest::newRow("message.from missing")
        << "message"
        << "from" << removed << ErrorCode::InvalidValue << "message.from: missing";
    QTest::newRow("recipient email missing")
        << "recipients[0]"
        << "email" << removed << ErrorCode::InvalidValue << "recipients[0].email: missing";

    // Wrong types.
    QTest::newRow("name is a number")
        << QString() << "name" << QJsonValue(3) << ErrorCode::InvalidValue
        << "name: expected text, found a number";
    QTest::newRow("host is a number") << "server"
                                      << "host" << QJsonValue(1) << ErrorCode::InvalidValue
                                      << "server.host: expected text, found a number";
    QTest::newRow("port is text") << "server"
                                  << "port" << text("587") << ErrorCode::InvalidValue
                                  << "server.port: expected a whole number, found a string";
    QTest::newRow("port is fractional") << "server"
                                        << "port" << QJsonValue(25.5) << ErrorCode::InvalidValue
                                        << "server.port: must be a whole number, found 25.5";
    QTest::newRow("insecure flag is text")
        << "server"
        << "insecureSkipCertificateVerification" << text("yes") << ErrorCode::InvalidValue
        << "server.insecureSkipCertificateVerification: expected true or false, found a string";
    QTest::newRow("sending is a list")
        << QString() << "sending" << QJsonValue(QJsonArray{}) << ErrorCode::InvalidValue
        << "sending: expected an object, found a list";
    QTest::newRow("timeouts is null")
        << "sending"
        << "timeouts" << QJsonValue(QJsonValue::Null) << ErrorCode::InvalidValue
        << "sending.timeouts: expected an object, found null";
    QTest::newRow("ratePerDay is text") << "sending"
                                        << "ratePerDay" << text("many") << ErrorCode::InvalidValue
                                        << "sending.ratePerDay: expected a whole number";
    QTest::newRow("ratePerSecond is text")
        << "sending"
        << "ratePerSecond" << text("10") << ErrorCode::InvalidValue
        << "sending.ratePerSecond: expected a number";
    QTest::newRow("recipients is an object")
        << QString() << "recipients" << QJsonValue(QJsonObject{}) << ErrorCode::InvalidValue
        << "recipients: expected a list, found an object";
    QTest::newRow("subject is a list")
        << "message"
        << "subject" << QJsonValue(QJsonArray{}) << ErrorCode::InvalidValue
        << "message.subject: expected text, found a list";

    // Out of range and unknown values.
    QTest::newRow("security ssl") << "server"
                                  << "security" << text("ssl") << ErrorCode::InvalidValue
                                  << "server.security: unknown value \"ssl\" (expected none, "
                                     "starttls or tls)";
    QTest::newRow("port 0") << "server"
                            << "port" << QJsonValue(0) << ErrorCode::InvalidValue
                            << "server.port: must be at least 1";
    QTest::newRow("port 65536") << "server"
                                << "port" << QJsonValue(65536) << ErrorCode::InvalidValue
                                << "server.port: must be at most 65535";
    QTest::newRow("maxConnections 0")
        << "sending"
        << "maxConnections" << QJsonValue(0) << ErrorCode::InvalidValue
        << "sending.maxConnections: must be at least 1";
    QTest::newRow("maxAttempts 0") << "sending"
                                   << "maxAttempts" << QJsonValue(0) << ErrorCode::InvalidValue
                                   << "sending.maxAttempts: must be at least 1";
    const char *countFields[] = {"maxMessagesPerConnection",
                                 "maxConnectionAgeSeconds",
                                 "idleTimeoutSeconds",
                                 "ratePerMinute",
                                 "ratePerDay",
                                 "delayBetweenMessagesMs",
                                 "retryDelaySeconds"};
    for (const char *field : countFields) {
        QTest::addRow("%s negative", field)
            << "sending" << field << QJsonValue(-1) << ErrorCode::InvalidValue
            << QStringLiteral("sending.%1: must be at least 0").arg(QLatin1String(field));
    }
    QTest::newRow("ratePerSecond negative")
        << "sending"
        << "ratePerSecond" << QJsonValue(-0.5) << ErrorCode::InvalidValue
        << "sending.ratePerSecond: must be at least 0";
    QTest::newRow("maxConnections huge")
        << "sending"
        << "maxConnections" << QJsonValue(1e12) << ErrorCode::InvalidValue
        << "sending.maxConnections: must be at most 2147483647";
    const char *timeoutFields[] = {"connectSeconds",
                                   "greetingSeconds",
                                   "commandSeconds",
                                   "dataSeconds",
                                   "finalDotSeconds"};
    for (const char *field : timeoutFields) {
        QTest::addRow("%s zero", field)
            << "sending.timeouts" << field << QJsonValue(0) << ErrorCode::InvalidValue
            << QStringLiteral("sending.timeouts.%1: must be at least 1").arg(QLatin1String(field));
    }
    QTest::newRow("import notice of an unknown kind")
        << QString() << "importNotices"
        << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("file"), QStringLiteral("a.xlsx")},
                                             {QStringLiteral("kind"), QStringLiteral("odd")}}})
        << ErrorCode::InvalidValue << "importNotices[0].kind: expected \"hiddenSheets\"";
    QTest::newRow("import notice without a file")
        << QString() << "importNotices"
        << QJsonValue(
               QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("hiddenRows")}}})
        << ErrorCode::InvalidValue << "importNotices[0].file: missing";
    QTest::newRow("import notice value not text")
        << QString() << "importNotices"
        << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("file"), QStringLiteral("a.xlsx")},
                                             {QStringLiteral("kind"), QStringLiteral("hiddenRows")},
                                             {QStringLiteral("values"), QJsonArray{5}}}})
        << ErrorCode::InvalidValue << "importNotices[0].values: expected text";
    QTest::newRow("recipient is text")
        << QString() << "recipients" << QJsonValue(QJsonArray{QStringLiteral("a@example.org")})
        << ErrorCode::InvalidValue << "recipients[0]: expected an object, found a string";
}

void TestCampaignFile::validationErrors()
{
    QFETCH(QString, objectPath);
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(ErrorCode, code);
    QFETCH(QString, message);

    const auto result = parseCampaign(campaignJsonWith(objectPath, key, value), QString());
    QVERIFY(!result);
    QVERIFY2(result.error().message.startsWith(message),
             qPrintable(QStringLiteral("got: ") + result.error().message));
    QCOMPARE(result.error().code, code);
}

void TestCampaignFile::malformedJsonReportsPosition()
{
    const auto broken = parseCampaign("{\n  \"format\": \"bulkmail-campaign\",\n  \"version\" 1\n}",
                                      QString());
    QVERIFY(!broken);
    QCOMPARE(broken.error().code, ErrorCode::InvalidFormat);
    QVERIFY2(broken.error().message.startsWith(QLatin1String("not valid JSON at line 3, column")),
             qPrintable(broken.error().message));

    const auto array = parseCampaign("[1, 2]", QString());
    QVERIFY(!array);
    QCOMPARE(array.error().code, ErrorCode::InvalidFormat);
    QVERIFY(array.error().message.contains(QLatin1String("not a JSON object")));
}

void TestCampaignFile::passwordIsRefused_data()
{
    QTest::addColumn<QString>("objectPath");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("field");

    QTest::newRow("server.password") << "server"
                                     << "password"
                                     << "server.password";
    QTest::newRow("server.Password") << "server"
                                     << "Password"
                                     << "server.Password";
    QTest::newRow("server.smtpPassword") << "server"
                                         << "smtpPassword"
                                         << "server.smtpPassword";
    QTest::newRow("password at the top") << QString() << "password"
                                         << "password";
    QTest::newRow("password as a merge field") << "recipients[1]"
                                               << "password"
                                               << "recipients[1].password";
}

void TestCampaignFile::passwordIsRefused()
{
    QFETCH(QString, objectPath);
    QFETCH(QString, key);
    QFETCH(QString, field);

    const auto result = parseCampaign(campaignJsonWith(objectPath,
                                                       key,
                                                       QJsonValue(QStringLiteral("hunter2"))),
                                      QString());
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::InvalidFormat);
    const QString &message = result.error().message;
    QVERIFY2(message.startsWith(field + QStringLiteral(": passwords never go into campaign files")),
             qPrintable(message));
    QVERIFY(message.contains(QLatin1String("BULKMAIL_PASSWORD")));
    QVERIFY(message.contains(QLatin1String("keychain")));
    QVERIFY(!message.contains(QLatin1String("hunter2")));
}

void TestCampaignFile::securityValues_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<SecurityMode>("mode");
    QTest::newRow("none") << "none" << SecurityMode::None;
    QTest::newRow("starttls") << "starttls" << SecurityMode::StartTls;
    QTest::newRow("tls") << "tls" << SecurityMode::ImplicitTls;
}

void TestCampaignFile::securityValues()
{
    QFETCH(QString, value);
    QFETCH(SecurityMode, mode);
    const auto campaign = parseCampaign(campaignJsonWith(QStringLiteral("server"),
                                                         QStringLiteral("security"),
                                                         value),
                                        QString());
    QVERIFY_RESULT(campaign);
    QCOMPARE(campaign->server.security, mode);
    QVERIFY(serializeCampaign(*campaign, QString())
                .contains(QByteArray("\"security\": \"" + value.toLatin1() + '"')));
}

void TestCampaignFile::fractionalRateAndInsecureFlag()
{
    QJsonObject object = withField(validCampaignObject(),
                                   {QStringLiteral("sending")},
                                   QStringLiteral("ratePerSecond"),
                                   0.5)
                             .toObject();
    object = withField(object,
                       {QStringLiteral("server")},
                       QStringLiteral("insecureSkipCertificateVerification"),
                       true)
                 .toObject();
    const auto campaign = parseCampaign(QJsonDocument(object).toJson(), QString());
    QVERIFY_RESULT(campaign);
    QCOMPARE(campaign->sending.rateLimits.perSecond, 0.5);
    QCOMPARE(campaign->server.verification, CertificateVerification::InsecureSkipAll);

    const auto verifying = parseCampaign(QJsonDocument(validCampaignObject()).toJson(), QString());
    QVERIFY_RESULT(verifying);
    QCOMPARE(verifying->server.verification, CertificateVerification::Verify);
}

void TestCampaignFile::invalidRecipientAddressesAreKept()
{
    const QJsonArray recipients{QJsonObject{{QStringLiteral("email"), QStringLiteral("broken@")}},
                                QJsonObject{{QStringLiteral("email"),
                                             QStringLiteral("ok@example.org")},
                                            {QStringLiteral("name"), QStringLiteral("Ok")}},
                                QJsonObject{{QStringLiteral("email"), QString()}}};
    const auto campaign = parseCampaign(campaignJsonWith(QString(),
                                                         QStringLiteral("recipients"),
                                                         recipients),
                                        QString());
    QVERIFY_RESULT(campaign);
    QCOMPARE(campaign->recipients.size(), 3);
    QCOMPARE(campaign->recipients[0].email, QStringLiteral("broken@"));
    QVERIFY(!isValidEmailAddress(campaign->recipients[0].email));
    QCOMPARE(campaign->recipients[1],
             (Recipient{QStringLiteral("ok@example.org"), QStringLiteral("Ok")}));
    QCOMPARE(campaign->recipients[2].email, QString());
}

void TestCampaignFile::relativeTrustCertificateResolvesAgainstFileDirectory()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    QVERIFY(QDir(directory.path()).mkpath(QStringLiteral("campaigns")));
    const QString campaignDirectory = directory.filePath(QStringLiteral("campaigns"));
    const QString path = campaignDirectory + QStringLiteral("/news.bulkmail");

    const auto loadWith = [&](const QString &certificate) {
        const bool isWritten = writeFile(path,
                                         campaignJsonWith(QStringLiteral("server"),
                                                          QStringLiteral("trustCertificate"),
                                                          certificate));
        return isWritten ? loadCampaign(path) : makeError(ErrorCode::Io, QStringLiteral("setup"));
    };

    auto campaign = loadWith(QStringLiteral("certs/ca.pem"));
    QVERIFY_RESULT(campaign);
    QCOMPARE(campaign->server.trustCertificateFile,
             campaignDirectory + QStringLiteral("/certs/ca.pem"));

    campaign = loadWith(QStringLiteral("../shared/ca.pem"));
    QVERIFY_RESULT(campaign);
    QCOMPARE(campaign->server.trustCertificateFile,
             directory.filePath(QStringLiteral("shared/ca.pem")));

    campaign = loadWith(QStringLiteral("/etc/ssl/certs/ca.pem"));
    QVERIFY_RESULT(campaign);
    QCOMPARE(campaign->server.trustCertificateFile, QStringLiteral("/etc/ssl/certs/ca.pem"));

    campaign = loadWith(QString());
    QVERIFY_RESULT(campaign);
    QCOMPARE(campaign->server.trustCertificateFile, QString());

    // parseCampaign resolves against the directory it is given.
    const auto parsed = parseCampaign(campaignJsonWith(QStringLiteral("server"),
                                                       QStringLiteral("trustCertificate"),
                                                       QStringLiteral("ca.pem")),
                                      QStringLiteral("/srv/mail"));
    QVERIFY_RESULT(parsed);
    QCOMPARE(parsed->server.trustCertificateFile, QStringLiteral("/srv/mail/ca.pem"));
}

void TestCampaignFile::trustCertificateIsSavedRelativeOnlyUnderTheFileDirectory()
{
    Campaign campaign;
    campaign.server.host = QStringLiteral("smtp.example.org");
    campaign.message.from = QStringLiteral("a@example.org");

    campaign.server.trustCertificateFile = QStringLiteral("/srv/mail/certs/ca.pem");
    QVERIFY(serializeCampaign(campaign, QStringLiteral("/srv/mail"))
                .contains("\"trustCertificate\": \"certs/ca.pem\""));
    campaign.server.trustCertificateFile = QStringLiteral("/srv/other/ca.pem");
    QVERIFY(serializeCampaign(campaign, QStringLiteral("/srv/mail"))
                .contains("\"trustCertificate\": \"/srv/other/ca.pem\""));
    campaign.server.trustCertificateFile = QStringLiteral("/srv/mailbox/ca.pem"); // a prefix only
    QVERIFY(serializeCampaign(campaign, QStringLiteral("/srv/mail"))
                .contains("\"trustCertificate\": \"/srv/mailbox/ca.pem\""));
    campaign.server.trustCertificateFile.clear();
    QVERIFY(serializeCampaign(campaign, QStringLiteral("/srv/mail"))
                .contains("\"trustCertificate\": \"\""));
}

void TestCampaignFile::loadSetsAbsoluteFilePath()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(QStringLiteral("a.bulkmail"));
    QVERIFY(writeFile(path, QJsonDocument(validCampaignObject()).toJson()));
    const auto campaign = loadCampaign(path);
    QVERIFY_RESULT(campaign);
    QCOMPARE(campaign->filePath, QFileInfo(path).absoluteFilePath());
    QCOMPARE(campaign->recipients.size(), 2);
}

void TestCampaignFile::loadMissingFileIsIoError()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(QStringLiteral("missing.bulkmail"));
    const auto result = loadCampaign(path);
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Io);
    QVERIFY(result.error().message.contains(path));
}

void TestCampaignFile::failedSaveLeavesOldFileIntact_data()
{
    QTest::addColumn<QString>("obstacle");
    QTest::newRow("read-only directory") << "read-only directory";
    QTest::newRow("target is a directory") << "target is a directory";
    QTest::newRow("directory does not exist") << "directory does not exist";
}

void TestCampaignFile::failedSaveLeavesOldFileIntact()
{
    QFETCH(QString, obstacle);
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString folder = directory.filePath(QStringLiteral("folder"));
    QVERIFY(QDir().mkpath(folder));
    QString target = folder + QStringLiteral("/news.bulkmail");
    QString keptFile = target; // the file whose bytes must survive
    const QByteArray oldBytes = "old, good contents\n";

    if (obstacle == QLatin1String("target is a directory")) {
        QVERIFY(QDir().mkpath(target));
        keptFile = target + QStringLiteral("/inside.txt");
    } else if (obstacle == QLatin1String("directory does not exist")) {
        target = folder + QStringLiteral("/absent/news.bulkmail");
    }
    QVERIFY(writeFile(keptFile, oldBytes));

    std::optional<UnprivilegedScope> unprivileged;
    if (obstacle == QLatin1String("read-only directory")) {
        // Readable and searchable by everyone (the unprivileged user included), writable by none.
        const auto everyone = QFileDevice::ReadOwner | QFileDevice::ExeOwner
                              | QFileDevice::ReadOther | QFileDevice::ExeOther;
        QVERIFY(QFile::setPermissions(directory.path(), everyone | QFileDevice::WriteOwner));
        QVERIFY(QFile::setPermissions(folder, everyone));
        unprivileged.emplace();
        QFile probe(folder + QStringLiteral("/probe"));
        QVERIFY2(!probe.open(QIODevice::WriteOnly), "the read-only directory is writable");
    }

    Campaign campaign = richCampaign(folder);
    const auto saved = saveCampaign(campaign, target);
    unprivileged.reset();

    QFile::setPermissions(folder,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QVERIFY(!saved);
    QCOMPARE(saved.error().code, ErrorCode::Io);
    QVERIFY2(saved.error().message.contains(target), qPrintable(saved.error().message));
    QCOMPARE(readFile(keptFile), oldBytes);
    // No temporary file is left beside the target.
    const QStringList leftovers = QDir(folder).entryList(QDir::Files | QDir::Hidden);
    const QStringList expected = obstacle == QLatin1String("target is a directory")
                                     ? QStringList{}
                                     : QStringList{QStringLiteral("news.bulkmail")};
    QCOMPARE(leftovers, expected);
}

void TestCampaignFile::exampleLoadsAndComposes()
{
    const QString path = QStringLiteral(BULKMAIL_EXAMPLES_DIR "/welcome.bulkmail");
    const auto campaign = loadCampaign(path);
    QVERIFY_RESULT(campaign);
    QCOMPARE(campaign->name, QStringLiteral("Welcome to Bulkmail"));
    QCOMPARE(campaign->server.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(campaign->server.port, quint16(2525));
    QCOMPARE(campaign->server.security, SecurityMode::None);
    QVERIFY(campaign->server.username.isEmpty());
    QCOMPARE(campaign->sending.maxConnections, 1);
    QCOMPARE(campaign->sending.maxMessagesPerConnection, 10);
    QCOMPARE(campaign->sending.rateLimits.perSecond, 20.0);
    QVERIFY(campaign->message.subject.contains(QLatin1String("{{name}}"))
            || campaign->message.text.contains(QLatin1String("{{name}}")));
    QCOMPARE(campaign->recipients.size(), 36);
    QVERIFY(std::any_of(campaign->recipients.cbegin(),
                        campaign->recipients.cend(),
                        [](const Recipient &r) { return r.name == QStringLiteral("王芳"); }));

    // The example is written in the canonical layout, so saving it changes nothing.
    QCOMPARE(serializeCampaign(*campaign, QFileInfo(path).absolutePath()), readFile(path));

    QSet<QString> addresses;
    const auto renderer = MessageRenderer::create(campaign->message, campaign->recipientFields);
    QVERIFY_RESULT(renderer);
    for (const Recipient &recipient : campaign->recipients) {
        QVERIFY2(isValidEmailAddress(recipient.email), qPrintable(recipient.email));
        QVERIFY(!recipient.name.isEmpty());
        addresses.insert(recipient.email);
        // Composed exactly as the runner composes it.
        const auto message = composeMime(campaign->message,
                                         renderer->render(recipient),
                                         recipient,
                                         MimeContext{});
        QVERIFY_RESULT(message);
        // A newcomer's first look at the output: short CRLF lines only.
        const QList<QByteArray> lines = message->content.split('\n');
        QVERIFY(lines.last().isEmpty());
        for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
            QVERIFY2(lines[i].endsWith('\r') && lines[i].size() <= 79, lines[i].constData());
        }
    }
    QCOMPARE(addresses.size(), 36);
}

void TestCampaignFile::recipientsFileIsImportedBesideInlineRecipients()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    QVERIFY(QDir(directory.path()).mkpath(QStringLiteral("lists")));
    const QString csvPath = directory.filePath(QStringLiteral("lists/customers.csv"));
    QVERIFY(writeFile(csvPath,
                      "\xEF\xBB\xBF"
                      "Email;Name;Company;Plan\r\n"
                      "ana@example.com;Ana;Flores;pro\r\n"
                      "kenji@example.jp;山田 健二;\"Yamada; Inc.\";\r\n"));
    QJsonObject object = validCampaignObject();
    object.insert(QStringLiteral("recipientsFile"), QStringLiteral("lists/customers.csv"));
    object.insert(QStringLiteral("recipients"),
                  QJsonArray{
                      QJsonObject{{QStringLiteral("email"), QStringLiteral("vip@example.org")},
                                  {QStringLiteral("Plan"), QStringLiteral("vip")},
                                  {QStringLiteral("level"), QStringLiteral("gold")}}});
    const QString path = directory.filePath(QStringLiteral("news.bulkmail"));
    QVERIFY(writeFile(path, QJsonDocument(object).toJson()));

    const auto campaign = loadCampaign(path);
    QVERIFY_RESULT(campaign);
    QCOMPARE(campaign->recipientsFile, csvPath);
    QCOMPARE(campaign->recipientFields,
             (QStringList{QStringLiteral("Company"),
                          QStringLiteral("Plan"),
                          QStringLiteral("level")}));
    const QList<Recipient> expected{{QStringLiteral("ana@example.com"),
                                     QStringLiteral("Ana"),
                                     {QStringLiteral("Flores"), QStringLiteral("pro")},
                                     2},
                                    {QStringLiteral("kenji@example.jp"),
                                     QStringLiteral("山田 健二"),
                                     {QStringLiteral("Yamada; Inc.")},
                                     3},
                                    {QStringLiteral("vip@example.org"),
                                     QString(),
                                     {QString(), QStringLiteral("vip"), QStringLiteral("gold")},
                                     0}};
    QCOMPARE(campaign->recipients, expected);

    // Saving keeps the file reference, relative, and writes only the inline recipient.
    const QString savedPath = directory.filePath(QStringLiteral("saved.bulkmail"));
    QVERIFY_RESULT(saveCampaign(*campaign, savedPath));
    const QByteArray saved = readFile(savedPath);
    QVERIFY2(saved.contains("  \"recipientsFile\": \"lists/customers.csv\",\n  \"recipients\": [\n"
                            "    { \"email\": \"vip@example.org\", \"Plan\": \"vip\", \"level\": "
                            "\"gold\" }\n  ]\n}"),
             saved.constData());
    QVERIFY(!saved.contains("ana@example.com"));
    const auto reloaded = loadCampaign(savedPath);
    QVERIFY_RESULT(reloaded);
    compareCampaigns(*reloaded, *campaign);

    // A file outside the campaign's directory is written as an absolute path.
    QCOMPARE(serializeCampaign(*campaign, directory.filePath(QStringLiteral("elsewhere")))
                 .contains(QByteArray("\"recipientsFile\": \"" + csvPath.toUtf8() + '"')),
             true);
}

void TestCampaignFile::recipientsFileErrorsNameTheFieldAndLine()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    QVERIFY(writeFile(directory.filePath(QStringLiteral("broken.csv")),
                      "email,name\r\na@example.org,Alice\r\nb@example.org,\"Bob\r\n"));
    const auto result = parseCampaign(campaignJsonWith(QString(),
                                                       QStringLiteral("recipientsFile"),
                                                       QStringLiteral("broken.csv")),
                                      directory.path());
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::CsvMalformedRow);
    QCOMPARE(result.error().message,
             QStringLiteral("recipientsFile: line 3: a quoted value that starts in this row is "
                            "never closed (a missing \" at the end of a value)"));
}

void TestCampaignFile::inlineMergeFields()
{
    const QJsonArray recipients{
        QJsonObject{{QStringLiteral("email"), QStringLiteral("a@example.org")},
                    {QStringLiteral("name"), QStringLiteral("A")},
                    {QStringLiteral("company"), QStringLiteral("ACME")}},
        QJsonObject{{QStringLiteral("email"), QStringLiteral("b@example.org")},
                    {QStringLiteral("city"), QStringLiteral("Oslo")},
                    {QStringLiteral("company"), QString()}},
        QJsonObject{{QStringLiteral("email"), QStringLiteral("c@example.org")}}};
    const auto campaign = parseCampaign(campaignJsonWith(QString(),
                                                         QStringLiteral("recipients"),
                                                         recipients),
                                        QString());
    QVERIFY_RESULT(campaign);
    QCOMPARE(campaign->recipientFields,
             (QStringList{QStringLiteral("company"), QStringLiteral("city")}));
    QCOMPARE(campaign->recipients[0].fields, QStringList{QStringLiteral("ACME")});
    QCOMPARE(campaign->recipients[1].fields, (QStringList{QString(), QStringLiteral("Oslo")}));
    QCOMPARE(campaign->recipients[2].fields, QStringList());

    const QByteArray saved = serializeCampaign(*campaign, QString());
    QVERIFY(saved.contains(
        "    { \"email\": \"a@example.org\", \"name\": \"A\", \"company\": \"ACME\" },\n"
        "    { \"email\": \"b@example.org\", \"city\": \"Oslo\" },\n"
        "    { \"email\": \"c@example.org\" }\n"));
}

void TestCampaignFile::attachmentsResolveAgainstTheFileDirectory()
{
    const QJsonArray attachments{QStringLiteral("files/a.pdf"),
                                 QStringLiteral("../shared/b.png"),
                                 QStringLiteral("/etc/c.txt")};
    const auto campaign = parseCampaign(campaignJsonWith(QStringLiteral("message"),
                                                         QStringLiteral("attachments"),
                                                         attachments),
                                        QStringLiteral("/srv/mail/campaigns"));
    QVERIFY_RESULT(campaign);
    QCOMPARE(campaign->message.attachments,
             (QStringList{QStringLiteral("/srv/mail/campaigns/files/a.pdf"),
                          QStringLiteral("/srv/mail/shared/b.png"),
                          QStringLiteral("/etc/c.txt")}));
    // Written back relative where under the campaign's directory, absolute elsewhere.
    QVERIFY(serializeCampaign(*campaign, QStringLiteral("/srv/mail/campaigns"))
                .contains("\"attachments\": [\n      \"files/a.pdf\",\n      "
                          "\"/srv/mail/shared/b.png\",\n      \"/etc/c.txt\"\n    ]"));
}

void TestCampaignFile::acceptedAdditions_data()
{
    QTest::addColumn<QString>("objectPath");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");

    QTest::newRow("https unsubscribe")
        << "message"
        << "listUnsubscribe" << QJsonValue(QStringLiteral("https://example.org/u?id=42&l=zh"));
    QTest::newRow("mailto unsubscribe")
        << "message"
        << "listUnsubscribe"
        << QJsonValue(QStringLiteral("mailto:unsubscribe@example.org?subject=stop"));
    QTest::newRow("header with non-ASCII value and a tab")
        << "message"
        << "headers"
        << QJsonValue(QJsonObject{{QStringLiteral("X-Note"), QStringLiteral("春季\tnews")}});
    QTest::newRow("header named like a reserved prefix")
        << "message"
        << "headers"
        << QJsonValue(QJsonObject{{QStringLiteral("X-Content-Type"), QStringLiteral("x")}});
    QTest::newRow("https with mailto, in brackets")
        << "message"
        << "listUnsubscribe"
        << QJsonValue(QStringLiteral("<https://example.org/u/1>, <mailto:u@example.org>"));
    QTest::newRow("unsubscribe by mail to the sender")
        << "message"
        << "unsubscribeByMail" << QJsonValue(QJsonObject{});
    QTest::newRow("unsubscribe by mail, plus-addressed")
        << "message"
        << "unsubscribeByMail" << QJsonValue(QJsonObject{{QStringLiteral("plusAddressing"), true}});
    QTest::newRow("bare replyTo") << "message"
                                  << "replyTo" << QJsonValue(QStringLiteral("help@example.org"));
    QTest::newRow("policy resend") << "sending"
                                   << "unconfirmedPolicy" << QJsonValue(QStringLiteral("resend"));
    QTest::newRow("empty recipientsFile") << QString() << "recipientsFile" << QJsonValue(QString());
}

void TestCampaignFile::acceptedAdditions()
{
    QFETCH(QString, objectPath);
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    const auto campaign = parseCampaign(campaignJsonWith(objectPath, key, value), QString());
    QVERIFY_RESULT(campaign);
    if (key == QLatin1String("unsubscribeByMail")) // present, even as {}: offered
        QVERIFY(campaign->message.unsubscribeByMail.isEnabled);
    // What was read is written back the same way.
    const auto again = parseCampaign(serializeCampaign(*campaign, QString()), QString());
    QVERIFY_RESULT(again);
    compareCampaigns(*again, *campaign);
}

void TestCampaignFile::filesWithoutAdditionsStayCanonical()
{
    const auto campaign = parseCampaign(QJsonDocument(validCampaignObject()).toJson(), QString());
    QVERIFY_RESULT(campaign);
    QCOMPARE(campaign->sending.unconfirmedPolicy, UnconfirmedPolicy::Resend);
    QVERIFY(campaign->recipientFields.isEmpty());
    QVERIFY(campaign->recipientsFile.isEmpty());
    const QByteArray saved = serializeCampaign(*campaign, QString());
    for (const char *key : {"replyTo",
                            "html",
                            "attachments",
                            "headers",
                            "listUnsubscribe",
                            "unsubscribeByMail",
                            "unconfirmedPolicy",
                            "recipientsFile",
                            "auth",
                            "oauth"}) {
        QVERIFY2(!saved.contains(key), key);
    }
}

// The OAuth2 fields of "server": read, defaults, and written back only as far as they differ
// from the defaults.
void TestCampaignFile::oauthSettings_data()
{
    QTest::addColumn<QJsonObject>("fields"); // added to "server"
    QTest::addColumn<int>("auth");           // AuthMethod
    QTest::addColumn<OAuthSettings>("oauth");
    QTest::addColumn<QStringList>("written"); // the OAuth keys the writer emits

    OAuthSettings defaults;
    QTest::newRow("password, explicit")
        << QJsonObject{{QStringLiteral("auth"), QStringLiteral("password")}}
        << int(AuthMethod::Password) << defaults << QStringList();

    OAuthSettings microsoft;
    microsoft.clientId = QStringLiteral("client-1");
    QTest::newRow("Microsoft, common tenant")
        << QJsonObject{{QStringLiteral("auth"), QStringLiteral("oauth2")},
                       {QStringLiteral("oauthClientId"), QStringLiteral("client-1")}}
        << int(AuthMethod::OAuth2) << microsoft
        << QStringList{QStringLiteral("auth"),
                       QStringLiteral("oauthProvider"),
                       QStringLiteral("oauthClientId")};

    OAuthSettings google;
    google.provider = OAuthProvider::Google;
    QTest::newRow("Google without a client id yet")
        << QJsonObject{{QStringLiteral("auth"), QStringLiteral("oauth2")},
                       {QStringLiteral("oauthProvider"), QStringLiteral("google")}}
        << int(AuthMethod::OAuth2) << google
        << QStringList{QStringLiteral("auth"), QStringLiteral("oauthProvider")};

    OAuthSettings custom;
    custom.provider = OAuthProvider::Custom;
    custom.clientId = QStringLiteral("bulkmail");
    custom.authorizationUrl = QStringLiteral("http://127.0.0.1:8080/authorize");
    custom.tokenUrl = QStringLiteral("https://id.example.org/token");
    custom.scope = QStringLiteral("smtp offline_access");
    QTest::newRow("custom endpoints")
        << QJsonObject{{QStringLiteral("auth"), QStringLiteral("oauth2")},
                       {QStringLiteral("oauthProvider"), QStringLiteral("custom")},
                       {QStringLiteral("oauthClientId"), QStringLiteral("bulkmail")},
                       {QStringLiteral("oauthAuthorizationUrl"),
                        QStringLiteral("http://127.0.0.1:8080/authorize")},
                       {QStringLiteral("oauthTokenUrl"),
                        QStringLiteral("https://id.example.org/token")},
                       {QStringLiteral("oauthScope"), QStringLiteral("smtp offline_access")}}
        << int(AuthMethod::OAuth2) << custom
        << QStringList{QStringLiteral("auth"),
                       QStringLiteral("oauthProvider"),
                       QStringLiteral("oauthClientId"),
                       QStringLiteral("oauthAuthorizationUrl"),
                       QStringLiteral("oauthTokenUrl"),
                       QStringLiteral("oauthScope")};
}

void TestCampaignFile::oauthSettings()
{
    QFETCH(QJsonObject, fields);
    QFETCH(int, auth);
    QFETCH(OAuthSettings, oauth);
    QFETCH(QStringList, written);

    QJsonObject root = validCampaignObject();
    QJsonObject server = root.value(QLatin1String("server")).toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it)
        server.insert(it.key(), it.value());
    root.insert(QStringLiteral("server"), server);
    const auto campaign = parseCampaign(QJsonDocument(root).toJson(), QString());
    QVERIFY_RESULT(campaign);
    QCOMPARE(int(campaign->auth), auth);
    QCOMPARE(campaign->oauth, oauth);

    const QByteArray saved = serializeCampaign(*campaign, QString());
    const QJsonObject savedServer = QJsonDocument::fromJson(saved)
                                        .object()
                                        .value(QLatin1String("server"))
                                        .toObject();
    QStringList oauthKeys;
    for (const QString &key : savedServer.keys()) {
        if (key == QLatin1String("auth") || key.startsWith(QLatin1String("oauth")))
            oauthKeys.append(key);
    }
    written.sort();
    QCOMPARE(oauthKeys, written);
    const auto again = parseCampaign(saved, QString());
    QVERIFY_RESULT(again);
    QCOMPARE(again->oauth, oauth);
    QCOMPARE(serializeCampaign(*again, QString()), saved);
}

void TestCampaignFile::oauthErrors_data()
{
    QTest::addColumn<QJsonObject>("fields"); // added to "server"
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("message");

    const auto oauth2 = [](std::initializer_list<std::pair<const char *, QJsonValue>> more) {
        QJsonObject object{{QStringLiteral("auth"), QStringLiteral("oauth2")}};
        for (const auto &[key, value] : more)
            object.insert(QString::fromUtf8(key), value);
        return object;
    };
    QTest::newRow("auth unknown") << QJsonObject{{QStringLiteral("auth"), QStringLiteral("oauth")}}
                                  << ErrorCode::InvalidValue
                                  << "server.auth: unknown value \"oauth\" (expected password or "
                                     "oauth2)";
    QTest::newRow("auth is true") << QJsonObject{{QStringLiteral("auth"), true}}
                                  << ErrorCode::InvalidValue << "server.auth: expected text";
    QTest::newRow("OAuth field with a password account")
        << QJsonObject{{QStringLiteral("oauthClientId"), QStringLiteral("x")}}
        << ErrorCode::InvalidValue << "server.oauthClientId: only used with \"auth\": \"oauth2\"";
    QTest::newRow("provider unknown")
        << oauth2({{"oauthProvider", QStringLiteral("yahoo")}}) << ErrorCode::InvalidValue
        << "server.oauthProvider: unknown value \"yahoo\" (expected microsoft, google or custom)";
    QTest::newRow("tenant for Google")
        << oauth2({{"oauthProvider", QStringLiteral("google")},
                   {"oauthTenant", QStringLiteral("contoso")}})
        << ErrorCode::InvalidValue
        << "server.oauthTenant: only used with \"oauthProvider\": \"microsoft\"";
    QTest::newRow("tenant with a slash")
        << oauth2({{"oauthTenant", QStringLiteral("a/b")}}) << ErrorCode::InvalidValue
        << "server.oauthTenant: \"a/b\" is not a tenant";
    QTest::newRow("custom without a token URL")
        << oauth2({{"oauthProvider", QStringLiteral("custom")},
                   {"oauthAuthorizationUrl", QStringLiteral("https://id.example.org/a")},
                   {"oauthScope", QStringLiteral("smtp")}})
        << ErrorCode::InvalidValue << "server.oauthTokenUrl: missing";
    QTest::newRow("plain http token URL")
        << oauth2({{"oauthTokenUrl", QStringLiteral("http://id.example.org/token")}})
        << ErrorCode::InvalidValue
        << "server.oauthTokenUrl: \"http://id.example.org/token\" is "
           "not an https URL";
    QTest::newRow("client id is a number")
        << oauth2({{"oauthClientId", 7}}) << ErrorCode::InvalidValue
        << "server.oauthClientId: expected text";
    QTest::newRow("a refresh token")
        << oauth2({{"refreshToken", QStringLiteral("rt-1")}}) << ErrorCode::InvalidFormat
        << "server.refreshToken: tokens never go into campaign files";
    QTest::newRow("an access token")
        << oauth2({{"oauthAccessToken", QStringLiteral("at-1")}}) << ErrorCode::InvalidFormat
        << "server.oauthAccessToken: tokens never go into campaign "
           "files";
}

void TestCampaignFile::oauthErrors()
{
    QFETCH(QJsonObject, fields);
    QJsonObject root = validCampaignObject();
    QJsonObject server = root.value(QLatin1String("server")).toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it)
        server.insert(it.key(), it.value());
    root.insert(QStringLiteral("server"), server);
    const auto campaign = parseCampaign(QJsonDocument(root).toJson(), QString());
    QVERIFY(!campaign);
    QTEST(campaign.error().code, "code");
    QFETCH(QString, message);
    QVERIFY2(campaign.error().message.startsWith(message), qPrintable(campaign.error().message));
}

QTEST_GUILESS_MAIN(TestCampaignFile)
#include "tst_campaignfile.moc"
