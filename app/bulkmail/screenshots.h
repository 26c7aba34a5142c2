#pragma once

#include <QString>

namespace Bulkmail {

class MainWindow;

// `bulkmail --screenshots DIR`: shows the main views one after the other and saves each as a PNG
// (the README's pictures). Runs the sample campaign as a rehearsal in the sandbox, so the send
// and connection views show a real run. Meant for scripts: run it under xvfb-run (see
// tests/screenshots/take-screenshots.sh). Prints the loaded translation, a label read back from
// the window, the rehearsal's counts and each picture's path on stdout, then quits the
// application: with status 0, or 1 when a picture could not be written or the rehearsal did not
// start, did not end within a minute, or did not send the campaign (the reason goes to stderr).
// `workbook`, when given (`--screenshot-workbook FILE`), is shown in the import dialog too.
void takeScreenshots(MainWindow &window, const QString &directory, const QString &workbook = {});

} // namespace Bulkmail
