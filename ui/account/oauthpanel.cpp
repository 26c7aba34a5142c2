#include "oauthpanel.h"
#include "accounttext.h"

#include "accountform.h"

#include "oauth/tokenstore.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Bulkmail {

using namespace AccountForm;

OAuthPanel::OAuthPanel(std::function<TokenStore *()> tokenStore, QWidget *parent)
    : QWidget(parent)
    , m_tokenStore(std::move(tokenStore))
    , m_openBrowser([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    m_form = new QFormLayout(this);
    m_form->setContentsMargins(0, 0, 0, 0);
    auto addRow = [this](const QString &text, QWidget *buddy, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(buddy);
        m_form->addRow(label, field);
    };

    m_tenantEdit = new QLineEdit(this);
    m_tenantEdit->setPlaceholderText(QStringLiteral("common"));
    m_tenantRow = explained(m_tenantEdit,
                            tr("Which Microsoft 365 organisation to sign in to: \"common\" "
                               "works for most accounts; some organisations need their domain "
                               "or tenant ID here."));
    addRow(tr("&Tenant:"), m_tenantEdit, m_tenantRow);

    m_clientIdEdit = new QLineEdit(this);
    m_clientIdRow = explained(m_clientIdEdit,
                              tr("The application (client) ID your organisation registered for "
                                 "Bulkmail; your IT department can give it to you."));
    addRow(tr("C&lient ID:"), m_clientIdEdit, m_clientIdRow);

    m_authorizationUrlEdit = new QLineEdit(this);
    m_authorizationUrlEdit->setPlaceholderText(
        QStringLiteral("https://login.example.org/authorize"));
    addRow(tr("Sign-in &page:"), m_authorizationUrlEdit, m_authorizationUrlEdit);
    m_tokenUrlEdit = new QLineEdit(this);
    m_tokenUrlEdit->setPlaceholderText(QStringLiteral("https://login.example.org/token"));
    addRow(tr("To&ken address:"), m_tokenUrlEdit, m_tokenUrlEdit);
    m_scopeEdit = new QLineEdit(this);
    m_scopeEdit->setToolTip(tr("What the sign-in must allow, as the server names it (for "
                               "example \"smtp offline_access\")."));
    addRow(tr("Sco&pe:"), m_scopeEdit, m_scopeEdit);

    auto *signInRow = new QWidget(this);
    auto *signInLayout = new QVBoxLayout(signInRow);
    signInLayout->setContentsMargins(0, 0, 0, 0);
    signInLayout->setSpacing(2);
    m_signInStatus = new QLabel(signInRow);
    m_signInStatus->setWordWrap(true);
    m_signInStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_signInStatus->setAccessibleName(tr("Sign-in status"));
    m_signInButton = new QPushButton(tr("Si&gn In…"), signInRow);
    m_signInButton->setToolTip(tr("Opens the provider's sign-in page in your browser. Bulkmail "
                                  "never sees your password."));
    m_signOutButton = new QPushButton(tr("Sign &Out"), signInRow);
    m_signOutButton->setToolTip(tr("Forgets this account's sign-in on this computer."));
    auto *signInButtons = new QHBoxLayout;
    signInButtons->addWidget(m_signInButton);
    signInButtons->addWidget(m_signOutButton);
    signInButtons->addStretch(1);
    m_linkRow = new QWidget(signInRow);
    auto *linkLayout = new QHBoxLayout(m_linkRow);
    linkLayout->setContentsMargins(0, 0, 0, 0);
    m_linkEdit = new QLineEdit(m_linkRow);
    m_linkEdit->setReadOnly(true);
    m_linkEdit->setAccessibleName(tr("Sign-in link"));
    m_linkEdit->setToolTip(tr("No browser could be opened: open this address in a browser to "
                              "sign in."));
    m_copyLinkButton = new QPushButton(tr("&Copy Link"), m_linkRow);
    linkLayout->addWidget(m_linkEdit, 1);
    linkLayout->addWidget(m_copyLinkButton);
    m_linkRow->setVisible(false);
    signInLayout->addWidget(m_signInStatus);
    signInLayout->addLayout(signInButtons);
    signInLayout->addWidget(m_linkRow);
    m_form->addRow(QString(), signInRow);

    auto connectOAuthEdit = [this](QLineEdit *edit, const QString &key, auto apply) {
        connect(edit, &QLineEdit::textEdited, this, [this, key, apply](const QString &text) {
            apply(text.trimmed());
            Q_EMIT oauthEdited(m_oauth, key);
        });
    };
    connectOAuthEdit(m_tenantEdit, Key::Tenant, [this](const QString &text) {
        m_oauth.tenant = text.isEmpty() ? QStringLiteral("common") : text;
    });
    connectOAuthEdit(m_clientIdEdit, Key::ClientId, [this](const QString &text) {
        m_oauth.clientId = text;
    });
    connectOAuthEdit(m_authorizationUrlEdit, Key::AuthorizationUrl, [this](const QString &text) {
        m_oauth.authorizationUrl = text;
    });
    connectOAuthEdit(m_tokenUrlEdit, Key::TokenUrl, [this](const QString &text) {
        m_oauth.tokenUrl = text;
    });
    connectOAuthEdit(m_scopeEdit, Key::Scope, [this](const QString &text) { m_oauth.scope = text; });
    connect(m_signInButton, &QPushButton::clicked, this, &OAuthPanel::signIn);
    connect(m_signOutButton, &QPushButton::clicked, this, &OAuthPanel::signOut);
    connect(m_copyLinkButton, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_linkEdit->text());
        setSignInStatus(tr("The link is copied: paste it into a browser to sign in."));
    });
}

