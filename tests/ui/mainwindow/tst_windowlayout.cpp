#include "mainwindow/mainwindow.h"

#include "account/accountsettingswidget.h"
#include "connections/connectiontablemodel.h"
#include "connections/connectionview.h"
#include "document/campaigndocument.h"
#include "log/logpanel.h"
#include "mainwindow/sendarea.h"
#include "message/messageeditor.h"
#include "message/messagepreview.h"
#include "models/recipienttablemodel.h"
#include "recipients/recipientsview.h"
#include "sandbox/outboxmodel.h"
#include "sandbox/outboxview.h"
#include "send/sendcontroller.h"
#include "send/sendview.h"
#include "widgets/safehtmlbrowser.h"
#include "widgets/sentences.h"

#include "logging/logging.h"
#include "markingtranslator.h"
#include "testresult.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QFont>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTranslator>

#include <algorithm>
#include <memory>

using namespace Bulkmail;
using State = SendController::State;

namespace {

using Test::MarkingTranslator;

} // namespace

// The window at the sizes people use: a 1366×768 laptop, and a 1920×1080 screen at 150 % (1280×720
// in Qt's units). CTest runs this suite once per screen (BULKMAIL_TEST_SCREEN, QT_SCALE_FACTOR);
// main() gives the offscreen platform that screen. Every check is a fact about real geometry:
// what is on screen, not only what exists. Each test runs in English and with the Chinese
// translation, whose wider glyphs once pushed columns off-screen.
class TestWindowLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void fitsTheScreenWithTheMainActionVisible_data() { languages(); }
    void fitsTheScreenWithTheMainActionVisible();
    void noScrollAreaInsideAnother_data() { languages(); }
    void noScrollAreaInsideAnother();
    void sendingGivesTheSendTasksTheScreen_data() { languages(); }
    void sendingGivesTheSendTasksTheScreen();
    void outboxViewerIsVisibleWithoutScrolling_data() { languages(); }
    void outboxViewerIsVisibleWithoutScrolling();
    void openLogShowsEightLinesWithoutHidingTheSendArea_data() { languages(); }
    void openLogShowsEightLinesWithoutHidingTheSendArea();
    void logPanelButtonsKeepTheirSize();
    void recipientStatusColumnStaysVisible_data() { languages(); }
    void recipientStatusColumnStaysVisible();
    void layoutIsRemembered();
    void sampleSpeaksTheWindowsLanguage_data() { languages(); }
    void sampleSpeaksTheWindowsLanguage();

private:
    static void languages();
    void useLanguage();
    // Shows the window at its default size on this screen and opens the sample.
    static void showWithSample(MainWindow &window);
    static void rehearse(MainWindow &window);

    QTemporaryDir m_directory;
    std::unique_ptr<QTranslator> m_translator;
    std::unique_ptr<MarkingTranslator> m_marker;
    QFont m_defaultFont;
};

namespace {

// `widget`'s rectangle in `window`'s coordinates, cut to what its ancestors leave visible.
QRect visibleRectIn(const QWidget *widget, const QWidget *window)
{
    QRect rect(widget->mapTo(window, QPoint(0, 0)), widget->size());
    for (const QWidget *parent = widget->parentWidget(); parent != nullptr && parent != window;
         parent = parent->parentWidget())
        rect &= QRect(parent->mapTo(window, QPoint(0, 0)), parent->size());
    return rect & window->rect();
}

bool isFullyVisible(const QWidget *widget, const QWidget *window)
{
    return widget->isVisible() && !widget->visibleRegion().isEmpty()
           && visibleRectIn(widget, window)
                  == QRect(widget->mapTo(window, QPoint()), widget->size());
}

// How many rows of `view` are visible whole, from the top of its viewport.
int wholeRowsShown(const QTableView *view)
{
    const int rowHeight = view->verticalHeader()->defaultSectionSize();
    return rowHeight > 0 ? view->viewport()->height() / rowHeight : 0;
}

// The send view's Start button (its text follows the mode).
const QPushButton *startButtonOf(const MainWindow &window)
{
    const QString text = SendView::startText(window.sendView()->isRehearsal() ? SendMode::Rehearse
                                                                              : SendMode::Deliver);
    for (const QPushButton *button : window.sendView()->findChildren<QPushButton *>()) {
        if (button->text() == text)
            return button;
    }
    return nullptr;
}

QString describe(const QWidget *widget, const QWidget *window)
{
    const QRect rect = visibleRectIn(widget, window);
    return QStringLiteral("%1 %2: %3x%4 at %5,%6 shown of %7x%8 in a %9x%10 window")
        .arg(QString::fromLatin1(widget->metaObject()->className()), widget->objectName())
        .arg(rect.width())
        .arg(rect.height())
        .arg(rect.x())
        .arg(rect.y())
        .arg(widget->width())
        .arg(widget->height())
        .arg(window->width())
        .arg(window->height());
}

} // namespace

