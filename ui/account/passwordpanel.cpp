#include "passwordpanel.h"

#include "accountform.h"

#include "secrets/passwordstore.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace Bulkmail {

PasswordPanel::PasswordPanel(QWidget *parent)
    : QWidget(parent)
{
    m_form = new QFormLayout(this);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_passwordEdit = new QLineEdit(this);
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_rememberCheck = new QCheckBox(tr("&Remember in the keychain"), this);
    m_rememberCheck->setChecked(true);
    m_rememberCheck->setToolTip(tr("Keeps the password in this computer's keychain, never in the "
                                   "campaign file."));
    m_keychainStatus = AccountForm::explanationLabel(QString(), this);
    m_keychainStatus->setAccessibleName(tr("Keychain status"));
    auto *passwordLayout = new QVBoxLayout;
    passwordLayout->setSpacing(2);
    passwordLayout->addWidget(m_passwordEdit);
    passwordLayout->addWidget(m_rememberCheck);
    passwordLayout->addWidget(m_keychainStatus);
    auto *label = new QLabel(tr("Pass&word:"), this);
    label->setBuddy(m_passwordEdit);
    m_form->addRow(label, passwordLayout);

    connect(m_passwordEdit, &QLineEdit::textEdited, this, [this] {
        m_passwordTyped = true;
        m_passwordStored = false;
    });
    connect(m_passwordEdit,
            &QLineEdit::editingFinished,
            this,
            &PasswordPanel::onPasswordEditingFinished);
    connect(m_rememberCheck, &QCheckBox::clicked, this, &PasswordPanel::onRememberToggled);
    m_keychainStatus->setText(tr("Set a username to sign in; the password is remembered for "
                                 "each account in this computer's keychain."));
}

void PasswordPanel::showAccount(const SmtpEndpoint &server, AuthMethod auth)
{
    if (PasswordStore::accountKey(server) != m_passwordAccount)
        m_passwordTyped = false; // another account: what the keychain holds for it wins
    accountEdited(server, auth);
}

void PasswordPanel::accountEdited(const SmtpEndpoint &server, AuthMethod auth)
{
    m_server = server;
    m_auth = auth;
    readStoredPassword();
}

void PasswordPanel::rememberWorkingPassword()
{
    if (m_rememberCheck->isChecked() && m_keychainAvailable && !m_passwordStored
        && !password().isEmpty())
        writePassword();
}

QString PasswordPanel::password() const
{
    return m_passwordEdit->text();
}

void PasswordPanel::setPassword(const QString &password)
{
    if (m_passwordEdit->text() != password)
        m_passwordEdit->setText(password);
    m_passwordStored = false;
}

void PasswordPanel::setPasswordStore(PasswordStore *store)
{
    if (m_store == store)
        return;
    m_store = store;
    m_keychainAvailable = true;
    m_rememberCheck->setEnabled(true);
    m_passwordAccount.clear();
    readStoredPassword();
}

PasswordStore *PasswordPanel::store()
{
    if (!m_store) {
        if (!m_ownStore)
            m_ownStore = new PasswordStore(this);
        m_store = m_ownStore;
    }
    return m_store;
}

void PasswordPanel::readStoredPassword()
{
    if (m_auth == AuthMethod::OAuth2) {
        m_passwordAccount.clear(); // read again when the account goes back to a password
        return;
    }
    const QString account = PasswordStore::accountKey(m_server);
    if (account == m_passwordAccount)
        return;
    m_passwordAccount = account;
    m_passwordStored = false;
    if (account.isEmpty()) {
        m_keychainStatus->setText(tr("Set a username to sign in; the password is remembered for "
                                     "each account in this computer's keychain."));
        return;
    }
    if (!m_keychainAvailable)
        return; // the status already says so
    m_keychainStatus->setText(tr("Looking in the keychain..."));
    QPointer<PasswordPanel> self(this);
    store()->readPassword(account, [self, account](const PasswordStoreResult &result) {
        if (self)
            self->onPasswordRead(account, result);
    });
}

void PasswordPanel::onPasswordRead(const QString &account, const PasswordStoreResult &result)
{
    if (account != m_passwordAccount)
        return; // the account changed meanwhile
    switch (result.status) {
    case PasswordStoreStatus::Success:
        if (!m_passwordTyped || m_passwordEdit->text() == result.password) {
            if (m_passwordEdit->text() != result.password)
                m_passwordEdit->setText(result.password);
            m_passwordTyped = false;
            m_passwordStored = true;
        }
        m_rememberCheck->setChecked(true);
        m_keychainStatus->setText(m_passwordStored
                                      ? tr("Remembered in the keychain.")
                                      : tr("The keychain holds another password for this "
                                           "account; leave the field to replace it."));
        return;
    case PasswordStoreStatus::NotFound:
        m_keychainStatus->setText(m_passwordEdit->text().isEmpty()
                                      ? tr("Not in the keychain yet: type the password; it is "
                                           "remembered when you leave the field.")
                                      : tr("This password is not in the keychain yet."));
        return;
    case PasswordStoreStatus::Unavailable:
        setKeychainUnavailable(result.message);
        return;
    case PasswordStoreStatus::Failed:
        m_keychainStatus->setText(result.message);
        return;
    }
}

void PasswordPanel::setKeychainUnavailable(const QString &message)
{
    m_keychainAvailable = false;
    m_passwordStored = false;
    m_rememberCheck->setChecked(false);
    m_rememberCheck->setEnabled(false);
    m_keychainStatus->setText(message);
}

void PasswordPanel::onPasswordEditingFinished()
{
    if (!m_passwordTyped || m_passwordStored || !m_rememberCheck->isChecked()
        || !m_keychainAvailable)
        return;
    writePassword();
}

void PasswordPanel::onRememberToggled(bool remember)
{
    if (m_passwordAccount.isEmpty())
        return;
    if (remember) {
        if (!password().isEmpty())
            writePassword();
        return;
    }
    m_passwordStored = false;
    QPointer<PasswordPanel> self(this);
    const QString account = m_passwordAccount;
    store()->deletePassword(account, [self, account](const PasswordStoreResult &result) {
        if (!self || account != self->m_passwordAccount)
            return;
        if (result.status == PasswordStoreStatus::Unavailable) {
            self->setKeychainUnavailable(result.message);
            return;
        }
        self->m_keychainStatus->setText(
            result.isSuccess() ? tr("Not remembered: the password is asked each time you send.")
                               : result.message);
    });
}

void PasswordPanel::writePassword()
{
    if (m_passwordAccount.isEmpty()) {
        m_keychainStatus->setText(tr("Set a username first: the password is remembered for each "
                                     "account."));
        return;
    }
    const QString account = m_passwordAccount;
    const QString secret = password();
    if (secret.isEmpty())
        return;
    m_keychainStatus->setText(tr("Saving in the keychain..."));
    QPointer<PasswordPanel> self(this);
    store()->writePassword(account,
                           secret,
                           [self, account, secret](const PasswordStoreResult &result) {
                               if (!self || account != self->m_passwordAccount)
                                   return;
                               switch (result.status) {
                               case PasswordStoreStatus::Success:
                                   self->m_passwordStored = self->password() == secret;
                                   self->m_keychainStatus->setText(
                                       tr("Remembered in the keychain."));
                                   return;
                               case PasswordStoreStatus::Unavailable:
                                   self->setKeychainUnavailable(result.message);
                                   return;
                               case PasswordStoreStatus::NotFound:
                               case PasswordStoreStatus::Failed:
                                   self->m_keychainStatus->setText(result.message);
                                   return;
                               }
                           });
}

} // namespace Bulkmail
