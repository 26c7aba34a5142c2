#include "feedback/suppressionlist.h"

#include "campaign/emailaddress.h"
#include "common/fileio.h"
#include "document/recipientcsv.h"
#include "feedback/deliveryreport.h"
#include "feedback/unsubscriberequest.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLockFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QVariant>

namespace Bulkmail {

namespace {

// Written by a newer Bulkmail: refuse instead of guessing (PRAGMA user_version).
constexpr int SchemaVersion = 1;
// How long a writer waits for another process's lock before giving up.
constexpr int BusyTimeoutMilliseconds = 10'000;

const QStringList &csvColumns()
{
    static const QStringList columns{QStringLiteral("reason"),
                                     QStringLiteral("detail"),
                                     QStringLiteral("date"),
                                     QStringLiteral("campaign")};
    return columns;
}

QString storedDate(const QDateTime &date)
{
    return date.toUTC().toString(Qt::ISODateWithMs);
}

tl::unexpected<Error> sqlError(const QString &what, const QSqlError &error)
{
    return makeError(ErrorCode::Io,
                     QStringLiteral("suppression list: %1: %2").arg(what, error.text()));
}

// Qt SQL binds a null QString as NULL; the columns hold '' for "none".
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

SuppressionEntry entryFrom(const QSqlQuery &query)
{
    SuppressionEntry entry;
    entry.address = query.value(0).toString();
    entry.reason = suppressionReasonFromName(query.value(1).toString())
                       .value_or(SuppressionReason::Manual);
    entry.detail = query.value(2).toString();
    entry.date = QDateTime::fromString(query.value(3).toString(), Qt::ISODateWithMs);
    entry.campaign = query.value(4).toString();
    return entry;
}

} // namespace

QString suppressionReasonName(SuppressionReason reason)
{
    switch (reason) {
    case SuppressionReason::HardBounce:
        return QStringLiteral("hard-bounce");
    case SuppressionReason::Unsubscribe:
        return QStringLiteral("unsubscribe");
    case SuppressionReason::Manual:
        return QStringLiteral("manual");
    }
    return {};
}

std::optional<SuppressionReason> suppressionReasonFromName(const QString &name)
{
    for (SuppressionReason reason : {SuppressionReason::HardBounce,
                                     SuppressionReason::Unsubscribe,
                                     SuppressionReason::Manual}) {
        if (name.trimmed().compare(suppressionReasonName(reason), Qt::CaseInsensitive) == 0)
            return reason;
    }
    return std::nullopt;
}

QString normalizedSuppressionAddress(const QString &address)
{
    QString bare = address.trimmed();
    if (bare.startsWith(u'<') && bare.endsWith(u'>'))
        bare = bare.mid(1, bare.size() - 2).trimmed();
    const qsizetype at = bare.lastIndexOf(u'@');
    if (at <= 0)
        return bare;
    bare = addressWithAsciiDomain(bare);
    const qsizetype asciiAt = bare.lastIndexOf(u'@');
    return bare.first(asciiAt + 1) + bare.sliced(asciiAt + 1).toLower();
}

SuppressionList::SuppressionList(QString connectionName, QString path)
    : m_connectionName(std::move(connectionName))
    , m_path(std::move(path))
{}

SuppressionList::~SuppressionList()
{
    {
        QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
        database.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString SuppressionList::pathForAccount(const QString &host, const QString &username)
{
    const QByteArray key = (host.trimmed().toLower() + u'\n' + username.trimmed().toLower()).toUtf8();
    const QByteArray hash = QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/suppression/") + QString::fromLatin1(hash.left(32))
           + QStringLiteral(".sqlite");
}

Result<std::unique_ptr<SuppressionList>> SuppressionList::openForAccount(const QString &host,
                                                                         const QString &username)
{
    return open(pathForAccount(host, username));
}

Result<std::unique_ptr<SuppressionList>> SuppressionList::open(const QString &path)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("suppression list: cannot create the folder of %1")
                             .arg(path));
    }
    static QAtomicInteger<quint64> counter;
    const QString name = QStringLiteral("bulkmail-suppression-%1").arg(counter.fetchAndAddRelaxed(1));
    std::unique_ptr<SuppressionList> list(new SuppressionList(name, path));
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        if (!database.isValid()) {
            return makeError(ErrorCode::Io,
                             QStringLiteral("suppression list: the Qt SQLite driver is missing "
                                            "(Debian package libqt6sql6-sqlite)"));
        }
        database.setDatabaseName(path);
        database.setConnectOptions(
            QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BusyTimeoutMilliseconds));
        if (!database.open())
            return sqlError(QStringLiteral("cannot open %1").arg(path), database.lastError());
    }
    if (Result<void> schema = list->initializeSchema(); !schema)
        return tl::unexpected(schema.error());
    return list;
}

