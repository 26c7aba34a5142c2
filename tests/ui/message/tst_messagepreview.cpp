#include "message/messagepreview.h"
#include "message/noticelabel.h"
#include "widgets/safehtmlbrowser.h"

#include "models/recipienttablemodel.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

using namespace Bulkmail;

class TestMessagePreview final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rendersEachRecipient();
    void listsFieldsEmptyForThisRecipient();
    void followsModelChanges();
    void remoteContentIsNeverLoaded_data();
    void remoteContentIsNeverLoaded();
    void remoteNoteOnlyWhenReferenced_data();
    void remoteNoteOnlyWhenReferenced();
    void templateErrorReplacesPreview();
    void templateErrorNamesItsPart_data();
    void templateErrorNamesItsPart();
    void showsThisRecipientsCopiesAndFiles();

private:
    static MessageTemplate sampleMessage();
    static QList<Recipient> sampleRecipients();
    template<typename T>
    static T *child(const QWidget &parent, const char *name)
    {
        T *widget = parent.findChild<T *>(QLatin1String(name));
        Q_ASSERT(widget);
        return widget;
    }
    QTemporaryDir m_directory;
};

void TestMessagePreview::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_directory.isValid());
}

MessageTemplate TestMessagePreview::sampleMessage()
{
    MessageTemplate message;
    message.from = QStringLiteral("Office <office@example.org>");
    message.subject = QStringLiteral("Hello {{name}}");
    message.text = QStringLiteral("Dear {{name}},\nwelcome to {{city}}.");
    message.html = QStringLiteral("<p>Dear <b>{{name}}</b></p>");
    return message;
}

QList<Recipient> TestMessagePreview::sampleRecipients()
{
    return {Recipient{QStringLiteral("ann@example.org"),
                      QStringLiteral("Ann"),
                      {QStringLiteral("Paris")}},
            Recipient{QStringLiteral("bob@example.org"), QStringLiteral("Bob <&>"), {}},
            Recipient{QStringLiteral("carl@example.org"), QString(), {QStringLiteral("Rome")}}};
}

void TestMessagePreview::rendersEachRecipient()
{
    RecipientTableModel model;
    model.setRecipients({QStringLiteral("city")}, sampleRecipients());
    MessagePreview preview;
    preview.setMessage(sampleMessage());
    QSignalSpy changed(&preview, &MessagePreview::currentRecipientChanged);
    preview.setRecipients(&model);
    QCOMPARE(preview.currentRecipient(), 0);
    QCOMPARE(changed.count(), 1);

    auto *subject = child<QLabel>(preview, "subjectValue");
    auto *to = child<QLabel>(preview, "toValue");
    auto *text = child<QPlainTextEdit>(preview, "textBody");
    auto *html = child<SafeHtmlBrowser>(preview, "htmlBody");
    auto *position = child<QLabel>(preview, "position");
    auto *previous = child<QPushButton>(preview, "previous");
    auto *next = child<QPushButton>(preview, "next");

    QCOMPARE(subject->text(), QStringLiteral("Hello Ann"));
    QCOMPARE(to->text(), QStringLiteral("Ann <ann@example.org>"));
    QCOMPARE(child<QLabel>(preview, "fromValue")->text(),
             QStringLiteral("Office <office@example.org>"));
    QCOMPARE(text->toPlainText(), QStringLiteral("Dear Ann,\nwelcome to Paris."));
    QCOMPARE(html->toPlainText(), QStringLiteral("Dear Ann"));
    QCOMPARE(position->text(), QStringLiteral("1 of 3"));
    QVERIFY(!previous->isEnabled());
    QVERIFY(next->isEnabled());

    next->click();
    QCOMPARE(preview.currentRecipient(), 1);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.constLast().at(0).toInt(), 1);
    QCOMPARE(subject->text(), QStringLiteral("Hello Bob <&>"));
    QCOMPARE(to->text(), QStringLiteral("Bob <&> <bob@example.org>"));
    QCOMPARE(text->toPlainText(), QStringLiteral("Dear Bob <&>,\nwelcome to ."));
    // Escaped in the HTML body: the reader sees the characters, not markup.
    QCOMPARE(html->toPlainText(), QStringLiteral("Dear Bob <&>"));
    QCOMPARE(position->text(), QStringLiteral("2 of 3"));
    QVERIFY(previous->isEnabled());

    next->click();
    QCOMPARE(to->text(), QStringLiteral("carl@example.org")); // no name: the bare address
    QVERIFY(!next->isEnabled());
    preview.setCurrentRecipient(99); // clamped
    QCOMPARE(preview.currentRecipient(), 2);
    previous->click();
    QCOMPARE(preview.currentRecipient(), 1);
    QCOMPARE(subject->text(), QStringLiteral("Hello Bob <&>"));
}

