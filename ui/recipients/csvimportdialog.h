#pragma once

#include "common/result.h"
#include "document/recipientcsv.h"
#include "document/recipientworkbook.h"
#include "models/recipienttablemodel.h"

#include <QByteArray>
#include <QDialog>
#include <QHash>
#include <QStringList>

class QButtonGroup;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLayout;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace Bulkmail {

// Asks how to read a recipient list before its recipients join the list: shows the first rows as
// they will be imported, and lets the user choose the delimiter and the encoding (CSV) or the
// sheet (a workbook: .xlsx, .xls, .ods, values as the spreadsheet shows them), the email and name
// columns, and whether the rows are added to the list or replace it. Every change parses the
// file again (parseRecipientsCsv(), or RecipientWorkbook::import() over the workbook read once);
// OK stays disabled while the file does not parse, and the reason is shown in plain words
// ("line 14: ...", "row 7: ..."), as are a workbook's hidden sheets and rows, merged header cells
// and skipped title rows. A merge field can be renamed in the preview (double-click its header,
// or Rename Column).
//
// The file is read on a worker thread (readRecipientListFile()), so that a big list, or one on a
// slow network share, never freezes the window: until it is back the summary says the file is
// being read and Import waits; the choices can be made meanwhile and apply once it is read.
// Closing the dialog does not wait for the read, whose result is then dropped.
class CsvImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CsvImportDialog)

public:
    explicit CsvImportDialog(const QString &path, QWidget *parent = nullptr);
    ~CsvImportDialog() override;

    [[nodiscard]] QString path() const { return m_path; }
    // The file parsed with the current choices.
    [[nodiscard]] Result<CsvImport> result() const { return m_result; }
    [[nodiscard]] ImportMode mode() const;
    [[nodiscard]] CsvImportOptions options() const;

    // The choices, settable for tests and for callers that know better. Each re-parses.
    // A null QChar / empty value means "automatic".
    void setDelimiter(QChar delimiter);
    void setEncoding(const QByteArray &encoding);
    void setEmailColumn(const QString &column);
    void setNameColumn(const QString &column);
    void setMode(ImportMode mode);
    // A workbook's sheet by name; empty: the first visible sheet that holds a value. The sheet
    // chosen when the dialog is accepted is remembered for the next import of the same file.
    void setSheet(const QString &sheet);
    // Gives a merge field (a column of the preview after Email and Name) another name, kept
    // through every re-parse; an empty `name` restores the file's. Returns why it cannot be done
    // (a name another column has), or an empty string.
    QString renameColumn(const QString &field, const QString &name);

    // Whether the file is still being read; loaded() follows.
    [[nodiscard]] bool isLoading() const { return m_isLoading; }
    [[nodiscard]] bool isWorkbook() const { return m_workbook.has_value(); }
    // The sheet the preview shows (a workbook only).
    [[nodiscard]] QString sheet() const { return m_sheetUsed; }
    // What the workbook's import found that the user should know (hidden rows...), for the
    // current choices; empty for a CSV.
    [[nodiscard]] QList<WorkbookNotice> notices() const { return m_notices; }

    // What the dialog shows, for tests: the header's column names (as the combo boxes list
    // them), the preview, and the problems text.
    [[nodiscard]] QStringList columnNames() const { return m_columns; }
    [[nodiscard]] QStandardItemModel *previewModel() const { return m_previewModel; }
    [[nodiscard]] QString problemsText() const;
    [[nodiscard]] QString summaryText() const;
    [[nodiscard]] bool canAccept() const;

    // How many recipients the preview shows at most.
    static constexpr int PreviewRows = 20;

Q_SIGNALS:
    // The file has been read (or could not be) and parsed with the current choices.
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showLoaded(Result<RecipientListFile> file);
    void showRowsOf(bool isWorkbookFile);
    void reparse();
    void reparseWorkbook();
    void updateColumns(const QStringList &columns);
    void updatePreview();
    void fitPreviewColumns();
    void updateProblems();
    void applyRenames();
    void renameCurrentColumn();
    void rememberSheet() const;
    [[nodiscard]] static QStringList readHeader(const QByteArray &bytes,
                                                const QByteArray &encoding,
                                                QChar delimiter);

    QString m_path;
    QByteArray m_bytes;
    std::optional<QString> m_readError;
    std::optional<RecipientWorkbook> m_workbook;
    QList<WorkbookNotice> m_notices;
    QString m_sheetUsed;
    int m_headerRow = 0;
    Result<CsvImport> m_result;
    QStringList m_columns;
    QStringList m_fileFieldNames;      // the merge fields as the file names them
    QHash<QString, QString> m_renames; // file's name → the user's
    bool m_isUpdating = false;
    bool m_isLoading = true;

    QFormLayout *m_form = nullptr;
    QLayout *m_delimiterRow = nullptr;
    QComboBox *m_delimiterCombo = nullptr;
    QLineEdit *m_otherDelimiterEdit = nullptr;
    QComboBox *m_encodingCombo = nullptr;
    QComboBox *m_sheetCombo = nullptr;
    QComboBox *m_emailCombo = nullptr;
    QComboBox *m_nameCombo = nullptr;
    QButtonGroup *m_modeGroup = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QPlainTextEdit *m_problemsView = nullptr;
    QStandardItemModel *m_previewModel = nullptr;
    QTableView *m_previewView = nullptr;
    QPushButton *m_renameButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Bulkmail
