#pragma once

// What the SentCopier suites share: numbered messages with a Message-ID, their spool keys, and a
// copier with spies on its signals.
#include "common/clock.h"
#include "imap/sentcopier.h"

#include <QSignalSpy>
#include <QTemporaryDir>

#include <algorithm>
#include <memory>

namespace Bulkmail::Test {

inline QByteArray message(int number)
{
    return "From: HR <hr@example.test>\r\nTo: employee" + QByteArray::number(number)
           + "@example.test\r\nSubject: Payslip\r\nMessage-ID: <payslip-"
           + QByteArray::number(number)
           + ".x7@bulkmail.example.test>\r\nMIME-Version: 1.0\r\n\r\nYour payslip is attached.\r\n";
}

inline QString keyOf(int number)
{
    return QStringLiteral("r%1").arg(number, 6, 10, QLatin1Char('0'));
}

struct SentCopierProbe
{
    QTemporaryDir spoolDirectory;
    std::unique_ptr<SentCopier> copier;
    std::unique_ptr<QSignalSpy> copied;
    std::unique_ptr<QSignalSpy> finished;
    std::unique_ptr<QSignalSpy> events;

    SentCopierProbe(const ImapEndpoint &endpoint,
                    const ImapCredentials &credentials,
                    SentCopierSettings settings = {},
                    const Clock &clock = SystemClock::instance())
    {
        copier = std::make_unique<SentCopier>(endpoint,
                                              credentials,
                                              SentCopySpool(spoolDirectory.path()),
                                              settings,
                                              clock);
        copied = std::make_unique<QSignalSpy>(copier.get(), &SentCopier::copied);
        finished = std::make_unique<QSignalSpy>(copier.get(), &SentCopier::finished);
        events = std::make_unique<QSignalSpy>(copier.get(), &SentCopier::connectionEvent);
    }

    [[nodiscard]] QList<SentCopyOutcome> outcomes() const
    {
        QList<SentCopyOutcome> list;
        for (const QList<QVariant> &signal : *copied)
            list.append(signal.first().value<SentCopyOutcome>());
        return list;
    }
    [[nodiscard]] int count(SentCopyResult result) const
    {
        const QList<SentCopyOutcome> all = outcomes();
        return int(std::count_if(all.begin(), all.end(), [result](const SentCopyOutcome &o) {
            return o.result == result;
        }));
    }
    [[nodiscard]] int sessionsCreated() const
    {
        return int(std::count_if(events->begin(), events->end(), [](const QList<QVariant> &e) {
            return e.at(1).toString() == QLatin1String("created");
        }));
    }
    [[nodiscard]] int sessionsClosed() const
    {
        return int(std::count_if(events->begin(), events->end(), [](const QList<QVariant> &e) {
            return e.at(1).toString() == QLatin1String("closed");
        }));
    }
    [[nodiscard]] QStringList spooled() const
    {
        return SentCopySpool(spoolDirectory.path()).keys();
    }
};

} // namespace Bulkmail::Test
