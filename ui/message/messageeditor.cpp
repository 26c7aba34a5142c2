#include "messageeditor.h"

#include "attachmentlistwidget.h"
#include "noticelabel.h"

#include "campaign/emailaddress.h"
#include "compose/copyrecipients.h"
#include "compose/mergetemplate.h"
#include "compose/unsubscribemail.h"
#include "models/errorwords.h"
#include "widgets/filedialogs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>

namespace Bulkmail {

namespace {

const QString FromKey = QStringLiteral("from");
const QString ReplyToKey = QStringLiteral("replyTo");
const QString SubjectKey = QStringLiteral("subject");
const QString TextKey = QStringLiteral("text");
const QString HtmlKey = QStringLiteral("html");
const QString AttachmentsKey = QStringLiteral("attachments");
const QString CcKey = QStringLiteral("cc");
const QString BccKey = QStringLiteral("bcc");
const QString PersonalAttachmentsKey = QStringLiteral("personalAttachments");
const QString UnsubscribeByMailKey = QStringLiteral("unsubscribeByMail");
const QString ColumnPrefix = QStringLiteral("column:");
const QString OptionalSuffix = QStringLiteral("(optional)");

// The text as typed: QPlainTextEdit::toPlainText() would turn non-breaking spaces into spaces.
QString plainText(const QPlainTextEdit *edit)
{
    QString text = edit->document()->toRawText();
    text.replace(QChar::ParagraphSeparator, u'\n');
    text.replace(QChar::LineSeparator, u'\n');
    return text;
}

void setLineText(QLineEdit *edit, const QString &text)
{
    if (edit->text() == text)
        return;
    const int position = edit->cursorPosition();
    edit->setText(text);
    edit->setCursorPosition(std::min(position, int(text.size())));
}

// Replaces the text only when it differs, keeping the cursor and the scroll position near where
// they were (an undo changes a few characters; the user keeps their place).
void setPlainText(QPlainTextEdit *edit, const QString &text)
{
    if (plainText(edit) == text)
        return;
    const int position = edit->textCursor().position();
    const int scroll = edit->verticalScrollBar()->value();
    edit->setPlainText(text);
    QTextCursor cursor = edit->textCursor();
    cursor.setPosition(std::min(position, edit->document()->characterCount() - 1));
    edit->setTextCursor(cursor);
    edit->verticalScrollBar()->setValue(scroll);
}

// email and name, which every list has, then the list's own columns.
QStringList mergeFieldNames(const QStringList &columns)
{
    QStringList names{QStringLiteral("email"), QStringLiteral("name")};
    for (const QString &name : columns) {
        if (!names.contains(name))
            names.append(name);
    }
    return names;
}

} // namespace

// The words "column:" and "(optional)" are part of the rule syntax, like a field name: they are
// not translated, so a rule reads the same in every language.
QString formatPersonalAttachmentRules(const QList<PersonalAttachmentRule> &rules)
{
    QStringList lines;
    for (const PersonalAttachmentRule &rule : rules) {
        QString line = rule.kind == PersonalAttachmentRule::Kind::Column
                           ? ColumnPrefix + u' ' + rule.value
                           : rule.value;
        if (rule.need == PersonalAttachmentRule::Need::Optional)
            line += u' ' + OptionalSuffix;
        lines.append(line);
    }
    return lines.join(u'\n');
}

QList<PersonalAttachmentRule> parsePersonalAttachmentRules(const QString &text)
{
    QList<PersonalAttachmentRule> rules;
    for (QString line : text.split(u'\n')) {
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        PersonalAttachmentRule rule;
        if (line.endsWith(OptionalSuffix, Qt::CaseInsensitive)) {
            rule.need = PersonalAttachmentRule::Need::Optional;
            line = line.chopped(OptionalSuffix.size()).trimmed();
        }
        if (line.startsWith(ColumnPrefix, Qt::CaseInsensitive)) {
            rule.kind = PersonalAttachmentRule::Kind::Column;
            line = line.mid(ColumnPrefix.size()).trimmed();
        }
        rule.value = line;
        rules.append(rule);
    }
    return rules;
}

MessageEditor::MessageEditor(QWidget *parent)
    : QWidget(parent)
    , m_from(new QLineEdit(this))
    , m_fromError(new NoticeLabel(NoticeLabel::Kind::Warning, this))
    , m_replyTo(new QLineEdit(this))
    , m_replyToError(new NoticeLabel(NoticeLabel::Kind::Warning, this))
    , m_subject(new QLineEdit(this))
    , m_subjectError(new NoticeLabel(NoticeLabel::Kind::Warning, this))
    , m_insertField(new QToolButton(this))
    , m_fieldMenu(new QMenu(this))
    , m_text(new QPlainTextEdit(this))
    , m_textError(new NoticeLabel(NoticeLabel::Kind::Warning, this))
    , m_htmlEnabled(new QCheckBox(tr("Add an &HTML version"), this))
    , m_htmlLabel(new QLabel(tr("HTML bo&dy:"), this))
    , m_html(new QPlainTextEdit(this))
    , m_htmlError(new NoticeLabel(NoticeLabel::Kind::Warning, this))
    , m_attachments(new AttachmentListWidget(this))
    , m_addAttachments(new QPushButton(tr("Add &files…"), this))
    , m_removeAttachments(new QPushButton(tr("Re&move"), this))
    , m_attachmentTotal(new QLabel(this))
    , m_attachmentError(new NoticeLabel(NoticeLabel::Kind::Warning, this))
    , m_attachmentWarning(new NoticeLabel(NoticeLabel::Kind::Warning, this))
    , m_cc(new QLineEdit(this))
    , m_bcc(new QLineEdit(this))
    , m_personalFolder(new QLineEdit(this))
    , m_choosePersonalFolder(new QPushButton(tr("Ch&oose…"), this))
    , m_personalRules(new QPlainTextEdit(this))
    , m_holdUnresolved(new QCheckBox(tr("If a recipient's file is missing or ambiguous, send the "
                                        "others and hold that recipient"),
                                     this))
    , m_pdfPassword(new QComboBox(this))
    , m_pdfPasswordHelp(new QLabel(this))
    , m_pdfPasswordNotice(new NoticeLabel(NoticeLabel::Kind::Warning, this))
    , m_unsubscribeByMail(new QCheckBox(tr("Let recipients &unsubscribe by email"), this))
    , m_unsubscribeMailbox(new QLineEdit(this))
    , m_unsubscribePlusAddress(
          new QCheckBox(tr("The mail server deli&vers plus addresses (office+unsubscribe@…)"), this))
    , m_unsubscribeHelp(new QLabel(this))
    , m_unsubscribeError(new NoticeLabel(NoticeLabel::Kind::Warning, this))
{
    m_pdfPassword->setObjectName(QStringLiteral("pdfPassword"));
    m_pdfPasswordHelp->setObjectName(QStringLiteral("pdfPasswordHelp"));
    m_pdfPasswordNotice->setObjectName(QStringLiteral("pdfPasswordNotice"));
    m_pdfPassword->setEditable(true);
    m_pdfPassword->setInsertPolicy(QComboBox::NoInsert);
    m_pdfPassword->setAccessibleName(tr("PDF password"));
    m_pdfPassword->lineEdit()->setPlaceholderText(tr("Not protected"));
    m_pdfPassword->setToolTip(
        tr("Pick the column whose value opens each recipient's PDF, or write a template such as "
           "{{birth_date}}-{{employee_id}}."));
    m_pdfPasswordHelp->setWordWrap(true);
    m_pdfPasswordHelp->setText(
        tr("Each personal PDF is encrypted (AES-256) and opens with this value from the "
           "recipient's row. Only the template is saved: the passwords themselves are never "
           "stored or written to the log."));
    m_unsubscribeByMail->setObjectName(QStringLiteral("unsubscribeByMail"));
    m_unsubscribeMailbox->setObjectName(QStringLiteral("unsubscribeMailbox"));
    m_unsubscribePlusAddress->setObjectName(QStringLiteral("unsubscribePlusAddress"));
    m_unsubscribeHelp->setObjectName(QStringLiteral("unsubscribeHelp"));
    m_unsubscribeError->setObjectName(QStringLiteral("unsubscribeError"));
    m_unsubscribeByMail->setToolTip(
        tr("Adds an email address to the message's unsubscribe header, besides any link: mail "
           "programs show an Unsubscribe button that sends a request there."));
    m_unsubscribeMailbox->setPlaceholderText(tr("The sender's address"));
    m_unsubscribeMailbox->setAccessibleName(tr("Mailbox for unsubscribe requests"));
    m_unsubscribePlusAddress->setToolTip(
        tr("Only if your mail server delivers office+unsubscribe@example.org to "
           "office@example.org (Gmail, Office 365 and Postfix with a recipient delimiter do). "
           "A mail rule can then file the requests in a folder of their own."));
    m_unsubscribeHelp->setWordWrap(true);
    m_unsubscribeHelp->setTextFormat(Qt::PlainText);
    m_cc->setObjectName(QStringLiteral("cc"));
    m_bcc->setObjectName(QStringLiteral("bcc"));
    m_personalFolder->setObjectName(QStringLiteral("personalFolder"));
    m_choosePersonalFolder->setObjectName(QStringLiteral("choosePersonalFolder"));
    m_personalRules->setObjectName(QStringLiteral("personalRules"));
    m_holdUnresolved->setObjectName(QStringLiteral("holdUnresolved"));
    m_cc->setPlaceholderText(tr("Optional, per recipient: {{manager_email}}, office@example.org"));
    m_bcc->setPlaceholderText(tr("Optional: addresses or fields; recipients never see them"));
    m_personalFolder->setPlaceholderText(tr("Optional: the folder of each recipient's own files"));
    m_personalRules->setPlaceholderText(tr("{{employee_id}}-*.pdf"));
    m_personalRules->setToolTip(
        tr("One rule a line. A file name where {{fields}} are the recipient's values and * or ? "
           "match any text; or \"column: NAME\" for a column holding the file name. Add "
           "\"(optional)\" when a recipient may have no such file. A rule that matches no file, "
           "or more than one, stops the send: Bulkmail never guesses."));
    m_personalRules->setTabChangesFocus(true);
    m_personalRules->setAccessibleName(tr("Personal attachment rules"));
    m_personalRules->setMaximumHeight(m_personalRules->fontMetrics().height() * 4);
    m_from->setObjectName(QStringLiteral("from"));
    m_fromError->setObjectName(QStringLiteral("fromError"));
    m_replyTo->setObjectName(QStringLiteral("replyTo"));
    m_replyToError->setObjectName(QStringLiteral("replyToError"));
    m_subject->setObjectName(QStringLiteral("subject"));
    m_subjectError->setObjectName(QStringLiteral("subjectError"));
    m_insertField->setObjectName(QStringLiteral("insertField"));
    m_text->setObjectName(QStringLiteral("text"));
    m_textError->setObjectName(QStringLiteral("textError"));
    m_htmlEnabled->setObjectName(QStringLiteral("htmlEnabled"));
    m_html->setObjectName(QStringLiteral("html"));
    m_htmlError->setObjectName(QStringLiteral("htmlError"));
    m_attachments->setObjectName(QStringLiteral("attachments"));
    m_addAttachments->setObjectName(QStringLiteral("addAttachments"));
    m_removeAttachments->setObjectName(QStringLiteral("removeAttachments"));
    m_attachmentTotal->setObjectName(QStringLiteral("attachmentTotal"));
    m_attachmentError->setObjectName(QStringLiteral("attachmentError"));
    m_attachmentWarning->setObjectName(QStringLiteral("attachmentWarning"));

    m_from->setPlaceholderText(tr("Office <office@example.org>"));
    m_from->setToolTip(tr("Who the message is from, as recipients will see it."));
    m_replyTo->setPlaceholderText(tr("Optional: where replies go, if not to the sender"));
    m_subject->setToolTip(tr("The subject line. It may use fields such as {{name}}."));
    m_text->setToolTip(tr("The message as plain text. Every mail program can show it."));
    m_text->setTabChangesFocus(true);
    m_html->setTabChangesFocus(true);
    m_text->setAccessibleName(tr("Message text"));
    m_html->setAccessibleName(tr("HTML body"));
    m_htmlEnabled->setToolTip(tr(
        "Also send a formatted (HTML) version. Mail programs that cannot show it use the text."));

    m_insertField->setText(tr("Insert &field"));
    m_insertField->setToolTip(tr("Insert a column of the recipient list at the cursor."));
    m_insertField->setPopupMode(QToolButton::InstantPopup);
    m_insertField->setMenu(m_fieldMenu);

    m_attachments->setAccessibleName(tr("Attachments"));
    m_attachments->setToolTip(tr("Files sent with every message. Drop files here to add them."));
    m_attachments->setMaximumHeight(m_attachments->fontMetrics().height() * 6);
    m_removeAttachments->setEnabled(false);
    m_attachmentTotal->setTextFormat(Qt::PlainText);
    m_attachmentTotal->setWordWrap(true);

    auto *fromLabel = new QLabel(tr("F&rom:"), this);
    fromLabel->setBuddy(m_from);
    auto *replyToLabel = new QLabel(tr("Re&ply to:"), this);
    replyToLabel->setBuddy(m_replyTo);
    auto *subjectLabel = new QLabel(tr("&Subject:"), this);
    subjectLabel->setBuddy(m_subject);
    auto *textLabel = new QLabel(tr("Message &text:"), this);
    textLabel->setBuddy(m_text);
    m_htmlLabel->setBuddy(m_html);
    auto *attachmentsLabel = new QLabel(tr("&Attachments:"), this);
    attachmentsLabel->setBuddy(m_attachments);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto column = [this](QWidget *field, NoticeLabel *notice) {
        auto *box = new QVBoxLayout;
        box->setSpacing(2);
        box->addWidget(field);
        box->addWidget(notice);
        return box;
    };
    form->addRow(fromLabel, column(m_from, m_fromError));
    form->addRow(replyToLabel, column(m_replyTo, m_replyToError));
    form->addRow(tr("&Cc:"), m_cc);
    form->addRow(tr("&Bcc:"), m_bcc);
    auto *subjectRow = new QHBoxLayout;
    subjectRow->addWidget(m_subject, 1);
    subjectRow->addWidget(m_insertField);
    auto *subjectBox = new QVBoxLayout;
    subjectBox->setSpacing(2);
    subjectBox->addLayout(subjectRow);
    subjectBox->addWidget(m_subjectError);
    form->addRow(subjectLabel, subjectBox);

    auto *attachmentButtons = new QVBoxLayout;
    attachmentButtons->addWidget(m_addAttachments);
    attachmentButtons->addWidget(m_removeAttachments);
    attachmentButtons->addStretch();
    auto *attachmentRow = new QHBoxLayout;
    attachmentRow->addWidget(m_attachments, 1);
    attachmentRow->addLayout(attachmentButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(textLabel);
    layout->addWidget(m_text, 3);
    layout->addWidget(m_textError);
    layout->addWidget(m_htmlEnabled);
    layout->addWidget(m_htmlLabel);
    layout->addWidget(m_html, 3);
    layout->addWidget(m_htmlError);
    // The attachments are a page of their own, which the window shows beside the message: in
    // one form with the message they made it taller than a 1280×720 screen in Chinese.
    m_attachmentsPage = new QWidget(this);
    m_attachmentsPage->hide();
    auto *attachmentsLayout = new QVBoxLayout(m_attachmentsPage);
    attachmentsLayout->addWidget(attachmentsLabel);
    attachmentsLayout->addLayout(attachmentRow);
    attachmentsLayout->addWidget(m_attachmentTotal);
    attachmentsLayout->addWidget(m_attachmentError);
    attachmentsLayout->addWidget(m_attachmentWarning);
    auto *personalFolderRow = new QHBoxLayout;
    personalFolderRow->addWidget(m_personalFolder, 1);
    personalFolderRow->addWidget(m_choosePersonalFolder);
    auto *personalForm = new QFormLayout;
    personalForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *personalFolderLabel = new QLabel(tr("Personal f&iles from:"), this);
    personalFolderLabel->setBuddy(m_personalFolder);
    m_personalFolder->setAccessibleName(tr("Folder of the personal files"));
    personalForm->addRow(personalFolderLabel, personalFolderRow);
    personalForm->addRow(tr("Fi&le rules:"), m_personalRules);
    personalForm->addRow(QString(), m_holdUnresolved);
    auto *pdfPasswordLabel = new QLabel(tr("PDF pass&word:"), this);
    pdfPasswordLabel->setBuddy(m_pdfPassword);
    auto *pdfPasswordBox = new QVBoxLayout;
    pdfPasswordBox->setSpacing(2);
    pdfPasswordBox->addWidget(m_pdfPassword);
    pdfPasswordBox->addWidget(m_pdfPasswordHelp);
    pdfPasswordBox->addWidget(m_pdfPasswordNotice);
    personalForm->addRow(pdfPasswordLabel, pdfPasswordBox);
    attachmentsLayout->addLayout(personalForm);
    attachmentsLayout->addStretch(1);

    auto *unsubscribeForm = new QFormLayout;
    unsubscribeForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    unsubscribeForm->addRow(m_unsubscribeByMail);
    auto *unsubscribeMailboxLabel = new QLabel(tr("Requests go to mailbo&x:"), this);
    unsubscribeMailboxLabel->setBuddy(m_unsubscribeMailbox);
    auto *unsubscribeBox = new QVBoxLayout;
    unsubscribeBox->setSpacing(2);
    unsubscribeBox->addWidget(m_unsubscribeMailbox);
    unsubscribeBox->addWidget(m_unsubscribeError);
    unsubscribeBox->addWidget(m_unsubscribePlusAddress);
    unsubscribeBox->addWidget(m_unsubscribeHelp);
    unsubscribeForm->addRow(unsubscribeMailboxLabel, unsubscribeBox);
    layout->addLayout(unsubscribeForm);

    setTabOrder(m_from, m_replyTo);
    setTabOrder(m_replyTo, m_subject);
    setTabOrder(m_subject, m_insertField);
    setTabOrder(m_insertField, m_text);
    setTabOrder(m_text, m_htmlEnabled);
    setTabOrder(m_htmlEnabled, m_html);
    setTabOrder(m_html, m_attachments);
    setTabOrder(m_attachments, m_addAttachments);
    setTabOrder(m_addAttachments, m_removeAttachments);

    for (QWidget *field : {static_cast<QWidget *>(m_subject),
                           static_cast<QWidget *>(m_text),
                           static_cast<QWidget *>(m_html)})
        field->installEventFilter(this);

    // textEdited, not textChanged: setMessage() must not look like an edit.
    connect(m_from, &QLineEdit::textEdited, this, [this] { onUserEdit(FromKey); });
    connect(m_replyTo, &QLineEdit::textEdited, this, [this] { onUserEdit(ReplyToKey); });
    connect(m_cc, &QLineEdit::textEdited, this, [this] { onUserEdit(CcKey); });
    connect(m_bcc, &QLineEdit::textEdited, this, [this] { onUserEdit(BccKey); });
    connect(m_personalFolder, &QLineEdit::textEdited, this, [this] {
        onUserEdit(PersonalAttachmentsKey);
    });
    connect(m_personalRules, &QPlainTextEdit::textChanged, this, [this] {
        onUserEdit(PersonalAttachmentsKey);
    });
    connect(m_holdUnresolved, &QCheckBox::toggled, this, [this] {
        onUserEdit(PersonalAttachmentsKey);
    });
    connect(m_choosePersonalFolder,
            &QPushButton::clicked,
            this,
            &MessageEditor::choosePersonalFolder);
    // Typing and picking a column both change the edit text.
    connect(m_pdfPassword, &QComboBox::editTextChanged, this, [this] {
        onUserEdit(PersonalAttachmentsKey);
    });
    connect(m_unsubscribeByMail, &QCheckBox::toggled, this, [this] {
        onUserEdit(UnsubscribeByMailKey);
    });
    connect(m_unsubscribeMailbox, &QLineEdit::textEdited, this, [this] {
        onUserEdit(UnsubscribeByMailKey);
    });
    connect(m_unsubscribePlusAddress, &QCheckBox::toggled, this, [this] {
        onUserEdit(UnsubscribeByMailKey);
    });
    connect(m_subject, &QLineEdit::textEdited, this, [this] { onUserEdit(SubjectKey); });
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] { onUserEdit(TextKey); });
    connect(m_html, &QPlainTextEdit::textChanged, this, [this] { onUserEdit(HtmlKey); });
    connect(m_htmlEnabled, &QCheckBox::toggled, this, [this](bool checked) {
        updateHtmlVisibility();
        if (m_updating)
            return;
        onUserEdit(HtmlKey);
        if (checked)
            m_html->setFocus(Qt::OtherFocusReason);
    });
    connect(m_attachments,
            &AttachmentListWidget::filesDropped,
            this,
            &MessageEditor::addAttachments);
    connect(m_attachments,
            &AttachmentListWidget::removeRequested,
            this,
            &MessageEditor::removeSelectedAttachments);
    connect(m_attachments, &QListWidget::itemSelectionChanged, this, [this] {
        m_removeAttachments->setEnabled(!m_attachments->selectedItems().isEmpty());
    });
    connect(m_addAttachments, &QPushButton::clicked, this, &MessageEditor::chooseAttachments);
    connect(m_removeAttachments,
            &QPushButton::clicked,
            this,
            &MessageEditor::removeSelectedAttachments);

