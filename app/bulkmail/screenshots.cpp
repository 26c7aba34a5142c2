#include "screenshots.h"

#include "appsetup.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/sendarea.h"

#include "account/accountsettingswidget.h"
#include "common/fileio.h"
#include "connections/connectionview.h"
#include "document/campaigndocument.h"
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

// False (and a line on stderr) when the picture could not be written.
bool save(QWidget &widget, const QString &directory, const char *name)
{
    settle();
    const QString path = QDir(directory).filePath(QString::fromLatin1(name) + u".png");
    if (!widget.grab().save(path)) {
        std::fprintf(stderr, "bulkmail: cannot write %s\n", qUtf8Printable(path));
        return false;
    }
    std::printf("%s\n", qUtf8Printable(path));
    return true;
}

void fail(const char *what)
{
    std::fprintf(stderr, "bulkmail --screenshots: %s\n", what);
}

// The import dialog over the list at `path`, once its worker thread has read it. False when the
// list could not be imported (a picture of an error is no picture of the import).
bool saveImportDialog(MainWindow &window,
                      const QString &path,
                      const QString &directory,
                      const char *name)
{
    CsvImportDialog dialog(path, &window);
    if (dialog.isLoading()) { // the file is read on a worker thread
        QEventLoop read;
        QObject::connect(&dialog, &CsvImportDialog::loaded, &read, &QEventLoop::quit);
        read.exec();
    }
    if (const Result<CsvImport> import = dialog.result(); !import) {
        std::fprintf(stderr,
                     "bulkmail --screenshots: cannot import %s: %s\n",
                     qUtf8Printable(path),
                     qUtf8Printable(import.error().message));
        return false;
    }
    dialog.resize(820, 560);
    dialog.show();
    const bool saved = save(dialog, directory, name);
    dialog.close();
    return saved;
}

// Waits for the send page's checklist to have checked the campaign as it is now.
bool waitForTheCheck(MainWindow &window)
{
    QEventLoop checked;
    QObject::connect(window.sendArea(), &SendArea::checkFinished, &checked, &QEventLoop::quit);
    QTimer::singleShot(30'000, &checked, &QEventLoop::quit);
    if (window.sendArea()->isChecking())
        checked.exec();
    return !window.sendArea()->isChecking();
}

// A payslip for each recipient, found by name in one folder, with the mistakes the check stops
// before anything is sent: two recipients without a file, one with two (a file downloaded
// twice), and a file for nobody. The campaign is saved first (the check keeps what it found
// beside the campaign file). Pictures the rules on the Attachments page and the checklist.
bool savePersonalAttachments(MainWindow &window, const QString &directory)
{
    const QTemporaryDir campaignDirectory;
    const QDir payslips(campaignDirectory.filePath(QStringLiteral("payslips/2026-11")));
    const QList<Recipient> recipients = window.document()->campaign().recipients;
    bool ok = campaignDirectory.isValid() && QDir().mkpath(payslips.path())
              && recipients.size() > 10
              && window.saveAs(campaignDirectory.filePath(QStringLiteral("payslips.bulkmail")));
    const auto writePayslip = [&payslips, &ok](const QString &fileName) {
        const QByteArray pdf = "%PDF-1.4\n% a payslip for the screenshots\n%%EOF\n";
        ok &= bool(writeFileAtomically(payslips.filePath(fileName), pdf));
    };
    for (qsizetype row = 0; ok && row < recipients.size(); ++row) {
        if (row == 4 || row == 9)
            continue; // no payslip
        const QString stem = recipients[row].name + QStringLiteral(" 2026-11");
        writePayslip(stem + QStringLiteral(".pdf"));
        if (row == 1)
            writePayslip(stem + QStringLiteral(" (1).pdf")); // downloaded twice: ambiguous
    }
    writePayslip(QStringLiteral("Lee Former 2026-11.pdf")); // no such recipient
    if (!ok) {
        fail("cannot write the payslips for the personal attachments");
        return false;
    }

    MessageTemplate withPayslips = window.document()->message();
    withPayslips.personalAttachments.folder = payslips.path();
    withPayslips.personalAttachments.rules = {{PersonalAttachmentRule::Kind::Pattern,
                                               QStringLiteral("{{name}} 2026-11*.pdf"),
                                               PersonalAttachmentRule::Need::Required}};
    window.document()->editMessage(withPayslips, QStringLiteral("personalAttachments"));
    if (auto *folder = window.findChild<QWidget *>(QStringLiteral("personalFolder")))
        showPage(window, folder);
    ok &= save(window, directory, "personal-attachments");
    showPage(window, window.sendView());
    if (waitForTheCheck(window)) {
        ok &= save(window, directory, "personal-check");
    } else {
        fail("the campaign with personal attachments was not checked within 30 seconds");
        ok = false;
    }
    return ok;
}

} // namespace

