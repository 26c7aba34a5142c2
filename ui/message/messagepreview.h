#pragma once

#include "campaign/campaign.h"
#include "compose/mergetemplate.h"

#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace Bulkmail {

class NoticeLabel;
class SafeHtmlBrowser;
class RecipientTableModel;

// The message as one recipient will see it: From, To, the merged subject, the text body and the
// HTML body (never loading remote content). Previous and Next step through the recipient list.
// Fields that render empty for this recipient are listed; a template that does not parse shows
// its error instead of the preview.
class MessagePreview final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessagePreview)

public:
    explicit MessagePreview(QWidget *parent = nullptr);
    ~MessagePreview() override;

    void setMessage(const MessageTemplate &message);
    [[nodiscard]] MessageTemplate message() const { return m_message; }

    // Not owned; the preview follows its resets, inserted and removed rows and edited cells.
    void setRecipients(const RecipientTableModel *model);

    // A row of the model; clamped to the list. -1 when the list is empty.
    void setCurrentRecipient(int row);
    [[nodiscard]] int currentRecipient() const { return m_current; }

Q_SIGNALS:
    void currentRecipientChanged(int row);

private:
    void rebuildRenderer(); // when the message or the field names change; not per recipient
    void render();          // the current recipient, with the renderer already built
    void updateNavigation();
    void renderCopiesAndAttachments(const Recipient &recipient, bool hasRecipient);
    void changeCurrent(int row);
    void onFieldNamesMaybeChanged();
    void onRowsInserted(int first, int last);
    void onRowsRemoved(int first, int last);
    [[nodiscard]] int recipientCount() const;

    MessageTemplate m_message;
    QStringList m_fieldNames;
    QPointer<const RecipientTableModel> m_model;
    int m_current = -1;
    std::optional<MessageRenderer> m_renderer;
    std::vector<MergeTemplate> m_templates; // subject, text, html: for missingFields()
    QString m_templateError;
    QString m_shownHtml; // what the browser holds: setHtml() only when it changes
    bool m_hadHtml = false;

    QPushButton *m_previous = nullptr;
    QLabel *m_position = nullptr;
    QPushButton *m_next = nullptr;
    QStackedWidget *m_pages = nullptr;
    NoticeLabel *m_error = nullptr;
    QLabel *m_from = nullptr;
    QLabel *m_replyToLabel = nullptr;
    QLabel *m_replyTo = nullptr;
    QLabel *m_to = nullptr;
    QLabel *m_ccLabel = nullptr;
    QLabel *m_cc = nullptr; // Cc, and Bcc marked as such: what the recipient's copies are
    QLabel *m_attachmentsLabel = nullptr;
    QLabel *m_attachments = nullptr; // the shared files, then this recipient's own
    QLabel *m_subject = nullptr;
    NoticeLabel *m_missing = nullptr;
    NoticeLabel *m_attachmentProblem = nullptr;
    QTabWidget *m_bodies = nullptr;
    QPlainTextEdit *m_text = nullptr;
    SafeHtmlBrowser *m_html = nullptr;
    NoticeLabel *m_remoteNote = nullptr;
    QWidget *m_htmlPage = nullptr;
};

} // namespace Bulkmail
