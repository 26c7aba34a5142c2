// The account page driven like a user would: choosing a preset, typing, spinning, the keychain
// (through MemoryPasswordStore), a certificate to trust, the estimate's words, and the password
// prompt used before sending.

#include "account/accountsettingswidget.h"
#include "account/accounttext.h"
#include "account/passwordprompt.h"

#include "secrets/memorypasswordstore.h"
#include "testcertificates.h"

#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace Bulkmail;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(Bulkmail::SmtpEndpoint)
Q_DECLARE_METATYPE(Bulkmail::DeliverySettings)

namespace {

template<typename T>
T *findByBuddyText(QWidget *root, const QString &labelText)
{
    for (QLabel *label : root->findChildren<QLabel *>()) {
        if (label->text() == labelText && label->buddy())
            return qobject_cast<T *>(label->buddy());
    }
    return nullptr;
}

QPushButton *findButton(QWidget *root, const QString &text)
{
    for (QPushButton *button : root->findChildren<QPushButton *>()) {
        if (button->text() == text)
            return button;
    }
    return nullptr;
}

SmtpEndpoint customServer()
{
    SmtpEndpoint server;
    server.host = QStringLiteral("mail.example.org");
    server.port = 25;
    server.security = SecurityMode::None;
    server.username = QStringLiteral("news@example.org");
    return server;
}

} // namespace

class tst_AccountSettingsWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void setSettingsDoesNotEmit();
    void choosingOffice365FillsTheServer();
    void applyingPresetLimits();
    void recognisesTheProviderOfAnExistingCampaign();
    void editingSpinBoxesEmitsTheirKeys_data();
    void editingSpinBoxesEmitsTheirKeys();
    void typingTheHostEmitsAndKeepsTheCursor();
    void estimateText_data();
    void estimateText();
    void estimateFollowsTheSettings();
    void passwordComesFromTheKeychain();
    void typedPasswordIsRemembered();
    void noKeychainSaysSo();
    void trustingACertificate();
    void untrustableCertificateHasNoTrustButton();
    void obtainPasswordFromTheKeychain();
    void obtainPasswordAsksWithoutKeychain();
    void obtainPasswordCancelled();
    void advancedIsHiddenForANewAccount();
    void advancedShowsAValueThatIsNotDefault_data();
    void advancedShowsAValueThatIsNotDefault();

private:
    QLocale m_english{QLocale::English, QLocale::UnitedStates};
    QTemporaryDir m_directory;
};

void tst_AccountSettingsWidget::initTestCase()
{
    QVERIFY(m_directory.isValid());
    QStandardPaths::setTestModeEnabled(true);
    // "Advanced" remembers its state: in a settings file of the test's own.
    QSettings::setPath(QSettings::NativeFormat,
                       QSettings::UserScope,
                       m_directory.filePath(QStringLiteral("settings")));
    QSettings().clear();
    QLocale::setDefault(m_english);
}

void tst_AccountSettingsWidget::setSettingsDoesNotEmit()
{
    AccountSettingsWidget widget;
    MemoryPasswordStore store;
    widget.setPasswordStore(&store);
    QSignalSpy spy(&widget, &AccountSettingsWidget::settingsEdited);
    DeliverySettings sending;
    sending.rateLimits.perMinute = 30;
    widget.setSettings(customServer(), sending);
    QTest::qWait(0);
    QCOMPARE(spy.size(), 0);
    QCOMPARE(widget.server().host, QStringLiteral("mail.example.org"));
    QCOMPARE(findByBuddyText<QSpinBox>(&widget, QStringLiteral("Messages per mi&nute:"))->value(),
             30);
}