    rebuildFieldMenu();
    updateHtmlVisibility();
    refreshAttachmentList();
    validate();
}

MessageEditor::~MessageEditor() = default;

void MessageEditor::setMessage(const MessageTemplate &message)
{
    const QScopedValueRollback guard(m_updating, true);
    setLineText(m_from, message.from);
    setLineText(m_replyTo, message.replyTo);
    setLineText(m_cc, message.cc);
    setLineText(m_bcc, message.bcc);
    setLineText(m_personalFolder, QDir::toNativeSeparators(message.personalAttachments.folder));
    // Rewritten only when the rules differ: a line being typed keeps its cursor.
    if (parsePersonalAttachmentRules(plainText(m_personalRules))
        != message.personalAttachments.rules)
        setPlainText(m_personalRules,
                     formatPersonalAttachmentRules(message.personalAttachments.rules));
    m_holdUnresolved->setChecked(message.personalAttachments.whenUnresolved
                                 == PersonalAttachmentSettings::WhenUnresolved::Hold);
    if (m_pdfPassword->currentText().trimmed() != message.personalAttachments.pdfPasswordTemplate)
        m_pdfPassword->setEditText(message.personalAttachments.pdfPasswordTemplate);
    m_unsubscribeByMail->setChecked(message.unsubscribeByMail.isEnabled);
    setLineText(m_unsubscribeMailbox, message.unsubscribeByMail.mailbox);
    m_unsubscribePlusAddress->setChecked(message.unsubscribeByMail.address
                                         == UnsubscribeMailSettings::Address::PlusAddressed);
    setLineText(m_subject, message.subject);
    setPlainText(m_text, message.text);
    if (messageFromWidgets().html != message.html) {
        // Unchecking keeps what was written in the hidden editor, so that checking the box again
        // brings it back; a message without HTML from outside clears it.
        setPlainText(m_html, message.html);
        m_htmlEnabled->setChecked(!message.html.isEmpty());
    }
    const bool attachmentsChanged = m_message.attachments != message.attachments;
    m_message = message;
    if (attachmentsChanged)
        refreshAttachmentList();
    validate();
}

