#pragma once

#include "delivery/deliverysettings.h"
#include "providers/providerpresets.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace Bulkmail {

// The account page's sending limits: the provider's published limits with "Use These Limits",
// every sending setting with what it does and why its default is what it is, and the plain-words
// estimate for the list. A view with an edit signal, like the page it sits on.
class SendingLimitsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendingLimitsPanel)

public:
    explicit SendingLimitsPanel(QWidget *parent = nullptr);

    // Shows the values; emits nothing.
    void setSending(const DeliverySettings &sending);
    [[nodiscard]] const DeliverySettings &sending() const { return m_sending; }
    // The provider whose published limits are offered (none for Custom).
    void setPreset(const ProviderPreset &preset);
    // For the estimate.
    void setRecipientCount(int count);

Q_SIGNALS:
    // A user edit, with its key (AccountForm::Key).
    void sendingEdited(const Bulkmail::DeliverySettings &sending, const QString &editKey);

private:
    [[nodiscard]] QGroupBox *buildLimitsGroup();
    [[nodiscard]] QGroupBox *buildSendingGroup();
    void showSending();
    void updateLimits();
    void updateEstimate();
    void edited(const QString &key);
    void onApplyPresetLimits();

    DeliverySettings m_sending;
    ProviderId m_preset = ProviderId::Custom;
    int m_recipientCount = 0;
    bool m_updating = false; // showing values: field signals are not user edits

    QGroupBox *m_limitsBox = nullptr;
    QLabel *m_limitsText = nullptr;
    QPushButton *m_applyLimitsButton = nullptr;

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
};

} // namespace Bulkmail
