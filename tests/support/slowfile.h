#pragma once

#include <QByteArray>
#include <QString>

#include <chrono>
#include <future>
#include <thread>

namespace Bulkmail {

// A file that stands for one on a slow network share: a FIFO, whose reading waits until
// `write()` writes the text into it, or until `deadline` has passed (so that code that read it on
// the window's thread goes on and fails the test instead of hanging it). Linux only, like the
// suites that use it.
class SlowFile final
{
public:
    SlowFile(const QString &path, QByteArray text, std::chrono::seconds deadline);
    ~SlowFile();
    SlowFile(const SlowFile &) = delete;
    SlowFile &operator=(const SlowFile &) = delete;

    // Whether the FIFO could be made (the test skips otherwise).
    [[nodiscard]] bool isMade() const { return m_isMade; }
    // Lets the reader have the text now (once; the destructor does it too).
    void write();

private:
    QString m_path;
    bool m_isMade = false;
    bool m_isWritten = false;
    std::promise<void> m_go;
    std::thread m_writer;
};

} // namespace Bulkmail
