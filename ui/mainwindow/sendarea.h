#pragma once

#include "campaign/campaign.h"
#include "campaign/campaigncheck.h"
#include "models/sendmode.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace Bulkmail {

// The bottom of the window: what will happen when the campaign is sent, and what stands in the
// way. It runs the same checklist as `bulkmail-cli check` (checkCampaign) in the background,
// shortly after the last edit, so that a 100,000-row list never blocks typing.
class SendArea final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendArea)

public:
    explicit SendArea(QWidget *parent = nullptr);
    ~SendArea() override;

    // Checks this campaign soon (edits in quick succession are checked once).
    void scheduleCheck(const Campaign &campaign);
    [[nodiscard]] bool isChecking() const;
    [[nodiscard]] const CampaignCheck &lastCheck() const { return m_lastCheck; }
    [[nodiscard]] QString summaryText() const;
    // Whether a start would rehearse: the summary then says where the messages go instead.
    void setMode(SendMode mode);
    // What the summary says of the copies in Sent: "Copies go to the Sent folder of
    // imap.example.com." (empty when the campaign makes none).
    [[nodiscard]] static QString sentCopiesSentence(const MailboxSettings &mailbox);
    // "3 addresses on the account's suppression list will be skipped (2 bounced for good, 1
    // unsubscribed)."
    [[nodiscard]] static QString suppressedSentence(const CampaignCheck &check);

Q_SIGNALS:
    void testMessageRequested();
    void checkFinished();
    // The user followed a checklist line's link to one recipient.
    void recipientActivated(int recipientRow);
    // The user followed a checklist line's link to the setting to fix: whoever owns the
    // editors shows that field and gives it the focus.
    void fieldFocusRequested(Bulkmail::CampaignCheckItem::Field field);

private:
    void startCheck();
    void showCheck(const CampaignCheck &check);
    void addChecklistLine(const QIcon &icon, const QString &accessibleText, const QString &html);
    void followLink(const QString &link);

    QLabel *m_summary;
    QScrollArea *m_checklistArea;
    QWidget *m_checklist;
    QVBoxLayout *m_checklistLayout;
    QPushButton *m_testButton;
    QTimer m_debounce;
    QFutureWatcher<CampaignCheck> m_watcher;
    Campaign m_pending;
    bool m_hasPending = false;
    CampaignCheck m_lastCheck;
    bool m_hasCheck = false;
    SendMode m_mode = SendMode::Deliver;
    QString m_account;    // "smtp.example.org as user@example.org", for the summary
    QString m_sentCopies; // sentCopiesSentence() of the campaign checked
};

} // namespace Bulkmail
