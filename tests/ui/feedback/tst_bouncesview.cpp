// Bounces in the window, offscreen: a campaign whose journal has "bounced" lines (as a watch or
#include "../openandwait.h"
// `bulkmail-cli bounces` writes them) shows "Bounced (hard)" or "(soft)" on those rows, with the
// report's status and words in the tooltip and for a screen reader; a watch's live batch reaches
// the row with the address even when the list moved; Send → Bounces lists each bounce (address,
// hard or soft, when, words) and the unsubscribe requests waiting, which "Add to Suppression
// List" puts on the account's list. The models are under QAbstractItemModelTester.

#include "feedback/bouncesdialog.h"
#include "feedback/bouncewatchcontroller.h"
#include "feedback/feedbacklistmodel.h"
#include "mainwindow/mainwindow.h"
#include "models/recipienttablemodel.h"

#include "common/clock.h"
#include "document/campaigndocument.h"
#include "document/campaignfile.h"
#include "feedback/suppressionlist.h"
#include "journal/sendjournal.h"
#include "testresult.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace Bulkmail;

namespace {

const QString AnnasWords = QStringLiteral(
    "550 5.1.1 <ann@example.org>: Recipient address rejected: User unknown in virtual mailbox "
    "table");

Campaign sampleCampaign()
{
    Campaign campaign = CampaignDocument::blankCampaign();
    campaign.name = QStringLiteral("Spring newsletter");
    campaign.server.host = QStringLiteral("127.0.0.1");
    campaign.server.port = 2525;
    campaign.server.security = SecurityMode::None;
    campaign.message.from = QStringLiteral("News <news@example.org>");
    campaign.message.subject = QStringLiteral("Hello");
    campaign.message.text = QStringLiteral("Hello");
    campaign.recipients = {Recipient{QStringLiteral("ann@example.org"), QStringLiteral("Ann")},
                           Recipient{QStringLiteral("bo@example.org"), QStringLiteral("Bo")},
                           Recipient{QStringLiteral("cy@example.org"), QStringLiteral("Cy")}};
    return campaign;
}

// Ann's and Cy's messages bounced (hard, soft), Bo's did not.
void writeJournal(const QString &campaignPath, const QList<Recipient> &recipients)
{
    SystemClock clock;
    Result<std::unique_ptr<SendJournal>> journal = SendJournal::open(SendJournal::pathFor(
                                                                         campaignPath),
                                                                     recipients,
                                                                     clock);
    QVERIFY_RESULT(journal);
    for (int i = 0; i < recipients.size(); ++i) {
        for (const JournalEntry::Kind kind :
             {JournalEntry::Kind::InFlight, JournalEntry::Kind::Sent}) {
            JournalEntry entry;
            entry.kind = kind;
            entry.recipientIndex = i;
            entry.email = recipients.at(i).email;
            entry.code = 250;
            entry.messageId = QStringLiteral("<m%1@example.org>").arg(i);
            QVERIFY_RESULT((*journal)->append(entry));
        }
    }
    const auto bounce =
        [&](int index, const QString &severity, const QString &status, const QString &text) {
            JournalEntry entry;
            entry.kind = JournalEntry::Kind::Bounced;
            entry.recipientIndex = index;
            entry.email = recipients.at(index).email;
            entry.messageId = QStringLiteral("<m%1@example.org>").arg(index);
            entry.bounceSeverity = severity;
            entry.bounceStatus = status;
            entry.text = text;
            return entry;
        };
    QVERIFY_RESULT(
        (*journal)->append(bounce(0, QStringLiteral("hard"), QStringLiteral("5.1.1"), AnnasWords)));
    QVERIFY_RESULT((*journal)->append(bounce(2,
                                             QStringLiteral("soft"),
                                             QStringLiteral("4.2.2"),
                                             QStringLiteral("452 4.2.2 Mailbox full"))));
}

// A hard bounce of the recipient at `index` as a watch reports it.
FeedbackEvent hardBounce(int index, const QString &email, const QString &status)
{
    FeedbackEvent bounce;
    bounce.kind = FeedbackEvent::Kind::Bounced;
    bounce.recipientIndex = index;
    bounce.email = email;
    bounce.messageId = QStringLiteral("<m%1@example.org>").arg(index);
    bounce.severity = QStringLiteral("hard");
    bounce.status = status;
    bounce.time = QDateTime::currentDateTimeUtc();
    return bounce;
}

QVariant statusCell(const RecipientTableModel &model, int row, int role)
{
    return model.index(row, int(RecipientTableModel::Column::Status)).data(role);
}

} // namespace

class TestBouncesView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rowsOfAReopenedCampaignShowTheirBounces();
    void aLiveBounceFindsItsRow();
    void bouncesViewListsThemAndConfirmsRequests();
    void requestsWaitingInTheJournalOutliveTheApp();
    void readsOffTheGuiThread();