MessageTemplate MessageEditor::message() const
{
    return m_message;
}

MessageTemplate MessageEditor::messageFromWidgets() const
{
    MessageTemplate message = m_message;
    message.from = m_from->text();
    message.replyTo = m_replyTo->text();
    message.cc = m_cc->text();
    message.bcc = m_bcc->text();
    PersonalAttachmentSettings &personal = message.personalAttachments;
    const QString folder = m_personalFolder->text().trimmed();
    personal.folder = folder.isEmpty() ? QString()
                                       : QDir::cleanPath(QDir::fromNativeSeparators(folder));
    personal.rules = parsePersonalAttachmentRules(plainText(m_personalRules));
    personal.whenUnresolved = m_holdUnresolved->isChecked()
                                  ? PersonalAttachmentSettings::WhenUnresolved::Hold
                                  : PersonalAttachmentSettings::WhenUnresolved::Block;
    personal.pdfPasswordTemplate = m_pdfPassword->currentText().trimmed();
    message.unsubscribeByMail.isEnabled = m_unsubscribeByMail->isChecked();
    message.unsubscribeByMail.mailbox = m_unsubscribeMailbox->text().trimmed();
    message.unsubscribeByMail.address = m_unsubscribePlusAddress->isChecked()
                                            ? UnsubscribeMailSettings::Address::PlusAddressed
                                            : UnsubscribeMailSettings::Address::AsWritten;
    message.subject = m_subject->text();
    message.text = plainText(m_text);
    message.html = m_htmlEnabled->isChecked() ? plainText(m_html) : QString();
    return message;
}

