#pragma once

class QApplication;

namespace Bulkmail {

// What the app sets up before its first window: names (which decide where settings, logs and
// recovery copies live), the icon, the translation for the system's language, and logging.
void setUpApplication(QApplication &app);
void shutdownApplication();

} // namespace Bulkmail