void tst_AccountSettingsWidget::choosingOffice365FillsTheServer()
{
    AccountSettingsWidget widget;
    MemoryPasswordStore store;
    widget.setPasswordStore(&store);
    widget.setSettings(customServer(), DeliverySettings{});
    QSignalSpy spy(&widget, &AccountSettingsWidget::settingsEdited);

    auto *combo = findByBuddyText<QComboBox>(&widget, QStringLiteral("&Provider:"));
    QVERIFY(combo);
    const int index = combo->findData(int(ProviderId::Office365));
    QVERIFY(index >= 0);
    QCOMPARE(index, 0);
    QCOMPARE(combo->currentData().toInt(), int(ProviderId::Custom));
    // The keyboard way: Home on the closed combo box picks the first entry, Office 365.
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Home);

    QCOMPARE(spy.size(), 1);
    const auto server = spy.first().at(0).value<SmtpEndpoint>();
    QCOMPARE(server.host, QStringLiteral("smtp.office365.com"));
    QCOMPARE(server.port, quint16(587));
    QCOMPARE(server.security, SecurityMode::StartTls);
    QCOMPARE(server.username, QStringLiteral("news@example.org")); // kept
    QCOMPARE(spy.first().at(2).toString(), QStringLiteral("server.preset"));

    QCOMPARE(findByBuddyText<QLineEdit>(&widget, QStringLiteral("&Server:"))->text(),
             QStringLiteral("smtp.office365.com"));
    QCOMPARE(findByBuddyText<QSpinBox>(&widget, QStringLiteral("P&ort:"))->value(), 587);
    QCOMPARE(findByBuddyText<QComboBox>(&widget, QStringLiteral("S&ecurity:"))->currentData().toInt(),
             int(SecurityMode::StartTls));

    // The published limits are offered, with their sources.
    bool shownWithSource = false;
    for (QLabel *label : widget.findChildren<QLabel *>()) {
        if (label->text().contains(QLatin1String("Per minute: 30"))
            && label->text().contains(QLatin1String("learn.microsoft.com"))
            && label->text().contains(QLatin1String("Per second: not published")))
            shownWithSource = true;
    }
    QVERIFY(shownWithSource);
    QPushButton *apply = findButton(&widget, QStringLiteral("&Use These Limits"));
    QVERIFY(apply);
    QVERIFY(apply->isEnabled());
}

void tst_AccountSettingsWidget::applyingPresetLimits()
{
    AccountSettingsWidget widget;
    MemoryPasswordStore store;
    widget.setPasswordStore(&store);
    SmtpEndpoint server = customServer();
    server.host = QStringLiteral("smtp.office365.com");
    widget.setSettings(server, DeliverySettings{});
    QSignalSpy spy(&widget, &AccountSettingsWidget::settingsEdited);

    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QPushButton *apply = findButton(&widget, QStringLiteral("&Use These Limits"));
    QVERIFY(apply && apply->isEnabled() && apply->isVisible());
    QTest::mouseClick(apply, Qt::LeftButton);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().at(2).toString(), QStringLiteral("sending.presetLimits"));
    const auto sending = spy.first().at(1).value<DeliverySettings>();
    QCOMPARE(sending.rateLimits.perMinute, 30);
    QCOMPARE(sending.rateLimits.perDay, 10'000);
    QCOMPARE(sending.maxConnections, 3);
    QCOMPARE(sending.rateLimits.perSecond, DeliverySettings{}.rateLimits.perSecond);
    QCOMPARE(findByBuddyText<QSpinBox>(&widget, QStringLiteral("Co&nnections at once:"))->value(),
             3);
    QVERIFY(!apply->isEnabled()); // nothing left to apply
}

void tst_AccountSettingsWidget::recognisesTheProviderOfAnExistingCampaign()
{
    AccountSettingsWidget widget;
    MemoryPasswordStore store;
    widget.setPasswordStore(&store);
    auto *combo = findByBuddyText<QComboBox>(&widget, QStringLiteral("&Provider:"));
    SmtpEndpoint server = customServer();
    server.host = QStringLiteral("smtp.163.com");
    widget.setSettings(server, DeliverySettings{});
    QCOMPARE(combo->currentData().toInt(), int(ProviderId::NetEase163));
    server.host = QStringLiteral("relay.internal");
    widget.setSettings(server, DeliverySettings{});
    QCOMPARE(combo->currentData().toInt(), int(ProviderId::Custom));
}

