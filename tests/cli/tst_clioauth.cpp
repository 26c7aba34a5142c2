// bulkmail-cli with OAuth2: `login` (the test plays the browser through the printed address),
// `send` with the stored sign-in or --access-token-env against aiosmtpd checking XOAUTH2, `logout`,
// and no token in any file. CTest runs it inside tests/secrets/run_with_keychain.sh (a private
// D-Bus session with GNOME Keyring, HOME in a temporary directory); without it, it skips.

#include "oauth/tokenstore.h"
#include "oauthtestserver.h"
#include "privatedovecot.h"
#include "realservers.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Bulkmail;
using namespace Bulkmail::Test;

namespace {

constexpr int ProcessTimeoutMs = 60'000;
const QString Ada = QStringLiteral("ada@example.org");

struct CliRun
{
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;
};

PasswordStoreResult readStored(const QString &address)
{
    TokenStore store;
    std::optional<PasswordStoreResult> result;
    store.readRefreshToken(OAuthProvider::Custom, address, [&](const PasswordStoreResult &r) {
        result = r;
    });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 20'000))
        return {PasswordStoreStatus::Failed, {}, QStringLiteral("no answer")};
    return *result;
}

} // namespace

class TestCliOAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loginRefusesAPasswordCampaign();
    void sendBeforeLoginSaysToLogIn();
    void loginWithoutBrowser();
    void sendWithTheStoredSignIn();
    void theMailboxUsesTheStoredSignInToo();
    void sendWithAnAccessTokenFromTheEnvironment();
    void refusedAccessTokenFromTheEnvironment();
    void accessTokenEnvNeedsAnOAuthCampaign();
    void logoutForgetsTheSignIn();
    void noTokenInAnyFile();

private:
    QString writeCampaign(const QString &name, quint16 smtpPort, int recipients);
    CliRun run(const QStringList &arguments, const QProcessEnvironment &extra = {});

    QTemporaryDir m_dir;
    std::optional<OAuthTestServer> m_oauth;
    QStringList m_secrets; // every token seen, for noTokenInAnyFile()
};

void TestCliOAuth::initTestCase()
{
    if (qEnvironmentVariable("BULKMAIL_KEYCHAIN_EXPECT") != QLatin1String("available"))
        QSKIP("needs the keychain wrapper (tests/secrets/run_with_keychain.sh)");
    QVERIFY(m_dir.isValid());
    QVERIFY(QFileInfo::exists(QStringLiteral(BULKMAIL_CLI_PATH)));
    m_oauth.emplace();
    QVERIFY(m_oauth->start());
}

