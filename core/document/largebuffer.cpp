#include "document/largebuffer.h"

#include <cstdint>

#include <QtGlobal>

#if defined(Q_OS_LINUX)
#include <sys/mman.h>
#endif

namespace Bulkmail {

QByteArray largeBuffer(qsizetype size)
{
    QByteArray buffer(size, Qt::Uninitialized);
#if defined(Q_OS_LINUX) && defined(MADV_HUGEPAGE)
    // Worth a system call from a few huge pages on; only whole huge pages inside the buffer can
    // be advised, and they must be advised before they are first written.
    constexpr std::uintptr_t HugePage = 2 * 1024 * 1024;
    constexpr qsizetype AdvisedFrom = 4 * 1024 * 1024;
    if (size >= AdvisedFrom) {
        const auto begin = reinterpret_cast<std::uintptr_t>(buffer.data());
        const std::uintptr_t first = (begin + HugePage - 1) & ~(HugePage - 1);
        const std::uintptr_t last = (begin + std::uintptr_t(size)) & ~(HugePage - 1);
        if (last > first)
            madvise(reinterpret_cast<void *>(first), last - first, MADV_HUGEPAGE); // a hint
    }
#endif
    return buffer;
}

} // namespace Bulkmail
