#include "screenshots.h"

#include "mainwindow/mainwindow.h"

#include "account/accountsettingswidget.h"
#include "common/fileio.h"
#include "connections/connectionview.h"
#include "log/logpanel.h"
#include "message/messageeditor.h"
#include "message/messagepreview.h"
#include "recipients/csvimportdialog.h"
#include "recipients/recipientsview.h"
#include "sandbox/outboxview.h"
#include "send/sendcontroller.h"
#include "send/sendview.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

namespace Bulkmail {

namespace {

// Lets layouts, fonts and the coalesced model updates settle before a picture.
void settle(int milliseconds = 300)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

void showPage(MainWindow &window, QWidget *page)
{
    const QList<QTabWidget *> tabs = window.findChildren<QTabWidget *>();
    for (QTabWidget *tab : tabs) {
        for (QWidget *candidate = page; candidate != nullptr;
             candidate = candidate->parentWidget()) {
            if (tab->indexOf(candidate) >= 0) {
                tab->setCurrentWidget(candidate);
                break;
            }
        }
    }
}

void save(QWidget &widget, const QString &directory, const char *name)
{
    settle();
    const QString path = QDir(directory).filePath(QString::fromLatin1(name) + u".png");
    if (!widget.grab().save(path))
        std::fprintf(stderr, "bulkmail: cannot write %s\n", qUtf8Printable(path));
    else
        std::printf("%s\n", qUtf8Printable(path));
}

} // namespace

void takeScreenshots(MainWindow &window, const QString &directory)
{
    QDir().mkpath(directory);
    window.resize(1280, 800);
    window.openSample();
    settle(500);

    window.recipientsView()->tableView()->selectRow(1);
    showPage(window, window.messageEditor());
    save(window, directory, "main-window");
    window.messagePreview()->setCurrentRecipient(1);
    showPage(window, window.messagePreview());
    save(window, directory, "preview");
    showPage(window, window.accountSettings());
    save(window, directory, "account");

    // A short CSV, as Excel on a Chinese Windows saves it, through the import dialog.
    const QTemporaryDir listDirectory;
    const QString csv = listDirectory.filePath(QStringLiteral("staff-list.csv"));
    const QByteArray list = QStringLiteral("邮箱;姓名;部门\r\nli.lei@example.com;李雷;销售\r\n"
                                           "han.meimei@example.com;韩梅梅;财务\r\n"
                                           "anna.schmidt@example.org;Anna Schmidt;Design\r\n"
                                           "not-an-address;Broken Row;Support\r\n")
                                .toUtf8();
    if (writeFileAtomically(csv, list)) {
        CsvImportDialog dialog(csv, &window);
        dialog.resize(820, 560);
        dialog.show();
        save(dialog, directory, "csv-import");
        dialog.close();
    }

    showPage(window, window.messageEditor());
    window.startSending(false, false);
    QEventLoop finished;
    QObject::connect(window.sendController(),
                     &SendController::finished,
                     &finished,
                     &QEventLoop::quit);
    QTimer::singleShot(60'000, &finished, &QEventLoop::quit);
    // The start checks the campaign in the background first: wait for the run's end itself.
    finished.exec();
    // The bottom views get most of the window for their pictures.
    if (auto *splitter = window.findChild<QSplitter *>(QStringLiteral("sendSplitter")))
        splitter->setSizes({300, 500});
    showPage(window, window.sendView());
    save(window, directory, "send-view");
    showPage(window, window.connectionView());
    save(window, directory, "connection-view");
    showPage(window, window.outboxView());
    window.outboxView()->findChild<QTableView *>()->selectRow(2);
    save(window, directory, "outbox");
    window.logPanel()->show();
    showPage(window, window.connectionView());
    save(window, directory, "log-panel");

    QApplication::quit();
}

} // namespace Bulkmail
