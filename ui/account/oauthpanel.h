#pragma once

#include "oauth/oauthsettings.h"
#include "oauth/oauthsignin.h"

#include <QPointer>
#include <QUrl>
#include <QWidget>

#include <functional>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Bulkmail {

class TokenStore;

// The account page's OAuth2 sign-in ("Sign in with Microsoft / Google", or an organisation's own
// OAuth2 server): the tenant and client id (and for an own server its addresses and scope),
// "Sign In..." (the browser flow of OAuthSignIn, with "Copy Link" when no browser opens), whether
// the keychain holds a sign-in for the account, and "Sign Out". The refresh token goes to the
// keychain (TokenStore) only; no token is ever shown or emitted except to the page's signedIn().
class OAuthPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuthPanel)

public:
    OAuthPanel(std::function<TokenStore *()> tokenStore, QWidget *parent = nullptr);

    // The account the panel signs in to; shows nothing yet.
    void setAccount(AuthMethod auth, const OAuthSettings &oauth, const QString &username);
    // Shows the account's settings (emits nothing) and which rows its provider needs.
    void showSettings();
    // Looks up whether the keychain holds a sign-in for the account, when the account changed.
    void refreshSignInStatus();
    // Forgets what the keychain said (another keychain): the next refresh looks again.
    void forgetSignInStatus() { m_tokenAccount.clear(); }
    // The run or a test found the sign-in no longer valid (`reason`).
    void signInNeeded(const QString &reason);

    void setOpenBrowser(OAuthSignIn::OpenBrowser openBrowser);
    // "Sign In...": starts the browser sign-in; while one runs, cancels it.
    void signIn();
    void cancelSignIn();
    // "Sign Out": removes the account's refresh token from the keychain.
    void signOut();
    [[nodiscard]] bool isSigningIn() const { return !m_signIn.isNull(); }
    [[nodiscard]] bool isSignedIn() const { return m_signedIn; }
    [[nodiscard]] QString signInStatus() const;
    [[nodiscard]] QUrl signInLink() const { return m_signInLink; }
    // The panel's rows, for lining its labels up with the page's (AccountForm).
    [[nodiscard]] QFormLayout *form() const { return m_form; }

Q_SIGNALS:
    // A user edit of a field, with its key (AccountForm::Key).
    void oauthEdited(const Bulkmail::OAuthSettings &oauth, const QString &editKey);
    // The sign-in was for another mailbox than the username: it is the one to send as.
    void addressSignedIn(const QString &address);
    // As AccountSettingsWidget's signals of the same names.
    void signedIn(const Bulkmail::OAuthSignInResult &result);
    void signInFailed(const Bulkmail::Error &error);

private:
    void updateRows();
    void setSignInStatus(const QString &text);
    [[nodiscard]] QString oauthAccountKey() const;
    void onSignInSucceeded(const OAuthSignInResult &result);
    void onSignInFailed(const Error &error);

    std::function<TokenStore *()> m_tokenStore;
    AuthMethod m_auth = AuthMethod::Password;
    OAuthSettings m_oauth;
    QString m_username;

    QFormLayout *m_form = nullptr;
    QLineEdit *m_tenantEdit = nullptr;
    QLineEdit *m_clientIdEdit = nullptr;
    QLineEdit *m_authorizationUrlEdit = nullptr;
    QLineEdit *m_tokenUrlEdit = nullptr;
    QLineEdit *m_scopeEdit = nullptr;
    QWidget *m_tenantRow = nullptr;
    QWidget *m_clientIdRow = nullptr;
    QLabel *m_signInStatus = nullptr;
    QPushButton *m_signInButton = nullptr;
    QPushButton *m_signOutButton = nullptr;
    QWidget *m_linkRow = nullptr;
    QLineEdit *m_linkEdit = nullptr;
    QPushButton *m_copyLinkButton = nullptr;

    QPointer<OAuthSignIn> m_signIn;
    QUrl m_signInLink;
    OAuthSignIn::OpenBrowser m_openBrowser;
    QString m_tokenAccount; // the account the sign-in status was looked up for
    bool m_signedIn = false;
};

} // namespace Bulkmail