void TestMessagePreview::listsFieldsEmptyForThisRecipient()
{
    RecipientTableModel model;
    model.setRecipients({QStringLiteral("city")}, sampleRecipients());
    MessagePreview preview;
    MessageTemplate message = sampleMessage();
    message.text += QStringLiteral("{{#city}}Enjoy {{city}}{{/city}} {{Town}}");
    preview.setMessage(message);
    preview.setRecipients(&model);
    auto *missing = child<NoticeLabel>(preview, "missingFields");

    // Ann has a city; {{Town}} is no column at all.
    QCOMPARE(missing->text(),
             QStringLiteral("Not a column of the recipient list, so always empty: {{Town}}."));
    preview.setCurrentRecipient(1);
    QCOMPARE(missing->text(),
             QStringLiteral("Empty for this recipient: {{city}}. The message leaves a gap there.\n"
                            "Not a column of the recipient list, so always empty: {{Town}}."));
    // Carl has no name.
    preview.setCurrentRecipient(2);
    QVERIFY2(missing->text().startsWith(QLatin1String("Empty for this recipient: {{name}}.")),
             qPrintable(missing->text()));

    message.text = sampleMessage().text;
    preview.setMessage(message);
    preview.setCurrentRecipient(0);
    QCOMPARE(missing->text(), QString());
    QVERIFY(missing->isHidden());
}

void TestMessagePreview::followsModelChanges()
{
    RecipientTableModel model;
    model.setRecipients({QStringLiteral("city")}, sampleRecipients());
    MessagePreview preview;
    preview.setMessage(sampleMessage());
    preview.setRecipients(&model);
    preview.setCurrentRecipient(1);
    auto *subject = child<QLabel>(preview, "subjectValue");
    auto *text = child<QPlainTextEdit>(preview, "textBody");
    auto *position = child<QLabel>(preview, "position");

    // An edited cell of the shown recipient.
    QVERIFY(model.setData(model.index(1, int(RecipientTableModel::Column::FirstField)),
                          QStringLiteral("Oslo")));
    QCOMPARE(text->toPlainText(), QStringLiteral("Dear Bob <&>,\nwelcome to Oslo."));

    // Rows removed before it: the same recipient stays shown.
    QVERIFY(model.removeRows(0, 1));
    QCOMPARE(preview.currentRecipient(), 0);
    QCOMPARE(subject->text(), QStringLiteral("Hello Bob <&>"));
    QCOMPARE(position->text(), QStringLiteral("1 of 2"));

    model.appendRecipients({Recipient{QStringLiteral("dora@example.org"), QStringLiteral("Dora")}});
    QCOMPARE(position->text(), QStringLiteral("1 of 3"));

    // A new list: back to a valid row.
    preview.setCurrentRecipient(2);
    model.setRecipients({}, {Recipient{QStringLiteral("eve@example.org"), QStringLiteral("Eve")}});
    QCOMPARE(preview.currentRecipient(), 0);
    QCOMPARE(subject->text(), QStringLiteral("Hello Eve"));
    QCOMPARE(position->text(), QStringLiteral("1 of 1"));
    // city is no longer a column.
    QVERIFY(
        child<NoticeLabel>(preview, "missingFields")->text().contains(QLatin1String("{{city}}")));

    model.setRecipients({}, {});
    QCOMPARE(preview.currentRecipient(), -1);
    QCOMPARE(position->text(), QStringLiteral("No recipients"));
    QCOMPARE(subject->text(), QStringLiteral("Hello "));
}