Result<SuppressionList::FileState> SuppressionList::readFileState() const
{
    // Each statement is finished at once, so that no read lock outlives it.
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    FileState state;
    if (!query.exec(QStringLiteral("PRAGMA journal_mode")) || !query.next())
        return sqlError(QStringLiteral("cannot read %1").arg(m_path), query.lastError());
    state.isWal = query.value(0).toString().compare(u"wal", Qt::CaseInsensitive) == 0;
    query.finish();
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return sqlError(QStringLiteral("cannot read %1").arg(m_path), query.lastError());
    state.version = query.value(0).toInt();
    query.finish();
    if (state.version > SchemaVersion) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("suppression list: %1 was written by a newer Bulkmail "
                                        "(version %2)")
                             .arg(m_path)
                             .arg(state.version));
    }
    return state;
}

Result<void> SuppressionList::initializeSchema()
{
    // Most opens find the list set up; reading that never waits for a lock it holds itself.
    Result<FileState> state = readFileState();
    if (!state)
        return tl::unexpected(state.error());
    if (state->isWal && state->version == SchemaVersion)
        return {};

    // A new list: a run and its bounce watch (two threads), or the desktop app and bulkmail-cli,
    // may set it up at the same moment. SQLite's busy timeout does not cover that: two
    // connections that have both read the file and then both ask for WAL or for the table are a
    // deadlock that SQLite ends at once with "database is locked" for one of them. So one opener
    // at a time sets up, under a Qt lock file (any process, any thread; stale after a crash), and
    // reads the state again once it holds it.
    QLockFile lock(m_path + QStringLiteral(".lock"));
    const QDeadlineTimer deadline(BusyTimeoutMilliseconds);
    // Polled here: QLockFile::tryLock(timeout) sleeps 100 ms and longer between attempts, far
    // longer than the set-up it waits for.
    while (!lock.tryLock(0)) {
        if (lock.error() != QLockFile::LockFailedError) {
            return makeError(ErrorCode::Io,
                             QStringLiteral("suppression list: cannot create the lock file %1.lock")
                                 .arg(m_path));
        }
        if (deadline.hasExpired()) {
            return makeError(ErrorCode::Io,
                             QStringLiteral("suppression list: %1 is being set up by another "
                                            "program (lock file %1.lock)")
                                 .arg(m_path));
        }
        QThread::msleep(5);
    }
    state = readFileState();
    if (!state)
        return tl::unexpected(state.error());
    QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(database);
    // WAL: readers and one writer at once across processes; the mode sticks to the file.
    if (!state->isWal && !query.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
        return sqlError(QStringLiteral("cannot set up %1").arg(m_path), query.lastError());
    query.finish();
    if (state->version == SchemaVersion)
        return {};
    // BEGIN IMMEDIATE and IF NOT EXISTS still: an older Bulkmail creates the table without the
    // lock file.
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))
        || !query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS suppression ("
                                      " address TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,"
                                      " reason TEXT NOT NULL,"
                                      " detail TEXT NOT NULL DEFAULT '',"
                                      " date TEXT NOT NULL,"
                                      " campaign TEXT NOT NULL DEFAULT '')"))
        || !query.exec(QStringLiteral("PRAGMA user_version=%1").arg(SchemaVersion))
        || !query.exec(QStringLiteral("COMMIT"))) {
        const QSqlError error = query.lastError();
        database.rollback();
        return sqlError(QStringLiteral("cannot create %1").arg(m_path), error);
    }
    return {};
}

QString SuppressionList::path() const
{
    return m_path;
}

Result<bool> SuppressionList::upsert(const SuppressionEntry &entry)
{
    Result<bool> listed = contains(entry.address);
    if (!listed)
        return listed;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    // The first date stays (the earlier of the two); the latest words replace the earlier ones.
    query.prepare(QStringLiteral("INSERT INTO suppression (address, reason, detail, date, campaign)"
                                 " VALUES (:address, :reason, :detail, :date, :campaign)"
                                 " ON CONFLICT(address) DO UPDATE SET reason = excluded.reason,"
                                 " detail = excluded.detail, campaign = excluded.campaign,"
                                 " date = min(date, excluded.date)"));
    query.bindValue(QStringLiteral(":address"), entry.address);
    query.bindValue(QStringLiteral(":reason"), suppressionReasonName(entry.reason));
    query.bindValue(QStringLiteral(":detail"), notNull(entry.detail));
    query.bindValue(QStringLiteral(":date"), storedDate(entry.date));
    query.bindValue(QStringLiteral(":campaign"), notNull(entry.campaign));
    if (!query.exec())
        return sqlError(QStringLiteral("cannot add %1").arg(entry.address), query.lastError());
    return !*listed;
}

