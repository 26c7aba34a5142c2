// Times importRecipientsFile() on one list stored four ways (default 100,000 rows): CSV, .xlsx
// as Excel writes it (each distinct string once in the shared strings), .xlsx as openpyxl writes
// it (inline strings and absolute part names), and .xlsx with a shared string for every cell
// (the most a list's shared strings can hold). Each figure is the median of three runs; the peak
// resident set is printed at the end. Fails when the four imports disagree. The
// command line is importbench.h's (`--once FILE` imports a file once, for a profiler), and
// `--sheets FILE THREADS [CHUNK_KB]` reads only an .xlsx's sheets, with that many threads
// reading each big part in chunks (xmlchunks.h), or, with `whole` for THREADS, every part
// unpacked whole and read in one go, as a part that cannot be read in chunks is; so that
// callgrind --separate-threads shows each thread's share on any machine.

#include <algorithm>
#include <cstdio>
#include <vector>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include "document/recipientworkbook.h"
#include "document/workbookpackage.h"
#include "document/workbookreader.h"
#include "importbench.h"

using namespace Bulkmail;
using Bench::peakResidentMegabytes;

namespace {

struct Timed
{
    qint64 medianMilliseconds = 0;
    RecipientFileImport import;
};

bool timeImport(const QString &path, Timed &timed)
{
    std::vector<qint64> times;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        auto import = importRecipientsFile(path);
        times.push_back(timer.elapsed());
        if (!import) {
            std::fprintf(stderr,
                         "%s: %s\n",
                         qUtf8Printable(path),
                         qUtf8Printable(import.error().message));
            return false;
        }
        timed.import = std::move(*import);
    }
    std::sort(times.begin(), times.end());
    timed.medianMilliseconds = times[1];
    return true;
}

// `--sheets FILE THREADS [CHUNK_KB]`: reads the sheets of the .xlsx FILE once; the exit code.
int readSheetsOnce(const QString &path, const XlsxPartReading &how)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qUtf8Printable(path));
        return 1;
    }
    const QByteArray bytes = file.readAll();
    return Bench::importOnce(
        [&]() -> Result<std::vector<WorkbookSheet>> {
            const auto package = WorkbookPackage::open(bytes);
            if (!package)
                return tl::make_unexpected(package.error());
            return readXlsxPackage(**package, how);
        },
        [](const std::vector<WorkbookSheet> &sheets) {
            return sheets.empty() ? std::size_t(0) : sheets.front().rows.size();
        },
        "rows of the first sheet");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    if ((argc == 4 || argc == 5) && QByteArray(argv[1]) == "--sheets") {
        XlsxPartReading how;
        how.whole = QByteArray(argv[3]) == "whole";
        how.threads = how.whole ? 1 : QByteArray(argv[3]).toInt();
        how.chunkBytes = argc == 5 ? std::size_t(QByteArray(argv[4]).toULongLong()) * 1024 : 0;
        return readSheetsOnce(QString::fromLocal8Bit(argv[2]), how);
    }
    const auto arguments = Bench::parseImportArguments(argc, argv);
    if (!arguments)
        return 1;
    if (!arguments->onceFile.isEmpty()) {
        return Bench::importOnce([&] { return importRecipientsFile(arguments->onceFile); },
                                 [](const auto &import) { return import.list.recipients.size(); });
    }
    const int rows = arguments->rows;
    QTemporaryDir directory;
    if (!directory.isValid())
        return 1;

    QElapsedTimer writing;
    writing.start();
    QProcess python;
    python.setProcessChannelMode(QProcess::ForwardedChannels);
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(BULKMAIL_MAKE_WORKBOOKS_SCRIPT),
                  directory.path(),
                  QStringLiteral("--big"),
                  QString::number(rows)});
    if (!python.waitForFinished(-1) || python.exitCode() != 0) {
        std::fprintf(stderr, "make_workbooks.py failed\n");
        return 1;
    }
    std::printf("rows: %d (written by openpyxl in %.1f s)\n", rows, writing.elapsed() / 1000.0);

    const std::vector<std::pair<const char *, QString>> files{
        {"CSV", directory.filePath(QStringLiteral("big.csv"))},
        {"xlsx, shared strings (as Excel writes)",
         directory.filePath(QStringLiteral("big-excel.xlsx"))},
        {"xlsx, inline strings (as openpyxl writes)",
         directory.filePath(QStringLiteral("big.xlsx"))},
        {"xlsx, a shared string for every cell",
         directory.filePath(QStringLiteral("big-excel-unshared.xlsx"))}};
    std::vector<Timed> results(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (!timeImport(files[i].second, results[i]))
            return 1;
        std::printf("%-42s %6.1f MB  import: %5lld ms  (%lld recipients)\n",
                    files[i].first,
                    double(QFileInfo(files[i].second).size()) / 1e6,
                    static_cast<long long>(results[i].medianMilliseconds),
                    static_cast<long long>(results[i].import.list.recipients.size()));
    }
    for (std::size_t i = 1; i < results.size(); ++i) {
        if (results[i].import.list.recipients != results[0].import.list.recipients
            || results[i].import.list.fieldNames != results[0].import.list.fieldNames) {
            std::fprintf(stderr, "%s does not import as the CSV does\n", files[i].first);
            return 1;
        }
    }
    const auto ratio = [&results](std::size_t i) {
        return double(results[i].medianMilliseconds)
               / double(std::max<qint64>(1, results[0].medianMilliseconds));
    };
    std::printf("ratio xlsx (Excel) / CSV: %.1f; xlsx (openpyxl) / CSV: %.1f; xlsx (a shared "
                "string for every cell) / CSV: %.1f\n",
                ratio(1),
                ratio(2),
                ratio(3));
    std::printf("peak RSS: %.1f MB\n", peakResidentMegabytes());
    return 0;
}
