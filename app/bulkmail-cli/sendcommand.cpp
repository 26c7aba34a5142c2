#include "sendcommand.h"

#include "accesstokens.h"
#include "bouncescommand.h"
#include "document/campaignfile.h"
#include "eventwriter.h"
#include "feedback/campaignbouncewatch.h"
#include "interruptwatcher.h"
#include "journal/sendjournal.h"
#include "oauth/tokenstore.h"
#include "progressprinter.h"
#include "runner/campaignrunner.h"
#include "runner/enginethread.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QLocale>

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
        plan.tokens = accessTokenSourceFor(plan.campaign,
                                           options.campaignPath,
                                           options.accessTokenVariable,
                                           tokenStore);
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

    // The mailbox for the copy to Sent: its own variable, else the SMTP password (an OAuth2
    // account's mailbox signs in with the same access tokens as SMTP).
    if (plan.campaign.mailbox.copyToSent && !plan.tokens)
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

    // The mailbox's own password, else the SMTP one (as for the copy to Sent).
    std::unique_ptr<CampaignBounceWatch> bounceWatch;
    // An OAuth2 account's watch signs in with tokens of its own source: the run's lives in the
    // engine thread, the watch in this one (a source serves one thread).
    std::shared_ptr<AccessTokenSource> watchTokens;
    if (options.watchBounces) {
        if (!CampaignBounceWatch::canWatch(plan.campaign)) {
            printError(QStringLiteral("--watch-bounces needs a saved campaign with a mailbox "
                                      "(\"mailbox\": {\"host\": ...})"));
            return ExitFatal;
        }
        QString imapPassword;
        if (plan.tokens) {
            watchTokens = accessTokenSourceFor(plan.campaign,
                                               options.campaignPath,
                                               options.accessTokenVariable,
                                               tokenStore);
            if (!watchTokens)
                return ExitFatal;
        } else {
            imapPassword = qEnvironmentVariable("BULKMAIL_IMAP_PASSWORD");
            if (imapPassword.isEmpty())
                imapPassword = plan.password;
        }
        // Never a login bound to fail, and never after the messages are out: say it now.
        if (!watchTokens && imapPassword.isEmpty()
            && !CampaignBounceWatch::credentialsFor(plan.campaign, {}).username.isEmpty()) {
            printError(QStringLiteral("--watch-bounces needs the mailbox's password: put it in "
                                      "the environment variable BULKMAIL_IMAP_PASSWORD"));
            return ExitFatal;
        }
        CampaignBounceWatchSettings settings;
        if (options.watchBouncesMinutes)
            settings.watchAfter = std::chrono::minutes(*options.watchBouncesMinutes);
        bounceWatch = std::make_unique<CampaignBounceWatch>(plan.campaign, imapPassword, settings);
        if (watchTokens)
            bounceWatch->setAccessTokenSource(watchTokens.get());
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
    bool runEnded = false;
    bool watchEnded = false; // --watch-bounces: the command ends when both have
    QObject context;         // receiver in this thread, so every connection below is queued
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
                         runEnded = true;
                         if (bounceWatch && !watchEnded)
                             bounceWatch->runFinished(); // finished() ends the command
                         else
                             QCoreApplication::exit(exitStatus);
                     });
    if (bounceWatch) {
        QObject::connect(bounceWatch.get(),
                         &CampaignBounceWatch::feedbackFound,
                         &context,
                         [&](const QList<FeedbackEvent> &batch) {
                             for (const FeedbackEvent &event : batch) {
                                 printer.printLine(feedbackEventLine(event));
                                 events.write(event);
                             }
                             events.flush();
                         });
        QObject::connect(bounceWatch.get(),
                         &CampaignBounceWatch::watchingUntil,
                         &context,
                         [&](const QDateTime &until) {
                             printer.printLine(
                                 QStringLiteral("Watching the mailbox for bounces until %1 "
                                                "(Ctrl+C to stop)")
                                     .arg(QLocale::c().toString(until.toLocalTime(),
                                                                QStringLiteral("HH:mm"))));
                         });
        QObject::connect(
            bounceWatch.get(), &CampaignBounceWatch::finished, &context, [&](const QString &error) {
                // The send's outcome decides the exit status; a watch that could
                // not read the mailbox is said.
                if (!error.isEmpty())
                    printer.printLine(QStringLiteral("bulkmail-cli: bounces: %1").arg(error));
                watchEnded = true;
                if (runEnded)
                    QCoreApplication::exit(exitStatus);
            });
    }

    // Ctrl+C once: finish what is in flight and stop cleanly. Twice: leave now.
    const InterruptWatcher interrupts([&](int count) {
        if (count == 1 && runEnded && bounceWatch) {
            bounceWatch->stop();
        } else if (count == 1) {
            // Through the printer, so that a live progress line is kept intact below it.
            printer.printLine(QStringLiteral("bulkmail-cli: interrupted: finishing the messages in "
                                             "flight (again to quit at once)"));
            runner->cancel();
        } else {
            QCoreApplication::exit(ExitFatal);
        }
    });

    runner->start(plan);
    if (bounceWatch)
        bounceWatch->watch();
    return QCoreApplication::exec();
}

} // namespace Bulkmail
