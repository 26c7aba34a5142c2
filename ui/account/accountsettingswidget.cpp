#include "accountsettingswidget.h"

#include "widgets/accessiblenames.h"

#include "accounttext.h"
#include "common/fileio.h"
#include "mailboxsettingswidget.h"
#include "oauth/oauth2tokensource.h"
#include "oauth/tokenstore.h"
#include "secrets/passwordstore.h"
#include "widgets/filedialogs.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace Bulkmail {

namespace {

using namespace std::chrono_literals;

// Keys of settingsEdited(): one per field, so that typing in one field merges into one undo step.
namespace Key {
const QString Preset = QStringLiteral("server.preset");
const QString Host = QStringLiteral("server.host");
const QString Port = QStringLiteral("server.port");
const QString Security = QStringLiteral("server.security");
const QString Username = QStringLiteral("server.username");
const QString TrustCertificate = QStringLiteral("server.trustCertificate");
const QString Auth = QStringLiteral("server.auth");
const QString Tenant = QStringLiteral("server.oauthTenant");
const QString ClientId = QStringLiteral("server.oauthClientId");
const QString AuthorizationUrl = QStringLiteral("server.oauthAuthorizationUrl");
const QString TokenUrl = QStringLiteral("server.oauthTokenUrl");
const QString Scope = QStringLiteral("server.oauthScope");
const QString SignIn = QStringLiteral("server.signIn");
const QString PresetLimits = QStringLiteral("sending.presetLimits");
const QString MaxConnections = QStringLiteral("sending.maxConnections");
const QString MessagesPerConnection = QStringLiteral("sending.maxMessagesPerConnection");
const QString ConnectionAge = QStringLiteral("sending.maxConnectionAge");
const QString IdleTimeout = QStringLiteral("sending.idleTimeout");
const QString PerSecond = QStringLiteral("sending.perSecond");
const QString PerMinute = QStringLiteral("sending.perMinute");
const QString PerDay = QStringLiteral("sending.perDay");
const QString Delay = QStringLiteral("sending.delayBetweenMessages");
const QString Attempts = QStringLiteral("sending.maxAttempts");
const QString Unconfirmed = QStringLiteral("sending.unconfirmedPolicy");
} // namespace Key

// A test should answer in seconds, not wait the five minutes RFC 5321 allows a busy server.
SmtpTimeouts testTimeouts(SmtpTimeouts timeouts)
{
    constexpr std::chrono::seconds cap = 30s;
    timeouts.connect = std::min(timeouts.connect, cap);
    timeouts.greeting = std::min(timeouts.greeting, cap);
    timeouts.command = std::min(timeouts.command, cap);
    timeouts.dataInitiation = std::min(timeouts.dataInitiation, cap);
    timeouts.finalDot = std::min(timeouts.finalDot, cap);
    return timeouts;
}

void setTextIfDifferent(QLineEdit *edit, const QString &text)
{
    if (edit->text() != text)
        edit->setText(text);
}

void setValueIfDifferent(QSpinBox *spin, int value)
{
    if (spin->value() != value)
        spin->setValue(value);
}

void setCurrentData(QComboBox *combo, int value)
{
    const int index = combo->findData(value);
    if (index >= 0 && combo->currentIndex() != index)
        combo->setCurrentIndex(index);
}

bool sameLimits(const DeliverySettings &a, const DeliverySettings &b)
{
    return a.maxConnections == b.maxConnections && a.rateLimits.perSecond == b.rateLimits.perSecond
           && a.rateLimits.perMinute == b.rateLimits.perMinute
           && a.rateLimits.perDay == b.rateLimits.perDay;
}

QLabel *explanationLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    // A muted colour that follows the palette, light or dark.
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

// The "Sign in with" choices: Password, then the OAuth2 providers.
enum AuthChoice { PasswordChoice, MicrosoftChoice, GoogleChoice, CustomChoice };

int authChoice(AuthMethod auth, const OAuthSettings &oauth)
{
    if (auth == AuthMethod::Password)
        return PasswordChoice;
    switch (oauth.provider) {
    case OAuthProvider::Microsoft:
        return MicrosoftChoice;
    case OAuthProvider::Google:
        return GoogleChoice;
    case OAuthProvider::Custom:
        return CustomChoice;
    }
    return CustomChoice;
}

QString sanitizedFileName(const QString &host)
{
    QString name = host.trimmed().toLower();
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9.-]")), QStringLiteral("_"));
    if (name.isEmpty() || name.startsWith(u'.'))
        name.prepend(QStringLiteral("server"));
    return name;
}

} // namespace

