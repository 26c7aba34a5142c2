#include "suppressiondialog.h"

#include "widgets/accessiblenames.h"
#include "widgets/sentences.h"

#include "suppressiontablemodel.h"
#include "widgets/filedialogs.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <array>
#include <utility>

namespace Bulkmail {

SuppressionDialog::SuppressionDialog(QWidget *parent)
    : QDialog(parent)
    , m_model(new SuppressionTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setWindowTitle(tr("Suppression List"));
    resize(760, 480);

    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);

    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setPlaceholderText(tr("Part of an address, a reason or a detail"));
    m_filterEdit->setClearButtonEnabled(true);
    auto *filterLabel = new QLabel(tr("&Find:"), this);
    filterLabel->setBuddy(m_filterEdit);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_filterEdit, 1);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SuppressionTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(int(SuppressionTableModel::Column::Date), Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAccessibleName(tr("Suppressed addresses"));

    m_addressEdit = new QLineEdit(this);
    m_addressEdit->setPlaceholderText(tr("someone@example.org"));
    m_addButton = new QPushButton(tr("&Add"), this);
    m_addButton->setToolTip(tr("Never mail this address again from this account."));
    auto *addLabel = new QLabel(tr("Add an a&ddress:"), this);
    addLabel->setBuddy(m_addressEdit);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(addLabel);
    addRow->addWidget(m_addressEdit, 1);
    addRow->addWidget(m_addButton);

    m_removeButton = new QPushButton(tr("&Remove"), this);
    m_removeButton->setToolTip(tr("Takes the selected addresses off the list: campaigns from "
                                  "this account may mail them again."));
    m_undoButton = new QPushButton(tr("&Undo Remove"), this);
    m_importButton = new QPushButton(tr("&Import…"), this);
    m_importButton->setToolTip(tr("Adds the addresses of a CSV file with an email column, such "
                                  "as an export of this list."));
    m_exportButton = new QPushButton(tr("&Export…"), this);
    m_exportButton->setToolTip(tr("Saves the list as a CSV file that Excel and WPS open."));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *buttonRow = new QHBoxLayout;
    for (QPushButton *button : {m_removeButton, m_undoButton, m_importButton, m_exportButton})
        buttonRow->addWidget(button);
    buttonRow->addStretch(1);
    buttonRow->addWidget(buttons);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setAccessibleName(tr("Suppression list status"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(filterRow);
    layout->addWidget(m_view, 1);
    layout->addLayout(addRow);
    layout->addWidget(m_status);
    layout->addLayout(buttonRow);

    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, [this](const QString &text) {
        m_proxy->setFilterFixedString(text.trimmed());
    });
    connect(m_addButton, &QPushButton::clicked, this, [this] {
        if (addAddress(m_addressEdit->text()))
            m_addressEdit->clear();
    });
    connect(m_addressEdit, &QLineEdit::returnPressed, m_addButton, &QPushButton::click);
    connect(m_addressEdit, &QLineEdit::textChanged, this, &SuppressionDialog::updateButtons);
    connect(m_removeButton, &QPushButton::clicked, this, &SuppressionDialog::removeSelected);
    connect(m_undoButton, &QPushButton::clicked, this, &SuppressionDialog::undoRemove);
    connect(m_importButton, &QPushButton::clicked, this, &SuppressionDialog::onImportClicked);
    connect(m_exportButton, &QPushButton::clicked, this, &SuppressionDialog::onExportClicked);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_view->selectionModel(),
            &QItemSelectionModel::selectionChanged,
            this,
            &SuppressionDialog::updateButtons);

    nameControlsAfterTheirLabels(this);
    showUnavailable(tr("No list is open."));
}

SuppressionDialog::~SuppressionDialog() = default;

void SuppressionDialog::setList(std::unique_ptr<SuppressionList> list, const QString &account)
{
    m_list = std::move(list);
    m_removed.clear();
    m_intro->setText(tr("The addresses %1 never mails again: hard bounces, unsubscribe "
                        "requests, and the ones you add. Every campaign from this account skips "
                        "them, and its checklist says how many.")
                         .arg(account));
    reload();
    report({});
}

void SuppressionDialog::showUnavailable(const QString &why)
{
    m_list.reset();
    m_removed.clear();
    m_model->setEntries({});
    m_intro->setText(why);
    m_counts.clear();
    report({});
}

void SuppressionDialog::openForAccount(const QString &host, const QString &username)
{
    if (host.trimmed().isEmpty()) {
        showUnavailable(tr("Each account has its own suppression list: choose the account on "
                           "the account page first."));
        return;
    }
    Result<std::unique_ptr<SuppressionList>> opened = SuppressionList::openForAccount(host,
                                                                                      username);
    if (!opened) {
        showUnavailable(tr("The suppression list cannot be opened: %1").arg(opened.error().message));
        return;
    }
    setList(std::move(*opened), username.isEmpty() ? host : tr("%1 as %2").arg(host, username));
}

QString SuppressionDialog::statusText() const
{
    return m_status->text();
}

bool SuppressionDialog::addAddress(const QString &address)
{
    if (!m_list || address.trimmed().isEmpty())
        return false;
    SuppressionEntry entry;
    entry.address = address.trimmed();
    entry.reason = SuppressionReason::Manual;
    if (Result<void> added = m_list->add(entry); !added) {
        report(tr("Cannot add “%1”: %2").arg(address.trimmed(), added.error().message));
        return false;
    }
    m_removed.clear();
    reload();
    report(tr("Added %1: campaigns from this account skip it.")
               .arg(normalizedSuppressionAddress(address)));
    return true;
}

