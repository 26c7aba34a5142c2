#pragma once

#include "oauth/oauthsettings.h"
#include "smtp/smtpendpoint.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace Bulkmail {

class PasswordStore;
struct PasswordStoreResult;

// The account page's password: the field, "Remember in the keychain" and what the keychain says.
// The password of each account (server, port and username) is looked up when the account shows,
// written when the user leaves the field (or after a test it passed), and never reaches the
// campaign file. Without a keychain the check box is disabled, with the reason.
class PasswordPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PasswordPanel)

public:
    explicit PasswordPanel(QWidget *parent = nullptr);

    // Another document's account: what the keychain holds for it wins over what was typed.
    void showAccount(const SmtpEndpoint &server, AuthMethod auth);
    // The user edited the account: its password is looked up when the account changed.
    void accountEdited(const SmtpEndpoint &server, AuthMethod auth);

    // The password typed or read from the keychain (memory only).
    [[nodiscard]] QString password() const;
    void setPassword(const QString &password);
    // A test signed in with the password: remember it, when the user wants it remembered.
    void rememberWorkingPassword();

    // Where passwords are read and written; by default a PasswordStore (the keychain) owned by
    // the panel. Not owned.
    void setPasswordStore(PasswordStore *store);
    [[nodiscard]] PasswordStore *store();
    // The panel's row, for lining its label up with the page's (AccountForm).
    [[nodiscard]] QFormLayout *form() const { return m_form; }

private:
    void readStoredPassword();
    void onPasswordRead(const QString &account, const PasswordStoreResult &result);
    void onPasswordEditingFinished();
    void onRememberToggled(bool remember);
    void writePassword();
    void setKeychainUnavailable(const QString &message);

    SmtpEndpoint m_server;
    AuthMethod m_auth = AuthMethod::Password;

    QFormLayout *m_form = nullptr;
    QLineEdit *m_passwordEdit = nullptr;
    QCheckBox *m_rememberCheck = nullptr;
    QLabel *m_keychainStatus = nullptr;

    PasswordStore *m_ownStore = nullptr;
    QPointer<PasswordStore> m_store;
    QString m_passwordAccount;    // the keychain key the password field belongs to
    bool m_passwordTyped = false; // the user typed since the account changed
    bool m_keychainAvailable = true;
    bool m_passwordStored = false; // the keychain holds the field's password
};

} // namespace Bulkmail
