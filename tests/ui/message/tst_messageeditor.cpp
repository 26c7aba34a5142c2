#include "document/campaigndocument.h"
#include "message/messageeditor.h"
#include "message/noticelabel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>
#include <QUrl>

using namespace Bulkmail;

Q_DECLARE_METATYPE(Bulkmail::PersonalAttachmentRule)

class TestMessageEditor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void typingInSubjectEmitsWholeMessage();
    void typingInBodiesEmitsTheirKeys();
    void setMessageDoesNotEmitNorMoveCursor();
    void insertFieldAtCursor();
    void templateErrorsWhileTyping_data();
    void templateErrorsWhileTyping();
    void invalidAddressesAreFlagged_data();
    void invalidAddressesAreFlagged();
    void attachmentsAddRemoveWithSizes();
    void largeAttachmentsWarn();
    void personalRulesReadAndWrite_data();
    void personalRulesReadAndWrite();
    void copiesAndPersonalFilesAreEdits();
    void pdfPasswordIsAnUndoableEdit();
    void pdfPasswordNotices_data();
    void pdfPasswordNotices();
    void unsubscribeByMailIsAnUndoableEdit();

private:
    static MessageTemplate sampleMessage();
    template<typename T>
    static T *child(const MessageEditor &editor, const char *name)
    {
        T *widget = editor.findChild<T *>(QLatin1String(name));
        Q_ASSERT(widget);
        return widget;
    }
    QTemporaryDir m_directory;
};

void TestMessageEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_directory.isValid());
}

MessageTemplate TestMessageEditor::sampleMessage()
{
    MessageTemplate message;
    message.from = QStringLiteral("Office <office@example.org>");
    message.subject = QStringLiteral("Hello");
    message.text = QStringLiteral("Dear {{name}},\nsee you in {{city}}.\n");
    message.headers = {{QStringLiteral("X-Campaign"), QStringLiteral("spring")}};
    return message;
}

void TestMessageEditor::typingInSubjectEmitsWholeMessage()
{
    MessageEditor editor;
    editor.setFieldNames({QStringLiteral("city")});
    editor.setMessage(sampleMessage());
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QSignalSpy spy(&editor, &MessageEditor::messageEdited);

    auto *subject = child<QLineEdit>(editor, "subject");
    subject->setFocus();
    subject->end(false);
    QTest::keyClicks(subject, QStringLiteral(" {{name}}"));

    QCOMPARE(spy.count(), 9); // one per key
    const QList<QVariant> last = spy.constLast();
    QCOMPARE(last.at(1).toString(), QStringLiteral("subject"));
    MessageTemplate expected = sampleMessage();
    expected.subject = QStringLiteral("Hello {{name}}");
    QCOMPARE(last.at(0).value<MessageTemplate>(), expected); // the headers travel along
    QCOMPARE(editor.message(), expected);
    QVERIFY(!editor.hasErrors());
}

void TestMessageEditor::typingInBodiesEmitsTheirKeys()
{
    MessageEditor editor;
    editor.setMessage(sampleMessage());
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QSignalSpy spy(&editor, &MessageEditor::messageEdited);

    auto *text = child<QPlainTextEdit>(editor, "text");
    text->setFocus();
    text->moveCursor(QTextCursor::End);
    QTest::keyClicks(text, QStringLiteral("Bye"));
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spy.constLast().at(1).toString(), QStringLiteral("text"));
    QCOMPARE(editor.message().text, sampleMessage().text + QStringLiteral("Bye"));

    // The HTML version: checking the box alone changes nothing; typing does.
    auto *htmlEnabled = child<QCheckBox>(editor, "htmlEnabled");
    auto *html = child<QPlainTextEdit>(editor, "html");
    QVERIFY(html->isHidden());
    spy.clear();
    htmlEnabled->click();
    QVERIFY(!html->isHidden());
    QCOMPARE(spy.count(), 0);
    QTest::keyClicks(html, QStringLiteral("<p>Hi</p>"));
    QCOMPARE(spy.constLast().at(1).toString(), QStringLiteral("html"));
    QCOMPARE(editor.message().html, QStringLiteral("<p>Hi</p>"));
    // Unchecking sends text only.
    spy.clear();
    htmlEnabled->click();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.constLast().at(1).toString(), QStringLiteral("html"));
    QCOMPARE(editor.message().html, QString());

    auto *from = child<QLineEdit>(editor, "from");
    from->setFocus();
    from->selectAll();
    QTest::keyClicks(from, QStringLiteral("a@b.org"));
    QCOMPARE(spy.constLast().at(1).toString(), QStringLiteral("from"));
    QCOMPARE(editor.message().from, QStringLiteral("a@b.org"));
    auto *replyTo = child<QLineEdit>(editor, "replyTo");
    replyTo->setFocus();
    QTest::keyClicks(replyTo, QStringLiteral("r@b.org"));
    QCOMPARE(spy.constLast().at(1).toString(), QStringLiteral("replyTo"));
    QCOMPARE(editor.message().replyTo, QStringLiteral("r@b.org"));
}

