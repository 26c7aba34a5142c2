// The account page's "Mailbox (IMAP)" section driven like a user would: the provider preset fills
// it, typing and the keyboard edit it (through the document's undo stack, where choosing a
// provider stays one step), every control has the name a screen reader reads, and the advanced
// settings stay out of the way until asked for.

#include "account/accountsettingswidget.h"
#include "account/mailboxsettingswidget.h"
#include "document/campaigndocument.h"

#include "secrets/memorypasswordstore.h"
#include "testcertificates.h"

#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <algorithm>

using namespace Bulkmail;

Q_DECLARE_METATYPE(Bulkmail::MailboxSettings)

namespace {

QString accessibleName(QWidget *widget)
{
    QAccessibleInterface *interface = QAccessible::queryAccessibleInterface(widget);
    return interface == nullptr ? QString() : interface->text(QAccessible::Name).trimmed();
}

bool hasLabelRelation(QWidget *widget, const QString &name)
{
    QAccessibleInterface *interface = QAccessible::queryAccessibleInterface(widget);
    if (interface == nullptr)
        return false;
    const auto labels = interface->relations(QAccessible::Label);
    return std::any_of(labels.cbegin(), labels.cend(), [&name](const auto &relation) {
        return relation.first->text(QAccessible::Name).remove(u'&').startsWith(name);
    });
}

// What a screen reader announces a control as. On Linux a combo box's accessible name is its
// current text, and its label comes through the label relation (QLabel::setBuddy) instead.
template<typename T>
T *findByAccessibleName(QWidget *root, const QString &name)
{
    for (T *widget : root->findChildren<T *>()) {
        const bool isComboBox = qobject_cast<QComboBox *>(widget) != nullptr;
        if (isComboBox ? widget->accessibleName() == name && hasLabelRelation(widget, name)
                       : accessibleName(widget) == name)
            return widget;
    }
    return nullptr;
}

MailboxSettings companyMailbox()
{
    MailboxSettings mailbox;
    mailbox.server.host = QStringLiteral("imap.example.com");
    mailbox.server.port = 143;
    mailbox.server.security = SecurityMode::StartTls;
    mailbox.username = QStringLiteral("office@example.com");
    mailbox.copyToSent = true;
    return mailbox;
}

int presetIndex(QComboBox *combo, ProviderId id)
{
    return combo->findData(int(id));
}

} // namespace

class tst_MailboxSettingsWidget final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void setMailboxDoesNotEmit();
    void everyControlHasItsName_data();
    void everyControlHasItsName();
    void typingEmitsTheFieldsKey();
    void textSetByAssistiveTechnologyIsAnEdit();
    void keyboardTogglesTheCopyAndTheAdvancedPart();
    void usernameDefaultsToTheSmtpOne();
    void choosingAProviderFillsTheMailboxInOneUndoStep();
    void editsAreUndoable();
    void trustingACertificate();
    void advancedOpensForASettingInForce();

private:
    QLocale m_english{QLocale::English, QLocale::UnitedStates};
};

void tst_MailboxSettingsWidget::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(m_english);
    QAccessible::setActive(true);
}

void tst_MailboxSettingsWidget::setMailboxDoesNotEmit()
{
    MailboxSettingsWidget widget;
    QSignalSpy spy(&widget, &MailboxSettingsWidget::mailboxEdited);
    widget.setMailbox(companyMailbox());
    widget.setMailbox(MailboxSettings{});
    widget.setMailbox(companyMailbox());
    QCOMPARE(spy.count(), 0);
    QCOMPARE(widget.findChild<QLineEdit *>()->text(), QStringLiteral("imap.example.com"));
    QCOMPARE(findByAccessibleName<QSpinBox>(&widget, QStringLiteral("IMAP port"))->value(), 143);
    QVERIFY(findByAccessibleName<QCheckBox>(&widget,
                                            QStringLiteral("Keep a copy of each sent message in "
                                                           "the Sent folder"))
                ->isChecked());
}

