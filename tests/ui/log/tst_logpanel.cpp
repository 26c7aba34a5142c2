#include "log/logfilterproxymodel.h"
#include "log/logmodel.h"
#include "log/logpanel.h"
#include "logging/logbuffersink.h"
#include "logging/logging.h"
#include "runnertesthelpers.h"
#include "sandbox/sandboxserver.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <spdlog/logger.h>
#include <spdlog/spdlog.h>

#include <memory>

using namespace Bulkmail;
using namespace Bulkmail::Test;

namespace {

// A real spdlog logger writing into the sink the panel drains, as the app's "bulkmail" logger
// does with logBuffer().
struct LoggerWithSink
{
    std::shared_ptr<LogBufferSink> sink = std::make_shared<LogBufferSink>();
    std::shared_ptr<spdlog::logger> logger = std::make_shared<spdlog::logger>("log-panel-test",
                                                                              sink);
    LoggerWithSink() { logger->set_level(spdlog::level::trace); }
};

// A campaign's worth of lines about connections #1 to #3, and one that names none.
void logCampaignLines(spdlog::logger &logger)
{
    logger.info("connection #1 created to smtp.example.org:587 (TLS: TLSv1.3, logged in)");
    logger.info("connection #2 created to smtp.example.org:587 (TLS: TLSv1.3, logged in)");
    logger.info("connection #{} reused (message {} of {})", 2, 3, 50);
    logger.warn("connection #2 closed: server-421 after 3 message(s) (server replied 421)");
    logger.debug("connection #3 opening to smtp.example.org:587 (starttls)");
    logger.error("campaign stopped: the server refused the login");
    logger.info("Connection reused. Id: \"c1\". Server: \"smtp.example.org:587\".");
}

QComboBox *combo(LogPanel &panel, const char *name)
{
    return panel.findChild<QComboBox *>(QLatin1String(name));
}

} // namespace

class UrlRecorder : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;

public Q_SLOTS:
    void open(const QUrl &url) { urls.append(url); }
};

class TestLogPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsLinesAfterTheTimer();
    void drainsOnlyWhileShown();
    void filtersByConnection();
    void filtersByLevel();
    void searchIgnoresCase();
    void ringBoundHoldsUnderAFlood();
    void copiesSelectedLines();
    void savesVisibleLines();
    void opensTheLogFolder();
    void autoScrollFollowsUnlessPaused();
    void aCampaignsLoginStaysRedacted();
};

void TestLogPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestLogPanel::showsLinesAfterTheTimer()
{
    LoggerWithSink log;
    LogPanel panel(log.sink);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    logCampaignLines(*log.logger);
    QCOMPARE(panel.model()->rowCount(), 0); // nothing until the timer drains the sink

    QTRY_COMPARE(panel.model()->rowCount(), 7);
    QCOMPARE(log.sink->size(), 0u);
    const QAbstractItemModel *shown = panel.view()->model();
    QCOMPARE(shown->rowCount(), 7);
    QCOMPARE(shown->index(2, int(LogModel::Column::Message)).data().toString(),
             QStringLiteral("connection #2 reused (message 3 of 50)"));
    QCOMPARE(shown->index(2, int(LogModel::Column::Connection)).data().toString(),
             QStringLiteral("#2"));
    QCOMPARE(shown->index(2, int(LogModel::Column::Level)).data().toString(),
             QStringLiteral("info"));
    QCOMPARE(shown->index(3, int(LogModel::Column::Level)).data().toString(),
             QStringLiteral("warning"));
    QCOMPARE(shown->index(5, int(LogModel::Column::Connection)).data().toString(), QString());
    // STYLE.md rule 11's sentence shape names its connection too.
    QCOMPARE(shown->index(6, int(LogModel::Column::Connection)).data().toString(),
             QStringLiteral("#1"));
}

void TestLogPanel::drainsOnlyWhileShown()
{
    LoggerWithSink log;
    LogPanel panel(log.sink);
    QVERIFY(!panel.isDraining());
    log.logger->info("connection #1 created");
    panel.show();
    QVERIFY(panel.isDraining());
    QCOMPARE(panel.model()->rowCount(), 1); // drained at once when shown
    panel.hide();
    QVERIFY(!panel.isDraining());
    log.logger->info("connection #1 reused (message 2 of 50)");
    QCOMPARE(log.sink->size(), 1u); // waits in the sink
    QCOMPARE(panel.model()->rowCount(), 1);
}

