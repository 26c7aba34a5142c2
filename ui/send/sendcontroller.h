#pragma once

#include "delivery/connectionevent.h"
#include "runner/campaignprogress.h"
#include "runner/campaignrunner.h"
#include "runner/enginethread.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace Bulkmail {

// Runs campaigns for the window: one CampaignRunner at a time on the engine thread, its signals
// arriving here queued (the runner already coalesces them to at most 20 batches a second), and the
// state the buttons need. The GUI thread never waits for the engine, except when the controller
// is destroyed mid-send (then it cancels and lets the thread finish what is in flight).
class SendController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendController)

public:
    enum class State { Idle, Running, Paused, Stopping, Finished };
    Q_ENUM(State)

    explicit SendController(QObject *parent = nullptr);
    ~SendController() override;

    void start(const Bulkmail::CampaignPlan &plan);
    void pause();
    void resume();
    void cancel();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool isActive() const
    {
        return m_state == State::Running || m_state == State::Paused || m_state == State::Stopping;
    }
    [[nodiscard]] const CampaignProgress &lastProgress() const { return m_progress; }
    [[nodiscard]] const std::optional<CampaignSummary> &lastSummary() const { return m_summary; }

Q_SIGNALS:
    void stateChanged(Bulkmail::SendController::State state);
    void recipientResults(const QList<Bulkmail::RecipientResult> &results);
    void connectionEvents(const QList<Bulkmail::ConnectionEvent> &events);
    void progress(const Bulkmail::CampaignProgress &progress);
    void finished(const Bulkmail::CampaignSummary &summary);

private:
    void setState(State state);

    EngineThread m_engine;
    QPointer<CampaignRunner> m_runner;
    State m_state = State::Idle;
    CampaignProgress m_progress;
    std::optional<CampaignSummary> m_summary;
};

} // namespace Bulkmail
