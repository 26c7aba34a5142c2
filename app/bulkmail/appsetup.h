#pragma once

#include <QString>

class QApplication;

namespace Bulkmail {

// What the app sets up before its first window: names (which decide where settings, logs and
// recovery copies live), the icon, the translation for the system's language, and logging.
void setUpApplication(QApplication &app);
// The language of the app's own translation that setUpApplication() installed ("zh_CN", "en"),
// empty if none loaded. `--screenshots` reports it, so that a script can tell the language loaded.
QString installedTranslation();
void shutdownApplication();

} // namespace Bulkmail
