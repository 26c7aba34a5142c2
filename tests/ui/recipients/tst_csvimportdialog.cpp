#include "recipients/csvimportdialog.h"
#include "slowfile.h"
#include "testworkbooks.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStringEncoder>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <chrono>

using namespace Bulkmail;

namespace {

// A list as Excel on Chinese Windows saves it: GB18030, semicolons, CRLF. `emailHeader` names
// the address column; `brokenLine` (if > 0) gets one value too many.
QByteArray chineseList(const QString &emailHeader, int brokenLine = 0)
{
    static const QStringList names{QStringLiteral("张伟"),
                                   QStringLiteral("王芳"),
                                   QStringLiteral("李娜"),
                                   QStringLiteral("刘洋"),
                                   QStringLiteral("陈静"),
                                   QStringLiteral("杨磊")};
    static const QStringList cities{QStringLiteral("北京"),
                                    QStringLiteral("上海"),
                                    QStringLiteral("广州"),
                                    QStringLiteral("深圳")};
    QString text = QStringLiteral("姓名;") + emailHeader + QStringLiteral(";城市\r\n");
    for (int i = 0; i < 30; ++i) {
        const int line = i + 2;
        text += names.at(i % names.size()) + u';' + QStringLiteral("user%1@example.cn").arg(i)
                + u';' + cities.at(i % cities.size());
        if (line == brokenLine)
            text += QStringLiteral(";多余的值");
        text += QStringLiteral("\r\n");
    }
    QStringEncoder encoder("GB18030");
    return encoder.encode(text);
}

QString writeFile(const QTemporaryDir &directory, const QString &name, const QByteArray &bytes)
{
    const QString path = directory.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

// Waits until the dialog has read its file on its worker thread; whether it did in time.
[[nodiscard]] bool waitUntilRead(CsvImportDialog &dialog)
{
    if (!dialog.isLoading())
        return true;
    QSignalSpy loaded(&dialog, &CsvImportDialog::loaded);
    return loaded.wait(30000);
}

QStringList headerLabels(const QStandardItemModel *model)
{
    QStringList labels;
    for (int column = 0; column < model->columnCount(); ++column)
        labels.append(model->headerData(column, Qt::Horizontal).toString());
    return labels;
}

} // namespace

class TestCsvImportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void gb18030SemicolonListIsDetected();
    void emailColumnChosenByHand();
    void malformedRowNamesItsLine();
    void wrongEncodingDisablesImport();
    void delimiterChoice();
    void modeChoice();
    void unreadableFile();
    void workbookPreview();
    void otherDelimiterBoxOnlyWhenChosen();
    void emailColumnHasRoom();
    void renameColumn();
    void workbookSheetRemembered();
    void readsTheFileOffTheWindowThread();
    void closedWhileReading();

private:
    QTemporaryDir m_directory;
};

void TestCsvImportDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_directory.isValid());
    QSettings::setPath(QSettings::NativeFormat,
                       QSettings::UserScope,
                       m_directory.filePath(QStringLiteral("settings")));
    QSettings().clear();
}

