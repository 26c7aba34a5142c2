#pragma once

#include "accesstokensource.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

class QNetworkReply;
class QNetworkRequest;

namespace Bulkmail {

// What a token endpoint answered (RFC 6749 §5.1 success, §5.2 error), for the sign-in's code
// exchange and for refreshes.
struct TokenReply
{
    enum class Kind {
        Tokens,     // 200 with an access token
        OAuthError, // the server refused: "error" (invalid_grant, invalid_client...) is set
        Transport,  // no usable answer: network error, timeout, 5xx, not JSON
    };
    Kind kind = Kind::Transport;
    QString accessToken;
    QString refreshToken;  // empty when the server did not issue (or rotate) one
    qint64 expiresIn = -1; // seconds; -1 when not given
    QString idToken;
    QString error;            // OAuthError: the RFC 6749 error code
    QString errorDescription; // OAuthError: the server's words, if any
    QString transportMessage; // Transport: what went wrong
};

// A POST to a token endpoint: form-encoded body (application/x-www-form-urlencoded, every name and
// value percent-encoded), asking for JSON.
[[nodiscard]] QNetworkRequest tokenRequest(const QUrl &tokenUrl);
[[nodiscard]] QByteArray formBody(const QList<QPair<QString, QString>> &fields);

// Reads a finished reply. It peeks at the body rather than consuming it.
[[nodiscard]] TokenReply parseTokenReply(QNetworkReply &reply);

// The mailbox an OpenID Connect id_token names: its "email" claim, else "preferred_username",
// else "upn", whichever looks like an address; empty when none does. The token came straight
// from the token endpoint over TLS, so its signature need not be checked to use it as a name
// (OpenID Connect Core §3.1.3.7 point 6); it grants nothing.
[[nodiscard]] QString addressFromIdToken(const QString &idToken);

// "invalid_grant: the refresh token is revoked" or the transport message, for error texts. Never
// contains a token.
[[nodiscard]] QString describeTokenReply(const TokenReply &reply);

} // namespace Bulkmail
