#pragma once

#include "delivery/connectionevent.h"
#include "models/sendmode.h"
#include "runner/campaignprogress.h"
#include "runner/campaignrunner.h"
#include "runner/enginethread.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace Bulkmail {

class ReplaceableTokenSource;

// Runs campaigns for the window: one CampaignRunner at a time on the engine thread, its signals
// arriving here queued (the runner already coalesces them to at most 20 batches a second), and the
// state the buttons need. The GUI thread never waits for the engine, except when the controller
// is destroyed mid-send (then it cancels and lets the thread finish what is in flight).
//
// OAuth2: a plan's token source is wrapped in a ReplaceableTokenSource. When the run needs the
// user to sign in again (signInRequired()), it is paused with nothing marked failed; after the
// sign-in, resumeAfterSignIn() hands the run a source with the new refresh token and resumes.
class SendController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendController)

public:
    enum class State { Idle, Running, Paused, Stopping, Finished };
    Q_ENUM(State)

    explicit SendController(QObject *parent = nullptr);
    ~SendController() override;

    // `recipientIds`: the identity of each plan recipient (plan.campaign.recipients[i] is the row
    // with id recipientIds[i], RecipientTableModel::rowIds()), kept with the run so that its
    // results, which name a recipient by its index in the plan, can be mapped back to rows.
    // `mode`: whether the plan delivers or rehearses (the plan already says where it goes); the
    // views word the run by it.
    void start(const Bulkmail::CampaignPlan &plan,
               QList<quint64> recipientIds = {},
               SendMode mode = SendMode::Deliver);
    void pause();
    void resume();
    void cancel();
    // After signInRequired(): `source` (created without a parent in this thread, e.g. an
    // OAuth2TokenSource with the new sign-in's tokens) replaces the run's token source, then the
    // run resumes. Null `source`: resume with the source the run has. False when no run waits for
    // a sign-in.
    bool resumeAfterSignIn(std::shared_ptr<AccessTokenSource> source);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool isActive() const
    {
        return m_state == State::Running || m_state == State::Paused || m_state == State::Stopping;
    }
    [[nodiscard]] bool isWaitingForSignIn() const { return m_waitingForSignIn; }
    // Why the run waits for a sign-in (the token source's words), while it does.
    [[nodiscard]] QString signInReason() const { return m_signInReason; }
    [[nodiscard]] const CampaignProgress &lastProgress() const { return m_progress; }
    // The identities start() was given for the run under way (or the last one).
    [[nodiscard]] const QList<quint64> &recipientIds() const { return m_recipientIds; }
    // What the run under way (or the last one) does.
    [[nodiscard]] SendMode mode() const { return m_mode; }
    [[nodiscard]] const std::optional<CampaignSummary> &lastSummary() const { return m_summary; }

Q_SIGNALS:
    void stateChanged(Bulkmail::SendController::State state);
    void recipientResults(const QList<Bulkmail::RecipientResult> &results);
    void connectionEvents(const QList<Bulkmail::ConnectionEvent> &events);
    void progress(const Bulkmail::CampaignProgress &progress);
    // The run is paused until the user signs in again (CampaignRunner::signInRequired()).
    void signInRequired(const QString &reason);
    void finished(const Bulkmail::CampaignSummary &summary);

private:
    void setState(State state);

    EngineThread m_engine;
    QPointer<CampaignRunner> m_runner;
    State m_state = State::Idle;
    CampaignProgress m_progress;
    std::optional<CampaignSummary> m_summary;
    QList<quint64> m_recipientIds;
    SendMode m_mode = SendMode::Deliver;
    // The run's token source (GUI thread between runs, engine thread while one runs); kept here so
    // that it is deleted in the GUI thread, never by the runner in the engine thread.
    std::shared_ptr<ReplaceableTokenSource> m_tokens;
    bool m_waitingForSignIn = false;
    QString m_signInReason;
};

} // namespace Bulkmail
