#include "bouncescommand.h"

#include "accesstokens.h"
#include "common/clock.h"
#include "document/campaignfile.h"
#include "eventwriter.h"
#include "feedback/campaignbouncewatch.h"
#include "feedback/campaignfeedback.h"
#include "feedback/mailboxwatcher.h"
#include "feedback/suppressionlist.h"
#include "journal/journallock.h"
#include "journal/sendjournal.h"
#include "oauth/tokenstore.h"
#include "sendcommand.h"

#include <QEventLoop>

#include <cstdio>

namespace Bulkmail {

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(message));
    return ExitFatal;
}

QString passwordFrom(const BouncesOptions &options)
{
    // Never from the command line: arguments are visible to every user through ps.
    if (!options.passwordVariable.isEmpty())
        return qEnvironmentVariable(qPrintable(options.passwordVariable));
    const QString imap = qEnvironmentVariable("BULKMAIL_IMAP_PASSWORD");
    return imap.isEmpty() ? qEnvironmentVariable("BULKMAIL_PASSWORD") : imap;
}

} // namespace

QString feedbackEventLine(const FeedbackEvent &event)
{
    QString result;
    switch (event.kind) {
    case FeedbackEvent::Kind::Bounced:
        result = event.severity;
        break;
    case FeedbackEvent::Kind::Unsubscribed:
        result = QStringLiteral("unsubscribed");
        break;
    case FeedbackEvent::Kind::UnsubscribeToConfirm:
        result = QStringLiteral("unsubscribe (to confirm)");
        break;
    }
    const QString row = event.recipientIndex >= 0
                            ? QStringLiteral("row %1").arg(event.recipientIndex + 1)
                            : QStringLiteral("not in the list");
    return QStringList{event.email,
                       result,
                       event.status.isEmpty() ? QStringLiteral("-") : event.status,
                       row,
                       event.text.simplified()}
               .join(u'\t')
           + (event.suppressed ? QStringLiteral(" [suppressed]") : QString());
}

int runBouncesCommand(const BouncesOptions &options)
{
    const Result<Campaign> loaded = loadCampaign(options.campaignPath);
    if (!loaded)
        return fail(loaded.error().message);
    const Campaign &campaign = *loaded;
    const MailboxSettings &mailbox = campaign.mailbox;
    if (!mailbox.isConfigured())
        return fail(QStringLiteral("the campaign names no mailbox (\"mailbox\": {\"host\": ...}) "
                                   "to read bounces from"));
    QString password;
    // An OAuth2 account's mailbox signs in with the access tokens its SMTP uses: the same source.
    TokenStore tokenStore; // outlives the scan: rotated refresh tokens are written to it
    std::shared_ptr<AccessTokenSource> tokens;
    if (campaign.auth == AuthMethod::OAuth2) {
        if (!options.passwordVariable.isEmpty())
            return fail(QStringLiteral("--password-env is for campaigns that sign in with a "
                                       "password; %1 signs in with OAuth2")
                            .arg(options.campaignPath));
        tokens = accessTokenSourceFor(campaign,
                                      options.campaignPath,
                                      options.accessTokenVariable,
                                      tokenStore);
        if (!tokens)
            return ExitFatal;
    } else if (!options.accessTokenVariable.isEmpty()) {
        return fail(QStringLiteral("--access-token-env is for campaigns with \"auth\": "
                                   "\"oauth2\" in \"server\"; %1 signs in with a password")
                        .arg(options.campaignPath));
    } else {
        password = passwordFrom(options);
    }
    const ImapCredentials credentials = CampaignBounceWatch::credentialsFor(campaign, password);
    if (!tokens && !credentials.username.isEmpty() && credentials.password.isEmpty()) {
        // Never a login bound to fail.
        return fail(QStringLiteral("the mailbox %1 needs a password: put it in the environment "
                                   "variable %2 (never on the command line)")
                        .arg(credentials.username,
                             options.passwordVariable.isEmpty()
                                 ? QStringLiteral("BULKMAIL_IMAP_PASSWORD")
                                 : options.passwordVariable));
    }

    // The journal is the campaign's record; a send writing it now would interleave with us.
    const QString journalPath = SendJournal::pathFor(campaign.filePath);
    auto lock = JournalLock::acquire(journalPath);
    if (!lock)
        return fail(QStringLiteral("%1; read the bounces once it has ended")
                        .arg(lock.error().error.message));
    const Result<QList<JournalEntry>> entries = readJournalEntries(journalPath);
    if (!entries)
        return fail(entries.error().message);
    if (CampaignMessageIds::fromJournal(*entries).size() == 0) {
        std::fprintf(stderr,
                     "bulkmail-cli: the journal names no message of this campaign (nothing sent "
                     "yet, or sent by a version that did not record Message-IDs): nothing to "
                     "match reports to\n");
        return ExitAllSent;
    }
    EventWriter events;
    if (!options.eventsPath.isEmpty()) {
        if (Result<void> opened = events.open(options.eventsPath); !opened)
            return fail(opened.error().message);
    }

    CampaignBounceWatch watch(campaign, password);
    if (tokens)
        watch.setAccessTokenSource(tokens.get());
    int found = 0;
    QObject::connect(&watch,
                     &CampaignBounceWatch::feedbackFound,
                     [&](const QList<FeedbackEvent> &batch) {
                         for (const FeedbackEvent &event : batch) {
                             ++found;
                             if (events.isOpen())
                                 events.write(event);
                             if (options.eventsPath != u"-")
                                 std::printf("%s\n", qUtf8Printable(feedbackEventLine(event)));
                         }
                         events.flush();
                     });
    MailboxScanSummary summary;
    QObject::connect(&watch,
                     &CampaignBounceWatch::scanFinished,
                     [&summary](const MailboxScanSummary &s) { summary = s; });
    QString error;
    QEventLoop loop;
    QObject::connect(&watch, &CampaignBounceWatch::finished, [&](const QString &e) {
        error = e;
        loop.quit();
    });
    watch.scanOnce();
    loop.exec();

    for (const QString &problem : std::as_const(summary.problems))
        std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(problem));
    if (!error.isEmpty())
        return fail(error);
    QStringList folders{QStringLiteral("INBOX")};
    if (!mailbox.bounceFolder.isEmpty() && mailbox.bounceFolder != u"INBOX")
        folders.append(mailbox.bounceFolder);
    std::fprintf(stderr,
                 "Read %d new message(s) in %s: %d report(s) and %d unsubscribe request(s) about "
                 "this campaign, %d about other messages.\n",
                 summary.examined,
                 qUtf8Printable(folders.join(QStringLiteral(", "))),
                 summary.bounces,
                 summary.unsubscribes,
                 summary.ignored);
    return found > 0 ? ExitSomeFailed : ExitAllSent;
}

} // namespace Bulkmail
