#pragma once

#include "common/result.h"

#include <QList>
#include <QMetaType>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>

class QSslSocket;

namespace Bulkmail {

// How a client protects a connection to a mail server: shared by SMTP (submission) and IMAP
// (the Sent folder, bounces), so that both trust exactly the same certificates.
enum class SecurityMode {
    None,        // plain text, for local relays and test servers only
    StartTls,    // RFC 3207 / RFC 3501 §6.2.1; never falls back to plain text when unoffered
    ImplicitTls, // TLS from the first byte (RFC 8314): SMTP 465, IMAP 993
};

enum class CertificateVerification {
    Verify,          // system store plus any certificate the user names
    InsecureSkipAll, // an explicit, loudly logged setting: never the default
};

[[nodiscard]] QString securityModeName(SecurityMode mode); // "none", "starttls", "tls"

// "TLSv1.3 TLS_AES_256_GCM_SHA384" for an encrypted socket; "none" for none or a plain one.
[[nodiscard]] QString tlsSessionDescription(const QSslSocket *socket);

// Which server certificates a connection accepts: the system's trusted authorities, plus a
// certificate the user named (a self-signed or private-CA server, trusted by naming its PEM file
// rather than by switching verification off). Every other check (host name, dates) still applies.
class TlsTrust
{
public:
    // Reads the named certificate file (empty: none). An unreadable file is an error, never a
    // silent fall back to the system store.
    [[nodiscard]] static Result<TlsTrust> load(const QString &trustCertificateFile,
                                               CertificateVerification verification);

    // The configuration for the socket: the system store plus the named certificates.
    [[nodiscard]] QSslConfiguration configuration() const;
    // Whether the handshake may go on despite `errors`: only when the peer presented the named
    // certificate and every error is one that naming it answers.
    [[nodiscard]] bool acceptsDespite(const QSslCertificate &peer,
                                      const QList<QSslError> &errors) const;
    [[nodiscard]] bool skipsVerification() const
    {
        return m_verification == CertificateVerification::InsecureSkipAll;
    }

    // Errors that mean "nobody I know vouches for this certificate", which naming the certificate
    // answers. A wrong host name or an expired certificate is not among them.
    [[nodiscard]] static bool isAnsweredByNamingTheCertificate(QSslError::SslError error);
    // True when naming `peer` would answer every one of `errors` (the UI offers "trust it").
    [[nodiscard]] static bool isTrustable(const QSslCertificate &peer,
                                          const QList<QSslError> &errors);

private:
    QList<QSslCertificate> m_namedCertificates;
    CertificateVerification m_verification = CertificateVerification::Verify;
};

} // namespace Bulkmail

Q_DECLARE_METATYPE(Bulkmail::SecurityMode)
