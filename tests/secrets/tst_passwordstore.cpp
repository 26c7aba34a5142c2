// PasswordStore against the real thing. CTest runs this suite twice (tests/secrets/CMakeLists.txt):
//  - BULKMAIL_KEYCHAIN_EXPECT=available: inside run_with_keychain.sh, a private D-Bus session with
//    an unlocked GNOME Keyring and HOME in a temporary directory: the write/read/delete round trip;
//  - BULKMAIL_KEYCHAIN_EXPECT=unavailable: with DBUS_SESSION_BUS_ADDRESS pointing nowhere: every
//    call reports "unavailable" in plain words, and nothing is stored.
// The cases for the other mode skip. MemoryPasswordStore runs in both.

#include "secrets/memorypasswordstore.h"
#include "secrets/passwordstore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

#include <functional>
#include <memory>
#include <optional>

using namespace Bulkmail;

Q_DECLARE_METATYPE(Bulkmail::PasswordStoreStatus)

namespace {

constexpr int KeychainWaitMs = 20'000;

using Operation = std::function<void(PasswordStore::Callback)>;

// Runs one asynchronous store call and waits (spinning the event loop) for its report. A call
// that answers before returning, or never, comes back as Failed with a message saying so.
PasswordStoreResult run(const Operation &operation, int *callbackCount = nullptr)
{
    std::optional<PasswordStoreResult> result;
    int calls = 0;
    operation([&](const PasswordStoreResult &r) {
        ++calls;
        result = r;
    });
    if (result)
        return {PasswordStoreStatus::Failed, {}, QStringLiteral("answered synchronously")};
    const bool answered = QTest::qWaitFor([&] { return result.has_value(); }, KeychainWaitMs);
    QTest::qWait(0); // a second report would arrive here
    if (callbackCount)
        *callbackCount = calls;
    if (!answered)
        return {PasswordStoreStatus::Failed, {}, QStringLiteral("no report within 20 s")};
    return *result;
}

// Whether any file under `directory` contains `needle` in clear.
bool anyFileContains(const QString &directory, const QByteArray &needle)
{
    QDirIterator it(directory,
                    QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            return true;
    }
    return false;
}

} // namespace

class tst_PasswordStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void accountKey_data();
    void accountKey();
    void keychainErrors_data();
    void keychainErrors();
    void keychainRoundTrip();
    void keychainNotFound();
    void keychainDeleteOfMissingEntrySucceeds();
    void keychainKeepsAccountsApart();
    void keychainStoreGoneBeforeTheAnswer();
    void noKeychainIsUnavailable();
    void memoryStore();
    void memoryStoreUnavailable();

private:
    QString m_expect;
};

// QSKIP returns from the calling function, so these are macros.
#define REQUIRE_KEYCHAIN() \
    do { \
        if (m_expect != QLatin1String("available")) \
            QSKIP("Runs under run_with_keychain.sh (BULKMAIL_KEYCHAIN_EXPECT=available)"); \
    } while (false)
#define REQUIRE_NO_KEYCHAIN() \
    do { \
        if (m_expect != QLatin1String("unavailable")) \
            QSKIP("Runs without a session bus (BULKMAIL_KEYCHAIN_EXPECT=unavailable)"); \
    } while (false)

void tst_PasswordStore::initTestCase()
{
    m_expect = qEnvironmentVariable("BULKMAIL_KEYCHAIN_EXPECT");
}

void tst_PasswordStore::accountKey_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("expected");

    QTest::newRow("address as username")
        << QStringLiteral("news@example.org") << QStringLiteral("smtp.office365.com") << 587
        << QStringLiteral("smtp:news@example.org@smtp.office365.com:587");
    QTest::newRow("host in lower case")
        << QStringLiteral("User") << QStringLiteral(" SMTP.Example.ORG ") << 465
        << QStringLiteral("smtp:User@smtp.example.org:465");
    QTest::newRow("no username: nothing to remember")
        << QString() << QStringLiteral("relay.example.org") << 25 << QString();
}

void tst_PasswordStore::accountKey()
{
    QFETCH(QString, username);
    QFETCH(QString, host);
    QFETCH(int, port);
    SmtpEndpoint endpoint;
    endpoint.username = username;
    endpoint.host = host;
    endpoint.port = quint16(port);
    QTEST(PasswordStore::accountKey(endpoint), "expected");
}

