#pragma once

#include "campaign/campaign.h"

#include <QString>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace Bulkmail {

class AttachmentListWidget;
class NoticeLabel;

// The personal attachment rules as the editor shows them, one a line: a file name pattern
// ("{{employee_id}}-*.pdf"), or "column: NAME" for a field holding the file name, either followed
// by " (optional)" when the recipient may have no such file. Exposed for tests.
[[nodiscard]] QString formatPersonalAttachmentRules(const QList<PersonalAttachmentRule> &rules);
[[nodiscard]] QList<PersonalAttachmentRule> parsePersonalAttachmentRules(const QString &text);

// The message of a campaign: From, Reply-To, the subject and body templates (text, and an
// optional HTML version) and the attachments. A view with edit signals: setMessage() shows a
// message and never emits; every user edit emits messageEdited() with the whole new message and
// what was edited. Template mistakes, unknown fields and invalid addresses are shown under the
// field while the user types.
class MessageEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageEditor)

public:
    // Attachments whose total is above this get a warning: base64 makes them a third larger and
    // many providers refuse messages over 20–25 MB.
    static constexpr qint64 LargeAttachmentsBytes = 10 * 1000 * 1000;

    explicit MessageEditor(QWidget *parent = nullptr);
    ~MessageEditor() override;

    // The attachments, for everyone and per recipient: a page of its own, for the window to show
    // beside the editor (as a tab, which then owns it). A hidden child of the editor until then.
    [[nodiscard]] QWidget *attachmentsPage() const { return m_attachmentsPage; }

    // Shows `message`. Fields whose text is unchanged keep their cursor and scroll position.
    void setMessage(const MessageTemplate &message);
    [[nodiscard]] MessageTemplate message() const;

    // The extra columns of the recipient list (email and name always exist).
    void setFieldNames(const QStringList &mergeFields);
    [[nodiscard]] QStringList fieldNames() const;

    // Any template, address or attachment problem that would stop the campaign.
    [[nodiscard]] bool hasErrors() const;
    // The problems shown, each naming its field, e.g. "Subject: {{Name}}: no such column; did
    // you mean {{name}}?".
    [[nodiscard]] QStringList errors() const;

    // Inserts `{{fieldName}}` at the cursor of the subject or body field used last (the text body
    // when none was), as the "Insert field" menu does.
    void insertField(const QString &fieldName);
    // Adds files as if the user had picked or dropped them (already listed ones are skipped).
    void addAttachments(const QStringList &paths);

Q_SIGNALS:
    // editKey: "from", "replyTo", "cc", "bcc", "subject", "text", "html", "attachments",
    // "personalAttachments" or "unsubscribeByMail".
    void messageEdited(const Bulkmail::MessageTemplate &message, const QString &editKey);
    void errorsChanged(bool hasErrors);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onUserEdit(const QString &editKey);
    [[nodiscard]] MessageTemplate messageFromWidgets() const;
    void rebuildFieldMenu();
    void refreshAttachmentList();
    void removeSelectedAttachments();
    void chooseAttachments();
    void choosePersonalFolder();
    void validate();
    // The PDF password's and the unsubscribe address's notices; appends to `errors`.
    void validatePasswordAndUnsubscribe(QStringList &errors);
    void updateHtmlVisibility();
    void rebuildPasswordChoices();

    MessageTemplate m_message; // what is shown, with the parts this editor does not show
    QStringList m_fieldNames;

    QLineEdit *m_from = nullptr;
    NoticeLabel *m_fromError = nullptr;
    QLineEdit *m_replyTo = nullptr;
    NoticeLabel *m_replyToError = nullptr;
    QLineEdit *m_subject = nullptr;
    NoticeLabel *m_subjectError = nullptr;
    QToolButton *m_insertField = nullptr;
    QMenu *m_fieldMenu = nullptr;
    QPlainTextEdit *m_text = nullptr;
    NoticeLabel *m_textError = nullptr;
    QCheckBox *m_htmlEnabled = nullptr;
    QLabel *m_htmlLabel = nullptr;
    QPlainTextEdit *m_html = nullptr;
    NoticeLabel *m_htmlError = nullptr;
    AttachmentListWidget *m_attachments = nullptr;
    QPushButton *m_addAttachments = nullptr;
    QPushButton *m_removeAttachments = nullptr;
    QLabel *m_attachmentTotal = nullptr;
    QWidget *m_attachmentsPage = nullptr; // see attachmentsPage()
    NoticeLabel *m_attachmentError = nullptr;
    NoticeLabel *m_attachmentWarning = nullptr;
    // Per recipient (issue 15): copies, and each one's own files from a folder.
    QLineEdit *m_cc = nullptr;
    QLineEdit *m_bcc = nullptr;
    QLineEdit *m_personalFolder = nullptr;
    QPushButton *m_choosePersonalFolder = nullptr;
    QPlainTextEdit *m_personalRules = nullptr; // one rule a line, see formatRules()
    QCheckBox *m_holdUnresolved = nullptr;
    // A template over the fields ("{{employee_id}}") whose value opens each personal PDF.
    QComboBox *m_pdfPassword = nullptr;
    QLabel *m_pdfPasswordHelp = nullptr;
    NoticeLabel *m_pdfPasswordNotice = nullptr;
    // Issue 16: a mailto: List-Unsubscribe of the sender's own, a token per message.
    QCheckBox *m_unsubscribeByMail = nullptr;
    QLineEdit *m_unsubscribeMailbox = nullptr;
    QCheckBox *m_unsubscribePlusAddress = nullptr;
    QLabel *m_unsubscribeHelp = nullptr;
    NoticeLabel *m_unsubscribeError = nullptr;
    QWidget *m_lastTemplateField = nullptr; // where "Insert field" writes
    QStringList m_errors;
    bool m_updating = false; // setMessage() is changing the widgets: not a user edit
};

} // namespace Bulkmail