void TestMessagePreview::remoteContentIsNeverLoaded_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<bool>("loads");

    QTest::newRow("http image") << QUrl(QStringLiteral("http://tracker.example.com/p.gif"))
                                << false;
    QTest::newRow("https image") << QUrl(QStringLiteral("https://cdn.example.com/logo.png"))
                                 << false;
    QTest::newRow("ftp") << QUrl(QStringLiteral("ftp://example.com/x.png")) << false;
    QTest::newRow("file not attached")
        << QUrl::fromLocalFile(QStringLiteral("/etc/hostname")) << false;
    QTest::newRow("data URL") << QUrl(QStringLiteral("data:text/plain;base64,SGVsbG8=")) << true;
    QTest::newRow("attachment by file name") << QUrl(QStringLiteral("logo.png")) << true;
}

void TestMessagePreview::remoteContentIsNeverLoaded()
{
    QFETCH(QUrl, url);
    QFETCH(bool, loads);

    const QString logo = m_directory.filePath(QStringLiteral("logo.png"));
    {
        QFile file(logo);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write("Hello"), 5);
    }
    MessagePreview preview;
    MessageTemplate message = sampleMessage();
    message.attachments = {logo};
    preview.setMessage(message);
    auto *html = child<SafeHtmlBrowser>(preview, "htmlBody");
    const QVariant resource = html->loadResource(QTextDocument::ImageResource, url);
    QCOMPARE(resource.isValid(), loads);
    if (loads)
        QCOMPARE(resource.toByteArray(), QByteArray("Hello"));
}

void TestMessagePreview::remoteNoteOnlyWhenReferenced_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<bool>("remote");

    QTest::newRow("img http") << QStringLiteral("<img src=\"http://t.example.com/{{email}}.gif\">")
                              << true;
    QTest::newRow("img unquoted https")
        << QStringLiteral("<img src=https://x.example.com/a.png>") << true;
    QTest::newRow("protocol-relative")
        << QStringLiteral("<img src='//x.example.com/a.png'>") << true;
    QTest::newRow("css background")
        << QStringLiteral("<div style=\"background: url('https://x.example.com/bg.png')\">x</div>")
        << true;
    QTest::newRow("style sheet link")
        << QStringLiteral("<link rel=stylesheet href=\"https://x.example.com/a.css\">") << true;
    QTest::newRow("a plain link") << QStringLiteral("<a href=\"https://example.com\">site</a>")
                                  << false;
    QTest::newRow("data image") << QStringLiteral("<img src=\"data:image/png;base64,AAAA\">")
                                << false;
    QTest::newRow("no images") << QStringLiteral("<p>Hello</p>") << false;
}

void TestMessagePreview::remoteNoteOnlyWhenReferenced()
{
    QFETCH(QString, html);
    QFETCH(bool, remote);

    RecipientTableModel model;
    model.setRecipients({QStringLiteral("city")}, sampleRecipients());
    MessagePreview preview;
    MessageTemplate message = sampleMessage();
    message.html = html;
    preview.setMessage(message);
    preview.setRecipients(&model);
    const auto *note = child<NoticeLabel>(preview, "remoteContentNote");
    QCOMPARE(!note->text().isEmpty(), remote);
    if (remote)
        QCOMPARE(note->text(),
                 QStringLiteral("Remote images are not loaded in the preview. Many mail programs "
                                "also block them until the reader allows it."));
}

void TestMessagePreview::templateErrorReplacesPreview()
{
    RecipientTableModel model;
    model.setRecipients({QStringLiteral("city")}, sampleRecipients());
    MessagePreview preview;
    preview.setRecipients(&model);
    MessageTemplate message = sampleMessage();
    message.subject = QStringLiteral("Hi {{#city}}");
    preview.setMessage(message);
    auto *pages = child<QStackedWidget>(preview, "pages");
    const auto *error = child<NoticeLabel>(preview, "templateError");
    QCOMPARE(error->text(),
             QStringLiteral(
                 "The subject has a mistake: Unclosed section \"city\" at line 1, column "
                 "4\nCorrect it to see the preview."));
    QCOMPARE(pages->currentIndex(), 1);

    preview.setMessage(sampleMessage());
    QCOMPARE(pages->currentIndex(), 0);
    QCOMPARE(child<QLabel>(preview, "subjectValue")->text(), QStringLiteral("Hello Ann"));
}