void TestLogPanel::filtersByConnection()
{
    LoggerWithSink log;
    LogPanel panel(log.sink);
    panel.show();
    logCampaignLines(*log.logger);
    QTRY_COMPARE(panel.model()->rowCount(), 7);

    QComboBox *connections = combo(panel, "connectionFilter");
    QVERIFY(connections);
    // "All connections", then every connection seen, ascending.
    QCOMPARE(connections->count(), 4);
    QCOMPARE(connections->itemText(1), QStringLiteral("#1"));
    QCOMPARE(connections->itemText(3), QStringLiteral("#3"));

    connections->setCurrentIndex(connections->findText(QStringLiteral("#2")));
    const QAbstractItemModel *shown = panel.view()->model();
    QCOMPARE(shown->rowCount(), 3);
    for (int row = 0; row < shown->rowCount(); ++row)
        QCOMPARE(shown->index(row, 0).data(LogModel::ConnectionIdRole).toInt(), 2);
    QCOMPARE(shown->index(1, int(LogModel::Column::Message)).data().toString(),
             QStringLiteral("connection #2 reused (message 3 of 50)"));

    // Lines arriving later are filtered too.
    log.logger->info("connection #2 reused (message 4 of 50)");
    log.logger->info("connection #1 reused (message 2 of 50)");
    QTRY_COMPARE(panel.model()->rowCount(), 9);
    QCOMPARE(shown->rowCount(), 4);

    connections->setCurrentIndex(0);
    QCOMPARE(shown->rowCount(), 9);
}

void TestLogPanel::filtersByLevel()
{
    LoggerWithSink log;
    LogPanel panel(log.sink);
    panel.show();
    logCampaignLines(*log.logger);
    QTRY_COMPARE(panel.model()->rowCount(), 7);
    const QAbstractItemModel *shown = panel.view()->model();

    QComboBox *levels = combo(panel, "levelFilter");
    QVERIFY(levels);
    QCOMPARE(levels->count(), 4);
    levels->setCurrentIndex(levels->findText(QStringLiteral("Warnings and errors")));
    QCOMPARE(shown->rowCount(), 2);
    for (int row = 0; row < shown->rowCount(); ++row)
        QVERIFY(shown->index(row, 0).data(LogModel::LevelRole).toInt() >= spdlog::level::warn);

    levels->setCurrentIndex(levels->findText(QStringLiteral("Info and above")));
    QCOMPARE(shown->rowCount(), 6); // the debug line is hidden
    panel.setLevelFilter(LogPanel::LevelFilter::ErrorsOnly);
    QCOMPARE(levels->currentText(), QStringLiteral("Errors only"));
    QCOMPARE(shown->rowCount(), 1);
    QCOMPARE(shown->index(0, int(LogModel::Column::Message)).data().toString(),
             QStringLiteral("campaign stopped: the server refused the login"));
}

void TestLogPanel::searchIgnoresCase()
{
    LoggerWithSink log;
    LogPanel panel(log.sink);
    panel.show();
    logCampaignLines(*log.logger);
    QTRY_COMPARE(panel.model()->rowCount(), 7);
    auto *search = panel.findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    QVERIFY(search);
    QTest::keyClicks(search, QStringLiteral("REUSED"));
    const QAbstractItemModel *shown = panel.view()->model();
    QCOMPARE(shown->rowCount(), 2);
    QCOMPARE(shown->index(0, int(LogModel::Column::Message)).data().toString(),
             QStringLiteral("connection #2 reused (message 3 of 50)"));

    // Combined with the connection filter.
    panel.setConnectionFilter(1);
    QCOMPARE(shown->rowCount(), 1);
    QVERIFY(shown->index(0, int(LogModel::Column::Message))
                .data()
                .toString()
                .startsWith(QStringLiteral("Connection reused. Id: \"c1\"")));
    search->clear();
    QCOMPARE(shown->rowCount(), 2);
}

