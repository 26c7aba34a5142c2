#include "logpanel.h"

#include "logfilterproxymodel.h"
#include "logging/logbuffersink.h"
#include "logging/logging.h"
#include "logmodel.h"
#include "models/errorwords.h"
#include "widgets/filedialogs.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace Bulkmail {

LogPanel::LogPanel(std::shared_ptr<LogBufferSink> sink, QWidget *parent)
    : QDockWidget(tr("Log"), parent)
    , m_sink(std::move(sink))
    , m_model(new LogModel(LogModel::DefaultCapacity, this))
    , m_filter(new LogFilterProxyModel(this))
{
    setObjectName(QStringLiteral("logPanel"));
    auto *content = new QWidget(this);

    m_levelCombo = new QComboBox(content);
    m_levelCombo->setObjectName(QStringLiteral("levelFilter"));
    m_levelCombo->addItem(tr("All lines"), QVariant::fromValue(LevelFilter::All));
    m_levelCombo->addItem(tr("Info and above"), QVariant::fromValue(LevelFilter::InfoAndAbove));
    m_levelCombo->addItem(tr("Warnings and errors"),
                          QVariant::fromValue(LevelFilter::WarningsAndAbove));
    m_levelCombo->addItem(tr("Errors only"), QVariant::fromValue(LevelFilter::ErrorsOnly));
    auto *levelLabel = new QLabel(tr("&Show:"), content);
    levelLabel->setBuddy(m_levelCombo);

    m_connectionCombo = new QComboBox(content);
    m_connectionCombo->setObjectName(QStringLiteral("connectionFilter"));
    m_connectionCombo->addItem(tr("All connections"), 0);
    auto *connectionLabel = new QLabel(tr("C&onnection:"), content);
    connectionLabel->setBuddy(m_connectionCombo);

    m_searchEdit = new QLineEdit(content);
    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setClearButtonEnabled(true);
    m_searchEdit->setPlaceholderText(tr("Text in the message"));
    auto *searchLabel = new QLabel(tr("&Find:"), content);
    searchLabel->setBuddy(m_searchEdit);

    m_pauseCheck = new QCheckBox(tr("&Pause auto-scroll"), content);
    m_pauseCheck->setObjectName(QStringLiteral("pauseAutoScroll"));
    m_pauseCheck->setToolTip(tr("Keep the view where it is while new lines arrive."));
    m_saveButton = new QPushButton(tr("&Save…"), content);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setToolTip(tr("Save the lines shown to a text file."));
    m_folderButton = new QPushButton(tr("Open log &folder"), content);
    m_folderButton->setObjectName(QStringLiteral("openLogFolderButton"));
    m_folderButton->setToolTip(tr("Show the folder with the full log files."));
    m_droppedLabel = new QLabel(content);
    m_droppedLabel->setObjectName(QStringLiteral("droppedLabel"));
    m_droppedLabel->hide();

    m_filter->setSourceModel(m_model);
    m_view = new QTableView(content);
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setAccessibleName(tr("Log lines"));
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures thousands of rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(static_cast<int>(LogModel::Column::Time),
                           m_view->fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000"))
                               + 16);
    m_view->setColumnWidth(static_cast<int>(LogModel::Column::Level),
                           m_view->fontMetrics().horizontalAdvance(QStringLiteral("warning"))
                               + m_view->iconSize().width() + 24);
    m_view->setColumnWidth(static_cast<int>(LogModel::Column::Connection),
                           m_view->fontMetrics().horizontalAdvance(tr("Connection")) + 16);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->installEventFilter(this);

    m_copyAction = new QAction(tr("&Copy lines"), m_view);
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(m_copyAction);
    auto *saveAction = new QAction(tr("&Save lines shown…"), m_view);
    m_view->addAction(saveAction);

    auto *filters = new QHBoxLayout;
    filters->addWidget(levelLabel);
    filters->addWidget(m_levelCombo);
    filters->addWidget(connectionLabel);
    filters->addWidget(m_connectionCombo);
    filters->addWidget(searchLabel);
    filters->addWidget(m_searchEdit, 1);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_pauseCheck);
    actions->addWidget(m_droppedLabel);
    // The buttons keep their size; the room between goes to nobody (issue 14: they stretched).
    actions->addStretch(1);
    actions->addWidget(m_saveButton);
    actions->addWidget(m_folderButton);
    auto *layout = new QVBoxLayout(content);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addLayout(actions);
    setWidget(content);

    setTabOrder(m_levelCombo, m_connectionCombo);
    setTabOrder(m_connectionCombo, m_searchEdit);
    setTabOrder(m_searchEdit, m_view);
    setTabOrder(m_view, m_pauseCheck);
    setTabOrder(m_pauseCheck, m_saveButton);
    setTabOrder(m_saveButton, m_folderButton);

    connect(m_levelCombo, &QComboBox::currentIndexChanged, this, [this] {
        setLevelFilter(m_levelCombo->currentData().value<LevelFilter>());
    });
    connect(m_connectionCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setConnectionId(m_connectionCombo->currentData().toInt());
    });
    connect(m_searchEdit, &QLineEdit::textChanged, m_filter, &LogFilterProxyModel::setSearchText);
    connect(m_model, &LogModel::connectionSeen, this, &LogPanel::addConnectionChoice);
    connect(m_copyAction, &QAction::triggered, this, &LogPanel::copySelectedLines);
    connect(saveAction, &QAction::triggered, this, &LogPanel::saveWithDialog);
    connect(m_saveButton, &QPushButton::clicked, this, &LogPanel::saveWithDialog);
    connect(m_folderButton, &QPushButton::clicked, this, &LogPanel::openLogFolder);

    m_drainTimer.setInterval(DrainInterval);
    connect(&m_drainTimer, &QTimer::timeout, this, &LogPanel::drainNow);
}

