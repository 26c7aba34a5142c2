#include "pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>

namespace Bulkmail {

namespace {

constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

} // namespace

Pkce Pkce::generate()
{
    std::array<quint32, 8> random{}; // 32 bytes: 256 bits of entropy, as §7.1 recommends
    QRandomGenerator::system()->fillRange(random.data(), random.size());
    const QByteArray bytes(reinterpret_cast<const char *>(random.data()),
                           static_cast<qsizetype>(random.size() * sizeof(quint32)));
    Pkce pkce;
    pkce.verifier = bytes.toBase64(Base64Url);
    pkce.challenge = challengeFor(pkce.verifier);
    return pkce;
}

QByteArray Pkce::challengeFor(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(Base64Url);
}

} // namespace Bulkmail
