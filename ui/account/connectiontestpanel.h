#pragma once

#include "oauth/oauthsettings.h"
#include "smtp/connectiontest.h"
#include "smtp/smtpendpoint.h"

#include <QWidget>

#include <functional>
#include <memory>

class QGroupBox;
class QLabel;
class QPushButton;

namespace Bulkmail {

class OAuth2TokenSource;
class TokenStore;

// "Test Connection" on the account page: connects, sets up encryption, signs in (with the
// password, or with an access token of the signed-in OAuth2 account) and says goodbye, then says
// what happened in the user's words. A certificate the system does not trust is shown with its
// fingerprint, and can be trusted for this account (saved as a PEM file).
class ConnectionTestPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTestPanel)

public:
    // What a test connects with, as the page holds it when the test starts.
    struct Account
    {
        SmtpEndpoint server;
        SmtpTimeouts timeouts;
        AuthMethod auth = AuthMethod::Password;
        OAuthSettings oauth;
        QString password;
    };

    ConnectionTestPanel(std::function<Account()> account,
                        std::function<TokenStore *()> tokenStore,
                        QWidget *parent = nullptr);
    ~ConnectionTestPanel() override;

    // Shows a connection test's result, as if "Test Connection" had produced it.
    void showReport(const ConnectionTestReport &report);
    // A line in the result's place (e.g. why a chosen certificate file was refused).
    void showMessage(const QString &text);

    // The folder trusted certificates are saved in: AppDataLocation/certificates.
    [[nodiscard]] static QString certificateFolder();

Q_SIGNALS:
    // The password signed in: worth remembering.
    void passwordWorked();
    // The server's certificate is trusted from now on: saved at `path`.
    void certificateTrusted(const QString &path);
    // The OAuth2 sign-in is no longer valid (`reason`): the account must sign in again.
    void signInNeeded(const QString &reason);

private:
    void onTestClicked();
    void onTestFinished(const ConnectionTestReport &report);
    void onTrustCertificate();
    void testWithAccessToken(const Account &account);

    std::function<Account()> m_account;
    std::function<TokenStore *()> m_tokenStore;
    ConnectionTest *m_test = nullptr;
    ConnectionTestReport m_lastReport;
    bool m_fetchingTestToken = false;                // "Test connection" waits for an access token
    std::shared_ptr<OAuth2TokenSource> m_testTokens; // "Test connection" of an OAuth2 account

    QPushButton *m_testButton = nullptr;
    QLabel *m_testResult = nullptr;
    QGroupBox *m_certificateBox = nullptr;
    QLabel *m_certificateDetails = nullptr;
    QPushButton *m_trustButton = nullptr;
};

} // namespace Bulkmail
