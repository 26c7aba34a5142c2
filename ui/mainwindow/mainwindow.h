#pragma once

#include "campaign/campaign.h"
#include "campaign/campaigncheck.h"
#include "common/result.h"
#include "document/recoverystore.h"
#include "models/sendmode.h"
#include "oauth/oauthsettings.h"
#include "runner/campaignrunner.h"
#include "send/resumestate.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QProgressDialog;
class QSplitter;
class QTabWidget;

namespace Bulkmail {

class AccountSettingsWidget;
class BounceWatchController;
class BouncesDialog;
class CampaignDocument;
class GuideDialog;
class InputBlocker;
class SuppressionDialog;
class ConnectionView;
class LogPanel;
class OutboxView;
class SandboxServer;
class SendController;
class SendStartFlow;
class SendView;
class MessageEditor;
class MessagePreview;
class RecentFiles;
class RecipientsView;
class SendArea;
struct OAuthSignInResult;

// The window where a campaign is prepared: the recipients on the left, the message, its preview
// and the account on the right, and what a send would do at the bottom. It owns the document's
// file handling: New/Open/Save with the unsaved-changes question, recent files, dropping files,
// the autosave into a RecoveryStore, and remembering its geometry.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    static constexpr std::chrono::seconds AutosaveInterval{60};

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] CampaignDocument *document() const { return m_document; }
    [[nodiscard]] RecipientsView *recipientsView() const { return m_recipientsView; }
    [[nodiscard]] MessageEditor *messageEditor() const { return m_messageEditor; }
    [[nodiscard]] MessagePreview *messagePreview() const { return m_preview; }
    [[nodiscard]] AccountSettingsWidget *accountSettings() const { return m_account; }
    [[nodiscard]] SendArea *sendArea() const { return m_sendArea; }
    [[nodiscard]] RecoveryStore &recoveryStore() { return m_recovery; }
    [[nodiscard]] SendController *sendController() const { return m_sendController; }
    [[nodiscard]] SendView *sendView() const { return m_sendView; }
    [[nodiscard]] ConnectionView *connectionView() const { return m_connectionView; }
    [[nodiscard]] LogPanel *logPanel() const { return m_logPanel; }
    [[nodiscard]] OutboxView *outboxView() const { return m_outboxView; }
    // The built-in sandbox server, started with the window (for rehearsals and the sample).
    [[nodiscard]] SandboxServer *sandbox() const { return m_sandbox; }
    // Tools → Suppression List: the list of the document's account (opened on first use).
    void showSuppressionList();
    // Send → Bounces: the campaign's bounces and the unsubscribe requests waiting.
    void showBounces();
    [[nodiscard]] BounceWatchController *bounceWatch() const { return m_bounceWatch; }
    [[nodiscard]] BouncesDialog *bouncesDialog() const;
    [[nodiscard]] SuppressionDialog *suppressionDialog() const;

    // Opens the sample campaign (a merge template, a few dozen recipients) set to rehearse in
    // the sandbox: what a newcomer sees on first start.
    void openSample();
    // Starts sending the document (or rehearsing it in the sandbox) through the SendStartFlow.
    // With `confirm`, the user confirms what will be sent, how many recipients and through which
    // account; tests pass false. Returns false when something stands in the way at once (shown to
    // the user); the checklist then runs in the background, and a blocker it finds is shown when
    // it is done. (Booleans kept for the tests and the actions; the flow takes enums.)
    bool startSending(bool retryFailed, bool confirm = true);

    // Starts opening a campaign file without asking about unsaved changes (the caller asked).
    // The file, the recipient list it names and its send journal (a big workbook, a file on a
    // slow share) are read on a worker thread. Meanwhile the window takes no input; a read that
    // lasts longer than OpeningDialogDelay is shown in a window-modal "Opening…" dialog, whose
    // Cancel keeps the campaign that is open. fileOpenFinished() follows, and an error is shown.
    // Refused (false, nothing follows) while a send runs: its results belong to the campaign
    // that is open (the menus ask to stop it first). An opening still under way is overtaken by
    // a newer one.
    bool openFile(const QString &path);
    // How long an opening goes without a dialog: most campaigns are read within it, and a dialog
    // that flashes up and away at every opening says nothing.
    static constexpr std::chrono::milliseconds OpeningDialogDelay{400};
    // The timer that shows the "Opening…" dialog after OpeningDialogDelay (tests change it).
    [[nodiscard]] QTimer &openingDialogTimer() { return m_openingDialogTimer; }
    // Whether a file is being opened; fileOpenFinished() follows.
    [[nodiscard]] bool isOpening() const { return !m_openingPath.isEmpty(); }
    // Saves to the document's file, or asks for one. False when cancelled or failed.
    bool save();
    bool saveAs(const QString &path);
    // Offers the recovery copies an earlier run left behind; true when one was restored.
    bool offerRecovery();
    // Opens a recovery copy as a modified document belonging to its original file.
    bool restoreRecovery(const RecoveryEntry &entry);
    // Writes the recovery copy now when there are unsaved changes (the timer calls it).
    void autosave();
    // The timer that calls autosave() every AutosaveInterval (tests shorten it).
    [[nodiscard]] QTimer &autosaveTimer() { return m_autosaveTimer; }
    // What the app does once the window shows: offers the recovery copies an earlier run left;
    // if none is restored, opens `file`, or else the sample on the first start (or with `sample`).
    void startUp(const QString &file, bool sample);

