#include "serverpanel.h"
#include "widgets/filedialogs.h"

#include "accountform.h"
#include "accounttext.h"

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

using namespace AccountForm;

ServerPanel::ServerPanel(QWidget *parent)
    : QGroupBox(tr("Server"), parent)
{
    auto *form = new QFormLayout(this);
    auto addRow = [&](const QString &text, QWidget *buddy, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(buddy);
        form->addRow(label, field);
    };

    m_hostEdit = new QLineEdit(this);
    m_hostEdit->setObjectName(QStringLiteral("host")); // the checklist's links focus these
    m_hostEdit->setPlaceholderText(tr("smtp.example.org"));
    addRow(tr("&Server:"), m_hostEdit, m_hostEdit);

    m_portSpin = new QSpinBox(this);
    m_portSpin->setRange(1, 65535);
    m_portSpin->setToolTip(tr("Usually 587 with STARTTLS, or 465 with TLS."));
    addRow(tr("P&ort:"), m_portSpin, m_portSpin);

    // The note stacked under the field in a layout rather than in a row widget: the field stays
    // a sibling of its label, which is where Qt looks for the label relation that a screen
    // reader announces ("Security, combo box").
    m_securityCombo = new QComboBox(this);
    m_securityCombo->setObjectName(QStringLiteral("security"));
    for (SecurityMode mode : {SecurityMode::StartTls, SecurityMode::ImplicitTls, SecurityMode::None})
        m_securityCombo->addItem(AccountText::securityName(mode), int(mode));
    m_securityExplanation = explanationLabel(QString(), this);
    auto *securityLabel = new QLabel(tr("S&ecurity:"), this);
    securityLabel->setBuddy(m_securityCombo);
    auto *securityStack = new QVBoxLayout;
    securityStack->setSpacing(2);
    securityStack->addWidget(m_securityCombo);
    securityStack->addWidget(m_securityExplanation);
    form->addRow(securityLabel, securityStack);

    m_certificateEdit = new QLineEdit(this);
    m_certificateEdit->setObjectName(QStringLiteral("trustCertificate"));
    m_certificateEdit->setReadOnly(true);
    m_certificateEdit->setPlaceholderText(tr("None: the system's certificate authorities"));
    m_chooseCertificateButton = new QPushButton(tr("C&hoose..."), this);
    m_clearCertificateButton = new QPushButton(tr("C&lear"), this);
    auto *certificateRow = new QWidget(this);
    auto *certificateLayout = new QHBoxLayout(certificateRow);
    certificateLayout->setContentsMargins(0, 0, 0, 0);
    certificateLayout->addWidget(m_certificateEdit, 1);
    certificateLayout->addWidget(m_chooseCertificateButton);
    certificateLayout->addWidget(m_clearCertificateButton);
    addRow(tr("Trusted &certificate:"),
           m_certificateEdit,
           explained(certificateRow,
                     tr("Only for a server with its own (self-signed or company) certificate: "
                        "the PEM file of that certificate. Everything else is still checked.")));

    connect(m_hostEdit, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_server.host = text.trimmed();
        Q_EMIT serverEdited(m_server, Key::Host);
    });
    connect(m_portSpin, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_updating)
            return;
        m_server.port = quint16(value);
        Q_EMIT serverEdited(m_server, Key::Port);
    });
    connect(m_securityCombo, &QComboBox::activated, this, [this] {
        m_server.security = SecurityMode(m_securityCombo->currentData().toInt());
        showServer();
        Q_EMIT serverEdited(m_server, Key::Security);
    });
    connect(m_chooseCertificateButton,
            &QPushButton::clicked,
            this,
            &ServerPanel::onChooseCertificate);
    connect(m_clearCertificateButton, &QPushButton::clicked, this, [this] {
        if (m_server.trustCertificateFile.isEmpty())
            return;
        m_server.trustCertificateFile.clear();
        showServer();
        Q_EMIT serverEdited(m_server, Key::TrustCertificate);
    });
    showServer();
}

void ServerPanel::setServer(const SmtpEndpoint &server)
{
    m_server = server;
    showServer();
}

void ServerPanel::showServer()
{
    const QScopedValueRollback<bool> updating(m_updating, true);
    setTextIfDifferent(m_hostEdit, m_server.host);
    setValueIfDifferent(m_portSpin, m_server.port);
    setCurrentData(m_securityCombo, int(m_server.security));
    m_securityExplanation->setText(AccountText::securityExplanation(m_server.security));
    setTextIfDifferent(m_certificateEdit, QDir::toNativeSeparators(m_server.trustCertificateFile));
    m_clearCertificateButton->setEnabled(!m_server.trustCertificateFile.isEmpty());
}

void ServerPanel::onChooseCertificate()
{
    const QString path = FileDialogs::getOpenFileName(this,
                                                      tr("Choose the Server's Certificate"),
                                                      QString(),
                                                      tr("Certificates (*.pem *.crt *.cer);;All "
                                                         "files (*)"));
    if (path.isEmpty())
        return;
    if (QSslCertificate::fromPath(path, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString)
            .isEmpty()) {
        Q_EMIT certificateRefused(
            tr("\"%1\" is not a PEM certificate file.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    m_server.trustCertificateFile = path;
    showServer();
    Q_EMIT serverEdited(m_server, Key::TrustCertificate);
}

} // namespace Bulkmail