void tst_PasswordStore::keychainErrors_data()
{
    // QKeychain::Error values: 0 NoError, 1 EntryNotFound, 3 AccessDeniedByUser, 4 AccessDenied,
    // 5 NoBackendAvailable, 6 NotImplemented, 7 OtherError.
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("text");
    QTest::addColumn<PasswordStoreStatus>("status");

    QTest::newRow("success") << 0 << QString() << PasswordStoreStatus::Success;
    QTest::newRow("not found") << 1 << QStringLiteral("Entry not found")
                               << PasswordStoreStatus::NotFound;
    QTest::newRow("no backend") << 5 << QString() << PasswordStoreStatus::Unavailable;
    QTest::newRow("not implemented") << 6 << QString() << PasswordStoreStatus::Unavailable;
    QTest::newRow("session bus without Secret Service")
        << 7
        << QStringLiteral("The name org.freedesktop.secrets was not provided by any .service "
                          "files")
        << PasswordStoreStatus::Unavailable;
    QTest::newRow("no session bus (libsecret)")
        << 7 << QStringLiteral("Could not connect: No such file or directory")
        << PasswordStoreStatus::Unavailable;
    QTest::newRow("locked, refused")
        << 4 << QStringLiteral("Cannot unlock the collection") << PasswordStoreStatus::Failed;
    QTest::newRow("user said no") << 3 << QStringLiteral("Dismissed")
                                  << PasswordStoreStatus::Failed;
    QTest::newRow("other error") << 7 << QStringLiteral("Invalid data")
                                 << PasswordStoreStatus::Failed;
}

void tst_PasswordStore::keychainErrors()
{
    QFETCH(int, error);
    QFETCH(QString, text);
    QTEST(PasswordStore::statusForKeychainError(error, text), "status");
}

void tst_PasswordStore::keychainRoundTrip()
{
    REQUIRE_KEYCHAIN();
    PasswordStore store;
    const QString account = QStringLiteral("smtp:roundtrip@example.org@smtp.example.org:587");
    const QString password = QStringLiteral("s3cret-päss-%1").arg(QCoreApplication::applicationPid());

    int calls = 0;
    const PasswordStoreResult written = run(
        [&](PasswordStore::Callback done) { store.writePassword(account, password, done); }, &calls);
    QCOMPARE(calls, 1);
    QVERIFY2(written.isSuccess(), qPrintable(written.message));
    QVERIFY(written.password.isEmpty());

    const PasswordStoreResult read = run(
        [&](PasswordStore::Callback done) { store.readPassword(account, done); });
    QVERIFY2(read.isSuccess(), qPrintable(read.message));
    QCOMPARE(read.password, password);

    // A second store object (a later run of the app) reads the same entry.
    PasswordStore other;
    const PasswordStoreResult again = run(
        [&](PasswordStore::Callback done) { other.readPassword(account, done); });
    QCOMPARE(again.password, password);

    // The keyring on disk is encrypted: the password is nowhere in clear under HOME (an insecure
    // fallback would have put it in a QSettings file there).
    QVERIFY(QDir::homePath().contains(QLatin1String("bulkmail-keychain")));
    QVERIFY(!anyFileContains(QDir::homePath(), password.toUtf8()));

    const PasswordStoreResult deleted = run(
        [&](PasswordStore::Callback done) { store.deletePassword(account, done); });
    QVERIFY2(deleted.isSuccess(), qPrintable(deleted.message));

    const PasswordStoreResult gone = run(
        [&](PasswordStore::Callback done) { store.readPassword(account, done); });
    QCOMPARE(gone.status, PasswordStoreStatus::NotFound);
    QVERIFY(gone.password.isEmpty());
}

void tst_PasswordStore::keychainNotFound()
{
    REQUIRE_KEYCHAIN();
    PasswordStore store;
    const PasswordStoreResult read = run([&](PasswordStore::Callback done) {
        store.readPassword(QStringLiteral("smtp:nobody@example.org@smtp.example.org:587"), done);
    });
    QCOMPARE(read.status, PasswordStoreStatus::NotFound);
    QVERIFY(read.message.contains(QLatin1String("No password is stored")));
}

void tst_PasswordStore::keychainDeleteOfMissingEntrySucceeds()
{
    REQUIRE_KEYCHAIN();
    PasswordStore store;
    const PasswordStoreResult deleted = run([&](PasswordStore::Callback done) {
        store.deletePassword(QStringLiteral("smtp:never@example.org@smtp.example.org:587"), done);
    });
    QVERIFY2(deleted.isSuccess(), qPrintable(deleted.message));
}

void tst_PasswordStore::keychainKeepsAccountsApart()
{
    REQUIRE_KEYCHAIN();
    PasswordStore store;
    const QString first = QStringLiteral("smtp:a@example.org@smtp.example.org:587");
    const QString second = QStringLiteral("smtp:a@example.org@smtp.example.org:465");
    QVERIFY(run([&](PasswordStore::Callback d) {
                store.writePassword(first, QStringLiteral("one"), d);
            }).isSuccess());
    QVERIFY(run([&](PasswordStore::Callback d) {
                store.writePassword(second, QStringLiteral("two"), d);
            }).isSuccess());
    QCOMPARE(run([&](PasswordStore::Callback d) { store.readPassword(first, d); }).password,
             QStringLiteral("one"));
    QCOMPARE(run([&](PasswordStore::Callback d) { store.readPassword(second, d); }).password,
             QStringLiteral("two"));
    // Overwriting replaces.
    QVERIFY(run([&](PasswordStore::Callback d) {
                store.writePassword(first, QStringLiteral("uno"), d);
            }).isSuccess());
    QCOMPARE(run([&](PasswordStore::Callback d) { store.readPassword(first, d); }).password,
             QStringLiteral("uno"));
    run([&](PasswordStore::Callback d) { store.deletePassword(first, d); });
    run([&](PasswordStore::Callback d) { store.deletePassword(second, d); });
}