void TestCsvImportDialog::gb18030SemicolonListIsDetected()
{
    const QString path = writeFile(m_directory,
                                   QStringLiteral("客户.csv"),
                                   chineseList(QStringLiteral("邮箱")));
    CsvImportDialog dialog(path);
    QVERIFY(waitUntilRead(dialog));
    QVERIFY(dialog.canAccept());
    const auto result = dialog.result();
    QVERIFY(result.has_value());
    QCOMPARE(result->detectedEncoding, QStringLiteral("GB18030"));
    QCOMPARE(result->delimiter, QChar(u';'));
    QCOMPARE(result->recipients.size(), 30);
    QCOMPARE(result->recipients.at(1).email, QStringLiteral("user1@example.cn"));
    QCOMPARE(result->recipients.at(1).name, QStringLiteral("王芳"));
    QCOMPARE(result->fieldNames, QStringList{QStringLiteral("城市")});

    QCOMPARE(dialog.columnNames(),
             (QStringList{QStringLiteral("姓名"), QStringLiteral("邮箱"), QStringLiteral("城市")}));
    QStandardItemModel *preview = dialog.previewModel();
    QCOMPARE(preview->rowCount(), CsvImportDialog::PreviewRows);
    QCOMPARE(headerLabels(preview),
             (QStringList{QStringLiteral("Email"), QStringLiteral("Name"), QStringLiteral("城市")}));
    QCOMPARE(preview->item(0, 0)->text(), QStringLiteral("user0@example.cn"));
    QCOMPARE(preview->item(0, 1)->text(), QStringLiteral("张伟"));
    QCOMPARE(preview->item(0, 2)->text(), QStringLiteral("北京"));
    QCOMPARE(preview->verticalHeaderItem(0)->text(), QStringLiteral("Line 2"));
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("GB18030")),
             qPrintable(dialog.summaryText()));
    QVERIFY(dialog.summaryText().contains(QStringLiteral("semicolon")));
    QCOMPARE(dialog.problemsText(), QString());
    QCOMPARE(dialog.mode(), ImportMode::Append);

    // The encoding box names what was detected.
    auto *encodingCombo = dialog.findChildren<QComboBox *>().at(1);
    QCOMPARE(encodingCombo->itemText(0), QStringLiteral("Automatic (GB18030)"));
}

void TestCsvImportDialog::emailColumnChosenByHand()
{
    // "联系方式" (contact) is not a header the import recognises as the email column.
    const QString path = writeFile(m_directory,
                                   QStringLiteral("contacts.csv"),
                                   chineseList(QStringLiteral("联系方式")));
    CsvImportDialog dialog(path);
    QVERIFY(waitUntilRead(dialog));
    QVERIFY(!dialog.canAccept());
    QVERIFY2(dialog.problemsText().contains(QStringLiteral("no email column")),
             qPrintable(dialog.problemsText()));
    // The header is still read, so the columns can be chosen.
    QCOMPARE(dialog.columnNames(),
             (QStringList{QStringLiteral("姓名"),
                          QStringLiteral("联系方式"),
                          QStringLiteral("城市")}));

    dialog.setEmailColumn(QStringLiteral("联系方式"));
    QVERIFY(dialog.canAccept());
    QCOMPARE(dialog.options().emailColumn, QStringLiteral("联系方式"));
    QCOMPARE(dialog.result()->recipients.at(0).email, QStringLiteral("user0@example.cn"));
    QCOMPARE(dialog.result()->recipients.at(0).name, QStringLiteral("张伟"));

    // The name column by hand: "城市" becomes the name, "姓名" a merge field.
    dialog.setNameColumn(QStringLiteral("城市"));
    QVERIFY(dialog.canAccept());
    QCOMPARE(dialog.result()->recipients.at(0).name, QStringLiteral("北京"));
    QCOMPARE(dialog.result()->fieldNames, QStringList{QStringLiteral("姓名")});
    QCOMPARE(headerLabels(dialog.previewModel()),
             (QStringList{QStringLiteral("Email"), QStringLiteral("Name"), QStringLiteral("姓名")}));
}

void TestCsvImportDialog::malformedRowNamesItsLine()
{
    const QString path = writeFile(m_directory,
                                   QStringLiteral("broken.csv"),
                                   chineseList(QStringLiteral("邮箱"), 14));
    CsvImportDialog dialog(path);
    QVERIFY(waitUntilRead(dialog));
    QVERIFY(!dialog.canAccept());
    QVERIFY(!dialog.result().has_value());
    QVERIFY2(dialog.problemsText().startsWith(QStringLiteral("line 14: ")),
             qPrintable(dialog.problemsText()));
    QCOMPARE(dialog.previewModel()->rowCount(), 0);
}

void TestCsvImportDialog::wrongEncodingDisablesImport()
{
    const QString path = writeFile(m_directory,
                                   QStringLiteral("gb.csv"),
                                   chineseList(QStringLiteral("邮箱")));
    CsvImportDialog dialog(path);
    QVERIFY(waitUntilRead(dialog));
    dialog.setEncoding("UTF-8");
    QVERIFY(!dialog.canAccept());
    QVERIFY2(dialog.problemsText().contains(QStringLiteral("not valid UTF-8")),
             qPrintable(dialog.problemsText()));
    dialog.setEncoding("GB18030");
    QVERIFY(dialog.canAccept());
    QCOMPARE(dialog.options().encoding, QByteArray("GB18030"));
    dialog.setEncoding({});
    QVERIFY(dialog.canAccept());
    QCOMPARE(dialog.options().encoding, QByteArray());
}