LogPanel::~LogPanel() = default;

QSize LogPanel::sizeHint() const
{
    QSize hint = QDockWidget::sizeHint();
    // Room for OpenLines lines where the dock first opens: two lines of a log tell nothing.
    const int lines = m_view->verticalHeader()->defaultSectionSize() * OpenLines
                      + m_view->horizontalHeader()->sizeHint().height() + 2 * m_view->frameWidth();
    hint.setHeight(hint.height() - m_view->sizeHint().height() + std::max(lines, 0));
    return hint;
}

void LogPanel::showEvent(QShowEvent *event)
{
    QDockWidget::showEvent(event);
    drainNow();
    m_drainTimer.start();
}

void LogPanel::hideEvent(QHideEvent *event)
{
    // Hidden, the panel costs nothing: the sink keeps the newest lines (bounded) until it shows.
    m_drainTimer.stop();
    QDockWidget::hideEvent(event);
}

void LogPanel::drainNow()
{
    if (!m_sink)
        return;
    // Everything the sink holds, but only the newest capacity() lines become rows: the model
    // would remove the older ones in the same tick anyway, so a flood inserts at most one
    // capacity's worth of rows per tick and the view shows the newest lines at once.
    std::vector<LogEntry> entries = m_sink->drain(std::numeric_limits<std::size_t>::max());
    if (!entries.empty()) {
        m_model->append(std::move(entries));
        if (!m_pauseCheck->isChecked())
            m_view->scrollToBottom();
    }
    updateDroppedLabel();
}

std::uint64_t LogPanel::droppedCount() const
{
    return m_model->droppedCount() + (m_sink ? m_sink->droppedCount() : 0);
}

QString LogPanel::droppedText() const
{
    const std::uint64_t dropped = droppedCount();
    if (dropped == 0)
        return {};
    const int count = dropped > std::uint64_t(std::numeric_limits<int>::max())
                          ? std::numeric_limits<int>::max()
                          : int(dropped);
    return tr("%Ln older line(s) are in the log file", nullptr, count);
}

void LogPanel::updateDroppedLabel()
{
    const QString text = droppedText();
    m_droppedLabel->setText(text);
    m_droppedLabel->setVisible(!text.isEmpty());
}