AccountSettingsWidget::AccountSettingsWidget(QWidget *parent)
    : QWidget(parent)
    , m_test(new ConnectionTest(this))
    , m_openBrowser([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *contentLayout = new QVBoxLayout(content);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    contentLayout->addWidget(buildServerGroup());
    m_mailbox = new MailboxSettingsWidget(content);
    contentLayout->addWidget(m_mailbox);
    contentLayout->addWidget(m_limitsBox);
    contentLayout->addWidget(buildSendingGroup());
    contentLayout->addStretch(1);

    connect(m_test, &ConnectionTest::finished, this, &AccountSettingsWidget::onTestFinished);
    connect(m_test, &ConnectionTest::progress, m_testResult, &QLabel::setText);
    // Each field sits in a row widget beside its explanation, where Qt's own buddy lookup does
    // not find the label.
    nameControlsAfterTheirLabels(this);

    showServer();
    showSending();
    m_keychainStatus->setText(tr("Set a username to sign in; the password is remembered for "
                                 "each account in this computer's keychain."));
    updateAuthRows();
}

AccountSettingsWidget::~AccountSettingsWidget() = default;

QWidget *AccountSettingsWidget::explained(QWidget *field, const QString &explanation)
{
    auto *box = new QWidget(field->parentWidget());
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(explanationLabel(explanation, box));
    field->setWhatsThis(explanation);
    field->setAccessibleDescription(explanation); // read after the name by screen readers
    return box;
}

QGroupBox *AccountSettingsWidget::buildServerGroup()
{
    auto *group = new QGroupBox(tr("Server and sign-in"), this);
    auto *form = new QFormLayout(group);
    m_serverForm = form;
    auto addRow = [&](const QString &text, QWidget *buddy, QWidget *field) {
        auto *label = new QLabel(text, group);
        label->setBuddy(buddy);
        form->addRow(label, field);
    };
    // A field with its note under it, stacked in a layout rather than in a row widget: the field
    // stays a sibling of its label, which is where Qt looks for the label relation that a screen
    // reader announces ("Provider, combo box").
    auto addStackedRow = [&](const QString &text, QWidget *buddy, QWidget *note) {
        auto *label = new QLabel(text, group);
        label->setBuddy(buddy);
        auto *stack = new QVBoxLayout;
        stack->setSpacing(2);
        stack->addWidget(buddy);
        stack->addWidget(note);
        form->addRow(label, stack);
    };

    m_presetCombo = new QComboBox(group);
    for (const ProviderPreset &preset : providerPresets())
        m_presetCombo->addItem(AccountText::presetName(preset), int(preset.id));
    m_presetCombo->setToolTip(tr("Fills in the server settings of a known mail provider."));
    m_presetNote = new QLabel(group);
    m_presetNote->setWordWrap(true);
    m_presetNote->setTextFormat(Qt::RichText);
    m_presetNote->setOpenExternalLinks(true);
    addStackedRow(tr("&Provider:"), m_presetCombo, m_presetNote);

    m_hostEdit = new QLineEdit(group);
    m_hostEdit->setObjectName(QStringLiteral("host")); // the checklist's links focus these
    m_hostEdit->setPlaceholderText(tr("smtp.example.org"));
    addRow(tr("&Server:"), m_hostEdit, m_hostEdit);

    m_portSpin = new QSpinBox(group);
    m_portSpin->setRange(1, 65535);
    m_portSpin->setToolTip(tr("Usually 587 with STARTTLS, or 465 with TLS."));
    addRow(tr("P&ort:"), m_portSpin, m_portSpin);

    m_securityCombo = new QComboBox(group);
    m_securityCombo->setObjectName(QStringLiteral("security"));
    for (SecurityMode mode : {SecurityMode::StartTls, SecurityMode::ImplicitTls, SecurityMode::None})
        m_securityCombo->addItem(AccountText::securityName(mode), int(mode));
    m_securityExplanation = explanationLabel(QString(), group);
    addStackedRow(tr("S&ecurity:"), m_securityCombo, m_securityExplanation);

    m_authCombo = new QComboBox(group);
    m_authCombo->addItem(tr("Password"), int(PasswordChoice));
    m_authCombo->addItem(tr("Sign in with Microsoft"), int(MicrosoftChoice));
    m_authCombo->addItem(tr("Sign in with Google"), int(GoogleChoice));
    m_authCombo->addItem(tr("Sign in with your organisation's server (OAuth2)"), int(CustomChoice));
    m_authExplanation = explanationLabel(QString(), group);
    addStackedRow(tr("Sign &in with:"), m_authCombo, m_authExplanation);

    m_usernameEdit = new QLineEdit(group);
    m_usernameEdit->setObjectName(QStringLiteral("username"));
    m_usernameEdit->setPlaceholderText(tr("Usually your full email address"));
    addRow(tr("&Username:"), m_usernameEdit, m_usernameEdit);

    m_tenantEdit = new QLineEdit(group);
    m_tenantEdit->setPlaceholderText(QStringLiteral("common"));
    m_tenantRow = explained(m_tenantEdit,
                            tr("Which Microsoft 365 organisation to sign in to: \"common\" "
                               "works for most accounts; some organisations need their domain "
                               "or tenant ID here."));
    addRow(tr("&Tenant:"), m_tenantEdit, m_tenantRow);

    m_clientIdEdit = new QLineEdit(group);
    m_clientIdRow = explained(m_clientIdEdit,
                              tr("The application (client) ID your organisation registered for "
                                 "Bulkmail; your IT department can give it to you."));
    addRow(tr("C&lient ID:"), m_clientIdEdit, m_clientIdRow);

    m_authorizationUrlEdit = new QLineEdit(group);
    m_authorizationUrlEdit->setPlaceholderText(
        QStringLiteral("https://login.example.org/authorize"));
    addRow(tr("Sign-in &page:"), m_authorizationUrlEdit, m_authorizationUrlEdit);
    m_tokenUrlEdit = new QLineEdit(group);
    m_tokenUrlEdit->setPlaceholderText(QStringLiteral("https://login.example.org/token"));
    addRow(tr("To&ken address:"), m_tokenUrlEdit, m_tokenUrlEdit);
    m_scopeEdit = new QLineEdit(group);
    m_scopeEdit->setToolTip(tr("What the sign-in must allow, as the server names it (for "
                               "example \"smtp offline_access\")."));
    addRow(tr("Sco&pe:"), m_scopeEdit, m_scopeEdit);

    m_signInRow = new QWidget(group);
    auto *signInLayout = new QVBoxLayout(m_signInRow);
    signInLayout->setContentsMargins(0, 0, 0, 0);
    signInLayout->setSpacing(2);
    m_signInStatus = new QLabel(m_signInRow);
    m_signInStatus->setWordWrap(true);
    m_signInStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_signInStatus->setAccessibleName(tr("Sign-in status"));
    m_signInButton = new QPushButton(tr("Si&gn In…"), m_signInRow);
    m_signInButton->setToolTip(tr("Opens the provider's sign-in page in your browser. Bulkmail "
                                  "never sees your password."));
    m_signOutButton = new QPushButton(tr("Sign &Out"), m_signInRow);
    m_signOutButton->setToolTip(tr("Forgets this account's sign-in on this computer."));
    auto *signInButtons = new QHBoxLayout;
    signInButtons->addWidget(m_signInButton);
    signInButtons->addWidget(m_signOutButton);
    signInButtons->addStretch(1);
    m_linkRow = new QWidget(m_signInRow);
    auto *linkLayout = new QHBoxLayout(m_linkRow);
    linkLayout->setContentsMargins(0, 0, 0, 0);
    m_linkEdit = new QLineEdit(m_linkRow);
    m_linkEdit->setReadOnly(true);
    m_linkEdit->setAccessibleName(tr("Sign-in link"));
    m_linkEdit->setToolTip(tr("No browser could be opened: open this address in a browser to "
                              "sign in."));
    m_copyLinkButton = new QPushButton(tr("&Copy Link"), m_linkRow);
    linkLayout->addWidget(m_linkEdit, 1);
    linkLayout->addWidget(m_copyLinkButton);
    m_linkRow->setVisible(false);
    signInLayout->addWidget(m_signInStatus);
    signInLayout->addLayout(signInButtons);
    signInLayout->addWidget(m_linkRow);
    form->addRow(QString(), m_signInRow);

    m_passwordEdit = new QLineEdit(group);
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_rememberCheck = new QCheckBox(tr("&Remember in the keychain"), group);
    m_rememberCheck->setChecked(true);
    m_rememberCheck->setToolTip(tr("Keeps the password in this computer's keychain, never in the "
                                   "campaign file."));
    m_keychainStatus = explanationLabel(QString(), group);
    m_keychainStatus->setAccessibleName(tr("Keychain status"));
    auto *passwordBox = new QWidget(group);
    auto *passwordLayout = new QVBoxLayout(passwordBox);
    passwordLayout->setContentsMargins(0, 0, 0, 0);
    passwordLayout->setSpacing(2);
    passwordLayout->addWidget(m_passwordEdit);
    passwordLayout->addWidget(m_rememberCheck);
    passwordLayout->addWidget(m_keychainStatus);
    addRow(tr("Pass&word:"), m_passwordEdit, passwordBox);
    m_passwordBox = passwordBox;

    m_certificateEdit = new QLineEdit(group);
    m_certificateEdit->setObjectName(QStringLiteral("trustCertificate"));
    m_certificateEdit->setReadOnly(true);
    m_certificateEdit->setPlaceholderText(tr("None: the system's certificate authorities"));
    m_chooseCertificateButton = new QPushButton(tr("C&hoose..."), group);
    m_clearCertificateButton = new QPushButton(tr("C&lear"), group);
    auto *certificateRow = new QWidget(group);
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

    m_testButton = new QPushButton(tr("&Test Connection"), group);
    m_testButton->setToolTip(tr("Connects, sets up encryption, signs in and says goodbye. No "
                                "message is sent."));
    m_testResult = new QLabel(group);
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->setAccessibleName(tr("Connection test result"));
    auto *testBox = new QWidget(group);
    auto *testLayout = new QVBoxLayout(testBox);
    testLayout->setContentsMargins(0, 0, 0, 0);
    testLayout->addWidget(m_testButton, 0, Qt::AlignLeft);
    testLayout->addWidget(m_testResult);
    form->addRow(QString(), testBox);

    m_certificateBox = new QGroupBox(tr("The server's certificate"), group);
    auto *certificateBoxLayout = new QVBoxLayout(m_certificateBox);
    m_certificateDetails = new QLabel(m_certificateBox);
    m_certificateDetails->setWordWrap(true);
    m_certificateDetails->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_certificateDetails->setAccessibleName(tr("Certificate details"));
    m_trustButton = new QPushButton(tr("Trust This Certificate for This Account"), m_certificateBox);
    certificateBoxLayout->addWidget(m_certificateDetails);
    certificateBoxLayout->addWidget(m_trustButton, 0, Qt::AlignLeft);
    m_certificateBox->setVisible(false);
    form->addRow(m_certificateBox);

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

    connect(m_presetCombo, &QComboBox::activated, this, &AccountSettingsWidget::onPresetActivated);
    connect(m_hostEdit, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_server.host = text.trimmed();
        updatePresetCombo();
        updatePresetDetails();
        readStoredPassword();
        emitEdited(Key::Host);
    });
    connect(m_portSpin, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_updating)
            return;
        m_server.port = quint16(value);
        readStoredPassword();
        emitEdited(Key::Port);
    });
    connect(m_securityCombo, &QComboBox::activated, this, [this] {
        m_server.security = SecurityMode(m_securityCombo->currentData().toInt());
        updateSecurityExplanation();
        emitEdited(Key::Security);
    });
    connect(m_usernameEdit, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_server.username = text.trimmed();
        m_mailbox->setSmtpUsername(m_server.username);
        readStoredPassword();
        refreshSignInStatus();
        emitEdited(Key::Username);
    });
    connect(m_authCombo, &QComboBox::activated, this, &AccountSettingsWidget::onAuthActivated);
    auto connectOAuthEdit = [this](QLineEdit *edit, const QString &key, auto apply) {
        connect(edit, &QLineEdit::textEdited, this, [this, key, apply](const QString &text) {
            apply(text.trimmed());
            refreshSignInStatus();
            emitEdited(key);
        });
    };
    connectOAuthEdit(m_tenantEdit, Key::Tenant, [this](const QString &text) {
        m_oauth.tenant = text.isEmpty() ? QStringLiteral("common") : text;
    });
    connectOAuthEdit(m_clientIdEdit, Key::ClientId, [this](const QString &text) {
        m_oauth.clientId = text;
    });
    connectOAuthEdit(m_authorizationUrlEdit, Key::AuthorizationUrl, [this](const QString &text) {
        m_oauth.authorizationUrl = text;
    });
    connectOAuthEdit(m_tokenUrlEdit, Key::TokenUrl, [this](const QString &text) {
        m_oauth.tokenUrl = text;
    });
    connectOAuthEdit(m_scopeEdit, Key::Scope, [this](const QString &text) { m_oauth.scope = text; });
    connect(m_signInButton, &QPushButton::clicked, this, &AccountSettingsWidget::signIn);
    connect(m_signOutButton, &QPushButton::clicked, this, &AccountSettingsWidget::signOut);
    connect(m_copyLinkButton, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_linkEdit->text());
        setSignInStatus(tr("The link is copied: paste it into a browser to sign in."));
    });
    connect(m_passwordEdit, &QLineEdit::textEdited, this, [this] {
        m_passwordTyped = true;
        m_passwordStored = false;
    });
    connect(m_passwordEdit,
            &QLineEdit::editingFinished,
            this,
            &AccountSettingsWidget::onPasswordEditingFinished);
    connect(m_rememberCheck, &QCheckBox::clicked, this, &AccountSettingsWidget::onRememberToggled);
    connect(m_chooseCertificateButton,
            &QPushButton::clicked,
            this,
            &AccountSettingsWidget::onChooseCertificate);
    connect(m_clearCertificateButton,
            &QPushButton::clicked,
            this,
            &AccountSettingsWidget::onClearCertificate);
    connect(m_testButton, &QPushButton::clicked, this, &AccountSettingsWidget::onTestClicked);
    connect(m_trustButton, &QPushButton::clicked, this, &AccountSettingsWidget::onTrustCertificate);
    connect(m_applyLimitsButton,
            &QPushButton::clicked,
            this,
            &AccountSettingsWidget::onApplyPresetLimits);
    return group;
}

