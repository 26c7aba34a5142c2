#include "suppressiondialog.h"

#include "models/errorwords.h"
#include "widgets/accessiblenames.h"
#include "widgets/sentences.h"

#include "suppressiontablemodel.h"
#include "widgets/filedialogs.h"
#include "widgets/focusshelter.h"
#include "widgets/serialjobs.h"

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
#include <optional>
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
    connect(m_addButton, &QPushButton::clicked, this, [this] { addAddress(m_addressEdit->text()); });
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

    // A control that a job disables hands the keyboard focus to the table, which the job
    // changes, and takes it back when it is enabled again.
    m_focus = std::make_unique<FocusShelter>(m_view);

    nameControlsAfterTheirLabels(this);
    showUnavailable(tr("No list is open."));
}

SuppressionDialog::~SuppressionDialog() = default;

// What a job did on the worker thread, for the GUI thread to show.
struct SuppressionDialog::Outcome
{
    bool isOpen = false; // else `error` says why the list cannot be opened, and nothing was done
    QString error;       // why the work failed (or stopped part way)
    QList<SuppressionEntry> removed; // what a removal took off
    QString notPutBack;              // the address an undo could not put back
    SuppressionImport imported;
    std::optional<QList<SuppressionEntry>> entries; // the list after the work
    QString readError;                              // why it could not be read back
};

void SuppressionDialog::openList(const QString &path, const QString &account)
{
    if (path != m_path) {
        // Another account's list: nothing of the one shown before stays, nor its jobs' results.
        ++m_generation;
        m_path = path;
        m_isOpen = false;
        m_model->setEntries({});
        m_counts.clear();
    }
    m_removed.clear();
    m_intro->setText(tr("The addresses %1 never mails again: hard bounces, unsubscribe "
                        "requests, and the ones you add. Every campaign from this account skips "
                        "them, and its checklist says how many.")
                         .arg(account));
    start({}, [this](const Outcome &outcome) {
        if (!outcome.isOpen) {
            showUnavailable(tr("The suppression list cannot be opened: %1").arg(outcome.error));
            return;
        }
        report({});
    });
}

void SuppressionDialog::showUnavailable(const QString &why)
{
    ++m_generation;
    m_path.clear();
    m_isOpen = false;
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
    openList(SuppressionList::pathForAccount(host, username),
             username.isEmpty() ? host : tr("%1 as %2").arg(host, username));
}

QString SuppressionDialog::statusText() const
{
    return m_status->text();
}

void SuppressionDialog::start(Work work, Show show)
{
    m_focus->take({m_addButton, m_removeButton, m_undoButton, m_importButton, m_exportButton});
    ++m_jobs;
    report({});
    const int generation = m_generation;
    SerialJobs::run(
        this,
        [path = m_path, work = std::move(work)] {
            Outcome outcome;
            Result<std::unique_ptr<SuppressionList>> list = SuppressionList::open(path);
            if (!list) {
                outcome.error = ErrorWords::of(list.error());
                return outcome;
            }
            outcome.isOpen = true;
            if (work)
                work(**list, outcome);
            Result<QList<SuppressionEntry>> entries = (*list)->entries();
            if (entries)
                outcome.entries = std::move(*entries);
            else
                outcome.readError = ErrorWords::of(entries.error());
            return outcome;
        },
        [this, generation, show = std::move(show)](const Outcome &outcome) {
            --m_jobs;
            if (generation == m_generation)
                finish(outcome, show);
            else
                report({});
            if (!isBusy())
                m_focus->giveBack();
            Q_EMIT operationFinished();
        });
}

void SuppressionDialog::finish(const Outcome &outcome, const Show &show)
{
    if (outcome.isOpen)
        m_isOpen = true;
    if (outcome.entries) {
        showEntries(*outcome.entries);
    } else if (!outcome.readError.isEmpty()) {
        m_model->setEntries({});
        m_counts = tr("The list cannot be read: %1").arg(outcome.readError);
    }
    show(outcome);
}

bool SuppressionDialog::addAddress(const QString &address)
{
    const QString trimmed = address.trimmed();
    if (!m_isOpen || isBusy() || trimmed.isEmpty())
        return false;
    start(
        [trimmed](SuppressionList &list, Outcome &outcome) {
            SuppressionEntry entry;
            entry.address = trimmed;
            entry.reason = SuppressionReason::Manual;
            if (Result<void> added = list.add(entry); !added)
                outcome.error = ErrorWords::of(added.error());
        },
        [this, trimmed](const Outcome &outcome) {
            if (!outcome.error.isEmpty()) {
                report(tr("Cannot add “%1”: %2").arg(trimmed, outcome.error));
                return;
            }
            m_removed.clear();
            // Typed meanwhile: another address, which stays.
            if (m_addressEdit->text().trimmed() == trimmed)
                m_addressEdit->clear();
            report(tr("Added %1: campaigns from this account skip it.")
                       .arg(normalizedSuppressionAddress(trimmed)));
        });
    return true;
}

