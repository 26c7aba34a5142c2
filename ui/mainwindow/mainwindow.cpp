#include "mainwindow.h"

#include "inputblocker.h"

#include "widgets/accessiblenames.h"
#include "widgets/sentences.h"

#include "account/accountsettingswidget.h"
#include "account/accounttext.h"
#include "account/mailboxsettingswidget.h"
#include "account/passwordprompt.h"
#include "connections/connectiontablemodel.h"
#include "connections/connectionview.h"
#include "document/campaigndocument.h"
#include "feedback/bouncesdialog.h"
#include "feedback/bouncewatchcontroller.h"
#include "guidedialog.h"
#include "log/logpanel.h"
#include "message/messageeditor.h"
#include "message/messagepreview.h"
#include "message/testmessagedialog.h"
#include "models/errorwords.h"
#include "models/recipienttablemodel.h"
#include "oauth/oauth2tokensource.h"
#include "oauth/oauthsignin.h"
#include "oauth/tokenstore.h"
#include "recentfiles.h"
#include "recipients/recipientsview.h"
#include "sandbox/outboxview.h"
#include "send/checklistwords.h"
#include "send/resumestate.h"
#include "send/sendcontroller.h"
#include "send/sendstartflow.h"
#include "send/sendview.h"
#include "sendarea.h"
#include "suppression/suppressiondialog.h"

#include "campaign/campaigncheck.h"
#include "common/fileio.h"
#include "document/campaignfile.h"
#include "document/recipientworkbook.h"
#include "logging/logbuffersink.h"
#include "sandbox/sandboxserver.h"
#include "widgets/filedialogs.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTextDocumentFragment>
#include <QToolBar>
#include <QUndoStack>
#include <QUuid>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <utility>

namespace Bulkmail {

namespace {

QString campaignFileFilter()
{
    return MainWindow::tr("Bulkmail campaigns (*.%1);;All files (*)").arg(CampaignFileSuffix);
}

bool isCampaignFile(const QString &path)
{
    return QFileInfo(path).suffix().compare(CampaignFileSuffix, Qt::CaseInsensitive) == 0;
}

QIcon themeIcon(const char *name, QStyle::StandardPixmap fallback, const QStyle *style)
{
    return QIcon::fromTheme(QString::fromLatin1(name), style->standardIcon(fallback));
}

// "10 minutes", "45 seconds": how long stopping may take.
QString waitText(std::chrono::seconds wait)
{
    const auto seconds = static_cast<int>(wait.count());
    if (seconds >= 60 && seconds % 60 == 0)
        return MainWindow::tr("%n minute(s)", nullptr, seconds / 60);
    return MainWindow::tr("%n second(s)", nullptr, seconds);
}

// The sample campaign in the language of the window (resources/samples/welcome_zh_CN.bulkmail),
// looked up as QTranslator looks up the translation ("zh_Hans_CN", "zh_Hans", "zh", "zh_CN"...),
// or else the English one.
QString samplePath()
{
    for (QString language : QLocale().uiLanguages()) {
        language.replace(u'-', u'_');
        while (!language.isEmpty()) {
            const QString path = QStringLiteral(":/samples/welcome_%1.bulkmail").arg(language);
            if (QFile::exists(path))
                return path;
            language.truncate(std::max<qsizetype>(language.lastIndexOf(u'_'), 0));
        }
    }
    return QStringLiteral(":/samples/welcome.bulkmail");
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new CampaignDocument(this))
    , m_sandbox(new SandboxServer(this))
    , m_untitledId(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    setAcceptDrops(true);
    // The sandbox listens from the start, so that a rehearsal needs nothing else and the Outbox
    // shows where it is; failing to listen only disables rehearsals.
    if (Result<void> started = m_sandbox->start({}); !started)
        qWarning("Bulkmail: the sandbox is not available: %s",
                 qUtf8Printable(started.error().message));
    createWidgets();
    createActions();
    connectDocument();
    restoreWindowState();

    m_autosaveTimer.setInterval(AutosaveInterval);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &MainWindow::autosave);
    m_autosaveTimer.start();
    m_openingDialogTimer.setSingleShot(true);
    m_openingDialogTimer.setInterval(OpeningDialogDelay);
    connect(&m_openingDialogTimer, &QTimer::timeout, this, &MainWindow::showOpeningDialog);

    m_document->reset(CampaignDocument::blankCampaign());
    statusBar()->showMessage(tr("Ready"));
}

MainWindow::~MainWindow() = default;

void MainWindow::createWidgets()
{
    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("campaignName"));
    m_nameEdit->setPlaceholderText(tr("For example: Spring newsletter"));
    auto *nameLabel = new QLabel(tr("Campaign &name:"), this);
    nameLabel->setBuddy(m_nameEdit);

    m_recipientsView = new RecipientsView(this);
    m_recipientsView->setDocument(m_document);