QGroupBox *AccountSettingsWidget::buildSendingGroup()
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
            updateEstimate();
            updatePresetDetails();
            emitEdited(key);
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
        updateEstimate();
        updatePresetDetails();
        emitEdited(Key::PerSecond);
    });
    connect(m_unconfirmedCombo, &QComboBox::activated, this, [this] {
        m_sending.unconfirmedPolicy = UnconfirmedPolicy(m_unconfirmedCombo->currentData().toInt());
        emitEdited(Key::Unconfirmed);
    });
    return group;
}

// --- Showing values --------------------------------------------------------------------------

void AccountSettingsWidget::setSettings(const SmtpEndpoint &server,
                                        const DeliverySettings &sending,
                                        AuthMethod auth,
                                        const OAuthSettings &oauth)
{
    if (PasswordStore::accountKey(server) != m_passwordAccount)
        m_passwordTyped = false; // another account: what the keychain holds for it wins
    m_server = server;
    m_sending = sending;
    m_auth = auth;
    m_oauth = oauth;
    showServer();
    showSending();
    readStoredPassword();
    refreshSignInStatus();
}

void AccountSettingsWidget::setRecipientCount(int count)
{
    if (m_recipientCount == count)
        return;
    m_recipientCount = count;
    updateEstimate();
}