void MessageEditor::setFieldNames(const QStringList &mergeFields)
{
    if (m_fieldNames == mergeFields)
        return;
    m_fieldNames = mergeFields;
    rebuildFieldMenu();
    validate();
}

QStringList MessageEditor::fieldNames() const
{
    return m_fieldNames;
}

bool MessageEditor::hasErrors() const
{
    return !m_errors.isEmpty();
}

QStringList MessageEditor::errors() const
{
    return m_errors;
}

void MessageEditor::onUserEdit(const QString &editKey)
{
    if (m_updating)
        return;
    const MessageTemplate next = messageFromWidgets();
    if (next == m_message)
        return;
    m_message = next;
    validate();
    Q_EMIT messageEdited(m_message, editKey);
}

bool MessageEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusIn
        && (watched == m_subject || watched == m_text || watched == m_html))
        m_lastTemplateField = static_cast<QWidget *>(watched);
    return QWidget::eventFilter(watched, event);
}

void MessageEditor::insertField(const QString &fieldName)
{
    const QString tag = QStringLiteral("{{") + fieldName + QStringLiteral("}}");
    QWidget *target = m_lastTemplateField;
    if (!target || (target == m_html && !m_htmlEnabled->isChecked()))
        target = m_text;
    if (target == m_subject) {
        m_subject->insert(tag);
        m_subject->setFocus(Qt::OtherFocusReason);
        onUserEdit(SubjectKey); // insert() may or may not count as textEdited: report it once
        return;
    }
    auto *edit = static_cast<QPlainTextEdit *>(target);
    edit->textCursor().insertText(tag); // textChanged reports the edit
    edit->setFocus(Qt::OtherFocusReason);
}