    m_messageEditor = new MessageEditor(this);
    m_preview = new MessagePreview(this);
    m_preview->setRecipients(m_document->recipientModel());
    m_account = new AccountSettingsWidget(this);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_messageEditor, tr("&Message"));
    m_tabs->addTab(m_messageEditor->attachmentsPage(), tr("Attachments"));
    m_tabs->addTab(m_preview, tr("Pre&view"));
    m_tabs->addTab(m_account, tr("&Account and Sending"));
    m_tabs->setAccessibleName(tr("Message, preview and account"));

    // The Campaign page: the name above the recipients on the left, the message, its preview
    // and the account on the right.
    auto *nameRow = new QHBoxLayout;
    nameRow->addWidget(nameLabel);
    nameRow->addWidget(m_nameEdit, 1);
    auto *recipientsColumn = new QWidget(this);
    auto *recipientsLayout = new QVBoxLayout(recipientsColumn);
    recipientsLayout->setContentsMargins(0, 0, 0, 0);
    recipientsLayout->addLayout(nameRow);
    recipientsLayout->addWidget(m_recipientsView, 1);
    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(recipientsColumn);
    m_mainSplitter->addWidget(m_tabs);
    m_mainSplitter->setStretchFactor(0, 3);
    m_mainSplitter->setStretchFactor(1, 2);
    m_mainSplitter->setChildrenCollapsible(false);

    m_sendArea = new SendArea(this);
    m_sendController = new SendController(this);
    m_sendView = new SendView(m_sendController, this);
    m_startFlow = new SendStartFlow({this,
                                     [this] { return save(); },
                                     [this] { return m_account->tokenStore(); }},
                                    m_document,
                                    m_sendController,
                                    m_sendView,
                                    m_sandbox,
                                    this);
    auto *sendSides = new QSplitter(Qt::Horizontal, this);
    sendSides->setObjectName(QStringLiteral("sendPage"));
    sendSides->addWidget(m_sendArea);
    sendSides->addWidget(m_sendView);
    sendSides->setStretchFactor(0, 2);
    sendSides->setStretchFactor(1, 3);
    sendSides->setSizes({380, 820});
    // The way in for a newcomer: it stays until the first rehearsal, not a status-bar message
    // that fades after a few seconds.
    m_firstSteps = new QLabel(this);
    m_firstSteps->setObjectName(QStringLiteral("firstSteps"));
    m_firstSteps->setWordWrap(true);
    m_firstSteps->setTextFormat(Qt::RichText);
    m_firstSteps->setFrameShape(QFrame::StyledPanel);
    m_firstSteps->setMargin(6);
    m_firstSteps->setText(
        tr("<b>New to Bulkmail?</b> Rehearse first: with \"Rehearse\" ticked, Start Rehearsal "
           "sends every message to the sandbox inside Bulkmail and delivers none, so you can "
           "look at them in the Sandbox Outbox. <a href=\"guide\">What is a rehearsal, and "
           "other first steps</a> (F1)."));
    m_firstSteps->setAccessibleName(tr("First steps"));
    m_firstSteps->setAccessibleDescription(
        QTextDocumentFragment::fromHtml(m_firstSteps->text()).toPlainText());
    connect(m_firstSteps, &QLabel::linkActivated, this, &MainWindow::showGuide);
    m_firstSteps->setVisible(!QSettings().value(QStringLiteral("guide/rehearsed")).toBool());
    m_sendPage = sendSides;
    m_connectionView = new ConnectionView(this);
    m_outboxView = new OutboxView(m_sandbox, this);

    // One task at a time gets the whole window: preparing the campaign, sending it, watching its
    // connections, reading the Outbox. At 1366×768 (or 1920×1080 at 150 %) the editor above and
    // the send area below could not both be usable; in scroll areas they nested three scroll
    // bars deep. A start switches to the Send page; the log is a dock beside or below any page.
    m_taskTabs = new QTabWidget(this);
    m_taskTabs->setObjectName(QStringLiteral("taskTabs"));
    m_taskTabs->setDocumentMode(true);
    m_taskTabs->addTab(m_mainSplitter, tr("Campai&gn"));
    m_taskTabs->addTab(m_sendPage, tr("Se&nd"));
    m_taskTabs->addTab(m_connectionView, tr("&Connections"));
    m_taskTabs->addTab(m_outboxView, tr("Sandbo&x Outbox"));
    m_taskTabs->setAccessibleName(tr("Campaign, sending, connections and sandbox outbox"));
    // A page asks for room only while it is shown, so that the window fits the screen with
    // the largest page's minimum, not the sum or the maximum of them all.
    connect(m_taskTabs, &QTabWidget::currentChanged, this, &MainWindow::fitToCurrentTask);
    fitToCurrentTask();

    m_logPanel = new LogPanel(logBuffer(), this);
    m_logPanel->setObjectName(QStringLiteral("logPanel"));
    // On the right at first: laptop screens are wide rather than tall, and below a page the log
    // had two lines. The user may move it below; saveState() remembers where.
    m_logPanel->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::RightDockWidgetArea, m_logPanel);
    m_logPanel->hide();

    // Above every task, until the first rehearsal.
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->addWidget(m_firstSteps);
    centralLayout->addWidget(m_taskTabs, 1);
    setCentralWidget(central);
}

