#pragma once

#include "net/transportsecurity.h"

#include <QString>

#include <chrono>

namespace Bulkmail {

// Where the account's mailbox is (the Sent folder, bounces). The password is not here: it comes
// from the keychain or an environment variable (ImapCredentials).
struct ImapEndpoint
{
    QString host;
    quint16 port = 993;
    SecurityMode security = SecurityMode::ImplicitTls;
    QString trustCertificateFile; // the same rule as SMTP's server.trustCertificate
    CertificateVerification verification = CertificateVerification::Verify;

    [[nodiscard]] QString displayAddress() const; // "host:port"
};

struct ImapCredentials
{
    QString username;    // empty: the server pre-authenticates (PREAUTH) or nothing is signed in
    QString password;    // never logged, never written to a file
    QString accessToken; // OAuth2: AUTHENTICATE XOAUTH2 (RFC 7628 family); never logged

    [[nodiscard]] bool usesAccessToken() const { return !accessToken.isEmpty(); }
};

struct ImapTimeouts
{
    std::chrono::seconds connect{30};
    std::chrono::seconds command{120}; // RFC 9051 leaves it open; APPEND of a large message
};

} // namespace Bulkmail
