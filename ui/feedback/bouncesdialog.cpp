#include "bouncesdialog.h"

#include "feedback/suppressionlist.h"
#include "feedback/unsubscriberequest.h"
#include "feedbacklistmodel.h"
#include "journal/sendjournal.h"
#include "models/errorwords.h"
#include "widgets/accessiblenames.h"
#include "widgets/focusshelter.h"
#include "widgets/sentences.h"
#include "widgets/serialjobs.h"

#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <utility>

namespace Bulkmail {

namespace {

QTableView *makeTable(FeedbackListModel *model, const QString &name, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setAccessibleName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

// Whether `events` holds the same report or request as `event` (a watch's copy of what the
// journal already has).
bool isListed(const QList<FeedbackEvent> &events, const FeedbackEvent &event)
{
    return std::any_of(events.cbegin(), events.cend(), [&event](const FeedbackEvent &kept) {
        return kept.kind == event.kind && kept.messageId == event.messageId
               && kept.email == event.email && kept.status == event.status;
    });
}

} // namespace

// What a read of the journal and the suppression list found (on a worker thread).
struct BouncesDialog::Feedback
{
    QList<FeedbackEvent> bounces;
    QList<FeedbackEvent> requests;
    QList<int> suppressedRequests; // rows of `requests` already on the suppression list
    QString error;                 // the journal could not be read
};

// What suppressSelectedRequests()'s job did (on the worker thread).
struct BouncesDialog::Suppressed
{
    QList<FeedbackEvent> added; // the requests now on the list
    QString error;              // why the rest are not
};

BouncesDialog::BouncesDialog(QWidget *parent)
    : QDialog(parent)
    , m_bounces(new FeedbackListModel(FeedbackListModel::Contents::Bounces, this))
    , m_requests(new FeedbackListModel(FeedbackListModel::Contents::UnsubscribeRequests, this))
{
    setObjectName(QStringLiteral("bouncesDialog"));
    resize(820, 520);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_watching = new QLabel(this);
    m_watching->setAccessibleName(tr("Mailbox watch"));
    m_bounceView = makeTable(m_bounces, tr("Bounces"), this);
    m_requestView = makeTable(m_requests, tr("Unsubscribe requests"), this);
    auto *requestsLabel = new QLabel(tr("&Unsubscribe requests waiting for you:"), this);
    requestsLabel->setBuddy(m_requestView);
    auto *bouncesLabel = new QLabel(tr("&Bounces:"), this);
    bouncesLabel->setBuddy(m_bounceView);
    m_suppressButton = new QPushButton(tr("&Add to Suppression List"), this);
    m_suppressButton->setToolTip(tr("Never mail the selected people again from this account (all "
                                    "waiting requests when none is selected)."));
    m_status = new QLabel(this);
    m_status->setAccessibleName(tr("Bounces status"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_suppressButton, &QPushButton::clicked, this, [this] { suppressSelectedRequests(); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_watching);
    layout->addWidget(bouncesLabel);
    layout->addWidget(m_bounceView, 3);
    layout->addWidget(requestsLabel);
    layout->addWidget(m_requestView, 1);
    layout->addWidget(m_suppressButton, 0, Qt::AlignLeft);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    setWatchingText(QString());
    // The button's job disables it: the focus waits on the requests meanwhile.
    m_focus = std::make_unique<FocusShelter>(m_requestView);
    updateSummary();
}

BouncesDialog::~BouncesDialog() = default;

void BouncesDialog::setCampaign(const Campaign &campaign,
                                const QList<FeedbackEvent> &unsubscribeRequests,
                                const QString &suppressionListPath)
{
    m_campaign = campaign;
    setWindowTitle(campaign.name.isEmpty() ? tr("Bounces")
                                           : tr("Bounces of “%1”").arg(campaign.name));
    m_status->clear();
    m_bounces->setEvents({});
    m_requests->setEvents({});
    m_arrivedWhileReading.clear();
    delete m_reading; // a read for what was shown before: its result is not wanted
    auto *watcher = new QFutureWatcher<Feedback>(this);
    m_reading = watcher;
    updateSummary();
    connect(watcher, &QFutureWatcher<Feedback>::finished, this, [this, watcher] {
        m_reading = nullptr;
        watcher->deleteLater();
        showFeedback(watcher->result());
        Q_EMIT readFinished();
    });
    const QString journalPath = campaign.filePath.isEmpty()
                                    ? QString()
                                    : SendJournal::pathFor(campaign.filePath);
    const QString listPath = suppressionListFile(suppressionListPath);
    watcher->setFuture(QtConcurrent::run([journalPath, listPath, unsubscribeRequests] {
        Feedback found;
        if (!journalPath.isEmpty()) {
            const Result<QList<JournalEntry>> entries = readJournalEntries(journalPath);
            if (entries) {
                found.bounces = bouncesFromJournal(*entries);
                found.requests = unsubscribeRequestsFromJournal(*entries);
            } else {
                found.error = ErrorWords::of(entries.error());
            }
        }
        // A running watch's requests are in the journal too: each once.
        for (const FeedbackEvent &request : unsubscribeRequests) {
            if (!isListed(found.requests, request))
                found.requests.append(request);
        }
        // Confirmed earlier (here, or by hand in the suppression list): shown as done.
        if (found.requests.isEmpty())
            return found;
        const Result<std::unique_ptr<SuppressionList>> list = SuppressionList::open(listPath);
        if (!list)
            return found;
        for (int row = 0; row < found.requests.size(); ++row) {
            const Result<bool> listed = (*list)->contains(found.requests.at(row).email);
            if (listed && *listed)
                found.suppressedRequests.append(row);
        }
        return found;
    }));
}

void BouncesDialog::showFeedback(const Feedback &feedback)
{
    if (!feedback.error.isEmpty())
        showValue(m_status, feedback.error);
    m_bounces->setEvents(feedback.bounces);
    m_requests->setEvents(feedback.requests);
    for (const int row : feedback.suppressedRequests)
        m_requests->markSuppressed(row);
    markSuppressed(std::exchange(m_suppressedWhileReading, {}));
    QList<FeedbackEvent> arrived = std::exchange(m_arrivedWhileReading, {});
    // A batch the watch wrote to the journal before the read got there is in both.
    arrived.removeIf([&feedback](const FeedbackEvent &event) {
        return isListed(feedback.bounces, event) || isListed(feedback.requests, event);
    });
    addFeedback(arrived);
}

QString BouncesDialog::suppressionListFile(const QString &path) const
{
    return path.isEmpty()
               ? SuppressionList::pathForAccount(m_campaign.server.host, m_campaign.server.username)
               : path;
}

void BouncesDialog::addFeedback(const QList<FeedbackEvent> &events)
{
    if (isReading()) {
        m_arrivedWhileReading += events;
        return;
    }
    m_bounces->addEvents(events);
    m_requests->addEvents(events);
    updateSummary();
}

void BouncesDialog::setWatchingText(const QString &text)
{
    showValue(m_watching, text);
    m_watching->setVisible(!text.isEmpty());
}

bool BouncesDialog::suppressSelectedRequests(const QString &suppressionListPath)
{
    if (isReading() || m_suppressing)
        return false; // the requests are not known yet, or are being written
    QList<int> rows;
    for (const QModelIndex &index : m_requestView->selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty()) {
        for (int row = 0; row < m_requests->rowCount(); ++row)
            rows.append(row);
    }
    QList<FeedbackEvent> waiting;
    for (const int row : std::as_const(rows)) {
        if (!m_requests->eventAt(row).suppressed)
            waiting.append(m_requests->eventAt(row));
    }
    if (waiting.isEmpty())
        return false;
    m_focus->take({m_suppressButton});
    m_suppressing = true;
    showValue(m_status,
              tr("Adding %n address(es) to the suppression list…", nullptr, int(waiting.size())));
    updateSummary();
    SerialJobs::run(
        this,
        [path = suppressionListFile(suppressionListPath), campaign = m_campaign.name, waiting] {
            Suppressed suppressed;
            Result<std::unique_ptr<SuppressionList>> list = SuppressionList::open(path);
            if (!list) {
                suppressed.error = ErrorWords::of(list.error());
                return suppressed;
            }
            for (const FeedbackEvent &event : waiting) {
                UnsubscribeRequest request;
                request.address = event.email;
                request.messageId = event.messageId;
                request.date = event.time;
                if (Result<void> done = (*list)->addUnsubscribe(request, campaign); !done) {
                    suppressed.error = ErrorWords::of(done.error());
                    break;
                }
                suppressed.added.append(event);
            }
            return suppressed;
        },
        [this](const Suppressed &suppressed) { showSuppressed(suppressed); });
    return true;
}

void BouncesDialog::showSuppressed(const Suppressed &suppressed)
{
    m_suppressing = false;
    // During a new read, the rows are not there yet (and the read may have missed the entries).
    if (isReading())
        m_suppressedWhileReading += suppressed.added;
    else
        markSuppressed(suppressed.added);
    const auto added = int(suppressed.added.size());
    showValue(m_status,
              joinSentences(
                  {added > 0 ? tr("%n address(es) added to the suppression list.", nullptr, added)
                             : QString(),
                   suppressed.error}));
    updateSummary();
    m_focus->giveBack();
    Q_EMIT requestsSuppressed(added);
}

void BouncesDialog::markSuppressed(const QList<FeedbackEvent> &done)
{
    for (int row = 0; row < m_requests->rowCount(); ++row) {
        if (!m_requests->eventAt(row).suppressed && isListed(done, m_requests->eventAt(row)))
            m_requests->markSuppressed(row);
    }
}

QString BouncesDialog::statusText() const
{
    return m_status->text();
}

QString BouncesDialog::summaryText() const
{
    return m_summary->text();
}

void BouncesDialog::updateSummary()
{
    int hard = 0;
    for (int row = 0; row < m_bounces->rowCount(); ++row)
        hard += m_bounces->eventAt(row).severity == u"hard" ? 1 : 0;
    const int soft = m_bounces->rowCount() - hard;
    int waiting = 0;
    for (int row = 0; row < m_requests->rowCount(); ++row)
        waiting += m_requests->eventAt(row).suppressed ? 0 : 1;
    if (isReading()) {
        showValue(m_summary, tr("Reading the campaign’s bounces…"));
        m_suppressButton->setEnabled(false);
        return;
    }
    showValue(m_summary,
              tr("%n bounce(s): %1 hard (never mailed again from this account), %2 soft "
                 "(a full mailbox, a delay). %3 unsubscribe request(s) waiting.",
                 nullptr,
                 m_bounces->rowCount())
                  .arg(hard)
                  .arg(soft)
                  .arg(waiting));
    m_suppressButton->setEnabled(waiting > 0 && !m_suppressing);
}

} // namespace Bulkmail