void MessageEditor::rebuildFieldMenu()
{
    m_fieldMenu->clear();
    const QStringList names = mergeFieldNames(m_fieldNames);
    for (const QString &name : std::as_const(names)) {
        QString label = name;
        label.replace(u'&', QLatin1String("&&"));
        QAction *action = m_fieldMenu->addAction(label);
        action->setData(name);
        connect(action, &QAction::triggered, this, [this, name] { insertField(name); });
    }
    rebuildPasswordChoices();
}

// One choice per column ("{{employee_id}}"); what is typed stays, and is no edit.
void MessageEditor::rebuildPasswordChoices()
{
    const QScopedValueRollback guard(m_updating, true);
    const QString typed = m_pdfPassword->currentText();
    m_pdfPassword->clear();
    m_pdfPassword->addItem(QString());
    // The empty choice means "not protected": a screen reader says so rather than nothing.
    m_pdfPassword->setItemData(0, tr("Not protected"), Qt::AccessibleTextRole);
    const QStringList names = mergeFieldNames(m_fieldNames);
    for (const QString &name : std::as_const(names))
        m_pdfPassword->addItem(QStringLiteral("{{") + name + QStringLiteral("}}"));
    m_pdfPassword->setEditText(typed);
}

void MessageEditor::updateHtmlVisibility()
{
    const bool visible = m_htmlEnabled->isChecked();
    m_htmlLabel->setVisible(visible);
    m_html->setVisible(visible);
    if (!visible)
        m_htmlError->setText(QString());
}

