#pragma once

#include "campaign/campaign.h"

#include <QGroupBox>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Bulkmail {

struct ProviderPreset;

// The account page's "Mailbox (IMAP)" section: where the account's mailbox is (server, port,
// security, filled from the provider preset as the SMTP fields are), who signs in (the SMTP
// username unless another is given) and whether each sent message is also kept in the Sent
// folder (Campaign::mailbox, copied by the runner's SentCopies). The mailbox signs in as the
// account does (its password from the keychain, or its OAuth2 sign-in: the access token SMTP
// uses), so the section asks for nothing and says which. The Sent folder's name
// and a certificate to trust sit behind "Advanced", since most accounts need neither.
//
// A view with edit signals, like AccountSettingsWidget: setMailbox() shows a value and never
// emits; every user edit emits mailboxEdited() with the whole new value and an edit key
// ("mailbox.host", ...) so that the document merges consecutive edits of one field into one
// undo step.
class MailboxSettingsWidget final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MailboxSettingsWidget)

public:
    explicit MailboxSettingsWidget(QWidget *parent = nullptr);
    ~MailboxSettingsWidget() override;

    // Shows the values; emits nothing. Equal values leave the fields (and their cursors) alone.
    void setMailbox(const MailboxSettings &mailbox);
    [[nodiscard]] MailboxSettings mailbox() const { return m_mailbox; }

    // The SMTP username, which the mailbox uses when its own is empty (shown as the placeholder).
    void setSmtpUsername(const QString &username);

    // How the account signs in, which the mailbox does too: `provider` names the OAuth2 provider
    // ("Microsoft") when `auth` is OAuth2.
    void setAccountSignIn(AuthMethod auth, const QString &provider);

    // Fills the server, port and security from a provider preset (nothing for Custom) and, when
    // that changes anything, emits mailboxEdited() with `editKey`: the account page passes its
    // own preset key, so that choosing a provider stays one undo step.
    void applyPreset(const ProviderPreset &preset, const QString &editKey);

    // Trusts the PEM certificate at `path` for the mailbox, as "Choose..." does after its file
    // dialog. Returns false (and says why under the field) when it is not a PEM certificate.
    bool trustCertificateFile(const QString &path);

    // Whether the "Advanced" part (Sent folder, trusted certificate) is shown.
    [[nodiscard]] bool isShowingAdvanced() const;

Q_SIGNALS:
    void mailboxEdited(const Bulkmail::MailboxSettings &mailbox, const QString &editKey);

private:
    void showMailbox();
    void edited(const QString &key);
    void showAdvanced(bool show);
    void onChooseCertificate();

    MailboxSettings m_mailbox;
    bool m_updating = false; // showing values: field signals are not user edits

    QCheckBox *m_copyCheck = nullptr;
    QLabel *m_signInNote = nullptr; // which sign-in the mailbox uses
    QLineEdit *m_hostEdit = nullptr;
    QSpinBox *m_portSpin = nullptr;
    QComboBox *m_securityCombo = nullptr;
    QLineEdit *m_usernameEdit = nullptr;
    QPushButton *m_advancedButton = nullptr;
    QFormLayout *m_form = nullptr;
    QWidget *m_sentFolderRow = nullptr;
    QWidget *m_certificateRow = nullptr;
    QLineEdit *m_sentFolderEdit = nullptr;
    QLineEdit *m_certificateEdit = nullptr;
    QPushButton *m_chooseCertificateButton = nullptr;
    QPushButton *m_clearCertificateButton = nullptr;
    QLabel *m_certificateNote = nullptr;
};

} // namespace Bulkmail
