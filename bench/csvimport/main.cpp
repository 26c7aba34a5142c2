// Times importRecipientsCsv() on a generated list (default 100,000 rows), then
// validateRecipients() and the export, and prints the peak resident set size after each step.
// The command line is importbench.h's (`--once FILE` imports a file once, for a profiler).
// The list mixes what real exports hold: a BOM, CRLF, quoted values with commas, non-ASCII
// names, a few duplicates and invalid addresses.

#include <cstdio>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <malloc.h>

#include "campaign/recipientvalidation.h"
#include "document/recipientcsv.h"
#include "importbench.h"

using namespace Bulkmail;
using Bench::peakResidentMegabytes;

namespace {

QByteArray generateCsv(int rows)
{
    static const char *const names[] = {
        "Anna Müller", "王芳", "\"Doe, Jane\"", "Ольга Иванова", "José García", "Mia 😀"};
    static const char *const cities[] = {"Köln", "北京", "Paris", "\"Springfield, IL\""};
    QByteArray csv("\xEF\xBB\xBF"
                   "Email Address,Name,Company,City,Customer number\r\n");
    csv.reserve(rows * 80);
    for (int i = 0; i < rows; ++i) {
        // Every 1000th row repeats an earlier address, every 5000th is broken.
        const int id = i % 1000 == 999 ? i - 500 : i;
        csv += "user" + QByteArray::number(id) + (i % 5000 == 4999 ? "@" : "@example.org") + ','
               + names[i % 6] + ",Company " + QByteArray::number(i % 997) + ',' + cities[i % 4]
               + ',' + QByteArray::number(100000 + i) + "\r\n";
    }
    return csv;
}

// The resident set now (VmRSS), to tell what the list keeps from what the import used on the way.
double residentMegabytes()
{
    malloc_trim(0); // count what is in use, not what glibc keeps for later
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    const auto arguments = Bench::parseImportArguments(argc, argv);
    if (!arguments)
        return 1;
    if (!arguments->onceFile.isEmpty()) {
        return Bench::importOnce([&] { return importRecipientsCsv(arguments->onceFile); },
                                 [](const auto &import) { return import.recipients.size(); });
    }
    const int rows = arguments->rows;
    QTemporaryDir directory;
    if (!directory.isValid())
        return 1;
    const QString path = directory.filePath(QStringLiteral("recipients.csv"));
    {
        QFile file(path);
        const QByteArray csv = generateCsv(rows);
        if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size())
            return 1;
    }
    std::printf("rows: %d, file: %.1f MB\n", rows, double(QFileInfo(path).size()) / 1e6);
    const double residentBefore = residentMegabytes();
    std::printf("peak RSS before import: %.1f MB\n", peakResidentMegabytes());

    QElapsedTimer timer;
    timer.start();
    const auto import = importRecipientsCsv(path);
    const qint64 importMs = timer.elapsed();
    if (!import) {
        std::fprintf(stderr, "import failed: %s\n", qPrintable(import.error().message));
        return 1;
    }
    std::printf("import: %lld ms, %lld recipients, %lld merge fields\n",
                static_cast<long long>(importMs),
                static_cast<long long>(import->recipients.size()),
                static_cast<long long>(import->fieldNames.size()));
    std::printf("peak RSS after import: %.1f MB; the list keeps %.1f MB (%.0f bytes a recipient)\n",
                peakResidentMegabytes(),
                residentMegabytes() - residentBefore,
                (residentMegabytes() - residentBefore) * 1024 * 1024 / double(rows));

    timer.restart();
    const QList<RecipientIssue> issues = validateRecipients(import->recipients);
    std::printf("validation: %lld ms, %lld issues, %lld skipped as duplicates\n",
                static_cast<long long>(timer.elapsed()),
                static_cast<long long>(issues.size()),
                static_cast<long long>(duplicatesToSkip(issues).size()));

    timer.restart();
    const auto exported = exportRecipientsCsv(directory.filePath(QStringLiteral("export.csv")),
                                              import->fieldNames,
                                              import->recipients);
    std::printf("export: %lld ms%s\n",
                static_cast<long long>(timer.elapsed()),
                exported ? "" : " (failed)");
    std::printf("peak RSS at the end: %.1f MB\n", peakResidentMegabytes());
    return exported ? 0 : 1;
}