void MessageEditor::addAttachments(const QStringList &paths)
{
    MessageTemplate next = messageFromWidgets();
    for (const QString &path : paths) {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        if (!next.attachments.contains(absolute))
            next.attachments.append(absolute);
    }
    if (next.attachments == m_message.attachments)
        return;
    m_message = next;
    refreshAttachmentList();
    validate();
    Q_EMIT messageEdited(m_message, AttachmentsKey);
}

void MessageEditor::removeSelectedAttachments()
{
    QStringList selected;
    for (const QListWidgetItem *item : m_attachments->selectedItems())
        selected.append(item->data(Qt::UserRole).toString());
    if (selected.isEmpty())
        return;
    const int firstRow = m_attachments->row(m_attachments->selectedItems().constFirst());
    MessageTemplate next = messageFromWidgets();
    next.attachments.removeIf([&](const QString &path) { return selected.contains(path); });
    m_message = next;
    refreshAttachmentList();
    if (m_attachments->count() > 0)
        m_attachments->setCurrentRow(std::min(firstRow, m_attachments->count() - 1));
    validate();
    Q_EMIT messageEdited(m_message, AttachmentsKey);
}

void MessageEditor::choosePersonalFolder()
{
    const QString folder = FileDialogs::getExistingDirectory(this,
                                                             tr("Folder of the Personal Files"),
                                                             m_personalFolder->text());
    if (folder.isEmpty())
        return;
    m_personalFolder->setText(QDir::toNativeSeparators(folder));
    onUserEdit(PersonalAttachmentsKey);
}

