#include "tokenstore.h"

namespace Bulkmail {

TokenStore::TokenStore(QObject *parent)
    : QObject(parent)
    , m_keychain(new PasswordStore(this))
{}

TokenStore::TokenStore(PasswordStore *keychain, QObject *parent)
    : QObject(parent)
    , m_keychain(keychain)
{
    Q_ASSERT(keychain != nullptr);
}

TokenStore::~TokenStore() = default;

QString TokenStore::accountKey(OAuthProvider provider, const QString &address)
{
    return QStringLiteral("oauth:%1:%2")
        .arg(oauthProviderName(provider), address.trimmed().toLower());
}

void TokenStore::readRefreshToken(OAuthProvider provider, const QString &address, Callback done)
{
    m_keychain->readPassword(accountKey(provider, address), std::move(done));
}

void TokenStore::writeRefreshToken(OAuthProvider provider,
                                   const QString &address,
                                   const QString &refreshToken,
                                   Callback done)
{
    m_keychain->writePassword(accountKey(provider, address), refreshToken, std::move(done));
}

void TokenStore::removeRefreshToken(OAuthProvider provider, const QString &address, Callback done)
{
    m_keychain->deletePassword(accountKey(provider, address), std::move(done));
}

} // namespace Bulkmail
