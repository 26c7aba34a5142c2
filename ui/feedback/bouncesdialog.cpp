#include "bouncesdialog.h"

#include "feedback/suppressionlist.h"
#include "feedback/unsubscriberequest.h"
#include "feedbacklistmodel.h"
#include "journal/sendjournal.h"
#include "widgets/accessiblenames.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

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

} // namespace

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
    QList<FeedbackEvent> bounces;
    QList<FeedbackEvent> requests;
    m_status->clear();
    if (!campaign.filePath.isEmpty()) {
        const Result<QList<JournalEntry>> entries = readJournalEntries(
            SendJournal::pathFor(campaign.filePath));
        if (entries) {
            bounces = bouncesFromJournal(*entries);
            requests = unsubscribeRequestsFromJournal(*entries);
        } else {
            showValue(m_status, entries.error().message);
        }
    }
    // A running watch's requests are in the journal too: each once.
    for (const FeedbackEvent &request : unsubscribeRequests) {
        const bool known = std::any_of(requests.cbegin(),
                                       requests.cend(),
                                       [&request](const FeedbackEvent &kept) {
                                           return kept.messageId == request.messageId
                                                  && kept.email == request.email;
                                       });
        if (!known)
            requests.append(request);
    }
    m_bounces->setEvents(bounces);
    m_requests->setEvents(requests);
    // Confirmed earlier (here, or by hand in the suppression list): shown as done.
    if (!requests.isEmpty()) {
        if (Result<std::unique_ptr<SuppressionList>> list = openSuppressionList(suppressionListPath);
            list) {
            for (int row = 0; row < m_requests->rowCount(); ++row) {
                const Result<bool> listed = (*list)->contains(m_requests->eventAt(row).email);
                if (listed && *listed)
                    m_requests->markSuppressed(row);
            }
        }
    }
    updateSummary();
}

Result<std::unique_ptr<SuppressionList>> BouncesDialog::openSuppressionList(const QString &path) const
{
    return path.isEmpty()
               ? SuppressionList::openForAccount(m_campaign.server.host, m_campaign.server.username)
               : SuppressionList::open(path);
}

void BouncesDialog::addFeedback(const QList<FeedbackEvent> &events)
{
    m_bounces->addEvents(events);
    m_requests->addEvents(events);
    updateSummary();
}

void BouncesDialog::setWatchingText(const QString &text)
{
    showValue(m_watching, text);
    m_watching->setVisible(!text.isEmpty());
}

int BouncesDialog::suppressSelectedRequests(const QString &suppressionListPath)
{
    QList<int> rows;
    for (const QModelIndex &index : m_requestView->selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty()) {
        for (int row = 0; row < m_requests->rowCount(); ++row)
            rows.append(row);
    }
    Result<std::unique_ptr<SuppressionList>> list = openSuppressionList(suppressionListPath);
    if (!list) {
        showValue(m_status, list.error().message);
        return 0;
    }
    int added = 0;
    for (const int row : std::as_const(rows)) {
        const FeedbackEvent &event = m_requests->eventAt(row);
        if (event.suppressed)
            continue;
        UnsubscribeRequest request;
        request.address = event.email;
        request.messageId = event.messageId;
        request.date = event.time;
        if (Result<void> done = (*list)->addUnsubscribe(request, m_campaign.name); !done) {
            showValue(m_status, done.error().message);
            break;
        }
        m_requests->markSuppressed(row);
        ++added;
    }
    if (added > 0)
        showValue(m_status, tr("%n address(es) added to the suppression list.", nullptr, added));
    updateSummary();
    return added;
}

QString BouncesDialog::statusText() const
{
    return m_status->text();
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
    showValue(m_summary,
              tr("%n bounce(s): %1 hard (never mailed again from this account), %2 soft "
                 "(a full mailbox, a delay). %3 unsubscribe request(s) waiting.",
                 nullptr,
                 m_bounces->rowCount())
                  .arg(hard)
                  .arg(soft)
                  .arg(waiting));
    m_suppressButton->setEnabled(waiting > 0);
}

} // namespace Bulkmail