void tst_AccountSettingsWidget::editingSpinBoxesEmitsTheirKeys_data()
{
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("value");

    QTest::newRow("connections") << QStringLiteral("Co&nnections at once:")
                                 << QStringLiteral("sending.maxConnections") << 3;
    QTest::newRow("per connection") << QStringLiteral("&Messages per connection:")
                                    << QStringLiteral("sending.maxMessagesPerConnection") << 20;
    QTest::newRow("age") << QStringLiteral("Connection &age:")
                         << QStringLiteral("sending.maxConnectionAge") << 120;
    QTest::newRow("idle") << QStringLiteral("Close &idle connections after:")
                          << QStringLiteral("sending.idleTimeout") << 10;
    QTest::newRow("per minute") << QStringLiteral("Messages per mi&nute:")
                                << QStringLiteral("sending.perMinute") << 30;
    QTest::newRow("per day") << QStringLiteral("Messages per &day:")
                             << QStringLiteral("sending.perDay") << 500;
    QTest::newRow("delay") << QStringLiteral("De&lay between messages:")
                           << QStringLiteral("sending.delayBetweenMessages") << 1500;
    QTest::newRow("attempts") << QStringLiteral("A&ttempts per recipient:")
                              << QStringLiteral("sending.maxAttempts") << 5;
}

void tst_AccountSettingsWidget::editingSpinBoxesEmitsTheirKeys()
{
    QFETCH(QString, label);
    QFETCH(QString, key);
    QFETCH(int, value);

    AccountSettingsWidget widget;
    MemoryPasswordStore store;
    widget.setPasswordStore(&store);
    widget.setSettings(customServer(), DeliverySettings{});
    auto *spin = findByBuddyText<QSpinBox>(&widget, label);
    QVERIFY2(spin, qPrintable(label));
    QSignalSpy spy(&widget, &AccountSettingsWidget::settingsEdited);

    // Type the value as a user would: select all, type, Enter.
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, QString::number(value));
    QTest::keyClick(spin, Qt::Key_Enter);

    QVERIFY(spy.size() >= 1);
    for (const QList<QVariant> &emission : std::as_const(spy))
        QCOMPARE(emission.at(2).toString(), key);
    const auto sending = spy.last().at(1).value<DeliverySettings>();
    const std::map<QString, int> actual{
        {QStringLiteral("sending.maxConnections"), sending.maxConnections},
        {QStringLiteral("sending.maxMessagesPerConnection"), sending.maxMessagesPerConnection},
        {QStringLiteral("sending.maxConnectionAge"), int(sending.maxConnectionAge.count())},
        {QStringLiteral("sending.idleTimeout"), int(sending.idleTimeout.count())},
        {QStringLiteral("sending.perMinute"), sending.rateLimits.perMinute},
        {QStringLiteral("sending.perDay"), sending.rateLimits.perDay},
        {QStringLiteral("sending.delayBetweenMessages"),
         int(sending.rateLimits.delayBetweenMessages.count())},
        {QStringLiteral("sending.maxAttempts"), sending.maxAttempts},
    };
    QCOMPARE(actual.at(key), value);
    QCOMPARE(widget.sending().rateLimits.perSecond, DeliverySettings{}.rateLimits.perSecond);

    // Showing the edited value again (the document's echo) neither emits nor changes the field.
    spy.clear();
    widget.setSettings(widget.server(), widget.sending());
    QCOMPARE(spy.size(), 0);
    QCOMPARE(spin->value(), value);
}

void tst_AccountSettingsWidget::typingTheHostEmitsAndKeepsTheCursor()
{
    AccountSettingsWidget widget;
    MemoryPasswordStore store;
    widget.setPasswordStore(&store);
    widget.setSettings(customServer(), DeliverySettings{});
    auto *host = findByBuddyText<QLineEdit>(&widget, QStringLiteral("&Server:"));
    QSignalSpy spy(&widget, &AccountSettingsWidget::settingsEdited);

    host->setFocus();
    host->setCursorPosition(4); // after "mail"
    QTest::keyClicks(host, QStringLiteral("2"));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().at(0).value<SmtpEndpoint>().host, QStringLiteral("mail2.example.org"));
    QCOMPARE(spy.first().at(2).toString(), QStringLiteral("server.host"));
    QCOMPARE(host->cursorPosition(), 5);

    // The document echoes the value: the cursor stays where the user is typing.
    widget.setSettings(spy.first().at(0).value<SmtpEndpoint>(), widget.sending());
    QCOMPARE(host->cursorPosition(), 5);
    QCOMPARE(spy.size(), 1);
}

