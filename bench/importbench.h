#pragma once

// What the recipient-list import benchmarks (csvimport, workbookimport) share: their command line
// and the peak resident set they print.
//
//   bench_<name> [rows]       generate a list of `rows` recipients (default 100,000) and time it
//   bench_<name> --once FILE  import FILE once and nothing else, for a profiler
//                             (valgrind --tool=callgrind counts instructions, whatever the load)

#include <cstdio>
#include <optional>

#include <QByteArray>
#include <QElapsedTimer>
#include <QString>

#include <sys/resource.h>

namespace Bulkmail::Bench {

struct ImportArguments
{
    int rows = 100000;
    QString onceFile; // set for --once FILE
};

// Empty (and the usage printed) when the arguments are neither of the two forms above.
inline std::optional<ImportArguments> parseImportArguments(int argc, char *argv[])
{
    ImportArguments arguments;
    if (argc == 3 && QByteArray(argv[1]) == "--once") {
        arguments.onceFile = QString::fromLocal8Bit(argv[2]);
        return arguments;
    }
    bool isNumber = true;
    if (argc == 2)
        arguments.rows = QByteArray(argv[1]).toInt(&isNumber);
    if (argc > 2 || !isNumber || arguments.rows <= 0) {
        std::fprintf(stderr, "usage: %s [rows] | --once FILE\n", argv[0]);
        return std::nullopt;
    }
    return arguments;
}

// `--once`: runs `import` (returning a Result of something with a recipient count through
// `count`) once and prints the recipients (or what `counted` names) and the time; the exit code.
template<typename Import, typename Count>
int importOnce(Import import, Count count, const char *counted = "recipients")
{
    QElapsedTimer timer;
    timer.start();
    const auto result = import();
    const qint64 milliseconds = timer.elapsed();
    if (!result) {
        std::fprintf(stderr, "%s\n", qUtf8Printable(result.error().message));
        return 1;
    }
    std::printf("%lld %s in %lld ms\n",
                static_cast<long long>(count(*result)),
                counted,
                static_cast<long long>(milliseconds));
    return 0;
}

inline double peakResidentMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // kilobytes on Linux
}

} // namespace Bulkmail::Bench
