// bulkmail-cli parse-bounce and suppression, end to end: the real binary, its exit statuses and
// output, several processes writing one list at once, and the list living per account in the
// user's data folder (XDG_DATA_HOME here), never in the campaign file.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <vector>

namespace {

struct CliRun
{
    int exitCode = -1;
    QString standardOutput;
    QString standardError;
};

QString bounceSample(const char *name)
{
    return QStringLiteral(BULKMAIL_BOUNCES_DIR "/") + QLatin1String(name);
}

} // namespace

class TestCliFeedback final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void parseBouncePrintsJson();
    void parseBounceExitStatuses();
    void suppressionAddListRemove();
    void suppressionListIsPerAccount();
    void processesWriteOneListAtOnce();
    void exportImportRoundTripAndErrors();
    void usageErrors();

private:
    [[nodiscard]] QString campaign(const QString &fileName, const QString &username);
    [[nodiscard]] std::unique_ptr<QProcess> start(const QStringList &arguments);
    [[nodiscard]] static CliRun finish(QProcess &process);
    [[nodiscard]] CliRun run(const QStringList &arguments);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliFeedback::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestCliFeedback::campaign(const QString &fileName, const QString &username)
{
    const QJsonObject object{
        {QStringLiteral("format"), QStringLiteral("bulkmail-campaign")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("name"), QStringLiteral("Spring newsletter")},
        {QStringLiteral("server"),
         QJsonObject{{QStringLiteral("host"), QStringLiteral("smtp.example.org")},
                     {QStringLiteral("port"), 587},
                     {QStringLiteral("security"), QStringLiteral("starttls")},
                     {QStringLiteral("username"), username}}},
        {QStringLiteral("message"),
         QJsonObject{{QStringLiteral("from"), QStringLiteral("Newsletter <news@example.org>")},
                     {QStringLiteral("subject"), QStringLiteral("Hello")},
                     {QStringLiteral("text"), QStringLiteral("Hello\n")}}},
        {QStringLiteral("recipients"),
         QJsonArray{QJsonObject{{QStringLiteral("email"), QStringLiteral("li.lei@example.net")}}}},
    };
    const QString path = m_dir->filePath(fileName);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QJsonDocument(object).toJson());
    return path;
}

std::unique_ptr<QProcess> TestCliFeedback::start(const QStringList &arguments)
{
    auto process = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("HOME"), m_dir->path());
    process->setProcessEnvironment(environment);
    process->setWorkingDirectory(m_dir->path());
    process->start(QStringLiteral(BULKMAIL_CLI_PATH), arguments);
    return process;
}

CliRun TestCliFeedback::finish(QProcess &process)
{
    if (process.state() != QProcess::NotRunning) {
        QSignalSpy finished(&process, &QProcess::finished);
        if (!finished.wait(60000)) {
            process.kill();
            process.waitForFinished();
        }
    }
    CliRun result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.standardOutput = QString::fromUtf8(process.readAllStandardOutput());
    result.standardError = QString::fromUtf8(process.readAllStandardError());
    return result;
}

CliRun TestCliFeedback::run(const QStringList &arguments)
{
    const std::unique_ptr<QProcess> process = start(arguments);
    return finish(*process);
}

void TestCliFeedback::parseBouncePrintsJson()
{
    const CliRun parsed = run(
        {QStringLiteral("parse-bounce"), bounceSample("rfc3464-exim-two-recipients.eml")});
    QCOMPARE(parsed.exitCode, 0);
    QJsonParseError error;
    const QJsonObject report = QJsonDocument::fromJson(parsed.standardOutput.toUtf8(), &error)
                                   .object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(report.value(u"format").toString(), QStringLiteral("rfc3464"));
    QCOMPARE(report.value(u"originalMessageId").toString(),
             QStringLiteral("<k3j2h1.lvx9a0.5@example.org>"));
    QCOMPARE(report.value(u"hard").toBool(), true);
    const QJsonArray recipients = report.value(u"recipients").toArray();
    QCOMPARE(recipients.size(), 2);
    QCOMPARE(recipients.at(0).toObject().value(u"recipient").toString(),
             QStringLiteral("li.lei@example.net"));
    QCOMPARE(recipients.at(0).toObject().value(u"status").toString(), QStringLiteral("5.1.1"));
    QCOMPARE(recipients.at(1).toObject().value(u"action").toString(), QStringLiteral("delayed"));
    QCOMPARE(recipients.at(1).toObject().value(u"severity").toString(), QStringLiteral("soft"));

    // Chinese text comes out as UTF-8 JSON.
    const CliRun qq = run({QStringLiteral("parse-bounce"), bounceSample("tencent-qq-tuixin.eml")});
    QCOMPARE(qq.exitCode, 0);
    const QJsonObject qqReport = QJsonDocument::fromJson(qq.standardOutput.toUtf8()).object();
    QCOMPARE(qqReport.value(u"subject").toString(), QStringLiteral("退信：春季通讯"));
}

