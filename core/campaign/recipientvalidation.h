#pragma once

#include "campaign/campaign.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

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

// The keys duplicate detection compares an address by (both empty when it is invalid): the
// address with its domain folded, for exact duplicates (RFC 5321 §2.4: only the domain is
// case-insensitive), and wholly folded, for probable ones. An internationalised domain is in its
// ASCII form, so "bücher.example" equals "xn--bcher-kva.example". A key equal to the address
// shares its string (a list of 100,000 rows keeps no copies).
struct AddressKeys
{
    QString exact;
    QString folded;
    bool isValid = false; // isValidEmailAddress()
};
[[nodiscard]] AddressKeys addressKeys(const QString &email);

// A row that repeats the mailbox of an earlier row.
struct DuplicateMatch
{
    RecipientIssue::Kind kind = RecipientIssue::Kind::Duplicate; // or ProbableDuplicate
    int duplicateOf = -1; // the index of the first row with the address
};

// Duplicate detection, one row at a time in list order: the first row with an exact key owns it;
// a later row with the same exact key duplicates it, and one with only the same folded key
// probably does. validateRecipients() goes through it, and so does the recipient table, which
// keeps each row's keys and passes only the rows an edit can affect.
class DuplicateFinder
{
public:
    explicit DuplicateFinder(qsizetype expectedRows = 0);
    // Row `index`, whose `keys` are valid: nothing when it is the first row of its mailbox.
    [[nodiscard]] std::optional<DuplicateMatch> add(const AddressKeys &keys, int index);

private:
    QHash<QString, int> m_exact;
    QHash<QString, int> m_folded;
};

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
