#pragma once

#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QStringView>

namespace Bulkmail::Test {

// The committed test certificates in tests/data/certs/ (made by generate.sh there, valid for
// 100 years). Each loader fails the calling test loudly (qFatal) when a file is missing or does
// not parse, because every TLS test after it would fail for a misleading reason.

// Absolute path of a file in tests/data/certs/, e.g. testCertificatePath(u"ca.pem").
[[nodiscard]] QString testCertificatePath(QStringView fileName);

// The test CA that signed server.pem; clients trust it with QSslConfiguration::addCaCertificate.
[[nodiscard]] QSslCertificate testCaCertificate();

// Server certificate for "localhost" and 127.0.0.1 (subjectAltName DNS and IP), and its key.
[[nodiscard]] QSslCertificate testServerCertificate();
[[nodiscard]] QSslKey testServerKey();

// An unrelated self-signed certificate for the same names: no trusted CA vouches for it.
[[nodiscard]] QSslCertificate selfSignedCertificate();
[[nodiscard]] QSslKey selfSignedKey();

} // namespace Bulkmail::Test