Q_SIGNALS:
    // After openFile(): whether `path` is now the window's campaign (false: it could not be
    // read, or the opening was cancelled or overtaken).
    void fileOpenFinished(const QString &path, bool opened);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // What the window is showing: each task gets the whole window (below the toolbar). In the
    // order of the task tabs.
    enum class Task { Prepare, Send, Connections, Outbox };

    void createWidgets();
    void showTask(Task task);
    // The Campaign task with one of its pages (message, preview, account) in front.
    void showEditorPage(QWidget *page);
    void fitToCurrentTask();
    void createActions();
    void connectDocument();
    // Help → Getting Started (F1), also linked from the first-steps panel.
    void showGuide();
    // A toolbar twin of `action` with the short `text`: the action's whole text becomes the
    // twin's tooltip and status tip, and the twin follows its enabled state.
    QAction *shortProxy(QAction *action, const QString &text);
    void updateTitle();
    void restoreWindowState();
    void saveWindowState();
    // Asks to save unsaved changes: true when the caller may go on (saved or discarded).
    bool maybeSave();
    void newCampaign();
    // Recent files and drops: asks to stop a send, then to save, then opens `path`.
    void openCampaignFile(const QString &path);
    void openWithDialog();
    bool saveWithDialog();
    void sendTestMessage();
    void scheduleCheck();
    void setUpBounceWatch(QMenu *sendMenu);
    // Shows the editor of a campaign setting the checklist names and gives it the focus.
    void focusCampaignField(CampaignCheckItem::Field field);
    void showResumeState();
    // The start flow's requests: the page to show, the status bar, the run about to start.
    void connectStartFlow();
    // While a send runs, another campaign must not replace this one: asks whether to stop the
    // send (`question`, with `stopButton` on the button), and if so stops it, waits without
    // blocking until what was on its way is finished and recorded, then runs `then`. With no
    // send running, runs `then` at once.
    void afterSendingStops(const QString &title,
                           const QString &question,
                           const QString &stopButton,
                           std::function<void()> then);
    // Cancels the run, shows that it is finishing, and runs `then` once it has finished.
    void stopSendingThen(std::function<void()> then);
    void onSendFinished();
    // "Sign In Again…" while a run waits for it, and what follows a successful sign-in.
    void signInAgain();
    void onSignedIn(const OAuthSignInResult &result);
    // What openFile() reads off the window's thread: the campaign with its list, and what its
    // send journal says.
    struct OpenedCampaign
    {
        Campaign campaign;
        Result<ResumeState> resumeState;
    };
    // The end of openFile()'s read: the campaign replaces the open one, or the error is shown.
    void finishOpening(const QString &path, const Result<OpenedCampaign> &opened);
    // Drops the opening under way, if any (its read ends unseen) and reports it as not opened.
    void abandonOpening();
    void showOpeningDialog();
    void closeOpeningDialog();
    void discardRecoveryCopy();
    [[nodiscard]] QString documentKey() const;
    [[nodiscard]] QString dialogDirectory() const;

    CampaignDocument *m_document;
    RecipientsView *m_recipientsView = nullptr;
    MessageEditor *m_messageEditor = nullptr;
    MessagePreview *m_preview = nullptr;
    AccountSettingsWidget *m_account = nullptr;
    SendArea *m_sendArea = nullptr;
    SendController *m_sendController = nullptr;
    SendStartFlow *m_startFlow = nullptr;
    SendView *m_sendView = nullptr;
    ConnectionView *m_connectionView = nullptr;
    LogPanel *m_logPanel = nullptr;
    OutboxView *m_outboxView = nullptr;
    SandboxServer *m_sandbox = nullptr;
    QTabWidget *m_taskTabs = nullptr; // Campaign, Send, Connections, Sandbox Outbox
    QWidget *m_sendPage = nullptr;
    QLabel *m_firstSteps = nullptr; // shown until the first rehearsal
    QPointer<GuideDialog> m_guide;
    QPointer<SuppressionDialog> m_suppressionDialog;
    // Bounces (issue 16): the mailbox watched while a campaign sends and for a while after.
    BounceWatchController *m_bounceWatch = nullptr;
    QPointer<BouncesDialog> m_bouncesDialog;
    QLabel *m_bounceWatchLabel = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    RecentFiles *m_recentFiles = nullptr;
    RecoveryStore m_recovery;
    QTimer m_autosaveTimer;
    QString m_untitledId;  // the recovery key of an untitled document
    QString m_recoveryKey; // the key the current recovery copy was written under
    bool m_changedSinceAutosave = false;
    // What to do once the stopping run has finished (close the window, open a campaign...).
    std::function<void()> m_afterSendStops;
    QPointer<QProgressDialog> m_stoppingDialog;
    // The file openFile() is reading, and the number of its read: a read that ends after it was
    // cancelled or overtaken finds another number and is dropped.
    QString m_openingPath;
    quint64 m_openingNumber = 0;
    // Until the dialog shows, the window swallows the user's input (what the dialog's modality
    // does from then on).
    std::unique_ptr<InputBlocker> m_openingInputBlocker;
    QTimer m_openingDialogTimer;
    QPointer<QProgressDialog> m_openingDialog;
    bool m_wasActiveBeforeOpening = false; // set as the dialog shows: the keys come back after
    // The journal of the campaign being put in place, as the opening read it: showResumeState()
    // takes it instead of reading the journal on the window's thread.
    std::optional<Result<ResumeState>> m_resumeStateRead;
    // The run's wait for a final-dot reply: how long stopping can take at most.
    std::chrono::seconds m_runFinalDotTimeout{0};
    // The account of the OAuth2 run under way: what a sign-in in the middle of it must match.
    OAuthSettings m_runOAuth;
    QString m_runAddress;
};

} // namespace Bulkmail
