#pragma once

#include "campaign/campaign.h"
#include "feedback/campaignfeedback.h"

#include <QDialog>

#include <memory>

class QLabel;
class QPushButton;
class QTableView;

namespace Bulkmail {

class FeedbackListModel;
class FocusShelter;

// Campaign → Bounces: what came back from the mailbox for one campaign. Its bounces (from its
// journal, where the watch and `bulkmail-cli bounces` record them, and live from a watch under
// way), each with the address, hard or soft, when, the report's words and the server that
// refused it; and the unsubscribe requests that wait for the user, with "Add to Suppression
// List" to confirm them (a campaign that says autoSuppressUnsubscribes never asks).
class BouncesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BouncesDialog)

public:
    explicit BouncesDialog(QWidget *parent = nullptr);
    ~BouncesDialog() override;

    // Shows `campaign`'s bounces and waiting unsubscribe requests from its journal, with the
    // requests given (a running watch's); a request whose address is on the suppression list
    // (`suppressionListPath` when given, tests; else the account's) shows as done. The journal
    // (a long campaign's runs to many megabytes) and the list (SQLite, which may wait for another
    // writer) are read off the GUI thread: the dialog says "Reading…" until readFinished().
    void setCampaign(const Campaign &campaign,
                     const QList<FeedbackEvent> &unsubscribeRequests,
                     const QString &suppressionListPath = {});
    // A watch's batch (kept until the read ends when it comes during one; never listed twice).
    void addFeedback(const QList<Bulkmail::FeedbackEvent> &events);
    // Whether the journal and the suppression list are being read.
    [[nodiscard]] bool isReading() const { return m_reading != nullptr; }
    // "Watching the mailbox for bounces until 14:30", or empty.
    void setWatchingText(const QString &text);

    // Puts the selected requests (all waiting ones when none is selected) on the account's
    // suppression list: the list at `suppressionListPath` when given (tests), else the
    // account's. A job on SerialJobs writes them (SQLite may wait for another writer); the rows
    // show as done when requestsSuppressed() says so. Returns whether it started (not during a
    // read or another such job, nor with no request waiting).
    bool suppressSelectedRequests(const QString &suppressionListPath = {});
    // Whether the job that suppressSelectedRequests() started is under way.
    [[nodiscard]] bool isSuppressing() const { return m_suppressing; }

    [[nodiscard]] FeedbackListModel *bounces() const { return m_bounces; }
    [[nodiscard]] FeedbackListModel *requests() const { return m_requests; }
    [[nodiscard]] QString statusText() const;
    // The line above the lists: how many bounces and requests, or that they are being read.
    [[nodiscard]] QString summaryText() const;

Q_SIGNALS:
    // The read that setCampaign() started has ended, and the lists show its result.
    void readFinished();
    // The job that suppressSelectedRequests() started has ended: `added` requests are on the
    // list now, and show as done.
    void requestsSuppressed(int added);

private:
    struct Feedback;
    struct Suppressed;
    void showFeedback(const Feedback &feedback);
    void showSuppressed(const Suppressed &suppressed);
    // Shows the requests in `done` (by address and message) as on the suppression list.
    void markSuppressed(const QList<FeedbackEvent> &done);
    void updateSummary();
    // `path` when given (tests), else the account's suppression list.
    [[nodiscard]] QString suppressionListFile(const QString &path) const;

    Campaign m_campaign;
    // The read under way (null: none); a new setCampaign() or the dialog's end drops it, and its
    // result with it (the read itself holds only copies, and ends on its own).
    QObject *m_reading = nullptr;
    QList<FeedbackEvent> m_arrivedWhileReading;    // a watch's batches, applied after the read
    bool m_suppressing = false;                    // suppressSelectedRequests()'s job is under way
    QList<FeedbackEvent> m_suppressedWhileReading; // its result, marked after the read
    FeedbackListModel *m_bounces = nullptr;
    FeedbackListModel *m_requests = nullptr;
    QTableView *m_bounceView = nullptr;
    QTableView *m_requestView = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_watching = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_suppressButton = nullptr;
    std::unique_ptr<FocusShelter> m_focus;
};

} // namespace Bulkmail
