#include "sandboxcommand.h"

#include "checkcommand.h"
#include "interruptwatcher.h"
#include "sandbox/sandboxserver.h"

#include <QCoreApplication>
#include <QDir>

#include <cstdio>

namespace Bulkmail {

namespace {

void printLine(const QString &line)
{
    std::fputs(qUtf8Printable(line + u'\n'), stdout);
    std::fflush(stdout); // scripts read it live through a pipe
}

} // namespace

int runSandboxCommand(const SandboxOptions &options)
{
    SandboxServer sandbox;
    if (Result<void> started = sandbox.start(options); !started) {
        std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(started.error().message));
        return 1;
    }
    printLine(QStringLiteral("Bulkmail sandbox listening on 127.0.0.1:%1: messages are captured, "
                             "never delivered (Ctrl+C to stop)")
                  .arg(sandbox.port()));
    if (options.startTls)
        printLine(QStringLiteral("STARTTLS offered; trust its certificate by naming %1 as "
                                 "server.trustCertificate")
                      .arg(QDir::toNativeSeparators(sandbox.certificateFile())));
    if (!options.saveDirectory.isEmpty())
        printLine(QStringLiteral("Saving each message to %1")
                      .arg(QDir::toNativeSeparators(options.saveDirectory)));

    QObject::connect(&sandbox, &SandboxServer::connectionOpened, [](int id) {
        printLine(QStringLiteral("connection %1 opened").arg(id));
    });
    QObject::connect(&sandbox, &SandboxServer::connectionClosed, [](int id, int messages) {
        printLine(QStringLiteral("connection %1 closed after %2 message%3")
                      .arg(id)
                      .arg(messages)
                      .arg(messages == 1 ? QString() : QStringLiteral("s")));
    });
    QObject::connect(&sandbox, &SandboxServer::messageCaptured, [](const CapturedMessage &message) {
        printLine(QStringLiteral("captured #%1 on connection %2: to %3, \"%4\", %5")
                      .arg(message.number)
                      .arg(message.connectionId)
                      .arg(message.recipients.join(QStringLiteral(", ")),
                           message.subject,
                           formatByteSize(message.size())));
    });

    const InterruptWatcher interrupts([](int) { QCoreApplication::exit(0); });
    const int status = QCoreApplication::exec();
    printLine(QStringLiteral("Sandbox stopped: %1 messages captured on %2 connections")
                  .arg(sandbox.messageCount())
                  .arg(sandbox.connectionCount()));
    return status;
}

} // namespace Bulkmail
