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

inline constexpr int CampaignFileVersion = 1;
inline constexpr QLatin1String CampaignFileFormat{"bulkmail-campaign"};
inline constexpr QLatin1String CampaignFileSuffix{"bulkmail"};

// Reads and validates a campaign file. A relative `server.trustCertificate` is resolved against the
// file's directory; `filePath` is set to the file's absolute path.
[[nodiscard]] Result<Campaign> loadCampaign(const QString &path);

// Parses campaign JSON. Relative paths inside are resolved against `baseDirectory` (the current
// directory when empty). `filePath` stays empty.
[[nodiscard]] Result<Campaign> parseCampaign(const QByteArray &json, const QString &baseDirectory);

// Writes the campaign atomically (QSaveFile): either the complete new file replaces the old one,
// or the old one stays untouched. Does not change `campaign.filePath`; callers update it.
[[nodiscard]] Result<void> saveCampaign(const Campaign &campaign, const QString &path);

// The file's bytes: indented UTF-8 JSON, keys in the documented order. A trust certificate under
// `baseDirectory` is written relative to it, anything else as an absolute path.
[[nodiscard]] QByteArray serializeCampaign(const Campaign &campaign, const QString &baseDirectory);

} // namespace Bulkmail
