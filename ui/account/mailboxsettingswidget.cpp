#include "mailboxsettingswidget.h"

#include "widgets/accessiblenames.h"

#include "accounttext.h"
#include "providers/providerpresets.h"
#include "widgets/filedialogs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSpinBox>
#include <QSslCertificate>
#include <QVBoxLayout>

namespace Bulkmail {

namespace {

// Keys of mailboxEdited(): one per field, so that typing in one field merges into one undo step.
namespace Key {
const QString CopyToSent = QStringLiteral("mailbox.copyToSent");
const QString Host = QStringLiteral("mailbox.host");
const QString Port = QStringLiteral("mailbox.port");
const QString Security = QStringLiteral("mailbox.security");
const QString Username = QStringLiteral("mailbox.username");
const QString SentFolder = QStringLiteral("mailbox.sentFolder");
const QString TrustCertificate = QStringLiteral("mailbox.trustCertificate");
} // namespace Key

QLabel *noteLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText); // muted, light or dark
    return label;
}

void setTextIfDifferent(QLineEdit *edit, const QString &text)
{
    if (edit->text() != text)
        edit->setText(text);
}

bool sameServer(const ImapEndpoint &a, const ImapEndpoint &b)
{
    return a.host == b.host && a.port == b.port && a.security == b.security
           && a.trustCertificateFile == b.trustCertificateFile && a.verification == b.verification;
}

} // namespace

