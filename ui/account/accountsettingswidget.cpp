#include "accountsettingswidget.h"

#include "widgets/accessiblenames.h"

#include "accountform.h"
#include "accounttext.h"
#include "connectiontestpanel.h"
#include "mailboxsettingswidget.h"
#include "oauthpanel.h"
#include "passwordpanel.h"
#include "sendinglimitspanel.h"
#include "serverpanel.h"

#include "oauth/tokenstore.h"
#include "secrets/passwordstore.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>

namespace Bulkmail {

using namespace AccountForm;

namespace {

// Where the user's choice to show "Advanced" is remembered.
const QString AdvancedSetting = QStringLiteral("account/showAdvanced");

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

// The sending settings the page shows, as a new account has them.
bool sameSending(const DeliverySettings &a, const DeliverySettings &b)
{
    return a.maxConnections == b.maxConnections
           && a.maxMessagesPerConnection == b.maxMessagesPerConnection
           && a.maxConnectionAge == b.maxConnectionAge && a.idleTimeout == b.idleTimeout
           && a.rateLimits.perSecond == b.rateLimits.perSecond
           && a.rateLimits.perMinute == b.rateLimits.perMinute
           && a.rateLimits.perDay == b.rateLimits.perDay
           && a.rateLimits.delayBetweenMessages == b.rateLimits.delayBetweenMessages
           && a.maxAttempts == b.maxAttempts && a.unconfirmedPolicy == b.unconfirmedPolicy;
}

} // namespace

AccountSettingsWidget::AccountSettingsWidget(QWidget *parent)
    : QWidget(parent)
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

    contentLayout->addWidget(buildAccountGroup());
    buildAdvanced();
    contentLayout->addWidget(m_advancedButton, 0, Qt::AlignLeft);
    contentLayout->addWidget(m_advanced);
    contentLayout->addStretch(1);
    connectPanels();
    // Each field sits in a row widget beside its explanation, where Qt's own buddy lookup does
    // not find the label.
    nameControlsAfterTheirLabels(this);

    showServer();
    m_limitsPanel->setSending(m_sending);
    updateAuthRows();
    setShowingAdvanced(QSettings().value(AdvancedSetting, false).toBool());
}

AccountSettingsWidget::~AccountSettingsWidget() = default;

QGroupBox *AccountSettingsWidget::buildAccountGroup()
{
    auto *group = new QGroupBox(tr("Server and sign-in"), this);
    auto *layout = new QVBoxLayout(group);
    auto *form = new QFormLayout;
    layout->addLayout(form);
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

    m_authCombo = new QComboBox(group);
    m_authCombo->addItem(tr("Password"), int(PasswordChoice));
    m_authCombo->addItem(tr("Sign in with Microsoft"), int(MicrosoftChoice));
    m_authCombo->addItem(tr("Sign in with Google"), int(GoogleChoice));
    m_authCombo->addItem(tr("Sign in with your organisation's server (OAuth2)"), int(CustomChoice));
    m_authExplanation = explanationLabel(QString(), group);
    addStackedRow(tr("Sign &in with:"), m_authCombo, m_authExplanation);

    m_usernameEdit = new QLineEdit(group);
    m_usernameEdit->setObjectName(QStringLiteral("username")); // the checklist's links focus it
    m_usernameEdit->setPlaceholderText(tr("Usually your full email address"));
    auto *usernameLabel = new QLabel(tr("&Username:"), group);
    usernameLabel->setBuddy(m_usernameEdit);
    form->addRow(usernameLabel, m_usernameEdit);

    m_oauthPanel = new OAuthPanel([this] { return tokenStore(); }, group);
    m_passwordPanel = new PasswordPanel(group);
    m_testPanel = new ConnectionTestPanel(
        [this] {
            return ConnectionTestPanel::Account{m_server,
                                                m_sending.timeouts,
                                                m_auth,
                                                m_oauth,
                                                password()};
        },
        [this] { return tokenStore(); },
        group);
    alignLabelColumns({form, m_oauthPanel->form(), m_passwordPanel->form()});
    layout->addWidget(m_oauthPanel);
    layout->addWidget(m_passwordPanel);
    layout->addWidget(m_testPanel);
    return group;
}

