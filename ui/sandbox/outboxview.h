#pragma once

#include "common/result.h"
#include "sandbox/capturedmessage.h"

#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;

namespace Bulkmail {

class SafeHtmlBrowser;
class OutboxModel;
class SandboxServer;

// The built-in sandbox's outbox: a line saying where the sandbox listens and what it captured,
// the table of captured messages (OutboxModel), and the selected message as its recipient would
// see it (From, To, Subject, Date, the text body, the HTML body without remote content, the
// attachments, every header), with "Save as .eml…" and "Clear".
//
// Beside it, "Act like a provider": a per-connection message cap answered with 421, a per-minute
// rate answered with 451 4.7.0, and refused recipients, applied to the running server at once
// (SandboxServer::setProviderBehaviour), each explained in one plain sentence.
//
// The server is not owned and may be started, stopped or deleted while the view exists; call
// refresh() after starting or stopping it so the header line shows the new state.
class OutboxView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxView)

public:
    explicit OutboxView(SandboxServer *server, QWidget *parent = nullptr);
    ~OutboxView() override;

    [[nodiscard]] OutboxModel *model() const { return m_model; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] SafeHtmlBrowser *htmlBrowser() const { return m_htmlBody; }
    // The message selected in the table, or null.
    [[nodiscard]] const CapturedMessage *selectedMessage() const;
    [[nodiscard]] QString summaryText() const;

    // Writes the selected message to `path` exactly as the sandbox captured it (through
    // QSaveFile). ErrorCode::InvalidValue when nothing is selected, ErrorCode::Io otherwise.
    [[nodiscard]] Result<void> saveSelectedMessage(const QString &path) const;
    [[nodiscard]] static Result<void> saveMessage(const CapturedMessage &message,
                                                  const QString &path);
    // "00003-ann_example.org.eml"
    [[nodiscard]] static QString suggestedFileName(const CapturedMessage &message);

    // Refused recipients as typed: separated by commas, semicolons or white space.
    [[nodiscard]] static QStringList parseRecipientList(const QString &text);

public Q_SLOTS:
    // Re-reads the server's address and counts for the header line.
    void refresh();
    // Empties the outbox: the server's kept messages and the table. Counting starts again.
    void clear();

Q_SIGNALS:
    // The user changed the provider behaviour (already applied to the server).
    void providerBehaviourChanged(int maxMessagesPerConnection,
                                  int ratePerMinute,
                                  const QStringList &refusedRecipients);

private:
    void buildUi();
    void showProviderBehaviour();
    void applyProviderBehaviour();
    void updateProviderHints();
    void showSelectedMessage();
    void clearViewer(const QString &placeholder);
    void saveWithDialog();
    void scheduleSummary();

    QPointer<SandboxServer> m_server;
    OutboxModel *m_model = nullptr;
    QTimer m_summaryTimer;
    int m_messageBase = 0; // the server's counts at the last clear()
    int m_connectionBase = 0;
    int m_shownNumber = -1; // the message the viewer shows
    bool m_followNewest = true;

    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_clearButton = nullptr;

    QWidget *m_viewer = nullptr;
    QLabel *m_viewerNotice = nullptr;
    QLineEdit *m_fromField = nullptr;
    QLineEdit *m_toField = nullptr;
    QLineEdit *m_replyToField = nullptr;
    QLineEdit *m_subjectField = nullptr;
    QLineEdit *m_dateField = nullptr;
    QTabWidget *m_bodyTabs = nullptr;
    QFormLayout *m_fields = nullptr; // From, To, Reply-To, Subject, Date
    QPlainTextEdit *m_textBody = nullptr;
    SafeHtmlBrowser *m_htmlBody = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QListWidget *m_attachments = nullptr;

    QSpinBox *m_perConnection = nullptr;
    QLabel *m_perConnectionHint = nullptr;
    QSpinBox *m_perMinute = nullptr;
    QLabel *m_perMinuteHint = nullptr;
    QLineEdit *m_refused = nullptr;
    QLabel *m_refusedHint = nullptr;
};

} // namespace Bulkmail
