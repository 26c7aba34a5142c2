#pragma once

#include <QByteArray>

namespace Bulkmail {

// Proof Key for Code Exchange (RFC 7636), S256 only: the plain method gives no protection when the
// authorization request can be observed (§4.2, §7.2).
struct Pkce
{
    QByteArray verifier;  // 43 characters of base64url (32 random bytes, §4.1, §7.1)
    QByteArray challenge; // BASE64URL(SHA256(verifier)) (§4.2)

    // A fresh pair from the system's random generator.
    [[nodiscard]] static Pkce generate();
    // S256 of a given verifier (RFC 7636 Appendix B is the test vector).
    [[nodiscard]] static QByteArray challengeFor(const QByteArray &verifier);
};

} // namespace Bulkmail
