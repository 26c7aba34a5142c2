#include "mainwindow/mainwindow.h"

#include "account/passwordprompt.h"
#include "common/fileio.h"
#include "message/testmessagedialog.h"
#include "recipients/csvimportdialog.h"
#include "testresult.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>

using namespace Bulkmail;

namespace {

// What a screen reader announces for the widget: Qt derives it from the accessible name, a label
// whose buddy it is, or a button's text, exactly as it reports it over AT-SPI.
QString spokenName(QWidget *widget)
{
    QAccessibleInterface *interface = QAccessible::queryAccessibleInterface(widget);
    return interface == nullptr ? QString() : interface->text(QAccessible::Name).trimmed();
}

bool needsName(const QWidget *widget)
{
    if (widget->focusPolicy() == Qt::NoFocus)
        return false;
    // The editor inside a spin box, and a combo box's editor and popup list, are named through
    // their owner.
    for (const QWidget *owner = widget->parentWidget(); owner != nullptr;
         owner = owner->parentWidget()) {
        if (qobject_cast<const QAbstractSpinBox *>(owner) != nullptr
            || qobject_cast<const QComboBox *>(owner) != nullptr)
            return false;
    }
    return qobject_cast<const QLineEdit *>(widget) != nullptr
           || qobject_cast<const QComboBox *>(widget) != nullptr
           || qobject_cast<const QAbstractSpinBox *>(widget) != nullptr
           || qobject_cast<const QPlainTextEdit *>(widget) != nullptr
           || qobject_cast<const QTextEdit *>(widget) != nullptr
           || qobject_cast<const QAbstractButton *>(widget) != nullptr
           || qobject_cast<const QAbstractItemView *>(widget) != nullptr;
}

// Every control a keyboard can reach has a name a screen reader can speak.
QStringList unnamedControls(QWidget *root)
{
    QStringList unnamed;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *widget : std::as_const(widgets)) {
        if (needsName(widget) && spokenName(widget).isEmpty()) {
            QString path = QString::fromLatin1(widget->metaObject()->className());
            for (QWidget *parent = widget->parentWidget(); parent != nullptr;
                 parent = parent->parentWidget()) {
                if (!parent->objectName().isEmpty() || parent == root) {
                    path += QStringLiteral(" in ")
                            + QString::fromLatin1(parent->metaObject()->className());
                    break;
                }
            }
            if (auto *edit = qobject_cast<QLineEdit *>(widget))
                path += QStringLiteral(" (placeholder \"%1\")").arg(edit->placeholderText());
            unnamed.append(path);
        }
    }
    return unnamed;
}

} // namespace

// The accessibility contract of the whole GUI, checked the way a screen reader meets it.
class TestAccessibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyControlOfTheMainWindowHasASpokenName();
    void everyControlOfTheDialogsHasASpokenName();
    void tablesExposeTheirCells();

private:
    QTemporaryDir m_directory;
};

void TestAccessibility::initTestCase()
{
    QVERIFY(m_directory.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat,
                       QSettings::UserScope,
                       m_directory.filePath(QStringLiteral("settings")));
    QAccessible::setActive(true);
}

void TestAccessibility::everyControlOfTheMainWindowHasASpokenName()
{
    MainWindow window;
    window.show();
    window.openSample();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QStringList unnamed = unnamedControls(&window);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral("\n"))));
}

void TestAccessibility::everyControlOfTheDialogsHasASpokenName()
{
    const QString csv = m_directory.filePath(QStringLiteral("list.csv"));
    QVERIFY_RESULT(writeFileAtomically(csv, "email,name\r\nann@example.org,Ann\r\n"));
    CsvImportDialog import(csv);
    import.show();
    QTRY_VERIFY(!import.isLoading());
    QStringList unnamed = unnamedControls(&import);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral("\n"))));

    Campaign campaign;
    campaign.server.host = QStringLiteral("127.0.0.1");
    campaign.message.from = QStringLiteral("a@example.org");
    campaign.recipients = {Recipient{QStringLiteral("ann@example.org"), QStringLiteral("Ann")}};
    TestMessageDialog test(campaign, QString());
    test.show();
    unnamed = unnamedControls(&test);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral("\n"))));
}

void TestAccessibility::tablesExposeTheirCells()
{
    MainWindow window;
    window.show();
    window.openSample();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QList<QAbstractItemView *> views = window.findChildren<QAbstractItemView *>();
    int tables = 0;
    for (QAbstractItemView *view : views) {
        QAccessibleInterface *interface = QAccessible::queryAccessibleInterface(view);
        if (interface == nullptr || interface->tableInterface() == nullptr || !view->model()
            || view->model()->rowCount() == 0)
            continue;
        ++tables;
        QAccessibleInterface *cell = interface->tableInterface()->cellAt(0, 0);
        QVERIFY(cell != nullptr);
        QVERIFY2(!cell->text(QAccessible::Name).isEmpty()
                     || !cell->text(QAccessible::Value).isEmpty(),
                 view->metaObject()->className());
    }
    QVERIFY(tables >= 1); // the recipients table at least
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