void TestMessageEditor::setMessageDoesNotEmitNorMoveCursor()
{
    MessageEditor editor;
    QSignalSpy spy(&editor, &MessageEditor::messageEdited);
    MessageTemplate message = sampleMessage();
    message.html = QStringLiteral("<p>{{name}}</p>");
    editor.setMessage(message);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(editor.message(), message);
    QVERIFY(child<QCheckBox>(editor, "htmlEnabled")->isChecked());
    QCOMPARE(child<QPlainTextEdit>(editor, "html")->toPlainText(), message.html);

    auto *subject = child<QLineEdit>(editor, "subject");
    auto *text = child<QPlainTextEdit>(editor, "text");
    subject->setCursorPosition(2);
    QTextCursor cursor = text->textCursor();
    cursor.setPosition(5);
    text->setTextCursor(cursor);

    // The same message again (the document echoing an edit): nothing moves.
    editor.setMessage(message);
    QCOMPARE(subject->cursorPosition(), 2);
    QCOMPARE(text->textCursor().position(), 5);
    QCOMPARE(spy.count(), 0);

    // Another subject (an undo): shown, still no signal, and the text keeps its cursor.
    message.subject = QStringLiteral("Other");
    editor.setMessage(message);
    QCOMPARE(subject->text(), QStringLiteral("Other"));
    QCOMPARE(text->textCursor().position(), 5);
    message.html.clear();
    editor.setMessage(message);
    QVERIFY(!child<QCheckBox>(editor, "htmlEnabled")->isChecked());
    QCOMPARE(editor.message(), message);
    QCOMPARE(spy.count(), 0);
}

void TestMessageEditor::insertFieldAtCursor()
{
    MessageEditor editor;
    editor.setFieldNames({QStringLiteral("city"), QStringLiteral("R&D team")});
    editor.setMessage(sampleMessage());
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QSignalSpy spy(&editor, &MessageEditor::messageEdited);

    auto *button = child<QToolButton>(editor, "insertField");
    QVERIFY(button->menu());
    QStringList names;
    for (const QAction *action : button->menu()->actions())
        names.append(action->data().toString());
    QCOMPARE(names,
             QStringList({QStringLiteral("email"),
                          QStringLiteral("name"),
                          QStringLiteral("city"),
                          QStringLiteral("R&D team")}));

    // Into the subject, at its cursor (after "He").
    auto *subject = child<QLineEdit>(editor, "subject");
    subject->setFocus();
    QTRY_VERIFY(subject->hasFocus());
    subject->setCursorPosition(2);
    button->menu()->actions().at(2)->trigger(); // city
    QCOMPARE(subject->text(), QStringLiteral("He{{city}}llo"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.constLast().at(1).toString(), QStringLiteral("subject"));
    QCOMPARE(editor.message().subject, QStringLiteral("He{{city}}llo"));

    // Then into the text body, after "Dear ".
    auto *text = child<QPlainTextEdit>(editor, "text");
    text->setFocus();
    QTRY_VERIFY(text->hasFocus());
    QTextCursor cursor = text->textCursor();
    cursor.setPosition(5);
    text->setTextCursor(cursor);
    button->menu()->actions().at(0)->trigger(); // email
    QCOMPARE(editor.message().text,
             QStringLiteral("Dear {{email}}{{name}},\nsee you in {{city}}.\n"));
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.constLast().at(1).toString(), QStringLiteral("text"));
    QCOMPARE(text->textCursor().position(), 5 + 9); // after the inserted tag
}

