// A payslip campaign: N recipients (default 2,000), each with their own PDF of K KB (default 200)
// in one folder. Times the check (resolution and fingerprints; then a second check, which reuses
// the recorded hashes of unchanged files) and composing every message the way CampaignRunner
// does (resolved files, readAttachmentFile() per message, MimeComposer::compose()), and counts
// what the process read (/proc/self/io "rchar": every read(2), cached or not) and its resident
// memory: each file must be read once per composition and never be held all at once.

#include <cstdio>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <malloc.h>
#include <sys/resource.h>

#include "campaign/campaigncheck.h"
#include "compose/mergetemplate.h"
#include "compose/mimecomposer.h"
#include "compose/personalattachments.h"

using namespace Bulkmail;

namespace {

qint64 bytesRead()
{
    QFile io(QStringLiteral("/proc/self/io"));
    if (!io.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : io.readAll().split('\n')) {
        if (line.startsWith("rchar:"))
            return line.mid(6).trimmed().toLongLong();
    }
    return -1;
}

double peakResidentMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

// A PDF header and trailer around incompressible bytes: the size of a real payslip with fonts.
QByteArray payslip(int id, int kilobytes)
{
    QByteArray pdf = "%PDF-1.4\n% payslip " + QByteArray::number(id) + "\n";
    QByteArray noise(kilobytes * 1024 - 64, Qt::Uninitialized);
    QRandomGenerator generator{quint32(id)};
    generator.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
    pdf += noise + "\n%%EOF\n";
    return pdf;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 2000;
    const int kilobytes = argc > 2 ? QByteArray(argv[2]).toInt() : 200;
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("payslips"));
    QDir().mkpath(folder);

    Campaign campaign;
    campaign.name = QStringLiteral("payslips");
    campaign.filePath = dir.filePath(QStringLiteral("payslips.bulkmail"));
    campaign.server.host = QStringLiteral("127.0.0.1");
    campaign.server.port = 25;
    campaign.message.from = QStringLiteral("HR <hr@example.org>");
    campaign.message.subject = QStringLiteral("Your payslip for November, {{name}}");
    campaign.message.text = QStringLiteral("Dear {{name}},\n\nyour payslip is attached.\n");
    campaign.recipientFields = {QStringLiteral("employee_id")};
    campaign.message.personalAttachments.folder = folder;
    campaign.message.personalAttachments.rules = {
        {PersonalAttachmentRule::Kind::Pattern, QStringLiteral("{{employee_id}}-*.pdf")}};
    qint64 totalBytes = 0;
    for (int i = 0; i < count; ++i) {
        const QString id = QStringLiteral("E%1").arg(i, 5, 10, QChar(u'0'));
        campaign.recipients.append({QStringLiteral("employee%1@example.org").arg(i),
                                    QStringLiteral("员工 %1").arg(i),
                                    {id}});
        QFile file(QDir(folder).filePath(id + QStringLiteral("-2026-11-工资条.pdf")));
        const QByteArray pdf = payslip(i, kilobytes);
        if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size())
            return 1;
        totalBytes += pdf.size();
    }
    std::printf("%d recipients, %d KB each, %.1f MB of payslips\n",
                count,
                kilobytes,
                double(totalBytes) / 1e6);
    malloc_trim(0);
    std::printf("peak RSS before: %.1f MB\n", peakResidentMegabytes());

    QElapsedTimer timer;
    for (const char *label : {"first check", "second check (nothing changed)"}) {
        const qint64 readBefore = bytesRead();
        timer.start();
        const CampaignCheck check = checkCampaign(campaign);
        if (!check.canBeSent() || check.personal.matchedCount != count) {
            std::fprintf(stderr, "the check failed\n");
            return 1;
        }
        if (!recordPersonalAttachmentCheck(campaign, check))
            return 1;
        std::printf("%s: %lld ms, read %.1f MB (%.2f times the payslips)\n",
                    label,
                    static_cast<long long>(timer.elapsed()),
                    double(bytesRead() - readBefore) / 1e6,
                    double(bytesRead() - readBefore) / double(totalBytes));
    }

    // As CampaignRunner::prepare() and takeNextMessage() do.
    const AttachmentResolution resolution = resolvePersonalAttachments(campaign);
    auto renderer = MessageRenderer::create(campaign.message, campaign.recipientFields);
    MimeOptions options;
    options.allowSmtpUtf8 = true;
    auto composer = MimeComposer::create(campaign.message, MimeContext{}, options);
    if (!renderer || !composer)
        return 1;
    const qint64 readBefore = bytesRead();
    qint64 messageBytes = 0;
    timer.start();
    for (int i = 0; i < count; ++i) {
        MessageExtras extras;
        for (const QString &name : resolution.recipients[size_t(i)].fileNames) {
            auto read = readAttachmentFile(resolution.pathOf(name));
            if (!read)
                return 1;
            extras.attachments.push_back(std::move(*read));
        }
        const Recipient &recipient = campaign.recipients[i];
        auto message = composer->compose(renderer->render(recipient),
                                         recipient,
                                         quint64(i),
                                         {},
                                         extras);
        if (!message)
            return 1;
        messageBytes += message->content.size();
    }
    const qint64 elapsed = timer.elapsed();
    const qint64 read = bytesRead() - readBefore;
    std::printf("compose: %lld ms (%.0f messages a second, %.0f MB/s of payslips), %.1f MB of "
                "messages\n",
                static_cast<long long>(elapsed),
                count * 1000.0 / double(std::max<qint64>(elapsed, 1)),
                double(totalBytes) / 1e3 / double(std::max<qint64>(elapsed, 1)),
                double(messageBytes) / 1e6);
    std::printf("compose read %.1f MB: %.3f times the payslips (1.000 = each file once)\n",
                double(read) / 1e6,
                double(read) / double(totalBytes));
    std::printf("peak RSS at the end: %.1f MB\n", peakResidentMegabytes());
    return read < totalBytes || read > totalBytes + totalBytes / 100 ? 1 : 0;
}
