// bulkmail-cli: the Bulkmail engine without a display, for scripts, servers and tests.

#include "attachmentscommand.h"
#include "bouncescommand.h"
#include "checkcommand.h"
#include "dryruncommand.h"
#include "exportcsvcommand.h"
#include "importcommand.h"
#include "logging/logging.h"
#include "logincommand.h"
#include "parsebouncecommand.h"
#include "sandboxcommand.h"
#include "sendcommand.h"
#include "suppressioncommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <optional>
#include <utility>

using namespace Bulkmail;

namespace {

constexpr const char *Usage = R"(Usage: bulkmail-cli <command> [options]

Commands:
  send FILE [--password-env NAME | --access-token-env NAME] [--events PATH|-]
            [--retry-failed] [--restart [--yes]] [--hold-unresolved] [--include-suppressed]
            [--watch-bounces[=MINUTES]]
      Send the campaign FILE (.bulkmail). The password comes from the environment variable
      NAME (default BULKMAIL_PASSWORD), never from the command line. A campaign with
      "auth": "oauth2" signs in with the account stored by `login` instead (the access token
      is renewed as needed), or with the one access token in the environment variable given
      to --access-token-env (for scripts that obtain tokens themselves). Progress and connection
      events go to stderr; --events writes one JSON object per line to PATH (- for stdout).
      A send resumes from the campaign's journal: recipients already sent to are skipped.
      --retry-failed also retries those that failed for good before; --restart ignores the
      journal and sends to everyone again (it asks first; --yes confirms without asking).
      Personal attachments are sent only as `check` last saw them: a recipient whose file
      changed since is held. A recipient whose required file is missing or ambiguous stops the
      send before anything leaves, unless --hold-unresolved (or "whenUnresolved": "hold" in the
      campaign) sends the others and holds these. Recipients on the account's suppression list
      (see suppression) are not sent to, and are reported with the list's reason;
      --include-suppressed sends to them too. --watch-bounces reads the campaign's mailbox
      (see bounces) while it sends and for MINUTES after (default: "watchAfterMinutes" in its
      "mailbox", else 120), printing each bounce as it arrives (with --events too); Ctrl+C
      ends the watch.
      Exit status: 0 all sent (duplicate and suppressed addresses aside), 2 some recipients
      failed or were held, 1 a fatal error.

