#include "connectiontestpanel.h"

#include "accounttext.h"
#include "models/errorwords.h"

#include "common/fileio.h"
#include "oauth/oauth2tokensource.h"

#include <QDir>
#include <QGroupBox>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace Bulkmail {

namespace {

using namespace std::chrono_literals;

// A test should answer in seconds, not wait the five minutes RFC 5321 allows a busy server.
SmtpTimeouts testTimeouts(SmtpTimeouts timeouts)
{
    constexpr std::chrono::seconds cap = 30s;
    timeouts.connect = std::min(timeouts.connect, cap);
    timeouts.greeting = std::min(timeouts.greeting, cap);
    timeouts.command = std::min(timeouts.command, cap);
    timeouts.dataInitiation = std::min(timeouts.dataInitiation, cap);
    timeouts.finalDot = std::min(timeouts.finalDot, cap);
    return timeouts;
}

QString sanitizedFileName(const QString &host)
{
    QString name = host.trimmed().toLower();
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9.-]")), QStringLiteral("_"));
    if (name.isEmpty() || name.startsWith(u'.'))
        name.prepend(QStringLiteral("server"));
    return name;
}

} // namespace

ConnectionTestPanel::ConnectionTestPanel(std::function<Account()> account,
                                         std::function<TokenStore *()> tokenStore,
                                         QWidget *parent)
    : QWidget(parent)
    , m_account(std::move(account))
    , m_tokenStore(std::move(tokenStore))
    , m_test(new ConnectionTest(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_testButton = new QPushButton(tr("&Test Connection"), this);
    m_testButton->setToolTip(tr("Connects, sets up encryption, signs in and says goodbye. No "
                                "message is sent."));
    m_testResult = new QLabel(this);
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->setAccessibleName(tr("Connection test result"));
    layout->addWidget(m_testButton, 0, Qt::AlignLeft);
    layout->addWidget(m_testResult);

    m_certificateBox = new QGroupBox(tr("The server's certificate"), this);
    auto *certificateBoxLayout = new QVBoxLayout(m_certificateBox);
    m_certificateDetails = new QLabel(m_certificateBox);
    m_certificateDetails->setWordWrap(true);
    m_certificateDetails->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_certificateDetails->setAccessibleName(tr("Certificate details"));
    m_trustButton = new QPushButton(tr("Trust This Certificate for This Account"), m_certificateBox);
    certificateBoxLayout->addWidget(m_certificateDetails);
    certificateBoxLayout->addWidget(m_trustButton, 0, Qt::AlignLeft);
    m_certificateBox->setVisible(false);
    layout->addWidget(m_certificateBox);

    connect(m_testButton, &QPushButton::clicked, this, &ConnectionTestPanel::onTestClicked);
    connect(m_trustButton, &QPushButton::clicked, this, &ConnectionTestPanel::onTrustCertificate);
    connect(m_test, &ConnectionTest::finished, this, &ConnectionTestPanel::onTestFinished);
    connect(m_test, &ConnectionTest::progress, m_testResult, &QLabel::setText);
}

ConnectionTestPanel::~ConnectionTestPanel() = default;

void ConnectionTestPanel::showMessage(const QString &text)
{
    m_testResult->setText(text);
}

void ConnectionTestPanel::onTestClicked()
{
    if (m_fetchingTestToken) {
        m_fetchingTestToken = false;
        m_testTokens.reset(); // drops the token request under way
        m_testButton->setText(tr("&Test Connection"));
        m_testResult->setText(tr("The test was cancelled."));
        return;
    }
    if (m_test->isRunning()) {
        m_test->cancel();
        return;
    }
    m_certificateBox->setVisible(false);
    const Account account = m_account();
    if (account.server.host.isEmpty()) {
        m_testResult->setText(tr("Enter the server's name first."));
        return;
    }
    m_testButton->setText(tr("&Cancel Test"));
    m_testResult->setText(tr("Testing..."));
    if (account.auth == AuthMethod::OAuth2) {
        testWithAccessToken(account);
        return;
    }
    m_test->start(account.server, account.password, testTimeouts(account.timeouts));
}

void ConnectionTestPanel::onTestFinished(const ConnectionTestReport &report)
{
    m_testButton->setText(tr("&Test Connection"));
    showReport(report);
    if (m_account().auth == AuthMethod::Password && report.isSuccess() && report.authenticated)
        Q_EMIT passwordWorked();
}

void ConnectionTestPanel::showReport(const ConnectionTestReport &report)
{
    m_lastReport = report;
    m_testResult->setText(AccountText::report(report));
    const bool certificateProblem = report.outcome
                                        == ConnectionTestReport::Outcome::CertificateRejected
                                    && !report.peerCertificateChain.isEmpty();
    m_certificateBox->setVisible(certificateProblem);
    if (!certificateProblem)
        return;
    QStringList problems;
    for (const QSslError &error : report.sslErrors)
        problems.append(error.errorString());
    QString text = AccountText::certificate(report.peerCertificateChain.first(), locale());
    if (!problems.isEmpty())
        text += u'\n' + tr("Problems: %1").arg(problems.join(QStringLiteral("; ")));
    text += QStringLiteral("\n\n");
    if (report.isTrustable) {
        text += tr("Only trust it if you know this server uses its own certificate (for example "
                   "your company's mail server) and the fingerprint matches what its "
                   "administrator gives you. Bulkmail then accepts exactly this certificate for "
                   "this account, and still checks the server's name and the dates.");
    } else {
        text += tr("Trusting this certificate would not fix this: it is for another server name "
                   "or out of date. Check the server name, or ask the mail administrator.");
    }
    m_certificateDetails->setText(text);
    m_trustButton->setVisible(report.isTrustable);
}

QString ConnectionTestPanel::certificateFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/certificates");
}