void LogPanel::setLevelFilter(LevelFilter filter)
{
    const int comboIndex = m_levelCombo->findData(QVariant::fromValue(filter));
    if (comboIndex >= 0 && comboIndex != m_levelCombo->currentIndex())
        m_levelCombo->setCurrentIndex(comboIndex); // comes back here through the signal
    switch (filter) {
    case LevelFilter::All:
        m_filter->setMinimumLevel(spdlog::level::trace);
        break;
    case LevelFilter::InfoAndAbove:
        m_filter->setMinimumLevel(spdlog::level::info);
        break;
    case LevelFilter::WarningsAndAbove:
        m_filter->setMinimumLevel(spdlog::level::warn);
        break;
    case LevelFilter::ErrorsOnly:
        m_filter->setMinimumLevel(spdlog::level::err);
        break;
    }
}

void LogPanel::setConnectionFilter(int connectionId)
{
    if (connectionId > 0)
        addConnectionChoice(connectionId);
    m_connectionCombo->setCurrentIndex(std::max(m_connectionCombo->findData(connectionId), 0));
}

void LogPanel::addConnectionChoice(int connectionId)
{
    if (m_connectionCombo->findData(connectionId) >= 0)
        return;
    // Ascending after "All connections".
    int position = 1;
    while (position < m_connectionCombo->count()
           && m_connectionCombo->itemData(position).toInt() < connectionId)
        ++position;
    m_connectionCombo->insertItem(position, QStringLiteral("#%1").arg(connectionId), connectionId);
}

void LogPanel::setSearchText(const QString &text)
{
    m_searchEdit->setText(text);
}

bool LogPanel::isAutoScrollPaused() const
{
    return m_pauseCheck->isChecked();
}

void LogPanel::setAutoScrollPaused(bool paused)
{
    m_pauseCheck->setChecked(paused);
}

QStringList LogPanel::visibleLines() const
{
    QStringList lines;
    lines.reserve(m_filter->rowCount());
    for (int row = 0; row < m_filter->rowCount(); ++row)
        lines.append(m_filter->index(row, 0).data(LogModel::LineRole).toString());
    return lines;
}

QStringList LogPanel::selectedLines() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) {
        return a.row() < b.row();
    });
    QStringList lines;
    lines.reserve(rows.size());
    for (const QModelIndex &index : std::as_const(rows))
        lines.append(index.data(LogModel::LineRole).toString());
    return lines;
}

void LogPanel::copySelectedLines() const
{
    const QStringList lines = selectedLines();
    if (!lines.isEmpty())
        QGuiApplication::clipboard()->setText(lines.join(u'\n') + u'\n');
}

bool LogPanel::eventFilter(QObject *watched, QEvent *event)
{
    // QTableView copies a single cell on Ctrl+C; the panel copies whole lines instead.
    if (watched == m_view
        && (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Copy)) {
            if (event->type() == QEvent::KeyPress)
                copySelectedLines();
            event->accept();
            return true;
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

Result<void> LogPanel::saveVisibleLines(const QString &path) const
{
    QString text = visibleLines().join(u'\n');
    if (!text.isEmpty())
        text += u'\n';
    const QByteArray bytes = text.toUtf8();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.flush()
        || !file.commit())
        return makeError(ErrorCode::Io,
                         tr("Could not save the log lines to %1: %2")
                             .arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

void LogPanel::saveWithDialog()
{
    const QString path = FileDialogs::getSaveFileName(this,
                                                      tr("Save log lines"),
                                                      QStringLiteral("bulkmail-log.txt"),
                                                      tr("Text files (*.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const Result<void> saved = saveVisibleLines(path); !saved)
        QMessageBox::warning(this, tr("Save log lines"), ErrorWords::of(saved.error()));
}

void LogPanel::openLogFolder() const
{
    const QString folder = logDirectory();
    QDir().mkpath(folder);
    QDesktopServices::openUrl(QUrl::fromLocalFile(folder));
}

} // namespace Bulkmail
