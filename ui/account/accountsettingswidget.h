#pragma once

#include "delivery/deliverysettings.h"
#include "oauth/oauthsettings.h"
#include "oauth/oauthsignin.h"
#include "providers/providerpresets.h"
#include "smtp/connectiontest.h"
#include "smtp/smtpendpoint.h"

#include <QPointer>
#include <QUrl>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Bulkmail {

class MailboxSettingsWidget;
class OAuth2TokenSource;
class PasswordStore;
class TokenStore;
struct PasswordStoreResult;

// The account page: where to connect (a provider preset or any server), how to sign in (the
// password lives in the desktop's keychain, never in the campaign file), "Test connection", and
// the sending settings, each with a short explanation and a live plain-words estimate.
//
// An account signs in with a password or with OAuth2 ("Sign in with Microsoft / Google", or an
// organisation's own OAuth2 server): then the password field and the keychain controls give way to
// the tenant and client id, "Sign In..." (the browser flow of OAuthSignIn, with "Copy Link" when no
// browser opens), the signed-in address (which becomes the username) and "Sign Out". The refresh
// token goes to the keychain (TokenStore) only; no token is ever shown or emitted.
//
// A view with edit signals: setSettings() shows a value and never emits; every user edit emits
// settingsEdited() with the whole new value and an edit key ("server.host", "sending.perMinute",
// ...) so that the document can merge consecutive edits of one field into one undo step.
class AccountSettingsWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountSettingsWidget)

public:
    explicit AccountSettingsWidget(QWidget *parent = nullptr);
    ~AccountSettingsWidget() override;

    // Shows the values; emits nothing. Equal values leave the fields (and their cursors) alone.
    void setSettings(const SmtpEndpoint &server,
                     const DeliverySettings &sending,
                     AuthMethod auth = AuthMethod::Password,
                     const OAuthSettings &oauth = {});
    // For the estimate.
    void setRecipientCount(int count);

    [[nodiscard]] SmtpEndpoint server() const { return m_server; }
    [[nodiscard]] DeliverySettings sending() const { return m_sending; }
    [[nodiscard]] AuthMethod authMethod() const { return m_auth; }
    [[nodiscard]] OAuthSettings oauthSettings() const { return m_oauth; }

    // The "Mailbox (IMAP)" section (Campaign::mailbox), a view with its own edit signal; the
    // page fills it from the provider preset and tells it the SMTP username.
    [[nodiscard]] MailboxSettingsWidget *mailboxSettings() const { return m_mailbox; }

    // The password typed or read from the keychain (memory only).
    [[nodiscard]] QString password() const;
    void setPassword(const QString &password);

    // Where passwords are read and written; by default a PasswordStore (the keychain) owned by
    // the widget. Tests pass a MemoryPasswordStore. The widget does not take ownership.
    void setPasswordStore(PasswordStore *store);

    // Where OAuth2 refresh tokens are kept; by default a TokenStore over the password store above
    // (the keychain), owned by the widget. Not owned.
    void setTokenStore(TokenStore *store);
    [[nodiscard]] TokenStore *tokenStore();
    // How "Sign In..." opens the browser; QDesktopServices::openUrl by default. Tests play the
    // browser themselves.
    void setOpenBrowser(OAuthSignIn::OpenBrowser openBrowser);

    // "Sign In..." (OAuth2): starts the browser sign-in; while one runs, cancels it.
    void signIn();
    // "Sign Out": removes the account's refresh token from the keychain.
    void signOut();
    [[nodiscard]] bool isSigningIn() const { return !m_signIn.isNull(); }
    // Whether the keychain holds a sign-in for the account shown (as last looked up).
    [[nodiscard]] bool isSignedIn() const { return m_signedIn; }
    // The sign-in line: "Signed in as ada@example.org.", "Not signed in...", or what went wrong.
    [[nodiscard]] QString signInStatus() const;
    // The sign-in page's address offered for copying when no browser could be opened (empty
    // otherwise).
    [[nodiscard]] QUrl signInLink() const { return m_signInLink; }
    // Shows a connection test's result, as if "Test connection" had produced it.
    void showTestReport(const ConnectionTestReport &report);

    // The folder trusted certificates are saved in: AppDataLocation/certificates.
    [[nodiscard]] static QString certificateFolder();

Q_SIGNALS:
    // `auth` and `oauth` come last, so that a slot taking (server, sending, editKey) still fits.
    void settingsEdited(const Bulkmail::SmtpEndpoint &server,
                        const Bulkmail::DeliverySettings &sending,
                        const QString &editKey,
                        Bulkmail::AuthMethod auth,
                        const Bulkmail::OAuthSettings &oauth);
    // A sign-in succeeded (the refresh token is stored when the keychain allowed it). Carries
    // tokens: only for handing to a token source (a paused run waiting for it), never to log.
    void signedIn(const Bulkmail::OAuthSignInResult &result);
    // A sign-in failed or was cancelled; the widget shows why.
    void signInFailed(const Bulkmail::Error &error);

