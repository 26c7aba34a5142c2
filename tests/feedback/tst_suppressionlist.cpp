// The per-account suppression list: idempotent adds, normalised addresses, two connections on
// one file, many opening and writing a new one at once, CSV export and import (all or nothing,
// errors by line), and the file's place.

#include "feedback/feedbackmessage.h"
#include "feedback/suppressionlist.h"

#include "bouncesamples.h"
#include "testresult.h"

#include <QDir>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <latch>
#include <thread>
#include <vector>

using namespace Bulkmail;
using Bulkmail::Test::bounceSample;

// Verifies that a Result<T> holds a value (printing its error otherwise) and names the value.
#define TAKE_RESULT(name, expression) \
    auto name##Result_ = (expression); \
    QVERIFY_RESULT(name##Result_); \
    auto name = std::move(*name##Result_)

namespace {

SuppressionEntry entry(const QString &address,
                       SuppressionReason reason,
                       const QString &detail,
                       const QDateTime &date = {},
                       const QString &campaign = {})
{
    return SuppressionEntry{address, reason, detail, date, campaign};
}

const QDateTime May1 = QDateTime(QDate(2024, 5, 1), QTime(9, 30), Qt::UTC);
const QDateTime May7 = QDateTime(QDate(2024, 5, 7), QTime(10, 0), Qt::UTC);

} // namespace

class TestSuppressionList final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void addIsIdempotentKeepingTheFirstDate();
    void addressesAreNormalised();
    void invalidAddressIsRefused();
    void removeAndCount();
    void suppressedAmongRecipients();
    void fromReportsAndRequests();
    void twoConnectionsShareOneFile();
    void manyOpenANewListAtOnce();
    void exportImportRoundTrip();
    void importFromAnotherTool();
    void importErrorsNameLinesAndChangeNothing();
    void newerFileIsRefused();
    void onePlacePerAccount();

private:
    std::unique_ptr<QTemporaryDir> m_directory;
    QString m_path;
};

void TestSuppressionList::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestSuppressionList::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    m_path = m_directory->filePath(QStringLiteral("lists/account.sqlite"));
}

void TestSuppressionList::addIsIdempotentKeepingTheFirstDate()
{
    TAKE_RESULT(list, SuppressionList::open(m_path));
    QVERIFY_RESULT(list->add(entry(QStringLiteral("li.lei@example.net"),
                                   SuppressionReason::HardBounce,
                                   QStringLiteral("550 5.1.1 User unknown"),
                                   May1,
                                   QStringLiteral("Spring newsletter"))));
    QVERIFY_RESULT(list->add(entry(QStringLiteral("li.lei@example.net"),
                                   SuppressionReason::HardBounce,
                                   QStringLiteral("550 5.1.10 RecipientNotFound"),
                                   May7,
                                   QStringLiteral("Summer newsletter"))));
    TAKE_RESULT(all, list->entries());
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().date, May1);
    QCOMPARE(all.first().detail, QStringLiteral("550 5.1.10 RecipientNotFound"));
    QCOMPARE(all.first().campaign, QStringLiteral("Summer newsletter"));
    // An earlier date than the stored one (an import of an older list) becomes the first date.
    QVERIFY_RESULT(list->add(entry(QStringLiteral("li.lei@example.net"),
                                   SuppressionReason::Manual,
                                   QString(),
                                   May1.addDays(-1))));
    TAKE_RESULT(found, list->find(QStringLiteral("li.lei@example.net")));
    QVERIFY(found);
    QCOMPARE(found->date, May1.addDays(-1));
    QCOMPARE(found->reason, SuppressionReason::Manual);
}