void TestCliFeedback::parseBounceExitStatuses()
{
    const CliRun autoReply = run(
        {QStringLiteral("parse-bounce"), bounceSample("autoreply-outlook-out-of-office.eml")});
    QCOMPARE(autoReply.exitCode, 2);
    QCOMPARE(autoReply.standardOutput, QString());
    QVERIFY2(autoReply.standardError.contains(u"automatic reply"),
             qPrintable(autoReply.standardError));
    const CliRun ordinary = run(
        {QStringLiteral("parse-bounce"), bounceSample("not-bounce-ordinary-reply.eml")});
    QCOMPARE(ordinary.exitCode, 2);
    QVERIFY(!ordinary.standardError.contains(u"automatic reply"));
    const CliRun missing = run({QStringLiteral("parse-bounce"), m_dir->filePath(u"none.eml"_qs)});
    QCOMPARE(missing.exitCode, 1);
}

void TestCliFeedback::suppressionAddListRemove()
{
    const QString file = campaign(QStringLiteral("spring.bulkmail"), u"news@example.org"_qs);
    const QByteArray before = [&] {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    const CliRun added = run({u"suppression"_qs,
                              u"add"_qs,
                              file,
                              u"Li.Lei@Example.NET"_qs,
                              u"wang.fang@example.cn"_qs,
                              u"--reason"_qs,
                              u"unsubscribe"_qs,
                              u"--detail"_qs,
                              u"退订 by phone"_qs});
    QCOMPARE(added.exitCode, 0);
    QVERIFY(added.standardOutput.contains(u"Suppressed Li.Lei@example.net"));

    const CliRun listed = run({u"suppression"_qs, u"list"_qs, file});
    QCOMPARE(listed.exitCode, 0);
    const QStringList lines = listed.standardOutput.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    const QStringList first = lines.first().split(u'\t');
    QCOMPARE(first.size(), 5);
    QCOMPARE(first[0], u"Li.Lei@example.net"_qs);
    QCOMPARE(first[1], u"unsubscribe"_qs);
    QCOMPARE(first[4], u"退订 by phone"_qs);
    QVERIFY2(listed.standardError.contains(u"2 suppressed: 0 hard-bounce, 2 unsubscribe, 0 manual"),
             qPrintable(listed.standardError));
    // The list is in the data folder, not in (or beside) the campaign.
    QVERIFY(listed.standardError.contains(m_dir->filePath(u"data"_qs)));
    QFile after(file);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), before);

    const CliRun onlyManual = run(
        {u"suppression"_qs, u"list"_qs, file, u"--reason"_qs, u"manual"_qs});
    QCOMPARE(onlyManual.exitCode, 0);
    QCOMPARE(onlyManual.standardOutput, QString());

    const CliRun removed = run({u"suppression"_qs, u"remove"_qs, file, u"li.lei@example.net"_qs});
    QCOMPARE(removed.exitCode, 0);
    const CliRun removedAgain = run(
        {u"suppression"_qs, u"remove"_qs, file, u"li.lei@example.net"_qs});
    QCOMPARE(removedAgain.exitCode, 1);
    QVERIFY(removedAgain.standardError.contains(u"is not on the list"));
    const CliRun invalid = run({u"suppression"_qs, u"add"_qs, file, u"not-an-address"_qs});
    QCOMPARE(invalid.exitCode, 1);
}

void TestCliFeedback::suppressionListIsPerAccount()
{
    const QString news = campaign(u"news.bulkmail"_qs, u"news@example.org"_qs);
    const QString newsAgain = campaign(u"summer.bulkmail"_qs, u"NEWS@example.org"_qs);
    const QString office = campaign(u"office.bulkmail"_qs, u"office@example.org"_qs);
    QCOMPARE(run({u"suppression"_qs, u"add"_qs, news, u"a@example.net"_qs}).exitCode, 0);
    // Another campaign of the same account sees it; another account does not.
    QVERIFY(run({u"suppression"_qs, u"list"_qs, newsAgain})
                .standardOutput.startsWith(u"a@example.net\t"));
    QCOMPARE(run({u"suppression"_qs, u"list"_qs, office}).standardOutput, QString());
}

