#include "sendinglimitspanel.h"

#include "accountform.h"
#include "accounttext.h"

#include "widgets/accessiblenames.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Bulkmail {

using namespace AccountForm;

namespace {

bool sameLimits(const DeliverySettings &a, const DeliverySettings &b)
{
    return a.maxConnections == b.maxConnections && a.rateLimits.perSecond == b.rateLimits.perSecond
           && a.rateLimits.perMinute == b.rateLimits.perMinute
           && a.rateLimits.perDay == b.rateLimits.perDay;
}

} // namespace

SendingLimitsPanel::SendingLimitsPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildLimitsGroup());
    layout->addWidget(buildSendingGroup());
    showSending();
}

QGroupBox *SendingLimitsPanel::buildLimitsGroup()
{
    m_limitsBox = new QGroupBox(tr("The provider's published limits"), this);
    auto *limitsLayout = new QVBoxLayout(m_limitsBox);
    m_limitsText = new QLabel(m_limitsBox);
    m_limitsText->setWordWrap(true);
    m_limitsText->setTextFormat(Qt::RichText);
    m_limitsText->setOpenExternalLinks(true);
    m_limitsText->setAccessibleName(tr("Published limits"));
    m_applyLimitsButton = new QPushButton(tr("&Use These Limits"), m_limitsBox);
    m_applyLimitsButton->setToolTip(tr("Sets the sending limits below to the published figures; "
                                       "figures the provider does not publish are left as "
                                       "they are."));
    limitsLayout->addWidget(m_limitsText);
    limitsLayout->addWidget(m_applyLimitsButton, 0, Qt::AlignLeft);
    m_limitsBox->setVisible(false);
    connect(m_applyLimitsButton,
            &QPushButton::clicked,
            this,
            &SendingLimitsPanel::onApplyPresetLimits);
    return m_limitsBox;
}

