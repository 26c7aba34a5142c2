#pragma once

#include <QPointer>
#include <QString>
#include <QWidget>

class QAction;
class QLabel;
class QToolButton;
class QLineEdit;
class QTableView;

namespace Bulkmail {

class CampaignDocument;
class RecipientFilterProxyModel;
class RecipientTableModel;

// The recipients editor: a table over the list (sortable by any column, editable in place),
// a search line (Ctrl+F), a "problems only" filter, and a counts line that is always visible
// ("2,400 recipients · 2,391 valid · 6 invalid · 3 duplicates"). Its actions go into the main
// window's menus and toolbar; every change they make goes through the model's undo stack.
//
// While the model is read-only (a send runs), the editing actions are disabled and a notice
// above the table says why (RecipientTableModel::readOnlyReason()).
//
// Built for 100,000 rows: fixed row heights, no widgets per row, column widths set once
// (never resized to contents), sorting and filtering reading the model's rows directly.
class RecipientsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecipientsView)

public:
    explicit RecipientsView(QWidget *parent = nullptr);
    ~RecipientsView() override;

    void setModel(RecipientTableModel *model);
    // Shows the document's list, and imports into the document (CampaignDocument::
    // importRecipients), so that what a workbook's import found reaches the checklist.
    void setDocument(CampaignDocument *document);
    [[nodiscard]] RecipientTableModel *model() const { return m_model; }

    // Adds an empty row and starts editing its email cell.
    [[nodiscard]] QAction *addRecipientAction() const { return m_addAction; }
    // Deletes the selected rows as one undo step (Delete).
    [[nodiscard]] QAction *deleteAction() const { return m_deleteAction; }
    // Focuses the search line (Ctrl+F).
    [[nodiscard]] QAction *findAction() const { return m_findAction; }
    // Adds the rows on the clipboard, as copied from Excel or WPS (Ctrl+V in the table).
    [[nodiscard]] QAction *pasteAction() const { return m_pasteAction; }
    [[nodiscard]] QAction *importCsvAction() const { return m_importAction; }
    [[nodiscard]] QAction *exportCsvAction() const { return m_exportAction; }
    // Shows only invalid and duplicate rows (checkable).
    [[nodiscard]] QAction *showProblemsOnlyAction() const { return m_problemsOnlyAction; }

    // The parts, for the main window's focus handling and for tests.
    [[nodiscard]] QTableView *tableView() const { return m_table; }
    [[nodiscard]] RecipientFilterProxyModel *proxyModel() const { return m_proxy; }
    [[nodiscard]] QLineEdit *searchEdit() const { return m_searchEdit; }
    [[nodiscard]] QString countsText() const;
    // What the problem rows' colours mean, as the legend under the table says it (empty and
    // hidden while no row has a problem).
    [[nodiscard]] QString legendText() const;
    // Why the list cannot be edited now (empty: it can), as the notice above the table shows it.
    [[nodiscard]] QString lockNoticeText() const;
    // Why the last export failed, in plain words.
    [[nodiscard]] QString lastError() const { return m_lastError; }

public Q_SLOTS:
    // Opens the import dialog for the file (window-modal, returns at once); accepting it
    // imports the rows as one undo step.
    void importCsvFile(const QString &path);
    // Writes the list as CSV (with a "Send status" column once anything was sent). Shows no
    // message: on failure it returns false and lastError() says why.
    bool exportCsvFile(const QString &path);
    // Adds rows from tab-separated text as the paste action does.
    void pasteText(const QString &text);

Q_SIGNALS:
    // The model row of the current cell, -1 if none (for the message preview).
    void currentRecipientChanged(int recipientRow);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void addRecipient();
    void deleteSelectedRows();
    void chooseAndImportList();
    void chooseAndExportCsv();
    void updateCounts();
    void updateProblemFilter(int problemCount);
    void updateActions();
    void updateLockNotice();
    void applyColumnWidths();
    void emitCurrentRecipient();

    QPointer<RecipientTableModel> m_model;
    QPointer<CampaignDocument> m_document; // null: imports go to m_model alone
    RecipientFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QLabel *m_countsLabel = nullptr;
    QLabel *m_legend = nullptr;
    QToolButton *m_problemsButton = nullptr;
    QLabel *m_lockNotice = nullptr;
    QString m_lastError;
    int m_lastCurrentRow = -2;
    // The column widths follow the table's width until the user drags a column.
    bool m_columnsSizedByUser = false;
    bool m_applyingColumnWidths = false;

    QAction *m_addAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_pasteAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_problemsOnlyAction = nullptr;
};

} // namespace Bulkmail
