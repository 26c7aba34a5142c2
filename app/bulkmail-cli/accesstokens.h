#pragma once

#include "campaign/campaign.h"
#include "oauth/accesstokensource.h"

#include <QString>

#include <memory>

namespace Bulkmail {

class TokenStore;

// The access tokens of an OAuth2 campaign, for SMTP (send) and IMAP (the copy to Sent, bounces)
// alike: one from the environment variable `accessTokenVariable` when given (for scripts that
// obtain tokens themselves), else the signed-in account's refresh token from the keychain
// (`store` keeps rotated ones; it must outlive the source). Null after printing why not
// (`campaignPath` as the user typed it, for the advice to log in).
[[nodiscard]] std::shared_ptr<AccessTokenSource> accessTokenSourceFor(
    const Campaign &campaign,
    const QString &campaignPath,
    const QString &accessTokenVariable,
    TokenStore &store);

} // namespace Bulkmail