void TestCsvImportDialog::delimiterChoice()
{
    const QString path = writeFile(m_directory,
                                   QStringLiteral("pipes.csv"),
                                   QByteArrayLiteral(
                                       "email|name|city\nann@example.org|Ann|Oslo\n"));
    CsvImportDialog dialog(path);
    QVERIFY(waitUntilRead(dialog));
    QVERIFY(!dialog.canAccept()); // "|" is not detected: one column "email|name|city"
    dialog.setDelimiter(u'|');
    QVERIFY(dialog.canAccept());
    QCOMPARE(dialog.result()->recipients.at(0).name, QStringLiteral("Ann"));
    QCOMPARE(dialog.columnNames(),
             (QStringList{QStringLiteral("email"), QStringLiteral("name"), QStringLiteral("city")}));
    dialog.setDelimiter(u';');
    QVERIFY(!dialog.canAccept());
    dialog.setDelimiter(QChar());
    QVERIFY(!dialog.options().delimiter.has_value());
}

void TestCsvImportDialog::modeChoice()
{
    const QString path = writeFile(m_directory,
                                   QStringLiteral("plain.csv"),
                                   QByteArrayLiteral("email\nann@example.org\n"));
    CsvImportDialog dialog(path);
    QVERIFY(waitUntilRead(dialog));
    QCOMPARE(dialog.mode(), ImportMode::Append);
    dialog.setMode(ImportMode::Replace);
    QCOMPARE(dialog.mode(), ImportMode::Replace);
}

void TestCsvImportDialog::unreadableFile()
{
    CsvImportDialog dialog(m_directory.filePath(QStringLiteral("missing.csv")));
    QVERIFY(waitUntilRead(dialog));
    QVERIFY(!dialog.canAccept());
    QVERIFY(!dialog.problemsText().isEmpty());
}

// A workbook (openpyxl) previews as the spreadsheet shows it, on the first visible sheet that
// holds a value; the dialog says in words what it skipped, and another sheet can be chosen.
void TestCsvImportDialog::workbookPreview()
{
    QCOMPARE(writeTestWorkbooks(m_directory.path()), QString());

    CsvImportDialog dialog(m_directory.filePath(QStringLiteral("people.xlsx")));
    QVERIFY(waitUntilRead(dialog));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.isWorkbook());
    QVERIFY(dialog.canAccept());
    QCOMPARE(dialog.sheet(), QStringLiteral("员工"));
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("sheet 员工, header in row 2")),
             qPrintable(dialog.summaryText()));
    QStandardItemModel *preview = dialog.previewModel();
    QCOMPARE(preview->rowCount(), 4);
    QCOMPARE(headerLabels(preview).mid(0, 4),
             (QStringList{QStringLiteral("Email"),
                          QStringLiteral("Name"),
                          QStringLiteral("工号"),
                          QStringLiteral("入职日期")}));
    QCOMPARE(preview->item(0, 0)->text(), QStringLiteral("wang@example.org"));
    QCOMPARE(preview->item(0, 2)->text(), QStringLiteral("00123"));
    QCOMPARE(preview->item(0, 3)->text(), QStringLiteral("2026年12月6日"));
    QCOMPARE(preview->item(0, 5)->text(), QStringLiteral("1234.50"));
    QCOMPARE(preview->verticalHeaderItem(0)->text(), QStringLiteral("Row 3"));
    const QString problems = dialog.problemsText();
    QVERIFY2(problems.contains(QStringLiteral("Hidden sheets were not imported: Secret.")),
             qPrintable(problems));
    QVERIFY(problems.contains(QStringLiteral("Rows above the header were skipped: 1.")));
    QVERIFY(problems.contains(QStringLiteral("imported like the others: 5.")));
    QVERIFY(dialog.columnNames().contains(QStringLiteral("邮箱")));
    // The CSV choices do not apply to a workbook; the sheet does.
    auto *sheetCombo = dialog.findChildren<QComboBox *>().at(2);
    QVERIFY(sheetCombo->isVisible());
    QVERIFY(!dialog.findChildren<QComboBox *>().at(1)->isVisible());
    QCOMPARE(sheetCombo->itemText(0), QStringLiteral("Automatic (员工)"));
    QCOMPARE(sheetCombo->itemText(2), QStringLiteral("Secret (hidden)"));

    dialog.setSheet(QStringLiteral("Merged"));
    QCOMPARE(dialog.sheet(), QStringLiteral("Merged"));
    QCOMPARE(preview->rowCount(), 1);
    QCOMPARE(preview->item(0, 2)->text(), QStringLiteral("010-1234"));
    QVERIFY2(dialog.problemsText().contains(QStringLiteral("merged cells (B1:C1)")),
             qPrintable(dialog.problemsText()));
    QVERIFY(dialog.result().has_value());
}

