#pragma once

#include "accesstokensource.h"

namespace Bulkmail {

// One access token a script obtained itself (`bulkmail-cli send --access-token-env NAME`). It
// cannot be renewed: once the server refuses it (forceRefresh), every request fails with
// signInRequired, saying which variable it came from.
class StaticAccessTokenSource final : public AccessTokenSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StaticAccessTokenSource)

public:
    // `origin` names where the token came from, for the error ("BULKMAIL_ACCESS_TOKEN").
    StaticAccessTokenSource(QString token,
                            QString username,
                            QString origin,
                            QObject *parent = nullptr);
    ~StaticAccessTokenSource() override;

    void requestToken(bool forceRefresh) override;

private:
    AccessToken m_token;
    QString m_origin;
    bool m_wasRefused = false;
};

} // namespace Bulkmail