  send FILE --dry-run --output DIR
      Send nothing: write every message, exactly as it would be sent, to DIR/NNNNN-<address>.eml
      (NNNNN: the recipient's row, from 1). Needs no password. DIR is created if needed; it must
      be empty or hold only the .eml files of an earlier dry run, which are replaced. Invalid and
      duplicate recipients are skipped and listed, as a send skips them.
      Exit status: 0 all written, 2 some messages could not be composed, 1 cannot be sent.

  login FILE [--no-browser]
      Sign in to the OAuth2 account (Microsoft 365, Google or the campaign's own endpoints) of
      the campaign FILE: the browser opens the provider's page (the address is printed when no
      browser can be opened, always with --no-browser), the answer comes back to 127.0.0.1, and
      the refresh token goes into the system keychain (never into a file). Prints the address.
      Exit status: 0 signed in, 1 not.

  logout FILE
      Remove the stored sign-in of the campaign's account from the keychain.

  check FILE [--hold-unresolved]
      Check the campaign FILE without connecting: recipients (invalid and duplicate ones with
      their line or position), templates (parse errors, unknown fields, recipients with an empty
      field), attachments (missing files, total size), server settings, estimated message size.
      Personal attachments: recipients with no file or more than one (blockers, or warnings
      with --hold-unresolved: a send holds them), files no recipient matches, files changed
      since the last check. The size, time and SHA-256 of every personal file are kept in
      FILE.attachments; a send compares each file against them.
      Exit status: 0 it can be sent (invalid and duplicate recipients only warn: they are
      skipped), 1 it cannot be sent.

  export-csv FILE --output CSV
      Write the recipients of the campaign FILE, their merge fields and each one's send status
      (sent, failed with the server's reply, unconfirmed, not sent yet; from the send journal)
      to CSV, as UTF-8 with a BOM so that Excel opens it as it is.

  attachments FILE --output CSV
      Write who got which personal attachment, from the send journal: address, name, file,
      size, SHA-256 of the bytes sent, time, row, and "sent" or "unconfirmed".

  import LIST --into FILE [--sheet NAME] [--encoding NAME] [--delimiter C]
  import-csv CSV --into FILE [--encoding NAME] [--delimiter C]
      Add the recipients of LIST (a CSV file, or an .xlsx, .xls or .ods workbook) to the
      campaign FILE, merge fields matched by name. Rows whose address is already in the campaign
      are skipped; invalid and duplicate ones are added and flagged. A CSV's encoding (UTF-8,
      GB18030, windows-1252, ...) and delimiter (, ; tab) are detected unless given. A workbook's
      values are taken as the spreadsheet shows them (00123, 2026年12月6日, 1234.50), from
      --sheet NAME or else its first visible sheet that holds a value; a title row above the
      header is skipped; hidden rows and sheets and merged header cells are reported.
      import-csv is the same command. FILE is saved atomically; a list that fails to import
      changes nothing. Exit status: 0 imported (or nothing new), 1 an error (naming the line).

  sandbox [--port N] [--save-dir DIR] [--starttls] [--max-per-connection N]
          [--rate-per-minute N] [--refuse ADDRESS]...
      Run the built-in sandbox SMTP server on 127.0.0.1 (a free port unless --port): it
      captures messages instead of delivering them and prints each connection and message.
      --save-dir writes each message as NNNNN-<recipient>.eml. --starttls offers STARTTLS with
      a certificate generated at start (its PEM file is printed, to name as
      server.trustCertificate). To rehearse a provider's limits: --max-per-connection answers
      421 after N messages on a connection, --rate-per-minute answers 451 4.7.0 beyond N
      messages a minute, --refuse answers 550 5.1.1 for that recipient. Stops on Ctrl+C.

  suppression list FILE [--reason R]
  suppression add FILE ADDRESS... [--reason R] [--detail TEXT]
  suppression remove FILE ADDRESS...
  suppression export FILE --output CSV
  suppression import FILE CSV
      The suppression list of the account (server host and user name) of the campaign FILE:
      the addresses later campaigns from that account skip, each with its reason (hard-bounce,
      unsubscribe or manual), the date it was first listed, the campaign and the details. It
      lives in the user's data folder, never in the campaign file. list prints one
      tab-separated line per address (address, reason, date, campaign, detail) and the counts
      on stderr; add lists addresses (reason manual unless --reason); remove fails for an
      address that is not listed; export writes CSV (UTF-8 with BOM); import reads a CSV with
      an email column (and optional reason, detail, date, campaign columns): all or nothing,
      naming every bad line. Exit status: 0 done, 1 an error.

  bounces FILE [--password-env NAME | --access-token-env NAME] [--events PATH|- | --json]
      Read the mailbox of the campaign FILE ("mailbox" in the file: INBOX, and "bounceFolder"
      if named) once for what came back: delivery reports about the campaign's messages (matched
      to their recipients by the Message-IDs in the journal) and unsubscribe requests. Read-only:
      nothing is deleted, moved or marked read, and only messages newer than the last read are
      fetched. Each is printed, one tab-separated line a recipient (address, hard or soft or
      unsubscribe, status, row, the report's words), recorded as a "bounced" line in the
      journal, and hard bounces go to the account's suppression list; unsubscribe requests too
      when the campaign says "autoSuppressUnsubscribes": true, else they are listed to confirm.
      --events writes one JSON object per line instead (--json: to stdout). The mailbox's
      password comes from the environment variable NAME (default BULKMAIL_IMAP_PASSWORD, then
      BULKMAIL_PASSWORD); a campaign with "auth": "oauth2" signs in to the mailbox as `send`
      does to SMTP (the account stored by `login`, or --access-token-env). Exit status:
      0 nothing new, 2 new bounces or requests (printed), 1 the mailbox could not be read to
      the end (no mailbox, refused, unreachable, a send of the campaign running).

  parse-bounce MESSAGE.eml
      Read a delivery report (RFC 3464, or the plain-text reports of Exchange, Gmail, qmail,
      QQ, 163, Aliyun) and print it as one JSON object: format, reportingMta, originalMessageId,
      subject, date, hard, and per recipient: recipient, action, status, severity (hard or
      soft), diagnostic, remoteMta. Exit status: 0 a report, 2 not a delivery report (an
      automatic reply, an ordinary message), 1 the file cannot be read.

Options:
  -h, --help       Show this help.
  -v, --version    Show the version.
  --verbose        Also log to stderr (BULKMAIL_SMTP_TRANSCRIPT=1 adds the redacted SMTP dialogue).
)";

int usageError(const QString &message)
{
    std::fprintf(stderr, "bulkmail-cli: %s\n\n%s", qUtf8Printable(message), Usage);
    return ExitFatal;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bulkmail"));
    QCoreApplication::setOrganizationName(QStringLiteral("Bulkmail"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BULKMAIL_VERSION));

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption versionOption(
        QStringList{QStringLiteral("v"), QStringLiteral("version")});
    const QCommandLineOption verboseOption(QStringLiteral("verbose"));
    const QCommandLineOption passwordEnvOption(QStringLiteral("password-env"),
                                               QString(),
                                               QStringLiteral("NAME"));
    const QCommandLineOption accessTokenEnvOption(QStringLiteral("access-token-env"),
                                                  QString(),
                                                  QStringLiteral("NAME"));
    const QCommandLineOption noBrowserOption(QStringLiteral("no-browser"));
    const QCommandLineOption jsonOption(QStringLiteral("json"));
    const QCommandLineOption eventsOption(QStringLiteral("events"),
                                          QString(),
                                          QStringLiteral("PATH"));
    const QCommandLineOption retryFailedOption(QStringLiteral("retry-failed"));
    const QCommandLineOption restartOption(QStringLiteral("restart"));
    const QCommandLineOption yesOption(QStringLiteral("yes"));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"));
    const QCommandLineOption holdUnresolvedOption(QStringLiteral("hold-unresolved"));
    const QCommandLineOption includeSuppressedOption(QStringLiteral("include-suppressed"));
    const QCommandLineOption watchBouncesOption(QStringLiteral("watch-bounces"));
    const QCommandLineOption watchMinutesOption(QStringLiteral("watch-bounces-minutes"),
                                                QString(),
                                                QStringLiteral("MINUTES"));
    const QCommandLineOption outputOption(QStringLiteral("output"),
                                          QString(),
                                          QStringLiteral("DIR"));
    const QCommandLineOption intoOption(QStringLiteral("into"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption sheetOption(QStringLiteral("sheet"), QString(), QStringLiteral("NAME"));
    const QCommandLineOption encodingOption(QStringLiteral("encoding"),
                                            QString(),
                                            QStringLiteral("NAME"));
    const QCommandLineOption delimiterOption(QStringLiteral("delimiter"),
                                             QString(),
                                             QStringLiteral("C"));
    const QCommandLineOption portOption(QStringLiteral("port"), QString(), QStringLiteral("N"));
    const QCommandLineOption saveDirOption(QStringLiteral("save-dir"),
                                           QString(),
                                           QStringLiteral("DIR"));
    const QCommandLineOption startTlsOption(QStringLiteral("starttls"));
    const QCommandLineOption perConnectionOption(QStringLiteral("max-per-connection"),
                                                 QString(),
                                                 QStringLiteral("N"));
    const QCommandLineOption ratePerMinuteOption(QStringLiteral("rate-per-minute"),
                                                 QString(),
                                                 QStringLiteral("N"));
    const QCommandLineOption refuseOption(QStringLiteral("refuse"),
                                          QString(),
                                          QStringLiteral("ADDRESS"));
    const QCommandLineOption reasonOption(QStringLiteral("reason"), QString(), QStringLiteral("R"));
    const QCommandLineOption detailOption(QStringLiteral("detail"),
                                          QString(),
                                          QStringLiteral("TEXT"));
    parser.addOptions({reasonOption, detailOption});
    parser.addOptions({portOption,
                       saveDirOption,
                       startTlsOption,
                       perConnectionOption,
                       ratePerMinuteOption,
                       refuseOption});
    parser.addOptions({helpOption,
                       versionOption,
                       verboseOption,
                       passwordEnvOption,
                       accessTokenEnvOption,
                       noBrowserOption,
                       jsonOption,
                       eventsOption,
                       retryFailedOption,
                       restartOption,
                       yesOption,
                       dryRunOption,
                       holdUnresolvedOption,
                       includeSuppressedOption,
                       watchBouncesOption,
                       watchMinutesOption,
                       outputOption,
                       intoOption,
                       sheetOption,
                       encodingOption,
                       delimiterOption});
    // --watch-bounces=MINUTES: QCommandLineParser has no option with an optional value.
    QStringList commandLine = QCoreApplication::arguments();
    for (qsizetype i = 1; i < commandLine.size(); ++i) {
        if (commandLine.at(i).startsWith(u"--watch-bounces=")) {
            const QString minutes = commandLine.at(i).section(u'=', 1);
            commandLine.replace(i, QStringLiteral("--watch-bounces"));
            commandLine.insert(++i, QStringLiteral("--watch-bounces-minutes=") + minutes);
        }
    }
    if (!parser.parse(commandLine))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        std::fputs(Usage, stdout);
        return 0;
    }
    if (parser.isSet(versionOption)) {
        std::printf("bulkmail-cli %s\n", BULKMAIL_VERSION);
        return 0;
    }

    const QStringList arguments = parser.positionalArguments();
    if (arguments.isEmpty())
        return usageError(QStringLiteral("no command given"));
    const QString command = arguments.first();

    LogOptions logOptions;
    logOptions.toStderr = parser.isSet(verboseOption);
    logOptions.level = parser.isSet(verboseOption) ? spdlog::level::debug : spdlog::level::info;
    if (Result<void> logging = initializeLogging(logOptions); !logging)
        std::fprintf(stderr,
                     "bulkmail-cli: logging to a file is off: %s\n",
                     qUtf8Printable(logging.error().message));

    // Each option belongs to one command; anywhere else it is a mistake worth saying.
    // import-csv is the name `import` had before it read workbooks.
    const QString canonicalCommand = command == u"import-csv" ? QStringLiteral("import") : command;
    const auto misplaced = [&](const QCommandLineOption &option, QStringView owner) {
        return parser.isSet(option) && canonicalCommand != owner;
    };
    for (const auto &[option, owner] :
         {std::pair{&dryRunOption, u"send"},           std::pair{&passwordEnvOption, u"send"},
          std::pair{&accessTokenEnvOption, u"send"},   std::pair{&noBrowserOption, u"login"},
          std::pair{&eventsOption, u"send"},           std::pair{&retryFailedOption, u"send"},
          std::pair{&restartOption, u"send"},          std::pair{&yesOption, u"send"},
          std::pair{&intoOption, u"import"},           std::pair{&sheetOption, u"import"},
          std::pair{&encodingOption, u"import"},       std::pair{&delimiterOption, u"import"},
          std::pair{&portOption, u"sandbox"},          std::pair{&saveDirOption, u"sandbox"},
          std::pair{&startTlsOption, u"sandbox"},      std::pair{&perConnectionOption, u"sandbox"},
          std::pair{&ratePerMinuteOption, u"sandbox"}, std::pair{&refuseOption, u"sandbox"},
          std::pair{&reasonOption, u"suppression"},    std::pair{&detailOption, u"suppression"},
          std::pair{&jsonOption, u"bounces"},          std::pair{&watchBouncesOption, u"send"}}) {
        // bounces shares send's --events, --password-env and --access-token-env.
        const bool sharedWithBounces = command == u"bounces"
                                       && (option == &eventsOption || option == &passwordEnvOption
                                           || option == &accessTokenEnvOption);
        if (misplaced(*option, QStringView(owner)) && !sharedWithBounces) {
            return usageError(
                QStringLiteral("--%1 is an option of %2, not of %3")
                    .arg(option->names().constFirst(), QString::fromUtf16(owner), command));
        }
    }

    // send and bounces sign in with a password or with an access token, never both.
    const auto signInOptionsProblem = [&]() -> QString {
        if (parser.isSet(passwordEnvOption) && parser.isSet(accessTokenEnvOption))
            return QStringLiteral("--password-env and --access-token-env exclude each other");
        if (parser.isSet(accessTokenEnvOption) && parser.value(accessTokenEnvOption).isEmpty())
            return QStringLiteral("--access-token-env needs a variable NAME");
        return {};
    };

    if (parser.isSet(outputOption) && command != u"send" && command != u"export-csv"
        && command != u"suppression" && command != u"attachments")
        return usageError(QStringLiteral("--output is an option of send --dry-run, export-csv, "
                                         "suppression export and attachments, not of %1")
                              .arg(command));
    if (parser.isSet(holdUnresolvedOption) && command != u"send" && command != u"check")
        return usageError(
            QStringLiteral("--hold-unresolved is an option of send and check, not of %1")
                .arg(command));

    int status = ExitFatal;
    if (command == u"send" && (parser.isSet(dryRunOption) || parser.isSet(outputOption))) {
        // Branches before runSendCommand(): a dry run needs no password and opens no connection.
        if (arguments.size() != 2)
            return usageError(QStringLiteral("send takes exactly one campaign file"));
        if (!parser.isSet(dryRunOption))
            return usageError(QStringLiteral("--output is for --dry-run"));
        if (parser.value(outputOption).isEmpty())
            return usageError(QStringLiteral("--dry-run needs --output DIR"));
        // A dry run renders every message and neither reads nor writes the journal.
        for (const QCommandLineOption *option : {&eventsOption,
                                                 &retryFailedOption,
                                                 &restartOption,
                                                 &yesOption,
                                                 &accessTokenEnvOption,
                                                 &watchBouncesOption}) {
            if (parser.isSet(*option)) {
                return usageError(QStringLiteral("--%1 is not available with --dry-run")
                                      .arg(option->names().constFirst()));
            }
        }
        status = runDryRunCommand({arguments.at(1), parser.value(outputOption)});
    } else if (command == u"export-csv") {
        if (arguments.size() != 2 || parser.value(outputOption).isEmpty())
            return usageError(
                QStringLiteral("export-csv takes one campaign file and --output CSV"));
        status = runExportCsvCommand(arguments.at(1), parser.value(outputOption));
    } else if (command == u"suppression") {
        SuppressionOptions options;
        options.action = arguments.value(1);
        options.campaignPath = arguments.value(2);
        options.operands = arguments.mid(3);
        options.outputPath = parser.value(outputOption);
        options.reason = parser.value(reasonOption);
        options.detail = parser.value(detailOption);
        const QString &action = options.action;
        const bool known = action == u"list" || action == u"add" || action == u"remove"
                           || action == u"export" || action == u"import";
        if (!known || options.campaignPath.isEmpty())
            return usageError(QStringLiteral("suppression takes list, add, remove, export or "
                                             "import, then a campaign file"));
        if ((action == u"add" || action == u"remove") && options.operands.isEmpty())
            return usageError(
                QStringLiteral("suppression %1 needs at least one address").arg(action));
        if ((action == u"list" || action == u"export") && !options.operands.isEmpty())
            return usageError(
                QStringLiteral("suppression %1 takes only the campaign file").arg(action));
        if (action == u"import" && options.operands.size() != 1)
            return usageError(QStringLiteral("suppression import takes one CSV file"));
        if ((action == u"export") != parser.isSet(outputOption)
            || (action == u"export" && options.outputPath.isEmpty()))
            return usageError(QStringLiteral("--output CSV belongs to suppression export, which "
                                             "needs it"));
        if (parser.isSet(reasonOption) && action != u"list" && action != u"add")
            return usageError(QStringLiteral("--reason is for suppression list and add"));
        if (parser.isSet(detailOption) && action != u"add")
            return usageError(QStringLiteral("--detail is for suppression add"));
        status = runSuppressionCommand(options);
    } else if (command == u"bounces") {
        if (arguments.size() != 2)
            return usageError(QStringLiteral("bounces takes exactly one campaign file"));
        if (parser.isSet(jsonOption) && parser.isSet(eventsOption))
            return usageError(QStringLiteral("--json is --events -: give one of them"));
        BouncesOptions options;
        options.campaignPath = arguments.at(1);
        options.passwordVariable = parser.value(passwordEnvOption);
        if (const QString problem = signInOptionsProblem(); !problem.isEmpty())
            return usageError(problem);
        options.accessTokenVariable = parser.value(accessTokenEnvOption);
        options.eventsPath = parser.isSet(jsonOption) ? QStringLiteral("-")
                                                      : parser.value(eventsOption);
        status = runBouncesCommand(options);
    } else if (command == u"parse-bounce") {
        if (arguments.size() != 2)
            return usageError(QStringLiteral("parse-bounce takes exactly one message file"));
        status = runParseBounceCommand(arguments.at(1));
    } else if (command == u"attachments") {
        if (arguments.size() != 2 || parser.value(outputOption).isEmpty())
            return usageError(
                QStringLiteral("attachments takes one campaign file and --output CSV"));
        status = runAttachmentsCommand(arguments.at(1), parser.value(outputOption));
    } else if (command == u"login") {
        if (arguments.size() != 2)
            return usageError(QStringLiteral("login takes exactly one campaign file"));
        status = runLoginCommand({arguments.at(1), parser.isSet(noBrowserOption)});
    } else if (command == u"logout") {
        if (arguments.size() != 2)
            return usageError(QStringLiteral("logout takes exactly one campaign file"));
        status = runLogoutCommand(arguments.at(1));
    } else if (command == u"check") {
        if (arguments.size() != 2)
            return usageError(QStringLiteral("check takes exactly one campaign file"));
        status = runCheckCommand(arguments.at(1),
                                 parser.isSet(holdUnresolvedOption)
                                     ? UnresolvedAttachments::Hold
                                     : UnresolvedAttachments::AsCampaignSays);
    } else if (canonicalCommand == u"import") {
        if (arguments.size() != 2)
            return usageError(QStringLiteral("%1 takes exactly one list file").arg(command));
        if (parser.value(intoOption).isEmpty())
            return usageError(QStringLiteral("%1 needs --into FILE").arg(command));
        ImportOptions options;
        options.listPath = arguments.at(1);
        options.campaignPath = parser.value(intoOption);
        options.sheet = parser.value(sheetOption);
        options.encoding = parser.value(encodingOption).toLatin1();
        if (parser.isSet(delimiterOption)) {
            const QString delimiter = parser.value(delimiterOption);
            if (delimiter == u"tab" || delimiter == u"\\t")
                options.delimiter = u'\t';
            else if (delimiter.size() == 1 && delimiter != u"\"")
                options.delimiter = delimiter.front();
            else
                return usageError(
                    QStringLiteral("--delimiter takes one character (or \"tab\"), not \"%1\"")
                        .arg(delimiter));
        }
        status = runImportCommand(options);
    } else if (command == u"send") {
        if (arguments.size() != 2)
            return usageError(QStringLiteral("send takes exactly one campaign file"));
        SendOptions options;
        options.campaignPath = arguments.at(1);
        if (parser.isSet(passwordEnvOption))
            options.passwordVariable = parser.value(passwordEnvOption);
        if (const QString problem = signInOptionsProblem(); !problem.isEmpty())
            return usageError(problem);
        options.accessTokenVariable = parser.value(accessTokenEnvOption);
        options.eventsPath = parser.value(eventsOption);
        options.retryFailed = parser.isSet(retryFailedOption);
        options.restart = parser.isSet(restartOption);
        options.assumeYes = parser.isSet(yesOption);
        options.holdUnresolved = parser.isSet(holdUnresolvedOption);
        options.includeSuppressed = parser.isSet(includeSuppressedOption);
        if (options.assumeYes && !options.restart)
            return usageError(QStringLiteral("--yes confirms --restart"));
        options.watchBounces = parser.isSet(watchBouncesOption);
        if (parser.isSet(watchMinutesOption)) {
            bool isNumber = false;
            const int minutes = parser.value(watchMinutesOption).toInt(&isNumber);
            if (!isNumber || minutes < 0)
                return usageError(QStringLiteral("--watch-bounces=MINUTES takes a whole number "
                                                 "of minutes, 0 or more"));
            options.watchBouncesMinutes = minutes;
        }
        status = runSendCommand(options);
    } else if (command == u"sandbox") {
        if (arguments.size() != 1)
            return usageError(QStringLiteral("sandbox takes no file"));
        SandboxOptions options;
        // Non-negative whole numbers; the port also at most 65535.
        const auto number = [&](const QCommandLineOption &option,
                                int maximum) -> std::optional<int> {
            if (!parser.isSet(option))
                return 0;
            bool ok = false;
            const int value = parser.value(option).toInt(&ok);
            if (!ok || value < 0 || value > maximum)
                return std::nullopt;
            return value;
        };
        const std::optional<int> port = number(portOption, 65535);
        const std::optional<int> perConnection = number(perConnectionOption, 1'000'000);
        const std::optional<int> perMinute = number(ratePerMinuteOption, 1'000'000);
        if (!port || !perConnection || !perMinute)
            return usageError(QStringLiteral(
                "--port, --max-per-connection and --rate-per-minute take a whole number"));
        options.port = static_cast<quint16>(*port);
        options.maxMessagesPerConnection = *perConnection;
        options.ratePerMinute = *perMinute;
        options.startTls = parser.isSet(startTlsOption);
        options.saveDirectory = parser.value(saveDirOption);
        options.refusedRecipients = parser.values(refuseOption);
        status = runSandboxCommand(options);
    } else {
        return usageError(QStringLiteral("unknown command \"%1\"").arg(command));
    }
    shutdownLogging();
    return status;
}