void TestMessageEditor::templateErrorsWhileTyping_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("expectedError");

    QTest::newRow("unclosed section")
        << QStringLiteral("Hi {{#city}}there")
        << QStringLiteral("Unclosed section \"city\" at line 1, column 4");
    QTest::newRow("unknown field, near a known one")
        << QStringLiteral("Hi {{Name}}")
        << QStringLiteral("{{Name}}: no such column; did you mean {{name}}?");
    QTest::newRow("unknown field, nothing near")
        << QStringLiteral("Hi {{zzzzzzzzzz}}")
        << QStringLiteral("{{zzzzzzzzzz}}: no such column. The columns are: email, name, city.");
}

void TestMessageEditor::templateErrorsWhileTyping()
{
    QFETCH(QString, typed);
    QFETCH(QString, expectedError);

    MessageEditor editor;
    editor.setFieldNames({QStringLiteral("city")});
    editor.setMessage(sampleMessage());
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QSignalSpy errorsChanged(&editor, &MessageEditor::errorsChanged);
    auto *subjectError = child<NoticeLabel>(editor, "subjectError");
    QVERIFY(!editor.hasErrors());
    QVERIFY(subjectError->isHidden());

    auto *subject = child<QLineEdit>(editor, "subject");
    subject->setFocus();
    subject->selectAll();
    QTest::keyClicks(subject, typed);

    QCOMPARE(subjectError->text(), expectedError);
    QVERIFY(subjectError->isVisible());
    QVERIFY(editor.hasErrors());
    QCOMPARE(editor.errors(), QStringList{QStringLiteral("Subject: ") + expectedError});
    QVERIFY(errorsChanged.count() >= 1);
    QCOMPARE(errorsChanged.constLast().at(0).toBool(), true);

    // Fixing it clears the error.
    subject->selectAll();
    QTest::keyClicks(subject, QStringLiteral("Hi {{name}}"));
    QCOMPARE(subjectError->text(), QString());
    QVERIFY(subjectError->isHidden());
    QVERIFY(!editor.hasErrors());
    QCOMPARE(errorsChanged.constLast().at(0).toBool(), false);
}

void TestMessageEditor::invalidAddressesAreFlagged_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");

    QTest::newRow("from: name and address")
        << QStringLiteral("from") << QStringLiteral("Office <office@example.org>") << true;
    QTest::newRow("from: no domain")
        << QStringLiteral("from") << QStringLiteral("office@") << false;
    QTest::newRow("from: empty") << QStringLiteral("from") << QString() << false;
    QTest::newRow("reply-to: empty is fine") << QStringLiteral("replyTo") << QString() << true;
    QTest::newRow("reply-to: two addresses")
        << QStringLiteral("replyTo") << QStringLiteral("a@b.org, c@d.org") << false;
}

void TestMessageEditor::invalidAddressesAreFlagged()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(bool, valid);

    MessageTemplate message = sampleMessage();
    message.text.clear();
    (field == QLatin1String("from") ? message.from : message.replyTo) = value;
    MessageEditor editor;
    editor.setMessage(message);
    const auto *notice = editor.findChild<NoticeLabel *>(field + QStringLiteral("Error"));
    QVERIFY(notice);
    QCOMPARE(editor.hasErrors(), !valid);
    QCOMPARE(notice->text().isEmpty(), valid);
    if (!valid && !value.isEmpty())
        QVERIFY2(notice->text().startsWith(QLatin1String("This is not a valid address.")),
                 qPrintable(notice->text()));
}