void OAuthPanel::setAccount(AuthMethod auth, const OAuthSettings &oauth, const QString &username)
{
    m_auth = auth;
    m_oauth = oauth;
    m_username = username;
}

void OAuthPanel::showSettings()
{
    // "common" is what an empty field means: show it as the placeholder, not as text.
    setTextIfDifferent(m_tenantEdit,
                       m_oauth.tenant == QLatin1String("common") ? QString() : m_oauth.tenant);
    setTextIfDifferent(m_clientIdEdit, m_oauth.clientId);
    setTextIfDifferent(m_authorizationUrlEdit, m_oauth.authorizationUrl);
    setTextIfDifferent(m_tokenUrlEdit, m_oauth.tokenUrl);
    setTextIfDifferent(m_scopeEdit, m_oauth.scope);
    updateRows();
}

void OAuthPanel::updateRows()
{
    const bool isOAuth = m_auth == AuthMethod::OAuth2;
    m_form->setRowVisible(m_tenantRow, isOAuth && m_oauth.provider == OAuthProvider::Microsoft);
    m_form->setRowVisible(m_clientIdRow, isOAuth);
    const bool isCustom = isOAuth && m_oauth.provider == OAuthProvider::Custom;
    m_form->setRowVisible(m_authorizationUrlEdit, isCustom);
    m_form->setRowVisible(m_tokenUrlEdit, isCustom);
    m_form->setRowVisible(m_scopeEdit, isCustom);
    m_signInButton->setText(isSigningIn() ? tr("&Cancel Sign-In") : tr("Si&gn In…"));
    m_signOutButton->setEnabled(m_signedIn && !isSigningIn());
}

void OAuthPanel::cancelSignIn()
{
    if (m_signIn)
        m_signIn->cancel();
}

void OAuthPanel::signInNeeded(const QString &reason)
{
    m_signedIn = false;
    m_tokenAccount.clear();
    setSignInStatus(tr("Sign-in needed: %1").arg(reason));
    updateRows();
}

void OAuthPanel::setOpenBrowser(OAuthSignIn::OpenBrowser openBrowser)
{
    m_openBrowser = std::move(openBrowser);
}

QString OAuthPanel::signInStatus() const
{
    return m_signInStatus->text();
}

void OAuthPanel::setSignInStatus(const QString &text)
{
    m_signInStatus->setText(text);
}

QString OAuthPanel::oauthAccountKey() const
{
    if (m_auth != AuthMethod::OAuth2 || m_username.isEmpty())
        return {};
    return TokenStore::accountKey(m_oauth.provider, m_username);
}

void OAuthPanel::refreshSignInStatus()
{
    if (m_auth != AuthMethod::OAuth2) {
        m_tokenAccount.clear();
        m_signedIn = false;
        updateRows();
        return;
    }
    const QString account = oauthAccountKey();
    if (account == m_tokenAccount && !account.isEmpty())
        return;
    m_tokenAccount = account;
    m_signedIn = false;
    updateRows();
    if (isSigningIn())
        return; // the sign-in under way reports
    if (account.isEmpty()) {
        setSignInStatus(tr("Not signed in. Press \"Sign In…\" and approve Bulkmail in your "
                           "browser."));
        return;
    }
    setSignInStatus(tr("Looking in the keychain..."));
    QPointer<OAuthPanel> self(this);
    const QString address = m_username;
    // Reads the refresh token only to learn whether one exists; it is dropped at once.
    m_tokenStore()->readRefreshToken(
        m_oauth.provider, address, [self, account, address](const PasswordStoreResult &result) {
            if (!self || account != self->m_tokenAccount || self->isSigningIn())
                return;
            switch (result.status) {
            case PasswordStoreStatus::Success:
                self->m_signedIn = true;
                self->setSignInStatus(tr("Signed in as %1.").arg(address));
                break;
            case PasswordStoreStatus::NotFound:
                self->setSignInStatus(tr("Not signed in as %1 on this computer. Press \"Sign "
                                         "In…\" and approve Bulkmail in your browser.")
                                          .arg(address));
                break;
            case PasswordStoreStatus::Unavailable:
            case PasswordStoreStatus::Failed:
                self->setSignInStatus(result.message);
                break;
            }
            self->updateRows();
        });
}

