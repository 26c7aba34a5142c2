#pragma once

#include "net/transportsecurity.h"

#include <QMetaType>
#include <QString>

#include <chrono>

namespace Bulkmail {

// Where to connect and how to prove who we are. The password is not here: it comes from the
// keychain or an environment variable and travels separately (see SmtpCredentials).
struct SmtpEndpoint
{
    QString host;
    quint16 port = 587;
    SecurityMode security = SecurityMode::StartTls;
    QString username;             // empty: do not authenticate
    QString trustCertificateFile; // absolute path to a PEM CA or server certificate, or empty
    CertificateVerification verification = CertificateVerification::Verify;
    QString heloName; // the name sent in EHLO/HELO; empty: a sensible default

    // "host:port" for logs and events.
    [[nodiscard]] QString displayAddress() const;
};

struct SmtpCredentials
{
    QString username;
    QString password; // never logged, never written to a file
    // An OAuth2 access token (RFC 6750 bearer token). When set, AUTH uses SASL XOAUTH2 or
    // OAUTHBEARER (RFC 7628) with `username` as the mailbox, and the password is unused. Never
    // logged, never written to a file.
    QString accessToken{};

    [[nodiscard]] bool usesAccessToken() const { return !accessToken.isEmpty(); }
};

// Defaults from RFC 5321 §4.5.3.2 (client timeouts), except connect, which the RFC leaves open.
struct SmtpTimeouts
{
    std::chrono::seconds connect{30};
    std::chrono::seconds greeting{300};       // initial 220: 5 minutes
    std::chrono::seconds command{300};        // MAIL, RCPT, EHLO, AUTH, RSET, NOOP: 5 minutes
    std::chrono::seconds dataInitiation{120}; // reply to DATA: 2 minutes
    std::chrono::seconds finalDot{600};       // reply to the final dot: 10 minutes
};

} // namespace Bulkmail
