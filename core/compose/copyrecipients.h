#pragma once

#include "campaign/campaign.h"
#include "campaign/emailaddress.h"
#include "common/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Bulkmail {

// One recipient's Cc and Bcc (MessageTemplate::cc and ::bcc): fixed addresses and fields,
// "{{manager_email}}, archive@example.org", separated by commas or semicolons. Field values are
// merged literally; each piece is then a mailbox ("Name <address>" or a bare address).
struct CopyRecipients
{
    QList<Mailbox> cc;  // in the Cc header and the envelope
    QList<Mailbox> bcc; // in the envelope only, never in a header
    // Pieces that are not a valid mailbox, as written (CR and LF included: they never reach a
    // header): flagged by the check and reported by the send, which goes on without them.
    QStringList invalid;
    // Addresses left out because the message already goes to them (the recipient, or an earlier
    // Cc or Bcc), compared without regard to case.
    QStringList duplicates;

    [[nodiscard]] bool isEmpty() const { return cc.isEmpty() && bcc.isEmpty(); }
};

// `text` with every "{{ field }}" replaced by the recipient's value, literally (no escaping, no
// sections). ErrorCode::InvalidValue names `what` and the unknown field.
[[nodiscard]] Result<QString> mergeRecipientFields(const QString &text,
                                                   const QStringList &recipientFields,
                                                   const Recipient &recipient,
                                                   const QString &what);

// The first "{{ field }}" of `text` that names no field of the recipients; empty if none.
[[nodiscard]] QString firstUnknownField(const QString &text, const QStringList &recipientFields);

// Fails with ErrorCode::InvalidValue when a template names a field that does not exist.
[[nodiscard]] Result<CopyRecipients> resolveCopyRecipients(const MessageTemplate &message,
                                                           const QStringList &recipientFields,
                                                           const Recipient &recipient);

} // namespace Bulkmail