bool SuppressionDialog::removeSelected()
{
    if (!m_isOpen || isBusy())
        return false;
    QList<SuppressionEntry> selected;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        selected.append(m_model->entryAt(m_proxy->mapToSource(row).row()));
    if (selected.isEmpty())
        return false;
    start(
        [selected](SuppressionList &list, Outcome &outcome) {
            for (const SuppressionEntry &entry : selected) {
                const Result<bool> done = list.remove(entry.address);
                if (!done) {
                    outcome.error = ErrorWords::of(done.error());
                    return;
                }
                if (*done)
                    outcome.removed.append(entry);
            }
        },
        [this](const Outcome &outcome) {
            m_removed = outcome.removed;
            QString text = tr("Removed %n address(es): campaigns from this account may mail "
                              "them again.",
                              nullptr,
                              int(outcome.removed.size()));
            if (!outcome.isOpen)
                text = tr("Nothing was removed: %1").arg(outcome.error);
            else if (!outcome.error.isEmpty())
                text += sentenceSeparator()
                        + tr("The rest could not be removed: %1").arg(outcome.error);
            report(text);
        });
    return true;
}

bool SuppressionDialog::undoRemove()
{
    if (!m_isOpen || isBusy() || m_removed.isEmpty())
        return false;
    const QList<SuppressionEntry> entries = std::exchange(m_removed, {});
    start(
        [entries](SuppressionList &list, Outcome &outcome) {
            for (const SuppressionEntry &entry : entries) {
                // The entry as it was, its first date included: add() keeps what it is given.
                if (Result<void> added = list.add(entry); !added) {
                    outcome.error = ErrorWords::of(added.error());
                    outcome.notPutBack = entry.address;
                    return;
                }
            }
        },
        [this, first = entries.constFirst().address, count = int(entries.size())](
            const Outcome &outcome) {
            if (!outcome.error.isEmpty()) {
                // Not opened: the first one was not put back either.
                report(tr("Cannot put “%1” back: %2")
                           .arg(outcome.notPutBack.isEmpty() ? first : outcome.notPutBack,
                                outcome.error));
                return;
            }
            report(tr("Put back %n address(es).", nullptr, count));
        });
    return true;
}

bool SuppressionDialog::importFrom(const QString &path)
{
    if (!m_isOpen || isBusy())
        return false;
    start(
        [path](SuppressionList &list, Outcome &outcome) {
            const Result<SuppressionImport> imported = list.importCsvFile(path);
            if (imported)
                outcome.imported = *imported;
            else
                outcome.error = ErrorWords::of(imported.error());
        },
        [this, path](const Outcome &outcome) {
            if (!outcome.error.isEmpty()) {
                report(tr("Nothing was imported from “%1”: %2")
                           .arg(QDir::toNativeSeparators(path), outcome.error));
                return;
            }
            m_removed.clear();
            report(tr("Imported “%1”: %2 new, %3 already listed.")
                       .arg(QDir::toNativeSeparators(path),
                            QLocale().toString(outcome.imported.added),
                            QLocale().toString(outcome.imported.updated)));
        });
    return true;
}

bool SuppressionDialog::exportTo(const QString &path)
{
    if (!m_isOpen || isBusy())
        return false;
    start(
        [path](SuppressionList &list, Outcome &outcome) {
            if (Result<void> exported = list.exportCsv(path); !exported)
                outcome.error = ErrorWords::of(exported.error());
        },
        [this, path](const Outcome &outcome) {
            if (!outcome.error.isEmpty()) {
                report(tr("Cannot export to “%1”: %2")
                           .arg(QDir::toNativeSeparators(path), outcome.error));
                return;
            }
            report(tr("Exported %n address(es) to “%1”.", nullptr, m_model->rowCount())
                       .arg(QDir::toNativeSeparators(path)));
        });
    return true;
}

void SuppressionDialog::showEntries(const QList<SuppressionEntry> &entries)
{
    m_model->setEntries(entries);
    std::array<int, 3> byReason{}; // by SuppressionReason
    for (const SuppressionEntry &entry : entries)
        ++byReason.at(std::size_t(entry.reason));
    if (entries.isEmpty()) {
        m_counts = tr("The list is empty: this account mails every address of its campaigns.");
        return;
    }
    const QLocale locale;
    m_counts = tr("%n address(es) (hard bounces: %1, unsubscribed: %2, added by hand: %3).",
                  nullptr,
                  int(entries.size()))
                   .arg(locale.toString(byReason.at(std::size_t(SuppressionReason::HardBounce))),
                        locale.toString(byReason.at(std::size_t(SuppressionReason::Unsubscribe))),
                        locale.toString(byReason.at(std::size_t(SuppressionReason::Manual))));
}

void SuppressionDialog::report(const QString &text)
{
    showValue(m_status,
              joinSentences(
                  {m_counts, text, isBusy() ? tr("Working on the suppression list…") : QString()}));
    updateButtons();
}

void SuppressionDialog::updateButtons()
{
    const bool open = m_isOpen;
    // While a job runs, nothing starts another one (its result is not known yet).
    const bool ready = open && !isBusy();
    m_filterEdit->setEnabled(open);
    m_addressEdit->setEnabled(open);
    m_addButton->setEnabled(ready && !m_addressEdit->text().trimmed().isEmpty());
    m_removeButton->setEnabled(ready && m_view->selectionModel()->hasSelection());
    m_undoButton->setEnabled(ready && !m_removed.isEmpty());
    m_importButton->setEnabled(ready);
    m_exportButton->setEnabled(ready && m_model->rowCount() > 0);
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