void AccountSettingsWidget::showServer()
{
    const QScopedValueRollback<bool> updating(m_updating, true);
    setTextIfDifferent(m_hostEdit, m_server.host);
    setValueIfDifferent(m_portSpin, m_server.port);
    setCurrentData(m_securityCombo, int(m_server.security));
    setTextIfDifferent(m_usernameEdit, m_server.username);
    m_mailbox->setSmtpUsername(m_server.username);
    setTextIfDifferent(m_certificateEdit, QDir::toNativeSeparators(m_server.trustCertificateFile));
    m_clearCertificateButton->setEnabled(!m_server.trustCertificateFile.isEmpty());
    showOAuth();
    updatePresetCombo();
    updatePresetDetails();
    updateSecurityExplanation();
}

void AccountSettingsWidget::showSending()
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
    updatePresetDetails();
}

void AccountSettingsWidget::emitEdited(const QString &key)
{
    Q_EMIT settingsEdited(m_server, m_sending, key, m_auth, m_oauth);
}

void AccountSettingsWidget::showOAuth()
{
    const QScopedValueRollback<bool> updating(m_updating, true);
    const int choice = m_authCombo->findData(authChoice(m_auth, m_oauth));
    if (choice >= 0 && m_authCombo->currentIndex() != choice)
        m_authCombo->setCurrentIndex(choice);
    // "common" is what an empty field means: show it as the placeholder, not as text.
    setTextIfDifferent(m_tenantEdit,
                       m_oauth.tenant == QLatin1String("common") ? QString() : m_oauth.tenant);
    setTextIfDifferent(m_clientIdEdit, m_oauth.clientId);
    setTextIfDifferent(m_authorizationUrlEdit, m_oauth.authorizationUrl);
    setTextIfDifferent(m_tokenUrlEdit, m_oauth.tokenUrl);
    setTextIfDifferent(m_scopeEdit, m_oauth.scope);
    updateAuthRows();
}

void AccountSettingsWidget::updateAuthRows()
{
    const bool isOAuth = m_auth == AuthMethod::OAuth2;
    m_serverForm->setRowVisible(m_passwordBox, !isOAuth);
    m_serverForm->setRowVisible(m_tenantRow,
                                isOAuth && m_oauth.provider == OAuthProvider::Microsoft);
    m_serverForm->setRowVisible(m_clientIdRow, isOAuth);
    const bool isCustom = isOAuth && m_oauth.provider == OAuthProvider::Custom;
    m_serverForm->setRowVisible(m_authorizationUrlEdit, isCustom);
    m_serverForm->setRowVisible(m_tokenUrlEdit, isCustom);
    m_serverForm->setRowVisible(m_scopeEdit, isCustom);
    m_serverForm->setRowVisible(m_signInRow, isOAuth);
    m_mailbox->setAccountSignIn(m_auth, oauthProviderDisplayName(m_oauth.provider));
    m_usernameEdit->setPlaceholderText(isOAuth ? tr("Filled in when you sign in")
                                               : tr("Usually your full email address"));
    m_authExplanation->setText(
        isOAuth ? tr("You approve Bulkmail on %1's sign-in page in your browser; no password is "
                     "typed or stored here.")
                      .arg(oauthProviderDisplayName(m_oauth.provider))
                : tr("The account's password (or app password), kept in this computer's "
                     "keychain."));
    m_signInButton->setText(isSigningIn() ? tr("&Cancel Sign-In") : tr("Si&gn In…"));
    m_signOutButton->setEnabled(m_signedIn && !isSigningIn());
}

void AccountSettingsWidget::updatePresetCombo()
{
    // Keep the chosen preset while it matches the host (Gmail and Google Workspace share one).
    const auto current = ProviderId(m_presetCombo->currentData().toInt());
    const ProviderPreset &chosen = providerPreset(current);
    const ProviderPreset &recognised = presetForHost(m_server.host);
    if (chosen.id != ProviderId::Custom && recognised.host == chosen.host)
        return;
    setCurrentData(m_presetCombo, int(recognised.id));
}

