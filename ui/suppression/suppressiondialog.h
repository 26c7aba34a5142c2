#pragma once

#include "feedback/suppressionlist.h"

#include <QDialog>

#include <functional>
#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace Bulkmail {

class FocusShelter;
class SuppressionTableModel;

// Tools → Suppression List: the addresses an account never mails again (hard bounces,
// unsubscribe requests, and the ones the user adds), with the reason, the date and the detail.
// The user can find, add, remove (and take a removal back), import and export them. It works
// on core's SuppressionList, the same SQLite file bulkmail-cli and the send plan read, so what
// is changed here is skipped by the next campaign from that account.
//
// Removing an address means that it may be mailed again: rather than ask first, the removal is
// said in the status line and "Undo Remove" puts the entries back as they were (date included).
//
// The file is never touched on the GUI thread: opening it may wait for another program setting
// it up, and every statement for a send (in this app or in bulkmail-cli) that is writing. Each
// operation is a job on SerialJobs (open the list, do the work, read the entries back) that
// returns what it found; meanwhile the buttons that start another one are disabled and the
// status line says that the list is being worked on.
class SuppressionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SuppressionDialog)

public:
    explicit SuppressionDialog(QWidget *parent = nullptr);
    ~SuppressionDialog() override;

    // Shows the list at `path`, the list of `account` ("smtp.example.org as news@example.org"),
    // once a job has opened and read it. Without a list the dialog says `why` and offers nothing
    // to do.
    void openList(const QString &path, const QString &account);
    void showUnavailable(const QString &why);
    // Opens the list of the account that sends through `host` as `username`.
    void openForAccount(const QString &host, const QString &username);

    [[nodiscard]] SuppressionTableModel *model() const { return m_model; }
    [[nodiscard]] QTableView *view() const { return m_view; }
    [[nodiscard]] QString statusText() const;
    // Whether a job on the list is under way (operationFinished() follows).
    [[nodiscard]] bool isBusy() const { return m_jobs > 0; }

    // What the buttons do, after their file dialogs: each starts a job that reports in the
    // status line, and returns whether it started one (not while another runs, nor with nothing
    // to do).
    bool addAddress(const QString &address);
    bool removeSelected();
    bool undoRemove();
    bool importFrom(const QString &path);
    bool exportTo(const QString &path);

Q_SIGNALS:
    // A job has ended, and the table and the status line show its result.
    void operationFinished();

private:
    struct Outcome;
    using Work = std::function<void(SuppressionList &, Outcome &)>;
    using Show = std::function<void(const Outcome &)>;
    // Runs `work` on the list (none: only read it) off the GUI thread, then shows the entries
    // read after it and calls `show` with the rest.
    void start(Work work, Show show);
    void finish(const Outcome &outcome, const Show &show);
    void showEntries(const QList<SuppressionEntry> &entries);
    void report(const QString &text);
    void updateButtons();
    void onImportClicked();
    void onExportClicked();

    QString m_path;                    // the list's file (empty: none)
    bool m_isOpen = false;             // a job has opened m_path
    int m_jobs = 0;                    // jobs under way
    int m_generation = 0;              // a job started for an earlier list shows nothing
    QList<SuppressionEntry> m_removed; // what "Undo Remove" puts back
    QString m_counts;                  // "12 addresses: 8 hard bounces, ..."

    QLabel *m_intro = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    SuppressionTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_addressEdit = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QPushButton *m_undoButton = nullptr;
    QPushButton *m_importButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QLabel *m_status = nullptr;
    std::unique_ptr<FocusShelter> m_focus;
};

} // namespace Bulkmail
