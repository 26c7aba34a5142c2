#pragma once

#include "smtp/smtpendpoint.h"

#include <QDialog>

#include <functional>
#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace Bulkmail {

class PasswordStore;

// Asks for the SMTP password of one account. "Remember in the keychain" is disabled, with the
// reason, when this computer has no keychain.
class PasswordDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PasswordDialog)

public:
    enum class Keychain { Available, Unavailable };
    Q_ENUM(Keychain)

    PasswordDialog(const SmtpEndpoint &endpoint, Keychain keychain, QWidget *parent = nullptr);

    [[nodiscard]] QString password() const;
    void setPassword(const QString &password);
    [[nodiscard]] bool remember() const;
    [[nodiscard]] bool isRememberAvailable() const;
    [[nodiscard]] QString keychainNote() const;

private:
    QLineEdit *m_passwordEdit = nullptr;
    QCheckBox *m_rememberCheck = nullptr;
    QLabel *m_keychainNote = nullptr;
};

// For sending: the password of `endpoint`'s account from the keychain, or, when nothing is stored
// or there is no keychain, from a PasswordDialog (window-modal on `parent`). `done` gets the
// password, or nothing when the user cancelled; an account without a username gets an empty
// password at once. Always reports asynchronously, exactly once. `store` is the keychain to use
// (tests pass a MemoryPasswordStore); by default a PasswordStore made for the call.
void obtainPassword(const SmtpEndpoint &endpoint,
                    QWidget *parent,
                    std::function<void(std::optional<QString>)> done,
                    PasswordStore *store = nullptr);

} // namespace Bulkmail