void TestSuppressionList::addressesAreNormalised()
{
    QCOMPARE(normalizedSuppressionAddress(QStringLiteral(" <Wang.Fang@Example.COM> ")),
             QStringLiteral("Wang.Fang@example.com"));
    QCOMPARE(normalizedSuppressionAddress(QStringLiteral("user@Bücher.example")),
             QStringLiteral("user@xn--bcher-kva.example"));
    TAKE_RESULT(list, SuppressionList::open(m_path));
    QVERIFY_RESULT(list->add(entry(QStringLiteral("<Wang.Fang@Example.COM>"),
                                   SuppressionReason::Unsubscribe,
                                   QStringLiteral("退订"))));
    TAKE_RESULT(all, list->entries());
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().address, QStringLiteral("Wang.Fang@example.com"));
    QVERIFY(all.first().date.isValid()); // none given: now
    for (const QString &spelling : {QStringLiteral("wang.fang@example.com"),
                                    QStringLiteral("WANG.FANG@EXAMPLE.COM"),
                                    QStringLiteral("<Wang.Fang@example.com>")}) {
        TAKE_RESULT(listed, list->contains(spelling));
        QVERIFY2(listed, qPrintable(spelling));
    }
    TAKE_RESULT(other, list->contains(QStringLiteral("wang.fang@example.org")));
    QVERIFY(!other);
}

void TestSuppressionList::invalidAddressIsRefused()
{
    TAKE_RESULT(list, SuppressionList::open(m_path));
    const Result<void> added = list->add(
        entry(QStringLiteral("not an address"), SuppressionReason::Manual, QString()));
    QVERIFY(!added);
    QCOMPARE(added.error().code, ErrorCode::InvalidAddress);
    TAKE_RESULT(all, list->entries());
    QVERIFY(all.isEmpty());
}

void TestSuppressionList::removeAndCount()
{
    TAKE_RESULT(list, SuppressionList::open(m_path));
    QVERIFY_RESULT(list->add(
        entry(QStringLiteral("a@example.net"), SuppressionReason::HardBounce, QString())));
    QVERIFY_RESULT(list->add(
        entry(QStringLiteral("b@example.net"), SuppressionReason::HardBounce, QString())));
    QVERIFY_RESULT(list->add(
        entry(QStringLiteral("c@example.net"), SuppressionReason::Unsubscribe, QString())));
    TAKE_RESULT(counts, list->countByReason());
    QCOMPARE(counts.value(SuppressionReason::HardBounce), 2);
    QCOMPARE(counts.value(SuppressionReason::Unsubscribe), 1);
    QCOMPARE(counts.value(SuppressionReason::Manual), 0);
    TAKE_RESULT(removed, list->remove(QStringLiteral("A@EXAMPLE.NET")));
    QVERIFY(removed);
    TAKE_RESULT(again, list->remove(QStringLiteral("a@example.net")));
    QVERIFY(!again);
    TAKE_RESULT(after, list->countByReason());
    QCOMPARE(after.value(SuppressionReason::HardBounce), 1);
}

void TestSuppressionList::suppressedAmongRecipients()
{
    TAKE_RESULT(list, SuppressionList::open(m_path));
    QVERIFY_RESULT(list->add(entry(QStringLiteral("Li.Lei@example.net"),
                                   SuppressionReason::HardBounce,
                                   QStringLiteral("5.1.1"))));
    QVERIFY_RESULT(list->add(entry(QStringLiteral("user@xn--bcher-kva.example"),
                                   SuppressionReason::Unsubscribe,
                                   QString())));
    TAKE_RESULT(suppressed,
                list->suppressedAmong({QStringLiteral("wang.fang@example.cn"),
                                       QStringLiteral("li.lei@EXAMPLE.net"),
                                       QStringLiteral("user@Bücher.example"),
                                       QStringLiteral("not an address")}));
    QCOMPARE(suppressed.keys(), (QList<qsizetype>{1, 2}));
    QCOMPARE(suppressed.value(1).reason, SuppressionReason::HardBounce);
    QCOMPARE(suppressed.value(2).reason, SuppressionReason::Unsubscribe);
    // The same answer as one lookup each.
    TAKE_RESULT(one, list->contains(QStringLiteral("li.lei@EXAMPLE.net")));
    QVERIFY(one);
}

