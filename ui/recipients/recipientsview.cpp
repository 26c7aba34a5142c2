#include "recipientsview.h"

#include "models/errorwords.h"

#include <QAction>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QScopedValueRollback>
#include <QStyle>
#include <QTableView>
#include <QTextDocumentFragment>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

#include "document/campaigndocument.h"
#include "document/recipientcsv.h"
#include "document/recipientworkbook.h"
#include "models/recipienttablemodel.h"
#include "recipients/csvimportdialog.h"
#include "recipients/pastedtable.h"
#include "recipients/recipientfilterproxymodel.h"
#include "widgets/filedialogs.h"

namespace Bulkmail {

namespace {

constexpr int kEmailColumn = static_cast<int>(RecipientTableModel::Column::Email);
constexpr int kNameColumn = static_cast<int>(RecipientTableModel::Column::Name);
constexpr int kStatusColumn = static_cast<int>(RecipientTableModel::Column::Status);

// The local recipient list (CSV or workbook) of a drag, if it carries one.
QString droppedListFile(const QMimeData *mimeData)
{
    if (!mimeData || !mimeData->hasUrls())
        return {};
    for (const QUrl &url : mimeData->urls()) {
        if (!url.isLocalFile())
            continue;
        const QString path = url.toLocalFile();
        if (isRecipientListPath(path))
            return path;
    }
    return {};
}

} // namespace

RecipientsView::RecipientsView(QWidget *parent)
    : QWidget(parent)
    , m_proxy(new RecipientFilterProxyModel(this))
{
    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setPlaceholderText(tr("Email, name or any field"));
    m_searchEdit->setClearButtonEnabled(true);
    m_searchEdit->setToolTip(tr("Shows only the recipients whose email, name or fields contain "
                                "this text"));
    auto *searchLabel = new QLabel(tr("&Search:"), this);
    searchLabel->setBuddy(m_searchEdit);

    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setAccessibleName(tr("Recipients"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_table->setWordWrap(false);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; arrows move between cells
    // Fixed row heights: the view never measures 100,000 rows.
    QHeaderView *rows = m_table->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().lineSpacing() + 8);
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    columns->setDefaultSectionSize(140);
    connect(columns, &QHeaderView::sectionResized, this, [this, columns](int column) {
        // The header stretches the last column by itself: only a drag of the others counts.
        if (!m_applyingColumnWidths && column <= kStatusColumn
            && columns->logicalIndex(columns->count() - 1) != column)
            m_columnsSizedByUser = true;
    });
    m_table->viewport()->installEventFilter(this);
    // Unsorted (the file's order) until a header is clicked; a third click returns to it.
    columns->setSortIndicatorClearable(true);
    columns->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);

    m_lockNotice = new QLabel(this);
    m_lockNotice->setObjectName(QStringLiteral("recipientsLockNotice"));
    m_lockNotice->setWordWrap(true);
    m_lockNotice->setAccessibleName(tr("Why the list cannot be edited"));
    m_lockNotice->setFrameShape(QFrame::StyledPanel);
    m_lockNotice->setMargin(4);
    m_lockNotice->hide();

    m_countsLabel = new QLabel(this);
    m_countsLabel->setAccessibleName(tr("Recipient counts"));
    m_countsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // What the colours mean, in words (a screen reader reads the label; the email cell of a
    // problem row also names its reason).
    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("problemLegend"));
    m_legend->setAccessibleName(tr("Colours of the rows"));
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);
    m_legend->hide();

    createActions();

    // Looks pressed while on, and says how many rows it would show.
    auto *problemsButton = new QToolButton(this);
    m_problemsButton = problemsButton;
    problemsButton->setObjectName(QStringLiteral("problemsOnly"));
    problemsButton->setDefaultAction(m_problemsOnlyAction);
    problemsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    problemsButton->setAutoRaise(false);

    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(searchLabel);
    searchRow->addWidget(m_searchEdit, 1);
    searchRow->addWidget(problemsButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(searchRow);
    layout->addWidget(m_lockNotice);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_legend);
    layout->addWidget(m_countsLabel);
    setTabOrder(m_searchEdit, problemsButton);
    setTabOrder(problemsButton, m_table);
    setAcceptDrops(true);

    connect(m_searchEdit,
            &QLineEdit::textChanged,
            m_proxy,
            &RecipientFilterProxyModel::setSearchText);
    connect(m_table->selectionModel(),
            &QItemSelectionModel::selectionChanged,
            this,
            &RecipientsView::updateActions);
    connect(m_table->selectionModel(),
            &QItemSelectionModel::currentChanged,
            this,
            &RecipientsView::emitCurrentRecipient);
    // The shown count follows the filters; the current row's model row follows removals.
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_proxy, signal, this, [this] {
            updateCounts();
            emitCurrentRecipient();
        });
    }
    const auto refresh = [this] {
        updateCounts();
        updateActions();
        emitCurrentRecipient();
    };
    connect(m_proxy, &QAbstractItemModel::modelReset, this, refresh);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, refresh);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &RecipientsView::applyColumnWidths);
    updateCounts();
    updateActions();
}

