#pragma once

#include <cstdio>
#include <cstdlib>

namespace Bulkmail::Fuzz {

// Ends the run when a promise of the fuzz target `target` is broken, saying which: libFuzzer then
// keeps the input that broke it.
inline void check(const char *target, bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "%s: invariant violated: %s\n", target, what);
        std::abort();
    }
}

} // namespace Bulkmail::Fuzz
