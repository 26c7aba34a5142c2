#pragma once

#include <QString>

namespace Bulkmail {

// `bulkmail-cli bounces FILE`: reads the campaign's mailbox once for delivery reports and
// unsubscribe requests about its messages, records them (the journal, the suppression list) and
// prints them.
struct BouncesOptions
{
    QString campaignPath;
    // The mailbox's password; when unset, BULKMAIL_IMAP_PASSWORD, then BULKMAIL_PASSWORD. A
    // campaign with "auth": "oauth2" signs in with the account's access tokens instead: the
    // signed-in account's, or the one in the variable accessTokenVariable names.
    QString passwordVariable;
    QString accessTokenVariable;
    QString eventsPath; // --events PATH (or - for stdout, also --json): one JSON object a line
};

// Exit statuses: 0 the mailbox was read to the end and held nothing new about the campaign;
// 2 read to the end, with new bounces or unsubscribe requests (printed); 1 it could not be read
// to the end (no mailbox in the campaign, no password or sign-in, refused, unreachable, a send
// running).
[[nodiscard]] int runBouncesCommand(const BouncesOptions &options);

struct FeedbackEvent;
// "anna@example.org<TAB>hard<TAB>5.1.1<TAB>row 3<TAB>words": one line a recipient, for people
// and for cut/awk alike (bounces, and send --watch-bounces).
[[nodiscard]] QString feedbackEventLine(const FeedbackEvent &event);

} // namespace Bulkmail
