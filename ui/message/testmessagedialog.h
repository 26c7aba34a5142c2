#pragma once

#include "oauth/accesstokensource.h"

#include "campaign/campaign.h"
#include "runner/campaignprogress.h"
#include "runner/enginethread.h"

#include <QDialog>

#include <QList>
#include <QPointer>
#include <QString>
#include <memory>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace Bulkmail {

class CampaignRunner;
class NoticeLabel;
struct ConnectionEvent;

// Sends ONE message of the campaign to an address the user types, through the real account,
// merged with the values of a chosen recipient and with "[Test] " before the subject. It runs the
// core engine on its own thread (the GUI never waits for the network), without a send journal,
// and reports the server's answer or the reason it failed in plain words.
class TestMessageDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestMessageDialog)

public:
    TestMessageDialog(const Campaign &campaign, const QString &password, QWidget *parent = nullptr);

    // For an account that signs in with OAuth2: where the access tokens come from (the password
    // is then unused). Created without a parent in this thread; each send lends it to the engine.
    void setTokenSource(std::shared_ptr<AccessTokenSource> tokens) { m_tokens = std::move(tokens); }
    ~TestMessageDialog() override;

    // Whose values are merged (a row of campaign.recipients); the first by default.
    void setMergeRecipient(int row);
    [[nodiscard]] int mergeRecipient() const;

    void setAddress(const QString &address);
    [[nodiscard]] QString address() const;

    [[nodiscard]] bool isSending() const { return !m_runner.isNull(); }

    // Starts sending (what the Send button does). An invalid address, a missing server or a
    // send already under way end at once with finished(false, why).
    void send();

    // The campaign that goes out: only `row`'s recipient (or an empty one) with `address` as its
    // email, "[Test] " before the subject, one connection, one attempt, no rate limit.
    // Closing while a message is on its way cancels it (what was in flight may still arrive).
    void reject() override;

    [[nodiscard]] static Campaign makeTestCampaign(const Campaign &campaign,
                                                   int row,
                                                   const QString &address);

Q_SIGNALS:
    // ok: the server accepted the message. details: what the dialog shows, e.g. "The server
    // accepted the test message for me@example.org: 250 OK". (Hides QDialog::finished(int) from
    // name lookup; connect to that one as &QDialog::finished.)
    void finished(bool ok, const QString &details);

private:
    void updateSummary();
    void setSending(bool sending);
    void finish(bool ok, const QString &details);
    void onConnectionEvents(const QList<Bulkmail::ConnectionEvent> &events);
    void onRecipientResults(const QList<Bulkmail::RecipientResult> &results);
    void onRunFinished(const Bulkmail::CampaignSummary &summary);

    Campaign m_campaign;
    QString m_password;
    std::shared_ptr<AccessTokenSource> m_tokens;
    QString m_sentTo;
    EngineThread m_engine;
    QPointer<CampaignRunner> m_runner;
    std::optional<RecipientResult> m_lastResult;

    QLineEdit *m_address = nullptr;
    NoticeLabel *m_addressError = nullptr;
    QComboBox *m_recipient = nullptr;
    QLabel *m_summary = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_send = nullptr;
};

} // namespace Bulkmail
