#pragma once

#include <QByteArray>
#include <QString>

namespace Bulkmail {

// The client's first SASL message for the mechanisms Bulkmail uses, shared by SMTP AUTH (RFC
// 4954) and IMAP AUTHENTICATE (RFC 9051 §6.2.2). Unencoded: the caller base64-encodes it. They
// carry secrets: never log them.

// RFC 4616: "\0" <user> "\0" <password>.
[[nodiscard]] QByteArray plainSaslResponse(const QString &username, const QString &password);

enum class OAuthMechanism {
    XOAuth2,     // Google's and Microsoft's: "user=" <mailbox> ^A "auth=Bearer " <token> ^A ^A
    OAuthBearer, // RFC 7628 §3.1: "n,a=" <user> "," ^A "auth=Bearer " <token> ^A ^A
};
[[nodiscard]] QByteArray oauthSaslResponse(OAuthMechanism mechanism,
                                           const QString &username,
                                           const QString &accessToken);

} // namespace Bulkmail
