#pragma once

#include <QString>

namespace Bulkmail {

class MainWindow;

// `bulkmail --screenshots DIR`: shows the main views one after the other and saves each as a PNG
// (the README's pictures). Runs the sample campaign as a rehearsal in the sandbox, so the send
// and connection views show a real run. Meant for scripts: run it under xvfb-run (see
// tests/screenshots/take-screenshots.sh). Quits the application when done.
void takeScreenshots(MainWindow &window, const QString &directory);

} // namespace Bulkmail