void AccountSettingsWidget::buildAdvanced()
{
    // A disclosure a keyboard reaches with Tab and opens with Space, announced as a toggle
    // button with its state; the explanations behind it are the fields' own.
    m_advancedButton = new QToolButton(this);
    m_advancedButton->setObjectName(QStringLiteral("accountAdvancedButton"));
    m_advancedButton->setText(tr("A&dvanced Settings"));
    m_advancedButton->setCheckable(true);
    m_advancedButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedButton->setAutoRaise(true);
    m_advancedButton->setFocusPolicy(Qt::StrongFocus);
    m_advancedButton->setAccessibleName(tr("Advanced settings"));
    const QString summary = tr("The server, port and encryption, a certificate to trust, the "
                               "mailbox for copies of sent messages, and the sending limits. A "
                               "provider fills them in; most accounts need no change here.");
    m_advancedButton->setToolTip(summary);
    m_advancedButton->setAccessibleDescription(summary);

    m_advanced = new QWidget(this);
    m_advanced->setObjectName(QStringLiteral("accountAdvanced"));
    auto *layout = new QVBoxLayout(m_advanced);
    layout->setContentsMargins(0, 0, 0, 0);
    m_serverPanel = new ServerPanel(m_advanced);
    m_mailbox = new MailboxSettingsWidget(m_advanced);
    m_limitsPanel = new SendingLimitsPanel(m_advanced);
    layout->addWidget(m_serverPanel);
    layout->addWidget(m_mailbox);
    layout->addWidget(m_limitsPanel);

    connect(m_advancedButton, &QToolButton::clicked, this, [this](bool show) {
        setShowingAdvanced(show);
        QSettings().setValue(AdvancedSetting, show);
    });
}

void AccountSettingsWidget::connectPanels()
{
    connect(m_presetCombo, &QComboBox::activated, this, &AccountSettingsWidget::onPresetActivated);
    connect(m_authCombo, &QComboBox::activated, this, &AccountSettingsWidget::onAuthActivated);
    connect(m_usernameEdit, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_server.username = text.trimmed();
        m_mailbox->setSmtpUsername(m_server.username);
        accountChanged();
        emitEdited(Key::Username);
    });
    connect(m_serverPanel,
            &ServerPanel::serverEdited,
            this,
            [this](const SmtpEndpoint &server, const QString &key) {
                m_server = server;
                updatePresetCombo();
                updatePresetDetails();
                m_passwordPanel->accountEdited(m_server, m_auth);
                emitEdited(key);
            });
    connect(m_serverPanel,
            &ServerPanel::certificateRefused,
            m_testPanel,
            &ConnectionTestPanel::showMessage);
    connect(m_oauthPanel,
            &OAuthPanel::oauthEdited,
            this,
            [this](const OAuthSettings &oauth, const QString &key) {
                m_oauth = oauth;
                refreshSignInStatus();
                emitEdited(key);
            });
    connect(m_oauthPanel, &OAuthPanel::addressSignedIn, this, [this](const QString &address) {
        m_server.username = address;
        showServer();
        emitEdited(Key::SignIn);
    });
    connect(m_oauthPanel, &OAuthPanel::signedIn, this, &AccountSettingsWidget::signedIn);
    connect(m_oauthPanel, &OAuthPanel::signInFailed, this, &AccountSettingsWidget::signInFailed);
    connect(m_testPanel,
            &ConnectionTestPanel::passwordWorked,
            m_passwordPanel,
            &PasswordPanel::rememberWorkingPassword);
    connect(m_testPanel,
            &ConnectionTestPanel::signInNeeded,
            m_oauthPanel,
            &OAuthPanel::signInNeeded);
    connect(m_testPanel, &ConnectionTestPanel::certificateTrusted, this, [this](const QString &path) {
        m_server.trustCertificateFile = path;
        showServer();
        emitEdited(Key::TrustCertificate);
    });
    connect(m_limitsPanel,
            &SendingLimitsPanel::sendingEdited,
            this,
            [this](const DeliverySettings &sending, const QString &key) {
                m_sending = sending;
                emitEdited(key);
            });
}

// --- Showing values --------------------------------------------------------------------------

void AccountSettingsWidget::setSettings(const SmtpEndpoint &server,
                                        const DeliverySettings &sending,
                                        AuthMethod auth,
                                        const OAuthSettings &oauth)
{
    m_server = server;
    m_sending = sending;
    m_auth = auth;
    m_oauth = oauth;
    showServer();
    m_limitsPanel->setSending(m_sending);
    m_passwordPanel->showAccount(m_server, m_auth);
    refreshSignInStatus();
    // A setting in force is never hidden: one that differs from its default shows "Advanced".
    if (hasAdvancedValues())
        setShowingAdvanced(true);
}

void AccountSettingsWidget::setRecipientCount(int count)
{
    m_limitsPanel->setRecipientCount(count);
}

bool AccountSettingsWidget::hasAdvancedValues() const
{
    if (!m_server.trustCertificateFile.isEmpty() || !sameSending(m_sending, DeliverySettings{}))
        return true;
    const ProviderPreset &preset = presetForHost(m_server.host);
    if (preset.id == ProviderId::Custom)
        return !m_server.host.isEmpty(); // a server of the user's own
    const SmtpEndpoint presetServer = applyPresetServer(preset, m_server);
    return presetServer.port != m_server.port || presetServer.security != m_server.security;
}

bool AccountSettingsWidget::isShowingAdvanced() const
{
    return m_advancedButton->isChecked();
}

void AccountSettingsWidget::setShowingAdvanced(bool show)
{
    m_advancedButton->setChecked(show);
    m_advancedButton->setArrowType(show ? Qt::DownArrow : Qt::RightArrow);
    m_advanced->setVisible(show);
}