QGroupBox *SendingLimitsPanel::buildSendingGroup()
{
    auto *group = new QGroupBox(tr("Sending"), this);
    auto *form = new QFormLayout(group);
    auto addRow = [&](const QString &text, QWidget *field, const QString &explanation) {
        auto *label = new QLabel(text, group);
        label->setBuddy(field);
        form->addRow(label, explained(field, explanation));
    };
    const DeliverySettings defaults;
    auto spin = [&](int minimum, int maximum, const QString &suffix, const QString &special) {
        auto *box = new QSpinBox(group);
        box->setRange(minimum, maximum);
        box->setSuffix(suffix);
        box->setSpecialValueText(special);
        return box;
    };

    m_maxConnectionsSpin = spin(1, 50, QString(), QString());
    addRow(tr("Co&nnections at once:"),
           m_maxConnectionsSpin,
           tr("How many connections to the server are open at the same time. More only help "
              "when the server allows them (Office 365 allows 3). The default, %1, is what every "
              "server accepts.")
               .arg(defaults.maxConnections));

    m_messagesPerConnectionSpin = spin(0, 100'000, QString(), tr("No limit"));
    addRow(tr("&Messages per connection:"),
           m_messagesPerConnectionSpin,
           tr("After this many messages a connection is closed and a fresh one is opened. The "
              "default, %1, follows the connection reuse limits of mail servers such as Postfix, "
              "so a connection never grows stale.")
               .arg(defaults.maxMessagesPerConnection));

    m_connectionAgeSpin = spin(0, 86'400, tr(" s"), tr("No limit"));
    addRow(tr("Connection &age:"),
           m_connectionAgeSpin,
           tr("A connection older than this is closed after its current message. The default, "
              "%1 s, is Postfix's own reuse time limit: long enough to save work, short enough "
              "for servers that end long sessions.")
               .arg(defaults.maxConnectionAge.count()));

    m_idleTimeoutSpin = spin(1, 3600, tr(" s"), QString());
    addRow(tr("Close &idle connections after:"),
           m_idleTimeoutSpin,
           tr("A connection with nothing to send is closed politely after this long. The "
              "default, %1 s, closes it before the server's own idle timeout cuts it off.")
               .arg(defaults.idleTimeout.count()));

    m_perSecondSpin = new QDoubleSpinBox(group);
    m_perSecondSpin->setRange(0, 1000);
    m_perSecondSpin->setDecimals(2);
    m_perSecondSpin->setSpecialValueText(tr("No limit"));
    addRow(tr("Messages per &second:"),
           m_perSecondSpin,
           tr("Messages start at most this often, evenly spread over all connections. The "
              "default, %1 a second, is gentle for most servers.")
               .arg(defaults.rateLimits.perSecond));

    m_perMinuteSpin = spin(0, 100'000, QString(), tr("No limit"));
    addRow(tr("Messages per mi&nute:"),
           m_perMinuteSpin,
           tr("At most this many messages start in any 60 seconds. Set it to the provider's "
              "limit (Office 365: 30); none by default."));

    m_perDaySpin = spin(0, 10'000'000, QString(), tr("No limit"));
    addRow(tr("Messages per &day:"),
           m_perDaySpin,
           tr("At most this many messages in any 24 hours; the rest wait and continue when the "
              "quota frees up. Set it to the provider's daily quota (Gmail: 500); none by "
              "default."));

    m_delaySpin = spin(0, 3'600'000, tr(" ms"), tr("No pause"));
    m_delaySpin->setSingleStep(100);
    addRow(tr("De&lay between messages:"),
           m_delaySpin,
           tr("A pause between the start of one message and the next, whatever the other limits "
              "allow. None by default."));

    m_attemptsSpin = spin(1, 20, QString(), QString());
    addRow(tr("A&ttempts per recipient:"),
           m_attemptsSpin,
           tr("How often a recipient is tried when the server says \"try again later\". The "
              "default, %1, with waits doubling from %2 s, rides out a short outage without "
              "hammering the server.")
               .arg(defaults.maxAttempts)
               .arg(defaults.retryDelay.count()));

    m_unconfirmedCombo = new QComboBox(group);
    m_unconfirmedCombo->addItem(tr("Send again, marked \"possibly duplicated\""),
                                int(UnconfirmedPolicy::Resend));
    m_unconfirmedCombo->addItem(tr("Hold for me to decide"), int(UnconfirmedPolicy::Hold));
    addRow(tr("&Unconfirmed deliveries:"),
           m_unconfirmedCombo,
           tr("When a connection broke after a message was sent but before the server confirmed "
              "it, the message may or may not have arrived. By default it is sent again once "
              "and marked, so nobody misses it; \"Hold\" lists it for you instead."));

    m_estimateLabel = new QLabel(group);
    m_estimateLabel->setWordWrap(true);
    m_estimateLabel->setAccessibleName(tr("Estimated sending time"));
    auto *estimateCaption = new QLabel(tr("Estimate:"), group);
    estimateCaption->setBuddy(m_estimateLabel);
    form->addRow(estimateCaption, m_estimateLabel);

    auto connectSpin = [this](QSpinBox *box, const QString &key, auto apply) {
        connect(box, &QSpinBox::valueChanged, this, [this, key, apply](int value) {
            if (m_updating)
                return;
            apply(value);
            edited(key);
        });
    };
    connectSpin(m_maxConnectionsSpin, Key::MaxConnections, [this](int v) {
        m_sending.maxConnections = v;
    });
    connectSpin(m_messagesPerConnectionSpin, Key::MessagesPerConnection, [this](int v) {
        m_sending.maxMessagesPerConnection = v;
    });
    connectSpin(m_connectionAgeSpin, Key::ConnectionAge, [this](int v) {
        m_sending.maxConnectionAge = std::chrono::seconds(v);
    });
    connectSpin(m_idleTimeoutSpin, Key::IdleTimeout, [this](int v) {
        m_sending.idleTimeout = std::chrono::seconds(v);
    });
    connectSpin(m_perMinuteSpin, Key::PerMinute, [this](int v) {
        m_sending.rateLimits.perMinute = v;
    });
    connectSpin(m_perDaySpin, Key::PerDay, [this](int v) { m_sending.rateLimits.perDay = v; });
    connectSpin(m_delaySpin, Key::Delay, [this](int v) {
        m_sending.rateLimits.delayBetweenMessages = std::chrono::milliseconds(v);
    });
    connectSpin(m_attemptsSpin, Key::Attempts, [this](int v) { m_sending.maxAttempts = v; });
    connect(m_perSecondSpin, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        if (m_updating)
            return;
        m_sending.rateLimits.perSecond = value;
        edited(Key::PerSecond);
    });
    connect(m_unconfirmedCombo, &QComboBox::activated, this, [this] {
        m_sending.unconfirmedPolicy = UnconfirmedPolicy(m_unconfirmedCombo->currentData().toInt());
        edited(Key::Unconfirmed);
    });
    return group;
}

void SendingLimitsPanel::setSending(const DeliverySettings &sending)
{
    m_sending = sending;
    showSending();
}

void SendingLimitsPanel::setPreset(const ProviderPreset &preset)
{
    m_preset = preset.id;
    updateLimits();
}

void SendingLimitsPanel::setRecipientCount(int count)
{
    if (m_recipientCount == count)
        return;
    m_recipientCount = count;
    updateEstimate();
}

void SendingLimitsPanel::showSending()
{
    const QScopedValueRollback<bool> updating(m_updating, true);
    setValueIfDifferent(m_maxConnectionsSpin, m_sending.maxConnections);
    setValueIfDifferent(m_messagesPerConnectionSpin, m_sending.maxMessagesPerConnection);
    setValueIfDifferent(m_connectionAgeSpin, int(m_sending.maxConnectionAge.count()));
    setValueIfDifferent(m_idleTimeoutSpin, int(m_sending.idleTimeout.count()));
    if (m_perSecondSpin->value() != m_sending.rateLimits.perSecond)
        m_perSecondSpin->setValue(m_sending.rateLimits.perSecond);
    setValueIfDifferent(m_perMinuteSpin, m_sending.rateLimits.perMinute);
    setValueIfDifferent(m_perDaySpin, m_sending.rateLimits.perDay);
    setValueIfDifferent(m_delaySpin, int(m_sending.rateLimits.delayBetweenMessages.count()));
    setValueIfDifferent(m_attemptsSpin, m_sending.maxAttempts);
    setCurrentData(m_unconfirmedCombo, int(m_sending.unconfirmedPolicy));
    updateEstimate();
    updateLimits();
}

void SendingLimitsPanel::edited(const QString &key)
{
    updateEstimate();
    updateLimits();
    Q_EMIT sendingEdited(m_sending, key);
}

void SendingLimitsPanel::updateLimits()
{
    const ProviderPreset &preset = providerPreset(m_preset);
    const bool isCustom = preset.id == ProviderId::Custom;
    m_limitsBox->setVisible(!isCustom);
    if (isCustom)
        return;
    const QLocale locale = this->locale();
    const QStringList lines{
        AccountText::publishedLimit(tr("Per second"), preset.perSecond, locale),
        AccountText::publishedLimit(tr("Per minute"), preset.perMinute, locale),
        AccountText::publishedLimit(tr("Per day"), preset.perDay, locale),
        AccountText::publishedLimit(tr("Connections at once"), preset.maxConnections, locale),
        AccountText::publishedLimit(tr("Recipients per message"),
                                    preset.recipientsPerMessage,
                                    locale),
    };
    m_limitsText->setText(lines.join(QStringLiteral("<br>")));
    const bool differs = !sameLimits(applyPresetLimits(preset, m_sending), m_sending);
    m_applyLimitsButton->setVisible(preset.hasPublishedLimits());
    m_applyLimitsButton->setEnabled(differs);
}

void SendingLimitsPanel::updateEstimate()
{
    const SendingEstimate estimate = estimateSending(m_recipientCount,
                                                     m_sending.rateLimits,
                                                     m_sending.maxConnections);
    showValue(m_estimateLabel, AccountText::estimate(estimate, locale()));
}

void SendingLimitsPanel::onApplyPresetLimits()
{
    const DeliverySettings applied = applyPresetLimits(providerPreset(m_preset), m_sending);
    if (sameLimits(applied, m_sending))
        return;
    m_sending = applied;
    showSending();
    Q_EMIT sendingEdited(m_sending, Key::PresetLimits);
}

} // namespace Bulkmail