MailboxSettingsWidget::MailboxSettingsWidget(QWidget *parent)
    : QGroupBox(tr("Mailbox (IMAP)"), parent)
{
    auto *form = new QFormLayout(this);
    auto addRow = [&](const QString &text, QWidget *buddy, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(buddy);
        form->addRow(label, field);
    };

    m_copyCheck = new QCheckBox(tr("&Keep a copy of each sent message in the Sent folder"), this);
    m_copyCheck->setToolTip(tr("So that you and your colleagues see what went out, and replies "
                               "thread with it. A provider that files sent mail by itself is "
                               "noticed, and no second copy is made."));
    m_signInNote = noteLabel(QString(), this);
    m_signInNote->setAccessibleName(tr("Mailbox sign-in"));
    setAccountSignIn(AuthMethod::Password, QString());
    auto *copyBox = new QWidget(this);
    auto *copyLayout = new QVBoxLayout(copyBox);
    copyLayout->setContentsMargins(0, 0, 0, 0);
    copyLayout->setSpacing(2);
    copyLayout->addWidget(m_copyCheck);
    copyLayout->addWidget(m_signInNote);
    form->addRow(copyBox);

    m_hostEdit = new QLineEdit(this);
    m_hostEdit->setPlaceholderText(tr("imap.example.org"));
    addRow(tr("IMAP ser&ver:"), m_hostEdit, m_hostEdit);

    m_portSpin = new QSpinBox(this);
    m_portSpin->setRange(1, 65535);
    m_portSpin->setToolTip(tr("Usually 993 with TLS, or 143 with STARTTLS."));
    addRow(tr("IMAP po&rt:"), m_portSpin, m_portSpin);

    m_securityCombo = new QComboBox(this);
    for (SecurityMode mode : {SecurityMode::ImplicitTls, SecurityMode::StartTls, SecurityMode::None})
        m_securityCombo->addItem(AccountText::securityName(mode), int(mode));
    addRow(tr("IMAP sec&urity:"), m_securityCombo, m_securityCombo);

    m_usernameEdit = new QLineEdit(this);
    addRow(tr("IMAP user&name:"), m_usernameEdit, m_usernameEdit);

    m_advancedButton = new QPushButton(tr("&Advanced"), this);
    m_advancedButton->setCheckable(true);
    m_advancedButton->setToolTip(tr("The Sent folder's name and a certificate to trust: most "
                                    "accounts need neither."));
    auto *advancedButtonRow = new QHBoxLayout;
    advancedButtonRow->addWidget(m_advancedButton);
    advancedButtonRow->addStretch(1);
    form->addRow(advancedButtonRow);

    // Rows of the same form, hidden until asked for, so that their labels line up with the rest.
    m_sentFolderEdit = new QLineEdit(this);
    m_sentFolderEdit->setPlaceholderText(
        tr("Found by itself (the folder the server marks as Sent)"));
    auto *sentFolderLabel = new QLabel(tr("Sent &folder:"), this);
    sentFolderLabel->setBuddy(m_sentFolderEdit);
    auto *sentFolderBox = new QWidget(this);
    auto *sentFolderLayout = new QVBoxLayout(sentFolderBox);
    sentFolderLayout->setContentsMargins(0, 0, 0, 0);
    sentFolderLayout->setSpacing(2);
    sentFolderLayout->addWidget(m_sentFolderEdit);
    const QString sentFolderExplanation = tr(
        "Only if the copies should go elsewhere: the folder's name as the mailbox shows it "
        "(for example \"Sent Items\" or \"已发送\").");
    sentFolderLayout->addWidget(noteLabel(sentFolderExplanation, sentFolderBox));
    m_sentFolderEdit->setAccessibleDescription(sentFolderExplanation);
    form->addRow(sentFolderLabel, sentFolderBox);
    m_sentFolderRow = sentFolderBox;

    m_certificateEdit = new QLineEdit(this);
    m_certificateEdit->setReadOnly(true);
    m_certificateEdit->setPlaceholderText(tr("None: the system's certificate authorities"));
    m_chooseCertificateButton = new QPushButton(tr("Choo&se..."), this);
    m_chooseCertificateButton->setAccessibleName(tr("Choose the mailbox's certificate"));
    m_clearCertificateButton = new QPushButton(tr("Clear"), this);
    m_clearCertificateButton->setAccessibleName(tr("Clear the mailbox's certificate"));
    const QString certificateExplanation = tr(
        "Only for a mailbox server with its own (self-signed or company) certificate: the PEM "
        "file of that certificate, as for the sending server. Everything else is still checked.");
    m_certificateNote = noteLabel(certificateExplanation, this);
    m_certificateEdit->setAccessibleDescription(certificateExplanation);
    auto *certificateBox = new QWidget(this);
    auto *certificateLayout = new QVBoxLayout(certificateBox);
    certificateLayout->setContentsMargins(0, 0, 0, 0);
    certificateLayout->setSpacing(2);
    auto *certificateRow = new QHBoxLayout;
    certificateRow->addWidget(m_certificateEdit, 1);
    certificateRow->addWidget(m_chooseCertificateButton);
    certificateRow->addWidget(m_clearCertificateButton);
    certificateLayout->addLayout(certificateRow);
    certificateLayout->addWidget(m_certificateNote);
    auto *certificateLabel = new QLabel(tr("Trusted certificate for I&MAP:"), this);
    certificateLabel->setBuddy(m_certificateEdit);
    form->addRow(certificateLabel, certificateBox);
    m_certificateRow = certificateBox;
    m_form = form;
    showAdvanced(false);

    connect(m_copyCheck, &QCheckBox::toggled, this, [this](bool checked) {
        if (m_updating)
            return;
        m_mailbox.copyToSent = checked;
        edited(Key::CopyToSent);
    });
    // textChanged, not textEdited: text set by assistive technology (dictation, voice control)
    // is an edit too (issue 14).
    connect(m_hostEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (m_updating)
            return;
        m_mailbox.server.host = text.trimmed();
        edited(Key::Host);
    });
    connect(m_portSpin, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_updating)
            return;
        m_mailbox.server.port = quint16(value);
        edited(Key::Port);
    });
    connect(m_securityCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_updating)
            return;
        m_mailbox.server.security = SecurityMode(m_securityCombo->currentData().toInt());
        edited(Key::Security);
    });
    connect(m_usernameEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (m_updating)
            return;
        m_mailbox.username = text.trimmed();
        edited(Key::Username);
    });
    connect(m_sentFolderEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (m_updating)
            return;
        m_mailbox.sentFolder = text.trimmed();
        edited(Key::SentFolder);
    });
    connect(m_advancedButton, &QPushButton::toggled, this, &MailboxSettingsWidget::showAdvanced);
    connect(m_chooseCertificateButton,
            &QPushButton::clicked,
            this,
            &MailboxSettingsWidget::onChooseCertificate);
    connect(m_clearCertificateButton, &QPushButton::clicked, this, [this] {
        if (m_mailbox.server.trustCertificateFile.isEmpty())
            return;
        m_mailbox.server.trustCertificateFile.clear();
        showMailbox();
        edited(Key::TrustCertificate);
    });

    nameControlsAfterTheirLabels(this);
    showMailbox();
}

