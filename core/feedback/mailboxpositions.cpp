#include "mailboxpositions.h"

#include "common/fileio.h"
#include "feedback/suppressionlist.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace Bulkmail {

namespace {

constexpr QLatin1String Format{"bulkmail-mailbox-positions"};
constexpr int FormatVersion = 1;

} // namespace

MailboxPositions::MailboxPositions(QString path)
    : m_path(std::move(path))
{}

QString MailboxPositions::pathForAccount(const QString &host, const QString &username)
{
    QString path = SuppressionList::pathForAccount(host, username);
    path.chop(QStringLiteral(".sqlite").size());
    return path + QStringLiteral(".positions.json");
}

Result<MailboxPositions> MailboxPositions::load(const QString &path)
{
    MailboxPositions positions(path);
    if (!QFile::exists(path))
        return positions;
    Result<QByteArray> bytes = readWholeFile(path);
    if (!bytes)
        return tl::make_unexpected(bytes.error());
    const QJsonDocument document = QJsonDocument::fromJson(*bytes);
    const QJsonObject root = document.object();
    if (root.value(QLatin1String("format")).toString() != Format
        || root.value(QLatin1String("version")).toInt() > FormatVersion) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("\"%1\" is not a mailbox position file Bulkmail can read")
                             .arg(path));
    }
    const QJsonObject readers = root.value(QLatin1String("readers")).toObject();
    for (auto reader = readers.begin(); reader != readers.end(); ++reader) {
        const QJsonObject mailboxes = reader.value().toObject();
        for (auto mailbox = mailboxes.begin(); mailbox != mailboxes.end(); ++mailbox) {
            const QJsonObject object = mailbox.value().toObject();
            // Numbers as strings: a UID is 32 bits, but JSON readers differ on large integers.
            positions.m_positions[reader.key()][mailbox.key()] = MailboxPosition{
                object.value(QLatin1String("uidValidity")).toString().toULongLong(),
                object.value(QLatin1String("lastUid")).toString().toULongLong()};
        }
    }
    return positions;
}

std::optional<MailboxPosition> MailboxPositions::position(const QString &reader,
                                                          const QString &mailbox) const
{
    const auto readerIt = m_positions.constFind(reader);
    if (readerIt == m_positions.cend())
        return std::nullopt;
    const auto it = readerIt->constFind(mailbox);
    if (it == readerIt->cend())
        return std::nullopt;
    return *it;
}

void MailboxPositions::setPosition(const QString &reader,
                                   const QString &mailbox,
                                   MailboxPosition position)
{
    m_positions[reader][mailbox] = position;
}

Result<void> MailboxPositions::save() const
{
    QJsonObject readers;
    for (auto reader = m_positions.cbegin(); reader != m_positions.cend(); ++reader) {
        QJsonObject mailboxes;
        for (auto mailbox = reader->cbegin(); mailbox != reader->cend(); ++mailbox) {
            mailboxes.insert(mailbox.key(),
                             QJsonObject{{QLatin1String("uidValidity"),
                                          QString::number(mailbox->uidValidity)},
                                         {QLatin1String("lastUid"),
                                          QString::number(mailbox->lastUid)}});
        }
        readers.insert(reader.key(), mailboxes);
    }
    const QJsonObject root{{QLatin1String("format"), Format},
                           {QLatin1String("version"), FormatVersion},
                           {QLatin1String("readers"), readers}};
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("Cannot create the folder of \"%1\"").arg(m_path));
    }
    return writeFileAtomically(m_path, QJsonDocument(root).toJson());
}

} // namespace Bulkmail