void tst_AccountSettingsWidget::estimateText_data()
{
    QTest::addColumn<int>("recipients");
    QTest::addColumn<double>("perSecond");
    QTest::addColumn<int>("perMinute");
    QTest::addColumn<int>("perDay");
    QTest::addColumn<QString>("expected");

    QTest::newRow("Office 365") << 2400 << 10.0 << 30 << 10'000
                                << QStringLiteral("At 30 a minute, 2,400 recipients take about "
                                                  "1 h 20 min; today's quota of 10,000 leaves "
                                                  "room for 7,600 more.");
    QTest::newRow("Gmail over the quota")
        << 800 << 1.0 << 0 << 500
        << QStringLiteral("At 1 a second, 500 of the 800 recipients go out today, in about "
                          "8 min. The list exceeds the daily quota of 500: the remaining 300 "
                          "continue tomorrow.");
    QTest::newRow("several days") << 1600 << 1.0 << 0 << 500
                                  << QStringLiteral(
                                         "At 1 a second, 500 of the 1,600 recipients go out "
                                         "today, in about 8 min. The list exceeds the daily "
                                         "quota of 500: the remaining 1,100 continue over the "
                                         "next 3 days.");
    QTest::newRow("no quota, seconds")
        << 40 << 2.0 << 0 << 0 << QStringLiteral("At 2 a second, 40 recipients take about 20 s.");
    QTest::newRow("one recipient")
        << 1 << 10.0 << 0 << 0
        << QStringLiteral("At 10 a second, the one recipient takes about a second.");
    QTest::newRow("no recipients")
        << 0 << 10.0 << 0 << 0 << QStringLiteral("Add recipients to see how long sending takes.");
}

void tst_AccountSettingsWidget::estimateText()
{
    QFETCH(int, recipients);
    QFETCH(double, perSecond);
    QFETCH(int, perMinute);
    QFETCH(int, perDay);
    RateLimits limits;
    limits.perSecond = perSecond;
    limits.perMinute = perMinute;
    limits.perDay = perDay;
    QTEST(AccountText::estimate(estimateSending(recipients, limits, 1), m_english), "expected");
}

void tst_AccountSettingsWidget::estimateFollowsTheSettings()
{
    AccountSettingsWidget widget;
    MemoryPasswordStore store;
    widget.setPasswordStore(&store);
    DeliverySettings sending;
    sending.rateLimits.perMinute = 30;
    sending.rateLimits.perDay = 10'000;
    widget.setSettings(customServer(), sending);
    widget.setRecipientCount(2400);
    auto *estimate = [&]() -> QLabel * {
        for (QLabel *label : widget.findChildren<QLabel *>()) {
            if (label->accessibleName() == QLatin1String("Estimated sending time"))
                return label;
        }
        return nullptr;
    }();
    QVERIFY(estimate);
    QCOMPARE(estimate->text(),
             QStringLiteral("At 30 a minute, 2,400 recipients take about 1 h 20 min; today's "
                            "quota of 10,000 leaves room for 7,600 more."));

    auto *perMinute = findByBuddyText<QSpinBox>(&widget, QStringLiteral("Messages per mi&nute:"));
    perMinute->setFocus();
    perMinute->selectAll();
    QTest::keyClicks(perMinute, QStringLiteral("60"));
    QVERIFY(estimate->text().startsWith(QLatin1String("At 60 a minute, 2,400 recipients take "
                                                      "about 40 min")));
}

void tst_AccountSettingsWidget::passwordComesFromTheKeychain()
{
    MemoryPasswordStore store;
    const SmtpEndpoint server = customServer();
    bool written = false;
    store.writePassword(PasswordStore::accountKey(server),
                        QStringLiteral("from-keychain"),
                        [&](const PasswordStoreResult &) { written = true; });
    QTRY_VERIFY(written);

    AccountSettingsWidget widget;
    widget.setPasswordStore(&store);
    widget.setSettings(server, DeliverySettings{});
    QTRY_COMPARE(widget.password(), QStringLiteral("from-keychain"));
    auto *remember = widget.findChild<QCheckBox *>();
    QVERIFY(remember->isChecked());
    QVERIFY(remember->isEnabled());
}