private:
    [[nodiscard]] QGroupBox *buildServerGroup();
    [[nodiscard]] QGroupBox *buildSendingGroup();
    QWidget *explained(QWidget *field, const QString &explanation);

    void emitEdited(const QString &key);
    void showServer();
    void showSending();
    void updatePresetCombo();
    void updatePresetDetails();
    void updateSecurityExplanation();
    void updateEstimate();
    void updateAuthRows();
    void showOAuth();

    // OAuth2.
    void onAuthActivated(int index);
    void onSignInSucceeded(const OAuthSignInResult &result);
    void onSignInFailed(const Error &error);
    void refreshSignInStatus();
    void setSignInStatus(const QString &text);
    [[nodiscard]] QString oauthAccountKey() const;
    void testWithAccessToken();

    void onPresetActivated(int index);
    void onApplyPresetLimits();
    void onChooseCertificate();
    void onClearCertificate();
    void onTestClicked();
    void onTestFinished(const ConnectionTestReport &report);
    void onTrustCertificate();

    // Keychain.
    [[nodiscard]] PasswordStore *store();
    void readStoredPassword();
    void onPasswordRead(const QString &account, const PasswordStoreResult &result);
    void onPasswordEditingFinished();
    void onRememberToggled(bool remember);
    void writePassword();
    void setKeychainUnavailable(const QString &message);

    SmtpEndpoint m_server;
    DeliverySettings m_sending;
    int m_recipientCount = 0;
    bool m_updating = false; // showing values: field signals are not user edits

    AuthMethod m_auth = AuthMethod::Password;
    OAuthSettings m_oauth;

    // Server and sign-in.
    QFormLayout *m_serverForm = nullptr;
    QComboBox *m_presetCombo = nullptr;
    QComboBox *m_authCombo = nullptr;
    QLabel *m_authExplanation = nullptr;
    QWidget *m_passwordBox = nullptr;
    QLineEdit *m_tenantEdit = nullptr;
    QLineEdit *m_clientIdEdit = nullptr;
    QLineEdit *m_authorizationUrlEdit = nullptr;
    QLineEdit *m_tokenUrlEdit = nullptr;
    QLineEdit *m_scopeEdit = nullptr;
    QWidget *m_tenantRow = nullptr;
    QWidget *m_clientIdRow = nullptr;
    QWidget *m_signInRow = nullptr;
    QLabel *m_signInStatus = nullptr;
    QPushButton *m_signInButton = nullptr;
    QPushButton *m_signOutButton = nullptr;
    QWidget *m_linkRow = nullptr;
    QLineEdit *m_linkEdit = nullptr;
    QPushButton *m_copyLinkButton = nullptr;
    QLabel *m_presetNote = nullptr;
    QLineEdit *m_hostEdit = nullptr;
    QSpinBox *m_portSpin = nullptr;
    QComboBox *m_securityCombo = nullptr;
    QLabel *m_securityExplanation = nullptr;
    QLineEdit *m_usernameEdit = nullptr;
    QLineEdit *m_passwordEdit = nullptr;
    QCheckBox *m_rememberCheck = nullptr;
    QLabel *m_keychainStatus = nullptr;
    QLineEdit *m_certificateEdit = nullptr;
    QPushButton *m_chooseCertificateButton = nullptr;
    QPushButton *m_clearCertificateButton = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_testResult = nullptr;
    QGroupBox *m_certificateBox = nullptr;
    QLabel *m_certificateDetails = nullptr;
    QPushButton *m_trustButton = nullptr;

    MailboxSettingsWidget *m_mailbox = nullptr;

    // Provider limits.
    QGroupBox *m_limitsBox = nullptr;
    QLabel *m_limitsText = nullptr;
    QPushButton *m_applyLimitsButton = nullptr;

    // Sending.
    QSpinBox *m_maxConnectionsSpin = nullptr;
    QSpinBox *m_messagesPerConnectionSpin = nullptr;
    QSpinBox *m_connectionAgeSpin = nullptr;
    QSpinBox *m_idleTimeoutSpin = nullptr;
    QDoubleSpinBox *m_perSecondSpin = nullptr;
    QSpinBox *m_perMinuteSpin = nullptr;
    QSpinBox *m_perDaySpin = nullptr;
    QSpinBox *m_delaySpin = nullptr;
    QSpinBox *m_attemptsSpin = nullptr;
    QComboBox *m_unconfirmedCombo = nullptr;
    QLabel *m_estimateLabel = nullptr;

    ConnectionTest *m_test = nullptr;
    ConnectionTestReport m_lastReport;

    QPointer<OAuthSignIn> m_signIn;
    QUrl m_signInLink;
    TokenStore *m_ownTokenStore = nullptr;
    QPointer<TokenStore> m_tokenStore;
    OAuthSignIn::OpenBrowser m_openBrowser;
    QString m_tokenAccount; // the account the sign-in status was looked up for
    bool m_signedIn = false;
    bool m_fetchingTestToken = false;                // "Test connection" waits for an access token
    std::shared_ptr<OAuth2TokenSource> m_testTokens; // "Test connection" of an OAuth2 account

    PasswordStore *m_ownStore = nullptr;
    QPointer<PasswordStore> m_store;
    QString m_passwordAccount;    // the keychain key the password field belongs to
    bool m_passwordTyped = false; // the user typed since the account changed
    bool m_keychainAvailable = true;
    bool m_passwordStored = false; // the keychain holds the field's password
};

} // namespace Bulkmail
