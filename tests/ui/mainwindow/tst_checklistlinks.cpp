// The checklist says each problem in the user's words, naming the field as the window labels it,
#include "../openandwait.h"
// and its link takes the user to that field: the editor's page is shown and the field has the
// focus. Lines wrap instead of being cut off.
#include "account/accounttext.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/sendarea.h"
#include "send/checklistwords.h"

#include "document/campaigndocument.h"
#include "document/campaignfile.h"
#include "testcampaigns.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;

using Code = CampaignCheckItem::Code;
using Field = CampaignCheckItem::Field;

class TestChecklistLinks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void blockerLinkFocusesTheField_data();
    void blockerLinkFocusesTheField();
    void everyCodeIsWordedWithoutDeveloperNames();
    void rowLinkShowsTheRecipient();
    void linesAreAsTallAsTheirText();
    void oauthSettingsProblemsNameTheAccountFields();

private:
    [[nodiscard]] QString writeCampaign(const Campaign &campaign, const QString &fileName);
    QTemporaryDir m_directory;
};

namespace {

Campaign goodCampaign()
{
    Campaign campaign = sendableTestCampaign(QStringLiteral("Links"),
                                             QStringLiteral("smtp.example.org"),
                                             587,
                                             0);
    campaign.server.security = SecurityMode::StartTls;
    campaign.recipients = {Recipient{QStringLiteral("ann@example.org"), QStringLiteral("Ann")}};
    return campaign;
}

QList<QLabel *> checklistLines(const MainWindow &window)
{
    return window.sendArea()->findChildren<QLabel *>(QStringLiteral("checklistLine"));
}

// The line whose text holds `words`.
QLabel *lineWith(const MainWindow &window, const QString &words)
{
    for (QLabel *line : checklistLines(window)) {
        if (line->text().contains(words.toHtmlEscaped()))
            return line;
    }
    return nullptr;
}

QString describeLines(const MainWindow &window)
{
    QStringList texts;
    for (const QLabel *line : checklistLines(window))
        texts.append(line->text());
    return texts.join(u'\n');
}

// What a click on the line's link does: QLabel reports the link it was given.
bool followLink(QLabel *line)
{
    static const QRegularExpression href(QStringLiteral("href=\"([^\"]+)\""));
    const QRegularExpressionMatch match = href.match(line->text());
    if (!match.hasMatch())
        return false;
    Q_EMIT line->linkActivated(match.captured(1));
    return true;
}

} // namespace

void TestChecklistLinks::initTestCase()
{
    QVERIFY(m_directory.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat,
                       QSettings::UserScope,
                       m_directory.filePath(QStringLiteral("settings")));
    QApplication::setOrganizationName(QStringLiteral("BulkmailTest"));
    QApplication::setApplicationName(QStringLiteral("tst_checklistlinks"));
}

QString TestChecklistLinks::writeCampaign(const Campaign &campaign, const QString &fileName)
{
    return saveTestCampaign(campaign, m_directory.filePath(fileName));
}

void TestChecklistLinks::blockerLinkFocusesTheField_data()
{
    QTest::addColumn<Campaign>("campaign");
    QTest::addColumn<QString>("expectedWords");
    QTest::addColumn<QString>("expectedLink");
    QTest::addColumn<QString>("expectedFocus"); // objectName of the field

    Campaign noFrom = goodCampaign();
    noFrom.message.from.clear();
    QTest::newRow("From is empty")
        << noFrom << QStringLiteral("The From address is empty.")
        << QStringLiteral("Enter the From address") << QStringLiteral("from");

    Campaign noServer = goodCampaign();
    noServer.server.host.clear();
    QTest::newRow("no server") << noServer << QStringLiteral("No outgoing mail server is given.")
                               << QStringLiteral(
                                      "Enter the outgoing mail server on the Account page")
                               << QStringLiteral("host");

    Campaign unknownField = goodCampaign();
    unknownField.message.subject = QStringLiteral("Hello {{nmae}}");
    QTest::newRow("unknown field in the subject")
        << unknownField
        << QStringLiteral("The Subject uses {{nmae}}, but no column has that name. Did you mean "
                          "{{name}}?")
        << QStringLiteral("Edit the Subject") << QStringLiteral("subject");
}

void TestChecklistLinks::blockerLinkFocusesTheField()
{
    QFETCH(Campaign, campaign);
    QFETCH(QString, expectedWords);
    QFETCH(QString, expectedLink);
    QFETCH(QString, expectedFocus);

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QApplication::setActiveWindow(&window);
    QSignalSpy checked(window.sendArea(), &SendArea::checkFinished);
    QVERIFY(openAndWait(window, writeCampaign(campaign, QStringLiteral("blocker.bulkmail"))));
    QVERIFY(checked.wait(10000));
    QTRY_VERIFY(!window.sendArea()->isChecking());
    QVERIFY(!window.sendArea()->lastCheck().canBeSent());

    QLabel *line = lineWith(window, expectedWords);
    QVERIFY2(line, qPrintable(describeLines(window)));
    QVERIFY2(line->text().contains(expectedLink), qPrintable(line->text()));
    // A screen reader hears the severity and the words, without the markup.
    QCOMPARE(line->accessibleName(), QStringLiteral("Must fix: %1").arg(expectedWords));
    // Long lines wrap rather than being cut off.
    QVERIFY(line->wordWrap());

    // Start somewhere else, so that the focus has to move.
    auto *tabs = window.findChild<QTabWidget *>();
    QVERIFY(tabs);
    tabs->setCurrentIndex(1);
    QVERIFY(followLink(line));
    auto *field = window.findChild<QWidget *>(expectedFocus);
    QVERIFY(field);
    QVERIFY(field->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), field);
}