void MessageEditor::chooseAttachments()
{
    const QStringList paths = FileDialogs::getOpenFileNames(this, tr("Attach files"));
    if (!paths.isEmpty())
        addAttachments(paths);
}

void MessageEditor::refreshAttachmentList()
{
    const QLocale locale;
    m_attachments->clear();
    qint64 total = 0;
    for (const QString &path : std::as_const(m_message.attachments)) {
        const QFileInfo info(path);
        auto *item = new QListWidgetItem(m_attachments);
        item->setData(Qt::UserRole, path);
        item->setToolTip(QDir::toNativeSeparators(path));
        if (info.isFile()) {
            total += info.size();
            item->setText(tr("%1 (%2)").arg(
                info.fileName(),
                locale.formattedDataSize(info.size(), 1, QLocale::DataSizeTraditionalFormat)));
        } else {
            item->setText(tr("%1 (file not found)").arg(info.fileName()));
        }
    }
    const int count = int(m_message.attachments.size());
    const QString totalSize = locale.formattedDataSize(total, 1, QLocale::DataSizeTraditionalFormat);
    m_attachmentTotal->setText(
        count == 0   ? tr("No attachments. Add files with the button, or drop them on the list.")
        : count == 1 ? tr("1 file, %1 in total.").arg(totalSize)
                     : tr("%1 files, %2 in total.").arg(locale.toString(count), totalSize));
    if (total > LargeAttachmentsBytes) {
        const QString encodedSize = locale.formattedDataSize(total * 4 / 3,
                                                             1,
                                                             QLocale::DataSizeTraditionalFormat);
        m_attachmentWarning->setText(
            tr("The attachments add up to %1. Sending encodes them, which makes them a third "
               "larger (about %2 in every message), and many mail providers refuse messages over "
               "20–25 MB. Consider sharing large files as a link instead.")
                .arg(totalSize, encodedSize));
    } else {
        m_attachmentWarning->setText(QString());
    }
    m_removeAttachments->setEnabled(!m_attachments->selectedItems().isEmpty());
}

void MessageEditor::validate()
{
    const bool hadErrors = hasErrors();
    QStringList errors;
    const QString addressHint = tr("Write it as office@example.org or as Office "
                                   "<office@example.org>.");

    QString fromError;
    if (m_message.from.trimmed().isEmpty())
        fromError = tr("Enter the sender's address, for example Office <office@example.org>.");
    else if (!parseMailbox(m_message.from))
        fromError = tr("This is not a valid address. %1").arg(addressHint);
    m_fromError->setText(fromError);
    if (!fromError.isEmpty())
        errors.append(tr("From: %1").arg(fromError));

    QString replyToError;
    if (!m_message.replyTo.trimmed().isEmpty() && !parseMailbox(m_message.replyTo))
        replyToError = tr("This is not a valid address. %1").arg(addressHint);
    m_replyToError->setText(replyToError);
    if (!replyToError.isEmpty())
        errors.append(tr("Reply to: %1").arg(replyToError));

    // Core's check, on a campaign with these field names and no recipients.
    Campaign campaign;
    campaign.message = m_message;
    campaign.recipientFields = m_fieldNames;
    const TemplateCheck check = checkTemplates(campaign);
    const QStringList known = mergeFieldNames(m_fieldNames);
    QStringList subjectErrors;
    QStringList textErrors;
    QStringList htmlErrors;
    for (const TemplateProblem &templateProblem : check.problems) {
        QString problem = ErrorWords::of(templateProblem.error);
        if (templateProblem.kind == TemplateProblem::Kind::UnknownField) {
            problem = templateProblem.suggestion.isEmpty()
                          ? tr("{{%1}}: no such column. The columns are: %2.")
                                .arg(templateProblem.detail, known.join(QLatin1String(", ")))
                          : tr("{{%1}}: no such column; did you mean {{%2}}?")
                                .arg(templateProblem.detail, templateProblem.suggestion);
        }
        switch (templateProblem.part) {
        case TemplateProblem::Part::Subject:
            subjectErrors.append(problem);
            errors.append(tr("Subject: %1").arg(problem));
            break;
        case TemplateProblem::Part::Html:
            htmlErrors.append(problem);
            errors.append(tr("HTML body: %1").arg(problem));
            break;
        case TemplateProblem::Part::Text:
            textErrors.append(problem);
            errors.append(tr("Message text: %1").arg(problem));
            break;
        }
    }
    const QString lineBreak(u'\n');
    m_subjectError->setText(subjectErrors.join(lineBreak));
    m_textError->setText(textErrors.join(lineBreak));
    m_htmlError->setText(m_htmlEnabled->isChecked() ? htmlErrors.join(lineBreak) : QString());
    m_from->setAccessibleDescription(fromError);
    m_replyTo->setAccessibleDescription(replyToError);
    m_subject->setAccessibleDescription(subjectErrors.join(lineBreak));
    m_text->setAccessibleDescription(textErrors.join(lineBreak));
    m_html->setAccessibleDescription(htmlErrors.join(lineBreak));

    QStringList missing;
    for (const QString &path : std::as_const(m_message.attachments)) {
        if (!QFileInfo(path).isFile())
            missing.append(QDir::toNativeSeparators(path));
    }
    const QString missingList = missing.join(QLatin1String(", "));
    const QString attachmentError
        = missing.isEmpty() ? QString()
          : missing.size() == 1
              ? tr("This file cannot be found and would stop the sending: %1").arg(missingList)
              : tr("These files cannot be found and would stop the sending: %1").arg(missingList);
    m_attachmentError->setText(attachmentError);
    if (!attachmentError.isEmpty())
        errors.append(tr("Attachments: %1").arg(attachmentError));

    validatePasswordAndUnsubscribe(errors);

    m_errors = errors;
    if (hadErrors != hasErrors())
        Q_EMIT errorsChanged(hasErrors());
}

