#include "oauthtestserver.h"

#include "realservers.h"

#include <csignal>

#include <sys/prctl.h>

#include <QDeadlineTimer>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QtDebug>

namespace Bulkmail::Test {

namespace {

constexpr int StartTimeoutMs = 15'000;
constexpr int HttpTimeoutMs = 15'000;

HttpResult run(QNetworkAccessManager &network, QNetworkReply *reply)
{
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(HttpTimeoutMs, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.location = reply->header(QNetworkRequest::LocationHeader).toUrl();
    result.finalUrl = reply->url();
    if (!reply->isFinished())
        result.error = QStringLiteral("no answer within %1 ms").arg(HttpTimeoutMs);
    else if (reply->error() != QNetworkReply::NoError)
        result.error = reply->errorString();
    reply->deleteLater();
    Q_UNUSED(network);
    return result;
}

} // namespace

OAuthTestServer::OAuthTestServer(OAuthServerOptions options)
    : m_options(std::move(options))
    , m_directory(std::make_unique<QTemporaryDir>())
    , m_process(std::make_unique<QProcess>())
{}

OAuthTestServer::~OAuthTestServer()
{
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
}

bool OAuthTestServer::start()
{
    QStringList arguments{QStringLiteral(BULKMAIL_TEST_SUPPORT_DIR "/oauth_server.py"),
                          QStringLiteral("--client-id"),
                          m_options.clientId,
                          QStringLiteral("--user"),
                          m_options.user,
                          QStringLiteral("--tokens"),
                          tokensPath(),
                          QStringLiteral("--access-token-lifetime"),
                          QString::number(m_options.accessTokenLifetimeSeconds)};
    if (m_options.rotateRefreshTokens)
        arguments << QStringLiteral("--rotate");
    if (!m_options.issueIdToken)
        arguments << QStringLiteral("--no-id-token");
    m_process->setChildProcessModifier(
        [] { ::prctl(PR_SET_PDEATHSIG, static_cast<unsigned long>(SIGTERM)); });
    m_process->setProgram(systemPython());
    m_process->setArguments(arguments);
    m_process->start(QIODevice::ReadOnly);
    const QDeadlineTimer deadline(StartTimeoutMs);
    if (!m_process->waitForStarted(StartTimeoutMs)) {
        qWarning("OAuthTestServer: cannot start: %s", qPrintable(m_process->errorString()));
        return false;
    }
    while (!m_process->canReadLine() && m_process->state() == QProcess::Running
           && m_process->waitForReadyRead(int(deadline.remainingTime()))) {
    }
    const QByteArray line = m_process->readLine().trimmed();
    bool isNumber = false;
    const uint port = line.startsWith("READY ") ? line.mid(6).toUInt(&isNumber) : 0;
    if (!isNumber || port == 0 || port > 65535) {
        qWarning("OAuthTestServer: no READY line (got \"%s\"). stderr:\n%s",
                 line.constData(),
                 m_process->readAllStandardError().constData());
        return false;
    }
    m_port = quint16(port);
    return true;
}

QString OAuthTestServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

QString OAuthTestServer::tokensPath() const
{
    return m_directory->filePath(QStringLiteral("tokens.jsonl"));
}

OAuthSettings OAuthTestServer::settings() const
{
    OAuthSettings settings;
    settings.provider = OAuthProvider::Custom;
    settings.clientId = m_options.clientId;
    settings.authorizationUrl = baseUrl() + QStringLiteral("/authorize");
    settings.tokenUrl = baseUrl() + QStringLiteral("/token");
    settings.scope = QStringLiteral("https://mail.google.com/ offline_access");
    return settings;
}

QStringList OAuthTestServer::issuedAccessTokens() const
{
    QStringList tokens;
    QFile file(tokensPath());
    if (!file.open(QIODevice::ReadOnly))
        return tokens;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (!object.isEmpty())
            tokens.append(object.value(QLatin1String("token")).toString());
    }
    return tokens;
}

QJsonObject OAuthTestServer::stats() const
{
    return QJsonDocument::fromJson(httpGet(QUrl(baseUrl() + QStringLiteral("/stats"))).body).object();
}

bool OAuthTestServer::revoke(const QString &refreshToken) const
{
    const HttpResult result = httpPostForm(QUrl(baseUrl() + QStringLiteral("/revoke")),
                                           "token=" + QUrl::toPercentEncoding(refreshToken));
    return result.status == 200;
}

QString OAuthTestServer::introspectionUrl() const
{
    return baseUrl() + QStringLiteral("/introspect");
}

bool OAuthTestServer::refuseAccessTokens() const
{
    return httpPostForm(QUrl(baseUrl() + QStringLiteral("/refuse-access-tokens")), {}).status
           == 200;
}

bool OAuthTestServer::makeTokenRequestsUnavailable(int count) const
{
    return httpPostForm(QUrl(baseUrl() + QStringLiteral("/unavailable-token-requests")),
                        "count=" + QByteArray::number(count))
               .status
           == 200;
}

HttpResult httpGet(const QUrl &url, Redirects redirects)
{
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         redirects == Redirects::Follow ? QNetworkRequest::NoLessSafeRedirectPolicy
                                                        : QNetworkRequest::ManualRedirectPolicy);
    return run(network, network.get(request));
}

HttpResult httpPostForm(const QUrl &url, const QByteArray &form)
{
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    return run(network, network.post(request, form));
}

std::optional<OAuthSignInResult> signInAt(const OAuthTestServer &server,
                                          const QString &expectedAddress)
{
    OAuthSignIn signIn(server.settings(), expectedAddress);
    signIn.setOpenBrowser([](const QUrl &) { return false; });
    QSignalSpy ready(&signIn, &OAuthSignIn::authorizationUrlReady);
    QSignalSpy succeeded(&signIn, &OAuthSignIn::succeeded);
    QSignalSpy failed(&signIn, &OAuthSignIn::failed);
    signIn.start();
    if (!ready.wait(StartTimeoutMs)) {
        qWarning("signInAt: no authorization URL");
        return std::nullopt;
    }
    const HttpResult visit = httpGet(signIn.authorizationUrl());
    if (visit.status != 200)
        qWarning("signInAt: the browser step ended with HTTP %d: %s %s",
                 visit.status,
                 visit.body.constData(),
                 qPrintable(visit.error));
    (void) QTest::qWaitFor([&] { return !succeeded.isEmpty() || !failed.isEmpty(); }, HttpTimeoutMs);
    if (!failed.isEmpty()) {
        qWarning("signInAt: %s", qPrintable(failed.first().first().value<Error>().message));
        return std::nullopt;
    }
    if (succeeded.isEmpty()) {
        qWarning("signInAt: no result");
        return std::nullopt;
    }
    return succeeded.first().first().value<OAuthSignInResult>();
}

QStringList filesContaining(const QString &directory, const QByteArray &needle)
{
    QStringList files;
    if (needle.isEmpty())
        return files;
    QDirIterator it(directory,
                    QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            files.append(file.fileName());
    }
    return files;
}

} // namespace Bulkmail::Test
