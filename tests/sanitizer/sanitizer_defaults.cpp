// The sanitizers' settings, compiled into every program of a -DBULKMAIL_SANITIZE=ON build
// (CMakeLists.txt), so that the suites, the programs they start (bulkmail-cli, the app under
// AT-SPI) and the app run by hand all stop at the first error with a stack, whatever the
// environment: the README's test command sets no variables. ASAN_OPTIONS, UBSAN_OPTIONS and
// LSAN_OPTIONS in the environment still override these, option by option.

extern "C" {

// The runtimes call these weak hooks at start-up, before anything else runs: string literals only.
const char *__asan_default_options()
{
    return "detect_leaks=1:abort_on_error=1";
}

const char *__ubsan_default_options()
{
    return "print_stacktrace=1:halt_on_error=1";
}

// LeakSanitizer suppressions for allocations that system libraries keep on purpose, never for
// Bulkmail's own code.
// - OpenSSL: Qt's TLS backend initialises libcrypto once per process; now and then LSan reports
//   ~10 KB of libcrypto allocations (CRYPTO_zalloc/strdup) at exit, with no Bulkmail or Qt frame
//   in the stack. Seen in the bulkmail-cli processes of tst_cli, not reproducible on demand.
// - fontconfig and D-Bus keep their caches and connections for the life of the process.
const char *__lsan_default_suppressions()
{
    return "leak:libcrypto.so\n"
           "leak:libfontconfig\n"
           "leak:libdbus\n";
}
}