bool SuppressionDialog::removeSelected()
{
    if (!m_list)
        return false;
    QList<SuppressionEntry> selected;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        selected.append(m_model->entryAt(m_proxy->mapToSource(row).row()));
    if (selected.isEmpty())
        return false;
    QList<SuppressionEntry> removed;
    QString failure;
    for (const SuppressionEntry &entry : std::as_const(selected)) {
        const Result<bool> done = m_list->remove(entry.address);
        if (!done) {
            failure = done.error().message;
            break;
        }
        if (*done)
            removed.append(entry);
    }
    m_removed = removed;
    reload();
    QString text = tr("Removed %n address(es): campaigns from this account may mail them again.",
                      nullptr,
                      int(removed.size()));
    if (!failure.isEmpty())
        text += sentenceSeparator() + tr("The rest could not be removed: %1").arg(failure);
    report(text);
    return !removed.isEmpty();
}

bool SuppressionDialog::undoRemove()
{
    if (!m_list || m_removed.isEmpty())
        return false;
    const QList<SuppressionEntry> entries = std::exchange(m_removed, {});
    for (const SuppressionEntry &entry : entries) {
        // The entry as it was, its first date included: add() keeps what it is given.
        if (Result<void> added = m_list->add(entry); !added) {
            reload();
            report(tr("Cannot put “%1” back: %2").arg(entry.address, added.error().message));
            return false;
        }
    }
    reload();
    report(tr("Put back %n address(es).", nullptr, int(entries.size())));
    return true;
}

bool SuppressionDialog::importFrom(const QString &path)
{
    if (!m_list)
        return false;
    const Result<SuppressionImport> imported = m_list->importCsvFile(path);
    if (!imported) {
        report(tr("Nothing was imported from “%1”: %2")
                   .arg(QDir::toNativeSeparators(path), imported.error().message));
        return false;
    }
    m_removed.clear();
    reload();
    report(tr("Imported “%1”: %2 new, %3 already listed.")
               .arg(QDir::toNativeSeparators(path),
                    QLocale().toString(imported->added),
                    QLocale().toString(imported->updated)));
    return imported->added + imported->updated > 0;
}

bool SuppressionDialog::exportTo(const QString &path)
{
    if (!m_list)
        return false;
    if (Result<void> exported = m_list->exportCsv(path); !exported) {
        report(tr("Cannot export to “%1”: %2")
                   .arg(QDir::toNativeSeparators(path), exported.error().message));
        return false;
    }
    report(tr("Exported %n address(es) to “%1”.", nullptr, m_model->rowCount())
               .arg(QDir::toNativeSeparators(path)));
    return true;
}

void SuppressionDialog::reload()
{
    m_counts.clear();
    if (!m_list) {
        m_model->setEntries({});
        return;
    }
    const Result<QList<SuppressionEntry>> entries = m_list->entries();
    if (!entries) {
        m_model->setEntries({});
        m_counts = tr("The list cannot be read: %1").arg(entries.error().message);
        return;
    }
    m_model->setEntries(*entries);
    std::array<int, 3> byReason{}; // by SuppressionReason
    for (const SuppressionEntry &entry : *entries)
        ++byReason.at(std::size_t(entry.reason));
    if (entries->isEmpty()) {
        m_counts = tr("The list is empty: this account mails every address of its campaigns.");
        return;
    }
    const QLocale locale;
    m_counts = tr("%n address(es) (hard bounces: %1, unsubscribed: %2, added by hand: %3).",
                  nullptr,
                  int(entries->size()))
                   .arg(locale.toString(byReason.at(std::size_t(SuppressionReason::HardBounce))),
                        locale.toString(byReason.at(std::size_t(SuppressionReason::Unsubscribe))),
                        locale.toString(byReason.at(std::size_t(SuppressionReason::Manual))));
}

void SuppressionDialog::report(const QString &text)
{
    showValue(m_status, text.isEmpty() ? m_counts : m_counts + sentenceSeparator() + text);
    updateButtons();
}

void SuppressionDialog::updateButtons()
{
    const bool open = m_list != nullptr;
    m_filterEdit->setEnabled(open);
    m_addressEdit->setEnabled(open);
    m_addButton->setEnabled(open && !m_addressEdit->text().trimmed().isEmpty());
    m_removeButton->setEnabled(open && m_view->selectionModel()->hasSelection());
    m_undoButton->setEnabled(open && !m_removed.isEmpty());
    m_importButton->setEnabled(open);
    m_exportButton->setEnabled(open && m_model->rowCount() > 0);
}

void SuppressionDialog::onImportClicked()
{
    const QString path = FileDialogs::getOpenFileName(this,
                                                      tr("Import Suppressed Addresses"),
                                                      QString(),
                                                      tr("CSV files (*.csv *.txt);;All files (*)"));
    if (!path.isEmpty())
        importFrom(path);
}

void SuppressionDialog::onExportClicked()
{
    const QString path = FileDialogs::getSaveFileName(this,
                                                      tr("Export the Suppression List"),
                                                      tr("suppression-list.csv"),
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportTo(path);
}

} // namespace Bulkmail