void tst_MailboxSettingsWidget::everyControlHasItsName_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("copy") << QStringLiteral("Keep a copy of each sent message in the Sent folder");
    QTest::newRow("server") << QStringLiteral("IMAP server");
    QTest::newRow("port") << QStringLiteral("IMAP port");
    QTest::newRow("security") << QStringLiteral("IMAP security");
    QTest::newRow("username") << QStringLiteral("IMAP username");
    QTest::newRow("advanced") << QStringLiteral("Advanced");
    QTest::newRow("sent folder") << QStringLiteral("Sent folder");
    QTest::newRow("certificate") << QStringLiteral("Trusted certificate for IMAP");
    QTest::newRow("choose") << QStringLiteral("Choose the mailbox's certificate");
    QTest::newRow("clear") << QStringLiteral("Clear the mailbox's certificate");
}

void tst_MailboxSettingsWidget::everyControlHasItsName()
{
    QFETCH(QString, name);
    // Inside the account page, as the user meets it: the names must survive its own naming pass.
    AccountSettingsWidget page;
    MemoryPasswordStore store;
    page.setPasswordStore(&store);
    QWidget *control = findByAccessibleName<QWidget>(page.mailboxSettings(), name);
    QVERIFY2(control != nullptr, qPrintable(name));
    QVERIFY2(control->focusPolicy() & Qt::TabFocus, qPrintable(name));
}

void tst_MailboxSettingsWidget::typingEmitsTheFieldsKey()
{
    MailboxSettingsWidget widget;
    widget.setMailbox(companyMailbox());
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QSignalSpy spy(&widget, &MailboxSettingsWidget::mailboxEdited);
    auto *host = findByAccessibleName<QLineEdit>(&widget, QStringLiteral("IMAP server"));
    host->setFocus();
    host->selectAll();
    QTest::keyClicks(host, QStringLiteral("mail.example.org"));
    QVERIFY(!spy.isEmpty());
    QCOMPARE(spy.last().at(0).value<MailboxSettings>().server.host,
             QStringLiteral("mail.example.org"));
    QCOMPARE(spy.last().at(1).toString(), QStringLiteral("mailbox.host"));
    QCOMPARE(widget.mailbox().copyToSent, true); // the rest kept

    auto *security = findByAccessibleName<QComboBox>(&widget, QStringLiteral("IMAP security"));
    security->setFocus();
    security->setCurrentIndex(security->findData(int(SecurityMode::ImplicitTls)));
    QCOMPARE(spy.last().at(1).toString(), QStringLiteral("mailbox.security"));
    QCOMPARE(widget.mailbox().server.security, SecurityMode::ImplicitTls);
}

void tst_MailboxSettingsWidget::textSetByAssistiveTechnologyIsAnEdit()
{
    // Dictation and voice control set the text through AT-SPI EditableText, without key presses.
    MailboxSettingsWidget widget;
    QSignalSpy spy(&widget, &MailboxSettingsWidget::mailboxEdited);
    auto *username = findByAccessibleName<QLineEdit>(&widget, QStringLiteral("IMAP username"));
    QAccessibleInterface *interface = QAccessible::queryAccessibleInterface(username);
    QVERIFY(interface != nullptr && interface->editableTextInterface() != nullptr);
    interface->editableTextInterface()->insertText(0, QStringLiteral("archive@example.com"));
    QCOMPARE(widget.mailbox().username, QStringLiteral("archive@example.com"));
    QCOMPARE(spy.last().at(1).toString(), QStringLiteral("mailbox.username"));
}