QString TestCliOAuth::writeCampaign(const QString &name, quint16 smtpPort, int recipients)
{
    QJsonArray list;
    for (int i = 1; i <= recipients; ++i)
        list.append(
            QJsonObject{{QStringLiteral("email"), QStringLiteral("user%1@example.org").arg(i)}});
    const OAuthSettings oauth = m_oauth->settings();
    const QJsonObject campaign{
        {QStringLiteral("format"), QStringLiteral("bulkmail-campaign")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("name"), name},
        {QStringLiteral("server"),
         QJsonObject{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                     {QStringLiteral("port"), smtpPort},
                     {QStringLiteral("security"), QStringLiteral("none")},
                     {QStringLiteral("username"), Ada},
                     {QStringLiteral("auth"), QStringLiteral("oauth2")},
                     {QStringLiteral("oauthProvider"), QStringLiteral("custom")},
                     {QStringLiteral("oauthClientId"), oauth.clientId},
                     {QStringLiteral("oauthAuthorizationUrl"), oauth.authorizationUrl},
                     {QStringLiteral("oauthTokenUrl"), oauth.tokenUrl},
                     {QStringLiteral("oauthScope"), oauth.scope}}},
        {QStringLiteral("sending"), QJsonObject{{QStringLiteral("ratePerSecond"), 0}}},
        {QStringLiteral("message"),
         QJsonObject{{QStringLiteral("from"), Ada},
                     {QStringLiteral("subject"), QStringLiteral("Hello")},
                     {QStringLiteral("text"), QStringLiteral("Hi {{email}}")}}},
        {QStringLiteral("recipients"), list},
    };
    const QString path = m_dir.filePath(name + QStringLiteral(".bulkmail"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(QJsonDocument(campaign).toJson());
    return path;
}

CliRun TestCliOAuth::run(const QStringList &arguments, const QProcessEnvironment &extra)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.insert(extra);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(BULKMAIL_CLI_PATH), arguments);
    CliRun result;
    if (!process.waitForFinished(ProcessTimeoutMs)) {
        process.kill();
        process.waitForFinished();
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.standardOutput = process.readAllStandardOutput();
    result.standardError = process.readAllStandardError();
    return result;
}

void TestCliOAuth::loginRefusesAPasswordCampaign()
{
    const QString path = writeCampaign(QStringLiteral("password"), 25, 1);
    QJsonObject root = QJsonDocument::fromJson([&] {
                           QFile file(path);
                           return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
                       }())
                           .object();
    QJsonObject server = root.value(QLatin1String("server")).toObject();
    for (const QString &key : server.keys()) {
        if (key == QLatin1String("auth") || key.startsWith(QLatin1String("oauth")))
            server.remove(key);
    }
    root.insert(QStringLiteral("server"), server);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(root).toJson());
    file.close();

    const CliRun login = run({QStringLiteral("login"), path, QStringLiteral("--no-browser")});
    QCOMPARE(login.exitCode, 1);
    QVERIFY2(login.standardError.contains("login is for campaigns with \"auth\": \"oauth2\""),
             login.standardError.constData());
}

void TestCliOAuth::sendBeforeLoginSaysToLogIn()
{
    const QString path = writeCampaign(QStringLiteral("early"), 25, 1);
    const CliRun send = run({QStringLiteral("send"), path});
    QCOMPARE(send.exitCode, 1);
    const QByteArray expected = "ada@example.org is not signed in on this computer: run "
                                "bulkmail-cli login "
                                + path.toUtf8() + " first";
    QVERIFY2(send.standardError.contains(expected), send.standardError.constData());
}

void TestCliOAuth::loginWithoutBrowser()
{
    const QString path = writeCampaign(QStringLiteral("login"), 25, 1);
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(BULKMAIL_CLI_PATH),
                  {QStringLiteral("login"), path, QStringLiteral("--no-browser")});
    QVERIFY(process.waitForStarted());

    // The address to open is printed on stderr, indented on its own line.
    QByteArray standardError;
    QUrl url;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            standardError += process.readAllStandardError();
            for (const QByteArray &line : standardError.split('\n')) {
                if (line.startsWith("  http"))
                    url = QUrl(QString::fromUtf8(line.trimmed()));
            }
            return url.isValid() || process.state() == QProcess::NotRunning;
        }(),
        ProcessTimeoutMs);
    QVERIFY2(url.isValid(), standardError.constData());
    QVERIFY(standardError.contains("Open this address in a browser to sign in:"));
    QCOMPARE(url.toString(QUrl::RemoveQuery), m_oauth->settings().authorizationUrl);

    const HttpResult visit = httpGet(url);
    QCOMPARE(visit.status, 200);
    QVERIFY(process.waitForFinished(ProcessTimeoutMs));
    standardError += process.readAllStandardError();
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(process.readAllStandardOutput(), QByteArray("Signed in as ada@example.org.\n"));

    const PasswordStoreResult stored = readStored(Ada);
    QCOMPARE(stored.status, PasswordStoreStatus::Success);
    QVERIFY(stored.password.startsWith(QLatin1String("rt-")));
    m_secrets << stored.password << m_oauth->issuedAccessTokens();
}

