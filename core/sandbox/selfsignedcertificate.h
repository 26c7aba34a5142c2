#pragma once

#include "common/result.h"

#include <QSslCertificate>
#include <QSslKey>

#include <chrono>

namespace Bulkmail {

struct TlsIdentity
{
    QSslCertificate certificate;
    QSslKey privateKey;
};

// A fresh self-signed certificate for 127.0.0.1 and localhost (an ECDSA P-256 key, SHA-256,
// subjectAltName set, valid from an hour ago), made with OpenSSL at run time so that the sandbox
// never ships a private key. A client trusts it by naming the certificate, as for any
// self-signed server.
[[nodiscard]] Result<TlsIdentity> generateSelfSignedCertificate(
    const QString &commonName, std::chrono::hours validity = std::chrono::hours{24 * 30});

} // namespace Bulkmail
