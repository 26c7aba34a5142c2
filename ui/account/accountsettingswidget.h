#pragma once

#include "delivery/deliverysettings.h"
#include "providers/providerpresets.h"
#include "smtp/connectiontest.h"
#include "smtp/smtpendpoint.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Bulkmail {

class PasswordStore;
struct PasswordStoreResult;

// The account page: where to connect (a provider preset or any server), how to sign in (the
// password lives in the desktop's keychain, never in the campaign file), "Test connection", and
// the sending settings, each with a short explanation and a live plain-words estimate.
//
// A view with edit signals: setSettings() shows a value and never emits; every user edit emits
// settingsEdited() with the whole new value and an edit key ("server.host", "sending.perMinute",
// ...) so that the document can merge consecutive edits of one field into one undo step.
class AccountSettingsWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountSettingsWidget)

public:
    explicit AccountSettingsWidget(QWidget *parent = nullptr);
    ~AccountSettingsWidget() override;

    // Shows the values; emits nothing. Equal values leave the fields (and their cursors) alone.
    void setSettings(const SmtpEndpoint &server, const DeliverySettings &sending);
    // For the estimate.
    void setRecipientCount(int count);

    [[nodiscard]] SmtpEndpoint server() const { return m_server; }
    [[nodiscard]] DeliverySettings sending() const { return m_sending; }

    // The password typed or read from the keychain (memory only).
    [[nodiscard]] QString password() const;
    void setPassword(const QString &password);

    // Where passwords are read and written; by default a PasswordStore (the keychain) owned by
    // the widget. Tests pass a MemoryPasswordStore. The widget does not take ownership.
    void setPasswordStore(PasswordStore *store);

    // Shows a connection test's result, as if "Test connection" had produced it.
    void showTestReport(const ConnectionTestReport &report);

    // The folder trusted certificates are saved in: AppDataLocation/certificates.
    [[nodiscard]] static QString certificateFolder();

Q_SIGNALS:
    void settingsEdited(const Bulkmail::SmtpEndpoint &server,
                        const Bulkmail::DeliverySettings &sending,
                        const QString &editKey);

private:
    [[nodiscard]] QGroupBox *buildServerGroup();
    [[nodiscard]] QGroupBox *buildSendingGroup();
    QWidget *explained(QWidget *field, const QString &explanation);

    void emitEdited(const QString &key);
    void showServer();
    void showSending();
    void updatePresetCombo();
    void updatePresetDetails();
    void updateSecurityExplanation();
    void updateEstimate();

    void onPresetActivated(int index);
    void onApplyPresetLimits();
    void onChooseCertificate();
    void onClearCertificate();
    void onTestClicked();
    void onTestFinished(const ConnectionTestReport &report);
    void onTrustCertificate();

    // Keychain.
    [[nodiscard]] PasswordStore *store();
    void readStoredPassword();
    void onPasswordRead(const QString &account, const PasswordStoreResult &result);
    void onPasswordEditingFinished();
    void onRememberToggled(bool remember);
    void writePassword();
    void setKeychainUnavailable(const QString &message);

    SmtpEndpoint m_server;
    DeliverySettings m_sending;
    int m_recipientCount = 0;
    bool m_updating = false; // showing values: field signals are not user edits

    // Server and sign-in.
    QComboBox *m_presetCombo = nullptr;
    QLabel *m_presetNote = nullptr;
    QLineEdit *m_hostEdit = nullptr;
    QSpinBox *m_portSpin = nullptr;
    QComboBox *m_securityCombo = nullptr;
    QLabel *m_securityExplanation = nullptr;
    QLineEdit *m_usernameEdit = nullptr;
    QLineEdit *m_passwordEdit = nullptr;
    QCheckBox *m_rememberCheck = nullptr;
    QLabel *m_keychainStatus = nullptr;
    QLineEdit *m_certificateEdit = nullptr;
    QPushButton *m_chooseCertificateButton = nullptr;
    QPushButton *m_clearCertificateButton = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_testResult = nullptr;
    QGroupBox *m_certificateBox = nullptr;
    QLabel *m_certificateDetails = nullptr;
    QPushButton *m_trustButton = nullptr;

    // Provider limits.
    QGroupBox *m_limitsBox = nullptr;
    QLabel *m_limitsText = nullptr;
    QPushButton *m_applyLimitsButton = nullptr;

    // Sending.
    QSpinBox *m_maxConnectionsSpin = nullptr;
    QSpinBox *m_messagesPerConnectionSpin = nullptr;
    QSpinBox *m_connectionAgeSpin = nullptr;
    QSpinBox *m_idleTimeoutSpin = nullptr;
    QDoubleSpinBox *m_perSecondSpin = nullptr;
    QSpinBox *m_perMinuteSpin = nullptr;
    QSpinBox *m_perDaySpin = nullptr;
    QSpinBox *m_delaySpin = nullptr;
    QSpinBox *m_attemptsSpin = nullptr;
    QComboBox *m_unconfirmedCombo = nullptr;
    QLabel *m_estimateLabel = nullptr;

    ConnectionTest *m_test = nullptr;
    ConnectionTestReport m_lastReport;

    PasswordStore *m_ownStore = nullptr;
    QPointer<PasswordStore> m_store;
    QString m_passwordAccount;    // the keychain key the password field belongs to
    bool m_passwordTyped = false; // the user typed since the account changed
    bool m_keychainAvailable = true;
    bool m_passwordStored = false; // the keychain holds the field's password
};

} // namespace Bulkmail
