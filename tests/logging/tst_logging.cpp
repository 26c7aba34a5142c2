#include "logging/logbuffersink.h"
#include "logging/logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <spdlog/logger.h>
#include <spdlog/spdlog.h>

using namespace Bulkmail;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString logFile(const QTemporaryDir &dir)
{
    return dir.filePath(QStringLiteral("bulkmail.log"));
}

QStringList texts(const std::vector<LogEntry> &entries)
{
    QStringList result;
    for (const LogEntry &entry : entries)
        result.append(entry.text);
    return result;
}

} // namespace

class TestLogging final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void writesLogFile();
    void addsStderrSinkOnRequest();
    void replacesLoggerWhenCalledTwice();
    void filtersByLevelAndFlushesOnWarn();
    void reportsUnusableDirectory_data();
    void reportsUnusableDirectory();
    void usesAppLocalDataLocationByDefault();
    void rotatesAtSizeLimit();
    void feedsProcessWideBuffer();
    void shutdownLeavesSilentLogger();

    void bufferKeepsCapacityAndCountsDrops();
    void bufferShrinkDropsOldest();
    void bufferDrainsInOrderInChunks();
    void connectionIdFromText_data();
    void connectionIdFromText();
};

void TestLogging::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestLogging::cleanup()
{
    shutdownLogging();
    logBuffer()->clear();
    logBuffer()->setCapacity(LogBufferSink::DefaultCapacity);
}

void TestLogging::writesLogFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto result = initializeLogging({.directory = dir.path()});
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(logDirectory(), dir.path());

    spdlog::info("Campaign started. Recipients: \"{}\".", 42);
    spdlog::default_logger()->flush();

    const QByteArray contents = readFile(logFile(dir));
    QVERIFY2(contents.contains("[info] [thread "), contents.constData());
    QVERIFY2(contents.contains("Campaign started. Recipients: \"42\".\n"), contents.constData());
    QCOMPARE(spdlog::default_logger()->name(), std::string("bulkmail"));
    QVERIFY(spdlog::get("bulkmail") != nullptr);
    // File and buffer; no stderr unless asked for.
    const auto &sinks = spdlog::default_logger()->sinks();
    QCOMPARE(sinks.size(), std::size_t{2});
    QVERIFY(sinks.back() == logBuffer());
}

void TestLogging::addsStderrSinkOnRequest()
{
    QTemporaryDir dir;
    QVERIFY(initializeLogging({.directory = dir.path(), .toStderr = true}));
    QCOMPARE(spdlog::default_logger()->sinks().size(), std::size_t{3});
    spdlog::info("to the file and to stderr");
    spdlog::default_logger()->flush();
    QVERIFY(readFile(logFile(dir)).contains("to the file and to stderr"));
}

void TestLogging::replacesLoggerWhenCalledTwice()
{
    QTemporaryDir first;
    QTemporaryDir second;
    QVERIFY(initializeLogging({.directory = first.path()}));
    spdlog::info("into the first");
    QVERIFY(initializeLogging({.directory = second.path()}));
    QCOMPARE(logDirectory(), second.path());
    spdlog::info("into the second");
    shutdownLogging();

    const QByteArray firstContents = readFile(logFile(first));
    const QByteArray secondContents = readFile(logFile(second));
    QVERIFY2(firstContents.contains("into the first"), firstContents.constData());
    QVERIFY2(!firstContents.contains("into the second"), firstContents.constData());
    QVERIFY2(secondContents.contains("into the second"), secondContents.constData());
    QVERIFY2(!secondContents.contains("into the first"), secondContents.constData());
}

void TestLogging::filtersByLevelAndFlushesOnWarn()
{
    QTemporaryDir dir;
    QVERIFY(initializeLogging({.directory = dir.path(), .level = spdlog::level::warn}));
    spdlog::info("an info line");
    spdlog::warn("a warning line");
    // No explicit flush: a warning reaches the file at once (flush_on(warn)).
    const QByteArray contents = readFile(logFile(dir));
    QVERIFY2(contents.contains("[warning] [thread "), contents.constData());
    QVERIFY2(contents.contains("a warning line"), contents.constData());
    QVERIFY2(!contents.contains("an info line"), contents.constData());
}

void TestLogging::reportsUnusableDirectory_data()
{
    QTest::addColumn<QString>("relativeDirectory");
    QTest::addColumn<QString>("blockingDirectory"); // created as a directory before the call
    QTest::addColumn<QString>("blockingFile");      // created as a file before the call
    QTest::addColumn<std::size_t>("maxFileBytes");
    QTest::addColumn<ErrorCode>("expectedCode");

    QTest::newRow("directory is a regular file")
        << QStringLiteral("file/logs") << QString() << QStringLiteral("file") << std::size_t{1024}
        << ErrorCode::Io;
    // mkpath succeeds, then spdlog throws spdlog_ex when it opens the file.
    QTest::newRow("log file is a directory")
        << QStringLiteral("logs") << QStringLiteral("logs/bulkmail.log") << QString()
        << std::size_t{1024} << ErrorCode::Io;
    QTest::newRow("zero size limit") << QStringLiteral("logs") << QString() << QString()
                                     << std::size_t{0} << ErrorCode::InvalidValue;
}