void TestLogPanel::ringBoundHoldsUnderAFlood()
{
    LoggerWithSink log;
    LogPanel panel(log.sink);
    panel.model()->setCapacity(100);
    panel.show();
    auto *dropped = panel.findChild<QLabel *>(QStringLiteral("droppedLabel"));
    QVERIFY(dropped);
    QVERIFY(dropped->isHidden());

    for (int number = 0; number < 10'000; ++number)
        log.logger->info("connection #{} line {}", number % 4 + 1, number);
    // All 10,000 are in the sink before the timer fires: one tick shows the newest 100.
    QTRY_COMPARE(panel.model()->rowCount(), 100);
    QCOMPARE(panel.model()->entry(99).text, QStringLiteral("connection #4 line 9999"));
    QCOMPARE(panel.model()->entry(0).text, QStringLiteral("connection #1 line 9900"));
    QCOMPARE(panel.droppedCount(), 9'900u);
    QVERIFY(!dropped->isHidden());
    QCOMPARE(dropped->text(),
             QStringLiteral("%1 older line(s) are in the log file").arg(QLocale().toString(9'900)));

    // More than the sink holds: it drops too, and the panel counts both.
    panel.hide();
    for (int number = 0; number < int(LogBufferSink::DefaultCapacity) + 500; ++number)
        log.logger->info("later line {}", number);
    panel.show();
    QCOMPARE(panel.model()->rowCount(), 100);
    // 9,900 earlier, 500 the sink could not hold, and 10,000 that made way for the newest 100.
    QCOMPARE(panel.droppedCount(), 9'900u + 500u + LogBufferSink::DefaultCapacity);
    QCOMPARE(panel.model()->entry(99).text, QStringLiteral("later line 10499"));
}

void TestLogPanel::copiesSelectedLines()
{
    LoggerWithSink log;
    LogPanel panel(log.sink);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    logCampaignLines(*log.logger);
    QTRY_COMPARE(panel.model()->rowCount(), 7);

    QTableView *view = panel.view();
    view->setFocus();
    view->selectRow(1);
    QTest::keyClick(view, Qt::Key_Down, Qt::ShiftModifier); // rows 1 and 2
    QCOMPARE(view->selectionModel()->selectedRows().size(), 2);
    QGuiApplication::clipboard()->clear();
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);

    const QString expected = LogModel::formatLine(panel.model()->entry(1)) + u'\n'
                             + LogModel::formatLine(panel.model()->entry(2)) + u'\n';
    QCOMPARE(QGuiApplication::clipboard()->text(), expected);
    const QStringList copied = QGuiApplication::clipboard()->text().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(copied.size(), 2);
    QVERIFY2(copied.at(1).endsWith(
                 QStringLiteral(" info #2 connection #2 reused (message 3 of 50)")),
             qPrintable(copied.at(1)));
    QVERIFY(copied.at(0).contains(QStringLiteral(" info #2 connection #2 created to")));
}

void TestLogPanel::savesVisibleLines()
{
    LoggerWithSink log;
    LogPanel panel(log.sink);
    panel.show();
    logCampaignLines(*log.logger);
    QTRY_COMPARE(panel.model()->rowCount(), 7);
    panel.setConnectionFilter(2);

    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(QStringLiteral("connection-2.txt"));
    QVERIFY_RESULT(panel.saveVisibleLines(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList saved = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(saved, panel.visibleLines());
    QCOMPARE(saved.size(), 3);
    QVERIFY(
        saved.at(1).endsWith(QStringLiteral(" info #2 connection #2 reused (message 3 of 50)")));
    QVERIFY(saved.at(2).contains(QStringLiteral(" warning #2 connection #2 closed")));

    // A folder that does not exist: an error, and no file.
    const QString missing = folder.filePath(QStringLiteral("missing/log.txt"));
    const Result<void> failed = panel.saveVisibleLines(missing);
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, ErrorCode::Io);
    QVERIFY(failed.error().message.contains(QStringLiteral("log.txt")));
    QVERIFY(!QFile::exists(missing));
}

void TestLogPanel::opensTheLogFolder()
{
    UrlRecorder recorder;
    QDesktopServices::setUrlHandler(QStringLiteral("file"), &recorder, "open");
    const auto restore = qScopeGuard(
        [] { QDesktopServices::unsetUrlHandler(QStringLiteral("file")); });
    LoggerWithSink log;
    LogPanel panel(log.sink);
    panel.show();
    auto *button = panel.findChild<QPushButton *>(QStringLiteral("openLogFolderButton"));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(recorder.urls.size(), 1);
    QCOMPARE(recorder.urls.at(0), QUrl::fromLocalFile(logDirectory()));
    QVERIFY(QDir(logDirectory()).exists());
}

void TestLogPanel::autoScrollFollowsUnlessPaused()
{
    LoggerWithSink log;
    LogPanel panel(log.sink);
    panel.resize(600, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    for (int number = 0; number < 200; ++number)
        log.logger->info("line {}", number);
    QTRY_COMPARE(panel.model()->rowCount(), 200);
    QScrollBar *scroll = panel.view()->verticalScrollBar();
    QTRY_VERIFY(scroll->maximum() > 0);
    QTRY_COMPARE(scroll->value(), scroll->maximum());

    auto *pause = panel.findChild<QCheckBox *>(QStringLiteral("pauseAutoScroll"));
    QVERIFY(pause);
    pause->click();
    QVERIFY(panel.isAutoScrollPaused());
    scroll->setValue(0);
    for (int number = 200; number < 300; ++number)
        log.logger->info("line {}", number);
    QTRY_COMPARE(panel.model()->rowCount(), 300);
    QCOMPARE(scroll->value(), 0);
}

void TestLogPanel::aCampaignsLoginStaysRedacted()
{
    // The engine's own lines, as it logs them: the opt-in SMTP transcript with a login.
    const QString username = QStringLiteral("mailer-name");
    const QString password = QStringLiteral("Pa55-word-never-shown");
    qputenv("BULKMAIL_SMTP_TRANSCRIPT", "1");
    LoggerWithSink log;
    log.logger->set_level(spdlog::level::debug);
    const std::shared_ptr<spdlog::logger> previous = spdlog::default_logger();
    spdlog::set_default_logger(log.logger);
    const auto restore = qScopeGuard([&] {
        spdlog::set_default_logger(previous);
        qunsetenv("BULKMAIL_SMTP_TRANSCRIPT");
    });

    LogPanel panel(log.sink);
    panel.show();
    SandboxServer sandbox; // offers AUTH PLAIN LOGIN and accepts any login
    QVERIFY_RESULT(sandbox.start({}));
    CampaignRunner runner;
    RunRecorder recorder(runner);
    runner.start(
        makePlan(3, QStringLiteral("127.0.0.1"), sandbox.port(), fastSettings(), username, password));
    QVERIFY(recorder.waitForFinished());
    QCOMPARE(recorder.summary().sent, 3);
    QCOMPARE(recorder.summary().logins, 1);
    panel.drainNow();

    const QStringList lines = panel.visibleLines();
    QVERIFY(lines.size() > 10);
    QVERIFY2(lines.filter(QStringLiteral("#1 connection #1 C: AUTH PLAIN <redacted>")).size() == 1,
             qPrintable(lines.join(u'\n')));
    QVERIFY(!lines.filter(QStringLiteral("connection #1 created to")).isEmpty());

    // What the panel shows, copies and saves never holds the password, plain or encoded.
    panel.view()->selectAll();
    panel.copySelectedLines();
    QTemporaryDir folder;
    QVERIFY_RESULT(panel.saveVisibleLines(folder.filePath(QStringLiteral("log.txt"))));
    QFile saved(folder.filePath(QStringLiteral("log.txt")));
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QString shown;
    for (int row = 0; row < panel.model()->rowCount(); ++row) {
        for (int column = 0; column < panel.model()->columnCount(); ++column)
            shown += panel.model()->index(row, column).data().toString() + u'\n';
    }
    const QByteArray plainToken = '\0' + username.toUtf8() + '\0' + password.toUtf8();
    const QStringList secrets{password,
                              QString::fromLatin1(password.toUtf8().toBase64()),
                              QString::fromLatin1(plainToken.toBase64())};
    const QStringList texts{lines.join(u'\n'),
                            QGuiApplication::clipboard()->text(),
                            QString::fromUtf8(saved.readAll()),
                            shown};
    QVERIFY(texts.at(1).contains(QStringLiteral("AUTH PLAIN <redacted>")));
    QVERIFY(texts.at(2).contains(QStringLiteral("AUTH PLAIN <redacted>")));
    for (const QString &text : texts) {
        for (const QString &secret : secrets)
            QVERIFY2(!text.contains(secret), qPrintable(secret));
    }
}

QTEST_MAIN(TestLogPanel)
#include "tst_logpanel.moc"
