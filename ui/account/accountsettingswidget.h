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

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace Bulkmail {

class ConnectionTestPanel;
class MailboxSettingsWidget;
class OAuthPanel;
class PasswordPanel;
class PasswordStore;
class SendingLimitsPanel;
class ServerPanel;
class TokenStore;

// The account page: where to connect (a provider preset or any server), how to sign in (the
// password lives in the desktop's keychain, never in the campaign file), "Test connection", and
// the sending settings, each with a short explanation and a live plain-words estimate.
//
// The page puts panels together, as KeePassXC's entry editor puts its pages together: the
// account (provider, sign-in method, username) is the page's own; OAuthPanel, PasswordPanel,
// ConnectionTestPanel, and behind "Advanced" ServerPanel, the mailbox and SendingLimitsPanel each
// do one job. The page holds the values, hands them to the panels, and turns a panel's edit into
// settingsEdited().
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
    [[nodiscard]] bool isSigningIn() const;
    // Whether the keychain holds a sign-in for the account shown (as last looked up).
    [[nodiscard]] bool isSignedIn() const;
    // The sign-in line: "Signed in as ada@example.org.", "Not signed in...", or what went wrong.
    [[nodiscard]] QString signInStatus() const;
    // The sign-in page's address offered for copying when no browser could be opened (empty
    // otherwise).
    [[nodiscard]] QUrl signInLink() const;
    // Shows a connection test's result, as if "Test connection" had produced it.
    void showTestReport(const ConnectionTestReport &report);

    // The folder trusted certificates are saved in: AppDataLocation/certificates.
    [[nodiscard]] static QString certificateFolder();

    // "Advanced": the server, port and security, the trusted certificate, the mailbox and the
    // sending limits, which a provider preset fills in. Hidden for a new account, shown when one
    // of them differs from its default; the user's own choice is remembered (QSettings).
    [[nodiscard]] bool isShowingAdvanced() const;
    void setShowingAdvanced(bool show);

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
    [[nodiscard]] QGroupBox *buildAccountGroup();
    void buildAdvanced();
    void connectPanels();

    void emitEdited(const QString &key);
    void showServer();
    void updatePresetCombo();
    void updatePresetDetails();
    void updateAuthRows();
    void showOAuth();
    void refreshSignInStatus();
    // The page's account changed: the panels that follow it look it up again.
    void accountChanged();
    // Whether a setting behind "Advanced" differs from its default (a new account's).
    [[nodiscard]] bool hasAdvancedValues() const;

    void onPresetActivated(int index);
    void onAuthActivated(int index);

    SmtpEndpoint m_server;
    DeliverySettings m_sending;
    AuthMethod m_auth = AuthMethod::Password;
    OAuthSettings m_oauth;

    // The account: what a newcomer fills in.
    QComboBox *m_presetCombo = nullptr;
    QLabel *m_presetNote = nullptr;
    QComboBox *m_authCombo = nullptr;
    QLabel *m_authExplanation = nullptr;
    QLineEdit *m_usernameEdit = nullptr;

    // The panels, as KeePassXC's entry editor has its pages.
    OAuthPanel *m_oauthPanel = nullptr;
    PasswordPanel *m_passwordPanel = nullptr;
    ConnectionTestPanel *m_testPanel = nullptr;
    ServerPanel *m_serverPanel = nullptr;
    MailboxSettingsWidget *m_mailbox = nullptr;
    SendingLimitsPanel *m_limitsPanel = nullptr;

    // "Advanced": the server, the mailbox and the sending limits, which a preset fills in.
    QToolButton *m_advancedButton = nullptr;
    QWidget *m_advanced = nullptr;

    TokenStore *m_ownTokenStore = nullptr;
    QPointer<TokenStore> m_tokenStore;
};

} // namespace Bulkmail
