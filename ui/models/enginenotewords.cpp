#include "enginenotewords.h"

#include "common/notecodec.h"
#include "compose/composeproblem.h"
#include "models/errorwords.h"

#include <QDate>
#include <QDateTime>
#include <QLocale>

namespace Bulkmail {

namespace {

QString suppressionReasonWords(const QString &name)
{
    if (name == u"hard-bounce")
        return EngineNoteWords::tr("the address bounced for good");
    if (name == u"unsubscribe")
        return EngineNoteWords::tr("the recipient unsubscribed");
    if (name == u"manual")
        return EngineNoteWords::tr("added by hand");
    return name;
}

QString personalFileProblems(const QStringList &arguments)
{
    QStringList reasons;
    for (qsizetype i = 0; i + PersonalFileProblemArguments <= arguments.size();
         i += PersonalFileProblemArguments) {
        const auto argument = [&](qsizetype k) { return arguments.at(i + k); };
        const QString label = argument(2) == u"column"
                                  ? EngineNoteWords::tr("rule %1 (column %2)")
                                        .arg(argument(1), argument(3))
                                  : EngineNoteWords::tr("rule %1 (%2)").arg(argument(1), argument(3));
        const QString kind = argument(0);
        if (kind == u"ambiguous")
            reasons.append(EngineNoteWords::tr("%1: %n files match (%2); Bulkmail never guesses",
                                               nullptr,
                                               argument(4).toInt())
                               .arg(label, argument(5)));
        else if (kind == u"empty-field")
            reasons.append(EngineNoteWords::tr("%1: the field it uses is empty").arg(label));
        else if (kind == u"not-a-file-name")
            reasons.append(EngineNoteWords::tr("%1: the value is not a plain file name").arg(label));
        else
            reasons.append(EngineNoteWords::tr("%1: no file matches").arg(label));
    }
    return EngineNoteWords::tr("personal attachment: %1")
        .arg(reasons.join(EngineNoteWords::tr("; ", "between two problems")));
}

QString fileChange(const QStringList &arguments)
{
    const auto argument = [&arguments](qsizetype i) { return arguments.value(i); };
    if (argument(1) == u"gone")
        return EngineNoteWords::tr("personal attachment \"%1\" is gone since the check")
            .arg(argument(0));
    if (argument(1) == u"size")
        return EngineNoteWords::tr("personal attachment \"%1\" changed since the check (%2 "
                                   "bytes then, %3 now)")
            .arg(argument(0),
                 QLocale().toString(argument(2).toLongLong()),
                 QLocale().toString(argument(3).toLongLong()));
    if (argument(1) == u"modified") {
        const QDateTime modified = QDateTime::fromString(argument(3), Qt::ISODate);
        return EngineNoteWords::tr("personal attachment \"%1\" changed since the check "
                                   "(modified %2)")
            .arg(argument(0),
                 modified.isValid()
                     ? QLocale().toString(modified.toLocalTime(), QLocale::ShortFormat)
                     : argument(3));
    }
    return EngineNoteWords::tr("personal attachment \"%1\" changed since the check (its "
                               "content differs)")
        .arg(argument(0));
}

} // namespace

QString EngineNoteWords::note(DeliveryNote note, const QStringList &arguments)
{
    const QLocale locale;
    const auto argument = [&arguments](qsizetype i) { return arguments.value(i); };
    const auto number = [&arguments](qsizetype i) { return arguments.value(i).toInt(); };
    switch (note) {
    case DeliveryNote::None:
        return {};
    case DeliveryNote::NotComposed: {
        // After the composer's English: its code and arguments, when it gave them.
        return tr("the message could not be composed: %1")
            .arg(ErrorWords::of(ComposeProblem::noteError(argument(0), arguments, 1)));
    }
    case DeliveryNote::GaveUp:
        return tr("gave up after %n attempt(s)", nullptr, number(0));
    case DeliveryNote::NextAttempt:
        return tr("next attempt in %n second(s)", nullptr, number(0));
    case DeliveryNote::SitePaused:
        return tr("the server is unavailable: sending paused for %n second(s)", nullptr, number(0));
    case DeliveryNote::ConnectionFailedOften:
    case DeliveryNote::ConnectionLostOften:
        // How the last connection ended is in the connection view and the log.
        return tr("the connection failed %n time(s) while this message was being sent; not tried "
                  "again",
                  nullptr,
                  number(0));
    case DeliveryNote::HeldAfterLostReply:
        return tr("the connection was lost after the message was sent, before the server "
                  "confirmed it: held, not resent (the campaign says to hold such messages); "
                  "decide whether to resend it");
    case DeliveryNote::UnconfirmedTwice:
        return tr("the connection was lost again before the server confirmed the message: not "
                  "resent a second time; delivery unconfirmed");
    case DeliveryNote::ResendingOnce:
        return tr("the connection was lost before the server confirmed the message: sending it "
                  "once more (the recipient may get it twice)");
    case DeliveryNote::InvalidAddress:
        return tr("not a valid address: nothing was sent");
    case DeliveryNote::DuplicateOf:
        return tr("the same address as row %1, which gets the message: not sent twice")
            .arg(locale.toString(number(1)));
    case DeliveryNote::HeldFromEarlierRun:
        return tr("delivery was not confirmed in an earlier run: held, not resent; decide whether "
                  "to resend it");
    case DeliveryNote::Suppressed: {
        const QDate since = QDate::fromString(argument(1), Qt::ISODate);
        const QString date = since.isValid() ? locale.toString(since, QLocale::ShortFormat)
                                             : argument(1);
        const QString reason = suppressionReasonWords(argument(0));
        if (argument(2).isEmpty())
            return tr("on the suppression list since %1 (%2): not sent").arg(date, reason);
        return tr("on the suppression list since %1 (%2: %3): not sent")
            .arg(date, reason, argument(2));
    }
    case DeliveryNote::PersonalFilesBlocked:
        return personalFileProblems(arguments);
    case DeliveryNote::PersonalPdfPasswordEmpty:
        if (argument(0).isEmpty())
            return tr("personal attachment: the field that gives the PDF its password is empty");
        return tr("personal attachment \"%1\": the field that gives the PDF its password is "
                  "empty")
            .arg(argument(0));
    case DeliveryNote::PersonalFileNotChecked:
        return tr("personal attachment \"%1\" was not checked: run the check first").arg(argument(0));
    case DeliveryNote::PersonalFileChanged:
        return fileChange(arguments);
    case DeliveryNote::PersonalFileNotPdf:
        return tr("personal attachment \"%1\" is not a PDF, so it cannot be protected")
            .arg(argument(0));
    case DeliveryNote::PersonalFileUnusable: {
        const QString problem = ErrorWords::of(ComposeProblem::noteError(argument(1), arguments, 2));
        if (argument(0).isEmpty())
            return tr("personal attachment: %1").arg(problem);
        return tr("personal attachment \"%1\": %2").arg(argument(0), problem);
    }
    case DeliveryNote::NoReplyRecorded:
        return tr("the connection ended after the message was sent, before the server confirmed "
                  "it");
    }
    return {};
}

QString EngineNoteWords::composeProblem(const Error &error)
{
    using Code = ComposeProblem::Code;
    const QStringList &arguments = error.noteArguments;
    const auto argument = [&arguments](qsizetype i) { return arguments.value(i); };
    // A field as the window labels it; a key it does not know as it came.
    const auto field = [&argument] {
        const QString key = argument(0);
        if (key == u"message.from")
            return tr("From");
        if (key == u"message.replyTo")
            return tr("Reply-To");
        if (key == u"recipient.email")
            return tr("the recipient's address");
        if (key == u"recipient.cc")
            return tr("Cc");
        if (key == u"recipient.bcc")
            return tr("Bcc");
        if (key == u"message.cc")
            return tr("Cc (all messages)");
        if (key == u"message.bcc")
            return tr("Bcc (all messages)");
        if (key == u"message.unsubscribeByMail.mailbox")
            return tr("unsubscribe mailbox");
        if (key == u"personalAttachments.protectPdfWith")
            return tr("PDF password");
        return key;
    };
    switch (ComposeProblem::codeOf(error)) {
    case Code::None:
        break;
    case Code::Unknown:
        return unknownNote(error.message);
    case Code::AddressNotValid:
        return tr("%1: \"%2\" is not a valid email address").arg(field(), argument(1));
    case Code::AddressUnreadable:
        return tr("%1: the address cannot be read (%2)").arg(field(), argument(1));
    case Code::AddressNeedsSmtpUtf8:
        return tr("%1: \"%2\" has non-ASCII letters before the @, and the server does not "
                  "accept such addresses (SMTPUTF8)")
            .arg(field(), argument(1));
    case Code::MessageIdDomainInvalid:
        return tr("\"%1\" cannot be used as the domain of a Message-ID").arg(argument(0));
    case Code::HeaderNameInvalid:
        return tr("extra header: \"%1\" is not a valid header name").arg(argument(0));
    case Code::HeaderNotSettable:
        return tr("extra header: \"%1\" is set by Bulkmail and cannot be set by hand")
            .arg(argument(0));
    case Code::HeaderLineTooLong:
        return tr("a header line would be longer than %1 bytes")
            .arg(QLocale().toString(argument(0).toInt()));
    case Code::AttachmentMissing:
        return tr("attachment \"%1\": the file does not exist").arg(argument(0));
    case Code::AttachmentNotAFile:
        return tr("attachment \"%1\": not a file").arg(argument(0));
    case Code::AttachmentUnreadable:
        return tr("attachment \"%1\": the file cannot be read (%2)").arg(argument(0), argument(1));
    case Code::UnknownField:
        return tr("%1: there is no column \"%2\" among the recipients' fields")
            .arg(field(), argument(1));
    case Code::UnsubscribeUriHasSpace:
        return tr("unsubscribe link \"%1\": it contains a space, a control character or <>")
            .arg(argument(0));
    case Code::UnsubscribeUriNotWeb:
        return tr("unsubscribe link \"%1\": it must start with https://, http:// or mailto:")
            .arg(argument(0));
    case Code::PdfPasswordEmpty:
        return tr("the PDF password is empty");
    case Code::PdfNotProtected:
        return tr("the PDF cannot be protected with a password (%1)").arg(argument(0));
    case Code::NotWritten:
        return tr("the message could not be written");
    // A template's mistake, where it is in the text.
    case Code::TemplateUnclosedTag:
        return tr("Unclosed tag at line %1, column %2").arg(argument(0), argument(1));
    case Code::TemplateUnclosedSection:
        return tr("Unclosed section \"%1\" at line %2, column %3")
            .arg(argument(0), argument(1), argument(2));
    case Code::TemplateUnopenedSection:
        return tr("Unopened section \"%1\" at line %2, column %3")
            .arg(argument(0), argument(1), argument(2));
    case Code::TemplateBadDelimiters:
        return tr("Invalid set delimiter tag at line %1, column %2").arg(argument(0), argument(1));
    case Code::TemplatePartial:
        return tr("Partial \"%1\" at line %2, column %3: partials are not supported")
            .arg(argument(0), argument(1), argument(2));
    case Code::TemplateDottedName:
        return tr("Field \"%1\" at line %2, column %3: names with a dot are not supported")
            .arg(argument(0), argument(1), argument(2));
    case Code::TemplateParserError:
        return argument(0); // the template library's own words
    }
    return error.message;
}

QString EngineNoteWords::sentCopyProblem(const ImapNote &note, const QString &english)
{
    const auto argument = [&note](qsizetype i) { return note.arguments.value(i); };
    // How the last session ended: its note (packed from `from`) worded, else its English.
    const auto lastEnded = [&note, &argument](qsizetype from) {
        return sentCopyProblem(ImapNote::unpacked(note.arguments, from), argument(from - 1));
    };
    switch (note.code) {
    case ImapNote::Code::Unknown:
        return unknownNote(english);
    case ImapNote::Code::None:
        return english;
    case ImapNote::Code::Words:
        return argument(0);
    case ImapNote::Code::SpoolUnreadable:
        return tr("the copy waiting to go to Sent cannot be read: %1")
            .arg(ErrorWords::of(errorFromPackedNote(argument(0), note.arguments, 1)));
    case ImapNote::Code::CopyRefused:
        return tr("the mail server refused the copy: %1").arg(argument(0));
    case ImapNote::Code::ConnectionEndedOften:
        return tr("the connection to the mailbox ended %n time(s) while copying it (%1)",
                  nullptr,
                  argument(0).toInt())
            .arg(lastEnded(2));
    case ImapNote::Code::FolderNotFound:
        return tr("the folder \"%1\" was not found on %2").arg(argument(0), argument(1));
    case ImapNote::Code::NoSentFolder:
        return tr("no Sent folder was found on %1: name one in the account's settings")
            .arg(argument(0));
    case ImapNote::Code::FolderNameUnusable:
        return tr("the Sent folder's name cannot be used");
    case ImapNote::Code::FolderNotOpened:
        return tr("the Sent folder \"%1\" cannot be opened: %2").arg(argument(0), argument(1));
    case ImapNote::Code::ServerKeptFailing:
        return tr("the mailbox server %1 failed %n time(s) in a row: %2",
                  nullptr,
                  argument(1).toInt())
            .arg(argument(0), lastEnded(3));
    case ImapNote::Code::NoAccessToken:
        return tr("no OAuth2 access token could be had for the mailbox server %1 (%n tries in a "
                  "row): %2",
                  nullptr,
                  argument(1).toInt())
            .arg(argument(0), argument(2));
    case ImapNote::Code::NoPassword:
        return tr("no password for the mailbox %1: enter the account's password").arg(argument(0));
    case ImapNote::Code::PasswordRefused:
        return tr("the mailbox server refused the user name or password: %1").arg(argument(0));
    case ImapNote::Code::SignInRefused:
        return tr("the mailbox server refused the sign-in with %1: %2").arg(argument(0), argument(1));
    case ImapNote::Code::PasswordNotAccepted:
        return tr("the mailbox server %1 does not accept a password without encryption: choose "
                  "TLS or STARTTLS")
            .arg(argument(0));
    case ImapNote::Code::LoginCannotCarry:
        return tr("the mailbox server %1 cannot take this user name or password (it accepts only "
                  "plain ASCII characters)")
            .arg(argument(0));
    case ImapNote::Code::CertificateRejected:
        return tr("the mailbox server's TLS certificate was rejected: %1. To trust a self-signed "
                  "or private certificate, name its PEM file")
            .arg(argument(0));
    case ImapNote::Code::NoStartTls:
        return tr("the mailbox server %1 does not offer STARTTLS, and this account requires "
                  "encryption: nothing was sent to it unencrypted")
            .arg(argument(0));
    case ImapNote::Code::StartTlsRefused:
        return tr("the mailbox server %1 refused STARTTLS (%2), and this account requires "
                  "encryption")
            .arg(argument(0), argument(1));
    case ImapNote::Code::SignedInBeforeTls:
        return tr("the mailbox server %1 signed in before encryption started, and this account "
                  "requires encryption")
            .arg(argument(0));
    case ImapNote::Code::ServerClosed:
        return tr("the mailbox server closed the connection");
    case ImapNote::Code::NotImap:
        return tr("the mailbox server %1 sent something that is not IMAP (%2)")
            .arg(argument(0), argument(1));
    case ImapNote::Code::TlsHandshakeFailed:
        return tr("the encrypted connection (TLS) with the mailbox server %1 could not be set up: "
                  "%2")
            .arg(argument(0), argument(1));
    case ImapNote::Code::SocketError:
        return tr("the connection to the mailbox server %1 failed: %2").arg(argument(0), argument(1));
    case ImapNote::Code::ConnectTimedOut:
        return tr("could not connect to the mailbox server %1 within %n second(s)",
                  nullptr,
                  argument(1).toInt())
            .arg(argument(0));
    case ImapNote::Code::NoReply:
        return tr("the mailbox server %1 did not answer within %n second(s)",
                  nullptr,
                  argument(1).toInt())
            .arg(argument(0));
    case ImapNote::Code::UnknownTag:
        return tr("the mailbox server %1 answered a command that was not sent (tag %2)")
            .arg(argument(0), argument(1));
    case ImapNote::Code::NoGreeting:
        return tr("%1 did not greet as a mailbox server (IMAP) does").arg(argument(0));
    case ImapNote::Code::GreetingRefused:
        return tr("the mailbox server %1 refused the connection: %2").arg(argument(0), argument(1));
    case ImapNote::Code::UnexpectedContinuation:
        return tr("the mailbox server %1 asked for more with no command waiting for it")
            .arg(argument(0));
    case ImapNote::Code::ContinuationTooMany:
        return tr("the mailbox server %1 asked for more than the command has").arg(argument(0));
    }
    return english;
}

QString EngineNoteWords::unknownNote(const QString &english)
{
    if (english.isEmpty())
        return tr("a note this version of Bulkmail does not know");
    return tr("a note this version of Bulkmail does not know: %1").arg(english);
}

QString EngineNoteWords::details(const RecipientResult &result)
{
    const QString words = note(result.note, result.noteArguments);
    if (words.isEmpty())
        return result.text;
    if (result.serverText.isEmpty())
        return words;
    return tr("%1 (%2)", "the server's words, then the engine's note").arg(result.serverText, words);
}

} // namespace Bulkmail