void tst_MailboxSettingsWidget::keyboardTogglesTheCopyAndTheAdvancedPart()
{
    MailboxSettingsWidget widget;
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QSignalSpy spy(&widget, &MailboxSettingsWidget::mailboxEdited);
    auto *copy = findByAccessibleName<QCheckBox>(
        &widget, QStringLiteral("Keep a copy of each sent message in the Sent folder"));
    copy->setFocus();
    QTest::keyClick(copy, Qt::Key_Space);
    QCOMPARE(widget.mailbox().copyToSent, true);
    QCOMPARE(spy.last().at(1).toString(), QStringLiteral("mailbox.copyToSent"));

    auto *sentFolder = findByAccessibleName<QLineEdit>(&widget, QStringLiteral("Sent folder"));
    QVERIFY(!sentFolder->isVisible());
    QVERIFY(!widget.isShowingAdvanced());
    auto *advanced = findByAccessibleName<QPushButton>(&widget, QStringLiteral("Advanced"));
    advanced->setFocus();
    QTest::keyClick(advanced, Qt::Key_Space);
    QVERIFY(widget.isShowingAdvanced());
    QVERIFY(sentFolder->isVisible());
    sentFolder->setFocus();
    QTest::keyClicks(sentFolder, QStringLiteral("Sent Items"));
    QCOMPARE(widget.mailbox().sentFolder, QStringLiteral("Sent Items"));
    QCOMPARE(spy.last().at(1).toString(), QStringLiteral("mailbox.sentFolder"));
}

void tst_MailboxSettingsWidget::usernameDefaultsToTheSmtpOne()
{
    AccountSettingsWidget page;
    MemoryPasswordStore store;
    page.setPasswordStore(&store);
    SmtpEndpoint server;
    server.host = QStringLiteral("smtp.example.com");
    server.username = QStringLiteral("news@example.com");
    page.setSettings(server, DeliverySettings{});
    auto *username = findByAccessibleName<QLineEdit>(page.mailboxSettings(),
                                                     QStringLiteral("IMAP username"));
    QVERIFY(username->text().isEmpty());
    QVERIFY2(username->placeholderText().contains(QStringLiteral("news@example.com")),
             qPrintable(username->placeholderText()));
    // The page says where the password comes from, instead of asking for a second one.
    auto *note = findByAccessibleName<QLabel>(page.mailboxSettings(),
                                              QStringLiteral("Mailbox sign-in"));
    QVERIFY(note != nullptr);
    QVERIFY(note->text().contains(QStringLiteral("keychain")));

    // An OAuth2 account's mailbox signs in with that account's tokens: said, and no password.
    OAuthSettings google;
    google.provider = OAuthProvider::Google;
    page.setSettings(server, DeliverySettings{}, AuthMethod::OAuth2, google);
    QVERIFY2(note->text().contains(QStringLiteral("Google")), qPrintable(note->text()));
    QVERIFY2(note->text().contains(QStringLiteral("OAuth2")), qPrintable(note->text()));
    QVERIFY(!note->text().contains(QStringLiteral("password,")));
    page.setSettings(server, DeliverySettings{});
    QVERIFY(note->text().contains(QStringLiteral("keychain")));
}

void tst_MailboxSettingsWidget::choosingAProviderFillsTheMailboxInOneUndoStep()
{
    CampaignDocument document;
    AccountSettingsWidget page;
    MemoryPasswordStore store;
    page.setPasswordStore(&store);
    // Wired as the main window wires them.
    connect(&page,
            &AccountSettingsWidget::settingsEdited,
            &document,
            [&document](const SmtpEndpoint &server,
                        const DeliverySettings &sending,
                        const QString &editKey,
                        AuthMethod auth,
                        const OAuthSettings &oauth) {
                document.editSettings(server, sending, editKey, auth, oauth);
            });
    connect(page.mailboxSettings(),
            &MailboxSettingsWidget::mailboxEdited,
            &document,
            &CampaignDocument::editMailbox);
    connect(&document,
            &CampaignDocument::mailboxChanged,
            page.mailboxSettings(),
            &MailboxSettingsWidget::setMailbox);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    auto *provider = findByAccessibleName<QComboBox>(&page, QStringLiteral("Provider"));
    QVERIFY(provider != nullptr);
    provider->setFocus();
    const int gmail = presetIndex(provider, ProviderId::Gmail);
    QVERIFY(gmail >= 0);
    provider->setCurrentIndex(gmail);
    Q_EMIT provider->activated(gmail);

    QCOMPARE(document.server().host, QStringLiteral("smtp.gmail.com"));
    QCOMPARE(document.mailbox().server.host, QStringLiteral("imap.gmail.com"));
    QCOMPARE(document.mailbox().server.port, quint16(993));
    QCOMPARE(document.mailbox().server.security, SecurityMode::ImplicitTls);
    auto *host = findByAccessibleName<QLineEdit>(&page, QStringLiteral("IMAP server"));
    QCOMPARE(host->text(), QStringLiteral("imap.gmail.com"));
    QCOMPARE(document.undoStack()->count(), 1);

    document.undoStack()->undo();
    QVERIFY(document.server().host.isEmpty());
    QVERIFY(document.mailbox().server.host.isEmpty());
    QVERIFY(host->text().isEmpty());
}

