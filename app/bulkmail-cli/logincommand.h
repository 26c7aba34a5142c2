#pragma once

#include <QString>

namespace Bulkmail {

struct LoginOptions
{
    QString campaignPath;
    bool noBrowser = false; // only print the address to open, never start a browser
};

// `bulkmail-cli login FILE`: signs in to the OAuth2 account of the campaign FILE in the browser
// (authorization code + PKCE, loopback redirect), keeps the refresh token in the system keychain
// and prints the signed-in address. Returns the process exit status (ExitStatus).
[[nodiscard]] int runLoginCommand(const LoginOptions &options);

// `bulkmail-cli logout FILE`: removes the stored refresh token of the campaign's account.
[[nodiscard]] int runLogoutCommand(const QString &campaignPath);

} // namespace Bulkmail
