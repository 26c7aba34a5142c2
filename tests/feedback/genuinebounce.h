#pragma once

// What the tests/feedback suites need to make a private Postfix write a genuine delivery report.

#include "privatepostfix.h"

#include <QByteArray>
#include <QProcess>
#include <QString>

namespace Bulkmail::Test {

// Only `sender` has a mailbox; smtpd accepts every recipient anyway, so that an unknown one is
// found by the queue manager after acceptance, and bounced with a report (RFC 3464) to the
// sender, as a real relay does for a later failure. The report is kept (receivedMessages()).
inline PrivatePostfixOptions bouncingPostfixOptions(const char *sender)
{
    PrivatePostfixOptions options;
    options.offerStartTls = false;
    options.keepMessages = true;
    options.extraMainCf = {
        QStringLiteral("virtual_mailbox_maps = inline:{%1=inbox/}").arg(QLatin1String(sender)),
        QStringLiteral("smtpd_reject_unlisted_recipient = no"),
    };
    return options;
}

// Submits one message over SMTP with Python's smtplib (a client independent of ours).
inline bool submitWithSmtplib(quint16 port,
                              const QByteArray &from,
                              const QByteArray &to,
                              const QByteArray &message)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import smtplib, sys\n"
                                 "with smtplib.SMTP('127.0.0.1', int(sys.argv[1])) as s:\n"
                                 "    s.sendmail(sys.argv[2], [sys.argv[3]], "
                                 "sys.stdin.buffer.read())\n"),
                  QString::number(port),
                  QString::fromLatin1(from),
                  QString::fromLatin1(to)});
    if (!python.waitForStarted())
        return false;
    python.write(message);
    python.closeWriteChannel();
    if (!python.waitForFinished(60'000) || python.exitCode() != 0) {
        qWarning("smtplib: %s", python.readAllStandardError().constData());
        return false;
    }
    return true;
}

} // namespace Bulkmail::Test
