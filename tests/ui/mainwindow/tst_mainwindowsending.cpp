#include "../openandwait.h"
#include "mainwindow/mainwindow.h"

#include "connections/connectiontablemodel.h"
#include "connections/connectionview.h"
#include "document/campaigndocument.h"
#include "log/logpanel.h"
#include "models/recipienttablemodel.h"
#include "sandbox/outboxmodel.h"
#include "sandbox/outboxview.h"
#include "send/sendcontroller.h"
#include "send/sendview.h"

#include "document/campaignfile.h"
#include "logging/logging.h"
#include "realservers.h"
#include "testcampaigns.h"
#include "testresult.h"

#include <QProgressBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using State = SendController::State;

// The window sending for real: a rehearsal of the sample campaign in the built-in sandbox, and a
// campaign sent to Debian's aiosmtpd that is interrupted and resumed by a new window.
class TestMainWindowSending : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { shutdownLogging(); }
    void sampleRehearsalShowsConnectionsOutboxAndLog();
    void interruptedSendResumesInANewWindowWithoutDuplicates();

private:
    QTemporaryDir m_directory;
};

void TestMainWindowSending::initTestCase()
{
    QVERIFY(m_directory.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat,
                       QSettings::UserScope,
                       m_directory.filePath(QStringLiteral("settings")));
    LogOptions logging;
    logging.directory = m_directory.filePath(QStringLiteral("logs"));
    QVERIFY_RESULT(initializeLogging(logging));
}

void TestMainWindowSending::sampleRehearsalShowsConnectionsOutboxAndLog()
{
    MainWindow window;
    window.show();
    window.logPanel()->show();
    window.openSample();
    QVERIFY(window.sendView()->isRehearsal());
    RecipientTableModel *recipients = window.document()->recipientModel();
    QCOMPARE(recipients->recipientCount(), 36);

    QVERIFY(window.startSending(false, false));
    QTRY_COMPARE_WITH_TIMEOUT(window.sendController()->state(), State::Finished, 30000);
    QCOMPARE(window.sendController()->lastSummary()->sent, 36);

    auto *progress = window.sendView()->findChild<QProgressBar *>();
    QCOMPARE(progress->value(), progress->maximum());
    QCOMPARE(progress->maximum(), 36);
    // Rehearsed, not sent: the real statuses stay as they were.
    for (int row = 0; row < recipients->recipientCount(); ++row) {
        QCOMPARE(recipients->rehearsalStatusAt(row), std::optional(RecipientResult::Status::Sent));
        QCOMPARE(recipients->statusAt(row), std::nullopt);
    }

    // The sample allows 10 messages a connection: 4 connections, the last closed at the end.
    ConnectionTableModel *connections = window.connectionView()->model();
    QTRY_COMPARE(connections->rowCount(), 4);
    QCOMPARE(connections->connectionsOpened(), 4);
    QCOMPARE(connections->connectionsSaved(), 32);
    for (int row = 0; row < 3; ++row)
        QCOMPARE(connections->record(row).closeReason, std::optional(CloseReason::MaxMessages));
    QCOMPARE(connections->record(3).closeReason, std::optional(CloseReason::Finished));

    window.outboxView()->model()->flush();
    QCOMPARE(window.outboxView()->model()->rowCount(), 36);

    window.logPanel()->drainNow();
    const QString log = window.logPanel()->visibleLines().join(u'\n');
    QVERIFY2(log.contains(QStringLiteral("connection #1 created")), qPrintable(log.left(2000)));
    QVERIFY(log.contains(QStringLiteral("connection #1 reused (message 2 of 10)")));
    QVERIFY(log.contains(QStringLiteral("connection #4 closed")));
    // A rehearsal never writes the journal a real send would resume from.
    QVERIFY(window.document()->filePath().isEmpty());
}

void TestMainWindowSending::interruptedSendResumesInANewWindowWithoutDuplicates()
{
    AiosmtpdServer server;
    QVERIFY(server.start());
    Campaign campaign = sendableTestCampaign(QStringLiteral("Resume test"),
                                             server.host(),
                                             server.port(),
                                             60);
    campaign.sending.rateLimits.perSecond = 25;
    const QString path = saveTestCampaign(campaign,
                                          m_directory.filePath(QStringLiteral("resume.bulkmail")));
    QVERIFY(!path.isEmpty());

    int sentFirst = 0;
    {
        MainWindow window;
        QVERIFY(openAndWait(window, path));
        QVERIFY(!window.sendView()->isRehearsal());
        QVERIFY(window.startSending(false, false));
        QTRY_VERIFY_WITH_TIMEOUT(server.receivedMessages().size() >= 10, 20000);
        window.sendController()->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(window.sendController()->state(), State::Finished, 20000);
        sentFirst = window.sendController()->lastSummary()->sent;
        QVERIFY(sentFirst >= 10 && sentFirst < 60);
    } // the window closes mid-campaign

    MainWindow reopened;
    QVERIFY(openAndWait(reopened, path));
    QCOMPARE(reopened.sendView()->resumeState().sent, sentFirst);
    QVERIFY(reopened.sendView()->statusText().contains(QString::number(sentFirst)));
    QCOMPARE(reopened.document()->recipientModel()->statusAt(0),
             std::optional(RecipientResult::Status::Sent));
    QVERIFY(reopened.startSending(false, false));
    QTRY_COMPARE_WITH_TIMEOUT(reopened.sendController()->state(), State::Finished, 30000);
    QCOMPARE(reopened.sendController()->lastSummary()->previouslySent, sentFirst);
    QCOMPARE(reopened.sendController()->lastSummary()->sent, 60 - sentFirst);

    QHash<QByteArray, int> counts;
    for (const ReceivedMessage &message : server.receivedMessages()) {
        for (const QByteArray &recipient : message.recipients)
            ++counts[recipient];
    }
    QCOMPARE(counts.size(), 60);
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        QVERIFY2(it.value() == 1, it.key().constData());
}

QTEST_MAIN(TestMainWindowSending)
#include "tst_mainwindowsending.moc"
