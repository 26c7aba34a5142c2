#pragma once

#include <QString>

namespace Bulkmail {

struct DryRunOptions
{
    QString campaignPath;
    QString outputDirectory;
};

// `bulkmail-cli send FILE --dry-run --output DIR`: composes every message exactly as a send would
// (MessageRenderer, composeMime with MimeOptions{} so 7-bit safe, one AttachmentCache) and writes
// each to DIR/NNNNN-<recipient>.eml, NNNNN being the 1-based row. Sends nothing and needs no
// password. Invalid and duplicate recipients are skipped as a send skips them, and listed.
//
// DIR is created when missing. When it holds anything besides the .eml files of an earlier dry
// run (NNNNN-*.eml), the command refuses and changes nothing; those earlier files are deleted
// first, so that DIR shows this run alone.
//
// Returns 0 when every message was written, 1 when the campaign cannot be sent (checkCampaign()
// blockers) or DIR cannot be used, 2 when some messages could not be composed.
[[nodiscard]] int runDryRunCommand(const DryRunOptions &options);

// The address as a file name on any file system: ASCII letters, digits and . _ + - @ are kept,
// every other character becomes '_', at most 100 characters.
[[nodiscard]] QString fileNameSafeAddress(const QString &address);

} // namespace Bulkmail
