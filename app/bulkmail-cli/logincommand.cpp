#include "logincommand.h"

#include "document/campaignfile.h"
#include "interruptwatcher.h"
#include "oauth/oauthsignin.h"
#include "oauth/tokenstore.h"
#include "sendcommand.h"

#include <QCoreApplication>
#include <QProcess>
#include <QStandardPaths>

#include <cstdio>
#include <optional>

namespace Bulkmail {

namespace {

void printError(const QString &message)
{
    std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(message));
}

// The campaign, if it is one that signs in with OAuth2.
std::optional<Campaign> loadOAuthCampaign(const QString &path, QStringView command)
{
    Result<Campaign> campaign = loadCampaign(path);
    if (!campaign) {
        printError(campaign.error().message);
        return std::nullopt;
    }
    if (campaign->auth != AuthMethod::OAuth2) {
        printError(QStringLiteral("%1 signs in with a password; %2 is for campaigns with "
                                  "\"auth\": \"oauth2\" in \"server\"")
                       .arg(path, command.toString()));
        return std::nullopt;
    }
    return std::move(*campaign);
}

// The system browser through xdg-open, when there is a desktop to show it on.
bool openInBrowser(const QUrl &url)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return false;
    const QString opener = QStandardPaths::findExecutable(QStringLiteral("xdg-open"));
    return !opener.isEmpty() && QProcess::startDetached(opener, {url.toString(QUrl::FullyEncoded)});
}

} // namespace

int runLoginCommand(const LoginOptions &options)
{
    const std::optional<Campaign> campaign = loadOAuthCampaign(options.campaignPath, u"login");
    if (!campaign)
        return ExitFatal;
    if (Result<void> checked = checkOAuthSettings(campaign->oauth); !checked) {
        printError(checked.error().message);
        return ExitFatal;
    }
    const QString username = campaign->server.username.trimmed();
    const OAuthProvider provider = campaign->oauth.provider;

    TokenStore store;
    OAuthSignIn signIn(campaign->oauth, username);
    if (!options.noBrowser)
        signIn.setOpenBrowser(&openInBrowser);

    QObject::connect(&signIn,
                     &OAuthSignIn::authorizationUrlReady,
                     &signIn,
                     [&](const QUrl &url, bool browserOpened) {
                         std::fprintf(stderr,
                                      "%s\n  %s\nWaiting for the sign-in to finish in the browser "
                                      "(Ctrl+C cancels)...\n",
                                      browserOpened
                                          ? "A browser window was opened to sign in. If it did "
                                            "not appear, open this address:"
                                          : "Open this address in a browser to sign in:",
                                      qUtf8Printable(url.toString(QUrl::FullyEncoded)));
                         std::fflush(stderr);
                     });
    QObject::connect(&signIn, &OAuthSignIn::failed, &signIn, [](const Error &error) {
        printError(error.message);
        QCoreApplication::exit(ExitFatal);
    });
    QObject::connect(&signIn, &OAuthSignIn::succeeded, &signIn, [&](const OAuthSignInResult &result) {
        const QString address = result.address.trimmed();
        if (address.isEmpty()) {
            printError(QStringLiteral("the sign-in server did not say which mailbox was signed "
                                      "in; set server.username in %1 and sign in again")
                           .arg(options.campaignPath));
            QCoreApplication::exit(ExitFatal);
            return;
        }
        // The access tokens are for the signed-in mailbox: XOAUTH2 with another name fails.
        if (!username.isEmpty() && address.compare(username, Qt::CaseInsensitive) != 0) {
            printError(QStringLiteral("you signed in as %1, but %2 sends as %3 "
                                      "(server.username); sign in with that account, or change "
                                      "server.username")
                           .arg(address, options.campaignPath, username));
            QCoreApplication::exit(ExitFatal);
            return;
        }
        if (result.refreshToken.isEmpty()) {
            printError(QStringLiteral("the sign-in server issued no refresh token, so the sign-in "
                                      "cannot be kept (the scope may lack offline_access)"));
            QCoreApplication::exit(ExitFatal);
            return;
        }
        store.writeRefreshToken(
            provider,
            address,
            result.refreshToken,
            [address, username, path = options.campaignPath](const PasswordStoreResult &stored) {
                if (!stored.isSuccess()) {
                    printError(stored.message);
                    if (stored.status == PasswordStoreStatus::Unavailable)
                        printError(QStringLiteral("without a keychain, pass an access token "
                                                  "with send --access-token-env NAME"));
                    QCoreApplication::exit(ExitFatal);
                    return;
                }
                std::printf("Signed in as %s.\n", qUtf8Printable(address));
                if (username.isEmpty()) {
                    std::printf("Set \"username\": \"%s\" in \"server\" of %s to send as this "
                                "account.\n",
                                qUtf8Printable(address),
                                qUtf8Printable(path));
                }
                std::fflush(stdout);
                QCoreApplication::exit(ExitAllSent);
            });
    });

    const InterruptWatcher interrupts([&](int) { signIn.cancel(); });
    signIn.start();
    return QCoreApplication::exec();
}

int runLogoutCommand(const QString &campaignPath)
{
    const std::optional<Campaign> campaign = loadOAuthCampaign(campaignPath, u"logout");
    if (!campaign)
        return ExitFatal;
    const QString username = campaign->server.username.trimmed();
    if (username.isEmpty()) {
        printError(QStringLiteral("server.username in %1 is empty: no account to sign out of")
                       .arg(campaignPath));
        return ExitFatal;
    }
    TokenStore store;
    store.removeRefreshToken(campaign->oauth.provider,
                             username,
                             [username](const PasswordStoreResult &removed) {
                                 if (!removed.isSuccess()) {
                                     printError(removed.message);
                                     QCoreApplication::exit(ExitFatal);
                                     return;
                                 }
                                 std::printf("Signed out %s: the sign-in was removed from the "
                                             "keychain.\n",
                                             qUtf8Printable(username));
                                 std::fflush(stdout);
                                 QCoreApplication::exit(ExitAllSent);
                             });
    return QCoreApplication::exec();
}

} // namespace Bulkmail