Result<void> SuppressionList::add(SuppressionEntry entry)
{
    entry.address = normalizedSuppressionAddress(entry.address);
    if (!isValidEmailAddress(entry.address)) {
        return makeError(ErrorCode::InvalidAddress,
                         QStringLiteral("\"%1\" is not a valid email address").arg(entry.address));
    }
    if (!entry.date.isValid())
        entry.date = QDateTime::currentDateTimeUtc();
    if (Result<bool> added = upsert(entry); !added)
        return tl::unexpected(added.error());
    return {};
}

Result<int> SuppressionList::addHardBounces(const DeliveryReport &report, const QString &campaign)
{
    int added = 0;
    for (const BouncedRecipient &recipient : report.recipients) {
        if (recipient.severity() != BounceSeverity::Hard)
            continue;
        const QString detail = QString(recipient.status + u' ' + recipient.diagnostic).trimmed();
        if (Result<void> result = add(
                {recipient.recipient, SuppressionReason::HardBounce, detail, report.date, campaign});
            !result)
            return tl::unexpected(result.error());
        ++added;
    }
    return added;
}

Result<void> SuppressionList::addUnsubscribe(const UnsubscribeRequest &request,
                                             const QString &campaign)
{
    return add({request.address,
                SuppressionReason::Unsubscribe,
                request.messageId.isEmpty()
                    ? QStringLiteral("unsubscribe request")
                    : QStringLiteral("unsubscribe request answering %1").arg(request.messageId),
                request.date,
                campaign});
}

Result<bool> SuppressionList::remove(const QString &address)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("DELETE FROM suppression WHERE address = :address"));
    query.bindValue(QStringLiteral(":address"), normalizedSuppressionAddress(address));
    if (!query.exec())
        return sqlError(QStringLiteral("cannot remove %1").arg(address), query.lastError());
    return query.numRowsAffected() > 0;
}

Result<std::optional<SuppressionEntry>> SuppressionList::find(const QString &address) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("SELECT address, reason, detail, date, campaign FROM suppression"
                                 " WHERE address = :address"));
    query.bindValue(QStringLiteral(":address"), normalizedSuppressionAddress(address));
    if (!query.exec())
        return sqlError(QStringLiteral("cannot look up %1").arg(address), query.lastError());
    if (!query.next())
        return std::optional<SuppressionEntry>();
    return std::optional<SuppressionEntry>(entryFrom(query));
}

Result<bool> SuppressionList::contains(const QString &address) const
{
    return find(address).map(
        [](const std::optional<SuppressionEntry> &entry) { return entry.has_value(); });
}

Result<QList<SuppressionEntry>> SuppressionList::entries() const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("SELECT address, reason, detail, date, campaign"
                                   " FROM suppression ORDER BY address")))
        return sqlError(QStringLiteral("cannot read %1").arg(m_path), query.lastError());
    QList<SuppressionEntry> entries;
    while (query.next())
        entries.append(entryFrom(query));
    return entries;
}

Result<QMap<qsizetype, SuppressionEntry>> SuppressionList::suppressedAmong(
    const QStringList &addresses) const
{
    Result<QList<SuppressionEntry>> all = entries();
    if (!all)
        return tl::unexpected(all.error());
    // The column's COLLATE NOCASE folds ASCII only; so does this key.
    const auto key = [](const QString &address) {
        QString folded = address;
        for (QChar &c : folded) {
            if (c.unicode() < 0x80)
                c = c.toLower();
        }
        return folded;
    };
    QHash<QString, qsizetype> byAddress;
    byAddress.reserve(all->size());
    for (qsizetype i = 0; i < all->size(); ++i)
        byAddress.insert(key(all->at(i).address), i);
    QMap<qsizetype, SuppressionEntry> suppressed;
    for (qsizetype i = 0; i < addresses.size(); ++i) {
        const auto found = byAddress.constFind(key(normalizedSuppressionAddress(addresses[i])));
        if (found != byAddress.cend())
            suppressed.insert(i, all->at(found.value()));
    }
    return suppressed;
}

