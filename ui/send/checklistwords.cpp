#include "checklistwords.h"

#include "compose/composeproblem.h"
#include "models/enginenotewords.h"
#include "models/errorwords.h"

#include <QLocale>

namespace Bulkmail {

namespace {

using Code = CampaignCheckItem::Code;
using Field = CampaignCheckItem::Field;

// A reason as the check carries it (its English, then its code and that code's arguments when it
// has one: the composer's or a file's) in the words the engine's notes use.
QString reasonWords(const QStringList &arguments)
{
    return ErrorWords::of(ComposeProblem::noteError(arguments.value(0), arguments, 1));
}

// Why the personal attachments cannot be used at all: the check's English reason, then
// AttachmentResolution::errorArguments (a kind this version does not know keeps the English).
QString personalSetupWords(const QStringList &arguments)
{
    const auto argument = [&arguments](int index) { return arguments.value(index); };
    const QString kind = argument(1);
    if (kind == u"no-folder")
        return ChecklistWords::tr("Personal attachments: choose the folder of the recipients' "
                                  "own files.");
    if (kind == u"folder-missing")
        return ChecklistWords::tr("Personal attachments: the folder %1 does not exist.")
            .arg(argument(2));
    if (kind == u"rule-empty")
        return ChecklistWords::tr("Personal attachments: rule %1 is empty.").arg(argument(2));
    if (kind == u"column-unknown")
        return ChecklistWords::tr("Personal attachments: rule %1 names the column “%2”, which "
                                  "the list does not have.")
            .arg(argument(2), argument(3));
    if (kind == u"field-unknown")
        return ChecklistWords::tr("Personal attachments: rule %1 (%2) uses the field “%3”, which "
                                  "the list does not have.")
            .arg(argument(2), argument(3), argument(4));
    return ChecklistWords::tr("Personal attachments cannot be used: %1").arg(argument(0));
}

} // namespace

QString ChecklistWords::sentence(const CampaignCheckItem &item)
{
    const QLocale locale;
    const auto argument = [&item](int index) { return item.arguments.value(index); };
    const auto number = [&item](int index) { return item.numbers.value(index); };
    // Rows as the recipient list numbers them (from 1).
    const QString row = locale.toString(item.recipientIndex + 1);
    const QString otherRow = locale.toString(number(0) + 1);
    const bool isHeld = item.severity == CampaignCheckItem::Severity::Warning;
    switch (item.code) {
    case Code::Other:
        return item.text;
    case Code::SenderMissing:
        return tr("The From address is empty.");
    case Code::SenderInvalid:
        return tr("The From address “%1” is not a valid address.").arg(argument(0));
    case Code::SenderNeedsSmtpUtf8:
        return tr("The From address %1 has letters other than English ones before the @: only a "
                  "server that offers SMTPUTF8 accepts it, and sending stops at the first "
                  "message if yours does not.")
            .arg(argument(0));
    case Code::ReplyToInvalid:
        return tr("The Reply to address “%1” is not a valid address.").arg(argument(0));
    case Code::ServerMissing:
        return tr("No outgoing mail server is given.");
    case Code::PasswordUnencrypted:
        return tr("Security is set to none: the password for %1 crosses the network "
                  "unencrypted.")
            .arg(argument(0));
    case Code::CertificatesNotChecked:
        return tr("The server's certificate is not checked: anyone in between can read the "
                  "messages and the password.");
    case Code::TrustCertificateUnreadable:
        return tr("The trusted certificate file %1 cannot be read: %2").arg(argument(0), argument(1));
    case Code::NoRecipients:
        return tr("The campaign has no recipients yet: import a list or add rows.");
    case Code::NoSendableRecipient:
        return tr("No recipient has a valid address that is not a duplicate.");
    case Code::RecipientInvalid:
        return argument(0).isEmpty()
                   ? tr("Row %1 has no email address; it is skipped.").arg(row)
                   : tr("Row %1: “%2” is not a valid email address; it is skipped.")
                         .arg(row, argument(0));
    case Code::Duplicate:
        return tr("Row %1: %2 repeats row %3; the address receives one message.")
            .arg(row, argument(0), otherRow);
    case Code::ProbableDuplicate:
        return tr("Row %1: %2 is probably the same mailbox as %3 on row %4 (they differ only in "
                  "capital letters); it receives one message.")
            .arg(row, argument(0), argument(1), otherRow);
    case Code::DuplicateSentToEach:
        return tr("Row %1: %2 is the same mailbox as row %3; each row gets its own message.")
            .arg(row, argument(0), otherRow);
    case Code::RecipientNeedsSmtpUtf8:
        return tr("Row %1: %2 has letters other than English ones before the @: it can be sent "
                  "only through a server that offers SMTPUTF8.")
            .arg(row, argument(0));
    case Code::CopyAddressInvalid:
        return tr("Row %1 (%2): the Cc or Bcc address “%3” is not valid; the message goes "
                  "without it.")
            .arg(row, argument(0), argument(1));
    case Code::CopiesUnusable:
        return tr("Cc or Bcc cannot be used: %1").arg(reasonWords(item.arguments));
    case Code::RecipientNotComposed:
        return tr("Row %1 (%2): the message cannot be made: %3")
            .arg(row, argument(0), reasonWords(item.arguments.mid(1)));
    case Code::RecipientListChanged:
        return tr("The list changed since you last looked: %1 new, %2 removed.")
            .arg(locale.toString(number(0)), locale.toString(number(1)));
    case Code::TemplateSyntax:
        switch (item.field) {
        case Field::Subject:
            return tr("The Subject has a template mistake: %1").arg(reasonWords(item.arguments));
        case Field::Html:
            return tr("The HTML body has a template mistake: %1").arg(reasonWords(item.arguments));
        default:
            return tr("The Message text has a template mistake: %1").arg(reasonWords(item.arguments));
        }
    case Code::UnknownTemplateField: {
        const QString suggestion = argument(1).isEmpty()
                                       ? QString()
                                       : tr(" Did you mean {{%1}}?").arg(argument(1));
        switch (item.field) {
        case Field::Subject:
            return tr("The Subject uses {{%1}}, but no column has that name.").arg(argument(0))
                   + suggestion;
        case Field::Html:
            return tr("The HTML body uses {{%1}}, but no column has that name.").arg(argument(0))
                   + suggestion;
        default:
            return tr("The Message text uses {{%1}}, but no column has that name.").arg(argument(0))
                   + suggestion;
        }
    }
    case Code::SubjectEmpty:
        return tr("The Subject is empty.");
    case Code::BodyEmpty:
        return tr("The Message text is empty.");
    case Code::FieldsWouldBeEmpty: {
        QStringList fields;
        for (const QString &field : item.arguments.mid(1))
            fields.append(QStringLiteral("{{%1}}").arg(field));
        return tr("Row %1 (%2): %3 would be empty.")
            .arg(row, argument(0), fields.join(tr(", ", "between field names")));
    }
    case Code::MessageNotComposed:
        return tr("The message cannot be made: %1").arg(reasonWords(item.arguments));
    case Code::AttachmentMissing:
        return tr("The attachment %1 does not exist (moved or deleted?).").arg(argument(0));
    case Code::AttachmentIsFolder:
        return tr("The attachment %1 is a folder, not a file.").arg(argument(0));
    case Code::AttachmentUnreadable:
        return tr("The attachment %1 cannot be read: %2").arg(argument(0), argument(1));
    case Code::PersonalNeedsSavedCampaign:
        return tr("Save the campaign first: personal attachments keep what the check finds "
                  "beside it.");
    case Code::PersonalUnusable:
        return personalSetupWords(item.arguments);
    case Code::PersonalRecordUnreadable:
        return tr("The record of the last check of personal attachments cannot be read: %1")
            .arg(reasonWords(item.arguments));
    case Code::PersonalUnresolved:
        return (isHeld ? tr("Row %1 (%2): %3. Its message will be held.") : tr("Row %1 (%2): %3."))
            .arg(row,
                 argument(0),
                 EngineNoteWords::note(DeliveryNote::PersonalFilesBlocked, item.arguments.mid(1)));
    case Code::PdfPasswordUnusable:
        return tr("The PDF password cannot be made: %1").arg(reasonWords(item.arguments));
    case Code::PdfPasswordEmpty:
        return (isHeld ? tr("Row %1 (%2): the column that gives the PDF its password is empty. "
                            "Its message will be held.")
                       : tr("Row %1 (%2): the column that gives the PDF its password is empty."))
            .arg(row, argument(0));
    case Code::PersonalFileUnreadable:
        return tr("Row %1 (%2): a personal attachment cannot be read: %3")
            .arg(row, argument(0), reasonWords(item.arguments.mid(1)));
    case Code::PersonalFilesUnmatched:
        return tr("%n file(s) in the personal files folder match no recipient: %1",
                  nullptr,
                  int(number(0)))
            .arg(item.arguments.join(tr(", ", "between file names")));
    case Code::PersonalFileChanged:
        return tr("A personal attachment changed since the last check: %1").arg(argument(0));
    case Code::MessagesTooLarge:
        return tr("Messages are up to %1 each (attachments: %2 on disk, a third more once "
                  "encoded): many providers refuse messages above 20–25 MB.")
            .arg(locale.formattedDataSize(number(0)), locale.formattedDataSize(number(1)));
    }
    return item.text;
}

QString ChecklistWords::fixLink(const CampaignCheckItem &item)
{
    if (item.recipientIndex >= 0)
        return tr("Show row %1").arg(QLocale().toString(item.recipientIndex + 1));
    switch (item.field) {
    case Field::None:
        return {};
    case Field::From:
        return tr("Enter the From address");
    case Field::ReplyTo:
        return tr("Correct Reply to");
    case Field::Subject:
        return tr("Edit the Subject");
    case Field::Text:
        return tr("Edit the Message text");
    case Field::Html:
        return tr("Edit the HTML body");
    case Field::Cc:
        return tr("Edit Cc");
    case Field::Bcc:
        return tr("Edit Bcc");
    case Field::Attachments:
        return tr("Show the Attachments");
    case Field::PersonalAttachments:
        return tr("Show the personal files");
    case Field::ServerHost:
        return tr("Enter the outgoing mail server on the Account page");
    case Field::Security:
        return tr("Choose Security on the Account page");
    case Field::Username:
        return tr("Enter the Username on the Account page");
    case Field::TrustCertificate:
        return tr("Choose the certificate on the Account page");
    case Field::Recipients:
        return tr("Show the recipient list");
    }
    return {};
}

} // namespace Bulkmail
