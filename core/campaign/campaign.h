#pragma once

#include "compose/attachmentrules.h"
#include "compose/unsubscribemail.h"
#include "delivery/deliverysettings.h"
#include "document/workbooknotice.h"
#include "imap/imapendpoint.h"
#include "oauth/oauthsettings.h"
#include "smtp/smtpendpoint.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <chrono>

namespace Bulkmail {

// What every recipient receives, before merging. Subject, text and HTML are Mustache templates
// over the recipient's fields (email, name and every extra column of the list).
struct MessageTemplate
{
    QString from; // "Name <address>", "\"Last, First\" <address>" or a bare address
    QString subject;
    QString text;
    QString html{};    // optional HTML alternative; empty: text only
    QString replyTo{}; // optional mailbox
    // Per recipient: addresses and {{fields}}, separated by commas or semicolons ("{{manager}},
    // archive@example.org"); see compose/copyrecipients.h. Bcc never appears in a header.
    QString cc{};
    QString bcc{};
    QStringList attachments{}; // absolute paths (relative to the campaign file on disk)
    // Custom headers, sent in this order. A campaign file holds them as a JSON object,
    // which is unordered: read from a file they come sorted by name.
    QList<QPair<QString, QString>> headers{};
    QString listUnsubscribe{}; // "https://..." or "mailto:..." (RFC 2369, one-click per RFC 8058)
    // A mailto: of the sender's own added to List-Unsubscribe, with a token per message.
    UnsubscribeMailSettings unsubscribeByMail{};
    PersonalAttachmentSettings personalAttachments{}; // each recipient's own files

    friend bool operator==(const MessageTemplate &, const MessageTemplate &) = default;
};

// One row of the recipient list. The address is kept as it was loaded, valid or not: the user
// sees and fixes invalid rows instead of losing them silently.
struct Recipient
{
    QString email;
    QString name;
    // The values of the extra merge fields, in the order of Campaign::recipientFields; a shorter
    // list means the missing fields are empty.
    QStringList fields{};
    int sourceLine = 0; // 1-based line of the CSV file it came from; 0 when inline

    friend bool operator==(const Recipient &, const Recipient &) = default;
};

// The account's mailbox (IMAP), optional: where a copy of each message the server accepted goes.
// The password is the account's (keychain or BULKMAIL_IMAP_PASSWORD, else the SMTP one).
struct MailboxSettings
{
    ImapEndpoint server{}; // host empty: no mailbox
    QString username{};    // empty: the SMTP account's username
    bool copyToSent = false;
    QString sentFolder{}; // empty: the folder the server marks \Sent, else a usual name
    // Delivery reports are read from INBOX and this folder too (where a rule files them); empty:
    // INBOX alone.
    QString bounceFolder{};
    // Unsubscribe requests read back from the mailbox go to the suppression list at once; false:
    // they are listed for the user to confirm.
    bool autoSuppressUnsubscribes = false;
    // After a run ends, its bounces are still watched for this long (reports take minutes to
    // hours to come back); 0: only while the run lasts ("watchAfterMinutes" in the file).
    std::chrono::minutes watchAfter{120};
    [[nodiscard]] bool isConfigured() const { return !server.host.isEmpty(); }
};

// What a workbook whose rows were imported into the list (the window's import dialog) showed the
// user then: the checklist keeps saying it ("payroll.xlsx: hidden rows ...") until the list is
// replaced, and the campaign file keeps it ("importNotices"), because the rows it speaks of are
// still in the list after the file is closed and opened again.
struct ImportNotice
{
    QString fileName; // the workbook's name, without its folder
    WorkbookNotice notice;

    friend bool operator==(const ImportNotice &, const ImportNotice &) = default;
};

// The campaign document: the contents of one `.bulkmail` file (see campaignfile.h).
struct Campaign
{
    QString name;
    SmtpEndpoint server;                    // no password: it never goes into a campaign file
    AuthMethod auth = AuthMethod::Password; // OAuth2: server.username is the signed-in mailbox
    OAuthSettings oauth{};                  // used when auth is OAuth2; never holds a token
    MailboxSettings mailbox{};              // the Sent copy; not configured by default
    DeliverySettings sending;
    MessageTemplate message;
    QList<Recipient> recipients;
    QStringList recipientFields{}; // names of the extra merge fields (beyond email and name)
    QString recipientsFile{};  // absolute path of the CSV the recipients come from; empty: inline
    QString recipientsSheet{}; // the workbook sheet of recipientsFile; empty: the default sheet
    // What reading recipientsFile found that the user should know (a workbook's hidden rows...).
    QList<WorkbookNotice> recipientsFileNotices{};
    // The same for workbooks imported into the list (inline rows); see ImportNotice.
    QList<ImportNotice> importNotices{};
    QString filePath; // absolute path of the file it was loaded from or saved to; empty if new
};

} // namespace Bulkmail