void TestMessageEditor::attachmentsAddRemoveWithSizes()
{
    const QString small = m_directory.filePath(QStringLiteral("agenda.txt"));
    const QString other = m_directory.filePath(QStringLiteral("map.pdf"));
    {
        QFile file(small);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(QByteArray(1536, 'x')), 1536);
        QFile file2(other);
        QVERIFY(file2.open(QIODevice::WriteOnly));
        QVERIFY(file2.resize(3 * 1024 * 1024));
    }
    MessageEditor editor;
    editor.setFieldNames({QStringLiteral("city")});
    editor.setMessage(sampleMessage());
    QSignalSpy spy(&editor, &MessageEditor::messageEdited);
    auto *list = child<QListWidget>(editor, "attachments");
    auto *total = child<QLabel>(editor, "attachmentTotal");
    QCOMPARE(list->count(), 0);

    editor.addAttachments({small, other, small}); // the repeat is skipped
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.constLast().at(1).toString(), QStringLiteral("attachments"));
    QCOMPARE(editor.message().attachments, QStringList({small, other}));
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(0)->text(), QStringLiteral("agenda.txt (1.5 kB)"));
    QCOMPARE(list->item(1)->text(), QStringLiteral("map.pdf (3.0 MB)"));
    QCOMPARE(total->text(), QStringLiteral("2 files, 3.0 MB in total."));
    QVERIFY(child<NoticeLabel>(editor, "attachmentWarning")->text().isEmpty());
    QVERIFY(!editor.hasErrors());

    // Remove the first through the button.
    auto *remove = child<QPushButton>(editor, "removeAttachments");
    QVERIFY(!remove->isEnabled());
    list->item(0)->setSelected(true);
    QVERIFY(remove->isEnabled());
    remove->click();
    QCOMPARE(spy.count(), 2);
    QCOMPARE(editor.message().attachments, QStringList{other});
    QCOMPARE(list->count(), 1);
    QCOMPARE(total->text(), QStringLiteral("1 file, 3.0 MB in total."));

    // Delete on the list removes the selection, too.
    list->setCurrentRow(0);
    list->item(0)->setSelected(true);
    QTest::keyClick(list, Qt::Key_Delete);
    QCOMPARE(spy.count(), 3);
    QCOMPARE(editor.message().attachments, QStringList());

    // Files dropped from a file manager; folders and remote URLs are ignored.
    QMimeData dropped;
    dropped.setUrls({QUrl::fromLocalFile(small),
                     QUrl::fromLocalFile(m_directory.path()),
                     QUrl(QStringLiteral("https://example.com/x.pdf"))});
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &dropped, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(list->viewport(), &enter);
    QVERIFY(enter.isAccepted()); // the drop goes where the drag was accepted
    QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &dropped, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(list->viewport(), &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(spy.count(), 4);
    QCOMPARE(spy.constLast().at(1).toString(), QStringLiteral("attachments"));
    QCOMPARE(editor.message().attachments, QStringList{small});
    editor.setMessage(sampleMessage());

    // A file that does not exist is listed and stops the campaign.
    const QString gone = m_directory.filePath(QStringLiteral("gone.doc"));
    editor.addAttachments({gone});
    QCOMPARE(list->item(0)->text(), QStringLiteral("gone.doc (file not found)"));
    QVERIFY(editor.hasErrors());
    QVERIFY(
        child<NoticeLabel>(editor, "attachmentError")->text().contains(QLatin1String("gone.doc")));
}

void TestMessageEditor::largeAttachmentsWarn()
{
    const QString big = m_directory.filePath(QStringLiteral("video.mp4"));
    {
        QFile file(big);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(11 * 1024 * 1024)); // sparse: no 11 MB written
    }
    MessageEditor editor;
    editor.setFieldNames({QStringLiteral("city")});
    MessageTemplate message = sampleMessage();
    message.attachments = {big};
    editor.setMessage(message); // shown from a document, too
    const auto *warning = child<NoticeLabel>(editor, "attachmentWarning");
    QVERIFY2(warning->text().startsWith(QLatin1String("The attachments add up to 11.0 MB.")),
             qPrintable(warning->text()));
    QVERIFY(warning->text().contains(QLatin1String("a third larger (about 14.7 MB")));
    QVERIFY(warning->text().contains(QStringView(u"20–25 MB")));
    QVERIFY(!editor.hasErrors()); // a warning, not an error

    message.attachments.clear();
    editor.setMessage(message);
    QVERIFY(warning->text().isEmpty());
}

