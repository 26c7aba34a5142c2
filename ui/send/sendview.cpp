#include "sendview.h"

#include "models/closenotewords.h"
#include "models/enginenotewords.h"
#include "widgets/accessiblenames.h"
#include "widgets/sentences.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Bulkmail {

namespace {

enum UnconfirmedColumn { RecipientColumn, WhenColumn, ReasonColumn, DecisionColumn };
enum ProblemColumn { ProblemRecipient, ProblemWhat, ProblemCode, ProblemAnswer, ProblemAttempts };
constexpr int ProblemStatusRole = Qt::UserRole + 1;

QString durationText(qint64 seconds)
{
    if (seconds < 60)
        return SendView::tr("%n s", nullptr, static_cast<int>(seconds));
    if (seconds < 3600 && seconds % 60 == 0)
        return SendView::tr("%n min", nullptr, static_cast<int>(seconds / 60));
    if (seconds < 3600)
        return SendView::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return SendView::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

QLabel *counterLabel(QWidget *parent)
{
    auto *label = new QLabel(QStringLiteral("0"), parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

// What the counters show while nothing runs, where a number would mean nothing.
QString notRunningText()
{
    return SendView::tr("—", "no rate or time left: nothing is being sent");
}

} // namespace

SendView::SendView(SendController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_start(new QPushButton(tr("&Start Sending…"), this))
    , m_pause(new QPushButton(tr("&Pause"), this))
    , m_cancel(new QPushButton(tr("Cance&l"), this))
    , m_retry(new QPushButton(tr("Retry &Failed"), this))
    , m_signInAgain(new QPushButton(tr("Sign &In Again…"), this))
    , m_rehearse(new QCheckBox(tr("Re&hearse: send to the built-in sandbox, deliver nothing"), this))
    , m_status(new QLabel(this))
    , m_progressBar(new QProgressBar(this))
    , m_sentLabel(new QLabel(this))
    , m_sent(counterLabel(this))
    , m_failed(counterLabel(this))
    , m_retrying(counterLabel(this))
    , m_remaining(counterLabel(this))
    , m_rate(counterLabel(this))
    , m_eta(counterLabel(this))
    , m_hold(new QLabel(this))
    , m_resumeBox(new QGroupBox(tr("Earlier Sending"), this))
    , m_resumeText(new QLabel(m_resumeBox))
    , m_unconfirmed(new QTableWidget(0, 4, m_resumeBox))
    , m_failures(new QTableView(this))
    , m_failureModel(new QStandardItemModel(0, 5, this))
{
    m_start->setToolTip(tr("Check the campaign, confirm, and send it"));
    m_pause->setToolTip(tr("Finish the messages on their way, then wait"));
    m_cancel->setToolTip(tr("Finish the messages on their way and stop; the rest can be sent "
                            "later without sending anyone twice"));
    m_retry->setToolTip(tr("Send again to the recipients that failed"));
    m_signInAgain->setObjectName(QStringLiteral("signInAgainButton"));
    m_signInAgain->setToolTip(tr("Sign in to the account in your browser; sending then goes on "
                                 "where it stopped"));
    m_signInAgain->hide();
    m_rehearse->setToolTip(tr("Sends every message to a mail server inside Bulkmail that keeps "
                              "them for you to look at (Outbox), so you can check the campaign and "
                              "watch the connections before sending it for real"));
    connect(m_rehearse, &QCheckBox::toggled, this, [this](bool on) {
        m_start->setText(startText(on ? SendMode::Rehearse : SendMode::Deliver));
        m_start->setToolTip(on ? tr("Check the campaign, confirm, and rehearse it in the "
                                    "sandbox: nothing is delivered")
                               : tr("Check the campaign, confirm, and send it"));
        if (!m_controller->isActive()) {
            // The last run's numbers belong to its mode: "Sent: 36" after a rehearsal would
            // claim a delivery.
            showModeWords(on ? SendMode::Rehearse : SendMode::Deliver);
            resetCounters();
        }
        Q_EMIT rehearsalChanged(on);
    });
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Sending status"));
    m_progressBar->setAccessibleName(tr("Sending progress"));
    m_progressBar->setRange(0, 1);
    m_progressBar->setValue(0);
    m_hold->setWordWrap(true);
    m_hold->setAccessibleName(tr("Why sending waits"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_retry);
    buttons->addStretch(1);
    buttons->addWidget(m_rehearse);

    auto *counters = new QFormLayout;
    counters->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *left = new QFormLayout;
    auto *right = new QFormLayout;
    m_sentLabel->setBuddy(m_sent);
    left->addRow(m_sentLabel, m_sent);
    left->addRow(tr("Failed:"), m_failed);
    left->addRow(tr("Waiting to retry:"), m_retrying);
    right->addRow(tr("Remaining:"), m_remaining);
    right->addRow(tr("Rate:"), m_rate);
    right->addRow(tr("Time left:"), m_eta);
    auto *counterRow = new QHBoxLayout;
    counterRow->addLayout(left);
    counterRow->addLayout(right);
    counterRow->addStretch(1);
    delete counters;

    m_unconfirmed->setHorizontalHeaderLabels(
        {tr("Recipient"), tr("When"), tr("What happened"), tr("Decision")});
    m_unconfirmed->horizontalHeader()->setSectionResizeMode(ReasonColumn, QHeaderView::Stretch);
    m_unconfirmed->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_unconfirmed->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_unconfirmed->setAccessibleName(tr("Unconfirmed recipients"));
    m_unconfirmed->verticalHeader()->hide();
    auto *resendAll = new QPushButton(tr("&Resend All"), m_resumeBox);
    resendAll->setToolTip(tr("Send these messages again: a recipient may get it twice"));
    auto *markAll = new QPushButton(tr("&Mark All as Sent"), m_resumeBox);
    markAll->setToolTip(tr("Assume they arrived: nobody gets it twice, but one may miss it"));
    auto *resendSelected = new QPushButton(tr("Resend Selected"), m_resumeBox);
    auto *markSelected = new QPushButton(tr("Mark Selected as Sent"), m_resumeBox);
    connect(resendAll, &QPushButton::clicked, this, [this] { setUnconfirmedChoice(false, false); });
    connect(markAll, &QPushButton::clicked, this, [this] { setUnconfirmedChoice(true, false); });
    connect(resendSelected, &QPushButton::clicked, this, [this] {
        setUnconfirmedChoice(false, true);
    });
    connect(markSelected, &QPushButton::clicked, this, [this] { setUnconfirmedChoice(true, true); });
    auto *choiceRow = new QHBoxLayout;
    choiceRow->addWidget(resendAll);
    choiceRow->addWidget(markAll);
    choiceRow->addWidget(resendSelected);
    choiceRow->addWidget(markSelected);
    choiceRow->addStretch(1);
    m_resumeText->setWordWrap(true);
    auto *resumeLayout = new QVBoxLayout(m_resumeBox);
    resumeLayout->addWidget(m_resumeText);
    resumeLayout->addWidget(m_unconfirmed);
    resumeLayout->addLayout(choiceRow);
    m_resumeBox->hide();

    m_failureModel->setHorizontalHeaderLabels(
        {tr("Recipient"), tr("What happened"), tr("Code"), tr("Server's answer"), tr("Attempts")});
    m_failures->setModel(m_failureModel);
    m_failures->horizontalHeader()->setSectionResizeMode(ProblemAnswer, QHeaderView::Stretch);
    m_failures->verticalHeader()->hide();
    m_failures->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_failures->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_failures->setAccessibleName(tr("Failures and delays"));
    auto *failuresLabel = new QLabel(tr("F&ailures and delays:"), this);
    failuresLabel->setBuddy(m_failures);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_signInAgain, 0, Qt::AlignTop);
    layout->addLayout(statusRow);
    layout->addWidget(m_progressBar);
    layout->addLayout(counterRow);
    layout->addWidget(m_hold);
    layout->addWidget(m_resumeBox);
    layout->addWidget(failuresLabel);
    layout->addWidget(m_failures, 1);

    connect(m_start, &QPushButton::clicked, this, [this] { Q_EMIT startRequested(false); });
    connect(m_retry, &QPushButton::clicked, this, [this] { Q_EMIT startRequested(true); });
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_controller->state() == SendController::State::Paused)
            m_controller->resume();
        else
            m_controller->pause();
    });
    connect(m_cancel, &QPushButton::clicked, m_controller, &SendController::cancel);
    connect(m_controller, &SendController::stateChanged, this, &SendView::onStateChanged);
    connect(m_controller, &SendController::progress, this, &SendView::onProgress);
    connect(m_controller, &SendController::recipientResults, this, &SendView::onResults);
    connect(m_controller, &SendController::finished, this, &SendView::onFinished);
    connect(m_controller, &SendController::signInRequired, this, &SendView::onSignInRequired);
    connect(m_signInAgain, &QPushButton::clicked, this, &SendView::signInRequested);

    m_holdTimer.setInterval(1000);
    connect(&m_holdTimer, &QTimer::timeout, this, &SendView::updateHold);
    showValue(m_status, tr("Not sent yet."));
    showModeWords(SendMode::Deliver);
    resetCounters();
    updateButtons();
}

QString SendView::startText(SendMode mode)
{
    return mode == SendMode::Rehearse ? tr("&Start Rehearsal…") : tr("&Start Sending…");
}

void SendView::showModeWords(SendMode mode)
{
    m_sentLabel->setText(mode == SendMode::Rehearse ? tr("Captured in the Outbox:") : tr("Sent:"));
    // A label's accessible name replaces its text: name each value after its label, and let
    // the value be its description, so a screen reader says "Sent, 36", not "Sent" or "36".
    for (QLabel *value : {m_sent, m_failed, m_retrying, m_remaining, m_rate, m_eta})
        value->setAccessibleName({});
    nameControlsAfterTheirLabels(this);
    for (QLabel *value : {m_sent, m_failed, m_retrying, m_remaining, m_rate, m_eta})
        value->setAccessibleDescription(value->text());
}

void SendView::resetCounters()
{
    const QLocale locale;
    m_lastProgress = CampaignProgress{};
    m_holdTimer.stop();
    showValue(m_hold, {});
    m_hold->hide();
    showValue(m_sent, locale.toString(m_resume.sent));
    showValue(m_failed, locale.toString(m_resume.failed));
    showValue(m_retrying, locale.toString(0));
    showValue(m_rate, notRunningText());
    showValue(m_eta, notRunningText());
    m_progressBar->setFormat(QStringLiteral("%p%"));
    m_progressBar->setValue(m_progressBar->minimum());
    showTotal();
}

void SendView::showTotal()
{
    // The same number the summary says will receive the message, less what went out before.
    const int remaining = std::max(0, m_sendable - m_resume.sent - m_resume.failed);
    m_progressBar->setRange(0, std::max(m_sendable, 1));
    m_progressBar->setValue(std::min(m_sendable, m_resume.sent + m_resume.failed));
    showValue(m_remaining, QLocale().toString(remaining));
}

SendView::~SendView() = default;

void SendView::setTotal(int sendable)
{
    m_sendable = sendable;
    if (!m_controller->isActive())
        showTotal();
}

void SendView::resetForDocument(int sendable)
{
    m_sendable = sendable;
    if (!m_controller->isActive())
        resetCounters();
}

void SendView::setResumeState(const ResumeState &state)
{
    m_resume = state;
    clearProblems();
    for (const RecipientResult &result : state.results) {
        if (result.status == RecipientResult::Status::Failed)
            showProblem(result, state.lastActivity);
    }
    m_unconfirmed->setRowCount(0);
    const QLocale locale;
    for (const UnconfirmedRecipient &recipient : state.unconfirmed) {
        const int row = m_unconfirmed->rowCount();
        m_unconfirmed->insertRow(row);
        auto *email = new QTableWidgetItem(recipient.email);
        email->setData(Qt::UserRole, recipient.index);
        m_unconfirmed->setItem(row, RecipientColumn, email);
        m_unconfirmed->setItem(row,
                               WhenColumn,
                               new QTableWidgetItem(locale.toString(recipient.time.toLocalTime(),
                                                                    QLocale::ShortFormat)));
        m_unconfirmed->setItem(row, ReasonColumn, new QTableWidgetItem(recipient.reason));
        auto *decision = new QTableWidgetItem(tr("Resend"));
        decision->setData(Qt::UserRole, false); // false: resend, true: mark as sent
        m_unconfirmed->setItem(row, DecisionColumn, decision);
    }
    if (state.isEmpty()) {
        m_resumeBox->hide();
        showValue(m_status, tr("Not sent yet."));
    } else {
        QStringList sentences;
        sentences.append(
            state.lastActivity.isValid()
                ? tr("An earlier run sent %Ln message(s), the last on %1.", nullptr, state.sent)
                      .arg(locale.toString(state.lastActivity.toLocalTime(), QLocale::ShortFormat))
                : tr("An earlier run sent %Ln message(s).", nullptr, state.sent));
        if (state.failed > 0)
            sentences.append(tr("%Ln failed.", nullptr, state.failed));
        sentences.append(tr("Start continues with the rest; nobody who got the message receives "
                            "it twice."));
        if (!state.unconfirmed.isEmpty())
            sentences.append(tr("For %Ln recipient(s) below the server never confirmed delivery: "
                                "choose whether to resend or to count them as sent.",
                                nullptr,
                                static_cast<int>(state.unconfirmed.size())));
        const QString text = joinSentences(sentences);
        m_resumeText->setText(text);
        m_unconfirmed->setVisible(!state.unconfirmed.isEmpty());
        m_resumeBox->show();
        showValue(m_status,
                  tr("Partly sent: %1 of the list already received it.")
                      .arg(locale.toString(state.sent)));
    }
    if (!m_controller->isActive())
        resetCounters();
    updateButtons();
}

QList<int> SendView::recipientsToMarkSent() const
{
    QList<int> indexes;
    for (int row = 0; row < m_unconfirmed->rowCount(); ++row) {
        if (m_unconfirmed->item(row, DecisionColumn)->data(Qt::UserRole).toBool())
            indexes.append(m_unconfirmed->item(row, RecipientColumn)->data(Qt::UserRole).toInt());
    }
    return indexes;
}

void SendView::setUnconfirmedChoice(bool markSent, bool selectedOnly)
{
    for (int row = 0; row < m_unconfirmed->rowCount(); ++row) {
        if (selectedOnly && !m_unconfirmed->selectionModel()->isRowSelected(row, {}))
            continue;
        QTableWidgetItem *decision = m_unconfirmed->item(row, DecisionColumn);
        decision->setData(Qt::UserRole, markSent);
        decision->setText(markSent ? tr("Mark as sent") : tr("Resend"));
    }
}

bool SendView::isRehearsal() const
{
    return m_rehearse->isChecked();
}

void SendView::setRehearsal(bool rehearsal)
{
    m_rehearse->setChecked(rehearsal);
}

QString SendView::statusText() const
{
    return m_status->text();
}

QString SendView::holdText() const
{
    return m_hold->text();
}

int SendView::failureCount() const
{
    int count = 0;
    for (int row = 0; row < m_failureModel->rowCount(); ++row) {
        if (m_failureModel->item(row, ProblemRecipient)->data(ProblemStatusRole).toInt()
            == static_cast<int>(RecipientResult::Status::Failed))
            ++count;
    }
    return count;
}

QStringList SendView::problemTexts() const
{
    QStringList texts;
    for (int row = 0; row < m_failureModel->rowCount(); ++row)
        texts.append(
            m_failureModel->item(row, ProblemRecipient)->data(Qt::AccessibleTextRole).toString());
    return texts;
}

QString SendView::rateText(double perSecond)
{
    const QLocale locale;
    const double perMinute = perSecond * 60;
    if (perMinute < 119.5)
        return tr("%1 a minute").arg(locale.toString(std::max(1, qRound(perMinute))));
    return tr("%1 a second").arg(locale.toString(qRound(perSecond)));
}

QString SendView::problemPhrase(const RecipientResult &result, const QDateTime &reportedAt)
{
    using Status = RecipientResult::Status;
    switch (result.status) {
    case Status::Failed:
        return tr("failed");
    case Status::Retrying: {
        // Only a recipient deferred to a time of its own; one requeued at once, or waiting for
        // the server as a whole, is explained by the line about the wait.
        if (result.retryInSeconds <= 0)
            return {};
        const QDateTime at = reportedAt.addSecs(result.retryInSeconds);
        const QLocale locale;
        const QString when = at.date() == reportedAt.date()
                                 ? locale.toString(at.time(), QLocale::ShortFormat)
                                 : locale.toString(at, QLocale::ShortFormat);
        return tr("deferred by the recipient's server, retry at %1").arg(when);
    }
    case Status::Held:
        return tr("held: the connection was lost before the server confirmed the message, and "
                  "the campaign says not to resend it; decide whether to resend it");
    case Status::Unconfirmed:
        return tr("not confirmed: the connection was lost before the server's reply, so the "
                  "message may have arrived");
    case Status::Sent:
    case Status::Throttled:
    case Status::Skipped:
        return {};
    }
    return {};
}

QString SendView::answerText(const RecipientResult &result)
{
    // The server's own words, without the retry time the problem's phrase already says.
    if (result.note == RecipientResult::Note::NextAttempt)
        return result.serverText;
    const QString words = EngineNoteWords::details(result);
    // A note standing alone starts the cell: "The message could not be composed: …".
    if (result.serverText.isEmpty() && result.note != RecipientResult::Note::None)
        return words.left(1).toUpper() + words.mid(1);
    return words;
}

void SendView::clearProblems()
{
    m_failureModel->removeRows(0, m_failureModel->rowCount());
    m_problemRows.clear();
}

void SendView::showProblem(const RecipientResult &result, const QDateTime &reportedAt)
{
    using Status = RecipientResult::Status;
    const QPersistentModelIndex existing = m_problemRows.value(result.recipientIndex);
    if (result.status == Status::Sent || result.status == Status::Skipped) {
        // Delivered after all: no longer a problem.
        if (existing.isValid())
            m_failureModel->removeRow(existing.row());
        m_problemRows.remove(result.recipientIndex);
        return;
    }
    const QString phrase = problemPhrase(result, reportedAt);
    if (phrase.isEmpty())
        return; // nothing new to say: an earlier line about this recipient stays
    const QString answer = answerText(result);
    const QString what = phrase.left(1).toUpper() + phrase.mid(1);
    const QStringList cells{result.email,
                            what,
                            result.code > 0 ? QString::number(result.code) : QString(),
                            answer,
                            QString::number(result.attempt)};
    int row = existing.isValid() ? existing.row() : -1;
    if (row < 0) {
        QList<QStandardItem *> items;
        for (const QString &cell : cells)
            items.append(new QStandardItem(cell));
        m_failureModel->appendRow(items);
        row = m_failureModel->rowCount() - 1;
        m_problemRows.insert(result.recipientIndex,
                             QPersistentModelIndex(m_failureModel->index(row, ProblemRecipient)));
    } else {
        for (int column = 0; column < cells.size(); ++column)
            m_failureModel->item(row, column)->setText(cells.at(column));
    }
    QStandardItem *recipient = m_failureModel->item(row, ProblemRecipient);
    recipient->setData(result.recipientIndex, Qt::UserRole);
    recipient->setData(static_cast<int>(result.status), ProblemStatusRole);
    // What a screen reader says, and what the list means, in one sentence.
    recipient->setData(tr("%1 %2").arg(result.email, phrase), Qt::AccessibleTextRole);
}

void SendView::onStateChanged(SendController::State state)
{
    switch (state) {
    case SendController::State::Running:
        showValue(m_status,
                  m_controller->mode() == SendMode::Rehearse
                      ? tr("Rehearsing: the messages go to the Sandbox Outbox; nothing "
                           "is delivered…")
                      : tr("Sending…"));
        if (m_lastState != SendController::State::Paused) {
            clearProblems(); // a new run; a resumed one keeps its list
            showModeWords(m_controller->mode());
        }
        m_resumeBox->hide();
        break;
    case SendController::State::Paused:
        if (m_controller->isWaitingForSignIn())
            showValue(m_status, tr("Sign-in needed: %1").arg(m_controller->signInReason()));
        else
            showValue(m_status,
                      tr("Paused: the messages on their way were finished. Resume to go on."));
        break;
    case SendController::State::Stopping:
        showValue(m_status, tr("Stopping after the messages on their way…"));
        break;
    case SendController::State::Idle:
    case SendController::State::Finished:
        break;
    }
    if (state != SendController::State::Running)
        m_holdTimer.stop();
    m_lastState = state;
    updateButtons();
}

void SendView::onSignInRequired(const QString &reason)
{
    showValue(m_status, tr("Sign-in needed: %1").arg(reason));
    m_hold->hide();
    updateButtons();
    m_signInAgain->setFocus();
}

bool SendView::isOfferingSignIn() const
{
    return m_signInAgain->isVisibleTo(this);
}

void SendView::updateButtons()
{
    const SendController::State state = m_controller->state();
    const bool active = m_controller->isActive();
    m_start->setEnabled(!active);
    m_rehearse->setEnabled(!active);
    m_pause->setEnabled(state == SendController::State::Running
                        || state == SendController::State::Paused);
    m_pause->setText(state == SendController::State::Paused ? tr("&Resume") : tr("&Pause"));
    m_cancel->setEnabled(state == SendController::State::Running
                         || state == SendController::State::Paused);
    const bool hasFailures = failureCount() > 0 || m_resume.failed > 0;
    m_retry->setEnabled(!active && hasFailures);
    const bool waitingForSignIn = state == SendController::State::Paused
                                  && m_controller->isWaitingForSignIn();
    m_signInAgain->setVisible(waitingForSignIn);
    // Resume would only ask the same revoked sign-in again: sign in instead.
    if (waitingForSignIn)
        m_pause->setEnabled(false);
}

void SendView::showCounters(const CampaignProgress &progress)
{
    const QLocale locale;
    m_progressBar->setRange(0, std::max(progress.total, 1));
    m_progressBar->setValue(progress.total - progress.remaining);
    m_progressBar->setFormat(tr("%p% (%1 of %2 done)")
                                 .arg(locale.toString(progress.total - progress.remaining),
                                      locale.toString(progress.total)));
    showValue(m_sent, locale.toString(progress.sent));
    showValue(m_failed, locale.toString(progress.failed));
    showValue(m_retrying, locale.toString(progress.retrying));
    showValue(m_remaining, locale.toString(progress.remaining));
    showValue(m_rate, tr("%1 a second").arg(locale.toString(progress.messagesPerSecond, 'f', 1)));
    if (progress.remaining == 0)
        showValue(m_eta, notRunningText()); // nothing left: no "0 s"
    else
        showValue(m_eta,
                  progress.etaSeconds ? durationText(static_cast<qint64>(*progress.etaSeconds))
                                      : tr("unknown"));
}

void SendView::onProgress(const CampaignProgress &progress)
{
    m_lastProgress = progress;
    m_holdSince.start();
    showCounters(progress);
    updateHold();
    if (progress.hold != HoldReason::None && progress.holdRemainingMs > 1000)
        m_holdTimer.start();
    else
        m_holdTimer.stop();
}

void SendView::updateHold()
{
    const qint64 remainingMs = std::max<qint64>(0,
                                                m_lastProgress.holdRemainingMs
                                                    - (m_holdSince.isValid() ? m_holdSince.elapsed()
                                                                             : 0));
    const QString text = m_controller->state() == SendController::State::Running
                             ? holdSentence(m_lastProgress, remainingMs)
                             : QString();
    showValue(m_hold, text);
    m_hold->setVisible(!text.isEmpty());
}

QString SendView::holdSentence(const CampaignProgress &progress, qint64 remainingMs)
{
    const QString wait = durationText((remainingMs + 999) / 1000);
    const QString slowed = progress.slowedToPerSecond > 0
                               ? tr("Slowed down to %1: the server asked.")
                                     .arg(rateText(progress.slowedToPerSecond))
                               : QString();
    if (progress.hold == HoldReason::ServerUnavailable) {
        // No connection could be made: the last attempt's failure from its code.
        const QString detail = progress.holdUnreachable.hasCode()
                                   ? unreachableText(progress.holdUnreachable)
                                   : progress.holdDetail;
        return detail.isEmpty()
                   ? tr("Paused: the server is unavailable. Next try in %1.").arg(wait)
                   : tr("Paused: the server is unavailable (%1). Next try in %2.").arg(detail, wait);
    }
    if (progress.hold == HoldReason::PerDay) {
        const QDateTime resumeAt = QDateTime::currentDateTime().addMSecs(remainingMs);
        return tr("The daily quota is reached: sending continues at %1 if Bulkmail stays open, "
                  "or resume then.")
            .arg(QLocale().toString(resumeAt, QLocale::ShortFormat));
    }
    if (progress.hold == HoldReason::PerMinute)
        return tr("The limit per minute is reached: next message in %1.").arg(wait);
    if (progress.hold == HoldReason::Throttled) {
        return slowed.isEmpty()
                   ? tr("The server asked to slow down: next message in %1.").arg(wait)
                   : slowed + sentenceSeparator() + tr("Next message in %1.").arg(wait);
    }
    if (!slowed.isEmpty())
        return slowed;
    if (progress.hold == HoldReason::Delay && remainingMs >= 1000)
        return tr("Pause between messages: next message in %1.").arg(wait);
    if (progress.hold == HoldReason::PerSecond && remainingMs >= 1000)
        return tr("Rate limit: next message in %1.").arg(wait);
    if (progress.remaining > 0 && progress.retrying == progress.remaining) {
        return tr("Waiting to retry %Ln recipient(s) after a temporary failure.",
                  nullptr,
                  progress.retrying);
    }
    return {};
}

void SendView::onResults(const QList<RecipientResult> &results)
{
    const QDateTime now = QDateTime::currentDateTime();
    for (const RecipientResult &result : results)
        showProblem(result, now);
    updateButtons();
}

QString SendView::stopReason(const CampaignSummary &summary)
{
    if (summary.lockedBy && summary.lockedBy->isThisProcess())
        return tr("This campaign is already being sent from another window.");
    if (summary.lockedBy) {
        // One run per campaign: the core's sentence is English; this one names the other run.
        return tr("This campaign is already being sent by another Bulkmail (%1, process %2 on "
                  "%3). Wait for that run to finish, or stop it, then send again.")
            .arg(summary.lockedBy->application,
                 QString::number(summary.lockedBy->pid),
                 summary.lockedBy->hostname);
    }
    // A summary made without a code (by hand, or by an older engine) still says why.
    if (summary.stopReason.isEmpty())
        return summary.fatalError;
    return engineReasonText(summary.stopReason);
}

QString SendView::engineReasonText(const EngineReason &reason)
{
    const auto argument = [&reason](qsizetype i) { return reason.arguments.value(i); };
    const auto minutes = [&argument] { return QLocale().toString(argument(0).toLongLong()); };
    switch (reason.code) {
    case EngineReason::Code::None:
        return {};
    case EngineReason::Code::Other:
        // Words without a code: the reply classifier's are already in the user's language.
        return reason.english;
    case EngineReason::Code::SiteDownTooLong:
        return tr("The server has not been taking mail for longer than the campaign waits (%1 "
                  "min); the rest was not sent. Its last answer: %2")
            .arg(minutes(), argument(1));
    case EngineReason::Code::SiteUnreachableTooLong: {
        // After the minutes and the last attempt's English: its CloseNote, when it has one.
        const CloseNote last = CloseNote::unpacked(reason.arguments, 2);
        return tr("The server could not be reached for longer than the campaign waits (%1 min); "
                  "the rest was not sent. The last attempt: %2")
            .arg(minutes(), last.hasCode() ? unreachableText(last, argument(1)) : argument(1));
    }
    case EngineReason::Code::QuotaExhausted:
        return tr("The account's sending quota is used up (%1). Nothing was marked failed; send "
                  "the rest later.")
            .arg(argument(0));
    case EngineReason::Code::JournalWriteFailed:
        return tr("The send journal could not be written (%1), so sending stopped: without it a "
                  "later run could send someone the message twice.")
            .arg(argument(0));
    case EngineReason::Code::JournalNotMovedAside:
        return tr("Nothing was sent: the old send journal %1 could not be moved aside to start "
                  "afresh.")
            .arg(argument(0));
    case EngineReason::Code::JournalUnreadable:
        return tr("Nothing was sent: the send journal %1 cannot be read (%2).")
            .arg(argument(0), argument(1));
    case EngineReason::Code::JournalUnwritable:
        return tr("Nothing was sent: the send journal %1 cannot be written (%2), so the campaign "
                  "could not be resumed safely.")
            .arg(argument(0), argument(1));
    case EngineReason::Code::PersonalFilesUnresolved: {
        // After the count and the first one's English: its note's code and arguments.
        const QString first = EngineNoteWords::note(static_cast<DeliveryNote>(argument(2).toInt()),
                                                    reason.arguments.mid(3));
        if (first.isEmpty())
            return tr("Nothing was sent: %n recipient(s) have a personal attachment that is "
                      "missing or ambiguous. Fix the files, or let the campaign send the others "
                      "and hold these.",
                      nullptr,
                      argument(0).toInt());
        return tr("Nothing was sent: %n recipient(s) have a personal attachment that is missing "
                  "or ambiguous (the first: %1). Fix the files, or let the campaign send the "
                  "others and hold these.",
                  nullptr,
                  argument(0).toInt())
            .arg(first);
    }
    case EngineReason::Code::SuppressionListUnreadable:
        return tr("Nothing was sent: the suppression list could not be read, so addresses that "
                  "asked not to be mailed could not be left out (%1).")
            .arg(argument(0));
    case EngineReason::Code::ConnectionRefused:
        return CloseNoteWords::text(CloseNote::unpacked(reason.arguments), reason.english);
    case EngineReason::Code::ConnectFailedRepeatedly: {
        const CloseNote last = CloseNote::unpacked(reason.arguments, 3);
        return tr("Could not connect to %1 %n time(s) in a row; the last attempt: %2",
                  nullptr,
                  argument(1).toInt())
            .arg(argument(0),
                 last.hasCode() ? CloseNoteWords::text(last, argument(2)) : argument(2));
    }
    case EngineReason::Code::UnknownCopyField: {
        const QString field = argument(0) == u"bcc" ? tr("Bcc") : tr("Cc");
        return tr("Nothing was sent: the %1 field uses {{%2}}, which is not a column of the "
                  "recipient list. Correct it in the message, or add the column.")
            .arg(field, argument(1));
    }
    }
    return reason.english;
}

QString SendView::unreachableText(const CloseNote &lastAttempt, const QString &english)
{
    return tr("could not connect: %1").arg(CloseNoteWords::text(lastAttempt, english));
}

QString SendView::rehearsalResult(const CampaignSummary &summary)
{
    const QString captured = tr("%Ln message(s) captured in the Outbox", nullptr, summary.sent);
    if (summary.cancelled)
        return tr("Rehearsal cancelled: %1, %2 not rehearsed; nothing delivered.")
            .arg(captured, QLocale().toString(summary.notSent));
    if (summary.failed > 0)
        return tr("Rehearsed: %1, %2 failed (see below); nothing delivered.")
            .arg(captured, QLocale().toString(summary.failed));
    return tr("Rehearsed: %1, nothing delivered.").arg(captured);
}

QString SendView::sentCopiesText(const SentCopySummary &copies)
{
    if (!copies.enabled)
        return {};
    const QLocale locale;
    // The folder's own name once the server told it ("Sent Items", "已发送").
    const QString folder = copies.mailbox.isEmpty() ? tr("Sent") : copies.mailbox;
    QString text = tr("Copies in %1: %2 copied, %3 already there.")
                       .arg(folder,
                            locale.toString(copies.copied),
                            locale.toString(copies.alreadyThere));
    if (copies.failed == 0)
        return text;
    // Core reports the first failure as a code with its arguments (its English is the log's).
    const QString problem = EngineNoteWords::sentCopyProblem(copies.problemNote, copies.problem);
    const QString why = problem.isEmpty() ? tr("no reason was given") : problem;
    const QString notCopied = locale.toString(copies.failed);
    if (copies.keptForLater >= copies.failed)
        text += sentenceSeparator()
                + tr("%1 not copied yet (%2), kept for the next run.").arg(notCopied, why);
    else if (copies.keptForLater > 0)
        text += sentenceSeparator()
                + tr("%1 not copied (%2); %3 of them kept for the next run.")
                      .arg(notCopied, why, locale.toString(copies.keptForLater));
    else
        text += sentenceSeparator() + tr("%1 not copied (%2).").arg(notCopied, why);
    return text;
}

void SendView::onFinished(const CampaignSummary &summary)
{
    // A deferred recipient's retry time means nothing once the run is over: it is counted as
    // not sent, and the next start sends it.
    for (int row = m_failureModel->rowCount() - 1; row >= 0; --row) {
        QStandardItem *recipient = m_failureModel->item(row, ProblemRecipient);
        if (recipient->data(ProblemStatusRole).toInt()
            == static_cast<int>(RecipientResult::Status::Retrying)) {
            m_problemRows.remove(recipient->data(Qt::UserRole).toInt());
            m_failureModel->removeRow(row);
        }
    }
    const QLocale locale;
    QString text;
    const bool rehearsal = m_controller->mode() == SendMode::Rehearse;
    if (!summary.fatalError.isEmpty())
        text = tr("Stopped: %1").arg(stopReason(summary));
    else if (rehearsal)
        text = rehearsalResult(summary);
    else if (summary.cancelled)
        text = tr("Cancelled: %1 sent, %2 not sent yet. Start again to send the rest.")
                   .arg(locale.toString(summary.sent), locale.toString(summary.notSent));
    else if (summary.isComplete())
        text = tr("Done: every recipient got the message (%1 now, %2 earlier).")
                   .arg(locale.toString(summary.sent), locale.toString(summary.previouslySent));
    else
        text = tr("Finished: %1 sent, %2 failed. Check the failures below.")
                   .arg(locale.toString(summary.sent), locale.toString(summary.failed));
    if (summary.unconfirmed > 0)
        text += sentenceSeparator()
                + tr("%Ln delivery(ies) could not be confirmed and may have arrived twice.",
                     nullptr,
                     summary.unconfirmed);
    if (summary.held > 0)
        text += sentenceSeparator()
                + tr("%Ln message(s) held and not resent: the server never confirmed them, and "
                     "the campaign says to hold such messages.",
                     nullptr,
                     summary.held);
    if (const QString copies = sentCopiesText(summary.sentCopies); !copies.isEmpty())
        text += sentenceSeparator() + copies;
    if (summary.connections > 0)
        text += sentenceSeparator() + tr("%Ln connection(s) used.", nullptr, summary.connections);
    if (!summary.journalError.isEmpty())
        text += sentenceSeparator()
                + tr("The send journal could not be saved (%1): if you send this campaign "
                     "again, the last messages may be held or sent twice.")
                      .arg(summary.journalError);
    if (!summary.journalDamage.isEmpty())
        text += sentenceSeparator()
                + tr("The send journal was damaged and has been repaired: %1")
                      .arg(summary.journalDamage.join(QStringLiteral("; ")));
    showValue(m_status, text);
    m_hold->hide();
    updateButtons();
}

} // namespace Bulkmail
