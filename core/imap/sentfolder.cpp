#include "sentfolder.h"

#include "mailboxname.h"

#include <algorithm>

namespace Bulkmail {

namespace {

// Names of the Sent folder in mail clients and at providers, by preference, without case: the
// English ones (Thunderbird, Outlook/Exchange, Apple Mail, Gmail's "[Gmail]/Sent Mail"), and
// the Chinese providers' (QQ/Tencent Exmail, NetEase, Aliyun, Sina), simplified and traditional.
const QStringList KnownSentNames{
    QStringLiteral("Sent"),
    QStringLiteral("Sent Items"),
    QStringLiteral("Sent Messages"),
    QStringLiteral("Sent Mail"),
    QStringLiteral("Sent Mails"),
    QStringLiteral("已发送"),
    QStringLiteral("已发送邮件"),
    QStringLiteral("已发邮件"),
    QStringLiteral("已發送"),
    QStringLiteral("寄件備份"),
    QStringLiteral("已傳送郵件"),
};

QString lastPart(const MailboxListing &mailbox)
{
    if (mailbox.delimiter.isEmpty())
        return mailbox.name;
    const qsizetype at = mailbox.name.lastIndexOf(QString::fromLatin1(mailbox.delimiter));
    return at < 0 ? mailbox.name : mailbox.name.mid(at + mailbox.delimiter.size());
}

} // namespace

bool MailboxListing::hasFlag(QByteArrayView flag) const
{
    return std::any_of(flags.begin(), flags.end(), [flag](const QByteArray &f) {
        return f.size() == flag.size() && QByteArrayView(f).compare(flag, Qt::CaseInsensitive) == 0;
    });
}

bool MailboxListing::isSelectable() const
{
    return !hasFlag("\\Noselect") && !hasFlag("\\NonExistent");
}

QList<MailboxListing> mailboxesFromList(const QList<ImapResponse> &untagged)
{
    QList<MailboxListing> mailboxes;
    for (const ImapResponse &response : untagged) {
        // * LIST (<flags>) <delimiter or NIL> <name> [extended data]
        if (response.dataName() != "LIST" || response.data.size() < 4
            || !response.data.at(1).isList()) {
            continue;
        }
        MailboxListing mailbox;
        for (const ImapValue &flag : response.data.at(1).items)
            mailbox.flags.append(flag.text);
        mailbox.delimiter = response.data.at(2).text;
        mailbox.wireName = response.data.at(3).text;
        mailbox.name = decodeMailboxName(mailbox.wireName)
                           .value_or(QString::fromUtf8(mailbox.wireName));
        mailboxes.append(mailbox);
    }
    return mailboxes;
}

std::optional<MailboxListing> chooseSentMailbox(const QList<MailboxListing> &mailboxes)
{
    for (const MailboxListing &mailbox : mailboxes) {
        if (mailbox.hasFlag("\\Sent") && mailbox.isSelectable())
            return mailbox;
    }
    for (const QString &known : KnownSentNames) {
        for (const MailboxListing &mailbox : mailboxes) {
            if (mailbox.isSelectable()
                && lastPart(mailbox).compare(known, Qt::CaseInsensitive) == 0) {
                return mailbox;
            }
        }
    }
    return std::nullopt;
}

} // namespace Bulkmail