void takeScreenshots(MainWindow &window, const QString &directory, const QString &workbook)
{
    bool ok = QDir().mkpath(directory);
    window.resize(1280, 800);
    window.openSample();
    settle(500);

    // What a script checks to know the language really loaded: the translation's language and a
    // label read back from the window, both in UTF-8 on stdout.
    std::printf("translation: %s\n", qUtf8Printable(installedTranslation()));
    for (QTabWidget *tabs : window.findChildren<QTabWidget *>()) {
        if (const int message = tabs->indexOf(window.messageEditor()); message >= 0)
            std::printf("tab: %s\n", qUtf8Printable(tabs->tabText(message).remove(u'&')));
    }
    std::fflush(stdout);

    window.recipientsView()->tableView()->selectRow(1);
    showPage(window, window.messageEditor());
    ok &= save(window, directory, "main-window");
    window.messagePreview()->setCurrentRecipient(1);
    showPage(window, window.messagePreview());
    ok &= save(window, directory, "preview");
    showPage(window, window.accountSettings());
    ok &= save(window, directory, "account");

    // A short CSV, as Excel on a Chinese Windows saves it, through the import dialog.
    const QTemporaryDir listDirectory;
    const QString csv = listDirectory.filePath(QStringLiteral("staff-list.csv"));
    const QByteArray list = QStringLiteral("邮箱;姓名;部门\r\nli.lei@example.com;李雷;销售\r\n"
                                           "han.meimei@example.com;韩梅梅;财务\r\n"
                                           "anna.schmidt@example.org;Anna Schmidt;Design\r\n"
                                           "not-an-address;Broken Row;Support\r\n")
                                .toUtf8();
    if (writeFileAtomically(csv, list)) {
        ok &= saveImportDialog(window, csv, directory, "csv-import");
    } else {
        fail("cannot write the CSV for the import dialog");
        ok = false;
    }
    // A workbook as office staff keep one (a title row, IDs with leading zeros, dates as
    // formatted, a hidden sheet): written by the calling script with a real spreadsheet library,
    // as the app writes no workbooks.
    if (!workbook.isEmpty())
        ok &= saveImportDialog(window, workbook, directory, "workbook-import");

    showPage(window, window.messageEditor());
    QEventLoop finished;
    bool ended = false;
    QObject::connect(window.sendController(),
                     &SendController::finished,
                     &finished,
                     [&finished, &ended] {
                         ended = true;
                         finished.quit();
                     });
    if (window.startSending(false, false)) {
        QTimer::singleShot(60'000, &finished, &QEventLoop::quit);
        // The start checks the campaign in the background first: wait for the run's end itself.
        finished.exec();
        if (!ended) {
            fail("the rehearsal did not finish within 60 seconds");
            ok = false;
        }
    } else {
        fail("the rehearsal did not start");
        ok = false;
    }
    if (ended) {
        const std::optional<CampaignSummary> &summary = window.sendController()->lastSummary();
        if (!summary || summary->cancelled || !summary->fatalError.isEmpty() || summary->sent == 0
            || summary->notSent != 0) {
            fail("the rehearsal did not send the campaign");
            ok = false;
        } else {
            std::printf("rehearsal: %d sent, %d failed of %d\n",
                        summary->sent,
                        summary->failed,
                        summary->total);
        }
    }
    showPage(window, window.sendView());
    ok &= save(window, directory, "send-view");
    showPage(window, window.connectionView());
    ok &= save(window, directory, "connection-view");
    showPage(window, window.outboxView());
    window.outboxView()->findChild<QTableView *>()->selectRow(2);
    ok &= save(window, directory, "outbox");
    window.logPanel()->show();
    showPage(window, window.connectionView());
    ok &= save(window, directory, "log-panel");
    window.logPanel()->hide();
    ok &= savePersonalAttachments(window, directory);

    std::fflush(stdout);
    QApplication::exit(ok ? 0 : 1);
}

} // namespace Bulkmail
