#include "sendcommand.h"

#include "document/campaignfile.h"
#include "eventwriter.h"
#include "interruptwatcher.h"
#include "journal/sendjournal.h"
#include "oauth/oauth2tokensource.h"
#include "oauth/staticaccesstokensource.h"
#include "oauth/tokenstore.h"
#include "progressprinter.h"
#include "runner/campaignrunner.h"
#include "runner/enginethread.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>

#include <spdlog/spdlog.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <unistd.h>

namespace Bulkmail {

namespace {

void printError(const QString &message)
{
    std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(message));
}

// Starting over sends again to everyone the journal says was sent: ask a person, refuse a script
// that did not say --yes.
bool confirmRestart(const QString &journalPath, const SendOptions &options)
{
    if (options.assumeYes || !QFile::exists(journalPath))
        return true;
    if (!isatty(fileno(stdin))) {
        printError(
            QStringLiteral("--restart would send again to everyone recorded in %1; add --yes "
                           "to confirm when not running in a terminal")
                .arg(journalPath));
        return false;
    }
    std::fprintf(stderr,
                 "Start over? Everyone recorded as sent in %s will receive the message again.\n"
                 "Type \"yes\" to continue: ",
                 qUtf8Printable(journalPath));
    std::string answer;
    std::getline(std::cin, answer);
    return answer == "yes";
}

// The access tokens of an OAuth2 campaign: one from the environment (--access-token-env), or the
// signed-in account's refresh token from the keychain (`store` keeps rotated ones). Null after
// printing why not.
std::shared_ptr<AccessTokenSource> tokenSourceFor(const Campaign &campaign,
                                                  const SendOptions &options,
                                                  TokenStore &store)
{
    const QString username = campaign.server.username.trimmed();
    if (username.isEmpty()) {
        printError(QStringLiteral("server.username is empty: an OAuth2 campaign sends as the "
                                  "signed-in mailbox, which goes there"));
        return nullptr;
    }
    if (!options.accessTokenVariable.isEmpty()) {
        const QString token = qEnvironmentVariable(qPrintable(options.accessTokenVariable));
        if (token.isEmpty()) {
            printError(QStringLiteral("the environment variable %1 (--access-token-env) is empty "
                                      "or not set")
                           .arg(options.accessTokenVariable));
            return nullptr;
        }
        return std::make_shared<StaticAccessTokenSource>(token,
                                                         username,
                                                         options.accessTokenVariable);
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
                       .arg(username, options.campaignPath));
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

} // namespace

int runSendCommand(const SendOptions &options)
{
    Result<Campaign> campaign = loadCampaign(options.campaignPath);
    if (!campaign) {
        printError(campaign.error().message);
        return ExitFatal;
    }

    CampaignPlan plan;
    plan.campaign = std::move(*campaign);
    TokenStore tokenStore; // outlives the run: rotated refresh tokens are written to it
    if (plan.campaign.auth == AuthMethod::OAuth2) {
        plan.tokens = tokenSourceFor(plan.campaign, options, tokenStore);
        if (!plan.tokens)
            return ExitFatal;
    } else if (!options.accessTokenVariable.isEmpty()) {
        printError(QStringLiteral("--access-token-env is for campaigns with \"auth\": \"oauth2\" "
                                  "in \"server\"; %1 signs in with a password")
                       .arg(options.campaignPath));
        return ExitFatal;
    } else if (!plan.campaign.server.username.isEmpty()) {
        // Never from the command line: arguments are visible to every user through ps.
        plan.password = qEnvironmentVariable(qPrintable(options.passwordVariable));
        if (plan.password.isEmpty()) {
            printError(
                QStringLiteral("the account \"%1\" needs a password: put it in the environment "
                               "variable %2 (never on the command line)")
                    .arg(plan.campaign.server.username, options.passwordVariable));
            return ExitFatal;
        }
    }

    // The mailbox for the copy to Sent: its own variable, else the SMTP password.
    if (plan.campaign.mailbox.copyToSent)
        plan.mailboxPassword = qEnvironmentVariable("BULKMAIL_IMAP_PASSWORD");

    if (options.restart) {
        plan.journal = CampaignPlan::Journal::Restart;
        if (!confirmRestart(SendJournal::pathFor(plan.campaign.filePath), options))
            return ExitFatal;
    }
    plan.retryFailed = options.retryFailed;
    if (options.includeSuppressed)
        plan.suppressed = CampaignPlan::SuppressedRecipients::SendAnyway;
    if (options.holdUnresolved) {
        plan.campaign.message.personalAttachments.whenUnresolved = PersonalAttachmentSettings::
            WhenUnresolved::Hold;
    }

    EventWriter events;
    if (!options.eventsPath.isEmpty()) {
        if (Result<void> opened = events.open(options.eventsPath); !opened) {
            printError(opened.error().message);
            return ExitFatal;
        }
    }
    ProgressPrinter printer(ProgressPrinter::styleForStderr());

    EngineThread engine = startEngineThread();
    CampaignRunner *runner = createRunnerIn(engine);

    int exitStatus = ExitFatal;
    bool isSignInRequired = false;
    QObject context; // receiver in this thread, so every connection below is queued
    // OAuth2: the refresh token was revoked or has expired. Nobody can sign in in the middle of a
    // command-line run: stop cleanly; the journal lets the next send resume.
    QObject::connect(runner, &CampaignRunner::signInRequired, &context, [&](const QString &reason) {
        isSignInRequired = true;
        printer.printLine(QStringLiteral("bulkmail-cli: %1\nbulkmail-cli: run bulkmail-cli "
                                         "login %2, then send again: it resumes where it "
                                         "stopped")
                              .arg(reason, options.campaignPath));
        runner->cancel();
    });
    QObject::connect(runner,
                     &CampaignRunner::connectionEvents,
                     &context,
                     [&](const QList<ConnectionEvent> &batch) {
                         for (const ConnectionEvent &event : batch) {
                             // Phases are for live views; the --events format stays as it is.
                             if (event.kind == ConnectionEvent::Kind::PhaseChanged)
                                 continue;
                             printer.print(event);
                             events.write(event);
                         }
                         printer.flush();
                         events.flush();
                     });
    QObject::connect(runner,
                     &CampaignRunner::recipientResults,
                     &context,
                     [&](const QList<RecipientResult> &batch) {
                         for (const RecipientResult &result : batch) {
                             printer.print(result);
                             events.write(result);
                         }
                         printer.flush();
                         events.flush();
                     });
    QObject::connect(runner,
                     &CampaignRunner::progress,
                     &context,
                     [&](const CampaignProgress &progress) { printer.print(progress); });
    QObject::connect(runner,
                     &CampaignRunner::finished,
                     &context,
                     [&](const CampaignSummary &summary) {
                         printer.printSummary(summary);
                         events.write(summary);
                         events.flush();
                         // A journal that could not be saved is as serious as a stop: a
                         // resumed run could not know what was sent.
                         if (!summary.fatalError.isEmpty() || !summary.journalError.isEmpty()
                             || isSignInRequired)
                             exitStatus = ExitFatal;
                         else if (summary.isComplete())
                             exitStatus = ExitAllSent;
                         else
                             exitStatus = ExitSomeFailed;
                         QCoreApplication::exit(exitStatus);
                     });

    // Ctrl+C once: finish what is in flight and stop cleanly. Twice: leave now.
    const InterruptWatcher interrupts([&](int count) {
        if (count == 1) {
            // Through the printer, so that a live progress line is kept intact below it.
            printer.printLine(QStringLiteral("bulkmail-cli: interrupted: finishing the messages in "
                                             "flight (again to quit at once)"));
            runner->cancel();
        } else {
            QCoreApplication::exit(ExitFatal);
        }
    });

    runner->start(plan);
    return QCoreApplication::exec();
}

} // namespace Bulkmail
