#pragma once

#include "smtp/smtpendpoint.h"

#include <QGroupBox>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Bulkmail {

// Where the account page connects: the SMTP server, its port, the encryption (with what it means)
// and a certificate to trust for a server with its own. A provider preset fills them in; a view
// with an edit signal, like the page it sits on.
class ServerPanel final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerPanel)

public:
    explicit ServerPanel(QWidget *parent = nullptr);

    // Shows the values; emits nothing. Equal values leave the fields (and their cursors) alone.
    void setServer(const SmtpEndpoint &server);

Q_SIGNALS:
    // A user edit, with its key (AccountForm::Key).
    void serverEdited(const Bulkmail::SmtpEndpoint &server, const QString &editKey);
    // The chosen certificate file was refused (`why`, in the user's words).
    void certificateRefused(const QString &why);

private:
    void showServer();
    void onChooseCertificate();

    SmtpEndpoint m_server;
    bool m_updating = false; // showing values: field signals are not user edits

    QLineEdit *m_hostEdit = nullptr;
    QSpinBox *m_portSpin = nullptr;
    QComboBox *m_securityCombo = nullptr;
    QLabel *m_securityExplanation = nullptr;
    QLineEdit *m_certificateEdit = nullptr;
    QPushButton *m_chooseCertificateButton = nullptr;
    QPushButton *m_clearCertificateButton = nullptr;
};

} // namespace Bulkmail