void ConnectionTestPanel::onTrustCertificate()
{
    if (m_lastReport.peerCertificateChain.isEmpty() || !m_lastReport.isTrustable)
        return;
    const QSslCertificate certificate = m_lastReport.peerCertificateChain.first();
    const QString folder = certificateFolder();
    const QString path = folder + u'/' + sanitizedFileName(m_account().server.host)
                         + QStringLiteral(".pem");
    if (!QDir().mkpath(folder)) {
        m_testResult->setText(
            tr("Cannot create the folder \"%1\".").arg(QDir::toNativeSeparators(folder)));
        return;
    }
    const Result<void> written = writeFileAtomically(path, certificate.toPem());
    if (!written) {
        m_testResult->setText(
            tr("Cannot save the certificate: %1").arg(ErrorWords::of(written.error())));
        return;
    }
    m_certificateBox->setVisible(false);
    m_testResult->setText(tr("This certificate is now trusted for this account (saved in "
                             "\"%1\"). Test the connection again to check.")
                              .arg(QDir::toNativeSeparators(path)));
    Q_EMIT certificateTrusted(path);
}

void ConnectionTestPanel::testWithAccessToken(const Account &account)
{
    auto finishEarly = [this](const QString &text) {
        m_fetchingTestToken = false;
        m_testButton->setText(tr("&Test Connection"));
        m_testResult->setText(text);
    };
    if (account.server.username.isEmpty()) {
        finishEarly(tr("Sign in first: press \"Sign In…\"."));
        return;
    }
    if (const auto problem = findOAuthSettingsProblem(account.oauth)) {
        finishEarly(AccountText::oauthSettingsProblem(*problem));
        return;
    }
    m_fetchingTestToken = true;
    m_testResult->setText(tr("Getting a sign-in token..."));
    QPointer<ConnectionTestPanel> self(this);
    const SmtpEndpoint server = account.server;
    const SmtpTimeouts timeouts = account.timeouts;
    createOAuth2TokenSource(
        account.oauth,
        account.server.username,
        m_tokenStore(),
        [self, server, timeouts, finishEarly](const PasswordStoreResult &keychain,
                                              std::shared_ptr<OAuth2TokenSource> source) {
            if (!self || !self->m_fetchingTestToken)
                return;
            if (!source) {
                finishEarly(keychain.status == PasswordStoreStatus::NotFound
                                ? tr("Not signed in as %1 on this computer: press \"Sign In…\" "
                                     "first.")
                                      .arg(server.username)
                                : keychain.message);
                return;
            }
            self->m_testTokens = source;
            OAuth2TokenSource *tokens = source.get();
            connect(tokens,
                    &AccessTokenSource::tokenReady,
                    self,
                    [self, server, timeouts](const AccessToken &token) {
                        self->m_fetchingTestToken = false;
                        // Released after this signal returns, not inside it.
                        QTimer::singleShot(0, self, [keep = std::move(self->m_testTokens)] {});
                        SmtpCredentials credentials;
                        credentials.username = token.username.isEmpty() ? server.username
                                                                        : token.username;
                        credentials.accessToken = token.token;
                        self->m_test->start(server, credentials, testTimeouts(timeouts));
                    });
            connect(tokens,
                    &AccessTokenSource::tokenFailed,
                    self,
                    [self, finishEarly](const Error &error, bool signInRequired) {
                        QTimer::singleShot(0, self, [keep = std::move(self->m_testTokens)] {});
                        if (signInRequired)
                            Q_EMIT self->signInNeeded(error.message);
                        finishEarly(
                            signInRequired
                                ? tr("The sign-in is no longer valid (%1): press \"Sign "
                                     "In…\" again.")
                                      .arg(error.message)
                                : tr("Could not get a sign-in token: %1").arg(error.message));
                    });
            tokens->requestToken(false);
        });
}

} // namespace Bulkmail