void tst_AccountSettingsWidget::typedPasswordIsRemembered()
{
    MemoryPasswordStore store;
    AccountSettingsWidget widget;
    widget.setPasswordStore(&store);
    const SmtpEndpoint server = customServer();
    widget.setSettings(server, DeliverySettings{});
    QTRY_COMPARE(store.readCount(), 1);
    auto *password = findByBuddyText<QLineEdit>(&widget, QStringLiteral("Pass&word:"));
    QVERIFY(password);
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    QSignalSpy spy(&widget, &AccountSettingsWidget::settingsEdited);

    password->setFocus();
    QTest::keyClicks(password, QStringLiteral("typed secret"));
    QTest::keyClick(password, Qt::Key_Enter); // editingFinished
    QTRY_COMPARE(store.storedPassword(PasswordStore::accountKey(server)),
                 QStringLiteral("typed secret"));
    QCOMPARE(spy.size(), 0); // the password is never part of the campaign

    // Unticking "Remember" removes it from the keychain.
    auto *remember = widget.findChild<QCheckBox *>();
    QTest::mouseClick(remember, Qt::LeftButton);
    QTRY_VERIFY(!store.contains(PasswordStore::accountKey(server)));
    QCOMPARE(widget.password(), QStringLiteral("typed secret")); // still usable this session
}

void tst_AccountSettingsWidget::noKeychainSaysSo()
{
    MemoryPasswordStore store(MemoryPasswordStore::Availability::Unavailable);
    AccountSettingsWidget widget;
    widget.setPasswordStore(&store);
    widget.setSettings(customServer(), DeliverySettings{});
    auto *remember = widget.findChild<QCheckBox *>();
    QTRY_VERIFY(!remember->isEnabled());
    QVERIFY(!remember->isChecked());
    QLabel *status = nullptr;
    for (QLabel *label : widget.findChildren<QLabel *>()) {
        if (label->accessibleName() == QLatin1String("Keychain status"))
            status = label;
    }
    QVERIFY(status);
    QVERIFY(status->text().contains(QLatin1String("No keychain is available")));
    QVERIFY(status->text().contains(QLatin1String("asked each time")));

    widget.setPassword(QStringLiteral("session only"));
    QCOMPARE(widget.password(), QStringLiteral("session only"));
    QCOMPARE(store.writeCount(), 0);
}

void tst_AccountSettingsWidget::trustingACertificate()
{
    AccountSettingsWidget widget;
    MemoryPasswordStore store;
    widget.setPasswordStore(&store);
    SmtpEndpoint server = customServer();
    server.host = QStringLiteral("mail.example.org");
    widget.setSettings(server, DeliverySettings{});
    QSignalSpy spy(&widget, &AccountSettingsWidget::settingsEdited);

    const QSslCertificate certificate = Test::selfSignedCertificate();
    ConnectionTestReport report;
    report.outcome = ConnectionTestReport::Outcome::CertificateRejected;
    report.serverAddress = QStringLiteral("mail.example.org:25");
    report.connected = true;
    report.errorMessage = QStringLiteral("The server's certificate is not trusted: self signed.");
    report.peerCertificateChain = {certificate};
    report.sslErrors = {QSslError(QSslError::SelfSignedCertificate, certificate)};
    report.isTrustable = true;
    widget.show();
    widget.showTestReport(report);

    QLabel *details = nullptr;
    for (QLabel *label : widget.findChildren<QLabel *>()) {
        if (label->accessibleName() == QLatin1String("Certificate details"))
            details = label;
    }
    QVERIFY(details && details->isVisible());
    QVERIFY(details->text().contains(QLatin1String("Issued to: ")));
    QVERIFY(details->text().contains(QLatin1String("Issued by: ")));
    QVERIFY(details->text().contains(QLatin1String("Valid from ")));
    QVERIFY(details->text().contains(AccountText::fingerprint(certificate)));
    QCOMPARE(AccountText::fingerprint(certificate).count(u':'), 31); // 32 bytes

    QPushButton *trust = findButton(&widget,
                                    QStringLiteral("Trust This Certificate for This Account"));
    QVERIFY(trust && trust->isVisible());
    QTest::mouseClick(trust, Qt::LeftButton);

    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().at(2).toString(), QStringLiteral("server.trustCertificate"));
    const QString path = spy.first().at(0).value<SmtpEndpoint>().trustCertificateFile;
    QCOMPARE(path,
             AccountSettingsWidget::certificateFolder() + QStringLiteral("/mail.example.org.pem"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QSslCertificate(file.readAll(), QSsl::Pem), certificate);
    QCOMPARE(spy.first().at(0).value<SmtpEndpoint>().verification,
             CertificateVerification::Verify); // never turned off
    QVERIFY(!details->isVisible());
    QFile::remove(path);
}

