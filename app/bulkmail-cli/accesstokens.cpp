#include "accesstokens.h"

#include "oauth/oauth2tokensource.h"
#include "oauth/staticaccesstokensource.h"
#include "oauth/tokenstore.h"

#include <QEventLoop>

#include <cstdio>
#include <optional>

namespace Bulkmail {

namespace {

void printError(const QString &message)
{
    std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(message));
}

} // namespace

std::shared_ptr<AccessTokenSource> accessTokenSourceFor(const Campaign &campaign,
                                                        const QString &campaignPath,
                                                        const QString &accessTokenVariable,
                                                        TokenStore &store)
{
    const QString username = campaign.server.username.trimmed();
    if (username.isEmpty()) {
        printError(QStringLiteral("server.username is empty: an OAuth2 campaign sends as the "
                                  "signed-in mailbox, which goes there"));
        return nullptr;
    }
    if (!accessTokenVariable.isEmpty()) {
        const QString token = qEnvironmentVariable(qPrintable(accessTokenVariable));
        if (token.isEmpty()) {
            printError(QStringLiteral("the environment variable %1 (--access-token-env) is empty "
                                      "or not set")
                           .arg(accessTokenVariable));
            return nullptr;
        }
        return std::make_shared<StaticAccessTokenSource>(token, username, accessTokenVariable);
    }
    if (Result<void> checked = checkOAuthSettings(campaign.oauth); !checked) {
        printError(checked.error().message);
        return nullptr;
    }

    std::optional<PasswordStoreResult> keychain;
    std::shared_ptr<OAuth2TokenSource> source;
    QEventLoop loop;
    createOAuth2TokenSource(campaign.oauth,
                            username,
                            &store,
                            [&](const PasswordStoreResult &result,
                                std::shared_ptr<OAuth2TokenSource> created) {
                                keychain = result;
                                source = std::move(created);
                                loop.quit();
                            });
    if (!keychain)
        loop.exec();
    if (source)
        return source;
    switch (keychain->status) {
    case PasswordStoreStatus::NotFound:
        printError(QStringLiteral("%1 is not signed in on this computer: run bulkmail-cli login %2 "
                                  "first")
                       .arg(username, campaignPath));
        break;
    case PasswordStoreStatus::Unavailable:
        printError(keychain->message);
        printError(QStringLiteral("without a keychain, pass an access token with "
                                  "--access-token-env NAME"));
        break;
    case PasswordStoreStatus::Success:
    case PasswordStoreStatus::Failed:
        printError(keychain->message);
        break;
    }
    return nullptr;
}

} // namespace Bulkmail