// The box for another delimiter is there only once "Other" is chosen, and says what it wants.
void TestCsvImportDialog::otherDelimiterBoxOnlyWhenChosen()
{
    const QString path = writeFile(m_directory,
                                   QStringLiteral("other.csv"),
                                   QByteArrayLiteral("email|name\nann@example.org|Ann\n"));
    CsvImportDialog dialog(path);
    QVERIFY(waitUntilRead(dialog));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *other = dialog.findChild<QLineEdit *>();
    QVERIFY(other);
    QVERIFY(!other->isVisible());
    QVERIFY(!other->placeholderText().isEmpty());
    dialog.setDelimiter(u'|');
    QVERIFY(other->isVisible());
    QCOMPARE(other->text(), QStringLiteral("|"));
    QVERIFY(dialog.canAccept());
    dialog.setDelimiter(u',');
    QVERIFY(!other->isVisible());
}

// The addresses are what the user checks: the Email column is as wide as the longest one shown,
// even beside a long merge field.
void TestCsvImportDialog::emailColumnHasRoom()
{
    const QString longest = QStringLiteral("a.very.long.address.of.the.accounts.department@"
                                           "subsidiary.example.com.cn");
    const QByteArray csv = "email,name,note\nann@example.org,Ann," + QByteArray(300, 'x') + "\n"
                           + longest.toUtf8() + ",Bo,short\n";
    CsvImportDialog dialog(writeFile(m_directory, QStringLiteral("wide.csv"), csv));
    QVERIFY(waitUntilRead(dialog));
    dialog.resize(900, 600);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *view = dialog.findChild<QTableView *>();
    QVERIFY(view);
    const int needed = view->fontMetrics().horizontalAdvance(longest);
    QVERIFY2(view->columnWidth(0) >= needed,
             qPrintable(QStringLiteral("%1 < %2").arg(view->columnWidth(0)).arg(needed)));
    // The long note does not push the names out of sight.
    QVERIFY(view->columnWidth(0) + view->columnWidth(1) < view->viewport()->width());
}

// A merge field is renamed in the preview; the import uses the new name, through every change
// of the other choices, and two columns never share one.
void TestCsvImportDialog::renameColumn()
{
    const QString path = writeFile(m_directory,
                                   QStringLiteral("rename.csv"),
                                   QByteArrayLiteral("email,name,Company,plan\n"
                                                     "ann@example.org,Ann,Acme,pro\n"));
    CsvImportDialog dialog(path);
    QVERIFY(waitUntilRead(dialog));
    auto *button = dialog.findChild<QPushButton *>(QString(), Qt::FindDirectChildrenOnly);
    QVERIFY(button);
    QVERIFY(button->isEnabled());
    QCOMPARE(dialog.renameColumn(QStringLiteral("Company"), QStringLiteral("公司")), QString());
    QCOMPARE(dialog.result()->fieldNames,
             (QStringList{QStringLiteral("公司"), QStringLiteral("plan")}));
    QCOMPARE(headerLabels(dialog.previewModel()).at(2), QStringLiteral("公司"));
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("公司")),
             qPrintable(dialog.summaryText()));
    QCOMPARE(dialog.result()->recipients.at(0).fields,
             (QStringList{QStringLiteral("Acme"), QStringLiteral("pro")}));

    // Kept when another choice parses the file again.
    dialog.setDelimiter(u',');
    QCOMPARE(dialog.result()->fieldNames.first(), QStringLiteral("公司"));

    // Refused: a name another column has (case aside).
    QVERIFY(!dialog.renameColumn(QStringLiteral("plan"), QStringLiteral("公司")).isEmpty());
    QVERIFY(!dialog.renameColumn(QStringLiteral("公司"), QStringLiteral("PLAN")).isEmpty());
    QCOMPARE(dialog.result()->fieldNames.last(), QStringLiteral("plan"));

    // An empty name gives the file's back.
    QCOMPARE(dialog.renameColumn(QStringLiteral("公司"), QString()), QString());
    QCOMPARE(dialog.result()->fieldNames.first(), QStringLiteral("Company"));
}