void TestWindowLayout::languages()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
}

void TestWindowLayout::initTestCase()
{
    QVERIFY(m_directory.isValid());
    QStandardPaths::setTestModeEnabled(true);
    m_defaultFont = QApplication::font();
    LogOptions logging;
    logging.directory = m_directory.filePath(QStringLiteral("logs"));
    QVERIFY_RESULT(initializeLogging(logging));
    qInfo("screen %dx%d (device pixel ratio %.2f)",
          QGuiApplication::primaryScreen()->geometry().width(),
          QGuiApplication::primaryScreen()->geometry().height(),
          QGuiApplication::primaryScreen()->devicePixelRatio());
}

void TestWindowLayout::cleanupTestCase()
{
    shutdownLogging();
}

void TestWindowLayout::init()
{
    // A first start: no remembered geometry, splitters or docks.
    static int run = 0;
    QSettings::setPath(QSettings::NativeFormat,
                       QSettings::UserScope,
                       m_directory.filePath(QStringLiteral("settings%1").arg(++run)));
    QSettings().setValue(QStringLiteral("guide/rehearsed"), false);
    useLanguage();
}

void TestWindowLayout::cleanup()
{
    if (m_translator) {
        QCoreApplication::removeTranslator(m_marker.get());
        QCoreApplication::removeTranslator(m_translator.get());
        m_marker.reset();
        m_translator.reset();
    }
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setFont(m_defaultFont);
}

void TestWindowLayout::useLanguage()
{
    if (QTest::currentDataTag() == nullptr
        || QString::fromLatin1(QTest::currentDataTag()) != QLatin1String("zh_CN"))
        return;
    m_translator = std::make_unique<QTranslator>();
    QVERIFY2(m_translator->load(QStringLiteral(BULKMAIL_TRANSLATIONS_DIR "/bulkmail_zh_CN.qm")),
             "build the bulkmail_lrelease target");
    QCoreApplication::installTranslator(m_translator.get());
    // Marks the texts that must be translated, «so», whether or not the shipped translation has
    // them yet: a text shown without going through tr() stays unmarked.
    m_marker = std::make_unique<MarkingTranslator>(
        QByteArrayList{"Bulkmail::ConnectionTableModel|none", "Bulkmail::Sentences|%1 bytes"},
        MarkingTranslator::Scope::Keys,
        QStringLiteral("«%1»"));
    QCoreApplication::installTranslator(m_marker.get());
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    // The font a Chinese desktop gives the window (fonts-noto-cjk): wider and taller glyphs.
    const QString chineseFont = QStringLiteral("Noto Sans CJK SC");
    QVERIFY2(QFontDatabase::hasFamily(chineseFont), "install fonts-noto-cjk");
    QApplication::setFont(QFont(chineseFont));
}

void TestWindowLayout::showWithSample(MainWindow &window)
{
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openSample();
    QCOMPARE(window.document()->recipientModel()->recipientCount(), 36);
}

void TestWindowLayout::rehearse(MainWindow &window)
{
    QVERIFY(window.sendView()->isRehearsal());
    QVERIFY(window.startSending(false, false));
    QTRY_COMPARE_WITH_TIMEOUT(window.sendController()->state(), State::Finished, 30000);
    QTRY_COMPARE(window.connectionView()->model()->rowCount(), 4);
}

