#include "appsetup.h"

#include "logging/logging.h"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <spdlog/spdlog.h>

namespace Bulkmail {

namespace {

QString g_translationLanguage;

void installTranslations(QApplication &app)
{
    const QLocale locale;
    // Qt's own strings (standard buttons, file dialogs), then ours. English is the source
    // language; bulkmail_en only supplies the plural forms.
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale,
                           QStringLiteral("qtbase"),
                           QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qtTranslator);
    // A language without a translation gets English, whose plural forms turn "%n message(s)"
    // into "1 message" and "2 messages".
    auto *translator = new QTranslator(&app);
    if (translator->load(locale,
                         QStringLiteral("bulkmail"),
                         QStringLiteral("_"),
                         QStringLiteral(":/i18n"))
        || translator->load(QStringLiteral(":/i18n/bulkmail_en"))) {
        QApplication::installTranslator(translator);
        g_translationLanguage = translator->language();
    }
}

} // namespace

void setUpApplication(QApplication &app)
{
    QApplication::setOrganizationName(QStringLiteral("Bulkmail"));
    QApplication::setApplicationName(QStringLiteral("bulkmail"));
    QApplication::setApplicationDisplayName(QStringLiteral("Bulkmail"));
    QApplication::setApplicationVersion(QStringLiteral(BULKMAIL_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("bulkmail"));

    QIcon icon(QStringLiteral(":/icons/bulkmail.svg"));
    for (int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/bulkmail-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);

    installTranslations(app);

    if (Result<void> logging = initializeLogging(); !logging)
        qWarning("Bulkmail: logging is off: %s", qUtf8Printable(logging.error().message));
    spdlog::info("Bulkmail {} started", BULKMAIL_VERSION);
}

QString installedTranslation()
{
    return g_translationLanguage;
}

void shutdownApplication()
{
    shutdownLogging();
}

} // namespace Bulkmail