RecipientsView::~RecipientsView()
{
    // The children outlive this class's part of the object: no more calls into it.
    m_proxy->disconnect(this);
    m_table->selectionModel()->disconnect(this);
    m_table->horizontalHeader()->disconnect(this); // a header resizes its sections as it goes
    if (m_model)
        m_model->disconnect(this);
}

void RecipientsView::createActions()
{
    m_addAction = new QAction(tr("&Add Recipient"), this);
    m_addAction->setShortcut(QKeySequence(Qt::Key_Insert));
    m_addAction->setShortcutContext(Qt::WidgetShortcut);
    m_addAction->setToolTip(tr("Add an empty row and type its email address"));
    m_addAction->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
    connect(m_addAction, &QAction::triggered, this, &RecipientsView::addRecipient);
    m_table->addAction(m_addAction);

    m_deleteAction = new QAction(tr("&Delete Recipients"), this);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_deleteAction->setToolTip(tr("Delete the selected rows (Undo brings them back)"));
    m_deleteAction->setIcon(QIcon::fromTheme(QStringLiteral("list-remove")));
    connect(m_deleteAction, &QAction::triggered, this, &RecipientsView::deleteSelectedRows);
    m_table->addAction(m_deleteAction);

    m_findAction = new QAction(tr("&Find Recipient"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_findAction->setIcon(QIcon::fromTheme(QStringLiteral("edit-find")));
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_searchEdit->setFocus(Qt::ShortcutFocusReason);
        m_searchEdit->selectAll();
    });
    addAction(m_findAction);

    m_pasteAction = new QAction(tr("&Paste Recipients"), this);
    m_pasteAction->setShortcut(QKeySequence::Paste);
    m_pasteAction->setShortcutContext(Qt::WidgetShortcut);
    m_pasteAction->setToolTip(tr("Add the rows copied from Excel or WPS"));
    m_pasteAction->setIcon(QIcon::fromTheme(QStringLiteral("edit-paste")));
    connect(m_pasteAction, &QAction::triggered, this, [this] {
        pasteText(QGuiApplication::clipboard()->text());
    });
    m_table->addAction(m_pasteAction);

    // Named for what it imports, not for one format: office lists are workbooks as often as CSV.
    // The toolbar's shorter words keep it inside a laptop's screen (tst_firststeps lays it out at
    // 1180 pixels), in Chinese too.
    m_importAction = new QAction(tr("&Import Recipients…"), this);
    m_importAction->setIconText(tr("Import List…"));
    m_importAction->setToolTip(
        tr("Add or replace recipients from a workbook (Excel, WPS, LibreOffice) or a CSV file"));
    m_importAction->setIcon(QIcon::fromTheme(QStringLiteral("document-import")));
    connect(m_importAction, &QAction::triggered, this, &RecipientsView::chooseAndImportList);

    m_exportAction = new QAction(tr("&Export CSV…"), this);
    m_exportAction->setToolTip(tr("Save the list as a CSV file for Excel"));
    m_exportAction->setIcon(QIcon::fromTheme(QStringLiteral("document-export")));
    connect(m_exportAction, &QAction::triggered, this, &RecipientsView::chooseAndExportCsv);

    m_problemsOnlyAction = new QAction(tr("Show Only &Problems"), this);
    m_problemsOnlyAction->setCheckable(true);
    m_problemsOnlyAction->setToolTip(tr("Show only invalid and duplicate addresses"));
    connect(m_problemsOnlyAction, &QAction::toggled, this, [this](bool checked) {
        m_proxy->setProblemsOnly(checked);
        updateCounts();
    });
}