void TestWindowLayout::fitsTheScreenWithTheMainActionVisible()
{
    MainWindow window;
    showWithSample(window);
    const QRect available = window.screen()->availableGeometry();
    QVERIFY2(available.contains(window.frameGeometry()),
             qPrintable(QStringLiteral("window %1x%2 on a %3x%4 screen")
                            .arg(window.frameGeometry().width())
                            .arg(window.frameGeometry().height())
                            .arg(available.width())
                            .arg(available.height())));
    // The main action stays in the toolbar itself, never in its » overflow, and so does the
    // Start button of the send view.
    auto *startAction = window.findChild<QAction *>(QStringLiteral("startAction"));
    QVERIFY(startAction != nullptr);
    const auto *toolBar = window.findChild<QToolBar *>();
    QWidget *startButton = toolBar->widgetForAction(startAction);
    QVERIFY(startButton != nullptr);
    QVERIFY2(isFullyVisible(startButton, &window), qPrintable(describe(startButton, &window)));
    const QPushButton *sendStart = startButtonOf(window);
    QVERIFY(sendStart != nullptr);
    QVERIFY2(isFullyVisible(sendStart, &window), qPrintable(describe(sendStart, &window)));
}

void TestWindowLayout::noScrollAreaInsideAnother()
{
    MainWindow window;
    showWithSample(window);
    window.logPanel()->show();
    const QList<QAbstractScrollArea *> areas = window.findChildren<QAbstractScrollArea *>();
    QVERIFY(!areas.isEmpty());
    for (const QAbstractScrollArea *area : areas) {
        if (area->window() != &window)
            continue; // a combo box's popup list, a dialog
        for (const QWidget *parent = area->parentWidget(); parent != nullptr;
             parent = parent->parentWidget()) {
            // Inside another's viewport: scrolled with its content (its own header views and
            // scroll bars sit beside the viewport, not in it).
            const auto *outer = qobject_cast<const QAbstractScrollArea *>(parent);
            QVERIFY2(outer == nullptr || !outer->viewport()->isAncestorOf(area),
                     qPrintable(QStringLiteral("%1 \"%2\" scrolls inside %3 \"%4\"")
                                    .arg(QString::fromLatin1(area->metaObject()->className()),
                                         area->objectName(),
                                         QString::fromLatin1(parent->metaObject()->className()),
                                         parent->objectName())));
        }
    }
}

void TestWindowLayout::sendingGivesTheSendTasksTheScreen()
{
    MainWindow window;
    showWithSample(window);
    rehearse(window);
    // The Send page took the window when the send started: its counters and buttons show.
    QCOMPARE(window.findChild<QTabWidget *>(QStringLiteral("taskTabs"))->currentIndex(), 1);
    const QPushButton *sendStart = startButtonOf(window);
    QVERIFY(sendStart != nullptr);
    QVERIFY2(isFullyVisible(sendStart, &window), qPrintable(describe(sendStart, &window)));

    // Choosing the Connections tab shows every connection of the rehearsal.
    QTabWidget *tabs = window.findChild<QTabWidget *>(QStringLiteral("taskTabs"));
    QVERIFY(tabs != nullptr);
    QTabBar *bar = tabs->tabBar();
    const int connectionsTab = tabs->indexOf(window.connectionView());
    QVERIFY(connectionsTab >= 0);
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(connectionsTab).center());
    QCOMPARE(tabs->currentWidget(), window.connectionView());
    QTableView *table = window.connectionView()->table();
    QTRY_VERIFY(isFullyVisible(table, &window));
    QVERIFY2(wholeRowsShown(table) >= 4,
             qPrintable(QStringLiteral("%1 rows; %2")
                            .arg(wholeRowsShown(table))
                            .arg(describe(table, &window))));
    for (int row = 0; row < 4; ++row) {
        const QRect cell = table->visualRect(table->model()->index(row, 0));
        QVERIFY2(table->viewport()->rect().contains(cell), qPrintable(QString::number(row)));
    }
    // The columns fit: the last one (why it closed) starts on screen.
    const int lastColumn = table->model()->columnCount() - 1;
    QVERIFY(table->columnViewportPosition(lastColumn) < table->viewport()->width());
}