void TestChecklistLinks::rowLinkShowsTheRecipient()
{
    Campaign campaign = goodCampaign();
    campaign.recipients.append(
        Recipient{QStringLiteral("not an address"), QStringLiteral("Broken")});
    MainWindow window;
    QSignalSpy checked(window.sendArea(), &SendArea::checkFinished);
    QVERIFY(openAndWait(window, writeCampaign(campaign, QStringLiteral("rows.bulkmail"))));
    QVERIFY(checked.wait(10000));
    QTRY_VERIFY(!window.sendArea()->isChecking());
    QLabel *line = lineWith(window,
                            QStringLiteral("Row 2: “not an address” is not a valid email "
                                           "address; it is skipped."));
    QVERIFY2(line, qPrintable(describeLines(window)));
    QVERIFY2(line->text().contains(QLatin1String("Show row 2")), qPrintable(line->text()));
    QSignalSpy activated(window.sendArea(), &SendArea::recipientActivated);
    QVERIFY(followLink(line));
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().first().toInt(), 1);
}

void TestChecklistLinks::linesAreAsTallAsTheirText()
{
    // Each line is as tall as its wrapped text, the next right below it. The label's own size
    // policy had dropped the height-for-width that word wrap gives it: every line was sized for
    // the label's narrow size hint, with a gap under its text (seen on the screenshots).
    Campaign campaign = goodCampaign();
    for (int i = 1; i <= 3; ++i) {
        campaign.recipients.append(
            Recipient{QStringLiteral("not an address %1").arg(i), QStringLiteral("Broken")});
    }
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy checked(window.sendArea(), &SendArea::checkFinished);
    QVERIFY(openAndWait(window, writeCampaign(campaign, QStringLiteral("tall.bulkmail"))));
    QVERIFY(checked.wait(10000));
    QTRY_VERIFY(!window.sendArea()->isChecking());
    auto *showSend = window.findChild<QAction *>(QStringLiteral("showSendAction")); // View → Send
    QVERIFY(showSend);
    showSend->trigger();
    QTRY_VERIFY(window.sendArea()->isVisible());
    const QList<QLabel *> lines = checklistLines(window);
    QVERIFY2(lines.size() >= 3, qPrintable(describeLines(window)));
    QCoreApplication::sendPostedEvents(); // the layouts' requests
    for (const QLabel *line : lines) {
        const int needed = line->heightForWidth(line->width());
        QVERIFY2(line->height() <= needed + 2,
                 qPrintable(QStringLiteral("%1 px high for %2 px of text: %3")
                                .arg(line->height())
                                .arg(needed)
                                .arg(line->text())));
    }
}

// Every code has its own words, none of them the campaign file's names ("message.from:",
// "server.host:") that core's English used to show.
void TestChecklistLinks::everyCodeIsWordedWithoutDeveloperNames()
{
    static const QRegularExpression developerName(
        QStringLiteral("\\b(message|server|recipient|sending|personalAttachments)\\.\\w"));
    for (int code = int(Code::SenderMissing); code <= int(Code::MessagesTooLarge); ++code) {
        CampaignCheckItem item;
        item.code = Code(code);
        item.field = Field::Subject;
        item.recipientIndex = 4;
        item.arguments = {QStringLiteral("ann@example.org"), QStringLiteral("value")};
        item.numbers = {2, 3};
        item.text = QStringLiteral("core's own text");
        const QString words = ChecklistWords::sentence(item);
        QVERIFY2(!words.isEmpty(), qPrintable(QString::number(code)));
        QVERIFY2(words != item.text, qPrintable(QString::number(code)));
        QVERIFY2(!words.contains(developerName), qPrintable(words));
    }
    CampaignCheckItem server;
    server.code = Code::ServerMissing;
    server.field = Field::ServerHost;
    QCOMPARE(ChecklistWords::fixLink(server),
             QStringLiteral("Enter the outgoing mail server on the Account page"));
    CampaignCheckItem other;
    other.text = QStringLiteral("a notice core words itself");
    QCOMPARE(ChecklistWords::sentence(other), other.text);
    QCOMPARE(ChecklistWords::fixLink(other), QString());
}

// The sign-in settings' problems reach the window as kinds: worded with the account page's
// labels, never with the campaign file's keys ("server.oauthClientId: missing").
void TestChecklistLinks::oauthSettingsProblemsNameTheAccountFields()
{
    using Kind = OAuthSettingsProblem::Kind;
    static const QRegularExpression fileKey(QStringLiteral("server\\.\\w|oauth[A-Z]"));
    const QList<std::pair<Kind, const char *>> labels{
        {Kind::ClientIdMissing, "Client ID"},
        {Kind::TenantInvalid, "Tenant"},
        {Kind::AuthorizationUrlMissing, "Sign-in page"},
        {Kind::TokenUrlMissing, "Token address"},
        {Kind::ScopeMissing, "Scope"},
        {Kind::AuthorizationUrlNotHttps, "Sign-in page"},
        {Kind::TokenUrlNotHttps, "Token address"},
    };
    for (const auto &[kind, label] : labels) {
        const QString words = AccountText::oauthSettingsProblem(
            {kind, QStringLiteral("http://id.example.org/x")});
        QVERIFY2(words.contains(QLatin1String(label)), qPrintable(words));
        QVERIFY2(!words.contains(fileKey), qPrintable(words));
    }
    OAuthSettings settings;
    settings.provider = OAuthProvider::Microsoft;
    QVERIFY(findOAuthSettingsProblem(settings));
    QCOMPARE(AccountText::oauthSettingsProblem(*findOAuthSettingsProblem(settings)),
             QStringLiteral("Enter the Client ID: your IT department can give it to you."));
}

QTEST_MAIN(TestChecklistLinks)
#include "tst_checklistlinks.moc"