void OAuthPanel::signIn()
{
    if (m_signIn) {
        m_signIn->cancel(); // reports failed(Cancelled)
        return;
    }
    if (m_auth != AuthMethod::OAuth2)
        return;
    if (m_oauth.clientId.trimmed().isEmpty()) {
        setSignInStatus(tr("Enter the client ID first: your IT department can give it to you."));
        m_clientIdEdit->setFocus();
        return;
    }
    if (const auto problem = findOAuthSettingsProblem(m_oauth)) {
        setSignInStatus(AccountText::oauthSettingsProblem(*problem));
        return;
    }
    m_signInLink.clear();
    m_linkEdit->clear();
    m_linkRow->setVisible(false);
    auto *signIn = new OAuthSignIn(m_oauth, m_username, this);
    signIn->setOpenBrowser(m_openBrowser);
    m_signIn = signIn;
    connect(signIn,
            &OAuthSignIn::authorizationUrlReady,
            this,
            [this](const QUrl &url, bool browserOpened) {
                if (browserOpened) {
                    setSignInStatus(tr("Approve Bulkmail in the browser window that opened…"));
                    return;
                }
                // No browser: the user opens the page wherever they can.
                m_signInLink = url;
                m_linkEdit->setText(url.toString(QUrl::FullyEncoded));
                m_linkRow->setVisible(true);
                setSignInStatus(tr("No browser could be opened. Copy the link below into a "
                                   "browser and approve Bulkmail there…"));
            });
    connect(signIn, &OAuthSignIn::succeeded, this, &OAuthPanel::onSignInSucceeded);
    connect(signIn, &OAuthSignIn::failed, this, &OAuthPanel::onSignInFailed);
    setSignInStatus(tr("Opening the sign-in page…"));
    updateRows();
    signIn->start();
}

void OAuthPanel::onSignInSucceeded(const OAuthSignInResult &result)
{
    if (m_signIn)
        m_signIn->deleteLater();
    m_signIn.clear();
    m_signInLink.clear();
    m_linkRow->setVisible(false);
    updateRows();
    const QString address = result.address.trimmed();
    if (address.isEmpty()) {
        setSignInStatus(tr("The sign-in page did not say which mailbox signed in. Enter the "
                           "address as the username and sign in again."));
        Q_EMIT signInFailed(Error{ErrorCode::Authentication, signInStatus()});
        return;
    }
    if (address.compare(m_username, Qt::CaseSensitive) != 0) {
        // The access tokens are for the signed-in mailbox: it is the one to send as.
        m_username = address;
        Q_EMIT addressSignedIn(address);
    }
    m_tokenAccount = oauthAccountKey();
    if (result.refreshToken.isEmpty()) {
        m_signedIn = false;
        setSignInStatus(tr("Signed in as %1 for now, but the sign-in server gave no lasting "
                           "sign-in: you will be asked again next time.")
                            .arg(address));
        updateRows();
        Q_EMIT signedIn(result);
        return;
    }
    setSignInStatus(tr("Signed in as %1. Saving the sign-in in the keychain...").arg(address));
    QPointer<OAuthPanel> self(this);
    const QString account = m_tokenAccount;
    m_tokenStore()->writeRefreshToken(
        m_oauth.provider,
        address,
        result.refreshToken,
        [self, account, address, result](const PasswordStoreResult &stored) {
            if (!self)
                return;
            if (account == self->m_tokenAccount) {
                self->m_signedIn = stored.isSuccess();
                self->setSignInStatus(
                    stored.isSuccess()
                        ? tr("Signed in as %1.").arg(address)
                        : tr("Signed in as %1 for now, but the sign-in could not be kept: %2")
                              .arg(address, stored.message));
                self->updateRows();
            }
            Q_EMIT self->signedIn(result);
        });
}

void OAuthPanel::onSignInFailed(const Error &error)
{
    if (m_signIn)
        m_signIn->deleteLater();
    m_signIn.clear();
    m_signInLink.clear();
    m_linkRow->setVisible(false);
    setSignInStatus(error.code == ErrorCode::Cancelled
                        ? tr("The sign-in was cancelled.")
                        : tr("The sign-in did not succeed: %1").arg(error.message));
    m_tokenAccount.clear(); // look the state up again next time
    updateRows();
    Q_EMIT signInFailed(error);
}

void OAuthPanel::signOut()
{
    if (m_auth != AuthMethod::OAuth2 || m_username.isEmpty())
        return;
    QPointer<OAuthPanel> self(this);
    const QString account = oauthAccountKey();
    const QString address = m_username;
    m_tokenStore()->removeRefreshToken(
        m_oauth.provider, address, [self, account, address](const PasswordStoreResult &result) {
            if (!self || account != self->oauthAccountKey())
                return;
            if (result.isSuccess()) {
                self->m_signedIn = false;
                self->setSignInStatus(
                    tr("Signed out: the sign-in of %1 was removed from this computer.").arg(address));
            } else {
                self->setSignInStatus(result.message);
            }
            self->updateRows();
        });
}

} // namespace Bulkmail
