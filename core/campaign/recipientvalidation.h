#pragma once

#include "campaign/campaign.h"

#include <QList>
#include <QSet>
#include <QString>

namespace Bulkmail {

// A problem with one recipient of a list. Nothing is dropped: the row stays in the list, flagged,
// so the user sees and fixes it.
struct RecipientIssue
{
    enum class Kind {
        InvalidAddress,    // isValidEmailAddress() fails (empty included); it cannot be sent to
        Duplicate,         // the same mailbox as an earlier row: local part equal, domain equal
                           // ignoring case (RFC 5321 §2.4: only the domain is case-insensitive)
        ProbableDuplicate, // differs from an earlier row only in the case of the local part:
                           // distinct by RFC 5321, the same mailbox on nearly every real server
    };

    int index = -1; // position in the list
    Kind kind = Kind::InvalidAddress;
    int duplicateOf = -1; // for the duplicate kinds: the index of the first row with the address
    QString message;      // "line 12: ..." for CSV rows, "recipient 3: ..." for inline ones

    friend bool operator==(const RecipientIssue &, const RecipientIssue &) = default;
};

// "line 12" for a row of a CSV file, "recipient 3" for one typed into the campaign.
[[nodiscard]] QString describeRecipientRow(const QList<Recipient> &recipients, int index);

// Checks every address and finds duplicates, in list order; at most one issue per recipient
// (invalid addresses take no part in duplicate detection). Internationalised domains compare
// in their ASCII form, so "bücher.example" equals "xn--bcher-kva.example". Linear time.
[[nodiscard]] QList<RecipientIssue> validateRecipients(const QList<Recipient> &recipients);

enum class ProbableDuplicates {
    SendOnce,     // treat as duplicates: one message for the first row (the default)
    SendEachCase, // send to every spelling, as RFC 5321 allows distinct mailboxes
};

// The recipients a send leaves out so that nobody receives the same message twice: every
// Duplicate, and every ProbableDuplicate unless `probable` says otherwise. Invalid addresses are
// not included (they fail on their own, visibly).
[[nodiscard]] QSet<int> duplicatesToSkip(const QList<RecipientIssue> &issues,
                                         ProbableDuplicates probable = ProbableDuplicates::SendOnce);

// What a send leaves out as the campaign's sending.duplicates says: nothing for "each".
// The one rule for the runner, the check and the dry run.
[[nodiscard]] QSet<int> duplicatesToSkip(const QList<RecipientIssue> &issues,
                                         DuplicatePolicy policy);

} // namespace Bulkmail