void TestCliOAuth::sendWithTheStoredSignIn()
{
    AiosmtpdOptions options;
    options.oauthTokensFile = m_oauth->tokensPath();
    AiosmtpdServer smtp(options);
    QVERIFY(smtp.start());
    const int refreshesBefore = m_oauth->stats().value(QLatin1String("refreshGrants")).toInt();
    const QString path = writeCampaign(QStringLiteral("stored"), smtp.port(), 3);
    const CliRun send = run({QStringLiteral("send"), path});
    QVERIFY2(send.exitCode == 0, send.standardError.constData());
    QCOMPARE(smtp.receivedMessages().size(), 3);
    QCOMPARE(smtp.successfulLogins(), 1);
    // The access token came from a refresh with the stored refresh token.
    QCOMPARE(m_oauth->stats().value(QLatin1String("refreshGrants")).toInt(), refreshesBefore + 1);
    m_secrets << m_oauth->issuedAccessTokens();
}

void TestCliOAuth::theMailboxUsesTheStoredSignInToo()
{
    // The copy to Sent of `send` and the scan of `bounces` sign in to the mailbox with the
    // account's OAuth2 token (Dovecot asks the OAuth2 server whether it is active), from the
    // keychain's sign-in as SMTP does; the IMAP password variable is never used.
    AiosmtpdOptions options;
    options.oauthTokensFile = m_oauth->tokensPath();
    AiosmtpdServer smtp(options);
    QVERIFY(smtp.start());
    PrivateDovecotOptions mailboxOptions;
    mailboxOptions.username = Ada;
    mailboxOptions.oauth2IntrospectionUrl = m_oauth->introspectionUrl();
    PrivateDovecot mailbox(mailboxOptions);
    QVERIFY(mailbox.start());
    const QString path = writeCampaign(QStringLiteral("copies"), smtp.port(), 3);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject campaign = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    campaign.insert(QStringLiteral("mailbox"),
                    QJsonObject{{QStringLiteral("host"), mailbox.endpoint().host},
                                {QStringLiteral("port"), mailbox.endpoint().port},
                                {QStringLiteral("security"), QStringLiteral("none")},
                                {QStringLiteral("copyToSent"), true}});
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(campaign).toJson());
    file.close();
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("BULKMAIL_IMAP_PASSWORD"), mailbox.credentials().password);
    const int refreshesBefore = m_oauth->stats().value(QLatin1String("refreshGrants")).toInt();

    const CliRun send = run({QStringLiteral("send"), path}, environment);
    QVERIFY2(send.exitCode == 0, send.standardError.constData());
    QCOMPARE(smtp.receivedMessages().size(), 3);
    QCOMPARE(mailbox.messagesIn(QStringLiteral("Sent")).size(), 3);
    // One token for the sending and the mailbox.
    QCOMPARE(m_oauth->stats().value(QLatin1String("refreshGrants")).toInt(), refreshesBefore + 1);

    const CliRun bounces = run({QStringLiteral("bounces"), path}, environment);
    QVERIFY2(bounces.exitCode == 0, bounces.standardError.constData());
    QCOMPARE(mailbox.logLinesContaining("method=XOAUTH2").size(), 2); // send's, then bounces'
    QVERIFY(mailbox.logLinesContaining("method=PLAIN").isEmpty());
    QCOMPARE(mailbox.refusedSignIns("XOAUTH2"), 0);
    m_secrets << m_oauth->issuedAccessTokens();
}

void TestCliOAuth::sendWithAnAccessTokenFromTheEnvironment()
{
    QTemporaryDir tokensDir;
    const QString tokensPath = tokensDir.filePath(QStringLiteral("tokens.jsonl"));
    const QString token = QStringLiteral("script-token-%1").arg(QDateTime::currentMSecsSinceEpoch());
    QFile tokens(tokensPath);
    QVERIFY(tokens.open(QIODevice::WriteOnly));
    tokens.write(QJsonDocument(QJsonObject{{QStringLiteral("token"), token},
                                           {QStringLiteral("user"), Ada},
                                           {QStringLiteral("expires"),
                                            double(QDateTime::currentSecsSinceEpoch() + 3600)}})
                     .toJson(QJsonDocument::Compact)
                 + '\n');
    tokens.close();
    AiosmtpdOptions options;
    options.oauthTokensFile = tokensPath;
    AiosmtpdServer smtp(options);
    QVERIFY(smtp.start());
    const QString path = writeCampaign(QStringLiteral("scripted"), smtp.port(), 2);
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("MY_ACCESS_TOKEN"), token);
    const CliRun send = run({QStringLiteral("send"),
                             path,
                             QStringLiteral("--access-token-env"),
                             QStringLiteral("MY_ACCESS_TOKEN")},
                            environment);
    QVERIFY2(send.exitCode == 0, send.standardError.constData());
    QCOMPARE(smtp.receivedMessages().size(), 2);
    m_secrets << token;
}