void AccountSettingsWidget::updatePresetDetails()
{
    const ProviderPreset &preset = providerPreset(ProviderId(m_presetCombo->currentData().toInt()));
    const bool isCustom = preset.id == ProviderId::Custom;
    const QLocale locale = this->locale();

    QStringList notes;
    const char *signInNote = m_auth == AuthMethod::OAuth2 && preset.oauthNote ? preset.oauthNote
                                                                              : preset.signInNote;
    if (signInNote)
        notes.append(
            QCoreApplication::translate(ProviderPresetsContext, signInNote).toHtmlEscaped());
    if (preset.alternativePort) {
        notes.append(tr("Also possible: port %1 with %2.")
                         .arg(*preset.alternativePort)
                         .arg(AccountText::securityName(preset.alternativeSecurity)));
    }
    if (preset.serverSource.isKnown()) {
        notes.append(tr("Server settings from <a href=\"%1\">%2</a>.")
                         .arg(preset.serverSource.url.toHtmlEscaped(),
                              preset.serverSource.title.toHtmlEscaped()));
    }
    m_presetNote->setText(notes.join(QStringLiteral("<br>")));
    m_presetNote->setVisible(!isCustom && !notes.isEmpty());

    m_limitsBox->setVisible(!isCustom);
    if (isCustom)
        return;
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

void AccountSettingsWidget::updateSecurityExplanation()
{
    m_securityExplanation->setText(AccountText::securityExplanation(m_server.security));
}

void AccountSettingsWidget::updateEstimate()
{
    const SendingEstimate estimate = estimateSending(m_recipientCount,
                                                     m_sending.rateLimits,
                                                     m_sending.maxConnections);
    showValue(m_estimateLabel, AccountText::estimate(estimate, locale()));
}

// --- User actions ----------------------------------------------------------------------------

void AccountSettingsWidget::onPresetActivated(int index)
{
    const ProviderPreset &preset = providerPreset(
        ProviderId(m_presetCombo->itemData(index).toInt()));
    updatePresetDetails();
    if (preset.id == ProviderId::Custom)
        return;
    const SmtpEndpoint applied = applyPresetServer(preset, m_server);
    // A provider with a sign-in page signs in there; one without needs a password.
    const AuthMethod auth = preset.defaultAuth;
    const OAuthSettings oauth = auth == AuthMethod::OAuth2 ? applyPresetOAuth(preset, m_oauth)
                                                           : m_oauth;
    if (applied.host != m_server.host || applied.port != m_server.port
        || applied.security != m_server.security || auth != m_auth || oauth != m_oauth) {
        m_server = applied;
        m_auth = auth;
        m_oauth = oauth;
        showServer();
        readStoredPassword();
        refreshSignInStatus();
        emitEdited(Key::Preset);
    }
    // The same key: the document merges the mailbox into the server's edit, one undo step.
    m_mailbox->applyPreset(preset, Key::Preset);
}

void AccountSettingsWidget::onApplyPresetLimits()
{
    const ProviderPreset &preset = providerPreset(ProviderId(m_presetCombo->currentData().toInt()));
    const DeliverySettings applied = applyPresetLimits(preset, m_sending);
    if (sameLimits(applied, m_sending))
        return;
    m_sending = applied;
    showSending();
    emitEdited(Key::PresetLimits);
}

void AccountSettingsWidget::onChooseCertificate()
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
        m_testResult->setText(
            tr("\"%1\" is not a PEM certificate file.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    m_server.trustCertificateFile = path;
    showServer();
    emitEdited(Key::TrustCertificate);
}

void AccountSettingsWidget::onClearCertificate()
{
    if (m_server.trustCertificateFile.isEmpty())
        return;
    m_server.trustCertificateFile.clear();
    showServer();
    emitEdited(Key::TrustCertificate);
}

void AccountSettingsWidget::onTestClicked()
{
    if (m_fetchingTestToken) {
        m_fetchingTestToken = false;
        m_testTokens.reset(); // drops the token request under way
        m_testButton->setText(tr("&Test Connection"));
        m_testResult->setText(tr("The test was cancelled."));
        return;
    }
    if (m_test->isRunning()) {
        m_test->cancel();
        return;
    }
    m_certificateBox->setVisible(false);
    if (m_server.host.isEmpty()) {
        m_testResult->setText(tr("Enter the server's name first."));
        return;
    }
    m_testButton->setText(tr("&Cancel Test"));
    m_testResult->setText(tr("Testing..."));
    if (m_auth == AuthMethod::OAuth2) {
        testWithAccessToken();
        return;
    }
    m_test->start(m_server, password(), testTimeouts(m_sending.timeouts));
}

void AccountSettingsWidget::onTestFinished(const ConnectionTestReport &report)
{
    m_testButton->setText(tr("&Test Connection"));
    showTestReport(report);
    // A password that just worked is worth remembering.
    if (m_auth == AuthMethod::Password && report.isSuccess() && report.authenticated
        && m_rememberCheck->isChecked() && m_keychainAvailable && !m_passwordStored
        && !password().isEmpty())
        writePassword();
}

void AccountSettingsWidget::showTestReport(const ConnectionTestReport &report)
{
    m_lastReport = report;
    m_testResult->setText(AccountText::report(report));
    const bool certificateProblem = report.outcome
                                        == ConnectionTestReport::Outcome::CertificateRejected
                                    && !report.peerCertificateChain.isEmpty();
    m_certificateBox->setVisible(certificateProblem);
    if (!certificateProblem)
        return;
    QStringList problems;
    for (const QSslError &error : report.sslErrors)
        problems.append(error.errorString());
    QString text = AccountText::certificate(report.peerCertificateChain.first(), locale());
    if (!problems.isEmpty())
        text += u'\n' + tr("Problems: %1").arg(problems.join(QStringLiteral("; ")));
    text += QStringLiteral("\n\n");
    if (report.isTrustable) {
        text += tr("Only trust it if you know this server uses its own certificate (for example "
                   "your company's mail server) and the fingerprint matches what its "
                   "administrator gives you. Bulkmail then accepts exactly this certificate for "
                   "this account, and still checks the server's name and the dates.");
    } else {
        text += tr("Trusting this certificate would not fix this: it is for another server name "
                   "or out of date. Check the server name, or ask the mail administrator.");
    }
    m_certificateDetails->setText(text);
    m_trustButton->setVisible(report.isTrustable);
}

QString AccountSettingsWidget::certificateFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/certificates");
}

void AccountSettingsWidget::onTrustCertificate()
{
    if (m_lastReport.peerCertificateChain.isEmpty() || !m_lastReport.isTrustable)
        return;
    const QSslCertificate certificate = m_lastReport.peerCertificateChain.first();
    const QString folder = certificateFolder();
    const QString path = folder + u'/' + sanitizedFileName(m_server.host) + QStringLiteral(".pem");
    if (!QDir().mkpath(folder)) {
        m_testResult->setText(
            tr("Cannot create the folder \"%1\".").arg(QDir::toNativeSeparators(folder)));
        return;
    }
    const Result<void> written = writeFileAtomically(path, certificate.toPem());
    if (!written) {
        m_testResult->setText(tr("Cannot save the certificate: %1").arg(written.error().message));
        return;
    }
    m_server.trustCertificateFile = path;
    showServer();
    m_certificateBox->setVisible(false);
    m_testResult->setText(tr("This certificate is now trusted for this account (saved in "
                             "\"%1\"). Test the connection again to check.")
                              .arg(QDir::toNativeSeparators(path)));
    emitEdited(Key::TrustCertificate);
}

// --- Keychain --------------------------------------------------------------------------------

QString AccountSettingsWidget::password() const
{
    return m_passwordEdit->text();
}

void AccountSettingsWidget::setPassword(const QString &password)
{
    if (m_passwordEdit->text() != password)
        m_passwordEdit->setText(password);
    m_passwordStored = false;
}

void AccountSettingsWidget::setPasswordStore(PasswordStore *store)
{
    if (m_store == store)
        return;
    m_store = store;
    if (m_ownTokenStore) {
        // The default token store sits on the password store: follow it to the new one.
        if (m_tokenStore == m_ownTokenStore)
            m_tokenStore.clear();
        delete std::exchange(m_ownTokenStore, nullptr);
    }
    m_tokenAccount.clear();
    refreshSignInStatus();
    m_keychainAvailable = true;
    m_rememberCheck->setEnabled(true);
    m_passwordAccount.clear();
    readStoredPassword();
}

PasswordStore *AccountSettingsWidget::store()
{
    if (!m_store) {
        if (!m_ownStore)
            m_ownStore = new PasswordStore(this);
        m_store = m_ownStore;
    }
    return m_store;
}

void AccountSettingsWidget::readStoredPassword()
{
    if (m_auth == AuthMethod::OAuth2) {
        m_passwordAccount.clear(); // read again when the account goes back to a password
        return;
    }
    const QString account = PasswordStore::accountKey(m_server);
    if (account == m_passwordAccount)
        return;
    m_passwordAccount = account;
    m_passwordStored = false;
    if (account.isEmpty()) {
        m_keychainStatus->setText(tr("Set a username to sign in; the password is remembered for "
                                     "each account in this computer's keychain."));
        return;
    }
    if (!m_keychainAvailable)
        return; // the status already says so
    m_keychainStatus->setText(tr("Looking in the keychain..."));
    QPointer<AccountSettingsWidget> self(this);
    store()->readPassword(account, [self, account](const PasswordStoreResult &result) {
        if (self)
            self->onPasswordRead(account, result);
    });
}

void AccountSettingsWidget::onPasswordRead(const QString &account, const PasswordStoreResult &result)
{
    if (account != m_passwordAccount)
        return; // the account changed meanwhile
    switch (result.status) {
    case PasswordStoreStatus::Success:
        if (!m_passwordTyped || m_passwordEdit->text() == result.password) {
            if (m_passwordEdit->text() != result.password)
                m_passwordEdit->setText(result.password);
            m_passwordTyped = false;
            m_passwordStored = true;
        }
        m_rememberCheck->setChecked(true);
        m_keychainStatus->setText(m_passwordStored
                                      ? tr("Remembered in the keychain.")
                                      : tr("The keychain holds another password for this "
                                           "account; leave the field to replace it."));
        return;
    case PasswordStoreStatus::NotFound:
        m_keychainStatus->setText(m_passwordEdit->text().isEmpty()
                                      ? tr("Not in the keychain yet: type the password; it is "
                                           "remembered when you leave the field.")
                                      : tr("This password is not in the keychain yet."));
        return;
    case PasswordStoreStatus::Unavailable:
        setKeychainUnavailable(result.message);
        return;
    case PasswordStoreStatus::Failed:
        m_keychainStatus->setText(result.message);
        return;
    }
}

void AccountSettingsWidget::setKeychainUnavailable(const QString &message)
{
    m_keychainAvailable = false;
    m_passwordStored = false;
    m_rememberCheck->setChecked(false);
    m_rememberCheck->setEnabled(false);
    m_keychainStatus->setText(message);
}

void AccountSettingsWidget::onPasswordEditingFinished()
{
    if (!m_passwordTyped || m_passwordStored || !m_rememberCheck->isChecked()
        || !m_keychainAvailable)
        return;
    writePassword();
}

void AccountSettingsWidget::onRememberToggled(bool remember)
{
    if (m_passwordAccount.isEmpty())
        return;
    if (remember) {
        if (!password().isEmpty())
            writePassword();
        return;
    }
    m_passwordStored = false;
    QPointer<AccountSettingsWidget> self(this);
    const QString account = m_passwordAccount;
    store()->deletePassword(account, [self, account](const PasswordStoreResult &result) {
        if (!self || account != self->m_passwordAccount)
            return;
        if (result.status == PasswordStoreStatus::Unavailable) {
            self->setKeychainUnavailable(result.message);
            return;
        }
        self->m_keychainStatus->setText(
            result.isSuccess() ? tr("Not remembered: the password is asked each time you send.")
                               : result.message);
    });
}

void AccountSettingsWidget::writePassword()
{
    if (m_passwordAccount.isEmpty()) {
        m_keychainStatus->setText(tr("Set a username first: the password is remembered for each "
                                     "account."));
        return;
    }
    const QString account = m_passwordAccount;
    const QString secret = password();
    if (secret.isEmpty())
        return;
    m_keychainStatus->setText(tr("Saving in the keychain..."));
    QPointer<AccountSettingsWidget> self(this);
    store()->writePassword(account,
                           secret,
                           [self, account, secret](const PasswordStoreResult &result) {
                               if (!self || account != self->m_passwordAccount)
                                   return;
                               switch (result.status) {
                               case PasswordStoreStatus::Success:
                                   self->m_passwordStored = self->password() == secret;
                                   self->m_keychainStatus->setText(
                                       tr("Remembered in the keychain."));
                                   return;
                               case PasswordStoreStatus::Unavailable:
                                   self->setKeychainUnavailable(result.message);
                                   return;
                               case PasswordStoreStatus::NotFound:
                               case PasswordStoreStatus::Failed:
                                   self->m_keychainStatus->setText(result.message);
                                   return;
                               }
                           });
}

// --- OAuth2 ----------------------------------------------------------------------------------

void AccountSettingsWidget::setTokenStore(TokenStore *store)
{
    if (m_tokenStore == store)
        return;
    m_tokenStore = store;
    m_tokenAccount.clear();
    refreshSignInStatus();
}

TokenStore *AccountSettingsWidget::tokenStore()
{
    if (!m_tokenStore) {
        if (!m_ownTokenStore)
            m_ownTokenStore = new TokenStore(store(), this);
        m_tokenStore = m_ownTokenStore;
    }
    return m_tokenStore;
}

void AccountSettingsWidget::setOpenBrowser(OAuthSignIn::OpenBrowser openBrowser)
{
    m_openBrowser = std::move(openBrowser);
}

QString AccountSettingsWidget::signInStatus() const
{
    return m_signInStatus->text();
}

void AccountSettingsWidget::setSignInStatus(const QString &text)
{
    m_signInStatus->setText(text);
}

QString AccountSettingsWidget::oauthAccountKey() const
{
    if (m_auth != AuthMethod::OAuth2 || m_server.username.isEmpty())
        return {};
    return TokenStore::accountKey(m_oauth.provider, m_server.username);
}

void AccountSettingsWidget::onAuthActivated(int index)
{
    const int choice = m_authCombo->itemData(index).toInt();
    AuthMethod auth = AuthMethod::OAuth2;
    OAuthProvider provider = m_oauth.provider;
    switch (choice) {
    case PasswordChoice:
        auth = AuthMethod::Password;
        break;
    case MicrosoftChoice:
        provider = OAuthProvider::Microsoft;
        break;
    case GoogleChoice:
        provider = OAuthProvider::Google;
        break;
    default:
        provider = OAuthProvider::Custom;
        break;
    }
    OAuthSettings oauth = m_oauth;
    if (auth == AuthMethod::OAuth2 && provider != oauth.provider) {
        // Another provider: its own profile; the client id may be the same app registration.
        oauth = OAuthSettings{};
        oauth.provider = provider;
        oauth.clientId = m_oauth.clientId;
    }
    if (auth == m_auth && oauth == m_oauth)
        return;
    if (m_signIn)
        m_signIn->cancel();
    m_auth = auth;
    m_oauth = oauth;
    showOAuth();
    updatePresetDetails();
    readStoredPassword();
    refreshSignInStatus();
    emitEdited(Key::Auth);
}

void AccountSettingsWidget::refreshSignInStatus()
{
    if (m_auth != AuthMethod::OAuth2) {
        m_tokenAccount.clear();
        m_signedIn = false;
        updateAuthRows();
        return;
    }
    const QString account = oauthAccountKey();
    if (account == m_tokenAccount && !account.isEmpty())
        return;
    m_tokenAccount = account;
    m_signedIn = false;
    updateAuthRows();
    if (isSigningIn())
        return; // the sign-in under way reports
    if (account.isEmpty()) {
        setSignInStatus(tr("Not signed in. Press \"Sign In…\" and approve Bulkmail in your "
                           "browser."));
        return;
    }
    setSignInStatus(tr("Looking in the keychain..."));
    QPointer<AccountSettingsWidget> self(this);
    const QString address = m_server.username;
    // Reads the refresh token only to learn whether one exists; it is dropped at once.
    tokenStore()->readRefreshToken(
        m_oauth.provider, address, [self, account, address](const PasswordStoreResult &result) {
            if (!self || account != self->m_tokenAccount || self->isSigningIn())
                return;
            switch (result.status) {
            case PasswordStoreStatus::Success:
                self->m_signedIn = true;
                self->setSignInStatus(tr("Signed in as %1.").arg(address));
                break;
            case PasswordStoreStatus::NotFound:
                self->setSignInStatus(tr("Not signed in as %1 on this computer. Press \"Sign "
                                         "In…\" and approve Bulkmail in your browser.")
                                          .arg(address));
                break;
            case PasswordStoreStatus::Unavailable:
            case PasswordStoreStatus::Failed:
                self->setSignInStatus(result.message);
                break;
            }
            self->updateAuthRows();
        });
}

void AccountSettingsWidget::signIn()
{
    if (m_signIn) {
        m_signIn->cancel(); // reports failed(Cancelled)
        return;
    }
    if (m_auth != AuthMethod::OAuth2)
        return;
    if (m_oauth.clientId.trimmed().isEmpty()) {
        setSignInStatus(tr("Enter the client ID first: your IT department can give it to you."));
        m_clientIdEdit->setFocus();
        return;
    }
    if (const auto problem = findOAuthSettingsProblem(m_oauth)) {
        setSignInStatus(AccountText::oauthSettingsProblem(*problem));
        return;
    }
    m_signInLink.clear();
    m_linkEdit->clear();
    m_linkRow->setVisible(false);
    auto *signIn = new OAuthSignIn(m_oauth, m_server.username, this);
    signIn->setOpenBrowser(m_openBrowser);
    m_signIn = signIn;
    connect(signIn,
            &OAuthSignIn::authorizationUrlReady,
            this,
            [this](const QUrl &url, bool browserOpened) {
                if (browserOpened) {
                    setSignInStatus(tr("Approve Bulkmail in the browser window that opened…"));
                    return;
                }
                // No browser: the user opens the page wherever they can.
                m_signInLink = url;
                m_linkEdit->setText(url.toString(QUrl::FullyEncoded));
                m_linkRow->setVisible(true);
                setSignInStatus(tr("No browser could be opened. Copy the link below into a "
                                   "browser and approve Bulkmail there…"));
            });
    connect(signIn, &OAuthSignIn::succeeded, this, &AccountSettingsWidget::onSignInSucceeded);
    connect(signIn, &OAuthSignIn::failed, this, &AccountSettingsWidget::onSignInFailed);
    setSignInStatus(tr("Opening the sign-in page…"));
    updateAuthRows();
    signIn->start();
}

void AccountSettingsWidget::onSignInSucceeded(const OAuthSignInResult &result)
{
    if (m_signIn)
        m_signIn->deleteLater();
    m_signIn.clear();
    m_signInLink.clear();
    m_linkRow->setVisible(false);
    updateAuthRows();
    const QString address = result.address.trimmed();
    if (address.isEmpty()) {
        setSignInStatus(tr("The sign-in page did not say which mailbox signed in. Enter the "
                           "address as the username and sign in again."));
        Q_EMIT signInFailed(Error{ErrorCode::Authentication, signInStatus()});
        return;
    }
    if (address.compare(m_server.username, Qt::CaseSensitive) != 0) {
        // The access tokens are for the signed-in mailbox: it is the one to send as.
        m_server.username = address;
        showServer();
        emitEdited(Key::SignIn);
    }
    m_tokenAccount = oauthAccountKey();
    if (result.refreshToken.isEmpty()) {
        m_signedIn = false;
        setSignInStatus(tr("Signed in as %1 for now, but the sign-in server gave no lasting "
                           "sign-in: you will be asked again next time.")
                            .arg(address));
        updateAuthRows();
        Q_EMIT signedIn(result);
        return;
    }
    setSignInStatus(tr("Signed in as %1. Saving the sign-in in the keychain...").arg(address));
    QPointer<AccountSettingsWidget> self(this);
    const QString account = m_tokenAccount;
    tokenStore()->writeRefreshToken(
        m_oauth.provider,
        address,
        result.refreshToken,
        [self, account, address, result](const PasswordStoreResult &stored) {
            if (!self)
                return;
            if (account == self->m_tokenAccount) {
                self->m_signedIn = stored.isSuccess();
                self->setSignInStatus(
                    stored.isSuccess()
                        ? tr("Signed in as %1.").arg(address)
                        : tr("Signed in as %1 for now, but the sign-in could not be kept: %2")
                              .arg(address, stored.message));
                self->updateAuthRows();
            }
            Q_EMIT self->signedIn(result);
        });
}

void AccountSettingsWidget::onSignInFailed(const Error &error)
{
    if (m_signIn)
        m_signIn->deleteLater();
    m_signIn.clear();
    m_signInLink.clear();
    m_linkRow->setVisible(false);
    setSignInStatus(error.code == ErrorCode::Cancelled
                        ? tr("The sign-in was cancelled.")
                        : tr("The sign-in did not succeed: %1").arg(error.message));
    m_tokenAccount.clear(); // look the state up again next time
    updateAuthRows();
    Q_EMIT signInFailed(error);
}

void AccountSettingsWidget::signOut()
{
    if (m_auth != AuthMethod::OAuth2 || m_server.username.isEmpty())
        return;
    QPointer<AccountSettingsWidget> self(this);
    const QString account = oauthAccountKey();
    const QString address = m_server.username;
    tokenStore()->removeRefreshToken(
        m_oauth.provider, address, [self, account, address](const PasswordStoreResult &result) {
            if (!self || account != self->oauthAccountKey())
                return;
            if (result.isSuccess()) {
                self->m_signedIn = false;
                self->setSignInStatus(
                    tr("Signed out: the sign-in of %1 was removed from this computer.").arg(address));
            } else {
                self->setSignInStatus(result.message);
            }
            self->updateAuthRows();
        });
}

void AccountSettingsWidget::testWithAccessToken()
{
    auto finishEarly = [this](const QString &text) {
        m_fetchingTestToken = false;
        m_testButton->setText(tr("&Test Connection"));
        m_testResult->setText(text);
    };
    if (m_server.username.isEmpty()) {
        finishEarly(tr("Sign in first: press \"Sign In…\"."));
        return;
    }
    if (const auto problem = findOAuthSettingsProblem(m_oauth)) {
        finishEarly(AccountText::oauthSettingsProblem(*problem));
        return;
    }
    m_fetchingTestToken = true;
    m_testResult->setText(tr("Getting a sign-in token..."));
    QPointer<AccountSettingsWidget> self(this);
    const SmtpEndpoint server = m_server;
    createOAuth2TokenSource(
        m_oauth,
        m_server.username,
        tokenStore(),
        [self, server, finishEarly](const PasswordStoreResult &keychain,
                                    std::shared_ptr<OAuth2TokenSource> source) {
            if (!self || !self->m_fetchingTestToken)
                return;
            if (!source) {
                finishEarly(keychain.status == PasswordStoreStatus::NotFound
                                ? tr("Not signed in as %1 on this computer: press \"Sign In…\" "
                                     "first.")
                                      .arg(server.username)
                                : keychain.message);
                return;
            }
            self->m_testTokens = source;
            OAuth2TokenSource *tokens = source.get();
            connect(tokens,
                    &AccessTokenSource::tokenReady,
                    self,
                    [self, server](const AccessToken &token) {
                        self->m_fetchingTestToken = false;
                        // Released after this signal returns, not inside it.
                        QTimer::singleShot(0, self, [keep = std::move(self->m_testTokens)] {});
                        SmtpCredentials credentials;
                        credentials.username = token.username.isEmpty() ? server.username
                                                                        : token.username;
                        credentials.accessToken = token.token;
                        self->m_test->start(server,
                                            credentials,
                                            testTimeouts(self->m_sending.timeouts));
                    });
            connect(tokens,
                    &AccessTokenSource::tokenFailed,
                    self,
                    [self, finishEarly](const Error &error, bool signInRequired) {
                        QTimer::singleShot(0, self, [keep = std::move(self->m_testTokens)] {});
                        if (signInRequired) {
                            self->m_signedIn = false;
                            self->m_tokenAccount.clear();
                            self->setSignInStatus(tr("Sign-in needed: %1").arg(error.message));
                            self->updateAuthRows();
                        }
                        finishEarly(
                            signInRequired
                                ? tr("The sign-in is no longer valid (%1): press \"Sign "
                                     "In…\" again.")
                                      .arg(error.message)
                                : tr("Could not get a sign-in token: %1").arg(error.message));
                    });
            tokens->requestToken(false);
        });
}

} // namespace Bulkmail