void TestMessageEditor::personalRulesReadAndWrite_data()
{
    using Rule = PersonalAttachmentRule;
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<PersonalAttachmentRule>>("rules");
    QTest::newRow("pattern") << QStringLiteral("{{employee_id}}-*.pdf")
                             << QList<Rule>{
                                    {Rule::Kind::Pattern, QStringLiteral("{{employee_id}}-*.pdf")}};
    QTest::newRow("column, optional")
        << QStringLiteral("column: certificate (optional)")
        << QList<Rule>{{Rule::Kind::Column, QStringLiteral("certificate"), Rule::Need::Optional}};
    QTest::newRow("two rules") << QStringLiteral("{{id}}.pdf\n{{id}}-tax*.pdf (optional)")
                               << QList<Rule>{{Rule::Kind::Pattern, QStringLiteral("{{id}}.pdf")},
                                              {Rule::Kind::Pattern,
                                               QStringLiteral("{{id}}-tax*.pdf"),
                                               Rule::Need::Optional}};
}

void TestMessageEditor::personalRulesReadAndWrite()
{
    QFETCH(QString, text);
    QFETCH(QList<PersonalAttachmentRule>, rules);
    QCOMPARE(parsePersonalAttachmentRules(text), rules);
    QCOMPARE(formatPersonalAttachmentRules(rules), text);
    QCOMPARE(parsePersonalAttachmentRules(QStringLiteral("\n  ") + text + QStringLiteral("  \n")),
             rules);
}

void TestMessageEditor::copiesAndPersonalFilesAreEdits()
{
    MessageEditor editor;
    editor.setFieldNames({QStringLiteral("manager"), QStringLiteral("employee_id")});
    editor.setMessage(sampleMessage());
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QSignalSpy spy(&editor, &MessageEditor::messageEdited);

    auto *cc = child<QLineEdit>(editor, "cc");
    cc->setFocus();
    QTest::keyClicks(cc, QStringLiteral("{{manager}}"));
    QCOMPARE(spy.constLast().at(1).toString(), QStringLiteral("cc"));
    QCOMPARE(editor.message().cc, QStringLiteral("{{manager}}"));

    auto *folder = child<QLineEdit>(editor, "personalFolder");
    folder->setFocus();
    QTest::keyClicks(folder, m_directory.path());
    auto *rules = child<QPlainTextEdit>(editor, "personalRules");
    rules->setFocus();
    QTest::keyClicks(rules, QStringLiteral("{{employee_id}}-*.pdf"));
    child<QCheckBox>(editor, "holdUnresolved")->click();
    QCOMPARE(spy.constLast().at(1).toString(), QStringLiteral("personalAttachments"));
    const PersonalAttachmentSettings personal = editor.message().personalAttachments;
    QCOMPARE(personal.folder, QDir::cleanPath(m_directory.path()));
    QCOMPARE(personal.rules,
             (QList<PersonalAttachmentRule>{{PersonalAttachmentRule::Kind::Pattern,
                                             QStringLiteral("{{employee_id}}-*.pdf")}}));
    QCOMPARE(personal.whenUnresolved, PersonalAttachmentSettings::WhenUnresolved::Hold);

    // Shown back without an edit signal.
    const int edits = int(spy.count());
    MessageTemplate message = editor.message();
    message.bcc = QStringLiteral("archive@example.org");
    editor.setMessage(message);
    QCOMPARE(spy.count(), edits);
    QCOMPARE(child<QLineEdit>(editor, "bcc")->text(), QStringLiteral("archive@example.org"));
}

