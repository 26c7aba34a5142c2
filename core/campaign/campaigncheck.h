#pragma once

#include "campaign/campaign.h"
#include "campaign/recipientvalidation.h"
#include "common/result.h"
#include "compose/mergetemplate.h"
#include "compose/personalattachments.h"

#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Bulkmail {

// Above this a message is called large. Providers cap a whole message at 20-25 MB (Gmail 25 MB,
// Outlook.com 20 MB) and count it after base64, which adds a third to every attachment.
inline constexpr qint64 LargeMessageBytes = 10 * 1024 * 1024;

// One attachment of the campaign as found on disk.
struct AttachmentCheck
{
    QString path;
    qint64 size = -1;  // bytes on disk; -1 when it cannot be read
    QString problem{}; // empty when the file can be read

    friend bool operator==(const AttachmentCheck &, const AttachmentCheck &) = default;
};

// The personal attachments as the check found them (see compose/personalattachments.h).
struct PersonalAttachmentCheck
{
    bool isEnabled = false;
    AttachmentResolution resolution;
    // Sendable rows only (invalid and duplicate rows receive nothing anyway).
    int matchedCount = 0;   // every rule resolved
    int missingCount = 0;   // a required rule found no file (or its field is empty)
    int ambiguousCount = 0; // a rule matched more than one file
    QList<int> unresolved;  // rows with a blocking problem: blocked, or held by a send
    // Every file a sendable recipient would receive, as it is now.
    QHash<QString, FileFingerprint> fingerprints;
    QDateTime lastCheckedAt;             // of the previous record; invalid if never checked
    QStringList changedSinceLastCheck;   // describeChange() texts
    qint64 largestRecipientBytes = 0;    // on disk, the most one recipient gets
    QHash<int, qint64> bytesByRecipient; // on disk, by row
};

// One line of the checklist: what the CLI prints and the GUI can show, in the order of the
// report (sender, server, recipients, templates, attachments, size).
//
// Each problem is a code with its arguments and the field it concerns, so that whoever shows it
// words it (the desktop app in the user's language, naming the field as its window labels it);
// `text` is the plain English sentence of the same (checkItemText()), which the CLI prints.
struct CampaignCheckItem
{
    enum class Severity {
        Blocker, // the campaign cannot be sent until it is fixed
        Warning, // it can be sent; the item says what will happen
    };
    enum class Topic { Sender, Server, Recipients, Template, Attachments, Size };

    // What the problem is. For a code about one row (recipientIndex >= 0), arguments[0] is that
    // row's address; the other arguments and numbers are listed per code.
    enum class Code {
        Other, // only `text` says it (an item added by code that knows no code for it)
        // Sender
        SenderMissing,
        SenderInvalid,       // arguments: the From as written
        SenderNeedsSmtpUtf8, // arguments: the From address
        ReplyToInvalid,      // arguments: the Reply-To as written
        // Server
        ServerMissing,
        PasswordUnencrypted,        // arguments: the user name
        CertificatesNotChecked,     //
        TrustCertificateUnreadable, // arguments: the file, the system's reason
        // Recipients
        NoRecipients,
        NoSendableRecipient,
        RecipientInvalid,       // row; arguments: address (empty when the row has none)
        Duplicate,              // row; numbers: the earlier row; it receives one message
        ProbableDuplicate,      // row; arguments: address, the earlier row's; numbers: that row
        DuplicateSentToEach,    // row; numbers: the earlier row; every row gets its message
        RecipientNeedsSmtpUtf8, // row
        CopyAddressInvalid,     // row; arguments: address, the Cc/Bcc address
        CopiesUnusable,         // arguments: the reason (English: an unknown field in Cc or
                                // Bcc), then the composer's code and its arguments
        RecipientNotComposed,   // row; arguments: address, the reason (English), then the
                                // composer's code and its arguments when it has one
        RecipientListChanged,   // numbers: added, removed (addRecipientListChange)
        // Template
        TemplateSyntax,       // field: the part; arguments: the parser's reason (English),
                              // then its code and arguments (ComposeProblem)
        UnknownTemplateField, // field: the part; arguments: the name, the nearest known or ""
        SubjectEmpty,
        BodyEmpty,
        FieldsWouldBeEmpty, // row; arguments: address, then each field's name
        MessageNotComposed, // field: the part at fault when known; arguments: the reason
                            // (English), then the composer's code and its arguments if any
        // Attachments
        AttachmentMissing,          // arguments: the path
        AttachmentIsFolder,         // arguments: the path
        AttachmentUnreadable,       // arguments: the path, the reason
        PersonalNeedsSavedCampaign, //
        PersonalUnusable,           // arguments: the reason (English: a rule or folder), then
                                    // AttachmentResolution::errorArguments
        PersonalRecordUnreadable,   // arguments: the reason, its code and arguments (FileProblem)
        PersonalUnresolved,  // row; arguments: address, then DeliveryNote::PersonalFilesBlocked's
                             // (the problems, for the window to word); Warning: held
        PdfPasswordUnusable, // arguments: the reason (English), then the composer's code and
                             // its arguments
        PdfPasswordEmpty,    // row; Warning: held
        PersonalFileUnreadable, // row; arguments: address, the reason, its code and arguments
        PersonalFilesUnmatched, // numbers: the count; arguments: up to five names
        PersonalFileChanged,    // arguments: what changed
        // Size
        MessagesTooLarge, // numbers: the largest message, the shared attachments on disk
    };
    // The campaign setting a problem concerns: where the fix is.
    enum class Field {
        None,
        From,
        ReplyTo,
        Subject,
        Text,
        Html,
        Cc,
        Bcc,
        Attachments,
        PersonalAttachments,
        ServerHost,
        Security,
        Username,
        TrustCertificate,
        Recipients,
    };

