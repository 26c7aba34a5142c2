#include "saslresponse.h"

namespace Bulkmail {

namespace {

// RFC 7628 §3.1 (and RFC 5801 §4): "," and "=" in the authzid become "=2C" and "=3D".
QByteArray gs2Escaped(const QString &name)
{
    QByteArray escaped = name.toUtf8();
    escaped.replace('=', "=3D");
    escaped.replace(',', "=2C");
    return escaped;
}

} // namespace

QByteArray plainSaslResponse(const QString &username, const QString &password)
{
    QByteArray response;
    response.append('\0');
    response.append(username.toUtf8());
    response.append('\0');
    response.append(password.toUtf8());
    return response;
}

QByteArray oauthSaslResponse(OAuthMechanism mechanism,
                             const QString &username,
                             const QString &accessToken)
{
    QByteArray bearer("auth=Bearer ");
    bearer.append(accessToken.toUtf8());
    bearer.append("\x01\x01");
    QByteArray response;
    if (mechanism == OAuthMechanism::OAuthBearer) {
        response.append("n,a=");
        response.append(gs2Escaped(username));
        response.append(",\x01");
    } else {
        response.append("user=");
        response.append(username.toUtf8());
        response.append('\x01');
    }
    response.append(bearer);
    return response;
}

} // namespace Bulkmail
