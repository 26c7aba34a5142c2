#include "passwordprompt.h"

#include "secrets/passwordstore.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>

namespace Bulkmail {

PasswordDialog::PasswordDialog(const SmtpEndpoint &endpoint, Keychain keychain, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Password"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Bulkmail signs in to %1 as %2. Enter the password (or the app "
                                "password or authorization code the provider gave you).")
                                 .arg(endpoint.displayAddress(), endpoint.username),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_passwordEdit = new QLineEdit(this);
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    auto *passwordLabel = new QLabel(tr("&Password:"), this);
    passwordLabel->setBuddy(m_passwordEdit);
    form->addRow(passwordLabel, m_passwordEdit);
    layout->addLayout(form);

    m_rememberCheck = new QCheckBox(tr("&Remember in the keychain"), this);
    m_keychainNote = new QLabel(this);
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setForegroundRole(QPalette::PlaceholderText);
    if (keychain == Keychain::Available) {
        m_rememberCheck->setChecked(true);
        m_keychainNote->setText(tr("The password is kept in this computer's keychain, never in "
                                   "the campaign file."));
    } else {
        m_rememberCheck->setChecked(false);
        m_rememberCheck->setEnabled(false);
        m_keychainNote->setText(PasswordStore::unavailableMessage());
    }
    layout->addWidget(m_rememberCheck);
    layout->addWidget(m_keychainNote);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(false);
    connect(m_passwordEdit, &QLineEdit::textChanged, ok, [ok](const QString &text) {
        ok->setEnabled(!text.isEmpty());
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_passwordEdit->setFocus();
}

QString PasswordDialog::password() const
{
    return m_passwordEdit->text();
}

void PasswordDialog::setPassword(const QString &password)
{
    m_passwordEdit->setText(password);
}

bool PasswordDialog::remember() const
{
    return m_rememberCheck->isEnabled() && m_rememberCheck->isChecked();
}

bool PasswordDialog::isRememberAvailable() const
{
    return m_rememberCheck->isEnabled();
}

QString PasswordDialog::keychainNote() const
{
    return m_keychainNote->text();
}

void obtainPassword(const SmtpEndpoint &endpoint,
                    QWidget *parent,
                    std::function<void(std::optional<QString>)> done,
                    PasswordStore *store)
{
    auto report = std::make_shared<std::function<void(std::optional<QString>)>>(std::move(done));
    if (endpoint.username.isEmpty()) {
        // Nothing to sign in with; still asynchronous, as promised.
        QTimer::singleShot(0, [report] {
            if (*report)
                (*report)(QString());
        });
        return;
    }

    const bool ownsStore = store == nullptr;
    PasswordStore *keychain = ownsStore ? new PasswordStore(parent) : store;
    QPointer<PasswordStore> keychainGuard(keychain);
    auto release = [keychainGuard, ownsStore] {
        if (ownsStore && keychainGuard)
            keychainGuard->deleteLater();
    };
    const QString account = PasswordStore::accountKey(endpoint);
    QPointer<QWidget> parentGuard(parent);
    const bool hadParent = parent != nullptr;

    keychain->readPassword(account, [=](const PasswordStoreResult &result) {
        if (result.isSuccess() && !result.password.isEmpty()) {
            release();
            if (*report)
                (*report)(result.password);
            return;
        }
        if (hadParent && !parentGuard) {
            release(); // the window is gone: nobody to ask
            return;
        }
        const auto availability = result.status == PasswordStoreStatus::Unavailable
                                      ? PasswordDialog::Keychain::Unavailable
                                      : PasswordDialog::Keychain::Available;
        auto *dialog = new PasswordDialog(endpoint, availability, parentGuard);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &QDialog::finished, dialog, [=](int code) {
            if (code != QDialog::Accepted) {
                release();
                if (*report)
                    (*report)(std::nullopt);
                return;
            }
            const QString password = dialog->password();
            if (dialog->remember() && keychainGuard) {
                // The store lives until the write has finished.
                keychainGuard->writePassword(account,
                                             password,
                                             [release](const PasswordStoreResult &) { release(); });
            } else {
                release();
            }
            if (*report)
                (*report)(password);
        });
        dialog->open();
    });
}

} // namespace Bulkmail