void TestWindowLayout::outboxViewerIsVisibleWithoutScrolling()
{
    MainWindow window;
    showWithSample(window);
    rehearse(window);
    QAction *outboxAction = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->objectName() == QLatin1String("showOutboxAction"))
            outboxAction = action;
    }
    QVERIFY(outboxAction != nullptr);
    outboxAction->trigger();
    OutboxView *outbox = window.outboxView();
    outbox->model()->flush();
    QCOMPARE(outbox->model()->rowCount(), 36);
    outbox->table()->selectRow(0);
    QVERIFY(outbox->selectedMessage() != nullptr);
    QTRY_VERIFY(outbox->isVisible());
    // The viewer shows the selected message (after a short delay).
    QTRY_VERIFY(outbox->findChild<QLabel *>(QStringLiteral("viewerNotice"))->isHidden());
    // The message as its recipient sees it, its table and the provider box, all on screen.
    auto *body = outbox->findChild<QTabWidget *>(QStringLiteral("bodyTabs"));
    QVERIFY(body != nullptr);
    QVERIFY2(isFullyVisible(body, &window), qPrintable(describe(body, &window)));
    QTRY_VERIFY2(body->currentWidget()->height() >= 4 * body->fontMetrics().lineSpacing(),
                 qPrintable(describe(body->currentWidget(), &window)));
    QVERIFY2(isFullyVisible(outbox->table(), &window),
             qPrintable(describe(outbox->table(), &window)));
    QVERIFY2(wholeRowsShown(outbox->table()) >= 3, qPrintable(describe(outbox->table(), &window)));
    auto *provider = outbox->findChild<QWidget *>(QStringLiteral("providerGroup"));
    QVERIFY(provider != nullptr);
    QVERIFY2(isFullyVisible(provider, &window), qPrintable(describe(provider, &window)));
    auto *fields = outbox->findChild<QWidget *>(QStringLiteral("subjectField"));
    QVERIFY2(isFullyVisible(fields, &window), qPrintable(describe(fields, &window)));
}

void TestWindowLayout::openLogShowsEightLinesWithoutHidingTheSendArea()
{
    MainWindow window;
    showWithSample(window);
    rehearse(window);
    window.findChild<QAction *>(QStringLiteral("showLogAction"))->trigger();
    LogPanel *log = window.logPanel();
    QTRY_VERIFY(log->isVisible());
    QTRY_VERIFY(isFullyVisible(log->view(), &window));
    QVERIFY2(wholeRowsShown(log->view()) >= 8,
             qPrintable(QStringLiteral("%1 lines; %2")
                            .arg(wholeRowsShown(log->view()))
                            .arg(describe(log->view(), &window))));
    // Beside the log, the send view still shows its main button and its counters.
    const QPushButton *sendStart = startButtonOf(window);
    QVERIFY(sendStart != nullptr);
    QVERIFY2(isFullyVisible(sendStart, &window), qPrintable(describe(sendStart, &window)));
    // And the connection table its rows.
    window.findChild<QAction *>(QStringLiteral("showConnectionsAction"))->trigger();
    QTableView *table = window.connectionView()->table();
    QTRY_VERIFY(isFullyVisible(table, &window));
    QVERIFY2(wholeRowsShown(table) >= 4, qPrintable(describe(table, &window)));
}

void TestWindowLayout::logPanelButtonsKeepTheirSize()
{
    MainWindow window;
    showWithSample(window);
    window.logPanel()->show();
    QTRY_VERIFY(window.logPanel()->isVisible());
    const QList<QPushButton *> buttons = window.logPanel()->findChildren<QPushButton *>();
    QVERIFY(!buttons.isEmpty());
    for (const QPushButton *button : buttons) {
        // A button is as wide as its text wants (a little more is the style's margin), not as
        // wide as the dock.
        QVERIFY2(button->width() <= button->sizeHint().width() + 2,
                 qPrintable(QStringLiteral("%1: %2 wide for a %3 hint")
                                .arg(button->text())
                                .arg(button->width())
                                .arg(button->sizeHint().width())));
    }
}

void TestWindowLayout::recipientStatusColumnStaysVisible()
{
    MainWindow window;
    showWithSample(window);
    rehearse(window);
    window.findChild<QAction *>(QStringLiteral("showPrepareAction"))->trigger();
    QTableView *table = window.recipientsView()->tableView();
    QVERIFY(table != nullptr);
    const auto status = static_cast<int>(RecipientTableModel::Column::Status);
    QTRY_VERIFY(table->isVisible());
    const int left = table->columnViewportPosition(status);
    QVERIFY2(left >= 0 && left + table->columnWidth(status) <= table->viewport()->width(),
             qPrintable(QStringLiteral("the Status column spans %1 to %2 of a %3 wide table")
                            .arg(left)
                            .arg(left + table->columnWidth(status))
                            .arg(table->viewport()->width())));
}