void TestCliFeedback::processesWriteOneListAtOnce()
{
    // Eight processes add at the same moment: SQLite's locking (WAL, busy timeout) lets each
    // wait its turn, none fails, nothing is lost.
    const QString file = campaign(u"spring.bulkmail"_qs, u"news@example.org"_qs);
    constexpr int Processes = 8;
    std::vector<std::unique_ptr<QProcess>> processes;
    for (int i = 0; i < Processes; ++i) {
        processes.push_back(start({u"suppression"_qs,
                                   u"add"_qs,
                                   file,
                                   QStringLiteral("user%1a@example.net").arg(i),
                                   QStringLiteral("user%1b@example.net").arg(i)}));
    }
    for (const auto &process : processes) {
        const CliRun result = finish(*process);
        QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));
    }
    const CliRun listed = run({u"suppression"_qs, u"list"_qs, file});
    QCOMPARE(listed.standardOutput.split(u'\n', Qt::SkipEmptyParts).size(), 2 * Processes);
}

void TestCliFeedback::exportImportRoundTripAndErrors()
{
    const QString news = campaign(u"news.bulkmail"_qs, u"news@example.org"_qs);
    const QString office = campaign(u"office.bulkmail"_qs, u"office@example.org"_qs);
    QCOMPARE(run({u"suppression"_qs,
                  u"add"_qs,
                  news,
                  u"a@example.net"_qs,
                  u"--reason"_qs,
                  u"hard-bounce"_qs,
                  u"--detail"_qs,
                  u"550 5.1.1 User unknown, \"really\""_qs})
                 .exitCode,
             0);
    QCOMPARE(run({u"suppression"_qs, u"add"_qs, news, u"b@example.net"_qs}).exitCode, 0);
    const QString csv = m_dir->filePath(u"list.csv"_qs);
    QCOMPARE(run({u"suppression"_qs, u"export"_qs, news, u"--output"_qs, csv}).exitCode, 0);
    const CliRun imported = run({u"suppression"_qs, u"import"_qs, office, csv});
    QCOMPARE(imported.exitCode, 0);
    QVERIFY(imported.standardOutput.contains(u"Imported 2 new address(es), 0 already listed"));
    QCOMPARE(run({u"suppression"_qs, u"list"_qs, office}).standardOutput,
             run({u"suppression"_qs, u"list"_qs, news}).standardOutput);

    // A bad line: the import names it and changes nothing.
    const QString bad = m_dir->filePath(u"bad.csv"_qs);
    QFile badFile(bad);
    QVERIFY(badFile.open(QIODevice::WriteOnly));
    badFile.write("email,reason\nc@example.net,manual\nd@example.net,spam\n");
    badFile.close();
    const CliRun refused = run({u"suppression"_qs, u"import"_qs, office, bad});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.standardError.contains(u"line 3: unknown reason \"spam\""),
             qPrintable(refused.standardError));
    QVERIFY2(refused.standardError.contains(u"nothing imported"), qPrintable(refused.standardError));
    QCOMPARE(run({u"suppression"_qs, u"list"_qs, office}).standardOutput.count(u'\n'), 2);
}

void TestCliFeedback::usageErrors()
{
    const QString file = campaign(u"spring.bulkmail"_qs, u"news@example.org"_qs);
    const QList<QStringList> wrong{
        {u"suppression"_qs},
        {u"suppression"_qs, u"purge"_qs, file},
        {u"suppression"_qs, u"add"_qs, file},
        {u"suppression"_qs, u"export"_qs, file},
        {u"suppression"_qs, u"list"_qs, file, u"--output"_qs, u"x.csv"_qs},
        {u"suppression"_qs, u"remove"_qs, file, u"a@example.net"_qs, u"--detail"_qs, u"x"_qs},
        {u"suppression"_qs, u"list"_qs, file, u"--reason"_qs, u"spam"_qs},
        {u"parse-bounce"_qs},
        {u"check"_qs, file, u"--reason"_qs, u"manual"_qs},
    };
    for (const QStringList &arguments : wrong) {
        const CliRun result = run(arguments);
        QVERIFY2(result.exitCode == 1, qPrintable(arguments.join(u' ')));
        QVERIFY2(!result.standardError.isEmpty(), qPrintable(arguments.join(u' ')));
    }
}

QTEST_GUILESS_MAIN(TestCliFeedback)
#include "tst_clifeedback.moc"