MailboxSettingsWidget::~MailboxSettingsWidget() = default;

void MailboxSettingsWidget::setMailbox(const MailboxSettings &mailbox)
{
    m_mailbox = mailbox;
    showMailbox();
}

void MailboxSettingsWidget::setSmtpUsername(const QString &username)
{
    m_usernameEdit->setPlaceholderText(
        username.isEmpty() ? tr("The username of the sending server")
                           : tr("%1 (the username of the sending server)").arg(username));
}

void MailboxSettingsWidget::setAccountSignIn(AuthMethod auth, const QString &provider)
{
    m_signInNote->setText(
        auth == AuthMethod::OAuth2
            ? tr("The mailbox signs in with this account's %1 sign-in (OAuth2), as sending does: "
                 "there is no password to enter.")
                  .arg(provider)
            : tr("The mailbox signs in with this account's password, kept in this computer's "
                 "keychain: there is no second password to enter."));
}

void MailboxSettingsWidget::applyPreset(const ProviderPreset &preset, const QString &editKey)
{
    const ImapEndpoint applied = applyPresetImap(preset, m_mailbox.server);
    if (sameServer(applied, m_mailbox.server))
        return;
    m_mailbox.server = applied;
    showMailbox();
    edited(editKey);
}

bool MailboxSettingsWidget::trustCertificateFile(const QString &path)
{
    if (QSslCertificate::fromPath(path, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString)
            .isEmpty()) {
        m_certificateNote->setText(
            tr("\"%1\" is not a PEM certificate file.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    m_mailbox.server.trustCertificateFile = path;
    showMailbox();
    edited(Key::TrustCertificate);
    return true;
}

bool MailboxSettingsWidget::isShowingAdvanced() const
{
    return m_advancedButton->isChecked();
}

void MailboxSettingsWidget::showAdvanced(bool show)
{
    m_form->setRowVisible(m_sentFolderRow, show);
    m_form->setRowVisible(m_certificateRow, show);
}

void MailboxSettingsWidget::onChooseCertificate()
{
    const QString path = FileDialogs::getOpenFileName(this,
                                                      tr("Choose the Mailbox Server's Certificate"),
                                                      QString(),
                                                      tr("Certificates (*.pem *.crt *.cer);;All "
                                                         "files (*)"));
    if (!path.isEmpty())
        trustCertificateFile(path);
}

void MailboxSettingsWidget::showMailbox()
{
    const QScopedValueRollback updating(m_updating, true);
    if (m_copyCheck->isChecked() != m_mailbox.copyToSent)
        m_copyCheck->setChecked(m_mailbox.copyToSent);
    setTextIfDifferent(m_hostEdit, m_mailbox.server.host);
    if (m_portSpin->value() != m_mailbox.server.port)
        m_portSpin->setValue(m_mailbox.server.port);
    const int security = m_securityCombo->findData(int(m_mailbox.server.security));
    if (security >= 0 && security != m_securityCombo->currentIndex())
        m_securityCombo->setCurrentIndex(security);
    setTextIfDifferent(m_usernameEdit, m_mailbox.username);
    setTextIfDifferent(m_sentFolderEdit, m_mailbox.sentFolder);
    setTextIfDifferent(m_certificateEdit,
                       QDir::toNativeSeparators(m_mailbox.server.trustCertificateFile));
    m_clearCertificateButton->setEnabled(!m_mailbox.server.trustCertificateFile.isEmpty());
    // A setting kept behind "Advanced" is shown, so that it is never in force unseen.
    if (!m_mailbox.sentFolder.isEmpty() || !m_mailbox.server.trustCertificateFile.isEmpty())
        m_advancedButton->setChecked(true);
}

void MailboxSettingsWidget::edited(const QString &key)
{
    Q_EMIT mailboxEdited(m_mailbox, key);
}

} // namespace Bulkmail