    Severity severity = Severity::Warning;
    Topic topic = Topic::Recipients;
    QString text{};
    int recipientIndex = -1; // the row the item is about, or -1
    Code code = Code::Other;
    Field field = Field::None;
    QStringList arguments{};
    QList<qint64> numbers{};

    friend bool operator==(const CampaignCheckItem &, const CampaignCheckItem &) = default;
};

// The English sentence of an item with a code, as the CLI prints it; `row` names the item's row
// ("line 12" of a CSV file, "recipient 3" typed into the campaign: describeRecipientRow()) and
// `otherRow` the earlier row of a duplicate. The one place where the CLI's words live.
[[nodiscard]] QString checkItemText(const CampaignCheckItem &item,
                                    const QString &row = {},
                                    const QString &otherRow = {});

// Everything that can be known about a campaign before connecting to its server. Pure logic
// apart from reading the attachments, so that the CLI prints it and the GUI shows the same
// checklist.
struct CampaignCheck
{
    int recipientCount = 0;
    QList<RecipientIssue> recipientIssues; // validateRecipients()
    QSet<int> skippedRecipients;           // rows a send leaves out: duplicatesToSkip()
    int invalidCount = 0;
    int duplicateCount = 0; // Duplicate and ProbableDuplicate rows (each receives no message)
    int sendableCount = 0;  // valid rows that are not duplicates: the messages a send attempts
    int copyCount = 0;      // valid Cc and Bcc addresses over all those messages
    // Rows on the account's suppression list, which a send leaves out. checkCampaign() leaves
    // them at zero: the caller that may read the list fills them (feedback/suppressioncheck.h's
    // applySuppressionCheck), so that checking stays free of databases. By reason code
    // ("hard-bounce", "unsubscribe", "manual"): the CLI and the GUI word them.
    int suppressedCount = 0;
    QMap<QString, int> suppressedByReason;

    TemplateCheck templates;
    QList<AttachmentCheck> attachments;
    qint64 attachmentBytes = 0; // on disk, the readable ones
    PersonalAttachmentCheck personal;

    // Sizes of the composed messages (RFC 5322 bytes as sent, 7-bit encoded): one message is
    // composed for real and the others are estimated from the size of their merged text. Zero
    // when nothing could be composed.
    qint64 sampleMessageBytes = 0;
    qint64 largestMessageBytes = 0;
    qint64 estimatedTotalBytes = 0;

    QList<CampaignCheckItem> items;

    [[nodiscard]] bool canBeSent() const;
    [[nodiscard]] QList<CampaignCheckItem> blockers() const;
    [[nodiscard]] QList<CampaignCheckItem> warnings() const;
};

// Checks the sender, the server settings, every recipient, the templates, the attachments (read
// from disk once) and composes a sample message, exactly with the pieces a send uses
// (MessageRenderer, composeMime with MimeOptions{}, AttachmentCache).
//
// Blockers: an invalid From, template parse errors, unknown fields, attachments that cannot be
// read, a sample message that cannot be composed, no recipient that can be sent to. Warnings:
// invalid recipients (a send skips them, nothing goes to them), duplicates (one message per
// mailbox), recipients for whom a used field is empty, a recipient whose message cannot be
// composed, messages above LargeMessageBytes, a password over an unencrypted connection, skipped
// certificate checks, an empty subject.
//
// Personal attachments (message.personalAttachments): a rule or folder that cannot be used, a
// campaign that was never saved (the check record lives beside it), a file that cannot be read
// are blockers; so are recipients whose required file is missing or whose rule matches more than
// one file, unless the campaign says "whenUnresolved": "hold" (then a warning: they are held).
// Files no recipient matches and files changed since the last check are warnings. The sizes
// count each recipient's files.
[[nodiscard]] CampaignCheck checkCampaign(const Campaign &campaign);

// Keeps the fingerprints of this check as the campaign's AttachmentRecord, which a send compares
// every personal file against. Does nothing without personal attachments.
[[nodiscard]] Result<void> recordPersonalAttachmentCheck(const Campaign &campaign,
                                                         const CampaignCheck &check);

} // namespace Bulkmail
