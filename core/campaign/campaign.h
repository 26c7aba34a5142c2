#pragma once

#include "delivery/deliverysettings.h"
#include "smtp/smtpendpoint.h"

#include <QList>
#include <QString>

namespace Bulkmail {

// What every recipient receives, before merging. `{{name}}` and `{{email}}` in the subject and the
// text are replaced by the recipient's values (see messagecomposer.h).
struct MessageTemplate
{
    QString from; // "Name <address>", "\"Last, First\" <address>" or a bare address
    QString subject;
    QString text;

    friend bool operator==(const MessageTemplate &, const MessageTemplate &) = default;
};

// One row of the recipient list. The address is kept as it was loaded, valid or not: the user
// sees and fixes invalid rows instead of losing them silently.
struct Recipient
{
    QString email;
    QString name;

    friend bool operator==(const Recipient &, const Recipient &) = default;
};

// The campaign document: the contents of one `.bulkmail` file (see campaignfile.h).
struct Campaign
{
    QString name;
    SmtpEndpoint server; // no password: it never goes into a campaign file
    DeliverySettings sending;
    MessageTemplate message;
    QList<Recipient> recipients;
    QString filePath; // absolute path of the file it was loaded from or saved to; empty if new
};

} // namespace Bulkmail
