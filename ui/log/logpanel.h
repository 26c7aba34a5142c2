#pragma once

#include "common/result.h"

#include <QDockWidget>
#include <QTimer>

#include <chrono>
#include <cstdint>
#include <memory>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Bulkmail {

class LogBufferSink;
class LogFilterProxyModel;
class LogModel;

// The log panel: the engine's log lines, live, fed by core's LogBufferSink. While the panel is
// shown, a GUI-thread timer drains the sink every 100 ms into a bounded LogModel (STYLE.md
// rule 10): no signal per line, so a flood of lines costs one model update per tick. Lines that
// no longer fit are counted ("1,234 older lines are in the log file").
//
// Filters: level, connection, text. Ctrl+C copies the selected lines as "time level #id
// message"; Save… writes the lines shown to a file; Open log folder shows the log files.
// Secrets never reach it: the engine redacts them before they are logged.
class LogPanel final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogPanel)

public:
    static constexpr std::chrono::milliseconds DrainInterval{100};
    // How many lines the panel asks room for (sizeHint()) when it opens.
    static constexpr int OpenLines = 10;

    enum class LevelFilter { All, InfoAndAbove, WarningsAndAbove, ErrorsOnly };
    Q_ENUM(LevelFilter)

    explicit LogPanel(std::shared_ptr<LogBufferSink> sink, QWidget *parent = nullptr);
    ~LogPanel() override;

    [[nodiscard]] LogModel *model() const { return m_model; }
    [[nodiscard]] LogFilterProxyModel *filterModel() const { return m_filter; }
    [[nodiscard]] QTableView *view() const { return m_view; }
    [[nodiscard]] bool isDraining() const { return m_drainTimer.isActive(); }

    void setLevelFilter(LevelFilter filter);
    void setConnectionFilter(int connectionId); // 0: all connections
    void setSearchText(const QString &text);
    [[nodiscard]] bool isAutoScrollPaused() const;
    void setAutoScrollPaused(bool paused);

    // Lines no longer shown because of the bounds (the sink's and the model's).
    [[nodiscard]] std::uint64_t droppedCount() const;
    [[nodiscard]] QString droppedText() const;

    // The lines shown (after filters), each as LogModel::formatLine().
    [[nodiscard]] QStringList visibleLines() const;
    // The selected lines, in display order.
    [[nodiscard]] QStringList selectedLines() const;
    void copySelectedLines() const;
    // Writes visibleLines() to `path` atomically (QSaveFile), one per line, UTF-8.
    [[nodiscard]] Result<void> saveVisibleLines(const QString &path) const;
    void openLogFolder() const;

    // Moves what the sink holds into the model now (the timer calls it).
    void drainNow();

    [[nodiscard]] QSize sizeHint() const override;

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void saveWithDialog();
    void addConnectionChoice(int connectionId);
    void updateDroppedLabel();

    std::shared_ptr<LogBufferSink> m_sink;
    LogModel *m_model;
    LogFilterProxyModel *m_filter;
    QComboBox *m_levelCombo;
    QComboBox *m_connectionCombo;
    QLineEdit *m_searchEdit;
    QCheckBox *m_pauseCheck;
    QPushButton *m_saveButton;
    QPushButton *m_folderButton;
    QLabel *m_droppedLabel;
    QTableView *m_view;
    QAction *m_copyAction;
    QTimer m_drainTimer;
};

} // namespace Bulkmail