void TestSuppressionList::fromReportsAndRequests()
{
    // The mailbox watcher's path: a message read once, its bounce or request listed.
    TAKE_RESULT(list, SuppressionList::open(m_path));
    const FeedbackMessage bounce = readFeedbackMessage(
        bounceSample(QStringLiteral("rfc3464-exim-two-recipients.eml")));
    QCOMPARE(bounce.kind, FeedbackMessage::Kind::Bounce);
    TAKE_RESULT(added, list->addHardBounces(*bounce.report, QStringLiteral("Spring")));
    QCOMPARE(added, 1); // the delayed (4.2.2) recipient is not suppressed
    TAKE_RESULT(hard, list->find(QStringLiteral("li.lei@example.net")));
    QVERIFY(hard);
    QCOMPARE(hard->reason, SuppressionReason::HardBounce);
    QCOMPARE(hard->detail,
             QStringLiteral("5.1.1 550 5.1.1 <li.lei@example.net>: Recipient address rejected: "
                            "User unknown"));
    QCOMPARE(hard->date, QDateTime(QDate(2024, 5, 7), QTime(9, 31), Qt::UTC));
    QCOMPARE(hard->campaign, QStringLiteral("Spring"));
    TAKE_RESULT(soft, list->contains(QStringLiteral("han.meimei@example.net")));
    QVERIFY(!soft);

    const FeedbackMessage request = readFeedbackMessage(
        bounceSample(QStringLiteral("unsubscribe-reply-tuiding.eml")),
        {[](const QString &id) { return id.endsWith(QLatin1String("@example.org>")); }});
    QCOMPARE(request.kind, FeedbackMessage::Kind::Unsubscribe);
    QVERIFY_RESULT(list->addUnsubscribe(*request.unsubscribe, QStringLiteral("Spring")));
    TAKE_RESULT(unsubscribed, list->find(QStringLiteral("wang.fang@example.cn")));
    QVERIFY(unsubscribed);
    QCOMPARE(unsubscribed->reason, SuppressionReason::Unsubscribe);
    QVERIFY(unsubscribed->detail.contains(QStringLiteral("<p0o9i8.lvxd4e.33@example.org>")));

    QCOMPARE(readFeedbackMessage(bounceSample(QStringLiteral("autoreply-chinese-gb18030.eml"))).kind,
             FeedbackMessage::Kind::AutoReply);
    QCOMPARE(readFeedbackMessage(bounceSample(QStringLiteral("not-bounce-ordinary-reply.eml"))).kind,
             FeedbackMessage::Kind::Other);
    QCOMPARE(readFeedbackMessage("garbage").kind, FeedbackMessage::Kind::Other);
}

void TestSuppressionList::twoConnectionsShareOneFile()
{
    // The desktop app and bulkmail-cli may hold one list at once: what one writes the other
    // reads at once, and the file is in WAL mode, so that readers never wait for a writer.
    TAKE_RESULT(first, SuppressionList::open(m_path));
    TAKE_RESULT(second, SuppressionList::open(m_path));
    QVERIFY_RESULT(first->add(
        entry(QStringLiteral("a@example.net"), SuppressionReason::HardBounce, QString())));
    TAKE_RESULT(seen, second->contains(QStringLiteral("a@example.net")));
    QVERIFY(seen);
    TAKE_RESULT(removed, second->remove(QStringLiteral("a@example.net")));
    QVERIFY(removed);
    TAKE_RESULT(stillThere, first->contains(QStringLiteral("a@example.net")));
    QVERIFY(!stillThere);
    QVERIFY(QFileInfo::exists(m_path + QStringLiteral("-wal")));

    // Another process holding the write lock (an import in progress): its rows stay invisible
    // until it commits, and a write here waits for it (busy timeout) instead of failing.
    QSemaphore locked;
    std::thread writer([&] {
        {
            QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                              QStringLiteral("writer"));
            database.setDatabaseName(m_path);
            QSqlQuery query(database);
            const bool began = database.open() && query.exec(QStringLiteral("BEGIN IMMEDIATE"))
                               && query.exec(QStringLiteral(
                                   "INSERT INTO suppression (address, reason, date) VALUES "
                                   "('held@example.net', 'manual', '2024-05-01T09:30:00.000Z')"));
            locked.release();
            if (began) {
                // Long enough that the write below meets the lock in most runs; the test
                // passes either way, but only such runs exercise the wait.
                QThread::msleep(300);
                query.exec(QStringLiteral("COMMIT"));
            }
            database.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("writer"));
    });
    locked.acquire();
    TAKE_RESULT(heldVisible, second->contains(QStringLiteral("held@example.net")));
    const Result<void> waited = first->add(
        entry(QStringLiteral("b@example.net"), SuppressionReason::Manual, QString()));
    writer.join();
    QVERIFY(!heldVisible);
    QVERIFY_RESULT(waited);
    TAKE_RESULT(all, second->entries());
    QCOMPARE(all.size(), 2);
}

