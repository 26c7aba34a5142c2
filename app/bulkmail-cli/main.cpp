// bulkmail-cli: the Bulkmail engine without a display, for scripts, servers and tests.

#include "logging/logging.h"
#include "sendcommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace Bulkmail;

namespace {

constexpr const char *Usage = R"(Usage: bulkmail-cli <command> [options]

Commands:
  send FILE [--password-env NAME] [--events PATH|-]
      Send the campaign FILE (.bulkmail). The password comes from the environment variable
      NAME (default BULKMAIL_PASSWORD), never from the command line. Progress and connection
      events go to stderr; --events writes one JSON object per line to PATH (- for stdout).
      Exit status: 0 all sent, 2 some recipients failed, 1 a fatal error.

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
    const QCommandLineOption eventsOption(QStringLiteral("events"),
                                          QString(),
                                          QStringLiteral("PATH"));
    parser.addOptions({helpOption, versionOption, verboseOption, passwordEnvOption, eventsOption});
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

    int status = ExitFatal;
    if (command == u"send") {
        if (arguments.size() != 2)
            return usageError(QStringLiteral("send takes exactly one campaign file"));
        SendOptions options;
        options.campaignPath = arguments.at(1);
        if (parser.isSet(passwordEnvOption))
            options.passwordVariable = parser.value(passwordEnvOption);
        options.eventsPath = parser.value(eventsOption);
        status = runSendCommand(options);
    } else {
        return usageError(QStringLiteral("unknown command \"%1\"").arg(command));
    }
    shutdownLogging();
    return status;
}
