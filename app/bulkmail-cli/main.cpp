// bulkmail-cli: the Bulkmail engine without a display, for scripts, servers and tests.

#include "attachmentscommand.h"
#include "checkcommand.h"
#include "dryruncommand.h"
#include "exportcsvcommand.h"
#include "importcsvcommand.h"
#include "logging/logging.h"
#include "logincommand.h"
#include "sandboxcommand.h"
#include "sendcommand.h"

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
            [--retry-failed] [--restart [--yes]] [--hold-unresolved]
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
      campaign) sends the others and holds these.
      Exit status: 0 all sent, 2 some recipients failed or were held, 1 a fatal error.

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

  import-csv CSV --into FILE [--encoding NAME] [--delimiter C]
      Add the recipients of CSV to the campaign FILE, merge fields matched by name. Rows whose
      address is already in the campaign are skipped; invalid and duplicate ones are added and
      flagged. The encoding (UTF-8, GB18030, windows-1252, ...) and the delimiter (, ; tab) are
      detected unless given. FILE is saved atomically; a CSV that fails to import changes nothing.
      Exit status: 0 imported (or nothing new), 1 an error (naming the CSV line).

  sandbox [--port N] [--save-dir DIR] [--starttls] [--max-per-connection N]
          [--rate-per-minute N] [--refuse ADDRESS]...
      Run the built-in sandbox SMTP server on 127.0.0.1 (a free port unless --port): it
      captures messages instead of delivering them and prints each connection and message.
      --save-dir writes each message as NNNNN-<recipient>.eml. --starttls offers STARTTLS with
      a certificate generated at start (its PEM file is printed, to name as
      server.trustCertificate). To rehearse a provider's limits: --max-per-connection answers
      421 after N messages on a connection, --rate-per-minute answers 451 4.7.0 beyond N
      messages a minute, --refuse answers 550 5.1.1 for that recipient. Stops on Ctrl+C.
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
    const QCommandLineOption eventsOption(QStringLiteral("events"),
                                          QString(),
                                          QStringLiteral("PATH"));
    const QCommandLineOption retryFailedOption(QStringLiteral("retry-failed"));
    const QCommandLineOption restartOption(QStringLiteral("restart"));
    const QCommandLineOption yesOption(QStringLiteral("yes"));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"));
    const QCommandLineOption holdUnresolvedOption(QStringLiteral("hold-unresolved"));
    const QCommandLineOption outputOption(QStringLiteral("output"),
                                          QString(),
                                          QStringLiteral("DIR"));
    const QCommandLineOption intoOption(QStringLiteral("into"), QString(), QStringLiteral("FILE"));
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
                       eventsOption,
                       retryFailedOption,
                       restartOption,
                       yesOption,
                       dryRunOption,
                       holdUnresolvedOption,
                       outputOption,
                       intoOption,
                       encodingOption,
                       delimiterOption});
    if (!parser.parse(QCoreApplication::arguments()))
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
    const auto misplaced = [&](const QCommandLineOption &option, QStringView owner) {
        return parser.isSet(option) && command != owner;
    };
    for (const auto &[option, owner] : {std::pair{&dryRunOption, u"send"},
                                        std::pair{&passwordEnvOption, u"send"},
                                        std::pair{&accessTokenEnvOption, u"send"},
                                        std::pair{&noBrowserOption, u"login"},
                                        std::pair{&eventsOption, u"send"},
                                        std::pair{&retryFailedOption, u"send"},
                                        std::pair{&restartOption, u"send"},
                                        std::pair{&yesOption, u"send"},
                                        std::pair{&intoOption, u"import-csv"},
                                        std::pair{&encodingOption, u"import-csv"},
                                        std::pair{&delimiterOption, u"import-csv"},
                                        std::pair{&portOption, u"sandbox"},
                                        std::pair{&saveDirOption, u"sandbox"},
                                        std::pair{&startTlsOption, u"sandbox"},
                                        std::pair{&perConnectionOption, u"sandbox"},
                                        std::pair{&ratePerMinuteOption, u"sandbox"},
                                        std::pair{&refuseOption, u"sandbox"}}) {
        if (misplaced(*option, QStringView(owner))) {
            return usageError(
                QStringLiteral("--%1 is an option of %2, not of %3")
                    .arg(option->names().constFirst(), QString::fromUtf16(owner), command));
        }
    }

    if (parser.isSet(outputOption) && command != u"send" && command != u"export-csv"
        && command != u"attachments")
        return usageError(QStringLiteral("--output is an option of send --dry-run, export-csv "
                                         "and attachments, not of %1")
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
        for (const QCommandLineOption *option :
             {&eventsOption, &retryFailedOption, &restartOption, &yesOption, &accessTokenEnvOption}) {
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
    } else if (command == u"import-csv") {
        if (arguments.size() != 2)
            return usageError(QStringLiteral("import-csv takes exactly one CSV file"));
        if (parser.value(intoOption).isEmpty())
            return usageError(QStringLiteral("import-csv needs --into FILE"));
        ImportCsvOptions options;
        options.csvPath = arguments.at(1);
        options.campaignPath = parser.value(intoOption);
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
        status = runImportCsvCommand(options);
    } else if (command == u"send") {
        if (arguments.size() != 2)
            return usageError(QStringLiteral("send takes exactly one campaign file"));
        SendOptions options;
        options.campaignPath = arguments.at(1);
        if (parser.isSet(passwordEnvOption))
            options.passwordVariable = parser.value(passwordEnvOption);
        if (parser.isSet(passwordEnvOption) && parser.isSet(accessTokenEnvOption))
            return usageError(
                QStringLiteral("--password-env and --access-token-env exclude each other"));
        options.accessTokenVariable = parser.value(accessTokenEnvOption);
        if (parser.isSet(accessTokenEnvOption) && options.accessTokenVariable.isEmpty())
            return usageError(QStringLiteral("--access-token-env needs a variable NAME"));
        options.eventsPath = parser.value(eventsOption);
        options.retryFailed = parser.isSet(retryFailedOption);
        options.restart = parser.isSet(restartOption);
        options.assumeYes = parser.isSet(yesOption);
        options.holdUnresolved = parser.isSet(holdUnresolvedOption);
        if (options.assumeYes && !options.restart)
            return usageError(QStringLiteral("--yes confirms --restart"));
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