void TestLogging::reportsUnusableDirectory()
{
    QFETCH(QString, relativeDirectory);
    QFETCH(QString, blockingDirectory);
    QFETCH(QString, blockingFile);
    QFETCH(std::size_t, maxFileBytes);
    QFETCH(ErrorCode, expectedCode);

    QTemporaryDir dir;
    if (!blockingDirectory.isEmpty())
        QVERIFY(QDir(dir.path()).mkpath(blockingDirectory));
    if (!blockingFile.isEmpty()) {
        QFile file(dir.filePath(blockingFile));
        QVERIFY(file.open(QIODevice::WriteOnly));
    }

    const auto result = initializeLogging(
        {.directory = dir.filePath(relativeDirectory), .maxFileBytes = maxFileBytes});
    QVERIFY(!result);
    QCOMPARE(result.error().code, expectedCode);
    QVERIFY(!result.error().message.isEmpty());
    // A failed call leaves logging usable.
    spdlog::info("still fine");
}

void TestLogging::usesAppLocalDataLocationByDefault()
{
    const QString expected = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
                             + QStringLiteral("/logs");
    QVERIFY(expected.contains(QStringLiteral(".qttest"))); // test mode: never the user's files
    QCOMPARE(logDirectory(), expected);

    QVERIFY(initializeLogging({}));
    QCOMPARE(logDirectory(), expected);
    spdlog::info("default location");
    shutdownLogging();
    QVERIFY(readFile(expected + QStringLiteral("/bulkmail.log")).contains("default location"));
    QVERIFY(QDir(expected).removeRecursively());
}

void TestLogging::rotatesAtSizeLimit()
{
    QTemporaryDir dir;
    constexpr std::size_t Limit = 2048;
    QVERIFY(initializeLogging({.directory = dir.path(), .maxFileBytes = Limit, .maxFiles = 2}));
    const std::string padding(100, 'x');
    for (int i = 0; i < 200; ++i)
        spdlog::info("line {:03} {}", i, padding);
    shutdownLogging();

    const QString current = logFile(dir);
    const QString rotated1 = dir.filePath(QStringLiteral("bulkmail.1.log"));
    const QString rotated2 = dir.filePath(QStringLiteral("bulkmail.2.log"));
    QVERIFY(QFileInfo::exists(current));
    QVERIFY(QFileInfo::exists(rotated1));
    QVERIFY(QFileInfo::exists(rotated2));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("bulkmail.3.log"))));
    for (const QString &path : {current, rotated1, rotated2}) {
        QVERIFY2(QFileInfo(path).size() <= qint64{Limit}, qPrintable(path));
        QVERIFY2(QFileInfo(path).size() > 0, qPrintable(path));
    }
    // The newest lines are in the current file, older ones in .1, the oldest ones are gone.
    QVERIFY(readFile(current).contains("line 199 "));
    QVERIFY(!readFile(rotated1).contains("line 199 "));
    QVERIFY(!readFile(current).contains("line 000 "));
    QVERIFY(!readFile(rotated1).contains("line 000 "));
    QVERIFY(!readFile(rotated2).contains("line 000 "));
}

void TestLogging::feedsProcessWideBuffer()
{
    QTemporaryDir dir;
    QVERIFY(initializeLogging({.directory = dir.path(), .level = spdlog::level::debug}));
    const QDateTime before = QDateTime::currentDateTime().addMSecs(-1);
    spdlog::debug("connection #3 reused (message 7 of 50)");
    spdlog::warn("Rate limit reached for smtp.example.org");
    const QDateTime after = QDateTime::currentDateTime().addMSecs(1);

    const std::vector<LogEntry> entries = logBuffer()->drain(100);
    QCOMPARE(entries.size(), std::size_t{2});
    QCOMPARE(entries[0].text, QStringLiteral("connection #3 reused (message 7 of 50)"));
    QCOMPARE(entries[0].level, spdlog::level::debug);
    QCOMPARE(entries[0].connectionId, 3);
    QVERIFY(entries[0].time >= before && entries[0].time <= after);
    QCOMPARE(entries[1].text, QStringLiteral("Rate limit reached for smtp.example.org"));
    QCOMPARE(entries[1].level, spdlog::level::warn);
    QCOMPARE(entries[1].connectionId, 0);
    QCOMPARE(logBuffer()->size(), std::size_t{0});
}

