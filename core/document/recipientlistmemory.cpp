#include "recipientlistmemory.h"

#include "common/fileio.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QStandardPaths>

namespace Bulkmail {

namespace {

QString normalized(const QString &address)
{
    return address.trimmed().toLower();
}

// The addresses of the rows that came from the recipients file (inline rows have no line).
QStringList fileAddresses(const Campaign &campaign)
{
    QSet<QString> seen;
    QStringList addresses;
    for (const Recipient &recipient : campaign.recipients) {
        const QString address = normalized(recipient.email);
        if (recipient.sourceLine > 0 && !address.isEmpty() && !seen.contains(address)) {
            seen.insert(address);
            addresses.append(address);
        }
    }
    addresses.sort();
    return addresses;
}

// A checklist line stays readable: a sheet with thousands of hidden rows names the first few.
constexpr qsizetype MaxListedArguments = 10;

// "people.xlsx: hidden rows are recipients like the others: 5, 9": the file first, so that the
// line says where to look; then what the import did, which is what the user should know.
QString describeNotice(const QString &file, const WorkbookNotice &notice)
{
    WorkbookNotice shortened = notice;
    const qsizetype more = notice.arguments.size() - MaxListedArguments;
    if (more > 0) {
        shortened.arguments = notice.arguments.first(MaxListedArguments);
        shortened.arguments.last() += QStringLiteral(" and %1 more").arg(more);
    }
    QString text = shortened.describe();
    switch (notice.kind) {
    case WorkbookNotice::Kind::HiddenSheets:
        text += QStringLiteral(" (name one as recipientsSheet to read it instead)");
        break;
    case WorkbookNotice::Kind::HiddenRows:
        text += QStringLiteral(" (they will receive the message although the spreadsheet "
                               "hides them)");
        break;
    case WorkbookNotice::Kind::MergedHeaderCells:
    case WorkbookNotice::Kind::TitleRowsSkipped:
        break;
    }
    return QFileInfo(file).fileName() + QStringLiteral(": ") + text;
}

} // namespace

QString RecipientListChange::describe() const
{
    return QStringLiteral("the list changed since you last looked: %1 new, %2 removed")
        .arg(added.size())
        .arg(removed.size());
}

RecipientListMemory::RecipientListMemory(QString directory)
    : m_directory(directory.isEmpty()
                      ? QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
                            + QStringLiteral("/recipient-lists")
                      : std::move(directory))
{}

QString RecipientListMemory::memoryFile(const Campaign &campaign) const
{
    const QByteArray key = (campaign.filePath + u'\n' + campaign.recipientsFile).toUtf8();
    return m_directory + u'/'
           + QString::fromLatin1(
               QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(32))
           + QStringLiteral(".txt");
}

std::optional<RecipientListChange> RecipientListMemory::changeSinceLastLook(
    const Campaign &campaign) const
{
    if (campaign.recipientsFile.isEmpty())
        return std::nullopt;
    QFile file(memoryFile(campaign));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QStringList before = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    const QSet<QString> beforeSet(before.cbegin(), before.cend());
    const QStringList now = fileAddresses(campaign);
    const QSet<QString> nowSet(now.cbegin(), now.cend());
    RecipientListChange change;
    for (const Recipient &recipient : campaign.recipients) {
        const QString address = normalized(recipient.email);
        if (recipient.sourceLine > 0 && !address.isEmpty() && !beforeSet.contains(address)
            && !change.added.contains(recipient.email.trimmed())) {
            change.added.append(recipient.email.trimmed());
        }
    }
    for (const QString &address : before) {
        if (!nowSet.contains(address))
            change.removed.append(address);
    }
    return change;
}

Result<void> RecipientListMemory::rememberLook(const Campaign &campaign) const
{
    if (campaign.recipientsFile.isEmpty())
        return {};
    if (!QDir().mkpath(m_directory)) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot create the folder %1").arg(m_directory));
    }
    return writeFileAtomically(memoryFile(campaign), fileAddresses(campaign).join(u'\n').toUtf8());
}

void addRecipientListChange(CampaignCheck &check, const std::optional<RecipientListChange> &change)
{
    if (!change || change->isEmpty())
        return;
    CampaignCheckItem item;
    item.severity = CampaignCheckItem::Severity::Warning;
    item.topic = CampaignCheckItem::Topic::Recipients;
    item.code = CampaignCheckItem::Code::RecipientListChanged;
    item.field = CampaignCheckItem::Field::Recipients;
    item.numbers = {change->added.size(), change->removed.size()};
    item.text = checkItemText(item);
    // First among the recipients' items: a long list of invalid rows must not hide it.
    const auto at = std::find_if(check.items.begin(), check.items.end(), [](const auto &each) {
        return each.topic >= CampaignCheckItem::Topic::Recipients;
    });
    check.items.insert(at, item);
}

void addRecipientsFileNotices(CampaignCheck &check, const Campaign &campaign)
{
    QList<ImportNotice> notices;
    if (!campaign.recipientsFile.isEmpty()) {
        for (const WorkbookNotice &notice : campaign.recipientsFileNotices)
            notices.append({campaign.recipientsFile, notice});
    }
    notices += campaign.importNotices;
    if (notices.isEmpty())
        return;
    // After the other items about the recipients' list as a whole, before those about rows.
    auto at = std::find_if(check.items.begin(), check.items.end(), [](const auto &each) {
        return each.topic > CampaignCheckItem::Topic::Recipients
               || (each.topic == CampaignCheckItem::Topic::Recipients && each.recipientIndex >= 0);
    });
    for (const ImportNotice &notice : std::as_const(notices)) {
        CampaignCheckItem item;
        item.severity = CampaignCheckItem::Severity::Warning;
        item.topic = CampaignCheckItem::Topic::Recipients;
        item.text = describeNotice(notice.fileName, notice.notice);
        at = std::next(check.items.insert(at, item));
    }
}

CampaignCheck checkCampaignAndList(const Campaign &campaign, const RecipientListMemory &memory)
{
    CampaignCheck check = checkCampaign(campaign);
    addRecipientsFileNotices(check, campaign);
    addRecipientListChange(check, memory.changeSinceLastLook(campaign));
    return check;
}

} // namespace Bulkmail
