#include "tokenreply.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

namespace Bulkmail {

QNetworkRequest tokenRequest(const QUrl &tokenUrl)
{
    QNetworkRequest request(tokenUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    // A token endpoint never redirects; following one could hand a refresh token to another host.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    return request;
}

QByteArray formBody(const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

TokenReply parseTokenReply(QNetworkReply &reply)
{
    TokenReply result;
    const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply.peek(reply.bytesAvailable());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject object = document.object();

    // RFC 6749 §5.2: errors come as 400 (or 401 for invalid_client) with a JSON "error".
    if (status >= 400 && status < 500 && object.value(QLatin1String("error")).isString()) {
        result.kind = TokenReply::Kind::OAuthError;
        result.error = object.value(QLatin1String("error")).toString();
        result.errorDescription = object.value(QLatin1String("error_description")).toString();
        return result;
    }
    if (reply.error() != QNetworkReply::NoError) {
        result.transportMessage = status > 0 ? QStringLiteral("the server answered HTTP %1 (%2)")
                                                   .arg(status)
                                                   .arg(reply.errorString())
                                             : reply.errorString();
        return result;
    }
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        result.transportMessage = QStringLiteral("the token endpoint did not answer with JSON");
        return result;
    }
    result.accessToken = object.value(QLatin1String("access_token")).toString();
    if (result.accessToken.isEmpty()) {
        result.transportMessage = QStringLiteral("the token endpoint sent no access token");
        return result;
    }
    result.kind = TokenReply::Kind::Tokens;
    result.refreshToken = object.value(QLatin1String("refresh_token")).toString();
    result.idToken = object.value(QLatin1String("id_token")).toString();
    // Some servers send expires_in as a string.
    const QJsonValue expiresIn = object.value(QLatin1String("expires_in"));
    bool isNumber = expiresIn.isDouble();
    qint64 seconds = isNumber ? static_cast<qint64>(expiresIn.toDouble()) : 0;
    if (expiresIn.isString())
        seconds = expiresIn.toString().toLongLong(&isNumber);
    result.expiresIn = isNumber && seconds > 0 ? seconds : -1;
    return result;
}

QString addressFromIdToken(const QString &idToken)
{
    const QStringList parts = idToken.split(u'.');
    if (parts.size() < 2)
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(parts.at(1).toLatin1(),
                                                        QByteArray::Base64UrlEncoding
                                                            | QByteArray::OmitTrailingEquals);
    if (!decoded)
        return {};
    const QJsonObject claims = QJsonDocument::fromJson(*decoded).object();
    for (const char *claim : {"email", "preferred_username", "upn"}) {
        const QString value = claims.value(QLatin1String(claim)).toString().trimmed();
        if (value.contains(u'@') && !value.contains(u' '))
            return value;
    }
    return {};
}

QString describeTokenReply(const TokenReply &reply)
{
    switch (reply.kind) {
    case TokenReply::Kind::Tokens:
        return QStringLiteral("tokens issued");
    case TokenReply::Kind::OAuthError:
        return reply.errorDescription.isEmpty()
                   ? reply.error
                   : reply.error + QStringLiteral(": ") + reply.errorDescription;
    case TokenReply::Kind::Transport:
        break;
    }
    return reply.transportMessage;
}

} // namespace Bulkmail
