#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QObject>
#include <QString>

namespace Bulkmail {

// An OAuth2 access token for SMTP (SASL XOAUTH2 / OAUTHBEARER, RFC 7628). Never logged, never
// written to a campaign file, a journal or QSettings.
struct AccessToken
{
    QString token;
    QString username;    // the mailbox the token is for (the "user=" of XOAUTH2)
    QDateTime expiresAt; // UTC; invalid when unknown
};

// Where a run gets its access tokens: the stored refresh token of a signed-in account
// (OAuth2TokenSource), or a token a script obtained itself (`--access-token-env`).
//
// Lives in the thread that uses it (the engine thread for a run): requestToken() starts the work
// and the answer comes later as a signal, never from inside requestToken().
class AccessTokenSource : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessTokenSource)

public:
    using QObject::QObject;
    ~AccessTokenSource() override;

    // A token that stays valid for at least a minute; `forceRefresh` after the server refused the
    // current one (an expired or revoked access token on a reused connection).
    virtual void requestToken(bool forceRefresh) = 0;

Q_SIGNALS:
    void tokenReady(const Bulkmail::AccessToken &token);
    // `signInRequired`: the refresh token is revoked or expired; only signing in again helps (the
    // campaign pauses, nothing is marked failed). Otherwise a temporary problem (network).
    void tokenFailed(const Bulkmail::Error &error, bool signInRequired);
};

} // namespace Bulkmail

Q_DECLARE_METATYPE(Bulkmail::AccessToken)
