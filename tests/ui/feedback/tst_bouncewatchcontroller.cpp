// BounceWatchController against a private Dovecot: the watch runs on a thread of its own, a
// report appended to INBOX during a run arrives on the GUI thread as a batch for the rows, the
// status says "while sending" and then, once the run has ended, until when; stop() ends it and
// the status goes.

#include "feedback/bouncewatchcontroller.h"

#include "common/clock.h"
#include "journal/sendjournal.h"
#include "privatedovecot.h"
#include "testresult.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using namespace std::chrono_literals;

namespace {

constexpr int WaitMs = 60'000;
const QString ExchangeId = QStringLiteral("<q8w7e6.lvxa1b.9@example.org>"); // hard, 5.1.10

QByteArray exchangeReport()
{
    QFile file(QStringLiteral(BULKMAIL_BOUNCES_DIR "/exchange-recipient-not-found.eml"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the sample");
    return file.readAll();
}

} // namespace

class TestBounceWatchController final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    // A timer touched from the wrong thread means the watch was not wholly moved to its own.
    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral("Timers cannot"))); }
    void aReportReachesTheGuiThread();
};

void TestBounceWatchController::aReportReachesTheGuiThread()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    PrivateDovecot server;
    QVERIFY(server.start());

    Campaign campaign;
    campaign.name = QStringLiteral("Spring newsletter");
    campaign.filePath = directory.filePath(QStringLiteral("news.bulkmail"));
    campaign.recipients = {Recipient{QStringLiteral("anna.schmidt@contoso.com"), QString()}};
    campaign.server.host = QStringLiteral("smtp.example.test");
    campaign.mailbox.server = server.endpoint();
    campaign.mailbox.username = server.credentials().username;
    {
        SystemClock clock;
        Result<std::unique_ptr<SendJournal>> journal = SendJournal::open(SendJournal::pathFor(
                                                                             campaign.filePath),
                                                                         campaign.recipients,
                                                                         clock);
        QVERIFY_RESULT(journal);
        for (const JournalEntry::Kind kind :
             {JournalEntry::Kind::InFlight, JournalEntry::Kind::Sent}) {
            JournalEntry entry;
            entry.kind = kind;
            entry.recipientIndex = 0;
            entry.email = campaign.recipients.at(0).email;
            entry.messageId = ExchangeId;
            QVERIFY_RESULT((*journal)->append(entry));
        }
    }

    BounceWatchController controller(nullptr);
    QSignalSpy found(&controller, &BounceWatchController::feedbackFound);
    QSignalSpy changed(&controller, &BounceWatchController::watchingChanged);
    CampaignBounceWatchSettings settings;
    settings.pollInterval = 200ms;
    settings.watchAfter = 10min;
    settings.suppressionListPath = directory.filePath(QStringLiteral("suppression.sqlite"));
    settings.positionsPath = directory.filePath(QStringLiteral("positions.json"));
    QVERIFY(controller.start(campaign, server.credentials().password, settings));
    QVERIFY(controller.isWatching());
    QCOMPARE(controller.campaignPath(), campaign.filePath);
    QCOMPARE(controller.statusText(),
             QStringLiteral("Watching the mailbox for bounces while sending"));

    QThread *const guiThread = QThread::currentThread();
    QThread *receivedIn = nullptr;
    connect(&controller, &BounceWatchController::feedbackFound, this, [&] {
        receivedIn = QThread::currentThread();
    });
    {
        ImapConnection connection(99, server.endpoint(), server.credentials());
        std::optional<ImapCommandResult> appended;
        connection.run(
            "APPEND \"INBOX\"",
            [&appended](const ImapCommandResult &r) { appended = r; },
            exchangeReport());
        connection.open();
        QTRY_VERIFY_WITH_TIMEOUT(appended.has_value(), WaitMs);
        QVERIFY(appended->isOk());
    }
    QTRY_COMPARE_WITH_TIMEOUT(found.size(), 1, WaitMs);
    QCOMPARE(receivedIn, guiThread);
    const QList<FeedbackEvent> events = found.constFirst().first().value<QList<FeedbackEvent>>();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.constFirst().email, QStringLiteral("anna.schmidt@contoso.com"));
    QCOMPARE(events.constFirst().severity, QStringLiteral("hard"));

    // The run ends: the window after it is said with its end.
    changed.clear();
    controller.runFinished();
    QVERIFY(changed.wait(WaitMs));
    QVERIFY2(controller.statusText().startsWith(
                 QLatin1String("Watching the mailbox for bounces until ")),
             qPrintable(controller.statusText()));

    controller.stop();
    QVERIFY(!controller.isWatching());
    QCOMPARE(controller.statusText(), QString());
}

QTEST_GUILESS_MAIN(TestBounceWatchController)
#include "tst_bouncewatchcontroller.moc"
