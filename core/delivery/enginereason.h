#pragma once

#include "smtp/closenote.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Bulkmail {

// Why the engine stopped a campaign, as a code with its arguments, so that the window can say it
// in the user's words and language (ui/send/enginereasonwords), while the log and the CLI keep
// the English sentence (`english`), which is also what CampaignSummary::fatalError carries.
struct EngineReason
{
    enum class Code {
        None,  // no reason: the campaign did not stop on its own
        Other, // only `english` says it; arguments[0] is that text (already in the user's words
               // when it comes from the reply classifier, which translates its explanations)
        SiteDownTooLong,        // arguments: minutes waited, the server's last answer
        SiteUnreachableTooLong, // arguments: minutes waited, the last attempt's failure
                                // (English), then, when it has one, that failure's CloseNote
                                // (CloseNote::packed: code and arguments)
        QuotaExhausted,         // arguments: the server's reply
        JournalWriteFailed,     // arguments: the error writing the send journal
        // Before the first message (nothing was sent):
        JournalNotMovedAside,      // arguments: the journal's path (a restart keeps the old one)
        JournalUnreadable,         // arguments: the journal's path, the error reading it
        JournalUnwritable,         // arguments: the journal's path, the error opening it to write
        PersonalFilesUnresolved,   // arguments: how many recipients, the first one's problem
                                   // (English), then its DeliveryNote (a number) and arguments
        SuppressionListUnreadable, // arguments: the error reading the list (English)
        UnknownCopyField,          // arguments: "cc" or "bcc", the field its template names
        // A connection's fatal refusal said by its code (TLS, authentication): the CloseNote's
        // code (a number), then its arguments.
        ConnectionRefused,
        // No connection could be made, before any session worked: arguments: the server's
        // address, how many attempts in a row, the last one's failure (English), then its
        // CloseNote (CloseNote::packed) when it has one.
        ConnectFailedRepeatedly,
    };
    Code code = Code::None;
    QStringList arguments;
    QString english;

    [[nodiscard]] bool isEmpty() const { return code == Code::None; }
    // A reason with a code: its English sentence is made from the code and arguments.
    [[nodiscard]] static EngineReason make(Code code, const QStringList &arguments);
    // A reason only words say (a code would add nothing the text does not).
    [[nodiscard]] static EngineReason other(const QString &text);
    // ConnectFailedRepeatedly, with the last attempt's failure as English and as its note.
    [[nodiscard]] static EngineReason connectFailed(const QString &address,
                                                    int attempts,
                                                    const QString &lastFailure,
                                                    const CloseNote &lastNote);
};

// The English sentence of a code with its arguments, for the log and the CLI.
[[nodiscard]] QString englishEngineReason(EngineReason::Code code, const QStringList &arguments);

} // namespace Bulkmail

Q_DECLARE_METATYPE(Bulkmail::EngineReason)
