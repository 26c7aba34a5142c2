#include "selfsignedcertificate.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace Bulkmail {

namespace {

template<auto Free>
struct OpenSslDeleter
{
    template<typename T>
    void operator()(T *pointer) const
    {
        Free(pointer);
    }
};
using PKeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, OpenSslDeleter<X509_EXTENSION_free>>;

Error opensslError(const char *step)
{
    return Error{ErrorCode::Tls,
                 QStringLiteral("Cannot generate the sandbox certificate (%1)")
                     .arg(QLatin1String(step))};
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(length));
}

bool addExtension(X509 *certificate, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

} // namespace

Result<TlsIdentity> generateSelfSignedCertificate(const QString &commonName,
                                                  std::chrono::hours validity)
{
    PKeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        return tl::make_unexpected(opensslError("key"));
    X509Ptr certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), 2) != 1)
        return tl::make_unexpected(opensslError("certificate"));

    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1)
        return tl::make_unexpected(opensslError("serial"));
    serial[0] &= 0x7f; // a positive serial number (RFC 5280 §4.1.2.2)
    BIGNUM *serialNumber = BN_bin2bn(serial, sizeof serial, nullptr);
    const bool serialSet = serialNumber != nullptr
                           && BN_to_ASN1_INTEGER(serialNumber,
                                                 X509_get_serialNumber(certificate.get()))
                                  != nullptr;
    BN_free(serialNumber);
    if (!serialSet)
        return tl::make_unexpected(opensslError("serial"));

    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()),
                    static_cast<long>(std::chrono::seconds(validity).count()));
    X509_set_pubkey(certificate.get(), key.get());
    X509_NAME *name = X509_get_subject_name(certificate.get());
    const QByteArray cn = commonName.toUtf8();
    X509_NAME_add_entry_by_txt(name,
                               "CN",
                               MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.constData()),
                               -1,
                               -1,
                               0);
    X509_set_issuer_name(certificate.get(), name);
    if (!addExtension(certificate.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1")
        || !addExtension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE")
        || !addExtension(certificate.get(), NID_ext_key_usage, "serverAuth"))
        return tl::make_unexpected(opensslError("extensions"));
    if (X509_sign(certificate.get(), key.get(), EVP_sha256()) == 0)
        return tl::make_unexpected(opensslError("signature"));

    BioPtr certificatePem(BIO_new(BIO_s_mem()));
    BioPtr keyPem(BIO_new(BIO_s_mem()));
    if (!certificatePem || !keyPem
        || PEM_write_bio_X509(certificatePem.get(), certificate.get()) != 1
        || PEM_write_bio_PrivateKey(keyPem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
               != 1)
        return tl::make_unexpected(opensslError("PEM"));

    TlsIdentity identity{QSslCertificate(bioContents(certificatePem.get()), QSsl::Pem),
                         QSslKey(bioContents(keyPem.get()), QSsl::Ec, QSsl::Pem)};
    if (identity.certificate.isNull() || identity.privateKey.isNull())
        return tl::make_unexpected(opensslError("Qt import"));
    return identity;
}

} // namespace Bulkmail