void MainWindow::fitToCurrentTask()
{
    for (int index = 0; index < m_taskTabs->count(); ++index) {
        QWidget *page = m_taskTabs->widget(index);
        const bool current = index == m_taskTabs->currentIndex();
        page->setSizePolicy(current ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                            current ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    }
    m_taskTabs->updateGeometry();
}

void MainWindow::showTask(Task task)
{
    m_taskTabs->setCurrentIndex(static_cast<int>(task)); // the tabs follow the enum's order
}

void MainWindow::showEditorPage(QWidget *page)
{
    showTask(Task::Prepare);
    m_tabs->setCurrentWidget(page);
}

void MainWindow::createActions()
{
    const QStyle *style = this->style();
    QUndoStack *undoStack = m_document->undoStack();

    auto *newAction = new QAction(themeIcon("document-new", QStyle::SP_FileIcon, style),
                                  tr("&New Campaign"),
                                  this);
    newAction->setShortcut(QKeySequence::New);
    newAction->setStatusTip(tr("Start a new campaign"));
    connect(newAction, &QAction::triggered, this, &MainWindow::newCampaign);

    auto *openAction = new QAction(themeIcon("document-open", QStyle::SP_DialogOpenButton, style),
                                   tr("&Open…"),
                                   this);
    openAction->setShortcut(QKeySequence::Open);
    openAction->setStatusTip(tr("Open a campaign file"));
    connect(openAction, &QAction::triggered, this, &MainWindow::openWithDialog);

    auto *saveAction = new QAction(themeIcon("document-save", QStyle::SP_DialogSaveButton, style),
                                   tr("&Save"),
                                   this);
    saveAction->setShortcut(QKeySequence::Save);
    saveAction->setStatusTip(tr("Save the campaign"));
    connect(saveAction, &QAction::triggered, this, &MainWindow::save);

    auto *saveAsAction = new QAction(tr("Save &As…"), this);
    saveAsAction->setShortcut(QKeySequence::SaveAs);
    connect(saveAsAction, &QAction::triggered, this, &MainWindow::saveWithDialog);

    auto *testAction = new QAction(themeIcon("mail-send", QStyle::SP_ArrowForward, style),
                                   tr("Send a &Test Message…"),
                                   this);
    testAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    connect(testAction, &QAction::triggered, this, &MainWindow::sendTestMessage);
    connect(m_sendArea, &SendArea::testMessageRequested, this, &MainWindow::sendTestMessage);

    auto *quitAction = new QAction(tr("&Quit"), this);
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setMenuRole(QAction::QuitRole);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);

    QAction *undoAction = undoStack->createUndoAction(this, tr("&Undo"));
    undoAction->setObjectName(QStringLiteral("undoAction"));
    undoAction->setShortcut(QKeySequence::Undo);
    undoAction->setIcon(themeIcon("edit-undo", QStyle::SP_ArrowBack, style));
    QAction *redoAction = undoStack->createRedoAction(this, tr("&Redo"));
    redoAction->setObjectName(QStringLiteral("redoAction"));
    redoAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    redoAction->setIcon(themeIcon("edit-redo", QStyle::SP_ArrowForward, style));
    // While a send runs the list is locked, and so is undoing or redoing an edit of it (the
    // message and the account stay undoable). Connected after the stack's own connections, so
    // this has the last word on the actions' state.
    RecipientTableModel *recipients = m_document->recipientModel();
    const auto guardUndo = [undoStack, recipients, undoAction, redoAction] {
        const bool locked = recipients->isReadOnly();
        const int next = undoStack->index();
        undoAction->setEnabled(
            undoStack->canUndo()
            && !(locked && RecipientTableModel::isListEdit(undoStack->command(next - 1))));
        redoAction->setEnabled(
            undoStack->canRedo()
            && !(locked && RecipientTableModel::isListEdit(undoStack->command(next))));
    };
    connect(undoStack, &QUndoStack::indexChanged, this, guardUndo);
    connect(undoStack, &QUndoStack::canUndoChanged, this, guardUndo);
    connect(undoStack, &QUndoStack::canRedoChanged, this, guardUndo);
    connect(recipients, &RecipientTableModel::readOnlyChanged, this, guardUndo);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(newAction);
    fileMenu->addAction(openAction);
    QMenu *recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    m_recentFiles = new RecentFiles(recentMenu, this);
    connect(m_recentFiles, &RecentFiles::openRequested, this, &MainWindow::openCampaignFile);
    fileMenu->addSeparator();
    fileMenu->addAction(saveAction);
    fileMenu->addAction(saveAsAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_recipientsView->importCsvAction());
    fileMenu->addAction(m_recipientsView->exportCsvAction());
    fileMenu->addSeparator();
    fileMenu->addAction(testAction);
    fileMenu->addSeparator();
    fileMenu->addAction(quitAction);

    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    editMenu->addAction(undoAction);
    editMenu->addAction(redoAction);
    editMenu->addSeparator();
    editMenu->addAction(m_recipientsView->addRecipientAction());
    editMenu->addAction(m_recipientsView->pasteAction());
    editMenu->addAction(m_recipientsView->deleteAction());
    editMenu->addSeparator();
    editMenu->addAction(m_recipientsView->findAction());
    editMenu->addAction(m_recipientsView->showProblemsOnlyAction());

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    const auto addTaskAction = [this, viewMenu](const QString &text, const char *name, Task task) {
        QAction *action = viewMenu->addAction(text);
        action->setObjectName(QLatin1String(name));
        connect(action, &QAction::triggered, this, [this, task] { showTask(task); });
    };
    addTaskAction(tr("C&ampaign"), "showPrepareAction", Task::Prepare);
    addTaskAction(tr("&Send"), "showSendAction", Task::Send);
    addTaskAction(tr("&Connections"), "showConnectionsAction", Task::Connections);
    addTaskAction(tr("Sandbox &Outbox"), "showOutboxAction", Task::Outbox);
    viewMenu->addSeparator();
    QAction *logAction = m_logPanel->toggleViewAction();
    logAction->setObjectName(QStringLiteral("showLogAction"));
    logAction->setText(tr("&Log"));
    logAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    viewMenu->addAction(logAction);

    QMenu *sendMenu = menuBar()->addMenu(tr("&Send"));
    auto *startAction = new QAction(themeIcon("mail-send", QStyle::SP_MediaPlay, style),
                                    SendView::startText(SendMode::Deliver),
                                    this);
    startAction->setObjectName(QStringLiteral("startAction"));
    startAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    // The main action says what it will do, in the toolbar, the menu and the send view alike.
    const auto followMode = [this, startAction](bool rehearsal) {
        const SendMode mode = rehearsal ? SendMode::Rehearse : SendMode::Deliver;
        startAction->setText(SendView::startText(mode));
        startAction->setStatusTip(rehearsal ? tr("Rehearse the campaign in the sandbox inside "
                                                 "Bulkmail: nothing is delivered")
                                            : tr("Check the campaign, confirm, and send it"));
        m_sendArea->setMode(mode);
    };
    connect(m_sendView, &SendView::rehearsalChanged, this, followMode);
    followMode(m_sendView->isRehearsal());
    connect(startAction, &QAction::triggered, this, [this] { startSending(false); });
    auto *pauseAction = new QAction(tr("&Pause or Resume"), this);
    pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(pauseAction, &QAction::triggered, this, [this] {
        if (m_sendController->state() == SendController::State::Paused)
            m_sendController->resume();
        else
            m_sendController->pause();
    });
    auto *cancelAction = new QAction(tr("&Cancel Sending"), this);
    connect(cancelAction, &QAction::triggered, m_sendController, &SendController::cancel);
    auto *openSampleAction = new QAction(tr("Open the &Sample Campaign"), this);
    connect(openSampleAction, &QAction::triggered, this, [this] {
        afterSendingStops(tr("Open the Sample Campaign"),
                          tr("“%1” is being sent. Stop sending and open the sample campaign? The "
                             "messages on their way are finished and recorded first; the rest can "
                             "be sent later without sending anyone twice.")
                              .arg(m_document->displayName()),
                          tr("&Stop Sending and Open"),
                          [this] {
                              if (maybeSave())
                                  openSample();
                          });
    });
    sendMenu->addAction(startAction);
    sendMenu->addAction(pauseAction);
    sendMenu->addAction(cancelAction);
    sendMenu->addSeparator();
    sendMenu->addAction(testAction);
    setUpBounceWatch(sendMenu);
    connect(m_sendController,
            &SendController::stateChanged,
            this,
            [this, startAction, pauseAction, cancelAction] {
                const bool active = m_sendController->isActive();
                startAction->setEnabled(!active);
                pauseAction->setEnabled(active);
                cancelAction->setEnabled(active);
            });
    pauseAction->setEnabled(false);
    cancelAction->setEnabled(false);

    QMenu *toolsMenu = menuBar()->addMenu(tr("&Tools"));
    QAction *suppressionAction = toolsMenu->addAction(tr("&Suppression List…"));
    suppressionAction->setObjectName(QStringLiteral("suppressionAction"));
    suppressionAction->setStatusTip(tr("The addresses this account never mails again: hard "
                                       "bounces, unsubscribe requests, and the ones you add"));
    connect(suppressionAction, &QAction::triggered, this, &MainWindow::showSuppressionList);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *guideAction = helpMenu->addAction(tr("&Getting Started"));
    guideAction->setObjectName(QStringLiteral("guideAction"));
    guideAction->setShortcut(QKeySequence::HelpContents);
    connect(guideAction, &QAction::triggered, this, &MainWindow::showGuide);
    helpMenu->addAction(openSampleAction);
    QAction *aboutAction = helpMenu->addAction(tr("&About Bulkmail"));
    aboutAction->setMenuRole(QAction::AboutRole);
    connect(aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this,
                           tr("About Bulkmail"),
                           tr("<p><b>Bulkmail</b> %1</p><p>Sends one personalised message to a "
                              "list of recipients through your organisation's mail server, "
                              "reusing each connection for many messages.</p>")
                               .arg(QApplication::applicationVersion()));
    });

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(newAction);
    toolBar->addAction(openAction);
    toolBar->addAction(saveAction);
    toolBar->addSeparator();
    // The main action comes early: when the window is too narrow, a toolbar hides its last
    // buttons first, and this one must never be among them.
    toolBar->addAction(startAction);
    toolBar->addAction(testAction);
    toolBar->addSeparator();
    // The toolbar's Undo and Redo say just that; the command they would undo ("Undo Import 5
    // recipients from 通讯录.csv") is their tooltip and status tip. Its whole text would push
    // the main action into the toolbar's overflow after the first edit.
    toolBar->addAction(shortProxy(undoAction, tr("Undo")));
    toolBar->addAction(shortProxy(redoAction, tr("Redo")));
    toolBar->addSeparator();
    toolBar->addAction(m_recipientsView->importCsvAction());
    toolBar->addAction(m_recipientsView->addRecipientAction());
    toolBar->addAction(m_recipientsView->deleteAction());
}