private:
    [[nodiscard]] QString savedCampaign();

    QTemporaryDir m_directory;
};

void TestBouncesView::initTestCase()
{
    QVERIFY(m_directory.isValid());
    qputenv("HOME", QFile::encodeName(m_directory.path()));
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat,
                       QSettings::UserScope,
                       m_directory.filePath(QStringLiteral("settings")));
}

QString TestBouncesView::savedCampaign()
{
    const QString path = m_directory.filePath(QStringLiteral("spring.bulkmail"));
    QFile::remove(SendJournal::pathFor(path));
    const Campaign campaign = sampleCampaign();
    if (const Result<void> saved = saveCampaign(campaign, path); !saved)
        qWarning("%s", qPrintable(saved.error().message));
    writeJournal(path, campaign.recipients);
    return path;
}

void TestBouncesView::rowsOfAReopenedCampaignShowTheirBounces()
{
    const QString path = savedCampaign();
    MainWindow window;
    QVERIFY(openAndWait(window, path));
    const RecipientTableModel &model = *window.document()->recipientModel();
    QCOMPARE(model.recipientCount(), 3);

    QCOMPARE(statusCell(model, 0, Qt::DisplayRole).toString(), QStringLiteral("Bounced (hard)"));
    QCOMPARE(statusCell(model, 0, Qt::ToolTipRole).toString(),
             QStringLiteral("Bounced (hard), 5.1.1: ") + AnnasWords);
    // A screen reader hears the words, not only "Bounced".
    QVERIFY(statusCell(model, 0, Qt::AccessibleTextRole).toString().contains(AnnasWords));
    QCOMPARE(statusCell(model, 0, RecipientTableModel::BounceRole).toString(),
             QStringLiteral("hard"));
    // The server took it: the send status is still "sent".
    QCOMPARE(model.statusAt(0), RecipientResult::Status::Sent);
    QCOMPARE(statusCell(model, 1, Qt::DisplayRole).toString(), QStringLiteral("Sent"));
    QVERIFY(statusCell(model, 1, RecipientTableModel::BounceRole).isNull());
    QCOMPARE(statusCell(model, 2, Qt::DisplayRole).toString(), QStringLiteral("Bounced (soft)"));
    QVERIFY(model.statusTexts().at(2).contains(QLatin1String("452 4.2.2 Mailbox full")));
}

void TestBouncesView::aLiveBounceFindsItsRow()
{
    RecipientTableModel model;
    QAbstractItemModelTester tester(&model);
    model.setRecipients({}, sampleCampaign().recipients);
    FeedbackEvent event;
    event.kind = FeedbackEvent::Kind::Bounced;
    event.recipientIndex = 0; // the run's index; the row is now the third (case differs too)
    event.email = QStringLiteral("CY@example.org");
    event.severity = QStringLiteral("hard");
    event.status = QStringLiteral("5.1.1");
    event.text = QStringLiteral("550 5.1.1 no such user");
    FeedbackEvent stranger = event;
    stranger.email = QStringLiteral("someone@else.example");
    FeedbackEvent request = event;
    request.kind = FeedbackEvent::Kind::UnsubscribeToConfirm;
    request.email = QStringLiteral("bo@example.org");
    model.applyBounces({event, stranger, request});
    QCOMPARE(model.bounceSeverityAt(2), QStringLiteral("hard"));
    QCOMPARE(model.bounceSeverityAt(0), QString());
    QCOMPARE(model.bounceSeverityAt(1), QString()); // a request is not a bounce
    QCOMPARE(statusCell(model, 2, Qt::DisplayRole).toString(), QStringLiteral("Bounced (hard)"));
}