void TestSuppressionList::manyOpenANewListAtOnce()
{
    // A run and its bounce watch (two threads), or the desktop app and bulkmail-cli (two
    // processes), may open a list nobody has created yet at the same moment, and write to it
    // while an import is under way. Every one of them opens it, and every write lands: none is
    // refused with "database is locked" (CI saw that once a run and its watch started together).
    constexpr int Rounds = 25;
    constexpr int Writers = 4;
    constexpr int ImportedRows = 20;
    QByteArray csv = "email,reason\n";
    for (int row = 0; row < ImportedRows; ++row)
        csv += QStringLiteral("imported%1@example.net,manual\n").arg(row).toUtf8();
    for (int round = 0; round < Rounds; ++round) {
        const QString path = m_directory->filePath(QStringLiteral("race/%1.sqlite").arg(round));
        std::latch start(Writers + 1);
        std::vector<QString> failures(Writers + 1);
        std::vector<std::thread> threads;
        for (int writer = 0; writer <= Writers; ++writer) {
            threads.emplace_back([&, writer] {
                start.arrive_and_wait();
                Result<std::unique_ptr<SuppressionList>> list = SuppressionList::open(path);
                if (!list) {
                    failures[writer] = list.error().message;
                    return;
                }
                if (writer == Writers) {
                    if (Result<SuppressionImport> imported = (*list)->importCsv(csv); !imported)
                        failures[writer] = imported.error().message;
                    return;
                }
                for (int address = 0; address < 5; ++address) {
                    const Result<void> added = (*list)->add(
                        entry(QStringLiteral("writer%1.%2@example.net").arg(writer).arg(address),
                              SuppressionReason::Manual,
                              QString()));
                    if (!added) {
                        failures[writer] = added.error().message;
                        return;
                    }
                }
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        for (int writer = 0; writer <= Writers; ++writer) {
            QVERIFY2(failures[writer].isEmpty(),
                     qPrintable(QStringLiteral("round %1, %2 %3: %4")
                                    .arg(round)
                                    .arg(writer == Writers ? QStringLiteral("importer")
                                                           : QStringLiteral("writer"))
                                    .arg(writer)
                                    .arg(failures[writer])));
        }
        TAKE_RESULT(list, SuppressionList::open(path));
        TAKE_RESULT(all, list->entries());
        QCOMPARE(all.size(), Writers * 5 + ImportedRows);
    }
}

void TestSuppressionList::exportImportRoundTrip()
{
    TAKE_RESULT(list, SuppressionList::open(m_path));
    QVERIFY_RESULT(list->add(entry(QStringLiteral("li.lei@example.net"),
                                   SuppressionReason::HardBounce,
                                   QStringLiteral("550 5.1.1 <li.lei@example.net>: User unknown, "
                                                  "\"quoted\""),
                                   May1,
                                   QStringLiteral("Spring, 2024"))));
    QVERIFY_RESULT(list->add(entry(QStringLiteral("wang.fang@example.cn"),
                                   SuppressionReason::Unsubscribe,
                                   QStringLiteral("退订\nline two"),
                                   May7)));
    QVERIFY_RESULT(list->add(
        entry(QStringLiteral("x@example.org"), SuppressionReason::Manual, QString(), May7)));
    const QString csvPath = m_directory->filePath(QStringLiteral("export.csv"));
    QVERIFY_RESULT(list->exportCsv(csvPath));

    TAKE_RESULT(copy, SuppressionList::open(m_directory->filePath(QStringLiteral("copy.sqlite"))));
    TAKE_RESULT(imported, copy->importCsvFile(csvPath));
    QCOMPARE(imported.added, 3);
    QCOMPARE(imported.updated, 0);
    TAKE_RESULT(original, list->entries());
    TAKE_RESULT(copied, copy->entries());
    QCOMPARE(copied, original);
    // Importing the same file again changes nothing but counts as updates.
    TAKE_RESULT(again, copy->importCsvFile(csvPath));
    QCOMPARE(again.added, 0);
    QCOMPARE(again.updated, 3);
}

void TestSuppressionList::importFromAnotherTool()
{
    // A column of addresses exported elsewhere ("Email Address", semicolons): manual, now.
    TAKE_RESULT(list, SuppressionList::open(m_path));
    TAKE_RESULT(imported,
                list->importCsv("Email Address;Unsubscribed at\r\nA@Example.NET;yesterday\r\n"
                                "b@example.net;\r\n"));
    QCOMPARE(imported.added, 2);
    TAKE_RESULT(found, list->find(QStringLiteral("a@example.net")));
    QVERIFY(found);
    QCOMPARE(found->address, QStringLiteral("A@example.net"));
    QCOMPARE(found->reason, SuppressionReason::Manual);
}

void TestSuppressionList::importErrorsNameLinesAndChangeNothing()
{
    TAKE_RESULT(list, SuppressionList::open(m_path));
    QVERIFY_RESULT(list->add(
        entry(QStringLiteral("kept@example.net"), SuppressionReason::Manual, QString(), May1)));
    const QByteArray csv = "email,reason,detail,date\n"
                           "good@example.net,hard-bounce,550,2024-05-01T09:30:00Z\n"
                           "not-an-address,manual,,\n"
                           "kept@example.net,unsubscribe,changed,\n"
                           "other@example.net,bounced,,\n"
                           "third@example.net,manual,,last tuesday\n";
    const Result<SuppressionImport> imported = list->importCsv(csv);
    QVERIFY(!imported);
    QCOMPARE(imported.error().code, ErrorCode::CsvMalformedRow);
    const QStringList lines = imported.error().message.split(u'\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines[0].startsWith(QStringLiteral("line 3: \"not-an-address\"")),
             qPrintable(lines[0]));
    QVERIFY2(lines[1].startsWith(QStringLiteral("line 5: unknown reason \"bounced\"")),
             qPrintable(lines[1]));
    QVERIFY2(lines[2].startsWith(QStringLiteral("line 6: \"last tuesday\" is not a date")),
             qPrintable(lines[2]));
    // Nothing was written: not the good line, not the change to the listed address.
    TAKE_RESULT(all, list->entries());
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().reason, SuppressionReason::Manual);
    // A file broken as CSV (a quote never closed) says its line too.
    const Result<SuppressionImport> broken = list->importCsv("email\na@example.net\n\"b@x\n");
    QVERIFY(!broken);
    QVERIFY2(broken.error().message.contains(QStringLiteral("line 3")),
             qPrintable(broken.error().message));
}

void TestSuppressionList::newerFileIsRefused()
{
    {
        TAKE_RESULT(list, SuppressionList::open(m_path));
    }
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                          QStringLiteral("raw"));
        database.setDatabaseName(m_path);
        QVERIFY(database.open());
        QSqlQuery query(database);
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version=7")));
        database.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    const auto opened = SuppressionList::open(m_path);
    QVERIFY(!opened);
    QVERIFY2(opened.error().message.contains(QStringLiteral("newer Bulkmail")),
             qPrintable(opened.error().message));
}

void TestSuppressionList::onePlacePerAccount()
{
    const QString path = SuppressionList::pathForAccount(QStringLiteral("smtp.example.org"),
                                                         QStringLiteral("news@example.org"));
    QVERIFY(path.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                            + QStringLiteral("/suppression/")));
    QVERIFY(path.endsWith(QStringLiteral(".sqlite")));
    QCOMPARE(SuppressionList::pathForAccount(QStringLiteral("SMTP.Example.org "),
                                             QStringLiteral("News@example.org")),
             path);
    QVERIFY(SuppressionList::pathForAccount(QStringLiteral("smtp.example.org"),
                                            QStringLiteral("office@example.org"))
            != path);
    QVERIFY(SuppressionList::pathForAccount(QStringLiteral("smtp.example.net"),
                                            QStringLiteral("news@example.org"))
            != path);
}

QTEST_GUILESS_MAIN(TestSuppressionList)
#include "tst_suppressionlist.moc"
