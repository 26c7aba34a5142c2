#include "imapnote.h"

namespace Bulkmail {

QString ImapNote::english() const
{
    const auto argument = [this](qsizetype i) { return arguments.value(i); };
    switch (code) {
    case Code::None:
        return {};
    case Code::Words:
    case Code::SpoolUnreadable:
        return argument(0);
    case Code::CopyRefused:
        return QStringLiteral("The IMAP server refused the copy: %1").arg(argument(0));
    case Code::ConnectionEndedOften:
        return QStringLiteral("The IMAP connection ended %1 times while copying it (%2)")
            .arg(argument(0), argument(1));
    case Code::FolderNotFound:
        return QStringLiteral("The folder \"%1\" was not found on %2.").arg(argument(0), argument(1));
    case Code::NoSentFolder:
        return QStringLiteral("No Sent folder was found on %1: name one in the account's settings.")
            .arg(argument(0));
    case Code::FolderNameUnusable:
        return QStringLiteral("The Sent folder's name cannot be used in a command.");
    case Code::FolderNotOpened:
        return QStringLiteral("The Sent folder \"%1\" cannot be opened: %2")
            .arg(argument(0), argument(1));
    case Code::ServerKeptFailing:
        return QStringLiteral("The IMAP server %1 kept failing (%2 sessions in a row): %3")
            .arg(argument(0), argument(1), argument(2));
    case Code::NoAccessToken:
        return QStringLiteral("No OAuth2 access token could be had for the IMAP server %1 (%2 "
                              "tries in a row): %3")
            .arg(argument(0), argument(1), argument(2));
    case Code::NoPassword:
        return QStringLiteral("no password for the mailbox %1 (set BULKMAIL_IMAP_PASSWORD, or the "
                              "account's password)")
            .arg(argument(0));
    }
    return {};
}

ImapNote ImapNote::make(Code code, const QStringList &arguments)
{
    return ImapNote{code, arguments};
}

ImapNote ImapNote::words(const QString &text)
{
    if (text.isEmpty())
        return {};
    return make(Code::Words, {text});
}

} // namespace Bulkmail