void TestBouncesView::bouncesViewListsThemAndConfirmsRequests()
{
    const QString path = savedCampaign();
    MainWindow window;
    QVERIFY(openAndWait(window, path));
    // Send → Bounces.
    QAction *action = window.menuBar()->findChild<QAction *>(QStringLiteral("bouncesAction"));
    QVERIFY(action);
    action->trigger();
    BouncesDialog *dialog = window.bouncesDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(!dialog->isReading());
    QAbstractItemModelTester bouncesTester(dialog->bounces());
    QAbstractItemModelTester requestsTester(dialog->requests());
    const FeedbackListModel &bounces = *dialog->bounces();
    QCOMPARE(bounces.rowCount(), 2);
    const auto cell = [&bounces](int row, FeedbackListModel::Column column) {
        return bounces.index(row, int(column)).data().toString();
    };
    QCOMPARE(cell(0, FeedbackListModel::Column::Address), QStringLiteral("ann@example.org"));
    QCOMPARE(cell(0, FeedbackListModel::Column::Kind), QStringLiteral("Hard (5.1.1)"));
    QCOMPARE(cell(0, FeedbackListModel::Column::Words), AnnasWords);
    QVERIFY(!cell(0, FeedbackListModel::Column::When).isEmpty());
    QCOMPARE(cell(1, FeedbackListModel::Column::Kind), QStringLiteral("Soft (4.2.2)"));

    // A watch's batch: a new bounce, and a request that waits for the user.
    FeedbackEvent bounce = hardBounce(1, QStringLiteral("bo@example.org"), QStringLiteral("5.1.10"));
    bounce.text = QStringLiteral("RecipientNotFound");
    bounce.reportingServer = QStringLiteral("mx.contoso.com");
    bounce.time = QDateTime::currentDateTimeUtc();
    FeedbackEvent request;
    request.kind = FeedbackEvent::Kind::UnsubscribeToConfirm;
    request.recipientIndex = 2;
    request.email = QStringLiteral("cy@example.org");
    request.messageId = QStringLiteral("<m2@example.org>");
    request.time = QDateTime::currentDateTimeUtc();
    dialog->addFeedback({bounce, request});
    QCOMPARE(bounces.rowCount(), 3);
    QCOMPARE(cell(2, FeedbackListModel::Column::Server), QStringLiteral("mx.contoso.com"));
    QCOMPARE(dialog->requests()->rowCount(), 1);

    const QString listPath = m_directory.filePath(QStringLiteral("suppression.sqlite"));
    QSignalSpy suppressed(dialog, &BouncesDialog::requestsSuppressed);
    auto *suppressButton = dialog->findChild<QPushButton *>();
    QVERIFY(suppressButton->isEnabled());
    suppressButton->setFocus();
    QVERIFY(dialog->suppressSelectedRequests(listPath));
    // The button is disabled: the focus waits on the requests, not somewhere down the tab chain.
    QCOMPARE(dialog->focusWidget()->accessibleName(), QStringLiteral("Unsubscribe requests"));
    // Written off the GUI thread: the button waits, and the status says what happens.
    QVERIFY(dialog->isSuppressing());
    QVERIFY(!suppressButton->isEnabled());
    QCOMPARE(dialog->statusText(), QStringLiteral("Adding 1 address(es) to the suppression list…"));
    QVERIFY(!dialog->requests()->eventAt(0).suppressed);
    QVERIFY(!dialog->suppressSelectedRequests(listPath)); // one job at a time
    QVERIFY(suppressed.wait(30'000));
    QCOMPARE(suppressed.takeFirst().at(0).toInt(), 1);
    QVERIFY(!dialog->isSuppressing());
    QCOMPARE(dialog->statusText(), QStringLiteral("1 address(es) added to the suppression list."));
    Result<std::unique_ptr<SuppressionList>> list = SuppressionList::open(listPath);
    QVERIFY_RESULT(list);
    const Result<std::optional<SuppressionEntry>> entry = (*list)->find(
        QStringLiteral("cy@example.org"));
    QVERIFY_RESULT(entry);
    QVERIFY(entry->has_value());
    QCOMPARE((*entry)->reason, SuppressionReason::Unsubscribe);
    QCOMPARE(dialog->requests()->index(0, int(FeedbackListModel::Column::Kind)).data().toString(),
             QStringLiteral("On the suppression list"));
    QVERIFY(!dialog->suppressSelectedRequests(listPath)); // once is enough
    QVERIFY(!suppressButton->isEnabled());

    // No watch for a campaign without a mailbox, and nothing said in the status bar.
    QVERIFY(!window.bounceWatch()->isWatching());
    QCOMPARE(window.bounceWatch()->statusText(), QString());
}

// A request the user has not confirmed yet is kept in the journal (the mailbox is never read
// twice): a later look at the campaign lists it, and once confirmed it shows as done.
void TestBouncesView::requestsWaitingInTheJournalOutliveTheApp()
{
    const QString path = savedCampaign();
    {
        Result<std::unique_ptr<SendJournal>> journal = SendJournal::openToAppend(
            SendJournal::pathFor(path), SystemClock::instance());
        QVERIFY_RESULT(journal);
        JournalEntry entry;
        entry.kind = JournalEntry::Kind::UnsubscribeRequested;
        entry.recipientIndex = 1;
        entry.email = QStringLiteral("bo@example.org");
        entry.messageId = QStringLiteral("<m1@example.org>");
        entry.text = QStringLiteral("bo.private@example.net"); // wrote from another address
        QVERIFY_RESULT((*journal)->append(entry));
    }
    Result<Campaign> campaign = loadCampaign(path);
    QVERIFY_RESULT(campaign);
    // The requests say nothing about sending: the journal's replay still sees every row sent.
    const Result<QList<JournalEntry>> entries = readJournalEntries(SendJournal::pathFor(path));
    QVERIFY_RESULT(entries);
    QCOMPARE(unsubscribeRequestsFromJournal(*entries).size(), 1);

    const QString listPath = m_directory.filePath(QStringLiteral("waiting.sqlite"));
    QFile::remove(listPath);
    BouncesDialog dialog;
    QSignalSpy read(&dialog, &BouncesDialog::readFinished);
    dialog.setCampaign(*campaign, {}, listPath);
    QVERIFY(read.wait());
    const FeedbackListModel &requests = *dialog.requests();
    QCOMPARE(requests.rowCount(), 1);
    QCOMPARE(requests.index(0, int(FeedbackListModel::Column::Address)).data().toString(),
             QStringLiteral("bo.private@example.net"));
    QVERIFY(!requests.eventAt(0).suppressed);
    // A running watch's copy of the same request is not listed twice.
    FeedbackEvent live = requests.eventAt(0);
    dialog.setCampaign(*campaign, {live}, listPath);
    QVERIFY(read.wait());
    QCOMPARE(requests.rowCount(), 1);

    QSignalSpy suppressed(&dialog, &BouncesDialog::requestsSuppressed);
    QVERIFY(dialog.suppressSelectedRequests(listPath));
    QVERIFY(suppressed.wait(30'000));
    QCOMPARE(suppressed.takeFirst().at(0).toInt(), 1);
    QVERIFY(requests.eventAt(0).suppressed);
    BouncesDialog later;
    QSignalSpy laterRead(&later, &BouncesDialog::readFinished);
    later.setCampaign(*campaign, {}, listPath);
    QVERIFY(laterRead.wait());
    QCOMPARE(later.requests()->rowCount(), 1);
    QVERIFY(later.requests()->eventAt(0).suppressed);
    QVERIFY(!later.suppressSelectedRequests(listPath));
}

// The journal and the suppression list are read on a worker thread: the dialog says so until the
// lists arrive, a watch's batch that comes meanwhile is neither lost nor listed twice, and a dialog
// closed (or given another campaign) before the read ends takes no stale result.
void TestBouncesView::readsOffTheGuiThread()
{
    const QString path = savedCampaign();
    Result<Campaign> campaign = loadCampaign(path);
    QVERIFY_RESULT(campaign);
    const QString listPath = m_directory.filePath(QStringLiteral("reading.sqlite"));

    BouncesDialog dialog;
    QSignalSpy read(&dialog, &BouncesDialog::readFinished);
    dialog.setCampaign(*campaign, {}, listPath);
    // Until the event loop delivers the result, however fast the worker was.
    QVERIFY(dialog.isReading());
    QCOMPARE(dialog.summaryText(), QStringLiteral("Reading the campaign’s bounces…"));
    QCOMPARE(dialog.bounces()->rowCount(), 0);
    QVERIFY(!dialog.suppressSelectedRequests(listPath));

    // A watch's batch meanwhile: a bounce the journal already has, and a new one.
    const FeedbackEvent known = hardBounce(0,
                                           QStringLiteral("ann@example.org"),
                                           QStringLiteral("5.1.1"));
    const FeedbackEvent fresh = hardBounce(1,
                                           QStringLiteral("bo@example.org"),
                                           QStringLiteral("5.1.1"));
    dialog.addFeedback({known, fresh});
    QCOMPARE(dialog.bounces()->rowCount(), 0);

    QVERIFY(read.wait());
    QVERIFY(!dialog.isReading());
    QCOMPARE(read.size(), 1);
    QCOMPARE(dialog.bounces()->rowCount(), 3); // Ann's and Cy's from the journal, Bo's new one
    QCOMPARE(dialog.bounces()->eventAt(2).email, QStringLiteral("bo@example.org"));
    QVERIFY(dialog.summaryText().startsWith(QLatin1String("3 bounce")));

    // Another campaign asked for before the first read ends: only the second one's result shows.
    Campaign other = *campaign;
    other.filePath = m_directory.filePath(QStringLiteral("never-sent.bulkmail"));
    dialog.setCampaign(*campaign, {}, listPath);
    dialog.setCampaign(other, {}, listPath);
    QVERIFY(read.wait());
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCOMPARE(read.size(), 2);
    QCOMPARE(dialog.bounces()->rowCount(), 0);

    // Closed (deleted) while reading: the read ends on its own, and nothing reaches the dialog.
    auto *closing = new BouncesDialog;
    closing->setAttribute(Qt::WA_DeleteOnClose);
    closing->show();
    closing->setCampaign(*campaign, {}, listPath);
    QVERIFY(closing->isReading());
    QPointer<BouncesDialog> guard(closing);
    closing->close();
    QTRY_VERIFY(guard.isNull());
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
}

QTEST_MAIN(TestBouncesView)
#include "tst_bouncesview.moc"