// The part comes from the error (Error::setting), not from the English: text that looks like
// another part's key, in the user's own template, cannot move the mistake there.
void TestMessagePreview::templateErrorNamesItsPart_data()
{
    QTest::addColumn<QString>("part");
    QTest::addColumn<QString>("expected");
    QTest::newRow("subject") << QStringLiteral("subject")
                             << QStringLiteral("The subject has a mistake: Unclosed section "
                                               "\"city\" at line 1, column 18");
    QTest::newRow("text") << QStringLiteral("text")
                          << QStringLiteral("The message text has a mistake: Unclosed section "
                                            "\"city\" at line 1, column 18");
    QTest::newRow("html") << QStringLiteral("html")
                          << QStringLiteral("The HTML body has a mistake: Unclosed section "
                                            "\"city\" at line 1, column 18");
}

void TestMessagePreview::templateErrorNamesItsPart()
{
    QFETCH(QString, part);
    QFETCH(QString, expected);
    RecipientTableModel model;
    model.setRecipients({QStringLiteral("city")}, sampleRecipients());
    MessagePreview preview;
    preview.setRecipients(&model);
    MessageTemplate message = sampleMessage();
    // Each begins with another part's key and ": ", as the English once did.
    if (part == u"subject")
        message.subject = QStringLiteral("message.text: Hi {{#city}}");
    else if (part == u"text")
        message.text = QStringLiteral("message.html: Hi {{#city}}");
    else
        message.html = QStringLiteral("message.text: Hi {{#city}}");
    preview.setMessage(message);
    QCOMPARE(child<NoticeLabel>(preview, "templateError")->text(),
             expected + QStringLiteral("\nCorrect it to see the preview."));
}

void TestMessagePreview::showsThisRecipientsCopiesAndFiles()
{
    const QString folder = m_directory.filePath(QStringLiteral("payslips"));
    QVERIFY(QDir().mkpath(folder));
    for (const char *name : {"Paris-工资条.pdf", "Rome-a.pdf", "Rome-b.pdf"}) {
        QFile file(QDir(folder).filePath(QString::fromUtf8(name)));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("%PDF-1.4\n%%EOF\n");
    }
    RecipientTableModel model;
    model.setRecipients({QStringLiteral("city")}, sampleRecipients());
    MessageTemplate message = sampleMessage();
    message.cc = QStringLiteral("{{city}}@example.org");
    message.bcc = QStringLiteral("archive@example.org");
    message.personalAttachments.folder = folder;
    message.personalAttachments.rules = {
        {PersonalAttachmentRule::Kind::Pattern, QStringLiteral("{{city}}-*.pdf")}};
    MessagePreview preview;
    preview.setMessage(message);
    preview.setRecipients(&model);

    auto *cc = child<QLabel>(preview, "ccValue");
    auto *files = child<QLabel>(preview, "attachmentsValue");
    auto *problem = child<NoticeLabel>(preview, "attachmentProblem");
    QVERIFY(cc->text().startsWith(QLatin1String("Paris@example.org, archive@example.org (Bcc")));
    QVERIFY2(files->text().startsWith(QStringLiteral("Paris-工资条.pdf (")),
             qPrintable(files->text()));
    QVERIFY(problem->text().isEmpty());

    // A protected PDF: the preview names the field that opens it, never its value.
    message.personalAttachments.pdfPasswordTemplate = QStringLiteral("{{name}}");
    preview.setMessage(message);
    QVERIFY2(files->text().contains(QLatin1String("protected")), qPrintable(files->text()));
    QVERIFY2(files->text().contains(QLatin1String("{{name}}")), qPrintable(files->text()));
    QVERIFY2(!files->text().contains(QLatin1String("Ann")), qPrintable(files->text()));
    message.personalAttachments.pdfPasswordTemplate.clear();
    preview.setMessage(message);
    QVERIFY(!files->text().contains(QLatin1String("protected")));

    preview.setCurrentRecipient(1); // Bob has no city: no payslip, and the Cc is "@example.org"
    QVERIFY(files->text().isEmpty());
    QVERIFY2(problem->text().contains(QLatin1String("empty")), qPrintable(problem->text()));
    QVERIFY(problem->text().contains(QLatin1String("not an address")));

    preview.setCurrentRecipient(2); // two files for Rome: never a guess
    QVERIFY(files->text().isEmpty());
    QVERIFY(problem->text().contains(QLatin1String("Rome-a.pdf")));
}

QTEST_MAIN(TestMessagePreview)
#include "tst_messagepreview.moc"
