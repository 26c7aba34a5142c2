#pragma once

#include "resumestate.h"
#include "runner/campaignprogress.h"
#include "sendcontroller.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QPersistentModelIndex>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QGroupBox;
class QProgressBar;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QTableWidget;

namespace Bulkmail {

// Watching a campaign go out: Start, Pause/Resume, Cancel and Retry failed; a progress bar and
// counters (sent, failed, retrying, remaining, rate, ETA); why sending is held back, counting
// down; the failures with the server's code and text; and, when an earlier run left a journal,
// what it sent and which recipients are unconfirmed, for the user to resend or mark as sent.
//
// It shows and asks; the window decides (checks, confirmation, password) and starts the
// controller, so the view stays testable without dialogs.
class SendView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendView)

public:
    explicit SendView(SendController *controller, QWidget *parent = nullptr);
    ~SendView() override;

    // What an earlier run left (empty: never sent). Also clears the failures of a previous run.
    void setResumeState(const ResumeState &state);
    [[nodiscard]] const ResumeState &resumeState() const { return m_resume; }
    // How many recipients a send would send to (valid, not duplicates): what Remaining counts
    // down from, so that it agrees with the summary.
    void setTotal(int sendable);
    // Another document (new, opened, imported): the last run's numbers go, Remaining starts at
    // `sendable`.
    void resetForDocument(int sendable);

    // The unconfirmed recipients the user chose to mark as sent (the rest are resent).
    [[nodiscard]] QList<int> recipientsToMarkSent() const;

    // Rehearsal: the campaign goes to the built-in sandbox, which captures and never delivers.
    [[nodiscard]] bool isRehearsal() const;
    void setRehearsal(bool rehearsal);

    [[nodiscard]] QString statusText() const;
    // "&Start Rehearsal…" or "&Start Sending…": the main action's words wherever it is.
    [[nodiscard]] static QString startText(SendMode mode);
    // "Rehearsed: 36 messages captured in the Outbox, nothing delivered."
    [[nodiscard]] static QString rehearsalResult(const CampaignSummary &summary);
    // The copies in the account's Sent folder after a run: "Copies in Sent: 36 copied, 2 already
    // there." and what was not copied and why (empty when the campaign makes no copies).
    [[nodiscard]] static QString sentCopiesText(const SentCopySummary &copies);
    // Why the run stopped, in the user's language (empty if it did not stop on its own).
    [[nodiscard]] static QString stopReason(const CampaignSummary &summary);
    // Why the engine stopped, in the user's words and language (core keeps the English for the
    // log and the CLI).
    [[nodiscard]] static QString engineReasonText(const EngineReason &reason);
    // "could not connect: …", from the last failed attempt's note.
    [[nodiscard]] static QString unreachableText(const CloseNote &lastAttempt,
                                                 const QString &english = {});
    [[nodiscard]] QString holdText() const;
    [[nodiscard]] int failureCount() const;
    // One sentence per recipient in the failures and delays list, in its order:
    // "user7@example.com deferred by the recipient's server, retry at 10:42".
    [[nodiscard]] QStringList problemTexts() const;

    // The words, for the view and its tests. Why sending waits now, `remainingMs` before the
    // next message may start (empty: it does not wait, or nothing worth saying).
    [[nodiscard]] static QString holdSentence(const CampaignProgress &progress, qint64 remainingMs);
    // What happened to a recipient, reported at `reportedAt`, when it is a problem to show
    // ("deferred by the recipient's server, retry at 10:42"); empty otherwise.
    [[nodiscard]] static QString problemPhrase(const RecipientResult &result,
                                               const QDateTime &reportedAt);
    // The problem's "answer" cell: the server's words, or what the engine said in their stead
    // (RecipientResult::note) in the user's language.
    [[nodiscard]] static QString answerText(const RecipientResult &result);
    // "12 a minute", "3 a second".
    [[nodiscard]] static QString rateText(double perSecond);
    // Whether "Sign In Again…" is offered (the run waits for a sign-in).
    [[nodiscard]] bool isOfferingSignIn() const;

Q_SIGNALS:
    void startRequested(bool retryFailed);
    void rehearsalChanged(bool rehearsal);
    // "Sign In Again…": the window runs the sign-in, then SendController::resumeAfterSignIn().
    void signInRequested();

private:
    void onStateChanged(SendController::State state);
    void onProgress(const CampaignProgress &progress);
    void onResults(const QList<RecipientResult> &results);
    void onFinished(const CampaignSummary &summary);
    void onSignInRequired(const QString &reason);
    void updateHold();
    void updateButtons();
    void showCounters(const CampaignProgress &progress);
    void showModeWords(SendMode mode);
    void resetCounters();
    void showTotal();
    void showProblem(const RecipientResult &result, const QDateTime &reportedAt);
    void clearProblems();
    void setUnconfirmedChoice(bool markSent, bool selectedOnly);

    SendController *m_controller;
    ResumeState m_resume;
    QPushButton *m_start;
    QPushButton *m_pause;
    QPushButton *m_cancel;
    QPushButton *m_retry;
    QPushButton *m_signInAgain;
    QCheckBox *m_rehearse;
    QLabel *m_status;
    QProgressBar *m_progressBar;
    QLabel *m_sentLabel;
    QLabel *m_sent;
    QLabel *m_failed;
    QLabel *m_retrying;
    QLabel *m_remaining;
    QLabel *m_rate;
    QLabel *m_eta;
    QLabel *m_hold;
    QGroupBox *m_resumeBox;
    QLabel *m_resumeText;
    QTableWidget *m_unconfirmed;
    QTableView *m_failures;
    QStandardItemModel *m_failureModel;
    // The row of each recipient (by its index in the plan) in m_failureModel.
    QHash<int, QPersistentModelIndex> m_problemRows;
    QTimer m_holdTimer;
    QElapsedTimer m_holdSince;
    CampaignProgress m_lastProgress;
    int m_sendable = 0;
    SendController::State m_lastState = SendController::State::Idle;
};

} // namespace Bulkmail