void RecipientsView::setDocument(CampaignDocument *document)
{
    m_document = document;
    setModel(document ? document->recipientModel() : nullptr);
}

void RecipientsView::setModel(RecipientTableModel *model)
{
    if (model == m_model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_proxy->setSourceModel(model);
    if (model) {
        connect(model, &RecipientTableModel::countsChanged, this, &RecipientsView::updateCounts);
        connect(model,
                &QAbstractItemModel::columnsInserted,
                this,
                &RecipientsView::applyColumnWidths);
        // Connected after the proxy's own handlers, so its mapping is up to date here (when
        // the proxy forwards a removal it has not renumbered its source rows yet).
        connect(model,
                &QAbstractItemModel::rowsRemoved,
                this,
                &RecipientsView::emitCurrentRecipient);
        connect(model,
                &QAbstractItemModel::rowsInserted,
                this,
                &RecipientsView::emitCurrentRecipient);
        connect(model, &RecipientTableModel::readOnlyChanged, this, [this] {
            updateActions();
            updateLockNotice();
        });
    }
    applyColumnWidths();
    updateCounts();
    updateActions();
    updateLockNotice();
    emitCurrentRecipient();
}

bool RecipientsView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize && !m_columnsSizedByUser)
        applyColumnWidths();
    return QWidget::eventFilter(watched, event);
}

void RecipientsView::applyColumnWidths()
{
    // Fixed widths, never resizeColumnsToContents(): that would measure every row.
    QHeaderView *header = m_table->horizontalHeader();
    if (header->count() <= kStatusColumn)
        return;
    // An average Latin letter (addresses are Latin), not averageCharWidth(): in a CJK font that
    // is a full-width glyph's, and Email and Name pushed Status off-screen (issue 14).
    const QString alphabet = QStringLiteral("abcdefghijklmnopqrstuvwxyz");
    const int character = fontMetrics().horizontalAdvance(alphabet)
                          / static_cast<int>(alphabet.size());
    int email = character * 32;
    int name = character * 22;
    // Room for the title and the sort arrow, however long the translation of "Status".
    const QString statusTitle = header->model()->headerData(kStatusColumn, Qt::Horizontal).toString();
    const int status = std::max(character * 14,
                                header->fontMetrics().horizontalAdvance(statusTitle)
                                    + character * 6);
    // Status stays in view: in a narrow table Email and Name give up room (down to half).
    const int room = m_table->viewport()->width();
    if (room > 0 && email + name + status > room) {
        const double share = std::max(0.5, static_cast<double>(room - status) / (email + name));
        email = static_cast<int>(email * share);
        name = static_cast<int>(name * share);
    }
    const QScopedValueRollback applying(m_applyingColumnWidths, true);
    header->resizeSection(kEmailColumn, email);
    header->resizeSection(kNameColumn, name);
    header->resizeSection(kStatusColumn, status);
}

QString RecipientsView::countsText() const
{
    return m_countsLabel->text();
}

void RecipientsView::updateCounts()
{
    if (!m_model) {
        m_countsLabel->clear();
        return;
    }
    const QLocale locale;
    const int total = m_model->recipientCount();
    const int duplicates = m_model->duplicateCount();
    QStringList parts;
    parts.append(total == 1 ? tr("1 recipient") : tr("%1 recipients").arg(locale.toString(total)));
    parts.append(tr("%1 valid").arg(locale.toString(m_model->validCount())));
    parts.append(tr("%1 invalid").arg(locale.toString(m_model->invalidCount())));
    parts.append(duplicates == 1 ? tr("1 duplicate")
                                 : tr("%1 duplicates").arg(locale.toString(duplicates)));
    if (m_proxy->isFiltering())
        parts.append(tr("%1 shown").arg(locale.toString(m_proxy->rowCount())));
    updateProblemFilter(m_model->invalidCount() + duplicates);
    const QString text = parts.join(QStringLiteral(" · "));
    if (text == m_countsLabel->text())
        return;
    m_countsLabel->setText(text);
    // Read as a sentence, without the middle dots.
    m_countsLabel->setAccessibleDescription(parts.join(QStringLiteral(", ")));
}

