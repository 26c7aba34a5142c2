#pragma once

#include <QByteArray>

namespace Bulkmail {

// A buffer of `size` bytes, not yet written, for the big parts of a workbook: the unpacked sheet
// of a list of 100,000 rows is 31 MB, which the system otherwise maps a 4 KB page at a time on
// first write. On Linux the buffer asks for transparent huge pages (madvise MADV_HUGEPAGE, which
// a system set to "madvise", Debian's default, grants only on request): for that sheet about
// 10,000 page faults fewer, a fifth of a workbook import's time on a 2-vCPU machine
// (bench/README.md). A hint only: a system without them, or another one, maps the buffer as
// before, and a small buffer is left alone.
[[nodiscard]] QByteArray largeBuffer(qsizetype size);

} // namespace Bulkmail
