#pragma once

#include "campaign/campaign.h"
#include "common/result.h"

#include <QByteArray>
#include <QString>

namespace Bulkmail {

// The `.bulkmail` campaign file, format version 1: a JSON object whose field names are an external
// contract (scripts outside the project write them), so the reader is strict. It rejects unknown
// fields at every level, naming the field path, so that a typo such as "rateperSecond" never
// silently falls back to a default. Errors carry ErrorCode::InvalidFormat (not a campaign, newer
// version, unknown field, password present), ErrorCode::InvalidValue (wrong type, out of range,
// missing required field) or ErrorCode::Io (cannot read or write the file).
//
// Additions that keep version 1 (older files read and save byte for byte as before, since the
// writer leaves out additions that are at their defaults):
// - "recipientsFile": a CSV list (recipientcsv.h) or a workbook, .xlsx/.xls/.ods, first non-empty
//   visible sheet (recipientworkbook.h), relative to the campaign file. Loading imports
//   it; its rows come first, then the inline "recipients". Import errors keep their code and read
//   "recipientsFile: line N: ...". Saving writes only the inline recipients (sourceLine 0); the
//   CSV itself is never rewritten by saveCampaign().
// - "recipientsSheet": with a workbook as "recipientsFile", the sheet to read (hidden or not), so
//   that a workbook of several sheets is re-read from the sheet the user chose; an unknown sheet
//   refuses the campaign, naming the sheets there are. Ignored for a CSV.
// - Inline recipients: every property besides "email" and "name" is a merge field (text only),
//   collected in first-seen order into Campaign::recipientFields.
// - "message": "html", "replyTo" (a mailbox, checked), "cc" and "bcc" (per recipient: addresses
//   and {{fields}} separated by commas or semicolons; checked per recipient by the check), "attachments" (paths relative to the
//   campaign file; written back relative when under its directory, absolute otherwise; existence
//   is checked when sending, not here), "headers" (an object of name → value; names are RFC 5322
//   field names and may not be ones Bulkmail writes itself, such as From, To, Cc, Subject, Date,
//   Message-ID, MIME-Version, Reply-To, List-Unsubscribe, Content-* or Resent-*; values hold no
//   CR, LF or other control characters; JSON objects are unordered, so the headers come back
//   sorted by name), "listUnsubscribe" (https: and/or mailto: URIs, RFC 2369 list syntax),
//   "unsubscribeByMail" (present, even as {}: each message's List-Unsubscribe also offers a
//   mailto: with a token of its own; "mailbox", a bare address, defaults to the sender's;
//   "plusAddressing": true writes it local+unsubscribe@domain; see compose/unsubscribemail.h),
//   "personalAttachments" (each recipient's own files: "folder", relative to the campaign file;
//   "rules", each {"pattern": "{{employee_id}}*.pdf"} or {"column": "file"}, with "required"
//   (default true); "whenUnresolved": "block" (the default) or "hold"; see
//   compose/attachmentrules.h).
// - "sending": "unconfirmedPolicy": "resend" (the default) or "hold".
// - "server": "auth": "password" (the default) or "oauth2", and with oauth2 only: "oauthProvider"
//   ("microsoft", the default, "google" or "custom"), "oauthTenant" (Microsoft; default "common"),
//   "oauthClientId", "oauthAuthorizationUrl", "oauthTokenUrl", "oauthScope" (overrides; required
//   for custom; https, or http on a loopback address). No token is ever read from or written to
//   the file: a field naming a token is refused like a password.

inline constexpr int CampaignFileVersion = 1;
inline constexpr QLatin1String CampaignFileFormat{"bulkmail-campaign"};
inline constexpr QLatin1String CampaignFileSuffix{"bulkmail"};

// Reads and validates a campaign file. A relative `server.trustCertificate` is resolved against the
// file's directory; `filePath` is set to the file's absolute path.
[[nodiscard]] Result<Campaign> loadCampaign(const QString &path);

// Parses campaign JSON. Relative paths inside are resolved against `baseDirectory` (the current
// directory when empty), and a `recipientsFile` is imported from there. `filePath` stays empty.
[[nodiscard]] Result<Campaign> parseCampaign(const QByteArray &json, const QString &baseDirectory);

// Writes the campaign atomically (QSaveFile): either the complete new file replaces the old one,
// or the old one stays untouched. Does not change `campaign.filePath`; callers update it.
[[nodiscard]] Result<void> saveCampaign(const Campaign &campaign, const QString &path);

// The file's bytes: indented UTF-8 JSON, keys in the documented order. A trust certificate,
// attachment or recipients file under `baseDirectory` is written relative to it, anything else as
// an absolute path.
[[nodiscard]] QByteArray serializeCampaign(const Campaign &campaign, const QString &baseDirectory);

} // namespace Bulkmail