void RecipientsView::updateProblemFilter(int problemCount)
{
    const bool isOn = m_problemsOnlyAction->isChecked();
    const QString count = QLocale().toString(problemCount);
    m_problemsOnlyAction->setText(tr("Show Only &Problems (%1)").arg(count));
    // On: a check mark and bold words besides the pressed look, which some styles barely show.
    m_problemsOnlyAction->setIcon(isOn ? style()->standardIcon(QStyle::SP_DialogApplyButton)
                                       : QIcon());
    QFont font = m_problemsButton->font();
    font.setBold(isOn);
    m_problemsButton->setFont(font);
    m_problemsOnlyAction->setStatusTip(
        isOn ? tr("On: only the %Ln row(s) with a problem are shown", nullptr, problemCount)
             : tr("Off: every row is shown"));
    m_problemsButton->setAccessibleDescription(m_problemsOnlyAction->statusTip());

    if (problemCount == 0) {
        m_legend->clear();
        m_legend->hide();
        return;
    }
    // The swatches as the rows show them: the translucent tint over the table's background.
    const auto swatch = [this](RecipientTableModel::Tint tint) {
        const QColor base = m_table->palette().color(QPalette::Base);
        const QColor over = RecipientTableModel::problemTint(tint);
        const double alpha = over.alphaF();
        const QColor blended = QColor::fromRgbF(over.redF() * alpha + base.redF() * (1 - alpha),
                                                over.greenF() * alpha + base.greenF() * (1 - alpha),
                                                over.blueF() * alpha + base.blueF() * (1 - alpha));
        return QStringLiteral("<span style=\"background-color:%1\">&nbsp;&nbsp;&nbsp;&nbsp;</span>")
            .arg(blended.name());
    };
    m_legend->setText(
        tr("%1 Red: the address is not valid; the row is skipped. %2 Orange: a duplicate; the "
           "address receives one message. The email cell's tooltip says why.")
            .arg(swatch(RecipientTableModel::Tint::InvalidAddress),
                 swatch(RecipientTableModel::Tint::Duplicate)));
    m_legend->setAccessibleDescription(legendText());
    m_legend->show();
}

QString RecipientsView::legendText() const
{
    return m_legend->isHidden()
               ? QString()
               : QTextDocumentFragment::fromHtml(m_legend->text()).toPlainText().simplified();
}

void RecipientsView::updateActions()
{
    const bool hasModel = !m_model.isNull();
    const bool editable = hasModel && !m_model->isReadOnly();
    m_addAction->setEnabled(editable);
    m_pasteAction->setEnabled(editable);
    m_importAction->setEnabled(editable);
    m_exportAction->setEnabled(hasModel);
    m_deleteAction->setEnabled(editable && m_table->selectionModel()->hasSelection());
}

void RecipientsView::updateLockNotice()
{
    const QString reason = m_model ? m_model->readOnlyReason() : QString();
    m_lockNotice->setText(reason);
    m_lockNotice->setVisible(!reason.isEmpty());
}

QString RecipientsView::lockNoticeText() const
{
    return m_lockNotice->text();
}

void RecipientsView::emitCurrentRecipient()
{
    const QModelIndex current = m_table->currentIndex();
    const int row = current.isValid() ? m_proxy->mapToSource(current).row() : -1;
    if (row == m_lastCurrentRow)
        return;
    m_lastCurrentRow = row;
    Q_EMIT currentRecipientChanged(row);
}

void RecipientsView::addRecipient()
{
    if (!m_model || m_model->isReadOnly())
        return;
    m_searchEdit->clear(); // an empty row matches no search: it would stay hidden
    m_model->addRecipients({Recipient{}}, {}, tr("Add recipient"));
    const QModelIndex cell = m_proxy->mapFromSource(
        m_model->index(m_model->rowCount() - 1, kEmailColumn));
    if (!cell.isValid())
        return;
    m_table->setFocus(Qt::OtherFocusReason);
    m_table->setCurrentIndex(cell);
    m_table->scrollTo(cell);
    m_table->edit(cell);
}