void TestLogging::shutdownLeavesSilentLogger()
{
    QTemporaryDir dir;
    QVERIFY(initializeLogging({.directory = dir.path()}));
    shutdownLogging();
    spdlog::error("after shutdown"); // must not crash (spdlog::shutdown() leaves no default logger)
    QCOMPARE(logBuffer()->size(), std::size_t{0});
    QVERIFY(!readFile(logFile(dir)).contains("after shutdown"));
    shutdownLogging(); // twice is harmless
}

void TestLogging::bufferKeepsCapacityAndCountsDrops()
{
    auto sink = std::make_shared<LogBufferSink>(3);
    spdlog::logger logger("test", sink);
    for (int i = 1; i <= 5; ++i)
        logger.info("line {}", i);

    QCOMPARE(sink->capacity(), std::size_t{3});
    QCOMPARE(sink->size(), std::size_t{3});
    QCOMPARE(sink->droppedCount(), std::uint64_t{2});
    QCOMPARE(texts(sink->drain(100)),
             (QStringList{QStringLiteral("line 3"),
                          QStringLiteral("line 4"),
                          QStringLiteral("line 5")}));

    sink->clear();
    QCOMPARE(sink->droppedCount(), std::uint64_t{0});
    QCOMPARE(LogBufferSink().capacity(), std::size_t{10'000});
}

void TestLogging::bufferShrinkDropsOldest()
{
    auto sink = std::make_shared<LogBufferSink>(10);
    spdlog::logger logger("test", sink);
    for (int i = 1; i <= 6; ++i)
        logger.info("line {}", i);
    sink->setCapacity(2);
    QCOMPARE(sink->droppedCount(), std::uint64_t{4});
    QCOMPARE(texts(sink->drain(100)),
             (QStringList{QStringLiteral("line 5"), QStringLiteral("line 6")}));
    sink->setCapacity(0);
    QCOMPARE(sink->capacity(), std::size_t{1});
}

void TestLogging::bufferDrainsInOrderInChunks()
{
    auto sink = std::make_shared<LogBufferSink>();
    spdlog::logger logger("test", sink);
    logger.set_level(spdlog::level::trace);
    for (int i = 1; i <= 450; ++i)
        logger.trace("line {}", i);

    const std::vector<LogEntry> first = sink->drain(200);
    QCOMPARE(first.size(), std::size_t{200});
    QCOMPARE(first.front().text, QStringLiteral("line 1"));
    QCOMPARE(first.back().text, QStringLiteral("line 200"));
    QCOMPARE(first.front().level, spdlog::level::trace);
    const std::vector<LogEntry> second = sink->drain(200);
    QCOMPARE(second.front().text, QStringLiteral("line 201"));
    const std::vector<LogEntry> third = sink->drain(200);
    QCOMPARE(third.size(), std::size_t{50});
    QCOMPARE(third.back().text, QStringLiteral("line 450"));
    QVERIFY(sink->drain(200).empty());
    QVERIFY(sink->drain(0).empty());
    QCOMPARE(sink->droppedCount(), std::uint64_t{0});
}

void TestLogging::connectionIdFromText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected");

    QTest::newRow("starts with") << QStringLiteral("connection #3 reused (message 7 of 50)") << 3;
    QTest::newRow("capitalised") << QStringLiteral("Connection #12 closed: server replied 421")
                                 << 12;
    QTest::newRow("contains") << QStringLiteral("Retrying on connection #7 after 451") << 7;
    QTest::newRow("end of text") << QStringLiteral("Message 4 sent on connection #250") << 250;
    QTest::newRow("quoted id") << QStringLiteral(
        "Connection reused. Id: \"c3\". Server: \"smtp.example.org:587\".")
                               << 3;
    QTest::newRow("no connection") << QStringLiteral("Campaign started with 500 recipients") << 0;
    QTest::newRow("no number") << QStringLiteral("connection # closed") << 0;
    QTest::newRow("zero") << QStringLiteral("connection #0 closed") << 0;
    QTest::newRow("space instead of hash") << QStringLiteral("connection 3 closed") << 0;
    QTest::newRow("part of a word") << QStringLiteral("reconnection #2 scheduled") << 0;
    QTest::newRow("first usable match") << QStringLiteral("reconnection #2 of connection #5") << 5;
    QTest::newRow("too large") << QStringLiteral("connection #99999999999 closed") << 0;
    QTest::newRow("unterminated quoted id") << QStringLiteral("Id: \"c3") << 0;
    QTest::newRow("empty") << QString() << 0;
}

void TestLogging::connectionIdFromText()
{
    QFETCH(QString, text);
    QFETCH(int, expected);
    QCOMPARE(LogBufferSink::connectionIdFromText(text), expected);

    // The same through a logger, as the panel sees it.
    auto sink = std::make_shared<LogBufferSink>();
    spdlog::logger logger("test", sink);
    logger.info(text.toStdString());
    const std::vector<LogEntry> entries = sink->drain(1);
    QCOMPARE(entries.size(), std::size_t{1});
    QCOMPARE(entries.front().connectionId, expected);
    QCOMPARE(entries.front().text, text);
}

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
