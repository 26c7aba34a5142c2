#include "transportsecurity.h"

#include <QSslCipher>
#include <QSslSocket>

#include <algorithm>

namespace Bulkmail {

QString securityModeName(SecurityMode mode)
{
    switch (mode) {
    case SecurityMode::None:
        return QStringLiteral("none");
    case SecurityMode::StartTls:
        return QStringLiteral("starttls");
    case SecurityMode::ImplicitTls:
        return QStringLiteral("tls");
    }
    return {};
}

QString tlsSessionDescription(const QSslSocket *socket)
{
    if (!socket || !socket->isEncrypted())
        return QStringLiteral("none");
    const QSslCipher cipher = socket->sessionCipher();
    return cipher.protocolString() + u' ' + cipher.name();
}

Result<TlsTrust> TlsTrust::load(const QString &trustCertificateFile,
                                CertificateVerification verification)
{
    TlsTrust trust;
    trust.m_verification = verification;
    if (trustCertificateFile.isEmpty())
        return trust;
    trust.m_namedCertificates = QSslCertificate::fromPath(
        trustCertificateFile, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
    if (trust.m_namedCertificates.isEmpty()) {
        return makeError(ErrorCode::Tls,
                         QStringLiteral("Cannot read a PEM certificate from \"%1\".")
                             .arg(trustCertificateFile));
    }
    return trust;
}

QSslConfiguration TlsTrust::configuration() const
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!m_namedCertificates.isEmpty())
        tls.addCaCertificates(m_namedCertificates);
    if (m_verification == CertificateVerification::InsecureSkipAll)
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}

bool TlsTrust::acceptsDespite(const QSslCertificate &peer, const QList<QSslError> &errors) const
{
    return !peer.isNull() && m_namedCertificates.contains(peer)
           && std::all_of(errors.begin(), errors.end(), [](const QSslError &error) {
                  return isAnsweredByNamingTheCertificate(error.error());
              });
}

bool TlsTrust::isAnsweredByNamingTheCertificate(QSslError::SslError error)
{
    switch (error) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return true;
    default:
        return false;
    }
}

bool TlsTrust::isTrustable(const QSslCertificate &peer, const QList<QSslError> &errors)
{
    return !peer.isNull() && std::all_of(errors.begin(), errors.end(), [](const QSslError &error) {
        return isAnsweredByNamingTheCertificate(error.error());
    });
}

} // namespace Bulkmail
