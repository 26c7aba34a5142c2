// fdatasync_spy: an LD_PRELOAD library for tst_runnerjournal that lets the real fdatasync(2)
// happen and records each call, so that a test can prove the product's own sync path (not a
// seam put in its place) runs before each final dot. Linux only, tests only. Not installed.
//
// With FDATASYNC_SPY_LOG=FILE it appends one line per call to FILE:
//   "<file size at the call> <0, or the errno> <path of the descriptor>"

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

extern "C" int fdatasync(int fd)
{
    using Function = int (*)(int);
    static const auto real = reinterpret_cast<Function>(dlsym(RTLD_NEXT, "fdatasync"));
    struct stat status
    {};
    const bool known = ::fstat(fd, &status) == 0;
    const int result = real(fd);
    const int error = result == 0 ? 0 : errno;
    if (const char *log = std::getenv("FDATASYNC_SPY_LOG"); log && known) {
        char link[64];
        std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        char path[4096];
        const ssize_t length = ::readlink(link, path, sizeof path - 1);
        const int out = ::open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
        if (out >= 0 && length > 0) {
            ::dprintf(out,
                      "%lld %d %.*s\n",
                      static_cast<long long>(status.st_size),
                      error,
                      static_cast<int>(length),
                      path);
        }
        if (out >= 0)
            ::close(out);
    }
    errno = error;
    return result;
}