void RecipientsView::deleteSelectedRows()
{
    if (!m_model || m_model->isReadOnly())
        return;
    QList<int> rows;
    const QItemSelection selection = m_table->selectionModel()->selection();
    for (const QItemSelectionRange &range : selection) {
        for (int row = range.top(); row <= range.bottom(); ++row)
            rows.append(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
    }
    if (rows.isEmpty())
        return;
    const QModelIndex current = m_table->currentIndex();
    const int currentRow = current.isValid() ? current.row() : 0;
    const int currentColumn = current.isValid() ? current.column() : kEmailColumn;
    // Cleared first: otherwise the selection model follows every removed run of rows.
    m_table->selectionModel()->clear();
    m_model->removeRecipientRows(rows);
    // The keyboard stays where it was: the row that took the place of the first deleted one.
    if (m_proxy->rowCount() > 0) {
        const QModelIndex next = m_proxy->index(std::min(currentRow, m_proxy->rowCount() - 1),
                                                currentColumn);
        m_table->selectionModel()->setCurrentIndex(next,
                                                   QItemSelectionModel::ClearAndSelect
                                                       | QItemSelectionModel::Rows);
    }
    updateActions();
}

void RecipientsView::pasteText(const QString &text)
{
    if (!m_model || m_model->isReadOnly())
        return;
    const PastedTable table = recipientsFromPastedText(text, m_model->fieldNames());
    const int count = static_cast<int>(table.recipients.size());
    if (count == 0)
        return;
    m_searchEdit->clear(); // the pasted rows are to be seen
    const int first = m_model->rowCount();
    m_model->addRecipients(table.recipients,
                           table.fieldNames,
                           count == 1 ? tr("Paste 1 recipient")
                                      : tr("Paste %1 recipients").arg(QLocale().toString(count)));
    const QModelIndex cell = m_proxy->mapFromSource(m_model->index(first, kEmailColumn));
    if (cell.isValid()) {
        m_table->selectionModel()->setCurrentIndex(cell,
                                                   QItemSelectionModel::ClearAndSelect
                                                       | QItemSelectionModel::Rows);
        m_table->scrollTo(cell);
    }
}

void RecipientsView::importCsvFile(const QString &path)
{
    if (!m_model || m_model->isReadOnly())
        return;
    auto *dialog = new CsvImportDialog(path, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const Result<CsvImport> result = dialog->result();
        const QString fileName = QFileInfo(dialog->path()).fileName();
        if (result && m_document && m_document->recipientModel() == m_model)
            m_document->importRecipients(*result, dialog->mode(), fileName, dialog->notices());
        else if (result && m_model)
            m_model->importRecipients(*result, dialog->mode(), fileName);
    });
    dialog->open();
}

bool RecipientsView::exportCsvFile(const QString &path)
{
    if (!m_model) {
        m_lastError = tr("There is no recipient list to export.");
        return false;
    }
    const QStringList statuses = m_model->hasSendResults() ? m_model->statusTexts() : QStringList();
    const Result<void> written = exportRecipientsCsv(path,
                                                     m_model->fieldNames(),
                                                     m_model->recipients(),
                                                     statuses);
    if (!written) {
        m_lastError = ErrorWords::of(written.error());
        return false;
    }
    m_lastError.clear();
    return true;
}

void RecipientsView::chooseAndImportList()
{
    const QString path = FileDialogs::getOpenFileName(this,
                                                      tr("Import Recipients"),
                                                      QString(),
                                                      tr("Recipient lists (%1);;"
                                                         "CSV files (*.csv *.txt *.tsv);;"
                                                         "Workbooks (*.xlsx *.xlsm *.xls *.ods);;"
                                                         "All files (*)")
                                                          .arg(recipientListPatterns().join(u' ')));
    if (!path.isEmpty())
        importCsvFile(path);
}

void RecipientsView::chooseAndExportCsv()
{
    const QString path = FileDialogs::getSaveFileName(this,
                                                      tr("Export Recipients"),
                                                      tr("recipients.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty() || exportCsvFile(path))
        return;
    QMessageBox::warning(this,
                         tr("Export Failed"),
                         tr("The list could not be saved as %1.\n\n%2")
                             .arg(QFileInfo(path).fileName(), m_lastError));
}

void RecipientsView::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_model && !m_model->isReadOnly() && !droppedListFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void RecipientsView::dropEvent(QDropEvent *event)
{
    const QString path = droppedListFile(event->mimeData());
    if (!m_model || m_model->isReadOnly() || path.isEmpty())
        return;
    event->acceptProposedAction();
    importCsvFile(path);
}

} // namespace Bulkmail
