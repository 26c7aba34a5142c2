#include "bouncescommand.h"

#include "accesstokens.h"
#include "common/clock.h"
#include "document/campaignfile.h"
#include "eventwriter.h"
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

// "anna@example.org<TAB>hard<TAB>5.1.1<TAB>row 3<TAB>words": one line a recipient, for people
// and for cut/awk alike.
void printEvent(const FeedbackEvent &event)
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
    std::printf("%s\t%s\t%s\t%s\t%s%s\n",
                qUtf8Printable(event.email),
                qUtf8Printable(result),
                qUtf8Printable(event.status.isEmpty() ? QStringLiteral("-") : event.status),
                qUtf8Printable(row),
                qUtf8Printable(event.text.simplified()),
                event.suppressed ? " [suppressed]" : "");
}

} // namespace

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
    ImapCredentials credentials;
    credentials.username = mailbox.username.isEmpty() ? campaign.server.username : mailbox.username;
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
        credentials.password = passwordFrom(options);
    }
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
    const CampaignMessageIds messageIds = CampaignMessageIds::fromJournal(*entries);
    QDateTime firstSent;
    for (const JournalEntry &entry : *entries) {
        if (!entry.messageId.isEmpty() && (!firstSent.isValid() || entry.time < firstSent))
            firstSent = entry.time;
    }
    if (messageIds.size() == 0) {
        std::fprintf(stderr,
                     "bulkmail-cli: the journal names no message of this campaign (nothing sent "
                     "yet, or sent by a version that did not record Message-IDs): nothing to "
                     "match reports to\n");
        return ExitAllSent;
    }

    Result<MailboxPositions> positions = MailboxPositions::load(
        MailboxPositions::pathForAccount(mailbox.server.host, credentials.username));
    if (!positions)
        return fail(positions.error().message);
    Result<std::unique_ptr<SuppressionList>> suppression = SuppressionList::openForAccount(
        campaign.server.host, campaign.server.username);
    if (!suppression)
        return fail(suppression.error().message);
    EventWriter events;
    if (!options.eventsPath.isEmpty()) {
        if (Result<void> opened = events.open(options.eventsPath); !opened)
            return fail(opened.error().message);
    }

    MailboxWatcherSettings settings;
    settings.mailboxes = {QStringLiteral("INBOX")};
    if (!mailbox.bounceFolder.isEmpty() && mailbox.bounceFolder != u"INBOX")
        settings.mailboxes.append(mailbox.bounceFolder);
    settings.reader = journalPath;
    // A day early: SEARCH SINCE compares dates in the server's time zone (RFC 9051 §6.4.4).
    settings.firstScanSince = firstSent.addDays(-1);
    settings.isOurMessageId = [&messageIds](const QString &id) { return messageIds.contains(id); };
    MailboxWatcher watcher(mailbox.server, credentials, std::move(*positions), settings);
    if (tokens)
        watcher.signIn().setAccessTokenSource(tokens.get());

    SystemClock clock;
    std::unique_ptr<SendJournal> journal; // opened at the first bounce: a scan that finds
                                          // nothing leaves the journal as it was
    const UnsubscribeHandling unsubscribes = mailbox.autoSuppressUnsubscribes
                                                 ? UnsubscribeHandling::Suppress
                                                 : UnsubscribeHandling::AskFirst;
    int found = 0;
    QString writeError;
    QObject::connect(&watcher, &MailboxWatcher::feedbackFound, [&](const MailboxFeedback &feedback) {
        if (!writeError.isEmpty())
            return;
        if (!journal && feedback.message.kind == FeedbackMessage::Kind::Bounce) {
            Result<std::unique_ptr<SendJournal>> opened = SendJournal::open(journalPath,
                                                                            campaign.recipients,
                                                                            clock);
            if (!opened) {
                writeError = opened.error().message;
                watcher.stop();
                return;
            }
            journal = std::move(*opened);
        }
        const Result<QList<FeedbackEvent>> applied = applyFeedback(
            feedback, messageIds, journal.get(), suppression->get(), campaign.name, unsubscribes);
        if (!applied) {
            writeError = applied.error().message;
            watcher.stop();
            return;
        }
        for (const FeedbackEvent &event : *applied) {
            ++found;
            if (events.isOpen())
                events.write(event);
            if (options.eventsPath != u"-")
                printEvent(event);
        }
        events.flush();
    });
    MailboxScanSummary summary;
    QObject::connect(&watcher,
                     &MailboxWatcher::scanFinished,
                     [&summary](const MailboxScanSummary &s) { summary = s; });
    QEventLoop loop;
    QObject::connect(&watcher, &MailboxWatcher::finished, &loop, &QEventLoop::quit);
    watcher.scanOnce();
    loop.exec();
    journal.reset(); // synced and closed

    for (const QString &problem : std::as_const(summary.problems))
        std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(problem));
    if (!writeError.isEmpty())
        return fail(writeError);
    if (!summary.isComplete())
        return fail(summary.error);
    std::fprintf(stderr,
                 "Read %d new message(s) in %s: %d report(s) and %d unsubscribe request(s) about "
                 "this campaign, %d about other messages.\n",
                 summary.examined,
                 qUtf8Printable(settings.mailboxes.join(QStringLiteral(", "))),
                 summary.bounces,
                 summary.unsubscribes,
                 summary.ignored);
    return found > 0 ? ExitSomeFailed : ExitAllSent;
}

} // namespace Bulkmail