void AccountSettingsWidget::showServer()
{
    setTextIfDifferent(m_usernameEdit, m_server.username);
    m_mailbox->setSmtpUsername(m_server.username);
    m_serverPanel->setServer(m_server);
    showOAuth();
    updatePresetCombo();
    updatePresetDetails();
}

void AccountSettingsWidget::emitEdited(const QString &key)
{
    Q_EMIT settingsEdited(m_server, m_sending, key, m_auth, m_oauth);
}

void AccountSettingsWidget::showOAuth()
{
    const int choice = m_authCombo->findData(authChoice(m_auth, m_oauth));
    if (choice >= 0 && m_authCombo->currentIndex() != choice)
        m_authCombo->setCurrentIndex(choice);
    m_oauthPanel->setAccount(m_auth, m_oauth, m_server.username);
    m_oauthPanel->showSettings();
    updateAuthRows();
}

void AccountSettingsWidget::updateAuthRows()
{
    const bool isOAuth = m_auth == AuthMethod::OAuth2;
    m_passwordPanel->setVisible(!isOAuth);
    m_oauthPanel->setVisible(isOAuth);
    m_mailbox->setAccountSignIn(m_auth, oauthProviderDisplayName(m_oauth.provider));
    m_usernameEdit->setPlaceholderText(isOAuth ? tr("Filled in when you sign in")
                                               : tr("Usually your full email address"));
    m_authExplanation->setText(
        isOAuth ? tr("You approve Bulkmail on %1's sign-in page in your browser; no password is "
                     "typed or stored here.")
                      .arg(oauthProviderDisplayName(m_oauth.provider))
                : tr("The account's password (or app password), kept in this computer's "
                     "keychain."));
}

void AccountSettingsWidget::refreshSignInStatus()
{
    m_oauthPanel->setAccount(m_auth, m_oauth, m_server.username);
    m_oauthPanel->refreshSignInStatus();
}

void AccountSettingsWidget::accountChanged()
{
    m_passwordPanel->accountEdited(m_server, m_auth);
    refreshSignInStatus();
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
    m_limitsPanel->setPreset(preset);
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
        accountChanged();
        emitEdited(Key::Preset);
    }
    // The same key: the document merges the mailbox into the server's edit, one undo step.
    m_mailbox->applyPreset(preset, Key::Preset);
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
    m_oauthPanel->cancelSignIn();
    m_auth = auth;
    m_oauth = oauth;
    showOAuth();
    updatePresetDetails();
    accountChanged();
    emitEdited(Key::Auth);
}

// --- Panels -----------------------------------------------------------------------------------

QString AccountSettingsWidget::password() const
{
    return m_passwordPanel->password();
}

void AccountSettingsWidget::setPassword(const QString &password)
{
    m_passwordPanel->setPassword(password);
}

void AccountSettingsWidget::setPasswordStore(PasswordStore *store)
{
    if (m_passwordPanel->store() == store)
        return;
    if (m_ownTokenStore) {
        // The default token store sits on the password store: follow it to the new one.
        if (m_tokenStore == m_ownTokenStore)
            m_tokenStore.clear();
        delete std::exchange(m_ownTokenStore, nullptr);
    }
    m_oauthPanel->forgetSignInStatus();
    refreshSignInStatus();
    m_passwordPanel->setPasswordStore(store);
}

void AccountSettingsWidget::setTokenStore(TokenStore *store)
{
    if (m_tokenStore == store)
        return;
    m_tokenStore = store;
    m_oauthPanel->forgetSignInStatus();
    refreshSignInStatus();
}

TokenStore *AccountSettingsWidget::tokenStore()
{
    if (!m_tokenStore) {
        if (!m_ownTokenStore)
            m_ownTokenStore = new TokenStore(m_passwordPanel->store(), this);
        m_tokenStore = m_ownTokenStore;
    }
    return m_tokenStore;
}

void AccountSettingsWidget::setOpenBrowser(OAuthSignIn::OpenBrowser openBrowser)
{
    m_oauthPanel->setOpenBrowser(std::move(openBrowser));
}

void AccountSettingsWidget::signIn()
{
    m_oauthPanel->signIn();
}

void AccountSettingsWidget::signOut()
{
    m_oauthPanel->signOut();
}

bool AccountSettingsWidget::isSigningIn() const
{
    return m_oauthPanel->isSigningIn();
}

bool AccountSettingsWidget::isSignedIn() const
{
    return m_oauthPanel->isSignedIn();
}

QString AccountSettingsWidget::signInStatus() const
{
    return m_oauthPanel->signInStatus();
}

QUrl AccountSettingsWidget::signInLink() const
{
    return m_oauthPanel->signInLink();
}

void AccountSettingsWidget::showTestReport(const ConnectionTestReport &report)
{
    m_testPanel->showReport(report);
}

QString AccountSettingsWidget::certificateFolder()
{
    return ConnectionTestPanel::certificateFolder();
}

} // namespace Bulkmail
