#pragma once

#include "common/result.h"

#include <QString>
#include <QStringList>

namespace Bulkmail {

// Why a message could not be composed, as a code with its arguments, so that the window can say
// it in the user's words (ui/models/enginenotewords), while the log, the journal and the CLI keep
// the English (Error::message), word for word what the composer has always said. It travels in
// Error::noteCode and Error::noteArguments. A field is named by its key ("message.from",
// "recipient.email", "recipient.cc"); the window names it as it labels it.
struct ComposeProblem
{
    // The values are stored (Error::noteCode, packed into DeliveryNote's arguments and so into
    // the send journal): never renumber, add before Last.
    enum class Code {
        Unknown = -1, // a stored code this version does not know (codeOf() of a newer journal's)
        None = 0,
        AddressNotValid,        // arguments: the field, the address
        AddressUnreadable,      // arguments: the field, why (English, the address parser's)
        AddressNeedsSmtpUtf8,   // arguments: the field, the address
        MessageIdDomainInvalid, // arguments: the domain
        HeaderNameInvalid,      // arguments: the header's name
        HeaderNotSettable,      // arguments: the header's name
        HeaderLineTooLong,      // arguments: the longest a line may be, in octets
        AttachmentMissing,      // arguments: the file's path
        AttachmentNotAFile,     // arguments: the file's path
        AttachmentUnreadable,   // arguments: the file's path, the error (Qt's words)
        NotWritten,             // no arguments: GMime could not write the message
        UnknownField,           // arguments: the setting (its key), the {{field}} it names
        UnsubscribeUriHasSpace, // arguments: the List-Unsubscribe URI
        UnsubscribeUriNotWeb,   // arguments: the List-Unsubscribe URI (not http, https, mailto)
        PdfPasswordEmpty,       // no arguments
        PdfNotProtected,        // arguments: qpdf's error (English, qpdf's)
        // A merge template that does not parse; line and column count from 1 (characters).
        TemplateUnclosedTag,     // arguments: line, column
        TemplateUnclosedSection, // arguments: the section's name, line, column
        TemplateUnopenedSection, // arguments: the section's name, line, column
        TemplateBadDelimiters,   // arguments: line, column ({{=<% %>=}} malformed)
        TemplatePartial,         // arguments: the partial's name, line, column
        TemplateDottedName,      // arguments: the field's name, line, column
        TemplateParserError,     // arguments: the template library's own words
        Last = TemplateParserError,
    };

    // The English sentence, as Error::message carries it: the setting's key (settingOf()) and
    // ": " in front of reason() where the problem is in one setting.
    [[nodiscard]] static QString english(Code code, const QStringList &arguments);
    [[nodiscard]] static QString reason(Code code, const QStringList &arguments);
    // The campaign setting the problem is in ("message.from"; the field arguments name for an
    // address), empty when it is in none: Error::setting.
    [[nodiscard]] static QString settingOf(Code code, const QStringList &arguments);
    // An error with the code and its arguments, their English as its message, and its setting.
    [[nodiscard]] static Error error(ErrorCode errorCode,
                                     Code code,
                                     const QStringList &arguments = {});
    // The code an error carries (None when it has none from the composer, Unknown when it has
    // one this version does not know).
    [[nodiscard]] static Code codeOf(const Error &error);
    // An error's code and arguments as note arguments (nothing when it has no code), to follow
    // its English in a DeliveryNote's arguments; noteError() takes them back from `from`.
    [[nodiscard]] static QStringList packed(const Error &error);
    [[nodiscard]] static Error noteError(const QString &english,
                                         const QStringList &arguments,
                                         qsizetype from);
};

} // namespace Bulkmail
