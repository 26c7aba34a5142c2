#include "slowfile.h"

#include <QFile>

#include <csignal>
#include <pthread.h>
#include <sys/stat.h> // mkfifo(): a file whose reading waits (tests only run on Linux)

namespace Bulkmail {

SlowFile::SlowFile(const QString &path, QByteArray text, std::chrono::seconds deadline)
    : m_path(path)
{
    m_isMade = ::mkfifo(QFile::encodeName(path).constData(), 0600) == 0;
    if (!m_isMade)
        return;
    m_writer = std::thread([this, text = std::move(text), deadline] {
        // A reader may stop before the text comes (it found the pipe empty and took that for
        // the end): the write then fails with EPIPE instead of raising SIGPIPE, which would end
        // the test.
        sigset_t brokenPipe;
        sigemptyset(&brokenPipe);
        sigaddset(&brokenPipe, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &brokenPipe, nullptr);
        m_go.get_future().wait_for(deadline);
        QFile fifo(m_path);
        if (fifo.open(QIODevice::WriteOnly)) // waits for the reader
            fifo.write(text);
    });
}

SlowFile::~SlowFile()
{
    write();
    if (m_writer.joinable())
        m_writer.join();
}

void SlowFile::write()
{
    if (!m_isWritten) {
        m_isWritten = true;
        m_go.set_value();
    }
}

} // namespace Bulkmail