QAction *MainWindow::shortProxy(QAction *action, const QString &text)
{
    auto *proxy = new QAction(action->icon(), text, this);
    proxy->setObjectName(action->objectName() + QStringLiteral("Short"));
    connect(proxy, &QAction::triggered, action, &QAction::trigger);
    const auto follow = [proxy, action] {
        const QString full = withoutMnemonics(action->text());
        proxy->setToolTip(full);
        proxy->setStatusTip(full);
        proxy->setEnabled(action->isEnabled());
    };
    connect(action, &QAction::changed, proxy, follow);
    follow();
    return proxy;
}

void MainWindow::showGuide()
{
    QList<QAction *> actions;
    const QList<QAction *> menus = menuBar()->actions();
    for (const QAction *menu : menus) {
        if (menu->menu() != nullptr)
            actions.append(menu->menu()->actions());
    }
    if (m_guide == nullptr) {
        m_guide = new GuideDialog(actions, this);
        m_guide->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_guide->show();
    m_guide->raise();
    m_guide->activateWindow();
}

SuppressionDialog *MainWindow::suppressionDialog() const
{
    return m_suppressionDialog;
}

void MainWindow::showSuppressionList()
{
    if (m_suppressionDialog == nullptr) {
        m_suppressionDialog = new SuppressionDialog(this);
        m_suppressionDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    // Each time: the account may have changed since the dialog opened.
    m_suppressionDialog->openForAccount(m_document->server().host, m_document->server().username);
    m_suppressionDialog->show();
    m_suppressionDialog->raise();
    m_suppressionDialog->activateWindow();
}

void MainWindow::connectDocument()
{
    RecipientTableModel *model = m_document->recipientModel();

    connect(m_nameEdit, &QLineEdit::textEdited, m_document, &CampaignDocument::editName);
    connect(m_document, &CampaignDocument::nameChanged, this, [this](const QString &name) {
        if (m_nameEdit->text() != name)
            m_nameEdit->setText(name);
        updateTitle();
    });

    connect(m_messageEditor,
            &MessageEditor::messageEdited,
            m_document,
            &CampaignDocument::editMessage);
    connect(m_document,
            &CampaignDocument::messageChanged,
            this,
            [this](const MessageTemplate &message) {
                m_messageEditor->setMessage(message);
                m_preview->setMessage(message);
            });

    connect(m_account,
            &AccountSettingsWidget::settingsEdited,
            m_document,
            [this](const SmtpEndpoint &server,
                   const DeliverySettings &sending,
                   const QString &editKey,
                   AuthMethod auth,
                   const OAuthSettings &oauth) {
                m_document->editSettings(server, sending, editKey, auth, oauth);
            });
    connect(m_document,
            &CampaignDocument::settingsChanged,
            m_account,
            &AccountSettingsWidget::setSettings);
    connect(m_account->mailboxSettings(),
            &MailboxSettingsWidget::mailboxEdited,
            m_document,
            &CampaignDocument::editMailbox);
    connect(m_document,
            &CampaignDocument::mailboxChanged,
            m_account->mailboxSettings(),
            &MailboxSettingsWidget::setMailbox);
    connect(m_account, &AccountSettingsWidget::signedIn, this, &MainWindow::onSignedIn);
    connect(m_account,
            &AccountSettingsWidget::signInFailed,
            m_startFlow,
            &SendStartFlow::forgetSignIn);

    auto fieldsChanged = [this, model] { m_messageEditor->setFieldNames(model->fieldNames()); };
    connect(model, &RecipientTableModel::fieldNamesChanged, this, fieldsChanged);
    connect(model, &RecipientTableModel::countsChanged, this, [this, model] {
        m_account->setRecipientCount(model->recipientCount());
        // Another list (imported, pasted, emptied): the last run's numbers no longer apply.
        m_sendView->resetForDocument(model->validCount());
    });
    connect(m_recipientsView, &RecipientsView::currentRecipientChanged, m_preview, [this](int row) {
        if (row >= 0)
            m_preview->setCurrentRecipient(row);
    });
    connect(m_sendArea, &SendArea::recipientActivated, this, [this](int row) {
        m_preview->setCurrentRecipient(row);
        showEditorPage(m_preview);
    });
    connect(m_sendArea, &SendArea::fieldFocusRequested, this, &MainWindow::focusCampaignField);

    connect(m_document, &CampaignDocument::reloaded, this, [this, fieldsChanged, model] {
        fieldsChanged();
        m_account->setRecipientCount(model->recipientCount());
        m_preview->setCurrentRecipient(model->recipientCount() > 0 ? 0 : -1);
        m_changedSinceAutosave = false;
        updateTitle();
        scheduleCheck();
        showResumeState();
    });
    connect(m_document, &CampaignDocument::contentChanged, this, [this] {
        m_changedSinceAutosave = true;
        scheduleCheck();
    });
    connect(m_document, &CampaignDocument::modifiedChanged, this, &MainWindow::updateTitle);

    connectStartFlow();
    connect(m_sendView, &SendView::signInRequested, this, &MainWindow::signInAgain);
    connect(m_sendView, &SendView::startRequested, this, [this](bool retryFailed) {
        startSending(retryFailed);
    });
    // Results name recipients by their place in the plan: the rows they came from are the ids
    // the run started with, wherever those rows are now.
    connect(m_sendController,
            &SendController::recipientResults,
            model,
            [this, model](const QList<RecipientResult> &results) {
                model->applyResults(results,
                                    m_sendController->recipientIds(),
                                    m_sendController->mode());
            });
    // What is on screen is what is being sent: the list is locked until the run has finished.
    connect(m_sendController, &SendController::stateChanged, model, [this, model] {
        if (!m_sendController->isActive()) {
            model->setReadOnly(QString());
        } else if (!model->isReadOnly()) {
            model->setReadOnly(tr("The list is locked while “%1” is being sent, so that every "
                                  "result reaches the recipient it belongs to. It can be edited "
                                  "again when sending ends.")
                                   .arg(m_document->displayName()));
        }
    });
    connect(m_sendController,
            &SendController::connectionEvents,
            m_connectionView->model(),
            &ConnectionTableModel::applyEvents);
    connect(m_sendController, &SendController::finished, this, [this](const CampaignSummary &s) {
        statusBar()->showMessage(m_sendView->statusText(), 15000);
        if (m_sendController->mode() == SendMode::Rehearse && s.sent > 0) {
            // Rehearsed once: the first steps have been taken (the guide stays in Help).
            QSettings().setValue(QStringLiteral("guide/rehearsed"), true);
            m_firstSteps->hide();
        }
        if (!s.fatalError.isEmpty())
            QMessageBox::warning(this, tr("Sending Stopped"), SendView::stopReason(s));
        // What waited for the end (closing, opening another campaign), once every other
        // handler of the end has run.
        QTimer::singleShot(0, this, &MainWindow::onSendFinished);
    });
    connect(m_document, &CampaignDocument::filePathChanged, this, &MainWindow::updateTitle);
}

void MainWindow::connectStartFlow()
{
    connect(m_startFlow, &SendStartFlow::checkingStarted, this, [this] {
        showTask(Task::Send);
        statusBar()->showMessage(tr("Checking the campaign…"));
    });
    connect(m_startFlow, &SendStartFlow::checkingFinished, statusBar(), &QStatusBar::clearMessage);
    connect(m_startFlow, &SendStartFlow::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_startFlow, &SendStartFlow::accountPageWanted, this, [this] {
        showEditorPage(m_account);
    });
    connect(m_startFlow, &SendStartFlow::signInWanted, this, [this] {
        showEditorPage(m_account);
        if (!m_account->isSigningIn())
            m_account->signIn();
    });
    connect(m_startFlow,
            &SendStartFlow::starting,
            this,
            [this](const CampaignPlan &plan, SendMode mode) {
                m_runFinalDotTimeout = plan.campaign.sending.timeouts.finalDot;
                m_runOAuth = plan.campaign.oauth;
                m_runAddress = plan.tokens ? plan.campaign.server.username : QString();
                m_connectionView->model()->clear();
                m_connectionView->model()->setDeliverySettings(plan.campaign.sending);
                if (mode != SendMode::Deliver)
                    return;
                // An OAuth2 account's watch signs in with a token source of its own, in its thread.
                if (plan.tokens)
                    m_bounceWatch->startSignedIn(plan.campaign, m_account->tokenStore());
                else
                    m_bounceWatch->start(plan.campaign,
                                         plan.mailboxPassword.isEmpty() ? plan.password
                                                                        : plan.mailboxPassword);
            });
}

void MainWindow::scheduleCheck()
{
    m_sendArea->scheduleCheck(m_document->campaign());
}

void MainWindow::updateTitle()
{
    // "[*]" is where Qt puts the unsaved-changes mark.
    setWindowTitle(tr("%1[*] — Bulkmail").arg(m_document->displayName()));
    setWindowFilePath(m_document->filePath());
    setWindowModified(m_document->isModified());
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    if (!restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray())) {
        // 1180×760 suits a 1366×768 laptop; a smaller screen (1920×1080 at 150 % is 1280×720 in
        // Qt's units) gets what it has, less room for the title bar.
        constexpr int TitleBarAllowance = 40;
        const QSize available = screen()->availableGeometry().size();
        resize(QSize(1180, 760).boundedTo(available - QSize(0, TitleBarAllowance)));
    }
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    if (!m_mainSplitter->restoreState(settings.value(QStringLiteral("mainSplitter")).toByteArray()))
        m_mainSplitter->setSizes({620, 560});
    m_taskTabs->setCurrentIndex(settings.value(QStringLiteral("task"), 0).toInt());
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("tab"), 0).toInt());
}