Result<QMap<SuppressionReason, int>> SuppressionList::countByReason() const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("SELECT reason, count(*) FROM suppression GROUP BY reason")))
        return sqlError(QStringLiteral("cannot read %1").arg(m_path), query.lastError());
    QMap<SuppressionReason, int> counts;
    while (query.next()) {
        if (std::optional<SuppressionReason> reason = suppressionReasonFromName(
                query.value(0).toString()))
            counts[*reason] += query.value(1).toInt();
    }
    return counts;
}

Result<QByteArray> SuppressionList::exportCsv() const
{
    Result<QList<SuppressionEntry>> all = entries();
    if (!all)
        return tl::unexpected(all.error());
    QList<Recipient> rows;
    rows.reserve(all->size());
    for (const SuppressionEntry &entry : std::as_const(*all)) {
        rows.append(Recipient{entry.address,
                              QString(),
                              {suppressionReasonName(entry.reason),
                               entry.detail,
                               storedDate(entry.date),
                               entry.campaign}});
    }
    return serializeRecipientsCsv(csvColumns(), rows);
}

Result<void> SuppressionList::exportCsv(const QString &filePath) const
{
    Result<QByteArray> csv = exportCsv();
    if (!csv)
        return tl::unexpected(csv.error());
    return writeFileAtomically(filePath, *csv);
}

Result<SuppressionImport> SuppressionList::importCsvFile(const QString &filePath)
{
    Result<QByteArray> bytes = readWholeFile(filePath);
    if (!bytes)
        return tl::unexpected(bytes.error());
    return importCsv(*bytes);
}

Result<SuppressionImport> SuppressionList::importCsv(const QByteArray &csv)
{
    Result<CsvImport> table = parseRecipientsCsv(csv);
    if (!table)
        return tl::unexpected(table.error());
    QList<qsizetype> column;
    for (const QString &name : csvColumns()) {
        qsizetype found = -1;
        for (qsizetype i = 0; i < table->fieldNames.size() && found < 0; ++i) {
            if (table->fieldNames[i].trimmed().compare(name, Qt::CaseInsensitive) == 0)
                found = i;
        }
        column.append(found);
    }
    const auto cell = [&](const Recipient &row, int which) {
        return column[which] < 0 ? QString() : row.fields.value(column[which]).trimmed();
    };

    // Every line is checked before anything is written, so that all problems are named at once.
    QStringList problems;
    QList<SuppressionEntry> entries;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Recipient &row : std::as_const(table->recipients)) {
        const QString line = QStringLiteral("line %1: ").arg(row.sourceLine);
        SuppressionEntry entry;
        entry.address = normalizedSuppressionAddress(row.email);
        if (!isValidEmailAddress(entry.address))
            problems.append(line
                            + QStringLiteral("\"%1\" is not a valid email address").arg(row.email));
        const QString reason = cell(row, 0);
        if (!reason.isEmpty()) {
            if (std::optional<SuppressionReason> known = suppressionReasonFromName(reason))
                entry.reason = *known;
            else
                problems.append(line
                                + QStringLiteral("unknown reason \"%1\" (hard-bounce, "
                                                 "unsubscribe or manual)")
                                      .arg(reason));
        }
        entry.detail = cell(row, 1);
        const QString date = cell(row, 2);
        entry.date = date.isEmpty() ? now : QDateTime::fromString(date, Qt::ISODateWithMs);
        if (!entry.date.isValid())
            problems.append(line
                            + QStringLiteral("\"%1\" is not a date (ISO 8601, such as "
                                             "2024-05-01T09:30:00Z)")
                                  .arg(date));
        entry.campaign = cell(row, 3);
        entries.append(entry);
    }
    if (!problems.isEmpty())
        return makeError(ErrorCode::CsvMalformedRow, problems.join(u'\n'));

    // IMMEDIATE: the write lock is taken before the first read. A plain BEGIN reads first and
    // must then upgrade; when another connection wrote in between, SQLite refuses the upgrade
    // with "database is locked" without waiting (its snapshot is stale).
    QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
    if (QSqlQuery begin(database); !begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlError(QStringLiteral("cannot start the import"), begin.lastError());
    SuppressionImport counts;
    for (const SuppressionEntry &entry : std::as_const(entries)) {
        Result<bool> added = upsert(entry);
        if (!added) {
            database.rollback();
            return tl::unexpected(added.error());
        }
        ++(*added ? counts.added : counts.updated);
    }
    if (!database.commit()) {
        const QSqlError error = database.lastError();
        database.rollback();
        return sqlError(QStringLiteral("cannot finish the import"), error);
    }
    return counts;
}

} // namespace Bulkmail
