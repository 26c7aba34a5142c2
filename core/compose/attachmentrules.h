#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Bulkmail {

// One way of finding a recipient's own file in the folder of personal attachments.
struct PersonalAttachmentRule
{
    enum class Kind {
        // A file name pattern over the recipient's fields: "{{employee_id}}*.pdf". The fields are
        // merged literally (a '*' or '?' in a value matches only itself); then '*' and '?' of the
        // pattern match any run of characters and any one character.
        Pattern,
        Column, // the named field holds the file name itself (no wildcards)
    };
    enum class Need {
        Required, // no match holds the recipient (or blocks the send)
        Optional, // no match attaches nothing
    };

    Kind kind = Kind::Pattern;
    QString value; // the pattern, or the field's name
    Need need = Need::Required;

    friend bool operator==(const PersonalAttachmentRule &, const PersonalAttachmentRule &) = default;
};

// Files for each recipient (a payslip, a certificate): a folder and the rules that pick a
// recipient's files in it. Shared attachments (MessageTemplate::attachments) are separate.
struct PersonalAttachmentSettings
{
    // What a send does with recipients whose required file is missing or ambiguous.
    enum class WhenUnresolved {
        Block, // the check fails and nothing is sent (the default)
        Hold,  // the others are sent; these are held with the reason
    };

    QString folder; // absolute (relative to the campaign file in the file)
    QList<PersonalAttachmentRule> rules;
    WhenUnresolved whenUnresolved = WhenUnresolved::Block;
    // Non-empty: each personal PDF is encrypted (AES-256) with this template over the
    // recipient's fields as its password ("{{employee_id}}", "{{birth_date}}"). The template is
    // not a secret; the merged password is never logged or stored.
    QString pdfPasswordTemplate;

    [[nodiscard]] bool isEnabled() const { return !rules.isEmpty(); }

    friend bool operator==(const PersonalAttachmentSettings &, const PersonalAttachmentSettings &)
        = default;
};

// A personal attachment as it went out: the bytes that were encoded into the message.
struct AttachedFile
{
    QString fileName;
    qint64 size = 0;
    QByteArray sha256;        // hex, lower case
    bool isProtected = false; // encrypted with the recipient's password (size and hash: as sent)

    friend bool operator==(const AttachedFile &, const AttachedFile &) = default;
};

} // namespace Bulkmail
