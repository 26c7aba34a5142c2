#include "recoverystore.h"

#include "common/fileio.h"
#include "document/campaignfile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>

namespace Bulkmail {

namespace {

constexpr QLatin1String InfoSuffix{".recovery.json"};

// The directory that relative paths in a copy are resolved against: the original file's, so that
// a recovered campaign finds its attachments and certificate where the original does.
QString baseDirectoryFor(const QString &originalPath)
{
    return originalPath.isEmpty() ? QDir::rootPath() : QFileInfo(originalPath).absolutePath();
}

} // namespace

RecoveryStore::RecoveryStore(QString directory)
    : m_directory(directory.isEmpty()
                      ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                            + QStringLiteral("/recovery")
                      : std::move(directory))
{}

QString RecoveryStore::documentKey(const QString &filePath, const QString &untitledId)
{
    return filePath.isEmpty() ? QStringLiteral("untitled:") + untitledId
                              : QStringLiteral("file:") + QFileInfo(filePath).absoluteFilePath();
}

QString RecoveryStore::copyPathFor(const QString &documentKey) const
{
    const QByteArray hash = QCryptographicHash::hash(documentKey.toUtf8(),
                                                     QCryptographicHash::Sha256)
                                .toHex()
                                .left(16);
    return m_directory + u'/' + QString::fromLatin1(hash) + u'.' + CampaignFileSuffix;
}

Result<void> RecoveryStore::save(const QString &documentKey,
                                 const Campaign &campaign,
                                 const QString &displayName)
{
    if (!QDir().mkpath(m_directory))
        return makeError(ErrorCode::Io,
                         QStringLiteral("Cannot create the recovery folder %1").arg(m_directory));
    const QString copyPath = copyPathFor(documentKey);
    const QByteArray json = serializeCampaign(campaign, baseDirectoryFor(campaign.filePath));
    if (Result<void> written = writeFileAtomically(copyPath, json); !written)
        return written;
    const QJsonObject info{
        {QStringLiteral("originalPath"), campaign.filePath},
        {QStringLiteral("name"), displayName},
        {QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
    };
    return writeFileAtomically(copyPath + InfoSuffix, QJsonDocument(info).toJson());
}

void RecoveryStore::discard(const QString &documentKey)
{
    const QString copyPath = copyPathFor(documentKey);
    QFile::remove(copyPath + InfoSuffix);
    QFile::remove(copyPath);
}

void RecoveryStore::discard(const RecoveryEntry &entry)
{
    QFile::remove(entry.copyPath + InfoSuffix);
    QFile::remove(entry.copyPath);
}

QList<RecoveryEntry> RecoveryStore::pending() const
{
    QList<RecoveryEntry> entries;
    const QDir directory(m_directory);
    const QStringList infos = directory.entryList({QStringLiteral("*") + InfoSuffix}, QDir::Files);
    for (const QString &infoName : infos) {
        const Result<QByteArray> bytes = readWholeFile(directory.filePath(infoName));
        if (!bytes)
            continue;
        const QJsonObject info = QJsonDocument::fromJson(*bytes).object();
        RecoveryEntry entry;
        entry.copyPath = directory.filePath(infoName.chopped(InfoSuffix.size()));
        entry.originalPath = info.value(QStringLiteral("originalPath")).toString();
        entry.name = info.value(QStringLiteral("name")).toString();
        entry.savedAt = QDateTime::fromString(info.value(QStringLiteral("savedAt")).toString(),
                                              Qt::ISODateWithMs);
        if (QFileInfo::exists(entry.copyPath))
            entries.append(entry);
    }
    std::sort(entries.begin(), entries.end(), [](const RecoveryEntry &a, const RecoveryEntry &b) {
        return a.savedAt > b.savedAt;
    });
    return entries;
}

Result<Campaign> RecoveryStore::load(const RecoveryEntry &entry) const
{
    const Result<QByteArray> bytes = readWholeFile(entry.copyPath);
    if (!bytes)
        return tl::make_unexpected(bytes.error());
    Result<Campaign> campaign = parseCampaign(*bytes, baseDirectoryFor(entry.originalPath));
    if (campaign)
        campaign->filePath = entry.originalPath;
    return campaign;
}

} // namespace Bulkmail