void TestWindowLayout::layoutIsRemembered()
{
    QByteArray sizes;
    Qt::DockWidgetArea logArea = Qt::NoDockWidgetArea;
    {
        MainWindow window;
        showWithSample(window);
        // The user moves the log to the right and chooses the Connections tab.
        window.findChild<QAction *>(QStringLiteral("showLogAction"))->trigger();
        QTRY_VERIFY(window.logPanel()->isVisible());
        window.addDockWidget(Qt::RightDockWidgetArea, window.logPanel());
        window.findChild<QAction *>(QStringLiteral("showConnectionsAction"))->trigger();
        logArea = window.dockWidgetArea(window.logPanel());
        QCOMPARE(logArea, Qt::RightDockWidgetArea);
        window.close();
    }
    MainWindow again;
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QTRY_VERIFY(again.logPanel()->isVisible());
    QCOMPARE(again.dockWidgetArea(again.logPanel()), logArea);
    auto *tabs = again.findChild<QTabWidget *>(QStringLiteral("taskTabs"));
    QCOMPARE(tabs->currentWidget(), again.connectionView());
}

void TestWindowLayout::sampleSpeaksTheWindowsLanguage()
{
    QFETCH(QString, language);
    const bool chinese = language == QLatin1String("zh_CN");
    MainWindow window;
    showWithSample(window);
    const auto hasHan = [](const QString &text) {
        return std::any_of(text.begin(), text.end(), [](QChar c) {
            return c.script() == QChar::Script_Han;
        });
    };
    const Campaign sample = window.document()->campaign();
    QCOMPARE(hasHan(sample.name), chinese);
    QCOMPARE(hasHan(sample.message.subject), chinese);
    // The rehearsal merges it (its field is named in Chinese too) and the views word its facts
    // in the window's language.
    rehearse(window);
    QCOMPARE(window.sendController()->lastSummary()->sent, 36);
    const QString encryption = window.connectionView()
                                   ->model()
                                   ->index(0, static_cast<int>(ConnectionTableModel::Column::Tls))
                                   .data()
                                   .toString();
    QCOMPARE(encryption, chinese ? QStringLiteral("«none»") : QStringLiteral("none"));
    // A size never wraps between its number and its unit ("834 / 字节"), in the Outbox and in
    // the send summary, and under 1 KiB the unit is translated with its number.
    OutboxView *outbox = window.outboxView();
    outbox->model()->flush();
    const QString size = outbox->model()
                             ->index(0, static_cast<int>(OutboxModel::Column::Size))
                             .data()
                             .toString();
    QVERIFY2(size.contains(QChar::Nbsp) && !size.contains(u' '), qPrintable(size));
    const QString summary = window.sendArea()->summaryText();
    QVERIFY2(summary.contains(QRegularExpression(QStringLiteral("\\d\\x{00a0}\\S")))
                 && !summary.contains(QRegularExpression(QStringLiteral("\\d (bytes|KiB|MiB)"))),
             qPrintable(summary));
    const QString small = dataSizeText(834);
    QCOMPARE(small, chinese ? QStringLiteral("«834\u00a0bytes»") : QStringLiteral("834\u00a0bytes"));
}

// The offscreen platform's screen comes from a JSON file named in QT_QPA_PLATFORM; CTest names
// the screen (BULKMAIL_TEST_SCREEN=1366x768) and the scale (QT_SCALE_FACTOR).
int main(int argc, char **argv)
{
    QTemporaryDir screenDirectory;
    const QByteArray screen = qgetenv("BULKMAIL_TEST_SCREEN");
    if (!screen.isEmpty() && screenDirectory.isValid()) {
        const QList<QByteArray> size = screen.split('x');
        QJsonObject geometry{{QStringLiteral("name"), QStringLiteral("test")},
                             {QStringLiteral("x"), 0},
                             {QStringLiteral("y"), 0},
                             {QStringLiteral("width"), size.value(0).toInt()},
                             {QStringLiteral("height"), size.value(1).toInt()},
                             {QStringLiteral("logicalDpi"), 96},
                             {QStringLiteral("logicalBaseDpi"), 96},
                             {QStringLiteral("dpr"), 1}};
        const QString path = screenDirectory.filePath(QStringLiteral("screen.json"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)
            || file.write(
                   QJsonDocument(QJsonObject{{QStringLiteral("screens"), QJsonArray{geometry}}})
                       .toJson())
                   <= 0)
            return 1;
        file.close();
        qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + QFile::encodeName(path));
    }
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("BulkmailTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_windowlayout"));
    TestWindowLayout test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_windowlayout.moc"
