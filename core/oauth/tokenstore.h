#pragma once

#include "oauthsettings.h"
#include "secrets/passwordstore.h"

#include <QObject>
#include <QString>

namespace Bulkmail {

// OAuth2 refresh tokens in the OS keychain, through PasswordStore (QtKeychain): service "Bulkmail",
// one key per account, "oauth:<provider>:<address>" (the address in lower case). Never in
// QSettings, a campaign file, a journal or a log; when no keychain exists nothing is stored
// anywhere (PasswordStoreStatus::Unavailable), since there is no insecure fallback.
//
// Asynchronous like PasswordStore: each call reports once through `done`, from the event loop.
class TokenStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenStore)

public:
    using Callback = PasswordStore::Callback; // `password` holds the refresh token on a read

    // The desktop's keychain.
    explicit TokenStore(QObject *parent = nullptr);
    // Another store (MemoryPasswordStore in tests); not owned, must outlive this one.
    explicit TokenStore(PasswordStore *keychain, QObject *parent = nullptr);
    ~TokenStore() override;

    [[nodiscard]] static QString accountKey(OAuthProvider provider, const QString &address);

    void readRefreshToken(OAuthProvider provider, const QString &address, Callback done);
    void writeRefreshToken(OAuthProvider provider,
                           const QString &address,
                           const QString &refreshToken,
                           Callback done);
    // Sign-out: forgets the refresh token (deleting a missing one succeeds).
    void removeRefreshToken(OAuthProvider provider, const QString &address, Callback done);

    [[nodiscard]] PasswordStore *keychain() const { return m_keychain; }

private:
    PasswordStore *m_keychain;
};

} // namespace Bulkmail