// The sheet chosen in the dialog is chosen again the next time the same workbook is imported.
void TestCsvImportDialog::workbookSheetRemembered()
{
    QCOMPARE(writeTestWorkbooks(m_directory.path()), QString());
    const QString path = m_directory.filePath(QStringLiteral("people-excel.xlsx"));
    {
        CsvImportDialog dialog(path);
        QVERIFY(waitUntilRead(dialog));
        QCOMPARE(dialog.sheet(), QStringLiteral("员工"));
        dialog.setSheet(QStringLiteral("Merged"));
        dialog.accept();
    }
    {
        CsvImportDialog dialog(path);
        QVERIFY(waitUntilRead(dialog));
        QCOMPARE(dialog.sheet(), QStringLiteral("Merged"));
        QCOMPARE(dialog.result()->recipients.size(), 1);
        dialog.setSheet(QString()); // back to automatic: forgotten
        dialog.accept();
    }
    CsvImportDialog dialog(path);
    QVERIFY(waitUntilRead(dialog));
    QCOMPARE(dialog.sheet(), QStringLiteral("员工"));
    // Another workbook is not affected.
    CsvImportDialog other(m_directory.filePath(QStringLiteral("people.xlsx")));
    QVERIFY(waitUntilRead(other));
    QCOMPARE(other.sheet(), QStringLiteral("员工"));
}

// The file is read on a worker thread: while a read waits (a file on a slow share), the window
// is shown and answers, says that it is reading, and Import waits; a choice made meanwhile
// applies once the file is read.
void TestCsvImportDialog::readsTheFileOffTheWindowThread()
{
    const QString path = m_directory.filePath(QStringLiteral("slow.csv"));
    SlowFile file(path, "contact,name\nann@example.org,Ann\n", std::chrono::seconds(10));
    QVERIFY(file.isMade());
    CsvImportDialog dialog(path);
    QVERIFY(dialog.isLoading()); // not after ten seconds of a frozen window
    QVERIFY(!dialog.canAccept());
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("Reading slow.csv")),
             qPrintable(dialog.summaryText()));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::qWait(100);
    QVERIFY(dialog.isLoading());
    dialog.setEmailColumn(QStringLiteral("contact")); // not a header the import knows

    file.write();
    QVERIFY(waitUntilRead(dialog));
    QVERIFY(dialog.canAccept());
    QCOMPARE(dialog.result()->recipients.size(), 1);
    QCOMPARE(dialog.result()->recipients.at(0).email, QStringLiteral("ann@example.org"));
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("1 recipient")),
             qPrintable(dialog.summaryText()));
}

// Closing the dialog does not wait for its read, whose result then goes nowhere.
void TestCsvImportDialog::closedWhileReading()
{
    const QString path = m_directory.filePath(QStringLiteral("closed.csv"));
    SlowFile file(path, "email\nann@example.org\n", std::chrono::seconds(10));
    QVERIFY(file.isMade());
    auto *dialog = new CsvImportDialog(path);
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(dialog->isLoading());
    delete dialog;
    file.write();
    QVERIFY(QThreadPool::globalInstance()->waitForDone(30000));
    QCoreApplication::processEvents(); // a result delivered to the dialog that is gone
}

QTEST_MAIN(TestCsvImportDialog)
#include "tst_csvimportdialog.moc"