// The editor wired to a document as the main window wires them: an edit is an undo command,
// and undoing it shows the old value again.
struct EditorOnDocument
{
    explicit EditorOnDocument(const MessageTemplate &message, const QStringList &fields)
    {
        Campaign campaign;
        campaign.message = message;
        campaign.recipientFields = fields;
        document.reset(campaign);
        editor.setFieldNames(fields);
        editor.setMessage(message);
        QObject::connect(&editor,
                         &MessageEditor::messageEdited,
                         &document,
                         &CampaignDocument::editMessage);
        QObject::connect(&document,
                         &CampaignDocument::messageChanged,
                         &editor,
                         &MessageEditor::setMessage);
    }
    CampaignDocument document;
    MessageEditor editor;
};

void TestMessageEditor::pdfPasswordIsAnUndoableEdit()
{
    MessageTemplate message = sampleMessage();
    message.personalAttachments.folder = m_directory.path();
    message.personalAttachments.rules = {
        {PersonalAttachmentRule::Kind::Pattern, QStringLiteral("{{employee_id}}*.pdf")}};
    EditorOnDocument wired(message, {QStringLiteral("city"), QStringLiteral("employee_id")});
    MessageEditor &editor = wired.editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QSignalSpy spy(&editor, &MessageEditor::messageEdited);

    auto *password = child<QComboBox>(editor, "pdfPassword");
    QCOMPARE(password->accessibleName(), QStringLiteral("PDF password"));
    QVERIFY(password->isEnabled());
    QVERIFY(child<QLabel>(editor, "pdfPasswordHelp")->text().contains(QStringLiteral("never")));
    // One choice per column, after "not protected".
    QCOMPARE(password->findText(QStringLiteral("{{employee_id}}")), 4);
    QCOMPARE(password->itemText(0), QString());

    // Reached with the keyboard: Tab from the option above it, on the Attachments page (the
    // window shows it as a tab of its own).
    editor.attachmentsPage()->show(); // in place: the widgets stay the editor's children
    auto *hold = child<QCheckBox>(editor, "holdUnresolved");
    hold->setFocus();
    QTest::keyClick(hold, Qt::Key_Tab);
    QWidget *focused = QApplication::focusWidget();
    QVERIFY2(focused == password || focused == password->lineEdit(),
             focused ? focused->metaObject()->className() : "nothing");

    QTest::keyClicks(focused, QStringLiteral("{{employee_id}}"));
    QCOMPARE(spy.constLast().at(1).toString(), QStringLiteral("personalAttachments"));
    QCOMPARE(editor.message().personalAttachments.pdfPasswordTemplate,
             QStringLiteral("{{employee_id}}"));
    QCOMPARE(wired.document.campaign().message.personalAttachments.pdfPasswordTemplate,
             QStringLiteral("{{employee_id}}"));
    QCOMPARE(child<NoticeLabel>(editor, "pdfPasswordNotice")->text(), QString());

    // Typing merges into one command; undo takes the whole template away, redo brings it back.
    QCOMPARE(wired.document.undoStack()->count(), 1);
    wired.document.undoStack()->undo();
    QCOMPARE(password->currentText(), QString());
    QCOMPARE(editor.message().personalAttachments.pdfPasswordTemplate, QString());
    wired.document.undoStack()->redo();
    QCOMPARE(password->currentText(), QStringLiteral("{{employee_id}}"));

    // Picking a column is an edit too.
    password->setCurrentIndex(password->findText(QStringLiteral("{{city}}")));
    QCOMPARE(wired.document.campaign().message.personalAttachments.pdfPasswordTemplate,
             QStringLiteral("{{city}}"));
}

void TestMessageEditor::pdfPasswordNotices_data()
{
    QTest::addColumn<QString>("passwordTemplate");
    QTest::addColumn<QString>("notice");
    QTest::addColumn<bool>("isError");
    QTest::newRow("a column") << "{{employee_id}}" << QString() << false;
    QTest::newRow("two columns") << "{{city}}-{{employee_id}}" << QString() << false;
    QTest::newRow("no such column") << "{{birthday}}"
                                    << "{{birthday}}: no such column" << true;
    QTest::newRow("one password for all") << "1234"
                                          << "same password for every recipient" << false;
}

