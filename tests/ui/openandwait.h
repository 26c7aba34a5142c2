#pragma once

#include "mainwindow/mainwindow.h"

#include <QSignalSpy>

namespace Bulkmail {

// Opens `path` as File → Open does and waits until the window has read it (on its worker
// thread): true when `path` is then the window's campaign; false when the window refused,
// could not read it, or took longer than 30 s.
[[nodiscard]] inline bool openAndWait(MainWindow &window, const QString &path)
{
    QSignalSpy finished(&window, &MainWindow::fileOpenFinished);
    if (!window.openFile(path))
        return false;
    if (finished.isEmpty() && !finished.wait(30000))
        return false;
    return finished.constFirst().at(1).toBool();
}

} // namespace Bulkmail