void MessageEditor::validatePasswordAndUnsubscribe(QStringList &errors)
{
    // The PDF password: its fields must exist, and a template without any gives everyone the
    // same password. Only personal files are protected, so it needs their rules first.
    const PersonalAttachmentSettings &personal = m_message.personalAttachments;
    m_pdfPassword->setEnabled(personal.isEnabled() || !personal.pdfPasswordTemplate.isEmpty());
    QString passwordNotice;
    if (!personal.pdfPasswordTemplate.isEmpty()) {
        // The template's own field names against the columns: no guessing from an error text.
        const Result<MergeTemplate> parsed = MergeTemplate::parse(personal.pdfPasswordTemplate,
                                                                  Escaping::None);
        const QStringList known = mergeFieldNames(m_fieldNames);
        QString unknown;
        if (parsed) {
            for (const QString &name : parsed->fieldNames()) {
                if (!known.contains(name)) {
                    unknown = name;
                    break;
                }
            }
        }
        const Result<QString> merged = mergeRecipientFields(personal.pdfPasswordTemplate,
                                                            m_fieldNames,
                                                            Recipient{},
                                                            QString());
        if (!merged || !unknown.isEmpty()) {
            passwordNotice = unknown.isEmpty()
                                 ? tr("The password template cannot be read: check its {{ and }}.")
                                 : tr("{{%1}}: no such column, so no PDF can be opened.")
                                       .arg(unknown);
            errors.append(tr("PDF password: %1").arg(passwordNotice));
        } else if (*merged == personal.pdfPasswordTemplate) {
            passwordNotice = tr("This is the same password for every recipient: anyone who "
                                "receives one file can open all of them. Use a column.");
        }
    }
    m_pdfPasswordNotice->setText(passwordNotice);
    m_pdfPassword->setAccessibleDescription(passwordNotice);

    // The unsubscribe mailbox: a bare address, the sender's by default.
    const UnsubscribeMailSettings &byMail = m_message.unsubscribeByMail;
    m_unsubscribeMailbox->setEnabled(byMail.isEnabled);
    m_unsubscribePlusAddress->setEnabled(byMail.isEnabled);
    const Result<Mailbox> sender = parseMailbox(m_message.from);
    QString unsubscribeError;
    QString unsubscribeHelp;
    if (byMail.isEnabled && (sender || !byMail.mailbox.isEmpty())) {
        const auto mailto = UnsubscribeMailto::create(byMail, sender ? sender->address : QString());
        if (!mailto) {
            unsubscribeError = tr("This is not a valid address. Write it as "
                                  "unsubscribe@example.org, without a name.");
            errors.append(tr("Unsubscribe mailbox: %1").arg(unsubscribeError));
        } else {
            unsubscribeHelp = tr("Each message offers to write to %1 with the subject "
                                 "“unsubscribe” and a code that names that message only. "
                                 "Bulkmail finds these requests when it reads the mailbox.")
                                  .arg(mailto->address());
        }
    }
    m_unsubscribeError->setText(unsubscribeError);
    m_unsubscribeMailbox->setAccessibleDescription(unsubscribeError);
    m_unsubscribeHelp->setText(unsubscribeHelp);
    m_unsubscribeHelp->setVisible(!unsubscribeHelp.isEmpty());
}

} // namespace Bulkmail
