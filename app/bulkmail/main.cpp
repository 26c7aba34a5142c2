// bulkmail: the desktop app where office staff prepare and send a campaign.
#include "appsetup.h"
#include "mainwindow/mainwindow.h"
#include "screenshots.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

using namespace Bulkmail;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    setUpApplication(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Prepare and send a personalised bulk mailing."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sampleOption(
        QStringLiteral("sample"),
        QApplication::translate("main",
                                "Open the sample campaign, set to rehearse in the built-in "
                                "sandbox (what the first start shows)."));
    parser.addOption(sampleOption);
    QCommandLineOption screenshotsOption(QStringLiteral("screenshots"),
                                         QStringLiteral("Save pictures of the main views to DIR."),
                                         QStringLiteral("DIR"));
    screenshotsOption.setFlags(QCommandLineOption::HiddenFromHelp); // for the README's script
    parser.addOption(screenshotsOption);
    QCommandLineOption screenshotWorkbookOption(
        QStringLiteral("screenshot-workbook"),
        QStringLiteral("With --screenshots, also picture FILE in the import dialog."),
        QStringLiteral("FILE"));
    screenshotWorkbookOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshotWorkbookOption);
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QApplication::translate("main", "A campaign (.bulkmail) to open."),
                                 QStringLiteral("[file]"));
    parser.process(app);

    MainWindow window;
    window.show();
    const QString file = parser.positionalArguments().value(0);
    // After show(), so that the questions have their window.
    if (parser.isSet(screenshotsOption)) {
        const QString directory = parser.value(screenshotsOption);
        const QString workbook = parser.value(screenshotWorkbookOption);
        QTimer::singleShot(0, &window, [&window, directory, workbook] {
            takeScreenshots(window, directory, workbook);
        });
        const int status = QApplication::exec();
        shutdownApplication();
        return status;
    }
    const bool sample = parser.isSet(sampleOption);
    QTimer::singleShot(0, &window, [&window, file, sample] { window.startUp(file, sample); });
    const int status = QApplication::exec();
    shutdownApplication();
    return status;
}