void TestMessageEditor::pdfPasswordNotices()
{
    QFETCH(QString, passwordTemplate);
    QFETCH(QString, notice);
    QFETCH(bool, isError);
    MessageTemplate message = sampleMessage();
    message.personalAttachments.folder = m_directory.path();
    message.personalAttachments.rules = {
        {PersonalAttachmentRule::Kind::Pattern, QStringLiteral("{{employee_id}}*.pdf")}};
    message.personalAttachments.pdfPasswordTemplate = passwordTemplate;
    MessageEditor editor;
    editor.setFieldNames({QStringLiteral("city"), QStringLiteral("employee_id")});
    editor.setMessage(message);
    QCOMPARE(child<QComboBox>(editor, "pdfPassword")->currentText(), passwordTemplate);
    const QString shown = child<NoticeLabel>(editor, "pdfPasswordNotice")->text();
    QVERIFY2(notice.isEmpty() ? shown.isEmpty() : shown.contains(notice), qPrintable(shown));
    QCOMPARE(editor.errors().join(u'\n').contains(QStringLiteral("PDF password")), isError);
}

void TestMessageEditor::unsubscribeByMailIsAnUndoableEdit()
{
    EditorOnDocument wired(sampleMessage(), {QStringLiteral("city")});
    MessageEditor &editor = wired.editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QSignalSpy spy(&editor, &MessageEditor::messageEdited);

    auto *byMail = child<QCheckBox>(editor, "unsubscribeByMail");
    auto *mailbox = child<QLineEdit>(editor, "unsubscribeMailbox");
    auto *plus = child<QCheckBox>(editor, "unsubscribePlusAddress");
    auto *help = child<QLabel>(editor, "unsubscribeHelp");
    QVERIFY(!byMail->isChecked());
    QVERIFY(!mailbox->isEnabled());
    QVERIFY(!plus->isEnabled());
    QCOMPARE(mailbox->accessibleName(), QStringLiteral("Mailbox for unsubscribe requests"));

    byMail->click();
    QCOMPARE(spy.constLast().at(1).toString(), QStringLiteral("unsubscribeByMail"));
    QVERIFY(editor.message().unsubscribeByMail.isEnabled);
    QVERIFY(mailbox->isEnabled());
    QVERIFY2(help->text().contains(QStringLiteral("office@example.org")), qPrintable(help->text()));

    plus->click();
    QCOMPARE(editor.message().unsubscribeByMail.address,
             UnsubscribeMailSettings::Address::PlusAddressed);
    QVERIFY2(help->text().contains(QStringLiteral("office+unsubscribe@example.org")),
             qPrintable(help->text()));

    mailbox->setFocus();
    QTest::keyClicks(mailbox, QStringLiteral("lists example.org"));
    QVERIFY(!child<NoticeLabel>(editor, "unsubscribeError")->text().isEmpty());
    QVERIFY(editor.hasErrors());
    mailbox->selectAll();
    QTest::keyClicks(mailbox, QStringLiteral("lists@example.org"));
    QCOMPARE(child<NoticeLabel>(editor, "unsubscribeError")->text(), QString());
    QVERIFY(!editor.hasErrors());
    QVERIFY2(help->text().contains(QStringLiteral("lists+unsubscribe@example.org")),
             qPrintable(help->text()));
    QCOMPARE(wired.document.campaign().message.unsubscribeByMail,
             (UnsubscribeMailSettings{true,
                                      QStringLiteral("lists@example.org"),
                                      UnsubscribeMailSettings::Address::PlusAddressed}));

    // Undo everything, step by step, back to no unsubscribe address at all.
    while (wired.document.undoStack()->canUndo())
        wired.document.undoStack()->undo();
    QVERIFY(!byMail->isChecked());
    QCOMPARE(mailbox->text(), QString());
    QVERIFY(!plus->isChecked());
    QCOMPARE(editor.message().unsubscribeByMail, UnsubscribeMailSettings{});
}

QTEST_MAIN(TestMessageEditor)
#include "tst_messageeditor.moc"