void MainWindow::saveWindowState()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("mainSplitter"), m_mainSplitter->saveState());
    settings.setValue(QStringLiteral("task"), m_taskTabs->currentIndex());
    settings.setValue(QStringLiteral("tab"), m_tabs->currentIndex());
}

QString MainWindow::dialogDirectory() const
{
    if (!m_document->filePath().isEmpty())
        return QFileInfo(m_document->filePath()).absolutePath();
    return FileDialogs::startFolder();
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    const QMessageBox::StandardButton answer = QMessageBox::warning(
        this,
        tr("Unsaved Changes"),
        tr("“%1” has changes that are not saved. Save them first?").arg(m_document->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
        QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    if (answer == QMessageBox::Discard) {
        discardRecoveryCopy();
        return true;
    }
    return false;
}

void MainWindow::newCampaign()
{
    afterSendingStops(tr("New Campaign"),
                      tr("“%1” is being sent. Stop sending and start a new campaign? The messages "
                         "on their way are finished and recorded first; the rest can be sent "
                         "later without sending anyone twice.")
                          .arg(m_document->displayName()),
                      tr("&Stop Sending"),
                      [this] {
                          if (!maybeSave())
                              return;
                          discardRecoveryCopy();
                          m_untitledId = QUuid::createUuid().toString(QUuid::WithoutBraces);
                          m_document->reset(CampaignDocument::blankCampaign());
                          statusBar()->showMessage(tr("New campaign"), 3000);
                      });
}

void MainWindow::openWithDialog()
{
    afterSendingStops(tr("Open Campaign"),
                      tr("“%1” is being sent. Stop sending and open another campaign? The "
                         "messages on their way are finished and recorded first; the rest can be "
                         "sent later without sending anyone twice.")
                          .arg(m_document->displayName()),
                      tr("&Stop Sending"),
                      [this] {
                          if (!maybeSave())
                              return;
                          const QString path = FileDialogs::getOpenFileName(this,
                                                                            tr("Open Campaign"),
                                                                            dialogDirectory(),
                                                                            campaignFileFilter());
                          if (!path.isEmpty())
                              openFile(path);
                      });
}

void MainWindow::openCampaignFile(const QString &path)
{
    afterSendingStops(tr("Open Campaign"),
                      tr("“%1” is being sent. Stop sending and open “%2”? The messages on their "
                         "way are finished and recorded first; the rest can be sent later "
                         "without sending anyone twice.")
                          .arg(m_document->displayName(), QFileInfo(path).fileName()),
                      tr("&Stop Sending and Open"),
                      [this, path] {
                          if (maybeSave())
                              openFile(path);
                      });
}

void MainWindow::afterSendingStops(const QString &title,
                                   const QString &question,
                                   const QString &stopButton,
                                   std::function<void()> then)
{
    if (!m_sendController->isActive()) {
        then();
        return;
    }
    if (m_sendController->state() == SendController::State::Stopping) {
        stopSendingThen(std::move(then)); // the user stopped it already: only wait
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, title, question, QMessageBox::NoButton, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("stopSendingQuestion"));
    QPushButton *stop = box->addButton(stopButton, QMessageBox::AcceptRole);
    QPushButton *keep = box->addButton(tr("&Keep Sending"), QMessageBox::RejectRole);
    box->setDefaultButton(keep);
    box->setEscapeButton(keep);
    connect(stop, &QPushButton::clicked, this, [this, then = std::move(then)] {
        stopSendingThen(then);
    });
    box->open(); // window-modal, and the event loop (the send) goes on
}

void MainWindow::stopSendingThen(std::function<void()> then)
{
    if (!m_sendController->isActive()) {
        then();
        return;
    }
    m_afterSendStops = std::move(then);
    m_sendController->cancel();
    if (m_stoppingDialog)
        return;
    auto *dialog = new QProgressDialog(this);
    dialog->setObjectName(QStringLiteral("stoppingSendDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Stopping"));
    dialog->setLabelText(tr("Finishing the messages on their way and recording them: Bulkmail "
                            "waits for the server's answers, at most %1.")
                             .arg(waitText(m_runFinalDotTimeout)));
    dialog->setCancelButton(nullptr);
    dialog->setRange(0, 0);
    dialog->setMinimumDuration(0);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->show();
    m_stoppingDialog = dialog;
}

void MainWindow::onSendFinished()
{
    if (m_sendController->isActive())
        return; // a new run started meanwhile
    if (m_stoppingDialog)
        m_stoppingDialog->close();
    if (std::function<void()> next = std::exchange(m_afterSendStops, {}))
        next();
}

bool MainWindow::openFile(const QString &path)
{
    if (m_sendController->isActive()) {
        statusBar()->showMessage(tr("Stop sending “%1” before opening another campaign.")
                                     .arg(m_document->displayName()),
                                 10000);
        return false;
    }
    abandonOpening();
    m_openingPath = path;
    const quint64 number = ++m_openingNumber;
    // The read's result goes with its watcher: a window closed meanwhile never sees it.
    auto *reading = new QFutureWatcher<Result<OpenedCampaign>>(this);
    connect(reading, &QFutureWatcherBase::finished, this, [this, reading, path, number] {
        reading->deleteLater();
        if (number == m_openingNumber && !m_openingPath.isEmpty())
            finishOpening(path, reading->result());
    });
    reading->setFuture(QtConcurrent::run([path]() -> Result<OpenedCampaign> {
        Result<Campaign> campaign = loadCampaign(path);
        if (!campaign)
            return tl::make_unexpected(campaign.error());
        Result<ResumeState> resumeState = readResumeState(*campaign);
        return OpenedCampaign{std::move(*campaign), std::move(resumeState)};
    }));

    // Nothing may edit the open campaign, start a send or close the window while the new one is
    // read (the window repaints and the log goes on meanwhile): at first the window swallows the
    // user's input, then a window-modal dialog says why.
    m_openingInputBlocker = std::make_unique<InputBlocker>(this);
    m_openingDialogTimer.start();
    return true;
}

void MainWindow::showOpeningDialog()
{
    if (!isOpening() || m_openingDialog)
        return;
    m_openingInputBlocker.reset(); // the dialog's modality takes over
    auto *dialog = new QProgressDialog(this);
    dialog->setObjectName(QStringLiteral("openingCampaignDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Open Campaign"));
    dialog->setLabelText(tr("Opening “%1”…").arg(QFileInfo(m_openingPath).fileName()));
    dialog->setRange(0, 0);
    dialog->setMinimumDuration(0);
    dialog->setWindowModality(Qt::WindowModal);
    // Cancel, Escape and closing the dialog all keep the open campaign.
    const auto cancelled = [this, dialog] {
        if (dialog != m_openingDialog)
            return; // closed because the opening ended
        abandonOpening();
        statusBar()->showMessage(tr("Opening cancelled."), 5000);
    };
    connect(dialog, &QProgressDialog::canceled, this, cancelled);
    connect(dialog, &QDialog::rejected, this, cancelled);
    m_openingDialog = dialog;
    m_wasActiveBeforeOpening = isActiveWindow();
    dialog->show();
}

void MainWindow::finishOpening(const QString &path, const Result<OpenedCampaign> &opened)
{
    m_openingPath.clear();
    closeOpeningDialog();
    if (!opened) {
        auto *box = new QMessageBox(QMessageBox::Warning,
                                    tr("Cannot Open Campaign"),
                                    tr("“%1” could not be opened.\n\n%2")
                                        .arg(QDir::toNativeSeparators(path),
                                             ErrorWords::of(opened.error())),
                                    QMessageBox::Ok,
                                    this);
        box->setObjectName(QStringLiteral("cannotOpenCampaign"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        Q_EMIT fileOpenFinished(path, false);
        return;
    }
    m_resumeStateRead = opened->resumeState; // for showResumeState(), on reloaded()
    m_document->reset(opened->campaign);
    m_resumeStateRead.reset();
    discardRecoveryCopy();
    m_recentFiles->add(path);
    FileDialogs::rememberFolder(path);
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    Q_EMIT fileOpenFinished(path, true);
}

void MainWindow::abandonOpening()
{
    if (!isOpening())
        return;
    ++m_openingNumber;
    const QString path = std::exchange(m_openingPath, QString());
    closeOpeningDialog();
    Q_EMIT fileOpenFinished(path, false);
}

void MainWindow::closeOpeningDialog()
{
    m_openingDialogTimer.stop();
    m_openingInputBlocker.reset();
    // Forgotten first: closing a progress dialog emits canceled().
    QProgressDialog *dialog = std::exchange(m_openingDialog, nullptr);
    if (dialog == nullptr)
        return;
    const bool hadTheFocus = dialog->isActiveWindow() || m_wasActiveBeforeOpening;
    dialog->close();
    // Back to the window, whose focus widget gets the keys again, as most window managers would
    // do (not all, and not Qt's offscreen platform).
    if (hadTheFocus)
        activateWindow();
}

bool MainWindow::save()
{
    if (m_document->filePath().isEmpty())
        return saveWithDialog();
    return saveAs(m_document->filePath());
}

bool MainWindow::saveWithDialog()
{
    QString suggestion = m_document->filePath();
    if (suggestion.isEmpty())
        suggestion = dialogDirectory() + u'/' + m_document->displayName() + u'.'
                     + CampaignFileSuffix;
    QString path = FileDialogs::getSaveFileName(this,
                                                tr("Save Campaign"),
                                                suggestion,
                                                campaignFileFilter());
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += u'.' + CampaignFileSuffix;
    return saveAs(path);
}

bool MainWindow::saveAs(const QString &path)
{
    const bool movedInline = m_document->recipientsMovedInline();
    const QString previousKey = documentKey();
    if (Result<void> saved = m_document->saveAs(path); !saved) {
        QMessageBox::warning(this,
                             tr("Cannot Save Campaign"),
                             tr("The campaign was not saved; the file on disk is unchanged.\n\n%1")
                                 .arg(ErrorWords::of(saved.error())));
        return false;
    }
    m_recovery.discard(previousKey);
    discardRecoveryCopy();
    m_recentFiles->add(path);
    FileDialogs::rememberFolder(path);
    statusBar()->showMessage(
        movedInline ? tr("Saved. The edited recipient list is now kept inside the campaign; the "
                         "CSV file it came from is unchanged.")
                    : tr("Saved %1").arg(QDir::toNativeSeparators(path)),
        movedInline ? 10000 : 4000);
    return true;
}

QString MainWindow::documentKey() const
{
    return RecoveryStore::documentKey(m_document->filePath(), m_untitledId);
}

void MainWindow::autosave()
{
    if (!m_document->isModified() || !m_changedSinceAutosave)
        return;
    const QString key = documentKey();
    if (!m_recoveryKey.isEmpty() && m_recoveryKey != key)
        m_recovery.discard(m_recoveryKey);
    if (Result<void> saved = m_recovery.save(key,
                                             m_document->campaignForSaving(),
                                             m_document->displayName());
        !saved) {
        statusBar()->showMessage(
            tr("Could not write the recovery copy: %1").arg(ErrorWords::of(saved.error())), 10000);
        return;
    }
    m_recoveryKey = key;
    m_changedSinceAutosave = false;
}

void MainWindow::discardRecoveryCopy()
{
    if (!m_recoveryKey.isEmpty())
        m_recovery.discard(m_recoveryKey);
    m_recovery.discard(documentKey());
    m_recoveryKey.clear();
    m_changedSinceAutosave = false;
}

bool MainWindow::offerRecovery()
{
    const QList<RecoveryEntry> entries = m_recovery.pending();
    for (const RecoveryEntry &entry : entries) {
        QMessageBox question(QMessageBox::Question,
                             tr("Recover Unsaved Changes"),
                             tr("Bulkmail was not closed properly. Changes to “%1” from %2 were "
                                "not saved. Recover them?")
                                 .arg(entry.name,
                                      QLocale().toString(entry.savedAt.toLocalTime(),
                                                         QLocale::ShortFormat)),
                             QMessageBox::NoButton,
                             this);
        QPushButton *recover = question.addButton(tr("&Recover"), QMessageBox::AcceptRole);
        QPushButton *discard = question.addButton(tr("&Discard Changes"),
                                                  QMessageBox::DestructiveRole);
        question.addButton(tr("Decide &Later"), QMessageBox::RejectRole);
        question.setDefaultButton(recover);
        question.exec();
        if (question.clickedButton() == recover)
            return restoreRecovery(entry);
        if (question.clickedButton() == discard)
            m_recovery.discard(entry);
    }
    return false;
}

void MainWindow::startUp(const QString &file, bool sample)
{
    if (offerRecovery())
        return;
    if (!file.isEmpty()) {
        openFile(file);
        return;
    }
    // A newcomer's first start shows the sample: press Start and watch connections being
    // created, reused and closed, without any mail server.
    QSettings settings;
    if (sample || !settings.value(QStringLiteral("sampleShown")).toBool()) {
        settings.setValue(QStringLiteral("sampleShown"), true);
        openSample();
    }
}

bool MainWindow::restoreRecovery(const RecoveryEntry &entry)
{
    Result<Campaign> campaign = m_recovery.load(entry);
    if (!campaign) {
        QMessageBox::warning(this,
                             tr("Cannot Recover"),
                             tr("The recovery copy could not be read.\n\n%1")
                                 .arg(ErrorWords::of(campaign.error())));
        return false;
    }
    m_document->reset(*campaign, true);
    // Keep the copy until the recovered document is saved or discarded.
    m_recoveryKey.clear();
    m_changedSinceAutosave = true;
    m_recovery.discard(entry);
    autosave();
    statusBar()->showMessage(tr("Recovered unsaved changes; save to keep them."), 10000);
    return true;
}

void MainWindow::openSample()
{
    const Result<QByteArray> bytes = readWholeFile(samplePath());
    Result<Campaign> sample = bytes ? parseCampaign(*bytes, QDir::homePath())
                                    : Result<Campaign>(tl::make_unexpected(bytes.error()));
    if (!sample) {
        QMessageBox::warning(this, tr("Sample Campaign"), ErrorWords::of(sample.error()));
        return;
    }
    discardRecoveryCopy();
    m_untitledId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_document->reset(*sample);
    m_sendView->setRehearsal(true);
    showTask(Task::Send);
    statusBar()->showMessage(tr("This is a sample campaign. Press Start Rehearsal: the messages go "
                                "to the sandbox inside Bulkmail, and nobody receives them."),
                             20000);
}

void MainWindow::showResumeState()
{
    // An opened campaign's journal was read with it, off the window's thread.
    Result<ResumeState> state = m_resumeStateRead ? *std::exchange(m_resumeStateRead, std::nullopt)
                                                  : readResumeState(m_document->campaign());
    if (!state) {
        statusBar()->showMessage(
            tr("The send journal could not be read: %1").arg(ErrorWords::of(state.error())), 15000);
        state = ResumeState{};
    }
    m_sendView->setTotal(m_document->recipientModel()->validCount());
    m_sendView->setResumeState(*state);
    m_document->recipientModel()->applyResults(state->results);
    m_document->recipientModel()->applyBounces(state->bounces);
    // The watch belongs to the campaign it was started for.
    if (m_bounceWatch->isWatching() && m_bounceWatch->campaignPath() != m_document->filePath())
        m_bounceWatch->stop();
    m_connectionView->model()->clear();
}

bool MainWindow::startSending(bool retryFailed, bool confirm)
{
    return m_startFlow->start(retryFailed ? SendStartFlow::Scope::RetryFailed
                                          : SendStartFlow::Scope::Unsent,
                              confirm ? SendStartFlow::Confirmation::Ask
                                      : SendStartFlow::Confirmation::Skip);
}

void MainWindow::focusCampaignField(CampaignCheckItem::Field field)
{
    using Field = CampaignCheckItem::Field;
    if (field == Field::Recipients) {
        m_recipientsView->setFocus(Qt::OtherFocusReason);
        return;
    }
    // The editors name their fields (objectName) for this and for the tests.
    enum class Page { Message, Attachments, Account };
    const auto [page, name] = [field]() -> std::pair<Page, const char *> {
        switch (field) {
        case Field::From:
            return {Page::Message, "from"};
        case Field::ReplyTo:
            return {Page::Message, "replyTo"};
        case Field::Subject:
            return {Page::Message, "subject"};
        case Field::Text:
        case Field::None:
            return {Page::Message, "text"};
        case Field::Html:
            return {Page::Message, "html"};
        case Field::Cc:
            return {Page::Message, "cc"};
        case Field::Bcc:
            return {Page::Message, "bcc"};
        case Field::Attachments:
            return {Page::Attachments, "attachments"};
        case Field::PersonalAttachments:
            return {Page::Attachments, "personalFolder"};
        case Field::ServerHost:
            return {Page::Account, "host"};
        case Field::Security:
            return {Page::Account, "security"};
        case Field::Username:
            return {Page::Account, "username"};
        case Field::TrustCertificate:
            return {Page::Account, "trustCertificate"};
        case Field::Recipients:
            break;
        }
        return {Page::Message, "text"};
    }();
    QWidget *editor = page == Page::Account       ? static_cast<QWidget *>(m_account)
                      : page == Page::Attachments ? m_messageEditor->attachmentsPage()
                                                  : m_messageEditor;
    showEditorPage(editor);
    auto *widget = editor->findChild<QWidget *>(QLatin1String(name));
    // The server's fields sit behind the account page's "Advanced" disclosure: open it first.
    if (page == Page::Account && widget && !widget->isVisibleTo(editor))
        m_account->setShowingAdvanced(true);
    if (field == Field::Html && widget && !widget->isVisibleTo(editor))
        widget = editor->findChild<QWidget *>(QStringLiteral("htmlEnabled")); // turn HTML on first
    if (!widget)
        return;
    for (QWidget *parent = widget->parentWidget(); parent; parent = parent->parentWidget()) {
        if (auto *area = qobject_cast<QScrollArea *>(parent))
            area->ensureWidgetVisible(widget);
    }
    widget->setFocus(Qt::OtherFocusReason);
}

void MainWindow::signInAgain()
{
    if (!m_sendController->isWaitingForSignIn())
        return;
    showEditorPage(m_account); // where the sign-in shows its progress and its link
    if (!m_account->isSigningIn())
        m_account->signIn();
}

void MainWindow::onSignedIn(const OAuthSignInResult &result)
{
    if (m_startFlow->continueAfterSignIn())
        return;
    if (!m_sendController->isWaitingForSignIn())
        return;
    if (result.address.compare(m_runAddress, Qt::CaseInsensitive) != 0) {
        statusBar()->showMessage(tr("Signed in as %1, but the campaign sends as %2: sign in as "
                                    "%2 to go on.")
                                     .arg(result.address, m_runAddress),
                                 15000);
        return;
    }
    if (result.refreshToken.isEmpty() && result.accessToken.token.isEmpty())
        return;
    // The new sign-in's tokens, for the run under way: the run's old source holds the refresh
    // token the provider refused.
    auto source = std::make_shared<OAuth2TokenSource>(m_runOAuth, m_runAddress, result.refreshToken);
    source->setInitialAccessToken(result.accessToken);
    source->keepRotatedTokensIn(m_account->tokenStore());
    if (m_sendController->resumeAfterSignIn(std::move(source)))
        statusBar()->showMessage(tr("Signed in again: sending goes on."), 8000);
}

void MainWindow::sendTestMessage()
{
    const Campaign campaign = m_document->campaign();
    if (campaign.server.host.isEmpty()) {
        showEditorPage(m_account);
        QMessageBox::information(this,
                                 tr("Send a Test Message"),
                                 tr("Choose the account to send through first."));
        return;
    }
    const int mergeRow = m_preview->currentRecipient();
    const auto openDialog = [this, campaign, mergeRow](const QString &password,
                                                       std::shared_ptr<AccessTokenSource> tokens) {
        auto *dialog = new TestMessageDialog(campaign, password, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setTokenSource(std::move(tokens));
        if (mergeRow >= 0)
            dialog->setMergeRecipient(mergeRow);
        dialog->open();
    };
    if (campaign.auth == AuthMethod::OAuth2) {
        QPointer<MainWindow> self(this);
        m_startFlow->obtainTokenSource(campaign,
                                       [self,
                                        openDialog](std::shared_ptr<AccessTokenSource> tokens) {
                                           if (self)
                                               openDialog(QString(), std::move(tokens));
                                       });
        return;
    }
    QPointer<MainWindow> self(this);
    obtainPassword(campaign.server, this, [self, openDialog](std::optional<QString> password) {
        if (self && password)
            openDialog(*password, nullptr);
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_sendController->isActive()) {
        // Closing now would drop what is on the wire unrecorded: stop, wait for it (the event
        // loop runs, the window shows that it is stopping), then close.
        event->ignore();
        afterSendingStops(tr("Sending in Progress"),
                          tr("Bulkmail is sending. Stop after the messages on their way and "
                             "close? Bulkmail first waits for the server to confirm them (at "
                             "most %1) and records them. The rest can be sent later without "
                             "sending anyone twice.")
                              .arg(waitText(m_runFinalDotTimeout)),
                          tr("Stop and &Close"),
                          [this] { close(); });
        return;
    }
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    discardRecoveryCopy();
    saveWindowState();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()) {
        const QString path = urls.first().toLocalFile();
        if (isCampaignFile(path) || isRecipientListPath(path)) {
            event->acceptProposedAction();
            return;
        }
    }
    event->ignore();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString path = event->mimeData()->urls().value(0).toLocalFile();
    event->acceptProposedAction();
    // Act after the drop returns, so that a dialog does not run inside the drag's event loop.
    QTimer::singleShot(0, this, [this, path] {
        if (isCampaignFile(path)) {
            openCampaignFile(path);
        } else if (RecipientTableModel *model = m_document->recipientModel(); model->isReadOnly()) {
            statusBar()->showMessage(model->readOnlyReason(), 10000);
        } else {
            m_recipientsView->importCsvFile(path);
        }
    });
}

void MainWindow::setUpBounceWatch(QMenu *sendMenu)
{
    m_bounceWatch = new BounceWatchController(m_sendController, this);
    m_bounceWatchLabel = new QLabel(this);
    m_bounceWatchLabel->setObjectName(QStringLiteral("bounceWatchLabel"));
    m_bounceWatchLabel->setAccessibleName(tr("Mailbox watch"));
    m_bounceWatchLabel->hide();
    statusBar()->addPermanentWidget(m_bounceWatchLabel);
    connect(m_bounceWatch, &BounceWatchController::watchingChanged, this, [this] {
        const QString text = m_bounceWatch->statusText();
        showValue(m_bounceWatchLabel, text);
        m_bounceWatchLabel->setVisible(!text.isEmpty());
        if (m_bouncesDialog)
            m_bouncesDialog->setWatchingText(text);
        if (!m_bounceWatch->isWatching() && !m_bounceWatch->lastError().isEmpty())
            statusBar()->showMessage(tr("The mailbox could not be read for bounces: %1")
                                         .arg(m_bounceWatch->lastError()),
                                     15000);
    });
    connect(m_bounceWatch,
            &BounceWatchController::feedbackFound,
            this,
            [this](const QList<FeedbackEvent> &events) {
                m_document->recipientModel()->applyBounces(events);
                if (m_bouncesDialog)
                    m_bouncesDialog->addFeedback(events);
            });
    QAction *bouncesAction = sendMenu->addAction(tr("&Bounces…"));
    bouncesAction->setObjectName(QStringLiteral("bouncesAction"));
    bouncesAction->setStatusTip(tr("What came back from the mailbox for this campaign: bounces, "
                                   "and unsubscribe requests to confirm"));
    connect(bouncesAction, &QAction::triggered, this, &MainWindow::showBounces);
}

BouncesDialog *MainWindow::bouncesDialog() const
{
    return m_bouncesDialog;
}

void MainWindow::showBounces()
{
    if (m_bouncesDialog == nullptr) {
        m_bouncesDialog = new BouncesDialog(this);
        m_bouncesDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    const bool watchingThis = m_bounceWatch->campaignPath() == m_document->filePath();
    m_bouncesDialog->setCampaign(m_document->campaign(),
                                 watchingThis ? m_bounceWatch->unsubscribeRequests()
                                              : QList<FeedbackEvent>());
    m_bouncesDialog->setWatchingText(watchingThis ? m_bounceWatch->statusText() : QString());
    m_bouncesDialog->show();
    m_bouncesDialog->raise();
    m_bouncesDialog->activateWindow();
}

} // namespace Bulkmail