void TestCliOAuth::refusedAccessTokenFromTheEnvironment()
{
    QTemporaryDir tokensDir;
    const QString tokensPath = tokensDir.filePath(QStringLiteral("tokens.jsonl"));
    QFile tokens(tokensPath);
    QVERIFY(tokens.open(QIODevice::WriteOnly)); // no valid token at all
    tokens.close();
    AiosmtpdOptions options;
    options.oauthTokensFile = tokensPath;
    AiosmtpdServer smtp(options);
    QVERIFY(smtp.start());
    const QString path = writeCampaign(QStringLiteral("refused"), smtp.port(), 2);
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("MY_ACCESS_TOKEN"), QStringLiteral("not-issued"));
    const CliRun send = run({QStringLiteral("send"),
                             path,
                             QStringLiteral("--access-token-env"),
                             QStringLiteral("MY_ACCESS_TOKEN")},
                            environment);
    QCOMPARE(send.exitCode, 1);
    QVERIFY2(send.standardError.contains("the access token from MY_ACCESS_TOKEN was refused"),
             send.standardError.constData());
    QVERIFY(smtp.receivedMessages().isEmpty());
    QVERIFY(!send.standardError.contains("not-issued"));
}

void TestCliOAuth::accessTokenEnvNeedsAnOAuthCampaign()
{
    const QString path = writeCampaign(QStringLiteral("env-empty"), 25, 1);
    const CliRun send = run({QStringLiteral("send"),
                             path,
                             QStringLiteral("--access-token-env"),
                             QStringLiteral("UNSET_BULKMAIL_VARIABLE")});
    QCOMPARE(send.exitCode, 1);
    QVERIFY2(send.standardError.contains("UNSET_BULKMAIL_VARIABLE (--access-token-env) is empty"),
             send.standardError.constData());
    const CliRun both = run({QStringLiteral("send"),
                             path,
                             QStringLiteral("--access-token-env"),
                             QStringLiteral("A"),
                             QStringLiteral("--password-env"),
                             QStringLiteral("B")});
    QCOMPARE(both.exitCode, 1);
    QVERIFY(both.standardError.contains("exclude each other"));
}

void TestCliOAuth::logoutForgetsTheSignIn()
{
    const QString path = writeCampaign(QStringLiteral("logout"), 25, 1);
    const CliRun logout = run({QStringLiteral("logout"), path});
    QCOMPARE(logout.exitCode, 0);
    QVERIFY2(logout.standardOutput.startsWith("Signed out ada@example.org"),
             logout.standardOutput.constData());
    QCOMPARE(readStored(Ada).status, PasswordStoreStatus::NotFound);
    const CliRun send = run({QStringLiteral("send"), path});
    QCOMPARE(send.exitCode, 1);
    QVERIFY(send.standardError.contains("run bulkmail-cli login"));
}

void TestCliOAuth::noTokenInAnyFile()
{
    // The HOME of the run (the CLI's log directory, QSettings, the keyring: encrypted) and the
    // campaign folder (campaign files and their journals).
    QVERIFY(m_secrets.size() >= 3);
    for (const QString &directory : {QDir::homePath(), m_dir.path()}) {
        for (const QString &secret : std::as_const(m_secrets)) {
            const QStringList files = filesContaining(directory, secret.toUtf8());
            QVERIFY2(files.isEmpty(), qPrintable(files.join(u' ')));
        }
    }
    // The CLI did log there (so the check above looked at real logs).
    QVERIFY(!filesContaining(QDir::homePath(), "OAuth sign-in complete").isEmpty());
}

QTEST_GUILESS_MAIN(TestCliOAuth)
#include "tst_clioauth.moc"
