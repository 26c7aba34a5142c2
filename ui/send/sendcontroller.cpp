#include "sendcontroller.h"

#include "replaceabletokensource.h"

#include <spdlog/spdlog.h>

namespace Bulkmail {

SendController::SendController(QObject *parent)
    : QObject(parent)
    , m_engine(startEngineThread())
{}

SendController::~SendController()
{
    if (m_runner) {
        if (isActive())
            m_runner->cancel();
        // The runner lives in the engine thread: delete it there, before the thread ends.
        m_runner->deleteLater();
    }
    m_engine.reset(); // quits the thread's event loop, which runs the deferred deletion first
}

void SendController::start(const CampaignPlan &plan, QList<quint64> recipientIds, SendMode mode)
{
    if (isActive())
        return;
    m_mode = mode;
    if (m_runner)
        m_runner->deleteLater();
    m_summary.reset();
    m_recipientIds = std::move(recipientIds);
    m_waitingForSignIn = false;
    m_signInReason.clear();
    CampaignPlan runPlan = plan;
    m_tokens.reset();
    if (runPlan.tokens) {
        m_tokens = std::make_shared<ReplaceableTokenSource>(runPlan.tokens);
        runPlan.tokens = m_tokens;
    }
    m_progress = CampaignProgress{};
    m_progress.total = static_cast<int>(plan.campaign.recipients.size());
    m_progress.remaining = m_progress.total;

    CampaignRunner *runner = createRunnerIn(m_engine);
    m_runner = runner;
    connect(runner, &CampaignRunner::recipientResults, this, &SendController::recipientResults);
    connect(runner, &CampaignRunner::connectionEvents, this, &SendController::connectionEvents);
    connect(runner, &CampaignRunner::progress, this, [this](const CampaignProgress &progress) {
        m_progress = progress;
        // A batch from before resumeAfterSignIn() may still say "waiting": the resume decides.
        const bool stale = progress.waitingForSignIn && !m_waitingForSignIn;
        if ((m_state == State::Running || m_state == State::Paused) && !stale)
            setState(progress.paused ? State::Paused : State::Running);
        Q_EMIT this->progress(progress);
    });
    connect(runner, &CampaignRunner::signInRequired, this, [this](const QString &reason) {
        if (m_state != State::Running && m_state != State::Paused)
            return;
        m_waitingForSignIn = true;
        m_signInReason = reason;
        setState(State::Paused);
        Q_EMIT signInRequired(reason);
    });
    connect(runner, &CampaignRunner::finished, this, [this](const CampaignSummary &summary) {
        m_summary = summary;
        m_waitingForSignIn = false;
        setState(State::Finished);
        Q_EMIT finished(summary);
    });
    setState(State::Running);
    runner->start(runPlan); // thread-safe: queues the start in the engine thread
}

void SendController::pause()
{
    if (m_runner && m_state == State::Running) {
        m_runner->pause();
        setState(State::Paused);
    }
}

bool SendController::resumeAfterSignIn(std::shared_ptr<AccessTokenSource> source)
{
    if (!m_runner || !m_waitingForSignIn || m_state != State::Paused)
        return false;
    if (source && m_tokens)
        m_tokens->replaceSource(std::move(source)); // queued before the resume below
    m_waitingForSignIn = false;
    m_signInReason.clear();
    m_runner->resume();
    setState(State::Running);
    return true;
}

void SendController::resume()
{
    if (m_runner && m_state == State::Paused) {
        m_waitingForSignIn = false;
        m_signInReason.clear();
        m_runner->resume();
        setState(State::Running);
    }
}

void SendController::cancel()
{
    if (m_runner && (m_state == State::Running || m_state == State::Paused)) {
        m_runner->cancel();
        m_waitingForSignIn = false;
        setState(State::Stopping);
    }
}

void SendController::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace Bulkmail
