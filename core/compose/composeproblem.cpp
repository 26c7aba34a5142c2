#include "composeproblem.h"

#include "common/notecodec.h"

namespace Bulkmail {

namespace {

// Error::noteCode of a composer's problem: its code plus this, apart from other producers'.
using Codec = NoteCodec<ComposeProblem::Code, 1000>;

} // namespace

QString ComposeProblem::settingOf(Code code, const QStringList &arguments)
{
    switch (code) {
    case Code::AddressNotValid:
    case Code::AddressUnreadable:
    case Code::AddressNeedsSmtpUtf8:
    case Code::UnknownField:
        return arguments.value(0);
    case Code::HeaderNameInvalid:
    case Code::HeaderNotSettable:
        return QStringLiteral("message.headers");
    case Code::UnsubscribeUriHasSpace:
    case Code::UnsubscribeUriNotWeb:
        return QStringLiteral("message.listUnsubscribe");
    default:
        return {};
    }
}

// The English after the setting's key, which english() puts in front of it.
QString ComposeProblem::reason(Code code, const QStringList &arguments)
{
    const auto argument = [&arguments](qsizetype i) { return arguments.value(i); };
    switch (code) {
    case Code::Unknown:
    case Code::None:
        return {};
    case Code::AddressNotValid:
        return QStringLiteral("\"%1\" is not a valid email address").arg(argument(1));
    case Code::AddressUnreadable:
        return argument(1);
    case Code::AddressNeedsSmtpUtf8:
        return QStringLiteral("\"%1\" has a non-ASCII local part, which needs SMTPUTF8; the "
                              "server does not offer it")
            .arg(argument(1));
    case Code::MessageIdDomainInvalid:
        return QStringLiteral("messageIdDomain: \"%1\" cannot be used in a Message-ID")
            .arg(argument(0));
    case Code::HeaderNameInvalid:
        return QStringLiteral("\"%1\" is not a valid header name").arg(argument(0));
    case Code::HeaderNotSettable:
        return QStringLiteral("\"%1\" cannot be set as a custom header").arg(argument(0));
    case Code::HeaderLineTooLong:
        return QStringLiteral("a header line would exceed %1 octets").arg(argument(0));
    case Code::AttachmentMissing:
        return QStringLiteral("attachment \"%1\": no such file").arg(argument(0));
    case Code::AttachmentNotAFile:
        return QStringLiteral("attachment \"%1\": not a regular file").arg(argument(0));
    case Code::AttachmentUnreadable:
        return QStringLiteral("attachment \"%1\": %2").arg(argument(0), argument(1));
    case Code::NotWritten:
        return QStringLiteral("GMime could not write the message");
    case Code::UnknownField:
        return QStringLiteral("unknown field \"%1\"").arg(argument(1));
    case Code::UnsubscribeUriHasSpace:
        return QStringLiteral("\"%1\" contains white space, a control character or <>")
            .arg(argument(0));
    case Code::UnsubscribeUriNotWeb:
        return QStringLiteral("\"%1\" is not an http, https or mailto URI").arg(argument(0));
    case Code::PdfPasswordEmpty:
        return QStringLiteral("the PDF password is empty");
    case Code::PdfNotProtected:
        return QStringLiteral("the PDF cannot be protected: %1").arg(argument(0));
    case Code::TemplateUnclosedTag:
        return QStringLiteral("Unclosed tag at line %1, column %2").arg(argument(0), argument(1));
    case Code::TemplateUnclosedSection:
        return QStringLiteral("Unclosed section \"%1\" at line %2, column %3")
            .arg(argument(0), argument(1), argument(2));
    case Code::TemplateUnopenedSection:
        return QStringLiteral("Unopened section \"%1\" at line %2, column %3")
            .arg(argument(0), argument(1), argument(2));
    case Code::TemplateBadDelimiters:
        return QStringLiteral("Invalid set delimiter tag at line %1, column %2")
            .arg(argument(0), argument(1));
    case Code::TemplatePartial:
        return QStringLiteral("Partial \"%1\" at line %2, column %3: partials are not supported")
            .arg(argument(0), argument(1), argument(2));
    case Code::TemplateDottedName:
        return QStringLiteral("Field \"%1\" at line %2, column %3: names with a dot are not "
                              "supported")
            .arg(argument(0), argument(1), argument(2));
    case Code::TemplateParserError:
        return argument(0);
    }
    return {};
}

QString ComposeProblem::english(Code code, const QStringList &arguments)
{
    return error(ErrorCode::InvalidValue, code, arguments).message;
}

Error ComposeProblem::error(ErrorCode errorCode, Code code, const QStringList &arguments)
{
    const Error error{errorCode, reason(code, arguments), Codec::number(code), arguments};
    const QString setting = settingOf(code, arguments);
    return setting.isEmpty() ? error : Error::inSetting(setting, error);
}

ComposeProblem::Code ComposeProblem::codeOf(const Error &error)
{
    return Codec::code(error.noteCode);
}

QStringList ComposeProblem::packed(const Error &error)
{
    return packedErrorNote(error);
}

Error ComposeProblem::noteError(const QString &english, const QStringList &arguments, qsizetype from)
{
    // The number as it was stored, even one this version does not know (codeOf() says so), so
    // that the problem keeps what it came with; its setting only from a code that is known.
    Error error = errorFromPackedNote(english, arguments, from);
    const QString setting = settingOf(Codec::code(error.noteCode), error.noteArguments);
    if (!setting.isEmpty() && english.startsWith(setting + QLatin1String(": ")))
        error.setting = setting;
    return error;
}

} // namespace Bulkmail
