#pragma once

#include "campaign/campaign.h"
#include "common/result.h"
#include "feedback/campaignfeedback.h"

#include <QDialog>

#include <memory>

class QLabel;
class QPushButton;
class QTableView;

namespace Bulkmail {

class SuppressionList;

class FeedbackListModel;

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
    // (`suppressionListPath` when given, tests; else the account's) shows as done.
    void setCampaign(const Campaign &campaign,
                     const QList<FeedbackEvent> &unsubscribeRequests,
                     const QString &suppressionListPath = {});
    // A watch's batch.
    void addFeedback(const QList<Bulkmail::FeedbackEvent> &events);
    // "Watching the mailbox for bounces until 14:30", or empty.
    void setWatchingText(const QString &text);

    // Puts the selected requests (all waiting ones when none is selected) on the account's
    // suppression list: the list at `suppressionListPath` when given (tests), else the
    // account's. Returns how many were added.
    int suppressSelectedRequests(const QString &suppressionListPath = {});

    [[nodiscard]] FeedbackListModel *bounces() const { return m_bounces; }
    [[nodiscard]] FeedbackListModel *requests() const { return m_requests; }
    [[nodiscard]] QString statusText() const;

private:
    void updateSummary();
    [[nodiscard]] Result<std::unique_ptr<SuppressionList>> openSuppressionList(
        const QString &path) const;

    Campaign m_campaign;
    FeedbackListModel *m_bounces = nullptr;
    FeedbackListModel *m_requests = nullptr;
    QTableView *m_bounceView = nullptr;
    QTableView *m_requestView = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_watching = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_suppressButton = nullptr;
};

} // namespace Bulkmail
