#pragma once

#include "campaign/campaign.h"
#include "common/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace Bulkmail {

// Why a rule found no single file for a recipient.
struct AttachmentProblem
{
    enum class Kind {
        Missing,     // no file matches
        Ambiguous,   // more than one file matches: never guess
        EmptyField,  // a field the rule uses is empty for this recipient
        NotAFileName // a column rule's value holds a path separator or is "." / ".."
    };

    int rule = 0; // index in PersonalAttachmentSettings::rules
    Kind kind = Kind::Missing;
    QStringList candidates{}; // Ambiguous: the matching file names
    bool isRequired = true;   // the rule is required (an ambiguous match counts as one always)

    // Blocks the recipient: a required rule without its file, or any ambiguous match.
    [[nodiscard]] bool blocks() const { return isRequired || kind == Kind::Ambiguous; }
    // "rule 1 ({{employee_id}}*.pdf): 2 files match: E001.pdf, E001-old.pdf"
    [[nodiscard]] QString describe(const PersonalAttachmentRule &rule) const;
    // The same as DeliveryNote::PersonalFilesBlocked's arguments for this one problem.
    [[nodiscard]] QStringList noteArguments(const PersonalAttachmentRule &rule) const;

    friend bool operator==(const AttachmentProblem &, const AttachmentProblem &) = default;
};

// One recipient's personal files, in rule order.
struct RecipientAttachments
{
    QStringList fileNames; // in the folder, without directory
    QList<AttachmentProblem> problems;

    [[nodiscard]] bool isBlocked() const;
    // The blocking problems as DeliveryNote::PersonalFilesBlocked's arguments: for a held
    // recipient or a check item, worded in English by englishDeliveryNote() and in the user's
    // language by the window.
    [[nodiscard]] QStringList blockArguments(const QList<PersonalAttachmentRule> &rules) const;
};

// The rules applied to every recipient of a campaign, with one listing of the folder.
struct AttachmentResolution
{
    QString folder; // absolute
    QString error;  // a rule or the folder is unusable (English); empty if fine
    // The same problem for the window to word: its kind, then what it names: "no-folder";
    // "folder-missing", the folder; "rule-empty", the rule's number; "column-unknown", the rule's
    // number and column; "field-unknown", the rule's number, its pattern and the field.
    QStringList errorArguments;
    QStringList folderFiles;                      // every regular, non-hidden file, sorted
    std::vector<RecipientAttachments> recipients; // one per Campaign::recipients row
    QStringList unmatchedFiles;                   // files no recipient's rule matched

    [[nodiscard]] QString pathOf(const QString &fileName) const;
};

// One recipient's files among `folderFiles` (names, as AttachmentResolution::folderFiles). A
// pattern naming an unknown field finds nothing (resolvePersonalAttachments() reports it).
[[nodiscard]] RecipientAttachments resolveRecipientAttachments(
    const PersonalAttachmentSettings &settings,
    const QStringList &recipientFields,
    const Recipient &recipient,
    const QStringList &folderFiles);

// The regular, readable, non-hidden files of the folder, sorted by name.
[[nodiscard]] QStringList listAttachmentFolder(const QString &folder);

// Applies `campaign.message.personalAttachments` to every recipient. The folder is listed once;
// names compare case-insensitively (as on Windows and macOS disks), so "E001.pdf" and "e001.PDF"
// side by side are an ambiguous match, never a silent pick. A rule naming an unknown field, or a
// folder that cannot be listed, sets `error` and resolves no one.
[[nodiscard]] AttachmentResolution resolvePersonalAttachments(const Campaign &campaign);

// The pattern with the recipient's values merged, as a regular expression (anchored,
// case-insensitive); an empty field used by it is reported in `emptyField`. Exposed for tests.
struct MergedPattern
{
    QString regularExpression;
    QString emptyField; // the first used field that is empty; then the pattern is unusable
};
[[nodiscard]] Result<MergedPattern> mergeFilePattern(const QString &pattern,
                                                     const QStringList &fieldNames,
                                                     const QStringList &values);

// What a file was when it was checked (or sent).
struct FileFingerprint
{
    QString fileName;
    qint64 size = -1;
    QDateTime modified; // UTC, millisecond precision
    QByteArray sha256;  // hex, lower case

    friend bool operator==(const FileFingerprint &, const FileFingerprint &) = default;
};

// The fingerprints taken by the last check, kept in "<campaign file>.attachments" beside the send
// journal (never in the campaign file: it changes on every check, and the campaign is the user's
// document). A send attaches a personal file only when its size, time and SHA-256 are still the
// ones recorded here; anything else is held with the reason.
struct AttachmentRecord
{
    static constexpr int FormatVersion = 1;
    static constexpr QLatin1String Format{"bulkmail-attachment-check"};
    static constexpr QLatin1String Suffix{".attachments"};

    QDateTime checkedAt; // UTC
    QString folder;
    QHash<QString, FileFingerprint> files; // by file name

    [[nodiscard]] static QString pathFor(const QString &campaignPath);
    // A missing file reads as an empty record (never checked).
    [[nodiscard]] static Result<AttachmentRecord> load(const QString &path);
    [[nodiscard]] Result<void> save(const QString &path) const; // atomically
};

// Size and modification time of `path` (no hash); size -1 when it cannot be read.
[[nodiscard]] FileFingerprint statFile(const QString &path);

// The fingerprint of `path`, reading the file in chunks. With `previous` of the same size and
// time the recorded hash is reused instead of reading the file again (as git's index does): the
// send hashes what it really attaches in any case.
[[nodiscard]] Result<FileFingerprint> fingerprintFile(const QString &path,
                                                      const FileFingerprint *previous = nullptr);

// Why `current` (what a file is now) differs from `recorded`; empty when it does not.
[[nodiscard]] QString describeChange(const FileFingerprint &recorded,
                                     const FileFingerprint &current);
// The same as DeliveryNote::PersonalFileChanged's arguments (the name, how: "gone", "size",
// "modified" or "content", then, now); empty when it does not differ.
[[nodiscard]] QStringList fileChangeArguments(const FileFingerprint &recorded,
                                              const FileFingerprint &current);

} // namespace Bulkmail