void tst_AccountSettingsWidget::untrustableCertificateHasNoTrustButton()
{
    AccountSettingsWidget widget;
    MemoryPasswordStore store;
    widget.setPasswordStore(&store);
    widget.setSettings(customServer(), DeliverySettings{});
    const QSslCertificate certificate = Test::testServerCertificate();
    ConnectionTestReport report;
    report.outcome = ConnectionTestReport::Outcome::CertificateRejected;
    report.peerCertificateChain = {certificate};
    report.sslErrors = {QSslError(QSslError::HostNameMismatch, certificate)};
    report.isTrustable = false;
    widget.show();
    widget.showTestReport(report);
    QPushButton *trust = findButton(&widget,
                                    QStringLiteral("Trust This Certificate for This Account"));
    QVERIFY(trust);
    QVERIFY(!trust->isVisible());
    bool explained = false;
    for (QLabel *label : widget.findChildren<QLabel *>()) {
        if (label->text().contains(QLatin1String("would not fix this")))
            explained = true;
    }
    QVERIFY(explained);
}

void tst_AccountSettingsWidget::obtainPasswordFromTheKeychain()
{
    MemoryPasswordStore store;
    const SmtpEndpoint server = customServer();
    store.writePassword(PasswordStore::accountKey(server), QStringLiteral("kept"), {});
    QTRY_VERIFY(store.contains(PasswordStore::accountKey(server)));

    std::optional<std::optional<QString>> answer;
    obtainPassword(
        server, nullptr, [&](std::optional<QString> pw) { answer = pw; }, &store);
    QVERIFY(!answer); // asynchronous
    QTRY_VERIFY(answer.has_value());
    QCOMPARE(*answer, std::optional<QString>(QStringLiteral("kept")));
    QVERIFY(!QApplication::activeModalWidget());
}

void tst_AccountSettingsWidget::obtainPasswordAsksWithoutKeychain()
{
    MemoryPasswordStore store(MemoryPasswordStore::Availability::Unavailable);
    QWidget window;
    window.show();
    std::optional<std::optional<QString>> answer;
    obtainPassword(
        customServer(), &window, [&](std::optional<QString> pw) { answer = pw; }, &store);

    PasswordDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<PasswordDialog *>()) != nullptr);
    QVERIFY(!dialog->isRememberAvailable());
    QVERIFY(!dialog->remember());
    QVERIFY(dialog->keychainNote().contains(QLatin1String("No keychain is available")));
    dialog->setPassword(QStringLiteral("asked"));
    dialog->accept();
    QTRY_VERIFY(answer.has_value());
    QCOMPARE(*answer, std::optional<QString>(QStringLiteral("asked")));
    QCOMPARE(store.writeCount(), 0);
}

void tst_AccountSettingsWidget::obtainPasswordCancelled()
{
    MemoryPasswordStore store; // available, but nothing stored: asks, and would remember
    QWidget window;
    window.show();
    std::optional<std::optional<QString>> answer;
    obtainPassword(
        customServer(), &window, [&](std::optional<QString> pw) { answer = pw; }, &store);
    PasswordDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<PasswordDialog *>()) != nullptr);
    QVERIFY(dialog->isRememberAvailable());
    QVERIFY(dialog->remember());
    dialog->reject();
    QTRY_VERIFY(answer.has_value());
    QCOMPARE(*answer, std::optional<QString>());
    QCOMPARE(store.writeCount(), 0);
}

