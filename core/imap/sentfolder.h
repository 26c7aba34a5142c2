#pragma once

#include "imapresponse.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Bulkmail {

// One mailbox of a LIST reply (RFC 9051 §7.3.1).
struct MailboxListing
{
    QByteArray wireName;     // as the server sent it (modified UTF-7): what commands use
    QString name;            // decoded, for people
    QList<QByteArray> flags; // "\HasNoChildren", "\Sent", ...
    QByteArray delimiter;    // "/" or "."; empty for a flat namespace
    [[nodiscard]] bool hasFlag(QByteArrayView flag) const; // case-insensitive
    [[nodiscard]] bool isSelectable() const;               // not \Noselect / \NonExistent
};

// The mailboxes in the untagged LIST replies of one command.
[[nodiscard]] QList<MailboxListing> mailboxesFromList(const QList<ImapResponse> &untagged);

// The account's Sent folder: the one the server marks \Sent (RFC 6154 SPECIAL-USE), else one
// with a name mail clients and providers use for it ("Sent", "Sent Items", "Sent Messages",
// "Sent Mail", "已发送", "已发送邮件"...), compared on the last part of the name and without case;
// nothing when there is none (never a guess such as INBOX).
[[nodiscard]] std::optional<MailboxListing> chooseSentMailbox(const QList<MailboxListing> &mailboxes);

} // namespace Bulkmail