// A window closes (and its store goes) while the keychain is still answering: the answers that
// come later reach nobody, and touch nothing freed (QtKeychain's libsecret backend keeps a raw
// pointer to its job until the answer; under ASan a deleted job is a use-after-free here). The
// keychain answers in order, so once a later store's call is answered, the earlier ones are too.
void tst_PasswordStore::keychainStoreGoneBeforeTheAnswer()
{
    REQUIRE_KEYCHAIN();
    const QString account = QStringLiteral("smtp:closing@example.org@smtp.example.org:587");
    int lateAnswers = 0;
    for (int round = 0; round < 5; ++round) {
        auto store = std::make_unique<PasswordStore>();
        store->writePassword(account, QStringLiteral("pending"), [&](auto &) { ++lateAnswers; });
        store->readPassword(account, [&](auto &) { ++lateAnswers; });
        store->deletePassword(account, [&](auto &) { ++lateAnswers; });
        // QtKeychain starts a job from the event loop: the first one is asking the keychain now.
        QCoreApplication::processEvents();
        store.reset();
    }
    PasswordStore later;
    const PasswordStoreResult read = run(
        [&](PasswordStore::Callback done) { later.readPassword(account, done); });
    QVERIFY2(read.status == PasswordStoreStatus::NotFound || read.isSuccess(),
             qPrintable(read.message));
    QCOMPARE(lateAnswers, 0);
    run([&](PasswordStore::Callback done) { later.deletePassword(account, done); });
}

void tst_PasswordStore::noKeychainIsUnavailable()
{
    REQUIRE_NO_KEYCHAIN();
    PasswordStore store;
    const QString account = QStringLiteral("smtp:user@example.org@smtp.example.org:587");

    const PasswordStoreResult written = run([&](PasswordStore::Callback done) {
        store.writePassword(account, QStringLiteral("never-stored"), done);
    });
    QCOMPARE(written.status, PasswordStoreStatus::Unavailable);
    QVERIFY(written.message.contains(QLatin1String("No keychain is available")));
    QVERIFY(written.message.contains(QLatin1String("never written to disk")));

    const PasswordStoreResult read = run(
        [&](PasswordStore::Callback done) { store.readPassword(account, done); });
    QCOMPARE(read.status, PasswordStoreStatus::Unavailable); // not "not found"
    QVERIFY(read.password.isEmpty());

    const PasswordStoreResult deleted = run(
        [&](PasswordStore::Callback done) { store.deletePassword(account, done); });
    QCOMPARE(deleted.status, PasswordStoreStatus::Unavailable);
}

void tst_PasswordStore::memoryStore()
{
    MemoryPasswordStore store;
    const QString account = QStringLiteral("smtp:m@example.org@smtp.example.org:587");
    QCOMPARE(run([&](PasswordStore::Callback d) { store.readPassword(account, d); }).status,
             PasswordStoreStatus::NotFound);
    QVERIFY(run([&](PasswordStore::Callback d) {
                store.writePassword(account, QStringLiteral("pw"), d);
            }).isSuccess());
    QCOMPARE(store.storedPassword(account), QStringLiteral("pw"));
    QCOMPARE(run([&](PasswordStore::Callback d) { store.readPassword(account, d); }).password,
             QStringLiteral("pw"));
    QVERIFY(run([&](PasswordStore::Callback d) { store.deletePassword(account, d); }).isSuccess());
    QVERIFY(!store.contains(account));
}

void tst_PasswordStore::memoryStoreUnavailable()
{
    MemoryPasswordStore store(MemoryPasswordStore::Availability::Unavailable);
    const QString account = QStringLiteral("smtp:m@example.org@smtp.example.org:587");
    const PasswordStoreResult written = run(
        [&](PasswordStore::Callback d) { store.writePassword(account, QStringLiteral("pw"), d); });
    QCOMPARE(written.status, PasswordStoreStatus::Unavailable);
    QVERIFY(!store.contains(account));
    QCOMPARE(run([&](PasswordStore::Callback d) { store.readPassword(account, d); }).status,
             PasswordStoreStatus::Unavailable);
}

QTEST_GUILESS_MAIN(tst_PasswordStore)
#include "tst_passwordstore.moc"