// A newcomer needs provider, address and password: the rest waits behind "Advanced", which the
// keyboard opens and a screen reader announces as a toggle, and which remembers its state.
void tst_AccountSettingsWidget::advancedIsHiddenForANewAccount()
{
    QSettings().clear();
    MemoryPasswordStore store;
    auto widget = std::make_unique<AccountSettingsWidget>();
    widget->setPasswordStore(&store);
    widget->setSettings(SmtpEndpoint{}, DeliverySettings{});
    widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(widget.get()));

    auto *button = widget->findChild<QToolButton *>(QStringLiteral("accountAdvancedButton"));
    QVERIFY(button);
    QVERIFY(!widget->isShowingAdvanced());
    auto *perMinute = findByBuddyText<QSpinBox>(widget.get(),
                                                QStringLiteral("Messages per mi&nute:"));
    auto *host = findByBuddyText<QLineEdit>(widget.get(), QStringLiteral("&Server:"));
    QVERIFY(perMinute && host);
    QVERIFY(!perMinute->isVisible());
    QVERIFY(!host->isVisible());
    // What a newcomer fills in stays in sight.
    QVERIFY(findByBuddyText<QComboBox>(widget.get(), QStringLiteral("&Provider:"))->isVisible());
    QVERIFY(findByBuddyText<QLineEdit>(widget.get(), QStringLiteral("&Username:"))->isVisible());
    QVERIFY(findByBuddyText<QLineEdit>(widget.get(), QStringLiteral("Pass&word:"))->isVisible());

    // Reached with Tab, announced with its name and state.
    QVERIFY(button->focusPolicy() & Qt::TabFocus);
    QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(button);
    QVERIFY(accessible);
    QCOMPARE(accessible->text(QAccessible::Name), QStringLiteral("Advanced settings"));
    QVERIFY(!accessible->text(QAccessible::Description).isEmpty());
    QVERIFY(accessible->state().checkable);
    QVERIFY(!accessible->state().checked);

    // Space opens it; the explanations are there.
    button->setFocus();
    QTest::keyClick(button, Qt::Key_Space);
    QVERIFY(widget->isShowingAdvanced());
    QVERIFY(accessible->state().checked);
    QVERIFY(perMinute->isVisible());
    QVERIFY(host->isVisible());
    QVERIFY(!perMinute->accessibleDescription().isEmpty());

    // Remembered for the next page, and closed again the same way.
    {
        AccountSettingsWidget again;
        QVERIFY(again.isShowingAdvanced());
    }
    QTest::keyClick(button, Qt::Key_Space);
    QVERIFY(!widget->isShowingAdvanced());
    QVERIFY(!perMinute->isVisible());
    widget.reset();
    AccountSettingsWidget closed;
    closed.setSettings(SmtpEndpoint{}, DeliverySettings{});
    QVERIFY(!closed.isShowingAdvanced());
}

void tst_AccountSettingsWidget::advancedShowsAValueThatIsNotDefault_data()
{
    QTest::addColumn<SmtpEndpoint>("server");
    QTest::addColumn<DeliverySettings>("sending");
    QTest::addColumn<bool>("shown");

    SmtpEndpoint office;
    office.host = QStringLiteral("smtp.office365.com");
    office.port = 587;
    office.security = SecurityMode::StartTls;
    office.username = QStringLiteral("news@example.org");
    QTest::newRow("a provider as its preset has it") << office << DeliverySettings{} << false;

    DeliverySettings perMinute;
    perMinute.rateLimits.perMinute = 30;
    QTest::newRow("a limit per minute") << office << perMinute << true;

    DeliverySettings perConnection;
    perConnection.maxMessagesPerConnection = 10;
    QTest::newRow("messages per connection") << office << perConnection << true;

    SmtpEndpoint otherPort = office;
    otherPort.port = 25;
    QTest::newRow("a provider on another port") << otherPort << DeliverySettings{} << true;

    QTest::newRow("a server of one's own") << customServer() << DeliverySettings{} << true;

    SmtpEndpoint trusting = office;
    trusting.trustCertificateFile = QStringLiteral("/tmp/company.pem");
    QTest::newRow("a trusted certificate") << trusting << DeliverySettings{} << true;
}

void tst_AccountSettingsWidget::advancedShowsAValueThatIsNotDefault()
{
    QFETCH(SmtpEndpoint, server);
    QFETCH(DeliverySettings, sending);
    QFETCH(bool, shown);
    QSettings().clear();
    MemoryPasswordStore store;
    AccountSettingsWidget widget;
    widget.setPasswordStore(&store);
    QVERIFY(!widget.isShowingAdvanced());
    widget.setSettings(server, sending);
    QCOMPARE(widget.isShowingAdvanced(), shown);
    // A setting in force is never hidden: what shows it is the document, not the user's choice.
    QCOMPARE(QSettings().contains(QStringLiteral("account/showAdvanced")), false);
}

QTEST_MAIN(tst_AccountSettingsWidget)
#include "tst_accountsettingswidget.moc"