void tst_MailboxSettingsWidget::editsAreUndoable()
{
    CampaignDocument document;
    MailboxSettingsWidget widget;
    connect(&widget,
            &MailboxSettingsWidget::mailboxEdited,
            &document,
            &CampaignDocument::editMailbox);
    connect(&document,
            &CampaignDocument::mailboxChanged,
            &widget,
            &MailboxSettingsWidget::setMailbox);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));

    auto *host = findByAccessibleName<QLineEdit>(&widget, QStringLiteral("IMAP server"));
    host->setFocus();
    QTest::keyClicks(host, QStringLiteral("imap.example.com"));
    auto *copy = findByAccessibleName<QCheckBox>(
        &widget, QStringLiteral("Keep a copy of each sent message in the Sent folder"));
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(document.mailbox().server.host, QStringLiteral("imap.example.com"));
    QVERIFY(document.mailbox().copyToSent);
    // Typing one field is one step; the check box another.
    QCOMPARE(document.undoStack()->count(), 2);
    QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Change Copies in Sent"));

    document.undoStack()->undo();
    QVERIFY(!document.mailbox().copyToSent);
    QVERIFY(!copy->isChecked());
    QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Change Mailbox Setting"));
    document.undoStack()->undo();
    QVERIFY(host->text().isEmpty());
    document.undoStack()->redo();
    QCOMPARE(host->text(), QStringLiteral("imap.example.com"));
}

void tst_MailboxSettingsWidget::trustingACertificate()
{
    MailboxSettingsWidget widget;
    QSignalSpy spy(&widget, &MailboxSettingsWidget::mailboxEdited);
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString notACertificate = folder.filePath(QStringLiteral("notes.txt"));
    QFile file(notACertificate);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a certificate\n");
    file.close();
    QVERIFY(!widget.trustCertificateFile(notACertificate));
    QCOMPARE(spy.count(), 0);
    QVERIFY(widget.mailbox().server.trustCertificateFile.isEmpty());

    const QString ca = Test::testCertificatePath(u"ca.pem");
    QVERIFY(widget.trustCertificateFile(ca));
    QCOMPARE(widget.mailbox().server.trustCertificateFile, ca);
    QCOMPARE(spy.last().at(1).toString(), QStringLiteral("mailbox.trustCertificate"));
    auto *clear = findByAccessibleName<QPushButton>(&widget,
                                                    QStringLiteral(
                                                        "Clear the mailbox's certificate"));
    QVERIFY(clear->isEnabled());
    clear->click();
    QVERIFY(widget.mailbox().server.trustCertificateFile.isEmpty());
    QVERIFY(!clear->isEnabled());
}

void tst_MailboxSettingsWidget::advancedOpensForASettingInForce()
{
    MailboxSettingsWidget widget;
    MailboxSettings mailbox = companyMailbox();
    widget.setMailbox(mailbox);
    QVERIFY(!widget.isShowingAdvanced());
    mailbox.sentFolder = QStringLiteral("Sent Items");
    widget.setMailbox(mailbox);
    QVERIFY(widget.isShowingAdvanced()); // never in force unseen
}

QTEST_MAIN(tst_MailboxSettingsWidget)
#include "tst_mailboxsettingswidget.moc"
